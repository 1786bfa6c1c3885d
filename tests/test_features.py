"""The cue view, the part of the models' input shared by all languages,
must read the same for a statement and its translations whatever their word
order (agreement across translations is one of the quality bars)."""
from __future__ import annotations

import pytest

from pipeline.features import analyse

#: The same needs, each written in an order its language prefers: the
#: category comes first in one version and last in another.
TRANSLATIONS = [
    {
        "en": "Funding is needed for the new storage site.",
        "es": "Se necesita financiación para el nuevo sitio de almacenamiento.",
        "fr": "Des fonds sont nécessaires pour le nouveau site de stockage.",
        "ru": "Для новой площадки хранения необходимо финансирование.",
    },
    {
        "en": "In 2027 the laboratory will need a gas chromatograph.",
        "es": "El laboratorio necesitará un cromatógrafo de gases en 2027.",
        "fr": "Le laboratoire aura besoin d'un chromatographe en phase gazeuse en 2027.",
        "ru": "В 2027 году лаборатории потребуется газовый хроматограф.",
    },
]


def _cue_view(text: str, lang: str) -> set[str]:
    # The length bucket counts words, which differ between translations by design.
    return {token for token in analyse([text], lang, None)[0].views()[2].split() if not token.startswith("len_")}


@pytest.mark.parametrize("versions", TRANSLATIONS, ids=["category first or last", "year first or last"])
def test_cue_view_does_not_depend_on_word_order(versions: dict[str, str]) -> None:
    views = {lang: _cue_view(text, lang) for lang, text in versions.items()}
    assert all(view == views["en"] for view in views.values()), views


def test_place_cues_stay_out_of_the_shared_view() -> None:
    # Place names are spotted from capitals after a preposition, which each
    # language places differently; the cue is evidence, not a shared feature.
    text = "Clearance teams are needed in Cuando Cubango province."
    analysis = analyse([text], "en", None)[0]
    assert "place" in {cue.cue for cue in analysis.cues}
    assert not {token for token in analysis.views()[2].split() if "place" in token}
