"""Results exported as records: the JSON or YAML a health app or portal saves ("labs": [{"name":
"Calcium", "result": "5.1", "units": "mg/dL", "refRange": "8.6 - 10.3", "abnormal": "Low"}], or
"results:" then "- test: Calcium" / "value: 5.1" / "range:" / "low: 8.6" / "high: 10.3"), or a log of
key=value records, one a line (logfmt: `test="Sodium" value=140 unit="mmol/L" ref_low=136 ref_high=145`),
or an entity-attribute-value export, one field a row ("result_id,attribute,value" then "1,test,Sodium",
"1,value,140", "1,unit,mmol/L" ...): the rows of one id are one record.

Each record -- a mapping in a list that has a test's name and a value under keys this module knows --
becomes one result line ("name   value   flag   unit   range") for the text reader. A range is a
string as printed, or its limits ("low" and "high" keys, on the record or in its range): both make
"low-high", one makes ">=low" or "<=high". A record whose value or range is not one plain thing (a
list, a mapping where a number belongs) goes to "not read"; a test recorded twice is the newest by its
date key, or "not read" when that cannot be told. Everything else in the document -- the person, the
app, dates -- is dropped, never output. FHIR bundles are `free_text.read_fhir`'s; any text that does
not parse as one document of records is left as it was.
"""

from __future__ import annotations

import csv
import json
import re

import yaml

from .columns import AMBIGUOUS, COLUMN_GAP

RECORDS_MAX_CHARS = 2_000_000  # a longer text is never parsed as one document

# keys by what they hold, compared lower-cased with "_", "-" and spaces dropped
_NAME_KEYS = {"test", "name", "testname", "component", "analyte", "display", "observation", "title"}
_VALUE_KEYS = {"value", "result", "resultvalue", "observedvalue", "reading", "yourvalue"}
_UNIT_KEYS = {"unit", "units", "uom", "unitofmeasure"}
_RANGE_KEYS = {"range", "ref", "refrange", "referencerange", "reference", "referenceinterval", "normalrange",
               "standardrange", "refinterval", "reftext"}
_LOW_KEYS = {"low", "lower", "min", "reflow", "lowerlimit"}
_HIGH_KEYS = {"high", "upper", "max", "refhigh", "upperlimit"}
_FLAG_KEYS = {"flag", "abnormal", "abnormalflag", "interpretation"}
_DATE_KEYS = {"collected", "date", "effective", "effectivedatetime", "resulted", "taken", "datetime", "when",
              "timestamp", "ts"}
# a YAML document's record lines: "- test: Calcium", "  value: 5.1"
_YAML_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w ]{0,30}:(?:\s|$)")
YAML_KEY_LINES_MIN = 6
# a value that starts with a character YAML reserves ("%", "@", "`"), to be quoted
_RESERVED_START = re.compile(r"(?m)^(\s*(?:-\s+)?[A-Za-z_][\w ]{0,30}:\s+)([%@`][^\n\"']*?)\s*$")
# a logfmt line: key=value pairs only, a value bare or double-quoted (with \" inside)
_LOGFMT_PAIR = r'[A-Za-z_][\w.\-]*=(?:"(?:[^"\\]|\\.)*"|[^\s"=]*)'
_LOGFMT_LINE = re.compile(rf"\s*{_LOGFMT_PAIR}(?:\s+{_LOGFMT_PAIR})+\s*")
_LOGFMT_PAIRS = re.compile(r'([A-Za-z_][\w.\-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s"=]*))')
LOGFMT_LINES_MIN = 2  # key=value lines that make a text a log of records


def _key(key: object) -> str:
    return re.sub(r"[\s_\-]", "", str(key).lower())


def _field(record: dict, keys: set[str]) -> object:
    found = [v for k, v in record.items() if _key(k) in keys]
    return found[0] if len(found) == 1 else None


def _plain(value: object) -> str | None:
    """A scalar as printed ("5.1", 140, "Negative"); None for nothing, a list, a mapping or a yes/no."""
    if value is None or isinstance(value, (bool, list, dict)):
        return None
    text = str(value).strip()
    return text or None


def _range(record: dict) -> str | None:
    """The record's range as a range the text reader reads; "" when it has none; None when unclear."""
    printed = _field(record, _RANGE_KEYS)
    holder = printed if isinstance(printed, dict) else record
    if printed is not None and not isinstance(printed, dict):
        return _plain(printed)
    low, high = _plain(_field(holder, _LOW_KEYS)), _plain(_field(holder, _HIGH_KEYS))
    if (low and not _is_number(low)) or (high and not _is_number(high)):
        return None
    return f"{low}-{high}" if low and high else f">={low}" if low else f"<={high}" if high else ""


def _is_number(text: str) -> bool:
    return re.fullmatch(r"\d+(?:\.\d+)?", text) is not None


def _flag(record: dict) -> str:
    flag = _field(record, _FLAG_KEYS)
    if flag is True:
        return "A"  # "abnormal": true -- outside the range, either way
    return _plain(flag) or ""


def _line(record: dict) -> str:
    name, value = _plain(_field(record, _NAME_KEYS)), _field(record, _VALUE_KEYS)
    if isinstance(value, dict):  # {"value": 5.1, "unit": "mg/dL"}: a quantity
        record = {**record, **{k: v for k, v in value.items() if _key(k) in _UNIT_KEYS}}
        value = _field(value, {"value"})
    unit, rng = _plain(_field(record, _UNIT_KEYS)), _range(record)
    shown = _plain(value)
    if shown is None or rng is None:
        return AMBIGUOUS + COLUMN_GAP.join(p for p in (name, str(value)) if p)
    return COLUMN_GAP.join(p for p in (name, shown, _flag(record), unit or "", rng) if p)


def _records(node: object) -> list[dict]:
    """Every mapping, in any list in the document, that has a test's name and a value."""
    if isinstance(node, dict):
        return [r for v in node.values() for r in _records(v)]
    if not isinstance(node, list):
        return []
    found = [r for r in node if isinstance(r, dict) and _field(r, _NAME_KEYS) is not None
             and any(_key(k) in _VALUE_KEYS for k in r)]
    return found + [r for v in node if not (isinstance(v, dict) and v in found) for r in _records(v)]


def _logfmt(text: str) -> list[dict] | None:
    """The records of a logfmt log (its other lines -- comments, headers -- dropped); None when the
    text is not one."""
    records = [{key: re.sub(r"\\(.)", r"\1", quoted) if quoted else bare
                for key, quoted, bare in _LOGFMT_PAIRS.findall(line)}
               for line in text.splitlines() if _LOGFMT_LINE.fullmatch(line)]
    return records if len(records) >= LOGFMT_LINES_MIN else None


# an entity-attribute-value export's heading: an id column, then which field, then its value
_EAV_ATTRIBUTE_HEADINGS = {"attribute", "field", "key", "property", "parameter"}
_EAV_VALUE_HEADINGS = {"value", "val"}


def _attribute_rows(text: str) -> list[dict] | None:
    """The records of an entity-attribute-value export, its rows gathered by their id (first column);
    None when the text is not one (its first line is no id/attribute/value heading)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t|")
    except csv.Error:
        return None
    rows = list(csv.reader(lines, dialect))
    heading = [_key(cell) for cell in rows[0]]
    if len(heading) != 3 or heading[1] not in _EAV_ATTRIBUTE_HEADINGS or heading[2] not in _EAV_VALUE_HEADINGS:
        return None
    records: dict[str, dict] = {}
    for row in rows[1:]:
        if len(row) != 3:
            return None  # not one field a row: not read as records at all
        record = records.setdefault(row[0].strip(), {})
        if row[1].strip() in record:
            record[row[1].strip()] = [record[row[1].strip()], row[2]]  # a field given twice: not one plain thing
        else:
            record[row[1].strip()] = row[2]
    return list(records.values())


def _document(text: str) -> object:
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            return json.loads(text)
        if (records := _attribute_rows(text)) is not None:
            return records
        if sum(bool(_YAML_KEY_LINE.match(line)) for line in text.splitlines()) >= YAML_KEY_LINES_MIN:
            # exports written by hand-rolled code leave "unit: %" bare, which strict YAML refuses
            return yaml.safe_load(_RESERVED_START.sub(r'\1"\2"', text))
    except (ValueError, yaml.YAMLError):
        return None
    return _logfmt(text)


def read_records(lines: list[str]) -> list[str]:
    """A document of result records as one result line a record; any other text as it was."""
    text = "\n".join(lines)
    if len(text) > RECORDS_MAX_CHARS or '"resourceType"' in text:
        return lines
    records = _records(_document(text))
    if not records:
        return lines
    by_test: dict[str, list[tuple[str, str]]] = {}
    for record in records:
        when = _plain(_field(record, _DATE_KEYS)) or ""
        by_test.setdefault(str(_field(record, _NAME_KEYS)).strip().lower(), []).append((_line(record), when))
    return [newest_reading(readings) for readings in by_test.values()]


def newest_reading(readings: list[tuple[str, str]]) -> str:
    """Of one test's result lines, each with when it was taken (ISO text), the newest; the first as
    "not read" when which is newest cannot be told."""
    times = [when for _, when in readings]
    if len(readings) == 1:
        return readings[0][0]
    if all(times) and times.count(max(times)) == 1 and len({len(t) for t in times}) == 1:
        return readings[times.index(max(times))][0]  # ISO times of one form sort as text
    return AMBIGUOUS + readings[0][0].lstrip(AMBIGUOUS)
