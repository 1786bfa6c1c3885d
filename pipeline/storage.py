"""Saving and loading models safely.

A pickled scikit-learn model can load under another scikit-learn version and
then give silently wrong answers, and a truncated file can fail deep inside
joblib. So every model file has a JSON sidecar with its SHA-256 and the
library versions it was built with; loading checks both and says plainly what
is wrong.
"""
from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

import joblib

from .errors import ModelError
from .model import NeedModel

MODEL_FILE = "capneeds.joblib"
CARD_DATA_FILE = "capneeds.json"

#: Libraries whose version is stored; the first must match major.minor to load.
TRACKED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "spacy", "joblib")


def default_model_dir() -> Path:
    """The shipped model: ``models/`` beside the package in a checkout or install."""
    return Path(__file__).resolve().parent.parent / "models"


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TRACKED_LIBRARIES:
        versions[name] = metadata.version(name)
    return versions


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model(model: NeedModel, directory: Path, info: dict) -> Path:
    """Write the model and its sidecar (checksum, versions, ``info``) to ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / MODEL_FILE
    joblib.dump(model.to_state(), path, compress=3)
    sidecar = {"sha256": _sha256(path), "versions": library_versions(), **info}
    (directory / CARD_DATA_FILE).write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def read_sidecar(directory: Path) -> dict:
    sidecar_path = directory / CARD_DATA_FILE
    if not sidecar_path.exists():
        raise ModelError(f"{sidecar_path}: model metadata is missing; retrain with `capneeds train`")
    try:
        return json.loads(sidecar_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ModelError(f"{sidecar_path}: model metadata is not valid JSON ({error.msg})") from error


def verify_model_files(directory: Path) -> dict:
    """Check the model file against its sidecar (presence, checksum, scikit-learn
    version) without unpickling it, and return the sidecar.

    A batch run calls this before starting workers, so a broken model is one
    clear error instead of one per document, at the cost of a checksum.
    """
    path = directory / MODEL_FILE
    if not path.exists():
        raise ModelError(f"{path}: no model file; train one with `capneeds train`")
    sidecar = read_sidecar(directory)
    if _sha256(path) != sidecar.get("sha256"):
        raise ModelError(f"{path}: checksum mismatch, the model file is truncated or corrupted; restore it from git or retrain")
    built = sidecar.get("versions", {}).get("scikit-learn", "?")
    installed = metadata.version("scikit-learn")
    if _minor(built) != _minor(installed):
        raise ModelError(
            f"{path}: built with scikit-learn {built} but {installed} is installed; "
            f"install scikit-learn=={built} or retrain with `capneeds train`"
        )
    return sidecar


def load_model_state(directory: Path) -> tuple[NeedModel, dict]:
    """Load and verify the model in ``directory``; raise :class:`ModelError` if unusable."""
    sidecar = verify_model_files(directory)
    path = directory / MODEL_FILE
    try:
        state = joblib.load(path)
        return NeedModel.from_state(state), sidecar
    except Exception as error:  # joblib/pickle raise many types for a bad file
        raise ModelError(f"{path}: cannot load model ({type(error).__name__}: {error})") from error
