"""The corpus-level reduce: entities, then events, then dates lent across documents, then
stories and their timeline summaries. A pure function of the stored articles and analyses;
the store keeps the result. Work of earlier builds whose inputs did not change (a story's
summary, a document's check features) is reused, never recomputed; the result is the same
either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from newsline.corpus.dates import lend_dates
from newsline.corpus.entities import corpus_entities
from newsline.corpus.events import build_events, document_blocks
from newsline.corpus.stories import build_stories
from newsline.corpus.stories import texts as story_texts
from newsline.corpus.story_summaries import summarise_stories
from newsline.features import FeatureCache
from newsline.knowledge import Knowledge
from newsline.model import Article, Corpus, DocAnalysis
from newsline.verify import verify


def build_corpus(
    articles: Iterable[Article],
    analyses: Iterable[DocAnalysis],
    knowledge: Knowledge | None = None,
    analyzer: str = "",
    summaries: Mapping[str, list[dict[str, Any]]] | None = None,
    features: FeatureCache | None = None,
) -> Corpus:
    """Build every corpus-level object from the articles and their analyses.

    ``analyzer`` is the version of the analyses (part of what cached work is keyed by);
    ``summaries`` are the story summaries of earlier builds by their inputs' key
    (:meth:`Corpus.summary_cache`), reused where a story's key is unchanged; ``features`` holds the
    per-document features earlier builds stored and takes this build's new ones."""
    kb = knowledge or Knowledge.bundled()
    by_doc = {a.doc: a for a in analyses}
    arts = {a.id: a for a in articles if a.id in by_doc}
    by_doc = {d: a for d, a in by_doc.items() if d in arts}
    index = corpus_entities(by_doc, kb, {d: arts[d].text for d in by_doc})
    own_dates = {d: a.date for d, a in by_doc.items()}
    # what the story grouping reads of the articles, made once: only its dates change below
    read = story_texts(arts, own_dates, index)
    # event mentions are linked inside storylines: the story grouping on the articles' own dates
    events = build_events(by_doc, own_dates, index, document_blocks(arts, own_dates, index, read))
    doc_dates = lend_dates(own_dates, events)
    stories = build_stories(arts, doc_dates, index, events, read)
    flags = verify(arts, by_doc, doc_dates, events, kb, cache=features)
    lines, keys = summarise_stories(stories, arts, by_doc, doc_dates, analyzer, summaries)
    return Corpus(index.entities, events, stories, flags, doc_dates, lines, keys)


__all__ = ["Knowledge", "build_corpus"]
