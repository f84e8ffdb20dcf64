"""Office holders with dated terms, from the real sources, in the knowledge-file format.

Each reader returns ``(offices, titles)``: term entries (``office``, ``holder``, ``from``,
``to``, ``country``, ``source``, and where it helps ``short``, ``family_first``, ``precision``,
``as_of``) and, per office, the titles that name it in text. Every office gets explicit titles,
so the analysis never falls back to guessing one from the office's name ("Secretary of State
for the Home Department" would give "Secretary").
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsline.names import country_of, name_key

Entry = dict[str, Any]

IFG_REPO = "https://github.com/instituteforgov/ifg-ministers-database-public"
IFG_COMMIT = "92e2270"


def country(name: str) -> str:
    """The country's common name ("People's Republic of China" -> "China")."""
    return country_of(name_key(name)) or re.sub(r"^the\s+", "", name.strip())


# ------------------------------------------------------------------ UK ministers (IfG)

# IfG post name (or its start) -> (office, titles). Posts that changed their name keep one
# office ("Foreign and Commonwealth Affairs" and "Foreign, Commonwealth and Development").
_UK_SOS = [
    ("Foreign", "Foreign Secretary"), ("the Home Department", "Home Secretary"),
    ("Defence", "Defence Secretary"), ("Health", "Health Secretary"),
    ("Education", "Education Secretary"), ("Transport", "Transport Secretary"),
    ("Work and Pensions", "Work and Pensions Secretary"), ("Scotland", "Scottish Secretary"),
    ("Wales", "Welsh Secretary"), ("Northern Ireland", "Northern Ireland Secretary"),
    ("Environment, Food", "Environment Secretary"), ("the Environment", "Environment Secretary"),
    ("Justice", "Justice Secretary"), ("Constitutional Affairs", "Justice Secretary"),
    ("Culture", "Culture Secretary"), ("Digital, Culture", "Culture Secretary"),
    ("National Heritage", "Heritage Secretary"),
    ("International Development", "International Development Secretary"),
    ("Trade and Industry", "Business Secretary"), ("Business", "Business Secretary"),
    ("Innovation, Universities", "Universities Secretary"), ("Industry", "Industry Secretary"),
    ("Energy", "Energy Secretary"), ("Exiting the European Union", "Brexit Secretary"),
    ("International Trade", "International Trade Secretary"), ("Trade", "Trade Secretary"),
    ("Communities", "Communities Secretary"), ("Housing", "Housing Secretary"),
    ("Levelling Up", "Levelling Up Secretary"), ("Local Government", "Local Government Secretary"),
    ("Social Security", "Social Security Secretary"),
    ("Social Services", "Social Services Secretary"),
    ("Employment", "Employment Secretary"), ("Children, Schools", "Children Secretary"),
    ("Science", "Science Secretary"), ("Public Service", "Public Service Secretary"),
    ("the Cabinet Office", "Cabinet Office Secretary"),
]
_UK_NAMED = {
    "Prime Minister": ("Prime Minister of the United Kingdom", ["Prime Minister", "PM"]),
    "Chancellor of the Exchequer": ("Chancellor of the Exchequer",
                                    ["Chancellor", "Chancellor of the Exchequer"]),
    "Deputy Prime Minister": ("Deputy Prime Minister of the United Kingdom",
                              ["Deputy Prime Minister"]),
    "First Secretary of State": ("First Secretary of State of the United Kingdom",
                                 ["First Secretary of State"]),
    "Chief Secretary to the Treasury": ("Chief Secretary to the Treasury",
                                        ["Chief Secretary to the Treasury"]),
    "Lord Chancellor": ("Lord Chancellor", ["Lord Chancellor"]),
    "Attorney General": ("Attorney General for England and Wales", ["Attorney General"]),
    "Solicitor General": ("Solicitor General for England and Wales", ["Solicitor General"]),
    "Chancellor of the Duchy of Lancaster": ("Chancellor of the Duchy of Lancaster",
                                             ["Chancellor of the Duchy of Lancaster"]),
}
# Junior posts whose names say nothing particular ("Minister of State", a whip) are left out:
# no title in text names one of them.
_UK_GENERIC_POST = re.compile(r"^(Minister of State|Parliamentary (Under-)?Secretary|Assistant "
                              r"Whip|Lord Commissioner|Lords? in Waiting|Baroness in Waiting|"
                              r"Vice Chamberlain|Comptroller|Treasurer of|Captain of|Deputy "
                              r"Chief Whip|Minister without Portfolio|Deputy Leader)")


def _uk_office(post: str) -> tuple[str, list[str]] | None:
    if post in _UK_NAMED:
        return _UK_NAMED[post]
    m = re.match(r"Secretary of State for (.+?)(?: and Lord Chancellor)?$", post)
    if m:
        rest = m[1]
        for start, title in _UK_SOS:
            if rest.startswith(start):
                return f"{title} of the United Kingdom", [title]
        return f"Secretary of State for {rest}", [f"Secretary of State for {rest}"]
    if _UK_GENERIC_POST.match(post):
        return None
    return post, [post]  # "Minister for Europe", "Paymaster General", "Economic Secretary"


_PEER = re.compile(r"^(Lord|Baroness|Lady|Viscount|Earl|Marquess|Duke)\b")


def ascii_forms(name: str) -> list[str]:
    """The name without diacritics, and its last word, when they differ ("Recep Tayyip
    Erdoğan" -> ["Recep Tayyip Erdogan", "Erdogan"]): English news often drops them."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name)
                    if not unicodedata.combining(ch))
    if plain == name:
        return []
    return [plain, plain.split()[-1]] if " " in plain else [plain]


def with_ascii(entry: Entry) -> Entry:
    extra = ascii_forms(entry["holder"])
    for s in entry.get("short", []):
        extra += ascii_forms(s)
    if extra:
        entry["short"] = sorted({*entry.get("short", []), *extra} - {entry["holder"]})
    return entry


def _ifg_names(folder: Path) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(folder / "person.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["id"]].append(row)
    return out


def _name_on(rows: list[dict[str, str]], day: str) -> dict[str, str]:
    """The person's name row in force on ``day`` (IfG keeps name changes: peerages)."""
    for row in rows:
        if (not row["start_date"] or row["start_date"] <= day) and (
                not row["end_date"] or day < row["end_date"]):
            return row
    return rows[-1]


def uk_ministers(folder: Path) -> tuple[list[Entry], list[Entry]]:
    """Every cabinet-level UK minister since May 1979 and the junior ministers whose post has a
    name of its own, from the Institute for Government's ministers database."""
    with open(folder / "post.csv", encoding="utf-8") as f:
        posts = {row["id"]: row for row in csv.DictReader(f)}
    people = _ifg_names(folder)
    offices: list[Entry] = []
    titles: dict[str, list[str]] = {}
    with open(folder / "appointment.csv", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: (r["start_date"], r["id"]))
    for row in rows:
        post = posts[row["post_id"]]
        mapped = _uk_office(post["name"])
        if mapped is None or not row["start_date"] or (
                row["end_date"] and row["end_date"] < row["start_date"]):
            continue  # (one source row ends before it starts: left out)
        office, tls = mapped
        names = people[row["person_id"]]
        who = _name_on(names, row["start_date"])
        # one person, one holder name: the name without a peerage when they had one ("David
        # Cameron", not "Lord Cameron of Chipping Norton"); the peerage is a short name
        common = [r["name"] for r in names if not _PEER.match(r["name"])]
        holder = common[-1] if common else who["name"]
        short = [who["short_name"]] if who["short_name"] else []
        short += [r["name"] for r in names if r["name"] != holder]
        entry: Entry = {"office": office, "holder": holder, "from": row["start_date"],
                        "to": row["end_date"] or None, "country": "United Kingdom"}
        if short:
            entry["short"] = sorted(set(short) - {holder})
        entry["source"] = f"{IFG_REPO}/blob/{IFG_COMMIT}/data/appointment.csv#{row['id']}"
        offices.append(with_ascii(entry))
        titles.setdefault(office, tls)
    return _merge_spans(offices), [{"office": o, "titles": t} for o, t in sorted(titles.items())]


def _merge_spans(offices: list[Entry]) -> list[Entry]:
    """Join back-to-back appointments of one holder to one office (a reshuffle that renames
    the post keeps the person in it) into one term."""
    out: list[Entry] = []
    last: dict[tuple[str, str], Entry] = {}
    for e in offices:
        key = (e["office"], e["holder"])
        prev = last.get(key)
        if prev is not None and (prev["to"] is None or _days(prev["to"], e["from"]) <= 1):
            if prev["to"] is not None:
                prev["to"] = e["to"]
            continue  # (an open term already covers a later appointment to the same post)
        last[key] = e
        out.append(e)
    return out


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


# ------------------------------------------------------------------ heads (Wikidata 2021)

_HEAD_TITLES = {  # the words before " of " in the position's label -> titles in text
    "president": ["President"], "prime minister": ["Prime Minister", "PM"],
    "monarch": ["King", "Queen"], "king": ["King"], "queen": ["Queen"],
    "member": ["Federal Councillor"], "captain regent": ["Captain Regent"],
    "chairman": ["Chairman"], "governor-general": ["Governor-General", "Governor General"],
    "federal chancellor": ["Chancellor"], "chancellor": ["Chancellor"], "sultan": ["Sultan"],
    "supreme leader": ["Supreme Leader"], "prince": ["Prince"], "premier": ["Premier"],
    "episcopal co-prince": ["Co-Prince"], "french co-prince": ["Co-Prince"],
    "druk gyalpo": ["King", "Druk Gyalpo"], "ngwenyama": ["King"], "emperor": ["Emperor"],
    "emir": ["Emir"], "yang di-pertuan agong": ["King", "Yang di-Pertuan Agong"],
    "minister": ["Minister of State"], "taoiseach": ["Taoiseach"],
    "o le ao o le malo": ["Head of State"], "chief minister": ["Chief Minister"],
    "pope": ["Pope"],
}
_MONARCHS = {"monarch", "king", "queen", "sultan", "prince", "emir", "emperor", "ngwenyama",
             "druk gyalpo", "yang di-pertuan agong", "episcopal co-prince", "french co-prince"}
# Holders named family name first in English news ("Xi Jinping", "Moon Jae-in", "Hun Sen").
_FAMILY_FIRST = {"China", "Taiwan", "North Korea", "South Korea", "Cambodia"}


def _head(label: str) -> str:
    return label.split(" of ")[0].strip().lower()


def _office_name(label: str) -> str:
    """'Prime minister of India' -> 'Prime Minister of India'; 'Federal Chancellor of Germany'
    -> 'Chancellor of Germany' (the curated file's name for it)."""
    head, _, rest = label.partition(" of ")
    head = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in head.split())
    head = re.sub(r"^Federal Chancellor$", "Chancellor", head)
    return f"{head} of {rest}" if rest else head


def _monarch_name(label: str) -> tuple[str, list[str]]:
    """'Salman of Saudi Arabia' -> ('Salman', []); 'Charles III of the United Kingdom' ->
    ('Charles III', ['Charles']); 'Albert II, Prince of Monaco' -> ('Albert II', ['Albert'])."""
    m = re.match(r"^(.+?)(?:,\s*\w+)? of (?:the )?[A-Z].*$", label)
    name = m[1] if m else label
    short = [name.rsplit(" ", 1)[0]] if re.search(r" [IVXL]+$", name) else []
    return name, short


def _family_first(holder: str, where: str) -> bool:
    """Whether the name's first word is the one used with a title: a family name first ("Xi
    Jinping": "President Xi") or a regnal name ("Philippe I": "King Philippe", never "King
    I")."""
    if re.search(r" [IVXL]+$", holder):
        return True
    if where == "Singapore":
        return len(holder.split()) == 3 and holder.split()[0] in {"Lee", "Goh", "Tan", "Ong"}
    return where in _FAMILY_FIRST


def world_leaders(folder: Path) -> tuple[list[Entry], list[Entry]]:
    """Heads of state and government of every sovereign state in office in or after 2021
    (Wikidata, years only: a term runs from 1 January of its first year to 31 December of
    its last, ``precision`` "year"). The source lists no term that ended before 2021, so a
    holder's earlier term may be missing: ``known_since`` says so."""
    offices: list[Entry] = []
    titles: dict[str, list[str]] = {}
    with open(folder / "wikidata.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    snapshot = "2022-10-09"  # the repository commit the file was taken at (SOURCE.txt)
    for row in rows:
        head = _head(row["positionLabel"])
        if head not in _HEAD_TITLES or re.fullmatch(r"Q\d+", row["officeholderLabel"]):
            continue
        where = country(row["country"])
        office = _office_name(row["positionLabel"])
        if " of " not in office:
            office = f"{office} of {where}"
        holder, short = (_monarch_name(row["officeholderLabel"]) if head in _MONARCHS
                         else (row["officeholderLabel"], []))
        entry: Entry = {"office": office, "holder": holder,
                        "from": f"{row['start_year']}-01-01",
                        "to": f"{row['end_year']}-12-31" if row["end_year"] else None,
                        "country": where, "precision": "year"}
        if entry["to"] is None:
            entry["as_of"] = snapshot
        entry["known_since"] = "2021-01-01"  # earlier terms of the holder are not listed
        if short:
            entry["short"] = short
        if _family_first(holder, where):
            entry["family_first"] = True
        entry["source"] = f"https://www.wikidata.org/wiki/{row['officeholder']}"
        offices.append(with_ascii(entry))
        titles.setdefault(office, _HEAD_TITLES[head])
    return offices, [{"office": o, "titles": t} for o, t in sorted(titles.items())]


# ------------------------------------------------------------------ foreign ministers

_HONORIFIC = re.compile(r"^(?:Dr\.?|Sheikh|Archbishop|Prof\.?|H\.E\.|Sir)\s+")


def foreign_ministers(folder: Path, as_of: str) -> tuple[list[Entry], list[Entry]]:
    """The foreign minister of every country in office at the Wikidata snapshot ``as_of``,
    with the day they took office (the end is unknown: ``to`` null, ``as_of`` the snapshot)."""
    offices: list[Entry] = []
    titles: dict[str, list[str]] = {}
    with open(folder / "foreign_ministers.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if not row["person"] or not row["start"] or not row["name"]:
            continue
        where = country(row["countryLabel"])
        if where.lower() in {"foreign minister", ""}:
            continue
        office = f"Minister of Foreign Affairs of {where}"
        holder = _HONORIFIC.sub("", row["name"].split(",")[0]).strip()
        entry: Entry = {"office": office, "holder": holder, "from": row["start"][:10],
                        "to": None, "as_of": as_of, "known_since": as_of, "country": where}
        if _family_first(holder, where):
            entry["family_first"] = True
        entry["source"] = f"https://www.wikidata.org/wiki/{row['person']}"
        offices.append(with_ascii(entry))
        tls = ["Foreign Minister"]
        if "Secretary" in row["positionLabel"]:
            tls.append("Foreign Secretary")
        titles.setdefault(office, tls)
    return offices, [{"office": o, "titles": t} for o, t in sorted(titles.items())]


# ------------------------------------------------------------------ international posts

_INTERNATIONAL = {  # Wikidata position label -> (office, titles)
    "Secretary-General of the United Nations": (
        "Secretary-General of the United Nations", ["Secretary-General", "Secretary General"]),
    "Deputy Secretary-General of the United Nations": (
        "Deputy Secretary-General of the United Nations", ["Deputy Secretary-General"]),
    "President of the United Nations General Assembly": (
        "President of the United Nations General Assembly", ["General Assembly President"]),
    "Director-General of the World Trade Organization": (
        "Director-General of the World Trade Organization",
        ["Director-General", "Director General"]),
    "president of the Parliamentary Assembly of the Council of Europe": (
        "President of the Parliamentary Assembly of the Council of Europe", ["PACE President"]),
    "OSCE High Commissioner on National Minorities": (
        "OSCE High Commissioner on National Minorities", ["High Commissioner"]),
}


def international(folder: Path, as_of: str) -> tuple[list[Entry], list[Entry]]:
    """Heads of international bodies from Wikidata (UN, WTO, Council of Europe, OSCE); a term
    open at the snapshot ``as_of`` has ``to`` null and ``as_of`` set."""
    offices: list[Entry] = []
    titles: dict[str, list[str]] = {}
    with open(folder / "holders21.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        mapped = _INTERNATIONAL.get(row["position"])
        if mapped is None or not row["start"]:
            continue
        office, tls = mapped
        start = row["start"] if len(row["start"]) == 10 else f"{row['start'][:4]}-01-01"
        end = row["end"] or None
        if end and len(end) != 10:
            end = f"{end[:4]}-12-31"
        holder = re.sub(r",\s*(Baron|Baroness|Lord|Lady)\b.*$", "", row["person"])
        entry: Entry = {"office": office, "holder": holder, "from": start, "to": end}
        if end is None:
            entry["as_of"] = as_of
        if len(row["start"]) != 10:
            entry["precision"] = "year"
        entry["source"] = f"https://www.wikidata.org/wiki/{row['personID']}"
        offices.append(with_ascii(entry))
        titles.setdefault(office, tls)
    return offices, [{"office": o, "titles": t} for o, t in sorted(titles.items())]
