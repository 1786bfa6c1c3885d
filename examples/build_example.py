"""Builds examples/minamata_report_example.pdf, the report the README tags.

The text is an invented short national report under the Minamata Convention
by a fictional Party, written for capneeds; run `python examples/build_example.py`
(needs reportlab, from the test extra) to rebuild the PDF after editing it.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "minamata_report_example.pdf"

SECTIONS = [
    ("1. Introduction", [
        "This report is submitted by the Republic of Lindovia pursuant to Article 21 of the Minamata "
        "Convention on Mercury and covers the period from 2021 to 2024.",
        "The Ministry of Environment coordinated its preparation with the ministries of health, mining "
        "and finance, and with the customs administration.",
    ]),
    ("2. Artisanal and small-scale gold mining", [
        "The national action plan for artisanal and small-scale gold mining was adopted in March 2022 "
        "and is implemented in the provinces of Orvan and Tesk.",
        "Around 40,000 miners still use mercury amalgamation, mostly in informal sites far from any "
        "health facility.",
        "Lindovia lacks the resources to fully implement the national action plan.",
        "To reduce mercury use, the Ministry of Mining needs financial support of USD 1.2 million to set "
        "up 12 mercury-free processing centres in Orvan province between 2025 and 2027.",
    ]),
    ("3. Mercury-added products", [
        "Imports of mercury thermometers were banned by ministerial order No. 45 of 2020.",
        "The customs administration has no portable analysers to check the mercury content of lamps and "
        "batteries at the border.",
        "The following needs were identified by the national committee:",
    ]),
]

NEEDS_LIST = [
    "training of 60 customs officers in the identification of mercury-added products by the end of 2026;",
    "construction of a temporary storage facility for mercury waste from hospitals;",
    "further capacity-building.",
]

CLOSING = [
    ("4. Cooperation", [
        "In 2023 Japan funded a regional workshop on mercury inventories held in the capital.",
        "Lindovia would welcome technical assistance to update its inventory of mercury releases "
        "from the cement sector before the sixth meeting of the Conference of the Parties.",
    ]),
]


def _header_footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(72, A4[1] - 40, "Lindovia - National report under the Minamata Convention (2024)")
    canvas.drawRightString(A4[0] - 72, 30, f"Page {document.page}")
    canvas.restoreState()


def build(path: Path = OUTPUT) -> Path:
    styles = getSampleStyleSheet()
    story = [Paragraph("National report of the Republic of Lindovia", styles["Title"])]

    def add_sections(sections):
        for heading, paragraphs in sections:
            story.append(Paragraph(heading, styles["Heading2"]))
            for text in paragraphs:
                story.append(Paragraph(text, styles["BodyText"]))
                story.append(Spacer(1, 6))

    add_sections(SECTIONS[:2])
    story.append(PageBreak())
    add_sections(SECTIONS[2:])
    item_style = ParagraphStyle("item", parent=styles["BodyText"], leftIndent=18)
    for letter, text in zip("abc", NEEDS_LIST):
        story.append(Paragraph(f"{letter}) {text}", item_style))
    add_sections(CLOSING)
    SimpleDocTemplate(str(path), pagesize=A4, title="Lindovia national report (example)").build(
        story, onFirstPage=_header_footer, onLaterPages=_header_footer
    )
    return path


if __name__ == "__main__":
    print(build())
