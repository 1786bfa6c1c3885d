"""What the reviewer sees of labels: their short names, the keyboard shortcuts, evidence highlighting.

One table drives both the buttons and the list of shortcuts, so the keys a
reviewer reads are the keys that work.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..schema import LABELS

LABEL_NAMES: dict[str, str] = {
    "is_need": "need",
    "equipment": "equipment",
    "skills": "skills",
    "funding": "funding",
    "infrastructure": "infrastructure",
    "has_activity": "activity",
    "has_timeline": "timeline",
}
REASON_NAMES: dict[str, str] = {"no_category": "no category", "no_activity": "no activity", "no_timeline": "no timeline"}
#: One key per label toggle; the same table drives the buttons and the list of shortcuts.
TOGGLE_KEYS: dict[str, str] = {
    "is_need": "n",
    "equipment": "1",
    "skills": "2",
    "funding": "3",
    "infrastructure": "4",
    "has_activity": "c",
    "has_timeline": "t",
}
STATEMENT_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("a", "accept the labels shown (saved as your decision) and go to the next statement"),
    *((key, f"switch {LABEL_NAMES[label]} on or off") for label, key in TOGGLE_KEYS.items()),
    ("u", "undo your latest decision"),
    ("j", "next statement in the queue"),
    ("k", "previous statement in the queue"),
    ("p", "show or hide the page image"),
    ("q", "back to the queue"),
    ("?", "show or hide this list"),
    ("Esc", "close this list, or leave a text field"),
)
QUEUE_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("j", "next row"),
    ("k", "previous row"),
    ("o", "open the selected row (Enter works too)"),
    ("/", "search"),
    ("u", "undo your latest decision"),
    ("?", "show or hide this list"),
    ("Esc", "close this list, or leave a text field"),
)
OTHER_SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("u", "undo your latest decision"),
    ("q", "back to the queue"),
    ("?", "show or hide this list"),
)


def highlight(text: str, evidence: Mapping[str, Sequence[Mapping]] | None, where: str = "text") -> list[dict]:
    """``text`` cut into pieces, each with the labels whose evidence covers it.

    ``where`` is ``"text"`` or ``"lead_in"`` (spans with ``"in": "lead_in"``
    belong to the lead-in). Only the guideline's labels are used, offsets
    outside the text are ignored, and overlapping spans give a piece several
    labels. The template escapes every piece, so no report text is ever
    trusted as HTML.
    """
    text = text or ""
    covering: list[tuple[int, int, str]] = []
    for label, spans in (evidence or {}).items():
        if label not in LABEL_NAMES or not isinstance(spans, (list, tuple)):
            continue
        for span in spans:
            if not isinstance(span, Mapping) or (span.get("in") == "lead_in") != (where == "lead_in"):
                continue
            start, end = span.get("start"), span.get("end")
            if isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int) or not isinstance(end, int):
                continue
            if 0 <= start < end <= len(text):
                covering.append((start, end, label))
    cuts = sorted({0, len(text), *(s for s, _, _ in covering), *(e for _, e, _ in covering)})
    pieces: list[dict] = []
    for start, end in zip(cuts, cuts[1:]):
        labels = tuple(label for label in LABELS if any(s <= start and end <= e and l == label for s, e, l in covering))
        if pieces and pieces[-1]["labels"] == labels:
            pieces[-1]["text"] += text[start:end]
        else:
            pieces.append({"text": text[start:end], "labels": labels})
    return pieces
