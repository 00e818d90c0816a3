"""Words with positions (from a PDF's text layer or from OCR) back into lines of text.

Words whose middles sit at the same height form one line, left to right. A gap wider than about
two letters becomes three spaces, which the text reader takes as a column break; this keeps a
table's columns, a fixed-width report's fields and two results side by side apart.

A hand-filled form's boxes are the exception (`form_boxes`): handwriting drifts up and down, so a
box's figures and the range printed under it may share a height with a neighbouring box's heading.
Only positions tell which box a cell is in, so each box is laid out as its own three lines here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from statistics import median


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


def words_to_lines(words: list[Word], names_a_test: Callable[[str], bool] | None = None,
                   box_kind: Callable[[str], str] | None = None, *, small_figures_apart: bool = False) -> list[str]:
    """A page's words as lines of text. With `names_a_test`, a block of rows printed as two
    independent columns of results (`column_flows`) is laid out as the left column, then the right;
    with `box_kind`, a hand-filled form's boxes one box at a time (`form_boxes`); with
    `small_figures_apart` (a PDF's text layer, whose word heights are its font sizes), figures in small
    print on a row of larger text each their own line after it (`small_figures`)."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return []
    rows = _rows(words)
    letter = median((w.x1 - w.x0) / max(len(w.text), 1) for w in words) or 1.0
    if small_figures_apart:
        rows = [part for row in rows for part in small_figures(row)]
    if box_kind is not None:
        rows = form_boxes(rows, letter, box_kind)
    flows = column_flows(rows, letter, names_a_test) if names_a_test is not None else None
    if flows is None and names_a_test is not None:
        gutter = page_gutter(rows, letter, names_a_test)
        if gutter is not None:  # a sheet of labels or cards, two a row: the left ones, then the right
            sides = [_rows([w for row in rows for w in row if (w.x1 <= gutter) == left]) for left in (True, False)]
            if small_figures_apart:
                sides = [[part for row in side for part in small_figures(row)] for side in sides]
            return [_line(row, letter) for side in sides for row in side]
    if flows is None:
        return [_line(row, letter) for row in rows]
    first, stop, gutter = flows
    left = [w for row in rows[first:stop] for w in row if w.x1 <= gutter]
    right = [w for row in rows[first:stop] for w in row if w.x0 >= gutter]
    sides = [_rows(left), _rows(right)]
    if small_figures_apart:
        sides = [[part for row in side for part in small_figures(row)] for side in sides]
    return ([_line(row, letter) for row in rows[:first]] + [_line(row, letter) for row in sides[0]]
            + [_line(row, letter) for row in sides[1]] + [_line(row, letter) for row in rows[stop:]])


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words whose middles sit at the same height, as rows from the top, each left to right."""
    if not words:
        return []
    height = median(w.height for w in words) or 1.0
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.middle):
        row = rows[-1] if rows else None
        if row is not None and abs(word.middle - median(w.middle for w in row)) <= height * 0.5:
            row.append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


GAP_LETTERS = 1.8  # a gap between two words wider than this many letters parts two cells
SMALL_PRINT = 0.8  # a word this much smaller than its row's text is in small print
_BARE_FIGURE = re.compile(r"[<>]?\d+(?:[.,]\d+)?")


def small_figures(row: list[Word]) -> list[list[Word]]:
    """A row as its words, then each figure printed small among them (a chart's axis numbers beside a
    result -- a trend line's lowest and highest earlier values -- or a footnote's number) as a row of
    its own: a figure in smaller print than its row is never a part of the result beside it, even
    set close to the next word. A row all in one size is left as it is."""
    height = median(w.height for w in row)
    small = [w for w in row if _BARE_FIGURE.fullmatch(w.text) and w.height < SMALL_PRINT * height]
    if not small:
        return [row]
    kept = [w for w in row if w not in small]
    return [kept, *([w] for w in small)] if kept else [row]


def _line(row: list[Word], letter: float) -> str:
    """A row's words as one line: a column gap (`GAP_LETTERS`) becomes three spaces."""
    return "   ".join(" ".join(w.text for w in cell) for cell in _cells(row, letter))


BOX_DRIFT_LETTERS = 3  # how far (in letters) hand-written figures may stray from their box's heading


def _cells(row: list[Word], letter: float) -> list[list[Word]]:
    """A row's words grouped into cells: a gap wider than `GAP_LETTERS` letters parts two cells."""
    if not row:
        return []
    cells = [[row[0]]]
    for prev, word in zip(row, row[1:], strict=False):
        if word.x0 - prev.x1 > letter * GAP_LETTERS:
            cells.append([word])
        else:
            cells[-1].append(word)
    return cells


def form_boxes(rows: list[list[Word]], letter: float, box_kind: Callable[[str], str]) -> list[list[Word]]:
    """Rows of a hand-filled form (a row of at least two box headings, "LDL (mg/dL)", then rows holding
    only headings, figures and "Ref" ranges) re-laid as one box at a time: its heading, its figures,
    its range, each a row. A cell belongs to the heading above it that starts within
    `BOX_DRIFT_LETTERS` of it; a cell under no heading, or a box out of the order heading, figures,
    range, leaves every row as it was. `box_kind(text)` is "heading", "value", "ref" or "other"."""
    out: list[list[Word]] = []
    i = 0
    while i < len(rows):
        found = _boxes_from(rows, i, letter, box_kind)
        if found is None:
            out.append(rows[i])
            i += 1
            continue
        boxes, i = found
        out.extend(part for box in boxes for part in box)
    return out


def _boxes_from(rows: list[list[Word]], start: int, letter: float,
                box_kind: Callable[[str], str]) -> tuple[list[list[list[Word]]], int] | None:
    """The boxes of a form whose heading row is `start` (each box a list of rows) and the row after it."""
    def text(cell: list[Word]) -> str:
        return " ".join(w.text for w in cell)

    first = _cells(rows[start], letter)
    if len(first) < 2 or any(box_kind(text(c)) != "heading" for c in first):
        return None
    anchors = [c[0].x0 for c in first]
    streams: dict[float, list[tuple[int, str, list[Word]]]] = {}  # anchor -> (row, kind, cell) downwards
    end = start
    for j in range(start, len(rows)):
        cells = [(box_kind(text(c)), c) for c in _cells(rows[j], letter)]
        if any(kind == "other" for kind, _ in cells):
            break  # the form ends at the first row that is not boxes (writing that is no figures included)
        for kind, cell in cells:
            anchor = min(anchors, key=lambda a: abs(a - cell[0].x0))
            if abs(anchor - cell[0].x0) > BOX_DRIFT_LETTERS * letter:
                if kind != "heading":
                    return None  # figures or a range under no heading: not a form this can lay out
                anchors.append(anchor := cell[0].x0)
            streams.setdefault(anchor, []).append((j, kind, cell))
        end = j + 1
    boxes: list[tuple[int, float, list[list[Word]]]] = []
    for anchor, stream in streams.items():
        for k, (row, kind, cell) in enumerate(stream):
            if kind != "heading":
                continue
            rest = [(kd, c) for _, kd, c in stream[k + 1:]]
            rest = rest[:next((n for n, (kd, _) in enumerate(rest) if kd == "heading"), len(rest))]
            if [kd for kd, _ in rest] not in ([], ["ref"], ["value"], ["value", "ref"]):
                return None  # two figures or two ranges in one box, or a range above its figures
            has_value = any(kd == "value" for kd, _ in rest)
            # an empty box's range describes nothing written: only its heading is kept
            boxes.append((row, anchor, [cell] + ([c for _, c in rest] if has_value else [])))
        if stream[0][1] != "heading":
            return None
    if end - start < 2 or not any(len(parts) > 1 for _, _, parts in boxes):
        return None
    return [parts for _, _, parts in sorted(boxes, key=lambda b: (b[0], b[1]))], end


FLOW_MIN_ROWS = 4  # rows of a two-column block with words on both sides of its gutter
FLOW_NAMED_SHARE = 1 / 3  # of each side's rows, at least this many begin with a test's name


def column_flows(rows: list[list[Word]], letter: float,
                 names_a_test: Callable[[str], bool]) -> tuple[int, int, float] | None:
    """Rows `first` to `stop` printed as two independent columns of results, or as a column of text
    beside a column of results (`_text_column`), split at the x of `gutter`, or None. The gutter is a
    band at least three letters wide, in the middle of the page, that no word of those rows crosses;
    the sides share at least FLOW_MIN_ROWS rows (a column of text and a column of results one, the results
    holding FLOW_MIN_ROWS), and each must read as a column of results: every row part beginning with a test's name or a value (or a section heading),
    at least a third of them with a name (the left side may have text of its own above them). A
    table's column gap fails this (right of it stand values, units or ranges, never names), so a table
    is never split."""
    right_edge = max(w.x1 for row in rows for w in row)
    left_edge = min(w.x0 for row in rows for w in row)
    named: dict[str, bool] = {}

    def kind(words: list[Word]) -> str:
        """What a row part begins with: "" (nothing), "name", "value", "heading" or "other"."""
        start = _first_cell(words, letter)
        if not start:
            return ""
        if start[0].isdigit() or start[0] in "<>" or start.split()[0].lower() in _WORD_RESULTS:
            return "value"
        if start not in named:
            named[start] = names_a_test(start)
        if named[start]:
            return "name"
        return "heading" if start.isupper() and not any(c.isdigit() for c in start) else "other"

    best: tuple[int, int, float] | None = None
    # of equally long blocks, the gutter with most row parts beginning with a name, then with fewest right parts
    # beginning with a value: the one between the two columns, not one inside the left column (its range
    # column would begin the right side: "2.2 - 2.6" taken for a value under the right column's name)
    best_names = (0, 0)
    steps = int((right_edge - left_edge) * 0.4 / (letter / 2))
    for k in range(steps + 1):
        gutter = left_edge + (right_edge - left_edge) * 0.3 + k * letter / 2
        clear = [all(w.x1 <= gutter - 1.5 * letter or w.x0 >= gutter + 1.5 * letter for w in row) for row in rows]
        first = 0
        while first < len(rows):
            if not clear[first]:
                first += 1
                continue
            stop = first
            while stop < len(rows) and clear[stop]:
                stop += 1
            if stop - first >= FLOW_MIN_ROWS and (best is None or stop - first >= best[1] - best[0]):
                sides = [(kind([w for w in row if w.x1 <= gutter]), kind([w for w in row if w.x0 >= gutter]))
                         for row in rows[first:stop]]
                # lines of other text above or below it (a letterhead, the patient's details) are no part of the
                # block, nor is a heading or footer line at either end
                lead = next((k for k, pair in enumerate(sides) if "other" not in pair), len(sides))
                tail = next((k for k, pair in enumerate(reversed(sides)) if "other" not in pair), len(sides))
                for top, end in {*product(range(lead, lead + 4), range(tail, tail + 4)), *product(range(4), range(4))}:
                    part = sides[top:len(sides) - end]
                    names = (sum(kind == "name" for pair in part for kind in pair), -sum(b == "value" for _, b in part))
                    paired = sum(bool(a) and bool(b) for a, b in part)
                    if ((max(paired, _offset_rows(part)) >= FLOW_MIN_ROWS and _results_column(part, 0)
                         or paired and _text_column(part, 0))
                            and (best is None or (len(part), names) > (best[1] - best[0], best_names))
                            and _results_column(part, 1) and sum(bool(b) for _, b in part) >= FLOW_MIN_ROWS):
                        best, best_names = (first + top, first + top + len(part), gutter), names
            first = stop
    return best


def _offset_rows(sides: list[tuple[str, str]]) -> int:
    """How often rows switch from one side only to the other side only: two columns whose rows stand at
    other heights (an index's large initial letters push one column's rows off the other's) pair no
    rows, but their rows take turns down the page; a table's rows, parted at a column gap, never do."""
    alone = [0 if a else 1 for a, b in sides if bool(a) != bool(b)]
    return sum(x != y for x, y in zip(alone, alone[1:], strict=False))


PAGE_GUTTER_LETTERS = 3  # a gap down a whole page this many letters wide parts two columns of labels
PAGE_SIDE_NAMES = 2  # ...when each side has at least this many rows led by a test's name


def page_gutter(rows: list[list[Word]], letter: float, names_a_test: Callable[[str], bool]) -> float | None:
    """The x of a gap down the whole page, in its middle half, that no word of any row crosses, when
    each side holds rows led by tests' names of its own (a sheet of sticky labels or record cards two
    a row, each label one result: its name, value and range under each other); else None. A
    table's column gap fails this: right of it stand values, units or ranges, never names."""
    spans = sorted((w.x0, w.x1) for row in rows for w in row)
    left_edge, right_edge = spans[0][0], max(x1 for _, x1 in spans)
    gaps, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= PAGE_GUTTER_LETTERS * letter:
            gaps.append((x0 - reach, (reach + x0) / 2))
        reach = max(reach, x1)
    width = right_edge - left_edge
    # of the gaps, the one nearest the middle whose right side begins no row with a lone flag (a gap inside a
    # label, before the flag in its corner, would give the left label's flag to the right one)
    for _, gutter in sorted((abs(x - (left_edge + right_edge) / 2), x) for _, x in gaps
                            if left_edge + width / 4 <= x <= right_edge - width / 4):
        sides = [_rows([w for row in rows for w in row if (w.x1 <= gutter) == left]) for left in (True, False)]
        if any(_LONE_FLAG.fullmatch(row[0].text) for row in sides[1]):
            continue
        if all(sum(names_a_test(_first_cell(row, letter)) for row in side) >= PAGE_SIDE_NAMES for side in sides):
            return gutter
        return None
    return None


_LONE_FLAG = re.compile(r"HH|LL|H|L|A|\*")


def _results_column(sides: list[tuple[str, str]], side: int) -> bool:
    starts = [pair[side] for pair in sides if pair[side]]
    # text above the left side's results is its own (a booklet's left page: the details over its table), under
    # which a column of results follows (not one result between lines of text: a card's "Your value"); on the
    # right it would be the left column's last cells (its ranges' heading) beginning the right side
    text = next((k for k, start in enumerate(starts) if start in ("name", "value")), len(starts)) if side == 0 else 0
    if text and len(starts) - text < FLOW_MIN_ROWS:
        return False
    starts = starts[text:]
    return (bool(starts) and "other" not in starts
            and starts.count("name") >= FLOW_NAMED_SHARE * len(starts))


def _text_column(sides: list[tuple[str, str]], side: int) -> bool:
    """A side of text beside a column of results (a card's front printed beside its back, a letter's
    details beside its table): no part of it begins with a test's name or a value."""
    starts = [pair[side] for pair in sides if pair[side]]
    return len(starts) >= 2 and "other" in starts and not {"name", "value"} & set(starts)


_WORD_RESULTS = {"negative", "positive", "trace", "nil", "detected", "not", "reactive", "non-reactive", "normal"}


def _first_cell(words: list[Word], letter: float) -> str:
    """The text of a row part up to its first column gap."""
    cells = _cells(words, letter)
    return " ".join(w.text for w in cells[0]) if cells else ""


def merge_word_rows(groups: list[list[Word]]) -> list[list[Word]]:
    """OCR lines (each a run of words tesseract read together) joined into page rows: a piece
    that sits at the height of the row's nearest word, and right of it, belongs to that row.
    Tesseract may break a table row in two where the row slants or a column gap is wide."""
    rows: list[list[Word]] = []
    for group in sorted((sorted(g, key=lambda w: w.x0) for g in groups if g), key=lambda g: g[0].x0):
        first = group[0]
        best = None
        for row in rows:
            last = row[-1]
            near = abs(last.middle - first.middle)
            if (last.x1 <= first.x0 + first.height and near <= 0.6 * max(first.height, last.height)
                    and (best is None or near < abs(best[-1].middle - first.middle))):
                best = row
        if best is None:
            rows.append(list(group))
        else:
            best.extend(group)
    rows.sort(key=lambda r: min(w.top for w in r))
    return rows


def join_row(row: list[Word]) -> str:
    """A row's words as one line: a gap wider than about two letters becomes three spaces."""
    row = sorted(row, key=lambda w: w.x0)
    return _line(row, median((w.x1 - w.x0) / max(len(w.text), 1) for w in row) or 1.0)
