"""Rebuilding paragraphs from lines: the text logic every reader shares.

Readers know where lines are (a PDF's coordinates, a text file's newlines);
this module knows what the lines *say*: how to join them into one paragraph
(re-joining "develop-" + "ment" but keeping "multi-" + "year"), which
paragraphs are list items or headings, how to clean characters that fonts
and word processors leave behind (Symbol-font bullets in the Private Use
Area, soft hyphens, zero-width marks), and how a reader's drafts become a
:class:`~pipeline.schema.Page` with exact character offsets.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.schema import BBox, Block, Page

BULLET = "\u2022"

# Characters that print nothing or only steer direction; copying them into
# the text would split words for every later regex.
_INVISIBLE = dict.fromkeys(
    [0x00AD, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF]
)
# Hyphen look-alikes that mean "-" to every reader (U+2011 is Word's
# non-breaking hyphen, so "capacity‑building" matches "capacity-building").
_HYPHENS = {0x2010: "-", 0x2011: "-"}
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
# Symbol/Wingdings bullets are extracted as Private Use Area code points
# (U+F0B7, U+F0A7, U+F076, ...): they mean "bullet" whatever the glyph.
_PUA = re.compile("[\ue000-\uf8ff]+")
_SPACES = re.compile(r"\s+")

_TRANSLATION = {**_INVISIBLE, **_HYPHENS, **_LIGATURES}


def normalise_text(text: str) -> str:
    """Clean one paragraph's text: NFC, ligatures expanded, PUA bullets to
    "•", invisible marks dropped, every run of whitespace made one space."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    text = _PUA.sub(BULLET, text)
    return _SPACES.sub(" ", text).strip()


# --- list items and headings -------------------------------------------------

_ROMAN = r"(?:[ivxlc]{1,6}|[IVXLC]{1,6})"
_MARKER = re.compile(
    r"^(?:"
    r"[\u2022\u25cf\u25aa\u25a0\u25e6\u25cb\u25ba\u25b6\u27a2\u2713\u2756\u00b7\u2219\u25c6\u25c7\u25a1\u2023\u2043*]"
    r"|[-\u2013\u2014](?=\s)"  # dashes only when a space follows
    r"|o(?=\s+[A-ZÀ-ÖØ-ÞА-ЯЁ])"  # Word's second-level "o" bullet before a capital
    rf"|\(?{_ROMAN}\)|{_ROMAN}\.(?=\s)"  # (iv) iv) IV.
    r"|\(?[a-zа-яё]\)|[a-zа-яё]\.(?=\s)|[A-ZА-ЯЁ]\.(?=\s)"  # a) (a) a. A.
    r"|\(?\d{1,3}\)|\d{1,3}\.(?=\s)"  # 1) (1) 1.
    r"|\d{1,3}(?:\.\d{1,3})+\.?(?=\s+[^\W\d_a-zа-яё])"  # 1.2 Title, 14.8 The...
    r")\s*(?=\S)"
)
_TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$|…{2,}\s*\d{1,4}\s*$")
_SECTION_NUMBER = re.compile(rf"^(?:\d{{1,3}}(?:\.\d{{1,3}})*\.?|{_ROMAN}\.|[A-ZА-ЯЁ]\.)\s")
_TERMINAL = ".,;:!?"


def list_marker(text: str) -> str | None:
    """The list marker opening ``text`` ("a)", "1.2", "(iv)", "•", "-"),
    or ``None`` when the text does not start like a list item."""
    match = _MARKER.match(_PUA.sub(BULLET, text.lstrip(), count=1))
    return match.group(0).strip() if match else None


def is_contents_line(text: str) -> bool:
    """A table-of-contents entry ("Introduction ........ 3"): it repeats a
    heading found elsewhere and is no statement of its own."""
    return bool(_TOC_LINE.search(text))


def has_section_number(text: str) -> bool:
    """Whether ``text`` opens with a marker that numbers sections as well
    as list items ("1.", "2.3", "IV.", "B."), unlike bullets or "a)"."""
    return bool(_SECTION_NUMBER.match(text))


def looks_like_heading(text: str, max_words: int = 12) -> bool:
    """Whether ``text`` reads like a heading: short, no closing punctuation,
    starting with a capital (after any section number). Layout cues (font
    size, bold) are the reader's business; this is the textual half."""
    words = text.split()
    if not words or len(words) > max_words or len(text) > 120 or text[-1] in _TERMINAL:
        return False
    body = _SECTION_NUMBER.sub("", text, count=1).lstrip()
    first_letter = next((ch for ch in body if ch.isalpha()), "")
    return first_letter.isupper()


# --- joining lines ------------------------------------------------------------

_SOFT_HYPHEN = "\u00ad"
_LINE_END_HYPHENS = "-\u2010"
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?"
# First elements that make real compounds even when the dictionary knows
# neither them nor the joined word ("non-normal", "sous-régional").
_COMPOUND_PREFIXES = frozenset(
    "non self cross anti semi quasi multi pluri pan post pre sub sous inter intra extra ultra "
    "mid ex co low high long short well".split()
)
_LINKING_VOWELS = ("o", "i", "о")
_DICTIONARY_LANGUAGES = {"latin": ("en", "fr", "es"), "cyrillic": ("ru",)}


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased word frequencies of a whole document, hyphenated words
    kept whole: the evidence that "multi-year" or "development" is how this
    document spells a word broken at a line end."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word.lower() for word in _WORD.findall(text))
    return counts


@cache
def _common_words(script: str) -> frozenset[str]:
    """Common word forms of a script's languages, from pyspellchecker's
    frequency lists (loaded on first use: most documents never need them).
    A joined form found here is a word a typesetter broke."""
    from spellchecker import SpellChecker

    words: set[str] = set()
    for language in _DICTIONARY_LANGUAGES[script]:
        words.update(SpellChecker(language=language, distance=1).word_frequency.dictionary)
    return frozenset(words)


@cache
def _is_word(script: str) -> Callable[[str], bool]:
    """Whether a string is a word form of the script's languages. Russian
    inflects too much for a frequency list, so pymorphy3's full dictionary
    answers for Cyrillic."""
    if script == "cyrillic":
        import pymorphy3

        return pymorphy3.MorphAnalyzer().word_is_known
    return _common_words(script).__contains__


def _script(word: str) -> str | None:
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return "cyrillic"
    if all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in word):
        return "latin"
    return None


class LineJoiner:
    """Joins the lines of a paragraph into one line of text.

    A hyphen at a line end is either a typesetter's break ("develop-/ment")
    or part of the word ("multi-/year", "non-/normal", "Soekarno-/Hatta").
    The choice is made, in order, on: the piece after the hyphen starting
    with a capital or digit (keep); how this document spells the word
    elsewhere (``vocabulary``, from :func:`word_counts`); whether the joined
    form is a common word (join); whether the part after the hyphen is a
    word and the part before a word, a compounding prefix or a stem ending
    in a linking vowel ("socio-", "южно-") (keep). Anything else is joined, because
    typesetters break many more words than authors hyphenate at line ends.
    """

    def __init__(self, vocabulary: Counter[str] | None = None) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else Counter()

    def join(self, lines: Sequence[str]) -> str:
        """Join ``lines`` with single spaces, repairing line-end hyphens."""
        text = ""
        for line in lines:
            line = line.strip()
            if not line:
                continue
            if not text:
                text = line
            elif text.endswith(_SOFT_HYPHEN):
                text = text[:-1] + line
            elif text[-1] in _LINE_END_HYPHENS and len(text) > 1 and text[-2].isalpha():
                text = text + line if self.keeps_hyphen(text, line) else text[:-1] + line
            else:
                text = f"{text} {line}"
        return text

    def keeps_hyphen(self, before: str, after: str) -> bool:
        """Whether the hyphen ending ``before`` belongs to the word that
        continues at the start of ``after``."""
        left = before.split()[-1].lstrip(_EDGE_PUNCTUATION)[:-1]
        right = after.split()[0].rstrip(_EDGE_PUNCTUATION)
        if not left or not right or not right[0].isalpha() or not right[0].islower():
            return True
        head = left.split("-")[-1].lower()
        tail = right.lower().split("-")[0]
        joined, hyphenated = f"{left}{right}".lower(), f"{left}-{right}".lower()
        seen_joined, seen_hyphenated = self.vocabulary[joined], self.vocabulary[hyphenated]
        if seen_joined != seen_hyphenated:
            return seen_hyphenated > seen_joined
        script = _script(head + tail)
        if script is None or head + tail in _common_words(script):
            return False
        is_word = _is_word(script)
        if len(tail) < 3 or not is_word(tail):
            return False
        return head in _COMPOUND_PREFIXES or (len(head) >= 4 and (head.endswith(_LINKING_VOWELS) or is_word(head)))


# --- drafts and pages ---------------------------------------------------------


@dataclass
class Draft:
    """A block before its lines are joined: readers collect drafts for a
    whole document first, so that hyphen repair can use the document's own
    vocabulary."""

    lines: list[str]
    kind: str = "body"
    bbox: BBox | None = None
    #: For a table row: each cell's lines (``lines`` is then unused).
    cells: list[list[str]] | None = None

    def texts(self) -> list[str]:
        """Every line of the draft, cells included."""
        return self.lines + [line for cell in self.cells or () for line in cell]


def split_list_items(lines: Sequence[str], kind: str = "body") -> list[Draft]:
    """Split a run of lines wherever a line opens with a list marker: the
    lines before the first marker stay one ``kind`` draft, each marker
    starts a "list_item" draft that runs until the next marker."""
    drafts: list[Draft] = []
    for line in lines:
        if list_marker(line.strip()) is not None:
            drafts.append(Draft([line], "list_item"))
        elif drafts:
            drafts[-1].lines.append(line)
        else:
            drafts.append(Draft([line], kind))
    return drafts


def build_page(number: int, drafts: Iterable[Draft], joiner: LineJoiner) -> Page:
    """Join and clean each draft and lay the blocks out as one page text,
    blocks separated by a blank line, each block knowing its offsets.
    A table row's cells are joined with " | "."""
    blocks: list[Block] = []
    offset = 0
    for draft in drafts:
        if draft.cells is None:
            text = normalise_text(joiner.join(draft.lines))
        else:
            text = " | ".join(filter(None, (normalise_text(joiner.join(cell)) for cell in draft.cells)))
        if not text:
            continue
        if blocks:
            offset += 2
        blocks.append(Block(text, draft.kind, offset, offset + len(text), draft.bbox))
        offset += len(text)
    return Page(number, "\n\n".join(block.text for block in blocks), tuple(blocks))
