"""Multilingual cue lexicons: what a statement *says*, in language-free classes.

Each language file (``en.json``, ``fr.json``, ``es.json``, ``ru.json``) maps
the same class names to regular expressions written for that language. A
match becomes a feature token named after the class (``cue=funding``), so
"financement", "финансирование" and "funding" land on the same feature and
what the model learns from one language carries over to the others. The
model learns the weights; the lexicons only say where to look. A long piece
that several patterns share is written once, as a macro: ``{{NAME}}`` in a
pattern stands for ``NAME`` in the file's own ``macros`` or in
``macros.json``, which all languages share (currency codes, for one).

The same matches are the human-readable evidence shown to a reviewer ("why
was this flagged?"), which is why :func:`find_cues` keeps the matched text
and offsets.

Lexicon conventions (see docs/annotation-guideline.md, "close calls"):

* ``vague`` holds the words that carry no category (resources, capacity,
  support, assistance...). Qualified forms such as "technical assistance" or
  "financial resources" are excluded from ``vague`` and matched by ``skills``
  or ``funding`` instead.
* ``year`` fires on any year; ``future_time``, ``past_time`` and ``citation``
  say which kind of date it is, so a cited year ("decision BC-14/12 of
  2019") is not taken for a timeline.

This module needs only the standard library and pyahocorasick (a small C
extension for finding many literals in one pass), so it can be imported
anywhere in the pipeline (and by the review app) without pulling in a model
stack.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from importlib import resources
from operator import itemgetter, or_
from re import _constants as _sre_constants  # type: ignore[attr-defined]
from re import _compiler, _parser  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any, NamedTuple

import _sre  # type: ignore[import-not-found]
import ahocorasick

from .joined import joinable, spans_joined

__all__ = ["CUE_CLASSES", "LANGUAGES", "CueMatch", "load_cues", "find_cues", "find_cues_batch"]

#: The cue classes, in the fixed order used for features and for tie-breaking.
#: Every language file must define exactly these classes.
CUE_CLASSES: tuple[str, ...] = (
    "need",
    "negation",
    "vague",
    "equipment",
    "skills",
    "funding",
    "infrastructure",
    "action",
    "quantity",
    "place",
    "future_time",
    "year",
    "past_time",
    "citation",
    "frequency",
    "procedure",
    "support_given",
    "achievement",
    "reported_challenge",
    "conditional",
    "circumstance",
    "heading",
)

#: Languages with a lexicon file in this package.
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ru")

# Case and script do not change meaning in these reports; patterns that need
# case (proper names) switch it back on locally with ``(?-i:...)``.
_FLAGS = re.IGNORECASE | re.UNICODE

_CLASS_ORDER = {name: i for i, name in enumerate(CUE_CLASSES)}


class CueMatch(NamedTuple):
    """One cue found in a statement: its class, where it is, what it says.

    Offsets index the text given to :func:`find_cues`, so
    ``text[m.start:m.end] == m.text`` and a reviewer UI can highlight it.
    A named tuple, not a dataclass: a statement has several, and a tuple is
    made in less than half the time.
    """

    cue: str
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------
# Literal prefilter
#
# Most patterns cannot match most statements, yet running one costs a scan of
# the whole text. So at compile time each pattern gets, where the regex
# guarantees them, up to two sets of literal strings such that any text it
# matches contains a string of each set; a pattern runs only on texts that do.
# A pattern without a literal may still be known to match only text with a
# decimal digit (amounts and quantities: "\d+ ..."); it runs only on texts
# that have one. The derivation is conservative: whatever it does not
# understand yields no literal, and a pattern without one simply always runs.
# tests/test_cue_speed.py checks the result against running every pattern.
# The derivation reads the regex engine's own parser and case tables
# (re._parser, re._casefix, _sre), private but present in every CPython the
# package supports (>= 3.11), so that it agrees with how patterns match; the
# same parser and its compiler (re._compiler) reorder the opening
# look-behinds of a pattern (:func:`_rest_checked_first`).
# ---------------------------------------------------------------------------

#: Most alternative strings tracked for one piece of a regex. Beyond it the
#: piece counts as unknown, which only makes the prefilter less selective.
_MAX_ALTERNATIVES = 32

#: Literal sets kept per pattern. A second one still pays ("de" alone lets
#: "de 2019 à 2023" run on most French texts, "de" and "19"/"20" much less);
#: a third hardly does.
_MAX_REQUIREMENTS = 2

_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT,
            _sre_constants.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_sre_constants.AT, _sre_constants.ASSERT, _sre_constants.ASSERT_NOT)
_DIGIT_CATEGORIES = (_sre_constants.CATEGORY_DIGIT, _sre_constants.CATEGORY_UNI_DIGIT)
_SPACE_CATEGORIES = (_sre_constants.CATEGORY_SPACE, _sre_constants.CATEGORY_UNI_SPACE)

#: Finds a decimal digit: case folding leaves digits as they are and makes
#: none, so it answers the same for a text and its folded form.
_DIGIT = re.compile(r"\d", _FLAGS)


class _CaseFold(dict[int, int]):
    """``str.translate`` table mapping each character to its IGNORECASE class.

    Under ``re.IGNORECASE | re.UNICODE`` a pattern character matches a text
    character when their simple lowercase forms are equal or are listed as
    equivalent by the regex engine (``re._casefix``: "s"/"ſ", "i"/"ı",
    "в"/"ᲀ"...). Mapping every character to the smallest member of its class
    makes "the text matches this literal" imply "the folded text contains the
    folded literal". ``str.lower``/``casefold`` would break that: they are not
    one character to one ("İ" lowers to two characters, "ß" folds to "ss") and
    they lower a final sigma by context. Characters matched exactly (not
    cased, or inside ``(?-i:...)``) fold identically too, so the implication
    holds for them as well. Every whitespace character (none is cased) folds
    to a space, so that ``\\s`` reads as a space: "в " is a much rarer
    literal than "в". Entries are computed when a character is first seen,
    which keeps the table small.
    """

    def __missing__(self, code: int) -> int:
        if chr(code).isspace():  # what \s matches (Py_UNICODE_ISSPACE)
            folded = ord(" ")
        else:
            lower = _sre.unicode_tolower(code)
            folded = min((lower, *_EXTRA_CASES.get(lower, ())))
        self[code] = folded
        return folded


_FOLD = _CaseFold()


@dataclass(frozen=True)
class _Shape:
    """What is known about the text that one piece of a regex consumes.

    ``exact``: every string the piece can consume, folded (None when unknown
    or more than :data:`_MAX_ALTERNATIVES`). ``required``: sets of strings
    such that whatever the piece consumes contains a string of each set,
    most selective first (empty when nothing is known). ``digit``: whatever
    the piece consumes contains a decimal digit, a character ``\\d`` matches.
    """

    exact: frozenset[str] | None
    required: tuple[frozenset[str], ...]
    digit: bool = False


_UNKNOWN = _Shape(None, ())
_EMPTY = _Shape(frozenset({""}), ())


def _concat(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    """Strings of ``left`` followed by ``right``; None when there are too many."""
    if len(left) * len(right) > _MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a in left for b in right)


def _simplest(alternatives: frozenset[str]) -> frozenset[str]:
    """Drop alternatives that contain another one: "fund" covers "funding"."""
    return frozenset(a for a in alternatives
                     if not any(b != a and b in a for b in alternatives))


def _selectivity(alternatives: frozenset[str]) -> tuple[int, int, int]:
    """Sort key, higher is rarer: long strings first, then few of them.

    Past six characters a literal is rare enough that testing fewer of them
    matters more than their length.
    """
    shortest = min(map(len, alternatives))
    return min(shortest, 6), -len(alternatives), shortest


def _implies(strong: frozenset[str], weak: frozenset[str]) -> bool:
    """True when each string of ``strong`` contains one of ``weak``."""
    return all(any(w in s for w in weak) for s in strong)


def _most_selective(candidates: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The best few required sets, skipping any that a better one implies."""
    usable = {_simplest(c) for c in candidates if c and "" not in c}
    kept: list[frozenset[str]] = []
    for candidate in sorted(usable, key=_selectivity, reverse=True):
        if len(kept) < _MAX_REQUIREMENTS and not any(_implies(k, candidate) for k in kept):
            kept.append(candidate)
    return tuple(kept)


def _sequence_shape(items: _parser.SubPattern | list) -> _Shape:
    """Shape of regex pieces matched one after the other.

    Consecutive pieces with known strings (literals, small classes such as
    ``[её]``, optional suffixes such as ``s?``, lookarounds and ``\\b``, which
    consume nothing) are joined into runs. A repeated piece (``\\s+``) ends a
    run with one of its strings and starts the next with one. Every run and
    every requirement of an inner piece is required of the sequence; the
    most selective are kept.
    """
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    whole = True
    digit = False
    for op, av in items:
        shape = _node_shape(op, av)
        digit = digit or shape.digit
        candidates.extend(shape.required)
        joined = None if shape.exact is None else _concat(run, shape.exact)
        if joined is not None:
            run = joined
            continue
        whole = False
        unit = _repeated_unit(op, av)
        if unit is not None:
            joined = _concat(run, unit)
            candidates.append(run if joined is None else joined)
            run = unit
            continue
        candidates.append(run)
        run = shape.exact if shape.exact is not None else frozenset({""})
    candidates.append(run)
    return _Shape(run if whole else None, _most_selective(candidates), digit)


def _repeated_unit(op: object, av: Any) -> frozenset[str] | None:
    """For a piece repeated at least once whose body's strings are known
    (``\\s+``, ``[ae]{2,}``): those strings, one of which begins and one of
    which ends whatever the piece consumes. None for anything else."""
    if op not in _REPEATS or av[0] < 1:
        return None
    unit = _sequence_shape(av[2]).exact
    return unit if unit and "" not in unit else None


def _node_shape(op: object, av: Any) -> _Shape:
    """Shape of one parsed regex node; unknown unless provably known."""
    c = _sre_constants
    if op is c.LITERAL:
        return _Shape(frozenset({chr(av).translate(_FOLD)}), ())
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is c.IN:
        if all(kind is c.LITERAL for kind, _ in av) and len(av) <= _MAX_ALTERNATIVES:
            return _Shape(frozenset(chr(code).translate(_FOLD) for _, code in av), ())
        if all(kind is c.CATEGORY and value in _DIGIT_CATEGORIES for kind, value in av):
            return _Shape(None, (), digit=True)
        if all(
            (kind is c.CATEGORY and value in _SPACE_CATEGORIES) or (kind is c.LITERAL and chr(value).isspace())
            for kind, value in av
        ):
            return _Shape(frozenset({" "}), ())
        return _UNKNOWN
    if op is c.SUBPATTERN:
        return _sequence_shape(av[3])
    if op is c.ATOMIC_GROUP:
        return _sequence_shape(av)
    if op is c.BRANCH:
        shapes = [_sequence_shape(alt) for alt in av[1]]
        exact: frozenset[str] | None = None
        if all(s.exact is not None for s in shapes):
            union = frozenset().union(*(s.exact for s in shapes if s.exact is not None))
            exact = union if len(union) <= _MAX_ALTERNATIVES else None
        # Each branch must contribute: its best set stands for it in the union.
        required: tuple[frozenset[str], ...] = ()
        if all(s.required for s in shapes):
            required = _most_selective([frozenset().union(*(s.required[0] for s in shapes))])
        return _Shape(exact, required, all(s.digit for s in shapes))
    if op in _REPEATS:
        low, high, body = av
        inner = _sequence_shape(body)
        if low == 0:
            if high == 1 and inner.exact is not None:
                return _Shape(inner.exact | {""}, ())
            return _UNKNOWN
        return _Shape(inner.exact if low == high == 1 else None, inner.required, inner.digit)
    return _UNKNOWN


def _pattern_shape(pattern: str | _parser.SubPattern) -> _Shape:
    """What the prefilter knows about every match of ``pattern`` (its text or parse)."""
    return _sequence_shape(_parser.parse(pattern, _FLAGS) if isinstance(pattern, str) else pattern)


def _requirements(pattern: str) -> tuple[frozenset[str], ...]:
    """Folded literal sets such that every match of ``pattern`` contains a
    string of each; empty when the regex guarantees none."""
    return _pattern_shape(pattern).required


def _rest_checked_first(regex: re.Pattern[str], parsed: _parser.SubPattern) -> re.Pattern[str]:
    """``regex`` (``parsed`` is its parse) or an equivalent that fails sooner
    where it cannot match.

    Many cue patterns open with a row of look-behinds ("not after *article*,
    *paragraph*, *decision*..."), which the engine checks at every word
    boundary before it looks at the word itself. Zero-width assertions at
    one position can be checked in any order, so checking first, as a
    look-ahead, that the rest of the pattern can match there changes no
    match, and rejects most positions at their first character. Patterns
    with capturing groups are left alone, so that no back-reference can see
    a group set in a different order. Only spans are read from matches.
    """
    if regex.groups:
        return regex
    items = list(parsed)
    lead = 0
    while lead < len(items) and items[lead][0] in _ZERO_WIDTH:
        lead += 1
    if lead == len(items) or sum(op is not _sre_constants.AT for op, _ in items[:lead]) < 2:
        return regex
    rest = _parser.SubPattern(parsed.state, items[lead:])
    anchors = [item for item in items[:lead] if item[0] is _sre_constants.AT]
    lookarounds = [item for item in items[:lead] if item[0] is not _sre_constants.AT]
    reordered = [*anchors, (_sre_constants.ASSERT, (1, rest)), *lookarounds, *items[lead:]]
    return _compiler.compile(_parser.SubPattern(parsed.state, reordered), regex.flags)


@dataclass(frozen=True)
class _Compiled:
    """Compiled lexicon of one language, built once so it can be cached.

    Patterns are numbered in class order: ``classes[i]``, ``regexes[i]``.
    ``unfiltered`` lists the patterns that require nothing and always run.
    A pattern that needs a decimal digit requires one more set of literals,
    ``{_ANY_DIGIT}``, which a text holds when it has a digit. ``joinable``
    lists the patterns a batch may run over many texts at once
    (:mod:`.joined`). Sets of patterns are bit masks, so that combining
    them costs one integer operation. With ``n`` patterns, bit ``k * n + i`` of ``held[literal]``
    says that the ``k``-th required set of pattern ``i`` holds ``literal``
    (all the sets in one integer: one OR per literal found), and bit ``i`` of
    ``needs[k]`` that pattern ``i`` has more than ``k`` sets. The literals are
    found in one pass: single characters (``characters``) by set
    intersection, longer ones by an Aho-Corasick automaton (``literals``,
    whose values are the literals' masks), where testing the ~1000 literals
    one by one, or even only those sharing a trigram with the text, cost
    about as much as the regexes the prefilter saves.
    """

    patterns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    classes: tuple[str, ...]
    regexes: tuple[re.Pattern[str], ...]
    unfiltered: tuple[int, ...]
    held: Mapping[object, int]
    needs: tuple[int, ...]
    characters: frozenset[str]
    literals: ahocorasick.Automaton
    joinable: frozenset[int]

    def candidates(self, folded: str) -> list[int]:
        """Patterns that may match a text whose case-folded form is ``folded``."""
        found = reduce(or_, map(self.held.__getitem__, self.characters.intersection(folded)), 0)
        if self.literals.kind == ahocorasick.AHOCORASICK:  # else no literal is longer than a character
            found = reduce(or_, map(_VALUE, self.literals.iter(folded)), found)
        if _DIGIT.search(folded):
            found |= self.held.get(_ANY_DIGIT, 0)
        count = len(self.regexes)
        every = (1 << count) - 1
        selected = every
        for k, needs in enumerate(self.needs):
            selected &= (found >> (k * count)) & every | ~needs
        numbers = []
        while selected:
            lowest = selected & -selected
            numbers.append(lowest.bit_length() - 1)
            selected ^= lowest
        return numbers


class _Marker:
    """A requirement that is not a literal; it names itself when printed."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: Stands for "a decimal digit" among the literals a text holds.
_ANY_DIGIT = _Marker("<any digit>")
_DIGIT_SET: frozenset[object] = frozenset({_ANY_DIGIT})

#: The value of an ``(end, value)`` pair that ``Automaton.iter`` yields.
_VALUE = itemgetter(1)


def _normalise_lang(lang: str) -> str:
    code = lang.strip().lower() if isinstance(lang, str) else ""
    if code not in LANGUAGES:
        raise ValueError(
            f"no cue lexicon for language {lang!r}; supported: {', '.join(LANGUAGES)}"
        )
    return code


#: ``{{NAME}}`` in a pattern stands for the fragment ``NAME`` of the lexicon's
#: macros, so that a long piece several patterns share is written once.
_MACRO = re.compile(r"\{\{([A-Z][A-Z0-9_]*)\}\}")


def _read_json(name: str) -> dict:
    """One file of this package, parsed (read through importlib.resources so
    that the lexicons are found inside an installed wheel as well as in a
    source checkout)."""
    try:
        data = json.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:  # pragma: no cover - packaging error
        raise ValueError(f"cue lexicon {name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"cue lexicon {name} must hold a JSON object")
    return data


def _macros(lang: str, data: dict) -> dict[str, str]:
    """The fragments a language file may use: those of ``macros.json``, shared
    by all languages, and those of the file's own ``macros``."""
    shared = _read_json("macros.json").get("macros", {})
    own = data.get("macros", {})
    for name, fragment in (*shared.items(), *own.items()):
        if not _MACRO.fullmatch(f"{{{{{name}}}}}") or not isinstance(fragment, str):
            raise ValueError(f"cue lexicon {lang}.json: bad macro {name!r}: names are CAPITALS, fragments text")
    clash = sorted(set(shared) & set(own))
    if clash:
        raise ValueError(f"cue lexicon {lang}.json redefines the shared macros {clash}")
    return {**shared, **own}


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    def fragment(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"{where}: unknown macro {{{{{name}}}}} in pattern {pattern!r}")
        return macros[name]

    return _MACRO.sub(fragment, pattern)


def lexicon_patterns(lang: str) -> dict[str, list[str]]:
    """The pattern texts of every cue class for ``lang``, macros expanded:
    exactly what is compiled. Checks the file's language and classes.

    Raises ValueError for a language without a lexicon or a malformed file.
    """
    lang = _normalise_lang(lang)
    data = _read_json(f"{lang}.json")
    if data.get("lang") != lang:
        raise ValueError(f"cue lexicon {lang}.json declares lang {data.get('lang')!r}")
    classes = data.get("classes")
    if not isinstance(classes, dict) or set(classes) != set(CUE_CLASSES):
        found = set(classes) if isinstance(classes, dict) else set()
        raise ValueError(
            f"cue lexicon {lang}.json has the wrong classes: "
            f"missing {sorted(set(CUE_CLASSES) - found)}, unknown {sorted(found - set(CUE_CLASSES))}"
        )
    macros = _macros(lang, data)
    expanded: dict[str, list[str]] = {}
    for cls in CUE_CLASSES:
        raw = classes[cls]
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise ValueError(f"cue lexicon {lang}.json: class {cls!r} must be a list of strings")
        expanded[cls] = [_expand(pattern, macros, f"cue lexicon {lang}.json: class {cls!r}") for pattern in raw]
    return expanded


@lru_cache(maxsize=None)
def _compiled(lang: str) -> _Compiled:
    """Compile one language's lexicon once per process."""
    classes = lexicon_patterns(lang)
    compiled: list[tuple[str, tuple[re.Pattern[str], ...]]] = []
    owners: list[str] = []
    regexes: list[re.Pattern[str]] = []
    unfiltered: list[int] = []
    bits_by_level: dict[object, list[tuple[int, int]]] = {}
    needs: list[int] = []
    every_literal: set[str] = set()
    joinable_patterns: set[int] = set()
    for cls in CUE_CLASSES:
        pats = []
        for pattern in classes[cls]:
            try:
                regex = re.compile(pattern, _FLAGS)
            except re.error as exc:
                raise ValueError(
                    f"cue lexicon {lang}.json: class {cls!r}: bad pattern {pattern!r}: {exc}"
                ) from exc
            number = len(regexes)
            parsed = _parser.parse(pattern, _FLAGS)
            shape = _pattern_shape(parsed)
            every_literal.update(*shape.required)
            required: tuple[frozenset[object], ...] = (*shape.required, *([_DIGIT_SET] if shape.digit else []))
            if not required:
                unfiltered.append(number)
            for k, literals in enumerate(required):
                if k == len(needs):
                    needs.append(0)
                needs[k] |= 1 << number
                for literal in literals:
                    bits_by_level.setdefault(literal, []).append((k, number))
            if joinable(parsed):
                joinable_patterns.add(number)
            pats.append(regex)
            owners.append(cls)
            regexes.append(_rest_checked_first(regex, parsed))
        compiled.append((cls, tuple(pats)))
    count = len(regexes)
    held = {literal: sum(1 << (k * count + number) for k, number in set(bits)) for literal, bits in bits_by_level.items()}
    automaton = ahocorasick.Automaton()
    for literal in sorted(every_literal):
        if len(literal) > 1:
            automaton.add_word(literal, held[literal])
    automaton.make_automaton()
    return _Compiled(
        patterns=tuple(compiled),
        classes=tuple(owners),
        regexes=tuple(regexes),
        unfiltered=tuple(unfiltered),
        held=held,  # a plain dict: a proxy's lookup costs a method call more per literal
        needs=tuple(needs),
        characters=frozenset(literal for literal in every_literal if len(literal) == 1),
        literals=automaton,
        joinable=frozenset(joinable_patterns),
    )


def load_cues(lang: str) -> dict[str, list[re.Pattern[str]]]:
    """Return the compiled patterns of every cue class for ``lang``.

    Compilation is cached per language (``functools.lru_cache``); each call
    returns fresh lists, so a caller that edits the result cannot corrupt
    what other callers see. Keys follow the order of :data:`CUE_CLASSES`.

    Raises ValueError for a language without a lexicon.
    """
    compiled = _compiled(_normalise_lang(lang))
    return {cls: list(pats) for cls, pats in compiled.patterns}


def find_cues(text: str, lang: str) -> list[CueMatch]:
    """Find every cue in ``text``, sorted by position.

    Within one class, matches do not overlap: where two patterns of the same
    class cover the same words, the one that starts first (then the longer
    one) is kept, so "technical assistance" counts once for ``skills``.
    Matches of different classes may overlap — "funded" is both ``funding``
    and ``support_given`` — because each class is a separate feature.

    Only patterns whose required literals occur in the text are run; the
    others cannot match, so the result is that of running every pattern.
    """
    return find_cues_batch([text], lang)[0]


def find_cues_batch(texts: Sequence[str], lang: str) -> list[list[CueMatch]]:
    """:func:`find_cues` of each of ``texts``, all in language ``lang``.

    Each pattern runs once over all the texts that may hold it, where it
    can (:mod:`.joined`): for short statements that is about half the cost
    of running it text by text.
    """
    compiled = _compiled(_normalise_lang(lang))
    regexes, classes = compiled.regexes, compiled.classes
    texts_for_pattern: dict[int, list[int]] = {}
    for number, text in enumerate(texts):
        if text:
            for pattern in compiled.candidates(text.translate(_FOLD)):
                texts_for_pattern.setdefault(pattern, []).append(number)
    spans: list[dict[str, list[tuple[int, int]]]] = [{} for _ in texts]
    for pattern, numbers in texts_for_pattern.items():
        cls, regex = classes[pattern], regexes[pattern]
        if pattern in compiled.joinable and len(numbers) > 1:
            for k, start, end in spans_joined(regex, [texts[number] for number in numbers]):
                spans[numbers[k]].setdefault(cls, []).append((start, end))
            continue
        for number in numbers:
            found = [m.span() for m in regex.finditer(texts[number]) if m.end() > m.start()]
            if found:
                spans[number].setdefault(cls, []).extend(found)
    return [_matches(by_class, text) for by_class, text in zip(spans, texts)]


def _matches(spans_by_class: dict[str, list[tuple[int, int]]], text: str) -> list[CueMatch]:
    found = [match for cls, spans in spans_by_class.items() for match in class_matches(cls, spans, text)]
    found.sort(key=lambda m: (m.start, m.end, _CLASS_ORDER[m.cue]))
    return found


def class_matches(cls: str, spans: list[tuple[int, int]], text: str) -> list[CueMatch]:
    """One class's matches without overlaps: where spans overlap, the one
    that starts first (then the longer one) is kept."""
    matches: list[CueMatch] = []
    last_end = -1
    for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= last_end:
            matches.append(CueMatch(cls, start, end, text[start:end]))
            last_end = end
    return matches
