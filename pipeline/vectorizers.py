"""The fitted feature union's ``transform``, computed without its per-n-gram Python loop.

scikit-learn's text vectorizers count n-grams one by one in Python; for the
character view that is hundreds of dictionary operations per statement and
most of the time classification took. :class:`FastFeatures` gives the same
matrix, bit for bit, from the same stock scikit-learn objects (the model file
is unchanged), by doing the per-string work once per distinct word:

* ``char_wb`` n-grams never cross whitespace (scikit-learn pads each word with
  one space on each side), so a statement's counts are the sum of its words'
  counts. Each word's vocabulary columns are computed once, with the
  vectorizer's own analyzer, and kept in a bounded cache (report wording
  repeats); a batch's counts are one sparse product, statements x words times
  words x n-grams.
* word n-grams cross words, so they are looked up per statement, but the
  counting, like the TF-IDF weighting, is done on whole arrays.

``tests/test_fast_features.py`` compares the result with the model's own
``transform``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import chain
from operator import is_not

import numpy as np
import scipy.sparse as sp
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

#: Distinct words whose n-gram columns are kept between batches. Past it the
#: cache starts afresh: a few MB at most, and refilled from the next batch.
WORD_CACHE_SIZE = 50_000

#: Token patterns that find the runs of non-whitespace characters.
_WHITESPACE_RUNS = frozenset({r"\S+", r"(?u)\S+"})

Counter = Callable[[Sequence[str]], sp.csr_matrix]


class FastFeatures:
    """``features.transform(views)`` for a fitted :class:`ColumnTransformer`
    of text vectorizers (or ``"drop"``), with the same result.

    Vectorizers this module has no fast path for (a custom analyzer or
    preprocessor, ``input`` other than ``"content"``) keep their own
    ``transform``.
    """

    def __init__(self, features: ColumnTransformer) -> None:
        self.features = features
        weights = features.transformer_weights or {}
        self.blocks = [
            (_fast_transform(transformer), column, weights.get(name))
            for name, transformer, column in features.transformers_
            if not (isinstance(transformer, str) and transformer == "drop") and _selects_columns(column)
        ]

    def transform(self, views: np.ndarray) -> sp.csr_matrix | np.ndarray:
        """The feature matrix of ``views``, an ``(n, n_views)`` object array of strings."""
        blocks = []
        for transform, column, weight in self.blocks:
            block = transform(views[:, column])
            blocks.append(block if weight is None else block * weight)
        # As ColumnTransformer stacks them, so the dtype and layout are its own.
        if self.features.sparse_output_:
            return sp.hstack(blocks).tocsr()
        return np.hstack([block.toarray() if sp.issparse(block) else block for block in blocks])


def _selects_columns(column: object) -> bool:
    """False for the empty selections ColumnTransformer skips (a remainder with nothing left)."""
    return not (isinstance(column, (list, tuple, np.ndarray)) and len(column) == 0)


def _fast_transform(vectorizer: object) -> Callable[[Sequence[str]], object]:
    """A function equal to ``vectorizer.transform`` on a column of strings."""
    if (
        not isinstance(vectorizer, CountVectorizer)
        or vectorizer.input != "content"
        or vectorizer.preprocessor is not None
    ):
        return vectorizer.transform  # type: ignore[attr-defined]
    if vectorizer.analyzer == "char_wb":
        count: Counter = CharWbCounter(vectorizer)
    elif vectorizer.analyzer == "word":
        count = WordCounter(vectorizer)
    else:
        return vectorizer.transform

    def transform(documents: Sequence[str]) -> sp.csr_matrix:
        counts = count(documents)
        if vectorizer.binary:
            counts.data.fill(1)
        if isinstance(vectorizer, TfidfVectorizer):
            return _tfidf(counts, vectorizer)
        return counts

    return transform


class CharWbCounter:
    """``char_wb`` n-gram counts: each statement's words' counts, summed."""

    def __init__(self, vectorizer: CountVectorizer, cache_size: int = WORD_CACHE_SIZE) -> None:
        self.analyze = vectorizer.build_analyzer()
        self.vocabulary = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype
        self.cache_size = cache_size
        self.columns: dict[str, np.ndarray] = {}

    def __call__(self, documents: Sequence[str]) -> sp.csr_matrix:
        # The analyzer lower-cases, then splits at whitespace; splitting first
        # gives the same words (lower-casing neither makes nor removes
        # whitespace, and its one context rule, the final sigma, stops
        # there), and the analyzer splits each piece again anyway.
        batch_words: dict[str, int] = {}
        word_ids: list[int] = []
        starts = [0]
        for document in documents:
            word_ids += [batch_words.setdefault(word, len(batch_words)) for word in document.split()]
            starts.append(len(word_ids))
        if len(self.columns) + len(batch_words) > self.cache_size:
            self.columns.clear()
        word_columns = [self._word_columns(word) for word in batch_words]
        words = _incidence(starts, word_ids, len(batch_words))
        ngrams = _incidence(_offsets(map(len, word_columns)), _concatenate(word_columns), len(self.vocabulary))
        # Through CSC and back: sorts each row's columns in linear time,
        # where sort_indices would sort them row by row.
        counts = (words @ ngrams).tocsc().tocsr()
        return counts.astype(self.dtype)

    def _word_columns(self, word: str) -> np.ndarray:
        """Vocabulary columns of the n-grams of one word, repeated as often as they occur."""
        columns = self.columns.get(word)
        if columns is None:
            vocabulary = self.vocabulary
            columns = np.array(
                [vocabulary[gram] for gram in self.analyze(word) if gram in vocabulary], dtype=np.int32
            )
            self.columns[word] = columns
        return columns


class WordCounter:
    """Word n-gram counts, looked up statement by statement."""

    def __init__(self, vectorizer: CountVectorizer) -> None:
        self.vocabulary = vectorizer.vocabulary_
        self.dtype = vectorizer.dtype
        self.stop_words = vectorizer.get_stop_words()
        self.analyze = vectorizer.build_analyzer()
        self.preprocess = vectorizer.build_preprocessor()
        # A token pattern of "runs of non-space" splits as str.split does
        # (both read whitespace as str.isspace does), at a fraction of the cost.
        splits_at_spaces = vectorizer.tokenizer is None and vectorizer.token_pattern in _WHITESPACE_RUNS
        self.tokenize = str.split if splits_at_spaces else vectorizer.build_tokenizer()
        self.sizes = vectorizer.ngram_range

    def grams(self, document: str) -> Iterable[str]:
        """The vectorizer's n-grams of ``document``; without stop words to
        drop, formed here without its per-n-gram Python loop."""
        if self.stop_words is not None:
            return self.analyze(document)
        return _word_ngrams(self.tokenize(self.preprocess(document)), self.sizes)

    def __call__(self, documents: Sequence[str]) -> sp.csr_matrix:
        lookup = self.vocabulary.get
        known = partial(is_not, None)
        columns: list[int] = []
        starts = [0]
        for document in documents:
            columns += filter(known, map(lookup, self.grams(document)))
            starts.append(len(columns))
        counts = _incidence(starts, columns, len(self.vocabulary))
        counts.sum_duplicates()
        return counts.astype(self.dtype)


def _word_ngrams(tokens: list[str], sizes: tuple[int, int]) -> Iterable[str]:
    """The n-grams ``CountVectorizer`` forms from ``tokens`` (without stop
    words), as an iterator: no list, no per-n-gram Python call."""
    return chain.from_iterable(
        tokens if n == 1 else map(" ".join, zip(*(tokens[start:] for start in range(n))))
        for n in range(sizes[0], sizes[1] + 1)
    )


def _incidence(
    starts: Sequence[int] | np.ndarray, columns: Sequence[int] | np.ndarray, n_columns: int
) -> sp.csr_matrix:
    """CSR matrix with a 1 for each listed column of each row (repeats allowed)."""
    ones = np.ones(len(columns), dtype=np.intc)
    return sp.csr_matrix(
        (ones, np.asarray(columns, dtype=np.int32), np.asarray(starts, dtype=np.int32)),
        shape=(len(starts) - 1, n_columns),
    )


def _offsets(lengths: Iterable[int]) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(np.fromiter(lengths, dtype=np.int64))])


def _concatenate(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int32)


def _tfidf(counts: sp.csr_matrix, vectorizer: TfidfVectorizer) -> sp.csr_matrix:
    """What ``TfidfTransformer.transform`` does to the counts, step for step."""
    if vectorizer.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm is not None:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts
