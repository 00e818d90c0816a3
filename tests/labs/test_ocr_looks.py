"""The image steps for the looks of photos and scans that break a page's letters into grain (a
dot-matrix printer's dots, a fax's dither): a page tesseract reads unsurely is read again
smoothed (`image.read_page`), and a clear page is read once, as it was. Pages are drawn here."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

from healthlib.readers.labfiles import image as image_module
from healthlib.readers.labfiles.image import SMOOTHING, prepare, read_page

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")

ROWS = ["Sodium        140     mmol/L    135-145", "Potassium     4.2     mmol/L    3.5-5.1",
        "Chloride      103     mmol/L    98-107", "Urea          5.5     mmol/L    2.5-7.8",
        "Creatinine    88      umol/L    59-104", "Calcium       2.31    mmol/L    2.20-2.60"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


def _page() -> Image.Image:
    """A plain printed page of result rows, 2400 px across (the reader's working width)."""
    page = Image.new("L", (2400, 1400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    for i, row in enumerate(ROWS * 2):
        draw.text((120, 100 + 100 * i), row, font=font, fill=0)
    return page


def _dotted(page: Image.Image, pitch: int = 4) -> Image.Image:
    """The page as a dot-matrix printer prints it: each `pitch`-pixel cell that is mostly ink
    becomes one round dot, the dots a little apart (a 9-pin head on a tired ribbon)."""
    ink = np.asarray(page) < 128
    h, w = ink.shape[0] - ink.shape[0] % pitch, ink.shape[1] - ink.shape[1] % pitch
    cells = ink[:h, :w].reshape(h // pitch, pitch, w // pitch, pitch).mean(axis=(1, 3)) > 0.3
    yy, xx = np.mgrid[0:pitch, 0:pitch] - (pitch - 1) / 2
    disc = (xx ** 2 + yy ** 2) <= (0.4 * pitch) ** 2
    dots = np.kron(cells, disc)
    return Image.fromarray(np.where(dots, 40, 245).astype(np.uint8))


def _gaps(prepared: Image.Image) -> float:
    """Paper showing through the strokes: the pixels a small closing fills, per pixel of ink."""
    ink = np.asarray(prepared) < 128
    return float((ndimage.binary_closing(ink, np.ones((3, 3))) & ~ink).sum() / ink.sum())


def _marks(prepared: Image.Image) -> int:
    return ndimage.label(np.asarray(prepared) < 128)[1]


def test_smoothing_closes_a_dot_matrix_printers_dots_into_strokes():
    dotted = _dotted(_page())
    # cut as it is, paper shows between the dots of every stroke; smoothed first, the strokes are solid
    assert _gaps(prepare(dotted)) > 0.15
    assert _gaps(prepare(dotted, smooth=SMOOTHING)) < 0.3 * _gaps(prepare(dotted))


def test_smoothing_leaves_a_clear_pages_letters_as_they_were():
    page = _page()
    plain, smoothed = prepare(page), prepare(page, smooth=SMOOTHING)
    assert abs(_marks(smoothed) - _marks(plain)) <= 0.05 * _marks(plain)  # no letter broken or run together
    assert _gaps(smoothed) < 0.05


def _counting_prepare(monkeypatch) -> list[float]:
    """`prepare` as it is, noting the smoothing of each call."""
    calls: list[float] = []
    real = image_module.prepare

    def counted(image, **options):
        calls.append(options.get("smooth", 0.0))
        return real(image, **options)

    monkeypatch.setattr(image_module, "prepare", counted)
    return calls


@needs_tesseract
def test_a_clear_page_is_read_once_as_it_is(monkeypatch):
    calls = _counting_prepare(monkeypatch)
    lines = read_page(_page().convert("RGB"))
    assert calls == [0.0]
    assert any("Sodium" in line and "140" in line and "135-145" in line for line in lines)


@needs_tesseract
def test_a_dot_matrix_page_is_read_smoothed_and_no_figure_is_made_up(monkeypatch):
    calls = _counting_prepare(monkeypatch)
    lines = read_page(_dotted(_page()).convert("RGB"))
    assert calls == [0.0, SMOOTHING]  # tesseract was unsure of the dotted page, and surer of it smoothed
    # a figure of the smoothed reading stands only where the page as it was read the same figures:
    # every figure that came out is one printed in its row; the others are left unsure
    printed = {word for row in ROWS for word in row.split() if any(c.isdigit() for c in word)}
    figures = [w for line in lines for w in line.split() if any(c.isdigit() for c in w) and "/" not in w]
    assert [w for w in figures if w not in printed] == [], lines
