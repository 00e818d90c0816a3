"""The image steps for the looks of photos and scans that break a page's letters into grain (a
dot-matrix printer's dots, a fax's dither): a page tesseract reads unsurely is read again
smoothed (`image.read_page`), and a clear page is read once, as it was. Pages are drawn here."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont, ImageOps
from scipy import ndimage

from healthlib.readers.labfiles import image as image_module
from healthlib.readers.labfiles.image import SMOOTHING, prepare, read_page
from healthlib.readers.labfiles.polarity import is_light_on_dark

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
    """`prepare` as it is, noting the smoothing of each call (the grown preparation, `test_ocr_blur`,
    is not counted)."""
    calls: list[float] = []
    real = image_module.prepare

    def counted(image, **options):
        if not options.get("grow"):
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


def _dark_mode(page: Image.Image) -> Image.Image:
    """The page as a phone in dark mode draws it: light grey letters on near-black, on a desk."""
    screen = Image.fromarray((255 - np.asarray(page) * 0.85).astype(np.uint8))  # letters 240, ground 17
    desk = Image.new("L", (screen.width + 400, screen.height + 400), 150)
    desk.paste(screen, (200, 200))
    return desk


def test_light_text_on_a_dark_screen_is_made_dark_on_light():
    dark = _dark_mode(_page())
    assert is_light_on_dark(dark)
    prepared = np.asarray(prepare(dark.convert("RGB")))
    # the letters came out as ink on paper: a few dark pixels on a mostly white page
    assert 0.01 < float((prepared < 128).mean()) < 0.25
    assert abs(_marks(Image.fromarray(prepared)) - _marks(prepare(_page()))) <= 0.1 * _marks(prepare(_page()))


def test_a_printed_page_is_left_the_right_way_round():
    page = _page()
    assert not is_light_on_dark(page)
    # nor a page with white-on-dark heading bars, lying on a dark desk
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 40)
    for y in (20, 700):
        draw.rectangle((100, y, 2300, y + 70), fill=30)
        draw.text((120, y + 10), "Test      Result    Units    Range", font=font, fill=255)
    desk = Image.new("L", (page.width + 600, page.height + 600), 25)
    desk.paste(page, (300, 300))
    assert not is_light_on_dark(desk)
    assert np.array_equal(np.asarray(prepare(page)), np.asarray(prepare(ImageOps.invert(ImageOps.invert(page)))))


@needs_tesseract
def test_a_dark_mode_screen_is_read_as_printed():
    lines = read_page(_dark_mode(_page()).convert("RGB"))
    assert any("Sodium" in line and "140" in line and "135-145" in line for line in lines), lines
    printed = {word for row in ROWS for word in row.split() if any(c.isdigit() for c in word)}
    figures = [w for line in lines for w in line.split() if any(c.isdigit() for c in w) and "/" not in w]
    assert [w for w in figures if w not in printed] == [], lines


def _carbonless(page: Image.Image, strength: float = 0.6) -> Image.Image:
    """The page as a carbonless copy scanned in colour: pink paper, the letters faint and bluish
    (copied through the top sheet at `strength` of full darkness)."""
    ink = 1 - np.asarray(page, dtype=np.float32)[..., None] / 255
    paper, colour = np.array((250, 214, 222), np.float32), np.array((70, 70, 150), np.float32)
    pixels = paper * (1 - strength * ink) + colour * strength * ink
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _thin_page() -> Image.Image:
    """`_page`'s rows in a thin Courier-like font, small, as a copy form scanned at 200 dpi prints them."""
    page = Image.new("L", (1700, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", 20)
    for i, row in enumerate(ROWS * 2):
        draw.text((80, 60 + 60 * i), row, font=font, fill=0)
    return page


@needs_tesseract
def test_a_faint_carbonless_copy_is_read_in_full():
    lines = read_page(_carbonless(_thin_page()))
    # its letters, lighter than the ink/paper cut, are darkened first: every row read whole
    for row in ROWS:
        assert any(line.split() == row.split() for line in lines), (row, lines)


def test_only_a_page_whose_ink_is_all_faint_is_darkened():
    printed = np.asarray(prepare(_thin_page()))
    faint = np.asarray(prepare(_carbonless(_thin_page())))
    # the copy's letters come out as dark and as whole as the printed page's
    assert abs(float((faint < 128).mean()) - float((printed < 128).mean())) < 0.15 * float((printed < 128).mean())
    ratio = np.where(np.asarray(_page()) < 128, 0.1, 1.0).astype(np.float32)
    assert image_module.faint_ink_darkened(ratio) is ratio  # a printed page's darkness is left as it was


def _ruled(page: Image.Image) -> Image.Image:
    """The page printed as a grid: a thin rule under each row, photographed a little soft, so each
    rule has a grey rim a pixel above and below it."""
    from PIL import ImageFilter

    ruled = page.copy()
    draw = ImageDraw.Draw(ruled)
    for i in range(len(ROWS) * 2):
        draw.line((100, 160 + 100 * i, 2300, 160 + 100 * i), fill=60, width=3)
    return ruled.filter(ImageFilter.GaussianBlur(1.2))


def test_a_tables_rules_are_painted_out_with_their_grey_rims():
    """A rule's rim left on the page reads as words ("ti—iti‘=é‘~™SC") that swallow the figures
    beside it (a clipboard photo's grid: 1 of 14 results read). No thin dash of a rule is left
    (before: 15 dashes a pixel or two high along the rules' edges)."""
    from scipy import ndimage

    from healthlib.readers.labfiles.image import prepare

    ink = np.asarray(prepare(_ruled(_page()))) < 250
    labels, _ = ndimage.label(ink, structure=np.ones((3, 3)))
    dashes = [box for box in ndimage.find_objects(labels)
              if box[0].stop - box[0].start <= 4 and box[1].stop - box[1].start >= 30]
    assert dashes == []
    assert ink.sum() > 50_000  # the rows' letters are all still there


def _pen_marked(page: Image.Image, ink=(30, 45, 150)) -> Image.Image:
    """The page in colour with blue ballpoint circles round two rows' names and a tick before
    each other row, as a reader marks a printed report."""
    marked = page.convert("RGB")
    draw = ImageDraw.Draw(marked)
    for i in range(len(ROWS) * 2):
        top = 100 + 100 * i
        if i in (1, 4):
            draw.ellipse((90, top - 15, 420, top + 60), outline=ink, width=3)
        else:
            draw.line([(40, top + 20), (55, top + 40), (80, top)], fill=ink, width=3)
    return marked


def test_a_blue_pens_marks_are_made_paper_and_the_print_is_kept():
    """A blue pen's circles round names and ticks before them (a colour scan): read as letters
    they hid the names ("CCalcium>", "¥-"), and a colour scan was made grey before anything
    could tell them from the print. The print itself is kept exactly."""
    from healthlib.readers.labfiles.image import without_pen

    page = _page()
    cleaned = np.asarray(without_pen(_pen_marked(page)))
    printed = np.asarray(page)
    assert (cleaned[printed < 128] < 128).mean() > 0.97  # the black print stays (a circle crossing it leaves a gap)
    assert (cleaned[printed >= 250] >= 250).mean() > 0.999  # the marks on the paper are gone


def test_a_colour_scans_channels_out_of_register_are_put_back_over_the_green():
    """A scanner's red and blue sensors a few pixels off its green one print each stroke three
    times (fresh15-tune's colour-fringed scans: "my/dL", figures read unsure, 4 of 16 read); each
    channel is moved back by the offset that lines its strokes up, and a page in register is left."""
    from healthlib.readers.labfiles.image import in_register

    page = np.asarray(_page())
    fringed = Image.merge("RGB", [Image.fromarray(np.roll(page, 3, axis=0)), Image.fromarray(page),
                                  Image.fromarray(np.roll(page, (-4, 1), axis=(0, 1)))])
    red, green, blue = (np.asarray(channel) for channel in in_register(fringed).split())
    assert np.array_equal(red, page) and np.array_equal(green, page) and np.array_equal(blue, page)
    assert in_register(_page().convert("RGB")) is None
    slight = Image.merge("RGB", [Image.fromarray(np.roll(page, 1, axis=1)), Image.fromarray(page), Image.fromarray(page)])
    assert in_register(slight) is None  # a pixel off: left as it is


def test_a_page_printed_in_blue_is_not_taken_for_pen_marks():
    """Most of the page's ink bluish (a print in blue, a carbonless copy): nothing is made paper."""
    from healthlib.readers.labfiles.image import without_pen

    blue_print = Image.merge("RGB", [_page().point(lambda v: 20 + v * 0.9), _page().point(lambda v: 40 + v * 0.8),
                                     _page().point(lambda v: 160 + v * 0.37)])
    assert without_pen(blue_print) is None
    assert without_pen(_page().convert("RGB")) is None  # no pen at all: the page is read as it was
