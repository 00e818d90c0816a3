"""Which way round a picture's text is: dark letters on light paper, or light letters on a dark
screen (a phone or portal in dark mode, photographed or captured). Decided from the picture
itself, with no outline needed: in a small square holding letters, the letters are the few pixels
and what they stand on is the many. On a printed page the minority is darker than the square's
middle grey; on a dark-mode screen it is lighter. Every busy square votes, and a picture is taken
as light-on-dark only when those squares outvote the others by a wide margin, so a page with a
few white-on-dark headings, a dark desk around it, or a finger at a corner is left as it is."""

from __future__ import annotations

VOTE_WIDTH = 1200  # the picture is judged at this width: letters about 15-30 px high
SQUARE = 24  # pixels across one voting square, about a letter's height at VOTE_WIDTH
BUSY = 40  # grey levels between a square's darkest and lightest twentieth for it to hold letters
MINORITY = 0.4  # a square votes when its pixels on one side of its middle grey are at most this share
MARGIN = 2.0  # light-on-dark squares must outnumber dark-on-light squares this many times
MIN_SQUARES = 20  # and be at least this many (a picture with hardly any letters is left as it is)


def text_votes(grey) -> tuple[int, int]:
    """(squares whose letters are lighter than what they stand on, squares whose letters are darker)
    over the picture `grey` (a PIL "L" image)."""
    import numpy as np
    from PIL import Image

    width = min(VOTE_WIDTH, grey.width)
    small = grey.resize((width, max(1, round(grey.height * width / grey.width))), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    rows, cols = pixels.shape[0] // SQUARE, pixels.shape[1] // SQUARE
    if not rows or not cols:
        return 0, 0
    squares = pixels[:rows * SQUARE, :cols * SQUARE].reshape(rows, SQUARE, cols, SQUARE)
    squares = np.sort(squares.transpose(0, 2, 1, 3).reshape(rows * cols, SQUARE * SQUARE), axis=1)
    n = SQUARE * SQUARE
    low, high = squares[:, n // 20], squares[:, n - 1 - n // 20]
    busy = high - low > BUSY
    darker_share = (squares < ((low + high) / 2)[:, None]).mean(axis=1)
    light_letters = int((busy & (darker_share > 1 - MINORITY)).sum())
    dark_letters = int((busy & (darker_share < MINORITY)).sum())
    return light_letters, dark_letters


def is_light_on_dark(grey) -> bool:
    """True when `grey` shows light text on a dark ground (to be inverted before it is cleaned)."""
    light, dark = text_votes(grey)
    return light >= MIN_SQUARES and light > MARGIN * dark
