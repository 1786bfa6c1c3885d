"""PDF reader: pdfplumber characters → lines → paragraphs, in reading order.

A package rather than one module because a report PDF asks many separate
questions, each answered in its own module:

- :mod:`.problems`: can the file be opened, and is its text readable
  (encrypted, corrupt, no text layer, broken font encoding)?
- :mod:`.scan`: what words and ruled tables does each page hold, turned
  upright?
- :mod:`.lines`: which words share a line, and which of them are footnote
  marks rather than text?
- :mod:`.furniture`: which margin lines are running heads, footers, page
  numbers or document symbols?
- :mod:`.columns`: where are the page's columns?
- :mod:`.blocks`: where does one paragraph end and the next begin?
- :mod:`.footnotes`: which paragraphs are footnotes?
- :mod:`.tables`: which words are in which table cell?
- :mod:`.order`: in what order are a page's paragraphs and tables read?
- :mod:`.reader`: :func:`read_pdf`, which runs them page by page in
  bounded memory.
"""
from pipeline.documents.pdf.problems import NO_TEXT, UNREADABLE
from pipeline.documents.pdf.reader import read_pdf

__all__ = ["NO_TEXT", "UNREADABLE", "read_pdf"]
