"""Rendering a synthesis as one self-contained HTML page, Markdown or tidy CSV.

HTML and Markdown come from Jinja2 templates in ``templates/``; HTML is
autoescaped, so a statement, file name or error message holding markup shows
as text. The page loads nothing (inline CSS and SVG, a Content-Security-Policy
that forbids scripts and fetches), so it opens offline and prints as is.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import __version__
from ..errors import CapneedsError
from ..schema import CATEGORIES, REASONS
from .charts import bar_chart, stacked_chart
from .figures import Synthesis
from .load import METADATA_FIELDS
from .tidy import to_csv

FORMATS: tuple[str, ...] = ("html", "md", "csv")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def share(count: int, total: int) -> str:
    """A percentage for tables; a dash when there is nothing to divide by."""
    return f"{100 * count / total:.0f}%" if total else "–"


def markdown_cell(value: object) -> str:
    """Text for a Markdown table cell: one line, markup characters backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=lambda name: bool(name and name.endswith(".html.j2")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["share"] = share
    environment.filters["md"] = markdown_cell
    return environment


def _charts(synthesis: Synthesis) -> dict:
    overall = synthesis.overall
    reasons = [reason.replace("_", " ") for reason in REASONS]
    with_needs = [d for d in synthesis.read if d.tally.needs]
    return {
        "categories": bar_chart(
            "chart-categories",
            "Need statements per category",
            [(c, overall.tally.categories[c]) for c in CATEGORIES] + [("no category", overall.tally.no_category)],
        ),
        "reports": bar_chart(
            "chart-reports",
            f"Reports stating each category (of {overall.documents})",
            [(c, overall.documents_naming[c]) for c in CATEGORIES],
        ),
        "documents": stacked_chart(
            "chart-documents",
            "Reasons need statements are generic, per document",
            reasons,
            [(d.doc, [d.tally.reasons[r] for r in REASONS]) for d in with_needs],
        )
        if with_needs
        else None,
        "languages": stacked_chart(
            "chart-languages",
            "Reasons need statements are generic, per language",
            reasons,
            [(g.key, [g.tally.reasons[r] for r in REASONS]) for g in synthesis.languages],
        )
        if len(synthesis.languages) > 1
        else None,
    }


def render(synthesis: Synthesis, fmt: str) -> str:
    """The report text in ``fmt`` (html, md or csv)."""
    if fmt not in FORMATS:
        raise CapneedsError(f"unknown report format '{fmt}' (use {', '.join(FORMATS)})")
    if fmt == "csv":
        return to_csv(synthesis)
    context = {
        "s": synthesis,
        "categories": CATEGORIES,
        "reasons": REASONS,
        "metadata": [name for name in METADATA_FIELDS if synthesis.metadata_present(name)],
        "version": __version__,
    }
    if fmt == "html":
        context["charts"] = _charts(synthesis)
    return _environment().get_template(f"report.{fmt}.j2").render(context)


def write_report(synthesis: Synthesis, path: str | Path, fmt: str) -> None:
    """Write the report to ``path`` (UTF-8); an unwritable path is a one-line CapneedsError."""
    text = render(synthesis, fmt)
    try:
        Path(path).write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise CapneedsError(f"{path}: cannot write the report ({error.strerror})") from error
