"""The knowledge base: the one loader every stage reads it through.

The bundled knowledge is the files of ``newsline/data/knowledge/`` (built from real datasets by
``scripts/knowledge/build.py``, each file with its licence and each fact with its source; see
``SOURCES.md`` there) followed by the small curated ``newsline/data/knowledge.json``; a user can
add a larger file of the same format (``knowledge`` in ``newsline.toml``, or ``newsline kb
import``). :func:`source` names which knowledge is meant (the bundled files, plus the user's
when given) and fingerprints their bytes; :func:`data` reads and merges it once per process;
each stage builds its own view from that (the analysis's office titles and dated landmarks,
the build's aliases and terms, the checks' titles and short names), cached by the
:class:`Source`, so a changed file is a changed key everywhere, the analysis cache included.
The analysis runs in worker processes: :func:`use` makes a source the process's active one.
Lookups go by normalised key, so spelling details (case, diacritics, hyphens) never matter.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.errors import DataError
from newsline.names import FAMILY, person_key
from newsline.names import entity_key as _key

BUNDLED = "newsline/data/knowledge.json"
BUNDLED_DIR = "newsline/data/knowledge"
SECTIONS = ("entities", "offices", "titles", "events", "commemorations")
# The key :func:`data` sets on each office term read from a built file (a list of every
# country's office holders, small offices included), never on the curated or the user's file.
BUILT = "_built"


@dataclass(frozen=True, slots=True)
class Source:
    """Which knowledge is meant: the bundled file and, when given, the user's file; ``digest``
    fingerprints their bytes, so derived views and cached analyses are keyed by content."""

    path: str | None = None
    digest: str = ""


@lru_cache(maxsize=1)
def _bundled_files() -> tuple[tuple[str, bytes], ...]:
    """(name, bytes) of every bundled knowledge file, in reading order: the built files of
    ``newsline/data/knowledge/`` by name, then the curated ``knowledge.json`` (so a curated
    alias wins where a view keeps the last one)."""
    base = resources.files("newsline.data")
    out: list[tuple[str, bytes]] = []
    folder = base.joinpath("knowledge")
    if folder.is_dir():
        for item in sorted(folder.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".json") and item.is_file():
                out.append((f"{BUNDLED_DIR}/{item.name}", item.read_bytes()))
    out.append((BUNDLED, base.joinpath("knowledge.json").read_bytes()))
    return tuple(out)


@lru_cache(maxsize=16)
def _digest(path: str | None, stamp: tuple[int, int]) -> str:
    h = hashlib.sha1()
    for name, raw in _bundled_files():
        h.update(name.encode("utf-8") + b"\0" + raw + b"\0")
    if path is not None:
        try:
            h.update(b"\0" + Path(path).read_bytes())
        except OSError as exc:
            raise DataError(f"cannot read knowledge base: {exc}", path,
                            "check the `knowledge` setting") from exc
    return h.hexdigest()


def source(path: str | Path | None = None) -> Source:
    """The knowledge at ``path`` (added to the bundled file), fingerprinted by content."""
    if path is None:
        return Source(None, _digest(None, (0, 0)))
    p = str(path)
    try:
        st = os.stat(p)
    except OSError as exc:
        raise DataError(f"cannot read knowledge base: {exc}", p,
                        "check the `knowledge` setting") from exc
    return Source(p, _digest(p, (st.st_mtime_ns, st.st_size)))


_ACTIVE: Source | None = None


def use(path: str | Path | None) -> Source:
    """Make the knowledge at ``path`` this process's active knowledge (what the analysis
    stages read) and return its source; the file is read and checked now."""
    global _ACTIVE
    src = source(path)
    data(src)
    _ACTIVE = src
    return src


def active() -> Source:
    """The process's active knowledge: the last :func:`use`, else the bundled file."""
    return _ACTIVE if _ACTIVE is not None else source(None)


def _sections(raw: str, which: str) -> dict[str, Any]:
    """One knowledge file's object, its sections checked to be lists."""
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        raise DataError(f"cannot read knowledge base: {exc}", which,
                        "it must be a JSON file in the format of " + BUNDLED) from exc
    if not isinstance(obj, dict):
        raise DataError("knowledge base is not a JSON object", which,
                        "see " + BUNDLED + " for the format")
    for section in SECTIONS:
        if not isinstance(obj.get(section, []), list):
            raise DataError(f"knowledge base section {section!r} is not a list", which,
                            "see " + BUNDLED + " for the format")
    return obj


@lru_cache(maxsize=8)
def data(src: Source) -> dict[str, Any]:
    """The bundled files' sections, the built files' first and the curated file's after them,
    with the user file's appended (a later fact wins where a view keeps the last one). The
    other keys (``schema``, ``about``) are the curated file's."""
    files = _bundled_files()
    out: dict[str, Any] = _sections(files[-1][1].decode("utf-8"), files[-1][0])
    parts = [_sections(raw.decode("utf-8"), name) for name, raw in files[:-1]]
    for part in parts:  # which facts come from the lists of every country's offices
        for item in part.get("offices", []):
            if isinstance(item, dict):
                item[BUILT] = True
    for section in SECTIONS:
        out[section] = [item for part in parts for item in part.get(section, [])] + list(
            out.get(section, []))
    if src.path is not None:
        try:
            text = Path(src.path).read_text("utf-8")
        except OSError as exc:
            raise DataError(f"cannot read knowledge base: {exc}", src.path,
                            "it must be a JSON file in the format of " + BUNDLED) from exc
        extra = _sections(text, src.path)
        for section in SECTIONS:
            out[section] = [*out.get(section, []), *extra.get(section, [])]
    return out


@dataclass(frozen=True, slots=True)
class Term:
    office: str
    holder: str
    start: dt.date
    end: dt.date | None
    source: str
    country: str | None = None  # whose office; None for an international body or a company
    # from a built list of every country's holders (:data:`BUILT`): a surname alone names
    # this holder only with the country or the full name in the same text (:meth:`named_by`)
    listed: bool = False
    # the source lists only terms held on or after this day: an earlier one may be missing
    known_since: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def named_by(self, name: str, text: str, countries: set[str]) -> bool:
        """Whether ``name`` in ``text`` (which names ``countries``) can mean this holder: their
        full name always; a surname ("President Ali") for a listed holder only when the text
        names the office's country or the holder's full name somewhere."""
        if not self.listed or self.country is None or person_key(name) == person_key(
                self.holder):
            return True
        return self.country in countries or self.holder in text


@dataclass(slots=True)
class Knowledge:
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # (family, key) -> canonical
    sources: dict[str, str] = field(default_factory=dict)  # canonical -> source URL
    terms: list[Term] = field(default_factory=list)
    source: Source = field(default_factory=Source)  # what it was read from

    @classmethod
    def empty(cls) -> Knowledge:
        return cls()

    @classmethod
    def from_dict(cls, data: dict[str, Any], which: str = "knowledge base") -> Knowledge:
        kb = cls()
        try:
            for ent in data.get("entities", []):
                fam = FAMILY.get(ent["type"], "OTHER")
                name = ent["name"]
                kb.sources[name] = ent.get("source", "")
                for alias in [name, *ent.get("aliases", [])]:
                    kb.names[(fam, _key(alias, fam))] = name
            for t in data.get("offices", []):
                kb.terms.append(Term(
                    t["office"], t["holder"], dt.date.fromisoformat(t["from"]),
                    dt.date.fromisoformat(t["to"]) if t.get("to") else None, t.get("source", ""),
                    t.get("country") or None, bool(t.get(BUILT)),
                    dt.date.fromisoformat(t["known_since"]) if t.get("known_since") else None,
                ))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"malformed knowledge base entry: {exc}", which,
                            "see " + BUNDLED + " for the format") from exc
        return kb

    @classmethod
    def bundled(cls) -> Knowledge:
        return cls.load(None)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Knowledge:
        """The bundled knowledge base, extended by the file at ``path`` when given."""
        return cls.of(source(path))

    @classmethod
    def of(cls, src: Source) -> Knowledge:
        kb = cls.from_dict(data(src), src.path or BUNDLED)
        kb.source = src
        return kb

    def canonical_name(self, key: str, family: str) -> str | None:
        return self.names.get((family, key))

    def canonical_key(self, key: str, family: str) -> str | None:
        name = self.names.get((family, key))
        return _key(name, family) if name else None

    def holders(self, office: str, day: dt.date) -> list[Term]:
        """Who held ``office`` on ``day``."""
        return [t for t in self.terms if t.office == office and t.covers(day)]

    def terms_of(self, person: str) -> list[Term]:
        k = person_key(person)
        return [t for t in self.terms if person_key(t.holder) == k]


# ------------------------------------------------------------------ countries named


_STATE_FORM = re.compile(r"^(?:the )?(?:(?:Kingdom|Republic|State|Commonwealth|Principality|"
                         r"Grand Duchy|Federation) of (?:the )?)?(?P<name>.+)$", re.I)


@dataclass(frozen=True, slots=True)
class Countries:
    """The countries the offices of some knowledge belong to, and how to find them named."""

    forms: dict[str, str]  # each way of naming one, as written -> the country
    pattern: re.Pattern[str] | None

    def named(self, text: str) -> set[str]:
        """The countries ``text`` names: "Guyana", "Kenyan", "the U.S." (as written)."""
        if self.pattern is None:
            return set()
        return {self.forms[m[0]] for m in self.pattern.finditer(text)}


@lru_cache(maxsize=4)
def countries(src: Source) -> Countries:
    """Each office country's name, that name without "Kingdom of the" and the like, and the
    short names and adjectives of ``newsline/data/demonyms.json`` ("U.S.", "American")."""
    from newsline.names import country_forms

    known = country_forms()
    out: dict[str, str] = {}
    for c in sorted({str(o["country"]) for o in data(src).get("offices", [])
                     if isinstance(o, dict) and o.get("country")}):
        m = _STATE_FORM.match(c)
        base = m["name"] if m else c
        for form in {c, base, *known.get(c, ()), *known.get(base, ())}:
            if len(form) > 1:
                out.setdefault(form, c)
    rx = re.compile(rf"(?<![\w.-])(?:{alternation(set(out))})(?![\w-])") if out else None
    return Countries(out, rx)


# ------------------------------------------------------------------ event names


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())

# Words that name a kind of event, or say which one of a kind, but no particular one: a name
# made of them alone ("the war", "a full-scale offensive", "the summit", "the 2nd world
# congress") matches any article about any such event, so it is never a landmark's name.
GENERIC_EVENT_WORDS = _wordset("""
    accident accord accords affair agreement aggression airstrike airstrikes alliance
    annexation anniversary armistice arrest assassination assault attack attacks ballot
    battle battles blast blockade bombardment bombing bombings boycott campaign catastrophe
    ceasefire ceremony clash clashes collapse conference conflict conflicts congress
    convention coup crackdown crash crisis crusade cyclone deal death declaration defeat
    demonstration demonstrations disaster disasters drought earthquake earthquakes election
    elections emergency epidemic eruption escalation evacuation execution explosion famine
    fire fires flood flooding floods fighting genocide hijacking hurricane incident
    independence insurgency insurrection intervention invasion killing killings landslide
    liberation march massacre meeting merger movement mutiny negotiations offensive
    operation outbreak pact pandemic peace plebiscite pogrom process protest protests
    purge raid raids rebellion recession reform reforms referendum revolt revolution riot
    riots rising scandal shooting shootings siege signing spill standoff storm strike strikes
    struggle summit surrender talks tornado treaty truce tsunami typhoon unrest uprising
    visit vote war wars wildfire withdrawal front fronts theatre theater sector zone line
""")
GENERIC_MODIFIERS = _wordset("""
    a an the this that these those its their his her our last latest recent previous next
    new old first second third fourth fifth sixth seventh eighth ninth tenth final early late
    big great major minor huge massive deadly bloody brutal devastating full full-scale
    large-scale small-scale all-out so-called two-year-old long short ongoing current
    general national international regional local global world civil military armed
    political economic financial popular people's student students workers nuclear
    chemical suicide car truck air naval ground terror terrorist annual
    summer winter spring autumn fall historic historical of and in on at to for with by
    against between over from day week month year years mass fresh renewed violent fierce
    heavy widespread nationwide government opposition rebel police army security border
    state public peace joint bilateral emergency special extraordinary informal
""")
# "two-year-old", "month-long", "anti-government", "pro-democracy", "large-scale"
_GENERIC_FORM = re.compile(r"^(?:anti|pro|counter|post|pre)-|-(?:long|days|week|weeks|month|"
                           r"months|year|years|old|scale|wide)$")
_WORD = re.compile(r"[\w'’-]+")
_YEARISH = re.compile(r"^(1[5-9]\d\d|20\d\d)(s|–\d+|-\d+)?$")


def generic_event_name(name: str) -> bool:
    """True for a phrase that names no particular event: every word of it is an event word
    ("war", "summit", "offensive"), a generic modifier ("the", "full-scale", "second",
    "civil") or a bare number, and no year or other name word ("Haiti", "Crimea", "2010")
    says which one. Such a phrase is never a landmark's name or alias."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(name)]
    if not words:
        return True
    if re.search(r"\d/\d", name):  # named by its date: "9/11", "7/7"
        return False
    for w in words:
        if _YEARISH.match(w):
            return False
        if (w.isdigit() or w in GENERIC_EVENT_WORDS or w in GENERIC_MODIFIERS
                or _GENERIC_FORM.search(w)):
            continue
        if re.fullmatch(r"\d+(st|nd|rd|th)", w):
            continue
        return False
    return True


def alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """A regular expression matching any of ``words`` as literal text, built as a trie so that
    it costs about as much for ten thousand names as for ten: ``re`` tries the branches of a
    plain ``a|b|c`` one after another at every position. Among words sharing a start it
    prefers the longest (with backtracking, as ``a|b|c`` sorted longest first does)."""
    trie: dict[str, Any] = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) if trie else "(?!)"
