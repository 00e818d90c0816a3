"""Report text in the shapes the big laboratories and portals print, written by hand (the values
are made up): a LabCorp-style table whose test names carry the performing lab's footnote code
("Glucose 01") and end in a Lab column, a Quest-style table with "Thousand/uL" counts, a
Canadian table with the flag column before the result and "x E9/L" units, and an Australian one
with "mL/min/1.73m*2". Each result is read exactly or not at all."""

from __future__ import annotations

from .test_report_columns import results


def test_labcorp_footnote_codes_after_names_and_a_lab_column():
    got, not_read = results(
        "TESTS                                RESULT  FLAG        UNITS       REFERENCE INTERVAL   LAB\n"
        "Comp. Metabolic Panel (14)\n"
        " Glucose 01                             98                mg/dL       70-99                01\n"
        " BUN 01                                 22   High         mg/dL       6-20                 01\n"
        " eGFR                                   85                mL/min/1.73 >59\n"
        " Cholesterol, Total 02                 212   High         mg/dL       100-199              02\n"
        " LDL Chol Calc (NIH) 01                133   High         mg/dL       0-99                 01\n")
    assert got["Glucose"] == ("98", "mg/dL", 70, 99, None)
    assert got["BUN"] == ("22", "mg/dL", 6, 20, "High")
    assert got["eGFR"] == ("85", "mL/min/1.73", 59, None, None)
    assert got["Cholesterol, Total"] == ("212", "mg/dL", 100, 199, "High")
    assert got["LDL Chol Calc (NIH)"] == ("133", "mg/dL", 0, 99, "High")
    assert not not_read


def test_a_footnote_code_is_never_a_value():
    got, not_read = results("Sodium 01   141   mmol/L   134-144\nVitamin B12   350   pg/mL   232-1245\n")
    assert got["Sodium"] == ("141", "mmol/L", 134, 144, None)
    assert got["Vitamin B12"] == ("350", "pg/mL", 232, 1245, None)  # a number that is part of a name stays


def test_quest_thousand_per_microlitre_counts_keep_their_unit():
    got, not_read = results(
        "Test Name                          In Range     Out Of Range     Reference Range        Lab\n"
        "  WHITE BLOOD CELL COUNT           6.2                           3.8-10.8 Thousand/uL   EN\n"
        "  RED BLOOD CELL COUNT             4.41                          3.80-5.10 Million/uL   EN\n"
        "  PLATELET COUNT                   245                           140-400 Thousand/uL    EN\n")
    assert got["WHITE BLOOD CELL COUNT"] == ("6.2", "Thousand/uL", 3.8, 10.8, None)
    assert got["RED BLOOD CELL COUNT"] == ("4.41", "Million/uL", 3.8, 5.1, None)
    assert got["PLATELET COUNT"][1] == "Thousand/uL" and not not_read


def test_flag_column_before_the_result_is_not_part_of_the_name():
    got, not_read = results(
        "Test                     Flag   Result      Reference Range       Units\n"
        "Hemoglobin                      138         115 - 155             g/L\n"
        "WBC                       H     11.9        4.0 - 11.0            x E9/L\n"
        "Potassium                 H     5.3         3.5 - 5.0             mmol/L\n"
        "Hemoglobin A1C            H     6.8         <6.0                  %\n")
    assert got["Hemoglobin"] == ("138", "g/L", 115, 155, None)
    assert got["WBC"] == ("11.9", "x E9/L", 4.0, 11.0, "H")
    assert got["Potassium"] == ("5.3", "mmol/L", 3.5, 5.0, "H")
    assert got["Hemoglobin A1C"] == ("6.8", "%", None, 6.0, "H")
    assert not not_read


def test_egfr_unit_with_a_starred_square():
    got, not_read = results("                  Result   Units      Ref Range\n"
                            "Creatinine        112 H    umol/L     (45-90)\n"
                            "eGFR              45       mL/min/1.73m*2 (>59)\n")
    assert got["eGFR"] == ("45", "mL/min/1.73m*2", 59, None, None)
    assert got["Creatinine"] == ("112", "umol/L", 45, 90, "H") and not not_read


def test_uk_gp_record_terms_are_read_and_matched_to_their_tests():
    from healthlib.readers.labs.catalogue import builtin_catalogue

    text = ("Haemoglobin estimation 128 g/L [115 - 165]\n"
            "Platelet count - observation 310 10*9/L [150 - 450]\n"
            "Serum adjusted calcium concentration 2.41 mmol/L [2.2 - 2.6]\n"
            "Haemoglobin A1c level - IFCC standardised 52 mmol/mol [<42] Abnormal\n"
            "eGFR using creatinine (CKD-EPI) per 1.73 square metres 58 mL/min [>90]\n"
            "Serum 25-Hydroxy vitamin D3 level 41 nmol/L [50 - 150]\n")
    got, not_read = results(text)
    assert got["eGFR using creatinine (CKD-EPI) per 1.73 square metres"] == ("58", "mL/min", 90, None, None)
    assert not not_read
    catalogue = builtin_catalogue()
    assert [catalogue.match(name).id for name in got] == ["haemoglobin", "platelets", "calcium", "hba1c", "egfr",
                                                          "vitamin-d"]


def test_a_decimal_number_in_a_name_is_still_refused_outside_the_body_area():
    got, not_read = results("Glucose 1.5 h post 5.4 mmol/L 3.5-7.8\n")
    assert not got and not_read


def test_a_phone_app_copy_with_the_range_before_a_lone_value_label():
    got, not_read = results("Potassium\nNormal range: 3.5 - 5.1 mmol/L\nValue\n5.6 mmol/L\nHigh\n\n"
                            "Sodium\nNormal range: 136 - 145 mmol/L\nValue\n139 mmol/L\n\n"
                            "eGFR\nValue: >90 mL/min/1.73m2\nNormal range: >= 60 mL/min/1.73m2\n\n"
                            "INR\nValue: 0.9\nNormal range: 0.9 to 1.1\n")
    assert got["Potassium"] == ("5.6", "mmol/L", 3.5, 5.1, "High")
    assert got["Sodium"] == ("139", "mmol/L", 136, 145, None)
    assert got["eGFR"] == (">90", "mL/min/1.73m2", 60, None, None)
    assert got["INR"] == ("0.9", None, 0.9, 1.1, None)
    assert "Value" not in got and not not_read


def test_a_block_with_two_values_is_not_joined():
    got, not_read = results("Potassium\n5.6 mmol/L\n4.9 mmol/L\n3.5 - 5.1 mmol/L\n")
    assert "Potassium" not in got


def test_a_range_after_the_word_range_alone_in_brackets():
    got, not_read = results("Vitamin D: 32 nmol/L (range 50-175) LOW\n")
    assert got["Vitamin D"] == ("32", "nmol/L", 50, 175, "LOW") and not not_read


def test_a_range_on_the_line_under_a_result_printed_with_single_spaces():
    got, not_read = results("Na 228 mmol/L HI\n ref 136-145\nALB 4.9 g/dL\n ref 3.5-5\n"
                            "Carbon Dioxide, Total 27 mmol/L\n(range 22 - 29)\n")
    assert got["Na"] == ("228", "mmol/L", 136, 145, "HI")
    assert got["ALB"] == ("4.9", "g/dL", 3.5, 5, None)
    assert got["Carbon Dioxide, Total"] == ("27", "mmol/L", 22, 29, None) and not not_read


def test_on_a_report_with_ranges_a_result_without_one_is_not_read():
    text = ("Sodium 140 mmol/L 136-145\nPotassium 4.1 mmol/L 3.5-5.1\nChloride 101 mmol/L 98-107\n"
            "Urea 5.2 mmol/L 2.5-7.8\nCreatinine 88 umol/L\nCalcium 2.3 mmol/L 2.2-2.6\n")
    got, not_read = results(text)
    assert "Creatinine" not in got and not_read == ["Creatinine 88 umol/L"]
    got, not_read = results("Sodium 140 mmol/L\nPotassium 4.1 mmol/L\nCreatinine 88 umol/L\n")
    assert len(got) == 3 and not not_read  # a report printing no ranges: judged by the catalogue's
