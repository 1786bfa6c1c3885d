"""Words and the lines they make.

pdfplumber hands out characters as dicts of dozens of keys; a page's words
are kept, often for several pages at once (see :mod:`.reader`), so each is
cut down at once to the few facts the layout needs. Words are then grouped
into lines by their baseline, keeping a raised "²" or lowered "₂" in its
line and leaving out raised footnote marks ("partners.¹"), which are not
part of the sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from pdfplumber.utils.text import WordExtractor

from pipeline.schema import BBox

_WORDS = WordExtractor(x_tolerance=3, y_tolerance=3, extra_attrs=["size", "fontname"])
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
_NOTE_MARK = re.compile(r"\d{1,3}|[*†‡]{1,3}")
_UNIT_END = re.compile(r"(?:^|\d|\b)(?:k|c|m)?m$|(?:^|\d|\b)(?:к|с|м)?м$", re.IGNORECASE)


class Word(NamedTuple):
    """A word as the layout needs it; a plain tuple, to keep pages small."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def extract_words(chars: list[dict]) -> list[Word]:
    """The words pdfplumber's characters make, blank ones left out."""
    return [_word(word) for word in _WORDS.extract_words(chars) if word["text"].strip()]


def _word(word: dict) -> Word:
    return Word(
        word["text"], word["x0"], word["x1"], word["top"], word["bottom"],
        round(float(word["size"]), 1), bool(_BOLD.search(word["fontname"] or "")),
    )


class Line:
    """Words sharing a baseline (superscripts and subscripts included)."""

    __slots__ = ("words", "text", "x0", "x1", "top", "bottom", "size", "bold")

    def __init__(self, words: Sequence[Word]) -> None:
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


def lines_of(words: Sequence[Word]) -> list[Line]:
    """Group words into lines by vertical overlap with a line's main-size
    words, so that a raised "²" or a lowered "₂" stays in its line."""
    groups: list[list[Word]] = []
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
    return sorted((Line(group) for group in groups), key=lambda line: (line.top, line.x0))
