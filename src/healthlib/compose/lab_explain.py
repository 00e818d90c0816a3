"""Explain a lab report: each result's status, by how much it is outside its range, what that
can mean in plain words, what to ask the doctor, and critical values first.

Rules, in order of weight:
- The report's own range decides the status; then the report's own flag (H, L, HH, LL); only
  when the report gives neither is the catalogue's typical adult range used, converted exactly
  into the report's unit and labelled as coming from the catalogue.
- A critical value (a catalogue threshold, converted into the report's unit, or a flag the
  report marks as critical) makes the result critical and the answer urgent, with "get
  medical help now / today" said first and cited.
- What cannot be matched or converted exactly is "unknown", never guessed. (One safety net: a
  line that lost its unit is still checked for critical values when its printed range fits
  exactly one of the test's units.)
- "A little" outside means by no more than a quarter of the range's width and no more than a
  fifth of the limit crossed (for a range with one end, such as "< 200", by no more than a
  quarter of that limit); beyond that it is "well" outside.
- Never a diagnosis, never a change of medicine or dose.
"""

from __future__ import annotations

import re
from typing import Literal

from healthlib.model.lab_catalogue import LabCatalogue
from healthlib.model.lab_report import (
    ExplainedResult,
    LabExplanation,
    LabSource,
    ReadReport,
    ReportLine,
    Status,
)
from healthlib.model.lab_units import normalise_unit
from healthlib.model.labtest import CriticalValue, LabTest
from healthlib.model.text import merge_cites

A_LITTLE = 0.25  # share of the range's width (or of a one-sided limit) that is "a little"
A_LITTLE_OF_LIMIT = 0.20  # and, for a two-sided range, share of the limit crossed

DISCLAIMER = (
    "This explains your results in general terms. It is not a diagnosis. Do not start, stop or "
    "change any medicine or dose because of it. Your doctor knows your health and can tell you "
    "what your results mean for you. Reading a report can go wrong, so check each number, unit "
    "and range here against your report."
)

URGENT_NOW = ("Get medical help now. {why} Call your doctor straight away, or call your local "
              "emergency number or go to an emergency department if you cannot reach them.")
URGENT_TODAY = "Contact your doctor or the lab today, even if you feel well. {why}"
URGENT_FLAG = ("Your report marks this result as critical. Contact your doctor or the lab today, "
               "even if you feel well. Get help now if you feel very unwell.")
URGENT_NOT_READ = ("Your report marks a result as critical, but we could not read that line clearly: "
                   "\"{line}\". Contact your doctor or the lab today, even if you feel well. Get help now "
                   "if you feel very unwell.")
ALREADY_SEEN = "If your doctor has already talked with you about this result, follow their advice."

# A star beside one letter ("H*", "*L") marks a result outside its range in many lab systems, so it
# is high or low; a doubled letter, "C", "PANIC" or a doubled arrow marks a critical value.
_FLAG_HIGH = {"H", "HI", "HIGH", "+", "↑", "▲", "A H", "AH", ">", "H*", "*H"}
_FLAG_LOW = {"L", "LO", "LOW", "-", "↓", "▼", "A L", "AL", "<", "L*", "*L"}
_FLAG_CRIT_HIGH = {"HH", "CH", "!H", "H!", "HH*", "CRIT H", "CRITICAL HIGH",
                   "HIGH CRITICAL", "PANIC HIGH", "PANIC HI", "H CRIT", "C H", "↑↑", "▲▲"}
_FLAG_CRIT_LOW = {"LL", "CL", "!L", "L!", "LL*", "CRIT L", "CRITICAL LOW",
                  "LOW CRITICAL", "PANIC LOW", "PANIC LO", "L CRIT", "C L", "↓↓", "▼▼"}
_FLAG_NORMAL = {"N", "NORMAL", "NORM"}

_ORDER: dict[Status, int] = {"critical-high": 0, "critical-low": 0, "high": 1, "low": 1,
                             "unknown": 2, "normal": 3}


def explain_report(read: ReadReport, catalogue: LabCatalogue,
                   library_slugs: set[str] | None = None) -> LabExplanation:
    """Every result of `read`, explained; critical results first, then out-of-range, then
    unknown, then normal. `library_slugs`, when given, limits related guides to that library.
    The catalogue comes from the caller (`library.labs.explain_lab_report` passes the built-in
    one), so the composer never reaches into the readers."""
    explained: list[tuple[int, int, ExplainedResult]] = []
    for index, line in enumerate(read.lines):
        result, act = _explain_line(line, catalogue, library_slugs)
        rank = _ORDER[result.status] * 2 + (0 if act == "now" else 1)
        explained.append((rank, index, result))
    explained.sort(key=lambda item: (item[0], item[1]))
    results = [r for _, _, r in explained]
    urgent = [r for r in results if r.urgent_message]
    cited = merge_cites(*(r.citations for r in results))
    sources = [_lab_source(catalogue, source_id) for source_id in cited]
    # a line the reader could not read but that the report itself marks critical ("HH", "LL",
    # "CRITICAL"): its number is unknown, its warning is not
    marked = next((line for line in read.not_read if _marks_critical(line)), None)
    return LabExplanation(
        results=results,
        not_read=list(read.not_read),
        urgent=bool(urgent) or marked is not None,
        urgent_message=(f"{urgent[0].display_name or urgent[0].name} {urgent[0].value_text}"
                        f"{' ' + urgent[0].unit if urgent[0].unit else ''}: {urgent[0].urgent_message}"
                        if urgent else URGENT_NOT_READ.format(line=marked) if marked else None),
        sources=[s for s in sources if s is not None],
        disclaimer=DISCLAIMER,
    )


_CRITICAL_WORDS = {"CRIT", "CRITICAL", "PANIC"}
# labs print the doubled letters in capitals; OCR makes "ll" of a URL's or a rule's strokes
_CRITICAL_LETTERS = {"HH", "LL"}
_CRITICAL_SIGNS = {"!!", "↑↑", "↓↓"}  # marks made of signs alone, as some labs print a critical value


def _marks_critical(line: str) -> bool:
    """Does a line the reader could not read carry the report's own critical flag as a word?"""
    return any(word.strip("()[]*!:,.").upper() in _CRITICAL_WORDS or word.strip("()[]*!:,.") in _CRITICAL_LETTERS
               or word.strip("()[]*") in _CRITICAL_SIGNS for word in line.split())


def match_line(line: ReportLine, catalogue: LabCatalogue) -> LabTest | None:
    """The catalogue test for a report line. A word result ("Negative") under a blood-test name
    ("Glucose", "Protein", "Blood") is the urine dipstick test of that name."""
    test = catalogue.match(line.printed_name)
    if line.value is None and (test is None or test.kind == "quantitative"):
        urine = catalogue.match(f"urine {line.printed_name}")
        if urine is not None and urine.kind == "qualitative":
            return urine
    return test


# --- one line ------------------------------------------------------------------------------


def _explain_line(line: ReportLine, catalogue: LabCatalogue,
                  library_slugs: set[str] | None) -> tuple[ExplainedResult, str | None]:
    test = match_line(line, catalogue)
    judged = _judge(line, test)
    parts: list[str] = [judged.sentence]
    cites: list[list[str]] = []
    if test is None:
        parts.append("This test is not in our list, so we cannot say more about it. "
                     "Ask your doctor what it means for you.")
    else:
        parts.append(test.measures.text)
        cites.append(test.measures.cite)
        meaning = None
        if judged.status in ("high", "critical-high"):
            meaning = test.high
        elif judged.status in ("low", "critical-low"):
            meaning = test.low
        if meaning is not None:
            parts.append(meaning.text)
            cites.append(meaning.cite)
        if judged.status != "normal":
            for fact in test.affected_by:
                parts.append(fact.text)
                cites.append(fact.cite)
        if judged.range_cite:
            cites.append(judged.range_cite)
    urgent_message = None
    if judged.critical is not None:
        template = URGENT_NOW if judged.critical.act == "now" else URGENT_TODAY
        urgent_message = f"{template.format(why=judged.critical.text)} {ALREADY_SEEN}"
        cites.insert(0, judged.critical.cite)
    elif judged.status in ("critical-high", "critical-low"):
        urgent_message = f"{URGENT_FLAG} {ALREADY_SEEN}"
    related = list(test.related_guides) if test is not None else []
    if library_slugs is not None:
        related = [slug for slug in related if slug in library_slugs]
    result = ExplainedResult(
        test=test.id if test else None,
        name=line.printed_name,
        display_name=test.name if test else None,
        loinc=test.loinc_for(line.unit) if test else None,
        value=line.value,
        value_text=line.value_text,
        unit=line.unit,
        range=judged.range_text,
        range_from=judged.range_from,
        status=judged.status,
        explanation=" ".join(p.strip() for p in parts if p and p.strip()),
        # a usual result needs no questions; anything else gets the entry's questions
        ask_doctor=list(test.ask_doctor) if test and judged.status != "normal" else [],
        urgent_message=urgent_message,
        citations=merge_cites(*cites),
        related_guides=related,
    )
    return result, judged.critical.act if judged.critical else None


class _Judged:
    def __init__(self) -> None:
        self.status: Status = "unknown"
        self.range_text: str | None = None
        self.range_from: Literal["report", "catalogue", "none"] = "none"
        self.range_cite: list[str] = []
        self.sentence: str = ""
        self.critical: CriticalValue | None = None


def _judge(line: ReportLine, test: LabTest | None) -> _Judged:
    j = _Judged()
    shown = _shown_value(line)
    flag = _flag_status(line.flag)
    if line.value is None:
        return _judge_words(line, test, flag, j)
    unit_known = test is not None and (line.unit is not None or normalise_unit(test.unit) == "ratio")
    low, high = line.range_low, line.range_high
    if low is not None and high is not None and low > high:
        low = high = None  # a range printed the wrong way round is not used
    if low is not None or high is not None:
        j.range_from = "report"
        j.range_text = _with_unit(line.range_text, line.unit) or _range_words(low, high, line.unit)
        j.status = _compare(line.value, low, high)
        where = "the report's range"
    elif flag is not None:
        j.status = flag
        j.range_text = _with_unit(line.range_text, line.unit)
        where = None
    elif (test is not None and test.typical_range is not None and unit_known
          and test.typical_range.applies_to(line.printed_name)):
        rng = test.typical_range
        unit = rng.unit or test.unit
        low = test.convert(rng.low, unit, line.unit) if rng.low is not None else None
        high = test.convert(rng.high, unit, line.unit) if rng.high is not None else None
        if (rng.low is None or low is not None) and (rng.high is None or high is not None):
            j.range_from = "catalogue"
            shown_range = rng.text or _range_words(low, high, line.unit)
            j.range_text = shown_range + (f" ({rng.note})" if rng.note else "")
            j.range_cite = rng.cite
            j.status = _compare(line.value, low, high)
            where = "a typical adult range from our catalogue"
        else:
            where = None
    else:
        where = None
    # the report's own "critical" flag, then the catalogue's critical values
    if flag in ("critical-high", "critical-low"):
        j.status = flag
    crit_unit = line.unit if unit_known else _unit_from_report_range(line, test)
    if test is not None and (unit_known or crit_unit is not None):
        crit = _critical(line, test, j.status, j.range_from, crit_unit)
        if crit is not None:
            j.critical = crit
            j.status = "critical-low" if crit.when == "below" else "critical-high"
    j.sentence = _status_sentence(j, shown, line.value, low, high, where, test, line.flag)
    return j


def _judge_words(line: ReportLine, test: LabTest | None, flag: Status | None,
                 j: _Judged) -> _Judged:
    """A result given in words ("Negative", "Trace", "2+")."""
    said = _fold(line.value_text)
    expected = _fold(line.range_text) if line.range_text else None
    results = test.results if test is not None else None
    normal_words = {_fold(w) for w in results.normal} if results is not None else set()
    if (expected and said == expected) or said in normal_words:
        j.status = "normal"
    elif results is not None and (said in {_fold(w) for w in results.abnormal}
                                  or re.fullmatch(r"[1-4]\+", said)):
        j.status = "high"
    elif expected and said != expected and (_fold(line.flag) in _ABNORMAL_FLAGS or (line.flag or "").strip() in ("*", "!", "!!")):
        # the report's own expected word differs and the report marks the result abnormal:
        # not the usual result, even for a test the catalogue does not know by this name
        j.status = "high"
    elif flag is not None:
        j.status = flag
    if line.range_text:
        j.range_text, j.range_from = line.range_text, "report"
    elif results is not None:
        j.range_text, j.range_from = results.normal[0], "catalogue"
    if j.status == "normal":
        j.sentence = f"Your result is {line.value_text}, which is the usual result."
    elif j.status == "high":
        j.sentence = (f"Your result is {line.value_text}. This test is usually "
                      f"{j.range_text or 'negative'}, so this result is not the usual one.")
    else:
        j.sentence = f"Your result is {line.value_text}. We cannot tell if this is the usual result."
    if j.status in ("critical-high", "critical-low"):
        j.sentence = f"Your result is {line.value_text}. The report marks it as critical."
    return j


def _unit_from_report_range(line: ReportLine, test: LabTest | None) -> str | None:
    """When a line lost its unit (a photo, a torn slip) but printed its range: the one unit of
    the test in which the catalogue's typical range sits where the report's range does (middles
    within a factor of 1.5). Used only to check critical values; None when not exactly one."""
    if test is None or test.typical_range is None or line.range_low is None or line.range_high is None:
        return None
    rng = test.typical_range
    if rng.low is None or rng.high is None:
        return None
    middle = (line.range_low + line.range_high) / 2
    fits: list[str] = []
    for unit in [test.unit, *(c.unit for c in test.units if c.convertible)]:
        low = test.convert(rng.low, rng.unit or test.unit, unit)
        high = test.convert(rng.high, rng.unit or test.unit, unit)
        if low is None or high is None or middle <= 0:
            continue
        ratio = (low + high) / 2 / middle
        same_scale = any(_close(test.convert(1.0, unit, other), 1.0) for other in fits)
        if 1 / 1.5 <= ratio <= 1.5 and not same_scale:  # mmol/L and mEq/L of potassium are one
            fits.append(unit)
    return fits[0] if len(fits) == 1 else None


def _close(a: float | None, b: float) -> bool:
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _critical(line: ReportLine, test: LabTest, status: Status, range_from: str,
              unit: str | None) -> CriticalValue | None:
    """The most urgent critical value this result reaches, if any ("now" before "today")."""
    reached: list[CriticalValue] = []
    for crit in test.critical:
        if crit.when == "above-report-range":
            if status in ("high", "critical-high") and range_from in ("report", "none"):
                reached.append(crit)
            continue
        assert crit.value is not None
        threshold = test.convert(crit.value, crit.unit or test.unit, unit)
        if threshold is None or line.value is None:
            continue
        if (crit.when == "below" and line.value < threshold) or (
                crit.when == "at-or-above" and line.value >= threshold):
            reached.append(crit)
    reached.sort(key=lambda c: 0 if c.act == "now" else 1)
    return reached[0] if reached else None


def _compare(value: float, low: float | None, high: float | None) -> Status:
    if high is not None and value > high:
        return "high"
    if low is not None and value < low:
        return "low"
    return "normal"


def _how_far(value: float, low: float | None, high: float | None) -> str:
    """'a little' or 'well', by the rule in this module's docstring."""
    if high is not None and value > high:
        limit, gap = high, value - high
    elif low is not None and value < low:
        limit, gap = low, low - value
    else:
        return ""
    if low is not None and high is not None and high > low:
        small = gap <= A_LITTLE * (high - low) and gap <= A_LITTLE_OF_LIMIT * abs(limit)
    else:
        small = gap <= A_LITTLE * abs(limit)
    return "a little" if small else "well"


def _status_sentence(j: _Judged, shown: str, value: float, low: float | None,
                     high: float | None, where: str | None, test: LabTest | None,
                     flag: str | None) -> str:
    first = f"Your result is {shown}."
    status = j.status
    base = status.removeprefix("critical-")
    if where is not None and base in ("high", "low"):
        far = _how_far(value, low, high)
        side = "above" if base == "high" else "below"
        text = f"{first} That is {far} {side} {where}, {j.range_text}."
    elif where is not None and status == "normal":
        text = f"{first} That is inside {where}, {j.range_text}."
    elif where is None and base in ("high", "low") and flag:
        text = f"{first} The report marks it as {base}."
    elif where is None and status == "normal" and flag:
        text = f"{first} The report marks it as normal."
    elif where is None and flag:
        text = (f"{first} The report marks it with \"{flag}\", but we cannot tell from that "
                "if it is high or low.")
    else:
        why = ""
        if test is not None and test.range_note is not None:
            why = " " + test.range_note.text
            j.range_cite = test.range_note.cite
        text = (f"{first} The report gives no range for it, so we cannot say if it is high or "
                f"low.{why} Ask your doctor what your result means.")
    if status.startswith("critical-"):
        text += " This is in the range labs treat as urgent."
    return text


def _range_words(low: float | None, high: float | None, unit: str | None) -> str:
    u = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{_num(low)} to {_num(high)}{u}"
    if high is not None:
        return f"{_num(high)}{u} or below"
    return f"{_num(low)}{u} or above"


def _with_unit(range_text: str | None, unit: str | None) -> str | None:
    """The report's range as printed, with the result's unit when the range leaves it out."""
    if not range_text:
        return None
    if unit and normalise_unit(unit) != "ratio" and unit.lower() not in range_text.lower():
        return f"{range_text} {unit}"
    return range_text


def _num(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) >= 100:
        return f"{round(value):d}"
    digits = 1 if abs(value) >= 10 else 2
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text or "0"


def _shown_value(line: ReportLine) -> str:
    return f"{line.value_text} {line.unit}" if line.unit else line.value_text


_ABNORMAL_FLAGS = {"a", "abnormal", "abn"}


def _flag_status(flag: str | None) -> Status | None:
    if not flag:
        return None
    f = " ".join(flag.strip().upper().replace("(", " ").replace(")", " ").split())
    if f in _FLAG_CRIT_HIGH:
        return "critical-high"
    if f in _FLAG_CRIT_LOW:
        return "critical-low"
    if f in _FLAG_HIGH:
        return "high"
    if f in _FLAG_LOW:
        return "low"
    if f in _FLAG_NORMAL:
        return "normal"
    return None  # "A", "*": abnormal without a direction -- not guessed


def _fold(text: str | None) -> str:
    return re.sub(r"[^a-z0-9+]", "", (text or "").lower())


def _lab_source(catalogue: LabCatalogue, source_id: str) -> LabSource | None:
    source = catalogue.sources.get(source_id)
    if source is None:
        return None
    return LabSource(id=source.id, title=source.title, publisher=source.publisher, url=source.url)
