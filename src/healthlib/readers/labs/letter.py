"""Results a GP's letter gives in sentences: "Your potassium was 5.1 mmol/L (normal range 3.5 to 5.3)."

A sentence is read only when it holds exactly one result: "Your <test> was <value> <unit> (<range>)."
where the test is one catalogue test, the value a number with a unit the catalogue knows for that
test (or, for a test read in words such as urine protein, a word and no unit), and the brackets hold
the report's range alone ("normal range 22 to 29", "normal is below 41", "normal <200", "60 or
above", "0.8 to 1.2", "normal: Negative"). Sentences wrap across the letter's lines, so the lines are read as one text; a
line is rewritten only when every word on it belongs to such sentences, each becoming one result line
("name   value   unit   range") for the text reader. A sentence that has the shape but not the facts
(a test the catalogue does not hold, a unit the test is never reported in, a value it cannot have)
goes to "not read"; every other line -- prose, a sentence half on a line of prose -- is left as it was.
"""

from __future__ import annotations

import re

from healthlib.model.lab_catalogue import implausible
from healthlib.readers.labfiles.image import UNSURE

from .catalogue import builtin_catalogue
from .columns import AMBIGUOUS, COLUMN_GAP

_NUMBER = r"\d+(?:\.\d+)?"
_SENTENCE = re.compile(
    r"\bYour\s+(?P<name>[A-Za-z0-9][A-Za-z0-9\s,\-()]{0,40}?)\s+(?:was|were|is|came\s+back\s+as|came\s+back\s+at)\s+"
    rf"(?P<value>[<>]?{_NUMBER}|[Nn]ot\s+detected|[A-Za-z]+)(?:\s+(?P<unit>[^\s()]+))?\s*\((?P<range>[^()]{{1,60}})\)\s*\.",
)
# the range in a sentence of its own after the result's, as a chat assistant or a portal tells it: "Your
# Sodium was 81 mmol/L. The normal range is 136 to 145 mmol/L, so it is flagged Low." (the range's unit
# is the value's; what the sentence says of the result is its flag)
_TOLD = re.compile(
    r"\bYour\s+(?P<name>[A-Za-z0-9][A-Za-z0-9\s,\-()]{0,40}?)\s+(?:was|were|is|came\s+back\s+as|came\s+back\s+at)\s+"
    rf"(?P<value>[<>]?{_NUMBER}|[Nn]ot\s+detected|[A-Za-z]+)(?:\s+(?P<unit>[^\s()]+?))?\s*\.\s+"
    r"(?i:the\s+|your\s+)?(?i:normal|reference|usual|healthy|expected)\s+(?i:range|interval|value|result)\s+(?:is|was)\s+"
    r"(?P<range>[^,;()]{1,60}?)(?:\s*,\s*(?:so|which\s+means|and)\s+(?:it\s+is|it's|this\s+is|that\s+is)\s+"
    r"(?P<verdict>[^.,;]{1,40}?)|\s*,\s*which\s+is\s+(?P<which>[^.,;]{1,40}?))?\s*\.(?=\s|$)",
)
# what such a sentence says of its result: a flag ("flagged Low", "high"), a side of the range ("above
# the normal range": high), or inside its range (no flag); any other verdict is not guessed at
_FLAGGED = re.compile(r"(?i)^(?:flagged\s+(?:as\s+)?)?((?:critical\s+)?(?:high|low)|abnormal|critical)$")
_SIDE = re.compile(r"(?i)^(?:(above|higher\s+than|over)|(below|lower\s+than|under))\s+(?:the\s+)?"
                   r"(?:normal|reference|healthy)\s+range$")
_INSIDE = re.compile(r"(?i)^(?:in|within|inside)\s+(?:the\s+)?(?:normal|reference|healthy)\s+(?:range|limits)$|^normal$")
# a result sentence whose bracket OCR could not finish ("Your CRP was 2 mg/L (normal is below ⁇"): it
# can only go to "not read", but it is a sentence, not prose, so the sentences around it are read
_UNSURE_SENTENCE = re.compile(
    r"\bYour\s+[A-Za-z0-9][A-Za-z0-9 ,\-]{0,40}?\s+(?:was|were|is|came\s+back\s+as|came\s+back\s+at)\s+"
    rf"[^()\n{UNSURE}]{{1,30}}\([^(){UNSURE}]{{0,60}}{UNSURE}+(?:\s*\)\s*\.?)?",
)
# the words before the range inside the brackets
_RANGE_LABEL = re.compile(r"^(?:the\s+)?(?:normal|reference|usual|healthy)?\s*(?:range|is)?\s*:?\s*", re.IGNORECASE)
_RANGE = re.compile(rf"^(?:{_NUMBER}\s*(?:to|-|–)\s*{_NUMBER}|(?:below|under|less\s+than|above|over|more\s+than|"
                    rf"greater\s+than|up\s+to)\s+{_NUMBER}|(?:[<>]=?|≤|≥|=<|=>)\s*{_NUMBER}|negative|positive|not\s+detected|"
                    rf"nil)$", re.IGNORECASE)
# a limit written after its number ("60 or above", "200 or less"), put as the sign before it
_LIMIT_AFTER = re.compile(rf"^({_NUMBER})\s+or\s+(?:(above|more|higher|over|greater)|(below|less|lower|under))$", re.IGNORECASE)


def _limit_first(rng: str) -> str:
    """"60 or above" as ">=60", "200 or less" as "<=200"; any other range as it is."""
    found = _LIMIT_AFTER.match(rng)
    return rng if found is None else (">=" if found.group(2) else "<=") + found.group(1)


def _fits(test, value: str, unit: str | None) -> bool:
    """A value and unit the test can have: a word and no unit for a test read in words; else a number,
    in a unit the catalogue knows for the test (none for a ratio such as the INR), and plausible."""
    numeric = re.fullmatch(rf"[<>]?{_NUMBER}", value) is not None
    if test.kind == "qualitative":
        return not numeric and not unit
    if not numeric or (unit is None) != (test.unit == "ratio"):
        return False
    if unit is not None and not test.knows_unit(unit) and test.to_canonical(1.0, unit) is None:
        return False
    return not implausible(test, float(value.lstrip("<>")), unit, None, None)


def _result_line(match: re.Match) -> str:
    """The sentence as a result line, or AMBIGUOUS-marked when its facts do not hold."""
    name, value, unit = " ".join(match.group("name").split()), match.group("value"), match.group("unit")
    rng = _limit_first(_RANGE_LABEL.sub("", " ".join(match.group("range").split())))
    refused = AMBIGUOUS + " ".join(match.group(0).split())
    flag = ""
    if "verdict" in match.re.groupindex:  # the range's own sentence: its unit is the value's, its verdict the flag
        if unit and rng.lower().endswith(" " + unit.lower()):
            rng = rng[: -len(unit) - 1].rstrip()
        verdict = " ".join((match.group("verdict") or match.group("which") or "").split())
        flagged, side = _FLAGGED.match(verdict), _SIDE.match(verdict)
        if verdict and not flagged and not side and not _INSIDE.match(verdict):
            return refused
        flag = flagged.group(1).title() if flagged else ("High" if side.group(1) else "Low") if side else ""
    test = builtin_catalogue().match(name)
    if test is None or not _RANGE.match(rng):
        return refused
    if not _fits(test, value, unit):
        return refused
    name = name[0].upper() + name[1:]  # a letter lower-cases the name inside its sentence
    return COLUMN_GAP.join(p for p in (name, value, flag, unit or "", rng) if p)


def read_letter(lines: list[str]) -> list[str]:
    """Lines made only of result sentences rewritten one result a line; others unchanged."""
    starts, text = [], ""
    for line in lines:
        starts.append(len(text))
        text += line + "\n"
    if "Your " not in text:
        return lines
    spans = [(m.start(), m.end(), m) for m in _SENTENCE.finditer(text)]
    spans += [(m.start(), m.end(), m) for m in _TOLD.finditer(text) if not any(a < m.end() and m.start() < b
                                                                           for a, b, _ in spans)]
    spans += [(m.start(), m.end(), None) for m in _UNSURE_SENTENCE.finditer(text)
              if not any(a <= m.start() < b for a, b, _ in spans)]
    spans.sort(key=lambda span: span[0])
    if not spans or all(match is None for _, _, match in spans):
        return lines

    def line_of(offset: int) -> int:
        return max(i for i, s in enumerate(starts) if s <= offset)

    def covered(i: int, kept: list) -> bool:
        end = starts[i] + len(lines[i])
        rest = list(text[starts[i]:end])
        for a, b, _ in kept:
            for k in range(max(a, starts[i]), min(b, end)):
                rest[k - starts[i]] = " "
        return not "".join(rest).strip()

    kept = spans
    while True:  # a sentence sharing a line with prose is left for the other readers, and so on
        still = [s for s in kept if all(covered(i, kept) for i in range(line_of(s[0]), line_of(s[1] - 1) + 1))]
        if len(still) == len(kept):
            break
        kept = still
    if not kept:
        return lines
    results: dict[int, list[str]] = {}
    rewritten: set[int] = set()
    for a, b, match in kept:
        results.setdefault(line_of(a), []).append(
            _result_line(match) if match else AMBIGUOUS + " ".join(text[a:b].split()))
        rewritten.update(range(line_of(a), line_of(b - 1) + 1))
    out: list[str] = []
    for i, line in enumerate(lines):
        out.extend(results.get(i, []) if i in rewritten else [line])
    return out
