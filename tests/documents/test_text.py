"""Plain-text reader: encodings, line endings, paragraphs, lists, tables."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pipeline.documents import read_document

from .helpers import read_real, texts

RUSSIAN = (
    "Необходимые ресурсы\n\n"
    "Для выполнения обязательств стране требуется международная поддержка, "
    "включая обучение специалистов и лабораторное оборудование.\n"
)
FRENCH = (
    "Besoins prioritaires\n\n"
    "Le pays a besoin d'un renforcement des capacités techniques, d'équipements de "
    "laboratoire et d'un financement pour la mise à jour de l'inventaire.\n"
)


@pytest.mark.parametrize(
    ("text", "encoding", "bom"),
    [
        (FRENCH, "utf-8", b""),
        (FRENCH, "utf-8", codecs.BOM_UTF8),
        (RUSSIAN, "utf-16-le", codecs.BOM_UTF16_LE),
        (RUSSIAN, "utf-16-be", codecs.BOM_UTF16_BE),
        (RUSSIAN, "cp1251", b""),
        (FRENCH, "cp1252", b""),
        (FRENCH, "latin-1", b""),
    ],
)
def test_encodings(tmp_path: Path, text: str, encoding: str, bom: bytes) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(bom + text.encode(encoding))
    document = read_document(path)
    heading, body = text.strip().split("\n\n")
    assert [(b.kind, b.text) for b in document.pages[0].blocks] == [("heading", heading), ("body", body)]
    assert [page.number for page in document.pages] == [1]
    assert document.pages[0].blocks[0].bbox is None


WRAPPED = (
    "1. Institutional capacity\r\n"
    "\r\n"
    "The ministry has a small team that coordinates the reporting on the con-\r\n"
    "vention and needs training for its staff, a multi-\r\n"
    "year budget and two vehicles for inspections.\r\n"
    "\r\n"
    "Needs identified during the consultations:\r\n"
    "a) training of customs officers on the identification\r\n"
    "   of controlled substances;\r\n"
    "b) portable analysers;\r\n"
    "\uf0b7 an electronic licensing system.\r\n"
    "\r\n"
    "| Need | Cost |\r\n"
    "|------|------|\r\n"
    "| Analysers | 120 000 |\r\n"
    "\r\n"
    "Contents ............................ 4\r\n"
)


def test_wrapped_text_with_crlf_lists_and_table(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(WRAPPED.encode("utf-8"))
    blocks = read_document(path).pages[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "1. Institutional capacity"),
        ("body", "The ministry has a small team that coordinates the reporting on the convention and needs "
                 "training for its staff, a multi-year budget and two vehicles for inspections."),
        ("body", "Needs identified during the consultations:"),
        ("list_item", "a) training of customs officers on the identification of controlled substances;"),
        ("list_item", "b) portable analysers;"),
        ("list_item", "\u2022 an electronic licensing system."),
        ("table", "Need | Cost"),
        ("table", "Analysers | 120 000"),
    ]


def test_one_paragraph_per_line(tmp_path: Path) -> None:
    long_one = "The national committee met four times during the year and agreed on a work plan " * 2
    long_two = "Laboratory staff need training on sampling methods and quality control before the survey " * 2
    path = tmp_path / "converted.txt"
    path.write_text(f"Annual summary\n{long_one.strip()}\n{long_two.strip()}\n1.\tReaffirms its decision to act.\n", encoding="utf-8")
    assert [(b.kind, b.text) for b in read_document(path).pages[0].blocks] == [
        ("heading", "Annual summary"),
        ("body", long_one.strip()),
        ("body", long_two.strip()),
        ("list_item", "1. Reaffirms its decision to act."),
    ]


def test_numbered_short_lines_in_a_row_are_a_list(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("Sectors\n\n1. Energy\n2. Transport\n3. Waste\n", encoding="utf-8")
    assert [(b.kind, b.text) for b in read_document(path).pages[0].blocks] == [
        ("heading", "Sectors"),
        ("list_item", "1. Energy"),
        ("list_item", "2. Transport"),
        ("list_item", "3. Waste"),
    ]


def test_blank_file_gives_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    document = read_document(path)
    assert document.pages[0].blocks == () and document.warnings == ("no text found in the file",)


def test_real_cop_decisions_text() -> None:
    document = read_real("en_unfccc_cop29-decisions-11-21_2024.txt")
    blocks = document.pages[0].blocks
    assert blocks[0].kind == "table" and blocks[0].text.endswith("FCCC/CP/2024/11/Add.2")
    assert all("\r" not in b.text and "\u200e" not in b.text for b in blocks)
    assert "Decision 11/CP.29" in texts(document, "heading")
    assert sum(b.kind == "list_item" for b in blocks) > 100
