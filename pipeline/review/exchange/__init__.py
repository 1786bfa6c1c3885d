"""Reviewed statements out to training and to and from Label Studio and Prodigy.

* :func:`export_corpus` (:mod:`.corpus`) writes reviewed statements as corpus
  lines that ``capneeds train --extra`` accepts (each validated with
  :func:`pipeline.corpus.validation_problems` before it is written).
* :func:`export_label_studio` / :func:`import_label_studio` and
  :func:`label_studio_config` (:mod:`.label_studio`): Label Studio's JSON
  task format, the model's output as ``predictions`` and reviewer decisions
  as ``annotations``.
* :func:`export_prodigy` / :func:`import_prodigy` (:mod:`.prodigy`):
  Prodigy's JSONL ``choice`` tasks.
* :func:`export` and :func:`import_file` choose the format for the CLI.

Tasks carry the statement's stable ``key`` (``"<document sha256>#<index>"``),
so an export re-imports into any store that loaded the same documents.
Files are written whole or not at all (a temporary file renamed into place).
Bad input raises :class:`~pipeline.errors.CapneedsError` with one line naming
the file and the line.
"""
from __future__ import annotations

from pathlib import Path

from ...errors import CapneedsError
from ..store import ReviewStore
from .common import LEAD_IN_SEPARATOR, ExportSummary, ImportSummary
from .corpus import export_corpus
from .label_studio import export_label_studio, import_label_studio, label_studio_config
from .prodigy import export_prodigy, import_prodigy

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "LEAD_IN_SEPARATOR",
    "ExportSummary",
    "ImportSummary",
    "export",
    "export_corpus",
    "export_label_studio",
    "export_prodigy",
    "import_file",
    "import_label_studio",
    "import_prodigy",
    "label_studio_config",
]

EXPORT_FORMATS = ("corpus", "label-studio", "prodigy")
IMPORT_FORMATS = ("label-studio", "prodigy")


def export(store: ReviewStore, path: str | Path, fmt: str = "corpus", reviewer: str | None = None) -> ExportSummary:
    """Export in ``fmt`` (one of :data:`EXPORT_FORMATS`); ``reviewer`` applies to the corpus format only."""
    if fmt == "corpus":
        return export_corpus(store, path, reviewer)
    if fmt == "label-studio":
        return export_label_studio(store, path)
    if fmt == "prodigy":
        return export_prodigy(store, path)
    raise CapneedsError(f"unknown export format '{fmt}' (use {', '.join(EXPORT_FORMATS)})")


def import_file(store: ReviewStore, path: str | Path, fmt: str | None = None,
                reviewer: str | None = None) -> ImportSummary:
    """Import a Label Studio (``.json``) or Prodigy (``.jsonl``) file; ``fmt=None`` guesses from the extension."""
    fmt = fmt or ("label-studio" if Path(path).suffix.lower() == ".json" else "prodigy")
    if fmt == "label-studio":
        return import_label_studio(store, path, reviewer)
    if fmt == "prodigy":
        return import_prodigy(store, path, reviewer)
    raise CapneedsError(f"unknown import format '{fmt}' (use {', '.join(IMPORT_FORMATS)})")
