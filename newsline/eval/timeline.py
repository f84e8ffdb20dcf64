"""The ``timeline`` benchmark: SemEval-2015 Task 4, Track A (raw texts in, timelines out).

Our pipeline reads each Track A text (the CAT tokens rebuilt as text, the document creation
time as the source date), then for each target entity:

1. its mentions: entity mentions whose words name the target (the full name, a distinctive
   part of it - "Dreamliner", "787" - or a person's surname), never the bare maker's name of
   a product ("Boeing" is not "Boeing 787 Dreamliner");
2. its events: every verb and event noun (the broad trigger set of
   :mod:`newsline.analyze.events_lexicon`) that has a target mention as an argument (subject,
   object, agent, possessor, compound or prepositional object), with the verbs it governs by
   ``xcomp`` or shares a subject with by ``conj``;
3. anchors: the time expression syntactically attached to the event (as
   :func:`newsline.analyze.events._time` decides), else the document creation time for events
   told in the past or present tense; future and modal events with no time stay unplaced;
4. order: by anchor; one position per anchor value, unplaced events at position 0.

Scored with :mod:`newsline.eval.semeval` (temporal awareness, micro-averaged over the
timelines of each corpus); ``metrics`` hold the micro average over all three corpora and
``details.macro`` the mean of the three corpus scores.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsline.analyze.events import _time
from newsline.analyze.events_lexicon import is_event_noun
from newsline.eval.semeval import CatDoc, Counts, Line, compare, read_cat, read_timeline
from newsline.model import Article, DocAnalysis

CORPORA = ("corpus_1", "corpus_2", "corpus_3")
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "agent", "poss", "compound", "iobj", "attr",
            "appos", "npadvmod", "nmod"}
SKIP_LEMMAS = {"be", "have", "do", "say", "include", "base", "call", "know", "accord"}
# words that name a kind of thing, not the thing: never enough to match alone
GENERIC = {"index", "composite", "average", "industrial", "stock", "stocks", "market", "markets",
           "airlines", "air", "force", "bank", "exchange", "us", "u.s.", "united", "states",
           "general", "new", "worldwide", "federal", "reserve", "dollar", "creditors", "workers",
           "inc", "corp", "co", "company", "group", "ltd"}
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def base_dir(data_dir: Path) -> Path:
    return data_dir / "semeval2015_timeline"


def analyse(docs: list[CatDoc]) -> list[tuple[CatDoc, DocAnalysis, Any]]:
    """Our per-document analysis of each text, with its spaCy parse."""
    from newsline.analyze import run_stages
    from newsline.analyze.nlp import load

    nlp = load()
    out = []
    for d, parsed in zip(docs, nlp.pipe([x.text for x in docs], batch_size=16), strict=True):
        day = dt.date.fromisoformat(d.dct) if d.dct else None
        art = Article(d.id, d.name, d.text, title=None, published=day,
                      published_basis="metadata" if day else None)
        out.append((d, run_stages(art, parsed), parsed))
    return out


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w.\-]+", name.lower()) if w not in ("the", "of", "inc.")]


def matches(mention: str, target: str, kind: str) -> bool:
    """Whether an entity mention names the target entity."""
    m, t = _words(mention), _words(target)
    if not m or not t:
        return False
    if m == t or _contains(m, t):
        return True
    distinct = set(t) - GENERIC
    if not set(m) <= set(t) | GENERIC or not set(m) & distinct:
        return False
    if kind == "PERSON":
        return m[-1] == t[-1]
    return not (len(t) > 1 and m == t[:1])  # the maker alone is not its product


def _contains(words: list[str], part: list[str]) -> bool:
    """"the Nasdaq Composite Index" holds "Nasdaq Composite"."""
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _events_of(head: Any) -> list[Any]:
    """Event tokens that the mention headed by ``head`` is an argument of."""
    node = head
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
        node = node.head
    elif node.dep_ not in ARG_DEPS:
        return []
    ev = node.head
    out = []
    if _is_event(ev):
        out.append(ev)
    if ev.pos_ in ("VERB", "AUX"):
        for c in ev.children:  # "Boeing plans to build", "Airbus won and delivered"
            if c.dep_ in ("xcomp", "conj") and _is_event(c):
                out.append(c)
    return out


def _is_event(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in SKIP_LEMMAS:
        return False
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ == "NOUN" and is_event_noun(lemma)


def _anchor(tok: Any, analysis: DocAnalysis, dct: str) -> str | None:
    sent = next(((a, b) for a, b in analysis.sentences if a <= tok.idx < b), None)
    if sent is not None:
        i = _time(tok, sent, analysis.timexes)
        if i is not None:
            m = _VALUE.match(analysis.timexes[i].value)
            if m:
                return "-".join([m.group(1), m.group(2) or "XX", m.group(3) or "XX"])
    kids = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.pos_ == "VERB" and kids & {"will", "would", "could", "may", "might", "should", "'ll"}:
        return None
    if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VBG") and dct:
        return dct
    return None


def build_timeline(target: str, analysed: list[tuple[CatDoc, DocAnalysis, Any]]) -> list[Line]:
    """The timeline of one target entity over the analysed documents."""
    found: dict[str, str | None] = {}
    for d, analysis, parsed in analysed:
        for m in analysis.mentions:
            if not matches(m.text, target, m.type):
                continue
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for ev in _events_of(span.root):
                mid = d.mention_id(ev.idx)
                if mid and mid not in found:
                    found[mid] = _anchor(ev, analysis, d.dct)
    dated = sorted({a for a in found.values() if a})
    position = {a: i + 1 for i, a in enumerate(dated)}
    lines: list[Line] = [(0, "XXXX-XX-XX", [mid]) for mid, a in found.items() if not a]
    lines += [(position[a], a, [mid]) for mid, a in found.items() if a]
    return sorted(lines, key=lambda line: (line[0], line[2]))


def run_corpus(folder: Path) -> tuple[Counts, dict[str, Any]]:
    docs = [read_cat(p) for p in sorted((folder / "corpus_trackA_CAT").glob("*.xml"))]
    analysed = analyse(docs)
    total = Counts()
    per_entity: dict[str, Any] = {}
    for path in sorted((folder / "TimeLines_Gold_Standard").glob("*.txt")):
        target, gold = read_timeline(path)
        system = build_timeline(target, analysed)
        counts = compare(system, gold)
        total.add(counts)
        per_entity[target] = {**counts.prf(), "system_events": len(system),
                              "gold_events": len(gold)}
    return total, per_entity


def run(data_dir: Path) -> dict[str, Any]:
    """Track A on the three test corpora: per corpus, micro over all, macro over corpora."""
    started = time.perf_counter()
    base = base_dir(data_dir) / "SemEval_Task4_data"
    datasets: dict[str, Any] = {}
    details: dict[str, Any] = defaultdict(dict)
    overall = Counts()
    for name in CORPORA:
        counts, per_entity = run_corpus(base / name)
        overall.add(counts)
        s = counts.prf()
        datasets[name] = {"track_a_f1": s["f1"], "track_a_precision": s["precision"],
                          "track_a_recall": s["recall"]}
        details["per_entity"][name] = per_entity
    s = overall.prf()
    metrics = {"track_a_f1": s["f1"], "track_a_precision": s["precision"],
               "track_a_recall": s["recall"]}
    details["macro"] = {
        k: round(sum(d[k] for d in datasets.values()) / len(datasets), 2) for k in metrics}
    details["averaging"] = "metrics: micro over every timeline of the three corpora"
    details["seconds"] = round(time.perf_counter() - started, 1)
    return {"benchmark": "timeline", "dataset": "semeval2015_task4_track_a",
            "metrics": metrics, "datasets": datasets, "details": dict(details)}
