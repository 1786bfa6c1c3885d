"""``generic`` and its ``reasons``, exactly as the annotation guideline defines them.

A need statement is specific only when it names at least one category, a
concrete activity and a timeline; each missing part is a reason. Statements
that are not needs are never generic.
"""
from __future__ import annotations

from collections.abc import Sequence

from .schema import CATEGORIES, REASONS


def generic_reasons(is_need: bool, needs: Sequence[str], has_activity: bool, has_timeline: bool) -> list[str]:
    """The reasons a statement is generic, in the guideline's order (empty if specific)."""
    if not is_need:
        return []
    unknown = set(needs) - set(CATEGORIES)
    if unknown:
        raise ValueError(f"unknown need categories: {sorted(unknown)}")
    missing = {
        "no_category": not needs,
        "no_activity": not has_activity,
        "no_timeline": not has_timeline,
    }
    return [reason for reason in REASONS if missing[reason]]


def is_generic(is_need: bool, needs: Sequence[str], has_activity: bool, has_timeline: bool) -> bool:
    """True when a need statement lacks a category, an activity or a timeline."""
    return bool(generic_reasons(is_need, needs, has_activity, has_timeline))
