"""Save the analyses of real articles, or check that they are byte-identical to saved ones.

A speed change to the analysis stages must not change what they find. Usage (from the
repository root):

    .venv/bin/python benchmarks/speed/snapshot.py baseline /tmp/analyze_before --ref HEAD
    .venv/bin/python benchmarks/speed/snapshot.py check /tmp/analyze_before

``baseline`` runs ``save`` on a copy of the working tree whose stage modules (every
``newsline/analyze/*.py`` but ``__init__.py`` and ``nlp.py``, and those ``--from-tree``
names) are those of ``--ref``, so that only the stages differ between the two runs, whatever
else the tree holds. ``save`` writes each
article's ``DocAnalysis`` as the store writes it (``to_dict`` as compact JSON), one file per
article; ``check`` prints every article whose analysis differs, with the differing top-level
fields, and exits 1 if any does. ``--long`` adds documents of 10k and 30k words made of the
same articles, to see whether a bounded window changes anything in a long text.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from common import article, dumps, long_text, real_articles, stages_of


def _articles(long: bool) -> list:  # type: ignore[type-arg]
    arts = real_articles()
    if long:
        arts += [article(long_text(n), None, f"long-{n}") for n in (10_000, 30_000)]
    return arts


def run(mode: str, folder: Path, long: bool) -> int:
    from newsline.analyze import nlp, run_stages

    model = nlp.load()
    arts = _articles(long)
    folder.mkdir(parents=True, exist_ok=True)
    bad = 0
    for a, doc in zip(arts, model.pipe((a.text for a in arts), batch_size=16), strict=True):
        data = dumps(run_stages(a, doc).to_dict())
        path = folder / f"{a.id}.json"
        if mode == "save":
            path.write_text(data, encoding="utf-8")
            continue
        if not path.exists():
            print(f"missing: {a.source} ({path.name})")
            bad += 1
            continue
        old = path.read_text(encoding="utf-8")
        if old != data:
            bad += 1
            before, after = json.loads(old), json.loads(data)
            fields = [k for k in before if before[k] != after.get(k)]
            print(f"differs: {a.source} ({path.name}): {', '.join(fields)}")
    print(f"{len(arts)} articles {'saved' if mode == 'save' else 'checked'}"
          + (f", {bad} differ" if mode == "check" else ""))
    return 1 if bad else 0


def baseline(folder: Path, ref: str, long: bool, from_tree: tuple[str, ...] = ()) -> int:
    """``save`` with the stage modules of ``ref`` and everything else as in the tree."""
    with stages_of(ref, from_tree) as path:
        env = {**os.environ, "PYTHONPATH": path}
        cmd = [sys.executable, __file__, "save", str(folder), *(["--long"] if long else [])]
        return subprocess.run(cmd, env=env, check=False).returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["save", "check", "baseline"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--ref", default="HEAD", help="the stage modules' git ref, for baseline")
    ap.add_argument("--long", action="store_true", help="also long concatenated documents")
    ap.add_argument("--from-tree", default="",
                    help="for baseline: stage modules to take from the tree, not the ref "
                         "(comma-separated: those someone else is changing)")
    args = ap.parse_args()
    if args.mode == "baseline":
        keep = tuple(n for n in args.from_tree.split(",") if n)
        return baseline(args.folder, args.ref, args.long, keep)
    return run(args.mode, args.folder, args.long)


if __name__ == "__main__":
    sys.exit(main())
