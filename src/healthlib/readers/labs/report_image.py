"""Read a photo or scan of a lab report with Debian's tesseract OCR.

The cleaning and OCR (`labfiles.image`) run in a time- and memory-limited child process, in
memory only. Limits: 10 MB, 40 megapixels a page (Pillow's decompression-bomb guard), 20 pages (a TIFF), 30 s
of OCR a page and 60 s for the whole file.
"""

from __future__ import annotations

from healthlib.model.errors import UnreadableReport
from healthlib.model.lab_report import ReadReport

from .report_pdf import (  # one limit for every file: its size, and its reading time
    MAX_BYTES,
    TIME_LIMIT,
)
from .report_text import read_lines

_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


# the brands of an HEIF file's "ftyp" box: HEIC photos (an iPhone's default) and still HEIF images
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


def is_image(data: bytes) -> bool:
    return data.startswith(_SIGNATURES) or data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def read_image(data: bytes, *, name: str = "report image") -> ReadReport:
    """Result lines from a photo or scan (PNG, JPEG, HEIC, TIFF with one page or several, WebP, GIF,
    BMP)."""
    if len(data) > MAX_BYTES:
        raise UnreadableReport(f"is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                               file=name)
    if not is_image(data):
        raise UnreadableReport("is not an image this reader understands (PNG, JPEG, HEIC, TIFF, WebP)", file=name)
    tesseract_available()
    from healthlib.readers.labfiles.isolate import run_isolated

    lines = run_isolated("image", data, timeout=TIME_LIMIT, name=name)
    return read_lines(lines, source_kind="image", check_flags=True)


def tesseract_available() -> None:
    import shutil

    if shutil.which("tesseract") is None:
        raise UnreadableReport("reading photos needs Debian's tesseract-ocr, which is not installed "
                               "here (make labs-deps installs it)")
