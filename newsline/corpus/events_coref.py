"""Cross-document event coreference for the ECB+ benchmark: document clusters, then mentions.

1. **Documents** of one topic are clustered into their seminal events (subtopics) by average
   link on a learned probability that two documents report one happening
   (:class:`newsline.corpus.events_model.DocModel`: tf-idf cosines over all words, content
   words, names, numbers and the leads, shared or clashing years), trained and thresholded on
   the ECB+ training topics; lines that are web addresses are ignored. Without the model: the
   tf-idf cosine with :data:`DOC_THRESHOLD`.
2. **Mentions** inside one document cluster are clustered agglomeratively (average link) on
   the probabilities of a pair model (:class:`newsline.corpus.events_model.PairModel`, one
   logistic regression per kind of pair: same lemma, same concept, neither) trained on the
   training topics, its threshold picked on the dev topics. Items without sentence context,
   or ``learned=False``, fall back to the hand-weighted :func:`pair_score`: zero unless both
   name the same concept (lemma, synonym or derivation: attack/strike, die/death,
   quake/earthquake), then the same lemma and the share of argument kinds that share a word,
   less a little for light verbs (say, make, take); those weights were tuned on the training
   topics (``tune`` in newsline/eval/events.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from newsline.vectors import cosine

STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
    "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their",
    "there", "here", "which", "who", "whom", "what", "when", "where", "why", "how", "not", "no",
    "than", "then", "so", "such", "into", "over", "after", "before", "about", "also", "said",
    "says", "say", "will", "would", "could", "should", "may", "might", "can", "one", "two", "new",
    "more", "most", "other", "some", "any", "all", "up", "out", "last", "first", "year", "years",
    "told", "according", "mr", "mrs", "ms",
})
_URL_LINE = re.compile(r"\s*(https?\s*:|www\s*\.)", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d[\d,.]*")

# tuned on ECB+ training topics (1-35 less the dev topics), see ``tune`` in newsline/eval/events.py
DOC_THRESHOLD = 0.06
PAIR_THRESHOLD = 0.65
NAME_WEIGHT = 3
MIN_CLUSTER = 4
ATTACH_SHARE = 0.0
W_CONCEPT = 0.6
W_LEMMA = 0.2
W_ARGS = 0.2
W_CLASH = 0.0
W_LIGHT = 0.3
# verbs that name many different happenings: a shared lemma says little
LIGHT = frozenset({"say", "report", "tell", "make", "take", "find", "place", "check", "set",
                   "give", "get", "have", "do", "go", "come", "see", "put", "hold", "keep",
                   "call", "add", "state", "claim", "show", "use", "leave", "include"})


@dataclass(slots=True)
class EventItem:
    """One event mention to cluster: where it is and what the pair score reads."""

    key: tuple[str, int, int]
    doc: str
    lemma: str
    concepts: frozenset[str]
    args: dict[str, set[str]] = field(default_factory=dict)  # kind -> argument words
    # optional context for the learned pair model (:mod:`newsline.corpus.events_model`)
    sentence: int = -1  # sentence index in its document
    pos: str = ""  # the head's coarse part of speech: VERB, NOUN, ...
    words: frozenset[str] = frozenset()  # the mention's own words, lower case
    numbers: frozenset[str] = frozenset()  # numbers of the mention and of its sentence
    context: frozenset[str] = frozenset()  # content lemmas of its sentence
    names: frozenset[str] = frozenset()  # capitalised words of its sentence
    vector: Any = None  # the tagger's contextual vector of the mention (unit length), if any
    window: frozenset[str] = frozenset()  # content lemmas within a few tokens of the mention


def doc_vectors(texts: dict[str, str]) -> dict[str, dict[str, float]]:
    """tf-idf vectors (unit length) of the documents of one topic."""
    counts: dict[str, Counter[str]] = {}
    for d, t in texts.items():
        c: Counter[str] = Counter()
        # a line that is a web address (ECB+'s newer files open with their source URL) says
        # where a text was found, not what happened
        body = "\n".join(line for line in t.split("\n") if not _URL_LINE.match(line))
        for w in _WORD.findall(body):
            low = w.lower()
            if low in STOP:
                continue
            # names and numbers tell two similar happenings apart: count them more
            c[low] += NAME_WEIGHT if (w[0].isupper() or w[0].isdigit()) else 1
        counts[d] = c
    df: Counter[str] = Counter()
    for c in counts.values():
        df.update(set(c))
    n = len(counts)
    out = {}
    for d, c in counts.items():
        vec = {w: (1 + math.log(k)) * math.log((1 + n) / (1 + df[w])) for w, k in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out[d] = {w: v / norm for w, v in vec.items()}
    return out


def average_link(ids: list[str], sim: dict[tuple[str, str], float],
                 threshold: float) -> list[list[str]]:
    """Agglomerative clustering: merge the two clusters of highest mean similarity while it is
    at least ``threshold``. ``sim`` holds (a, b) with a < b; missing pairs count as 0."""
    clusters: dict[int, list[str]] = {i: [x] for i, x in enumerate(ids)}
    total: dict[tuple[int, int], float] = {}
    for i, a in enumerate(ids):
        for j in range(i + 1, len(ids)):
            b = ids[j]
            v = sim.get((a, b) if a < b else (b, a), 0.0)
            if v:
                total[(i, j)] = v
    while True:
        best, pair = threshold, None
        for (i, j), v in total.items():
            mean = v / (len(clusters[i]) * len(clusters[j]))
            if mean >= best:
                best, pair = mean, (i, j)
        if pair is None:
            break
        i, j = pair
        clusters[i].extend(clusters.pop(j))
        merged: dict[tuple[int, int], float] = {}
        for (x, y), v in total.items():
            a2, b2 = (i if x == j else x), (i if y == j else y)
            if a2 == b2:
                continue
            k = (min(a2, b2), max(a2, b2))
            merged[k] = merged.get(k, 0.0) + v
        total = merged
    return list(clusters.values())


def cluster_documents(texts: dict[str, str], threshold: float | None = None,
                      learned: bool = True, min_cluster: int | None = None) -> list[list[str]]:
    """Documents of one topic grouped by the real-world event they report.

    With the committed document model (:class:`newsline.corpus.events_model.DocModel`), the
    similarity of two documents is its probability that they report one happening (from the
    tf-idf cosines of all words, of content words, of names, of numbers and of the leads, and
    shared or clashing years), ``threshold`` defaulting to the model's; otherwise (or with
    ``learned=False``) the tf-idf cosine, ``threshold`` defaulting to :data:`DOC_THRESHOLD`."""
    from newsline.corpus import events_model as em

    vecs = doc_vectors(texts)
    ids = sorted(texts)
    model = em.load_doc_model() if learned else None
    if model is not None:
        sim = model.similarities(em.document_features(texts, STOP, vecs))
        threshold = model.threshold if threshold is None else threshold
        min_size = model.min_cluster if min_cluster is None else min_cluster
    else:
        sim = {(a, b): cosine(vecs[a], vecs[b]) for i, a in enumerate(ids) for b in ids[i + 1:]}
        threshold = DOC_THRESHOLD if threshold is None else threshold
        min_size = MIN_CLUSTER if min_cluster is None else min_cluster
    clusters = average_link(ids, sim, threshold)
    # a short or odd report rarely forms a story of its own: join it to the nearest big cluster
    big = [c for c in clusters if len(c) >= min_size]
    if not big:
        return clusters
    out = [list(c) for c in big]
    for c in clusters:
        if len(c) >= min_size:
            continue
        means = [sum(sim.get((min(a, b), max(a, b)), 0.0) for a in c for b in o)
                 / (len(c) * len(o)) for o in big]
        best = max(range(len(big)), key=lambda i: means[i])
        if means[best] >= threshold * ATTACH_SHARE:
            out[best].extend(c)
        else:
            out.append(list(c))
    return out


def pair_score(a: EventItem, b: EventItem, w_concept: float = W_CONCEPT,
               w_lemma: float = W_LEMMA, w_args: float = W_ARGS,
               w_clash: float = W_CLASH, w_light: float = W_LIGHT) -> float:
    if not a.concepts & b.concepts:
        return 0.0  # arguments alone never make two different happenings one
    score = w_concept
    if a.lemma in LIGHT or b.lemma in LIGHT:
        score -= w_light
    if a.lemma == b.lemma:
        score += w_lemma
    shared = total = 0
    clash = False
    for kind in ("HUMAN", "LOC", "TIME"):
        x, y = a.args.get(kind, set()), b.args.get(kind, set())
        if x and y:
            total += 1
            if x & y:
                shared += 1
            elif kind in ("LOC", "TIME"):
                clash = True
    if total:
        score += w_args * shared / total
    if clash:
        score -= w_clash
    return score


def cluster_mentions(items: list[EventItem], threshold: float | None = None,
                     learned: bool = True, **weights: float) -> list[list[EventItem]]:
    """Mentions of one document cluster grouped into events.

    With the committed pair model (:mod:`newsline.corpus.events_model`) and items that carry
    their context (``sentence`` set), average link on the model's probabilities, ``threshold``
    defaulting to the model's own; otherwise (``learned=False``, explicit ``weights``, no
    model, or bare items) average link on :func:`pair_score`, ``threshold`` defaulting to
    :data:`PAIR_THRESHOLD`."""
    from newsline.corpus import events_model as em

    model = em.load_model() if learned and not weights else None
    if model is not None and items and all(it.sentence >= 0 for it in items):
        groups = em.average_link_matrix(model.matrix(items),
                                        model.threshold if threshold is None else threshold)
        return [[items[i] for i in c] for c in groups]
    threshold = PAIR_THRESHOLD if threshold is None else threshold
    by_key = {f"{it.key[0]}:{it.key[1]}:{it.key[2]}": it for it in items}
    ids = sorted(by_key)
    sim: dict[tuple[str, str], float] = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            v = pair_score(by_key[a], by_key[b], **weights)
            if v > 0:
                sim[(a, b)] = v
    return [[by_key[k] for k in c] for c in average_link(ids, sim, threshold)]


def purity(response: list[list[str]], key: list[list[str]]) -> tuple[float, float]:
    """Purity and inverse purity (0..100) of a clustering against gold classes."""
    gold = {x: i for i, c in enumerate(key) for x in c}
    pred = {x: i for i, c in enumerate(response) for x in c}
    n = len(gold) or 1

    def best(clusters: list[list[str]], other: dict[str, int]) -> int:
        return sum(Counter(other[x] for x in c if x in other).most_common(1)[0][1]
                   for c in clusters if any(x in other for x in c))

    return round(100 * best(response, gold) / n, 2), round(100 * best(key, pred) / n, 2)


def head_lemma(tokens: list[tuple[str, str, str]]) -> str:
    """The lemma of a mention's head among its (text, lemma, pos) tokens: a verb, else the
    last noun, else the last token."""
    for _, lemma, pos in tokens:
        if pos in ("VERB",):
            return lemma.lower()
    nouns = [lemma for _, lemma, pos in tokens if pos in ("NOUN", "PROPN", "ADJ")]
    return (nouns[-1] if nouns else tokens[-1][1]).lower() if tokens else ""


def arg_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in STOP}


def group_by(items: list[EventItem], doc_cluster: dict[str, int]) -> dict[int, list[EventItem]]:
    out: dict[int, list[EventItem]] = defaultdict(list)
    for it in items:
        out[doc_cluster[it.doc]].append(it)
    return out
