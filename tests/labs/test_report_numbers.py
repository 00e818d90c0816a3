"""How numbers and marks are read: the report's decimal mark decided over the whole report,
thousands separators, flags as labs print them, and the rows that must go to "not read" instead."""

from __future__ import annotations

import pytest

from healthlib.readers.labs.decimal_mark import decimal_mark
from healthlib.readers.labs.report_text import read_text

from .test_report_columns import results  # {name: (value as read, unit, low, high, flag)}, not read


def test_a_european_report_reads_its_decimal_commas_in_values_and_ranges():
    got, not_read = results("Untersuchung   Ergebnis   Einheit   Referenz\n"
                            "Kalium   5,4   mmol/l   3,5-5,1\n"
                            "Natrium   140   mmol/l   135-145\n"
                            "Kreatinin   0,92   mg/dl   0,5 - 1,2\n"
                            "Haemoglobin   12,1   g/dl   <13,5\n"
                            "TSH   0,125   mU/l   0,27-4,2\n")
    assert got["Kalium"] == ("5.4", "mmol/l", 3.5, 5.1, None)
    assert got["Natrium"] == ("140", "mmol/l", 135, 145, None)
    assert got["Kreatinin"] == ("0.92", "mg/dl", 0.5, 1.2, None)
    assert got["Haemoglobin"][2:4] == (None, 13.5)
    assert got["TSH"][0] == "0.125"  # "0,125" cannot be a thousand
    assert not not_read


def test_a_pasted_european_line_alone_is_read():
    got, not_read = results("Potassium 5,4 mmol/l 3,5-5,1")
    assert got == {"Potassium": ("5.4", "mmol/l", 3.5, 5.1, None)} and not not_read


def test_a_lone_comma_and_three_figures_on_a_european_report_is_not_read():
    got, not_read = results("Kalium   5,4   mmol/l   3,5-5,1\n"
                            "Thrombozyten   1,250   /nl   150-400\n"
                            "Leukozyten   7.500   /ul   4.000-10.000\n")
    assert list(got) == ["Kalium"]
    assert not_read == ["Thrombozyten 1,250 /nl 150-400", "Leukozyten 7.500 /ul 4.000-10.000"]


def test_thousands_separators_in_values_and_ranges():
    got, not_read = results("WBC   9,400   /uL   3,800 - 10,800\n"
                            "Platelet Count   250,000   /uL   140,000-400,000\n"
                            "Hemoglobin   13.4   g/dL   13.2 - 17.1\n"
                            "Vitamin B12   268   pg/mL   200 - 1,100\n")
    assert got["WBC"][:4] == ("9,400", "/uL", 3800, 10800)
    assert got["Platelet Count"][:4] == ("250,000", "/uL", 140000, 400000)
    assert got["Vitamin B12"][2:4] == (200, 1100)
    assert [r.value for r in read_text("WBC   9,400   /uL   3,800 - 10,800").lines] == [9400]
    assert not not_read


def test_a_comma_and_two_figures_on_a_report_printing_decimal_points_is_not_read():
    got, not_read = results("Potassium   5,4   mmol/L   3.5-5.1\nSodium   140   mmol/L   136-145\n")
    assert list(got) == ["Sodium"] and not_read == ["Potassium 5,4 mmol/L 3.5-5.1"]


def test_a_sure_thousands_separator_keeps_commas_as_thousands():
    assert not decimal_mark(["RBC 4,500,000 /mm3", "MCH 29,5 pg"]).comma
    assert not decimal_mark(["Total 1,250.5 mg", "K 4,1 mmol/l"]).comma
    assert decimal_mark(["K 4,1 mmol/l 3,5-5,1", "Na 140 mmol/l"]).comma
    # a unit's figures and a test name's figures decide nothing
    assert decimal_mark(["eGFR 85 ml/min/1.73m2 >60", "K 4,1 mmol/l"]).comma
    assert not decimal_mark(["Vitamin D, 1,25-Dihydroxy 45 pg/mL 18-72"]).comma


def test_a_record_number_grouped_with_commas_is_never_read_nor_echoed():
    for text in ("ID 12,345,678\nSodium 140 mmol/L 136-145", "Ref 4,471,902\nK 4,1 mmol/l 3,5-5,1",
                 "12,345,678\nSodium 140 mmol/L 136-145"):
        read = read_text(text)
        assert [r.printed_name for r in read.lines] in (["Sodium"], ["K"])
        assert "345" not in read.model_dump_json() and "471" not in read.model_dump_json()


@pytest.mark.parametrize(("line", "flag"), [
    ("Sodium 173 HH* mmol/L 136-145", "HH*"), ("Potassium 2.1 LL* mmol/L 3.5-5.1", "LL*"),
    ("Urine protein Trace A* Negative", "A*"), ("Sodium 118 mmol/L 136-145 !!", "!!"),
    ("BUN 21 ! mg/dL 7-20", "!"), ("Haemoglobin 61 g/l ↓↓ 130-170", "↓↓"), ("Potassium 6.9 ↑↑ mmol/l 3.5-5.3", "↑↑"),
    ("TSH 0.16 ↓ mu/l 0.27-4.2", "↓"), ("INR 5.6 Critical 0.8-1.2", "Critical"), ("Glucose 45 AA mg/dL 70-99", "AA"),
])
def test_flags_as_labs_print_them(line, flag):
    read = read_text(line)
    assert [r.flag for r in read.lines] == [flag] and not read.not_read


def test_a_row_whose_cells_fit_two_ways_goes_to_not_read_even_with_a_date_in_it():
    got, not_read = results("Test   Result   Flag   Units   Reference range   Collected   Status   Lab\n"
                            "Chloride   101   mmol/L   98 - 107   22/05/2024 09:05   Final   NMC\n"
                            "Sodium   173   ??   mmol/L   136 - 145   22/05/2024 09:05   Final   NMC\n")
    assert list(got) == ["Chloride"]
    assert len(not_read) == 1 and not_read[0].startswith("Sodium 173") and "2024" not in not_read[0]


def test_a_critical_row_flagged_hh_star_under_collected_status_lab_columns_is_read():
    got, not_read = results("Test   Result   Flag   Units   Reference range   Collected   Status   Lab\n"
                            "Sodium   173   HH*   mmol/L   136 - 145   22/05/2024 09:05   Final   NMC\n"
                            "Urine Protein   Trace   A*   Negative   22/05/2024 09:05   Final   NMC\n"
                            "Magnesium   3.6   H*   mg/dl   1.5 - 2.5   22/05/2024 09:05   Final   NMC\n")
    assert not not_read and got == {"Sodium": ("173", "mmol/L", 136, 145, "HH*"),
                                    "Urine Protein": ("Trace", None, None, None, "A*"),
                                    "Magnesium": ("3.6", "mg/dl", 1.5, 2.5, "H*")}


def test_a_range_under_its_result_that_does_not_read_takes_the_result_to_not_read():
    got, not_read = results("Test   Result   Flag   Units\n"
                            "WBC   13.5   H   x10^9/L\n"
                            "Reference range: 3.8 - 10,80\n"
                            "BUN   21   H   mg/dL\n"
                            "Reference range: 7 - 20\n"
                            "CRP   4   mg/L\n"
                            "Reference range: not given\n")
    assert got["BUN"][2:4] == (7, 20)
    assert got["CRP"][:4] == ("4", "mg/L", None, None)
    assert "WBC" not in got and [line.split()[0] for line in not_read] == ["WBC"]


def test_a_labs_own_phone_number_is_not_a_result_nor_a_not_read_line():
    got, not_read = results("Accredited clinical laboratory   Tel 555-0100\nSodium 140 mmol/L 136-145")
    assert list(got) == ["Sodium"] and not not_read


def test_rows_with_a_collected_date_under_headings_not_known_are_read_without_the_date():
    read = read_text("Test   Result   Units   Reference range   Drawn   Verified by\n"
                     "Sodium   138   mmol/L   136-145   09/05/2024 09:05   Final   RGH\n"
                     "INR   5.4   HH*   0.9-1.1   09/05/2024 09:05   Final   RGH\n"
                     "Smith, John   12/03/1980   M\n"
                     "Albumin   3.9   g/dL   09/05/2024   3.5-5.0\n")
    got = {r.printed_name: (r.value, r.unit, r.range_low, r.range_high, r.flag) for r in read.lines}
    assert got == {"Sodium": (138, "mmol/L", 136, 145, None), "INR": (5.4, None, 0.9, 1.1, "HH*"),
                   "Albumin": (3.9, "g/dL", 3.5, 5.0, None)}
    dumped = read.model_dump_json()
    assert "2024" not in dumped and "Smith" not in dumped and "1980" not in dumped and not read.not_read


def test_a_dated_line_about_a_person_is_still_dropped():
    for line in ("Patient: Iron Smith 12/03/1980   Sodium 140 mmol/L", "Glucose Smith   12/03/1980   45 kg",
                 "Date of birth 12/03/1980   Potassium 4.1 mmol/L 3.5-5.1"):
        read = read_text(line)
        assert not read.lines and not read.not_read and "1980" not in read.model_dump_json()


def test_a_column_rule_read_between_two_headings_does_not_hide_the_heading_line():
    got, not_read = results("Test   Result   Flag   Units   Reference range _—_ Collected   Status   Lab\n"
                            "Calcium   11.1   H*   mg/dl   8.6-10.3   09/05/2024 09:05   Final   RGH\n")
    assert got == {"Calcium": ("11.1", "mg/dl", 8.6, 10.3, "H*")} and not not_read


def test_german_and_french_counts_arrows_and_plus_flags():
    got, not_read = results("Leukozyten   11,2 ↑   /nl   4,0 - 10,0\n"
                            "Thrombozyten   250   /nl   150 - 400\n"
                            "Kreatinin   1,35 +   mg/dl   0,5 - 1,2\n"
                            "Natrium   118↓↓   mmol/l   135 - 145\n"
                            "GFR (CKD-EPI)   >60   ml/min/1,73m²   >60\n")
    assert not not_read and got == {
        "Leukozyten": ("11.2", "/nl", 4.0, 10.0, "↑"), "Thrombozyten": ("250", "/nl", 150, 400, None),
        "Kreatinin": ("1.35", "mg/dl", 0.5, 1.2, "+"), "Natrium": ("118", "mmol/l", 135, 145, "↓↓"),
        "GFR (CKD-EPI)": (">60", "ml/min/1.73m²", 60, None, None)}


def test_giga_and_tera_per_litre_are_counts_but_capital_g_per_l_alone_stays_as_printed():
    from healthlib.model.lab_units import normalise_unit

    got, not_read = results("Leukozyten   7,5   G/l   4,0 - 10,0\nErythrozyten   4,8   T/l   4,3 - 5,7\n"
                            "Thrombozyten   250   Gpt/l   150 - 400\n")
    assert [got[name][1] for name in ("Leukozyten", "Erythrozyten", "Thrombozyten")] == ["G/l", "T/l", "Gpt/l"]
    assert not not_read
    assert [normalise_unit(u) for u in ("G/l", "Gpt/l", "T/l", "/nl", "Thousand/uL", "Million/uL")] == [
        "10^9/l", "10^9/l", "10^12/l", "10^9/l", "10^9/l", "10^12/l"]
    assert normalise_unit("G/L") == "g/l"  # "ALBUMIN 40 G/L" on a report printed in capitals


def test_a_unit_the_reader_does_not_know_is_never_dropped_as_a_note():
    got, not_read = results("PLATELET COUNT   140   L   140-400 Thousand/uL\n"
                            "RBC   4.5   4.2-5.8 Million/uL\n"
                            "WBC   3.2   L   3.8-10.8 Zellen/nl\n"
                            "Glucose   85   mg/dL   70-99   fasting/random\n")
    assert got["PLATELET COUNT"][:2] == ("140", "Thousand/uL") and got["RBC"][:2] == ("4.5", "Million/uL")
    assert got["Glucose"][:2] == ("85", "mg/dL")  # a note after a result with its unit is still a note
    assert "WBC" not in got and not_read == ["WBC 3.2 L 3.8-10.8 Zellen/nl"]


def test_a_portal_block_with_the_range_before_the_value():
    got, not_read = results("Sodium\nNormal range: 135 - 145 mmol/L\nValue\n140\n"
                            "Potassium\nNormal range: 3.5 - 5.1 mmol/L\nValue\n5.6 (H)\n"
                            "Glucose\nNormal range: 70 - 99 mg/dL\n105 (H)\n")
    assert got == {"Sodium": ("140", "mmol/L", 135, 145, None), "Potassium": ("5.6", "mmol/L", 3.5, 5.1, "H"),
                   "Glucose": ("105", "mg/dL", 70, 99, "H")}
    assert not not_read


def test_a_range_under_a_label_that_is_no_test_takes_its_result_to_not_read():
    got, not_read = results("Hematocrit   40.1   %\n"
                            "neyerence range: 38.5-50.0\n"  # a label OCR garbled
                            "Cholesterol   180   mg/dL\n"
                            "HDL:   >40   mg/dL\n")  # a test's name: its own result
    assert "Hematocrit" not in got and not_read == ["Hematocrit 40.1 % neyerence range: 38.5-50.0"]
    assert got["Cholesterol"][:4] == ("180", "mg/dL", None, None) and got["HDL"][:2] == (">40", "mg/dL")


def test_on_an_ocr_page_printing_ranges_under_results_a_result_whose_range_line_was_lost_is_not_read():
    from healthlib.readers.labs.report_text import read_lines

    lines = ["Test   Result   Flag   Units", "Albumin   4.3   g/dL", "Reference range: 3.5-5.0", "Hematocrit   40.1   %",
             "wee", "AST   56   !   U/L", "Reference range: 10-40", "Creatinine   0.85   mg/dl",
             "Reference range: 0.60-1.30", "CRP   49   mg/L", "Magnesium   1.7   mg/dL", "Reference range: 1.5-2.5"]
    ocr = read_lines(lines, check_flags=True)
    assert [r.printed_name for r in ocr.lines] == ["Albumin", "AST", "Creatinine", "Magnesium"]
    assert ocr.not_read == ["Hematocrit 40.1 %", "CRP 49 mg/L"]
    # text from a PDF's own text layer loses nothing to OCR: a result printed without a range is read
    assert [r.printed_name for r in read_lines(lines).lines] == ["Albumin", "Hematocrit", "AST", "Creatinine", "CRP",
                                                                 "Magnesium"]
