"""Safeguards that keep a misread OCR result from being reported as read: a unit the test is
never reported in, a range upside down or far from the usual one, a value of a tightly held test
(potassium, sodium, haemoglobin...) far outside its range. Each is checked on its own, and on a
real generated photo where the misread rows' flags agree with their wrong values (so the
flag-against-range check alone would not catch them)."""

from __future__ import annotations

import random
import shutil

import pytest

from healthlib.model.lab_catalogue import implausible
from healthlib.readers.labs.catalogue import builtin_catalogue
from healthlib.readers.labs.report import read_report_bytes
from healthlib.readers.labs.report_text import read_lines

from .corpus import STYLES, Person, Truth, _norm_unit, photograph, render_pdf, us_table_pdf

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


def _test(name: str):
    test = builtin_catalogue().match(name)
    assert test is not None, name
    return test


@pytest.mark.parametrize(("name", "value", "unit", "low", "high", "wrong"), [
    ("Potassium", 4.2, "mmol/L", 3.5, 5.1, False),
    ("Potassium", 42, "mmol/L", 3.5, 5.1, True),  # a lost decimal point
    ("Sodium", 14.0, "mmol/L", 136, 145, True),  # an added one
    ("Sodium", 118, "mmol/L", 136, 145, False),  # truly low: a critical value is never hidden
    ("Haemoglobin", 13.0, "g/L", 130, 170, True),
    ("Haemoglobin", 6.5, "g/dL", 13.2, 17.1, False),
    ("Potassium", 4.2, "mg/dL", 3.5, 5.1, True),  # a unit potassium is never reported in
    ("Haematocrit", 0.45, "Wl", 0.40, 0.52, True),  # "L/L" misread
    ("Potassium", 4.2, None, 3.5, 5.1, True),  # a measured test with its unit lost
    ("INR", 2.5, None, 0.8, 1.2, False),  # the INR has no unit
    ("Potassium", 4.2, "mmol/L", 35, 51, True),  # a range far from the usual one
    ("Potassium", 4.2, "mmol/L", 5.1, 3.5, True),  # a range upside down
    ("WBC", 6.1, "x10*9/L", 4.0, 11.0, False),  # "*" for "^" is a spelling, not a misread
    ("ALT", 2400, "U/L", 7, 56, False),  # enzymes can truly run 40 times their range
    ("CRP", 180, "mg/L", None, 5, False),
    ("Vitamin D", 30, "ng/mL", 30, 100, False),  # the usual range converted to the printed unit
    ("Vitamin D", 4.0, "ng/mL", 300, 1000, True),
])
def test_a_result_that_cannot_be_right_is_told_apart(name, value, unit, low, high, wrong):
    assert (implausible(_test(name), value, unit, low, high) is not None) is wrong


def test_a_line_that_cannot_be_right_is_not_read_from_ocr_nor_from_text():
    lines = ["Potassium 42 mmol/L 3.5-5.1 H", "Sodium 140 mmol/L 136-145"]
    read = read_lines(lines, source_kind="image", check_flags=True)
    assert [x.printed_name for x in read.lines] == ["Sodium"] and read.not_read == [lines[0]]
    # in text too (`page_checks`): on a layout the reader misjudged, 42 may be a neighbour's figure
    read = read_lines(lines)
    assert [x.printed_name for x in read.lines] == ["Sodium"] and read.not_read == [lines[0]]


def test_eval_compares_a_power_of_ten_however_it_is_written_but_not_other_units():
    assert _norm_unit("x10^9/L") == _norm_unit("x10*9/L") == _norm_unit("x10E9/l")
    assert _norm_unit("x10^9/L") != _norm_unit("K/uL") and _norm_unit("mmol/L") != _norm_unit("mg/dL")


@needs_tesseract
def test_a_photo_with_decimal_points_lost_and_flags_that_agree_reports_no_wrong_value():
    # what a misreading lab-sheet would look like if OCR lost the points: the flags agree with the
    # wrong values, so only the plausibility safeguard can stop them
    truth = [Truth("Potassium", "42", "mmol/L", 3.5, 5.1, "H"), Truth("Sodium", "14.0", "mmol/L", 136, 145, "L"),
             Truth("Haemoglobin", "14.1", "g/dL", 13.2, 17.1, None), Truth("Chloride", "101", "mmol/L", 98, 107, None)]
    person = Person("Ada Lovelace", "01/02/1970", "12345678", "1 Elm Street, Springfield", "555-222-3333")
    rng = random.Random(4)
    page = us_table_pdf(rng, STYLES["tuned"], person, truth)
    read = read_report_bytes(photograph(render_pdf(page, dpi=250), rng, degrade=False), name="photo")
    read_names = {x.printed_name for x in read.lines}
    assert {"Haemoglobin", "Chloride"} <= read_names
    assert not read_names & {"Potassium", "Sodium"}
    assert any(line.startswith("Potassium") for line in read.not_read)
    assert any(line.startswith("Sodium") for line in read.not_read)


def test_a_result_row_whose_figures_were_all_unsure_is_not_read_not_dropped():
    lines = ["Hemoglobin A1c \u2047 % \u2047", "Collected: \u2047 \u2047", "Sodium 140 mmol/L 136-145"]
    read = read_lines(lines, source_kind="image", check_flags=True)
    assert [x.printed_name for x in read.lines] == ["Sodium"] and read.not_read == [lines[0]]


def test_in_a_report_that_prints_a_range_on_every_row_a_row_without_one_is_not_read():
    lines = ["Sodium 140 mmol/L 136-145", "Chloride 101 mmol/L 98-107", "Potassium 4.2 mmol/L 3.5-5.1",
             "Calcium 9.1 mg/dL 8.6-10.3", "Magnesium 2.0 mg/dL"]
    read = read_lines(lines, source_kind="image", check_flags=True)
    assert len(read.lines) == 4 and read.not_read == ["Magnesium 2.0 mg/dL"]
    assert len(read_lines(lines[3:], source_kind="image", check_flags=True).lines) == 2  # too few rows to judge


def test_results_read_apart_from_range_lines_the_reader_could_not_join_are_not_read():
    """A photographed results page printing each range on its own line under the value, its "Normal
    range" garbled by OCR (fresh9-tune): the values lost their ranges, and a digit or two (sodium
    136 read as 76), so none is read."""
    lines = ["Sodium 76 mmol/L", "Nodal range 22 - 2.6 mmol!", "Potassium 4.3 mmol/L", "Nomnat range 3.5 - 5.3 mmol/L",
             "Urea 4.8 mmol/L", "Normai range less than \u2047\u2047 mmall", "Albumin 25 g/L",
             "Norma range 35 - 50 g/L"]
    for ocr in (True, False):
        read = read_lines(lines, source_kind="image" if ocr else "text", check_flags=ocr)
        assert not any(r.printed_name in ("Sodium", "Urea", "Albumin") and r.range_low is None for r in read.lines)
        assert "Sodium 76 mmol/L" in read.not_read
    assert len(read_lines(lines[:4], source_kind="image", check_flags=True).lines) == 2  # too few range lines to judge


@needs_tesseract
def test_a_figure_read_surely_but_wrongly_is_caught_by_its_second_read():
    # every word of figures alone is read twice (`ocr_rows`): a first read of "58" as "38" that
    # tesseract was sure of is marked unsure when the figures-only second read disagrees
    import io

    from PIL import Image

    from healthlib.readers.labfiles.image import (
        FIGURES_ONLY,
        UNSURE,
        _read_again,
        ocr_rows,
        prepare,
    )

    from .corpus import make_report

    report = make_report("phone-photo", 0)
    grey = prepare(Image.open(io.BytesIO(report.data)))
    rows = ocr_rows(grey)
    t = next(t for t in report.truth if t.value_text.isdigit() and len(t.value_text) >= 2
             and any(w.text == t.value_text for row in rows for w in row))
    w = next(w for row in rows for w in row if w.text == t.value_text)
    box = [round(w.x0), round(w.top), round(w.x1 - w.x0), round(w.bottom - w.top)]
    wrong = str((int(t.value_text[0]) + 3) % 10) + t.value_text[1:]
    misread, right = [wrong, *box], [t.value_text, *box]
    _read_again(grey, [misread, right], FIGURES_ONLY, sure=True)
    assert misread[0] == UNSURE and right[0] == t.value_text
    # a second read of empty paper (below the table) finds nothing: a sure first read stays
    blank = [t.value_text, grey.width // 2, round(grey.height * 0.75), 40, 20]
    _read_again(grey, [blank], FIGURES_ONLY, sure=True)
    assert blank[0] == t.value_text


# ---- a text report's results checked against the whole page (`page_checks`) ----------------------------
@pytest.mark.parametrize("lines", [
    # ranges printed where no reader looks (a footnote, a line under two results' boxes): the results
    # read without them are not read
    ["Sodium 140 mmol/L", "Potassium 4.2 mmol/L", "Chloride 101 mmol/L", "",
     "Healthy limits for adults: 136-145, 3.5-5.1 and 98-107"],
    ["Sodium   140 mmol/L   Potassium   4.2 mmol/L", "Ref 136-145   Ref 3.5-5.1"],
    # a figure left on the result's own line (a range cell, a previous result) when no range was read
    ["Sodium 140 mmol/L (previous 138)", "Potassium 4.2 mmol/L (previous 4.0)"],
    # a result in words whose line holds another result word after it: a previous result taken for
    # its range, or a range not read at all
    ["Urine protein   Positive   Positive   Negative"],
    ["Urine protein Trace, was Negative"],
])
def test_a_result_the_page_prints_more_about_than_was_read_is_not_read(lines):
    read = read_lines(lines, source_kind="pdf")
    assert not any(not (r.range_low or r.range_high or r.range_text) for r in read.lines)
    assert not any(r.value is None and r.range_text == r.value_text for r in read.lines)
    assert read.not_read


def test_results_the_page_holds_nothing_more_about_are_read_as_before():
    lines = ["Sodium 140 mmol/L", "Potassium 4.2 mmol/L", "Collected 12/03/2024 08:20"]
    assert [r.value_text for r in read_lines(lines, source_kind="pdf").lines] == ["140", "4.2"]
    # every range printed is carried by a result read; a value printed as a limit is no range
    lines = ["Sodium 140 mmol/L 136-145", "CRP <0.5 mg/L <5", "eGFR >90 mL/min/1.73m2", "Urine protein Negative"]
    read = read_lines(lines, source_kind="pdf")
    assert [r.value_text for r in read.lines] == ["140", "<0.5", ">90", "Negative"] and not read.not_read


def test_a_range_printed_with_a_comparison_sign_or_in_csv_cells_counts_as_printed():
    from healthlib.readers.labs.page_checks import page_ranges

    assert page_ranges(["HDL ≥ 40 mg/dL", "LDL,67,mg/dL,,<100,", "Na 136-145", "Tel 555-123-4567"]) == {
        (40.0, None): 1, (None, 100.0): 1, (136.0, 145.0): 1}


@pytest.mark.parametrize("lines", [
    ["Sodium 140 mmol/L 3.5-5.1", "Potassium 4.2 mmol/L 136-145"],  # ranges swapped between neighbours
    ["Potassium 4.2 mg/dL 3.5-5.1"],  # a neighbour's unit
    ["Potassium 4.2 mmol/L 3.5-5.1 L", "Sodium 150 mmol/L 136-145 L"],  # flags on the wrong side
    ["Potassium 4.2 3.5-5.1", "Chloride 101 98-107"],  # a measured test's unit printed where it was not read
])
def test_a_text_result_whose_pieces_cannot_belong_together_is_not_read(lines):
    read = read_lines(lines, source_kind="pdf")
    assert not read.lines and [line.split()[0] for line in read.not_read] == [line.split()[0] for line in lines]


def test_text_results_whose_pieces_agree_are_read_however_abnormal():
    lines = ["Potassium 5.4 mmol/L 3.5-5.1 H", "ALT 2400 U/L 7-56 HH", "Sodium 118 mmol/L 136-145 LL",
             "Haemoglobin 141 g/L 130-170", "INR 2.5 0.8-1.2 H", "PLATELETS 140 L 140-400 Thousand/uL"]
    read = read_lines(lines, source_kind="pdf")
    assert [r.value_text for r in read.lines] == ["5.4", "2400", "118", "141", "2.5", "140"] and not read.not_read
