"""newsline kb import on a small dump in Wikidata's format."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from newsline.corpus.kb_import import import_dump
from newsline.errors import DataError
from newsline.knowledge import Knowledge

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "wikidata" / "sample.json.gz"


def test_people_offices_places_and_organisations() -> None:
    report = import_dump(SAMPLE)
    assert (report.people, report.terms, report.places, report.organisations) == (2, 3, 1, 1)
    assert report.skipped == 1  # the broken line is skipped, not fatal
    kb = Knowledge.from_dict(report.knowledge)
    merkel = kb.terms_of("Angela Merkel")
    assert [(t.office, t.start, t.end) for t in merkel] == [
        ("Chancellor of Germany", dt.date(2005, 11, 22), dt.date(2021, 12, 8))]
    assert [t.holder for t in kb.holders("President of the United States", dt.date(2022, 1, 1))] \
        == ["Joe Biden"]
    assert kb.canonical_name("communist party of china", "ORG") == "Chinese Communist Party"
    assert kb.canonical_name("deutschland", "PLACE") == "Germany"
    assert all(t.source.startswith("https://www.wikidata.org/wiki/Q") for t in kb.terms)


def test_plain_and_truncated_dumps(tmp_path: Path) -> None:
    plain = tmp_path / "dump.json"
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as fh:
        plain.write_text(fh.read(), encoding="utf-8")
    assert import_dump(plain).terms == 3
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(SAMPLE.read_bytes()[:-40])
    with pytest.raises(DataError, match="truncated"):
        import_dump(cut)
    with pytest.raises(DataError, match="not found"):
        import_dump(tmp_path / "none.json")


def test_cli_writes_a_loadable_knowledge_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsline.cli import app

    out = tmp_path / "kb.json"
    result = CliRunner().invoke(app, ["kb", "import", str(SAMPLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    kb = Knowledge.load(out)  # the bundled base, extended
    assert kb.canonical_name("communist party of china", "ORG") == "Chinese Communist Party"
    assert json.loads(out.read_text())["schema"] == "newsline.knowledge/1"
