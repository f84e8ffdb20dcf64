"""The typed Timeline (``newsline.model.Timeline``) is what the renderers take: each renders
it exactly as it renders the contract's dict."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from newsline.export.csv import render_csv
from newsline.export.html import render_html
from newsline.export.json import load, render_json, timeline, validate
from newsline.model import Timeline, timeline_dict
from newsline.store import Store
from newsline.terminal import print_timeline


def _printed(tl: object) -> str:
    out = io.StringIO()
    print_timeline(Console(file=out, width=120, color_system=None), tl)  # type: ignore[arg-type]
    return out.getvalue()


def test_every_renderer_takes_the_typed_timeline(built_db: Path) -> None:
    with Store(built_db) as store:
        typed = load(store)
        plain = timeline(store)
    assert isinstance(typed, Timeline)
    typed.generated_at = plain["generated_at"]
    assert typed.to_dict() == plain and timeline_dict(plain) is plain
    validate(typed.to_dict())
    assert render_json(typed) == render_json(plain)
    assert render_html(typed) == render_html(plain)
    assert render_csv(typed) == render_csv(plain)
    assert _printed(typed) == _printed(plain)
    doc = typed.documents[0]
    assert doc.article.id == plain["documents"][0]["id"] and doc.to_dict() == plain["documents"][0]
