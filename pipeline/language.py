"""Deterministic language identification for statements and paragraphs.

langdetect is random by default (two runs can disagree on short text), so the
seed is fixed. Short text is where statistical detection is weakest
("Necesidades" comes out as Portuguese), so it is decided by script first and
then by detection restricted to the languages capneeds covers, or by the
language of the document it belongs to.

langdetect costs ~10 ms a paragraph, most of the time spent segmenting a
document. Most paragraphs, though, are plainly in the document's main
language, which their function words (the, de, los, des...) show at a glance;
those skip langdetect. The shortcut only ever confirms the main language:
anything else, and in particular every paragraph that may be in an
unsupported language, is still detected by langdetect.
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

#: Frequent function words (articles, prepositions, pronouns, conjunctions,
#: auxiliaries) of the supported Latin-script languages and of the Latin-script
#: languages most easily mistaken for them. A word may be listed for several
#: languages: shared words then count for all of them and decide nothing.
#: Words written with an apostrophe are split there, so elided forms
#: (l', d', dell', qu') are left out: they are shared by French, Italian and
#: Catalan.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": """the of and to in is are was were be been being has have had for with by that this these
            those which who from their they them it its not or will would should could can may must shall
            on at as an into over also such there than other more any our we between through during under upon
            within without about after before does did each only but if his her how what when where while""",
        "fr": """le la les de des du un une et à est sont été être ont avait sera seront dans pour par sur au
            aux avec en entre sans sous vers chez qui que dont où ce cet cette ces il ils elle elles on se nous
            vous leur leurs son sa ses notre nos pas ne ni plus mais ou donc car si aussi très peut doit
            afin lors ainsi comme tous tout toute toutes même après avant depuis selon""",
        "es": """el la los las lo de del un una unos unas y o u es son fue fueron ser sido está están ha
            han había en con por para sin sobre entre hasta desde hacia según que quien cual cuales como
            cuando donde se su sus le les al este esta estos estas ese esa eso esto no más muy también
            pero sino ni si ya puede pueden debe deben así otro otra otros otras todo todos toda todas""",
        "pt": """o os as um uma uns umas de do da dos das e é são foi foram ser sido está estão tem têm
            em no na nos nas num numa com por pelo pela pelos pelas para sem sobre entre até desde que quem
            qual quais como quando onde se seu sua seus suas ao aos à às este esta estes estas esse essa
            isso isto não mais muito também mas nem já pode podem deve devem assim outro outra outros
            outras todo todos toda todas ele ela eles elas lhe""",
        "it": """il lo la i gli le un uno una di del dello della dei degli delle dell da dal dalla dai
            dalle dall in nel nello nella nei negli nelle nell su sul sulla sui con per tra fra e ed o è
            sono stato stata stati essere ha hanno aveva che chi cui quale quali come quando dove se si suo
            sua suoi sue loro al allo alla ai agli alle all questo questa questi queste quello quella non
            più molto anche ma né già può possono deve devono così altro altra altri tutto tutti tutta""",
        "ca": """el la els les un una uns unes de del dels i o és són ha han ser estat està estan era en
            amb per pel pels sense sobre entre fins des cap que qui quin quina com quan on si es se seu seva
            seus seves al als aquest aquesta aquests aquestes aquell aquella no més molt també però ni ja
            pot poden cal així altre altra altres tot tots tota totes hi ho li ells elles""",
        "ro": """și si în in de la cu pe din pentru care este sunt al ale lui unei unui un o nu mai fi
            fost prin ca să sa se ce sau dar despre acest această""",
        "de": """der die das den dem des ein eine einer eines einem einen und oder aber ist sind war
            waren wird werden wurde wurden hat haben hatte sein kann können muss soll sollen nicht kein
            keine mit für von vom zu zum zur auf aus bei nach über unter durch gegen ohne um im in an am
            als wie auch noch nur sich es er sie wir ihr ihre seine dass daß diese dieser dieses""",
        "nl": """de het een en of van in op te aan met voor door bij naar uit over tot om onder tussen
            dat die dit deze wat wie welke is zijn was waren wordt worden werd heeft hebben had kan kunnen
            moet moeten zal zullen niet geen ook nog maar als er hij zij ze we wij hun haar zich""",
        "af": """die van en in is het te dat wat nie vir op met word deur aan sy hulle ook om as""",
        "la": """et in est sunt ad cum non ut qui quae quod sed ex de per ab enim atque esse hoc autem
            nec vel""",
        "id": """yang dan di ke dari untuk dengan ini itu pada dalam tidak akan adalah oleh atau juga""",
        "tl": """ang ng mga sa na at ay para ito hindi""",
    }.items()
}

#: Every listed function word, to pick them out of a text in one pass.
_LISTED: frozenset[str] = frozenset().union(*_FUNCTION_WORDS.values())

#: The letters each supported Latin-script language writes with. A letter
#: outside them (ã, ò, ß, ø, ł, ă...) points to another language, and the
#: function-word shortcut then leaves the text to langdetect.
_ALPHABETS: dict[str, frozenset[str]] = {
    "en": frozenset("abcdefghijklmnopqrstuvwxyz"),
    "fr": frozenset("abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûÿ"),
    "es": frozenset("abcdefghijklmnopqrstuvwxyzáéíóúüñ"),
}

#: The shortcut needs at least this many function words of the language,
FUNCTION_WORDS_MIN = 3
#: making up at least this share of the words of the text;
FUNCTION_WORDS_MIN_SHARE = 0.2
#: against each other listed language, at least this many of them must be
#: words the other language does not have,
FUNCTION_WORDS_MIN_DISTINCT = 2
#: and this many times as many as the other's words the language does not have.
FUNCTION_WORDS_MIN_RATIO = 3.0

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    DetectorFactory.seed = 0
    init_factory()
    from langdetect.detector_factory import _factory as loaded

    return loaded


@lru_cache(maxsize=4096)
def _probabilities(text: str, restrict: bool) -> tuple[tuple[str, float], ...]:
    """langdetect's ranking of ``text``, cached: documents repeat running
    headers and footers, and the main-language vote may look at a text twice.
    The seed is reset on every call, so a cached answer is the one a new call
    would give."""
    detector = _factory().create()
    if restrict:
        detector.set_prior_map({lang: 1.0 for lang in SUPPORTED_LANGUAGES})
    detector.append(text)
    try:
        return tuple((found.lang, found.prob) for found in detector.get_probabilities())
    except LangDetectException:
        return ()


@lru_cache(maxsize=4096)
def function_word_language(text: str) -> str | None:
    """The supported Latin-script language whose function words ``text`` is
    clearly written with, or ``None`` when the evidence is not decisive.

    Tens of microseconds instead of langdetect's ~10 ms. It is decisive only
    when the language's function words are numerous and frequent in the text,
    when, against every other listed language (supported or not), the words
    only the language has clearly outnumber the words only the other has, and
    when the text has no letter foreign to the language's alphabet. Anything
    else (headings, tables, names, neighbouring languages) is left to
    langdetect.
    """
    lowered = text.lower()
    words = _WORD.findall(lowered)
    found = Counter(word for word in words if word in _LISTED)
    letters = {char for char in set(lowered) if char.isalpha()}
    for lang, alphabet in _ALPHABETS.items():
        listed = _FUNCTION_WORDS[lang]
        own = sum(count for word, count in found.items() if word in listed)
        if (
            letters <= alphabet
            and own >= max(FUNCTION_WORDS_MIN, FUNCTION_WORDS_MIN_SHARE * len(words))
            and all(_outweighs(found, listed, _FUNCTION_WORDS[other]) for other in _FUNCTION_WORDS if other != lang)
        ):
            return lang
    return None


def _outweighs(found: Counter[str], listed: frozenset[str], other: frozenset[str]) -> bool:
    """Whether, among the function words ``found`` in a text, those of one
    language (``listed``) that ``other`` lacks clearly outnumber those of
    ``other`` the language lacks; shared words (de, la, en, que...) say
    nothing about which of the two it is."""
    ours = sum(count for word, count in found.items() if word in listed and word not in other)
    theirs = sum(count for word, count in found.items() if word in other and word not in listed)
    return ours >= FUNCTION_WORDS_MIN_DISTINCT and ours >= FUNCTION_WORDS_MIN_RATIO * theirs


@lru_cache(maxsize=4096)
def _letter_counts(text: str) -> tuple[int, int]:
    """The Cyrillic and the Latin letters of ``text``, counted once: the
    script, the short-text rule and the main-language vote all need them."""
    return len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))


def _script(text: str) -> str | None:
    cyrillic, latin = _letter_counts(text)
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
    decides short Latin-script text, where detection is unreliable, and lets
    long text that is plainly written in it skip langdetect (see
    :func:`function_word_language`). Only agreement with the document is taken
    on function words alone: text in any other language still goes through
    langdetect, which knows the unsupported languages.
    """
    script = _script(text)
    if script is None:
        return document_language or UNKNOWN
    if script == "cyrillic":
        return _cyrillic_language(text)
    if _letter_counts(text)[1] < SHORT_TEXT_LETTERS:
        if document_language in SUPPORTED_LANGUAGES and document_language != "ru":
            return document_language
        restricted = _probabilities(text, restrict=True)
        return restricted[0][0] if restricted else UNKNOWN
    if document_language is not None and function_word_language(text) == document_language:
        return document_language
    ranked = _probabilities(text, restrict=False)
    if ranked and ranked[0][0] in SUPPORTED_LANGUAGES:
        return ranked[0][0]
    if ranked and ranked[0][1] >= UNSUPPORTED_CONFIDENCE:
        return ranked[0][0]
    restricted = _probabilities(text, restrict=True)
    return restricted[0][0] if restricted else UNKNOWN


def _letters(text: str) -> int:
    return sum(_letter_counts(text))


def _cheap_language(text: str) -> str | None:
    """The language of ``text`` when script or function words settle it
    without langdetect; a first guess at the document's main language."""
    if _script(text) == "cyrillic":
        return _cyrillic_language(text)
    return function_word_language(text)


def _vote(languages: list[str | None], texts: list[str]) -> str | None:
    """The language with the most text, ``None`` when no text has one."""
    votes: Counter[str] = Counter()
    for lang, text in zip(languages, texts):
        if lang is not None:
            votes[lang] += len(text)
    return votes.most_common(1)[0][0] if votes else None


def detect_languages(texts: list[str]) -> tuple[list[str], str | None]:
    """The language of each text of one document, and the document's main language.

    The main language is the language of most of the long text (enough
    letters to be detected reliably), weighted by length. Its first guess
    comes from script and function words alone; the long texts are then
    detected with that guess as context, so that those plainly in the guessed
    language skip langdetect, and vote. If the vote disagrees with the guess,
    it becomes the new guess and the long texts vote again, until the vote
    names a language already tried, normally the guess itself (langdetect's
    answers are cached, so no text is detected twice). Short texts are decided
    last, with the main language as context.
    """
    long = [text for text in texts if _letters(text) >= SHORT_TEXT_LETTERS]
    main = _vote([_cheap_language(text) for text in long], long)
    tried: set[str | None] = set()
    while main not in tried:
        tried.add(main)
        main = _vote([detect_language(text, main) for text in long], long)
    return [detect_language(text, main) for text in texts], main


def main_language(texts: list[str]) -> str | None:
    """The language most of a document is written in, weighted by length.

    Only text long enough to be detected reliably votes; returns ``None`` when
    no such text exists.
    """
    return detect_languages(texts)[1]
