"""The ``entities`` benchmark: cross-document entity coreference and the name-variant suite,
scored on the product path.

- MEANTIME (all 120 articles, the cross-document layer) and ECB+ (test topics 36-45, validated
  sentences, entity kinds as Barhom et al. 2019 take them: every kind but actions), scored
  with MUC, B³, CEAF-e and CoNLL F1 (:mod:`newsline.eval.coref`). All the documents of a data
  set go into one build, as :func:`newsline.corpus.build_corpus` sees a user's corpus: no gold
  topic blocks, the resolver finds its topics itself;
- ``gold_mentions``: each text goes through the product's :func:`newsline.analyze.analyze`;
  its entity mentions are then replaced by the gold mentions (typed from the gold kind), and
  the product's entity resolution runs on them exactly as the build runs it
  (:func:`newsline.corpus.entities.corpus_entities`, default settings, bundled knowledge);
- ``predicted_mentions``: the product's own analysis and :func:`~newsline.corpus.build_corpus`;
  its entities' mentions are matched to gold by exact span, unmatched ones on either side are
  twinless and scored as the reference scorer scores them;
- ``name_variants``: each pair of ``newsline/data/name_variants.jsonl`` written into two short
  news articles (one per name form), analysed and built by the product; precision and recall
  of the build's "same entity" decisions. The resolver's decision on the bare strings is kept
  under ``details`` as a component figure.

Set ``NEWSLINE_EVAL_CACHE`` to a folder to keep the analyses between runs (keyed by the
analyzer's code and the texts).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from newsline.eval import ecbplus, meantime
from newsline.eval.coref import GoldDoc, conll_scores, worst_errors
from newsline.knowledge import Knowledge
from newsline.model import Article, DocAnalysis, Entity, Mention

KIND_TYPES = {
    "HUMAN_PART_PER": "PERSON", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_MET": "ORG", "HUMAN_PART_FAC": "FAC", "LOC_GEO": "GPE", "LOC_FAC": "FAC",
    "LOC_OTHER": "LOC", "PER": "PERSON", "ORG": "ORG", "LOC": "GPE",
}
KEYS = ("muc_f1", "b3_f1", "ceafe_f1", "conll_f1")
SpanKey = tuple[str, int, int]


def mention_type(kind: str) -> str:
    """Our entity type for a gold kind (ECB+ or MEANTIME label)."""
    return KIND_TYPES.get(kind, "OTHER")


def key_clusters(docs: Sequence[GoldDoc]) -> list[list[SpanKey]]:
    clusters: dict[str, list[SpanKey]] = defaultdict(list)
    for d in docs:
        for m in d.mentions:
            clusters[m.cluster].append((d.id, m.start, m.end))
    return list(clusters.values())


def response_of(analyses: Sequence[DocAnalysis], index: Any) -> list[list[SpanKey]]:
    """The clusters an :class:`~newsline.corpus.entities.EntityIndex` makes of the mentions."""
    clusters: dict[str, list[SpanKey]] = defaultdict(list)
    for a in analyses:
        for i, m in enumerate(a.mentions):
            clusters[index.by_mention[(a.doc, i)]].append((a.doc, m.start, m.end))
    return list(clusters.values())


def entity_response(entities: Sequence[Entity], docs: Sequence[GoldDoc]) -> list[list[SpanKey]]:
    """The clusters the build's entities make, limited to the scored sentences."""
    by_id = {d.id: d for d in docs}
    out = []
    for e in entities:
        spans = [(m.doc, m.start, m.end) for m in e.mentions if m.doc in by_id
                 and _scored(by_id[m.doc], m.start)]
        if spans:
            out.append(spans)
    return out


def _scored(d: GoldDoc, start: int) -> bool:
    return d.scored_sentences is None or d.sentence_of(start) in d.scored_sentences


# ---------------------------------------------------------------- the product's analyses


def articles_of(docs: Sequence[GoldDoc]) -> list[Article]:
    return [Article(d.id, d.id, d.text) for d in docs]


def _cache_key(texts: Sequence[str]) -> str:
    from newsline.analyze import analyzer_version

    # the analyzer version covers the knowledge read (every bundled file, by content)
    h = hashlib.sha1(analyzer_version().encode())
    base = Path(str(resources.files("newsline")))
    for f in [*sorted((base / "analyze").glob("*.py")), base / "names.py", base / "knowledge.py",
              base / "model.py"]:
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    for t in texts:
        h.update(t.encode() + b"\0")
    return h.hexdigest()[:16]


def analyse(articles: Sequence[Article]) -> list[DocAnalysis]:
    """The product's analysis of each article (one process), cached under
    ``NEWSLINE_EVAL_CACHE`` when it is set."""
    from newsline.analyze import AnalysisError, analyze_many

    key = _cache_key([a.id + "\0" + a.text for a in articles])
    if key in _MEMO:
        return _MEMO[key]
    cache = os.environ.get("NEWSLINE_EVAL_CACHE")
    path = Path(cache) / f"analyses-{key}.json" if cache else None
    if path is not None and path.exists():
        _MEMO[key] = [DocAnalysis.from_dict(d) for d in json.loads(path.read_text("utf-8"))]
        return _MEMO[key]
    out = []
    for a, result in zip(articles, analyze_many(articles, workers=1), strict=True):
        out.append(DocAnalysis(a.id) if isinstance(result, AnalysisError) else result)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps([a.to_dict() for a in out]), encoding="utf-8")
    _MEMO[key] = out
    return out


_MEMO: dict[str, list[DocAnalysis]] = {}  # one run analyses each text once


def with_gold_mentions(analysis: DocAnalysis, doc: GoldDoc) -> DocAnalysis:
    """The product's analysis of ``doc`` with its entity mentions replaced by the gold ones
    (typed from the gold kind, placed in the analysis's own sentences). Event mentions point
    at mentions by index, so they are dropped: entity resolution does not read them."""
    def sentence(start: int) -> int:
        for i, (a, b) in enumerate(analysis.sentences):
            if a <= start < b:
                return i
        return max(0, sum(1 for a, _ in analysis.sentences if a <= start) - 1)

    mentions = [Mention(m.start, m.end, m.text, mention_type(m.kind), sentence(m.start))
                for m in doc.mentions]
    return replace(analysis, mentions=mentions, events=[])


def gold_analyses(docs: Sequence[GoldDoc]) -> list[DocAnalysis]:
    """Gold mentions on the gold sentences, without the product's analysis (training, tests)."""
    return [DocAnalysis(d.id, d.sentences, [
        Mention(m.start, m.end, m.text, mention_type(m.kind), m.sentence) for m in d.mentions])
        for d in docs]


def score_gold(docs: Sequence[GoldDoc], analyses: Sequence[DocAnalysis],
               kb: Knowledge | None = None) -> tuple[dict[str, float], Any]:
    """Gold mentions through the build's entity resolution (all documents together)."""
    from newsline.corpus.entities import corpus_entities

    gold = [with_gold_mentions(a, d) for a, d in zip(analyses, docs, strict=True)]
    index = corpus_entities({a.doc: a for a in gold}, kb or Knowledge.bundled(),
                            {d.id: d.text for d in docs})
    return conll_scores(key_clusters(docs), entity_response(index.entities, docs)), index


def score_predicted(docs: Sequence[GoldDoc], analyses: Sequence[DocAnalysis]
                    ) -> tuple[dict[str, float], list[Entity]]:
    """The product's own analyses through the whole corpus build (default settings)."""
    from newsline.corpus import build_corpus

    corpus = build_corpus(articles_of(docs), analyses)
    return conll_scores(key_clusters(docs), entity_response(corpus.entities, docs)), \
        corpus.entities


# ---------------------------------------------------------------- the name-variant suite

_MARK = re.compile(r"\[([^\]]+)\]")

# two short articles per entity type, one per name form, each naming it twice; {n} is where
# the name goes
TEMPLATES: dict[str, tuple[str, str]] = {
    "PERSON": (
        "{n} arrived in Geneva on Tuesday for two days of talks on the "
        "ceasefire, officials said. Speaking to reporters after the first session, {n} called "
        "the meeting constructive and said more work was needed.",
        "In a speech broadcast on national television on Thursday, {n} promised to press ahead "
        "with the reforms despite the protests. Critics said the plan would hurt pensioners, "
        "and opposition leaders called for a vote in parliament.",
    ),
    "ORG": (
        "{n} said on Monday that it would open a new regional office in Nairobi next year. A "
        "spokesman for {n} said about 200 people would work there.",
        "Officials from {n} met in Brussels on Wednesday to discuss the budget for the coming "
        "year. The talks ended without an agreement, according to a statement that {n} "
        "released late in the evening.",
    ),
    "GPE": (
        "Heavy rain caused flooding across {n} on Sunday, forcing thousands of people from "
        "their homes. Officials in {n} said more rain was expected this week.",
        "The foreign minister said on Friday that relations with {n} had improved over the past "
        "year. Trade with {n} rose by a fifth in 2019, according to government figures.",
    ),
}


def load_variants(path: Path | None = None) -> list[dict[str, Any]]:
    if path is None:
        text = resources.files("newsline.data").joinpath("name_variants.jsonl").read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without brackets, and the span of each bracketed name."""
    spans: list[tuple[int, int]] = []
    plain, pos = "", 0
    for m in _MARK.finditer(text):
        plain += text[pos:m.start()]
        spans.append((len(plain), len(plain) + len(m.group(1))))
        plain += m.group(1)
        pos = m.end()
    return plain + text[pos:], spans


def variant_article(name: str, context: str | None, kind: str, side: int
                    ) -> tuple[str, tuple[int, int]]:
    """A short article naming ``name`` and the span of the compared mention: the suite's own
    context (completed into sentences) when it has one, else a template of its type."""
    if context:
        marked = context.rstrip(".") + (" the talks would go on." if context.endswith(" said")
                                        else ".")
        marked += " Officials gave no further details on Tuesday."
        text, spans = _unmark(marked)
        return text, spans[-1]
    template = TEMPLATES.get(kind, TEMPLATES["ORG"])[side].replace("{n}", f"[{name}]", 1)
    text, spans = _unmark(template.replace("{n}", name))
    return text, spans[0]


def _entity_at(entities: Sequence[Entity], doc: str, span: tuple[int, int]) -> str | None:
    """The entity whose mention in ``doc`` overlaps ``span`` most, None when none does."""
    best, best_overlap = None, 0
    for e in entities:
        for m in e.mentions:
            if m.doc == doc:
                overlap = min(m.end, span[1]) - max(m.start, span[0])
                if overlap > best_overlap:
                    best, best_overlap = e.id, overlap
    return best


def _entity_of(entities: Sequence[Entity], art: Article, span: tuple[int, int]) -> str | None:
    """The entity of the compared name: the one with a mention of exactly that form (at its
    span first, else where the article writes it again), else the one overlapping it most."""
    form = art.text[span[0]:span[1]]
    spans = [span] + [(i, i + len(form)) for i in _occurrences(art.text, form) if i != span[0]]
    for s in spans:
        for e in entities:
            if any(m.doc == art.id and (m.start, m.end) == s for m in e.mentions):
                return e.id
    for s in spans:
        found = _entity_at(entities, art.id, s)
        if found is not None:
            return found
    return None


def _occurrences(text: str, form: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(form), text)]


def product_variant_decisions(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each pair's two articles analysed and built together by the product (one build per
    pair): whether the compared mentions end in one entity."""
    from newsline.corpus import build_corpus
    from newsline.ingest.base import article_id

    pairs = []
    arts: list[Article] = []
    for item in items:
        kind = item.get("type", "PERSON")
        made = []
        for side, which in enumerate("ab"):
            text, span = variant_article(item[which], item.get(f"{which}_context"), kind, side)
            made.append((Article(article_id(text), f"variant-{which}", text), span))
        pairs.append(made)
        arts.extend(a for a, _ in made)
    by_id = {a.doc: a for a in analyse(list({a.id: a for a in arts}.values()))}
    out = []
    for item, ((art_a, span_a), (art_b, span_b)) in zip(items, pairs, strict=True):
        if art_a.id == art_b.id:  # the same text twice: one article
            out.append({"gold": bool(item["same"]), "build": True, "found": True})
            continue
        corpus = build_corpus([art_a, art_b], [by_id[art_a.id], by_id[art_b.id]])
        ea = _entity_of(corpus.entities, art_a, span_a)
        eb = _entity_of(corpus.entities, art_b, span_b)
        out.append({"gold": bool(item["same"]), "build": ea is not None and ea == eb,
                    "found": ea is not None and eb is not None})
    return out


def _variant_doc(doc_id: str, name: str, context: str | None, kind: str) -> DocAnalysis:
    """A one-article analysis: the bracketed names of ``context`` (else ``name`` alone)."""
    text, spans = _unmark(context or f"[{name}]")
    mentions = [Mention(a, b, text[a:b], kind) for a, b in spans]
    return DocAnalysis(doc_id, [(0, len(text))], mentions)


def variant_decisions(items: Sequence[dict[str, Any]], kb: Knowledge) -> list[tuple[bool, bool]]:
    """(gold same, resolver same) for each pair on the bare strings (a component figure)."""
    from newsline.corpus.entities import resolve

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


def _prf(items: Sequence[dict[str, Any]], decisions: Sequence[tuple[bool, bool]]
         ) -> dict[str, Any]:
    tp = sum(1 for g, p in decisions if g and p)
    fp = sum(1 for g, p in decisions if p and not g)
    fn = sum(1 for g, p in decisions if g and not p)
    errors = [{"a": it["a"], "b": it["b"], "gold": g, "decided": p}
              for it, (g, p) in zip(items, decisions, strict=True) if g != p]
    return {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
            "n": len(items), "same_pairs": tp + fn, "errors": errors}


def variant_scores(items: Sequence[dict[str, Any]], kb: Knowledge) -> dict[str, Any]:
    """The component figure: the resolver alone on the bare strings."""
    return _prf(items, variant_decisions(items, kb))


def product_variant_scores(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The product figure: the pairs written into articles, analysed and built."""
    decisions = product_variant_decisions(items)
    out = _prf(items, [(d["gold"], d["build"]) for d in decisions])
    out["names_not_found"] = [it["a"] + " / " + it["b"] for it, d in
                              zip(items, decisions, strict=True) if not d["found"]]
    return out


# ---------------------------------------------------------------- the benchmark


def _worst_errors(docs: Sequence[GoldDoc], response: list[list[SpanKey]], n: int = 5
                  ) -> list[dict[str, Any]]:
    """The largest wrong merges and splits, for the report."""
    text = {(d.id, m.start, m.end): m.text for d in docs for m in d.mentions}
    merges, splits = worst_errors(key_clusters(docs), response, text, 6)
    return merges[:n] + splits[:n]


def _corpus_figures(docs: list[GoldDoc], kb: Knowledge) -> tuple[dict[str, Any], dict[str, Any]]:
    analyses = analyse(articles_of(docs))
    gold_scores, gold_index = score_gold(docs, analyses, kb)
    pred_scores, pred_entities = score_predicted(docs, analyses)
    figures = {"gold_mentions": {k: gold_scores[k] for k in KEYS},
               "predicted_mentions": {k: pred_scores[k] for k in KEYS}}
    details = {
        "documents": len(docs),
        "gold_mentions": sum(len(d.mentions) for d in docs),
        "predicted_mentions": sum(len(m) for m in entity_response(pred_entities, docs)),
        "gold_scores": gold_scores, "predicted_scores": pred_scores,
        "worst_errors": _worst_errors(docs, entity_response(gold_index.entities, docs)),
    }
    return figures, details


def run(data_dir: Path) -> dict[str, Any]:
    """Score the product's entities on MEANTIME, ECB+ and the name-variant suite."""
    started = time.perf_counter()
    kb = Knowledge.bundled()
    datasets: dict[str, Any] = {}
    details: dict[str, Any] = {"path": "product: analyze + corpus build, no gold blocks"}
    corpora = {"meantime": meantime.read(data_dir), "ecbplus": ecbplus.read(data_dir)}
    for name, docs in corpora.items():
        datasets[name], details[name] = _corpus_figures(docs, kb)
    ecb = corpora["ecbplus"]
    no_time = [GoldDoc(d.id, d.topic, d.text, d.sentences,
                       [m for m in d.mentions if not m.kind.startswith("TIME")],
                       d.scored_sentences) for d in ecb]
    details["ecbplus"]["gold_scores_without_time"] = score_gold(
        no_time, analyse(articles_of(no_time)), kb)[0]
    variants = load_variants()
    product = product_variant_scores(variants)
    datasets["name_variants"] = {"precision": product["precision"], "recall": product["recall"]}
    details["name_variants"] = product
    component = variant_scores(variants, kb)
    details["name_variants_bare_strings"] = {
        "label": "component figure: the resolver alone on the bare name strings",
        **component}
    details["seconds"] = round(time.perf_counter() - started, 1)
    metrics = {f"{ds}_{setting}_conll_f1": datasets[ds][setting]["conll_f1"]
               for ds in ("meantime", "ecbplus") for setting in ("gold_mentions",
                                                                 "predicted_mentions")}
    metrics["name_variants_precision"] = product["precision"]
    metrics["name_variants_recall"] = product["recall"]
    return {"benchmark": "entities", "dataset": "meantime+ecbplus", "metrics": metrics,
            "datasets": datasets, "details": details}

