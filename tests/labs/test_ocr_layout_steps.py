"""The photo steps that put a page's layout right before and around OCR: rows curved by a lens or
a slanted page made level (`dewarp`), words tesseract's layout passed over found again
(`missed_words`), a fixed-width decimal point joined back, and a name OCR could not read never
guessed."""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from healthlib.readers.labfiles.dewarp import fit_slope_field, level_rows, rotation
from healthlib.readers.labfiles.image import (
    UNSURE,
    _fill_unsure_cells,
    _tesseract,
    missed_words,
    prepare,
)
from healthlib.readers.labfiles.layout import Word
from healthlib.readers.labs.report_text import is_unit, ocr_name, ocr_units, read_lines

from .corpus import _barrel, make_report

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


def _text_page(rows: int = 24):
    """A white page of table-like text rows (three columns), as a Pillow "L" image and its ink mask."""
    page = Image.new("L", (1600, 2000), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    for i in range(rows):
        y = 200 + i * 64
        draw.text((120, y), f"Alkaline Phosphatase {i}", font=font, fill=0)
        draw.text((760, y), f"{100 + 7 * i} mg/dL", font=font, fill=0)
        draw.text((1150, y), f"{40 + i}-{140 + i}", font=font, fill=0)
    return page


def _row_bands(image) -> list[int]:
    """Heights of the bands of pixel rows holding ink, top to bottom: one band per text row when
    the rows are level, fewer and taller when a curved or slanted row runs into its neighbours."""
    inked = (np.asarray(image) < 128).any(axis=1).astype(int)
    edges = np.diff(np.r_[0, inked, 0])
    return list(np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1))


def test_rotation_is_pillows_own_expanding_rotation():
    image = Image.fromarray(np.random.default_rng(0).integers(0, 255, (300, 200)).astype(np.uint8))
    for angle in (3.3, -7.1, 0.4, 9.9):
        width, height, matrix = rotation(200, 300, angle)
        ours = image.transform((width, height), Image.Transform.AFFINE, matrix, Image.Resampling.NEAREST)
        assert np.array_equal(np.asarray(ours), np.asarray(image.rotate(angle, Image.Resampling.NEAREST, expand=True)))


def test_rows_bent_by_a_lens_and_turned_are_made_level():
    page = _text_page()
    bent = Image.fromarray(_barrel(np.asarray(page)[..., None].repeat(3, axis=2).astype(np.float32), 0.06)[..., 0]
                           .astype(np.uint8)).rotate(2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    ink = Image.fromarray(np.where(np.asarray(bent) < 128, 255, 0).astype(np.uint8))
    printed = max(_row_bands(page))  # one row's height, as printed
    assert len(_row_bands(bent)) < 10  # bent and turned, rows run into each other
    turned_only = bent.rotate(-2.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert max(_row_bands(turned_only)) > 2 * printed  # one turn cannot level a lens's curve
    levelled, levelled_ink = level_rows(bent, ink, -2.5)
    bands = _row_bands(levelled)
    assert len(bands) == 24 and max(bands) < 1.4 * printed  # each row its own band, nearly as printed
    assert levelled.size == levelled_ink.size


def _row_slopes(slope_at, noise: float = 0.0, seed: int = 0):
    """Slope samples (x, y, slope, weight) as `slope_samples` finds them on a 1600 x 2000 page of
    table rows: one every 90 px along each row, rows 60 px apart."""
    rng = np.random.default_rng(seed)
    x, y = (grid.ravel().astype(float) for grid in np.meshgrid(np.arange(100, 1500, 90), np.arange(200, 1800, 60)))
    return np.stack([x, y, slope_at(x, y) + rng.normal(0, noise, x.size) if noise else slope_at(x, y),
                     np.full(x.size, 60.0)], axis=1)


def test_rows_waving_on_cockled_paper_are_followed_and_scattered_slopes_are_not():
    # moisture-cockled paper: each row waves up and down two or three times across the page, which
    # no quadratic follows (fresh15-tune's cockled scan: rows bent into each other, 0 of 16 read)
    def waves(x, y):
        return 0.06 * np.cos(2 * np.pi * x / 700 + 0.6 * np.sin(2 * np.pi * y / 1400))

    samples = _row_slopes(waves, noise=0.004)
    field = fit_slope_field(samples, 1600, 2000)
    x, y = samples[:, 0], samples[:, 1]
    assert np.median(np.abs(field(x, y) - waves(x, y))) < 0.015
    # a photo's slopes scattered by blur about a gentle curve: no neighbour shares a sample's
    # leftover, so the quadratic is kept as it is and nothing is followed
    def curve(x, y):
        return 0.02 * (x / 800 - 1) * (y / 1000 - 1)

    scattered = _row_slopes(curve, noise=0.015, seed=1)
    field = fit_slope_field(scattered, 1600, 2000)
    x, y = scattered[:, 0], scattered[:, 1]
    assert np.median(np.abs(field(x, y) - curve(x, y))) < 0.004


def test_a_page_with_too_little_text_is_only_turned():
    page = Image.new("L", (800, 600), 255)
    ImageDraw.Draw(page).text((100, 100), "Na", fill=0)
    ink = Image.fromarray(np.where(np.asarray(page) < 128, 255, 0).astype(np.uint8))
    turned, _ = level_rows(page, ink, 3.0)
    assert turned.size == page.rotate(3.0, expand=True).size


@needs_tesseract
def test_words_tesseract_passed_over_are_found_again_between_their_neighbours():
    report = make_report("phone-photo", 7002, "fresh-tune")
    grey = prepare(Image.open(io.BytesIO(report.data)))
    words = _tesseract(grey, "4")
    flags = [w for w in words if w[-1] in ("H", "L")]
    others = [w for w in words if w[-1] not in ("H", "L")]
    found = missed_words(grey, others)  # as if tesseract had dropped the flag column
    assert sorted(w[-1] for w in found) == sorted(w[-1] for w in flags) != []
    for word in found:
        near = min(flags, key=lambda f: abs(f[3] - word[3]) + abs(f[4] - word[4]))
        assert abs(near[3] - word[3]) <= 4 and abs(near[4] - word[4]) <= 4


@pytest.mark.parametrize(("line", "tidied"), [
    ("Hematocrit   49.9 %   38 .5-50", "Hematocrit   49.9 %   38.5-50"),
    ("Protein, Total   3.8 g/dL   L   6-8 .3", "Protein, Total   3.8 g/dL   L   6-8.3"),
    ("Ferritin   45   ng/mL   .5", None),  # a column gap is never closed
])
def test_a_decimal_point_set_apart_by_a_fixed_width_font_is_joined(line, tidied):
    assert ocr_units(line) == (tidied or line)


@pytest.mark.parametrize(("printed", "spelled"), [("Hemoglobin Aic", "Hemoglobin A1c"), ("HbAtc", "HbA1c")])
def test_more_look_alike_letters_in_a_name_are_put_right(printed, spelled):
    assert ocr_name(printed) == spelled


def test_a_result_whose_name_ocr_could_not_read_is_not_read():
    read = read_lines([f"Free {UNSURE}   21   pmol/L   12-22", "Sodium   140   mmol/L   136-145"],
                      source_kind="image", check_flags=True)
    assert [x.printed_name for x in read.lines] == ["Sodium"]
    assert read.not_read == [f"Free {UNSURE} 21 pmol/L 12-22"]


def _readings(*texts_at: list[tuple[str, float, float]]):
    """Five readings of a cut-out row (crop starting at x=0): words given in page units, placed
    on each reading's enlarged crop."""
    from healthlib.readers.labfiles.image import ROW_SCALES

    return [[Word(t, x0 * scale, x1 * scale, 0, 10) for t, x0, x1 in words] for words, scale in
            zip(texts_at, ROW_SCALES, strict=True)]


_ROW = [Word("Magnesium", 0, 90, 0, 10), Word("3.8", 200, 230, 0, 10), Word("H", 300, 310, 0, 10),
        Word(UNSURE, 400, 470, 0, 10)]


def test_an_unsure_cell_is_filled_where_two_readings_agree_at_its_place():
    head = [("Magnesium", 0, 90), ("3.8", 200, 230), ("H", 300, 310)]
    readings = _readings(head + [(UNSURE, 400, 470)], [("Magnesium", 0, 90), ("3.8", 200, 230), ("me/dl", 240, 280),
                                                        ("1.5-2.5", 402, 468)],
                         head + [(UNSURE, 400, 470)], head + [(UNSURE, 400, 470)], head + [("1.5-2.5", 399, 471)])
    assert _fill_unsure_cells(_ROW, readings, 0) == "Magnesium   3.8   H   1.5-2.5"


def test_an_unsure_cell_the_readings_disagree_on_is_left_unread():
    head = [("Magnesium", 0, 90), ("3.8", 200, 230), ("H", 300, 310)]
    tie = _readings(head + [("0.9-11", 400, 470)], head + [("0.9-1.1", 400, 470)], head + [("0.9-11", 400, 470)],
                    head + [("0.9-1.1", 400, 470)], head)
    assert _fill_unsure_cells(_ROW, tie, 0) is None
    # a reading that ran the cell into the flag first read surely beside it does not count
    joined = _readings(*[head[:2] + [("H1.5-2.5", 300, 470)]] * 5)
    assert _fill_unsure_cells(_ROW, joined, 0) is None


@pytest.mark.parametrize(("word", "unit"), [("x10E3/uL", True), ("mL/min/1.73m2", True), ("mmo|/L", True),
                                            ("5.4mmol/L", False), ("1.73", False), ("HbA1c", False)])
def test_a_whole_unit_is_told_from_a_value(word, unit):
    assert is_unit(word) is unit
