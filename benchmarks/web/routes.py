"""Latency of every route of the web app over a built corpus: p50 and p95 per route.

It starts the app on 127.0.0.1 in a subprocess exactly as ``newsline serve --db DB`` does
(``newsline.web.app.serve`` with the store's ``state`` as version and ``db``, so the pages
read the store's tables), picks real ids from the database (the largest and a middling
story, the most told and a random event, the most named and a random entity, the longest and
a random document, search words and names), and asks each route ``--repeat`` times, one
request at a time on one keep-alive connection, after one warm-up request each (``/timeline``
is one page made once per build for a store of up to 1,000 articles, on its first request, so
that first time is reported apart; a bigger store gets a short page saying where to read it).
It prints one JSON object: p50/p95/max in milliseconds and bytes per route, and the server's
resident memory after the warm-up and at the end (memory must not grow with requests).
``--whole N`` also downloads ``/api/timeline``, the whole timeline (hundreds of MB on a large
store, sent as it is read from the tables), N times: the time to its first byte and to its
last, its size, and the server's memory after each (a download, not a page: it is kept out of
the worst p95).

Only 127.0.0.1 is contacted. The database is only read (copy it first if another process
may build into it).

Example: .venv/bin/python benchmarks/web/routes.py --db /tmp/t17.db --repeat 40
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import sys
from newsline.export.json import timeline
from newsline.store import Store
from newsline.web.app import serve
db = sys.argv[1]
def load():
    with Store(db) as s:
        return timeline(s)
def version():
    with Store(db) as s:
        return s.state()
serve(load, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", version=version, db=db)
"""


def routes(db: Path, seed: int = 0) -> dict[str, str]:
    """Route name -> path, with ids picked from the database."""
    rnd = random.Random(seed)
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    def one(sql: str) -> str:
        row = c.execute(sql).fetchone()
        if row is None:
            raise SystemExit(f"nothing built in {db}: run newsline build --db {db}")
        return str(row[0])

    def any_of(sql: str) -> str:
        ids = [r[0] for r in c.execute(sql)]
        return str(rnd.choice(ids))

    q = lambda id: quote(id, safe="")  # noqa: E731
    big_story = one("SELECT id FROM stories ORDER BY events DESC, id LIMIT 1")
    mid_story = one("SELECT id FROM stories ORDER BY documents DESC, id LIMIT 1 OFFSET "
                    "(SELECT COUNT(*) / 4 FROM stories)")
    big_event = one("SELECT id FROM events ORDER BY mentions DESC, id LIMIT 1")
    an_event = any_of("SELECT id FROM events")
    big_entity = one("SELECT id FROM entities ORDER BY mentions DESC, id LIMIT 1")
    an_entity = any_of("SELECT id FROM entities WHERE named = 1")
    long_doc = one("SELECT id FROM articles ORDER BY length(text) DESC LIMIT 1")
    a_doc = any_of("SELECT id FROM articles")
    name = one("SELECT name FROM entities WHERE named = 1 AND type = 'PERSON' "
               "ORDER BY mentions DESC LIMIT 1")
    entity_filter = one("SELECT p.entity FROM story_events se JOIN participants p ON "
                        f"p.event = se.event WHERE se.story = '{big_story}' GROUP BY p.entity "
                        "ORDER BY COUNT(*) DESC LIMIT 1")
    first = one(f"SELECT MIN(e.span_start) FROM story_events se JOIN events e ON e.id = se.event "
                f"WHERE se.story = '{big_story}'")
    c.close()
    return {
        "home": "/",
        "home page 2": "/?offset=50",
        "story (largest)": f"/stories/{q(big_story)}",
        "story (filtered: entity, dates)": f"/stories/{q(big_story)}?entity={q(entity_filter)}"
                                           f"&since={first}&until=2100-01-01",
        "story (a middling one)": f"/stories/{q(mid_story)}",
        "event (most told)": f"/events/{q(big_event)}",
        "event (random)": f"/events/{q(an_event)}",
        "entity (most named)": f"/entities/{q(big_entity)}",
        "entity (random)": f"/entities/{q(an_entity)}",
        "document (longest)": f"/documents/{q(long_doc)}",
        "document (random)": f"/documents/{q(a_doc)}",
        "flags": "/flags",
        "flags (errors)": "/flags?severity=error",
        "search (a word)": "/search?q=oil",
        "search (a name)": f"/search?q={q(name)}",
        "search (a variant spelling)": "/search?q=Qaddafi",
        "api stories": "/api/stories",
        "api story": f"/api/stories/{q(big_story)}",
        "api events (filtered)": "/api/events?type=statement&limit=50",
        "api event view": f"/api/events/{q(big_event)}/view",
        "api event": f"/api/events/{q(big_event)}",
        "api entity view": f"/api/entities/{q(big_entity)}/view",
        "api entity": f"/api/entities/{q(big_entity)}",
        "api document view": f"/api/documents/{q(long_doc)}/view",
        "api document": f"/api/documents/{q(long_doc)}",
        "api flags": "/api/flags",
        "api search": f"/api/search?q={q(name)}",
        "one-page timeline": "/timeline",
        "healthz": "/healthz",
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _get(conn: http.client.HTTPConnection, path: str) -> tuple[int, int, float]:
    t0 = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body), (time.perf_counter() - t0) * 1000


def _download(conn: http.client.HTTPConnection, path: str) -> tuple[int, float, float]:
    """Bytes, milliseconds to the first byte of the body and to its last."""
    t0 = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")
    head = response.read(1)
    first = (time.perf_counter() - t0) * 1000
    size = len(head)
    while piece := response.read(1 << 20):
        size += len(piece)
    return size, first, (time.perf_counter() - t0) * 1000


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a built newsline database")
    parser.add_argument("--repeat", type=int, default=40, help="requests per route")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--whole", type=int, default=0, metavar="N",
                        help="also download the whole timeline (/api/timeline) N times")
    args = parser.parse_args()
    paths = routes(args.db, args.seed)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.db), str(port)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                conn.connect()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        first: dict[str, float] = {}
        for name, path in paths.items():
            status, _, ms = _get(conn, path)
            if status != 200:
                raise SystemExit(f"{name}: {path} answered {status}")
            first[name] = round(ms, 1)
        rss_warm = _rss_mb(server.pid)
        results: dict[str, Any] = {}
        for name, path in paths.items():
            times, size = [], 0
            for _ in range(args.repeat):
                _, size, ms = _get(conn, path)
                times.append(ms)
            results[name] = {"path": path, "p50_ms": _pct(times, 50), "p95_ms": _pct(times, 95),
                             "max_ms": round(max(times), 1), "first_ms": first[name],
                             "bytes": size, "mean_ms": round(statistics.fmean(times), 1)}
        whole = []
        for _ in range(args.whole):
            size, first_byte, last_byte = _download(conn, "/api/timeline")
            whole.append({"bytes": size, "first_byte_ms": round(first_byte, 1),
                          "last_byte_ms": round(last_byte, 1),
                          "mb_per_s": round(size / 1e6 / (last_byte / 1000), 1),
                          "rss_mb_after": _rss_mb(server.pid)})
        conn.close()
        with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as c:
            counts = {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
                      for t in ("articles", "entities", "events", "stories", "flags")}
        worst = max(r["p95_ms"] for r in results.values())
        print(json.dumps({"db": str(args.db), "counts": counts, "repeat": args.repeat,
                          "worst_p95_ms": worst, "rss_mb_after_warmup": rss_warm,
                          "rss_mb_at_end": _rss_mb(server.pid), "routes": results,
                          **({"api timeline (whole, streamed)": whole} if whole else {})},
                         indent=2))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
