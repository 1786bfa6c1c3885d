"""Shared fixtures for the reviewer workbench tests (parts A and B).

A small tagged batch is built in a temporary folder, laid out as `capneeds
tag` leaves it::

    tmp/reports/chad_report.pdf     a real 2-page PDF (reportlab), party Chad
    tmp/reports/rossiya.txt         Cyrillic text, party Russian Federation
    tmp/reports/hostile.txt         hostile and right-to-left text, no party
    tmp/results.jsonl               `capneeds tag --all` style records (needs and non-needs)
    tmp/results.jsonl.manifest.jsonl

Document paths in the records are relative (``reports/...``), as the tagger
writes them; the store resolves them beside the results file.

Fixtures: ``tagged`` (a :class:`TaggedBatch`: ``folder``, ``results``,
``records``, ``documents``), ``review_store`` (a :class:`ReviewStore` in
``tmp/review.sqlite`` with ``tagged.results`` loaded, closed after the test)
and ``make_batch`` (``make_batch(folder, records=None, fmt="jsonl",
manifest=True)`` builds another batch). :data:`HOSTILE` holds the hostile
statement texts so tests can look for them escaped.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PAGE_HEIGHT = 842.0  # A4, PDF points
LEFT = 72.0
FONT_SIZE = 10.0

SCRIPT = 'We lack funding <script>alert("xss")</script> for the mercury inventory by 2026.'
ONERROR = '<img src=x onerror="alert(1)"> Laboratory equipment is needed to monitor emissions.'
TEMPLATE = "Training {{ 7*7 }} {% if x %} & \"quotes\" ' </textarea></title> is required for customs officers."
PERCENT = 'About 100% of the "budget_line" remains unfunded; we need support.'
LONG = "The Party needs sustained financial support for the national inventory and for laboratories. " * 70
ARABIC = "تحتاج الدولة إلى تمويل لإنشاء مختبر وطني بحلول عام 2025."
HEBREW = "המדינה זקוקה למימון לבניית מעבדה לאומית."
CYRILLIC = "Стране необходимо финансирование для создания национальной лаборатории к 2027 году."
CYRILLIC_2 = "Министерство провело семинар для таможенных служащих."
BIDI = "Override \u202etxet desrever\u202c and a line\u2028separator with zero\u200bwidth: we need equipment."
HOSTILE = (SCRIPT, ONERROR, TEMPLATE, PERCENT, LONG, ARABIC, HEBREW, CYRILLIC, BIDI)

LABEL_NAMES = ("is_need", "equipment", "skills", "funding", "infrastructure", "has_activity", "has_timeline")


def _spans(text: str, words: list[str]) -> list[dict]:
    spans = []
    for word in words:
        if isinstance(word, dict):  # a span given as is (e.g. one in the lead-in)
            spans.append(word)
            continue
        start = text.find(word)
        assert start >= 0, (word, text)
        spans.append({"text": word, "start": start, "end": start + len(word)})
    return spans


def _record(doc: str, index: int, text: str, *, lang: str = "en", page: int | None = 1,
            needs: tuple[str, ...] = (), is_need: bool = True, activity: bool = False, timeline: bool = False,
            scores: dict | None = None, evidence: dict | None = None, lead_in: str = "",
            party: str | None = None, convention: str | None = None, year: str | None = None,
            bbox: list[float] | None = None, kind: str = "body") -> dict:
    needs = list(needs) if is_need else []
    activity, timeline = (activity, timeline) if is_need else (False, False)
    reasons = [] if not is_need else [
        r for r, missing in (("no_category", not needs), ("no_activity", not activity), ("no_timeline", not timeline))
        if missing
    ]
    base = {name: 0.05 for name in LABEL_NAMES}
    base["is_need"] = 0.9 if is_need else 0.1
    for name in needs:
        base[name] = 0.85
    if activity:
        base["has_activity"] = 0.8
    if timeline:
        base["has_timeline"] = 0.9
    base.update(scores or {})
    return {
        "id": f"{Path(doc).name}#{index}",
        "doc": doc,
        "party": party,
        "convention": convention,
        "year": year,
        "symbol": None,
        "page": page,
        "index": index,
        "kind": kind,
        "char_start": 10 * index,
        "char_end": 10 * index + len(text),
        "bbox": bbox,
        "lead_in": lead_in,
        "text": text,
        "lang": lang,
        "is_need": is_need,
        "needs": needs,
        "has_activity": activity,
        "has_timeline": timeline,
        "generic": bool(reasons),
        "reasons": reasons,
        "scores": base,
        "evidence": {label: _spans(text, words) for label, words in (evidence or {}).items()},
    }


def default_records() -> list[dict]:
    """The batch's records; bboxes of the PDF statements are filled in when the PDF is drawn."""
    chad = dict(party="Chad", convention="Minamata", year="2023")
    russia = dict(party="Russian Federation", convention="Stockholm", year="2022", page=1, lang="ru")
    pdf, txt, bad = "reports/chad_report.pdf", "reports/rossiya.txt", "reports/hostile.txt"
    return [
        _record(pdf, 1, "Chapter 3. Implementation of the Convention", is_need=False, kind="heading",
                scores={"is_need": 0.02}, **chad),
        _record(pdf, 2, "The country lacks funding for the national mercury inventory.", needs=("funding",),
                scores={"is_need": 0.97, "funding": 0.55}, evidence={"is_need": ["lacks"], "funding": ["funding"]},
                **chad),
        _record(pdf, 3, SCRIPT, needs=("funding",), timeline=True, scores={"is_need": 0.93, "funding": 0.9},
                evidence={"is_need": ["lack"], "funding": ["funding"], "has_timeline": ["by 2026"]}, **chad),
        _record(pdf, 4, ONERROR, needs=("equipment",), scores={"is_need": 0.62, "equipment": 0.7},
                evidence={"equipment": ["equipment"], "is_need": ["needed"]}, **chad),
        _record(pdf, 5, "Funding to build two laboratories by 2025", needs=("funding", "infrastructure"),
                activity=True, timeline=True, kind="list_item",
                lead_in="The following needs were identified:",
                scores={"is_need": 0.88, "funding": 0.91, "infrastructure": 0.81, "has_activity": 0.7},
                evidence={"funding": ["Funding"], "infrastructure": ["laboratories"], "has_timeline": ["by 2025"],
                          "is_need": [{"text": "needs", "start": 14, "end": 19, "in": "lead_in"}]}, **chad),
        _record(pdf, 6, TEMPLATE, page=2, needs=("skills",), scores={"is_need": 0.51, "skills": 0.6},
                evidence={"skills": ["Training"]}, **chad),
        _record(pdf, 7, PERCENT, page=2, needs=("funding",), scores={"is_need": 0.7, "funding": 0.45},
                evidence={"funding": ["unfunded"]}, **chad),
        _record(pdf, 8, "The workshop was held in N'Djamena in May.", page=2, is_need=False,
                scores={"is_need": 0.3}, **chad),
        _record(txt, 1, CYRILLIC, needs=("funding", "infrastructure"), timeline=True,
                scores={"is_need": 0.95, "funding": 0.92, "infrastructure": 0.66, "has_timeline": 0.8},
                evidence={"funding": ["финансирование"], "has_timeline": ["к 2027 году"]}, **russia),
        _record(txt, 2, CYRILLIC_2, is_need=False, scores={"is_need": 0.45}, **russia),
        _record(txt, 3, LONG, needs=("funding", "infrastructure"), scores={"is_need": 0.99, "funding": 0.97},
                evidence={"funding": ["financial support"]}, **russia | {"lang": "en"}),
        _record(bad, 1, ARABIC, lang="ar", page=1, is_need=False, scores={"is_need": 0.5}),
        dict(_record(bad, 2, HEBREW, lang="he", page=1, is_need=False), scores={}),  # no scores at all
        _record(bad, 3, BIDI, page=1, needs=("equipment",), scores={"is_need": 0.8, "equipment": 0.75},
                evidence={"equipment": ["equipment"]}),
    ]


def _write_pdf(path: Path, records: list[dict]) -> None:
    """A 2-page PDF that draws the statements of its pages, filling in their bboxes (top-left origin)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(595.0, PAGE_HEIGHT))
    for page in (1, 2):
        y = PAGE_HEIGHT - 80
        for record in (r for r in records if r["page"] == page):
            line = record["text"][:90]
            canvas.setFont("Helvetica", FONT_SIZE)
            canvas.drawString(LEFT, y, line)
            top = PAGE_HEIGHT - y - FONT_SIZE
            record["bbox"] = [LEFT, round(top, 2), round(LEFT + stringWidth(line, "Helvetica", FONT_SIZE), 2),
                              round(top + FONT_SIZE + 3, 2)]
            y -= 28
        canvas.showPage()
    canvas.save()


def write_results(folder: Path, records: list[dict], documents: dict[str, Path], fmt: str = "jsonl",
                  manifest: bool = True, name: str = "results") -> Path:
    """A results file of ``records`` (jsonl, or csv through the tagger's own CSV writer) and its manifest."""
    results = folder / f"{name}.{fmt}"
    if fmt == "jsonl":
        results.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    elif fmt == "csv":
        from pipeline.writers import CSV_COLUMNS, csv_row

        with results.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(csv_row(r) for r in records)
    else:
        raise ValueError(fmt)
    if manifest:
        lines = []
        for doc, path in documents.items():
            first = next(r for r in records if r["doc"] == doc)
            lines.append({"doc": doc, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "status": "done",
                          "statements": sum(r["doc"] == doc for r in records),
                          **{k: first[k] for k in ("party", "convention", "year", "symbol")}})
        (folder / f"{results.name}.manifest.jsonl").write_text(
            "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    return results


@dataclass
class TaggedBatch:
    folder: Path
    results: Path
    records: list[dict]
    documents: dict[str, Path] = field(default_factory=dict)


def build_batch(folder: Path, records: list[dict] | None = None, fmt: str = "jsonl", manifest: bool = True,
                name: str = "results") -> TaggedBatch:
    """Write the documents, a results file in ``fmt`` (jsonl or csv) and its manifest under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [dict(r) for r in (records if records is not None else default_records())]
    documents: dict[str, Path] = {}
    for doc in dict.fromkeys(r["doc"] for r in records):
        path = folder / doc
        path.parent.mkdir(parents=True, exist_ok=True)
        mine = [r for r in records if r["doc"] == doc]
        if doc.endswith(".pdf"):
            _write_pdf(path, mine)
        else:
            path.write_text("\n\n".join(r["text"] for r in mine), encoding="utf-8")
        documents[doc] = path
    results = write_results(folder, records, documents, fmt=fmt, manifest=manifest, name=name)
    return TaggedBatch(folder, results, records, documents)


@pytest.fixture
def make_batch():
    return build_batch


@pytest.fixture
def tagged(tmp_path: Path) -> TaggedBatch:
    return build_batch(tmp_path)


def loaded_database(path: Path, results: Path) -> Path:
    """A review database at ``path`` holding ``results``, closed again: for apps and commands that open it."""
    from pipeline.review.store import ReviewStore

    with ReviewStore(path) as store:
        store.load(results)
    return path


@pytest.fixture
def review_store(tagged: TaggedBatch):
    from pipeline.review.store import ReviewStore

    store = ReviewStore(tagged.folder / "review.sqlite")
    store.load(tagged.results)
    yield store
    store.close()


@pytest.fixture
def python_executable() -> str:
    return sys.executable
