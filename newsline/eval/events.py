"""The ``events`` benchmark: cross-document event coreference on ECB+ (test topics 36-45).

As is standard (Cybulska & Vossen 2015; Barhom et al. 2019): validated sentences only, event
mentions = ACTION_*/NEG_* kinds, scored with MUC, B³, CEAF-e and CoNLL F1
(:mod:`newsline.eval.coref`). Mentions are clustered within *predicted* document clusters
(:func:`newsline.corpus.events_coref.cluster_documents`, run inside each gold topic), never
within the gold subtopics.

- ``conll_f1_gold_mentions``: the gold event mentions, their arguments being the gold
  participant, place and time mentions (HUMAN_*/NON_HUMAN_*, LOC_*, TIME_*) of the sentence;
- ``conll_f1_predicted_mentions``: triggers found by the broad trigger set of
  :mod:`newsline.analyze.events_lexicon` (every verb, every event noun) on the rebuilt text,
  arguments from spaCy's entities; matched to gold by exact span, twinless mentions scored as
  the reference scorer scores them;
- ``subtopic_purity`` / ``subtopic_inverse_purity``: the document clusters against the two
  seminal events of each topic (its ``ecb`` and ``ecbplus`` files).

The pair model is fitted by :func:`train` on the training topics (its threshold on the dev
topics), the document model by :func:`train_documents` on the training topics; the weights
are committed under ``newsline/data/``. The legacy hand weights are tuned by :func:`tune` on
the training topics. Test topics are never read by any of them.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from newsline.analyze.events_lexicon import concept_keys, is_event_noun
from newsline.corpus import events_coref as ec
from newsline.corpus import events_model as em
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
    return list(nlp.pipe([fold_headlines(d) for d in docs], batch_size=32, disable=disable))


def fold_headlines(d: GoldDoc) -> str:
    """The text with its title-case sentences (headlines) lower-cased, offsets unchanged: the
    tagger reads "Quake Kills 12" as names, so "Kills" would not be lemmatised to "kill"."""
    text = d.text
    parts = []
    last = 0
    for a, b in d.sentences:
        words = [w for w in text[a:b].split() if w[:1].isalpha()]
        upper = sum(1 for w in words if w[0].isupper())
        if len(words) >= 3 and upper >= 0.6 * len(words):
            parts += [text[last:a], text[a:b].lower()]
            last = b
    return "".join(parts) + text[last:]


def _tokens(parsed: Any, start: int, end: int) -> list[tuple[str, str, str]]:
    return [(t.text, t.lemma_, t.pos_) for t in parsed if t.idx < end and t.idx + len(t) > start]


CONTENT_POS = {"NOUN", "VERB", "PROPN", "ADJ", "NUM"}
Context = dict[int, tuple[frozenset[str], frozenset[str], frozenset[str]]]


def _sentence_context(d: GoldDoc, parsed: Any) -> Context:
    """Sentence index -> (content lemmas, names, numbers) of that sentence."""
    lemmas: dict[int, set[str]] = defaultdict(set)
    names: dict[int, set[str]] = defaultdict(set)
    for t in parsed:
        s = d.sentence_of(t.idx)
        low = t.lemma_.lower()
        if t.pos_ in CONTENT_POS and low not in ec.STOP and len(low) > 1:
            lemmas[s].add(low)
        if t.pos_ == "PROPN" and len(t.text) > 1:
            names[s].add(t.text.lower())
    return {i: (frozenset(lemmas[i]), frozenset(names[i]), em.numbers_of(d.text[a:b]))
            for i, (a, b) in enumerate(d.sentences)}


def _item(d: GoldDoc, parsed: Any, key: Key, tokens: list[tuple[str, str, str]], lemma: str,
          sentence: int, args: dict[str, set[str]], context: Context) -> ec.EventItem:
    pos = next((p for _, _, p in tokens if p == "VERB"), tokens[-1][2] if tokens else "")
    words = frozenset(w.lower() for w, _, _ in tokens if any(c.isalnum() for c in w))
    lemmas, names, numbers = context.get(sentence, (frozenset(), frozenset(), frozenset()))
    concepts = em.concepts_of(lemma, concept_keys(lemma))
    return ec.EventItem(key, d.id, lemma, concepts, args, sentence, pos, words,
                        numbers | em.numbers_of(d.text[key[1]:key[2]]), lemmas, names,
                        _vector(parsed, key[1], key[2]), _window(parsed, key[1], key[2]))


def _window(parsed: Any, start: int, end: int, width: int = 5) -> frozenset[str]:
    """Content lemmas of the ``width`` tokens either side of the span, in its sentence."""
    rows = [t.i for t in parsed if t.idx < end and t.idx + len(t) > start]
    if not rows:
        return frozenset()
    near = parsed[max(rows[0] - width, 0):rows[-1] + width + 1]
    return frozenset(t.lemma_.lower() for t in near if t.i not in rows and t.pos_ in CONTENT_POS
                     and t.lemma_.lower() not in ec.STOP and "\n" not in t.text)


def _vector(parsed: Any, start: int, end: int) -> Any:
    """The mean of the tagger's contextual token vectors over the span, unit length."""
    tensor = getattr(parsed, "tensor", None)
    rows = [t.i for t in parsed if t.idx < end and t.idx + len(t) > start]
    if tensor is None or not rows or len(tensor) != len(parsed):
        return None
    v = tensor[rows].mean(axis=0)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else None


def gold_items(docs: list[GoldDoc], parsed: list[Any]) -> list[ec.EventItem]:
    """The gold event mentions with their lemmas and their sentences' gold arguments."""
    out = []
    for d, p in zip(docs, parsed, strict=True):
        context = _sentence_context(d, p)
        args: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for m in d.mentions:
            kind = _arg_kind(m.kind)
            if kind:
                args[m.sentence][kind] |= ec.arg_words(m.text)
        for m in d.mentions:
            if not _is_event(m.kind):
                continue
            tokens = _tokens(p, m.start, m.end)
            lemma = ec.head_lemma(tokens) or m.text.lower()
            out.append(_item(d, p, (d.id, m.start, m.end), tokens, lemma, m.sentence,
                             {k: v for k, v in args[m.sentence].items() if v}, context))
    return out


def predicted_items(docs: list[GoldDoc], parsed: list[Any]) -> list[ec.EventItem]:
    """Triggers of the broad set (verbs, event nouns) in the scored sentences."""
    out = []
    for d, p in zip(docs, parsed, strict=True):
        context = _sentence_context(d, p)
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
            out.append(_item(d, p, (d.id, t.idx, t.idx + len(t)), [(t.text, t.lemma_, t.pos_)],
                             lemma, s, {k: v for k, v in args[s].items() if v}, context))
    return out


def document_clusters(docs: list[GoldDoc], threshold: float | None = None,
                      learned: bool = True, min_cluster: int | None = None) -> list[list[str]]:
    by_topic: dict[str, dict[str, str]] = defaultdict(dict)
    for d in docs:
        by_topic[d.topic][d.id] = d.text
    return [c for t in sorted(by_topic)
            for c in ec.cluster_documents(by_topic[t], threshold, learned, min_cluster)]


def train_documents(data_dir: Path, out: Path | None = None, l2: float = 1.0
                    ) -> dict[str, Any]:
    """Fit the document model on pairs of documents of each ECB+ training topic (same seminal
    event or not), pick its threshold and smallest story size by purity + inverse purity on
    the same training topics, and write it (by default to the committed
    ``newsline/data/events_doc_model.json``). Dev and test topics are never read."""
    docs = ecbplus.read(data_dir, ecbplus.TRAIN_TOPICS, kinds="event")
    by_topic: dict[str, dict[str, str]] = defaultdict(dict)
    for d in docs:
        by_topic[d.topic][d.id] = d.text
    rows, labels = [], []
    for texts in by_topic.values():
        for (a, b), row in em.document_features(texts, ec.STOP, ec.doc_vectors(texts)).items():
            rows.append(row)
            labels.append(a.endswith("ecbplus") == b.endswith("ecbplus"))
    x, y = np.array(rows), np.array(labels, dtype=float)
    w, bias, mean, scale = em.fit_logistic(x, y, l2)
    model = em.DocModel({n: float(v / s) for n, v, s in zip(em.DOC_FEATURES, w, scale,
                                                            strict=True)},
                        bias - float((w * mean / scale).sum()))
    gold = subtopics(docs)
    scores = {}
    for thr, size in itertools.product((0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), (2, 3, 4, 5)):
        em.load_doc_model.cache_clear()
        model.threshold, model.min_cluster = thr, size
        clusters = [c for t in sorted(by_topic) for c in _cluster_with(model, by_topic[t])]
        scores[(thr, size)] = ec.purity(clusters, gold)
    best = max(scores, key=lambda k: (sum(scores[k]), -abs(k[0] - 0.5)))
    model.threshold, model.min_cluster = best
    model.meta = {"trained_on": "ECB+ topics " + ",".join(map(str, ecbplus.TRAIN_TOPICS)),
                  "pairs": len(y), "positive": int(y.sum()), "l2": l2,
                  "train_purity_inverse": list(scores[best])}
    path = out or Path(__file__).resolve().parents[1] / "data" / em.DOC_MODEL_FILE
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    em.load_doc_model.cache_clear()
    return model.meta


def _cluster_with(model: em.DocModel, texts: dict[str, str]) -> list[list[str]]:
    sim = model.similarities(em.document_features(texts, ec.STOP, ec.doc_vectors(texts)))
    clusters = ec.average_link(sorted(texts), sim, model.threshold)
    big = [c for c in clusters if len(c) >= model.min_cluster]
    if not big:
        return clusters
    out = [list(c) for c in big]
    for c in clusters:
        if len(c) < model.min_cluster:
            means = [sum(sim.get((min(a, b), max(a, b)), 0.0) for a in c for b in o)
                     / (len(c) * len(o)) for o in big]
            out[max(range(len(big)), key=lambda i: means[i])].extend(c)
    return out


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
            threshold: float | None = None, learned: bool = True,
            **weights: float) -> list[list[Key]]:
    where = {doc: i for i, c in enumerate(doc_clusters) for doc in c}
    out: list[list[Key]] = []
    for group in ec.group_by(items, where).values():
        out.extend([it.key for it in c]
                   for c in ec.cluster_mentions(group, threshold, learned, **weights))
    return out


def pair_data(docs: list[GoldDoc], items: list[ec.EventItem], doc_clusters: list[list[str]]
              ) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and gold labels (1: same event) of every pair within each cluster."""
    label = {(d.id, m.start, m.end): m.cluster for d in docs for m in d.mentions}
    where = {doc: i for i, c in enumerate(doc_clusters) for doc in c}
    rows: list[list[float]] = []
    labels: list[bool] = []
    for group in ec.group_by(items, where).values():
        g = em.Group(group)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                rows.append(em.features(a, b, g))
                labels.append(label[a.key] == label[b.key])
    return np.array(rows), np.array(labels, dtype=float)


def train(data_dir: Path, out: Path | None = None, l2: float = 1.0) -> dict[str, Any]:
    """Fit the pair model on the ECB+ training topics (pairs within the gold subtopics), pick
    its clustering threshold on the dev topics (within predicted document clusters), and write
    it to ``out`` (by default the committed ``newsline/data/events_coref_model.json``).
    Test topics are never read."""
    docs = ecbplus.read(data_dir, ecbplus.TRAIN_TOPICS, kinds="all")
    x, y = pair_data(docs, gold_items(docs, parse(docs)), subtopics(docs))
    w, b, mean, scale = em.fit_logistic(em.expand(x), y, l2)
    model = em.PairModel.from_arrays(w, b, mean, scale)
    dev = ecbplus.read(data_dir, ecbplus.DEV_TOPICS, kinds="all")
    dev_items = gold_items(dev, parse(dev))
    dev_clusters = document_clusters(dev)
    where = {doc: i for i, c in enumerate(dev_clusters) for doc in c}
    groups = list(ec.group_by(dev_items, where).values())
    matrices = [model.matrix(g) for g in groups]
    key = key_clusters(dev)
    scores = {}
    for thr in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        response = [[g[i].key for i in c] for g, m in zip(groups, matrices, strict=True)
                    for c in em.average_link_matrix(m, thr)]
        scores[thr] = conll_scores(key, response)["conll_f1"]
    best = max(scores, key=lambda t: (scores[t], -abs(t - 0.5)))
    model.threshold = best
    model.meta = {"trained_on": "ECB+ topics " + ",".join(map(str, ecbplus.TRAIN_TOPICS)),
                  "threshold_on": "ECB+ dev topics " + ",".join(map(str, ecbplus.DEV_TOPICS)),
                  "pairs": len(y), "positive": int(y.sum()), "l2": l2,
                  "dev_conll_f1": scores}
    path = out or Path(__file__).resolve().parents[1] / "data" / em.MODEL_FILE
    path.write_text(json.dumps(model.to_json(), indent=1, sort_keys=False) + "\n", "utf-8")
    em.load_model.cache_clear()
    return model.meta


def tune(data_dir: Path) -> tuple[float, list[tuple[float, dict[str, float]]]]:
    """Grid search on the ECB+ training topics (never dev or test): the document threshold by
    purity + inverse purity, then the pair weights within the gold subtopics; best first."""
    docs = ecbplus.read(data_dir, ecbplus.TRAIN_TOPICS, kinds="all")
    gold_sub = subtopics(docs)
    doc_threshold = max((sum(ec.purity(document_clusters(docs, t, False), gold_sub)), t)
                        for t in (0.04, 0.05, 0.06, 0.07, 0.08, 0.1))[1]
    items = gold_items(docs, parse(docs))
    key = key_clusters(docs)
    results = []
    for thr, wa, wx, wli in itertools.product((0.5, 0.65, 0.8), (0.2, 0.4), (0.0, 0.3),
                                              (0.0, 0.3)):
        weights = {"w_concept": 0.6, "w_lemma": 0.2, "w_args": wa, "w_clash": wx, "w_light": wli}
        f1 = conll_scores(key, respond(items, gold_sub, thr, False, **weights))["conll_f1"]
        results.append((f1, {"threshold": thr, **weights}))
    results.sort(key=lambda r: -r[0])
    return doc_threshold, results


def _worst_errors(docs: list[GoldDoc], response: list[list[Key]], n: int = 5
                  ) -> list[dict[str, Any]]:
    text = {(d.id, m.start, m.end): m.text for d in docs for m in d.mentions}
    merges, splits = worst_errors(key_clusters(docs), response, text, 5)
    return sorted(merges + splits, key=lambda e: -int(e["size"]))[:n]


def product_response(docs: list[GoldDoc], parsed: list[Any]) -> tuple[list[list[Key]], int]:
    """What ``newsline build`` itself links on these texts: newsline's whole analysis
    (typed event mentions, entities, time expressions, each article's date estimated from its
    text), its entity resolver, then the build's event linking (type, shared entities,
    overlapping times). Each event's triggers in the scored sentences are its response; the
    second value counts the event mentions the analysis found there."""
    from newsline.analyze import run_stages
    from newsline.corpus.entities import resolve
    from newsline.corpus.events import cluster, mention_items
    from newsline.knowledge import Knowledge
    from newsline.model import Article

    analyses = {d.id: run_stages(Article(d.id, d.id, d.text), p)
                for d, p in zip(docs, parsed, strict=True)}
    kb = Knowledge.bundled()
    index = resolve([analyses[d] for d in sorted(analyses)], kb)
    types = {e.id: e.type for e in index.entities}
    by_id = {d.id: d for d in docs}

    def scored(doc: str, start: int) -> bool:
        d = by_id[doc]
        return d.scored_sentences is None or d.sentence_of(start) in d.scored_sentences

    found = sum(1 for doc, a in analyses.items() for m in a.events
                if scored(doc, m.trigger_start))
    items = mention_items(analyses, {d: a.date for d, a in analyses.items()}, index)
    response = [[(it.doc, it.mention.trigger_start, it.mention.trigger_end) for it in group
                 if scored(it.doc, it.mention.trigger_start)]
                for group in cluster(items, types)]
    return [c for c in response if c], found


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
    product, product_found = product_response(docs, parsed)
    product_scores = conll_scores(key, product)
    metrics = {"conll_f1_gold_mentions": gold_scores["conll_f1"],
               "conll_f1_predicted_mentions": pred_scores["conll_f1"],
               "subtopic_purity": purity, "subtopic_inverse_purity": inverse,
               "conll_f1_product_build": product_scores["conll_f1"]}
    details = {
        "documents": len(docs), "gold_mentions": sum(len(c) for c in key),
        "predicted_mentions": len(pred), "document_clusters": len(clusters),
        "clustering": "within predicted document clusters (tf-idf, average link, per topic)",
        "gold_scores": gold_scores, "predicted_scores": pred_scores,
        "gold_scores_within_gold_subtopics": gold_topic,
        "product_build": {
            "what": "newsline's own analysis and build on the test texts: typed event "
                    "mentions (the analysis's event types only), linked by type, shared "
                    "entities and overlapping times; no gold mention, no document cluster",
            "event_mentions_found": product_found,
            "event_mentions_linked": sum(len(c) for c in product),
            "scores": product_scores},
        "worst_errors": _worst_errors(docs, gold_resp),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return {"benchmark": "events", "dataset": "ecbplus", "metrics": metrics, "details": details}
