"""What the text reader does with lines it gets from OCR or a PDF's layout, beyond one clean line a
result: a flag printed on a line of its own, and OCR'd rows a person reads fine but whose figures
the reader must not guess."""

from __future__ import annotations

from healthlib.readers.labs.report_text import read_lines, read_text


def _by_name(read):
    return {r.printed_name: r for r in read.lines}


def test_a_lone_flag_above_a_row_is_that_rows_when_its_range_agrees():
    # a health-check card: the flag written by hand beside the value's box, a little above its row
    read = read_text("Test   Result   Unit   Normal\n"
                     "TBIL   0.4   mg/dL   0.1 - 1.2\n"
                     "H\n"
                     "MCV   158.2   fL   80 - 100\n"
                     "L\n"
                     "PLT   89   x10E3/uL   140 - 400\n")
    found = _by_name(read)
    assert found["MCV"].flag == "H" and found["PLT"].flag == "L"
    assert found["TBIL"].flag is None
    assert read.not_read == []


def test_a_lone_flag_below_its_row_is_carried_up():
    found = _by_name(read_text("Sodium   150   mmol/L   133 - 146\nH\nPotassium   4.1   mmol/L   3.5 - 5.3\n"))
    assert found["Sodium"].flag == "H" and found["Potassium"].flag is None


def test_a_lone_flag_that_fits_both_rows_or_neither_is_left_alone():
    both = _by_name(read_text("Sodium   150   mmol/L   133 - 146\nH\nPotassium   5.9   mmol/L   3.5 - 5.3\n"))
    assert both["Sodium"].flag is None and both["Potassium"].flag is None
    neither = _by_name(read_text("Sodium   140   mmol/L   133 - 146\nL\nPotassium   4.0   mmol/L   3.5 - 5.3\n"))
    assert neither["Sodium"].flag is None and neither["Potassium"].flag is None


# ---- the layout-agnostic last step on OCR'd lines (`anywhere.fill_in(ocr=True)`) -------------------
def _ocr(lines: list[str]):
    from healthlib.readers.labs.report_text import read_lines

    return read_lines(lines, source_kind="image", check_flags=True)


def test_a_result_beside_a_row_ocr_was_unsure_of_is_read_by_the_last_step():
    # two results side by side; OCR was unsure of a word of the second: the first is still read
    read = _ocr(["Test (units)   Result   Reference range   Test (units)   Result   Reference range",
                 "Vitamin B12 (ng/L)   478   [197-771]   Platelets ⁇   303   [150-400]   v",
                 "Sodium (mmol/L)   140   [133-146]   Potassium (mmol/L)   4.2   [3.5-5.3]"])
    b12 = _by_name(read)["Vitamin B12"]
    assert (b12.value_text, b12.unit, b12.range_low, b12.range_high) == ("478", "ng/L", 197, 771)
    assert "Platelets" not in _by_name(read)
    assert any("Platelets" in text for text in read.not_read)


# round 7's wrong reads: the last step on OCR'd lines kept a value whose range OCR was unsure of,
# as a result without a range (judged against the catalogue's range instead of the report's)
def test_a_result_whose_range_ocr_was_unsure_of_is_never_read_without_it():
    read = _ocr(["Test   Result   Flag   Reference range   Units",
                 "INR   0.9   ⁇⁇   EN",
                 "Chloride   141   mmol/L   ⁇⁇ - 108",
                 "Free T4   24   pmol/L   ⁇⁇ - ⁇⁇"])
    assert read.lines == []
    assert len(read.not_read) == 3


def test_a_result_under_its_name_with_an_unsure_range_line_is_not_read():
    read = _ocr(["Sodium", "140 mmol/L", "Normal range ⁇⁇ - 146 mmol/L",
                 "Potassium", "4.1 mmol/L", "Normal range 3.5 - 5.3 mmol/L"])
    assert "Sodium" not in _by_name(read)
    assert any("Sodium" in text for text in read.not_read)


def test_the_last_step_on_ocr_lines_needs_a_range_and_a_unit():
    from healthlib.readers.labs.anywhere import read_anywhere

    assert read_anywhere(["Albumin   3.8   g/dL"], ocr=True).results == []
    assert read_anywhere(["Albumin   3.8   3.5-5.0"], ocr=True).results == []
    assert len(read_anywhere(["Albumin   3.8   g/dL   3.5-5.0"], ocr=True).results) == 1
    assert len(read_anywhere(["Albumin   3.8   g/dL"]).results) == 1  # text: no range is needed


def test_the_last_step_on_ocr_lines_doubts_an_unflagged_value_out_of_range_on_a_report_that_flags():
    # a value out of its range left unflagged on a report that flags: a figure may have been misread
    from healthlib.readers.labs.anywhere import read_anywhere

    lines = ["Potassium (mmol/L)   6.1 H   [3.5-5.3]",
             "Sodium (mmol/L)   150   [133-146]   Jv   Total protein (g/L)   [60-80]"]
    assert [r.printed_name for r, _, _ in read_anywhere(lines, ocr=True).results] == ["Potassium", "Sodium"]
    read = _ocr(lines)
    assert "Sodium" not in _by_name(read) and _by_name(read)["Potassium"].flag == "H"
    assert any("Sodium" in text for text in read.not_read)
    # the same row on a report that does not flag is read
    assert _by_name(_ocr(["Potassium (mmol/L)   6.1   [3.5-5.3]", lines[1]]))["Sodium"].value == 150


def test_a_point_lost_from_a_two_figure_upper_end_of_a_range_is_not_read():
    # fresh7-tune's wrong read: "0.4-4.5" OCR'd as "0.4-45" was read as the report's range
    read = _ocr(["Test   Result   Flag   Units   Reference range",
                 "TSH   4.22   miu/L   0.4-45",
                 "Sodium   140   mmol/L   133-146"])
    assert "TSH" not in _by_name(read)
    assert any(text.startswith("TSH") for text in read.not_read)
    assert _by_name(_ocr(["TSH   4.22   miu/L   0.4-4.5"]))["TSH"].range_high == 4.5


def test_a_number_with_a_leading_zero_lost_its_point_and_is_not_read():
    # fresh11-tune's wrong read: "0.4 - 4.5" OCR'd as "04-45" was read as the range 4-45
    read = _ocr(["Test   Result (mIU/L)   Reference range   Flag",
                 "TSH   3.49   04-45",
                 "Sodium   140   mmol/L   133-146"])
    assert "TSH" not in _by_name(read) and _by_name(read)["Sodium"].value == 140
    assert any(text.startswith("TSH") for text in read.not_read)
    assert "Magnesium" not in _by_name(_ocr(["Magnesium   08   mmol/L   0.7-1.0"]))
    # a point or a zero before it is no leading zero
    assert _by_name(_ocr(["Bilirubin   0.04   mg/dL   0.1-1.2", "Sodium   100   mmol/L   133-146"]))["Bilirubin"].value == 0.04


def test_specks_ocr_leaves_after_a_name_are_dropped_but_never_a_capital_letter():
    from healthlib.readers.labs.report_text import ocr_name

    read = _ocr(["Test Name   Observed Value   Unit   Biological Reference Interval",
                 "Albumin   - a   3.8   g/dL   3.5-5",
                 "Chloride a   77L   mmol/L   98 - 107",
                 "MCV   OO   94.8   fl   80 - 100",
                 "Free TA   17   pmol/L   12 - 22",
                 "HDL Cholestero!   68   mg/dL   > OR = 40",
                 "Magnesium.   1.8   mg/dL   1.5-2.5"])
    assert sorted(_by_name(read)) == ["Albumin", "Chloride", "Free T4", "HDL Cholesterol", "MCV", "Magnesium"]
    assert _by_name(read)["Chloride"].flag == "L" and _by_name(read)["MCV"].value == 94.8
    assert ocr_name("Bilirubin D") == "Bilirubin D" and ocr_name("Vitamin D") == "Vitamin D"


def test_a_pens_tick_before_a_name_and_its_circle_around_it_are_dropped():
    # fresh11-tune's scans: blue pen ticks read "v", "¥Y"; a circle's sides read "<" and ">"
    from healthlib.readers.labs.report_text import ocr_name

    read = _ocr(["Test   Result   Range   Units",
                 "v PSA   3.6   [<4]   ug/L",
                 "¥Y   Albumin   36   [35-50]   g/L",
                 "Vitamin D>   34   [50-125]   nmol/L"])
    assert sorted(_by_name(read)) == ["Albumin", "PSA", "Vitamin D"]
    assert ocr_name("<Magnesium>") == "Magnesium"
    # never a capital letter or a word of a name, nor more than the marks
    assert ocr_name("pH") == "pH" and ocr_name("a b c PSA") == "a b c PSA"


def test_a_name_wrapped_onto_two_ocr_lines_is_joined_never_read_as_its_second_part():
    # fresh11-tune's wrong read: "LDL" (a pen tick before it) over "cholesterol   1.4   [<3]" was read
    # as total cholesterol; "Adjusted" over "calcium" as calcium
    read = _ocr(["Test   Result   Range   Units",
                 "/   LDL",
                 "cholesterol   1.4   [<3]   mmol/L",
                 "Adjusted",
                 "calcium   1.33   [2.2-2.6]   mmol/l",
                 "Cholesterol   3.2   [<5]   mmol/L"])
    found = _by_name(read)
    assert sorted(found) == ["Adjusted calcium", "Cholesterol", "LDL cholesterol"]
    assert found["LDL cholesterol"].value == 1.4 and found["Cholesterol"].value == 3.2


def test_a_rules_remnant_read_as_equals_is_dropped_but_never_a_comparisons():
    read = _ocr(["Test   Result   Units   Reference range",
                 "Chloride   131   = =mmol/L   (95-108)",
                 "Platelets   78   =   x10^9/L   150 - 400",
                 "HDL cholesterol   1.2   mmol/L   > OR = 1.0"])
    found = _by_name(read)
    assert (found["Chloride"].value, found["Chloride"].unit, found["Chloride"].range_high) == (131, "mmol/L", 108)
    assert found["Platelets"].unit == "x10^9/L"
    assert (found["HDL cholesterol"].range_low, found["HDL cholesterol"].range_high) == (1.0, None)


def test_a_range_lines_garbled_unit_is_the_unit_of_the_value_above_it():
    read = _ocr(["Bilirubin", "14 umol/L", "Normal range less than 21 umoV/L",
                 "PSA", "4.6 ug/L", "Normal range less than 4 ug/t",
                 "Sodium", "140 mmol/L", "Normal range 133 - 146 umol/L"])
    found = _by_name(read)
    assert (found["Bilirubin"].unit, found["Bilirubin"].range_high) == ("umol/L", 21)
    assert (found["PSA"].unit, found["PSA"].range_high) == ("ug/L", 4)
    # a range printed in another unit than its value is never given the value's unit
    assert "Sodium" not in found and any("Sodium" in text for text in read.not_read)


def test_units_cut_short_or_with_their_slash_read_as_f_are_the_tests_own():
    from healthlib.readers.labs.report_text import units_of_its_test

    assert units_of_its_test("Glucose   4.3   mmolf   3.0-6.0").lower() == "glucose   4.3   mmol/l   3.0-6.0"
    assert units_of_its_test("CRP   5   mgf   <5").lower() == "crp   5   mg/l   <5"
    assert units_of_its_test("PSA   2.3   ug   <4.0") == "PSA   2.3   ug/L   <4.0"
    # a word the test is reported in no unit of, or in two, is left as it is
    assert units_of_its_test("Sodium   140   ug   133-146") == "Sodium   140   ug   133-146"
    assert units_of_its_test("Platelets   370   x10E3uL   140-400") == "Platelets   370   x10E3/uL   140-400"
    assert units_of_its_test("ALP   25   TUAL   30-130") == "ALP   25   IU/L   30-130"


def test_a_lone_abnormal_flag_goes_to_the_one_row_outside_its_range_a_result_in_words_too():
    from healthlib.library.labs import explain_lab_report

    read = read_text("Test   Result   Unit   Normal\n"
                     "TRIG   109   mg/dL   < 150\n"
                     "H\n"
                     "BUN   24   mg/dl   7 - 20\n"
                     "A\n"
                     "UPRO   Positive   Negative\n"
                     "VITD   41   ng/mL   30 - 100\n")
    found = _by_name(read)
    assert (found["BUN"].flag, found["UPRO"].flag, found["TRIG"].flag) == ("H", "A", None)
    statuses = {r.name: r.status for r in explain_lab_report(read).results}
    assert statuses["UPRO"] == "high" and statuses["BUN"] == "high"


def test_ocr_commas_before_one_or_two_figures_are_decimal_points_and_w_is_read_for_u():
    read = _ocr(["Test   Result   Flag   Units   Reference range",
                 "Magnesium   1.5   1,5-2.5 mg/dL",
                 "Alkaline Phosphatase   126   44-147   wl",
                 "ALT (SGPT)   83H   WL   7-56",
                 "Platelets   250,000   /uL   150,000-400,000"])
    found = _by_name(read)
    assert (found["Magnesium"].range_low, found["Magnesium"].range_high) == (1.5, 2.5)
    assert found["Alkaline Phosphatase"].unit.upper() == "U/L" and found["ALT (SGPT)"].flag == "H"
    assert found["Platelets"].value == 250000  # a comma before three figures still groups thousands


def test_a_letter_sentence_ocr_could_not_finish_is_not_read_and_the_sentences_beside_it_are():
    # a scanned GP letter: OCR was unsure of one sentence's range, which shares its line with the
    # next sentence; that one sentence is "not read", never guessed, and the INR beside it is read
    read = read_text("Your total cholesterol was 3.6 mmol/L (normal is below \u2047 Your INR was 0.8 (normal range 0.8 to\n"
                     "1.2). Your triglycerides was 2.6 mmol/L (normal is below 1.7).\n"
                     "Your potassium was 4.4 mmol/L (normal\n"
                     "range 3.5 to \u2047\n")
    found = _by_name(read)
    assert (found["INR"].value_text, found["INR"].range_low, found["INR"].range_high) == ("0.8", 0.8, 1.2)
    assert (found["Triglycerides"].value_text, found["Triglycerides"].range_high) == ("2.6", 1.7)
    assert "Total cholesterol" not in found and "Potassium" not in found
    assert any("cholesterol" in line for line in read.not_read) and any("potassium" in line for line in read.not_read)


def test_a_result_blocks_range_label_with_a_speck_for_its_colon_is_still_a_label():
    # an NHS-App result block photographed: OCR read the label's colon as a quote mark
    read = read_lines(["Test results", "Cholesterol", "4.8 mmol/L", "Normal range\u2019 less than 5 mmol/L"],
                      source_kind="image", check_flags=True)
    found = _by_name(read)
    assert (found["Cholesterol"].value_text, found["Cholesterol"].range_low, found["Cholesterol"].range_high) == ("4.8", None, 5.0)


def test_one_unit_printed_two_ways_by_a_value_and_its_range_is_one_unit_but_two_units_are_refused():
    read = read_lines(["WBC   3.1 x10^9/L   4-11 x10*9/L", "Sodium   140 mmol/L   135-145 mg/dL"],
                      source_kind="image", check_flags=True)
    found = _by_name(read)
    assert (found["WBC"].value_text, found["WBC"].unit, found["WBC"].range_low, found["WBC"].range_high) == ("3.1", "x10^9/L", 4.0, 11.0)
    assert "Sodium" not in found
