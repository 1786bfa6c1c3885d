"""Reading a ``capneeds tag`` results file into the statements the workbench stores.

The rows and the manifest come from :mod:`pipeline.report.load` (one reader
for every format: JSONL, CSV, Parquet), and its ``normalize_record`` checks
each record. The report keeps only labels and metadata, so location, text,
scores and evidence offsets are taken from the same raw row here. Nothing
here touches the database: a bad line fails before anything is written.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from ..flags import generic_reasons
from ..report.load import (
    METADATA_FIELDS,
    jsonl_rows,
    load_manifest,
    manifest_path,
    normalize_record,
    parse_bool,
    read_rows,
    read_text,
    text_or_none,
)
from ..schema import LABELS
from .errors import ReviewError
from .filters import finite_float


def _int(value: object, name: str, required: bool = False) -> int | None:
    """A whole number (CSV and Parquet may give ``"3"`` or ``3.0``); ``ValueError`` naming the field when not."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        if required:
            raise ValueError(f'the record has no "{name}"')
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} is {value!r}, expected a whole number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is {value!r}, expected a whole number") from None
    if not number.is_integer():
        raise ValueError(f"{name} is {value!r}, expected a whole number")
    return int(number)


def _json_value(value: object, name: str) -> object:
    """A JSON field that CSV writes as a JSON string and JSONL or Parquet as the value itself."""
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name} is not valid JSON ({error.msg})") from None
    return value


def _bbox(value: object) -> list[float] | None:
    """The statement's box on its page ``[x0, top, x1, bottom]``; a NumPy array (Parquet) becomes a list."""
    value = _json_value(value, "bbox")
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "tolist"):
        value = value.tolist()
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        raise ValueError(f"bbox is {value!r}, expected [x0, top, x1, bottom]")
    box = [finite_float(v) for v in value]
    if any(v is None for v in box):
        raise ValueError(f"bbox is {value!r}, expected four numbers")
    return box  # type: ignore[return-value]


def _scores(raw: Mapping) -> dict[str, float]:
    """Scores from a ``scores`` object (JSONL, Parquet) or ``score_<label>`` columns (CSV)."""
    value = _json_value(raw.get("scores"), "scores")
    found: dict[str, object] = {}
    if isinstance(value, Mapping):
        found.update(value)
    for label in LABELS:
        if f"score_{label}" in raw and raw[f"score_{label}"] not in (None, ""):
            found[label] = raw[f"score_{label}"]
    scores = {}
    for label in LABELS:
        number = finite_float(found.get(label)) if found.get(label) is not None else None
        if number is not None:
            scores[label] = min(1.0, max(0.0, number))
    return scores


def _evidence_spans(value: object, text: str, lead_in: str) -> dict[str, list[dict]]:
    """Evidence spans with offsets that are valid for the text they point into.

    The app slices the text with these offsets, so a span outside its text is
    dropped here; a bare word (no offsets) is located in the text when it is there.
    """
    value = _json_value(value, "evidence")
    if not isinstance(value, Mapping):
        return {}
    spans: dict[str, list[dict]] = {}
    for label, items in value.items():
        if hasattr(items, "tolist"):
            items = items.tolist()
        if not isinstance(items, (list, tuple)):
            continue
        kept = []
        for item in items:
            if isinstance(item, str):
                where = text.casefold().find(item.casefold()) if item else -1
                if where >= 0 and len(text.casefold()) == len(text):
                    kept.append({"text": text[where:where + len(item)], "start": where, "end": where + len(item)})
                continue
            if not isinstance(item, Mapping):
                continue
            target = lead_in if item.get("in") == "lead_in" else text
            start, end = item.get("start"), item.get("end")
            if isinstance(start, bool) or isinstance(end, bool):
                continue
            try:
                start, end = int(start), int(end)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            if not 0 <= start < end <= len(target):
                continue
            span = {"text": target[start:end], "start": start, "end": end}
            if item.get("in") == "lead_in":
                span["in"] = "lead_in"
            kept.append(span)
        if kept:
            spans[str(label)] = sorted(kept, key=lambda s: (s.get("in", ""), s["start"], s["end"]))
    return spans


def read_statements(path: Path) -> tuple[list[dict], dict[str, dict]]:
    """Statements of a results file with every field the workbench needs, and its manifest by doc.

    A bad record raises :class:`ReviewError` naming the file and line.
    """
    if not path.is_file():
        raise ReviewError(f"{path}: no such file")
    statements = []
    for number, raw in read_rows(path):
        try:
            record = normalize_record(raw)
            text = text_or_none(raw.get("text"))
            if text is None:
                raise ValueError('the record has no "text"')
            text = str(raw.get("text"))
            lead_in = str(raw.get("lead_in") or "") if raw.get("lead_in") == raw.get("lead_in") else ""
            index = _int(raw.get("index"), "index", required=True)
            if not record["doc"]:
                raise ValueError('the record has no "doc"')
            scores = _scores(raw)
            has_activity = parse_bool(raw.get("has_activity"), "has_activity")
            has_timeline = parse_bool(raw.get("has_timeline"), "has_timeline")
            statement = {
                "record_id": text_or_none(raw.get("id")) or f"{Path(record['doc']).name}#{index}",
                "doc": record["doc"],
                "index": index,
                "page": _int(raw.get("page"), "page"),
                "kind": text_or_none(raw.get("kind")),
                "char_start": _int(raw.get("char_start"), "char_start"),
                "char_end": _int(raw.get("char_end"), "char_end"),
                "bbox": _bbox(raw.get("bbox")),
                "lead_in": lead_in,
                "text": text,
                "lang": record["lang"],
                "scores": scores,
                "evidence": _evidence_spans(raw.get("evidence"), text, lead_in),
                **{name: record[name] for name in METADATA_FIELDS},
            }
            is_need = record["is_need"]
            needs = record["needs"] if is_need else []
            has_activity, has_timeline = (has_activity, has_timeline) if is_need else (False, False)
            reasons = generic_reasons(is_need, needs, has_activity, has_timeline)
            predicted = {"is_need": is_need, "needs": needs, "has_activity": has_activity,
                         "has_timeline": has_timeline, "generic": bool(reasons), "reasons": reasons}
        except (ValueError, ReviewError) as error:
            raise ReviewError(f"{path}:{number}: {error}") from error
        statement["predicted"] = predicted
        statements.append(statement)
    manifest = _read_manifest(manifest_path(path))
    if not statements and not manifest:
        raise ReviewError(f"{path}: empty results file (no records and no manifest beside it)")
    return statements, manifest


def _read_manifest(manifest_file: Path) -> dict[str, dict]:
    """The manifest's documents by ``doc`` (empty without a manifest), with the sha256 it recorded."""
    manifest: dict[str, dict] = {}
    if manifest_file.is_file():
        for document in load_manifest(manifest_file):
            manifest[document["doc"]] = document
        # normalize_document drops sha256; read it from the raw lines (same reader)
        text = read_text(manifest_file)
        for _, raw in jsonl_rows(manifest_file, text):
            if isinstance(raw, Mapping) and text_or_none(raw.get("doc")) in manifest:
                sha = text_or_none(raw.get("sha256"))
                if sha and re.fullmatch(r"[0-9a-fA-F]{64}", sha):
                    manifest[text_or_none(raw.get("doc"))]["sha256"] = sha.lower()  # type: ignore[index]
    return manifest
