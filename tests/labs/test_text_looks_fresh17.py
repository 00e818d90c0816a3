"""Text looks first met in the seventeenth blind set, each read by a general rule that extends what the
readers already do: a GP system's pathology message with each result's Read code in a column of its own
(`columns` heading roles); a clinician's message giving several results a sentence, parted by ";",
with "flagged High" inside a range's bracket (`free_text.unwrap_messages`, `columns.unlabel`); a
database's expanded display, one "field | value" line a field (`free_text.join_records`); and a grid
of results side by side over a line of their "Reference: ..." ranges (`columns.split_stacked_pairs`).
On the code before, every result of each was "not read" or read without its flag."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

READ_CODES = (
    "Report     : Final      Sample taken 11-Mar-2024 09:20\n"
    "Filed by   : Dr E. Holloway 12-Mar-2024   Action: No further action - routine\n\n"
    "Test                         Result  Units          Range         Read code\n"
    "Haematocrit                    0.51  L/L            0.4 - 0.52    44D1.\n"
    "HbA1c                            26  mmol/mol       < 42          43B5.\n"
    "Urine protein              Negative                 Negative      43D5.\n"
    "Serum creatinine                 32  umol/L         59 - 104      42I7.\n")


def test_a_read_code_column_holds_no_part_of_the_result():
    got = _got(read_report_text(READ_CODES))
    assert got == {"Haematocrit": ("0.51", "L/L", 0.4, 0.52, None), "HbA1c": ("26", "mmol/mol", None, 42, None),
                   "Urine protein": ("Negative", None, None, None, None),
                   "Serum creatinine": ("32", "umol/L", 59, 104, None)}


def test_a_snomed_code_column_holds_no_part_of_the_result():
    got = _got(read_report_text("Test   Result   Units   Range   SNOMED CT\n"
                                "Sodium   140   mmol/L   133 - 146   1000661000000107\n"
                                "Urea   5.0   mmol/L   2.5 - 7.8   1000621000000104\n"))
    assert got == {"Sodium": ("140", "mmol/L", 133, 146, None), "Urea": ("5.0", "mmol/L", 2.5, 7.8, None)}


MESSAGE = (
    "Hi Sam,\n\nYour blood tests from 03/12/2024 are back.\n\n"
    "Most of your results are in the normal range: Sodium 140 mmol/L (normal 136 to 145); AST 19 U/L "
    "(normal 10 to 40); and HDL Cholesterol 70 mg/dL (normal above 40).\n"
    "Also normal: CRP 3.7 mg/L (normal below 8); MCV 94.5 fL (normal 80 to 100); and Triglycerides 142 mg/dL "
    "(normal below 150).\n"
    "A few results are outside the normal range: Ferritin 25 ng/mL (normal 38 to 380, flagged Low); Urine Protein "
    "Positive (normal Negative, flagged Abnormal); Potassium 6.7 mmol/L (normal 3.5 to 5.1, flagged Critical High); "
    "and INR 1.3 (normal 0.9 to 1.1, flagged High).\n\n"
    "Your blood pressure at the visit was 124/77.\n"
    "If you have questions, call the clinic at 555-0142.\n")


def test_a_messages_every_sentence_of_results_is_parted_and_its_flags_in_words_count():
    got = _got(read_report_text(MESSAGE))
    assert got == {"Sodium": ("140", "mmol/L", 136, 145, None), "AST": ("19", "U/L", 10, 40, None),
                   "HDL Cholesterol": ("70", "mg/dL", 40, None, None), "CRP": ("3.7", "mg/L", None, 8, None),
                   "MCV": ("94.5", "fL", 80, 100, None), "Triglycerides": ("142", "mg/dL", None, 150, None),
                   "Ferritin": ("25", "ng/mL", 38, 380, "Low"),
                   "Urine Protein": ("Positive", None, None, None, "Abnormal"),
                   "Potassium": ("6.7", "mmol/L", 3.5, 5.1, "Critical High"), "INR": ("1.3", None, 0.9, 1.1, "High")}


EXPANDED = (
    "results for mrn 44503047\n\n"
    "-[ RECORD 1 ]-+------------------------\n"
    "accession | A51-5936075\ncollected | 2024-03-12 08:08:00\ntest_name | Hemoglobin\nresult    | 9.1\n"
    "units     | g/dl\nref_range | 13.2-17.1\nabn_flag  | L\n"
    "-[ RECORD 2 ]-+------------------------\n"
    "accession | A51-5936075\ncollected | 2024-03-12 07:06:00\ntest_name | WBC\nresult    | 4.4\n"
    "units     | x10E3/uL\nref_range | 3.8-10.8\nabn_flag  |\n\n(2 rows)\n")


def test_an_expanded_displays_records_are_read_with_their_flags():
    got = _got(read_report_text(EXPANDED))
    assert got == {"Hemoglobin": ("9.1", "g/dl", 13.2, 17.1, "L"), "WBC": ("4.4", "x10E3/uL", 3.8, 10.8, None)}


GRID = (
    "Specimen received 12/03/2024 10:40 Report date 12/03/2024\n"
    "PSA   4.0 ug/L   LDL cholesterol   4.2 mmol/l\n"
    "Reference: <4   Reference: <3\n"
    "Serum ferritin   438 ug/L   Urine protein   Positive\n"
    "Reference: 30 - 400   Reference: Negative\n"
    "eGFR   35 mL/min/1.73m2   WBC   2.4 x10^9/L\n"
    "Reference: >60   Reference: 4 - 11\n"
    "Reference ranges apply to adults. Results read across, left to right.\n")


def test_results_side_by_side_over_their_labelled_ranges_are_each_given_theirs():
    got = _got(read_report_text(GRID))
    assert got == {"PSA": ("4.0", "ug/L", None, 4, None), "LDL cholesterol": ("4.2", "mmol/l", None, 3, None),
                   "Serum ferritin": ("438", "ug/L", 30, 400, None),
                   "Urine protein": ("Positive", None, None, None, None),
                   "eGFR": ("35", "mL/min/1.73m2", 60, None, None), "WBC": ("2.4", "x10^9/L", 4, 11, None)}


def test_a_side_by_side_line_whose_names_and_ranges_do_not_pair_up_is_not_read():
    read = read_report_text("PSA   4.0 ug/L   LDL cholesterol   4.2 mmol/l\nReference: <4   Reference: <3   Reference: <5\n"
                            "Sodium   140 mmol/L   133 - 146\n")
    assert set(_got(read)) == {"Sodium"}


def test_a_flag_worded_alone_in_its_bracket_counts():
    got = _got(read_report_text("Potassium 5.9 mmol/L (3.5-5.1) (flagged High)\nSodium 130 mmol/L (normal 135 to 145, "
                                "flagged as low)\nChloride 100 mmol/L (98-107)\nCalcium 2.9 mmol/L (normal 2.2 to 2.6, flagged H)\n"))
    assert (got["Potassium"][-1], got["Sodium"][-1], got["Chloride"][-1], got["Calcium"][-1]) == ("High", "low", None, "H")
