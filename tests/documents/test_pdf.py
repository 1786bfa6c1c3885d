"""PDF reader: layouts drawn with reportlab, bad input, real documents."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from pipeline.documents import read_document
from pipeline.errors import DocumentError
from .helpers import LEADING, lines_at, read_real, real_fixture, texts, write_pdf

# --- a three-page report with every layout feature the reader must handle -----------


def _page_one(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 740, "1. Introduction")
    y = lines_at(canvas, 72, 715, [
        "The national authority has identified several gaps that limit the develop-",
        "ment of monitoring capacity across the whole country. A multi-",
        "year programme is planned for the coming period, subject to the",
        "availability of external funding from partners.",
    ])
    canvas.setFont("Helvetica", 6)  # a note mark raised after "partners."
    end = 72 + canvas.stringWidth("availability of external funding from partners.", "Helvetica", 10)
    canvas.drawString(end + 0.5, y + LEADING + 4, "1")
    y = lines_at(canvas, 72, y - 8, ["Priority needs are listed below in order of urgency:"])
    y = lines_at(canvas, 72, y, [
        "a) Training for laboratory staff on the analysis of mercury;",
        "b) Sampling equipment for three regional laboratories;",
        "c) Technical assistance to draft regulations on the storage",
    ])
    y = lines_at(canvas, 86, y, ["and disposal of waste that contains mercury;"])
    y = lines_at(canvas, 72, y, ["\u2022 Funding for an update of the national inventory."])
    lines_at(canvas, 72, y - 8, [
        "Cooperation with the centre for the Asia-",
        "Pacific region will continue during the next reporting cycle.",
    ])
    lines_at(canvas, 72, 70, ["1 Estimates of the ministry of environment, 2024."], font=("Helvetica", 7), leading=9)


LEFT = [
    "The coordinating unit sits within the",
    "ministry and reports to the cabinet on",
    "progress every year. It has four staff",
    "members and no dedicated laboratory of",
    "its own at the present time.",
]
LEFT_SECOND = [
    "Provincial offices collect the data and",
    "send them to the unit every quarter.",
]
RIGHT = [
    "Customs officers inspect shipments at",
    "the two main border crossings but lack",
    "portable analysers for field checks.",
    "Staff turnover is high, and most of the",
    "trained inspectors have left the service",
    "since the last assessment was carried",
    "out by the national audit office in the",
    "capital city.",
]


def _page_two(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 740, "2. Institutional context")
    y = lines_at(canvas, 72, 712, LEFT)
    lines_at(canvas, 72, y - 8, LEFT_SECOND)
    lines_at(canvas, 310, 712, RIGHT)


def _page_three(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(72, 740, "3. Resources")
    canvas.grid([72, 250, 523], [720, 700, 680, 660])
    rows = [("Need", "Estimated cost (USD)"), ("Laboratory equipment", "250,000"), ("Training", "40,000")]
    canvas.setFont("Helvetica", 10)
    for index, (need, cost) in enumerate(rows):
        canvas.drawString(76, 706 - 20 * index, need)
        canvas.drawString(254, 706 - 20 * index, cost)
    lines_at(canvas, 72, 630, ["All costs are indicative and will be revised in the next report."])


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):
    path = write_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf", [_page_one, _page_two, _page_three])
    return read_document(path)


def _blocks(document, number: int) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in document.pages[number - 1].blocks]


def test_page_one_reads_block_by_block(report) -> None:
    assert _blocks(report, 1) == [
        ("heading", "1. Introduction"),
        ("body", "The national authority has identified several gaps that limit the development of "
                 "monitoring capacity across the whole country. A multi-year programme is planned for the "
                 "coming period, subject to the availability of external funding from partners."),
        ("body", "Priority needs are listed below in order of urgency:"),
        ("list_item", "a) Training for laboratory staff on the analysis of mercury;"),
        ("list_item", "b) Sampling equipment for three regional laboratories;"),
        ("list_item", "c) Technical assistance to draft regulations on the storage and disposal of waste "
                      "that contains mercury;"),
        ("list_item", "\u2022 Funding for an update of the national inventory."),
        ("body", "Cooperation with the centre for the Asia-Pacific region will continue during the next "
                 "reporting cycle."),
        ("footnote", "1 Estimates of the ministry of environment, 2024."),
    ]


def test_note_marks_leave_the_sentence_but_exponents_stay(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        lines_at(canvas, 72, 700, ["Each unit covers 40 km  of forest and needs new vehicles  urgently."])
        canvas.setFont("Helvetica", 6)
        for after, mark in (("Each unit covers 40 km", "2"), ("Each unit covers 40 km  of forest and needs new vehicles", "12")):
            canvas.drawString(72 + canvas.stringWidth(after, "Helvetica", 10) + 0.3, 704, mark)

    document = read_document(write_pdf(tmp_path / "marks.pdf", [draw], running=False))
    assert texts(document) == ["Each unit covers 40 km2 of forest and needs new vehicles urgently."]


def test_two_columns_are_read_one_after_the_other(report) -> None:
    assert _blocks(report, 2) == [
        ("heading", "2. Institutional context"),
        ("body", " ".join(LEFT)),
        ("body", " ".join(LEFT_SECOND)),
        ("body", " ".join(RIGHT)),
    ]


def test_ruled_table_gives_one_block_per_row(report) -> None:
    assert _blocks(report, 3) == [
        ("heading", "3. Resources"),
        ("table", "Need | Estimated cost (USD)"),
        ("table", "Laboratory equipment | 250,000"),
        ("table", "Training | 40,000"),
        ("body", "All costs are indicative and will be revised in the next report."),
    ]


def test_running_head_symbol_and_page_numbers_are_dropped(report) -> None:
    everything = "\n".join(page.text for page in report.pages)
    assert "Examplestan national capacity report" not in everything
    assert "XYZ/CN/COP.2/9" not in everything
    assert "Page 2 of 3" not in everything


def test_page_numbers_offsets_and_boxes(report) -> None:
    assert [page.number for page in report.pages] == [1, 2, 3]
    assert report.warnings == ()
    for page in report.pages:
        assert page.text == "\n\n".join(block.text for block in page.blocks)
        for block in page.blocks:
            assert page.text[block.char_start : block.char_end] == block.text
            x0, top, x1, bottom = block.bbox
            assert 0 <= x0 < x1 <= 595 and 0 <= top < bottom <= 842


def test_paragraph_runs_on_from_one_column_into_the_next(tmp_path: Path) -> None:
    left = ["Most districts report that their monitoring", "teams need vehicles, fuel and sampling kits",
            "to reach remote sites, and several of them", "also report that the teams need training"]
    right = ["in the use of the kits before the dry season", "begins, which is when most of the samples",
             "are taken and sent to the central laboratory", "for analysis by the national experts."]

    def draw(canvas: Canvas) -> None:
        lines_at(canvas, 72, 700, left)
        lines_at(canvas, 310, 700, right)

    document = read_document(write_pdf(tmp_path / "flow.pdf", [draw], running=False))
    assert texts(document) == [" ".join(left + right)]


def test_list_item_wrapping_back_under_its_marker(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        lines_at(canvas, 72, 700, [
            "a) training of sixty customs officers in the use of the analysers by the end of",
            "2026;",
            "b) a storage room for seized goods.",
            "The committee will review these needs every year.",
        ])

    document = read_document(write_pdf(tmp_path / "items.pdf", [draw], running=False))
    assert [(b.kind, b.text) for b in document.pages[0].blocks] == [
        ("list_item", "a) training of sixty customs officers in the use of the analysers by the end of 2026;"),
        ("list_item", "b) a storage room for seized goods."),
        ("body", "The committee will review these needs every year."),
    ]


def test_page_set_sideways_is_read(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.rotate(90)
        lines_at(canvas, 72, -100, ["A landscape page of the report is turned on its side.",
                                    "It still reads from left to right, line after line."])

    document = read_document(write_pdf(tmp_path / "sideways.pdf", [draw], running=False))
    assert texts(document) == ["A landscape page of the report is turned on its side. "
                               "It still reads from left to right, line after line."]


def test_cyrillic_compound_keeps_its_hyphen(tmp_path: Path) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("DejaVu Sans is needed to draw Cyrillic")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(font)))

    def draw(canvas: Canvas) -> None:
        lines_at(canvas, 72, 700, ["Требуется обучение специалистов и социально-",
                                   "экономическая оценка, а также обору-",
                                   "дование для лабораторий."], font=("DejaVuSans", 10))

    document = read_document(write_pdf(tmp_path / "ru.pdf", [draw], running=False))
    assert texts(document) == ["Требуется обучение специалистов и социально-экономическая оценка, "
                               "а также оборудование для лабораторий."]


# --- bad input ------------------------------------------------------------------------------


def _simple(canvas: Canvas) -> None:
    lines_at(canvas, 72, 700, ["A short report with one paragraph of text in it."])


def test_truncated_pdf_is_reported_as_corrupt(tmp_path: Path) -> None:
    whole = write_pdf(tmp_path / "whole.pdf", [_simple] * 3).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError, match=r"corrupt or truncated PDF \(.+\)"):
        read_document(cut)


def test_text_named_pdf_is_not_a_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_text("Dear colleagues, please find the report attached.\n", encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        read_document(fake)
    assert error.value.problem == "not a PDF although named .pdf (looks like plain text)"


def test_html_error_page_named_pdf(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_text("<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"looks like HTML"):
        read_document(fake)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(DocumentError) as error:
        read_document(empty)
    assert error.value.problem == "empty file (0 bytes)"
    assert str(error.value) == f"{empty}: empty file (0 bytes)"


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("enc") / "locked.pdf"
    return write_pdf(path, [_simple], running=False, encrypt=StandardEncryption("open-sesame", canPrint=1))


def test_encrypted_without_password(encrypted: Path) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(encrypted)
    assert error.value.problem == "encrypted PDF: a password is required"


def test_encrypted_with_wrong_password(encrypted: Path) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(encrypted, password="guess")
    assert error.value.problem == "encrypted PDF: wrong password"


def test_encrypted_with_password(encrypted: Path) -> None:
    assert texts(read_document(encrypted, password="open-sesame")) == ["A short report with one paragraph of text in it."]


def _picture(canvas: Canvas) -> None:
    image = Image.new("RGB", (200, 100), "white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    canvas.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), 72, 500, width=400, height=200)


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(write_pdf(tmp_path / "scan.pdf", [_picture, _picture], running=False))
    assert error.value.problem == (
        "no text layer on any page (a scanned document?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
    )


def test_scanned_page_among_text_pages_is_a_warning(tmp_path: Path) -> None:
    document = read_document(write_pdf(tmp_path / "mixed.pdf", [_simple, _picture], running=False))
    assert texts(document) == ["A short report with one paragraph of text in it."]
    assert [page.number for page in document.pages] == [1, 2]
    assert document.warnings == ("page 2: no text layer (a scanned page?); run OCR to read it",)


def test_pdfminer_stays_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = real_fixture("stress_corrupt-zlib-stream_zen.pdf")
    document = read_document(real)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
    assert document.warnings == ("page 1: a damaged content stream; some of its text may be missing",)
    assert texts(document)[:2] == ["Printed by", "Mai 30, 18 13:27 zen_of_python.txt"]


# --- real documents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "password", "problem"),
    [
        ("stress_encrypted-rc4_userpw-test.pdf", None, "encrypted PDF: a password is required"),
        ("stress_encrypted-rc4_userpw-test.pdf", "nope", "encrypted PDF: wrong password"),
        ("stress_encrypted-aes256-r6_userpw-usersecret.pdf", None, "encrypted PDF: a password is required"),
        ("ru_indc_belarus_2015_scanned-no-text-layer.pdf", None, "no text layer on any page"),
        ("fr_indc_cameroon_2015_cover-letter_scanned.pdf", None, "no text layer on any page"),
        ("es_indc_panama_2016_cover-letter_scanned.pdf", None, "no text layer on any page"),
        ("stress_ru_broken-tounicode-mojibake_criminal-code.pdf", None,
         "text layer is unreadable (broken font encoding); run OCR first"),
    ],
)
def test_real_unreadable_files(name: str, password: str | None, problem: str) -> None:
    with pytest.raises(DocumentError) as error:
        read_document(real_fixture(name), password=password)
    assert error.value.problem.startswith(problem)


@pytest.mark.parametrize(
    ("name", "password", "start"),
    [
        ("stress_encrypted-rc4_userpw-test.pdf", "test", "Backup4all"),
        ("stress_encrypted-aes256-r6_userpw-usersecret.pdf", "usersecret", "Hello World"),
    ],
)
def test_real_encrypted_with_password(name: str, password: str, start: str) -> None:
    assert texts(read_document(real_fixture(name), password=password))[0].startswith(start)


def test_real_malformed_page_is_a_warning() -> None:
    document = read_document(real_fixture("stress_malformed_pdfplumber-issue-932.pdf"))
    assert len(document.warnings) == 1 and "run OCR" in document.warnings[0]


_BARE_NUMBER = re.compile(r"\d{1,3}")


@pytest.mark.parametrize(
    ("name", "pages", "running"),
    [
        ("en_unfccc_nc1_cook-islands_2000.pdf", 44,
         ["COOK ISLANDS INITIAL NATIONAL COMMUNICATION", "U N I T E D"]),
        ("fr_indc_togo_2015.pdf", 21, ["(CPDN)Togo"]),
        ("ru_indc_kyrgyzstan_2015.pdf", 6, []),
        ("es_indc_cuba_2015.pdf", 20, []),
    ],
)
def test_real_documents_keep_pages_and_lose_running_heads(name: str, pages: int, running: list[str]) -> None:
    document = read_real(name)
    assert [page.number for page in document.pages] == list(range(1, pages + 1))
    blocks = [block for page in document.pages for block in page.blocks]
    assert len(blocks) > 5 * pages
    for block in blocks:
        assert not any(head in block.text for head in running), block.text
        in_margin = block.bbox[1] < 0.1 * 842 or block.bbox[3] > 0.92 * 842
        assert not (in_margin and _BARE_NUMBER.fullmatch(block.text)), block.text
        assert "\uf0b7" not in block.text and "(cid:" not in block.text


def test_real_two_column_page_reads_column_by_column() -> None:
    page = read_real("en_unfccc_nc1_cook-islands_2000.pdf").pages[10]
    headings = [block.text for block in page.blocks if block.kind == "heading"]
    assert [h.split()[0] for h in headings if h[0].isdigit()] == ["2.2.", "2.3.", "2.4.", "2.5.", "2.6.", "2.7.", "2.8."]
    assert [block.kind for block in page.blocks][-2:] == ["footnote", "footnote"]


def test_real_form_table_rows() -> None:
    page = read_real("ru_indc_kyrgyzstan_2015.pdf").pages[2]
    rows = [block.text for block in page.blocks if block.kind == "table"]
    assert any(row.startswith("2. Временные рамки | ") for row in rows)


def test_real_symbol_font_bullets_become_list_items() -> None:
    document = read_real("es_indc_cuba_2015.pdf")
    assert sum(text.startswith("\u2022 ") for text in texts(document, "list_item")) >= 10
