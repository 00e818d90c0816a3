"""Read result lines from a lab report's text: pasted from a portal, or laid out from a PDF or OCR.

A result line is: the test's name as printed, a value ("5.4", "<0.1", ">90", "Negative"), then in
any order a unit, the report's own reference range ("3.5-5.1", "(115 - 165)", "> OR = 60",
"<200") and a flag ("H", "LL", "*", "High"). Two results may share a line (two-column reports).
Two or more spaces, a tab or a "|" mark a gap between columns; a single space may too.

Every piece of a line must be accounted for. A line that looks like a result (it has a number and
a unit or a range) but does not read cleanly goes to `not_read`, never guessed. Lines that
identify the person (name, date of birth, record numbers, address, phone) are dropped first
(`privacy.identifies_someone`), so they are never read nor echoed.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, replace

from healthlib.model.lab_report import ReadReport, ReportLine
from healthlib.model.lab_units import normalise_unit
from healthlib.readers.labfiles.image import UNSURE

from .across import read_across
from .columns import (
    AMBIGUOUS,
    COMPARE_WORDS,
    HEADING_ROLE,
    headings,
    prepare_lines,
    ruled_as_pipes,
    split_cells,
    unlabel,
    without_line_numbers,
)
from .decimal_mark import DecimalMark, decimal_mark
from .free_text import rewrite_free_text
from .privacy import identifies_someone, looks_like_record_number, scrub, undated
from .range_forms import patient_of, settle_ranges
from .source_tables import read_frame_prints

MAX_TEXT = 200_000  # characters of pasted text read (a long 20-page report is ~60,000)
MAX_LINE = 300

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_MICRO = r"(?:u|µ|μ|mc)"
UNIT = (
    r"(?:"
    r"(?:x\s?|×\s?|X\s?)?10\s?(?:\^|\*|E|e)?(?:3|6|9|12|³|⁶|⁹|¹²)\s?/\s?(?:" + _MICRO + r"?L|l|mm3)"  # x10^9/L, x10⁹/L
    r"|(?:x\s?|×\s?|X\s?)?E(?:3|6|9|12)/[lL]"  # "x E9/L", a Canadian spelling of 10^9/L
    r"|(?:K|M|thou|thousand|Thousand|THOUSAND|mill|million|Million|MILLION)/(?:" + _MICRO + r"L|mm3)"  # "Thousand/uL"
    r"|(?:cells)?/(?:" + _MICRO + r"L|mm3|HPF|LPF|hpf|lpf|nl|nL|pl|pL)"
    r"|[mM][lL]/min(?:/1\.73(?:\s?m(?:2|²|\^2|\*2))?)?"  # "mL/min/1.73m2", "/1.73m*2", cut short "/1.73"
    r"|(?:m|" + _MICRO + r"|n|p|k|f)?(?:mol|g|IU|U|Eq|iu|u)/(?:d|m|c)?[Ll]"  # mmol/L, mg/dL, uIU/mL, U/L
    r"|[GT]/l|T/L|[GT]pt/[lL]"  # giga and tera per litre (Austrian, French, German counts)
    r"|L/L|l/l|mg/mmol|mg/g|mmol/mol|g/mmol|m?g/24\s?h(?:r|rs)?"
    r"|m[Oo]sm/kg|(?:m|" + _MICRO + r"|n)?kat/[Ll]"  # osmolality; enzyme activity as Nordic labs print it
    r"|%|fL|fl|pg|sec|secs|seconds|s|mm/hr|mm/h|mm/1\s?hr?|ratio|index|IU|U"
    r")"
)
# flags as labs print them: letters, stars, bangs and pluses ("HH*", "A*", "!!", "+"), arrows ("↑", "↓↓"), words
_FLAG_WORD = (r"(?:(?:PANIC|Panic|CRITICAL|Critical|CRIT)\s+(?:HIGH|High|LOW|Low|HI|LO|H|L)|"  # "PANIC HI", "CRITICAL LOW"
              r"HH\*?|LL\*?|AA|HI|LO|H\*?|L\*?|A\*?|\*[HL]|C|\*{1,2}|!{1,2}|\+{1,2}|\((?:HH|LL|H|L|A)\)|\[(?:HH|LL|H|L|A)\]|"
              r"[↑↓]{1,2}|[▲▼]{1,2}|"  # arrows, and the filled triangles analysers print
              r"High|HIGH|high|Low|LOW|low|Abnormal|ABNORMAL|ABN|Critical|CRITICAL|CRIT)")
_QUAL = (r"(?:Negative|NEGATIVE|negative|Positive|POSITIVE|positive|Not\s+detected|NOT\s+DETECTED|not\s+detected|"
         r"Detected|DETECTED|Trace|TRACE|trace|Nil|NIL|Non-?reactive|NON-?REACTIVE|Reactive|REACTIVE|[1-4]\+|"
         r"Neg|NEG|Pos|POS|Absent|ABSENT|Present|PRESENT)")
_CMP_OP = r"(?:[<>]\s*(?:OR|or)\s*=|>=|<=|=>|=<|≥|≤|>|<|" + COMPARE_WORDS + ")"  # in words too
_OP_WORDS = {"LESSTHAN": "<", "GREATERTHAN": ">", "MORETHAN": ">", "UPTO": "<=", "BELOW": "<", "ABOVE": ">",
             "UNDER": "<", "OVER": ">"}


def op_symbol(op: str) -> str:
    """A comparison as a sign: "> OR =" -> ">=", "less than" -> "<", "up to" -> "<="."""
    op = re.sub(r"\s+", "", op).upper().replace("OR=", "=")
    if op.endswith("OREQUALTO"):
        return _OP_WORDS.get(op.removesuffix("OREQUALTO"), op)[0] + "="
    return _OP_WORDS.get(op, op)
_END = r"(?=\s|$|\||[,;](?:\s|$))"  # a comma or semicolon after a piece parts it from the next result

_TOKEN_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(r"[\(\[]?\s*(?P<lo>" + _NUM + r")\s*(?:-|–|—|to)\s*(?P<hi>" + _NUM + r")\s*(?P<unit>" + UNIT
                         + r")?\s*[\)\]]?" + _END)),
    ("cmp", re.compile(r"[\(\[]?\s*(?P<op>" + _CMP_OP + r")\s*(?P<num>" + _NUM + r")\s*(?P<unit>" + UNIT
                       + r")?\s*[\)\]]?" + _END)),
    # a unit joined to its value is spelled in any case, as one standing alone ("579x10e3/ul")
    ("num", re.compile(r"(?P<num>" + _NUM + r")(?P<flag>\*{1,2}|HH|LL|H|L|[↑↓]{1,2}|[▲▼]{1,2})?(?P<unit>(?i:" + UNIT
                       + r"))?" + _END)),
    ("qual", re.compile(r"(?P<open>[\(\[])?(?P<qual>" + _QUAL + r")(?(open)[\)\]])" + _END)),  # "(Negative)" as a range
    ("flag", re.compile(r"(?P<flag>" + _FLAG_WORD + r")" + _END)),
    # a footnote mark after a value or a name ("94 #", "9.3 (a)", "Calcium †"): never a flag
    ("mark", re.compile(r"(?:#|†|‡|§|¶|\([a-z]\)|\[[a-z]\]|\(\*{1,3}\))" + _END)),
    # no range printed, on purpose: the lab explains the result in a note ("See note", "see comment")
    ("noref", re.compile(r"(?i)[\(\[]?(?:see|refer\s+to)\s+(?:the\s+)?(?:notes?|comments?|below|footnotes?|"
                         r"interpretation|report)[\)\]]?\.?" + _END)),
    # a unit may touch the range printed after it: "mL/min/1.73m2[>60]"
    ("unit", re.compile(r"[\(\[]?(?P<unit>" + UNIT + r")[\)\]]?\.?(?=\s|$|\||[\[\(<>≥≤]|[,;](?:\s|$))", re.IGNORECASE)),
    ("word", re.compile(r"\S+")),
]
# any space between tokens: a no-break or thin space copied from a web page or a PDF is a space
# (were it none, no token would start there and the line could never be read past it); every space but
# a line break, as `[^\S\n]` has them, spelled out: one class is as fast as the ASCII one was
_GAP = re.compile(r"[ \t\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000|]*")
# a word shaped like a unit the reader does not know ("Thousand/uL", "Zellen/nl"): after a result
# without a unit it is that result's unit, never a note, so the line is not read
_UNIT_SHAPED = re.compile(r"[^\W\d_]/[^\W\d_]")
_NOTE = re.compile(r"[A-Za-z()\[\].,:;'\"_\-–—/!~*‘’“”]+")  # words of a note, or OCR specks; no digits, <, >, =


@dataclass
class Token:
    kind: str  # range, cmp, num, qual, flag, unit, word
    text: str
    match: re.Match[str]
    gap: int  # whitespace before it: 2+ (or a tab or "|") marks a column break

    @property
    def column_break(self) -> bool:
        return self.gap >= 2


def tokenize(line: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(line):
        gap_match = _GAP.match(line, pos)
        gap_text = gap_match.group(0)
        pos = gap_match.end()
        if pos >= len(line):
            break
        gap = 2 if ("\t" in gap_text or "|" in gap_text) else len(gap_text)
        for kind, pattern in _TOKEN_PATTERNS:
            m = pattern.match(line, pos)
            if m and m.end() > pos:
                tokens.append(Token(kind, m.group(0).strip(), m, gap if tokens else 2))
                pos = m.end()
                break
    return tokens


class Unreadable(Exception):
    """A line that looks like a result but does not read cleanly."""


@dataclass
class _Parsed:
    line: ReportLine
    end: int  # index of the first token after this result


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _name_ok(words: list[Token]) -> bool:
    """A name has letters and is not only units or flags (the tail of a row OCR split in two)."""
    letters = "".join(w.text for w in words)
    # nor a result in words alone ("Trace" after "Urine Protein Trace": a previous result's column)
    return any(c.isalpha() for c in letters) and not all(w.kind in ("flag", "unit", "qual") for w in words)


# a zero-padded number after a test's name: the footnote code of the lab that ran it (LabCorp prints
# "Glucose 01" and names lab 01 at the foot); no value is printed zero-padded
_FOOTNOTE_CODE = re.compile(r"0[1-9]")


# the body area an eGFR is given per, inside a test's name ("eGFR using creatinine (CKD-EPI) per 1.73
# square metres", as UK GP records print it): the one decimal number a name may hold
_BODY_AREA = re.compile(r"(?i)(?:per\s+|/\s*)?1\.73\s*(?:square\s+met(?:re|er)s?|sq\.?\s*m|m2|m²)")


# a row's number before the test's name ("1.  Potassium", "12) Sodium", "#3 Chloride")
_ROW_NUMBER = re.compile(r"\d{1,3}[.)]|#\d{1,3}")
# a laboratory discipline's name before the test's in its cell: a table's panel column (a merged cell
# printed once beside its rows) run into the first row's name ("Biochemistry TSH"); never a test's word
_DISCIPLINE = {"biochemistry", "haematology", "hematology", "chemistry", "immunology", "endocrinology", "serology",
               "microbiology", "virology", "coagulation", "haemostasis", "hemostasis", "immunochemistry", "lipids",
               "toxicology"}
# any other discipline by its word's ending ("Nephrology", "Clinical chemistry", "Haemostasis"): no test's name ends so
_DISCIPLINE_ENDING = r"[a-z]{3,}(?:ology|chemistry|stasis)"
# and run into it with no space: "HaematologyMCV", "BiochemistryeGFR"
_GLUED_DISCIPLINE = re.compile("(?:" + "|".join(sorted(d.capitalize() for d in _DISCIPLINE))
                               + "|[A-Z]" + _DISCIPLINE_ENDING + r")(?=\S)")


def _tidy_name(name: list[Token]) -> list[Token]:
    """Drop specks an OCR'd page edge leaves before a name ("|", ";", a lone "i" in its own column),
    a row's number or its panel's discipline before it, one left after it in a column of its own, and
    a lab's footnote code after it ("Glucose 01")."""
    name = [t for t in name if re.search(r"[^\W_]|[%#]", t.text) and t.kind != "mark"]
    if len(name) >= 2 and _ROW_NUMBER.fullmatch(name[0].text):
        name = name[1:]
    glued = _GLUED_DISCIPLINE.match(name[0].text) if name else None
    if glued and (name[0].text[glued.end()].isupper() or _catalogue().match(
            " ".join([name[0].text[glued.end():], *(t.text for t in name[1:])])) is not None):
        name = [replace(name[0], text=name[0].text[glued.end():]), *name[1:]]
    if len(name) >= 2 and (name[0].text.lower() in _DISCIPLINE or re.fullmatch(_DISCIPLINE_ENDING, name[0].text.lower())):
        name = name[1:]
    if len(name) >= 2 and _FOOTNOTE_CODE.fullmatch(name[-1].text):
        name = name[:-1]
    while len(name) >= 2 and len(name[0].text) <= 2 and name[1].column_break:
        name = name[1:]
    # and a speck read as a short word in a column of its own after it ("PLATELET COUNT   Oe   91")
    if len(name) >= 3 and len(name[-1].text) <= 2 and name[-1].column_break and not name[-2].column_break:
        name = name[:-1]
    return name


# a note at a page's foot led by its mark ("a Sample slightly haemolysed; ...", "* Result checked ...",
# "(b) Repeated ..."): its mark printed after a value is the note's, never a flag nor part of the value
_FOOTNOTE = re.compile(r"^\s*(?:(?P<mark>\*{1,3}|[a-z])|\((?P<bracketed>\*{1,3}|[a-z])\))[.:)]?\s+[A-Z][a-z]+(?:\s+\S+){2,}")
# a note that says what a "*" means in a flag's words: then the mark is the flag ("* Abnormal result")
_FLAG_NOTE = re.compile(r"(?i)\b(?:abnormal|outside|out\s+of\s+range|high|low|critical|flag(?:ged)?|range)\b")


def footnote_marks_apart(lines: list[str]) -> list[str]:
    """A footnote's mark printed against a value ("28b", "0.70a", "Positive*") set apart as a mark
    ("28 (b)"), when the page prints a note led by that mark; any other line as it was."""
    marks = set()
    for line in lines:
        found = _FOOTNOTE.match(line)
        if found and not ((found.group("mark") or found.group("bracketed")).startswith("*") and _FLAG_NOTE.search(line)):
            marks.add(found.group("mark") or found.group("bracketed"))
    if not marks:
        return lines
    letters = "".join(sorted(m for m in marks if m.isalpha()))
    stars = "|".join(re.escape(m) for m in sorted((m for m in marks if m.startswith("*")), key=len, reverse=True))
    after_number = "|".join(p for p in (f"[{letters}]" if letters else "", stars) if p)  # a letter only after figures
    glued = re.compile(r"(?<![\w./-])(?:(" + _NUM + r")(" + after_number + r")" + (r"|(" + _QUAL + r")(" + stars + r")" if stars else "")
                       + r")(?=\s|$)")

    def apart(m: re.Match[str]) -> str:
        return f"{m.group(1)} ({m.group(2)})" if m.group(1) else f"{m.group(3)} ({m.group(4)})"

    return [line if _FOOTNOTE.match(line) else glued.sub(apart, line) for line in lines]


# a footnote mark set as a superscript after a name ("Calcium¹", "Ferritin‡"); not a unit's "m²"
_SUPERSCRIPT_MARK = re.compile(r"(?<=[A-Za-z)])(?<!\bm)[¹²³⁴⁵⁶⁷⁸⁹⁰†‡§]+(?=\s|$)")
# what a test's name never holds: a ";" parting results, or a range or comparison in brackets
# ("(70-99)", "(<8)"; a bracketed "(25-OH)" is a name's own)
_PIECE_IN_NAME = re.compile(r";|[\(\[]\s*(?:[<>≤≥]=?\s*\d|" + _NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"\s*[\)\]])")


def _starts_value(tokens: list[Token], i: int) -> bool:
    """Is token i the value of a result (rather than a number inside the test's name)?"""
    tok = tokens[i]
    if tok.kind == "cmp" and re.match(r"[\(\[]?\s*[A-Za-z]", tok.text):
        return False  # a comparison in words ("more than 24 hours") is a range, never a value: prose has them
    if tok.kind in ("cmp", "qual"):
        return True
    if tok.kind != "num":
        return False
    if tok.match.group("unit") or tok.match.group("flag"):
        return True
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if _FOOTNOTE_CODE.fullmatch(tok.text) and nxt is not None and nxt.kind in ("num", "cmp", "qual"):
        return False  # "Glucose 01   98": the performing lab's code after a name, never a value
    if nxt is None or nxt.kind in ("unit", "flag", "range", "cmp", "num", "qual", "mark", "noref") \
            or nxt.text in (",", ";"):  # "Na 140, K 4.1": a separator ends the value
        return True
    # a column break after the number ends the value; one before starts it
    return nxt.column_break or tok.column_break or tokens[i - 1].text.endswith(":")


def _parse_one(tokens: list[Token], start: int) -> _Parsed:
    """One result from tokens[start:]; raises Unreadable, or ValueError when no value follows."""
    i = start
    name: list[Token] = []
    while i < len(tokens) and not (name and _starts_value(tokens, i)):
        name.append(tokens[i])
        i += 1
    if i >= len(tokens):
        raise ValueError("no value")
    if any(UNSURE in t.text for t in name):  # a word of the name OCR could not read: never guess the test
        raise Unreadable("name not read")
    name = _tidy_name(name)
    # a flag in brackets just before the value ("Chloride   (L) 66   mmol/L"): the value's, never the name's
    flag_before = None
    if len(name) >= 2 and name[-1].kind == "flag" and name[-1].text.startswith(("(", "[")):
        flag_before, name = name[-1].match.group("flag"), name[:-1]
    if not _name_ok(name):
        raise Unreadable("no name")
    # a unit printed in the name column: "Sodium (mmol/L)"
    name_unit = None
    if len(name) > 1 and name[-1].kind == "unit" and name[-1].text.startswith("("):
        name_unit = name[-1].match.group("unit")
        name = name[:-1]
    printed = _SUPERSCRIPT_MARK.sub("", " ".join(t.text for t in name)).rstrip(":").strip()
    if re.search(r"\d[.,]\d", _BODY_AREA.sub("", printed)):
        raise Unreadable("number in name")
    if _PIECE_IN_NAME.search(printed):  # "(70-99); Chloride": the end of another result run into this one
        raise Unreadable("a range or a result's end in the name")

    tok = tokens[i]
    value: float | None = None
    unit: str | None = None
    flag: str | None = None
    if tok.kind == "num":
        value = _number(tok.match.group("num"))
        value_text = tok.match.group("num")
        flag = tok.match.group("flag")
        unit = tok.match.group("unit")
    elif tok.kind == "cmp":
        op = op_symbol(tok.match.group("op"))
        value = _number(tok.match.group("num"))
        value_text = f"{op}{tok.match.group('num')}"
        unit = tok.match.group("unit")
    else:
        value_text = " ".join(tok.match.group("qual").split())
    if flag_before is not None:
        if flag:
            raise Unreadable("two flags")
        flag = flag_before
    i += 1

    rng: Token | None = None
    no_range = False  # "See note": the lab prints no range for it, on purpose, and judges it in a note
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "flag" and flag is None:
            flag = tok.match.group("flag")
        elif tok.kind == "unit" and unit is None:
            unit = tok.match.group("unit")
        elif tok.kind == "unit" and unit and _same_unit(tok.match.group("unit"), unit):
            pass  # the unit printed again after the range
        elif tok.kind in ("range", "cmp") and rng is None:
            rng = tok
            if tok.match.group("unit"):
                if unit and not _same_unit(tok.match.group("unit"), unit):
                    raise Unreadable("two units")
                unit = unit or tok.match.group("unit")
        elif tok.kind == "qual" and rng is None and value is None:
            rng = tok
        elif tok.kind == "mark":
            pass  # a footnote mark: the note says something about the result, never its value
        elif tok.kind == "noref" and rng is None and not no_range:
            no_range = True
        elif tok.kind == "word" and tok.text in ("-", "–", "—") or tok.kind == "word" and tok.text.lower() in ("n/a", "na"):
            pass
        else:
            break
        i += 1

    line = ReportLine(printed_name=printed, value=value, value_text=value_text,
                      unit=unit or name_unit, flag=_flag_text(flag))
    if no_range and rng is None:  # "See note": the lab judges the result in a note the reader does not
        raise Unreadable("range given in a note")  # read; judged against the catalogue it could contradict it
    if rng is not None:
        _set_range(line, rng)
    return _Parsed(line, i)


def _flag_text(flag: str | None) -> str | None:
    if not flag:
        return None
    return flag.strip("()[]") if flag not in ("(H)", "(L)", "[H]", "[L]") else flag[1]


def _set_range(line: ReportLine, tok: Token) -> None:
    m = tok.match
    printed = tok.text
    if tok.kind in ("range", "cmp") and m.group("unit"):
        printed = printed[: m.start("unit") - m.start()] + printed[m.end("unit") - m.start():]
    line.range_text = " ".join(printed.split()).replace("( ", "(").replace(" )", ")")
    if tok.kind == "qual":
        line.range_text = " ".join(m.group("qual").split())  # a range in words, without its brackets
    if tok.kind == "range":
        low, high = _number(m.group("lo")), _number(m.group("hi"))
        if low > high:
            raise Unreadable("range upside down")
        line.range_low, line.range_high = low, high
    elif tok.kind == "cmp":
        op = op_symbol(m.group("op"))
        bound = _number(m.group("num"))
        if op.startswith(">") or op in ("≥", "=>"):
            line.range_low = bound
        else:
            line.range_high = bound


# a performing lab's site code printed last on a row and explained in the footer ("Z4M Granite State
# Clinical Lab, ..."): capitals with a figure, never a unit, flag or value
_SITE_CODE = re.compile(r"[A-Z](?=[A-Z0-9]*\d)[A-Z0-9]{1,3}")


def parse_line(line: str) -> list[ReportLine]:
    """The results on one line (none, one, or two side by side). Raises Unreadable."""
    tokens = tokenize(line)
    results: list[ReportLine] = []
    i = 0
    while i < len(tokens):
        try:
            parsed = _parse_one(tokens, i)
        except ValueError:
            rest = tokens[i:]
            if (results and all(_NOTE.fullmatch(t.text) for t in rest)
                    and not (results[-1].unit is None and any(_UNIT_SHAPED.search(t.text) for t in rest))):
                break  # a trailing note without numbers or comparisons ("fasting", "(calc)")
            if results and len(rest) == 1 and _SITE_CODE.fullmatch(rest[0].text) and not _bare(results[-1]):
                break  # the code of the lab that ran it, in a column of its own at the row's end ("Z4M")
            if results or looks_like_result(line):
                raise Unreadable("left over") from None
            return []
        results.append(parsed.line)
        i = parsed.end
    if len(results) > 1 and any(_bare(r) for r in results):
        raise Unreadable("a bare number beside another result")  # its unit and range may be the next one's
    return results


def _bare(result: ReportLine) -> bool:
    """A number with neither unit nor range: on a line of two results, the pieces after it may have
    been its own unit and range read as a second result ("13   Normal: <21 umol/L")."""
    return result.value is not None and not result.unit and not has_range(result)


_RESULTISH = re.compile(r"\d\s*(?:-|–|to)\s*\d|" + r"\d\s*" + UNIT + r"\b|[<>]\s*\d",
                        re.IGNORECASE)


def looks_like_result(line: str) -> bool:
    """A line with a number beside a unit or a range: a result, whether or not it reads cleanly."""
    return any(c.isalpha() for c in line) and bool(_RESULTISH.search(line) or re.search(r"\d\s*(?:mmo|mg|/L|/dL|/l)", line))


_HIGH_FLAGS = {"H", "HH", "HI", "HIGH", "H*", "HH*", "*H", "↑", "↑↑", "▲", "▲▲", "CRITICAL HIGH", "PANIC HI", "PANIC HIGH"}
_LOW_FLAGS = {"L", "LL", "LO", "LOW", "L*", "LL*", "*L", "↓", "↓↓", "▼", "▼▼", "CRITICAL LOW", "PANIC LO", "PANIC LOW"}


def flag_disagrees(result: ReportLine) -> bool:
    """Does the report's own flag contradict its own range (a value out of range but not flagged
    high or low, or flagged but inside)? Values printed as "<0.1" or ">90" are not judged."""
    if result.value is None or result.value_text[:1] in "<>" or (result.range_low is None and result.range_high is None):
        return False
    high = result.range_high is not None and result.value > result.range_high
    low = result.range_low is not None and result.value < result.range_low
    flag = (result.flag or "").upper()
    if flag in _HIGH_FLAGS:
        return not high
    if flag in _LOW_FLAGS:
        return not low
    return not flag and (high or low)


_UNIT_ONLY = re.compile(UNIT)
# letters OCR confuses with one another in a unit: "mmo|/L", "mmoI/L", "UIL", "mlU/L"
_LOOK_ALIKE = {"|": "l/I", "l": "|/I1", "I": "l/|", "1": "l/I", "/": "lI|", "i": "l/", "!": "l/", "O": "0",
               "o": "0", "b": "L"}
# a power of ten whose mark OCR lost or read as a degree sign ("x109/L", "x10°9/L"): no unit has a
# power of 109, so it is the x10^9 the page printed
_LOST_POWER = re.compile(r"([x×X]\s?10)[°º]?(3|6|9|12)(/\S+)")
_SPACED_POWER = re.compile(r"(?<!\S)([x×X]) ?10 ?([°º^*E]?) ?(3|6|9|12) ?/ ?(?=\S)")  # "x 10 9 / L": one word


def ocr_unit(word: str) -> str:
    """An OCR'd word that is a unit once letters OCR confuses ("l", "I", "|", "1", "/", "i", "!",
    "b") are put right, as that unit (a lost power-of-ten mark put back: `_LOST_POWER`); otherwise the word unchanged. Only when exactly one spelling is a unit,
    so a confusion that could mean two units is never settled by guessing."""
    if (power := _power_put_back(word)) is not None:
        return power
    if (_UNIT_ONLY.fullmatch(word) or len(word) > 16 or not any(c in _LOOK_ALIKE for c in word)
            or not any(c.isalpha() and c not in _LOOK_ALIKE for c in word)):
        return word  # a word of figures alone ("111") is a value, never a unit
    spellings = {""}
    for c in word:
        spellings = {s + alt for s in spellings for alt in c + _LOOK_ALIKE.get(c, "")}
        if len(spellings) > 4096:
            return word
    units = {s for s in spellings if _UNIT_ONLY.fullmatch(s)}
    if len({u.lower() for u in units}) != 1 or len(units) != 1:
        return word
    unit = units.pop()
    return _power_put_back(unit) or unit


def _power_put_back(word: str) -> str | None:
    """"x109/L" as "x10^9/L" (`_LOST_POWER`), when that is a unit; else None."""
    lost = _LOST_POWER.fullmatch(word)
    if lost and _UNIT_ONLY.fullmatch(power := f"{lost.group(1)}^{lost.group(2)}{lost.group(3)}"):
        return power
    return None


def is_unit(word: str) -> bool:
    """Is an OCR'd word a whole unit ("x10E3/uL", "mL/min/1.73m2", "mmo|/L")?"""
    return _UNIT_ONLY.fullmatch(ocr_unit(word)) is not None


_SPECKED_NUMBER = re.compile(r"(?P<num>[<>]?\d(?:[\d.,]*\d)?)(?P<speck>[)\]°'`,;:]+)")


# a flag at a row's end with a dash or rule remnant OCR joined to it ("=H", "—H"): the flag (it is
# then checked against the row's own range like any flag)
_SPECKED_FLAG = re.compile(r"(?<!\S)[=\-—–_~]+(?P<flag>HH|LL|H|L)$")
# a rule's remnant OCR read as "=" between a result's pieces ("131 = =mmol/L (95-108)"): on its own, or
# before a unit; never the "=" of a comparison ("> OR = 40", "< = 5")
_LONE_EQUALS = re.compile(r"(?<!\S)(?<!OR )(?<!or )(?<![<>≤≥] )=+(?=\s|$)")
_LONE_SPECK = re.compile(r"(?<=\S)\s+[.,'`]+(?=\s)")  # a point or comma standing alone between two words
# ... before the first figures, where it would count as a cell of its own under the table's headings
# ("Ferritin   .   ng/mL   69"); never just before a whole number, whose decimal point it may be (". 5")
_LONE_HEAD_SPECK = re.compile(r"(?<=\S)\s+[.,'`]+(?=\s+(?:[^\s\d<>(\[]|\S*\d[.,]\d))")
_SPACED_POINT = re.compile(r"(?<=\d) (?=\.\d)")
_BRACED_FIGURES = re.compile(r"[({][<>]?\d[\d.]*(?:-\d[\d.]*)?[)}]")


# a PDF setting its letters apart (letter-spacing) comes out as "1 3 . 4" and "1 9 / 0 5 / 1 9 3 5"
_LETTER_SPACED = re.compile(r"(?<!\S)[\d./](?: [\d./]){2,}(?!\S)")  # three or more lone figures or marks
LETTER_SPACED_MIN = 2  # such runs for a text to be letter-spaced (one spaced phone number has three)
_SPACED_FIGURES = re.compile(r"(?<!\S)[\d.]+(?: [\d.]+)+(?!\S)")
# a result in words broken apart the same way ("Posit ive", "N e g a t i v e")
_SPACED_WORD = re.compile(r"(?i)(?<!\S)(?:" + "|".join(" ?".join(word) for word in ("negative", "positive", "trace"))
                          + r")(?!\S)")


def unspaced_figures(lines: list[str]) -> list[str]:
    """On a text whose letters were set apart (at least LETTER_SPACED_MIN runs of lone figures), a
    number broken into pieces ("1 3 . 4", "3 77", "94 .6") is joined, when a piece is a lone figure
    or starts or ends with its point; two whole numbers side by side ("98 102") are left as they are."""
    if sum(len(_LETTER_SPACED.findall(line)) for line in lines) < LETTER_SPACED_MIN:
        return lines

    def join(m: re.Match[str]) -> str:
        pieces = m.group(0).split(" ")
        broken = any(len(p) == 1 or p.startswith(".") or p.endswith(".") for p in pieces)
        return "".join(pieces) if broken else m.group(0)

    return [_SPACED_WORD.sub(lambda m: m.group(0).replace(" ", ""), _SPACED_FIGURES.sub(join, line))
            for line in lines]


def ocr_units(line: str) -> str:
    """OCR'd words from a line's first number on put right (a test's name is never changed): a
    unit through `ocr_unit`, and a number followed by a speck OCR makes up at a word's end ("103)",
    "19°", "17,") stripped of it, and a rule's remnant read as "=" (`_LONE_EQUALS`) dropped. A
    closing bracket is kept where the line opens one (a range "(30 - 400)"). A decimal point OCR set one space apart from the figures before it ("38 .5",
    read from a fixed-width font, where the point fills a whole letter's width) is joined to them.
    The figures themselves are never changed."""
    first = re.search(r"(?<!\S)[<>(\[]?\d", line)  # the first word that starts with a figure
    if first is None:
        return line
    head, tail = line[: first.start()], _SPACED_POINT.sub("", line[first.start():])
    first_word = tail.split(maxsplit=1)[0]
    head = _LONE_HEAD_SPECK.sub("", head + first_word)[: -len(first_word)]
    tail = _SPACED_POWER.sub(lambda m: f"{m.group(1)}10{m.group(2)}{m.group(3)}/", tail)
    unopened = line.count(")") > line.count("(") or line.count("]") > line.count("[")

    def tidy(word: str) -> str:
        if _BRACED_FIGURES.fullmatch(word):  # "{12-22)", "(133-146}": OCR's braces for a range's brackets
            word = word.replace("{", "(").replace("}", ")")
        if word.startswith("=") and is_unit(word.lstrip("=")):
            word = word.lstrip("=")
        specked = _SPECKED_NUMBER.fullmatch(word)
        if specked is None:
            return ocr_unit(word)
        if any(c in ")]" for c in specked.group("speck")) and not unopened:
            return word
        return specked.group("num")

    tail = _LONE_EQUALS.sub("", _SPECKED_FLAG.sub(r"\g<flag>", tail))
    tail = _LONE_SPECK.sub("", tail)
    return head + re.sub(r"[^\s]+", lambda m: tidy(m.group(0)), tail)


# more letters OCR confuses in a unit, tried only against the units the row's own test is reported
# in ("VIL" for U/L, "pmoifL" for pmol/L, "ug/t" for ug/l, "a/L" for g/L, "x1049/L" and "x10A9/L" for x10^9/L:
# a caret is an "A" without its bar, "£L" for fL)
_TEST_LOOK_ALIKE = {**_LOOK_ALIKE, "V": "U", "v": "uU", "f": "/l", "t": "lL", "a": "g", "4": "^", "£": "Lf",
                    "A": "/^", "T": "I", "w": "uU", "W": "U"}
_UNIT_SPECKS = ",;:'`"  # marks OCR makes up after a unit ("mmol/L,")


def units_of_its_test(line: str) -> str:
    """An OCR'd row's garbled units put right against its own test: each word after the first
    number that is no unit, number, range or flag becomes the one unit the test named at the
    row's start is reported in that it can be spelled as, once letters OCR confuses
    (`_TEST_LOOK_ALIKE`) are put right and specks after it dropped; unchanged when none or more
    than one of the test's units fits ("/l" read as one "f" too: "mmolf"; a thin "/" lost:
    "x10E3uL"). A unit cut short where
    it parts ("mmol" for "mmol/L", "ug" for "ug/L") is the one unit of the test that starts so, if
    only one does. A unit the test is never reported in is never made up."""
    first = re.search(r"(?<!\S)[<>(\[]?\d", line)
    if first is None:
        return line
    test = _catalogue().match(ocr_name(line[: first.start()].strip(" :\t|")))
    if test is None or test.unit is None:
        return line

    def put_right(match: re.Match[str]) -> str:
        word = match.group(0)
        bare = word.rstrip(_UNIT_SPECKS)
        if (_UNIT_ONLY.fullmatch(word) or not any(c.isalpha() for c in bare) or len(bare) > 16
                or any(p.fullmatch(word) for kind, p in _TOKEN_PATTERNS if kind in ("range", "cmp", "num", "flag", "qual"))):
            return word
        spellings = _spellings(bare)
        if spellings is None:
            return word
        if bare.endswith("f") and "/" not in bare:  # "mmolf", "mgf": the "/l" OCR read as one "f"
            spellings |= {s[:-1] + "/" + end for s in spellings for end in "lL"}
        if "/" not in bare:  # "x10E3uL", "mgdL": a thin slash lost
            spellings |= {s[:k] + "/" + s[k:] for s in spellings for k in range(1, len(s))}
        units = {s for s in spellings if _UNIT_ONLY.fullmatch(s) and test.knows_unit(s)}
        if not units and "/" not in bare and len(bare) >= 2:  # "mmol" for "mmol/L": what follows "/" lost
            units = {u for u in (test.unit, *(c.unit for c in test.units))
                     if u and u.lower().startswith(bare.lower() + "/")}
        if len({normalise_unit(u) for u in units}) != 1:
            return word
        return min(units, key=lambda u: sum(a != b for a, b in zip(u, bare, strict=False)))

    return line[: first.start()] + re.sub(r"\S+", put_right, line[first.start():])


def judge_lines(lines: list[str], *, ocr: bool = False, mark: DecimalMark | None = None,
                printed: list[str] = ()) -> list[tuple[str, list[ReportLine] | None]]:
    """Each line (tidied) with its results: [] for a line that holds none (or identifies the
    person), None for a line that goes to "not read": one whose cells fit its table's headings two
    ways, or, on a report printing decimal commas (`mark`), one holding a number whose mark could
    be a decimal or a thousands separator ("1,250"). For OCR (`ocr`): letters OCR confuses in a
    unit are put right when only one unit fits (`ocr_units`), and a result is doubted (`doubtful`)
    when its flag contradicts its own range in a report that flags results, or when it has
    neither unit nor range, and not read unless `_plausible`."""
    judged: list[tuple[str, list[ReportLine] | None]] = []
    for raw in lines:
        line = raw.replace("\u00a0", " ").rstrip()[:MAX_LINE]
        if ocr:
            line = units_of_its_test(ocr_units(line))
        if line.startswith(AMBIGUOUS):  # a table row whose cells fit its headings two ways: not read,
            # never dropped for a date in its "Collected" cell (dates are scrubbed from what is echoed)
            judged.append((line[1:], [] if identifies_someone(scrub(line[1:])) else None))
            continue
        row = _result_row_without_dates(line, ocr=ocr) if identifies_someone(line) else line
        if row is None and (unnamed := _unnamed_dated_result(line)) is not None:
            judged.append((unnamed, None))  # a result under a name no test has: not read, never dropped
            continue
        if row is None or not row.strip():
            judged.append((line, []))
            continue
        line = row
        try:
            found = parse_line(line)
            if mark is not None and mark.ambiguous(line) and (found or looks_like_result(line)):
                raise Unreadable("a number whose mark could be a decimal or a thousands separator")
            if any(looks_like_record_number(r.value_text, r.unit, has_range(r)) for r in found):
                judged.append((line, []))  # a record number, never a result nor a "not read" line
                continue
            judged.append((line, None if not found and ocr and _unsure_result_row(line) else found))
        except Unreadable:
            judged.append((line, None))
    ranges_used = uses_ranges((found for _, found in judged), [line for line, _ in judged]) or \
        sum(_ref_ranges(line) for line in printed) >= RANGES_USED_MIN
    if not ocr:  # on a report that prints a range beside (nearly) every result, a result read without
        # one had its range printed where the reader did not find it: not read, rather than judged
        # against the catalogue's range; and a number under a name no test has, with neither unit nor
        # range ("12-MAR-24 09:47 Op 2231", "Temp 37.0 C"), is nothing known to be a result
        # a line that also holds, beside the results, one under a name no test has and without the
        # range every result prints (a sidebar's "SpO2 99 %" beside "Magnesium 0.97 mmol/L 0.7 - 1")
        # keeps its results and gives that one to "not read": never dropped, never read as a result
        parted: list[tuple[str, list[ReportLine] | None]] = []
        for line, found in judged:
            strays = [r for r in found or () if ranges_used and not has_range(r)
                      and _catalogue().match(r.printed_name) is None]
            if strays and len(strays) < len(found):
                parted += [(as_printed(r), None) for r in strays]
                found = [r for r in found if r not in strays]
            parted.append((line, found))
        return [(line, None if found and ((ranges_used and not all(has_range(r) for r in found))
                                          or any(_bare_unknown(r) for r in found)) else found)
                for line, found in parted]
    flags_used = uses_flags(found for _, found in judged)
    # a Flag column over rows none of which was read flagged: only a lost decimal point is doubted
    flags_headed = not flags_used and headed(printed, {"flag"})
    # a page OCR read too poorly to trust a figure nothing else on its row confirms
    flags_headed = flags_headed or (not flags_used and read_poorly([line for line, _ in judged]))
    # a photo's table whose heading names a range column prints one on every row, though most rows were lost
    ranges_used = ranges_used or headed(printed, {"range", "low", "high"})
    against_titles = section_contradictions(judged, flags_used=flags_used)
    return [(line, None if found and (doubtful(found, flags_used=flags_used, ranges_used=ranges_used,
                                               flags_headed=flags_headed)
                                      or k in against_titles
                                      or any(comparator_apart(r, line) for r in found)
                                      or not _plausible(found)) else found)
            for k, (line, found) in enumerate(judged)]


# a cell titling the results under it by their range ("Within the reference range (9)", "Outside the
# reference range", "Out of range", "Abnormal results"); a page sorted so prints no flags of its own
_SECTION_TITLE = re.compile(
    r"(?i)\s*(?:results?\s+)?(?:(?P<inside>within|inside|in)|(?P<outside>outside|out\s+of))\s+(?:the\s+)?"
    r"(?:(?:laboratory|lab|reference|normal|ref\.?)(?:'s|s)?\s+)*(?:range|limits?|interval)s?"
    r"\s*(?:\(\d+\)|:)?\s*"
    r"|\s*(?:(?P<normal>normal)|(?P<abnormal>abnormal))\s+results?\s*(?:\(\d+\)|:)?\s*")


def section_titles(line: str) -> list[bool] | None:
    """For a heading line made only of titles sorting results by their range ("Within the reference
    range (9)   Outside the reference range (5)", side by side or one above the other), each title's
    side, True for within the range; None for any other line (a sentence naming the range is none)."""
    cells = [c for c in split_cells(line) if re.search(r"\w\w", c)]  # a rule's "|" is no cell
    matches = [_SECTION_TITLE.fullmatch(c) for c in cells]
    if not cells or not all(matches):
        return None
    return [bool(m.group("inside") or m.group("normal")) for m in matches]


POORLY_READ_SHARE = 0.5  # of a page's rows naming a test, those holding a figure OCR was unsure of


def read_poorly(lines: list[str]) -> bool:
    """Did OCR read a page poorly: were at least POORLY_READ_SHARE of its rows that name a test unsure
    of a figure? Its rows read cleanly are then no surer than their neighbours."""
    named = [line for line in lines if any(_catalogue().match(ocr_name(cell)) is not None for cell in split_cells(line)[:3])]
    return len(named) >= RANGES_USED_MIN and sum(UNSURE in line for line in named) >= POORLY_READ_SHARE * len(named)


def titles_over(lines: list[str], at: int) -> list[bool] | None:
    """The titles (`section_titles`) of the last title line above line `at`, if any."""
    return next((titles for line in reversed(lines[:at]) if (titles := section_titles(line))), None)


def section_contradictions(judged: list[tuple[str, list[ReportLine] | None]], *, flags_used: bool) -> set[int]:
    """Indexes of OCR'd lines with a result standing against the title it is under (`stands_against`)."""
    doubted: set[int] = set()
    titles: list[bool] | None = None
    for k, (line, found) in enumerate(judged):
        if not found:
            titles = section_titles(line) or titles
        elif titles is not None and stands_against(found, titles, flags_used=flags_used):
            doubted.add(k)
    return doubted


def stands_against(found: list[ReportLine], titles: list[bool], *, flags_used: bool) -> bool:
    """Does one of a row's results stand against the title it is under (`against_title`)?"""
    return any(against_title(result, side, flags_used=flags_used)
               for result, side in zip(found, title_sides(titles, len(found)), strict=True))


def title_sides(titles: list[bool], count: int) -> list[bool | None]:
    """The title over each of a row's `count` results, left to right (None: it cannot be told). Under
    titles side by side a row's first result is the left title's, its last the right one's; a lone
    result's side cannot be told."""
    if len(titles) == 1:
        return [titles[0]] * count
    sides: list[bool | None] = [None] * count
    if count > 1:
        sides[0], sides[-1] = titles[0], titles[-1]
    return sides


def against_title(result: ReportLine, inside: bool | None, *, flags_used: bool) -> bool:
    """Does a result stand against its title: a value outside its range under "Within the reference
    range", or inside it under "Outside ..." (a figure misread: "PSA 24" for 2.4 under "Within", with
    its range "<4")? Where its title cannot be told, on a page that prints no flags, a value outside
    its range has nothing to confirm it."""
    outside = _outside_range(result)
    if outside is None:
        return False
    return outside and not flags_used if inside is None else outside == inside


def _outside_range(result: ReportLine) -> bool | None:
    """Is a result outside its own printed range (None: nothing to judge it by, or a censored value)?"""
    if result.range_text and result.value is None:
        return result.value_text.strip().lower() != result.range_text.strip().lower()
    if result.value is None or result.value_text[:1] in "<>" or (result.range_low is None and result.range_high is None):
        return None
    return (result.range_high is not None and result.value > result.range_high) or (
        result.range_low is not None and result.value < result.range_low)


def headed(lines: list[str], roles: set[str]) -> bool:
    """Does a heading line of a table (`columns.headings`) name a column of one of `roles`? On a photo
    whose flagged rows were all lost ("Flag" over a column of unread rows), the rows left are still
    rows of a table that flags, and an unflagged value far outside its range lost its decimal point."""
    return any(roles & set(headings(line) or ()) for line in lines)


def comparator_apart(result: ReportLine, line: str) -> bool:
    """An OCR'd value read as censored ("> 6.4") from a "<" or ">" standing alone a column gap before
    its figures: a speck, a rim's edge or a table's rule read as a mark. A lab prints a censored value
    as one cell (">90", "< 0.1"), so a mark a column apart is no part of it."""
    mark, figures = result.value_text[:1], result.value_text[1:].lstrip("=")
    return mark in "<>" and bool(figures) and bool(
        re.search(rf"(?:^|\s{{2}}){re.escape(mark)}=?\s{{2,}}{re.escape(figures)}(?![\d.])", line))


def as_printed(result: ReportLine) -> str:
    """A result's pieces as one line ("SpO2 99 %"): how a result set aside is listed as "not read"."""
    return " ".join(p for p in (result.printed_name, result.value_text, result.unit, result.range_text) if p)


def _bare_unknown(result: ReportLine) -> bool:
    """A result with neither unit nor range under a name that is no catalogue test."""
    return not result.unit and not has_range(result) and _catalogue().match(result.printed_name) is None


def _result_row_without_dates(line: str, *, ocr: bool) -> str | None:
    """A row naming a catalogue test that identifies someone only by dates and times (a
    "Collected" cell the table's headings did not drop) with them blanked, to be read or not
    read like any row -- never dropped silently; None for a line about a person."""
    text = undated(line)
    if text is None:
        return None
    first = re.search(r"(?<!\S)[<>(\[]?\d", text)
    # the name ends at the first figure, or at the first column gap of a row whose result is in
    # words ("Urine Protein   Positive   A   Negative")
    names = {(text[: first.start()] if first else text).strip(" :\t|"), split_cells(text)[0] if text.strip() else ""}
    if any(name and _catalogue().match(ocr_name(name) if ocr else name) is not None for name in names):
        return text
    # a name no catalogue test has ("UPRO   Negative   Negative" after a date cell): a row all the
    # same when every result on it is whole, with its range, as a table's rows are
    try:
        found = [] if ocr else parse_line(text)
    except Unreadable:
        found = []
    return text if found and all(has_range(r) for r in found) else None


def _plausible(found: list[ReportLine]) -> bool:
    """OCR'd results with their names put right (`ocr_name`), none of them `unlikely`. Judged
    here, so that a row failing it is read again (`image.reread_rows`) and a re-reading that
    fails it never wins a vote."""
    for result in found:
        result.printed_name = ocr_name(result.printed_name)
    return not any(unlikely(result) for result in found)


def _unnamed_dated_result(line: str) -> str | None:
    """A row dated like a result row ("44TG.   12-Mar-2024   7.2   mmol/L": a code, the day taken, a value)
    whose name is no catalogue test, with its dates and times blanked, when what is left still holds a
    value beside a unit or a range; None for any other line (a person's, or a date with no result)."""
    text = undated(line)
    return text if text is not None and looks_like_result(text) else None


def _unsure_result_row(line: str) -> bool:
    """An OCR'd row that names a catalogue test but whose figures were all unsure ("HbA1c ⁇ % ⁇"):
    a result that could not be read, never a line to drop silently."""
    if UNSURE not in line:
        return False
    name = line.split(UNSURE, 1)[0].strip(" :\t|")
    return bool(name) and _catalogue().match(ocr_name(name)) is not None


def _catalogue():
    from .catalogue import builtin_catalogue

    return builtin_catalogue()


def uses_flags(found_lists) -> bool:
    """Does a report flag its results at all (then an out-of-range value left unflagged is doubted)?"""
    return any(r.flag for found in found_lists if found for r in found)


RANGES_USED_SHARE = 0.8  # of a page's results (at least RANGES_USED_MIN) that print a range
RANGES_USED_MIN = 4


def uses_ranges(found_lists, lines: list[str] = ()) -> bool:
    """Does (nearly) every result of the report print its range (then one without is doubted)? Also
    when RANGES_USED_MIN `lines` are range lines the reader could not join to a result ("Nodal range
    22 - 2.6 mmol!", a photo's "Normal range"): their results were read without the ranges printed."""
    results = [r for found in found_lists if found for r in found]
    with_range = sum(has_range(r) for r in results)
    return (len(results) >= RANGES_USED_MIN and with_range >= RANGES_USED_SHARE * len(results)) or \
        sum(bool(_LOOSE_RANGE_LINE.match(line)) for line in lines) >= RANGES_USED_MIN


# a line led by a range label, its first word perhaps garbled by OCR, then figures or what OCR was
# unsure of ("Nomnat range 30 - 400 ug/l", "Normal range less than ⁇⁇ mmall")
_LOOSE_RANGE_LINE = re.compile(rf"(?i)^\s*(?:\S+\s+)?(?:range|interval)s?\b.*[\d{UNSURE}]")
# a line of nothing but labelled ranges, printed under a form's boxes ("Ref 30-100   Ref 70-99   Ref <5.7")
_REF_RANGES_LINE = re.compile(r"(?i)^\s*(?:ref(?:erence)?\.?:?\s*(?:[<>≤≥]=?\s*\d+(?:[.,]\d+)?|"
                              r"\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?)\s*)+$")


def _ref_ranges(line: str) -> int:
    """How many labelled ranges a line of nothing but them holds (each counts as a range line)."""
    return len(re.findall(r"(?i)\bref", line)) if _REF_RANGES_LINE.match(line) else 0


def has_range(result: ReportLine) -> bool:
    return result.range_low is not None or result.range_high is not None or bool(result.range_text)


def doubtful(found: list[ReportLine], *, flags_used: bool, ranges_used: bool = False,
             flags_headed: bool = False) -> bool:
    """OCR'd results not to trust: a flag contradicting the report's own range (a lost decimal
    point: "4.2" read as "42", unflagged), a number with neither unit nor range (the rest of its
    row lost), or, in a report that prints a range on (nearly) every row, a row without one (its
    range lost, or read as something else). Under a Flag heading whose rows were none read flagged
    (`flags_headed`: the flagged rows lost, or a page that leaves a result just outside unflagged),
    an unflagged value outside its range is doubted only when a decimal point moved would put it
    inside (`point_moved`): "40" for CRP 4.0, never platelets' 431 above 150 - 400. A page OCR read
    poorly (`read_poorly`) with no row read flagged is judged so too."""
    return any((flags_used and flag_disagrees(r))
               or (flags_headed and flag_disagrees(r) and point_moved(r))
               or (r.value is not None and not r.unit and r.range_low is None and r.range_high is None)
               or (ranges_used and not has_range(r))
               for r in found)


def point_moved(result: ReportLine) -> bool:
    """Would a value outside its range be inside it with its decimal point moved one or two places
    (a point lost or added by OCR)?"""
    if result.value is None or _outside_range(result) is not True:
        return False
    return any((result.range_low is None or number >= result.range_low)
               and (result.range_high is None or number <= result.range_high)
               for number in (result.value * 10.0 ** k for k in (-2, -1, 1, 2)))


# letters and figures OCR confuses in a test's name: "HbAIc", "HbAic", "HbAtc", "Vitamin Bl2", "C02", "LOL", "HBL"
_NAME_LOOK_ALIKE = {"I": "1l", "l": "1I", "1": "lI", "|": "1lI", "i": "1l", "t": "1", "O": "0D", "0": "O", "o": "0",
                    "B": "D", "!": "l", "A": "4"}
# two thin letters OCR ran into one ("Ferntin" for "Ferritin", "Magnesiurn" the other way round is a unit's)
_NAME_RUN_TOGETHER = {"n": ("ri",), "m": ("rn",)}
MAX_NAME_LOOK_ALIKES = 8  # look-alike letters a name may hold for its spellings to be tried
MIN_JOINED_WORD = 8  # a word this long may be two words OCR ran together ("SERUMTRIGLYCERIDES")


def ocr_name(printed: str) -> str:
    """An OCR'd test name put right against the catalogue: braces read for brackets, and, unless
    a catalogue name has exactly its words, the one catalogue name it becomes once letters OCR
    confuses are put right (`_NAME_LOOK_ALIKE`) or a run-together word is parted, or once specks
    after it are dropped (`_without_specks`; a mark after a known name too); a comma OCR read
    as a point ("MAGNESIUM. SERUM") when that spells one of the test's catalogue names. Unchanged
    when no test, or more than one, fits, or when the name as printed is near another test."""
    catalogue = _catalogue()
    printed = printed.replace("{", "(").replace("}", ")")
    if _known(catalogue, printed) is None:
        printed = _without_specks(catalogue, _respelled(catalogue, printed))
    elif (bare := printed.strip("<> ").rstrip(".,;!")) != printed and _known(catalogue, bare) is not None:
        printed = bare  # "Magnesium.", "Vitamin D>": a speck or a pen's circle by a name the catalogue knows
    return _comma_put_back(catalogue, printed)


# what OCR makes of a speck, a pen mark or show-through after a test's name: a lower-case word of one
# or two letters ("Albumin a", "INR oa oe"), rings ("MCV OO") or marks ("Magnesium."); never a
# capital letter, which may be part of a name ("Bilirubin D", "Vitamin D")
_NAME_SPECK = re.compile(r"[a-z]{1,2}|[Oo0]{2,3}|[^\w\s]+")
MAX_NAME_SPECKS = 2


# a pen's tick or circle before a name, as OCR reads it: a lower-case word of one or two letters
# ("v PSA"), marks with at most one letter ("/ WBC", "¥Y Albumin", "?"); a circle's sides are "<" and ">"
_LEADING_SPECK = re.compile(r"[a-z]{1,2}|[^\w\s]+[A-Za-z]?")


def _without_specks(catalogue, printed: str) -> str:
    """A name with the specks OCR left after it (and a pen's ticks before it, a circle's sides
    around it) dropped, when what is left is exactly a catalogue name."""
    words = re.sub(r"(?<=\w)[.,;:!]+$", r" \g<0>", printed.strip("<> ")).split()
    for lead in range(MAX_NAME_SPECKS + 1):
        if lead and (len(words) <= lead or not _LEADING_SPECK.fullmatch(words[lead - 1])):
            break
        for count in range(MAX_NAME_SPECKS + 1):
            if count and (len(words) <= lead + count or not _NAME_SPECK.fullmatch(words[-count])):
                break
            if (lead or count or printed.strip() != " ".join(words)) and \
                    _known(catalogue, name := " ".join(words[lead:len(words) - count])) is not None:
                return name
    return printed


def _known(catalogue, name: str) -> str | None:
    """The test whose catalogue name has exactly these words (a bracketed part may be left out)."""
    return catalogue.exact(name) or catalogue.exact(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", name))


def _respelled(catalogue, printed: str) -> str:
    if sum(c in _NAME_LOOK_ALIKE or c in _NAME_RUN_TOGETHER for c in printed) > MAX_NAME_LOOK_ALIKES:
        return printed
    spellings = {""}
    for c in printed:
        spellings = {s + alt for s in spellings
                     for alt in (c, *_NAME_LOOK_ALIKE.get(c, ""), *_NAME_RUN_TOGETHER.get(c, ()))}
    words = printed.split(" ")
    for k, word in enumerate(words):  # a space OCR lost between two words
        if len(word) >= MIN_JOINED_WORD and word.isalpha():
            spellings |= {" ".join([*words[:k], word[:cut], word[cut:], *words[k + 1:]])
                          for cut in range(3, len(word) - 2)}
    for spelling in list(spellings):  # a space OCR put inside a word ("Chole sterol": a typewriter font's wide
        parts = spelling.split(" ")     # letters; "HbA Ic" for "HbA1c")
        spellings |= {" ".join([*parts[:k], parts[k] + parts[k + 1], *parts[k + 2:]]) for k in range(len(parts) - 1)
                      if parts[k].isalnum() and parts[k + 1].isalnum() and parts[k][-1].isalpha()}
    fits = {s: _known(catalogue, s) for s in spellings}
    tests = {test for test in fits.values() if test}
    near = catalogue.match(printed)  # a spelling slip the catalogue forgives must be the same test
    if len(tests) != 1 or (near is not None and near.id not in tests):
        return printed
    # the spelling that changes least ("Hematocnt (Hct)" is "Hematocrit (Hct)", never "... (Hc1)")
    return min((s for s, test in fits.items() if test),
               key=lambda s: (abs(len(s) - len(printed)), sum(a != b for a, b in zip(s, printed, strict=False)),
                              -difflib.SequenceMatcher(None, s, printed).ratio(), s))


def _comma_put_back(catalogue, printed: str) -> str:
    if ". " not in printed:
        return printed
    test = catalogue.match(printed)
    with_commas = printed.replace(". ", ", ")
    if test is not None and any(with_commas.lower() == name.lower() for name in (test.name, *test.names)):
        return with_commas
    return printed


_WIDE_SPACE = re.compile(r"[^\S\t\n]")
# characters that print nothing (Unicode's "format" class: zero-width spaces and joiners, soft
# hyphens, direction marks, a byte-order mark) -- a web page's or PDF's copy carries them inside
# words and between cells, where they would make "Sod\u00adium" no name and "140\u200b" no number;
# and control characters but the tab (a PDF's glyph with no character behind it comes out as "\x00")
_PRINTS_NOTHING = ("Cf", "Cc")


def without_invisible(line: str) -> str:
    """The line without the characters that print nothing. Most lines are all printable (their
    characters are looked at once, by `str.isprintable`, which is False for these); only the others
    are read a character at a time -- no table of them built when the reader starts."""
    if line.isprintable():
        return line
    return "".join(c for c in line if c == "\t" or unicodedata.category(c) not in _PRINTS_NOTHING)


# an app's or a chat's emoji beside a result: a pointer up or down is the arrow flag it stands for
# when no flag is printed with it; every other pictograph (a tick for "normal", a warning sign
# beside "H", a drop of blood) prints no part of a result, and is dropped
_EMOJI_ARROWS = [(re.compile(r"[\U0001F53A\U0001F53C\u2B06\u23EB\U0001F4C8]++\ufe0f?(?!\s*[A-Za-z])"), "↑"),
                 (re.compile(r"[\U0001F53B\U0001F53D\u2B07\u23EC\U0001F4C9]++\ufe0f?(?!\s*[A-Za-z])"), "↓")]
# (only emoji: "♂" / "♀" before a sex's range, "★" or "✱" as a lab's flag are print's own signs, kept)
_PICTOGRAPH = re.compile(r"[\U0001F000-\U0001FAFF\u2705\u2713\u2714\u26A0\u26D4\u2757\u2755\u2753\u274C\u274E"
                         r"\u2B50\u2B55\ufe0f]+ ?")


def without_pictographs(line: str) -> str:
    for pattern, arrow in _EMOJI_ARROWS:
        line = pattern.sub(arrow, line)
    return _PICTOGRAPH.sub("", line)


def read_lines(lines: list[str], *, source_kind: str = "text", pages: int = 1,
               check_flags: bool = False) -> ReadReport:
    """Result lines from text lines; `check_flags` for OCR'd text (`judge_lines(ocr=True)`: names
    put right by `ocr_name`, and a line with any result doubtful or `unlikely` goes to "not read")."""
    report = ReadReport(source_kind=source_kind, pages=pages)
    # a no-break, thin or other wide space (a web page's "&nbsp; &nbsp;" copied) is a space, so its
    # columns part where a space's would
    # a DataFrame's print before its row numbers are taken for a gutter of line numbers: they line up its rows
    lines = without_line_numbers(read_frame_prints([ruled_as_pipes(_WIDE_SPACE.sub(" ", without_pictographs(
        without_invisible(line)))) for line in lines]))
    if not check_flags:  # a PDF's letter-spacing; OCR's own spaced points are put right in `ocr_units`
        lines = footnote_marks_apart(unspaced_figures(lines))
    lines = without_index_letters(lines)  # never flags, never a name's first word
    original = lines
    mark = decimal_mark([line for line in lines if not identifies_someone(line)])
    patient = patient_of(lines)  # the sex and age a labelled range depends on; never output
    # OCR reads a point as a comma now and then ("1,5-2.5"): a comma before one or two figures is a
    # decimal mark on either kind of report, and a thousands separator never (`DecimalMark.rewrite`)
    rewrite = DecimalMark(comma=True).rewrite if check_flags else mark.rewrite
    lines = settle_ranges(rewrite_free_text([rewrite(line) for line in lines]), patient)
    if not check_flags:  # a flag or unit wrapped onto the next line; OCR's stray marks are never joined
        lines = carry_lone_flags(join_continuations(join_wrapped_names(
            join_wrapped_ranges(read_across(lines, cell_kind, names_a_test)))))  # tests across a strip: before any joining
    if check_flags:  # a range line's unit garbled by OCR, under the value it belongs to
        lines = range_units_as_above(join_wrapped_names(lines, ocr=True))
    lines = prepare_lines(lines, starts_with_value, is_range_only, cell_kind, names_a_test, ocr=check_flags,
                          unitless=prints_no_unit)
    # the lines as printed too: a form's "Ref 30-100" lines lose their labels once parted into columns
    for line, found in judge_lines(lines, ocr=check_flags, mark=mark, printed=original):
        if found is None:
            _not_read(report, line)
            continue
        report.lines.extend(found)
    from .anywhere import fill_in

    fill_in(report, original, ocr=check_flags)  # results found by their test names wherever the layout put them
    if not check_flags:  # last: a result the page prints more about than was read is not read
        from .page_checks import set_aside_unaccounted

        set_aside_unaccounted(report, [rewrite(line) for line in original])
    return report


def _same_unit(a: str, b: str) -> bool:
    """One unit printed two ways ("x10^9/L" by the value, "x10*9/L" by its range)."""
    return a.lower() == b.lower() or normalise_unit(a) == normalise_unit(b)


def range_units_as_above(lines: list[str]) -> list[str]:
    """OCR'd lines: a range on a line of its own ("Normal range less than 21 umoV/L") whose last word
    is no unit but is one letter away from the one unit printed on the line above it ("14 umol/L"),
    or that unit once letters OCR confuses are put right ("ug/t" for "ug/L"), given that unit: a
    result block prints its range in its value's unit."""
    out = list(lines)
    for k, line in enumerate(lines):
        words = line.split()
        above = _next_text(out, k, -1)
        if len(words) < 2 or above is None or is_unit(words[-1]) or is_range_only(unlabel(line)):
            continue
        units = {u for t in tokenize(out[above]) if t.kind in ("unit", "num", "range", "cmp")
                 and (u := t.match.groupdict().get("unit"))}
        if len(units) != 1:
            continue
        unit = units.pop()
        mended = line[: line.rstrip().rfind(words[-1])] + unit
        if _garbled_as(words[-1], unit) and is_range_only(unlabel(mended)):
            out[k] = mended
    return out


def _garbled_as(word: str, unit: str) -> bool:
    """Is an OCR'd word `unit` with one letter misread, or with letters OCR confuses (`_TEST_LOOK_ALIKE`)?"""
    if len(word) == len(unit) and sum(a != b for a, b in zip(word, unit, strict=True)) == 1:
        return True
    return len(word) <= 16 and unit in (_spellings(word) or ())


MAX_SPELLINGS = 4096  # an OCR'd word with more ways to be spelled is left as it is


def _spellings(word: str) -> set[str] | None:
    """Every way an OCR'd word may be spelled once letters OCR confuses in a unit (`_TEST_LOOK_ALIKE`)
    are put right; None when there are more than MAX_SPELLINGS."""
    spellings = {""}
    for c in word:
        spellings = {s + alt for s in spellings for alt in c + _TEST_LOOK_ALIKE.get(c, "")}
        if len(spellings) > MAX_SPELLINGS:
            return None
    return spellings


_CONTINUES = {"range", "cmp", "flag", "unit", "mark", "noref"}


_DANGLING_RANGE = re.compile(r"(?<![^\s(\[])(\d+(?:[.,]\d+)?)\s*(?:-|–|to)(?=\s{2,}|\s*$)")
_LONE_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*")


def join_wrapped_ranges(lines: list[str]) -> list[str]:
    """A range's high end wrapped under it in a narrow column ("Ferritin   30 -   338   ug/L" then
    "400" alone on the next line) put back after its dash ("30 - 400"). Left as printed, the dash's
    low end and the next cell read as one range (an aligned range prints "30 -   338" too) and the
    lone number as the missing value: a wrong read. Only when the row holds one range left open
    and the line under it is one number above its low end."""
    out = list(lines)
    for k in range(len(lines) - 1):
        lone = _LONE_NUMBER.fullmatch(lines[k + 1])
        opened = list(_DANGLING_RANGE.finditer(lines[k]))
        if lone is None or len(opened) != 1 or out[k] != lines[k]:
            continue
        low, high = opened[0].group(1), lone.group(1)
        if float(high.replace(",", ".")) <= float(low.replace(",", ".")):
            continue
        end = opened[0].end()
        out[k] = f"{lines[k][:end].rstrip()} {high}{lines[k][end:]}"
        out[k + 1] = ""
    return out


def join_continuations(lines: list[str]) -> list[str]:
    """A result's flag or unit (with or without its range) wrapped onto the line under it, as a
    forwarded e-mail or a narrow portal breaks a line ("Alkaline Phosphatase 188 U/L" then "(range 44 -
    147) HIGH"), joined to it -- only when the line above reads as one result that lacks every piece
    the line under it holds, and the joined line reads as that same result. A line holding only a
    range is left to `columns.join_range_lines`."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous.strip() and line.strip() and _wrapped_rest(previous, line):
            out[-1] = previous.rstrip() + " " + line.strip()
            out.append("")
            continue
        out.append(line)
    return out


def join_wrapped_names(lines: list[str], *, ocr: bool = False) -> list[str]:
    """A test's name wrapped onto two lines, joined into one line when the joined name is a catalogue
    test ("cholesterol" alone would be read as total cholesterol; a section heading above a row,
    "Chemistry", makes no test's name). Wrapped either way a narrow name column wraps it:
    - the result on the second line ("LDL" then "cholesterol   2.9   [<3]   mmol/L"), the first line
      holding no result and no column gap (`_wrapped_heads`);
    - the result on the first line, the name's end alone on the next ("Alkaline   39   U/L" then
      "Phosphatase": `_wrapped_ends`; not on OCR'd lines, whose stray words may be specks).
    A line that could end the name above or begin the one below ("Total" between "Bilirubin,  1.6"
    and "PSA,  4.3") is joined the way the page's other wrapped names go; neither way on a tie.
    On `ocr` lines a pen's tick before the first part ("/   LDL", `_LEADING_SPECK`) is dropped."""
    heads = dict(_wrapped_heads(lines, ocr))
    ends = {} if ocr else dict(_wrapped_ends(lines))
    both = heads.keys() & ends.keys()
    ends_first = len(ends.keys() - both) - len(heads.keys() - both)  # the page's own way, by its other names
    out = list(lines)
    for k in sorted(heads.keys() | ends.keys()):
        if k in both and not ends_first:
            continue
        if k in heads and (k not in both or ends_first < 0):
            if out[k + 1] == lines[k + 1]:
                out[k], out[k + 1] = "", heads[k]
        elif out[k - 1] == lines[k - 1]:
            out[k - 1], out[k] = ends[k], ""
    return out


def _wrapped_heads(lines: list[str], ocr: bool):
    """(k, the joined line) for each line k that is the first part of the name of the result on line k + 1."""
    for k in range(len(lines) - 1):
        head, line = lines[k].strip(), lines[k + 1]
        if ocr and len(words := head.split()) > 1 and _LEADING_SPECK.fullmatch(words[0]) and not words[0].isalpha():
            head = " ".join(words[1:])
        if not _NAME_PART.match(head):
            continue
        try:
            if parse_line(head):
                continue
        except Unreadable:
            continue
        name = _row_name(line)
        rest = line.strip()[len(name or ""):]
        if not name or name.lower() in HEADING_ROLE or rest.lstrip().startswith(":"):
            continue  # "Potassium" then "Value: 7.2 mmol/L": a label under the name, read by the labelled forms
        if _catalogue().match(f"{head} {name}") is not None:
            yield k, f"{head} {line.strip()}"


def _wrapped_ends(lines: list[str]):
    """(k, the joined line) for each line k that is the end of the name of the one result on line k - 1."""
    for k in range(1, len(lines)):
        tail = lines[k].strip()
        if not _NAME_END.fullmatch(tail) or tail.lower() in HEADING_ROLE or \
                any(t.kind not in ("word", "unit") for t in tokenize(tail)):
            continue
        name = _row_name(lines[k - 1])
        if name and _catalogue().match(f"{name} {tail}") is not None:
            yield k, lines[k - 1].replace(name, f"{name} {tail}", 1)


def _row_name(line: str) -> str | None:
    """The name a result row starts with: its one result's name, or on a row the line reader cannot
    read alone (a table's columns in another order or an extra column, rewritten later by its
    headings) its first cell when that is words and a later cell holds a value."""
    try:
        found = parse_line(line.strip())
    except Unreadable:
        found = []
    if len(found) == 1 and line.strip().startswith(found[0].printed_name):
        return found[0].printed_name
    cells = split_cells(line)
    if len(found) > 1 or len(cells) < 2 or not _NAME_END.fullmatch(cells[0]) or \
            not any("value" in cell_kind(c) for c in cells[1:]):
        return None
    return cells[0]


# the end of a wrapped name: up to three words with a letter, brackets and commas allowed ("Phosphatase",
# "(SGPT)", "25-Hydroxy", "T4")
_NAME_END = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9(][A-Za-z0-9\-,()]*(?: [A-Za-z0-9(][A-Za-z0-9\-,()]*){0,2}")


# the first part of a wrapped name: up to four plain words ("White cell", "25-OH Vitamin", "Bilirubin,"), no other marks
_NAME_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-]*,?(?: [A-Za-z][A-Za-z\-]*,?){0,3}$")


INDEX_MIN_LETTERS = 3  # an A-Z index shows at least this many initial letters


def without_index_letters(lines: list[str]) -> list[str]:
    """An A-Z index's initial letters dropped: lines each a lone capital letter ("A", "C", "H", "L": no
    flags, no part of a name) or "0-9" (no range), in alphabetical order down the page, each followed by a line whose name
    begins with that letter. At least `INDEX_MIN_LETTERS` such lines; any other lone letter stays."""
    heads = [k for k, line in enumerate(lines) if re.fullmatch(r"[A-Z]|0-9", line.strip())
             and (j := _next_text(lines, k, 1)) is not None and _initial(lines[j]) == line.strip()]
    letters = [lines[k].strip() for k in heads]
    if len(heads) < INDEX_MIN_LETTERS or letters != sorted(set(letters)):
        return lines
    return ["" if k in heads else line for k, line in enumerate(lines)]


def _initial(line: str) -> str:
    """The index letter a line's name files under ("0-9" for a name starting with a figure: "25-OH vitamin D")."""
    first = line.lstrip()[:1].upper()
    return "0-9" if first.isdigit() else first


def carry_lone_flags(lines: list[str]) -> list[str]:
    """A flag printed on a line of its own between two result rows (written by hand beside a value's
    box, a little above its row) joined to the one row it fits: the row next to it (the nearest
    line above or below, blank lines passed over) that reads as one result without a flag, whose
    value its own range puts on the flag's side (either side for an abnormal flag, "A", "*"; a
    result in words other than its range's words too). Left alone when neither row or both fit."""
    out = list(lines)
    for k, line in enumerate(lines):
        tokens = tokenize(line.strip())
        if len(tokens) != 1 or tokens[0].kind != "flag" or _flag_side(tokens[0].text) is None:
            continue
        fits = [j for j in (_next_text(out, k, -1), _next_text(out, k, 1))
                if j is not None and _flag_fits(out[j], tokens[0].text)]
        if len(fits) == 1:
            out[fits[0]] = out[fits[0]].rstrip() + "   " + tokens[0].text
            out[k] = ""
    return out


def _next_text(lines: list[str], k: int, step: int) -> int | None:
    j = k + step
    while 0 <= j < len(lines) and not lines[j].strip():
        j += step
    return j if 0 <= j < len(lines) else None


_ABNORMAL_FLAGS = {"A", "A*", "AA", "*", "**", "!", "!!", "ABN", "ABNORMAL"}  # outside the range, either way


def _flag_side(flag: str) -> str | None:
    flag = flag.strip("()[]").upper()
    if flag in _ABNORMAL_FLAGS:
        return "either"
    return "high" if flag in _HIGH_FLAGS else "low" if flag in _LOW_FLAGS else None


def _flag_fits(row: str, flag: str) -> bool:
    try:
        found = parse_line(unlabel(row))
    except Unreadable:
        return False
    if len(found) != 1 or found[0].flag or found[0].value_text[:1] in "<>":
        return False
    result = found[0]
    side = _flag_side(flag)
    if result.value is None:  # a result in words ("Positive" against "Negative") fits an abnormal flag
        return side == "either" and bool(result.range_text) and \
            result.value_text.lower().replace(" ", "") != result.range_text.lower().replace(" ", "")
    high = result.range_high is not None and result.value > result.range_high
    low = result.range_low is not None and result.value < result.range_low
    return high if side == "high" else low if side == "low" else high or low


def _wrapped_rest(previous: str, line: str) -> bool:
    tokens = tokenize(unlabel(line).strip())
    if not tokens or any(t.kind not in _CONTINUES for t in tokens) or not any(t.kind in ("flag", "unit") for t in tokens):
        return False
    if all(t.kind in ("flag", "mark") for t in tokens) and re.search(r"\S(?:\s{2,}|\t|\|)\S", previous):
        return False  # a lone flag between table rows may be the next row's, set a little high
    try:
        above = parse_line(unlabel(previous))
        joined = parse_line(unlabel(previous.rstrip() + " " + line.strip()))
    except Unreadable:
        return False
    if len(above) != 1 or len(joined) != 1:
        return False
    before, after = above[0], joined[0]
    kinds = {t.kind for t in tokens}
    return (after.printed_name == before.printed_name and after.value_text == before.value_text
            and not ("flag" in kinds and before.flag) and not ("unit" in kinds and before.unit)
            and not (kinds & {"range", "cmp", "noref"} and has_range(before)))


def unlikely(result: ReportLine) -> str | None:
    """Why an OCR'd result cannot be right (a decimal point lost from its range's upper end; for a
    catalogue test, `lab_catalogue.implausible`: a
    unit the test is never reported in, a range upside down or far from the usual one, a value
    of a tightly held test far outside its range), or None. A name no test matches is not judged."""
    from healthlib.model.lab_catalogue import implausible

    if result.range_text and _point_lost_in_range(result.range_text):
        return "a decimal point lost from the range's upper end"
    if result.range_text and _bracket_read_as_figure(result.range_text):
        return "a range's closing bracket read as a figure"
    if _LEADING_ZERO.search(f"{result.value_text} {result.range_text or ''}"):
        return "a decimal point lost after a leading zero"
    if _point_lost_in_value(result):
        return "a decimal point lost from the value"
    test = _catalogue().match(result.printed_name)
    if test is None:
        return None
    return implausible(test, result.value, result.unit, result.range_low, result.range_high)


# "04-45" for "0.4-4.5", "05" for "0.5": no lab prints a whole number with a leading zero, so OCR lost
# the point after it (and the other numbers' points with it, as like as not)
_LEADING_ZERO = re.compile(r"(?<![\d.,])0\d")


def _point_lost_in_value(result: ReportLine) -> bool:
    """"13" for "1.3" beside "(<1.7)": a whole-number value outside the report's own range, where
    the range is printed with decimal places and the value with a point put back (a tenth, or a
    hundredth for a range printed to two places) is inside it. On a report without flags nothing
    else shows the point was lost; a lab prints a test's values to the places of its range, so a
    true value this far out is printed with them ("13.0") and is still read."""
    if result.value is None or not re.fullmatch(r"\d+", result.value_text) or not result.range_text:
        return False
    places = max((len(m) for m in re.findall(r"\d\.(\d+)", result.range_text)), default=0)

    def inside(number: float) -> bool:
        return ((result.range_low is None or number >= result.range_low)
                and (result.range_high is None or number <= result.range_high))

    if places == 0 or (result.range_low is None and result.range_high is None) or inside(result.value):
        return False
    return any(inside(result.value / 10 ** k) for k in range(1, min(places, 2) + 1))


_UNCLOSED_RANGE = re.compile(r"^[(\[{]\s*\d+(?:\.(\d+))?\s*(?:-|–|to)\s*\d+\.(\d+)\s*$")


def _bracket_read_as_figure(range_text: str) -> bool:
    """"(3.5 - 5.33" for "(3.5 - 5.3)": a bracketed range left open whose upper end has more decimal
    places than its lower end (a lab prints both ends to the same places): OCR read the closing bracket
    as a last figure ("3", "1", "7"). A whole lower end ("(2 - 7.8") tells nothing, and is left."""
    m = _UNCLOSED_RANGE.match(range_text.strip())
    return bool(m) and m.group(1) is not None and len(m.group(2)) > len(m.group(1))


def _point_lost_in_range(range_text: str) -> bool:
    """"13.2 to 171" for "13.2 to 17.1", "0.4-45" for "0.4-4.5": a range whose low end has a decimal
    point and whose upper end, with two figures or more and none after a point, is over ten times
    the low end."""
    ends = re.findall(r"\d+(?:\.\d+)?", range_text)
    if len(ends) != 2 or "." not in ends[0] or "." in ends[1] or len(ends[1]) < 2:
        return False
    return float(ends[1]) > 10 * float(ends[0]) > 0


def _not_read(report: ReadReport, line: str) -> None:
    text = scrub(line)
    if text and text not in report.not_read:
        report.not_read.append(text)


# ---- what a cell or a line can be, for `columns.prepare_lines` ----------------------------------------
def cell_kind(cell: str) -> set[str]:
    """What one table cell can hold: "value" (a number, comparison or word result, maybe with its
    unit or a flag glued on), "number" (a bare number), "unit", "flag", "range", "dash"."""
    tokens = tokenize(cell)
    kinds: set[str] = set()
    if not tokens:
        return kinds
    if cell.strip() in ("-", "--", "---", "–", "—", "n/a", "N/A", "NA"):
        return {"dash"}
    first, rest = tokens[0], tokens[1:]
    if len(tokens) == 1 and first.kind == "unit" and not first.text.startswith(("(", "[")):
        kinds.add("unit")
    if len(tokens) == 1 and first.kind == "flag":
        kinds.add("flag")
    pieces = [t for t in rest if t.kind != "mark"]  # a footnote mark beside the value ("94 #")
    if first.kind in ("num", "cmp", "qual") and all(t.kind in ("unit", "flag") for t in pieces) and len(pieces) <= 2:
        kinds.add("value")
    if len(tokens) == 1 and first.kind == "num" and not first.match.group("unit") and not first.match.group("flag"):
        kinds.add("number")
    if first.kind in ("range", "cmp", "qual") and all(t.kind == "unit" for t in rest) and len(rest) <= 1:
        kinds.add("range")
    if first.kind == "noref" and not rest:
        kinds.add("range")
    return kinds


def names_a_test(name: str) -> bool:
    """Does a printed name (as OCR may have spelled it) name a catalogue test?"""
    return _catalogue().match(ocr_name(name)) is not None


def prints_no_unit(name: str) -> bool:
    """Is a catalogue test's result printed without a unit (the INR: a ratio; a result in words)?"""
    test = _catalogue().match(name)
    return test is not None and (test.unit in (None, "ratio") or test.kind == "qualitative")


def starts_with_value(line: str) -> bool:
    """Does a line hold one value with its unit or range (or a result in words), and nothing before it?"""
    tokens = tokenize(line)
    if not tokens or tokens[0].kind not in ("num", "cmp", "qual"):
        return False
    try:
        found = parse_line("Test " + line)
    except Unreadable:
        return False
    # a bare number ("45" under a person's name: an age) is never joined to the line above
    return len(found) == 1 and (found[0].value is None or not _bare(found[0]))


def is_range_only(line: str) -> bool:
    """Is a line only a reference range ("(7 to 20)", "0.1 to 1.2 mg/dL", "(Negative)")?"""
    return "range" in cell_kind(line.strip().removeprefix("(").removesuffix(")"))


def read_text(text: str) -> ReadReport:
    """Results from pasted report text."""
    return read_lines(text[:MAX_TEXT].splitlines(), source_kind="text")
