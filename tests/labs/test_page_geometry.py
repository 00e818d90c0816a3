"""The geometry of a photo before any word is read: the sheet of paper found on the desk and
flattened to an upright rectangle (`labfiles.page`); a page lying sideways or upside down turned
upright (`labfiles.orient`); and a scan, or a photo whose page cannot be told from what is around
it, left exactly as it was."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image, ImageFilter

from healthlib.readers.labfiles.orient import upright_turn
from healthlib.readers.labfiles.page import INSET, already_flat, find_page, flatten_page
from healthlib.readers.labs.report import read_report_bytes

from .corpus import make_report, render_pdf, score

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


@pytest.fixture(scope="module")
def page():
    """A generated one-page report table, rendered grey as a scanner would."""
    return render_pdf(make_report("us-table", 3).data, dpi=150).convert("L")


def _on_desk(page, corners, *, desk: int = 90, size=(1500, 1800)):
    """The page photographed at an angle: its corners taken to `corners` (true perspective) on a
    desk of grey `desk`, light falling off to one side, a little blur and noise."""
    import cv2

    source = np.float32([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]])
    matrix = cv2.getPerspectiveTransform(source, np.float32(corners))
    photo = cv2.warpPerspective(np.asarray(page), matrix, size, flags=cv2.INTER_CUBIC,
                                borderMode=cv2.BORDER_CONSTANT, borderValue=desk).astype(np.float32)
    photo *= np.linspace(1.0, 0.65, size[0])[None, :]  # a lamp on the left
    photo += np.random.default_rng(1).normal(0, 4, photo.shape)
    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))


TILTED = [(210, 160), (1330, 230), (1260, 1700), (120, 1610)]  # far edge (the top) shorter, turned


def test_a_page_photographed_at_an_angle_on_a_desk_is_found_to_within_a_few_pixels(page):
    found = find_page(_on_desk(page, TILTED))
    assert found is not None
    assert np.abs(found - np.array(TILTED)).max() < 6  # 0.4 % of the photo
    assert not already_flat(found)


def test_a_page_folded_in_three_is_found_whole_not_one_panel():
    # a tri-folded page (`fresh10-tune`'s look): the creases' shadows cut the paper into panels;
    # the page found runs from its top to its foot (it is 91 % of the photo's height), not one panel
    photo = Image.open(io.BytesIO(make_report("phone-photo", 85004, "fresh10-tune").data)).convert("L")
    found = find_page(photo)
    assert found is not None
    assert (found[2:, 1].mean() - found[:2, 1].mean()) / photo.height > 0.85


def test_the_found_page_is_warped_flat_upright_and_the_desk_cut_away(page):
    flat = np.asarray(flatten_page(_on_desk(page, TILTED), 1200), dtype=np.float32)
    assert flat.shape[1] == 1200
    # the page's proportions come back (to within the few percent its foreshortening hides)
    assert abs(flat.shape[0] / flat.shape[1] - page.height / page.width) < 0.06
    # no desk left: every edge of the picture is paper, not the dark desk
    for edge in (flat[:8], flat[-8:], flat[:, :8], flat[:, -8:]):
        assert np.percentile(edge, 5) > 120
    # the words are back where the page has them: the ink of the flattened photo lies on the
    # page's own ink (scaled to the same size, less the trimmed edges), allowing two pixels
    height, width = flat.shape
    trim = round(INSET * width)
    own = page.resize((width + 2 * trim, height + 2 * trim), Image.Resampling.LANCZOS)
    own = np.asarray(own.crop((trim, trim, trim + width, trim + height)), dtype=np.float32)
    assert (_ink(flat) & _ink(own, grow=2)).sum() > 0.85 * _ink(flat).sum()


def _ink(pixels, *, grow: int = 0):
    """Marks much darker than the paper around them."""
    from scipy import ndimage

    ink = pixels < 0.7 * ndimage.gaussian_filter(pixels, 15)
    return ndimage.binary_dilation(ink, iterations=grow) if grow else ink


def test_a_flat_scan_is_left_exactly_as_it_was(page):
    assert flatten_page(page, 2400) is page
    # a scan with the scanner's dark lid around a square page: nothing to flatten either
    framed = Image.new("L", (page.width + 120, page.height + 120), 40)
    framed.paste(page, (60, 60))
    assert flatten_page(framed, 2400) is framed


def test_a_page_running_out_of_the_photo_is_left_as_it_was(page):
    # the right-hand side of the page is cut off by the photo's edge: no clear outline
    photo = _on_desk(page, [(210, 160), (1700, 230), (1660, 1700), (120, 1610)])
    assert find_page(photo) is None
    assert flatten_page(photo, 2400) is photo


def test_a_plain_picture_with_no_page_in_it_is_left_as_it_was():
    gradient = Image.fromarray(np.tile(np.linspace(40, 220, 900, dtype=np.float32), (700, 1)).astype(np.uint8))
    assert flatten_page(gradient, 2400) is gradient


def _ink_mask(pixels):
    return Image.fromarray(np.where(_ink(np.asarray(pixels, dtype=np.float32)), 255, 0).astype(np.uint8))


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column"])
def test_a_page_lying_sideways_or_upside_down_is_told_and_an_upright_one_is_left(layout):
    upright = _ink_mask(render_pdf(make_report(layout, 5).data, dpi=200).convert("L"))
    assert upright_turn(upright) == 0
    for turned in (90, 180, 270):
        # lying turned by `turned` degrees, it needs the rest of the full turn to stand upright
        assert upright_turn(upright.rotate(turned, expand=True)) == 360 - turned


def test_small_print_on_a_tall_screenshot_is_told_at_a_size_its_letters_can_be_read():
    # a phone screenshot's page in its top half, the rest of the tall frame dark: shrunk to SIDE,
    # its letters are 4 px and their tops and bottoms agree by chance (it was turned upside down)
    page = _ink_mask(render_pdf(make_report("us-table", 5).data, dpi=130).convert("L"))
    tall = Image.new("L", (page.width, int(page.height * 2.6)), 0)
    tall.paste(page, (0, 0))
    assert upright_turn(tall) == 0
    assert upright_turn(tall.rotate(180)) == 180


def test_a_page_with_too_little_text_to_tell_is_left_as_it_is():
    blank = Image.new("L", (800, 1000), 0)
    assert upright_turn(blank) == 0
    assert upright_turn(blank.rotate(90, expand=True)) == 0


@needs_tesseract
def test_a_phone_photo_taken_sideways_is_read_like_the_upright_one():
    report = make_report("phone-photo", 2)
    photo = Image.open(io.BytesIO(report.data))
    sideways = io.BytesIO()
    photo.rotate(90, expand=True).save(sideways, format="JPEG", quality=92)  # no EXIF orientation
    read = read_report_bytes(sideways.getvalue(), name="sideways.jpg")
    assert score(report, read).exact >= 0.8 * len(report.truth)
    assert score(report, read).wrong == 0
