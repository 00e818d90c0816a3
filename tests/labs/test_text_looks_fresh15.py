"""Text looks first met in the fifteenth blind set, each read by a general rule: an ASTM E1394
analyser export pasted as text (read as HL7's OBX segments are, `hl7.read_astm`) and an
entity-attribute-value CSV export, one field a row (its rows of one id a record, `records`). On the
code before, every result of both was "not read"."""

from __future__ import annotations

from healthlib.readers.labs.columns import without_line_numbers
from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

ASTM = (
    "ASTM export copied from the lab's instrument viewer\n"
    "H|\\^&|||cobas-pro^2.1|||||||P|1|20240312145100\n"
    "P|1||17354719||Example^Ann||19600102|F\n"
    "O|1|24C990705||ALL|R||||||N||||SER\n"
    "R|1|^^^CHLO^Chloride|50|mmol/l|98-107|L||F||||20240312094500|cobas-pro\n"
    "R|2|^^^HBA1^HbA1c|4.7|%|<5.7|N||F||||20240312095700|cobas-pro\n"
    "R|3|^^^ALT^ALT|86|U/L|7-56|H||F||||20240312095800|cobas-pro\n"
    "R|4|^^^K^Potassium|3.9|mmol/L|3.5-5.1|N||X||||20240312095800|cobas-pro\n"
    "R|5|^^^NA^Sodium|180|mmol/L|136-145|>||F||||20240312095800|cobas-pro\n"
    "R|6|^^^GLU|98|mg/dL|70-99|N||F\n"
    "C|1|L|free text comment|G\n"
    "L|1|N\n")


def test_an_astm_exports_result_records_are_read_and_its_other_records_never():
    read = read_report_text(ASTM)
    got = _got(read)
    assert got["Chloride"] == ("50", "mmol/l", 98, 107, "L")
    assert got["HbA1c"] == ("4.7", "%", None, 5.7, None)
    assert got["ALT"] == ("86", "U/L", 7, 56, "H")
    assert "Potassium" not in got  # status X: the test could not be done
    assert "Sodium" not in got and any("Sodium" in text for text in read.not_read)  # an off-scale sign: unclear
    assert "GLU" not in got  # a code alone names no test
    assert not any("Ann" in text or "17354719" in text for text in read.not_read)


def test_pipe_lines_without_an_astm_header_are_not_read_as_records():
    read = read_report_text("R|1|^^^NA^Sodium|140|mmol/L|136-145|N||F\nSodium   140   mmol/L   136 - 145")
    assert list(_got(read)) == ["Sodium"]


EAV = ("result_id,attribute,value\n"
       "0,patient_name,Ann Example\n0,mrn,12345678\n"
       "1,test,WBC\n1,value,2.3\n1,unit,x10E3/uL\n1,ref_low,3.8\n1,ref_high,10.8\n1,flag,L\n"
       "2,test,\"Protein, Total\"\n2,value,6.1\n2,unit,g/dL\n2,ref_text,6.0-8.3\n2,flag,\n"
       "3,test,Urine Protein\n3,value,Negative\n3,ref_text,Negative\n"
       "4,test,Sodium\n4,value,140\n4,value,150\n4,unit,mmol/L\n")


def test_an_attribute_per_row_export_is_read_a_record_per_id():
    read = read_report_text(EAV)
    got = _got(read)
    assert got["WBC"] == ("2.3", "x10E3/uL", 3.8, 10.8, "L")
    assert got["Protein, Total"] == ("6.1", "g/dL", 6.0, 8.3, None)
    assert got["Urine Protein"][0] == "Negative"
    assert "Sodium" not in got  # two values for one result: not read
    assert not any("Ann" in text or "12345678" in text for text in read.not_read)


def test_a_change_since_column_holds_no_part_of_a_result():
    read = read_report_text(
        "Test   Result   Flag   Units   Reference Interval   Change since 11/08/2023\n"
        "Vitamin B12   609   pg/mL   200-1100   -54\n"
        "Alkaline Phosphatase   38   L   U/L   44-147   -1\n"
        "WBC   8.7   x10e3/ul   3.8-10.8   +0.4\n"
        "Urine Protein   Negative   Negative   new\n")
    assert _got(read) == {"Vitamin B12": ("609", "pg/mL", 200, 1100, None),
                          "Alkaline Phosphatase": ("38", "U/L", 44, 147, "L"),
                          "WBC": ("8.7", "x10e3/ul", 3.8, 10.8, None),
                          "Urine Protein": ("Negative", None, None, None, None)}


def test_an_outlines_item_numbers_are_no_values():
    read = read_report_text(
        "Test   Result Flag   Units / Reference Interval\n"
        "1. CHEMISTRY\n"
        "1.1   Creatinine   1.08   mg/dL 0.6 - 1.3\n"
        "1.2   Sodium   98   L   mmol/l 136 - 145\n"
        "1.3   eGFR   93   mL/min/1.73m2 >60\n"
        "2. HEMATOLOGY\n"
        "2.1   Hemoglobin   13.9   g/dL 13.2 - 17.1\n"
        "2.2   MCV   97.1   fL 80 - 100\n")
    got = _got(read)
    assert got["Creatinine"] == ("1.08", "mg/dL", 0.6, 1.3, None)
    assert got["Hemoglobin"] == ("13.9", "g/dL", 13.2, 17.1, None)
    assert len(got) == 5 and not read.not_read


def test_decimal_numbers_out_of_order_are_no_outline():
    lines = ["1.4   Creatinine", "1.2   Urea", "4.9   Potassium", "1.1   Magnesium", "1.2   Sodium"]
    assert without_line_numbers(lines) == lines
    assert without_line_numbers(["1.1   A", "1.2   B", "2.1   C", "2.2   D"]) == ["A", "B", "C", "D"]


def _lines(rows):
    from healthlib.readers.labfiles.layout import words_to_lines
    from healthlib.readers.labs.report_text import names_a_test
    from tests.labs.test_table_shapes import _words

    return words_to_lines(_words(rows), names_a_test)


LEFT = [("Chloride", "108", "mmol/l", "95-108"), ("eGFR", "77", "mL/min", ">60"), ("Urea", "6.2", "mmol/L", "2.5-7.8"),
        ("Bicarbonate", "31", "mmol/l", "22-29"), ("Platelets", "312", "x10^9/L", "150-400")]
RIGHT = [("ALT", "39", "IU/L", "<41"), ("ALP", "64", "IU/L", "30-130"), ("AST", "29", "IU/L", "<40"),
         ("Triglycerides", "0.7", "mmol/L", "<1.7"), ("Cholesterol", "4.9", "mmol/L", "<5")]


def _column(x, top, results):
    return [(top + 15 * k, [(x, name), (x + 90, value), (x + 130, unit), (x + 190, rng)])
            for k, (name, value, unit, rng) in enumerate(results)]


def test_two_columns_of_results_under_lines_of_details_split_between_the_columns():
    # four lines of details over the columns (more than a heading), the right column set lower: the
    # split is the gap between the columns, never the one before the left column's ranges
    details = [(20 + 10 * k, [(40, text)]) for k, text in enumerate(["Your Health Check", "Patient: Ann Example",
                                                                      "Address: 1 Church Lane", "Sample received today"])]
    lines = _lines(details + _column(40, 100, LEFT) + _column(320, 104, RIGHT))
    assert "Chloride   108   mmol/l   95-108" in lines and "ALT   39   IU/L   <41" in lines


def test_a_cards_details_printed_beside_its_results_are_lines_of_their_own():
    details = [(100 + 30 * k, [(40, text)]) for k, text in enumerate(["Name: Ann Example", "DOB: 01/02/1960",
                                                                      "ID: 12345678", "Screened by: RN"])]
    lines = _lines(details + _column(320, 100, LEFT))
    assert "Name: Ann Example" in lines and "Chloride   108   mmol/l   95-108" in lines
    read = read_report_text("\n".join(lines))
    assert len(read.lines) == 5 and not any("Ann" in text for text in read.not_read)


def test_a_booklet_spreads_left_page_details_then_table_beside_its_right_page_table():
    # the left page: the patient's details, then its table; the right page: the table continued, from its top
    details = [(29 + 15 * k, [(40, text)]) for k, text in enumerate(["Patient: Ann Example", "DOB: 01/02/1960",
                                                                      "Sample date 12/03/2024"])]
    heading = [(74, [(40, "Test"), (130, "Result"), (170, "Units"), (230, "Range")])]
    right_heading = [(29, [(320, "Test"), (410, "Result"), (450, "Units"), (510, "Range")])]
    lines = _lines(details + heading + _column(40, 89, LEFT) + right_heading + _column(320, 44, RIGHT))
    read = read_report_text("\n".join(lines))
    assert len(read.lines) == 10 and not any("Ann" in text for text in read.not_read)


def test_a_booklets_pages_with_rows_of_their_own_are_read_page_by_page():
    # each page its own row pitch, so the two sides share a row only now and then
    details = [(29 + 12 * k, [(40, text)]) for k, text in enumerate(["Fenwold Hospital", "Patient: Ann Example",
                                                                      "DOB: 01/02/1960", "Tel: 555-707-7415"])]
    heading = [(80, [(40, "Test"), (130, "Result"), (170, "Units"), (230, "Range")])]
    lines = _lines(details + heading + _column(40, 96, LEFT) + _column(320, 53, RIGHT))
    read = read_report_text("\n".join(lines))
    assert len(read.lines) == 10 and not any("Ann" in text for text in read.not_read)


def test_result_cards_two_to_a_row_are_never_split():
    # "Your value" and "Normal range:" lines between the results: neither side is a column of results
    rows = []
    for k, ((name_l, value_l, _, range_l), (name_r, value_r, _, range_r)) in enumerate(zip(LEFT, RIGHT, strict=True)):
        top = 100 + 60 * k
        rows += [(top, [(40, name_l), (320, name_r)]), (top + 12, [(40, f"Normal range: {range_l}"),
                                                                   (320, f"Normal range: {range_r}")]),
                 (top + 24, [(40, "Your value"), (320, "Your value")]), (top + 36, [(40, value_l), (320, value_r)])]
    from healthlib.readers.labfiles.layout import _rows, column_flows
    from healthlib.readers.labs.report_text import names_a_test
    from tests.labs.test_table_shapes import _words

    assert column_flows(_rows(_words(rows)), 5.0, names_a_test) is None


def test_an_outlines_numbers_ocr_left_unsure_hold_their_places():
    # fresh15 131001 (an outline report scanned on security paper): "1.2", "1.3" and others read
    # unsure broke the run of numbers, and every row after an unsure number went to "not read"
    unsure = "\u2047"
    lines = ["1. CHEMISTRY", "1.1   Glucose   49   L   mg/dL 70-99", f"{unsure}   Sodium   140   mmol/L   136 - 145",
             f"{unsure}   Chloride   74   L   mmol/L 98 - 107", "1.4   Calcium   9.0   mg/dL   8.6 - 10.3",
             "2. HEMATOLOGY", f"{unsure}   MCV   82.7   fL 80-100", "2.2   Platelets   141   x10E3/uL   140 - 400",
             "2.3   WBC   9.5   x10e3/ul   3.8 - 10.8", f"{unsure} HbA1c   5.1   %"]
    assert without_line_numbers(lines) == [
        "1. CHEMISTRY", "Glucose   49   L   mg/dL 70-99", "Sodium   140   mmol/L   136 - 145",
        "Chloride   74   L   mmol/L 98 - 107", "Calcium   9.0   mg/dL   8.6 - 10.3", "2. HEMATOLOGY",
        "MCV   82.7   fL 80-100", "Platelets   141   x10E3/uL   140 - 400",
        "WBC   9.5   x10e3/ul   3.8 - 10.8", f"{unsure} HbA1c   5.1   %"]  # an unsure word joined to the name may be part of it: it stays
    # unsure lines must fit the count: two of them cannot stand between 1.1 and 1.2
    gapped = ["1.1   A", f"{unsure}   B", f"{unsure}   C", "1.2   D", "1.3   E", "1.4   F"]
    assert without_line_numbers(gapped)[:3] == ["1.1   A", f"{unsure}   B", f"{unsure}   C"]
    # nor stand before a run's first item beyond the items it skips
    assert without_line_numbers([f"{unsure}   X", f"{unsure}   A", "1.2   B", "1.3   C", "1.4   D"])[0] == f"{unsure}   X"
