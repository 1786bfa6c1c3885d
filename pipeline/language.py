"""Deterministic language identification for statements and paragraphs.

langdetect is random by default (two runs can disagree on short text), so the
seed is fixed. Short text is where statistical detection is weakest
("Necesidades" comes out as Portuguese), so it is decided by script first and
then by detection restricted to the languages capneeds covers, or by the
language of the document it belongs to.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from langdetect import DetectorFactory, LangDetectException
from langdetect.detector_factory import init_factory

from .schema import SUPPORTED_LANGUAGES

#: Below this many letters, text is "short" and decided by the short-text rule.
SHORT_TEXT_LETTERS = 40

#: A long text is called unsupported only when langdetect is at least this sure.
UNSUPPORTED_CONFIDENCE = 0.90

UNKNOWN = "unknown"

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
#: Letters that exist in other Cyrillic alphabets but never in Russian.
_NON_RUSSIAN_CYRILLIC = {
    "uk": re.compile(r"[іїєґІЇЄҐ]"),
    "be": re.compile(r"[ўЎ]"),
    "sr": re.compile(r"[ђјљњћџЂЈЉЊЋЏ]"),
    "mk": re.compile(r"[ѓќѕЃЌЅ]"),
    "kk": re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]"),
}


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    DetectorFactory.seed = 0
    init_factory()
    from langdetect.detector_factory import _factory as loaded

    return loaded


def _probabilities(text: str, restrict: bool) -> list[tuple[str, float]]:
    detector = _factory().create()
    if restrict:
        detector.set_prior_map({lang: 1.0 for lang in SUPPORTED_LANGUAGES})
    detector.append(text)
    try:
        return [(found.lang, found.prob) for found in detector.get_probabilities()]
    except LangDetectException:
        return []


def _script(text: str) -> str | None:
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic == latin == 0:
        return None
    return "cyrillic" if cyrillic >= latin else "latin"


def _cyrillic_language(text: str) -> str:
    for lang, letters in _NON_RUSSIAN_CYRILLIC.items():
        if len(letters.findall(text)) >= 2 or (letters.search(text) and len(text) < SHORT_TEXT_LETTERS):
            return lang
    return "ru"


def detect_language(text: str, document_language: str | None = None) -> str:
    """Return an ISO 639-1 code for ``text``: one of ru/en/fr/es, another code
    when the text is clearly in an unsupported language, or ``"unknown"`` when
    there is nothing to go on (digits, punctuation).

    ``document_language`` is the main language of the surrounding document; it
    decides short Latin-script text, where detection is unreliable.
    """
    script = _script(text)
    if script is None:
        return document_language or UNKNOWN
    if script == "cyrillic":
        return _cyrillic_language(text)
    letters = len(_LATIN.findall(text))
    if letters < SHORT_TEXT_LETTERS:
        if document_language in SUPPORTED_LANGUAGES and document_language != "ru":
            return document_language
        restricted = _probabilities(text, restrict=True)
        return restricted[0][0] if restricted else UNKNOWN
    ranked = _probabilities(text, restrict=False)
    if ranked and ranked[0][0] in SUPPORTED_LANGUAGES:
        return ranked[0][0]
    if ranked and ranked[0][1] >= UNSUPPORTED_CONFIDENCE:
        return ranked[0][0]
    restricted = _probabilities(text, restrict=True)
    return restricted[0][0] if restricted else UNKNOWN


def _letters(text: str) -> int:
    return len(_LATIN.findall(text)) + len(_CYRILLIC.findall(text))


def _needs_context(text: str) -> bool:
    """Whether :func:`detect_language` would look at the document's language."""
    script = _script(text)
    return script is None or (script == "latin" and len(_LATIN.findall(text)) < SHORT_TEXT_LETTERS)


def detect_languages(texts: list[str]) -> tuple[list[str], str | None]:
    """The language of each text of one document, and the document's main language.

    Each text is detected once: texts that can be decided alone first (their
    results also vote for the main language, weighted by length), then the
    short ones, with the main language as context.
    """
    alone = {i: detect_language(text) for i, text in enumerate(texts) if not _needs_context(text)}
    votes: Counter[str] = Counter()
    for i, text in enumerate(texts):
        if _letters(text) >= SHORT_TEXT_LETTERS:
            votes[alone[i] if i in alone else detect_language(text)] += len(text)
    main = votes.most_common(1)[0][0] if votes else None
    return [alone[i] if i in alone else detect_language(text, main) for i, text in enumerate(texts)], main


def main_language(texts: list[str]) -> str | None:
    """The language most of a document is written in, weighted by length.

    Only text long enough to be detected reliably votes; returns ``None`` when
    no such text exists.
    """
    return detect_languages(texts)[1]
