"""Reading and writing exchange files: UTF-8, written whole or not at all, line numbers for errors.

Report text contains U+2028, U+2029 and NEL, which ``json.dumps(ensure_ascii=False)``
leaves raw inside strings while ``str.splitlines`` (and JavaScript before
ES2019) break lines there; every JSON written here escapes them.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ...errors import CapneedsError
from ...report.load import read_text

_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def escape_line_breaks(text: str) -> str:
    """JSON text with the characters some readers take as line breaks written as ``\\u`` escapes."""
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)
    return text


def jsonl_line(record: object) -> str:
    """One JSON line, UTF-8 kept readable, but with the characters some readers take as line breaks escaped."""
    return escape_line_breaks(json.dumps(record, ensure_ascii=False)) + "\n"


def write_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write through a temporary file in the same folder, then rename: a half-written export never exists."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise CapneedsError(f"{path}: cannot be written ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CapneedsError(f"{path}: cannot be written ({error.strerror})") from error
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_import(path: Path) -> str:
    """The text of a file to import (the same reader as results files), or a one-line error."""
    if not path.is_file():
        raise CapneedsError(f"{path}: no such file")
    return read_text(path)


def line_of(text: str, position: int) -> int:
    """The 1-based line number of a character position, for error messages."""
    return text.count("\n", 0, position) + 1
