"""A photo taken in a long exposure by a hand that moved once: a faint second copy of the page a few
pixels away (a double image). `image.double_image` finds the copy's offset and share of the light,
`image.without_ghost` takes it out, and `image.read_page` reads on the page with fewer figures unsure.
Pages are drawn here, and one generated photo of the look (a seed no evaluation reads) is read in full."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from healthlib.readers.labfiles.image import double_image, without_ghost

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")

ROWS = ["Sodium        140     mmol/L    135-145", "Potassium     4.2     mmol/L    3.5-5.1",
        "Chloride      103     mmol/L    98-107", "Urea          5.5     mmol/L    2.5-7.8",
        "Creatinine    88      umol/L    59-104", "Calcium       2.31    mmol/L    2.20-2.60"]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page() -> np.ndarray:
    """A printed page of result rows as a phone takes it: 1600 px across, letters ~20 px, a little
    soft (`double_image` measures the page's middle square)."""
    page = Image.new("L", (1600, 1100), 250)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 24)
    for i, row in enumerate(ROWS * 3):  # two columns of rows: print across the page's middle
        draw.text((80, 60 + 55 * i), row, font=font, fill=20)
        draw.text((830, 60 + 55 * i), ROWS[(i + 2) % len(ROWS)], font=font, fill=20)
    return np.asarray(page.filter(ImageFilter.GaussianBlur(0.5)), dtype=np.float32)


def _image(pixels: np.ndarray) -> Image.Image:
    noise = np.random.default_rng(7).normal(0, 3, pixels.shape)
    return Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8))


def _ghosted(page: np.ndarray, down: int, across: int, weight: float) -> np.ndarray:
    return page * (1 - weight) + np.roll(page, (down, across), axis=(0, 1)) * weight


@pytest.mark.parametrize("down,across", [(2, 3), (-1, 4), (3, -2)])
def test_a_double_images_offset_and_fainter_copy_are_found(down, across):
    found = double_image(_image(_ghosted(_page(), down, across, 0.3)))
    assert found is not None
    assert found[:2] == (down, across)  # the fainter copy's side, not the brighter one's
    assert 0.1 <= found[2] < 0.5  # found low (`double_image`), never the brighter copy's share


def test_a_clear_page_has_no_double_image():
    assert double_image(_image(_page())) is None


def test_rows_repeated_in_pairs_are_no_double_image():
    """A standard fax's lines, each printed twice, repeat at every second row (as a halftone's
    dots at every cell): a second copy is one offset only."""
    page = _page()
    doubled = np.repeat(page[::2], 2, axis=0)[:page.shape[0]]
    assert double_image(_image(np.where(doubled < 128, 20.0, 250.0))) is None


def test_taking_the_copy_out_gives_back_the_page():
    page = _page()
    ghosted = _image(_ghosted(page, 2, 3, 0.3))
    undone = np.asarray(without_ghost(ghosted, *double_image(ghosted)), dtype=np.float32)
    twin = np.abs(np.asarray(ghosted, dtype=np.float32) - page) > 30  # where the second copy shows
    assert np.abs(undone - page)[twin].mean() < 0.7 * np.abs(np.asarray(ghosted, dtype=np.float32) - page)[twin].mean()


@needs_tesseract
def test_a_double_image_photo_is_read_with_no_wrong_figure():
    """fresh19-tune's double-image look on a seed its evaluation never reads (175018): 7 of 14
    read before the copy was taken out."""
    from healthlib.readers.labs.report import read_report_bytes
    from tests.labs.corpus import make_report, score

    report = make_report("phone-photo", 175018, "fresh19-tune")
    result = score(report, read_report_bytes(report.data, name="double-image.jpg"))
    assert result.wrong == 0
    assert result.exact >= 12
