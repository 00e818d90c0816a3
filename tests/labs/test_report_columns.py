"""Report shapes read through their column headings, blocks and words (`readers/labs/columns.py`):
a previous-result column, separate low and high limits, a unit in the value's cell, results over
two or three lines, quoted CSV exports, ranges after "Normal:" / "ref", and "(High)" flags."""

from __future__ import annotations

import pytest

from healthlib.readers.labs.report import read_report_bytes
from healthlib.readers.labs.report_text import read_text

from .corpus import make_report, score


def results(text: str):
    read = read_text(text)
    return {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}, read.not_read


def test_previous_result_column_is_never_read_as_the_value():
    got, not_read = results("Test   Current Result   Flag   Previous Result   Units   Reference Interval\n"
                            "CHEMISTRY\n"
                            "AST   7   L   6   U/L   10 to 40\n"
                            "Protein, Total   7.6   6.2   g/dL   6 to 8.3\n"
                            "Urine Protein   Trace   A   -      Negative\n")
    assert got["AST"] == ("7", "U/L", 10, 40, "L")
    assert got["Protein, Total"] == ("7.6", "g/dL", 6, 8.3, None)
    assert got["Urine Protein"][0] == "Trace" and not not_read


def test_previous_column_in_a_fixed_width_report_with_glued_headings():
    got, not_read = results("Test              Result  Previous  Normal rangeUnits\n"
                            "Serum potassium      5.6       6.6  Normal: 3.5-5.3mmol/l\n"
                            "Haematocrit         0.35      0.42  0.4 to 0.52  L/L\n"
                            "eGFR                 100       100  Normal: >60  mL/min/1.73m2\n")
    assert got["Haematocrit"] == ("0.35", "L/L", 0.4, 0.52, None)
    assert got["eGFR"] == ("100", "mL/min/1.73m2", 60, None, None)
    assert "Serum potassium" not in got or got["Serum potassium"][0] == "5.6"


def test_low_and_high_columns_joined_and_a_blank_limit_settled_only_by_the_flag():
    got, not_read = results("Test   Current Result   Flag   Units   Low   High\n"
                            "Protein, Total   8.9   H   g/dL   6   8.3\n"
                            "eGFR   86   ml/min/1.73m2   60\n"
                            "LDL Cholesterol   150   H   mg/dL   100\n")
    assert got["Protein, Total"] == ("8.9", "g/dL", 6, 8.3, "H")
    assert got["eGFR"] == ("86", "ml/min/1.73m2", 60, None, None)  # unflagged: inside, so 60 is the low limit
    assert got["LDL Cholesterol"] == ("150", "mg/dL", None, 100, "H")  # flagged high: 100 is the upper limit


def test_a_blank_limit_without_flags_is_not_guessed():
    got, not_read = results("Test   Result   Units   Low   High\n"
                            "eGFR   86   ml/min/1.73m2   60\n"
                            "Sodium   140   mmol/L   136   145\n")
    assert "eGFR" not in got and any("eGFR" in line for line in not_read)
    assert got["Sodium"] == ("140", "mmol/L", 136, 145, None)


def test_unit_inside_the_value_cell():
    got, _ = results("Test   Result   Flag   Reference Interval\n"
                     "Magnesium   0.9 mg/dl   L   1.5 to 2.5\nC-Reactive Protein   6.3 mg/L   <= 8\n")
    assert got["Magnesium"] == ("0.9", "mg/dl", 1.5, 2.5, "L")
    assert got["C-Reactive Protein"] == ("6.3", "mg/L", None, 8, None)


def test_two_and_three_line_entries():
    got, not_read = results("BUN\n4 mg/dl L\n(7 to 20)\nUPRO\nTrace A\n(Negative)\n"
                            "Bilirubin, Total\nValue: 0.1 mg/dL\nNormal range: 0.1 to 1.2 mg/dL\n\n"
                            "Alkaline Phosphatase\nValue: 33 U/L (Low)\nNormal range: 44 to 147 U/L\n")
    assert got["BUN"] == ("4", "mg/dl", 7, 20, "L")
    assert got["UPRO"][0] == "Trace" and got["UPRO"][4] == "A"
    assert got["Bilirubin, Total"] == ("0.1", "mg/dL", 0.1, 1.2, None)
    assert got["Alkaline Phosphatase"] == ("33", "U/L", 44, 147, "Low")
    assert not not_read


def test_quoted_csv_export_and_name_colon_lines():
    got, not_read = results('"Test","Result","Units","Reference Range","Flag"\n'
                            '"Glucose, Fasting","85","mg/dL","70 to 99",""\n"ALT","6","U/L","7 to 56","L"\n'
                            "Potassium: 5.6 mmol/L (ref 3.5 to 5.1) H\nCalcium: 9.9 mg/dl (ref 8.6 to 10.3)\n")
    assert got["Glucose, Fasting"] == ("85", "mg/dL", 70, 99, None)
    assert got["ALT"] == ("6", "U/L", 7, 56, "L")
    assert got["Potassium"] == ("5.6", "mmol/L", 3.5, 5.1, "H")
    assert got["Calcium"] == ("9.9", "mg/dl", 8.6, 10.3, None)
    assert not not_read


def test_ranges_in_words_beside_a_second_column():
    got, _ = results("CRP   3 mg/L   Normal: <5   Creatinine   102 umol/L   Normal: 59-104\n"
                     "Total protein   72 g/L   Normal: 60-80   HAEMATOLOGY\n")
    assert got["CRP"] == ("3", "mg/L", None, 5, None)
    assert got["Creatinine"] == ("102", "umol/L", 59, 104, None)
    assert got["Total protein"] == ("72", "g/L", 60, 80, None)


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"])
def test_fresh5_tune_reports_read_exactly_and_privately(layout):
    for seed in (35000, 35001):
        report = make_report(layout, seed, "fresh5-tune")
        got = score(report, read_report_bytes(report.data))
        assert got.exact == got.total, got.misses
        assert not got.leaked


def test_a_bare_number_beside_a_second_result_is_not_read():
    """Without its label known, "Normal <21 umol/L" would be a second result and 13 a bare value."""
    read = read_text("Bilirubin   13   Limit <21 umol/L")
    assert read.lines == [] and read.not_read


def test_a_range_in_words_in_brackets():
    got = read_text("Urine Protein: Negative (ref Negative)\nUPRO   Trace   A   (Negative)").lines
    assert [(r.value_text, r.range_text) for r in got] == [("Negative", "Negative"), ("Trace", "Negative")]


def test_a_record_number_after_ref_keeps_its_label_and_is_never_output():
    read = read_text("Ref: 44821\nLab Ref: 12345 Potassium 5.1 mmol/L 3.5-5.1\nPotassium: 5.6 mmol/L (ref: 3.5-5.1) H")
    dumped = read.model_dump_json()
    assert "44821" not in dumped and "12345" not in dumped
    assert [(r.value_text, r.range_low, r.range_high, r.flag) for r in read.lines] == [("5.6", 3.5, 5.1, "H")]


def test_a_name_over_a_bare_number_is_never_joined_into_a_result():
    read = read_text("RAPID CARE CLINIC LAB\nLiam Haddad\n45\nBUN\n4 mg/dl L\n(7 to 20)")
    assert "Haddad" not in read.model_dump_json()
    assert [r.printed_name for r in read.lines] == ["BUN"]


def test_columns_holding_no_part_of_a_result_are_dropped():
    got, not_read = results("Test   Result   Flag   Units   Reference range   Collected   Status   Lab\n"
                            "Bilirubin, Total   0.4   mg/dL   0.1 - 1.2   17/04/2024 09:05   Final   RGH\n"
                            "ALT (SGPT)   4   !   U/L   7 - 56   17/04/2024 09:05   Final   RGH\n"
                            "eGFR   >90   ml/min/1.73m2   >= 60   17/04/2024 09:05   Final   RGH\n")
    assert got["Bilirubin, Total"] == ("0.4", "mg/dL", 0.1, 1.2, None)
    assert got["ALT (SGPT)"][:4] == ("4", "U/L", 7, 56)
    assert got["eGFR"][:3] == (">90", "ml/min/1.73m2", 60)
    assert not not_read


def test_a_range_on_its_own_line_under_the_result_is_its_range():
    got, not_read = results("Test   Result   Flag   Units\n"
                            "eGFR   67   mL/min/1.73m2\n"
                            "Reference range: >= 60\n"
                            "INR   1.6   Abnormal\n"
                            "Reference range: 0.9 - 1.1\n"
                            "CRP   <0.5   mg/L\n"
                            "Reference range: <= 8.0\n")
    assert got["eGFR"][:4] == ("67", "mL/min/1.73m2", 60, None)
    assert got["INR"][2:4] == (0.9, 1.1)
    assert got["CRP"][:4] == ("<0.5", "mg/L", None, 8.0)
    assert not not_read


def test_an_si_result_column_beside_the_result_is_not_read_as_it():
    got, not_read = results("Test   Result   Flag   Units   Reference range   SI result   SI units\n"
                            "PSA, Total   3.4   ng/mL   <= 4\n"
                            "LDL-Cholesterol   142   A   mg/dL   <= 100   3.7   mmol/L\n"
                            "Calcium   8.7   mg/dL   8.6 - 10.3   2.17   mmol/L\n")
    assert got["LDL-Cholesterol"] == ("142", "mg/dL", None, 100, "A")
    assert got["Calcium"] == ("8.7", "mg/dL", 8.6, 10.3, None)
    assert got["PSA, Total"][:4] == ("3.4", "ng/mL", None, 4)
    assert not not_read


def test_a_telephoned_results_logs_columns_are_known_so_its_rows_read_as_a_table():
    from healthlib.readers.labfiles.image import _under_headings
    from healthlib.readers.labs.columns import headings
    from healthlib.readers.labs.report_text import judge_lines

    heading = "PHONED   EXT   TEST   RESULT   UNITS   RANGE   READ BACK"
    assert headings(heading) == ["other", "other", "name", "value", "units", "range", "other"]
    assert headings("Time phoned   Extension   Test   Result   Units   Range   Taken by") is not None
    # a photo's row read again is judged under its headings: the time and extension before the name,
    # the read-back initials after the range, are no part of the result
    texts = [heading, "16:05   3907   AST   32   IU/L   < 40   JP/MS"]
    ((_, found),) = judge_lines([_under_headings(texts)(1, texts[1])], ocr=True)
    assert [(r.printed_name, r.value_text, r.unit, r.range_high) for r in found] == [("AST", "32", "IU/L", 40.0)]
