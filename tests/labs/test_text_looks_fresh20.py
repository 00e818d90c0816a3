"""Text looks first met in the twentieth set's tuning look-alike, each read by a general rule: a delimited
export printed one column a test (a wide CSV: `free_text.read_transposed_exports`), whose point decimals
stand after a comma delimiter (`decimal_mark`). On the code before, every result of each was "not read"."""

from __future__ import annotations

from healthlib.library.labs import explain_lab_report
from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got


def test_a_wide_csv_one_column_a_test_is_read_column_by_column():
    read = read_report_text(
        "Name,Jo Example\n"
        "Test,Hemoglobin,\"Protein, Total\",Potassium,Urine Nitrite\n"
        "Result,6.9,7.1,4.4,Positive\n"
        "Units,g/dL,g/dL,mmol/L,\n"
        "Reference range,12.0-15.5,6-8.3,3.5-5.1,Negative\n"
        "Flag,LL,,,A\n"
        "Collected,2024-03-12 08:15,2024-03-12 08:15,2024-03-12 08:15,2024-03-12 08:15\n")
    assert _got(read) == {"Hemoglobin": ("6.9", "g/dL", 12, 15.5, "LL"), "Protein, Total": ("7.1", "g/dL", 6, 8.3, None),
                          "Potassium": ("4.4", "mmol/L", 3.5, 5.1, None), "Urine Nitrite": ("Positive", None, None, None, "A")}
    assert read.not_read == []
    assert explain_lab_report(read).urgent  # the critical "LL" haemoglobin


def test_a_wide_export_with_tabs_and_a_semicolon_export_with_decimal_commas():
    read = read_report_text("Analyte\tSodium\tGlucose\tTSH\nValue\t141\t5.2\t2.10\nUnit\tmmol/L\tmmol/L\tmU/L\n"
                            "Range\t133-146\t3.0-6.0\t0.27-4.2\n")
    assert _got(read) == {"Sodium": ("141", "mmol/L", 133, 146, None), "Glucose": ("5.2", "mmol/L", 3, 6, None),
                          "TSH": ("2.10", "mU/L", 0.27, 4.2, None)}
    read = read_report_text("Test;Sodium;Glucose;TSH\nResult;141;5,2;2,10\nUnits;mmol/l;mmol/l;mU/l\n"
                            "Reference range;133-146;3,0-6,0;0,27-4,2\n")
    assert _got(read)["Glucose"] == ("5.2", "mmol/l", 3, 6, None)


def test_a_wide_export_whose_rows_are_not_lined_up_is_not_read_cell_by_cell():
    read = read_report_text("Test,Sodium,Glucose,TSH\nResult,141,5.2,2.10\nUnits,mmol/L,mmol/L\n"
                            "Reference range,133-146,3.0-6.0,0.27-4.2\n")
    assert read.lines == [] or all(line.unit for line in read.lines)  # no unit given to the wrong test
    assert not any(line.printed_name == "TSH" and line.unit == "mmol/L" for line in read.lines)


def _label_sheet(labels: list[list[tuple[str, float, str]]], columns: int = 2) -> bytes:
    """A sheet of sticky labels, `columns` a row: each label its lines (text, font size, where: "left"/"corner")."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    width, height = letter
    label_w, label_h = (width - 80) / columns, 110
    for k, lines in enumerate(labels):
        x, top = 40 + (k % columns) * label_w, height - 50 - (k // columns) * label_h
        c.roundRect(x + 4, top - label_h + 8, label_w - 8, label_h - 8, 6)
        y = top - 24
        for text, size, where in lines:
            c.setFont("Helvetica-Bold" if size > 11 else "Helvetica", size)
            if where == "corner":
                c.drawRightString(x + label_w - 16, top - 24, text)
                continue
            c.drawString(x + 14, y, text)
            y -= size + 8
    c.save()
    return buffer.getvalue()


def test_a_sheet_of_sticky_labels_two_a_row_is_read_label_by_label():
    from healthlib.readers.labs.report import read_report_bytes

    labels = [[("Jo Example", 11, "left"), ("Born 01/02/1960", 9, "left"), ("Hosp no 4455667", 9, "left")],
              [("Potassium", 11, "left"), ("HH", 11, "corner"), ("6.9 mmol/L", 14, "left"), ("Range 3.5 - 5.1", 9, "left")],
              [("Sodium", 11, "left"), ("139 mmol/L", 14, "left"), ("Range 133 - 146", 9, "left")],
              [("Hemoglobin", 11, "left"), ("L", 11, "corner"), ("10.1 g/dL", 14, "left"), ("Range 12.0 - 15.5", 9, "left")],
              [("TSH", 11, "left"), ("2.10 mIU/L", 14, "left"), ("Range 0.4 - 4.5", 9, "left")],
              [("Urine Nitrite", 11, "left"), ("A", 11, "corner"), ("Positive", 14, "left"), ("Range Negative", 9, "left")]]
    read = read_report_bytes(_label_sheet(labels), name="labels.pdf")
    assert _got(read) == {"Potassium": ("6.9", "mmol/L", 3.5, 5.1, "HH"), "Sodium": ("139", "mmol/L", 133, 146, None),
                          "Hemoglobin": ("10.1", "g/dL", 12, 15.5, "L"), "TSH": ("2.10", "mIU/L", 0.4, 4.5, None),
                          "Urine Nitrite": ("Positive", None, None, None, "A")}
    assert explain_lab_report(read).urgent


def test_a_label_names_corner_flag_joins_its_value_and_range_under_it():
    read = read_report_text("GLU   HH\n432 mg/dL\nRef: 70 - 99\nMg   H\n3.6 mg/dL\nRef: 1.5 - 2.5\n")
    assert _got(read) == {"GLU": ("432", "mg/dL", 70, 99, "HH"), "Mg": ("3.6", "mg/dL", 1.5, 2.5, "H")}


def test_an_a_to_z_indexs_initial_letters_are_neither_flags_nor_names():
    read = read_report_text(
        "Results A-Z\n"
        "0-9\n25-OH vitamin D   61   nmol/L   50 - 175\n"
        "A\nAlbumin   41   g/L   35 - 50\n"
        "C\nC-reactive protein   4   mg/L   <5\n"
        "F\nFree T4   23   pmol/L   12 - 22\n"
        "H\nHaemoglobin   131   g/L   130 - 170\n"
        "L\nLDL cholesterol   2.1   mmol/L   <3\n")
    assert _got(read) == {"25-OH vitamin D": ("61", "nmol/L", 50, 175, None),
                          "Albumin": ("41", "g/L", 35, 50, None), "C-reactive protein": ("4", "mg/L", None, 5, None),
                          "Free T4": ("23", "pmol/L", 12, 22, None), "Haemoglobin": ("131", "g/L", 130, 170, None),
                          "LDL cholesterol": ("2.1", "mmol/L", None, 3, None)}


def test_a_lone_letter_that_heads_no_index_is_left_as_it_was():
    from healthlib.readers.labs.report_text import without_index_letters

    lines = ["Potassium   6.1   mmol/L   3.5 - 5.1", "H", "Sodium   139   mmol/L   133 - 146"]
    assert without_index_letters(lines) == lines
    lines = ["C", "Calcium   2.4", "A", "Albumin   40", "F", "Ferritin   50"]  # not in order
    assert without_index_letters(lines) == lines


NAMED_INDEX = (">>> labs.set_index(\"analyte\")\n"
              "                    result   units  range_low  range_high  range_text  abn\n"
              "analyte                                                                   \n"
              "Hemoglobin             6.8    g/dL       12.0        15.5         NaN   LL\n"
              "Potassium              4.1  mmol/L        3.5         5.1         NaN  NaN\n"
              "Bilirubin, Total       0.3   mg/dL        0.1         1.2         NaN  NaN\n"
              "Urine Nitrite     Negative     NaN        NaN         NaN    Negative  NaN\n"
              ">>> ")


def test_a_dataframe_printed_with_a_named_index_is_read_by_its_column_names():
    read = read_report_text(NAMED_INDEX)
    assert _got(read) == {"Hemoglobin": ("6.8", "g/dL", 12, 15.5, "LL"), "Potassium": ("4.1", "mmol/L", 3.5, 5.1, None),
                          "Bilirubin, Total": ("0.3", "mg/dL", 0.1, 1.2, None),
                          "Urine Nitrite": ("Negative", None, None, None, None)}
    assert read.not_read == []


def test_a_discipline_run_into_a_tests_name_is_dropped_whatever_discipline_it_is():
    read = read_report_text("RheumatologyCRP   3   mg/L   <5\nNephrologyCreatinine   88   umol/L   60 - 110\n"
                            "Sodium   139   mmol/L   133 - 146\n")
    assert _got(read) == {"CRP": ("3", "mg/L", None, 5, None), "Creatinine": ("88", "umol/L", 60, 110, None),
                          "Sodium": ("139", "mmol/L", 133, 146, None)}


def test_a_left_labels_corner_flag_stays_with_its_label():
    from healthlib.readers.labs.report import read_report_bytes

    labels = [[("Jo Example", 11, "left"), ("Born 01/02/1960", 9, "left")],
              [("Sodium", 11, "left"), ("139 mmol/L", 14, "left"), ("Range 133 - 146", 9, "left")],
              [("ALT", 11, "left"), ("H", 11, "corner"), ("63 U/L", 14, "left"), ("Range 7 - 56", 9, "left")],
              [("TSH", 11, "left"), ("2.10 mIU/L", 14, "left"), ("Range 0.4 - 4.5", 9, "left")],
              [("CO2", 11, "left"), ("L", 11, "corner"), ("14 mmol/L", 14, "left"), ("Range 22 - 29", 9, "left")],
              [("PSA", 11, "left"), ("2.1 ng/mL", 14, "left"), ("Range < 4", 9, "left")]]
    read = read_report_bytes(_label_sheet(labels), name="labels.pdf")
    assert _got(read) == {"Sodium": ("139", "mmol/L", 133, 146, None), "ALT": ("63", "U/L", 7, 56, "H"),
                          "TSH": ("2.10", "mIU/L", 0.4, 4.5, None), "CO2": ("14", "mmol/L", 22, 29, "L"),
                          "PSA": ("2.1", "ng/mL", None, 4, None)}


def _index_pdf(groups: dict[str, list[tuple[str, str, str, str]]]) -> bytes:
    """An A-Z index in two columns under large initial letters, the columns' rows at other heights."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)
    c.drawString(40, 800, "Patient: Jo Example   Results A-Z")
    keys = list(groups)
    for column, part in enumerate((keys[:len(keys) // 2], keys[len(keys) // 2:])):
        x, y = 40 + column * 275, 770 - column * 9
        for initial in part:
            c.setFont("Helvetica-Bold", 18)
            c.drawString(x, y, initial)
            y -= 20
            c.setFont("Helvetica", 8)
            for row in groups[initial]:
                for dx, cell in zip((0, 100, 135, 190), row, strict=True):
                    c.drawString(x + dx, y, cell)
                y -= 15
            y -= 6
    c.save()
    return buffer.getvalue()


def test_an_index_in_two_columns_whose_rows_stand_at_other_heights_is_read_column_by_column():
    from healthlib.readers.labs.report import read_report_bytes

    groups = {"A": [("Albumin", "41", "g/L", "35 - 50"), ("ALT", "22", "IU/L", "<41")],
              "C": [("Calcium", "2.31", "mmol/L", "2.2 - 2.6"), ("CRP", "3", "mg/L", "<5")],
              "F": [("Ferritin", "88", "ug/L", "30 - 400")],
              "H": [("Hb", "131", "g/L", "130 - 170"), ("HbA1c", "38", "mmol/mol", "<42")],
              "I": [("INR", "1.0", "", "0.8 - 1.2")],
              "L": [("LDL cholesterol", "2.1", "mmol/L", "<3")],
              "P": [("Potassium", "4.4", "mmol/L", "3.5 - 5.3"), ("PSA", "1.2", "ug/L", "<4")],
              "S": [("Sodium", "139", "mmol/L", "133 - 146")],
              "T": [("TSH", "1.9", "mU/L", "0.27 - 4.2")],
              "U": [("Urea", "5.1", "mmol/L", "2.5 - 7.8")],
              "W": [("WBC", "6.2", "x10^9/L", "4 - 11")]}
    read = read_report_bytes(_index_pdf(groups), name="index.pdf")
    want = {name: (value, unit or None) for rows in groups.values() for name, value, unit, _ in rows}
    assert {name: (v, u) for name, (v, u, *_) in _got(read).items()} == want
    assert _got(read)["INR"][2:4] == (0.8, 1.2) and _got(read)["Calcium"][2:4] == (2.2, 2.6)
