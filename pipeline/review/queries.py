"""Reading the review: the menus (documents, parties, languages, reviewers), the filtered queue, one statement.

Nothing here writes; every read goes through this thread's connection, so
pages render while another thread records a decision.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from .database import ReviewDatabase
from .errors import ReviewError
from .filters import Filters, reviewed_clause, where_clause
from .rows import (
    ORDER_SQL,
    ORDERS,
    SELECT_DOCUMENTS,
    SELECT_STATEMENTS,
    decision_dict,
    document_dict,
    statement_dict,
)


class Counts(NamedTuple):
    """Of a filtered set: statements reviewed, remaining, and all of them."""

    reviewed: int
    remaining: int
    total: int


class StatementQueries(ReviewDatabase):
    """The store's read side (see :mod:`pipeline.review.store` for what each method returns)."""

    # ---- menus

    def documents(self) -> list[dict]:
        """Every loaded document with its statement and reviewed counts, sorted by ``doc``."""
        rows = self._db.execute(f"{SELECT_DOCUMENTS} GROUP BY doc.id ORDER BY doc.doc, doc.sha256").fetchall()
        return [document_dict(row) for row in rows]

    def document(self, document_id: int) -> dict | None:
        """One document (for page images: its ``path`` is the only file the app may open)."""
        try:
            document_id = int(document_id)
        except (TypeError, ValueError):
            return None
        row = self._db.execute(f"{SELECT_DOCUMENTS} WHERE doc.id = ? GROUP BY doc.id", (document_id,)).fetchone()
        return document_dict(row) if row else None

    def parties(self) -> list[str]:
        """The parties that have statements, for the queue's menu."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT party FROM statements WHERE party IS NOT NULL ORDER BY party")]

    def languages(self) -> list[str]:
        """The languages that have statements, for the queue's menu."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT lang FROM statements WHERE lang IS NOT NULL ORDER BY lang")]

    def reviewers(self) -> list[str]:
        """Everyone with a decision (undone ones too), for the reviewer menus."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT reviewer FROM decisions ORDER BY reviewer")]

    # ---- queue

    def query(self, filters: Filters | None = None, order: str = "document", limit: int | None = 50,
              offset: int = 0) -> tuple[list[dict], int]:
        """One page of the filtered queue and the size of the whole filtered set (``limit=None``: all)."""
        if order not in ORDERS:
            raise ReviewError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
        where, params = where_clause(filters, self.fts)
        total = self._db.execute(f"SELECT count(*) FROM statements s{where}", params).fetchone()[0]
        page = "" if limit is None else " LIMIT ? OFFSET ?"
        extra = [] if limit is None else [max(0, int(limit)), max(0, int(offset))]
        rows = self._db.execute(f"{SELECT_STATEMENTS}{where} ORDER BY {ORDER_SQL[order]}{page}",
                                params + extra).fetchall()
        return [statement_dict(row) for row in rows], total

    def ordered_ids(self, filters: Filters | None = None, order: str = "document",
                    include: int | None = None) -> list[int]:
        """Ids of the filtered set in queue order (plus ``include``, wherever it sorts)."""
        if order not in ORDERS:
            raise ReviewError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
        where, params = where_clause(filters, self.fts)
        if include is not None:
            where = f" WHERE (s.id = ?) OR ({where[7:]})" if where else ""
            params = [include, *params] if where else params
        sql = (f"SELECT s.id FROM statements s JOIN documents doc ON doc.id = s.document_id{where} "
               f"ORDER BY {ORDER_SQL[order]}")
        return [row[0] for row in self._db.execute(sql, params)]

    def neighbours(self, statement_id: int, filters: Filters | None = None,
                   order: str = "document") -> tuple[int | None, int | None]:
        """The previous and next statement in the filtered queue.

        The statement itself need not match the filters any more (it was just
        reviewed in an "unreviewed" queue): its place in the order still counts.
        """
        ids = self.ordered_ids(filters, order, include=statement_id)
        if statement_id not in ids:
            return None, None
        at = ids.index(statement_id)
        return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)

    def counts(self, filters: Filters | None = None) -> Counts:
        """Reviewed and remaining statements of the filtered set (its status filter is ignored)."""
        filters = filters or Filters()
        where, params = where_clause(filters, self.fts, with_status=False)
        is_reviewed, by = reviewed_clause(filters.reviewer)
        row = self._db.execute(f"SELECT count(*), coalesce(sum({is_reviewed}), 0) FROM statements s{where}",
                               by + params).fetchone()
        total, reviewed = row[0], row[1]
        return Counts(reviewed, total - reviewed, total)

    # ---- one statement

    def _reviewed_by(self, statement_id: int) -> list[str]:
        """Reviewers with an active decision on the statement (the queue rows leave this empty: it costs a query)."""
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT reviewer FROM decisions WHERE statement_id = ? AND undone_at IS NULL ORDER BY reviewer",
            (statement_id,))]

    def statement(self, statement_id: int, context: int = 2) -> dict | None:
        """A statement with its document, current labels, history and neighbours (``None`` if unknown)."""
        try:
            statement_id = int(statement_id)
        except (TypeError, ValueError):
            return None
        row = self._db.execute(f"{SELECT_STATEMENTS} WHERE s.id = ?", (statement_id,)).fetchone()
        if row is None:
            return None
        result = statement_dict(row)
        result["reviewed_by"] = self._reviewed_by(statement_id)
        result["document"] = self.document(row["document_id"])
        result["history"] = [decision_dict(d) for d in self._db.execute(
            "SELECT * FROM decisions WHERE statement_id = ? ORDER BY id DESC", (statement_id,))]
        around = max(0, int(context))
        brief = f"{SELECT_STATEMENTS} WHERE s.document_id = ? AND s.idx {{op}} ? ORDER BY s.idx {{direction}} LIMIT ?"
        before = self._db.execute(brief.format(op="<", direction="DESC"), (row["document_id"], row["idx"], around))
        after = self._db.execute(brief.format(op=">", direction="ASC"), (row["document_id"], row["idx"], around))
        keep = ("id", "index", "page", "lead_in", "text", "labels", "source")

        def short(r: Mapping) -> dict:
            full = statement_dict(r)
            return {name: full[name] for name in keep}

        result["before"] = [short(r) for r in reversed(before.fetchall())]
        result["after"] = [short(r) for r in after.fetchall()]
        return result

    def find_statement(self, key: str | None = None, record_id: str | None = None) -> int | None:
        """A statement id from its ``key`` (``sha256#index``), else from a record id that is unique here."""
        if key and "#" in str(key):
            sha, _, index = str(key).rpartition("#")
            if index.lstrip("-").isdigit():
                row = self._db.execute(
                    "SELECT s.id FROM statements s JOIN documents doc ON doc.id = s.document_id "
                    "WHERE doc.sha256 = ? AND s.idx = ?", (sha.lower(), int(index))).fetchone()
                if row:
                    return row[0]
        if record_id:
            rows = self._db.execute("SELECT id FROM statements WHERE record_id = ? LIMIT 2",
                                    (str(record_id),)).fetchall()
            if len(rows) == 1:
                return rows[0][0]
        return None
