"""The ``timeline`` benchmark: SemEval-2015 Task 4, Track A (raw texts in, timelines out).

Our pipeline reads each Track A text (the CAT tokens rebuilt as text, the document creation
time as the source date), then for each target entity:

1. its mentions (:mod:`newsline.eval.timeline_coref`): entity mentions, proper-noun runs and
   noun phrases whose words name the target (the full name, the name with one word inserted -
   "iTunes Music Store" -, a distinctive part of it - "Dreamliner", "787" - or a person's
   surname), never the bare maker's name of a product ("Boeing" is not "Boeing 787
   Dreamliner"); a one-word part counts only in a document that names the target more fully.
   Then the pronouns ("he", "its") and definite descriptions ("the company", "the plane")
   whose nearest compatible antecedent is the target;
2. its events: every verb and event noun (the broad trigger set of
   :mod:`newsline.analyze.events_lexicon`, speech verbs and "have" included) that has a
   target mention as an argument (subject, object, agent, possessor, compound or
   prepositional object; a conjunct or apposition takes its head's role), the verbs it
   governs by ``xcomp``, shares a subject with by ``conj``, a subjectless participle adjunct
   or a gerund after a preposition ("started by hinting"), the relative and participial
   clauses on the mention ("Jobs, who left", "Jobs, born in"), and the event noun that "be"
   predicates of a subject ("he would be on leave");
3. anchors: the time expression syntactically attached to the event (as
   :func:`newsline.analyze.events._time` decides), else the narrative time for events told in
   the past tense or as participles (the last day-precise date told before the event in the
   week up to the document creation time - the lead's "yesterday" -, else the document
   creation time), the creation time for the present tense; a year or month that holds the
   narrative day gives way to it; future and modal events with no time stay unplaced;
4. order: by anchor; one position per anchor value, unplaced events at position 0.
   Mention ids are written in lower case, as the gold files write them.

Scored with :mod:`newsline.eval.semeval` (temporal awareness, micro-averaged over the
timelines of each corpus); ``metrics`` hold the micro average over all three corpora and
``details.macro`` the mean of the three corpus scores.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter, defaultdict
from functools import partial
from pathlib import Path
from typing import Any

from newsline.analyze.events import _time
from newsline.analyze.events_lexicon import is_event_noun
from newsline.eval.semeval import CatDoc, Counts, Line, compare, read_cat, read_timeline
from newsline.eval.timeline_coref import named_heads, resolved_heads, target_kind
from newsline.model import Article, DocAnalysis

CORPORA = ("corpus_1", "corpus_2", "corpus_3")
ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "agent", "poss", "compound", "iobj", "attr",
            "appos", "npadvmod", "nmod"}
# verbs never told as an entity's event on their own (copula, support and attribution verbs);
# speech verbs ("said") and "have" are events in the task's annotation
SKIP_LEMMAS = {"be", "do", "include", "base", "know", "accord"}
# company-form words: never enough to match a name alone
SUFFIXES = frozenset({"inc", "corp", "co", "company", "group", "ltd"})
NARRATIVE_DAYS = 7  # how far before the document's date a told day can be the story's time
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


def common_words(parsed_docs: list[Any]) -> frozenset[str]:
    """Words that name a kind of thing, not the thing ("market", "workers", "index"), learnt
    from the texts themselves: inside a sentence they are written in lower case at least as
    often as capitalised. With the company-form words, they are never enough to match a name
    alone. (No list: one written by hand risks being written from the targets.)"""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for parsed in parsed_docs:
        for tok in parsed:
            if tok.is_sent_start or not tok.is_alpha:
                continue
            (upper if tok.text[:1].isupper() else lower)[tok.lower_] += 1
    return SUFFIXES | {w for w, n in lower.items() if n >= upper[w]}


def matches(mention: str, target: str, kind: str,
            generic: frozenset[str] = SUFFIXES) -> bool:
    """Whether an entity mention names the target entity; ``generic`` words (see
    :func:`common_words`) never match alone."""
    m, t = _words(mention), _words(target)
    if not m or not t:
        return False
    if m == t or _contains(m, t) or _interrupted(m, t):
        return True
    distinct = set(t) - generic
    if not set(m) <= set(t) | generic or not set(m) & distinct:
        return False
    if kind == "PERSON":
        return m[-1] == t[-1]
    return not (len(t) > 1 and m == t[:1])  # the maker alone is not its product


def _contains(words: list[str], part: list[str]) -> bool:
    """"the Nasdaq Composite Index" holds "Nasdaq Composite"."""
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _interrupted(words: list[str], part: list[str]) -> bool:
    """"the iTunes Music Store" holds "iTunes Store": the whole name, one word inserted."""
    n = len(part)
    if n < 2:
        return False
    return any(words[i] == part[0] and words[i + n] == part[-1]
               and [w for w in words[i:i + n + 1] if w in part] == part
               for i in range(len(words) - n))


def _events_of(head: Any) -> list[Any]:
    """Event tokens that the mention headed by ``head`` is an argument of."""
    node = head
    while node.dep_ in ("conj", "appos") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
        node = node.head  # "Apple and Cisco sued", "the newest iPhone, iPhone 4, was": its role
    # "Jobs, who left", "Jobs, born in 1955"
    out = [c for c in head.children if _is_event(c) and (
        c.dep_ in ("relcl", "acl"))]
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent"):
        node = node.head
    elif node.dep_ not in ARG_DEPS:
        return out
    ev = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and ev.dep_ == "relcl":
        return out  # "the company that Jobs founded" is told of the company, not of Jobs
    subject = node.dep_ in ("nsubj", "nsubjpass", "agent")
    if _is_event(ev):
        out.append(ev)
    if subject and ev.lemma_ == "be":  # "he would be on medical leave"
        out += [g for c in ev.children for g in ([c] if c.dep_ == "attr" else
                [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" else [])
                if g.pos_ == "NOUN" and _is_event(g)]
    if ev.pos_ in ("VERB", "AUX"):
        out += _governed(ev, subject)
    return out


def _governed(ev: Any, subject: bool) -> list[Any]:
    """Verbs that share the argument: "plans to build" (xcomp), "won and delivered" (conj with no
    subject of its own), "unveiled it, saying" (a participle adjunct with no subject, for the
    subject), "started by hinting" (a gerund after a preposition)."""
    out = []
    for c in ev.children:
        own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        shares = c.dep_ == "xcomp" or (c.dep_ == "conj" and not own_subject) or (
            subject and c.dep_ == "advcl" and c.tag_ == "VBG" and not own_subject)
        if shares and _is_event(c):
            out.append(c)
            out += _governed(c, subject)
        if subject and c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG" and _is_event(g):
                    out.append(g)
                    out += _governed(g, subject)
    return out


def _is_event(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if lemma in SKIP_LEMMAS:
        return False
    if tok.pos_ == "VERB":
        return True
    return tok.pos_ == "NOUN" and is_event_noun(lemma)


def _value(value: str) -> str | None:
    m = _VALUE.match(value)
    return "-".join([m.group(1), m.group(2) or "XX", m.group(3) or "XX"]) if m else None


def _anchor(tok: Any, analysis: DocAnalysis, dct: str) -> str | None:
    """The event's own time expression, else the narrative time (see :func:`_narrative`) for
    events told in the past or present tense; future and modal events with no time stay
    unplaced. An own time that only names the year or month of the narrative time ("at this
    year's conference") gives way to the narrative day."""
    sent = next(((a, b) for a, b in analysis.sentences if a <= tok.idx < b), None)
    own = _own_time(tok, sent, analysis) if sent is not None else None
    narrative = _narrative(tok.idx, analysis, dct) if dct else None
    if own:
        if narrative and "XX" in own and narrative.startswith(own.replace("-XX", "")):
            return narrative
        return own
    kids = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.pos_ == "VERB" and kids & {"will", "would", "could", "may", "might", "should", "'ll"}:
        return None
    if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBN", "VBG") and dct:
        return narrative
    if tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP") and dct:
        return dct
    return None




def _own_time(tok: Any, sent: tuple[int, int], analysis: DocAnalysis) -> str | None:
    i = _time(tok, sent, analysis.timexes)
    return None if i is None else _value(analysis.timexes[i].value)


def _narrative(offset: int, analysis: DocAnalysis, dct: str) -> str:
    """The story's time at ``offset``: the last day-precise date told before it that falls in
    the week up to the document creation time ("yesterday", "on Monday"), else that time.
    Older dates ("born on February 24, 1955") are the times of single events, not the
    story's."""
    best = dct
    day = dt.date.fromisoformat(dct)
    for t in analysis.timexes:
        if t.start >= offset:
            break
        v = _value(t.value) if t.type == "DATE" else None
        if v and "XX" not in v and v <= dct and _days(day, v) <= NARRATIVE_DAYS:
            best = v
    return best


def _days(day: dt.date, value: str) -> int:
    try:
        return (day - dt.date.fromisoformat(value)).days
    except ValueError:
        return 10**6


def target_heads(target: str, analysis: DocAnalysis, parsed: Any,
                 generic: frozenset[str] = SUFFIXES) -> set[int]:
    """Token indices heading a mention of the target: its names, and the pronouns and definite
    descriptions that refer back to it (see :mod:`newsline.eval.timeline_coref`)."""
    heads, types = named_heads(parsed, analysis, target, partial(matches, generic=generic))
    return heads | resolved_heads(parsed, analysis, heads, target_kind(types))


def build_timeline(target: str, analysed: list[tuple[CatDoc, DocAnalysis, Any]],
                   generic: frozenset[str] | None = None) -> list[Line]:
    """The timeline of one target entity over the analysed documents."""
    if generic is None:
        generic = common_words([parsed for _, _, parsed in analysed])
    found: dict[str, str | None] = {}
    for d, analysis, parsed in analysed:
        for h in sorted(target_heads(target, analysis, parsed, generic)):
            for ev in _events_of(parsed[h]):
                mid = d.mention_id(ev.idx)
                if mid:
                    mid = mid.lower()  # the gold files write every token id in lower case
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
    generic = common_words([parsed for _, _, parsed in analysed])
    total = Counts()
    per_entity: dict[str, Any] = {}
    for path in sorted((folder / "TimeLines_Gold_Standard").glob("*.txt")):
        target, gold = read_timeline(path)
        system = build_timeline(target, analysed, generic)
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
