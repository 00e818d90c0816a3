"""A cumulative report's heading row whose dates OCR was unsure of is read again
(`image.reread_rows`): its dates are kept only when two readings of the cut-out row agree on them
and their order tells the newest column; otherwise the heading stays unread and so do the rows
under it (never a value taken from the wrong date's column)."""

from __future__ import annotations

import shutil

import pytest

from healthlib.readers.labfiles.image import UNSURE, _agreed_dates, _unsure_dated_heading
from healthlib.readers.labfiles.layout import Word
from healthlib.readers.labs.report_text import read_lines

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Debian tesseract-ocr is not installed (make labs-deps installs it)")

FIRST = f"Test   {UNSURE} {UNSURE} {UNSURE} = {UNSURE}   Reference range"


def _words(*cells: str) -> list[Word]:
    """A reading of the row: its cells side by side, a wide gap between them."""
    words, x = [], 0.0
    for cell in cells:
        for word in cell.split():
            words.append(Word(word, x, x + 10 * len(word), 0, 12))
            x += 10 * len(word) + 10
        x += 60
    return words


HEADING = ("Test", "24/05/21", "02/02/22", "01/03/23", "12/03/24", "Units", "Reference range")


def test_a_test_heading_with_unsure_dates_is_read_again_and_other_rows_are_not():
    assert _unsure_dated_heading(FIRST)
    assert not _unsure_dated_heading(f"Test   {UNSURE}   Reference range")  # one unsure word: no dated columns
    assert not _unsure_dated_heading(f"Glucose   {UNSURE}   {UNSURE}   mmol/L")  # a result row
    assert not _unsure_dated_heading(f"Patient: A Person   DOB: {UNSURE} {UNSURE}")


def test_dates_two_readings_agree_on_replace_the_unsure_heading():
    readings = [_words(*HEADING), _words(*HEADING), _words("Test", UNSURE, "02/02/22", "01/03/23", "12/03/24")]
    assert _agreed_dates(FIRST, readings) == "Test   24/05/21   02/02/22   01/03/23   12/03/24   Units   Reference range"


def test_one_reading_alone_or_readings_that_disagree_leave_the_heading_unread():
    other = ("Test", "24/05/21", "02/02/22", "01/08/23", "12/03/24", "Units", "Reference range")
    assert _agreed_dates(FIRST, [_words(*HEADING), [], []]) == FIRST
    assert _agreed_dates(FIRST, [_words(*HEADING), _words(*other), []]) == FIRST


def test_dates_out_of_order_cannot_tell_the_newest_column_and_are_not_used():
    misread = ("Test", "24/05/21", "02/02/22", "01/03/28", "12/03/24", "Units", "Reference range")  # 23 read 28
    assert _agreed_dates(FIRST, [_words(*misread), _words(*misread), _words(*misread)]) == FIRST


def test_with_its_dates_agreed_the_rows_under_the_heading_read_from_the_newest_column():
    rows = ["ALP   76   51   66   63   IU/L   30-130", "Free T4   14   20   16   17   pmol/L   12-22"]
    unread = read_lines([FIRST, *rows], source_kind="image", check_flags=True)
    assert not unread.lines
    heading = _agreed_dates(FIRST, [_words(*HEADING), _words(*HEADING)])
    read = read_lines([heading, *rows], source_kind="image", check_flags=True)
    assert [(r.printed_name, r.value_text, r.range_low, r.range_high) for r in read.lines] == [
        ("ALP", "63", 30, 130), ("Free T4", "17", 12, 22)]


def _rendered(lines: list[str]):
    """`lines` drawn as a printed page, grey, about 30 px letters (what `prepare` makes)."""
    from PIL import Image, ImageDraw, ImageFont

    from .corpus import _TTF_DIRS

    font = ImageFont.truetype(f"{_TTF_DIRS[0]}/DejaVuSans.ttf", 30)
    page = Image.new("L", (1900, 60 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    for k, line in enumerate(lines):
        x = 40
        for cell in line.split("   "):
            draw.text((x, 30 + 60 * k), cell, font=font, fill=0)
            x += 230 if cell[:1].isdigit() or len(cell) < 8 else 330
    return page


@needs_tesseract
def test_a_heading_whose_dates_were_first_read_unsure_is_read_from_the_page_and_its_rows_read():
    from healthlib.readers.labfiles.image import ocr_rows, reread_rows
    from healthlib.readers.labfiles.layout import join_row

    grey = _rendered(["Test   24/05/21   02/02/22   01/03/23   12/03/24   Units   Reference range",
                      "ALP   76   51   66   63   IU/L   30-130", "Free T4   14   20   16   17   pmol/L   12-22"])
    rows = sorted(ocr_rows(grey), key=lambda row: min(w.top for w in row))
    # the first read as on a hard photo: every date unsure
    rows[0] = [Word(UNSURE, w.x0, w.x1, w.top, w.bottom) if "/" in w.text else w for w in rows[0]]
    assert not read_lines([join_row(r) for r in rows], source_kind="image", check_flags=True).lines
    read = read_lines(reread_rows(grey, rows), source_kind="image", check_flags=True)
    assert [(r.printed_name, r.value_text) for r in read.lines] == [("ALP", "63"), ("Free T4", "17")]


def test_rows_under_dated_columns_are_judged_by_their_newest_result_and_only_an_unsure_one_is_read_again(monkeypatch):
    from PIL import Image

    from healthlib.readers.labfiles import image as image_module

    def row(*cells: str) -> list[Word]:
        return [Word(w.text, w.x0, w.x1, 100.0 * len(rows), 100.0 * len(rows) + 12) for w in _words(*cells)]

    rows: list[list[Word]] = []
    for cells in (("Test", "13-Sep-2022", "08-Jan-2023", "12-Mar-2024", "Units", "Reference range"),
                  ("Urea", "5.0", "5.7", "4.9", "mmol/l", "2.5-7.8"),
                  ("Serum potassium", "5.5", "7.1", "6.2", "mmol/L", "3.5-5.3"),
                  ("TSH", "1.77", "2.67", UNSURE, "mU/L", "0.27-4.2")):
        rows.append(row(*cells))
    cut: list[int] = []

    def read_rows(cuts):
        cut.append(len(cuts))
        return [[] for _ in range(len(cuts) * len(image_module.ROW_SCALES))]

    monkeypatch.setattr(image_module, "_read_rows", read_rows)
    texts = image_module.reread_rows(Image.new("L", (1200, 500), 255), rows)
    # a cumulative row read whole is no row to read again (each took a sheet's worth of OCR); the
    # row whose newest result OCR was unsure of is, and with no agreed reading it stays unread
    assert cut == [1]
    assert texts[3] == f"TSH   1.77   2.67   {UNSURE}   mU/L   0.27-4.2"


def test_a_headings_unsure_dates_are_read_first_and_then_only_rows_still_unsure_are_read_again(monkeypatch):
    from PIL import Image

    from healthlib.readers.labfiles import image as image_module

    heading = ("Test", "03/12/2024", "11/19/2023", "09/17/2022", "Units", "Reference range")
    first = (("Test", "03/12/2024", UNSURE, UNSURE, "Units", "Reference range"),
             ("Urea", "5.0", "5.7", "4.9", "mmol/l", "2.5-7.8"),
             ("Ferritin", "108", "126", "130", "ng/mL", "16-232"),
             ("TSH", "1.77", UNSURE, "2.25", "mU/L", "0.27-4.2"))
    rows = [[Word(w.text, w.x0, w.x1, 100.0 * k, 100.0 * k + 12) for w in _words(*cells)] for k, cells in enumerate(first)]
    sheets: list[int] = []

    def read_rows(cuts):
        sheets.append(len(cuts))
        if len(sheets) == 1:  # the heading: every reading gives its dates
            return [_words(*heading) for _ in image_module.ROW_SCALES]
        return [[] for _ in range(len(cuts) * len(image_module.ROW_SCALES))]

    monkeypatch.setattr(image_module, "_read_rows", read_rows)
    texts = image_module.reread_rows(Image.new("L", (1200, 500), 255), rows)
    assert texts[0] == "   ".join(heading)
    # with the dates known, the rows read whole are judged so and not read again; the unsure one is
    assert sheets == [1, 1]
    assert texts[3] == f"TSH   1.77   {UNSURE}   2.25   mU/L   0.27-4.2"
