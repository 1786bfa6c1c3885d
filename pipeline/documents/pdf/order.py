"""Reading order: a page's paragraphs and tables in the order a person
reads them.

Lines across the page, tables and column regions are read top to bottom;
a region is read column by column, and a paragraph running on from the
foot of one column to the head of the next is joined again. Footnotes come
after the page's body text.
"""
from __future__ import annotations

from collections.abc import Sequence

from pipeline.documents.pdf.blocks import SENTENCE_END, paragraphs
from pipeline.documents.pdf.columns import Layout, Region, column_of
from pipeline.documents.pdf.footnotes import footnotes_last
from pipeline.documents.pdf.geometry import union
from pipeline.documents.pdf.lines import Line
from pipeline.documents.pdf.scan import ScannedPage
from pipeline.documents.pdf.tables import Table, table_drafts
from pipeline.paragraphs import Draft

_Unit = tuple[float, list[Draft]]  # a paragraph or a table, and its top


def page_drafts(page: ScannedPage, layout: Layout, body_size: float) -> list[Draft]:
    """Drafts of one page in reading order, footnotes last.

    Full-width lines, tables and column regions are read top to bottom; a
    region is read column by column, except when one column is much
    narrower and sparser than the other (labels beside text, as in forms):
    then row by row, a label and the text beside it.
    """
    items: list[tuple[float, Line | Table | Region]] = [(line.top, line) for line in layout.full]
    items += [(region.top, region) for region in layout.regions]
    region_tables: dict[int, list[list[Table]]] = {id(r): [[] for _ in r.columns] for r in layout.regions}
    for table in page.tables:
        x0, top, x1, bottom = table.bbox
        region = next((r for r in layout.regions if r.top <= (top + bottom) / 2 <= r.bottom), None)
        if region is not None and not any(x0 < right and x1 > left for left, right in region.gutters):
            region_tables[id(region)][column_of((x0 + x1) / 2, region.gutters)].append(table)
        else:
            items.append((top, table))
    items.sort(key=lambda item: item[0])

    drafts: list[Draft] = []
    run: list[Line] = []
    for _, item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        drafts += paragraphs(run, body_size, page.height)
        run = []
        if isinstance(item, Table):
            drafts += table_drafts(item)
        else:
            units = [
                _column_units([*lines, *tables], body_size, page.height)
                for lines, tables in zip(item.columns, region_tables[id(item)])
            ]
            drafts += _read_rows(*units) if _side_by_side(item.columns) else _read_columns(units)
    drafts += paragraphs(run, body_size, page.height)
    return footnotes_last(drafts)


def _side_by_side(columns: Sequence[Sequence[Line]]) -> bool:
    if len(columns) != 2 or not all(columns):
        return False
    labels, texts = columns
    width = max(line.x1 for line in labels) - min(line.x0 for line in labels)
    text_width = max(line.x1 for line in texts) - min(line.x0 for line in texts)
    return width < 0.75 * text_width and len(labels) <= 0.6 * len(texts)


def _column_units(items: list[Line | Table], body_size: float, page_height: float) -> list[_Unit]:
    """One column of a region: its paragraphs and tables, top to bottom."""
    items.sort(key=lambda item: item.bbox[1])
    units: list[_Unit] = []
    run: list[Line] = []
    for item in [*items, None]:
        if isinstance(item, Line):
            run.append(item)
            continue
        units += [(draft.bbox[1], [draft]) for draft in paragraphs(run, body_size, page_height)]
        run = []
        if item is not None:
            units.append((item.bbox[1], table_drafts(item)))
    return units


def _read_columns(columns: list[list[_Unit]]) -> list[Draft]:
    """Column after column, re-joining a paragraph that runs on from the
    foot of one column to the head of the next."""
    drafts: list[Draft] = []
    for units in columns:
        for position, (_, unit) in enumerate(units):
            last = next((i for i in range(len(drafts) - 1, -1, -1) if drafts[i].kind != "footnote"), None)
            if position == 0 and last is not None and _continues(drafts[last], unit[0]):
                drafts[last] = _merge(drafts[last], unit[0])
                drafts += unit[1:]
            else:
                drafts += unit
    return drafts


def _read_rows(labels: list[_Unit], texts: list[_Unit]) -> list[Draft]:
    """Interleave a narrow label column with the text beside it."""
    drafts: list[Draft] = []
    pending = sorted(texts, key=lambda unit: unit[0])
    for top, unit in sorted(labels, key=lambda unit: unit[0]):
        while pending and pending[0][0] < top - 2:
            drafts += pending.pop(0)[1]
        drafts += unit
    for _, unit in pending:
        drafts += unit
    return drafts


def _continues(before: Draft, after: Draft) -> bool:
    """Whether a column's first paragraph carries on the previous column's
    last one: no full stop before, a lower-case letter after."""
    if before.kind not in ("body", "list_item") or after.kind != "body" or not before.lines or not after.lines:
        return False
    return before.lines[-1].rstrip()[-1:] not in SENTENCE_END and after.lines[0][:1].islower()


def _merge(before: Draft, after: Draft) -> Draft:
    return Draft(before.lines + after.lines, before.kind, union([before.bbox, after.bbox]))
