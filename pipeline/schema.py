"""The contracts between pipeline stages.

Data flows one way: a reader turns a file into a :class:`Document` of
:class:`Page` objects holding :class:`Block` objects (paragraphs, list items,
table rows, footnotes, headings); the segmenter turns blocks into
:class:`Statement` objects; the classifier adds labels. Every field name that
reaches an output file is defined here, once.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

#: The four need categories, in the order they are always written.
CATEGORIES: tuple[str, ...] = ("equipment", "skills", "funding", "infrastructure")

#: Reasons a need statement is generic, in the order they are always written.
REASONS: tuple[str, ...] = ("no_category", "no_activity", "no_timeline")

#: The labels a model predicts, in the column order of its targets and outputs.
LABELS: tuple[str, ...] = ("is_need", *CATEGORIES, "has_activity", "has_timeline")

#: Languages the models cover.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("ru", "en", "fr", "es")

#: Kinds of block a reader may produce.
BLOCK_KINDS: tuple[str, ...] = ("body", "list_item", "heading", "table", "footnote")

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of a page, in reading order.

    ``char_start``/``char_end`` are offsets into :attr:`Page.text`, so a
    reviewer can be pointed at the exact span the statement came from.
    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points, or ``None`` for
    formats without a layout (DOCX, HTML, TXT).
    """

    text: str
    kind: str
    char_start: int
    char_end: int
    bbox: BBox | None = None


@dataclass(frozen=True)
class Page:
    """One page (PDF) or one logical page (the whole of a DOCX/HTML/TXT file).

    ``number`` is 1-based, as printed by PDF viewers.
    """

    number: int
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A read document: its path and pages, plus non-fatal warnings
    (e.g. "page 3 has no text layer") that the CLI shows the user."""

    path: Path
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)


@dataclass(frozen=True)
class Statement:
    """A sentence or list item located in its document.

    ``index`` counts statements from 1 within the document; ``char_start`` and
    ``char_end`` are offsets into the text of page ``page``.
    """

    text: str
    lang: str
    doc: str = ""
    page: int | None = None
    index: int = 0
    kind: str = "body"
    char_start: int | None = None
    char_end: int | None = None
    bbox: BBox | None = None
    #: For a list item, the sentence that introduces the list ("... needs:").
    lead_in: str = ""

    def to_dict(self) -> dict:
        return asdict(self)
