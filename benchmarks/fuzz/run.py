"""The long fuzz run of the ingest readers: the generators and mutators of the fuzz tests
(tests/ingest/fuzzing.py), many more inputs, each read in a worker process under a time
limit, so a hang is seen (and the worker replaced) rather than waited for.

    .venv/bin/python benchmarks/fuzz/run.py --inputs 10000

Prints one JSON object: inputs tried, then per reader the inputs, uncaught exceptions
(and exceptions read_any had to catch), hangs, good records lost, broken inputs with no
problem, valid inputs with problems, other faults (a string that does not encode, a message
of two lines), the slowest read; and the first failures with the seed that remakes each
(``make_case(fmt, random.Random(seed))``). Exits 1 when anything failed. One worker: it uses
one core.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.ingest.fuzzing import FORMATS, make_case, run_case  # noqa: E402

MEMORY_LIMIT = 4 * 2**30  # per worker: a reader that needs more has a bug


def _worker(conn: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    with tempfile.TemporaryDirectory(prefix="newsline-fuzz-") as tmp:
        folder = Path(tmp)
        while True:
            job = conn.recv()
            if job is None:
                return
            fmt, seed = job
            case = make_case(fmt, random.Random(seed))
            conn.send(("started", case.kind))
            start = time.perf_counter()
            wrong = run_case(case, folder)
            conn.send(("done", case.kind, wrong, time.perf_counter() - start,
                       case.bad, case.clean))


class Pool:
    """One worker process, replaced when it hangs or dies."""

    def __init__(self) -> None:
        self.ctx = mp.get_context("fork")
        self.proc: Any = None
        self.conn: Connection | None = None

    def start(self) -> Connection:
        if self.conn is None:
            parent, child = self.ctx.Pipe()
            self.proc = self.ctx.Process(target=_worker, args=(child,), daemon=True)
            self.proc.start()
            self.conn = parent
        return self.conn

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
        self.proc = self.conn = None

    def run(self, fmt: str, seed: str, timeout: float) -> tuple[str, str, list[str], float, str]:
        """(outcome, kind, failures, seconds, sort): outcome "done", "hang" or "crash"; sort
        "broken" (sure damage), "valid" or "other"."""
        conn = self.start()
        conn.send((fmt, seed))
        kind = "?"
        try:
            if not conn.poll(60):  # making the case is quick; a stuck start is a crash
                self.kill()
                return "crash", kind, ["worker did not start the case"], 0.0, "other"
            _, kind = conn.recv()
            if not conn.poll(timeout):
                self.kill()
                return "hang", kind, [f"read took over {timeout:g} s"], timeout, "other"
            _, kind, wrong, seconds, bad, clean = conn.recv()
        except (EOFError, OSError):
            code = self.proc.exitcode if self.proc is not None else None
            self.kill()
            return "crash", kind, [f"worker died (exit code {code})"], 0.0, "other"
        return "done", kind, wrong, seconds, "broken" if bad else "valid" if clean else "other"

    def close(self) -> None:
        if self.conn is not None:
            self.conn.send(None)
            self.proc.join(5)
        self.kill()


def _bucket(failure: str) -> str:
    if failure.startswith("exception:"):
        return "uncaught_exceptions"
    if failure.startswith("exception caught by read_any"):
        return "caught_exceptions"
    if failure.startswith("lost:"):
        return "records_lost"
    if failure.startswith("no problem"):
        return "broken_without_problem"
    if failure.startswith("problems for a valid"):
        return "valid_with_problems"
    return "other_faults"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="example: benchmarks/fuzz/run.py --inputs 10000")
    parser.add_argument("--inputs", type=int, default=1000, help="inputs to try (all readers)")
    parser.add_argument("--seed", default="0", help="seed of the run (default 0)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds one read may take before it counts as a hang")
    parser.add_argument("--formats", nargs="*", default=list(FORMATS),
                        help=f"readers to fuzz (default: {' '.join(FORMATS)})")
    parser.add_argument("--show", type=int, default=20, help="failures to list")
    args = parser.parse_args(argv)

    keys = ("inputs", "failed_inputs", "uncaught_exceptions", "caught_exceptions", "hangs",
            "crashes", "records_lost", "broken_without_problem", "valid_with_problems",
            "other_faults")
    per: dict[str, dict[str, Any]] = {
        f: {**dict.fromkeys(keys, 0), "broken_inputs": 0, "valid_inputs": 0, "other_inputs": 0,
            "slowest_s": 0.0, "kinds": {}} for f in args.formats}
    failures: list[dict[str, Any]] = []
    pool = Pool()
    started = time.perf_counter()
    try:
        for i in range(args.inputs):
            fmt = args.formats[i % len(args.formats)]
            seed = f"{args.seed}:{fmt}:{i}"
            outcome, kind, wrong, seconds, sort = pool.run(fmt, seed, args.timeout)
            row = per[fmt]
            row["inputs"] += 1
            row[f"{sort}_inputs"] += 1
            kind = "stacked" if "+" in kind else kind
            row["kinds"][kind] = row["kinds"].get(kind, 0) + 1
            row["slowest_s"] = round(max(row["slowest_s"], seconds), 3)
            if outcome == "hang":
                row["hangs"] += 1
            elif outcome == "crash":
                row["crashes"] += 1
            if wrong:
                row["failed_inputs"] += 1
            for bucket in sorted({_bucket(w) for w in wrong} if outcome == "done" else ()):
                row[bucket] += 1
            if wrong and len(failures) < args.show:
                failures.append({"format": fmt, "seed": seed, "kind": kind,
                                 "outcome": outcome, "failures": wrong[:3]})
    finally:
        pool.close()
    failed = sum(row["failed_inputs"] for row in per.values())
    summary = {
        "inputs": sum(row["inputs"] for row in per.values()),
        "seconds": round(time.perf_counter() - started, 1),
        "timeout_s": args.timeout,
        "failed_inputs": failed,
        "per_reader": per,
        "failures": failures,
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
