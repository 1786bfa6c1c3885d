"""Word translations learnt from the corpus's own translations.

Word and character features are private to each language: a weight learnt
for "formation" says nothing about "обучение". The corpus holds the same
statements in several languages (``corpora/translated/``, the parallel
subset), so which lemmas translate one another can be counted: a Russian
lemma that occurs in the Russian versions of nearly the same statements as
an English lemma occurs in the English versions is its translation. Every
lemma is mapped to its English counterpart (English is the pivot: every
translated statement has an English version), and the model reads these
"concepts" as one more view whose weights all four languages share — so a
need learnt from French text is recognised in Spanish too.

The association measure is the Dice coefficient over statements, the
classic measure for word alignment from sentence-aligned text.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

PIVOT = "en"


def align_lemmas(
    units: Iterable[Sequence[tuple[str, Sequence[str]]]],
    min_pairs: int = 3,
    min_dice: float = 0.3,
) -> dict[str, dict[str, str]]:
    """``{lang: {lemma: english lemma}}`` from translation units.

    Each unit is the ``(lang, lemmas)`` of one statement's versions. A lemma
    is mapped to the English lemma with the highest Dice coefficient, if
    they co-occur in at least ``min_pairs`` units and the coefficient
    reaches ``min_dice``; English lemmas map to themselves.
    """
    occurrences: Counter[tuple[str, str]] = Counter()
    pairs: Counter[tuple[str, str, str]] = Counter()
    english: Counter[str] = Counter()
    for unit in units:
        pivot = {lemma for lang, lemmas in unit if lang == PIVOT for lemma in lemmas}
        if not pivot:
            continue
        english.update(pivot)
        for lang, lemmas in unit:
            if lang == PIVOT:
                continue
            for lemma in set(lemmas):
                occurrences[(lang, lemma)] += 1
                pairs.update((lang, lemma, target) for target in pivot)
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for (lang, lemma, target), together in pairs.items():
        if together < min_pairs:
            continue
        dice = 2 * together / (occurrences[(lang, lemma)] + english[target])
        key = (lang, lemma)
        if dice >= min_dice and (key not in best or (dice, target) > best[key]):
            best[key] = (dice, target)
    table: dict[str, dict[str, str]] = {PIVOT: {lemma: lemma for lemma, count in english.items() if count >= min_pairs}}
    for (lang, lemma), (_, target) in sorted(best.items()):
        table.setdefault(lang, {})[lemma] = target
    return table


def concepts(lemmas: Iterable[str], table: dict[str, str]) -> str:
    """The concept view of a statement: its lemmas that have an English
    counterpart, written as that counterpart."""
    return " ".join(table[lemma] for lemma in lemmas if lemma in table)
