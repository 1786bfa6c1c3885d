"""The run-time lemma table gives a word the lemma it had at training time.

The model's weights are keyed by training-time lemmas; a word the small
run-time table lemmatizes differently loses its weight silently, so Russian
reports written without "ё" (most of them) would be read worse than the
training data.
"""
from __future__ import annotations

import pytest

from pipeline.lemmas import full_lemmatizer, pruned_table, table_lemmatizer


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("партнеров", "партнёр"),
        ("партнёров", "партнёр"),
        ("счет", "счёт"),
        ("остается", "оставаться"),
        ("загрязненных", "загрязнить"),
        ("учета", "учёт"),
    ],
)
def test_russian_forms_printed_without_yo_keep_their_lemma(form: str, lemma: str) -> None:
    run_time = table_lemmatizer(pruned_table("ru", {"партнёр", "счёт", "оставаться", "загрязнить", "учёт"}))
    assert full_lemmatizer("ru")(form) == lemma
    assert run_time(form) == lemma


def test_form_of_two_paradigms_takes_the_training_lemma_whatever_the_order() -> None:
    # "стали" is a form of both "сталь" (steel) and "стать" (to become).
    lemmas = {"сталь", "стать"}
    expected = full_lemmatizer("ru")("стали")
    assert table_lemmatizer(pruned_table("ru", lemmas))("стали") == expected


def test_russian_sentence_lemmatized_alike_at_training_and_run_time() -> None:
    words = (
        "центру необходимы новые счетчики и обученные специалисты для учета "
        "загрязненных участков, а партнеров просят профинансировать закупку"
    ).replace(",", "").split()
    full = full_lemmatizer("ru")
    run_time = table_lemmatizer(pruned_table("ru", {full(word) for word in words}))
    assert [run_time(word) for word in words] == [full(word) for word in words]


def test_forms_of_lemmas_outside_the_vocabulary_stay_as_written() -> None:
    run_time = table_lemmatizer(pruned_table("ru", {"партнёр"}))
    assert run_time("счетов") == "счетов"
