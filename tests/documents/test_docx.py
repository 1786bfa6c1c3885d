"""DOCX reader: documents built with python-docx, bad files, real reports."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from pipeline.documents import read_document
from pipeline.errors import DocumentError

from .helpers import read_real, texts

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_FOOTNOTES = (
    f'<w:footnotes {_W}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>Data of the 2024 inventory.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _with_footnotes(path: Path) -> None:
    """python-docx cannot write footnotes: add word/footnotes.xml by hand."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode().replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    parts["word/footnotes.xml"] = _FOOTNOTES.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):
    document = docx.Document()
    document.add_heading("Capacity needs", level=1)
    document.add_paragraph("The agency needs staff training and a multi-year budget.")
    document.add_paragraph("Laboratory kits", style="List Bullet")
    document.add_paragraph("Field vehicles", style="List Number")
    document.add_paragraph("a) Typed list item without Word numbering")
    broken = document.add_paragraph("First line")
    broken.add_run().add_break()
    broken.add_run("second line of the same paragraph.")
    table = document.add_table(rows=3, cols=2)
    for row, (need, cost) in zip(table.rows, [("Need", "Cost"), ("Training", "40 000"), ("Equipment", "")]):
        row.cells[0].text, row.cells[1].text = need, cost
    field = document.add_paragraph()
    field._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    field._p.append(parse_xml(f'<w:r {_W}><w:instrText> PAGEREF _Toc123 \\h </w:instrText></w:r>'))
    field._p.append(parse_xml(f'<w:r {_W}><w:fldChar w:fldCharType="end"/></w:r>'))
    field.add_run("Closing remark.")
    document.add_paragraph("Contents entry\t3", style=document.styles.add_style("TOC 1", 1))
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    document.save(path)
    _with_footnotes(path)
    return read_document(path)


def test_blocks_in_order_with_kinds(report) -> None:
    assert [(b.kind, b.text) for b in report.pages[0].blocks] == [
        ("heading", "Capacity needs"),
        ("body", "The agency needs staff training and a multi-year budget."),
        ("list_item", "Laboratory kits"),
        ("list_item", "Field vehicles"),
        ("list_item", "a) Typed list item without Word numbering"),
        ("body", "First line second line of the same paragraph."),
        ("table", "Need | Cost"),
        ("table", "Training | 40 000"),
        ("table", "Equipment"),
        ("body", "Closing remark."),
        ("footnote", "1 Data of the 2024 inventory."),
    ]
    assert [page.number for page in report.pages] == [1]
    assert all(block.bbox is None for block in report.pages[0].blocks)
    assert report.warnings == ()


def test_zip_without_document_part_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.problem.startswith("corrupt DOCX")


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    source = tmp_path / "whole.docx"
    document = docx.Document()
    document.add_paragraph("Some text.")
    document.save(source)
    path = tmp_path / "cut.docx"
    path.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(DocumentError) as error:
        read_document(path)
    assert error.value.problem.startswith("corrupt DOCX")


def test_real_french_docx() -> None:
    document = read_real("fr_indc_guinea_2015.docx")
    everything = document.text
    assert "TOC \\o" not in everything and "PAGEREF" not in everything
    assert "2271395" not in everything and "-294640" not in everything
    assert "Lacunes, barrieres et besoins" in texts(document, "heading")
    assert texts(document, "table") and texts(document, "footnote") and texts(document, "list_item")


def test_real_un_docx_matches_its_pdf_twin() -> None:
    document = read_real("en_un_A-81-6-Sect14_ppb2027-environment.docx")
    paragraphs = [text for text in texts(document, "list_item") if text.startswith("14.")]
    assert len(paragraphs) > 50
    pdf = read_real("en_un_A-81-6-Sect14_ppb2027-environment.pdf")
    assert paragraphs[0] in texts(pdf)
