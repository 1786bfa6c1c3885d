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

import numpy as np

from .cues import CueMatch, find_cues
from .lemmas import Lemmatizer
from .nlp import get_nlp

VIEWS: tuple[str, ...] = ("words", "chars", "cues")

_CATEGORY_CUES = ("equipment", "skills", "funding", "infrastructure")


@dataclass(frozen=True)
class Token:
    """A word of a statement with its lemma and character span."""

    text: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """Everything the models and the evidence builder need from one statement."""

    text: str
    lang: str
    tokens: tuple[Token, ...]
    cues: tuple[CueMatch, ...]

    def lemmas(self) -> list[str]:
        return [token.lemma for token in self.tokens]

    def views(self) -> tuple[str, str, str]:
        return (
            " ".join(token.lemma for token in self.tokens),
            _fold_digits(self.text.lower()),
            " ".join(cue_tokens(self.cues, len(self.tokens))),
        )


def _fold_digits(text: str) -> str:
    return "".join("0" if char.isdigit() else char for char in text)


def _normalise_lemma(text: str, lemma: str) -> str:
    if text.isdigit():
        return "<year>" if len(text) == 4 and text[:2] in ("19", "20") else "<num>"
    if any(char.isdigit() for char in text):
        return "<num>"
    return lemma


def cue_tokens(cues: Sequence[CueMatch], n_tokens: int) -> list[str]:
    """The cue-class tokens of a statement, with interactions and a length bucket."""
    found = {cue.cue for cue in cues}
    tokens = [f"c_{name}" for name in sorted(found)]
    if cues and cues[0].start <= 3:
        tokens.append(f"c_{cues[0].cue}_first")
    if "negation" in found and "need" in found:
        tokens.append("x_negated_need")
    if "year" in found and not found & {"future_time", "citation", "past_time"}:
        tokens.append("x_bare_year")
    if "future_time" in found and "past_time" not in found:
        tokens.append("x_forward_only")
    if "action" in found and found & {"quantity", "place"}:
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
    analyses = []
    lemmas: dict[str, str] = {}  # word forms repeat (Zipf), so each is lemmatised once per batch
    for text, doc in zip(texts, nlp.tokenizer.pipe(texts, batch_size=256)):
        tokens = []
        for token in doc:
            if token.is_punct or token.is_space:
                continue
            lower = token.lower_
            lemma = lemmas.get(lower)
            if lemma is None:
                lemma = lemmas[lower] = _normalise_lemma(lower, lemmatize(lower) if lemmatize else lower)
            tokens.append(Token(text=token.text, lemma=lemma, start=token.idx, end=token.idx + len(token.text)))
        analyses.append(Analysis(text, lang, tuple(tokens), tuple(find_cues(text, lang))))
    return analyses


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
