"""Multilingual cue lexicons: what a statement *says*, in language-free classes.

Each language file (``en.json``, ``fr.json``, ``es.json``, ``ru.json``) maps
the same class names to regular expressions written for that language. A
match becomes a feature token named after the class (``cue=funding``), so
"financement", "финансирование" and "funding" land on the same feature and
what the model learns from one language carries over to the others. The
model learns the weights; the lexicons only say where to look.

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

This module uses the standard library only, so it can be imported anywhere
in the pipeline (and by the review app) without pulling in a model stack.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["CUE_CLASSES", "LANGUAGES", "CueMatch", "load_cues", "find_cues"]

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


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a statement: its class, where it is, what it says.

    Offsets index the text given to :func:`find_cues`, so
    ``text[m.start:m.end] == m.text`` and a reviewer UI can highlight it.
    """

    cue: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Compiled:
    """Compiled lexicon of one language, immutable so it can be cached."""

    patterns: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    # One alternation per class: most classes do not occur in most
    # statements, and a single search rejects them before running every
    # pattern on its own.
    screens: tuple[re.Pattern[str], ...]


def _normalise_lang(lang: str) -> str:
    code = lang.strip().lower() if isinstance(lang, str) else ""
    if code not in LANGUAGES:
        raise ValueError(
            f"no cue lexicon for language {lang!r}; supported: {', '.join(LANGUAGES)}"
        )
    return code


@lru_cache(maxsize=None)
def _compiled(lang: str) -> _Compiled:
    """Read and compile one language file once per process.

    The file is read through importlib.resources so that the lexicons are
    found inside an installed wheel as well as in a source checkout.
    """
    source = resources.files(__name__).joinpath(f"{lang}.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:  # pragma: no cover - packaging error
        raise ValueError(f"cue lexicon {lang}.json cannot be read: {exc}") from exc
    if data.get("lang") != lang:
        raise ValueError(f"cue lexicon {lang}.json declares lang {data.get('lang')!r}")
    classes = data.get("classes")
    if not isinstance(classes, dict) or set(classes) != set(CUE_CLASSES):
        found = set(classes) if isinstance(classes, dict) else set()
        raise ValueError(
            f"cue lexicon {lang}.json has the wrong classes: "
            f"missing {sorted(set(CUE_CLASSES) - found)}, unknown {sorted(found - set(CUE_CLASSES))}"
        )
    compiled: list[tuple[str, tuple[re.Pattern[str], ...]]] = []
    screens: list[re.Pattern[str]] = []
    for cls in CUE_CLASSES:
        raw = classes[cls]
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise ValueError(f"cue lexicon {lang}.json: class {cls!r} must be a list of strings")
        pats = []
        for pattern in raw:
            try:
                pats.append(re.compile(pattern, _FLAGS))
            except re.error as exc:
                raise ValueError(
                    f"cue lexicon {lang}.json: class {cls!r}: bad pattern {pattern!r}: {exc}"
                ) from exc
        compiled.append((cls, tuple(pats)))
        screens.append(re.compile("|".join(f"(?:{p})" for p in raw) or r"(?!)", _FLAGS))
    return _Compiled(patterns=tuple(compiled), screens=tuple(screens))


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
    """
    compiled = _compiled(_normalise_lang(lang))
    if not text:
        return []
    found: list[CueMatch] = []
    for (cls, patterns), screen in zip(compiled.patterns, compiled.screens):
        if screen.search(text) is None:
            continue
        spans: list[tuple[int, int]] = []
        for pattern in patterns:
            spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        last_end = -1
        for start, end in spans:
            if start >= last_end:
                found.append(CueMatch(cls, start, end, text[start:end]))
                last_end = end
    found.sort(key=lambda m: (m.start, m.end, _CLASS_ORDER[m.cue]))
    return found
