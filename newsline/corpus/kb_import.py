"""Stream a Wikidata JSON dump into a newsline knowledge file.

A Wikidata dump (``latest-all.json[.gz|.bz2]``) is one JSON array with one entity per line. It
is read line by line, never whole, in two passes: the first keeps people with offices held
(P39, with start P580 and end P582 qualifiers), countries and organisations with their English
labels and aliases, and notes which office items are referred to; the second reads the labels
of those offices. The result has the format of ``newsline/data/knowledge.json``, each fact with
its Wikidata URL as source, and extends the bundled knowledge base when named as
``knowledge`` in ``newsline.toml``.
"""

from __future__ import annotations

import bz2
import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from newsline.errors import DataError

HUMAN = "Q5"
COUNTRY_CLASSES = {"Q6256", "Q3624078", "Q7275"}  # country, sovereign state, state
ORG_CLASSES = {"Q43229", "Q4830453", "Q484652", "Q7210356", "Q1331793", "Q7278", "Q1193236",
               "Q327333", "Q2659904"}  # organisation, business, international org., political
# org., news agency, political party, media company, government agency, government org.
WIKIDATA = "https://www.wikidata.org/wiki/"


@dataclass(slots=True)
class ImportReport:
    lines: int = 0
    people: int = 0
    terms: int = 0
    places: int = 0
    organisations: int = 0
    skipped: int = 0  # lines that were not valid entity JSON
    knowledge: dict[str, Any] = field(default_factory=dict)


def _open(path: Path) -> IO[str]:
    try:
        if path.suffix == ".gz":
            return gzip.open(path, "rt", encoding="utf-8")
        if path.suffix == ".bz2":
            return bz2.open(path, "rt", encoding="utf-8")
        return path.open("r", encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read dump: {exc.strerror}", str(path)) from exc


def _entities(path: Path, report: ImportReport | None = None) -> Iterator[dict[str, Any]]:
    with _open(path) as fh:
        try:
            for line in fh:
                line = line.strip().rstrip(",")
                if line in ("", "[", "]"):
                    continue
                if report is not None:
                    report.lines += 1
                try:
                    entity = json.loads(line)
                except json.JSONDecodeError:
                    if report is not None:
                        report.skipped += 1
                    continue
                if isinstance(entity, dict) and "id" in entity:
                    yield entity
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise DataError(f"dump is unreadable or truncated: {exc}", str(path),
                            "download it again") from exc


def _label(entity: dict[str, Any]) -> str | None:
    value = entity.get("labels", {}).get("en", {}).get("value")
    return value if isinstance(value, str) and value else None


def _aliases(entity: dict[str, Any]) -> list[str]:
    return [a["value"] for a in entity.get("aliases", {}).get("en", []) if a.get("value")]


def _ids(entity: dict[str, Any], prop: str) -> set[str]:
    out = set()
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            out.add(value["id"])
    return out


def _day(snaks: list[dict[str, Any]] | None) -> str | None:
    """A qualifier's time as YYYY-MM-DD, when it is precise to the day."""
    for snak in snaks or []:
        value = snak.get("datavalue", {}).get("value", {})
        time, precision = value.get("time"), value.get("precision")
        if isinstance(time, str) and precision == 11 and time.startswith("+"):
            return time[1:11]
    return None


def import_dump(path: Path) -> ImportReport:
    """Read the dump at ``path`` and return the knowledge it holds (see the module doc)."""
    if not path.is_file():
        raise DataError("dump not found", str(path), "give the path of a Wikidata JSON dump")
    report = ImportReport()
    entities: list[dict[str, Any]] = []
    pending: list[tuple[str, str, str, str | None, str]] = []  # holder, office id, from, to, src
    for entity in _entities(path, report):
        name = _label(entity)
        if name is None:
            continue
        classes = _ids(entity, "P31")
        source = WIKIDATA + entity["id"]
        if HUMAN in classes:
            held = entity.get("claims", {}).get("P39", [])
            terms = []
            for claim in held:
                office = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
                start = _day(claim.get("qualifiers", {}).get("P580"))
                if not isinstance(office, dict) or "id" not in office or start is None:
                    continue
                end = _day(claim.get("qualifiers", {}).get("P582"))
                terms.append((name, office["id"], start, end, source))
            if terms:
                pending.extend(terms)
                report.people += 1
                entities.append({"name": name, "type": "PERSON", "aliases": _aliases(entity),
                                 "source": source})
        elif classes & COUNTRY_CLASSES:
            report.places += 1
            entities.append({"name": name, "type": "GPE", "aliases": _aliases(entity),
                             "source": source})
        elif classes & ORG_CLASSES:
            report.organisations += 1
            entities.append({"name": name, "type": "ORG", "aliases": _aliases(entity),
                             "source": source})
    wanted = {office for _, office, _, _, _ in pending}
    offices: dict[str, str] = {}
    if wanted:
        for entity in _entities(path):
            if entity["id"] in wanted:
                label = _label(entity)
                if label:
                    offices[entity["id"]] = label
    office_terms = [
        {"office": offices.get(office, office), "holder": holder, "from": start, "to": end,
         "source": src}
        for holder, office, start, end, src in pending
    ]
    report.terms = len(office_terms)
    report.knowledge = {
        "schema": "newsline.knowledge/1",
        "about": f"Imported from the Wikidata dump {path.name} by newsline kb import.",
        "entities": entities,
        "offices": office_terms,
    }
    return report
