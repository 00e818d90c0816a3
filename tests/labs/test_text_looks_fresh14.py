"""Text looks first met in the fourteenth blind set, each read by a general rule: a listing printed
with a gutter of line numbers (continuous stationery), and a portal's timeline with an entry-type
column before each item's name. On the code before, every result of either was "not read"."""

from __future__ import annotations

from healthlib.readers.labs.columns import without_line_numbers
from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

_LISTING = [f"{k + 1:04d}   {text}" if text else f"{k + 1:04d}" for k, text in enumerate([
    "RESULTS LISTING - SINGLE EPISODE", "", "PATIENT : Ann Example", "DOB     : 01/02/1960", "",
    "TEST                    RESULT    UNITS          RANGE", "-" * 62,
    "Sodium                  140       mmol/L         133 - 146",
    "Potassium               5.9       mmol/L         3.5 - 5.3",
    "Haemoglobin             131       g/L            115 - 165",
    "Urine protein           Negative                 Negative",
    "-" * 62, "*** END OF LISTING ***"])]


def test_a_gutter_of_line_numbers_holds_no_part_of_a_result():
    read = read_report_text("\n".join(_LISTING))
    got = _got(read)
    assert got["Sodium"] == ("140", "mmol/L", 133, 146, None)
    assert got["Potassium"][0] == "5.9" and got["Haemoglobin"][0] == "131"
    assert got["Urine protein"][0] == "Negative"
    assert not any(line.printed_name[:1].isdigit() for line in read.lines)


def test_only_lines_numbered_one_after_another_lose_their_numbers():
    assert without_line_numbers(_LISTING)[7].startswith("Sodium")
    # a few numbered rows, or numbers that do not count the lines, are not a gutter
    rows = ["1   Sodium   140   mmol/L   133 - 146", "2   Potassium   4.1   mmol/L   3.5 - 5.3"]
    assert without_line_numbers(rows) == rows
    values = [f"{n}   mmol/L" for n in (140, 141, 143, 144, 145, 146, 147, 148, 149)]
    assert without_line_numbers(values) == values
