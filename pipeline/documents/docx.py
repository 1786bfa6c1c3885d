"""DOCX reader: body paragraphs, tables, text boxes and notes, in order.

python-docx opens the package; the body is then walked as XML because its
paragraph API skips what reports are made of: content controls (a Word
TOC is one), text boxes, insertions tracked by reviewers, and the
footnotes part. Field instructions ("TOC \\o", "PAGEREF _Toc…") and
drawing offsets are never text, so they never leak.
"""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import OpcError
from lxml import etree

from pipeline.errors import DocumentError
from pipeline.paragraphs import Draft, LineJoiner, build_page, list_marker, word_counts
from pipeline.schema import Document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC, _SDT = (f"{{{_W}}}{tag}" for tag in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR = (f"{{{_W}}}{tag}" for tag in ("t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN, _SOFT_HYPHEN, _SYM = (f"{{{_W}}}{tag}" for tag in ("noBreakHyphen", "softHyphen", "sym"))
_TEXT_BOX = f"{{{_W}}}txbxContent"
_FALLBACK = f"{{{_MC}}}Fallback"
_VAL = f"{{{_W}}}val"


def read_docx(path: Path) -> Document:
    """Read a Word document as one page: body text, then its notes."""
    try:
        document = docx.Document(str(path))
    except (OpcError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise DocumentError(path, f"corrupt DOCX ({_short(error)})") from None
    styles = _Styles(document.styles.element)
    drafts = list(_blocks(document.element.body, styles))
    drafts += _notes(document)
    joiner = LineJoiner(word_counts(line for draft in drafts for line in draft.texts()))
    page = build_page(1, drafts, joiner)
    return Document(path, (page,), () if page.blocks else ("no text found in the document",))


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:80].lower()


class _Styles:
    """What a paragraph style says about its paragraphs, following the
    style's "based on" chain: heading, list, or table of contents."""

    def __init__(self, styles: etree._Element) -> None:
        self._xml = {style.get(f"{{{_W}}}styleId"): style for style in styles.iter(f"{{{_W}}}style")}
        self.default = next(
            (sid for sid, s in self._xml.items() if s.get(f"{{{_W}}}default") in ("1", "true") and s.get(f"{{{_W}}}type") == "paragraph"),
            None,
        )
        self._kinds: dict[str | None, str] = {}

    def kind(self, style_id: str | None) -> str:
        """"heading", "list_item", "contents" or "body"."""
        if style_id not in self._kinds:
            self._kinds[style_id] = self._resolve(style_id, depth=0)
        return self._kinds[style_id]

    def _resolve(self, style_id: str | None, depth: int) -> str:
        style = self._xml.get(style_id)
        if style is None or depth > 20:
            return "body"
        name = (_child_val(style, "name") or "").lower()
        if name.startswith("toc"):
            return "contents"
        if name.startswith(("heading", "title", "subtitle")) or _outline_level(style) is not None:
            return "heading"
        if name.startswith(("list bullet", "list number")) or _numbered(style):
            return "list_item"
        return self._resolve(_child_val(style, "basedOn"), depth + 1)


def _child_val(element: etree._Element, tag: str) -> str | None:
    child = element.find(f"{{{_W}}}{tag}")
    return None if child is None else child.get(_VAL)


def _outline_level(element: etree._Element) -> int | None:
    level = element.find(f"{{{_W}}}pPr/{{{_W}}}outlineLvl")
    return None if level is None or level.get(_VAL) == "9" else int(level.get(_VAL, "9"))


def _numbered(element: etree._Element) -> bool:
    number = element.find(f"{{{_W}}}pPr/{{{_W}}}numPr/{{{_W}}}numId")
    return number is not None and number.get(_VAL) != "0"


def _blocks(container: etree._Element, styles: _Styles) -> Iterator[Draft]:
    """Drafts of a body, a content control or a text box, in order."""
    for child in container:
        if child.tag == _P:
            yield from _paragraph(child, styles)
        elif child.tag == _TBL:
            yield from _table(child)
        elif child.tag == _SDT:
            content = child.find(f"{{{_W}}}sdtContent")
            if content is not None:
                yield from _blocks(content, styles)


def _paragraph(paragraph: etree._Element, styles: _Styles) -> Iterator[Draft]:
    lines = _lines(paragraph)
    style = paragraph.find(f"{{{_W}}}pPr/{{{_W}}}pStyle")
    kind = styles.kind(styles.default if style is None else style.get(_VAL))
    if kind != "contents" and any(line.strip() for line in lines):
        if kind == "body" and (_numbered(paragraph) or list_marker(lines[0].strip()) is not None):
            kind = "list_item"
        elif kind == "body" and _outline_level(paragraph) is not None:
            kind = "heading"
        yield Draft(lines, kind)
    for box in _text_boxes(paragraph):
        yield from _blocks(box, styles)


def _lines(element: etree._Element) -> list[str]:
    """A paragraph's text, split at manual line breaks."""
    lines = [""]
    for piece in _pieces(element):
        if piece == "\n":
            lines.append("")
        else:
            lines[-1] += piece
    return lines


def _pieces(element: etree._Element) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag == _T:
            yield child.text or ""
        elif tag == _TAB:
            yield " "
        elif tag in (_BR, _CR):
            yield "\n" if child.get(f"{{{_W}}}type") in (None, "textWrapping") else " "
        elif tag == _NO_BREAK_HYPHEN:
            yield "-"
        elif tag == _SOFT_HYPHEN:
            yield "\u00ad"
        elif tag == _SYM:
            yield chr(int(child.get(f"{{{_W}}}char", "20"), 16))
        elif tag not in (_TEXT_BOX, _FALLBACK):
            yield from _pieces(child)


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """Text boxes anchored in a paragraph, each once (a box's VML copy
    under mc:Fallback is skipped), nested boxes left to their parent."""
    for box in paragraph.iter(_TEXT_BOX):
        ancestors = list(box.iterancestors())
        inner = ancestors[: ancestors.index(paragraph)]
        if not any(a.tag in (_FALLBACK, _TEXT_BOX) for a in inner):
            yield box


def _table(table: etree._Element) -> Iterator[Draft]:
    """One "table" draft per row; a cell's nested tables are part of its
    text, and empty cells (continuations of merged ones) are skipped."""
    for row in table.iter(_TR):
        if next(row.iterancestors(_TBL)) is not table:
            continue
        cells = []
        for cell in row.iter(_TC):
            if next(cell.iterancestors(_TR)) is not row:
                continue
            cells.append(_all_lines(cell))
        if any(cells):
            yield Draft([], "table", cells=cells)


def _all_lines(element: etree._Element) -> list[str]:
    """Every paragraph inside a cell or a note, nested tables and text boxes
    included (their VML copies not), one line per paragraph."""
    lines = []
    for paragraph in element.iter(_P):
        if any(ancestor.tag == _FALLBACK for ancestor in paragraph.iterancestors()):
            continue
        line = " ".join(_lines(paragraph)).strip()
        if line:
            lines.append(line)
    return lines


def _notes(document: docx.document.Document) -> list[Draft]:
    """Footnotes and endnotes, numbered in order, as "footnote" drafts."""
    drafts = []
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or rel.is_external:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for note in root.iter(f"{{{_W}}}{kind[:-1]}"):
            if note.get(f"{{{_W}}}type") not in (None, "normal"):
                continue  # separators
            lines = _all_lines(note)
            if lines:
                drafts.append(Draft([f"{len(drafts) + 1} {lines[0].strip()}", *lines[1:]], "footnote"))
    return drafts
