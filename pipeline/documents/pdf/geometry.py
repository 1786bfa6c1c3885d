"""Boxes on a page: turning a sideways page upright, containment, union.

Scanning, tables and paragraphs all handle ``(x0, top, x1, bottom)`` boxes;
the arithmetic lives here once so that each of them can use it without
importing the others.
"""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.schema import BBox


def box(obj: dict) -> BBox:
    """The box of one of pdfplumber's objects (a character, a word)."""
    return (obj["x0"], obj["top"], obj["x1"], obj["bottom"])


def turn_box(box: BBox, direction: str, width: float, height: float) -> dict:
    """The pdfplumber keys of ``box`` on a page of ``width`` × ``height``
    turned so that text running ``direction`` ("ttb" or "btt") reads left
    to right."""
    x0, top, x1, bottom = box
    if direction == "ttb":
        return {"x0": top, "x1": bottom, "top": width - x1, "bottom": width - x0, "upright": True}
    return {"x0": height - bottom, "x1": height - top, "top": x0, "bottom": x1, "upright": True}


def turned(box: BBox, direction: str, width: float, height: float) -> BBox:
    """``box`` on the page turned upright, as a box."""
    keys = turn_box(box, direction, width, height)
    return (keys["x0"], keys["top"], keys["x1"], keys["bottom"])


def inside(box: BBox, x: float, y: float) -> bool:
    """Whether the point (x, y) lies in ``box``, edges included."""
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all of ``boxes`` (at least one)."""
    x0s, tops, x1s, bottoms = zip(*boxes)
    return (min(x0s), min(tops), max(x1s), max(bottoms))
