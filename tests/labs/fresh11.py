"""fresh11: the eleventh held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh11-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1` (no creation date, no random document id), so a seed gives the same bytes every time;
images are drawn from the report's own random stream. Every report prints the patient's name, date
of birth and record number (most also the address and phone). The truth rules (as fresh10's):

- a unit printed belongs to the result, wherever it stands: after the value, after or before the
  range, or in the column heading of a block of rows ("Result (mmol/L)": every row of that block);
- a range in words is the bound it names ("Low: 3.5  High: 5.1" both bounds, "High: 200" alone the
  upper one, a YAML `range:` with `low:` and `high:` keys their bounds); a qualitative test's
  expected word ("Negative") is its range; a range printed in a slip's "REFERENCE RANGES" footer
  under the test's short name is that test's range;
- values printed censored keep their printed text: an NHS lab's CRP below 5 is printed "<5"
  (the truth is "<5", normal), as are the corpus's ">90" eGFR and "<0.1" PSA;
- flags are the truth as printed: arrow glyphs after the value ("↑", "↓", "↑↑", "↓↓", "!" for an
  abnormal word), "HIGH"/"LOW" words, letters; UK reports print none;
- comments and marks are not results: "Comment:" lines with numbers of their own, an anticoagulation
  booklet's target INR range ("Target INR 2.5, range 2.0 - 3.0": a treatment target, not the test's
  reference range, which is printed beside today's INR) and its dosing table (earlier dates, earlier
  INRs, doses in mg), the numbers on a traffic-light bar's axis, a sticky note's handwriting, pen
  circles, ticks and question marks, a clipboard's clip and a fridge magnet over a corner.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a hospital discharge summary's "Laboratory Results" grid with arrow glyphs after the
  value; a table whose reference cell reads "Low: 3.5  High: 5.1" (one-sided: "High: 200" or
  "Low: 60"); results grouped in blocks by unit, the unit only in the block's column heading
  ("Result (mmol/L)"), "HIGH"/"LOW" words;
- uk-fixed: an ICE/Sunquest-like fixed-width print in specimen blocks ("Specimen: Serum  Lab No:
  ...") with the range in square brackets after the unit, CRP below 5 printed "<5" and "Comment:"
  lines holding other numbers; a fixed-width print with the range before the unit and long test
  names wrapped onto two lines (the value on the name's last line);
- clinic-slip: an oral-anticoagulant booklet page (today's results with their ranges, the target INR
  range in the header, a dosing table of earlier visits); a 62 mm label-printer strip with results
  as "K=4.2 mmol/L (3.5-5.1) H"; a point-of-care slip whose ranges are all in a "REFERENCE RANGES"
  footer by short name;
- two-column: a landscape page with three result columns, each with its own heading row; results
  left and a red/amber/green traffic-light bar right for each, numbers on the bar's axis;
- portal-text: an old portal's pipe-less text with fields separated by two spaces (not aligned); a
  YAML export from a records app (range as `low:`/`high:` keys); a flat app JSON (not FHIR:
  "name", "result", "units", "refRange", "abnormal");
- phone-photo: a page on a clipboard (hardboard round it, the metal clip over the top edge); a photo
  with directional motion blur (a straight 4-8 px smear, still legible); a page held on a fridge
  door by two magnets over its top corners, the door's glossy highlight across it;
- scanned-pdf: a two-page scan whose second page continues the table with no heading row and no
  patient block (only "Page 2 of 2"); a colour scan with a yellow sticky note in the bottom margin
  holding a handwritten note with numbers; a scan with blue ballpoint marks (circles round abnormal
  tests' names, ticks beside others, a "?" in the margin).
"""

from __future__ import annotations

import json
import math
import random

from reportlab.lib.pagesizes import A4, landscape, letter

from .corpus import Person, Truth
from .fresh5 import _face, _n, render_pages
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain, image_pages_pdf
from .fresh9 import (
    _array,
    _by_section,
    _done,
    _fonts,
    _image,
    _masthead,
    _on_paper,
    _on_surface,
    _start,
)
from .fresh10 import _abnormal, _grey_scan

LABS = ["Willowbrook Regional Medical Center", "Bay Harbor Community Hospital", "Sierra Vista Clinical Laboratory"]
TRUSTS = ["Eastmoor Hospitals NHS Trust - Blood Sciences", "Kingsbridge University Hospitals - Pathology",
          "Ashdown Valley NHS Foundation Trust - Clinical Biochemistry"]
SECTIONS_US = ["CHEMISTRY", "HEMATOLOGY", "LIPIDS", "ENDOCRINE / OTHER"]
SPECIMENS = ["Serum", "EDTA blood", "Serum (lipids)", "Serum / Urine"]
ARROWS = {"H": "\u2191", "L": "\u2193", "HH": "\u2191\u2191", "LL": "\u2193\u2193", "A": "!"}
CAPS = {"H": "HIGH", "L": "LOW", "HH": "CRIT HIGH", "LL": "CRIT LOW", "A": "ABNORMAL"}
ICE_COMMENTS = ["Comment: Sample received 6 hours after collection; please repeat within 48 hours if clinically indicated.",
                "Comment: Telephoned to ward 12 at 14:20 on 12/03/2024.",
                "Comment: Results checked; no further action from the laboratory.",
                "Comment: Reference ranges apply to adults aged 18 and over."]
NOTES = ["Rpt bloods 2/52|ring 01632 960 415", "Seen 14/3|OK, review in 6 mths", "Discuss at|10:30 clinic",
         "Call pt back on|0161 496 0012"]  # a sticky note's two handwritten lines
FACES_DEJAVU = [("DejaVuSans", "DejaVuSans-Bold"), ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")]
FACES_LOWHIGH = [("LiberationSerif-Regular", "LiberationSerif-Bold"), ("Helvetica", "Helvetica-Bold")]
FACES_BLOCKS = [("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold"), ("DejaVuSerif", "DejaVuSerif-Bold")]
MONO = [("DejaVuSansMono", "DejaVuSansMono-Bold"), ("LiberationMono-Regular", "LiberationMono-Bold"), ("Courier", "Courier-Bold")]


def _mapped(truth: list[Truth], region: str, mapping: dict[str, str]) -> None:
    for t in truth:
        t.flag = None if region == "uk" or not t.flag else mapping.get(t.flag, t.flag)


def _rng_range(t: Truth, both: str = "{low}-{high}", above: str = ">{low}", below: str = "<{high}") -> str:
    if t.range_text:
        return t.range_text
    low, high = t.range_low, t.range_high
    if low is not None:
        return both.format(low=_n(low), high=_n(high)) if high is not None else above.format(low=_n(low))
    return below.format(high=_n(high)) if high is not None else ""


def _words(t: Truth) -> str:
    """"Low: 3.5  High: 5.1", "High: 200", "Low: 60", or the expected word."""
    return _rng_range(t, "Low: {low}  High: {high}", "Low: {low}", "High: {high}")


def _value(t: Truth) -> str:
    return f"{t.value_text} {t.unit}" if t.unit else t.value_text


def _page(rng: random.Random, width: float, height: float, faces, sizes):
    c, buf = _start(width, height)
    font, bold = _fonts(rng, faces)
    return c, buf, font, bold, rng.choice(sizes)


def _patient_lines(person: Person, region: str) -> list[str]:
    number = "MRN" if region == "us" else "Hospital No."
    return [f"Patient: {person.name}    DOB: {person.dob}    {number}: {person.mrn}",
            f"Address: {person.address}    Phone: {person.phone}"]


# ---- us-table ------------------------------------------------------------------------------------
def discharge_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A hospital discharge summary's laboratory grid: ruled cells, the flag an arrow after the value."""
    _mapped(truth, region, ARROWS)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_DEJAVU, [8.5, 9.0])
    c.setFont(bold, 12)
    c.drawString(40, height - 44, rng.choice(LABS))
    c.setFont(bold, 10)
    c.drawString(40, height - 60, "DISCHARGE SUMMARY - LABORATORY RESULTS")
    c.setFont(font, 8.5)
    y = height - 78
    for line in [*_patient_lines(person, region), "Admitted: 03/09/2024   Discharged: 03/13/2024   Attending: Dr. R. Castillo",
                 "Specimens collected 03/12/2024 05:40 (morning draw)"]:
        c.drawString(40, y, line)
        y -= 11.5
    y -= 8
    xs = [40, 215, 300, 390, width - 40]
    row = size * 2.0
    c.setLineWidth(0.5)
    c.setFillColorRGB(0.85, 0.88, 0.92)
    c.rect(xs[0], y - 5, xs[-1] - xs[0], row, stroke=1, fill=1)
    c.setFillGray(0)
    c.setFont(bold, size)
    for x, head in zip(xs, ["Lab Test", "Result", "Units", "Normal Range"], strict=False):
        c.drawString(x + 4, y + 1, head)
    for t in truth:
        y -= row
        c.rect(xs[0], y - 5, xs[-1] - xs[0], row, stroke=1, fill=0)
        for x in xs[1:-1]:
            c.line(x, y - 5, x, y - 5 + row)
        c.setFont(font, size)
        c.drawString(xs[0] + 4, y + 1, t.printed_name)
        c.setFont(bold if t.flag else font, size)
        c.drawString(xs[1] + 4, y + 1, f"{t.value_text} {t.flag}" if t.flag else t.value_text)
        c.setFont(font, size)
        c.drawString(xs[2] + 4, y + 1, t.unit or "")
        c.drawString(xs[3] + 4, y + 1, _rng_range(t, "{low} - {high}"))
    y -= row + 6
    c.setFont(font, 7.5)
    c.drawString(40, y, "\u2191 above normal range   \u2193 below normal range   ! abnormal")
    c.drawString(40, 36, f"{person.name}   MRN {person.mrn}   Discharge summary page 3 of 4")
    return _done(c, buf)


def low_high_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Test | Result | Flag | Units | Reference (Low / High): the reference cell "Low: 3.5  High: 5.1"."""
    _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_LOWHIGH, [9.0, 9.5])
    y = _masthead(c, 45, height - 48, rng.choice(LABS) + " - Outpatient Laboratory", _patient_lines(person, region)
                  + ["Collected: 03/12/2024 07:30   Reported: 03/12/2024 16:45   Ordered by: N. Okoye, NP"], font, bold)
    y -= 14
    xs = [45, 220, 290, 330, 420]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference (Low / High)"], strict=True):
        c.drawString(x, y, head)
    c.setLineWidth(1.2)
    c.line(42, y - 4, width - 42, y - 4)
    y -= size * 2
    for section, rows in _by_section(truth):
        c.setFont(bold, size - 0.5)
        c.drawString(45, y, SECTIONS_US[section].title())
        y -= size * 1.6
        for t in rows:
            c.setFont(font, size)
            c.drawString(xs[0] + 8, y, t.printed_name)
            c.drawString(xs[1], y, t.value_text)
            c.drawString(xs[2], y, t.flag or "")
            c.drawString(xs[3], y, t.unit or "")
            c.drawString(xs[4], y, _words(t))
            y -= size * 1.6
        y -= size * 0.4
    c.setFont(font, 7.5)
    c.drawString(45, 40, "Flag: H = above the High limit, L = below the Low limit.   Page 1 of 1")
    return _done(c, buf)


def unit_blocks_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results grouped in blocks by unit, the unit only in the block's heading ("Result (mmol/L)")."""
    _mapped(truth, region, CAPS)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_BLOCKS, [8.5, 9.0])
    y = _masthead(c, 45, height - 46, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collection date: 03/12/2024   Status: FINAL"], font, bold)
    c.setFont(font, 7.5)
    c.drawString(45, y, "Units are given in each block's Result heading.")
    y -= 18
    blocks: dict[str, list[Truth]] = {}
    for t in truth:
        blocks.setdefault(t.unit or "", []).append(t)
    xs = [50, 210, 350, 460]
    for unit, rows in blocks.items():
        c.setFillColorRGB(0.9, 0.9, 0.86)
        c.rect(45, y - 4, width - 90, size + 6, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(bold, size)
        for x, head in zip(xs, ["Test", f"Result ({unit})" if unit else "Result", "Reference range", "Flag"], strict=True):
            c.drawString(x, y, head)
        y -= size * 1.8
        c.setFont(font, size)
        for t in rows:
            c.drawString(xs[0], y, t.printed_name)
            c.drawString(xs[1], y, t.value_text)
            c.drawString(xs[2], y, _rng_range(t, "{low} - {high}", ">= {low}", "<= {high}"))
            c.drawString(xs[3], y, t.flag or "")
            y -= size * 1.5
        y -= size * 0.9
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def ice_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An ICE/Sunquest-like fixed-width print in specimen blocks, "[133-146]" after the unit, CRP
    below 5 printed "<5", "Comment:" lines now and then."""
    for t in truth:
        if t.printed_name in ("CRP", "C-reactive protein") and t.value_text.isdigit() and int(t.value_text) < 5:
            t.value_text = "<5"
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, MONO, [8.0, 8.5])
    trust = rng.choice(TRUSTS)
    c.setFont(bold, 10)
    c.drawString(36, height - 40, trust)
    c.setFont(font, size)
    y = height - 58
    for line in [f"Name     : {person.name}", f"DOB      : {person.dob}        Hosp No : {person.mrn}",
                 f"Address  : {person.address}", f"Tel      : {person.phone}", "Location : OUTPATIENTS - DR PATEL"]:
        c.drawString(36, y, line)
        y -= size * 1.35
    for section, rows in _by_section(truth):
        y -= size * 1.2
        c.setFont(bold, size)
        lab_no = f"B24.{rng.randint(1000000, 9999999)}"
        c.drawString(36, y, f"Specimen: {SPECIMENS[section]:<15} Lab No: {lab_no}  Collected: 12-Mar-2024 08:40")
        y -= size * 1.35
        c.setFont(font, size)
        c.drawString(36, y, "Received: 12-Mar-2024 10:02   Authorised: 12-Mar-2024 16:31")
        y -= size * 1.6
        for t in rows:
            c.drawString(36, y, f"  {t.printed_name:<24}{t.value_text:>8}  {t.unit or '':<15}[{_rng_range(t)}]")
            y -= size * 1.35
        if rng.random() < 0.5:
            c.drawString(36, y, "  " + rng.choice(ICE_COMMENTS))
            y -= size * 1.35
    c.drawString(36, 40, f"*** End of report ***   {person.name}   {person.mrn}")
    return _done(c, buf)


def _name_lines(name: str, width: int) -> list[str]:
    """A long name wrapped at word boundaries into lines of `width` characters."""
    lines, line = [], ""
    for word in name.split():
        trial = f"{line} {word}".strip()
        if line and len(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]


def wrapped_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A fixed-width print with the range before the unit and long names wrapped onto two lines, the
    value on the name's last line."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, MONO, [8.5, 9.0])
    c.setFont(bold, 10)
    c.drawString(40, height - 42, rng.choice(TRUSTS))
    c.setFont(font, size)
    y = height - 62
    for line in [f"Patient: {person.name}   D.O.B.: {person.dob}", f"NHS Number: {person.mrn}   Tel: {person.phone}",
                 f"Address: {person.address}", "Requested by: Millfield Surgery   Sample date: 12/03/2024"]:
        c.drawString(40, y, line)
        y -= size * 1.4
    y -= size
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Test':<14}{'Result':>9}  {'Range':<14}Units")
    y -= size * 1.6
    c.setFont(font, size)
    for t in truth:
        lines = _name_lines(t.printed_name, 14)
        for extra in lines[:-1]:
            c.drawString(40, y, extra)
            y -= size * 1.25
        c.drawString(40, y, f"{lines[-1]:<14}{t.value_text:>9}  {'[' + _rng_range(t) + ']':<14}{t.unit or ''}")
        y -= size * 1.5
    y -= size
    c.drawString(40, y, "Range before units. Reported by: Blood Sciences, ext. 4471")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def booklet_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An oral-anticoagulant booklet page: the target INR range in the header (not a reference
    range), today's results with their ranges, then a dosing table of earlier visits."""
    _flags(truth, region, "letter")
    width, height = 105 * 72 / 25.4, 148 * 72 / 25.4
    c, buf, font, bold, size = _page(rng, width, height, FACES_DEJAVU, [7.0, 7.5])
    c.setFillColorRGB(0.95, 0.6, 0.2)
    c.rect(0, height - 34, width, 34, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 8.5)
    c.drawString(14, height - 16, "ORAL ANTICOAGULANT THERAPY")
    c.drawString(14, height - 27, "Patient-held record")
    c.setFont(font, 6.8)
    y = height - 46
    for line in [f"Name: {person.name}", f"DOB: {person.dob}   Hosp No: {person.mrn}", f"Tel: {person.phone}",
                 "Indication: atrial fibrillation   Warfarin", "Target INR 2.5 (target range 2.0 - 3.0)"]:
        c.drawString(14, y, line)
        y -= 8.5
    y -= 4
    c.setFont(bold, size)
    c.drawString(14, y, "Today's blood results (12/03/2024)")
    y -= size * 1.6
    c.setFont(font, size)
    for t in truth:
        c.drawString(18, y, t.printed_name)
        c.drawString(58, y, _value(t))
        c.drawString(140, y, f"({_rng_range(t)})")
        if t.flag:
            c.drawString(196, y, t.flag)
        y -= size * 1.45
    y -= 6
    c.setFont(bold, 6.5)
    xs = [14, 60, 92, 160]
    for x, head in zip(xs, ["Date", "INR", "Dose (mg/day)", "Next test"], strict=True):
        c.drawString(x, y, head)
    c.setLineWidth(0.4)
    c.line(12, y - 3, width - 12, y - 3)
    y -= 11
    c.setFont(font, 6.5)
    for date in ["09/01/2024", "23/01/2024", "13/02/2024"]:
        dose = rng.choice(["3", "4", "5", "3 / 4 alt", "4.5"])
        for x, cell in zip(xs, [date, f"{rng.uniform(1.8, 3.4):.1f}", dose, rng.choice(["2 wk", "3 wk", "4 wk"])], strict=True):
            c.drawString(x, y, cell)
        c.line(12, y - 3, width - 12, y - 3)
        y -= 10
    return _done(c, buf)


def label_strip_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A 62 mm label-printer strip: "K=4.2 mmol/L (3.5-5.1) H" one result a line."""
    _flags(truth, region, "letter")
    width = 62 * 72 / 25.4
    height = 60 + (len(truth) + 8) * 11
    c, buf = _start(width, height)
    font = _face(rng.choice(["DejaVuSansCondensed-Bold", "LiberationSansNarrow-Bold"]))
    c.setFont(font, 7)
    y = height - 16
    for line in ["POC LAB LABEL  #" + str(rng.randint(1000, 9999)), f"{person.name}", f"DOB {person.dob}  ID {person.mrn}",
                 "12MAR24 09:12  Op: JL", ""]:
        c.drawString(6, y, line)
        y -= 10
    for t in truth:
        unit = f" {t.unit}" if t.unit else ""
        flag = f" {t.flag}" if t.flag else ""
        c.drawString(6, y, f"{t.printed_name}={t.value_text}{unit} ({_rng_range(t)}){flag}")
        y -= 11
    c.setDash(2, 2)
    c.line(2, y + 2, width - 2, y + 2)
    return _done(c, buf)


def range_footer_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A point-of-care slip with no range beside the results: the ranges are in a "REFERENCE RANGES"
    footer, by short name."""
    _flags(truth, region, "letter")
    width = 80 * 72 / 25.4
    height = 120 + len(truth) * 2 * 11 + 60
    c, buf = _start(width, height)
    font = _face(rng.choice(["Courier", "DejaVuSansMono"]))
    c.setFont(font, 7.5)
    y = height - 18
    lines = ["   CHEM8 CARTRIDGE RESULT", "", f"Pt Name: {person.name}", f"DOB: {person.dob}", f"Pt ID: {person.mrn}",
             "12-MAR-24 09:47  Op 2231", "-" * 30]
    for t in truth:
        lines.append(f"{t.printed_name:<6}{t.value_text:>7} {t.unit or '':<14}{t.flag or ''}".rstrip())
    lines += ["-" * 30, "REFERENCE RANGES"]
    for t in truth:
        lines.append(f"{t.printed_name:<6}{_rng_range(t)}")
    lines += ["-" * 30, "Sample: venous   Temp 37.0 C"]
    for line in lines:
        c.drawString(8, y, line)
        y -= 11
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def three_columns_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A landscape A4 page with three result columns, each with its own heading row."""
    width, height = landscape(A4)
    c, buf, font, bold, size = _page(rng, width, height, FACES_BLOCKS, [7.5, 8.0])
    y = _masthead(c, 36, height - 40, "Results across the page - " + rng.choice(TRUSTS), _patient_lines(person, region),
                  font, bold)
    y -= 16
    third = (len(truth) + 2) // 3
    col_w = (width - 72) / 3
    for k in range(3):
        x = 36 + k * col_w
        yy = y
        c.setFont(bold, size)
        for dx, head in zip([0, 96, 136, 196], ["Test", "Result", "Units", "Range"], strict=True):
            c.drawString(x + dx, yy, head)
        c.line(x, yy - 3, x + col_w - 12, yy - 3)
        yy -= size * 1.8
        c.setFont(font, size)
        for t in truth[k * third:(k + 1) * third]:
            c.drawString(x, yy, t.printed_name)
            c.drawString(x + 96, yy, t.value_text)
            c.drawString(x + 136, yy, t.unit or "")
            c.drawString(x + 196, yy, _rng_range(t))
            yy -= size * 1.7
    c.setFont(font, 7)
    c.drawString(36, 26, "Results continue across the page in three columns.   Page 1 of 1")
    return _done(c, buf)


def _bar(c, t: Truth, x: float, y: float, w: float, font: str) -> None:
    """A red / amber / green bar for a numeric range, numbers on its axis, a marker at the value."""
    low, high = t.range_low, t.range_high
    top = high if high is not None else low * 2
    start = 0.0
    end = top * 1.5
    number = float(t.value_text.lstrip("<>"))
    to_x = lambda v: x + w * (min(max(v, start), end) - start) / (end - start)  # noqa: E731
    zones = [(start, low if low is not None else start, (0.95, 0.75, 0.2)),
             (low if low is not None else start, high if high is not None else end, (0.3, 0.75, 0.35)),
             (high if high is not None else end, end, (0.9, 0.3, 0.25))]
    for a, b, colour in zones:
        if b > a:
            c.setFillColorRGB(*colour)
            c.rect(to_x(a), y, to_x(b) - to_x(a), 6, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(font, 5.5)
    for tick in sorted({start, end, *(v for v in (low, high) if v is not None)}):
        c.drawCentredString(to_x(tick), y - 7, _n(round(tick, 2)))
    mx = to_x(number)
    path = c.beginPath()
    path.moveTo(mx, y + 7)
    path.lineTo(mx - 3, y + 12)
    path.lineTo(mx + 3, y + 12)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def traffic_light_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results on the left (name, value and unit, range), a traffic-light bar for each on the right."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_LOWHIGH, [8.0, 8.5])
    y = _masthead(c, 40, height - 44, "Where your result falls", _patient_lines(person, region)
                  + ["Sample taken 12/03/2024   " + rng.choice(TRUSTS)], font, bold)
    y -= 14
    mid = width * 0.55
    c.setFont(bold, size)
    for x, head in zip([40, 170, 250, mid + 10], ["Test", "Your result", "Normal range", "Low - Normal - High"], strict=True):
        c.drawString(x, y, head)
    c.setLineWidth(0.5)
    c.line(mid, y + 10, mid, 50)
    y -= size * 2.4
    for t in truth:
        c.setFont(font, size)
        c.drawString(40, y, t.printed_name)
        c.drawString(170, y, _value(t))
        c.drawString(250, y, _rng_range(t, "{low} - {high}"))
        if not t.range_text:
            _bar(c, t, mid + 14, y, width - mid - 60, font)
        else:
            c.setFont(font, size - 1)
            c.drawString(mid + 14, y, "(no bar for this test)")
        y -= size * 3.0
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def spaced_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An old portal's text: fields separated by two spaces, not aligned, the flag last."""
    _flags(truth, region, "letter")
    lines = [f"PATIENT: {person.name}  DOB: {person.dob}  MRN: {person.mrn}", f"PHONE: {person.phone}",
             "COLLECTED: 03/12/2024 07:55  RESULTED: 03/12/2024 15:02", "", "Test  Result  Units  Reference  Flag"]
    for t in truth:
        fields = [t.printed_name, t.value_text, *([t.unit] if t.unit else []), _rng_range(t), *([t.flag] if t.flag else [])]
        lines.append("  ".join(fields))
    lines += ["", "END OF REPORT"]
    return "\n".join(lines).encode() + b"\n"


def _yaml_scalar(text: str) -> str:
    return f'"{text}"' if text[:1] in "<>" or ":" in text or "/" in text and not text[:1].isalpha() else text


def yaml_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A YAML export from a records app: each result's range as `low:` / `high:` keys."""
    _flags(truth, region, "letter")
    lines = ["# exported by MyHealthFolder 4.2", "patient:", f"  name: {person.name}", f'  dob: "{person.dob}"',
             f'  mrn: "{person.mrn}"', f'  phone: "{person.phone}"', "collected: 2024-03-12T07:55:00", "results:"]
    for t in truth:
        lines += [f"  - test: {t.printed_name}", f"    value: {_yaml_scalar(t.value_text)}"]
        if t.unit:
            lines.append(f"    unit: {t.unit}")
        if t.range_text:
            lines.append(f"    range: {t.range_text}")
        elif t.range_low is not None or t.range_high is not None:
            lines.append("    range:")
            if t.range_low is not None:
                lines.append(f"      low: {_n(t.range_low)}")
            if t.range_high is not None:
                lines.append(f"      high: {_n(t.range_high)}")
        if t.flag:
            lines.append(f"    flag: {t.flag}")
    return "\n".join(lines).encode() + b"\n"


def app_json_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A flat JSON from a health app (not FHIR): name, result, units, refRange, abnormal."""
    _mapped(truth, region, {"H": "High", "L": "Low", "HH": "Critical High", "LL": "Critical Low", "A": "Abnormal"})
    labs = [{"name": t.printed_name, "result": t.value_text, "units": t.unit or "",
             "refRange": _rng_range(t, "{low} - {high}"), "abnormal": t.flag, "collected": "2024-03-12T07:55"}
            for t in truth]
    doc = {"app": "PocketChart", "patient": {"fullName": person.name, "birthDate": person.dob, "mrn": person.mrn,
                                             "phone": person.phone}, "labs": labs}
    return json.dumps(doc, indent=rng.choice([2, 4]), ensure_ascii=False).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def clipboard_photo(page, rng: random.Random) -> bytes:
    """A page on a clipboard: brown hardboard round it on a desk, the metal clip over the top edge."""
    import numpy as np

    np_rng = _noise(rng)
    pw, ph = page.size
    board = _on_surface(page, rng, (1.1, 1.08), [(150, 105, 62), (125, 88, 55)], 0.6, 0.004)
    bh, bw = board.shape[:2]
    clip_w, clip_h = int(pw * 0.32), int(ph * 0.07)
    cx, top = bw // 2, int((bh - ph) / 2 - ph * 0.02)
    yy, xx = np.mgrid[0:bh, 0:bw].astype(np.float32)
    shadow = (np.abs(xx - cx - 8) < clip_w / 2) & (yy > top + 6) & (yy < top + clip_h + 10)
    board[shadow] *= 0.55
    clip = (np.abs(xx - cx) < clip_w / 2) & (yy > top) & (yy < top + clip_h)
    shine = 150 + 70 * np.sin((yy - top) / clip_h * math.pi)
    board[clip] = np.stack([shine, shine, shine * 1.03], axis=-1)[clip]
    frame = np.ones((int(bh * 1.12), int(bw * 1.1), 3), dtype=np.float32) * np.array(rng.choice([(70, 70, 75), (200, 195, 185)]),
                                                                                   dtype=np.float32)
    oy, ox = (frame.shape[0] - bh) // 2, (frame.shape[1] - bw) // 2
    frame[oy:oy + bh, ox:ox + bw] = board
    frame = _grain(frame, rng, np_rng, (3, 6))
    return _jpeg(_image(frame).rotate(rng.uniform(-2.5, 2.5), fillcolor=(60, 60, 60)), rng.randint(72, 88))


def motion_photo(page, rng: random.Random) -> bytes:
    """A photo with motion blur in one direction: a straight smear of 4-8 px, still legible."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(120, 130, 140), (180, 170, 150)], 3, 0.01)
    length, angle = rng.randint(4, 8), rng.uniform(0, math.pi)
    smeared = np.zeros_like(shot)
    for step in range(length):
        dx, dy = round(step * math.cos(angle)), round(step * math.sin(angle))
        smeared += np.roll(shot, (dy, dx), axis=(0, 1))
    shot = _grain(smeared / length, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(76, 90))


def fridge_photo(page, rng: random.Random) -> bytes:
    """A page on a fridge door under two magnets over its top corners, a glossy highlight across the door."""
    import numpy as np

    np_rng = _noise(rng)
    pw, ph = page.size
    shot = _on_surface(page, rng, (1.16, 1.1), [(232, 234, 236), (205, 208, 212)], 1.5, 0.006)
    fh, fw = shot.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    band = np.exp(-(((xx / fw) - rng.uniform(0.25, 0.75)) ** 2) / 0.01) * rng.uniform(20, 40)
    shot = shot * (0.9 - 0.12 * yy / fh)[..., None] + band[..., None]
    ox, oy = (fw - pw) / 2, (fh - ph) / 2
    radius = pw * 0.035
    for mx in (ox + radius * 0.6, ox + pw - radius * 0.6):
        my = oy + radius * 0.6
        colour = np.array(rng.choice([(200, 40, 40), (40, 90, 190), (240, 190, 30)]), dtype=np.float32)
        shade = ((xx - mx - 6) ** 2 + (yy - my - 8) ** 2) < radius ** 2
        shot[shade] *= 0.6
        disc = ((xx - mx) ** 2 + (yy - my) ** 2) < radius ** 2
        shot[disc] = colour
    shot = _grain(shot, rng, np_rng, (3, 6))
    return _jpeg(_image(shot), rng.randint(74, 88))


# ---- scans ---------------------------------------------------------------------------------------
def continued_pdfs(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """One PDF of two pages: page 1 the header and the table's head, page 2 the rest of the rows with
    no heading row and no patient block."""
    _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_LOWHIGH, [9.5, 10.0])
    y = _masthead(c, 50, height - 50, rng.choice(LABS if region == "us" else TRUSTS), _patient_lines(person, region)
                  + ["Collected: 12/03/2024 08:05"], font, bold)
    y -= 16
    xs = [50, 230, 300, 340, 440]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference"], strict=True):
        c.drawString(x, y, head)
    c.line(46, y - 4, width - 46, y - 4)
    y -= size * 2
    split = len(truth) - rng.randint(4, 7)

    def row(t: Truth, y: float) -> None:
        c.setFont(font, size)
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")],
                           strict=True):
            c.drawString(x, y, cell)

    for t in truth[:split]:
        row(t, y)
        y -= size * 2.0
    c.setFont(font, 7.5)
    c.drawString(50, 36, "Page 1 of 2   (continued overleaf)")
    c.showPage()
    y = height - 60
    for t in truth[split:]:
        row(t, y)
        y -= size * 2.0
    c.setFont(font, 7.5)
    c.drawString(50, 36, "Page 2 of 2")
    return _done(c, buf)


def sticky_note_scan(page, rng: random.Random) -> bytes:
    """A colour scan with a yellow sticky note in the bottom margin, a handwritten note on it."""
    import numpy as np
    from PIL import ImageDraw, ImageFont

    np_rng = _noise(rng)
    pixels = _array(page)
    h, w = pixels.shape[:2]
    nw, nh = int(w * 0.3), int(h * 0.09)
    x0, y0 = int(w * rng.uniform(0.55, 0.62)), int(h * rng.uniform(0.86, 0.88))
    pixels[y0 + 6:y0 + nh + 6, x0 + 6:x0 + nw + 6] *= 0.75
    pixels[y0:y0 + nh, x0:x0 + nw] = np.array((252, 236, 120), dtype=np.float32)
    image = _image(pixels)
    draw = ImageDraw.Draw(image)
    words = rng.choice(NOTES).split("|")
    size = max(12, int(nh * 0.26))
    while True:  # the largest hand that fits the note
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", size)
        if size <= 12 or max(draw.textlength(text, font=font) for text in words) < nw * 0.88:
            break
        size -= 1
    for k, text in enumerate(words):
        draw.text((x0 + nw * 0.06, y0 + nh * (0.12 + 0.4 * k)), text, fill=(25, 35, 120), font=font)
    pixels = _array(image.rotate(rng.uniform(-0.6, 0.6), fillcolor=(250, 250, 248))) + np_rng.normal(0, 2.5, (h, w, 1))
    return _jpeg(_image(pixels), rng.randint(78, 90))


def pen_scan(page, pdf: bytes, truth: list[Truth], abnormal: set[str], rng: random.Random) -> bytes:
    """A scan with blue ballpoint marks: circles round abnormal tests' names, ticks beside others, a "?"."""
    from PIL import ImageDraw, ImageFont

    np_rng = _noise(rng)
    image = page.copy()
    draw = ImageDraw.Draw(image)
    h = image.height
    ink = (30, 45, 150)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf", int(h * 0.02))
    boxes = _name_boxes(pdf, [t.printed_name for t in truth], image.size)
    asked = False
    for t in truth:
        box = boxes.get(t.printed_name)
        if box is None:
            continue
        left, top, right, bottom = box
        if t.printed_name in abnormal:
            pad = (bottom - top) * 0.5
            draw.ellipse((left - pad * 2, top - pad, right + pad * 2, bottom + pad), outline=ink, width=3)
        elif rng.random() < 0.6:
            mx, my = left - (bottom - top) * 2.2, (top + bottom) / 2
            s = (bottom - top) * 0.5
            draw.line([(mx - s, my), (mx - s * 0.3, my + s), (mx + s * 1.2, my - s * 1.2)], fill=ink, width=3)
        elif not asked and left > (bottom - top) * 5:
            draw.text((left - (bottom - top) * 3.5, top - (bottom - top) * 0.4), "?", fill=ink, font=font)
            asked = True
    pixels = _array(image.convert("L").convert("RGB")) * 0.15 + _array(image) * 0.85  # a colour scan, a little dull
    pixels = pixels * rng.uniform(0.93, 0.98) + np_rng.normal(0, 2.5, pixels.shape[:2] + (1,))
    return _jpeg(_image(pixels).rotate(rng.uniform(-0.7, 0.7), fillcolor=(245, 245, 245)), rng.randint(76, 88))


def _name_boxes(pdf: bytes, names: list[str], size: tuple[int, int]) -> dict[str, tuple[float, float, float, float]]:
    """Each name's first printed box on page 1, in the page image's pixels (left, top, right, bottom)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        pw, ph = page.get_width(), page.get_height()
        sx, sy = size[0] / pw, size[1] / ph
        text = page.get_textpage()
        boxes = {}
        for name in names:
            found = text.search(name, match_case=True, match_whole_word=True).get_next()
            if found:
                first, last = text.get_charbox(found[0]), text.get_charbox(found[0] + found[1] - 1)
                boxes[name] = (first[0] * sx, (ph - max(first[3], last[3])) * sy, last[2] * sx,
                               (ph - min(first[1], last[1])) * sy)
        return boxes
    finally:
        doc.close()


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"discharge": discharge_pdf, "low-high": low_high_pdf, "unit-blocks": unit_blocks_pdf}
UK_PAGES = {"ice": ice_pdf, "wrapped": wrapped_pdf}
SLIPS = {"booklet": booklet_pdf, "label": label_strip_pdf, "range-footer": range_footer_pdf}
TWO = {"three-columns": three_columns_pdf, "traffic-light": traffic_light_pdf}
PORTAL = {"spaced": spaced_text, "yaml": yaml_text, "app-json": app_json_text}
PHOTOS = {"clipboard": clipboard_photo, "motion": motion_photo, "fridge": fridge_photo}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A page of one of fresh11's table designs (its region's), flags set as it prints them."""
    if region == "uk":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


def fresh11_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh11 report; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout == "us-table":
        return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        return SLIPS[rng.choice(sorted(SLIPS))](rng, person, truth, region), "pdf"
    if layout == "two-column":
        _flags(truth, region, "letter")
        return TWO[rng.choice(sorted(TWO))](rng, person, truth, region), "pdf"
    if layout == "portal-text":
        return PORTAL[rng.choice(sorted(PORTAL))](rng, person, truth, region), "text"
    if layout == "phone-photo":
        look = rng.choice(sorted(PHOTOS))
        pdf = _printed_page(rng, person, truth, region)
        page = render_pages(pdf, rng.randint(165, 200))[0]
        return PHOTOS[look](page, rng), "image"
    if layout == "scanned-pdf":
        paper = letter if region == "us" else A4
        look = rng.choice(["continued", "pen", "sticky-note"])
        dpi = rng.randint(200, 230)
        if look == "continued":
            pages = render_pages(continued_pdfs(rng, person, truth, region), dpi)
            return image_pages_pdf([_grey_scan(page, rng, rng.randint(74, 88)) for page in pages], *paper), "pdf"
        abnormal = _abnormal(truth)
        pdf = _printed_page(rng, person, truth, region)
        page = _on_paper(render_pages(pdf, dpi)[0], paper)
        if look == "sticky-note":
            return image_pages_pdf([sticky_note_scan(page, rng)], *paper), "pdf"
        return image_pages_pdf([pen_scan(page, pdf, truth, abnormal, rng)], *paper), "pdf"
    raise ValueError(layout)
