"""Report metadata from a CSV a secretariat already keeps.

Which Party wrote a report, under which convention, for which year and with
which document symbol is rarely in the text in a form worth guessing, but it
is in every secretariat's registry. ``capneeds tag --meta meta.csv`` reads
that registry, keyed by file name, and carries the four fields onto every
statement so the synthesis can count per Party and per convention.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .errors import CapneedsError

#: Metadata fields written on every tagged statement (empty when unknown).
META_FIELDS = ("party", "convention", "year", "symbol")

#: Column names accepted for the file name and for each field, lower-cased.
FILE_COLUMNS = ("file", "filename", "file_name", "document")
FIELD_ALIASES = {"party": ("party", "country")}

EMPTY_META = dict.fromkeys(META_FIELDS)


def _column_for(field: str, header: list[str]) -> str | None:
    for alias in FIELD_ALIASES.get(field, (field,)):
        if alias in header:
            return alias
    return None


def load_metadata(path: str | Path) -> dict[str, dict[str, str | None]]:
    """Map each file name in the CSV to its party, convention, year and symbol.

    Keys are bare file names (``report.pdf``), so the same CSV works wherever
    the folder of reports is mounted. Unknown columns are ignored; a missing
    value is ``None``. A file named twice with different values is an error,
    because silently picking one would mislabel a Party.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CapneedsError(f"{path}: metadata file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CapneedsError(f"{path}: cannot read metadata ({error})") from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    file_column = next((name for name in FILE_COLUMNS if name in header), None)
    if file_column is None:
        raise CapneedsError(f"{path}: metadata CSV needs a 'file' column naming each report (found: {', '.join(header) or 'nothing'})")
    columns = {field: _column_for(field, header) for field in META_FIELDS}
    metadata: dict[str, dict[str, str | None]] = {}
    for line_number, row in enumerate(reader, start=2):
        name = Path((row.get(file_column) or "").strip()).name
        if not name:
            continue
        values = {field: ((row.get(column) or "").strip() or None) if column else None for field, column in columns.items()}
        if name in metadata and metadata[name] != values:
            raise CapneedsError(f"{path}: line {line_number}: '{name}' is listed twice with different metadata")
        metadata[name] = values
    return metadata


def metadata_for(path: str | Path, metadata: dict[str, dict[str, str | None]]) -> dict[str, str | None]:
    """The metadata of one document (all ``None`` when the CSV does not list it)."""
    return metadata.get(Path(path).name, EMPTY_META)
