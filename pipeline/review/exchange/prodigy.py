"""Prodigy's JSONL ``choice`` tasks: one per reviewer decision, or one to annotate.

An accepted task is a need with the chosen options, a rejected one is not a
need. Import reads ``prodigy db-out`` output and matches tasks by the
statement ``key``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from ...report.load import jsonl_rows
from ...schema import CATEGORIES
from ..store import ReviewStore
from .common import (
    ExportSummary,
    ImportSummary,
    ImportTally,
    all_statements,
    import_tasks,
    model_text,
    reviewed_and_conflicts,
    task_meta,
)
from .files import jsonl_line, write_atomic

#: Prodigy options: the categories, then activity and timeline (a rejected task is a non-need).
PRODIGY_OPTIONS: tuple[tuple[str, str], ...] = (
    *((category, category) for category in CATEGORIES),
    ("has_activity", "concrete activity"),
    ("has_timeline", "timeline"),
)


def _prodigy_accept(labels: Mapping) -> list[str]:
    """The option ids a labels dict selects."""
    return [*labels["needs"], *(name for name in ("has_activity", "has_timeline") if labels[name])]


def _epoch(at: str) -> int:
    """Seconds since 1970, as Prodigy writes ``_timestamp``."""
    return int(datetime.fromisoformat(at).timestamp())


def prodigy_tasks(statement: Mapping, decisions: Iterable[Mapping]) -> list[dict]:
    """Prodigy ``choice`` tasks for one statement: one per reviewer decision, or one to annotate.

    An accepted task is a need with the chosen options; a rejected one is not
    a need. Unreviewed tasks carry the model's choices pre-selected.
    """
    base = {
        "text": model_text(statement),
        "key": statement["key"],
        "meta": task_meta(statement),
        "options": [{"id": option, "text": text} for option, text in PRODIGY_OPTIONS],
    }
    decisions = list(decisions)
    if not decisions:
        return [{**base, "accept": _prodigy_accept(statement["predicted"])}]
    return [
        {
            **base,
            "accept": _prodigy_accept(d["labels"]),
            "answer": "accept" if d["labels"]["is_need"] else "reject",
            "_annotator_id": d["reviewer"],
            "_session_id": d["reviewer"],
            "_timestamp": _epoch(d["at"]),
            "reviewed_at": d["at"],
        }
        for d in decisions
    ]


def export_prodigy(store: ReviewStore, path: str | Path) -> ExportSummary:
    """Every statement as Prodigy JSONL tasks, in document order."""
    path = Path(path)
    decisions = store.current_decisions()
    lines = [
        jsonl_line(task)
        for statement in all_statements(store)
        for task in prodigy_tasks(statement, decisions.get(statement["id"], []))
    ]
    reviewed, conflicts = reviewed_and_conflicts(decisions)
    write_atomic(path, lines)
    return ExportSummary(str(path), "prodigy", len(lines), reviewed, conflicts, 0)


def _prodigy_labels(task: Mapping) -> dict:
    """The labels an answered task gives (partial for a reject: the store completes them)."""
    if task["answer"] == "reject":
        return {"is_need": False}
    accept = task.get("accept") or []
    if not isinstance(accept, list):
        raise ValueError('"accept" must be a list of option ids')
    known = {option for option, _ in PRODIGY_OPTIONS}
    unknown = sorted({str(a) for a in accept} - known)
    if unknown:
        raise ValueError(f"accept has unknown option '{unknown[0]}' (expected {', '.join(sorted(known))})")
    return {
        "is_need": True,
        "needs": [c for c in CATEGORIES if c in accept],
        "has_activity": "has_activity" in accept,
        "has_timeline": "has_timeline" in accept,
    }


def _import_task(store: ReviewStore, task: Mapping, reviewer: str | None, tally: ImportTally) -> None:
    """One answered task as a decision of its annotator (or of ``reviewer``)."""
    answer = task.get("answer")
    if answer is None or answer == "ignore":
        tally.skipped += 1
        return
    if answer not in ("accept", "reject"):
        raise ValueError(f"answer is {answer!r}, expected accept, reject or ignore")
    meta = task.get("meta") if isinstance(task.get("meta"), Mapping) else {}
    statement_id = store.find_statement(key=task.get("key") or meta.get("key"), record_id=meta.get("record_id"))
    if statement_id is None:
        tally.unmatched += 1
        return
    labels = _prodigy_labels(task)
    name = reviewer or next(
        (task[f] for f in ("_annotator_id", "_session_id") if isinstance(task.get(f), str) and task[f].strip()),
        None)
    if not name:
        raise ValueError("the task names no annotator (_annotator_id or _session_id); pass a reviewer name")
    at = task.get("reviewed_at") or task.get("_timestamp")
    tally.record(store, statement_id, name, labels, at, "prodigy")


def import_prodigy(store: ReviewStore, path: str | Path, reviewer: str | None = None) -> ImportSummary:
    """Prodigy's annotated JSONL (``prodigy db-out``) as decisions.

    ``answer`` accept = a need with the ``accept``-ed options, reject = not a
    need, ignore (or no answer) = skipped. ``reviewer`` names every decision
    when given; otherwise ``_annotator_id``, else ``_session_id``.
    """
    return import_tasks(store, path, "prodigy", jsonl_rows, _import_task, reviewer)
