import json
import shutil

import pytest

from pipeline.errors import ModelError
from pipeline.storage import CARD_DATA_FILE, MODEL_FILE, default_model_dir, load_model_state, save_model


@pytest.fixture
def model_copy(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target)
    return target


def test_shipped_model_loads(model_copy):
    model, info = load_model_state(model_copy)
    assert info["training_statements"] > 0


def test_truncated_model_file_gives_clear_error(model_copy):
    path = model_copy / MODEL_FILE
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match="truncated or corrupted"):
        load_model_state(model_copy)


def test_incompatible_scikit_learn_is_refused(model_copy):
    sidecar = model_copy / CARD_DATA_FILE
    info = json.loads(sidecar.read_text())
    info["versions"]["scikit-learn"] = "0.24.2"
    sidecar.write_text(json.dumps(info))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2"):
        load_model_state(model_copy)


def test_missing_model_names_the_fix(tmp_path):
    with pytest.raises(ModelError, match="capneeds train"):
        load_model_state(tmp_path)


def test_model_from_an_older_format_names_the_fix(model_copy):
    """A model directory written before the gzip format holds capneeds.joblib."""
    (model_copy / MODEL_FILE).rename(model_copy / "capneeds.joblib")
    with pytest.raises(ModelError, match="capneeds train"):
        load_model_state(model_copy)


def test_saving_the_same_model_twice_gives_the_same_bytes(model_copy, tmp_path):
    model, info = load_model_state(model_copy)
    first, second = save_model(model, tmp_path / "a", {}), save_model(model, tmp_path / "b", {})
    assert first.read_bytes() == second.read_bytes()
    reloaded, _ = load_model_state(tmp_path / "a")
    texts = [("Se necesitan escáneres para el puerto de Cartagena antes de 2027.", "es")]
    assert (reloaded.predict_proba(texts) == model.predict_proba(texts)).all()
