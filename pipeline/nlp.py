"""spaCy language objects, created once per language and reused.

capneeds downloads nothing at run time, so every language is a
``spacy.blank(lang)`` pipeline with a rule-based sentencizer. Lemmas come
from the table the model carries (see :mod:`pipeline.lemmas`), not from a
trained spaCy pipeline.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language


@lru_cache(maxsize=None)
def get_nlp(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang`` with a sentencizer."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp
