"""Read a lab report PDF: its text layer with word positions (pdfplumber), or, for a scanned page
with no text, the page rendered (pypdfium2) and read by OCR.

Limits: 10 MB, 20 pages. An encrypted, damaged or booby-trapped file gives one clear
`UnreadableReport`; reading happens in a time- and memory-limited child process
(`isolate.run_isolated`), in memory only: the file is never written to disk or logged.
"""

from __future__ import annotations

import io

from healthlib.model.errors import UnreadableReport
from healthlib.model.lab_report import ReadReport

from .layout import Word, words_to_lines
from .report_text import read_lines

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20
TIME_LIMIT = 60.0  # seconds for the whole file (a 20-page text PDF takes a few)
SCAN_DPI = 300
MAX_RENDER_SIDE = 4000  # pixels: a giant page is shrunk, not rendered at full size


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]


def read_pdf(data: bytes, *, name: str = "report.pdf") -> ReadReport:
    """Result lines from a PDF's bytes."""
    if len(data) > MAX_BYTES:
        raise UnreadableReport(f"is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                               file=name)
    if not is_pdf(data):
        raise UnreadableReport("is not a PDF file", file=name)
    from .isolate import run_isolated

    pages, lines = run_isolated("pdf", data, timeout=TIME_LIMIT, name=name)
    return read_lines(lines, source_kind="pdf", pages=pages)


def extract_lines(data: bytes) -> tuple[int, list[str]]:
    """Runs in the reading child: (page count, text lines in reading order)."""
    import pdfplumber
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableReport("is protected by a password; save or print it without one and "
                                   "try again") from None
        raise UnreadableReport("is damaged or not a PDF this reader understands") from None
    try:
        count = len(doc)
        if count > MAX_PAGES:
            raise UnreadableReport(f"has {count} pages; the limit is {MAX_PAGES}")
        if count == 0:
            raise UnreadableReport("has no pages")
        lines: list[str] = []
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
                if words:
                    lines.extend(words_to_lines([Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                                                 for w in words]))
                else:
                    lines.extend(_ocr_page(doc[number]))
        return count, lines
    finally:
        doc.close()


def _ocr_page(page) -> list[str]:
    """A scanned page: render it and read it as an image."""
    from .report_image import ocr_lines, prepare

    width, height = page.get_size()
    scale = min(SCAN_DPI / 72, MAX_RENDER_SIDE / max(width, height, 1))
    bitmap = page.render(scale=scale, grayscale=True)
    image = bitmap.to_pil()
    return ocr_lines(prepare(image))
