"""The review store: loading results, the queue, decisions, undo, bulk, agreement, crash safety."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.errors import CapneedsError
from pipeline.review.store import (
    SCHEMA_VERSION,
    Counts,
    Filters,
    ReviewError,
    ReviewStore,
    UnknownStatement,
    complete_labels,
    normalize_timestamp,
)

from .conftest import LONG, SCRIPT, build_batch, default_records, write_results


def ids(rows):
    return [row["id"] for row in rows]


def by_record(store: ReviewStore) -> dict[str, dict]:
    rows, _ = store.query(limit=None)
    return {row["record_id"]: row for row in rows}


# --------------------------------------------------------------------------- loading


def test_load_keeps_every_field(review_store, tagged):
    rows = by_record(review_store)
    assert len(rows) == len(tagged.records)
    item = rows["chad_report.pdf#5"]
    assert item["lead_in"] == "The following needs were identified:"
    assert item["kind"] == "list_item" and item["page"] == 1 and item["index"] == 5
    assert item["bbox"] == next(r for r in tagged.records if r["index"] == 5 and r["doc"].endswith("pdf"))["bbox"]
    assert item["scores"]["funding"] == 0.91
    assert item["evidence"]["is_need"] == [{"text": "needs", "start": 14, "end": 19, "in": "lead_in"}]
    assert item["evidence"]["has_timeline"] == [{"text": "by 2025", "start": 34, "end": 41}]
    assert item["predicted"] == item["labels"] == complete_labels(
        {"is_need": True, "needs": ["funding", "infrastructure"], "has_activity": True, "has_timeline": True})
    assert item["source"] == "prediction" and not item["reviewed"]
    assert rows["chad_report.pdf#3"]["text"] == SCRIPT
    assert rows["rossiya.txt#3"]["text"] == LONG and rows["rossiya.txt#3"]["bbox"] is None
    assert rows["rossiya.txt#1"]["party"] == "Russian Federation"


def test_documents_are_resolved_and_hashed(review_store, tagged):
    documents = {d["doc"]: d for d in review_store.documents()}
    assert list(documents) == sorted(documents)
    pdf = documents["reports/chad_report.pdf"]
    assert Path(pdf["path"]).is_absolute() and Path(pdf["path"]) == tagged.documents[pdf["doc"]].resolve()
    assert pdf["results_file"] == str(tagged.results.resolve())
    assert pdf["statements"] == 8 and pdf["reviewed"] == 0 and pdf["party"] == "Chad" and pdf["name"] == "chad_report.pdf"
    assert review_store.document(pdf["id"]) == pdf
    assert review_store.document(999) is None and review_store.document("../etc/passwd") is None
    assert review_store.parties() == ["Chad", "Russian Federation"]
    assert review_store.languages() == ["ar", "en", "he", "ru"]


def test_reload_updates_predictions_and_keeps_decisions(review_store, tagged, make_batch, tmp_path):
    target = by_record(review_store)["chad_report.pdf#2"]
    decision = review_store.decide(target["id"], "alice", {"needs": ["skills"]})
    summary = review_store.load(tagged.results)  # unchanged: not read again
    assert (summary.added, summary.updated, summary.unchanged) == (0, len(tagged.records), True)
    assert summary.statements == len(tagged.records) and summary.documents == 3
    # the same documents copied elsewhere and re-tagged with other scores: same sha256, same statements
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(tagged.folder / "reports", elsewhere / "reports")
    records = [dict(r, scores=dict(r["scores"], is_need=0.42)) for r in tagged.records]
    results = elsewhere / "again.jsonl"
    results.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shutil.copy(tagged.results.with_name("results.jsonl.manifest.jsonl"), elsewhere / "again.jsonl.manifest.jsonl")
    summary = review_store.load(results)
    assert summary.added == 0 and summary.statements == len(records)
    rows = by_record(review_store)
    assert len(rows) == len(tagged.records)
    assert rows["chad_report.pdf#2"]["scores"]["is_need"] == 0.42
    assert rows["chad_report.pdf#2"]["decision_id"] == decision
    assert rows["chad_report.pdf#2"]["labels"]["needs"] == ["skills"]
    assert len(review_store.documents()) == 3
    # the first file again: its documents were re-predicted since, so it is read again
    summary = review_store.load(tagged.results)
    assert (summary.added, summary.updated, summary.unchanged) == (0, len(tagged.records), False)
    assert by_record(review_store)["chad_report.pdf#2"]["scores"]["is_need"] == 0.97
    assert review_store.load(tagged.results).unchanged
    # a changed file is read again
    tagged.results.write_text(tagged.results.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert review_store.load(tagged.results).updated == len(tagged.records)


def test_several_files_over_time(review_store, make_batch, tmp_path):
    extra = default_records()[:2]
    for record in extra:
        record["doc"] = "reports/other.pdf"
        record["id"] = "other.pdf#%d" % record["index"]
        record["party"] = "Peru"
    batch = make_batch(tmp_path / "second", extra, name="more")
    summary = review_store.load(batch.results)
    assert summary.added == 2 and summary.documents == 1
    assert review_store.parties() == ["Chad", "Peru", "Russian Federation"]
    assert review_store.counts().total == len(default_records()) + 2


@pytest.mark.parametrize("manifest", [True, False])
def test_csv_results_load_like_jsonl(tmp_path, manifest):
    jsonl = build_batch(tmp_path)
    csv_results = write_results(tmp_path, jsonl.records, jsonl.documents, fmt="csv", manifest=manifest, name="csv")
    with ReviewStore(tmp_path / "a.sqlite") as first, ReviewStore(tmp_path / "b.sqlite") as second:
        first.load(jsonl.results)
        second.load(csv_results)
        a, b = by_record(first), by_record(second)
        assert a.keys() == b.keys()
        for key in a:
            for name in ("text", "lead_in", "scores", "evidence", "bbox", "predicted", "page", "kind", "party", "key"):
                assert a[key][name] == b[key][name], (key, name)


def test_without_manifest_the_document_is_hashed(tmp_path):
    batch = build_batch(tmp_path, manifest=False)
    with ReviewStore(tmp_path / "r.sqlite") as store:
        store.load(batch.results)
        import hashlib

        shas = {d["doc"]: d["sha256"] for d in store.documents()}
        for doc, path in batch.documents.items():
            assert shas[doc] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_bad_results_files_give_one_line_errors(tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite")
    with pytest.raises(CapneedsError, match="no such file"):
        store.load(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    good = json.dumps(default_records()[1])
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CapneedsError, match=r"bad\.jsonl:2: not valid JSON"):
        store.load(bad)
    no_text = dict(default_records()[1], text="  ")
    bad.write_text(good + "\n" + json.dumps(no_text) + "\n", encoding="utf-8")
    with pytest.raises(CapneedsError, match=r'bad\.jsonl:2: the record has no "text"'):
        store.load(bad)
    bad.write_text(json.dumps(dict(default_records()[1], needs=["money"])) + "\n", encoding="utf-8")
    with pytest.raises(CapneedsError, match=r"bad\.jsonl:1: needs has unknown label 'money'"):
        store.load(bad)
    assert store.counts().total == 0  # nothing of a failed load is kept
    for error in (CapneedsError,):
        with pytest.raises(error):
            store.load(tmp_path)


# --------------------------------------------------------------------------- the queue


def test_filters(review_store):
    store = review_store
    chad = next(d for d in store.documents() if d["party"] == "Chad")
    assert store.query(Filters(document=chad["id"]))[1] == 8
    assert store.query(Filters(party="Russian Federation"))[1] == 3
    assert store.query(Filters(language="ru"))[1] == 2
    rows, total = store.query(Filters(party="Chad", category="funding", generic=True))
    assert total == 3 and all("funding" in r["predicted"]["needs"] and r["predicted"]["generic"] for r in rows)
    assert store.query(Filters(reason="no_timeline", party="Chad"))[1] == 4
    assert store.query(Filters(need=False))[1] == 5
    rows, total = store.query(Filters(scores={"funding": (0.4, 0.6)}))
    assert sorted(r["record_id"] for r in rows) == ["chad_report.pdf#2", "chad_report.pdf#7"]
    rows, total = store.query(Filters(scores={"funding": (0.4, 0.6), "is_need": (0.9, 1.0)}))
    assert [r["record_id"] for r in rows] == ["chad_report.pdf#2"]
    with pytest.raises(ReviewError):
        Filters(category="money")
    with pytest.raises(ReviewError):
        Filters(scores={"fun": (0, 1)})
    with pytest.raises(ReviewError):
        Filters(status="done")


def test_status_filter_by_reviewer_and_counts(review_store):
    store = review_store
    rows, _ = store.query(Filters(party="Chad"))
    store.decide(rows[0]["id"], "alice", "accept")
    store.decide(rows[1]["id"], "bob", "accept")
    assert store.query(Filters(party="Chad", status="reviewed"))[1] == 2
    assert store.query(Filters(party="Chad", status="unreviewed"))[1] == 6
    assert ids(store.query(Filters(status="reviewed", reviewer="alice"))[0]) == [rows[0]["id"]]
    assert store.query(Filters(party="Chad", status="unreviewed", reviewer="alice"))[1] == 7
    assert store.counts(Filters(party="Chad", status="unreviewed")) == Counts(2, 6, 8)
    assert store.counts(Filters(party="Chad", reviewer="bob")) == Counts(1, 7, 8)
    assert store.counts() == Counts(2, 12, 14)
    assert store.reviewers() == ["alice", "bob"]


@pytest.mark.parametrize("fts", [True, False])
def test_search_is_safe_and_finds_words(tagged, fts):
    with ReviewStore(tagged.folder / "s.sqlite", fts=fts) as store:
        store.load(tagged.results)
        assert store.fts is fts
        found = lambda q: sorted(r["record_id"] for r in store.query(Filters(search=q), limit=None)[0])  # noqa: E731
        assert found("СТРАНЕ") == ["rossiya.txt#1"]  # case-insensitive beyond ASCII
        assert found("mercury inventory") == ["chad_report.pdf#2", "chad_report.pdf#3"]
        assert found("identified") == ["chad_report.pdf#5"]  # the lead-in is searched too
        assert found('"budget_line"') == ["chad_report.pdf#7"]
        assert "chad_report.pdf#3" in found("<script>")
        for hostile in ['"', "'", "*", "AND", "OR NOT", "(", ")", "NEAR(", "text:", "^x", "%", "_", "\\", "--",
                        "a\"b", "{", "'; DROP TABLE statements; --", "\x00", "   ", "-fund", "+", ":"]:
            store.query(Filters(search=hostile))  # never raises
        assert store.counts().total == len(default_records())
        assert found("%") == ["chad_report.pdf#6", "chad_report.pdf#7"]
        assert found("zzzunknownword") == []


def test_document_order_and_uncertainty_order(review_store):
    rows, total = review_store.query(limit=None)
    keys = [(r["doc"], r["index"]) for r in rows]
    assert keys == sorted(keys) and total == len(rows)
    rows, _ = review_store.query(order="uncertainty", limit=None)
    values = [r["uncertainty"] for r in rows]
    known = [v for v in values if v is not None]
    assert known == sorted(known) and values[len(known):] == [None] * (len(values) - len(known))
    assert rows[0]["record_id"] == "hostile.txt#1"  # is_need at 0.5: the least sure
    assert rows[-1]["record_id"] == "hostile.txt#2"  # no scores at all: last
    # a non-need is judged on is_need alone; a need on every label that matters
    assert by_record(review_store)["chad_report.pdf#8"]["uncertainty"] == pytest.approx(0.2)
    assert by_record(review_store)["chad_report.pdf#7"]["uncertainty"] == pytest.approx(0.05)
    # ties broken by document order, pages are slices of the same order
    whole = ids(rows)
    paged = []
    for offset in range(0, len(whole), 4):
        paged += ids(review_store.query(order="uncertainty", limit=4, offset=offset)[0])
    assert paged == whole == ids(review_store.query(order="uncertainty", limit=None)[0])
    with pytest.raises(ReviewError):
        review_store.query(order="random")


def test_neighbours_follow_the_filtered_order(review_store):
    store = review_store
    queue = Filters(party="Chad", status="unreviewed")
    order = store.ordered_ids(queue)
    assert len(order) == 8
    assert store.neighbours(order[0], queue) == (None, order[1])
    store.decide(order[3], "alice", "accept")  # leaves the unreviewed queue, keeps its place
    assert store.neighbours(order[3], queue) == (order[2], order[4])
    assert store.neighbours(order[-1], queue) == (order[-2], None)
    unc = store.ordered_ids(None, "uncertainty")
    assert store.neighbours(unc[1], None, "uncertainty") == (unc[0], unc[2])


def test_filters_from_and_to_mapping():
    args = {"document": "3", "party": "Chad", "lang": "en", "category": "funding", "reason": "no_timeline",
            "need": "true", "generic": "false", "status": "unreviewed", "reviewer": "alice", "q": "lack",
            "min_funding": "0.3", "max_funding": "0.7", "min_is_need": "0.5"}
    filters = Filters.from_mapping(args)
    assert filters.scores == {"is_need": (0.5, 1.0), "funding": (0.3, 0.7)}
    assert (filters.document, filters.need, filters.generic, filters.status) == (3, True, False, "unreviewed")
    assert Filters.from_mapping(filters.to_mapping()) == filters
    junk = Filters.from_mapping({"document": "../x", "category": "money", "status": "x", "min_funding": "nan",
                                 "reason": "<b>", "need": "maybe", "party": "  "})
    assert junk == Filters()
    assert Filters().to_mapping() == {}
    assert Filters.from_mapping({"party": ["Chad", "Peru"]}).party == "Chad"


# --------------------------------------------------------------------------- decisions


def test_decide_computes_generic_and_clears_non_needs(review_store):
    store = review_store
    target = by_record(store)["chad_report.pdf#2"]
    decision = store.decide(target["id"], "  alice  ", {"has_activity": True, "has_timeline": True})
    item = store.statement(target["id"])
    assert item["labels"] == {"is_need": True, "needs": ["funding"], "has_activity": True, "has_timeline": True,
                              "generic": False, "reasons": []}
    assert item["source"] == "decision" and item["decided_by"] == "alice" and item["reviewed_by"] == ["alice"]
    history = item["history"]
    assert [h["id"] for h in history] == [decision] and history[0]["reviewer"] == "alice"
    at = datetime.fromisoformat(history[0]["at"])
    assert at.utcoffset().total_seconds() == 0
    store.decide(target["id"], "alice", {"is_need": False, "needs": ["skills"]})
    assert store.statement(target["id"])["labels"] == complete_labels({"is_need": False})
    store.decide(target["id"], "bob", {"needs": ["equipment"]})  # a category makes it a need again
    assert store.statement(target["id"])["labels"]["is_need"] is True
    assert store.statement(target["id"])["labels"]["reasons"] == ["no_activity", "no_timeline"]


def test_decide_rejects_bad_input(review_store):
    target = by_record(review_store)["chad_report.pdf#2"]["id"]
    for reviewer in ("", "   ", None, "x" * 101):
        with pytest.raises(ReviewError):
            review_store.decide(target, reviewer, "accept")
    for labels in ("reject", {"needs": ["money"]}, {"needs": "funding"}, {"colour": True}, {"is_need": "yes"}, 42):
        with pytest.raises(ReviewError):
            review_store.decide(target, "alice", labels)
    with pytest.raises(UnknownStatement):
        review_store.decide(99999, "alice", "accept")
    with pytest.raises(UnknownStatement):
        review_store.decide("abc", "alice", "accept")
    assert review_store.counts().reviewed == 0
    assert review_store.statement(99999) is None and review_store.statement("x") is None


def test_accept_keeps_the_current_labels(review_store):
    target = by_record(review_store)["chad_report.pdf#4"]
    review_store.decide(target["id"], "alice", "accept")
    assert review_store.statement(target["id"])["labels"] == target["predicted"]
    review_store.decide(target["id"], "alice", {"needs": ["skills"]})
    review_store.decide(target["id"], "bob", "accept")
    assert review_store.statement(target["id"])["labels"]["needs"] == ["skills"]


def test_toggle(review_store):
    target = by_record(review_store)["chad_report.pdf#8"]  # a non-need
    store = review_store
    store.toggle(target["id"], "alice", "funding")
    assert store.statement(target["id"])["labels"]["is_need"] is True
    assert store.statement(target["id"])["labels"]["needs"] == ["funding"]
    store.toggle(target["id"], "alice", "has_timeline")
    store.toggle(target["id"], "alice", "funding")
    labels = store.statement(target["id"])["labels"]
    assert labels["needs"] == [] and labels["has_timeline"] and labels["reasons"] == ["no_category", "no_activity"]
    store.toggle(target["id"], "alice", "is_need")
    assert store.statement(target["id"])["labels"] == complete_labels({"is_need": False})
    with pytest.raises(ReviewError):
        store.toggle(target["id"], "alice", "generic")


def test_undo(review_store):
    store = review_store
    rows = by_record(store)
    a, b = rows["chad_report.pdf#2"]["id"], rows["chad_report.pdf#3"]["id"]
    first = store.decide(a, "alice", {"is_need": False})
    second = store.decide(b, "alice", {"is_need": False})
    other = store.decide(a, "bob", {"needs": ["skills"]})
    assert store.undo("alice") == [second]
    assert store.statement(b)["source"] == "prediction"
    assert store.undo("alice") == [first]
    assert store.undo("alice") == []
    assert store.statement(a)["labels"]["needs"] == ["skills"]  # bob's decision stands
    assert store.undo(other) == [other] and store.undo(other) == []
    history = store.statement(a)["history"]
    assert [h["id"] for h in history] == [other, first] and all(h["undone_at"] for h in history)
    assert store.statement(a)["labels"] == rows["chad_report.pdf#2"]["predicted"]
    assert store.decision(first)["undone_at"] and store.decision(12345) is None


def test_bulk_applies_one_decision_and_undoes_at_once(review_store):
    store = review_store
    queue = Filters(party="Chad", category="funding", generic=True)
    assert store.bulk(queue, "carol", {"has_activity": True}) == 3
    rows, _ = store.query(queue, limit=None)
    assert all(r["labels"]["has_activity"] and r["decided_by"] == "carol" for r in rows)
    assert len({store.decision(r["decision_id"])["batch"] for r in rows}) == 1
    assert store.bulk(Filters(party="Chad", status="unreviewed"), "carol", "accept") == 5
    assert store.counts(Filters(party="Chad")).remaining == 0
    assert len(store.undo("carol")) == 5
    assert store.counts(Filters(party="Chad")) == Counts(3, 5, 8)
    with pytest.raises(ReviewError):
        store.bulk(queue, "carol", {"needs": ["money"]})
    with pytest.raises(ReviewError):
        store.bulk(queue, "", "accept")
    assert store.counts(Filters(party="Chad")) == Counts(3, 5, 8)  # a failed bulk writes nothing
    assert store.bulk(Filters(search="zzznothing"), "carol", "accept") == 0


def test_statement_context_and_history(review_store):
    store = review_store
    rows = by_record(store)
    item = store.statement(rows["chad_report.pdf#1"]["id"], context=3)
    assert item["before"] == [] and [n["index"] for n in item["after"]] == [2, 3, 4]
    item = store.statement(rows["chad_report.pdf#5"]["id"], context=1)
    assert [n["index"] for n in item["before"]] == [4] and [n["index"] for n in item["after"]] == [6]
    assert item["document"]["doc"] == "reports/chad_report.pdf"
    assert item["key"].endswith("#5") and item["record_id"] == "chad_report.pdf#5"
    assert store.find_statement(key=item["key"]) == item["id"]
    assert store.find_statement(record_id="chad_report.pdf#5") == item["id"]
    assert store.find_statement(key="nope#1") is None and store.find_statement(key="x") is None


def test_agreement(review_store):
    from sklearn.metrics import cohen_kappa_score

    store = review_store
    rows, _ = store.query(limit=None)
    assert store.agreement()["is_need"] == {"kappa": None, "n": 0, "observed": None, "pairs": 0}
    alice = [True, True, False, False, True, False]
    bob = [True, False, False, False, True, True]
    for row, a, b in zip(rows, alice, bob):
        store.decide(row["id"], "alice", {"is_need": a, "needs": ["funding"] if a else []})
        store.decide(row["id"], "bob", {"is_need": b, "needs": ["funding"] if b else []})
    store.decide(rows[7]["id"], "alice", "accept")  # one reviewer only: not counted
    result = store.agreement()
    assert result["is_need"]["n"] == 6 and result["is_need"]["pairs"] == 1
    assert result["is_need"]["kappa"] == pytest.approx(cohen_kappa_score(alice, bob))
    assert result["funding"]["kappa"] == pytest.approx(cohen_kappa_score(alice, bob))
    assert result["is_need"]["observed"] == pytest.approx(4 / 6)
    assert result["equipment"]["kappa"] is None  # nobody ever chose it: undefined
    assert set(result) == {"is_need", "equipment", "skills", "funding", "infrastructure", "has_activity",
                           "has_timeline", "generic"}
    # a third reviewer: pairwise, weighted by shared statements
    store.decide(rows[0]["id"], "carol", {"is_need": True})
    store.decide(rows[2]["id"], "carol", {"is_need": True})
    result = store.agreement()
    assert result["is_need"]["n"] == 6 + 4 and result["is_need"]["pairs"] == 3


def test_agreement_uses_each_reviewers_latest_decision(review_store):
    rows, _ = review_store.query(limit=None)
    for row in rows[:4]:
        review_store.decide(row["id"], "alice", {"is_need": False})
        review_store.decide(row["id"], "bob", {"is_need": True})
        review_store.decide(row["id"], "alice", {"is_need": row["index"] % 2 == 0})
        review_store.decide(row["id"], "bob", {"is_need": row["index"] % 2 == 0})
    assert review_store.agreement()["is_need"] == {"kappa": 1.0, "n": 4, "observed": 1.0, "pairs": 1}


# --------------------------------------------------------------------------- the database itself


def test_schema_pragmas_and_versions(tmp_path, review_store):
    db = review_store._db
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    newer = tmp_path / "newer.sqlite"
    connection = sqlite3.connect(newer)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(ReviewError, match="newer capneeds"):
        ReviewStore(newer)
    other = tmp_path / "other.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE t (x)")
    connection.close()
    with pytest.raises(ReviewError, match="not a capneeds review database"):
        ReviewStore(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ReviewError, match="not a review database"):
        ReviewStore(junk)
    with pytest.raises(ReviewError):
        ReviewStore(tmp_path / "no" / "such" / "folder.sqlite")
    with pytest.raises(ReviewError):
        ReviewStore(tmp_path)
    with pytest.raises(sqlite3.IntegrityError):
        with review_store._write() as write:
            write.execute("INSERT INTO decisions (statement_id, reviewer, at, action, is_need, needs, has_activity,"
                          " has_timeline, generic, reasons) VALUES (424242, 'x', 'now', 'x', 0, '[]', 0, 0, 0, '[]')")


def test_reopening_keeps_everything(tagged):
    path = tagged.folder / "keep.sqlite"
    with ReviewStore(path) as store:
        store.load(tagged.results)
        target = store.query(limit=1)[0][0]["id"]
        store.decide(target, "alice", {"is_need": False})
    with ReviewStore(path) as store:
        assert store.statement(target)["labels"]["is_need"] is False
        assert store.counts().total == len(tagged.records)


def test_threads_share_a_store(review_store):
    rows, _ = review_store.query(limit=None)
    errors = []

    def work(name: str) -> None:
        try:
            for row in rows:
                review_store.decide(row["id"], name, "accept")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(f"r{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sum(len(v) for v in review_store.current_decisions().values()) == 4 * len(rows)


WRITER = textwrap.dedent("""
    import sys
    from pipeline.review.store import ReviewStore
    store = ReviewStore(sys.argv[1])
    ids = [int(x) for x in sys.argv[2].split(",")]
    n = 0
    while True:
        for statement in ids:
            n += 1
            decision = store.decide(statement, "writer", {"is_need": n % 2 == 0})
            sys.stdout.write(f"{decision}\\n")
            sys.stdout.flush()
""")


def test_killed_mid_write_loses_no_committed_decision(tagged):
    path = tagged.folder / "crash.sqlite"
    with ReviewStore(path) as store:
        store.load(tagged.results)
        statements = ",".join(str(r["id"]) for r in store.query(limit=None)[0])
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(path), statements], stdout=subprocess.PIPE,
                               text=True, env=env, cwd=root)
    committed = []
    deadline = time.monotonic() + 30
    while len(committed) < 150 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    assert len(committed) >= 150, "the writer did not get going"
    with ReviewStore(path) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = {row[0] for row in store._db.execute("SELECT id FROM decisions")}
        assert set(committed) <= kept
        # and the store still takes writes
        store.decide(int(statements.split(",")[0]), "after", "accept")


def test_complete_labels_and_timestamps():
    assert complete_labels({"is_need": True}) == {"is_need": True, "needs": [], "has_activity": False,
                                                  "has_timeline": False, "generic": True,
                                                  "reasons": ["no_category", "no_activity", "no_timeline"]}
    assert complete_labels({"needs": ["funding", "equipment", "funding"]})["needs"] == ["equipment", "funding"]
    assert complete_labels({"is_need": False, "has_activity": True})["has_activity"] is False
    assert normalize_timestamp("2024-03-01T10:00:00Z") == "2024-03-01T10:00:00.000000+00:00"
    assert normalize_timestamp("2024-03-01T12:00:00+02:00") == "2024-03-01T10:00:00.000000+00:00"
    assert normalize_timestamp(0) == "1970-01-01T00:00:00.000000+00:00"
    assert normalize_timestamp("yesterday") is None and normalize_timestamp(None) is None
    assert normalize_timestamp(True) is None
