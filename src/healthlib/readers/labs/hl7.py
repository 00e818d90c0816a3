"""An HL7 version 2 result message (ORU^R01) pasted or saved as text: one result per OBX segment.

HL7 v2 is the standard message labs send results in. Its segments are lines ("MSH|^~\\&|...",
"PID|...", "OBR|...", "OBX|..."), its fields parted by the character after "MSH" (nearly always
"|") and a field's components by the first encoding character (nearly always "^"). An OBX segment
holds one observation, by field number:

- OBX-2 the value's type (NM number, ST/TX text, SN structured number such as "<^5", CE/CWE coded);
- OBX-3 the test: "code^text^coding system"; the name is the text (or the alternate text), never
  the code (a LOINC or a lab's own code is no name, and never becomes the value);
- OBX-5 the value, OBX-6 its units ("mg/dL", or "mg/dL^milligrams per decilitre^UCUM"),
  OBX-7 the reference range, OBX-8 the abnormal flag (H, L, HH, LL, A; N is normal),
  OBX-11 the result's status (F final, C corrected, P preliminary; W "wrong", D deleted and
  X "cannot be obtained" are no result).

Each OBX is rewritten as the one-line form the text reader reads ("name   value   flag   unit
range"), in place. Every other segment -- MSH, PID (the patient's name, date of birth, record number
and address), PV1, ORC, OBR, NTE ... -- is blanked: never read, never echoed. An OBX this module
cannot read for certain (a ratio "SN" value, a value in several repeats, no name) goes to "not read"
under its name only. Lines that are no HL7 segments are left as they are.

An ASTM E1394 (LIS2-A2) export -- what an analyser sends its LIS, pasted as text -- is the same
kind of message: records as lines, "H|\\^&" (its header naming the field, repeat, component and
escape delimiters), P (patient), O (order), R (result), C (comment), L (end). An R record holds one
result: R-3 the test "^^^code^name" (the name a component with letters, never the code), R-4 the
value, R-5 units, R-6 the reference range, R-7 the abnormal flag (N normal), R-9 the status (X
"cannot be done" and I "pending in the instrument" are no result, W "validity questionable" is not
read). R records are read as OBX segments are; every other record is blanked.
"""

from __future__ import annotations

import re

from .columns import AMBIGUOUS, COLUMN_GAP

_SEGMENT = re.compile(r"^\s*([A-Z][A-Z0-9]{2})(?=[|^~\\&#])")
_RESULT_STATUSES = {"", "F", "C", "P", "R", "S", "A", "I"}  # final, corrected, preliminary, ... -- a result
_NO_RESULT_STATUSES = {"W", "D", "X", "N"}  # posted wrong, deleted, cannot be obtained, not asked
_ESCAPES = {"F": "|", "S": "^", "T": "&", "R": "~", "E": "\\"}
_NORMAL_FLAGS = {"N", ""}


def _is_message(lines: list[str]) -> bool:
    """A message: an MSH header, or OBX segments (a message pasted without its header)."""
    return any(re.match(r"\s*MSH[^\w\s]", line) or line.lstrip().startswith("OBX|") for line in lines)


def _separators(lines: list[str]) -> tuple[str, str, str]:
    """(field, component, repetition) separators, from MSH-1 and MSH-2 when the message has them."""
    for line in lines:
        text = line.lstrip()
        if text.startswith("MSH") and len(text) > 5:
            field = text[3]
            encoding = text[4:].split(field, 1)[0]
            return field, (encoding[:1] or "^"), (encoding[1:2] or "~")
    return "|", "^", "~"


def _unescape(text: str) -> str:
    return re.sub(r"\\([FSTRE])\\", lambda m: _ESCAPES[m.group(1)], text).strip()


def _component(field: str, component: str, k: int) -> str:
    parts = field.split(component)
    return _unescape(parts[k]) if k < len(parts) else ""


def _value(kind: str, value: str, component: str, repetition: str) -> str | None:
    """OBX-5 as printed text, or None when it cannot be read for certain."""
    if repetition in value:
        return None  # several values for one observation
    if kind == "SN":  # structured number: comparator ^ number [^ separator ^ number]
        parts = [_unescape(p) for p in value.split(component)] + ["", "", "", ""]
        comparator, number, separator, second = parts[:4]
        if separator or second or not re.fullmatch(r"-?\d+(?:\.\d+)?", number):
            return None  # a ratio or a range as the value ("1^:^128"): not one number
        return f"{comparator}{number}" if comparator in ("", "<", ">", "<=", ">=") else None
    if kind in ("CE", "CWE", "CNE"):
        return _component(value, component, 1) or None  # the coded value's text, never its code
    if component in value:
        return None
    return _unescape(value) or None


def _obx_line(fields: list[str], component: str, repetition: str) -> str:
    """One OBX segment as a result line; AMBIGUOUS-marked when it cannot be read; "" for no result."""
    fields = fields + [""] * (12 - len(fields))
    kind, test, raw_value, units, rng, flag, status = (fields[2].strip().upper(), fields[3], fields[5], fields[6],
                                                       fields[7], fields[8], fields[11].strip().upper())
    if status in _NO_RESULT_STATUSES or status not in _RESULT_STATUSES:
        return ""
    name = _component(test, component, 1) or _component(test, component, 4)
    if not name:
        return ""  # a code alone names no test a person would know
    value = _value(kind, raw_value, component, repetition)
    if value is None:
        return AMBIGUOUS + name if raw_value.strip() else ""
    unit = _component(units, component, 0) or _component(units, component, 1)
    flag = _unescape(flag.split(repetition)[0])
    parts = [name, value, "" if flag.upper() in _NORMAL_FLAGS else flag, unit, _unescape(rng)]
    return COLUMN_GAP.join(p for p in parts if p)


# an ASTM header: "H" then its four delimiters (field, repeat, component, escape), e.g. "H|\\^&"
_ASTM_HEADER = re.compile(r"^\s*\d?H([|])([^\w\s|])([^\w\s|])([^\w\s|])")
_ASTM_RECORD = re.compile(r"^\s*\d?([HPOQRCMSL])\|")  # a record, with its frame number when framed
_ASTM_RESULT_STATUSES = {"", "F", "C", "P", "R", "S", "V", "M", "N", "Q"}
_ASTM_NO_RESULT_STATUSES = {"X", "I"}  # cannot be done; still in the instrument
_ASTM_LETTER_FLAG = re.compile(r"[A-Z]{1,2}")


def _astm_delimiters(lines: list[str]) -> tuple[str, str, str, str] | None:
    """(field, repeat, component, escape) from an ASTM export's header; None for no ASTM export."""
    for line in lines:
        header = _ASTM_HEADER.match(line)
        if header:
            return header.group(1), header.group(2), header.group(3), header.group(4)
    return None


def _astm_unescape(text: str, delimiters: tuple[str, str, str, str]) -> str:
    """A field's text with its escapes ("&F&", "&S&", "&R&", "&E&") put back as the delimiters they stand for."""
    field, repeat, component, escape = delimiters
    meant = {"F": field, "R": repeat, "S": component, "E": escape}
    return re.sub(rf"{re.escape(escape)}([FRSE]){re.escape(escape)}", lambda m: meant[m.group(1)], text).strip()


def _astm_result_line(fields: list[str], delimiters: tuple[str, str, str, str]) -> str:
    """One R record as a result line; AMBIGUOUS-marked when it cannot be read; "" for no result."""
    _, repeat, component, _ = delimiters
    fields = fields + [""] * (9 - len(fields))
    test, value, units, rng, flag, status = (fields[2], fields[3], fields[4], fields[5], fields[6],
                                             fields[8].strip().upper())
    if status in _ASTM_NO_RESULT_STATUSES or status not in _ASTM_RESULT_STATUSES | {"W"}:
        return ""
    names = [_astm_unescape(part, delimiters) for part in test.split(component)]
    # the universal test ID's name (component 2), else a manufacturer's name after its code (5th on)
    name = next((n for n in names[1:2] + names[4:] if re.search(r"[A-Za-z]{2}", n)), "")
    if not name:
        return ""  # a code alone names no test a person would know
    value = _astm_unescape(value, delimiters)
    flag = _astm_unescape(flag.split(repeat)[0], delimiters).upper()
    if (status == "W" or not value or repeat in fields[3] or component in fields[3]
            or (flag not in _NORMAL_FLAGS and not _ASTM_LETTER_FLAG.fullmatch(flag))):
        return AMBIGUOUS + name if value else ""  # questionable, several values, or an off-scale sign
    unit = _astm_unescape(units.split(component)[0], delimiters)
    parts = [name, value, "" if flag in _NORMAL_FLAGS else flag, unit, _astm_unescape(rng, delimiters)]
    return COLUMN_GAP.join(p for p in parts if p)


def read_astm(lines: list[str]) -> list[str]:
    """An ASTM E1394 export's R records as result lines, its other records blanked (see the module's
    doc); any text without an ASTM header unchanged."""
    delimiters = _astm_delimiters(lines)
    if delimiters is None:
        return lines
    out = []
    for line in lines:
        record = _ASTM_RECORD.match(line)
        if record is None:
            out.append(line)
        elif record.group(1) == "R":
            out.append(_astm_result_line(line.strip().split(delimiters[0]), delimiters))
        else:
            out.append("")  # header, patient (who they are), order, comment, end: never a result
    return out


def read_hl7(lines: list[str]) -> list[str]:
    """An HL7 v2 message's OBX segments as result lines, its other segments blanked (see the module's
    doc); any text that is no message unchanged."""
    if not _is_message(lines):
        return read_astm(lines)
    field, component, repetition = _separators(lines)
    out = []
    for line in lines:
        segment = _SEGMENT.match(line)
        if segment is None or line.lstrip()[3:4] != field:
            out.append(line)
        elif segment.group(1) == "OBX":
            out.append(_obx_line(line.strip().split(field), component, repetition))
        else:
            out.append("")  # MSH, PID, OBR, NTE ...: never a result, and PID identifies the person
    return out
