"""fresh21: the twenty-first held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh21-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh20's):

- a unit printed belongs to the result, wherever it stands;
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column, after the
  range on a wristband, a checklist line or in a calendar entry's description, at the right of a
  tracking slip's name line. UK
  reports and the two-column pages print none (a range bar's marker is not a flag);
- comments and marks are not results: the tube legend and tube names, a range bar's drawing, a
  large-print page's accessibility note, a grid's turned headings and its authoriser's initials, a
  wristband's barcode digits, a tracking slip's steps and times, a panel's coloured band, a calendar
  entry's dates, times, UID and reminder, a checklist's to-do lines (with numbers of their own), a
  rubber stamp's word and date.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a table with a blood-tube column (a coloured cap dot and the tube's name, "Gold SST",
  "Lavender EDTA", before each test) under a legend of the tubes drawn; a patient-friendly table
  whose last column draws a range bar (the range a grey band, the result a marker on it);
- uk-fixed: a large-print accessible report (14-15 point, each result two lines: its name, then the
  value, unit and range); a ruled grid whose narrow columns are headed by names printed turned 90
  degrees (Investigation, Result, Units, Reference range, Comment, Authorised by);
- clinic-slip: a hospital wristband-like strip (a long, 1.8-inch-high band with a barcode and four
  result blocks a row); a specimen tracking slip (a timeline of Collected, Received, Analysed,
  Verified with times, then the results);
- two-column: panels in two columns under coloured heading bands; a landscape two-column page drawn
  turned 90 degrees on a portrait page (its text running up the page);
- portal-text: a clinic's calendar reminder (.ics text) with the results in the event's escaped
  DESCRIPTION, folded at word boundaries; a phone notes-app checklist (ticked boxes before the
  results, a to-do list after them);
- phone-photo: a glare stripe from a window across the page (washed-out band, the window bars
  fainter inside it); a tilt-shift-like shallow focus (a sharp band, the top and bottom blurred); a
  thumb holding the page's lower corner;
- scanned-pdf: a page scanned with the lid open (black all round, the paper's edges shadowed); a
  page punched for a binder (dark holes down the left margin); a page rubber-stamped before it was
  scanned (a tilted red or blue box, "RECEIVED" and a date, its ink uneven, partly over the print).
"""

from __future__ import annotations

import random

from reportlab.lib.pagesizes import A4, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh6 import _jpeg, _noise
from .fresh8 import _grain
from .fresh9 import _done, _image, _masthead, _on_surface
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, _page, _patient_lines, _rng_range
from .fresh16 import _none, _scan_rgb
from .fresh19 import UK_LABS, _dash, _letters, _panel

US_LABS = ["Northgate Clinical Laboratory", "Silver Creek Pathology Services", "Lakeshore Medical Labs"]
# tube cap colour (RGB) and name, by the kind of test it holds
TUBES = {"Lavender EDTA": (0.62, 0.45, 0.78), "Grey fluoride": (0.55, 0.55, 0.58), "Gold SST": (0.9, 0.72, 0.2)}
TODO = ["Book the fasting repeat in 6 weeks", "Ask Dr. about vitamin D 2000 IU a day?",
        "Pharmacy: pick up 90 day supply", "Drink 2 litres of water the day before"]


def _tube(t: Truth) -> str:
    low = t.printed_name.lower()
    if "glucose" in low or "lactate" in low:
        return "Grey fluoride"
    return "Lavender EDTA" if _panel(t) == "Haematology" else "Gold SST"


def _position(t: Truth) -> float | None:
    """Where a value falls on its range bar (0 the low bound, 1 the high one), or None."""
    try:
        value = float(t.value_text.lstrip("<>"))
    except ValueError:
        return None
    low, high = t.range_low, t.range_high
    if low is None and high is None:
        return None
    low = 0.0 if low is None else low
    if high is None:  # an open range: the bar's right third starts at twice the low bound
        high = low * 2 or 1.0
    return (value - low) / ((high - low) or 1.0)


# ---- us-table ------------------------------------------------------------------------------------
def tube_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table with a blood-tube column (a coloured cap dot and the tube's name) under a legend of the tubes."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    y = _masthead(c, 36, height - 44, rng.choice(US_LABS), _patient_lines(person, region)
                  + ["Collected 03/12/2024 07:55   Reported 03/12/2024 13:20   Ordering: Dr. P. Whitcombe"], font, bold)
    counts = {name: sum(_tube(t) == name for t in truth) for name in TUBES}
    c.setFont(font, 7.5)
    y -= 4
    x = 36
    c.drawString(x, y, "Specimen tubes drawn:")
    x += 82
    for name, colour in TUBES.items():
        if counts[name]:
            c.setFillColorRGB(*colour)
            c.circle(x + 4, y + 2.5, 3.5, stroke=0, fill=1)
            c.setFillGray(0)
            c.drawString(x + 11, y, f"{name} x1 ({counts[name]} tests)")
            x += 130
    y -= 22
    xs = [36, 120, 290, 350, 384, 460]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Tube", "Test", "Result", "Flag", "Units", "Reference range"], strict=True):
        c.drawString(x, y, head)
    c.line(36, y - 5, width - 36, y - 5)
    y -= size * 2.2
    for t in truth:
        tube = _tube(t)
        c.setFillColorRGB(*TUBES[tube])
        c.circle(40, y + size * 0.33, size * 0.45, stroke=0, fill=1)
        c.setFillGray(0.35)
        c.setFont(font, size - 1)
        c.drawString(48, y, tube)
        c.setFillGray(0)
        c.setFont(font, size)
        c.drawString(xs[1], y, t.printed_name)
        c.setFont(bold if t.flag else font, size)
        c.drawString(xs[2], y, t.value_text)
        c.drawString(xs[3], y, t.flag or "")
        c.setFont(font, size)
        c.drawString(xs[4], y, t.unit or "")
        c.drawString(xs[5], y, _dash(t))
        y -= size * 2.0
    c.setFont(font, 7)
    c.drawString(36, 44, "Tube colours follow the laboratory's order of draw. H high, L low, HH / LL critical, A abnormal.")
    return _done(c, buf)


def range_bar_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A patient-friendly table whose last column draws a range bar with the result's marker on it."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.5, 9.0])
    y = _masthead(c, 36, height - 44, rng.choice(US_LABS), _patient_lines(person, region)
                  + ["Your results from 03/12/2024   Where your result falls is shown on the right"], font, bold)
    y -= 10
    xs = [36, 190, 250, 280, 360]
    bar_x, bar_w = 450, 120
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Normal range"], strict=True):
        c.drawString(x, y, head)
    c.drawString(bar_x, y, "Your result")
    c.line(36, y - 5, width - 36, y - 5)
    y -= size * 2.4
    for t in truth:
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.setFont(bold, size)
        c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[2], y, t.flag or "")
        c.setFont(font, size)
        c.drawString(xs[3], y, t.unit or "")
        c.drawString(xs[4], y, _dash(t))
        where = _position(t)
        if where is not None:
            c.setFillGray(0.88)
            c.rect(bar_x, y, bar_w, 5, stroke=0, fill=1)
            c.setFillColorRGB(0.55, 0.8, 0.55)
            c.rect(bar_x + bar_w / 3, y, bar_w / 3, 5, stroke=0, fill=1)
            mark = bar_x + bar_w / 3 + bar_w / 3 * max(-0.9, min(1.9, where))
            c.setFillColorRGB(0.1, 0.2, 0.5)
            path = c.beginPath()
            path.moveTo(mark, y + 5)
            path.lineTo(mark - 3.5, y + 11)
            path.lineTo(mark + 3.5, y + 11)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        c.setFillGray(0)
        y -= size * 2.2
    c.setFont(font, 7)
    c.drawString(36, 44, "The green part of each bar is the normal range. Ask your care team what your results mean for you.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def large_print_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A large-print accessible report: each result two lines, its name, then value, unit and range."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, _ = _page(rng, width, height, FACES_SANS, [9.0])
    size = rng.choice([14.0, 15.0])
    c.setFont(bold, 20)
    c.drawString(40, height - 50, "Your blood test results")
    c.setFont(font, 12)
    y = height - 74
    for line in [rng.choice(UK_LABS), f"{person.name}", f"Date of birth {person.dob}   Hospital No. {person.mrn}",
                 "Sample taken 12/03/2024"]:
        c.drawString(40, y, line)
        y -= 16
    y -= 10
    for t in truth:
        if y < 70:
            c.showPage()
            y = height - 50
        c.setFont(bold, size)
        c.drawString(40, y, t.printed_name)
        c.setFont(font, size)
        c.drawString(60, y - size * 1.2, f"{t.value_text} {t.unit or ''}".rstrip() + f"   (normal {_dash(t)})")
        y -= size * 2.9
    c.setFont(font, 11)
    c.drawString(40, max(y, 46), "This letter is in large print. Call 01632 960418 for Braille or audio.")
    return _done(c, buf)


def vertical_heads_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A ruled grid whose narrow columns are headed by names printed vertically (turned 90 degrees)."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.0, 8.5])
    y = _masthead(c, 40, height - 44, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Specimen: Blood   Collected: 12/03/2024 08:35   Authorised: 12/03/2024 16:02"], font, bold)
    xs = [40, 190, 240, 320, 420, 470, width - 40]
    heads = ["Investigation", "Result", "Units", "Reference range", "Comment", "Authorised by"]
    head_h = 78
    top = y - 10
    c.setLineWidth(0.5)
    c.setFont(bold, size)
    for x, head in zip(xs, heads, strict=False):
        c.saveState()
        c.translate(x + size + 2, top - head_h + 4)
        c.rotate(90)
        c.drawString(0, 0, head)
        c.restoreState()
    step = size * 2.0
    rows = len(truth)
    bottom = top - head_h - step * rows
    for x in xs:
        c.line(x, top, x, bottom)
    for n in range(rows + 2):
        line_y = top if n == 0 else top - head_h - step * (n - 1)
        c.line(xs[0], line_y, xs[-1], line_y)
    initials = rng.choice(["JMc", "RKP", "ASW"])
    c.setFont(font, size)
    for n, t in enumerate(truth):
        yy = top - head_h - step * (n + 1) + step * 0.32
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _dash(t), "", initials], strict=False):
            c.drawString(x + 4, yy, cell)
    c.setFont(font, 7)
    c.drawString(40, max(bottom - 20, 40), "Results authorised by the duty biochemist.")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def wristband_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A hospital wristband-like strip: a barcode, the patient, four result blocks a row."""
    _letters(truth, region)
    width, height = 792, 130
    c, buf, font, bold, _ = _page(rng, width, height, FACES_NARROW + FACES_SANS, [7.0])
    c.setFillColorRGB(0.93, 0.96, 1.0)
    c.roundRect(2, 2, width - 4, height - 4, 40, stroke=0, fill=1)
    c.setFillGray(0)
    for k in range(44):  # the band's barcode
        if rng.random() < 0.6:
            c.rect(44 + k * 2.2, 74, rng.choice([0.8, 1.4]), 30, stroke=0, fill=1)
    c.setFont(font, 6)
    c.drawString(44, 66, f"*{rng.randint(10**9, 10**10 - 1)}*")
    c.setFont(bold, 8.5)
    c.drawString(44, 52, person.name)
    c.setFont(font, 6.8)
    c.drawString(44, 42, f"DOB {person.dob}")
    c.drawString(44, 33, f"MRN {person.mrn}")
    c.drawString(44, 24, person.phone)
    block_w = (width - 190) / 4
    for n, t in enumerate(truth):
        x, y = 168 + (n % 4) * block_w, 92 - (n // 4) * 46
        c.setFont(bold, 7.5)
        c.drawString(x, y, t.printed_name)
        c.setFont(bold, 10)
        c.drawString(x, y - 13, t.value_text)
        c.setFont(font, 7)
        c.drawString(x + c.stringWidth(t.value_text, bold, 10) + 4, y - 13, t.unit or "")
        c.drawString(x, y - 24, f"ref {_dash(t)}{'  ' + t.flag if t.flag else ''}")
    return _done(c, buf)


def tracker_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A specimen tracking slip: a timeline of the sample's steps with times, then the results."""
    _letters(truth, region)
    width, height = 226, 560
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.5])
    c.setFont(bold, 10)
    c.drawString(14, height - 26, "Sample tracking")
    c.setFont(font, 7)
    y = height - 40
    for line in [person.name, f"DOB {person.dob}   MRN {person.mrn}", person.phone, rng.choice(US_LABS)]:
        c.drawString(14, y, line)
        y -= 10
    y -= 8
    minutes = 15 + rng.randint(0, 20)
    steps = []
    for step in ["Collected", "Received", "Analysed", "Verified"]:
        steps.append((step, f"{8 + minutes // 60:02d}:{minutes % 60:02d}"))
        minutes += rng.randint(25, 70)
    top = y
    c.setStrokeColorRGB(0.2, 0.5, 0.3)
    c.line(20, top, 20, top - 18 * (len(steps) - 1))
    for step, time in steps:
        c.setFillColorRGB(0.2, 0.5, 0.3)
        c.circle(20, y + 2.5, 3.2, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(bold, 7.5)
        c.drawString(30, y, step)
        c.setFont(font, 7.5)
        c.drawString(90, y, f"03/12  {time}")
        y -= 18
    y -= 6
    c.line(14, y, width - 14, y)
    y -= 14
    for t in truth:
        c.setFont(bold, size)
        c.drawString(14, y, t.printed_name)
        c.drawRightString(width - 14, y, t.flag or "")
        c.setFont(font, size)
        c.drawString(24, y - 10, f"{t.value_text} {t.unit or ''}".rstrip() + f"   ({_dash(t)})")
        y -= 26
    c.setFont(font, 6.5)
    c.drawString(14, 16, "Track your sample at any time in the app.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _rows(c, x: float, y: float, rows: list[Truth], font: str, size: float) -> float:
    c.setFont(font, size)
    for t in rows:
        for dx, cell in zip([0, 92, 124, 198], [t.printed_name, t.value_text, t.unit or "", _dash(t)], strict=True):
            c.drawString(x + dx, y, cell)
        y -= size * 1.9
    return y


def bands_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Panels in two columns under coloured heading bands."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [7.5, 8.0])
    y = _masthead(c, 30, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:25   Reported 12/03/2024 15:40"], font, bold)
    groups: dict[str, list[Truth]] = {}
    for t in truth:
        groups.setdefault(_panel(t), []).append(t)
    colours = [(0.16, 0.42, 0.62), (0.55, 0.22, 0.45), (0.2, 0.5, 0.35)]
    col = (width - 60 - 16) / 2
    top = y - 14
    tops = [top, top]
    for n, (panel, rows) in enumerate(groups.items()):
        k = 0 if tops[0] >= tops[1] else 1
        x, yy = 30 + k * (col + 16), tops[k]
        c.setFillColorRGB(*colours[n % len(colours)])
        c.rect(x - 3, yy - 4, col, size + 8, stroke=0, fill=1)
        c.setFillGray(1)
        c.setFont(bold, size + 1)
        c.drawString(x + 2, yy, panel.upper())
        c.setFillGray(0)
        tops[k] = _rows(c, x, yy - size * 2.4, rows, font, size) - size * 1.2
    c.setFont(font, 7)
    c.drawString(30, 50, "Columns: test, result, units, reference range. Panels under coloured bands.")
    return _done(c, buf)


def sideways_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A landscape two-column page drawn turned 90 degrees on a portrait page (read with the head tilted)."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.0, 8.5])
    c.translate(width, 0)
    c.rotate(90)  # the landscape page's origin at the portrait page's bottom right, its x up the page
    land_w = height
    y = _masthead(c, 40, width - 44, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:25   Landscape print"], font, bold)
    col = (land_w - 80 - 30) / 2
    half = (len(truth) + 1) // 2
    top = y - 16
    for k, rows in enumerate((truth[:half], truth[half:])):
        x = 40 + k * (col + 30)
        c.setFont(bold, size)
        for dx, head in zip([0, 120, 170, 250], ["Test", "Result", "Units", "Range"], strict=True):
            c.drawString(x + dx, top, head)
        c.line(x, top - 4, x + col, top - 4)
        yy = top - size * 2.2
        c.setFont(font, size)
        for t in rows:
            for dx, cell in zip([0, 120, 170, 250], [t.printed_name, t.value_text, t.unit or "", _dash(t)], strict=True):
                c.drawString(x + dx, yy, cell)
            yy -= size * 2.0
    c.setFont(font, 7)
    c.drawString(40, 36, "Printed landscape. Columns: test, result, units, reference range.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _folded(line: str) -> list[str]:
    """An iCalendar content line folded at word boundaries within 75 characters (the next lines start with a space)."""
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > 73:
            out.append(current + " ")  # the space stays, so unfolding (dropping CRLF and one space) keeps it
            current = " " + word
        else:
            current = f"{current} {word}" if current else word
    return [*out, current]


def calendar_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A clinic's calendar reminder (.ics text) with the results in the event's escaped DESCRIPTION."""
    _letters(truth, region)
    day = rng.randint(18, 28)
    parts = [f"Patient: {person.name}\\, DOB {person.dob}\\, MRN {person.mrn}", "Your results from 03/12/2024:"]
    parts += [f"{t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({_rng_range(t)}){' ' + t.flag if t.flag else ''}"
              for t in truth]
    parts.append("Please bring this list to your appointment.")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//CareView Portal//Results Reminder//EN", "BEGIN:VEVENT",
             f"UID:{rng.randint(10**7, 10**8 - 1)}-{person.mrn}@careview.example", "DTSTAMP:20240312T160500Z",
             f"DTSTART:202403{day}T{rng.choice(['0930', '1015', '1400'])}00",
             f"DTEND:202403{day}T{rng.choice(['1000', '1045', '1430'])}00",
             "SUMMARY:Review your lab results with Dr. Okafor",
             f"LOCATION:{rng.choice(US_LABS)}\\, Suite {rng.randint(100, 400)}"]
    lines += _folded("DESCRIPTION:" + "\\n".join(parts))
    lines += ["BEGIN:VALARM", "TRIGGER:-PT24H", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "END:VALARM", "END:VEVENT",
              "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def checklist_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A phone notes-app checklist: ticked boxes before the results, a to-do list after them."""
    _letters(truth, region)
    out = [f"Blood results {rng.choice(['12 Mar', 'March 12'])}", "",
           f"{person.name} / DOB {person.dob} / MRN {person.mrn}", ""]
    out += [f"\u2611 {t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({_rng_range(t)}){' ' + t.flag if t.flag else ''}"
            for t in truth]
    out += ["", "To do:"] + [f"\u2610 {item}" for item in rng.sample(TODO, 3)]
    out += ["", f"Edited {rng.randint(2, 9)}:{rng.randint(10, 59)} PM"]
    return "\n".join(out).encode()


# ---- photos --------------------------------------------------------------------------------------
def glare_photo(page, rng: random.Random) -> bytes:
    """A glare stripe from a window across the page: a washed-out band, the window bars fainter inside it."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(150, 130, 100), (90, 88, 86), (200, 196, 188)], 3.0, 0.01)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    slope = rng.uniform(-0.35, 0.35)
    across = (yy - h * rng.uniform(0.14, 0.34)) - slope * (xx - w / 2)  # over the results
    half = h * rng.uniform(0.05, 0.08)
    strength = rng.uniform(0.45, 0.6) * np.clip(1 - np.abs(across) / half, 0, 1) ** 0.8
    along = xx + slope * yy
    bars = (np.mod(along, w * 0.3) < w * 0.012).astype(np.float32)  # the window's frame
    strength = strength * (1 - 0.5 * bars)
    out = shot * (1 - strength[..., None]) + 255 * strength[..., None]
    return _jpeg(_image(_grain(out, rng, np_rng, (2, 4))), rng.randint(80, 92))


def tilt_shift_photo(page, rng: random.Random) -> bytes:
    """A shallow focus: a sharp band across the page, the top and bottom blurred more the further off it."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(120, 104, 90), (70, 74, 80), (180, 170, 150)], 3.0, 0.01)
    h = shot.shape[0]
    image = _image(shot)
    soft = np.asarray(image.filter(ImageFilter.GaussianBlur(rng.uniform(1.2, 1.6))), dtype=np.float32)
    blurred = np.asarray(image.filter(ImageFilter.GaussianBlur(rng.uniform(2.6, 3.2))), dtype=np.float32)
    centre, sharp = h * rng.uniform(0.4, 0.55), h * rng.uniform(0.18, 0.24)
    off = np.clip((np.abs(np.arange(h, dtype=np.float32) - centre) - sharp) / (h * 0.25), 0, 2)[:, None, None]
    out = np.where(off < 1, shot * (1 - off) + soft * off, soft * (2 - off) + blurred * (off - 1))
    return _jpeg(_image(_grain(out, rng, np_rng, (2, 4))), rng.randint(80, 92))


def thumb_photo(page, rng: random.Random) -> bytes:
    """A thumb holding the page's lower corner: a shaded skin-coloured oval over the corner, its shadow beside it."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(96, 90, 84), (160, 140, 120), (60, 64, 70)], 3.0, 0.01)
    h, w = shot.shape[:2]
    right = rng.random() < 0.5
    cx = w * (rng.uniform(0.9, 0.95) if right else rng.uniform(0.05, 0.1))
    cy = h * rng.uniform(0.93, 0.97)
    rx, ry = w * rng.uniform(0.06, 0.08), h * rng.uniform(0.07, 0.09)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    shadow = (((xx - cx + (-1 if right else 1) * rx * 0.25) / (rx * 1.1)) ** 2 + ((yy - cy + ry * 0.2) / (ry * 1.1)) ** 2 < 1)
    shadow = np.asarray(_image(shadow.astype(np.float32) * 255).convert("L").filter(ImageFilter.GaussianBlur(12)),
                        dtype=np.float32)[..., None] / 255
    out = shot * (1 - 0.4 * shadow)
    d = ((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2
    skin = np.array(rng.choice([(224, 172, 140), (196, 140, 104), (140, 96, 70)]), dtype=np.float32)
    shade = np.clip(1.05 - 0.35 * d, 0.6, 1.05)[..., None]
    inside = (d < 1)[..., None]
    out = np.where(inside, skin * shade, out)
    nail = ((xx - cx) / (rx * 0.45)) ** 2 + ((yy - cy + ry * 0.45) / (ry * 0.35)) ** 2 < 1
    out[nail] = out[nail] * 0.8 + 50
    return _jpeg(_image(_grain(out, rng, np_rng, (2, 4))), rng.randint(80, 92))


# ---- scans ---------------------------------------------------------------------------------------
def lid_open_scan(page, rng: random.Random) -> bytes:
    """A page scanned with the lid open: black all round the paper, the paper's edges shadowed."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h, w = pixels.shape[:2]
    scale = rng.uniform(0.9, 0.94)
    small = np.asarray(page.convert("RGB").resize((int(w * scale), int(h * scale))), dtype=np.float32)
    out = np.full_like(pixels, rng.uniform(8, 22))
    top, left = int(h * rng.uniform(0.01, 1 - scale - 0.01)), int(w * rng.uniform(0.01, 1 - scale - 0.01))
    sh, sw = small.shape[:2]
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    edge = np.minimum(np.minimum(yy, sh - 1 - yy), np.minimum(xx, sw - 1 - xx))
    dark = 1 - 0.45 * np.exp(-edge / rng.uniform(14, 24))  # the lifted edge away from the glass
    out[top:top + sh, left:left + sw] = small * dark[..., None]
    return _scan_rgb(out, rng)


def punched_scan(page, rng: random.Random) -> bytes:
    """A page punched for a binder: dark holes down the left margin, a grey ring round each."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32).copy()
    h, w = pixels.shape[:2]
    radius = w * rng.uniform(0.012, 0.016)
    cx = w * rng.uniform(0.035, 0.045)
    count = rng.choice([2, 3, 4])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    for n in range(count):
        cy = h * (0.5 + (n - (count - 1) / 2) * (0.5 / max(count - 1, 1) if count > 2 else 0.22))
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
        pixels[d < radius * 1.25] *= 0.8
        pixels[d < radius] = rng.uniform(25, 45)
    return _scan_rgb(pixels, rng)


def stamped_scan(page, rng: random.Random) -> bytes:
    """A page rubber-stamped before scanning: a tilted red or blue box stamp ("RECEIVED" and a date) partly
    over the print, its ink uneven."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    w = pixels.shape[1]
    size = int(w * 0.035)
    stamp = Image.new("L", (size * 9, size * 4), 0)
    pen = ImageDraw.Draw(stamp)
    pen.rectangle((4, 4, size * 9 - 5, size * 4 - 5), outline=255, width=max(3, size // 8))
    font = ImageFont.load_default(size=size)
    pen.text((size * 0.6, size * 0.5), rng.choice(["RECEIVED", "SCANNED", "ACTIONED"]), fill=255, font=font)
    pen.text((size * 0.6, size * 2.1), f"{rng.randint(13, 19)} MAR 2024", fill=255, font=font)
    stamp = stamp.rotate(rng.uniform(-18, 18), expand=True, resample=Image.Resampling.BICUBIC)
    ink = np.asarray(stamp, dtype=np.float32) / 255 * _noise(rng).uniform(0.45, 0.9, (stamp.height, stamp.width))
    sh, sw = ink.shape
    top, left = int(pixels.shape[0] * rng.uniform(0.03, 0.12)), int(w * rng.uniform(0.45, 0.95) - sw * 0.5)
    left = max(0, min(left, w - sw))
    colour = np.array(rng.choice([(200, 40, 50), (40, 60, 170)]), dtype=np.float32)
    region = pixels[top:top + sh, left:left + sw]
    alpha = ink[:region.shape[0], :region.shape[1], None]
    pixels = pixels.copy()
    pixels[top:top + sh, left:left + sw] = region * (1 - alpha) + np.minimum(region, colour) * alpha
    return _scan_rgb(pixels, rng)


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"tube": tube_pdf, "range-bar": range_bar_pdf}
UK_PAGES = {"large-print": large_print_pdf, "vertical-heads": vertical_heads_pdf}
SLIPS = {"wristband": wristband_pdf, "tracker": tracker_pdf}
TWO = {"bands": bands_pdf, "sideways": sideways_pdf}
PORTAL = {"calendar": calendar_text, "checklist": checklist_text}
PHOTOS = {"glare": glare_photo, "tilt-shift": tilt_shift_photo, "thumb": thumb_photo}
SCANS = {"lid-open": lid_open_scan, "punched": punched_scan, "stamped": stamped_scan}
# one-page prints to photograph or scan (a large-print report may run to two pages; a sideways page is not photographed)
US_PRINTS = {"tube": tube_pdf, "range-bar": range_bar_pdf}
UK_PRINTS = {"vertical-heads": vertical_heads_pdf, "bands": bands_pdf}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh21's designs (its region's) to photograph or scan."""
    pages = UK_PRINTS if region == "uk" else US_PRINTS
    return pages[rng.choice(sorted(pages))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh21_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh21 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
