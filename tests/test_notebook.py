"""notebooks/error_analysis.ipynb runs top to bottom and shows what it promises.

The notebook is executed in memory (the file on disk is never rewritten) with
nbclient, in a kernel pinned to the Python running the tests, from the
notebook's own folder, as Jupyter would start it. Cells are found by their
tags (``locate-repository``, ``f1-chart``, ``confusion``, ``error-tables``),
so the prose around them can change freely.

Needs nbformat, nbclient, ipykernel and matplotlib (part of the ``test``
extra). They are required, not optional: a missing one fails the test with
the install command instead of skipping it, so CI cannot quietly stop
running the notebook.
"""
from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

from pipeline.schema import LABELS, SUPPORTED_LANGUAGES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = PROJECT_ROOT / "notebooks" / "error_analysis.ipynb"
NEEDED = ("nbformat", "nbclient", "ipykernel", "matplotlib")
KERNEL_NAME = "capneeds-test-python"
#: Seconds any one cell may take (the whole notebook takes ~20 s on 2 cores).
CELL_TIMEOUT = 300

pytestmark = pytest.mark.slow


def _require(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        pytest.fail(
            f"{module} is not installed; the notebook test needs {', '.join(NEEDED)}: "
            'pip install -e ".[test]"',
            pytrace=False,
        )


def _notebook():
    nbformat = _require("nbformat")
    return nbformat.read(NOTEBOOK, as_version=4)


def _tagged(nb, tag: str):
    cells = [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected exactly one cell tagged {tag!r}, found {len(cells)}"
    return cells[0]


def _html(cell) -> list[str]:
    return [output["data"]["text/html"] for output in cell.outputs if "text/html" in output.get("data", {})]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook after a full run, with its outputs."""
    for module in NEEDED:
        _require(module)
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    # A kernelspec of our own, so the kernel is this Python (this virtualenv),
    # whatever "python3" kernels the machine or the user has installed.
    kernels = tmp_path_factory.mktemp("kernels")
    spec = kernels / KERNEL_NAME
    spec.mkdir()
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "capneeds tests",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    manager = AsyncKernelManager(
        kernel_name=KERNEL_NAME, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)])
    )
    nb = _notebook()
    client = NotebookClient(
        nb,
        km=manager,
        kernel_name=KERNEL_NAME,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, if a cell fails
    return nb


def test_committed_notebook_has_no_outputs():
    nb = _notebook()
    stored = [cell.get("id") for cell in nb.cells if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert not stored, f"clear the outputs before committing (cells {stored})"


def test_notebook_runs_without_errors(executed):
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code), "some code cells were not run"
    errors = [output for cell in code for output in cell.outputs if output.output_type == "error"]
    assert not errors
    locate = _tagged(executed, "locate-repository")
    printed = "".join(output.get("text", "") for output in locate.outputs)
    assert f"repository: {PROJECT_ROOT}" in printed


def test_notebook_draws_the_f1_chart(executed):
    chart = _tagged(executed, "f1-chart")
    assert any("image/png" in output.get("data", {}) for output in chart.outputs), "no chart was drawn"


def test_notebook_shows_confusion_counts(executed):
    tables = _html(_tagged(executed, "confusion"))
    assert len(tables) == 1 and "capneeds-confusion" in tables[0]
    for label in (*LABELS, "generic"):
        assert f">{label}<" in tables[0]


def test_notebook_shows_error_tables_per_label_and_language(executed):
    shown = "\n".join(_html(_tagged(executed, "error-tables")))
    for label in LABELS:
        for lang in SUPPORTED_LANGUAGES:
            assert f"class='capneeds-errors' data-label='{label}' data-lang='{lang}'" in shown, (label, lang)
    assert "<table class='capneeds-errors'" in shown, "no error table has any rows"
    assert "<mark>" in shown, "no evidence is highlighted"


def test_repository_is_found_from_another_working_directory(tmp_path, monkeypatch):
    """Started outside the checkout, the notebook falls back to the package's checkout."""
    import pipeline

    if Path(pipeline.__file__).resolve().parent.parent != PROJECT_ROOT:
        pytest.skip("pipeline is not installed from this checkout (pip install -e)")
    _require("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(_tagged(_notebook(), "locate-repository").source, "locate-repository", "exec"), namespace)
    assert namespace["ROOT"] == PROJECT_ROOT
    monkeypatch.chdir(PROJECT_ROOT / "tests")
    assert namespace["find_repository_root"](Path.cwd()) == PROJECT_ROOT
