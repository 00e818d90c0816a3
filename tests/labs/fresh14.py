"""fresh14: the fourteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh14-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh13's):

- a unit printed belongs to the result, wherever it stands (its own column, a small line under the
  value in the value's cell, an INI file's `units =` key, a timeline entry's detail);
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range; a range after a "ref" word is the range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters, or the Status column's words ("High", "Low", "Abnormal";
  "Normal" is no flag). A separate "Critical" column's mark says the value was critical; the flag is
  still the Status word. UK reports print none;
- comments and marks are not results: a panel's rotated name in the margin, a listing's line
  numbers and tractor-feed holes, a Telepath-like print's test codes, analysis times and "Clinical
  details" request text, a sports screening's height, weight, heart rate, blood pressure, VO2max
  and sit-and-reach, a diabetes review's foot, eye and blood pressure checks and personal targets
  ("Your A1c goal: below 7.0%"), a newsletter's prose paragraphs (advice with numbers), a health
  timeline's vital signs, medicines and older results (earlier dates; the newest entry of a test is
  the truth), an INI export's collection times, a tape strip, binder rings, a torn-off corner,
  toner streaks and a drum's ghost image, and a specimen barcode label's numbers.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: results in light shaded bands by panel, each panel's name printed rotated (vertical) in
  a dark strip in the left margin; a table with a "Status" column of words (Normal / High / Low /
  Abnormal) and a separate "Critical" column; a table whose every value has its unit printed under
  it, small and grey, in the same cell;
- uk-fixed: a print on green-bar continuous stationery (pale green bands, tractor-feed holes down
  both margins, a four-digit line-number gutter); a Telepath-like print with a test code and an
  analysis time before each result and a "Clinical details:" request text holding numbers;
- clinic-slip: a sports-medicine pre-participation screening sheet (height, weight, resting heart
  rate, VO2max, sit-and-reach above the blood screen); a diabetes annual review card (foot check, eye
  screening, blood pressure and personal targets above the results);
- two-column: a patient newsletter-like page in two prose columns, the results in shaded side boxes
  between the paragraphs; two columns of right-aligned labels ending in a colon, the value, unit and
  range after them;
- portal-text: a portal's "health timeline" copied as text (date, entry type LAB / VITALS / MED /
  NOTE, item, detail; older lab entries further down); an INI-style export, one `[result.N]` section
  per test with `test =`, `value =`, `units =`, `reference =`, `flag =` keys;
- phone-photo: a page in dappled sunlight under a tree (soft irregular bright patches, green-tinted
  shade); a page taped to a painted wall (translucent tape strips over the top corners, the page's
  soft shadow on the wall); a page in a ring binder (punched holes with the metal rings over them,
  the binder's cover round it, the page bowing into shadow by the rings);
- scanned-pdf: a scan of a page with a right-hand corner torn off (a ragged tear, the scanner lid's
  grey-white where the paper is missing); a laser print scanned with a low-toner faded band down the
  page and a faint drum ghost of the masthead repeated in the page's blank lower part; a scan with a
  specimen barcode label stuck crooked on the top right of the header.
"""

from __future__ import annotations

import math
import random
import re

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh5 import _face
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _array, _done, _image, _masthead, _on_surface, _start
from .fresh10 import _grey_scan
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, MONO, _page, _patient_lines, _rng_range

LABS = ["Bluestem Valley Clinical Laboratory", "Larkspur Diagnostic Services", "Ironwood Regional Medical Lab"]
TRUSTS = ["St. Brigid's University Hospital - Clinical Chemistry", "Tamar Valley NHS Trust - Pathology",
          "Wexmoor District General Hospital - Blood Sciences"]
PANELS = ["CHEMISTRY", "HEMATOLOGY", "LIPIDS", "ENDOCRINE / OTHER"]
PANEL_SHORT = ["CHEM", "HEME", "LIPID", "OTHER"]
PANEL_WORDS = {1: ("hemoglobin", "haemoglobin", "hematocrit", "haematocrit", "wbc", "white", "platelet", "mcv", "hb"),
               2: ("cholesterol", "ldl", "hdl", "triglycerides"),
               3: ("tsh", "t4", "ferritin", "b12", "vitamin", "psa", "crp", "c-reactive", "inr", "urine", "a1c")}
STATUS_WORDS = {"H": "High", "L": "Low", "HH": "High", "LL": "Low", "A": "Abnormal"}
CLINICAL = ["Tired all the time, on levothyroxine 75 mcg. ?anaemia", "Annual review. BP 152/94 last visit.",
            "Lethargy 3/12, weight loss 4 kg. On metformin 500 mg bd", "Pre-op bloods, hip replacement 22/03"]
ADVICE = ["Most adults do well with about 150 minutes of moderate activity a week, such as brisk walking for 30 "
          "minutes on 5 days.", "Try to keep to no more than 14 units of alcohol a week, spread over 3 or more days.",
          "Aim for 5 portions of fruit and vegetables a day and 2 portions of fish a week, one of them oily.",
          "Drink 6 to 8 glasses of fluid a day; more in hot weather or when you exercise.",
          "If you smoke, stopping is the single best thing for your heart: free support is on 0300 123 1044.",
          "Your next blood test is due in 12 months; the surgery will send you a reminder 2 weeks before."]
BOXES = ["Your results - part 1", "Your results - part 2", "Your results - part 3", "Your results - part 4"]


def _panel_of(t: Truth) -> int:
    name = t.printed_name.lower()
    for index, words in PANEL_WORDS.items():
        if any(word in name for word in words) and not (index == 1 and ("a1c" in name or "urine" in name)):
            return index
    return 0


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _status_words(truth: list[Truth], region: str) -> None:
    for t in truth:
        t.flag = None if region == "uk" or not t.flag else STATUS_WORDS.get(t.flag, t.flag)


# ---- us-table ------------------------------------------------------------------------------------
def rotated_panel_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results in shaded bands by panel, each panel's name rotated in a dark strip in the left margin."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.5, 9.0])
    y = _masthead(c, 40, height - 46, rng.choice(LABS), _patient_lines(person, region)
                  + ["Collected 03/12/2024 07:55   Reported 03/12/2024 14:20   Physician: Dr. A. Whitcombe"], font, bold)
    y -= 12
    xs = [74, 238, 290, 318, 396]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Range"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= 10
    row = size * 2.0
    shade = rng.choice([0.9, 0.92, 0.94])
    for index, panel in enumerate(PANELS):
        rows = [t for t in truth if _panel_of(t) == index]
        if not rows:
            continue
        top, band = y, row * len(rows)
        c.setFillGray(shade)
        c.rect(62, top - band, width - 102, band, stroke=0, fill=1)
        c.setFillGray(0.3)
        c.rect(40, top - band, 18, band, stroke=0, fill=1)
        c.setFillGray(1)
        label = panel if c.stringWidth(panel, bold, 7) < band - 4 else PANEL_SHORT[index]
        label_size = min(7.0, (band - 4) / max(c.stringWidth(label, bold, 1), 1))
        c.saveState()
        c.translate(52, top - band / 2)
        c.rotate(90)
        c.setFont(bold, label_size)
        c.drawCentredString(0, 0, label)
        c.restoreState()
        c.setFillGray(0)
        c.setFont(font, size)
        yy = top - row * 0.68
        for t in rows:
            for x, cell in zip(xs, [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")],
                               strict=True):
                c.drawString(x, yy, cell)
            yy -= row
        y = top - band - 4
    c.setFont(font, 7)
    c.drawString(40, 36, "Results are shaded by panel; the panel's name is printed in the margin.   Page 1 of 1")
    return _done(c, buf)


def status_critical_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table with a Status column of words (Normal / High / Low / Abnormal) and a separate Critical column."""
    _status_words(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SERIF, [8.5, 9.0])
    y = _masthead(c, 40, height - 44, rng.choice(LABS) + " - Laboratory Report", _patient_lines(person, region)
                  + ["Specimen collected 03/12/2024 08:12   Final"], font, bold)
    y -= 12
    xs = [40, 200, 252, 336, 430, 492]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Units", "Reference Range", "Status", "Critical"], strict=True):
        c.drawString(x, y, head)
    c.setLineWidth(1.2)
    c.line(40, y - 4, width - 40, y - 4)
    c.setLineWidth(1)
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        for x, cell in zip(xs[:4], [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")], strict=True):
            c.drawString(x, y, cell)
        c.setFont(bold if t.flag else font, size)
        c.drawString(xs[4], y, t.flag or "Normal")
        if t.critical:
            c.setFillColorRGB(0.75, 0.0, 0.0)
            c.drawString(xs[5], y, "CRITICAL")
            c.setFillGray(0)
        y -= size * 1.9
    c.setFont(font, 7)
    c.drawString(40, 40, "Status compares the result with the reference range. CRITICAL: the value was telephoned to the "
                         "ordering clinician.")
    return _done(c, buf)


def unit_under_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table whose every value has its unit printed under it, small and grey, in the same cell."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [9.0, 9.5])
    y = _masthead(c, 44, height - 46, rng.choice(LABS), _patient_lines(person, region)
                  + ["Date of service 03/12/2024   Ordering provider: Dr. M. Quintero"], font, bold)
    y -= 12
    xs = [44, 230, 310, 420]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test Name", "Result", "Reference Range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(44, y - 4, width - 44, y - 4)
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[2], y, _rng_range(t, "{low} - {high}"))
        c.drawString(xs[3], y, t.flag or "")
        if t.unit:
            c.setFont(font, size - 2.5)
            c.setFillGray(0.45)
            c.drawString(xs[1], y - size * 0.95, t.unit)
            c.setFillGray(0)
        c.setStrokeGray(0.8)
        c.line(44, y - size * 1.35, width - 44, y - size * 1.35)
        c.setStrokeGray(0)
        y -= size * 2.45
    c.setFont(font, 7)
    c.drawString(44, 36, "Each result's unit is printed beneath it.   H high, L low, HH / LL critical.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def green_bar_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A print on green-bar continuous stationery: pale green bands, tractor-feed holes down both
    margins and a four-digit line-number gutter."""
    for t in truth:
        t.flag = None
    width, height = 9.5 * 72, 11 * 72
    c, buf = _start(width, height)
    font = _face(rng.choice(MONO)[0])
    size, step = 9.0, 12.0
    band = 3  # lines per band
    top = height - 36
    c.setFillColorRGB(0.85, 0.94, 0.86)
    for k in range(0, int((top - 30) / step), band * 2):
        c.rect(36, top - (k + band) * step + 3, width - 72, band * step, stroke=0, fill=1)
    c.setFillGray(0.82)
    for y in range(24, int(height), 36):  # tractor-feed holes, half an inch apart
        c.circle(16, y, 5, stroke=0, fill=1)
        c.circle(width - 16, y, 5, stroke=0, fill=1)
    c.setStrokeGray(0.75)
    c.setDash(1, 3)
    c.line(30, 0, 30, height)
    c.line(width - 30, 0, width - 30, height)
    c.setDash()
    c.setStrokeGray(0)
    c.setFillGray(0)
    lines = [rng.choice(TRUSTS).upper(), "RESULTS LISTING - SINGLE EPISODE", "",
             f"PATIENT : {person.name}", f"DOB     : {person.dob}      HOSP NO : {person.mrn}",
             f"ADDRESS : {person.address}", f"PHONE   : {person.phone}", "SAMPLED : 12.03.24 08:40   LOCATION: OPD 3", "",
             f"{'TEST':<24}{'RESULT':<10}{'UNITS':<15}RANGE", "-" * 62]
    lines += [f"{t.printed_name:<24}{t.value_text:<10}{t.unit or '':<15}{_rng_range(t, '{low} - {high}')}" for t in truth]
    lines += ["-" * 62, "*** END OF LISTING ***"]
    c.setFont(font, size)
    for k, line in enumerate(lines):
        y = top - (k + 1) * step + 6
        c.setFillGray(0.5)
        c.drawString(40, y, f"{k + 1:04d}")
        c.setFillGray(0)
        c.drawString(76, y, line)
    return _done(c, buf)


def _code(t: Truth) -> str:
    return re.sub(r"[^A-Z0-9]", "", t.printed_name.upper())[:4]


def telepath_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Telepath-like print: a test code and an analysis time before each result, and a "Clinical
    details:" request text holding numbers of its own."""
    for t in truth:
        t.flag = None
    width, height = A4
    c, buf = _start(width, height)
    font, bold = (_face(name) for name in rng.choice(MONO))
    size = rng.choice([8.0, 8.5])
    c.setFont(bold, 10)
    c.drawString(40, height - 42, rng.choice(TRUSTS))
    c.setFont(font, size)
    y = height - 62
    for line in [f"Name: {person.name:<30} DOB: {person.dob}", f"Hosp No: {person.mrn:<27} Tel: {person.phone}",
                 f"Address: {person.address}", "Source: GP - Abbeyfield Surgery    Lab No: B,24.7731250.K",
                 f"Clinical details: {rng.choice(CLINICAL)}", "Received: 12.03.24 10:05   Authorised: 12.03.24 14:51"]:
        c.drawString(40, y, line)
        y -= size * 1.45
    y -= size
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Code':<6}{'Time':<7}{'Test':<24}{'Result':<9}{'Units':<15}Ref. range")
    y -= size * 1.6
    c.setFont(font, size)
    clock = rng.randint(9 * 60 + 5, 11 * 60)
    for t in truth:
        clock += rng.randint(0, 4)
        c.drawString(40, y, f"{_code(t):<6}{clock // 60:02d}:{clock % 60:02d}  {t.printed_name:<24}{t.value_text:<9}"
                            f"{t.unit or '':<15}{_rng_range(t, '{low}-{high}')}")
        y -= size * 1.45
    y -= size
    c.drawString(40, y, "Code: the analyser's test code. Time: when the sample was analysed.")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def _slip_table(c, truth: list[Truth], xs: list[float], heads: list[str], y: float, font: str, bold: str, size: float,
                right: float) -> float:
    c.setFont(bold, size)
    for x, head in zip(xs, heads, strict=True):
        c.drawString(x, y, head)
    c.line(xs[0], y - 3, right, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    return y


def sports_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A sports-medicine pre-participation screening sheet: body measures and fitness tests, then the blood screen."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.5, 8.0])
    c.setFillColorRGB(0.05, 0.35, 0.3)
    c.rect(0, height - 40, width, 40, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 11)
    c.drawString(24, height - 26, "SPORTS MEDICINE - PRE-PARTICIPATION SCREENING")
    c.setFillGray(0)
    c.setFont(font, 7.5)
    y = height - 56
    height_cm, weight = rng.randint(160, 195), round(rng.uniform(55, 95), 1)
    for line in [f"Athlete: {person.name}   DOB: {person.dob}   ID: {person.mrn}", f"Phone: {person.phone}",
                 f"Sport: {rng.choice(['Rowing', 'Soccer', 'Track (800 m)', 'Cycling', 'Basketball'])}   Season 2024   "
                 "Screened 03/12/2024",
                 f"Height {height_cm} cm   Weight {weight} kg   Resting HR {rng.randint(44, 66)} bpm   "
                 f"BP {rng.randint(104, 128)}/{rng.randint(62, 80)}",
                 f"VO2max (est.) {rng.randint(42, 64)} mL/kg/min   Sit-and-reach +{rng.randint(2, 14)} cm   "
                 f"Body fat {rng.randint(8, 22)}%"]:
        c.drawString(24, y, line)
        y -= 10.5
    y -= 8
    c.setFont(bold, 8.5)
    c.drawString(24, y, "BLOOD SCREEN")
    y -= 14
    y = _slip_table(c, truth, [24, 132, 176, 246, 330], ["Test", "Result", "Units", "Reference", "Flag"], y, font, bold,
                    size, width - 24)
    c.setFont(font, 6.8)
    c.drawString(24, y - 6, "Cleared for participation pending review of flagged results.  Team physician: Dr. K. Osei")
    return _done(c, buf)


def diabetes_review_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A diabetes annual review card: foot, eye and blood pressure checks and personal targets, then the results."""
    _letters(truth, region)
    width, height = 110 * 72 / 25.4, 160 * 72 / 25.4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.0, 7.5])
    c.setStrokeColorRGB(0.1, 0.3, 0.65)
    c.setLineWidth(2)
    c.rect(8, 8, width - 16, height - 16, stroke=1, fill=0)
    c.setLineWidth(1)
    c.setStrokeGray(0)
    c.setFont(bold, 10)
    c.drawString(16, height - 30, "DIABETES ANNUAL REVIEW")
    c.setFont(font, 6.8)
    y = height - 44
    for line in [f"Name: {person.name}", f"DOB: {person.dob}   MRN: {person.mrn}", f"Tel: {person.phone}",
                 "Review date: 03/12/2024   Clinic: Diabetes Education Center",
                 f"Foot check: {rng.choice(['low risk, pulses present', 'moderate risk, callus L heel'])}",
                 f"Eye screening: {rng.randint(1, 28):02d}/01/2024, no retinopathy",
                 f"Blood pressure today {rng.randint(118, 150)}/{rng.randint(68, 92)} mmHg",
                 "Your goals: A1c below 7.0%, BP below 130/80, 150 min activity a week"]:
        c.drawString(16, y, line)
        y -= 9
    y -= 6
    y = _slip_table(c, truth, [16, 100, 132, 196, 262], ["Test", "Today", "Units", "Normal", "Flag"], y, font, bold, size,
                    width - 16)
    c.setFont(font, 6.2)
    c.drawString(16, y - 4, "Bring this card to your next review in 12 months.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _wrapped(c, text: str, font: str, size: float, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def side_boxes_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A newsletter-like page in two prose columns, the results in shaded side boxes between paragraphs."""
    for t in truth:
        t.flag = None  # the boxes print no flag
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.5, 8.0])
    c.setFont(bold, 16)
    c.drawString(36, height - 48, "Your Health Check Results")
    c.setFont(font, 8.5)
    y = height - 66
    for line in [rng.choice(LABS if region == "us" else TRUSTS), *_patient_lines(person, region), "Blood taken 12/03/2024"]:
        c.drawString(36, y, line)
        y -= 11
    c.line(36, y + 2, width - 36, y + 2)
    col = (width - 72 - 18) / 2
    quarters = [truth[k * len(truth) // 4:(k + 1) * len(truth) // 4] for k in range(4)]
    advice = rng.sample(ADVICE, 4)
    top = y - 14
    for k in range(2):
        x, yy = 36 + k * (col + 18), top
        for part in (2 * k, 2 * k + 1):
            c.setFont(font, 8.5)
            for line in _wrapped(c, advice[part], font, 8.5, col):
                c.drawString(x, yy, line)
                yy -= 11
            yy -= 6
            rows = quarters[part]
            box = size * 1.8 * len(rows) + 26
            c.setFillColorRGB(0.9, 0.94, 0.98)
            c.roundRect(x, yy - box, col, box, 5, stroke=0, fill=1)
            c.setFillGray(0)
            c.setFont(bold, 8.5)
            c.drawString(x + 6, yy - 12, BOXES[part])
            ry = yy - 26
            c.setFont(font, size)
            for t in rows:
                for dx, cell in zip((6, 112, 140, 206), [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")],
                                    strict=True):
                    c.drawString(x + dx, ry, cell)
                ry -= size * 1.8
            yy -= box + 14
    c.setFont(font, 7)
    c.drawString(36, 30, "Questions about these results? Ring the practice after 2 pm.")
    return _done(c, buf)


def label_colon_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two columns of right-aligned labels ending in a colon, the value, unit and range after them."""
    for t in truth:
        t.flag = None  # the columns print no flag
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    y = _masthead(c, 36, height - 42, rng.choice(LABS if region == "us" else TRUSTS), _patient_lines(person, region)
                  + ["Sample date 12/03/2024   Report status: Complete"], font, bold)
    y -= 16
    col = (width - 72) / 2
    half = (len(truth) + 1) // 2
    for k in range(2):
        x = 36 + k * col
        c.setFont(bold, size)
        c.drawString(x + 118, y, "Result")
        c.drawString(x + 212, y, "Range")
        yy = y - size * 2
        c.setFont(font, size)
        for t in truth[k * half:(k + 1) * half]:
            c.drawRightString(x + 112, yy, t.printed_name + ":")
            c.drawString(x + 118, yy, t.value_text)
            c.drawString(x + 148, yy, t.unit or "")
            c.drawString(x + 212, yy, _rng_range(t, "{low}-{high}"))
            yy -= size * 1.9
    c.setStrokeGray(0.6)
    c.line(36 + col - 6, y + 10, 36 + col - 6, y - size * 1.9 * (half + 1))
    c.setStrokeGray(0)
    c.setFont(font, 7)
    c.drawString(36, 30, "Labels are followed by the result, its unit and the laboratory's reference range.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _older(rng: random.Random, t: Truth) -> str | None:
    try:
        number = float(t.value_text)
    except ValueError:
        return None
    places = len(t.value_text.split(".")[1]) if "." in t.value_text else 0
    other = f"{number * rng.uniform(0.85, 1.15):.{places}f}"
    return None if other == t.value_text else other


def timeline_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A portal's health timeline copied as text: date, entry type, item, detail; older entries below."""
    _letters(truth, region)
    out = ["Health Timeline - copied from MyCare Connect", f"Patient: {person.name}   DOB: {person.dob}   MRN: {person.mrn}",
           f"Phone: {person.phone}", "", f"{'Date':<12}{'Type':<8}{'Item':<28}Detail",
           f"{'03/12/2024':<12}{'VITALS':<8}{'Blood pressure':<28}{rng.randint(112, 146)}/{rng.randint(68, 90)} mmHg",
           f"{'03/12/2024':<12}{'VITALS':<8}{'Weight':<28}{rng.randint(120, 230)} lb"]
    for t in truth:
        detail = f"{t.value_text}{' ' + t.unit if t.unit else ''}   ref {_rng_range(t, '{low}-{high}')}"
        out.append(f"{'03/12/2024':<12}{'LAB':<8}{t.printed_name:<28}{detail}{'   ' + t.flag if t.flag else ''}")
    out += [f"{'03/12/2024':<12}{'NOTE':<8}{'Visit note':<28}Annual physical; labs reviewed, follow up in 6 months",
            f"{'02/20/2024':<12}{'MED':<8}{'Lisinopril':<28}10 mg tablet, once daily",
            f"{'11/08/2023':<12}{'VITALS':<8}{'Blood pressure':<28}{rng.randint(112, 146)}/{rng.randint(68, 90)} mmHg"]
    for t in rng.sample(truth, 3):
        old = _older(rng, t)
        if old is not None:
            out.append(f"{'11/08/2023':<12}{'LAB':<8}{t.printed_name:<28}{old}{' ' + t.unit if t.unit else ''}   "
                       f"ref {_rng_range(t, '{low}-{high}')}")
    return "\n".join(out).encode() + b"\n"


def ini_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An INI-style export: one [result.N] section per test with test, value, units, reference and flag keys."""
    _letters(truth, region)
    out = ["; Results export - HealthVault Sync 2.4", "; one section per result", "", "[patient]", f"name = {person.name}",
           f"dob = {person.dob}", f"mrn = {person.mrn}", f"phone = {person.phone}", ""]
    for k, t in enumerate(truth):
        out += [f"[result.{k + 1}]", f"test = {t.printed_name}", f"value = {t.value_text}"]
        if t.unit:
            out.append(f"units = {t.unit}")
        out.append(f"reference = {_rng_range(t, '{low} - {high}')}")
        out.append(f"flag = {t.flag or ''}")
        out += [f"collected = 2024-03-12 08:{rng.randint(10, 40):02d}", ""]
    return "\n".join(out).encode()


# ---- photos --------------------------------------------------------------------------------------
def _smooth_field(rng: random.Random, np_rng, w: int, h: int, cells: int):
    """A smooth random field in 0..1 the size of the photo (coarse noise scaled up)."""
    import numpy as np
    from PIL import Image

    coarse = np_rng.random((max(2, cells * h // w), cells)).astype(np.float32)
    field = np.asarray(Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC),
                       dtype=np.float32) / 255
    return np.clip(field, 0, 1)


def dappled_photo(page, rng: random.Random) -> bytes:
    """A page in dappled sunlight under a tree: soft irregular bright patches, green-tinted shade."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(120, 135, 95), (150, 140, 120)], 3.0, 0.01)
    h, w = shot.shape[:2]
    field = _smooth_field(rng, np_rng, w, h, rng.randint(7, 11))
    sun = 1 / (1 + np.exp(-(field - 0.5) * rng.uniform(10, 16)))  # soft-edged patches
    shade = np.array((0.55, 0.62, 0.5), dtype=np.float32) * rng.uniform(0.95, 1.1)
    light = np.array((1.08, 1.04, 0.94), dtype=np.float32)
    shot = shot * (shade + (light - shade) * sun[..., None])
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


def taped_wall_photo(page, rng: random.Random) -> bytes:
    """A page taped to a painted wall: translucent tape strips over the top corners, its soft shadow."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    fw, fh = int(pw * 1.16), int(ph * 1.1)
    wall = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(214, 205, 186), (190, 204, 210), (222, 216, 206)]),
                                                            dtype=np.float32)
    wall = wall * (0.94 + 0.06 * _smooth_field(rng, np_rng, fw, fh, 40)[..., None])
    ox, oy = (fw - pw) // 2 + rng.randint(-10, 10), (fh - ph) // 2 + rng.randint(-10, 10)
    shadow = np.zeros((fh, fw), dtype=np.float32)
    shadow[oy + 12:oy + ph + 12, ox + 10:ox + pw + 10] = 1
    shadow = np.asarray(Image.fromarray((shadow * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(14)),
                        dtype=np.float32) / 255
    wall = wall * (1 - 0.35 * shadow[..., None])
    # the page bows a little between the tapes: soft light and dark waves across it
    waves = 1 + 0.04 * np.sin(np.linspace(0, rng.uniform(2.5, 4.5) * math.pi, pw, dtype=np.float32))
    wall[oy:oy + ph, ox:ox + pw] = _array(page) * waves[None, :, None]
    image = _image(wall).convert("RGBA")
    tape = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(tape)
    long, wide = pw * 0.14, pw * 0.04
    for cx, cy, turn in ((ox, oy, 45), (ox + pw, oy, -45)):
        a = math.radians(turn + rng.uniform(-8, 8))
        ux, uy, vx, vy = math.cos(a), math.sin(a), -math.sin(a), math.cos(a)
        corners = [(cx + sx * long / 2 * ux + sy * wide / 2 * vx, cy + sx * long / 2 * uy + sy * wide / 2 * vy)
                   for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))]
        draw.polygon(corners, fill=(245, 240, 215, 95), outline=(255, 255, 250, 150))
    image = Image.alpha_composite(image, tape).convert("RGB")
    shot = _on_surface(image, rng, (1.02, 1.02), [(200, 195, 180)], 2.0, 0.01)
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


def ring_binder_photo(page, rng: random.Random) -> bytes:
    """A page in a ring binder: punched holes with the metal rings over them, the cover round the page,
    the page bowing into shadow by the rings."""
    import numpy as np
    from PIL import ImageDraw

    np_rng = _noise(rng)
    pw, ph = page.size
    fw, fh = int(pw * 1.2), int(ph * 1.08)
    cover = rng.choice([(30, 45, 90), (120, 25, 30), (35, 35, 38)])
    frame = np.ones((fh, fw, 3), dtype=np.float32) * np.array(cover, dtype=np.float32)
    ox, oy = int(pw * 0.14), (fh - ph) // 2
    bow = np.ones(pw, dtype=np.float32)
    edge = int(pw * 0.1)
    bow[:edge] = 0.7 + 0.3 * np.linspace(0, 1, edge) ** 0.6  # the page curls up towards the rings
    frame[oy:oy + ph, ox:ox + pw] = _array(page) * bow[None, :, None]
    image = _image(frame)
    draw = ImageDraw.Draw(image)
    hole_x = ox + pw * 0.035
    radius = pw * 0.013
    rings = [0.25, 0.75] if rng.random() < 0.5 else [0.12, 0.37, 0.63, 0.88]
    for share in rings:
        hy = oy + ph * share
        draw.ellipse((hole_x - radius, hy - radius, hole_x + radius, hy + radius), fill=cover)
        # the ring: an open loop from the hole over the page's edge into the spine
        draw.ellipse((hole_x - pw * 0.09, hy - ph * 0.014, hole_x + radius * 0.6, hy + ph * 0.014),
                     outline=(175, 178, 182), width=max(3, int(pw * 0.007)))
    spine = int(pw * 0.05)
    shot = _array(image)
    shot[:, :spine] *= 0.6
    shot = _on_surface(_image(shot), rng, (1.04, 1.04), [(150, 130, 105), (90, 90, 95)], 2.5, 0.01)
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def torn_corner_scan(page, rng: random.Random) -> bytes:
    """A page with a right-hand corner torn off: a ragged tear, the scanner lid's white beyond it."""
    from PIL import ImageDraw

    page = page.copy()
    w, h = page.size
    cw, ch = w * rng.uniform(0.12, 0.18), h * rng.uniform(0.07, 0.1)
    bottom = rng.random() < 0.5
    corner_y = h if bottom else 0
    points = [(w, corner_y)]
    steps = 14
    for k in range(steps + 1):  # the tear from the top (or bottom) edge to the right edge, jagged
        share = k / steps
        x, y = w - cw * (1 - share), ch * share
        jitter = rng.uniform(-0.04, 0.04) * max(cw, ch)
        points.append((x + jitter, (h - y + jitter) if bottom else y + jitter))
    draw = ImageDraw.Draw(page)
    lid = rng.randint(218, 232)  # the scanner lid's grey-white where the paper is missing
    draw.polygon(points, fill=(lid, lid, lid - 2))
    draw.line(points[1:], fill=(lid - 45,) * 3, width=2)  # the tear's shadow
    draw.line([(x - 3, y) for x, y in points[1:]], fill=(252, 252, 250), width=3)  # the torn fibres' white edge
    return _grey_scan(page, rng, rng.randint(76, 88))


def toner_scan(page, rng: random.Random) -> bytes:
    """A laser print running low on toner: a faded band down the page and a faint drum ghost of the
    masthead repeated two drum turns lower, in the page's blank lower part."""
    import numpy as np

    pixels = _array(page.convert("RGB"))
    h, w = pixels.shape[:2]
    ink = 255 - pixels
    ghost = np.zeros_like(ink)
    shift, top = int(h * rng.uniform(0.64, 0.7)), int(h * 0.14)  # two turns of the drum; the masthead only
    ghost[shift:shift + top] = ink[:top]
    ink = ink + ghost * rng.uniform(0.04, 0.06)
    centre, half = w * rng.uniform(0.3, 0.7), w * rng.uniform(0.03, 0.06)
    xs = np.arange(w, dtype=np.float32)
    fade = 1 - rng.uniform(0.4, 0.55) * np.clip(1.5 - np.abs(xs - centre) / half, 0, 1)
    ink = ink * np.minimum(fade, 1)[None, :, None]
    return _grey_scan(_image(255 - np.clip(ink, 0, 255)), rng, rng.randint(76, 88))


def label_scan(page, rng: random.Random) -> bytes:
    """A specimen barcode label stuck crooked on the top right of the header, its numbers no results."""
    from PIL import Image, ImageDraw, ImageFont

    page = page.copy().convert("RGB")
    w, h = page.size
    lw, lh = int(w * 0.3), int(w * 0.11)
    label = Image.new("RGBA", (lw, lh), (252, 252, 248, 255))
    draw = ImageDraw.Draw(label)
    draw.rectangle((0, 0, lw - 1, lh - 1), outline=(170, 170, 170, 255), width=2)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", max(10, lh // 8))
    x = lw * 0.06
    while x < lw * 0.94:  # the bars
        bar = rng.choice([1, 1, 2, 3]) * max(1, lw // 180)
        draw.rectangle((x, lh * 0.1, x + bar, lh * 0.5), fill=(20, 20, 20, 255))
        x += bar + rng.choice([1, 2, 3]) * max(1, lw // 180)
    number = f"{rng.randint(10, 99)}-{rng.randint(1000000, 9999999)}"
    draw.text((lw * 0.06, lh * 0.56), f"SPEC {number}  SST", font=font, fill=(20, 20, 20, 255))
    draw.text((lw * 0.06, lh * 0.77), f"12/03/24 {rng.randint(7, 10):02d}:{rng.randint(0, 59):02d}  Tube 1 of 2",
              font=font, fill=(20, 20, 20, 255))
    label = label.rotate(rng.uniform(-7, 7), expand=True, resample=Image.Resampling.BICUBIC)
    page.paste(label, (int(w * 0.62), int(h * 0.015)), label)
    return _grey_scan(page, rng, rng.randint(76, 88))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"rotated-panel": rotated_panel_pdf, "status-critical": status_critical_pdf, "unit-under": unit_under_pdf}
UK_PAGES = {"green-bar": green_bar_pdf, "telepath": telepath_pdf}
SLIPS = {"sports": sports_pdf, "diabetes-review": diabetes_review_pdf}
TWO = {"side-boxes": side_boxes_pdf, "label-colon": label_colon_pdf}
PORTAL = {"timeline": timeline_text, "ini": ini_text}
PHOTOS = {"dappled": dappled_photo, "taped-wall": taped_wall_photo, "ring-binder": ring_binder_photo}
SCANS = {"torn-corner": torn_corner_scan, "toner": toner_scan, "label": label_scan}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh14's table designs (its region's) to photograph or scan."""
    if region == "uk":
        return telepath_pdf(rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh14_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh14 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
