"""Reading and validating the annotated corpus.

The corpus is JSONL, one statement a line, with the guideline's fields plus
``id``, ``group`` and ``lang``. Validation enforces the guideline's rules
(``generic`` follows from its reasons, non-needs carry no labels), so a
mislabelled line fails loudly instead of quietly teaching the model.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from .errors import CapneedsError
from .flags import generic_reasons
from .schema import CATEGORIES, LABELS, SUPPORTED_LANGUAGES

REQUIRED_FIELDS = ("id", "group", "lang", "text", "is_need", "needs", "has_activity", "has_timeline", "generic", "reasons")


class CorpusError(CapneedsError):
    """A corpus line that breaks the guideline's rules or the format."""


def validation_problems(record: dict) -> list[str]:
    """Everything wrong with one corpus record (empty when it is valid)."""
    missing = [name for name in REQUIRED_FIELDS if name not in record]
    if missing:
        return [f"missing fields {missing}"]
    problems = []
    if record["lang"] not in SUPPORTED_LANGUAGES:
        problems.append(f"lang '{record['lang']}' is not one of {SUPPORTED_LANGUAGES}")
    if not str(record["text"]).strip():
        problems.append("empty text")
    for name in ("is_need", "has_activity", "has_timeline", "generic"):
        if not isinstance(record[name], bool):
            problems.append(f"{name} must be true or false")
    needs = record["needs"]
    if not isinstance(needs, list) or set(needs) - set(CATEGORIES):
        problems.append(f"needs must be a list drawn from {CATEGORIES}")
        return problems
    if problems:
        return problems
    if not record["is_need"] and (needs or record["has_activity"] or record["has_timeline"]):
        problems.append("a non-need statement must have needs [], has_activity and has_timeline false")
    expected = generic_reasons(record["is_need"], needs, record["has_activity"], record["has_timeline"])
    if list(record["reasons"]) != expected:
        problems.append(f"reasons {record['reasons']} should be {expected}")
    if record["generic"] != bool(expected):
        problems.append(f"generic should be {bool(expected)} (it follows from the reasons)")
    return problems


def read_jsonl(path: Path) -> Iterator[dict]:
    """Records of a JSONL file, with a clear error naming the bad line."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise CorpusError(f"{path}:{number}: not valid JSON ({error.msg})") from error


def corpus_files(paths: Iterable[Path]) -> list[Path]:
    """JSONL files named directly or found (recursively, sorted) in folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(path.rglob("*.jsonl")))
        elif path.exists():
            found.append(path)
        else:
            raise CorpusError(f"{path}: no such file or folder")
    return found


def load_corpus(paths: Iterable[Path]) -> list[dict]:
    """All records of the given files/folders, validated; ids must be unique."""
    records: list[dict] = []
    seen: set[str] = set()
    errors: list[str] = []
    for path in corpus_files(paths):
        for number, record in enumerate(read_jsonl(path), start=1):
            for problem in validation_problems(record):
                errors.append(f"{path}:{number} ({record.get('id', '?')}): {problem}")
            if record.get("id") in seen:
                errors.append(f"{path}:{number}: duplicate id {record.get('id')}")
            seen.add(record.get("id"))
            records.append(record)
    if errors:
        shown = "\n".join(errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise CorpusError(f"{len(errors)} invalid corpus line(s):\n{shown}{more}")
    return records


def label_matrix(records: Iterable[dict]) -> np.ndarray:
    """The ``(n, 7)`` 0/1 target matrix in :data:`pipeline.model.LABELS` order."""
    rows = []
    for record in records:
        needs = set(record["needs"])
        rows.append(
            [int(record["is_need"])]
            + [int(category in needs) for category in CATEGORIES]
            + [int(record["has_activity"]), int(record["has_timeline"])]
        )
    return np.array(rows, dtype=int).reshape(-1, len(LABELS))


def translation_units(records: Sequence[dict]) -> dict[str, list[int]]:
    """Sets of records that say one statement in several languages, as row indices.

    Two kinds of record are translations: a line of ``corpora/translated/``
    names its source in ``translation_of`` (the unit is the source and its
    translations, keyed by the source id), and a parallel-subset group holds
    one statement in each of several languages (keyed by the group). A group
    with two lines in one language is a passage of different statements,
    whose labels may rightly differ, and is no unit.
    """
    row_of = {record["id"]: row for row, record in enumerate(records) if "id" in record}
    units: dict[str, list[int]] = defaultdict(list)
    taken: set[int] = set()
    for row, record in enumerate(records):
        source = record.get("translation_of")
        if source:
            if not units[source] and source in row_of:
                units[source].append(row_of[source])
                taken.add(row_of[source])
            units[source].append(row)
            taken.add(row)
    by_group: dict[str, list[int]] = defaultdict(list)
    for row, record in enumerate(records):
        if row not in taken:
            by_group[record["group"]].append(row)
    for group, rows in by_group.items():
        if len(rows) >= 2 and len({records[row]["lang"] for row in rows}) == len(rows):
            units[group] = rows
    return {key: rows for key, rows in units.items() if len(rows) >= 2}
