"""The corpus-level reduce: entities, then events, then dates lent across documents, then
stories. A pure function of the stored articles and analyses; the store keeps the result.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsline.build.dates import lend_dates
from newsline.build.entities import attach_offsets, resolve
from newsline.build.events import build_events
from newsline.build.knowledge import Knowledge
from newsline.build.stories import build_stories
from newsline.model import Article, Corpus, DocAnalysis
from newsline.verify import verify


def build_corpus(
    articles: Iterable[Article],
    analyses: Iterable[DocAnalysis],
    knowledge: Knowledge | None = None,
) -> Corpus:
    """Build every corpus-level object from the articles and their analyses."""
    kb = knowledge or Knowledge.bundled()
    by_doc = {a.doc: a for a in analyses}
    arts = {a.id: a for a in articles if a.id in by_doc}
    by_doc = {d: a for d, a in by_doc.items() if d in arts}
    index = resolve((by_doc[d] for d in sorted(by_doc)), kb)
    attach_offsets(index, by_doc)
    for entity in index.entities:
        entity.merges = [m.to_dict() for m in index.merges.get(entity.id, [])]
    own_dates = {d: a.date for d, a in by_doc.items()}
    events = build_events(by_doc, own_dates, index)
    doc_dates = lend_dates(own_dates, events)
    stories = build_stories(arts, doc_dates, index, events)
    flags = verify(arts, by_doc, doc_dates, events, kb)
    return Corpus(index.entities, events, stories, flags, doc_dates)


__all__ = ["Knowledge", "build_corpus"]
