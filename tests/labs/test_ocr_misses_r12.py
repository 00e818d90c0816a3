"""Round 12's misses on photos and scans (fresh13 and fresh13-tune, development sets): a figure
first read surely and then read with its point as a comma on a busy sheet ("<=5.7", then
"<=5,7") was doubted, and its row lost: a point read as a comma is the same mark, while a point
lost or gained is still a disagreement. A serif "f" read "£" in MCV's "fL"."""

from __future__ import annotations

import pytest
from PIL import Image

from healthlib.readers.labfiles import image
from healthlib.readers.labfiles.image import FIGURES_ONLY, UNSURE


@pytest.mark.parametrize(("first", "second", "kept"), [
    ("<=5.7", "<=5,7", True), ("4.5", "4,5", True), ("<=5.7", "<=5.7", True),
    ("<=5.7", "<=57", False), ("49", "4.9", False), ("4.5", "4,6", False),
])
def test_a_sure_figure_read_again_with_its_point_as_a_comma_is_kept(monkeypatch, first, second, kept):
    grey = Image.new("L", (400, 80), 255)
    monkeypatch.setattr(image, "_read_sheet", lambda crops, options=(): [(0, (6, 6, 60, 30, 43.8, second))])
    word = [first, 100, 20, 80, 30]
    image._read_again(grey, [word], FIGURES_ONLY, sure=True)
    assert word[0] == (first if kept else UNSURE)


@pytest.mark.parametrize(("line", "unit"), [("MCV   96.8   £L   80 - 100", "fL"), ("MCV   (H) 127.1   £L   80 - 100", "fL")])
def test_a_serif_f_read_as_a_pound_sign_is_the_tests_own_unit(line, unit):
    """fresh13-tune 115002 (a photo) and fresh13 111004 (a scan): MCV's "fL" read "£L"."""
    from healthlib.readers.labs.report_text import units_of_its_test

    assert units_of_its_test(line).split()[-4] == unit


def _row(*texts: str) -> list:
    from healthlib.readers.labfiles.layout import Word

    return [Word(text, 100 + 200 * k, 180 + 200 * k, 10, 40) for k, text in enumerate(texts)]


def test_a_row_whose_range_is_labelled_is_judged_without_its_label_when_read_again(monkeypatch):
    """fresh13 111003 (a scan, "Ref Range: 70-99" in every row): the flag "L" first read "OL", and
    four of five readings again agreed on "L"; judged with its label, no reading was trusted."""
    from healthlib.readers.labfiles.image import reread_rows
    from healthlib.readers.labfiles.layout import join_row

    grey = Image.new("L", (1600, 60), 255)
    heading = _row("Test", "Result", "Flag", "Unit", "Reference")
    row = _row("Glucose", "66", "OL", "mg/dl", "Ref Range: 70-99")
    reading = _row("Glucose", "66", "L", "mg/dl", "Ref Range: 70-99")
    monkeypatch.setattr(image, "_read_rows", lambda cuts: [row, reading, reading, reading, reading])
    assert reread_rows(grey, [heading, row]) == [join_row(heading), join_row(reading)]


@pytest.mark.parametrize(("line", "tidied"), [
    ("Ferritin   .   ng/mL   69   38 - 380", "Ferritin   ng/mL   69   38 - 380"),
    ("C-Reactive Protein   mg/l .   6.7   <8", "C-Reactive Protein   mg/l   6.7   <8"),
    ("Albumin   g/dL .   5   3.5-5", "Albumin   g/dL .   5   3.5-5"),  # perhaps the point of ".5": left
])
def test_a_lone_speck_before_the_first_figures_is_no_cell(line, tidied):
    """fresh13-tune 115003 (a units-first scan): a speck read "." between a test's name and its
    unit counted as a cell under the table's headings, and the row was not read."""
    from healthlib.readers.labs.report_text import ocr_units

    assert ocr_units(line) == tidied


def test_a_letters_range_in_words_is_left_in_its_sentence_when_judged():
    """fresh10-tune 85002 (a letter): unlabelling every line dropped "normal range" from its
    sentences, which then read otherwise; only a cell led by a range label loses it."""
    from healthlib.readers.labfiles.image import _under_headings

    sentence = "Your 25-OH Vitamin D was 85 nmol/L (normal range 50 to 125). Your urine protein was Negative"
    assert _under_headings([sentence])(0, sentence) == sentence
    assert _under_headings(["Glucose   66   L   mg/dl   Ref Range: 70-99"])(0, "Glucose   66   L   mg/dl   Ref Range: 70-99") \
        == "Glucose   66   L   mg/dl   70-99"
