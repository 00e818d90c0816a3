"""A cumulative report's heading row whose dates OCR was unsure of is read again
(`image.reread_rows`): its dates are kept only when two readings of the cut-out row agree on them
and their order tells the newest column; otherwise the heading stays unread and so do the rows
under it (never a value taken from the wrong date's column)."""

from __future__ import annotations

from healthlib.readers.labfiles.image import UNSURE, _agreed_dates, _unsure_dated_heading
from healthlib.readers.labfiles.layout import Word
from healthlib.readers.labs.report_text import read_lines

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
