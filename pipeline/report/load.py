"""Reading a results file (JSONL, CSV or Parquet) and its manifest.

`capneeds tag` writes the same records in three formats; CSV flattens lists
with ``;``, booleans as ``True``/``False`` and evidence as JSON. Every record
goes through :func:`normalize_record`, so the figures never depend on the
format the batch happened to write. Bad input raises
:class:`~pipeline.errors.CapneedsError` with one line naming the file (and
line) and the problem, because the CLI prints exactly that line.
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import CapneedsError
from ..schema import CATEGORIES, REASONS

#: Document metadata that `capneeds tag --meta` carries onto every record.
METADATA_FIELDS: tuple[str, ...] = ("party", "convention", "year", "symbol")
MANIFEST_SUFFIX = ".manifest.jsonl"
STATUSES = ("done", "failed")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no", ""}


def text_or_none(value: object) -> str | None:
    """Metadata as a stripped string, ``None`` when empty (CSV writes ``""``, Parquet may write NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def parse_bool(value: object, name: str) -> bool:
    """A boolean from JSON, Parquet or a CSV cell (``True``/``False``, ``1``/``0``, ``yes``/``no``)."""
    if isinstance(value, bool) or value is None:
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{name} is {value!r}, expected True or False")


def _labels(value: object, name: str, allowed: tuple[str, ...]) -> list[str]:
    """A label list from a JSON list or a CSV ``a;b`` cell, checked against the guideline's labels."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"{name} is {value!r}, expected a list")
    labels = [str(item).strip() for item in items if str(item).strip()]
    unknown = sorted(set(labels) - set(allowed))
    if unknown:
        raise ValueError(f"{name} has unknown label '{unknown[0]}' (expected {', '.join(allowed)})")
    return [label for label in allowed if label in labels]


def _evidence(value: object) -> dict[str, list[str]]:
    """Evidence words per label; only their text matters to the report.

    Spans may already be plain words, so that normalizing twice changes nothing.
    """
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"evidence is not valid JSON ({error.msg})") from error
    if not isinstance(value, dict):
        raise ValueError("evidence must map labels to lists of spans")
    words: dict[str, list[str]] = {}
    for label, spans in value.items():
        if not isinstance(spans, (list, tuple)):
            raise ValueError(f"evidence for {label} must be a list of spans")
        words[str(label)] = [
            str(span.get("text", "")) if isinstance(span, dict) else str(span) for span in spans
        ]
    return words


def normalize_record(raw: object) -> dict:
    """The fields the report uses, with JSON types, whatever format the record came from.

    Raises ``ValueError`` naming the bad field; callers add the file and line.
    """
    if not isinstance(raw, dict):
        raise ValueError("a record must be a JSON object")
    if "is_need" not in raw:
        raise ValueError('the record has no "is_need" field (is this a capneeds tag result?)')
    record = {
        "doc": text_or_none(raw.get("doc")) or "",
        "lang": text_or_none(raw.get("lang")),
        "is_need": parse_bool(raw.get("is_need"), "is_need"),
        "needs": _labels(raw.get("needs"), "needs", CATEGORIES),
        "generic": parse_bool(raw.get("generic"), "generic"),
        "reasons": _labels(raw.get("reasons"), "reasons", REASONS),
        "evidence": _evidence(raw.get("evidence")),
    }
    record.update({name: text_or_none(raw.get(name)) for name in METADATA_FIELDS})
    return record


def normalize_document(raw: object) -> dict:
    """One manifest line: a document of the batch, read or failed."""
    if not isinstance(raw, dict):
        raise ValueError("a manifest line must be a JSON object")
    doc = text_or_none(raw.get("doc"))
    if doc is None:
        raise ValueError('the manifest line has no "doc"')
    status = text_or_none(raw.get("status")) or "done"
    if status not in STATUSES:
        raise ValueError(f"status is {status!r}, expected done or failed")
    statements = raw.get("statements")
    if statements is not None and (isinstance(statements, bool) or not isinstance(statements, int)):
        raise ValueError(f"statements is {statements!r}, expected a whole number")
    document = {"doc": doc, "status": status, "statements": statements, "error": text_or_none(raw.get("error"))}
    document.update({name: text_or_none(raw.get(name)) for name in METADATA_FIELDS})
    return document


def jsonl_rows(path: Path, text: str) -> Iterator[tuple[int, object]]:
    """``(line number, parsed object)`` for each non-blank line of JSONL ``text`` read from ``path``."""
    # split on "\n" only: str.splitlines() would also cut at U+2028 inside a JSON string
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise CapneedsError(f"{path}:{number}: not valid JSON ({error.msg})") from error


def _csv_rows(path: Path, text: str) -> Iterator[tuple[int, object]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))  # keeps line breaks inside quoted cells
    try:
        for row in reader:
            if None in row:
                raise CapneedsError(f"{path}:{reader.line_num}: more cells than the header has columns")
            yield reader.line_num, row
    except csv.Error as error:
        raise CapneedsError(f"{path}:{reader.line_num}: unreadable CSV ({error})") from error


def _parquet_rows(path: Path) -> Iterator[tuple[int, object]]:
    try:
        import pyarrow.parquet as parquet
    except ImportError as error:
        raise CapneedsError("reading .parquet needs pyarrow: pip install capneeds[parquet]") from error
    try:
        rows = parquet.read_table(path).to_pylist()
    except Exception as error:  # pyarrow raises many types for a corrupt file
        raise CapneedsError(f"{path}: unreadable Parquet file ({' '.join(str(error).split())})") from error
    yield from enumerate(rows, start=1)


def read_text(path: Path) -> str:
    """The file as text (UTF-8, BOM dropped); a one-line CapneedsError when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise CapneedsError(f"{path}: not UTF-8 text (byte {error.start})") from error
    except OSError as error:
        raise CapneedsError(f"{path}: cannot be read ({error.strerror})") from error


def read_rows(path: Path) -> Iterator[tuple[int, object]]:
    """``(line or row number, raw record)`` of a results file, whatever its format (JSONL, CSV, Parquet)."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return _parquet_rows(path)
    text = read_text(path)
    return _csv_rows(path, text) if suffix == ".csv" else jsonl_rows(path, text)


def manifest_path(results: Path) -> Path:
    """Where `capneeds tag` puts the manifest: ``needs.csv`` -> ``needs.csv.manifest.jsonl``."""
    return results.with_name(results.name + MANIFEST_SUFFIX)


def load_manifest(path: Path) -> list[dict]:
    """Manifest lines, one per document; when a document appears twice the last line wins."""
    documents: dict[str, dict] = {}
    for number, raw in jsonl_rows(path, read_text(path)):
        try:
            document = normalize_document(raw)
        except ValueError as error:
            raise CapneedsError(f"{path}:{number}: {error}") from error
        documents[document["doc"]] = document
    return list(documents.values())


def load_results(path: str | Path) -> tuple[list[dict], list[dict] | None]:
    """Records of a results file, and the manifest's documents (``None`` without a manifest).

    An empty results file is an error unless a manifest lists the documents:
    a batch whose reports hold no need at all writes no record.
    """
    path = Path(path)
    if not path.is_file():
        raise CapneedsError(f"{path}: no such file")
    records = []
    for number, raw in read_rows(path):
        try:
            records.append(normalize_record(raw))
        except ValueError as error:
            raise CapneedsError(f"{path}:{number}: {error}") from error
    manifest = manifest_path(path)
    documents = load_manifest(manifest) if manifest.is_file() else None
    if not records and not documents:
        raise CapneedsError(f"{path}: empty results file (no records and no manifest beside it)")
    return records, documents
