"""The ``events`` benchmark: cross-document event coreference and stories on ECB+ (test topics
36-45), scored on what the product itself builds.

The runner turns each test text into an :class:`~newsline.model.Article` (no date, no title),
runs the product's analysis (:func:`newsline.analyze.run_stages` on the pipeline's parse, what
:func:`newsline.analyze.analyze` does) and its corpus build (:func:`newsline.corpus.build_corpus`,
default settings) on all of them at once, as one pile: no gold topic, no gold subtopic.

- ``conll_f1_predicted_mentions``: the mentions of ``corpus.events`` (their triggers) against
  the gold event mentions (ACTION_*/NEG_*) of the validated sentences, as is standard
  (Cybulska & Vossen 2015); matched by exact span, twinless mentions scored as the reference
  scorer scores them (:mod:`newsline.eval.coref`). Mentions outside the validated sentences are
  left out of the response.
- ``conll_f1_gold_mentions``: the same analysis and build with the gold event mentions as the
  event triggers (``run_stages(..., triggers=gold spans)``); everything else as found.
- ``subtopic_purity`` / ``subtopic_inverse_purity``: ``corpus.stories`` of the predicted build
  against the two seminal events of each topic (its ``ecb`` and ``ecbplus`` files).
- ``conll_f1_product_build``: the same figure as ``conll_f1_predicted_mentions`` (kept for
  continuity with earlier reports, where it named the product beside a separate pipeline).

The models the build loads are fitted and tuned by ``benchmarks/events/train.py`` on the
training and dev topics only.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newsline.eval import ecbplus
from newsline.eval.coref import GoldDoc, conll_scores, purity, worst_errors
from newsline.model import Article, Corpus, DocAnalysis

Key = tuple[str, int, int]


def is_event(kind: str) -> bool:
    return kind.startswith(ecbplus.EVENT_PREFIXES)


def articles(docs: list[GoldDoc]) -> list[Article]:
    """The texts as a user would ingest them: no date, no title."""
    return [Article(d.id, f"{d.id}.txt", d.text) for d in docs]


def gold_triggers(d: GoldDoc) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in d.mentions if is_event(m.kind)]


def analyse(docs: list[GoldDoc], gold: bool = False) -> list[DocAnalysis]:
    """The product's analysis of each text; with ``gold``, its event triggers are the gold
    event mentions."""
    from newsline.analyze import nlp, run_stages

    arts = articles(docs)
    parsed = nlp.load().pipe((a.text for a in arts), batch_size=16)
    return [run_stages(a, p, gold_triggers(d) if gold else None)
            for a, p, d in zip(arts, parsed, docs, strict=True)]


def build(docs: list[GoldDoc], analyses: list[DocAnalysis]) -> Corpus:
    """The product's corpus build over all the texts, default settings."""
    from newsline.corpus import build_corpus

    return build_corpus(articles(docs), analyses)


def key_clusters(docs: list[GoldDoc]) -> list[list[Key]]:
    out: dict[str, list[Key]] = defaultdict(list)
    for d in docs:
        for m in d.mentions:
            if is_event(m.kind):
                out[m.cluster].append((d.id, m.start, m.end))
    return list(out.values())


def subtopics(docs: list[GoldDoc]) -> list[list[str]]:
    """The gold seminal events: the ``ecb`` and ``ecbplus`` files of each topic."""
    out: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for d in docs:
        out[(d.topic, d.id.endswith("ecbplus"))].append(d.id)
    return list(out.values())


def response(corpus: Corpus, docs: list[GoldDoc]) -> list[list[Key]]:
    """The triggers of each event of the build that lie in the validated sentences."""
    by_id = {d.id: d for d in docs}

    def scored(doc: str, start: int) -> bool:
        d = by_id.get(doc)
        return d is not None and (d.scored_sentences is None
                                  or d.sentence_of(start) in d.scored_sentences)

    out = []
    for e in corpus.events:
        keys = [(m.doc, m.trigger_start, m.trigger_end) for m in e.mentions
                if m.trigger_start is not None and m.trigger_end is not None
                and scored(m.doc, m.trigger_start)]
        if keys:
            out.append(sorted(set(keys)))
    return out


def errors(docs: list[GoldDoc], resp: list[list[Key]], n: int = 5) -> dict[str, Any]:
    """The worst errors by kind: wrong merges and missed links (largest first), and the gold
    triggers the product never shows as an event mention (most frequent first)."""
    text = {(d.id, m.start, m.end): m.text for d in docs for m in d.mentions}
    key = key_clusters(docs)
    merges, splits = worst_errors(key, resp, text, 5)
    shown = {k for c in resp for k in c}
    missed = Counter(text[k].lower() for c in key for k in c if k not in shown)
    return {"wrong_merge": merges[:n], "missed_link": splits[:n],
            "missed_mention": [{"text": t, "count": c} for t, c in missed.most_common(n)],
            "missed_mentions": sum(missed.values()),
            "spurious_in_events": sum(1 for c in resp for k in c if k not in text)}


def score(docs: list[GoldDoc], gold: bool) -> tuple[dict[str, float], Corpus,
                                                   list[list[Key]]]:
    found = analyse(docs, gold)
    corpus = build(docs, found)
    resp = response(corpus, docs)
    scores = conll_scores(key_clusters(docs), resp)
    # how many gold triggers the analysis found at all (shown as an event or not)
    triggers = {(a.doc, m.trigger_start, m.trigger_end) for a in found for m in a.events}
    scores["gold_triggers_found"] = sum(1 for c in key_clusters(docs) for k in c
                                        if k in triggers)
    return scores, corpus, resp


def run(data_dir: Path) -> dict[str, Any]:
    """Score the product's events and stories on the ECB+ test topics."""
    started = time.perf_counter()
    docs = ecbplus.read(data_dir, ecbplus.TEST_TOPICS, kinds="event")
    pred_scores, corpus, pred_resp = score(docs, gold=False)
    gold_scores, gold_corpus, gold_resp = score(docs, gold=True)
    purity_, inverse = purity([s.documents for s in corpus.stories], subtopics(docs))
    key = key_clusters(docs)
    metrics = {"conll_f1_gold_mentions": gold_scores["conll_f1"],
               "conll_f1_predicted_mentions": pred_scores["conll_f1"],
               "subtopic_purity": purity_, "subtopic_inverse_purity": inverse,
               "conll_f1_product_build": pred_scores["conll_f1"]}
    details = {
        "what": "newsline's own analysis and corpus build on the test texts as one pile "
                "(no date, no gold topic); corpus.events' mentions scored against gold",
        "documents": len(docs), "gold_mentions": sum(len(c) for c in key),
        "events": len(corpus.events), "stories": len(corpus.stories),
        "event_types": dict(Counter(e.type for e in corpus.events).most_common()),
        "predicted_mentions_in_events": sum(len(c) for c in pred_resp),
        "gold_mentions_in_events": sum(len(c) for c in gold_resp),
        "predicted_scores": pred_scores, "gold_scores": gold_scores,
        "worst_errors": errors(docs, pred_resp),
        "worst_errors_gold_mentions": errors(docs, gold_resp),
        "seconds": round(time.perf_counter() - started, 1),
    }
    # who did what to whom: MEANTIME's participant links, scored on the product's events
    from newsline.eval import participants

    if (data_dir / participants.MEANTIME_DIR).is_dir():
        who = participants.run(data_dir)
        metrics.update(who["metrics"])
        details["participants"] = who["details"]
    return {"benchmark": "events", "dataset": "ecbplus", "metrics": metrics, "details": details}
