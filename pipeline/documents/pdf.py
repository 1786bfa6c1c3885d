"""PDF reader: pdfplumber characters → lines → paragraphs, in reading order.

Pages are read one by one and released at once, so that memory is bounded
by a few pages' words plus the document's text, however many pages it has:

1. :func:`_scan` keeps only a page's words (text, box, font size,
   boldness) and table cells.
2. :func:`_lay_out` lays each page out (columns, lines, paragraphs,
   footnotes, tables) a few pages later, once running heads and footers
   can be told by their repetition and the body font size is known.
3. Line-end hyphens are repaired at the end, against the whole document's
   vocabulary.

Everything the user can fix (a password, OCR) is raised as a
:class:`~pipeline.errors.DocumentError`; damage that still leaves text
(a bad page, a corrupt stream, a page of images) becomes a warning.
"""
from __future__ import annotations

import logging
import re
import statistics
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import WordExtractor

from pipeline.errors import DocumentError
from pipeline.paragraphs import (
    Draft,
    LineJoiner,
    build_page,
    is_contents_line,
    list_marker,
    looks_like_heading,
    word_counts,
)
from pipeline.schema import BBox, Document

NO_TEXT = "no text layer on any page (a scanned document?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
UNREADABLE = "text layer is unreadable (broken font encoding); run OCR first"

_WORDS = WordExtractor(x_tolerance=3, y_tolerance=3, extra_attrs=["size", "fontname"])
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)


class _Word(NamedTuple):
    """A word as the layout needs it; a plain tuple, to keep pages small."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class _Cell:
    bbox: BBox
    words: list[_Word] = field(default_factory=list)


@dataclass
class _Table:
    """A ruled table found by pdfplumber, with the words of each cell."""

    bbox: BBox
    rows: list[tuple[BBox, list[_Cell]]]


@dataclass
class _ScannedPage:
    """What is kept of a page until it is laid out."""

    number: int
    width: float
    height: float
    words: list[_Word] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    has_images: bool = False
    problem: str | None = None


# --- reading pages ------------------------------------------------------------


def read_pdf(path: Path, password: str | None = None) -> Document:
    """Read a PDF into a :class:`Document`, one :class:`Page` per PDF page."""
    with _pdfminer_log() as log:
        laid_out = list(_lay_out(_scan(path, password, log)))
    if not any(page.has_text for page in laid_out):
        problems = {page.problem for page in laid_out}
        raise DocumentError(path, UNREADABLE if _UNREADABLE_PAGE in problems else NO_TEXT)
    warnings = tuple(f"page {page.number}: {page.problem}" for page in laid_out if page.problem)
    joiner = LineJoiner(word_counts(text for page in laid_out for draft in page.drafts for text in draft.texts()))
    return Document(path, tuple(build_page(page.number, page.drafts, joiner) for page in laid_out), warnings)


@contextmanager
def _pdfminer_log() -> Iterator[list[str]]:
    """Keep pdfminer's and pdfplumber's log records off stderr, collecting
    the warnings so that stream damage can be reported per page."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect(logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        yield records
    finally:
        for logger, (propagate, level) in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)


def _open(path: Path, password: str | None) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path, password=password)
    except PdfminerException as error:
        cause = error.args[0] if error.args else error
        if isinstance(cause, PDFPasswordIncorrect):
            problem = "encrypted PDF: wrong password" if password else "encrypted PDF: a password is required"
            raise DocumentError(path, problem) from None
        if isinstance(cause, PDFEncryptionError):
            raise DocumentError(path, f"encrypted PDF: unsupported encryption ({cause})") from None
        raise DocumentError(path, f"corrupt or truncated PDF ({_cause(cause)})") from None


def _cause(error: BaseException) -> str:
    """A short lower-case cause for a parser exception."""
    if type(error).__name__ == "PSEOF":
        return "unexpected end of file"
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:80].lower()


def _scan(path: Path, password: str | None, log: list[str]) -> Iterator[_ScannedPage]:
    """Each page's words and tables, one page at a time; a page pdfminer
    cannot read is kept empty with its problem, the rest go on."""
    pdf = _open(path, password)
    try:
        try:
            pages = pdf.pages
        except PdfminerException as error:
            raise DocumentError(path, f"corrupt or truncated PDF ({_cause(error.args[0])})") from None
        if not pages:
            raise DocumentError(path, "corrupt or truncated PDF (no pages found)")
        for page in pages:
            seen = len(log)
            try:
                scanned = _scan_page(page)
            except Exception as error:  # pdfminer raises anything on bad streams
                cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
                scanned = _ScannedPage(page.page_number, float(page.width), float(page.height))
                scanned.problem = f"could not be read ({_cause(cause)}); it is left out"
            finally:
                page.close()
            if scanned.problem is None and any("corrupt" in message or "decompress" in message for message in log[seen:]):
                scanned.problem = "a damaged content stream; some of its text may be missing"
            yield scanned
    finally:
        pdf.close()


def _scan_page(page: pdfplumber.page.Page) -> _ScannedPage:
    width, height = float(page.width), float(page.height)
    chars = [_bullet(char) for char in page.chars if char["text"] == _UNDEFINED_BULLET or not char["text"].startswith("(cid:")]
    unmapped = len(page.chars) - len(chars)
    chars, turn = _upright(chars, width, height)
    if turn:
        width, height = height, width
    scanned = _ScannedPage(page.page_number, width, height, has_images=bool(page.images))
    words = [_word(word) for word in _WORDS.extract_words(chars) if word["text"].strip()]
    if words and _is_garbage(words, unmapped):
        scanned.problem = _UNREADABLE_PAGE
        return scanned
    if len(chars) < 20 and (unmapped or scanned.has_images):
        scanned.problem = (
            f"almost no text layer ({len(chars)} characters) over images or unreadable glyphs; "
            "run OCR to read it"
            if chars
            else "no text layer (a scanned page?); run OCR to read it"
        )
    scanned.tables = _tables(page, turn) if page.rects or page.lines else []
    scanned.words = _take_table_words(words, scanned.tables)
    return scanned


# Code 127 is undefined in WinAnsiEncoding, which says such codes print a
# bullet; pdfminer leaves it as "(cid:127)".
_UNDEFINED_BULLET = "(cid:127)"


def _bullet(char: dict) -> dict:
    return {**char, "text": "\u2022"} if char["text"] == _UNDEFINED_BULLET else char


def _word(word: dict) -> _Word:
    return _Word(
        word["text"], word["x0"], word["x1"], word["top"], word["bottom"],
        round(float(word["size"]), 1), bool(_BOLD.search(word["fontname"] or "")),
    )


def _upright(chars: list[dict], width: float, height: float) -> tuple[list[dict], str | None]:
    """Keep the text that runs in the page's main direction, turned so that
    it reads left to right: a page set sideways (/Rotate 90, a landscape
    table) is read; vertical margin slugs on an upright page are dropped."""
    direction = Counter(_direction(char) for char in chars)
    main = direction.most_common(1)[0][0] if chars else None
    kept = [char for char in chars if _direction(char) == main]
    if main in (None, "ltr"):
        return kept, None
    return [{**char, **_turn_box(_box(char), main, width, height)} for char in kept], main


def _direction(char: dict) -> str:
    if char["upright"]:
        return "ltr"
    return "ttb" if char["matrix"][1] < 0 else "btt"


def _box(obj: dict) -> BBox:
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


def _turn_box(box: BBox, direction: str, width: float, height: float) -> dict:
    x0, top, x1, bottom = box
    if direction == "ttb":
        return {"x0": top, "x1": bottom, "top": width - x1, "bottom": width - x0, "upright": True}
    return {"x0": height - bottom, "x1": height - top, "top": x0, "bottom": x1, "upright": True}


# A page whose words look like "M]heh\guc dh^_dk": a font without a usable
# ToUnicode map. Real words in any of our languages rarely hold these
# symbols, and real text rarely has most of its glyphs unmapped.
_UNREADABLE_PAGE = "text layer is unreadable (broken font encoding); run OCR to read it"
_ODD = set("[]\\^_`{|}~@<>=")


def _is_garbage(words: list[_Word], unmapped: int) -> bool:
    """Whether a page's text layer is mojibake rather than language."""
    length = sum(len(word.text) for word in words)
    if unmapped > 20 and unmapped > 0.2 * (length + unmapped):
        return True
    if length < 100:
        return False
    odd = sum(1 for word in words if _looks_garbled(word.text))
    return odd > 0.15 * len(words)


def _looks_garbled(text: str) -> bool:
    if "://" in text or text.startswith("www.") or "@" in text[1:-1]:
        return False  # addresses hold these symbols legitimately
    return any(ch in _ODD for ch in text) and any(ch.isalpha() for ch in text)


def _tables(page: pdfplumber.page.Page, turn: str | None) -> list[_Table]:
    """Ruled tables of two or more columns and rows (a frame drawn around a
    column of text is not a table)."""
    tables = []
    for found in page.find_tables():
        rows = [
            (row.bbox, [_Cell(cell) for cell in row.cells if cell is not None])
            for row in found.rows
        ]
        rows = [(bbox, cells) for bbox, cells in rows if cells]
        if len(rows) < 2 or max(len(cells) for _, cells in rows) < 2:
            continue
        table = _Table(found.bbox, rows)
        if turn:
            table = _Table(
                _turned(table.bbox, turn, page),
                [(_turned(bbox, turn, page), [_Cell(_turned(cell.bbox, turn, page)) for cell in cells]) for bbox, cells in rows],
            )
        tables.append(table)
    return tables


def _turned(box: BBox, turn: str, page: pdfplumber.page.Page) -> BBox:
    turned = _turn_box(box, turn, float(page.width), float(page.height))
    return (turned["x0"], turned["top"], turned["x1"], turned["bottom"])


def _take_table_words(words: list[_Word], tables: list[_Table]) -> list[_Word]:
    """Move each word that lies in a table cell into that cell; return the
    words outside every table."""
    free = []
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        cell = next((cell for table in tables if _inside(table.bbox, x, y) for cell in _cells_at(table, x, y)), None)
        if cell is None:
            free.append(word)
        else:
            cell.words.append(word)
    return free


def _cells_at(table: _Table, x: float, y: float) -> Iterator[_Cell]:
    for _, cells in table.rows:
        for cell in cells:
            if _inside(cell.bbox, x, y):
                yield cell


def _inside(box: BBox, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


# --- lines ---------------------------------------------------------------------


_NOTE_MARK = re.compile(r"\d{1,3}|[*†‡]{1,3}")
_UNIT_END = re.compile(r"(?:^|\d|\b)(?:k|c|m)?m$|(?:^|\d|\b)(?:к|с|м)?м$", re.IGNORECASE)


class _Line:
    """Words sharing a baseline (superscripts and subscripts included)."""

    __slots__ = ("words", "text", "x0", "x1", "top", "bottom", "size", "bold")

    def __init__(self, words: Sequence[_Word]) -> None:
        self.words = sorted(words, key=lambda word: word.x0)
        sizes: Counter[float] = Counter()
        for word in self.words:
            sizes[word.size] += len(word.text)
        self.size = sizes.most_common(1)[0][0]
        core = [word for word in self.words if word.size == self.size]
        self.top = min(word.top for word in core)
        self.bottom = max(word.bottom for word in core)
        self.x0 = self.words[0].x0
        self.x1 = max(word.x1 for word in self.words)
        bold = sum(len(word.text) for word in self.words if word.bold)
        self.bold = bold >= 0.8 * sum(len(word.text) for word in self.words)
        shown = [word for index, word in enumerate(self.words) if not self._is_note_mark(index)]
        parts = [shown[0].text] if shown else []
        for before, word in zip(shown, shown[1:]):
            # split only by a change of font ("CO" + lowered "2", italic + ","): no space
            glued = word.x0 - before.x1 < 0.12 * max(word.size, before.size)
            parts.append(word.text if glued else f" {word.text}")
        self.text = "".join(parts)

    def _is_note_mark(self, index: int) -> bool:
        """A raised small number or asterisk after a word ("partners.¹"): a
        reference to a footnote, which is not part of the sentence. A raised
        number after a unit ("m²", "km³") is an exponent and stays."""
        word = self.words[index]
        if index == 0 or word.size > 0.8 * self.size or not _NOTE_MARK.fullmatch(word.text):
            return False
        raised = word.bottom < self.bottom - 0.2 * self.size
        before = self.words[index - 1]
        touching = word.x0 - before.x1 < 0.3 * self.size
        return raised and touching and not _UNIT_END.search(before.text)

    @property
    def bbox(self) -> BBox:
        return (self.x0, min(w.top for w in self.words), self.x1, max(w.bottom for w in self.words))


def _overlaps(top: float, bottom: float, other_top: float, other_bottom: float) -> bool:
    """Whether two vertical ranges share at least half of the shorter one."""
    shared = min(bottom, other_bottom) - max(top, other_top)
    return shared >= 0.5 * min(bottom - top, other_bottom - other_top)


def _lines(words: Sequence[_Word]) -> list[_Line]:
    """Group words into lines by vertical overlap with a line's main-size
    words, so that a raised "²" or a lowered "₂" stays in its line."""
    groups: list[list[_Word]] = []
    cores: list[tuple[float, float, float]] = []  # top, bottom, size of the largest word
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        for index in range(len(groups) - 1, max(len(groups) - 4, -1), -1):
            top, bottom, size = cores[index]
            if _overlaps(top, bottom, word.top, word.bottom):
                groups[index].append(word)
                if word.size > size:
                    cores[index] = (word.top, word.bottom, word.size)
                break
        else:
            groups.append([word])
            cores.append((word.top, word.bottom, word.size))
    return sorted((_Line(group) for group in groups), key=lambda line: (line.top, line.x0))


# --- columns -------------------------------------------------------------------

Gutter = tuple[float, float]  # the x range of the white between two columns


@dataclass
class _Region:
    """A stretch of the page set in columns: the gutters' x ranges and each
    column's lines."""

    top: float
    bottom: float
    gutters: list[Gutter]
    columns: list[list[_Line]]


@dataclass
class _Layout:
    """A page's lines before paragraphs: lines running across the page and
    the regions set in columns."""

    full: list[_Line]
    regions: list[_Region]


def _arrange(words: Sequence[_Word], width: float) -> _Layout:
    """Find the page's column regions and build every line."""
    regions = []
    taken: set[int] = set()
    for top, bottom, gutters in _column_regions(words, width):
        inside = [i for i, word in enumerate(words) if i not in taken and top <= (word.top + word.bottom) / 2 <= bottom]
        columns = _text_columns([words[i] for i in inside], gutters)
        if columns is not None:
            regions.append(_Region(top, bottom, *columns))
            taken.update(inside)
    return _Layout(_lines([word for i, word in enumerate(words) if i not in taken]), regions)


def _column_regions(words: Sequence[_Word], width: float) -> list[tuple[float, float, list[Gutter]]]:
    """Vertical white stripes between columns, each with its vertical extent,
    grouped into regions of stripes that sit side by side.

    The page is cut into strips one line high. An x position is free in a
    strip when the strip has text on both sides of it and none over it or
    within a wide word space of it; strips with text on one side only
    neither count nor interrupt. A run of three or more free strips makes a
    stripe; inter-word gaps of justified text never line up like that, a
    gutter between columns does.
    """
    if len(words) < 20:
        return []
    strip = max(statistics.median(word.bottom - word.top for word in words), 4.0)
    pad = 0.4 * strip
    by_strip: defaultdict[int, list[_Word]] = defaultdict(list)
    for word in words:
        by_strip[int((word.top + word.bottom) / 2 / strip)].append(word)
    bins = int(width // 2) + 2
    strips = []
    for index in sorted(by_strip):
        covered = bytearray(bins)
        for word in by_strip[index]:  # widened, to fill the gaps between words
            start, end = max(int((word.x0 - pad) // 2), 0), min(int((word.x1 + pad) // 2) + 1, bins)
            covered[start:end] = b"\x01" * (end - start)
        strip_words = by_strip[index]
        strips.append((index, int(min(w.x0 for w in strip_words) // 2), int(max(w.x1 for w in strip_words) // 2), covered))
    runs = [_longest_free_run(strips, b) for b in range(bins)]
    stripes = []
    group: list[int] = []
    for b in range(bins + 1):
        run = runs[b] if b < bins else None
        if run and group and _same_run(runs[group[-1]], run):
            group.append(b)
            continue
        if len(group) >= 3:
            best = max(runs[g][2] for g in group)
            core = [g for g in group if runs[g][2] == best]
            first, last, _ = runs[core[0]]
            stripes.append((core[0] * 2.0, core[-1] * 2.0 + 2.0, first * strip, (last + 1) * strip))
        group = [b] if run else []
    regions: list[tuple[float, float, list[Gutter]]] = []
    for x0, x1, top, bottom in sorted(stripes, key=lambda stripe: stripe[2]):
        if regions and top < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(bottom, regions[-1][1]), sorted([*regions[-1][2], (x0, x1)]))
        else:
            regions.append((top, bottom, [(x0, x1)]))
    return regions


def _longest_free_run(strips: Sequence[tuple[int, int, int, bytearray]], b: int) -> tuple[int, int, int] | None:
    """(first strip, last strip, free strips) of the longest stretch of
    strips not covered at x bin ``b``, or None below three free strips.
    The stretch runs from one covering strip to the next, so a column's
    lines beside white space above or below the other column are inside."""
    best = None
    first = last = None
    free = 0
    for index, lo, hi, covered in [*strips, (0, 0, 0, None)]:
        if covered is None or covered[b]:
            if free >= 3 and (best is None or free > best[2]):
                best = (first, last, free)
            first, free = None, 0
            continue
        first = index if first is None else first
        last = index
        if lo < b < hi:
            free += 1
    return best


def _same_run(run: tuple[int, int, int] | None, other: tuple[int, int, int]) -> bool:
    return run is not None and min(run[1], other[1]) - max(run[0], other[0]) >= 0.5 * min(run[1] - run[0], other[1] - other[0])


def _text_columns(
    words: Sequence[_Word], gutters: list[Gutter]
) -> tuple[list[Gutter], list[list[_Line]]] | None:
    """Split words at the stripes, but join a column without running text to
    its row: figures to the label on their left (page numbers, an unruled
    table's values); anything else across the narrower of its two gutters,
    since a sliver of words cut off by a narrow stripe is the ragged end of
    the lines on its left, while bullets and short labels at the page's left
    edge belong to the text on their right. None when no columns remain."""
    gutters = list(gutters)
    while gutters:
        by_column: list[list[_Word]] = [[] for _ in range(len(gutters) + 1)]
        for word in words:
            by_column[_column_of((word.x0 + word.x1) / 2, gutters)].append(word)
        columns = [_lines(column) for column in by_column]
        bad = next((i for i, column in enumerate(columns) if not _is_text(column)), None)
        if bad is None:
            return (gutters, columns) if any(_is_prose(column) for column in columns) else None
        if bad == 0 or bad == len(gutters):
            leftwards = bad > 0
        elif _is_figures(columns[bad]):
            leftwards = True
        else:
            leftwards = _width(gutters[bad - 1]) <= _width(gutters[bad])
        del gutters[bad - 1 if leftwards else bad]
    return None


def _width(gutter: Gutter) -> float:
    return gutter[1] - gutter[0]


def _is_figures(lines: Sequence[_Line]) -> bool:
    return sum(1 for line in lines if not any(ch.isalpha() for ch in line.text)) >= 0.5 * len(lines)


def _is_text(lines: Sequence[_Line]) -> bool:
    """Most lines hold two or more words of letters."""
    wordy = sum(1 for line in lines if sum(1 for w in line.words if sum(ch.isalpha() for ch in w.text) >= 2) >= 2)
    return bool(lines) and wordy >= 0.5 * len(lines)


def _is_prose(lines: Sequence[_Line]) -> bool:
    """Lines of running text: four or more words on many lines."""
    return len(lines) >= 3 and sum(1 for line in lines if len(line.words) >= 4) >= 0.4 * len(lines)


def _column_of(x: float, gutters: Sequence[Gutter]) -> int:
    return sum(1 for _, right in gutters if x >= right)


# --- running headers and footers -----------------------------------------------

_MARGIN = 0.12
_FURNITURE_TOKEN = re.compile(
    r"(?:\d{1,6}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|\d{1,4}/\d{1,4}|-\d{1,4}-|\d{2}-\d{5}|\*\d{5,}\*|\([A-Z]{1,2}\)"
    r"|[A-Z]{1,10}(?:/[\w.()\-]+)+|[-–—|•·]"
    r"|(?i:page|p\.|pág\.?|página|pagina|стр\.?|страница|of|de|sur|из))"
)


def _is_furniture(text: str) -> bool:
    """Page numbers ("3", "3/40", "Page 3 of 40", "- 3 -"), job numbers,
    barcodes and document symbols ("UNEP/MC/COP.6/12", "A/80/590")."""
    return all(_FURNITURE_TOKEN.fullmatch(token) for token in text.split())


def _margin_lines(page: _ScannedPage) -> list[_Line]:
    """Lines of the top and bottom margins, where running heads live."""
    height = page.height
    return _lines([w for w in page.words if w.bottom <= _MARGIN * height or w.top >= (1 - _MARGIN) * height])


def _chunks(line: _Line) -> list[list[_Word]]:
    """A margin line cut at wide gaps: "6/40", the job number and a footnote
    sharing the bottom line of a page are judged one by one."""
    chunks = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:]):
        if word.x0 - before.x1 > 2.5 * line.size:
            chunks.append([word])
        else:
            chunks[-1].append(word)
    return chunks


def _chunk_keys(chunk: Sequence[_Word]) -> tuple[tuple[str, int], ...]:
    """A chunk's text (digits ignored, so "Page 3" matches "Page 4") at its
    position bucket and the next, so that a line drifting across a bucket
    boundary still matches itself."""
    text = re.sub(r"\d+", "#", "".join(word.text for word in chunk).lower())
    bucket = int(min(word.top for word in chunk) // 8)
    return ((text, bucket), (text, bucket + 1))


class _Furniture:
    """Running heads and footers: margin chunks seen at the same height on
    three or more pages (on every page of a shorter document)."""

    def __init__(self) -> None:
        self._seen: defaultdict[tuple[str, int], set[int]] = defaultdict(set)

    def add(self, number: int, margin: list[_Line]) -> None:
        for line in margin:
            for chunk in _chunks(line):
                for key in _chunk_keys(chunk):
                    self._seen[key].add(number)

    def running(self, chunk: Sequence[_Word], pages: int | None) -> bool:
        """Whether a chunk repeats; ``pages`` is the page count once known."""
        needed = 3 if pages is None else max(min(3, pages), 2)
        return any(len(self._seen.get(key, ())) >= needed for key in _chunk_keys(chunk))


def _without_furniture(page: _ScannedPage, margin: list[_Line], furniture: _Furniture, pages: int | None) -> list[_Word]:
    """The page's words less running heads and footers, page numbers, job
    numbers and document symbols in its margins."""
    dropped = {
        id(word)
        for line in margin
        for chunk in _chunks(line)
        if _is_furniture(" ".join(word.text for word in chunk)) or furniture.running(chunk, pages)
        for word in chunk
    }
    return [word for word in page.words if id(word) not in dropped]


# --- paragraphs ----------------------------------------------------------------

_FOOTNOTE_MARK = re.compile(r"(?:\d{1,3}|[*†‡]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=[^\W\d_a-zа-яё]|$)")
_SENTENCE_END = ".!?:;"


def _footnote_start(line: _Line, body_size: float) -> bool:
    """A small-print line opening with a note mark: "1", "1Cook", "*", or a
    letter before a capital ("a Includes…", as under tables)."""
    if line.size > body_size - 1:
        return False
    first, rest = line.words[0].text, line.words[1:]
    bare = _FOOTNOTE_MARK.fullmatch(first) or (len(first) == 1 and first.islower())
    if bare:  # "10 seconds." carries a note on; "10 The…" starts one
        return not rest or rest[0].text[:1].isupper()
    return bool(_FOOTNOTE_MARK.match(first))


def _text_start(line: _Line) -> float:
    """Where a line's text begins after any list marker: the left edge of
    the continuation lines of a hanging-indent list item."""
    if len(line.words) > 1 and list_marker(line.text) is not None and len(line.words[0].text) <= 6:
        return line.words[1].x0
    return line.x0


def _pitch(lines: Sequence[_Line]) -> float:
    """The usual baseline-to-baseline distance between lines of a run."""
    steps = [
        line.bottom - before.bottom
        for before, line in zip(lines, lines[1:])
        if abs(line.size - before.size) < 0.5 and 0 < line.bottom - before.bottom < 2.5 * line.size
    ]
    return statistics.median(steps) if steps else 1.2 * statistics.median(line.size for line in lines)


def _breaks(group: Sequence[_Line], line: _Line, pitch: float, body_size: float) -> bool:
    """Whether ``line`` starts a new paragraph after the lines of ``group``."""
    before, first = group[-1], group[0]
    size = max(line.size, before.size)
    if line.bottom - before.bottom > 1.35 * pitch or line.top - before.bottom > 0.9 * size:
        return True
    if abs(line.size - before.size) >= 1:
        return True
    if before.bold and not line.bold and all(other.bold for other in group):
        return True  # the end of a bold heading
    if line.bold and not before.bold and before.text[-1:] in ".:!?":
        return True  # a bold heading straight after a paragraph
    if list_marker(line.text) is not None or _footnote_start(line, body_size):
        return True
    hanging = _text_start(first)
    if hanging > first.x0 + 1:  # inside a list item
        if line.x0 >= hanging - 4:
            return False  # a hanging indent
        if abs(line.x0 - first.x0) <= 4:  # back under the marker: runs on unless the item ended
            return before.text.rstrip()[-1:] in _SENTENCE_END
        return True
    if before.bold and line.bold:  # a centred heading's lines start anywhere
        return False
    return line.x0 > before.x0 + max(6.0, 0.8 * size)


def _paragraphs(lines: Sequence[_Line], body_size: float, page_height: float) -> list[Draft]:
    """Cut a run of lines (one column, top to bottom) into typed drafts;
    table-of-contents entries are left out."""
    lines = [line for line in lines if not is_contents_line(line.text)]
    if not lines:
        return []
    pitch = _pitch(lines)
    groups = [[lines[0]]]
    for line in lines[1:]:
        if _breaks(groups[-1], line, pitch, body_size):
            groups.append([line])
        else:
            groups[-1].append(line)
    drafts = []
    small_below = True  # only small print from here to the foot of the column
    for group in reversed(groups):
        small_below = small_below and all(line.size <= body_size - 1 for line in group)
        footnote = small_below and group[0].top > 0.25 * page_height and _footnote_start(group[0], body_size)
        kind = "footnote" if footnote else _kind(group, body_size)
        drafts.append(Draft([line.text for line in group], kind, _union(line.bbox for line in group)))
    return drafts[::-1]


def _kind(lines: Sequence[_Line], body_size: float) -> str:
    prominent = all(line.bold for line in lines) or min(line.size for line in lines) >= body_size + 1
    if prominent and len(lines) <= 3 and looks_like_heading(" ".join(line.text for line in lines), max_words=20):
        return "heading"
    return "list_item" if list_marker(lines[0].text) is not None else "body"


def _union(boxes: Iterable[BBox]) -> BBox:
    x0s, tops, x1s, bottoms = zip(*boxes)
    return (min(x0s), min(tops), max(x1s), max(bottoms))


def _table_drafts(table: _Table) -> list[Draft]:
    drafts = []
    for bbox, cells in table.rows:
        texts = [[line.text for line in _lines(cell.words)] for cell in cells if cell.words]
        if texts:
            drafts.append(Draft([], "table", bbox, cells=texts))
    return drafts


# --- laying pages out ------------------------------------------------------------

_LOOKAHEAD = 8


class _LaidOut(NamedTuple):
    number: int
    drafts: list[Draft]
    problem: str | None
    has_text: bool


def _lay_out(scanned: Iterable[_ScannedPage]) -> Iterator[_LaidOut]:
    """Lay each page out while reading the next ones.

    Running heads and the body font size need evidence from other pages,
    so a page is laid out only once the next few pages have been read;
    then its words are dropped. Memory holds a few pages' words and the
    drafts' text, however long the document.
    """
    furniture = _Furniture()
    sizes: Counter[float] = Counter()
    window: deque[tuple[_ScannedPage, list[_Line]]] = deque()

    def done(page: _ScannedPage, margin: list[_Line], pages: int | None) -> _LaidOut:
        body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        words = _without_furniture(page, margin, furniture, pages)
        drafts = _page_drafts(page, _arrange(words, page.width), body_size)
        return _LaidOut(page.number, drafts, page.problem, bool(page.words or page.tables))

    count = 0
    for page in scanned:
        count += 1
        margin = _margin_lines(page)
        furniture.add(page.number, margin)
        for word in page.words:
            if word.top < 0.6 * page.height:  # footnotes must not outweigh the text
                sizes[round(word.size * 2) / 2] += len(word.text)
        window.append((page, margin))
        if len(window) > _LOOKAHEAD:
            yield done(*window.popleft(), None)
    while window:
        yield done(*window.popleft(), count)


# --- reading order -------------------------------------------------------------

_Unit = tuple[float, list[Draft]]  # a paragraph or a table, and its top


def _page_drafts(page: _ScannedPage, layout: _Layout, body_size: float) -> list[Draft]:
    """Drafts of one page in reading order, footnotes last.

    Full-width lines, tables and column regions are read top to bottom; a
    region is read column by column, except when one column is much
    narrower and sparser than the other (labels beside text, as in forms):
    then row by row, a label and the text beside it.
    """
    items: list[tuple[float, _Line | _Table | _Region]] = [(line.top, line) for line in layout.full]
    items += [(region.top, region) for region in layout.regions]
    region_tables: dict[int, list[list[_Table]]] = {id(r): [[] for _ in r.columns] for r in layout.regions}
    for table in page.tables:
        x0, top, x1, bottom = table.bbox
        region = next((r for r in layout.regions if r.top <= (top + bottom) / 2 <= r.bottom), None)
        if region is not None and not any(x0 < right and x1 > left for left, right in region.gutters):
            region_tables[id(region)][_column_of((x0 + x1) / 2, region.gutters)].append(table)
        else:
            items.append((top, table))
    items.sort(key=lambda item: item[0])

    drafts: list[Draft] = []
    run: list[_Line] = []
    for _, item in items:
        if isinstance(item, _Line):
            run.append(item)
            continue
        drafts += _paragraphs(run, body_size, page.height)
        run = []
        if isinstance(item, _Table):
            drafts += _table_drafts(item)
        else:
            units = [
                _column_units([*lines, *tables], body_size, page.height)
                for lines, tables in zip(item.columns, region_tables[id(item)])
            ]
            drafts += _read_rows(*units) if _side_by_side(item.columns) else _read_columns(units)
    drafts += _paragraphs(run, body_size, page.height)
    return [d for d in drafts if d.kind != "footnote"] + [d for d in drafts if d.kind == "footnote"]


def _side_by_side(columns: Sequence[Sequence[_Line]]) -> bool:
    if len(columns) != 2 or not all(columns):
        return False
    labels, texts = columns
    width = max(line.x1 for line in labels) - min(line.x0 for line in labels)
    text_width = max(line.x1 for line in texts) - min(line.x0 for line in texts)
    return width < 0.75 * text_width and len(labels) <= 0.6 * len(texts)


def _column_units(items: list[_Line | _Table], body_size: float, page_height: float) -> list[_Unit]:
    """One column of a region: its paragraphs and tables, top to bottom."""
    items.sort(key=lambda item: item.bbox[1])
    units: list[_Unit] = []
    run: list[_Line] = []
    for item in [*items, None]:
        if isinstance(item, _Line):
            run.append(item)
            continue
        units += [(draft.bbox[1], [draft]) for draft in _paragraphs(run, body_size, page_height)]
        run = []
        if item is not None:
            units.append((item.bbox[1], _table_drafts(item)))
    return units


def _read_columns(columns: list[list[_Unit]]) -> list[Draft]:
    """Column after column, re-joining a paragraph that runs on from the
    foot of one column to the head of the next."""
    drafts: list[Draft] = []
    for units in columns:
        for position, (_, unit) in enumerate(units):
            last = next((i for i in range(len(drafts) - 1, -1, -1) if drafts[i].kind != "footnote"), None)
            if position == 0 and last is not None and _continues(drafts[last], unit[0]):
                drafts[last] = _merge(drafts[last], unit[0])
                drafts += unit[1:]
            else:
                drafts += unit
    return drafts


def _read_rows(labels: list[_Unit], texts: list[_Unit]) -> list[Draft]:
    """Interleave a narrow label column with the text beside it."""
    drafts: list[Draft] = []
    pending = sorted(texts, key=lambda unit: unit[0])
    for top, unit in sorted(labels, key=lambda unit: unit[0]):
        while pending and pending[0][0] < top - 2:
            drafts += pending.pop(0)[1]
        drafts += unit
    for _, unit in pending:
        drafts += unit
    return drafts


def _continues(before: Draft, after: Draft) -> bool:
    """Whether a column's first paragraph carries on the previous column's
    last one: no full stop before, a lower-case letter after."""
    if before.kind not in ("body", "list_item") or after.kind != "body" or not before.lines or not after.lines:
        return False
    return before.lines[-1].rstrip()[-1:] not in _SENTENCE_END and after.lines[0][:1].islower()


def _merge(before: Draft, after: Draft) -> Draft:
    return Draft(before.lines + after.lines, before.kind, _union([before.bbox, after.bbox]))
