"""Documents to tagged statements: read, segment, classify.

Headings and footnotes are never needs (the annotation guideline says so),
so where the reader recognised one, its labels are cleared after
classification; its scores stay, for whoever wants to look.

This is the work of ``capneeds tag`` for one file. Problems with the file
surface as :class:`~pipeline.errors.DocumentError` (one line, naming the
file); problems with parts of it (a page without text, paragraphs in another
language) come back as warnings next to the records.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .classifier import Classifier
from .documents import read_document
from .errors import DocumentError
from .metadata import EMPTY_META, META_FIELDS
from .segment import segment_document

#: File endings ``capneeds tag`` picks up when given a folder.
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")

#: Location fields written before the labels in every tagged record.
LOCATION_FIELDS = ("doc", "page", "index", "kind", "char_start", "char_end", "bbox", "lead_in")


#: Block kinds the annotation guideline rules out as needs, whatever their words.
NEVER_NEEDS = frozenset({"heading", "footnote"})
NOT_A_NEED = {
    "is_need": False,
    "needs": [],
    "has_activity": False,
    "has_timeline": False,
    "generic": False,
    "reasons": [],
    "evidence": {},
}


@dataclass
class TaggedDocument:
    path: Path
    records: list[dict]
    statements: int
    warnings: list[str]


def find_documents(inputs: list[Path]) -> list[Path]:
    """Files named directly, plus supported documents found in folders (sorted)."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES))
        else:
            found.append(path)
    return found


#: Statements classified at once: a 1,000-page report has ~25,000, and their
#: feature matrices at once would cost hundreds of MB for no gain in speed.
CLASSIFY_CHUNK = 2000


def _classify_in_chunks(statements: list, classifier: Classifier, name: str) -> Iterator[dict]:
    for start in range(0, len(statements), CLASSIFY_CHUNK):
        chunk = statements[start : start + CLASSIFY_CHUNK]
        yield from classifier.classify(
            [s.text for s in chunk],
            langs=[s.lang for s in chunk],
            ids=[f"{name}#{s.index}" for s in chunk],
            lead_ins=[s.lead_in for s in chunk],
        )


def tag_document(
    path: Path,
    classifier: Classifier,
    keep_all: bool = False,
    password: str | None = None,
    meta: dict[str, str | None] | None = None,
) -> TaggedDocument:
    """Tag every statement of ``path``; keep only needs unless ``keep_all``.

    ``meta`` (party, convention, year, symbol) is copied onto every record,
    right after the document's name, so each line stands on its own.
    """
    meta = meta or EMPTY_META
    document = read_document(path, password=password)
    segmentation = segment_document(document)
    warnings = [f"{path}: {warning}" for warning in document.warnings] + segmentation.warnings(str(path))
    if not segmentation.statements:
        if segmentation.skipped_languages:
            languages = ", ".join(sorted(segmentation.skipped_languages))
            raise DocumentError(path, f"unsupported language ({languages}); capneeds covers ru, en, fr, es")
        raise DocumentError(path, "no statements found (the document has no readable text)")
    statements = segmentation.statements
    records = []
    for statement, labels in zip(statements, _classify_in_chunks(statements, classifier, path.name)):
        if statement.kind in NEVER_NEEDS and labels["is_need"]:
            labels.update(NOT_A_NEED)
        if not (keep_all or labels["is_need"]):
            continue
        location = statement.to_dict()
        record = {"id": labels["id"], "doc": location["doc"], **{name: meta.get(name) for name in META_FIELDS}}
        record.update({name: location[name] for name in LOCATION_FIELDS if name != "doc"})
        record["bbox"] = [round(value, 2) for value in statement.bbox] if statement.bbox else None
        record.update({key: value for key, value in labels.items() if key != "id"})
        records.append(record)
    return TaggedDocument(path=path, records=records, statements=len(statements), warnings=warnings)
