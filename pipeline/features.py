"""Turn statements into the three text views the scikit-learn models read.

Each statement becomes:

* ``words``: its lemmas, lower-cased, numbers folded to ``<num>``/``<year>``
  (so "40 officers" and "12 officers" look alike);
* ``chars``: the lower-cased text with digits folded, for character n-grams
  that catch inflections and compounds the lemma table misses;
* ``cues``: tokens for the multilingual cue classes found in the text
  (``c_funding``, ``c_future_time`` ...) plus a few interactions a linear
  model cannot form itself (a need that is negated, a year that is neither a
  deadline nor a citation). The cue tokens are the same in every language, so
  what the model learns from them in one language carries over to the others.

The views are plain strings, so the fitted vectorizers inside the model file
are stock scikit-learn objects with no reference to this package.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, LENGTH, ORTH
from spacy.language import Language

from .cues import CueMatch, find_cues_batch
from .lemmas import Lemmatizer
from .nlp import get_nlp

VIEWS: tuple[str, ...] = ("words", "chars", "cues")

_CATEGORY_CUES = ("equipment", "skills", "funding", "infrastructure")

#: Cue classes found too differently across languages to be a shared feature
#: (see :func:`cue_tokens`).
_LANGUAGE_DEPENDENT_CUES = frozenset({"place"})


class Token(NamedTuple):
    """A word of a statement with its lemma and character span."""

    text: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """Everything the models and the evidence builder need from one statement.

    ``words`` holds the ``(lemma, start, end)`` of each word (punctuation and
    spaces left out): plain tuples, because one is made for every word of
    every statement and only the evidence of a few needs more (a
    :class:`Token`, made by the evidence builder).
    """

    text: str
    lang: str
    words: tuple[tuple[str, int, int], ...]
    cues: tuple[CueMatch, ...]

    def lemmas(self) -> list[str]:
        return [lemma for lemma, _, _ in self.words]

    def views(self) -> tuple[str, str, str]:
        return (
            " ".join(self.lemmas()),
            _fold_digits(self.text.lower()),
            " ".join(cue_tokens(self.cues, len(self.words))),
        )


class _DigitFold(dict[int, int]):
    """``str.translate`` table writing every digit (``str.isdigit``) as "0".

    Entries are computed when a character is first seen, so the table stays
    small and translating costs a dictionary hit per character.
    """

    def __missing__(self, code: int) -> int:
        folded = self[code] = ord("0") if chr(code).isdigit() else code
        return folded


_DIGIT_FOLD = _DigitFold()


def _fold_digits(text: str) -> str:
    return text.translate(_DIGIT_FOLD)


def _normalise_lemma(text: str, lemma: str) -> str:
    if text.isdigit():
        return "<year>" if len(text) == 4 and text[:2] in ("19", "20") else "<num>"
    if any(char.isdigit() for char in text):
        return "<num>"
    return lemma


def cue_tokens(cues: Sequence[CueMatch], n_tokens: int) -> list[str]:
    """The cue-class tokens of a statement, with interactions and a length bucket.

    The cue view is what the four languages share, so it leaves out what
    reads differently in a statement and its translation (5-fold
    cross-validation by translation unit: agreement across translations
    .788 -> .792, no per-label F1 lower by more than .001):

    * which cue comes first: word order differs between languages
      ("Funding is needed" / "Se necesita financiación");
    * ``place`` cues: place names are spotted from capitals after a
      preposition, which each language places differently. They still
      count as evidence of an activity (:mod:`.evidence`).
    """
    found = {cue.cue for cue in cues} - _LANGUAGE_DEPENDENT_CUES
    tokens = [f"c_{name}" for name in sorted(found)]
    if "negation" in found and "need" in found:
        tokens.append("x_negated_need")
    if "year" in found and not found & {"future_time", "citation", "past_time"}:
        tokens.append("x_bare_year")
    if "future_time" in found and "past_time" not in found:
        tokens.append("x_forward_only")
    if "action" in found and "quantity" in found:
        tokens.append("x_action_with_object")
    if "vague" in found and not found.intersection(_CATEGORY_CUES):
        tokens.append("x_vague_only")
    if "procedure" in found and found & {"need", "vague"}:
        tokens.append("x_procedural_support")
    if found & {"need", "reported_challenge", "conditional"}:
        tokens.append("x_any_need_cue")
    bucket = "short" if n_tokens < 6 else "medium" if n_tokens < 25 else "long"
    tokens.append(f"len_{bucket}")
    return tokens


def analyse(texts: Sequence[str], lang: str, lemmatize: Lemmatizer | None) -> list[Analysis]:
    """Tokenise, lemmatise and find cues in ``texts``, all in language ``lang``."""
    nlp = get_nlp(lang)
    # Word forms repeat (Zipf), so each distinct form is looked at once per
    # batch: its lemma, or None for punctuation and spaces, which are skipped.
    lemmas: dict[int, object] = {}
    analyses = []
    cues = find_cues_batch(texts, lang)
    for text, doc, found in zip(texts, nlp.tokenizer.pipe(texts, batch_size=256), cues):
        words = []
        for orth, start, length in doc.to_array(_TOKEN_ATTRIBUTES).tolist():
            lemma = lemmas.get(orth, _UNSEEN)
            if lemma is _UNSEEN:
                lemma = lemmas[orth] = _lemma(nlp, orth, lemmatize)
            if lemma is not None:
                words.append((lemma, start, start + length))
        analyses.append(Analysis(text, lang, tuple(words), tuple(found)))  # type: ignore[arg-type]
    return analyses


#: What :func:`analyse` reads of each spaCy token, in one array per statement
#: (much cheaper than a Python Token object per word).
_TOKEN_ATTRIBUTES = [ORTH, IDX, LENGTH]

_UNSEEN = object()


def _lemma(nlp: Language, orth: int, lemmatize: Lemmatizer | None) -> str | None:
    """The normalised lemma of the word form with hash ``orth``; None for punctuation and spaces."""
    lexeme = nlp.vocab[orth]
    if lexeme.is_punct or lexeme.is_space:
        return None
    lower = lexeme.lower_
    return _normalise_lemma(lower, lemmatize(lower) if lemmatize else lower)


def analyse_mixed(
    texts: Sequence[str], langs: Sequence[str], lemmatizers: dict[str, Lemmatizer | None]
) -> list[Analysis]:
    """Like :func:`analyse` for statements in several languages, keeping order."""
    result: list[Analysis | None] = [None] * len(texts)
    for lang in sorted(set(langs)):
        positions = [i for i, code in enumerate(langs) if code == lang]
        for position, analysis in zip(positions, analyse([texts[i] for i in positions], lang, lemmatizers.get(lang))):
            result[position] = analysis
    return [analysis for analysis in result if analysis is not None]


def view_matrix(analyses: Sequence[Analysis]) -> np.ndarray:
    """An ``(n, 3)`` object array of the three views, the models' input."""
    matrix = np.empty((len(analyses), len(VIEWS)), dtype=object)
    for row, analysis in enumerate(analyses):
        matrix[row] = analysis.views()
    return matrix
