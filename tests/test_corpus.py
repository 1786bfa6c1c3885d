import json

import pytest

from pipeline.corpus import CorpusError, label_matrix, load_corpus, validation_problems
from tests.conftest import PROJECT_ROOT


def _record(**changes):
    record = {
        "id": "x-1", "group": "g1", "lang": "en", "text": "We need equipment.",
        "is_need": True, "needs": ["equipment"], "has_activity": False, "has_timeline": False,
        "generic": True, "reasons": ["no_activity", "no_timeline"],
    }
    record.update(changes)
    return record


def test_valid_record_has_no_problems():
    assert validation_problems(_record()) == []


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"generic": False}, "generic should be True"),
        ({"reasons": ["no_timeline"]}, "reasons"),
        ({"is_need": False, "generic": False, "reasons": []}, "non-need"),
        ({"needs": ["money"]}, "needs must be a list"),
        ({"lang": "de"}, "lang 'de'"),
    ],
)
def test_guideline_rules_are_enforced(changes, expected):
    problems = validation_problems(_record(**changes))
    assert any(expected in problem for problem in problems), problems


def test_load_corpus_names_the_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_record()) + "\n" + json.dumps(_record(id="x-2", generic=False)) + "\n")
    with pytest.raises(CorpusError, match=r"bad.jsonl:2 \(x-2\)"):
        load_corpus([path])


def test_duplicate_ids_rejected(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text((json.dumps(_record()) + "\n") * 2)
    with pytest.raises(CorpusError, match="duplicate id"):
        load_corpus([path])


def test_label_matrix_columns():
    matrix = label_matrix([_record(needs=["skills", "funding"], has_timeline=True, reasons=["no_activity"])])
    assert matrix.tolist() == [[1, 0, 1, 1, 0, 0, 1]]


def test_shipped_corpus_is_valid_and_large_enough():
    records = load_corpus([PROJECT_ROOT / "corpora"])
    per_language = {lang: sum(r["lang"] == lang for r in records) for lang in ("ru", "en", "fr", "es")}
    assert all(count >= 250 for count in per_language.values()), per_language
    train_groups = {r["group"] for r in load_corpus([PROJECT_ROOT / "corpora" / "train"])}
    test_groups = {r["group"] for r in load_corpus([PROJECT_ROOT / "corpora" / "test"])}
    assert not train_groups & test_groups


def test_translation_units_join_translated_lines_to_their_source_and_skip_passages():
    from pipeline.corpus import translation_units

    records = [
        {"id": "en-1", "group": "passage", "lang": "en"},
        {"id": "en-2", "group": "passage", "lang": "en"},
        {"id": "en-1-fr", "group": "passage", "lang": "fr", "translation_of": "en-1"},
        {"id": "en-1-ru", "group": "passage", "lang": "ru", "translation_of": "en-1"},
        {"id": "par-1-en", "group": "par-1", "lang": "en"},
        {"id": "par-1-es", "group": "par-1", "lang": "es"},
    ]
    assert translation_units(records) == {"en-1": [0, 2, 3], "par-1": [4, 5]}
