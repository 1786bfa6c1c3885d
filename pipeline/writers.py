"""Records as JSON Lines or CSV text, and a streaming JSONL writer.

CSV flattens lists with ``;``, scores into one ``score_<label>`` column each,
and evidence as JSON. ``capneeds tag`` writes through
:mod:`pipeline.batch_output` (resumable files), ``classify`` and ``extract``
stream through :class:`RecordWriter`; all of them serialise here.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .metadata import META_FIELDS
from .schema import LABELS
from .tagging import LOCATION_FIELDS

CSV_COLUMNS = (
    "id",
    "doc",
    *META_FIELDS,
    *LOCATION_FIELDS[1:],
    "lang",
    "text",
    "is_need",
    "needs",
    "has_activity",
    "has_timeline",
    "generic",
    "reasons",
    *(f"score_{label}" for label in LABELS),
    "evidence",
    "error",
)


def csv_row(record: dict) -> dict:
    """One record flattened to the CSV columns (lists joined with `;`, JSON for the rest)."""
    row = {column: record.get(column) for column in CSV_COLUMNS}
    for column in ("needs", "reasons"):
        row[column] = ";".join(record.get(column) or [])
    for label in LABELS:
        row[f"score_{label}"] = (record.get("scores") or {}).get(label)
    row["evidence"] = json.dumps(record.get("evidence") or {}, ensure_ascii=False)
    row["bbox"] = json.dumps(record.get("bbox")) if record.get("bbox") else ""
    return row


def jsonl_text(records: Iterable[dict]) -> str:
    """Records as JSON Lines, one object a line, non-ASCII kept readable."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def csv_text(rows: Iterable[dict], header: bool = False) -> str:
    """Flat rows (see :func:`csv_row`) as CSV text, with the header line if asked."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


class RecordWriter:
    """Streams records as JSON Lines to a file (or stdout with ``-``), flushed per batch."""

    def __init__(self, target: str | Path) -> None:
        self.target = str(target)
        self._handle: IO[str] = (
            sys.stdout if self.target == "-" else Path(self.target).open("w", encoding="utf-8", newline="")
        )

    def write(self, records: list[dict]) -> None:
        """Write a batch in a single flushed write."""
        self._handle.write(jsonl_text(records))
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not sys.stdout:
            self._handle.close()

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
