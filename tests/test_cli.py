"""The command line as a user meets it: outputs, messages, exit codes."""
import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

from pipeline.cli import main
from tests.conftest import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "minamata_report_example.pdf"


def _jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_tag_example_report(tmp_path, capsys):
    out = tmp_path / "needs.jsonl"
    assert main(["tag", str(EXAMPLE), "-o", str(out)]) == 0
    records = _jsonl(out)
    assert records and all(r["is_need"] for r in records)
    by_text = {r["text"]: r for r in records}
    specific = next(r for text, r in by_text.items() if "12 mercury-free processing centres" in text)
    assert specific["generic"] is False and "funding" in specific["needs"]
    assert specific["page"] == 1 and specific["doc"].endswith("minamata_report_example.pdf")
    vague = next(r for text, r in by_text.items() if "lacks the resources" in text)
    assert vague["generic"] is True and "no_category" in vague["reasons"]
    assert not any("Japan funded" in text for text in by_text)
    for record in records:
        assert {"index", "char_start", "char_end", "kind", "scores", "evidence"} <= set(record)
        assert "Page 1" not in record["text"] and "National report under" not in record["text"]
    assert "done: 1 document(s) tagged, 0 failed" in capsys.readouterr().err


def test_tag_all_keeps_non_needs_and_writes_csv(tmp_path):
    out = tmp_path / "all.csv"
    assert main(["tag", str(EXAMPLE), "-o", str(out), "--all"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {"doc", "page", "index", "needs", "reasons", "score_is_need", "evidence"} <= set(rows[0])
    japan = next(row for row in rows if "Japan funded" in row["text"])
    assert japan["is_need"] == "False"
    headings = [row for row in rows if row["kind"] == "heading"]
    assert headings and all(row["is_need"] == "False" for row in headings)
    assert [int(row["index"]) for row in rows] == sorted(int(row["index"]) for row in rows)


def test_batch_with_bad_files_reports_each_and_tags_the_rest(tmp_path, capsys):
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.pdf")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "letter.pdf").write_text("Dear Secretariat, please find attached our report.")
    (folder / "truncated.pdf").write_bytes(EXAMPLE.read_bytes()[:1500])
    out = tmp_path / "needs.jsonl"
    assert main(["tag", str(folder), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    error_lines = [line for line in err.splitlines() if line.startswith("capneeds: error:")]
    assert len(error_lines) == 3
    for name in ("empty.pdf", "letter.pdf", "truncated.pdf"):
        assert sum(name in line for line in error_lines) == 1
    assert {r["doc"] for r in _jsonl(out)} == {str(folder / "good.pdf")}


def test_encrypted_pdf_is_one_clear_line(real_fixture, tmp_path, capsys):
    encrypted = real_fixture("stress_encrypted-rc4_userpw-test.pdf")
    assert main(["tag", str(encrypted), "-o", str(tmp_path / "o.jsonl")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "stress_encrypted-rc4_userpw-test.pdf" in err and "password" in err


def test_classify_stdin_to_stdout(monkeypatch, capsys):
    lines = [
        {"id": "a", "text": "Se requiere capacitación del personal de aduanas."},
        {"text": "Japan funded the regional workshop held in Manila in June 2024.", "lang": "en"},
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(json.dumps(l) + "\n" for l in lines)))
    assert main(["classify", "-"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in out] == ["a", 2]
    assert out[0]["lang"] == "es" and out[0]["is_need"] is True and "skills" in out[0]["needs"]
    assert out[1]["is_need"] is False and out[1]["reasons"] == []


def test_classify_bad_line_is_named(tmp_path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "ok"}\n{not json}\n')
    assert main(["classify", str(source), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "in.jsonl:2" in err


def test_extract_lists_pages_and_statements(capsys):
    assert main(["extract", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "== page 1" in out and "== page 2" in out
    assert "a) training of 60 customs officers" in out


def test_extract_jsonl(tmp_path):
    out = tmp_path / "statements.jsonl"
    assert main(["extract", str(EXAMPLE), "-o", str(out)]) == 0
    statements = _jsonl(out)
    item = next(s for s in statements if s["text"].startswith("b) construction"))
    assert item["kind"] == "list_item" and item["page"] == 2
    assert item["lead_in"].startswith("The following needs were identified")


@pytest.mark.parametrize("command", ["classify", "tag", "extract", "prepare", "train", "evaluate", "audit", "card", "datasheet"])
def test_every_command_explains_itself(command):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", command, "--help"], capture_output=True, text=True, check=True
    )
    assert "example:" in result.stdout and "capneeds " + command in result.stdout


def test_tag_pdf_built_in_the_test(tmp_path):
    """A French report drawn here comes out as the sentences that were drawn, with pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sentences = [
        "Le rapport national a été adopté par le Conseil des ministres en mars 2023.",
        "Le Togo a besoin d'un financement de 300 000 USD pour former 40 agents des douanes d'ici 2027.",
        "Le pays manque de moyens pour mettre en œuvre la Convention.",
    ]
    path = tmp_path / "rapport.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page, sentence in enumerate(sentences, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(72, 810, "Rapport national - Convention de Minamata")
        pdf.drawString(290, 30, str(page))
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 700, sentence)
        pdf.showPage()
    pdf.save()
    out = tmp_path / "all.jsonl"
    assert main(["tag", str(path), "-o", str(out), "--all"]) == 0
    records = _jsonl(out)
    assert [(r["page"], r["text"]) for r in records] == list(enumerate(sentences, start=1))
    assert [r["is_need"] for r in records] == [False, True, True]
    assert records[1]["generic"] is False
    assert records[2]["reasons"] == ["no_category", "no_activity", "no_timeline"]
