"""The grammar of one result, however it is written: flags, footnote marks, labelled ranges (by sex,
age and tier), and free-text forms (quoted e-mails wrapped mid-result, SMS, one-field-a-line records,
delimited exports with a history). Each form is one real laboratories or portals print; anything
that cannot be settled for certain goes to "not read", never guessed."""

from __future__ import annotations

from healthlib.readers.labs.free_text import date_readings, newest
from healthlib.readers.labs.range_forms import patient_of
from healthlib.readers.labs.report_text import read_lines, read_text


def _results(text: str) -> list[tuple]:
    return [(r.printed_name, r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read_text(text).lines]


# ---- flags and footnote marks ---------------------------------------------------------------------
def test_an_analysers_triangle_flags_are_flags():
    assert _results("ALT   59   U/L   7 - 56   ▲\nHDL   24   mg/dL   >= 40   ▼") == [
        ("ALT", "59", "U/L", 7.0, 56.0, "▲"), ("HDL", "24", "mg/dL", 40.0, None, "▼")]


def test_a_two_word_critical_flag_is_one_flag():
    assert _results("Hemoglobin 6.0 g/dL (13.2 - 17.1) CRITICAL LOW\nPotassium 6.8 mmol/L 3.5-5.1 PANIC HI") == [
        ("Hemoglobin", "6.0", "g/dL", 13.2, 17.1, "CRITICAL LOW"),
        ("Potassium", "6.8", "mmol/L", 3.5, 5.1, "PANIC HI")]


def test_a_footnote_mark_after_a_value_or_a_name_is_neither_value_nor_flag():
    assert _results("Glucose 94 # mg/dL 70-99\neGFR 50 (a) L mL/min/1.73m2 >=60\nCalcium † 9.3 mg/dL 8.6-10.3") == [
        ("Glucose", "94", "mg/dL", 70.0, 99.0, None), ("eGFR", "50", "mL/min/1.73m2", 60.0, None, "L"),
        ("Calcium", "9.3", "mg/dL", 8.6, 10.3, None)]


def test_a_result_judged_in_a_note_is_not_read():
    read = read_text("eGFR   93   mL/min/1.73m2   See note\nSodium 140 mmol/L 136-145")
    assert [r.printed_name for r in read.lines] == ["Sodium"]
    assert read.not_read == ["eGFR 93 mL/min/1.73m2 See note"]


# ---- ranges by sex ----------------------------------------------------------------------------------
def test_the_range_for_the_sex_the_report_prints_is_the_one_read():
    line = "Hemoglobin   13.8   g/dL   F 11.7-15.5 / M 13.2-17.1"
    assert _results(f"Sex: F\n{line}") == [("Hemoglobin", "13.8", "g/dL", 11.7, 15.5, None)]
    assert _results(f"Gender: Male\n{line}") == [("Hemoglobin", "13.8", "g/dL", 13.2, 17.1, None)]
    assert _results("Sex: M\nHaemoglobin 150 g/L Male: 130-170; Female: 115-155") == [
        ("Haemoglobin", "150", "g/L", 130.0, 170.0, None)]


def test_without_a_sex_printed_or_with_two_a_sex_labelled_range_is_not_read():
    line = "Hemoglobin   13.8   g/dL   F 11.7-15.5 / M 13.2-17.1"
    assert read_text(line).lines == [] and len(read_text(line).not_read) == 1
    assert read_text(f"Sex: F\nSex: M\n{line}").lines == []
    assert patient_of(["Sex/Age: F/57"]).sex == "F" and patient_of(["Sex/Age: F/57"]).age == 57
    assert patient_of(["Age/Sex: 57Y/M"]) == patient_of(["Gender: Male   Age: 57"])
    assert patient_of(["Sex hormone binding globulin 50 nmol/L"]).sex is None


# ---- ranges by tier ---------------------------------------------------------------------------------
def test_the_healthy_tier_is_the_reports_own_range_and_the_other_tiers_are_no_lines():
    read = read_text("Glucose, Fasting   87   mg/dL   Normal: 70-99\n"
                     "                                Prediabetes: 100-125\n"
                     "                                Diabetes: >=126\n")
    assert [(r.value_text, r.range_low, r.range_high) for r in read.lines] == [("87", 70.0, 99.0)]
    assert read.not_read == []


def test_tiers_on_one_line_in_any_order_and_a_single_tier_without_a_colon():
    assert _results("LDL-Cholesterol 40 mg/dL Optimal: <100 Near optimal: 100-129 Borderline high: 130-159") == [
        ("LDL-Cholesterol", "40", "mg/dL", None, 100.0, None)]
    assert _results("Vitamin D 17 L ng/mL Deficient: <20 / Insufficient: 20-29 / Sufficient: 30-100") == [
        ("Vitamin D", "17", "ng/mL", 30.0, 100.0, "L")]
    assert _results("Total cholesterol   3.0   mmol/L   Ideal <5.0") == [
        ("Total cholesterol", "3.0", "mmol/L", None, 5.0, None)]
    assert _results("HDL Cholesterol 73 mg/dL Desirable >=40") == [("HDL Cholesterol", "73", "mg/dL", 40.0, None, None)]


def test_tiers_with_an_unknown_label_or_two_healthy_tiers_are_not_read():
    assert read_text("Cholesterol 160 mg/dL Acceptable: <170 / Borderline: 170-199").lines == []
    assert read_text("LDL 90 mg/dL Optimal: <100 / Desirable: <130").lines == []


def test_a_flag_word_before_a_range_is_the_flag_not_a_tier():
    assert _results("Potassium 5.9 mmol/L High 3.5-5.1") == [("Potassium", "5.9", "mmol/L", 3.5, 5.1, "High")]


# ---- ranges by age ----------------------------------------------------------------------------------
_PSA = ("PSA, Total   3.1   ng/mL   Age-specific:\n"
        "                           40-49 y: <2.5\n"
        "                           50-59 y: <3.5\n"
        "                           60-69 y: <4.5\n"
        "                           70+ y: <6.5\n")


def test_the_age_band_holding_the_printed_age_is_the_range():
    assert _results(f"Sex: M   Age: 57\n{_PSA}") == [("PSA, Total", "3.1", "ng/mL", None, 3.5, None)]
    assert _results(f"Age: 74\n{_PSA}") == [("PSA, Total", "3.1", "ng/mL", None, 6.5, None)]


def test_age_bands_without_an_age_or_with_no_band_holding_it_are_not_read():
    assert read_text(_PSA).lines == []
    assert read_text(f"Age: 30\n{_PSA}").lines == []


# ---- free text: e-mails, messages, records, exports -------------------------------------------------
def test_a_quoted_email_wrapped_mid_result_is_joined():
    text = ("> Dear Liam,\n>\n> Alkaline Phosphatase 188 U/L\n> (range 44 - 147) HIGH\n"
            "> Magnesium 3.8 mg/dL (range 1.5 - 2.5)\n> HIGH\n> Sodium 139 mmol/L (range 136 - 145)\n")
    assert _results(text) == [("Alkaline Phosphatase", "188", "U/L", 44.0, 147.0, "HIGH"),
                              ("Magnesium", "3.8", "mg/dL", 1.5, 2.5, "HIGH"),
                              ("Sodium", "139", "mmol/L", 136.0, 145.0, None)]


def test_an_sms_of_results_parted_by_semicolons_is_read_one_result_each():
    text = ("Hi Aisha, results for Aisha Thompson: Bilirubin, Total\n1.1 mg/dL (0.1-1.2); eGFR 77 mL/min/1.73m2\n"
            "(>=60); AST 43 U/L\n(10-40) H; Creatinine 0.41 mg/dL (0.5-1.1) L; CO2 23\nmmol/l (22-29); PSA 3.4 ng/mL (<4).\n"
            "Call us with questions.")
    assert _results(text) == [("Bilirubin, Total", "1.1", "mg/dL", 0.1, 1.2, None),
                              ("eGFR", "77", "mL/min/1.73m2", 60.0, None, None), ("AST", "43", "U/L", 10.0, 40.0, "H"),
                              ("Creatinine", "0.41", "mg/dL", 0.5, 1.1, "L"), ("CO2", "23", "mmol/l", 22.0, 29.0, None),
                              ("PSA", "3.4", "ng/mL", None, 4.0, None)]


def test_a_record_one_field_a_line_is_one_result():
    text = ("Test name: Sodium\nResult: 98\nUnits: mmol/L\nReference range: 136 - 145\nAbnormal flag: L\n"
            "Collected: 12 Mar 2024 08:20\n\nTest name: INR\nResult: 1.4\nUnits: -\nReference range: 0.9 - 1.1\n"
            "Abnormal flag: H\n")
    assert _results(text) == [("Sodium", "98", "mmol/L", 136.0, 145.0, "L"), ("INR", "1.4", None, 0.9, 1.1, "H")]


def test_a_semicolon_history_export_reads_each_tests_newest_row():
    text = ("Collected;Test;Result;Units;Reference range;Flag\n"
            "2023-02-08 08:20;Calcium;6.5;mg/dL;8.6-10.3;L\n2024-03-12 08:20;Calcium;7.8;mg/dL;8.6-10.3;L\n"
            "2024-03-12 08:20;Potassium;4.2;mmol/L;3.5-5.1;\n2023-02-08 08:20;Potassium;4.9;mmol/L;3.5-5.1;\n")
    assert _results(text) == [("Calcium", "7.8", "mg/dL", 8.6, 10.3, "L"), ("Potassium", "4.2", "mmol/L", 3.5, 5.1, None)]


def test_a_history_whose_newest_row_depends_on_day_or_month_first_is_not_read():
    text = ("Date,Test,Result,Units,Range\n03/04/2023,Sodium,140,mmol/L,136-145\n04/03/2023,Sodium,150,mmol/L,136-145\n")
    read = read_text(text)
    assert read.lines == [] and len(read.not_read) == 1
    # a date that can be read only one way round settles the others' order
    assert newest([date_readings("03/04/2023"), date_readings("25/03/2023")]) is not None


def test_a_wide_export_reads_the_newest_dated_column():
    text = "Test\t2022-05-01\t2024-03-12\t2023-01-09\tUnits\tRange\nSodium\t139\t141\t137\tmmol/L\t136-145\n"
    assert _results(text) == [("Sodium", "141", "mmol/L", 136.0, 145.0, None)]


def test_a_tab_export_with_an_empty_last_cell_is_read():
    text = "Component\tYour Value\tStandard Range\tFlag\nBUN\t14 mg/dL\t7 - 20 mg/dL\t\nINR\t5.4\t0.9 - 1.1\tHigh\n"
    assert _results(text) == [("BUN", "14", "mg/dL", 7.0, 20.0, None), ("INR", "5.4", None, 0.9, 1.1, "High")]


# ---- what is never a name ---------------------------------------------------------------------------
def test_the_end_of_another_result_is_never_part_of_a_name():
    read = read_text("(70-99); Chloride 149 mmol/L (98-107) H")
    assert read.lines == [] and len(read.not_read) == 1


def test_a_previous_result_in_words_is_never_a_test():
    read = read_text("Urine Protein   Trace   Trace   Trace   A   Negative")
    assert not any(r.printed_name == "Trace" for r in read.lines)


# ---- more real forms: words for comparisons, superscripts, results parted by commas -----------------
def test_a_range_or_value_in_words_is_a_comparison():
    assert _results("Glucose 5.4 mmol/L less than 6.0\neGFR 72 mL/min/1.73m2 greater than or equal to 60\n"
                    "ALT 30 U/L up to 40") == [
        ("Glucose", "5.4", "mmol/L", None, 6.0, None), ("eGFR", "72", "mL/min/1.73m2", 60.0, None, None),
        ("ALT", "30", "U/L", None, 40.0, None)]
    # never a value: a comment's prose holds such words ("more than 24 hours")
    assert read_text("*** Sample received more than 24 hours after collection, ***").lines == []


def test_a_power_of_ten_set_as_a_superscript_and_a_superscript_footnote_after_a_name():
    assert _results("WBC 6.1 x10⁹/L 4.0-11.0\nCalcium¹ 2.40 mmol/L 2.20-2.60") == [
        ("WBC", "6.1", "x10⁹/L", 4.0, 11.0, None), ("Calcium", "2.40", "mmol/L", 2.2, 2.6, None)]


def test_results_parted_by_commas_on_one_line_and_bare_numbers_beside_each_other_not_read():
    assert _results("Glucose 5.4 mmol/L (3.5-5.5), HbA1c 42 mmol/mol (<48)") == [
        ("Glucose", "5.4", "mmol/L", 3.5, 5.5, None), ("HbA1c", "42", "mmol/mol", None, 48.0, None)]
    assert read_text("Na 140, K 4.1").lines == []


def test_short_words_for_negative_and_positive_are_results_in_words():
    assert _results("Urine glucose   Neg   Neg") == [("Urine glucose", "Neg", None, None, None, None)]


def test_sex_labels_in_words_and_age_bands_labelled_age():
    assert _results("Sex: F\nHaemoglobin 120 g/L Adult male: 130-170 Adult female: 115-155") == [
        ("Haemoglobin", "120", "g/L", 115.0, 155.0, None)]
    assert _results("Age: 55\nPSA 2.0 ug/L Age-specific:\n  Age 40-49: <2.5\n  Age 50-69: <3.5\n  Age >=70: <4.5") == [
        ("PSA", "2.0", "ug/L", None, 3.5, None)]


def test_a_lone_flag_under_a_table_row_is_never_given_to_it():
    # in a table (column gaps) a flag on a line of its own may belong to the row under it: it goes
    # only to the one row next to it whose own range it fits (`report_text.carry_lone_flags`)
    read = read_text("Sodium     140   mmol/L   136-145\n   HH\nPotassium   6.9   mmol/L   3.5-5.1")
    assert [(r.printed_name, r.flag) for r in read.lines] == [("Sodium", None), ("Potassium", "HH")]


def test_a_star_before_the_flag_and_units_of_osmolality_enzyme_activity_and_a_days_urine():
    assert _results("Sodium 150 *H mmol/L 136-145\nOsmolality 290 mOsm/kg 275-295\nALT 0.45 ukat/L 0.15-0.75\n"
                    "Protein 0.1 g/24h <0.15") == [
        ("Sodium", "150", "mmol/L", 136.0, 145.0, "*H"), ("Osmolality", "290", "mOsm/kg", 275.0, 295.0, None),
        ("ALT", "0.45", "ukat/L", 0.15, 0.75, None), ("Protein", "0.1", "g/24h", None, 0.15, None)]


def test_dot_leaders_a_markdown_table_and_short_record_labels():
    assert _results("Sodium.........140 mmol/L   (135-145)\nPotassium ....... 4.1 mmol/L (3.5-5.1)") == [
        ("Sodium", "140", "mmol/L", 135.0, 145.0, None), ("Potassium", "4.1", "mmol/L", 3.5, 5.1, None)]
    assert _results("| Test | Result | Units | Reference range |\n|---|---|---|---|\n| Sodium | 150 H | mmol/L | 135-145 |") == [
        ("Sodium", "150", "mmol/L", 135.0, 145.0, "H")]
    assert _results("Test: Sodium\nResult: 150\nUnits: mmol/L\nRange: 135-145\nFlag: H") == [
        ("Sodium", "150", "mmol/L", 135.0, 145.0, "H")]


def test_a_labelled_list_in_brackets():
    assert _results("Cholesterol 180 mg/dL (Desirable <200)") == [("Cholesterol", "180", "mg/dL", None, 200.0, None)]
    assert _results("Glucose 90 mg/dL (Normal 70-99; Prediabetes 100-125; Diabetes >=126)") == [
        ("Glucose", "90", "mg/dL", 70.0, 99.0, None)]
    assert _results("Sex: M\nHb 150 g/L (M 130-170, F 115-155)") == [("Hb", "150", "g/L", 130.0, 170.0, None)]
    assert read_text("Hb 150 g/L (Male: 130-170) H").lines == []  # no sex printed
    # an ellipsis around a line is no leader: "... continued on page 2 ..." holds no result
    read = read_text("Sodium 140 mmol/L 135-145\n   ... continued on page 2 ...\nPotassium 4.1 mmol/L 3.5-5.1")
    assert [r.printed_name for r in read.lines] == ["Sodium", "Potassium"] and read.not_read == []


def test_a_test_on_several_rows_of_an_export_without_dates_is_not_read():
    read = read_text("Test;Result;Units;Range\nSodium;140;mmol/L;136-145\nSodium;150;mmol/L;136-145\nPotassium;4.1;mmol/L;3.5-5.1")
    assert [r.printed_name for r in read.lines] == ["Potassium"] and len(read.not_read) == 1


# ---- round 8: a GP's letter, a flattened HTML e-mail, a phone app's export lines -------------------
def test_a_one_sided_range_in_words_is_the_bound_it_names():
    # a GP practice's letter to the patient: "(normal range below 5)", "above 60", "under", "over"
    text = ("Dear Sam,\nYour recent blood test results are below.\n"
            "- Triglycerides: 1.5 mmol/L (normal range below 1.7)\n- HDL cholesterol: 0.6 mmol/L (normal range above 1)\n"
            "- eGFR: 108 mL/min/1.73m2 (normal range over 60)\n- CRP: 4 mg/l (normal range under 5)\n"
            "- Sodium: 140 mmol/L (normal range 133 to 146)\n- Urine protein: Negative (normal: Negative)\n")
    assert _results(text) == [
        ("Triglycerides", "1.5", "mmol/L", None, 1.7, None), ("HDL cholesterol", "0.6", "mmol/L", 1.0, None, None),
        ("eGFR", "108", "mL/min/1.73m2", 60.0, None, None), ("CRP", "4", "mg/l", None, 5.0, None),
        ("Sodium", "140", "mmol/L", 133.0, 146.0, None), ("Urine protein", "Negative", None, None, None, None)]


def test_a_range_word_without_figures_after_it_is_never_a_range():
    # "well below the limit" is a note: no figures after the word, so no range is made of it
    assert [(r.range_low, r.range_high) for r in read_text("Sodium: 140 mmol/L (normal range well below the limit)").lines
            ] in ([], [(None, None)])


def test_a_flattened_html_email_with_bold_names_and_flags_in_brackets():
    text = ("Hi Priya,\n\nNew results are ready.\n\n*Potassium*\n6.7 mmol/L (Critical High)\n"
            "Standard range: 3.5 - 5.1 mmol/L\n\n**INR**\n0.8 (Low)\nStandard range: 0.9 - 1.1\n\n"
            "*Albumin*\n3.6 g/dL\nStandard range: 3.5 - 5 g/dL\n\n"
            "View all results <https://myhealth.example.org/results>\n")
    assert _results(text) == [("Potassium", "6.7", "mmol/L", 3.5, 5.1, "Critical High"),
                              ("INR", "0.8", None, 0.9, 1.1, "Low"), ("Albumin", "3.6", "g/dL", 3.5, 5.0, None)]


def test_a_star_flag_is_never_a_bold_mark():
    assert _results("Glucose   150 *   mg/dL   70-99") == [("Glucose", "150", "mg/dL", 70.0, 99.0, "*")]


def test_a_phone_apps_export_lines_parted_by_middle_dots():
    # Apple Health style: name · value unit · Range ... · date · flag; the date is never a piece of the result
    text = ("Sodium · 150 mmol/L · Range 136–145 mmol/L · 12 Mar 2024 · High\n"
            "Urine Protein · Positive · Range Negative · 12 Mar 2024 · Abnormal\n"
            "HbA1c · 9.0 % · Range <5.7 % · 2024-03-12\n")
    assert _results(text) == [("Sodium", "150", "mmol/L", 136.0, 145.0, "High"),
                              ("Urine Protein", "Positive", None, None, None, "Abnormal"),
                              ("HbA1c", "9.0", "%", None, 5.7, None)]


def test_a_bullet_the_pdf_has_no_character_for_is_a_list_mark():
    # pdfplumber writes a glyph without a character as "(cid:N)": at a line's start it is the bullet
    assert _results("(cid:127) Sodium: 140 mmol/L (normal range 133 to 146)\n(cid:127) 25-OH Vitamin D: 97 nmol/L") == [
        ("Sodium", "140", "mmol/L", 133.0, 146.0, None), ("25-OH Vitamin D", "97", "nmol/L", None, None, None)]
    # before a figure it may be a sign ("<") the PDF could not give: never dropped, never read past
    assert "Sodium" not in [r.printed_name for r in read_text("Sodium\n(cid:3) 140 mmol/L   133-146").lines]


# ---- a cassette analyser's strip: tests across, their values, units, ranges and flags in rows under -
def _lines(text: str) -> list[tuple]:
    return [(r.printed_name, r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read_lines(text.splitlines()).lines]


def test_tests_across_a_strip_with_flags_only_beside_results_outside_their_range():
    strip = ("AST   CRP   ALT   TSH\n43   7.3   5   0.32\nU/L   mg/L   u/l   mIU/L\n10-40   <8   7-56   0.4-4.5\nH   L   L\n"
             "TP   UPRO   ALB   eGFR\n12.5   Positive   3.6   >90\ng/dl   g/dL   mL/min/1.73m2\n6-8.3   Negative   3.5-5   >60\nH   A\n")
    assert _lines(strip) == [
        ("AST", "43", "U/L", 10.0, 40.0, "H"), ("CRP", "7.3", "mg/L", None, 8.0, None),
        ("ALT", "5", "u/l", 7.0, 56.0, "L"), ("TSH", "0.32", "mIU/L", 0.4, 4.5, "L"),
        ("TP", "12.5", "g/dl", 6.0, 8.3, "H"), ("UPRO", "Positive", None, None, None, "A"),
        ("ALB", "3.6", "g/dL", 3.5, 5.0, None), ("eGFR", ">90", "mL/min/1.73m2", 60.0, None, None)]


def test_a_strip_row_that_cannot_be_given_to_its_tests_is_not_read():
    # a unit missing from a row of numbers (which one?), a flag beside no result outside its range,
    # a flag pointing the wrong way: the block is not read
    for strip in ("INR   FT4   GLU\n0.9   1.0   37\nng/dL   mg/dL\n0.9-1.1   0.8-1.8   70-99\nL\n",
                  "GLU   NA\n80   140\nmg/dL   mmol/L\n70-99   136-145\nH\n",
                  "GLU   NA\n50   140\nmg/dL   mmol/L\n70-99   136-145\nH\n"):
        read = read_lines(strip.splitlines())
        assert read.lines == [] and read.not_read, strip


def test_a_row_of_labels_over_values_is_not_a_strip_of_tests():
    # result cards side by side: the "Your value" labels are no tests, so the cards are read as cards
    cards = ("eGFR                                   Hematocrit\n"
             "Normal range: >= 60 mL/min/1.73m2      Normal range: 38.5 - 50 %\n"
             "Your value                             Your value\n"
             "75 mL/min/1.73m2                       47.5 %")
    assert _results(cards) == [("eGFR", "75", "mL/min/1.73m2", 60.0, None, None),
                               ("Hematocrit", "47.5", "%", 38.5, 50.0, None)]


def test_a_photographed_range_with_its_flag_under_the_result_is_joined_and_its_flag_checked():
    read = read_lines(["Glucose   135 mg/dL", "Standard range: 70 - 99 mg/dL   High",
                       "Potassium   3.1 mmol/L", "Standard range: 3.5 - 5.1 mmol/L   High"],
                      source_kind="image", check_flags=True)
    assert [(r.printed_name, r.value_text, r.range_text, r.flag) for r in read.lines] == [
        ("Glucose", "135", "70 - 99", "High")]
    assert read.not_read == ["Potassium 3.1 mmol/L 3.5 - 5.1 mmol/L High"]  # a flag against its range
