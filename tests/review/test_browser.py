"""The reviewer workbench in a real browser: Playwright for Python driving Debian's chromium, headless.

A new reviewer's path: open the queue, filter it (party, category, generic),
open a statement, correct it with the keyboard only, reload and find the
correction kept, correct two more by keyboard (with an undo on the way),
then export with the CLI function and check the corpus lines.

Skipped only when chromium or Playwright is missing (CI installs both).
"""
from __future__ import annotations

import argparse
import json
import shutil
import threading
from types import SimpleNamespace

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("/usr/bin/chromium")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary")]

from werkzeug.serving import make_server  # noqa: E402

from pipeline.corpus import validation_problems  # noqa: E402
from pipeline.review import commands  # noqa: E402
from pipeline.review.app import create_app, review_store  # noqa: E402

from .conftest import SCRIPT, loaded_database  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture
def server(tagged, tmp_path):
    """The app over the conftest batch, served by werkzeug on a free loopback port in a thread."""
    db = loaded_database(tmp_path / "review.sqlite", tagged.results)
    app = create_app(db, page_cache=tmp_path / "pages")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{httpd.server_port}", db=db)
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()
    review_store(app).close()


@pytest.fixture
def browser_page():
    """A chromium page, and the problems it met: JS errors, console errors (e.g. CSP), dialogs (e.g. alert)."""
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.set_default_timeout(TIMEOUT_MS)
        problems: list[str] = []

        def dialog(d) -> None:
            problems.append(f"dialog: {d.message}")
            d.dismiss()

        page.on("dialog", dialog)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        try:
            yield page, problems
        finally:
            browser.close()


def press(page, key: str) -> None:
    """Press a key that saves or moves (POST then redirect, or a link) and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def pressed(page, label: str) -> str:
    return page.get_attribute(f"#toggle-{label}", "aria-pressed")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="capneeds")
    commands.configure(parser.add_subparsers(dest="command").add_parser("review"))
    return parser.parse_args(["review", *argv])


def test_filter_correct_by_keyboard_reload_and_export(server, browser_page, tmp_path):
    page, problems = browser_page
    expect = sync_api.expect

    # the queue, filtered to the generic funding needs of one party
    page.goto(f"{server.url}/queue")
    page.select_option("select[name=party]", "Chad")
    page.select_option("select[name=category]", "funding")
    page.select_option("select[name=generic]", "true")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    expect(page.locator("#queue tbody tr")).to_have_count(3)
    assert "3 in this selection" in page.inner_text("#counts")
    assert "0 reviewed" in " ".join(page.inner_text("#counts").split())

    # open the first statement with the keyboard
    page.keyboard.press("j")
    press(page, "o")
    statement_url = page.url
    assert "/statements/" in statement_url and "party=Chad" in statement_url and "category=funding" in statement_url
    assert page.inner_text("#text") == "The country lacks funding for the national mercury inventory."
    expect(page.locator("#page-image")).to_be_visible()
    assert page.evaluate("document.getElementById('page-image').naturalWidth") > 500

    # the first decision asks for the reviewer's name, once; then back to the statement
    press(page, "c")
    assert "/reviewer" in page.url
    expect(page.locator("#reviewer-name")).to_be_focused()  # autofocus lands after the load event
    page.keyboard.type("Alice Keyboard")
    press(page, "Enter")
    assert page.url == statement_url
    assert pressed(page, "has_activity") == "false"

    # correction 1: a concrete activity (the national inventory), saved at once
    press(page, "c")
    assert pressed(page, "has_activity") == "true"
    page.reload()
    assert pressed(page, "has_activity") == "true"
    assert "latest decision by Alice Keyboard" in page.inner_text("#labels")
    assert "no timeline" in page.inner_text("#labels")  # generic and its reasons follow

    # a accepts the labels shown and moves on inside the filtered queue
    press(page, "a")
    assert page.url != statement_url and "party=Chad" in page.url
    assert page.inner_text("#text") == SCRIPT  # the <script> shows as text (no dialog, see problems)
    # correction 2: activity on; funding and the timeline stay -> specific
    press(page, "c")
    assert pressed(page, "has_activity") == "true"
    assert "specific" in page.inner_text("#labels")

    # correction 3 on the next statement: a slip undone, then "not a need"
    press(page, "j")
    assert "budget_line" in page.inner_text("#text")
    press(page, "1")
    assert pressed(page, "equipment") == "true"
    press(page, "u")
    assert pressed(page, "equipment") == "false"
    assert "Undone" in page.inner_text("body")
    press(page, "n")
    assert pressed(page, "is_need") == "false" and pressed(page, "funding") == "false"
    page.reload()
    assert pressed(page, "is_need") == "false"

    # back with k: the second correction is kept too
    press(page, "k")
    assert page.inner_text("#text") == SCRIPT and pressed(page, "has_activity") == "true"

    # ? shows the shortcuts; p hides the page image
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_have_attribute("open", "")
    assert "switch funding on or off" in page.inner_text("#shortcuts")
    page.keyboard.press("Escape")
    page.keyboard.press("p")
    expect(page.locator("#page-view")).to_be_hidden()

    # the queue counts the three reviewed statements
    press(page, "q")
    counts = " ".join(page.inner_text("#counts").split())
    assert "3 reviewed" in counts and "0 remaining" in counts
    assert problems == []

    # export with the CLI function: the corrections, as corpus lines that validate
    out = tmp_path / "corpora" / "reviewed" / "alice.jsonl"
    assert commands.run(parse(["export", "--db", str(server.db), "-o", str(out)])) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [validation_problems(line) for line in lines] == [[], [], []]
    by_text = {line["text"]: line for line in lines}
    assert {line["reviewer"] for line in lines} == {"Alice Keyboard"}
    first = by_text["The country lacks funding for the national mercury inventory."]
    assert (first["is_need"], first["needs"], first["has_activity"], first["has_timeline"]) == (True, ["funding"], True, False)
    assert (first["generic"], first["reasons"]) == (True, ["no_timeline"])
    second = by_text[SCRIPT]
    assert (second["needs"], second["has_activity"], second["has_timeline"], second["generic"]) == (["funding"], True, True, False)
    third = next(line for text, line in by_text.items() if "budget_line" in text)
    assert (third["is_need"], third["needs"], third["generic"], third["reasons"]) == (False, [], False, [])
    assert all(line["country"] == "Chad" and line["lang"] == "en" for line in lines)
