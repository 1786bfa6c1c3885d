"""The synthesis report: what a secretariat writes from a batch of tagged reports.

>>> from pipeline.report import build_synthesis, load_results, write_report
>>> records, documents = load_results("needs.jsonl")          # doctest: +SKIP
>>> write_report(build_synthesis(records, documents), "synthesis.html", "html")  # doctest: +SKIP

``load_results`` reads what ``capneeds tag`` wrote (JSONL, CSV or Parquet,
plus ``<results>.manifest.jsonl`` when it is there); ``build_synthesis``
computes every figure and sentence once; ``write_report`` renders them as a
self-contained HTML page, Markdown or a tidy CSV. The same records give the
same bytes, so reports can be compared and kept under version control.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..errors import CapneedsError
from .figures import Synthesis, compute
from .load import load_results, normalize_document, normalize_record
from .render import FORMATS, render, write_report
from .sentences import summary

__all__ = ["FORMATS", "Synthesis", "build_synthesis", "load_results", "render", "write_report"]


def _normalized(items: Iterable[object], normalize: Callable[[object], dict], what: str) -> list[dict]:
    """Records may come from a notebook rather than a file, so they are checked here too."""
    result = []
    for number, item in enumerate(items, start=1):
        try:
            result.append(normalize(item))
        except ValueError as error:
            raise CapneedsError(f"{what} {number}: {error}") from error
    return result


def build_synthesis(records: Iterable[dict], documents: Iterable[dict] | None = None) -> Synthesis:
    """All figures and sentences for ``records`` (as `capneeds tag` writes them).

    ``documents`` are the manifest's lines; without them the documents are the
    distinct ``doc`` values of the records, and failed documents are unknown.
    """
    figures = compute(
        _normalized(records, normalize_record, "record"),
        None if documents is None else _normalized(documents, normalize_document, "document"),
    )
    return replace(figures, sentences=summary(figures))
