"""`newsline export --format timelinejs|gexf|graphml|parquet|csv-tables` end to end, and
the progress of a run on stderr as lines or JSON when it is not a terminal."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
from typer.testing import CliRunner

from newsline.cli import app
from newsline.export.tables import COLUMNS

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), catch_exceptions=False, env=env)


def test_timelinejs_to_stdout_and_file(built_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "--format", "timelinejs", "--db", str(built_db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["events"] and "headline" in data["title"]["text"]
    out = tmp_path / "t.json"
    assert invoke("export", "-f", "timelinejs", "--db", str(built_db), "-o", str(out)
                  ).exit_code == 0
    assert json.loads(out.read_text("utf-8")) == data


def test_network_formats(built_db: Path, tmp_path: Path) -> None:
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        out = tmp_path / f"net.{fmt}"
        result = invoke("export", "-f", fmt, "--db", str(built_db), "-o", str(out))
        assert result.exit_code == 0, result.output
        g = reader(out)
        assert g.number_of_nodes() > 0 and g.number_of_edges() > 0


def test_parquet_needs_a_folder(built_db: Path, tmp_path: Path) -> None:
    result = invoke("export", "-f", "parquet", "--db", str(built_db))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: parquet writes one file per table")
    folder = tmp_path / "tables"
    assert invoke("export", "-f", "parquet", "--db", str(built_db), "--out", str(folder)
                  ).exit_code == 0
    assert sorted(p.stem for p in folder.glob("*.parquet")) == sorted(COLUMNS)
    assert pq.read_table(folder / "documents.parquet").num_rows > 0
    archive = tmp_path / "tables.zip"
    assert invoke("export", "-f", "csv-tables", "--db", str(built_db), "--out", str(archive)
                  ).exit_code == 0
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(f"{n}.csv" for n in COLUMNS)
    taken = tmp_path / "file"
    taken.write_text("x")
    result = invoke("export", "-f", "parquet", "--db", str(built_db), "--out", str(taken))
    assert result.exit_code == 1 and result.stderr.startswith("Error: not a folder (")


def test_progress_off_a_terminal_is_lines_or_json(small_corpus: Path, tmp_path: Path) -> None:
    one = sorted(small_corpus.iterdir())[:2]
    folder = tmp_path / "in"
    folder.mkdir()
    for f in one:
        (folder / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "p.db"
    result = invoke("ingest", str(folder), "--db", str(db), env={"NEWSLINE_PROGRESS": "auto"})
    assert result.exit_code == 0, result.output
    assert "Reading articles: 2, " in result.stderr and "done in" in result.stderr
    result = invoke("build", "--db", str(db), "--workers", "1",
                    env={"NEWSLINE_PROGRESS": "json"})
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stderr.splitlines()
               if line.startswith("{")]
    steps = [(r["event"], r["step"]) for r in records if r["event"] != "progress"]
    assert steps == [("start", "Analysing articles"), ("done", "Analysing articles"),
                     ("start", "Building timeline"), ("done", "Building timeline")]
    assert records[1]["total"] == 2 and [r for r in records if r["event"] == "done"][0][
        "done"] == 2
    quiet = invoke("-q", "ingest", str(folder), "--db", str(db),
                   env={"NEWSLINE_PROGRESS": "auto"})
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_the_readme_output_format_examples_run(built_db: Path, tmp_path: Path,
                                               monkeypatch) -> None:
    """Every command of the README's Output formats section, on the built corpus."""
    import re
    import shlex

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    m = re.search(r"^## Output formats\n(.*?)(?=^## )", readme, re.S | re.M)
    assert m, "README has no Output formats section"
    lines = [line for line in re.findall(r"```sh\n(.*?)```", m.group(1), re.S)[0].splitlines()
             if line.strip()]
    assert {"timelinejs", "gexf", "graphml", "parquet", "csv-tables"} <= {
        shlex.split(line)[shlex.split(line).index("--format") + 1] for line in lines}
    monkeypatch.chdir(tmp_path)
    for line in lines:
        argv = shlex.split(line)
        argv[argv.index("--db") + 1] = str(built_db)
        result = invoke(*argv[1:])
        assert result.exit_code == 0, f"{line}\n{result.output}"
        out = Path(argv[argv.index("--out") + 1])
        assert out.exists() and (out.is_dir() or out.stat().st_size > 0), line
