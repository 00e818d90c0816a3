"""One entry for every surface: a report's bytes (PDF, image or text) or pasted text -> ReadReport.

The kind is told from the bytes themselves, never from the file name.
"""

from __future__ import annotations

from healthlib.model.errors import UnreadableReport
from healthlib.model.lab_report import ReadReport

from .report_image import is_image, read_image
from .report_pdf import MAX_BYTES, is_pdf, read_pdf
from .report_text import MAX_TEXT, read_text


def read_report_bytes(data: bytes, *, name: str = "report") -> ReadReport:
    if len(data) > MAX_BYTES:
        raise UnreadableReport(f"is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                               file=name)
    if not data.strip():
        raise UnreadableReport("is empty", file=name)
    if is_pdf(data):
        return read_pdf(data, name=name)
    if is_image(data):
        return read_image(data, name=name)
    if b"\x00" in data[:4096]:
        raise UnreadableReport("is not a PDF, an image or text", file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return read_report_text(text, name=name)


def read_report_text(text: str, *, name: str = "pasted text") -> ReadReport:
    if len(text) > MAX_TEXT:
        raise UnreadableReport(f"is {len(text):,} characters; the limit is {MAX_TEXT:,}", file=name)
    return read_text(text)
