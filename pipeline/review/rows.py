"""The shape of a statement, document and decision: the SQL that selects them and the dicts the API returns.

Every reader of the store (the queue, one statement, the decisions) builds
its rows here, so a statement looks the same wherever it comes from.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..report.load import METADATA_FIELDS
from .database import SCORE_COLUMNS

#: The queue orders :meth:`~pipeline.review.store.ReviewStore.query` accepts.
ORDERS: tuple[str, ...] = ("document", "uncertainty")

#: The current decision of statement ``s``: the latest active one (by time, then id).
CURRENT_DECISION = """(SELECT d.id FROM decisions d WHERE d.statement_id = s.id AND d.undone_at IS NULL
               ORDER BY d.at DESC, d.id DESC LIMIT 1)"""
#: Statements ``s`` with their document ``doc`` and current decision ``cd`` (``cd_*`` columns).
SELECT_STATEMENTS = f"""SELECT s.*, doc.doc AS doc, doc.sha256 AS sha256,
        cd.id AS cd_id, cd.reviewer AS cd_reviewer, cd.at AS cd_at, cd.is_need AS cd_is_need,
        cd.needs AS cd_needs, cd.has_activity AS cd_has_activity, cd.has_timeline AS cd_has_timeline,
        cd.generic AS cd_generic, cd.reasons AS cd_reasons
    FROM statements s JOIN documents doc ON doc.id = s.document_id
    LEFT JOIN decisions cd ON cd.id = {CURRENT_DECISION}"""
_DOCUMENT_ORDER = "doc.doc, doc.sha256, s.idx, s.id"
#: ``ORDER BY`` of each queue order.
ORDER_SQL: dict[str, str] = {
    "document": _DOCUMENT_ORDER,
    "uncertainty": f"s.uncertainty IS NULL, s.uncertainty, {_DOCUMENT_ORDER}",
}
#: Documents ``doc`` with how many statements they have and how many are reviewed (add WHERE, then GROUP BY doc.id).
SELECT_DOCUMENTS = f"""SELECT doc.*, count(s.id) AS statements,
           sum(CASE WHEN {CURRENT_DECISION} IS NOT NULL THEN 1 ELSE 0 END) AS reviewed
    FROM documents doc LEFT JOIN statements s ON s.document_id = doc.id"""


def labels_from_row(row: Mapping, prefix: str = "") -> dict:
    """The labels dict stored in a statements or decisions row (``prefix="cd_"``: the current decision's)."""
    return {
        "is_need": bool(row[f"{prefix}is_need"]),
        "needs": json.loads(row[f"{prefix}needs"]),
        "has_activity": bool(row[f"{prefix}has_activity"]),
        "has_timeline": bool(row[f"{prefix}has_timeline"]),
        "generic": bool(row[f"{prefix}generic"]),
        "reasons": json.loads(row[f"{prefix}reasons"]),
    }


def decision_dict(row: Mapping) -> dict:
    """A decisions row as the API gives it."""
    return {
        "id": row["id"],
        "statement_id": row["statement_id"],
        "reviewer": row["reviewer"],
        "at": row["at"],
        "action": row["action"],
        "batch": row["batch"],
        "labels": labels_from_row(row),
        "undone_at": row["undone_at"],
    }


def statement_dict(row: Mapping) -> dict:
    """A :data:`SELECT_STATEMENTS` row as the queue gives it (``reviewed_by`` is filled in by the caller)."""
    predicted = labels_from_row(row)
    decided = row["cd_id"] is not None
    scores = {label: row[column] for label, column in SCORE_COLUMNS.items() if row[column] is not None}
    return {
        "id": row["id"],
        "key": f"{row['sha256']}#{row['idx']}",
        "record_id": row["record_id"],
        "doc": row["doc"],
        "document_id": row["document_id"],
        "page": row["page"],
        "index": row["idx"],
        "kind": row["kind"],
        "char_start": row["char_start"],
        "char_end": row["char_end"],
        "bbox": json.loads(row["bbox"]) if row["bbox"] else None,
        "lead_in": row["lead_in"],
        "text": row["text"],
        "lang": row["lang"],
        **{name: row[name] for name in METADATA_FIELDS},
        "scores": scores,
        "evidence": json.loads(row["evidence"]),
        "predicted": predicted,
        "labels": labels_from_row(row, "cd_") if decided else predicted,
        "source": "decision" if decided else "prediction",
        "decision_id": row["cd_id"],
        "decided_by": row["cd_reviewer"],
        "decided_at": row["cd_at"],
        "reviewed": decided,
        "reviewed_by": [],
        "uncertainty": row["uncertainty"],
    }


def document_dict(row: Mapping) -> dict:
    """A :data:`SELECT_DOCUMENTS` row as the menus give it."""
    return {
        "id": row["id"], "doc": row["doc"], "name": Path(row["doc"]).name, "path": row["path"],
        "sha256": row["sha256"], **{name: row[name] for name in METADATA_FIELDS},
        "status": row["status"], "results_file": row["results_file"],
        "statements": row["statements"] or 0, "reviewed": row["reviewed"] or 0,
    }
