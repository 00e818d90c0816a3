"""Text looks first met in the eleventh blind set, each read by a general rule: a range given as its
named limits ("Low: 10 High: 40"), units in a result column's heading ("Result (mmol/L)"), ranges
listed apart under "REFERENCE RANGES", a label printer's "K=4.2", test names wrapped onto two lines,
and results exported as JSON or YAML records. On the code before, each read results without the
range or unit the report printed (wrong reads), read range lines and time stamps as results, or read
a wrapped "LDL / cholesterol" as total cholesterol."""

from __future__ import annotations

from healthlib.library.labs import explain_lab_report
from healthlib.readers.labs.report import read_report_text
from healthlib.readers.labs.report_text import read_lines


def _got(read) -> dict:
    return {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}


def test_a_range_given_as_named_limits_is_that_range():
    read = read_report_text(
        "Test   Result   Flag   Units   Reference (Low / High)\n"
        "AST (SGOT)   29      U/L   Low: 10 High: 40\n"
        "Chloride   54   L   mmol/L   Low: 98 High: 107\n"
        "eGFR   >90      mL/min/1.73m2   Low: 60\n"
        "Cholesterol, Total   144      mg/dL   High: 200\n")
    assert _got(read) == {"AST (SGOT)": ("29", "U/L", 10.0, 40.0, None), "Chloride": ("54", "mmol/L", 98.0, 107.0, "L"),
                          "eGFR": (">90", "mL/min/1.73m2", 60.0, None, None),
                          "Cholesterol, Total": ("144", "mg/dL", None, 200.0, None)}


def test_one_limit_without_a_colon_is_never_taken_for_a_range():
    from healthlib.readers.labs.range_forms import named_limits

    assert named_limits("LDL   150   mg/dL   High 200") == "LDL   150   mg/dL   High 200"  # may be a flag
    assert named_limits("LDL   150   mg/dL   High: 200") == "LDL   150   mg/dL   <=200"


def test_units_given_in_the_result_columns_heading_belong_to_each_row_under_it():
    read = read_report_text(
        "Test   Result (mmol/L)   Reference range   Flag\n"
        "Chloride   99   98 - 107\n"
        "Sodium   106   136 - 145   LOW\n"
        "Test   Result (mg/dL)   Reference range   Flag\n"
        "Glucose, Fasting   83   70 - 99\n")
    assert _got(read) == {"Chloride": ("99", "mmol/L", 98.0, 107.0, None),
                          "Sodium": ("106", "mmol/L", 136.0, 145.0, "LOW"),
                          "Glucose, Fasting": ("83", "mg/dL", 70.0, 99.0, None)}


SLIP = """CHEM8 CARTRIDGE RESULT
12-MAR-24 09:47 Op 2231
------------------------------
K     6.4 mmol/L   H
PSA   5.5 ng/mL  H
eGFR  >90 mL/min/1.73m2
------------------------------
REFERENCE RANGES
K   3.5-5.1
PSA <4
eGFR >60
------------------------------
Sample: venous Temp 37.0 C
"""


def test_ranges_listed_apart_go_to_their_rows_and_are_never_results_of_their_own():
    read = read_report_text(SLIP)
    assert _got(read) == {"K": ("6.4", "mmol/L", 3.5, 5.1, "H"), "PSA": ("5.5", "ng/mL", None, 4.0, "H"),
                          "eGFR": (">90", "mL/min/1.73m2", 60.0, None, None)}
    assert explain_lab_report(read).urgent  # potassium 6.4 mmol/L
    # before: "PSA <4" and "eGFR >60" were read as second results, the time stamp as a result


def test_a_listed_range_no_row_fits_is_not_read():
    read = read_report_text(SLIP.replace("K   3.5-5.1", "Na  135-145"))
    assert "Na 135-145" in read.not_read
    assert all(r.printed_name != "Na" for r in read.lines)


def test_a_label_printers_name_equals_value_is_read():
    read = read_report_text("POC LAB LABEL #2254\nALT=89 u/l (7-56) H\nTRIG=104 mg/dl (<150)\n")
    assert _got(read) == {"ALT": ("89", "u/l", 7.0, 56.0, "H"), "TRIG": ("104", "mg/dl", None, 150.0, None)}


def test_a_test_name_wrapped_onto_two_lines_is_read_whole_never_as_another_test():
    read = read_report_text(
        "Test        Result Range     Units\n"
        "Chloride       89 [95-108]   mmol/L\n"
        "LDL\n"
        "cholesterol   2.9 [<3]       mmol/L\n"
        "White cell\n"
        "count         14.7 [4-11]    x10^9/L\n"
        "Serum\n"
        "potassium     3.9 [3.5-5.3]  mmol/L\n")
    assert _got(read) == {"Chloride": ("89", "mmol/L", 95.0, 108.0, None),
                          "LDL cholesterol": ("2.9", "mmol/L", None, 3.0, None),
                          "White cell count": ("14.7", "x10^9/L", 4.0, 11.0, None),
                          "Serum potassium": ("3.9", "mmol/L", 3.5, 5.3, None)}


def test_a_section_heading_above_a_row_is_not_part_of_its_name():
    from healthlib.readers.labs.report_text import join_wrapped_names

    lines = ["Chemistry", "Potassium   4.1 mmol/L   3.5-5.1"]
    assert join_wrapped_names(lines) == lines
    # nor a label under a test's name ("Potassium" then "Value: 7.2 mmol/L": read by the labelled forms)
    lines = ["Potassium", "Value: 7.2 mmol/L (High)", "Normal range: 3.5 to 5.1 mmol/L"]
    assert join_wrapped_names(lines) == lines
    # nor the range line of the row above ("(44-147)" then "INR 5.4 HI": brackets are no name)
    lines = ["ALP 44 U/L", "    (44-147)", "INR 5.4       HI", "    (0.9-1.1)"]
    assert join_wrapped_names(lines) == lines


JSON_EXPORT = """{
  "app": "PocketChart",
  "patient": {"fullName": "Mateo Patel", "birthDate": "25/08/1938", "mrn": "25137562"},
  "labs": [
    {"name": "Calcium", "result": "5.1", "units": "mg/dL", "refRange": "8.6 - 10.3", "abnormal": "Low",
     "collected": "2024-03-12T07:55"},
    {"name": "Urine Protein", "result": "Trace", "units": null, "refRange": "Negative", "abnormal": true},
    {"name": "Potassium", "result": "4.6", "units": "mmol/l", "refRange": "3.5 - 5.1", "abnormal": null}
  ]
}"""

YAML_EXPORT = """# exported by MyHealthFolder 4.2
patient:
  name: Priya Patel
  dob: "04/09/1964"
results:
  - test: Hemoglobin
    value: 15.7
    unit: g/dL
    range:
      low: 13.2
      high: 17.1
  - test: Hemoglobin A1c
    value: 6.1
    unit: %
    range:
      high: 5.7
    flag: H
  - test: eGFR
    value: ">90"
    unit: mL/min/1.73m2
    range:
      low: 60
"""


def test_records_exported_as_json_are_read_and_the_person_never_is():
    read = read_report_text(JSON_EXPORT)
    assert _got(read) == {"Calcium": ("5.1", "mg/dL", 8.6, 10.3, "Low"), "Urine Protein": ("Trace", None, None, None, "A"),
                          "Potassium": ("4.6", "mmol/l", 3.5, 5.1, None)}
    dumped = read.model_dump_json()
    assert "Mateo" not in dumped and "25137562" not in dumped


def test_records_exported_as_yaml_are_read_with_their_limits_as_the_range():
    read = read_report_text(YAML_EXPORT)
    assert _got(read) == {"Hemoglobin": ("15.7", "g/dL", 13.2, 17.1, None), "Hemoglobin A1c": ("6.1", "%", None, 5.7, "H"),
                          "eGFR": (">90", "mL/min/1.73m2", 60.0, None, None)}
    assert "Priya" not in read.model_dump_json()


def test_a_record_whose_value_is_not_one_thing_is_not_read():
    from healthlib.readers.labs.records import read_records

    lines = ['{"labs": [{"name": "Sodium", "result": [140, 138], "units": "mmol/L", "refRange": "135-145"}]}']
    assert read_records(lines)[0].startswith("\x00")


def test_a_row_read_under_a_heading_run_into_its_name_gives_way_to_the_tests_own_name():
    from healthlib.model.lab_report import ReadReport, ReportLine
    from healthlib.readers.labs.anywhere import fill_in

    lines = ["ENDOCRINOLOGY AND OTHER", "Serum sodium   136   mmol/L   133-146", "Potassium   4.1   mmol/L   3.5-5.1"]
    figures = {"value": 136.0, "value_text": "136", "unit": "mmol/L", "range_low": 133.0, "range_high": 146.0,
               "range_text": "133-146"}
    report = ReadReport(lines=[ReportLine(printed_name="ENDOCRINOLOGY AND OTHER Serum sodium", **figures),
                               ReportLine(printed_name="Potassium", value=4.1, value_text="4.1", unit="mmol/L",
                                          range_low=3.5, range_high=5.1, range_text="3.5-5.1")])
    fill_in(report, lines)
    assert sorted(r.printed_name for r in report.lines) == ["Potassium", "Serum sodium"]


def test_a_row_read_under_a_tests_whole_name_is_never_read_again_as_another_test():
    from healthlib.model.lab_report import ReadReport, ReportLine
    from healthlib.readers.labs.anywhere import fill_in

    lines = ["LDL", "cholesterol   2.9 [<3]   mmol/L"]
    report = ReadReport(lines=[ReportLine(printed_name="LDL cholesterol", value=2.9, value_text="2.9", unit="mmol/L",
                                          range_high=3.0, range_text="<3")])
    fill_in(report, lines)  # before: "cholesterol" was added, read as total cholesterol
    assert [r.printed_name for r in report.lines] == ["LDL cholesterol"]


def test_a_photos_heading_line_with_specks_at_its_ends_still_gives_its_rows_its_unit():
    """OCR of a photo leaves specks at a heading line's ends ("fg   Test   Result (mg/dL) ...",
    "...   Flag   \\   ⁇"): the line is still the next block's heading. Before, the unit of the
    block above ("pg/ml") was given to C-reactive protein under it: a wrong unit."""
    lines = ["Test   Result (pg/ml)   Reference range   Flag", "Vitamin B12   557   200 - 1100",
             "Test   Result (mg/L)   Reference range   Flag   \\   \u2047", "C-Reactive Protein   5.5   <=8",
             "fg   Test   Result (mg/dL)   Reference range   Flag", "Glucose   43   70 - 99   LOW"]
    read = {r.printed_name: r.unit for r in read_lines(lines, source_kind="image", check_flags=True).lines}
    assert read == {"Vitamin B12": "pg/ml", "C-Reactive Protein": "mg/L", "Glucose": "mg/dL"}


def test_a_heading_line_not_read_ends_the_unit_of_the_block_above():
    """A "Result (mg/L)" heading OCR garbled in its middle is no heading the reader knows; its rows
    are not given the unit of the block above it (they are read with none, or not at all)."""
    lines = ["Test   Result (pg/ml)   Reference range   Flag", "Vitamin B12   557   200 - 1100",
             "Test   Result (mg/L)   Refer#nce ra!ge   Flag", "C-Reactive Protein   5.5   <=8"]
    read = {r.printed_name: r.unit for r in read_lines(lines, source_kind="image", check_flags=True).lines}
    assert read.get("C-Reactive Protein") != "pg/ml"


def test_the_fallback_takes_no_unit_from_the_next_tables_heading():
    """A row the table reader leaves (a pen's tick in a cell before the name) is found by the
    fallback; the "Result (ng/mL)" of the heading line under it is not its unit (CRP read in ng/mL)."""
    lines = ["Test   Result (mg/L)   Reference range   Flag", "v   C-Reactive Protein   8.0   <=8",
             "Test   Result (ng/mL)   Reference range   Flag", "PSA, Total   2.9   <=4"]
    read = {r.printed_name: r.unit for r in read_lines(lines, source_kind="pdf", check_flags=True).lines}
    assert read.get("C-Reactive Protein") != "ng/mL"
    assert read["PSA, Total"] == "ng/mL"


def test_a_name_the_fallback_reads_inside_a_pens_circle_is_put_right():
    """"<Albumin>": a pen's circle round the name, read by the fallback ("Low: 3.5 High: 5" limits),
    is named as the catalogue names it, as the table reader's names are."""
    lines = ["Test   Result   Flag   Units   Reference (Low / High)", "<Albumin>   2.4   L   g/dL   Low: 3.5 High: 5",
             "Platelets>   17   LL   x10e3/ul   Low: 140 High: 400"]
    names = {r.printed_name for r in read_lines(lines, source_kind="pdf", check_flags=True).lines}
    assert names == {"Albumin", "Platelets"}
