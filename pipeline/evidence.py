"""The words behind each positive label, so a reviewer sees why it was flagged.

Two sources, both tied to what the model actually weighs: cue-lexicon matches
of the classes that speak for the label (a funding cue for ``funding``, a
forward date for ``has_timeline``), and the statement's words whose lemma
pushes the label's logistic regression up the most (function words such as
"we" or "to" are left out: they may carry weight, but they explain nothing
to a reader).
"""
from __future__ import annotations

from collections.abc import Sequence

from .features import Analysis, Token
from .model import NeedModel
from .nlp import get_nlp

#: Cue classes that count as evidence for each label.
CUES_FOR_LABEL: dict[str, tuple[str, ...]] = {
    "is_need": ("need", "reported_challenge", "conditional"),
    "equipment": ("equipment",),
    "skills": ("skills",),
    "funding": ("funding",),
    "infrastructure": ("infrastructure",),
    "has_activity": ("action", "quantity", "place"),
    "has_timeline": ("future_time",),
}

#: At most this many model-weighted words are added per label...
TOP_WORDS = 3
#: ...and only those weighing at least this share of the statement's strongest
#: word, so that a long tail of barely relevant words does not drown the cues.
RELATIVE_WEIGHT = 0.5

#: Distinct words whose evidence column is remembered between statements.
CANDIDATE_CACHE_SIZE = 100_000

_UNSEEN = object()


def _overlaps(start: int, end: int, spans: list[dict]) -> bool:
    return any(start < span["end"] and span["start"] < end for span in spans)


class EvidenceFinder:
    """Finds evidence with one model; its word weights are looked up once,
    not for every statement and label."""

    def __init__(self, model: NeedModel) -> None:
        self.vocabulary = model.features_.named_transformers_["words"].vocabulary_
        words = model.feature_slice("words")
        self.weights = {label: classifier.coef_[0][words] for label, classifier in model.classifiers_.items()}
        # (language, lemma, word) -> the lemma's column, or None when the
        # word cannot be evidence; bounded like the feature caches.
        self.columns: dict[tuple[str, str, str], int | None] = {}

    def __call__(self, analysis: Analysis, labels: Sequence[str]) -> dict[str, list[dict]]:
        """Evidence for each of ``labels``; the statement's candidate words
        are picked once for all of them."""
        if not labels:
            return {}
        columns, tokens = self._candidate_words(analysis)
        return {
            label: label_evidence(analysis, label, tokens, self.weights[label][columns].tolist()) for label in labels
        }

    def _candidate_words(self, analysis: Analysis) -> tuple[list[int], list[Token]]:
        """The words that may be evidence, with the columns of their lemmas
        (see :func:`evidence_column`); each distinct word is judged once."""
        if len(self.columns) > CANDIDATE_CACHE_SIZE:
            self.columns.clear()
        columns, tokens = [], []
        for lemma, start, end in analysis.words:
            text = analysis.text[start:end]
            key = (analysis.lang, lemma, text)
            column = self.columns.get(key, _UNSEEN)
            if column is _UNSEEN:
                column = self.columns[key] = evidence_column(analysis.lang, lemma, text, self.vocabulary)
            if column is not None:
                columns.append(column)
                tokens.append(Token(text, lemma, start, end))
        return columns, tokens


def evidence_column(lang: str, lemma: str, word: str, vocabulary: dict[str, int]) -> int | None:
    """The column of ``word``'s lemma when the word may be evidence: the
    model has a weight for the lemma, the word is longer than two
    characters, and neither it nor its lemma is a stop word."""
    stop_words = get_nlp(lang).Defaults.stop_words
    column = vocabulary.get(lemma)
    if column is None or len(word) <= 2 or lemma in stop_words or word.lower() in stop_words:
        return None
    return column


def label_evidence(analysis: Analysis, label: str, tokens: Sequence[Token], weights: Sequence[float]) -> list[dict]:
    """Spans (``text``, ``start``, ``end`` into the analysed text) supporting ``label``.

    ``tokens`` are the statement's candidate words (see
    :func:`_candidate_words`) and ``weights`` the label's coefficients for
    their lemmas.
    """
    spans = [
        {"text": cue.text, "start": cue.start, "end": cue.end}
        for cue in analysis.cues
        if cue.cue in CUES_FOR_LABEL[label]
    ]
    weighted = sorted(
        ((weight, token) for weight, token in zip(weights, tokens) if weight > 0),
        key=lambda pair: (-pair[0], pair[1].start),
    )
    strongest = weighted[0][0] if weighted else 0.0
    added = 0
    for weight, token in weighted:
        if added == TOP_WORDS or weight < RELATIVE_WEIGHT * strongest:
            break
        if not _overlaps(token.start, token.end, spans):
            spans.append({"text": token.text, "start": token.start, "end": token.end})
            added += 1
    return sorted(spans, key=lambda span: (span["start"], span["end"]))
