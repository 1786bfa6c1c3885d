"""Reviewed corrections flow back: `capneeds train --extra` uses them and the
model card and the datasheet count them."""
from __future__ import annotations

import json
import shutil

import pytest
import yaml

from pipeline.cli import main
from tests.conftest import PROJECT_ROOT

REVIEWED = [
    {
        "id": "review-0a1b2c3d4e5f-12",
        "group": "review-0a1b2c3d4e5f-12",
        "lang": "en",
        "text": "The customs laboratory in Lomé needs two portable XRF analysers before the end of 2027.",
        "is_need": True,
        "needs": ["equipment"],
        "has_activity": True,
        "has_timeline": True,
        "generic": False,
        "reasons": [],
        "convention": "Minamata",
        "country": "Togo",
        "source_doc": "reports/togo.pdf",
        "reviewer": "alice",
        "reviewed_at": "2026-11-23T17:00:00+00:00",
    },
    {
        "id": "review-0a1b2c3d4e5f-13",
        "group": "review-0a1b2c3d4e5f-13",
        "lang": "en",
        "text": "Togo thanks Japan for the mercury monitoring equipment delivered in 2024.",
        "is_need": False,
        "needs": [],
        "has_activity": False,
        "has_timeline": False,
        "generic": False,
        "reasons": [],
        "convention": "Minamata",
        "country": "Togo",
        "source_doc": "reports/togo.pdf",
        "reviewer": "alice",
        "reviewed_at": "2026-11-23T17:01:00+00:00",
    },
]


@pytest.mark.slow
def test_reviewer_export_is_trained_on_and_counted(tmp_path, capsys):
    train_file = tmp_path / "train.jsonl"
    lines = (PROJECT_ROOT / "corpora" / "train" / "en.jsonl").read_text(encoding="utf-8").splitlines()[:300]
    train_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reviewed = tmp_path / "corpora" / "reviewed" / "alice.jsonl"
    reviewed.parent.mkdir(parents=True)
    reviewed.write_text("".join(json.dumps(record) + "\n" for record in REVIEWED), encoding="utf-8")
    params = yaml.safe_load((PROJECT_ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["data"] = {"train": [str(train_file)], "extra": []}
    params["model"]["lemmatize"] = False  # lemma tables come with the research extra, not the test one
    params_file = tmp_path / "params.yaml"
    params_file.write_text(yaml.safe_dump(params), encoding="utf-8")
    model_dir = tmp_path / "model"

    assert main(["train", "--params", str(params_file), "--out", str(model_dir), "--extra", str(reviewed)]) == 0

    assert "302 statements (en 302), 2 of them from 1 extra file(s)" in capsys.readouterr().out
    metrics = tmp_path / "metrics.json"
    assert main(["evaluate", "--model", str(model_dir), "--data", str(train_file), "-o", str(metrics)]) == 0
    assert main(["card", "--model", str(model_dir), "--metrics", str(metrics)]) == 0
    card = (model_dir / "README.md").read_text(encoding="utf-8")
    assert f"2 come from extra annotated files (reviewer exports): `{reviewed}` (2)" in card

    corpus = tmp_path / "corpora"
    shutil.copy(PROJECT_ROOT / "corpora" / "README.md", corpus / "README.md")
    assert main(["datasheet", str(corpus)]) == 0
    sheet = (corpus / "README.md").read_text(encoding="utf-8")
    assert "| reviewed | 0 | 2 | 0 | 0 | 2 |" in sheet
