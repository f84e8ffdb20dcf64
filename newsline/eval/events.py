"""The ``events`` benchmark: cross-document event coreference on ECB+ (test topics 36-45).

As is standard (Cybulska & Vossen 2015; Barhom et al. 2019): validated sentences only, event
mentions = ACTION_*/NEG_* kinds, scored with MUC, B³, CEAF-e and CoNLL F1
(:mod:`newsline.eval.coref`). Mentions are clustered within *predicted* document clusters
(:func:`newsline.build.events_coref.cluster_documents`, run inside each gold topic), never
within the gold subtopics.

- ``conll_f1_gold_mentions``: the gold event mentions, their arguments being the gold
  participant, place and time mentions (HUMAN_*/NON_HUMAN_*, LOC_*, TIME_*) of the sentence;
- ``conll_f1_predicted_mentions``: triggers found by the broad trigger set of
  :mod:`newsline.analyze.events_lexicon` (every verb, every event noun) on the rebuilt text,
  arguments from spaCy's entities; matched to gold by exact span, twinless mentions scored as
  the reference scorer scores them;
- ``subtopic_purity`` / ``subtopic_inverse_purity``: the document clusters against the two
  seminal events of each topic (its ``ecb`` and ``ecbplus`` files).

Weights and thresholds are tuned by :func:`tune` on the training topics only.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsline.analyze.events_lexicon import concept_keys, is_event_noun
from newsline.build import events_coref as ec
from newsline.eval import ecbplus
from newsline.eval.coref import GoldDoc, conll_scores, worst_errors

ARG_KIND = {"HUMAN": "HUMAN", "NON_HUMAN": "HUMAN", "LOC": "LOC", "TIME": "TIME"}
NER_KIND = {"PERSON": "HUMAN", "ORG": "HUMAN", "NORP": "HUMAN", "GPE": "LOC", "LOC": "LOC",
            "FAC": "LOC", "DATE": "TIME", "TIME": "TIME"}
SKIP_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come"}
Key = tuple[str, int, int]


def _is_event(kind: str) -> bool:
    return kind.startswith(ecbplus.EVENT_PREFIXES)


def _arg_kind(kind: str) -> str | None:
    for prefix, arg in ARG_KIND.items():
        if kind.startswith(prefix):
            return arg
    return None


def parse(docs: list[GoldDoc], full: bool = False) -> list[Any]:
    """spaCy docs of the rebuilt texts; ``full`` keeps the parser and NER (predicted mentions)."""
    from newsline.analyze.nlp import load

    nlp = load()
    disable = [] if full else ["parser", "ner"]
    return list(nlp.pipe([d.text for d in docs], batch_size=32, disable=disable))


def _tokens(parsed: Any, start: int, end: int) -> list[tuple[str, str, str]]:
    return [(t.text, t.lemma_, t.pos_) for t in parsed if t.idx < end and t.idx + len(t) > start]


def gold_items(docs: list[GoldDoc], parsed: list[Any]) -> list[ec.EventItem]:
    """The gold event mentions with their lemmas and their sentences' gold arguments."""
    out = []
    for d, p in zip(docs, parsed, strict=True):
        args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for m in d.mentions:
            kind = _arg_kind(m.kind)
            if kind:
                args[m.sentence][kind] |= ec.arg_words(m.text)
        for m in d.mentions:
            if not _is_event(m.kind):
                continue
            lemma = ec.head_lemma(_tokens(p, m.start, m.end)) or m.text.lower()
            out.append(ec.EventItem((d.id, m.start, m.end), d.id, lemma, concept_keys(lemma),
                                    {k: v for k, v in args[m.sentence].items() if v}))
    return out


def predicted_items(docs: list[GoldDoc], parsed: list[Any]) -> list[ec.EventItem]:
    """Triggers of the broad set (verbs, event nouns) in the scored sentences."""
    out = []
    for d, p in zip(docs, parsed, strict=True):
        args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for ent in p.ents:
            kind = NER_KIND.get(ent.label_)
            if kind:
                args[d.sentence_of(ent.start_char)][kind] |= ec.arg_words(ent.text)
        for t in p:
            lemma = t.lemma_.lower()
            verb = t.pos_ == "VERB" and t.dep_ not in ("aux", "auxpass") and (
                lemma not in SKIP_VERBS)
            if not (verb or (t.pos_ == "NOUN" and is_event_noun(lemma))):
                continue
            s = d.sentence_of(t.idx)
            if d.scored_sentences is not None and s not in d.scored_sentences:
                continue
            out.append(ec.EventItem((d.id, t.idx, t.idx + len(t)), d.id, lemma,
                                    concept_keys(lemma), {k: v for k, v in args[s].items() if v}))
    return out


def document_clusters(docs: list[GoldDoc], threshold: float = ec.DOC_THRESHOLD
                      ) -> list[list[str]]:
    by_topic: dict[str, dict[str, str]] = defaultdict(dict)
    for d in docs:
        by_topic[d.topic][d.id] = d.text
    return [c for t in sorted(by_topic) for c in ec.cluster_documents(by_topic[t], threshold)]


def subtopics(docs: list[GoldDoc]) -> list[list[str]]:
    """The gold seminal events: the ``ecb`` and ``ecbplus`` files of each topic."""
    out: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for d in docs:
        out[(d.topic, d.id.endswith("ecbplus"))].append(d.id)
    return list(out.values())


def key_clusters(docs: list[GoldDoc]) -> list[list[Key]]:
    out: dict[str, list[Key]] = defaultdict(list)
    for d in docs:
        for m in d.mentions:
            if _is_event(m.kind):
                out[m.cluster].append((d.id, m.start, m.end))
    return list(out.values())


def respond(items: list[ec.EventItem], doc_clusters: list[list[str]],
            threshold: float = ec.PAIR_THRESHOLD, **weights: float) -> list[list[Key]]:
    where = {doc: i for i, c in enumerate(doc_clusters) for doc in c}
    out: list[list[Key]] = []
    for group in ec.group_by(items, where).values():
        out.extend([it.key for it in c] for c in ec.cluster_mentions(group, threshold, **weights))
    return out


def tune(data_dir: Path) -> tuple[float, list[tuple[float, dict[str, float]]]]:
    """Grid search on the ECB+ training topics (never dev or test): the document threshold by
    purity + inverse purity, then the pair weights within the gold subtopics; best first."""
    docs = ecbplus.read(data_dir, ecbplus.TRAIN_TOPICS, kinds="all")
    gold_sub = subtopics(docs)
    doc_threshold = max((sum(ec.purity(document_clusters(docs, t), gold_sub)), t)
                        for t in (0.04, 0.05, 0.06, 0.07, 0.08, 0.1))[1]
    items = gold_items(docs, parse(docs))
    key = key_clusters(docs)
    results = []
    for thr, wa, wx, wli in itertools.product((0.5, 0.65, 0.8), (0.2, 0.4), (0.0, 0.3),
                                              (0.0, 0.3)):
        weights = {"w_concept": 0.6, "w_lemma": 0.2, "w_args": wa, "w_clash": wx, "w_light": wli}
        f1 = conll_scores(key, respond(items, gold_sub, thr, **weights))["conll_f1"]
        results.append((f1, {"threshold": thr, **weights}))
    results.sort(key=lambda r: -r[0])
    return doc_threshold, results


def _worst_errors(docs: list[GoldDoc], response: list[list[Key]], n: int = 5
                  ) -> list[dict[str, Any]]:
    text = {(d.id, m.start, m.end): m.text for d in docs for m in d.mentions}
    merges, splits = worst_errors(key_clusters(docs), response, text, 5)
    return sorted(merges + splits, key=lambda e: -int(e["size"]))[:n]


def run(data_dir: Path) -> dict[str, Any]:
    """Score event coreference and document clustering on the ECB+ test topics."""
    started = time.perf_counter()
    docs = ecbplus.read(data_dir, ecbplus.TEST_TOPICS, kinds="all")
    parsed = parse(docs, full=True)
    clusters = document_clusters(docs)
    purity, inverse = ec.purity(clusters, subtopics(docs))
    key = key_clusters(docs)
    gold_resp = respond(gold_items(docs, parsed), clusters)
    gold_scores = conll_scores(key, gold_resp)
    pred = predicted_items(docs, parsed)
    pred_scores = conll_scores(key, respond(pred, clusters))
    gold_topic = conll_scores(key, respond(gold_items(docs, parsed), subtopics(docs)))
    metrics = {"conll_f1_gold_mentions": gold_scores["conll_f1"],
               "conll_f1_predicted_mentions": pred_scores["conll_f1"],
               "subtopic_purity": purity, "subtopic_inverse_purity": inverse}
    details = {
        "documents": len(docs), "gold_mentions": sum(len(c) for c in key),
        "predicted_mentions": len(pred), "document_clusters": len(clusters),
        "clustering": "within predicted document clusters (tf-idf, average link, per topic)",
        "gold_scores": gold_scores, "predicted_scores": pred_scores,
        "gold_scores_within_gold_subtopics": gold_topic,
        "worst_errors": _worst_errors(docs, gold_resp),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return {"benchmark": "events", "dataset": "ecbplus", "metrics": metrics, "details": details}
