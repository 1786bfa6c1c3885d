"""What the exchange formats share: the text and metadata a task carries, conflicts, summaries, the import loop."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ...errors import CapneedsError
from ..store import ReviewError, ReviewStore
from .files import read_import

#: ``pipeline.classifier.LEAD_IN_SEPARATOR`` (not imported from there: that module loads spaCy).
LEAD_IN_SEPARATOR = "\n"


class ExportSummary(NamedTuple):
    """What an export wrote: ``written`` lines or tasks, ``reviewed`` statements among them,
    ``conflicts`` (statements whose reviewers disagree; the latest decision is exported),
    ``skipped`` (reviewed statements the corpus cannot hold, e.g. an unsupported language)."""

    path: str
    format: str
    written: int
    reviewed: int
    conflicts: int
    skipped: int


class ImportSummary(NamedTuple):
    """What an import did: ``decisions`` added, ``unchanged`` (already the reviewer's current
    decision), ``unmatched`` tasks (no such statement in the store), ``skipped`` (not annotated,
    cancelled or ignored)."""

    path: str
    format: str
    decisions: int
    unchanged: int
    unmatched: int
    skipped: int


def model_text(statement: Mapping) -> str:
    """The text the model classified: the lead-in and the item, as the classifier joins them.

    Labels were given to that text, so that is what training must see.
    """
    lead_in = statement.get("lead_in") or ""
    return f"{lead_in}{LEAD_IN_SEPARATOR}{statement['text']}" if lead_in else statement["text"]


def task_meta(statement: Mapping) -> dict:
    """Where the statement comes from; ``key`` lets an exported task find its statement again on import."""
    return {
        "key": statement["key"],
        "record_id": statement["record_id"],
        "doc": statement["doc"],
        "page": statement["page"],
        "index": statement["index"],
        "lang": statement["lang"],
        "party": statement["party"],
        "convention": statement["convention"],
        "year": statement["year"],
        "symbol": statement["symbol"],
    }


def all_statements(store: ReviewStore) -> list[dict]:
    """Every statement of the store, in document order (as the queue shows them)."""
    rows, _ = store.query(None, order="document", limit=None)
    return rows


def disagree(decisions: Iterable[Mapping]) -> bool:
    """Whether the reviewers' current decisions on one statement differ."""
    return len({json.dumps(d["labels"], sort_keys=True) for d in decisions}) > 1


def reviewed_and_conflicts(decisions: Mapping[int, list[dict]]) -> tuple[int, int]:
    """Of :meth:`ReviewStore.current_decisions`: statements reviewed, and those whose reviewers disagree."""
    reviewed = sum(1 for statement in decisions if decisions[statement])
    return reviewed, sum(1 for items in decisions.values() if disagree(items))


@dataclass
class ImportTally:
    """The counts an import keeps as it reads a file, ending as its :class:`ImportSummary`."""

    decisions: int = 0
    unchanged: int = 0
    unmatched: int = 0
    skipped: int = 0

    def record(self, store: ReviewStore, statement_id: int, reviewer: str, labels: Mapping[str, object],
               at: object, action: str) -> None:
        """Import one decision; one the reviewer's current decision already says is counted ``unchanged``."""
        if store.import_decision(statement_id, reviewer, labels, at, action=action) is None:
            self.unchanged += 1
        else:
            self.decisions += 1

    def summary(self, path: str | Path, fmt: str) -> ImportSummary:
        """The counts as the summary the CLI prints."""
        return ImportSummary(str(path), fmt, self.decisions, self.unchanged, self.unmatched, self.skipped)


#: Reads a file's text as ``(line, task)`` pairs.
TaskReader = Callable[[Path, str], Iterator[tuple[int, object]]]
#: Imports one task: ``(store, task, reviewer or None, tally)``.
TaskImporter = Callable[[ReviewStore, Mapping, str | None, ImportTally], None]


def import_tasks(store: ReviewStore, path: str | Path, fmt: str, read_tasks: TaskReader,
                 import_task: TaskImporter, reviewer: str | None) -> ImportSummary:
    """Read ``path`` with ``read_tasks``, hand each task to ``import_task``, and count what happened.

    Every format reports bad input the same way: a task that is not a JSON
    object, or that ``import_task`` rejects (``ValueError``, ``ReviewError``),
    stops the import with one line naming the file and the task's line.
    """
    path = Path(path)
    tally = ImportTally()
    for line, task in read_tasks(path, read_import(path)):
        try:
            if not isinstance(task, Mapping):
                raise ValueError("a task must be a JSON object")
            import_task(store, task, reviewer, tally)
        except (ValueError, ReviewError) as error:
            raise CapneedsError(f"{path}:{line}: {error}") from error
    return tally.summary(path, fmt)
