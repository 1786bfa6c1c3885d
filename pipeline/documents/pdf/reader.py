"""Reading a PDF into a :class:`~pipeline.schema.Document`, page by page in
bounded memory.

This module only runs the others in turn; memory stays bounded by a few
pages' words plus the document's text, however many pages it has:

1. :func:`.scan.scan` keeps only a page's words and table cells.
2. :func:`_lay_out` lays each page out (furniture, columns, paragraphs,
   footnotes, tables, reading order) a few pages later, once running heads
   and footers can be told by their repetition and the body font size is
   known.
3. Line-end hyphens are repaired at the end, against the whole document's
   vocabulary.
"""
from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from pipeline.documents.pdf.columns import arrange
from pipeline.documents.pdf.furniture import Furniture, margin_lines, without_furniture
from pipeline.documents.pdf.lines import Line
from pipeline.documents.pdf.order import page_drafts
from pipeline.documents.pdf.problems import NO_TEXT, UNREADABLE, UNREADABLE_PAGE, pdfminer_log
from pipeline.documents.pdf.scan import ScannedPage, scan
from pipeline.errors import DocumentError
from pipeline.paragraphs import Draft, LineJoiner, build_page, word_counts
from pipeline.schema import Document

_LOOKAHEAD = 8


def read_pdf(path: Path, password: str | None = None) -> Document:
    """Read a PDF into a :class:`Document`, one :class:`Page` per PDF page."""
    with pdfminer_log() as log:
        laid_out = list(_lay_out(scan(path, password, log)))
    if not any(page.has_text for page in laid_out):
        problems = {page.problem for page in laid_out}
        raise DocumentError(path, UNREADABLE if UNREADABLE_PAGE in problems else NO_TEXT)
    warnings = tuple(f"page {page.number}: {page.problem}" for page in laid_out if page.problem)
    joiner = LineJoiner(word_counts(text for page in laid_out for draft in page.drafts for text in draft.texts()))
    return Document(path, tuple(build_page(page.number, page.drafts, joiner) for page in laid_out), warnings)


class _LaidOut(NamedTuple):
    """What is kept of a page once laid out, until the document is built."""

    number: int
    drafts: list[Draft]
    problem: str | None
    has_text: bool


def _lay_out(scanned: Iterable[ScannedPage]) -> Iterator[_LaidOut]:
    """Lay each page out while reading the next ones.

    Running heads and the body font size need evidence from other pages,
    so a page is laid out only once the next few pages have been read;
    then its words are dropped. Memory holds a few pages' words and the
    drafts' text, however long the document.
    """
    furniture = Furniture()
    sizes: Counter[float] = Counter()
    window: deque[tuple[ScannedPage, list[Line]]] = deque()

    def done(page: ScannedPage, margin: list[Line], pages: int | None) -> _LaidOut:
        body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        words = without_furniture(page, margin, furniture, pages)
        drafts = page_drafts(page, arrange(words, page.width), body_size)
        return _LaidOut(page.number, drafts, page.problem, bool(page.words or page.tables))

    count = 0
    for page in scanned:
        count += 1
        margin = margin_lines(page)
        furniture.add(page.number, margin)
        for word in page.words:
            if word.top < 0.6 * page.height:  # footnotes must not outweigh the text
                sizes[round(word.size * 2) / 2] += len(word.text)
        window.append((page, margin))
        if len(window) > _LOOKAHEAD:
            yield done(*window.popleft(), None)
    while window:
        yield done(*window.popleft(), count)
