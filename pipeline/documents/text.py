"""Plain-text reader, and the byte decoding the HTML reader shares.

Text files come from anywhere: Word's "Save as text" (UTF-16 with a BOM),
old Russian systems (cp1251), Western ones (cp1252/latin-1), converters
that keep one paragraph per line and others that wrap at 72 columns. The
reader guesses each of these from the bytes rather than trusting a suffix.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from pipeline.errors import DocumentError
from pipeline.paragraphs import (
    Draft,
    LineJoiner,
    build_page,
    has_section_number,
    is_contents_line,
    list_marker,
    looks_like_heading,
    split_list_items,
    word_counts,
)
from pipeline.schema import Document

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: a byte-order mark wins, then a declared encoding
    (an HTML meta charset), then strict UTF-8, then charset-normalizer's
    best guess. Undecodable bytes become U+FFFD rather than an error."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    guess = charset_normalizer.from_bytes(data).best()
    return data.decode(guess.encoding if guess else "cp1252", errors="replace")


def read_text(path: Path) -> Document:
    """Read a plain-text file as one page of paragraphs."""
    try:
        text = decode(path.read_bytes())
    except OSError as error:
        raise DocumentError(path, f"cannot read the file ({error.strerror or error})".lower()) from None
    drafts = text_drafts(text)
    joiner = LineJoiner(word_counts(line for draft in drafts for line in draft.texts()))
    page = build_page(1, drafts, joiner)
    return Document(path, (page,), () if page.blocks else ("no text found in the file",))


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:+-]*$")


def text_drafts(text: str) -> list[Draft]:
    """Paragraph drafts of a plain text.

    Paragraphs are separated by blank lines. Within one, lines are a
    paragraph's wrapped lines when the file is hard-wrapped (most lines
    stop near one width); when lines run long, the file keeps one paragraph
    per line and every line is its own paragraph. A short line also ends
    its paragraph, a list marker starts a list item, and "| a | b |" lines
    and lines of tab-separated columns are table rows.
    """
    lines = [line.rstrip() for line in re.sub(r"\r\n?|\f", "\n", text).split("\n")]
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if not lengths:
        return []
    width = lengths[int(0.9 * (len(lengths) - 1))]
    one_per_line = width > 120

    drafts: list[Draft] = []
    run: list[str] = []

    def flush() -> None:
        drafts.extend(split_list_items(run))
        run.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped or is_contents_line(stripped):
            flush()
        elif _TABLE_ROW.match(line) or ("\t" in stripped and list_marker(stripped) is None):
            flush()
            if not _TABLE_RULE.match(line):
                cells = stripped.strip("|").split("|") if "|" in stripped else stripped.split("\t")
                drafts.append(Draft([], "table", cells=[[cell.strip()] for cell in cells if cell.strip()]))
        else:
            if one_per_line or (run and list_marker(stripped) is not None):
                flush()
            run.append(stripped)
            if len(stripped) < 0.6 * width:
                flush()
    flush()
    _mark_headings(drafts)
    return drafts


def _mark_headings(drafts: list[Draft]) -> None:
    """Single short lines without closing punctuation are headings, unless
    they are numbered like their neighbours (then they are a list)."""
    for index, draft in enumerate(drafts):
        if draft.cells is not None or len(draft.lines) != 1 or not looks_like_heading(draft.lines[0]):
            continue
        if draft.kind == "list_item":
            neighbours = drafts[max(index - 1, 0) : index] + drafts[index + 1 : index + 2]
            if not has_section_number(draft.lines[0]) or any(n.kind == "list_item" for n in neighbours):
                continue
        draft.kind = "heading"
