"""Generic ways real reports differ from the layouts the readers were written for, found by
`benchmarks/text_robustness.py` (the corpus's results printed again with one change at a time).
Each case failed on the code before: rows not read at all, or (a range column before the
result's) read wrongly."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got


def test_a_range_column_before_the_result_is_read_by_its_headings():
    read = read_report_text(
        "Test          Reference Range   Result     Units      Flag\n"
        "CRP           <5                <1         mg/L\n"
        "eGFR          >=60              90         mL/min/1.73m2\n"
        "Urine protein  Negative         Trace                 A\n"
        "Potassium     3.5-5.1           5.9        mmol/L     H\n")
    assert _got(read) == {"CRP": ("<1", "mg/L", None, 5.0, None),
                          "eGFR": ("90", "mL/min/1.73m2", 60.0, None, None),
                          "Urine protein": ("Trace", None, None, None, "A"),
                          "Potassium": ("5.9", "mmol/L", 3.5, 5.1, "H")}
    assert read.lines[2].range_text == "Negative"  # before: "Negative" read as the result, no range


def test_a_previous_result_and_its_date_a_column_gap_apart_are_no_part_of_the_result():
    read = read_report_text(
        "Test            Result   Flag   Previous Result       Units    Reference Range\n"
        "Potassium       6.7      HH     7.0   10/04/2023      mmol/L   3.5-5.1\n"
        "Albumin         4.4             4.8  09/08/2023       g/dL     3.5-5\n"
        "CRP             7.7                                   mg/L     <8\n")
    assert _got(read) == {"Potassium": ("6.7", "mmol/L", 3.5, 5.1, "HH"),
                          "Albumin": ("4.4", "g/dL", 3.5, 5.0, None),
                          "CRP": ("7.7", "mg/L", None, 8.0, None)}
    assert read.not_read == []


def test_a_performed_at_column_is_known_by_its_words():
    read = read_report_text(
        "Test       Result   Units    Reference Range   Flag   Performed At\n"
        "INR        5.4               0.9-1.1           HH     01\n"
        "CRP        7.7      mg/L     <8                       Quest SJC\n")
    assert _got(read) == {"INR": ("5.4", None, 0.9, 1.1, "HH"), "CRP": ("7.7", "mg/L", None, 8.0, None)}


def test_a_name_whose_end_wrapped_onto_the_next_line_is_joined():
    read = read_report_text(
        "Test                 Result   Units    Reference Range   Flag\n"
        "Alkaline             39       U/L      44-147            L\n"
        "Phosphatase\n"
        "Hemoglobin           4.1      %        <5.7\n"
        "A1c\n"
        "ALT                  42       U/L      7-56\n"
        "(SGPT)\n"
        "Vitamin D,           84       ng/mL    30-100\n"
        "25-Hydroxy\n")
    assert _got(read) == {"Alkaline Phosphatase": ("39", "U/L", 44.0, 147.0, "L"),
                          "Hemoglobin A1c": ("4.1", "%", None, 5.7, None),
                          "ALT (SGPT)": ("42", "U/L", 7.0, 56.0, None),
                          "Vitamin D, 25-Hydroxy": ("84", "ng/mL", 30.0, 100.0, None)}


def test_a_line_that_could_end_one_name_or_begin_the_next_goes_the_pages_way():
    # "Total" could end "Bilirubin," or begin "Total PSA,": the page's other names wrap at their end
    read = read_report_text(
        "Test            Result   Units    Reference Range\n"
        "Alkaline        39       U/L      44-147\n"
        "Phosphatase\n"
        "Bilirubin,      1.6      mg/dL    0.1-1.2\n"
        "Total\n"
        "PSA,            4.3      ng/mL    <4\n"
        "Total\n")
    assert set(_got(read)) == {"Alkaline Phosphatase", "Bilirubin, Total", "PSA, Total"}


def test_a_name_wrapped_with_a_comma_before_its_row_is_joined():
    read = read_report_text(
        "Test            Result   Units    Reference Range\n"
        "Cholesterol,\n"
        "Total           259      mg/dL    <200\n")
    assert _got(read) == {"Cholesterol, Total": ("259", "mg/dL", None, 200.0, None)}


def test_result_sentences_with_a_limit_as_a_sign_or_after_its_number():
    read = read_report_text(
        "Dear patient, here are your results.\n\n"
        "Your cholesterol, total was 259 mg/dL (normal <200).\n"
        "Your eGFR was 61 mL/min/1.73m2 (normal >=60).\n"
        "Your HDL cholesterol was 52 mg/dL (normal 40 or above).\n"
        "Your ALT (SGPT) was 63 U/L (normal 7-56).\n"
        "Your urine protein was Not detected (normal Negative).\n")
    got = _got(read)
    assert got["Cholesterol, total"] == ("259", "mg/dL", None, 200.0, None)
    assert got["EGFR"][:4] == ("61", "mL/min/1.73m2", 60.0, None)  # a sentence's name, first letter raised
    assert got["HDL cholesterol"][:4] == ("52", "mg/dL", 40.0, None)
    assert got["ALT (SGPT)"][:4] == ("63", "U/L", 7.0, 56.0)
    assert got["Urine protein"][0] == "Not detected"
    assert read.not_read == []


def test_sodium_printed_na_in_a_delimited_export_keeps_its_name():
    read = read_report_text(
        "Test;Result;Units;Reference Range;Flag\n"
        "Na;145;mmol/L;136-145;\n"
        "Cl;81;mmol/L;98-107;L\n")
    assert _got(read) == {"Na": ("145", "mmol/L", 136.0, 145.0, None), "Cl": ("81", "mmol/L", 98.0, 107.0, "L")}


def test_a_delimited_export_with_columns_known_only_by_their_words_is_read_not_lost():
    # before: the heading row was not one the export reader knew ("LOINC", "Performed At"), so the
    # lines were taken for an SMS run on and parted at every ";", and every result was lost
    read = read_report_text(
        "Test;LOINC;Normal Range;Your Value;Units;Flag\n"
        "Bicarbonate;35365-8;22-29;26;mmol/L;\n"
        "Sodium;40697-8;133-146;128;mmol/L;L\n")
    assert _got(read) == {"Bicarbonate": ("26", "mmol/L", 22.0, 29.0, None),
                          "Sodium": ("128", "mmol/L", 133.0, 146.0, "L")}
    read = read_report_text(
        "Test;Result;Units;Reference Range;Flag;Performed At\n"
        "CHOL;291;mg/dL;Ref Range: <200;H;01\n"
        "Cl;81;mmol/L;Ref Range: 98-107;L;MAIN LAB\n")
    assert _got(read) == {"CHOL": ("291", "mg/dL", None, 200.0, "H"), "Cl": ("81", "mmol/L", 98.0, 107.0, "L")}


def test_a_bracketed_double_flag_before_the_result_and_a_labelled_range_under_headings():
    read = read_report_text(
        "Test   Specimen      Flag   Result   Units    Reference Range\n"
        "K      Serum         (HH)   6.7      mmol/l   Ref Range: 3.5-5.1\n"
        "Cl     Plasma               101      mmol/L   Ref Range: 98-107\n")
    assert _got(read) == {"K": ("6.7", "mmol/l", 3.5, 5.1, "HH"), "Cl": ("101", "mmol/L", 98.0, 107.0, None)}


def test_a_wrapped_name_is_joined_on_rows_the_headings_rewrite():
    read = read_report_text(
        "Test                    Specimen      Reference Range       Result   Units           Flag\n"
        "Serum\n"
        "sodium                  Plasma        Ref Range: 133-146    101      mmol/L          L\n"
        "Alkaline                Plasma        Ref Range: 44-147     39       U/L             L\n"
        "Phosphatase\n"
        "Urine\n"
        "protein                 Serum         Ref Range: Negative   Trace                    A\n")
    assert _got(read) == {"Serum sodium": ("101", "mmol/L", 133.0, 146.0, "L"),
                          "Alkaline Phosphatase": ("39", "U/L", 44.0, 147.0, "L"),
                          "Urine protein": ("Trace", None, None, None, "A")}


def test_a_rows_number_before_the_name_is_no_part_of_it():
    read = read_report_text(
        "    Test              Result   Units    Reference Range   Flag\n"
        "1.  Potassium         5.9      mmol/L   3.5-5.1           H\n"
        "12) Sodium            140      mmol/L   136-145\n")
    assert _got(read) == {"Potassium": ("5.9", "mmol/L", 3.5, 5.1, "H"), "Sodium": ("140", "mmol/L", 136.0, 145.0, None)}


def test_a_result_in_words_whose_range_the_page_prints_where_it_was_not_read_is_not_read():
    # a web page's table copied one cell a line: the empty unit cell a blank line between the value
    # and its range; before, "Trace" was read with no range (a wrong read)
    read = read_report_text(
        "Test\nResult\nUnits\nReference Range\nFlag\n\n"
        "Potassium\n5.9\nmmol/L\n3.5-5.1\nH\n\n"
        "Urine Protein\nTrace\n\nNegative\nA\n\n")
    assert "Urine Protein" not in _got(read)
    assert any("Urine Protein" in text for text in read.not_read)
    assert _got(read)["Potassium"] == ("5.9", "mmol/L", 3.5, 5.1, "H")


# ---- round 12: looks nobody had written a rule for (`benchmarks/text_robustness.py`, "new: ...") ----

def test_a_date_with_a_month_name_and_dashes_is_a_date():
    # "14-Mar-2024", "03-NOV-99": before, no date at all -- a date cell became part of the test's name,
    # and a birth date printed so was echoed back
    from healthlib.readers.labs.privacy import scrub

    assert scrub("DOB 03-Nov-1999") == "DOB"
    assert scrub("14/Mar/2024 Sodium") == "Sodium"
    read = read_report_text(
        "Date           Test      Result   Units    Reference Range   Flag\n"
        "14-Mar-2024    MG        2.9      mg/dL    1.5-2.5           H\n"
        "14-Mar-2024    CRP       7.2      mg/L     <8\n")
    assert _got(read) == {"MG": ("2.9", "mg/dL", 1.5, 2.5, "H"), "CRP": ("7.2", "mg/L", None, 8.0, None)}


def test_a_dated_row_under_a_name_no_test_has_is_read_when_whole():
    # before: a row identifying nothing but its date, under a name the catalogue lacks, was dropped
    # silently -- neither read nor listed as not read
    read = read_report_text(
        "Date           Test      Result     Units    Reference Range\n"
        "14-Mar-2024    UPRO      Negative            Negative\n"
        "14-Mar-2024    TSH       4.08       mIU/L    0.4-4.5\n")
    assert _got(read) == {"UPRO": ("Negative", None, None, None, None), "TSH": ("4.08", "mIU/L", 0.4, 4.5, None)}


def test_a_code_column_before_the_name_is_no_part_of_it():
    read = read_report_text(
        "Code    Test                  Result   Units    Reference Range   Flag\n"
        "CALC    Calcium               12.8     mg/dL    8.6-10.3          H\n"
        "INR     INR                   1.6               0.8-1.2\n"
        "UPRO    Urine protein         Trace             Negative          A\n"
        "        Glucose               5.4      mmol/L   3.9-5.8\n")
    assert _got(read) == {"Calcium": ("12.8", "mg/dL", 8.6, 10.3, "H"), "INR": ("1.6", None, 0.8, 1.2, None),
                          "Urine protein": ("Trace", None, None, None, "A"),
                          "Glucose": ("5.4", "mmol/L", 3.9, 5.8, None)}


def test_a_unit_joined_to_its_value_is_read_in_any_case():
    read = read_report_text(
        "Test                 Result          Reference Range   Flag\n"
        "Platelet Count       579x10e3/ul     140-400           H\n"
        "Hemoglobin           12.5g/dl        13.2-17.1         L\n")
    assert _got(read) == {"Platelet Count": ("579", "x10e3/ul", 140.0, 400.0, "H"),
                          "Hemoglobin": ("12.5", "g/dl", 13.2, 17.1, "L")}


def test_a_delimited_text_with_a_heading_not_known_is_never_lost_silently():
    # before: taken for an SMS run on, parted at every ";" into lone figures and units: nothing
    # read and nothing listed as not read
    read = read_report_text(
        "Patient results\n"
        "Test;Result;Units;Reference Range;Flag;Bloodwork Zone\n"
        "Sodium;140;mmol/L;136-145;;North\n"
        "Potassium;5.9;mmol/L;3.5-5.1;H;North\n"
        "Glucose;91;mg/dL;70-99;;North\n")
    accounted = set(_got(read)) | {text.split(";")[0] for text in read.not_read}
    assert {"Sodium", "Potassium", "Glucose"} <= accounted
    assert all(r.printed_name in ("Sodium", "Potassium", "Glucose") for r in read.lines)


def test_no_break_and_thin_spaces_are_spaces_and_never_hang_the_reader():
    # a table copied from an HTML e-mail ("&nbsp; &nbsp;" runs): before, the tokenizer met a space
    # it did not part tokens at and no token could start there -- the read never ended
    import signal

    def stop(*_):
        raise TimeoutError("the reader hung")

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    try:
        read = read_report_text(
            "Test\u00a0 \u00a0 \u00a0 Result\u00a0 \u00a0Units\u00a0 \u00a0 Reference Range\n"
            "Potassium\u00a0 \u00a0 \u00a05.9\u00a0 \u00a0 \u00a0mmol/L\u00a0 \u00a03.5-5.1\u00a0 \u00a0H\n"
            "Sodium\u00a0 \u00a0 \u00a0 \u00a0140\u2009\u2009\u2009mmol/L\u00a0 \u00a0136-145\n")
    finally:
        signal.alarm(0)
    assert _got(read) == {"Potassium": ("5.9", "mmol/L", 3.5, 5.1, "H"),
                          "Sodium": ("140", "mmol/L", 136.0, 145.0, None)}


def test_headings_in_two_languages_are_known_by_the_side_the_reader_knows():
    # a Canadian lab's bilingual headings; the range column before the result's needs them read
    read = read_report_text(
        "Test / Analyse     Reference Range / Valeurs de référence   Result / Résultat   Units / Unités\n"
        "CRP                <5                                       <1                  mg/L\n"
        "Potassium          3.5-5.1                                  5.9                 mmol/L\n")
    assert _got(read) == {"CRP": ("<1", "mg/L", None, 5.0, None), "Potassium": ("5.9", "mmol/L", 3.5, 5.1, None)}


def test_a_page_printing_ranges_first_never_reads_a_result_word_before_its_range_word():
    # no heading read (the heading row lost), rows printed range first: "Negative   Positive" is
    # range then result, and reading it the other way round was a wrong read; a range read into the
    # name ("Bicarbonate 22-29") is no name
    read = read_report_text(
        "Bicarbonate       22-29       26         mmol/l\n"
        "Urine protein     Negative    Positive\n"
        "Serum sodium      133-146     135        mmol/L\n")
    assert "Urine protein" not in _got(read)
    assert not any(any(c.isdigit() for c in name) for name in _got(read))
    assert any("Urine protein" in text for text in read.not_read)


def test_headings_stacked_on_two_lines_are_read_as_one_heading_line():
    # "Reference" over "Range", "Previous" over "Result": the lower line alone names two result
    # columns and no range column, and the rows were read with the range taken for the value
    lower = "Test             Range        Result     Result            Units       Flag"
    upper = " " * 17 + "Reference" + " " * 15 + "Previous"
    read = read_report_text(
        f"{upper}\n{lower}\n"
        "Potassium        3.5-5.1      5.9        5.2 01/02/2023    mmol/L      H\n"
        "CRP              <5           <1                           mg/L\n")
    assert _got(read) == {"Potassium": ("5.9", "mmol/L", 3.5, 5.1, "H"), "CRP": ("<1", "mg/L", None, 5.0, None)}


def test_a_code_shaped_like_a_range_before_the_value_does_not_make_a_page_range_first():
    # a LOINC code ("5804-0") after the name is no range: "Trace" before "Negative" stays read
    read = read_report_text(
        "Test            LOINC     Result   Units    Reference Range\n"
        "Sodium          2951-2    140      mmol/L   136-145\n"
        "Urine protein   5804-0    Trace             Negative\n")
    assert _got(read)["Urine protein"] == ("Trace", None, None, None, None)


def test_characters_that_print_nothing_are_no_part_of_names_or_numbers():
    # a web portal's copy: zero-width spaces between cells, soft hyphens inside long words
    read = read_report_text(
        "Test\u200b                 \u2060Result\u200b   \u2060Units\u200b    \u2060Reference Range\n"
        "Alka\u00adline Phos\u00adphatase\u200b  \u2060100\u200b      \u2060U/L\u200b      \u206044-147\n"
        "Urine Prot\u00adein\u200b        \u2060Nega\u00adtive\u200b          \u2060Nega\u00adtive\n")
    assert _got(read) == {"Alkaline Phosphatase": ("100", "U/L", 44.0, 147.0, None),
                          "Urine Protein": ("Negative", None, None, None, None)}


def test_a_range_whose_high_end_wrapped_onto_the_next_line_is_put_back_together():
    # before: range-first, "30 -   338" read as the range and the lone "400" as the value
    read = read_report_text(
        "Test        Normal Range   Your Value   Units\n"
        "Ferritin    30 -           338          ug/L\n"
        "            400\n"
        "Calcium     2.2 -          1.28         mmol/L\n"
        "            2.6\n"
        "CRP         <5             2            mg/L\n")
    assert _got(read) == {"Ferritin": ("338", "ug/L", 30.0, 400.0, None),
                          "Calcium": ("1.28", "mmol/L", 2.2, 2.6, None),
                          "CRP": ("2", "mg/L", None, 5.0, None)}
    read = read_report_text(
        "Test          Result   Units    Reference Range   Flag\n"
        "Calcium       15.7     mg/dL    8.6 -             H\n"
        "                                10.3\n"
        "Magnesium     2.0      mg/dL    1.5 -\n"
        "                                2.5\n")
    assert _got(read) == {"Calcium": ("15.7", "mg/dL", 8.6, 10.3, "H"),
                          "Magnesium": ("2.0", "mg/dL", 1.5, 2.5, None)}


def test_indian_labs_heading_words_observation_and_unit_of_measure_name_their_columns():
    # a LOINC column between the name and the result: the rows need their headings to be read
    read = read_report_text(
        "Investigation     LOINC     Observation   Unit of Measure   Expected Values   Remarks\n"
        "Serum potassium   2090-4    3.1           mmol/L            3.5-5.3           Low\n"
        "ALP               9359-1    208           IU/L              30-130\n"
        "Haematocrit       6663-7    0.44          l/l               0.4-0.52\n")
    assert _got(read) == {"Serum potassium": ("3.1", "mmol/L", 3.5, 5.3, None),
                          "ALP": ("208", "IU/L", 30.0, 130.0, None),
                          "Haematocrit": ("0.44", "l/l", 0.4, 0.52, None)}


def test_emoji_beside_a_result_are_no_part_of_it_and_a_pointer_alone_is_its_arrow():
    read = read_report_text(
        "Test\tFlag\tResult\tUnits\tReference Range\n"
        "Alkaline Phosphatase\t\u2705\t77\tU/L\t44-147\n"
        "Potassium\t\U0001F53A\U0001F53A HH\t6.7\tmmol/L\t3.5-5.1\n"
        "Hematocrit\t\U0001F53B\t32.6\t%\t38.5-50\n"
        "INR\t\u26a0\ufe0f A\t5.4\t\t0.9-1.1\n")
    got = _got(read)
    assert {k: v[:4] for k, v in got.items()} == {"Alkaline Phosphatase": ("77", "U/L", 44.0, 147.0),
                                                  "Potassium": ("6.7", "mmol/L", 3.5, 5.1),
                                                  "Hematocrit": ("32.6", "%", 38.5, 50.0),
                                                  "INR": ("5.4", None, 0.9, 1.1)}
    assert got["Potassium"][4] == "HH" and got["Hematocrit"][4] == "↓"


def test_a_flag_in_a_margin_before_the_name_is_the_rows_flag_not_part_of_its_name():
    read = read_report_text(
        "                Test                     Result   Units      Reference Range\n"
        "HIGH            Magnesium                3.8      mg/dL      1.5-2.5\n"
        "                Potassium                3.9      mmol/L     3.5-5.1\n"
        "CRITICAL LOW    Platelet Count           17       x10E3/uL   140-400\n")
    assert _got(read) == {"Magnesium": ("3.8", "mg/dL", 1.5, 2.5, "HIGH"),
                          "Potassium": ("3.9", "mmol/L", 3.5, 5.1, None),
                          "Platelet Count": ("17", "x10E3/uL", 140.0, 400.0, "CRITICAL LOW")}


def test_a_panel_column_before_the_name_is_known_by_its_heading():
    # range first: without a heading line the rows cannot be read at all
    read = read_report_text(
        "Panel               Test                   Reference Range   Result   Units           Flag\n"
        "Renal Profile       egfr                   >= 60             37       mL/min/1.73m2   L\n"
        "Renal Profile       calcium                8.6 to 10.3       8.9      mg/dL\n"
        "Liver Function      alt                    7 to 56           66       u/l             H\n")
    assert _got(read) == {"egfr": ("37", "mL/min/1.73m2", 60.0, None, "L"),
                          "calcium": ("8.9", "mg/dL", 8.6, 10.3, None),
                          "alt": ("66", "u/l", 7.0, 56.0, "H")}


def test_a_control_character_a_pdf_left_for_a_glyph_is_no_cell():
    # a PDF's emoji with no character behind it extracted as "\x00" in the flag column
    read = read_report_text(
        "Analyte   Flag   Value   Units   Ref. Interval\n"
        "CRP       \x00      7.2     mg/L    <8\n"
        "LDL       \x00 H    156     mg/dL   <100\n")
    assert _got(read) == {"CRP": ("7.2", "mg/L", None, 8.0, None), "LDL": ("156", "mg/dL", None, 100.0, "H")}


def test_a_delimited_export_with_a_blank_line_after_each_row_is_read_whole():
    read = read_report_text(
        "Analyte;Value;Flag;Ref. Interval;Units\n\n"
        "ALT (SGPT);18;;7-56;U/L\n\n"
        "Magnesium;3.6;H;1.5-2.5;mg/dl\n\n"
        "Creatinine;1.03;;0.6-1.3;mg/dL\n\n"
        "Thanks, call me if anything looks odd.\n")
    assert _got(read) == {"ALT (SGPT)": ("18", "U/L", 7.0, 56.0, None),
                          "Magnesium": ("3.6", "mg/dl", 1.5, 2.5, "H"),
                          "Creatinine": ("1.03", "mg/dL", 0.6, 1.3, None)}


def test_a_unit_is_never_given_to_a_column_of_no_part_of_a_result_beside_a_blank_one():
    # "Remark" (blank on every row) and "Performed At": "mg/L" fits the units column or "Remark"
    read = read_report_text(
        "Investigation        Normal Range   Your Value   UOM      Remark   Performed At\n"
        "C-reactive protein   <5             3            mg/L              01\n"
        "Magnesium            0.7 - 1        0.84         mmol/l            LabCorp BN\n")
    assert _got(read) == {"C-reactive protein": ("3", "mg/L", None, 5.0, None),
                          "Magnesium": ("0.84", "mmol/l", 0.7, 1.0, None)}


def test_a_margin_flag_in_a_tab_separated_table_with_a_blank_first_heading_is_read():
    read = read_report_text(
        "\tAnalyte\tSpecimen\tValue\tUOM\tRef. Interval\n"
        "\tSerum creatinine\tSerum\t63\tumol/L\t45-84\n"
        "L\teGFR\tSerum\t43\tmL/min/1.73m2\t>=60\n"
        "H\tFerritin\tSerum\t401\tng/mL\t38-380\n")
    assert _got(read) == {"Serum creatinine": ("63", "umol/L", 45.0, 84.0, None),
                          "eGFR": ("43", "mL/min/1.73m2", 60.0, None, "L"),
                          "Ferritin": ("401", "ng/mL", 38.0, 380.0, "H")}
