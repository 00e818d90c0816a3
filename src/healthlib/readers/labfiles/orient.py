"""Which way up a page is, from its ink alone (runs in the reading child).

A page photographed sideways or upside down, by a camera that wrote no EXIF orientation, would
reach tesseract as columns of letters on their sides. Two cheap tests on the ink mask tell the
quarter turn that makes it upright:

- sideways or not: the letters of a row stand closer to each other than to the rows above and
  below, so a short closing along the rows joins far more of them into words than the same
  closing across the rows does;
- upright or upside down: the letters of a word stand on one line (the baseline) while their tops
  differ (capitals and ascenders against small letters), and a decimal point or comma sits on the
  baseline too; neighbours in a word whose bottoms agree outnumber those whose tops agree, and
  upside down it is the other way round.

A page is turned only when a test is clear by a wide margin; otherwise it is left as it is.
"""

from __future__ import annotations

SIDE = 1400  # pixels along the ink mask's longer side for the tests
MIN_LETTERS = 60  # marks needed before either test says anything
SIDEWAYS = 1.5  # marks joined along one axis at least this many times as often as along the other
UPSIDE_DOWN = 1.5  # aligned tops at least this many times the aligned bottoms, and ...
MIN_PAIRS = 40  # ... at least this many neighbours aligned one way or the other
# pixels a letter needs for its top and bottom to tell which way up it stands: the page's ink mask
# is shrunk no further than this (a tall phone screenshot's small print is 4 px at SIDE, and its
# tops and bottoms then agree by chance, upside down as often as not)
MIN_LETTER = 8


def upright_turn(ink) -> int:
    """Degrees to turn the page counter-clockwise (Pillow's `rotate`) to make it upright: 0, 90,
    180 or 270. `ink` is a Pillow "L" mask, ink white."""
    import numpy as np

    side = SIDE
    while True:
        small = ink.copy()
        small.thumbnail((side, side))
        mask = (np.asarray(small) > 127).astype(np.uint8)
        marks = _marks(mask)
        if marks is None:
            return 0
        letter = float(np.median(np.maximum(marks[:, 2], marks[:, 3])))
        if letter >= MIN_LETTER or side >= max(ink.size):
            break
        side = min(max(ink.size), round(side * MIN_LETTER / max(letter, 1.0)) + 1)
    if letter < MIN_LETTER:
        return 0  # print too small to tell which way up it is: left as it is
    turn = 0
    along, across = _joined(mask, letter, len(marks)), _joined(np.ascontiguousarray(mask.T), letter, len(marks))
    if across >= SIDEWAYS * max(along, 1):
        turn = 90
        mask = np.ascontiguousarray(np.rot90(mask))  # the same quarter turn as Pillow's rotate(90)
    bottoms, tops = _aligned_neighbours(mask, letter)
    if tops >= UPSIDE_DOWN * max(bottoms, 1) and tops + bottoms >= MIN_PAIRS:
        turn += 180
    elif turn and not (bottoms >= UPSIDE_DOWN * max(tops, 1) and tops + bottoms >= MIN_PAIRS):
        return 0  # sideways, but neither way up is clear: leave it
    return turn % 360


def _marks(mask):
    """Each mark's box (left, top, width, height), or None when there are too few marks."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = stats[1:, :4]
    if (boxes[:, 2:].max(axis=1) >= 4).sum() < MIN_LETTERS if len(boxes) else True:
        return None
    return boxes[boxes[:, 2:].max(axis=1) >= 4]


def _closed_along(mask, letter: float):
    """Marks closer than half a letter along the rows joined (a closing along x)."""
    import cv2
    import numpy as np

    return cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((1, max(2, round(0.5 * letter))), np.uint8))


def _joined(mask, letter: float, marks: int) -> int:
    """How many marks a closing along the rows (x) merges: marks before less pieces after."""
    import cv2

    count = cv2.connectedComponents(mask, connectivity=8)[0] - 1
    return count - (cv2.connectedComponents(_closed_along(mask, letter), connectivity=8)[0] - 1)


def _aligned_neighbours(mask, letter: float) -> tuple[int, int]:
    """(neighbours whose bottoms agree, neighbours whose tops agree), over each pair of marks next
    to each other in a word, where they do not agree both ways (two capitals say nothing)."""
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    _, words = cv2.connectedComponents(_closed_along(mask, letter), connectivity=8)
    word_of = np.zeros(count, np.int64)
    word_of[labels[mask > 0]] = words[mask > 0]  # a closing only adds ink: each mark lies in one word
    left, top, width, height = (stats[1:, i] for i in range(4))
    word = word_of[1:]
    letter_like = (height <= 2 * letter) & (width <= 2 * letter)  # not a rule or a picture
    order = np.lexsort((left, word))
    order = order[letter_like[order]]
    bottom = (top + height)[order]
    same_word = word[order][1:] == word[order][:-1]
    near = 0.12 * letter
    same_bottom = same_word & (np.abs(np.diff(bottom)) <= near)
    same_top = same_word & (np.abs(np.diff(top[order])) <= near)
    one_way = same_bottom != same_top
    return int((same_bottom & one_way).sum()), int((same_top & one_way).sum())
