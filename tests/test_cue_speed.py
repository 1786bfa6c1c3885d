"""The literal prefilter of pipeline.cues must not change what find_cues finds.

``find_cues`` runs only the patterns whose required literals occur in the
case-folded text, and ``find_cues_batch`` runs most patterns once over many
statements joined together. These tests compare them with the plain
definition (every pattern of every class on one statement, same overlap
rule) on every statement of the splits and corpora, on awkward hand-made
strings, and check the case folding and the joining they rely on against the
regex engine itself.
"""
from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from pipeline import cues
from pipeline.cues import LANGUAGES, CueMatch, find_cues, find_cues_batch, load_cues
from pipeline.cues.joined import SEPARATOR, pattern_joinable, spans_joined

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data" / "splits").rglob("*.jsonl")) + sorted(
    (ROOT / "corpora").glob("**/*.jsonl")
)

#: Every n-th statement is also checked in capitals and with the lexicons of
#: the other languages (all of them for all statements would take minutes).
CROSS_CHECK_EVERY = 25

TRICKY = [
    "",
    " ",
    "x",
    "ÉQUIPEMENT DE LABORATOIRE ET FINANCEMENT D'ICI 2030",
    "LE PAYS A BESOIN D'UNE ASSISTANCE TECHNIQUE.",
    "NECESITAMOS FINANCIACIÓN Y CAPACITACIÓN TÉCNICA PARA 2027.",
    "WE NEED ADDITIONAL FUNDING AND LABORATORY EQUIPMENT BY 2030.",
    "НЕОБХОДИМО ФИНАНСИРОВАНИЕ И ОБОРУДОВАНИЕ К 2030 ГОДУ.",
    "Ёмкости для хранения отходов; ещё нужны средства, оснащённость слабая.",
    "ЁМКОСТИ, ОСНАЩЁННОСТЬ, ЕЩЁ",
    "İNFRASTRUCTURE and ınfrastructure need İnvestment",  # dotted / dotless i
    "ſupport is needed; financial aſſiſtance",  # long s matches "s" under IGNORECASE
    "40 \u212ag of mercury, 3 \u212am of road",  # Kelvin sign matches "k"
    "необхᲂдимо финансирᲂвание",  # U+1C82 matches "о" under IGNORECASE
    "Straße, STRASSE, ΣΟΦΊΑ ΣΣ σοφίας",  # non 1:1 case mappings
    "d’ici\u00a02030, к\u00a02030\u00a0году, doesn’t need",
    "USD 2.5 MILLION, 600 MILLIONS FCFA, 1,2 МЛН ДОЛЛ. США",
    "I. INTRODUCTION",
    "A) Besoins en équipement",
    "2.1 Needs for Equipment",
    "CAPACITY-BUILDING NEEDS",
]


def reference_cues(text: str, lang: str) -> list[CueMatch]:
    """find_cues by its definition: every pattern of every class runs."""
    found: list[CueMatch] = []
    for cls, patterns in load_cues(lang).items():
        spans = [m.span() for p in patterns for m in p.finditer(text) if m.end() > m.start()]
        found.extend(cues.class_matches(cls, spans, text))
    order = {cls: i for i, cls in enumerate(cues.CUE_CLASSES)}
    found.sort(key=lambda m: (m.start, m.end, order[m.cue]))
    return found


@lru_cache(maxsize=None)
def statements() -> dict[str, tuple[str, ...]]:
    """Distinct statement texts of the splits and corpora, by language."""
    by_lang: dict[str, dict[str, None]] = {lang: {} for lang in LANGUAGES}
    for path in FILES:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    record = json.loads(line)
                    by_lang[record["lang"]][record["text"]] = None
    return {lang: tuple(texts) for lang, texts in by_lang.items()}


def assert_same(text: str, lang: str) -> None:
    assert find_cues(text, lang) == reference_cues(text, lang), (lang, text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_cues_as_running_every_pattern(lang: str) -> None:
    texts = statements()[lang]
    if not texts:
        pytest.skip(f"no {lang} statements in data/splits or corpora")
    for n, text in enumerate(texts):
        assert_same(text, lang)
        if n % CROSS_CHECK_EVERY == 0:
            assert_same(text.upper(), lang)
            for other in LANGUAGES:
                if other != lang:
                    assert_same(text, other)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", TRICKY)
def test_same_cues_on_tricky_strings(text: str, lang: str) -> None:
    assert_same(text, lang)


def test_tricky_strings_exercise_case_folding() -> None:
    """The odd characters really match, so the comparison above means something."""
    assert any(m.cue == "vague" and m.text.startswith("ſ")
               for m in find_cues("ſupport is needed", "en"))
    assert any(m.text == "необхᲂдимо" for m in find_cues("необхᲂдимо финансирᲂвание", "ru"))
    assert any(m.cue == "equipment" for m in find_cues("ÉQUIPEMENT DE LABORATOIRE", "fr"))


def _literal_characters() -> set[str]:
    chars: set[str] = set()
    for lang in LANGUAGES:
        for patterns in cues.lexicon_patterns(lang).values():
            for pattern in patterns:
                for literals in cues._requirements(pattern):
                    for literal in literals:
                        chars.update(literal)
    return chars


def test_case_folding_agrees_with_the_regex_engine() -> None:
    """Whatever character the engine matches to a literal character folds alike.

    That is the property the prefilter rests on, checked over every code
    point for each character used in a literal, alone and in a class.
    """
    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    for char in sorted(_literal_characters()):
        expected = char.translate(cues._FOLD)
        for source in (re.escape(char), f"[{re.escape(char)}\\x00]"):
            for m in re.finditer(source, every_character, re.IGNORECASE | re.UNICODE):
                if m.group() != "\x00" or char == "\x00":
                    assert m.group().translate(cues._FOLD) == expected, (char, m.group())


def test_patterns_without_literal_are_few() -> None:
    """Most patterns must be filtered, otherwise the prefilter does not pay."""
    for lang in LANGUAGES:
        compiled = cues._compiled(lang)
        assert len(compiled.unfiltered) <= 0.02 * len(compiled.regexes), lang


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\bfund(?:s|ing|ed)?\b", (frozenset({"fund"}),)),
    (r"\b(?:shortage|shortfall)s?\b", (frozenset({"shortage", "shortfall"}),)),
    (r"\bоснащ[её]нност\w*", (frozenset({"оснащенност", "оснащённост"}),)),
    (r"\bUSD\s+\d+", (frozenset({"usd "}),)),  # \s reads as a space
    (r"(?-i:ГЭФ)", (frozenset({"гэф"}),)),
    (r"\bde\s+(?:19|20)\d\d\b", (frozenset({"de "}), frozenset({" 19", " 20"}))),
    (r"\b(?<!not\s)need(?:s|ed)?\b", (frozenset({"need"}),)),
    (r"\bneeds?|\w+ment", (frozenset({"need", "ment"}),)),
    (r"\bneeds?|\w+", ()),
    (r"(?:ab)*c?", ()),
    (r"^\s*[IVX]+\.", (frozenset({"i.", "v.", "x."}),)),
    (r"(a)\1", (frozenset({"a"}),)),
    (r"x+y", (frozenset({"xy"}),)),
    # a repeated piece ends one run with one of its strings and starts the next with one
    (r"\b(?:в|на)[\s\u00a0]+(?:город|район)", (frozenset({" город", " район"}), frozenset({"в ", "на "}))),
    (r"a{2,}b", (frozenset({"ab"}),)),
])
def test_required_literals(pattern: str, expected: tuple[frozenset[str], ...]) -> None:
    assert set(cues._requirements(pattern)) == set(expected)


@pytest.mark.parametrize(("pattern", "digit"), [
    (r"\b\d+\s+tonnes", True),
    (r"(?:\d{1,3}(?:[\s.]\d{3})+|\d+)", True),
    (r"\d*\s+tonnes", False),
    (r"(?:\d+|many)\s+tonnes", False),
    (r"[\d,]+", False),
    (r"(?=\d)\w+", False),
])
def test_digit_requirement(pattern: str, digit: bool) -> None:
    assert cues._pattern_shape(pattern).digit is digit


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("text", [
    "We need 40 officers.",
    "Необходимы 12 инспекторов в 3 районах.",
    "Il faut former 25 agents d'ici 2030.",
    "Se necesitan 7 laboratorios.",
    "No digits at all here.",
    "Only digits in other scripts: ٤٠ ४० officers.",  # Arabic-Indic and Devanagari digits
])
def test_patterns_needing_a_digit_run_when_the_text_has_one(text: str, lang: str) -> None:
    assert_same(text, lang)


def test_rewritten_patterns_match_like_their_source() -> None:
    """The look-ahead that _rest_checked_first adds changes no span."""
    texts = [text for by_lang in statements().values() for text in by_lang[:200]] + TRICKY
    for lang in LANGUAGES:
        compiled = cues._compiled(lang)
        originals = [pattern for _, patterns in compiled.patterns for pattern in patterns]
        rewritten = [(source, fast) for source, fast in zip(originals, compiled.regexes) if source is not fast]
        assert rewritten, f"no {lang} pattern opens with look-behinds: the test checks nothing"
        for source, fast in rewritten:
            for text in texts:
                assert [m.span() for m in fast.finditer(text)] == [m.span() for m in source.finditer(text)], (
                    source.pattern, text)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_batch_finds_what_each_statement_alone_finds(lang: str) -> None:
    texts = [*statements()[lang], *TRICKY, f"need{SEPARATOR}funding", SEPARATOR, f"{SEPARATOR}2030{SEPARATOR}"]
    batch = find_cues_batch(texts, lang)
    assert len(batch) == len(texts)
    for text, found in zip(texts, batch):
        assert found == find_cues(text, lang), (lang, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_batch_of_tricky_strings_matches_the_definition(lang: str) -> None:
    texts = TRICKY + [text.lower() for text in TRICKY]
    for text, found in zip(texts, find_cues_batch(texts, lang)):
        assert found == reference_cues(text, lang), (lang, text)


@pytest.mark.parametrize(("pattern", "joinable"), [
    (r"\bfund(?:s|ing|ed)?\b", True),
    (r"\b(?<!\bnot\s)need(?:s|ed)?\b", True),
    (r"\bUSD[\s\u00a0]+\d+", True),
    (r"(?-i:ГЭФ)\w*", True),
    (r"(a)\1", True),
    (r"\Bment", True),
    (r"need.{0,20}funds", False),  # "." matches the separator
    (r"need\W+funds", False),
    (r"need\S*", False),
    (r"[^.]+ needed", False),
    (r"need(?!\D)", False),  # a look-ahead that reads past the text's end
    (r"^\s*[IVX]+\.", False),  # anchors other than word boundaries
    (r"needed$", False),
    (r"[\x00-\x1f]", False),
    (r"\x00", False),
])
def test_which_patterns_may_run_over_joined_statements(pattern: str, joinable: bool) -> None:
    assert pattern_joinable(pattern, re.IGNORECASE | re.UNICODE) is joinable


@pytest.mark.parametrize("pattern", [r"\bneeds?\b", r"\b\w+ing\b", r"(?<!\w)\d+(?!\w)", r"\Bs\b", r"\s+"])
def test_joined_spans_belong_to_their_own_statement(pattern: str) -> None:
    regex = re.compile(pattern, re.IGNORECASE | re.UNICODE)
    texts = ["needs", "", "funding needs 12", "12needs", " need ", "needing", f"a{SEPARATOR}need", "s"]
    joined: list[list[tuple[int, int]]] = [[] for _ in texts]
    for number, start, end in spans_joined(regex, texts):
        joined[number].append((start, end))
    assert joined == [[m.span() for m in regex.finditer(text) if m.end() > m.start()] for text in texts]
