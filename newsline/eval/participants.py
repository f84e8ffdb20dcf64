"""The ``participants`` benchmark (in the ``events`` family): who did what to whom, where.

Precision, recall and F1 of (event mention, participant entity, role) triples from the
product's events against MEANTIME's HAS_PARTICIPANT links, roles mapped as
:data:`newsline.eval.meantime.ROLES` says (Arg0 agent, Arg1 patient, ArgM-LOC place, every
other argument other). Two settings, each the product's own analysis and corpus build with
default settings, one corpus build per MEANTIME corpus:

- ``gold_mentions``: the analysis runs with the gold event mentions as its triggers
  (:func:`newsline.analyze.run_stages` ``triggers``), so the participants and roles are the
  product's for exactly the annotated events;
- ``predicted_mentions``: the analysis finds its own triggers (``newsline.analyze.analyze``);
  an event mention is the gold one whose trigger span holds its trigger's head word, and the
  triples of event mentions that match no gold one count against precision.

A predicted triple (event mention, entity, role) matches a gold link (event, participant,
role) when the events match, the roles are equal and the entity has a mention in that
document holding the gold participant's **head word** (head match: the syntactic head of the
gold span in the spaCy parse of the rebuilt text, :func:`parse_heads`; where the span maps onto
no tokens, the last word before its first post-modifier,
:func:`newsline.eval.meantime.head_span`); so a participant found as "it" or "the company"
counts when the build joined it to the right entity. Beside it, ``*_entity_match`` (details
only) lets a participant match through any mention of its gold entity in the document (the
annotators link "which" or "it" where the product names the antecedent). Each gold
link and each predicted triple is matched at most once. Participants are canonical entities
of the build (``Corpus.entities``); places are the events' places.

Development is on the Apple corpus (SemEval-2015's trial set); the figures in ``metrics`` are
those of the other three corpora (airbus, gm, stock) taken together, never tuned on.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsline.eval import meantime
from newsline.eval.meantime import ParticipantDoc
from newsline.model import Article, Corpus, DocAnalysis

DEV: tuple[str, ...] = ("apple",)
MEANTIME_DIR = "meantime_en"  # under the data folder
TEST: tuple[str, ...] = ("airbus", "gm", "stock")
ROLE_NAMES: tuple[str, ...] = ("agent", "patient", "place", "other")
PRODUCT_ROLES: dict[str, str] = {"agent": "agent", "patient": "patient", "place": "place"}
"""The product's participant roles as the benchmark's; any other is ``other``."""


@dataclass(frozen=True, slots=True)
class Triple:
    """A predicted (event mention, entity, role): the trigger span and the spans of the
    entity's mentions in that document."""

    doc: str
    trigger: tuple[int, int]
    entity: str
    role: str
    spans: tuple[tuple[int, int], ...]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def product_triples(analyses: Iterable[DocAnalysis], corpus: Corpus) -> list[Triple]:
    """The (event mention, entity, role) triples of the product's events: each event mention's
    participants and places as the build's entities."""
    entity_of: dict[tuple[str, int, int], str] = {}
    spans: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for e in corpus.entities:
        for ref in e.mentions:
            entity_of[(ref.doc, ref.start, ref.end)] = e.id
            spans[(ref.doc, e.id)].append((ref.start, ref.end))
    out: dict[tuple[str, tuple[int, int], str, str], Triple] = {}
    for a in analyses:
        for em in a.events:
            trigger = (em.trigger_start, em.trigger_end)
            found = [(p.mention, PRODUCT_ROLES.get(p.role, "other")) for p in em.participants]
            found += [(i, "place") for i in em.places]
            for i, role in found:
                m = a.mentions[i]
                ent = entity_of.get((a.doc, m.start, m.end))
                if ent is None:
                    continue
                key = (a.doc, trigger, ent, role)
                out.setdefault(key, Triple(a.doc, trigger, ent, role,
                                           tuple(sorted(spans[(a.doc, ent)]))))
    return list(out.values())


def scored(docs: list[ParticipantDoc], triples: list[Triple]) -> list[Triple]:
    """The triples of the annotated sentences only (MEANTIME annotates an article's first
    sentences): those holding a gold event mention."""
    keep: dict[str, list[tuple[int, int]]] = {
        d.id: [d.sentences[s] for s in {e.sentence for e in d.events}] for d in docs}
    return [t for t in triples
            if any(a <= t.trigger[0] < b for a, b in keep.get(t.doc, []))]


def score(docs: list[ParticipantDoc], triples: list[Triple], by_entity: bool = False
          ) -> dict[str, Any]:
    """Precision, recall and F1 (0..100), overall and by role, with one-to-one matching.

    ``by_entity``: a participant also matches through any other mention of its gold entity in
    the document ("which" for "the device"), an entity-level variant reported beside."""
    gold: dict[str, list[tuple[tuple[int, int], list[tuple[int, int]], str]]] = defaultdict(list)
    for d in docs:
        for ev in d.events:
            for p in ev.participants:
                heads = p.coreferent if by_entity and p.coreferent else [
                    (p.head_start, p.head_end)]
                gold[d.id].append(((ev.start, ev.end), heads, p.role))
    used: set[tuple[str, int]] = set()
    tp: Counter[str] = Counter()
    pred_n: Counter[str] = Counter(t.role for t in triples)
    gold_n: Counter[str] = Counter(r for links in gold.values() for _, _, r in links)
    for t in sorted(triples, key=lambda t: (t.doc, t.trigger, t.role, t.entity)):
        for k, (event, heads, role) in enumerate(gold.get(t.doc, [])):
            if (t.doc, k) in used or role != t.role or not _overlaps(t.trigger, event):
                continue
            if any(_overlaps(s, h) for s in t.spans for h in heads):
                used.add((t.doc, k))
                tp[role] += 1
                break
    out = _prf(sum(tp.values()), sum(pred_n.values()), sum(gold_n.values()))
    out["by_role"] = {r: _prf(tp[r], pred_n[r], gold_n[r]) for r in ROLE_NAMES}
    return out


def _prf(tp: int, pred: int, gold: int) -> dict[str, Any]:
    p = 100 * tp / pred if pred else 0.0
    r = 100 * tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 2), "recall": round(r, 2), "f1": round(f, 2),
            "true_positives": tp, "predicted": pred, "gold": gold}


def _articles(docs: list[ParticipantDoc]) -> list[Article]:
    return [Article(d.id, f"meantime/{d.topic}/{d.id}", d.text) for d in docs]


def parse_heads(d: ParticipantDoc, parsed: Any) -> None:
    """Each gold participant's head word as the syntactic head of its span in the parse of the
    rebuilt text ("Apple Computer CEO and co-founder Steve *Jobs*", "the new, faster
    *iPhone*"), where the span maps onto tokens; else the reader's heuristic head stays."""
    for ev in d.events:
        for p in ev.participants:
            span = parsed.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None and len(span):
                p.head_start, p.head_end = span.root.idx, span.root.idx + len(span.root)
                p.coreferent = sorted({*p.coreferent, (p.head_start, p.head_end)})


def analyses_of(docs: list[ParticipantDoc]) -> tuple[list[DocAnalysis], list[DocAnalysis]]:
    """The product's analyses of the documents: with the gold event mentions as triggers, and
    with its own; one parse of each text serves both."""
    from newsline.analyze import run_stages
    from newsline.analyze.nlp import load

    nlp = load()
    gold, predicted = [], []
    arts = _articles(docs)
    for d, art, parsed in zip(docs, arts, nlp.pipe([d.text for d in docs], batch_size=16),
                              strict=True):
        parse_heads(d, parsed)
        gold.append(run_stages(art, parsed, triggers=[(e.start, e.end) for e in d.events]))
        predicted.append(run_stages(art, parsed))
    return gold, predicted


def evaluate(docs: list[ParticipantDoc]) -> dict[str, Any]:
    """Both settings on one set of documents, one corpus build per corpus (topic)."""
    from newsline.corpus import build_corpus

    by_topic: dict[str, list[ParticipantDoc]] = defaultdict(list)
    for d in docs:
        by_topic[d.topic].append(d)
    out: dict[str, Any] = {}
    triples: dict[str, list[Triple]] = {"gold_mentions": [], "predicted_mentions": []}
    for topic, group in by_topic.items():
        arts = _articles(group)
        gold_in, pred_in = analyses_of(group)
        topic_out: dict[str, Any] = {}
        for setting, analyses in (("gold_mentions", gold_in), ("predicted_mentions", pred_in)):
            found = scored(group, product_triples(analyses, build_corpus(arts, analyses)))
            triples[setting] += found
            topic_out[setting] = score(group, found)
            topic_out[f"{setting}_entity_match"] = {
                k: v for k, v in score(group, found, by_entity=True).items() if k != "by_role"}
        topic_out["documents"] = len(group)
        topic_out["gold_events"] = sum(len(d.events) for d in group)
        topic_out["predicted_events"] = sum(len(a.events) for a in pred_in)
        out[topic] = topic_out
    out["all"] = {s: score(docs, t) for s, t in triples.items()}
    for s, t in triples.items():
        out["all"][f"{s}_entity_match"] = {
            k: v for k, v in score(docs, t, by_entity=True).items() if k != "by_role"}
    return out


def run(data_dir: Path) -> dict[str, Any]:
    """Score the product's participants on MEANTIME: ``metrics`` from the three test corpora
    (airbus, gm, stock) together; the Apple corpus (development) under ``details``."""
    started = time.perf_counter()
    test = evaluate(meantime.read_participants(data_dir, TEST))
    dev = evaluate(meantime.read_participants(data_dir, DEV))
    metrics = {f"participants_f1_{s}": test["all"][s]["f1"]
               for s in ("gold_mentions", "predicted_mentions")}
    details: dict[str, Any] = {
        "test_corpora": list(TEST), "dev_corpora": list(DEV),
        "match": "head: an entity mention holds the gold participant's head word",
        "roles": "Arg0 agent, Arg1 patient, ArgM-LOC place, other args other",
        "precision_recall": {s: {k: test["all"][s][k] for k in ("precision", "recall")}
                             for s in ("gold_mentions", "predicted_mentions")},
        "test": test, "dev": dev, "seconds": round(time.perf_counter() - started, 1)}
    return {"benchmark": "participants", "dataset": "meantime", "metrics": metrics,
            "details": details}
