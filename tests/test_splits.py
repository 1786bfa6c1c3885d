import json

from pipeline.corpus import load_corpus
from pipeline.splits import assign_split, prepare_splits
from pipeline.training import read_params
from tests.conftest import PROJECT_ROOT


def _write(path, records):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _record(id_, group, lang="en", text="The inventory was completed."):
    return {"id": id_, "group": group, "lang": lang, "text": text, "is_need": False, "needs": [],
            "has_activity": False, "has_timeline": False, "generic": False, "reasons": []}


def test_test_folder_is_always_test_and_assignment_is_stable():
    assert assign_split("x-g001", "test", 0.5, 0.5) == "test"
    assert {assign_split("g42", "train", 0.15, 0.3) for _ in range(5)} == {assign_split("g42", "train", 0.15, 0.3)}
    assert {assign_split(f"g{i}", "train", 0.15, 0.3) for i in range(200)} == {"train", "dev"}
    assert {assign_split(f"p{i}", "parallel", 0.15, 0.3) for i in range(200)} == {"train", "dev", "test"}


def test_translations_never_straddle_splits(tmp_path):
    corpus = tmp_path / "corpora"
    parallel = [_record(f"par-{g:04d}-{lang}", f"par-g{g:04d}", lang) for g in range(60) for lang in ("en", "fr", "es", "ru")]
    _write(corpus / "parallel" / "parallel.jsonl", parallel)
    _write(corpus / "train" / "en.jsonl", [_record(f"en-{i}", f"en-g{i // 3}") for i in range(90)])
    _write(corpus / "translated" / "en.jsonl", [_record(f"en-{i}-fr", f"en-g{i // 3}", "fr") for i in range(90)])
    _write(corpus / "test" / "en.jsonl", [_record(f"en-test-{i}", f"en-test-g{i}") for i in range(10)])
    _write(corpus / "fresh" / "fresh.jsonl", [_record(f"fresh-{i}", f"fresh-g{i}") for i in range(10)])
    prepare_splits(corpus, tmp_path / "splits", 0.2, 0.3)
    split_of = {}
    for split in ("train", "dev", "test"):
        for record in load_corpus([tmp_path / "splits" / split]):
            assert split_of.setdefault(record["group"], split) == split
    assert all(split_of[f"en-test-g{i}"] == "test" for i in range(10))
    assert not any(group.startswith("fresh-") for group in split_of), "the fresh sample is evaluation-only"
    assert {split_of[f"par-g{g:04d}"] for g in range(60)} == {"train", "dev", "test"}


def test_committed_splits_are_up_to_date(tmp_path):
    """The splits in data/splits are what `capneeds prepare` makes of corpora/ today."""
    settings = read_params(PROJECT_ROOT / "params.yaml")["prepare"]
    prepare_splits(PROJECT_ROOT / settings["corpus"], tmp_path, settings["dev_fraction"], settings["parallel_test_fraction"])
    for split in ("train", "dev", "test"):
        committed = PROJECT_ROOT / "data" / "splits" / split
        made = sorted(path.name for path in (tmp_path / split).glob("*.jsonl"))
        assert made == sorted(path.name for path in committed.glob("*.jsonl")), f"run `capneeds prepare` ({split})"
        for name in made:
            expected = (tmp_path / split / name).read_text(encoding="utf-8")
            assert (committed / name).read_text(encoding="utf-8") == expected, f"run `capneeds prepare` ({split}/{name})"
