"""Evaluation figures and plot files, checked against answers worked out by hand."""
from __future__ import annotations

import csv

import numpy as np
import pytest

from pipeline.evaluation import (
    brier_score,
    calibration,
    evaluate_predictions,
    expected_calibration_error,
    label_scores,
    length_bucket,
    parallel_agreement,
)
from pipeline.flags import generic_reasons
from pipeline.plots import pr_curve, write_plots
from pipeline.schema import LABELS, SUPPORTED_LANGUAGES


def record(is_need=False, needs=(), activity=False, timeline=False, lang="en", group="g", convention="Basel",
           text="A short statement.", scores=None) -> dict:
    """A gold or predicted record; ``generic`` follows the guideline's rule."""
    return {
        "lang": lang,
        "group": group,
        "convention": convention,
        "text": text,
        "is_need": is_need,
        "needs": list(needs),
        "has_activity": activity,
        "has_timeline": timeline,
        "generic": bool(generic_reasons(is_need, list(needs), activity, timeline)),
        "scores": {label: 0.5 for label in LABELS} | (scores or {}),
    }


def need(*needs, **fields) -> dict:
    return record(True, needs, **fields)


# -- F1 ---------------------------------------------------------------------
def test_is_need_precision_recall_f1_by_hand():
    gold = [need("funding"), need("funding"), record(), record()]
    predicted = [need("funding"), record(), need("funding"), record()]
    scores = label_scores(gold, predicted)
    # tp 1, fp 1, fn 1
    assert scores["is_need"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    # funding is end to end too: the one predicted on a non-need is a false positive
    assert scores["funding"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}


def test_macro_f1_leaves_out_labels_that_never_occur():
    gold = [need("funding", activity=True, timeline=True), record()]
    predicted = [need("funding", "skills", activity=True, timeline=True), record()]
    scores = label_scores(gold, predicted)
    # Present: is_need 1, funding 1, skills 0 (predicted, never gold), has_activity 1, has_timeline 1.
    # Absent everywhere: equipment, infrastructure, generic (nothing generic in gold or predictions).
    assert scores["skills"]["f1"] == 0.0
    assert scores["macro_f1"] == pytest.approx(4 / 5, abs=1e-4)
    assert scores["category_macro_f1"] == pytest.approx(1 / 2, abs=1e-4)


def test_macro_f1_is_none_when_no_label_occurs():
    assert label_scores([record()], [record()])["macro_f1"] is None


def test_language_gaps_are_max_minus_min_f1():
    gold = [need("funding", lang="en"), record(lang="en"), need("funding", lang="fr"), need("skills", lang="fr")]
    predicted = [need("funding", lang="en"), record(lang="en"), need("funding", lang="fr"), record(lang="fr")]
    result = evaluate_predictions(gold, predicted)
    assert list(result["by_lang"]) == ["en", "fr"]
    assert result["by_lang"]["en"]["is_need"]["f1"] == 1.0
    # fr: tp 1, fn 1 -> precision 1, recall 0.5, F1 2/3
    assert result["by_lang"]["fr"]["is_need"]["f1"] == pytest.approx(0.6667)
    assert result["language_gaps"]["is_need"] == pytest.approx(0.3333)
    assert result["language_gaps"]["funding"] == 0.0
    # skills: en has none (F1 0 by convention), fr misses its one -> both 0
    assert result["language_gaps"]["skills"] == 0.0


@pytest.mark.parametrize(("words", "bucket"), [(1, "<=12"), (12, "<=12"), (13, "13-25"), (25, "13-25"),
                                               (26, "26-40"), (40, "26-40"), (41, ">40")])
def test_length_bucket_edges(words, bucket):
    assert length_bucket(" ".join(["word"] * words)) == bucket


def test_split_tables_by_length_and_convention():
    gold = [
        need("funding", text="word " * 30, convention="CBD"),
        record(text="word " * 5, convention="CBD"),
        record(text="word " * 5, convention=""),
    ]
    result = evaluate_predictions(gold, gold)
    assert list(result["by_length"]) == ["<=12", "26-40"]
    assert [table["n"] for table in result["by_length"].values()] == [2, 1]
    assert {name: table["n"] for name, table in result["by_convention"].items()} == {"CBD": 2, "unknown": 1}
    assert result["by_convention"]["CBD"]["macro_f1"] == 1.0


# -- calibration ----------------------------------------------------------------
def test_brier_and_ece_on_a_known_case():
    truth, scores = np.array([1, 0]), np.array([0.8, 0.4])
    assert brier_score(truth, scores) == pytest.approx((0.2**2 + 0.4**2) / 2)
    # two bins of one statement each: |0.8 - 1| and |0.4 - 0|
    assert expected_calibration_error(truth, scores) == pytest.approx(0.5 * 0.2 + 0.5 * 0.4)


def test_ece_is_zero_when_confidence_matches_frequency():
    truth, scores = np.array([1, 1, 1, 0]), np.array([0.75] * 4)
    assert expected_calibration_error(truth, scores) == pytest.approx(0.0)
    assert brier_score(truth, scores) == pytest.approx((3 * 0.25**2 + 0.75**2) / 4)


def test_ece_puts_certainty_in_the_last_bin():
    # 1.0 shares the [0.9, 1.0] bin with 0.9: |0.95 - 0.5|, not 0.5 * |1 - 0| + 0.5 * |0.9 - 1|
    assert expected_calibration_error(np.array([0, 1]), np.array([1.0, 0.9])) == pytest.approx(0.45)


def test_calibration_of_dependent_labels_uses_gold_needs_only():
    gold = [need("funding"), record()]
    # the non-need's funding score is awful, but P(funding | need) is not defined for it
    predicted = [
        need("funding", scores={"is_need": 0.9, "funding": 1.0}),
        record(scores={"is_need": 0.3, "funding": 1.0}),
    ]
    result = calibration(gold, predicted)
    assert result["funding"] == {"brier": 0.0, "ece": 0.0, "n": 1}
    assert result["is_need"]["n"] == 2
    assert result["is_need"]["brier"] == pytest.approx((0.1**2 + 0.3**2) / 2, abs=1e-4)


def test_calibration_is_none_without_statements():
    result = calibration([record()], [record()])
    assert result["skills"] == {"brier": None, "ece": None, "n": 0}


# -- agreement across translations ----------------------------------------------------
def translations(group: str, **changed_by_lang) -> list[dict]:
    """Predictions for one statement in all four languages; ``fr={...}`` overrides fields of fr."""
    return [
        need("funding", activity=True, lang=lang, group=group) | changed_by_lang.get(lang, {})
        for lang in SUPPORTED_LANGUAGES
    ]


def test_parallel_agreement_by_hand():
    predicted = (
        translations("same")
        + translations("split", fr={"has_activity": False})
        + [need(lang=lang, group="three-languages", activity=lang == "en") for lang in ("en", "fr", "es")]
    )
    result = parallel_agreement(predicted, predicted)
    # the three-language group is not counted, however much it disagrees;
    # generic agrees in "split" (no timeline makes every translation generic)
    assert result == {
        "groups": 2,
        "all_labels": 0.5,
        "is_need": 1.0,
        "needs": 1.0,
        "has_activity": 0.5,
        "has_timeline": 1.0,
        "generic": 1.0,
    }


def test_parallel_agreement_compares_needs_as_a_set_of_labels():
    predicted = translations("p", ru={"needs": ["funding", "skills"]})
    assert parallel_agreement(predicted, predicted)["needs"] == 0.0


def test_parallel_agreement_is_none_without_a_complete_group():
    predicted = [need(lang="en", group="a"), need(lang="fr", group="a")]
    assert parallel_agreement(predicted, predicted) is None


def test_evaluate_predictions_has_every_section():
    gold = translations("p")
    result = evaluate_predictions(gold, gold)
    assert set(result) == {
        "n", "overall", "by_lang", "by_convention", "by_length", "category_macro_f1_language_gap",
        "language_gaps", "calibration", "parallel_agreement",
    }
    assert result["parallel_agreement"]["all_labels"] == 1.0
    assert result["overall"]["macro_f1"] == 1.0


# -- plots -------------------------------------------------------------------------
def test_pr_curve_points_by_hand():
    gold = [need("funding"), record(), need("skills")]
    predicted = [
        record(scores={"is_need": 0.9}),
        record(scores={"is_need": 0.2}),
        record(scores={"is_need": 0.6}),
    ]
    # threshold 0.2: 2 of 3 kept are needs, both found; 0.6: 2 of 2; 0.9: 1 of 1, half found
    assert pr_curve(gold, predicted, "is_need") == [(0.6667, 1.0, 0.2), (1.0, 1.0, 0.6), (1.0, 0.5, 0.9)]
    assert pr_curve(gold, predicted, "equipment") is None


def read_csv(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_write_plots_writes_dvc_data_files_and_figures(tmp_path):
    gold = [need("funding", lang=lang, group="p") for lang in SUPPORTED_LANGUAGES] + [record(), record(lang="fr")]
    predicted = [
        need("funding", scores={"is_need": 0.8, "funding": 0.7}),
        need("funding", scores={"is_need": 0.7, "funding": 0.4}),
        record(scores={"is_need": 0.3}),
        need("funding", scores={"is_need": 0.9, "funding": 0.9}),
        record(scores={"is_need": 0.1}),
        need("skills", scores={"is_need": 0.6}),
    ]
    written = write_plots(gold, predicted, tmp_path)
    assert all(path.exists() and path.stat().st_size > 0 for path in written)

    confusion = read_csv(tmp_path / "confusion" / "funding.csv")
    assert list(confusion[0]) == ["actual", "predicted"]
    assert len(confusion) == len(gold)
    assert confusion[1] == {"actual": "true", "predicted": "true"}
    assert confusion[2] == {"actual": "true", "predicted": "false"}
    assert confusion[5] == {"actual": "false", "predicted": "false"}
    assert {path.stem for path in (tmp_path / "confusion").iterdir()} == {
        "is_need", "equipment", "skills", "funding", "infrastructure", "has_activity", "has_timeline", "generic",
    }

    curve = read_csv(tmp_path / "precision_recall" / "funding.csv")
    assert list(curve[0]) == ["precision", "recall", "threshold"]
    assert all(0 <= float(row[column]) <= 1 for row in curve for column in row)
    # only labels with a gold positive get a curve
    assert {path.stem for path in (tmp_path / "precision_recall").iterdir()} == {"is_need", "funding"}

    figures = {path.name for path in written if path.suffix == ".png"}
    assert figures == {
        "confusion_matrices.png", "precision_recall.png", "f1_by_lang.png", "f1_by_length.png", "f1_by_convention.png",
    }
    assert all(path.read_bytes().startswith(b"\x89PNG") for path in written if path.suffix == ".png")
