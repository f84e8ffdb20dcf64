"""Read TimeML (.tml) files: the document date, the plain body text and the gold TIMEX3s.

The body is the content of ``<TEXT>`` with every tag removed and XML entities unescaped;
each gold TIMEX3 gets the character offsets of its words in that plain text, so
``text[start:end] == gold.text`` holds. The TE3 input files (``*.tml.TE3input``) carry the
same text without annotations; :func:`read_tml` reads both.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')

SPLITS: dict[str, tuple[str, ...]] = {
    "train": ("Training/TBAQ-cleaned/TimeBank", "Training/TBAQ-cleaned/AQUAINT"),
    "timebank": ("Training/TBAQ-cleaned/TimeBank",),
    "aquaint": ("Training/TBAQ-cleaned/AQUAINT",),
    "platinum": ("Evaluation/te3-platinum",),
}


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    """One TimeML document: id, creation date, plain body text and its gold timexes."""

    id: str
    dct: dt.date | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def _attrs(s: str) -> dict[str, str]:
    return dict(_ATTR.findall(s))


def _parse_date(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_tml(source: str, doc_id: str = "") -> TimeMLDoc:
    """Parse the text of one TimeML file (gold or TE3 input)."""
    m = _DCT.search(source)
    dct = _parse_date(_attrs(m[1]).get("value", "")) if m else None
    body = _TEXT.search(source)
    raw = body[1] if body else ""
    parts: list[str] = []
    pos = 0  # length of the plain text so far
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    last = 0
    for tag in _TAG.finditer(raw):
        chunk = html.unescape(raw[last:tag.start()])
        parts.append(chunk)
        pos += len(chunk)
        last = tag.end()
        closing, name, attrs = tag[1] == "/", tag[2], tag[3]
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (pos, _attrs(attrs))
            if tag[4]:  # an empty <TIMEX3 .../> has no words to score
                open_timex = None
        elif open_timex is not None:
            start, a = open_timex
            timexes.append(GoldTimex(start, pos, "", a.get("type", ""), a.get("value", "")))
            open_timex = None
    parts.append(html.unescape(raw[last:]))
    text = "".join(parts)
    timexes = [GoldTimex(t.start, t.end, text[t.start:t.end], t.type, t.value) for t in timexes]
    return TimeMLDoc(doc_id, dct, text, timexes)


def read_tml(path: Path) -> TimeMLDoc:
    name = path.name.split(".tml")[0]
    return parse_tml(path.read_text(encoding="utf-8"), name)


def timebank_root(data_dir: Path) -> Path:
    """The ``TempEval3`` folder under a shared data folder (or the folder itself)."""
    for cand in (data_dir / "timebank" / "TempEval3", data_dir / "TempEval3", data_dir):
        if (cand / "Training").is_dir() or (cand / "Evaluation").is_dir():
            return cand
    raise FileNotFoundError(f"no TempEval3 data under {data_dir}")


def read_split(data_dir: Path, split: str = "platinum") -> list[TimeMLDoc]:
    """Gold documents of a split: ``train`` (TimeBank + AQUAINT), ``timebank``, ``aquaint``
    or ``platinum`` (TE3-Platinum; its DCT and text are checked against the TE3 input)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {sorted(SPLITS)}")
    root = timebank_root(data_dir)
    docs: list[TimeMLDoc] = []
    for sub in SPLITS[split]:
        for path in sorted((root / sub).glob("*.tml")):
            doc = read_tml(path)
            if split == "platinum":
                inp = root / "Evaluation" / "TE3-platinum-test" / (path.name + ".TE3input")
                if inp.exists():
                    given = read_tml(inp)
                    doc.dct = given.dct or doc.dct
                    if given.text != doc.text:
                        raise ValueError(f"TE3 input text differs from gold ({path.name})")
            docs.append(doc)
    return docs
