"""The sentences a secretariat writes in a synthesis, computed from the figures.

Secretariat documents state needs as counts of Parties or reports ("Of 16
reports, 8 state funding needs") and name the gaps they keep asking about
(no category, no activity, no timeline). Every number here comes from a
:class:`~.figures.Synthesis`; none is typed. Nouns agree with the total,
verbs with the count ("1 of 52 need statements gives no timeline").
"""
from __future__ import annotations

from ..schema import CATEGORIES
from .figures import Synthesis, Tally


def _noun(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular}" if count == 1 else f"{count} {plural or singular + 's'}"


def _verb(count: int, plural: str, singular: str) -> str:
    return singular if count == 1 else plural


def _count(count: int) -> str:
    return "none" if count == 0 else str(count)


def overview(synthesis: Synthesis) -> str:
    read, needs = len(synthesis.read), synthesis.overall.tally.needs
    if not read:
        return "No report could be read."
    found = (
        "no need statement was found in them"
        if not needs
        else f"{_noun(needs, 'need statement')} {_verb(needs, 'were', 'was')} found in them"
    )
    return f"{_noun(read, 'report')} {_verb(read, 'were', 'was')} read; {found}."


def failures(synthesis: Synthesis) -> list[str]:
    failed = len(synthesis.failed)
    if not failed:
        return []
    return [f"{_noun(failed, 'report')} could not be read (listed under Failed documents)."]


def reports(synthesis: Synthesis) -> list[str]:
    """"Of 16 reports, 8 state funding needs." for needs at all and for each category."""
    read = len(synthesis.read)
    if not read:
        return []
    group = synthesis.overall

    def line(count: int, what: str) -> str:
        return f"Of {_noun(read, 'report')}, {_count(count)} {_verb(count, 'state', 'states')} {what}."

    return [line(group.documents_with_needs, "at least one need")] + [
        line(group.documents_naming[c], f"{c} needs") for c in CATEGORIES
    ]


def _gap(tally: Tally, count: int, missing: str, present: str, verbs: tuple[str, str]) -> str:
    """"31 of 52 need statements give no timeline.", or "All 52 ... give a timeline." when none lacks it."""
    total = tally.needs
    if count == 0:
        subject = "The need statement" if total == 1 else f"All {total} need statements"
        return f"{subject} {_verb(total, *verbs)} {present}."
    return f"{count} of {_noun(total, 'need statement')} {_verb(count, *verbs)} {missing}."


def generic(synthesis: Synthesis) -> list[str]:
    """The generic share, then one sentence per reason."""
    tally = synthesis.overall.tally
    if not tally.needs:
        return []
    if tally.generic == 0:
        share = (
            "The need statement is specific"
            if tally.needs == 1
            else f"All {tally.needs} need statements are specific"
        )
        first = f"{share}: a category, an activity and a timeline are named."
    else:
        first = (
            f"{tally.generic} of {_noun(tally.needs, 'need statement')} "
            f"{_verb(tally.generic, 'are', 'is')} generic: a category, an activity or a timeline is missing."
        )
    return [
        first,
        _gap(
            tally,
            tally.no_category,
            "no equipment, skills, funding or infrastructure",
            "equipment, skills, funding or infrastructure",
            ("name", "names"),
        ),
        _gap(tally, tally.reasons["no_activity"], "no concrete activity", "a concrete activity", ("name", "names")),
        _gap(tally, tally.reasons["no_timeline"], "no timeline", "a timeline", ("give", "gives")),
    ]


def parties(synthesis: Synthesis) -> list[str]:
    """"Parties: 5 of 9 parties with metadata state equipment needs." when party metadata exists."""
    total = len(synthesis.parties)
    if not total:
        return []
    naming = synthesis.parties_naming
    return [
        f"Parties: {_count(naming[c])} of {_noun(total, 'party', 'parties')} with metadata "
        f"{_verb(naming[c], 'state', 'states')} {c} needs."
        for c in CATEGORIES
    ]


def summary(synthesis: Synthesis) -> tuple[str, ...]:
    """All sentences, in the order a synthesis would give them."""
    return (
        overview(synthesis),
        *failures(synthesis),
        *reports(synthesis),
        *generic(synthesis),
        *parties(synthesis),
    )
