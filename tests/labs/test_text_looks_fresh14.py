"""Text looks first met in the fourteenth blind set, each read by a general rule: a listing printed
with a gutter of line numbers (continuous stationery), and a portal's timeline with an entry-type
column before each item's name and older entries of a test below (earlier results: only the newest is
read). On the code before, every result of either was "not read" or read under a name with the type."""

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


_TIMELINE = """Health Timeline - copied from MyCare Connect
Patient: Ann Example   DOB: 01/02/1960   MRN: 12345678

Date        Type    Item                        Detail
03/12/2024  VITALS  Blood pressure              130/76 mmHg
03/12/2024  LAB     Calcium                     10.0 mg/dL   ref 8.6-10.3
03/12/2024  LAB     Vitamin B12                 694 pg/mL   ref 200-1100
03/12/2024  LAB     Hemoglobin                  9.6 g/dL   ref 13.2-17.1   L
03/12/2024  LAB     Urine Protein               Positive   ref Negative   A
02/20/2024  MED     Lisinopril                  10 mg tablet, once daily
11/08/2023  LAB     Vitamin B12                 691 pg/mL   ref 200-1100
"""


def test_a_timelines_entry_type_is_no_part_of_a_tests_name_and_its_older_entries_are_earlier_results():
    read = read_report_text(_TIMELINE)
    got = _got(read)
    assert got["Calcium"] == ("10.0", "mg/dL", 8.6, 10.3, None)
    assert got["Hemoglobin"][0] == "9.6" and got["Urine Protein"][0] == "Positive"
    # the newest entry of a test is its result; the older one is an earlier result, never a second
    assert [(r.printed_name, r.value_text) for r in read.lines if r.printed_name == "Vitamin B12"] == \
        [("Vitamin B12", "694")]
    assert not any("Lisinopril" in r.printed_name or "pressure" in r.printed_name for r in read.lines)


def test_a_test_on_two_rows_whose_order_cannot_be_told_is_not_read():
    text = _TIMELINE.replace("11/08/2023  LAB     Vitamin B12                 691",
                             "03/12/2024  LAB     Vitamin B12                 691")
    read = read_report_text(text)
    assert "Vitamin B12" not in _got(read)
    assert sum("Vitamin B12" in line for line in read.not_read) == 2


def test_a_flag_printed_before_each_name_is_the_results_not_an_entry_type():
    read = read_report_text("HIGH   Sodium   150   mmol/L   133 - 146\nHIGH   Potassium   5.9   mmol/L   3.5 - 5.3\n"
                            "HIGH   Urea   9.9   mmol/L   2.5 - 7.8\n")
    flags = {r.printed_name: r.flag for r in read.lines}
    assert flags["Sodium"] and flags["Potassium"]  # never blanked as a timeline's entry type
