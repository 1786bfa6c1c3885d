"""Saving and loading models safely.

A pickled scikit-learn model can load under another scikit-learn version and
then give silently wrong answers, and a truncated file can fail deep inside
the unpickler. So every model file has a JSON sidecar with its SHA-256 and the
library versions it was built with; loading checks both and says plainly what
is wrong.

The state is written with the standard pickle protocol 5 and gzip, not
``joblib.dump``: ``joblib.load`` unpickles with the pure-Python unpickler (it
must intercept its own array wrappers), which spent most of a second
rebuilding the vocabularies' strings, on every ``capneeds`` command and in
every batch worker; the C unpickler does the same in about a quarter of a
second.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import pickle
import platform
from importlib import metadata
from pathlib import Path


from .errors import ModelError
from .model import NeedModel

MODEL_FILE = "capneeds.pkl.gz"
CARD_DATA_FILE = "capneeds.json"

#: Libraries whose version is stored; the first must match major.minor to load.
TRACKED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "spacy")


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
    # mtime=0 keeps the gzip header free of the time of writing, so the
    # same model gives the same bytes and checksum.
    with gzip.GzipFile(path, "wb", compresslevel=6, mtime=0) as handle:
        pickle.dump(model.to_state(), handle, protocol=5)
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
        with gzip.open(path, "rb") as handle:
            state = pickle.load(handle)
        return NeedModel.from_state(state), sidecar
    except Exception as error:  # gzip/pickle raise many types for a bad file
        raise ModelError(f"{path}: cannot load model ({type(error).__name__}: {error})") from error
