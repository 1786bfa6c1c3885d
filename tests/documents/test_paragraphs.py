"""Paragraph logic shared by all readers: hyphen repair, markers, headings,
page assembly. Properties are checked with Hypothesis."""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.paragraphs import (
    Draft,
    LineJoiner,
    build_page,
    is_contents_line,
    list_marker,
    looks_like_heading,
    normalise_text,
    split_list_items,
    word_counts,
)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["the develop-", "ment of skills"], "the development of skills"),
        (["a multi-", "year programme"], "a multi-year programme"),
        (["non-", "normal checklists"], "non-normal checklists"),
        (["Soekarno-", "Hatta airport"], "Soekarno-Hatta airport"),
        (["COVID-", "19 response"], "COVID-19 response"),
        (["capacity-", "building needs"], "capacity-building needs"),
        (["inter-", "national support"], "international support"),
        (["contexte socio-", "économique"], "contexte socio-économique"),
        (["южно-", "африканский регион"], "южно-африканский регион"),
        (["социально-", "экономическая оценка"], "социально-экономическая оценка"),
        (["нужно обору-", "дование"], "нужно оборудование"),
        (["el financia-", "miento externo"], "el financiamiento externo"),
        (["soft\u00ad", "hyphen"], "softhyphen"),
        (["2015 -", "2020"], "2015 - 2020"),
        (["end of line", "", "  next  "], "end of line next"),
    ],
)
def test_line_end_hyphens(lines: list[str], joined: str) -> None:
    assert LineJoiner().join(lines) == joined


def test_the_document_decides_how_it_spells_a_word() -> None:
    hyphenated = LineJoiner(word_counts(["the co-operation agreement", "more co-operation"]))
    joined = LineJoiner(word_counts(["a deep cooperation"]))
    assert hyphenated.join(["regional co-", "operation"]) == "regional co-operation"
    assert joined.join(["regional co-", "operation"]) == "regional cooperation"


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("a) training of staff", "a)"),
        ("(iv) laboratory kits", "(iv)"),
        ("1. Needs", "1."),
        ("1.2 Institutional gaps", "1.2"),
        ("14.8 The programme", "14.8"),
        ("(3) vehicles", "(3)"),
        ("\u2022 funding", "\u2022"),
        ("\uf0b7 Formación de recurso humano", "\u2022"),
        ("- equipment", "-"),
        ("\u2013 equipment", "\u2013"),
        ("o Couverture : ensemble", "o"),
        ("б) оборудование", "б)"),
        ("1.5 million people were trained", None),
        ("2015. The year", None),
        ("In 2015 the plan", None),
        ("-5 degrees", None),
        ("o bien la formación", None),
    ],
)
def test_list_markers(text: str, marker: str | None) -> None:
    assert list_marker(text) == marker


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("1. Introduction", True),
        ("CONTEXTE NATIONAL", True),
        ("Необходимые ресурсы", True),
        ("The Conference of the Parties,", False),
        ("the plan continues", False),
        ("Priority needs are listed below:", False),
        ("A very long line that goes on and on with many words and clearly is a sentence of a paragraph", False),
    ],
)
def test_headings(text: str, heading: bool) -> None:
    assert looks_like_heading(text) is heading


def test_contents_lines() -> None:
    assert is_contents_line("Introduction ........................ 3")
    assert is_contents_line("Annexes . . . . . . . . . 21")
    assert not is_contents_line("The budget is 3.5 million.")


def test_split_list_items_keeps_continuations() -> None:
    drafts = split_list_items(["Needs are:", "a) staff training in the", "use of kits;", "b) vehicles."])
    assert [(d.kind, d.lines) for d in drafts] == [
        ("body", ["Needs are:"]),
        ("list_item", ["a) staff training in the", "use of kits;"]),
        ("list_item", ["b) vehicles."]),
    ]


def test_normalise_text() -> None:
    assert normalise_text(" \uf0b7\u00a0ﬁnance\u200b  for\tcapacity\u2011building\u00ad ") == "\u2022 finance for capacity-building"


def test_build_page_offsets_and_table_cells() -> None:
    page = build_page(
        3,
        [Draft(["Title"], "heading"), Draft([], "table", cells=[["Need"], [], ["Cost in", "USD"]]), Draft(["  "])],
        LineJoiner(),
    )
    assert page.number == 3
    assert page.text == "Title\n\nNeed | Cost in USD"
    assert [(b.kind, b.char_start, b.char_end) for b in page.blocks] == [("heading", 0, 5), ("table", 7, 25)]


# --- properties ----------------------------------------------------------------------------

_PIECE = st.text(alphabet="abcdeéxyzабвAZ-\u00ad", min_size=1, max_size=8)
_LINE = st.lists(_PIECE, min_size=1, max_size=5).map(" ".join)


def _no_space(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(_LINE, min_size=1, max_size=6))
def test_joining_loses_nothing_but_line_break_hyphens(lines: list[str]) -> None:
    joined = LineJoiner().join(lines)
    before, after = _no_space("".join(lines)), _no_space(joined)
    hyphens = "-\u00ad"
    assert after.translate(str.maketrans("", "", hyphens)) == before.translate(str.maketrans("", "", hyphens))
    lost = sum(before.count(h) for h in hyphens) - sum(after.count(h) for h in hyphens)
    assert 0 <= lost <= len(lines) - 1


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.lists(_LINE, max_size=3), max_size=6), st.sampled_from(["body", "list_item", "footnote"]))
def test_blocks_point_at_their_text(groups: list[list[str]], kind: str) -> None:
    page = build_page(1, [Draft(lines, kind) for lines in groups], LineJoiner())
    assert page.text == "\n\n".join(block.text for block in page.blocks)
    for block in page.blocks:
        assert block.text and block.text == block.text.strip()
        assert page.text[block.char_start : block.char_end] == block.text


@settings(database=None)
@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@settings(database=None)
@given(st.sampled_from(["a)", "(b)", "iv)", "(x)", "3.", "12)", "2.4", "\u2022", "-", "*"]), st.sampled_from(["Training", "Equipment", "Funding"]))
def test_every_marker_is_found(marker: str, word: str) -> None:
    assert list_marker(f"{marker} {word} for the laboratory") == marker


def test_word_counts_keep_hyphenated_words_whole() -> None:
    assert word_counts(["A multi-year, multi-year plan."]) == Counter({"a": 1, "multi-year": 2, "plan": 1})


_BROKEN_WORDS = ["development", "implementation", "environmental", "laboratories", "environnement",
                 "renforcement", "financement", "desarrollo", "fortalecimiento", "organización",
                 "оборудование", "финансирование", "подготовка", "лаборатории"]
_REAL_COMPOUNDS = ["multi-year", "socio-économique", "южно-африканский", "социально-экономический",
                   "capacity-building", "medio-ambiental"]


@given(st.sampled_from(_BROKEN_WORDS), st.integers(min_value=3, max_value=30))
def test_a_word_broken_anywhere_at_a_line_end_is_mended(word: str, cut: int) -> None:
    cut = min(cut, len(word) - 3)
    assert LineJoiner().join([f"the {word[:cut]}-", f"{word[cut:]} of"]) == f"the {word} of"


@given(st.sampled_from(_REAL_COMPOUNDS))
def test_a_real_hyphen_at_a_line_end_stays(compound: str) -> None:
    head, tail = compound.split("-", 1)
    assert LineJoiner().join([f"the {head}-", f"{tail} plan"]) == f"the {compound} plan"
