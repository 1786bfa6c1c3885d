"""Helpers for reader tests: where the real fixtures live, and a
small reportlab wrapper that draws pages line by line at known places, so
that a test knows exactly which paragraphs a reader must rebuild."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pipeline.documents import read_document
from pipeline.schema import Document

REAL = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "real"

BODY = ("Helvetica", 10)
LEADING = 13


def real_fixture(name: str) -> Path:
    """A file from shared/fixtures/real, or a clean skip when it is absent."""
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real fixture {name} is not available")
    return path


@cache
def read_real(name: str) -> Document:
    """A real fixture read once per test run (the big ones take seconds)."""
    return read_document(real_fixture(name))


def lines_at(canvas: Canvas, x: float, y: float, lines: Sequence[str], font: tuple[str, float] = BODY, leading: float = LEADING) -> float:
    """Draw lines downwards from baseline ``y``; return the next baseline."""
    canvas.setFont(*font)
    for line in lines:
        canvas.drawString(x, y, line)
        y -= leading
    return y


def furniture(canvas: Canvas, number: int, total: int) -> None:
    """A running head with a document symbol, and a "Page n of N" footer."""
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, 805, "Examplestan national capacity report")
    canvas.drawString(440, 805, "XYZ/CN/COP.2/9")
    canvas.drawCentredString(297, 30, f"Page {number} of {total}")


def write_pdf(path: Path, pages: Sequence[Callable[[Canvas], None]], running: bool = True, **canvas_options) -> Path:
    """A PDF whose page ``i`` is drawn by ``pages[i]``, with running head
    and footer when ``running``."""
    canvas = Canvas(str(path), pagesize=A4, **canvas_options)
    for number, draw in enumerate(pages, start=1):
        if running:
            furniture(canvas, number, len(pages))
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return path


def texts(document: Document, kind: str | None = None) -> list[str]:
    """Block texts of a document, optionally of one kind."""
    return [block.text for page in document.pages for block in page.blocks if kind in (None, block.kind)]
