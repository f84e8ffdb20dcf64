"""The README is tested: the quick start is two commands, CI runs the second, every command
is documented, and the README's command examples run."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsline.cli import app
from newsline.export.json import validate

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def fenced_blocks(text: str) -> list[list[str]]:
    return [
        [line for line in block.strip().splitlines() if line.strip()]
        for block in re.findall(r"```[a-z]*\n(.*?)```", text, re.S)
    ]


def test_quick_start_is_two_commands_in_one_block() -> None:
    blocks = fenced_blocks(section("Quick start"))
    assert len(blocks) == 1 and len(blocks[0]) == 2


def test_ci_runs_the_readme_test_command() -> None:
    test_command = fenced_blocks(section("Quick start"))[0][1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert test_command in ci.splitlines()


def test_every_command_is_documented_with_an_example() -> None:
    commands = sorted(get_command(app).commands)  # type: ignore[attr-defined]
    assert commands
    documented = section("Commands")
    for name in commands:
        assert f"newsline {name} " in documented, f"README lacks an example of {name}"


def test_readme_command_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every example of the Commands section (but serve and eval) in a scratch folder."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    lines = fenced_blocks(section("Commands"))[0]
    ran = 0
    for line in lines:
        argv = shlex.split(line)
        assert argv[0] == "newsline"
        if argv[1] in ("serve", "eval"):
            continue
        if argv[1] in ("run", "build"):
            argv += ["--workers", "1"]
        result = runner.invoke(app, ["-q", *argv[1:]], catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        ran += 1
    assert ran >= 7
    validate(json.loads((tmp_path / "timeline.json").read_text("utf-8")))
    assert (tmp_path / "timeline.csv").read_text("utf-8").startswith("event_id,")
    assert "<html" in (tmp_path / "timeline.html").read_text("utf-8")


SHARED_SPEC = ROOT.parent / "shared" / "SPEC.md"


def test_the_repo_ships_its_contract_and_the_readme_links_it() -> None:
    assert (ROOT / "docs" / "SPEC.md").is_file()
    assert "(docs/SPEC.md)" in README


@pytest.mark.skipif(not SHARED_SPEC.is_file(), reason="no shared SPEC.md beside the checkout")
def test_the_repo_contract_keeps_every_line_of_the_shared_one() -> None:
    """docs/SPEC.md only adds to the project's shared contract: every line of it is there."""
    ours = (ROOT / "docs" / "SPEC.md").read_text("utf-8").splitlines()
    missing = [line for line in SHARED_SPEC.read_text("utf-8").splitlines()
               if line.strip() and line not in ours]
    assert not missing, f"docs/SPEC.md lacks lines of the shared SPEC.md: {missing[:5]}"
