"""Reviewed statements as corpus lines for ``capneeds train --extra``.

Each line is checked with :func:`pipeline.corpus.validation_problems` before
it is written, so an export never hands training a line it would refuse.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...corpus import validation_problems
from ..store import ReviewStore, complete_labels
from .common import ExportSummary, all_statements, disagree, model_text
from .files import jsonl_line, write_atomic


def _group(statement: Mapping) -> str:
    """A stable id and group for the statement (document sha256 prefix and index): re-exports give the same id."""
    return f"review-{statement['key'].split('#')[0][:12]}-{statement['index']}"


def corpus_record(statement: Mapping, decision: Mapping) -> dict:
    """One corpus line for a statement and the decision that labels it."""
    labels = complete_labels(decision["labels"])
    group = _group(statement)
    return {
        "id": group,
        "group": group,
        "lang": statement["lang"],
        "text": model_text(statement),
        **labels,
        "convention": statement["convention"] or "other",
        "country": statement["party"] or "",
        "source_doc": statement["doc"],
        "record_id": statement["record_id"],
        "reviewer": decision["reviewer"],
        "reviewed_at": decision["at"],
    }


def export_corpus(store: ReviewStore, path: str | Path, reviewer: str | None = None) -> ExportSummary:
    """Reviewed statements (only ``reviewer``'s when given) as corpus JSONL, in document order.

    Where reviewers disagree the latest decision is written and the statement
    counted in ``conflicts``. A statement in a language the models do not
    cover cannot be a corpus line: it is counted in ``skipped``.
    """
    path = Path(path)
    decisions = store.current_decisions(reviewer)
    lines: list[str] = []
    reviewed = conflicts = skipped = 0
    for statement in all_statements(store):
        mine = decisions.get(statement["id"])
        if not mine:
            continue
        reviewed += 1
        if disagree(mine):
            conflicts += 1
        record = corpus_record(statement, mine[-1])
        if validation_problems(record):
            skipped += 1
            continue
        lines.append(jsonl_line(record))
    write_atomic(path, lines)
    return ExportSummary(str(path), "corpus", len(lines), reviewed, conflicts, skipped)
