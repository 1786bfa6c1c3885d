"""Paragraph breaks: cutting a column's lines into paragraphs, each a typed
draft (``body``, ``list_item``, ``heading`` or ``footnote``).

A PDF has no paragraphs, only lines; a new one is told by a wider gap, a
change of size or weight, an indent, a list marker or a footnote mark.
Joining the lines' text (hyphens, offsets) is left to
:mod:`pipeline.paragraphs`, which every reader shares.
"""
from __future__ import annotations

import statistics
from collections.abc import Sequence

from pipeline.documents.pdf.footnotes import footnote_start, footnotes
from pipeline.documents.pdf.geometry import union
from pipeline.documents.pdf.lines import Line
from pipeline.paragraphs import Draft, is_contents_line, list_marker, looks_like_heading

SENTENCE_END = ".!?:;"


def _text_start(line: Line) -> float:
    """Where a line's text begins after any list marker: the left edge of
    the continuation lines of a hanging-indent list item."""
    if len(line.words) > 1 and list_marker(line.text) is not None and len(line.words[0].text) <= 6:
        return line.words[1].x0
    return line.x0


def _pitch(lines: Sequence[Line]) -> float:
    """The usual baseline-to-baseline distance between lines of a run."""
    steps = [
        line.bottom - before.bottom
        for before, line in zip(lines, lines[1:])
        if abs(line.size - before.size) < 0.5 and 0 < line.bottom - before.bottom < 2.5 * line.size
    ]
    return statistics.median(steps) if steps else 1.2 * statistics.median(line.size for line in lines)


def _breaks(group: Sequence[Line], line: Line, pitch: float, body_size: float) -> bool:
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
    if list_marker(line.text) is not None or footnote_start(line, body_size):
        return True
    hanging = _text_start(first)
    if hanging > first.x0 + 1:  # inside a list item
        if line.x0 >= hanging - 4:
            return False  # a hanging indent
        if abs(line.x0 - first.x0) <= 4:  # back under the marker: runs on unless the item ended
            return before.text.rstrip()[-1:] in SENTENCE_END
        return True
    if before.bold and line.bold:  # a centred heading's lines start anywhere
        return False
    return line.x0 > before.x0 + max(6.0, 0.8 * size)


def paragraphs(lines: Sequence[Line], body_size: float, page_height: float) -> list[Draft]:
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
    return [
        Draft([line.text for line in group], "footnote" if note else _kind(group, body_size), union(line.bbox for line in group))
        for group, note in zip(groups, footnotes(groups, body_size, page_height))
    ]


def _kind(lines: Sequence[Line], body_size: float) -> str:
    prominent = all(line.bold for line in lines) or min(line.size for line in lines) >= body_size + 1
    if prominent and len(lines) <= 3 and looks_like_heading(" ".join(line.text for line in lines), max_words=20):
        return "heading"
    return "list_item" if list_marker(lines[0].text) is not None else "body"
