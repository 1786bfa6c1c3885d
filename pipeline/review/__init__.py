"""The reviewer workbench: check what capneeds flagged, correct it, and feed the corrections back.

:mod:`pipeline.review.store` keeps statements, predictions and decisions in
SQLite (its docstring is the API the web app builds on, and names the
modules the store is made of); :mod:`pipeline.review.exchange` writes
reviewed statements as corpus lines for ``capneeds train --extra`` and
exchanges tasks with Label Studio and Prodigy (one module per format);
:mod:`pipeline.review.agreement` measures how far reviewers agree. The Flask
app lives in :mod:`pipeline.review.app` (with :mod:`~pipeline.review.security`
and :mod:`~pipeline.review.display`) and is imported only when served, so
the store works without Flask installed.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Counts", "Filters", "LoadSummary", "ReviewError", "ReviewStore", "UnknownStatement", "complete_labels"]


def __getattr__(name: str) -> Any:
    """The store's names, imported on first use: every ``capneeds`` command
    builds the ``review`` parser, and only ``review`` itself needs the store."""
    if name in __all__:
        return getattr(import_module(".store", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
