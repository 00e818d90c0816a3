"""The last step of reading a text report: each result checked against the whole page, and set
aside as "not read" when the page prints something about it the reader did not account for.

The structured readers find a result's value, unit and range where a layout puts them; on a layout
they have never seen, a range printed on the line under a box, in a CSV column or in the wrong cell
is simply missed, and the result comes out "read" with no range (or a previous result taken for
its range) -- a wrong read, worse than none. These checks know no layout:
- unread ranges: the page prints a range (or limit) that no result read carries; then a result read
  without one may have lost it there;
- figures left on the result's own line: a result read without a range whose line holds another
  figure (not a date or time) besides its value and unit;
- words left on a result-in-words' line: "Positive" whose line holds another result word after it
  that is not the range read ("Positive  Positive  Negative": the range is the last, not the first);
- unread result words: the page prints a result word no result read carries; then a result in
  words read without a range may have lost it there;
- pieces that cannot belong together (`_cannot_be_right`): a flag on the wrong side of the range, a
  unit the test is never reported in, a range far from the test's usual one -- a neighbour's piece;
  a measured test read without a unit -- the unit printed where the reader did not look.
Designed on the round-start reads of blind sets fresh7-fresh10 (44 wrong, all caught, no right read
lost); on sets never looked at while designing, no right read lost and of the wrong reads caught:
fresh11 71 of 142 (102 with the missing-unit rule, added after its misses were counted by kind),
fresh5 and fresh6 all 102 (`docs/measurement-history.md`, round 10).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from healthlib.model.lab_catalogue import implausible
from healthlib.model.lab_report import ReadReport, ReportLine
from healthlib.model.lab_units import normalise_unit

from .catalogue import builtin_catalogue
from .privacy import identifies_someone, scrub, undated
from .report_text import as_printed, flag_disagrees, has_range, op_symbol, tokenize

# a comma that parts CSV cells ("LDL,67,mg/dL,,100,"), never one between figures ("3,5" or "1,250")
_CELL_COMMA = re.compile(r",(?!\d)|(?<!\d),")
# a figure standing on its own: not part of a word or unit ("x10E3", "1.73m2" are parts of units)
_FIGURE = re.compile(r"(?<![A-Za-z^*/])\d+(?:[.,]\d+)?")
_RESULT_WORD = re.compile(r"(?i)\b(?:not\s+detected|detected|negative|positive|trace|nil|non-?reactive|reactive|"
                          r"absent|present|neg|pos)\b")

Bounds = tuple[float | None, float | None]


def set_aside_unaccounted(report: ReadReport, lines: list[str]) -> None:
    """Move each result of `report` that the page (`lines`, decimal marks already put right) holds
    unaccounted-for figures about to "not read" (its line as printed, scrubbed)."""
    unread = _unread_ranges(report.lines, lines, report.not_read)
    unread_words = _unread_result_words(report.lines, lines)
    range_first = cache(lambda: any(_range_before_value(line) for line in lines))  # read only when needed
    kept: list[ReportLine] = []
    for result in report.lines:
        printed = _own_line(result, lines)
        if (unread and not has_range(result)) or (printed is not None and _left_over(result, printed[1])) \
                or (unread_words and result.value is None and not has_range(result)) or _cannot_be_right(result) \
                or _RANGE_IN_NAME.search(result.printed_name) \
                or (printed is not None and _words_value_first(result, printed[1]) and range_first()):
            text = printed[0] if printed else as_printed(result)
            if result.flag and result.flag not in text:  # a critical mark still makes the answer urgent
                text += f" {result.flag}"
            text = scrub(text)
            if text and text not in report.not_read:
                report.not_read.append(text)
            continue
        kept.append(result)
    report.lines = kept


def _cannot_be_right(result: ReportLine) -> bool:
    """A result whose pieces cannot belong together, as when one was taken from a neighbouring row:
    its printed flag contradicts its value against its range (`flag_disagrees`; not on a bound), or,
    for a catalogue test, no unit for a measured test (as `anywhere` asks of any text), a unit it is
    never reported in, a range far from its usual one or a value far outside a narrow band
    (`lab_catalogue.implausible`; a unit spelled as no catalogue test lists it tells nothing)."""
    # a value on a bound may be one rounded from just outside it ("140 L" beside 140-400)
    if result.flag and flag_disagrees(result) and result.value not in (result.range_low, result.range_high):
        return True
    test = builtin_catalogue().match(result.printed_name)
    if test is None or result.value is None or (result.unit and normalise_unit(result.unit) not in _catalogue_units()):
        return False  # a unit spelled as no test lists it ("Thousand/uL") tells nothing
    return implausible(test, result.value, result.unit, result.range_low, result.range_high) is not None


@cache
def _catalogue_units() -> frozenset[str]:
    """Every unit some catalogue test is reported in, normalised."""
    return frozenset(normalise_unit(unit) for test in builtin_catalogue() for unit in (test.unit, *(c.unit for c in test.units))
                     if unit)


def page_ranges(lines: list[str]) -> Counter[Bounds]:
    """Every range and limit printed on the page, as (low, high) bounds: "3.5-5.1", "<200", ">= 60"."""
    found: Counter[Bounds] = Counter()
    for line in lines:
        if identifies_someone(line):
            continue
        for token in tokenize(_CELL_COMMA.sub(" ", line)):
            groups = token.match.groupdict()
            if token.kind == "range":
                found[(_number(groups["lo"]), _number(groups["hi"]))] += 1
            elif token.kind == "cmp":
                found[_limit(op_symbol(groups["op"]), _number(groups["num"]))] += 1
    return found


def _unread_ranges(results: list[ReportLine], lines: list[str], not_read: list[str]) -> bool:
    """Does the page print a range or limit that no result read carries (nor any value printed
    as a limit, "<0.1", ">90"), nor a line not read that names one test and prints one range?"""
    left = page_ranges(lines)
    for line in not_read:
        own = page_ranges([line])
        first = re.search(r"[\d<>≤≥(\[]", line)
        if sum(own.values()) == 1 and first and builtin_catalogue().match(line[: first.start()].strip(" :\t|")):
            left.subtract(own)
    for result in results:
        if has_range(result):
            left[(result.range_low, result.range_high)] -= 1
        if result.value is not None and result.value_text[:1] in "<>":
            left[_limit(result.value_text, result.value)] -= 1
    return any(count > 0 for count in left.values())


# a range standing as a word of its own inside a test's name ("Bicarbonate 22-29"): a range column
# read into the name, never part of a name ("25-OH", "1,25-Dihydroxy" are words of names)
_RANGE_IN_NAME = re.compile(r"(?<!\S)[<>(\[]?\d+(?:\.\d+)?\s*[-–]\s*\d+(?:\.\d+)?[)\]]?(?!\S)")


def _range_before_value(line: str) -> bool:
    """A row printing its range before its value ("Bicarbonate   22-29   26   mmol/l"): the first
    figures after the name are a range, and a number follows."""
    if identifies_someone(undated(line) or line):
        return False
    tokens = tokenize(undated(line) or line)
    figures = [t for t in tokens if t.kind in ("range", "cmp", "num")]
    if len(figures) < 2 or figures[0].kind != "range" or figures[1].kind != "num" or tokens[0].kind != "word":
        return False
    bounds = figures[0].match.groupdict()  # a code such as LOINC's "2951-2" is no range: its ends fall
    return _number(bounds["lo"]) < _number(bounds["hi"])


def _words_value_first(result: ReportLine, rest: str) -> bool:
    """A result in words read with a range in words, its value printed before its range -- on a
    page whose rows print the range first, the two were read the wrong way round."""
    if result.value is not None or not result.range_text:
        return False
    words = [m.group(0).lower() for m in _RESULT_WORD.finditer(rest)]
    value, range_word = result.value_text.lower(), result.range_text.strip("()[] ").lower()
    return value != range_word and value in words and range_word in words and words.index(value) < len(words) - 1 - words[::-1].index(range_word)


def _result_words(text: str) -> Counter[str]:
    return Counter(" ".join(m.group(0).lower().split()) for m in _RESULT_WORD.finditer(text))


def _unread_result_words(results: list[ReportLine], lines: list[str]) -> bool:
    """Does the page print a result word ("Negative", "Trace") that no result read carries as its
    value or range? Then a result in words read without a range may have lost it there (a web
    page's table copied one cell a line, the empty unit cell a blank line between value and range)."""
    left = _result_words("\n".join(line for line in lines if not identifies_someone(line)))
    for result in results:
        left.subtract(_result_words(f"{result.value_text if result.value is None else ''} {result.range_text or ''}"))
    return any(count > 0 for count in left.values())


def _own_line(result: ReportLine, lines: list[str]) -> tuple[str, str] | None:
    """The one page line printing the result's name with its value after it: (the line, what
    follows the name); None when no line, or more than one, does."""
    name, value = result.printed_name.lower(), result.value_text.lower()
    found = []
    for line in lines:
        at = line.lower().find(name)
        if at >= 0 and value in line.lower()[at + len(name):]:
            found.append((line, line[at + len(name):]))
    return found[0] if len(found) == 1 else None


def _left_over(result: ReportLine, rest: str) -> bool:
    """Does the rest of a result's line hold something its read did not take: another figure, for a
    number read without a range; another result word after it, for a result in words, that is not
    the range read?"""
    rest = _CELL_COMMA.sub(" ", rest)
    at = rest.lower().find(result.value_text.lower())
    if at < 0:  # the value's own commas were taken for cell marks: nothing to judge by
        return False
    rest = rest[:at] + " " + rest[at + len(result.value_text):]
    if result.value is None:
        words = [m.group(0).lower() for m in _RESULT_WORD.finditer(rest)]
        return bool(words) and words[-1] != (result.range_text or "").strip("()[] ").lower()
    if has_range(result):
        return False
    if result.unit:
        rest = rest.replace(result.unit, " ", 1)
    return _FIGURE.search(undated(rest) or rest) is not None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _limit(op: str, number: float) -> Bounds:
    return (None, number) if op[:1] in "<≤" else (number, None)
