"""Request-level tests of every route of the review app (Flask's test client), and of `capneeds review`'s handling.

The batch comes from conftest.py: a real 2-page PDF with statement boxes, a
Cyrillic text file and a file of hostile statements (HTML/JS, template
syntax, very long, right-to-left, bidi controls).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import socket
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest


from pipeline.corpus import validation_problems
from pipeline.errors import CapneedsError
from pipeline.review import app as app_module
from pipeline.review import commands
from pipeline.review.app import REVIEWER_COOKIE, clean_reviewer, create_app, highlight, review_store, safe_next
from pipeline.review.store import Filters, ReviewStore

from .conftest import ARABIC, BIDI, CYRILLIC, HEBREW, HOSTILE, LONG, ONERROR, SCRIPT, TEMPLATE, loaded_database

TOKEN = "a-long-enough-token-123"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --------------------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def app(tagged, tmp_path):
    """The app over a database holding the conftest batch."""
    db = loaded_database(tmp_path / "review.sqlite", tagged.results)
    application = create_app(db, page_cache=tmp_path / "pages", testing=True)
    yield application
    review_store(application).close()


@pytest.fixture
def store(app) -> ReviewStore:
    return review_store(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def alice(client):
    """A client whose reviewer is Alice and which knows its CSRF token."""
    client.set_cookie(REVIEWER_COOKIE, "Alice")
    return client


def sid(store: ReviewStore, record_id: str) -> int:
    found = store.find_statement(record_id=record_id)
    assert found is not None, record_id
    return found


def csrf(client, url: str = "/reviewer") -> str:
    """The CSRF token a page carries in its forms (as a browser would read it)."""
    html = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def post(client, url: str, data: dict | None = None, token: str | None = None):
    data = dict(data or {})
    data.setdefault("csrf_token", token or csrf(client))
    return client.post(url, data=data)


def labels_of(store: ReviewStore, statement_id: int) -> dict:
    return store.statement(statement_id)["labels"]


def parse(argv: list[str]) -> argparse.Namespace:
    """`capneeds review ...` parsed as pipeline/cli.py does: its sub-parser, configured by commands.configure."""
    parser = argparse.ArgumentParser(prog="capneeds")
    sub = parser.add_subparsers(dest="command", required=True)
    commands.configure(sub.add_parser("review", help=commands.SUMMARY))
    return parser.parse_args(["review", *argv])


# --------------------------------------------------------------------------- pure helpers


def test_highlight_cuts_text_by_evidence_with_overlaps_and_bad_offsets():
    text = "We lack funding by 2026."
    evidence = {
        "is_need": [{"text": "lack", "start": 3, "end": 7}],
        "funding": [{"text": "lack funding", "start": 3, "end": 15}],
        "has_timeline": [{"text": "by 2026", "start": 16, "end": 23}, {"start": 20, "end": 99}],
        "<script>": [{"start": 0, "end": 2}],  # not a label: ignored
        "skills": [{"start": True, "end": 2}, {"start": "0", "end": 2}, "word"],  # unusable spans
        "equipment": [{"text": "x", "start": 0, "end": 2, "in": "lead_in"}],  # belongs to the lead-in
    }
    pieces = highlight(text, evidence)
    assert "".join(p["text"] for p in pieces) == text
    assert [(p["text"], p["labels"]) for p in pieces] == [
        ("We ", ()),
        ("lack", ("is_need", "funding")),
        (" funding", ("funding",)),
        (" ", ()),
        ("by 2026", ("has_timeline",)),
        (".", ()),
    ]
    assert highlight("ab", evidence, "lead_in") == [{"text": "ab", "labels": ("equipment",)}]
    assert highlight("", None) == []


def test_safe_next_and_reviewer_names():
    assert safe_next("/statements/3?party=Chad", "/queue") == "/statements/3?party=Chad"
    for bad in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "queue", "/a\r\nSet-Cookie: x"):
        assert safe_next(bad, "/queue") == "/queue"
    assert clean_reviewer("  Ольга   Петрова ") == "Ольга Петрова"
    assert clean_reviewer("") is None and clean_reviewer("x" * 101) is None and clean_reviewer("a\u202eb") is None


# --------------------------------------------------------------------------- queue


def test_index_redirects_to_the_queue(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/queue")


def test_queue_lists_every_statement_with_counts_and_escapes_hostile_text(client, tagged):
    response = client.get("/queue")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r"<b>0</b> reviewed", html) and re.search(rf"<b>{len(tagged.records)}</b> remaining", html)
    assert html.count('class="row-open"') == len(tagged.records)
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and 'onerror="alert' not in html
    assert "{{ 7*7 }}" in html and "49" not in html  # template syntax in a report stays text
    assert ARABIC in html and HEBREW in html and CYRILLIC in html
    assert LONG[: app_module.SNIPPET] in html and LONG not in html  # the queue shows a snippet, with …
    assert 'dir="auto"' in html


def test_queue_filters_party_category_generic_and_document(client, store):
    html = client.get("/queue?party=Chad&category=funding&generic=true").get_data(as_text=True)
    expected = {sid(store, f"chad_report.pdf#{i}") for i in (2, 3, 7)}
    shown = {int(i) for i in re.findall(r'<tr data-id="(\d+)"', html)}
    assert shown == expected
    assert re.search(r"<b>3</b> in this selection", html)
    # the filters are kept in the links to each statement and in the form
    assert f'href="/statements/{min(expected)}?party=Chad&amp;category=funding&amp;generic=true"' in html
    assert '<option value="funding" selected>' in html
    document = store.documents()[0]
    html = client.get(f"/queue?document={document['id']}").get_data(as_text=True)
    assert html.count('class="row-open"') == document["statements"]


@pytest.mark.parametrize(
    ("query", "record_ids"),
    [
        ("lang=ru", {"rossiya.txt#1", "rossiya.txt#2"}),
        ("reason=no_category&need=true", set()),
        ("need=false&party=Chad", {"chad_report.pdf#1", "chad_report.pdf#8"}),
        ("min_funding=0.9&max_funding=1", {"chad_report.pdf#3", "chad_report.pdf#5", "rossiya.txt#1", "rossiya.txt#3"}),
        ("min_funding=0.9&min_infrastructure=0.7", {"chad_report.pdf#5", "rossiya.txt#3"}),
        ("q=mercury", {"chad_report.pdf#2", "chad_report.pdf#3"}),
        ("q=%22mercury%22+OR+(NEAR*+%3Cscript", set()),  # FTS syntax in the search is only words
        ("q=%25", {"chad_report.pdf#6", "chad_report.pdf#7"}),  # "%" is text, not a LIKE wildcard
        ("document=abc&status=nonsense&min_funding=x&page=-3", None),  # bad values are ignored
    ],
)
def test_queue_filters(client, store, tagged, query, record_ids):
    response = client.get(f"/queue?{query}")
    assert response.status_code == 200
    shown = {int(i) for i in re.findall(r'<tr data-id="(\d+)"', response.get_data(as_text=True))}
    if record_ids is None:
        assert len(shown) == len(tagged.records)
    else:
        assert shown == {sid(store, r) for r in record_ids}


def test_queue_orders_by_uncertainty_and_pages(client, store, monkeypatch):
    html = client.get("/queue?order=uncertainty").get_data(as_text=True)
    shown = [int(i) for i in re.findall(r'<tr data-id="(\d+)"', html)]
    assert shown == store.ordered_ids(Filters(), "uncertainty")
    assert shown != store.ordered_ids(Filters(), "document")
    assert '<option value="uncertainty" selected>' in html
    monkeypatch.setattr(app_module, "PAGE_SIZE", 5)
    second = client.get("/queue?order=uncertainty&page=2").get_data(as_text=True)
    assert [int(i) for i in re.findall(r'<tr data-id="(\d+)"', second)] == shown[5:10]
    assert "page 2 of 3" in second and 'href="/queue?page=3&amp;order=uncertainty"' in second


def test_queue_status_filter_and_counts_follow_decisions(alice, store):
    first = sid(store, "chad_report.pdf#2")
    post(alice, f"/statements/{first}/decide", {"action": "accept"})
    html = alice.get("/queue?status=reviewed").get_data(as_text=True)
    assert [int(i) for i in re.findall(r'<tr data-id="(\d+)"', html)] == [first]
    assert re.search(r"<b>1</b> reviewed", html)
    html = alice.get("/queue?status=unreviewed&reviewer=Alice").get_data(as_text=True)
    assert str(first) not in re.findall(r'<tr data-id="(\d+)"', html)
    assert "Alice (you)" in html


# --------------------------------------------------------------------------- statement page


def test_statement_page_shows_evidence_context_document_and_page_image(alice, store):
    statement_id = sid(store, "chad_report.pdf#5")
    html = alice.get(f"/statements/{statement_id}?party=Chad").get_data(as_text=True)
    assert '<mark class="ev ev-funding" title="evidence: funding">Funding</mark>' in html
    assert '<mark class="ev ev-infrastructure" title="evidence: infrastructure">laboratories</mark>' in html
    assert '<mark class="ev ev-has_timeline" title="evidence: timeline">by 2025</mark>' in html
    assert 'The following <mark class="ev ev-is_need" title="evidence: need">needs</mark> were identified:' in html
    assert "The country lacks funding for the national mercury inventory." in html  # before
    assert "The workshop was held in N&#39;Djamena in May." in html  # after
    assert "reports/chad_report.pdf" in html and "page <strong>1</strong>" in html and "<bdi>Chad</bdi>" in html
    assert f'src="/statements/{statement_id}/page.png"' in html
    for key in ("a", "n", "1", "2", "3", "4", "c", "t", "u", "j", "k", "p", "q"):
        assert f'data-key="{key}"' in html, key
    assert html.count("<kbd>?</kbd>") >= 1 and "switch timeline on or off" in html
    assert 'href="/statements/' in html and "?party=Chad" in html  # j/k stay in the filtered queue


def test_statement_page_of_every_hostile_statement_is_escaped(client, store, tagged):
    for record in tagged.records:
        html = client.get(f"/statements/{sid(store, record['id'])}").get_data(as_text=True)
        assert "<script>alert" not in html and 'onerror="' not in html and "<img src=x" not in html
        assert "</textarea></title>" not in html
    assert "&lt;script&gt;" in client.get(f"/statements/{sid(store, 'chad_report.pdf#3')}").get_data(as_text=True)
    html = client.get(f"/statements/{sid(store, 'chad_report.pdf#4')}").get_data(as_text=True)
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    html = client.get(f"/statements/{sid(store, 'chad_report.pdf#6')}").get_data(as_text=True)
    assert "</mark> {{ 7*7 }} {% if x %} &amp; &#34;quotes&#34; &#39; &lt;/textarea&gt;&lt;/title&gt;" in html
    html = client.get(f"/statements/{sid(store, 'rossiya.txt#3')}").get_data(as_text=True)
    assert LONG.strip() in re.sub(r"<[^>]+>", "", html)  # the statement page shows all of a long statement
    html = client.get(f"/statements/{sid(store, 'hostile.txt#1')}").get_data(as_text=True)
    assert ARABIC in html and 'lang="ar"' in html and 'dir="auto"' in html
    html = client.get(f"/statements/{sid(store, 'hostile.txt#3')}").get_data(as_text=True)
    assert BIDI in re.sub(r"<[^>]+>", "", html)  # bidi controls stay inside their own dir="auto" block
    assert "No page image" in html  # a TXT document has no page image


def test_unknown_statement_is_404(client):
    assert client.get("/statements/999999").status_code == 404
    assert client.get("/statements/abc").status_code == 404
    assert client.get("/statements/-1").status_code == 404


# --------------------------------------------------------------------------- decisions


def test_a_decision_needs_a_reviewer_name(client, store):
    statement_id = sid(store, "chad_report.pdf#2")
    response = post(client, f"/statements/{statement_id}/decide", {"action": "toggle", "label": "funding"})
    assert response.status_code == 303 and "/reviewer?next=" in response.headers["Location"]
    assert store.statement(statement_id)["history"] == []


def test_reviewer_name_is_asked_once_and_kept_in_a_cookie(client, store):
    page = client.get("/reviewer?next=/statements/2")
    assert page.status_code == 200 and 'name="name"' in page.get_data(as_text=True)
    response = post(client, "/reviewer", {"name": "  Ольга  <b>", "next": "/statements/2"})
    assert response.status_code == 303 and response.headers["Location"] == "/statements/2"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{REVIEWER_COOKIE}={quote('Ольга <b>', safe='')}") and "HttpOnly" in cookie
    html = client.get("/queue").get_data(as_text=True)
    assert "reviewing as <strong><bdi>Ольга &lt;b&gt;</bdi></strong>" in html
    post(client, f"/statements/{sid(store, 'chad_report.pdf#2')}/decide", {"action": "accept"})
    assert store.reviewers() == ["Ольга <b>"]
    # an empty name is refused; an open redirect is not followed
    assert "/reviewer" in post(client, "/reviewer", {"name": "   "}).headers["Location"]
    assert post(client, "/reviewer", {"name": "Bob", "next": "//evil.example/"}).headers["Location"] == "/queue"


def test_toggle_each_label_and_accept_moves_to_the_next_statement(alice, store):
    statement_id = sid(store, "chad_report.pdf#2")
    url = f"/statements/{statement_id}/decide?party=Chad&category=funding&generic=true"
    token = csrf(alice)
    response = post(alice, url, {"action": "toggle", "label": "has_activity"}, token)
    assert response.status_code == 303
    assert response.headers["Location"] == f"/statements/{statement_id}?party=Chad&category=funding&generic=true"
    labels = labels_of(store, statement_id)
    assert labels["has_activity"] and labels["reasons"] == ["no_timeline"] and labels["generic"]
    post(alice, url, {"action": "toggle", "label": "has_timeline"}, token)
    assert labels_of(store, statement_id)["generic"] is False
    post(alice, url, {"action": "toggle", "label": "equipment"}, token)
    assert labels_of(store, statement_id)["needs"] == ["equipment", "funding"]
    post(alice, url, {"action": "toggle", "label": "is_need"}, token)
    assert labels_of(store, statement_id) == {"is_need": False, "needs": [], "has_activity": False,
                                             "has_timeline": False, "generic": False, "reasons": []}
    html = alice.get(f"/statements/{statement_id}").get_data(as_text=True)
    assert 'aria-pressed="false" id="toggle-is_need"' in html and 'aria-pressed="true"' not in html
    assert "not a need: no categories" in html and "latest decision by <bdi>Alice</bdi>" in html
    assert html.count("<td><bdi>Alice</bdi></td>") == 4  # the history, newest first, with timestamps
    # accept keeps the labels shown and goes on inside the filtered queue
    response = post(alice, url, {"action": "accept"}, token)
    assert response.headers["Location"] == (
        f"/statements/{sid(store, 'chad_report.pdf#3')}?party=Chad&category=funding&generic=true")
    history = store.statement(statement_id)["history"]
    assert history[0]["action"] == "accept" and history[0]["labels"]["is_need"] is False
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", history[0]["at"])
    last = sid(store, "chad_report.pdf#7")
    response = post(alice, f"/statements/{last}/decide?party=Chad&category=funding&generic=true", {"action": "accept"}, token)
    assert response.headers["Location"].startswith(f"/statements/{last}?")  # the end of the queue
    assert "last statement of this queue" in alice.get(response.headers["Location"]).get_data(as_text=True)


def test_bad_decisions_are_refused(alice, store):
    statement_id = sid(store, "chad_report.pdf#2")
    token = csrf(alice)
    assert post(alice, f"/statements/{statement_id}/decide", {"action": "toggle", "label": "generic"}, token).status_code == 400
    assert post(alice, f"/statements/{statement_id}/decide", {"action": "delete"}, token).status_code == 400
    assert post(alice, "/statements/999999/decide", {"action": "accept"}, token).status_code == 404
    assert alice.get(f"/statements/{statement_id}/decide").status_code == 405
    assert store.statement(statement_id)["history"] == []


def test_set_action_saves_a_whole_labelling(alice, store):
    statement_id = sid(store, "rossiya.txt#2")
    post(alice, f"/statements/{statement_id}/decide", {"action": "set", "needs": ["skills"], "has_timeline": "on"})
    assert labels_of(store, statement_id) == {"is_need": True, "needs": ["skills"], "has_activity": False,
                                             "has_timeline": True, "generic": True, "reasons": ["no_activity"]}


def test_undo_reverts_the_latest_decision_of_this_reviewer(alice, client, store):
    statement_id = sid(store, "chad_report.pdf#2")
    token = csrf(alice)
    post(alice, f"/statements/{statement_id}/decide", {"action": "toggle", "label": "equipment"}, token)
    assert "equipment" in labels_of(store, statement_id)["needs"]
    response = post(alice, "/undo", {"next": f"/statements/{statement_id}?party=Chad"}, token)
    assert response.status_code == 303 and response.headers["Location"] == f"/statements/{statement_id}?party=Chad"
    assert labels_of(store, statement_id)["needs"] == ["funding"]
    html = alice.get(response.headers["Location"]).get_data(as_text=True)
    assert "Undone: your decision" in html and 'class="undone"' in html
    response = post(alice, "/undo", {"next": "https://evil.example/"}, token)
    assert response.headers["Location"] == "/queue"
    assert "Nothing to undo" in alice.get("/queue").get_data(as_text=True)


# --------------------------------------------------------------------------- CSRF, token, hosts, headers


def test_every_post_needs_the_csrf_token_of_its_session(alice, app, store):
    statement_id = sid(store, "chad_report.pdf#2")
    for url, data in ((f"/statements/{statement_id}/decide", {"action": "accept"}), ("/undo", {}),
                      ("/bulk", {"decision": "accept", "expected": "14"}), ("/reviewer", {"name": "Mallory"})):
        assert alice.post(url, data=data).status_code == 400
        assert alice.post(url, data={**data, "csrf_token": "forged"}).status_code == 400
    other = app.test_client()
    other.set_cookie(REVIEWER_COOKIE, "Alice")
    stolen = csrf(other)  # another session's token is no good here
    assert alice.post(f"/statements/{statement_id}/decide", data={"action": "accept", "csrf_token": stolen}).status_code == 400
    assert store.statement(statement_id)["history"] == []
    token = csrf(alice)
    evil = {"Origin": "http://evil.example", "X-CSRF-Token": token}
    assert alice.post(f"/statements/{statement_id}/decide", data={"action": "accept"}, headers=evil).status_code == 400
    response = alice.post(f"/statements/{statement_id}/decide", data={"action": "accept"},
                          headers={"X-CSRF-Token": token, "Origin": "http://localhost"})
    assert response.status_code == 303 and len(store.statement(statement_id)["history"]) == 1


def test_token_is_required_on_every_request_and_kept_in_an_httponly_cookie(tagged, tmp_path):
    db = loaded_database(tmp_path / "token.sqlite", tagged.results)
    application = create_app(db, token=TOKEN, page_cache=tmp_path / "pages")
    try:
        client = application.test_client()
        for url in ("/", "/queue", "/statements/1", "/statements/1/page.png", "/static/review.js", "/agreement", "/export/corpus"):
            assert client.get(url).status_code == 401, url
        assert client.get("/queue?token=wrong").status_code == 401
        assert client.get("/queue", headers={"X-Capneeds-Token": "wrong"}).status_code == 401
        response = client.get(f"/queue?party=Chad&token={TOKEN}")
        assert response.status_code == 303 and response.headers["Location"] == "/queue?party=Chad"
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith(f"capneeds_token={TOKEN}") and "HttpOnly" in cookie
        assert client.get("/queue").status_code == 200
        assert client.get("/static/review.css").status_code == 200
        fresh = application.test_client()
        assert fresh.get("/queue", headers={"X-Capneeds-Token": TOKEN}).status_code == 200
        # with a token, other host names are fine: the token is the guard
        assert fresh.get("/queue", headers={"X-Capneeds-Token": TOKEN, "Host": "review.example.org"}).status_code == 200
    finally:
        review_store(application).close()


def test_without_token_only_loopback_host_names_are_served(client):
    assert client.get("/queue", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/queue", headers={"Host": "[::1]:8765"}).status_code == 200
    response = client.get("/queue", headers={"Host": "evil.example:8765"})  # DNS rebinding
    assert response.status_code == 403


def test_security_headers_and_no_external_resources(client, store):
    for url in ("/queue", f"/statements/{sid(store, 'chad_report.pdf#3')}", "/agreement", "/bulk", "/export", "/reviewer"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "'unsafe-inline'" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        html = response.get_data(as_text=True)
        assert not re.search(r'(src|href|action)="(https?:)?//', html), url
        assert "<script>" not in html and " style=" not in html and "onclick" not in html  # nothing inline


def test_static_files(client):
    script = client.get("/static/review.js")
    assert script.status_code == 200 and "data-key" in script.get_data(as_text=True)
    assert client.get("/static/review.css").status_code == 200
    assert client.get("/favicon.ico").status_code == 302
    assert client.get("/static/../app.py").status_code == 404


def test_errors_are_pages_that_escape_what_they_show(client):
    response = client.get("/no/such/<script>page")
    assert response.status_code == 404 and "<script>page" not in response.get_data(as_text=True)
    assert client.get("/undo").status_code == 405


# --------------------------------------------------------------------------- bulk


def test_bulk_decision_after_a_confirmation_showing_how_many(alice, store):
    query = "party=Chad&category=funding&generic=true"
    page = alice.get(f"/bulk?{query}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<strong id="bulk-count">3</strong>' in html and "Apply to 3 statements" in html
    assert "party: <bdi>Chad</bdi>" in html and "predicted category: funding" in html
    token = csrf(alice)
    # the set changed since the confirmation: nothing is applied
    response = post(alice, f"/bulk?{query}", {"decision": "not_need", "expected": "4"}, token)
    assert response.status_code == 303 and response.headers["Location"] == f"/bulk?{query}"
    assert store.counts(Filters.from_mapping({"party": "Chad"})).reviewed == 0
    response = post(alice, f"/bulk?{query}", {"decision": "labels", "needs": ["funding"], "has_activity": "on",
                                              "has_timeline": "on", "expected": "3"}, token)
    assert response.status_code == 303 and response.headers["Location"] == f"/queue?{query}"
    for record_id in ("chad_report.pdf#2", "chad_report.pdf#3", "chad_report.pdf#7"):
        labels = labels_of(store, sid(store, record_id))
        assert labels["needs"] == ["funding"] and labels["generic"] is False
    assert "Applied your decision to 3 statements" in alice.get(f"/queue?{query}").get_data(as_text=True)
    assert post(alice, f"/bulk?{query}", {"decision": "", "expected": "3"}, token).status_code == 303
    # one undo takes the whole bulk decision back
    post(alice, "/undo", {"next": f"/queue?{query}"}, token)
    assert store.counts(Filters.from_mapping({"party": "Chad"})).reviewed == 0
    response = post(alice, f"/bulk?{query}&status=unreviewed", {"decision": "not_need", "expected": "3"}, token)
    assert store.counts(Filters.from_mapping({"party": "Chad", "category": "funding"})).reviewed == 3
    assert "Nothing to decide" in alice.get(f"/bulk?{query}&status=unreviewed").get_data(as_text=True)


def test_bulk_without_filters_warns_that_it_is_every_statement(client, tagged):
    html = client.get("/bulk").get_data(as_text=True)
    assert f'<strong id="bulk-count">{len(tagged.records)}</strong>' in html and "every statement of the database" in html


# --------------------------------------------------------------------------- agreement and export


def test_agreement_page_shows_kappa_per_label(app, alice, store):
    bob = app.test_client()
    bob.set_cookie(REVIEWER_COOKIE, "Bob")
    ids = [sid(store, r) for r in ("chad_report.pdf#2", "chad_report.pdf#3", "chad_report.pdf#7", "rossiya.txt#1")]
    alice_token, bob_token = csrf(alice), csrf(bob)
    for statement_id in ids:
        post(alice, f"/statements/{statement_id}/decide", {"action": "accept"}, alice_token)
        post(bob, f"/statements/{statement_id}/decide", {"action": "accept"}, bob_token)
    post(bob, f"/statements/{ids[0]}/decide", {"action": "toggle", "label": "is_need"}, bob_token)
    html = alice.get("/agreement").get_data(as_text=True)
    assert "<bdi>Alice</bdi>, <bdi>Bob</bdi>" in html
    rows = dict(re.findall(r"<tr><td>([a-z ]+)</td><td class=\"num kappa\">([^<]+)</td>", html))
    assert set(rows) >= {"need", "funding", "activity", "timeline"}
    agreement = store.agreement()
    assert rows["need"] == ("–" if agreement["is_need"]["kappa"] is None else f"{agreement['is_need']['kappa']:.2f}")
    html = alice.get(f"/statements/{ids[1]}").get_data(as_text=True)
    assert "Reviewed by 2 people" in html


def test_export_downloads_valid_corpus_lines(alice, store):
    statement_id = sid(store, "chad_report.pdf#2")
    post(alice, f"/statements/{statement_id}/decide", {"action": "toggle", "label": "has_activity"})
    page = alice.get("/export")
    assert page.status_code == 200 and "1 statements have a decision" in page.get_data(as_text=True)
    response = alice.get("/export/corpus")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert len(lines) == 1 and lines[0]["has_activity"] is True and lines[0]["reviewer"] == "Alice"
    assert validation_problems(lines[0]) == []
    assert alice.get("/export/corpus?reviewer=Bob").get_data(as_text=True) == ""
    tasks = json.loads(alice.get("/export/label-studio").get_data(as_text=True))
    assert isinstance(tasks, list) and tasks
    assert alice.get("/export/prodigy").status_code == 200
    assert alice.get("/export/pickle").status_code == 404


# --------------------------------------------------------------------------- page images


def test_page_image_is_a_png_of_the_loaded_pdf(client, store, tmp_path):
    statement_id = sid(store, "chad_report.pdf#6")
    response = client.get(f"/statements/{statement_id}/page.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data.startswith(PNG_SIGNATURE)
    from PIL import Image
    import io

    with Image.open(io.BytesIO(response.data)) as image:
        rgb = image.convert("RGB")
        assert rgb.size[0] > 500
        colours = {colour for _, colour in rgb.getcolors(maxcolors=1 << 20)}
    assert (213, 94, 0) in colours  # the box around the statement was drawn
    assert any((tmp_path / "pages").glob("*.png"))  # cached on disk
    assert client.get(f"/statements/{statement_id}/page.png").data == response.data


def test_page_image_refuses_anything_but_the_loaded_documents(client, store, tagged, tmp_path):
    txt = sid(store, "rossiya.txt#1")
    assert client.get(f"/statements/{txt}/page.png").status_code == 404  # not a PDF
    assert client.get("/statements/999999/page.png").status_code == 404
    assert client.get("/statements/..%2f..%2fetc%2fpasswd/page.png").status_code == 404
    pdf = sid(store, "chad_report.pdf#2")
    extra = client.get(f"/statements/{pdf}/page.png?path=/etc/passwd")  # the route takes no path
    assert extra.status_code == 200 and extra.data.startswith(PNG_SIGNATURE)
    document = store.statement(pdf)["document"]
    from .conftest import build_batch, default_records

    replacement = build_batch(tmp_path / "other", [dict(r, text="Something else entirely.") for r in default_records()[:2]])
    other_pdf = replacement.documents["reports/chad_report.pdf"]
    # a database whose document row was made to point at another file is refused: not the loaded content
    for elsewhere in ("/etc/passwd", str(other_pdf)):
        with sqlite3.connect(store.path) as db:
            db.execute("UPDATE documents SET path = ? WHERE id = ?", (elsewhere, document["id"]))
        assert client.get(f"/statements/{pdf}/page.png").status_code == 404, elsewhere
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE documents SET path = ? WHERE id = ?", (document["path"], document["id"]))
    # the file replaced by another PDF (different content): refused
    original = Path(document["path"]).read_bytes()
    Path(document["path"]).write_bytes(other_pdf.read_bytes())
    assert hashlib.sha256(Path(document["path"]).read_bytes()).hexdigest() != document["sha256"]
    assert client.get(f"/statements/{pdf}/page.png").status_code == 404
    Path(document["path"]).write_bytes(original)
    assert client.get(f"/statements/{pdf}/page.png").status_code == 200
    Path(document["path"]).unlink()
    assert client.get(f"/statements/{pdf}/page.png").status_code == 404


# --------------------------------------------------------------------------- capneeds review (commands.py)


def test_review_arguments_allow_an_action_and_files_after_options():
    args = parse(["import", "--db", "x.sqlite", "FILE.json"])
    assert commands.split_action(args.files) == ("import", ["FILE.json"]) and args.db == "x.sqlite"
    args = parse(["a.jsonl", "--db", "x.sqlite", "b.jsonl", "--port", "0"])
    assert commands.split_action(args.files) == ("serve", ["a.jsonl", "b.jsonl"]) and args.port == 0
    args = parse(["export", "--db", "x.sqlite", "-o", "out.jsonl", "--reviewer", "Alice"])
    assert commands.split_action(args.files) == ("export", []) and args.output == "out.jsonl"
    assert commands.split_action(["./export"]) == ("serve", ["./export"])
    assert parse([]).db == "review.sqlite" and parse([]).host == "127.0.0.1" and parse([]).port == 8765


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["r.jsonl", "--host", "0.0.0.0"], "--host 0.0.0.0 can be reached from other machines: give --token"),
        (["r.jsonl", "--host", "192.168.1.5", "--port", "80"], "give --token"),
        (["r.jsonl", "--host", "0.0.0.0", "--token", "short"], "at least 12 characters"),
        (["r.jsonl", "--port", "70000"], "not a port number"),
        (["r.jsonl", "-o", "x.jsonl"], "--output does not apply to `capneeds review`"),
        (["missing.jsonl"], "missing.jsonl: no such file"),
        ([], "no review database yet"),
        (["export", "--db", "DB"], "needs -o FILE"),
        (["export", "--db", "DB", "-o", "x.jsonl", "--format", "csv"], "unknown export format 'csv'"),
        (["export", "--db", "DB", "-o", "x.jsonl", "--format", "prodigy", "--reviewer", "A"], "corpus export only"),
        (["export", "--db", "DB", "-o", "x.jsonl", "--port", "9"], "--port does not apply to `capneeds review export`"),
        (["export", "--db", "nowhere.sqlite", "-o", "x.jsonl"], "nowhere.sqlite: no such review database"),
        (["export", "extra", "--db", "DB", "-o", "x.jsonl"], "takes no file argument"),
        (["import", "--db", "DB"], "exactly one FILE"),
        (["import", "--db", "DB", "a.txt"], "cannot tell the format"),
        (["import", "--db", "DB", "missing.json"], "missing.json: no such file"),
        (["import", "--db", "DB", "a.json", "--format", "corpus"], "unknown import format 'corpus'"),
    ],
)
def test_review_usage_errors_are_one_line(argv, message, tmp_path, monkeypatch, tagged):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(commands.TOKEN_ENV, raising=False)
    loaded_database(tmp_path / "DB", tagged.results)
    (tmp_path / "r.jsonl").write_text(tagged.results.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(commands, "serve", lambda *a: pytest.fail("must not serve"))
    with pytest.raises(CapneedsError) as error:
        commands.run(parse(argv))
    assert message in str(error.value) and "\n" not in str(error.value)


def test_review_loads_files_then_serves(tagged, tmp_path, monkeypatch, capsys):
    served = {}
    def fake_serve(app, host, port, token, listening=None):
        listening.close()
        served.update(app=app, host=host, port=port, token=token)
        return 0

    monkeypatch.setattr(commands, "serve", fake_serve)
    monkeypatch.delenv(commands.TOKEN_ENV, raising=False)
    db = tmp_path / "served.sqlite"
    assert commands.run(parse([str(tagged.results), "--db", str(db), "--port", "0"])) == 0
    assert f"loaded {tagged.results}: {len(tagged.records)} statement(s) from 3 document(s) ({len(tagged.records)} new, 0 updated)" in capsys.readouterr().err
    assert served["host"] == "127.0.0.1" and served["port"] == 0 and served["token"] is None
    review_store(served["app"]).close()
    # loading again adds nothing; a token comes from the environment too
    monkeypatch.setenv(commands.TOKEN_ENV, TOKEN)
    assert commands.run(parse([str(tagged.results), "--db", str(db), "--host", "0.0.0.0", "--port", "0"])) == 0
    assert f"(0 new, {len(tagged.records)} updated)" in capsys.readouterr().err
    assert served["token"] == TOKEN and served["host"] == "0.0.0.0"
    assert served["app"].test_client().get("/queue").status_code == 401
    review_store(served["app"]).close()


def test_pooled_server_answers_concurrent_requests_on_a_bounded_number_of_threads(app, store):
    import threading
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    server = commands.make_pooled_server("127.0.0.1", 0, app, threads=3)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        urls = [f"{base}/queue", f"{base}/statements/{sid(store, 'chad_report.pdf#2')}", f"{base}/agreement"] * 8

        def fetch(url: str) -> int:
            with urllib.request.urlopen(url, timeout=20) as response:
                return response.status

        with ThreadPoolExecutor(max_workers=6) as clients:
            assert set(clients.map(fetch, urls)) == {200}
        # one SQLite connection per server thread (plus this test's), not one per request
        assert len(store._connections) <= 3 + 1
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_serve_prints_the_address_with_the_token_and_stops_cleanly(app, monkeypatch, capsys):
    import threading

    made = []
    real = commands.make_pooled_server

    def make(*args, **kwargs):
        server = real(*args, **kwargs)
        made.append(server)
        threading.Timer(0.3, server.shutdown).start()  # what Ctrl+C does, without a signal
        return server

    monkeypatch.setattr(commands, "make_pooled_server", make)
    assert commands.serve(app, "127.0.0.1", 0, TOKEN) == 0
    err = capsys.readouterr().err
    assert f"reviewer workbench at http://127.0.0.1:{made[0].port}/?token={TOKEN}" in err
    assert "stopped; every decision is saved" in err


def test_serve_refuses_a_busy_port_in_one_line_before_loading(app, tagged, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        busy = taken.getsockname()[1]
        with pytest.raises(CapneedsError, match=rf"^cannot listen on 127\.0\.0\.1:{busy} \(Address already in use\)$"):
            commands.serve(app, "127.0.0.1", busy, None)
        db = tmp_path / "never.sqlite"
        with pytest.raises(CapneedsError, match="cannot listen"):
            commands.run(parse([str(tagged.results), "--db", str(db), "--port", str(busy)]))
        assert not db.exists()


def test_review_export_and_import_round_trip(alice, app, store, tmp_path, capsys):
    statement_id = sid(store, "chad_report.pdf#3")
    post(alice, f"/statements/{statement_id}/decide", {"action": "toggle", "label": "has_activity"})
    out = tmp_path / "corpora" / "reviewed" / "alice.jsonl"
    assert commands.run(parse(["export", "--db", str(store.path), "-o", str(out)])) == 0
    assert "1 line(s) written to" in capsys.readouterr().err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [validation_problems(line) for line in lines] == [[]]
    assert lines[0]["text"] == SCRIPT and lines[0]["has_activity"] is True and lines[0]["country"] == "Chad"
    tasks = tmp_path / "tasks.jsonl"
    assert commands.run(parse(["export", "--db", str(store.path), "-o", str(tasks), "--format", "prodigy"])) == 0
    fresh = tmp_path / "fresh.sqlite"
    with ReviewStore(fresh) as other:
        other.load(store.statement(statement_id)["document"]["results_file"])
    capsys.readouterr()
    assert commands.run(parse(["import", "--db", str(fresh), str(tasks)])) == 0
    assert "decision(s) imported from" in capsys.readouterr().err
    with ReviewStore(fresh) as other:
        found = other.find_statement(key=store.statement(statement_id)["key"])
        assert other.statement(found)["labels"] == store.statement(statement_id)["labels"]


def test_capneeds_review_is_wired_into_the_cli(tagged, tmp_path, capsys):
    from pipeline import cli

    parser = cli.build_parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    if "review" not in choices:
        pytest.skip("pipeline/cli.py does not wire `capneeds review` yet")
    loaded_database(tmp_path / "cli.sqlite", tagged.results)
    out = tmp_path / "reviewed.jsonl"
    assert cli.main(["review", "export", "--db", str(tmp_path / "cli.sqlite"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == ""  # nothing reviewed yet
    assert cli.main(["review", str(tagged.results), "--host", "0.0.0.0"]) == 2
    assert capsys.readouterr().err.strip().endswith("give --token so every request must carry it")


def test_hostile_texts_are_all_in_the_fixture():
    # guards the escaping tests above against a fixture that lost its hostile statements
    assert {SCRIPT, ONERROR, TEMPLATE, LONG, ARABIC, HEBREW, CYRILLIC, BIDI} <= set(HOSTILE)
