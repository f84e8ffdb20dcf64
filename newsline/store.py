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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
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
    EntityMentionRef,
    Event,
    EventRef,
    Evidence,
    Flag,
    Story,
    TimelineDocument,
    Timex,
    sane_date,
)
from newsline.names import form_of, skeleton
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
    (
        5,
        "the build as real tables, time expressions, full-text search",
        # The JSON blobs of migration 1 become tables a person can query (docs/store.md);
        # the stored build is carried over (``_carry_build``). A statement marked
        # /* sqlite */ or /* postgresql */ runs on that database only.
        """
        DROP INDEX entities_name;
        DROP TABLE entities;
        DROP TABLE events;
        DROP TABLE stories;
        DROP TABLE flags;
        DROP TABLE doc_dates;
        DROP TABLE summaries;
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, source TEXT, title TEXT, outlet TEXT, url TEXT,
            date TEXT, date_earliest TEXT, date_latest TEXT, date_basis TEXT,
            date_confidence REAL, story TEXT, problem_stage TEXT, problem_reason TEXT,
            written TEXT
        );
        CREATE INDEX documents_story ON documents(story);
        CREATE INDEX documents_outlet ON documents(outlet);
        CREATE INDEX documents_date ON documents(date);
        CREATE TABLE entities (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, named INTEGER,
            mentions INTEGER NOT NULL, documents INTEGER NOT NULL, events INTEGER NOT NULL
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE INDEX entities_type ON entities(type, mentions);
        CREATE TABLE aliases (
            entity TEXT NOT NULL, seq INTEGER NOT NULL, alias TEXT NOT NULL,
            mentions INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (entity, seq)
        );
        CREATE INDEX aliases_key ON aliases(key);
        CREATE TABLE merges (
            entity TEXT NOT NULL, seq INTEGER NOT NULL, left_form TEXT, right_form TEXT,
            rule TEXT, PRIMARY KEY (entity, seq)
        );
        CREATE TABLE entity_mentions (
            entity TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
            kind TEXT NOT NULL, PRIMARY KEY (entity, seq)
        );
        CREATE INDEX entity_mentions_doc ON entity_mentions(doc, start);
        CREATE TABLE doc_entities (
            doc TEXT NOT NULL, entity TEXT NOT NULL, mentions INTEGER NOT NULL,
            PRIMARY KEY (doc, entity)
        );
        CREATE INDEX doc_entities_entity ON doc_entities(entity, doc);
        CREATE TABLE events (
            id TEXT PRIMARY KEY, type TEXT NOT NULL, summary TEXT NOT NULL,
            status TEXT NOT NULL, date TEXT, date_earliest TEXT, date_latest TEXT,
            date_basis TEXT, date_confidence REAL, story TEXT, mentions INTEGER NOT NULL,
            span_start TEXT, span_end TEXT
        );
        CREATE INDEX events_story ON events(story, span_start);
        CREATE INDEX events_span ON events(span_start);
        CREATE TABLE event_mentions (
            event TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, quote TEXT NOT NULL,
            modality TEXT NOT NULL, attributed_to TEXT, trigger_start INTEGER,
            trigger_end INTEGER, PRIMARY KEY (event, seq)
        );
        CREATE INDEX event_mentions_doc ON event_mentions(doc, start);
        CREATE TABLE participants (
            event TEXT NOT NULL, seq INTEGER NOT NULL, entity TEXT NOT NULL,
            role TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (event, seq)
        );
        CREATE INDEX participants_entity ON participants(entity, event);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, earliest TEXT, latest TEXT,
            documents INTEGER NOT NULL, events INTEGER NOT NULL, summary_key TEXT
        );
        CREATE INDEX stories_latest ON stories(latest);
        CREATE TABLE story_documents (
            story TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (story, seq)
        );
        CREATE INDEX story_documents_doc ON story_documents(doc);
        CREATE TABLE story_events (
            story TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
            PRIMARY KEY (story, seq)
        );
        CREATE INDEX story_events_event ON story_events(event);
        CREATE TABLE summaries (
            story TEXT NOT NULL, seq INTEGER NOT NULL, date TEXT, text TEXT NOT NULL,
            doc TEXT, start INTEGER, "end" INTEGER, PRIMARY KEY (story, seq)
        );
        CREATE TABLE flags (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, severity TEXT NOT NULL,
            message TEXT NOT NULL, documents INTEGER NOT NULL
        );
        CREATE INDEX flags_kind ON flags(kind, severity);
        CREATE TABLE flag_documents (
            flag TEXT NOT NULL, seq INTEGER NOT NULL, doc TEXT NOT NULL,
            PRIMARY KEY (flag, seq)
        );
        CREATE INDEX flag_documents_doc ON flag_documents(doc);
        CREATE TABLE evidence (
            owner_kind TEXT NOT NULL, owner TEXT NOT NULL, seq INTEGER NOT NULL,
            doc TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            quote TEXT NOT NULL, reason TEXT, PRIMARY KEY (owner_kind, owner, seq)
        );
        CREATE INDEX evidence_doc ON evidence(doc, start);
        CREATE TABLE set_aside (
            owner_kind TEXT NOT NULL, owner TEXT NOT NULL, seq INTEGER NOT NULL,
            doc TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            quote TEXT NOT NULL, reason TEXT, PRIMARY KEY (owner_kind, owner, seq)
        );
        CREATE INDEX set_aside_doc ON set_aside(doc, start);
        CREATE TABLE timexes (
            doc TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL, earliest TEXT,
            latest TEXT, PRIMARY KEY (doc, seq)
        );
        CREATE INDEX timexes_doc ON timexes(doc, start);
        /* sqlite */ CREATE VIRTUAL TABLE search_documents USING fts5(
            doc UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
        );
        /* sqlite */ CREATE VIRTUAL TABLE search_names USING fts5(
            entity UNINDEXED, name, aliases, skeletons,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        /* postgresql */ CREATE INDEX articles_search ON articles USING GIN
            (to_tsvector('simple', coalesce(title, '') || ' ' || text))
        """,
    ),
    (
        6,
        "the source's byline, section and provenance",
        # Article.author, section and provenance (JSON text: record, format, file_created,
        # extra); the build's documents table carries them for SQL tools. Rows stored
        # before are NULL (re-ingesting their files fills them in: add_articles).
        """
        ALTER TABLE articles ADD COLUMN author TEXT;
        ALTER TABLE articles ADD COLUMN section TEXT;
        ALTER TABLE articles ADD COLUMN provenance TEXT;
        ALTER TABLE documents ADD COLUMN author TEXT;
        ALTER TABLE documents ADD COLUMN section TEXT;
        ALTER TABLE documents ADD COLUMN provenance TEXT;
        CREATE INDEX documents_author ON documents(author)
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
        # one thread at a time, but not always the same one (the web app's pool)
        self.raw = sqlite3.connect(path, isolation_level=None, timeout=30,
                                   check_same_thread=False)
        self.raw.execute("PRAGMA journal_mode=WAL")
        self.raw.execute("PRAGMA foreign_keys=ON")
        self.raw.execute("PRAGMA synchronous=NORMAL")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.raw.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        return self.raw.executemany(sql, rows)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into ``table`` (a fixed name, never user input)."""
        cols = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        self.raw.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)  # noqa: S608

    def begin(self) -> None:
        self.raw.execute("BEGIN IMMEDIATE")

    def begin_read(self) -> None:
        self.raw.execute("BEGIN")

    def ddl(self, statement: str) -> str:
        return "" if statement.lstrip().startswith("/* postgresql */") else statement

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

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert many rows into ``table`` with COPY (a fixed name, never user input)."""
        cols = ", ".join(f'"{c}"' for c in columns)
        with self.raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def begin(self) -> None:
        self.raw.execute("BEGIN")
        self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (self.LOCK,))

    def begin_read(self) -> None:
        self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def ddl(self, statement: str) -> str:
        if statement.lstrip().startswith("/* sqlite */"):
            return ""
        return (statement.replace(" BLOB", " BYTEA").replace(" REAL", " DOUBLE PRECISION")
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
                # a carry writes with today's code, so it runs once every table is as today's
                # code writes it (after the last migration), with what was read before its own
                carries: list[tuple[Callable[[Store, object], None], object]] = []
                for version, name, script in MIGRATIONS:
                    if version in done:
                        continue
                    before, after = _CARRY.get(version, (None, None))
                    carried = before(self) if before else None
                    for statement in script.split(";"):
                        sql = conn.ddl(statement)
                        if sql.strip():
                            conn.execute(sql)
                    if after:
                        carries.append((after, carried))
                    conn.execute(
                        "INSERT INTO _migrations (version, name, applied_at) VALUES (?, ?, ?)",
                        (version, name, _now()),
                    )
                for after, carried in carries:
                    after(self, carried)
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
        the extra source it was seen under; except that one stored from the same source
        with no byline, section or provenance (before migration 6) gets this one's.
        """
        new: list[str] = []
        with self.transaction() as conn:
            for a in articles:
                provenance = _dumps(a.provenance) if a.provenance else None
                cur = conn.execute(
                    "INSERT INTO articles (id, source, title, outlet, url, published, "
                    "published_basis, published_start, published_end, text, ingested_at, "
                    "author, section, provenance) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (
                        a.id, a.source, a.title, a.outlet, a.url,
                        a.published.isoformat() if a.published else None,
                        a.published_basis,
                        a.published_span[0] if a.published_span else None,
                        a.published_span[1] if a.published_span else None,
                        a.text, _now(), a.author, a.section, provenance,
                    ),
                )
                if cur.rowcount:
                    new.append(a.id)
                elif a.author or a.section or provenance:
                    self._fill_source_meta(a.id, a.source, (a.author, a.section, provenance))
                conn.execute(
                    "INSERT INTO sources (source, doc) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (a.source, a.id)
                )
        return new

    def _fill_source_meta(self, doc: str, source: str, meta: tuple[Any, ...]) -> None:
        """Give an article stored without a byline, section or provenance (by a newsline
        before migration 6) those its source states now, in the build's table too."""
        for table, key in (("articles", "source"), ("documents", "source")):
            self.conn.execute(
                f"UPDATE {table} SET author = ?, section = ?, provenance = ? "  # noqa: S608
                f"WHERE id = ? AND {key} = ? AND author IS NULL AND section IS NULL "
                "AND provenance IS NULL", (*meta, doc, source))

    @staticmethod
    def _article(row: tuple[Any, ...]) -> Article:
        (id_, source, title, outlet, url, published, basis, p_start, p_end, text, author,
         section, provenance) = row
        day = _stored_date(published)
        return Article(
            id=id_, source=source, text=text, title=title, outlet=outlet, url=url,
            published=day, published_basis=basis if day else None,
            published_span=(p_start, p_end) if day and p_start is not None else None,
            author=author, section=section, provenance=stored_provenance(provenance),
        )

    _ARTICLE_COLS = (
        "id, source, title, outlet, url, published, published_basis, "
        "published_start, published_end, text, author, section, provenance"
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
                conn.execute("DELETE FROM timexes WHERE doc = ?", (a.doc,))
                conn.insert("timexes", TIMEX_COLUMNS, _timex_rows(a.doc, a.timexes))
                count += 1
        return count

    def analysis_date(self, doc_id: str) -> DateEstimate | None:
        """The date an article's own analysis gave it (read without the rest)."""
        sql = ("SELECT json_extract(data, '$.date') FROM analyses WHERE doc = ?"
               if self.conn.dialect == "sqlite" else
               "SELECT (data::json -> 'date')::text FROM analyses WHERE doc = ?")
        row = self.conn.execute(sql, (doc_id,)).fetchone()
        return DateEstimate.from_dict(json.loads(row[0])) if row and row[0] else None

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
            self._write_build(corpus)
            conn.execute("DELETE FROM build_meta")
            info = {"built_at": _now(), **(meta or {})}
            conn.executemany(
                "INSERT INTO build_meta (key, value) VALUES (?, ?)", sorted(info.items())
            )

    def _write_build(self, corpus: Corpus) -> None:
        """Write ``corpus`` into the build tables (inside the caller's transaction), with a
        ``documents`` row for every stored article and the search index brought up to date."""
        failures = {f["doc"]: f for f in self.failures()}
        documents = []
        for id_, source, title, outlet, url, author, section, provenance in self.conn.execute(
                "SELECT id, source, title, outlet, url, author, section, provenance "
                "FROM articles ORDER BY id"):
            date = corpus.doc_dates.get(id_)
            failed = failures.get(id_)
            documents.append({
                "id": id_, "source": source, "title": title, "outlet": outlet, "url": url,
                "author": author, "section": section,
                "provenance": stored_provenance(provenance),
                "date": date.to_dict() if date else None,
                "problem": {"stage": failed["stage"], "reason": failed["reason"]}
                if failed else None})
        self.write_tables(build_rows(
            documents, [e.to_dict() for e in corpus.entities],
            [e.to_dict() for e in corpus.events], [s.to_dict() for s in corpus.stories],
            [f.to_dict() for f in corpus.flags], corpus.summaries, corpus.summary_keys))

    def write_tables(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        """Replace the build tables with ``rows`` (from :func:`build_rows`), inside the
        caller's transaction, and refresh the search index (SQLite: new articles and every
        entity name; PostgreSQL indexes the articles itself)."""
        conn = self.conn
        for table, columns in BUILD_TABLES.items():
            conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            conn.insert(table, columns, rows.get(table, []))
        if conn.dialect == "sqlite":
            conn.execute(
                "INSERT INTO search_documents (doc, title, text) "
                "SELECT id, coalesce(title, ''), text FROM articles "
                "WHERE id NOT IN (SELECT doc FROM search_documents)")
            conn.execute("DELETE FROM search_names")
            conn.insert("search_names", ("entity", "name", "aliases", "skeletons"),
                        rows.get("search_names", []))

    def corpus(self) -> Corpus:
        """The last build (empty when nothing was built)."""
        c = Corpus()
        c.entities = self._entities()
        c.events = self._events()
        c.stories = self._stories()
        c.flags = self._flags()
        c.doc_dates = self._document_dates()
        c.summaries, c.summary_keys = self._summaries()
        return c

    def timeline_sections(self, batch: int = 500) -> Iterator[tuple[str, Iterator[Json]]]:
        """The timeline of everything stored (what ``export.json.timeline`` gives), section
        by section in the contract's order, each object as its dict; documents, entities and
        events are read ``batch`` at a time, so the whole timeline is never in memory.
        Consume each section before the next."""
        yield "documents", self._timeline_documents(batch)
        yield "entities", (e.to_dict() for ids in self._batches("entities", batch)
                           for e in self._entities(ids))
        yield "events", (e.to_dict() for ids in self._batches("events", batch)
                         for e in self._events(ids))
        stories = self._stories()
        yield "stories", (s.to_dict() for s in stories)
        yield "flags", (f.to_dict() for f in self._flags())
        lines = self._summaries()[0]
        yield "summaries", (line for s in stories for line in lines.get(s.id, []))

    def _batches(self, table: str, batch: int) -> Iterator[list[str]]:
        ids = [r[0] for r in self.conn.execute(
            f"SELECT id FROM {table} ORDER BY id")]  # noqa: S608 - fixed table names
        for i in range(0, len(ids), batch):
            yield ids[i:i + batch]

    def _timeline_documents(self, batch: int) -> Iterator[Json]:
        """Every article as a timeline document, dated as ``Timeline.of`` dates it: by the
        build, or (before any build) by its own analysis."""
        built = self.conn.execute(
            "SELECT 1 FROM documents WHERE date_basis IS NOT NULL LIMIT 1").fetchone()
        failed = {f["doc"]: f for f in self.failures()}
        for ids in self._batches("articles", batch):
            marks = ",".join("?" * len(ids))
            articles = [self._article(row) for row in self.conn.execute(
                f"SELECT {self._ARTICLE_COLS} FROM articles "  # noqa: S608 - placeholders
                f"WHERE id IN ({marks}) ORDER BY id", ids)]
            dates = self._document_dates(ids) if built else {}
            for a in articles:
                date = dates.get(a.id) if built else self.analysis_date(a.id)
                yield TimelineDocument.of(a, date, failed.get(a.id)).to_dict()

    def _document_dates(self, ids: Sequence[str] | None = None) -> dict[str, DateEstimate]:
        """The build's date of each document (of those with ``ids``), with its evidence."""
        evidence = self._evidence("document", ids)
        aside = self._evidence("document", ids, table="set_aside")
        where, params = self._where("id", ids)
        where = (where + " AND" if where else " WHERE") + " date_basis IS NOT NULL"
        return {row[0]: _date_estimate(row[1:], evidence.get(row[0], []), aside.get(row[0], []))
                for row in self.conn.execute(
                    "SELECT id, date, date_earliest, date_latest, date_basis, date_confidence "
                    f"FROM documents{where} ORDER BY id", params)}

    def _grouped(self, sql: str, params: Sequence[Any] = ()) -> dict[str, list[tuple[Any, ...]]]:
        """Rows of ``sql`` grouped by their first column (rows keep their order)."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        for row in self.conn.execute(sql, params):
            out.setdefault(row[0], []).append(tuple(row[1:]))
        return out

    @staticmethod
    def _page(limit_offset: tuple[int, int] | None) -> tuple[str, list[int]]:
        """A LIMIT clause for one object's list (``(limit, offset)``), or none."""
        if limit_offset is None:
            return "", []
        return " LIMIT ? OFFSET ?", list(limit_offset)

    @staticmethod
    def _where(column: str, ids: Sequence[str] | None) -> tuple[str, list[str]]:
        if ids is None:
            return "", []
        return f" WHERE {column} IN ({','.join('?' * len(ids))})", list(ids)

    def _entities(self, ids: Sequence[str] | None = None,
                  mentions_page: tuple[int, int] | None = None) -> list[Entity]:
        where, params = self._where("entity", ids)
        aliases = self._grouped(f"SELECT entity, alias FROM aliases{where} ORDER BY entity, seq",
                                params)
        merges = self._grouped("SELECT entity, left_form, right_form, rule FROM merges"
                               f"{where} ORDER BY entity, seq", params)
        page, extra = self._page(mentions_page)
        mentions = self._grouped('SELECT entity, doc, start, "end", text, kind FROM '
                                 f"entity_mentions{where} ORDER BY entity, seq{page}",
                                 [*params, *extra])
        where, params = self._where("id", ids)
        return [
            Entity(id_, name, type_, [a for (a,) in aliases.get(id_, [])],
                   [EntityMentionRef(*m) for m in mentions.get(id_, [])],
                   [{"left": lf, "right": rt, "rule": rule}
                    for lf, rt, rule in merges.get(id_, [])])
            for id_, name, type_ in self.conn.execute(
                f"SELECT id, name, type FROM entities{where} ORDER BY id", params)
        ]

    def _events(self, ids: Sequence[str] | None = None,
                mentions_page: tuple[int, int] | None = None) -> list[Event]:
        where, params = self._where("event", ids)
        page, extra = self._page(mentions_page)
        mentions = self._grouped(
            'SELECT event, doc, start, "end", quote, modality, attributed_to, trigger_start, '
            f"trigger_end FROM event_mentions{where} ORDER BY event, seq{page}",
            [*params, *extra])
        parts = self._grouped(f"SELECT event, entity, role, place FROM participants{where} "
                              "ORDER BY event, seq", params)
        evidence = self._evidence("event", ids)
        aside = self._evidence("event", ids, table="set_aside")
        where, params = self._where("id", ids)
        out = []
        for row in self.conn.execute(
                "SELECT id, type, summary, status, date, date_earliest, date_latest, "
                f"date_basis, date_confidence FROM events{where} ORDER BY id", params):
            id_ = row[0]
            people = parts.get(id_, [])
            out.append(Event(
                id_, row[1], row[2], [(e, r) for e, r, place in people if not place],
                [e for e, _, place in people if place],
                _date_estimate(row[4:], evidence.get(id_, []), aside.get(id_, [])), row[3],
                [EventRef(*m) for m in mentions.get(id_, [])]))
        return out

    def _stories(self) -> list[Story]:
        docs = self._grouped("SELECT story, doc FROM story_documents ORDER BY story, seq")
        events = self._grouped("SELECT story, event FROM story_events ORDER BY story, seq")
        return [
            Story(id_, title, [d for (d,) in docs.get(id_, [])],
                  [e for (e,) in events.get(id_, [])], _day(lo), _day(hi))
            for id_, title, lo, hi in self.conn.execute(
                "SELECT id, title, earliest, latest FROM stories ORDER BY id")
        ]

    def _flags(self) -> list[Flag]:
        docs = self._grouped("SELECT flag, doc FROM flag_documents ORDER BY flag, seq")
        evidence = self._evidence("flag")
        return [
            Flag(id_, kind, severity, message, [d for (d,) in docs.get(id_, [])],
                 evidence.get(id_, []))
            for id_, kind, severity, message in self.conn.execute(
                "SELECT id, kind, severity, message FROM flags ORDER BY id")
        ]

    def _evidence(self, kind: str, owners: Sequence[str] | None = None,
                  table: str = "evidence") -> dict[str, list[Evidence]]:
        where, params = self._where("owner", owners)
        where = (where + " AND" if where else " WHERE") + " owner_kind = ?"
        rows = self._grouped(f'SELECT owner, doc, start, "end", quote, reason FROM {table}'
                             f"{where} ORDER BY owner, seq", [*params, kind])
        return {owner: [Evidence(d, s, e, q, r or "") for d, s, e, q, r in items]
                for owner, items in rows.items()}

    def _summaries(self) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
        lines = self._grouped(
            'SELECT story, date, text, doc, start, "end" FROM summaries ORDER BY story, seq')
        keys = {sid: key for sid, key in self.conn.execute(
            "SELECT id, summary_key FROM stories WHERE summary_key IS NOT NULL ORDER BY id")}
        out = {sid: [{"story": sid, "date": d, "text": t, "doc": doc, "start": a, "end": b}
                     for d, t, doc, a, b in lines.get(sid, [])] for sid in keys}
        return out, keys

    def summary_cache(self) -> dict[str, list[dict[str, Any]]]:
        """The stored story summaries by the key of their inputs (no other build output is
        read: a build needs only these to reuse them)."""
        lines, keys = self._summaries()
        return {key: lines[sid] for sid, key in keys.items() if key}

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
        ids = sorted({r[0] for r in self.conn.execute(
            "SELECT entity FROM aliases WHERE key = ? UNION SELECT id FROM entities "
            "WHERE lower(id) = ?", (needle, needle))})
        return [e for e in self._entities(ids) if needle == e.id.casefold()
                or any(needle == a.casefold() for a in e.aliases)] if ids else []

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "analyses", "entities", "events", "stories", "flags"):
            out[table] = int(
                self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            )
        return out

    # ------------------------------------------------------------------ reading pages
    # What the web app shows, a page at a time, straight from the indexed tables: the
    # whole build is never loaded. Rows come back as dicts of their columns.

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """One consistent view of the store for a page's several reads (a build that
        commits meanwhile is seen by the next page, never by half of this one)."""
        self.conn.begin_read()
        try:
            yield self
        except BaseException:
            with suppress(*database_errors()):
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[Json]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Json | None:
        rows = self._dicts(sql, params)
        return rows[0] if rows else None

    def _count(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self.conn.execute(sql, params).fetchone()[0])

    def _by(self, key: str, sql: str, ids: Sequence[str], params: Sequence[Any] = (),
            tail: str = "") -> dict[str, list[Json]]:
        """Rows of ``sql`` (which ends in ``IN``, then ``tail``) for each of ``ids``, grouped
        by ``key``."""
        out: dict[str, list[Json]] = {i: [] for i in ids}
        if ids:
            marks = ",".join("?" * len(ids))
            for row in self._dicts(f"{sql} ({marks}){tail}", [*params, *ids]):
                out.setdefault(row[key], []).append(row)
        return out

    def has_build(self) -> bool:
        return self.conn.execute("SELECT 1 FROM build_meta LIMIT 1").fetchone() is not None

    def story_list(self, limit: int, offset: int) -> tuple[int, list[Json]]:
        """Stories newest first (undated last), with their counts of articles, outlets and
        events."""
        rows = self._dicts(
            "SELECT s.id, s.title, s.earliest, s.latest, s.documents, s.events, "
            "(SELECT COUNT(DISTINCT d.outlet) FROM documents d WHERE d.story = s.id) AS outlets "
            "FROM stories s ORDER BY (s.latest IS NULL), s.latest DESC, s.id LIMIT ? OFFSET ?",
            (limit, offset))
        return self._count("SELECT COUNT(*) FROM stories"), rows

    def story(self, story_id: str) -> Json | None:
        return self._one(
            "SELECT s.id, s.title, s.earliest, s.latest, s.documents, s.events, "
            "(SELECT COUNT(DISTINCT d.outlet) FROM documents d WHERE d.story = s.id) AS outlets "
            "FROM stories s WHERE s.id = ?", (story_id,))

    def story_lines(self, story_ids: Sequence[str]) -> dict[str, list[Json]]:
        """Each story's "in brief" lines, in order."""
        return self._by("story", 'SELECT story, date, text, doc, start, "end" FROM summaries '
                        "WHERE story IN", story_ids, tail=" ORDER BY story, seq")

    def story_days(self, story_ids: Sequence[str]) -> dict[str, list[Json]]:
        """How many of each story's events start on each day (for a time strip)."""
        return self._by("story", "SELECT se.story, e.span_start AS day, COUNT(*) AS events "
                        "FROM story_events se JOIN events e ON e.id = se.event "
                        "WHERE e.span_start IS NOT NULL AND se.story IN", story_ids,
                        tail=" GROUP BY se.story, e.span_start")

    def story_facets(self, story_id: str) -> Json:
        """What a story's events can be filtered by, each value with its count of events (or
        of articles, for outlets), and the first and last day they span."""
        base = "FROM story_events se JOIN events e ON e.id = se.event WHERE se.story = ?"
        span = self.conn.execute(f"SELECT MIN(e.span_start), MAX(e.span_end) {base}",
                                 (story_id,)).fetchone()
        return {
            "types": self._dicts(f"SELECT e.type AS value, COUNT(*) AS n {base} "
                                 "GROUP BY e.type ORDER BY n DESC, e.type", (story_id,)),
            "statuses": self._dicts(f"SELECT e.status AS value, COUNT(*) AS n {base} "
                                    "GROUP BY e.status ORDER BY n DESC, e.status", (story_id,)),
            "entities": self._dicts(
                "SELECT p.entity AS value, en.name, COUNT(DISTINCT p.event) AS n "
                "FROM story_events se JOIN participants p ON p.event = se.event "
                "JOIN entities en ON en.id = p.entity WHERE se.story = ? "
                "AND (en.named IS NULL OR en.named = 1) GROUP BY p.entity, en.name "
                "ORDER BY n DESC, en.name LIMIT 60", (story_id,)),
            "outlets": self._dicts(
                "SELECT d.outlet AS value, COUNT(*) AS n FROM story_documents sd "
                "JOIN documents d ON d.id = sd.doc WHERE sd.story = ? AND d.outlet IS NOT NULL "
                "GROUP BY d.outlet ORDER BY n DESC, d.outlet", (story_id,)),
            "first": span[0], "last": span[1],
        }

    def event_list(self, *, story: str | None = None, type: str | None = None,
                   status: str | None = None, entity: str | None = None,
                   outlet: str | None = None, since: str | None = None,
                   until: str | None = None, limit: int = 50, offset: int = 0,
                   ) -> tuple[int, list[Json]]:
        """Events in date order (undated last) that pass every filter given: in ``story``,
        of ``type`` and ``status``, with ``entity`` taking part, told by ``outlet``, and
        whose span meets ``since``..``until`` (ISO days; an undated event then fails)."""
        joins, where, params = "", [], []
        if story is not None:
            joins = " JOIN story_events se ON se.event = e.id AND se.story = ?"
            params.append(story)
        for column, value in (("type", type), ("status", status)):
            if value is not None:
                where.append(f"e.{column} = ?")
                params.append(value)
        if entity is not None:
            where.append("e.id IN (SELECT event FROM participants WHERE entity = ?)")
            params.append(entity)
        if outlet is not None:
            where.append("e.id IN (SELECT m.event FROM event_mentions m JOIN documents d "
                         "ON d.id = m.doc WHERE d.outlet = ?)")
            params.append(outlet)
        if since is not None:
            where.append("e.span_end >= ?")
            params.append(since)
        if until is not None:
            where.append("e.span_start <= ?")
            params.append(until)
        sql = f"FROM events e{joins}" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self._dicts(
            "SELECT e.id, e.type, e.summary, e.status, e.date, e.date_earliest, e.date_latest, "
            f"e.date_basis, e.date_confidence, e.story, e.mentions, e.span_start, e.span_end {sql} "
            "ORDER BY (e.span_start IS NULL), e.span_start, e.id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return self._count(f"SELECT COUNT(*) {sql}", params), rows

    def event(self, event_id: str) -> Json | None:
        return self._one(
            "SELECT e.id, e.type, e.summary, e.status, e.date, e.date_earliest, e.date_latest, "
            "e.date_basis, e.date_confidence, e.story, e.mentions, e.span_start, e.span_end, "
            "s.title AS story_title FROM events e LEFT JOIN stories s ON s.id = e.story "
            "WHERE e.id = ?", (event_id,))

    _MENTION = ('m.event, m.seq, m.doc, m.start, m."end", m.quote, m.modality, '
                "m.attributed_to, m.trigger_start, m.trigger_end, d.title, d.outlet, d.date, "
                "d.written, d.source, a.name AS attributed_name, "
                "substr(t.text, 1, 160) AS opening")
    _MENTIONS = ("FROM event_mentions m LEFT JOIN documents d ON d.id = m.doc "
                 "LEFT JOIN articles t ON t.id = m.doc "
                 "LEFT JOIN entities a ON a.id = m.attributed_to")
    _TOLD = "(d.written IS NULL), d.written, m.seq"  # in the order the articles were written

    def event_mentions_of(self, event_ids: Sequence[str], first: int | None = None,
                          ) -> dict[str, list[Json]]:
        """The mentions of each event (its ``first`` ones when given) in the order their
        articles were written, with the article's title, outlet and date, and the name of
        whom each is attributed to when that is an entity."""
        out: dict[str, list[Json]] = {i: [] for i in event_ids}
        if not event_ids:
            return out
        marks = ",".join("?" * len(event_ids))
        # rank every mention by its article's date, then read the details of the first only
        ranked = (f"SELECT m.event AS e, m.seq AS s, ROW_NUMBER() OVER (PARTITION BY m.event "
                  f"ORDER BY {self._TOLD}) AS n FROM event_mentions m "
                  f"LEFT JOIN documents d ON d.id = m.doc WHERE m.event IN ({marks})")
        rows = self._dicts(
            f"SELECT {self._MENTION} FROM ({ranked}) k "
            "JOIN event_mentions m ON m.event = k.e AND m.seq = k.s "
            + self._MENTIONS.removeprefix("FROM event_mentions m ")
            + " WHERE k.n <= ? ORDER BY k.e, k.n",
            [*event_ids, first if first is not None else 1 << 62])
        for row in rows:
            out[row["event"]].append(row)
        return out

    def mention_counts(self, event_ids: Sequence[str]) -> dict[str, Json]:
        """For each event: its count of articles and the outlets that tell it."""
        out: dict[str, Json] = {i: {"documents": 0, "outlets": []} for i in event_ids}
        if not event_ids:
            return out
        marks = ",".join("?" * len(event_ids))
        for row in self._dicts(
                "SELECT m.event, d.outlet, COUNT(DISTINCT m.doc) AS documents "
                "FROM event_mentions m LEFT JOIN documents d ON d.id = m.doc "
                f"WHERE m.event IN ({marks}) GROUP BY m.event, d.outlet", list(event_ids)):
            out[row["event"]]["documents"] += row["documents"]
            if row["outlet"]:
                out[row["event"]]["outlets"].append(row["outlet"])
        return out

    def event_mention_page(self, event_id: str, limit: int, offset: int) -> list[Json]:
        """A page of an event's mentions, in the order their articles were written."""
        return self._dicts(f"SELECT {self._MENTION} {self._MENTIONS} WHERE m.event = ? "
                           f"ORDER BY {self._TOLD} LIMIT ? OFFSET ?", (event_id, limit, offset))

    def mention_sides(self, event_id: str) -> list[tuple[int, str, str, str | None]]:
        """Every mention of an event as ``(seq, doc, modality, outlet)``, in the order their
        articles were written: what comparing them by status needs (tuples: there may be
        thousands)."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT m.seq, m.doc, m.modality, d.outlet FROM event_mentions m "
            f"LEFT JOIN documents d ON d.id = m.doc WHERE m.event = ? ORDER BY {self._TOLD}",
            (event_id,))]

    def mention_quotes(self, event_id: str, first: int) -> list[Json]:
        """The quotes of an event's ``first`` mentions (by date written), with their article's
        outlet and date: what comparing them by date, numbers and places needs."""
        return self._dicts(
            'SELECT m.seq, m.doc, m.start, m."end", m.quote, m.modality, d.outlet, d.title, '
            "d.date FROM event_mentions m LEFT JOIN documents d ON d.id = m.doc "
            f"WHERE m.event = ? ORDER BY {self._TOLD} LIMIT ?", (event_id, first))

    def participants_of(self, event_ids: Sequence[str]) -> dict[str, list[Json]]:
        return self._by(
            "event", "SELECT p.event, p.entity, p.role, p.place, en.name, en.type "
            "FROM participants p LEFT JOIN entities en ON en.id = p.entity WHERE p.event IN",
            event_ids, tail=" ORDER BY p.event, p.seq")

    def evidence_of(self, kind: str, owners: Sequence[str], set_aside: bool = False,
                    ) -> dict[str, list[Json]]:
        """The evidence of each owner (or, with ``set_aside``, the clues its date set aside)."""
        table = "set_aside" if set_aside else "evidence"
        return self._by("owner", f'SELECT owner, doc, start, "end", quote, reason FROM {table} '
                        "WHERE owner_kind = ? AND owner IN", owners, (kind,),
                        tail=" ORDER BY owner, seq")

    def mention_context(self, event_id: str, seqs: Sequence[int]) -> Json:
        """What these mentions of an event (by ``seq``) say beyond their modality: the places
        named and the time expressions inside each quote."""
        if not seqs:
            return {"places": [], "times": []}
        marks = ",".join("?" * len(seqs))
        places = self._dicts(
            "SELECT m.seq, x.entity, en.name FROM event_mentions m JOIN entity_mentions x "
            'ON x.doc = m.doc AND x.start >= m.start AND x.start < m."end" AND x."end" <= m."end" '
            f"JOIN entities en ON en.id = x.entity WHERE m.event = ? AND m.seq IN ({marks}) "
            "AND en.type IN ('GPE', 'LOC', 'FAC') ORDER BY m.seq, x.start", (event_id, *seqs))
        times = self._dicts(
            'SELECT m.seq, t.start, t."end", t.text, t.type, t.value, t.earliest, t.latest '
            "FROM event_mentions m JOIN timexes t "
            'ON t.doc = m.doc AND t.start >= m.start AND t.start < m."end" AND t."end" <= m."end" '
            f"WHERE m.event = ? AND m.seq IN ({marks}) ORDER BY m.seq, t.start",
            (event_id, *seqs))
        return {"places": places, "times": times}

    def duplicate_pairs(self, event_id: str) -> list[tuple[str, str]]:
        """Pairs of the articles that tell an event which a ``duplicate`` flag joins."""
        rows = self._dicts(
            "SELECT fd.flag, fd.doc FROM flag_documents fd JOIN flags f ON f.id = fd.flag "
            "WHERE f.kind = 'duplicate' AND fd.flag IN (SELECT flag FROM flag_documents "
            "WHERE doc IN (SELECT doc FROM event_mentions WHERE event = ?)) "
            "ORDER BY fd.flag, fd.seq", (event_id,))
        by_flag: dict[str, list[str]] = {}
        for row in rows:
            by_flag.setdefault(row["flag"], []).append(row["doc"])
        return [(ds[0], d) for ds in by_flag.values() for d in ds[1:]]

    def entity(self, entity_id: str) -> Json | None:
        return self._one("SELECT id, name, type, named, mentions, documents, events "
                         "FROM entities WHERE id = ?", (entity_id,))

    def entity_alias_page(self, entity_id: str, limit: int, offset: int,
                          ) -> tuple[int, list[Json]]:
        """An entity's names, most mentioned first, a page at a time, and their count."""
        rows = self._dicts("SELECT alias, mentions FROM aliases WHERE entity = ? "
                           "ORDER BY mentions DESC, alias LIMIT ? OFFSET ?",
                           (entity_id, limit, offset))
        return self._count("SELECT COUNT(*) FROM aliases WHERE entity = ?", (entity_id,)), rows

    def entity_merges(self, entity_id: str, limit: int | None = None, offset: int = 0,
                      ) -> list[Json]:
        """The merges that made an entity, in the order they were made (a page of them when
        ``limit`` is given)."""
        page = " LIMIT ? OFFSET ?" if limit is not None else ""
        return self._dicts("SELECT left_form, right_form, rule FROM merges WHERE entity = ? "
                           f"ORDER BY seq{page}",
                           (entity_id, limit, offset) if limit is not None else (entity_id,))

    def count_merges(self, entity_id: str) -> int:
        return self._count("SELECT COUNT(*) FROM merges WHERE entity = ?", (entity_id,))

    def entity_events(self, entity_id: str, limit: int, offset: int) -> tuple[int, list[Json]]:
        """The events an entity takes part in (or is a place of), in date order."""
        return self.event_list(entity=entity_id, limit=limit, offset=offset)

    def entity_roles(self, entity_id: str, event_ids: Sequence[str]) -> dict[str, list[Json]]:
        return self._by("event", "SELECT event, role, place FROM participants "
                        "WHERE entity = ? AND event IN", event_ids, (entity_id,),
                        tail=" ORDER BY event, seq")

    def cooccurring(self, entity_id: str, limit: int = 20, among: int = 400) -> list[Json]:
        """Named entities found in the same articles, most shared articles first; for an
        entity in more than ``among`` articles, counted in the ``among`` that name it most."""
        return self._dicts(
            "SELECT c.entity AS id, en.name, en.type, c.n AS documents FROM ("
            "SELECT o.entity, COUNT(*) AS n FROM (SELECT doc FROM doc_entities WHERE entity = ? "
            "ORDER BY mentions DESC, doc LIMIT ?) mine JOIN doc_entities o ON o.doc = mine.doc "
            "WHERE o.entity != ? GROUP BY o.entity ORDER BY n DESC, o.entity LIMIT ?) c "
            "JOIN entities en ON en.id = c.entity WHERE en.named IS NULL OR en.named = 1 "
            "ORDER BY c.n DESC, en.name LIMIT ?", (entity_id, among, entity_id, limit * 5, limit))

    def entity_documents(self, entity_id: str, limit: int = 20) -> list[Json]:
        return self._dicts(
            "SELECT de.doc AS id, de.mentions, d.title, d.outlet, d.date, "
            "substr(t.text, 1, 160) AS opening FROM doc_entities de "
            "LEFT JOIN documents d ON d.id = de.doc LEFT JOIN articles t ON t.id = de.doc "
            "WHERE de.entity = ? "
            "ORDER BY de.mentions DESC, d.date, de.doc LIMIT ?", (entity_id, limit))

    def document(self, doc_id: str) -> Json | None:
        """An article with what the last build says of it, and its problem if its analysis
        failed; ``provenance`` as a dict (empty when none is known)."""
        row = self._one(
            "SELECT a.id, a.source, a.title, a.outlet, a.url, a.text, "
            "coalesce(a.author, d.author) AS author, coalesce(a.section, d.section) AS section, "
            "coalesce(a.provenance, d.provenance) AS provenance, d.date, d.date_earliest, "
            "d.date_latest, d.date_basis, d.date_confidence, d.story, s.title AS story_title, "
            "coalesce(f.stage, d.problem_stage) AS problem_stage, "
            "coalesce(f.reason, d.problem_reason) AS problem_reason, "
            "d.id IS NOT NULL AS built FROM articles a LEFT JOIN documents d ON d.id = a.id "
            "LEFT JOIN stories s ON s.id = d.story LEFT JOIN failures f ON f.doc = a.id "
            "WHERE a.id = ?", (doc_id,))
        if row is not None:
            row["provenance"] = stored_provenance(row["provenance"])
        return row

    def document_date(self, doc_id: str) -> DateEstimate | None:
        """The build's date of a document, with its evidence (None when unbuilt)."""
        row = self.conn.execute(
            "SELECT date, date_earliest, date_latest, date_basis, date_confidence FROM documents "
            "WHERE id = ? AND date_basis IS NOT NULL", (doc_id,)).fetchone()
        if row is None:
            return None
        evidence = self._evidence("document", [doc_id]).get(doc_id, [])
        try:
            return _date_estimate(row, evidence)
        except ValueError:  # a hostile timeline's dates are not dates
            return None

    def annotations(self, doc_id: str, span: tuple[int, int] | None = None) -> Json:
        """Everything the build found in one document, each with its offsets: entity
        mentions, event mentions, time expressions, evidence; and the flags on it. Given
        ``span`` (start, end), only what overlaps that part of the text."""
        where = "WHERE {x}doc = ?"
        params: list[Any] = [doc_id]
        if span is not None:
            where += ' AND {x}start < ? AND {x}"end" > ?'
            params += [span[1], span[0]]

        def w(alias: str = "") -> str:
            return where.format(x=alias)

        return {
            "mentions": self._dicts(
                'SELECT x.entity, x.start, x."end", x.text, x.kind, en.name, en.type '
                f"FROM entity_mentions x LEFT JOIN entities en ON en.id = x.entity {w('x.')} "
                "ORDER BY x.start", params),
            "events": self._dicts(
                'SELECT m.event, m.start, m."end", m.quote, m.modality, m.attributed_to, '
                "m.trigger_start, m.trigger_end, e.summary, e.type, e.status "
                f"FROM event_mentions m LEFT JOIN events e ON e.id = m.event {w('m.')} "
                "ORDER BY m.start", params),
            "timexes": self._dicts(
                'SELECT start, "end", text, type, value, earliest, latest FROM timexes '
                f"{w()} ORDER BY start", params),
            "evidence": self._dicts(
                'SELECT owner_kind, owner, doc, start, "end", quote, reason FROM evidence '
                f"{w()} ORDER BY start", params),
            "set_aside": self._dicts(
                'SELECT owner_kind, owner, doc, start, "end", quote, reason FROM set_aside '
                f"{w()} ORDER BY start", params),
            "flags": self._dicts(
                "SELECT f.id, f.kind, f.severity, f.message, f.documents FROM flag_documents fd "
                "JOIN flags f ON f.id = fd.flag WHERE fd.doc = ? ORDER BY f.id", (doc_id,)),
        }

    _SEVERITY = "CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"

    def flag_list(self, kind: str | None, severity: str | None, limit: int, offset: int,
                  ) -> tuple[int, list[Json]]:
        """Flags, errors first, filtered by ``kind`` and ``severity`` when given."""
        where, params = [], []
        for column, value in (("kind", kind), ("severity", severity)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "FROM flags" + (" WHERE " + " AND ".join(where) if where else "")
        rows = self._dicts(f"SELECT id, kind, severity, message, documents {sql} "
                           f"ORDER BY {self._SEVERITY}, kind, id LIMIT ? OFFSET ?",
                           [*params, limit, offset])
        return self._count(f"SELECT COUNT(*) {sql}", params), rows

    def flag_facets(self) -> Json:
        return {
            "kinds": self._dicts("SELECT kind AS value, COUNT(*) AS n FROM flags GROUP BY kind "
                                 "ORDER BY n DESC, kind"),
            "severities": self._dicts(f"SELECT severity AS value, COUNT(*) AS n FROM flags "
                                      f"GROUP BY severity ORDER BY MIN({self._SEVERITY}), "
                                      "severity"),
        }

    def flag_documents(self, flag_ids: Sequence[str]) -> dict[str, list[Json]]:
        return self._by("flag", "SELECT fd.flag, fd.doc, d.title, d.outlet, d.date, "
                        "substr(t.text, 1, 160) AS opening FROM flag_documents fd "
                        "LEFT JOIN documents d ON d.id = fd.doc "
                        "LEFT JOIN articles t ON t.id = fd.doc WHERE fd.flag IN", flag_ids,
                        tail=" ORDER BY fd.flag, fd.seq")

    def documents_titles(self, doc_ids: Sequence[str]) -> dict[str, Json]:
        """Title, outlet and date of each document (for links)."""
        rows = self._by("id", "SELECT a.id, a.title, a.outlet, d.date, substr(a.text, 1, 200) "
                        "AS opening FROM articles a LEFT JOIN documents d ON d.id = a.id "
                        "WHERE a.id IN", sorted(set(doc_ids)))
        return {k: v[0] for k, v in rows.items() if v}

    # ------------------------------------------------------------------ search

    HIT = ("\ue000", "\ue001")  # around each matched word in a snippet

    def search(self, query: str, limit: int = 20, offset: int = 0) -> Json:
        """Full-text search over the articles (title and text) and the entities' names.

        ``entities`` are the named entities with a name or alias matching the words (or,
        on SQLite, spelled like them: "Qaddafi" finds Gaddafi); ``documents`` are the
        articles that hold every word, or one of those entities' matching names, best
        first, each with its story and a snippet whose matched words sit between the
        two :attr:`HIT` characters. The words are taken as words, never as query syntax."""
        words = re.findall(r"\w+", query)[:12]
        if not words:
            return {"query": query, "total": 0, "documents": [], "entities": []}
        if self.conn.dialect == "sqlite":
            return self._search_sqlite(query, words, limit, offset)
        return self._search_postgres(query, words, limit, offset)

    def _variants(self, entities: list[Json], words: Sequence[str]) -> list[str]:
        """The names of the matched entities spelled like the query (to find the articles
        that write them otherwise)."""
        wanted = {skeleton(w) for w in words}
        out: list[str] = []
        for e in entities[:3]:
            for row in self.entity_alias_page(e["id"], 100, 0)[1]:  # its most used names
                alias = row["alias"]
                if (alias not in out and len(alias) > 2 and form_of(alias) == "name"
                        and wanted & {skeleton(w) for w in re.findall(r"\w+", alias)}):
                    out.append(alias)
        return out[:12]

    def _search_sqlite(self, query: str, words: list[str], limit: int, offset: int) -> Json:
        def phrase(text: str) -> str:
            return '"' + text.replace('"', '""') + '"'

        plain = " ".join(phrase(w) for w in words) + "*"
        sounds = " ".join(phrase(skeleton(w)) for w in words)
        entities = self._dicts(
            "SELECT n.entity AS id, e.name, e.type, e.mentions, e.documents FROM search_names n "
            "JOIN entities e ON e.id = n.entity WHERE search_names MATCH ? "
            "ORDER BY e.mentions DESC, e.name LIMIT 10",
            (f"({plain}) OR (skeletons : ({sounds}))",))
        match = " OR ".join([f"({plain})", *(phrase(v) for v in self._variants(entities, words))])
        total = self._count("SELECT COUNT(*) FROM search_documents WHERE search_documents MATCH ?",
                            (match,))
        open_, close = self.HIT
        docs = self._dicts(
            "SELECT s.doc AS id, d.title, d.outlet, d.date, d.story, st.title AS story_title, "
            "snippet(search_documents, 2, ?, ?, '…', 24) AS snippet, "
            "substr(s.text, 1, 160) AS opening "
            "FROM search_documents s LEFT JOIN documents d ON d.id = s.doc "
            "LEFT JOIN stories st ON st.id = d.story WHERE search_documents MATCH ? "
            "ORDER BY bm25(search_documents, 0.0, 5.0, 1.0), s.doc LIMIT ? OFFSET ?",
            (open_, close, match, limit, offset))
        return {"query": query, "total": total, "documents": docs, "entities": entities}

    def _search_postgres(self, query: str, words: list[str], limit: int, offset: int) -> Json:
        where = " AND ".join(["a.key LIKE ?"] * len(words))
        entities = self._dicts(
            "SELECT e.id, e.name, e.type, e.mentions, e.documents FROM entities e "
            f"WHERE (e.named IS NULL OR e.named = 1) AND e.id IN (SELECT a.entity FROM aliases a "
            f"WHERE {where}) ORDER BY e.mentions DESC, e.name LIMIT 10",
            [f"%{w.casefold()}%" for w in words])
        terms = " ".join(words) + "".join(
            ' or "' + v.replace('"', " ") + '"' for v in self._variants(entities, words))
        vector = "to_tsvector('simple', coalesce(a.title, '') || ' ' || a.text)"
        found = f"FROM articles a, websearch_to_tsquery('simple', ?) q WHERE {vector} @@ q"
        total = self._count(f"SELECT COUNT(*) {found}", (terms,))
        options = (f'StartSel="{self.HIT[0]}", StopSel="{self.HIT[1]}", MaxFragments=2, '
                   'MaxWords=24, MinWords=10, FragmentDelimiter=" … "')
        docs = self._dicts(
            "SELECT a.id, d.title, d.outlet, d.date, d.story, st.title AS story_title, "
            "ts_headline('simple', a.text, q, ?) AS snippet, substr(a.text, 1, 160) AS opening "
            "FROM articles a "
            "CROSS JOIN websearch_to_tsquery('simple', ?) q "
            "LEFT JOIN documents d ON d.id = a.id LEFT JOIN stories st ON st.id = d.story "
            f"WHERE {vector} @@ q ORDER BY ts_rank({vector}, q) DESC, a.id LIMIT ? OFFSET ?",
            (options, terms, limit, offset))
        return {"query": query, "total": total, "documents": docs, "entities": entities}

    def entity_object(self, entity_id: str, mentions: tuple[int, int] | None = None,
                      ) -> Entity | None:
        """One entity of the last build, as the timeline has it; with ``mentions`` (limit,
        offset), only that page of its mentions."""
        found = self._entities([entity_id], mentions)
        return found[0] if found else None

    def event_object(self, event_id: str, mentions: tuple[int, int] | None = None,
                     ) -> Event | None:
        """One event of the last build, as the timeline has it; with ``mentions`` (limit,
        offset), only that page of its mentions."""
        found = self._events([event_id], mentions)
        return found[0] if found else None


# ---------------------------------------------------------------------- the build as rows

Json = dict[str, Any]
Rows = dict[str, list[tuple[Any, ...]]]

# Every build table with its columns in insertion order (the DDL is migration 5). The
# ``seq`` columns keep each list in its order, so the build reads back exactly as saved.
BUILD_TABLES: dict[str, tuple[str, ...]] = {
    "documents": ("id", "source", "title", "outlet", "url", "date", "date_earliest",
                  "date_latest", "date_basis", "date_confidence", "story", "problem_stage",
                  "problem_reason", "written", "author", "section", "provenance"),
    "entities": ("id", "name", "type", "named", "mentions", "documents", "events"),
    "aliases": ("entity", "seq", "alias", "mentions", "key"),
    "merges": ("entity", "seq", "left_form", "right_form", "rule"),
    "entity_mentions": ("entity", "seq", "doc", "start", "end", "text", "kind"),
    "doc_entities": ("doc", "entity", "mentions"),
    "events": ("id", "type", "summary", "status", "date", "date_earliest", "date_latest",
               "date_basis", "date_confidence", "story", "mentions", "span_start", "span_end"),
    "event_mentions": ("event", "seq", "doc", "start", "end", "quote", "modality",
                       "attributed_to", "trigger_start", "trigger_end"),
    "participants": ("event", "seq", "entity", "role", "place"),
    "stories": ("id", "title", "earliest", "latest", "documents", "events", "summary_key"),
    "story_documents": ("story", "seq", "doc"),
    "story_events": ("story", "seq", "event"),
    "summaries": ("story", "seq", "date", "text", "doc", "start", "end"),
    "flags": ("id", "kind", "severity", "message", "documents"),
    "flag_documents": ("flag", "seq", "doc"),
    "evidence": ("owner_kind", "owner", "seq", "doc", "start", "end", "quote", "reason"),
    # the clues a date estimate set aside (DateEstimate.set_aside), each with why
    "set_aside": ("owner_kind", "owner", "seq", "doc", "start", "end", "quote", "reason"),
}
TIMEX_COLUMNS = ("doc", "seq", "start", "end", "text", "type", "value", "earliest", "latest")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def build_rows(documents: Iterable[Json], entities: Iterable[Json], events: Iterable[Json],
               stories: Iterable[Json], flags: Iterable[Json],
               summaries: dict[str, list[Json]] | None = None,
               summary_keys: dict[str, str] | None = None) -> Rows:
    """The rows of every build table (and of the names search index, ``search_names``) for
    the timeline objects given as the dicts of SPEC.md; documents need no ``text``.

    The columns are those of ``newsline export --format parquet`` (``export/tables.py``)
    plus ``seq`` (list order) and a few more for the queries the web app makes. What a
    hostile or partial timeline holds is written as text, never trusted."""
    out: Rows = {name: [] for name in BUILD_TABLES}
    out["search_names"] = []
    stories = [s for s in stories if isinstance(s, dict)]
    story_of_doc = {_txt(d): _txt(s.get("id")) for s in stories for d in _items(s.get("documents"))}
    story_of_event = {_txt(e): _txt(s.get("id")) for s in stories for e in _items(s.get("events"))}
    for d in documents:
        date, problem = _obj(d.get("date")), _obj(d.get("problem"))
        out["documents"].append((
            _txt(d.get("id")), _txt(d.get("source")), _txt(d.get("title")), _txt(d.get("outlet")),
            _txt(d.get("url")), *_date_columns(date), story_of_doc.get(_txt(d.get("id"))),
            _txt(problem.get("stage")), _txt(problem.get("reason")), _written(date),
            _txt(d.get("author")), _txt(d.get("section")), _provenance_text(d.get("provenance"))))
        out["evidence"] += _evidence_rows("document", _txt(d.get("id")), date.get("evidence"))
        out["set_aside"] += _evidence_rows("document", _txt(d.get("id")), date.get("set_aside"))
    events_of: dict[str, set[str]] = {}
    for ev in events:
        id_, date = _txt(ev.get("id")), _obj(ev.get("date"))
        mentions = [_obj(m) for m in _items(ev.get("mentions"))]
        out["events"].append((
            id_, _txt(ev.get("type")) or "", _txt(ev.get("summary")) or "",
            _txt(ev.get("status")) or "unknown", *_date_columns(date), story_of_event.get(id_),
            len(mentions), *_span(date)))
        out["event_mentions"] += [
            (id_, i, _txt(m.get("doc")) or "", _int(m.get("start")), _int(m.get("end")),
             _txt(m.get("quote")) or "", _txt(m.get("modality")) or "",
             _txt(m.get("attributed_to")), _int(m.get("trigger_start"), None),
             _int(m.get("trigger_end"), None)) for i, m in enumerate(mentions)]
        people = [(_txt(_obj(p).get("entity")) or "", _txt(_obj(p).get("role")) or "", 0)
                  for p in _items(ev.get("participants"))]
        people += [(_txt(p) or "", "place", 1) for p in _items(ev.get("places"))]
        out["participants"] += [(id_, i, *p) for i, p in enumerate(people)]
        for entity, _, _ in people:
            events_of.setdefault(entity, set()).add(id_ or "")
        out["evidence"] += _evidence_rows("event", id_, date.get("evidence"))
        out["set_aside"] += _evidence_rows("event", id_, date.get("set_aside"))
    for e in entities:
        id_ = _txt(e.get("id"))
        mentions = [_obj(m) for m in _items(e.get("mentions"))]
        texts = Counter(_txt(m.get("text")) for m in mentions)
        docs = Counter(_txt(m.get("doc")) for m in mentions)
        named = e.get("named")
        aliases = [_txt(a) or "" for a in _items(e.get("aliases"))]
        out["entities"].append((
            id_, _txt(e.get("name")) or "", _txt(e.get("type")) or "",
            None if named is None else int(bool(named)), len(mentions), len(docs),
            len(events_of.get(id_ or "", ()))))
        out["aliases"] += [(id_, i, a, texts.get(a, 0), a.casefold())
                           for i, a in enumerate(aliases)]
        merges = [_obj(m) for m in _items(e.get("merges"))]
        out["merges"] += [(id_, i, _txt(m.get("left")), _txt(m.get("right")), _txt(m.get("rule")))
                          for i, m in enumerate(merges)]
        out["entity_mentions"] += [
            (id_, i, _txt(m.get("doc")) or "", _int(m.get("start")), _int(m.get("end")),
             _txt(m.get("text")) or "", _txt(m.get("kind")) or "name")
            for i, m in enumerate(mentions)]
        out["doc_entities"] += [(doc, id_, n) for doc, n in sorted(docs.items())]
        if named is not False:  # found by its names, not by "he" or "the company"
            names = [a for a in aliases if form_of(a) == "name"]
            out["search_names"].append((
                id_, _txt(e.get("name")) or "", " ; ".join(names),
                " ; ".join(" ".join(skeleton(w) for w in re.findall(r"\w+", a)) for a in names)))
    for st in stories:
        id_ = _txt(st.get("id"))
        members, evs = _items(st.get("documents")), _items(st.get("events"))
        key = (summary_keys or {}).get(id_ or "")
        if key is None and summaries and id_ in summaries:
            key = ""
        out["stories"].append((id_, _txt(st.get("title")) or "", _txt(st.get("earliest")),
                               _txt(st.get("latest")), len(members), len(evs), key))
        out["story_documents"] += [(id_, i, _txt(d)) for i, d in enumerate(members)]
        out["story_events"] += [(id_, i, _txt(e)) for i, e in enumerate(evs)]
        out["summaries"] += [
            (id_, i, _txt(ln.get("date")), _txt(ln.get("text")) or "", _txt(ln.get("doc")),
             _int(ln.get("start"), None), _int(ln.get("end"), None))
            for i, ln in enumerate(_obj(x) for x in (summaries or {}).get(id_ or "", []))]
    for f in flags:
        id_ = _txt(f.get("id"))
        flagged = _items(f.get("documents"))
        out["flags"].append((id_, _txt(f.get("kind")) or "", _txt(f.get("severity")) or "",
                             _txt(f.get("message")) or "", len(flagged)))
        out["flag_documents"] += [(id_, i, _txt(d)) for i, d in enumerate(flagged)]
        out["evidence"] += _evidence_rows("flag", id_, f.get("evidence"))
    return out


def _evidence_rows(kind: str, owner: str | None, evidence: object) -> list[tuple[Any, ...]]:
    return [(kind, owner, i, _txt(e.get("doc")) or "", _int(e.get("start")), _int(e.get("end")),
             _txt(e.get("quote")) or "", _txt(e.get("reason")))
            for i, e in enumerate(_obj(x) for x in _items(evidence))]


def _date_columns(date: Json) -> tuple[Any, ...]:
    confidence = date.get("confidence")
    return (_txt(date.get("value")), _txt(date.get("earliest")), _txt(date.get("latest")),
            _txt(date.get("basis")),
            float(confidence) if isinstance(confidence, int | float) else None)


def _date_estimate(row: Sequence[Any], evidence: list[Evidence],
                   set_aside: list[Evidence] | None = None) -> DateEstimate:
    value, lo, hi, basis, confidence = row
    return DateEstimate(value, _day(lo), _day(hi), basis or "unknown", float(confidence or 0.0),
                        evidence, list(set_aside or []))


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _bound(value: object, end: bool) -> dt.date | None:
    m = _DATE.match(value) if isinstance(value, str) else None
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            first = dt.date(year, int(month), 1)
            return ((first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
                    if end else first)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        return None


def _span(date: Json) -> tuple[str | None, str | None]:
    """The first and last day an event's date allows (ISO), from its bounds or its value:
    what the web app sorts and filters events by."""
    value = date.get("value")
    lo = _bound(date.get("earliest"), False) or _bound(value, False)
    hi = _bound(date.get("latest"), True) or _bound(value, True)
    lo, hi = lo or hi, hi or lo
    if lo is None or hi is None:
        return None, None
    return min(lo, hi).isoformat(), max(lo, hi).isoformat()


def _written(date: Json) -> str | None:
    """The day a document was written (ISO), for ordering: its date when that is a day,
    else the middle of its bounds, else the one bound it has."""
    value = _bound(date.get("value"), False)
    if value and isinstance(date.get("value"), str) and len(date["value"]) == 10:
        return value.isoformat()
    lo, hi = _bound(date.get("earliest"), False), _bound(date.get("latest"), True)
    if lo and hi:
        return (lo + (hi - lo) / 2).isoformat()
    one = lo or hi or value
    return one.isoformat() if one else None


def _timex_rows(doc: str, timexes: Iterable[Timex]) -> list[tuple[Any, ...]]:
    return [(doc, i, t.start, t.end, t.text, t.type, t.value,
             t.earliest.isoformat() if t.earliest else None,
             t.latest.isoformat() if t.latest else None) for i, t in enumerate(timexes)]


def stored_provenance(text: str | None) -> Json:
    """A stored provenance (JSON text) as a dict: empty when NULL or unreadable."""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _provenance_text(value: object) -> str | None:
    """A document's provenance as stored: compact JSON text of a non-empty object, else NULL
    (what ``export --format parquet`` writes in its ``provenance`` column too)."""
    return _dumps(value) if isinstance(value, dict) and value else None


def _txt(value: object) -> str | None:
    return None if value is None else value if isinstance(value, str) else str(value)


def _int(value: object, default: int | None = 0) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _items(value: object) -> list[Any]:
    return [v for v in value if v is not None] if isinstance(value, list) else []


def _obj(value: object) -> Json:
    return value if isinstance(value, dict) else {}


# ------------------------------------------------------------ carrying data over a migration


def _legacy_build(store: Store) -> tuple[Corpus, bool] | None:
    """Before migration 5: the build as migration 1 stored it (JSON blobs), or None when it
    cannot be read (it is then dropped and the next ``newsline build`` makes it again)."""
    conn = store.conn
    try:
        c = Corpus()
        c.entities = [Entity.from_dict(json.loads(d))
                      for (d,) in conn.execute("SELECT data FROM entities ORDER BY id")]
        c.events = [Event.from_dict(json.loads(d))
                    for (d,) in conn.execute("SELECT data FROM events ORDER BY id")]
        c.stories = [Story.from_dict(json.loads(d))
                     for (d,) in conn.execute("SELECT data FROM stories ORDER BY id")]
        c.flags = [Flag.from_dict(json.loads(d))
                   for (d,) in conn.execute("SELECT data FROM flags ORDER BY id")]
        c.doc_dates = {doc: DateEstimate.from_dict(json.loads(d))
                       for doc, d in conn.execute("SELECT doc, data FROM doc_dates")}
        for sid, key, d in conn.execute("SELECT story, key, data FROM summaries"):
            c.summaries[sid] = json.loads(d)
            c.summary_keys[sid] = key
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return c, bool(c.entities or c.events or c.stories or c.flags or c.doc_dates)


def _carry_build(store: Store, carried: object) -> None:
    """After migration 5: the old build written into the new tables, and every stored
    analysis's time expressions into ``timexes``."""
    if carried is None:
        store.conn.execute("DELETE FROM build_meta")  # unreadable: the next build redoes it
    elif isinstance(carried, tuple) and carried[1]:
        store._write_build(carried[0])
    for doc, data in store.conn.execute("SELECT doc, data FROM analyses").fetchall():
        try:
            timexes = [Timex.from_dict(t) for t in json.loads(data).get("timexes", [])]
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
        store.conn.insert("timexes", TIMEX_COLUMNS, _timex_rows(doc, timexes))


_CARRY: dict[int, tuple[Callable[[Store], object] | None, Callable[[Store, object], None] | None]]
_CARRY = {5: (_legacy_build, _carry_build)}
