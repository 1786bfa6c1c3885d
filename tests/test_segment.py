from pathlib import Path

from pipeline.schema import Block, Document, Page
from pipeline.segment import segment_document, sentence_spans


def _document(*blocks: tuple[str, str]) -> Document:
    built, offset, texts = [], 0, []
    for kind, text in blocks:
        built.append(Block(text=text, kind=kind, char_start=offset, char_end=offset + len(text)))
        texts.append(text)
        offset += len(text) + 2
    return Document(path=Path("report.pdf"), pages=(Page(number=3, text="\n\n".join(texts), blocks=tuple(built)),))


def test_paragraph_split_into_located_sentences():
    doc = _document(("body", "The inventory was completed in 2021. The country lacks trained customs officers."))
    result = segment_document(doc)
    assert [s.text for s in result.statements] == [
        "The inventory was completed in 2021.",
        "The country lacks trained customs officers.",
    ]
    page_text = doc.pages[0].text
    for statement in result.statements:
        assert statement.page == 3
        assert page_text[statement.char_start : statement.char_end] == statement.text
    assert [s.index for s in result.statements] == [1, 2]


def test_list_items_stay_whole_and_keep_their_lead_in():
    doc = _document(
        ("body", "The following needs were identified by the national committee:"),
        ("list_item", "a) procurement of two portable mercury analysers. Delivery to the central laboratory."),
        ("list_item", "b) training of 30 inspectors."),
        ("body", "Progress was reviewed in 2023."),
    )
    statements = segment_document(doc).statements
    items = [s for s in statements if s.kind == "list_item"]
    assert [s.text for s in items] == [
        "a) procurement of two portable mercury analysers. Delivery to the central laboratory.",
        "b) training of 30 inspectors.",
    ]
    assert all(s.lead_in == "The following needs were identified by the national committee:" for s in items)
    assert statements[-1].lead_in == ""


def test_abbreviation_does_not_cut_a_sentence():
    text = "Pursuant to Law No. 12 of 2019, the ministry needs new detectors. Another sentence follows here."
    spans = sentence_spans(text, "en")
    assert len(spans) == 2
    assert text[spans[0][0] : spans[0][1]].endswith("new detectors.")


def test_unsupported_paragraphs_are_skipped_and_counted():
    doc = _document(
        ("body", "The Party needs financial support to destroy its remaining stockpiles of cluster munitions."),
        ("body", "Der Vertragsstaat benötigt finanzielle Unterstützung für die Vernichtung seiner Bestände."),
    )
    result = segment_document(doc)
    assert [s.lang for s in result.statements] == ["en"]
    assert result.skipped_languages == {"de": 1}
    assert "unsupported language 'de'" in result.warnings("report.pdf")[0]
