"""Scoring predictions against annotated statements.

All F1 figures are end to end, as a user meets them: a category, activity or
timeline predicted on a statement that is not a need counts as a false
positive, and ``generic`` is scored on every statement (non-needs are never
generic).

Probabilities are judged differently, because of what they mean: the model's
scores for categories, activity and timeline are P(label | need), so their
calibration is measured on gold-need statements only (see
:func:`label_probabilities`). ``generic`` has no score of its own and no
calibration.

Every number in the result is rounded to 4 places and the JSON stays shallow
(section -> group -> label -> figure), so ``dvc metrics show`` and
``dvc metrics diff`` can list it.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from .corpus import translation_units
from .schema import CATEGORIES, LABELS, SUPPORTED_LANGUAGES

SCORED_LABELS: tuple[str, ...] = ("is_need", *CATEGORIES, "has_activity", "has_timeline", "generic")

#: What must stay the same across the translations of one statement.
PARALLEL_LABELS: tuple[str, ...] = ("is_need", "needs", "has_activity", "has_timeline", "generic")

#: Statement-length buckets: name and largest word count, shortest first.
LENGTH_BUCKETS: tuple[tuple[str, float], ...] = (("<=12", 12), ("13-25", 25), ("26-40", 40), (">40", float("inf")))

#: Equal-width probability bins for the expected calibration error.
ECE_BINS = 10


def has_label(record: dict, label: str) -> bool:
    """Whether a gold or predicted record carries a scored label (a category
    counts when it is among ``needs``)."""
    if label in CATEGORIES:
        return label in record["needs"]
    return bool(record[label])


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _macro(scores: dict, labels: Sequence[str], present: set[str]) -> float | None:
    """Mean F1 over the labels that occur (in gold or predictions).

    A label that neither occurs nor is predicted in a subset (no equipment
    needs in some convention) has no meaningful F1; counting it as 0 would
    punish small subsets for being small. ``None`` when no label occurs.
    """
    used = [scores[label]["f1"] for label in labels if label in present]
    return _round(sum(used) / len(used)) if used else None


def label_scores(gold: Sequence[dict], predicted: Sequence[dict]) -> dict:
    """Precision, recall, F1 and support of every label, plus macro-F1 over
    the categories (``category_macro_f1``) and over all scored labels (``macro_f1``)."""
    scores: dict = {}
    present: set[str] = set()
    for label in SCORED_LABELS:
        truth = [has_label(record, label) for record in gold]
        guess = [has_label(record, label) for record in predicted]
        precision, recall, f1, _ = precision_recall_fscore_support(
            truth, guess, average="binary", zero_division=0
        )
        scores[label] = {
            "precision": _round(precision),
            "recall": _round(recall),
            "f1": _round(f1),
            "support": int(sum(truth)),
        }
        if any(truth) or any(guess):
            present.add(label)
    scores["category_macro_f1"] = _macro(scores, CATEGORIES, present)
    scores["macro_f1"] = _macro(scores, SCORED_LABELS, present)
    return scores


def length_bucket(text: str) -> str:
    """The :data:`LENGTH_BUCKETS` name for a statement, by whitespace word count."""
    words = len(text.split())
    return next(name for name, largest in LENGTH_BUCKETS if words <= largest)


def scores_by(
    gold: Sequence[dict],
    predicted: Sequence[dict],
    key: Callable[[dict], str],
    order: Sequence[str] | None = None,
) -> dict[str, dict]:
    """One score table (with its ``n``) per value of ``key(gold record)``.

    Groups named in ``order`` come first, in that order (those absent from
    the data are left out); any others follow, sorted, so none is dropped.
    """
    rows: dict[str, list[int]] = defaultdict(list)
    for i, record in enumerate(gold):
        rows[key(record)].append(i)
    first = [name for name in order or () if name in rows]
    names = first + sorted(set(rows) - set(first))
    return {
        name: {"n": len(rows[name]), **label_scores([gold[i] for i in rows[name]], [predicted[i] for i in rows[name]])}
        for name in names
    }


def split_tables(gold: Sequence[dict], predicted: Sequence[dict]) -> dict[str, dict[str, dict]]:
    """Score tables by language, by convention and by length bucket, the
    three ways in which a model can be good on average and poor for some users."""
    return {
        "by_lang": scores_by(gold, predicted, lambda record: record["lang"], SUPPORTED_LANGUAGES),
        "by_convention": scores_by(gold, predicted, lambda record: record.get("convention") or "unknown"),
        "by_length": scores_by(
            gold, predicted, lambda record: length_bucket(record["text"]), [name for name, _ in LENGTH_BUCKETS]
        ),
    }


def _gap(values: Sequence[float | None]) -> float:
    known = [value for value in values if value is not None]
    return _round(max(known) - min(known)) if known else 0.0


def language_gaps(by_lang: dict[str, dict]) -> dict[str, float]:
    """Per label (and for macro-F1), the best language's F1 minus the worst's."""
    gaps = {label: _gap([table[label]["f1"] for table in by_lang.values()]) for label in SCORED_LABELS}
    gaps["macro_f1"] = _gap([table["macro_f1"] for table in by_lang.values()])
    return gaps


def label_probabilities(gold: Sequence[dict], predicted: Sequence[dict], label: str) -> tuple[np.ndarray, np.ndarray]:
    """Gold 0/1 values and predicted scores of one model label, on the
    statements where the score means what it says: all statements for
    ``is_need``, gold-need statements for the labels conditional on it."""
    rows = [i for i, record in enumerate(gold) if label == "is_need" or record["is_need"]]
    truth = np.array([int(has_label(gold[i], label)) for i in rows], dtype=int)
    scores = np.array([predicted[i]["scores"][label] for i in rows], dtype=float)
    return truth, scores


def brier_score(truth: np.ndarray, scores: np.ndarray) -> float:
    """Mean squared distance between probability and outcome (0 is perfect)."""
    return float(np.mean((scores - truth) ** 2))


def expected_calibration_error(truth: np.ndarray, scores: np.ndarray, bins: int = ECE_BINS) -> float:
    """Weighted mean gap between confidence and observed frequency.

    Scores fall into ``bins`` equal-width bins (1.0 goes to the last); each
    bin contributes |mean score - share of positives|, weighted by its size.
    """
    bin_of = np.minimum((scores * bins).astype(int), bins - 1)
    error = 0.0
    for b in np.unique(bin_of):
        members = bin_of == b
        error += members.mean() * abs(scores[members].mean() - truth[members].mean())
    return float(error)


def calibration(gold: Sequence[dict], predicted: Sequence[dict]) -> dict[str, dict]:
    """Brier score and ECE of every model label's probabilities, with the
    number of statements they were measured on (``None`` when there were none)."""
    result = {}
    for label in LABELS:
        truth, scores = label_probabilities(gold, predicted, label)
        measured = len(truth) > 0
        result[label] = {
            "brier": _round(brier_score(truth, scores)) if measured else None,
            "ece": _round(expected_calibration_error(truth, scores)) if measured else None,
            "n": len(truth),
        }
    return result


def _parallel_value(record: dict, label: str):
    return tuple(record["needs"]) if label == "needs" else record[label]


def parallel_agreement(gold: Sequence[dict], predicted: Sequence[dict]) -> dict | None:
    """How often the translations of one statement get the same labels.

    Only statements present in all four languages count (the parallel
    subset, and translated lines with their source; see
    :func:`~pipeline.corpus.translation_units`); a statement agrees on a label
    when every one of its predictions carries the same value. ``all_labels``
    asks for agreement on every label at once. ``None`` when the data hold no
    such statement.
    """
    groups = [
        rows for rows in translation_units(gold).values() if {gold[i]["lang"] for i in rows} >= set(SUPPORTED_LANGUAGES)
    ]
    if not groups:
        return None
    agreed = {
        label: [len({_parallel_value(predicted[i], label) for i in rows}) == 1 for rows in groups]
        for label in PARALLEL_LABELS
    }
    everything = [all(agreed[label][g] for label in PARALLEL_LABELS) for g in range(len(groups))]
    return {
        "groups": len(groups),
        "all_labels": _round(np.mean(everything)),
        **{label: _round(np.mean(values)) for label, values in agreed.items()},
    }


def evaluate_predictions(gold: Sequence[dict], predicted: Sequence[dict]) -> dict:
    """Every figure of an evaluation, for ``capneeds evaluate -o`` and DVC.

    ``overall`` and each group of ``by_lang``, ``by_convention`` and
    ``by_length`` are :func:`label_scores` tables; then the gaps between
    languages, probability calibration and agreement across translations.
    """
    splits = split_tables(gold, predicted)
    macro = [table["category_macro_f1"] for table in splits["by_lang"].values()]
    return {
        "n": len(gold),
        "overall": label_scores(gold, predicted),
        **splits,
        "category_macro_f1_language_gap": _gap(macro),
        "language_gaps": language_gaps(splits["by_lang"]),
        "calibration": calibration(gold, predicted),
        "parallel_agreement": parallel_agreement(gold, predicted),
    }
