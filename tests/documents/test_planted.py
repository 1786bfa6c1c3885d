"""Extraction checked against truth: generated reports in four languages
with running heads, page numbers, footnotes, two-column pages and words
hyphenated at line ends, read back sentence by sentence."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.documents import read_document
from pipeline.segment import segment_document
from .planted import build_report


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module", params=["en", "fr", "es", "ru"])
def extracted(request, tmp_path_factory: pytest.TempPathFactory):
    report = build_report(tmp_path_factory.mktemp("planted") / f"{request.param}.pdf", request.param, pages=4, seed=3)
    return report, segment_document(read_document(report.path)).statements


def test_planted_body_sentences_come_out_whole_on_their_page(extracted) -> None:
    report, statements = extracted
    found = Counter((s.page, _normalised(s.text)) for s in statements if s.kind == "body")
    planted = Counter((page, _normalised(text)) for page, text in report.body)
    whole = sum(min(count, found[key]) for key, count in planted.items())
    assert whole / sum(planted.values()) >= 0.95, [key for key in planted if key not in found][:5]


def test_no_running_head_symbol_or_page_number_in_any_statement(extracted) -> None:
    report, statements = extracted
    for statement in statements:
        assert not any(part in statement.text for part in report.furniture), statement.text
        assert not re.fullmatch(r"\d{1,3}", statement.text.strip())
    assert {s.page for s in statements} == set(range(1, report.pages + 1))


def test_footnotes_are_separate_and_their_marks_leave_the_body(extracted) -> None:
    report, statements = extracted
    notes = [(s.page, _normalised(s.text)) for s in statements if s.kind == "footnote"]
    assert report.footnotes and notes == [(page, _normalised(text)) for page, text in report.footnotes]
    for statement in statements:
        if statement.kind == "body":
            assert not re.search(r"[.!?]\d+$", statement.text), statement.text


def test_two_column_page_keeps_each_column_in_order(extracted) -> None:
    report, statements = extracted
    page_two = [_normalised(s.text) for s in statements if s.page == 2 and s.kind == "body"]
    assert page_two == [_normalised(text) for page, text in report.body if page == 2]
