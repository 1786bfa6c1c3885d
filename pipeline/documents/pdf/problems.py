"""What can be wrong with a PDF, and how each problem is told to the user.

Everything the user can fix (a password, OCR) is raised as a
:class:`~pipeline.errors.DocumentError` naming the file; damage that still
leaves text (a bad page, a corrupt stream, a page of images) becomes a
per-page warning. pdfminer's own log is kept off stderr and read for
signs of stream damage.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.documents.pdf.lines import Word
from pipeline.errors import DocumentError

NO_TEXT = "no text layer on any page (a scanned document?); run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"
UNREADABLE = "text layer is unreadable (broken font encoding); run OCR first"
# A page whose words look like "M]heh\guc dh^_dk": a font without a usable
# ToUnicode map. Real words in any of our languages rarely hold these
# symbols, and real text rarely has most of its glyphs unmapped.
UNREADABLE_PAGE = "text layer is unreadable (broken font encoding); run OCR to read it"
DAMAGED_STREAM = "a damaged content stream; some of its text may be missing"
_ODD = set("[]\\^_`{|}~@<>=")


@contextmanager
def pdfminer_log() -> Iterator[list[str]]:
    """Keep pdfminer's and pdfplumber's log records off stderr, collecting
    the warnings so that stream damage can be reported per page."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect(logging.WARNING)
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING)
    try:
        yield records
    finally:
        for logger, (propagate, level) in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate
            logger.setLevel(level)


def is_damage(message: str) -> bool:
    """Whether a pdfminer log message tells of a damaged content stream."""
    return "corrupt" in message or "decompress" in message


def open_pdf(path: Path, password: str | None) -> pdfplumber.PDF:
    """Open ``path``; a wrong or missing password, unsupported encryption
    or a file pdfminer cannot parse is a :class:`DocumentError`."""
    try:
        return pdfplumber.open(path, password=password)
    except PdfminerException as error:
        inner = error.args[0] if error.args else error
        if isinstance(inner, PDFPasswordIncorrect):
            problem = "encrypted PDF: wrong password" if password else "encrypted PDF: a password is required"
            raise DocumentError(path, problem) from None
        if isinstance(inner, PDFEncryptionError):
            raise DocumentError(path, f"encrypted PDF: unsupported encryption ({inner})") from None
        raise corrupt(path, cause(inner)) from None


def corrupt(path: Path, reason: str) -> DocumentError:
    """The error for a file that is not a whole PDF."""
    return DocumentError(path, f"corrupt or truncated PDF ({reason})")


def unreadable_page(error: Exception) -> str:
    """The warning for a page pdfminer failed on (it raises anything on bad
    streams)."""
    inner = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    return f"could not be read ({cause(inner)}); it is left out"


def cause(error: BaseException) -> str:
    """A short lower-case cause for a parser exception."""
    if type(error).__name__ == "PSEOF":
        return "unexpected end of file"
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:80].lower()


def thin_text_layer(chars: int, unmapped: int, has_images: bool) -> str | None:
    """The warning for a page with (almost) no text over images or glyphs
    without Unicode, given its count of readable and unmapped characters."""
    if chars < 20 and (unmapped or has_images):
        return (
            f"almost no text layer ({chars} characters) over images or unreadable glyphs; "
            "run OCR to read it"
            if chars
            else "no text layer (a scanned page?); run OCR to read it"
        )
    return None


def is_garbage(words: Sequence[Word], unmapped: int) -> bool:
    """Whether a page's text layer is mojibake rather than language."""
    length = sum(len(word.text) for word in words)
    if unmapped > 20 and unmapped > 0.2 * (length + unmapped):
        return True
    if length < 100:
        return False
    odd = sum(1 for word in words if _looks_garbled(word.text))
    return odd > 0.15 * len(words)


def _looks_garbled(text: str) -> bool:
    if "://" in text or text.startswith("www.") or "@" in text[1:-1]:
        return False  # addresses hold these symbols legitimately
    return any(ch in _ODD for ch in text) and any(ch.isalpha() for ch in text)
