"""Text looks first met in the nineteenth set's tuning look-alike, each read by a general rule: a table
printed by a program (a pandas DataFrame's print, its blocks of columns when wide) or held as typeset
source (a LaTeX tabular: `source_tables`); a cumulative report's dated heading printed once over each
of two tables side by side (`columns.dated_columns`); a footnote's mark printed against a value, its note
at the page's foot (`report_text.footnote_marks_apart`); a panel's merged cell run into a row's name;
a laboratory system's short codes for vitamin D and urine protein (catalogue). On the code before,
every result of each was "not read" or missing."""

from __future__ import annotations

from healthlib.library.labs import explain_lab_report
from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got


def test_a_dataframes_print_is_read_by_its_column_names_not_its_row_numbers():
    read = read_report_text(
        ">>> labs = pd.read_csv('export_00417.csv')\n"
        ">>> labs\n"
        "            analyte    result   units  range_low  range_high  range_text  abn\n"
        "0        Hemoglobin       6.8    g/dL       12.0        15.5         NaN   LL\n"
        "1         Potassium       4.1  mmol/L        3.5         5.1         NaN  NaN\n"
        "2  Bilirubin, Total       0.3   mg/dL        0.1         1.2         NaN  NaN\n"
        "3     Urine Nitrite  Negative     NaN        NaN         NaN    Negative  NaN\n"
        ">>> labs.shape\n(4, 7)\n")
    assert _got(read) == {"Hemoglobin": ("6.8", "g/dL", 12, 15.5, "LL"), "Potassium": ("4.1", "mmol/L", 3.5, 5.1, None),
                          "Bilirubin, Total": ("0.3", "mg/dL", 0.1, 1.2, None),
                          "Urine Nitrite": ("Negative", None, None, None, None)}
    assert read.not_read == []
    assert explain_lab_report(read).urgent  # the critical "LL" haemoglobin


def test_a_wide_dataframe_printed_in_two_blocks_of_columns_is_one_table():
    read = read_report_text(
        ">>> labs\n"
        "            analyte    result   units  lower_limit  \\\n"
        "0            Sodium       139  mmol/L        133.0   \n"
        "1         Potassium       5.9  mmol/L          3.5   \n"
        "2  Glucose, fasting       7.8  mmol/L          3.0   \n"
        "\n"
        "   upper_limit abnormal_flag   collected  \n"
        "0        146.0           NaN  2024-05-02  \n"
        "1          5.3             H  2024-05-02  \n"
        "2          6.0             H  2024-05-02  \n")
    assert _got(read) == {"Sodium": ("139", "mmol/L", 133, 146, None), "Potassium": ("5.9", "mmol/L", 3.5, 5.3, "H"),
                          "Glucose, fasting": ("7.8", "mmol/L", 3, 6, "H")}


def test_rows_not_lined_up_under_their_heading_are_no_dataframe():
    from healthlib.readers.labs.source_tables import read_frame_prints

    lines = ["      test  value", "0  Sodium 139", "1  Potassium   4.1"]
    assert read_frame_prints(lines) == lines


LATEX = r"""\documentclass{article}
\begin{document}
Name: Jon Example \\ NHS number: 943 476 5919 \par
\begin{table}[h]
\begin{tabular}{|l|r|l|l|l|}
\hline
\textbf{Analyte} & \textbf{Value} & \textbf{Unit} & \textbf{Normal range} & \textbf{Flag} \\ \hline
Serum sodium & \textbf{129} & mmol/L & 133--146 & L \\
HbA1c & 41 & mmol/mol & $<$42 & \\
Platelets & 212 & \verb|x10^9/L| & 150--400 & \\ % checked twice
Haematocrit & \textit{0.39} & L/L & 0.37--0.47 & \\
Urine blood & Negative & & Negative & \\
Percent saturation & 31 & \% & 20--50 & \\ \hline
\end{tabular}
\end{table}
\end{document}
"""


def test_a_latex_tables_source_is_read_as_it_is_typeset():
    read = read_report_text(LATEX)
    assert _got(read) == {"Serum sodium": ("129", "mmol/L", 133, 146, "L"), "HbA1c": ("41", "mmol/mol", None, 42, None),
                          "Platelets": ("212", "x10^9/L", 150, 400, None), "Haematocrit": ("0.39", "L/L", 0.37, 0.47, None),
                          "Urine blood": ("Negative", None, None, None, None),
                          "Percent saturation": ("31", "%", 20, 50, None)}


def test_a_dated_heading_printed_over_two_tables_side_by_side_reads_the_newest_column():
    read = read_report_text(
        "Analyte   01/02/2021   15/08/2022   20/01/2024   Units   Ref   Analyte   01/02/2021   15/08/2022   20/01/2024   Units   Ref\n"
        "Potassium   4.4   4.9   5.8   mmol/L   3.5 - 5.3\n"
        "Albumin   41   39   36   g/L   35 - 50\n"
        "Urea   5.1   6.2   7.9   mmol/L   2.5 - 7.8\n"
        "Free T4   15   14   16   pmol/L   12 - 22\n")
    assert _got(read) == {"Potassium": ("5.8", "mmol/L", 3.5, 5.3, None), "Albumin": ("36", "g/L", 35, 50, None),
                          "Urea": ("7.9", "mmol/L", 2.5, 7.8, None), "Free T4": ("16", "pmol/L", 12, 22, None)}
    # newest on the left, the dates and "Units" a single space apart (a bold date set wider), and two
    # rows still side by side: those stay unread, never mixed
    read = read_report_text(
        "Test   20/01/2024 15/08/2022 01/02/2021 Units   Range   Test   20/01/2024 15/08/2022 01/02/2021 Units   Range\n"
        "Potassium   5.8   4.9   4.4   mmol/L   3.5 - 5.3   Albumin   36   39   41   g/L   35 - 50\n"
        "Urea   7.9   6.2   5.1   mmol/L   2.5 - 7.8\n"
        "Sodium   140   139   141   mmol/L   133 - 146\n")
    got = _got(read)
    assert got["Urea"] == ("7.9", "mmol/L", 2.5, 7.8, None) and got["Sodium"] == ("140", "mmol/L", 133, 146, None)
    assert got.get("Potassium", ("5.8",))[0] == "5.8" and got.get("Albumin", ("36",))[0] == "36"


FOOTNOTED = (
    "Section   Test   Result   Units   Range\n"
    "Biochemistry Creatinine   88c   umol/L   59 - 104\n"
    "Sodium   141*   mmol/L   133 - 146\n"
    "Urine protein   Trace*   Negative\n"
    "Phosphate   1.12   mmol/L   0.8 - 1.5\n"
    "ImmunologyIgA   2.1   g/L   0.8 - 4.0\n"
    "BiochemistryeGFR   74b   mL/min/1.73m2   >60\n"
    "Haematology Platelets   388a   x10^9/L   150 - 400\n"
    "* Confirmed on repeat analysis.\n"
    "a Clumped sample; count checked on a film.\n"
    "b Diluted and measured again.\n"
    "c Method changed on 01/03/2024; results comparable.\n")


def test_a_footnotes_mark_after_a_value_is_the_notes_and_a_panel_before_a_name_is_no_part_of_it():
    read = read_report_text(FOOTNOTED)
    assert _got(read) == {"Creatinine": ("88", "umol/L", 59, 104, None), "Sodium": ("141", "mmol/L", 133, 146, None),
                          "Urine protein": ("Trace", None, None, None, None),
                          "Phosphate": ("1.12", "mmol/L", 0.8, 1.5, None), "IgA": ("2.1", "g/L", 0.8, 4.0, None),
                          "eGFR": ("74", "mL/min/1.73m2", 60, None, None),
                          "Platelets": ("388", "x10^9/L", 150, 400, None)}


def test_a_star_the_foot_explains_as_out_of_range_stays_a_flag_and_a_letter_with_no_note_stays():
    from healthlib.readers.labs.report_text import footnote_marks_apart

    lines = ["Sodium   151*   mmol/L   133 - 146", "Ferritin   12b   ug/L   30 - 400", "* Outside the reference range."]
    assert footnote_marks_apart(lines) == lines


def test_a_lab_systems_short_codes_for_vitamin_d_and_urine_protein_are_known():
    read = read_report_text(
        "VITD   High\n"
        "142 ng/mL\n"
        "Standard range: 30 - 100\n"
        "UPRO   Abnormal\n"
        "Positive\n"
        "Standard range: Negative\n")
    assert _got(read) == {"VITD": ("142", "ng/mL", 30, 100, "High"), "UPRO": ("Positive", None, None, None, "Abnormal")}
