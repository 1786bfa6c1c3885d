"""Reading a PDF's pages one at a time, keeping only what the layout needs.

A pdfplumber page holds every character as a dict, plus drawing objects
and caches; it is reduced here to its words (text, box, font size,
boldness), its ruled tables and any problem found, and then closed, so
that a long document never holds more than a few pages' words. Text set
sideways is turned upright here, and a page pdfminer cannot read is kept
empty with its problem while the rest go on.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.documents.pdf.geometry import box, turn_box
from pipeline.documents.pdf.lines import Word, extract_words
from pipeline.documents.pdf.problems import (
    DAMAGED_STREAM,
    UNREADABLE_PAGE,
    cause,
    corrupt,
    is_damage,
    is_garbage,
    open_pdf,
    thin_text_layer,
    unreadable_page,
)
from pipeline.documents.pdf.tables import Table, find_tables, take_table_words

# Code 127 is undefined in WinAnsiEncoding, which says such codes print a
# bullet; pdfminer leaves it as "(cid:127)".
_UNDEFINED_BULLET = "(cid:127)"


@dataclass
class ScannedPage:
    """What is kept of a page until it is laid out."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    problem: str | None = None


def scan(path: Path, password: str | None, log: list[str]) -> Iterator[ScannedPage]:
    """Each page's words and tables, one page at a time; a page pdfminer
    cannot read is kept empty with its problem, the rest go on. ``log``
    collects pdfminer's warnings (see :func:`.problems.pdfminer_log`)."""
    pdf = open_pdf(path, password)
    try:
        try:
            pages = pdf.pages
        except PdfminerException as error:
            raise corrupt(path, cause(error.args[0])) from None
        if not pages:
            raise corrupt(path, "no pages found")
        for page in pages:
            seen = len(log)
            try:
                scanned = _scan_page(page)
            except Exception as error:  # pdfminer raises anything on bad streams
                scanned = ScannedPage(page.page_number, float(page.width), float(page.height))
                scanned.problem = unreadable_page(error)
            finally:
                page.close()
            if scanned.problem is None and any(is_damage(message) for message in log[seen:]):
                scanned.problem = DAMAGED_STREAM
            yield scanned
    finally:
        pdf.close()


def _scan_page(page: pdfplumber.page.Page) -> ScannedPage:
    width, height = float(page.width), float(page.height)
    chars = [_bullet(char) for char in page.chars if char["text"] == _UNDEFINED_BULLET or not char["text"].startswith("(cid:")]
    unmapped = len(page.chars) - len(chars)
    chars, turn = _upright(chars, width, height)
    if turn:
        width, height = height, width
    scanned = ScannedPage(page.page_number, width, height)
    has_images = bool(page.images)
    words = extract_words(chars)
    if words and is_garbage(words, unmapped):
        scanned.problem = UNREADABLE_PAGE
        return scanned
    scanned.problem = thin_text_layer(len(chars), unmapped, has_images)
    scanned.tables = find_tables(page, turn) if page.rects or page.lines else []
    scanned.words = take_table_words(words, scanned.tables)
    return scanned


def _bullet(char: dict) -> dict:
    return {**char, "text": "\u2022"} if char["text"] == _UNDEFINED_BULLET else char


def _upright(chars: list[dict], width: float, height: float) -> tuple[list[dict], str | None]:
    """Keep the text that runs in the page's main direction, turned so that
    it reads left to right: a page set sideways (/Rotate 90, a landscape
    table) is read; vertical margin slugs on an upright page are dropped."""
    direction = Counter(_direction(char) for char in chars)
    main = direction.most_common(1)[0][0] if chars else None
    kept = [char for char in chars if _direction(char) == main]
    if main in (None, "ltr"):
        return kept, None
    return [{**char, **turn_box(box(char), main, width, height)} for char in kept], main


def _direction(char: dict) -> str:
    if char["upright"]:
        return "ltr"
    return "ttb" if char["matrix"][1] < 0 else "btt"
