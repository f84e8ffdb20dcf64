"""Each story's timeline summary, made once at build time and stored with the corpus.

A story's summary is a pure function of its documents, their analyses (sentences and time
expressions, as the analyze stage found them) and their corpus-refined dates, so
:func:`story_key` fingerprints exactly those inputs: an incremental build reuses the lines of
every story whose key did not change and summarises only the others.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from typing import Any

from newsline.corpus.summarise import summarise
from newsline.model import Article, DateEstimate, DocAnalysis, Story

MAX_DATES = 8  # dated lines a story's summary holds at most
PER_DATE = 1
# Bump when the summariser or this module changes what it returns for the same inputs.
SUMMARY_VERSION = "1"


def story_key(story: Story, doc_dates: Mapping[str, DateEstimate], analyzer: str) -> str:
    """A fingerprint of everything the story's summary depends on."""
    h = hashlib.sha1()
    parts = [SUMMARY_VERSION, analyzer, story.id, story.title,
             str(story.earliest), str(story.latest)]
    for doc in sorted(story.documents):
        date = doc_dates.get(doc)
        parts.append(f"{doc}={date.value if date else None}")
    h.update("\x1f".join(parts).encode())
    return h.hexdigest()


def summarise_story(
    story: Story,
    articles: Mapping[str, Article],
    analyses: Mapping[str, DocAnalysis],
    doc_dates: Mapping[str, DateEstimate],
) -> list[dict[str, Any]]:
    """The story's dated lines, ``[{"story", "date", "text", "doc", "start", "end"}]``.

    Time expressions keep the values the analysis anchored on the article's own date; the
    article's publication day is its corpus-refined date, so an undated article dated by the
    events it reports still lends its opening sentences to that day.
    """
    arts: dict[str, Article] = {}
    ans: dict[str, DocAnalysis] = {}
    for doc in story.documents:
        if doc not in articles or doc not in analyses:
            continue
        arts[doc] = articles[doc]
        date = doc_dates.get(doc)
        ans[doc] = dataclasses.replace(analyses[doc], date=date) if date else analyses[doc]
    lines = summarise(arts, ans, max_dates=MAX_DATES, per_date=PER_DATE,
                      start=story.earliest, end=story.latest, keywords=[story.title])
    return [{"story": story.id, **ln.to_dict()} for ln in lines]


def summarise_stories(
    stories: list[Story],
    articles: Mapping[str, Article],
    analyses: Mapping[str, DocAnalysis],
    doc_dates: Mapping[str, DateEstimate],
    analyzer: str,
    cache: Mapping[str, list[dict[str, Any]]] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Every story's lines (story id -> lines) and the key each was made under. Lines found
    in ``cache`` (key -> lines, from an earlier build) under a story's key are reused."""
    lines: dict[str, list[dict[str, Any]]] = {}
    keys: dict[str, str] = {}
    for story in stories:
        key = story_key(story, doc_dates, analyzer)
        cached = (cache or {}).get(key)
        lines[story.id] = (list(cached) if cached is not None
                           else summarise_story(story, articles, analyses, doc_dates))
        keys[story.id] = key
    return lines, keys
