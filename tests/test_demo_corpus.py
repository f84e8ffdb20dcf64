"""Checks on the bundled demo corpus in examples/wikinews/ (built by
scripts/make_demo_corpus.py).  Reads only the examples folder."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "wikinews"
FILES = sorted(CORPUS.glob("*.json"))
KEYS = {"title", "published", "url", "outlet", "text", "licence", "origin"}
ARTEFACTS = (" ,", " .", " ;", " :", " )", "( ", "-LRB-", "-RRB-", "``", "''")
# a clitic split off its word ("Apple 's", "do n't"), but not an opening quote ('switch')
SPLIT_CLITIC = re.compile(r"\w (?:'s|'re|'ve|'ll|'d|'m|n't)\b")


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def test_enough_files():
    assert len(FILES) >= 60


def test_attribution_lists_every_file():
    attribution = (CORPUS / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 2.5" in attribution
    assert "https://creativecommons.org/licenses/by/2.5/" in attribution
    for path in FILES:
        assert path.name in attribution, path.name


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_article_is_valid(path: Path):
    art = _load(path)
    assert isinstance(art, dict)
    assert set(art) == KEYS
    assert all(isinstance(art[k], str) for k in KEYS)
    assert art["title"].strip()
    published = dt.date.fromisoformat(art["published"])
    assert dt.date(2004, 1, 1) <= published <= dt.date(2024, 12, 31)
    assert path.name.startswith(art["published"] + "_")
    assert art["url"].startswith("https://en.wikinews.org/wiki/")
    assert " " not in art["url"]
    assert art["outlet"] == "Wikinews"
    assert art["licence"] == "CC BY 2.5"
    assert art["origin"].strip()
    text = art["text"]
    assert len(text) >= 300
    assert text == text.strip()
    for artefact in ARTEFACTS:
        assert artefact not in text, f"{artefact!r} in {path.name}"
    assert not SPLIT_CLITIC.search(text), path.name
    assert "\n\n\n" not in text
    # title and dateline are not repeated at the start of the body
    assert not text.startswith(art["title"])


def test_unique_urls_and_titles():
    arts = [_load(p) for p in FILES]
    assert len({a["url"] for a in arts}) == len(arts)
    assert len({a["title"] for a in arts}) == len(arts)


def test_recurring_stories():
    # the story is the source corpus named before the first ":" of "origin"
    stories = Counter(_load(p)["origin"].split(":", 1)[0] for p in FILES)
    big = [s for s, n in stories.items() if n >= 10]
    assert len(big) >= 3, stories
