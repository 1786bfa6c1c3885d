"""Evaluation plots: data files for ``dvc plots show`` and PNG figures.

``write_plots(gold, predicted, out_dir)`` writes::

    out_dir/confusion/<label>.csv         actual,predicted  one row per statement
    out_dir/precision_recall/<label>.csv  precision,recall,threshold
    out_dir/figures/confusion_matrices.png
    out_dir/figures/precision_recall.png
    out_dir/figures/f1_by_lang.png
    out_dir/figures/f1_by_length.png
    out_dir/figures/f1_by_convention.png

Confusion files cover every scored label, end to end like the F1 figures
(``true``/``false`` values). Precision-recall files cover the seven labels
the model scores, on the statements :func:`pipeline.evaluation.label_probabilities`
chooses (gold needs for the labels conditional on ``is_need``), so the curves
and the calibration figures describe the same probabilities; a label with no
gold positive there has no curve and no file. Each curve point is a real
threshold (scikit-learn's closing (recall 0, precision 1) anchor is dropped).

The data files fit DVC's built-in templates; with the evaluate stage writing
to ``metrics/plots``, the top-level ``plots:`` section of ``dvc.yaml`` is::

    plots:
      - metrics/plots/confusion:
          template: confusion
          x: actual
          y: predicted
      - metrics/plots/precision_recall:
          template: simple
          x: recall
          y: precision
      - metrics/plots/figures

A folder entry plots every file in it, one plot per label; the PNGs are
shown as images. Figures are drawn on :class:`matplotlib.figure.Figure`
objects (Agg canvas), never through pyplot, so no display or global backend
is involved.
"""
from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from sklearn.metrics import precision_recall_curve

from .evaluation import SCORED_LABELS, has_label, label_probabilities, split_tables
from .schema import LABELS

#: Column headers of the data files (what the dvc.yaml snippet names).
CONFUSION_COLUMNS: tuple[str, str] = ("actual", "predicted")
CURVE_COLUMNS: tuple[str, str, str] = ("precision", "recall", "threshold")

#: The F1 columns of the per-group figures.
FIGURE_LABELS: tuple[str, ...] = (*SCORED_LABELS, "macro_f1")


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _flag(value: bool) -> str:
    return "true" if value else "false"


def confusion_pairs(gold: Sequence[dict], predicted: Sequence[dict], label: str) -> list[tuple[bool, bool]]:
    """(actual, predicted) of one label for every statement, end to end."""
    return [(has_label(g, label), has_label(p, label)) for g, p in zip(gold, predicted)]


def pr_curve(gold: Sequence[dict], predicted: Sequence[dict], label: str) -> list[tuple[float, float, float]] | None:
    """(precision, recall, threshold) points of one model label, or ``None``
    when no gold positive makes recall defined."""
    truth, scores = label_probabilities(gold, predicted, label)
    if not truth.any():
        return None
    precision, recall, thresholds = precision_recall_curve(truth, scores)
    return [
        (round(float(p), 4), round(float(r), 4), round(float(t), 4))
        for p, r, t in zip(precision, recall, thresholds)
    ]


def _draw_matrix(axes, pairs: list[tuple[bool, bool]], title: str) -> None:
    counts = np.zeros((2, 2), dtype=int)
    for actual, guess in pairs:
        counts[int(actual), int(guess)] += 1
    axes.imshow(counts, cmap="Blues")
    for (i, j), count in np.ndenumerate(counts):
        axes.text(j, i, str(count), ha="center", va="center", color="white" if count > counts.max() / 2 else "black")
    axes.set(title=title, xlabel="predicted", ylabel="actual", xticks=[0, 1], yticks=[0, 1])
    axes.set(xticklabels=["false", "true"], yticklabels=["false", "true"])


def _confusion_grid(gold: Sequence[dict], predicted: Sequence[dict], path: Path) -> Path:
    """One 2x2 count matrix per scored label (rows actual, columns predicted)."""
    columns = 3
    rows = -(-len(SCORED_LABELS) // columns)
    figure = Figure(figsize=(3.2 * columns, 3.0 * rows), layout="constrained")
    grid = figure.subplots(rows, columns).flat
    for axes in grid[len(SCORED_LABELS):]:
        axes.set_visible(False)
    for axes, label in zip(grid, SCORED_LABELS):
        _draw_matrix(axes, confusion_pairs(gold, predicted, label), label)
    figure.suptitle(f"Confusion matrices ({len(gold)} statements, end to end)")
    figure.savefig(path, dpi=110)
    return path


def _pr_figure(curves: dict[str, list[tuple[float, float, float]]], path: Path) -> Path:
    """All precision-recall curves on one set of axes."""
    figure = Figure(figsize=(7, 5.5), layout="constrained")
    axes = figure.subplots()
    for label, points in curves.items():
        precision, recall, _ = zip(*points)
        axes.plot(recall, precision, label=label, drawstyle="steps-post")
    axes.set(xlabel="recall", ylabel="precision", xlim=(0, 1.02), ylim=(0, 1.02))
    axes.set_title("Precision-recall (dependent labels on gold needs)")
    if curves:
        axes.legend(loc="lower left", fontsize="small")
    figure.savefig(path, dpi=110)
    return path


def _f1(table: dict, label: str) -> float:
    """A table's F1 for a label (or its macro-F1); NaN when undefined, so it is not drawn as 0."""
    value = table[label] if label == "macro_f1" else table[label]["f1"]
    return float("nan") if value is None else value


def _f1_bars(tables: dict[str, dict], title: str, path: Path) -> Path:
    """Grouped bars: one group per label, one bar per subset (language, length)."""
    figure = Figure(figsize=(11, 4.5), layout="constrained")
    axes = figure.subplots()
    width = 0.8 / max(len(tables), 1)
    positions = np.arange(len(FIGURE_LABELS))
    for k, (name, table) in enumerate(tables.items()):
        values = [_f1(table, label) for label in FIGURE_LABELS]
        axes.bar(positions + k * width, values, width, label=f"{name} (n={table['n']})")
    axes.set_xticks(positions + width * (len(tables) - 1) / 2, FIGURE_LABELS, rotation=30, ha="right")
    axes.set(ylabel="F1", ylim=(0, 1), title=title)
    figure.legend(loc="outside right upper", fontsize="small")
    figure.savefig(path, dpi=110)
    return path


def _f1_heatmap(tables: dict[str, dict], title: str, path: Path) -> Path:
    """F1 as a subset-by-label grid, readable with many subsets (conventions)."""
    names = list(tables)
    values = np.array([[_f1(tables[name], label) for label in FIGURE_LABELS] for name in names], dtype=float)
    figure = Figure(figsize=(11, 1.2 + 0.42 * len(names)), layout="constrained")
    axes = figure.subplots()
    image = axes.imshow(values, cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        axes.text(j, i, "–" if np.isnan(value) else f"{value:.2f}", ha="center", va="center", fontsize=8)
    axes.set_xticks(range(len(FIGURE_LABELS)), FIGURE_LABELS, rotation=30, ha="right")
    axes.set_yticks(range(len(names)), [f"{name} (n={tables[name]['n']})" for name in names])
    axes.set_title(title)
    figure.colorbar(image, ax=axes, label="F1")
    figure.savefig(path, dpi=110)
    return path


def _write_data_files(
    gold: Sequence[dict], predicted: Sequence[dict], out_dir: Path
) -> tuple[list[Path], dict[str, list[tuple[float, float, float]]]]:
    """The CSV files DVC renders; also returns the curves, for the figure."""
    written = [
        _write_csv(
            out_dir / "confusion" / f"{label}.csv",
            CONFUSION_COLUMNS,
            [(_flag(actual), _flag(guess)) for actual, guess in confusion_pairs(gold, predicted, label)],
        )
        for label in SCORED_LABELS
    ]
    curves = {label: points for label in LABELS if (points := pr_curve(gold, predicted, label))}
    for label, points in curves.items():
        written.append(_write_csv(out_dir / "precision_recall" / f"{label}.csv", CURVE_COLUMNS, points))
    return written, curves


def write_plots(gold: Sequence[dict], predicted: Sequence[dict], out_dir: Path) -> list[Path]:
    """Write the plot data files and figures described above; return their paths."""
    out_dir = Path(out_dir)
    written, curves = _write_data_files(gold, predicted, out_dir)
    figures = out_dir / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    tables = split_tables(gold, predicted)
    return written + [
        _confusion_grid(gold, predicted, figures / "confusion_matrices.png"),
        _pr_figure(curves, figures / "precision_recall.png"),
        _f1_bars(tables["by_lang"], "F1 by language", figures / "f1_by_lang.png"),
        _f1_bars(tables["by_length"], "F1 by statement length (words)", figures / "f1_by_length.png"),
        _f1_heatmap(tables["by_convention"], "F1 by convention", figures / "f1_by_convention.png"),
    ]
