"""What the text reader does with lines it gets from OCR or a PDF's layout, beyond one clean line a
result: a flag printed on a line of its own, and OCR'd rows a person reads fine but whose figures
the reader must not guess."""

from __future__ import annotations

from healthlib.readers.labs.report_text import read_text


def _by_name(read):
    return {r.printed_name: r for r in read.lines}


def test_a_lone_flag_above_a_row_is_that_rows_when_its_range_agrees():
    # a health-check card: the flag written by hand beside the value's box, a little above its row
    read = read_text("Test   Result   Unit   Normal\n"
                     "TBIL   0.4   mg/dL   0.1 - 1.2\n"
                     "H\n"
                     "MCV   158.2   fL   80 - 100\n"
                     "L\n"
                     "PLT   89   x10E3/uL   140 - 400\n")
    found = _by_name(read)
    assert found["MCV"].flag == "H" and found["PLT"].flag == "L"
    assert found["TBIL"].flag is None
    assert read.not_read == []


def test_a_lone_flag_below_its_row_is_carried_up():
    found = _by_name(read_text("Sodium   150   mmol/L   133 - 146\nH\nPotassium   4.1   mmol/L   3.5 - 5.3\n"))
    assert found["Sodium"].flag == "H" and found["Potassium"].flag is None


def test_a_lone_flag_that_fits_both_rows_or_neither_is_left_alone():
    both = _by_name(read_text("Sodium   150   mmol/L   133 - 146\nH\nPotassium   5.9   mmol/L   3.5 - 5.3\n"))
    assert both["Sodium"].flag is None and both["Potassium"].flag is None
    neither = _by_name(read_text("Sodium   140   mmol/L   133 - 146\nL\nPotassium   4.0   mmol/L   3.5 - 5.3\n"))
    assert neither["Sodium"].flag is None and neither["Potassium"].flag is None
