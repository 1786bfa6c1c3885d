"""Reviewer decisions: recording, toggling, bulk decisions, undo, and what exports and agreement read.

Every write is one transaction, and a decision is never deleted: undo only
stamps ``undone_at``, so the history shows everything a reviewer did.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping

from ..schema import CATEGORIES
from .agreement import agreement_by_label
from .database import ReviewDatabase
from .errors import ReviewError, UnknownStatement
from .filters import Filters, where_clause
from .labels import complete_labels
from .rows import ORDER_SQL, SELECT_STATEMENTS, decision_dict, labels_from_row, statement_dict
from .timestamps import normalize_timestamp, now_utc

#: What :meth:`Decisions.toggle` can flip.
TOGGLES: tuple[str, ...] = ("is_need", *CATEGORIES, "has_activity", "has_timeline")
#: Longest reviewer name accepted: names are shown in every history row and menu.
MAX_REVIEWER_LENGTH = 100


def reviewer_name(reviewer: object) -> str:
    """The reviewer's name with white space collapsed, so "Ana  Lima" and "Ana Lima" are one reviewer.

    Raises :class:`ReviewError` when it is empty or longer than :data:`MAX_REVIEWER_LENGTH`.
    """
    name = " ".join(str(reviewer or "").split())
    if not name:
        raise ReviewError("a reviewer name is required")
    if len(name) > MAX_REVIEWER_LENGTH:
        raise ReviewError(f"a reviewer name has at most {MAX_REVIEWER_LENGTH} characters")
    return name


def _statement_id(statement_id: object) -> int:
    """The id as an int; an id that is not a number names no statement (the app answers 404)."""
    try:
        return int(statement_id)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise UnknownStatement(f"no statement {statement_id!r}") from None


def _current_labels(db: sqlite3.Connection, statement_id: int) -> dict:
    """The labels a change starts from: the current decision's, else the prediction."""
    row = db.execute(f"{SELECT_STATEMENTS} WHERE s.id = ?", (statement_id,)).fetchone()
    if row is None:
        raise UnknownStatement(f"no statement {statement_id}")
    return statement_dict(row)["labels"]


def _insert_decision(db: sqlite3.Connection, statement_id: int, reviewer: str, labels: dict,
                     action: str, at: str | None = None, batch: int | None = None) -> int:
    """Add one decision row inside the caller's transaction; returns its id."""
    return db.execute(
        """INSERT INTO decisions (statement_id, reviewer, at, action, batch, is_need, needs, has_activity,
           has_timeline, generic, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (statement_id, reviewer, at or now_utc(), action, batch, int(labels["is_need"]),
         json.dumps(labels["needs"]), int(labels["has_activity"]), int(labels["has_timeline"]),
         int(labels["generic"]), json.dumps(labels["reasons"]))).lastrowid


class Decisions(ReviewDatabase):
    """The store's decision side (see :mod:`pipeline.review.store` for the contract)."""

    def decide(self, statement_id: int, reviewer: str, labels: Mapping[str, object] | str) -> int:
        """Record one reviewer's decision on one statement, in its own transaction; returns its id."""
        name = reviewer_name(reviewer)
        statement_id = _statement_id(statement_id)
        with self._write() as db:
            full = complete_labels(labels, _current_labels(db, statement_id))
            return _insert_decision(db, statement_id, name, full, "accept" if labels == "accept" else "correct")

    def toggle(self, statement_id: int, reviewer: str, label: str) -> int:
        """Flip one label of the current labels (a keyboard shortcut); returns the decision id."""
        if label not in TOGGLES:
            raise ReviewError(f"unknown label '{label}' (expected {', '.join(TOGGLES)})")
        name = reviewer_name(reviewer)
        statement_id = _statement_id(statement_id)
        with self._write() as db:
            current = _current_labels(db, statement_id)
            if label in CATEGORIES:
                needs = set(current["needs"]) ^ {label}
                change: dict = {"needs": [c for c in CATEGORIES if c in needs]}
                if label in needs:
                    change["is_need"] = True
            else:
                change = {label: not current[label]}
                if label != "is_need" and change[label]:
                    change["is_need"] = True
            full = complete_labels(change, current)
            return _insert_decision(db, statement_id, name, full, "correct")

    def bulk(self, filters: Filters | None, reviewer: str, labels: Mapping[str, object] | str) -> int:
        """One decision for every statement of the filtered set, all in one transaction; returns how many."""
        name = reviewer_name(reviewer)
        if isinstance(labels, str):
            complete_labels(labels)  # reject anything but "accept" before touching the db
        where, params = where_clause(filters, self.fts)
        with self._write() as db:
            rows = db.execute(f"{SELECT_STATEMENTS}{where} ORDER BY {ORDER_SQL['document']}", params).fetchall()
            at = now_utc()
            batch = None
            for row in rows:
                full = complete_labels(labels, statement_dict(row)["labels"])
                decision = _insert_decision(db, row["id"], name, full, "bulk", at, batch)
                if batch is None:
                    batch = decision
                    db.execute("UPDATE decisions SET batch = ? WHERE id = ?", (batch, decision))
            return len(rows)

    def undo(self, reviewer_or_decision: str | int) -> list[int]:
        """Undo a reviewer's latest active decision (all of a bulk one), or one decision by id.

        Undone decisions stay in the history with ``undone_at``, so nothing a
        reviewer did is ever lost; returns the ids undone (empty: nothing to undo).
        """
        now = now_utc()
        with self._write() as db:
            if isinstance(reviewer_or_decision, int) and not isinstance(reviewer_or_decision, bool):
                row = db.execute("SELECT id FROM decisions WHERE id = ? AND undone_at IS NULL",
                                 (reviewer_or_decision,)).fetchone()
                ids = [row[0]] if row else []
            else:
                name = reviewer_name(reviewer_or_decision)
                row = db.execute("SELECT id, batch FROM decisions WHERE reviewer = ? AND undone_at IS NULL "
                                 "ORDER BY id DESC LIMIT 1", (name,)).fetchone()
                if row is None:
                    ids = []
                elif row["batch"] is not None:
                    ids = [r[0] for r in db.execute(
                        "SELECT id FROM decisions WHERE batch = ? AND undone_at IS NULL ORDER BY id", (row["batch"],))]
                else:
                    ids = [row["id"]]
            db.executemany("UPDATE decisions SET undone_at = ? WHERE id = ?", [(now, i) for i in ids])
            return ids

    def decision(self, decision_id: int) -> dict | None:
        """One decision by id, undone or not (``None`` if unknown)."""
        try:
            decision_id = int(decision_id)
        except (TypeError, ValueError):
            return None
        row = self._db.execute("SELECT * FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        return decision_dict(row) if row else None

    # ---- what the exchange formats and agreement read

    def current_decisions(self, reviewer: str | None = None) -> dict[int, list[dict]]:
        """Per statement id, each reviewer's current (latest active) decision, oldest first.

        ``reviewer`` keeps only that reviewer's. Agreement and exports read
        this: a reviewer who changed their mind counts once, with their last word.
        """
        sql = "SELECT * FROM decisions WHERE undone_at IS NULL"
        params: list = []
        if reviewer is not None:
            sql += " AND reviewer = ?"
            params.append(reviewer_name(reviewer))
        latest: dict[tuple[int, str], dict] = {}
        for row in self._db.execute(sql + " ORDER BY at, id", params):
            latest[(row["statement_id"], row["reviewer"])] = decision_dict(row)
        result: dict[int, list[dict]] = {}
        for (statement_id, _), decision in latest.items():
            result.setdefault(statement_id, []).append(decision)
        for decisions in result.values():
            decisions.sort(key=lambda d: (d["at"], d["id"]))
        return result

    def import_decision(self, statement_id: int, reviewer: str, labels: Mapping[str, object],
                        at: str | None = None, action: str = "import") -> int | None:
        """Record a decision read from another tool; ``None`` when that reviewer's current one is the same.

        Importing a file twice therefore adds nothing the second time.
        """
        name = reviewer_name(reviewer)
        statement_id = _statement_id(statement_id)
        with self._write() as db:
            full = complete_labels(labels, _current_labels(db, statement_id))
            row = db.execute("SELECT * FROM decisions WHERE statement_id = ? AND reviewer = ? AND undone_at IS NULL "
                             "ORDER BY at DESC, id DESC LIMIT 1", (statement_id, name)).fetchone()
            if row is not None and labels_from_row(row) == full:
                return None
            return _insert_decision(db, statement_id, name, full, action, normalize_timestamp(at) or now_utc())

    def agreement(self) -> dict[str, dict]:
        """Cohen's kappa per label between reviewers (see :mod:`pipeline.review.agreement`)."""
        return agreement_by_label(self.current_decisions())
