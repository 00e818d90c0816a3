"""Read a lab report PDF: its text layer with word positions (pdfplumber), or, for a scanned page
with no text, the page rendered (pypdfium2) and read by OCR.

Limits: 10 MB, 20 pages. An encrypted, damaged or booby-trapped file gives one clear
`UnreadableReport`; reading happens in a time- and memory-limited child process
(`labfiles.isolate.run_isolated`, which runs `labfiles.pdf`), in memory only: the file is
never written to disk or logged.
"""

from __future__ import annotations

from healthlib.model.errors import UnreadableReport
from healthlib.model.lab_report import ReadReport
from healthlib.readers.labfiles.pdf import MAX_PAGES

from .report_text import read_lines

__all__ = ["MAX_BYTES", "MAX_PAGES", "is_pdf", "read_pdf"]
MAX_BYTES = 10 * 1024 * 1024
TIME_LIMIT = 60.0  # seconds for the whole file (a 20-page text PDF takes a few)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]


def read_pdf(data: bytes, *, name: str = "report.pdf") -> ReadReport:
    """Result lines from a PDF's bytes."""
    if len(data) > MAX_BYTES:
        raise UnreadableReport(f"is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                               file=name)
    if not is_pdf(data):
        raise UnreadableReport("is not a PDF file", file=name)
    from healthlib.readers.labfiles.isolate import run_isolated

    pages, lines = run_isolated("pdf", data, timeout=TIME_LIMIT, name=name)
    return read_lines(lines, source_kind="pdf", pages=pages)
