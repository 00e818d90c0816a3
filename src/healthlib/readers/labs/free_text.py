"""Results people paste or forward as free text, rewritten into the one-line form the text reader reads
("name   value   flag   unit   range"), before the report's shapes are prepared (`columns`).

Forms real portals, labs and practices send:

- dot leaders between a name and its value ("Sodium.........140 mmol/L"), as slips print them;
- a forwarded or replied e-mail: every line quoted with "> " (the marks are dropped);
- an SMS: results run on in one wrapped message and parted by ";" ("...: Glucose 91 mg/dL (70-99);
  Chloride 149 mmol/L (98-107) H; ..."), or a clinician's message giving several results a sentence
  ("Also normal: CRP 3.7 mg/L (normal below 8); ... and MCV 94.5 fL (normal 80 to 100)."): the
  message is joined and parted into one result a line;
- a chat app's export ("[3/12/24, 9:10 AM] Auntie Jo: Potassium 6.7 (3.5-5.1) mmol/L"): the
  message prefixes are dropped;
- a FHIR JSON export (a Bundle of Observations): one line per Observation;
- a record one field a line ("Test name:", "Result:", "Units:", "Reference range:", "Abnormal flag:",
  or a database's expanded display, "test_name | Calcium"): one line per record;
- a delimited export (";", tab, "|" or ","), with a heading row naming its columns: one line per
  row. A history export prints a test on several dated rows (or one dated column per collection):
  only the newest is the current result. When which is newest cannot be told for certain (two rows
  of the same day, dates whose day and month could be either way round and would order
  differently, or a test on several rows with no dates), the test goes to "not read".

Nothing is guessed: a line this module does not recognise is left exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

from .cda import read_cda
from .columns import AMBIGUOUS, COLUMN_GAP, HEADING_ROLE, heading_role, split_cells
from .form_grid import read_form_grid
from .hl7 import read_hl7
from .html_table import read_html_tables
from .letter import read_letter
from .privacy import undated
from .records import newest_reading, read_records
from .screen_reader import read_spoken_rows
from .source_tables import read_latex_tables

_EMPTY_CELL = {"", "-", "--", "—", "n/a", "na", "none", "."}
_NUMBER_CELL = re.compile(r"^\d+(?:[.,]\d+)?$")  # a bare number in a Low or High column


# ---- e-mail quote marks -------------------------------------------------------------------------------
_QUOTE = re.compile(r"^\s*(?:>\s?)+")


def unquote(lines: list[str]) -> list[str]:
    """An e-mail's quote marks ("> ", "> > ") dropped, when most of the text's lines carry them (a
    lone line starting ">" is a value such as ">90", never a quote)."""
    filled = [line for line in lines if line.strip()]
    quoted = [line for line in filled if _QUOTE.match(line) and not re.match(r"^\s*>\s*=?\s*\d", line)]
    if len(quoted) < 3 or len(quoted) < 0.5 * len(filled):
        return lines
    return [_QUOTE.sub("", line) if _QUOTE.match(line) and not re.match(r"^\s*>\s*=?\s*\d", line) else line
            for line in lines]


# ---- a chat app's export: each message starts "[3/12/24, 9:10:10 AM] Auntie Jo: " (iPhone) or
# "3/12/24, 9:10 AM - Auntie Jo: " (Android); the date, time and sender are dropped (never output)
# a chat window's transcript prints the time alone ("[7:07 PM] Assistant: ")
_CHAT_PREFIX = re.compile(r"^\s*(?:\[(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\]"
                          r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?\s+[-–])"
                          r"\s*[^:\[\]\d][^:\[\]]{0,40}?:\s+")
CHAT_MIN_MESSAGES = 2  # lines carrying a message's prefix for the text to be a chat export


def unprefix_messages(lines: list[str]) -> list[str]:
    """A chat export's message prefixes (date, time, sender) dropped, when at least
    CHAT_MIN_MESSAGES lines carry one; the message is left as written."""
    if sum(bool(_CHAT_PREFIX.match(line)) for line in lines) < CHAT_MIN_MESSAGES:
        return lines
    return [_CHAT_PREFIX.sub("", line, count=1) for line in lines]


# ---- a FHIR export (a portal's "download my record": a Bundle of Observation resources, or one) ------
FHIR_MAX_CHARS = 2_000_000  # a longer text is never parsed as one JSON document


def _fhir_number(quantity: object) -> str | None:
    value = quantity.get("value") if isinstance(quantity, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    comparator = quantity.get("comparator", "")
    printed = str(value) if "e" not in str(value) else f"{value:f}".rstrip("0")  # 3.0 stays "3.0"
    return f"{comparator if comparator in ('<', '<=', '>', '>=') else ''}{printed}"


def _fhir_range(observation: dict) -> str:
    ranges = observation.get("referenceRange")
    if not isinstance(ranges, list) or len(ranges) != 1 or not isinstance(ranges[0], dict):
        return ""  # none, or several (by age or sex): which one applies is not told here
    low, high, text = _fhir_number(ranges[0].get("low")), _fhir_number(ranges[0].get("high")), ranges[0].get("text")
    if low and high:
        return f"{low}-{high}"
    if low or high:  # FHIR's bounds are inclusive
        return f">={low}" if low else f"<={high}"
    return text if isinstance(text, str) else ""


def _fhir_line(observation: dict) -> str | None:
    """One Observation as a result line, or None when it holds no single result."""
    code = observation.get("code") if isinstance(observation.get("code"), dict) else {}
    codings = code.get("coding") if isinstance(code.get("coding"), list) else []
    name = code.get("text") or next((c.get("display") for c in codings if isinstance(c, dict) and c.get("display")), None)
    quantity = observation.get("valueQuantity")
    concept = observation.get("valueCodeableConcept")
    if isinstance(quantity, dict) and _fhir_number(quantity):
        value = f"{_fhir_number(quantity)}{COLUMN_GAP}{quantity.get('unit') or ''}".rstrip()
    elif isinstance(observation.get("valueString"), str):
        value = observation["valueString"]
    elif isinstance(concept, dict) and isinstance(concept.get("text"), str):
        value = concept["text"]
    else:
        return None
    if not isinstance(name, str) or not name.strip() or not value.strip():
        return None
    return COLUMN_GAP.join(part for part in (" ".join(name.split()), value, _fhir_range(observation),
                                       _fhir_flag(observation)) if part)


_FHIR_FLAGS = {"H": "H", "L": "L", "HH": "HH", "LL": "LL"}  # HL7 interpretation codes that are a flag


def _fhir_flag(observation: dict) -> str:
    """The HL7 interpretation code (H, L, HH, LL), checked later against the value and range like any flag."""
    interpretations = observation.get("interpretation")
    codes = {c.get("code") for i in interpretations if isinstance(i, dict) for c in i.get("coding") or []
             if isinstance(c, dict)} if isinstance(interpretations, list) else set()
    flags = {_FHIR_FLAGS[c] for c in codes if c in _FHIR_FLAGS}
    return flags.pop() if len(flags) == 1 else ""


def read_fhir(lines: list[str]) -> list[str]:
    """A FHIR JSON export: one line per Observation with a value ("name   value   unit   range"); the
    Patient and every other resource are dropped (never output). A test with several Observations is
    the one with the newest effectiveDateTime, or "not read" when that cannot be told. Any other
    text is left as it was."""
    text = "\n".join(lines)
    if not text.lstrip().startswith("{") or len(text) > FHIR_MAX_CHARS or '"resourceType"' not in text:
        return lines
    try:
        document = json.loads(text)
    except ValueError:
        return lines
    entries = document.get("entry") if isinstance(document, dict) and document.get("resourceType") == "Bundle" else None
    resources = ([e.get("resource") for e in entries if isinstance(e, dict)] if isinstance(entries, list)
                 else [document])
    observations = [r for r in resources if isinstance(r, dict) and r.get("resourceType") == "Observation"]
    if not observations:
        return lines
    by_test: dict[str, list[tuple[str, str]]] = {}
    for observation in observations:
        line = _fhir_line(observation)
        if line is not None:
            when = observation.get("effectiveDateTime")
            by_test.setdefault(_name_key(line.split(COLUMN_GAP)[0]), []).append((line, when if isinstance(when, str) else ""))
    return [newest_reading(readings) for readings in by_test.values()]


# ---- bold marks and parted lines: an HTML e-mail or a phone app's export as text -------------------
# a word or words in bold as a flattened e-mail prints them ("*Sodium*", "**Sodium**"); a lone "*" (a
# flag) or a trailing "H*" is never a bold mark
_BOLD = re.compile(r"(?<!\S)(\*{1,2})(?=[^\s*])([^*\n]*?[^\s*])\1(?!\S)")
# a result's parts parted by a middle dot or bullet ("Sodium · 140 mmol/L · Range 136–145 mmol/L")
_PART_MARK = re.compile(r"\s+[·•]\s+|\s+[·•]\s*$")
_PART_RANGE_LABEL = re.compile(r"(?i)^(?:reference\s+|normal\s+)?range\b\s*:?\s*(?=\S)")
PARTS_MIN = 3  # parts for a line to be one result parted by dots


# a list's bullet drawn in a glyph the PDF gives no character for: pdfplumber writes "(cid:127)"; alone
# at a line's start before a word it is the list mark (inside a value or a name it is left, unread)
_UNMAPPED_BULLET = re.compile(r"^\s*\(cid:\d+\)\s+(?=[^\s(]*[^\W\d_])")  # before a word with a letter ("25-OH")


def unbold(line: str) -> str:
    return _BOLD.sub(lambda m: m.group(2), line)


def unpart(line: str) -> str:
    """A line parted by " · " into a result's parts, as one line of cells; a part "Range 136-145"
    keeps only its range, a part that is only the date is dropped. Any other line is left as it was."""
    parts = [p.strip() for p in _PART_MARK.split(line.strip())]
    parts = [p for p in parts if p and (undated(p) or p).strip()]  # a part that is only a date is dropped
    if len(parts) < PARTS_MIN or not re.search(r"[^\W\d_]", parts[0]):
        return line
    return COLUMN_GAP.join([parts[0], *(_PART_RANGE_LABEL.sub("", p) for p in parts[1:])])


# ---- SMS: results parted by ";" in one wrapped message ---------------------------------------------
_SENTENCE_END = re.compile(r"(?:(?<=[)\d%])|(?<=/L)|(?<=/l)|(?<=/dL)|(?<=/dl)|(?<=/mL)|(?<=/ml))\.(?:\s+(?=[A-Z])|\s*$)")
SMS_MIN_PARTS = 3  # results parted by ";" for a paragraph to be a message of results


def unwrap_messages(lines: list[str]) -> list[str]:
    """A paragraph (lines without a blank between them) holding results parted by ";" and wrapped at
    any word: joined, then parted at each ";" (the greeting before the first result ends at its colon,
    the closing sentences after the last at its full stop). Each part keeps its place in the text."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].strip():
            j += 1
        paragraph = lines[i:j]
        joined = " ".join(line.strip() for line in paragraph)
        if j > i and joined.count(";") >= SMS_MIN_PARTS and not re.search(r"\s{2,}|\t", joined) \
                and _parts_are_results(joined):
            out += _message_parts(joined)
        else:
            out += paragraph
        if j < len(lines):
            out.append(lines[j])
        i = j + 1
    return out


def _parts_are_results(message: str) -> bool:
    """Most of the ";"-parted pieces hold a name and a figure, as results do: a delimited table whose
    heading was not known ("Sodium;140;mmol/L;136-145") is no message, and parting it at each ";"
    would leave lone figures and units that are no result and no line to list as not read."""
    parts = [p for p in message.split(";") if p.strip()]
    whole = [p for p in parts if re.search(r"[^\W\d_]{2,}", p) and re.search(r"\d", p)]
    return len(whole) >= SMS_MIN_PARTS and 2 * len(whole) > len(parts)


def _message_parts(message: str) -> list[str]:
    """The message's sentences, each parted at its ";"s: a sentence's words before its first result end
    at its colon ("Also normal: CRP 3.7 mg/L ..."), and a list's last item loses its "and"."""
    out: list[str] = []
    for sentence in _SENTENCE_END.split(message):
        parts = [p.strip() for p in sentence.split(";")]
        first = parts[0]
        colon = [m.end() for m in re.finditer(r":\s+(?=[A-Za-z])", first)]
        head = [first[: colon[-1]].strip(), first[colon[-1]:].strip()] if colon else [first]
        out += [*head, *(_LIST_LAST.sub("", p) for p in parts[1:])]
    return [p for p in out if p]


_LIST_LAST = re.compile(r"^(?:and|or)\s+(?=\S)")


# ---- records one field a line ------------------------------------------------------------------------
# "Result: 17", or a database's expanded display, "result    | 17" (its field names with "_" for spaces)
_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z_ .()/-]{0,30}?)\s*(?::\s*(.*?)|\|\s*([^|]*?))\s*$")
_FIELD_ROLES = {
    "test name": "name", "test": "name", "analyte": "name", "component": "name", "investigation": "name",
    "test description": "name", "parameter": "name", "lab test": "name",
    "result": "value", "value": "value", "your value": "value", "result value": "value",
    "units": "unit", "unit": "unit", "unit of measure": "unit",
    "reference range": "range", "normal range": "range", "ref range": "range", "ref. range": "range",
    "reference interval": "range", "range": "range", "standard range": "range", "reference": "range",
    "abnormal flag": "flag", "flag": "flag", "abnormal": "flag", "interpretation flag": "flag",
    "interpretation": "flag", "abn flag": "flag",
    # fields that hold no part of the result
    "collected": "other", "collection date": "other", "date collected": "other", "date": "other",
    "status": "other", "result status": "other", "specimen": "other", "performing lab": "other",
    "lab": "other", "method": "other", "comment": "other", "comments": "other", "ordered": "other",
    "resulted": "other", "reported": "other", "received": "other", "date/time collected": "other",
    "performing location": "other", "accession": "other", "accession number": "other",
}


def _field(line: str) -> tuple[str, str] | None:
    m = _FIELD.match(line)
    if m is None:
        return None
    role = _FIELD_ROLES.get(" ".join(m.group(1).lower().replace("_", " ").split()))
    return (role, m.group(2) if m.group(2) is not None else m.group(3)) if role else None


def _line_fields(line: str) -> list[tuple[str, str]] | None:
    """A line's fields: one ("Result: 17"), or several a column gap apart when every part is one
    ("Result: 140   Units: mmol/L   Reference Range: 136-145   Interpretation: H", as a health
    record's text download prints them); None when the line is no field."""
    parts = split_cells(line)
    if len(parts) > 1 and all(_field(part) is not None for part in parts):
        return [_field(part) for part in parts]
    found = _field(line)
    return [found] if found else None


def join_records(lines: list[str]) -> list[str]:
    """A record printed one field a line (or a few to a line), starting with the test's name ("Test
    name: AST") and holding its result ("Result: 17"), as one line; its other lines blank. Each
    field at most once."""
    out = list(lines)
    i = 0
    while i < len(lines):
        first = _field(lines[i])
        if first is None or first[0] != "name":
            i += 1
            continue
        fields = {"name": first[1]}
        j = i + 1
        while j < len(lines):
            found = _line_fields(lines[j])
            if found is None or any(role == "name" or (role in fields and role != "other") for role, _ in found) \
                    or len({role for role, _ in found if role != "other"}) < sum(role != "other" for role, _ in found):
                break
            fields.update(found)
            j += 1
        if fields.get("value", "").strip().lower() not in _EMPTY_CELL and fields["name"].strip():
            parts = [fields.get(role, "").strip() for role in ("value", "flag", "unit", "range")]
            out[i] = COLUMN_GAP.join([fields["name"].strip(), *(p for p in parts if p.lower() not in _EMPTY_CELL)])
            for k in range(i + 1, j):
                out[k] = ""
        i = max(j, i + 1)
    return out


# ---- delimited exports -------------------------------------------------------------------------------
_DELIMITERS = (";", "\t", "|", ",")
_DATE_HEADINGS = {"date", "collected", "collection date", "date collected", "specimen date", "sample date",
                  "result date", "date/time", "collection date/time", "date and time", "drawn", "date drawn"}
_MONTHS = {m: k for k, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"], start=1)}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")
_NAMED_MONTH = re.compile(r"^(\d{1,2})[\s\-]?([A-Za-z]{3})[a-z]*\.?[\s\-,]*(\d{4}|\d{2})(?!\d)")
_MONTH_FIRST = re.compile(r"^([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})")
_CLOCK = re.compile(r"(?:T|\s)(\d{1,2}):(\d{2})")


def date_readings(text: str) -> dict[str, datetime] | None:
    """A printed date (and time) read every way it could be: {"dm": ..., "md": ...} for "03/04/2024"
    (day or month first), one reading under both keys when the form allows only one; None when it is
    no date."""
    text = text.strip()
    clock = _CLOCK.search(text)
    hour, minute = (int(clock.group(1)), int(clock.group(2))) if clock else (0, 0)

    def make(year: int, month: int, day: int) -> datetime | None:
        year = year + 2000 if year < 100 else year
        try:
            return datetime(year, month, day, hour % 24, minute % 60)
        except ValueError:
            return None

    if m := _ISO.match(text):
        one = make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return {"dm": one, "md": one} if one else None
    if m := _NAMED_MONTH.match(text):
        month = _MONTHS.get(m.group(2).lower())
        one = make(int(m.group(3)), month, int(m.group(1))) if month else None
        return {"dm": one, "md": one} if one else None
    if m := _MONTH_FIRST.match(text):
        month = _MONTHS.get(m.group(1).lower())
        one = make(int(m.group(3)), month, int(m.group(2))) if month else None
        return {"dm": one, "md": one} if one else None
    if m := _NUMERIC_DATE.match(text):
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        readings = {"dm": make(year, b, a), "md": make(year, a, b)}
        readings = {k: v for k, v in readings.items() if v}
        if not readings:
            return None
        return _both(readings)
    return None


def _both(readings: dict[str, datetime]) -> dict[str, datetime]:
    """A numeric date valid only one way round ("25/03/2024") is read that way under both keys: it also
    settles the report's order for the others, which `newest` checks."""
    if len(readings) == 1:
        one = next(iter(readings.values()))
        return {"dm": one, "md": one, "fixed": next(iter(readings))}  # type: ignore[dict-item]
    return readings


def newest(dates: list[dict]) -> int | None:
    """Index of the newest of several printed dates, or None when it is not certain: a tie, or
    day-first and month-first readings (each possible for every date) that disagree."""
    fixed = {d["fixed"] for d in dates if "fixed" in d}
    orders = [o for o in ("dm", "md") if not fixed or o in fixed]
    if len(fixed) > 1 or not orders:
        return None
    picks = set()
    for order in orders:
        values = [d[order] for d in dates]
        top = max(values)
        if values.count(top) > 1:
            return None
        picks.add(values.index(top))
    return picks.pop() if len(picks) == 1 else None


def _split(line: str, delimiter: str) -> list[str]:
    if delimiter == ",":
        try:
            return [c.strip() for c in next(csv.reader([line.strip()]))]
        except (csv.Error, StopIteration):
            return []
    text = line.strip(" \r\n")  # a trailing tab is an empty last cell, not a margin
    return [c.strip() for c in text.strip("|").split("|")] if delimiter == "|" else \
        [c.strip() for c in text.split(delimiter)]


def _header(line: str) -> tuple[str, list[str]] | None:
    """(delimiter, roles) of a delimited heading row: a test column, a result column or dated result
    columns, every cell a heading word or a date."""
    for delimiter in _DELIMITERS:
        if delimiter not in line:
            continue
        cells = [c.lower().rstrip(":") for c in _split(line, delimiter)]
        if len(cells) < 3:
            continue
        roles = []
        for cell in cells:
            if cell in _DATE_HEADINGS:
                roles.append("date")
            elif date_readings(cell) is not None:
                roles.append("dated")
            elif cell in HEADING_ROLE:
                roles.append(HEADING_ROLE[cell])
            else:  # a heading known by its words ("LOINC", "Performed at", "Ref. interval"), as in a table
                roles.append(heading_role(cell) or "?")
        if "?" in roles or "name" not in roles or not ({"value", "dated"} & set(roles)):
            continue
        if "value" in roles and "dated" in roles:
            continue
        return delimiter, [c if r == "dated" else r for c, r in zip(cells, roles, strict=True)]
    return None


def _row_line(cells: dict[str, str]) -> str:
    low, high = cells.get("low", ""), cells.get("high", "")
    rng = cells.get("range", "")
    low, high = ("" if c.strip().lower() in _EMPTY_CELL else c.strip() for c in (low, high))
    if not rng and low and high:
        rng = f"{low}-{high}"
    elif not rng and (low or high):  # one bound left empty: the range is open on that side (both bounds
        # are inclusive, as in "low-high"); a word in the Low column ("Negative") is the range itself
        rng = (f">={low}" if _NUMBER_CELL.match(low) else low if low.isalpha() else "") if low else \
            (f"<={high}" if _NUMBER_CELL.match(high) else "")
    parts = [cells.get("value", ""), cells.get("flag", ""), cells.get("units", ""), rng]
    # the name as printed, even when it reads as an empty cell's mark ("Na": sodium, not "n/a")
    return COLUMN_GAP.join(p for p in (cells.get("name", ""), *(p for p in parts if p.strip().lower() not in _EMPTY_CELL))
                           if p.strip())


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def read_delimited(lines: list[str]) -> list[str]:
    """Delimited exports under a heading row rewritten one result a line (see the module's doc)."""
    out = list(lines)
    i = 0
    while i < len(lines):
        found = _header(lines[i])
        if found is None:
            i += 1
            continue
        delimiter, roles = found
        rows: list[tuple[int, list[str]]] = []
        j = i + 1
        while j < len(lines) and (delimiter in lines[j] or _blank_between_rows(lines, j, delimiter, len(roles))):
            if not lines[j].strip():
                j += 1
                continue
            cells = _split(lines[j], delimiter)
            rows.append((j, cells))
            j += 1
        out[i] = ""
        _rewrite_rows(out, rows, roles)
        i = j
    return out


def _row_role(cell: str) -> str | None:
    """What a transposed export's row label names ("Result" a value row, "Collected" a date row)."""
    cell = cell.lower().rstrip(":")
    return "date" if cell in _DATE_HEADINGS else heading_role(cell)


def read_transposed_exports(lines: list[str]) -> list[str]:
    """A delimited export printed one column a test (a wide CSV: a "Test" row of names, then a
    "Result", "Units", "Reference range", "Flag" row, each led by its label, a cell under each name)
    turned back into a heading row over one row a test, as `read_delimited` reads exports. Every
    row of the block is led by a heading word, holds as many cells as the names' row and, with the
    names', only one row for each role; a value row is needed."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        block = _transposed_block(lines, i)
        if block is None:
            out.append(lines[i])
            i += 1
            continue
        delimiter, rows, i = block
        columns = [list(column) for column in zip(*rows, strict=True)]
        if delimiter == ",":
            text = io.StringIO()
            csv.writer(text, lineterminator="\n").writerows(columns)
            out.extend(text.getvalue().splitlines())
        else:
            out.extend(delimiter.join(column) for column in columns)
    return out


def _transposed_block(lines: list[str], i: int) -> tuple[str, list[list[str]], int] | None:
    """(delimiter, rows, the line after them) of a transposed export whose names' row is line `i`."""
    for delimiter in _DELIMITERS:
        if delimiter not in lines[i]:
            continue
        names = _split(lines[i], delimiter)
        if len(names) < 3 or _row_role(names[0]) != "name" or not all(names[1:]):
            continue
        rows, roles = [names], {"name"}
        j = i + 1
        while j < len(lines) and delimiter in lines[j]:
            cells = _split(lines[j], delimiter)
            role = _row_role(cells[0]) if cells else None
            if role is None:
                break
            if len(cells) != len(names) or role in roles:
                return None  # a row not lined up under the names: no cell can be told its test
            rows.append(cells)
            roles.add(role)
            j += 1
        if "value" in roles:
            return delimiter, rows, j
    return None


def _blank_between_rows(lines: list[str], j: int, delimiter: str, width: int) -> bool:
    """A blank line inside an export (rows pasted as paragraphs, a blank line after each) with a
    row of the export's width after it: the export goes on."""
    return not lines[j].strip() and j + 1 < len(lines) and len(_split(lines[j + 1], delimiter)) == width


def _rewrite_rows(out: list[str], rows: list[tuple[int, list[str]]], roles: list[str]) -> None:
    dated = [k for k, role in enumerate(roles) if role not in HEADING_ROLE.values() and role not in ("date", "?")]
    date_col = roles.index("date") if "date" in roles else None
    groups: dict[str, list[tuple[int, dict[str, str], dict | None]]] = {}
    for at, cells in rows:
        if len(cells) < len(roles):  # an exporter may leave off empty cells at the end of a row
            cells = cells + [""] * (len(roles) - len(cells))
        if len(cells) != len(roles):
            out[at] = AMBIGUOUS + " ".join(c for c in cells if date_readings(c) is None)  # cells not lined up
            continue
        named = {role: cell for role, cell in zip(roles, cells, strict=True) if role in HEADING_ROLE.values()}
        if dated:  # one column per collection date: the newest column is the current result
            pick = newest([date_readings(roles[k]) for k in dated])
            if pick is None:
                out[at] = AMBIGUOUS + _row_line(named)
                continue
            named["value"] = cells[dated[pick]]
            out[at] = _row_line(named) if named["value"].lower() not in _EMPTY_CELL else ""
            continue
        when = date_readings(cells[date_col]) if date_col is not None else None
        groups.setdefault(_name_key(named.get("name", "")), []).append((at, named, when))
    for group in groups.values():
        if len(group) == 1:
            at, named, _ = group[0]
            out[at] = _row_line(named)
            continue
        pick = newest([when for _, _, when in group]) if all(when for _, _, when in group) else None
        for k, (at, named, _) in enumerate(group):
            if pick is None:
                out[at] = AMBIGUOUS + _row_line(named) if k == 0 else ""
            else:
                out[at] = _row_line(named) if k == pick else ""


# "K=4.2 mmol/L": a label printer's "=" between a line's first word (a test's short name) and its value,
# a column gap; never a range's "<=" nor "> OR = 60" (neither stands after the line's first word)
NAME_EQUALS = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9\-]*)\s*=\s*(?=[<>]?\d)")

# "Sodium.........140", "Your result . . . . . 5.1": dot leaders, close or spaced, between a name and its
# value (never an ellipsis at a line's end)
DOT_LEADER = re.compile(r"(?<=\S)\s*(?:\.(?: ?\.){2,}|_{3,}|…+)\s*(?=\S)")


def rewrite_free_text(lines: list[str]) -> list[str]:
    """Every free-text form above: a FHIR export, a C-CDA document (`cda`), an app's JSON, YAML or logfmt export
    (`records`), a web page's HTML source (`html_table`; after the documents whose text may hold HTML), a
    LaTeX table's source (`source_tables`), chat
    prefixes, a name's "=" and dot leaders as a column gap, bold marks, parted lines, quote marks,
    records, delimited exports, then messages (a delimited row is never a message)."""
    # a chat's prefixes dropped before a letter's sentences are read: a message may be one
    lines = read_form_grid(read_letter(unprefix_messages(read_html_tables(read_records(read_fhir(read_cda(read_hl7(lines))))))))
    lines = read_latex_tables(lines)  # a typeset table's source
    lines = [unpart(unbold(DOT_LEADER.sub(COLUMN_GAP, NAME_EQUALS.sub(r"\1" + COLUMN_GAP, _UNMAPPED_BULLET.sub("", line)))))
             for line in lines]
    lines = read_spoken_rows(unquote(lines), _field, join_records)  # a screen reader's copy of a table
    return unwrap_messages(read_delimited(read_transposed_exports(join_records(lines))))

