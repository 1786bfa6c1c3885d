"""The label audit: which corpus lines are most likely mislabelled.

Every figure capneeds reports is only as good as the corpus labels, so before
trusting one a researcher should look at the lines the data itself argues
against. Two kinds of evidence are collected:

* **out-of-fold disagreement** — each statement is labelled by a model that
  never saw it (nor any statement of its ``group``: its translations or its
  neighbours in the same passage, which would otherwise simply echo its
  label back). A confident disagreement with the annotation is either a
  model error or an annotation error; sorted by confidence, the annotation
  errors tend to come first.
* **parallel disagreement** — translations of one statement must carry the
  same labels (the guideline applies "the same way in every language"), so
  a group whose languages differ holds at least one wrong line, whatever the
  model thinks.

The audit only points; the guideline decides, and fixes go into the data.
"""
from __future__ import annotations

import textwrap
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
from sklearn.model_selection import GroupKFold

from .corpus import label_matrix, translation_units
from .errors import CapneedsError
from .model import NeedModel
from .schema import LABELS, SUPPORTED_LANGUAGES
from .training import fit_model

#: A label counts as predicted when its probability reaches this, as in
#: :func:`pipeline.model.decide`, so the audit disagrees exactly where the
#: shipped decision rule would.
DECISION_THRESHOLD = 0.5


class AuditError(CapneedsError):
    """An audit that cannot be run as asked (too few groups for the folds,
    a fold whose training part lacks one value of a label)."""


@dataclass(frozen=True)
class Suspect:
    """One label of one statement that the out-of-fold model disputes.

    ``probability`` is the model's P(label) — for the labels that depend on
    ``is_need``, P(label | need), since they are only audited on gold needs.
    ``confidence`` is the probability the model gives to the *opposite* of
    the annotation, so it reads the same way for both directions of error.
    Only fields that do not depend on which file the line sits in are kept,
    so a suspect can be found again after files are split or merged.
    """

    id: str
    lang: str
    text: str
    label: str
    annotated: bool
    probability: float
    confidence: float


# -- out-of-fold probabilities ---------------------------------------------
def _fold_indices(records: Sequence[dict], folds: int, random_state: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(train, held_out)`` row indices, whole groups at a time, shuffled
    reproducibly so that ``random_state`` gives a second opinion on demand."""
    groups = [record["group"] for record in records]
    distinct = len(set(groups))
    if not 2 <= folds <= distinct:
        raise AuditError(f"cannot make {folds} folds from {distinct} groups (need 2 <= folds <= groups)")
    splitter = GroupKFold(n_splits=folds, shuffle=True, random_state=random_state)
    return list(splitter.split(np.zeros(len(records)), groups=groups))


def _fit_fold(records: Sequence[dict], model_params: dict, fold: int) -> NeedModel:
    """Fit one fold's model, naming the fold when its data cannot train one."""
    try:
        return fit_model(list(records), model_params)
    except ValueError as error:
        raise AuditError(f"fold {fold}: {error}; use fewer folds or a larger corpus") from error


def out_of_fold_probabilities(
    records: Sequence[dict], model_params: dict, folds: int = 5, random_state: int = 0
) -> np.ndarray:
    """``(n, 7)`` probabilities in :data:`LABELS` order, each row predicted by
    a model fitted without the row's group.

    ``model_params`` is the ``model`` section of ``params.yaml``, passed to
    :class:`pipeline.model.NeedModel` unchanged, so the audit judges the
    corpus with the model that is actually trained on it. The same records,
    parameters and ``random_state`` always give the same array.
    """
    probabilities = np.zeros((len(records), len(LABELS)))
    for fold, (train, held_out) in enumerate(_fold_indices(records, folds, random_state), start=1):
        model = _fit_fold([records[i] for i in train], model_params, fold)
        probabilities[held_out] = model.predict_proba([(records[i]["text"], records[i]["lang"]) for i in held_out])
    return probabilities


# -- suspicious labels -------------------------------------------------------
def _audited_columns(is_need: bool) -> range:
    """Columns of :data:`LABELS` that mean something for a statement: the
    dependent labels are defined (and predicted) only for needs."""
    return range(len(LABELS)) if is_need else range(1)


def suspicious_labels(
    records: Sequence[dict], probabilities: np.ndarray, min_confidence: float = 0.8
) -> list[Suspect]:
    """Labels that the model contradicts with at least ``min_confidence``.

    A label is contradicted when the model's decision (probability >= 0.5)
    differs from the annotation. Sorted by confidence, strongest first, then
    by id, so the list is stable from run to run; the sort is stable, so the
    labels of one statement stay in :data:`LABELS` order.
    """
    probabilities = np.asarray(probabilities, dtype=float)
    if probabilities.shape != (len(records), len(LABELS)):
        raise ValueError(f"probabilities must have shape ({len(records)}, {len(LABELS)}), not {probabilities.shape}")
    gold = label_matrix(records)
    suspects = []
    for record, truth, row in zip(records, gold, probabilities):
        for column in _audited_columns(bool(truth[0])):
            annotated = bool(truth[column])
            probability = float(row[column])
            confidence = 1.0 - probability if annotated else probability
            if (probability >= DECISION_THRESHOLD) != annotated and confidence >= min_confidence:
                suspects.append(
                    Suspect(record["id"], record["lang"], record["text"], LABELS[column], annotated, probability, confidence)
                )
    return sorted(suspects, key=lambda suspect: (-suspect.confidence, suspect.id))


# -- parallel disagreements --------------------------------------------------
def _translation_sets(records: Sequence[dict]) -> dict[str, list[tuple[dict, np.ndarray]]]:
    """Records that are translations of one statement (see
    :func:`~pipeline.corpus.translation_units`), with their label rows."""
    labels = label_matrix(records)
    return {key: [(records[row], labels[row]) for row in rows] for key, rows in translation_units(records).items()}


def parallel_disagreements(records: Sequence[dict]) -> list[dict]:
    """Translation groups whose languages carry different labels, by group name.

    Each entry gives ``group``, the differing ``labels`` (in :data:`LABELS`
    order; ``generic`` is left out because it follows from them), ``values``
    as ``{lang: {label: bool}}`` for those labels and the line ``ids`` by
    language, in the order ru, en, fr, es.
    """
    disagreements = []
    for group, rows in sorted(_translation_sets(records).items()):
        rows = sorted(rows, key=lambda row: SUPPORTED_LANGUAGES.index(row[0]["lang"]))
        matrix = np.array([labels for _, labels in rows])
        differing = [label for column, label in enumerate(LABELS) if len(set(matrix[:, column])) > 1]
        if not differing:
            continue
        disagreements.append(
            {
                "group": group,
                "labels": differing,
                "values": {
                    record["lang"]: {label: bool(labels[LABELS.index(label)]) for label in differing}
                    for record, labels in rows
                },
                "ids": {record["lang"]: record["id"] for record, _ in rows},
            }
        )
    return disagreements


# -- the report ------------------------------------------------------------------
def _suspect_dict(suspect: Suspect) -> dict:
    return {**asdict(suspect), "probability": round(suspect.probability, 4), "confidence": round(suspect.confidence, 4)}


def audit_report(records: Sequence[dict], probabilities: np.ndarray, min_confidence: float = 0.8) -> dict:
    """The whole audit as JSON-serialisable data: every suspect (not only the
    ones a text report has room for) and every parallel disagreement."""
    suspects = suspicious_labels(records, probabilities, min_confidence)
    return {
        "statements": len(records),
        "min_confidence": min_confidence,
        "suspects": [_suspect_dict(suspect) for suspect in suspects],
        "parallel_disagreements": parallel_disagreements(records),
    }


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _suspect_lines(suspects: Sequence[dict], width: int) -> list[str]:
    """Two lines a suspect: the figures, then the statement shortened to fit."""
    lines = [f"  {'conf':>5}  {'label':<15} {'annotated':<9} {'P(label)':>8}  id"]
    for suspect in suspects:
        lines.append(
            f"  {suspect['confidence']:5.3f}  {suspect['label']:<15} {_yes_no(suspect['annotated']):<9} "
            f"{suspect['probability']:8.3f}  {suspect['id']}"
        )
        lines.append("         " + textwrap.shorten(suspect["text"], width=max(width - 9, 20), placeholder=" …"))
    return lines


def _disagreement_lines(disagreement: dict) -> list[str]:
    lines = [f"  {disagreement['group']}: {', '.join(disagreement['labels'])} differ"]
    for lang, values in disagreement["values"].items():
        shown = "  ".join(f"{label}={_yes_no(value)}" for label, value in values.items())
        lines.append(f"    {lang}  {disagreement['ids'][lang]:<16} {shown}")
    return lines


def format_report(report: dict, top: int = 20, width: int = 100) -> str:
    """A plain-text report of :func:`audit_report`'s result for a researcher:
    the ``top`` strongest suspects, texts shortened to ``width`` characters,
    then every parallel disagreement (they are few and each is certain)."""
    suspects = report["suspects"]
    shown = suspects[:top]
    lines = [
        f"Label audit of {report['statements']} statements",
        "",
        f"Labels the out-of-fold model contradicts with confidence >= {report['min_confidence']:.2f}: "
        f"{len(suspects)} (showing {len(shown)})",
    ]
    if shown:
        lines += _suspect_lines(shown, width)
    disagreements = report["parallel_disagreements"]
    lines += ["", f"Translation groups whose languages carry different labels: {len(disagreements)}"]
    for disagreement in disagreements:
        lines += _disagreement_lines(disagreement)
    return "\n".join(lines) + "\n"
