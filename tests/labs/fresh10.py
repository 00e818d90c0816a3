"""fresh10: the tenth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh10-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1` (no creation date, no random document id), so a seed gives the same bytes every time;
images are drawn from the report's own random stream. Every report prints the patient's name, date
of birth and record number (most also the address and phone). The truth rules (as fresh9's):

- a unit printed belongs to the result, wherever it stands: after the value, in the value's cell
  ("140 mmol/L"), after the range ("3.5 - 5.1 mmol/L"), or pre-printed in a form's box label;
- a range in words is the bound it names ("normal is below 5" is 5 high, "3.5 to 5.1" both bounds,
  ">= 60" and "<= 150" their bounds); a qualitative test's expected word ("Negative") is its range;
- flags are the truth as printed: "High"/"Low" after the value in its cell, an "Abnormal" column's
  "A" or "*" (every abnormal row the same mark), an HL7 OBX-8 code ("H", "LL"; "N", normal, is no
  flag), an analyser's "HI"/"LO"; tick marks drawn on a card are pen marks, not flags; UK reports
  print none;
- comments and marks are not results: a letter's paragraphs with dates, phone numbers and "within
  2 weeks", an interpretation column's advice ("5 or below is advised for most adults"), previous
  results with their dates, an analyser's calculated ratio lines, empty form boxes, highlighter strokes.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a LabCorp-style page (Test / Current Result and Flag / Previous Result and Date / Units /
  Reference Interval, "x10E3/uL" units, "High"/"Low" after the value in its cell, indented tests under
  panel sub-headings); a MyChart-like printout (Component / Your Value / Standard Range / Flag, ranges
  "3.5 - 5.1 mmol/L" or "3.5 to 5.1 mmol/L"); a table with an "Abnormal" column holding "A" or "*"
  and one-sided ranges written "<=" / ">=";
- uk-fixed: a GP practice letter giving the results in sentences ("Your potassium was 5.1 mmol/L
  (normal range 3.5 to 5.3).") among letter paragraphs with other numbers; a Patient-Access-like
  export, "Test: value unit [low - high]" one per line; a Welsh/Scottish-style report with
  "(ref: 133-146)" after the unit;
- clinic-slip: a hand-filled paper form (printed boxes and labels, values in a jittered hand, some
  boxes left empty); a cholesterol-analyser printout ("TC 212 mg/dL", "TRG", "nonHDL", "TC/H");
  a workplace wellness card with "Low / Normal / Borderline / High" tick boxes beside each value;
- two-column: results left and a plain-words interpretation column right holding other numbers;
  two columns of "Name ..... value unit (low-high)" lines with a vertical divider;
- portal-text: an HL7 v2 ORU message pasted as text (PID and OBX segments); a CSV from a
  spreadsheet ("Test,Result,Units,Low,High,Flag"; a qualitative test's word in the Low cell); a
  tab-separated copy of a MyChart table (the unit in the value's cell and after the range); a
  screen-reader copy with each cell prefixed by its column's name;
- phone-photo: a page shot at night with the flash (a hot spot washing out the centre, dark
  corners); a page folded in three and photographed unfolded (two creases with shadows, the panels
  at slightly different angles); a page half in the hard diagonal shadow of the phone and hand;
- scanned-pdf: a two-page scan whose second page is upside down; a pink or yellow carbonless copy
  scanned in colour (faint coloured text); a heavily JPEG-compressed scan (quality 20-30) with a
  highlighter stroke over the abnormal rows and a staple's shadow in a corner.
"""

from __future__ import annotations

import csv
import io
import math
import random

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .fresh5 import _PANEL_OF, _n, _previous, render_pages
from .fresh6 import _jpeg, _noise
from .fresh8 import _after_range, _flags, _grain, image_pages_pdf
from .fresh8 import _range as _fresh8_range
from .fresh9 import (
    _array,
    _by_section,
    _done,
    _fonts,
    _hand,
    _heads,
    _id_lines,
    _image,
    _mapped_flags,
    _masthead,
    _on_paper,
    _on_surface,
    _start,
    _wrap,
)

LABS = ["Harborview Clinical Laboratories", "Copper Ridge Reference Lab", "Northfield Medical Laboratory"]
PRACTICES = ["Millbrook Surgery", "Castle Street Medical Centre", "Fernhill Family Practice"]
BOARDS = ["Cwm Taf Health Board - Laboratory Medicine / Meddygaeth Labordy",
          "NHS Borders - Department of Clinical Biochemistry", "Hywel Valley University Health Board - Pathology"]
SECTIONS = {"us": ["Comp. Metabolic Panel (14)", "CBC With Differential/Platelet", "Lipid Panel",
                   "Thyroid, Vitamins and Other"],
            "uk": ["Biochemistry / Biocemeg", "Haematology / Haematoleg", "Lipids / Lipidau", "Other tests / Profion eraill"]}
ANALYSER = {"CHOL": "TC", "TRIG": "TRG", "HDL": "HDL", "LDL": "LDL", "GLU": "GLU"}  # a lipid analyser's labels
ANALYSER_FLAGS = {"H": "HI", "L": "LO", "HH": "HI", "LL": "LO", "A": "ABN"}
LETTER_BEFORE = [
    "Thank you for coming in for your blood test on 12/03/2024. Dr Ashworth has now looked at your results.",
    "Most of your results are within the normal range. Some are a little outside it, which is common and often "
    "not a concern. Please book a routine telephone appointment within 2 weeks so we can talk them through.",
]
LETTER_AFTER = [
    "You can call the surgery on 01632 960 415 between 8am and 6.30pm, Monday to Friday. Lines are busiest before "
    "10am. If you have registered for online services you can also book on the NHS App.",
    "Please do not stop any of your medicines before you have spoken to us. If you feel unwell in the meantime, "
    "call 111, or 999 in an emergency.",
]
# plain-words notes a GP results summary prints beside a result, by the test's first US name (UK units;
# thresholds as the NHS gives them: cholesterol, HbA1c, vitamin D; NICE for eGFR)
ADVICE = {
    "Cholesterol, Total": "For most healthy adults, 5 or below is advised.",
    "LDL Cholesterol": "For most healthy adults, 3 or below is advised.",
    "HDL Cholesterol": "1 or above is advised; higher is better.",
    "Triglycerides": "1.7 or below is advised.",
    "Hemoglobin A1c": "48 or above can mean diabetes; 42 to 47 means a higher risk of it.",
    "eGFR": "Below 60 for 3 months or more can be a sign of kidney disease.",
    "Vitamin D, 25-Hydroxy": "Below 25 means a lack of vitamin D.",
}
EMPTY_BOXES = ["Waist (cm)", "Weight (kg)", "Pulse (bpm)", "Hb (g/dL)"]  # boxes a hand-filled form leaves empty


# body and bold fonts a page draws one pair of
FACES_HELVETICA_SANSNARROW = [("Helvetica", "Helvetica-Bold"), ("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold")]
FACES_SANS_SERIF = [("LiberationSans-Regular", "LiberationSans-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold")]
FACES_COURIER_SERIFCONDENSED = [("Courier", "Courier-Bold"), ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold")]
FACES_SANSCONDENSED_TIMES = [("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"), ("Times-Roman", "Times-Bold")]
FACES_HELVETICA_SERIF = [("Helvetica", "Helvetica-Bold"), ("LiberationSerif-Regular", "LiberationSerif-Bold")]
FACES_SANSMONO_TIMES = [("DejaVuSansMono", "DejaVuSansMono-Bold"), ("Times-Roman", "Times-Bold")]


def _range(t: Truth, form: str) -> str:
    """The truth's range in one of fresh10's forms: fresh8's "plain" ("3.5-5.1", ">60", "<8") and
    "spaced" ("3.5 - 5.1", ">= 60", "<= 8"), or "to" ("3.5 to 5.1"), "compare" ("3.5-5.1", ">=60",
    "<=8") and "bracket" ("[3.5 - 5.1]", "[> 60]", "[< 8]")."""
    if t.range_text:
        return f"[{t.range_text}]" if form == "bracket" else t.range_text
    if form in ("plain", "spaced"):
        return _fresh8_range(t, form)
    low, high = t.range_low, t.range_high
    if form == "bracket":
        inside = _fresh8_range(t, "spaced" if low is not None and high is not None else "plain")
        return f"[{inside.replace('>', '> ').replace('<', '< ')}]"
    if low is not None and high is not None:
        return f"{_n(low)} to {_n(high)}" if form == "to" else _fresh8_range(t, "plain")
    return _fresh8_range(t, "spaced").replace(" ", "") if form == "compare" else _fresh8_range(t, "spaced")


def _abnormal(truth: list[Truth]) -> set[str]:
    """The names of the results outside their range (before the flags are set as printed)."""
    return {t.printed_name for t in truth if t.flag}


def _section_name(t: Truth, region: str) -> str:
    return SECTIONS[region][_PANEL_OF.get(_first(t), 0)]


def _first(t: Truth) -> str:
    from .fresh5 import _first_name

    return _first_name(t)


def _spoken_name(t: Truth) -> str:
    """A test's name inside a sentence: "potassium", but "eGFR", "HbA1c", "ALT" as they are."""
    name = t.printed_name
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _page(rng: random.Random, width: float, height: float, fonts: list[tuple[str, str]], sizes: list[float]):
    """A new page's canvas and buffer, its body and bold fonts and its text size, drawn from the choices."""
    c, buf = _start(width, height)
    font, bold = _fonts(rng, fonts)
    return c, buf, font, bold, rng.choice(sizes)


# ---- us-table ------------------------------------------------------------------------------------
def labcorp_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A LabCorp-style page: Test | Current Result and Flag | Previous Result and Date | Units |
    Reference Interval, tests indented under panel sub-headings, the flag word after the value."""
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_HELVETICA_SANSNARROW, [8.0, 8.5])
    lab = rng.choice(LABS)
    c.setFont(bold, 13)
    c.drawString(40, height - 44, lab)
    c.setFont(font, 8)
    number = "Patient ID" if region == "us" else "NHS No."
    for i, line in enumerate([f"Patient Name: {person.name}", f"DOB: {person.dob}    {number}: {person.mrn}",
                              f"Patient Address: {person.address}", f"Phone: {person.phone}"]):
        c.drawString(40, height - 62 - 11 * i, line)
    c.drawString(width / 2 + 20, height - 62, "Ordering Physician: K Brandt")
    c.drawString(width / 2 + 20, height - 73, "Date Collected: 03/12/2024   Date Reported: 03/13/2024")
    y = height - 120
    xs = [40, 200, 300, 410, 480]
    c.setLineWidth(0.6)
    c.line(36, y + size + 4, width - 36, y + size + 4)
    c.setFont(bold, size - 0.5)
    for x, (top, bottom) in zip(xs, [("Test", ""), ("Current Result", "and Flag"), ("Previous Result", "and Date"),
                                     ("Units", ""), ("Reference", "Interval")], strict=True):
        c.drawString(x, y, top)
        if bottom:
            c.drawString(x, y - size, bottom)
    y -= size * 1.4 + 6
    c.line(36, y + size, width - 36, y + size)
    earlier = rng.choice(["09/14/2023", "01/05/2024", "06/22/2023"])
    for section, rows in _by_section(truth):
        y -= size * 0.8
        c.setFont(bold, size)
        c.drawString(44, y, SECTIONS[region][section])
        y -= size * 1.6
        for t in rows:
            c.setFont(font, size)
            c.drawString(58, y, t.printed_name)
            c.setFont(bold if t.flag else font, size)
            c.drawString(xs[1], y, f"{t.value_text} {t.flag}" if t.flag else t.value_text)
            c.setFont(font, size)
            if rng.random() < 0.75:
                c.drawString(xs[2], y, f"{_previous(rng, t)}  {earlier}")
            c.drawString(xs[3], y, t.unit or "")
            c.drawString(xs[4], y, _range(t, "plain"))
            y -= size * 1.55
    c.setFont(font, 7)
    c.drawString(40, 40, f"{person.name}  DOB {person.dob}  {lab}  Page 1 of 1  Final report")
    return _done(c, buf)


def mychart_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A MyChart-like printout: Component | Your Value | Standard Range | Flag, the unit after the
    range ("3.5 - 5.1 mmol/L" or "3.5 to 5.1 mmol/L")."""
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS_SERIF, [8.5, 9.0])
    form = rng.choice(["spaced", "to"])
    c.setFont(font, 7)
    c.drawString(30, height - 20, "3/13/24, 8:02 PM                MyChart - Test Results")
    c.setFont(bold, 15)
    c.drawString(40, height - 54, "Test Results")
    c.setFont(font, 8.5)
    y = height - 72
    for line in [f"Name: {person.name}   DOB: {person.dob}   MRN: {person.mrn}", f"{person.address}   {person.phone}",
                 "Collected on Mar 12, 2024 7:55 AM    Resulted on Mar 12, 2024 3:10 PM", "Status: Final result"]:
        c.drawString(40, y, line)
        y -= 12
    y -= 10
    xs = [40, 210, 300, 470]
    c.setFillColorRGB(0.93, 0.95, 0.98)
    c.rect(36, y - 4, width - 72, size + 8, stroke=0, fill=1)
    c.setFillGray(0)
    _heads(c, xs, ["Component", "Your Value", "Standard Range", "Flag"], bold, size, y)
    y -= size * 2
    c.setStrokeGray(0.8)
    for t in truth:
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[2], y, _range(t, form) + _after_range(t))
        if t.flag:
            c.setFillColorRGB(0.7, 0.1, 0.1)
            c.drawString(xs[3], y, t.flag)
            c.setFillGray(0)
        c.line(36, y - 5, width - 36, y - 5)
        y -= size * 2.1
    c.setFont(font, 7)
    c.drawString(30, 24, "https://mychart.example.org/MyChart/app/test-results      1/1")
    return _done(c, buf)


def abnormal_column_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Test | Result | Abnormal | Units | Ref Range: an abnormal result marked "A" or "*" in its own
    column (the same mark for every one), one-sided ranges written "<=" / ">="."""
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_COURIER_SERIFCONDENSED, [8.5, 9.0])
    mark = rng.choice(["A", "*"])
    for t in truth:
        t.flag = mark if t.flag else None
    y = _masthead(c, 40, height - 46, rng.choice(LABS) + " - Laboratory Report", _id_lines(person, region), font, bold)
    y -= 14
    xs = [40, 215, 290, 350, 440]
    _heads(c, xs, ["Test", "Result", "Abnormal", "Units", "Ref Range"], bold, size, y)
    c.line(36, y - 4, width - 36, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        c.drawString(xs[0], y, t.printed_name)
        c.drawString(xs[1], y, t.value_text)
        if t.flag:
            c.drawCentredString(xs[2] + 18, y, t.flag)
        c.drawString(xs[3], y, t.unit or "")
        c.drawString(xs[4], y, _range(t, "compare"))
        y -= size * 1.7
    c.setFont(font, 7)
    c.drawString(40, 40, f"Abnormal: {mark} = outside the reference range.   {person.name}   {person.mrn}")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def _paragraphs(c, paragraphs: list[str], x: float, y: float, font: str, size: float, width: float) -> float:
    c.setFont(font, size)
    for paragraph in paragraphs:
        for line in _wrap(paragraph, font, size, width, c):
            c.drawString(x, y, line)
            y -= size * 1.4
        y -= size * 0.8
    return y


def _sentence(t: Truth) -> str:
    value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
    if t.range_text:
        normal = f"normal: {t.range_text}"
    elif t.range_low is not None and t.range_high is not None:
        normal = f"normal range {_n(t.range_low)} to {_n(t.range_high)}"
    elif t.range_low is not None:
        normal = f"normal is above {_n(t.range_low)}"
    else:
        normal = f"normal is below {_n(t.range_high)}"
    return f"Your {_spoken_name(t)} was {value} ({normal})."


def gp_sentences_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A GP practice letter: ordinary paragraphs with dates and phone numbers, then the results in
    sentences, two or three to a paragraph."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS_SERIF, [9.5, 10.0])
    practice = rng.choice(PRACTICES)
    c.setFont(bold, 12)
    c.drawRightString(width - 50, height - 50, practice)
    c.setFont(font, 8.5)
    c.drawRightString(width - 50, height - 62, "14 Priory Road, Springfield  SP2 7QL   Tel: 01632 960 415")
    y = height - 100
    c.setFont(font, size)
    for line in [person.name, person.address, f"Date of birth: {person.dob}", f"NHS number: {person.mrn}",
                 f"Tel: {person.phone}", "", "Date: 15/03/2024", "", f"Dear {person.name.split()[0]},"]:
        c.drawString(60, y, line)
        y -= size * 1.4
    y -= 6
    y = _paragraphs(c, LETTER_BEFORE, 60, y, font, size, width - 120)
    sentences = [_sentence(t) for t in truth]
    groups = []
    while sentences:
        take = rng.randint(2, 3)
        groups.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    y = _paragraphs(c, groups, 60, y, font, size, width - 120)
    y = _paragraphs(c, LETTER_AFTER, 60, y, font, size, width - 120)
    c.setFont(font, size)
    c.drawString(60, y - 4, "Yours sincerely,")
    c.drawString(60, y - 34, f"Dr H. Ashworth, on behalf of {practice}")
    return _done(c, buf)


def patient_access_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Patient-Access-like export: "Test: value unit [low - high]" one per line under a dated heading."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_HELVETICA_SANSNARROW, [9.0, 9.5, 10.0])
    y = _masthead(c, 50, height - 50, "Test results - exported from your online record",
                  [f"Name: {person.name}", f"Date of birth: {person.dob}", f"NHS number: {person.mrn}",
                   f"Address: {person.address}", f"Telephone: {person.phone}"], font, bold)
    y -= 14
    c.setFont(bold, size)
    c.drawString(50, y, "12-Mar-2024  Full blood count, renal, liver and other tests (filed by Dr Ashworth)")
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        c.drawString(60, y, f"{t.printed_name}: {value} {_range(t, 'bracket')}".rstrip())
        y -= size * 1.55
    y -= 8
    c.setFont(font, 7.5)
    c.drawString(50, y, "Comment: No action needed for results in range. Exported 15-Mar-2024 09:42.")
    return _done(c, buf)


def ref_after_unit_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Welsh/Scottish-style report: sections with bilingual heads, each line "Sodium  140 mmol/L
    (ref: 133-146)"."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANSCONDENSED_TIMES, [9.0, 9.5])
    y = _masthead(c, 45, height - 48, rng.choice(BOARDS),
                  [f"Patient / Claf: {person.name}    DOB: {person.dob}    CHI/NHS No: {person.mrn}",
                   f"Address: {person.address}    Tel: {person.phone}",
                   "Sample taken: 12/03/2024 08:40    Authorised: 12/03/2024 17:05"], font, bold)
    y -= 10
    for section, rows in _by_section(truth):
        c.setFont(bold, size)
        c.drawString(45, y, SECTIONS["uk"][section])
        y -= size * 1.7
        c.setFont(font, size)
        for t in rows:
            c.drawString(55, y, t.printed_name)
            value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
            c.drawString(210, y, f"{value}    (ref: {_range(t, 'plain')})")
            y -= size * 1.5
        y -= size * 0.6
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def hand_form_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A hand-filled health-check form: printed boxes with labels ("K (mmol/L)") and the reference
    range under each, values written in by hand, some boxes left empty."""
    width, height = A5
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("Helvetica", "Helvetica-Bold"), ("DejaVuSans", "DejaVuSans-Bold")])
    hand = rng.choice(["DejaVuSans-Oblique", "LiberationSans-Italic", "DejaVuSerif-Italic"])
    from .fresh5 import _face

    hand = _face(hand)
    c.setFont(bold, 11)
    c.drawString(28, height - 34, "COMMUNITY HEALTH CHECK - RESULTS FORM")
    c.setFont(font, 7)
    c.drawString(28, height - 44, "Please write clearly in the boxes. Reference ranges printed under each box.")
    labels = [("Name", person.name), ("Date of birth", person.dob), ("Record no.", person.mrn),
              ("Address", person.address), ("Phone", person.phone)]
    y = height - 64
    for label, text in labels:
        c.setFont(font, 7)
        c.drawString(28, y, label)
        c.rect(90, y - 4, width - 118, 13, stroke=1, fill=0)
        _hand(c, rng, 94, y - 1, text, hand, 9)
        y -= 17
    boxes = [("t", t) for t in truth] + [("empty", e) for e in rng.sample(EMPTY_BOXES, 2)]
    rng.shuffle(boxes)
    cols, box_w, box_h = 3, (width - 56) / 3, 42
    y -= 8
    for i, (kind, item) in enumerate(boxes):
        x = 28 + (i % cols) * box_w
        top = y - (i // cols) * (box_h + 6)
        c.setLineWidth(0.7)
        c.rect(x, top - box_h + 10, box_w - 6, box_h, stroke=1, fill=0)
        c.setFont(bold, 7)
        if kind == "empty":
            c.drawString(x + 3, top + 2, item)
            continue
        c.drawString(x + 3, top + 2, f"{item.printed_name} ({item.unit})" if item.unit else item.printed_name)
        _hand(c, rng, x + 8, top - 14, f"{item.value_text} {item.flag}" if item.flag else item.value_text, hand, 12)
        c.setFont(font, 6.5)
        c.drawString(x + 3, top - box_h + 13, f"Ref {_range(item, 'plain')}")
    c.setFont(font, 7)
    c.drawString(28, 30, "Checked by: ________   Next check due: in 12 months")
    return _done(c, buf)


def analyser_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A cholesterol-analyser printout (LDX-like): "TC 212 mg/dL", "TRG", "HDL", the calculated
    "nonHDL" and "TC/H" lines when both cholesterols are drawn, each range in round brackets under its line,
    "HI"/"LO"."""
    width = 58 * 72 / 25.4
    lines_count = len(truth) + 14
    height = 40 + lines_count * 13
    c, buf = _start(width, height)
    font = rng.choice(["Courier", "Courier-Bold"])
    size = 7.5
    for t in truth:
        t.printed_name = ANALYSER.get(t.printed_name, t.printed_name)
    c.setFont(font, size)
    y = height - 20
    lines = ["  POC LIPID + CHEM ANALYSER", "Ver 3.2  SN 04-1187", "03/12/2024  10:41", "",
             f"NAME {person.name}", f"DOB  {person.dob}", f"ID   {person.mrn}", f"TEL  {person.phone}", ""]
    by_name = {t.printed_name: t for t in truth}
    for t in truth:
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        flag = f" {t.flag}" if t.flag else ""
        lines.append(f"{t.printed_name:<6}{value:<15}{flag}")
        lines.append(f"      ({_range(t, 'plain')})")
    if "TC" in by_name and "HDL" in by_name:  # the analyser's calculated lines: not drawn results
        total, hdl = float(by_name["TC"].value_text), float(by_name["HDL"].value_text)
        lines += [f"nonHDL {total - hdl:.0f} {by_name['TC'].unit}", f"TC/H   {total / hdl:.1f}"]
    lines += ["", "Fasting: Y", "OPERATOR: 07"]
    for line in lines:
        c.drawString(8, y, line)
        y -= 13 if line.startswith("      (") else 11
    return _done(c, buf)


def wellness_card_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A workplace wellness card: each value with "Low / Normal / Borderline / High" tick boxes beside
    it, the box for where the value falls ticked by pen (a mark, not a flag)."""
    width, height = 5.5 * 72, 8.5 * 72
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("LiberationSans-Regular", "LiberationSans-Bold"), ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")])
    # the box ticked: Low, Normal, Borderline (a "Trace" urine test) or High (above the range, "Positive")
    ticks = {t.printed_name: 0 if t.flag in ("L", "LL") else 2 if t.value_text == "Trace" else 3 if t.flag else 1
             for t in truth}
    for t in truth:
        t.flag = None
    c.setFillColorRGB(0.05, 0.4, 0.45)
    c.rect(0, height - 52, width, 52, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 12)
    c.drawString(20, height - 30, "Know Your Numbers - Workplace Wellness")
    c.setFillGray(0)
    c.setFont(font, 7.5)
    y = height - 68
    for line in [f"Employee: {person.name}   DOB: {person.dob}", f"Member ID: {person.mrn}   Phone: {person.phone}",
                 "Screening: 03/12/2024, Building C"]:
        c.drawString(20, y, line)
        y -= 10
    y -= 8
    boxes = ["Low", "Normal", "Borderline", "High"]
    bx = [188, 222, 258, 298]
    c.setFont(bold, 6.5)
    for x, label in zip(bx, boxes, strict=True):
        c.drawCentredString(x + 4, y, label)
    y -= 16
    for t in truth:
        c.setFont(bold, 7.5)
        c.drawString(20, y, t.printed_name)
        c.setFont(font, 7.5)
        c.drawString(70, y, f"{t.value_text} {t.unit}" if t.unit else t.value_text)
        c.setFont(font, 6.5)
        c.drawString(20, y - 8, f"Healthy range: {_range(t, 'spaced')}")
        for k, x in enumerate(bx):
            c.rect(x, y - 2, 8, 8, stroke=1, fill=0)
            if k == ticks[t.printed_name]:  # a pen tick, drawn as strokes
                c.saveState()
                c.setStrokeColorRGB(0.1, 0.15, 0.6)
                c.setLineWidth(1.2)
                wobble = rng.uniform(-1, 1)
                c.line(x + 1, y + 2 + wobble, x + 3.5, y - 1)
                c.line(x + 3.5, y - 1, x + 10, y + 9 + wobble)
                c.restoreState()
        y -= 24
    c.setFont(font, 6.5)
    c.drawString(20, 24, "Share this card with your doctor. Questions: wellness line 1-800-555-0142.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _advice(t: Truth) -> str:
    if t.range_text:
        where = "As expected." if t.value_text == t.range_text else "Not the expected result."
    else:
        number = float(t.value_text.lstrip("<>"))
        above = t.range_high is not None and number > t.range_high
        below = t.range_low is not None and number < t.range_low
        where = "Above the usual range." if above else "Below the usual range." if below else "Within the usual range."
    return f"{where} {ADVICE.get(_first(t), '')}".strip()


def interpretation_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results on the left (name, value, unit, range), a plain-words "What this means" column on the
    right, holding other numbers ("5 or below is advised")."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_HELVETICA_SERIF, [8.0, 8.5])
    y = _masthead(c, 40, height - 46, "Your blood test results explained", _id_lines(person, region), font, bold)
    y -= 12
    mid = width * 0.55
    _heads(c, [40, 160, 215, mid + 10], ["Test", "Result", "Normal range", "What this means"], bold, size, y)
    c.line(mid, y + 10, mid, 60)
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        c.drawString(40, y, t.printed_name)
        c.drawString(160, y, f"{t.value_text} {t.unit}" if t.unit else t.value_text)
        c.drawString(215, y, _range(t, "plain"))
        lines = _wrap(_advice(t), font, size - 0.5, width - mid - 50, c)
        c.setFont(font, size - 0.5)
        for k, line in enumerate(lines):
            c.drawString(mid + 10, y - k * (size + 1), line)
        y -= max(size * 1.8, (size + 1) * len(lines) + 4)
    return _done(c, buf)


def leader_columns_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two columns split by a vertical rule, each line "Sodium ..... 140 mmol/L (133-146)"."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANSMONO_TIMES, [8.0, 8.5])
    y = _masthead(c, 40, height - 46, "Blood results summary", _id_lines(person, region), font, bold)
    y -= 16
    half = (len(truth) + 1) // 2
    mid = width / 2
    c.setLineWidth(0.8)
    c.line(mid, y + 8, mid, y - half * size * 1.9)
    c.setFont(font, size)
    for col, rows in enumerate((truth[:half], truth[half:])):
        x = 40 if col == 0 else mid + 14
        yy = y
        for t in rows:
            value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
            tail = f" {value} ({_range(t, 'plain')})"
            room = mid - 60 - c.stringWidth(t.printed_name + tail, font, size)
            dots = " " + "." * max(3, int(room / c.stringWidth(".", font, size)))
            c.drawString(x, yy, t.printed_name + dots + tail)
            yy -= size * 1.9
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def hl7_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An HL7 v2 ORU^R01 message pasted as text: MSH, PID (the patient), OBR, one OBX per result
    (value, unit, range, flag; "N" or empty when normal)."""
    normal_code = rng.choice(["N", ""])
    first, last = person.name.split(" ", 1)
    day, month, year = person.dob.split("/")
    street = person.address.split(",")[0]
    lines = [f"Inbound result - patient {person.name}, DOB {person.dob}, MRN {person.mrn}",
             "MSH|^~\\&|LAB|HARBORVIEW|EHR|CLINIC|20240312151000||ORU^R01|MSG" + str(rng.randint(10000, 99999)) + "|P|2.5.1",
             f"PID|1||{person.mrn}^^^HVL^MR||{last.upper()}^{first.upper()}||{year}{month}{day}|U|||"
             f"{street}^^Springfield||{person.phone}",
             "OBR|1||" + str(rng.randint(100000, 999999)) + "|PANEL^Routine blood tests^L|||202403120755"]
    for i, t in enumerate(truth, 1):
        kind = "ST" if t.range_text else "NM"
        lines.append(f"OBX|{i}|{kind}|L{100 + i}^{t.printed_name}^L||{t.value_text}|{t.unit or ''}|"
                     f"{_range(t, 'plain')}|{t.flag or normal_code}|||F|||202403120755")
    return ("\r\n" if rng.random() < 0.3 else "\n").join(lines).encode() + b"\n"


def csv_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A CSV from a spreadsheet: the patient's rows first, then Test,Result,Units,Low,High,Flag."""
    _flags(truth, region, "word")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["Patient", person.name], ["DOB", person.dob], ["MRN", person.mrn], ["Phone", person.phone], []])
    writer.writerow(["Test", "Result", "Units", "Low", "High", "Flag"])
    for t in truth:
        low = t.range_text or ("" if t.range_low is None else _n(t.range_low))
        high = "" if t.range_high is None else _n(t.range_high)
        writer.writerow([t.printed_name, t.value_text, t.unit or "", low, high, t.flag or ""])
    return out.getvalue().encode()


def mychart_tab_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A MyChart table copied with tabs: the unit in the value's cell and after the range, a Lab column."""
    _flags(truth, region, "word")
    lines = [f"{person.name}  |  DOB: {person.dob}  |  MRN: {person.mrn}", "",
             "Collected on Mar 12, 2024 7:55 AM", "Component\tYour Value\tStandard Range\tFlag\tLab"]
    for t in truth:
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        lines.append(f"{t.printed_name}\t{value}\t{_range(t, 'spaced')}{_after_range(t)}\t{t.flag or ''}\tHVL")
    lines += ["", "Resulting lab: HARBORVIEW CLINICAL LABORATORIES"]
    return "\n".join(lines).encode() + b"\n"


def screen_reader_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A screen reader's copy: each cell prefixed by its column's name, one row to a line."""
    _flags(truth, region, "word")
    lines = [f"Heading level 1: Test results for {person.name}.", f"Date of birth: {person.dob}. MRN: {person.mrn}.",
             f"Table with {len(truth)} rows and 4 columns."]
    for i, t in enumerate(truth, 1):
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        row = f"Row {i}. Component: {t.printed_name}. Your value: {value}. Standard range: {_range(t, 'spaced')}{_after_range(t)}."
        lines.append(row + (f" Flag: {t.flag}." if t.flag else ""))
    lines.append("End of table.")
    return "\n".join(lines).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def night_flash_photo(page, rng: random.Random) -> bytes:
    """A page shot at night with the flash: a hot spot washing out the centre, dark corners, grain."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.12, 1.1), [(40, 34, 30), (70, 60, 52)], 4, 0.015)
    fh, fw = shot.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx, cy = fw * rng.uniform(0.4, 0.6), fh * rng.uniform(0.38, 0.55)
    r2 = ((xx - cx) / fw) ** 2 + ((yy - cy) / fh) ** 2
    falloff = np.clip(1.15 - rng.uniform(2.2, 3.2) * r2, 0.18, 1.15)
    hot = rng.uniform(90, 150) * np.exp(-r2 / rng.uniform(0.006, 0.014))
    shot = shot * falloff[..., None] + hot[..., None]
    shot = _grain(shot, rng, np_rng, (5, 9))
    return _jpeg(_image(shot), rng.randint(70, 84))


def trifold_photo(page, rng: random.Random) -> bytes:
    """A page folded in three and photographed unfolded: three panels at slightly different angles,
    two creases with a shadow along each."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    pw, ph = page.size
    fw, fh = int(pw * 1.12), int(ph * 1.1)
    ox, oy = (fw - pw) // 2, (fh - ph) // 2
    pixels = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(120, 100, 80), (170, 170, 165)]), dtype=np.float32)
    cuts = [0, ph // 3, 2 * ph // 3, ph]
    for k in range(3):
        panel = page.crop((0, cuts[k], pw, cuts[k + 1]))
        turned = panel.convert("RGBA").rotate(rng.uniform(-1.3, 1.3), resample=Image.Resampling.BICUBIC,
                                              fillcolor=(0, 0, 0, 0))
        part = np.asarray(turned.convert("RGB"), dtype=np.float32) * rng.uniform(0.8, 1.0)  # each panel lit its own way
        alpha = np.asarray(turned.getchannel("A"), dtype=np.float32)[..., None] / 255
        band = pixels[oy + cuts[k]:oy + cuts[k + 1], ox:ox + pw]
        band[...] = band * (1 - alpha) + part * alpha
    for crease in cuts[1:3]:  # the crease's shadow: dark on one side fading out
        ys = np.arange(fh, dtype=np.float32)[:, None]
        reach = rng.uniform(0.01, 0.02) * ph
        dark = 1 - rng.uniform(0.25, 0.4) * np.exp(-np.abs(ys - (oy + crease)) / reach)
        pixels *= dark[..., None]
    pixels = _grain(pixels, rng, np_rng, (3, 6))
    return _jpeg(_image(pixels).rotate(rng.uniform(-2, 2), resample=Image.Resampling.BILINEAR, fillcolor=(60, 55, 50)),
                 rng.randint(74, 88))


def diagonal_shadow_photo(page, rng: random.Random) -> bytes:
    """A page half in the hard shadow of the phone and hand: a diagonal edge, the shadowed side dim
    and a little blue."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(150, 140, 125), (90, 95, 100)], 3, 0.012)
    fh, fw = shot.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    angle = rng.uniform(0.5, 1.1) * rng.choice([1, -1])
    offset = rng.uniform(0.35, 0.6)
    side = (xx / fw - offset) * math.cos(angle) + (yy / fh - 0.5) * math.sin(angle)
    inside = (side < 0).astype(np.float32)
    soft = np.asarray(_image(inside[..., None].repeat(3, 2) * 255).filter(ImageFilter.GaussianBlur(2.5)),
                      dtype=np.float32)[..., 0] / 255
    dim = np.array((rng.uniform(0.38, 0.5), rng.uniform(0.42, 0.54), rng.uniform(0.5, 0.62)), dtype=np.float32)
    shot = shot * (1 - soft[..., None] * (1 - dim))
    shot = _grain(shot, rng, np_rng, (3, 6))
    return _jpeg(_image(shot), rng.randint(75, 88))


# ---- scans ---------------------------------------------------------------------------------------
def _grey_scan(page, rng: random.Random, quality: int) -> bytes:
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    grey = page.convert("L").rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BILINEAR, fillcolor=245)
    pixels = np.asarray(grey, dtype=np.float32) * rng.uniform(0.92, 0.98) + np_rng.normal(0, 2.5, (grey.height, grey.width))
    return _jpeg(_image(np.repeat(pixels[..., None], 3, axis=2)).convert("L"), quality)


def carbonless_scan(page, rng: random.Random) -> bytes:
    """A pink or yellow carbonless copy scanned in colour: the paper tinted, the text faint and bluish."""
    import numpy as np

    np_rng = _noise(rng)
    ink = 1 - np.asarray(page.convert("L"), dtype=np.float32) / 255
    paper = np.array(rng.choice([(250, 214, 222), (252, 240, 170)]), dtype=np.float32)
    colour = np.array(rng.choice([(70, 70, 150), (110, 60, 130)]), dtype=np.float32)
    strength = rng.uniform(0.5, 0.7)  # copied through the top sheet: faint
    pixels = paper * (1 - strength * ink[..., None]) + colour * strength * ink[..., None]
    pixels = pixels + np_rng.normal(0, 3, pixels.shape[:2] + (1,))
    return _jpeg(_image(pixels).rotate(rng.uniform(-0.7, 0.7), fillcolor=tuple(int(x) for x in paper)), rng.randint(75, 88))


def marked_compressed_scan(page, rows: list[tuple[float, float]], rng: random.Random) -> bytes:
    """A heavily compressed scan (JPEG quality 20-30): a yellow highlighter stroke over each row in
    `rows` (top and bottom as shares of the page's height), a staple's shadow in a corner."""
    import numpy as np
    from PIL import ImageFilter

    pixels = _array(page)
    h, w = pixels.shape[:2]
    for top, bottom in rows:
        y0, y1 = int(top * h) - 3, int(bottom * h) + 3
        x0, x1 = int(w * rng.uniform(0.04, 0.08)), int(w * rng.uniform(0.85, 0.95))
        pixels[max(0, y0):y1, x0:x1] *= np.array((1.0, 0.97, rng.uniform(0.35, 0.5)), dtype=np.float32)
    staple = np.zeros((h, w), dtype=np.float32)
    corner_x = int(w * rng.uniform(0.04, 0.09)) if rng.random() < 0.5 else int(w * rng.uniform(0.85, 0.92))
    corner_y = int(h * rng.uniform(0.02, 0.05))
    length = int(w * 0.05)
    for k in range(length):  # a short slanted bar, then blurred into a shadow
        x, y = corner_x + k, corner_y + int(k * 0.5)
        staple[y:y + 4, x:x + 2] = 1
    shadow = np.asarray(_image(staple[..., None].repeat(3, 2) * 255).filter(ImageFilter.GaussianBlur(3)),
                        dtype=np.float32)[..., 0] / 255
    pixels = pixels * (1 - 0.6 * shadow[..., None])
    pixels[staple > 0] = (90, 90, 95)
    return _jpeg(_image(pixels), rng.randint(20, 30))


def _rows_of(pdf: bytes, names: set[str]) -> list[tuple[float, float]]:
    """The rows that print each name (top and bottom as shares of the page's height), from the PDF's text."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        height = page.get_height()
        text = page.get_textpage()
        rows = []
        for name in sorted(names):
            found = text.search(name, match_case=True).get_next()
            if found:
                left, bottom, right, top = text.get_charbox(found[0])
                rows.append(((height - top) / height, (height - bottom) / height))
        return rows
    finally:
        doc.close()


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"labcorp": labcorp_pdf, "mychart": mychart_pdf, "abnormal": abnormal_column_pdf}
UK_PAGES = {"gp-letter": gp_sentences_pdf, "patient-access": patient_access_pdf, "ref-after-unit": ref_after_unit_pdf}
SLIPS = {"hand-form": hand_form_pdf, "analyser": analyser_pdf, "wellness": wellness_card_pdf}
PORTAL = {"hl7": hl7_text, "csv": csv_text, "tabs": mychart_tab_text, "screen-reader": screen_reader_text}


def _us_table(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    design = rng.choice(sorted(US_TABLES))
    if design != "abnormal":
        _flags(truth, region, "word")
    return US_TABLES[design](rng, person, truth, region)


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A page of one of fresh10's table designs (its region's), flags set as it prints them."""
    if region == "uk":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    return _us_table(rng, person, truth, region)


def _two_pages(rng: random.Random, person: Person, truth: list[Truth], region: str) -> list[bytes]:
    """The results split over two pages of one design (the same draws for both, so the same look)."""
    state = rng.getstate()
    half = len(truth) // 2
    first = _printed_page(rng, person, truth[:half], region)
    again = random.Random()
    again.setstate(state)
    second = _printed_page(again, person, truth[half:], region)
    return [first, second]


def fresh10_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh10 report; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout == "us-table":
        return _us_table(rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        design = rng.choice(sorted(SLIPS))
        if design == "analyser":
            _mapped_flags(truth, region, ANALYSER_FLAGS)
        elif design == "hand-form":
            _flags(truth, region, "letter")
        return SLIPS[design](rng, person, truth, region), "pdf"
    if layout == "two-column":
        _flags(truth, region, "letter")
        page = interpretation_pdf if rng.random() < 0.5 else leader_columns_pdf
        return page(rng, person, truth, region), "pdf"
    if layout == "portal-text":
        return PORTAL[rng.choice(sorted(PORTAL))](rng, person, truth, region), "text"
    if layout == "phone-photo":
        look = rng.choice(["flash", "trifold", "shadow"])
        pdf = _printed_page(rng, person, truth, region)
        page = render_pages(pdf, rng.randint(160, 200))[0]
        photo = {"flash": night_flash_photo, "trifold": trifold_photo, "shadow": diagonal_shadow_photo}[look]
        return photo(page, rng), "image"
    if layout == "scanned-pdf":
        paper = letter if region == "us" else A4
        look = rng.choice(["upside-down", "carbonless", "compressed"])
        if look == "upside-down":
            pages = [render_pages(pdf, rng.randint(200, 240))[0] for pdf in _two_pages(rng, person, truth, region)]
            pages[1] = pages[1].rotate(180)
            images = [_grey_scan(_on_paper(page, paper), rng, rng.randint(70, 85)) for page in pages]
            return image_pages_pdf(images, *paper), "pdf"
        abnormal = _abnormal(truth)
        pdf = _printed_page(rng, person, truth, region)
        page = _on_paper(render_pages(pdf, rng.randint(200, 240))[0], paper)
        if look == "carbonless":
            image = carbonless_scan(page, rng)
        else:
            image = marked_compressed_scan(page, _rows_of(pdf, abnormal), rng)
        return image_pages_pdf([image], *paper), "pdf"
    raise ValueError(layout)
