"""PDF page images for the reviewer: the page a statement stands on, with its box drawn.

A reviewer trusts a flag faster when they see the statement where it stands
(a table cell, a footnote, a list under a heading). pdfplumber renders the
page (``page.to_image``) and draws the statement's ``bbox`` on it
(``draw_rect``); the PNG is cached on disk, because rendering takes a few
hundred milliseconds and a reviewer moves back and forth between
statements of the same page.

This module never decides *which* file may be rendered: the web app passes
only paths of documents loaded into the review database (see
:mod:`pipeline.review.app`). It does check that the file is a readable PDF
and that the page exists, and raises :class:`PageImageError` (one line) when
not, so the app can answer 404 instead of a traceback.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from ..errors import CapneedsError

#: Dots per inch of the rendered page: A4 becomes about 900 x 1300 pixels,
#: enough to read 9-point text without zooming.
DEFAULT_RESOLUTION = 110
#: Largest side of an image in pixels, so that a poster-sized page cannot
#: make the server allocate hundreds of megabytes.
MAX_PIXELS = 2200
#: Box colours: a translucent amber fill under a strong outline, readable on
#: black text and visible to colour-blind reviewers (not red/green).
BOX_FILL = (255, 191, 0, 70)
BOX_STROKE = (213, 94, 0, 255)
BOX_STROKE_WIDTH = 3
#: Points added around the box so the outline does not cross the glyphs.
BOX_PADDING = 2.0
#: Images kept in memory besides the disk cache.
MEMORY_ITEMS = 32

# pypdfium2 (behind pdfplumber's to_image) is not thread-safe: one render at a time.
_RENDER_LOCK = threading.Lock()


class PageImageError(CapneedsError):
    """A page that cannot be rendered (not a PDF, no such page, unreadable file)."""


def _clean_bbox(bbox: Sequence[float] | None) -> tuple[float, float, float, float] | None:
    """The box as four finite floats with x0 <= x1 and top <= bottom, or None."""
    if bbox is None:
        return None
    try:
        x0, top, x1, bottom = (float(value) for value in bbox)
    except (TypeError, ValueError):
        return None
    if any(value != value or value in (float("inf"), float("-inf")) for value in (x0, top, x1, bottom)):
        return None
    return (min(x0, x1), min(top, bottom), max(x0, x1), max(top, bottom))


def render_page(
    pdf_path: str | Path,
    page_number: int,
    bbox: Sequence[float] | None = None,
    resolution: float = DEFAULT_RESOLUTION,
) -> bytes:
    """PNG bytes of page ``page_number`` (1-based) of a PDF, with ``bbox`` drawn when given.

    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points with a top-left
    origin, as pdfplumber gives and ``capneeds tag`` writes.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    path = Path(pdf_path)
    if path.suffix.lower() != ".pdf":
        raise PageImageError(f"{path}: page images exist only for PDF documents")
    if not isinstance(page_number, int) or isinstance(page_number, bool) or page_number < 1:
        raise PageImageError(f"{path}: page {page_number!r} is not a page number")
    box = _clean_bbox(bbox)
    try:
        with _RENDER_LOCK, pdfplumber.open(path) as pdf:
            if page_number > len(pdf.pages):
                raise PageImageError(f"{path}: has {len(pdf.pages)} page(s), not {page_number}")
            page = pdf.pages[page_number - 1]
            largest = max(float(page.width), float(page.height), 1.0)
            scale = min(float(resolution), MAX_PIXELS * 72.0 / largest)
            image = page.to_image(resolution=scale)
            if box is not None:
                x0, top, x1, bottom = box
                padded = (
                    max(x0 - BOX_PADDING, float(page.bbox[0])),
                    max(top - BOX_PADDING, float(page.bbox[1])),
                    min(x1 + BOX_PADDING, float(page.bbox[2])),
                    min(bottom + BOX_PADDING, float(page.bbox[3])),
                )
                if padded[0] < padded[2] and padded[1] < padded[3]:
                    image.draw_rect(padded, fill=BOX_FILL, stroke=BOX_STROKE, stroke_width=BOX_STROKE_WIDTH)
            buffer = BytesIO()
            image.save(buffer, format="PNG")
            return buffer.getvalue()
    except PageImageError:
        raise
    except FileNotFoundError as error:
        raise PageImageError(f"{path}: no such file (moved since it was loaded?)") from error
    except OSError as error:
        raise PageImageError(f"{path}: cannot be read ({error.strerror or error})") from error
    except PDFSyntaxError as error:
        raise PageImageError(f"{path}: not a readable PDF") from error
    except Exception as error:  # pdfminer/pypdfium2 raise many types for encrypted or corrupt files
        raise PageImageError(f"{path}: page {page_number} cannot be rendered ({type(error).__name__})") from error


class PageImages:
    """Rendered pages, cached on disk (when ``cache_dir`` is given) and in memory.

    The cache key covers the file's resolved path, size and modification
    time, the page, the box and the resolution: a changed document is
    rendered again, never served stale.
    """

    def __init__(self, cache_dir: str | Path | None = None, resolution: float = DEFAULT_RESOLUTION) -> None:
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.resolution = resolution
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, path: Path, page_number: int, bbox: Sequence[float] | None) -> str:
        stat = path.stat()
        box = _clean_bbox(bbox)
        box_text = "none" if box is None else ",".join(f"{value:.2f}" for value in box)
        identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{page_number}|{box_text}|{self.resolution}"
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def png(self, pdf_path: str | Path, page_number: int, bbox: Sequence[float] | None = None) -> bytes:
        """The page as PNG bytes, rendered once and then served from the cache."""
        path = Path(pdf_path)
        try:
            key = self._key(path, page_number, bbox)
        except OSError as error:
            raise PageImageError(f"{path}: no such file (moved since it was loaded?)") from error
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        data = self._read_disk(key)
        if data is None:
            data = render_page(path, page_number, bbox, self.resolution)
            self._write_disk(key, data)
        with self._lock:
            self._memory[key] = data
            while len(self._memory) > MEMORY_ITEMS:
                self._memory.popitem(last=False)
        return data

    def _read_disk(self, key: str) -> bytes | None:
        if self.cache_dir is None:
            return None
        try:
            return (self.cache_dir / f"{key}.png").read_bytes()
        except OSError:
            return None

    def _write_disk(self, key: str, data: bytes) -> None:
        """Write atomically (temp file + rename); a cache that cannot be written is skipped, not fatal."""
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.cache_dir / f"{key}.png")
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass
