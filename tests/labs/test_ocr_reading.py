"""The reading stage's fixes for OCR'd rows that were misread or not read: names OCR spelled with
look-alike letters, run-together words or a point for a comma; units garbled in ways only the
row's own test can settle; a flag with a rule remnant joined to it; a decimal point lost from a
value beside a range printed with decimals (never a real far-out value); and a row the
plausibility checks refuse is treated as not read before the re-reads vote, so it is read again."""

from __future__ import annotations

import pytest

from healthlib.readers.labs.report_text import (
    judge_lines,
    ocr_name,
    ocr_units,
    read_lines,
    units_of_its_test,
)


@pytest.mark.parametrize(("printed", "spelled"), [
    ("HbAic (IFCC)", "HbA1c (IFCC)"),  # a near name the catalogue forgives is still spelled right
    ("HBAIC (IFCC)", "HBA1C (IFCC)"),
    ("LOL cholesterol", "LDL cholesterol"),  # "D" read as "O"
    ("SERUMTRIGLYCERIDES", "SERUM TRIGLYCERIDES"),  # a space OCR lost
    ("MAGNESIUM. SERUM", "MAGNESIUM, SERUM"),  # a comma read as a point: a catalogue name
    ("PSA. TOTAL", "PSA, TOTAL"),
    ("Haematocrit {HCT}", "Haematocrit (HCT)"),  # braces for brackets
    ("Vit. D", None),  # an abbreviation's point is kept: no catalogue name has a comma there
    ("Potassium", None),
    ("Xylophone", None),
])
def test_an_ocr_name_is_spelled_as_its_one_catalogue_name(printed, spelled):
    assert ocr_name(printed) == (spelled or printed)


@pytest.mark.parametrize(("line", "unit"), [
    ("AST   29   10-40   VIL", "U/L"),
    ("ALT   60   IVIL   (<41)", "IU/L"),
    ("Free thyroxine   28   pmoifL   (12-22)", "pmol/L"),
    ("HbA1c (IFCC)   29   mmolfmol   (<42)", "mmol/mol"),
    ("Hb   243   a/L   130-170", "g/L"),
    ("Platelets   107   x1049/L   150-400", "x10^9/L"),
    ("Sodium, Serum   137   136 - 145   mmol/L,", "mmol/L"),  # a speck after the unit
    ("Total cholesterol   4.1   mmot/L   <5", "mmol/L"),
    ("Xylophone   4.1   mmot/L   <5", None),  # no test: nothing to settle it against
    ("Potassium   4.1   ma/dL   3.5-5.1", None),  # mg/dL is not a unit potassium is reported in
    ("Haematocrit   0.51   I/il   0.4 to 0.52", None),  # a letter too many: never guessed
])
def test_a_garbled_unit_is_put_right_only_as_a_unit_of_the_rows_own_test(line, unit):
    fixed = units_of_its_test(line)
    if unit is None:
        assert fixed == line
        return
    (result,) = read_lines([line], check_flags=True).lines
    assert result.unit == unit and fixed != line


def test_a_flag_with_a_rule_remnant_joined_to_it_is_read_and_still_checked():
    assert ocr_units("PLATELET COUNT   430   (140-400)   X10E3/uL   =H").endswith("   H")
    (result,) = read_lines(["PLATELET COUNT   430   (140-400)   X10E3/uL   —H"], check_flags=True).lines
    assert result.flag == "H"
    lines = ["Platelets 130 x10^9/L (140-400) —H", "Sodium 140 mmol/L 136-145 L", "Chloride 101 mmol/L 98-107"]
    assert judge_lines(lines, ocr=True)[0][1] is None  # the flag contradicts its range: not read


@pytest.mark.parametrize(("line", "read"), [
    ("Triglycerides   13   mmol/L   (<1.7)", False),  # 1.3 with its point lost
    ("LDL cholesterol   15   mmol/L   <3.0", False),
    ("Magnesium   39   mmol/L   0.70-1.00", False),  # a hundredth: 0.39
    ("Triglycerides   13.0   mmol/L   (<1.7)", True),  # a true high value keeps its places
    ("Sodium   93   mmol/L   (133-146)", True),  # a range without places says nothing
    ("ALT   60   IU/L   (<41)", True),
    ("Potassium   7.2   mmol/L   3.5-5.1", True),  # a critical value is read
    ("Glucose   35   mmol/L   3.0-6.0", False),  # 3.5 inside: a lost point is likelier than a
    ("Glucose   35.0   mmol/L   3.0-6.0", True),  # value printed without its places; with them, read
])
def test_a_whole_number_whose_tenth_fits_a_range_printed_with_places_is_not_read(line, read):
    assert bool(read_lines([line], check_flags=True).lines) is read
    # pasted text is read as printed, unless the value cannot be the test's in that unit (magnesium
    # 39 mmol/L: round 10's page checks ask it of text as OCR's `unlikely` does)
    assert len(read_lines([line]).lines) == (0 if line.startswith("Magnesium   39") else 1)


def test_a_critical_value_printed_with_its_places_is_still_read_and_urgent():
    from healthlib.library.labs import explain_lab_report

    read = read_lines(["Potassium   7.2   mmol/L   3.5-5.1", "Glucose   35.0   mmol/L   3.0-6.0"], check_flags=True)
    assert len(read.lines) == 2 and explain_lab_report(read).urgent


def test_a_row_the_plausibility_checks_refuse_is_judged_not_read_so_it_is_read_again():
    # `image.reread_rows` reads again the rows `judge_lines` gives as None: a row whose unit is
    # garbled past repair ("no unit for a measured test") must be one of them
    lines = ["Total Bilirubin   0.1   (0.1-1.2)   mag/aL", "Sodium   140   mmol/L   136-145"]
    judged = judge_lines(lines, ocr=True)
    assert judged[0][1] is None and judged[1][1]
    # pasted text is read as printed; with a unit-shaped word it does not know ("mag/aL") after a
    # result without a unit, pasted text is not read either (that word is the result's unit)
    assert len(judge_lines(["Total Bilirubin   0.1   (0.1-1.2)"])[0][1]) == 1
    assert judge_lines(lines)[0][1] is None


def _glyph(font: str, figure: str, size: int = 34):
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont
    from scipy import ndimage

    image = Image.new("L", (90, 90), 255)
    ImageDraw.Draw(image).text((20, 10), figure, font=ImageFont.truetype(font, size), fill=0)
    labels, count = ndimage.label(np.asarray(image) < 128)
    boxes = ndimage.find_objects(labels)
    biggest = max(range(count), key=lambda i: (labels[boxes[i]] == i + 1).sum())
    return labels[boxes[biggest]] == biggest + 1


FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"]


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("size", [26, 34, 40])
def test_only_a_zero_has_a_zeros_shape_never_a_six_eight_or_nine(font, size):
    from pathlib import Path

    from healthlib.readers.labfiles.image import _zero_shaped

    if not Path(font).exists():
        pytest.skip(f"{font} is not installed")
    assert not any(_zero_shaped(_glyph(font, figure, size)) for figure in "689")
    if font.endswith("DejaVuSansMono.ttf"):  # a zero with a stroke inside it
        assert _zero_shaped(_glyph(font, "0", size))


def test_a_slashed_zero_two_reads_gave_as_six_and_eight_is_read_zero_only_by_its_shape():
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    from healthlib.readers.labfiles.image import _slashed_zeros

    font = FONTS[0]
    if not Path(font).exists():
        pytest.skip("DejaVu Sans Mono is not installed")
    page = Image.new("L", (300, 80), 255)
    ImageDraw.Draw(page).text((20, 20), "0.9  8.9", font=ImageFont.truetype(font, 34), fill=0)
    zero, eight = [["6.9", 18, 22, 64, 32], "8.9"], [["6.9", 118, 22, 70, 32], "0.9"]
    assert _slashed_zeros(page, *zero) == "0.9"
    assert _slashed_zeros(page, *eight) is None  # an 8 stays a conflict: its row is not read
    assert _slashed_zeros(page, ["x16^9/L", 18, 22, 64, 32], "x10^9/L") is None  # letters: not settled here


def test_a_speck_in_a_column_of_its_own_after_a_name_is_not_part_of_the_name():
    lines = ["PLATELET COUNT   Oe   91   (140-400)   X10E3/uL   L", "Vitamin   D   45   ng/mL   30-100"]
    read = read_lines(lines, check_flags=True)
    assert [(x.printed_name, x.value_text) for x in read.lines] == [("PLATELET COUNT", "91"), ("Vitamin D", "45")]


@pytest.mark.parametrize(("line", "unit"), [
    ("Triglycerides   1.3   mmol,   (<1.7)", "mmol/L"),  # "/L" lost: triglycerides come in one mmol unit
    ("HbA1c (IFCC)   40   mmol   (<42)", "mmol/mol"),  # the HbA1c's own mmol unit
    ("TSH   0.81   .   mU/L   (0.27-4.20)", "mU/L"),  # a point standing alone between two words
])
def test_a_unit_cut_short_is_the_one_unit_of_its_test_that_starts_so(line, unit):
    (result,) = read_lines([line], check_flags=True).lines
    assert result.unit == unit


def test_a_unit_cut_short_that_two_units_of_its_test_start_with_is_not_read():
    # creatinine is reported in umol/L and mg/dL; "mg" is too short to part, and a made-up test
    # whose units were "mmol/L" and "mmol/mol" would stay unread: never a guess between two units
    assert not read_lines(["Creatinine   92   umo   (59-104)"], check_flags=True).lines


def test_a_row_whose_slashed_zero_every_reading_gave_as_eight_is_not_read():
    """A typewriter font's zero with a stroke inside, read "8" by the first read and the re-reads
    alike ("[35-50]" as "[35-58]": a wrong range): the page shows a zero the text does not hold,
    so the row goes to "not read"; a row whose zeros are all read is kept as read."""
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    from healthlib.readers.labfiles.image import CONFLICT, zeros_kept
    from healthlib.readers.labfiles.layout import Word

    font = FONTS[0]
    if not Path(font).exists():
        pytest.skip("DejaVu Sans Mono is not installed")
    page = Image.new("L", (560, 80), 255)
    draw = ImageDraw.Draw(page)
    draw.text((20, 20), "39", font=ImageFont.truetype(font, 34), fill=0)
    draw.text((120, 20), "35-50", font=ImageFont.truetype(font, 34), fill=0)
    row = [Word("Albumin", 0, 10, 22, 54), Word("39", 18, 64, 22, 54), Word("35-580", 118, 226, 22, 54)]
    (misread,) = zeros_kept(page, [row], ["Albumin   39   35-58"])  # as the re-reads voted
    assert CONFLICT in misread and "35-58" not in misread
    assert zeros_kept(page, [row], ["Albumin   39   35-50"]) == ["Albumin   39   35-50"]
    # the same as first read: every reading read the zero "8" alike
    assert CONFLICT in zeros_kept(page, [[*row[:2], Word("35-58", 118, 226, 22, 54)]], ["Albumin   39   35-58"])[0]
    # first read unsure and filled in by the re-reads: its zero, as tall as the "39" beside it, still counts
    unsure = [*row[:2], Word("\u2047", 118, 226, 22, 54)]
    assert CONFLICT in zeros_kept(page, [unsure], ["Albumin   39   35-58"])[0]
    draw.text((250, 20), "mmol/L", font=ImageFont.truetype(font, 34), fill=0)
    unit = [*row, Word("\u2047", 248, 380, 22, 54)]  # an unsure unit's "o" is no zero
    assert zeros_kept(page, [unit], ["Albumin   39   35-50   mmol/L"]) == ["Albumin   39   35-50   mmol/L"]


def test_a_unit_read_with_a_thin_letter_lost_is_a_conflict():
    """"mIU/L" read "mU/L" (the "I" of a condensed font dropped, and TSH is also reported in mU/L):
    the unit's box holds five tall marks for four characters read, so the read is not trusted.
    A unit read whole, or one whose small letters are lower, is left as it is; only units that are
    another with a thin letter left out are checked (counting every unit's marks sent correct
    "mg/dL" and "%" rows to "not read" on fresh10)."""
    from pathlib import Path

    from PIL import Image, ImageDraw, ImageFont

    from healthlib.readers.labfiles.image import _letter_lost, _one_letter_short

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(font).exists():
        pytest.skip("DejaVu Sans is not installed")
    page = Image.new("L", (400, 80), 255)
    draw = ImageDraw.Draw(page)
    draw.text((20, 20), "mIU/L", font=ImageFont.truetype(font, 32), fill=0)
    draw.text((220, 20), "mmol/L", font=ImageFont.truetype(font, 32), fill=0)
    assert _letter_lost(page, ["mU/L", 18, 18, 110, 42])
    assert not _letter_lost(page, ["mIU/L", 18, 18, 110, 42])
    assert not _letter_lost(page, ["mmol/L", 218, 18, 130, 42])
    # only a unit that is another with a thin letter left out is counted against the page
    assert _one_letter_short("mU/L") and _one_letter_short("U/L")
    assert not any(_one_letter_short(unit) for unit in ("mg/dL", "mmol/L", "g/L", "%", "x10^9/L"))
