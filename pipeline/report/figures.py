"""The numbers of a synthesis, as plain frozen dataclasses.

Everything a report shows (tables, charts, sentences, CSV) is read from these
objects and nothing else, so every format states the same figures. Groups
and documents are sorted and ties in term counts broken alphabetically, so
the same records always give the same synthesis, in any order.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..schema import CATEGORIES, REASONS
from .load import METADATA_FIELDS

#: How many evidence terms the report lists per category.
TOP_TERMS = 10


@dataclass(frozen=True)
class Tally:
    """Need statements of some scope: how many, of which category, how generic."""

    needs: int
    categories: dict[str, int]
    no_category: int
    generic: int
    reasons: dict[str, int]


@dataclass(frozen=True)
class DocumentFigures:
    """One document of the batch; ``status`` is ``failed`` when it could not be read."""

    doc: str
    status: str
    error: str | None
    statements: int | None
    metadata: dict[str, str | None]
    languages: tuple[str, ...]
    tally: Tally


@dataclass(frozen=True)
class GroupFigures:
    """Documents read that share a language, convention or party (or all of them)."""

    key: str
    documents: int
    documents_with_needs: int
    documents_naming: dict[str, int]
    tally: Tally


@dataclass(frozen=True)
class Synthesis:
    """All figures of a report; ``sentences`` are computed from the others."""

    documents: tuple[DocumentFigures, ...]
    has_manifest: bool
    records: int
    statements: int | None
    overall: GroupFigures
    languages: tuple[GroupFigures, ...]
    conventions: tuple[GroupFigures, ...]
    parties: tuple[GroupFigures, ...]
    evidence: dict[str, tuple[tuple[str, int], ...]]
    sentences: tuple[str, ...] = ()

    @property
    def read(self) -> tuple[DocumentFigures, ...]:
        return tuple(document for document in self.documents if document.status == "done")

    @property
    def failed(self) -> tuple[DocumentFigures, ...]:
        return tuple(document for document in self.documents if document.status == "failed")

    @property
    def parties_naming(self) -> dict[str, int]:
        """Per category, how many parties have at least one report stating it."""
        return {c: sum(1 for party in self.parties if party.documents_naming[c]) for c in CATEGORIES}

    def metadata_present(self, name: str) -> bool:
        """Whether any document read has this metadata (else its column is left out)."""
        return any(document.metadata[name] for document in self.read)


def _sort_key(text: str) -> tuple[str, str]:
    return text.casefold(), text


def tally(needs: Iterable[dict]) -> Tally:
    """Counts over need statements (records with ``is_need`` true)."""
    categories = Counter()
    reasons = Counter()
    count = no_category = generic = 0
    for record in needs:
        count += 1
        categories.update(record["needs"])
        reasons.update(record["reasons"])
        no_category += not record["needs"]
        generic += record["generic"]
    return Tally(
        needs=count,
        categories={c: categories[c] for c in CATEGORIES},
        no_category=no_category,
        generic=generic,
        reasons={r: reasons[r] for r in REASONS},
    )


def _group(key: str, documents: int, needs: list[dict]) -> GroupFigures:
    """Figures for a group of ``documents`` (read) whose need statements are ``needs``."""
    naming = {c: len({r["doc"] for r in needs if c in r["needs"]}) for c in CATEGORIES}
    return GroupFigures(
        key=key,
        documents=documents,
        documents_with_needs=len({r["doc"] for r in needs}),
        documents_naming=naming,
        tally=tally(needs),
    )


def _documents(records: list[dict], manifest: list[dict] | None) -> list[dict]:
    """The batch's documents: the manifest's, plus any document that only the records name.

    Metadata comes from the manifest, else from the records (the first value in
    sorted order, should they disagree, so that record order never matters).
    """
    documents = {d["doc"]: dict(d) for d in manifest or []}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record in records:
        documents.setdefault(
            record["doc"],
            {"doc": record["doc"], "status": "done", "statements": None, "error": None}
            | {name: None for name in METADATA_FIELDS},
        )
        for name in METADATA_FIELDS:
            if record[name]:
                found[record["doc"]][name].add(record[name])
    for doc, fields in found.items():
        for name, values in fields.items():
            documents[doc][name] = documents[doc][name] or min(values, key=_sort_key)
    return [documents[doc] for doc in sorted(documents, key=_sort_key)]


def _by(records: Iterable[dict], field: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        groups[record[field]].append(record)
    return groups


def _evidence_terms(needs: list[dict]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Most frequent evidence words per category, casefolded, from need statements of that category."""
    terms = {c: Counter() for c in CATEGORIES}
    for record in needs:
        for category in record["needs"]:
            words = (" ".join(word.split()).casefold() for word in record["evidence"].get(category, []))
            terms[category].update(word for word in words if word)
    return {
        c: tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TOP_TERMS])
        for c, counts in terms.items()
    }


def compute(records: list[dict], manifest: list[dict] | None) -> Synthesis:
    """Figures from normalized records and manifest documents (see :mod:`.load`).

    Only documents read count: a failed document is listed, never a denominator.
    """
    documents = _documents(records, manifest)
    read = [d for d in documents if d["status"] == "done"]
    read_docs = {d["doc"] for d in read}
    kept = [r for r in records if r["doc"] in read_docs]
    needs = [r for r in kept if r["is_need"]]
    needs_by_doc = _by(needs, "doc")
    records_by_doc = _by(records, "doc")

    def by_metadata(field: str) -> tuple[GroupFigures, ...]:
        members = _by((d for d in read if d[field]), field)
        return tuple(
            _group(key, len(docs), [r for d in docs for r in needs_by_doc[d["doc"]]])
            for key, docs in sorted(members.items(), key=lambda item: _sort_key(item[0]))
        )

    by_lang = _by((r for r in kept if r["lang"]), "lang")
    statements = [d["statements"] for d in read]
    return Synthesis(
        documents=tuple(
            DocumentFigures(
                doc=d["doc"],
                status=d["status"],
                error=d["error"],
                statements=d["statements"],
                metadata={name: d[name] for name in METADATA_FIELDS},
                languages=tuple(sorted({r["lang"] for r in records_by_doc[d["doc"]] if r["lang"]})),
                tally=tally(needs_by_doc[d["doc"]]),
            )
            for d in documents
        ),
        has_manifest=manifest is not None,
        records=len(records),
        statements=sum(statements) if manifest is not None and None not in statements else None,
        overall=_group("", len(read_docs), needs),
        languages=tuple(
            _group(lang, len({r["doc"] for r in members}), [r for r in members if r["is_need"]])
            for lang, members in sorted(by_lang.items())
        ),
        conventions=by_metadata("convention"),
        parties=by_metadata("party"),
        evidence=_evidence_terms(needs),
    )
