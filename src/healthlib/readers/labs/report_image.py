"""Read a photo or scan of a lab report with Debian's tesseract OCR.

The cleaning and OCR (`labfiles.image`) run in a time- and memory-limited child process, in
memory only. Limits: 10 MB, 40 megapixels (Pillow's decompression-bomb guard), 30 s of OCR.
"""

from __future__ import annotations

from healthlib.model.errors import UnreadableReport
from healthlib.model.lab_report import ReadReport
from healthlib.readers.labfiles.image import OCR_TIME_LIMIT

from .report_text import read_lines

MAX_BYTES = 10 * 1024 * 1024
_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


def is_image(data: bytes) -> bool:
    return data.startswith(_SIGNATURES)


def read_image(data: bytes, *, name: str = "report image") -> ReadReport:
    """Result lines from a photo or scan (PNG, JPEG, TIFF, WebP, GIF, BMP)."""
    if len(data) > MAX_BYTES:
        raise UnreadableReport(f"is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                               file=name)
    if not is_image(data):
        raise UnreadableReport("is not an image this reader understands (PNG, JPEG, TIFF, WebP)", file=name)
    tesseract_available()
    from healthlib.readers.labfiles.isolate import run_isolated

    lines = run_isolated("image", data, timeout=OCR_TIME_LIMIT + 15, name=name)
    return read_lines(lines, source_kind="image")


def tesseract_available() -> None:
    import shutil

    if shutil.which("tesseract") is None:
        raise UnreadableReport("reading photos needs Debian's tesseract-ocr, which is not installed "
                               "here (make labs-deps installs it)")
