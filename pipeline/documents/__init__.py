"""Readers: a file on disk → :class:`~pipeline.schema.Document`.

:func:`read_document` is the one entry point. It looks at a file's first
bytes to choose a reader, because names lie: a "report.pdf" downloaded from
a portal is often the portal's HTML error page, and a ".doc" is often a
DOCX. The suffix only breaks ties (HTML without a doctype, plain text).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.documents.docx import read_docx
from pipeline.documents.html import read_html
from pipeline.documents.pdf import read_pdf
from pipeline.documents.text import decode, read_text
from pipeline.errors import DocumentError
from pipeline.schema import Document

__all__ = ["read_document"]

_TEXT_SUFFIXES = {"", ".txt", ".text", ".md", ".markdown"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title")
_SIGNATURES = (
    (b"\x89PNG", "a PNG image; run OCR first"),
    (b"\xff\xd8\xff", "a JPEG image; run OCR first"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image; run OCR first"),
    (b"MM\x00*", "a TIFF image; run OCR first"),
    (b"{\\rtf", "an RTF document; save it as DOCX or PDF"),
    (b"\xd0\xcf\x11\xe0", "an old binary Office file (.doc/.xls) or an encrypted DOCX; save it as DOCX or PDF"),
)


def read_document(path: str | Path, password: str | None = None) -> Document:
    """Read a PDF, DOCX, HTML or plain-text file.

    ``password`` opens an encrypted PDF. Anything that cannot be read is
    raised as :class:`~pipeline.errors.DocumentError` with a one-line
    problem; partial damage is reported in ``Document.warnings``.
    """
    path = Path(path)
    kind = _sniff(path, _head(path))
    if kind == "pdf":
        return read_pdf(path, password)
    if kind == "docx":
        return read_docx(path)
    if kind == "html":
        return read_html(path)
    return read_text(path)


def _head(path: Path) -> bytes:
    """The first 8 KiB, after the checks that need no content."""
    try:
        if path.is_dir():
            raise DocumentError(path, "is a folder, not a file")
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise DocumentError(path, "file not found") from None
    except OSError as error:
        raise DocumentError(path, f"cannot read the file ({(error.strerror or str(error)).lower()})") from None
    if not head:
        raise DocumentError(path, "empty file (0 bytes)")
    return head


def _sniff(path: Path, head: bytes) -> str:
    """"pdf", "docx", "html" or "text"; DocumentError for anything else."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    looks_like = _describe(path, head)
    if suffix == ".pdf":
        raise DocumentError(path, f"not a PDF although named .pdf (looks like {looks_like})")
    if looks_like == "a Word document (DOCX)":
        return "docx"
    if suffix in (".docx", ".docm", ".dotx"):
        if looks_like.startswith("a ZIP archive"):
            raise DocumentError(path, "corrupt DOCX (the archive has no word/document.xml)")
        raise DocumentError(path, f"corrupt DOCX (looks like {looks_like})")
    if looks_like == "HTML" or (looks_like == "plain text" and suffix in _HTML_SUFFIXES):
        return "html"
    if looks_like == "plain text" and suffix in _TEXT_SUFFIXES:
        return "text"
    raise DocumentError(path, f"unsupported file type ({looks_like})")


def _describe(path: Path, head: bytes) -> str:
    """What the first bytes look like, in words a user recognises."""
    for signature, description in _SIGNATURES:
        if head.startswith(signature):
            return description
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return "a damaged ZIP archive"
        return "a Word document (DOCX)" if "word/document.xml" in names else "a ZIP archive, not a Word document"
    text = _as_text(head)
    if text is None:
        return "binary data"
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(_HTML_STARTS) or ("<html" in start[:1024] and start.startswith("<")):
        return "HTML"
    return "plain text"


def _as_text(head: bytes) -> str | None:
    """The head decoded when it is text (any UTF with a BOM, or no control
    bytes other than whitespace), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode(head)
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13))
    return decode(head) if controls <= len(head) // 200 else None
