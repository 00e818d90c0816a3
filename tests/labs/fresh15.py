"""fresh15: the fifteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh15-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh14's):

- a unit printed belongs to the result, wherever it stands (its own column, an ASTM record's units
  field, an entity-attribute-value export's `unit` row);
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range; a range split into `ref_low` / `ref_high` rows of an export is that range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters (an ASTM record's abnormal flag "H", "LL"; "N", normal, is
  no flag). UK reports and the two-column pages print none;
- comments and marks are not results: a "Change since" column's signed differences, an outline's
  section numbers ("2.3"), a specimen / status / verified-by column, a "Please note new reference
  range" note's old range, a "sample received late" note, Welsh words beside the English ones, a
  wallet card's booth number and event date, a tear-off appointment stub's date, time, room and
  queue number, a booklet's page numbers and fold, a body-system heading's round icon letter, ASTM
  header / order records, sequence numbers and timestamps, an export's collection time rows, a
  phone screenshot's status bar (time, battery) and toolbar, water spots, a window's frame seen
  through a backlit page, wavy (cockled) paper, colour fringes and security-paper line patterns.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a landscape table on a page whose PDF page itself is rotated 90 degrees (/Rotate: the
  content drawn sideways on a portrait page) with Specimen, Status and Verified columns; a table with
  a "Change since 11/08/2023" column of signed differences ("+0.4", "-12"); a numbered outline
  report (panels "1. CHEMISTRY", tests "1.3 Potassium ...");
- uk-fixed: an NHS Wales bilingual print (Welsh / English labels and column heads, "Diwedd yr
  adroddiad / End of report"); a Winpath-like print with "Please note new reference range from
  01/02/2024 (previously ...)" notes and "sample received late" notes between results;
- clinic-slip: a health-fair wallet card (front and back of a credit-card-size card side by side,
  "KNOW YOUR NUMBERS", booth number, event date); a nurse-led clinic slip with a perforated tear-off
  appointment stub (scissors line, date, time, room, queue number);
- two-column: a booklet spread (two A5 pages side by side on one landscape sheet, page numbers, a
  fold shadow, a running head on the right page); a direct-to-consumer health-check report grouped
  by body system (Kidney / Liver / Heart / Blood / Hormones and more) under round coloured icons, the
  groups in two columns;
- portal-text: an ASTM E1394 (LIS2-A2) analyser export pasted as text (H / P / O / R / L records,
  `R|1|^^^GLU^Glucose|98|mg/dL|70-99|N||F`); an entity-attribute-value CSV export
  (`result_id,attribute,value` rows: test, value, unit, ref_low, ref_high, ref_text, flag, collected);
- phone-photo: a phone screenshot of the page's photo open in the gallery app (black surround,
  status bar with time and battery, top and bottom toolbars; PNG); a page with water spots (darker,
  translucent drops with tide-mark rims, ink a little bled inside); a page held up against a window,
  backlit (a bright glow round it, the window frame's bars seen softly through the paper);
- scanned-pdf: a scan of cockled (moisture-wavy) paper, the lines gently waving up and down; a colour
  scan with the sensor's red / blue channels out of register (colour fringes on every stroke); a
  page printed on tinted security paper with a fine guilloche wave pattern, scanned in colour.
"""

from __future__ import annotations

import csv
import io
import math
import random

from reportlab.lib.pagesizes import A4, landscape, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh5 import _face
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _array, _done, _image, _masthead, _on_surface, _start
from .fresh10 import _grey_scan
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, MONO, _page, _patient_lines, _rng_range
from .fresh14 import _code, _panel_of

LABS = ["Cottonwood Ridge Reference Laboratory", "Blue Heron Clinical Labs", "Sagebrush Medical Laboratory Group"]
WALES = [("Bwrdd Iechyd Prifysgol Glannau Teifi", "Teifi Shores University Health Board"),
         ("Bwrdd Iechyd Prifysgol Bro Morlais", "Morlais Valley University Health Board")]
TRUSTS = ["Kinloch Royal Infirmary - Department of Clinical Biochemistry", "Ashcombe General Hospital - Pathology",
          "Fenwold Community Hospital - Blood Sciences"]
PANELS = ["CHEMISTRY", "HEMATOLOGY", "LIPIDS", "ENDOCRINE / OTHER"]
SPECIMENS = ["Serum", "Whole blood", "Serum", "Serum"]
SYSTEMS = [("Kidney health", "K", (0.2, 0.45, 0.75),
            ("sodium", "potassium", "chloride", "bicarbonate", "co2", "urea", "bun", "creatinine", "egfr", "urine")),
           ("Liver health", "L", (0.55, 0.35, 0.15),
            ("albumin", "protein", "bilirubin", "phosphatase", "alp", "alt", "ast", "aminotransferase", "transaminase")),
           ("Heart health", "H", (0.75, 0.15, 0.2), ("cholesterol", "ldl", "hdl", "triglyceride", "crp", "c-reactive")),
           ("Blood", "B", (0.6, 0.1, 0.35),
            ("haemoglobin", "hemoglobin", "hb", "haematocrit", "white", "wbc", "platelet", "mcv", "ferritin", "b12", "inr")),
           ("Hormones, sugar and more", "M", (0.15, 0.5, 0.35), ())]


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _none(truth: list[Truth]) -> None:
    for t in truth:
        t.flag = None


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _change(rng: random.Random, t: Truth) -> str:
    """The signed difference from an earlier (unprinted) result, with the value's decimals; not a result."""
    try:
        number = float(t.value_text)
    except ValueError:
        return "new"
    places = _places(t.value_text)
    diff = round(number * rng.uniform(-0.14, 0.14), places)
    return "0" if diff == 0 else f"{diff:+.{places}f}"


# ---- us-table ------------------------------------------------------------------------------------
def rotated_page_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A landscape table drawn sideways on a portrait page whose /Rotate is 90: viewers turn it upright."""
    _letters(truth, region)
    pw, ph = letter if region == "us" else A4
    # reportlab's page size is the page as shown: with /Rotate 90 its MediaBox is the portrait pw x ph
    c, buf, font, bold, size = _page(rng, ph, pw, FACES_SANS + FACES_NARROW, [8.5, 9.0])
    c.setPageRotation(90)
    c.translate(pw, 0)  # landscape (X, Y) lands at portrait (pw - Y, X): upright once the page is turned
    c.rotate(90)
    width, height = ph, pw
    y = _masthead(c, 40, height - 40, rng.choice(LABS) + " - Results (landscape)", _patient_lines(person, region)
                  + ["Collected 03/12/2024 07:48   Received 03/12/2024 09:02   Reported 03/12/2024 15:37"], font, bold)
    y -= 12
    xs = [40, 210, 270, 300, 380, 480, 560, 640]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Interval", "Specimen", "Status", "Verified"],
                       strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        specimen = SPECIMENS[_panel_of(t)] if "urine" not in t.printed_name.lower() else "Urine"
        cells = [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}"), specimen,
                 "Final", rng.choice(["JKT", "MRS", "AL", "DPW"])]
        for x, cell in zip(xs, cells, strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 7)
    c.drawString(40, 30, "Printed in landscape.  Verified: initials of the technologist who released the result.   Page 1 of 1")
    return _done(c, buf)


def change_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table with a "Change since" column of signed differences from the last test (not results)."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.5, 9.0])
    y = _masthead(c, 40, height - 44, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collected 03/12/2024 08:05   Ordering: Dr. P. Lindqvist   Final report"], font, bold)
    y -= 12
    xs = [40, 210, 262, 290, 372, 470]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Interval", "Change since 11/08/2023"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        for x, cell in zip(xs[:5], [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low}-{high}")],
                           strict=True):
            c.drawString(x, y, cell)
        c.setFillGray(0.35)
        c.drawString(xs[5] + 10, y, _change(rng, t))
        c.setFillGray(0)
        y -= size * 1.9
    c.setFont(font, 7)
    c.drawString(40, 38, "Change: this result minus your result of 11/08/2023 (\"new\": not tested then).   Page 1 of 1")
    return _done(c, buf)


def outline_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A numbered outline report: panels "1. CHEMISTRY", tests "1.3 Potassium ..." under them."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.5, 9.0])
    y = _masthead(c, 44, height - 44, rng.choice(LABS) + " - Outline Report", _patient_lines(person, region)
                  + ["Collected 03/12/2024 08:30   Reported 03/12/2024 13:10"], font, bold)
    y -= 12
    xs = [60, 84, 236, 286, 312]
    c.setFont(bold, size)
    for x, head in zip(xs[1:], ["Test", "Result  Flag", "", "Units / Reference Interval"], strict=True):
        if head:
            c.drawString(x, y, head)
    y -= size * 1.8
    number = 0
    for index, panel in enumerate(PANELS):
        rows = [t for t in truth if _panel_of(t) == index]
        if not rows:
            continue
        number += 1
        c.setFont(bold, size + 0.5)
        c.drawString(44, y, f"{number}. {panel}")
        y -= size * 1.8
        c.setFont(font, size)
        for k, t in enumerate(rows):
            c.drawString(xs[0], y, f"{number}.{k + 1}")
            c.drawString(xs[1], y, t.printed_name)
            c.drawString(xs[2], y, t.value_text)
            c.drawString(xs[3], y, t.flag or "")
            c.drawString(xs[4], y, f"{t.unit + '   ' if t.unit else ''}{_rng_range(t, '{low} - {high}')}")
            y -= size * 1.75
        y -= size * 0.4
    c.setFont(font, 7)
    c.drawString(44, 36, "Section numbers are for reference when you call us.   Page 1 of 1")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def bilingual_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An NHS Wales bilingual fixed-width print: Welsh / English labels and column heads."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold = (_face(name) for name in rng.choice(MONO))
    size = rng.choice([8.0, 8.5])
    welsh, english = rng.choice(WALES)
    c.setFont(bold, 9.5)
    c.drawString(40, height - 40, welsh)
    c.drawString(40, height - 52, english)
    c.setFont(font, size)
    y = height - 72
    for line in ["Adroddiad Patholeg / Pathology Report", "",
                 f"Enw / Name          : {person.name}", f"Dyddiad geni / DOB  : {person.dob}",
                 f"Rhif ysbyty / Hosp No: {person.mrn}", f"Cyfeiriad / Address : {person.address}",
                 f"Ffon / Tel          : {person.phone}", "Casglwyd / Collected: 12/03/2024 09:10", ""]:
        c.drawString(40, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Prawf / Test':<26}{'Canlyniad':<11}{'Unedau':<15}Amrediad")
    y -= size * 1.3
    c.drawString(40, y, f"{'':<26}{'Result':<11}{'Units':<15}Range")
    y -= size * 0.6
    c.line(40, y, width - 40, y)
    y -= size * 1.4
    c.setFont(font, size)
    for t in truth:
        c.drawString(40, y, f"{t.printed_name:<26}{t.value_text:<11}{t.unit or '':<15}{_rng_range(t, '{low} - {high}')}")
        y -= size * 1.5
    y -= size
    c.drawString(40, y, "Diwedd yr adroddiad / End of report")
    return _done(c, buf)


NOTES = ["Sample received more than 4 hours after collection.", "Slightly haemolysed sample; interpret with caution.",
         "Please telephone the laboratory on 01632 960 412 if urgent."]


def range_notes_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Winpath-like print with "Please note new reference range" notes (the old range) between results."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold = (_face(name) for name in rng.choice(MONO))
    size = rng.choice([8.0, 8.5])
    c.setFont(bold, 10)
    c.drawString(40, height - 42, rng.choice(TRUSTS))
    c.setFont(font, size)
    y = height - 62
    for line in [f"Patient : {person.name:<28} D.O.B. : {person.dob}", f"Hosp No : {person.mrn:<28} Tel    : {person.phone}",
                 f"Address : {person.address}", "Specimen: 24.0312.4471  Collected 12/03/24 08:55  Received 12/03/24 13:40",
                 ""]:
        c.drawString(40, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Test':<24}{'Result':>8}  {'Units':<15}Reference range")
    y -= size * 1.7
    noted = set(rng.sample(range(len(truth)), 3))
    late = rng.randrange(len(truth))
    for k, t in enumerate(truth):
        c.setFont(font, size)
        c.drawString(40, y, f"{t.printed_name:<24}{t.value_text:>8}  {t.unit or '':<15}{_rng_range(t, '{low} - {high}')}")
        y -= size * 1.45
        old = ""
        if k in noted and t.range_text is None and (t.range_low is not None or t.range_high is not None):
            factor = rng.choice([0.94, 1.06])  # the old range: both ends moved the same way
            old_low = None if t.range_low is None else round(t.range_low * factor, _places(f"{t.range_low:g}"))
            old_high = None if t.range_high is None else round(t.range_high * factor, _places(f"{t.range_high:g}"))
            old = _rng_range(Truth(t.printed_name, t.value_text, t.unit, old_low, old_high, None), "{low} - {high}")
        if k in noted and t.range_text is None and old != _rng_range(t, "{low} - {high}"):
            c.drawString(64, y, f"Please note new reference range from 01/02/2024 (previously {old})")
            y -= size * 1.45
        if k == late:
            c.drawString(64, y, rng.choice(NOTES))
            y -= size * 1.45
    y -= size
    c.drawString(40, y, "Authorised by: Dr. H. Maclean, Consultant Chemical Pathologist")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def wallet_card_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A health-fair wallet card: front and back of a credit-card-size card side by side, fold between."""
    _letters(truth, region)
    card_w, card_h = 85.6 * 72 / 25.4, 54 * 72 / 25.4
    width, height = 2 * card_w + 36, card_h + 36
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [5.6, 5.8])
    x0, y0 = 18, 18
    colour = rng.choice([(0.1, 0.45, 0.6), (0.55, 0.2, 0.45), (0.2, 0.5, 0.25)])
    c.setStrokeGray(0.5)
    c.roundRect(x0, y0, 2 * card_w, card_h, 8, stroke=1, fill=0)
    c.setDash(2, 2)
    c.line(x0 + card_w, y0, x0 + card_w, y0 + card_h)  # the fold
    c.setDash()
    c.setStrokeGray(0)
    # front
    c.setFillColorRGB(*colour)
    c.rect(x0 + 4, y0 + card_h - 34, card_w - 8, 30, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 10)
    c.drawString(x0 + 10, y0 + card_h - 20, "KNOW YOUR NUMBERS")
    c.setFont(font, 6)
    c.drawString(x0 + 10, y0 + card_h - 29, "Community Health Fair 2024 - keep this card in your wallet")
    c.setFillGray(0)
    c.setFont(font, 6.2)
    yy = y0 + card_h - 46
    for line in [f"Name: {person.name}", f"DOB: {person.dob}", f"ID: {person.mrn}", f"Phone: {person.phone}",
                 f"Event date 03/09/2024   Booth {rng.randint(3, 28)}", "Screened by: RN volunteer"]:
        c.drawString(x0 + 10, yy, line)
        yy -= 8.2
    # back: the results
    bx = x0 + card_w + 8
    c.setFont(bold, 6.4)
    c.drawString(bx, y0 + card_h - 14, "MY RESULTS")
    xs = [bx, bx + 40, bx + 70, bx + 120, bx + 160]
    yy = y0 + card_h - 25
    for x, head in zip(xs, ["Test", "Result", "Units", "Normal", "Flag"], strict=True):
        c.drawString(x, yy, head)
    c.line(bx, yy - 2, x0 + 2 * card_w - 8, yy - 2)
    yy -= size * 1.75
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, yy, cell)
        yy -= size * 1.75
    c.setFont(font, 5)
    c.drawString(bx, y0 + 6, "Show this card to your doctor.")
    return _done(c, buf)


def stub_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A nurse-led clinic's results slip with a perforated tear-off appointment stub at the bottom."""
    _letters(truth, region)
    width, height = 100 * 72 / 25.4, 122 * 72 / 25.4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.0, 7.5])
    c.setFont(bold, 9)
    c.drawString(14, height - 24, rng.choice(["Hypertension Nurse Clinic", "Kidney Care Nurse Clinic", "Wellness Nurse Clinic"]))
    c.setFont(font, 6.8)
    y = height - 38
    for line in [f"Name: {person.name}", f"DOB: {person.dob}   MRN: {person.mrn}", f"Tel: {person.phone}",
                 "Bloods taken 03/12/2024 by nurse practitioner"]:
        c.drawString(14, y, line)
        y -= 9
    y -= 6
    xs = [14, 74, 110, 174, 238]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Units", "Range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(14, y - 3, width - 14, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    stub = 78
    c.setDash(3, 2)
    c.setStrokeGray(0.4)
    c.line(6, stub, width - 6, stub)
    c.setDash()
    c.setStrokeGray(0)
    c.setFont(font, 6)
    c.drawString(10, stub + 3, "- - cut here / tear along the perforation - -")
    c.setFont(bold, 8)
    c.drawString(14, stub - 14, "YOUR NEXT APPOINTMENT")
    c.setFont(font, 7)
    day, clock = rng.randint(14, 28), f"{rng.randint(9, 15)}:{rng.choice(['00', '15', '30', '45'])}"
    for k, line in enumerate([f"Date: 03/{day}/2024   Time: {clock}", f"Room {rng.randint(2, 12)}   Queue no. {rng.randint(100, 480)}",
                              "Bring this stub and a list of your medicines.", "Clinic line: 555-0148"]):
        c.drawString(14, stub - 26 - k * 9, line)
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def booklet_spread_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two A5 pages side by side on one landscape A4 sheet: half the results on each, a fold shadow between."""
    _none(truth)
    width, height = landscape(A4)
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_NARROW, [8.0, 8.5])
    half = width / 2
    c.setFillGray(0.88)
    c.rect(half - 6, 0, 12, height, stroke=0, fill=1)
    c.setFillGray(0.8)
    c.rect(half - 1.5, 0, 3, height, stroke=0, fill=1)
    c.setFillGray(0)
    place = rng.choice(TRUSTS)
    split = (len(truth) + 1) // 2
    for page, rows in enumerate((truth[:split], truth[split:])):
        x = 30 + page * half
        if page == 0:
            y = _masthead(c, x, height - 40, place.split(" - ")[0], [f"Patient: {person.name}", f"DOB: {person.dob}",
                          f"Hospital No.: {person.mrn}", f"Tel: {person.phone}", "Sample date 12/03/2024"], font, bold)
        else:
            c.setFont(font, 7.5)
            c.drawString(x, height - 40, f"{person.name}  -  {person.dob}  -  results continued")
            y = height - 60
        y -= 10
        c.setFont(bold, size)
        for dx, head in zip((0, 140, 186, 262), ["Test", "Result", "Units", "Reference range"], strict=True):
            c.drawString(x + dx, y, head)
        c.line(x, y - 4, x + half - 60, y - 4)
        y -= size * 2
        c.setFont(font, size)
        for t in rows:
            for dx, cell in zip((0, 140, 186, 262), [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")],
                                strict=True):
                c.drawString(x + dx, y, cell)
            y -= size * 2.0
        c.setFont(font, 8)
        c.drawCentredString(x - 30 + half / 2, 24, str(page + 2))
    return _done(c, buf)


def _system(t: Truth) -> int:
    name = t.printed_name.lower()
    for index, (*_, words) in enumerate(SYSTEMS[:-1]):
        if any(word in name for word in words) and not (index == 3 and "a1c" in name):
            return index
    return len(SYSTEMS) - 1


def body_systems_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A direct-to-consumer health check grouped by body system under round coloured icons, in two columns."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    c.setFont(bold, 15)
    c.drawString(36, height - 46, "Your Health Check, system by system")
    c.setFont(font, 8.5)
    y = height - 64
    for line in [*_patient_lines(person, region), "Sample received 12/03/2024   Ref: HC-24-118"]:
        c.drawString(36, y, line)
        y -= 11
    c.line(36, y + 2, width - 36, y + 2)
    groups = [(index, [t for t in truth if _system(t) == index]) for index in range(len(SYSTEMS))]
    groups = [group for group in groups if group[1]]
    col = (width - 72 - 20) / 2
    tops = [y - 16, y - 16]
    for index, rows in groups:
        k = 0 if tops[0] >= tops[1] else 1
        x, yy = 36 + k * (col + 20), tops[k]
        title, letter_mark, colour, _ = SYSTEMS[index]
        c.setFillColorRGB(*colour)
        c.circle(x + 9, yy + 3, 9, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(bold, 10)
        c.drawCentredString(x + 9, yy - 0.5, letter_mark)
        c.setFillGray(0)
        c.setFont(bold, 10)
        c.drawString(x + 24, yy, title)
        yy -= size * 2.2
        c.setFont(font, size)
        for t in rows:
            c.drawString(x + 4, yy, t.printed_name)
            c.drawString(x + 108, yy, t.value_text)
            c.drawString(x + 138, yy, t.unit or "")
            c.drawString(x + 204, yy, _rng_range(t, "{low} - {high}"))
            yy -= size * 1.8
        tops[k] = yy - 14
    c.setFont(font, 7)
    c.drawString(36, 30, "Results are grouped by the part of the body they tell you most about.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _ymd(dob: str) -> str:
    day, month, year = dob.split("/")
    return f"{year}{month}{day}"


def astm_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An ASTM E1394 (LIS2-A2) analyser export pasted as text: H, P, O, R and L records."""
    _letters(truth, region)
    first, last = person.name.split(" ", 1)
    out = ["ASTM export copied from the lab's instrument viewer",
           f"Patient: {person.name}   DOB: {person.dob}   MRN: {person.mrn}   Phone: {person.phone}", "",
           "H|\\^&|||cobas-pro^2.1|||||||P|1|20240312145100",
           f"P|1||{person.mrn}||{last}^{first}||{_ymd(person.dob)}|U",
           f"O|1|24C{rng.randint(100000, 999999)}||ALL|R||||||N||||SER"]
    clock = rng.randint(9 * 60, 10 * 60)
    for k, t in enumerate(truth):
        clock += rng.randint(0, 3)
        out.append(f"R|{k + 1}|^^^{_code(t)}^{t.printed_name}|{t.value_text}|{t.unit or ''}|{_rng_range(t)}|{t.flag or 'N'}"
                   f"||F||||20240312{clock // 60:02d}{clock % 60:02d}00|cobas-pro")
    out.append("L|1|N")
    return "\n".join(out).encode() + b"\n"


def eav_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An entity-attribute-value CSV export: result_id,attribute,value rows."""
    _letters(truth, region)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["result_id", "attribute", "value"])
    for key, value in (("patient_name", person.name), ("date_of_birth", person.dob), ("mrn", person.mrn),
                       ("phone", person.phone)):
        writer.writerow([0, key, value])
    for k, t in enumerate(truth):
        rows = [("test", t.printed_name), ("value", t.value_text)]
        if t.unit:
            rows.append(("unit", t.unit))
        if t.range_text:
            rows.append(("ref_text", t.range_text))
        else:
            if t.range_low is not None:
                rows.append(("ref_low", f"{t.range_low:g}"))
            if t.range_high is not None:
                rows.append(("ref_high", f"{t.range_high:g}"))
        rows += [("flag", t.flag or ""), ("collected", f"2024-03-12T08:{rng.randint(10, 50):02d}")]
        for attribute, value in rows:
            writer.writerow([k + 1, attribute, value])
    return buf.getvalue().encode()


# ---- photos --------------------------------------------------------------------------------------
def gallery_screenshot(page, rng: random.Random) -> bytes:
    """A phone screenshot of the page's photo open in the gallery: black surround, status bar, toolbars (PNG)."""
    from PIL import Image, ImageDraw, ImageFont

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.06), [(140, 110, 80), (180, 175, 165), (70, 75, 85)], 3.0, 0.012)
    shot = _grain(shot, rng, np_rng, (2, 4))
    photo = _image(shot)
    sw, sh = rng.choice([(1290, 2796), (1284, 2778), (1440, 3120)])
    scale = sw / photo.width
    photo = photo.resize((sw, int(photo.height * scale)), Image.Resampling.LANCZOS)
    screen = Image.new("RGB", (sw, sh), (0, 0, 0))
    top = max(200, (sh - photo.height) // 2)
    screen.paste(photo, (0, top))
    draw = ImageDraw.Draw(screen)
    big = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", sw // 24)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", sw // 30)
    draw.text((sw * 0.08, sw * 0.04), f"{rng.randint(7, 11)}:{rng.randint(0, 59):02d}", font=big, fill=(255, 255, 255))
    battery = rng.randint(12, 96)
    draw.text((sw * 0.8, sw * 0.045), f"{battery}%", font=small, fill=(255, 255, 255))
    draw.rounded_rectangle((sw * 0.9, sw * 0.05, sw * 0.96, sw * 0.075), radius=6, outline=(255, 255, 255), width=3)
    draw.text((sw * 0.05, sw * 0.12), "<  Recents", font=small, fill=(80, 160, 255))
    draw.text((sw * 0.82, sw * 0.12), "Edit", font=small, fill=(80, 160, 255))
    draw.text((sw * 0.36, sw * 0.12), "Today 09:41", font=small, fill=(230, 230, 230))
    base = sh - sw * 0.16
    for k, label in enumerate(["Share", "Like", "Info", "Delete"]):
        draw.text((sw * (0.08 + 0.24 * k), base), label, font=small, fill=(80, 160, 255))
    out = io.BytesIO()
    screen.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()


def water_spots_photo(page, rng: random.Random) -> bytes:
    """A page with water spots: darker translucent drops with tide-mark rims, the ink a little bled inside."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    mask = Image.new("L", page.size, 0)
    rims = Image.new("L", page.size, 0)
    draw, rim_draw = ImageDraw.Draw(mask), ImageDraw.Draw(rims)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.uniform(0.1, 0.9) * pw, rng.uniform(0.15, 0.95) * ph
        rx = rng.uniform(0.03, 0.07) * pw
        ry = rx * rng.uniform(0.7, 1.3)
        box = (cx - rx, cy - ry, cx + rx, cy + ry)
        draw.ellipse(box, fill=255)
        rim_draw.ellipse(box, outline=255, width=max(2, int(pw * 0.003)))
    mask = mask.filter(ImageFilter.GaussianBlur(pw * 0.004))
    rims = rims.filter(ImageFilter.GaussianBlur(pw * 0.0015))
    bled = _array(page.filter(ImageFilter.GaussianBlur(1.1)))
    pixels = _array(page)
    m = np.asarray(mask, dtype=np.float32)[..., None] / 255
    r = np.asarray(rims, dtype=np.float32)[..., None] / 255
    wet = bled * np.array((0.9, 0.9, 0.92), dtype=np.float32)
    pixels = pixels * (1 - m) + wet * m
    pixels = pixels * (1 - 0.22 * r * np.array((1.0, 0.95, 0.85), dtype=np.float32))
    shot = _on_surface(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), rng, (1.1, 1.08),
                       [(150, 120, 90), (205, 200, 190), (95, 100, 110)], 3.5, 0.012)
    shot = _grain(shot * rng.uniform(0.88, 1.0), rng, np_rng, (3, 6))
    return _jpeg(_image(shot), rng.randint(76, 90))


def backlit_photo(page, rng: random.Random) -> bytes:
    """A page held up against a window: bright glow, the window frame's bars seen softly through the paper."""
    import numpy as np

    np_rng = _noise(rng)
    pw, ph = page.size
    pixels = _array(page)
    xs = np.arange(pw, dtype=np.float32)
    ys = np.arange(ph, dtype=np.float32)
    bar_x, bar_y = rng.uniform(0.3, 0.7) * pw, rng.uniform(0.25, 0.75) * ph
    soft = 0.02 * pw
    shade = 1 - rng.uniform(0.12, 0.18) * (np.exp(-((xs[None, :] - bar_x) / soft) ** 2) +
                                           np.exp(-((ys[:, None] - bar_y) / soft) ** 2))
    glow = np.array((1.0, 1.0, 0.97), dtype=np.float32)
    pixels = np.clip(pixels * shade[..., None] * glow, 0, 255)
    fw, fh = int(pw * 1.14), int(ph * 1.1)
    frame = np.ones((fh, fw, 3), dtype=np.float32) * 252  # the blown-out sky
    ox, oy = (fw - pw) // 2, (fh - ph) // 2
    frame[:, int(ox + bar_x - soft):int(ox + bar_x + soft)] = (70, 66, 60)  # the window's bars beyond the page
    frame[int(oy + bar_y - soft):int(oy + bar_y + soft), :] = (70, 66, 60)
    frame[oy:oy + ph, ox:ox + pw] = pixels
    shot = _on_surface(_image(frame), rng, (1.01, 1.01), [(240, 240, 238)], 2.5, 0.01)
    shot = _grain(shot, rng, np_rng, (2, 4))
    return _jpeg(_image(shot), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def _scan_rgb(pixels, rng: random.Random) -> bytes:
    np_rng = _noise(rng)
    return _jpeg(_image(pixels + np_rng.normal(0, 2.5, pixels.shape)), rng.randint(76, 88))


def cockled_scan(page, rng: random.Random) -> bytes:
    """Moisture-cockled paper: the lines wave gently up and down, with the waves' soft shading."""
    import numpy as np

    pixels = _array(page)
    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    amp, period = rng.uniform(0.0025, 0.004) * h, rng.uniform(0.35, 0.55) * w
    phase = rng.uniform(0, 2 * math.pi)
    wave = np.sin(2 * math.pi * xx / period + phase + 0.6 * np.sin(2 * math.pi * yy / (0.7 * h)))
    src_y = np.clip(yy + amp * wave, 0, h - 1).astype(np.int32)
    src_x = np.clip(xx + 0.3 * amp * np.cos(2 * math.pi * yy / (0.5 * h)), 0, w - 1).astype(np.int32)
    warped = pixels[src_y, src_x]
    slope = np.cos(2 * math.pi * xx / period + phase)
    warped = warped * (1 - 0.06 * slope)[..., None]
    return _grey_scan(_image(warped), rng, rng.randint(76, 88))


def fringe_scan(page, rng: random.Random) -> bytes:
    """A colour scan whose red and blue channels are out of register: colour fringes on every stroke."""
    import numpy as np

    pixels = _array(page)
    shift = rng.choice([2, 3])
    out = pixels.copy()
    out[..., 0] = np.roll(pixels[..., 0], shift, axis=0)
    out[..., 2] = np.roll(pixels[..., 2], -shift, axis=0)
    out = out * np.array((0.99, 0.97, 0.93), dtype=np.float32)
    return _scan_rgb(out, rng)


def security_scan(page, rng: random.Random) -> bytes:
    """A page printed on tinted security paper with a fine guilloche wave pattern, scanned in colour."""
    import numpy as np

    pixels = _array(page)
    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tint = np.array(rng.choice([(226, 238, 246), (230, 244, 230), (246, 232, 238)]), dtype=np.float32) / 255
    pitch = rng.uniform(0.012, 0.018) * h
    lines = np.zeros((h, w), dtype=np.float32)
    for k in range(2):
        bend = (0.02 + 0.01 * k) * h * np.sin(2 * math.pi * xx / ((0.22 + 0.09 * k) * w) + k * 1.7)
        lines += np.clip(1 - np.abs(((yy + bend) % pitch) - pitch / 2) / 1.2, 0, 1)
    paper = tint[None, None, :] * (1 - 0.08 * np.clip(lines, 0, 1))[..., None]
    return _scan_rgb(pixels * paper, rng)


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"rotated-page": rotated_page_pdf, "change": change_pdf, "outline": outline_pdf}
UK_PAGES = {"bilingual": bilingual_pdf, "range-notes": range_notes_pdf}
SLIPS = {"wallet-card": wallet_card_pdf, "stub": stub_pdf}
TWO = {"booklet-spread": booklet_spread_pdf, "body-systems": body_systems_pdf}
PORTAL = {"astm": astm_text, "eav": eav_text}
PHOTOS = {"gallery-screenshot": gallery_screenshot, "water-spots": water_spots_photo, "backlit": backlit_photo}
SCANS = {"cockled": cockled_scan, "fringe": fringe_scan, "security": security_scan}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh15's designs (its region's) to photograph or scan."""
    if region == "uk":
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh15_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh15 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)

