"""The Python API: statements in, labelled records out.

``load_model().classify(texts)`` returns exactly the records that
``capneeds classify`` writes, so a notebook and the command line can never
disagree.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .evidence import EvidenceFinder
from .features import Analysis
from .flags import generic_reasons
from .gc_pause import collector_paused
from .language import detect_language
from .model import NeedModel, decide
from .schema import CATEGORIES, LABELS, SUPPORTED_LANGUAGES
from .storage import default_model_dir, load_model_state

#: Separates a list item's lead-in from the item in the text the model reads.
LEAD_IN_SEPARATOR = "\n"


class Classifier:
    """A loaded model plus everything needed to turn its output into records."""

    def __init__(self, model: NeedModel, info: dict | None = None) -> None:
        self.model = model
        self.info = info or {}
        self.evidence = EvidenceFinder(model)

    def resolve_languages(
        self, texts: Sequence[str], langs: Sequence[str | None] | None, document_language: str | None = None
    ) -> list[str]:
        """Given codes (lower-cased) where present, detected ones elsewhere."""
        given = langs if langs is not None else [None] * len(texts)
        return [
            (lang.strip().lower() if lang else detect_language(text, document_language))
            for text, lang in zip(texts, given)
        ]

    def classify(
        self,
        texts: Sequence[str],
        langs: Sequence[str | None] | None = None,
        ids: Sequence[Any] | None = None,
        lead_ins: Sequence[str] | None = None,
        document_language: str | None = None,
    ) -> list[dict]:
        """Label each statement; one record per input, in input order.

        ``lead_ins`` gives, per statement, the sentence that introduces a
        list item ("The following needs were identified:"); the model reads
        it with the item, and evidence found in it is marked ``"in": "lead_in"``.
        Statements in a language the model does not cover get an ``error``
        and no labels, rather than a guess.
        """
        with collector_paused():
            return self._classify(texts, langs, ids, lead_ins, document_language)

    def _classify(
        self,
        texts: Sequence[str],
        langs: Sequence[str | None] | None,
        ids: Sequence[Any] | None,
        lead_ins: Sequence[str] | None,
        document_language: str | None,
    ) -> list[dict]:
        texts = [str(text) for text in texts]
        resolved = self.resolve_languages(texts, langs, document_language)
        ids = list(ids) if ids is not None else list(range(1, len(texts) + 1))
        lead_ins = [lead or "" for lead in lead_ins] if lead_ins is not None else [""] * len(texts)
        supported = [i for i, lang in enumerate(resolved) if lang in SUPPORTED_LANGUAGES]
        model_input = [(_join(lead_ins[i], texts[i]), resolved[i]) for i in supported]
        analyses = self.model.analyse(model_input)
        probabilities = self.model.predict_proba_analysed(analyses)
        decisions = decide(probabilities)
        records: list[dict] = [
            {"id": ids[i], "text": texts[i], "lang": resolved[i], **_unsupported(resolved[i])}
            for i in range(len(texts))
        ]
        # Python lists: reading numpy scalars one at a time costs more than the records.
        for row, (i, scores, decided) in enumerate(zip(supported, probabilities.tolist(), decisions.tolist())):
            records[i].update(self._labels(analyses[row], scores, decided, len(lead_ins[i])))
        return records

    def _labels(
        self, analysis: Analysis, probabilities: list[float], decisions: list[int], lead_in_length: int
    ) -> dict:
        is_need, needs, has_activity, has_timeline, reasons, positive = _decided_labels(tuple(decisions))
        return {
            "is_need": is_need,
            "needs": list(needs),
            "has_activity": has_activity,
            "has_timeline": has_timeline,
            "generic": bool(reasons),
            "reasons": list(reasons),
            "scores": {label: round(p, 4) for label, p in zip(LABELS, probabilities)},
            "evidence": {
                label: _shift(spans, lead_in_length) for label, spans in self.evidence(analysis, positive).items()
            },
        }


@lru_cache(maxsize=None)
def _decided_labels(
    decisions: tuple[int, ...]
) -> tuple[bool, tuple[str, ...], bool, bool, tuple[str, ...], tuple[str, ...]]:
    """The labels a row of 0/1 decisions (in :data:`LABELS` order) stands
    for: there are at most 128 rows, so each is worked out once.

    Returns ``is_need``, the categories, ``has_activity``, ``has_timeline``,
    the generic reasons and the positive labels (tuples, so no caller can
    change what the next statement gets).
    """
    by_label = dict(zip(LABELS, (bool(value) for value in decisions)))
    is_need = by_label["is_need"]
    needs = [category for category in CATEGORIES if by_label[category]]
    reasons = generic_reasons(is_need, needs, by_label["has_activity"], by_label["has_timeline"])
    positive = tuple(label for label in LABELS if by_label[label])
    return is_need, tuple(needs), by_label["has_activity"], by_label["has_timeline"], tuple(reasons), positive


def _join(lead_in: str, text: str) -> str:
    return f"{lead_in}{LEAD_IN_SEPARATOR}{text}" if lead_in else text


def _shift(spans: list[dict], lead_in_length: int) -> list[dict]:
    """Make evidence offsets relative to the statement, marking lead-in spans."""
    if not lead_in_length:
        return spans
    offset = lead_in_length + len(LEAD_IN_SEPARATOR)
    shifted = []
    for span in spans:
        if span["start"] >= offset:
            shifted.append({**span, "start": span["start"] - offset, "end": span["end"] - offset})
        else:
            shifted.append({**span, "in": "lead_in"})
    return shifted


def _unsupported(lang: str) -> dict:
    if lang in SUPPORTED_LANGUAGES:
        return {}
    return {
        "error": f"unsupported language '{lang}' (capneeds covers {', '.join(SUPPORTED_LANGUAGES)})",
        "is_need": None,
        "needs": [],
        "has_activity": None,
        "has_timeline": None,
        "generic": None,
        "reasons": [],
        "scores": {},
        "evidence": {},
    }


def load_model(path: str | Path | None = None) -> Classifier:
    """Load the shipped model (or the one in directory ``path``) ready to classify."""
    directory = Path(path) if path is not None else default_model_dir()
    model, info = load_model_state(directory)
    return Classifier(model, info)
