"""Load test of ``newsline serve`` on a built T17 corpus: throughput, latency per route, memory.

It builds a corpus database (or reuses ``--db``) with ``newsline run`` over an even sample of
T17 articles (``newsline.eval.speed.sample``: the same share of each story folder), starts
``newsline serve`` on 127.0.0.1 in a subprocess, and runs ``--clients`` threads, each on its own
keep-alive connection, for ``--duration`` seconds over the app's routes: the page, the whole
timeline, one entity, event and document by id, an unknown id (404) and the health check.
It prints one JSON object: requests per second, p50/p99 latency per route, errors, and the
server's resident memory before and after the load (and its peak), read from /proc.

Only 127.0.0.1 is ever contacted; the run stops by itself after ``--duration`` seconds plus
the requests in flight (each bounded by ``--timeout``).

Example: .venv/bin/python benchmarks/serve/load.py --limit 300 --clients 8 --duration 30
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]


def build_corpus(db: Path, limit: int, workers: int) -> dict[str, Any]:
    """``newsline run`` over ``limit`` T17 articles (an even share of each story) into ``db``."""
    from newsline.eval import default_data_dir
    from newsline.eval.speed import sample

    # T17 holds a few empty articles, which ingest would skip
    articles = [a for a in sample(default_data_dir(), limit) if a["text"].strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t17.jsonl"
        path.write_text("".join(json.dumps(a) + "\n" for a in articles), "utf-8")
        t0 = time.perf_counter()
        subprocess.run(
            [*_newsline(), "-q", "run", str(path), "--db", str(db), "--workers", str(workers),
             "--no-show"], check=True, cwd=ROOT)
        seconds = time.perf_counter() - t0
    words = sum(len(a["text"].split()) for a in articles)
    return {"sampled": len(articles), "words": words, "build_s": round(seconds, 1)}


def _newsline() -> list[str]:
    return [sys.executable, "-c", "from newsline.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> dict[str, float]:
    """Resident and peak resident memory of ``pid`` in MiB, from /proc/PID/status."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss": out.get("VmRSS", 0.0), "peak": out.get("VmHWM", 0.0)}


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, response.read()


def _wait_ready(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Error: newsline serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            if _get(conn, "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("Error: newsline serve did not answer /healthz in time")


def routes(timeline: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """Route name -> (a path to request, the status it must answer)."""
    out = {"page": ("/", 200), "timeline": ("/api/timeline", 200), "healthz": ("/healthz", 200),
           "unknown_id": ("/api/events/no-such-event", 404)}
    for collection, name in (("entities", "entity"), ("events", "event"),
                             ("documents", "document")):
        items = timeline.get(collection) or []
        if items:
            item = items[len(items) // 2]
            out[name] = (f"/api/{collection}/{quote(item['id'], safe='')}", 200)
    return out


def load(port: int, plan: dict[str, tuple[str, int]], clients: int, duration: float,
         timeout: float) -> dict[str, Any]:
    """``clients`` threads requesting the routes in random order until ``duration`` is up."""
    samples: dict[str, list[float]] = {name: [] for name in plan}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + duration

    def client(seed: int) -> None:
        rng = random.Random(seed)
        names = list(plan)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        while time.monotonic() < stop:
            name = rng.choice(names)
            path, expected = plan[name]
            t0 = time.perf_counter()
            try:
                status, _ = _get(conn, path)
                problem = None if status == expected else f"{name}: HTTP {status}"
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{name}: {type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            elapsed = time.perf_counter() - t0
            with lock:
                if problem is None:
                    samples[name].append(elapsed)
                else:
                    errors[problem] = errors.get(problem, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    done = sum(len(s) for s in samples.values())
    return {
        "wall_s": round(wall, 1),
        "requests": done,
        "requests_per_s": round(done / wall, 2),
        "errors": errors,
        "routes": {name: _latency(s) for name, s in samples.items()},
    }


def _latency(seconds: list[float]) -> dict[str, Any]:
    if not seconds:
        return {"n": 0}
    ms = sorted(s * 1000 for s in seconds)
    p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 1), "p99_ms": round(p99, 1),
            "max_ms": round(ms[-1], 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a built database to serve (else one is built)")
    parser.add_argument("--limit", type=int, default=300, help="T17 articles to build from")
    parser.add_argument("--workers", type=int, default=1, help="analysis processes for the build")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    args = parser.parse_args(argv)

    result: dict[str, Any] = {"clients": args.clients, "duration_s": args.duration}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None or not db.exists():
            db = db or Path(tmp) / "t17.db"
            result["corpus"] = build_corpus(db, args.limit, args.workers)
        port = _free_port()
        proc = subprocess.Popen([*_newsline(), "-q", "serve", "--db", str(db), "--port",
                                 str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            _wait_ready(port, proc)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
            t0 = time.perf_counter()
            status, body = _get(conn, "/api/timeline")
            first_ms = (time.perf_counter() - t0) * 1000
            conn.close()
            timeline = json.loads(body) if status == 200 else {}
            result.setdefault("corpus", {})
            result["corpus"].update({
                "db": str(db), "db_mb": round(os.path.getsize(db) / 2**20, 1),
                "documents": len(timeline.get("documents", [])),
                "entities": len(timeline.get("entities", [])),
                "events": len(timeline.get("events", [])),
                "timeline_json_kb": round(len(body) / 1024),
                "first_timeline_ms": round(first_ms),
            })
            memory_before = _rss_mb(proc.pid)
            result.update(load(port, routes(timeline), args.clients, args.duration,
                               args.timeout))
            after = _rss_mb(proc.pid)
            result["server_memory_mb"] = {"rss_before": memory_before["rss"],
                                          "rss_after": after["rss"], "peak": after["peak"]}
        finally:
            proc.terminate()
            try:
                _, stderr = proc.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, stderr = proc.communicate()
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        if tail:
            result["server_log_tail"] = tail
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
