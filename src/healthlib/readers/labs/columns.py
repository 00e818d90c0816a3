"""Report shapes a result line does not show by itself: what a table's column headings say, results
printed over two or three lines, quoted CSV exports, and ranges introduced by words.

Run over a report's lines before they are read (`prepare_lines`), each step rewrites lines into the
one-line form the text reader reads ("name   value unit flag   range"), and never guesses:

- Column headings decide which column holds the current result. A table with a "Previous" /
  "Prior" / "Last" column, or separate "Low" and "High" limit columns, has each row's cells matched
  to its headings by what each cell can hold (a flag, a unit, a number); the previous result is
  dropped and the two limits joined; columns that hold no part of a result ("Collected", "Status",
  "Lab") are dropped too. A row whose cells fit the headings in more than one way that reads
  differently goes to "not read" (`AMBIGUOUS`).
- A result printed as a block — the test's name on a line of its own, the value (maybe after
  "Value:") on the next, the range (maybe after "Normal range:") on the one after — is joined.
- A range on a line of its own under a result line that has none ("Reference range: 3.5-5.1") is
  joined to it.
- A quoted CSV line ("Glucose","85","mg/dL","70 to 99","") becomes its cells, a column gap apart.
- A range or value introduced by a word ("Normal: 3.5-5.1", "(ref 7 to 20)", "Normal range:",
  "Reference interval:", "Value:") keeps only the range or value; "(High)" / "(Low)" become flags.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from itertools import product

AMBIGUOUS = "\x00"  # a line marked to go to "not read": its cells fit the headings in two readings
_GAP = "   "
_CELL_SPLIT = re.compile(r"\s{2,}|\t|\s*\|\s*")

# heading words, by the role of the column under them
_ROLES = {
    "name": {"test", "tests", "test name", "analyte", "component", "investigation", "examination", "parameter"},
    "value": {"result", "results", "current result", "current", "value", "your value", "current value"},
    "flag": {"flag", "flags", "abnormal flag", "abn"},
    "previous": {"previous", "previous result", "prior", "prior result", "last", "last result", "previous value"},
    "units": {"units", "unit"},
    "range": {"reference range", "reference interval", "ref range", "ref. range", "normal range", "range",
              "standard range", "reference", "ref interval", "normal values", "normal"},
    "low": {"low", "lower limit", "ref low", "lower"},
    "high": {"high", "upper limit", "ref high", "upper"},
    # columns that hold no part of the result read: when it was taken, its status, where it was
    # tested, the same result again in SI units (the first result and its own range are read)
    "other": {"collected", "collection date", "date collected", "date", "time", "status", "result status", "lab",
              "performing lab", "site", "specimen", "comment", "comments", "method", "si result", "si units",
              "si value", "si unit", "result (si)", "units (si)", "conventional", "conventional result",
              "conventional units", "conv. units", "conv units", "conv. result"},
}
_ROLE_OF = {word: role for role, words in _ROLES.items() for word in words}

# a word that introduces a range, or a value, printed before it
_RANGE_LABEL = re.compile(
    r"(?i)(?<![\w])(?:normal\s+range|normal|reference\s+(?:range|interval)|ref(?:erence)?\.?\s*(?:range|interval)?|"
    r"standard\s+range|expected)\s*:?\s*"
    # only before what reads as a range, so "Ref: 12345" (a record number) keeps its label
    r"(?=[\(\[]?\s*(?:\d+(?:\.\d+)?\s*(?:-|–|—|to)\s*\.?\d|[<>≥≤]|negative\b|positive\b|not\s+detected\b|nil\b))")
_VALUE_LABEL = re.compile(r"(?i)^\s*(?:value|result|your\s+value)\s*:\s*")
_FLAG_IN_BRACKETS = re.compile(r"\((High|Low|Abnormal|Critical|HIGH|LOW|ABNORMAL|CRITICAL)\)")


def prepare_lines(lines: list[str], is_value_start: Callable[[str], bool],
                  is_range_only: Callable[[str], bool], cell_kind: Callable[[str], set[str]]) -> list[str]:
    """The report's lines rewritten into one-line results (see the module's doc). The three
    callables come from the text reader: does a line start with a value, is it only a range, and
    what can a cell be ({"value", "unit", "flag", "range", "number", "dash"})."""
    lines = [unlabel(csv_cells(line)) for line in lines]
    lines = join_blocks(lines, is_value_start, is_range_only)
    lines = join_range_lines(lines, is_range_only, cell_kind)
    return apply_headings(lines, cell_kind)


def csv_cells(line: str) -> str:
    """A quoted CSV line as its cells a column gap apart (empty cells dropped); others unchanged."""
    stripped = line.strip()
    if not (stripped.startswith('"') and '","' in stripped):
        return line
    try:
        cells = next(csv.reader([stripped]))
    except (csv.Error, StopIteration):
        return line
    return _GAP.join(cell.strip() for cell in cells if cell.strip())


def unlabel(line: str) -> str:
    """Words introducing a range or a value dropped; a flag in words in brackets unbracketed."""
    line = _RANGE_LABEL.sub("", line)
    line = _VALUE_LABEL.sub("", line)
    return _FLAG_IN_BRACKETS.sub(lambda m: m.group(1), line)


def join_blocks(lines: list[str], is_value_start: Callable[[str], bool],
                is_range_only: Callable[[str], bool]) -> list[str]:
    """A test's name alone on a line, its value on the next line (and its range alone on the one
    after, if so) joined into one line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        after = lines[i + 2].strip() if i + 2 < len(lines) else ""
        range_line = after if after and is_range_only(after) else ""
        if range_line.startswith("(") and range_line.endswith(")"):
            range_line = range_line[1:-1].strip()  # "(Negative)" as its own line
        if _name_only(line) and nxt and is_value_start(_GAP.join(x for x in (nxt, range_line) if x)):
            out.append(_GAP.join(x for x in (line.strip(), nxt, range_line) if x))
            i += 3 if range_line else 2
            continue
        out.append(line)
        i += 1
    return out


def join_range_lines(lines: list[str], is_range_only: Callable[[str], bool],
                     cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A result line with no range, followed by a line holding only a range ("Reference range:
    3.5-5.1" under the result, its label already dropped), joined: the report's own range is the
    one its result is judged by, so it must not be lost."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        cells = [c.strip() for c in _CELL_SPLIT.split(previous.strip()) if c.strip()]
        if (line.strip() and is_range_only(line.strip()) and len(cells) >= 2 and any(c.isalpha() for c in cells[0])
                and "value" in cell_kind(cells[1]) and not any("range" in cell_kind(c) for c in cells[2:])):
            out[-1] = previous.rstrip() + _GAP + line.strip()
            continue
        out.append(line)
    return out


def _name_only(line: str) -> bool:
    """A short line of a name: letters, no column gap, not a label ("Comment:"), no range or decimal."""
    text = line.strip()
    return (bool(text) and any(c.isalpha() for c in text) and len(text.split()) <= 6 and not _CELL_SPLIT.search(text)
            and not text.endswith((":", ".")) and not re.search(r"\d[.,]\d|\d\s*(?:-|to)\s*\d|[<>=:]", text))


def headings(line: str) -> list[str] | None:
    """The roles of a table's heading line, left to right; None when the line is not one (each cell a
    heading word, a name and a value column among them, no role twice)."""
    cells = [part for c in _CELL_SPLIT.split(line.strip()) if c.strip() for part in _unglue(c.strip().lower().rstrip(":"))]
    if len(cells) < 3 or any(c not in _ROLE_OF for c in cells):
        return None
    roles = [_ROLE_OF[c] for c in cells]
    kept = [role for role in roles if role != "other"]  # several columns may hold no part of a result
    if roles[0] != "name" or "value" not in roles or len(set(kept)) != len(kept):
        return None
    return roles


def _unglue(cell: str) -> list[str]:
    """A heading cell, or two headings a fixed-width report printed with no space between
    ("Normal rangeUnits" when the range column is narrower than its heading)."""
    if cell in _ROLE_OF:
        return [cell]
    for k in range(1, len(cell)):
        if cell[:k].strip() in _ROLE_OF and cell[k:].strip() in _ROLE_OF:
            return [cell[:k].strip(), cell[k:].strip()]
    return [cell]


_OPTIONAL = {"flag", "low", "high", "units", "previous", "other"}  # a cell that may be left blank
_FITS = {"value": {"value"}, "flag": {"flag"}, "previous": {"value", "dash"}, "units": {"unit"},
         "range": {"range", "value"}, "low": {"number", "value"}, "high": {"number"}}


def apply_headings(lines: list[str], cell_kind: Callable[[str], set[str]]) -> list[str]:
    """Rows under a heading line with a previous-result column, separate limit columns or columns
    that hold no part of a result (collected, status, lab) rewritten as "name   value   flag   unit
    range"; other lines unchanged. A later heading line starts a
    new table."""
    roles: list[str] | None = None
    out = []
    for line in lines:
        found = headings(line)
        if found is not None:
            roles = found
            out.append("")  # the heading line itself holds no result
            continue
        if roles is None or not ({"previous", "low", "high", "other"} & set(roles)):
            out.append(line)
            continue
        out.append(_row(line, roles, cell_kind))
    return out


def _row(line: str, roles: list[str], cell_kind: Callable[[str], set[str]]) -> str:
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip()) if c.strip()]
    if len(cells) < 2 or not any(c.isalpha() for c in cells[0]) or "value" not in cell_kind(cells[1]):
        return line  # a section bar, a comment, a heading of its own: not a row of this table
    readings = {_reading(cells[0], fit) for fit in _fits(cells[1:], roles[1:], cell_kind)}
    if len(readings) > 1 and "flag" in roles:  # a blank flag then means "inside the range"
        readings = {r for r in readings if _flag_agrees(r)}
    if len(readings) == 1:
        return readings.pop()
    return AMBIGUOUS + line


def _fits(cells: list[str], roles: list[str], cell_kind: Callable[[str], set[str]]):
    """Every way to give each cell a role, in order, leaving only optional roles blank (a cell under a
    column that holds no part of a result may hold anything: a date, "Final", a lab's code)."""
    blanks = len(roles) - len(cells)
    if blanks < 0:
        return
    optional = [i for i, role in enumerate(roles) if role in _OPTIONAL]
    kinds = [cell_kind(c) for c in cells]
    for skipped in product([False, True], repeat=len(optional)):
        if sum(skipped) != blanks:
            continue
        skip = {optional[k] for k, s in enumerate(skipped) if s}
        used = [role for i, role in enumerate(roles) if i not in skip]
        if all(role == "other" or _FITS.get(role, set()) & kinds[k] for k, role in enumerate(used)):
            yield dict(zip(used, cells, strict=True))


def _reading(name: str, fit: dict[str, str]) -> str:
    low, high = fit.get("low"), fit.get("high")
    if "range" in fit:
        rng = fit["range"]
    elif low and high:
        rng = f"{low}-{high}"
    elif low:
        rng = low if not re.match(r"[\d.]", low) else f">={low}"
    elif high:
        rng = f"<={high}"
    else:
        rng = ""
    return _GAP.join(x for x in (name, fit["value"], fit.get("flag", ""), fit.get("units", ""), rng) if x)


_NUMBER = re.compile(r"[<>]?=?\s*(\d+(?:\.\d+)?)")


def _flag_agrees(reading: str) -> bool:
    """Does a reading's flag (or its lack) agree with its value against its range? Used only to
    choose between readings of a row whose cells fit the headings two ways."""
    cells = reading.split(_GAP)
    value = _NUMBER.match(cells[1])
    flag = next((c for c in cells[2:] if c.upper() in {"H", "L", "HH", "LL", "HIGH", "LOW"}), "")
    bounds = re.findall(r"(>=|<=)?(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$", cells[-1])
    if value is None or not bounds:
        return False
    op, first, second = bounds[0]
    number = float(value.group(1))
    low = float(first) if op != "<=" else None
    high = float(second) if second else float(first) if op == "<=" else None
    above = high is not None and number > high
    below = low is not None and number < low
    if flag.upper().startswith("H"):
        return above
    if flag.upper().startswith("L"):
        return below
    return not (above or below)
