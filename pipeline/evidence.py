"""The words behind each positive label, so a reviewer sees why it was flagged.

Two sources, both tied to what the model actually weighs: cue-lexicon matches
of the classes that speak for the label (a funding cue for ``funding``, a
forward date for ``has_timeline``), and the statement's words whose lemma
pushes the label's logistic regression up the most (function words such as
"we" or "to" are left out: they may carry weight, but they explain nothing
to a reader).
"""
from __future__ import annotations

import numpy as np

from .features import Analysis
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

    def __call__(self, analysis: Analysis, label: str) -> list[dict]:
        return label_evidence(analysis, label, self.vocabulary, self.weights[label])


def label_evidence(analysis: Analysis, label: str, vocabulary: dict[str, int], weights: np.ndarray) -> list[dict]:
    """Spans (``text``, ``start``, ``end`` into the analysed text) supporting ``label``.

    ``vocabulary`` maps lemmas to columns of the model's word features and
    ``weights`` holds the label's coefficients for those columns.
    """
    spans = [
        {"text": cue.text, "start": cue.start, "end": cue.end}
        for cue in analysis.cues
        if cue.cue in CUES_FOR_LABEL[label]
    ]
    stop_words = get_nlp(analysis.lang).Defaults.stop_words
    weighted = sorted(
        (
            (float(weights[vocabulary[token.lemma]]), token)
            for token in analysis.tokens
            if token.lemma in vocabulary
            and weights[vocabulary[token.lemma]] > 0
            and token.text.lower() not in stop_words
            and token.lemma not in stop_words
            and len(token.text) > 2
        ),
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
