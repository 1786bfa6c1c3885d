from pipeline.alignment import align_lemmas, concepts


def _unit(en: str, fr: str) -> list[tuple[str, list[str]]]:
    return [("en", en.split()), ("fr", fr.split())]


UNITS = [
    _unit("we need training", "nous avoir besoin formation"),
    _unit("training of officer", "formation de agent"),
    _unit("the laboratory need equipment", "le laboratoire avoir besoin équipement"),
    _unit("equipment for the laboratory", "équipement pour le laboratoire"),
    _unit("staff training and equipment", "formation de personnel et équipement"),
    _unit("the officer need training", "le agent avoir besoin formation"),
]


def test_words_that_occur_in_the_same_translated_statements_are_aligned():
    table = align_lemmas(UNITS, min_pairs=2, min_dice=0.5)
    assert table["fr"]["formation"] == "training"
    assert table["fr"]["équipement"] == "equipment"
    assert table["fr"]["laboratoire"] == "laboratory"
    assert table["en"]["training"] == "training"


def test_rare_pairs_and_units_without_english_are_ignored():
    table = align_lemmas(UNITS + [[("fr", ["drone"]), ("es", ["dron"])]], min_pairs=2, min_dice=0.5)
    assert "personnel" not in table["fr"]  # seen once
    assert "es" not in table


def test_concept_view_keeps_only_aligned_words():
    assert concepts(["le", "formation", "inconnu"], {"formation": "training", "le": "the"}) == "the training"
