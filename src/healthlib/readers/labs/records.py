"""Results exported as records: the JSON or YAML a health app or portal saves ("labs": [{"name":
"Calcium", "result": "5.1", "units": "mg/dL", "refRange": "8.6 - 10.3", "abnormal": "Low"}], or
"results:" then "- test: Calcium" / "value: 5.1" / "range:" / "low: 8.6" / "high: 10.3"), or a log of
key=value records, one a line (logfmt: `test="Sodium" value=140 unit="mmol/L" ref_low=136 ref_high=145`),
or an entity-attribute-value export, one field a row ("result_id,attribute,value" then "1,test,Sodium",
"1,value,140", "1,unit,mmol/L" ...): the rows of one id are one record; or a database dump's INSERT
statements, each row a record under its columns' names.

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
_UNIT_KEYS = {"unit", "units", "uom", "unitofmeasure", "resultunit", "resultunits"}
_RANGE_KEYS = {"range", "ref", "refrange", "referencerange", "reference", "referenceinterval", "normalrange",
               "standardrange", "refinterval", "reftext"}
_LOW_KEYS = {"low", "lower", "min", "reflow", "lowerlimit", "normallow", "referencelow", "rangelow", "lowref"}
_HIGH_KEYS = {"high", "upper", "max", "refhigh", "upperlimit", "normalhigh", "referencehigh", "rangehigh", "highref"}
_FLAG_KEYS = {"flag", "abnormal", "abnormalflag", "interpretation"}
_DATE_KEYS = {"collected", "date", "effective", "effectivedatetime", "resulted", "taken", "datetime", "when",
              "timestamp", "ts", "collectedat", "collectedon", "takenat", "resultedat"}
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


# a database dump's rows: "INSERT INTO lab_results (id, test_name, result, ...) VALUES (1, 'Sodium', '140',
# ...), (...);", its columns named in the statement or in the table's "CREATE TABLE lab_results (id
# INTEGER, test_name TEXT, ...)"; each row a record whose keys are the column names
_INSERT = re.compile(r"(?is)\bINSERT\s+INTO\s+[`\"\[]?(?P<table>[\w.]+)[`\"\]]?\s*(?:\((?P<columns>[^()]*)\))?\s*"
                     r"VALUES\s*(?P<rows>(?:'(?:[^']|'')*'|[^;'])*)")
_CREATE = re.compile(r"(?is)\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\"\[]?(?P<table>[\w.]+)[`\"\]]?\s*\(")
_SQL_VALUE = re.compile(r"\s*(?:'(?P<text>(?:[^']|'')*)'|(?P<null>NULL)\b|(?P<bare>[^,()'\s]+))\s*(?P<end>[,)])", re.I)


def _created_columns(text: str) -> dict[str, list[str]]:
    """Each CREATE TABLE's column names, by table, in order (constraint lines left out)."""
    tables = {}
    for found in _CREATE.finditer(text):
        depth, k = 1, found.end()
        while k < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            k += 1
        parts = re.split(r",(?![^()]*\))", text[found.end():k - 1])
        names = [re.match(r"\s*[`\"\[]?(\w+)", part) for part in parts]
        tables[found.group("table").lower()] = [
            n.group(1) for n in names if n and n.group(1).upper() not in ("PRIMARY", "FOREIGN", "UNIQUE", "CHECK",
                                                                          "CONSTRAINT", "KEY", "INDEX")]
    return tables


def _sql_rows(text: str) -> list[dict] | None:
    """The rows of a database dump's INSERT statements as records (a NULL as no value); None when the
    text holds no INSERT whose columns are known, or a row that does not parse or fit its columns."""
    if not re.search(r"(?i)\bINSERT\s+INTO\b", text):
        return None
    created = _created_columns(text)
    records = []
    for statement in _INSERT.finditer(text):
        columns = statement.group("columns")
        names = ([re.sub(r"[`\"\[\]]", "", c).strip() for c in columns.split(",")] if columns
                 else created.get(statement.group("table").lower()))
        if not names:
            return None
        rows = statement.group("rows")
        k = 0
        while (start := rows.find("(", k)) >= 0:
            values, k = [], start + 1
            while (value := _SQL_VALUE.match(rows, k)) is not None:
                text_value = value.group("text")
                values.append(text_value.replace("''", "'") if text_value is not None
                              else None if value.group("null") else value.group("bare"))
                k = value.end()
                if value.group("end") == ")":
                    break
            else:
                return None
            if len(values) != len(names):
                return None
            records.append(dict(zip(names, values, strict=True)))
    return records or None


def _document(text: str) -> object:
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            return json.loads(text)
        if (rows := _sql_rows(text)) is not None:
            return rows
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
