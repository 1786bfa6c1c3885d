"""The label audit: out-of-fold disagreements and parallel disagreements.

The model-backed tests fit real NeedModels on a small hand-written corpus
(no lemmatizer, three folds) so they stay fast; one of its labels is
deliberately wrong and the audit must put it at the top.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from pipeline import audit
from pipeline.audit import (
    AuditError,
    Suspect,
    audit_report,
    format_report,
    out_of_fold_probabilities,
    parallel_disagreements,
    suspicious_labels,
)
from pipeline.corpus import validation_problems
from pipeline.flags import generic_reasons
from pipeline.schema import LABELS
from pipeline.training import read_params

from tests.conftest import PROJECT_ROOT

#: The project's model settings, without the slow full lemmatizer.
FAST_MODEL = {**read_params(PROJECT_ROOT / "params.yaml")["model"], "lemmatize": False}


def statement(id_, text, needs=None, activity=False, timeline=False, lang="en", group=None):
    """A valid corpus record; ``needs=None`` makes it a non-need."""
    is_need = needs is not None
    needs = list(needs or [])
    reasons = generic_reasons(is_need, needs, activity, timeline)
    return {
        "id": id_,
        "group": group or f"g-{id_}",
        "lang": lang,
        "text": text,
        "is_need": is_need,
        "needs": needs,
        "has_activity": activity,
        "has_timeline": timeline,
        "generic": bool(reasons),
        "reasons": reasons,
    }


NEEDS = [
    ("The country needs funding to build a storage facility for mercury waste in Accra by 2027.", ["funding", "infrastructure"], True, True),
    ("We lack trained customs officers.", ["skills"], False, False),
    ("Financial resources are insufficient to clear the remaining 12 km2 of contaminated land.", ["funding"], True, False),
    ("The ministry requires portable mercury analysers for its field inspectors.", ["equipment"], False, False),
    ("Training of 40 laboratory technicians in mercury analysis is needed in 2026.", ["skills"], True, True),
    ("A national database of pesticide imports must be set up by 2028, but no budget is available.", ["funding", "infrastructure"], True, True),
    ("We lack the resources to fully implement the Convention.", [], False, False),
    ("Technical assistance is requested to prepare the national inventory of mercury releases.", ["skills"], True, False),
    ("Mine detectors and protective gear are urgently needed.", ["equipment"], False, False),
    ("The country requests funding of USD 2 million for mine clearance in Battambang province between 2025 and 2027.", ["funding"], True, True),
    ("Qualified staff to run the monitoring network are lacking.", ["skills"], False, False),
    ("A hazardous waste treatment plant has to be built in Kumasi, which requires a loan.", ["funding", "infrastructure"], True, False),
    ("Support is needed to implement the national action plan.", [], False, False),
    ("The laboratory lacks gas chromatographs and spare parts.", ["equipment"], False, False),
    ("Expertise in risk assessment of chemicals remains insufficient.", ["skills"], False, False),
    ("Donor funding is required over the next three years to run risk education sessions in 30 villages.", ["funding"], True, True),
    ("An information system for tracking hazardous waste shipments must be established before 2029.", ["infrastructure"], True, True),
    ("The budget does not cover the cost of surveying the 14 remaining suspected hazardous areas.", ["funding"], True, False),
    ("Additional capacity is needed.", [], False, False),
    ("Rangers need training in wildlife crime investigation by the end of 2026.", ["skills"], False, True),
    ("Vehicles and radios are required for border patrols in 2025.", ["equipment"], False, True),
    ("Weather stations in the northern region need to be rehabilitated, for which co-financing is sought.", ["funding", "infrastructure"], True, False),
    ("Many Parties face insufficient funding for the implementation of their plans.", ["funding"], False, False),
    ("With international support the country could meet its obligations by 2030.", [], False, True),
    ("The country lacks sampling equipment and trained analysts.", ["equipment", "skills"], False, False),
    ("A rehabilitation centre for mine victims must be built in the capital by 2027.", ["infrastructure"], True, True),
    ("The country needs a grant to train 200 farmers in integrated pest management in 2026.", ["skills", "funding"], True, True),
    ("Protective suits and gloves are not available to waste handlers.", ["equipment"], False, False),
    ("Funds are lacking for the annual monitoring campaign.", ["funding"], False, False),
    ("Know-how in the sound management of PCB-containing transformers is insufficient.", ["skills"], False, False),
    ("Lack of money prevents the ministry from buying 15 mercury vapour analysers in 2025.", ["equipment", "funding"], True, True),
    ("Mercury-free technologies are needed by small-scale miners.", ["equipment"], False, False),
]

NON_NEEDS = [
    "Japan funded the regional workshop held in Manila in June 2024.",
    "The national action plan was adopted in March 2021.",
    "Section III: Measures under Article 7.",
    "The Conference of the Parties may wish to consider the report.",
    "Protected areas now cover 25 per cent of the national territory.",
    "In 2023 the ministry trained 120 customs officers with its own budget.",
    "The country no longer requires external assistance for mine clearance.",
    "Decision MC-5/12 of 2023 sets out the reporting format.",
    "Norway provided equipment to the national laboratory in 2022.",
    "The storage facility in Tema was completed in 2020.",
    "Invites Parties to provide financial support to developing countries.",
    "The population of the country is 31 million, most of it rural.",
    "The report was submitted to the secretariat on 1 May 2024.",
    "The national database of chemicals has been operational since 2019.",
    "Table 4 summarises mercury releases by sector.",
    "The country does not need external funding to complete the inventory.",
    "Germany financed the training of 50 inspectors in the region.",
    "The working group met three times during the reporting period.",
]

#: The deliberately wrong line: plainly a request for money, annotated as
#: not a need.
FLIPPED_ID = "need-10"


def small_corpus() -> list[dict]:
    records = []
    for number, (text, needs, activity, timeline) in enumerate(NEEDS, start=1):
        id_ = f"need-{number:02d}"
        records.append(statement(id_, text) if id_ == FLIPPED_ID else statement(id_, text, needs, activity, timeline))
    return records + [statement(f"other-{number:02d}", text) for number, text in enumerate(NON_NEEDS, start=1)]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return small_corpus()


@pytest.fixture(scope="module")
def probabilities(corpus) -> np.ndarray:
    return out_of_fold_probabilities(corpus, FAST_MODEL, folds=3)


def test_the_small_corpus_follows_the_guideline(corpus):
    assert [problem for record in corpus for problem in validation_problems(record)] == []


# -- out-of-fold probabilities ---------------------------------------------
def test_the_flipped_label_is_the_top_suspect(corpus, probabilities):
    suspects = suspicious_labels(corpus, probabilities)
    assert (suspects[0].id, suspects[0].label, suspects[0].annotated) == (FLIPPED_ID, "is_need", False)


def test_probabilities_are_deterministic(corpus, probabilities):
    assert probabilities.shape == (len(corpus), len(LABELS))
    np.testing.assert_array_equal(out_of_fold_probabilities(corpus, FAST_MODEL, folds=3), probabilities)


class _RecordingFit:
    """Stands in for ``fit_model``: remembers each fold's training ids and
    returns a model whose every probability is the fold's number."""

    def __init__(self):
        self.trained_on: list[set[str]] = []
        self.predicted = 0

    def __call__(self, records, model_params):
        self.trained_on.append({record["id"] for record in records})
        fold = len(self.trained_on)
        outer = self

        class Model:
            def predict_proba(self, X):
                outer.predicted += len(X)
                return np.full((len(X), len(LABELS)), float(fold))

        return Model()


def test_each_group_is_held_out_whole_and_predicted_once(monkeypatch):
    records = [statement(f"s{i}", f"text {i}", group=f"g{i // 3}") for i in range(30)]
    fit = _RecordingFit()
    monkeypatch.setattr(audit, "fit_model", fit)
    fold_of_row = out_of_fold_probabilities(records, {}, folds=4)[:, 0].astype(int)
    assert len(fit.trained_on) == 4 and fit.predicted == len(records)
    for record, fold in zip(records, fold_of_row):
        assert record["id"] not in fit.trained_on[fold - 1]
        group_rows = [other["id"] for other in records if other["group"] == record["group"]]
        assert not set(group_rows) & fit.trained_on[fold - 1]


def test_random_state_changes_the_folds(monkeypatch):
    records = [statement(f"s{i}", f"text {i}", group=f"g{i}") for i in range(30)]

    def fold_of_rows(random_state):
        monkeypatch.setattr(audit, "fit_model", _RecordingFit())
        return out_of_fold_probabilities(records, {}, folds=3, random_state=random_state)

    np.testing.assert_array_equal(fold_of_rows(0), fold_of_rows(0))
    assert not np.array_equal(fold_of_rows(0), fold_of_rows(1))


@pytest.mark.parametrize("folds", [1, 31])
def test_impossible_fold_counts_are_refused(folds):
    records = [statement(f"s{i}", f"text {i}") for i in range(30)]
    with pytest.raises(AuditError, match=f"cannot make {folds} folds from 30 groups"):
        out_of_fold_probabilities(records, FAST_MODEL, folds=folds)


def test_a_fold_that_cannot_learn_a_label_is_named(corpus):
    only_one_equipment = [
        record for record in corpus if "equipment" not in record["needs"] or record["id"] == "need-04"
    ]
    with pytest.raises(AuditError, match=r"fold \d: label 'equipment' has a single value"):
        out_of_fold_probabilities(only_one_equipment, FAST_MODEL, folds=3)


# -- suspicious labels -------------------------------------------------------
def _probabilities(**by_label: float) -> list[float]:
    """A probability row in LABELS order; labels not named get 0."""
    return [by_label.get(label, 0.0) for label in LABELS]


def test_suspects_in_both_directions_with_their_confidence():
    need = statement("a", "We need retorts.", ["equipment"])
    other = statement("b", "The plan was adopted.")
    rows = np.array([_probabilities(is_need=0.95, equipment=0.1, funding=0.85), _probabilities(is_need=0.9)])
    suspects = suspicious_labels([need, other], rows, min_confidence=0.8)
    assert [(s.id, s.label, s.annotated) for s in suspects] == [
        ("a", "equipment", True),
        ("b", "is_need", False),
        ("a", "funding", False),
    ]
    assert suspects[0] == Suspect("a", "en", "We need retorts.", "equipment", True, 0.1, pytest.approx(0.9))


def test_dependent_labels_are_not_audited_on_non_needs():
    other = statement("b", "The plan was adopted.")
    rows = np.array([_probabilities(funding=0.99, has_timeline=0.99)])
    assert suspicious_labels([other], rows, min_confidence=0.5) == []


def test_agreement_and_weak_disagreement_are_not_suspects():
    need = statement("a", "We need retorts.", ["equipment"])
    agree = np.array([_probabilities(is_need=0.99, equipment=0.99)])
    weak = np.array([_probabilities(is_need=0.99, equipment=0.3)])
    assert suspicious_labels([need], agree, min_confidence=0.0) == []
    assert suspicious_labels([need], weak, min_confidence=0.8) == []
    assert [s.label for s in suspicious_labels([need], weak, min_confidence=0.7)] == ["equipment"]


def test_ties_are_ordered_by_id_then_label():
    records = [statement(id_, "We need retorts.", []) for id_ in ("b", "a")]
    rows = np.array([_probabilities(is_need=0.9, funding=0.9, skills=0.9)] * 2)
    assert [(s.id, s.label) for s in suspicious_labels(records, rows)] == [
        ("a", "skills"),
        ("a", "funding"),
        ("b", "skills"),
        ("b", "funding"),
    ]


def test_probabilities_must_match_the_records():
    with pytest.raises(ValueError, match="shape"):
        suspicious_labels([statement("a", "x")], np.zeros((2, len(LABELS))))


# -- parallel disagreements --------------------------------------------------
def _translations(group, ru_needs, other_needs, fr_timeline=True):
    """One statement in four languages, listed in another order than the
    report's; Russian gets ``ru_needs``, French ``fr_timeline``."""
    texts = {
        "en": "Funding is needed to survey 14 areas by 2027.",
        "fr": "Un financement est nécessaire pour étudier 14 zones d'ici 2027.",
        "es": "Se necesita financiación para estudiar 14 zonas antes de 2027.",
        "ru": "Необходимо финансирование для обследования 14 участков до 2027 года.",
    }
    return [
        statement(
            f"{group}-{lang}",
            text,
            ru_needs if lang == "ru" else other_needs,
            activity=True,
            timeline=fr_timeline if lang == "fr" else True,
            lang=lang,
            group=group,
        )
        for lang, text in texts.items()
    ]


def test_translations_with_different_labels_are_reported():
    records = _translations("p1", [], ["funding"], fr_timeline=False) + _translations("p2", ["funding"], ["funding"])
    assert parallel_disagreements(records) == [
        {
            "group": "p1",
            "labels": ["funding", "has_timeline"],
            "values": {
                "ru": {"funding": False, "has_timeline": True},
                "en": {"funding": True, "has_timeline": True},
                "fr": {"funding": True, "has_timeline": False},
                "es": {"funding": True, "has_timeline": True},
            },
            "ids": {"ru": "p1-ru", "en": "p1-en", "fr": "p1-fr", "es": "p1-es"},
        }
    ]


def test_a_passage_is_not_a_translation_set():
    passage = [
        statement("a", "We need retorts.", ["equipment"], group="g"),
        statement("b", "The plan was adopted.", group="g"),
        statement("c", "Il faut des fonds.", ["funding"], lang="fr", group="g"),
    ]
    assert parallel_disagreements(passage) == []


# -- the report ------------------------------------------------------------------
def test_the_report_is_json_and_readable():
    long_text = "Необходимо финансирование для обследования " + "отдалённых районов и участков " * 10 + "до 2027 года."
    records = [
        {**record, "text": long_text} if record["lang"] == "ru" else record
        for record in _translations("p1", [], ["funding"])
    ]
    records += [statement("x", "The plan was adopted."), statement("y", "The working group met twice.")]
    translated = _probabilities(is_need=0.99, funding=0.99, has_activity=0.9, has_timeline=0.9)
    rows = np.array([translated] * 4 + [_probabilities(is_need=0.85), _probabilities(is_need=0.7)])
    report = audit_report(records, rows, min_confidence=0.6)
    assert json.loads(json.dumps(report)) == report
    assert report["statements"] == 6
    assert [(s["id"], s["label"], s["confidence"]) for s in report["suspects"]] == [
        ("p1-ru", "funding", 0.99),
        ("x", "is_need", 0.85),
        ("y", "is_need", 0.7),
    ]
    assert [d["group"] for d in report["parallel_disagreements"]] == ["p1"]

    lines = format_report(report, top=2, width=80).splitlines()
    assert "confidence >= 0.60: 3 (showing 2)" in lines[2]
    shown = [line.split()[-1] for line in lines if re.match(r"\s+\d\.\d+\s", line)]
    assert shown == ["p1-ru", "x"]
    shortened = lines[lines.index(next(line for line in lines if line.endswith("p1-ru"))) + 1]
    assert shortened.endswith("…") and len(shortened) <= 80
    assert "  p1: funding differ" in lines
    assert any(line.split() == ["ru", "p1-ru", "funding=no"] for line in lines)
