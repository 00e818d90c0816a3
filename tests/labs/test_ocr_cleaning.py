"""Cleaning a scan's page and OCR's words before the text reader sees them: table rules painted
out without eating the edges of words whose thickened letters touch (a photocopy of a
photocopy), specks OCR makes of grain and rule remnants dropped, rows judged and read again
under their table's column headings, and a value OCR lost a figure of ("14]" for "141") judged
against the range printed on the line below it."""

from __future__ import annotations

import numpy as np
import pytest

from healthlib.readers.labfiles.image import (
    UNSURE,
    _letter_edges,
    _lost_result,
    _under_headings,
    _without_rules,
    without_specks,
)
from healthlib.readers.labs.report_text import ocr_units, read_lines


def _page_with_fused_word():
    """A 600 x 2400 ink mask: 40 separate letters, a word of 12 thick letters joined along their
    tops and feet (each bar 240 px, longer than the 96 px a rule must run), a full-width table
    rule, and a shorter rule (300 px) standing alone between rows."""
    ink = np.zeros((600, 2400), dtype=bool)
    for k in range(40):  # letters: 30 px high, 16 wide, with a hole
        x = 60 + 55 * k
        ink[40:70, x:x + 16] = True
        ink[48:62, x + 5:x + 11] = False
    top, foot, left = 200, 230, 300
    for k in range(12):  # the fused word: stems and bowls touching their neighbours
        x = left + 20 * k
        ink[top:foot, x:x + 7] = True
    ink[top:top + 6, left:left + 240] = True  # the joined tops
    ink[foot - 6:foot, left:left + 240] = True  # the joined feet
    ink[400:404, 40:2360] = True  # a table rule
    ink[500:503, 900:1200] = True  # a short rule, with no letters near it
    return ink, (top, foot, left)


def test_a_word_whose_letters_touch_keeps_its_top_and_foot_while_rules_go():
    ink, (top, foot, left) = _page_with_fused_word()
    kept = _without_rules(ink)
    assert kept[top:top + 6, left:left + 240].all()  # the word's top bar is no rule
    assert kept[foot - 6:foot, left:left + 240].all()
    assert not kept[400:404].any()  # the table rule is painted out
    assert not kept[500:503].any()  # and so is a short rule far from any letter
    assert kept[40:70].sum() == ink[40:70].sum()  # separate letters untouched


def test_a_rule_touched_here_and_there_by_the_row_above_is_still_a_rule():
    ink = np.zeros((300, 1200), dtype=bool)
    ink[150:154, 100:500] = True  # a 400 px rule
    for x in range(110, 480, 90):  # letters of the row above sitting on it, every 90 px
        ink[122:150, x:x + 14] = True
    runs = ink & (np.arange(ink.shape[0])[:, None] >= 150)
    assert not _letter_edges(ink, runs, 28.0, 3 * 96).any()


@pytest.mark.parametrize(("word", "kept"), [
    ("_—_", ""), ("‘", ""), ("-_—", ""), ("~", ""), ("—", "—"), ("-", "-"), ("‘Final", "Final"),
    ("<=", "<="), ("!", "!"), ("(3.5-5.1)", "(3.5-5.1)"), ("mmol/L", "mmol/L"), (UNSURE, UNSURE), ("'", ""),
    ("“Albumin", "Albumin"), (":", ""), ("207_", "207"), ("~H*", "H*"), ("mL/min/1.73m2__", "mL/min/1.73m2"),
])
def test_a_word_of_speck_marks_is_dropped_and_a_quote_before_a_word_stripped(word, kept):
    assert without_specks(word) == kept


HEADING = "Test   Result   Flag   Units   Reference range   Collected   Status   Lab"


def test_rows_are_judged_under_the_column_headings_above_them():
    texts = ["Cumulative Laboratory Report", HEADING,
             "MCV   92.3   fL   80-100   09/05/2024 09:05   Final   RGH",
             "Calcium   11.1   H*   mg/dl   8.6-10.3   09/05/2024 09:05   Final   RGH"]
    shaped = _under_headings(texts)
    assert shaped(0, texts[0]) == texts[0]  # no heading above: unchanged
    assert shaped(1, texts[1]) == HEADING
    assert shaped(2, texts[2]) == "MCV   92.3   fL   80-100"
    assert shaped(3, texts[3]) == "Calcium   11.1   H*   mg/dl   8.6-10.3"
    # a re-reading of a row is shaped by the same headings
    assert shaped(2, "MCV   92.3   fL   80-100   09/05/2024 09:05   Final   RGH") == "MCV   92.3   fL   80-100"


@pytest.mark.parametrize(("row", "lost"), [
    (f"Creatinine   {UNSURE}   =!   mg/dL   0.6 - 1.3   08/10/2024 09:05   Final   NMC", True),
    ("Albumin   7.9   ~~!   g/dL   3.5-5   08/10/2024 09:05   Final   NMC", True),
    ("Specimen collected: 08/10/2024 09:05   Reported: 08/10/2024 15:40", False),
    ("Cumulative Laboratory Report", False),
    ("Xylophone   12   mg/dL", False),
])
def test_a_row_naming_a_test_with_figures_but_giving_no_result_is_read_again(row, lost):
    assert _lost_result(row) is lost


def test_a_value_that_lost_a_figure_is_judged_against_the_range_on_the_line_below():
    """"14]" read for "141" (g/L, range 130-170 under it): with the speck left on, the value cell
    is no value, the range is not joined, and 14 g/L would be read as a critically low
    haemoglobin on a normal report. Tidied first, the range joins and 14 is seen to be
    impossible against it: not read."""
    lines = ["Hb   14]   g/L", "Reference range: 130 - 170", "Sodium   141   mmol/L", "Reference range: 133 - 146"]
    untidied = read_lines(lines, source_kind="image", check_flags=True)
    assert [(x.printed_name, x.range_low) for x in untidied.lines] == [("Hb", None), ("Sodium", 133.0)]
    tidied = read_lines([ocr_units(line) for line in lines], source_kind="image", check_flags=True)
    assert [x.printed_name for x in tidied.lines] == ["Sodium"]
    assert any(line.startswith("Hb") for line in tidied.not_read)


def _glyph_page(text: str, font_name: str = "DejaVuSans.ttf"):
    """A white 260 x 80 page with `text` drawn in 40 px type, and a Word boxing its ink."""
    from PIL import Image, ImageDraw, ImageFont

    from healthlib.readers.labfiles.layout import Word

    page = Image.new("L", (260, 80), 255)
    ImageDraw.Draw(page).text((40, 10), text, font=ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{font_name}", 40),
                              fill=0)
    ys, xs = np.nonzero(np.asarray(page) < 160)
    return page, Word(text, float(xs.min()), float(xs.max() + 1), float(ys.min()), float(ys.max() + 1))


@pytest.mark.parametrize(("glyph", "arrow"), [("↑", "↑"), ("↓", "↓"), ("1", None), ("t", None), ("l", None),
                                              ("4", None), ("+", None), ("!", None), ("H", None)])
def test_an_arrow_flag_is_told_by_its_shape_and_nothing_else_is_taken_for_one(glyph, arrow):
    from healthlib.readers.labfiles.image import arrow_direction

    page, word = _glyph_page(glyph)
    assert arrow_direction(page, word, 30.0) == arrow


def test_a_look_alike_of_an_arrow_after_a_value_becomes_the_arrow_its_mark_shows():
    from PIL import Image, ImageDraw, ImageFont

    from healthlib.readers.labfiles.image import arrows_read
    from healthlib.readers.labfiles.layout import Word

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    page = Image.new("L", (600, 160), 255)
    draw = ImageDraw.Draw(page)
    for y, (value, mark) in zip((10, 90), (("25", "↑"), ("1", "1")), strict=True):
        draw.text((20, y), value, font=font, fill=0)
        draw.text((200, y), mark, font=font, fill=0)

    def boxed(x0, x1, y, text):
        ys, xs = np.nonzero(np.asarray(page.crop((x0, y, x1, y + 60))) < 160)
        return Word(text, x0 + float(xs.min()), x0 + float(xs.max() + 1), y + float(ys.min()), y + float(ys.max() + 1))

    rows = [[boxed(10, 120, 10, "25"), boxed(190, 260, 10, "1")],  # an up arrow OCR read "1"
            [boxed(10, 120, 90, "1"), boxed(190, 260, 90, "1")]]  # a real "1" after a value stays "1"
    read = arrows_read(page, rows)
    assert [w.text for w in read[0]] == ["25", "↑"]
    assert [w.text for w in read[1]] == ["1", "1"]


@pytest.mark.parametrize(("line", "joined"), [
    ("Cholesterol   2.2   mmol/L   < = 5.0", "Cholesterol   2.2   mmol/L   <=5.0"),
    ("< = 5.0", "<=5.0"),
    ("HDL   1.2   mmol/L   > = 1.0", "HDL   1.2   mmol/L   >=1.0"),
    ("Glucose   5.4   mmol/L   3.5 - 6.0", "Glucose   5.4   mmol/L   3.5 - 6.0"),
    ("Note: < and = are signs", "Note: < and = are signs"),
])
def test_a_comparison_ocr_split_in_two_is_joined_before_its_figures(line, joined):
    from healthlib.readers.labfiles.image import joined_comparisons

    assert joined_comparisons(line) == joined


@pytest.mark.parametrize(("line", "known"), [
    ("Test   .   Current Result   Units   Low   High", True),
    ("Test   Result   Flag   Units   Reference range _—_ Collected   Status   Lab", True),
    ("AST   55   —   U/L", False),  # not a heading line: its marks are left for the text reader
    ("Test   Result   Units   ‘   Range", True),
])
def test_specks_between_a_tables_headings_do_not_hide_the_headings(line, known):
    from healthlib.readers.labs.columns import headings

    assert (headings(line) is not None) is known


def test_a_conventional_units_column_beside_si_results_holds_no_part_of_the_result():
    read = read_lines(["Test   Result   Units   Reference range   Conventional   Conv. units",
                       "Creatinine   91   umol/L   59 - 104   1.03   mg/dL"], source_kind="image", check_flags=True)
    assert [(x.printed_name, x.value_text, x.unit, x.range_low, x.range_high) for x in read.lines] == [
        ("Creatinine", "91", "umol/L", 59.0, 104.0)]


@pytest.mark.parametrize(("printed", "shows_point"), [("1.9", True), ("13.5", True), ("19", False), ("150", False),
                                                      ("1,250", False), ("88", False)])
def test_a_number_read_without_its_point_is_caught_by_the_point_on_the_page(printed, shows_point):
    """"19" read for "1.9": whatever OCR read, a dot on the figures' baseline between two figures
    is a decimal point, and a whole number read from that box is not trusted."""
    from healthlib.readers.labfiles.image import hidden_point

    page, word = _glyph_page(printed, "DejaVuSans-Oblique.ttf")
    assert hidden_point(page, round(word.x0), round(word.top), round(word.x1 - word.x0),
                        round(word.bottom - word.top)) is shows_point


@pytest.mark.parametrize(("printed", "read", "shows_point"), [("1.4H", "14H", True), ("14H", "14H", False),
                                                              ("2.5L", "25L", True), ("150LL", "150LL", False)])
def test_a_number_with_its_flag_joined_is_checked_for_a_lost_point_as_a_bare_number_is(printed, read, shows_point):
    """A cumulative report's "1.4H" read "14H" (the flag in the value's cell): ten times the
    bilirubin, and a flag that agrees with it. The word is checked as a bare number is."""
    from healthlib.readers.labfiles.image import _WHOLE_NUMBER, hidden_point

    assert _WHOLE_NUMBER.fullmatch(read)
    page, word = _glyph_page(printed, "DejaVuSans-Oblique.ttf")
    assert hidden_point(page, round(word.x0), round(word.top), round(word.x1 - word.x0),
                        round(word.bottom - word.top)) is shows_point


@pytest.mark.parametrize(("line", "put_right"), [
    ("/“Haematocrit   0.45   LL   0.40 - 0.52", "/“Haematocrit   0.45   L/L   0.40 - 0.52"),
    ("ALT   28   UL   7-56", "ALT   28   U/L   7-56"),
    ("Potassium   6.7   LL   mmol/L   3.5-5.1", None),  # potassium is never in L/L: "LL" is its critical flag
    ("Sodium   135   mmol/L   133 - 146", None),
    ("Xylophone   3   LL", None),  # no test named: nothing is put back
])
def test_a_units_lost_slash_is_put_back_only_where_the_rows_test_is_reported_so(line, put_right):
    """A normal haematocrit's "L/L" read "LL" would read as a critical-low flag on a line that
    goes to "not read", and make a normal report urgent."""
    from healthlib.readers.labfiles.image import slash_put_back

    assert slash_put_back(line) == (put_right or line)


def _mono_page(lines: list[str], size: int):
    """A white page of `lines` in DejaVu Sans Mono, a font whose zero has a dot in its middle."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", size)
    page = Image.new("L", (1700, 120 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        draw.text((60, 40 + 60 * k + 10 * (k > 0)), line, font=font, fill=0)
    return page


def test_the_dot_inside_a_zero_is_found_and_nothing_else_is():
    """Four dotted zeros ("0.25", "0.40 - 0.52"); an "@", an "8", a "%", an "e" and a mark inside a
    ruled box are no zero's dot."""
    from PIL import ImageDraw
    from scipy import ndimage

    from healthlib.readers.labfiles.image import zero_dots

    page = _mono_page(["Haematocrit 0.25 L/L 0.40 - 0.52", "Albumin 8 @ g/L 35 - 96 % Bone profile e"], 30)
    ImageDraw.Draw(page).rectangle((900, 140, 960, 190), outline=0, width=3)
    ImageDraw.Draw(page).rectangle((925, 160, 931, 166), fill=0)
    ink = np.asarray(page) < 128
    dots, count = ndimage.label(zero_dots(ink))
    assert count == 4
    assert all(box[0].start > 40 and box[0].stop < 40 + 60 for box in ndimage.find_objects(dots))  # the first row's
    assert not zero_dots(ink)[130:200].any()


def test_figures_printed_with_dotted_zeros_are_read():
    """A monospace report's zeros each hold a dot, which OCR reads as "8", "@" or a doubt: the
    albumin's "40" and "35 - 50" went unread. The dots painted out, the row reads."""
    from healthlib.readers.labfiles.image import read_page

    rows = [("Serum sodium", "140", "mmol/L", "133 - 146"), ("Serum potassium", "4.0", "mmol/L", "3.5 - 5.3"),
            ("Haematocrit", "0.25", "L/L", "0.40 - 0.52"), ("Chloride", "104", "mmol/L", "95 - 108"),
            ("Total protein", "70", "g/L", "60 - 80"), ("Albumin", "40", "g/L", "35 - 50"),
            ("Free T4", "10", "pmol/L", "12 - 22"), ("MCV", "100.2", "fL", "80 - 100")]
    page = _mono_page(["Test                 Result  Units     Reference range"]
                      + [f"{n:<20} {v:>6}  {u:<9} {r}" for n, v, u, r in rows], 26)
    read = read_lines(read_page(page), source_kind="image", check_flags=True)
    found = {x.printed_name: (x.value_text, x.unit, x.range_low, x.range_high) for x in read.lines}
    assert found.get("Albumin") == ("40", "g/L", 35.0, 50.0)
    for name, value, unit, _ in rows:  # nothing read wrongly
        assert found.get(name, (value, unit))[:2] == (value, unit)
