"""Reading result lines from text: range forms, flags, columns, what is not read, and privacy."""

from __future__ import annotations

import pytest

from healthlib.readers.labs.privacy import identifies_someone, scrub
from healthlib.readers.labs.report_text import read_text

from .corpus import make_report, score


def one(line: str):
    read = read_text(line)
    assert read.not_read == [], read.not_read
    assert len(read.lines) == 1, read.lines
    return read.lines[0]


@pytest.mark.parametrize(("line", "low", "high", "range_text"), [
    ("Potassium 4.1 mmol/L 3.5-5.1", 3.5, 5.1, "3.5-5.1"),
    ("Potassium 4.1 mmol/L 3.5 - 5.1", 3.5, 5.1, "3.5 - 5.1"),
    ("Haemoglobin 131 g/L (115 - 165)", 115, 165, "(115 - 165)"),
    ("eGFR 85 mL/min/1.73m2 > OR = 60", 60, None, "> OR = 60"),
    ("eGFR 85 mL/min/1.73m2 >=60", 60, None, ">=60"),
    ("Cholesterol 180 mg/dL <200", None, 200, "<200"),
    ("HbA1c 5.4 % < 5.7", None, 5.7, "< 5.7"),
    ("Sodium 140 mmol/L [133-146]", 133, 146, "[133-146]"),
    ("Urea 5.0 mmol/L 2.5 to 7.8", 2.5, 7.8, "2.5 to 7.8"),
])
def test_range_forms(line, low, high, range_text):
    result = one(line)
    assert (result.range_low, result.range_high, result.range_text) == (low, high, range_text)


@pytest.mark.parametrize(("line", "flag"), [
    ("Glucose 105 H mg/dL 70-99", "H"), ("Glucose 60 mg/dL 70-99 L", "L"),
    ("Potassium 6.8 mmol/L 3.5-5.1 HH", "HH"), ("Potassium 2.4 LL mmol/L 3.5-5.1", "LL"),
    ("WBC 11.5 10*3/uL 4.0-11.0 *", "*"), ("Urine protein Positive Negative A", "A"),
    ("LDL 150 mg/dL <100 High", "High"), ("HDL 30 mg/dL >=40 Low", "Low"), ("Glucose 105H mg/dL 70-99", "H"),
])
def test_flags(line, flag):
    assert one(line).flag == flag


@pytest.mark.parametrize(("line", "value", "value_text"), [
    ("PSA, Total <0.1 ng/mL <4.0", 0.1, "<0.1"), ("eGFR >90 mL/min/1.73m2 >=60", 90, ">90"),
    ("Urine protein Negative Negative", None, "Negative"), ("Platelets 1,250 x10^9/L 150-400", 1250, "1,250"),
])
def test_values(line, value, value_text):
    result = one(line)
    assert (result.value, result.value_text) == (value, value_text)


def test_table_fixed_width_and_names_with_numbers():
    read = read_text("Test              Result   Flag   Units      Reference Range\n"
                     "Glucose, 2 hr     140      H      mg/dL      70-139\n"
                     "25-OH Vitamin D   75              nmol/L     50-125\n"
                     "Vitamin B12       350             pg/mL      200-900\n"
                     "Sodium (mmol/L)   140                        133-146\n")
    assert [(x.printed_name, x.value_text, x.unit) for x in read.lines] == [
        ("Glucose, 2 hr", "140", "mg/dL"), ("25-OH Vitamin D", "75", "nmol/L"),
        ("Vitamin B12", "350", "pg/mL"), ("Sodium", "140", "mmol/L")]


def test_two_results_side_by_side():
    read = read_text("Sodium      140  mmol/L  133-146        Urea      5.2  mmol/L  2.5-7.8")
    assert [(x.printed_name, x.value, x.range_high) for x in read.lines] == [("Sodium", 140, 146), ("Urea", 5.2, 7.8)]


def test_garbled_lines_are_not_read_never_guessed():
    read = read_text("Potass1um  5.A mmo1/L 3.5-5.l\nSodium 140 mmol/L 146-133\nCreatinine 1.1 mg/dL 0.6-1.3")
    assert [x.printed_name for x in read.lines] == ["Creatinine"]
    assert read.not_read == ["Potass1um 5.A mmo1/L 3.5-5.l", "Sodium 140 mmol/L 146-133"]


def test_a_row_split_in_two_is_not_read_as_a_test_named_by_its_unit():
    # pasted text: the tail wrapped onto the next line is the rest of the result above (it has no name)
    read = read_text("Bilirubin 11\numol/L [<21]")
    assert [(x.printed_name, x.unit, x.range_high) for x in read.lines] == [("Bilirubin", "umol/L", 21.0)]
    assert read.not_read == []


def test_headers_footers_and_prose_are_ignored():
    read = read_text("Comprehensive Metabolic Panel\nTest Result Units Range\nPage 1 of 2\n"
                     "Please fast for 12 hours before the test.")
    assert read.lines == [] and read.not_read == []


@pytest.mark.parametrize("line", [
    "Patient: John Smith", "Name: SMITH, John", "DOB: 01/02/1960", "Date of birth 12 Mar 1961",
    "MRN: 12345678", "NHS No: 943 476 5919", "Hospital number A1234567", "Address: 12 Elm Street, Leeds LS1 4AB",
    "Phone: 555-123-4567", "Tel 020 7946 0958", "Collected: 2024-03-01 08:15", "SMITH JOHN 943 476 5919",
    "ID 32356928", "No. 4471902", "PID A1234567", "32356928", "Lab # 40740718",
    # a footer whose page number OCR was unsure of, with the reporting doctor and the patient (fresh9-tune)
    "Dr. S. Menon, MD (Pathology) Tomasz Fitzgerald | Page \u2047 of 1", "Reviewed by Prof. Ann Lee",
])
def test_identifying_lines_are_dropped(line):
    assert identifies_someone(line)
    assert read_text(line + "\nSodium 140 mmol/L 136-145").model_dump_json().count("Sodium") == 1
    assert read_text(line).model_dump() == read_text("").model_dump()


@pytest.mark.parametrize("line", ["Sex hormone binding globulin 45 nmol/L 18-54", "MCHC 33.5 g/dL 31.5-35.7",
                                  "Platelets 250 x10^9/L 150-400", "Albumin 40 g/L 35-50"])
def test_results_are_not_mistaken_for_identifiers(line):
    assert not identifies_someone(line)
    assert len(read_text(line).lines) == 1


def test_a_record_number_on_a_thermal_slip_never_becomes_a_result():
    """A clinic slip prints the record number under a bare "ID" (fresh5's leak): never a result, never echoed."""
    for line in ("ID 32356928", "REF 99885", "Acc 4177434", "XK 41774"):
        read = read_text(f"{line}\nSodium 140 mmol/L 136-145")
        dumped = read.model_dump_json()
        assert [r.printed_name for r in read.lines] == ["Sodium"], read.lines
        assert line.split()[1] not in dumped


def test_scrub_removes_identifier_digits():
    assert scrub("Ref 20240301-99812 Potassium 5.A") == "Ref Potassium 5.A"


@pytest.mark.parametrize("variant", ["tuned", "heldout"])
def test_portal_copy_paste_read_exactly_without_the_person(variant):
    for seed in range(3):
        report = make_report("portal-text", seed, variant)
        s = score(report, read_text(report.data.decode()))
        assert s.exact == s.total, s.misses
        assert s.flags == s.total
        assert s.leaked == []


def test_ocr_lines_whose_flag_contradicts_their_range_are_not_read():
    from healthlib.readers.labs.report_text import read_lines

    lines = ["Potassium 42 mmol/L 3.5-5.1", "Sodium 150 H mmol/L 136-145", "Glucose 90 L mg/dL 70-99",
             "Calcium 9.1 mg/dL 8.6-10.3", "PSA <0.1 ng/mL <4.0"]
    read = read_lines(lines, source_kind="image", check_flags=True)
    assert [x.printed_name for x in read.lines] == ["Sodium", "Calcium", "PSA"]
    assert read.not_read == ["Potassium 42 mmol/L 3.5-5.1", "Glucose 90 L mg/dL 70-99"]
    # text too (`page_checks`): a flag on the wrong side or an impossible value may be a neighbour's
    # piece on a layout the reader misjudged; a value the report left unflagged is still read
    assert [x.printed_name for x in read_lines(lines).lines] == ["Sodium", "Calcium", "PSA"]
    assert len(read_lines(["Potassium 5.6 mmol/L 3.5-5.1", "Sodium 140 H mmol/L 136-145"]).lines) == 1
    # a report that flags nothing (UK style) is not judged by its missing flags
    assert len(read_lines(["Potassium 5.6 mmol/L 3.5-5.1"], check_flags=True).lines) == 1


def test_a_dated_row_under_a_name_no_test_has_is_not_read_never_dropped():
    from healthlib.readers.labs.report_text import read_lines

    # a code, the day the sample was taken and a result: the date once made the whole row vanish
    lines = ["Potassium   4.1   mmol/L   3.5-5.1", "44TG.   12-Mar-2024   7.2   mmol/L",
             "Zinc protoporphyrin   12/03/2024   54   umol/mol   0-70"]
    for ocr in (False, True):
        read = read_lines(lines, source_kind="image" if ocr else "text", check_flags=ocr)
        assert [x.printed_name for x in read.lines] == ["Potassium"]
        assert read.not_read == ["44TG. 7.2 mmol/L", "Zinc protoporphyrin 54 umol/mol 0-70"]  # no date echoed
    # a date beside no result, and the person's own dated lines, are still no result
    read = read_lines(["Collected   12/03/2024 09:47", "DOB: 12/03/1960   Age 64 y", "Potassium 4.1 mmol/L 3.5-5.1"])
    assert read.not_read == []


def test_a_units_caret_ocr_read_as_an_a_is_put_right_against_the_rows_own_test():
    from healthlib.readers.labs.report_text import read_lines

    read = read_lines(["Platelets   114   x10A9/L   150 - 400", "Albumin   40   g/L   35 - 50"],
                      source_kind="image", check_flags=True)
    assert [(x.printed_name, x.unit) for x in read.lines] == [("Platelets", "x10^9/L"), ("Albumin", "g/L")]
    # only a unit the row's own test is reported in: albumin is never "x10^9/L"
    assert read_lines(["Albumin   40   x10A9/L   35 - 50"], source_kind="image", check_flags=True).lines == []
