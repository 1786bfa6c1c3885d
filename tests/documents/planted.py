"""Report PDFs with planted sentences, for checking extraction against truth.

Each page has a running head with a document symbol, a page number in the
footer, numbered section headings, paragraphs whose lines end in hyphenated
words where a word does not fit, one- or two-column body text, and raised
note marks whose footnotes sit at the foot of the page. The generator
records every body sentence and footnote it drew, so a test (or
``benchmarks/extract.py``) can check what a reader gives back sentence by
sentence. The sentences were written for this file; none comes from a real
report.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "The national coordination unit has four permanent staff members and relies on consultants for every technical assessment.",
        "Provincial environmental inspectorates still lack portable mercury analysers and vehicles suited to reach remote mining sites.",
        "A multi-year programme to phase out mercury-added thermometers in public hospitals was approved by the Ministry of Health.",
        "Customs officers at the three main border crossings need training in the identification of restricted chemicals.",
        "The interministerial committee met twice during the reporting period and adopted its rules of procedure.",
        "Construction of an environmentally sound interim storage facility for obsolete pesticides would require approximately USD 1.8 million.",
        "Most municipalities dispose of their waste in uncontrolled dumpsites, where open burning remains common.",
        "The laboratory of the national standards bureau obtained accreditation for the analysis of persistent organic pollutants.",
        "Without additional financial support, the update of the national implementation plan cannot be completed before the next review.",
        "Artisanal miners in the northern districts continue to use whole-ore amalgamation because alternative techniques are unknown to them.",
        "The Government intends to establish a national database of contaminated sites by the end of 2028.",
        "Regional workshops organised with development partners reached more than 600 extension workers in agricultural communities.",
        "Reliable data on imports of mercury-containing products remain scarce because the customs classification is not detailed enough.",
        "The environmental inspectorate requests technical assistance to draft implementing regulations for the new chemicals law.",
    ),
    "fr": (
        "La cellule nationale de coordination ne compte que trois agents permanents et dépend de consultants pour chaque évaluation technique.",
        "Les services régionaux de l'environnement ne disposent pas d'analyseurs portatifs ni de véhicules adaptés aux sites d'orpaillage éloignés.",
        "Une étude socio-économique des communautés riveraines des sites miniers a été réalisée avec l'appui de la coopération régionale.",
        "Les agents des douanes des principaux postes frontaliers ont besoin d'une formation à l'identification des substances réglementées.",
        "Le comité interministériel s'est réuni deux fois au cours de la période considérée et a adopté son règlement intérieur.",
        "La construction d'un site d'entreposage provisoire écologiquement rationnel nécessiterait environ 950 millions de francs CFA.",
        "La plupart des communes déposent leurs déchets dans des décharges non contrôlées où le brûlage à l'air libre reste fréquent.",
        "Le laboratoire national de contrôle de la qualité a obtenu son accréditation pour l'analyse des polluants organiques persistants.",
        "Faute de financements supplémentaires, la mise à jour du plan national de mise en œuvre ne pourra pas être achevée avant le prochain examen.",
        "Les orpailleurs des provinces septentrionales continuent d'amalgamer le minerai brut parce que les techniques de substitution leur sont inconnues.",
        "Le Gouvernement prévoit de créer une base de données nationale des sites contaminés d'ici à la fin de 2028.",
        "Des ateliers régionaux organisés avec les partenaires techniques ont permis de sensibiliser plus de 600 agents de vulgarisation agricole.",
        "Les statistiques relatives aux importations de produits contenant du mercure demeurent lacunaires faute d'une nomenclature douanière détaillée.",
        "La direction de l'environnement sollicite une assistance technique pour l'élaboration des textes d'application de la nouvelle loi sur les produits chimiques.",
    ),
    "es": (
        "La unidad nacional de coordinación cuenta con cuatro funcionarios permanentes y depende de consultores para cada evaluación técnica.",
        "Las inspecciones ambientales provinciales siguen sin disponer de analizadores portátiles de mercurio ni de vehículos para llegar a los yacimientos remotos.",
        "El Ministerio de Salud aprobó un programa plurianual para eliminar los termómetros con mercurio de los hospitales públicos.",
        "Los funcionarios de aduanas de los tres principales pasos fronterizos necesitan capacitación en la identificación de sustancias químicas restringidas.",
        "El comité interinstitucional se reunió dos veces durante el período que abarca el informe y aprobó su reglamento interno.",
        "La construcción de un almacén provisional ambientalmente racional para plaguicidas obsoletos requeriría aproximadamente 1,8 millones de dólares.",
        "La mayoría de los municipios deposita sus residuos en vertederos no controlados, donde la quema a cielo abierto sigue siendo habitual.",
        "El laboratorio nacional de referencia obtuvo la acreditación para el análisis de contaminantes orgánicos persistentes.",
        "Sin apoyo financiero adicional, la actualización del plan nacional de aplicación no podrá concluirse antes del próximo examen.",
        "Los mineros artesanales de los departamentos del norte siguen amalgamando el mineral en bruto porque desconocen las técnicas alternativas.",
        "El Gobierno tiene previsto crear una base de datos nacional de sitios contaminados antes de que finalice el año 2028.",
        "Los talleres regionales organizados con los asociados para el desarrollo llegaron a más de 600 extensionistas agrícolas.",
        "Los datos sobre las importaciones de productos con mercurio añadido siguen siendo escasos porque la clasificación arancelaria no es suficientemente detallada.",
        "La dirección de medio ambiente solicita asistencia técnica para redactar los reglamentos de aplicación de la nueva ley de productos químicos.",
    ),
    "ru": (
        "Национальный координационный центр располагает четырьмя штатными сотрудниками и привлекает консультантов для каждой технической оценки.",
        "Областные природоохранные инспекции по-прежнему не имеют портативных анализаторов ртути и транспорта для выезда на отдаленные участки.",
        "Научно-исследовательский институт гигиены завершил обследование содержания ртути в почвах вблизи бывшего хлорно-щелочного производства.",
        "Сотрудникам таможни на трех основных пунктах пропуска необходимо обучение методам идентификации контролируемых химических веществ.",
        "Межведомственная комиссия провела два заседания за отчетный период и утвердила свой регламент.",
        "Строительство экологически безопасного хранилища для устаревших пестицидов потребует около 140 миллионов рублей.",
        "Большинство муниципальных образований размещает отходы на неконтролируемых свалках, где по-прежнему практикуется открытое сжигание.",
        "Лаборатория национального центра стандартизации получила аккредитацию на проведение анализа стойких органических загрязнителей.",
        "Без дополнительной финансовой поддержки обновление национального плана выполнения не может быть завершено до следующего обзора.",
        "Старатели северных районов продолжают амальгамировать необогащенную руду, поскольку альтернативные технологии им неизвестны.",
        "Правительство планирует создать национальную базу данных загрязненных участков к концу 2028 года.",
        "Региональные семинары, организованные совместно с партнерами по развитию, охватили более 600 специалистов сельскохозяйственных служб.",
        "Сведения об импорте ртутьсодержащей продукции остаются неполными, поскольку таможенная классификация недостаточно детализирована.",
        "Природоохранная инспекция просит оказать техническую помощь в разработке подзаконных актов к новому закону о химических веществах.",
    ),
}

FOOTNOTES: dict[str, tuple[str, ...]] = {
    "en": (
        "Figures provided by the national statistics office, March 2025.",
        "See the report of the second meeting of the interministerial committee.",
        "Estimate based on the unit costs of a comparable facility built in the region.",
    ),
    "fr": (
        "Chiffres communiqués par l'Institut national de la statistique, mars 2025.",
        "Voir le compte rendu de la deuxième réunion du comité interministériel.",
        "Estimation fondée sur les coûts unitaires d'une installation comparable dans la sous-région.",
    ),
    "es": (
        "Cifras facilitadas por el Instituto Nacional de Estadística, marzo de 2025.",
        "Véase el acta de la segunda reunión del comité interinstitucional.",
        "Estimación basada en los costos unitarios de una instalación similar construida en la región.",
    ),
    "ru": (
        "Данные национального статистического комитета, март 2025 года.",
        "См. протокол второго заседания межведомственной комиссии.",
        "Оценка основана на удельных затратах на строительство аналогичного объекта в регионе.",
    ),
}

HEADINGS: dict[str, str] = {"en": "Implementation measures", "fr": "Mesures de mise en œuvre",
                            "es": "Medidas de aplicación", "ru": "Меры по осуществлению"}
RUNNING_HEADS: dict[str, str] = {"en": "Republic of Examplestan: national report",
                                 "fr": "République d'Exemplie : rapport national",
                                 "es": "República de Ejemplia: informe nacional",
                                 "ru": "Республика Примерия: национальный доклад"}
SYMBOL = "UNEP/MC/COP.7/NR/41"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 72
BODY_SIZE, LEADING = 10, 13
NOTE_SIZE, NOTE_LEADING = 7, 9
BODY_TOP, BODY_BOTTOM = 720, 150
NOTES_TOP = 128  # above the bottom eighth of the page, where footers are looked for
GUTTER = 24


@dataclass
class PlantedReport:
    """A generated report and what was drawn in it: ``body`` and
    ``footnotes`` hold (page number, text) in reading order."""

    path: Path
    lang: str
    pages: int
    body: list[tuple[int, str]] = field(default_factory=list)
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


@cache
def _font() -> str:
    """A TrueType font with Cyrillic: DejaVu Sans, which matplotlib ships."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(path)))
    return "DejaVuSans"


def _wrap(words: list[str], width: float, font: str, size: float) -> list[str]:
    """Greedy line breaking; a long word that does not fit is hyphenated
    when at least four letters fit before the hyphen and four go after it."""
    lines: list[str] = []
    line = ""
    queue = list(words)
    while queue:
        word = queue.pop(0)
        candidate = f"{line} {word}" if line else word
        if pdfmetrics.stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        head = _hyphen_head(word, line, width, font, size)
        if head:
            lines.append(f"{line} {word[:head]}-" if line else f"{word[:head]}-")
            queue.insert(0, word[head:])
        else:
            lines.append(line)
            queue.insert(0, word)
        line = ""
    if line:
        lines.append(line)
    return lines


def _hyphen_head(word: str, line: str, width: float, font: str, size: float) -> int:
    """How many letters of ``word`` go before a line-end hyphen (0: none)."""
    if not line or not word.isalpha() or len(word) < 9:
        return 0
    for cut in range(len(word) - 4, 3, -1):
        if pdfmetrics.stringWidth(f"{line} {word[:cut]}-", font, size) <= width:
            return cut
    return 0


def build_report(path: Path, lang: str, pages: int, seed: int = 0) -> PlantedReport:
    """Draw a ``pages``-page report in ``lang``; every third page has two columns."""
    font = _font()
    rng = random.Random(seed)
    report = PlantedReport(path, lang, pages, furniture=[RUNNING_HEADS[lang], SYMBOL])
    canvas = Canvas(str(path), pagesize=A4)
    note_number = 0
    for number in range(1, pages + 1):
        canvas.setFont(font, 8)
        canvas.drawString(MARGIN, 805, RUNNING_HEADS[lang])
        canvas.drawRightString(PAGE_WIDTH - MARGIN, 805, SYMBOL)
        canvas.drawCentredString(PAGE_WIDTH / 2, 40, str(number))
        canvas.setFont(font, 12)
        canvas.drawString(MARGIN, BODY_TOP + 18, f"{number}. {HEADINGS[lang]}")
        columns = 2 if number % 3 == 2 else 1
        column_width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
        note_paragraph = rng.randrange(3) if number % 2 else None
        notes: list[str] = []
        paragraph = 0
        for column in range(columns):
            x, y = MARGIN + column * (column_width + GUTTER), BODY_TOP
            while True:
                sentences = rng.sample(SENTENCES[lang], rng.choice((2, 3)))
                lines = _wrap(" ".join(sentences).split(), column_width, font, BODY_SIZE)
                if y - LEADING * len(lines) < BODY_BOTTOM:
                    break
                canvas.setFont(font, BODY_SIZE)
                for line in lines:
                    canvas.drawString(x, y, line)
                    y -= LEADING
                if paragraph == note_paragraph:
                    note_number += 1
                    end = x + pdfmetrics.stringWidth(lines[-1], font, BODY_SIZE)
                    canvas.setFont(font, 6)
                    canvas.drawString(end + 0.5, y + LEADING + 4, str(note_number))
                    notes.append(f"{note_number} {rng.choice(FOOTNOTES[lang])}")
                report.body.extend((number, sentence) for sentence in sentences)
                paragraph += 1
                y -= 8
        y = NOTES_TOP
        if notes:
            canvas.line(MARGIN, y + NOTE_LEADING + 2, MARGIN + 120, y + NOTE_LEADING + 2)
        canvas.setFont(font, NOTE_SIZE)
        for note in notes:
            canvas.drawString(MARGIN, y, note)
            y -= NOTE_LEADING
        report.footnotes.extend((number, note) for note in notes)
        canvas.showPage()
    canvas.save()
    return report
