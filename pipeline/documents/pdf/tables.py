"""Ruled tables: found when a page is scanned, read row by row when it is
laid out.

A table's words must not reach the paragraph logic, where its cells would
become a jumble of short lines; each word inside a cell is moved into that
cell at once, and each row later becomes one ``table`` draft with its cells.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pdfplumber

from pipeline.documents.pdf.geometry import inside, turned
from pipeline.documents.pdf.lines import Word, lines_of
from pipeline.paragraphs import Draft
from pipeline.schema import BBox


@dataclass
class Cell:
    """A table cell and the words found in it."""

    bbox: BBox
    words: list[Word] = field(default_factory=list)


@dataclass
class Table:
    """A ruled table found by pdfplumber, with the words of each cell."""

    bbox: BBox
    rows: list[tuple[BBox, list[Cell]]]


def find_tables(page: pdfplumber.page.Page, turn: str | None) -> list[Table]:
    """Ruled tables of two or more columns and rows (a frame drawn around a
    column of text is not a table), turned upright with the page's text
    when ``turn`` says it runs sideways."""
    tables = []
    width, height = float(page.width), float(page.height)
    for found in page.find_tables():
        rows = [
            (row.bbox, [Cell(cell) for cell in row.cells if cell is not None])
            for row in found.rows
        ]
        rows = [(bbox, cells) for bbox, cells in rows if cells]
        if len(rows) < 2 or max(len(cells) for _, cells in rows) < 2:
            continue
        table = Table(found.bbox, rows)
        if turn:
            table = Table(
                turned(table.bbox, turn, width, height),
                [
                    (turned(bbox, turn, width, height), [Cell(turned(cell.bbox, turn, width, height)) for cell in cells])
                    for bbox, cells in rows
                ],
            )
        tables.append(table)
    return tables


def take_table_words(words: list[Word], tables: list[Table]) -> list[Word]:
    """Move each word that lies in a table cell into that cell; return the
    words outside every table."""
    free = []
    for word in words:
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        cell = next((cell for table in tables if inside(table.bbox, x, y) for cell in _cells_at(table, x, y)), None)
        if cell is None:
            free.append(word)
        else:
            cell.words.append(word)
    return free


def _cells_at(table: Table, x: float, y: float) -> Iterator[Cell]:
    for _, cells in table.rows:
        for cell in cells:
            if inside(cell.bbox, x, y):
                yield cell


def table_drafts(table: Table) -> list[Draft]:
    """One ``table`` draft a row, holding the text of each cell with words."""
    drafts = []
    for bbox, cells in table.rows:
        texts = [[line.text for line in lines_of(cell.words)] for cell in cells if cell.words]
        if texts:
            drafts.append(Draft([], "table", bbox, cells=texts))
    return drafts
