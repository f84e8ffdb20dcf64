"""Checks of the corpus against itself and the knowledge base. Each check is a function
returning flags; :data:`CHECKS` lists them in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable

from newsline.build.knowledge import Knowledge
from newsline.model import Article, DateEstimate, DocAnalysis, Event, Flag
from newsline.verify.dates import future_claims
from newsline.verify.duplicates import find_duplicates


def _duplicates(arts: dict[str, Article], analyses: dict[str, DocAnalysis],
                dates: dict[str, DateEstimate], events: list[Event],
                kb: Knowledge) -> list[Flag]:
    return find_duplicates(arts, dates)


def _future_claims(arts: dict[str, Article], analyses: dict[str, DocAnalysis],
                   dates: dict[str, DateEstimate], events: list[Event],
                   kb: Knowledge) -> list[Flag]:
    return future_claims(analyses, dates)


Check = Callable[
    [dict[str, Article], dict[str, DocAnalysis], dict[str, DateEstimate], list[Event], Knowledge],
    list[Flag],
]
CHECKS: tuple[tuple[str, Check], ...] = (
    ("duplicates", _duplicates),
    ("future-claims", _future_claims),
)


def verify(
    articles: dict[str, Article],
    analyses: dict[str, DocAnalysis],
    doc_dates: dict[str, DateEstimate],
    events: list[Event],
    knowledge: Knowledge,
) -> list[Flag]:
    flags: list[Flag] = []
    for _name, check in CHECKS:
        flags.extend(check(articles, analyses, doc_dates, events, knowledge))
    return sorted(flags, key=lambda f: f.id)
