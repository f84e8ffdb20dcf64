"""Controlled edits of real articles: the labelled set of the ``checks`` benchmark.

Each :class:`Case` is one small corpus: edited articles, the originals they came from, and
untouched articles beside them (distractors from the same story folder when there is one).
Every edit records the flag kinds it must produce and the documents each concerns:

- ``move-dateline``: the published date moved back (or forward) by 2-5 years, chosen so that a
  claim in the text becomes anachronistic at the new date: a full date (with its year) that was
  past at the true date and now lies after it, or an office holder named by title ("President
  Mubarak said on Tuesday") who did not hold the office at the new date (knowledge base terms);
- ``copy-changed``: a copy of an article (light edits, same date) with one number, date
  (month and day) or place changed in one sentence -> contradiction and duplicate; sometimes a
  second faithful copy of the original adds support to its side;
- ``insert-claim``: a sentence of one article, with one fact changed, inserted into another
  article of the same story published within a day -> contradiction;
- ``republish``: a copy with light edits under the same date (a wire copy) or 60-900 days later
  (a stale re-publication) -> duplicate; anachronisms the new date causes in the copy are
  allowed, not required.

Everything is drawn by ``random.Random(seed)`` from one half of the source articles (a hash of
each source id picks its half), so two seeds on two halves give disjoint sets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsline.eval.dating import printed_date
from newsline.eval.speed import detokenise
from newsline.knowledge import Knowledge
from newsline.model import Article
from newsline.verify.common import MONTHS, extras

MIN_WORDS, MAX_WORDS = 120, 700
T17_PER_FOLDER = 60
PLACES = ("Cairo", "Alexandria", "Benghazi", "Tripoli", "Damascus", "Homs", "Baghdad", "Basra",
          "London", "Paris", "Berlin", "Moscow", "Washington", "New York", "Beijing", "Tokyo",
          "Geneva", "Brussels", "Rome", "Madrid", "Istanbul", "Ankara", "Tehran", "Kabul",
          "Houston", "Chicago", "Boston", "Sydney", "Mexico", "Canada", "France", "Germany",
          "Italy", "Spain", "China", "Japan", "India", "Russia", "Egypt", "Libya", "Syria",
          "Iraq", "Iran", "Turkey", "Britain", "Louisiana", "Florida", "Texas", "Alabama")
_MONTH = "|".join(m.capitalize() for m in MONTHS)
_FULL_DATE = re.compile(rf"\b(?:({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})|(\d{{1,2}})\s+({_MONTH})"
                        rf"\s+(\d{{4}}))\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})\b(?!,?\s*\d{{4}})")
_NUMBER = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d{2,6})(?![\w.,%]|,\d)")
_CASUALTY = re.compile(r"\b(?:killed|dead|died|deaths|injured|wounded|people|toll|arrested|"
                       r"troops|protesters|barrels|cases)\b", re.IGNORECASE)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_RELATIVE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
                       r"yesterday|tonight)\b")
_SWAPS = (("said", "stated"), (" also ", " "), ("However,", "But"), ("about", "around"))


@dataclass(slots=True)
class Source:
    id: str
    text: str
    day: dt.date
    title: str | None
    folder: str


@dataclass(slots=True)
class Expected:
    kind: str
    documents: tuple[str, ...]
    edit: str


@dataclass(slots=True)
class Case:
    name: str
    articles: list[Article] = field(default_factory=list)
    expected: list[Expected] = field(default_factory=list)
    allowed: list[Expected] = field(default_factory=list)  # consistent with the edit, optional
    untouched: list[str] = field(default_factory=list)


def half_of(source_id: str) -> int:
    return int(hashlib.sha1(source_id.encode()).hexdigest()[:8], 16) % 2


def load_sources(data_dir: Path) -> list[Source]:
    """Dated real articles: TimeSET Wikinews (printed date line removed) and a T17 sample."""
    out: list[Source] = []
    root = data_dir / "timeset_wikinews"
    for split in ("dev", "test"):
        meta_path = root / "metadata" / f"{split}.json"
        meta = json.loads(meta_path.read_text("utf-8")) if meta_path.is_file() else {}
        for path in sorted((root / "brat" / split).glob("*.txt")):
            lines = path.read_text("utf-8").split("\n")
            day = printed_date(lines[1]) if len(lines) > 1 else None
            if day is None and path.stem in meta:
                day = dt.date.fromisoformat(meta[path.stem]["date"][:10])
            if day is None:
                continue
            body = "\n".join(lines[2:] if printed_date(lines[1]) else lines[1:]).strip()
            if MIN_WORDS <= len(body.split()) <= MAX_WORDS:
                out.append(Source(f"wikinews/{split}/{path.stem}", body, day, lines[0].strip(),
                                  "wikinews"))
    for folder in sorted((data_dir / "timeline17" / "t17").glob("*/articles.json")):
        arts = sorted(json.loads(folder.read_text("utf-8")), key=lambda a: str(a["uid"]))
        kept = [a for a in arts if MIN_WORDS <= len(a["text"].split()) <= MAX_WORDS]
        step = max(1, len(kept) // T17_PER_FOLDER)
        for a in kept[::step][:T17_PER_FOLDER]:
            out.append(Source(f"t17/{folder.parent.name}/{a['uid']}", detokenise(a["text"]),
                              dt.date.fromisoformat(a["dct"][:10]), None, folder.parent.name))
    return out


def article(src: Source, suffix: str = "", text: str | None = None,
            day: dt.date | None = None) -> Article:
    return Article(src.id + suffix, src.id + suffix, text if text is not None else src.text,
                   title=src.title, published=day or src.day, published_basis="metadata")


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# ------------------------------------------------------------------ single edits


def light_edit(text: str, rng: random.Random) -> str:
    """Wording changes that keep every fact: one sentence dropped, a few words swapped."""
    sents = _SENT.split(text)
    if len(sents) > 6:
        del sents[rng.randrange(2, len(sents) - 1)]
    out = " ".join(sents) if len(sents) > 1 else text
    for old, new in rng.sample(_SWAPS, 2):
        out = out.replace(old, new, 1)
    return out


def _full_dates(text: str) -> list[tuple[re.Match[str], dt.date]]:
    out = []
    for m in _FULL_DATE.finditer(text):
        month, d, y = (m.group(1), m.group(2), m.group(3)) if m.group(1) else \
            (m.group(5), m.group(4), m.group(6))
        try:
            out.append((m, dt.date(int(y), MONTHS.index(month.lower()) + 1, int(d))))
        except ValueError:
            continue
    return out


_Span = tuple[dt.date, dt.date]


_TABLES: dict[int, tuple[re.Pattern[str], dict[tuple[str, str], list[_Span]]]] = {}


def _title_table(kb: Knowledge) -> tuple[re.Pattern[str], dict[tuple[str, str], list[_Span]]]:
    """One regex of every title + a capitalised name, and (title, name key) -> terms."""
    if id(kb) in _TABLES:
        return _TABLES[id(kb)]
    from newsline.names import person_key

    short = extras().short
    table: dict[tuple[str, str], list[_Span]] = {}
    for office, titles in extras().titles.items():
        for t in (t for t in kb.terms if t.office == office):
            holder = person_key(t.holder)
            for name in {holder, holder.split()[-1], *short.get(holder, ())}:
                for title in titles:
                    table.setdefault((title, name), []).append((t.start, t.end or dt.date.max))
    titles = sorted({t for t, _ in table}, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, titles)) +
                    r") ((?:[A-Z][\w'-]+ ?){1,3})")
    _TABLES[id(kb)] = (rx, table)
    return rx, table


def _titled_terms(text: str, kb: Knowledge) -> list[tuple[int, list[_Span]]]:
    """(position, terms) of office holders named by a title followed by a relative day."""
    from newsline.names import person_key

    rx, table = _title_table(kb)
    out = []
    for m in rx.finditer(text):
        words = person_key(m.group(2)).split()
        terms = next((table[(m.group(1), " ".join(words[:k]))] for k in range(len(words), 0, -1)
                      if (m.group(1), " ".join(words[:k])) in table), None)
        if terms is None:
            continue
        sent_end = text.find(".", m.end())
        window = text[m.start(): sent_end if sent_end > 0 else len(text)]
        before = text[max(0, m.start() - 20):m.start()].lower()
        if _RELATIVE.search(window) and not re.search(r"(former|then|late|ex-|vice|deputy)\W*$",
                                                      before):
            out.append((m.start(), terms))
    return out


def move_dateline(src: Source, rng: random.Random, kb: Knowledge) -> tuple[Article, str] | None:
    """The article under a date 2-5 years away at which one of its claims cannot hold."""
    dates = [d for _, d in _full_dates(src.text) if d <= src.day]
    titled = _titled_terms(src.text, kb)
    for years in rng.sample([-5, -4, -3, -2, 2, 3, 4, 5], 8):
        new = _shift_years(src.day, years)
        if years < 0 and any(d > new + dt.timedelta(days=2) for d in dates):
            return article(src, f"~moved{years}", day=new), "a past full date now after it"
        for _, terms in titled:
            if all(new < s - dt.timedelta(days=30) or new > e + dt.timedelta(days=90)
                   for s, e in terms):
                return article(src, f"~moved{years:+d}", day=new), "an office holder out of term"
    return None


def change_fact(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    """The sentence with one number, month-day or place changed, and what kind it was."""
    options: list[tuple[str, str]] = []
    for m in _NUMBER.finditer(sentence):
        n = int(m.group(1).replace(",", ""))
        if 1900 <= n <= 2100 or re.search(rf"({_MONTH})\s*$", sentence[:m.start()]):
            continue
        new = n + max(2, int(n * rng.uniform(0.3, 0.6)))
        text = f"{new:,}" if "," in m.group(1) else str(new)
        options.append((sentence[:m.start()] + text + sentence[m.end():], "number"))
    for m in _MONTH_DAY.finditer(sentence):
        d = int(m.group(2))
        new = d + rng.choice([-4, -3, -2, 2, 3, 4])
        if 1 <= new <= 28 and 1 <= d <= 31:
            options.append((sentence[:m.start(2)] + str(new) + sentence[m.end(2):], "date"))
    for place in PLACES:
        pm = re.search(rf"\b{re.escape(place)}\b", sentence)
        if pm:
            other = rng.choice([p for p in PLACES if p != place and p not in sentence])
            options.append((sentence[:pm.start()] + other + sentence[pm.end():], "place"))
    if not options:
        return None
    numbers = [o for o in options if o[1] == "number"]
    if numbers and _CASUALTY.search(sentence) and rng.random() < 0.6:
        return rng.choice(numbers)
    return rng.choice(options)


def fact_sentences(text: str) -> list[str]:
    """Sentences of 12-60 words that hold a fact :func:`change_fact` can change."""
    sents = _SENT.split(text)
    return [s for s in sents[1:] if 12 <= len(s.split()) <= 60 and "\n" not in s.strip()
            and (_NUMBER.search(s) or _MONTH_DAY.search(s)
                 or any(re.search(rf"\b{re.escape(p)}\b", s) for p in PLACES))]


# ------------------------------------------------------------------ the cases

DISTRACTORS = 2
COUNTS = {"move-dateline": 12, "copy-changed": 10, "insert-claim": 6, "republish": 10}


def _jaccard(a: str, b: str) -> float:
    def grams(t: str) -> set[str]:
        w = re.findall(r"\w+", t.casefold())
        return {" ".join(w[i:i + 5]) for i in range(max(1, len(w) - 4))}
    ga, gb = grams(a), grams(b)
    return len(ga & gb) / max(1, len(ga | gb))


class _Picker:
    """Draws sources without reuse; distractors come from the same folder, near in date."""

    def __init__(self, sources: list[Source], rng: random.Random) -> None:
        self.rng = rng
        self.free = sorted(sources, key=lambda s: s.id)
        rng.shuffle(self.free)

    def take(self, ok: object = None) -> Source | None:
        for i, s in enumerate(self.free):
            if ok is None or ok(s):  # type: ignore[operator]
                return self.free.pop(i)
        return None

    def distractors(self, near: Source, texts: list[str], n: int = DISTRACTORS) -> list[Source]:
        pool = [s for s in self.free if s.folder == near.folder] or self.free
        pool = sorted(pool, key=lambda s: (abs((s.day - near.day).days), s.id))[:8]
        out: list[Source] = []
        for s in pool:
            if len(out) < n and all(_jaccard(s.text, t) < 0.3
                                    for t in [*texts, *(o.text for o in out)]):
                out.append(s)
                self.free.remove(s)
        return out


def _case(name: str, picker: _Picker, near: Source, members: list[Article],
          expected: list[Expected], allowed: list[Expected] | None = None,
          originals: list[Article] | None = None) -> Case:
    texts = [a.text for a in members]
    extra = [article(s) for s in picker.distractors(near, texts)]
    case = Case(name, [*(originals or []), *members, *extra], expected, allowed or [])
    named = {d for e in expected for d in e.documents}
    case.untouched = [a.id for a in [*(originals or []), *extra] if a.id not in named]
    return case


def generate(sources: list[Source], seed: int, half: int,
             counts: dict[str, int] | None = None) -> list[Case]:
    """The labelled cases drawn from one half of ``sources``, deterministic in ``seed``."""
    rng = random.Random(seed)
    kb = Knowledge.bundled()
    picker = _Picker([s for s in sources if half_of(s.id) == half], rng)
    want = counts or COUNTS
    cases: list[Case] = []
    for i in range(want.get("move-dateline", 0)):
        found: list[tuple[Article, str]] = []

        def movable(s: Source, found: list[tuple[Article, str]] = found) -> bool:
            moved = move_dateline(s, random.Random(f"{seed}-{s.id}"), kb)
            if moved:
                found.append(moved)
            return moved is not None
        src = picker.take(movable)
        if src is None:
            break
        moved, why = found[-1]
        cases.append(_case(f"move-dateline-{i}", picker, src, [moved],
                           [Expected("anachronism", (moved.id,), f"move-dateline: {why}")]))
    for i in range(want.get("copy-changed", 0)):
        src = picker.take(lambda s: bool(fact_sentences(s.text)))
        if src is None:
            break
        sent = rng.choice(fact_sentences(src.text))
        changed = change_fact(sent, rng)
        if changed is None:
            continue
        new_sent, what = changed
        copy = article(src, "~changed", light_edit(src.text, rng).replace(sent, new_sent, 1))
        if sent not in copy.text and new_sent not in copy.text:
            copy = article(src, "~changed", src.text.replace(sent, new_sent, 1))
        original = article(src)
        members = [copy]
        expected = [Expected("contradiction", (original.id, copy.id), f"copy-changed: {what}"),
                    Expected("duplicate", (original.id, copy.id), "copy-changed: a copy")]
        if rng.random() < 0.5:
            support = article(src, "~copy", light_edit(src.text, rng))
            members.append(support)
            expected += [Expected("duplicate", (original.id, support.id), "faithful copy"),
                         Expected("duplicate", (copy.id, support.id), "faithful copy")]
        cases.append(_case(f"copy-changed-{i}", picker, src, members, expected,
                           originals=[original]))
    for i in range(want.get("insert-claim", 0)):
        pair: list[Source] = []

        def has_partner(s: Source, pair: list[Source] = pair) -> bool:
            if s.folder == "wikinews" or not fact_sentences(s.text):
                return False
            partner = [o for o in picker.free if o.folder == s.folder and o.id != s.id
                       and abs((o.day - s.day).days) <= 1 and _jaccard(o.text, s.text) < 0.3]
            if partner:
                pair[:] = [partner[0]]
            return bool(partner)
        src = picker.take(has_partner)
        if src is None:
            break
        other = pair[0]
        picker.free.remove(other)
        sent = rng.choice(fact_sentences(src.text))
        changed = change_fact(sent, rng)
        if changed is None:
            continue
        sents = _SENT.split(other.text)
        at = min(len(sents), rng.randrange(1, 4))
        edited = article(other, "~inserted", " ".join([*sents[:at], changed[0], *sents[at:]]))
        original = article(src)
        cases.append(_case(f"insert-claim-{i}", picker, src, [edited],
                           [Expected("contradiction", (original.id, edited.id),
                                     f"insert-claim: {changed[1]}")], originals=[original]))
    for i in range(want.get("republish", 0)):
        src = picker.take()
        if src is None:
            break
        stale = i % 2 == 1
        lag = rng.randrange(60, 900) if stale else rng.randrange(0, 2)
        copy = article(src, "~republished", light_edit(src.text, rng),
                       src.day + dt.timedelta(days=lag))
        original = article(src)
        allowed = [Expected("anachronism", (copy.id,), "claims of the old story at the new date")]
        cases.append(_case(f"republish-{i}", picker, src, [copy],
                           [Expected("duplicate", (original.id, copy.id),
                                     "republish: stale" if stale else "republish: wire copy")],
                           allowed, originals=[original]))
    return cases
