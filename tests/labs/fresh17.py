"""fresh17: the seventeenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh17-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh16's):

- a unit printed belongs to the result, wherever it stands (its own column, inside a sentence, a
  `units |` field of an expanded record); a unit printed in lower case ("mmol/l") is the truth in
  lower case;
- a range in words is the bound it names ("below 200" is <200, "above 60" is >60, "3.5 to 5.1");
  a qualitative test's expected word ("Negative") is its range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column, after
  the value in its cell or in a small box; words ("High", "Low", "Critical High", "Abnormal") in a
  message's sentences ("flagged High"). UK reports and the two-column pages print none (a value's
  coloured pill is not a flag);
- comments and marks are not results: tests listed as "Pending" on a preliminary report (no value),
  a request form's unticked tests (no value), a flowsheet column's collection date and time, request
  numbers, specimen codes, receipt and authorisation times and authorisers' initials of a line-printer
  listing, Read codes, an occupational-health form's employee number, vision, hearing, blood pressure
  and fitness boxes, a message's appointment time, phone number and blood pressure, a record's
  accession number and collection time, a camera's burned-in date stamp, a records office's Bates
  number and release stamp, a print's "scaled to" footer.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a PRELIMINARY report with a Status column (Final / In process) and tests still
  "Pending" (no value) among the results; an Epic-flowsheet-like print whose result column is headed
  by the collection date and time ("03/12/24 0755") instead of "Result", the flag after the value;
- uk-fixed: a landscape 132-column line-printer listing (request number, specimen code, receipt
  time, test, result, units, range, authoriser's initials and time on every line); a GP system's
  view of an electronic pathology message (report status, filing action, each result followed by its
  Read code in its own column);
- clinic-slip: an occupational-health surveillance record (employee number, vision, hearing, blood
  pressure, a fitness outcome with tick boxes) whose values are typed into printed boxes; a
  pathology request form with a tick box per test, results typed beside the ticked tests and the
  unticked ones left blank;
- two-column: two result columns whose every value sits in a rounded coloured pill (green inside the
  range, red outside) with the unit after it; a two-column grid of name / value pairs with the range
  on a small grey line under each;
- portal-text: a clinician's secure message giving several results a sentence, separated by ";"
  ("Most of your results are in the normal range: Sodium 140 mmol/L (normal 136 to 145); ... and
  Calcium 9.4 mg/dL (normal 8.6 to 10.3).", then "A few results are outside the normal range:
  Potassium 5.9 mmol/L (normal 3.5 to 5.1, flagged High); ..."), among an appointment, a phone number
  and a blood pressure; a database's expanded display ("-[ RECORD 3 ]-----+-----", one `field | value`
  line per column: accession, collected, test, result, units, ref_range, abn_flag);
- phone-photo: a photo through a cracked camera-lens cover (thin bright crack lines radiating from
  near a corner, a haze round their centre); a digitally zoomed photo (captured small and upscaled:
  soft, over-sharpened) with the camera's orange burned-in date stamp; a photo under cold LED light
  (a strong blue cast, blotchy colour noise);
- scanned-pdf: a microfiche reader-printer copy (a negative: light text on a dark grey ground, a
  vignette and the fiche frame's edge); a health-records release copy in 1-bit black and white with a
  "RELEASED" stamp in the top margin and a Bates number at the bottom; a page printed "fit to page"
  at about 70 % (wide white margins) with the printer's "scaled to" footer, scanned in grey.
"""

from __future__ import annotations

import math
import random

from reportlab.lib.pagesizes import A4, A5, landscape, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _done, _image, _masthead, _on_surface, _start
from .fresh10 import _grey_scan
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, _page, _patient_lines, _rng_range
from .fresh16 import _mono, _none, _words

LABS = ["Cedar Knoll Reference Laboratory", "Bluewater Valley Clinical Labs", "Tamarack Pathology Associates"]
UK_LABS = ["Ashcombe General Hospital - Blood Sciences", "North Fenwick NHS Trust - Clinical Biochemistry",
           "Glenmoray Royal Infirmary - Laboratory Medicine"]
PRACTICES = ["Bramley Fields Surgery", "Old Mill Medical Group", "St Aidan's Health Centre"]
# tests on the request that the lab has not finished: printed with no value, never results
PENDING = ["Lipase", "Uric Acid", "Phosphorus", "GGT", "LDH", "Amylase", "Lactate"]
UNTICKED = ["URIC", "PHOS", "GGT", "LDH", "AMY", "LIP", "CK", "LACT"]
EDTA_TESTS = {"haemoglobin", "hb", "haematocrit", "white cell count", "wbc", "platelets", "mcv", "hba1c"}
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _dash(t: Truth) -> str:
    return _rng_range(t, "{low} - {high}", "> {low}", "< {high}")


# ---- us-table ------------------------------------------------------------------------------------
def preliminary_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A PRELIMINARY report: a Status column, and tests still pending (no value) among the results."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.0, 8.5])
    y = _masthead(c, 40, height - 42, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collected 03/12/2024 07:40   Received 03/12/2024 09:02   Ordering: Dr. K. Lindqvist"], font, bold)
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.setFont(bold, 13)
    c.drawRightString(width - 40, height - 42, "PRELIMINARY REPORT")
    c.setFillGray(0)
    c.setFont(font, 7.5)
    c.drawRightString(width - 40, height - 54, "Not all tests are complete")
    y -= 10
    rows: list[tuple[str, ...]] = [(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t), "Final") for t in truth]
    for name in rng.sample(PENDING, rng.randint(2, 3)):
        rows.insert(rng.randint(1, len(rows)), (name, "Pending", "", "", "", rng.choice(["In process", "To follow"])))
    xs = [44, 214, 270, 298, 384, 480]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Interval", "Status"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    for row in rows:
        c.setFont(font, size)
        if row[1] == "Pending":
            c.setFillGray(0.4)
        for x, cell in zip(xs, row, strict=True):
            c.drawString(x, y, cell)
        c.setFillGray(0)
        y -= size * 1.8
    c.setFont(font, 7)
    c.drawString(40, 50, "Pending tests will be reported when complete; a final report will follow.")
    c.drawString(40, 38, "Status: Final = verified result; In process / To follow = not yet resulted.   Page 1 of 1")
    return _done(c, buf)


def flowsheet_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An Epic-flowsheet-like print: the result column headed by its collection date and time."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [8.5, 9.0])
    y = _masthead(c, 40, height - 42, "Lab Results Flowsheet - " + rng.choice(LABS), _patient_lines(person, region)
                  + ["Encounter: Office Visit   Department: Internal Medicine   Printed 03/13/2024 10:12"], font, bold)
    y -= 12
    stamp = f"03/12/24 {rng.randint(6, 9):02d}{rng.choice([5, 10, 25, 40, 55]):02d}"
    xs = [44, 230, 320, 410]
    c.setFillGray(0.9)
    c.rect(40, y - 5, width - 80, size * 1.7, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, size)
    for x, head in zip(xs, ["Component", stamp, "Units", "Ref Range"], strict=True):
        c.drawString(x, y, head)
    y -= size * 2.1
    c.setFont(font, size)
    for k, t in enumerate(truth):
        if k % 2:
            c.setFillGray(0.96)
            c.rect(40, y - 4, width - 80, size * 1.7, stroke=0, fill=1)
            c.setFillGray(0)
        c.setFont(bold if t.flag else font, size)
        c.drawString(xs[1], y, f"{t.value_text} {t.flag}" if t.flag else t.value_text)
        c.setFont(font, size)
        for x, cell in zip((xs[0], xs[2], xs[3]), (t.printed_name, t.unit or "", _dash(t)), strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 7)
    c.drawString(40, 40, "Column heading = specimen collection date and time. H high, L low, HH / LL critical, A abnormal.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def wide_listing_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A landscape 132-column line-printer listing: request number, specimen, times and initials on each line."""
    _none(truth)
    width, height = landscape(A4)
    c, buf = _start(width, height)
    font, bold, _ = _mono(rng)
    size = 7.5
    request = f"24R{rng.randint(100000, 999999)}"
    c.setFont(bold, 9)
    c.drawString(30, height - 34, f"{rng.choice(UK_LABS).upper()}   ***  PATIENT RESULT LISTING  ***")
    c.setFont(font, size)
    y = height - 50
    for line in [f"NAME: {person.name:<28} DOB: {person.dob:<12} HOSP NO: {person.mrn:<12} TEL: {person.phone}",
                 f"ADDR: {person.address.upper()}", "LOCATION: WARD 7B     CONSULTANT: DR R. ABERNETHY     RUN: 12/03/2024 16:40", ""]:
        c.drawString(30, y, line)
        y -= size * 1.5
    head = f"{'REQUEST':<11}{'SPEC':<6}{'RECD':<7}{'TEST':<26}{'RESULT':>9}  {'UNITS':<15}{'REF RANGE':<14}{'AUTH':<6}TIME"
    c.setFont(bold, size)
    c.drawString(30, y, head)
    y -= size * 0.6
    c.line(30, y, width - 30, y)
    y -= size * 1.5
    c.setFont(font, size)
    received = f"{rng.randint(8, 10):02d}:{rng.randint(0, 59):02d}"
    for t in truth:
        spec = _specimen(t.printed_name)
        auth = f"{rng.randint(11, 15):02d}:{rng.randint(0, 59):02d}"
        c.drawString(30, y, f"{request:<11}{spec:<6}{received:<7}{t.printed_name:<26}{t.value_text:>9}  {t.unit or '':<15}"
                            f"{_dash(t):<14}{rng.choice(['JMC', 'SKP', 'AOD']):<6}{auth}")
        y -= size * 1.55
    y -= size
    c.drawString(30, y, f"END OF LISTING   {len(truth)} TESTS   REQUEST {request}")
    return _done(c, buf)


def _specimen(name: str) -> str:
    """The listing's specimen code for a test: urine, citrate (clotting), EDTA (blood count, HbA1c) or serum."""
    low = name.lower()
    if "urine" in low:
        return "URN"
    if low == "inr":
        return "CIT"
    return "EDTA" if low in EDTA_TESTS else "SER"


def _read_code(rng: random.Random) -> str:
    return f"{rng.choice('4')}{rng.randint(2, 6)}{rng.choice('ABDGHIJKMQ')}{rng.choice('0123456789')}."


def read_codes_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A GP system's view of an electronic pathology message: status, filing action, Read codes at line ends."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    c.setFont(bold, 9.5)
    c.drawString(36, height - 40, f"{rng.choice(PRACTICES)} - Pathology message (received electronically)")
    c.setFont(font, size)
    y = height - 58
    for line in [f"Patient    : {person.name}    DOB: {person.dob}    NHS/ID: {person.mrn}",
                 f"Address    : {person.address}    Tel: {person.phone}",
                 f"From       : {rng.choice(UK_LABS)}", "Report     : Final      Sample taken 11-Mar-2024 09:20",
                 "Filed by   : Dr E. Holloway 12-Mar-2024   Action: No further action - routine", ""]:
        c.drawString(36, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(36, y, f"{'Test':<26}{'Result':>9}  {'Units':<15}{'Range':<14}Read code")
    y -= size * 0.6
    c.line(36, y, width - 36, y)
    y -= size * 1.5
    c.setFont(font, size)
    for t in truth:
        c.drawString(36, y, f"{t.printed_name:<26}{t.value_text:>9}  {t.unit or '':<15}{_dash(t):<14}{_read_code(rng)}")
        y -= size * 1.5
    y -= size
    c.drawString(36, y, "Message from laboratory: sample received in good condition.")
    y -= size * 1.5
    c.drawString(36, y, "-- end of message --")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def _box(c, x: float, y: float, w: float, h: float, text: str, font: str, size: float) -> None:
    c.setStrokeGray(0.35)
    c.rect(x, y - 3, w, h, stroke=1, fill=0)
    c.setStrokeGray(0)
    c.setFont(font, size)
    c.drawString(x + 3, y, text)


def occ_health_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An occupational-health surveillance record: values typed into printed boxes, fitness tick boxes."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [7.5, 8.0])
    c.setFont(bold, 10.5)
    c.drawString(26, height - 32, "Occupational Health Service")
    c.setFont(font, 7.5)
    c.drawString(26, height - 43, rng.choice(["Health surveillance record - periodic review", "Pre-placement health assessment"]))
    y = height - 62
    for line in [f"Employee: {person.name}    DOB: {person.dob}", f"Employee no.: {person.mrn}    Tel: {person.phone}",
                 f"Employer: {rng.choice(['Northgate Logistics', 'Halverson Foods plc', 'Calder Rail Services'])}"
                 "    Role: shift operative"]:
        c.drawString(26, y, line)
        y -= 10
    y -= 4
    c.setFont(bold, 7.5)
    c.drawString(26, y, "Screening")
    y -= 12
    c.setFont(font, 7.2)
    for k, (label, value) in enumerate([("Vision R / L", f"6/{rng.choice([6, 9])}  6/{rng.choice([6, 9])}"),
                                        ("Audiometry", f"Category {rng.randint(1, 2)}"),
                                        ("Blood pressure", f"{rng.randint(112, 146)}/{rng.randint(70, 92)}")]):
        c.drawString(26 + k * 125, y, label)
        _box(c, 26 + k * 125 + 58, y, 58, 11, value, font, 7.2)
    y -= 22
    c.setFont(bold, 7.5)
    c.drawString(26, y, "Blood tests")
    y -= 12
    c.setFont(font, 6.8)
    for x, head in zip((26, 96, 150, 214, 280), ["Test", "Result", "Units", "Reference", "Flag"], strict=True):
        c.drawString(x, y, head)
    y -= 13
    for t in truth:
        c.setFont(font, size)
        c.drawString(26, y, t.printed_name)
        _box(c, 94, y, 50, size * 1.6, t.value_text, bold, size)
        c.setFont(font, size)
        c.drawString(150, y, t.unit or "")
        c.drawString(214, y, _rng_range(t))
        _box(c, 278, y, 18, size * 1.6, t.flag or "", bold, size)
        y -= size * 2.05
    y -= 6
    c.setFont(bold, 7.5)
    c.drawString(26, y, "Outcome")
    c.setFont(font, 7.2)
    ticked = rng.choice([0, 0, 1])
    for k, label in enumerate(["Fit", "Fit with adjustments", "Unfit - review"]):
        x = 70 + k * 95
        _box(c, x, y, 8, 9, "X" if k == ticked else "", bold, 7)
        c.setFont(font, 7.2)
        c.drawString(x + 12, y, label)
    c.setFont(font, 6.2)
    c.drawString(26, 28, "Confidential occupational health record. OH adviser: S. Marchetti RN (SCPHN-OH).")
    return _done(c, buf)


def request_form_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A pathology request form: a tick box per test, results typed beside the ticked ones only."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [7.5, 8.0])
    c.setFillColorRGB(0.55, 0.1, 0.15)
    c.rect(0, height - 44, width, 44, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 11)
    c.drawString(24, height - 24, "PATHOLOGY REQUEST & RESULT FORM")
    c.setFont(font, 7)
    c.drawString(24, height - 36, rng.choice(["Riverbend Clinic laboratory copy", "Westlake Medical Centre - lab copy"]))
    c.setFillGray(0)
    c.setFont(font, 7.5)
    y = height - 58
    for line in [f"Patient: {person.name}   DOB: {person.dob}", f"Chart no.: {person.mrn}   Phone: {person.phone}",
                 "Requested 03/04/2024 by Dr. P. Oyelaran   Fasting: Y   Tick the tests required"]:
        c.drawString(24, y, line)
        y -= 10
    y -= 6
    rows = [(t, True) for t in truth] + [(name, False) for name in rng.sample(UNTICKED, rng.randint(3, 5))]
    rng.shuffle(rows)
    c.setFont(bold, 6.8)
    for x, head in zip((24, 40, 100, 150, 214, 280), ["", "Test", "Result", "Units", "Ref. range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(24, y - 3, width - 24, y - 3)
    y -= size * 1.9
    for item, ticked in rows:
        c.setStrokeGray(0.3)
        c.rect(25, y - 1, 7, 7, stroke=1, fill=0)
        c.setStrokeGray(0)
        c.setFont(font, size)
        if ticked:
            c.setFont(bold, 7)
            c.drawString(26, y, "X")
            c.setFont(font, size)
            c.drawString(40, y, item.printed_name)
            for x, cell in zip((100, 150, 214, 280), (item.value_text, item.unit or "", _rng_range(item), item.flag or ""),
                               strict=True):
                c.drawString(x, y, cell)
        else:
            c.drawString(40, y, item)
            c.setStrokeGray(0.7)
            c.line(100, y - 1, 140, y - 1)
            c.setStrokeGray(0)
        y -= size * 1.9
    c.setFont(font, 6.2)
    c.drawString(24, 28, "Unticked tests were not requested. Results typed by the laboratory; flags H high, L low, A abnormal.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def pill_values_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns whose every value sits in a rounded coloured pill, the unit after it."""
    inside = {id(t): not t.flag for t in truth}
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    y = _masthead(c, 36, height - 40, rng.choice(UK_LABS + LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:05   Authorised 12/03/2024 15:30"], font, bold)
    col = (width - 72 - 24) / 2
    top = y - 18
    split = (len(truth) + 1) // 2
    c.line(36 + col + 12, 70, 36 + col + 12, top + 10)
    for k, rows in enumerate((truth[:split], truth[split:])):
        x = 36 + k * (col + 24)
        c.setFont(bold, size)
        for dx, head in zip((0, 100, 152, 216), ["Test", "Result", "Units", "Range"], strict=True):
            c.drawString(x + dx, top, head)
        c.line(x, top - 4, x + col, top - 4)
        yy = top - size * 2.3
        for t in rows:
            c.setFont(font, size)
            c.drawString(x, yy, t.printed_name)
            w = c.stringWidth(t.value_text, bold, size) + 10
            c.setFillColorRGB(*((0.82, 0.94, 0.84) if inside[id(t)] else (0.98, 0.8, 0.78)))
            c.setStrokeColorRGB(*((0.3, 0.6, 0.35) if inside[id(t)] else (0.75, 0.2, 0.15)))
            c.roundRect(x + 96, yy - 3.5, w, size + 5, (size + 5) / 2, stroke=1, fill=1)
            c.setFillGray(0)
            c.setStrokeGray(0)
            c.setFont(bold, size)
            c.drawString(x + 101, yy, t.value_text)
            c.setFont(font, size)
            c.drawString(x + 152, yy, t.unit or "")
            c.drawString(x + 216, yy, _rng_range(t, "{low} - {high}"))
            yy -= size * 2.3
    c.setFont(font, 7)
    c.drawString(36, 48, "Green: within the reference range. Red: outside it - your doctor will advise.")
    return _done(c, buf)


def range_below_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A two-column grid of name / value pairs, the range on a small grey line under each."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.5, 9.0])
    y = _masthead(c, 40, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Specimen received 12/03/2024 10:40   Report date 12/03/2024"], font, bold)
    col = (width - 80 - 30) / 2
    top = y - 20
    for k in range(len(truth)):
        t = truth[k]
        x = 40 + (k % 2) * (col + 30)
        yy = top - (k // 2) * size * 3.6
        c.setFont(bold, size)
        c.drawString(x, yy, t.printed_name)
        c.setFont(font, size)
        c.drawRightString(x + col, yy, " ".join(part for part in (t.value_text, t.unit or "") if part))
        c.setFillGray(0.45)
        c.setFont(font, size - 1.5)
        c.drawString(x + 8, yy - size * 1.25, f"Reference: {_rng_range(t, '{low} - {high}')}")
        c.setFillGray(0)
        c.setStrokeGray(0.85)
        c.line(x, yy - size * 1.9, x + col, yy - size * 1.9)
        c.setStrokeGray(0)
    c.setFont(font, 7)
    c.drawString(40, 40, "Reference ranges apply to adults. Results read across, left to right.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _item(t: Truth) -> str:
    """One result of a message's sentence: "Potassium 5.9 mmol/L (normal 3.5 to 5.1, flagged High)"."""
    value = " ".join(part for part in (t.value_text, t.unit or "") if part)
    flagged = f", flagged {t.flag}" if t.flag else ""
    return f"{t.printed_name} {value} (normal {_words(t)}{flagged})"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + "; and " + items[-1]


def message_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A clinician's secure message with several results a sentence, among other numbers."""
    _flags(truth, region, "word")
    doctor = rng.choice(["Dr. Renata Solberg", "Dr. Amit Chaudhry", "Dr. Fiona Gallagher"])
    out = ["From: " + doctor, f"To: {person.name}", "Sent: 03/13/2024 4:47 PM",
           "Subject: Your recent lab results", "",
           f"Patient: {person.name}   DOB: {person.dob}   MRN: {person.mrn}", "",
           f"Hi {person.name.split()[0]},", "", "Your blood tests from 03/12/2024 are back.", ""]
    normal = [t for t in truth if not t.flag]
    openers = ["Most of your results are in the normal range: ", "Also normal: ", "These were normal too: ",
               "And normal as well: ", "Normal too: "]
    while normal:
        take = rng.randint(3, 4)
        out.append(openers[0] + _listed([_item(t) for t in normal[:take]]) + ".")
        openers = openers[1:] or ["Normal too: "]
        normal = normal[take:]
    flagged = [t for t in truth if t.flag]
    out.append("A few results are outside the normal range: " + _listed([_item(t) for t in flagged]) + "." if flagged
               else "Nothing was outside the normal range.")
    out += ["", f"Your blood pressure at the visit was {rng.randint(118, 142)}/{rng.randint(72, 90)}.",
            "I'd like to see you again on 04/02/2024 at 9:30 AM to go over these.",
            "If you have questions, call the clinic at 555-0142 or reply to this message.", "",
            doctor, "Internal Medicine"]
    return "\n".join(out).encode() + b"\n"


def expanded_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A database's expanded display: one `field | value` line per column, a record per result."""
    _letters(truth, region)
    accession = f"A{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    out = [f"results for mrn {person.mrn} ({person.name}, dob {person.dob})", ""]
    fields = ["accession", "collected", "test_name", "result", "units", "ref_range", "abn_flag"]
    wide = max(len(f) for f in fields) + 1
    for k, t in enumerate(truth, 1):
        mark = f"-[ RECORD {k} ]"
        out.append(mark + "-" * max(1, wide - len(mark)) + "+" + "-" * 24)
        values = [accession, f"2024-03-12 {rng.randint(7, 9):02d}:{rng.randint(0, 59):02d}:00", t.printed_name,
                  t.value_text, t.unit or "", _rng_range(t), t.flag or ""]
        for name, value in zip(fields, values, strict=True):
            out.append(f"{name:<{wide}}| {value}".rstrip())
    out += ["", f"({len(truth)} rows)"]
    return "\n".join(out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def cracked_lens_photo(page, rng: random.Random) -> bytes:
    """A photo through a cracked camera-lens cover: thin bright cracks from near a corner, a haze round them."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(140, 120, 96), (205, 200, 190), (70, 74, 80)], 3.0, 0.01)
    h, w = shot.shape[:2]
    cx, cy = rng.choice([(0.1, 0.1), (0.9, 0.1), (0.1, 0.9), (0.9, 0.9)])
    cx, cy = (cx + rng.uniform(-0.04, 0.04)) * w, (cy + rng.uniform(-0.04, 0.04)) * h
    marks, glints = Image.new("L", (w, h), 0), Image.new("L", (w, h), 0)
    draw, shine = ImageDraw.Draw(marks), ImageDraw.Draw(glints)
    line, off = max(1, w // 900), max(2, w // 700)
    for _ in range(rng.randint(5, 8)):
        angle, x, y = rng.uniform(0, 2 * math.pi), cx, cy
        for _ in range(rng.randint(6, 14)):
            angle += rng.uniform(-0.35, 0.35)
            step = w * rng.uniform(0.02, 0.05)
            nx, ny = x + step * math.cos(angle), y + step * math.sin(angle)
            draw.line([(x, y), (nx, ny)], fill=255, width=line)  # the crack's dark edge
            shine.line([(x + off, y + off), (nx + off, ny + off)], fill=255, width=line)  # and its bright refraction
            x, y = nx, ny
    dark = np.asarray(marks.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32)[..., None] / 255
    bright = np.asarray(glints.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32)[..., None] / 255
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    haze = np.exp(-(((xx - cx) ** 2 + (yy - cy) ** 2) / (0.12 * w) ** 2))[..., None]
    pixels = shot * (1 - 0.5 * dark) + 90 * bright * (1 - dark)
    pixels = pixels * (1 - 0.35 * haze) + 235 * 0.35 * haze
    pixels = _grain(pixels, rng, np_rng, (2, 4))
    return _jpeg(_image(pixels), rng.randint(80, 92))


def zoomed_photo(page, rng: random.Random) -> bytes:
    """A digitally zoomed photo (captured small, upscaled, over-sharpened) with an orange date stamp."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    np_rng = _noise(rng)
    shot = _image(_grain(_on_surface(page, rng, (1.06, 1.06), [(118, 96, 70), (186, 182, 170)], 2.5, 0.01), rng, np_rng,
                         (1.5, 3)))
    small = shot.resize((int(shot.width * 0.58), int(shot.height * 0.58)), Image.Resampling.BOX)
    shot = small.resize(shot.size, Image.Resampling.BICUBIC).filter(ImageFilter.UnsharpMask(3, 140, 2))
    draw = ImageDraw.Draw(shot)
    font = ImageFont.truetype(FONT_BOLD, max(18, shot.width // 45))
    stamp = f"'24 3 {rng.randint(12, 15)}  {rng.randint(7, 20):02d}:{rng.randint(0, 59):02d}"
    box = draw.textbbox((0, 0), stamp, font=font)
    draw.text((shot.width - (box[2] - box[0]) - shot.width * 0.03, shot.height - (box[3] - box[1]) - shot.height * 0.012),
              stamp, font=font, fill=(255, 140, 30))
    return _jpeg(shot, rng.randint(82, 92))


def cold_led_photo(page, rng: random.Random) -> bytes:
    """A photo under cold LED light: a strong blue cast and blotchy colour noise."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(150, 150, 150), (96, 100, 108), (190, 176, 150)], 3.0, 0.012)
    h, w = shot.shape[:2]
    cast = np.array((rng.uniform(0.74, 0.82), rng.uniform(0.88, 0.94), 1.0), dtype=np.float32)
    pixels = shot * cast + np.array((0, 4, 18), dtype=np.float32)
    blotch = np_rng.normal(0, 6, (h // 40 + 1, w // 40 + 1, 3)).astype(np.float32)
    blotch = Image.fromarray(np.clip(blotch + 128, 0, 255).astype(np.uint8)).resize((w, h), Image.Resampling.BILINEAR)
    blotch = np.asarray(blotch.filter(ImageFilter.GaussianBlur(w / 120)), dtype=np.float32) - 128
    pixels = pixels + blotch - blotch.mean(axis=2, keepdims=True)  # chroma only, not brightness
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pixels = pixels * (1 - 0.18 * (((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2))[..., None]
    pixels = _grain(pixels, rng, np_rng, (3, 5))
    return _jpeg(_image(pixels), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def microfiche_scan(page, rng: random.Random) -> bytes:
    """A microfiche reader-printer copy: a negative (light text on dark grey), a vignette, the frame's edge."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    grey = np.asarray(page.convert("L").filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32)
    h, w = grey.shape
    ground, ink = rng.uniform(34, 52), rng.uniform(210, 232)
    pixels = ground + (255 - grey) / 255 * (ink - ground)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pixels = pixels * (1 - 0.22 * ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2) + 8 * np.exp(-((xx / w - 0.5) ** 2) / 0.05)
    edge = int(min(h, w) * 0.012)
    pixels[:edge], pixels[-edge:], pixels[:, :edge], pixels[:, -edge:] = 12, 12, 12, 12
    pixels = pixels + np_rng.normal(0, 4.0, pixels.shape)
    return _jpeg(_image(np.repeat(pixels[..., None], 3, axis=2)).convert("L"), rng.randint(78, 88))


def released_scan(page, rng: random.Random) -> bytes:
    """A health-records release copy in 1-bit black and white: a RELEASED stamp and a Bates number."""
    import io

    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    np_rng = _noise(rng)
    sheet = page.convert("L")
    w, h = sheet.size
    draw = ImageDraw.Draw(sheet)
    small = ImageFont.truetype(FONT_BOLD, max(14, w // 75))
    text = f"RELEASED - HEALTH INFORMATION MANAGEMENT - 03/{rng.randint(14, 28)}/2024"
    box = draw.textbbox((0, 0), text, font=small)
    x0, y0 = w - (box[2] - box[0]) - w * 0.06, h * 0.008
    draw.rectangle((x0 - 8, y0 - 4, x0 + box[2] - box[0] + 8, y0 + box[3] - box[1] + 10), outline=0, width=3)
    draw.text((x0, y0), text, font=small, fill=0)
    bates = f"HIM{rng.randint(1000, 99999):07d}"
    draw.text((w * 0.78, h - h * 0.022), bates, font=ImageFont.truetype(FONT, max(14, w // 80)), fill=0)
    pixels = np.asarray(sheet, dtype=np.float32) + np_rng.normal(0, 14, (h, w))
    out = io.BytesIO()
    Image.fromarray(np.where(pixels > rng.uniform(150, 175), 255, 0).astype(np.uint8)).convert("1").save(out, format="PNG")
    return out.getvalue()


def fit_to_page_scan(page, rng: random.Random) -> bytes:
    """A page printed "fit to page" at about 70 % (wide margins) with the printer's footer, scanned in grey."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = page.size
    share = rng.uniform(0.68, 0.74)
    small = page.resize((int(w * share), int(h * share)), Image.Resampling.LANCZOS)
    sheet = Image.new("RGB", (w, h), (255, 255, 255))
    sheet.paste(small, ((w - small.width) // 2, int(h * 0.06)))
    draw = ImageDraw.Draw(sheet)
    draw.rectangle(((w - small.width) // 2, int(h * 0.06), (w + small.width) // 2, int(h * 0.06) + small.height),
                   outline=(150, 150, 150), width=2)
    font = ImageFont.truetype(FONT, max(12, w // 95))
    draw.text((w * 0.15, h * 0.06 + small.height + h * 0.02),
              f"Printed 03/14/2024 10:{rng.randint(10, 59)}  -  Fit to page (scaled to {round(share * 100)}%)  -  Page 1 of 1",
              font=font, fill=(60, 60, 60))
    return _grey_scan(sheet, rng, rng.randint(80, 90))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"preliminary": preliminary_pdf, "flowsheet": flowsheet_pdf}
UK_PAGES = {"wide-listing": wide_listing_pdf, "read-codes": read_codes_pdf}
SLIPS = {"occupational-health": occ_health_pdf, "request-form": request_form_pdf}
TWO = {"pill-values": pill_values_pdf, "range-below": range_below_pdf}
PORTAL = {"message": message_text, "expanded": expanded_text}
PHOTOS = {"cracked-lens": cracked_lens_photo, "zoomed": zoomed_photo, "cold-led": cold_led_photo}
SCANS = {"microfiche": microfiche_scan, "released": released_scan, "fit-to-page": fit_to_page_scan}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str, portrait: bool = False) -> bytes:
    """A one-page print of one of fresh17's designs (its region's) to photograph or scan; a scan's
    sheet is portrait, so it gets no landscape listing."""
    if region == "uk":
        pages = {"read-codes": read_codes_pdf} if portrait else UK_PAGES
        return pages[rng.choice(sorted(pages))](rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page,
                  scanned_page=lambda rng, person, truth, region: _printed_page(rng, person, truth, region, portrait=True))


def fresh17_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh17 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
