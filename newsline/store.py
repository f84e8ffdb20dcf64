"""The store: one SQLite file holding articles, their analyses and the last build.

All SQL lives here. The schema is versioned by migrations recorded in ``_migrations``
(sqlite-utils style). Every write happens in one transaction, so a crash mid-run leaves the
database as it was before that write: an ingest batch is in or out, and a build replaces the
previous build's tables all at once or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsline.errors import StoreError
from newsline.features import FeatureCache
from newsline.model import (
    Article,
    Corpus,
    DateEstimate,
    DocAnalysis,
    Entity,
    Event,
    Flag,
    Story,
    sane_date,
)

# Each migration is (version, name, statements). Append only; never edit a released one.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, analyses and build tables",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            title TEXT,
            outlet TEXT,
            url TEXT,
            published TEXT,
            published_basis TEXT,
            published_start INTEGER,
            published_end INTEGER,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE TABLE sources (
            source TEXT NOT NULL,
            doc TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (source, doc)
        );
        CREATE TABLE analyses (
            doc TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL,
                               data TEXT NOT NULL);
        CREATE TABLE events (id TEXT PRIMARY KEY, type TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE stories (id TEXT PRIMARY KEY, data TEXT NOT NULL);
        CREATE TABLE flags (id TEXT PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE doc_dates (doc TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
                                data TEXT NOT NULL);
        CREATE TABLE build_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE INDEX entities_name ON entities(name);
        """,
    ),
    (
        2,
        "stored story summaries",
        """
        CREATE TABLE summaries (story TEXT PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL);
        """,
    ),
    (
        3,
        "per-document features kept between builds",
        """
        CREATE TABLE doc_features (
            kind TEXT NOT NULL,
            doc TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            data BLOB NOT NULL,
            PRIMARY KEY (kind, doc)
        );
        CREATE INDEX doc_features_doc ON doc_features(doc);
        """,
    ),
    (
        4,
        "articles whose analysis failed, with the reason",
        """
        CREATE TABLE failures (
            doc TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            stage TEXT NOT NULL,
            reason TEXT NOT NULL,
            failed_at TEXT NOT NULL
        );
        """,
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _stored_date(value: str | None) -> dt.date | None:
    """A stored source date, or None where it is unreadable or not sane (an older newsline
    stored any date a source gave, year 1 included)."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return day if sane_date(day) else None


class Store:
    """A newsline database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.exists() and self.path.is_dir():
            raise StoreError("database path is a folder", str(self.path), "give a file name")
        if self.path.parent and not self.path.parent.exists():
            raise StoreError(
                "folder for the database does not exist", str(self.path), "create it first"
            )
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"not a usable newsline database: {exc}", str(self.path),
                "point --db at a newsline database or a new file",
            ) from exc

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (KeyboardInterrupt too)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM _migrations")}
        for version, name, script in MIGRATIONS:
            if version in done:
                continue
            with self.transaction() as conn:
                for statement in script.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(
                    "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
        newest = max(done | {SCHEMA_VERSION})
        if newest > SCHEMA_VERSION:
            raise StoreError(
                f"database schema {newest} is newer than this newsline ({SCHEMA_VERSION})",
                str(self.path), "upgrade newsline",
            )

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM _migrations").fetchone()
        return int(row[0] or 0)

    # ------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> list[str]:
        """Store articles in one transaction; return the ids that were new.

        An article whose id (hash of its normalised text) is already stored adds nothing but
        the extra source it was seen under.
        """
        new: list[str] = []
        with self.transaction() as conn:
            for a in articles:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO articles (id, source, title, outlet, url, published, "
                    "published_basis, published_start, published_end, text, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.id, a.source, a.title, a.outlet, a.url,
                        a.published.isoformat() if a.published else None,
                        a.published_basis,
                        a.published_span[0] if a.published_span else None,
                        a.published_span[1] if a.published_span else None,
                        a.text, _now(),
                    ),
                )
                if cur.rowcount:
                    new.append(a.id)
                conn.execute(
                    "INSERT OR IGNORE INTO sources (source, doc) VALUES (?, ?)", (a.source, a.id)
                )
        return new

    @staticmethod
    def _article(row: sqlite3.Row | tuple[Any, ...]) -> Article:
        (id_, source, title, outlet, url, published, basis, p_start, p_end, text) = row
        day = _stored_date(published)
        return Article(
            id=id_, source=source, text=text, title=title, outlet=outlet, url=url,
            published=day, published_basis=basis if day else None,
            published_span=(p_start, p_end) if day and p_start is not None else None,
        )

    _ARTICLE_COLS = (
        "id, source, title, outlet, url, published, published_basis, "
        "published_start, published_end, text"
    )

    def article(self, doc_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {self._ARTICLE_COLS} FROM articles WHERE id = ?", (doc_id,)
        ).fetchone()
        return self._article(row) if row else None

    def articles(self, ids: Sequence[str] | None = None) -> Iterator[Article]:
        """All articles (or those with the given ids), in id order."""
        if ids is None:
            cur = self.conn.execute(f"SELECT {self._ARTICLE_COLS} FROM articles ORDER BY id")
            for row in cur:
                yield self._article(row)
            return
        for doc_id in ids:
            a = self.article(doc_id)
            if a is not None:
                yield a

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    # ------------------------------------------------------------------ analyses

    def ids_needing_analysis(self, version: str, retry_failed: bool = False) -> list[str]:
        """Articles with no analysis, or one made by another analyzer version; an article
        whose analysis failed is left alone (whatever the version) unless ``retry_failed``."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN analyses n ON n.doc = a.id "
            "LEFT JOIN failures f ON f.doc = a.id "
            "WHERE (n.doc IS NULL OR n.version != ?) AND (f.doc IS NULL OR ?) ORDER BY a.id",
            (version, int(retry_failed)),
        )
        return [r[0] for r in rows]

    def save_failures(self, failures: Iterable[tuple[str, str, str]], version: str) -> int:
        """Record (doc, stage, reason) for articles whose analysis failed at ``version``."""
        count = 0
        with self.transaction() as conn:
            for doc, stage, reason in failures:
                conn.execute(
                    "INSERT OR REPLACE INTO failures (doc, version, stage, reason, failed_at) "
                    "SELECT id, ?, ?, ?, ? FROM articles WHERE id = ?",
                    (version, stage, reason, _now(), doc),
                )
                count += 1
        return count

    def failures(self) -> list[dict[str, str]]:
        """Every article whose analysis failed: doc, source, title, stage, reason, version
        and when, oldest first."""
        rows = self.conn.execute(
            "SELECT f.doc, a.source, a.title, f.stage, f.reason, f.version, f.failed_at "
            "FROM failures f JOIN articles a ON a.id = f.doc ORDER BY f.failed_at, f.doc")
        keys = ("doc", "source", "title", "stage", "reason", "version", "failed_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def analysed_ids(self, version: str) -> list[str]:
        """Ids of the articles analysed at ``version``, in order."""
        rows = self.conn.execute("SELECT doc FROM analyses WHERE version = ? ORDER BY doc",
                                 (version,))
        return [r[0] for r in rows]

    def save_analyses(self, analyses: Iterable[DocAnalysis], version: str) -> int:
        """Store analyses (an article analysed now is no longer a failure)."""
        count = 0
        with self.transaction() as conn:
            for a in analyses:
                conn.execute(
                    "INSERT OR REPLACE INTO analyses (doc, version, data, analysed_at) "
                    "VALUES (?, ?, ?, ?)",
                    (a.doc, version, _dumps(a.to_dict()), _now()),
                )
                conn.execute("DELETE FROM failures WHERE doc = ?", (a.doc,))
                count += 1
        return count

    def analysis(self, doc_id: str) -> DocAnalysis | None:
        row = self.conn.execute("SELECT data FROM analyses WHERE doc = ?", (doc_id,)).fetchone()
        return DocAnalysis.from_dict(json.loads(row[0])) if row else None

    def analyses(self, on_error: Callable[[str, Exception], None] | None = None,
                 ) -> Iterator[DocAnalysis]:
        """Every stored analysis, in document order. One that cannot be read back (a file
        edited by hand, an older layout) is passed to ``on_error`` and skipped when given,
        else raises."""
        for doc, data in self.conn.execute("SELECT doc, data FROM analyses ORDER BY doc"):
            try:
                yield DocAnalysis.from_dict(json.loads(data))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                if on_error is None:
                    raise
                on_error(doc, exc)

    def failed_ids(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT doc FROM failures")}

    def count_analyses(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])

    # ------------------------------------------------------------------ build output

    def save_corpus(self, corpus: Corpus, meta: dict[str, str] | None = None,
                    features: FeatureCache | None = None) -> None:
        """Replace the previous build with this one, atomically, with the per-document
        features it computed; stored features of kinds it no longer uses are dropped."""
        with self.transaction() as conn:
            if features is not None:
                used = list(features.kinds())
                marks = ",".join("?" * len(used))
                conn.execute(f"DELETE FROM doc_features WHERE kind NOT IN ({marks})",  # noqa: S608
                             used)
                conn.executemany(
                    "INSERT OR REPLACE INTO doc_features (kind, doc, data) VALUES (?, ?, ?)",
                    ((kind, doc, data) for kind, docs in features.added.items()
                     for doc, data in docs.items()),
                )
            for table in ("entities", "events", "stories", "flags", "doc_dates", "summaries",
                          "build_meta"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            conn.executemany(
                "INSERT INTO entities (id, name, type, data) VALUES (?, ?, ?, ?)",
                ((e.id, e.name, e.type, _dumps(e.to_dict())) for e in corpus.entities),
            )
            conn.executemany(
                "INSERT INTO events (id, type, data) VALUES (?, ?, ?)",
                ((e.id, e.type, _dumps(e.to_dict())) for e in corpus.events),
            )
            conn.executemany(
                "INSERT INTO stories (id, data) VALUES (?, ?)",
                ((s.id, _dumps(s.to_dict())) for s in corpus.stories),
            )
            conn.executemany(
                "INSERT INTO flags (id, kind, data) VALUES (?, ?, ?)",
                ((f.id, f.kind, _dumps(f.to_dict())) for f in corpus.flags),
            )
            conn.executemany(
                "INSERT INTO doc_dates (doc, data) VALUES (?, ?)",
                ((doc, _dumps(d.to_dict())) for doc, d in corpus.doc_dates.items()),
            )
            conn.executemany(
                "INSERT INTO summaries (story, key, data) VALUES (?, ?, ?)",
                ((sid, corpus.summary_keys.get(sid, ""), _dumps(lines))
                 for sid, lines in corpus.summaries.items()),
            )
            info = {"built_at": _now(), **(meta or {})}
            conn.executemany(
                "INSERT INTO build_meta (key, value) VALUES (?, ?)", sorted(info.items())
            )

    def corpus(self) -> Corpus:
        """The last build (empty when nothing was built)."""
        c = Corpus()
        c.entities = [
            Entity.from_dict(json.loads(d))
            for (d,) in self.conn.execute("SELECT data FROM entities ORDER BY id")
        ]
        c.events = [
            Event.from_dict(json.loads(d))
            for (d,) in self.conn.execute("SELECT data FROM events ORDER BY id")
        ]
        c.stories = [
            Story.from_dict(json.loads(d))
            for (d,) in self.conn.execute("SELECT data FROM stories ORDER BY id")
        ]
        c.flags = [
            Flag.from_dict(json.loads(d))
            for (d,) in self.conn.execute("SELECT data FROM flags ORDER BY id")
        ]
        c.doc_dates = {
            doc: DateEstimate.from_dict(json.loads(d))
            for doc, d in self.conn.execute("SELECT doc, data FROM doc_dates")
        }
        for sid, key, d in self.conn.execute("SELECT story, key, data FROM summaries"):
            c.summaries[sid] = json.loads(d)
            c.summary_keys[sid] = key
        return c

    def summary_cache(self) -> dict[str, list[dict[str, Any]]]:
        """The stored story summaries by the key of their inputs (no other build output is
        read: a build needs only these to reuse them)."""
        return {key: json.loads(d) for key, d in
                self.conn.execute("SELECT key, data FROM summaries WHERE key != ''")}

    def features(self) -> dict[str, dict[str, bytes]]:
        """Every stored per-document feature: kind -> document -> packed value."""
        out: dict[str, dict[str, bytes]] = {}
        for kind, doc, data in self.conn.execute("SELECT kind, doc, data FROM doc_features"):
            out.setdefault(kind, {})[doc] = bytes(data)
        return out

    def build_meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM build_meta").fetchall())

    def find_entities(self, name: str) -> list[Entity]:
        """Entities whose canonical name or an alias matches ``name`` (case-insensitive)."""
        needle = name.casefold().strip()
        out = []
        for (d,) in self.conn.execute("SELECT data FROM entities ORDER BY id"):
            e = Entity.from_dict(json.loads(d))
            if needle == e.id.casefold() or any(needle == a.casefold() for a in e.aliases):
                out.append(e)
        return out

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "analyses", "entities", "events", "stories", "flags"):
            out[table] = int(
                self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            )
        return out
