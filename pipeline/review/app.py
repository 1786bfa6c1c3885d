"""The reviewer workbench in the browser: a small Flask app over :class:`~pipeline.review.store.ReviewStore`.

Pages are rendered on the server (Jinja2, autoescaped: report text is never
marked safe) and work without JavaScript; ``static/review.js`` only turns key
presses into clicks on the links and buttons that carry ``data-key``, so the
shortcut list a reviewer sees is the one the server rendered.

Routes
    ``GET /``                             -> the queue
    ``GET /queue``                        filters, order, counts, one page of statements
    ``GET /statements/<id>``              one statement: evidence, context, labels, history, page image
    ``POST /statements/<id>/decide``      ``action=accept`` (keep the labels shown, go to the next
                                          statement) or ``action=toggle`` + ``label`` (flip one label)
    ``GET /statements/<id>/page.png``     the PDF page with the statement's box (documents in the db only)
    ``POST /undo``                        undo the reviewer's latest decision (a bulk one as a whole)
    ``GET /bulk``, ``POST /bulk``         one decision for every statement of the filtered set, after a
                                          confirmation page that says how many
    ``GET|POST /reviewer``                the reviewer's name, kept in a cookie
    ``GET /agreement``                    Cohen's kappa per label between reviewers
    ``GET /export``, ``GET /export/<fmt>`` download the reviewed statements (corpus, Label Studio, Prodigy)

The queue's filters and order travel in the query string of every link and
form (``Filters.to_mapping``), so j/k and "accept" move inside the queue the
reviewer chose.

Security (:mod:`pipeline.review.security`)
    every POST carries a CSRF token; with ``token`` every request must carry
    it, without one the app answers only to loopback host names; page images
    come only from loaded documents whose content still has the SHA-256
    recorded at load time; a strict Content-Security-Policy and
    ``nosniff``/``no-referrer``/``DENY`` headers on every response.
"""
from __future__ import annotations

import os
import secrets
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from flask import (
    Flask,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.exceptions import HTTPException

from ..schema import CATEGORIES, LABELS, REASONS
from .decisions import reviewer_name
from .display import (
    LABEL_NAMES,
    OTHER_SHORTCUTS,
    QUEUE_SHORTCUTS,
    REASON_NAMES,
    STATEMENT_SHORTCUTS,
    TOGGLE_KEYS,
    highlight,
)
from .pages import PageImageError, PageImages
from .security import DocumentCheck, csrf_token, install_guards, safe_next
from .store import MAX_REVIEWER_LENGTH, ORDERS, Filters, ReviewError, ReviewStore, UnknownStatement

#: Statements per queue page.
PAGE_SIZE = 50
#: Statements shown before and after the one under review.
CONTEXT = 3
#: Characters of a statement shown in the queue (the statement page shows all).
SNIPPET = 320

REVIEWER_COOKIE = "capneeds_reviewer"
EXPORT_FORMATS: dict[str, tuple[str, str, str]] = {
    # name: (file suffix, mimetype, description)
    "corpus": (".jsonl", "application/jsonl", "corpus JSONL for capneeds train --extra"),
    "label-studio": (".json", "application/json", "Label Studio tasks (JSON)"),
    "prodigy": (".jsonl", "application/jsonl", "Prodigy tasks (JSONL)"),
}


# --------------------------------------------------------------------------- helpers used by views and tests


def clean_reviewer(name: object) -> str | None:
    """A reviewer name as the store keeps it (spaces collapsed), or ``None`` when unusable.

    The cookie and the form are user input, so control and format characters
    (which could disguise one name as another) are refused as well.
    """
    try:
        text = reviewer_name(name)
    except ReviewError:
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        return None
    return text


# --------------------------------------------------------------------------- the app


def create_app(
    store_path: str | Path,
    token: str | None = None,
    *,
    page_cache: str | Path | None = None,
    secret_key: bytes | None = None,
    allowed_hosts: Sequence[str] | None = None,
    testing: bool = False,
) -> Flask:
    """The review app over the database at ``store_path`` (created when missing).

    ``token``: when given, every request must carry it (see the module
    docstring). ``page_cache``: folder for rendered page images (default:
    ``<db>.pages`` beside the database). ``secret_key`` signs the session
    cookie that holds the CSRF secret (default: random per process, so a
    restart asks for a reload). ``allowed_hosts``: host names accepted without
    a token (default: loopback names only).
    """
    store = ReviewStore(store_path)
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_bytes(32),
        SESSION_COOKIE_NAME="capneeds_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=1 << 20,
        TESTING=testing,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.autoescape = True  # every template, whatever its name
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.extensions["capneeds_review"] = store
    images = PageImages(Path(page_cache) if page_cache else Path(f"{store.path}.pages"))
    document_check = DocumentCheck()

    # ---- request guards and errors -----------------------------------------

    def _error_page(status: int, message: str) -> Response:
        """The error page with ``status``: a refusal is a page a reviewer can read, not a bare code."""
        response = app.make_response((render_template("error.html", status=status, message=message), status))
        return response

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _error_page(error.code or 500, error.description or error.name)

    @app.errorhandler(ReviewError)
    def review_error(error: ReviewError):
        status = 404 if isinstance(error, UnknownStatement) else 400
        return _error_page(status, str(error))

    install_guards(app, token, allowed_hosts, _error_page)

    # ---- template helpers -----------------------------------------------

    def current_reviewer() -> str | None:
        raw = request.cookies.get(REVIEWER_COOKIE)
        return clean_reviewer(unquote(raw)) if raw else None

    def queue_state(args: Mapping | None = None) -> tuple[Filters, str, dict[str, str]]:
        """Filters, order and the query-string values that keep them."""
        args = request.args if args is None else args
        filters = Filters.from_mapping(args)
        order = args.get("order") if args.get("order") in ORDERS else "document"
        state = filters.to_mapping()
        if order != "document":
            state["order"] = order
        return filters, order, state

    @app.context_processor
    def template_globals() -> dict:
        return {
            "csrf_token": csrf_token,
            "reviewer": current_reviewer(),
            "label_names": LABEL_NAMES,
            "reason_names": REASON_NAMES,
            "labels": LABELS,
            "categories": CATEGORIES,
            "reasons": REASONS,
            "here": request.full_path.rstrip("?") if request else "/",
            "shortcuts": OTHER_SHORTCUTS,  # pages with more keys pass their own list
        }

    @app.template_filter("score")
    def score_filter(value: object) -> str:
        return "–" if value is None else f"{float(value):.2f}"

    @app.template_filter("when")
    def when_filter(value: object) -> str:
        """An ISO timestamp shortened for tables (UTC, to the second)."""
        text = str(value or "")
        return text[:19].replace("T", " ") + " UTC" if len(text) >= 19 else text

    def statement_url(statement_id: int, state: Mapping[str, str]) -> str:
        return url_for("statement", statement_id=statement_id, **state)

    def require_reviewer(back: str):
        name = current_reviewer()
        if name is None:
            flash("Tell us who is reviewing first: your name is saved with every decision.", "error")
            return None, redirect(url_for("reviewer", next=back), code=303)
        return name, None

    # ---- pages -------------------------------------------------------------

    @app.get("/")
    def index():
        return redirect(url_for("queue"))

    @app.get("/favicon.ico")
    def favicon():
        return redirect(url_for("static", filename="favicon.svg"))

    @app.get("/queue")
    def queue():
        filters, order, state = queue_state()
        try:
            page = max(1, int(request.args.get("page", "1")))
        except ValueError:
            page = 1
        rows, matching = store.query(filters, order=order, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        counts = store.counts(filters)
        pages = max(1, -(-matching // PAGE_SIZE))
        reviewers = store.reviewers()
        name = current_reviewer()
        if name and name not in reviewers:
            reviewers = sorted([*reviewers, name])
        return render_template(
            "queue.html",
            rows=rows,
            matching=matching,
            counts=counts,
            filters=filters,
            order=order,
            state=state,
            page=page,
            pages=pages,
            first=(page - 1) * PAGE_SIZE,
            documents=store.documents(),
            parties=store.parties(),
            languages=store.languages(),
            reviewers=reviewers,
            shortcuts=QUEUE_SHORTCUTS,
            own_queue_key=True,
            snippet=SNIPPET,
            statement_url=statement_url,
        )

    @app.get("/statements/<int:statement_id>")
    def statement(statement_id: int):
        found = store.statement(statement_id, context=CONTEXT)
        if found is None:
            abort(404, f"No statement {statement_id} in this review database.")
        filters, order, state = queue_state()
        previous_id, next_id = store.neighbours(statement_id, filters, order)
        ids = store.ordered_ids(filters, order)
        position = ids.index(statement_id) + 1 if statement_id in ids else None
        document = found.get("document") or {}
        has_image = bool(
            found.get("page") and str(document.get("path") or "").lower().endswith(".pdf")
        )
        return render_template(
            "statement.html",
            s=found,
            document=document,
            pieces=highlight(found["text"], found.get("evidence"), "text"),
            lead_pieces=highlight(found.get("lead_in") or "", found.get("evidence"), "lead_in"),
            evidence_labels=[label for label in LABELS if (found.get("evidence") or {}).get(label)],
            state=state,
            order=order,
            previous_id=previous_id,
            next_id=next_id,
            position=position,
            in_queue=len(ids),
            has_image=has_image,
            toggle_keys=TOGGLE_KEYS,
            shortcuts=STATEMENT_SHORTCUTS,
            own_queue_key=True,
            statement_url=statement_url,
        )

    @app.post("/statements/<int:statement_id>/decide")
    def decide(statement_id: int):
        filters, order, state = queue_state()
        here = statement_url(statement_id, state)
        name, response = require_reviewer(here)
        if response is not None:
            return response
        action = request.form.get("action")
        if action == "accept":
            _, next_id = store.neighbours(statement_id, filters, order)
            store.decide(statement_id, name, "accept")
            if next_id is None:
                flash("Accepted. That was the last statement of this queue.")
                return redirect(here, code=303)
            return redirect(statement_url(next_id, state), code=303)
        if action == "toggle":
            label = request.form.get("label")
            if label not in TOGGLE_KEYS:
                abort(400, f"Unknown label {label!r}.")
            store.toggle(statement_id, name, label)
            return redirect(here, code=303)
        if action == "set":
            store.decide(statement_id, name, labels_from_form(request.form))
            return redirect(here, code=303)
        abort(400, f"Unknown action {action!r}.")

    def labels_from_form(form: Mapping) -> dict:
        needs = [c for c in CATEGORIES if c in form.getlist("needs")]  # type: ignore[attr-defined]
        activity, timeline = form.get("has_activity") == "on", form.get("has_timeline") == "on"
        return {
            # a category, activity or timeline only exists on a need
            "is_need": form.get("is_need") == "on" or bool(needs) or activity or timeline,
            "needs": needs,
            "has_activity": activity,
            "has_timeline": timeline,
        }

    @app.post("/undo")
    def undo():
        back = safe_next(request.form.get("next"), url_for("queue"))
        name, response = require_reviewer(back)
        if response is not None:
            return response
        undone = store.undo(name)
        if not undone:
            flash("Nothing to undo: you have no decision left to undo.")
            return redirect(back, code=303)
        if len(undone) > 1:
            flash(f"Undone: your bulk decision on {len(undone)} statements.")
            return redirect(back, code=303)
        decision = store.decision(undone[0]) or {}
        target = decision.get("statement_id")
        flash(f"Undone: your decision of {when_filter(decision.get('at'))} on statement {target}.")
        if target is None:
            return redirect(back, code=303)
        query = urlsplit(back).query
        return redirect(statement_url(target, dict(parse_qsl(query))) if query else
                        url_for("statement", statement_id=target), code=303)

    @app.route("/reviewer", methods=["GET", "POST"])
    def reviewer():
        back = safe_next(request.values.get("next"), url_for("queue"))
        if request.method == "GET":
            return render_template("reviewer.html", back=back, shortcuts=OTHER_SHORTCUTS)
        name = clean_reviewer(request.form.get("name"))
        if name is None:
            flash(f"Give a name of 1 to {MAX_REVIEWER_LENGTH} characters (no control characters).", "error")
            return redirect(url_for("reviewer", next=back), code=303)
        response = redirect(back, code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(name, safe=""), max_age=365 * 24 * 3600,
                            httponly=True, samesite="Lax", path="/")
        flash(f"Reviewing as {name}.")
        return response

    @app.get("/bulk")
    def bulk_confirm():
        filters, order, state = queue_state()
        _, matching = store.query(filters, order=order, limit=1)
        return render_template("bulk.html", filters=filters, state=state, matching=matching,
                               documents={d["id"]: d for d in store.documents()}, shortcuts=OTHER_SHORTCUTS)

    @app.post("/bulk")
    def bulk_apply():
        filters, order, state = queue_state()
        confirm = url_for("bulk_confirm", **state)
        name, response = require_reviewer(confirm)
        if response is not None:
            return response
        _, matching = store.query(filters, order=order, limit=1)
        try:
            expected = int(request.form.get("expected", ""))
        except ValueError:
            expected = -1
        if expected != matching:
            flash(f"The filtered set changed (now {matching} statements): nothing was applied. Check and confirm again.",
                  "error")
            return redirect(confirm, code=303)
        choice = request.form.get("decision")
        if choice == "accept":
            labels: dict | str = "accept"
        elif choice == "not_need":
            labels = {"is_need": False}
        elif choice == "labels":
            labels = labels_from_form(request.form)
        else:
            flash("Choose the decision to apply.", "error")
            return redirect(confirm, code=303)
        count = store.bulk(filters, name, labels)
        flash(f"Applied your decision to {count} statements (u undoes all of it).")
        return redirect(url_for("queue", **state), code=303)

    @app.get("/agreement")
    def agreement():
        return render_template("agreement.html", agreement=store.agreement(), reviewers=store.reviewers(),
                               shortcuts=OTHER_SHORTCUTS)

    @app.get("/export")
    def export_page():
        reviewed = store.counts(Filters()).reviewed
        return render_template("export.html", formats=EXPORT_FORMATS, reviewers=store.reviewers(),
                               reviewed=reviewed, shortcuts=OTHER_SHORTCUTS)

    @app.get("/export/<fmt>")
    def export_download(fmt: str):
        if fmt not in EXPORT_FORMATS:
            abort(404, f"Unknown export format {fmt!r}.")
        from . import exchange

        suffix, mimetype, _ = EXPORT_FORMATS[fmt]
        chosen = clean_reviewer(request.args.get("reviewer")) if request.args.get("reviewer") else None
        handle, temporary = tempfile.mkstemp(suffix=suffix)
        os.close(handle)
        try:
            exchange.export(store, temporary, fmt, chosen)
            data = Path(temporary).read_bytes()
        finally:
            Path(temporary).unlink(missing_ok=True)
        name = f"reviewed-{chosen or 'all'}-{fmt}{suffix}"
        safe_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in name)
        return Response(data, mimetype=mimetype,
                        headers={"Content-Disposition": f'attachment; filename="{safe_name}"'})

    @app.get("/statements/<int:statement_id>/page.png")
    def page_image(statement_id: int):
        found = store.statement(statement_id, context=0)
        if found is None:
            abort(404, f"No statement {statement_id} in this review database.")
        document = store.document(found["document_id"]) if found.get("document_id") is not None else None
        if not document or not found.get("page"):
            abort(404, "This statement has no page to show.")
        loaded = {d["path"] for d in store.documents()}
        path = Path(document["path"])
        if document["path"] not in loaded or path.suffix.lower() != ".pdf":
            abort(404, "Page images exist only for the PDF documents loaded into this review.")
        if not document_check.matches(path, document["sha256"]):
            abort(404, "The document file is missing or no longer the one that was loaded (its content changed).")
        try:
            png = images.png(path, int(found["page"]), found.get("bbox"))
        except PageImageError as error:
            abort(404, str(error))
        response = Response(png, mimetype="image/png")
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response

    return app


def review_store(app: Flask) -> ReviewStore:
    """The store an app created by :func:`create_app` serves."""
    return app.extensions["capneeds_review"]
