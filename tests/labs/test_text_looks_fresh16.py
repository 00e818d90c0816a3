"""Text looks first met in the sixteenth blind set, each read by a general rule that extends what the
readers already do: a GP practice journal's "Test result" entry type before a result (a column of
entry types, `columns.without_entry_types`), a health record's text download printing several of a
record's fields on one line (`free_text.join_records`), and a pharmacy leaflet's spaced dot leaders
after "Your result" and "Healthy range" (`free_text.DOT_LEADER`, `columns.unlabel`). On the code
before, every result of each was "not read" or read under a wrong name."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

JOURNAL = (
    "Date   Time   Entry   Details\n"
    "12-Mar-2024 15:31   Consultation   Results reviewed by Dr P. Adeyemi - file, routine\n"
    "12-Mar-2024 14:47   Test result   Total protein   68 g/L   60 - 80\n"
    "12-Mar-2024 14:47   Test result   Sodium   142 mmol/L   133 - 146\n"
    "12-Mar-2024 14:47   Test result   White cell count   3.1 x10^9/L   4 - 11\n"
    "12-Mar-2024 08:52   Blood pressure   134/86 mmHg\n"
    "12-Mar-2024 08:52   Pulse rate   72 /min\n"
    "12-Mar-2024 08:50   Medication   Amlodipine 5mg tablets - one daily (28)\n"
    "14-Nov-2023 10:20   Blood pressure   141/88 mmHg\n")


def test_a_practice_journals_test_result_entries_are_read_by_the_tests_name():
    got = _got(read_report_text(JOURNAL))
    assert got == {"Total protein": ("68", "g/L", 60, 80, None), "Sodium": ("142", "mmol/L", 133, 146, None),
                   "White cell count": ("3.1", "x10^9/L", 4, 11, None)}  # never a blood pressure, pulse or dose


def test_a_panel_printed_across_keeps_its_test_headings():
    got = _got(read_report_text(
        "Test   Serum sodium   Platelets   Bilirubin\nResult   145   270   13\nUnits   mmol/L   x10^9/L   umol/L\n"
        "Range   133-146   150-400   <21\n" + "-" * 40 + "\n"
        "Test   Fasting glucose   Cholesterol   HbA1c\nResult   2.6   2.6   30\nUnits   mmol/L   mmol/L   mmol/mol\n"
        "Range   3-6   <5   <42\n" + "-" * 40 + "\n"
        "Test   HDL cholesterol   Triglycerides   Hb\nResult   0.5   1.2   90\nUnits   mmol/L   mmol/L   g/L\n"
        "Range   >1   <1.7   130-170\n"))
    assert got["Serum sodium"] == ("145", "mmol/L", 133, 146, None)  # a row of names is no row of entry types
    assert got["Hb"] == ("90", "g/L", 130, 170, None)


DOWNLOAD = (
    "=" * 40 + "\nLABS AND TESTS\n" + "=" * 40 + "\n"
    "Lab Test: Calcium\n"
    "Date/Time Collected: 03/12/2024 07:33\n"
    "Specimen: BLOOD\n"
    "Result: 4.9   Units: mg/dL   Reference Range: 8.6-10.3   Interpretation: L\n"
    "Performing Location: MAIN CAMPUS LAB\n" + "-" * 40 + "\n"
    "Lab Test: Vitamin D, 25-Hydroxy\n"
    "Result: 64   Units: ng/mL   Reference Range: 30-100   Interpretation:\n"
    "Performing Location: MAIN CAMPUS LAB\n" + "-" * 40 + "\n"
    "Lab Test: Ferritin\n"
    "Result: 8   Units: ug/L   Reference Range: 30-400   Interpretation: Consistent with iron deficiency\n"
    + "-" * 40 + "\n"
    "Lab Test: Sodium\n"
    "Result: 140   Result: 150   Units: mmol/L\n" + "-" * 40 + "\n")


def test_a_text_downloads_fields_several_to_a_line_are_one_record():
    got = _got(read_report_text(DOWNLOAD))
    assert got["Calcium"] == ("4.9", "mg/dL", 8.6, 10.3, "L")
    assert got["Vitamin D, 25-Hydroxy"] == ("64", "ng/mL", 30, 100, None)
    assert "Ferritin" not in got  # an interpretation in words is no flag: not read
    assert "Sodium" not in got  # two results on one line: not one record


LEAFLET = (
    "Checked on 04/03/2024 (fingerprick sample)\n"
    "PSA\n"
    "Your result . . . . . . . . . . . . . . . . . . . .   2.0 ng/mL\n"
    "Healthy range . . . . . . . . . . . . . . . . . .   below 4\n"
    "AST\n"
    "Your result . . . . . . . . . . . . . . . . . . . .   7 U/L L\n"
    "Healthy range . . . . . . . . . . . . . . . . . .   10 to 40\n"
    "UPRO\n"
    "Your result . . . . . . . . . . . . . . . . . . . .   Negative\n"
    "Healthy range . . . . . . . . . . . . . . . . . .   Negative\n")


def test_a_leaflets_spaced_dot_leaders_part_your_result_and_the_healthy_range():
    got = _got(read_report_text(LEAFLET))
    assert got["PSA"] == ("2.0", "ng/mL", None, 4, None)
    assert got["AST"] == ("7", "U/L", 10, 40, "L")
    assert got["UPRO"][0] == "Negative"


def test_a_viewer_copys_abnormal_flag_a_under_a_word_result_is_its_flag():
    got = _got(read_report_text(
        "Test\nResult\nFlag\nUnits\nReference Interval\n"
        "Hematocrit\n47.4\n%\n38.5 - 50\n"
        "Urine Protein\nTrace\nA\nNegative\n"
        "Calcium\n9.6\nmg/dL\n8.6 - 10.3\n"))
    assert got["Urine Protein"] == ("Trace", None, None, None, "A")
    assert got["Calcium"] == ("9.6", "mg/dL", 8.6, 10.3, None)

