"""Choosing a reader by content, and the errors for files no reader takes."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.documents import read_document
from pipeline.errors import DocumentError


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "unsupported file type (a PNG image; run OCR first)"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
         "unsupported file type (an old binary Office file (.doc/.xls) or an encrypted DOCX; save it as DOCX or PDF)"),
        ("data.bin", bytes(range(256)) * 4, "unsupported file type (binary data)"),
        ("table.csv", b"a,b\n1,2\n", "unsupported file type (plain text)"),
        ("report.pdf", b"\x89PNG\r\n\x1a\n" + bytes(100), "not a PDF although named .pdf (looks like a PNG image; run OCR first)"),
        ("report.docx", b"Just some text\n", "corrupt DOCX (looks like plain text)"),
    ],
)
def test_unreadable_types(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.problem == problem


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="file not found"):
        read_document(tmp_path / "nowhere.pdf")
    with pytest.raises(DocumentError, match="is a folder, not a file"):
        read_document(tmp_path)


def test_pdf_with_a_wrong_suffix_is_still_read(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "report.docx"
    canvas = Canvas(str(path))
    canvas.drawString(72, 700, "Named like a Word file, made as a PDF.")
    canvas.save()
    assert read_document(str(path)).pages[0].blocks[0].text == "Named like a Word file, made as a PDF."
