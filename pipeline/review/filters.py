"""The queue's filters: parsed from a query string, given back for links, and turned into SQL.

A URL is user input, so parsing never fails (a bad value is dropped), and a
search never reaches FTS5 as query syntax (every word is quoted).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..schema import CATEGORIES, LABELS, REASONS
from .database import SCORE_COLUMNS
from .errors import ReviewError

STATUSES: tuple[str, ...] = ("all", "reviewed", "unreviewed")
_WORD = re.compile(r"\w+")


def finite_float(value: object) -> float | None:
    """A finite number from text or a number; ``None`` for anything else (NaN and infinities included)."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _to_bool(value: object) -> bool | None:
    """A yes/no query-string value (``true``, ``1``, ``on``...); ``None`` when it is neither."""
    text = str(value).strip().lower()
    return True if text in ("1", "true", "yes", "on") else False if text in ("0", "false", "no", "off") else None


@dataclass
class Filters:
    """What the queue shows; every field optional (each is described in :mod:`pipeline.review.store`)."""

    document: int | None = None
    party: str | None = None
    language: str | None = None
    category: str | None = None
    reason: str | None = None
    need: bool | None = None
    generic: bool | None = None
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)
    status: str = "all"
    reviewer: str | None = None
    search: str | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ReviewError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")
        if self.category is not None and self.category not in CATEGORIES:
            raise ReviewError(f"unknown category '{self.category}' (expected {', '.join(CATEGORIES)})")
        if self.reason is not None and self.reason not in REASONS:
            raise ReviewError(f"unknown reason '{self.reason}' (expected {', '.join(REASONS)})")
        unknown = sorted(set(self.scores) - set(LABELS))
        if unknown:
            raise ReviewError(f"unknown score label '{unknown[0]}' (expected {', '.join(LABELS)})")

    @classmethod
    def from_mapping(cls, args: Mapping[str, object] | None) -> "Filters":
        """Filters from query-string style values; unknown or bad values are ignored, not errors.

        A URL is user input: a typo in it should show an unfiltered queue, not
        an error page.
        """
        args = args or {}

        def get(name: str) -> str | None:
            value = args.get(name)
            if isinstance(value, (list, tuple)):
                value = value[0] if value else None
            text = str(value).strip() if value is not None else ""
            return text or None

        document = get("document")
        scores: dict[str, tuple[float, float]] = {}
        for label in LABELS:
            low, high = finite_float(get(f"min_{label}")), finite_float(get(f"max_{label}"))
            if low is not None or high is not None:
                scores[label] = (0.0 if low is None else low, 1.0 if high is None else high)
        category, reason, status = get("category"), get("reason"), get("status") or "all"
        return cls(
            document=int(document) if document and document.isdigit() else None,
            party=get("party"),
            language=get("lang"),
            category=category if category in CATEGORIES else None,
            reason=reason if reason in REASONS else None,
            need=_to_bool(get("need")) if get("need") else None,
            generic=_to_bool(get("generic")) if get("generic") else None,
            scores=scores,
            status=status if status in STATUSES else "all",
            reviewer=get("reviewer"),
            search=get("q"),
        )

    def to_mapping(self) -> dict[str, str]:
        """The set filters as query-string values (inverse of :meth:`from_mapping`)."""
        out: dict[str, str] = {}
        simple = {"document": self.document, "party": self.party, "lang": self.language,
                  "category": self.category, "reason": self.reason, "reviewer": self.reviewer, "q": self.search}
        for name, value in simple.items():
            if value is not None and str(value) != "":
                out[name] = str(value)
        for name, value in (("need", self.need), ("generic", self.generic)):
            if value is not None:
                out[name] = "true" if value else "false"
        if self.status != "all":
            out["status"] = self.status
        for label in LABELS:
            if label in self.scores:
                low, high = self.scores[label]
                out[f"min_{label}"] = f"{low:g}"
                out[f"max_{label}"] = f"{high:g}"
        return out


def where_clause(filters: Filters | None, fts: bool, with_status: bool = True) -> tuple[str, list]:
    """``(" WHERE ...", params)`` selecting the filtered statements ``s`` (``("", [])`` when unfiltered).

    ``fts`` says whether the store has its FTS5 index; ``with_status=False``
    ignores the reviewed/unreviewed filter (the counts split by it).
    """
    filters = filters or Filters()
    clauses: list[str] = []
    params: list = []
    if filters.document is not None:
        clauses.append("s.document_id = ?")
        params.append(filters.document)
    for column, value in (("s.party", filters.party), ("s.lang", filters.language)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if filters.category is not None:
        clauses.append("s.needs_flat LIKE ?")
        params.append(f"%;{filters.category};%")
    if filters.reason is not None:
        clauses.append("s.reasons_flat LIKE ?")
        params.append(f"%;{filters.reason};%")
    for column, value in (("s.is_need", filters.need), ("s.generic", filters.generic)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(int(value))
    for label, (low, high) in sorted(filters.scores.items()):
        clauses.append(f"s.{SCORE_COLUMNS[label]} BETWEEN ? AND ?")
        params.extend([float(low), float(high)])
    if with_status and filters.status != "all":
        exists, values = reviewed_clause(filters.reviewer)
        clauses.append(exists if filters.status == "reviewed" else f"NOT {exists}")
        params.extend(values)
    if filters.search and filters.search.strip():
        clause, values = _search_clause(filters.search, fts)
        clauses.append(clause)
        params.extend(values)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def reviewed_clause(reviewer: str | None) -> tuple[str, list]:
    """SQL that is true when statement ``s`` has an active decision (by ``reviewer`` when given), and its params."""
    by = "AND d.reviewer = ?" if reviewer else ""
    exists = f"EXISTS (SELECT 1 FROM decisions d WHERE d.statement_id = s.id AND d.undone_at IS NULL {by})"
    return exists, [reviewer] if reviewer else []


def _search_clause(search: str, fts: bool) -> tuple[str, list]:
    """Every word must occur; words are quoted, so no input is ever read as FTS5 syntax.

    FTS5 matches word prefixes (``fund`` finds "funding"); text without
    any word character (``%``, ``<>``) and stores without FTS5 use a
    case-insensitive substring match with LIKE, wildcards escaped.
    """
    words = _WORD.findall(search)
    if fts and words:
        query = " ".join('"' + word.replace('"', '""') + '"*' for word in words)
        return "s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)", [query]
    terms = search.split()
    clauses, params = [], []
    for term in terms:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term.casefold()) + "%"
        clauses.append("(casefold(s.text) LIKE ? ESCAPE '\\' OR casefold(s.lead_in) LIKE ? ESCAPE '\\')")
        params.extend([pattern, pattern])
    return "(" + " AND ".join(clauses) + ")", params
