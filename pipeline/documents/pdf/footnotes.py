"""Footnotes: small print at the foot of a column, opening with a note mark.

A footnote merged into the paragraph above it, or a paragraph cut where a
footnote's mark was taken for a new paragraph, gives wrong statements; a
footnote is kept as its own ``footnote`` draft and read after the page's
body text. (The raised marks that refer to footnotes are taken out of the
sentences in :mod:`.lines`.)
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.documents.pdf.lines import Line
from pipeline.paragraphs import Draft

_FOOTNOTE_MARK = re.compile(r"(?:\d{1,3}|[*†‡]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=[^\W\d_a-zа-яё]|$)")


def footnote_start(line: Line, body_size: float) -> bool:
    """A small-print line opening with a note mark: "1", "1Cook", "*", or a
    letter before a capital ("a Includes…", as under tables)."""
    if line.size > body_size - 1:
        return False
    first, rest = line.words[0].text, line.words[1:]
    bare = _FOOTNOTE_MARK.fullmatch(first) or (len(first) == 1 and first.islower())
    if bare:  # "10 seconds." carries a note on; "10 The…" starts one
        return not rest or rest[0].text[:1].isupper()
    return bool(_FOOTNOTE_MARK.match(first))


def footnotes(paragraphs: Sequence[Sequence[Line]], body_size: float, page_height: float) -> list[bool]:
    """For each paragraph of a column (top to bottom), whether it is a
    footnote: only small print from it to the foot of the column, below the
    top quarter of the page, opening with a note mark."""
    marks = []
    small_below = True  # only small print from here to the foot of the column
    for group in reversed(paragraphs):
        small_below = small_below and all(line.size <= body_size - 1 for line in group)
        marks.append(small_below and group[0].top > 0.25 * page_height and footnote_start(group[0], body_size))
    return marks[::-1]


def footnotes_last(drafts: list[Draft]) -> list[Draft]:
    """A page's drafts with its footnotes moved after its body text."""
    return [d for d in drafts if d.kind != "footnote"] + [d for d in drafts if d.kind == "footnote"]
