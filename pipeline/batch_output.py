"""The results file of a batch run, and the manifest that makes it resumable.

A batch may run for hours and be killed at any point, so the output is built
to survive that:

* each finished document's records go to disk in one flushed, fsynced write,
  and only *then* is the document entered in the manifest
  (``<output>.manifest.jsonl``, one line per document: its content hash,
  status, counts, error and metadata);
* on ``--resume``, records whose document is not in the manifest (a write cut
  short by the kill) are dropped, so a half-written document never survives;
* at the end the records are rewritten sorted by document and statement, and
  the manifest sorted by document, each through a temporary file and an
  atomic rename, so two runs over the same input give identical files.

JSONL and CSV are appended to in place. Parquet cannot be appended to, so a
Parquet run collects its records in a JSONL journal beside the target
(``<output>.partial.jsonl``) and converts it when the run ends; a killed
Parquet run keeps its finished documents in that journal and ``--resume``
completes it.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import CapneedsError
from .metadata import META_FIELDS
from .schema import LABELS
from .writers import csv_row, csv_text, jsonl_text

FORMATS = ("jsonl", "csv", "parquet")


@dataclass
class ManifestEntry:
    """What the manifest remembers about one document of the batch."""

    doc: str
    sha256: str
    status: str  # "done" or "failed"
    statements: int = 0
    needs: int = 0
    generic: int = 0
    error: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)

    def to_dict(self) -> dict:
        entry = asdict(self)
        meta = entry.pop("meta")
        return {**entry, **{name: meta.get(name) for name in META_FIELDS}}

    @classmethod
    def from_dict(cls, data: dict) -> "ManifestEntry":
        meta = {name: data.get(name) for name in META_FIELDS}
        known = {name: data[name] for name in ("doc", "sha256", "status", "statements", "needs", "generic", "error") if name in data}
        return cls(**known, meta=meta)


def output_format(target: str | Path) -> str:
    """The format named by the output's extension (``.jsonl``, ``.csv``, ``.parquet``)."""
    suffix = Path(target).suffix.lower().lstrip(".")
    fmt = {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet"}.get(suffix, suffix)
    if fmt not in FORMATS:
        raise CapneedsError(f"{target}: unsupported output format '.{suffix}' (use .jsonl, .csv or .parquet)")
    return fmt


def manifest_path(target: str | Path) -> Path:
    target = Path(target)
    return target.with_name(target.name + ".manifest.jsonl")


def _replace_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _append(path: Path, text: str) -> None:
    """Append ``text`` in one write, flushed and synced before returning."""
    data = text.encode("utf-8")
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = 0
        while written < len(data):
            written += os.write(descriptor, data[written:])
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _jsonl_lines(path: Path) -> list[dict]:
    """Parsed lines of a JSONL file; a line cut short by a kill is skipped."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


def read_manifest(target: str | Path) -> dict[str, ManifestEntry]:
    """The manifest's entries by document (the last line for a document wins)."""
    entries: dict[str, ManifestEntry] = {}
    for row in _jsonl_lines(manifest_path(target)):
        if isinstance(row, dict) and {"doc", "sha256", "status"} <= set(row):
            entries[row["doc"]] = ManifestEntry.from_dict(row)
    return entries


def _sort_key(row: dict) -> tuple[str, int]:
    index = row.get("index")
    try:
        return str(row.get("doc") or ""), int(index)
    except (TypeError, ValueError):
        return str(row.get("doc") or ""), 0


class BatchOutput:
    """Appends documents to a results file and keeps its manifest.

    ``kept`` names the documents whose records survive from an earlier run
    (``--resume``); every other record found in an existing file is dropped.
    Without resume the file is started afresh.
    """

    def __init__(self, target: str | Path, kept: set[str] | None = None) -> None:
        self.target = Path(target)
        self.format = output_format(target)
        self.manifest = manifest_path(target)
        self.records_path = self.target.with_name(self.target.name + ".partial.jsonl") if self.format == "parquet" else self.target
        self.entries: dict[str, ManifestEntry] = {}
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if kept is None:
            self._start_afresh()
        else:
            self._keep(kept)

    # -- starting ------------------------------------------------------------
    def _start_afresh(self) -> None:
        _replace_atomically(self.records_path, self._serialise([], header=True))
        _replace_atomically(self.manifest, "")

    def _keep(self, kept: set[str]) -> None:
        """Keep the records and manifest lines of ``kept`` documents only."""
        self.entries = {doc: entry for doc, entry in read_manifest(self.target).items() if doc in kept and entry.status == "done"}
        rows = [row for row in self._read_rows() if row.get("doc") in self.entries]
        _replace_atomically(self.records_path, self._serialise_rows(rows, header=True))
        _replace_atomically(self.manifest, "".join(self._manifest_line(entry) for entry in self.entries.values()))

    # -- writing -------------------------------------------------------------
    def add(self, records: list[dict], entry: ManifestEntry) -> None:
        """Write one document: its records first, then its manifest line."""
        if records:
            _append(self.records_path, self._serialise(records))
        _append(self.manifest, self._manifest_line(entry))
        self.entries[entry.doc] = entry

    def finish(self) -> None:
        """Rewrite records and manifest in sorted order; convert Parquet."""
        rows = sorted(self._read_rows(), key=_sort_key)
        if self.format == "parquet":
            _write_parquet(rows, self.target)
            self.records_path.unlink(missing_ok=True)
        else:
            _replace_atomically(self.records_path, self._serialise_rows(rows, header=True))
        entries = sorted(read_manifest(self.target).values(), key=lambda entry: entry.doc)
        _replace_atomically(self.manifest, "".join(self._manifest_line(entry) for entry in entries))

    # -- formats ---------------------------------------------------------------
    @staticmethod
    def _manifest_line(entry: ManifestEntry) -> str:
        return json.dumps(entry.to_dict(), ensure_ascii=False, sort_keys=False) + "\n"

    def _serialise(self, records: list[dict], header: bool = False) -> str:
        if self.format == "csv":
            return csv_text((csv_row(record) for record in records), header)
        return jsonl_text(records)

    def _serialise_rows(self, rows: list[dict], header: bool) -> str:
        """Rows as read back (CSV rows stay flat strings, JSON rows stay records)."""
        return csv_text(rows, header) if self.format == "csv" else jsonl_text(rows)

    def _read_rows(self) -> list[dict]:
        if not self.records_path.exists():
            return []
        if self.format != "csv":
            return _jsonl_lines(self.records_path)
        text = self.records_path.read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        return [row for row in rows if row.get("error") is not None]  # a row cut short lacks its last column


class StreamOutput:
    """JSONL records straight to standard output (``-o -``): no manifest, no resume."""

    def add(self, records: list[dict], entry: ManifestEntry) -> None:
        sys.stdout.write(jsonl_text(records))
        sys.stdout.flush()

    def finish(self) -> None:
        """Nothing to tidy: records were written in the order documents finished."""


def open_output(target: str | Path, kept: set[str] | None = None) -> "BatchOutput | StreamOutput":
    """The sink for ``target``: a resumable file, or standard output for ``-``."""
    if str(target) == "-":
        if kept is not None:
            raise CapneedsError("--resume needs an output file, not standard output")
        return StreamOutput()
    return BatchOutput(target, kept=kept)


def _write_parquet(records: list[dict], target: Path) -> None:
    """Records as a Parquet table: lists stay lists, scores one column each."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CapneedsError(f"{target}: writing .parquet needs pyarrow: pip install 'capneeds[parquet]'") from None
    columns = {
        "id": pa.string(),
        "doc": pa.string(),
        **{name: pa.string() for name in META_FIELDS},
        "page": pa.int32(),
        "index": pa.int32(),
        "kind": pa.string(),
        "char_start": pa.int32(),
        "char_end": pa.int32(),
        "bbox": pa.list_(pa.float64()),
        "lead_in": pa.string(),
        "text": pa.string(),
        "lang": pa.string(),
        "is_need": pa.bool_(),
        "needs": pa.list_(pa.string()),
        "has_activity": pa.bool_(),
        "has_timeline": pa.bool_(),
        "generic": pa.bool_(),
        "reasons": pa.list_(pa.string()),
        **{f"score_{label}": pa.float64() for label in LABELS},
        "evidence": pa.string(),
    }
    rows = []
    for record in records:
        row = {name: record.get(name) for name in columns}
        for label in LABELS:
            row[f"score_{label}"] = (record.get("scores") or {}).get(label)
        row["evidence"] = json.dumps(record.get("evidence") or {}, ensure_ascii=False)
        rows.append(row)
    table = pa.Table.from_pylist(rows, schema=pa.schema(list(columns.items())))
    temporary = target.with_name(target.name + ".tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, target)
