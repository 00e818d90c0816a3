"""The layout-agnostic fallback (`readers/labs/anywhere.py`): results found by their test names
wherever they are printed, and every refusal. Hand-written report texts, read by the real reader."""

from __future__ import annotations

import pytest

from healthlib.model.lab_report import ReadReport, ReportLine
from healthlib.readers.labs.anywhere import fill_in, read_anywhere, report_anywhere
from healthlib.readers.labs.report import read_report_text


def _one(text: str):
    reading = read_anywhere(text.splitlines())
    assert len(reading.results) == 1, (reading.results, reading.refused)
    return reading.results[0][0]


def _refused(text: str) -> list[str]:
    reading = read_anywhere(text.splitlines())
    assert reading.results == [], reading.results
    return [why for _, _, why in reading.refused]


@pytest.mark.parametrize("text", [
    "Sodium 140 mmol/L 133-146",
    "Sodium   140   133 - 146   mmol/L",  # range before the unit
    "Sodium   140   133 - 146 mmol/L",  # the unit inside the range's cell
    "Sodium: 140 mmol/L (ref 133-146)",
    "Sodium\n140 mmol/L\nNormal range: 133 - 146",  # a block: name, value, range on lines of their own
    "Sodium\nResult: 140\nUnits: mmol/L\nReference range: 133-146",
    "Sodium\n\nObserved value 140 mmol/L\nBio. Ref. Interval 133 - 146",
    "Test: Sodium   Value: 140   Units: mmol/L   Standard range: 133-146",
    "| Sodium | 140 | mmol/L | 133-146 |  |",  # a markdown table row
    '{"test": "Sodium", "value": 140, "unit": "mmol/L", "range": "133-146"}',  # JSON-ish fields
    '  "name": "Sodium",\n  "value": "140",\n  "unit": "mmol/L",\n  "reference_range": "133-146"',
    "[10:32] Lab: Sodium 140 mmol/L (133-146)",  # a chat message's time stamp and speaker
    "• Sodium: 140 mmol/L (reference range 133-146)",
    "Sodium ............ 140 mmol/L 133-146",  # dot leaders
    "**Sodium** 140 mmol/L 133-146",  # bold marks
    "Sodium — 140 mmol/L (normal 133-146)",
    "Sodium, 140, mmol/L, 133-146",
    "SODIUM.......140 mmol/L   133-146",
    "SODIUM\nRESULT: 140 mmol/L\nREF. INTERVAL: 133-146\nSTATUS: Normal",
    '"test_name": "Sodium", "result_value": 140, "units": "mmol/L", "ref_range": "133-146"',
])
def test_a_result_is_found_by_its_name_in_any_layout(text):
    line = _one(text)
    assert (line.printed_name.lower(), line.value, line.unit, line.range_low, line.range_high) == (
        "sodium", 140.0, "mmol/L", 133.0, 146.0)


def test_a_unit_printed_in_the_name_column_is_the_results():
    line = _one("Sodium (mmol/L)   140   133-146")
    assert (line.printed_name, line.value, line.unit) == ("Sodium", 140, "mmol/L")


def test_flag_comparison_and_result_in_words_are_read():
    line = _one("Potassium\nValue: 6.1 mmol/L (High)\nNormal range: 3.5 to 5.1 mmol/L")
    assert (line.value, line.flag, line.range_low, line.range_high) == (6.1, "High", 3.5, 5.1)
    line = _one("HbA1c   5.3 %   ref <5.7")
    assert (line.value, line.unit, line.range_high) == (5.3, "%", 5.7)
    line = _one("Urine protein: Negative (reference range Negative)")
    assert (line.value_text, line.range_text) == ("Negative", "Negative")


def test_results_side_by_side_and_after_a_separator():
    reading = read_anywhere(["Triglycerides   2.3 mmol/L   < 1.7   Haemoglobin   156 g/L   130 - 170"])
    assert [(r.printed_name, r.value) for r, _, _ in reading.results] == [("Triglycerides", 2.3), ("Haemoglobin", 156)]
    reading = read_anywhere(["Sodium 140 mmol/L, Potassium 4.1 mmol/L"])
    assert [(r.printed_name, r.value) for r, _, _ in reading.results] == [("Sodium", 140), ("Potassium", 4.1)]


def test_pieces_wrapped_onto_the_next_line_before_another_result_are_taken():
    reading = read_anywhere(["INR 1.7 (0.9-1.1) H; Hemoglobin 6.0 g/dl", "(11.7-15.5) LL; Triglycerides 164 mg/dL",
                             "(<150) H; PSA 3.4 ng/mL (<4)."])
    assert [(r.printed_name, r.range_low, r.range_high, r.flag) for r, _, _ in reading.results] == [
        ("INR", 0.9, 1.1, "H"), ("Hemoglobin", 11.7, 15.5, "LL"), ("Triglycerides", None, 150, "H"),
        ("PSA", None, 4, None)]


@pytest.mark.parametrize("text", [
    "HbA1c target below 48 mmol/mol",  # a comparison in words is a range, never a value
    "Target: HbA1c below 48 mmol/mol",
    "Repeat potassium in 3 months",
    "Previous sodium 138 mmol/L",  # a name inside prose is never a result's name
    "Your potassium was 5.9 mmol/L last time",
])
def test_comment_numbers_never_become_results(text):
    reading = read_anywhere([text])
    assert reading.results == []


def test_a_unit_that_does_not_fit_the_test_is_refused():
    assert _refused("Sodium 140 mg/dL 133-146") != []  # sodium is never reported in mg/dL
    assert _refused("Sodium 140 133-146") == ["no unit for a measured test"]


def test_two_candidate_values_are_refused():
    assert _refused("Sodium   140   138   mmol/L   133-146") == ["a second value"]  # a previous result's column
    assert _refused("Sodium\n140 mmol/L\n138 mmol/L") == ["a second value"]
    assert _refused("Sodium 140 mmol/L 133-146 135-145") == ["a second range"]


def test_a_second_unit_is_refused():
    assert _refused("Creatinine 0.40 mg/dL 0.6-1.3 35 umol/L") != []


def test_an_implausible_value_or_range_is_refused():
    assert _refused("Sodium 14.0 mmol/L 133-146")  # a lost decimal point: far outside a narrow band
    assert _refused("Potassium 4.1 mmol/L 133-146")  # a range far from the test's own


def test_a_flag_that_contradicts_the_range_is_refused():
    assert _refused("Potassium 4.1 mmol/L H 3.5-5.1") == ["the flag disagrees with the range"]


def test_a_figure_left_unread_after_a_value_is_refused():
    assert _refused("Sodium 140 mmol/L (133-146)x") == ["a figure not accounted for"]


def test_a_range_under_a_result_behind_a_label_it_does_not_know_is_refused():
    assert _refused("Hematocrit   40.1   %\nneyerence range: 38.5-50.0") == ["a range under it that does not read"]


def test_a_range_given_in_a_note_is_refused():
    assert _refused("Vitamin D 40 nmol/L See note") == ["the range is given in a note"]


def test_a_result_without_its_range_on_a_report_that_prints_ranges_is_refused():
    reading = read_anywhere(["Sodium 140 mmol/L 133-146", "Potassium 4.1 mmol/L 3.5-5.3", "Urea 5.0 mmol/L 2.5-7.8",
                             "Chloride 101 mmol/L 95-108", "Creatinine 80 umol/L 59-104", "Calcium 2.40 mmol/L"])
    assert [r.printed_name for r, _, _ in reading.results] == ["Sodium", "Potassium", "Urea", "Chloride", "Creatinine"]
    assert [why for _, _, why in reading.refused] == ["no range on a report that prints them"]


def test_a_table_with_earlier_results_is_left_to_its_headings():
    reading = read_anywhere(["Test   Result   Previous   Units   Range", "Sodium   140   mmol/L   133-146"])
    assert reading.results == []


def test_sex_labelled_ranges_are_settled_or_refused():
    text = ["Haemoglobin 150 g/L  F 115-165 / M 130-170"]
    assert read_anywhere(["Sex: M", *text]).results[0][0].range_low == 130
    assert read_anywhere(text).results == []  # no sex printed: which range applies is not known


def test_the_person_is_never_read_nor_echoed():
    report = report_anywhere(["Patient: Jane Example   DOB: 01/02/1960", "Sodium 140 mmol/L 133-146",
                              "Potassium 4.1 mg/dL"])
    assert "Jane" not in report.model_dump_json()
    assert [line.printed_name for line in report.lines] == ["Sodium"]
    assert report.not_read == ["Potassium 4.1 mg/dL"]


def test_the_whole_reader_adds_what_only_the_fallback_reads():
    # the structured readers read the table; the block under it is read by the fallback alone
    text = ("Sodium   140 mmol/L   133-146\n"
            "Potassium   4.1 mmol/L   3.5-5.3\n\n"
            "Magnesium\n\nResult 0.85\nUnits mmol/L\nBio. Ref. Interval 0.70 - 1.00\n")
    report = read_report_text(text)
    assert [(r.printed_name, r.value, r.unit, r.range_low) for r in report.lines] == [
        ("Sodium", 140, "mmol/L", 133), ("Potassium", 4.1, "mmol/L", 3.5), ("Magnesium", 0.85, "mmol/L", 0.70)]
    assert report.not_read == []


def test_the_fallback_never_adds_a_test_it_read_two_ways_nor_one_already_read():
    lines = ["Magnesium", "Result 0.85", "Units mmol/L", "", "Magnesium", "Result 0.95", "Units mmol/L"]
    report = ReadReport()
    fill_in(report, lines)
    assert report.lines == []
    report = ReadReport(lines=[ReportLine(printed_name="Mg", value=0.8, value_text="0.8", unit="mmol/L")])
    fill_in(report, ["Magnesium   0.85 mmol/L   0.70-1.00"])
    assert [r.value for r in report.lines] == [0.8]


def test_a_page_printed_value_first_gives_each_name_the_value_before_it():
    # two columns, each row "value  unit  test  range": the figures at a row's end and on the line under
    # a name are the NEXT test's (before: Glucose read 2.1, Urea 103, Bicarbonate 2.46)
    lines = ["Value   Unit   Test   Range   FlagValue   Unit   Test   Range   Flag",
             "2.4   ug/L   PSA   <4   29   mmol/L   Bicarbonate   22 - 29",
             "2.46   mmol/L   Calcium   2.2 - 2.6   102   umol/L   Creatinine   59 - 104",
             "4.4   mmol/L   Glucose   3 - 6   2.1   mmol/L   Urea   2.5 - 7.8",
             "103   mmol/L   Chloride   95 - 108   1.1   INR   0.8 - 1.2"]
    read = {r.printed_name: (r.value, r.range_low, r.range_high) for r, _, _ in read_anywhere(lines).results}
    assert read == {"PSA": (2.4, None, 4), "Bicarbonate": (29, 22, 29), "Calcium": (2.46, 2.2, 2.6),
                    "Creatinine": (102, 59, 104), "Glucose": (4.4, 3, 6), "Urea": (2.1, 2.5, 7.8),
                    "Chloride": (103, 95, 108), "INR": (1.1, 0.8, 1.2)}  # on such a page "1.1  INR" too


def test_one_line_starting_with_a_value_does_not_make_a_page_value_first():
    reading = read_anywhere(["140 mmol/L   Sodium   133 - 146", "Potassium   4.1 mmol/L   3.5 - 5.1"])
    assert [(r.printed_name, r.value) for r, _, _ in reading.results] == [("Potassium", 4.1)]


def test_on_a_value_first_page_a_name_may_follow_its_long_unit_straight_on():
    lines = ["140   mmol/L   Sodium   133 - 146   4.1   mmol/L   Potassium   3.5 - 5.3",
             "2.6   ug/l   PSA   <4   39   mL/min/1.73m2 eGFR   >60"]
    read = {r.printed_name: (r.value, r.unit, r.range_low, r.range_high) for r, _, _ in read_anywhere(lines).results}
    assert read["PSA"] == (2.6, "ug/l", None, 4) and read["eGFR"] == (39, "mL/min/1.73m2", 60, None)


def test_on_ocr_lines_a_name_ocr_misspelled_is_found_as_the_text_reader_puts_it_right():
    from healthlib.readers.labs.report_text import read_lines

    # a telephoned-results log: time, extension, test, result; the "1" of "HbA1c" read as an "i"
    lines = ["PHONED   EXT   TEST   RESULT   UNITS   RANGE   READ BACK",
             "16:14   2310   Albumin   60   g/L   35 - 50   NO/KL",
             "16:16   3691   HbAic   26   mmol/mol   < 42   NO/KL"]
    read = read_lines(lines, source_kind="image", check_flags=True)
    assert [(x.printed_name, x.value_text, x.unit, x.range_high) for x in read.lines] == [
        ("Albumin", "60", "g/L", 50.0), ("HbA1c", "26", "mmol/mol", 42.0)]
    assert read.not_read == []
    # typed text is never respelled: a name the catalogue does not have is no test's
    assert [line.printed_name for line, _, _ in read_anywhere(lines[1:]).results] == ["Albumin"]
