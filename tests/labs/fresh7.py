"""fresh7: the seventh held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh7-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Every report prints the patient's
name, date of birth, record number, address and phone (and the sex, and on most the age, that the
ranges depend on). The truth rules:

- cumulative reports (several dated result columns, or a CSV export with several dated rows per
  test): the current result is the one with the most recent date; the truth holds it (value and its
  flag). The dates are in different years, so their order is clear however the day and month are
  read. The newest column is on the left on some reports and on the right on others;
- sex-specific ranges ("M 13.2-17.1 / F 11.7-15.5", either order, or only the patient's) with the
  patient's sex printed: the truth is the range for that sex. A woman's result is drawn by moving
  the drawn value to the same place within the women's range (so a normal report stays normal);
- age-specific PSA ranges (bands "50-59 y: <3.5" listed under the result, the patient's age in
  the header): the truth is the band for the printed age;
- tier-labelled ranges ("Desirable <200", "Optimal <100", "Normal <5.7; Prediabetes 5.7-6.4;
  Diabetes >=6.5", "Deficient <20; Insufficient 20-29; Sufficient 30-100"): the truth is the bound
  of the first (healthy) tier;
- "See note" in the range cell (with the note printed below the table): the truth has no range
  (range_low, range_high and range_text all None); only unflagged results get it;
- footnote markers after a value ("5.2 (a)", "141 #"), and comment lines between results: the
  value is the number, the marker is not a flag;
- flags are the truth as printed ("H", "HI", "PANIC LO", "HIGH", "5.6H" -> "H"); UK reports print none.

Looks no earlier set has, per layout:

- us-table: a sectioned panel with sex-specific, age-banded, tier-labelled and "See note" ranges,
  footnote markers, comment lines between results and now and then a second page ("continued");
  or a cumulative report with 3-4 dated columns (newest left or right, flag beside each value);
- uk-fixed: a fixed-width report in oblique or bold-italic monospace continued over two pages with
  the header repeated, "continued" lines and section headings; or an Australian / New Zealand
  cumulative fixed-width report (dated columns, flags joined to the value "5.6H", ranges "(3.5-5.2)");
- clinic-slip: a faded thermal slip (grey ink) with a barcode and tear line, flags "HI" / "LO" /
  "PANIC HI"; or a 4-inch point-of-care analyser printout with a boxed table and arrows;
- two-column: two independent column flows whose rows do not line up (headings in each column at
  different places); or each result on two lines (name, then value, unit and range) in each column;
- portal-text: a forwarded e-mail hard-wrapped at about 40 characters (maybe quoted with "> "); SMS
  text with several results a line separated by ";"; a semicolon CSV export with dated rows
  (history, the newest is the truth); or one field a line ("Test name:", "Result:", "Units:",
  "Reference range:", "Abnormal flag:");
- phone-photo: a laptop screen showing the PDF in a viewer (moire, screen glow, keystone); a
  crumpled page folded in three (crease shadows, crumple shading); a page on a gingham table cloth;
  a page shot strongly from the side; a night photo with the flash's hot spot and dark corners;
- scanned-pdf: a fax at 100-150 dpi with dithered grey (Floyd-Steinberg) and streaks; a scan with
  a dark border, a staple and a folded corner; a skewed booklet page with a gutter shadow and lines
  curving into the binding; a dot-matrix printout (9-pin dots) scanned in grey.

Fonts no earlier set uses as a body face: Times-Italic, Helvetica-Oblique, DejaVuSans-Oblique,
DejaVuSerif-Italic, LiberationSansNarrow-Italic, DejaVuSerifCondensed-Bold; monospace Courier-Oblique,
Courier-BoldOblique, LiberationMono-BoldItalic, DejaVuSansMono-BoldOblique; sizes 7.5, 9 and 11.5.
"""

from __future__ import annotations

import io
import math
import random

from .corpus import Person, Truth, _canvas, _font
from .fresh5 import _first_name, image_pages_pdf, render_pages
from .fresh6 import _jpeg, _noise, _place

# body fonts (none a body font of an earlier set) and the bold used for their heads
FONTS = {"Times-Italic": "Times-BoldItalic", "Helvetica-Oblique": "Helvetica-BoldOblique",
         "DejaVuSans-Oblique": "DejaVuSans-BoldOblique", "DejaVuSerif-Italic": "DejaVuSerif-BoldItalic",
         "LiberationSansNarrow-Italic": "LiberationSansNarrow-BoldItalic",
         "DejaVuSerifCondensed-Bold": "DejaVuSerifCondensed-BoldItalic"}
MONO = ["Courier-Oblique", "Courier-BoldOblique", "LiberationMono-BoldItalic", "DejaVuSansMono-BoldOblique"]
_STANDARD = {"Times-Italic", "Times-BoldItalic", "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier-Oblique",
             "Courier-BoldOblique", "Courier", "Courier-Bold"}
FEMALE, MALE = {"Margaret", "Aisha", "Sofia", "Priya", "Grace", "Hannah"}, {"James", "Liam", "Tomasz", "Mateo"}
COLLECTED = "12 Mar 2024"  # the current specimen's date; the age printed is the age on that day
# sex-specific ranges by the test's first US name: region -> (men's, women's); the men's is the drawn one
SEX_RANGES = {
    "Hemoglobin": {"us": ((13.2, 17.1), (11.7, 15.5)), "uk": ((130, 170), (115, 155))},
    "Hematocrit": {"us": ((38.5, 50.0), (35.0, 45.0)), "uk": ((0.40, 0.52), (0.37, 0.47))},
    "Creatinine": {"us": ((0.6, 1.3), (0.5, 1.1)), "uk": ((59, 104), (45, 84))},
    "Ferritin": {"us": ((38, 380), (16, 232)), "uk": ((30, 400), (13, 150))},
}
PSA_BANDS = [(0, 49, 2.5), (50, 59, 3.5), (60, 69, 4.5), (70, 200, 6.5)]  # age from, age to, upper limit
# tiers by the test's first US name: region -> [(label, the tier's range text)]; the first is the truth's range
TIERS = {
    "Cholesterol, Total": {"us": [("Desirable", "<200"), ("Borderline high", "200-239"), ("High", ">=240")],
                           "uk": [("Ideal", "<5.0"), ("Raised", ">=5.0")]},
    "LDL Cholesterol": {"us": [("Optimal", "<100"), ("Near optimal", "100-129"), ("Borderline high", "130-159")],
                        "uk": [("Target", "<3.0"), ("Raised", ">=3.0")]},
    "HDL Cholesterol": {"us": [("Desirable", ">=40"), ("Low (risk factor)", "<40")],
                        "uk": [("Desirable", ">=1.0"), ("Low", "<1.0")]},
    "Triglycerides": {"us": [("Normal", "<150"), ("Borderline high", "150-199"), ("High", "200-499")],
                      "uk": [("Normal", "<1.7"), ("Raised", "1.7-4.4")]},
    "Hemoglobin A1c": {"us": [("Normal", "<5.7"), ("Prediabetes", "5.7-6.4"), ("Diabetes", ">=6.5")],
                       "uk": [("Normal", "<42"), ("Prediabetes", "42-47"), ("Diabetes", ">=48")]},
    "Vitamin D, 25-Hydroxy": {"us": [("Sufficient", "30-100"), ("Insufficient", "20-29"), ("Deficient", "<20")],
                              "uk": [("Adequate", "50-125"), ("Insufficient", "25-49"), ("Deficient", "<25")]},
    "Glucose": {"us": [("Normal", "70-99"), ("Prediabetes", "100-125"), ("Diabetes", ">=126")],
                "uk": [("Normal", "3.0-6.0"), ("Impaired", "6.1-6.9"), ("Diabetes", ">=7.0")]},
}
NOTE_TESTS = ["LDL Cholesterol", "eGFR", "Hemoglobin A1c", "Cholesterol, Total", "Triglycerides",
              "Vitamin D, 25-Hydroxy", "PSA, Total", "TSH"]
NOTES = {
    "LDL Cholesterol": "LDL cholesterol targets depend on overall heart risk; see the guideline on the request form.",
    "eGFR": "eGFR is not valid in pregnancy, in children or when kidney function is changing quickly.",
    "Hemoglobin A1c": "HbA1c is not reliable with some haemoglobin variants or after recent blood loss.",
    "Cholesterol, Total": "Cholesterol targets are set against the patient's own risk score.",
    "Triglycerides": "Triglycerides rise after food; a fasting sample is advised for interpretation.",
    "Vitamin D, 25-Hydroxy": "Vitamin D levels vary with the season; interpret with symptoms.",
    "PSA, Total": "PSA is interpreted with age, prostate size and previous results.",
    "TSH": "TSH targets differ in pregnancy and on thyroid treatment.",
}
COMMENTS = ["Specimen slightly haemolysed - interpret potassium with care.", "Lipaemic sample.",
            "Sample received more than 24 hours after collection.", "Result phoned to the surgery at 14:20.",
            "Repeat sample requested.", "Please note new reference ranges from 1 March 2024."]
MARKS = ["(a)", "(b)", "#"]
MARK_TEXT = {"(a)": "(a) Result checked by a repeat analysis.", "(b)": "(b) Measured on a second analyser.",
             "#": "# Interpret with care: the sample was delayed in transit."}
PANELS = {"us": ["CHEMISTRY", "HEMATOLOGY", "LIPID PANEL", "ENDOCRINE / OTHER"],
          "uk": ["BIOCHEMISTRY", "HAEMATOLOGY", "LIPID PROFILE", "ENDOCRINOLOGY"]}
_PANEL_OF = {
    **dict.fromkeys(["Hemoglobin", "Hematocrit", "WBC", "Platelets", "MCV", "INR"], 1),
    **dict.fromkeys(["Cholesterol, Total", "LDL Cholesterol", "HDL Cholesterol", "Triglycerides"], 2),
    **dict.fromkeys(["TSH", "Free T4", "Hemoglobin A1c", "Vitamin D, 25-Hydroxy", "Vitamin B12", "Ferritin",
                     "PSA, Total", "Urine Protein"], 3)}
LABS = ["Harbourside Pathology", "Mercy Valley Hospital Laboratory", "Kingsway Clinical Labs",
        "Southern Cross Pathology"]


def _face(name: str) -> str:
    return name if name in _STANDARD else _font(name)


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _n(x: float) -> str:
    return f"{x:g}"


def _numeric(t: Truth) -> bool:
    try:
        float(t.value_text)
    except ValueError:
        return False
    return True


class Sheet:
    """What a report knows beside its truths: the patient, the region, per-result keys and looks."""

    def __init__(self, rng: random.Random, person: Person, truth: list[Truth], region: str):
        self.person, self.truth, self.region = person, truth, region
        self.key = {id(t): _first_name(t) for t in truth}
        first = person.name.split()[0]
        self.sex = "F" if first in FEMALE else "M" if first in MALE or "PSA, Total" in self.key.values() else \
            rng.choice(["M", "F"])
        year, month, day = int(person.dob[6:]), int(person.dob[3:5]), int(person.dob[:2])
        self.age = 2024 - year - ((month, day) > (3, 12))
        self.panel = {id(t): _PANEL_OF.get(self.key[id(t)], 0) for t in truth}
        self.tiers: dict[int, list[tuple[str, str]]] = {}
        self.bands: set[int] = set()
        self.both_sexes: dict[int, tuple] = {}
        self.notes: dict[int, str] = {}
        self.marks: dict[int, str] = {}
        self.comments: dict[int, str] = {}

    def unit_region(self) -> str:
        return "us" if self.region == "us" else "uk"


def _rerange(t: Truth, low: float | None, high: float | None) -> None:
    """The truth moved to another range: a plain value keeps its place within the range (the same
    side of each bound, so a normal report stays normal), the flag is recomputed."""
    if _numeric(t) and not t.critical:
        value, places = float(t.value_text), _places(t.value_text)
        if low is not None and high is not None and t.range_low is not None and t.range_high is not None:
            value = low + (value - t.range_low) / (t.range_high - t.range_low) * (high - low)
        elif high is not None and t.range_high:
            value = value * high / t.range_high
        elif low is not None and t.range_low:
            value = value * low / t.range_low
        t.value_text = f"{max(value, 10 ** -places):.{places}f}"
    t.range_low, t.range_high = low, high
    if t.critical or not _numeric(t):
        return
    number = float(t.value_text)
    t.flag = "H" if high is not None and number > high else "L" if low is not None and number < low else None


def _prepare(rng: random.Random, sheet: Sheet, *, special: bool) -> None:
    """The patient's sex- (always) and, when `special`, age-banded, tiered, "See note", marked and
    commented results; truths edited to match."""
    region = sheet.unit_region()
    for t in sheet.truth:
        key = sheet.key[id(t)]
        if key in SEX_RANGES and t.range_low is not None:
            men, women = SEX_RANGES[key][region]
            if sheet.sex == "F":
                _rerange(t, *women)
            if special and rng.random() < 0.6:
                sheet.both_sexes[id(t)] = (men, women)
    if not special:
        return
    for t in sheet.truth:
        key = sheet.key[id(t)]
        if key == "PSA, Total" and region == "us" and sheet.sex == "M":
            bound = next(b for lo, hi, b in PSA_BANDS if lo <= sheet.age <= hi)
            _rerange(t, None, bound)
            sheet.bands.add(id(t))
        elif key in TIERS and rng.random() < 0.7:
            sheet.tiers[id(t)] = TIERS[key][region]
    plain = [t for t in sheet.truth if sheet.key[id(t)] in NOTE_TESTS and not t.flag and not t.critical
             and id(t) not in sheet.bands and id(t) not in sheet.tiers and t.range_text is None]
    if plain and rng.random() < 0.6:
        t = rng.choice(plain)
        sheet.notes[id(t)] = NOTES[sheet.key[id(t)]]
        t.range_low = t.range_high = None
    numbers = [t for t in sheet.truth if _numeric(t)]
    for t, mark in zip(rng.sample(numbers, min(len(numbers), rng.randint(0, 2))), rng.sample(MARKS, 2), strict=False):
        sheet.marks[id(t)] = mark
    for i in rng.sample(range(1, len(sheet.truth)), rng.randint(0, 2)):
        sheet.comments[i] = rng.choice(COMMENTS)


def _style_flags(sheet: Sheet, style: str) -> None:
    """Flags as this report prints them ("H", "HI", "HIGH", arrows); UK reports print none."""
    words = {"letter": {}, "slip": {"H": "HI", "L": "LO", "HH": "PANIC HI", "LL": "PANIC LO", "A": "ABN"},
             "word": {"H": "HIGH", "L": "LOW", "HH": "CRITICAL HIGH", "LL": "CRITICAL LOW", "A": "ABNORMAL"},
             "arrow": {"H": "\u25b2", "L": "\u25bc", "HH": "\u25b2\u25b2", "LL": "\u25bc\u25bc", "A": "\u25b2"}}[style]
    for t in sheet.truth:
        if sheet.region == "uk":
            t.flag = None
        elif t.flag:
            t.flag = words.get(t.flag, t.flag)


def _range(t: Truth, sheet: Sheet, form: str = "dash") -> str:
    """The range cell's first line: the truth's range in the report's form, its sex pair, its first
    tier, "See note" or "Age-specific:" (the bands follow on lines of their own)."""
    if t.range_text:
        return t.range_text
    if id(t) in sheet.notes:
        return "See note"
    if id(t) in sheet.bands:
        return "Age-specific:"
    if id(t) in sheet.tiers:
        label, text = sheet.tiers[id(t)][0]
        return f"{label} {text}" if len(sheet.tiers[id(t)]) < 3 else f"{label}: {text}"
    if id(t) in sheet.both_sexes:
        men, women = sheet.both_sexes[id(t)]
        pair = [f"M {_n(men[0])}-{_n(men[1])}", f"F {_n(women[0])}-{_n(women[1])}"]
        return " / ".join(pair if (sum(map(ord, t.printed_name)) % 2) else pair[::-1])
    return _plain_range(t, form)


def _plain_range(t: Truth, form: str) -> str:
    low, high = t.range_low, t.range_high
    if t.range_text:
        return t.range_text
    if low is not None and high is not None:
        return {"dash": f"{_n(low)}-{_n(high)}", "spaced": f"{_n(low)} - {_n(high)}",
                "paren": f"({_n(low)}-{_n(high)})", "au": f"( {_n(low)}-{_n(high)} )"}[form]
    if low is not None:
        return {"dash": f">={_n(low)}", "spaced": f">= {_n(low)}", "paren": f"(>{_n(low)})", "au": f"( >{_n(low)} )"}[form]
    if high is not None:
        return {"dash": f"<{_n(high)}", "spaced": f"<= {_n(high)}", "paren": f"(<{_n(high)})", "au": f"( <{_n(high)} )"}[form]
    return ""


def _extra_lines(t: Truth, sheet: Sheet) -> list[str]:
    """Lines printed under a result's range: the other tiers or the PSA age bands."""
    if id(t) in sheet.bands:
        return [f"{lo}-{hi} y: <{_n(b)}" if hi < 200 else f"{lo}+ y: <{_n(b)}" for lo, hi, b in PSA_BANDS]
    tiers = sheet.tiers.get(id(t), [])
    return [f"{label}: {text}" for label, text in tiers[1:]] if len(tiers) >= 3 else []


def _value(t: Truth, sheet: Sheet) -> str:
    mark = sheet.marks.get(id(t))
    return f"{t.value_text} {mark}" if mark else t.value_text


def _patient_lines(sheet: Sheet, page: str) -> list[str]:
    p = sheet.person
    number = "MRN" if sheet.region == "us" else "NHS No" if sheet.region == "uk" else "URN"
    return [f"Patient: {p.name}    DOB: {p.dob}    Sex: {sheet.sex}    Age: {sheet.age}",
            f"{number}: {p.mrn}    Address: {p.address}    Phone: {p.phone}",
            f"Collected: {COLLECTED} 08:20    {page}"]


def _previous_values(rng: random.Random, t: Truth, count: int) -> list[str]:
    """Earlier results of the same test (never the truth's cell): near the current, same places; "--"
    now and then (not done that time)."""
    if not _numeric(t):
        return [t.value_text if t.range_text else "--" for _ in range(count)]
    places = _places(t.value_text)
    out = []
    for _ in range(count):
        value = max(float(t.value_text) * rng.uniform(0.75, 1.25), 10 ** -places)
        out.append("--" if rng.random() < 0.12 else f"{value:.{places}f}")
    return out


def _history_flag(t: Truth, text: str) -> str:
    if text == "--" or t.range_text:
        return ""
    number = float(text)
    return "H" if t.range_high is not None and number > t.range_high else "L" if t.range_low is not None and \
        number < t.range_low else ""


def _dates(rng: random.Random, count: int, form: str) -> list[str]:
    """Collection dates, oldest first, each in its own year (the current one on 12 Mar 2024)."""
    out = []
    for year in range(2024 - count + 1, 2024):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        out.append((year, month, day))
    out.append((2024, 3, 12))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return [{"us": f"{m:02d}/{d:02d}/{y}", "au": f"{d:02d}/{m:02d}/{y % 100:02d}",
             "iso": f"{y}-{m:02d}-{d:02d}", "mon": f"{d:02d}-{months[m - 1]}-{y}"}[form] for y, m, d in out]


# ---- text PDFs -----------------------------------------------------------------------------------
def _start(rng: random.Random, width: float, height: float, buf: io.BytesIO, sizes: list[float]):
    body = rng.choice(sorted(FONTS))
    c = _canvas(width, height, buf)
    if rng.random() < 0.35:  # dark blue "ink" some labs print in
        c.setFillColorRGB(0.08, 0.12, 0.35)
    return c, _face(body), _face(FONTS[body]), rng.choice(sizes)


def _ink(c, dark_blue: bool) -> None:
    if dark_blue:
        c.setFillColorRGB(0.08, 0.12, 0.35)
    else:
        c.setFillColorRGB(0, 0, 0)


def table_pdf(rng: random.Random, sheet: Sheet, design: str, *, sizes: list[float], pages: int = 1) -> bytes:
    """A lab's results page: `design` "panel" (sections, special ranges, notes, markers, comments,
    maybe a second page) or "cumulative" (3-4 dated result columns, newest left or right)."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = letter if sheet.region == "us" else A4
    c, font, bold, size = _start(rng, width, height, buf, sizes)
    blue = rng.random() < 0.3
    flags = sheet.region != "uk"
    lab = rng.choice(LABS)
    truth = sheet.truth
    line_gap = size * rng.uniform(1.55, 1.9)
    if design == "cumulative":
        count = rng.choice([3, 4])
        dates = _dates(rng, count, {"us": "us", "uk": "mon", "au": "au"}[sheet.region])
        newest_left = rng.random() < 0.5
        history = {id(t): _previous_values(rng, t, count - 1) for t in truth}
        heads = ["Test", *(dates[::-1] if newest_left else dates), "Units", "Reference range"]
        rows = []
        for t in truth:
            current = f"{t.value_text} {t.flag}" if t.flag else t.value_text
            old = [f"{v} {_history_flag(t, v)}".strip() if flags else v for v in history[id(t)]]
            cells = [*old, current]
            rows.append([t.printed_name, *(cells[::-1] if newest_left else cells), t.unit or "", _plain_range(t, "dash")])
        extras = [[] for _ in truth]
        sections = [None] * len(truth)
    else:
        heads = ["Test", "Result", *(["Flag"] if flags else []), "Units", "Reference range"]
        rows = [[t.printed_name, _value(t, sheet), *([t.flag or ""] if flags else []), t.unit or "",
                 _range(t, sheet, rng.choice(["dash", "spaced"]))] for t in truth]
        extras = [_extra_lines(t, sheet) for t in truth]
        sections = [sheet.panel[id(t)] for t in truth]
    pad = size * 1.6
    widths = [max(c.stringWidth(cell, bold, size) for cell in col) for col in zip(heads, *rows, strict=True)]
    while sum(widths) + pad * (len(widths) - 1) > width - 90 and size > 6.5:
        widths = [w * (size - 0.5) / size for w in widths]
        size -= 0.5
    xs = [45.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + pad)
    split = round(len(rows) * rng.uniform(0.5, 0.65)) if pages == 2 else len(rows)
    footer_notes = [f"Note ({t.printed_name}): {sheet.notes[id(t)]}"
                    for t in truth if id(t) in sheet.notes]
    footer_notes += [MARK_TEXT[m] for m in sorted(set(sheet.marks.values()))]
    for page, (first, stop) in enumerate([(0, split), (split, len(rows))][:pages], start=1):
        _ink(c, blue)
        c.setFont(bold, 13)
        c.drawString(45, height - 45, lab + ("  -  continued" if page > 1 else ""))
        c.setFont(font, 8.5)
        y = height - 62
        for line in _patient_lines(sheet, f"Page {page} of {pages}"):
            c.drawString(45, y, line)
            y -= 12
        c.setLineWidth(0.6)
        c.line(45, y + 4, width - 45, y + 4)
        y -= 12
        if design == "cumulative":
            c.setFont(font, 8)
            c.drawString(45, y, "Cumulative report - results by date of collection")
            y -= 14
        c.setFont(bold, size)
        for x, head in zip(xs, heads, strict=True):
            c.drawString(x, y, head)
        y -= line_gap
        for i in range(first, stop):
            if sections[i] is not None and (i == first or sections[i] != sections[i - 1]):
                c.setFont(bold, size)
                name = PANELS[sheet.unit_region()][sections[i]]
                c.drawString(45, y, name + (" (continued)" if i == first and page > 1 and i > 0 and
                                            sections[i] == sections[i - 1] else ""))
                c.line(45, y - 3, 45 + c.stringWidth(name, bold, size), y - 3)
                y -= line_gap
            if i in sheet.comments and design != "cumulative":  # a comment line between results
                c.setFont(font, size - 1)
                c.drawString(60, y, f"*** {sheet.comments[i]} ***")
                y -= line_gap
            c.setFont(font, size)
            for x, cell in zip(xs, rows[i], strict=True):
                c.drawString(x, y, cell)
            y -= line_gap
            for extra in extras[i]:  # other tiers, age bands: under the range cell
                c.setFont(font, size - 1)
                c.drawString(xs[-1], y + line_gap * 0.25, extra)
                y -= line_gap * 0.75
        if page < pages:
            c.setFont(font, 8.5)
            c.drawString(45, y - 6, "Continued on next page ...")
        else:
            c.setFont(font, 7.5)
            y -= 8
            for note in footer_notes:
                c.drawString(45, y, note)
                y -= 10
            c.drawString(45, y - 6, "End of report. Reference ranges are those of this laboratory.")
        c.setFont(font, 7)
        c.drawString(45, 30, f"{sheet.person.name}   DOB {sheet.person.dob}   Page {page} of {pages}")
        c.showPage()
    c.save()
    return buf.getvalue()


def fixed_pdf(rng: random.Random, sheet: Sheet, design: str, *, size: float | None = None, dots: bool = False) -> bytes:
    """A fixed-width report: `design` "continued" (two pages, the header repeated, "continued"
    lines, sections, special ranges) or "cumulative" (Australian / NZ style dated columns, flags
    joined to the value). `dots` draws it for a dot-matrix look (plain Courier, wide lines)."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = letter if sheet.region == "us" else A4
    c = _canvas(width, height, buf)
    mono = _face("Courier-Bold" if dots else rng.choice(MONO))
    size = size or rng.choice([7.5, 9.0])
    step = size * (1.5 if dots else 1.32)
    truth = sheet.truth
    flags = sheet.region != "uk"
    lab = rng.choice(LABS).upper()
    name_w = max(len(t.printed_name) for t in truth) + 3
    unit_w = max(len(t.unit or "") for t in truth) + 2
    if design == "cumulative":
        count = rng.choice([3, 4])
        dates = _dates(rng, count, "au" if sheet.region != "us" else "us")
        newest_left = rng.random() < 0.3
        order = (lambda cells: cells[::-1]) if newest_left else (lambda cells: cells)
        cell_w = max(len(d) for d in dates) + 2
        head = [" " * (name_w - 6) + "Date  " + "".join(f"{d:>{cell_w}}" for d in order(dates)),
                " " * (name_w - 6) + "Time  " + "".join(f"{rng.choice(['08', '09', '10', '11'])}:{rng.randint(0, 59):02d}"
                                                        .rjust(cell_w) for _ in dates),
                " " * (name_w - 6) + "Lab # " + "".join(f"{rng.randint(10, 99)}-{rng.randint(10000, 99999)}".rjust(cell_w)
                                                        for _ in dates) + f"  {'Units':<{unit_w}}Ref. range"]
        lines = []
        for t in truth:
            old = _previous_values(rng, t, count - 1)
            cells = [f"{v:>{cell_w - 2}}{(_history_flag(t, v) if flags else ''):<2}" for v in old]
            cells.append(f"{t.value_text:>{cell_w - 2}}{(t.flag or '') if flags else '':<2}")
            lines.append(f"{t.printed_name:<{name_w}}" + "".join(order(cells)) +
                         f"  {t.unit or '':<{unit_w}}{_plain_range(t, 'au')}")
        pages = [(head, lines)]
    else:
        value_w = max(len(_value(t, sheet)) for t in truth) + 2
        flag_col = f"{'Flag':<6}" if flags else ""
        head = [f"{'Test':<{name_w}}{'Result':>{max(value_w, 8)}}  {flag_col}{'Units':<{unit_w}}Reference range"]
        value_w = max(value_w, 8)
        lines, current = [], None
        for i, t in enumerate(truth):
            section = PANELS[sheet.unit_region()][sheet.panel[id(t)]]
            if section != current:
                lines.append(section)
                current = section
            if i in sheet.comments:
                lines.append(f"  ** {sheet.comments[i]}")
            flag = f"{t.flag or '':<6}" if flags else ""
            lines.append(f"{t.printed_name:<{name_w}}{_value(t, sheet):>{value_w}}  {flag}{t.unit or '':<{unit_w}}"
                         f"{_range(t, sheet, 'spaced')}")
            indent = " " * (name_w + value_w + 2 + len(flag) + unit_w)
            lines += [indent + extra for extra in _extra_lines(t, sheet)]
        notes = [f"Note ({t.printed_name}): {sheet.notes[id(t)]}" for t in truth if id(t) in sheet.notes]
        notes += [MARK_TEXT[m] for m in sorted(set(sheet.marks.values()))]
        split = round(len(lines) * rng.uniform(0.5, 0.6))
        while split < len(lines) and not lines[split][:1].strip():  # never split a result from its lines below
            split += 1
        first, second = lines[:split], lines[split:]
        section_now = next(line for line in reversed(first) if line in PANELS[sheet.unit_region()])
        if second and second[0] not in PANELS[sheet.unit_region()]:
            second = [f"{section_now} (continued)", *second]
        pages = [(head, [*first, "", "               ... continued on page 2 ..."]),
                 (head, ["... continued from page 1 ...", "", *second, "", *notes])]
    total = len(pages)
    for number, (head, body) in enumerate(pages, start=1):
        c.setFont(mono, size)
        y = height - 40
        rows = [f"{lab}{'':10}Page {number} of {total}", *_patient_lines(sheet, f"Printed {COLLECTED}"),
                "-" * (len(head[-1]) + 4), *head, "-" * (len(head[-1]) + 4), *body, "",
                "*** END OF REPORT ***" if number == total else ""]
        for row in rows:
            c.drawString(36, y, row)
            y -= step
        c.showPage()
    c.save()
    return buf.getvalue()


def _barcode(c, rng: random.Random, x: float, y: float, width: float, height: float) -> None:
    while width > 2:
        bar = rng.choice([0.6, 0.9, 1.5, 2.2])
        c.rect(x, y, bar, height, stroke=0, fill=1)
        gap = bar + rng.choice([0.7, 1.1, 1.8])
        x, width = x + gap, width - gap


def slip_pdf(rng: random.Random, sheet: Sheet, design: str) -> bytes:
    """A clinic slip: `design` "thermal" (76 mm, faded grey ink, a barcode and a tear line) or
    "analyser" (a 4-inch point-of-care printout with a boxed table and arrow flags)."""
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    truth = sheet.truth
    p = sheet.person
    if design == "thermal":
        width, height = 76 * mm, (62 + 8 * len(truth)) * mm
        c = _canvas(width, height, buf)
        mono = _face(rng.choice(["LiberationMono-BoldItalic", "DejaVuSansMono-BoldOblique"]))
        grey = rng.uniform(0.38, 0.52)  # faded thermal print
        c.setFillGray(grey)
        c.setFont(mono, 7.5)
        y = height - 22
        for line in ["  MEADOWBANK URGENT CARE", "  POINT OF CARE TESTING", f"Name: {p.name}", f"DOB:  {p.dob}  Sex: {sheet.sex}",
                     f"ID:   {p.mrn}", f"Tel:  {p.phone}", p.address, f"Date: {COLLECTED} 08:20", "-" * 32]:
            c.drawString(8, y, line)
            y -= 10
        for t in truth:
            flag = f" {t.flag}" if t.flag else ""
            c.drawString(8, y, f"{t.printed_name:<6}{t.value_text:>7} {t.unit or ''}{flag}")
            y -= 10
            c.drawString(8, y, f"      ref {_plain_range(t, 'dash')}")
            y -= 13
        c.drawString(8, y, "-" * 32)
        _barcode(c, rng, 14, y - 40, width - 28, 28)
        c.drawString(8, y - 54, f"*{p.mrn}*")
        c.setDash(3, 3)
        c.line(0, 10, width, 10)  # the tear line
        c.save()
        return buf.getvalue()
    width, height = 4 * 72, (80 + 8 * len(truth)) * mm
    c = _canvas(width, height, buf)
    font, bold = _face("DejaVuSans-Oblique"), _face("DejaVuSans-BoldOblique")
    c.setFont(bold, 10)
    c.drawString(12, height - 24, "CHEMISTRY ANALYZER  -  PATIENT REPORT")
    c.setFont(font, 7.5)
    y = height - 40
    for line in [f"Patient: {p.name}   Sex: {sheet.sex}   Age: {sheet.age}", f"DOB: {p.dob}   ID: {p.mrn}",
                 f"{p.address}   {p.phone}", f"Run: {COLLECTED} 08:31   Rotor lot 4021AB"]:
        c.drawString(12, y, line)
        y -= 10
    table = [[t.printed_name, t.value_text, t.unit or "", _plain_range(t, "spaced"), t.flag or ""] for t in truth]
    cols = [16.0]
    for col in list(zip(*table, strict=True))[:-1]:  # each column as wide as its widest cell
        cols.append(cols[-1] + max(c.stringWidth(cell, bold, 7.5) for cell in col) + 12)
    top = y - 4
    y -= 16
    c.setFont(bold, 7.5)
    for x, head in zip(cols, ["Analyte", "Result", "Units", "Ref. range", ""], strict=True):
        c.drawString(x, y, head)
    y -= 14
    c.setFont(font, 7.5)
    for row in table:
        for x, cell in zip(cols, row, strict=True):
            c.drawString(x, y, cell)
        y -= 13
    c.rect(10, y + 6, width - 20, top - y - 6, stroke=1, fill=0)
    c.line(10, top - 16, width - 10, top - 16)
    c.drawString(12, y - 10, "\u25b2 above / \u25bc below the reference range")
    c.save()
    return buf.getvalue()


def two_column_pdf(rng: random.Random, sheet: Sheet, design: str) -> bytes:
    """Two columns of results: `design` "staggered" (two independent flows with section headings at
    different places, so rows do not line up) or "stacked" (each result on two lines)."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c, font, bold, size = _start(rng, width, height, buf, [7.5, 9.0])
    blue = rng.random() < 0.3
    _ink(c, blue)
    c.setFont(bold, 12)
    c.drawString(40, height - 40, rng.choice(LABS))
    c.setFont(font, 8)
    y0 = height - 56
    for line in _patient_lines(sheet, "Page 1 of 1"):
        c.drawString(40, y0, line)
        y0 -= 11
    y0 -= 10
    truth = sheet.truth
    flags = sheet.region != "uk"
    half = (len(truth) + 1) // 2
    column_w = (width - 80 - 20) / 2
    form = rng.choice(["paren", "spaced"])
    bottom = y0
    for col, part in enumerate((truth[:half], truth[half:])):
        x = 40 + col * (column_w + 20)
        y = y0 - (col * size * rng.uniform(0.4, 0.8) if design == "staggered" else 0)
        name_w = max(c.stringWidth(t.printed_name, font, size) for t in part) + 8
        rest_w = max(c.stringWidth(f"{t.value_text} {t.unit or ''}", font, size) for t in part) + 10
        for i, t in enumerate(part):
            section = sheet.panel[id(t)]
            if design == "staggered" and (i == 0 or section != sheet.panel[id(part[i - 1])]):
                c.setFont(bold, size + 0.5)
                c.drawString(x, y, PANELS[sheet.unit_region()][section])
                y -= size * 2.1
            flag = f"  {t.flag}" if flags and t.flag else ""
            rest = f"{t.value_text} {t.unit or ''}".strip()
            if design == "stacked":
                c.setFont(bold, size)
                c.drawString(x, y, t.printed_name)
                y -= size * 1.3
                c.setFont(font, size)
                c.drawString(x + 12, y, rest)
                c.drawString(x + 12 + rest_w, y, _plain_range(t, form) + flag)
                y -= size * 2.0
            else:
                c.setFont(font, size)
                c.drawString(x, y, t.printed_name)
                c.drawString(x + name_w, y, rest)
                c.drawString(x + name_w + rest_w, y, _plain_range(t, form) + flag)
                y -= size * rng.choice([1.7, 1.8, 1.9])
        bottom = min(bottom, y)
    c.setLineWidth(0.5)
    c.line(width / 2, y0 + 8, width / 2, bottom)  # the rule between the columns
    c.save()
    return buf.getvalue()


def _wrap(tokens: list[str], width: int) -> list[str]:
    """Tokens joined by spaces into lines of at most `width` characters (a token is never split)."""
    lines, line = [], ""
    for token in tokens:
        if line and len(line) + 1 + len(token) > width:
            lines.append(line)
            line = token
        else:
            line = f"{line} {token}".strip()
    return [*lines, line] if line else lines


def portal_text(rng: random.Random, sheet: Sheet) -> bytes:
    """Pasted text: a forwarded e-mail hard-wrapped at about 40 characters, SMS text with several
    results a line, a semicolon CSV export with dated rows, or one field a line."""
    p, truth = sheet.person, sheet.truth
    look = rng.choice(["email", "sms", "csv-history", "fields"])
    first = p.name.split()[0]
    if look == "email":
        _style_flags(sheet, "word")
        width = rng.randint(36, 44)
        quote = "> " if rng.random() < 0.5 else ""
        body = [f"Dear {first},", "", "Your blood test results have come back. The doctor has seen them.", "",
                f"Patient: {p.name}", f"DOB: {p.dob}  Sex: {sheet.sex}  MRN: {p.mrn}", f"{p.address}", f"Tel {p.phone}", ""]
        wrapped = []
        for line in body:
            wrapped += _wrap(line.split(" "), width) or [""]
        for t in truth:
            unit = f" {t.unit}" if t.unit else ""
            tokens = [*t.printed_name.split(" "), f"{t.value_text}{unit}", f"(range {_plain_range(t, 'spaced')})"
                      if _plain_range(t, "spaced") else "", *([t.flag] if t.flag else [])]
            wrapped += _wrap([tok for tok in tokens if tok], width)
        wrapped += ["", "Kind regards,", "Lakeside Medical Practice"]
        lines = ["---------- Forwarded message ---------", "From: Lakeside Medical Practice <results@lakeside.example>",
                 "Date: Tue, 12 Mar 2024 at 16:02", "Subject: Your blood test results", f"To: {p.name}", "",
                 *[f"{quote}{line}".rstrip() for line in wrapped]]
    elif look == "sms":
        _style_flags(sheet, "letter")
        parts = [f"{t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({_plain_range(t, 'dash')})"
                 + (f" {t.flag}" if t.flag else "") for t in truth]
        text = f"Hi {first}, results for {p.name} DOB {p.dob} MRN {p.mrn}: " + "; ".join(parts) + \
            ". Call 555-0100 with questions. Reply STOP to opt out."
        lines = [f"Text message from CityLab to {p.phone}", *_wrap(text.split(" "), rng.randint(38, 42)), f"Sent to {p.address}"]
    elif look == "csv-history":
        _style_flags(sheet, "letter")
        count = rng.choice([2, 3])
        dates = _dates(rng, count, "iso")
        newest_first = rng.random() < 0.5
        lines = [f"# Export for {p.name}; DOB {p.dob}; MRN {p.mrn}; {p.address}; {p.phone}",
                 "Collected;Test;Result;Units;Reference range;Flag"]
        for t in truth:
            rows = [(d, v, _history_flag(t, v) if v != "--" else "") for d, v in
                    zip(dates[:-1], _previous_values(rng, t, count - 1), strict=True) if v != "--"]
            rows.append((dates[-1], t.value_text, t.flag or ""))
            for date, value, flag in rows[::-1] if newest_first else rows:
                lines.append(f"{date} 08:20;{t.printed_name};{value};{t.unit or ''};{_plain_range(t, 'dash')};{flag}")
    else:
        _style_flags(sheet, "letter")
        lines = [f"Name: {p.name}", f"Date of birth: {p.dob}", f"Sex: {sheet.sex}", f"Medical record number: {p.mrn}",
                 f"Address: {p.address}", f"Phone: {p.phone}", ""]
        for t in truth:
            lines += [f"Test name: {t.printed_name}", f"Result: {t.value_text}", f"Units: {t.unit or '-'}",
                      f"Reference range: {_plain_range(t, 'spaced') or '-'}", f"Abnormal flag: {t.flag or '-'}",
                      f"Collected: {COLLECTED} 08:20", ""]
    return "\n".join(lines).encode()


# ---- photos and scans ------------------------------------------------------------------------------
def _finish(pixels, rng: random.Random, np_rng, noise: tuple[float, float], blur: tuple[float, float],
            quality: tuple[int, int]) -> bytes:
    """A shot's last steps: sensor noise, the lens's softness, the phone's JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    pixels = pixels + np_rng.normal(0, rng.uniform(*noise), pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(*blur)))
    return _jpeg(image, rng.randint(*quality))


def _quad(page, corners: list[tuple[float, float]], background):
    """The page drawn with its corners (top-left, bottom-left, bottom-right, top-right) at `corners`
    over `background` (float RGB); returns (pixels, the page's alpha)."""
    import numpy as np
    from PIL import Image

    from .corpus import _perspective_coefficients

    pw, ph = page.size
    fh, fw = background.shape[:2]
    coeffs = _perspective_coefficients(corners, [(0, 0), (0, ph), (pw, ph), (pw, 0)])
    sheet = page.convert("RGBA").transform((fw, fh), Image.Transform.PERSPECTIVE, coeffs,
                                           resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0, 0))
    alpha = np.asarray(sheet.getchannel("A"), dtype=np.float32)[..., None] / 255
    return background * (1 - alpha) + np.asarray(sheet.convert("RGB"), dtype=np.float32) * alpha, alpha


def _phone_frame(page, fill: float) -> tuple[int, int]:
    """A 3:4 upright phone frame in which the page fills `fill` of the height."""
    fh = int(page.size[1] / fill)
    return int(fh * 0.75), fh


def _smooth_field(np_rng, shape: tuple[int, int], cells: tuple[int, int]):
    """Random low-frequency values over `shape` (bicubic from a `cells` grid), about -1..1."""
    import numpy as np
    from PIL import Image

    small = np_rng.normal(0, 1, cells).astype(np.float32)
    return np.asarray(Image.fromarray(small).resize((shape[1], shape[0]), Image.Resampling.BICUBIC), dtype=np.float32)


def screen_photo(page, rng: random.Random) -> bytes:
    """A laptop screen showing the report in a PDF viewer, photographed: the screen's pixel grid
    beating with the camera's into moire, its glow and blue cast, the keyboard-side keystone."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    grey = np.asarray(page.convert("L"))
    rows = np.nonzero((grey < 200).any(axis=1))[0]
    content = page.crop((0, 0, page.width, min(page.height, int(rows.max() + 0.04 * page.height))))
    cw, ch = content.size
    bar = int(0.05 * cw)
    screen = Image.new("RGB", (int(cw * 1.16), ch + bar + int(0.03 * cw)), (82, 86, 90))
    draw = ImageDraw.Draw(screen)
    draw.rectangle((0, 0, screen.width, bar), fill=(45, 47, 52))
    from PIL import ImageFont

    from .corpus import _TTF_DIRS

    ui = ImageFont.truetype(f"{_TTF_DIRS[0]}/DejaVuSans.ttf", max(10, int(bar * 0.4)))
    draw.text((int(0.02 * cw), int(bar * 0.25)), "lab-results.pdf   -   100%", font=ui, fill=(220, 220, 220))
    screen.paste(content, (int(0.08 * cw), bar + int(0.015 * cw)))
    pixels = np.repeat(np.repeat(np.asarray(screen, dtype=np.float32), 2, axis=0), 2, axis=1)
    grid = np.ones(pixels.shape[:2], dtype=np.float32)  # the dark lines between screen pixels
    grid[1::2, :] *= 0.8
    grid[:, 1::2] *= 0.85
    pixels = pixels * grid[..., None]
    sh, sw = pixels.shape[:2]
    fw, fh = int(sw * 1.12), int(sh * 1.12)
    bezel = np.ones((fh, fw, 3), dtype=np.float32) * np.array([18, 18, 22], dtype=np.float32)
    ox, oy = (fw - sw) / 2, (fh - sh) / 2
    k = rng.uniform(0.03, 0.06) * sw  # keystone: the top edge wider (the screen leans back)
    j = lambda: rng.uniform(-0.01, 0.01) * sw  # noqa: E731
    corners = [(ox - k + j(), oy + j()), (ox + k + j(), oy + sh + j()), (ox + sw - k + j(), oy + sh + j()),
               (ox + sw + k + j(), oy + j())]
    shot, _ = _quad(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), corners, bezel)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    angle, period = rng.uniform(0, math.pi), rng.uniform(14, 30) * fw / 2000
    wave = np.sin(2 * math.pi * (xx * math.cos(angle) + yy * math.sin(angle)) / period)
    beat = np.sin(2 * math.pi * (xx * math.cos(angle + 0.05) + yy * math.sin(angle + 0.05)) / (period * 1.04))
    moire = 1 - rng.uniform(0.06, 0.1) * (0.5 + 0.5 * wave * beat)  # broad bands where the gratings beat
    glow = 1 - 0.22 * (((xx / fw - 0.5) ** 2 + (yy / fh - 0.5) ** 2) * 2.5)
    shot = shot * (moire * glow)[..., None] * np.array(rng.choice([(0.9, 0.97, 1.05), (0.95, 0.98, 1.04)]), dtype=np.float32)
    shot += np_rng.normal(0, rng.uniform(3, 6), shot.shape)
    image = Image.fromarray(np.clip(shot, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.1)))
    scale = rng.uniform(0.8, 0.95)
    image = image.resize((int(fw * scale), int(fh * scale)), Image.Resampling.BILINEAR)
    return _jpeg(image, rng.randint(78, 90))


def crumpled_photo(page, rng: random.Random) -> bytes:
    """A page folded in three for the post and crumpled, flattened on a table: the two creases
    catch the light on one side, soft crumple shading all over, the lines bent a little."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    pixels = np.asarray(page, dtype=np.float32)
    ph, pw = pixels.shape[:2]
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    height = np.zeros((ph, pw), dtype=np.float32)
    for cells, amp in (((5, 4), 0.006), ((10, 8), 0.0025), ((20, 16), 0.0006)):  # ridged: sharp creases at zeros
        height += amp * ph * np.abs(_smooth_field(np_rng, (ph, pw), cells))
    dy = np.clip(np.rint(0.15 * (height - height.mean())), -6, 6).astype(np.int32)  # the crumples bend the lines
    folds = []
    for share in (1 / 3, 2 / 3):  # the two folds of the letter: a ridge or a valley across the page
        fold = share * ph + rng.uniform(-0.01, 0.01) * ph + (xx - pw / 2) * math.tan(math.radians(rng.uniform(-1, 1)))
        height += rng.choice([-1, 1]) * 0.03 * np.abs(yy - fold)
        folds.append(fold)
    gy, gx = np.gradient(height)
    light = np.clip(1 + 2.8 * (gx * -0.6 + gy * -0.8), 0.72, 1.1)
    for fold in folds:  # the crease itself: a thin darker line
        light = light * (1 - 0.18 * np.exp(-((yy - fold) / 2.5) ** 2))
    src_y = np.clip(np.arange(ph)[:, None] + dy, 0, ph - 1)
    pixels = pixels[src_y, np.arange(pw)[None, :]] * light[..., None]
    fw, fh = int(pw * 1.18), int(ph * 1.12)
    table = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(110, 84, 60), (170, 170, 165), (60, 62, 70)]),
                                                             dtype=np.float32)
    page = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    shot, _ = _place(page, rng, rng.uniform(-3, 3), table, (fw, fh))
    shot = shot * rng.uniform(0.82, 0.95) * np.array((1.0, 0.97, 0.9), dtype=np.float32)
    return _finish(shot, rng, np_rng, (4, 7), (0.6, 1.0), (72, 88))


def tablecloth_photo(page, rng: random.Random) -> bytes:
    """A page lying on a gingham table cloth, turned a little, its soft shadow on the cloth."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    fw, fh = _phone_frame(page, rng.uniform(0.78, 0.86))
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    period = rng.uniform(0.035, 0.06) * fw
    tilt = math.radians(rng.uniform(-20, 20))
    u, v = xx * math.cos(tilt) + yy * math.sin(tilt), -xx * math.sin(tilt) + yy * math.cos(tilt)
    stripes = ((u // period) % 2 == 0).astype(np.float32) + ((v // period) % 2 == 0).astype(np.float32)
    colour = np.array(rng.choice([(185, 35, 45), (40, 70, 160), (40, 130, 70)]), dtype=np.float32)
    white = np.array((240, 238, 232), dtype=np.float32)
    cloth = white + (colour - white) * (stripes / 2)[..., None]
    cloth = cloth * (0.9 + 0.05 * np.sin(xx * 0.9) * np.sin(yy * 0.9))[..., None]  # the weave
    shot, alpha = _place(page, rng, rng.uniform(-6, 6), cloth, (fw, fh))
    shadow = np.asarray(Image.fromarray((alpha[..., 0] * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.012 * fw)),
                        dtype=np.float32) / 255
    shadow = np.roll(shadow, (int(0.008 * fh), int(0.008 * fw)), axis=(0, 1))[..., None]
    shot = shot - cloth * (1 - alpha) * 0.4 * shadow  # the page's soft shadow, on the cloth only
    side = xx / fw if rng.random() < 0.5 else yy / fh
    shot = shot * (rng.uniform(0.85, 0.95) - 0.12 * side)[..., None] * np.array((1.0, 0.96, 0.88), dtype=np.float32)
    return _finish(shot, rng, np_rng, (5, 5), (0.6, 1.0), (75, 90))


def side_photo(page, rng: random.Random) -> bytes:
    """A page shot strongly from one side: the far edge 16-26 % shorter and the page squeezed
    towards it, so letters on the far side are narrow."""
    import numpy as np

    np_rng = _noise(rng)
    pw, ph = page.size
    fw, fh = int(pw * 1.1), int(ph * 1.08)
    k = rng.uniform(0.16, 0.26)
    far_left = rng.random() < 0.5
    ox, oy = 0.05 * pw, 0.04 * ph
    squeeze = rng.uniform(0.1, 0.18) * pw  # the far half foreshortened
    if far_left:
        corners = [(ox + squeeze, oy + k * ph / 2), (ox + squeeze, oy + ph - k * ph / 2), (ox + pw, oy + ph), (ox + pw, oy)]
    else:
        corners = [(ox, oy), (ox, oy + ph), (ox + pw - squeeze, oy + ph - k * ph / 2), (ox + pw - squeeze, oy + k * ph / 2)]
    corners = [(x + rng.uniform(-0.005, 0.005) * pw, y + rng.uniform(-0.005, 0.005) * ph) for x, y in corners]
    desk = np.ones((fh, fw, 3), dtype=np.float32) * rng.uniform(70, 150)
    shot, _ = _quad(page, corners, desk)
    xx = np.arange(fw, dtype=np.float32)[None, :] / fw
    shot = shot * (0.95 - 0.18 * (1 - xx if far_left else xx))[..., None]
    return _finish(shot, rng, np_rng, (4, 7), (0.5, 0.8), (78, 90))


def flash_photo(page, rng: random.Random) -> bytes:
    """A night photo with the phone's flash: a bright, washed-out hot spot, light falling off fast
    to dark corners, a dark room behind, a cold cast and grain."""
    import numpy as np

    np_rng = _noise(rng)
    fw, fh = _phone_frame(page, rng.uniform(0.84, 0.92))
    room = np.ones((fh, fw, 3), dtype=np.float32) * rng.uniform(20, 45)
    shot, _ = _place(page, rng, rng.uniform(-3, 3), room, (fw, fh))
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx, cy = rng.uniform(0.4, 0.6) * fw, rng.uniform(0.35, 0.6) * fh
    r2 = ((xx - cx) ** 2 + (yy - cy) ** 2) / (0.5 * fh) ** 2
    fall = 1 / (1 + rng.uniform(0.9, 1.4) * r2)  # the flash lights what is near the middle most
    hot = rng.uniform(0.35, 0.5) * np.exp(-r2 / rng.uniform(0.02, 0.05))  # the glare: at most half washed out
    shot = shot * (0.3 + 0.8 * fall)[..., None]
    shot = shot + (255 - shot) * hot[..., None]
    shot = shot * np.array((0.94, 0.98, 1.05), dtype=np.float32)
    return _finish(shot, rng, np_rng, (6, 10), (0.5, 0.9), (70, 85))


def dithered_fax(page, rng: random.Random) -> bytes:
    """A fax received at 100-150 dpi: grey dithered to black and white dots (Floyd-Steinberg), a fax
    header line, a slight slant and a few streaks across."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    from .corpus import _TTF_DIRS

    np_rng = _noise(rng)
    grey = page.convert("L").rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=255)
    pixels = np.asarray(grey, dtype=np.float32)
    pixels = np.clip((pixels - 30) * 1.15, 0, 255)  # the fax's contrast: ink darker, paper white
    grey = Image.fromarray(pixels.astype(np.uint8))
    draw = ImageDraw.Draw(grey)
    font = ImageFont.truetype(f"{_TTF_DIRS[0]}/DejaVuSansMono.ttf", max(9, int(0.013 * grey.width)))
    draw.text((int(0.03 * grey.width), 4), "12-MAR-2024 15:47  FROM: PATHOLOGY DEPT 555-0190  TO: SURGERY  P.01",
              font=font, fill=0)
    dots = np.asarray(grey.convert("1"), dtype=np.uint8)  # Floyd-Steinberg dithering, PIL's default
    for _ in range(rng.randint(1, 3)):  # streaks: a dropped line of white, or a smear of black
        row = rng.randint(0, dots.shape[0] - 2)
        dots[row] = 1 if rng.random() < 0.5 else np.where(np_rng.random(dots.shape[1]) < 0.3, 0, dots[row])
    out = io.BytesIO()
    Image.fromarray(dots * 255).convert("1").save(out, format="PNG")
    return out.getvalue()


def stapled_scan(page, rng: random.Random) -> bytes:
    """A grey scan of a stapled page: a dark border on two sides, the staple in the top-left corner
    with the paper puckered round it, a dog-eared top-right corner."""
    import numpy as np
    from PIL import Image, ImageDraw

    np_rng = _noise(rng)
    page = page.convert("L").rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BICUBIC, fillcolor=245)
    w, h = page.size
    draw = ImageDraw.Draw(page)
    x0, y0 = rng.uniform(0.012, 0.02) * w, rng.uniform(0.03, 0.038) * h
    x1, y1 = x0 + 0.05 * w, y0 - rng.uniform(0.016, 0.022) * h
    for offset, shade in ((3, 120), (0, 70), (-2, 175)):  # the staple: shadow, metal, highlight
        draw.line((x0, y0 + offset, x1, y1 + offset), fill=shade, width=max(3, int(0.004 * w)))
    draw.line((x0 - 6, y0 + 10, x1 + 8, y1 + 14), fill=200, width=2)  # the pucker beside it
    ear = rng.uniform(0.05, 0.07) * w
    draw.polygon([(w - ear, 0), (w, 0), (w, ear)], fill=30)  # the scanner lid shows where the corner folded
    draw.polygon([(w - ear, 0), (w, ear), (w - ear, ear)], fill=205)  # the folded-over back of the corner
    draw.line((w - ear, 0, w, ear), fill=150, width=2)
    pixels = np.asarray(page, dtype=np.float32)
    dark = rng.uniform(20, 50)
    pixels[:, : int(rng.uniform(0.01, 0.02) * w)] = dark
    pixels[h - int(rng.uniform(0.008, 0.015) * h):, :] = dark
    pixels = pixels * rng.uniform(0.9, 0.97) + np_rng.normal(0, 3, pixels.shape)
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), rng.randint(72, 88))


def booklet_scan(page, rng: random.Random) -> bytes:
    """A page of a bound booklet on a flatbed: the gutter's shadow on the binding side, the lines
    curving down into the binding, the facing page's edge, a skew of 1-3 degrees."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    grey = np.asarray(page.convert("L"), dtype=np.float32)
    h, w = grey.shape
    gutter_left = rng.random() < 0.5
    edge = int(0.05 * w)
    bed = np.full((h, w + edge), 240, dtype=np.float32)
    bed[:, edge:] = grey if gutter_left else bed[:, edge:]
    if not gutter_left:
        bed[:, :w] = grey
    xx = np.arange(w + edge, dtype=np.float32)
    d = (xx - edge if gutter_left else (w - xx)) / w  # distance from the binding, share of the width
    d = np.clip(d, 0, None)
    reach = rng.uniform(0.1, 0.14)
    sag = rng.uniform(0.008, 0.014) * h * np.clip(1 - d / reach, 0, 1) ** 2  # lines curve into the binding
    rows = np.clip(np.arange(h)[:, None] - sag[None, :], 0, h - 1).astype(np.int32)
    bed = bed[rows, np.arange(w + edge)[None, :]]
    shade = 1 - rng.uniform(0.5, 0.65) * np.exp(-d / rng.uniform(0.025, 0.04))
    bed = bed * shade[None, :]
    facing = slice(0, edge) if gutter_left else slice(w, w + edge)  # the facing page: dark, a few grey lines
    bed[:, facing] = 60 + 40 * (np.arange(h)[:, None] % 23 < 3)
    image = Image.fromarray(np.clip(bed, 0, 255).astype(np.uint8)).rotate(
        rng.choice([-1, 1]) * rng.uniform(1, 3), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=235)
    pixels = np.asarray(image, dtype=np.float32) + np_rng.normal(0, 3, (image.height, image.width))
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), rng.randint(75, 90))


def dot_matrix_scan(page, rng: random.Random, pitch: int, dpi: int) -> bytes:
    """A 9-pin dot-matrix printout on green-bar tractor paper, scanned in colour: each letter made
    of dots `pitch` pixels apart from a tired ribbon, pale green bands, sprocket holes at the sides."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    ink = np.asarray(page.convert("L"), dtype=np.float32) < 140
    h, w = ink.shape
    h, w = h - h % pitch, w - w % pitch
    cover = ink[:h, :w].reshape(h // pitch, pitch, w // pitch, pitch).mean(axis=(1, 3))
    dots = cover > 0.28
    yy, xx = np.mgrid[0:pitch, 0:pitch].astype(np.float32) - (pitch - 1) / 2
    disc = ((xx ** 2 + yy ** 2) <= (0.62 * pitch) ** 2).astype(np.float32)
    printed = np.kron(dots.astype(np.float32), disc)
    ribbon = 0.65 + 0.3 * np.clip(_smooth_field(np_rng, (h, w), (5, 4)) * 0.5 + 0.5, 0, 1)  # uneven ribbon ink
    band = (np.arange(h) // int(0.5 * dpi) % 2 == 0)[:, None]  # half-inch green bars
    paper = np.where(band[..., None], np.array((214, 236, 214), dtype=np.float32),
                     np.array((246, 246, 240), dtype=np.float32))
    paper = np.broadcast_to(paper, (h, w, 3)).copy()
    holes = ((np.mgrid[0:h, 0:w][0] % (dpi // 2) - dpi // 4) ** 2 + 0.0)[:, :1]  # sprocket holes every half inch
    for x in (int(0.025 * w), int(0.975 * w)):
        across = (np.arange(w) - x) ** 2
        paper[(holes + across[None, :]) < (0.07 * dpi) ** 2] = 40
    pixels = paper * (1 - (printed * ribbon)[..., None] * 0.85)
    pixels += np_rng.normal(0, 3, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).rotate(
        rng.uniform(-1, 1), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 250))
    return _jpeg(image, rng.randint(80, 92))


def fresh7_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh7 report; the truths are edited in place to what is printed."""
    from reportlab.lib.pagesizes import A4, letter

    region = "us" if not uk else "uk" if layout == "scanned-pdf" or rng.random() < 0.5 else "au"
    sheet = Sheet(rng, person, truth, region)
    sheet.truth.sort(key=lambda t: sheet.panel[id(t)])  # results printed section by section
    if layout == "us-table":
        design = rng.choice(["panel", "cumulative"])
        _prepare(rng, sheet, special=design == "panel")
        _style_flags(sheet, "letter")
        return table_pdf(rng, sheet, design, sizes=[7.5, 9.0, 11.5], pages=1 + (design == "panel" and rng.random() < 0.3)), "pdf"
    if layout == "uk-fixed":
        design = rng.choice(["continued", "cumulative"])
        _prepare(rng, sheet, special=design == "continued")
        _style_flags(sheet, "letter")
        return fixed_pdf(rng, sheet, design), "pdf"
    if layout == "clinic-slip":
        design = rng.choice(["thermal", "analyser"])
        _prepare(rng, sheet, special=False)
        _style_flags(sheet, "slip" if design == "thermal" else "arrow")
        return slip_pdf(rng, sheet, design), "pdf"
    if layout == "two-column":
        _prepare(rng, sheet, special=False)
        _style_flags(sheet, "letter")
        return two_column_pdf(rng, sheet, rng.choice(["staggered", "stacked"])), "pdf"
    if layout == "portal-text":
        _prepare(rng, sheet, special=False)
        return portal_text(rng, sheet), "text"
    paper = letter if region == "us" else A4
    if layout == "phone-photo":
        look = rng.choice(["screen", "crumpled", "tablecloth", "side", "flash"])
        design = rng.choice(["panel", "cumulative"])
        _prepare(rng, sheet, special=design == "panel")
        _style_flags(sheet, "letter")
        pdf = table_pdf(rng, sheet, design, sizes=[9.0, 11.5])
        if look == "screen":
            return screen_photo(render_pages(pdf, rng.randint(110, 130))[0], rng), "image"
        page = render_pages(pdf, rng.randint(220, 250) if look == "side" else rng.randint(170, 210))[0]
        photo = {"crumpled": crumpled_photo, "tablecloth": tablecloth_photo, "side": side_photo, "flash": flash_photo}[look]
        return photo(page, rng), "image"
    if layout == "scanned-pdf":
        look = rng.choice(["fax", "staple", "booklet", "dot-matrix"])
        if look == "dot-matrix":
            design = rng.choice(["continued", "cumulative"])
            _prepare(rng, sheet, special=design == "continued")
            _style_flags(sheet, "letter")
            size = rng.choice([9.0, 10.0])
            pdf = fixed_pdf(rng, sheet, design, size=size, dots=True)
            images = [dot_matrix_scan(page, rng, pitch=3, dpi=300) for page in render_pages(pdf, 300)]
            return image_pages_pdf(images, *paper), "pdf"
        design = rng.choice(["panel", "cumulative"])
        _prepare(rng, sheet, special=design == "panel")
        _style_flags(sheet, "letter")
        pdf = table_pdf(rng, sheet, design, sizes=[9.0, 11.5])
        if look == "fax":
            image = dithered_fax(render_pages(pdf, rng.randint(110, 150))[0], rng)
        elif look == "staple":
            image = stapled_scan(render_pages(pdf, rng.randint(170, 200))[0], rng)
        else:
            image = booklet_scan(render_pages(pdf, rng.randint(170, 200))[0], rng)
        return image_pages_pdf([image], *paper), "pdf"
    raise ValueError(layout)
