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


def _overlaps(start: int, end: int, spans: list[dict]) -> bool:
    return any(start < span["end"] and span["start"] < end for span in spans)


class EvidenceFinder:
    """Finds evidence with one model; its word weights are looked up once,
    not for every statement and label."""

    def __init__(self, model: NeedModel) -> None:
        self.vocabulary = model.features_.named_transformers_["words"].vocabulary_
        words = model.feature_slice("words")
        self.weights = {label: classifier.coef_[0][words] for label, classifier in model.classifiers_.items()}

    def __call__(self, analysis: Analysis, labels: Sequence[str]) -> dict[str, list[dict]]:
        """Evidence for each of ``labels``; the statement's candidate words
        are picked once for all of them."""
        if not labels:
            return {}
        columns, tokens = _candidate_words(analysis, self.vocabulary)
        return {
            label: label_evidence(analysis, label, tokens, self.weights[label][columns].tolist()) for label in labels
        }


def _candidate_words(analysis: Analysis, vocabulary: dict[str, int]) -> tuple[list[int], list[Token]]:
    """The words that may be evidence, with the columns of their lemmas:
    those the model has a weight for, longer than two characters, and
    neither they nor their lemma a stop word."""
    stop_words = get_nlp(analysis.lang).Defaults.stop_words
    columns, tokens = [], []
    for lemma, start, end in analysis.words:
        column = vocabulary.get(lemma)
        if column is not None and end - start > 2 and lemma not in stop_words:
            token = analysis.token((lemma, start, end))
            if token.text.lower() not in stop_words:
                columns.append(column)
                tokens.append(token)
    return columns, tokens


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
