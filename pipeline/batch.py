"""Tagging a folder of reports unattended: in parallel, resumable, with progress.

Documents are shared out with joblib: local worker processes by default, or
a Dask cluster through joblib's Dask backend, with the same code and the same
output. Each worker loads the model once and keeps it for every document it
is given. A document that fails comes back as a one-line reason instead of
an exception, so one bad file never stops the others; results are written
as each document finishes (see :mod:`pipeline.batch_output`).

A document is known by the SHA-256 of its bytes: ``--resume`` skips what the
manifest already holds under the same content, so a renamed file is not
redone and a changed file is.
"""
from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .batch_output import ManifestEntry, open_output, read_manifest
from .classifier import Classifier, load_model
from .errors import CapneedsError, DocumentError
from .metadata import metadata_for
from .storage import default_model_dir, verify_model_files
from .tagging import tag_document


@dataclass(frozen=True)
class BatchSettings:
    """How to tag: what to keep, with which model, on how many workers."""

    keep_all: bool = False
    password: str | None = None
    model: str | None = None
    jobs: int = -1
    dask: str | None = None


@dataclass
class DocumentOutcome:
    """One document's result as it comes back from a worker."""

    path: str
    sha256: str
    records: list[dict] = field(default_factory=list)
    statements: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def needs(self) -> int:
        return sum(1 for record in self.records if record["is_need"])

    @property
    def generic(self) -> int:
        return sum(1 for record in self.records if record["is_need"] and record["generic"])


@dataclass
class BatchSummary:
    documents: int = 0
    skipped: int = 0
    done: int = 0
    failed: int = 0
    statements: int = 0
    needs: int = 0
    generic: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        share = f"{self.generic / self.needs:.0%}" if self.needs else "n/a"
        skipped = f", {self.skipped} already done (resumed)" if self.skipped else ""
        return (
            f"done: {self.done} document(s) tagged, {self.failed} failed{skipped}, {self.statements} statements, "
            f"{self.needs} needs ({share} generic) in {self.seconds:.1f}s"
        )


def content_hash(path: str | Path) -> str:
    """SHA-256 of the file's bytes ('' when it cannot be read; tagging will say why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def plan_resume(documents: list[tuple[str, str]], target: str | Path) -> tuple[set[str], list[tuple[str, str]]]:
    """Split ``(path, sha256)`` pairs into manifest entries to keep and documents to do.

    A document is done when the manifest holds it under the same content:
    first under its own name, else under a name no longer in the input (the
    file was renamed). Failed documents are tried again.
    """
    done = {doc: entry for doc, entry in read_manifest(target).items() if entry.status == "done"}
    current = {path for path, _ in documents}
    renamed = {}
    for doc, entry in done.items():
        if doc not in current:
            renamed.setdefault(entry.sha256, []).append(doc)
    kept: set[str] = set()
    todo: list[tuple[str, str]] = []
    for path, sha256 in documents:
        if path in done and done[path].sha256 == sha256:
            kept.add(path)
        elif renamed.get(sha256):
            kept.add(renamed[sha256].pop(0))
        else:
            todo.append((path, sha256))
    return kept, todo


_classifiers: dict[str | None, Classifier] = {}


def _classifier(model: str | None) -> Classifier:
    """The model for this process, loaded on first use and kept for the next documents."""
    if model not in _classifiers:
        _classifiers[model] = load_model(model)
    return _classifiers[model]


def tag_one(path: str, sha256: str, meta: dict[str, str | None], settings: BatchSettings) -> DocumentOutcome:
    """Tag one document in a worker; every failure becomes a one-line ``error``."""
    outcome = DocumentOutcome(path=path, sha256=sha256)
    try:
        tagged = tag_document(Path(path), _classifier(settings.model), settings.keep_all, settings.password, meta)
    except DocumentError as error:
        outcome.error = str(error)
    except CapneedsError as error:
        outcome.error = f"{path}: {error}"
    except Exception as error:  # noqa: BLE001 - one broken file must never stop a batch
        outcome.error = f"{path}: unexpected error while reading ({type(error).__name__}: {error})"
    else:
        outcome.records, outcome.statements, outcome.warnings = tagged.records, tagged.statements, tagged.warnings
    return outcome


@contextmanager
def _backend(settings: BatchSettings, tasks: int) -> Iterator[dict]:
    """joblib ``Parallel`` arguments for local processes or a Dask cluster."""
    if settings.dask is None:
        jobs = settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)
        yield {"n_jobs": max(1, min(jobs, tasks))}
        return
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CapneedsError("--dask needs Dask: pip install 'capneeds[dask]'") from None
    import joblib

    if settings.dask == "local":
        workers = settings.jobs if settings.jobs > 0 else (os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster = None
        try:
            client = Client(settings.dask, timeout="20s")
        except OSError as error:
            raise CapneedsError(f"cannot reach the Dask scheduler at {settings.dask} ({error})") from None
    try:
        with joblib.parallel_config(backend="dask"):
            yield {"n_jobs": -1}
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_batch(
    documents: list[Path],
    output: str | Path,
    settings: BatchSettings,
    metadata: dict[str, dict[str, str | None]] | None = None,
    resume: bool = False,
    on_document: Callable[[DocumentOutcome, BatchSummary], None] | None = None,
) -> BatchSummary:
    """Tag ``documents`` into ``output``; call ``on_document`` as each one finishes."""
    import joblib

    started = time.monotonic()
    hashed = [(str(path), content_hash(path)) for path in documents]
    kept, todo = plan_resume(hashed, output) if resume else (None, hashed)
    sink = open_output(output, kept=kept)
    summary = BatchSummary(documents=len(documents), skipped=len(documents) - len(todo))
    metadata = metadata or {}
    with _backend(settings, len(todo)) as parallel_args:
        # A broken model fails once, here, not once per document. Workers load
        # their own copy, so the parent only checks the files unless it works too.
        if parallel_args["n_jobs"] == 1 and settings.dask is None:
            _classifier(settings.model)
        else:
            verify_model_files(Path(settings.model) if settings.model else default_model_dir())
        tasks = (joblib.delayed(tag_one)(path, sha256, metadata_for(path, metadata), settings) for path, sha256 in todo)
        for outcome in joblib.Parallel(return_as="generator_unordered", **parallel_args)(tasks):
            meta = metadata_for(outcome.path, metadata)
            if outcome.error is None:
                summary.done += 1
                summary.statements += outcome.statements
                summary.needs += outcome.needs
                summary.generic += outcome.generic
                entry = ManifestEntry(outcome.path, outcome.sha256, "done", outcome.statements, outcome.needs, outcome.generic, meta=dict(meta))
            else:
                summary.failed += 1
                entry = ManifestEntry(outcome.path, outcome.sha256, "failed", error=outcome.error, meta=dict(meta))
            sink.add(outcome.records, entry)
            summary.seconds = time.monotonic() - started
            if on_document is not None:
                on_document(outcome, summary)
    sink.finish()
    summary.seconds = time.monotonic() - started
    return summary
