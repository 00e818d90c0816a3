"""A hand-filled results form: boxes side by side, each headed by its test and unit, the figures
written one a box, the range printed under it. Its text comes out as three rows per strip of boxes:

    HDL (mg/dL)   LDL (mg/dL)   K (mmol/L)
    7 1           6 0           4.5 H
    Ref >40       Ref <100      Ref 3.5-5.1

The strip is rewritten one result a line ("HDL   71   mg/dL   >40") when all three rows hold the same
number of cells: every heading a test's name with its unit in brackets (as the report prints it:
"VITD", "GLU"), every box one value (its
figures written apart, one a box, are joined: "7 1" is 71, "1 . 8" is 1.8; two numbers in one box are
never joined) with perhaps a flag, and every range led by "Ref". A strip with an empty box (fewer
values than headings) cannot say which box is empty: it is left as it is, so its results go to "not
read".
"""

from __future__ import annotations

import re

from .columns import COLUMN_GAP, split_cells

_HEADING = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9 ,\-]{0,30}?)\s*\((?P<unit>[^()]{1,20})\)$")
_SPACED_FIGURES = re.compile(r"^(?:[\d.]\s)+[\d.]$")  # one figure a box: "7 1", "1 . 8"
_VALUE = re.compile(r"^(?P<value>\d+(?:\.\d+)?)(?:\s+(?P<flag>HH|LL|H|L|A))?$")
_REF = re.compile(r"^Ref\.?:?\s*(?P<range>(?:[<>≤≥]=?\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*[-–]\s*\d+(?:\.\d+)?))$",
                  re.IGNORECASE)


def _value(cell: str) -> tuple[str, str] | None:
    parts = cell.rsplit(" ", 1)  # a flag after the figures: "2 . 6 L"
    figures, flag = (parts[0], parts[1]) if len(parts) == 2 and parts[1].isalpha() else (cell, "")
    if _SPACED_FIGURES.match(figures):
        figures = figures.replace(" ", "")
    found = _VALUE.match(f"{figures} {flag}".strip())
    return (found.group("value"), found.group("flag") or "") if found else None


def box_kind(cell: str) -> str:
    """What a cell of a hand-filled form is: a box's "heading" (name and unit), its "value" (figures,
    perhaps a flag), its "ref" range, or "other" (for `labfiles.layout.form_boxes`)."""
    if _HEADING.match(cell):
        return "heading"
    if _REF.match(cell):
        return "ref"
    return "value" if _value(cell) is not None else "other"


def _strip(heads: list[str], values: list[str], refs: list[str]) -> list[str] | None:
    """The strip's result lines, or None when its three rows do not line up for certain."""
    if not (len(heads) == len(values) == len(refs) >= 1):
        return None
    out = []
    for head, box, ref in zip(heads, values, refs, strict=True):
        heading, value, rng = _HEADING.match(head), _value(box), _REF.match(ref)
        if heading is None or value is None or rng is None:
            return None
        out.append(COLUMN_GAP.join(p for p in (heading.group("name"), value[0], value[1], heading.group("unit"),
                                         rng.group("range")) if p))
    return out


def read_form_grid(lines: list[str]) -> list[str]:
    """Each strip of boxes that lines up rewritten one result a line; every other line unchanged."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        heads = split_cells(lines[i])
        if heads and all(_HEADING.match(h) for h in heads) and i + 2 < len(lines):
            results = _strip(heads, split_cells(lines[i + 1]), split_cells(lines[i + 2]))
            if results is not None:
                out.extend(results)
                i += 3
                continue
        out.append(lines[i])
        i += 1
    return out
