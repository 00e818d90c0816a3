"""Table designs read by where a result's parts are on the page, written by hand in the shapes
laboratories print (the values are made up): cumulative reports whose result columns are headed by
their collection dates (the newest date's column is the result, wherever it stands; older columns
are history), an Australian fixed-width cumulative print-out with its Date / Time / Lab # heading
lines, and two-column reports printing each result's name over its value. A row whose columns
cannot be told apart goes to "not read", never guessed."""

from __future__ import annotations

from healthlib.readers.labs.columns import dated_columns

from .test_report_columns import results


def test_cumulative_report_newest_date_on_the_right():
    # an Epic-style "cumulative results" print: oldest first, "--" for a test not done that day
    got, not_read = results(
        "Cumulative report - results by date of collection\n"
        "Test                  05/19/2022   02/18/2023   03/12/2024   Units      Reference range\n"
        "Calcium               9.5          8.1 L        9.9          mg/dL      8.6-10.3\n"
        "Potassium             3.1 L        --           2.8 L        mmol/L     3.5-5.1\n"
        "C-Reactive Protein    9.0 H        10.7 H       4.1          mg/L       <8\n"
        "Platelets             --           171          176          x10E3/uL   140-400\n")
    assert got["Calcium"] == ("9.9", "mg/dL", 8.6, 10.3, None)
    assert got["Potassium"] == ("2.8", "mmol/L", 3.5, 5.1, "L")
    assert got["C-Reactive Protein"] == ("4.1", "mg/L", None, 8, None)
    assert got["Platelets"] == ("176", "x10E3/uL", 140, 400, None)
    assert not not_read


def test_cumulative_report_newest_date_on_the_left_with_flags_in_cells_of_their_own():
    # a hospital print-out: newest first, day-month-year dates with a month name, flag after each value
    got, not_read = results(
        "Analyte        12-Mar-2024        03-Oct-2023        21-Apr-2022        Units     Ref. range\n"
        "Sodium         134   L            139                141                mmol/L    135-145\n"
        "Glucose        6.4   H            5.9                --                 mmol/L    3.0-6.0\n"
        "Haemoglobin    121                118   L            131                g/L       120-160\n")
    assert got["Sodium"] == ("134", "mmol/L", 135, 145, "L")
    assert got["Glucose"] == ("6.4", "mmol/L", 3.0, 6.0, "H")
    assert got["Haemoglobin"] == ("121", "g/L", 120, 160, None)
    assert not not_read


def test_australian_fixed_width_cumulative_with_time_and_lab_number_lines():
    got, not_read = results(
        "                     Date    08/03/21    24/06/22    10/02/23    12/03/24\n"
        "                     Time       09:27       08:55       11:18       11:55\n"
        "                     Lab #   43-48693    73-87704    41-82648    34-40323  Units          Ref. range\n"
        "Serum sodium                    120L        157H        158H         142  mmol/L         ( 133-146 )\n"
        "Serum potassium                 3.0L        2.2L        2.1L        2.6L  mmol/L         ( 3.5-5.3 )\n"
        "Albumin                           --          42          38          44  g/l            ( 35-50 )\n"
        "eGFR                             51L         43L         56L         55L  mL/min/1.73m2  ( >60 )\n")
    assert got["Serum sodium"] == ("142", "mmol/L", 133, 146, None)
    assert got["Serum potassium"] == ("2.6", "mmol/L", 3.5, 5.3, "L")
    assert got["Albumin"] == ("44", "g/l", 35, 50, None)
    assert got["eGFR"] == ("55", "mL/min/1.73m2", 60, None, "L")
    assert not not_read  # the Time and Lab # lines are part of the heading, never "not read"


def test_a_row_missing_a_dated_cell_is_not_read():
    # a blank cell (not "--") leaves three values under four dates: which is the newest cannot be told
    got, not_read = results(
        "Test         2021-03-11   2022-08-16   2023-12-08   2024-03-12   Units    Reference range\n"
        "Magnesium    2.0          1.6                       2.4          mg/dL    1.5-2.5\n"
        "CRP          4.6          5.2          3.5          <5           mg/L\n"
        "BUN          13           10           12           15           mg/dL    7-20\n")
    assert "Magnesium" not in got and "CRP" not in got  # CRP's "<5" may be its range after a blank cell
    assert got["BUN"] == ("15", "mg/dL", 7, 20, None)
    assert len(not_read) == 2


def test_the_newest_result_not_done_is_not_read_and_never_taken_from_history():
    got, not_read = results(
        "Test        03/11/2021   08/16/2022   03/12/2024   Units    Reference range\n"
        "Ferritin    87           89           --           ng/mL    38-380\n"
        "Sodium      138          141          139          mmol/L   136-145\n")
    assert "Ferritin" not in got and len(not_read) == 1
    assert got["Sodium"] == ("139", "mmol/L", 136, 145, None)


def test_dates_whose_order_depends_on_reading_day_or_month_first():
    # "03/04/24" and "04/03/24": 4 March or 3 April; which is newer cannot be told
    assert dated_columns("Test   03/04/24   04/03/24   Units   Range").newest is None
    got, not_read = results("Test   03/04/24   04/03/24   Units   Range\nSodium   140   138   mmol/L   135-145\n")
    assert not got and not_read
    # a day over 12 settles it: 13 March 2024 is newer than 4 March 2024 either way the others are read
    assert dated_columns("Test   04/03/24   13/03/24   Units   Range").newest == 1
    # the years differ, so the order is clear whichever way day and month are read
    assert dated_columns("Date   12/03/24   03/10/23   21/04/22").newest == 0


def test_a_line_with_one_date_is_not_a_heading_of_dated_columns():
    assert dated_columns("Collected: 12/03/2024 08:20   Reported: 13/03/2024") is None
    assert dated_columns("Patient: Jane Doe   DOB: 01/02/1960") is None
    assert dated_columns("Test   Result   Units   Reference range") is None


def test_two_columns_each_name_printed_over_its_value():
    got, not_read = results(
        "Serum creatinine              Total protein\n"
        "   63 umol/L   (45-84)           50 g/l   (60-80) L\n"
        "Alanine transaminase          INR\n"
        "   18 iu/l   (<41)               1.1   (0.8-1.2)\n"
        "AST                           Urine protein\n"
        "   32 IU/L   (<40)               Trace   Negative A\n")
    assert got["Serum creatinine"] == ("63", "umol/L", 45, 84, None)
    assert got["Total protein"] == ("50", "g/l", 60, 80, "L")
    assert got["Alanine transaminase"] == ("18", "iu/l", None, 41, None)
    assert got["INR"] == ("1.1", None, 0.8, 1.2, None)
    assert got["AST"] == ("32", "IU/L", None, 40, None)
    assert got["Urine protein"][0] == "Trace"
    assert not not_read


def test_two_columns_names_over_values_with_spaced_ranges():
    got, not_read = results(
        "Fasting glucose      Cholesterol\n"
        "4 mmol/L   3 - 6      4.5 mmol/L   <= 5\n"
        "HDL cholesterol      LDL cholesterol\n"
        "0.7 mmol/L   >= 1 L   2.9 mmol/L   <= 3\n")
    assert got["Fasting glucose"] == ("4", "mmol/L", 3, 6, None)
    assert got["Cholesterol"] == ("4.5", "mmol/L", None, 5, None)
    assert got["HDL cholesterol"] == ("0.7", "mmol/L", 1, None, "L")
    assert got["LDL cholesterol"] == ("2.9", "mmol/L", None, 3, None)
    assert not not_read


def test_a_result_column_beside_dated_history_columns_is_the_result():
    # the current result under "Result", earlier results under their dates (a GP system's print):
    # the newest date is history here, never the result
    got, not_read = results(
        "Test          Result   Flag   02/18/2023   05/19/2022   Units    Reference range\n"
        "Potassium     5.6      H      4.9          --           mmol/L   3.5-5.1\n"
        "Creatinine    0.9             1.4 H        1.0          mg/dL    0.6-1.3\n")
    assert got["Potassium"] == ("5.6", "mmol/L", 3.5, 5.1, "H")
    assert got["Creatinine"] == ("0.9", "mg/dL", 0.6, 1.3, None)
    assert not not_read


def test_headings_never_met_are_known_by_their_words():
    # an Indian laboratory's heading: "Test Description", "Observed Value", "Biological Ref. Interval"
    # with the unit column last and a previous-value column in between
    got, not_read = results(
        "Test Description     Observed Value   Prev. Value   Biological Ref. Interval   UOM\n"
        "Haemoglobin          11.2             12.6          12.0 - 15.0                g/dL\n"
        "Total Leucocyte Count  8.4            7.9           4.0 - 10.0                 x10^9/L\n"
        "Platelet Count Automated 310          298           150 - 410                  x10^9/L\n")
    assert got["Haemoglobin"] == ("11.2", "g/dL", 12.0, 15.0, None)
    assert got["Total Leucocyte Count"] == ("8.4", "x10^9/L", 4.0, 10.0, None)
    # a long name one space from its value: the current and previous values cannot be told apart
    assert not any(name.startswith("Platelet") for name in got) and len(not_read) == 1


def test_a_line_of_words_that_are_not_headings_is_not_a_heading():
    from healthlib.readers.labs.columns import headings

    assert headings("Glucose   High   Normal range") is None
    assert headings("Test   Result   Units   Reference range") == ["name", "value", "units", "range"]
    assert headings("Test Name   Your Value   Standard Range   Units   Lab") == ["name", "value", "range", "units",
                                                                               "other"]


def test_cumulative_report_with_units_and_range_before_the_dated_columns():
    got, not_read = results(
        "Test         Units    Ref range   2022-01-14   2023-02-20   2024-03-12\n"
        "Sodium       mmol/L   135-145     138          141          133 L\n"
        "CRP          mg/L     <5          3            --           12 H\n"
        "Ferritin     ug/L     30-400      45                        51\n")
    assert got["Sodium"] == ("133", "mmol/L", 135, 145, "L")
    assert got["CRP"] == ("12", "mg/L", None, 5, "H")
    assert "Ferritin" not in got and len(not_read) == 1  # a blank cell: the columns cannot be told apart


def test_cumulative_report_with_a_flag_heading_after_each_date():
    got, not_read = results(
        "Test          03/12/2024   Flag   11/02/2023   Flag   Units    Reference range\n"
        "Potassium     5.9          H      4.4                 mmol/L   3.5-5.1\n"
        "Sodium        140                 128          L      mmol/L   135-145\n")
    assert got["Potassium"] == ("5.9", "mmol/L", 3.5, 5.1, "H")
    assert got["Sodium"] == ("140", "mmol/L", 135, 145, None)
    assert not not_read


def test_two_columns_names_over_values_beside_a_section_heading():
    got, not_read = results(
        "Serum sodium          HAEMATOLOGY\n"
        "142 mmol/L   (133-146)\n"
        "HAEMATOLOGY           INR\n"
        "                      1.1   (0.8-1.2)\n")
    assert got["Serum sodium"] == ("142", "mmol/L", 133, 146, None)
    assert got["INR"] == ("1.1", None, 0.8, 1.2, None)
    assert not not_read


def test_a_range_label_before_a_dated_heading_stays_a_heading_but_a_range_that_looks_like_one_is_read():
    # "Ref range   2022-01-14" is a heading beside a date; "ref 11.7-15.5" under a slip's result is its range
    got, not_read = results("HGB       9.3 g/dL LO\n      ref 11.7-15.5\nCa       10.2 mg/dl\n      ref 8.6-10.3\n")
    assert got["HGB"] == ("9.3", "g/dL", 11.7, 15.5, "LO")
    assert got["Ca"] == ("10.2", "mg/dl", 8.6, 10.3, None)
    assert not not_read


def test_result_and_previous_headings_carrying_their_dates():
    got, not_read = results(
        "Test        Result 12/03/2024   Previous (02/11/2023)   Units    Reference range\n"
        "ALT         62 H                41                      U/L      7-56\n"
        "Albumin     3.9                 --                      g/dL     3.5-5.0\n")
    assert got["ALT"] == ("62", "U/L", 7, 56, "H")
    assert got["Albumin"] == ("3.9", "g/dL", 3.5, 5.0, None)
    assert not not_read


def test_dates_out_of_order_say_nothing_about_which_column_is_newest():
    # a cumulative report prints its columns in order of time; "2028" between 2022 and 2024 is a misread
    assert dated_columns("Test   05/19/2022   02/18/2028   03/12/2024   Units").newest is None
    assert dated_columns("Test   05/19/2022   05/19/2022   Units").newest is None
    got, not_read = results("Test   05/19/2022   02/18/2028   03/12/2024   Units   Range\n"
                            "Sodium   140   138   136   mmol/L   135-145\n")
    assert not got and len(not_read) == 1


def _words(rows: list[tuple[float, list[tuple[float, str]]]]):
    """Words at their places on a page: (top, [(x0, text), ...]) a row, 5 points a letter."""
    from healthlib.readers.labfiles.layout import Word

    return [Word(text, x, x + 5 * len(text), top, top + 9) for top, row in rows for x, text in row]


def test_two_staggered_columns_of_names_over_values_are_read_column_by_column():
    # each result's name over its value, the right column set half a line lower, so the left
    # column's value shares a row with the right column's name
    from healthlib.readers.labfiles.layout import words_to_lines
    from healthlib.readers.labs.report_text import names_a_test, read_lines

    rows, left, right = [], [("Sodium", "140 mmol/L", "(133-146)"), ("Potassium", "5.9 mmol/L", "(3.5-5.3) H"),
                             ("Urea", "6.1 mmol/L", "(2.5-7.8)"), ("Chloride", "101 mmol/L", "(95-108)")], \
        [("Haemoglobin", "131 g/L", "(115-155)"), ("Platelets", "250 x10^9/L", "(150-400)"),
         ("MCV", "88 fL", "(80-100)"), ("Ferritin", "10 ug/L", "(13-150) L")]
    for k, ((name_l, value_l, range_l), (name_r, value_r, range_r)) in enumerate(zip(left, right, strict=True)):
        top = 100 + 40 * k
        rows.append((top, [(40, name_l)]))
        rows.append((top + 12, [(52, value_l), (130, range_l)]))
        rows.append((top + 12, [(320, name_r)]))  # the right column's name beside the left's value
        rows.append((top + 24, [(332, value_r), (410, range_r)]))
    words = _words([(40, [(40, "Patient:"), (90, "Jane"), (120, "Doe"), (300, "Page"), (330, "1")])] + rows)
    lines = words_to_lines(words, names_a_test)
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high, r.flag) for r in read_lines(lines).lines}
    assert got["Sodium"] == ("140", "mmol/L", 133, 146, None)
    assert got["Potassium"] == ("5.9", "mmol/L", 3.5, 5.3, "H")
    assert got["Haemoglobin"] == ("131", "g/L", 115, 155, None)
    assert got["Ferritin"] == ("10", "ug/L", 13, 150, "L")
    assert len(got) == 8


def test_a_table_is_never_split_into_columns_at_its_gaps():
    from healthlib.readers.labfiles.layout import column_flows, words_to_lines
    from healthlib.readers.labs.report_text import names_a_test

    table = [(100 + 14 * k, [(40, name), (200, value), (300, unit), (400, rng)]) for k, (name, value, unit, rng) in
             enumerate([("Sodium", "140", "mmol/L", "133-146"), ("Potassium", "4.1", "mmol/L", "3.5-5.3"),
                        ("Urea", "6.1", "mmol/L", "2.5-7.8"), ("Creatinine", "88", "umol/L", "59-104"),
                        ("Albumin", "41", "g/L", "35-50")])]
    words = _words(table)
    lines = words_to_lines(words, names_a_test)
    assert lines[0] == "Sodium   140   mmol/L   133-146" and len(lines) == 5
    from healthlib.readers.labfiles.layout import _rows

    assert column_flows(_rows(words), 5.0, names_a_test) is None


def test_a_line_of_labelled_ranges_under_two_names_is_never_read_as_their_values():
    # two MyChart cards side by side whose "Your value" line is missing: the ranges are not values
    got, not_read = results(
        "Triglycerides                         Cholesterol, Total\n"
        "Normal range: <= 150 mg/dL            Normal range: <= 200 mg/dL\n"
        "166 mg/dL High                        126 mg/dL\n")
    assert "Triglycerides" not in got and "Cholesterol, Total" not in got


def test_a_labelled_range_under_a_name_is_never_its_value():
    # a phone app's card copied as text, its value line lost: the range alone is not a result
    got, _ = results("Triglycerides\nNormal range: <= 150 mg/dL\nHigh\n")
    assert "Triglycerides" not in got


def test_mychart_result_cards_printed_in_a_two_column_grid():
    # a patient portal's "Test Results" print: each card its name, "Normal range:", "Your value" and
    # the value with its unit and flag; a card for a result in words says "Normal value:"
    got, not_read = results(
        "MyHealth  | Test Results\n"
        " Potassium                             INR\n"
        " Normal range: 3.5 - 5.1 mmol/L        Normal range: 0.9 - 1.1\n"
        " Your value                            Your value\n"
        " 5.5 mmol/L High                       0.7 Low\n"
        " Triglycerides                         Cholesterol, Total\n"
        " Normal range: <= 150 mg/dL            Normal range: <= 200 mg/dL\n"
        " Your value                            Your value\n"
        " 166 mg/dL High                        126 mg/dL\n"
        " Urine Protein                         eGFR\n"
        " Normal value: Negative                Normal range: >= 60 mL/min/1.73m2\n"
        " Your value                            Your value\n"
        " Positive Abnormal                     75 mL/min/1.73m2\n"
        " Albumin\n"
        " Normal range: 3.5 - 5 g/dL\n"
        " Your value\n"
        " 4.5 g/dL\n")
    assert got["Potassium"] == ("5.5", "mmol/L", 3.5, 5.1, "High")
    assert got["INR"] == ("0.7", None, 0.9, 1.1, "Low")
    assert got["Triglycerides"] == ("166", "mg/dL", None, 150, "High")
    assert got["Cholesterol, Total"] == ("126", "mg/dL", None, 200, None)
    assert got["Urine Protein"][0] == "Positive"
    assert got["eGFR"] == ("75", "mL/min/1.73m2", 60, None, None)
    assert got["Albumin"] == ("4.5", "g/dL", 3.5, 5, None)
    assert not not_read


def test_a_result_in_words_in_a_table_with_a_collected_column_is_read():
    got, not_read = results(
        "Test (units)            Result   Flag   Reference range   Collected          Status\n"
        "Sodium (mmol/L)         139             [133-146]         03/12/2024 07:55   Final\n"
        "Urine Protein           Positive A      Negative          03/12/2024 07:55   Final\n")
    assert got["Sodium"] == ("139", "mmol/L", 133, 146, None)
    assert got["Urine Protein"][0] == "Positive"
    assert not not_read


def test_transposed_panel_tests_across_the_page_with_result_units_and_range_rows():
    # an ICE-style hospital print: tests across, a Result, Units and Range row under each group;
    # the INR (a ratio) and a urine result in words have no unit, so the Units row is shorter
    got, not_read = results(
        "Test     Sodium    Urine protein   INR    Creatinine   HbA1c\n"
        "Result   137       Positive        1.2    70           48\n"
        "Units    mmol/L                           umol/L       mmol/mol\n"
        "Range    133-146   Negative        0.8-1.2  59-104     <42\n"
        "-----------------------------------------------------------------\n"
        "Test     Haemoglobin   Platelets\n"
        "Result   121           455\n"
        "Units    g/L           x10^9/L\n"
        "Range    130-170       150-400\n")
    assert got["Sodium"] == ("137", "mmol/L", 133, 146, None)
    assert got["Urine protein"][0] == "Positive"
    assert got["INR"] == ("1.2", None, 0.8, 1.2, None)
    assert got["Creatinine"] == ("70", "umol/L", 59, 104, None)
    assert got["HbA1c"] == ("48", "mmol/mol", None, 42, None)
    assert got["Haemoglobin"] == ("121", "g/L", 130, 170, None)
    assert got["Platelets"] == ("455", "x10^9/L", 150, 400, None)
    assert not not_read


def test_transposed_panel_whose_rows_cannot_be_matched_to_its_tests_is_not_read():
    # a unit left out under a test that has one: which unit belongs to which test cannot be told
    got, not_read = results(
        "Test     Sodium    Potassium   Creatinine\n"
        "Result   137       4.1         70\n"
        "Units    mmol/L    umol/L\n"
        "Range    133-146   3.5-5.3     59-104\n")
    assert not got
    assert len(not_read) == 3


def test_a_performing_labs_site_code_at_the_rows_end_is_not_part_of_the_result():
    # Quest-style rows ending in the code of the lab that ran the test, explained in the footer
    got, not_read = results(
        "Test Name In Range Out Of Range Reference Range Lab\n"
        "Calcium 15.7 H 8.6-10.3 mg/dL Z4M\n"
        "Cholesterol, Total 122 <200 mg/dl Z4M\n"
        "HDL Cholesterol 25 L > OR = 40 mg/dL Z4M\n"
        "Creatinine 0.98 0.6-1.3 mg/dL EN\n"
        "Z4M Granite State Clinical Lab, 9270 Laboratory Way, Suite 19\n")
    assert got["Calcium"] == ("15.7", "mg/dL", 8.6, 10.3, "H")
    assert got["Cholesterol, Total"] == ("122", "mg/dl", None, 200, None)
    assert got["HDL Cholesterol"] == ("25", "mg/dL", 40, None, "L")
    assert got["Creatinine"] == ("0.98", "mg/dL", 0.6, 1.3, None)
    assert not not_read


def test_a_bare_number_followed_by_a_code_is_still_not_read():
    # with neither unit nor range the word after it could be its unit: never guessed
    got, not_read = results("Test Result Range\nCalcium 9.7 Z4M\nSodium 140 mmol/L 135-145\n")
    assert "Calcium" not in got and got["Sodium"] == ("140", "mmol/L", 135, 145, None)


def test_a_letter_spaced_slip_has_its_numbers_joined():
    # a PDF that sets its letters apart: numbers come out in pieces, dates and record numbers too
    got, not_read = results(
        "Name: P r i y a N g u y e n\n"
        "Date of birth: 2 4 / 1 2 / 1 9 6 8\n"
        "Test Result Unit Normal\n"
        "HGB 1 3 . 4 g/dL 13.2 - 17.1\n"
        "PLT 3 77 x10E3/uL 140 - 400\n"
        "TSH 4.0 0 mIU/L 0.4 - 4.5\n"
        "MCV 94 .6 fL 80 - 100\n"
        "UPRO Posit ive Negative\n")
    assert got["HGB"] == ("13.4", "g/dL", 13.2, 17.1, None)
    assert got["PLT"] == ("377", "x10E3/uL", 140, 400, None)
    assert got["TSH"] == ("4.00", "mIU/L", 0.4, 4.5, None)
    assert got["MCV"] == ("94.6", "fL", 80, 100, None)
    assert got["UPRO"][0] == "Positive"
    assert not any("1968" in line or "2 4" in line for line in not_read)


def test_numbers_side_by_side_are_never_joined_on_an_ordinary_report():
    # no letter-spacing anywhere: "9 8" stays two numbers, and so the line is not read
    got, not_read = results("Test Result Unit Range\nGlucose 9 8 mg/dL 70-99\nSodium 140 mmol/L 135-145\n")
    assert "Glucose" not in got and len(not_read) == 1


def test_a_chat_export_has_its_message_prefixes_dropped():
    # a WhatsApp export forwarded by a relative: date, time and sender before each message
    got, not_read = results(
        "[3/12/24, 9:10:10 AM] Auntie Jo: Results came back\n"
        "[3/12/24, 9:11:17 AM] Auntie Jo: Potassium 6.7 (3.5-5.1) mmol/L very high\n"
        "Glucose, Fasting 88 (70-99) mg/dl\n"
        "[3/12/24, 9:13:31 AM] Auntie Jo: Alkaline Phosphatase 82 (44-147) U/L\n"
        "3/12/24, 9:15 AM - Me: CRP 4.4 (<8) mg/L\n")
    assert got["Potassium"][:4] == ("6.7", "mmol/L", 3.5, 5.1)
    assert got["Glucose, Fasting"] == ("88", "mg/dl", 70, 99, None)
    assert got["Alkaline Phosphatase"] == ("82", "U/L", 44, 147, None)
    assert got["CRP"] == ("4.4", "mg/L", None, 8, None)
    assert not not_read and not any("Auntie" in name for name in got)


def _observation(name, value, when="2024-03-12T07:55:00Z", **fields):
    return {"resource": {"resourceType": "Observation", "status": "final", "code": {"text": name},
                         "effectiveDateTime": when, **value, **fields}}


def test_a_fhir_export_is_read_one_result_per_observation_and_the_patient_is_dropped():
    import json

    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "name": [{"text": "Sofia Larsen"}], "birthDate": "1964-12-17"}},
        _observation("MCV", {"valueQuantity": {"value": 49.5, "unit": "fL"}},
                     referenceRange=[{"low": {"value": 80}, "high": {"value": 100}}],
                     interpretation=[{"coding": [{"code": "L", "display": "Low"}]}]),
        _observation("PSA, Total", {"valueQuantity": {"value": 3.0, "unit": "ng/mL"}},
                     referenceRange=[{"high": {"value": 4, "unit": "ng/mL"}}]),
        _observation("Urine Protein", {"valueCodeableConcept": {"text": "Positive"}},
                     referenceRange=[{"text": "Negative"}]),
        # a test twice: the newest is the result
        _observation("Sodium", {"valueQuantity": {"value": 131, "unit": "mmol/L"}}, "2023-01-02T08:00:00Z",
                     referenceRange=[{"low": {"value": 136}, "high": {"value": 145}}]),
        _observation("Sodium", {"valueQuantity": {"value": 143, "unit": "mmol/L"}},
                     referenceRange=[{"low": {"value": 136}, "high": {"value": 145}}]),
        # twice on the same minute: which is current cannot be told
        _observation("Potassium", {"valueQuantity": {"value": 6.1, "unit": "mmol/L"}}),
        _observation("Potassium", {"valueQuantity": {"value": 4.1, "unit": "mmol/L"}}),
    ]}
    got, not_read = results(json.dumps(bundle, indent=2))
    assert got["MCV"] == ("49.5", "fL", 80, 100, "L")
    assert got["PSA, Total"] == ("3.0", "ng/mL", None, 4, None)
    assert got["Urine Protein"][0] == "Positive"
    assert got["Sodium"] == ("143", "mmol/L", 136, 145, None)
    assert "Potassium" not in got and len(not_read) == 1 and "Potassium" in not_read[0]
    assert not any("Larsen" in line or "1964" in line for line in [*got, *not_read])


def test_a_left_columns_ranges_set_lower_than_its_rows_go_back_to_their_results():
    # the PDF's lines put the left column's Range cells at the start of the right column's rows
    got, not_read = results(
        "HAEMATOLOGY   BIOCHEMISTRY\n"
        "Test   Result   Units   Range   Test   Result   Units   Range\n"
        "MCV   67.9   fl\n"
        "WBC   10.0   x10^9/L\n"
        "Platelets   359   x10^9/l\n"
        "ENDOCRINOLOGY AND OTHER\n"
        "80-100   C-reactive protein   6   mg/L   <5\n"
        "4-11   Alanine transaminase   31   IU/L   <41\n"
        "150-400   Chloride   101   mmol/L   95-108\n"
        "Bilirubin   11   umol/L   <21\n")
    assert got["MCV"] == ("67.9", "fl", 80, 100, None)
    assert got["WBC"] == ("10.0", "x10^9/L", 4, 11, None)
    assert got["Platelets"] == ("359", "x10^9/l", 150, 400, None)
    assert got["C-reactive protein"] == ("6", "mg/L", None, 5, None)
    assert got["Chloride"] == ("101", "mmol/L", 95, 108, None)
    assert not not_read


def test_displaced_ranges_that_do_not_match_their_results_one_for_one_stay_where_they_are():
    # two results without a range, three range-led rows: which range is whose cannot be told, so no
    # range is moved to them, and, as the page prints ranges nothing read carries, they are not read
    # (`page_checks`) rather than read without the range printed for them
    got, not_read = results(
        "Test   Result   Units   Range   Test   Result   Units   Range\n"
        "MCV   67.9   fl\n"
        "WBC   10.0   x10^9/L\n"
        "80-100   C-reactive protein   6   mg/L   <5\n"
        "4-11   Alanine transaminase   31   IU/L   <41\n"
        "150-400   Chloride   101   mmol/L   95-108\n"
        "Bilirubin   11   umol/L   <21\n"
        "Sodium   140   mmol/L   133-146\n"
        "Urea   5.6   mmol/L   2.5-7.8\n")
    assert "MCV" not in got and "WBC" not in got
    assert any(line.startswith("MCV") for line in not_read) and any(line.startswith("WBC") for line in not_read)
    assert got["Chloride"] == ("101", "mmol/L", 95, 108, None)
    assert got["Sodium"] == ("140", "mmol/L", 133, 146, None)


def test_a_trend_lines_small_axis_figures_beside_a_result_are_no_part_of_it():
    # a trend "sparkline" after each row, its lowest and highest earlier values printed small at its ends:
    # before, every row read "Sodium 140 mmol/L 133-146 131 152" and went to "not read"
    from healthlib.readers.labfiles.layout import Word, words_to_lines
    from healthlib.readers.labs.report_text import read_lines

    rows = [("Sodium", "140", "mmol/L", "133-146", "131", "152"), ("Potassium", "4.1", "mmol/L", "3.5-5.3", "3.8", "4.6"),
            ("Urea", "6.1", "mmol/L", "2.5-7.8", "5.0", "7.2")]
    words = []
    for k, (name, value, unit, rng, low, high) in enumerate(rows):
        top = 100 + 16 * k
        words += [Word(text, x, x + 5 * len(text), top, top + 9) for x, text in ((40, name), (200, value), (260, unit),
                                                                                 (330, rng))]
        words += [Word(low, 410, 410 + 3 * len(low), top + 4, top + 9), Word(high, 480, 480 + 3 * len(high), top, top + 5)]
    lines = words_to_lines(words, small_figures_apart=True)
    got = {r.printed_name: (r.value_text, r.range_low, r.range_high) for r in read_lines(lines).lines}
    assert got == {"Sodium": ("140", 133, 146), "Potassium": ("4.1", 3.5, 5.3), "Urea": ("6.1", 2.5, 7.8)}
    assert "131" in lines and "152" in lines  # kept, each a line of its own
    # set close to the next column's name, a small figure is still apart from it
    close = [Word(text, x, x + 5 * len(text), 100, 109) for x, text in ((40, "MCV"), (120, "101"), (160, "fL"),
                                                                        (200, "80-100"), (308, "Urea"), (350, "6.1"))]
    close.append(Word("145.0", 290, 305, 100, 105))
    assert words_to_lines(close, small_figures_apart=True) == ["MCV   101   fL   80-100   Urea   6.1", "145.0"]
    # a row all in one size keeps its figures
    same = [Word(text, x, x + 5 * len(text), 100, 109) for x, text in ((40, "Sodium"), (200, "140"), (300, "138"))]
    assert words_to_lines(same, small_figures_apart=True) == ["Sodium   140   138"]
