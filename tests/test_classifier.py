"""Behaviour of the shipped model on clear-cut statements it was not trained on."""
import pytest

SPECIFIC = {
    "en": "The Ministry needs USD 800,000 to build a storage facility for mercury waste in Kandor province by 2027.",
    "fr": "Le pays a besoin de 500 000 euros pour former 45 inspecteurs des douanes d'ici à la fin de 2026.",
    "es": "Se necesitan fondos para construir un centro de almacenamiento de residuos peligrosos en la provincia de Tarma antes de 2028.",
    "ru": "Для строительства полигона для захоронения ртутных отходов в Ошской области до 2027 года необходимо финансирование в размере 2 млн долларов США.",
}
VAGUE = {
    "en": "Our country lacks the capacity and resources needed to meet its obligations.",
    "fr": "Le pays ne dispose pas des moyens nécessaires pour mettre en œuvre la Convention.",
    "es": "El país carece de los recursos necesarios para cumplir con sus obligaciones.",
    "ru": "Стране не хватает ресурсов и потенциала для выполнения своих обязательств.",
}
NOT_NEEDS = {
    "en": "Norway funded a national workshop on the inventory in 2019.",
    "fr": "La Conférence des Parties souhaitera peut-être prendre note du présent rapport.",
    "es": "El inventario nacional de emisiones de mercurio se concluyó en 2021.",
    "ru": "Национальный доклад подготовлен в соответствии со статьей 21 Конвенции.",
}


@pytest.mark.parametrize("lang", sorted(SPECIFIC))
def test_specific_need_is_not_generic(shipped_model, lang):
    record = shipped_model.classify([SPECIFIC[lang]], langs=[lang])[0]
    assert record["is_need"] is True
    assert "funding" in record["needs"] or "skills" in record["needs"]
    assert record["generic"] is False and record["reasons"] == []


@pytest.mark.parametrize("lang", sorted(VAGUE))
def test_vague_need_is_generic_without_category(shipped_model, lang):
    record = shipped_model.classify([VAGUE[lang]], langs=[lang])[0]
    assert record["is_need"] is True
    assert record["generic"] is True
    assert "no_category" in record["reasons"]


@pytest.mark.parametrize("lang", sorted(NOT_NEEDS))
def test_non_need_has_no_labels(shipped_model, lang):
    record = shipped_model.classify([NOT_NEEDS[lang]])[0]
    assert record["lang"] == lang
    assert record["is_need"] is False
    assert record["needs"] == [] and record["reasons"] == [] and record["generic"] is False


def test_record_fields_and_evidence(shipped_model):
    record = shipped_model.classify([SPECIFIC["en"]], ids=["s1"])[0]
    assert list(record)[:3] == ["id", "text", "lang"]
    assert record["id"] == "s1"
    assert set(record["scores"]) == {
        "is_need", "equipment", "skills", "funding", "infrastructure", "has_activity", "has_timeline"
    }
    assert all(0.0 <= p <= 1.0 for p in record["scores"].values())
    positives = {"is_need", "has_activity", "has_timeline", *record["needs"]}
    assert positives <= set(record["evidence"])
    for spans in record["evidence"].values():
        for span in spans:
            assert record["text"][span["start"] : span["end"]] == span["text"]
    timeline_words = " ".join(span["text"] for span in record["evidence"]["has_timeline"])
    assert "2027" in timeline_words


def test_unsupported_language_is_reported_not_classified(shipped_model):
    german = "Der Vertragsstaat benötigt dringend finanzielle Unterstützung für die Räumung der Minenfelder."
    record = shipped_model.classify([german])[0]
    assert record["lang"] == "de"
    assert "unsupported language" in record["error"]
    assert record["is_need"] is None


def test_lead_in_is_read_with_the_item(shipped_model):
    item = "b) two mobile laboratories for the northern region;"
    with_lead_in = shipped_model.classify(
        [item], langs=["en"], lead_ins=["The Party requests assistance to acquire the following:"]
    )[0]
    assert with_lead_in["is_need"] is True
    for spans in with_lead_in["evidence"].values():
        for span in spans:
            if span.get("in") != "lead_in":
                assert item[span["start"] : span["end"]] == span["text"]


def test_output_order_and_length_follow_input(shipped_model):
    texts = [NOT_NEEDS["en"], VAGUE["fr"], SPECIFIC["ru"], "Der Bericht wurde 2020 fertiggestellt und veröffentlicht."]
    records = shipped_model.classify(texts)
    assert [r["text"] for r in records] == texts
    assert [r["id"] for r in records] == [1, 2, 3, 4]
