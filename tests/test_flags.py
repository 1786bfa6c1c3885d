import pytest

from pipeline.flags import generic_reasons, is_generic


def test_guideline_examples():
    # "We lack the resources to fully implement the Convention."
    assert generic_reasons(True, [], False, False) == ["no_category", "no_activity", "no_timeline"]
    # funding + activity + timeline: specific
    assert generic_reasons(True, ["funding"], True, True) == []
    assert not is_generic(True, ["funding"], True, True)
    # "Se requiere capacitación del personal de aduanas."
    assert generic_reasons(True, ["skills"], True, False) == ["no_timeline"]
    # "Необходимо оборудование."
    assert generic_reasons(True, ["equipment"], False, False) == ["no_activity", "no_timeline"]


def test_non_needs_are_never_generic():
    assert generic_reasons(False, [], False, False) == []
    assert not is_generic(False, [], False, False)


def test_unknown_category_is_rejected():
    with pytest.raises(ValueError):
        generic_reasons(True, ["money"], True, True)
