"""pipeline.vectorizers must give the matrix the fitted scikit-learn objects give.

The classifier reads :class:`~pipeline.vectorizers.FastFeatures` instead of
the model's own ``features_.transform``; any difference, even in the order of
stored entries (which decides float summation order), would change
probabilities. So the matrices are compared entry for entry: shape, dtype,
row pointers, column indices and values, on real statements of the four
languages, on awkward strings, and on vectorizer settings the shipped model
does not use.
"""
from __future__ import annotations

import json

import numpy as np
import scipy.sparse as sp
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from pipeline.schema import LABELS
from pipeline.vectorizers import CharWbCounter, FastFeatures
from tests.conftest import PROJECT_ROOT

LANGUAGES = ("ru", "en", "fr", "es")

#: Strings that exercise what the per-word shortcuts rely on.
AWKWARD = [
    "",
    "   ",
    "\t\n\r\n",
    "2030 2031 40 000 1,5 ² ³ ٤٠ 12/2027",  # digits, superscripts, Arabic-Indic digits
    "need need need funding funding need",  # repeated words
    "a I à в и y o é",  # words shorter than the n-gram sizes
    "ab cd ef",  # padded words exactly as long as an n-gram
    "ÉQUIPEMENT équipement Straße STRASSE İstanbul",  # accents, ß, dotted capital I
    "ΣΑΣ ΟΔΟΣ σοφίας ΣΟΦΟΣ.",  # final sigma: lower-casing by context
    # non-breaking, narrow and thin spaces, tabs and newlines
    "Необходимо\u00a0финансирование\tи\nоборудование\r\n"
    " к\u202f2030\u2009году",
    "qzxv flurbogast zzzzzzzzzz ЖЖЖЖЖЖ ñññ",  # words the model never saw
    "USD 2.5 million (≈ €2,3 млн) — 50 %… «formation» d’ici 2030",
    "word\u3000ideographic\u1680ogham\x1cseparator",  # rarer Unicode whitespace
]


def statements(per_language: int = 60) -> list[tuple[str, str]]:
    """Real statements of the test split, ``per_language`` in each language."""
    pairs = []
    for lang in LANGUAGES:
        path = PROJECT_ROOT / "data" / "splits" / "test" / f"{lang}.jsonl"
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        pairs += [(json.loads(line)["text"], lang) for line in lines[:per_language]]
    return pairs


def assert_same_matrix(fast: sp.spmatrix, reference: sp.spmatrix) -> None:
    assert type(fast) is type(reference)
    assert fast.shape == reference.shape
    assert fast.dtype == reference.dtype
    assert np.array_equal(fast.indptr, reference.indptr)
    assert np.array_equal(fast.indices, reference.indices)
    assert np.array_equal(fast.data, reference.data)  # exact, not approximately


def test_same_matrix_as_the_model_on_statements_of_every_language(shipped_model):
    model = shipped_model.model
    pairs = statements() + [(text, lang) for text in AWKWARD for lang in LANGUAGES]
    views = model._views(model.analyse(pairs))
    assert_same_matrix(FastFeatures(model.features_).transform(views), model.features_.transform(views))


def test_same_matrix_as_the_model_on_raw_strings(shipped_model):
    """Every view given unprocessed text (capitals, any whitespace), which
    the analysis never produces but the shortcuts must still get right."""
    model = shipped_model.model
    texts = [text for text, _ in statements(15)] + AWKWARD
    views = np.array([[text] * 4 for text in texts], dtype=object)
    fast = FastFeatures(model.features_)
    assert_same_matrix(fast.transform(views), model.features_.transform(views))
    # a second batch reads the word cache the first one filled
    assert_same_matrix(fast.transform(views[::-1]), model.features_.transform(views[::-1]))


def test_same_probabilities_as_predicting_from_the_reference_matrix(shipped_model):
    model = shipped_model.model
    analyses = model.analyse(statements(20))
    reference = model.features_.transform(model._views(analyses))
    expected = np.column_stack(
        [model.classifiers_[label].predict_proba(reference)[:, 1] for label in LABELS]
    )
    assert np.array_equal(model.predict_proba_analysed(analyses), expected)


def other_settings() -> ColumnTransformer:
    """Vectorizers set up unlike the shipped model's, fitted on a small corpus."""
    return ColumnTransformer(
        [
            ("chars_1_3", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3)), 0),
            ("chars_3_6", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 6), norm="l1", use_idf=False), 0),
            ("chars_counted", CountVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False), 0),
            ("words_1_3", TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 3), sublinear_tf=True), 1),
            ("words_2_2", CountVectorizer(ngram_range=(2, 2), binary=True), 1),
            ("stop_words", TfidfVectorizer(stop_words=["the", "de", "и"]), 1),
            ("char", CountVectorizer(analyzer="char", ngram_range=(1, 2)), 1),  # no fast path: its own transform
        ],
        transformer_weights={"chars_1_3": 0.5, "words_1_3": 2.0},
    )


def test_same_matrix_for_other_vectorizer_settings():
    texts = [text for text, _ in statements(40)]
    train = np.array([[text, text] for text in texts[::2]], dtype=object)
    features = other_settings().fit(train)
    views = np.array([[text, text] for text in texts + AWKWARD], dtype=object)
    assert_same_matrix(FastFeatures(features).transform(views), features.transform(views))


def test_word_cache_is_bounded_and_refills():
    texts = [text for text, _ in statements(30)]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).fit(texts)
    counter = CharWbCounter(vectorizer, cache_size=50)
    reference = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), vocabulary=vectorizer.vocabulary_)
    for start in range(0, len(texts), 10):
        batch = texts[start : start + 10]
        counts = counter(batch)
        assert len(counter.columns) <= max(50, len(set(" ".join(batch).split())))
        assert_same_matrix(counts.astype(np.int64), reference.transform(batch))
