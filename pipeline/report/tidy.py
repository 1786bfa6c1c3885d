"""The synthesis as a long ``scope,key,measure,value`` table.

One figure per row, so a spreadsheet can pivot it any way (scope ``all``,
``document``, ``language``, ``convention``, ``party`` and
``evidence_<category>``). Text cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` first) get a leading apostrophe.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..schema import CATEGORIES, REASONS
from .figures import DocumentFigures, GroupFigures, Synthesis, Tally
from .load import METADATA_FIELDS

Row = tuple[str, str, str, str | int]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _tally(tally: Tally) -> Iterator[tuple[str, int]]:
    yield "needs", tally.needs
    for category in CATEGORIES:
        yield f"needs_{category}", tally.categories[category]
    yield "needs_no_category", tally.no_category
    yield "generic", tally.generic
    for reason in REASONS:
        yield f"generic_{reason}", tally.reasons[reason]


def _group(group: GroupFigures) -> Iterator[tuple[str, int]]:
    yield "documents", group.documents
    yield "documents_with_needs", group.documents_with_needs
    for category in CATEGORIES:
        yield f"documents_needs_{category}", group.documents_naming[category]
    yield from _tally(group.tally)


def _document(document: DocumentFigures) -> Iterator[tuple[str, str | int]]:
    yield "status", document.status
    if document.error:
        yield "error", document.error
    for name in METADATA_FIELDS:
        if document.metadata[name]:
            yield name, document.metadata[name]
    if document.status == "failed":
        return
    if document.languages:
        yield "languages", ";".join(document.languages)
    if document.statements is not None:
        yield "statements", document.statements
    yield from _tally(document.tally)


def rows(synthesis: Synthesis) -> Iterator[Row]:
    yield "all", "", "documents_in_batch", len(synthesis.documents)
    yield "all", "", "documents_read", len(synthesis.read)
    yield "all", "", "documents_failed", len(synthesis.failed)
    yield "all", "", "records", synthesis.records
    if synthesis.statements is not None:
        yield "all", "", "statements", synthesis.statements
    for measure, value in _group(synthesis.overall):
        if measure != "documents":  # the same as documents_read
            yield "all", "", measure, value
    if synthesis.parties:
        yield "all", "", "parties_with_metadata", len(synthesis.parties)
        for category, value in synthesis.parties_naming.items():
            yield "all", "", f"parties_needs_{category}", value
    for document in synthesis.documents:
        for measure, value in _document(document):
            yield "document", document.doc, measure, value
    for scope, groups in (
        ("language", synthesis.languages),
        ("convention", synthesis.conventions),
        ("party", synthesis.parties),
    ):
        for group in groups:
            for measure, value in _group(group):
                yield scope, group.key, measure, value
    for category, terms in synthesis.evidence.items():
        for term, mentions in terms:
            yield f"evidence_{category}", term, "mentions", mentions


def to_csv(synthesis: Synthesis) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("scope", "key", "measure", "value"))
    writer.writerows((scope, _cell(key), measure, _cell(value)) for scope, key, measure, value in rows(synthesis))
    return buffer.getvalue()
