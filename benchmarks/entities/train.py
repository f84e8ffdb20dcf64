"""Train the entity resolver's learned pair pass (``newsline/data/entity_pairs.json``).

Fits the logistic mention-pair model of :mod:`newsline.corpus.entities_model` on ECB+ training
topics (1-35 less the dev topics), gold mentions, the rule clusters and topics exactly as the
corpus build makes them (no gold blocks: :func:`newsline.corpus.entities.document_topics`);
chooses the joining threshold on the dev topics (2, 5, 12, 18, 21, 23, 34, 35): the highest
within ``TIE`` of the best dev score, since a join too many chains on a corpus far bigger than
an ECB+ topic. Never reads the test topics (36-45) or MEANTIME.

    python benchmarks/entities/train.py --data ../shared/data [--l2 1.0] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsline.corpus import entities
from newsline.corpus.entities_model import BASE, CATEGORIES, Item, PairModel, features, link_weights
from newsline.eval import ecbplus
from newsline.eval.coref import GoldDoc, conll_scores
from newsline.eval.entities import gold_analyses, key_clusters, response_of
from newsline.knowledge import Knowledge
from newsline.vectors import fit_logistic

OUT = Path(__file__).resolve().parents[2] / "newsline" / "data" / "entity_pairs.json"
THRESHOLDS = np.arange(0.10, 0.71, 0.05)
TIE = 0.1  # CoNLL F1 points: dev scores this close are one score


def training_pairs(blocks: list[tuple[list[Item], list[str]]]) -> tuple[np.ndarray, np.ndarray]:
    """Design matrix (pair features placed in their category's columns) and labels, over the
    mention pairs of different rule clusters in each block; ``gold`` is each item's cluster."""
    xs, ys = [], []
    nb = len(BASE)
    for items, gold in blocks:
        if len(items) < 2:
            continue
        f, cats = features(items)
        w = link_weights(items)
        labels = np.array([it.cluster for it in items])
        g = np.array(gold)
        iu, ju = np.triu_indices(len(items), 1)
        keep = (labels[iu] != labels[ju]) & (w[iu, ju] > 0)
        iu, ju = iu[keep], ju[keep]
        x = np.zeros((len(iu), len(CATEGORIES) * nb))
        c = cats[iu, ju]
        for k in range(nb):
            x[np.arange(len(iu)), c * nb + k] = f[k, iu, ju]
        xs.append(x)
        ys.append((g[iu] == g[ju]).astype(float))
    return np.vstack(xs), np.concatenate(ys)


def topic_blocks(docs: list[GoldDoc], kb: Knowledge) -> list[tuple[list[Item], list[str]]]:
    """The learned pass's inputs as the build makes them: the resolver's own topics over all
    the documents at once, the rule clusters inside each, and each mention's gold cluster."""
    analyses = gold_analyses(docs)
    topics = entities.document_topics(analyses)
    by_topic: dict[str, list[int]] = defaultdict(list)
    for n, a in enumerate(analyses):
        by_topic[topics[a.doc]].append(n)
    out = []
    for idxs in by_topic.values():
        group = [analyses[n] for n in idxs]
        items = entities.rule_items(group, kb)
        gold = [m.cluster for n in idxs for m in docs[n].mentions]
        out.append((items, gold))
    return out


def dev_score(dev: list[GoldDoc], kb: Knowledge, model: PairModel) -> float:
    analyses = gold_analyses(dev)
    index = entities.resolve(analyses, kb, pair_model=model)
    return conll_scores(key_clusters(dev), response_of(analyses, index))["conll_f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    args = parser.parse_args()
    kb = Knowledge.bundled()
    train = ecbplus.read(args.data, ecbplus.TRAIN_TOPICS)
    x, y = training_pairs(topic_blocks(train, kb))
    print(f"{len(y)} pairs, {int(y.sum())} positive")
    beta, _ = fit_logistic(x, y, args.l2, intercept=False)
    weights = beta.reshape(len(CATEGORIES), len(BASE))
    dev = ecbplus.read(args.data, ecbplus.DEV_TOPICS)
    scored = []
    for t in THRESHOLDS:
        f1 = dev_score(dev, kb, PairModel(weights, float(t)))
        print(f"threshold {t:.2f}: dev CoNLL F1 {f1:.2f}")
        scored.append((f1, float(t)))
    top = max(f1 for f1, _ in scored)
    best = max(((f1, t) for f1, t in scored if f1 >= top - TIE), key=lambda x: x[1])
    model = PairModel(weights, best[1])
    if args.dry_run:
        print(f"best threshold {best[1]:.2f} (dev {best[0]:.2f}); nothing written")
        return
    OUT.write_text(json.dumps(model.to_dict(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} (threshold {best[1]:.2f}, dev {best[0]:.2f})")


if __name__ == "__main__":
    main()
