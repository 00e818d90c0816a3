"""Results found by their test names, wherever they are printed: the layout-agnostic last step of
reading a report's text.

The structured readers (`report_text`, `columns`, `across`, `free_text`) know report shapes. This
reader knows none: it finds each catalogue test's name (its names and abbreviations, exactly as the
catalogue spells them) anywhere in the text, then the pieces that follow it -- on the same line, or
on the next few lines when the name's line holds nothing else ("Sodium" / "140 mmol/L" / "Normal
range: 133 - 146") -- in any order, between words a report uses as labels ("Result:", "Units",
"Reference range", "Bio. Ref. Interval", "Observed value", JSON-ish `"value":` keys). Markdown
pipes, quotes and braces are column gaps here.

Safety over reach. A result is kept only when everything is accounted for:
- the name starts its line, a column, or follows a label or a chat-message time stamp -- never a word
  of prose ("Previous sodium 138" is not read);
- every word between the name and its last piece is a known label; an unknown word ends the search;
- exactly one value: a second candidate (a previous result, a low and a high column) refuses it;
- at most one range, one unit and one flag; the unit is one the catalogue knows for the test (or
  the test prints none), the value and range plausible for it (`lab_catalogue.implausible`), and
  the flag agrees with the range;
- on a report that prints a range beside nearly every result, one without a range is refused.
On a page printed value first (`_value_first`: lines "140 mmol/L  Sodium  133 - 146"), the value
before a name is its own, and the figures before the next name on its line, or on the line under it,
are the next test's, never this one's.
A range in words ("below 48") is never a value, so a comment ("Target below 48 mmol/mol") never
becomes a result. What is refused is returned as a line not read, never guessed.

On OCR'd lines (`ocr`) a result is kept only on stronger evidence, since a figure OCR was unsure of
("⁇") may be its range or part of its value: no such word between its name and the next name (on
every line it was taken from), a range printed, a unit (one the test is reported in, as for any
text) unless the test prints none, and the text reader's OCR checks passed (`report_text.doubtful`, `unlikely`: a
flag contradicting the range on a report that flags, a decimal point lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthlib.model.lab_catalogue import implausible
from healthlib.model.lab_report import ReadReport, ReportLine
from healthlib.model.labtest import LabTest
from healthlib.readers.labfiles.image import UNSURE

from .catalogue import builtin_catalogue
from .columns import AMBIGUOUS, FLAG_IN_BRACKETS, dated_columns, headings
from .decimal_mark import decimal_mark
from .free_text import DOT_LEADER  # dot leaders ("Sodium ....... 140"): a column gap
from .privacy import identifies_someone, scrub
from .range_forms import patient_of, settle_ranges
from .report_text import (
    Token,
    Unreadable,
    against_title,
    comparator_apart,
    doubtful,
    flag_disagrees,
    headed,
    ocr_name,
    parse_line,
    read_poorly,
    title_sides,
    titles_over,
    tokenize,
    unlikely,
    uses_flags,
    uses_ranges,
)

MAX_NAME_WORDS = 7  # words of the longest catalogue name tried at one place
MAX_LINES_BELOW = 4  # lines (not counting blank ones) under a name alone that may hold its pieces
MAX_BLANKS_BELOW = 2  # blank lines between a name alone and its value
VALUE_FIRST_LINES_MIN = 2  # lines that start "140 mmol/L  Sodium" making a page one printed value first

# words a report prints as labels before or between a result's pieces, by the piece they introduce: a
# label is one to four of them ("Reference range:", "Bio. Ref. Interval", "Your value", "ref_range")
_LABEL_WORDS = {
    "range": {"reference", "ref", "range", "ranges", "interval", "intervals", "normal", "standard", "expected",
              "bio", "biological"},
    "value": {"result", "results", "value", "values", "observed", "current", "reading", "measured"},
    "unit": {"unit", "units", "uom"},
    "flag": {"flag", "flags", "status", "abnormal", "interpretation"},
    "name": {"test", "name", "analyte", "component", "investigation", "parameter", "item"},
}
_LABEL_FILLERS = {"your", "the", "of", "this"}
_LABEL_ORDER = ["range", "value", "unit", "flag", "name"]  # the role of a label whose words name two
_LONGEST_LABEL = 4
_PUNCTUATION = {"-", "–", "—", ":", ",", ";", "=", "|", "/", "·", "•", "*", "**", "(", ")", "[", "]"}
# a chat message's time stamp before the speaker ("[10:32] Lab:", "10:32 -", "(9:05 am)")
_TIME_STAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?[\])]?\s*[-–:]?\s*(?:[A-Za-z][\w .']{0,24}:\s+)?",
                         re.IGNORECASE)
_RULE = re.compile(r"[.\-_…·•*=~]{2,}")  # a short dot leader or rule between a name and its value ("ALT .. 26")
_SENTENCE_END = re.compile(r"(?<=[)\]])\.(?=\s|$)")
_NAME_UNIT = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]$")  # "Sodium (mmol/L)": the unit printed in the name's column
_MARKUP = re.compile(r"[|\"{}`]|\*\*|__")  # pipes, JSON quotes and braces, bold marks: column gaps


@dataclass
class _Found:
    test: LabTest
    name: str
    line: int  # index of the name's line
    lines: set[int] = field(default_factory=set)  # every line a piece was taken from


@dataclass
class AnywhereReading:
    """What the fallback read: results with the test each is and the lines it came from, and the
    refused results' text (scrubbed)."""

    results: list[tuple[ReportLine, LabTest, set[int]]] = field(default_factory=list)
    refused: list[tuple[LabTest, str, str]] = field(default_factory=list)  # test, text, why


def _label_key(text: str) -> str:
    return text.lower().strip("()[]:,;'\"").strip()


def _clean(line: str) -> str:
    """A line with its markup made column gaps, and a chat message's time stamp and speaker dropped."""
    line = _TIME_STAMP.sub("   ", line, count=1)
    line = FLAG_IN_BRACKETS.sub(r"\1", line)  # "(High)": the flag
    line = _SENTENCE_END.sub("", line)  # "PSA 3.4 ng/mL (<4).": a message's full stop
    return _MARKUP.sub("   ", DOT_LEADER.sub("   ", line))


def _tokens(text: str) -> list[Token]:
    """The text reader's tokens, each gap measured from the end of the word before it (a range's
    pattern takes the spaces after it, which would hide a column gap)."""
    tokens = tokenize(text)
    for before, tok in zip(tokens, tokens[1:], strict=False):
        between = text[before.match.start() + len(before.match.group(0).rstrip()): tok.match.start()]
        tok.gap = 2 if "\t" in between else len(between)
    return tokens


def _name_at(tokens: list[Token], i: int, *, ocr: bool = False) -> tuple[LabTest, int] | None:
    """The catalogue test whose name starts at token i (the longest that fits), with the index after it;
    on `ocr` lines also a name OCR misspelled that the text reader puts right (`ocr_name`: "HbAic")."""
    catalogue = builtin_catalogue()
    for end in range(min(len(tokens), i + MAX_NAME_WORDS), i, -1):
        if end > i + 1 and tokens[end - 1].column_break:
            continue  # a name never runs across a column gap
        words = [t for t in tokens[i:end]]
        if any(t.kind not in ("word", "unit", "flag", "qual") for t in words) or any(
                t.column_break for t in words[1:]) or any(t.text.endswith(":") for t in words[:-1]):
            continue  # "Test: Sodium": a label before a name is no part of it
        printed = " ".join(t.text for t in words).rstrip(":,;").strip()
        if not re.search(r"[^\W\d_]", printed) or not all(re.search(r"[^\W_]", t.text) for t in words):
            continue  # a bullet, a dash or a mark beside a name is no part of it
        bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", printed)
        if catalogue.exact(printed) is None and (not bare.strip() or catalogue.exact(bare) is None):
            if not ocr or catalogue.exact(respelled := ocr_name(printed)) is None:
                continue
            printed = respelled
        test = catalogue.match(printed)
        if test is not None:
            return test, end
    return None


def _label_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A label's role and the index after it ("Reference range:", "Bio. Ref. Interval", "(ref")."""
    for end in range(min(len(tokens), i + _LONGEST_LABEL), i, -1):
        if any(t.kind not in ("word", "unit") for t in tokens[i:end]) or any(
                t.text.endswith(":") for t in tokens[i:end - 1]):
            continue
        role = _label_role(" ".join(t.text for t in tokens[i:end]))
        if role is not None:
            return role, end
    return None


def _label_role(text: str) -> str | None:
    words = [w for w in re.split(r"[\s_.]+", _label_key(text)) if w]
    if not words or any(w in _LABEL_FILLERS for w in words[-1:]):
        return None
    roles = set()
    for word in words:
        role = next((role for role in _LABEL_ORDER if word in _LABEL_WORDS[role]), None)
        if role is None and word not in _LABEL_FILLERS:
            return None
        roles.add(role)
    return next((role for role in _LABEL_ORDER if role in roles), None)


def _may_start_name(tokens: list[Token], i: int, after_separator: bool = True) -> bool:
    """A name starts a line, a column, or follows a label or punctuation only -- never prose; or,
    with `after_separator`, a separator ("Na 140, K 4.1": read only after a result read on its line,
    since "(70-99); Chloride" may be the end of another result run into this one)."""
    if i == 0 or tokens[i].column_break or after_separator and tokens[i - 1].text in (",", ";"):
        return True
    j = 0
    while j < i:
        if tokens[j].text in _PUNCTUATION:
            j += 1
            continue
        label = _label_at(tokens, j)
        if label is None or label[1] > i:
            return False
        j = label[1]
    return True


class _Refused(Exception):
    pass


@dataclass
class _Pieces:
    value: Token | None = None
    unit: str | None = None
    range: Token | None = None
    flag: Token | None = None
    seen_value: bool = False

    def complete(self) -> bool:
        return self.value is not None and self.unit is not None and self.range is not None and self.flag is not None


def _take(pieces: _Pieces, tokens: list[Token], i: int, role: str | None) -> int:
    """Take one piece at token i into `pieces` (raise _Refused on a second of a kind); the index after it."""
    tok = tokens[i]
    wordy_cmp = tok.kind == "cmp" and re.match(r"[\(\[]?\s*[A-Za-z]", tok.text)
    if tok.kind == "num" or (tok.kind in ("cmp", "qual") and role != "range" and not wordy_cmp
                             and pieces.value is None and not (tok.kind == "qual" and tok.text.startswith(("(", "[")))):
        if pieces.value is not None or tok.kind == "num" and role == "range":
            raise _Refused("a second value")
        pieces.value = tok
        if tok.kind in ("num", "cmp") and tok.match.group("unit"):
            _unit(pieces, tok.match.group("unit"))
        if tok.kind == "num" and tok.match.group("flag"):
            _flag(pieces, tok)
    elif tok.kind in ("range", "cmp", "qual"):
        if pieces.range is not None:
            raise _Refused("a second range")
        if pieces.value is None and tok.kind == "qual":
            raise _Refused("a range in words before the value")
        pieces.range = tok
        if tok.kind in ("range", "cmp") and tok.match.group("unit"):
            _unit(pieces, tok.match.group("unit"))
    elif tok.kind == "unit":
        _unit(pieces, tok.match.group("unit"))
    elif tok.kind == "flag":
        _flag(pieces, tok)
    elif tok.kind == "noref":
        raise _Refused("the range is given in a note")
    return i + 1


def _unit(pieces: _Pieces, unit: str) -> None:
    if pieces.unit is not None and pieces.unit.lower() != unit.lower():
        raise _Refused("two units")
    pieces.unit = unit


def _flag(pieces: _Pieces, tok: Token) -> None:
    if pieces.flag is not None:
        raise _Refused("two flags")
    pieces.flag = tok


_PIECES = {"num", "cmp", "qual", "range", "unit", "flag", "noref"}


def _scan(pieces: _Pieces, tokens: list[Token], i: int, stop: int) -> tuple[int, bool]:
    """Pieces from tokens[i:stop]; (where it stopped, whether it stopped at a word it does not know)."""
    role: str | None = None
    while i < stop:
        tok = tokens[i]
        if tok.text in _PUNCTUATION or tok.kind == "mark" or _RULE.fullmatch(tok.text):
            i += 1
            continue
        label = _label_at(tokens, i)
        if label is not None and label[1] <= stop and tok.kind in ("word", "unit"):
            if tok.kind == "unit" and label[0] != "unit":
                pass  # a unit that is also a label word: read as the unit
            else:
                role, i = label
                if role == "name":
                    return i, True
                continue
        if tok.kind == "word" and (inner := _unbracketed(tok)) is not None:
            tokens = [*tokens[:i], inner, *tokens[i + 1:]]
            tok = inner
        if tok.kind in _PIECES:
            i = _take(pieces, tokens, i, role)
            role = None
            continue
        if re.search(r"\d", tok.text) and pieces.value is not None:
            raise _Refused("a figure not accounted for")  # "(<4)x": maybe this result's range, unread
        return i, True
    return i, False


def _unbracketed(tok: Token) -> Token | None:
    """A piece that closes a label's bracket ("(reference range Negative)"): the piece."""
    inner = tok.text.strip("()[]")
    found = tokenize(inner) if inner != tok.text else []
    return found[0] if len(found) == 1 and found[0].kind in _PIECES and found[0].text == inner else None


def _result(found: _Found, pieces: _Pieces, *, ocr: bool = False) -> ReportLine:
    """The result as the text reader's grammar reads it (`parse_line`), checked against the catalogue
    (on OCR'd text, more strictly: see the module's words)."""
    if pieces.value is None:
        raise _Refused("no value")
    test = found.test
    if ocr and pieces.range is None:
        raise _Refused("no range read on OCR'd text")
    if test.kind == "qualitative" and pieces.value.kind != "qual" or test.kind != "qualitative" and pieces.value.kind == "qual":
        raise _Refused("a value of the wrong kind for the test")
    parts = [found.name, pieces.value.text]
    if pieces.unit and not (pieces.value.kind in ("num", "cmp") and pieces.value.match.group("unit")):
        parts.append(pieces.unit)
    if pieces.flag is not None and not (pieces.value.kind == "num" and pieces.value.match.group("flag")):
        parts.append(pieces.flag.text)
    if pieces.range is not None:
        parts.append(_balanced(pieces.range.text))
    try:
        read = parse_line("   ".join(parts))
    except Unreadable as exc:
        raise _Refused(str(exc)) from None
    if len(read) != 1 or read[0].printed_name not in (found.name, _NAME_UNIT.sub("", found.name)):
        raise _Refused("does not read as one result")
    line = read[0]
    if line.unit is not None and not test.knows_unit(line.unit) and test.to_canonical(1.0, line.unit) is None:
        raise _Refused("a unit the test is not reported in")
    if ocr and line.unit is None and not _prints_no_unit(test):
        raise _Refused("no unit read on OCR'd text")
    if test.kind != "qualitative" and (why := implausible(test, line.value, line.unit, line.range_low,
                                                          line.range_high)):
        raise _Refused(why)
    if line.flag and flag_disagrees(line):
        raise _Refused("the flag disagrees with the range")
    return line


def _prints_no_unit(test: LabTest) -> bool:
    return test.unit in (None, "ratio") or test.kind == "qualitative"


def _unsure_between(tokens: list[Token], start: int, stop: int) -> bool:
    """A word OCR was unsure of among tokens[start:stop]."""
    return any(UNSURE in t.text for t in tokens[start:stop])


def _balanced(text: str) -> str:
    """A piece without the bracket of a label it followed ("(reference range <5.7)" -> "<5.7")."""
    for opening, closing in ("()", "[]"):
        if text.endswith(closing) and opening not in text:
            text = text[:-1].rstrip()
        if text.startswith(opening) and closing not in text:
            text = text[1:].lstrip()
    return text


def _value_lead(tokens: list[Token], i: int, *, unit_needed: bool = True) -> int:
    """Where a value printed before the name at token i starts ("140 mmol/L  Sodium", at the line's
    start or a column's; without `unit_needed` also "1.1  INR", "Negative  Urine protein"); i when none is."""
    j = i
    while j > 0 and i - j < 2 and tokens[j - 1].kind == "unit":
        j -= 1
    kinds = ("num", "cmp") if unit_needed else ("num", "cmp", "qual")
    # the name starts a column, or follows its unit straight on ("39   mL/min/1.73m2 eGFR": a long unit
    # filling its column)
    if j == 0 or tokens[j - 1].kind not in kinds or not (tokens[i].column_break or j < i):
        return i
    value = tokens[j - 1]
    unit = j < i or value.kind != "qual" and value.match.group("unit")
    if (j - 1 > 0 and not value.column_break) or unit_needed and not unit:
        return i
    return j - 1


def _after_unit(tokens: list[Token], i: int) -> bool:
    """On a page printed value first, a name may follow its value's unit straight on ("39   mL/min/1.73m2 eGFR")."""
    return i > 0 and tokens[i - 1].kind == "unit" and _value_lead(tokens, i) < i


def _value_first(token_lines: list[list[Token]]) -> bool:
    """Does the page print its results value first ("140 mmol/L  Sodium  133 - 146")? Then the value
    (with its unit, or without: "1.1  INR") before a test's name is that test's, never the end of the
    result before it."""
    led = 0
    for tokens in token_lines:
        named = next((j for j in range(1, min(len(tokens), 4)) if tokens[j].column_break and _name_at(tokens, j)), None)
        led += named is not None and _value_lead(tokens, named) == 0
    return led >= VALUE_FIRST_LINES_MIN


def read_anywhere(lines: list[str], *, ocr: bool = False) -> AnywhereReading:
    """Results found by their test names anywhere in a report's text lines (see the module's words);
    `ocr` for OCR'd lines."""
    reading = AnywhereReading()
    if any(_has_history_columns(line) for line in lines):
        return reading  # a table with earlier results beside the current one: only its headings tell them apart
    mark = decimal_mark([line for line in lines if not identifies_someone(line)])
    kept = ["" if identifies_someone(line) else line for line in lines]
    settled = settle_ranges([mark.rewrite(line) for line in kept], patient_of(lines))
    texts = [_clean(line) if not line.startswith(AMBIGUOUS) else "" for line in settled]
    token_lines = [_tokens(text) for text in texts]
    value_first = _value_first(token_lines)
    barred = {k for k, line in enumerate(settled) if line.startswith(AMBIGUOUS) or mark.ambiguous(line)}
    wrapped: set[int] = set()
    for k, tokens in enumerate(token_lines):
        i = 0
        anchored = k in wrapped  # a result on this line: a separator after it may start another
        while i < len(tokens):
            named = _name_at(tokens, i, ocr=ocr) if _may_start_name(tokens, i, anchored) or value_first and _after_unit(tokens, i) \
                else None
            if named is None:
                i += 1
                continue
            test, after = named
            anchored = True
            name = " ".join(t.text for t in tokens[i:after]).rstrip(":,;").strip()
            found = _Found(test, name, k, {k})
            stop = next((j for j in range(after, len(tokens)) if (_may_start_name(tokens, j) or value_first and _after_unit(tokens, j))
                         and _name_at(tokens, j, ocr=ocr)),
                        len(tokens))
            pieces = _Pieces()
            try:
                if ocr and _unsure_between(tokens, after, stop):
                    raise _Refused("a word OCR was unsure of beside it")
                if value_first:  # its own value and unit before it; the next name's before that one
                    _scan(pieces, tokens, _value_lead(tokens, i, unit_needed=False), i)
                    stop = _value_lead(tokens, stop, unit_needed=False) if stop < len(tokens) else stop
                end, unknown = _scan(pieces, tokens, after, stop)
                line_done = end >= len(tokens) and not unknown
                below, blanks = k + 1, 0
                while (line_done and not pieces.complete() and below < len(token_lines)
                       and len(found.lines) <= MAX_LINES_BELOW):
                    under = token_lines[below]
                    if not under:
                        blanks += 1
                        if pieces.value is not None or blanks > MAX_BLANKS_BELOW:
                            break
                        below += 1
                        continue
                    # the pieces before the next name on a line under (a message wrapped after its value:
                    # "Hemoglobin 6.0 g/dl" / "(11.7-15.5) LL; Triglycerides ...") are this result's
                    first = next((j for j in range(len(under)) if (_may_start_name(under, j) or value_first and _after_unit(under, j))
                                  and _name_at(under, j, ocr=ocr)),
                                 len(under))
                    if value_first and first < len(under):
                        first = _value_lead(under, first, unit_needed=False)
                    # a table's heading line starts the next table: its "Result (ng/mL)" is not this result's unit
                    if first == 0 or headings(settled[below]) is not None:
                        break
                    if ocr and _unsure_between(under, 0, first):
                        raise _Refused("a word OCR was unsure of under it")
                    trial = _Pieces(**vars(pieces))
                    end_under, unknown_under = _scan(trial, under, 0, first)
                    if unknown_under or end_under < first:
                        if pieces.range is None and any(t.kind in ("range", "cmp") for t in under[:first]):
                            raise _Refused("a range under it that does not read")  # "neyerence range: 38.5-50"
                        break
                    pieces = trial
                    found.lines.add(below)
                    if first < len(under):
                        wrapped.add(below)  # its head is the result above's end
                        break
                    below += 1
                if found.lines & barred:
                    raise _Refused("a line not to be read")
                line = _result(found, pieces, ocr=ocr)
                reading.results.append((line, test, found.lines))
            except _Refused as why:
                if pieces.value is not None or str(why) not in ("no value",):
                    text = scrub(" ".join(settled[j].replace(AMBIGUOUS, "").strip() for j in sorted(found.lines)))
                    reading.refused.append((test, text, str(why)))
            i = after
    if uses_ranges([[r for r, _, _ in reading.results]], settled):
        kept_results = []
        for line, test, taken in reading.results:
            if line.range_low is None and line.range_high is None and not line.range_text:
                reading.refused.append((test, scrub(" ".join(settled[j].strip() for j in sorted(taken))),
                                        "no range on a report that prints them"))
            else:
                kept_results.append((line, test, taken))
        reading.results = kept_results
    return reading


def _has_history_columns(line: str) -> bool:
    roles = headings(line)
    return (roles is not None and "previous" in roles) or dated_columns(line) is not None


def report_anywhere(lines: list[str], *, source_kind: str = "text", pages: int = 1) -> ReadReport:
    """The fallback alone as a report (for measuring how well it reads any layout)."""
    reading = read_anywhere(lines)
    report = ReadReport(source_kind=source_kind, pages=pages)
    seen: set[str] = set()
    for line, test, _ in reading.results:
        if test.id in seen:
            continue  # a test named twice: the first reading
        seen.add(test.id)
        report.lines.append(line)
    for _, text, _ in reading.refused:
        if text and text not in report.not_read:
            report.not_read.append(text)
    return report


def fill_in(report: ReadReport, lines: list[str], *, ocr: bool = False) -> None:
    """The last step of reading a report's text: results of catalogue tests the structured readers
    did not read, added from the fallback; a test it read two different ways is not added. A line
    sent to "not read" that names only tests now read is dropped from it; a result the fallback
    refused, of a test read by neither, is added to it. On OCR'd lines (`ocr`) a result must also
    pass the text reader's OCR checks, judged with the report's other results."""
    reading = read_anywhere(lines, ocr=ocr)
    if ocr:
        _ocr_checked(reading, report, lines)
    catalogue = builtin_catalogue()
    labelled = [r for r in report.lines if _label_role(r.printed_name) is not None]
    report.lines = [r for r in report.lines if r not in labelled]  # "Result 0.85": a label, never a test
    have = {test.id for r in report.lines if (test := catalogue.match(r.printed_name)) is not None}
    readings: dict[str, list[ReportLine]] = {}
    for line, test, _ in reading.results:
        if test.id not in have:
            readings.setdefault(test.id, []).append(line)
    taken: dict[str, set[int]] = {}
    for _line, test, at in reading.results:
        taken.setdefault(test.id, set()).update(at)
    added: set[str] = set()
    read_lines: set[tuple[str, ...]] = set()  # the figures of the lines the added results were read from
    # a row read already with the very same figures: under a test's whole name ("LDL" / "cholesterol 2.9
    # [<3] mmol/L" wrapped) the fallback's shorter name is another test's, never added; under a name no
    # test has ("ENDOCRINOLOGY Serum sodium", a heading run into it) the fallback's reading replaces it.
    # (A result in words, "Negative" against "Negative", is shared by many tests and never compared.)
    by_figures = {_same_figures(r): r for r in report.lines if r.value is not None}
    for test_id, found in readings.items():
        if len({_result_figures(r) for r in found}) == 1:
            same = by_figures.get(_same_figures(found[0]))
            if same is not None and catalogue.match(same.printed_name) is not None:
                continue
            if same is not None:
                report.lines.remove(by_figures.pop(_same_figures(found[0])))
            report.lines.append(found[0])
            added.add(test_id)
            read_lines |= {_figures(lines[j]) for j in taken[test_id]}
    report.not_read = [text for text in report.not_read if not (_tests_named(text) and _tests_named(text) <= added)
                       and not (_figures(text) and _figures(text) in read_lines and _tests_named(text) <= added)]
    for r in labelled:  # kept as a line not read unless the fallback read its value under a test's name
        if not any(r.value_text == mine.value_text for test_id in added for mine in readings[test_id]):
            report.not_read.append(scrub(" ".join(filter(None, (r.printed_name, r.value_text, r.unit)))))
    said = set().union(*(_tests_named(text) for text in report.not_read))  # tests a line not read names
    for test, text, _ in reading.refused:
        if test.id not in have | added | said and text and text not in report.not_read:
            report.not_read.append(text)
            said.add(test.id)


def _result_figures(r: ReportLine) -> tuple:
    return (r.value_text, r.unit, r.range_low, r.range_high, r.range_text)


def _same_figures(r: ReportLine) -> tuple:
    """What two readings of one printed row share, however each wrote its range ("[<3]", "<3")."""
    return (r.value_text, r.unit, r.range_low, r.range_high)


def _ocr_checked(reading: AnywhereReading, report: ReadReport, lines: list[str]) -> None:
    """Results of OCR'd lines the text reader's OCR checks doubt (`doubtful`, `unlikely`, a mark a
    column apart read as the value's `comparator_apart`), refused."""
    flags_used = uses_flags([report.lines, [r for r, _, _ in reading.results]])
    flags_headed = not flags_used and (headed(lines, {"flag"}) or read_poorly(lines))
    sides = _title_sides(reading, lines)
    kept = []
    for line, test, taken in reading.results:
        line.printed_name = ocr_name(line.printed_name)  # a pen's circle round it ("<Albumin>"), as the text reader puts it right
        why = unlikely(line) or ("doubtful" if doubtful([line], flags_used=flags_used, ranges_used=True,
                                                         flags_headed=flags_headed) else None) \
            or ("a mark a column apart" if any(comparator_apart(line, lines[j]) for j in taken) else None) \
            or ("against its title" if id(line) in sides and against_title(line, sides[id(line)], flags_used=flags_used)
                else None)
        if why is None:
            kept.append((line, test, taken))
        else:
            reading.refused.append((test, scrub(_result_text(line)), why))
    reading.results = kept


def _title_sides(reading: AnywhereReading, lines: list[str]) -> dict[int, bool | None]:
    """Each result's title, by id (`report_text.title_sides`: under a title sorting results by their
    range, the results of one line left to right), for those under one."""
    on_line: dict[int, list[ReportLine]] = {}
    for line, _, taken in reading.results:
        if taken:
            on_line.setdefault(min(taken), []).append(line)
    sides: dict[int, bool | None] = {}
    for at, found in on_line.items():
        if (titles := titles_over(lines, at)) is None:
            continue
        sides |= {id(r): side for r, side in zip(found, title_sides(titles, len(found)), strict=True)}
        value = re.search(rf"(?<![\d.]){re.escape(found[0].value_text)}(?![\d.])", lines[at])
        if len(found) == 1 and value and re.search(r"\d", lines[at][:value.start()]):
            sides[id(found[0])] = titles[-1]  # a lone result after a row's other figures: the right-hand title's
    return sides


def _result_text(line: ReportLine) -> str:
    return " ".join(filter(None, (line.printed_name, line.value_text, line.unit, line.range_text, line.flag)))


def _figures(text: str) -> tuple[str, ...]:
    """The numbers a line holds, in order: a line echoed to "not read" (its labels dropped) is known by them."""
    return tuple(re.findall(r"\d+(?:[.,]\d+)?", text))


def _tests_named(text: str) -> set[str]:
    """The catalogue tests a line names where a result's name may start."""
    tokens = _tokens(_clean(text))
    return {named[0].id for i in range(len(tokens))
            if _may_start_name(tokens, i) and (named := _name_at(tokens, i)) is not None}
