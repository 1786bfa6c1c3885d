"""Lemma tables: full lemmatizers at training time, a small table at run time.

Lemmas only matter for words the model has a weight for. So at training time
the text is lemmatized with the full resources (pymorphy3 for Russian,
spacy-lookups-data tables for English, French and Spanish), and the model
keeps, per language, only the ``form -> lemma`` entries whose lemma is in its
vocabulary. Loading the model then costs milliseconds instead of the seconds
the full French table takes, and running it needs neither resource.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

from .errors import CapneedsError

Lemmatizer = Callable[[str], str]


@lru_cache(maxsize=None)
def _lookup_table(lang: str) -> dict[str, str]:
    """spacy-lookups-data's ``lemma_lookup`` table for ``lang``, with its string keys.

    Read from the package's JSON file rather than through ``spacy.lookups``,
    whose tables keep only hashes of the keys and so cannot be pruned.
    """
    try:
        data = resources.files("spacy_lookups_data") / "data" / f"{lang}_lemma_lookup.json.gz"
        with data.open("rb") as handle:
            raw = json.loads(gzip.decompress(handle.read()))
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise CapneedsError(
            f"lemma tables for '{lang}' are missing: install the research extra "
            "(pip install -e .[research]) which brings spacy-lookups-data"
        ) from error
    # The French table lists candidate lemmas; the first is the usual one.
    return {
        form.lower(): (lemma[0] if isinstance(lemma, list) else lemma).lower()
        for form, lemma in raw.items()
        if lemma
    }


@lru_cache(maxsize=1)
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def full_lemmatizer(lang: str) -> Lemmatizer:
    """The complete lemmatizer for ``lang``, for training.

    Returns a function from a lower-case word form to its lemma.
    """
    if lang == "ru":
        morph = _morph()
        cache: dict[str, str] = {}

        def russian(form: str) -> str:
            if form not in cache:
                cache[form] = morph.parse(form)[0].normal_form
            return cache[form]

        return russian
    table = _lookup_table(lang)

    def lookup(form: str) -> str:
        return table.get(form, form)

    return lookup


def _russian_forms(lemma: str) -> Iterable[str]:
    """Every form of ``lemma``, also spelt with "е" for "ё".

    pymorphy3 writes its forms with "ё", but most Russian text (reports
    included) prints "е" there; pymorphy3 reads both at training time, so
    the run-time table must hold both or "партнеров" would lose the lemma
    "партнёр" its weights were learnt for.
    """
    for parse in _morph().parse(lemma):
        if parse.normal_form == lemma:
            for form in parse.lexeme:
                yield form.word
                if "ё" in form.word:
                    yield form.word.replace("ё", "е")


def pruned_table(lang: str, lemmas: set[str]) -> dict[str, str]:
    """The ``form -> lemma`` entries of ``lang`` whose lemma is in ``lemmas``.

    Forms that are their own lemma are left out: a missing entry already
    means "the form is the lemma".
    """
    table: dict[str, str] = {}
    if lang == "ru":
        # The forms come from the lemmas' paradigms, but each form gets the
        # lemma pymorphy3 gives it at training time: a form shared by two
        # paradigms ("стали": сталь or стать) must not take whichever
        # lemma happened to come first.
        lemmatize = full_lemmatizer("ru")
        for lemma in sorted(lemmas):
            for form in _russian_forms(lemma):
                if form not in table and form != lemma:
                    trained = lemmatize(form)
                    if trained != form and trained in lemmas:
                        table[form] = trained
        return table
    for form, lemma in _lookup_table(lang).items():
        if lemma in lemmas and form != lemma:
            table.setdefault(form, lemma)
    return table


def table_lemmatizer(table: dict[str, str]) -> Lemmatizer:
    """A lemmatizer backed by a (pruned) table; unknown forms are their own lemma."""
    return lambda form: table.get(form, form)
