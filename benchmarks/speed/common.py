"""Texts for the speed checks: real articles, long documents made of them, and the "poison"
shapes that once made the analysis super-linear (issue 13).

Shared by ``lengths.py`` (words per second by length and shape) and ``snapshot.py`` (the
analyses of real articles, byte for byte, before and after a speed change).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from newsline.model import Article

ROOT = Path(__file__).resolve().parents[2]
WIKINEWS = ROOT / "examples" / "wikinews"
# a few distinct words, so that no cache or dictionary sees one string only
WORDS = ("Yes", "No", "Maybe", "Later", "Never", "Fine", "Sure", "Right", "Stop", "Wait",
         "Again", "Now", "Here", "There", "Okay", "Thanks", "Please", "Sorry", "Go", "Look")


def article(text: str, published: dt.date | None = None, source: str = "speed.txt") -> Article:
    """An article of a text as it stands (the tests' way). Ingest is left out on purpose:
    the texts must not change while the stages are compared."""
    doc_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(doc_id, source, text, published=published,
                   published_basis="metadata" if published else None)


def wikinews() -> list[Article]:
    """The bundled Wikinews articles, with their dates."""
    out: list[Article] = []
    for path in sorted(WIKINEWS.glob("*.json")):
        d = json.loads(path.read_text("utf-8"))
        out.append(article(d["text"], dt.date.fromisoformat(d["published"][:10]), path.name))
    return out


def _data_dir() -> Path | None:
    for base in (Path.cwd(), ROOT):
        candidate = base.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "``": '"', "''": '"'}


def _detokenise(text: str) -> str:
    for k, v in _PTB.items():
        text = text.replace(k, v)
    text = re.sub(r" ([,.;:!?%)\]]|'s|n't|'re|'ve|'ll|'d|'m)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def t17(per_story: int = 6) -> list[Article]:
    """An even sample of ``per_story`` T17 articles of each story folder (by uid), every other one
    without its date, so that the date inference runs too; none without the shared data."""
    data = _data_dir()
    if data is None:
        return []
    out = []
    for folder in sorted((data / "timeline17" / "t17").glob("*/articles.json")):
        rows = sorted(json.loads(folder.read_text("utf-8")), key=lambda r: str(r["uid"]))
        rows = [r for r in rows if r["text"].strip()]
        step = max(1, len(rows) // per_story)
        for k, r in enumerate(rows[::step][:per_story]):
            published = dt.date.fromisoformat(r["dct"][:10]) if k % 2 == 0 else None
            out.append(article(_detokenise(r["text"]), published,
                               f"{folder.parent.name}/{r['uid']}"))
    return out


def real_articles() -> list[Article]:
    """The articles whose analyses a speed change must leave byte-identical."""
    seen: set[str] = set()
    out = []
    for a in [*wikinews(), *t17()]:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def words(text: str) -> int:
    return len(text.split())


def long_text(n_words: int) -> str:
    """Real article texts, one after another, to about ``n_words`` words."""
    texts = [a.text for a in wikinews()]
    parts: list[str] = []
    total = 0
    k = 0
    while total < n_words:
        t = texts[k % len(texts)]
        parts.append(t)
        total += words(t)
        k += 1
    return "\n\n".join(parts)


def poison(shape: str, n: int) -> str:
    """The texts of issue 13, ``n`` units long:

    - ``amp``: "&amp; " n times (an entity left escaped in plain text);
    - ``ampersand``: "& " n times (the same, unescaped);
    - ``sentences``: n one-word sentences ("Yes. No. Maybe. ...");
    - ``lines``: n three-word lines ("Yes No Maybe\\n...").
    """
    if shape == "amp":
        return "&amp; " * n
    if shape == "ampersand":
        return "& " * n
    if shape == "sentences":
        return " ".join(f"{WORDS[i % len(WORDS)]}." for i in range(n))
    if shape == "lines":
        return "".join(f"{WORDS[i % len(WORDS)]} {WORDS[(i + 7) % len(WORDS)].lower()} "
                       f"{WORDS[(i + 13) % len(WORDS)].lower()}\n" for i in range(n))
    raise ValueError(f"unknown shape {shape!r}")


def dumps(obj: object) -> str:
    """JSON as the store writes it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


KEEP = {"__init__.py", "nlp.py"}  # the stage modules are every other analyze/*.py


@contextlib.contextmanager
def stages_of(ref: str, from_tree: tuple[str, ...] = ()) -> Iterator[str]:
    """A copy of the working tree's package whose stage modules (every
    ``newsline/analyze/*.py`` but ``__init__.py``, ``nlp.py`` and those named in
    ``from_tree``) are those of git ``ref``; yields the folder to put on ``PYTHONPATH``, so
    that a run there differs from one here in those stage modules only, whatever else the
    tree holds (``from_tree``: modules someone else is changing meanwhile)."""
    with tempfile.TemporaryDirectory() as tmp:
        pkg = Path(tmp) / "newsline"
        shutil.copytree(ROOT / "newsline", pkg, ignore=shutil.ignore_patterns("__pycache__"))
        stage_dir = pkg / "analyze"
        listing = subprocess.run(["git", "ls-tree", "--name-only", f"{ref}:newsline/analyze/"],
                                 cwd=ROOT, check=True, capture_output=True, text=True).stdout
        keep = KEEP | set(from_tree)
        old = {n for n in listing.split() if n.endswith(".py")} - keep
        for f in stage_dir.glob("*.py"):
            if f.name not in keep and f.name not in old:
                f.unlink()  # a module the ref does not have
        for name in old:
            src = subprocess.run(["git", "show", f"{ref}:newsline/analyze/{name}"], cwd=ROOT,
                                 check=True, capture_output=True).stdout
            (stage_dir / name).write_bytes(src)
        yield tmp
