"""Running heads and footers, page numbers and document symbols.

Lines in a page's top and bottom margins that repeat at the same height on
other pages, or that hold nothing but a page number, a job number, a
barcode or a UN document symbol ("UNEP/MC/COP.6/12"), are page furniture:
they are dropped before the page is laid out, so that they are never glued
into a sentence nor written as statements.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from pipeline.documents.pdf.lines import Line, Word, lines_of
from pipeline.documents.pdf.scan import ScannedPage

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


def margin_lines(page: ScannedPage) -> list[Line]:
    """Lines of the top and bottom margins, where running heads live."""
    height = page.height
    return lines_of([w for w in page.words if w.bottom <= _MARGIN * height or w.top >= (1 - _MARGIN) * height])


def _chunks(line: Line) -> list[list[Word]]:
    """A margin line cut at wide gaps: "6/40", the job number and a footnote
    sharing the bottom line of a page are judged one by one."""
    chunks = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:]):
        if word.x0 - before.x1 > 2.5 * line.size:
            chunks.append([word])
        else:
            chunks[-1].append(word)
    return chunks


def _chunk_keys(chunk: Sequence[Word]) -> tuple[tuple[str, int], ...]:
    """A chunk's text (digits ignored, so "Page 3" matches "Page 4") at its
    position bucket and the next, so that a line drifting across a bucket
    boundary still matches itself."""
    text = re.sub(r"\d+", "#", "".join(word.text for word in chunk).lower())
    bucket = int(min(word.top for word in chunk) // 8)
    return ((text, bucket), (text, bucket + 1))


class Furniture:
    """Running heads and footers: margin chunks seen at the same height on
    three or more pages (on every page of a shorter document)."""

    def __init__(self) -> None:
        self._seen: defaultdict[tuple[str, int], set[int]] = defaultdict(set)

    def add(self, number: int, margin: list[Line]) -> None:
        """Count the margin lines of page ``number``."""
        for line in margin:
            for chunk in _chunks(line):
                for key in _chunk_keys(chunk):
                    self._seen[key].add(number)

    def running(self, chunk: Sequence[Word], pages: int | None) -> bool:
        """Whether a chunk repeats; ``pages`` is the page count once known."""
        needed = 3 if pages is None else max(min(3, pages), 2)
        return any(len(self._seen.get(key, ())) >= needed for key in _chunk_keys(chunk))


def without_furniture(page: ScannedPage, margin: list[Line], furniture: Furniture, pages: int | None) -> list[Word]:
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
