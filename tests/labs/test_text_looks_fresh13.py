"""Text looks first met in the thirteenth blind set, each read by a general rule: a log of key=value
records (logfmt), a results page's HTML source pasted as text, and a page printed value first
("140 mmol/L  Sodium  133 - 146", `test_anywhere`). On the code before, every result of the first two
was "not read"."""

from __future__ import annotations

from healthlib.readers.labs.html_table import read_html_tables
from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got


def test_a_log_of_key_value_records_is_read_a_record_a_line_and_nothing_else():
    read = read_report_text(
        '# export from CareLog - patient="Ann Example" dob=01/02/1960 mrn=12345678\n'
        "seq=1 ts=2024-03-12T08:39:00Z test=Sodium value=140 unit=\"mmol/L\" ref_low=136 ref_high=145\n"
        'seq=2 ts=2024-03-12T08:18:00Z test="Hemoglobin A1c" value=7.4 unit=% ref_high=5.7 flag=H\n'
        'seq=3 test="Urine Protein" value=Negative ref=Negative\n'
        'seq=4 test="Say \\"hi\\"" value=3\n')
    got = _got(read)
    assert got["Sodium"] == ("140", "mmol/L", 136, 145, None)
    assert got["Hemoglobin A1c"] == ("7.4", "%", None, 5.7, "H")
    assert got["Urine Protein"][0] == "Negative" and read.lines[2].range_text == "Negative"
    assert not any("Ann" in text or "12345678" in text for text in read.not_read)


def test_one_key_value_line_is_not_a_log():
    read = read_report_text("Note: see a=1 b=2\nSodium   140   mmol/L   136 - 145")
    assert list(_got(read)) == ["Sodium"]


def test_an_html_pages_table_is_read_row_by_row_with_htmls_own_entities_only():
    page = ("<!DOCTYPE html><html><head><title>x</title><style>td {color: red}</style></head><body>\n"
            "<h1>Test results &ndash; Ann Example</h1>\n<table>\n"
            "<thead><tr><th>Test</th><th>Result</th><th>Units</th><th>Reference range</th><th>Flag</th></tr></thead>\n"
            "<tbody>\n<tr><td>CRP</td><td>&lt;0.5</td><td>mg/L</td><td>&lt;5</td><td></td></tr>\n"
            "<tr><td>Sodium</td><td>150</td><td>mmol/L</td><td>136 - 145</td><td>H</td></tr>\n"
            "<tr><td>INR</td><td>1.0</td><td></td><td>0.9 - 1.1</td><td></td></tr>\n"
            "</tbody></table><p><small>Collected 12/03/2024</small></p></body></html>\n")
    got = _got(read_report_text(page))
    assert got == {"CRP": ("<0.5", "mg/L", None, 5, None), "Sodium": ("150", "mmol/L", 136, 145, "H"),
                   "INR": ("1.0", None, 0.9, 1.1, None)}


def test_text_without_an_html_table_is_left_as_it_was():
    lines = ["Sodium <b>140</b> mmol/L", "Potassium 4.1"]
    assert read_html_tables(lines) == lines
    assert read_html_tables(["<tr><td>Sodium</td><td>140</td></tr>"]) == ["Sodium   140"]


def test_a_flag_in_brackets_before_the_value_is_its_flag_not_part_of_the_name():
    # an SCI-Store-like print: before, "Chloride (L)" was read as the name and the flag lost
    read = read_report_text("Chloride   (L) 66   mmol/L   95 - 108\nTSH   (H)   5.64   mU/L   0.27 - 4.2\n"
                            "Sodium   140   mmol/L   133 - 146")
    assert _got(read) == {"Chloride": ("66", "mmol/L", 95, 108, "L"), "TSH": ("5.64", "mU/L", 0.27, 4.2, "H"),
                          "Sodium": ("140", "mmol/L", 133, 146, None)}
