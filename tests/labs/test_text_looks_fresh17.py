"""Text looks first met in the seventeenth blind set, each read by a general rule that extends what the
readers already do: a GP system's pathology message with each result's Read code in a column of its own
(`columns` heading roles). On the code before, every result of each was "not read"."""

from __future__ import annotations

from healthlib.readers.labs.report import read_report_text
from tests.labs.test_text_looks_fresh11 import _got

READ_CODES = (
    "Report     : Final      Sample taken 11-Mar-2024 09:20\n"
    "Filed by   : Dr E. Holloway 12-Mar-2024   Action: No further action - routine\n\n"
    "Test                         Result  Units          Range         Read code\n"
    "Haematocrit                    0.51  L/L            0.4 - 0.52    44D1.\n"
    "HbA1c                            26  mmol/mol       < 42          43B5.\n"
    "Urine protein              Negative                 Negative      43D5.\n"
    "Serum creatinine                 32  umol/L         59 - 104      42I7.\n")


def test_a_read_code_column_holds_no_part_of_the_result():
    got = _got(read_report_text(READ_CODES))
    assert got == {"Haematocrit": ("0.51", "L/L", 0.4, 0.52, None), "HbA1c": ("26", "mmol/mol", None, 42, None),
                   "Urine protein": ("Negative", None, None, None, None),
                   "Serum creatinine": ("32", "umol/L", 59, 104, None)}
