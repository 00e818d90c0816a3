"""fresh8: the eighth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh8-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1` (no creation date, no random document id), so a seed gives the same bytes every time. Every report prints the patient's
name, date of birth and record number (and most the address and phone). The truth rules:

- a unit printed in the name's cell ("Sodium (mmol/L)") belongs to the result: the truth's name is
  the test's name without it ("Sodium") and its unit is the one in brackets;
- a range in words ("above 60", "below 5.0") is the bound it names (60 low, 5.0 high);
- a range given once in a transposed block (tests across, rows "Result", "Units", "Range") belongs
  to the test above it;
- flags are the truth as printed ("H", "High", "HIGH", "Critical High"); UK reports print none;
- marks a person made on the paper (highlighter, pen circles, ticks) are not part of any result.

Looks no earlier set has, per layout:

- us-table: units in the name column ("Sodium (mmol/L)") with square-bracket ranges "[136-145]",
  on a portrait or landscape page; or a MyChart-style print of result cards in a grid (name,
  "Normal range: 136 - 145 mmol/L", a range bar with the value's marker, "Your value" above the value);
- uk-fixed: an ICE-like transposed panel (tests across the page, rows Result / Units / Range under
  each); or a GP practice letter listing the results as "Sodium: 140 mmol/L (normal range 133 to 146)";
- clinic-slip: a point-of-care meter printout with each label above its value (value in large type,
  "Ref" line under it); or a lipid-cassette strip printout with the tests across and the values,
  units, ranges and flags in rows under them;
- two-column: dot leaders between name and value in a proportional font, a rule between the columns;
  or units in the name column with square-bracket ranges in two columns;
- portal-text: an HTML results e-mail flattened to text (bold marks as asterisks, link text in angle
  brackets); an all-caps teletype interface report with dot leaders; Apple Health style export lines
  ("Sodium · 140 mmol/L · Range 136–145 mmol/L · 12 Mar 2024");
- phone-photo: a phone in dark mode (a results list, light text on black) photographed on a desk with a
  reflection; a printed page a person has marked up with a highlighter, pen circles and ticks, shot in
  dim light with grain; a page folded in half and not flattened (the lower half bent away, darker)
  held with a finger over a top corner;
- scanned-pdf: a landscape report fed through the scanner sideways (the page image turned 90 degrees
  on a portrait sheet); two pages scanned 2-up on one landscape sheet; either with zebra rows.
"""

from __future__ import annotations

import io
import math
import random

from .corpus import Person, Truth, _canvas
from .fresh5 import _face, _n, render_pages
from .fresh6 import _jpeg, _noise, _place

# body fonts and the bold of each for heads
FONTS = {"Helvetica": "Helvetica-Bold", "DejaVuSans": "DejaVuSans-Bold", "LiberationSans-Regular": "LiberationSans-Bold",
         "LiberationSerif-Regular": "LiberationSerif-Bold", "DejaVuSerifCondensed": "DejaVuSerifCondensed-Bold"}
MONO = ["Courier", "DejaVuSansMono", "LiberationMono-Regular"]
LABS = ["Bayview Medical Laboratory", "Pinecrest Health Lab Services", "Clearwater Regional Pathology",
        "Elmhurst Community Hospital Laboratory"]
PRACTICES = ["Orchard Lane Surgery", "Riverside Medical Practice", "The Green Health Centre"]
COLLECTED = ("03/12/2024", "12 Mar 2024", "2024-03-12")  # US, UK, ISO
FLAG_WORDS = {
    "letter": {},
    "word": {"H": "High", "L": "Low", "HH": "Critical High", "LL": "Critical Low", "A": "Abnormal"},
    "caps": {"H": "HIGH", "L": "LOW", "HH": "CRIT HIGH", "LL": "CRIT LOW", "A": "ABNORMAL"},
}


def _range(t: Truth, form: str) -> str:
    """The truth's range in one of fresh8's forms."""
    if t.range_text:
        return t.range_text
    low, high = t.range_low, t.range_high
    if low is not None and high is not None:
        return {"bracket": f"[{_n(low)}-{_n(high)}]", "spaced": f"{_n(low)} - {_n(high)}", "plain": f"{_n(low)}-{_n(high)}",
                "words": f"{_n(low)} to {_n(high)}", "endash": f"{_n(low)}\u2013{_n(high)}"}[form]
    if low is not None:
        return {"bracket": f"[>{_n(low)}]", "spaced": f">= {_n(low)}", "plain": f">{_n(low)}",
                "words": f"above {_n(low)}", "endash": f">{_n(low)}"}[form]
    if high is not None:
        return {"bracket": f"[<{_n(high)}]", "spaced": f"<= {_n(high)}", "plain": f"<{_n(high)}",
                "words": f"below {_n(high)}", "endash": f"<{_n(high)}"}[form]
    return ""


def _after_range(t: Truth) -> str:
    """The unit printed after a numeric range ("136 - 145 mmol/L"), with its space."""
    return f" {t.unit}" if t.unit and not t.range_text and (t.range_low is not None or t.range_high is not None) else ""


def _flags(truth: list[Truth], region: str, style: str) -> None:
    """Flags as the report prints them; UK reports print none."""
    for t in truth:
        t.flag = None if region == "uk" else FLAG_WORDS[style].get(t.flag, t.flag) if t.flag else None


def _named(t: Truth) -> str:
    """The name cell with the unit in it."""
    return f"{t.printed_name} ({t.unit})" if t.unit else t.printed_name


def _patient(person: Person, region: str) -> list[str]:
    number = "MRN" if region == "us" else "NHS number"
    return [f"Patient: {person.name}    DOB: {person.dob}    {number}: {person.mrn}",
            f"Address: {person.address}    Phone: {person.phone}",
            f"Collected: {COLLECTED[0] if region == 'us' else COLLECTED[1]} 07:55    Reported: "
            f"{COLLECTED[0] if region == 'us' else COLLECTED[1]} 14:02"]


def _body(rng: random.Random) -> tuple[str, str]:
    body = rng.choice(sorted(FONTS))
    return _face(body), _face(FONTS[body])


# ---- pen and highlighter marks (for the photographed and scanned pages) ---------------------------
class Marks:
    """What a person drew on a printed page: highlighter strokes over rows, pen circles round values,
    ticks in the margin. Drawn with the page (before the text for the highlighter, so the ink stays on top)."""

    def __init__(self, rng: random.Random, count: int, enabled: bool):
        self.enabled = enabled
        picks = rng.sample(range(count), min(count, rng.randint(2, 4))) if enabled else []
        self.highlight = set(picks[: len(picks) // 2 + 1])
        self.circle = set(picks[len(picks) // 2 + 1:])
        self.ticks = {i for i in range(count) if enabled and rng.random() < 0.25}
        self.colour = rng.choice([(1.0, 0.95, 0.2), (1.0, 0.55, 0.75), (0.55, 1.0, 0.45)])
        self.pen = rng.choice([(0.1, 0.2, 0.65), (0.15, 0.15, 0.15), (0.75, 0.1, 0.1)])
        self.wobble = [rng.uniform(-1.5, 1.5) for _ in range(8)]

    def under(self, c, row: int, x0: float, x1: float, y: float, size: float) -> None:
        if row in self.highlight:
            c.saveState()
            c.setFillColorRGB(*self.colour)
            c.setFillAlpha(0.45)
            c.rect(x0 - 2, y - size * 0.35 + self.wobble[0] * 0.3, x1 - x0 + 4, size * 1.3, stroke=0, fill=1)
            c.restoreState()

    def over(self, c, row: int, x0: float, x1: float, y: float, size: float, margin: float) -> None:
        c.saveState()
        c.setStrokeColorRGB(*self.pen)
        c.setLineWidth(1.1)
        if row in self.circle:  # an ellipse round the value, not quite closed
            cx, cy, rx, ry = (x0 + x1) / 2, y + size * 0.35, (x1 - x0) / 2 + 6, size * 0.85
            path = c.beginPath()
            for step in range(0, 34):
                a = step / 30 * 2 * math.pi + 0.4
                wob = 1 + 0.04 * self.wobble[step % 8]
                px, py = cx + rx * wob * math.cos(a), cy + ry * wob * math.sin(a)
                path.moveTo(px, py) if step == 0 else path.lineTo(px, py)
            c.drawPath(path, stroke=1, fill=0)
        if row in self.ticks:  # a tick in the right margin
            c.line(margin, y + 3, margin + 3, y)
            c.line(margin + 3, y, margin + 9, y + 8)
        c.restoreState()


# ---- us-table: units in the name column, square-bracket ranges -----------------------------------
def unit_name_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str, *, wide: bool,
                  marks: Marks | None = None, zebra: bool = False, pages: int = 1) -> bytes:
    """A results table whose name column holds the unit ("Sodium (mmol/L)"), no Units column,
    ranges in square brackets; `wide` on a landscape page with collected and status columns."""
    from reportlab.lib.pagesizes import A4, landscape, letter

    buf = io.BytesIO()
    paper = letter if region == "us" else A4
    width, height = landscape(paper) if wide else paper
    c = _canvas(width, height, buf, invariant=1)
    font, bold = _body(rng)
    size = rng.choice([8.5, 9.5, 10.5])
    flags = region == "us"
    lab = rng.choice(LABS)
    heads = ["Test (units)", "Result", *(["Flag"] if flags else []), "Reference range",
             *(["Collected", "Status"] if wide else [])]
    rows = [[_named(t), t.value_text, *([t.flag or ""] if flags else []), _range(t, "bracket"),
             *([f"{COLLECTED[0] if region == 'us' else COLLECTED[1]} 07:55", "Final"] if wide else [])] for t in truth]
    marks = marks or Marks(rng, 0, False)
    gap = size * rng.uniform(2.2, 3.2)
    widths = [max(c.stringWidth(cell, bold, size) for cell in col) for col in zip(heads, *rows, strict=True)]
    xs = [50.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    line_gap = size * rng.uniform(1.75, 2.1)
    split = [0, (len(rows) + 1) // 2, len(rows)] if pages == 2 else [0, len(rows)]
    for page in range(pages):
        c.setFont(bold, 13)
        c.drawString(50, height - 48, lab)
        c.setFont(font, 8.5)
        y = height - 66
        for line in _patient(person, region):
            c.drawString(50, y, line)
            y -= 12
        c.drawRightString(width - 50, height - 48, f"Page {page + 1} of {pages}")
        y -= 10
        c.setFont(bold, size)
        for x, head in zip(xs, heads, strict=True):
            c.drawString(x, y, head)
        c.setLineWidth(0.9)
        c.line(46, y - size * 0.5, width - 46, y - size * 0.5)
        y -= line_gap * 1.1
        for i in range(split[page], split[page + 1]):
            if zebra and i % 2 == 0:
                c.setFillGray(0.88)
                c.rect(46, y - size * 0.45, width - 92, line_gap * 0.95, stroke=0, fill=1)
                c.setFillGray(0)
            marks.under(c, i, xs[0], xs[2] - gap / 2, y, size)
            for col, (x, cell) in enumerate(zip(xs, rows[i], strict=True)):
                c.setFont(bold if flags and col in (1, 2) and rows[i][2] else font, size)
                c.drawString(x, y, cell)
            marks.over(c, i, xs[1], xs[1] + c.stringWidth(rows[i][1], font, size), y, size, width - 40)
            if not zebra:
                c.setStrokeGray(0.75)
                c.setLineWidth(0.4)
                c.line(46, y - size * 0.55, width - 46, y - size * 0.55)
                c.setStrokeGray(0)
            y -= line_gap
        c.setFont(font, 7.5)
        if page == pages - 1:
            c.drawString(50, y - 8, "Units are shown in brackets after each test name. "
                         "Reference ranges are those of this laboratory.")
        c.drawString(50, 28, f"{person.name}  |  DOB {person.dob}  |  printed {COLLECTED[2]}")
        c.showPage()
    c.save()
    return buf.getvalue()


# ---- us-table: MyChart-style result cards ---------------------------------------------------------
def _bar(c, t: Truth, x: float, y: float, w: float, dark: bool) -> None:
    """A range bar: the normal span shaded, a marker where the value falls."""
    c.saveState()
    c.setFillColorRGB(*((0.3, 0.3, 0.32) if dark else (0.86, 0.86, 0.88)))
    c.roundRect(x, y, w, 4, 2, stroke=0, fill=1)
    low, high = t.range_low, t.range_high
    if low is None and high is None or t.range_text:
        c.restoreState()
        return
    lo = low if low is not None else 0.0
    hi = high if high is not None else lo * 2 or 1
    span_lo, span_hi = lo - 0.35 * (hi - lo), hi + 0.35 * (hi - lo)
    pos = lambda v: x + w * min(1.0, max(0.0, (v - span_lo) / (span_hi - span_lo)))  # noqa: E731
    c.setFillColorRGB(0.35, 0.7, 0.45)
    c.roundRect(pos(lo), y, pos(hi) - pos(lo), 4, 2, stroke=0, fill=1)
    try:
        value = float(t.value_text.lstrip("<>"))
    except ValueError:
        value = None
    if value is not None:
        c.setFillColorRGB(*((0.95, 0.95, 0.95) if dark else (0.1, 0.1, 0.15)))
        c.circle(pos(value), y + 2, 4, stroke=0, fill=1)
    c.restoreState()


def cards_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str, *,
              marks: Marks | None = None) -> bytes:
    """A MyChart-style print: a grid of result cards, two to a row, each
    with the name, "Normal range: ...", a range bar and "Your value" above the value and flag."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = letter if region == "us" else A4
    c = _canvas(width, height, buf, invariant=1)
    font, bold = _body(rng)
    size = rng.choice([8.5, 9.5])
    per_row = 2
    marks = marks or Marks(rng, 0, False)
    card_w = (width - 80 - 14 * (per_row - 1)) / per_row
    card_h = size * 6.4
    c.setFillColorRGB(0.05, 0.33, 0.55)
    c.rect(0, height - 40, width, 40, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(bold, 15)
    c.drawString(40, height - 27, "MyHealth  |  Test Results")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, 8.5)
    y = height - 58
    for line in [f"{person.name}   (DOB {person.dob})   {'MRN' if region == 'us' else 'NHS number'} {person.mrn}",
                 f"{rng.choice(['COMPREHENSIVE METABOLIC PANEL, CBC, LIPID PANEL', 'ROUTINE BLOOD TESTS'])}  -  "
                 f"Resulted: {COLLECTED[0] if region == 'us' else COLLECTED[1]}   Ordered by Dr. A. Lindqvist"]:
        c.drawString(40, y, line)
        y -= 12
    y -= 8
    top = y
    for i, t in enumerate(truth):
        row, col = divmod(i, per_row)
        x, y = 40 + col * (card_w + 14), top - row * (card_h + 10)
        c.setStrokeGray(0.7)
        c.setLineWidth(0.7)
        c.roundRect(x, y - card_h, card_w, card_h, 6, stroke=1, fill=0)
        marks.under(c, i, x + 10, x + 10 + c.stringWidth(f"{t.value_text} {t.unit or ''}", bold, size + 3),
                    y - size * 5.4, size + 3)
        c.setFont(bold, size + 1.5)
        c.drawString(x + 10, y - size * 1.6, t.printed_name)
        c.setFont(font, size - 0.5)
        c.setFillGray(0.3)
        label = "Normal value" if t.range_text else "Normal range"
        unit = _after_range(t)
        c.drawString(x + 10, y - size * 2.9, f"{label}: {_range(t, 'spaced')}{unit}")
        c.drawString(x + 10, y - size * 4.1, "Your value")
        c.setFillGray(0)
        _bar(c, t, x + card_w * 0.5, y - size * 4.3, card_w * 0.44, dark=False)
        c.setFont(bold, size + 3)
        value = f"{t.value_text} {t.unit or ''}".strip()
        c.drawString(x + 10, y - size * 5.4, value)
        marks.over(c, i, x + 10, x + 10 + c.stringWidth(t.value_text, bold, size + 3), y - size * 5.4, size + 3,
                   x + card_w - 14)
        if t.flag:
            fx = x + 22 + c.stringWidth(value, bold, size + 3)
            c.setFont(bold, size)
            c.setFillColorRGB(0.75, 0.1, 0.1)
            c.drawString(fx, y - size * 5.4, t.flag)
            c.setFillGray(0)
    c.setFont(font, 7)
    c.drawString(40, 24, f"Printed from MyHealth by {person.name} on {COLLECTED[0]}")
    c.save()
    return buf.getvalue()


def dark_screen(rng: random.Random, person: Person, truth: list[Truth], region: str):
    """A phone's results list in dark mode (light text on black), as the phone draws it (an image)."""
    buf = io.BytesIO()
    width = 390.0
    row_h = 40.0
    height = 150 + row_h * len(truth) + 30
    c = _canvas(width, height, buf, invariant=1)
    font, bold = _face("DejaVuSans"), _face("DejaVuSans-Bold")
    c.setFillColorRGB(0.0, 0.0, 0.0)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillColorRGB(0.92, 0.92, 0.94)
    c.setFont(font, 10)
    c.drawString(20, height - 20, "9:41")
    c.drawRightString(width - 20, height - 20, "5G  87%")
    c.setFont(bold, 18)
    c.drawString(20, height - 55, "Test results" if region == "us" else "Test results - NHS")
    c.setFont(font, 9.5)
    c.setFillColorRGB(0.7, 0.7, 0.74)
    c.drawString(20, height - 75, f"{person.name}  -  born {person.dob}")
    c.drawString(20, height - 89, f"{'MRN' if region == 'us' else 'NHS number'}: {person.mrn}   Collected {COLLECTED[1]}")
    y = height - 125
    for t in truth:
        c.setStrokeColorRGB(0.22, 0.22, 0.25)
        c.line(20, y + 17, width - 20, y + 17)
        c.setFillColorRGB(0.95, 0.95, 0.97)
        c.setFont(font, 11.5)
        c.drawString(20, y, t.printed_name)
        value = f"{t.value_text} {t.unit or ''}".strip()
        c.setFont(bold, 11.5)
        c.drawRightString(width - 20, y, value)
        c.setFont(font, 9)
        c.setFillColorRGB(0.68, 0.68, 0.72)
        unit = _after_range(t)
        c.drawString(20, y - 14, f"Standard range: {_range(t, 'spaced')}{unit}")
        if t.flag:
            c.setFillColorRGB(1.0, 0.55, 0.45)
            c.setFont(bold, 9)
            c.drawRightString(width - 20, y - 14, t.flag)
        y -= row_h
    c.save()
    return render_pages(buf.getvalue(), rng.randint(190, 216))[0]


# ---- uk-fixed: a transposed panel, a GP letter ----------------------------------------------------
def transposed_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An ICE-like fixed-width panel: tests across the page in blocks, the rows Result / Units /
    Range (and Flag, outside the UK) under each test."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = A4 if region != "us" else letter
    c = _canvas(width, height, buf, invariant=1)
    mono = _face(rng.choice(MONO))
    size = rng.choice([7.5, 8.0, 8.5])
    flags = region == "us"
    per_line = int((width - 72) / c.stringWidth("M", mono, size))
    label_w = 10
    labels = ["Test", "Result", *(["Flag"] if flags else []), "Units", "Range"]
    cells = [[t.printed_name, t.value_text, *([t.flag or ""] if flags else []), t.unit or "", _range(t, "plain")]
             for t in truth]
    blocks, current, used = [], [], label_w
    for cell in cells:
        w = max(len(x) for x in cell) + 2
        if used + w > per_line and current:
            blocks.append(current)
            current, used = [], label_w
        current.append((cell, w))
        used += w
    blocks.append(current)
    lines = [rng.choice(LABS).upper(), *_patient(person, region),
             f"Specimen: Blood   Lab no: {rng.randint(10, 99)}{rng.randint(100000, 999999)}",
             "=" * min(per_line, 96)]
    for block in blocks:
        for row, label in enumerate(labels):
            lines.append(f"{label:<{label_w}}" + "".join(f"{cell[row]:<{w}}" for cell, w in block).rstrip())
        lines.append("-" * min(per_line, 96))
    lines += ["", "Authorised by: Biomedical Scientist   Reference ranges apply to adults.", "*** End of report ***"]
    c.setFont(mono, size)
    y = height - 44
    for line in lines:
        c.drawString(36, y, line)
        y -= size * 1.45
    c.save()
    return buf.getvalue()


def gp_letter_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A GP practice letter to the patient listing the results as "Sodium: 140 mmol/L (normal range
    133 to 146)", with the practice's letterhead, the patient's address and a sign-off."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf, invariant=1)
    font, bold = (_face("Courier"), _face("Courier-Bold")) if rng.random() < 0.3 else _body(rng)
    size = rng.choice([9.5, 10.5])
    practice = rng.choice(PRACTICES)
    c.setFont(bold, 14)
    c.drawCentredString(width / 2, height - 50, practice)
    c.setFont(font, 8.5)
    c.drawCentredString(width / 2, height - 63, "Mill Road, Springfield SP1 4QT   Tel 01632 960 412")
    c.setFont(font, size)
    y = height - 100
    for line in [person.name, person.address, "", COLLECTED[1], "",
                 f"Date of birth: {person.dob}    NHS number: {person.mrn}", "",
                 f"Dear {person.name.split()[0]},", "",
                 "Your recent blood test results are below. The doctor has looked at them.",
                 "Please book a routine appointment if you would like to talk them through.", ""]:
        c.drawString(60, y, line)
        y -= size * 1.45
    bullet = rng.choice(["", "- ", "\u2022 "])
    for t in truth:
        ref = f"normal: {t.range_text}" if t.range_text else f"normal range {_range(t, 'words')}"
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        c.drawString(72, y, f"{bullet}{t.printed_name}: {value} ({ref})")
        y -= size * 1.45
    for line in ["", "Yours sincerely,", "", "Dr P. Ansah", f"{practice}"]:
        c.drawString(60, y, line)
        y -= size * 1.45
    c.save()
    return buf.getvalue()


# ---- clinic-slip: a meter printout with labels above values, a cassette strip --------------------
def meter_slip_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A 58 mm point-of-care meter printout: each label on its own line, the value and unit in large
    type under it (the flag beside), then "Ref" and the range."""
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    width, height = 58 * mm, (55 + 16 * len(truth)) * mm
    c = _canvas(width, height, buf, invariant=1)
    mono, bold = _face("DejaVuSansMono"), _face("DejaVuSansMono-Bold")
    c.setFont(bold, 8.5)
    y = height - 20
    c.drawString(8, y, rng.choice(["CARE-POINT ANALYZER", "POC METER  M-310", "QuikCheck Pro"]))
    c.setFont(mono, 7)
    for line in [f"SN {rng.randint(100000, 999999)}  Op 0{rng.randint(100, 999)}",
                 f"Strip lot {rng.randint(1000, 9999)}A", f"{COLLECTED[2]} 10:{rng.randint(10, 59)}",
                 "PATIENT", f"{person.name}", f"DOB {person.dob}", f"ID {person.mrn}", "-" * 26]:
        y -= 10
        c.drawString(8, y, line)
    y -= 16
    for t in truth:
        c.setFont(mono, 7.5)
        c.drawString(8, y, t.printed_name)
        y -= 17
        c.setFont(bold, 14)
        c.drawString(12, y, t.value_text)
        c.setFont(mono, 8)
        c.drawString(18 + c.stringWidth(t.value_text, bold, 14), y, f"{t.unit or ''}{'  ' + t.flag if t.flag else ''}")
        y -= 12
        c.setFont(mono, 7)
        c.drawString(12, y, f"Ref {_range(t, 'plain')}")
        y -= 16
    c.setFont(mono, 7)
    c.drawString(8, y, "-" * 26)
    c.drawString(8, y - 10, "Confirm abnormal results")
    c.drawString(8, y - 20, "with a laboratory test.")
    c.save()
    return buf.getvalue()


def strip_slip_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An 80 mm lipid-cassette style printout: four tests across, their values, units, ranges and
    flags in rows under them."""
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    width = 80 * mm
    groups = [truth[i:i + 4] for i in range(0, len(truth), 4)]
    height = (60 + 30 * len(groups)) * mm
    c = _canvas(width, height, buf, invariant=1)
    font, bold = _face("LiberationSans-Regular"), _face("LiberationSans-Bold")
    c.setFont(bold, 9)
    y = height - 22
    c.drawString(8, y, "CASSETTE ANALYSER RESULTS")
    c.setFont(font, 7)
    for line in [f"Name: {person.name}", f"DOB: {person.dob}   ID: {person.mrn}", f"Tel: {person.phone}",
                 f"Test date: {COLLECTED[0] if region == 'us' else COLLECTED[1]}"]:
        y -= 10
        c.drawString(8, y, line)
    y -= 22
    col_w = (width - 16) / 4
    for group in groups:
        rows = [("name", bold, 7.5), ("value", bold, 10), ("unit", font, 6.5), ("range", font, 6.5), ("flag", bold, 7)]
        for key, face, size in rows:
            c.setFont(face, size)
            for i, t in enumerate(group):
                text = {"name": t.printed_name, "value": t.value_text, "unit": t.unit or "",
                        "range": _range(t, "plain"), "flag": t.flag or ""}[key]
                c.drawString(8 + i * col_w, y, text)
            y -= size * 1.6
        y -= 10
    c.setFont(font, 6.5)
    c.drawString(8, y, "Ranges: adult reference values.")
    c.save()
    return buf.getvalue()


# ---- two-column: dot leaders, units in the name column -------------------------------------------
def two_column_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str, design: str) -> bytes:
    """Two columns of results with a rule between: `design` "leaders" ("Sodium ..... 140 mmol/L
    (133–146)", proportional type) or "unit-name" ("Sodium (mmol/L)  140  [133-146]")."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf, invariant=1)
    font, bold = _body(rng)
    size = rng.choice([8.0, 8.5, 9.0])
    flags = region == "us"
    c.setFont(bold, 12)
    c.drawString(40, height - 44, rng.choice(LABS))
    c.setFont(font, 8)
    y0 = height - 60
    for line in _patient(person, region):
        c.drawString(40, y0, line)
        y0 -= 11
    y0 -= 14
    half = (len(truth) + 1) // 2
    column_w = (width - 80 - 24) / 2
    c.setLineWidth(0.5)
    c.line(width / 2, y0 + 10, width / 2, y0 - size * 2.0 * (half + 1))
    for col, part in enumerate((truth[:half], truth[half:])):
        x = 40 + col * (column_w + 24)
        y = y0
        if design == "unit-name":
            names = [_named(t) for t in part]
            name_w = max(c.stringWidth(n, font, size) for n in [*names, "Test (units)  "]) + 10
            value_w = max(*(c.stringWidth(t.value_text, font, size) for t in part), c.stringWidth("Result", bold, size)) + 10
            c.setFont(bold, size)
            c.drawString(x, y, "Test (units)")
            c.drawString(x + name_w, y, "Result")
            c.drawString(x + name_w + value_w + (18 if flags else 0), y, "Range")
            y -= size * 2.0
            for t, name in zip(part, names, strict=True):
                c.setFont(font, size)
                c.drawString(x, y, name)
                c.drawString(x + name_w, y, t.value_text)
                if flags and t.flag:
                    c.drawString(x + name_w + value_w, y, t.flag)
                c.drawString(x + name_w + value_w + (18 if flags else 0), y, _range(t, "bracket"))
                y -= size * 2.0
        else:
            c.setFont(font, size)
            for t in part:
                right = f"{t.value_text} {t.unit or ''}".strip()
                ref = f"({_range(t, 'endash')})"
                flag = f" {t.flag}" if flags and t.flag else ""
                ref_x = x + column_w - c.stringWidth(ref, font, size)
                value_x = ref_x - 10 - c.stringWidth(right + flag, font, size)
                c.drawString(x, y, t.printed_name)
                dots_from = x + c.stringWidth(t.printed_name, font, size) + 4
                dot_w = c.stringWidth(".", font, size)
                dots = int(max(0, value_x - 4 - dots_from) / dot_w)
                c.drawString(dots_from, y, "." * dots)
                c.drawString(value_x, y, right + flag)
                c.drawString(ref_x, y, ref)
                y -= size * 2.0
    c.setFont(font, 7)
    c.drawString(40, 30, f"{person.name}   DOB {person.dob}   Page 1 of 1")
    c.save()
    return buf.getvalue()


# ---- portal-text -----------------------------------------------------------------------------------
def portal_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Text a person pasted: `look` "email" (an HTML results e-mail flattened to text), "teletype"
    (an all-caps interface report) or "apple" (Apple Health style export lines)."""
    look = rng.choice(["email", "teletype", "apple"])
    first, last = person.name.split()
    if look == "email":
        _flags(truth, region, "word")
        lines = ["From: MyHealth Portal <no-reply@myhealth.example.org>", f"To: {person.name}",
                 "Subject: New test results are ready", "", f"Hi {first},", "",
                 f"New results from {COLLECTED[1]} are ready. Date of birth on file: {person.dob}. MRN {person.mrn}.", ""]
        for t in truth:
            unit = _after_range(t)
            lines += [f"*{t.printed_name}*", f"{t.value_text} {t.unit or ''}".strip() + (f" ({t.flag})" if t.flag else ""),
                      f"Standard range: {_range(t, 'spaced')}{unit}", ""]
        lines += ["View all results <https://myhealth.example.org/results>", "",
                  "[image: MyHealth]", "Please do not reply to this e-mail."]
    elif look == "teletype":
        _flags(truth, region, "letter")
        for t in truth:
            t.printed_name = t.printed_name.upper()
            t.unit = t.unit.upper() if t.unit else t.unit
            t.range_text = t.range_text.upper() if t.range_text else None
            t.value_text = t.value_text.upper()
        name_w = max(len(t.printed_name) for t in truth) + 4
        unit_w = max(len(t.unit or "") for t in truth) + 2
        lines = [f"*** FINAL REPORT ***    {rng.choice(LABS).upper()}    RPT {COLLECTED[0]} 1402",
                 f"PT: {last}, {first}    DOB: {person.dob}    MRN: {person.mrn}",
                 f"ADDR: {person.address}    PH: {person.phone}", "-" * 72,
                 f"{'TEST':<{name_w}}{'RESULT':<9}{'FLAG':<6}{'UNITS':<{unit_w}}REF RANGE"]
        for t in truth:
            lines.append(f"{(t.printed_name + ' ').ljust(name_w - 1, '.')} {t.value_text:<9}{t.flag or '':<6}"
                         f"{t.unit or '':<{unit_w}}{_range(t, 'plain')}")
        lines += ["-" * 72, "*** END OF REPORT ***"]
    else:
        _flags(truth, region, "word")
        date = COLLECTED[1]
        lines = [f"Health Records - {person.name}", f"Date of Birth: {person.dob}   Record: {person.mrn}", ""]
        for t in truth:
            unit = _after_range(t)
            parts = [t.printed_name, f"{t.value_text} {t.unit or ''}".strip(), f"Range {_range(t, 'endash')}{unit}",
                     date, *([t.flag] if t.flag else [])]
            lines.append(" \u00b7 ".join(parts))
        lines += ["", f"Source: {rng.choice(LABS)}"]
    return "\n".join(lines).encode()


# ---- photos --------------------------------------------------------------------------------------
def _grain(pixels, rng: random.Random, np_rng, sigma: tuple[float, float]):
    return pixels + np_rng.normal(0, rng.uniform(*sigma), pixels.shape[:2] + (1,)) + \
        np_rng.normal(0, rng.uniform(*sigma) * 0.5, pixels.shape)


def _finish(pixels, rng: random.Random, blur: tuple[float, float], quality: tuple[int, int]) -> bytes:
    import numpy as np
    from PIL import Image, ImageFilter

    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(*blur)))
    return _jpeg(image, rng.randint(*quality))


def dark_phone_photo(screen, rng: random.Random) -> bytes:
    """A phone in dark mode on a desk, photographed by another camera: the black bezel, a slight turn
    and tilt, a soft reflection streak across the glass, grain, JPEG."""
    import numpy as np
    from PIL import Image, ImageDraw

    np_rng = _noise(rng)
    sw, sh = screen.size
    bezel = int(0.04 * sw)
    phone = Image.new("RGB", (sw + 2 * bezel, sh + 2 * bezel), (12, 12, 14))
    phone.paste(screen, (bezel, bezel))
    ImageDraw.Draw(phone).rounded_rectangle((0, 0, phone.width - 1, phone.height - 1), radius=3 * bezel,
                                            outline=(70, 70, 75), width=max(2, bezel // 5))
    fw, fh = int(phone.width * 1.35), int(phone.height * 1.12)
    desk = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(150, 120, 90), (200, 200, 195), (90, 95, 105)]),
                                                              dtype=np.float32)
    shot, _ = _place(phone, rng, rng.uniform(-5, 5), desk, (fw, fh), tilt=0.015)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    angle = rng.uniform(0.5, 1.1)
    band = np.abs((xx - fw * rng.uniform(0.3, 0.7)) * math.cos(angle) + (yy - fh / 2) * math.sin(angle))
    streak = rng.uniform(0.1, 0.18) * np.exp(-(band / (0.07 * fw)) ** 2)  # the window's reflection on the glass
    shot = shot + (255 - shot) * streak[..., None]
    shot = _grain(shot * rng.uniform(0.85, 1.0), rng, np_rng, (3, 6))
    return _finish(shot, rng, (0.4, 0.8), (78, 90))


def marked_photo(page, rng: random.Random) -> bytes:
    """A marked-up printed page on a table in dim indoor light: warm cast, light falling off, grain."""
    import numpy as np

    np_rng = _noise(rng)
    pw, ph = page.size
    fw, fh = int(pw * 1.12), int(ph * 1.1)
    table = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(120, 90, 60), (70, 70, 75), (175, 165, 150)]),
                                                               dtype=np.float32)
    shot, _ = _place(page, rng, rng.uniform(-4, 4), table, (fw, fh))
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * fw, rng.uniform(0.1, 0.5) * fh
    fall = 1 - 0.3 * np.sqrt(((xx - cx) / fw) ** 2 + ((yy - cy) / fh) ** 2)
    shot = shot * (rng.uniform(0.62, 0.75) * fall)[..., None] * np.array((1.0, 0.9, 0.75), dtype=np.float32)
    shot = _grain(shot, rng, np_rng, (7, 11))
    return _finish(shot, rng, (0.5, 0.9), (68, 84))


def folded_photo(page, rng: random.Random, fold_at: float) -> bytes:
    """A page folded in half and not flattened: the lower half bent away from the camera (shorter,
    narrower towards the bottom, darker), a crease line, a finger over a top corner."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    left = rng.random() < 0.5  # the finger: over the margin at a top corner, never over a result
    fx = int(0.02 * pw) if left else int(0.9 * pw)
    skin = rng.choice([(224, 172, 140), (198, 134, 96), (141, 85, 60), (240, 200, 170)])
    box = (fx - int(0.05 * pw), -int(0.04 * ph), fx + int(0.07 * pw), int(0.06 * ph))
    shadow, finger = Image.new("L", page.size, 0), Image.new("L", page.size, 0)
    ImageDraw.Draw(shadow).ellipse((box[0] + 8, box[1] + 10, box[2] + 8, box[3] + 10), fill=90)
    ImageDraw.Draw(finger).ellipse(box, fill=255)
    soft = ImageFilter.GaussianBlur(0.006 * pw)
    page = Image.composite(Image.new("RGB", page.size, (40, 35, 30)), page, shadow.filter(ImageFilter.GaussianBlur(0.012 * pw)))
    page = Image.composite(Image.new("RGB", page.size, skin), page, finger.filter(soft))
    fold = int(ph * fold_at)
    top = np.asarray(page.crop((0, 0, pw, fold)), dtype=np.float32)
    bottom_img = page.crop((0, fold, pw, ph))
    k = rng.uniform(0.84, 0.92)  # the bent half seen shorter
    inset = rng.uniform(0.02, 0.04) * pw  # and narrower at its far edge
    bh = int(bottom_img.height * k)
    coeffs = _coeffs([(0, 0), (inset, bh), (pw - inset, bh), (pw, 0)], bottom_img.size)
    bottom = bottom_img.transform((pw, bh), Image.Transform.PERSPECTIVE, coeffs, resample=Image.Resampling.BICUBIC,
                                  fillcolor=(60, 55, 50))
    bottom = np.asarray(bottom, dtype=np.float32) * rng.uniform(0.72, 0.85)
    sheet = np.concatenate([top, bottom], axis=0)
    sheet[max(0, fold - 2):fold + 2] *= 0.7  # the crease
    folded = Image.fromarray(np.clip(sheet, 0, 255).astype(np.uint8))
    fw, fh = int(pw * 1.1), int(folded.height * 1.1)
    desk = np.ones((fh, fw, 3), dtype=np.float32) * rng.uniform(60, 140)
    shot, _ = _place(folded, rng, rng.uniform(-3, 3), desk, (fw, fh))
    shot = _grain(shot * rng.uniform(0.85, 0.95), rng, np_rng, (4, 7))
    image = Image.fromarray(np.clip(shot, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    return _jpeg(image, rng.randint(75, 88))


def _coeffs(dst: list[tuple[float, float]], size: tuple[int, int]):
    from .corpus import _perspective_coefficients

    w, h = size
    return _perspective_coefficients(dst, [(0, 0), (0, h), (w, h), (w, 0)])


# ---- scans ---------------------------------------------------------------------------------------
def _scan_grey(image, rng: random.Random) -> bytes:
    """A grey office scan: a slight turn, paper a touch grey, mild noise, JPEG."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    grey = image.convert("L").rotate(rng.uniform(-0.9, 0.9), resample=Image.Resampling.BICUBIC, fillcolor=250)
    pixels = np.asarray(grey, dtype=np.float32) * rng.uniform(0.9, 0.97) + np_rng.normal(0, 3, (grey.height, grey.width))
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), rng.randint(72, 88))


def sideways_scan(page, rng: random.Random) -> bytes:
    """A landscape page fed through the scanner sideways: its image turned 90 degrees on a portrait sheet."""
    from PIL import Image

    turned = page.transpose(rng.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270]))
    return _scan_grey(turned, rng)


def two_up_scan(pages: list, rng: random.Random) -> bytes:
    """Two portrait pages printed 2-up on one landscape sheet (each at about 70 %), then scanned."""
    from PIL import Image

    pw, ph = pages[0].size
    sheet = Image.new("RGB", (int(ph * 1.414), ph), (255, 255, 255))
    half = sheet.width // 2
    scale = min((half - 0.04 * half) / pw, 0.97 * ph / ph)
    for i, page in enumerate(pages[:2]):
        small = page.resize((int(pw * scale), int(ph * scale)), Image.Resampling.LANCZOS)
        sheet.paste(small, (i * half + (half - small.width) // 2, (ph - small.height) // 2))
    return _scan_grey(sheet, rng)


def image_pages_pdf(images: list[bytes], width: float, height: float) -> bytes:
    """A PDF of scanned page images, one page each, with no text layer."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(width, height, buf, invariant=1)
    for image in images:
        c.drawImage(ImageReader(io.BytesIO(image)), 0, 0, width, height)
        c.showPage()
    c.save()
    return buf.getvalue()


# ---- the set -------------------------------------------------------------------------------------
def fresh8_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh8 report; the truths are edited in place to what is printed."""
    from reportlab.lib.pagesizes import A4, landscape, letter

    region = "uk" if uk else "us"
    if layout == "us-table":
        design = rng.choice(["unit-name", "cards"])
        if design == "unit-name":
            _flags(truth, region, "letter")
            return unit_name_pdf(rng, person, truth, region, wide=rng.random() < 0.4), "pdf"
        _flags(truth, region, "word")
        return cards_pdf(rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
        _flags(truth, region, "letter")
        if rng.random() < 0.5:
            return transposed_pdf(rng, person, truth, region), "pdf"
        return gp_letter_pdf(rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        if rng.random() < 0.5:
            _flags(truth, region, "caps")
            return meter_slip_pdf(rng, person, truth, region), "pdf"
        _flags(truth, region, "letter")
        return strip_slip_pdf(rng, person, truth, region), "pdf"
    if layout == "two-column":
        _flags(truth, region, "letter")
        return two_column_pdf(rng, person, truth, region, rng.choice(["leaders", "unit-name"])), "pdf"
    if layout == "portal-text":
        return portal_text(rng, person, truth, region), "text"
    if layout == "phone-photo":
        look = rng.choice(["dark", "marked", "folded"])
        if look == "dark":
            _flags(truth, region, "word")
            return dark_phone_photo(dark_screen(rng, person, truth, region), rng), "image"
        marks = Marks(rng, len(truth), look == "marked")
        if rng.random() < 0.5:
            _flags(truth, region, "letter")
            pdf = unit_name_pdf(rng, person, truth, region, wide=False, marks=marks)
        else:
            _flags(truth, region, "word")
            pdf = cards_pdf(rng, person, truth, region, marks=marks)
        page = render_pages(pdf, rng.randint(170, 210))[0]
        if look == "marked":
            return marked_photo(page, rng), "image"
        return folded_photo(page, rng, rng.uniform(0.3, 0.42)), "image"
    if layout == "scanned-pdf":
        paper = letter if region == "us" else A4
        look = rng.choice(["sideways", "two-up"])
        zebra = rng.random() < 0.5
        _flags(truth, region, "letter")
        marks = Marks(rng, len(truth), rng.random() < 0.4)
        if look == "sideways":
            pdf = unit_name_pdf(rng, person, truth, region, wide=True, marks=marks, zebra=zebra)
            return image_pages_pdf([sideways_scan(render_pages(pdf, rng.randint(190, 220))[0], rng)], *paper), "pdf"
        pdf = unit_name_pdf(rng, person, truth, region, wide=False, marks=marks, zebra=zebra, pages=2)
        sheet = two_up_scan(render_pages(pdf, rng.randint(200, 230)), rng)
        return image_pages_pdf([sheet], *landscape(paper)), "pdf"
    raise ValueError(layout)
