"""The reviewer workbench's store: tagged statements, predictions and reviewer decisions in SQLite.

One SQLite file is the whole review, and a server killed mid-write loses at
most the write in flight (why SQLite, and how: :mod:`pipeline.review.database`).

This module is the facade: :class:`ReviewStore` joins the parts, each in
its own module, and every public name below is importable from here.

* :mod:`~pipeline.review.database`: opening, schema, migrations, connections, transactions;
* :mod:`~pipeline.review.results`: reading a results file (no database);
* :mod:`~pipeline.review.loading`: writing what was read into the database;
* :mod:`~pipeline.review.filters`: :class:`Filters`, to and from query strings and SQL (search, FTS5);
* :mod:`~pipeline.review.rows`: the SQL that selects a statement and the dicts the API returns;
* :mod:`~pipeline.review.queries`: menus, the queue, one statement;
* :mod:`~pipeline.review.decisions`: decide, toggle, bulk, undo, history, import;
* :mod:`~pipeline.review.labels`, :mod:`~pipeline.review.timestamps`, :mod:`~pipeline.review.errors`.

Public API (part B, the Flask app, builds on exactly this; names stay stable)
===========================================================================

``ReviewStore(path, *, fts=None, timeout=30.0)`` opens (creating if needed)
the database; ``store.path`` is its path and ``store.fts`` says whether search
uses FTS5 (``fts=False`` forces the LIKE fallback). It is safe to share
between threads: each thread gets its own sqlite connection (those of
finished threads are closed as new ones open). Use ``close()`` or
``with ReviewStore(path) as store:``. Errors a user can act on
raise :class:`ReviewError` (a ``CapneedsError``: one line); an unknown
statement id in a write raises :class:`UnknownStatement` (a ``ReviewError``).

Identifiers
    * statement ``id``: an ``int`` (stable for the life of the db; use it in URLs).
    * statement ``key``: ``"<doc sha256>#<index>"``, stable across databases;
      the exchange formats carry it so exports re-import into a fresh store.
    * ``record_id``: the ``id`` field of the tagged record (e.g. ``"rep.pdf#8"``).
    * document ``id``: an ``int`` (see :meth:`ReviewStore.documents`).

Loading
    ``load(results_path) -> LoadSummary`` (fields ``results_file, documents,
    statements, added, updated, unchanged``). Reads a ``capneeds tag`` output (.jsonl,
    .csv, .parquet, with its manifest when present) through
    :mod:`pipeline.report.load`. A statement is identified by (document
    sha256, index): reloading the same file, or another file with the same
    document content, updates predictions and never duplicates statements or
    touches decisions. The sha256 comes from the manifest, else from hashing
    the document file, else from the ``doc`` string. The document path is
    resolved to an absolute path at load time (relative to the current folder,
    else to the results file's folder) and kept for page images. A load is
    one transaction (a bad line loads nothing, and the error names file and
    line). Content loaded before whose documents no later load touched is
    not read again (``unchanged=True``, every statement counted ``updated``),
    so reloading at each server start stays fast.

Menus
    ``documents() -> list[dict]`` with ``id, doc, name, path, sha256, party,
    convention, year, symbol, status, results_file, statements, reviewed``
    (sorted by ``doc``); ``document(document_id) -> dict | None`` (same keys);
    ``parties() -> list[str]``; ``languages() -> list[str]``;
    ``reviewers() -> list[str]`` (everyone with a decision).

Queue
    ``Filters`` (a dataclass, every field optional):
    ``document: int | None`` (document id), ``party: str | None``,
    ``language: str | None``, ``category: str | None`` (predicted category,
    one of ``CATEGORIES``), ``reason: str | None`` (predicted generic reason,
    one of ``REASONS``), ``need: bool | None`` (predicted is_need),
    ``generic: bool | None`` (predicted generic), ``scores: dict[str,
    tuple[float, float]]`` (inclusive model-score range per label of
    ``LABELS``, several at once, e.g. ``{"funding": (0.3, 0.7)}``),
    ``status: "all" | "reviewed" | "unreviewed"``, ``reviewer: str | None``
    (with ``status``: reviewed / not reviewed *by this reviewer*; ``None`` =
    by anyone), ``search: str | None`` (full-text search in text and lead-in:
    FTS5 when available, else LIKE; any user input is safe: words are quoted,
    never parsed as query syntax; all words must match).
    ``Filters.from_mapping(args)`` parses query-string style values (a dict or
    a werkzeug MultiDict; names ``document, party, lang, category, reason,
    need, generic, status, reviewer, q, min_<label>, max_<label>``; bad values
    are ignored) and ``filters.to_mapping() -> dict[str, str]`` gives them
    back (only the set ones), so links and forms keep the filters.

    ``query(filters=None, order="document", limit=50, offset=0) -> (rows, total)``:
    ``order="document"`` is document (by ``doc``) then statement index;
    ``order="uncertainty"`` puts the least confident first (min over the
    labels that matter of ``|score - 0.5|``: is_need always, and for a
    predicted need also the categories, activity and timeline; statements
    without scores last), ties in document order. Rows are dicts like
    :meth:`statement` without ``history``, ``before``, ``after``, ``document``
    (and with ``reviewed_by`` left empty). ``limit=None`` returns all rows.
    ``ordered_ids(filters=None, order="document", include=None) -> list[int]`` and
    ``neighbours(statement_id, filters=None, order="document") -> (prev_id | None,
    next_id | None)`` for j/k navigation inside the filtered queue.
    ``counts(filters=None) -> Counts(reviewed, remaining, total)``: the status
    filter is ignored (counts are of the filtered set), ``reviewer`` is used.

Statement
    ``statement(id, context=2) -> dict | None`` with ``id, key, record_id, doc,
    document_id, page, index, kind, char_start, char_end, bbox`` (list or
    None, PDF points, top-left origin), ``lead_in, text, lang, party,
    convention, year, symbol, scores`` (label -> float), ``evidence`` (label ->
    list of ``{"text", "start", "end"[, "in": "lead_in"]}``, offsets in
    ``text`` or ``lead_in``), ``predicted`` (labels dict, see below),
    ``labels`` (current: the latest active decision of any reviewer, by
    time, else the prediction), ``source`` (``"decision"`` or
    ``"prediction"``), ``decision_id``/``decided_by``/``decided_at`` (of the
    current decision, else None), ``reviewed`` (bool),
    ``reviewed_by`` (list of reviewers with an active decision),
    ``uncertainty`` (float or None), plus ``document`` (as in
    :meth:`documents`), ``history`` (every decision, newest first, each
    ``id, statement_id, reviewer, at, action, labels, undone_at``) and
    ``before``/``after`` (up to ``context`` neighbouring statements of the
    same document in the db, in document order, each ``id, index, page,
    lead_in, text, labels, source``). Unknown or malformed ids give ``None``.
    ``find_statement(key=None, record_id=None) -> int | None`` looks one up
    by its stable key, else by a record id that is unique in the store.

Labels
    A labels dict has ``is_need, needs, has_activity, has_timeline, generic,
    reasons``. Writers take a partial dict of the first four (missing ones come
    from the statement's current labels) or the string ``"accept"`` (keep
    the current labels). ``generic``/``reasons`` are always computed with
    :func:`pipeline.flags.generic_reasons`; a non-need gets no categories,
    activity or timeline. :func:`complete_labels` does this normalisation.

Decisions
    ``decide(statement_id, reviewer, labels | "accept") -> int`` (decision id);
    the reviewer name is whitespace-normalised and must be non-empty and at
    most ``MAX_REVIEWER_LENGTH`` (100) characters (``ReviewError``);
    timestamps are UTC ISO 8601 (``now_utc()`` format). ``toggle(statement_id,
    reviewer, label) -> int`` flips one of ``TOGGLES``: ``is_need``, a
    category, ``has_activity``, ``has_timeline``
    (turning on a category, activity or timeline on a non-need makes it a
    need). ``undo(reviewer_or_decision_id) -> list[int]`` undoes a reviewer's
    latest active decision (a whole bulk decision at once) or one decision by
    id; undone decisions stay in the history with ``undone_at``; returns the
    undone decision ids (empty: nothing to undo). ``decision(decision_id) ->
    dict | None`` (``id, statement_id, reviewer, at, action, batch, labels,
    undone_at``; ``action`` is accept, correct, bulk, label-studio or
    prodigy). ``bulk(filters, reviewer, labels | "accept") -> int`` applies
    one decision to every statement of the filtered set (status filter
    included) in one transaction and returns how many; with ``"accept"`` or
    a partial dict each statement starts from its own current labels.
    ``reviewers() -> list[str]``.

Agreement
    ``agreement() -> dict[label, {"kappa": float | None, "n": int,
    "observed": float | None, "pairs": int}]`` for ``AGREEMENT_LABELS``
    (``LABELS`` plus ``generic``, in that order): Cohen's kappa over
    statements with current decisions from two or more reviewers (each
    reviewer's latest), pairwise over reviewer pairs, averaged weighted by
    the number of shared statements. ``n`` counts statement-pairs compared,
    ``observed`` is raw agreement, ``pairs`` the reviewer pairs; ``None``
    when undefined (no pairs, or nobody ever varied on that label).

Exchange formats (corpus, Label Studio, Prodigy) live in
:mod:`pipeline.review.exchange` (``export(store, path, fmt, reviewer)``,
``import_file(store, path, fmt, reviewer)`` and one function per format);
they read ``current_decisions(reviewer=None) -> {statement_id: [decision,
...]}`` (each reviewer's latest active decision, oldest first) and write
with ``import_decision(statement_id, reviewer, labels, at, action) -> int |
None`` (``None``: that reviewer's current decision already says this).
"""
from __future__ import annotations

from .agreement import AGREEMENT_LABELS
from .database import SCHEMA_VERSION
from .decisions import MAX_REVIEWER_LENGTH, TOGGLES, Decisions
from .errors import ReviewError, UnknownStatement
from .filters import STATUSES, Filters
from .labels import LABEL_FIELDS, complete_labels
from .loading import LoadSummary, ResultsLoading
from .queries import Counts, StatementQueries
from .rows import ORDERS
from .timestamps import normalize_timestamp, now_utc

__all__ = [
    "AGREEMENT_LABELS",
    "Counts",
    "Filters",
    "LABEL_FIELDS",
    "LoadSummary",
    "MAX_REVIEWER_LENGTH",
    "ORDERS",
    "ReviewError",
    "ReviewStore",
    "SCHEMA_VERSION",
    "STATUSES",
    "TOGGLES",
    "UnknownStatement",
    "complete_labels",
    "now_utc",
    "normalize_timestamp",
]


class ReviewStore(StatementQueries, Decisions, ResultsLoading):
    """Statements, predictions and decisions of one review, in one SQLite file (see the module docstring).

    Opening, connections and transactions come from
    :class:`~pipeline.review.database.ReviewDatabase`, which every part builds on.
    """
