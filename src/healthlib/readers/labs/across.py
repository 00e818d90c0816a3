"""Tests printed across the page, read one test a line: a cassette analyser's strip (`read_across`) and
an ICE-style transposed panel with labelled rows (`read_transposed_panels`).

Results printed across a narrow strip: a row of test names, and under it a row of their values,
then rows of their units, ranges and flags, one cell per test (as a point-of-care cassette analyser
prints four tests to a line on 80 mm paper):

    AST     CRP     ALT     TSH
    43      7.3     5       0.32
    U/L     mg/L    u/l     mIU/L
    10-40   <8      7-56    0.4-4.5
    H       L       L

Each block is rewritten as one line per test ("AST   43   H   U/L   10-40") for the text reader.
A printed text keeps no column positions, only the order of the cells, so a row is given to the
tests only when it holds one cell for each. A flag row is the exception, as analysers print a flag
only beside a result outside its range: its flags are given, in order, to the results that lie
outside their ranges, and only when there are exactly as many and each points the same way.
Anything else (a unit row with a cell missing, a flag that fits no result, a value on a one-sided
range's limit) sends the block to "not read".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .columns import AMBIGUOUS, COLUMN_GAP, split_cells

_NUM = r"\d+(?:\.\d+)?"
_RANGE = re.compile(r"\s*(?P<lo>" + _NUM + r")\s*(?:-|–|to)\s*(?P<hi>" + _NUM + r")\s*")
_ONE_SIDED = re.compile(r"\s*(?P<op>[<>]=?|≤|≥)\s*(?P<num>" + _NUM + r")\s*")
_HIGH = {"H", "HH", "HI", "HIGH", "CRIT HIGH", "CRITICAL HIGH", "↑", "▲"}
_LOW = {"L", "LL", "LO", "LOW", "CRIT LOW", "CRITICAL LOW", "↓", "▼"}
_EITHER = {"A", "ABN", "ABNORMAL", "*"}


def _all(cells: list[str], kind: str, cell_kind: Callable[[str], set[str]]) -> bool:
    return bool(cells) and all(kind in cell_kind(c) for c in cells)


def _names_row(cells: list[str], cell_kind: Callable[[str], set[str]], names_a_test: Callable[[str], bool]) -> bool:
    """Words only, most of them catalogue tests' names (an analyser's own short name, "UPRO", may be
    among them; a row of cards' "Your value" labels is no row of tests)."""
    return (len(cells) >= 2 and all(not cell_kind(c) and re.search(r"[^\W\d_]", c) for c in cells)
            and 2 * sum(names_a_test(c) for c in cells) >= len(cells))


def _outside(value: str, rng: str) -> str | None | bool:
    """"high", "low" or "either" when a value lies outside its range, None inside, False when it cannot
    be told (a value on a one-sided limit, a range or value in a form not known here)."""
    if (bounded := _ONE_SIDED.fullmatch(value)) and (limit := _ONE_SIDED.fullmatch(rng)):
        # ">90" against ">60": every value it stands for is inside; any other pairing cannot be told
        op, n, bound = bounded.group("op")[0], float(bounded.group("num")), float(limit.group("num"))
        inside = op == limit.group("op")[0] and (n >= bound if op == ">" else n <= bound)
        return None if inside else False
    if not re.fullmatch(r"\s*" + _NUM + r"\s*", value):
        if rng and value.strip().lower() == rng.strip().lower():
            return None
        return "either" if rng and not re.search(r"\d", value + rng) else False
    v = float(value)
    if m := _RANGE.fullmatch(rng):
        lo, hi = float(m.group("lo")), float(m.group("hi"))
        return "low" if v < lo else "high" if v > hi else None
    if m := _ONE_SIDED.fullmatch(rng):
        op, bound = m.group("op"), float(m.group("num"))
        if v == bound and op in ("<", ">"):
            return False
        if op in ("<", "<=", "≤"):
            return "high" if v > bound else None
        return "low" if v < bound else None
    return False


def _flags(values: list[str], ranges: list[str], flags: list[str]) -> list[str] | None:
    """Each test's flag ("" for none), or None when the flags cannot be given for certain."""
    out = [_outside(v, r) for v, r in zip(values, ranges, strict=True)]
    if any(o is False for o in out):
        return None
    outside = [k for k, o in enumerate(out) if o]
    if len(outside) != len(flags):
        return None
    given = [""] * len(values)
    for k, flag in zip(outside, flags, strict=True):
        word = " ".join(flag.upper().split())
        way = "high" if word in _HIGH else "low" if word in _LOW else "either" if word in _EITHER else None
        if way is None or (way != "either" and out[k] != way):  # "A" fits any side; "H" only a high result
            return None
        given[k] = flag
    return given


def _units(units: list[str] | None, values: list[str], cell_kind: Callable[[str], set[str]]) -> list[str] | None:
    """The unit row, one cell per test: a result in words ("Positive") has no unit, so a row short by
    exactly the number of word results is given, in order, to the tests with numbers."""
    if units is None or len(units) == len(values):
        return units
    worded = [not re.search(r"\d", v) for v in values]
    if len(units) != worded.count(False):
        return units
    given = iter(units)
    return ["" if w else next(given) for w in worded]


def read_across(lines: list[str], cell_kind: Callable[[str], set[str]],
                names_a_test: Callable[[str], bool]) -> list[str]:
    """Every block of tests across (a names row, a values row, then unit, range and flag rows) as one
    line per test; a block that cannot be read for certain as one "not read" line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        names = split_cells(lines[i])
        if not (_names_row(names, cell_kind, names_a_test) and i + 1 < len(lines)):
            out.append(lines[i])
            i += 1
            continue
        values = split_cells(lines[i + 1])
        if len(values) != len(names) or not _all(values, "value", cell_kind):
            out.append(lines[i])
            i += 1
            continue
        rows: dict[str, list[str]] = {}
        j = i + 2
        while j < len(lines) and len(rows) < 3:
            cells = split_cells(lines[j])
            kind = next((k for k in ("unit", "flag", "range") if _all(cells, k, cell_kind)), None)
            if kind is None or kind in rows:
                break
            rows[kind] = cells
            j += 1
        block = lines[i:j]
        units, ranges = _units(rows.get("unit"), values, cell_kind), rows.get("range")
        flags = _flags(values, ranges, rows["flag"]) if ranges and len(ranges) == len(names) and "flag" in rows else (
            [""] * len(names) if "flag" not in rows else None)
        if (units is not None and len(units) != len(names)) or (ranges is not None and len(ranges) != len(names)) \
                or flags is None:
            out.append(AMBIGUOUS + " ".join(x.strip() for x in block))
            out += [""] * (len(block) - 1)
        else:
            for k, name in enumerate(names):
                out.append(_test_line(name, values[k], flags[k], units[k] if units else "", ranges[k] if ranges else ""))
            out += [""] * (len(block) - len(names))
        i = j
    return out


def _test_line(name: str, value: str, flag: str, unit: str, rng: str) -> str:
    """One test of a block printed across, as the one-line result the text reader reads."""
    return COLUMN_GAP.join(part for part in (name, value, flag, unit, rng) if part)


# ---- a transposed panel (tests across the page, a row each for results, units and ranges) --------
_PANEL_ROWS = {"test": "name", "tests": "name", "test name": "name", "analyte": "name", "result": "value",
               "results": "value", "value": "value", "flag": "flag", "flags": "flag", "units": "units", "unit": "units",
               "range": "range", "ref range": "range", "ref. range": "range", "reference range": "range",
               "normal range": "range"}


def read_transposed_panels(lines: list[str], cell_kind: Callable[[str], set[str]],
                           names_a_test: Callable[[str], bool],
                           unitless: Callable[[str], bool] = lambda name: False) -> list[str]:
    """An ICE-style transposed panel — a "Test" row of names across the page, then "Result", "Units"
    and "Range" rows (maybe "Flag") with a cell under each name — as one line per test. Cells are
    matched by count only: every row must hold one cell per test, except a Units row that leaves out
    exactly the results in words and those of tests printed without a unit (`unitless`: the INR). A panel whose rows do not
    match goes to "not read" (`AMBIGUOUS`), test by test."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = split_cells(lines[i])
        if len(cells) < 2 or _PANEL_ROWS.get(cells[0].lower().rstrip(":")) != "name" \
                or not all(names_a_test(c) for c in cells[1:]):
            out.append(lines[i])
            i += 1
            continue
        rows: dict[str, list[str]] = {}
        j = i + 1
        while j < len(lines):
            row = split_cells(lines[j])
            role = _PANEL_ROWS.get(row[0].lower().rstrip(":")) if row else None
            if role in (None, "name") or role in rows:
                break
            rows[role] = row[1:]
            j += 1
        if "value" not in rows:
            out.append(lines[i])
            i += 1
            continue
        out.extend(_panel_lines(cells[1:], rows, cell_kind, unitless))
        i = j
    return out


def _panel_lines(names: list[str], rows: dict[str, list[str]], cell_kind: Callable[[str], set[str]],
                 unitless: Callable[[str], bool]) -> list[str]:
    values = rows["value"]
    count = len(names)
    if len(values) != count or not all("value" in cell_kind(v) for v in values):
        return [AMBIGUOUS + COLUMN_GAP.join([*names, *values])]
    units = rows.get("units", [])
    numeric = [k for k, v in enumerate(values) if "number" in cell_kind(v) and not unitless(names[k])]
    if len(units) == count:
        unit_of = dict(enumerate(units))
    elif len(units) == len(numeric):
        unit_of = dict(zip(numeric, units, strict=True))
    else:
        unit_of = None
    ranges, flags = rows.get("range", []), rows.get("flag", [])
    if (unit_of is None or not all(cell_kind(u) == {"unit"} for u in unit_of.values())
            or len(ranges) != count or not all("range" in cell_kind(r) for r in ranges)
            or flags and len(flags) != count):
        return [AMBIGUOUS + COLUMN_GAP.join([name, value]) for name, value in zip(names, values, strict=True)]
    return [_test_line(name, values[k], flags[k] if flags else "", unit_of.get(k, ""), ranges[k])
            for k, name in enumerate(names)]
