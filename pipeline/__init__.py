"""capneeds: find capacity needs in national reports to UN treaty secretariats.

>>> from pipeline import load_model
>>> model = load_model()
>>> model.classify(["We lack the resources to implement the Convention."])[0]["generic"]
True

``load_model`` and ``Classifier`` are imported on first use, so that
``import pipeline.documents`` (or the CLI's ``--help``) does not pay for
scikit-learn and spaCy.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Classifier", "load_model"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import classifier

        return getattr(classifier, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
