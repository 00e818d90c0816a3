"""Text looks first met in the tenth blind set, each read by a general rule: a CSV export with one
bound of the range left empty, a hand-filled form whose "Ref" ranges sit under its boxes, a
wellness card's "Healthy range:", a portal table copied as a screen reader speaks it. Each case
failed on the code before it: a result read without the range the report printed (a wrong read),
an address echoed as "not read", a critical value not read and so not urgent."""

from __future__ import annotations

from healthlib.library.labs import explain_lab_report
from healthlib.readers.labs.report import read_report_text


def _by_name(read, name):
    found = [r for r in read.lines if r.printed_name == name]
    assert len(found) == 1, [r.printed_name for r in read.lines]
    return found[0]


def test_csv_range_with_one_bound_left_empty_is_open_on_that_side():
    read = read_report_text(
        "Test,Result,Units,Low,High,Flag\n"
        '"Cholesterol, Total",129,mg/dL,,200,\n'
        "eGFR,88,mL/min/1.73m2,60,,\n"
        "Urine Protein,Positive,,Negative,,Abnormal\n"
        "Glucose,72,mg/dL,70,99,\n")
    cholesterol = _by_name(read, "Cholesterol, Total")
    assert (cholesterol.range_low, cholesterol.range_high) == (None, 200.0)
    egfr = _by_name(read, "eGFR")
    assert (egfr.range_low, egfr.range_high) == (60.0, None)
    protein = _by_name(read, "Urine Protein")
    assert (protein.value_text, protein.range_text, protein.flag) == ("Positive", "Negative", "Abnormal")
    glucose = _by_name(read, "Glucose")
    assert (glucose.range_low, glucose.range_high) == (70.0, 99.0)


FORM = """COMMUNITY HEALTH CHECK - RESULTS FORM
Please write clearly in the boxes. Reference ranges printed under each box.
Address   1 6 8 M a p l e A v e n u e , S p r i n g f i e l d
HDL (mg/dL)   LDL (mg/dL)   K (mmol/L)
7 1   6 0   4.5
Ref >40   Ref <100   Ref 3.5-5.1
VITD (ng/mL)   GLU (mg/dl)   A1C (%)
63   48 L   3.5
Ref 30-100   Ref 70-99   Ref <5.7
AST (U/L)   Hb (g/dL)   Na (mmol/L)
31   103 L
Ref 10-40   Ref 136-145
"""


def test_form_printing_ref_ranges_under_its_boxes_never_reads_a_result_without_its_range():
    read = read_report_text(FORM)
    for result in read.lines:  # before: HDL, LDL, VITD, GLU read with no range at all
        assert result.range_low is not None or result.range_high is not None or result.range_text, result


def test_address_led_by_a_column_gap_is_never_echoed():
    read = read_report_text(FORM)
    dumped = read.model_dump_json()
    assert "M a p l e" not in dumped and "168" not in dumped
    assert all(r.printed_name != "Address" for r in read.lines)


def test_wellness_card_healthy_range_is_the_reports_range_and_a_critical_value_is_urgent():
    read = read_report_text(
        "Know Your Numbers - Workplace Wellness\n"
        "Low   Normal   Borderline   High\n"
        "CREA   0.32 mg/dL   Healthy range: 0.6 - 1.3\n"
        "K   6.7 mmol/L   Healthy range: 3.5 - 5.1\n"
        "eGFR   94 mL/min/1.73m2   Healthy range: >= 60\n")
    potassium = _by_name(read, "K")
    assert (potassium.value_text, potassium.unit, potassium.range_low, potassium.range_high) == \
        ("6.7", "mmol/L", 3.5, 5.1)
    assert (_by_name(read, "eGFR").range_low, _by_name(read, "eGFR").range_high) == (60.0, None)
    assert explain_lab_report(read).urgent


SPOKEN = """Heading level 1: Test results.
Table with 3 rows and 4 columns.
Row 1. Component: Protein, Total. Your value: 6.2 g/dL. Standard range: 6 - 8.3 g/dL.
Row 2. Component: Sodium. Your value: 173 mmol/L. Standard range: 136 - 145 mmol/L. Flag: Critical High.
Row 3. Component: Urine Protein. Your value: Negative. Standard range: Negative.
End of table.
"""


def test_screen_reader_copy_reads_each_row_under_the_tests_own_name():
    read = read_report_text(SPOKEN)
    assert [r.printed_name for r in read.lines] == ["Protein, Total", "Sodium", "Urine Protein"]
    sodium = _by_name(read, "Sodium")
    assert (sodium.value_text, sodium.unit, sodium.range_low, sodium.range_high, sodium.flag) == \
        ("173", "mmol/L", 136.0, 145.0, "Critical High")
    protein = _by_name(read, "Protein, Total")
    assert (protein.value_text, protein.unit, protein.range_low, protein.range_high) == ("6.2", "g/dL", 6.0, 8.3)
    assert explain_lab_report(read).urgent


def test_a_sentence_that_is_not_a_spoken_row_is_left_alone():
    read = read_report_text("Note: Sodium was checked. Comment: repeat in a week.\n")
    assert read.lines == []


HL7 = ("MSH|^~\\&|LAB|HARBORVIEW|EHR|CLINIC|20240312151000||ORU^R01|MSG46383|P|2.5.1\r"
       "PID|1||18844712^^^HVL^MR||CAMPBELL^TOMASZ||19771121|U|||188 Church Lane^^Springfield||555-808-9758\r"
       "OBR|1||227701|PANEL^Routine blood tests^L|||202403120755\r"
       "OBX|1|NM|2345-7^Glucose^LN||135|mg/dL^milligrams per deciliter^UCUM|70-99|H|||F|||202403120755\r"
       "OBX|2|ST|L102^Urine Protein^L||Negative||Negative||||F\r"
       "OBX|3|NM|L104^HDL Cholesterol^L||47|mg/dl|>40|N|||F\r"
       "OBX|4|SN|L105^CRP^L||<^0.5|mg/L|<=8||||F\r"
       "OBX|5|NM|2823-3^Potassium^LN||6.9|mmol/L|3.5-5.1|HH|||F\r"
       "OBX|6|NM|2951-2^Sodium^LN||99|mmol/L|136-145|L|||W\r"
       "NTE|1||Specimen slightly haemolysed\r")


def test_hl7_obx_segments_are_read_by_field_and_the_pid_never_reaches_output():
    read = read_report_text(HL7)
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}
    assert got == {"Glucose": ("135", "mg/dL", 70.0, 99.0, "H"),
                   "Urine Protein": ("Negative", None, None, None, None),
                   "HDL Cholesterol": ("47", "mg/dl", 40.0, None, None),
                   "CRP": ("<0.5", "mg/L", None, 8.0, None),
                   "Potassium": ("6.9", "mmol/L", 3.5, 5.1, "HH")}  # Sodium was posted as wrong (OBX-11 W)
    dumped = read.model_dump_json()
    for secret in ("CAMPBELL", "TOMASZ", "18844712", "19771121", "Church", "555-808", "2345-7", "haemolysed"):
        assert secret not in dumped
    assert explain_lab_report(read).urgent


def test_an_hl7_value_that_is_no_single_number_is_not_read():
    read = read_report_text("MSH|^~\\&|LAB\nOBX|1|SN|L1^Ferritin^L||1^:^128|ng/mL|38-380||||F\n")
    assert read.lines == [] and read.not_read == ["Ferritin"]


LETTER = """Dear Aisha,
Most of your results are within the normal range.
Your ALT was 20 iu/l (normal is below 41). Your bicarbonate was 37 mmol/L (normal range 22 to
29). Your INR was 1.0 (0.8 to 1.2).
Your potassium was 6.8 mmol/L (normal range 3.5 to 5.3). Your urine protein was Negative (normal:
Negative).
Your sodium was 140 mg/dL (normal range 133 to 146). Your previous glucose was 5.1 mmol/L (3 to 6).
Yours sincerely,
"""


def test_letter_sentences_each_naming_one_test_value_unit_and_range_are_read():
    read = read_report_text(LETTER)
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.range_text) for r in read.lines}
    assert got == {"ALT": ("20", "iu/l", None, 41.0, "below 41"),
                   "Bicarbonate": ("37", "mmol/L", 22.0, 29.0, "22 to 29"),
                   "INR": ("1.0", None, 0.8, 1.2, "0.8 to 1.2"),
                   "Potassium": ("6.8", "mmol/L", 3.5, 5.3, "3.5 to 5.3"),
                   "Urine protein": ("Negative", None, None, None, "Negative")}
    # sodium in a unit it is never reported in, and a previous result, are never read
    assert any("sodium" in line.lower() for line in read.not_read)
    assert explain_lab_report(read).urgent


def test_a_result_sentence_sharing_its_line_with_prose_is_not_rewritten():
    from healthlib.readers.labs.letter import read_letter

    lines = ["Thanks for coming in. Your potassium was 4.1 mmol/L (normal range 3.5 to 5.3).", "See you soon."]
    assert read_letter(lines) == lines
    assert read_letter(lines[0].split(". ", 1)[1:] + lines[1:]) == ["Potassium   4.1   mmol/L   3.5 to 5.3",
                                                                    "See you soon."]


def test_a_result_sentence_wrapped_inside_a_test_name_is_read():
    from healthlib.readers.labs.letter import read_letter

    lines = ["Your glucose was 4.0 mmol/l (normal range 3 to 6). Your CRP was 7 mg/L (normal is below 5). Your free",
             "T4 was 15 pmol/L (normal range 12 to 22)."]
    assert read_letter(lines) == ["Glucose   4.0   mmol/l   3 to 6", "CRP   7   mg/L   below 5",
                                  "Free T4   15   pmol/L   12 to 22"]


def test_previous_result_printed_with_its_date_in_one_cell_is_history_never_the_value():
    read = read_report_text(
        "Test   Current Result   Previous Result   Units   Reference\n"
        "and Flag   and Date   Interval\n"
        "AST   9 Low   11 09/14/2023   U/L   10-40\n"
        "Creatinine   1.99 High   1.67 09/14/2023   mg/dL   0.6-1.3\n"
        "CRP   3.3         mg/L   <8\n"
        "Hematocrit   49.5   56.6 09/14/2023   %   38.5-50\n"
        "Urine Protein   Positive   Negative 09/14/2023      Negative\n")
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}
    assert got == {"AST": ("9", "U/L", 10.0, 40.0, "Low"), "Creatinine": ("1.99", "mg/dL", 0.6, 1.3, "High"),
                   "CRP": ("3.3", "mg/L", None, 8.0, None), "Hematocrit": ("49.5", "%", 38.5, 50.0, None),
                   "Urine Protein": ("Positive", None, None, None, None)}
    assert _by_name(read, "Urine Protein").range_text == "Negative"


def test_hand_filled_form_strip_reads_each_box_with_the_range_under_it():
    read = read_report_text(FORM)
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}
    assert got == {"HDL": ("71", "mg/dL", 40.0, None, None), "LDL": ("60", "mg/dL", None, 100.0, None),
                   "K": ("4.5", "mmol/L", 3.5, 5.1, None), "VITD": ("63", "ng/mL", 30.0, 100.0, None),
                   "GLU": ("48", "mg/dl", 70.0, 99.0, "L"), "A1C": ("3.5", "%", None, 5.7, None)}
    # the last strip has an empty box: which one cannot be told, so none of its results is read
    assert "31 103 L" in read.not_read
    assert explain_lab_report(read).urgent  # glucose 48 mg/dL


def test_a_box_holding_two_numbers_is_never_joined_into_one():
    from healthlib.readers.labs.form_grid import read_form_grid

    lines = ["Na (mmol/L)   K (mmol/L)", "98 102   4.1", "Ref 136-145   Ref 3.5-5.1"]
    assert read_form_grid(lines) == lines
