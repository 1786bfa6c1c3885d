"""Writing records as JSON Lines or CSV, one document at a time.

Records are written and flushed per document, so when a long run is stopped
every finished document is complete on disk. CSV flattens lists with ``;``,
scores into one ``score_<label>`` column each, and evidence as JSON.
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


class RecordWriter:
    """Appends batches of records to a JSONL/CSV file (or stdout with ``-``)."""

    def __init__(self, target: str | Path, fmt: str | None = None) -> None:
        self.target = str(target)
        self.format = fmt or ("csv" if self.target.lower().endswith(".csv") else "jsonl")
        if self.format not in ("csv", "jsonl"):
            raise ValueError(f"unsupported output format '{self.format}' (use .jsonl or .csv)")
        self._handle: IO[str] = (
            sys.stdout if self.target == "-" else Path(self.target).open("w", encoding="utf-8", newline="")
        )
        if self.format == "csv":
            self._write(self._csv_text([], header=True))

    def _csv_text(self, records: Iterable[dict], header: bool = False) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        if header:
            writer.writeheader()
        writer.writerows(csv_row(record) for record in records)
        return buffer.getvalue()

    def _write(self, text: str) -> None:
        self._handle.write(text)
        self._handle.flush()

    def write(self, records: list[dict]) -> None:
        """Write a batch (one document's records) in a single flushed write."""
        if self.format == "csv":
            self._write(self._csv_text(records))
        else:
            self._write("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records))

    def close(self) -> None:
        if self._handle is not sys.stdout:
            self._handle.close()

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
