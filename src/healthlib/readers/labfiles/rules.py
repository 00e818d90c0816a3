"""What is left of a table rule the ink cut broke into dashes (runs in the reading child).

A thin rule photographed under uneven light and blur is not one dark line in the ink mask: where
it is faint it falls below the ink cut, and what stays are dashes along its line, too short for
`image._without_rules` to take for a rule. Left on the page above the next row, tesseract takes
them for a row of their own or joins them to the words below (a whole first row lost). Here those
dashes are found: thin flat marks along a rule that was painted out (its rim, left by a slant of
a pixel), or at least a letter long each, on one line with others like them spread across the
page. A minus sign is shorter than a letter is high and stands at the middle of its letters, and
a row holds at most a dash or two.
"""

from __future__ import annotations

from .dewarp import letter_height

MAX_THICKNESS = 0.25  # of a letter's height: a rule's piece is thin ...
MIN_LENGTH = 1.0  # ... and at least this many letter heights long
MIN_PIECES = 3  # pieces on one line that make a broken rule ...
MIN_SPREAD = 12.0  # ... spread over at least this many letter heights


def rule_pieces(dark, rules):
    """What to paint out with the rules `rules` (the part of the ink mask `dark` that is rules):
    the rules, pieces of them (thin marks touching a rule across the page, or a line of flat marks
    a letter long or more), and the grey rim resampling left around them outside the ink mask."""
    from scipy import ndimage

    found = rules | _pieces(dark & ~rules, rules)
    return found | (ndimage.binary_dilation(found) & ~dark)


def _pieces(rest, rules):
    """Thin flat marks of `rest` touching a rule across the page, or in a line of their own."""
    import numpy as np
    from scipy import ndimage

    found = np.zeros_like(rest)
    labels, count = ndimage.label(rest)
    if count < 20:
        return found
    boxes = ndimage.find_objects(labels)
    letter = letter_height(boxes)
    if letter is None:
        return found
    thin = [(i, rows, cols) for i, (rows, cols) in enumerate(boxes) if rows.stop - rows.start <= max(2, MAX_THICKNESS * letter)]
    long = [(i, rows, cols) for i, rows, cols in thin if cols.stop - cols.start >= MIN_LENGTH * letter]
    # the rim of a rule across the page painted out (a slant of a pixel), any length: a thin mark
    # touching it from just above or below, where it runs
    beside = ndimage.binary_dilation(_across(rules, letter), structure=np.ones((7, 1), bool))
    for i, rows, cols in thin:
        piece = labels[rows, cols] == i + 1
        if (beside[rows, cols] & piece).any():
            found[rows, cols] |= piece
    for i, rows, cols in long:  # a rule the cut broke into dashes
        middle = (rows.start + rows.stop) / 2
        line = [c for _, r, c in long if abs((r.start + r.stop) / 2 - middle) <= 0.15 * letter]
        if len(line) >= MIN_PIECES and max(c.stop for c in line) - min(c.start for c in line) >= MIN_SPREAD * letter:
            found[rows, cols] |= labels[rows, cols] == i + 1
    return found


def _across(rules, letter: float):
    """The rules that run across the page: pieces of `rules` far wider than they are high."""
    import numpy as np
    from scipy import ndimage

    labels, _ = ndimage.label(rules)
    across = np.zeros_like(rules)
    for i, (rows, cols) in enumerate(ndimage.find_objects(labels)):
        if cols.stop - cols.start >= max(3 * letter, 8 * (rows.stop - rows.start)):
            across[rows, cols] |= labels[rows, cols] == i + 1
    return across
