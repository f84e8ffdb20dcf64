"""The command line: exit codes, one-line errors, every command end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from typer.main import get_command
from typer.testing import CliRunner

from newsline import __version__
from newsline.cli import app
from newsline.export.json import validate

runner = CliRunner()
INGEST_DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), catch_exceptions=False, env=env)


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("command", ["run", "ingest", "build", "export", "timeline", "entity",
                                     "problems", "serve", "eval"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example: newsline " + command in result.stdout


def test_run_on_a_folder_with_bad_files_goes_on(tmp_path: Path, small_corpus: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in sorted(p.name for p in small_corpus.iterdir())[:3]:
        (folder / name).write_bytes((small_corpus / name).read_bytes())
    for bad in ("empty.txt", "binary.txt", "malformed.json", "truncated.warc.gz"):
        (folder / bad).write_bytes((INGEST_DATA / bad).read_bytes())
    db = tmp_path / "x.db"
    result = invoke("-q", "run", str(folder), "--db", str(db), "--workers", "1",
                    "--html", str(tmp_path / "t.html"))
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped:")]
    assert len(skipped) == 4
    assert any("empty.txt" in line for line in skipped)
    assert any("binary.txt" in line for line in skipped)
    assert "<!DOCTYPE html>" in (tmp_path / "t.html").read_text()[:200].upper().replace(
        "<!DOCTYPE HTML>", "<!DOCTYPE html>")

    # re-running adds nothing and keeps what was stored
    again = invoke("run", str(folder), "--db", str(db), "--workers", "1", "--no-show")
    assert again.exit_code == 0
    assert "(0 new)" in again.stderr


def test_run_with_nothing_readable_fails_with_one_line(tmp_path: Path) -> None:
    result = invoke("run", str(INGEST_DATA / "empty.txt"), "--db", str(tmp_path / "e.db"))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "no article could be read" in errors[0]
    assert "Traceback" not in result.output


def test_missing_path_is_named(tmp_path: Path) -> None:
    result = invoke("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "e.db"))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr


def test_export_without_database_is_a_clear_error(tmp_path: Path) -> None:
    result = invoke("export", "--format", "json", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: database not found (")
    assert not (tmp_path / "none.db").exists()


def test_build_on_empty_database_fails(tmp_path: Path) -> None:
    from newsline.store import Store

    Store(tmp_path / "empty.db").close()
    result = invoke("build", "--db", str(tmp_path / "empty.db"))
    assert result.exit_code == 1 and "no articles stored" in result.stderr


def test_export_formats(built_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "--format", "json", "--db", str(built_db))
    assert result.exit_code == 0
    validate(json.loads(result.stdout))
    out = tmp_path / "t.csv"
    assert invoke("export", "-f", "csv", "--db", str(built_db), "--out", str(out)).exit_code == 0
    assert out.read_text().startswith("event_id,")
    out = tmp_path / "t.html"
    assert invoke("export", "-f", "html", "--db", str(built_db), "-o", str(out)).exit_code == 0
    assert "<html" in out.read_text()


def test_export_to_unwritable_path(built_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "-f", "json", "--db", str(built_db),
                    "--out", str(tmp_path / "no" / "dir" / "t.json"))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write")


def test_timeline_filters(built_db: Path) -> None:
    result = invoke("timeline", "--db", str(built_db), "--entity", "General Motors")
    assert result.exit_code == 0
    assert "General Motors" in result.stdout
    none = invoke("timeline", "--db", str(built_db), "--entity", "Nobody Atall")
    assert none.exit_code == 1 and "no entity named" in none.stderr


def test_timeline_entity_json(built_db: Path) -> None:
    result = invoke("timeline", "--db", str(built_db), "--entity", "General Motors", "--json")
    assert result.exit_code == 0
    etl = json.loads(result.stdout)
    assert etl["schema"] == "newsline.entity_timeline/1" and etl["query"] == "General Motors"
    assert any(e["name"] == "General Motors" for e in etl["entities"])
    assert etl["events"], "General Motors has events in the GM/Chrysler articles"
    docs = {d["id"]: d["text"] for d in json.loads(
        invoke("export", "-f", "json", "--db", str(built_db)).stdout)["documents"]}
    values = []
    for ev in etl["events"]:
        assert ev["role"] and {"value", "earliest", "latest", "basis"} <= set(ev["date"])
        values.append(ev["date"]["value"] or ev["date"]["earliest"] or "9999")
        for m in ev["mentions"]:
            text = docs[m["doc"]]
            assert text[m["start"]:m["end"]] == m["quote"]
            assert text[m["trigger_start"]:m["trigger_end"]] == m["trigger"]
        for v in ev["via"]:  # the entity's own mentions, pronouns and descriptions included
            assert docs[v["doc"]][v["start"]:v["end"]] == v["text"]
    assert values == sorted(values)
    gm = json.loads(invoke("entity", "General Motors", "--db", str(built_db), "--json").stdout)
    assert not {"it", "It", "its", "the company"} & {a["form"] for r in gm for a in r["aliases"]}
    shown = invoke("timeline", "--db", str(built_db), "--entity", "General Motors")
    assert shown.exit_code == 0 and "General Motors" in shown.stdout
    whole = json.loads(invoke("timeline", "--db", str(built_db), "--json").stdout)
    assert whole["schema"] == "newsline.timeline/1"


def test_build_reuses_stored_analyses(built_copy: Path) -> None:
    result = invoke("build", "--db", str(built_copy))
    assert result.exit_code == 0 and "Analysed 0" in result.stderr


def test_unknown_benchmark() -> None:
    result = invoke("eval", "nonsense")
    assert result.exit_code == 1 and "choose one of" in result.stderr


def test_scale_options_belong_to_the_scale_benchmark(tmp_path: Path) -> None:
    result = invoke("eval", "speed", "--sizes", "1k")
    assert result.exit_code == 1 and "options of the scale benchmark" in result.stderr
    result = invoke("eval", "scale", "--sizes", "3k", "--data", str(tmp_path))
    assert result.exit_code == 1 and "unknown size '3k'" in result.stderr


def test_console_script_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsline.cli", "--version"],
                          capture_output=True, text=True)
    assert proc.returncode == 0 and "newsline" in proc.stdout


def test_entity_explains_aliases_and_merges(built_db: Path) -> None:
    result = invoke("entity", "GM", "--db", str(built_db), "--json")
    assert result.exit_code == 0
    reports = json.loads(result.stdout)
    gm = next(r for r in reports if r["name"] == "General Motors")
    forms = {a["form"]: a for a in gm["aliases"]}
    assert forms["GM"]["count"] > 0 and forms["GM"]["sources"]
    assert any("knowledge base" in m["rule"] for m in gm["merges"])
    text = invoke("entity", "General Motors", "--db", str(built_db))
    assert "Why these forms are one entity" in text.stdout
    missing = invoke("entity", "Nobody Atall", "--db", str(built_db))
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no entity named")


def _command_paths(group: click.Command, path: tuple[str, ...] = ()) -> list[list[str]]:
    """Every command and subcommand of the app, as the words that name it ([] for the app)."""
    found = [list(path)]
    for name, sub in sorted(getattr(group, "commands", {}).items()):
        found += _command_paths(sub, (*path, name))
    return found


COMMANDS = _command_paths(get_command(app))


def test_every_command_is_walked() -> None:
    assert {"run", "timeline", "kb import"} <= {" ".join(c) for c in COMMANDS}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "newsline")
def test_help_shows_no_parser_internals(command: list[str]) -> None:
    text = invoke(*command, "--help").stdout
    for internal in ("<str>", "<int", "<path>", "<list", "{", "}", "range>", "x>=", "x<=",
                     "<=x"):
        assert internal not in text, (command, internal)


def test_an_option_range_is_still_enforced() -> None:
    result = runner.invoke(app, ["run", "-j", "0", "x"])
    assert result.exit_code == 2 and "--workers" in result.stderr


# Commands that only read the store, and the help, start without the analysis (spaCy).
_NO_SPACY = """
import sys
from typer.testing import CliRunner
import newsline.cli
assert "spacy" not in sys.modules, "import newsline.cli"
for args in {commands!r}:
    result = CliRunner().invoke(newsline.cli.app, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    assert "spacy" not in sys.modules, args
"""


def _without_spacy(commands: list[list[str]]) -> None:
    proc = subprocess.run([sys.executable, "-c", _NO_SPACY.format(commands=commands)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_version_and_help_do_not_load_spacy() -> None:
    _without_spacy([["--version"], ["--help"], *([*c, "--help"] for c in COMMANDS)])


def test_reading_commands_do_not_load_spacy(built_db: Path) -> None:
    db = str(built_db)
    _without_spacy([["timeline", "--db", db], ["timeline", "--db", db, "--json"],
                    ["timeline", "--db", db, "--entity", "General Motors"],
                    ["entity", "General Motors", "--db", db], ["problems", "--db", db]])


def test_a_run_that_reads_nothing_prints_only_its_problems_and_the_error(
        tmp_path: Path, built_copy: Path) -> None:
    missing = str(tmp_path / "missing.html")
    for db in (tmp_path / "new.db", built_copy):
        result = invoke("run", missing, "--db", str(db), "--no-show",
                        env={"NEWSLINE_PROGRESS": "lines"})
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [
            f"Skipped: no such file or folder ({missing}): check the path",
            f"Error: no article could be read from {missing}: see the lines above"]
    unreadable = invoke("run", str(INGEST_DATA / "empty.txt"), "--db", str(built_copy),
                        env={"NEWSLINE_PROGRESS": "json"})
    assert unreadable.exit_code == 1
    steps = {json.loads(line)["step"] for line in unreadable.stderr.splitlines()
             if line.startswith("{")}
    assert not steps & {"Analysing articles", "Building timeline"}, steps


def test_format_names_are_case_insensitive(built_db: Path) -> None:
    result = invoke("export", "--db", str(built_db), "--format", "JSON")
    assert result.exit_code == 0 and json.loads(result.stdout)["schema"] == "newsline.timeline/1"


def test_a_failed_first_run_leaves_no_database_behind(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = invoke("run", str(tmp_path / "missing"), "--db", str(db), "--no-show")
    assert result.exit_code == 1
    assert not db.exists() and not Path(str(db) + "-wal").exists()
    (tmp_path / "empty.txt").write_text("")
    assert invoke("ingest", str(tmp_path / "empty.txt"), "--db", str(db)).exit_code == 1
    assert not db.exists()


def test_a_failed_run_keeps_an_existing_database(built_copy: Path, tmp_path: Path) -> None:
    result = invoke("run", str(tmp_path / "missing"), "--db", str(built_copy), "--no-show")
    assert result.exit_code == 1 and built_copy.exists()


def test_timeline_of_an_unknown_entity_fails_like_entity(built_db: Path) -> None:
    for args in (["timeline", "--entity", "Nobody Atall"], ["entity", "Nobody Atall"]):
        result = invoke(*args, "--db", str(built_db))
        assert result.exit_code == 1 and "no entity named 'Nobody Atall'" in result.stderr


def test_counts_are_said_in_good_english(tmp_path: Path, small_corpus: Path) -> None:
    one = sorted(small_corpus.iterdir())[0]
    result = invoke("ingest", str(one), "--db", str(tmp_path / "one.db"))
    assert "Read 1 article from 1 file (1 new)" in result.stderr


def test_serve_on_a_busy_port_says_so_in_one_line(built_db: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = invoke("serve", "--db", str(built_db), "--port", str(port))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Error: port {port} on 127.0.0.1 is in use (--port {port}): stop what "
                     "uses it, or pick another with --port"]
