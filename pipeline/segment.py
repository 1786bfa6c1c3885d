"""Blocks to statements: sentences, list items and their language.

Body paragraphs are split into sentences with the spaCy sentencizer of the
paragraph's language; list items, table rows, footnotes and headings stay
whole, because that is how the guideline defines a statement. A list item
keeps the sentence that introduces it ("The following needs were
identified:") as its ``lead_in``, since the item alone often does not say it
is a need. Paragraphs in a language capneeds does not cover are skipped and
counted, never guessed at.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .language import detect_languages
from .nlp import get_nlp
from .schema import SUPPORTED_LANGUAGES, Block, Document, Statement

#: Block kinds that are one statement each, never split into sentences.
WHOLE_KINDS = frozenset({"list_item", "table", "footnote", "heading"})


@dataclass
class Segmentation:
    """The statements of a document, and what was skipped."""

    statements: list[Statement]
    language: str | None
    skipped_languages: Counter = field(default_factory=Counter)

    def warnings(self, path: str) -> list[str]:
        return [
            f"{path}: skipped {count} paragraph(s) in unsupported language '{lang}'"
            for lang, count in sorted(self.skipped_languages.items())
        ]


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed).

    A fragment that starts in lower case or with a digit continues the
    previous sentence: the sentencizer cuts after abbreviations such as
    "No." or "т.", which official texts are full of.
    """
    spans: list[tuple[int, int]] = []
    for sentence in get_nlp(lang)(text).sents:
        start, end = sentence.start_char, sentence.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        first = text[start]
        if spans and (first.islower() or first.isdigit() or first in ",;)"):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _block_statements(block: Block, lang: str) -> Iterator[tuple[str, int, int]]:
    if block.kind in WHOLE_KINDS:
        yield block.text.strip(), block.char_start, block.char_end
        return
    for start, end in sentence_spans(block.text, lang):
        yield block.text[start:end], block.char_start + start, block.char_start + end


def segment_document(document: Document) -> Segmentation:
    """Split every block of ``document`` into located statements."""
    blocks = [(page.number, block) for page in document.pages for block in page.blocks if block.text.strip()]
    langs, language = detect_languages([block.text for _, block in blocks])
    result = Segmentation(statements=[], language=language)
    lead_in = ""
    for (page_number, block), lang in zip(blocks, langs):
        if lang not in SUPPORTED_LANGUAGES:
            result.skipped_languages[lang] += 1
            continue
        if block.kind != "list_item":
            lead_in = ""
        for text, start, end in _block_statements(block, lang):
            result.statements.append(
                Statement(
                    text=text,
                    lang=lang,
                    doc=str(document.path),
                    page=page_number,
                    index=len(result.statements) + 1,
                    kind=block.kind,
                    char_start=start,
                    char_end=end,
                    bbox=block.bbox,
                    lead_in=lead_in if block.kind == "list_item" else "",
                )
            )
            if block.kind in ("body", "heading"):
                lead_in = text if text.rstrip().endswith(":") else ""
    return result
