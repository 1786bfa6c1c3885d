"""Pause Python's cyclic garbage collector while a batch is classified.

Classifying a batch makes hundreds of thousands of small containers (tokens,
cue matches, records) and keeps most of them until the batch ends. The
cyclic collector is triggered by allocations and then walks the live
objects, the loaded model's among them, again and again: for short
statements that was a third of the classification time. None of these
objects forms a reference cycle, so pausing the collector for the batch
frees nothing later than it would be freed anyway; whatever cycle something
else makes meanwhile is collected once the collector runs again.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, then restore it as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
