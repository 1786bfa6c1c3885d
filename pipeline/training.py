"""Training the default model from the corpus and ``params.yaml``.

This is what ``capneeds train`` (and the DVC ``train`` stage) runs. Every
setting comes from the parameters file, so the same corpus and parameters
always give the same model.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import yaml

from .corpus import CorpusError, corpus_files, label_matrix, load_corpus, read_jsonl, translation_units
from .model import NeedModel
from .storage import save_model

DEFAULT_PARAMS = Path("params.yaml")


def read_params(path: Path = DEFAULT_PARAMS) -> dict:
    """The parameters file as a dict (``data`` and ``model`` sections)."""
    with Path(path).open(encoding="utf-8") as handle:
        params = yaml.safe_load(handle) or {}
    params.setdefault("data", {})
    params.setdefault("model", {})
    return params


def training_files(params: dict) -> list[Path]:
    """Training corpus files plus any extra annotated files (e.g. reviewer exports)."""
    data = params["data"]
    return corpus_files([Path(p) for p in data.get("train", [])] + [Path(p) for p in data.get("extra") or []])


def extra_files(params: dict) -> list[Path]:
    """The extra annotated files (``data.extra``, e.g. reviewer exports) alone."""
    return corpus_files([Path(p) for p in params["data"].get("extra") or []])


def fit_model(records: list[dict], model_params: dict) -> NeedModel:
    """A :class:`NeedModel` with ``model_params`` fitted on ``records``."""
    model = NeedModel(**model_params)
    units = list(translation_units(records).values())
    return model.fit([(record["text"], record["lang"]) for record in records], label_matrix(records), units=units)


def train(params: dict, output: Path) -> tuple[NeedModel, dict]:
    """Fit on the training files named in ``params`` and save to ``output``."""
    files = training_files(params)
    if not files:
        raise CorpusError("params.yaml names no training files (data.train)")
    records = load_corpus(files)
    model = fit_model(records, params["model"])
    info = {
        "trained_on": str(date.today()),
        "training_files": [str(path) for path in files],
        "training_statements": len(records),
        "training_statements_by_lang": dict(sorted(Counter(r["lang"] for r in records).items())),
        # Reviewer corrections and other extra files, counted apart so the card shows they were used.
        "extra_statements": {str(path): sum(1 for _ in read_jsonl(path)) for path in extra_files(params)},
        "params": model.get_params(),
    }
    save_model(model, output, info)
    return model, info
