"""Running one cue pattern over many statements in a single scan.

A cue pattern that may match a short statement costs a few microseconds to
run, and most of that is the call, not the scan: starting ``finditer`` and
walking its iterator. A batch of statements runs each pattern once over the
statements that may hold it, joined by :data:`SEPARATOR`, and gives each
match back to its statement.

That finds exactly what running the pattern on each statement alone finds
when the pattern can never read the separator: no piece of it matches that
character (so no match, and no look-around, reaches across it) and it has
no anchor other than a word boundary (``\\b`` and ``\\B`` see the separator
as they see the start or end of a text: it is not a word character). Such
patterns are *joinable*; the others run statement by statement.
``tests/test_cue_speed.py`` checks the batch against single statements.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

#: Put between statements. NUL never occurs in report text worth the name,
#: but correctness does not depend on that: a joinable pattern cannot match
#: it wherever it occurs.
SEPARATOR = "\x00"

_c = _sre_constants
#: Character classes that hold the separator.
_CATEGORIES_WITH_SEPARATOR = frozenset({
    _c.CATEGORY_NOT_DIGIT, _c.CATEGORY_NOT_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_NOT_LINEBREAK,
    _c.CATEGORY_UNI_NOT_DIGIT, _c.CATEGORY_UNI_NOT_SPACE, _c.CATEGORY_UNI_NOT_WORD,
    _c.CATEGORY_UNI_NOT_LINEBREAK, _c.CATEGORY_LOC_NOT_WORD,
})
#: The anchors that treat the separator as the edge of a text.
_WORD_BOUNDARIES = frozenset({
    _c.AT_BOUNDARY, _c.AT_NON_BOUNDARY, _c.AT_UNI_BOUNDARY, _c.AT_UNI_NON_BOUNDARY,
})
_SEPARATOR_CODE = ord(SEPARATOR)


def joinable(parsed: _parser.SubPattern) -> bool:
    """True when the pattern (parsed by ``re._parser``) can never read the separator."""
    return all(_node_joinable(op, av) for op, av in parsed)


def _node_joinable(op: object, av: Any) -> bool:
    """Conservative: any node this does not know makes the pattern not joinable."""
    c = _sre_constants
    if op is c.LITERAL:
        return av != _SEPARATOR_CODE
    if op is c.AT:
        return av in _WORD_BOUNDARIES
    if op is c.IN:
        return all(_set_item_joinable(kind, value) for kind, value in av)
    if op is c.SUBPATTERN:
        return joinable(av[3])
    if op is c.ATOMIC_GROUP:
        return joinable(av)
    if op is c.BRANCH:
        return all(joinable(alternative) for alternative in av[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return joinable(av[2])
    if op in (c.ASSERT, c.ASSERT_NOT):
        return joinable(av[1])
    if op is c.GROUPREF:  # matches what its group matched, which is checked where the group is
        return True
    if op is c.GROUPREF_EXISTS:
        return joinable(av[1]) and (av[2] is None or joinable(av[2]))
    return False  # ANY, NOT_LITERAL and whatever else may match any character


def _set_item_joinable(kind: object, value: Any) -> bool:
    c = _sre_constants
    if kind is c.LITERAL:
        return value != _SEPARATOR_CODE
    if kind is c.RANGE:
        low, high = value
        return not low <= _SEPARATOR_CODE <= high
    if kind is c.CATEGORY:
        return value not in _CATEGORIES_WITH_SEPARATOR
    return False  # NEGATE and anything unknown


def pattern_joinable(pattern: str, flags: int) -> bool:
    """:func:`joinable` for a pattern given as text."""
    return joinable(_parser.parse(pattern, flags))


def spans_joined(regex: re.Pattern[str], texts: Sequence[str]) -> Iterable[tuple[int, int, int]]:
    """``(text number, start, end)`` of every non-empty match of a joinable
    ``regex`` in each of ``texts``, offsets relative to that text."""
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text) + len(SEPARATOR)
    for match in regex.finditer(SEPARATOR.join(texts)):
        start, end = match.span()
        if end > start:
            number = bisect_right(starts, start) - 1
            offset = starts[number]
            yield number, start - offset, end - offset
