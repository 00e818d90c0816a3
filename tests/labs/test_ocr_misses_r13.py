"""Round 13's misses on photos and scans (fresh14 and fresh14-tune, development sets): a unit
printed small and grey under its value, which the ink cut took only the darkest cores of ("my dl"
for "mg/dL", or nothing); a Telepath-like print's analysis times ("10:05"), doubted by a
figures-only second read that has no colon, whose unread zeros then sent every row with a 6, 8
or 9 to "not read"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from healthlib.readers.labfiles import image
from healthlib.readers.labfiles.image import CONFLICT, UNSURE

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _font(path: str, size: int):
    if not Path(path).exists():
        pytest.skip("DejaVu fonts are not installed")
    return ImageFont.truetype(path, size)


def _unit_under_page() -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A page of black rows, each value with its unit small and grey under it; the box of one unit."""
    page = Image.new("L", (2400, 1400), 250)
    draw = ImageDraw.Draw(page)
    big, small = _font(SERIF, 30), _font(SERIF, 20)
    for k in range(12):
        y = 100 + 100 * k
        draw.text((200, y), ["Triglycerides", "Albumin", "Creatinine"][k % 3], font=big, fill=10)
        draw.text((1000, y), ["63", "4.7", "0.88"][k % 3], font=big, fill=10)
        draw.text((1000, y + 40), "mg/dL", font=small, fill=170)
        draw.text((1500, y), "0.6 - 1.3", font=big, fill=10)
    return page, (995, 535, 1080, 570)


def test_small_grey_print_is_darkened_as_black_print():
    page, (x0, y0, x1, y1) = _unit_under_page()
    ratio = np.asarray(page, dtype=np.float32) / 250.0
    cut = image._otsu(ratio)
    strong = ratio < cut
    marks, darkened = image.grey_print(ratio, strong, cut)
    assert marks[y0:y1, x0:x1].sum() > 50  # the unit's letters, slash and all
    assert darkened[y0:y1, x0:x1].min() < 0.1
    assert not marks[100:135, 200:400].any()  # black print is left as it was, soft rims too


def test_a_faint_rule_and_the_papers_grain_are_no_grey_print():
    rng = np.random.default_rng(13)
    ratio = np.clip(1.0 + rng.normal(0, 0.03, (600, 1200)), 0, 1.2).astype(np.float32)
    page = Image.new("L", (1200, 600), 255)
    draw = ImageDraw.Draw(page)
    for k in range(6):
        draw.text((100, 60 + 80 * k), "Sodium   141   mmol/L", font=_font(SERIF, 30), fill=0)
    ratio = np.minimum(ratio, np.asarray(page, dtype=np.float32) / 255.0)
    ratio[300:303, 50:1150] = 0.8  # a grey row rule
    cut = image._otsu(ratio)
    found = image.grey_print(ratio, ratio < cut, cut)
    assert found is None or not found[0][290:310].any()


def test_a_prepared_page_shows_the_grey_unit_dark():
    page, (x0, _, x1, _) = _unit_under_page()
    ImageDraw.Draw(page).rectangle((x0, 0, x1 + 40, page.height), fill=250)
    for k in range(12):  # the units alone in their column, the values left of them
        ImageDraw.Draw(page).text((1000, 140 + 100 * k), "mg/dL", font=_font(SERIF, 20), fill=170)
    prepared = np.asarray(image.prepare(page, upright=True))
    column = prepared[:, x0 - 10:x1 + 40]  # the page found may start a little lower: every row of it
    assert np.percentile(column[column < 250], 10) < 60


def test_a_time_of_day_is_not_doubted(monkeypatch):
    """fresh14 121005, fresh14-tune 125001 (Telepath-like prints, a time before each result): "10:05"
    read with confidence 60 was read again seeing figures only, which gave "10.05"."""
    grey = Image.new("L", (800, 60), 255)
    words = [("1", "1", "1", 20, 10, 60, 30, 95.0, "SERU"), ("1", "1", "1", 100, 10, 80, 30, 60.0, "10:05"),
             ("1", "1", "1", 200, 10, 200, 30, 95.0, "creatinine"), ("1", "1", "1", 420, 10, 50, 30, 60.0, "144")]
    monkeypatch.setattr(image, "missed_words", lambda grey, words: [])
    monkeypatch.setattr(image, "_read_sheet", lambda crops, options=(), **kw: [(i, (6, 6, 60, 30, 90.0, "10.05" if i == 0 and len(crops) == 2 else "144")) for i in range(len(crops))])
    (row,) = image.ocr_rows(grey, words)
    assert [w.text for w in row] == ["SERU", "10:05", "creatinine", "144"]


def test_a_word_left_unsure_shows_no_zero_the_text_should_hold():
    """A row whose unsure word (an analysis time "10:05", its zeros on the page) stays unsure in
    the text: its zeros are not counted against the text's, so the row's "68" is not made a
    conflict; once the re-reads fill such a word in, its zeros count again."""
    from healthlib.readers.labfiles.layout import Word

    font = _font(MONO, 34)
    page = Image.new("L", (700, 80), 255)
    draw = ImageDraw.Draw(page)
    draw.text((20, 20), "10:05", font=font, fill=0)
    draw.text((200, 20), "68", font=font, fill=0)
    row = [Word(UNSURE, 18, 130, 22, 54), Word("eGFR", 140, 190, 22, 54), Word("68", 198, 250, 22, 54)]
    text = f"{UNSURE}   eGFR   68"
    assert image.zeros_kept(page, [row], [text]) == [text]
    assert CONFLICT in image.zeros_kept(page, [row], ["18:85   eGFR   68"])[0]


@pytest.mark.parametrize(("printed", "name"), [
    ("Chole sterol", "Cholesterol"), ("Magne sium", "Magnesium"), ("Haema tocrit", "Haematocrit"), ("HbA Ic", "HbA1c"),
    ("Vitamin D", "Vitamin D"), ("Total protein", "Total protein"),  # names of two words stay as printed
])
def test_a_space_ocr_put_inside_a_names_word_is_closed(printed, name):
    """fresh14 121005 (a photo of a Telepath-like print in a wide typewriter font): "Chole sterol";
    fresh14-tune 125003 (a photo): "HbA Ic"."""
    from healthlib.readers.labs.report_text import ocr_name

    assert ocr_name(printed) == name


def test_a_small_line_under_a_value_is_read_again_as_its_unit(monkeypatch):
    """fresh14 121001 (a scan) and fresh14-tune 125002 (a photo): each value's unit printed small
    under it, read "me db"; the line is read again, and kept as the unit two readings agree on."""
    from healthlib.readers.labfiles.image import reread_rows
    from healthlib.readers.labfiles.layout import Word, join_row

    grey = Image.new("L", (1600, 120), 255)
    heading = [Word(t, x, x + 150, 0, 30) for t, x in (("Test", 100), ("Result", 500), ("Reference", 800))]
    row = [Word("Bilirubin,", 100, 250, 40, 70), Word("Total", 260, 340, 40, 70), Word("0.9", 500, 560, 40, 70),
           Word("0.1-1.2", 800, 920, 40, 70)]
    small = [Word("me", 500, 530, 74, 92), Word("db", 540, 570, 74, 92)]

    def readings(*texts):  # each of the five readings (`ROW_SCALES`) of every row cut out
        return lambda cuts: [[Word(t, 0, 80, 0, 20) for t in text.split()] for text in texts for _ in cuts]

    monkeypatch.setattr(image, "_read_rows", readings("mg/dL", "mg/dL", "mg/dl", "me dl", "mg/dL"))
    texts = reread_rows(grey, [heading, row, small])
    assert texts[1:] == [join_row(row), "mg/dL"]
    # readings that agree on no unit leave the line as it was read
    monkeypatch.setattr(image, "_read_rows", readings("mg/dL", "me dL", "mg/dl", "ing/dL", "ing/dL"))
    assert reread_rows(grey, [heading, row, small])[2] == "me db"


def test_a_letter_by_a_shadows_edge_is_no_grey_print():
    """fresh13 111002 (a photo in a blind's striped shadow): black letters on the shadowed side of
    a stripe's sharp edge look grey against the paper estimated past it; darkened as grey print,
    CRP's "mg/L" was read "ng/L". Grey print is only looked for on evenly lit paper."""
    page, (x0, y0, x1, y1) = _unit_under_page()
    ratio = np.asarray(page, dtype=np.float32) / 250.0
    cut = image._otsu(ratio)
    strong = ratio < cut
    ratio[y0 - 20:y1 + 20] *= 0.93  # the units' rows in a shadow the evening-out did not reach
    found = image.grey_print(ratio, strong, cut)
    assert found is None or not found[0][y0 - 20:y1 + 20].any()
