"""Layers only point down (docs/DESIGN: cli/web -> pipeline -> export, verify, corpus, analyze,
ingest -> the shared layer, knowledge, store, model): read every module's imports and check.

The product never imports the benchmarks (``newsline.eval``); only the ``eval`` command does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "newsline"
SHARED = {"model", "errors", "names", "knowledge", "vectors", "graph", "settings", "features",
          "text_display"}
# what each part may import from the package (besides itself and the shared layer)
ALLOWED: dict[str, set[str]] = {
    "shared": set(),
    "store": set(),
    "ingest": set(),
    "analyze": set(),
    "corpus": {"analyze", "verify"},
    "verify": {"corpus"},
    "export": {"corpus", "analyze", "verify", "store"},
    "pipeline": {"analyze", "corpus", "ingest", "store", "verify", "export"},
    "eval": {"analyze", "corpus", "ingest", "store", "verify", "export", "pipeline",
             "entity_timeline", "entity_report"},
}


def _part(module: str) -> str:
    top = module.split(".")[1] if module.count(".") else ""
    if top in SHARED:
        return "shared"
    return top


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in out if m.startswith("newsline.")}


def _module(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_walk_finds_the_package() -> None:
    assert len(MODULES) > 40
    assert "newsline.eval" in {_module(p) for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path: Path) -> None:
    mod = _module(path)
    part = _part(mod)
    if part not in ALLOWED:  # cli, web, terminal, entity_report, progress: the top layer
        return
    allowed = ALLOWED[part] | {part, "shared", ""}
    bad = sorted(m for m in _imports(path)
                 if _part(m) not in allowed and m not in ("newsline", "newsline.__version__"))
    assert not bad, f"{mod} ({part}) imports {bad}"


def test_only_the_eval_command_imports_the_benchmarks() -> None:
    users = sorted(_module(p) for p in MODULES
                   if not _module(p).startswith("newsline.eval")
                   and any(m.startswith("newsline.eval") for m in _imports(p)))
    assert users == ["newsline.cli"], users
