"""Progress of a batch run: a live bar on a terminal, plain log lines elsewhere.

A secretariat runs hundreds of reports at a time, often from a scheduler or
with output piped into a log file. On a terminal a tqdm bar shows documents
done, statements and needs so far and an ETA; anywhere else each finished
document gets one line with the same figures, which a log keeps readably.
Errors and warnings go through the same channel so they never tear the bar.
"""
from __future__ import annotations

import sys
from typing import IO

from .batch import BatchSummary, DocumentOutcome


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class BatchProgress:
    """Reports each finished document; call :meth:`close` when the batch ends."""

    def __init__(self, total: int, skipped: int = 0, stream: IO[str] | None = None, bar: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.skipped = skipped
        self.finished = 0
        show_bar = self.stream.isatty() if bar is None else bar
        self._bar = None
        if show_bar:
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=skipped, unit="doc", file=self.stream, dynamic_ncols=True)

    def message(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def update(self, outcome: DocumentOutcome, summary: BatchSummary) -> None:
        self.finished += 1
        if outcome.error is not None:
            self.message(f"capneeds: error: {outcome.error}")
        for warning in outcome.warnings:
            self.message(f"capneeds: warning: {warning}")
        if self._bar is not None:
            self._bar.set_postfix(statements=summary.statements, needs=summary.needs, failed=summary.failed, refresh=False)
            self._bar.update(1)
            return
        position = self.skipped + self.finished
        remaining = self.total - position
        eta = summary.seconds / self.finished * remaining if remaining else 0.0
        status = "failed" if outcome.error else f"{outcome.statements} statements, {outcome.needs} needs"
        self.message(
            f"[{position}/{self.total}] {outcome.path}: {status} "
            f"(total {summary.statements} statements, {summary.needs} needs; elapsed {_duration(summary.seconds)}, eta {_duration(eta)})"
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
