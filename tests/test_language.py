from pathlib import Path

import pytest

from pipeline import language
from pipeline.language import detect_language, detect_languages, function_word_language, main_language
from pipeline.schema import Block, Document, Page
from pipeline.segment import segment_document


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


# --- function-word shortcut -------------------------------------------------

ENGLISH = [
    "The Party requires additional financial resources to complete the clearance of the mined areas in the north.",
    "Customs officers at the border crossings have not been trained in the identification of restricted chemicals.",
    "A national action plan was adopted in 2021, but the ministry lacks the staff that would be needed to implement it.",
]
FRENCH = [
    "Le pays a besoin d'un appui financier pour achever la destruction de ses stocks avant la fin de l'année.",
    "Les laboratoires régionaux ne disposent pas des équipements nécessaires à l'analyse des échantillons.",
    "Un plan national a été adopté en 2021, mais le ministère manque du personnel qui serait nécessaire à sa mise en œuvre.",
]
SPANISH = [
    "El país necesita capacitación para el personal de los laboratorios regionales y para los inspectores de aduanas.",
    "Las comunidades rurales dependen de la agricultura y son muy vulnerables a la sequía, según los datos del censo.",
    "En 2021 se adoptó un plan nacional, pero el ministerio no cuenta con el personal que sería necesario para su aplicación.",
]
RUSSIAN = [
    "Стране необходимо современное оборудование для лабораторий и обучение персонала таможенных служб.",
    "Национальный план действий был принят в 2021 году, однако министерству не хватает специалистов.",
]


@pytest.mark.parametrize(
    ("texts", "lang"), [(ENGLISH, "en"), (FRENCH, "fr"), (SPANISH, "es")], ids=["en", "fr", "es"]
)
def test_function_words_decide_plain_paragraphs(texts, lang):
    assert [function_word_language(text) for text in texts] == [lang] * len(texts)


@pytest.mark.parametrize(
    "text",
    [
        # no or too few function words: headings, tables, lists of names
        "Annex D sources: cement clinker production facilities",
        "International staff 57 878.3 35 920.4 21 957.9 37.9 National Professional Officers 1 402.5",
        "Ministerio de Medio Ambiente y Recursos Naturales (MARN)",
        # neighbours of the supported languages
        "El govern necessita suport per a la formació del personal de les duanes i dels laboratoris.",
        "Els municipis amb menys recursos no poden mantenir les plantes de tractament dels residus.",
        "O governo precisa de apoio para a formação do pessoal das alfândegas e dos laboratórios.",
        "O governo precisa de apoio para a formacao do pessoal das alfandegas e dos laboratorios.",
        "Il paese ha bisogno di sostegno per la formazione del personale delle dogane e dei laboratori.",
        "Die Regierung braucht Unterstützung bei der Schulung der Zollbeamten und des Laborpersonals.",
        "De regering heeft steun nodig voor de opleiding van het personeel van de douane en de laboratoria.",
        "Guvernul are nevoie de sprijin pentru formarea personalului din vama si din laboratoare.",
        # plainly English, but with a letter English does not write
        "The Party requires additional resources for the laboratory in Tromsø and for the training of its staff.",
        # two languages in one paragraph
        "The Party has asked for support. Le pays a besoin d'un appui pour la formation de son personnel.",
    ],
)
def test_function_words_defer_when_not_decisive(text):
    assert function_word_language(text) is None


@pytest.fixture
def langdetect_calls(monkeypatch):
    """The texts langdetect is asked about, with its cache bypassed."""
    calls: list[str] = []
    detect = language._probabilities.__wrapped__

    def recording(text: str, restrict: bool):
        calls.append(text)
        return detect(text, restrict)

    monkeypatch.setattr(language, "_probabilities", recording)
    return calls


def test_shortcut_only_confirms_the_document_language(langdetect_calls):
    english, french = ENGLISH[0], FRENCH[0]
    assert detect_language(english, "en") == "en"
    assert langdetect_calls == []
    # the same paragraph in a French document, or a French one in an English
    # document, is left to langdetect
    assert detect_language(english, "fr") == "en"
    assert detect_language(french, "en") == "fr"
    assert langdetect_calls == [english, french]
    # without a document there is nothing to confirm
    assert detect_language(english) == "en"
    assert langdetect_calls == [english, french, english]


def test_document_in_its_main_language_needs_no_langdetect(langdetect_calls):
    langs, main = detect_languages(["1. Introduction", *SPANISH, "Necesidades", "2024"])
    assert main == "es"
    assert langs == ["es"] * 6
    assert langdetect_calls == []


def test_vote_overrules_the_function_word_guess():
    # Only the French paragraph has function words, so it is the first guess;
    # langdetect finds the longer English tables and the vote corrects it.
    tables = [
        "Category Apportionment Expenditure Amount Percentage Variance Military Contingents",
        "Civilian Personnel International Staff National Professional Officers United Nations Volunteers",
        "Operational Costs Facilities Infrastructure Ground Transportation Communications Information Technology",
    ]
    langs, main = detect_languages([FRENCH[0], *tables, "Total"])
    assert main == "en"
    assert langs == ["fr", "en", "en", "en", "en"]


def _document(texts: list[str]) -> Document:
    blocks, offset = [], 0
    for text in texts:
        blocks.append(Block(text=text, kind="body", char_start=offset, char_end=offset + len(text)))
        offset += len(text) + 2
    return Document(path=Path("report.pdf"), pages=(Page(number=1, text="\n\n".join(texts), blocks=tuple(blocks)),))


@pytest.mark.parametrize(
    ("main", "foreign", "lang"),
    [
        (ENGLISH, "Die Regierung braucht Unterstützung bei der Schulung der Zollbeamten.", "de"),
        (ENGLISH, "De regering heeft steun nodig voor de opleiding van het personeel.", "nl"),
        (FRENCH, "Il paese chiede assistenza tecnica per il controllo della qualità dell'aria.", "it"),
        (SPANISH, "Il governo ha bisogno di sostegno per la formazione del personale.", "it"),
        (SPANISH, "O governo precisa de apoio para a formação do pessoal das alfândegas.", "pt"),
        (SPANISH, "O governo precisa de apoio para a formacao do pessoal das alfandegas.", "pt"),
        (SPANISH, "El govern necessita suport per a la formació del personal de les duanes.", "ca"),
        (SPANISH, "Els municipis no tenen prou recursos per mantenir les plantes de tractament.", "ca"),
        (RUSSIAN, "Уряд потребує підтримки для навчання працівників митниці.", "uk"),
    ],
)
def test_unsupported_paragraphs_in_a_supported_document_are_skipped(main, foreign, lang):
    texts = [main[0], foreign, *main[1:]]
    result = segment_document(_document(texts))
    assert result.skipped_languages == {lang: 1}
    assert foreign not in {statement.text for statement in result.statements}
    assert {statement.lang for statement in result.statements} == {result.language}
