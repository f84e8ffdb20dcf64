"""Cross-document event coreference: which event mentions report one real-world happening.

Mentions are linked only inside blocks: the documents of one storyline (the story grouping of
:mod:`newsline.corpus.stories`, run on the articles' own dates), and, in a block too large for
a dense matrix, the mentions that share a concept key. Inside a block, mentions are clustered
by average link (:func:`newsline.vectors.average_link`) on the probabilities of the learned
pair model (:class:`newsline.corpus.events_model.PairModel`); two mentions whose own time
expressions cannot be the same time count as :data:`TIME_CLASH`, so they join only when the
rest of their clusters outweigh it. Without the model file, only mentions of one lemma whose
sentences share most content words are linked.

What the pair model reads comes from the analysis (:func:`item`): the trigger's lemma, part of
speech, concept keys and window, its sentence's cues (content lemmas, names, numbers, people,
places and times).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsline.analyze.event_cues import numbers_of, words_of
from newsline.corpus import events_model as em
from newsline.corpus.events_model import EventItem
from newsline.model import DocAnalysis, EventMention, SentenceCues
from newsline.vectors import average_link

MAX_BLOCK = 700  # mentions one dense matrix holds; a larger block is split by concept
TIME_CLASH = -1.0
FALLBACK_CONTEXT = 0.5  # without the model: same lemma and this context cosine
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")

__all__ = ["EventItem", "item", "items", "link", "parts", "similarities"]


@dataclass(frozen=True, slots=True)
class _Sentence:
    """What every event mention of one sentence shares (made once per sentence: a build holds
    a hundred thousand mentions, and each set it allocates is more work for the collector)."""

    args: dict[str, frozenset[str]]
    numbers: frozenset[str]
    context: frozenset[str]
    names: frozenset[str]


def _sentence(c: SentenceCues) -> _Sentence:
    return _Sentence({k: frozenset(v) for k, v in
                      (("people", c.people), ("places", c.places), ("times", c.times)) if v},
                     frozenset(c.numbers), frozenset(c.lemmas), frozenset(c.names))


@lru_cache(maxsize=1 << 16)  # pure, and the same names and triggers recur
def _words(text: str) -> frozenset[str]:
    return frozenset(words_of(text))


@lru_cache(maxsize=1 << 16)
def _trigger(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A trigger's own lower-case words and numbers."""
    return frozenset(w.lower() for w in _WORD.findall(text)), frozenset(numbers_of(text))


def _union(sets: list[frozenset[str]]) -> frozenset[str]:
    return sets[0] if len(sets) == 1 else frozenset().union(*sets)  # one: itself, not a copy


def item(doc: str, m: EventMention, analysis: DocAnalysis,
         sentences: dict[tuple[str, int], _Sentence]) -> EventItem:
    """What the pair model reads about one stored event mention of ``analysis``;
    ``sentences`` keeps what the mentions of one sentence share, between calls."""
    cues = analysis.cues
    key = (doc, m.sentence)
    sent = sentences.get(key)
    if sent is None:
        sent = _sentence(cues[m.sentence] if m.sentence < len(cues) else SentenceCues())
        sentences[key] = sent
    mentions = analysis.mentions
    own: dict[str, frozenset[str]] = {}
    people = _union([_words(mentions[p.mention].text) for p in m.participants
                     if p.mention < len(mentions)])
    places = _union([_words(mentions[i].text) for i in m.places if i < len(mentions)])
    for kind, words in (("people", people), ("places", places)):
        if words:
            own[kind] = words
    if m.time is not None and m.time < len(analysis.timexes):
        own["times"] = frozenset({analysis.timexes[m.time].value})
    lemma = m.lemma or m.trigger.lower()
    trigger_words, trigger_numbers = _trigger(m.trigger)
    return EventItem(
        (doc, m.trigger_start, m.trigger_end), doc, lemma,
        frozenset(m.concepts or [lemma]), sent.args, m.sentence, m.pos, trigger_words,
        sent.numbers | trigger_numbers if trigger_numbers else sent.numbers, sent.context,
        sent.names, frozenset(m.window), own)


def items(mentions: Iterable[tuple[str, EventMention, DocAnalysis]]) -> list[EventItem]:
    """The :func:`item` of each (document, mention, its analysis), what the mentions of one
    sentence share made once."""
    sentences: dict[tuple[str, int], _Sentence] = {}
    return [item(doc, m, analysis, sentences) for doc, m, analysis in mentions]


def items_of(analysis: DocAnalysis) -> list[EventItem]:
    return items((analysis.doc, m, analysis) for m in analysis.events)


Interval = tuple[dt.date, dt.date] | None


def _split(items: list[EventItem]) -> list[list[int]]:
    """A block's mentions in parts of at most :data:`MAX_BLOCK`: those that share a concept
    key stay together (a part per key, largest key first), the rest in order."""
    if len(items) <= MAX_BLOCK:
        return [list(range(len(items)))]
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_key[min(it.concepts) if it.concepts else it.lemma].append(i)
    parts: list[list[int]] = []
    for key in sorted(by_key, key=lambda k: (-len(by_key[k]), k)):
        members = by_key[key]
        parts += [members[s:s + MAX_BLOCK] for s in range(0, len(members), MAX_BLOCK)]
    return parts


def similarities(items: list[EventItem], intervals: Sequence[Interval]
                 ) -> tuple[np.ndarray, float]:
    """The pair probabilities of one part of a block (a pair whose stated times cannot
    overlap at :data:`TIME_CLASH`) and the threshold to cluster them at."""
    model = em.load_model()
    if model is not None:
        sim = model.matrix(items)
        threshold = model.threshold
    else:
        sim = np.array([[float(a.lemma == b.lemma and len(a.context & b.context)
                               >= FALLBACK_CONTEXT * len(a.context | b.context))
                         for b in items] for a in items])
        threshold = 0.5
    sim = np.where(time_clash(intervals), TIME_CLASH, sim)
    np.fill_diagonal(sim, 0.0)
    return sim, threshold


def time_clash(intervals: Sequence[Interval]) -> np.ndarray:
    """Pairs whose stated times are both known and cannot overlap."""
    lo = np.array([iv[0].toordinal() if iv else 0 for iv in intervals])
    hi = np.array([iv[1].toordinal() if iv else 0 for iv in intervals])
    timed = np.array([iv is not None for iv in intervals])
    return np.outer(timed, timed) & ((lo[:, None] > hi[None, :]) | (lo[None, :] > hi[:, None]))


def parts(items: list[EventItem], blocks: list[list[str]]) -> list[list[int]]:
    """Indices of ``items`` by the part of a block they are linked in (a document in no
    block is a block of its own)."""
    where = {doc: i for i, block in enumerate(blocks) for doc in block}
    groups: dict[object, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        groups[where.get(it.doc, ("doc", it.doc))].append(i)
    out = []
    for _, members in sorted(groups.items(), key=lambda kv: kv[1][0]):
        out += [[members[k] for k in part] for part in _split([items[i] for i in members])]
    return out


def link(items: list[EventItem], blocks: list[list[str]],
         intervals: Sequence[Interval] | None = None) -> list[list[int]]:
    """Indices of ``items`` grouped into events, linking only inside ``blocks`` (lists of
    document ids). ``intervals`` are the mentions' own stated times (None: no time of its
    own); two that cannot overlap hold the pair apart."""
    ivs = list(intervals) if intervals is not None else [None] * len(items)
    out: list[list[int]] = []
    for part in parts(items, blocks):
        sim, threshold = similarities([items[i] for i in part], [ivs[i] for i in part])
        out += [[part[k] for k in c] for c in average_link(sim, threshold)]
    return out

