"""Text looks first met in the eighteenth set's tuning look-alike, each read by a general rule that
extends what the readers already do: an insurance claim's attachment whose table holds billing columns
(a procedure code, the date of service, the amount billed: `columns` heading roles); a unit run into
its range with the range's sign spaced ("mL/min/1.73m2 > 60"); a trend word column between value and
range, and headings printed once over each of two tables side by side (`columns.apply_headings`); a
database dump's INSERT rows (`records`); and a chat assistant's transcript, each result in a message
with its range in a sentence of its own (`free_text.unprefix_messages`, `letter`). On the code before,
every result of each was "not read" or dropped."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

CLAIM = (
    "SUPPORTING DOCUMENTATION - LAB SERVICES\n"
    "Member: Jon Example   Member ID: Q12345678   Claim: 88-4410\n"
    "HCPCS   Service date   Analyte   Result   Flag   Units   Reference   Charge\n"
    "82947   04/02/2024   Glucose   141   H   mg/dL   70 - 99   $9.10\n"
    "84132   04/02/2024   Potassium   4.2      mmol/L   3.5 - 5.1   $12.00\n"
    "82565   04/02/2024   Creatinine   0.9      mg/dL   0.6 - 1.3   $7.40\n"
    "Total billed: $28.50\n")


def test_a_claims_billing_columns_hold_no_part_of_the_result():
    got = _got(read_report_text(CLAIM))
    assert got == {"Glucose": ("141", "mg/dL", 70, 99, "H"), "Potassium": ("4.2", "mmol/L", 3.5, 5.1, None),
                   "Creatinine": ("0.9", "mg/dL", 0.6, 1.3, None)}


def test_the_cpt_dos_and_billed_headings_are_billing_columns():
    got = _got(read_report_text(
        "CPT   DOS   Test   Result   Units   Ref. interval   Billed\n"
        "85018   05/01/2024   Hemoglobin   13.1   g/dL   13.2 - 17.1   $6.00\n"
        "84443   05/01/2024   TSH   1.20   mIU/L   0.4 - 4.5   $21.75\n"))
    assert got == {"Hemoglobin": ("13.1", "g/dL", 13.2, 17.1, None), "TSH": ("1.20", "mIU/L", 0.4, 4.5, None)}


def test_a_long_unit_run_into_a_range_whose_sign_is_spaced():
    got = _got(read_report_text(
        "Code   Test   Result   Units   Range\n"
        "X1   eGFR   78   mL/min/1.73m2 > 59\n"
        "X2   Sodium   139   mmol/L   136 - 145\n"))
    assert got == {"eGFR": ("78", "mL/min/1.73m2", 59, None, None), "Sodium": ("139", "mmol/L", 136, 145, None)}


TRENDS = (
    "Test   Result   Trend   Range\n"
    "Ferritin   22 ug/L   falling   30 - 400\n"
    "Haemoglobin   141 g/L   steady 130 - 170\n"
    "CRP   12 mg/L   rising   <5\n"
    "Urine protein   Negative   steady   Negative\n")


def test_a_trend_column_between_value_and_range_holds_no_part_of_the_result():
    got = _got(read_report_text(TRENDS))
    assert got == {"Ferritin": ("22", "ug/L", 30, 400, None), "Haemoglobin": ("141", "g/L", 130, 170, None),
                   "CRP": ("12", "mg/L", None, 5, None), "Urine protein": ("Negative", None, None, None, None)}
    assert not any("rising" in line or "falling" in line for line in read_report_text(TRENDS).not_read)


def test_headings_printed_over_two_tables_side_by_side_head_rows_parted_one_a_line():
    got = _got(read_report_text(
        "Test   Result   Trend   Range   Test   Result   Trend   Range\n"
        "Ferritin   22 ug/L   falling   30 - 400\n"
        "CRP   12 mg/L   rising   <5\n"))
    assert got == {"Ferritin": ("22", "ug/L", 30, 400, None), "CRP": ("12", "mg/L", None, 5, None)}


def test_a_word_run_into_a_range_is_parted_only_when_other_rows_print_it_on_its_own():
    """A label the range's cell prints ("Child 5 - 20"), in a row lacking its trend, is no trend word:
    the row is not read, rather than read with the range of another age."""
    read = read_report_text("Test   Result   Trend   Range\n"
                            "ALT   30 U/L   Child 5 - 20\n"
                            "AST   22 U/L   steady   10 - 40\n")
    assert _got(read) == {"AST": ("22", "U/L", 10, 40, None)}
    assert any(line.startswith("ALT") for line in read.not_read)


SQL = (
    "-- export of results\n"
    "-- patient: Jane Example, dob 01/02/1960, mrn 55512345\n"
    "INSERT INTO results (row_id, mrn, taken_at, analyte, result, units, ref_low, ref_high, ref_text, flag) VALUES\n"
    "  (9001, '55512345', '2024-05-01 08:00:00', 'Sodium', '128', 'mmol/L', 135, 145, NULL, 'Low'),\n"
    "  (9002, '55512345', '2024-05-01 08:00:00', 'PSA, Total', '1.2', 'ng/mL', NULL, 4, NULL, NULL),\n"
    "  (9003, '55512345', '2024-05-01 08:00:00', 'Urine Protein', 'Negative', NULL, NULL, NULL, 'Negative', NULL);\n")


def test_a_database_dumps_insert_rows_are_records_under_their_columns():
    read = read_report_text(SQL)
    assert _got(read) == {"Sodium": ("128", "mmol/L", 135, 145, "Low"), "PSA, Total": ("1.2", "ng/mL", None, 4, None),
                          "Urine Protein": ("Negative", None, None, None, None)}
    printed = " ".join([*(f"{r.printed_name} {r.value_text}" for r in read.lines), *read.not_read])
    assert "55512345" not in printed and "Jane" not in printed and "9001" not in printed


def test_insert_rows_without_columns_take_them_from_the_tables_create_statement():
    got = _got(read_report_text(
        "CREATE TABLE lab (id INTEGER PRIMARY KEY, test_name TEXT, value TEXT, unit TEXT, range TEXT,\n"
        "  PRIMARY KEY (id));\n"
        "INSERT INTO lab VALUES (1, 'Potassium', '5.9', 'mmol/L', '3.5-5.1');\n"
        "INSERT INTO lab VALUES (2, 'Calcium', '9.4', 'mg/dL', '8.6-10.3');\n"))
    assert got == {"Potassium": ("5.9", "mmol/L", 3.5, 5.1, None), "Calcium": ("9.4", "mg/dL", 8.6, 10.3, None)}


CHAT = (
    "Conversation with the clinic assistant - 05/02/2024\n\n"
    "[10:02 AM] Me: what were my results?\n"
    "[10:03 AM] Helper bot: Your Potassium was 5.9 mmol/L. The reference range is 3.5 to 5.1 mmol/L, so it is "
    "flagged High.\n"
    "[10:03 AM] Helper bot: Your LDL Cholesterol was 88 mg/dL. The normal range is below 100 mg/dL, so it is in "
    "the normal range.\n"
    "[10:04 AM] Me: and my sodium was 140 last time?\n"
    "[10:04 AM] Helper bot: Your Urine Protein was Positive. The expected result is Negative, so it is flagged "
    "Abnormal.\n"
    "[10:05 AM] Helper bot: Your Glucose was 104 mg/dL. The normal range is 70 to 99 mg/dL, so it is worth a "
    "recheck.\n")


def test_a_chat_assistants_results_with_the_range_in_a_sentence_of_its_own():
    read = read_report_text(CHAT)
    assert _got(read) == {"Potassium": ("5.9", "mmol/L", 3.5, 5.1, "High"),
                          "LDL Cholesterol": ("88", "mg/dL", None, 100, None),
                          "Urine Protein": ("Positive", None, None, None, "Abnormal")}
    # a verdict that is no flag nor "in the normal range" is not guessed: the result is not read
    assert any("Glucose" in line for line in read.not_read)


def test_a_told_results_verdict_in_other_words_is_its_flag():
    got = _got(read_report_text(
        "[09:15] Assistant: Your Ferritin was 12 ng/mL. The normal range is 38 to 380 ng/mL, which is below the "
        "normal range.\n"
        "[09:16] Assistant: Your TSH was 6.1 mIU/L. The reference range is 0.4 to 4.5 mIU/L, so it is high.\n"
        "[09:16] Assistant: Your Calcium was 9.5 mg/dL. The normal range is 8.6 to 10.3 mg/dL, so it is within "
        "normal limits.\n"))
    assert got == {"Ferritin": ("12", "ng/mL", 38, 380, "Low"), "TSH": ("6.1", "mIU/L", 0.4, 4.5, "High"),
                   "Calcium": ("9.5", "mg/dL", 8.6, 10.3, None)}


def test_record_keys_naming_a_ranges_limits_and_a_results_unit():
    got = _got(read_report_text(
        "INSERT INTO obs (analyte, result_value, result_unit, normal_low, normal_high) VALUES\n"
        "  ('Magnesium', '0.62', 'mmol/L', 0.7, 1.0), ('Phosphate', '1.1', 'mmol/L', 0.8, 1.5);\n"))
    assert got == {"Magnesium": ("0.62", "mmol/L", 0.7, 1.0, None), "Phosphate": ("1.1", "mmol/L", 0.8, 1.5, None)}


def test_a_told_range_sentence_without_its_article_and_a_patients_question_is_no_result():
    read = read_report_text(
        "[9:01 AM] You: my glucose was 7.2 mmol/L this morning, is that bad?\n"
        "[9:02 AM] Assistant: Your Hemoglobin is 13.9 g/dL. Normal range is 13.2 to 17.1 g/dL.\n"
        "[9:03 AM] Assistant: Your Potassium was 6.9 mmol/L. The normal range is 3.5 to 5.1 mmol/L, so it is "
        "flagged Critical High.\n")
    assert _got(read) == {"Hemoglobin": ("13.9", "g/dL", 13.2, 17.1, None),
                          "Potassium": ("6.9", "mmol/L", 3.5, 5.1, "Critical High")}
