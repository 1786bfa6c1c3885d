"""The synthesis report as a secretariat reads it: figures, sentences, safety, formats.

Every expected figure is counted here, in the test, straight from the records
and the manifest, and compared with what the generated page, Markdown or CSV
shows.
"""
from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from pipeline.errors import CapneedsError
from pipeline.report import build_synthesis, load_results, render, write_report

CATEGORIES = ("equipment", "skills", "funding", "infrastructure")
REASONS = ("no_category", "no_activity", "no_timeline")
HOSTILE_DOC = "reports/<img src=x onerror=alert(1)>.pdf"
HOSTILE_PARTY = "Peru<script>alert('party')</script>"
HOSTILE_TERM = "<script>alert(2)</script>"
HOSTILE_ERROR = 'encrypted PDF <b onmouseover="alert(3)">needs a password</b>'


def _record(doc, index, lang, needs=(), activity=False, timeline=False, *, is_need=True, meta=None, evidence=None):
    """A record as `capneeds tag` writes it."""
    reasons = []
    if is_need:
        reasons = [r for r, missing in zip(REASONS, (not needs, not activity, not timeline)) if missing]
    record = {
        "id": f"{doc.rsplit('/', 1)[-1]}#{index}",
        "doc": doc,
        "page": 1,
        "index": index,
        "kind": "body",
        "char_start": 0,
        "char_end": 10,
        "bbox": None,
        "lead_in": "",
        "text": f"Statement {index} of {doc},\n\u2028 <script>alert('text')</script>",
        "lang": lang,
        "is_need": is_need,
        "needs": list(needs),
        "has_activity": activity,
        "has_timeline": timeline,
        "generic": bool(reasons),
        "reasons": reasons,
        "scores": {"is_need": 0.9 if is_need else 0.1},
        "evidence": {c: [{"text": word, "start": 0, "end": len(word)}] for c, word in (evidence or {}).items()},
    }
    record.update({"party": None, "convention": None, "year": None, "symbol": None} | (meta or {}))
    return record


CHAD = {"party": "Chad", "convention": "Minamata", "year": "2024", "symbol": "UNEP/MC/COP.6/NR/TCD"}
MALI = {"party": "Mali", "convention": "Minamata", "year": "2023"}
PERU = {"party": HOSTILE_PARTY, "convention": "Basel", "year": "2024"}
RECORDS = [
    _record("reports/chad.pdf", 3, "en", ["funding", "skills"], True, True,
            meta=CHAD, evidence={"funding": "Funds", "skills": "training"}),
    _record("reports/chad.pdf", 5, "en", meta=CHAD),
    _record("reports/chad.pdf", 8, "en", ["funding"], meta=CHAD, evidence={"funding": "financial  resources"}),
    _record("reports/chad.pdf", 9, "en", is_need=False, meta=CHAD),
    _record("reports/chad.pdf", 11, "en", meta=CHAD),
    _record("reports/mali.pdf", 2, "fr", ["equipment"], True, False, meta=MALI, evidence={"equipment": "équipements"}),
    _record("reports/mali.pdf", 4, "fr", ["funding"], True, True, meta=MALI, evidence={"funding": "FUNDS"}),
    _record("reports/mali.pdf", 7, "fr", meta=MALI),
    _record(HOSTILE_DOC, 1, "es", ["infrastructure", "funding"], False, True, meta=PERU,
            evidence={"infrastructure": HOSTILE_TERM, "funding": "funds"}),
    _record(HOSTILE_DOC, 6, "es", ["skills"], True, True, meta=PERU, evidence={"skills": "capacitación"}),
    _record(HOSTILE_DOC, 9, "en", ["funding"], False, False, meta=PERU),
]
MANIFEST = [
    {"doc": "reports/mali.pdf", "status": "failed", "error": "stale line, replaced below", "statements": 0},
    {"doc": "reports/chad.pdf", "status": "done", "statements": 120, "needs": 4, "error": None} | CHAD,
    {"doc": "reports/mali.pdf", "status": "done", "statements": 80, "needs": 3, "error": None} | MALI,
    {"doc": HOSTILE_DOC, "status": "done", "statements": 45, "needs": 3, "error": None} | PERU,
    {"doc": "reports/niger.pdf", "status": "done", "statements": 30, "needs": 0, "error": None,
     "party": "Niger", "convention": "Basel", "year": "2024", "symbol": None},
    {"doc": "reports/locked.pdf", "status": "failed", "statements": None, "needs": None, "error": HOSTILE_ERROR,
     "party": None, "convention": None, "year": None, "symbol": None},
]


def _jsonl(path, items):
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


@pytest.fixture
def results(tmp_path):
    """needs.jsonl with its manifest, as a batch run leaves them."""
    path = _jsonl(tmp_path / "needs.jsonl", RECORDS)
    _jsonl(tmp_path / "needs.jsonl.manifest.jsonl", MANIFEST)
    return path


def _report(results_path, fmt, tmp_path):
    out = tmp_path / f"synthesis.{fmt}"
    write_report(build_synthesis(*load_results(results_path)), out, fmt)
    return out.read_text(encoding="utf-8")


def _soup(results_path, tmp_path):
    return BeautifulSoup(_report(results_path, "html", tmp_path), "html.parser")


# -- the figures, counted independently -------------------------------------------------------

def _expected(records, manifest):
    """What the report must say, counted the plain way."""
    docs = {line["doc"]: line for line in manifest}  # the last line of a document wins
    read = sorted(doc for doc, line in docs.items() if line["status"] == "done")
    needs = [r for r in records if r["is_need"] and r["doc"] in read]

    def counts(group):
        row = {"needs": len(group)}
        row |= {f"needs_{c}": sum(c in r["needs"] for r in group) for c in CATEGORIES}
        row["needs_no_category"] = sum(not r["needs"] for r in group)
        row["generic"] = sum(r["generic"] for r in group)
        row |= {f"generic_{reason}": sum(reason in r["reasons"] for r in group) for reason in REASONS}
        return row

    def naming(group):
        return {c: len({r["doc"] for r in group if c in r["needs"]}) for c in CATEGORIES}

    parties = {}
    for doc in read:
        if docs[doc].get("party"):
            parties.setdefault(docs[doc]["party"], []).extend(r for r in needs if r["doc"] == doc)
    return {
        "read": read,
        "failed": sorted(doc for doc, line in docs.items() if line["status"] == "failed"),
        "statements": sum(docs[doc]["statements"] for doc in read),
        "all": counts(needs),
        "docs_naming": naming(needs),
        "docs_with_needs": len({r["doc"] for r in needs}),
        "documents": {doc: counts([r for r in needs if r["doc"] == doc]) for doc in read},
        "languages": {
            lang: counts([r for r in needs if r["lang"] == lang]) for lang in sorted({r["lang"] for r in records})
        },
        "parties": {party: counts(group) for party, group in parties.items()},
        "parties_naming": {c: sum(1 for group in parties.values() if naming(group)[c]) for c in CATEGORIES},
    }


EXPECTED = _expected(RECORDS, MANIFEST)


def _rows(soup, table_id):
    """{row key: {measure: cell text}} of a report table."""
    return {
        tr["data-key"]: {cell["data-measure"]: cell.get_text(strip=True) for cell in tr.select("td[data-measure]")}
        for tr in soup.select(f"#{table_id} tbody tr")
    }


def _ints(row):
    return {measure: int(value) for measure, value in row.items() if value.isdigit()}


def test_summary_sentences_come_first_and_state_the_figures(results, tmp_path):
    soup = _soup(results, tmp_path)
    sections = soup.find_all("section")
    assert sections[0]["id"] == "summary"
    sentences = [li.get_text() for li in soup.select("#summary li")]
    assert sentences == [
        "4 reports were read; 10 need statements were found in them.",
        "1 report could not be read (listed under Failed documents).",
        "Of 4 reports, 3 state at least one need.",
        "Of 4 reports, 1 states equipment needs.",
        "Of 4 reports, 2 state skills needs.",
        "Of 4 reports, 3 state funding needs.",
        "Of 4 reports, 1 states infrastructure needs.",
        "7 of 10 need statements are generic: a category, an activity or a timeline is missing.",
        "3 of 10 need statements name no equipment, skills, funding or infrastructure.",
        "6 of 10 need statements name no concrete activity.",
        "6 of 10 need statements give no timeline.",
        "Parties: 1 of 4 parties with metadata states equipment needs.",
        "Parties: 2 of 4 parties with metadata state skills needs.",
        "Parties: 3 of 4 parties with metadata state funding needs.",
        "Parties: 1 of 4 parties with metadata states infrastructure needs.",
    ]
    # the same sentences, rebuilt from the independent counts
    read, figures = len(EXPECTED["read"]), EXPECTED["all"]
    assert f"Of {read} reports, {EXPECTED['docs_naming']['funding']} state funding needs." in sentences
    assert f"{figures['generic_no_timeline']} of {figures['needs']} need statements give no timeline." in sentences
    assert (
        f"{figures['needs_no_category']} of {figures['needs']} need statements name no equipment, skills, "
        "funding or infrastructure." in sentences
    )
    parties = len(EXPECTED["parties"])
    funding_parties = EXPECTED["parties_naming"]["funding"]
    assert f"Parties: {funding_parties} of {parties} parties with metadata state funding needs." in sentences


def test_html_tables_match_the_records(results, tmp_path):
    soup = _soup(results, tmp_path)
    totals = {td["data-measure"]: int(td.get_text()) for td in soup.select("#totals-table td")}
    assert totals == {
        "documents_in_batch": 5,
        "documents_read": len(EXPECTED["read"]),
        "documents_failed": len(EXPECTED["failed"]),
        "statements": EXPECTED["statements"],
        "records": len(RECORDS),
        "needs": EXPECTED["all"]["needs"],
        "generic": EXPECTED["all"]["generic"],
    }
    categories = _rows(soup, "categories-table")
    for c in CATEGORIES:
        assert int(categories[c][f"needs_{c}"]) == EXPECTED["all"][f"needs_{c}"]
        assert int(categories[c][f"documents_needs_{c}"]) == EXPECTED["docs_naming"][c]
        assert int(categories[c][f"parties_needs_{c}"]) == EXPECTED["parties_naming"][c]
    assert int(categories["no category"]["needs_no_category"]) == EXPECTED["all"]["needs_no_category"]
    generic = _rows(soup, "generic-table")
    assert int(generic["generic"]["generic"]) == EXPECTED["all"]["generic"]
    for reason in REASONS:
        assert int(generic[reason][f"generic_{reason}"]) == EXPECTED["all"][f"generic_{reason}"]

    documents = _rows(soup, "documents-table")
    assert sorted(documents) == EXPECTED["read"]  # failed documents are listed apart
    for doc, row in documents.items():
        expected = {k: v for k, v in EXPECTED["documents"][doc].items() if k != "generic_no_category"}
        assert {k: int(row[k]) for k in expected} == expected
    assert documents["reports/niger.pdf"]["statements"] == "30"
    assert documents["reports/chad.pdf"]["metadata"] == "Chad · Minamata · 2024 · UNEP/MC/COP.6/NR/TCD"
    assert documents["reports/mali.pdf"]["metadata"] == "Mali · Minamata · 2023 · –"
    assert documents[HOSTILE_DOC]["languages"] == "en, es"

    languages = _rows(soup, "languages-table")
    assert {k: _ints(v)["needs_funding"] for k, v in languages.items()} == {
        lang: row["needs_funding"] for lang, row in EXPECTED["languages"].items()
    }
    parties = _rows(soup, "parties-table")
    assert sorted(parties) == sorted(EXPECTED["parties"])
    for party, row in parties.items():
        assert _ints(row)["needs"] == EXPECTED["parties"][party]["needs"]
        assert _ints(row)["generic_no_timeline"] == EXPECTED["parties"][party]["generic_no_timeline"]
    assert _ints(parties["Niger"])["documents"] == 1 and _ints(parties["Niger"])["needs"] == 0
    conventions = _rows(soup, "conventions-table")
    assert {k: _ints(v)["documents"] for k, v in conventions.items()} == {"Basel": 2, "Minamata": 2}
    assert _ints(conventions["Minamata"])["needs"] == 7

    failed = [[cell.get_text() for cell in tr.find_all(["th", "td"])] for tr in soup.select("#failed-table tbody tr")]
    assert failed == [["reports/locked.pdf", HOSTILE_ERROR]]


def test_evidence_terms_are_casefolded_and_counted_per_category(results, tmp_path):
    soup = _soup(results, tmp_path)
    terms = {}
    for tr in soup.select("#evidence-table tbody tr"):
        mentions = int(tr.select_one('td[data-measure="mentions"]').get_text())
        terms.setdefault(tr["data-key"], []).append((tr.td.get_text(), mentions))
    assert terms["funding"] == [("funds", 3), ("financial resources", 1)]
    assert terms["infrastructure"] == [(HOSTILE_TERM, 1)]
    assert terms["equipment"] == [("équipements", 1)]


def test_html_is_self_contained_and_shows_hostile_text_as_text(results, tmp_path):
    html = _report(results, "html", tmp_path)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert not soup.find_all(["script", "link", "iframe", "img", "object", "embed"])
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag.name
    assert "<img src=x" not in html and "<script>" not in html
    text = soup.get_text()
    assert HOSTILE_DOC in text and HOSTILE_PARTY in text and HOSTILE_TERM in text and HOSTILE_ERROR in text
    # statement text is not shown at all, so its markup cannot leak either
    assert "alert('text')" not in html


def test_charts_are_inline_svg_readable_without_the_picture(results, tmp_path):
    soup = _soup(results, tmp_path)
    charts = {svg.title.get_text(): svg for svg in soup.find_all("svg")}
    assert set(charts) == {
        "Need statements per category",
        "Reports stating each category (of 4)",
        "Reasons need statements are generic, per document",
        "Reasons need statements are generic, per language",
    }
    for svg in charts.values():
        assert svg.get("role") == "img" and svg.desc.get_text()
    figures = EXPECTED["all"]
    bars = charts["Need statements per category"]
    assert f"funding: {figures['needs_funding']}" in bars.desc.get_text()
    assert f"no category: {figures['needs_no_category']}" in bars.desc.get_text()
    widths = {rect.title.get_text(): float(rect["width"]) for rect in bars.find_all("rect")}
    assert max(widths, key=widths.get) == f"funding: {figures['needs_funding']}"
    stacked = charts["Reasons need statements are generic, per document"]
    assert HOSTILE_DOC in stacked.desc.get_text()  # escaped, then shown as text
    chad = EXPECTED["documents"]["reports/chad.pdf"]
    assert f"reports/chad.pdf: no category {chad['generic_no_category']}" in stacked.desc.get_text()


def test_markdown_has_the_sentences_and_tables(results, tmp_path):
    md = _report(results, "md", tmp_path)
    assert "- Of 4 reports, 3 state funding needs." in md
    assert "- 6 of 10 need statements give no timeline." in md
    figures = EXPECTED["all"]
    assert f"| funding | {figures['needs_funding']} | " in md
    assert f"| no timeline | {figures['generic_no_timeline']} | " in md
    assert "| reports/locked.pdf | " in md
    assert not re.search(r"(?<!\\)<(script|img|b )", md)  # markup only as backslash-escaped text
    assert r"reports/\<img src=x onerror=alert(1)\>.pdf" in md
    assert "HTML report" in md  # says where the charts are
    table_lines = [line for line in md.splitlines() if line.startswith("|")]
    header = next(line for line in table_lines if line.startswith("| Document | Party"))
    width = header.count("|")
    row = next(line for line in table_lines if line.startswith("| reports/chad.pdf"))
    assert row.count("|") == width  # escaped pipes do not add cells
    assert "| reports/chad.pdf | Chad | Minamata | 2024 | UNEP/MC/COP.6/NR/TCD | en | 120 | 4 | " in md


def test_csv_is_tidy_and_matches(results, tmp_path):
    rows = list(csv.reader(io.StringIO(_report(results, "csv", tmp_path))))
    assert rows[0] == ["scope", "key", "measure", "value"]
    values = {(scope, key, measure): value for scope, key, measure, value in rows[1:]}
    assert len(values) == len(rows) - 1  # one row per figure
    figures = EXPECTED["all"]
    for measure, value in figures.items():
        assert values[("all", "", measure)] == str(value)
    assert values[("all", "", "documents_read")] == "4"
    assert values[("all", "", "statements")] == str(EXPECTED["statements"])
    for c in CATEGORIES:
        assert values[("all", "", f"documents_needs_{c}")] == str(EXPECTED["docs_naming"][c])
        assert values[("all", "", f"parties_needs_{c}")] == str(EXPECTED["parties_naming"][c])
    for doc, counts in EXPECTED["documents"].items():
        for measure, value in counts.items():
            assert values[("document", doc, measure)] == str(value)
    assert values[("document", "reports/locked.pdf", "status")] == "failed"
    assert values[("document", "reports/locked.pdf", "error")] == HOSTILE_ERROR
    assert values[("language", "fr", "needs")] == str(EXPECTED["languages"]["fr"]["needs"])
    assert values[("party", "Niger", "documents")] == "1"
    assert values[("evidence_funding", "funds", "mentions")] == "3"


def test_csv_defuses_spreadsheet_formulas(tmp_path):
    records = [_record("=HYPERLINK(\"http://x\").pdf", 1, "en", ["funding"], meta={"party": "@SUM(A1)"})]
    text = render(build_synthesis(records), "csv")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert not any(line.split(",", 2)[1].startswith(("=", "@")) for line in text.splitlines()[1:])


def test_same_input_gives_identical_bytes(results, tmp_path):
    shuffled = list(RECORDS)
    random.Random(7).shuffle(shuffled)
    manifest = MANIFEST[:1] + list(reversed(MANIFEST[1:]))
    for fmt in ("html", "md", "csv"):
        first = _report(results, fmt, tmp_path)
        assert _report(results, fmt, tmp_path) == first
        assert render(build_synthesis(shuffled, manifest), fmt) == first


def test_csv_results_give_the_same_report_as_jsonl(tmp_path):
    """The CSV that `capneeds tag` writes (pipeline.writers) reads back to the same figures."""
    from pipeline.writers import csv_row, csv_text, jsonl_text  # imported here: it loads the model stack (~5 s)

    records = [{k: v for k, v in r.items() if k not in ("party", "convention", "year", "symbol")} for r in RECORDS]
    (tmp_path / "needs.csv").write_text(csv_text((csv_row(r) for r in records), header=True), encoding="utf-8", newline="")
    (tmp_path / "needs.jsonl").write_text(jsonl_text(records), encoding="utf-8")
    for fmt in ("html", "md", "csv"):
        assert _report(tmp_path / "needs.csv", fmt, tmp_path) == _report(tmp_path / "needs.jsonl", fmt, tmp_path)


def test_csv_with_metadata_columns_and_manifest(tmp_path):
    path = tmp_path / "needs.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "doc", "party", "convention", "lang", "is_need", "needs", "generic", "reasons", "evidence"]
        )
        writer.writerow(["a#1", "a.pdf", "Chad", "", "en", "True", "funding;skills", "True", "no_timeline",
                         json.dumps({"funding": [{"text": "Budget"}]})])
        writer.writerow(["a#2", "a.pdf", "Chad", "", "en", "False", "", "False", "", "{}"])
        writer.writerow(["b#1", "b.pdf", "", "", "fr", "True", "", "True", "no_category;no_activity;no_timeline", ""])
    _jsonl(tmp_path / "needs.csv.manifest.jsonl", [
        {"doc": "a.pdf", "status": "done", "statements": 10},
        {"doc": "b.pdf", "status": "done", "statements": 5},
        {"doc": "c.pdf", "status": "done", "statements": 7, "party": "Mali"},
    ])
    soup = _soup(path, tmp_path)
    sentences = [li.get_text() for li in soup.select("#summary li")]
    assert sentences[:3] == [
        "3 reports were read; 2 need statements were found in them.",
        "Of 3 reports, 2 state at least one need.",
        "Of 3 reports, none state equipment needs.",
    ]
    assert "Parties: 1 of 2 parties with metadata states funding needs." in sentences
    assert "1 of 2 need statements names no equipment, skills, funding or infrastructure." in sentences
    assert "2 of 2 need statements give no timeline." in sentences
    assert soup.select_one("#conventions p.note").get_text().startswith("No convention in these results")
    assert not soup.select("#conventions-table")
    assert _rows(soup, "evidence-table") == {"funding": {"mentions": "1"}}
    assert "None: every document in the manifest was read." in soup.select_one("#failed").get_text()


def test_without_manifest_documents_are_those_of_the_records(tmp_path):
    no_meta = {"party": None, "convention": None, "year": None, "symbol": None}
    records = [r | no_meta for r in RECORDS if r["doc"] != HOSTILE_DOC]
    soup = _soup(_jsonl(tmp_path / "needs.jsonl", records), tmp_path)
    assert sorted(_rows(soup, "documents-table")) == ["reports/chad.pdf", "reports/mali.pdf"]
    assert "No manifest beside the results file" in soup.select_one("#totals").get_text()
    assert not soup.select('#totals-table td[data-measure="statements"]')
    assert soup.select_one("#failed p.note").get_text().startswith("Not known")
    assert soup.select_one("#parties p.note").get_text().startswith("No party in these results")
    sentences = [li.get_text() for li in soup.select("#summary li")]
    assert sentences[0] == "2 reports were read; 7 need statements were found in them."
    assert not [s for s in sentences if s.startswith("Parties:")]


def test_singular_and_zero_wording(tmp_path):
    one = build_synthesis([_record("a.pdf", 1, "ru", ["equipment"], True, True)])
    assert one.sentences == (
        "1 report was read; 1 need statement was found in them.",
        "Of 1 report, 1 states at least one need.",
        "Of 1 report, 1 states equipment needs.",
        "Of 1 report, none state skills needs.",
        "Of 1 report, none state funding needs.",
        "Of 1 report, none state infrastructure needs.",
        "The need statement is specific: a category, an activity and a timeline are named.",
        "The need statement names equipment, skills, funding or infrastructure.",
        "The need statement names a concrete activity.",
        "The need statement gives a timeline.",
    )
    nothing = build_synthesis([], [{"doc": "a.pdf", "status": "done", "statements": 3},
                                   {"doc": "b.pdf", "status": "failed", "error": "empty file"}])
    assert nothing.sentences == (
        "1 report was read; no need statement was found in them.",
        "1 report could not be read (listed under Failed documents).",
        "Of 1 report, none state at least one need.",
        *(f"Of 1 report, none state {c} needs." for c in CATEGORIES),
    )
    assert build_synthesis([], [{"doc": "b.pdf", "status": "failed"}]).sentences[0] == "No report could be read."


def test_empty_results_with_manifest_is_a_batch_without_needs(tmp_path):
    path = tmp_path / "needs.jsonl"
    path.write_text("", encoding="utf-8")
    _jsonl(tmp_path / "needs.jsonl.manifest.jsonl", [{"doc": "a.pdf", "status": "done", "statements": 12}])
    assert "no need statement was found" in _report(path, "md", tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("needs.jsonl", None, "no such file"),
        ("needs.jsonl", "", "empty results file"),
        ("needs.jsonl", json.dumps(RECORDS[0]) + "\n{not json\n", ":2: not valid JSON"),
        ("needs.jsonl", '["a list"]\n', ":1: a record must be a JSON object"),
        ("needs.jsonl", '{"text": "no labels"}\n', ':1: the record has no "is_need" field'),
        ("needs.jsonl", json.dumps(RECORDS[0] | {"needs": ["money"]}) + "\n", ":1: needs has unknown label 'money'"),
        ("needs.csv", "doc,is_need\na.pdf,True\nb.pdf,maybe\n", ":3: is_need is 'maybe', expected True or False"),
        ("needs.csv", "doc,is_need\na.pdf,True,extra\n", ":2: more cells than the header"),
        ("needs.jsonl", b"\xff\xfe\x00garbage", "not UTF-8 text"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CapneedsError) as raised:
        load_results(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_bad_manifest_line_names_the_manifest(results):
    manifest = results.with_name("needs.jsonl.manifest.jsonl")
    manifest.write_text('{"doc": "a.pdf", "status": "done"}\n{"doc": "b.pdf", "status": "lost"}\n', encoding="utf-8")
    with pytest.raises(CapneedsError, match=re.escape(f"{manifest}:2: status is 'lost', expected done or failed")):
        load_results(results)


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes "import pyarrow" fail
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    path = tmp_path / "needs.parquet"
    path.write_bytes(b"PAR1")
    with pytest.raises(CapneedsError, match=re.escape("reading .parquet needs pyarrow: pip install capneeds[parquet]")):
        load_results(path)


def test_api_errors_are_capneeds_errors(tmp_path):
    synthesis = build_synthesis(RECORDS)
    with pytest.raises(CapneedsError, match="unknown report format 'pdf'"):
        write_report(synthesis, tmp_path / "x.pdf", "pdf")
    with pytest.raises(CapneedsError, match="cannot write the report"):
        write_report(synthesis, tmp_path / "missing" / "x.html", "html")
    with pytest.raises(CapneedsError, match="record 2: generic is 'often'"):
        build_synthesis([RECORDS[0], RECORDS[1] | {"generic": "often"}])


def _chromium():
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no chromium binary")
def test_page_renders_offline_in_headless_chromium(results, tmp_path):
    image_module = pytest.importorskip("PIL.Image")
    page = tmp_path / "synthesis.html"
    write_report(build_synthesis(*load_results(results)), page, "html")
    png = tmp_path / "synthesis.png"
    subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={png}", "--window-size=1200,2000", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    assert png.exists() and png.stat().st_size > 20_000
    with image_module.open(png) as image:
        rgb = image.convert("RGB")
        assert rgb.size == (1200, 2000)
        colours = rgb.getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # text, tables and bars, not a blank page
    funding_green = sum(count for count, colour in colours if colour == (0, 158, 115))
    assert funding_green > 1000  # the funding bars of the SVG charts were drawn
