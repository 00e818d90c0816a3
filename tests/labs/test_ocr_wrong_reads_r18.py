"""Round 18's wrong reads on photos and scans (fresh20-tune, the tuning look-alike of fresh20; its
blind seeds are never read): reading glasses' rims, a night shot's over-cleaning and a scan shrunk by
nearest-neighbour sampling left OCR'd rows that read cleanly but wrongly. Each class goes to "not
read": a "<" or ">" a column apart from the value ("Serum potassium   >   6.4"); a lost decimal point
("40" for "4.0", unflagged) on a page whose flagged rows were all lost but whose heading names a Flag
column; a row without its range ("PSA   2.0   ug/L   ed") under a heading naming a Range column; a
closing bracket read as a last figure ("(3.5 - 5.33"); a range dropped into a "Comment" column when
the "Reference range" heading was lost onto a line of its own."""

from __future__ import annotations

import shutil

import pytest

from healthlib.readers.labs.report_text import judge_lines, read_lines

from .corpus import make_report, score


def _read(lines: list[str]):
    return {r.printed_name: r for r in read_lines(lines, source_kind="image", check_flags=True).lines}


def test_a_mark_a_column_apart_is_no_part_of_the_value():
    # fresh20-tune 185001 (a night shot): potassium 6.4 read ">6.4", a speck a column before it
    ((_, found),) = judge_lines(["Serum potassium   >   6.4   mmol/L   (3.5 - 5.3)"], ocr=True)
    assert found is None
    assert "Serum potassium" not in _read(["Serum potassium   >   6.4   mmol/L   (3.5 - 5.3)",
                                           "Magnesium   0.98   mmol/L   (0.7 - 1)"])
    # a censored value printed as one cell, with or without a space, is read as printed
    for line, value in (("eGFR   >90   mL/min/1.73m2   (>60)", ">90"), ("CRP   < 0.5   mg/L   (< 5)", "<0.5")):
        ((_, found),) = judge_lines([line], ocr=True)
        assert found and found[0].value_text == value


HEADING = "⁇⁇   Test   Result   Flag   Units   Reference range   Comment"
LOST_FLAGGED = ["11   HDL Cholesterol   33   L   mg/d   > 40   sO", "⁇⁇   WBC   ⁇   H   x1OE3/uL   38-108   ki"]


def test_a_lost_decimal_point_on_a_flagging_table_whose_flagged_rows_were_lost():
    # fresh20-tune 185002 (a night shot of a spreadsheet): CRP 4.0 and PSA 4.0 read "40", unflagged,
    # while every flagged row went to "not read"
    rows = ["12.   C-Reactive Protein   i   40   mg/l   <8", "13   PSA, Total   40   ng/mL   <4"]
    read = _read([HEADING, *LOST_FLAGGED, *rows])
    assert not {"C-Reactive Protein", "PSA, Total"} & set(read)
    # a value inside its range on that table is still read
    assert _read([HEADING, *LOST_FLAGGED, "14   Calcium   9.1   mg/dL   8.6-10.3"])["Calcium"].value_text == "9.1"


def test_a_row_without_its_range_under_a_range_heading():
    # fresh20-tune 185002 (a nearest-neighbour scan): "PSA 2.0 ug/L ed", its range garbled, read without it
    lines = ["Test   Result   Units   Range   Test   Result   Units   Range",
             "Alkuline phosphatase   93   iw   ⁇⁇ - ⁇⁇   MCV   131.8   iL   ⁇⁇ - 100",
             "PSA   2.0   ug/L   ed", "Glucose   5.8   mmol/L   3 - 6"]
    read = _read(lines)
    assert "PSA" not in read
    assert (read["Glucose"].range_low, read["Glucose"].range_high) == (3.0, 6.0)


@pytest.mark.parametrize(("line", "kept"), [
    ("Potassium   5.0   mmol/L   (3.5 - 5.33", False),  # fresh20-tune 185006: ")" read as "3"
    ("Potassium   5.0   mmol/L   (3.5 - 5.3)", True),
    ("Potassium   5.0   mmol/L   (3.5 - 5.3", True),  # the bracket lost, no figure made of it
    ("Magnesium   0.82   mmol/L   (0.70 - 1.00", True),
    ("Urea   4.4   mmol/L   (2 - 7.8", True),  # a whole lower end tells nothing
])
def test_a_closing_bracket_read_as_a_figure(line, kept):
    ((_, found),) = judge_lines([line], ocr=True)
    assert bool(found) == kept


def test_a_range_under_a_comment_column_is_not_dropped_from_its_result():
    # fresh20-tune 185005 (reading glasses over a spreadsheet): "Reference range" lost off the heading
    # onto a line of its own, the rows' ranges went to the "Comment" column and were dropped
    lines = ["Test   Result   Flag   Units   Comment", "Reference rant",
             "16   Glucose, Fasting   126   H   oS   70 - 99", "17   eGFR   44   L   mL/min/1.73m2   > 60",
             "18   Urine Protein   Positive   A   Negative", "19   Platelet Count   573   H   x10e3/ul   140 - 400",
             "20   Vitamin D, 25-Hydroxy   54   ng/mL   30 - 100", "21   INR   1.0   0.9-1.1", "22",
             "23   Source   Brookfield Regional Laboratory"]
    read = read_lines(lines, source_kind="image", check_flags=True).lines
    for result in read:
        assert result.range_low is not None or result.range_text, result  # read with its range, or not at all


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")


@needs_tesseract
@pytest.mark.parametrize("seed", [185001, 185002])
def test_fresh20_tune_night_shots_read_nothing_wrongly(seed):
    from healthlib.readers.labs.report import read_report_bytes

    report = make_report("phone-photo", seed, "fresh20-tune")
    assert score(report, read_report_bytes(report.data, name="photo.jpg")).wrong == 0
