"""Reference ranges printed as a labelled list, settled to the one range that is the report's own.

Laboratories print some ranges as several labelled ranges, on the result's line or on the lines
under it (the range cell running on):

- by sex: "F 11.7-15.5 / M 13.2-17.1", "Male: 130-170; Female: 115-155". The range is the one for
  the sex the report prints ("Sex: F", "Gender: Male"); with no sex printed, or two that disagree,
  the result is not read;
- by age: "Age-specific:" then "40-49 y: <2.5", "50-59 y: <3.5", "70+ y: <6.5". The range is the band
  holding the age the report prints ("Age: 57"); without one, or with no band or two holding it, the
  result is not read;
- by tier: "Normal: 70-99 / Prediabetes: 100-125 / Diabetes: >=126", "Desirable <200",
  "Sufficient: 30-100 / Insufficient: 20-29 / Deficient: <20". The report's own reference range is
  its healthy tier (normal, desirable, optimal, ideal, sufficient, adequate, target); every label
  must be one this module knows and exactly one healthy, else the result is not read.

A range printed as its two limits, each named, in the line's last cell ("Low: 3.5 High: 5.1",
"Low: 60", "High: 200", "Min 3.5 / Max 5.1") is the range those limits make ("3.5-5.1", ">=60",
"<=200"): `named_limits`.

Ranges printed apart from the results, in a list under a heading of their own ("REFERENCE RANGES",
then "K  3.5-5.1" a line, as point-of-care analysers print them) are each given to the one result
row above that starts with the same name: `ranges_listed_apart`. A listed range no row or two rows
fit goes to "not read"; it is never read as a result of its own.

A list mixing kinds, or anything not settled for certain, sends the result (with its range lines)
to "not read" -- never a guess at which range applies. The settled line carries only the chosen
range, where the list was; the list's other lines are blanked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import AMBIGUOUS

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_RANGE = (r"[\(\[]?\s*(?:(?:>=|<=|=>|=<|≥|≤|>|<)\s*" + _NUM + r"|" + _NUM + r"\s*(?:-|–|—|to)\s*" + _NUM
          + r")\s*[\)\]]?")
_AGE_BAND = (r"(?:\d{1,3}\s*(?:-|–|to)\s*\d{1,3}|\d{1,3}\s*\+|(?:>=|<=|≥|≤|>|<)\s*\d{1,3}|"
             r"\d{1,3}\s*(?:and|&)\s*(?:over|above|older|under))")
_AGE_UNIT = r"(?:y|yr|yrs|years?|Y|YR|YRS)\b\.?"
# "50-59 y:", "70+ yrs", "Age 50-59:", "Age >=70 years"
_AGE_LABEL = (r"(?:[Aa]ge[sd]?\s*" + _AGE_BAND + r"(?:\s*" + _AGE_UNIT + r")?|" + _AGE_BAND + r"\s*" + _AGE_UNIT
              + r")\s*:?")
_SEX_LABEL = r"(?i:(?:adult\s+)?(?:males?|females?|men|women|man|woman)|m|f)\b\s*:?"
# a tier's label before a colon: a few words, maybe a bracketed note ("Low (risk factor):")
_COLON_LABEL = r"[A-Za-z][A-Za-z'\-]*(?:\s+[A-Za-z][A-Za-z'\-]*){0,3}(?:\s*\([A-Za-z ]{1,24}\))?\s*:"

HEALTHY_TIERS = {"normal", "desirable", "optimal", "ideal", "sufficient", "sufficiency", "adequate", "target",
                 "healthy", "recommended", "non-diabetic", "non diabetic"}
OTHER_TIERS = {
    "borderline", "borderline high", "borderline low", "borderline-high", "high", "very high", "low", "very low",
    "near optimal", "near optimal/above optimal", "above optimal", "near or above optimal", "prediabetes",
    "pre-diabetes", "prediabetic", "pre-diabetic", "diabetes", "diabetic", "impaired", "impaired fasting glucose",
    "impaired fasting", "insufficient", "insufficiency", "deficient", "deficiency", "severe deficiency",
    "raised", "elevated", "toxic", "toxicity", "possible toxicity", "potential toxicity", "excess",
    "low (risk factor)", "high risk", "increased risk", "at risk", "intermediate", "moderate", "severe",
    "abnormal", "undesirable", "risk", "suboptimal", "sub-optimal", "inadequate"}
# labels that introduce the one range printed, not a tier of several ("Reference range: 3.5-5.1")
_INTRO = {"normal range", "reference range", "reference interval", "ref range", "ref. range", "ref", "ref.",
          "range", "standard range", "expected", "reference", "ref interval", "normal values", "result", "value",
          "your value", "results", "reference ranges"}
# without a colon, a flag word before a range ("5.9 High 3.5-5.1") is the result's flag, never a tier
_FLAG_WORDS = {"high", "low", "abnormal", "very high", "very low", "elevated", "raised", "severe", "moderate"}
_VOCAB = r"|".join(sorted((re.escape(t) for t in HEALTHY_TIERS | OTHER_TIERS - _FLAG_WORDS), key=len, reverse=True))
_LABEL = (r"(?P<label>" + _AGE_LABEL + r"|" + _SEX_LABEL + r"|" + _COLON_LABEL + r"|(?i:" + _VOCAB + r")\b\s*:?)")
_ITEM = re.compile(r"\s*(?:[/;,|]\s*)?[\(\[]?" + _LABEL + r"\s*(?P<range>" + _RANGE + r")(?=\s|$|[/;,|])")
# a range cell that says its ranges follow on the lines under it
_PLACEHOLDER = re.compile(r"(?i)\s(?:(?:age|sex|gender)[\s-]*(?:specific|dependent|related|adjusted)|see\s+below)"
                          r"\s*(?:ranges?)?\s*:?\s*$")
_TRAILING_FLAG = re.compile(r"^\s*(?:HH|LL|HI|LO|H|L|A|High|HIGH|Low|LOW|Abnormal|ABNORMAL|\*{1,2}|[▲▼↑↓]{1,2})?\s*$")

_SEX_PRINTED = re.compile(r"(?i)\b(?:sex|gender)\s*(?:/\s*age)?\s*[:=]?\s*(male|female|m|f)\b")
_AGE_PRINTED = re.compile(r"(?i)\bage\s*[:=]\s*(\d{1,3})\b(?!\s*[-–/.]\s*\d)|\bage\s+(\d{1,3})\s*(?:y|yrs?|years?)?\b"
                          r"(?!\s*[-–/.]\s*\d)")
_SEX_AGE_PRINTED = re.compile(r"(?i)\bsex\s*/\s*age\s*[:=]?\s*([mf])\s*/\s*(\d{1,3})\b")
_AGE_SEX_PRINTED = re.compile(r"(?i)\bage\s*/\s*sex\s*[:=]?\s*(\d{1,3})\s*(?:y|yrs?|years?)?\s*/\s*([mf])\b")


@dataclass(frozen=True)
class Patient:
    """What the report prints about the person that decides which range applies (never output)."""
    sex: str | None  # "M" or "F", only when printed once or always the same
    age: int | None


def patient_of(lines: list[str]) -> Patient:
    """The sex and age the report prints ("Sex: F", "Gender: Male", "Age: 57", "Sex/Age: F/57");
    None for either when it is not printed or printed two different ways."""
    sexes, ages = set(), set()
    for line in lines:
        for m in _SEX_AGE_PRINTED.finditer(line):
            sexes.add(m.group(1).upper())
            ages.add(int(m.group(2)))
        for m in _AGE_SEX_PRINTED.finditer(line):
            ages.add(int(m.group(1)))
            sexes.add(m.group(2).upper())
        for m in _SEX_PRINTED.finditer(line):
            sexes.add(m.group(1)[0].upper())
        for m in _AGE_PRINTED.finditer(line):
            ages.add(int(m.group(1) or m.group(2)))
    return Patient(sex=sexes.pop() if len(sexes) == 1 else None, age=ages.pop() if len(ages) == 1 else None)


def _norm(label: str) -> str:
    return " ".join(label.lower().rstrip(":").strip().rstrip(".").split())


def _kind(label: str) -> str:
    if re.fullmatch(_AGE_LABEL, label.strip()):
        return "age"
    if re.fullmatch(_SEX_LABEL, label.strip()):
        return "sex"
    return "tier"


def _items_from(line: str, start: int) -> tuple[list[tuple[str, str]], int] | None:
    """Labelled ranges from `start` to the line's end (a flag may follow them): ([(label, range)], where
    they end), or None."""
    items, pos = [], start
    while True:
        m = _ITEM.match(line, pos)
        if m is None:
            break
        if _norm(m.group("label")) in _INTRO:
            return None
        items.append((m.group("label"), m.group("range")))
        pos = m.end()
    if not items or not _TRAILING_FLAG.match(line[pos:]):
        return None
    return items, pos


def _first_run(line: str) -> tuple[int, list[tuple[str, str]], int] | None:
    """The labelled ranges ending a result line: (where they start, items, where they end). Of the
    places a run could start, the one whose first label is the longest known label, else the latest
    (so a flag or unit before the list is never taken into its first label)."""
    runs = []
    for m in re.finditer(r"(?:^|(?<=\s))\S", line):
        found = _items_from(line, m.start())
        if found is not None and re.search(r"[^\W\d_]", line[: m.start()]):  # a name before it
            runs.append((m.start(), *found))
    if not runs:
        return None
    known = [r for r in runs if _kind(r[1][0][0]) != "tier" or _norm(r[1][0][0]) in HEALTHY_TIERS | OTHER_TIERS]
    return known[0] if known else runs[-1]


def _settle(items: list[tuple[str, str]], patient: Patient) -> str | None:
    """The one range that applies, or None when it cannot be told for certain."""
    kinds = {_kind(label) for label, _ in items}
    if len(kinds) != 1:
        return None
    kind = kinds.pop()
    if kind == "sex":
        if patient.sex is None:
            return None
        chosen = [rng for label, rng in items if _sex_of(label) == patient.sex]
    elif kind == "age":
        if patient.age is None:
            return None
        chosen = [rng for label, rng in items if _age_holds(label, patient.age)]
    else:
        labels = [_norm(label) for label, _ in items]
        if any(label not in HEALTHY_TIERS | OTHER_TIERS for label in labels):
            return None
        chosen = [rng for label, rng in items if _norm(label) in HEALTHY_TIERS]
    return chosen[0].strip().strip("()[] ") if len(chosen) == 1 else None  # a list in brackets: "(Desirable <200)"


def _sex_of(label: str) -> str:
    words = _norm(label).split()
    return "F" if words[-1] in ("f", "female", "females", "woman", "women") else "M"


def _age_holds(label: str, age: int) -> bool:
    text = label.lower()
    if m := re.search(r"(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})", text):
        return int(m.group(1)) <= age <= int(m.group(2))
    if m := re.search(r"(\d{1,3})\s*(?:\+|(?:and|&)\s*(?:over|above|older))", text):
        return age >= int(m.group(1))
    if m := re.search(r"(\d{1,3})\s*(?:and|&)\s*under", text):
        return age <= int(m.group(1))
    if m := re.search(r"(>=|<=|≥|≤|>|<)\s*(\d{1,3})", text):
        op, bound = m.group(1), int(m.group(2))
        return {">=": age >= bound, "≥": age >= bound, "<=": age <= bound, "≤": age <= bound,
                ">": age > bound, "<": age < bound}[op]
    return False


_LOWER = r"(?:Low|LOW|Lower(?:\s+limit)?|LOWER(?:\s+LIMIT)?|Min(?:imum)?|MIN(?:IMUM)?)"
_UPPER = r"(?:High|HIGH|Upper(?:\s+limit)?|UPPER(?:\s+LIMIT)?|Max(?:imum)?|MAX(?:IMUM)?)"
_LIMIT = r"\s*[:=]?\s*(" + _NUM + r")"
_LIMIT_SAID = r"\s*[:=]\s*(" + _NUM + r")"  # one limit alone must be named with a colon: "High 200" may be a flag
# the last cell of a line holding only named limits: after a column gap, to the line's end
_NAMED_LIMITS = re.compile(r"(?:(?<=\s\s)|(?<=\t)|(?<=\|))\s*(?:" + _LOWER + _LIMIT + r"\s*[/,;]?\s*" + _UPPER + _LIMIT
                           + r"|" + _LOWER + _LIMIT_SAID + r"|" + _UPPER + _LIMIT_SAID + r")\s*$")


_LIST_HEADING = re.compile(r"(?i)^\s*(?:reference|normal|ref\.?)\s+(?:ranges?|intervals?|values)\s*:?\s*$")
_LISTED_RANGE = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9,\-/() ]{0,30}?)\s*[:=]?\s+(?P<range>" + _RANGE + r")\s*$")


def ranges_listed_apart(lines: list[str]) -> list[str]:
    """Each range of a list printed under its own heading appended to the one row above that starts
    with its test's name; the list's lines blanked, or "not read" (`AMBIGUOUS`) when no row or two fit."""
    out = list(lines)
    for i, line in enumerate(lines):
        if not _LIST_HEADING.match(line):
            continue
        out[i] = ""
        for j in range(i + 1, len(lines)):
            listed = _LISTED_RANGE.match(lines[j])
            if listed is None:
                break
            name = re.escape(listed.group("name").strip())
            row = re.compile(r"^\s*" + name + r"\s*[:=]?\s+[<>]?\s*\d")
            rows = [k for k in range(i) if row.match(out[k]) and not out[k].startswith(AMBIGUOUS)]
            if len(rows) == 1:
                out[rows[0]] = out[rows[0]].rstrip() + "   " + listed.group("range").strip()
                out[j] = ""
            else:
                out[j] = AMBIGUOUS + lines[j].strip()
    return out


def named_limits(line: str) -> str:
    """A line whose last cell names its limits ("Low: 3.5 High: 5.1") with that cell as a range."""
    found = _NAMED_LIMITS.search(line)
    if found is None:
        return line
    low, high, only_low, only_high = found.groups()
    rng = f"{low}-{high}" if low else f">={only_low}" if only_low else f"<={only_high}"
    return line[:found.start()].rstrip() + "   " + rng


def settle_ranges(lines: list[str], patient: Patient) -> list[str]:
    """Result lines whose range is a labelled list (on the line, and on the lines under it that hold
    only labelled ranges), or a placeholder ("Age-specific:") with the list under it, rewritten with
    the one range that applies; lines that cannot be settled go to "not read" (`AMBIGUOUS`). A range
    given as named limits is first written as the range it is (`named_limits`), and a range listed
    apart from its result is first put on its result's row (`ranges_listed_apart`)."""
    lines = ranges_listed_apart([named_limits(line) for line in lines])
    out = list(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        placeholder = _PLACEHOLDER.search(line)
        run = None if placeholder else _first_run(line)
        if placeholder is None and run is None:
            i += 1
            continue
        start, items, end = (placeholder.start(), [], placeholder.end()) if placeholder else run
        j = i + 1
        while j < len(lines) and lines[j].strip():
            more = _items_from(lines[j], len(lines[j]) - len(lines[j].lstrip()))
            if more is None or more[1] < len(lines[j].rstrip()):
                break
            items += more[0]
            j += 1
        if not items or (placeholder is None and j == i + 1 and len(items) == 1 and _kind(items[0][0]) == "tier"
                         and _norm(items[0][0]) not in HEALTHY_TIERS | OTHER_TIERS):
            i = j  # one range under a label this module does not know: left to the reader as printed
            continue
        chosen = _settle(items, patient)
        if chosen is None:
            out[i] = AMBIGUOUS + " ".join(x.strip() for x in lines[i:j])
        else:
            out[i] = line[:start].rstrip() + "   " + chosen + "   " + line[end:].strip()
        for k in range(i + 1, j):
            out[k] = ""
        i = j
    return out
