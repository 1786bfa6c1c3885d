"""Batch tagging as a secretariat runs it: many files, bad ones among them,
interrupted and resumed, in parallel or on a Dask cluster."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from io import StringIO

import pytest

from pipeline.batch import BatchSettings, BatchSummary, DocumentOutcome, run_batch
from pipeline.cli import main
from pipeline.progress import BatchProgress
from pipeline.tagging import find_documents
from tests.conftest import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "minamata_report_example.pdf"

GOOD_TEXTS = {
    "kyrgyz_report.txt": (
        "Национальный доклад о ходе осуществления Конвенции.\n\n"
        "Для создания лаборатории по анализу ртути в Бишкеке в 2026–2027 годах требуется финансирование "
        "в размере 450 000 долларов США.\n\n"
        "Министерство провело три семинара для инспекторов в 2023 году.\n\n"
        "Стране не хватает ресурсов для выполнения Конвенции."
    ),
    "togo_report.txt": (
        "Rapport national sur la mise en œuvre de la Convention.\n\n"
        "Le Togo a besoin d'une assistance technique pour former 60 inspecteurs des douanes à l'identification "
        "des produits chimiques d'ici à 2027.\n\n"
        "Le pays manque de moyens pour appliquer pleinement la Convention."
    ),
    "panama_report.txt": (
        "Informe nacional sobre la aplicación de la Convención.\n\n"
        "Se requieren fondos para adquirir 12 detectores de metales para la remoción de minas en la provincia de "
        "Darién antes de 2028.\n\n"
        "El Ministerio de Salud organizó en 2022 una campaña de sensibilización."
    ),
    "fiji_report.txt": (
        "National report on the implementation of the Convention.\n\n"
        "Fiji needs support to strengthen its capacity.\n\n"
        "The Government adopted the national action plan in March 2021."
    ),
}


def _write_reports(folder, names=None):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD_TEXTS.items():
        if names is None or name in names:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def _write_bad_files(folder):
    from reportlab.pdfgen import canvas

    locked = canvas.Canvas(str(folder / "locked.pdf"), encrypt="secret")
    locked.drawString(72, 720, "Report of the Party. Funding is needed for a storage facility by 2027.")
    locked.save()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "letter.pdf").write_text("Dear Secretariat, please find our report attached.", encoding="utf-8")
    (folder / "truncated.pdf").write_bytes(EXAMPLE.read_bytes()[:1500])
    (folder / "bericht.txt").write_text(
        "Die Bundesregierung benötigt zusätzliche Mittel für die Umsetzung des Übereinkommens. "
        "Das Ministerium hat im Jahr 2023 drei Workshops für Zollbeamte durchgeführt.",
        encoding="utf-8",
    )
    return {"locked.pdf", "empty.pdf", "letter.pdf", "truncated.pdf", "bericht.txt"}


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_mixed_folder_tags_every_good_report_and_names_each_bad_one(tmp_path, capsys):
    folder = _write_reports(tmp_path / "incoming")
    shutil.copy(EXAMPLE, folder / "minamata.pdf")
    bad = _write_bad_files(folder)
    out = tmp_path / "needs.jsonl"

    assert main(["tag", str(folder), "-o", str(out), "--jobs", "2"]) == 1

    err = capsys.readouterr().err
    assert "Traceback" not in err
    error_lines = [line for line in err.splitlines() if line.startswith("capneeds: error:")]
    assert len(error_lines) == len(bad)
    for name in bad:
        assert sum(name in line for line in error_lines) == 1
    assert any("password" in line for line in error_lines if "locked.pdf" in line)
    assert any("unsupported language" in line for line in error_lines if "bericht.txt" in line)
    tagged_docs = {os.path.basename(record["doc"]) for record in _lines(out)}
    assert tagged_docs == set(GOOD_TEXTS) | {"minamata.pdf"}
    manifest = _lines(tmp_path / "needs.jsonl.manifest.jsonl")
    assert {os.path.basename(entry["doc"]): entry["status"] for entry in manifest} == {
        **{name: "done" for name in [*GOOD_TEXTS, "minamata.pdf"]},
        **{name: "failed" for name in bad},
    }
    assert "done: 5 document(s) tagged, 5 failed" in err


def test_output_is_sorted_and_identical_whatever_the_number_of_workers(tmp_path):
    folder = _write_reports(tmp_path / "in")
    shutil.copy(EXAMPLE, folder / "minamata.pdf")
    outputs = {}
    for jobs in ("1", "2"):
        for suffix in ("jsonl", "csv"):
            out = tmp_path / f"jobs{jobs}.{suffix}"
            assert main(["tag", str(folder), "-o", str(out), "--jobs", jobs, "--all"]) == 0
            outputs[jobs, suffix] = out.read_bytes()
    assert outputs["1", "jsonl"] == outputs["2", "jsonl"]
    assert outputs["1", "csv"] == outputs["2", "csv"]
    records = _lines(tmp_path / "jobs2.jsonl")
    keys = [(record["doc"], record["index"]) for record in records]
    assert keys == sorted(keys)


def test_resume_after_an_interruption_equals_an_uninterrupted_run(tmp_path):
    folder = _write_reports(tmp_path / "in")
    shutil.copy(EXAMPLE, folder / "minamata.pdf")
    documents = find_documents([folder])
    settings = BatchSettings(jobs=1)
    reference = tmp_path / "reference.jsonl"
    run_batch(documents, reference, settings)

    interrupted = tmp_path / "interrupted.jsonl"

    def stop_after_two(outcome: DocumentOutcome, summary: BatchSummary) -> None:
        if summary.done + summary.failed == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(documents, interrupted, settings, on_document=stop_after_two)
    assert len(_lines(tmp_path / "interrupted.jsonl.manifest.jsonl")) == 2
    # A kill during the third document's write leaves a half line behind.
    with interrupted.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "half-written", "doc": "' + str(folder / "zzz.txt"))

    summary = run_batch(documents, interrupted, settings, resume=True)

    assert summary.skipped == 2 and summary.done == len(documents) - 2
    assert interrupted.read_bytes() == reference.read_bytes()
    assert (tmp_path / "interrupted.jsonl.manifest.jsonl").read_bytes() == (tmp_path / "reference.jsonl.manifest.jsonl").read_bytes()


@pytest.mark.slow
def test_process_killed_mid_run_then_resumed_gives_the_same_csv(tmp_path):
    folder = _write_reports(tmp_path / "in")
    for copy in range(3):
        shutil.copy(EXAMPLE, folder / f"minamata_{copy}.pdf")
    command = [sys.executable, "-m", "pipeline.cli", "tag", str(folder), "--jobs", "1"]
    reference = tmp_path / "reference.csv"
    subprocess.run([*command, "-o", str(reference)], check=True, capture_output=True)

    killed = tmp_path / "killed.csv"
    manifest = tmp_path / "killed.csv.manifest.jsonl"
    process = subprocess.Popen([*command, "-o", str(killed)], stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 2:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the run finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished_before_kill = len(manifest.read_text(encoding="utf-8").splitlines())
    assert 2 <= finished_before_kill < 7

    resumed = subprocess.run([*command, "-o", str(killed), "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{finished_before_kill} already done (resumed)" in resumed.stderr
    assert killed.read_bytes() == reference.read_bytes()


def test_resume_knows_documents_by_content(tmp_path):
    folder = _write_reports(tmp_path / "in")
    out = tmp_path / "needs.jsonl"
    assert main(["tag", str(folder), "-o", str(out), "--jobs", "1"]) == 0
    (folder / "fiji_report.txt").rename(folder / "fiji_2024.txt")
    togo = folder / "togo_report.txt"
    togo.write_text(togo.read_text(encoding="utf-8") + "\n\nLe pays a besoin de 3 incinérateurs d'ici à 2028.", encoding="utf-8")

    summary = run_batch(find_documents([folder]), out, BatchSettings(jobs=1), resume=True)

    assert summary.skipped == 3  # Kyrgyz and Panama untouched, Fiji renamed with the same bytes
    assert summary.done == 1  # the changed Togo report
    fresh = tmp_path / "fresh.jsonl"
    run_batch([togo], fresh, BatchSettings(jobs=1))
    togo_records = [record for record in _lines(out) if record["doc"] == str(togo)]
    assert togo_records == _lines(fresh)
    assert any("incinérateurs" in record["text"] for record in togo_records)


def test_renamed_file_is_not_tagged_again(tmp_path):
    folder = _write_reports(tmp_path / "in", names={"kyrgyz_report.txt", "panama_report.txt"})
    out = tmp_path / "needs.jsonl"
    run_batch(find_documents([folder]), out, BatchSettings(jobs=1))
    (folder / "panama_report.txt").rename(folder / "panama_2025.txt")

    summary = run_batch(find_documents([folder]), out, BatchSettings(jobs=1), resume=True)

    assert summary.skipped == 2 and summary.done == 0
    assert {os.path.basename(r["doc"]) for r in _lines(out)} == {"kyrgyz_report.txt", "panama_report.txt"}


def test_metadata_csv_is_carried_onto_every_statement(tmp_path, capsys):
    folder = _write_reports(tmp_path / "in")
    meta = tmp_path / "meta.csv"
    meta.write_text(
        "File,Country,Convention,Year,Symbol\n"
        "kyrgyz_report.txt,Kyrgyzstan,Minamata,2025,UNEP/MC/COP.6/NR/KG\n"
        "togo_report.txt,Togo,Rotterdam,2024,\n",
        encoding="utf-8",
    )
    out = tmp_path / "needs.csv"
    assert main(["tag", str(folder), "-o", str(out), "--meta", str(meta), "--jobs", "1"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    by_doc = {}
    for row in rows:
        by_doc.setdefault(os.path.basename(row["doc"]), set()).add((row["party"], row["convention"], row["year"], row["symbol"]))
    assert by_doc["kyrgyz_report.txt"] == {("Kyrgyzstan", "Minamata", "2025", "UNEP/MC/COP.6/NR/KG")}
    assert by_doc["togo_report.txt"] == {("Togo", "Rotterdam", "2024", "")}
    assert by_doc["panama_report.txt"] == {("", "", "", "")}


def test_metadata_without_a_file_column_is_one_clear_line(tmp_path, capsys):
    folder = _write_reports(tmp_path / "in", names={"fiji_report.txt"})
    meta = tmp_path / "meta.csv"
    meta.write_text("party,year\nFiji,2024\n", encoding="utf-8")
    assert main(["tag", str(folder), "-o", str(tmp_path / "o.jsonl"), "--meta", str(meta)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "meta.csv" in err and "'file' column" in err


def test_parquet_output_holds_the_same_records_as_jsonl(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    folder = _write_reports(tmp_path / "in")
    assert main(["tag", str(folder), "-o", str(tmp_path / "needs.jsonl"), "--jobs", "1"]) == 0
    assert main(["tag", str(folder), "-o", str(tmp_path / "needs.parquet"), "--jobs", "1"]) == 0
    table = pq.read_table(tmp_path / "needs.parquet").to_pylist()
    records = _lines(tmp_path / "needs.jsonl")
    assert [row["id"] for row in table] == [record["id"] for record in records]
    assert [row["needs"] for row in table] == [record["needs"] for record in records]
    assert [row["score_funding"] for row in table] == [record["scores"]["funding"] for record in records]
    assert not (tmp_path / "needs.parquet.partial.jsonl").exists()


def test_unsupported_output_format_is_refused_before_any_work(tmp_path, capsys):
    folder = _write_reports(tmp_path / "in", names={"fiji_report.txt"})
    assert main(["tag", str(folder), "-o", str(tmp_path / "needs.xlsx")]) == 2
    assert "unsupported output format '.xlsx'" in capsys.readouterr().err


def test_progress_lines_when_not_on_a_terminal():
    stream = StringIO()
    progress = BatchProgress(total=3, stream=stream, bar=False)
    summary = BatchSummary(documents=3, done=1, statements=40, needs=5, seconds=10.0)
    progress.update(DocumentOutcome(path="a.pdf", sha256="x", statements=40), summary)
    summary.failed, summary.seconds = 1, 20.0
    progress.update(DocumentOutcome(path="b.pdf", sha256="y", error="b.pdf: empty file (0 bytes)"), summary)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[1/3] a.pdf: 40 statements, 0 needs") and "eta 20s" in lines[0]
    assert lines[1] == "capneeds: error: b.pdf: empty file (0 bytes)"
    assert lines[2].startswith("[2/3] b.pdf: failed") and "eta 10s" in lines[2]


def test_progress_bar_on_a_terminal_shows_documents_needs_and_eta():
    stream = StringIO()
    progress = BatchProgress(total=4, skipped=1, stream=stream, bar=True)
    progress.update(DocumentOutcome(path="a.pdf", sha256="x"), BatchSummary(documents=4, done=1, statements=12, needs=3, seconds=2))
    progress.close()
    shown = stream.getvalue()
    assert "2/4" in shown and "needs=3" in shown and "statements=12" in shown and "<" in shown  # tqdm's ETA


@pytest.mark.slow
def test_dask_cluster_output_equals_a_single_process_run(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = _write_reports(tmp_path / "in")
    shutil.copy(EXAMPLE, folder / "minamata.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    local = tmp_path / "local.jsonl"
    assert main(["tag", str(folder), "-o", str(local), "--jobs", "1", "--all"]) == 1

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_cluster = tmp_path / "cluster.jsonl"
        assert main(["tag", str(folder), "-o", str(on_cluster), "--dask", cluster.scheduler_address, "--all"]) == 1
    assert on_cluster.read_bytes() == local.read_bytes()

    spawned = tmp_path / "spawned.jsonl"
    assert main(["tag", str(folder), "-o", str(spawned), "--dask", "local", "--jobs", "2", "--all"]) == 1
    assert spawned.read_bytes() == local.read_bytes()
