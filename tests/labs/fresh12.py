"""fresh12: the twelfth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh12-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1` (no creation date, no random document id), so a seed gives the same bytes every time;
images are drawn from the report's own random stream. Every report prints the patient's name, date
of birth and record number (most also the address and phone). The truth rules (as fresh11's):

- a unit printed belongs to the result, wherever it stands (its own column, an XML `unit=`
  attribute, a box-drawn cell);
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range; a range printed in the result's own cell after the value ("4.2 (3.5-5.1)") is its range;
- values printed censored keep their printed text ("<0.1", ">90", also inside an XML CDATA value);
- flags are the truth as printed: letters, a letter in a coloured badge, an XML
  `interpretationCode`, and the UK asterisk print's "*" after an out-of-range value (its flag is "*",
  whichever way the value is out); other UK reports print none;
- comments and marks are not results: a corrected report's "previously reported as" note (the old,
  withdrawn value), LOINC codes ("2951-2": a code, not a range), an urgent-care slip's vital signs,
  diagnosis and medicine doses, a dialysis sheet's post-dialysis column (the truth is the
  pre-dialysis value, the one the flag and the range refer to) and its URR / Kt/V / dry-weight line,
  an After Visit Summary's "Today's measurements" sidebar (blood pressure, pulse, weight, BMI,
  temperature, SpO2), a blank scanned page, a coffee ring, flicker bands and a scanner's dust line.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a "CORRECTED REPORT" with a Status column (Final / Corrected) and a small italic
  "previously reported as ..." note under each corrected row; an Epic-like print whose flag is a
  white letter in a coloured rounded badge, panel names as shaded bands across the table and
  zebra rows; a Cerner-like table with a LOINC code column and the range in the result's own
  cell ("4.2 (3.5-5.1)"), the unit in a column after it;
- uk-fixed: a lab-system enquiry screen printed with box-drawing characters framing every cell
  ("│ Sodium │ 140 │ mmol/L │ 133 - 146 │"); a fixed-width print with "*" joined to each
  out-of-range value ("5.9*") and a "* outside reference interval" key;
- clinic-slip: an urgent-care discharge slip (vital signs, diagnosis, medicine doses and follow-up
  advice around a "Tests done today" table); a dialysis unit's monthly bloods sheet with Pre and
  Post columns (the truth is Pre) and a URR / Kt/V / dry-weight line;
- two-column: two result columns with the heading row over the left column only (the right column
  continues the table without one); an After Visit Summary with the results left and a boxed
  "Today's measurements" sidebar of vital signs right;
- portal-text: a results table pasted from a terminal as an ASCII grid ("+--------+" borders, "|"
  between cells); a C-CDA-like XML document export (observation entries with `value`
  `xsi:type="PQ"` and `unit`, `referenceRange` `low`/`high`, `interpretationCode`);
- phone-photo: a page with a coffee-cup ring and a faint spill stain; a page shot under
  fluorescent light with rolling-shutter flicker bands across it; a close-up with a wide-angle
  lens's barrel distortion and colour fringing towards the corners;
- scanned-pdf: a three-page scan with a blank (back-of-sheet) page between the two pages of results;
  a two-page scan fed in reverse order (page 2 first); a colour scan with an automatic document
  feeder's dust line (a thin dark vertical streak down the whole page, a faint coloured one beside).
"""

from __future__ import annotations

import math
import random
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .fresh5 import _face, _n, render_pages
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain, image_pages_pdf
from .fresh9 import _array, _done, _fonts, _image, _masthead, _on_paper, _on_surface, _start
from .fresh10 import _grey_scan

LABS = ["Cedar Falls Medical Center Laboratory", "Northgate Diagnostic Laboratories", "Riverbend Health Clinical Lab"]
TRUSTS = ["Fenwick General Hospital NHS Trust - Pathology", "Holmbury Hospitals NHS Foundation Trust - Biochemistry",
          "Westmere University Hospitals - Laboratory Medicine"]
PANELS = ["CHEMISTRY PANEL", "HEMATOLOGY", "LIPID PANEL", "OTHER TESTS"]
BADGES = {"H": (0.80, 0.15, 0.15), "HH": (0.55, 0.0, 0.0), "L": (0.15, 0.35, 0.75), "LL": (0.05, 0.15, 0.5),
          "A": (0.85, 0.45, 0.05)}
FACES_SANS = [("LiberationSans-Regular", "LiberationSans-Bold"), ("Helvetica", "Helvetica-Bold")]
FACES_SERIF = [("Times-Roman", "Times-Bold"), ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold")]
FACES_NARROW = [("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"), ("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold")]
MONO = [("LiberationMono-Regular", "LiberationMono-Bold"), ("Courier", "Courier-Bold")]
DIAGNOSES = ["Acute gastroenteritis", "Viral upper respiratory infection", "Dehydration, mild", "Chest wall pain"]
MEDICINES = ["Ondansetron 4 mg every 8 hours as needed", "Ibuprofen 400 mg every 6 hours with food",
             "Acetaminophen 650 mg every 6 hours, max 3,000 mg a day", "Oral rehydration 200 mL after each loose stool"]
POST = {"K": 0.68, "BUN": 0.32, "CREA": 0.38, "CO2": 1.12, "Na": 1.0, "Ca": 1.04, "Mg": 0.9, "GLU": 0.95}


def _rng_range(t: Truth, both: str = "{low}-{high}", above: str = ">{low}", below: str = "<{high}") -> str:
    if t.range_text:
        return t.range_text
    low, high = t.range_low, t.range_high
    if low is not None:
        return both.format(low=_n(low), high=_n(high)) if high is not None else above.format(low=_n(low))
    return below.format(high=_n(high)) if high is not None else ""


def _page(rng: random.Random, width: float, height: float, faces, sizes):
    c, buf = _start(width, height)
    font, bold = _fonts(rng, faces)
    return c, buf, font, bold, rng.choice(sizes)


def _patient_lines(person: Person, region: str) -> list[str]:
    number = "MRN" if region == "us" else "Hospital No."
    return [f"Patient: {person.name}    DOB: {person.dob}    {number}: {person.mrn}",
            f"Address: {person.address}    Phone: {person.phone}"]


def _shifted(value_text: str, factor: float) -> str | None:
    """Another number printed with the value's decimals (an old or post-dialysis value), or None."""
    try:
        number = float(value_text)
    except ValueError:
        return None
    places = len(value_text.split(".")[1]) if "." in value_text else 0
    other = f"{number * factor:.{places}f}"
    return None if other == value_text else other


def _panel(k: int, count: int) -> int:
    return min(3, k * 4 // max(count, 1))


# ---- us-table ------------------------------------------------------------------------------------
def corrected_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A corrected report: a Status column (Final / Corrected), the withdrawn value in a note under
    each corrected row."""
    _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS, [8.5, 9.0])
    c.setFillColorRGB(0.75, 0.1, 0.1)
    c.rect(40, height - 58, width - 80, 20, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 11)
    c.drawString(48, height - 52, "CORRECTED REPORT - supersedes the report of 03/12/2024")
    c.setFillGray(0)
    y = _masthead(c, 40, height - 78, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collected: 03/12/2024 07:40   Corrected: 03/13/2024 11:15"], font, bold)
    y -= 10
    xs = [40, 210, 270, 300, 390, width - 100]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Interval", "Status"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    plain = [t for t in truth if _shifted(t.value_text, 1.3)]
    corrected = {id(t) for t in rng.sample(plain, min(len(plain), rng.randint(1, 2)))}
    for t in truth:
        c.setFont(font, size)
        status = "Corrected" if id(t) in corrected else "Final"
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low}-{high}"), status],
                           strict=True):
            c.drawString(x, y, cell)
        if id(t) in corrected:
            y -= size * 1.3
            c.setFont(_face("LiberationSans-Italic"), size - 1.5)
            c.drawString(60, y, f"Corrected result: previously reported as {_shifted(t.value_text, 1.3)}"
                                f" on 03/12/2024. Physician notified 03/13/2024.")
        y -= size * 1.9
    c.setFont(font, 7)
    c.drawString(40, 36, f"{person.name}   MRN {person.mrn}   CORRECTED REPORT   Page 1 of 1")
    return _done(c, buf)


def _badge(c, x: float, y: float, flag: str, bold: str, size: float) -> None:
    w = c.stringWidth(flag, bold, size) + 8
    c.setFillColorRGB(*BADGES.get(flag, (0.4, 0.4, 0.4)))
    c.roundRect(x, y - 3, w, size + 4, 4, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, size)
    c.drawString(x + 4, y, flag)
    c.setFillGray(0)


def badge_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An Epic-like print: the flag a white letter in a coloured badge, panels as shaded bands, zebra rows."""
    _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW, [8.5, 9.0])
    y = _masthead(c, 40, height - 44, "Lab Results - " + rng.choice(LABS), _patient_lines(person, region)
                  + ["Ordering provider: Dr. K. Iwasaki   Collected 03/12/2024 08:02"], font, bold)
    y -= 12
    xs = [44, 220, 280, 330, 430]
    row = size * 1.9
    c.setFont(bold, size)
    for x, head in zip(xs, ["Component", "Value", "Flag", "Ref Range", "Units"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 5, width - 40, y - 5)
    y -= row
    panel = -1
    for k, t in enumerate(truth):
        if _panel(k, len(truth)) != panel:
            panel = _panel(k, len(truth))
            c.setFillColorRGB(0.78, 0.84, 0.9)
            c.rect(40, y - 5, width - 80, row, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(bold, size)
            c.drawString(44, y, PANELS[panel])
            y -= row
            stripe = 0
        if stripe % 2:
            c.setFillColorRGB(0.95, 0.95, 0.95)
            c.rect(40, y - 5, width - 80, row, stroke=0, fill=1)
            c.setFillGray(0)
        stripe += 1
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[3], y, _rng_range(t, "{low} - {high}"))
        c.drawString(xs[4], y, t.unit or "")
        if t.flag:
            _badge(c, xs[2], y, t.flag, bold, size - 0.5)
        y -= row
    c.setFont(font, 7)
    c.drawString(40, 36, "Badges: H high, L low, HH / LL critical, A abnormal.   Printed from the patient chart.")
    return _done(c, buf)


def loinc_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Cerner-like table: a LOINC code column, the range in the result's cell "4.2 (3.5-5.1)", units after."""
    _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF, [9.0, 9.5])
    y = _masthead(c, 40, height - 44, rng.choice(LABS), _patient_lines(person, region)
                  + ["Encounter: Outpatient   Specimen collected 03/12/2024 09:20"], font, bold)
    y -= 12
    xs = [40, 205, 270, 390, 470]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "LOINC", "Result (Reference)", "Units", "Abn"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    for t in truth:
        code = f"{rng.randint(1000, 99999)}-{rng.randint(0, 9)}"
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.setFillGray(0.45)
        c.setFont(font, size - 1.5)
        c.drawString(xs[1], y, code)
        c.setFillGray(0)
        c.setFont(font, size)
        c.drawString(xs[2], y, f"{t.value_text} ({_rng_range(t)})")
        c.drawString(xs[3], y, t.unit or "")
        c.drawString(xs[4], y, t.flag or "")
        y -= size * 1.9
    c.setFont(font, 7)
    c.drawString(40, 36, "LOINC codes identify each test; the reference interval follows the result in brackets.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def box_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A lab-system enquiry screen printed with box-drawing characters framing every cell."""
    for t in truth:
        t.flag = None
    width, height = A4
    c, buf = _start(width, height)
    font = _face("DejaVuSansMono")
    size = rng.choice([7.5, 8.0])
    c.setFont(_face("DejaVuSansMono-Bold"), 9.5)
    c.drawString(36, height - 40, "PATHOLOGY ENQUIRY - RESULTS SCREEN PRINT")
    c.setFont(font, size)
    y = height - 58
    for line in [rng.choice(TRUSTS), f"Name: {person.name}   DOB: {person.dob}   Hosp No: {person.mrn}",
                 f"Address: {person.address}   Tel: {person.phone}", "Source: GP - Larchwood Surgery   Collected: 12/03/2024 09:05"]:
        c.drawString(36, y, line)
        y -= size * 1.45
    y -= size
    w = [26, 10, 15, 15]
    lines = ["┌" + "┬".join("─" * n for n in w) + "┐",
             "│" + "│".join(head.ljust(n) for head, n in zip(["Test", "Result", "Units", "Reference range"], w, strict=True)) + "│",
             "├" + "┼".join("─" * n for n in w) + "┤"]
    for t in truth:
        cells = [" " + t.printed_name, t.value_text.rjust(8) + "  ", " " + (t.unit or ""), " " + _rng_range(t, "{low} - {high}")]
        lines.append("│" + "│".join(cell.ljust(n) for cell, n in zip(cells, w, strict=True)) + "│")
    lines.append("└" + "┴".join("─" * n for n in w) + "┘")
    for line in lines:
        c.drawString(36, y, line)
        y -= size * 1.3
    y -= size
    c.drawString(36, y, "F3=Previous  F7=Cumulative  F12=Exit     Printed 12/03/2024 16:44 by JHOLT")
    return _done(c, buf)


def asterisk_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A fixed-width print with "*" joined to each out-of-range value and a key at the foot."""
    for t in truth:
        t.flag = "*" if t.flag else None
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, MONO)
    size = rng.choice([8.5, 9.0])
    c.setFont(bold, 10)
    c.drawString(40, height - 42, rng.choice(TRUSTS))
    c.setFont(font, size)
    y = height - 62
    for line in [f"Patient  : {person.name}", f"D.o.B.   : {person.dob}     Hosp. No: {person.mrn}",
                 f"Address  : {person.address}", f"Tel.     : {person.phone}", "Sample   : Blood   Taken 12/03/24 08:50"]:
        c.drawString(40, y, line)
        y -= size * 1.4
    y -= size
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Investigation':<22}{'Result':>9}  {'Units':<15}Ref. interval")
    y -= size * 1.6
    c.setFont(font, size)
    for t in truth:
        value = t.value_text + ("*" if t.flag else " ")
        c.drawString(40, y, f"{t.printed_name:<22}{value:>10} {t.unit or '':<15}{_rng_range(t, '{low} - {high}')}")
        y -= size * 1.4
    y -= size
    c.drawString(40, y, "* outside reference interval")
    c.drawString(40, y - size * 1.4, "Authorised by: Duty Biochemist   Enquiries ext. 5512")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def urgent_care_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An urgent-care discharge slip: vitals, diagnosis, medicines and advice around today's tests."""
    _flags(truth, region, "letter")
    width, height = 4.25 * 72, 8.5 * 72
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS, [7.0, 7.5])
    c.setFont(bold, 9)
    c.drawString(14, height - 22, "QUICKCARE URGENT CARE")
    c.drawString(14, height - 33, "DISCHARGE INSTRUCTIONS")
    c.setFont(font, 6.8)
    y = height - 48
    for line in [f"Patient: {person.name}", f"DOB: {person.dob}   Acct/MRN: {person.mrn}", f"Phone: {person.phone}",
                 "Visit: 03/12/2024 18:40   Provider: M. Okoye, PA-C",
                 f"Vitals: BP {rng.randint(112, 150)}/{rng.randint(68, 94)}  Pulse {rng.randint(64, 104)}  "
                 f"Temp {rng.uniform(36.4, 38.4):.1f} C  SpO2 {rng.randint(94, 99)}%",
                 f"Diagnosis: {rng.choice(DIAGNOSES)}"]:
        c.drawString(14, y, line)
        y -= 9
    y -= 5
    c.setFont(bold, size)
    c.drawString(14, y, "Tests done today")
    y -= size * 1.6
    xs = [16, 60, 104, 166, 222]
    for x, head in zip(xs, ["Test", "Result", "Units", "Normal", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.setLineWidth(0.4)
    c.line(14, y - 3, width - 14, y - 3)
    y -= size * 1.6
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.5
    y -= 6
    c.setFont(bold, 7)
    c.drawString(14, y, "Medicines")
    c.setFont(font, 6.5)
    for medicine in rng.sample(MEDICINES, 2):
        y -= 9
        c.drawString(18, y, "- " + medicine)
    y -= 13
    for line in ["Follow up with your doctor in 2-3 days.", "Return or call 911 if pain is worse, fever over 39 C,",
                 "or you cannot keep fluids down for 12 hours."]:
        c.drawString(14, y, line)
        y -= 9
    return _done(c, buf)


def dialysis_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A dialysis unit's monthly bloods: Pre and Post columns (the truth is Pre), a URR / Kt/V line."""
    _flags(truth, region, "letter")
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW, [8.0, 8.5])
    c.setFont(bold, 11)
    c.drawString(30, height - 36, "RENAL DIALYSIS UNIT - MONTHLY BLOODS")
    c.setFont(font, 7.5)
    y = height - 52
    number = "MRN" if region == "us" else "Hosp No"
    for line in [f"Name: {person.name}   DOB: {person.dob}   {number}: {person.mrn}", f"Tel: {person.phone}",
                 f"Session: 12/03/2024  Chair {rng.randint(1, 18)}  Shift 1 (Mon/Wed/Fri)"]:
        c.drawString(30, y, line)
        y -= 10
    y -= 8
    xs = [30, 92, 140, 188, 262, 330]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Pre", "Post", "Units", "Range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(28, y - 4, width - 28, y - 4)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        post = _shifted(t.value_text, POST[t.printed_name]) if t.printed_name in POST else None
        for x, cell in zip(xs, [t.printed_name, t.value_text, post or "-", t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.7
    y -= 8
    c.setFont(font, 7.5)
    c.drawString(30, y, f"URR {rng.randint(65, 78)}%   Kt/V {rng.uniform(1.2, 1.7):.2f}   Dry weight {rng.uniform(58, 96):.1f} kg")
    c.drawString(30, y - 11, "Flags and ranges refer to the pre-dialysis sample.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def headless_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns, the heading row over the left one only."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF, [8.0, 8.5])
    y = _masthead(c, 36, height - 42, rng.choice(TRUSTS), _patient_lines(person, region)
                  + ["Sample taken 12/03/2024 10:10"], font, bold)
    y -= 14
    half = (len(truth) + 1) // 2
    col = (width - 72) / 2
    offsets = [0, 96, 130, 200]
    c.setFont(bold, size)
    for dx, head in zip(offsets, ["Test", "Result", "Units", "Range"], strict=True):
        c.drawString(36 + dx, y, head)
    c.line(36, y - 3, 36 + col - 14, y - 3)
    y -= size * 1.9
    for k in range(2):
        yy = y
        c.setFont(font, size)
        for t in truth[k * half:(k + 1) * half]:
            x = 36 + k * col
            for dx, cell in zip(offsets, [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")], strict=True):
                c.drawString(x + dx, yy, cell)
            yy -= size * 1.8
    c.setFont(font, 7)
    c.drawString(36, 30, "Results read down the left column, then the right.")
    return _done(c, buf)


def vitals_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An After Visit Summary: results left, a boxed "Today's measurements" sidebar of vital signs right."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS, [8.0, 8.5])
    y = _masthead(c, 36, height - 42, "After Visit Summary", _patient_lines(person, region)
                  + ["Visit 12/03/2024 with Dr A. Whitcombe - " + rng.choice(TRUSTS)], font, bold)
    y -= 14
    side = width * 0.66
    c.setFont(bold, size)
    for x, head in zip([36, 166, 214, 272], ["Test", "Result", "Units", "Normal range"], strict=True):
        c.drawString(x, y, head)
    c.line(36, y - 3, side - 12, y - 3)
    top = y + 12
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip([36, 166, 214, 272], [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")],
                           strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    weight, tall = rng.uniform(55, 105), rng.uniform(1.55, 1.92)
    vitals = [f"Blood pressure {rng.randint(108, 152)}/{rng.randint(64, 96)} mmHg", f"Pulse {rng.randint(58, 98)} /min",
              f"Weight {weight:.1f} kg", f"Height {tall * 100:.0f} cm", f"BMI {weight / tall ** 2:.1f} kg/m2",
              f"Temperature {rng.uniform(36.1, 37.4):.1f} C", f"SpO2 {rng.randint(95, 99)} %"]
    c.setFillColorRGB(0.94, 0.96, 0.98)
    c.roundRect(side, top - 18 - 14 * len(vitals) - 30, width - side - 30, 18 + 14 * len(vitals) + 30, 6, stroke=1, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 8.5)
    c.drawString(side + 8, top - 14, "Today's measurements")
    c.setFont(font, 7.5)
    yy = top - 30
    for line in vitals:
        c.drawString(side + 8, yy, line)
        yy -= 14
    c.drawString(side + 8, yy - 4, "Next review: 3 months")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def ascii_grid_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A results table pasted from a terminal as an ASCII grid: "+---+" borders, "|" between cells."""
    _flags(truth, region, "letter")
    heads = ["test", "result", "units", "reference", "flag"]
    rows = [[t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"), t.flag or ""] for t in truth]
    widths = [max(len(r[k]) for r in [heads, *rows]) for k in range(5)]
    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def line(cells: list[str]) -> str:
        return "|" + "|".join(f" {cell:>{w}} " if k == 1 else f" {cell:<{w}} " for k, (cell, w) in enumerate(zip(cells, widths,
                                                                                                                   strict=True))) + "|"

    out = [f"results for {person.name} (DOB {person.dob}, MRN {person.mrn}, phone {person.phone})",
           "collected 2024-03-12 08:15", rule, line(heads), rule, *[line(r) for r in rows], rule, f"({len(rows)} rows)"]
    return "\n".join(out).encode() + b"\n"


def ccda_xml_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A C-CDA-like XML export: observations with PQ values and units, reference ranges, interpretation codes."""
    _flags(truth, region, "letter")
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<ClinicalDocument xmlns="urn:hl7-org:v3" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">', "  <title>Laboratory results</title>",
           "  <recordTarget><patientRole>", f'    <id root="2.16.840.1.113883.19.5" extension="{person.mrn}"/>',
           f"    <telecom value=\"tel:{person.phone}\"/>",
           f"    <patient><name>{escape(person.name)}</name><birthTime value=\"{person.dob}\"/></patient>",
           "  </patientRole></recordTarget>", "  <component><section>", "    <title>Results</title>"]
    for t in truth:
        out += ["    <entry><observation classCode=\"OBS\" moodCode=\"EVN\">",
                f"      <code displayName={quoteattr(t.printed_name)}/>",
                '      <effectiveTime value="20240312081500"/>']
        if t.range_text or not t.value_text[:1].isdigit():
            value = t.value_text if t.value_text[:1] not in "<>" else f"<![CDATA[{t.value_text}]]>"
            unit = f" unit={quoteattr(t.unit)}" if t.unit else ""
            out.append(f'      <value xsi:type="ST"{unit}>{value}</value>')
        else:
            unit = f" unit={quoteattr(t.unit)}" if t.unit else ""
            out.append(f'      <value xsi:type="PQ" value="{t.value_text}"{unit}/>')
        if t.flag:
            out.append(f'      <interpretationCode code="{t.flag}"/>')
        if t.range_text:
            out.append(f"      <referenceRange><observationRange><text>{t.range_text}</text></observationRange></referenceRange>")
        else:
            unit = f" unit={quoteattr(t.unit)}" if t.unit else ""
            bounds = "".join(f'<{key} value="{_n(bound)}"{unit}/>' for key, bound in (("low", t.range_low), ("high", t.range_high))
                             if bound is not None)
            out.append(f'      <referenceRange><observationRange><value xsi:type="IVL_PQ">{bounds}</value>'
                       "</observationRange></referenceRange>")
        out.append("    </observation></entry>")
    out += ["  </section></component>", "</ClinicalDocument>"]
    return "\n".join(out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def coffee_photo(page, rng: random.Random) -> bytes:
    """A page with a coffee-cup ring and a faint spill stain on it."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(110, 80, 60), (190, 190, 185)], 2.5, 0.008)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    stain = np.array((150, 95, 45), dtype=np.float32)
    cx, cy, radius = w * rng.uniform(0.3, 0.75), h * rng.uniform(0.3, 0.8), w * rng.uniform(0.08, 0.12)
    distance = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
    ring = np.exp(-((distance - radius) ** 2) / (2 * (radius * 0.03) ** 2)) * 0.45 + (distance < radius) * 0.06
    sx, sy = w * rng.uniform(0.2, 0.8), h * rng.uniform(0.2, 0.8)
    spill = np.exp(-(((xx - sx) / (w * 0.09)) ** 2 + ((yy - sy) / (h * 0.05)) ** 2)) * 0.12
    alpha = np.clip(ring + spill, 0, 0.5)[..., None]
    shot = shot * (1 - alpha) + (shot * stain / 255) * alpha
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


def flicker_photo(page, rng: random.Random) -> bytes:
    """A page under fluorescent light: rolling-shutter flicker bands across it, a cool green cast."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(150, 155, 160), (95, 100, 110)], 2.0, 0.008)
    h = shot.shape[0]
    period, phase, depth = rng.uniform(70, 150), rng.uniform(0, math.tau), rng.uniform(0.1, 0.18)
    rows = 1 - depth * (0.5 + 0.5 * np.sin(np.arange(h, dtype=np.float32) * math.tau / period + phase))
    shot = shot * rows[:, None, None] * np.array((0.95, 1.0, 0.97), dtype=np.float32)
    shot = _grain(shot, rng, np_rng, (3, 6))
    return _jpeg(_image(shot), rng.randint(76, 88))


def wide_angle_photo(page, rng: random.Random) -> bytes:
    """A close-up with a wide-angle lens: barrel distortion and colour fringing towards the corners."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.14, 1.1), [(175, 160, 140), (60, 65, 70)], 2.0, 0.006)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    nx, ny = (xx - w / 2) / (w / 2), (yy - h / 2) / (h / 2)
    r2 = nx ** 2 + ny ** 2
    k = rng.uniform(0.05, 0.09)
    out = np.empty_like(shot)
    for channel, scale in enumerate((1.0 + 0.0025, 1.0, 1.0 - 0.0025)):
        factor = (1 - k * r2) * scale  # sample nearer the centre at the edges: the page bulges outward
        sx = np.clip(w / 2 + nx * factor * (w / 2), 0, w - 1.001)
        sy = np.clip(h / 2 + ny * factor * (h / 2), 0, h - 1.001)
        x0, y0 = sx.astype(np.int32), sy.astype(np.int32)
        fx, fy = sx - x0, sy - y0
        plane = shot[..., channel]
        out[..., channel] = (plane[y0, x0] * (1 - fx) * (1 - fy) + plane[y0, x0 + 1] * fx * (1 - fy)
                             + plane[y0 + 1, x0] * (1 - fx) * fy + plane[y0 + 1, x0 + 1] * fx * fy)
    out = out * (1 - 0.18 * r2[..., None] / 2)
    out = _grain(out, rng, np_rng, (3, 5))
    return _jpeg(_image(out), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def two_page_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A plain table over two pages, the header and patient line repeated on the second."""
    if region == "uk":
        for t in truth:
            t.flag = None
    else:
        _flags(truth, region, "letter")
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [10.0, 10.5])
    split = len(truth) // 2 + rng.randint(-1, 1)
    title = rng.choice(LABS if region == "us" else TRUSTS)
    for number, rows in ((1, truth[:split]), (2, truth[split:])):
        y = _masthead(c, 50, height - 50, title, _patient_lines(person, region) + ["Collected: 12/03/2024 08:05"], font, bold)
        y -= 16
        xs = [50, 230, 300, 340, 440]
        c.setFont(bold, size)
        for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference"], strict=True):
            c.drawString(x, y, head)
        c.line(46, y - 4, width - 46, y - 4)
        y -= size * 2
        c.setFont(font, size)
        for t in rows:
            for x, cell in zip(xs, [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")],
                               strict=True):
                c.drawString(x, y, cell)
            y -= size * 2.0
        c.setFont(font, 7.5)
        c.drawString(50, 36, f"Page {number} of 2")
        c.showPage()
    return _done(c, buf)


def blank_scan(size: tuple[int, int], rng: random.Random) -> bytes:
    """The blank back of a sheet, scanned: off-white paper, noise, a faint edge shadow."""
    import numpy as np

    np_rng = _noise(rng)
    w, h = size
    pixels = np.full((h, w), rng.uniform(236, 246), dtype=np.float32) + np_rng.normal(0, 2.5, (h, w))
    pixels[:, : max(2, w // 150)] *= 0.8
    return _jpeg(_image(np.repeat(pixels[..., None], 3, axis=2)).convert("L"), rng.randint(78, 88))


def adf_line_scan(page, rng: random.Random) -> bytes:
    """A colour scan with an automatic document feeder's dust line: a thin dark vertical streak down the
    whole page and a faint coloured one beside it."""
    import numpy as np

    np_rng = _noise(rng)
    pixels = _array(page)
    h, w = pixels.shape[:2]
    x = int(w * rng.uniform(0.2, 0.8))
    pixels[:, x:x + rng.randint(2, 3)] *= rng.uniform(0.25, 0.4)
    x2 = int(w * rng.uniform(0.1, 0.9))
    pixels[:, x2:x2 + 2] = pixels[:, x2:x2 + 2] * 0.6 + np.array(rng.choice([(230, 60, 200), (60, 200, 220)]), dtype=np.float32) * 0.4
    pixels = pixels * rng.uniform(0.94, 0.98) + np_rng.normal(0, 2.5, (h, w, 1))
    return _jpeg(_image(pixels), rng.randint(78, 90))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"corrected": corrected_pdf, "badge": badge_pdf, "loinc": loinc_pdf}
UK_PAGES = {"box": box_pdf, "asterisk": asterisk_pdf}
SLIPS = {"urgent-care": urgent_care_pdf, "dialysis": dialysis_pdf}
TWO = {"headless": headless_pdf, "vitals": vitals_pdf}
PORTAL = {"ascii-grid": ascii_grid_text, "ccda-xml": ccda_xml_text}
PHOTOS = {"coffee": coffee_photo, "flicker": flicker_photo, "wide-angle": wide_angle_photo}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A page of one of fresh12's table designs (its region's), flags set as it prints them."""
    if region == "uk":
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


def fresh12_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh12 report; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout == "us-table":
        return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
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
        look = rng.choice(["adf-line", "blank-between", "reversed"])
        dpi = rng.randint(200, 230)
        if look == "adf-line":
            pdf = _printed_page(rng, person, truth, region)
            page = _on_paper(render_pages(pdf, dpi)[0], paper)
            return image_pages_pdf([adf_line_scan(page, rng)], *paper), "pdf"
        pages = [_grey_scan(page, rng, rng.randint(74, 88)) for page in render_pages(two_page_pdf(rng, person, truth, region), dpi)]
        if look == "reversed":
            return image_pages_pdf(pages[::-1], *paper), "pdf"
        blank = blank_scan((round(paper[0] * dpi / 72), round(paper[1] * dpi / 72)), rng)
        return image_pages_pdf([pages[0], blank, pages[1]], *paper), "pdf"
    raise ValueError(layout)
