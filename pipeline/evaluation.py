"""Scoring predictions against annotated statements.

All figures are end to end, as a user meets them: a category, activity or
timeline predicted on a statement that is not a need counts as a false
positive, and ``generic`` is scored on every statement (non-needs are never
generic).
"""
from __future__ import annotations

from collections.abc import Sequence

from sklearn.metrics import precision_recall_fscore_support

from .schema import CATEGORIES

SCORED_LABELS: tuple[str, ...] = ("is_need", *CATEGORIES, "has_activity", "has_timeline", "generic")


def _truth(record: dict, label: str) -> bool:
    if label in CATEGORIES:
        return label in record["needs"]
    return bool(record[label])


def label_scores(gold: Sequence[dict], predicted: Sequence[dict]) -> dict:
    """Precision, recall, F1 and support of every label, plus category macro-F1."""
    scores = {}
    for label in SCORED_LABELS:
        truth = [_truth(record, label) for record in gold]
        guess = [_truth(record, label) for record in predicted]
        precision, recall, f1, _ = precision_recall_fscore_support(
            truth, guess, average="binary", zero_division=0
        )
        scores[label] = {
            "precision": round(float(precision), 4),
            "recall": round(float(recall), 4),
            "f1": round(float(f1), 4),
            "support": int(sum(truth)),
        }
    scores["category_macro_f1"] = round(sum(scores[c]["f1"] for c in CATEGORIES) / len(CATEGORIES), 4)
    return scores


def evaluate_predictions(gold: Sequence[dict], predicted: Sequence[dict]) -> dict:
    """Scores overall and per language, and the widest gap between languages."""
    result = {"n": len(gold), "overall": label_scores(gold, predicted), "by_lang": {}}
    for lang in sorted({record["lang"] for record in gold}):
        rows = [i for i, record in enumerate(gold) if record["lang"] == lang]
        result["by_lang"][lang] = {
            "n": len(rows),
            **label_scores([gold[i] for i in rows], [predicted[i] for i in rows]),
        }
    macro = [scores["category_macro_f1"] for scores in result["by_lang"].values()]
    result["category_macro_f1_language_gap"] = round(max(macro) - min(macro), 4) if macro else 0.0
    return result
