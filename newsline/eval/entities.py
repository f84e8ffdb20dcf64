"""The ``entities`` benchmark: cross-document entity coreference and the name-variant suite.

- MEANTIME (all 120 articles, the cross-document layer) and ECB+ (test topics 36-45, validated
  sentences, entity kinds as Barhom et al. 2019 take them: every kind but actions), scored
  with MUC, B³, CEAF-e and CoNLL F1 (:mod:`newsline.eval.coref`);
- ``gold_mentions``: the resolver clusters the gold mention strings, typed from the gold kind;
- ``predicted_mentions``: the spaCy mentions of ``newsline.analyze`` on the rebuilt text,
  matched to gold by exact span; unmatched mentions on either side are twinless and scored as
  the reference scorer scores them;
- ``name_variants``: precision and recall of the resolver's "same entity" decisions on the
  pairs of ``newsline/data/name_variants.jsonl``.

The resolver blocks by corpus topic (the gold topic, as near-perfect document clustering gives
on both corpora).
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.corpus.entities import EntityIndex, resolve
from newsline.knowledge import Knowledge
from newsline.eval import ecbplus, meantime
from newsline.eval.coref import GoldDoc, conll_scores, worst_errors
from newsline.model import DocAnalysis, Mention

KIND_TYPES = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_MET": "ORG", "HUMAN_PART_FAC": "FAC", "LOC_GEO": "GPE", "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC", "PER": "PERSON", "ORG": "ORG", "LOC": "GPE",
}
SpanKey = tuple[str, int, int]


def mention_type(kind: str) -> str:
    """Our entity type for a gold kind (ECB+ or MEANTIME label)."""
    return KIND_TYPES.get(kind, "OTHER")


def _key_clusters(docs: list[GoldDoc]) -> list[list[SpanKey]]:
    clusters: dict[str, list[SpanKey]] = defaultdict(list)
    for d in docs:
        for m in d.mentions:
            clusters[m.cluster].append((d.id, m.start, m.end))
    return list(clusters.values())


def _response(analyses: list[DocAnalysis], index: EntityIndex) -> list[list[SpanKey]]:
    clusters: dict[str, list[SpanKey]] = defaultdict(list)
    for a in analyses:
        for i, m in enumerate(a.mentions):
            clusters[index.by_mention[(a.doc, i)]].append((a.doc, m.start, m.end))
    return list(clusters.values())


def gold_analyses(docs: list[GoldDoc]) -> list[DocAnalysis]:
    return [DocAnalysis(d.id, d.sentences, [
        Mention(m.start, m.end, m.text, mention_type(m.kind), m.sentence) for m in d.mentions])
        for d in docs]


def predicted_analyses(docs: list[GoldDoc]) -> list[DocAnalysis]:
    """spaCy mentions on each rebuilt text, kept in the scored sentences only."""
    from newsline.analyze.mentions import entity_mentions, sentences
    from newsline.analyze.nlp import load

    nlp = load()
    out = []
    for d, parsed in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16), strict=True):
        ms = entity_mentions(parsed, sentences(parsed))
        if d.scored_sentences is not None:
            ms = [m for m in ms if d.sentence_of(m.start) in d.scored_sentences]
        out.append(DocAnalysis(d.id, sentences(parsed), ms))
    return out


def score(docs: list[GoldDoc], analyses: list[DocAnalysis], kb: Knowledge,
          learned: bool = False) -> tuple[dict[str, float], EntityIndex]:
    blocks = {d.id: d.topic for d in docs}
    index = resolve(analyses, kb, blocks, learned=learned)
    return conll_scores(_key_clusters(docs), _response(analyses, index)), index


# ---------------------------------------------------------------- the name-variant suite

_MARK = re.compile(r"\[([^\]]+)\]")


def load_variants(path: Path | None = None) -> list[dict[str, Any]]:
    if path is None:
        text = resources.files("newsline.data").joinpath("name_variants.jsonl").read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _variant_doc(doc_id: str, name: str, context: str | None, kind: str) -> DocAnalysis:
    """A one-article analysis: the bracketed names of ``context`` (else ``name`` alone); the
    compared mention is the last one."""
    text = context or f"[{name}]"
    mentions: list[Mention] = []
    plain = ""
    pos = 0
    for m in _MARK.finditer(text):
        plain += text[pos:m.start()]
        start = len(plain)
        plain += m.group(1)
        mentions.append(Mention(start, len(plain), m.group(1), kind))
        pos = m.end()
    return DocAnalysis(doc_id, [(0, len(plain))], mentions)


def variant_decisions(items: list[dict[str, Any]], kb: Knowledge) -> list[tuple[bool, bool]]:
    """(gold same, resolver same) for each pair, each pair resolved on its own."""
    out = []
    for n, item in enumerate(items):
        kind = item.get("type", "PERSON")
        a = _variant_doc(f"v{n}a", item["a"], item.get("a_context"), kind)
        b = _variant_doc(f"v{n}b", item["b"], item.get("b_context"), kind)
        index = resolve([a, b], kb)
        same = index.by_mention[(a.doc, len(a.mentions) - 1)] == index.by_mention[
            (b.doc, len(b.mentions) - 1)]
        out.append((bool(item["same"]), same))
    return out


def variant_scores(items: list[dict[str, Any]], kb: Knowledge) -> dict[str, Any]:
    decisions = variant_decisions(items, kb)
    tp = sum(1 for g, p in decisions if g and p)
    fp = sum(1 for g, p in decisions if p and not g)
    fn = sum(1 for g, p in decisions if g and not p)
    errors = [{"a": it["a"], "b": it["b"], "gold": g, "resolver": p}
              for it, (g, p) in zip(items, decisions, strict=True) if g != p]
    return {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "n": len(items), "same_pairs": tp + fn, "errors": errors}


# ---------------------------------------------------------------- the benchmark


def _worst_errors(docs: list[GoldDoc], analyses: list[DocAnalysis], index: EntityIndex,
                  n: int = 5) -> list[dict[str, Any]]:
    """The largest wrong merges and splits, for the report."""
    text = {(d.id, m.start, m.end): m.text for d in docs for m in d.mentions}
    merges, splits = worst_errors(_key_clusters(docs), _response(analyses, index), text, 6)
    return merges[:n] + splits[:n]


def run(data_dir: Path) -> dict[str, Any]:
    """Score the resolver on MEANTIME, ECB+ and the name-variant suite."""
    started = time.perf_counter()
    kb = Knowledge.load()
    datasets: dict[str, Any] = {}
    details: dict[str, Any] = {}
    corpora = {"meantime": meantime.read(data_dir), "ecbplus": ecbplus.read(data_dir)}
    for name, docs in corpora.items():
        gold_in = gold_analyses(docs)
        gold_scores, gold_index = score(docs, gold_in, kb)
        pred_in = predicted_analyses(docs)
        pred_scores, _ = score(docs, pred_in, kb)
        keep = ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1")
        # the opt-in learned pair model (newsline.corpus.entities_model), reported beside
        learned_scores, _ = score(docs, gold_in, kb, learned=True)
        datasets[name] = {"gold_mentions": {k: gold_scores[k] for k in keep},
                          "predicted_mentions": {k: pred_scores[k] for k in keep},
                          "gold_mentions_learned_pairs": {k: learned_scores[k] for k in keep}}
        details[name] = {
            "documents": len(docs),
            "gold_mentions": sum(len(d.mentions) for d in docs),
            "predicted_mentions": sum(len(a.mentions) for a in pred_in),
            "gold_scores": gold_scores, "predicted_scores": pred_scores,
            "worst_errors": _worst_errors(docs, gold_in, gold_index),
        }
    ecb = corpora["ecbplus"]
    no_time = [GoldDoc(d.id, d.topic, d.text, d.sentences,
                       [m for m in d.mentions if not m.kind.startswith("TIME")],
                       d.scored_sentences) for d in ecb]
    details["ecbplus"]["gold_scores_without_time"] = score(no_time, gold_analyses(no_time), kb)[0]
    variants = variant_scores(load_variants(), kb)
    datasets["name_variants"] = {"precision": variants["precision"], "recall": variants["recall"]}
    details["name_variants"] = variants
    details["seconds"] = round(time.perf_counter() - started, 1)
    metrics = {f"{ds}_{setting}_conll_f1": datasets[ds][setting]["conll_f1"]
               for ds in ("meantime", "ecbplus") for setting in ("gold_mentions",
                                                                 "predicted_mentions")}
    metrics["name_variants_precision"] = variants["precision"]
    metrics["name_variants_recall"] = variants["recall"]
    return {"benchmark": "entities", "dataset": "meantime+ecbplus", "metrics": metrics,
            "datasets": datasets, "details": details}
