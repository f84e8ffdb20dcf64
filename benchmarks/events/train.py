"""Fit the event-coreference pair model on ECB+ and choose its threshold, through the product.

    python benchmarks/events/train.py --data ../shared/data [--cache /tmp/newsline_events]

1. **Fit** on the training topics (:data:`newsline.eval.ecbplus.TRAIN_TOPICS`): each text goes
   through the product's analysis with the gold event mentions as its triggers
   (``run_stages(..., triggers=...)``); the pairs of mentions within each gold subtopic are
   the examples (same gold event or not), read by the product's own features
   (:func:`newsline.corpus.events_model.pair_rows`). One L2 logistic regression per kind of
   pair (:func:`~newsline.corpus.events_model.expand`).
2. **Threshold** on the dev topics (:data:`~newsline.eval.ecbplus.DEV_TOPICS`), the way the
   build links: the dev texts as one pile, analysed (gold triggers, and the product's own),
   entities resolved, documents grouped by the story grouping, mentions linked inside those
   blocks by the build's own :func:`newsline.corpus.events.cluster`, the events a reader sees
   scored; the threshold with the best mean CoNLL F1 of the two wins.

The test topics (36-45) are never read. Writes ``newsline/data/events_coref_model.json``.
Parses are cached (spaCy ``DocBin``) under ``--cache`` so a rerun costs the fit only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from newsline.analyze import nlp, run_stages  # noqa: E402
from newsline.corpus import events as cev  # noqa: E402
from newsline.corpus import events_coref as ec  # noqa: E402
from newsline.corpus import events_model as em  # noqa: E402
from newsline.corpus.entities import corpus_entities  # noqa: E402
from newsline.eval import ecbplus  # noqa: E402
from newsline.eval import events as ev  # noqa: E402
from newsline.eval.coref import GoldDoc, conll_scores  # noqa: E402
from newsline.knowledge import Knowledge  # noqa: E402
from newsline.model import DocAnalysis  # noqa: E402
from newsline.vectors import fit_logistic, standardise  # noqa: E402

THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def parsed(docs: list[GoldDoc], cache: Path | None) -> list[Any]:
    """spaCy docs of the texts, from the cache when it holds them."""
    from spacy.tokens import DocBin

    model = nlp.load()
    texts = [d.text for d in docs]
    path = None
    if cache is not None:
        digest = hashlib.sha1("\0".join(texts).encode()).hexdigest()[:16]
        path = cache / f"parses-{digest}.spacy"
        if path.exists():
            return list(DocBin().from_disk(path).get_docs(model.vocab))
    out = list(model.pipe(texts, batch_size=16))
    if path is not None:
        cache.mkdir(parents=True, exist_ok=True)  # type: ignore[union-attr]
        DocBin(docs=out).to_disk(path)
    return out


def analyses(docs: list[GoldDoc], parses: list[Any], gold: bool) -> list[DocAnalysis]:
    arts = ev.articles(docs)
    return [run_stages(a, p, ev.gold_triggers(d) if gold else None)
            for a, p, d in zip(arts, parses, docs, strict=True)]


def pair_data(docs: list[GoldDoc], found: list[DocAnalysis]) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels (1: same gold event) of the mention pairs of each subtopic."""
    label = {(d.id, m.start, m.end): m.cluster for d in docs for m in d.mentions}
    by_doc = {a.doc: ec.items_of(a) for a in found}
    xs, ys = [], []
    for sub in ev.subtopics(docs):
        items = [it for doc in sub for it in by_doc[doc] if it.key in label]
        x, i, j = em.pair_rows(items)
        xs.append(x)
        ys.append(np.array([label[items[a].key] == label[items[b].key]
                            for a, b in zip(i, j, strict=True)], dtype=float))
    return np.vstack(xs), np.concatenate(ys)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> em.PairModel:
    z, mean, scale = standardise(em.expand(x))
    w, b = fit_logistic(z, y, l2)
    return em.PairModel.from_arrays(w, b, mean, scale)


def dev_scores(docs: list[GoldDoc], found: list[DocAnalysis], model: em.PairModel
               ) -> dict[float, float]:
    """CoNLL F1 on the dev pile at each threshold, of the events the build shows: the dev
    texts' analyses go through the build's own entity resolution, story blocks, linking
    (:func:`newsline.corpus.events.cluster`) and visibility rule, with ``model``."""
    by_doc = {a.doc: a for a in found}
    arts = {a.id: a for a in ev.articles(docs)}
    index = corpus_entities(by_doc, Knowledge.bundled())
    types = {e.id: e.type for e in index.entities}
    own = {d: a.date for d, a in by_doc.items()}
    blocks = cev.document_blocks(arts, own, index)
    items = cev.mention_items(by_doc, own, index)
    key = ev.key_clusters(docs)
    by_id = {d.id: d for d in docs}

    def scored(doc: str, start: int) -> bool:
        d = by_id[doc]
        return d.scored_sentences is None or d.sentence_of(start) in d.scored_sentences

    out = {}
    loader = em.load_model
    try:
        em.load_model = lambda: model  # type: ignore[assignment]
        for thr in THRESHOLDS:
            model.threshold = thr
            groups = [g for g in cev.cluster(items, by_doc, blocks, types) if cev.visible(g)]
            resp = [[(it.doc, it.mention.trigger_start, it.mention.trigger_end) for it in g
                     if scored(it.doc, it.mention.trigger_start)] for g in groups]
            out[thr] = conll_scores(key, [r for r in resp if r])["conll_f1"]
            print(f"  threshold {thr}: {out[thr]}", flush=True)
    finally:
        em.load_model = loader  # type: ignore[assignment]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/newsline_events"))
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--out", type=Path, default=ROOT / "newsline" / "data" / em.MODEL_FILE)
    args = ap.parse_args()
    started = time.perf_counter()
    train = ecbplus.read(args.data, ecbplus.TRAIN_TOPICS, kinds="event")
    train_found = analyses(train, parsed(train, args.cache), gold=True)
    x, y = pair_data(train, train_found)
    model = fit(x, y, args.l2)
    print(f"fitted on {len(y)} pairs ({int(y.sum())} positive), "
          f"{time.perf_counter() - started:.0f}s", flush=True)
    dev = ecbplus.read(args.data, ecbplus.DEV_TOPICS, kinds="event")
    dev_parses = parsed(dev, args.cache)
    gold = dev_scores(dev, analyses(dev, dev_parses, gold=True), model)
    pred = dev_scores(dev, analyses(dev, dev_parses, gold=False), model)
    mean = {t: (gold[t] + pred[t]) / 2 for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (mean[t], -abs(t - 0.5)))
    model.threshold = best
    model.meta = {"trained_on": "ECB+ topics " + ",".join(map(str, ecbplus.TRAIN_TOPICS)),
                  "threshold_on": "ECB+ dev topics " + ",".join(map(str, ecbplus.DEV_TOPICS)),
                  "pairs": len(y), "positive": int(y.sum()), "l2": args.l2,
                  "dev_conll_f1_gold_mentions": gold, "dev_conll_f1_predicted_mentions": pred}
    args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    print(json.dumps({"threshold": best, "dev_gold": gold[best], "dev_predicted": pred[best],
                      "seconds": round(time.perf_counter() - started)}, indent=1))


if __name__ == "__main__":
    main()
