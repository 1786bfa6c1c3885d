"""NeedModel: the scikit-learn estimator behind every label capneeds predicts.

One feature union (word lemmas, character n-grams, cue tokens) feeds seven
logistic regressions, one per label. ``is_need`` is learnt from every
statement; the four categories, ``has_activity`` and ``has_timeline`` only
from need statements, because the guideline defines them only there.

The model file holds stock scikit-learn objects and plain dicts (see
:meth:`NeedModel.to_state`), never classes of this package, so renaming a
module here cannot break a shipped model.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from .alignment import align_lemmas, concepts
from .features import Analysis, analyse_mixed, view_matrix
from .lemmas import Lemmatizer, full_lemmatizer, pruned_table, table_lemmatizer
from .schema import LABELS
from .vectorizers import FastFeatures

#: Labels learnt only from need statements.
DEPENDENT_LABELS: tuple[str, ...] = LABELS[1:]

STATE_FORMAT = 2


class NeedModel(BaseEstimator):
    """Predicts the seven labels of a statement from its text and language.

    ``X`` is a sequence of ``(text, lang)`` pairs; ``Y`` an ``(n, 7)`` 0/1
    array in :data:`LABELS` order. Hyperparameters are pinned in
    ``params.yaml``; ``random_state`` makes fitting reproducible.
    """

    def __init__(
        self,
        C_need: float = 10.0,
        C_category: float = 10.0,
        C_activity: float = 10.0,
        C_timeline: float = 4.0,
        word_ngram_max: int = 2,
        word_min_df: int = 1,
        char_ngram_min: int = 2,
        char_ngram_max: int = 5,
        char_min_df: int = 2,
        cue_weight: float = 1.0,
        concept_weight: float = 0.0,
        concept_min_pairs: int = 3,
        concept_min_dice: float = 0.3,
        lemmatize: bool = True,
        random_state: int = 0,
    ) -> None:
        self.C_need = C_need
        self.C_category = C_category
        self.C_activity = C_activity
        self.C_timeline = C_timeline
        self.word_ngram_max = word_ngram_max
        self.word_min_df = word_min_df
        self.char_ngram_min = char_ngram_min
        self.char_ngram_max = char_ngram_max
        self.char_min_df = char_min_df
        self.cue_weight = cue_weight
        self.concept_weight = concept_weight
        self.concept_min_pairs = concept_min_pairs
        self.concept_min_dice = concept_min_dice
        self.lemmatize = lemmatize
        self.random_state = random_state

    # -- fitting ---------------------------------------------------------
    def _make_features(self) -> ColumnTransformer:
        return ColumnTransformer(
            [
                (
                    "words",
                    TfidfVectorizer(
                        token_pattern=r"\S+",
                        ngram_range=(1, self.word_ngram_max),
                        min_df=self.word_min_df,
                        sublinear_tf=True,
                    ),
                    0,
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(self.char_ngram_min, self.char_ngram_max),
                        min_df=self.char_min_df,
                        sublinear_tf=True,
                        dtype=np.float32,
                    ),
                    1,
                ),
                ("cues", CountVectorizer(token_pattern=r"\S+", lowercase=False, binary=True), 2),
                (
                    "concepts",
                    TfidfVectorizer(token_pattern=r"\S+", min_df=self.word_min_df, sublinear_tf=True)
                    if self.concept_tables_
                    else "drop",
                    3,
                ),
            ],
            transformer_weights={"words": 1.0, "chars": 1.0, "cues": self.cue_weight, "concepts": self.concept_weight},
        )

    def _regularisation(self, label: str) -> float:
        if label == "is_need":
            return self.C_need
        if label == "has_activity":
            return self.C_activity
        if label == "has_timeline":
            return self.C_timeline
        return self.C_category

    def fit(
        self, X: Sequence[tuple[str, str]], Y: np.ndarray, units: Sequence[Sequence[int]] | None = None
    ) -> "NeedModel":
        """Fit every label. ``units`` lists the rows that translate one
        another (see :func:`~pipeline.corpus.translation_units`); the concept
        view learns its word translations from them."""
        Y = np.asarray(Y, dtype=int)
        texts, langs = _split(X)
        lemmatizers: dict[str, Lemmatizer | None] = {
            lang: (full_lemmatizer(lang) if self.lemmatize else None) for lang in set(langs)
        }
        analyses = analyse_mixed(texts, langs, lemmatizers)
        # Without translations to learn from (or with the view turned off)
        # the concept view is dropped and the model reads the other three.
        aligned = align_lemmas(
            [[(analyses[row].lang, analyses[row].lemmas()) for row in unit] for unit in units or ()],
            min_pairs=self.concept_min_pairs,
            min_dice=self.concept_min_dice,
        )
        self.concept_tables_ = aligned if self.concept_weight > 0 and len(aligned) > 1 else {}
        self.features_ = self._make_features()
        matrix = self.features_.fit_transform(self._views(analyses))
        needs = Y[:, 0] == 1
        self.classifiers_ = {}
        for column, label in enumerate(LABELS):
            rows = slice(None) if label == "is_need" else needs
            target = Y[rows, column]
            classifier = LogisticRegression(
                C=self._regularisation(label),
                class_weight="balanced",
                max_iter=5000,
                solver="liblinear",
                random_state=self.random_state,
            )
            if len(set(target)) < 2:
                raise ValueError(f"label '{label}' has a single value in the training data")
            self.classifiers_[label] = classifier.fit(matrix[rows], target)
        self.concept_tables_ = self._prune_concepts()
        self.lemma_tables_ = self._prune_tables(langs)
        return self

    def _prune_concepts(self) -> dict[str, dict[str, str]]:
        """Only the word translations whose concept the model has a weight for."""
        vectorizer = self.features_.named_transformers_.get("concepts")
        if not hasattr(vectorizer, "vocabulary_"):
            return {}
        known = vectorizer.vocabulary_
        return {
            lang: {lemma: concept for lemma, concept in table.items() if concept in known}
            for lang, table in self.concept_tables_.items()
        }

    def _prune_tables(self, langs: Sequence[str]) -> dict[str, dict[str, str]]:
        if not self.lemmatize:
            return {}
        vocabulary = self.features_.named_transformers_["words"].vocabulary_
        lemmas = {part for term in vocabulary for part in term.split(" ")}
        return {
            lang: pruned_table(lang, lemmas | set(self.concept_tables_.get(lang, ())))
            for lang in sorted(set(langs))
        }

    # -- prediction ------------------------------------------------------
    def lemmatizers(self) -> dict[str, Lemmatizer | None]:
        """Run-time lemmatizers (pruned tables); unseen languages get none."""
        check_is_fitted(self, "classifiers_")
        return {lang: table_lemmatizer(table) for lang, table in self.lemma_tables_.items()}

    def analyse(self, X: Sequence[tuple[str, str]]) -> list[Analysis]:
        texts, langs = _split(X)
        lemmatizers = self.lemmatizers()
        return analyse_mixed(texts, langs, {lang: lemmatizers.get(lang) for lang in set(langs)})

    def predict_proba_analysed(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """Probabilities for already analysed statements (saves re-analysis
        when the caller also wants evidence)."""
        check_is_fitted(self, "classifiers_")
        if not analyses:
            return np.zeros((0, len(LABELS)))
        matrix = self._fast_features().transform(self._views(analyses))
        return np.column_stack([self.classifiers_[label].predict_proba(matrix)[:, 1] for label in LABELS])

    def _fast_features(self) -> FastFeatures:
        """The fitted feature union's fast twin, built once per fitted union
        (and again if ``fit`` replaces it)."""
        cached = getattr(self, "_fast_features_cache", None)
        if cached is None or cached.features is not self.features_:
            cached = self._fast_features_cache = FastFeatures(self.features_)
        return cached

    def _views(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """The feature views, plus the concept view when the model has one."""
        views = view_matrix(analyses)
        concept_view = np.array(
            [concepts(a.lemmas(), self.concept_tables_.get(a.lang, {})) for a in analyses], dtype=object
        )
        return np.column_stack([views, concept_view])

    def predict_proba(self, X: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(n, 7)`` probabilities; dependent labels are P(label | need)."""
        return self.predict_proba_analysed(self.analyse(X))

    def predict(self, X: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(n, 7)`` 0/1 labels; dependent labels are 0 unless ``is_need`` is 1."""
        return decide(self.predict_proba(X))

    # -- persistence -----------------------------------------------------
    def to_state(self) -> dict:
        """The fitted model as sklearn objects and plain Python data."""
        check_is_fitted(self, "classifiers_")
        return {
            "format": STATE_FORMAT,
            "labels": list(LABELS),
            "params": self.get_params(),
            "features": self.features_,
            "classifiers": dict(self.classifiers_),
            "lemma_tables": self.lemma_tables_,
            "concept_tables": self.concept_tables_,
        }

    @classmethod
    def from_state(cls, state: dict) -> "NeedModel":
        if state.get("format") != STATE_FORMAT or state.get("labels") != list(LABELS):
            raise ValueError("model file was written by an incompatible capneeds version")
        model = cls(**state["params"])
        model.features_ = state["features"]
        model.classifiers_ = state["classifiers"]
        model.lemma_tables_ = state["lemma_tables"]
        model.concept_tables_ = state["concept_tables"]
        return model

    def feature_slice(self, view: str) -> slice:
        """Columns of the feature matrix that come from ``view``."""
        return self.features_.output_indices_[view]


def decide(probabilities: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Labels from probabilities, with dependent labels gated by ``is_need``."""
    labels = (probabilities >= threshold).astype(int)
    labels[:, 1:] *= labels[:, :1]
    return labels


def _split(X: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    texts = [str(text) for text, _ in X]
    langs = [str(lang) for _, lang in X]
    return texts, langs
