"""Which decimal mark a report prints, decided once for the whole report.

A US or UK report writes "5.4" and may group thousands with commas ("1,250", "250,000 /uL",
"3,800-10,800"). Much of Europe writes "5,4 mmol/l" and "3,5-5,1". One line alone cannot always
tell them apart ("1,250" is 1250 on one report and 1.25 on the other), so the report's numbers
decide together:

- a report that prints decimal commas (a comma followed by one or two figures: "5,4", "0,27",
  "3,5-5,1") and no decimal point and no sure thousands separator ("1,250,000", "1,250.5") prints
  decimal commas: its commas are read as points;
- every other report keeps the points as decimals and a comma followed by exactly three figures
  as a thousands separator (the text reader's own reading), and a line with a comma followed by
  one or two figures stays unread there.

On a decimal-comma report a comma or point followed by exactly three figures ("1,250", "250.000")
could be either mark, so a line holding one is never read (`ambiguous`) -- unless the number
starts "0," ("0,125" cannot be a thousand), which is a decimal. Numbers inside a unit
("ml/min/1.73m2") are not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BEFORE = r"(?<![\d.,/^])"  # not inside a longer number, nor a unit's "/1.73" or "10^9"
# "5,4", "0,27", "14,0", "3,5-5,1"; not the "1,25" of a name ("1,25-Dihydroxy vitamin D")
_COMMA_DECIMAL = re.compile(_BEFORE + r"(\d+),(\d{1,2})(?![\d.,]|-[^\W\d_])")
_ZERO_COMMA = re.compile(_BEFORE + r"0,(\d+)(?![\d.,])")  # "0,125": never a thousand
# a point decimal after a comma is one too: a comma-delimited row's cell ("Result,208,2.8,96")
_POINT_DECIMAL = re.compile(r"(?<![\d./^])(?:\d+\.(?:\d{1,2}|\d{4,})|0\.\d+)(?![\d.]|,\d{3})")  # "5.4", "0.125"
_SURE_THOUSANDS = re.compile(_BEFORE + r"[1-9]\d{0,2}(?:(?:,\d{3}){2,}|(?:,\d{3})+\.\d)(?![\d,])")
_BODY_SURFACE = re.compile(r"/1,73(?=\s?m)")
# on a decimal-comma report: a comma or point followed by exactly three figures
_EITHER_MARK = re.compile(_BEFORE + r"[1-9]\d{0,2}(?:[.,]\d{3})+(?![\d.,])")


@dataclass(frozen=True)
class DecimalMark:
    comma: bool  # the report prints decimal commas

    def rewrite(self, line: str) -> str:
        """A line with its decimal commas as points (on a decimal-comma report); else unchanged."""
        if not self.comma:
            return line
        line = _ZERO_COMMA.sub(r"0.\1", line)
        line = _BODY_SURFACE.sub("/1.73", line)  # the unit "ml/min/1,73m²"
        return _COMMA_DECIMAL.sub(r"\1.\2", line)

    def ambiguous(self, line: str) -> bool:
        """Does a (rewritten) line hold a number whose mark could be a decimal or a thousands
        separator ("1,250" or "250.000" on a decimal-comma report)?"""
        return self.comma and _EITHER_MARK.search(line) is not None


def decimal_mark(lines: list[str]) -> DecimalMark:
    """The report's decimal mark, from the numbers on its lines (lines about the person left out
    by the caller: dates such as "22.05.2024" are no decimals)."""
    commas = points = sure_thousands = 0
    for line in lines:
        commas += len(_COMMA_DECIMAL.findall(line)) + len(_ZERO_COMMA.findall(line))
        points += len(_POINT_DECIMAL.findall(line))
        sure_thousands += len(_SURE_THOUSANDS.findall(line))
    return DecimalMark(comma=commas > 0 and points == 0 and sure_thousands == 0)
