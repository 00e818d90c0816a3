"""fresh16: the sixteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh16-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh15's):

- a unit printed belongs to the result, wherever it stands (its own column, a cell of its own line
  in a PDF viewer's copy, a "Units:" field of a text download); a unit printed in lower case
  ("mmol/l") is the truth in lower case, and so is a test name printed in lower case;
- a range in words is the bound it names ("below 200" is <200, "above 60" is >60, "3.5 to 5.1");
  a qualitative test's expected word ("Negative", "negative") is its range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column, the
  leftmost one included, or after the value. UK reports and the two-column pages print none;
- each result is one truth even where it is printed twice: the "Results outside the reference
  interval" box repeats the flagged rows of the full table exactly (same value, unit, range and
  flag), so reading either copy is reading it right;
- comments and marks are not results: a GP journal's other entries (blood pressure, weight,
  medicines with doses, consultation notes, their dates and times), a postcard's postage box,
  return address and permit number, a clinic note's text and an analyser label's serial and lot
  numbers, a pharmacy leaflet's advice, a "continued on page 2" arrow and a notes box, a QR code,
  practice and lab numbers and signatories' names, a PDF viewer's page lines, a text download's
  collection times, specimens and performing locations, an envelope over a page's bottom margin,
  a camera app's frame, buttons and status bar, a plastic pocket's punched strip, foxing spots and
  fold creases.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a boxed "Results outside the reference interval" summary of the flagged rows before
  the full table (the box reads "None" when nothing is flagged); a Meditech-like table whose flag
  column is the LEFTMOST (flag, then test, result, units, reference); a table whose reference
  interval comes BEFORE the result ("Test | Reference Interval | Result | Flag | Units");
- uk-fixed: an Irish-hospital-like print all in lower case (labels, test names, units "mmol/l",
  "negative"; the patient's name as written); a GP practice record's journal print (SystmOne /
  EMIS-like: dated and timed entries, the results as "Test result" entries among blood pressure,
  weight, medication and consultation entries, older entries below);
- clinic-slip: an A5 community-pharmacy health-check leaflet with, per test, a dotted "Your
  result ....." line and a dotted "Healthy range ....." line in words ("below 200", "3.5 to 5.1");
  a mailed screening-results postcard (message side left, a postage-paid box, return address and
  the patient's mailing address right); a clinic note with two point-of-care analyser labels stuck
  on it, a little crooked (rounded corners, a soft shadow, serial and lot numbers);
- two-column: two result columns with a vertical rule whose second column continues on page 2
  ("continued on page 2"), page 2's left column a notes box; a South-African-private-pathology-like
  page (practice and lab numbers, a QR code to verify the report, two signatories) with the results
  in two ruled columns;
- portal-text: a copy from a PDF viewer with every cell on its own line (header cells too, empty
  cells left out, the viewer's "Page 1 of 2" line and the repeated header between pages); a
  Blue-Button-like personal health record text download (===== section rules, "Lab Test:" then
  "Result: 140   Units: mmol/L   Reference Range: 136-145   Interpretation: H" on one line);
- phone-photo: a page on a table with its opened envelope lying across the bottom margin; a photo
  through a greasy, smudged lens (a soft haze and bloom over part of the page, lower contrast); a
  screenshot of a camera app's document mode (the live view with the detected page tinted and its
  corners bracketed, a shutter button, mode names and a status bar; PNG);
- scanned-pdf: a page scanned inside a clear punched plastic pocket (haze, the pocket's punched
  strip down the left edge, a glint along its opening); an aged, yellowed page with brown foxing
  spots, the ink faded brownish; a letter that was folded in three for the post, scanned flat (two
  crease lines across the page, the panels a little shifted and differently shaded).
"""

from __future__ import annotations

import math
import random

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh5 import _face
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _array, _done, _image, _masthead, _on_surface, _start
from .fresh10 import _grey_scan
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, MONO, _page, _patient_lines, _rng_range

LABS = ["Prairie Lantern Clinical Laboratories", "Ironbridge Diagnostic Services", "Juniper Flats Medical Laboratory"]
IRISH = ["st. colmcille's university hospital - laboratory medicine", "ospideal na mara - clinical biochemistry",
         "midlands regional hospital, ballinmore - pathology"]
PRACTICES = ["Harrowgate Lane Surgery", "The Willows Medical Practice", "Castle Mead Health Centre"]
PHARMACIES = ["Brookside Pharmacy", "Hollins & Reid Chemists", "Parkway Community Pharmacy"]
SA_LABS = [("Protea Pathology Laboratories (Pty) Ltd", "5200296"), ("Karoo Clinical Pathology Inc.", "5211873")]


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _none(truth: list[Truth]) -> None:
    for t in truth:
        t.flag = None


def _words(t: Truth) -> str:
    """The range in words: "3.5 to 5.1", "below 200", "above 60", or the expected word."""
    return _rng_range(t, "{low} to {high}", "above {low}", "below {high}")


# ---- us-table ------------------------------------------------------------------------------------
US_HEADS = ["Test", "Result", "Flag", "Units", "Reference Interval"]


def _us_row(t: Truth) -> list[str]:
    return [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")]


def summary_box_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A boxed "Results outside the reference interval" summary of the flagged rows, then the full table."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.0, 8.5])
    y = _masthead(c, 40, height - 42, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collected 03/12/2024 07:55   Reported 03/12/2024 14:20   Ordering: Dr. M. Achebe"], font, bold)
    xs = [52, 222, 276, 304, 390]
    flagged = [t for t in truth if t.flag]
    top = y - 8
    rows = max(1, len(flagged))
    box_h = 30 + rows * size * 1.75
    c.setFillColorRGB(1.0, 0.95, 0.9)
    c.setStrokeColorRGB(0.7, 0.25, 0.15)
    c.setLineWidth(1.2)
    c.rect(40, top - box_h, width - 80, box_h, stroke=1, fill=1)
    c.setFillGray(0)
    c.setFont(bold, size + 1)
    c.drawString(52, top - 14, "RESULTS OUTSIDE THE REFERENCE INTERVAL")
    yy = top - 14 - size * 1.9
    c.setFont(font, size)
    if not flagged:
        c.drawString(52, yy, "None - all results are within their reference intervals.")
    for t in flagged:
        for x, cell in zip(xs, _us_row(t), strict=True):
            c.drawString(x, yy, cell)
        yy -= size * 1.75
    c.setStrokeGray(0)
    c.setLineWidth(0.6)
    y = top - box_h - 22
    c.setFont(bold, size + 1)
    c.drawString(40, y, "ALL RESULTS")
    y -= size * 2
    c.setFont(bold, size)
    for x, head in zip(xs, US_HEADS, strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, _us_row(t), strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    c.setFont(font, 7)
    c.drawString(40, 36, "Results outside their interval are listed twice: in the box above and in the full table.   Page 1 of 1")
    return _done(c, buf)


def flag_first_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Meditech-like table whose flag column is the leftmost: Flag | Test | Result | Units | Reference."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [8.5, 9.0])
    y = _masthead(c, 40, height - 42, rng.choice(LABS) + "  -  LAB RESULTS", _patient_lines(person, region)
                  + ["Acct: V0041882   Loc: MED-3W   Collected 03/12/2024 06:10   Received 03/12/2024 06:48"], font, bold)
    y -= 12
    xs = [40, 70, 230, 292, 380]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Flag", "Test", "Result", "Units", "Reference"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    for t in truth:
        if t.flag:
            c.setFont(bold, size)
            c.drawString(xs[0] + 4, y, t.flag)
        c.setFont(font, size)
        for x, cell in zip(xs[1:], [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low}-{high}")], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 7)
    c.drawString(40, 36, "Flag: H high, L low, HH / LL critical, A abnormal; shown before the test.   Page 1 of 1")
    return _done(c, buf)


def range_first_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table whose reference interval comes before the result: Test | Reference Interval | Result | Flag | Units."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_NARROW, [8.5, 9.0])
    y = _masthead(c, 40, height - 42, rng.choice(LABS), _patient_lines(person, region)
                  + ["Specimen collected 03/12/2024 08:20   Final report 03/12/2024 16:05"], font, bold)
    y -= 12
    xs = [40, 210, 320, 372, 400]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Reference Interval", "Result", "Flag", "Units"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        cells = [t.printed_name, _rng_range(t, "{low} - {high}"), t.value_text, t.flag or "", t.unit or ""]
        for x, cell in zip(xs, cells, strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 7)
    c.drawString(40, 36, "The reference interval is printed before your result.   Page 1 of 1")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def _mono(rng: random.Random):
    font, bold = (_face(name) for name in rng.choice(MONO))
    return font, bold, rng.choice([8.0, 8.5])


def lower_case_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An Irish-hospital-like fixed-width print all in lower case: labels, test names, units, words."""
    _none(truth)
    for t in truth:
        t.printed_name = t.printed_name.lower()
        t.unit = t.unit.lower() if t.unit else None
        if t.range_text:
            t.range_text = t.range_text.lower()
            t.value_text = t.value_text.lower()
    width, height = A4
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    c.setFont(bold, 9.5)
    c.drawString(40, height - 42, rng.choice(IRISH))
    c.setFont(font, size)
    y = height - 62
    for line in [f"patient   : {person.name:<26} d.o.b.   : {person.dob}", f"mrn       : {person.mrn:<26} tel      : {person.phone}",
                 f"address   : {person.address}", "specimen  : 24b0312-0871   collected 12/03/2024 08:40   received 12/03/2024 10:15",
                 "requested : dr. a. o'sullivan, medical 2", ""]:
        c.drawString(40, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(40, y, f"{'test':<26}{'result':>9}   {'units':<15}reference range")
    y -= size * 0.6
    c.line(40, y, width - 40, y)
    y -= size * 1.5
    c.setFont(font, size)
    for t in truth:
        c.drawString(40, y, f"{t.printed_name:<26}{t.value_text:>9}   {t.unit or '':<15}{_rng_range(t, '{low} - {high}', '> {low}', '< {high}')}")
        y -= size * 1.5
    y -= size
    c.drawString(40, y, "validated by: m. ni bhriain, senior medical scientist")
    y -= size * 1.5
    c.drawString(40, y, "*** end of report ***")
    return _done(c, buf)


JOURNAL_OTHER = [
    ("08:52", "Blood pressure", "134/86 mmHg"), ("08:52", "O/E - weight", "81.4 kg"), ("08:52", "Pulse rate", "72 /min"),
    ("08:50", "Medication", "Amlodipine 5mg tablets - one daily (28)"), ("08:50", "Medication", "Atorvastatin 20mg tablets - one at night (28)"),
]
JOURNAL_OLD = [
    ("14-Nov-2023", "10:20", "Consultation", "Dr P. Adeyemi - annual review, bloods in 4 months"),
    ("14-Nov-2023", "10:20", "Blood pressure", "141/88 mmHg"),
    ("02-Aug-2023", "16:05", "Telephone encounter", "Repeat prescription requested - 2 items"),
]


def journal_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A GP practice record's journal print: dated, timed entries, the results among other entries."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    practice = rng.choice(PRACTICES)
    c.setFont(bold, 9.5)
    c.drawString(36, height - 40, f"{practice} - Patient Record Journal (print)")
    c.setFont(font, size)
    y = height - 58
    for line in [f"Name: {person.name}   DOB: {person.dob}   Practice No: {person.mrn}",
                 f"Address: {person.address}   Tel: {person.phone}", "Filter: all entries, newest first   Printed 15-Mar-2024 11:02",
                 ""]:
        c.drawString(36, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(36, y, f"{'Date':<12}{'Time':<7}{'Entry':<21}Details")
    y -= size * 0.6
    c.line(36, y, width - 36, y)
    y -= size * 1.5
    entries = [("12-Mar-2024", "15:31", "Consultation", "Results reviewed by Dr P. Adeyemi - file, routine")]
    for t in truth:
        detail = f"{t.printed_name:<24}{t.value_text:>8} {t.unit or '':<14}{_rng_range(t, '{low} - {high}')}"
        entries.append(("12-Mar-2024", "14:47", "Test result", detail))
    entries += [("12-Mar-2024", clock, label, text)
                for clock, label, text in sorted(rng.sample(JOURNAL_OTHER, 3), key=lambda entry: entry[0], reverse=True)]
    entries += JOURNAL_OLD
    for day, clock, label, detail in entries:
        c.setFont(font, size)
        c.drawString(36, y, f"{day:<12}{clock:<7}{label:<21}{detail}")
        y -= size * 1.45
    y -= size
    c.drawString(36, y, "-- end of journal print --")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def _dotted(c, x0: float, x1: float, y: float, label: str, value: str, font: str, bold: str, size: float) -> None:
    c.setFont(font, size)
    c.drawString(x0, y, label)
    start = x0 + c.stringWidth(label, font, size) + 3
    end = x1 - c.stringWidth(value, bold, size) - 3
    dots = int(max(0, end - start) / c.stringWidth(". ", font, size))
    c.setFillGray(0.45)
    c.drawString(start, y, ". " * dots)
    c.setFillGray(0)
    c.setFont(bold, size)
    c.drawRightString(x1, y, value)


def pharmacy_leaflet_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An A5 pharmacy health-check leaflet: per test a dotted "Your result" line and "Healthy range" line."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    colour = rng.choice([(0.0, 0.45, 0.4), (0.15, 0.3, 0.6), (0.45, 0.2, 0.5)])
    c.setFillColorRGB(*colour)
    c.rect(0, height - 56, width, 56, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 14)
    c.drawString(28, height - 30, "Your Health Check Results")
    c.setFont(font, 8)
    c.drawString(28, height - 44, f"{rng.choice(PHARMACIES)} - free health screening by your pharmacist")
    c.setFillGray(0)
    c.setFont(font, 8)
    y = height - 72
    for line in [f"Name: {person.name}     Date of birth: {person.dob}", f"Customer ref: {person.mrn}     Phone: {person.phone}",
                 "Checked on 04/03/2024 (fingerprick sample)"]:
        c.drawString(28, y, line)
        y -= 11
    y -= 8
    x1 = width - 28
    for t in truth:
        c.setFont(bold, size + 1)
        c.setFillColorRGB(*colour)
        c.drawString(28, y, t.printed_name)
        c.setFillGray(0)
        y -= size * 1.6
        value = " ".join(part for part in (t.value_text, t.unit or "", t.flag or "") if part)
        _dotted(c, 40, x1, y, "Your result", value, font, bold, size)
        y -= size * 1.45
        _dotted(c, 40, x1, y, "Healthy range", _words(t), font, font, size)
        y -= size * 2.1
    c.setFont(font, 6.8)
    c.drawString(28, 30, "H / L: above / below the healthy range. Speak to your GP about any result marked H or L.")
    c.drawString(28, 21, "Tips: walk 30 minutes a day, eat 5 portions of fruit and veg, keep to 14 units of alcohol a week or fewer.")
    return _done(c, buf)


def postcard_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A mailed screening-results postcard: the message side left, the address side right."""
    _letters(truth, region)
    width, height = 6 * 72, 4.25 * 72
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [6.3, 6.5])
    half = width * 0.56
    c.setStrokeGray(0.55)
    c.line(half, 16, half, height - 16)
    c.setStrokeGray(0)
    c.setFont(bold, 9)
    c.drawString(12, height - 20, rng.choice(["County Heart & Sugar Screening", "Mobile Health Van Screening"]))
    c.setFont(font, 6.2)
    yy = height - 31
    for line in [f"For: {person.name}   DOB: {person.dob}", f"Screening ID: {person.mrn}   Screened 02/20/2024"]:
        c.drawString(12, yy, line)
        yy -= 8
    yy -= 4
    xs = [12, 62, 88, 138, 212]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Units", "Normal", "Flag"], strict=True):
        c.drawString(x, yy, head)
    c.line(12, yy - 2, half - 8, yy - 2)
    yy -= size * 1.8
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, yy, cell)
        yy -= size * 1.75
    c.setFont(font, 5.4)
    c.drawString(12, 18, "Take this card to your next doctor's visit.")
    # the address side
    c.rect(width - 62, height - 60, 48, 44, stroke=1, fill=0)
    c.setFont(bold, 5.2)
    for k, line in enumerate(["PRSRT STD", "U.S. POSTAGE", "PAID", f"PERMIT NO. {rng.randint(100, 999)}"]):
        c.drawCentredString(width - 38, height - 26 - k * 7, line)
    c.setFont(font, 5.6)
    for k, line in enumerate(["Return service requested", "PO Box 4410", "Springvale, OH 45201"]):
        c.drawString(half + 10, height - 24 - k * 7, line)
    c.setFont(font, 7.5)
    street, *rest = person.address.split(", ")
    for k, line in enumerate([person.name.upper(), street.upper(), ", ".join(rest).upper()]):
        c.drawString(half + 28, height * 0.45 - k * 10, line)
    c.setFont(font, 5.5)
    c.drawString(half + 28, height * 0.45 - 38, f"Tel {person.phone}")
    return _done(c, buf)


def analyser_labels_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A clinic note with two point-of-care analyser labels stuck on it, a little crooked."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [6.8, 7.0])
    c.setFont(bold, 10)
    c.drawString(28, height - 34, rng.choice(["Riverside Family Medicine - Clinic Note", "Oak Hollow Health Center - Visit Note"]))
    c.setFont(font, 7.5)
    y = height - 50
    for line in [f"Patient: {person.name}   DOB: {person.dob}   MRN: {person.mrn}", f"Phone: {person.phone}",
                 "Visit: 03/05/2024   Provider: L. Okonkwo, NP", "",
                 "S: Here for diabetes and cholesterol follow-up. Feels well.",
                 "O: Fingerstick tests run in clinic today; analyzer labels attached below.",
                 "A/P: Continue current plan. Diet handout given. Recheck at next visit.", ""]:
        c.drawString(28, y, line)
        y -= 10.5
    half = (len(truth) + 1) // 2
    label_w, label_h = width - 80, 20 + half * size * 1.75 + 14
    top = y - 6
    for k, rows in enumerate((truth[:half], truth[half:])):
        device = ["LipidCheck Pro", "A1c Now Dx"][k] if rng.random() < 0.5 else ["Cholestron 300", "ChemStrip POC"][k]
        c.saveState()
        c.translate(40 + k * 6, top - label_h)
        c.rotate(rng.uniform(-1.6, 1.6))
        c.setFillGray(0.82)
        c.roundRect(2.5, -2.5, label_w, label_h, 6, stroke=0, fill=1)  # the label's soft shadow
        c.setFillColorRGB(0.99, 0.98, 0.94)
        c.setStrokeGray(0.6)
        c.roundRect(0, 0, label_w, label_h, 6, stroke=1, fill=1)
        c.setFillGray(0)
        c.setFont(bold, size + 0.5)
        c.drawString(8, label_h - 12, f"{device}   SN {rng.randint(10000, 99999)}   LOT {rng.randint(1000, 9999)}")
        yy = label_h - 12 - size * 1.8
        c.setFont(font, size)
        for t in rows:
            for x, cell in zip((8, 74, 108, 156, 214), [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""],
                               strict=True):
                c.drawString(x, yy, cell)
            yy -= size * 1.75
        c.restoreState()
        top -= label_h + 18
    c.setFont(font, 6)
    c.drawString(28, 24, "Signed electronically by L. Okonkwo, NP")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _uk_heads(c, x: float, y: float, bold: str, size: float, right: float) -> float:
    c.setFont(bold, size)
    for dx, head in zip((0, 92, 122, 192), ["Test", "Result", "Units", "Ref. range"], strict=True):
        c.drawString(x + dx, y, head)
    c.line(x, y - 4, right, y - 4)
    return y - size * 2


def _uk_rows(c, x: float, y: float, rows: list[Truth], font: str, size: float) -> float:
    c.setFont(font, size)
    for t in rows:
        for dx, cell in zip((0, 92, 122, 192), [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")],
                            strict=True):
            c.drawString(x + dx, y, cell)
        y -= size * 2.0
    return y


def continued_columns_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns with a vertical rule; the second column continues on page 2."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.0, 8.5])
    col = (width - 72 - 24) / 2
    place = rng.choice(["Kinross Vale Hospital - Blood Sciences", "Harbourside General - Pathology Services"])
    y = _masthead(c, 36, height - 40, place, [f"Patient: {person.name}    DOB: {person.dob}    Hospital No.: {person.mrn}",
                  f"Address: {person.address}    Tel: {person.phone}", "Sample date 12/03/2024   Page 1 of 2"], font, bold)
    c.setFillGray(0.94)
    c.rect(36, y - 60, width - 72, 52, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(font, 7.5)
    for k, line in enumerate(["Clinical details: tired all the time; on ramipril; routine bloods before review.",
                              "Requested by: Dr F. Mackenzie, Ward 12.  Copies to: GP.",
                              "Results are printed in two columns, read down the left column first."]):
        c.drawString(44, y - 22 - k * 11, line)
    top = y - 80
    first, second = 9, 14
    c.line(36 + col + 12, 60, 36 + col + 12, top + 10)
    for k, rows in enumerate((truth[:first], truth[first:second])):
        x = 36 + k * (col + 24)
        yy = _uk_heads(c, x, top, bold, size, x + col)
        yy = _uk_rows(c, x, yy, rows, font, size)
    c.setFont(bold, 7.5)
    c.drawRightString(width - 36, 48, "continued on page 2  >>")
    c.showPage()
    c.setFont(font, 7.5)
    c.drawString(36, height - 40, f"{person.name}   DOB {person.dob}   Hospital No. {person.mrn}   Page 2 of 2")
    top = height - 70
    c.line(36 + col + 12, 60, 36 + col + 12, top + 10)
    c.setStrokeGray(0.5)
    c.rect(36, top - 120, col, 130, stroke=1, fill=0)
    c.setStrokeGray(0)
    c.setFont(bold, 8)
    c.drawString(44, top - 4, "Notes")
    c.setFont(font, 7.2)
    for k, line in enumerate(["Samples received in good condition.", "Reference ranges are for adults.",
                              "Enquiries: laboratory reception,", "extension 4417, 08:00 - 18:00."]):
        c.drawString(44, top - 20 - k * 10, line)
    x = 36 + col + 24
    c.setFont(bold, size)
    c.drawString(x, top + 2, "Results (continued)")
    yy = _uk_heads(c, x, top - size * 2, bold, size, x + col)
    _uk_rows(c, x, yy, truth[second:], font, size)
    c.setFont(font, 7)
    c.drawString(36, 36, "End of report")
    return _done(c, buf)


def _qr(c, text: str, x: float, y: float, size: float) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(text)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def pathology_qr_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A South-African-private-pathology-like page: practice and lab numbers, a QR code, two ruled columns."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [7.8, 8.0])
    lab, practice = rng.choice(SA_LABS)
    lab_no = f"{rng.choice('ABCDJKPR')}{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"
    c.setFont(bold, 12)
    c.drawString(36, height - 40, lab)
    c.setFont(font, 7.5)
    c.drawString(36, height - 52, f"Pathologists' Practice No. {practice}   Tel 021 555 0190   results@example.org")
    _qr(c, f"https://verify.example.org/r/{lab_no}", width - 36 - 58, height - 98, 58)
    c.setFont(font, 6)
    c.drawCentredString(width - 36 - 29, height - 106, "Scan to verify")
    y = height - 72
    c.setFont(font, 8)
    for line in [f"Patient: {person.name}", f"Date of birth: {person.dob}   Folder no.: {person.mrn}",
                 f"Address: {person.address}   Tel: {person.phone}",
                 f"Lab no.: {lab_no}   Collected 12/03/2024 07:40   Requesting doctor: Dr N. Dlamini (Pr. 0459321)"]:
        c.drawString(36, y, line)
        y -= 11
    c.setLineWidth(1.2)
    c.line(36, y, width - 36, y)
    c.setLineWidth(0.5)
    col = (width - 72 - 24) / 2
    top = y - 18
    split = (len(truth) + 1) // 2
    for k, rows in enumerate((truth[:split], truth[split:])):
        x = 36 + k * (col + 24)
        yy = _uk_heads(c, x, top, bold, size, x + col)
        c.setStrokeGray(0.8)
        for t in rows:
            _uk_rows(c, x, yy, [t], font, size)
            c.line(x, yy - 4, x + col, yy - 4)
            yy -= size * 2.0
        c.setStrokeGray(0)
    c.line(36 + col + 12, 120, 36 + col + 12, top + 10)
    c.setFont(font, 7)
    for k, (name, role) in enumerate([("Dr T. van der Merwe", "MBChB, FCPath (SA) Chem - Chemical Pathologist"),
                                      ("Dr R. Pillay", "MBChB, MMed (Haem) - Haematologist")]):
        c.drawString(36 + k * (col + 24), 80, name)
        c.drawString(36 + k * (col + 24), 70, role)
    c.drawCentredString(width / 2, 40, "*** End of report ***")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def viewer_copy_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A copy from a PDF viewer: every cell on its own line, empty cells left out, a page break between."""
    _letters(truth, region)
    lab = rng.choice(LABS)
    out = [lab, "Patient Report", f"Patient: {person.name}", f"DOB: {person.dob}", f"MRN: {person.mrn}",
           f"Phone: {person.phone}", "Collected: 03/12/2024 08:14", "Reported: 03/12/2024 15:02"]
    heads = ["Test", "Result", "Flag", "Units", "Reference Interval"]
    out += heads
    brk = rng.randint(6, 10)
    for k, t in enumerate(truth):
        if k == brk:
            out += ["Page 1 of 2", lab, f"Patient: {person.name}", "Page 2 of 2", *heads]
        out += [cell for cell in _us_row(t) if cell]
    out += ["End of report", "Page 2 of 2"]
    return "\n".join(out).encode() + b"\n"


def blue_button_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Blue-Button-like personal health record text download: ===== sections, one block per test."""
    _letters(truth, region)
    rule, thin = "=" * 78, "-" * 78
    out = [rule, "                 PERSONAL HEALTH RECORD - TEXT DOWNLOAD", rule,
           "Downloaded: 03/14/2024 19:22", "", rule, "DEMOGRAPHICS", rule,
           f"Name: {person.name}", f"Date of Birth: {person.dob}", f"Record ID: {person.mrn}", f"Phone: {person.phone}",
           f"Address: {person.address}", "", rule, "LABS AND TESTS", rule,
           "Source: Chemistry/Hematology results released to the patient", thin]
    clock = rng.randint(7 * 60, 9 * 60)
    for t in truth:
        specimen = "URINE" if "urine" in t.printed_name.lower() else rng.choice(["SERUM", "PLASMA", "BLOOD"])
        out += [f"Lab Test: {t.printed_name}", f"Date/Time Collected: 03/12/2024 {clock // 60:02d}:{clock % 60:02d}",
                f"Specimen: {specimen}",
                f"Result: {t.value_text}   Units: {t.unit or ''}   Reference Range: {_rng_range(t)}   Interpretation: {t.flag or ''}",
                "Performing Location: MAIN CAMPUS LAB", thin]
    out += ["", rule, "END OF REPORT", rule]
    return "\n".join(line.rstrip() for line in out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def envelope_photo(page, rng: random.Random) -> bytes:
    """A page on a table with its opened envelope lying across the bottom margin."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    table = rng.choice([(128, 96, 66), (196, 190, 178), (88, 92, 98)])
    fw, fh = int(pw * 1.16), int(ph * 1.14)
    scene = Image.new("RGB", (fw, fh), table)
    ox, oy = (fw - pw) // 2, int((fh - ph) * 0.35)
    scene.paste(page, (ox, oy))
    edge = oy + int(ph * rng.uniform(0.955, 0.965))  # the envelope's top edge: below every line but the footer
    dx = rng.uniform(-0.012, 0.012) * ph
    envelope = [(ox - pw * 0.08, edge - dx), (ox + pw * 0.95, edge + dx), (ox + pw * 1.02, fh + 10), (ox - pw * 0.1, fh + 10)]
    shadow = Image.new("L", (fw, fh), 0)
    ImageDraw.Draw(shadow).polygon([(x + pw * 0.006, y + ph * 0.004) for x, y in envelope], fill=110)
    shadow = shadow.filter(ImageFilter.GaussianBlur(pw * 0.006))
    pixels = _array(scene) * (1 - np.asarray(shadow, dtype=np.float32)[..., None] / 255 * 0.6)
    cover = Image.new("L", (fw, fh), 0)
    draw = ImageDraw.Draw(cover)
    draw.polygon(envelope, fill=255)
    m = np.asarray(cover, dtype=np.float32)[..., None] / 255
    colour = np.array(rng.choice([(246, 244, 238), (226, 200, 150)]), dtype=np.float32)
    pixels = pixels * (1 - m) + colour * m
    flap = Image.new("L", (fw, fh), 0)  # the opened flap's fold line and a window
    ImageDraw.Draw(flap).line([envelope[0], envelope[1]], fill=255, width=max(2, pw // 400))
    ImageDraw.Draw(flap).rectangle((ox + pw * 0.1, edge + ph * 0.03, ox + pw * 0.45, edge + ph * 0.06), outline=255,
                                   width=max(2, pw // 500))
    pixels = pixels * (1 - 0.18 * np.asarray(flap, dtype=np.float32)[..., None] / 255)
    shot = _on_surface(_image(pixels), rng, (1.02, 1.02), [table], 2.5, 0.012)
    shot = _grain(shot * rng.uniform(0.9, 1.0), rng, np_rng, (2.5, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


def smudged_lens_photo(page, rng: random.Random) -> bytes:
    """A photo through a greasy, smudged lens: a soft haze and bloom over part of the page, less contrast."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _image(_on_surface(page, rng, (1.1, 1.08), [(150, 128, 100), (200, 198, 192), (60, 64, 70)], 3.0, 0.012))
    h, w = shot.height, shot.width
    pixels = _array(shot)
    soft = _array(shot.filter(ImageFilter.GaussianBlur(w * rng.uniform(0.0014, 0.0019))))
    glow = _array(shot.filter(ImageFilter.GaussianBlur(w * 0.02)))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.25, 0.75) * w, rng.uniform(0.25, 0.75) * h
    angle = rng.uniform(0, math.pi)
    u = (xx - cx) * math.cos(angle) + (yy - cy) * math.sin(angle)
    v = -(xx - cx) * math.sin(angle) + (yy - cy) * math.cos(angle)
    smear = np.exp(-((u / (0.42 * w)) ** 2 + (v / (0.16 * w)) ** 2))[..., None]  # a fingerprint-wide greasy streak
    mix = 0.45 * smear
    pixels = pixels * (1 - mix) + soft * mix
    pixels = pixels + (glow - pixels).clip(0, None) * 0.25 * smear + 16 * smear  # light scattered into the dark strokes
    pixels = 128 + (pixels - 128) * rng.uniform(0.86, 0.93)
    pixels = _grain(pixels, rng, np_rng, (2, 4))
    return _jpeg(_image(pixels), rng.randint(80, 92))


def viewfinder_screenshot(page, rng: random.Random) -> bytes:
    """A screenshot of a camera app's document mode: the detected page tinted and its corners bracketed (PNG)."""
    import io

    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    np_rng = _noise(rng)
    frame = (1.12, 1.1)
    live = _on_surface(page, rng, frame, [(120, 100, 80), (170, 168, 160), (75, 80, 90)], 1.5, 0.008)
    live = _grain(live, rng, np_rng, (2, 4))
    h, w = live.shape[:2]
    px0, py0 = (w - page.width) / 2, (h - page.height) / 2
    tint = np.zeros((h, w, 1), dtype=np.float32)
    tint[int(py0):int(py0 + page.height), int(px0):int(px0 + page.width)] = 1
    colour = np.array(rng.choice([(255, 214, 10), (40, 140, 255)]), dtype=np.float32)
    live = live * (1 - 0.12 * tint) + colour * 0.12 * tint
    sw, sh = rng.choice([(1284, 2778), (1440, 3120)])
    photo = _image(live)
    photo = photo.resize((sw, int(photo.height * sw / photo.width)), Image.Resampling.LANCZOS)
    screen = Image.new("RGB", (sw, sh), (0, 0, 0))
    top = int(sw * 0.22)
    screen.paste(photo, (0, top))
    scale = sw / w
    draw = ImageDraw.Draw(screen)
    bracket, width = int(sw * 0.07), max(4, sw // 160)
    ink = tuple(int(v) for v in colour)
    x0, y0 = px0 * scale, top + py0 * scale
    x1, y1 = x0 + page.width * scale, y0 + page.height * scale
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x0, y1, 1, -1), (x1, y1, -1, -1)):
        draw.line([(cx, cy + sy * bracket), (cx, cy), (cx + sx * bracket, cy)], fill=ink, width=width)
    big = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", sw // 26)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", sw // 32)
    draw.text((sw * 0.08, sw * 0.035), f"{rng.randint(7, 11)}:{rng.randint(0, 59):02d}", font=big, fill=(255, 255, 255))
    draw.text((sw * 0.8, sw * 0.04), f"{rng.randint(15, 95)}%", font=small, fill=(255, 255, 255))
    draw.rounded_rectangle((sw * 0.3, sw * 0.13, sw * 0.7, sw * 0.19), radius=sw // 40, fill=(40, 40, 40))
    draw.text((sw * 0.34, sw * 0.14), "Hold steady...", font=small, fill=(255, 255, 255))
    base = top + photo.height + sw * 0.04
    for k, label in enumerate(["VIDEO", "PHOTO", "SCAN", "PORTRAIT"]):
        draw.text((sw * (0.06 + 0.24 * k), base), label, font=small, fill=ink if label == "SCAN" else (230, 230, 230))
    r = sw * 0.09
    cx, cy = sw / 2, min(sh - r - sw * 0.05, base + sw * 0.1 + r)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255), width=max(4, sw // 120))
    draw.ellipse((cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), fill=(255, 255, 255))
    out = io.BytesIO()
    screen.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


# ---- scans ---------------------------------------------------------------------------------------
def _scan_rgb(pixels, rng: random.Random) -> bytes:
    np_rng = _noise(rng)
    return _jpeg(_image(pixels + np_rng.normal(0, 2.5, pixels.shape)), rng.randint(76, 88))


def pocket_scan(page, rng: random.Random) -> bytes:
    """A page scanned inside a clear punched plastic pocket: haze, the punched strip, a glint at the opening."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    pw, ph = page.size
    soft = page.filter(ImageFilter.GaussianBlur(0.6))
    pixels = _array(soft) * 0.9 + 20  # the film's haze
    strip = int(pw * rng.uniform(0.035, 0.045))
    pixels[:, :strip] = pixels[:, :strip] * 0.9 + 8
    marks = Image.new("L", page.size, 0)
    draw = ImageDraw.Draw(marks)
    draw.line([(strip, 0), (strip, ph)], fill=200, width=max(2, pw // 600))
    r = strip * 0.28
    for share in rng.choice([(0.365, 0.635), (0.095, 0.365, 0.635, 0.905)]):
        cy = ph * share
        draw.ellipse((strip / 2 - r, cy - r, strip / 2 + r, cy + r), outline=255, width=max(2, pw // 500))
    glint = int(ph * rng.uniform(0.004, 0.008))
    m = np.asarray(marks.filter(ImageFilter.GaussianBlur(1.0)), dtype=np.float32)[..., None] / 255
    pixels = pixels * (1 - 0.35 * m)
    pixels[:glint] = np.minimum(255, pixels[:glint] + 30)
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    sheen = np.exp(-(((xx - yy * 0.6 - rng.uniform(0.2, 0.6) * pw) / (0.05 * pw)) ** 2))[..., None]
    pixels = pixels + 10 * sheen
    tint = np.array((0.98, 0.99, 1.0), dtype=np.float32)
    return _scan_rgb(pixels * tint, rng)


def aged_scan(page, rng: random.Random) -> bytes:
    """An aged, yellowed page with brown foxing spots, the ink faded brownish, scanned in colour."""
    import numpy as np

    np_rng = _noise(rng)
    pixels = _array(page)
    h, w = pixels.shape[:2]
    ink = 1 - pixels / 255  # 0 on paper, 1 on black ink
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    edge = np.minimum(np.minimum(xx, w - 1 - xx) / w, np.minimum(yy, h - 1 - yy) / h)
    age = 1 - 0.08 * np.exp(-edge / 0.04)  # darker toward the edges
    paper = np.array(rng.choice([(240, 228, 196), (236, 222, 186), (242, 232, 204)]), dtype=np.float32)
    ink_colour = np.array((70, 55, 40), dtype=np.float32)
    out = paper * age[..., None] * (1 - ink * 0.82) + ink_colour * ink * 0.82 * 0.5
    spots = np.zeros((h, w), dtype=np.float32)
    for _ in range(rng.randint(40, 90)):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.002, 0.006) * w
        x0, x1, y0, y1 = int(max(0, cx - 3 * r)), int(min(w, cx + 3 * r)), int(max(0, cy - 3 * r)), int(min(h, cy + 3 * r))
        spots[y0:y1, x0:x1] += np.exp(-(((xx[y0:y1, x0:x1] - cx) ** 2 + (yy[y0:y1, x0:x1] - cy) ** 2) / r ** 2)) * rng.uniform(0.2, 0.45)
    spots = np.clip(spots, 0, 0.5)[..., None]
    out = out * (1 - spots * np.array((0.25, 0.45, 0.7), dtype=np.float32))
    out = out + np_rng.normal(0, 2.0, out.shape)
    return _scan_rgb(out, rng)


def creased_scan(page, rng: random.Random) -> bytes:
    """A letter folded in three for the post, scanned flat: two crease lines, the panels shifted and shaded."""
    import numpy as np

    pixels = _array(page)
    h, w = pixels.shape[:2]
    out = np.full_like(pixels, 250)
    cuts = [0, int(h * rng.uniform(0.325, 0.34)), int(h * rng.uniform(0.655, 0.67)), h]
    for k in range(3):
        a, b = cuts[k], cuts[k + 1]
        shift = rng.randint(-3, 3) if k else 0
        panel = np.roll(pixels[a:b], shift, axis=1)
        yy = np.linspace(0, 1, b - a, dtype=np.float32)[:, None, None]
        shade = 1 - rng.uniform(0.0, 0.06) * (yy if k % 2 else 1 - yy)
        out[a:b] = panel * shade
    for cut in cuts[1:3]:
        out[max(0, cut - 2):cut] *= 0.7  # the crease's dark valley
        out[cut:cut + 2] = np.minimum(255, out[cut:cut + 2] * 1.04 + 6)  # its lit ridge
    return _grey_scan(_image(out), rng, rng.randint(78, 88))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"summary-box": summary_box_pdf, "flag-first": flag_first_pdf, "range-first": range_first_pdf}
UK_PAGES = {"lower-case": lower_case_pdf, "journal": journal_pdf}
SLIPS = {"pharmacy-leaflet": pharmacy_leaflet_pdf, "postcard": postcard_pdf, "analyser-labels": analyser_labels_pdf}
TWO = {"continued-columns": continued_columns_pdf, "pathology-qr": pathology_qr_pdf}
PORTAL = {"viewer-copy": viewer_copy_text, "blue-button": blue_button_text}
PHOTOS = {"envelope": envelope_photo, "smudged-lens": smudged_lens_photo, "viewfinder": viewfinder_screenshot}
SCANS = {"pocket": pocket_scan, "aged": aged_scan, "creased": creased_scan}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh16's designs (its region's) to photograph or scan."""
    if region == "uk":
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh16_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh16 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
