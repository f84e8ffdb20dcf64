"""The timeline streamed from the store (``export.json.stream``, the web app's
``/api/timeline``) is exactly the timeline, built or not, read a batch at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline.export.json import stream, timeline, validate
from newsline.store import Store


def _compact(tl: dict) -> str:
    return json.dumps(tl, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("batch", [1, 3, 500])
def test_the_stream_is_the_timeline_text(built_db: Path, batch: int) -> None:
    with Store(built_db) as store:
        tl = timeline(store)
        pieces = list(stream(store, tl["generated_at"], batch=batch))
    assert "".join(pieces) == _compact(tl)
    validate(json.loads("".join(pieces)))
    objects = sum(len(tl[k]) for k in ("documents", "entities", "events"))
    if batch == 1:  # one object a piece: never the whole timeline at once
        assert len(pieces) > objects and max(map(len, pieces)) < len("".join(pieces)) / 10


def test_an_unbuilt_store_streams_its_analyses_dates_and_failures(built_db: Path,
                                                                   tmp_path: Path) -> None:
    """Before any build, documents are dated by their own analyses, and a failed one carries
    its problem, as ``timeline`` has them."""
    db = tmp_path / "unbuilt.db"
    with Store(built_db) as built, Store(db) as store:
        articles = list(built.articles())
        store.add_articles(articles)
        store.save_analyses(list(built.analyses())[1:], "v")
        store.save_failures([(articles[0].id, "analysis", "it broke")], "v")
        tl = timeline(store)
        text = "".join(stream(store, tl["generated_at"], batch=2))
    assert text == _compact(tl)
    docs = tl["documents"]
    assert docs[0]["problem"] == {"stage": "analysis", "reason": "it broke"}
    assert any(d["date"]["value"] for d in docs[1:]) and not tl["entities"]


def test_an_empty_store_streams_an_empty_timeline(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        tl = timeline(store)
        assert "".join(stream(store, tl["generated_at"])) == _compact(tl)
