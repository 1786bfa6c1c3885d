"""Errors a user can act on.

Every problem with an input file is raised as :class:`DocumentError`, whose
message is one line naming the file and the problem. The CLI prints that line
and moves on to the next file; it never shows a traceback for bad input.
"""
from __future__ import annotations

from pathlib import Path


class CapneedsError(Exception):
    """Base class for errors that the CLI reports as one line."""


class DocumentError(CapneedsError):
    """A file that cannot be read (encrypted, corrupt, empty, no text...)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ModelError(CapneedsError):
    """A model file that is missing, corrupt or built with incompatible libraries."""
