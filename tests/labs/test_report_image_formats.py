"""Image files as people have them: an iPhone's HEIC photo, a fax or scanner's multi-page TIFF.
Each is read like any photo; too many pages is one clear line."""

from __future__ import annotations

import io
import shutil

import pytest

from healthlib.model.errors import UnreadableReport
from healthlib.readers.labs.report import read_report_bytes

from .corpus import make_report, render_pdf, score

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


def _page(layout: str, seed: int):
    report = make_report(layout, seed)
    return report, render_pdf(report.data, dpi=200).convert("RGB")


@needs_tesseract
def test_an_iphone_heic_photo_is_read():
    from pillow_heif import from_pillow

    report, page = _page("us-table", 3)
    out = io.BytesIO()
    from_pillow(page).save(out, quality=80)
    data = out.getvalue()
    assert data[4:12] == b"ftypheic"
    read = read_report_bytes(data, name="IMG_0412.HEIC")
    s = score(report, read)
    assert read.source_kind == "image" and s.exact >= 0.85 * s.total, s.misses
    assert s.leaked == []


@needs_tesseract
def test_every_page_of_a_multi_page_tiff_fax_is_read():
    first, page1 = _page("us-table", 4)
    second, page2 = _page("us-table", 6)
    out = io.BytesIO()
    page1.convert("L").save(out, format="TIFF", save_all=True, append_images=[page2.convert("L")],
                            compression="tiff_lzw")
    read = read_report_bytes(out.getvalue(), name="fax.tif")
    names = {line.printed_name for line in read.lines}
    assert len(read.lines) >= 0.85 * (len(first.truth) + len(second.truth))  # both pages, not one read twice
    for report in (first, second):
        assert sum(t.printed_name in names for t in report.truth) >= 0.85 * len(report.truth)


def test_a_tiff_with_more_pages_than_the_limit_is_refused_in_one_line():
    from PIL import Image

    frames = [Image.new("L", (60, 80), 255) for _ in range(21)]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(UnreadableReport, match="has 21 pages; the limit is 20"):
        read_report_bytes(out.getvalue(), name="fax.tif")


def test_a_damaged_heic_file_is_one_clear_line():
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200
    with pytest.raises(UnreadableReport, match="damaged or not an image"):
        read_report_bytes(data, name="broken.heic")
