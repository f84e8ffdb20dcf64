"""Checks of the corpus against itself and the knowledge base. Each check is a function of one
:class:`Inputs` returning flags; :data:`CHECKS` lists them in the order they run. The
low-quality signal runs last, since it only ever speaks beside another check's flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsline.features import FeatureCache
from newsline.knowledge import Knowledge
from newsline.model import Article, DateEstimate, DocAnalysis, Event, Flag
from newsline.verify.contradictions import contradictions
from newsline.verify.dates import future_claims
from newsline.verify.duplicates import copy_groups, find_duplicates, similar_pairs
from newsline.verify.names import name_variants
from newsline.verify.offices import office_terms
from newsline.verify.ordinals import anniversaries, ordinal_visits
from newsline.verify.quality import low_quality

if TYPE_CHECKING:
    from newsline.corpus.entities import EntityIndex


@dataclass(slots=True)
class Inputs:
    """What every check may read; ``copies`` is computed once and shared."""

    articles: dict[str, Article]
    analyses: dict[str, DocAnalysis]
    doc_dates: dict[str, DateEstimate]
    events: list[Event]
    knowledge: Knowledge
    index: EntityIndex | None = None
    texts: dict[str, str] = field(default_factory=dict)
    copies: list[tuple[str, str, float]] = field(default_factory=list)
    groups: dict[str, str] = field(default_factory=dict)
    cache: FeatureCache | None = None


def _duplicates(i: Inputs) -> list[Flag]:
    return find_duplicates(i.articles, i.doc_dates, i.copies)


def _future_claims(i: Inputs) -> list[Flag]:
    return future_claims(i.analyses, i.doc_dates, i.texts)


def _offices(i: Inputs) -> list[Flag]:
    return office_terms(i.analyses, i.doc_dates, i.texts, i.knowledge)


def _anniversaries(i: Inputs) -> list[Flag]:
    return anniversaries(i.analyses, i.doc_dates, i.texts, i.knowledge.source)


def _ordinal_visits(i: Inputs) -> list[Flag]:
    return ordinal_visits(i.analyses, i.doc_dates, i.texts, i.events)


def _contradictions(i: Inputs) -> list[Flag]:
    return contradictions(i.texts, i.analyses, i.doc_dates, i.groups, i.cache)


def _name_variants(i: Inputs) -> list[Flag]:
    return name_variants(i.texts, i.analyses, i.knowledge)


Check = Callable[[Inputs], list[Flag]]
CHECKS: tuple[tuple[str, Check], ...] = (
    ("duplicates", _duplicates),
    ("future-claims", _future_claims),
    ("office-terms", _offices),
    ("anniversaries", _anniversaries),
    ("ordinal-visits", _ordinal_visits),
    ("contradictions", _contradictions),
    ("name-variants", _name_variants),
)


def verify(
    articles: dict[str, Article],
    analyses: dict[str, DocAnalysis],
    doc_dates: dict[str, DateEstimate],
    events: list[Event],
    knowledge: Knowledge,
    index: EntityIndex | None = None,
    cache: FeatureCache | None = None,
) -> list[Flag]:
    """Every check's flags, then the low-quality signal beside them, sorted by id.
    ``cache`` keeps per-document features between builds."""
    texts = {d: a.text for d, a in articles.items()}
    copies = similar_pairs(articles, cache)
    inputs = Inputs(articles, analyses, doc_dates, events, knowledge, index, texts, copies,
                    copy_groups(articles, copies), cache)
    flags: list[Flag] = []
    for _name, check in CHECKS:
        flags.extend(check(inputs))
    flags.extend(low_quality(texts, analyses, flags))
    return sorted(flags, key=lambda f: f.id)
