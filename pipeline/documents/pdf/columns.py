"""Columns: where a page is set in two or more columns, and which lines
belong to each.

Two-column pages must be read column by column; reading them line by line
across the page would interleave two paragraphs. Gutters are found as
vertical white stripes that line up over several lines, and a "column"
that holds no running text (page numbers, an unruled table's figures, a
bullet) is joined back to its neighbour.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.documents.pdf.lines import Line, Word, lines_of

Gutter = tuple[float, float]  # the x range of the white between two columns


@dataclass
class Region:
    """A stretch of the page set in columns: the gutters' x ranges and each
    column's lines."""

    top: float
    bottom: float
    gutters: list[Gutter]
    columns: list[list[Line]]


@dataclass
class Layout:
    """A page's lines before paragraphs: lines running across the page and
    the regions set in columns."""

    full: list[Line]
    regions: list[Region]


def arrange(words: Sequence[Word], width: float) -> Layout:
    """Find the page's column regions and build every line."""
    regions = []
    taken: set[int] = set()
    for top, bottom, gutters in _column_regions(words, width):
        inside = [i for i, word in enumerate(words) if i not in taken and top <= (word.top + word.bottom) / 2 <= bottom]
        columns = _text_columns([words[i] for i in inside], gutters)
        if columns is not None:
            regions.append(Region(top, bottom, *columns))
            taken.update(inside)
    return Layout(lines_of([word for i, word in enumerate(words) if i not in taken]), regions)


def _column_regions(words: Sequence[Word], width: float) -> list[tuple[float, float, list[Gutter]]]:
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
    by_strip: defaultdict[int, list[Word]] = defaultdict(list)
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
    words: Sequence[Word], gutters: list[Gutter]
) -> tuple[list[Gutter], list[list[Line]]] | None:
    """Split words at the stripes, but join a column without running text to
    its row: figures to the label on their left (page numbers, an unruled
    table's values); anything else across the narrower of its two gutters,
    since a sliver of words cut off by a narrow stripe is the ragged end of
    the lines on its left, while bullets and short labels at the page's left
    edge belong to the text on their right. None when no columns remain."""
    gutters = list(gutters)
    while gutters:
        by_column: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
        for word in words:
            by_column[column_of((word.x0 + word.x1) / 2, gutters)].append(word)
        columns = [lines_of(column) for column in by_column]
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


def _is_figures(lines: Sequence[Line]) -> bool:
    return sum(1 for line in lines if not any(ch.isalpha() for ch in line.text)) >= 0.5 * len(lines)


def _is_text(lines: Sequence[Line]) -> bool:
    """Most lines hold two or more words of letters."""
    wordy = sum(1 for line in lines if sum(1 for w in line.words if sum(ch.isalpha() for ch in w.text) >= 2) >= 2)
    return bool(lines) and wordy >= 0.5 * len(lines)


def _is_prose(lines: Sequence[Line]) -> bool:
    """Lines of running text: four or more words on many lines."""
    return len(lines) >= 3 and sum(1 for line in lines if len(line.words) >= 4) >= 0.4 * len(lines)


def column_of(x: float, gutters: Sequence[Gutter]) -> int:
    """The index of the column holding x position ``x``."""
    return sum(1 for _, right in gutters if x >= right)
