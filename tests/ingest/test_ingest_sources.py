"""iter_sources (files, folders, globs, missing paths) and read_any's dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.errors import InputError
from newsline.ingest import SUPPORTED_SUFFIXES, iter_sources, read_any


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in [
        "b.txt", "a.json", "notes.md", ".hidden.txt", "sub/c.html", "sub/d.warc.gz",
        "sub/deeper/e.jsonl", ".git/f.txt", "sub/g.HTM",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    return tmp_path


def names(items: list[Path | InputError], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in items if isinstance(p, Path)]


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz",
        ".rss", ".atom", ".xml", ".rtf", ".csv", ".tsv", ".eml", ".mbox", ".docx", ".pdf",
    }


def test_folder_is_walked_sorted_supported_not_hidden(tree: Path) -> None:
    items = list(iter_sources([str(tree)]))
    others = [p for p in items if not isinstance(p, Path)]
    assert [p.what for p in others] == [p.what for p in others
                                         if "of unsupported types" in p.what][:1]
    assert names(items, tree) == [
        "a.json", "b.txt", "sub/c.html", "sub/d.warc.gz", "sub/deeper/e.jsonl", "sub/g.HTM",
    ]


def test_glob_recursive(tree: Path) -> None:
    items = list(iter_sources([str(tree / "**" / "*.txt"), str(tree / "sub" / "*.html")]))
    assert names(items, tree) == ["b.txt", "sub/c.html"]


def test_explicit_file_is_kept_whatever_its_suffix(tree: Path) -> None:
    items = list(iter_sources([str(tree / "notes.md")]))
    assert items == [tree / "notes.md"]
    problem = read_any(items[0]).problems[0]
    assert problem.what == "unsupported file type '.md'"
    assert ".warc.gz" in (problem.fix or "")


def test_missing_path_and_empty_glob_are_reported_not_raised(tree: Path) -> None:
    items = list(iter_sources(["no/such/file.txt", str(tree / "*.xml"), str(tree / "b.txt")]))
    problems = [p for p in items if isinstance(p, InputError)]
    assert [(p.what, p.which) for p in problems] == [
        ("no such file or folder", "no/such/file.txt"),
        ("no supported files match the pattern", str(tree / "*.xml")),
    ]
    assert items[-1] == tree / "b.txt"


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("x")
    skipped, problem = list(iter_sources([str(tmp_path)]))
    assert isinstance(skipped, InputError) and skipped.what == "1 file of unsupported types (.md)"
    assert isinstance(problem, InputError) and problem.what == "no supported files in folder"


def test_each_file_once(tree: Path) -> None:
    items = list(iter_sources([str(tree / "b.txt"), str(tree), str(tree / "*.txt")]))
    assert names(items, tree).count("b.txt") == 1


def test_paths_keep_the_form_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    assert list(iter_sources(["sub"]))[0] == Path("sub/c.html")
    art = read_any(Path("b.txt")).articles[0]
    assert art.source == "b.txt"
    assert read_any(Path("b.txt"), source="given").articles[0].source == "given"


def test_read_any_missing_and_folder(tmp_path: Path) -> None:
    assert read_any(tmp_path / "gone.txt").problems[0].what == "no such file"
    (tmp_path / "dir.json").mkdir()
    assert read_any(tmp_path / "dir.json").problems[0].what == "is a folder, not a file"


def test_sample_folder_reads_without_raising(data: Path, no_network: None) -> None:
    total = problems = 0
    for item in iter_sources([str(data)]):
        if isinstance(item, InputError):  # the folder's notes and scripts, reported
            assert "of unsupported types" in item.what
            continue
        result = read_any(item)
        total += len(result.articles)
        problems += len(result.problems)
        for art in result.articles:
            assert art.text.strip()
            if art.published_span:
                start, end = art.published_span
                assert art.text[start:end].strip()
    assert total >= 15 and problems >= 9


def test_files_of_other_types_in_a_folder_are_reported_not_ignored(tmp_path: Path) -> None:
    from newsline.errors import InputError
    from newsline.ingest import iter_sources

    (tmp_path / "story.txt").write_text("Title\n\nThe council met on Monday.\n")
    for name in ("scan.odt", "scan2.ODT", "photo.png"):
        (tmp_path / name).write_bytes(b"PK\x03\x04")
    items = list(iter_sources([str(tmp_path)]))
    problems = [i for i in items if isinstance(i, InputError)]
    assert [p.what for p in problems] == ["3 files of unsupported types (.odt ×2, .png)"]
    assert problems[0].which == str(tmp_path)
    assert [i.name for i in items if not isinstance(i, InputError)] == ["story.txt"]
