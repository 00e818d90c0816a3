"""Reading generated report PDFs and photos exactly, and refusing bad files with one clear line."""

from __future__ import annotations

import io
import shutil

import pytest

from healthlib.model.errors import UnreadableReport
from healthlib.readers.labfiles.image import prepare, skew_angle
from healthlib.readers.labfiles.isolate import run_isolated
from healthlib.readers.labs.report import read_report_bytes
from healthlib.readers.labs.report_image import read_image
from healthlib.readers.labs.report_pdf import read_pdf

from .corpus import encrypted_pdf, make_report, many_page_pdf, score

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column"])
@pytest.mark.parametrize("variant", ["tuned", "heldout"])
def test_text_pdf_layouts_read_exactly(layout, variant):
    report = make_report(layout, 7, variant)
    read = read_report_bytes(report.data, name=layout)
    s = score(report, read)
    assert read.source_kind == "pdf" and read.pages == 1
    assert s.exact == s.total, s.misses
    assert s.flags == s.exact
    assert read.not_read == []
    assert s.leaked == []  # no name, date of birth, record number, address or phone


@needs_tesseract
def test_rotated_blurred_phone_photo_is_read():
    report = make_report("phone-photo", 1)
    read = read_report_bytes(report.data, name="photo.jpg")
    s = score(report, read)
    assert read.source_kind == "image"
    assert s.exact >= 0.85 * s.total, s.misses
    assert s.leaked == []


@needs_tesseract
def test_scanned_pdf_without_text_is_read_by_ocr():
    report = make_report("scanned-pdf", 0)
    s = score(report, read_pdf(report.data))
    assert s.exact >= 0.85 * s.total, s.misses


def test_photo_is_straightened():
    from PIL import Image, ImageDraw

    page = Image.new("L", (1200, 900), 255)
    draw = ImageDraw.Draw(page)
    for row in range(20):
        draw.rectangle((100, 60 + row * 40, 1000 - (row % 3) * 150, 75 + row * 40), fill=0)
    ink = page.point(lambda v: 255 - v).rotate(-5, expand=True, fillcolor=0)
    assert skew_angle(ink) == pytest.approx(5, abs=0.3)
    assert prepare(page.rotate(4, expand=True, fillcolor=255).convert("RGB")).mode == "L"


def test_too_big():
    with pytest.raises(UnreadableReport, match=r"^big.pdf: is 11.0 MB; the limit is 10 MB$"):
        read_pdf(b"%PDF-1.4\n" + b"0" * 11_000_000, name="big.pdf")


def test_too_many_pages():
    with pytest.raises(UnreadableReport, match=r"^long.pdf: has 21 pages; the limit is 20$"):
        read_pdf(many_page_pdf(21), name="long.pdf")


def test_twenty_pages_are_read():
    read = read_pdf(many_page_pdf(20))
    assert read.pages == 20 and len(read.lines) == 20 * 30


def test_encrypted():
    with pytest.raises(UnreadableReport, match="^locked.pdf: is protected by a password"):
        read_pdf(encrypted_pdf(), name="locked.pdf")


def test_malformed_pdf():
    good = make_report("us-table", 1).data
    with pytest.raises(UnreadableReport, match="^cut.pdf: is damaged"):
        read_pdf(good[:400], name="cut.pdf")
    with pytest.raises(UnreadableReport, match="^junk.pdf: is damaged"):
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 40, name="junk.pdf")


def test_not_a_pdf_or_image():
    with pytest.raises(UnreadableReport, match="^x.pdf: is not a PDF file$"):
        read_pdf(b"GIF89a not really", name="x.pdf")
    with pytest.raises(UnreadableReport, match="^x.bin: is not a PDF, an image or text$"):
        read_report_bytes(b"\x00\x01\x02binary" * 10, name="x.bin")
    with pytest.raises(UnreadableReport, match="^empty: is empty$"):
        read_report_bytes(b"  \n", name="empty")


def test_a_slow_read_is_stopped_with_a_clear_error():
    with pytest.raises(UnreadableReport, match=r"^slow.pdf: took longer than 0.05 s to read"):
        run_isolated("pdf", many_page_pdf(20), timeout=0.05, name="slow.pdf")


@needs_tesseract
def test_image_bomb_and_damaged_image():
    from PIL import Image

    bomb = io.BytesIO()
    Image.new("1", (9000, 9000)).save(bomb, format="PNG")  # 81 megapixels in a few kB
    with pytest.raises(UnreadableReport, match="^bomb.png: is .*megapixels"):
        read_image(bomb.getvalue(), name="bomb.png")
    photo = make_report("phone-photo", 0).data
    with pytest.raises(UnreadableReport, match="^cut.jpg: is damaged"):
        read_image(photo[:2000], name="cut.jpg")
