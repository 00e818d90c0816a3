"""fresh20: the twentieth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh20-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh19's):

- a unit printed belongs to the result, wherever it stands; a unit printed in lower case ("mmol/l")
  is the truth in lower case;
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column, in a
  spreadsheet's "Flag" column or row, in a label's corner or after the range on a record card or a
  forum post's line. UK reports and the two-column pages print none (a column headed "Outside the
  reference range" and an index's initial letter "H" or "L" are not flags);
- comments and marks are not results: a spreadsheet's row numbers, column letters and sheet tabs, a
  dark-mode portal's menu, a typed letter's struck-out typing errors and prose, a terminal screen's
  status line, screen numbers and function-key line, a record card's visit lines, a label sheet's
  patient and batch labels, an index's letter headings, a forum post's title, age, votes, handles and
  the replies (with numbers of their own), a wide CSV's "Collected" row.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a spreadsheet printed with its grid, column letters (A-F) and row numbers, the patient in
  the first rows and a sheet tab at the foot; a patient portal's results page saved to PDF in dark
  mode (light text on a dark navy page, a menu bar, flags in coloured letters);
- uk-fixed: a typewritten letter (Courier whose every character sits a little off the line and is
  inked unevenly, a typing error struck out with x's, the results tabulated in the letter); a
  pathology terminal's green-on-black screen prints, two 80 x 24 screens on the page ("SCREEN 1 OF
  2", a status line, "More..." and a PF-key line), the results split between them under a repeated
  header;
- clinic-slip: a 6 x 4 inch ruled record card (a red header rule, blue lines) with the results typed
  one a line, the flag after the range; a sheet of adhesive labels (2 x 5 rounded labels), one label
  the patient, eight a result each, one the batch;
- two-column: the results sorted into two columns, "Within the reference range" left and "Outside
  the reference range" right, each with its own header row ("None" when nothing is outside); an A-Z
  index of results in two columns under large initial letters;
- portal-text: a health forum thread copied as text (title, handle, votes, the results as the patient
  pasted them, replies quoting other numbers); a wide CSV export (one column a test; rows Test,
  Result, Units, Reference range, Flag, Collected);
- phone-photo: a page with reading glasses lying on it (two lenses magnifying the lines under them,
  the frame's dark rims, bridge and arms); a night shot over-cleaned by the phone's noise reduction
  (smeared, watercolour-like blotches, thinned strokes); a photo from a moving car or bus (rolling-
  shutter wobble: rows shifted sideways in a slow wave, uprights wavy, a slight slant);
- scanned-pdf: an inkjet print with clogged nozzles (thin white lines across every print pass,
  passes a little uneven) scanned; a page smeared while the ink was wet (a band of strokes dragged
  sideways into grey trails); a scan saved small by nearest-neighbour sampling (jagged, broken
  strokes).
"""

from __future__ import annotations

import csv
import io
import math
import random

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh6 import _jpeg, _noise
from .fresh8 import _grain
from .fresh9 import _done, _image, _masthead, _on_surface, _start
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, _page, _patient_lines, _rng_range
from .fresh16 import _mono, _none, _scan_rgb
from .fresh19 import UK_LABS, _dash, _letters

US_LABS = ["Brookfield Regional Laboratory", "Cedar Valley Clinical Labs", "Harborview Diagnostics"]
FLAG_COLOURS = {"H": (1.0, 0.62, 0.3), "HH": (1.0, 0.4, 0.4), "L": (0.45, 0.75, 1.0), "LL": (1.0, 0.4, 0.4),
                "A": (0.85, 0.6, 1.0)}
REPLIES = ["Not a doctor, but mine was 6.1 once and it turned out the sample had sat too long. They re-tested after 2 weeks.",
           "Honestly the H and L letters just mean outside the lab's range. Ask your GP, 9 times out of 10 it is nothing.",
           "Please edit your post to remove your date of birth and record number!",
           "I had 3 of these flagged last year at 28 weeks pregnant and all were fine on the repeat."]


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# ---- us-table ------------------------------------------------------------------------------------
def spreadsheet_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A spreadsheet printed with its grid, column letters and row numbers, a sheet tab at the foot."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    widths = [150, 64, 40, 74, 100, 90]
    heads = ["Test", "Result", "Flag", "Units", "Reference range", "Comment"]
    rows: list[list[str]] = [["Patient", person.name], ["DOB", person.dob], ["MRN", person.mrn],
                             ["Phone", person.phone], ["Collected", "3/12/2024 8:15"], [], heads]
    rows += [[t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t), ""] for t in truth]
    rows += [[], ["Source", rng.choice(US_LABS)]]
    step = size * 2.0
    left, top, gutter = 36, height - 60, 26
    c.setFont(font, 7)
    c.drawString(left, height - 30, f"lab_results_{person.mrn}.xlsx")
    c.drawRightString(width - 36, height - 30, "Printed 3/14/2024")
    c.setFillGray(0.9)
    c.rect(left, top, gutter + sum(widths), step, stroke=0, fill=1)
    c.rect(left, top - step * len(rows), gutter, step * len(rows), stroke=0, fill=1)
    c.setFillGray(0.35)
    c.setFont(font, size - 1)
    x = left + gutter
    for letter_, w in zip("ABCDEF", widths, strict=True):
        c.drawCentredString(x + w / 2, top + step * 0.35, letter_)
        x += w
    for n in range(len(rows)):
        c.drawRightString(left + gutter - 4, top - step * (n + 1) + step * 0.35, str(n + 1))
    c.setStrokeGray(0.78)
    c.setLineWidth(0.4)
    x = left
    for w in [0, gutter, *widths]:
        x += w
        c.line(x, top + step, x, top - step * len(rows))
    for n in range(len(rows) + 2):
        c.line(left, top + step - step * n, left + gutter + sum(widths), top + step - step * n)
    c.setFillGray(0)
    for n, row in enumerate(rows):
        y = top - step * (n + 1) + step * 0.35
        x = left + gutter
        for k, (cell, w) in enumerate(zip(row, widths, strict=False)):
            c.setFont(bold if n == 6 or (k == 0 and n < 6) else font, size)
            if k == 1 and n > 6 and _numeric(cell):
                c.drawRightString(x + w - 4, y, cell)  # a spreadsheet right-aligns numbers
            else:
                c.drawString(x + 4, y, cell)
            x += w
    c.setFont(font, 7.5)
    c.setFillGray(0.9)
    c.rect(left, 48, 70, 14, stroke=1, fill=1)
    c.setFillGray(0)
    c.drawString(left + 8, 52, "Results")
    c.drawString(left + 80, 52, "Sheet2    +")
    c.drawCentredString(width / 2, 30, "Page 1")
    return _done(c, buf)


def dark_mode_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A portal's results page saved to PDF in dark mode: light text on dark navy, flags in colour."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.5, 9.0])
    c.setFillColorRGB(0.08, 0.1, 0.16)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillColorRGB(0.13, 0.16, 0.24)
    c.rect(0, height - 44, width, 44, stroke=0, fill=1)
    c.setFillColorRGB(0.55, 0.75, 1.0)
    c.setFont(bold, 12)
    c.drawString(30, height - 28, rng.choice(["MyHealth Connect", "PatientLink", "CareView Portal"]))
    c.setFillColorRGB(0.7, 0.74, 0.8)
    c.setFont(font, 8.5)
    for k, item in enumerate(["Home", "Messages", "Test Results", "Appointments", "Billing"]):
        c.drawString(200 + k * 74, height - 28, item)
    c.setFillColorRGB(0.92, 0.93, 0.95)
    c.setFont(bold, 15)
    c.drawString(30, height - 76, "Test Results")
    c.setFont(font, 8.5)
    y = height - 94
    for line in [f"{person.name}  |  DOB {person.dob}  |  MRN {person.mrn}", f"{person.address}  |  {person.phone}",
                 f"Collected 03/12/2024 08:15  |  Resulted 03/12/2024 14:02  |  {rng.choice(US_LABS)}"]:
        c.drawString(30, y, line)
        y -= 13
    y -= 14
    xs = [36, 210, 280, 320, 410]
    c.setFillColorRGB(0.6, 0.65, 0.72)
    c.setFont(bold, size - 0.5)
    for x, head in zip(xs, ["TEST", "RESULT", "FLAG", "UNITS", "STANDARD RANGE"], strict=True):
        c.drawString(x, y, head)
    c.setStrokeColorRGB(0.3, 0.34, 0.42)
    c.line(30, y - 6, width - 30, y - 6)
    y -= size * 2.3
    for t in truth:
        c.setFillColorRGB(0.92, 0.93, 0.95)
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.setFont(bold, size)
        c.drawString(xs[1], y, t.value_text)
        if t.flag:
            c.setFillColorRGB(*FLAG_COLOURS.get(t.flag, (1.0, 0.62, 0.3)))
            c.drawString(xs[2], y, t.flag)
        c.setFillColorRGB(0.78, 0.8, 0.85)
        c.setFont(font, size)
        c.drawString(xs[3], y, t.unit or "")
        c.drawString(xs[4], y, _dash(t))
        c.line(30, y - size * 0.8, width - 30, y - size * 0.8)
        y -= size * 2.2
    c.setFillColorRGB(0.55, 0.6, 0.68)
    c.setFont(font, 7)
    c.drawString(30, 40, "Flags: H high, L low, HH / LL critical, A abnormal. Talk to your care team about your results.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def _typed(c, rng: random.Random, x: float, y: float, text: str, font: str, size: float) -> None:
    """A line typed on a typewriter: each character a little off the line and unevenly inked."""
    advance = c.stringWidth("M", font, size)
    for k, char in enumerate(text):
        if char == " ":
            continue
        c.setFillGray(rng.uniform(0.0, 0.3))
        c.setFont(font, size)
        c.drawString(x + k * advance + rng.uniform(-0.25, 0.25), y + rng.uniform(-0.5, 0.5), char)
    c.setFillGray(0)


def typewriter_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A typewritten letter: uneven Courier, a typing error struck out with x's, the results tabulated."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, size = "Courier", 9.0
    lab = rng.choice(UK_LABS)
    c.setFont("Times-Bold", 12)
    c.drawCentredString(width / 2, height - 44, lab)
    c.setFont("Times-Roman", 8.5)
    c.drawCentredString(width / 2, height - 56, "Duty Biochemist's Office    Tel. 01632 960" + str(rng.randint(100, 999)))
    lead = size * 1.5
    y = height - 90
    surname = person.name.split()[-1]
    lines = ["12th March 2024", "", "Dr. R. Pennington", "The Surgery, Mill Lane", "",
             f"Re: {person.name}   D.O.B. {person.dob}   Hosp. No. {person.mrn}", f"    {person.address}", "",
             "Dear Dr. Pennington,", "",
             f"Thank you for sending blood from {'Mr.' if rng.random() < 0.5 else 'Mrs.'} {surname}, which we",
             "recieved received this morning. The results are as follows:", ""]
    for line in lines:
        _typed(c, rng, 56, y, line, font, size)
        if line.startswith("recieved"):
            _typed(c, rng, 56, y, "xxxxxxxx", font, size)  # the misspelt word struck out by overtyping
        y -= lead
    for t in truth:
        _typed(c, rng, 56, y, f"{t.printed_name:<28}{t.value_text:>8}  {t.unit or '':<14} ({_dash(t)})", font, size)
        y -= lead
    for line in ["", "I should be grateful if you would repeat any result outside the",
                 "range in brackets in about a fortnight.", "", "Yours sincerely,", "", "",
                 "Dr. E. Marchbank", "Consultant Chemical Pathologist"]:
        _typed(c, rng, 56, y, line, font, size)
        y -= lead
    return _done(c, buf)


def terminal_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two 80 x 24 green-on-black screen prints of a pathology enquiry, the results split between them."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    lead = size * 1.3
    screen_w, screen_h = 82 * c.stringWidth("M", font, size) + 16, 24 * lead + 14
    user = f"PAT{rng.randint(10, 99):03d}"
    half = (len(truth) + 1) // 2
    c.setFont("Helvetica", 8)
    c.drawString(40, height - 36, f"Screen print - {rng.choice(UK_LABS)} - 12/03/2024 15:32")
    for k, rows in enumerate((truth[:half], truth[half:])):
        top = height - 50 - k * (screen_h + 30)
        c.setFillColorRGB(0.02, 0.04, 0.02)
        c.rect(40, top - screen_h, screen_w, screen_h, stroke=0, fill=1)
        c.setFillColorRGB(0.35, 1.0, 0.45)
        lines = [f"PATHOLOGY RESULTS ENQUIRY     {user}   SCREEN {k + 1} OF 2      12/03/24 15:31", "",
                 f"Name: {person.name:<28} DOB: {person.dob}   Hosp No: {person.mrn}",
                 "Specimen: SERUM/BLOOD   Collected: 12/03/24 08:40   Status: AUTHORISED", "-" * 78,
                 f"{'Test':<28}{'Result':>9}  {'Units':<15}Reference range", "-" * 78]
        lines += [f"{t.printed_name:<28}{t.value_text:>9}  {t.unit or '':<15}{_dash(t)}" for t in rows]
        lines += [""] * (20 - len(lines)) + ["More..." if k == 0 else "Bottom", "Command ===>", "",
                                             "PF1=Help  PF3=Exit  PF7=Back  PF8=Forward  PF12=Print"]
        y = top - 7 - size
        for n, line in enumerate(lines):
            c.setFont(bold if n == 0 else font, size)
            c.drawString(48, y, line)
            y -= lead
    c.setFillGray(0)
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def record_card_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A 6 x 4 inch ruled record card: a red header rule, blue lines, the results typed one a line."""
    _letters(truth, region)
    width, height = 432, 288
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    size = 7.4
    c.setFillColorRGB(0.99, 0.98, 0.94)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    step = 16.5
    header = height - 44
    c.setStrokeColorRGB(0.85, 0.25, 0.25)
    c.setLineWidth(1)
    c.line(0, header, width, header)
    c.setStrokeColorRGB(0.55, 0.7, 0.9)
    c.setLineWidth(0.5)
    y = header - step
    while y > 4:
        c.line(0, y, width, y)
        y -= step
    c.setFillGray(0.08)
    c.setFont(bold, size + 0.6)
    c.drawString(14, height - 18, f"{person.name}    DOB {person.dob}    MRN {person.mrn}")
    c.setFont(font, size)
    c.drawString(14, height - 32, f"{person.phone}    Dr. Alvarez - Family Clinic")
    lines = [f"3/12/24 bloods (fasting), {rng.choice(['BP 128/82', 'BP 134/86', 'BP 118/76'])}"]
    lines += [f"{t.printed_name:<24}{t.value_text:>7} {t.unit or '':<10} ({_rng_range(t)}) {t.flag or ''}".rstrip()
              for t in truth]
    lines.append(f"Next visit: {rng.randint(2, 6)} months.  Card {rng.randint(2, 4)}")
    y = header - step + 3
    for line in lines:
        c.drawString(14, y, line)
        y -= step
    return _done(c, buf)


def labels_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A sheet of 2 x 5 adhesive labels: the patient, eight results, the batch."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.5])
    label_w, label_h, gap = (width - 36) / 2, (height - 40) / 5, 8
    cells = [(18 + (n % 2) * (label_w + gap / 2), height - 20 - (n // 2 + 1) * label_h) for n in range(10)]
    c.setFillColorRGB(0.93, 0.93, 0.9)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    for x, y in cells:
        c.setFillGray(1)
        c.setStrokeGray(0.7)
        c.roundRect(x, y + 3, label_w - gap / 2, label_h - 6, 8, stroke=1, fill=1)
    c.setFillGray(0)
    x, y = cells[0]
    c.setFont(bold, 9)
    c.drawString(x + 10, y + label_h - 22, person.name)
    c.setFont(font, size)
    for k, line in enumerate([f"DOB {person.dob}    MRN {person.mrn}", person.phone, "Collected 03/12/2024 08:15"]):
        c.drawString(x + 10, y + label_h - 36 - k * 11, line)
    for (x, y), t in zip(cells[1:9], truth, strict=False):
        c.setFont(bold, 8.5)
        c.drawString(x + 10, y + label_h - 22, t.printed_name)
        c.setFont(bold, 14)
        c.drawString(x + 10, y + label_h - 44, t.value_text)
        c.setFont(font, 8)
        c.drawString(x + 14 + c.stringWidth(t.value_text, bold, 14), y + label_h - 44, t.unit or "")
        if t.flag:
            c.setFont(bold, 11)
            c.drawRightString(x + label_w - 18, y + label_h - 24, t.flag)
        c.setFont(font, 7)
        c.drawString(x + 10, y + 14, f"Ref: {_dash(t)}")
    x, y = cells[9]
    c.setFont(font, 7)
    for k, line in enumerate([f"Batch {rng.randint(1000, 9999)}-{rng.randint(10, 99)}", "Printed 03/12/2024 14:10",
                              rng.choice(US_LABS)]):
        c.drawString(x + 10, y + label_h - 22 - k * 11, line)
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _outside(t: Truth) -> bool:
    """Whether a printed value falls outside its printed range (the page's sorting, not a flag)."""
    if t.range_text:
        return t.value_text != t.range_text
    try:
        value = float(t.value_text.lstrip("<>"))
    except ValueError:
        return False
    return (t.range_low is not None and value < t.range_low) or (t.range_high is not None and value > t.range_high)


def _column(c, x: float, top: float, rows: list[Truth], offsets: list[float], font: str, bold: str, size: float,
            heads: bool = True) -> float:
    """One column's header row and results; returns the height below them."""
    y = top
    if heads:
        c.setFont(bold, size)
        for dx, head in zip(offsets, ["Test", "Result", "Units", "Range"], strict=True):
            c.drawString(x + dx, y, head)
        c.line(x, y - 4, x + offsets[-1] + 56, y - 4)
        y -= size * 2
    c.setFont(font, size)
    for t in rows:
        for dx, cell in zip(offsets, [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")],
                            strict=True):
            c.drawString(x + dx, y, cell)
        y -= size * 1.9
    return y


def in_out_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """The results sorted into two columns: within the reference range left, outside it right."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [7.5, 8.0])
    y = _masthead(c, 30, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:25   Reported 12/03/2024 16:10"], font, bold)
    inside = [t for t in truth if not _outside(t)]
    outside = [t for t in truth if _outside(t)]
    col = (width - 60 - 16) / 2
    offsets = [0, 104, 140, 202]
    top = y - 14
    for k, (title, rows) in enumerate((("Within the reference range", inside), ("Outside the reference range", outside))):
        x = 30 + k * (col + 16)
        c.setFillGray(0.85 if k == 0 else 0.7)
        c.rect(x - 3, top - 5, col, size + 9, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(bold, size + 1)
        c.drawString(x, top, f"{title} ({len(rows)})")
        if rows:
            _column(c, x, top - size * 2.6, rows, offsets, font, bold, size)
        else:
            c.setFont(font, size)
            c.drawString(x, top - size * 2.6, "None")
    c.line(30 + col + 8, top + size + 4, 30 + col + 8, 80)
    c.setFont(font, 7)
    c.drawString(30, 50, "Results are sorted by whether they fall within the laboratory's reference range.")
    return _done(c, buf)


def _initial(t: Truth) -> str:
    first = t.printed_name[:1].upper()
    return first if first.isalpha() else "0-9"


def index_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An A-Z index of results in two columns under large initial letters."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [7.5, 8.0])
    y = _masthead(c, 30, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Results A-Z    Sample collected 12/03/2024 08:25"], font, bold)
    ordered = sorted(truth, key=lambda t: (_initial(t), t.printed_name.lower()))
    groups: dict[str, list[Truth]] = {}
    for t in ordered:
        groups.setdefault(_initial(t), []).append(t)
    col = (width - 60 - 16) / 2
    offsets = [0, 104, 140, 202]
    half, count, k = len(truth) / 2, 0, 0
    top = y - 20
    yy = top
    for letter_, rows in groups.items():
        if k == 0 and count >= half:
            k, yy = 1, top
        x = 30 + k * (col + 16)
        c.setFont(bold, 16)
        c.setFillGray(0.3)
        c.drawString(x, yy, letter_)
        c.setFillGray(0)
        c.line(x + 24, yy + 3, x + col - 6, yy + 3)
        yy = _column(c, x, yy - size * 2.2, rows, offsets, font, bold, size, heads=False) - size * 0.8
        count += len(rows)
    c.setFont(font, 7)
    c.drawString(30, 50, "Columns: test, result, units, reference range. Ask your GP if you have questions.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def forum_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A health forum thread copied as text: title, handle, votes, the pasted results, replies with numbers."""
    _letters(truth, region)
    handle = f"u/{rng.choice(['tired', 'worried', 'curious', 'sleepy'])}_{rng.choice(['otter', 'fern', 'kettle'])}{rng.randint(10, 99)}"
    out = [f"r/AskDocs \u2022 Posted by {handle} \u2022 {rng.randint(2, 9)}h",
           f"Blood test results - anything to worry about? ({rng.choice(['F', 'M'])}, {rng.randint(24, 61)})", "",
           "Got these back today. I copied them straight from the portal:", "",
           f"Patient: {person.name}   DOB: {person.dob}   MRN: {person.mrn}", "Collected 03/12/2024 08:15", ""]
    out += [f"{t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({_rng_range(t)}){' ' + t.flag if t.flag else ''}"
            for t in truth]
    out += ["", "Should I be worried about the ones with an H or L after them? Thanks!", "",
            f"{rng.randint(5, 80)} upvotes \u2022 {rng.randint(4, 30)} comments \u2022 Share \u2022 Save", ""]
    for reply in rng.sample(REPLIES, 3):
        out += [f"    u/{rng.choice(['Verified_Physician', 'labrat', 'night_nurse', 'hb_watcher'])}{rng.randint(1, 9)} "
                f"\u2022 {rng.randint(1, 5)}h", f"    {reply}", f"    {rng.randint(1, 40)} points \u2022 Reply", ""]
    return "\n".join(out).encode()


def wide_csv_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A wide CSV export: one column a test, rows Test, Result, Units, Reference range, Flag, Collected."""
    _letters(truth, region)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([["Patient", person.name], ["DOB", person.dob], ["MRN", person.mrn], []])
    writer.writerow(["Test", *(t.printed_name for t in truth)])
    writer.writerow(["Result", *(t.value_text for t in truth)])
    writer.writerow(["Units", *(t.unit or "" for t in truth)])
    writer.writerow(["Reference range", *(_rng_range(t) for t in truth)])
    writer.writerow(["Flag", *(t.flag or "" for t in truth)])
    writer.writerow(["Collected", *(["2024-03-12 08:15"] * len(truth))])
    return out.getvalue().encode()


# ---- photos --------------------------------------------------------------------------------------
def glasses_photo(page, rng: random.Random) -> bytes:
    """Reading glasses lying on the page: two lenses magnifying the lines under them, a dark frame."""
    import numpy as np
    from PIL import ImageDraw, ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(150, 120, 92), (84, 80, 78), (196, 190, 180)], 3.0, 0.01)
    h, w = shot.shape[:2]
    rx, ry = w * rng.uniform(0.1, 0.13), w * rng.uniform(0.07, 0.085)
    cy = h * rng.uniform(0.3, 0.5)  # over the results
    centres = [(w * rng.uniform(0.25, 0.4), cy), None]
    centres[1] = (centres[0][0] + rx * 2.5, cy + rng.uniform(-0.1, 0.1) * ry)
    magnify = rng.uniform(1.06, 1.12)
    out = shot.copy()
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for cx, cy_ in centres:
        inside = ((xx - cx) / rx) ** 2 + ((yy - cy_) / ry) ** 2 < 1
        sx = np.clip(cx + (xx - cx) / magnify, 0, w - 1).astype(int)
        sy = np.clip(cy_ + (yy - cy_) / magnify, 0, h - 1).astype(int)
        out[inside] = shot[sy[inside], sx[inside]] * 0.94 + 4
    image = _image(out)
    shadow = _image(np.zeros_like(out)).convert("L")
    pen = ImageDraw.Draw(shadow)
    rim = max(4, int(w * 0.004))
    for cx, cy_ in centres:
        pen.ellipse((cx - rx + 12, cy_ - ry + 14, cx + rx + 12, cy_ + ry + 14), outline=255, width=rim)
    shadow = shadow.filter(ImageFilter.GaussianBlur(8))
    dark = np.asarray(shadow, dtype=np.float32)[..., None] / 255
    pixels = np.asarray(image, dtype=np.float32) * (1 - 0.35 * dark)
    image = _image(pixels)
    pen = ImageDraw.Draw(image)
    frame = rng.choice([(30, 24, 22), (62, 40, 28), (20, 26, 44)])
    for cx, cy_ in centres:
        pen.ellipse((cx - rx, cy_ - ry, cx + rx, cy_ + ry), outline=frame, width=rim)
    (ax, ay), (bx, by) = centres
    pen.line((ax + rx, ay - ry * 0.3, bx - rx, by - ry * 0.3), fill=frame, width=rim)
    for (cx, cy_), side in zip(centres, (-1, 1), strict=True):
        start = (cx + side * rx, cy_ - ry * 0.3)
        pen.line((*start, start[0] + side * rx * 0.6, start[1] - ry * 1.8), fill=frame, width=rim)
    pixels = np.asarray(image, dtype=np.float32)
    return _jpeg(_image(_grain(pixels, rng, np_rng, (2, 4))), rng.randint(80, 92))


def denoised_photo(page, rng: random.Random) -> bytes:
    """A night shot over-cleaned by the phone's noise reduction: smeared, watercolour-like blotches."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(120, 100, 80), (60, 58, 62), (160, 150, 136)], 3.0, 0.01)
    dim = shot * rng.uniform(0.55, 0.7) * np.array((1.0, 0.93, 0.8), dtype=np.float32)
    h, w = dim.shape[:2]
    coarse = np_rng.normal(0, rng.uniform(4, 6), (h // 8 + 1, w // 8 + 1, 3))  # the blotches the cleaning leaves
    blotches = np.asarray(_image(coarse + 128).resize((w, h), Image.Resampling.BICUBIC), dtype=np.float32) - 128
    noisy = _image(_grain(dim + blotches, rng, np_rng, (9, 12)))
    cleaned = noisy.filter(ImageFilter.MedianFilter(3)).filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.1)))
    cleaned = cleaned.filter(ImageFilter.UnsharpMask(radius=2, percent=rng.randint(120, 170), threshold=2))
    pixels = np.asarray(cleaned, dtype=np.float32) * rng.uniform(1.15, 1.3)  # the night mode's brightening
    return _jpeg(_image(pixels), rng.randint(80, 90))


def wobble_photo(page, rng: random.Random) -> bytes:
    """A photo from a moving car or bus: rolling-shutter wobble, rows shifted sideways in a slow wave."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(110, 108, 104), (140, 128, 112), (70, 70, 76)], 3.0, 0.01)
    h, w = shot.shape[:2]
    amplitude, period, phase = rng.uniform(3, 6), rng.uniform(250, 450), rng.uniform(0, 2 * math.pi)
    slant = rng.uniform(-0.012, 0.012)
    shifts = np.round(amplitude * np.sin(2 * np.pi * np.arange(h) / period + phase) + slant * (np.arange(h) - h / 2)).astype(int)
    out = np.empty_like(shot)
    for row, shift in enumerate(shifts):
        out[row] = np.roll(shot[row], shift, axis=0)
    return _jpeg(_image(_grain(out, rng, np_rng, (3, 5))), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def nozzle_scan(page, rng: random.Random) -> bytes:
    """An inkjet print with clogged nozzles: thin white lines across every print pass, passes uneven."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h = pixels.shape[0]
    band = rng.randint(36, 60)
    missing = rng.sample(range(band), rng.randint(2, 3))
    for top in range(0, h, band):
        pixels[top:top + band] = 255 - (255 - pixels[top:top + band]) * rng.uniform(0.82, 1.0)
        for row in missing:
            if top + row < h:
                pixels[top + row] = np.maximum(pixels[top + row], rng.uniform(225, 245))
    return _scan_rgb(pixels, rng)


def smeared_scan(page, rng: random.Random) -> bytes:
    """A page smeared while the ink was wet: a band of strokes dragged sideways into grey trails."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h = pixels.shape[0]
    ink = 255 - pixels
    trail = ink.copy()
    length = rng.randint(10, 22)
    for step in range(1, length):
        trail = np.maximum(trail, np.roll(ink, step, axis=1) * (0.55 * (1 - step / length)))
    centre, half = h * rng.uniform(0.35, 0.7), h * rng.uniform(0.025, 0.05)
    rows = np.arange(h, dtype=np.float32)
    weight = np.clip(1 - np.abs(rows - centre) / half, 0, 1)[:, None, None] ** 0.7
    smeared = 255 - (ink * (1 - weight) + trail * weight)
    return _scan_rgb(smeared, rng)


def nearest_scan(page, rng: random.Random) -> bytes:
    """A scan saved small by nearest-neighbour sampling: jagged, broken strokes."""
    import numpy as np
    from PIL import Image

    scale = rng.uniform(0.5, 0.6)
    small = page.convert("L").resize((round(page.width * scale), round(page.height * scale)), Image.Resampling.NEAREST)
    pixels = np.asarray(small.convert("RGB"), dtype=np.float32)
    return _scan_rgb(pixels, rng)


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"spreadsheet": spreadsheet_pdf, "dark-mode": dark_mode_pdf}
UK_PAGES = {"typewriter": typewriter_pdf, "terminal": terminal_pdf}
SLIPS = {"record-card": record_card_pdf, "labels": labels_pdf}
TWO = {"in-out": in_out_pdf, "index": index_pdf}
PORTAL = {"forum": forum_text, "wide-csv": wide_csv_text}
PHOTOS = {"glasses": glasses_photo, "denoised": denoised_photo, "wobble": wobble_photo}
SCANS = {"nozzles": nozzle_scan, "smeared": smeared_scan, "nearest": nearest_scan}
# one-page prints to photograph or scan (a dark-mode page is read on a screen, not printed)
US_PRINTS = {"spreadsheet": spreadsheet_pdf}
UK_PRINTS = {"typewriter": typewriter_pdf, "in-out": in_out_pdf}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh20's designs (its region's) to photograph or scan."""
    pages = UK_PRINTS if region == "uk" else US_PRINTS
    return pages[rng.choice(sorted(pages))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh20_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh20 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
