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
- Dated result columns (a cumulative report: `dated_columns`, `dated_row`): the result is the newest
  date's column, found from the dates; the older columns are history, never read. A row whose cells
  cannot be matched one to a date goes to "not read".
- Heading words the reader has not met are known by their words (`heading_role`).
- Two columns printing each result's name over its value (`split_stacked_pairs`): one line a result.
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
from itertools import combinations, product

AMBIGUOUS = "\x00"  # a line marked to go to "not read": its cells fit the headings in two readings
COLUMN_GAP = "   "  # the gap the text reader reads between cells: every rewritten line uses it
_CELL_SPLIT = re.compile(r"\s{2,}|\t|\s*\|\s*")

# heading words, by the role of the column under them
_ROLES = {
    "name": {"test", "tests", "test name", "analyte", "component", "investigation", "examination", "parameter"},
    "value": {"result", "results", "current result", "current", "value", "your value", "current value"},
    "flag": {"flag", "flags", "abnormal flag", "abn"},
    "previous": {"previous", "previous result", "prior", "prior result", "last", "last result", "previous value"},
    "units": {"units", "unit"},
    # two results of one sample taken at two times (a dialysis unit's monthly bloods): which one the
    # row's flag and range describe is decided by the table's own flags (`_timed_choice`)
    "timed": {"pre", "post", "pre-dialysis", "post-dialysis", "pre dialysis", "post dialysis", "predialysis",
              "postdialysis"},
    "range": {"reference range", "reference interval", "ref range", "ref. range", "normal range", "range",
              "standard range", "reference", "ref interval", "normal values", "normal"},
    "low": {"low", "lower limit", "ref low", "lower"},
    "high": {"high", "upper limit", "ref high", "upper"},
    # columns that hold no part of the result read: when it was taken, its status, where it was
    # tested, the same result again in SI units (the first result and its own range are read)
    "other": {"collected", "collection date", "date collected", "date", "time", "status", "result status", "lab",
              "performing lab", "site", "specimen", "comment", "comments", "method", "si result", "si units",
              "si value", "si unit", "result (si)", "units (si)", "conventional", "conventional result",
              "conventional units", "conv. units", "conv units", "conv. result",
              # a GP system's clinical code for each result (UK Read / CTV3, SNOMED CT)
              "read code", "read codes", "ctv3 code", "snomed code", "snomed ct", "snomed ct code"},
}
HEADING_ROLE = {word: role for role, words in _ROLES.items() for word in words}

# a word that introduces a range, or a value, printed before it
# a one-sided range in words, as letters and portals print it ("below 5", "under 5", "more than 60",
# "up to 40", "greater than or equal to 60"): the one list of these words (`report_text` reads them)
COMPARE_WORDS = (r"(?i:less\s+than|greater\s+than|more\s+than|up\s+to|below|above|under|over)"
                 r"(?:\s+or\s+equal\s+to)?")
_RANGE_LABEL = re.compile(
    r"(?i)(?<![\w])(?:normal\s+range|healthy\s+range|normal|reference\s+(?:range|interval)|ref(?:erence)?\.?\s*(?:range|interval)?|"
    # "range" alone only just inside a bracket ("(range 50-175)"): after a word it may be the end of
    # a garbled label ("neyerence range:") whose range must not be taken as the report's own
    # its colon as OCR may read it off a photo: a full stop or a speck ("Normal range’ less than 5")
    r"standard\s+range|expected|(?<=[\(\[])range)\s*[:.’‘'`]?\s*"
    # only before what reads as a range, so "Ref: 12345" (a record number) keeps its label; a date is
    # none ("Ref range   2022-01-14": the heading of a dated column beside it)
    r"(?!\s*(?:\d{4}-\d{1,2}-\d{1,2}\b|\d{1,2}(?P<date_mark>[/.\-])\d{1,2}(?P=date_mark)\d{2}))(?=[\(\[]?\s*(?:\d+(?:,\d{3})*(?:\.\d+)?\s*(?:-|–|—|to)\s*\.?\d|[<>≥≤]|" + COMPARE_WORDS + r"\s*\d|negative\b|positive\b|not\s+detected\b|"
    r"nil\b))")
# a range label left in place by `unlabel` because what follows does not read as a range, with figures
_UNREAD_RANGE = re.compile(r"(?i)^\s*(?:normal\s+range|reference\s+(?:range|interval)|ref(?:erence)?\.?\s*(?:range|interval))"
                           r"\s*:?\s*(.*\d.*)$")
# figures and range marks alone ("3.8 - 10,80" once its label is dropped), that do not read as a range
_BARE_FIGURES = re.compile(r"^\s*([\d\s.,<>=≤≥()\[\]\-–—]*(?:\d\s*[-–—]\s*\d|[<>≤≥]=?\s*\d)[\d\s.,<>=≤≥()\[\]\-–—]*)$")
# "Result: 5.1"; a leaflet's "Your result" before a column gap (its dot leader's)
_VALUE_LABEL = re.compile(r"(?i)^\s*(?:(?:value|result|your\s+value|your\s+result)\s*:|your\s+(?:value|result)(?=\s{2,}))\s*")
FLAG_IN_BRACKETS = re.compile(r"\(((?:Critical\s+|CRITICAL\s+)?(?:High|Low|HIGH|LOW)|Abnormal|Critical|ABNORMAL|CRITICAL)\)")
# a flag in words after the range inside its bracket, as a clinician's message words it ("(normal 3.5 to
# 5.1, flagged High)", "flagged H"): the bracket closed before it, so the flag stands after the range;
# or alone in its bracket ("(flagged Low)")
_FLAGGED_IN_BRACKETS = re.compile(r"(,|\()\s*(?i:flagged\s+(?:as\s+)?)"
                                  r"((?i:(?:critical\s+)?(?:high|low)|abnormal|critical)|HH|LL|H|L|A)\s*\)")


# a table ruled with box-drawing characters (a lab system's screen print): its vertical rules part
# cells as a "|" does; a line of nothing but rules and corners ("├────┼────┤", "+----+----+") is a
# border, which holds nothing
_BOX_VERTICAL = re.compile(r"[\u2502\u2503\u2551\u250a\u250b\u2506\u2507]")
_BORDER_LINE = re.compile(r"^[\s\u2500-\u257f+\-=|]*[\u2500-\u257f+][\s\u2500-\u257f+\-=|]*$")


def ruled_as_pipes(line: str) -> str:
    """A box-drawn table's line with its vertical rules read as "|" cell gaps; a border line as empty."""
    if _BORDER_LINE.match(line) and re.search(r"[\u2500-\u257f]|[-=]{3}", line):
        return ""
    return _BOX_VERTICAL.sub("|", line)


# a line number before a line's text, in a gutter of its own ("0012   Sodium   140 ...")
_LINE_NUMBER = re.compile(r"^\s*(\d{1,6})(?=\s|$)")
GUTTER_LINES_MIN = 8  # lines numbered one after another that make a gutter of line numbers


def without_line_numbers(lines: list[str]) -> list[str]:
    """The lines without a gutter of line numbers (continuous stationery, a listing printed with
    its line numbers): a column counting the lines, one up on each, holds no part of a result.
    Only a run of at least GUTTER_LINES_MIN lines each numbered one more than the line before loses
    its numbers; a number beginning any other line (a row's number, a value) stays."""
    numbers = [_LINE_NUMBER.match(line) for line in lines]
    out = list(lines)
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and numbers[start] and numbers[end] \
                and int(numbers[end].group(1)) == int(numbers[end - 1].group(1)) + 1:
            end += 1
        if numbers[start] and end - start >= GUTTER_LINES_MIN:
            texts = [lines[k][numbers[k].end():] for k in range(start, end)]
            # the gap after the numbers goes too, as much as every numbered line has: the text's columns stay lined up
            gap = min((len(t) - len(t.lstrip()) for t in texts if t.strip()), default=0)
            out[start:end] = [t[gap:] if t.strip() else "" for t in texts]
        start = end
    return _without_outline_numbers(out)


# an outline's item number before a test's name, under its section's ("1. CHEMISTRY" then "1.3   Potassium")
_OUTLINE_NUMBER = re.compile(r"^(\s*)(\d{1,2})\.(\d{1,2})\s+(?=[^\W\d_])")
# OCR's unsure mark alone in a line's first cell, before a name: an outline's item number it could not read
_UNSURE_NUMBER = re.compile(r"^(\s*)\u2047(?:\s{2,}|\t)(?=[^\W\d_])")
OUTLINE_LINES_MIN = 4  # items numbered in order (1.1, 1.2 ... 2.1) that make an outline's numbers


def _without_outline_numbers(lines: list[str]) -> list[str]:
    """The lines without an outline's item numbers ("1.1", "1.2", "2.1" ...): they count a report's
    rows, and read as a value they would be one ("1.1   Creatinine   1.08"). Only a run of at least
    OUTLINE_LINES_MIN numbered lines, each the next item of its section or the first of the next
    section (other lines, its sections' headings, between them), starting at an item 1, loses them.
    On a photo OCR leaves some numbers unsure ("\u2047   Sodium   140"): such a line holds the place
    of the items it skips, so "1.1", unsure, unsure, "1.4" is a run, and loses its unsure first cell
    too (a cell apart from the name: an unsure word of the name itself stays, and the row is not read)."""
    numbered = [(k, m, (int(m.group(2)), int(m.group(3))) if m.re is _OUTLINE_NUMBER else None)
                for k, line in enumerate(lines) if (m := _OUTLINE_NUMBER.match(line) or _UNSURE_NUMBER.match(line))]
    out = list(lines)
    start = 0
    while start < len(numbered):
        if numbered[start][2] is None:
            start += 1
            continue
        # unsure lines just before an item n hold items 1 .. n-1 (no more of them than that)
        first_item = numbered[start][2][1]
        before = start
        while before > 0 and numbered[before - 1][2] is None and start - before < first_item - 1:
            before -= 1
        if start - before != first_item - 1:
            start += 1
            continue
        end, last, skipped = start + 1, numbered[start][2], 0
        while end < len(numbered):
            number = numbered[end][2]
            if number is None:
                skipped += 1
                end += 1
                continue
            section, item = number
            if not ((section == last[0] and item == last[1] + skipped + 1)
                    or (section == last[0] + 1 and 1 <= item <= skipped + 1)):
                break
            last, skipped, end = number, 0, end + 1
        end -= skipped  # trailing unsure lines: nothing after them to count them by
        if sum(n is not None for _, _, n in numbered[before:end]) >= OUTLINE_LINES_MIN:
            for k, m, _ in numbered[before:end]:
                out[k] = m.group(1) + lines[k][m.end():]
        start = max(end, start + 1)
    return out


def split_cells(line: str) -> list[str]:
    """A line's cells: the text between its column gaps (two or more spaces, a tab, a "|")."""
    return [c.strip() for c in _CELL_SPLIT.split(line.strip()) if c.strip()]


def prepare_lines(lines: list[str], is_value_start: Callable[[str], bool],
                  is_range_only: Callable[[str], bool], cell_kind: Callable[[str], set[str]],
                  names_a_test: Callable[[str], bool] = lambda name: False, *, ocr: bool = False,
                  unitless: Callable[[str], bool] = lambda name: False) -> list[str]:
    """The report's lines rewritten into one-line results (see the module's doc). The callables
    come from the text reader: does a line start with a value, is it only a range, what can a
    cell be ({"value", "unit", "flag", "range", "number", "dash"}), and does a name name a test;
    `unitless`: is a test's result printed without a unit (the INR); `ocr` for an OCR'd page (`join_range_lines`)."""
    # tests printed across the page have one home, across.py, which imports this module
    from .across import read_transposed_panels

    lines = without_entry_types([csv_cells(line) for line in lines], names_a_test, cell_kind)
    lines = flags_first_moved_last(newest_dated_rows(lines, names_a_test), names_a_test, cell_kind)
    lines = read_transposed_panels(lines, cell_kind, names_a_test, unitless)
    lines = split_card_grid(lines, is_value_start, cell_kind, names_a_test)
    range_led = [range_led_cells(line) for line in lines]
    lines = [unlabel(line) for line in lines]
    lines, range_led = split_stacked_pairs(lines, is_value_start, cell_kind, names_a_test, range_led)
    lines = join_blocks(lines, is_value_start, is_range_only, range_led)
    lines = rejoin_displaced_ranges(lines, is_range_only, cell_kind)
    lines = join_range_lines(lines, is_range_only, cell_kind, names_a_test, ocr=ocr)
    return apply_headings(lines, cell_kind, names_a_test)


# a timeline's entry type before an item's name ("03/12/2024   LAB   Calcium   10.0 mg/dL ..."), or,
# after a date, a practice journal's ("12-Mar-2024 14:47   Test result   Sodium   142 mmol/L ..."): a
# word or three (undated, a mixed-case word before the name is a panel's column, read with its heading)
_ENTRY_TYPE = re.compile(r"[A-Z]{2,12}")
_DATED_ENTRY_TYPE = re.compile(r"[A-Za-z]{2,12}(?: [A-Za-z]{2,12}){0,2}")
ENTRY_TYPE_ROWS_MIN = 3  # rows of tests led by one such word that make it a column of entry types


def without_entry_types(lines: list[str], names_a_test: Callable[[str], bool],
                        cell_kind: Callable[[str], set[str]]) -> list[str]:
    """The lines without a column of entry types (a portal's timeline: "LAB", "VITALS", "MED" before
    each item, after its date; a GP journal's "Test result" among its "Blood pressure" and "Medication"
    entries): a short label of letters, no test's name nor a flag or unit (a flag
    printed first, "HIGH   Sodium   150", is the result's), before the cell of a test's
    name and its result's cells on at least ENTRY_TYPE_ROWS_MIN rows holds no part of a result and is
    blanked on those rows (its width kept, so the columns stay lined up). Rows of other types keep
    theirs, so a vital sign or a medicine is never read as a result by losing its type."""
    found: list[tuple[int, str, int]] = []  # (line, word, where it starts)
    for k, line in enumerate(lines):
        cells = split_cells(line)
        lead = 1 if cells and _date_readings(cells[0]) is not None else 0
        if len(cells) < lead + 3 or not (_DATED_ENTRY_TYPE if lead else _ENTRY_TYPE).fullmatch(cells[lead]) \
                or names_a_test(cells[lead]) \
                or cell_kind(cells[lead]) or not names_a_test(cells[lead + 1]) \
                or names_a_test(cells[lead + 2]):  # a row of names: a panel's "Test" heading, printed across
            continue
        found.append((k, cells[lead], line.index(cells[lead], line.index(cells[0]) + len(cells[0]) if lead else 0)))
    counts: dict[str, int] = {}
    for _, word, _ in found:
        counts[word] = counts.get(word, 0) + 1
    out = list(lines)
    for k, word, at in found:
        if counts[word] >= ENTRY_TYPE_ROWS_MIN:
            out[k] = out[k][:at] + " " * len(word) + out[k][at + len(word):]
    return out


def flags_first_moved_last(lines: list[str], names_a_test: Callable[[str], bool],
                           cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A flag printed in a margin before the test's name ("HIGH   Magnesium   3.8 ...", as Meditech
    and VistA prints mark a row) moved after the row's cells, where a flag column stands: left in
    front it was read as part of the name ("HIGH Magnesium"). Its place is blanked, so the row's
    other cells stay under their headings."""
    out = list(lines)
    for k, line in enumerate(lines):
        cells = split_cells(line)
        if len(cells) < 3 or cell_kind(cells[0]) != {"flag"} or not names_a_test(cells[1]) \
                or any(cell_kind(c) == {"flag"} for c in cells[2:]):
            continue
        at = line.index(cells[0])
        out[k] = f"{line[:at]}{' ' * len(cells[0])}{line[at + len(cells[0]):].rstrip()}   {cells[0]}"
    return out


def newest_dated_rows(lines: list[str], names_a_test: Callable[[str], bool]) -> list[str]:
    """Rows led by a date, each naming a test (a timeline, a results journal), with a test met on
    several dates kept only on its newest: the older rows are earlier results, as a cumulative
    report's earlier columns are. When which is newest cannot be told (one date, or dates that read
    either way), every row of that test goes to "not read"."""
    by_test: dict[str, list[tuple[int, list[tuple[int, int, int]]]]] = {}
    for k, line in enumerate(lines):
        cells = split_cells(line)
        when = _date_readings(cells[0]) if len(cells) >= 3 else None
        if when is not None and names_a_test(cells[1]):
            by_test.setdefault(cells[1].lower(), []).append((k, list(when.values())))
    out = list(lines)
    for rows in by_test.values():
        if len(rows) < 2:
            continue
        newest = [k for k, dates in rows if all(min(dates) > max(other) for j, other in rows if j != k)]
        for k, _ in rows:
            if not newest:
                out[k] = AMBIGUOUS + lines[k]
            elif k != newest[0]:
                out[k] = ""
    return out


def csv_cells(line: str) -> str:
    """A quoted CSV line as its cells a column gap apart (empty cells dropped); others unchanged."""
    stripped = line.strip()
    if not (stripped.startswith('"') and '","' in stripped):
        return line
    try:
        cells = next(csv.reader([stripped]))
    except (csv.Error, StopIteration):
        return line
    return COLUMN_GAP.join(cell.strip() for cell in cells if cell.strip())


# a range label at the start of a cell: what follows is the report's range, never a result's value
_LEADING_RANGE_LABEL = re.compile(r"(?i)^(?:normal\s+(?:range|values?)|healthy\s+range|reference\s+(?:range|interval)|ref\.?\s*(?:range|interval)|"
                                  r"standard\s+range|reference(?=\s*:))\b")


def range_led_cells(line: str) -> bool:
    """Does any of a line's cells start with a range label ("Normal range: <= 150 mg/dL")?"""
    return any(_LEADING_RANGE_LABEL.match(cell) for cell in split_cells(line))


def unlabel(line: str) -> str:
    """Words introducing a range or a value dropped; a flag in words in brackets unbracketed."""
    line = _RANGE_LABEL.sub("", line)
    line = _VALUE_LABEL.sub("", line)
    line = _FLAGGED_IN_BRACKETS.sub(lambda m: (") " if m.group(1) == "," else " ") + m.group(2), line)
    return FLAG_IN_BRACKETS.sub(lambda m: m.group(1), line)


def join_blocks(lines: list[str], is_value_start: Callable[[str], bool],
                is_range_only: Callable[[str], bool], range_led: list[bool] | None = None) -> list[str]:
    """A test's name alone on a line and the lines under it that hold its parts, one part a line —
    its value, its range, its flag in words, a lone "Value" label (as a portal's phone app copies
    a result, the range before the value) — joined into one line. The block ends at the first line
    that is none of these. The value is the line after a "Value" label, else the first line that
    can be one; every other line must be a range or a flag, at most one of each, and the joined
    line must read as one result. A line that printed a range label (`range_led`, one flag a line)
    is a range, never the value."""
    out: list[str] = []
    led = range_led or [False] * len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        block, ranges = [], set()
        name, corner = _name_and_flag(line)
        if corner:  # a label's flag printed in its corner, on the name's line: one of the block's parts
            block.append(corner)
        if _name_only(name) and not _LONE_LABEL.fullmatch(name.strip()):
            j = i + 1
            while j < len(lines) and j <= i + 5 and _block_part(lines[j].strip(), is_value_start, is_range_only):
                if led[j]:
                    ranges.add(len(block))
                block.append(lines[j].strip())
                j += 1
        joined = _join_block(block, is_value_start, is_range_only, ranges) if len(block) > bool(corner) else ""
        if joined:
            out.append(COLUMN_GAP.join([name.strip(), joined]))
            i += 1 + len(block) - bool(corner)
            continue
        out.append(line)
        i += 1
    return out


_LONE_LABEL = re.compile(r"(?i)(?:value|result|your\s+value|current\s+value)\s*:?")
_FLAG_LINE = re.compile(r"(?i)(?:critical\s+)?(?:high|low)|abnormal|critical|h|l|hh|ll|(?-i:A)")  # "A": abnormal (a word result's flag)
# "140", "5.6 (H)", "0.8 Low": a bare value, maybe with its flag
_LONE_NUMBER = re.compile(r"[<>]?=?\s*\d+(?:\.\d+)?(?:\s*\(?(?:[HL]|(?:Critical\s+|CRITICAL\s+)?(?:High|Low|HIGH|LOW))\)?)?")


def _name_and_flag(line: str) -> tuple[str, str]:
    """(name, flag) of a name's line with a lone flag letter after a column gap ("GLU   HH", as a sticky
    label prints the flag in its corner); (line, "") for any other line."""
    cells = split_cells(line)
    if len(cells) == 2 and re.fullmatch(r"HH|LL|H|L|A", cells[1]) and _name_only(cells[0]):
        return cells[0], cells[1]
    return line, ""


def _block_part(text: str, is_value_start: Callable[[str], bool], is_range_only: Callable[[str], bool]) -> bool:
    """Can a line under a name-alone line be a part of its result (before the parts are told apart)?"""
    return bool(text) and bool(_LONE_LABEL.fullmatch(text) or _FLAG_LINE.fullmatch(text) or is_range_only(text)
                               or is_value_start(text) or _LONE_NUMBER.fullmatch(text))


def _join_block(block: list[str], is_value_start: Callable[[str], bool],
                is_range_only: Callable[[str], bool], ranges_at: set[int] = frozenset()) -> str:
    """A block's lines as "value   flag   range", or "" when they are not one result's parts; the
    lines at `ranges_at` printed a range label and are never the value."""
    labelled = [k + 1 for k, text in enumerate(block) if _LONE_LABEL.fullmatch(text)]
    if len(labelled) > 1 or labelled and (labelled[0] >= len(block) or labelled[0] in ranges_at):
        return ""
    kept = [k for k, t in enumerate(block) if not _LONE_LABEL.fullmatch(t)]
    parts = [block[k] for k in kept]
    if labelled:
        value_at = kept.index(labelled[0])
    elif any(k in ranges_at for k in kept):
        value_at = next((n for n, k in enumerate(kept) if k not in ranges_at and not _FLAG_LINE.fullmatch(block[k])), None)
    else:
        # a range of two numbers or anything in brackets is never the value; "Negative" or ">90" may be,
        # and so may a value with its unit and range ("140 mmol/L   (133-146)" under its name)
        value_at = next((k for k, t in enumerate(parts) if not _FLAG_LINE.fullmatch(t) and not t.startswith(("(", "["))
                         and not re.match(r"\s*\d[\d.,]*\s*(?:-|–|to)\s*\.?\d", t)), None)
    if value_at is None:
        return ""
    rest = parts[:value_at] + parts[value_at + 1:]
    flags = [t for t in rest if _FLAG_LINE.fullmatch(t)]
    ranges = [t for t in rest if not _FLAG_LINE.fullmatch(t)]
    if len(flags) > 1 or len(ranges) > 1 or not all(is_range_only(t) for t in ranges):
        return ""
    ranges = [t[1:-1].strip() if t.startswith("(") and t.endswith(")") else t for t in ranges]  # "(Negative)"
    joined = COLUMN_GAP.join([parts[value_at], *flags, *ranges])
    return joined if is_value_start(joined) else ""


def join_range_lines(lines: list[str], is_range_only: Callable[[str], bool], cell_kind: Callable[[str], set[str]],
                     names_a_test: Callable[[str], bool] = lambda name: False, *, ocr: bool = False,
                  unitless: Callable[[str], bool] = lambda name: False) -> list[str]:
    """A result line with no range, followed by a line holding only a range ("Reference range:
    3.5-5.1" under the result, its label already dropped), joined: the report's own range is the
    one its result is judged by, so it must not be lost. A range line still labelled because what
    follows the label does not read ("Reference range: 3,5 - 5.1") is joined too, so the result
    goes to "not read" with it rather than be judged without its range; and so is a range under a
    label that is no test's name ("Optimal: <100", or a label OCR garbled: "Reyerence rance: 3.5-5.0"):
    which range it is cannot be told. On an OCR'd page (`ocr`) that prints the range under (nearly)
    every result, a result with no range line under it had its range lost to OCR: not read."""
    out: list[str] = []
    joined, left = 0, []  # results given the range under them; results with none under them
    for line in lines:
        previous = out[-1] if out else ""
        rangeless_result = _rangeless_result(previous, cell_kind)
        unread_range = (_UNREAD_RANGE.match(line) or _BARE_FIGURES.match(line)
                        or _other_label(line, is_range_only, names_a_test))
        if rangeless_result and line.strip() and (is_range_only(line.strip()) or _range_with_flag(line, is_range_only)):
            out[-1] = previous.rstrip() + COLUMN_GAP + line.strip()
            joined += 1
            continue
        if rangeless_result and unread_range:  # its range is printed but does not read: the result
            out[-1] = previous.rstrip() + COLUMN_GAP + unread_range.group(1).strip()  # goes to "not read" with it
            joined += 1
            continue
        if rangeless_result:
            left.append(len(out) - 1)
        out.append(line)
    if ocr and joined >= RANGES_BELOW_MIN and joined >= RANGES_BELOW_SHARE * (joined + len(left)):
        for k in left:
            out[k] = AMBIGUOUS + out[k]
    return out


DISPLACED_GAP_MAX = 2  # lines without figures (a section's heading) between the results and their ranges


def rejoin_displaced_ranges(lines: list[str], is_range_only: Callable[[str], bool],
                            cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A two-column page whose left column's Range cells sit a little lower than its rows, so the
    PDF's lines put them at the start of the right column's rows: k results without a range in a
    row ("MCV   67.9   fl"), then (past at most DISPLACED_GAP_MAX lines without figures) exactly k
    lines each led by a range cell before another result ("80-100   C-reactive protein   6   mg/L
    <5"). Each range goes back to its result, in order; when the counts differ nothing is moved."""
    out = list(lines)
    i = 0
    while i < len(out):
        k = 0
        while i + k < len(out) and _rangeless_result(out[i + k], cell_kind):
            k += 1
        if k == 0:
            i += 1
            continue
        j = i + k
        skipped = 0
        while j < len(out) and skipped < DISPLACED_GAP_MAX and out[j].strip() and not re.search(r"\d", out[j]):
            j, skipped = j + 1, skipped + 1
        m = 0
        while j + m < len(out) and _range_led_result(out[j + m], is_range_only):
            m += 1
        if m == k:
            for n in range(k):
                cells = split_cells(out[j + n])
                out[i + n] = out[i + n].rstrip() + COLUMN_GAP + cells[0]
                out[j + n] = COLUMN_GAP.join(cells[1:])
        i = j + m if m == k else i + k
    return out


def _rangeless_result(line: str, cell_kind: Callable[[str], set[str]]) -> bool:
    cells = _result_cells(line, cell_kind)
    return (len(cells) >= 2 and any(c.isalpha() for c in cells[0]) and "value" in cell_kind(cells[1])
            and not any("range" in cell_kind(c) for c in cells[2:]))


def _range_led_result(line: str, is_range_only: Callable[[str], bool]) -> bool:
    """A line whose first cell is a range alone and whose next cell starts with a letter (a name)."""
    cells = split_cells(line)
    return len(cells) >= 3 and is_range_only(cells[0]) and cells[1][:1].isalpha()


def _range_with_flag(line: str, is_range_only: Callable[[str], bool]) -> bool:
    """A range with its result's flag after it ("70 - 99 mg/dL   High"), as a portal's screen prints
    them under the result; the joined line's flag is then checked against its value and range."""
    head, _, last = line.strip().rpartition(" ")
    return bool(head.strip()) and _FLAG_LINE.fullmatch(last) is not None and is_range_only(head.strip())


def _result_cells(line: str, cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A line's cells: split at its column gaps, or, on a line printed with single spaces ("Na 228
    mmol/L HI", a slip or an e-mail), at the first word that can be a value (the name before it)."""
    cells = split_cells(line)
    if len(cells) != 1:
        return cells
    words = cells[0].split(" ")
    start = next((k for k, word in enumerate(words) if k and "value" in cell_kind(word)), None)
    return cells if start is None else [" ".join(words[:start]), *words[start:]]


RANGES_BELOW_MIN = 3  # results with their range on the line below, for a page to print ranges so
RANGES_BELOW_SHARE = 0.6  # of the page's results without a range on their own line


_LABELLED = re.compile(r"^\s*([^\d<>=≤≥:]{2,40}):\s*(.*\d.*)$")


def _other_label(line: str, is_range_only: Callable[[str], bool],
                 names_a_test: Callable[[str], bool]) -> re.Match[str] | None:
    """A range under a label that is not a test's name: the whole line (as its group 1)."""
    labelled = _LABELLED.match(line)
    if labelled is None or names_a_test(labelled.group(1).strip()) or not is_range_only(labelled.group(2).strip()):
        return None
    return re.match(r"^\s*(.*)$", line)


def _name_only(line: str) -> bool:
    """A short line of a name: letters, no column gap, not a label ("Comment:"), no range or decimal."""
    text = line.strip()
    return (bool(text) and any(c.isalpha() for c in text) and len(text.split()) <= 6 and not _CELL_SPLIT.search(text)
            and not text.endswith((":", ".")) and not re.search(r"\d[.,]\d|\d\s*(?:-|to)\s*\d|[<>=:]", text))


# a column rule or an OCR speck read as a mark of its own between two headings ("Test   .   Result",
# "Reference range _—_ Collected")
_RULE_SPECK = re.compile(r"\s+(?:[^\w\s]|_)+\s+")


def headings(line: str) -> list[str] | None:
    """The roles of a table's heading line, left to right; None when the line is not one (each cell a
    heading, a name and a value column among them, no role but "previous" or "other" twice). A
    heading the reader has not met is known by its words ("Test description", "Your result",
    "Biological reference interval", "UOM"); a date heading beside a result column is an earlier
    result's column."""
    line = COLUMN_GAP.join(_known_side(c) for c in _CELL_SPLIT.split(line.strip()))
    line = _RULE_SPECK.sub(COLUMN_GAP, line)  # a column rule read as a mark between two headings
    cells = [part for c in _CELL_SPLIT.split(line.strip()) if c.strip() for part in _unglue(c.strip().lower().rstrip(":"))]
    cells = [part for c in cells for part in _value_and_range_heading(c)]
    cells = [_UNIT_IN_HEADING.sub("", c) if _heading_unit(c) else c for c in cells]
    roles = [heading_role(c) for c in cells]
    cells, roles = _one_copy(cells, roles)
    while roles and roles[0] is None and _debris(cells[0]):  # a photo's speck before "Test", or after the last heading
        cells, roles = cells[1:], roles[1:]
    while roles and roles[-1] is None and _debris(cells[-1]):
        cells, roles = cells[:-1], roles[:-1]
    if len(cells) < 3 or None in roles:
        return None
    if "date" in roles:  # dates beside a result column head earlier results; alone, see `dated_columns`
        if "value" not in roles:
            return None
        roles = ["previous" if role == "date" else role for role in roles]
    if roles.count("timed") != 2 or "value" in roles:  # a lone "Post" column, or one beside the result: no part of it
        roles = ["other" if role == "timed" else role for role in roles]
    kept = [role for role in roles if role not in ("other", "previous", "timed")]  # may be several of these
    # columns holding no part of a result may come before the name ("Code  Test", "Date  Test")
    if roles[_leading_others(roles):][:1] != ["name"] or ("value" not in roles and "timed" not in roles) \
            or len(set(kept)) != len(kept):
        return None
    return roles  # type: ignore[return-value]


def _one_copy(cells: list[str], roles: list) -> tuple[list[str], list]:
    """A heading line printed once over each of two (or more) tables side by side ("Test  Result
    Trend  Range  Test  Result  Trend  Range"): one copy of it, when the rows under it were parted
    into one result a line (`layout.column_flows`); a row still holding two is left as printed by
    `apply_headings`, as it has more cells than these headings."""
    for copies in (2, 3):
        size = len(cells) // copies
        if size >= 3 and size * copies == len(cells) and cells == cells[:size] * copies:
            return cells[:size], roles[:size]
    return cells, roles


def _leading_others(roles: list[str]) -> int:
    """How many columns holding no part of a result come before the name's."""
    return next((k for k, role in enumerate(roles) if role != "other"), len(roles))


def _debris(cell: str) -> bool:
    """A cell OCR made of a speck, a clip's edge or a mark it was unsure of ("a", "fg", "\\", "⁇"): one or two
    letters or marks, or no letter or figure at all. A heading line keeps its headings without it; a
    line left unread as a heading would give its rows the unit of the table above it."""
    return len(cell) <= 2 or not any(c.isalnum() for c in cell) or "\u2047" in cell


# a heading not in `_ROLES` is known by its words: the first role (in this order) one of its words names
_HEADING_KEYS = [
    # a change since an earlier result ("Change since 11/08/2023", "Delta"): a difference, never a result,
    # even when its heading names the earlier one ("Change since last")
    ("other", {"change", "delta", "difference", "diff", "trend", "trends", "direction"}),  # "Trend": rising / falling
    ("previous", {"previous", "prior", "prev", "last", "earlier", "old"}),
    ("other", {"date", "time", "collected", "collection", "status", "lab", "laboratory", "site", "specimen", "sample",
               "comment", "comments", "method", "si", "conventional", "conv", "performing", "performed", "code", "loinc", "snomed", "ctv3", "notes",
               "location", "facility", "remark", "remarks",
               "panel", "department", "section", "profile", "discipline", "category",  # an EHR export's grouping
               # an insurance claim's billing columns: a procedure or diagnosis code, the date of service,
               # what was charged ("CPT", "DOS", "Billed", "Charge", "Amount")
               "cpt", "hcpcs", "icd", "dx", "dos", "billed", "charge", "charges", "amount", "fee", "fees", "cost",
               "price", "paid", "allowed", "payer", "claim", "service",
               # a telephoned-results log's columns: when the result was phoned, to which extension, and
               # who read it back ("Phoned", "Ext", "Read back", "Taken by")
               "phoned", "telephoned", "called", "notified", "ext", "extension", "read", "back", "readback", "taken",
               "initials", "recipient", "caller"}),
    ("flag", {"flag", "flags", "abnormal", "abn", "indicator", "interpretation"}),
    ("low", {"low", "lower", "min", "minimum"}),
    ("high", {"high", "upper", "max", "maximum"}),
    ("units", {"unit", "units", "uom", "measure"}),  # "Unit of Measure"
    ("range", {"range", "reference", "ref", "interval", "intervals", "normal", "expected", "limits", "biological"}),
    ("value", {"result", "results", "value", "values", "current", "observed", "reading", "measured", "finding",
               "observation", "observations"}),  # Indian labs' "Observation" / "Observed Value"
    ("name", {"test", "tests", "analyte", "analytes", "component", "investigation", "investigations", "examination",
              "parameter", "parameters", "description", "name", "procedure", "assay", "determination", "item"}),
]
_HEADING_FILLERS = {"of", "the", "your", "and", "in", "for", "no", "s", "at", "by", "since", "from",
                    "text"}  # a program's column of a range in words ("ref_text")
_HEADING_VOCABULARY = set().union(*(keys for _, keys in _HEADING_KEYS), _HEADING_FILLERS)


# a result column's heading that gives the unit of every result under it: "Result (mmol/L)"
_UNIT_IN_HEADING = re.compile(r"\s*\((?P<unit>[^()\s]{1,16})\)$")


def _heading_unit(cell: str) -> str | None:
    """The unit in brackets after a result column's heading ("Result (mmol/L)"), as printed."""
    found = _UNIT_IN_HEADING.search(cell)
    if found is None or heading_role(cell[:found.start()].strip().lower()) != "value":
        return None
    return found.group("unit")


def _value_and_range_heading(cell: str) -> list[str]:
    """A result column's heading that names the range printed in brackets after each result
    ("Result (Reference)": "4.2 (3.5-5.1)") as the two columns its cells hold; any other as it is."""
    found = _UNIT_IN_HEADING.search(cell) or re.search(r"\s*\((?P<unit>[^()]{1,24})\)$", cell)
    if found is None or heading_role(found.group("unit").strip()) != "range" or \
            heading_role(cell[:found.start()].strip()) != "value":
        return [cell]
    return [cell[:found.start()].strip(), found.group("unit").strip()]


def heading_unit(line: str, cell_kind: Callable[[str], set[str]]) -> str | None:
    """The unit a heading line gives every result under it in its result column's heading, when
    it is one the reader knows as a unit."""
    for cell in split_cells(line):
        unit = _heading_unit(cell)
        if unit is not None and cell_kind(unit) == {"unit"}:
            return unit
    return None


def heading_role(cell: str) -> str | None:
    """A heading cell's role ("date" for a date), or None when the cell is not a heading."""
    if cell in HEADING_ROLE:
        return HEADING_ROLE[cell]
    if _date_readings(cell) is not None:
        return "date"
    dated = _DATE_CELL.search(cell)  # "Result 12/03/2024", "Previous (11/02/2023)": the words say the role
    if dated is not None and cell[dated.end():].strip(" )]") == "" and cell[:dated.start()].strip(" ([-:"):
        return heading_role(cell[:dated.start()].strip(" ([-:"))
    if _known_side(cell) != cell:
        return heading_role(_known_side(cell))
    words = re.findall(r"[a-z]+", cell)
    if not words or len(words) > 4 or re.search(r"\d", cell) or any(w not in _HEADING_VOCABULARY for w in words):
        return None
    return next((role for role, keys in _HEADING_KEYS if keys & set(words)), None)


def _known_side(cell: str) -> str:
    """A heading printed in two languages ("Result / Résultat", as Canadian labs print them): the
    side the reader knows (both sides one role, or one side unknown); any other cell as it is
    ("Result / Units" names two columns)."""
    if " / " not in cell:
        return cell
    sides = [side.strip() for side in cell.split(" / ")]
    roles = {heading_role(side.lower()) for side in sides} - {None}
    return next(side for side in sides if heading_role(side.lower())) if len(roles) == 1 else cell


def _unglue(cell: str) -> list[str]:
    """A heading cell, or two headings a fixed-width report printed with no space between
    ("Normal rangeUnits" when the range column is narrower than its heading)."""
    if cell in HEADING_ROLE:
        return [cell]
    for k in range(1, len(cell)):
        if cell[:k].strip() in HEADING_ROLE and cell[k:].strip() in HEADING_ROLE:
            return [cell[:k].strip(), cell[k:].strip()]
    return [cell]


_OPTIONAL = {"flag", "low", "high", "units", "previous", "other"}  # a cell that may be left blank
# a previous result printed with its date in one cell (LabCorp's "Previous Result and Date": "11 09/14/2023",
# "Negative 09/14/2023" for a test reported in words)
_DATED_VALUE = re.compile(r"^(?:[<>]?\d+(?:\.\d+)?|[A-Za-z]+)\s+\d{1,2}/\d{1,2}/\d{2,4}$")
_FITS = {"value": {"value"}, "flag": {"flag"}, "previous": {"value", "dash", "dated"}, "units": {"unit"},
         "range": {"range", "value"}, "low": {"number", "value"}, "high": {"number"}}


def apply_headings(lines: list[str], cell_kind: Callable[[str], set[str]],
                   names_a_test: Callable[[str], bool] = lambda name: False) -> list[str]:
    """Rows under a heading line with a previous-result column, separate limit columns, columns
    that hold no part of a result (collected, status, lab) or the flag before the result, rewritten as "name   value   flag   unit
    range"; rows under a heading of dated result columns (a cumulative report) reduced to the newest
    date's result (`dated_row`); other lines unchanged. A later heading line starts a new table."""
    roles: list[str] | None = None
    dated: DatedColumns | None = None
    unit: str | None = None  # the unit a "Result (mmol/L)" heading gives its rows
    side_by_side = False
    cells_printed: set[str] = set()  # every cell the table's rows print: what a column may hold
    out = []
    lines = stacked_headings(lines)
    for k, line in enumerate(lines):
        found = headings(line)
        columns = dated_columns(line) if found is None else None
        if found is not None or columns is not None:
            roles, dated = found, columns
            unit = heading_unit(line, cell_kind) if found is not None else None
            # headings over tables side by side (`_one_copy`): a row as wide as two of them is left as printed
            side_by_side = found is not None and len(split_cells(line)) >= 2 * len(found)
            cells_printed = {c.lower() for row in _table_rows(lines, k + 1) for c in split_cells(row)} \
                if found is not None else set()
            if roles is not None and "timed" in roles:
                roles = _timed_choice(roles, _table_rows(lines, k + 1), cell_kind)
            out.append("")  # the heading line itself holds no result
            continue
        if any(_heading_unit(cell.lower()) for cell in split_cells(line)):  # "Result (mg/L)" in a heading not read:
            roles = dated = unit = None  # the table above ends, its unit given to none of the rows under it
        if roles is not None and "timed" in roles:  # the table's flags did not tell which time they describe
            out.append(AMBIGUOUS + line if _row(line, _timed_as(roles, 0), cell_kind, unit) != line else line)
            continue
        if dated is not None:
            out.append(dated_row(line, dated, cell_kind, names_a_test))
            continue
        if roles is None or not ({"previous", "low", "high", "other"} & set(roles) or _before_value(roles) or unit) \
                or line.startswith(AMBIGUOUS) or (side_by_side and len(split_cells(line)) > len(roles)):
            out.append(line)
            continue
        out.append(_row(line, roles, cell_kind, unit, cells_printed))
    return out


_CELL_AT = re.compile(r"\S+(?: \S+)*")


def stacked_headings(lines: list[str]) -> list[str]:
    """A heading line printed on two lines in narrow columns ("Previous" over "Result", "Reference"
    over "Range") as one line, each upper word joined to the heading under it; the upper line left
    blank. Joined only when the lower line alone is no heading line and the whole reads as one, and
    no upper word stands over no heading (a title over a table is no part of it)."""
    out = list(lines)
    for k in range(len(lines) - 1):
        upper, lower = lines[k].expandtabs(8), lines[k + 1].expandtabs(8)
        if not upper.strip() or re.search(r"[\d:]", upper) or headings(lines[k]) is not None \
                or headings(lines[k + 1]) is not None:  # a heading line read whole needs nothing above it
            continue
        below = [(m.start(), m.end(), m.group(0)) for m in _CELL_AT.finditer(lower)]
        if len(below) < 3:
            continue
        joined = {i: [] for i in range(len(below))}
        for m in _CELL_AT.finditer(upper):
            overlaps = [min(m.end(), e) - max(m.start(), s) for s, e, _ in below]
            best = max(range(len(below)), key=overlaps.__getitem__)
            if overlaps[best] <= 0:
                break
            joined[best].append(m.group(0))
        else:
            merged = COLUMN_GAP.join(" ".join([*joined[i], text]) for i, (_, _, text) in enumerate(below))
            if headings(merged) is not None:
                out[k], out[k + 1] = "", merged
    return out


def _table_rows(lines: list[str], start: int) -> list[str]:
    """The lines under a heading line, up to the next heading line."""
    rows = []
    for line in lines[start:]:
        if headings(line) is not None or dated_columns(line) is not None:
            break
        rows.append(line)
    return rows


def _timed_as(roles: list[str], chosen: int) -> list[str]:
    """The roles with the `chosen` one of two timed columns as the result, the other holding no part of it."""
    timed = [i for i, role in enumerate(roles) if role == "timed"]
    return [("value" if i == timed[chosen] else "other") if role == "timed" else role for i, role in enumerate(roles)]


def _timed_choice(roles: list[str], rows: list[str], cell_kind: Callable[[str], set[str]]) -> list[str]:
    """Of a table's two timed result columns (Pre, Post), the one its flags describe: each row's value
    judged against its range beside its printed flag (or none), one column agreeing on every row
    that can be judged and the other disagreeing on at least one. The roles unchanged (every row not
    read) when the flags cannot tell."""
    disagree = []
    for chosen in (0, 1):
        readings = [(line, _row(line, _timed_as(roles, chosen), cell_kind)) for line in rows
                    if not line.startswith(AMBIGUOUS)]
        judged = [r for line, r in readings if r != line and not r.startswith(AMBIGUOUS) and _flag_judgeable(r)]
        disagree.append(sum(not _flag_agrees(r) for r in judged))
    if sorted(disagree)[0] == 0 and max(disagree) > 0:
        return _timed_as(roles, disagree.index(0))
    return roles


def _flag_judgeable(reading: str) -> bool:
    """A rewritten row with a numeric value and a range to judge its flag by."""
    cells = reading.split(COLUMN_GAP)
    return len(cells) > 2 and _VALUE_NUMBER.match(cells[1]) is not None and _RANGE_BOUNDS.match(cells[-1]) is not None


def _before_value(roles: list[str]) -> bool:
    """A column of the result's other parts before the result's own (a Canadian layout's flag, a
    range or unit printed first): the row is rewritten in the order the line reader reads."""
    return any(role in ("flag", "units", "range", "low", "high") for role in roles[1:roles.index("value")])


def _row(line: str, roles: list[str], cell_kind: Callable[[str], set[str]], unit: str | None = None,
         cells_printed: set[str] = frozenset()) -> str:
    cells = [part for c in _CELL_SPLIT.split(line.strip()) if c.strip()  # "Ref Range: 3.5-5.1": the range
             for part in _unit_then_range(unlabel(c.strip()), cell_kind) for part in _value_then_range(part, cell_kind)]
    lead = _leading_others(roles)
    if lead:  # a code or date column before the name's: dropped, unless a blank cell could be one of them
        if line[:1].isspace() or len(cells) <= lead:
            return line
        cells, roles = cells[lead:], roles[lead:]
    if "flag" not in roles and len(cells) == len(roles) + 1 and cell_kind(cells[-1]) == {"flag"}:
        roles = [*roles, "flag"]  # a flag after the last column (moved there from a margin: `flags_first_moved_last`)
    # the value's cell: after the name and the cells of columns printed before the result's (a flag,
    # a range, "LOINC", "Status"; any may be blank)
    value_cells = cells[1:roles.index("value") + 1]
    if len(cells) < 2 or not any(c.isalpha() for c in cells[0]) or \
            not any("value" in cell_kind(c) for c in value_cells):
        return line  # a section bar, a comment, a heading of its own: not a row of this table
    if _range_under_other(cells, roles, cell_kind):
        return AMBIGUOUS + line
    fits = list(_fits(cells[1:], roles[1:], cell_kind))
    if "previous" in roles:  # a previous result and its date a column gap apart ("7.0   10/04/2023")
        fits += _fits(_dates_joined(cells[1:]), roles[1:], cell_kind)
    if unit is not None:  # the heading's unit, unless the row prints one of its own
        fits = [fit if fit.get("units") else {**fit, "units": unit} for fit in fits]
    if len({_reading(cells[0], fit) for fit in fits}) > 1:  # a unit left to a column of no part of a result
        fits = [fit for fit in fits if "units" not in roles or not _part_left_to_others(fit, cells[1:], cell_kind)] or fits
    readings = {_reading(cells[0], fit) for fit in fits}
    if len(readings) > 1 and "flag" in roles:  # a blank flag then means "inside the range"
        readings = {r for r in readings if _flag_agrees(r)}
    if len(readings) == 1:
        return readings.pop()
    if len(cells) < len(roles) and "range" in roles:  # a word column's cell run into the range's
        parted = [part for c in cells for part in _words_then_range(c, cell_kind, cells_printed)]
        if parted != cells:
            again = _row(COLUMN_GAP.join(parted), roles, cell_kind, unit)
            if not again.startswith(AMBIGUOUS) and again != COLUMN_GAP.join(parted):
                return again
    return AMBIGUOUS + line


def _range_under_other(cells: list[str], roles: list[str], cell_kind: Callable[[str], set[str]]) -> bool:
    """A row of a table whose headings name no range column but a column of no part of a result
    ("Test  Result  Flag  Units  Comment", the "Reference range" heading lost off a photo onto a line of
    its own), with a range printed after its value ("140 - 400"): the range would be dropped as that
    column's, and the result read without it. The row is left to the fallback (`anywhere`), which reads
    it whole, range and all, or gives it to "not read"."""
    if "other" not in roles or {"range", "low", "high"} & set(roles):
        return False
    value = next((k for k in range(1, len(cells)) if "value" in cell_kind(cells[k])), None)
    return value is not None and any("range" in cell_kind(c) for c in cells[value + 1:])


def _part_left_to_others(fit: dict[str, str], cells: list[str], cell_kind: Callable[[str], set[str]]) -> bool:
    """Does a fit leave the result's unit blank while a cell that is only a unit ("mg/L") goes to a
    column of no part of a result ("Remark", "Performed At")? Two such columns side by side, one
    blank, give a row two fits; the one giving the unit to the units column is the row as printed."""
    parts = [v for k, v in fit.items() if k != "other"]
    others = list(cells)
    for part in parts:
        if part in others:
            others.remove(part)
    return not fit.get("units") and any(cell_kind(c) == {"unit"} for c in others)


def _dates_joined(cells: list[str]) -> list[str]:
    """The cells with each date cell joined to the value cell before it, as one "previous result and
    date" cell ("7.0 10/04/2023"); the row's readings with and without the joins must agree."""
    out: list[str] = []
    for cell in cells:
        if out and _date_readings(cell) is not None and _VALUE_NUMBER.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {cell}"
        else:
            out.append(cell)
    return out


def _unit_then_range(cell: str, cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A cell holding a long unit and the range one space after it ("mL/min/1.73 >59", where the
    unit filled its column; "mL/min/1.73m2 > 60", the range's sign spaced) as the two cells it is; any
    other cell as it is."""
    for gap in re.finditer(" ", cell):
        left, right = cell[:gap.start()], cell[gap.end():]
        if left and cell_kind(left) == {"unit"} and "range" in cell_kind(right):
            return [left, right]
    return [cell]


def _words_then_range(cell: str, cell_kind: Callable[[str], set[str]], cells_printed: set[str]) -> list[str]:
    """A cell holding words and a range one space after them ("steady 0.4 - 0.52", where a trend or
    comment filled its column) as the two cells it is, when the words are a cell the table's other rows
    print on their own (`cells_printed`; never a range's label such as "Adult" or "Fasting"); any other
    cell as it is. Only tried on a row with a cell too few for its headings (`_row`)."""
    found = re.fullmatch(r"([A-Za-z][A-Za-z .'-]*?)\s+(\S.*)", cell)
    if found is None or found.group(1).lower() not in cells_printed or cell_kind(found.group(1)) \
            or "range" not in cell_kind(found.group(2)):
        return [cell]
    return [found.group(1), found.group(2)]


def _value_then_range(cell: str, cell_kind: Callable[[str], set[str]]) -> list[str]:
    """A cell holding a value and its range in brackets after it ("4.2 (3.5-5.1)", "6.3 (<4)") as the
    two cells it is (whether the table has a column for them is for the headings to say); any other as it is."""
    found = re.fullmatch(r"(\S+)\s+(\([^()]+\))", cell)
    if found is None or "value" not in cell_kind(found.group(1)) or "range" not in cell_kind(found.group(2)):
        return [cell]
    return [found.group(1), found.group(2)]


def _fits(cells: list[str], roles: list[str], cell_kind: Callable[[str], set[str]]):
    """Every way to give each cell a role, in order, leaving only optional roles blank (a cell under a
    column that holds no part of a result may hold anything: a date, "Final", a lab's code)."""
    blanks = len(roles) - len(cells)
    if blanks < 0:
        return
    optional = [i for i, role in enumerate(roles) if role in _OPTIONAL]
    kinds = [cell_kind(c) | ({"dated"} if _DATED_VALUE.match(c) else set()) for c in cells]
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
    return COLUMN_GAP.join(x for x in (name, fit["value"], fit.get("flag", ""), fit.get("units", ""), rng) if x)


_FIGURES = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # "5.4", "250,000"
_VALUE_NUMBER = re.compile(r"[<>]?=?\s*" + _FIGURES)
_RANGE_BOUNDS = re.compile(r"[(\[]?\s*(?:(>=|<=|=>|=<|≥|≤|>|<)\s*)?" + _FIGURES
                           + r"(?:\s*(?:-|–|—|to)\s*" + _FIGURES + r")?(?=\s|[)\]]|$)")
_HIGH = {"H", "HH", "HIGH", "H*", "HH*", "↑", "↑↑"}
_LOW = {"L", "LL", "LOW", "L*", "LL*", "↓", "↓↓"}
_OUTSIDE = {"A", "A*", "AA", "*", "**", "!", "!!", "ABNORMAL", "ABN", "CRITICAL", "CRIT"}  # no direction


def _figures(text: str) -> float:
    return float(text.replace(",", ""))


def _flag_agrees(reading: str) -> bool:
    """Does a reading's flag (or its lack) agree with its value against its range? Used only to
    choose between readings of a row whose cells fit the headings two ways."""
    cells = reading.split(COLUMN_GAP)
    value = _VALUE_NUMBER.match(cells[1])
    flag = next((c.upper() for c in cells[2:] if c.upper() in _HIGH | _LOW | _OUTSIDE), "")
    bounds = _RANGE_BOUNDS.match(cells[-1])
    if value is None or bounds is None:
        return False
    op, first, second = bounds.groups()
    number = _figures(value.group(1))
    low = high = None
    if second:
        low, high = _figures(first), _figures(second)
    elif op and ("<" in op or op == "≤"):
        high = _figures(first)
    elif op:
        low = _figures(first)
    else:
        return False
    above = high is not None and number > high
    below = low is not None and number < low
    if flag in _HIGH:
        return above
    if flag in _LOW:
        return below
    if flag in _OUTSIDE:
        return above or below
    return not (above or below)


# ---- a cumulative report: result columns headed by their dates ------------------------------------
# a heading cell that is a date (maybe with its time): "03/12/2024", "12/03/24", "2024-03-12", "12-Mar-2024",
# "12 Mar 2024", "Mar 12, 2024"
_DATE_CELL = re.compile(
    r"(?i)(?<![\d/.\-])(?:(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})[\s\-](?P<nm>[a-z]{3,9})\.?,?[\s\-](?P<ny>\d{4}|\d{2})"
    r"|(?P<mm>[a-z]{3,9})\.?\s(?P<md>\d{1,2}),?\s(?P<my>\d{4}))(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?!\d)")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# a cell of a result not done that time
_EMPTY_CELL = re.compile(r"-{1,3}|–|—|\.{2,3}|n/?a|N/?A|ND|nd")


class DatedColumns:
    """A heading of dated result columns: how many, which holds the newest date (None when the
    dates' order cannot be told), and whether a result row has been met under it yet."""

    def __init__(self, count: int, newest: int | None, range_first: bool = False, copies: int = 1):
        self.count, self.newest, self.rows = count, newest, 0
        self.range_first = range_first  # a range column heading printed before the dates
        self.copies = copies  # the heading printed once over each of tables side by side (`_one_copy`)


def _year(text: str) -> int:
    year = int(text)
    return year if len(text) == 4 else 2000 + year if year < 70 else 1900 + year


def _date_readings(cell: str) -> dict[str, tuple[int, int, int]] | None:
    """A date cell's (year, month, day) under each way it can be read: "mdy" and "dmy" for
    "03/12/24" (the day and month cannot be told apart by the cell alone), "any" for a date whose
    month is written or whose year comes first; None for a cell that is not a date."""
    m = _DATE_CELL.fullmatch(cell.strip())
    if m is None:
        return None
    if m["y"]:
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        out = {}
        if 1 <= a <= 12 and 1 <= b <= 31:
            out["mdy"] = (y, a, b)
        if 1 <= b <= 12 and 1 <= a <= 31:
            out["dmy"] = (y, b, a)
        return out or None
    if m["iy"]:
        return {"any": (int(m["iy"]), int(m["im"]), int(m["id"]))}
    month_name, day, year = (m["nm"], m["nd"], m["ny"]) if m["nm"] else (m["mm"], m["md"], m["my"])
    month = next((k + 1 for k, name in enumerate(_MONTHS) if month_name.lower().startswith(name)), None)
    return None if month is None else {"any": (_year(year), month, int(day))}


def dated_columns(line: str) -> DatedColumns | None:
    """A cumulative report's heading line — two or more dates side by side, beside at most a few
    heading words ("Test", "Date", "Units", "Reference range"; no other figures) — as its dated
    columns; None for any other line. The newest column is found from the dates themselves (it
    may be the first or the last); when the dates are not in order of time (two the same, or one
    misread), or the day and month could be read either way and the two readings disagree on which
    date is newest, it is not known."""
    # dates a single space apart are columns too (a bold date set wider leaves less gap beside it)
    printed = [date for cell in split_cells(line) for date in _dates_apart(cell)]
    cells, _ = _one_copy(printed, printed)  # over tables side by side, one result a line (`layout.column_flows`)
    readings = [_date_readings(c) for c in cells]
    at = [k for k, r in enumerate(readings) if r is not None]
    # the dates side by side, maybe each with a "Flag" heading after it
    between = [k for k in range(at[0], at[-1] + 1) if k not in at] if at else []
    if len(at) < 2 or any(heading_role(cells[k].lower()) != "flag" for k in between):
        return None
    words = [c for k, c in enumerate(cells) if readings[k] is None and k not in between]
    if len(words) > 5 or any(re.search(r"\d", w) or len(w.split()) > 3 for w in words):
        return None
    roles = [heading_role(w.lower().rstrip(":")) for w in words]
    if "value" in roles:
        return None  # a "Result" column beside the dates is the result; the dates head earlier ones
    range_first = any(heading_role(c.lower().rstrip(":")) == "range" for c in cells[1:at[0]])
    newest = set()
    for way in ("mdy", "dmy"):
        dates = [r.get("any", r.get(way)) for r in (readings[k] for k in at)]
        if any(d is None for d in dates):
            continue
        # a report prints its dated columns in order of time, one way or the other: dates out of
        # order (one misread by OCR) cannot say which column is newest
        ordered = all(a < b for a, b in zip(dates, dates[1:], strict=False)) or all(
            a > b for a, b in zip(dates, dates[1:], strict=False))
        newest.add(dates.index(max(dates)) if ordered else None)  # type: ignore[type-var]
    if not newest:
        return None
    return DatedColumns(len(at), newest.pop() if len(newest) == 1 else None, range_first, len(printed) // len(cells))


def _dates_apart(cell: str) -> list[str]:
    """A cell of dates and headings a space apart ("12/03/2024 06/06/2023 Units") as its dates and
    headings; any other cell as it is."""
    parts: list[str] = []
    for word in cell.split():
        if _date_readings(word) is not None or not parts or _date_readings(parts[-1]) is not None:
            parts.append(word)
        else:
            parts[-1] += " " + word
    if len(parts) < 2 or any(_date_readings(p) is None and heading_role(p.lower()) is None for p in parts):
        return [cell]
    return parts


def dated_row(line: str, dated: DatedColumns, cell_kind: Callable[[str], set[str]],
              names_a_test: Callable[[str], bool]) -> str:
    """A row under dated result columns as "name   value   unit   range", the value taken from the
    newest date's column; the older results are history and never read. The row must hold exactly
    one cell per date (a value, maybe with its flag, or a "--" for a test not done that time): with
    a cell missing, the columns cannot be told apart and the row goes to "not read", as it does
    when the newest cell is empty or the dates' order is unknown. A line holding no value (a
    section heading, a comment) is left as it is; lines under the heading before its first row that
    name no test and hold no value (its "Time" and "Lab #" lines) are part of the heading."""
    cells = split_cells(line)
    if not cells or line.startswith(AMBIGUOUS) or not any(ch.isalpha() for ch in cells[0]):
        return line
    kinds = [cell_kind(c) for c in cells]
    if (not dated.rows and len(cells) > dated.count and not names_a_test(cells[0])
            and not any("value" in k for k in kinds[1:])):
        return ""
    i, before = 1, []
    while i < len(cells) and (kinds[i] == {"unit"} or kinds[i] == {"range"}):  # units or range before the results
        before.append(cells[i])
        i += 1
    run: list[str | None] = []
    while i < len(cells):
        if _EMPTY_CELL.fullmatch(cells[i]):
            run.append(None)
        elif "value" in kinds[i]:
            run.append(cells[i])
        elif kinds[i] == {"flag"} and run and run[-1] is not None and "value" in cell_kind(run[-1] + " " + cells[i]):
            run[-1] += " " + cells[i]  # a flag printed in a narrow cell of its own after its value
        else:
            break
        i += 1
    after = cells[i:]
    if dated.copies > 1 and any(names_a_test(c) for c in after):
        return line  # two tables' rows still side by side: as printed, one heading's columns fit neither
    if not any(run):
        # no results where the dates are; values elsewhere in the line cannot be placed
        return AMBIGUOUS + line if sum("value" in k for k in kinds) >= 2 else line
    dated.rows += 1
    range_before = any("range" in cell_kind(c) for c in before)
    range_after = any("range" in cell_kind(c) for c in after)
    ranged = _ranged_cell(run[0] if dated.range_first else run[-1], cell_kind)
    if dated.range_first and not range_before:  # the range printed straight before the results ("<5")
        if len(run) != dated.count + 1 or not ranged:
            return AMBIGUOUS + line
        before.append(run.pop(0))  # type: ignore[arg-type]
    elif len(run) == dated.count + 1 and ranged and not range_after:  # the range straight after them
        after.insert(0, run.pop())  # type: ignore[arg-type]
    elif len(run) != dated.count or (ranged and not range_after and not range_before):
        return AMBIGUOUS + line  # a cell missing: which column is which cannot be told
    if dated.newest is None or run[dated.newest] is None:
        return AMBIGUOUS + line
    return COLUMN_GAP.join([cells[0], run[dated.newest], *before, *after])  # type: ignore[list-item]


def _ranged_cell(cell: str | None, cell_kind: Callable[[str], set[str]]) -> bool:
    return cell is not None and "range" in cell_kind(cell)


# ---- result cards in a grid (a patient portal's print: MyChart) ------------------------------------
def split_card_grid(lines: list[str], is_value_start: Callable[[str], bool], cell_kind: Callable[[str], set[str]],
                    names_a_test: Callable[[str], bool]) -> list[str]:
    """A row of result cards printed side by side, each card its test's name, "Normal range: ...",
    "Your value", then the value with its unit and flag, as one line per card ("name   value   range").
    Every line of the row must hold one cell per card: the names (each a test's), the labelled
    ranges, the "Your value" labels, and values that cut into one result per card; otherwise the
    lines are left as they are."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        row = _card_row(lines[i:i + 4], is_value_start, cell_kind, names_a_test)
        if row is None:
            out.append(lines[i])
            i += 1
            continue
        out.extend(row)
        i += 4
    return out


def _card_row(lines: list[str], is_value_start: Callable[[str], bool], cell_kind: Callable[[str], set[str]],
              names_a_test: Callable[[str], bool]) -> list[str] | None:
    if len(lines) < 4:
        return None
    names, ranges, labels = (split_cells(line) for line in lines[:3])
    if not (names and len(names) == len(ranges) == len(labels)
            and all(names_a_test(n) and not is_value_start(n) for n in names)
            and all(_LEADING_RANGE_LABEL.match(r) for r in ranges)
            and all(re.fullmatch(r"(?i)your\s+value", label) for label in labels)):
        return None
    ranges = [unlabel(re.sub(r"(?i)^normal\s+values?\s*:\s*", "", r)) for r in ranges]
    values = _cut(lines[3], len(names), is_value_start, cell_kind, ranges)
    if values is None:
        return None
    return [COLUMN_GAP.join([name, value, rng]) for name, value, rng in zip(names, values, ranges, strict=True)]


# ---- two results side by side, each printed as its name over its value ----------------------------
_SECTION_HEADING = re.compile(r"[A-Z][A-Z &/\-]{3,40}(?: \(continued\))?")  # "HAEMATOLOGY", "LIPID PROFILE"
def split_stacked_pairs(lines: list[str], is_value_start: Callable[[str], bool],
                        cell_kind: Callable[[str], set[str]], names_a_test: Callable[[str], bool],
                        range_led: list[bool] | None = None) -> tuple[list[str], list[bool]]:
    """A line of two or more test names a column gap apart, over a line holding as many results
    (a two-column report printing each result's name over its value, unit and range), as one line
    per result. The results' line is cut into as many parts, each starting with a value and reading
    as one result (a column's section heading beside the other's name is left out); when several
    cuts do, only those giving every result a range of its own count
    (both columns print ranges: "46 g/L (35-50)   Negative   Negative" is albumin's range, then the
    urine's result and range); when no cut or more than one remains, the lines are left as they are.
    A results' line that printed a range label (`range_led`, one flag a line: "Normal range: <= 150
    mg/dL   Normal range: <= 200 mg/dL") holds ranges, not results. Returns the lines and their flags."""
    led = range_led or [False] * len(lines)
    out: list[str] = []
    out_led: list[bool] = []
    i = 0
    while i < len(lines):
        cells = split_cells(lines[i])
        names = [c for c in cells if names_a_test(c) and not is_value_start(c)]
        # a section heading of one column beside the other column's name ("HAEMATOLOGY   INR") holds no result
        if (len(cells) >= 2 and names and i + 1 < len(lines) and not led[i + 1]
                and all(c in names or _SECTION_HEADING.fullmatch(c) for c in cells)):
            parts = _cut(lines[i + 1], len(names), is_value_start, cell_kind)
            if parts is not None:
                out.extend(COLUMN_GAP.join([name, part]) for name, part in zip(names, parts, strict=True))
                out_led.extend(False for _ in names)
                i += 2
                continue
        ranged = _over_ranges(cells, lines[i + 1] if i + 1 < len(lines) and led[i + 1] else "",
                              is_value_start, cell_kind, names_a_test)
        if ranged is not None:
            out.extend(ranged)
            out_led.extend(False for _ in ranged)
            i += 2
            continue
        out.append(lines[i])
        out_led.append(led[i])
        i += 1
    return out, out_led


def _over_ranges(cells: list[str], ranges_line: str, is_value_start: Callable[[str], bool],
                 cell_kind: Callable[[str], set[str]], names_a_test: Callable[[str], bool]) -> list[str] | None:
    """Two or more results side by side ("PSA   4.0 ug/L   LDL cholesterol   4.2 mmol/l"), each a test's
    name and its value, over a line of their labelled ranges, one each ("Reference: <4   Reference: <3"):
    one line per result with its range; None unless each name's run, with its range, reads as a result."""
    ranges = split_cells(ranges_line)
    starts = [k for k, c in enumerate(cells) if names_a_test(c) and not is_value_start(c)]
    if len(ranges) < 2 or len(starts) != len(ranges) or starts[0] != 0 \
            or not all("range" in cell_kind(r) for r in ranges):
        return None
    runs = [cells[a:b] for a, b in zip(starts, [*starts[1:], len(cells)], strict=True)]
    if not all(len(run) > 1 and is_value_start(COLUMN_GAP.join([*run[1:], rng])) for run, rng in zip(runs, ranges, strict=True)):
        return None
    return [COLUMN_GAP.join([*run, rng]) for run, rng in zip(runs, ranges, strict=True)]


def _cut(line: str, count: int, is_value_start: Callable[[str], bool],
         cell_kind: Callable[[str], set[str]], tails: list[str] | None = None) -> list[str] | None:
    """A line's cells cut into `count` runs that each read as one result, when exactly one cut does
    (or exactly one gives each run a range); with `tails`, each run read with its tail (its range)
    after it."""
    ends = tails or [""] * count
    cells = split_cells(line)
    if not count <= len(cells) <= 4 * count:
        return None
    found = []
    for cuts in combinations(range(1, len(cells)), count - 1):
        bounds = [0, *cuts, len(cells)]
        runs = [cells[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        if all(is_value_start(COLUMN_GAP.join([*run, end]).strip()) for run, end in zip(runs, ends, strict=True)):
            found.append(runs)
    if len(found) > 1:
        found = [runs for runs in found if all(any(_ranged(c, cell_kind) for c in run[1:]) for run in runs)]
    return [COLUMN_GAP.join(run) for run in found[0]] if len(found) == 1 else None


def _ranged(cell: str, cell_kind: Callable[[str], set[str]]) -> bool:
    """Is a cell a range, maybe with a flag after it ("(80-100) H", "Negative A")?"""
    head, _, last = cell.rpartition(" ")
    return "range" in cell_kind(cell) or bool(head) and cell_kind(last) == {"flag"} and "range" in cell_kind(head)
