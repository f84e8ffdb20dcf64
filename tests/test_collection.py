"""Every test file under tests/ is collected by the suite's own pytest settings.

pytest's default ``norecursedirs`` skips folders named like tool output (``build``, ``dist``,
dot-folders...); a test folder so named is silently never run. This test asks pytest itself
which files it collects and compares them with the files on disk.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def _on_disk() -> set[str]:
    files = set(TESTS.rglob("test_*.py")) | set(TESTS.rglob("*_test.py"))
    return {str(f.relative_to(ROOT)) for f in files if "__pycache__" not in f.parts}


def _collected() -> set[str]:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-rs", "-m", "", "tests"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    seen = set()
    for line in out.stdout.splitlines():
        if "::" in line:
            seen.add(line.split("::", 1)[0])
        elif line.startswith("SKIPPED [") and "] " in line:  # a module that skips itself was read
            seen.add(line.split("] ", 1)[1].split(":", 1)[0])
    return seen


def test_every_test_file_is_collected() -> None:
    on_disk = _on_disk()
    assert len(on_disk) > 20  # the glob itself works
    missing = sorted(on_disk - _collected())
    assert not missing, f"test files pytest never collects: {missing}"
