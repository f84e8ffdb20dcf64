"""The store: one database holding articles, their analyses and the last build.

By default an embedded SQLite file; given a ``postgresql://`` URL, a PostgreSQL server that
a team shares, with the same tables and the same behaviour (psycopg 3). All SQL lives here,
written once in the dialect both accept (``?`` placeholders become ``%s`` for psycopg; upserts
are ``INSERT ... ON CONFLICT``); the two connections differ only in :class:`_SQLite` and
:class:`_Postgres`. The schema is versioned by migrations recorded in ``_migrations``
(sqlite-utils style). Every write happens in one transaction, so a crash mid-run leaves the
database as it was before that write: an ingest batch is in or out, and a build replaces the
previous build's tables all at once or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
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
from newsline.settings import is_url

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


def redacted(url: str) -> str:
    """A database URL without its password."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


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


def database_errors() -> tuple[type[Exception], ...]:
    """The exceptions a database call may raise, whichever database it is."""
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)
    try:
        import psycopg
    except ImportError:
        return errors
    return (*errors, psycopg.Error)


class _SQLite:
    """An SQLite file in WAL mode; a write transaction is ``BEGIN IMMEDIATE``, so writers queue
    for the file's one write lock (for up to 30 s) instead of failing."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.raw = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.raw.execute("PRAGMA journal_mode=WAL")
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.raw.execute("PRAGMA synchronous=NORMAL")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        return self.raw.executemany(sql, rows)

    def begin(self) -> None:
        self.raw.execute("BEGIN IMMEDIATE")

    def ddl(self, statement: str) -> str:
        return statement

    def close(self) -> None:
        self.raw.close()


class _Postgres:
    """A PostgreSQL server through psycopg 3. Write transactions take one advisory lock, so
    writers queue as SQLite's do (two builds never interleave their table swaps); text sorts
    byte-wise (``COLLATE "C"``), as in SQLite, so both give the same order and the same
    export."""

    dialect = "postgresql"
    LOCK = 0x6E65_7773  # the advisory lock every newsline write transaction takes

    def __init__(self, url: str) -> None:
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True, connect_timeout=20)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self._sql(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        with self.raw.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def begin(self) -> None:
        self.raw.execute("BEGIN")
        self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (self.LOCK,))

    def ddl(self, statement: str) -> str:
        return (statement.replace(" BLOB", " BYTEA")
                .replace(" TEXT PRIMARY KEY", ' TEXT COLLATE "C" PRIMARY KEY')
                .replace(" TEXT NOT NULL", ' TEXT COLLATE "C" NOT NULL'))

    def close(self) -> None:
        self.raw.close()


class Store:
    """A newsline database: an SQLite file, or a ``postgresql://`` URL. Use as a context
    manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.url = str(path) if is_url(path) else None
        self.path = Path(path) if self.url is None else Path()
        self.conn: _SQLite | _Postgres
        if self.url is not None:
            self.conn = self._connect_postgres(self.url)
            return
        if self.path.exists() and self.path.is_dir():
            raise StoreError("database path is a folder", str(self.path), "give a file name")
        if self.path.parent and not self.path.parent.exists():
            raise StoreError(
                "folder for the database does not exist", str(self.path), "create it first"
            )
        try:
            self.conn = _SQLite(self.path)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"not a usable newsline database: {exc}", str(self.path),
                "point --db at a newsline database or a new file",
            ) from exc

    def _connect_postgres(self, url: str) -> _Postgres:
        shown = redacted(url)
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("psycopg is not installed", shown,
                             "pip install 'psycopg[binary]'") from exc
        try:
            conn = _Postgres(url)
        except psycopg.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise StoreError(f"cannot connect to PostgreSQL: {first}", shown,
                             "check the URL, the server and the password") from exc
        self.conn = conn
        try:
            self._migrate()
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"not a usable newsline database: {exc}", shown,
                             "point --db at a newsline database or an empty one") from exc
        return conn

    @property
    def name(self) -> str:
        """The database as a message may name it (a URL without its password)."""
        return redacted(self.url) if self.url else str(self.path)

    # ------------------------------------------------------------------ plumbing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[_SQLite | _Postgres]:
        """One write transaction (writers queue for it), rolled back on any exception
        (KeyboardInterrupt too)."""
        self.conn.begin()
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, in one transaction that one process at
        a time holds (a database that is up to date is only read)."""
        create = ("CREATE TABLE IF NOT EXISTS _migrations "
                  "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")

        def applied() -> set[int]:
            return {row[0] for row in self.conn.execute("SELECT version FROM _migrations")}

        try:
            done = applied()
        except database_errors():
            done = set()
        if not {v for v, _, _ in MIGRATIONS} <= done:
            with self.transaction() as conn:
                conn.execute(create)
                done = applied()
                for version, name, script in MIGRATIONS:
                    if version in done:
                        continue
                    for statement in script.split(";"):
                        if statement.strip():
                            conn.execute(conn.ddl(statement))
                    conn.execute(
                        "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, _now()),
                    )
                done = applied()
        newest = max(done | {SCHEMA_VERSION})
        if newest > SCHEMA_VERSION:
            raise StoreError(
                f"database schema {newest} is newer than this newsline ({SCHEMA_VERSION})",
                self.name, "upgrade newsline",
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
                    "INSERT INTO articles (id, source, title, outlet, url, published, "
                    "published_basis, published_start, published_end, text, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
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
                    "INSERT INTO sources (source, doc) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (a.source, a.id)
                )
        return new

    @staticmethod
    def _article(row: tuple[Any, ...]) -> Article:
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
            "WHERE (n.doc IS NULL OR n.version != ?) AND (f.doc IS NULL OR ? = 1) ORDER BY a.id",
            (version, int(retry_failed)),
        )
        return [r[0] for r in rows]

    def save_failures(self, failures: Iterable[tuple[str, str, str]], version: str) -> int:
        """Record (doc, stage, reason) for articles whose analysis failed at ``version``."""
        count = 0
        with self.transaction() as conn:
            for doc, stage, reason in failures:
                conn.execute(
                    "INSERT INTO failures (doc, version, stage, reason, failed_at) "
                    "SELECT id, ?, ?, ?, ? FROM articles WHERE id = ? "
                    "ON CONFLICT (doc) DO UPDATE SET version = excluded.version, "
                    "stage = excluded.stage, reason = excluded.reason, "
                    "failed_at = excluded.failed_at",
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
                    "INSERT INTO analyses (doc, version, data, analysed_at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (doc) DO UPDATE SET version = excluded.version, "
                    "data = excluded.data, analysed_at = excluded.analysed_at",
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
                if used:
                    marks = ",".join("?" * len(used))
                    conn.execute(  # noqa: S608 - only placeholders are formatted in
                        f"DELETE FROM doc_features WHERE kind NOT IN ({marks})", used)
                else:
                    conn.execute("DELETE FROM doc_features")
                conn.executemany(
                    "INSERT INTO doc_features (kind, doc, data) VALUES (?, ?, ?) "
                    "ON CONFLICT (kind, doc) DO UPDATE SET data = excluded.data",
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

    def state(self) -> str:
        """A token that changes whenever what a reader sees may have changed (a new build,
        new articles or analyses, a failure recorded): cheap enough to ask on each request."""
        row = self.conn.execute(
            "SELECT (SELECT value FROM build_meta WHERE key = 'built_at'), "
            "(SELECT value FROM build_meta WHERE key = 'inputs'), "
            "(SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM analyses), "
            "(SELECT MAX(analysed_at) FROM analyses), (SELECT COUNT(*) FROM failures), "
            "(SELECT MAX(failed_at) FROM failures)").fetchone()
        return "|".join("" if v is None else str(v) for v in row)

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
