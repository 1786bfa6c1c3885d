"""HTML reader: the main text of a page as headings, paragraphs, list items
and table rows.

Reports saved from the web carry site furniture (menus, banners, cookie
forms, scripts) that would otherwise be read as statements; it is dropped,
and when the page marks its main content (<main>, role="main") only that
is read.
"""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from pipeline.documents.text import decode
from pipeline.errors import DocumentError
from pipeline.paragraphs import Draft, LineJoiner, build_page, word_counts
from pipeline.schema import Document

_DROPPED = {"script", "style", "noscript", "template", "nav", "aside", "form", "svg", "iframe", "button", "select", "head", "object", "canvas"}
_FURNITURE = {"header", "footer"}  # dropped unless inside an <article>
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {
    "p", "div", "section", "article", "main", "body", "html", "li", "ul", "ol", "dl", "dt", "dd",
    "table", "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "figure", "figcaption", "caption",
    "address", "center", "header", "footer", "hr", "details", "summary", "fieldset",
}
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(path: Path) -> Document:
    """Read an HTML file as one page of blocks."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(path, f"cannot read the file ({error.strerror or error})".lower()) from None
    declared = _META_CHARSET.search(data[:4096])
    soup = BeautifulSoup(decode(data, declared.group(1).decode("ascii") if declared else None), "html.parser")
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    drafts: list[Draft] = []
    _Walker(drafts).block(root, "body")
    joiner = LineJoiner(word_counts(line for draft in drafts for line in draft.texts()))
    page = build_page(1, drafts, joiner)
    return Document(path, (page,), () if page.blocks else ("no text found in the page",))


class _Walker:
    """Turns the element tree into drafts: inline text gathers into the
    nearest enclosing block; a nested block ends the text before it."""

    def __init__(self, drafts: list[Draft]) -> None:
        self.drafts = drafts

    def block(self, element: Tag, kind: str) -> None:
        parts: list[str] = []
        for child in element.children:
            if isinstance(child, _NOT_TEXT):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag) and not self._dropped(child):
                if child.name == "br":
                    parts.append(" ")
                elif child.name in _BLOCKS or child.find(_BLOCKS) is not None:
                    # a block, or an inline element wrapping blocks (bad markup)
                    self._emit(parts, kind)
                    parts = []
                    self._enter(child)
                else:
                    parts.append(_text(child))
        self._emit(parts, kind)

    def _enter(self, element: Tag) -> None:
        if element.name == "tr":
            cells = [[_text(cell)] for cell in element.find_all(["td", "th"], recursive=False)]
            self.drafts.append(Draft([], "table", cells=cells))
        elif element.name in _HEADINGS:
            self.block(element, "heading")
        elif element.name == "li":
            self.block(element, "list_item")
        else:
            self.block(element, "body")

    def _emit(self, parts: list[str], kind: str) -> None:
        text = "".join(parts)
        if text.strip():
            self.drafts.append(Draft([text], kind))

    @staticmethod
    def _dropped(element: Tag) -> bool:
        if element.name in _DROPPED:
            return True
        return element.name in _FURNITURE and element.find_parent("article") is None


def _text(element: Tag) -> str:
    """All text inside an element except dropped parts, spaced at tags."""
    pieces = []
    for node in element.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            if not any(parent.name in _DROPPED for parent in node.parents):
                pieces.append(str(node))
        elif isinstance(node, Tag) and node.name in ("br", "td", "th", "p", "li", "div"):
            pieces.append(" ")
    return "".join(pieces)
