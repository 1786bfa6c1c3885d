"""The review database itself: opening it, its schema and migrations, connections and transactions.

Why SQLite: it is embedded (nothing to install or run), one file is the whole
review, and with WAL, ``synchronous=FULL`` and one transaction per write a
server killed mid-write loses at most the write in flight, never a committed
decision. The schema is versioned with ``PRAGMA user_version``.

:class:`ReviewDatabase` is the base the store's parts build on: they read
through ``_db`` (this thread's connection) and write inside ``_write()``.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ..schema import LABELS
from .errors import ReviewError

#: Bump when the schema changes; older databases are migrated on open.
SCHEMA_VERSION = 1
#: The statements-table column that holds each label's model score.
SCORE_COLUMNS: dict[str, str] = {label: f"s_{label}" for label in LABELS}

_SCHEMA = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        doc TEXT NOT NULL,
        path TEXT NOT NULL,
        party TEXT, convention TEXT, year TEXT, symbol TEXT,
        status TEXT,
        results_file TEXT NOT NULL,
        loaded_at TEXT NOT NULL
    )""",
    f"""CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        idx INTEGER NOT NULL,
        record_id TEXT NOT NULL,
        page INTEGER, kind TEXT, char_start INTEGER, char_end INTEGER, bbox TEXT,
        lead_in TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        lang TEXT,
        party TEXT, convention TEXT, year TEXT, symbol TEXT,
        is_need INTEGER NOT NULL, needs TEXT NOT NULL, has_activity INTEGER NOT NULL,
        has_timeline INTEGER NOT NULL, generic INTEGER NOT NULL, reasons TEXT NOT NULL,
        needs_flat TEXT NOT NULL, reasons_flat TEXT NOT NULL,
        {", ".join(f"{column} REAL" for column in SCORE_COLUMNS.values())},
        evidence TEXT NOT NULL,
        uncertainty REAL,
        results_file TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        UNIQUE (document_id, idx)
    )""",
    "CREATE INDEX statements_party ON statements(party)",
    "CREATE INDEX statements_lang ON statements(lang)",
    """CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        statement_id INTEGER NOT NULL REFERENCES statements(id),
        reviewer TEXT NOT NULL CHECK (reviewer <> ''),
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        batch INTEGER,
        is_need INTEGER NOT NULL, needs TEXT NOT NULL, has_activity INTEGER NOT NULL,
        has_timeline INTEGER NOT NULL, generic INTEGER NOT NULL, reasons TEXT NOT NULL,
        undone_at TEXT
    )""",
    "CREATE INDEX decisions_statement ON decisions(statement_id, at, id)",
    "CREATE INDEX decisions_reviewer ON decisions(reviewer, id)",
    """CREATE TABLE loads (
        id INTEGER PRIMARY KEY,
        results_file TEXT NOT NULL,
        fingerprint TEXT,
        at TEXT NOT NULL,
        statements INTEGER NOT NULL,
        added INTEGER NOT NULL,
        updated INTEGER NOT NULL
    )""",
    "CREATE INDEX loads_fingerprint ON loads(fingerprint)",
    """CREATE TABLE load_documents (
        load_id INTEGER NOT NULL REFERENCES loads(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        PRIMARY KEY (load_id, document_id)
    )""",
    "CREATE INDEX load_documents_document ON load_documents(document_id, load_id)",
]

_FTS_SCHEMA = [
    """CREATE VIRTUAL TABLE statements_fts USING fts5(
        text, lead_in, content='statements', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, text, lead_in) VALUES (new.id, new.text, new.lead_in); END""",
    """CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, text, lead_in) VALUES ('delete', old.id, old.text, old.lead_in); END""",
    """CREATE TRIGGER statements_fts_update AFTER UPDATE OF text, lead_in ON statements
        WHEN old.text IS NOT new.text OR old.lead_in IS NOT new.lead_in BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, text, lead_in) VALUES ('delete', old.id, old.text, old.lead_in);
        INSERT INTO statements_fts(rowid, text, lead_in) VALUES (new.id, new.text, new.lead_in); END""",
]


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (some builds do not; search then falls back to LIKE)."""
    try:
        connection = sqlite3.connect(":memory:")
        try:
            connection.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        finally:
            connection.close()
        return True
    except sqlite3.Error:
        return False


class ReviewDatabase:
    """One review's SQLite file: created or migrated on open, one connection per thread, atomic writes."""

    def __init__(self, path: str | Path, *, fts: bool | None = None, timeout: float = 30.0) -> None:
        """Open or create the store at ``path``.

        ``fts=False`` forces the LIKE search (tests use it); ``None`` uses FTS5
        when this SQLite has it. ``timeout`` is how long a write waits for
        another writer (the app's threads, a CLI import) before failing.
        """
        self.path = Path(path)
        self._timeout = timeout
        self._local = threading.local()
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        self._lock = threading.Lock()
        if self.path.is_dir():
            raise ReviewError(f"{self.path}: is a folder, not a review database")
        if self.path.parent and not self.path.parent.exists():
            raise ReviewError(f"{self.path}: folder {self.path.parent} does not exist")
        self._want_fts = fts5_available() if fts is None else fts and fts5_available()
        self._migrate()
        self.fts = bool(self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'statements_fts'").fetchone())

    # ---- connections and transactions

    @property
    def _db(self) -> sqlite3.Connection:
        """This thread's connection (sqlite3 connections must not cross threads)."""
        connection = getattr(self._local, "connection", None)
        if connection is None:
            try:
                connection = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None,
                                             check_same_thread=False)
                connection.row_factory = sqlite3.Row
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA foreign_keys = ON")
                connection.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s,
                                           deterministic=True)
            except sqlite3.DatabaseError as error:
                raise ReviewError(f"{self.path}: not a review database ({error})") from error
            self._local.connection = connection
            with self._lock:
                # a threaded server runs each request in a new thread: close what finished threads left
                for thread in [t for t in self._connections if not t.is_alive()]:
                    try:
                        self._connections.pop(thread).close()
                    except sqlite3.Error:
                        pass
                self._connections[threading.current_thread()] = connection
        return connection

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it (a kill mid-write loses only it)."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise ReviewError(f"{self.path}: the database is busy or read-only ({error})") from error
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        else:
            db.execute("COMMIT")

    def _migrate(self) -> None:
        """Create the schema in a new file; refuse a file that is not, or is a newer, review database."""
        try:
            with self._write() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise ReviewError(f"{self.path}: made by a newer capneeds (schema {version} > {SCHEMA_VERSION})")
                if version == 0:
                    tables = db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
                    if tables:
                        raise ReviewError(f"{self.path}: an SQLite database, but not a capneeds review database")
                    for statement in _SCHEMA + (_FTS_SCHEMA if self._want_fts else []):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            raise ReviewError(f"{self.path}: not a review database ({error})") from error

    def close(self) -> None:
        """Close every thread's connection (the WAL is checkpointed by the last one)."""
        with self._lock:
            for connection in self._connections.values():
                try:
                    connection.close()
                except sqlite3.Error:
                    pass
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
