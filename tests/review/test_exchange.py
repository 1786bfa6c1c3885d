"""Exchange formats: corpus export for training, Label Studio and Prodigy round trips."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from pipeline.corpus import load_corpus, validation_problems
from pipeline.errors import CapneedsError
from pipeline.review.exchange import (
    LEAD_IN_SEPARATOR,
    export,
    export_corpus,
    export_label_studio,
    export_prodigy,
    import_file,
    import_label_studio,
    import_prodigy,
    label_studio_config,
)
from pipeline.review.store import Filters, ReviewStore
from pipeline.schema import CATEGORIES

from .conftest import ARABIC, SCRIPT


def record_ids(store):
    rows, _ = store.query(limit=None)
    return {row["record_id"]: row["id"] for row in rows}


@pytest.fixture
def reviewed(review_store):
    """A store where alice and bob reviewed some statements, disagreeing on one."""
    store = review_store
    ids = record_ids(store)
    store.decide(ids["chad_report.pdf#2"], "alice", {"has_activity": True})
    store.decide(ids["chad_report.pdf#3"], "alice", {"is_need": False})
    store.decide(ids["chad_report.pdf#5"], "alice", "accept")
    store.decide(ids["chad_report.pdf#5"], "bob", {"needs": ["skills"], "has_timeline": False})  # conflict, later
    store.decide(ids["rossiya.txt#1"], "bob", "accept")
    store.decide(ids["hostile.txt#1"], "bob", {"is_need": True, "needs": ["funding"]})  # Arabic: no corpus language
    store.decide(ids["hostile.txt#3"], "alice", {"needs": ["equipment", "funding"]})
    return store


def decisions_by_key(store: ReviewStore) -> dict:
    rows = {row["id"]: row["key"] for row in store.query(limit=None)[0]}
    return {
        (rows[statement], d["reviewer"]): (d["labels"], d["at"])
        for statement, items in store.current_decisions().items()
        for d in items
    }


def fresh_store(tagged, name: str) -> ReviewStore:
    store = ReviewStore(tagged.folder / f"{name}.sqlite")
    store.load(tagged.results)
    return store


# --------------------------------------------------------------------------- corpus


def test_corpus_export_validates_and_trains(reviewed, tmp_path):
    out = tmp_path / "corpora" / "reviewed" / "alice.jsonl"
    summary = export_corpus(reviewed, out)
    assert (summary.reviewed, summary.conflicts, summary.skipped) == (6, 1, 1)
    assert summary.written == 5
    records = load_corpus([out])  # what `capneeds train --extra` reads
    assert len(records) == 5 and len({r["id"] for r in records}) == 5
    for record in records:
        assert validation_problems(record) == []
        assert record["id"].startswith("review-") and record["group"] == record["id"]
        assert {"source_doc", "reviewer", "reviewed_at", "country", "convention"} <= set(record)
    by_doc = {(r["source_doc"], r["record_id"]): r for r in records}
    item = by_doc[("reports/chad_report.pdf", "chad_report.pdf#5")]
    assert item["reviewer"] == "bob" and item["needs"] == ["skills"] and item["reasons"] == ["no_timeline"]
    assert item["text"] == "The following needs were identified:" + LEAD_IN_SEPARATOR + "Funding to build two laboratories by 2025"
    assert by_doc[("reports/chad_report.pdf", "chad_report.pdf#3")]["text"] == SCRIPT
    assert by_doc[("reports/chad_report.pdf", "chad_report.pdf#3")]["is_need"] is False
    assert by_doc[("reports/chad_report.pdf", "chad_report.pdf#2")]["country"] == "Chad"
    assert by_doc[("reports/hostile.txt", "hostile.txt#3")]["country"] == ""
    assert all(r["text"] != ARABIC for r in records)
    sha = next(d["sha256"] for d in reviewed.documents() if d["doc"] == "reports/chad_report.pdf")
    assert item["group"] == f"review-{sha[:12]}-5"


def test_corpus_export_is_deterministic_and_per_reviewer(reviewed, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    export_corpus(reviewed, first)
    export_corpus(reviewed, second)
    assert first.read_bytes() == second.read_bytes()
    lines = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    order = [(line["source_doc"], int(line["record_id"].split("#")[1])) for line in lines]
    assert order == sorted(order)
    summary = export_corpus(reviewed, tmp_path / "alice.jsonl", reviewer="alice")
    assert (summary.written, summary.conflicts) == (4, 0)
    alice = load_corpus([tmp_path / "alice.jsonl"])
    assert {r["reviewer"] for r in alice} == {"alice"}
    assert next(r for r in alice if r["record_id"] == "chad_report.pdf#5")["needs"] == ["funding", "infrastructure"]
    assert export(reviewed, tmp_path / "none.jsonl", "corpus", reviewer="nobody").written == 0
    assert (tmp_path / "none.jsonl").read_text() == ""


def test_corpus_export_follows_undo(reviewed, tmp_path):
    reviewed.undo("bob")  # bob's Arabic decision
    reviewed.undo("bob")  # bob's rossiya decision
    summary = export_corpus(reviewed, tmp_path / "out.jsonl")
    assert summary.reviewed == 4


def test_export_to_a_folder_fails_cleanly(reviewed, tmp_path):
    with pytest.raises(CapneedsError, match="cannot be written"):
        export_corpus(reviewed, tmp_path)
    with pytest.raises(CapneedsError, match="unknown export format"):
        export(reviewed, tmp_path / "x", "csv")
    assert not list(tmp_path.glob(".*.tmp"))


# --------------------------------------------------------------------------- Label Studio


def test_label_studio_config_matches_the_tasks(reviewed, tmp_path):
    config = ElementTree.fromstring(label_studio_config())
    controls = {c.get("name"): [x.get("value") for x in c] for c in config.iter("Choices")}
    assert controls == {"is_need": ["yes", "no"], "needs": list(CATEGORIES), "has_activity": ["yes", "no"],
                        "has_timeline": ["yes", "no"]}
    assert config.find("Text").get("value") == "$text"
    out = tmp_path / "ls.json"
    summary = export_label_studio(reviewed, out)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    assert summary.written == len(tasks) == 14 and summary.reviewed == 6 and summary.conflicts == 1
    for task in tasks:
        assert {"text", "key", "record_id", "meta"} <= set(task["data"])
        for item in task["predictions"][0]["result"] + [r for a in task["annotations"] for r in a["result"]]:
            assert item["from_name"] in controls and item["to_name"] == "text" and item["type"] == "choices"
            assert set(item["value"]["choices"]) <= set(controls[item["from_name"]])
    task = next(t for t in tasks if t["data"]["record_id"] == "chad_report.pdf#5")
    assert [a["created_username"] for a in task["annotations"]] == ["alice", "bob"]
    assert task["data"]["meta"]["party"] == "Chad" and task["data"]["meta"]["page"] == 1
    assert any(t["data"]["text"] == SCRIPT for t in tasks)


def test_label_studio_round_trip(reviewed, tagged, tmp_path):
    out = tmp_path / "ls.json"
    export_label_studio(reviewed, out)
    fresh = fresh_store(tagged, "fresh-ls")
    summary = import_label_studio(fresh, out)
    assert (summary.decisions, summary.unchanged, summary.unmatched) == (7, 0, 0)
    assert summary.skipped == 14 - 6  # tasks without annotations
    assert decisions_by_key(fresh) == decisions_by_key(reviewed)
    again = import_label_studio(fresh, out)
    assert (again.decisions, again.unchanged) == (0, 7)
    assert decisions_by_key(fresh) == decisions_by_key(reviewed)
    fresh.close()


def ls_task(key: str, annotations: list) -> dict:
    return {"id": 7, "data": {"text": "x", "key": key}, "annotations": annotations}


def choices(name, *values):
    return {"from_name": name, "to_name": "text", "type": "choices", "value": {"choices": list(values)}}


def test_label_studio_import_reads_real_exports(review_store, tmp_path):
    store = review_store
    rows = {r["record_id"]: r for r in store.query(limit=None)[0]}
    key = rows["chad_report.pdf#2"]["key"]
    tasks = [
        ls_task(key, [
            {"completed_by": 3, "result": [choices("is_need", "no")], "updated_at": "2024-05-01T10:00:00Z"},
            {"completed_by": {"id": 4, "email": "eve@example.org"}, "was_cancelled": False,
             "result": [choices("is_need", "yes"), choices("needs", "skills", "funding"), choices("has_timeline", "yes")],
             "created_at": "2024-05-01T11:00:00.5Z"},
            {"completed_by": 5, "was_cancelled": True, "result": []},
        ]),
        {"data": {"text": "y", "record_id": "chad_report.pdf#4"},
         "annotations": [{"completed_by": {"first_name": "Ana", "last_name": "Lima"}, "result": [choices("needs", "equipment")]}]},
        ls_task("0" * 64 + "#1", [{"completed_by": 1, "result": [choices("is_need", "no")]}]),
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    summary = import_label_studio(store, path)
    assert (summary.decisions, summary.unmatched, summary.skipped) == (3, 1, 1)
    history = store.statement(rows["chad_report.pdf#2"]["id"])["history"]
    assert {h["reviewer"] for h in history} == {"label-studio-user-3", "eve@example.org"}
    item = store.statement(rows["chad_report.pdf#2"]["id"])
    assert item["labels"]["needs"] == ["skills", "funding"] and item["labels"]["has_timeline"]
    assert item["decided_at"] == "2024-05-01T11:00:00.500000+00:00"
    assert store.statement(rows["chad_report.pdf#4"]["id"])["decided_by"] == "Ana Lima"
    # the reviewer argument names every decision
    summary = import_label_studio(store, path, reviewer="zoe")
    assert summary.decisions == 3 and "zoe" in store.reviewers()


@pytest.mark.parametrize("content, message", [
    ("[\n {\"data\": {}},\n {oops}\n]", r"export\.json:3: not valid JSON"),
    ('{"data": {}}', r"export\.json:1: expected a JSON list"),
    ('[\n 1\n]', r"export\.json:2: a task must be a JSON object"),
    ('[\n{"text": "min format", "is_need": "yes"}\n]', r'export\.json:2: the task has no "data" object'),
    ('[{"data": {"key": "KEY"},\n "annotations": [{"completed_by": 1, "result": [{"from_name": "is_need", '
     '"type": "choices", "value": {"choices": ["maybe"]}}]}]}]', r"export\.json:1: is_need is \['maybe'\]"),
    ('[\n\n{"data": {"key": "KEY"}, "annotations": [{"completed_by": 1, "result": [{"from_name": "needs", '
     '"type": "choices", "value": {"choices": ["money"]}}]}]}]', r"export\.json:3: needs has unknown category 'money'"),
    ('[{"data": {"key": "KEY"}, "annotations": [{"result": [{"from_name": "is_need", '
     '"type": "choices", "value": {"choices": ["no"]}}]}]}]', r"export\.json:1: the annotation names no annotator"),
    ('[{"data": {"key": "KEY"}, "annotations": [{"completed_by": 2, "result": []}]}]',
     r"export\.json:1: the annotation has no is_need choice"),
])
def test_label_studio_import_errors_name_file_and_line(review_store, tmp_path, content, message):
    key = review_store.query(limit=1)[0][0]["key"]
    path = tmp_path / "export.json"
    path.write_text(content.replace("KEY", key), encoding="utf-8")
    with pytest.raises(CapneedsError, match=message) as error:
        import_label_studio(review_store, path)
    assert "\n" not in str(error.value)


def test_import_missing_or_binary_file(review_store, tmp_path):
    with pytest.raises(CapneedsError, match="no such file"):
        import_label_studio(review_store, tmp_path / "nope.json")
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CapneedsError, match="not UTF-8"):
        import_prodigy(review_store, binary)
    with pytest.raises(CapneedsError, match="unknown import format"):
        import_file(review_store, binary, "csv")


# --------------------------------------------------------------------------- Prodigy


def test_prodigy_export_shape(reviewed, tmp_path):
    out = tmp_path / "prodigy.jsonl"
    summary = export_prodigy(reviewed, out)
    tasks = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.written == len(tasks) == 14 + 1  # one statement has two reviewers
    options = [o["id"] for o in tasks[0]["options"]]
    assert options == [*CATEGORIES, "has_activity", "has_timeline"]
    for task in tasks:
        assert set(task["accept"]) <= set(options) and task["meta"]["key"] == task["key"]
    unreviewed = next(t for t in tasks if t["meta"]["record_id"] == "rossiya.txt#3")
    assert "answer" not in unreviewed and unreviewed["accept"] == ["funding", "infrastructure"]
    rejected = next(t for t in tasks if t["meta"]["record_id"] == "chad_report.pdf#3")
    assert rejected["answer"] == "reject" and rejected["accept"] == [] and rejected["_annotator_id"] == "alice"
    two = [t for t in tasks if t["meta"]["record_id"] == "chad_report.pdf#5"]
    assert [t["_annotator_id"] for t in two] == ["alice", "bob"] and two[1]["accept"] == ["skills", "has_activity"]


def test_prodigy_round_trip(reviewed, tagged, tmp_path):
    out = tmp_path / "prodigy.jsonl"
    export_prodigy(reviewed, out)
    fresh = fresh_store(tagged, "fresh-prodigy")
    summary = import_file(fresh, out)
    assert (summary.format, summary.decisions, summary.skipped, summary.unmatched) == ("prodigy", 7, 8, 0)
    assert decisions_by_key(fresh) == decisions_by_key(reviewed)
    assert import_prodigy(fresh, out).unchanged == 7
    fresh.close()


def test_prodigy_import_answers_and_annotators(review_store, tmp_path):
    rows = {r["record_id"]: r for r in review_store.query(limit=None)[0]}
    lines = [
        {"text": "a", "meta": {"key": rows["chad_report.pdf#2"]["key"]}, "accept": ["equipment", "has_activity"],
         "answer": "accept", "_annotator_id": "needs-ana", "_session_id": "needs-ana", "_timestamp": 1714557600},
        {"text": "b", "meta": {"record_id": "chad_report.pdf#4"}, "accept": [], "answer": "reject",
         "_session_id": "needs-bo"},
        {"text": "c", "key": rows["chad_report.pdf#6"]["key"], "accept": ["skills"], "answer": "ignore",
         "_annotator_id": "x"},
        {"text": "d", "meta": {"key": rows["chad_report.pdf#6"]["key"]}, "accept": ["skills"]},
        {"text": "e", "meta": {"key": "f" * 64 + "#3"}, "accept": [], "answer": "reject", "_annotator_id": "x"},
    ]
    path = tmp_path / "db-out.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    summary = import_prodigy(review_store, path)
    assert (summary.decisions, summary.skipped, summary.unmatched) == (2, 2, 1)
    first = review_store.statement(rows["chad_report.pdf#2"]["id"])
    assert first["decided_by"] == "needs-ana" and first["decided_at"] == "2024-05-01T10:00:00.000000+00:00"
    assert first["labels"]["needs"] == ["equipment"] and first["labels"]["has_activity"]
    second = review_store.statement(rows["chad_report.pdf#4"]["id"])
    assert second["decided_by"] == "needs-bo" and second["labels"]["is_need"] is False
    assert import_prodigy(review_store, path, reviewer="me").decisions == 2


@pytest.mark.parametrize("line, message", [
    ("{broken", r"db-out\.jsonl:2: not valid JSON"),
    ('"text"', r"db-out\.jsonl:2: a task must be a JSON object"),
    ('{"meta": {"key": "KEY"}, "answer": "maybe"}', r"db-out\.jsonl:2: answer is 'maybe'"),
    ('{"meta": {"key": "KEY"}, "answer": "accept", "accept": ["money"], "_annotator_id": "a"}',
     r"db-out\.jsonl:2: accept has unknown option 'money'"),
    ('{"meta": {"key": "KEY"}, "answer": "accept", "accept": "funding", "_annotator_id": "a"}',
     r'db-out\.jsonl:2: "accept" must be a list'),
    ('{"meta": {"key": "KEY"}, "answer": "reject"}', r"db-out\.jsonl:2: the task names no annotator"),
])
def test_prodigy_import_errors_name_file_and_line(review_store, tmp_path, line, message):
    key = review_store.query(limit=1)[0][0]["key"]
    path = tmp_path / "db-out.jsonl"
    path.write_text("\n" + line.replace("KEY", key) + "\n", encoding="utf-8")
    with pytest.raises(CapneedsError, match=message):
        import_prodigy(review_store, path)
    assert review_store.counts().reviewed == 0


def test_bulk_then_export_everything(review_store, tmp_path):
    review_store.bulk(Filters(need=True, language="en"), "dana", "accept")
    summary = export_corpus(review_store, tmp_path / "all.jsonl")
    assert summary.written == review_store.counts(Filters(need=True, language="en")).total
    load_corpus([tmp_path / "all.jsonl"])
