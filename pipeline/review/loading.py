"""Loading a results file into the review database: documents and statements, in one transaction.

A statement is identified by its document's content (sha256) and its index,
so reloading updates predictions and never duplicates statements or touches
decisions. Each load is recorded with the file's fingerprint: a file loaded
before whose documents no later load touched is not read again, so the
server can reload its files at every start.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from ..report.load import METADATA_FIELDS, manifest_path
from ..schema import LABELS
from .database import SCORE_COLUMNS, ReviewDatabase
from .results import read_statements
from .timestamps import now_utc


class LoadSummary(NamedTuple):
    """What :meth:`ReviewStore.load` did, for the CLI to print.

    ``added``: statements new to the store; ``updated``: statements already
    there, whose predictions are now this file's. ``unchanged``: this very
    content was loaded before and no later load touched its documents, so
    the file was not read again (every statement counts as ``updated``).
    """

    results_file: str
    documents: int
    statements: int
    added: int
    updated: int
    unchanged: bool = False


def _uncertainty(is_need: bool, scores: Mapping[str, float]) -> float | None:
    """How close to 0.5 the least sure label that matters is (smaller = less sure).

    Categories, activity and timeline only matter once a statement is a need,
    so for a non-need only is_need counts.
    """
    labels = LABELS if is_need else ("is_need",)
    margins = [abs(scores[label] - 0.5) for label in labels if label in scores]
    return min(margins) if margins else None


def _flat(items: Iterable[str]) -> str:
    """``;a;b;`` so that ``LIKE '%;a;%'`` finds one label exactly."""
    items = list(items)
    return ";" + ";".join(items) + ";" if items else ""


def file_sha256(path: Path) -> str | None:
    """The file's SHA-256 (read in chunks), ``None`` when it cannot be read: a document's identity."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _resolve_document(doc: str, results: Path) -> Path:
    """The document's absolute path: as tagged (relative to here), else beside the results file."""
    given = Path(doc).expanduser()
    candidates = [given] if given.is_absolute() else [Path.cwd() / given, results.parent / given]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    return candidates[0].resolve()


def _statement_values(statement: Mapping, document_id: int, results_file: str, now: str) -> dict:
    """The statements-table row for one read statement."""
    predicted = statement["predicted"]
    scores = statement["scores"]
    return {
        "document_id": document_id,
        "idx": statement["index"],
        "record_id": statement["record_id"],
        "page": statement["page"],
        "kind": statement["kind"],
        "char_start": statement["char_start"],
        "char_end": statement["char_end"],
        "bbox": json.dumps(statement["bbox"]) if statement["bbox"] else None,
        "lead_in": statement["lead_in"],
        "text": statement["text"],
        "lang": statement["lang"],
        **{name: statement[name] for name in METADATA_FIELDS},
        "is_need": int(predicted["is_need"]),
        "needs": json.dumps(predicted["needs"]),
        "has_activity": int(predicted["has_activity"]),
        "has_timeline": int(predicted["has_timeline"]),
        "generic": int(predicted["generic"]),
        "reasons": json.dumps(predicted["reasons"]),
        "needs_flat": _flat(predicted["needs"]),
        "reasons_flat": _flat(predicted["reasons"]),
        **{column: scores.get(label) for label, column in SCORE_COLUMNS.items()},
        "evidence": json.dumps(statement["evidence"], ensure_ascii=False),
        "uncertainty": _uncertainty(predicted["is_need"], scores),
        "results_file": results_file,
        "loaded_at": now,
    }


def _fingerprint(results: Path) -> str | None:
    """The results file's and its manifest's content, hashed: same fingerprint, same load."""
    first = file_sha256(results)
    if first is None:
        return None
    manifest = manifest_path(results)
    second = file_sha256(manifest) if manifest.is_file() else ""
    return f"{first}:{second or ''}"



def _upsert_document(db: sqlite3.Connection, doc: str, meta: Mapping, results: Path, now: str) -> int:
    """The document's id, added or updated; a path that still works is kept over one that no longer does."""
    resolved = _resolve_document(doc, results)
    sha = meta.get("sha256") or file_sha256(resolved) or hashlib.sha256(f"doc:{doc}".encode()).hexdigest()
    values = {"sha256": sha, "doc": doc, "path": str(resolved), "status": meta.get("status"),
              "results_file": str(results), "loaded_at": now,
              **{name: meta.get(name) for name in METADATA_FIELDS}}
    row = db.execute("SELECT id, path FROM documents WHERE sha256 = ?", (sha,)).fetchone()
    if row is None:
        names = ", ".join(values)
        return db.execute(f"INSERT INTO documents ({names}) VALUES ({', '.join(':' + n for n in values)})",
                          values).lastrowid
    if not resolved.is_file() and Path(row["path"]).is_file():
        values["path"] = row["path"]  # keep a path that still works over one that does not
    for name in METADATA_FIELDS:
        if values[name] is None:
            values.pop(name)
    assignments = ", ".join(f"{name} = :{name}" for name in values)
    db.execute(f"UPDATE documents SET {assignments} WHERE id = :id", {**values, "id": row["id"]})
    return row["id"]


class ResultsLoading(ReviewDatabase):
    """The store's loading side (see :mod:`pipeline.review.store` for the contract)."""

    def load(self, results_path: str | Path) -> LoadSummary:
        """Import a results file (and its manifest) in one transaction; see :mod:`pipeline.review.store`.

        A file whose content (and manifest) was loaded before, and whose
        documents no later load has touched, is not read again: the server
        reloads its files at every start, and that must stay quick.
        """
        path = Path(results_path).expanduser().resolve()
        fingerprint = _fingerprint(path)
        unchanged = self._unchanged_load(path, fingerprint)
        if unchanged is not None:
            return unchanged
        statements, manifest = read_statements(path)
        now = now_utc()
        documents: dict[str, int] = {}
        added = updated = 0
        with self._write() as db:
            load_id = db.execute(
                "INSERT INTO loads (results_file, fingerprint, at, statements, added, updated) "
                "VALUES (?, ?, ?, ?, 0, 0)",
                (str(path), fingerprint, now, len(statements))).lastrowid
            existing: dict[tuple[int, int], int] = {}
            inserts: list[dict] = []
            updates: list[dict] = []
            for statement in statements:
                doc = statement["doc"]
                if doc not in documents:
                    documents[doc] = document_id = _upsert_document(db, doc, manifest.get(doc, {}), path, now)
                    db.execute("INSERT OR IGNORE INTO load_documents (load_id, document_id) VALUES (?, ?)",
                               (load_id, document_id))
                    existing.update(((document_id, row[0]), row[1]) for row in db.execute(
                        "SELECT idx, id FROM statements WHERE document_id = ?", (document_id,)))
                document_id = documents[doc]
                meta = manifest.get(doc, {})
                for name in METADATA_FIELDS:
                    statement[name] = statement[name] or meta.get(name)
                values = _statement_values(statement, document_id, str(path), now)
                known = existing.get((document_id, statement["index"]))
                if known is None:
                    inserts.append(values)
                    existing[(document_id, statement["index"])] = -1  # a repeated line updates, not duplicates
                    added += 1
                else:
                    updates.append(values)
                    updated += 1
            if inserts:
                names = list(inserts[0])
                placeholders = ", ".join(":" + n for n in names)
                db.executemany(f"INSERT INTO statements ({', '.join(names)}) VALUES ({placeholders})", inserts)
            if updates:
                names = [n for n in updates[0] if n not in ("document_id", "idx")]
                db.executemany(f"UPDATE statements SET {', '.join(f'{n} = :{n}' for n in names)} "
                               "WHERE document_id = :document_id AND idx = :idx", updates)
            db.execute("UPDATE loads SET added = ?, updated = ? WHERE id = ?", (added, updated, load_id))
        return LoadSummary(str(path), len(documents), len(statements), added, updated)

    def _unchanged_load(self, path: Path, fingerprint: str | None) -> LoadSummary | None:
        """The summary of the last load of this very content, if no later load touched its documents."""
        previous = self._db.execute("SELECT * FROM loads WHERE fingerprint = ? ORDER BY id DESC LIMIT 1",
                                    (fingerprint,)).fetchone() if fingerprint else None
        if previous is None or self._db.execute(
                """SELECT 1 FROM load_documents a JOIN load_documents b ON b.document_id = a.document_id
                   WHERE a.load_id = ? AND b.load_id > a.load_id LIMIT 1""", (previous["id"],)).fetchone():
            return None
        documents = self._db.execute("SELECT count(*) FROM load_documents WHERE load_id = ?",
                                     (previous["id"],)).fetchone()[0]
        return LoadSummary(str(path), documents, previous["statements"], 0, previous["statements"], True)
