from pipeline.language import detect_language, main_language


def test_supported_languages_detected():
    assert detect_language("The Party requires additional financial resources to complete the clearance of mined areas.") == "en"
    assert detect_language("Le pays a besoin d'un appui financier pour achever la destruction de ses stocks.") == "fr"
    assert detect_language("El país necesita capacitación para el personal de los laboratorios regionales.") == "es"
    assert detect_language("Стране необходимо современное оборудование для лабораторий.") == "ru"


def test_unsupported_languages_are_named_not_guessed():
    german = "Der Vertragsstaat benötigt finanzielle Unterstützung für die Räumung der Minenfelder im Süden."
    assert detect_language(german) == "de"
    assert detect_language("Країні потрібне обладнання для лабораторій та навчання персоналу.") == "uk"


def test_short_text_follows_document_language():
    assert detect_language("Necesidades", "es") == "es"
    assert detect_language("Formation", "fr") == "fr"
    assert detect_language("Оборудование", "en") == "ru"  # the script decides


def test_short_text_without_context_stays_within_supported():
    assert detect_language("Necesidades") in {"es", "en", "fr"}


def test_detection_is_deterministic():
    text = "Capacitación técnica"
    assert len({detect_language(text) for _ in range(20)}) == 1


def test_main_language_weighted_by_length():
    texts = ["Title", "El país necesita capacitación para el personal de los laboratorios regionales del norte."]
    assert main_language(texts) == "es"
    assert main_language(["2024", "—"]) is None
