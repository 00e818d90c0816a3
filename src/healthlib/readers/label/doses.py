"""Doses read from the label, only where a sentence states them in a form we can read without doubt.

Doses are structured from sentences such as "recommended starting dose ... is 10 mg once daily"
and from Drug Facts age | dose tables; anything else about dosing is shown as a marked, cited
excerpt of the label. A wrong dose is the worst bug this project can have: when in doubt, a
dose is left to the quoted label text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import ValidationError

from healthlib.model.dose import Amount
from healthlib.model.monograph import Dose, Fact, HowToTake, LabelExcerpt
from healthlib.model.text import lower_first
from healthlib.readers import loinc
from healthlib.readers.label.context import Context
from healthlib.readers.label.document import Section, titled_texts
from healthlib.readers.label.text import (
    NUM,
    clean,
    excerpt_of,
    sentence_case,
    sentences,
)

_RANGE = rf"{NUM}(?:\s*(?:to|-|–|or)\s*{NUM})?"
_UNIT = r"(mg/kg|mcg/kg|mg|mcg|µg|g|mL|ml|units?|tablets?|capsules?)"
_AMOUNT = re.compile(rf"^({NUM})(?:\s*(to|or|-|–)\s*({NUM}))?\s*{_UNIT}(?![\w])")
_FREQUENCIES = [
    (re.compile(r"^(?:once (?:a |per )?day|once daily|once-daily|q\.?d\.?)\b", re.I), "once a day"),
    (re.compile(r"^(?:twice (?:a |per )?day|twice daily|two times (?:a |per )?day|b\.i\.d\.?)", re.I), "twice a day"),
    (re.compile(r"^(?:three times (?:a |per )?day|three times daily|t\.i\.d\.?)", re.I), "three times a day"),
    (re.compile(r"^(?:four times (?:a |per )?day|four times daily|q\.i\.d\.?)", re.I), "four times a day"),
    (re.compile(r"^(?:once (?:a |per )?week|once weekly)\b", re.I), "once a week"),
    (re.compile(r"^at bedtime\b", re.I), "at bedtime"),
]
_EVERY = re.compile(r"every (\d+)(?:\s*(?:to|-|–)\s*(\d+))? hours\b", re.I)
_PER_DAY = re.compile(r"^(?:/\s*day|per day|a day|daily|each day|in 24 hours|/24 hours)\b", re.I)
_SUBGROUP = re.compile(r"\bpatients (?:who|requiring|with|taking|on)\b|\brenal\b|\bhepatic\b|\bimpairment\b|"
                       r"\bdialysis\b|\bdebilitated\b|\bmay (?:be )?start", re.I)
_DOSE_KEYS = [
    ("start", re.compile(r"\b(?:recommended |usual |suggested )?(?:adult )?(?:starting|start|initial)"
                         r"(?: oral)? (?:dose|dosage)\b[^.;]{0,40}?(?=\d)", re.I)),
    ("range", re.compile(r"\b(?:dose|dosage) range\b[^.;]{0,30}?(?=\d)", re.I)),
    ("usual", re.compile(r"\busual (?:adult )?(?:maintenance )?(?:daily )?(?:dose|dosage)\b[^.;]{0,30}?(?=\d)", re.I)),
    ("max", re.compile(r"\bmaximum (?:recommended )?(?:daily )?(?:dose|dosage)\b[^.;]{0,30}?(?=\d)", re.I)),
    ("max", re.compile(r"\b(?:do not|should not|not to) exceed\s+(?=\d)", re.I)),
]
_INCREASE = re.compile(
    rf"\bincrease[sd]?\b[^.;]{{0,40}}?\b(?:by|in increments of|(?:an )?increments? of)\s+({NUM})\s*{_UNIT}"
    r"(?:[^.;]{0,30}?\b(?:every|at|intervals? of)\s+(\d+)(?:\s*(?:to|-|–)\s*(\d+))?[\s-]*(day|week)s?)?", re.I)


@dataclass
class DoseReading:
    amount: Amount
    frequency: str | None  # a FrequencyText, or None
    per_day: bool  # the amount is a day's total ("10 mg/day", "10 to 80 mg daily")
    either: bool  # "10 or 20 mg": one of two doses, not a range


def read_amount(text: str) -> DoseReading | None:
    """An amount at the start of `text`, with the frequency written right after it."""
    # "0.5 mg to 2 mg" -> "0.5 to 2 mg", only when both sides have the same unit
    text = re.sub(rf"({NUM})\s*(mg|mcg|g|mL)\s+(to|or)\s+(?={NUM}\s*\2\b)", r"\1 \3 ", text.strip())
    m = _AMOUNT.match(text)
    if not m:
        return None
    if re.match(rf"^(?:\s*/\s*[a-z]+)*\s*(?:to|or|-|–)\s*{NUM}", text[m.end():], re.I):
        return None  # "0.05 mg/kg/day to 0.15 mg/kg/day": a range this reading would cut short
    unit = m.group(4).lower()
    unit = {"ml": "mL", "µg": "mcg", "unit": "units"}.get(unit, unit)
    unit = unit.rstrip("s") if unit in {"tablets", "capsules"} else unit
    low, high = float(m.group(1)), float(m.group(3)) if m.group(3) else None
    try:
        amount = Amount(amount=low, amount_high=high, unit=unit)
    except ValidationError:
        return None
    rest = text[m.end():].lstrip(" ,")
    frequency, per_day = None, False
    if _PER_DAY.match(rest):
        per_day = True
    for pattern, words in _FREQUENCIES:
        hit = pattern.match(rest)
        if hit:
            frequency = words
            # "b.i.d. or t.i.d.": two schedules, so no single frequency can be stated
            if re.match(r"^\s*or\s+(?:\w+ times|t\.i\.d|b\.i\.d|q\.i\.d|once|twice)", rest[hit.end():], re.I):
                return DoseReading(amount, None, False, m.group(2) == "or")
    every = _EVERY.match(rest)
    if every:
        frequency = f"every {every.group(1)}" + (f" to {every.group(2)}" if every.group(2) else "") + " hours"
    return DoseReading(amount, frequency, per_day or frequency == "once a day", m.group(2) == "or")


@dataclass
class _DoseDraft:
    population: str
    indication: str | None
    cite: list[str]
    start: DoseReading | None = None
    usual: DoseReading | None = None
    max: DoseReading | None = None
    increase: str | None = None
    notes: list[str] = field(default_factory=list)

    def build(self) -> Dose | None:
        data: dict = {"population": self.population, "indication": self.indication, "cite": self.cite}
        notes = list(self.notes)
        if self.start and self.start.frequency:
            start = self.start.amount
            if self.start.either:
                # "10 or 20 mg": two doses, not a range. Show the first; name both in words.
                notes.append(f"The label gives two starting doses: {start.amount:g} {start.unit} or "
                             f"{start.amount_high:g} {start.unit} {self.start.frequency}.")
                start = Amount(amount=start.amount, unit=start.unit)
            data["start"], data["start_frequency"] = start, self.start.frequency
        elif self.start and self.start.per_day and not self.start.either:
            notes.append(f"The label's starting dose is {self.start.amount.render()} a day.")
        if self.usual and self.usual.per_day and not self.usual.either:
            data["usual"], data["usual_per"] = self.usual.amount, "day"
        if self.max and not self.max.either and self.max.amount.amount_high is None:
            if self.max.per_day:
                data["max"], data["max_per"] = self.max.amount, "day"
            elif self.max.frequency:
                data["max"], data["max_per"] = self.max.amount, "dose"
        if self.increase:
            data["increase"] = self.increase
        if notes:
            data["note"] = " ".join(notes)
        if not any(k in data for k in ("start", "usual", "max")):
            return None  # an increase or a note alone is not a dose
        try:
            return Dose(**data)
        except ValidationError:
            return None  # inconsistent numbers: leave it to the quoted label text


def _population(text: str) -> str:
    t = text.lower()
    if re.search(r"pediatric|\bchild|adolescent|infant|neonat|\bboys\b|\bgirls\b", t):
        m = re.search(r"(\d+)\s*(?:to|–|-)\s*(?:less than |under )?(\d+)\s*years", t)
        if m:
            return f"children {m.group(1)} to {m.group(2)} years"
        m = re.search(r"(\d+) years (?:of age )?(?:and|or) (?:older|over)", t)
        return f"children {m.group(1)} years and older" if m else "children"
    if re.search(r"geriatric|elderly|older (?:adults|patients)", t):
        return "older adults"
    return "adults"


def _indication(ctx: Context, title: str | None) -> str | None:
    if not title:
        return None
    text = re.sub(r"\([^)]*\)", "", title)
    text = re.sub(r"\b(?:in|for) (?:adult|pediatric|geriatric|elderly)? ?(?:patients|children|adults)\b.*$", "",
                  text, flags=re.I)
    text = re.sub(r"^(?:usual |recommended )?(?:adult |pediatric )?(?:dosage|dose|dosing)"
                  r"(?: and administration)?(?: for)?\b", "", text, flags=re.I).strip(" ,:-")
    if not text or re.fullmatch(r"(?i)(adults?|children|pediatric(?: patients)?|general|important .*|"
                                r"oral administration|administration.*|.*(?:impairment|dosage forms?).*)", text):
        return None
    return lower_first(ctx.say(sentence_case(text)))


def _dose_statements(section: Section) -> Iterator[tuple[str, str | None, str | None]]:
    """(sentence, context, subsection title): from Highlights when the label has them (they
    cite their subsection, e.g. "(2.2)"), otherwise from the section's text. The context says
    who the sentence is about; the title, when the label gives one, names the use."""
    titles = {s.number: s.title for s in section.walk() if s.number}
    if section.highlight:
        for part in section.highlight:
            for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
                refs = re.findall(r"\((\d+\.\d+)\)", text)
                title = titles.get(refs[-1]) if refs else None
                yield text, title, title
        return
    for sub in section.walk():
        title = sub.title if sub is not section else None  # "DOSAGE AND ADMINISTRATION" names no use
        context = title
        for part in sub.parts:
            for text in ([part] if isinstance(part, str) else part if isinstance(part, list) else []):
                for s in sentences(text):
                    # openFDA runs a subsection's heading into its first sentence ("2.2 Pediatric
                    # Patients The recommended ..."): where the heading ends is unknown, so it
                    # tells who the dose is for, but is not used as the name of a use.
                    m = re.match(r"^(\d+\.\d+)\s+(.*)$", s)
                    if m and not title:
                        context = m.group(2)[:160]
                    yield s, context, title


# A subsection about some patients ("Dosage in Patients Taking Cyclosporine", "Dose Adjustment
# in Asian Patients"), not the usual adult or child dose: left to the quoted label text.
_SUBGROUP_TITLE = re.compile(r"(?i)adjust|modif|switch|conver|concomitant|taking")
_WHO = re.compile(r"(?i)\b(?:pediatric|adult|geriatric|elderly|children)\b")


def about_some_patients(title: str | None) -> bool:
    if not title:
        return False
    return bool(_SUBGROUP_TITLE.search(title) or _SUBGROUP.search(title)
                or (re.search(r"(?i)\bpatients\b", title) and not _WHO.search(title)))


def _structured_doses(ctx: Context, section: Section) -> list[Dose]:
    drafts: dict[tuple[str, str | None], _DoseDraft] = {}
    cite = ctx.cites.of(section)
    for statement, context, title in _dose_statements(section):
        population = _population(f"{context or ''} {statement}")
        indication = _indication(ctx, title)
        if about_some_patients(title) or (context and _SUBGROUP.search(context)):
            continue
        for clause in re.split(r";\s*", clean(statement)):
            if _SUBGROUP.search(clause):
                continue
            draft = drafts.setdefault((population, indication), _DoseDraft(population, indication, cite))
            for kind, key in _DOSE_KEYS:
                m = key.search(clause)
                if not m:
                    continue
                read = read_amount(clause[m.end():])
                if read is None:
                    continue
                if kind == "range":
                    if read.amount.amount_high is None or read.either:
                        continue
                    draft.usual = draft.usual or read
                    top = Amount(amount=read.amount.amount_high, unit=read.amount.unit)
                    draft.max = draft.max or DoseReading(top, read.frequency, read.per_day, False)
                elif kind == "max" and "exceed" in m.group(0).lower() and not read.per_day:
                    continue  # "do not exceed 20 mg" without "a day" is too loose to state
                elif getattr(draft, kind) is None:
                    setattr(draft, kind, read)
            inc = _INCREASE.search(clause)
            if inc and not draft.increase:
                step = read_amount(f"{inc.group(1)} {inc.group(2)}")
                if step:
                    text = f"The label raises the dose by {step.amount.render()} at a time"
                    if inc.group(3):
                        span = inc.group(3) + (f" to {inc.group(4)}" if inc.group(4) else "")
                        text += f", every {span} {inc.group(5)}s"
                    draft.increase = text + "."
    doses = [d for draft in drafts.values() if (d := draft.build())]
    # adults first, then children, the way a reader looks for them
    return sorted(doses, key=lambda d: (d.population != "adults", d.population))


def _otc_doses(ctx: Context, section: Section) -> list[Dose]:
    """Drug Facts directions: an age | dose table, with one dosing interval stated above it."""
    text = section.text()
    intervals = {m.group(0).lower() for m in re.finditer(r"every \d+(?:\s*(?:to|-)\s*\d+)? hours", text, re.I)}
    frequency = None
    if len(intervals) == 1:
        every = _EVERY.match(intervals.pop().replace("-", " to "))
        if every:
            frequency = f"every {every.group(1)}" + (f" to {every.group(2)}" if every.group(2) else "") + " hours"
    limit = re.search(r"(?:do not|not to) (?:give|take|use) more than (\d+) (?:doses|times) in (?:any )?24 hours",
                      text, re.I)
    cite = ctx.cites.of(section)
    doses: list[Dose] = []
    rows = [[clean(c) for c in row if clean(c)] for table in section.tables()
            for row in [*table.header, *table.rows]]
    if not rows:  # "adults and children 12 years and over: take 1 tablet every 4 to 6 hours"
        rows = [[who, what] for item in section.items()
                if (m := re.match(r"^((?:adults|children|teens|babies|infants)[^:]{0,80}):\s*(.+)$", item, re.I))
                for who, what in [m.groups()]]
    for cells in rows:
        if len(cells) != 2 or re.match(r"(?i)^(age|who)\b", cells[0]):
            continue
        who, what = cells
        population = re.sub(r"\s+of age\b", "", who, flags=re.I).strip()
        # "2 teaspoonfuls (10 mL)": the metric amount; "1 to 2 tablets": the whole range
        amount = re.search(rf"\(({_RANGE}\s*mL)\)", what) or \
            re.search(rf"(?<![\d.])({_RANGE}\s*(?:mL|tablets?|capsules?))\b", what)
        read = read_amount(amount.group(1)) if amount else None
        own = _EVERY.search(what) if read else None
        this_frequency = (f"every {own.group(1)}" + (f" to {own.group(2)}" if own.group(2) else "")
                          + " hours") if own else frequency
        note = None
        if read is None:
            note = ctx.say(what)
        elif limit:
            note = f"Do not give more than {limit.group(1)} doses in 24 hours."
        try:
            if read and this_frequency:
                doses.append(Dose(population=population, start=read.amount, start_frequency=this_frequency,
                                  note=note, cite=cite))
            elif note and read is None:
                doses.append(Dose(population=population, note=note[:1].upper() + note[1:], cite=cite))
        except ValidationError:
            continue
    return doses


def read_how_to_take(ctx: Context) -> tuple[HowToTake, LabelExcerpt | None]:
    section = ctx.label.first(loinc.DOSAGE)
    if section is None:
        return HowToTake(), None
    doses = _otc_doses(ctx, section) if ctx.label.rx_status == "otc" else []
    if not doses:
        doses = _structured_doses(ctx, section)
    text = section.text() + " " + " ".join(t for p in section.highlight for t in ([p] if isinstance(p, str) else []))
    cite = ctx.cites.of(section)
    food = None
    if re.search(r"with or without food", text, re.I):
        food = Fact(text="You can take it with or without food.", cite=cite)
    elif re.search(r"\b(?:should be )?taken with (?:food|meals)\b", text, re.I):
        food = Fact(text="The label says to take it with food.", cite=cite)
    frequency = None
    adult = [d for d in doses if d.population == "adults" and d.start_frequency]
    if adult and len({d.start_frequency for d in adult}) == 1:
        words = f"It is usually taken {adult[0].start_frequency}"
        if re.search(r"at any time of (?:the )?day", text, re.I):
            words += ", at any time of day"
        frequency = Fact(text=words + ".", cite=cite)
    tips: list[Fact] = []
    when_using = ctx.label.first(loinc.WHEN_USING)
    if when_using and when_using.items():
        # one short sentence per item reads easier than one long list joined by semicolons
        items = [ctx.say(i).strip().rstrip(".") for i in when_using.items()]
        said = " ".join(i[:1].upper() + i[1:] + "." for i in items if i)
        tips.append(Fact(text=said, cite=ctx.cites.of(when_using)))
    excerpt = None
    if not doses or section.highlight:
        if not doses:
            individual = re.search(r"\bindividuali[sz]ed\b", text, re.I)
            own = ("Follow the directions on the pack." if ctx.label.rx_status == "otc"
                   else "Your doctor sets your dose.")
            tips.append(Fact(text=("The label says the dose is set for each person by their doctor."
                                   if individual else
                                   f"The label's dosing directions are quoted below. {own}"),
                             cite=cite))
        source = [t for p in section.highlight for t in ([p] if isinstance(p, str) else p if isinstance(p, list) else [])]
        if not source:
            source = titled_texts(section)
        quoted = excerpt_of(source, 3000)
        if quoted:
            excerpt = LabelExcerpt(text=quoted, cite=cite)
    return HowToTake(frequency=frequency, food=food, doses=doses, tips=tips), excerpt
