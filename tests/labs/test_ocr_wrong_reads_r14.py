"""Round 14's wrong reads on photos and scans (fresh15-tune, a development set since round 14):
a bracket OCR made up after a clear "112" ("112)"), which the serif-"1" check then took for a
"1" by measuring the figures' own last mark ("1121"); and "IU/L" printed, its row read again
and written "U/L" because a reading that lost the thin "I" shared a vote with one that kept it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from healthlib.model.lab_units import folded_unit, normalise_unit
from healthlib.readers.labfiles import image
from healthlib.readers.labs.report_text import judge_lines

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def _word(text: str, path: str):
    if not Path(path).exists():
        pytest.skip("DejaVu fonts are not installed")
    page = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(page).text((40, 30), text, font=ImageFont.truetype(path, 40), fill=0)
    rows, cols = np.nonzero(np.asarray(page) < 128)
    return page, (int(cols.min()), int(rows.min()), int(cols.max() - cols.min() + 1), int(rows.max() - rows.min() + 1))


@pytest.mark.parametrize("path", [SERIF, MONO])
@pytest.mark.parametrize(("printed", "read"), [("112", "112)"), ("<41", "<41]"), ("4.5", "4.5)")])
def test_a_bracket_made_up_past_the_figures_is_no_one(path, printed, read):
    # fresh15-tune 135000 (a page against a window): "112" first read "112)" with confidence 21,
    # then written "1121" -- creatinine 1121 umol/L for 112
    page, box = _word(printed, path)
    assert not image.closing_one(page, read, *box)


@pytest.mark.parametrize(("printed", "read"), [("<41", "<4]"), ("431", "43)"), ("4-11", "4-1]")])
def test_a_serif_one_read_as_a_bracket_is_still_a_one(printed, read):
    page, box = _word(printed, SERIF)
    assert image.closing_one(page, read, *box)


def test_a_unit_read_without_its_thin_letter_does_not_share_a_vote():
    # fresh15-tune 135004 (a Welsh print, scanned): readings "IU/L" and "U/L" agreed as one vote,
    # and the row was written with the "U/L" reading
    assert normalise_unit("U/L") == normalise_unit("IU/L")
    assert folded_unit("U/L") != folded_unit("IU/L")
    assert folded_unit("x10*9/L") == folded_unit("X10^9/l") and folded_unit("µmol/L") == folded_unit("umol/l")
    keys = [image._vote_key(judge_lines([f"ALP   122   {unit}   30 - 130"], ocr=True)[0][1])
            for unit in ("U/L", "IU/L", "IU/l")]
    assert keys[0] != keys[1] and keys[1] == keys[2]
    assert image._most_agreed({keys[0]: ["a"], keys[1]: ["b"]}) is None
