"""A C-CDA document (HL7 CDA R2 XML, what a patient portal's "download my record" saves): one result
line ("name   value   flag   unit   range") a results observation.

An observation is read from its code's display name, its value (a physical quantity `PQ`: value and
unit; a string `ST` as printed, a censored "<0.1" too; a coded `CD`/`CE`: its display name), its
interpretation code (H, L, HH, LL, A; N is no flag) and its reference range (low/high limits, or the
range as text). A value of any other kind, or a range that is neither, makes the line "not read". A
test observed twice is the newest by its effective time (`records.newest_reading`). The patient,
author and every other part of the document are dropped, never output. Text that is not one
ClinicalDocument is left as it was; the parser resolves no entity and fetches nothing.
"""

from __future__ import annotations

from lxml import etree

from healthlib.readers.hl7v3 import SAFE_PARSER, V

from .columns import AMBIGUOUS, COLUMN_GAP
from .records import newest_reading

CDA_MAX_CHARS = 2_000_000  # a longer text is never parsed as one document
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
_FLAGS = {"H": "H", "L": "L", "HH": "HH", "LL": "LL", "A": "A", "AA": "A", "N": ""}


def _value(element: etree._Element) -> tuple[str, str] | None:
    """(value as printed, unit) of an observation's value; None for a kind not read."""
    kind = element.get(_XSI_TYPE, "").split(":")[-1]
    unit = element.get("unit", "")
    unit = "" if unit == "1" else unit  # UCUM's "1": no unit
    if kind in ("PQ", "INT", "REAL") and element.get("value"):
        return element.get("value").strip(), unit
    if kind == "ST" and (element.text or "").strip():
        return element.text.strip(), unit
    if kind in ("CD", "CE", "CO") and element.get("displayName"):
        return element.get("displayName").strip(), ""
    return None


def _range(observation: etree._Element) -> str | None:
    """The reference range as the text reader reads it; "" when none is given; None when unclear."""
    ranges = observation.findall(f"{V}referenceRange/{V}observationRange")
    if not ranges:
        return ""
    if len(ranges) > 1:
        return None
    given = ranges[0]
    limits = given.find(f"{V}value")
    if limits is not None:
        low, high = (limits.find(f"{V}{side}") for side in ("low", "high"))
        low, high = (None if x is None else x.get("value") for x in (low, high))
        if low and high:
            return f"{low}-{high}"
        return f">={low}" if low else f"<={high}" if high else None
    text = given.findtext(f"{V}text")
    return text.strip() if text and text.strip() else None


def _line(observation: etree._Element) -> tuple[str, str, str] | None:
    """(test name, result line, effective time) of a results observation; None when it names no test."""
    code = observation.find(f"{V}code")
    name = (code.get("displayName") or code.findtext(f"{V}originalText") or "").strip() if code is not None else ""
    value = observation.find(f"{V}value")
    if not name or value is None:
        return None
    when = observation.find(f"{V}effectiveTime")
    when = when.get("value", "") if when is not None else ""
    read, rng = _value(value), _range(observation)
    if read is None or rng is None:
        return name, AMBIGUOUS + name, when
    interpretation = observation.find(f"{V}interpretationCode")
    flag = _FLAGS.get(interpretation.get("code", "").upper(), "") if interpretation is not None else ""
    shown, unit = read
    return name, COLUMN_GAP.join(p for p in (name, shown, flag, unit, rng) if p), when


def read_cda(lines: list[str]) -> list[str]:
    """A ClinicalDocument's results as one line a test (none when it holds none: nothing else in it
    is a result); any other text as it was."""
    text = "\n".join(lines)
    if "ClinicalDocument" not in text[:4096] or len(text) > CDA_MAX_CHARS:
        return lines
    try:
        root = etree.fromstring(text.lstrip().encode("utf-8"), SAFE_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return lines
    if etree.QName(root).localname != "ClinicalDocument":
        return lines
    by_test: dict[str, list[tuple[str, str]]] = {}
    for observation in root.iter(f"{V}observation"):
        found = _line(observation)
        if found is not None:
            name, line, when = found
            by_test.setdefault(name.lower(), []).append((line, when))
    return [newest_reading(readings) for readings in by_test.values()]
