"""What a decision says: a full labels dict, consistent with the annotation guideline.

Reviewers change one label at a time and other tools send partial answers;
every writer of the store goes through :func:`complete_labels`, so a stored
decision never has categories on a non-need or a ``generic`` flag that
disagrees with :func:`pipeline.flags.generic_reasons`.
"""
from __future__ import annotations

from collections.abc import Mapping

from ..flags import generic_reasons
from ..schema import CATEGORIES
from .errors import ReviewError

#: The labels a reviewer sets; ``generic`` and ``reasons`` follow from them.
LABEL_FIELDS: tuple[str, ...] = ("is_need", "needs", "has_activity", "has_timeline")
_FLAGS = ("is_need", "has_activity", "has_timeline")


def _flag(value: object, name: str) -> bool:
    """A label's true/false value, strictly: a string such as ``"false"`` must not count as true."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ReviewError(f"{name} must be true or false, not {value!r}")


def complete_labels(labels: Mapping[str, object] | str, base: Mapping[str, object] | None = None) -> dict:
    """A full, guideline-consistent labels dict from a partial one (or ``"accept"``) and the current labels.

    Reviewers change one thing at a time, so missing labels come from
    ``base``; when the change names a category, activity or timeline without
    saying ``is_need``, the statement becomes a need (else the change would be
    lost). A non-need carries no categories, activity or timeline, and
    ``generic``/``reasons`` always follow from the rest, as the guideline says.
    """
    base = dict(base or {})
    current = {
        "is_need": bool(base.get("is_need", False)),
        "needs": [c for c in CATEGORIES if c in (base.get("needs") or [])],
        "has_activity": bool(base.get("has_activity", False)),
        "has_timeline": bool(base.get("has_timeline", False)),
    }
    if isinstance(labels, str):
        if labels != "accept":
            raise ReviewError(f"a decision is a labels dict or 'accept', not {labels!r}")
        change: dict = {}
    elif isinstance(labels, Mapping):
        unknown = sorted(set(labels) - set(LABEL_FIELDS) - {"generic", "reasons"})
        if unknown:
            raise ReviewError(f"unknown label '{unknown[0]}' (expected {', '.join(LABEL_FIELDS)})")
        change = {name: labels[name] for name in LABEL_FIELDS if name in labels}
    else:
        raise ReviewError(f"a decision is a labels dict or 'accept', not {type(labels).__name__}")
    for name in _FLAGS:
        if name in change:
            current[name] = _flag(change[name], name)
    if "needs" in change:
        needs = change["needs"]
        if isinstance(needs, str) or not isinstance(needs, (list, tuple, set, frozenset)):
            raise ReviewError(f"needs must be a list of categories, not {needs!r}")
        unknown = sorted({str(n) for n in needs} - set(CATEGORIES))
        if unknown:
            raise ReviewError(f"unknown category '{unknown[0]}' (expected {', '.join(CATEGORIES)})")
        current["needs"] = [c for c in CATEGORIES if c in needs]
    if "is_need" not in change and (
        change.get("needs") or change.get("has_activity") is True or change.get("has_timeline") is True
    ):
        current["is_need"] = True
    if not current["is_need"]:
        current.update(needs=[], has_activity=False, has_timeline=False)
    reasons = generic_reasons(current["is_need"], current["needs"], current["has_activity"], current["has_timeline"])
    current.update(generic=bool(reasons), reasons=reasons)
    return current
