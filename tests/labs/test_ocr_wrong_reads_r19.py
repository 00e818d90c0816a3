"""Round 19's wrong reads on photos (fresh20, a development set since round 19): rows OCR read cleanly
but wrongly, each class now sent to "not read", never to a corrected guess. A range's upper bound three
times any laboratory's for its test ("44 - 447" for alkaline phosphatase's "44 - 147", a "1" read "4"
behind reading glasses); a value standing against the title it is under ("PSA 24" for 2.4 under
"Within the reference range", its range "<4", on a page that prints no flags). And round 18's "a Flag
heading proves the page flags" re-weighed: with no row read flagged, an unflagged value outside its
range is doubted only when a decimal point moved would put it inside."""

from __future__ import annotations

import shutil

import pytest

from healthlib.model.lab_catalogue import implausible
from healthlib.readers.labs.catalogue import builtin_catalogue
from healthlib.readers.labs.report_text import judge_lines, read_lines, section_titles

from .corpus import make_report, score

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract not installed")


def _read(lines: list[str]):
    return {r.printed_name: r for r in read_lines(lines, source_kind="image", check_flags=True).lines}


# fresh20 181003 (reading glasses over a spreadsheet), as OCR read it
SPREADSHEET = ["7   Test   Result   Flag   Units   Reference range   Comment",
               "9   Ferritin   288   ng/mL   38 - 380",
               "10   Alkaline Phosphatase   110   U/L   44-447",
               "11   AST   30   U/L   10 - 40"]


def test_a_range_bound_three_times_any_laboratorys_is_not_read():
    read = _read(SPREADSHEET)
    assert "Alkaline Phosphatase" not in read
    assert read["AST"].value_text == "30" and read["Ferritin"].range_high == 380


@pytest.mark.parametrize(("name", "unit", "low", "high", "wrong"), [
    ("Alkaline phosphatase", "U/L", 44, 447, True),
    ("Alkaline phosphatase", "U/L", 44, 147, False),
    ("Alkaline phosphatase", "IU/L", 30, 130, False),
    ("Vitamin D", "ng/mL", 30, 100, False),  # twice the usual upper bound: a range laboratories print
    ("Triglycerides", "mmol/L", None, 1.7, False),
    ("Platelets", "x10^9/L", 150, 1400, True),
])
def test_an_upper_bound_far_beyond_the_usual_one(name, unit, low, high, wrong):
    test = builtin_catalogue().get(builtin_catalogue().match(name).id)
    assert (implausible(test, None, unit, low, high) is not None) is wrong


# fresh20 181005 (a night shot of results sorted into two columns), as OCR read it
SORTED = ["Within the reference range (9)   Outside the reference range (5)   |",
          "Test   Result   Units   Range   Test   Result   Units   Range",
          "MCV   93.3   fL   80 - 100   Serum creatinine   163   umol/L   59-104",
          "Hb   135   g/l   130-170",
          "PSA   24   ug/L   <4",
          "Results are sorted by whether they fall within the laboratory s reference range"]


def test_a_value_against_the_title_it_stands_under_is_not_read():
    read = _read(SORTED)
    assert "PSA" not in read  # 2.4 read "24": outside "<4", on a row no title beside it can vouch for
    assert read["Hb"].value_text == "135" and read["Serum creatinine"].value_text == "163"
    # side by side, a row's first result is the left title's: inside its range there, outside on the right
    row = "MCV   93.3   fL   80 - 100   Serum creatinine   63   umol/L   59-104"
    assert set(_read([*SORTED[:2], row])) == {"MCV"}
    # one title above its rows: every row is under it
    assert "Sodium" not in _read(["Outside the reference range (2)", "Sodium   140   mmol/L   133 - 146"])
    assert _read(["Outside the reference range (2)", "Sodium   128   mmol/L   133 - 146"])["Sodium"].value_text == "128"
    # without a title the row is read as before
    assert _read(SORTED[1:5])["PSA"].value_text == "24"


@pytest.mark.parametrize(("line", "titles"), [
    ("Within the reference range (9)   Outside the reference range (5)   |", [True, False]),
    ("Outside the reference range", [False]),
    ("Abnormal results:", [False]),
    ("Results are sorted by whether they fall within the laboratory's reference range.", None),
    ("Test   Result   In range   Out of range   Units", None),  # a table's columns, not a section's title
    ("Normal range", None),
])
def test_titles_that_sort_results_by_their_range(line, titles):
    assert section_titles(line) == titles


HEADING = "⁇⁇   Test   Result   Flag   Units   Reference range   Comment"


def test_a_flag_heading_doubts_only_a_moved_decimal_point():
    # fresh12-tune 105004 (a serif scan): platelets 431 printed unflagged above 150 - 400 under a Flag
    # column; no decimal point moved puts it inside, so it is read as printed
    assert _read([HEADING, "Platelets   431   x10^9/L   150 - 400"])["Platelets"].value_text == "431"
    # "40" for CRP 4.0 under the same heading: a point lost, not read
    ((_, found),) = judge_lines(["C-Reactive Protein   40   mg/L   <8"], ocr=True, printed=[HEADING])
    assert found is None
    # a page whose other out-of-range rows are read flagged doubts every unflagged one, as before
    flagged = "Sodium   128   L   mmol/L   133 - 146"
    assert "Platelets" not in _read([HEADING, flagged, "Platelets   431   x10^9/L   150 - 400"])


@needs_tesseract
def test_a_sorted_night_shot_reads_no_value_wrongly():
    report = make_report("phone-photo", 181005, "fresh20")
    from healthlib.readers.labs.report import read_report_bytes

    read = read_report_bytes(report.data, name="photo")
    assert score(report, read).wrong == 0
    assert "24" not in [r.value_text for r in read.lines if r.printed_name == "PSA"]


# fresh18 161500 (a normal report's telephoned-results log, scanned through a coarse halftone), as OCR
# read it: "AST 19" read "49" at full confidence, on a page whose other rows were mostly unsure
PHONE_LOG = ["PHONED   EXT   TEST   RESULT   UNITS   RANGE   READ BACK",
             "13:23   2817   AST   49   IU/L   < 40   JP/KL",
             "\u2047   3794   white cell count   9.9   \u2047   \u2047   NO/KL",
             "13:46   3950   eGFR   7i   mwhL/min/1.73m2 > \u2047   \u2047",
             "15:29   4750   Platelets   370   xiGAS/L   150 - \u2047   JP/KL",
             "16:50   3970   \u2047 Vitamin D   105   nmol/t   \u2047 - \u2047   SP/KL",
             "16:32   4836   HbAic   33   mmol/mol   < 42   AW/MS",
             "13:28   3354   MCV   95.0   FL   80 - 100   JP SKE",
             "13:17   3312   Sodium   \u2047   mmol/t   \u2047 - 146   AW/MS"]


def test_on_a_page_read_poorly_a_value_outside_its_range_with_a_point_that_could_move_is_not_read():
    read = _read(PHONE_LOG)
    assert "AST" not in read
    assert read["MCV"].value_text == "95.0" and read["HbA1c"].value_text == "33"
    # the same rows read surely elsewhere on the page: the AST is read as printed
    sure = [PHONE_LOG[0], PHONE_LOG[1], *(line for line in PHONE_LOG[2:] if "\u2047" not in line),
            "14:13   3329   PSA   2.8   ug/l   <4   NO/KL", "15:02   3001   Sodium   140   mmol/L   133 - 146   AW/MS"]
    assert _read(sure)["AST"].value_text == "49"
