"""fresh13: the thirteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh13-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh12's):

- a unit printed belongs to the result, wherever it stands (its own column, a column before the
  value, a `unit="..."` pair of a log line, an HTML cell);
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range; a range after a "Ref Range:" prefix is the range;
- values printed censored keep their printed text ("<0.1", ">90"; in HTML source they stand escaped,
  "&lt;0.1", and the text a browser shows is the printed text);
- flags are the truth as printed: letters, and the SCI-Store-like UK print's "(H)" / "(L)" / "(A)"
  before an out-of-range value (its flag is the letter: "H", "L" or "A", a critical value's too);
  other UK reports print none;
- comments and marks are not results: specimen accession numbers and collection times, a discharge
  letter's prose (doses, blood pressure, length of stay, follow-up weeks) before its results appendix,
  a blood donor slip's donation number, bag number and volume, a maternity record's gestation, EDD,
  gravida / para and appointment weeks, a sparkline's axis numbers (the lowest and highest of the
  earlier values it draws), a log line's timestamp and sequence number, a scanner's cover sheet (job
  number, page count, resolution, date), and the black redaction bars over the address and phone.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a Mayo-like table whose every range cell starts "Ref Range:" and whose results are
  right-aligned; a report grouped by specimen (Serum / Whole blood EDTA / Citrated plasma / Urine
  headings, each with its accession number and collection time); a table with the Units column
  BEFORE the Result column and dashed rules between rows;
- uk-fixed: an SCI-Store-like fixed-width print with "(H)" / "(L)" before the out-of-range value
  and a key; a two-page hospital discharge letter (prose with doses and observations) whose results
  are in a fixed-width "Appendix A" on the second page;
- clinic-slip: a blood donor session health-check slip (donation and bag numbers, volume); a
  maternity hand-held record's booking-bloods page (gestation, EDD, gravida / para, boxed results);
- two-column: two result columns each with a grey trend sparkline per row, the sparkline's lowest
  and highest earlier values printed small at its ends; two columns printed value first ("140
  mmol/L  Sodium  133 - 146  H");
- portal-text: a logfmt export from a records app (`test="Sodium" value=140 unit="mmol/L"
  ref_low=136 ref_high=145 flag=H`, one result a line); the HTML source of a results page pasted
  as text (`<tr><td>` cells, entities);
- phone-photo: a page by a window, venetian-blind shadow stripes across it; an over-processed
  phone HDR shot (strong sharpening halos, boosted local contrast and saturation); a photo with a
  lens flare (veiling glare from one corner, a line of ghost discs across the page);
- scanned-pdf: a scan whose address and phone are blacked out with marker bars (the name, birth
  date and record number left); a multifunction printer's "scan to e-mail" cover sheet as page 1
  before the report; an automatic feeder's paper slip (a band of the page stretched downward, the
  rest shifted, the bottom margin cut).
"""

from __future__ import annotations

import math
import random
from html import escape

from reportlab.lib.pagesizes import A4, A5, landscape, letter

from .corpus import Person, Truth
from .fresh5 import _face, render_pages
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain, image_pages_pdf
from .fresh9 import _array, _done, _image, _masthead, _on_paper, _on_surface, _start
from .fresh10 import _grey_scan
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, MONO, _page, _patient_lines, _rng_range

LABS = ["Prairie Ridge Regional Laboratory", "Silverlake Clinical Pathology", "Harbourview Medical Laboratories"]
TRUSTS = ["Kelderby Royal Infirmary - Clinical Biochemistry", "Ashcombe and Vale NHS Trust - Blood Sciences",
          "Glenmoor General Hospital - Laboratory Medicine"]
SPECIMENS = ["Serum", "Whole blood EDTA", "Citrated plasma", "Urine"]
# words in a test's name that put it on a specimen other than serum
SPECIMEN_WORDS = {1: ("hemoglobin", "haemoglobin", "hematocrit", "haematocrit", "wbc", "white", "platelet", "mcv",
                      "a1c", "hgb", "hct", "plt"),
                  2: ("inr",), 3: ("urine", "upro")}
MEDS = ["Ramipril 5 mg once daily", "Bisoprolol 2.5 mg once daily", "Atorvastatin 40 mg at night",
        "Apixaban 5 mg twice daily", "Furosemide 40 mg in the morning", "Lansoprazole 30 mg once daily"]


def _specimen(t: Truth) -> int:
    name = t.printed_name.lower()
    for index, words in SPECIMEN_WORDS.items():
        if any(word in name for word in words) and not (index == 1 and "urine" in name):
            return index
    return 0


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


# ---- us-table ------------------------------------------------------------------------------------
def ref_prefix_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Mayo-like table: every range cell starts "Ref Range:", the results right-aligned."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.5, 9.0, 9.5])
    y = _masthead(c, 42, height - 46, rng.choice(LABS), _patient_lines(person, region)
                  + ["Ordered by: Dr. R. Lindqvist   Received 03/12/2024 10:02   Reported 03/12/2024 15:47"], font, bold)
    y -= 12
    c.setFont(bold, size)
    c.drawString(42, y, "Test")
    c.drawRightString(262, y, "Result")
    for x, head in ((272, "Flag"), (304, "Unit"), (392, "Reference")):
        c.drawString(x, y, head)
    c.line(42, y - 4, width - 42, y - 4)
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        c.drawString(42, y, t.printed_name)
        c.drawRightString(262, y, t.value_text)
        c.drawString(272, y, t.flag or "")
        c.drawString(304, y, t.unit or "")
        c.setFont(font, size - 0.5)
        c.drawString(392, y, "Ref Range: " + _rng_range(t, "{low}-{high}", ">={low}", "<={high}"))
        y -= size * 1.95
    c.setFont(font, 7)
    c.drawString(42, 40, "Flags: H above, L below the reference range; HH / LL critical.   Page 1 of 1")
    return _done(c, buf)


def specimen_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results grouped by specimen, each group under its heading with an accession number and time."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [8.5, 9.0])
    y = _masthead(c, 40, height - 44, rng.choice(LABS) + " - Final Report", _patient_lines(person, region), font, bold)
    y -= 10
    xs = [48, 220, 276, 306, 400]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Flag", "Units", "Reference Interval"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 1.8
    for index, specimen in enumerate(SPECIMENS):
        rows = [t for t in truth if _specimen(t) == index]
        if not rows:
            continue
        y -= size * 0.4
        c.setFont(bold, size)
        c.drawString(40, y, f"SPECIMEN: {specimen.upper()}")
        c.setFont(font, size - 1.5)
        c.setFillGray(0.35)
        c.drawString(200, y, f"Accession {rng.randint(10, 99)}-{rng.randint(100000, 999999)}   "
                             f"Collected 03/12/2024 {rng.randint(7, 9):02d}:{rng.randint(0, 59):02d}")
        c.setFillGray(0)
        c.line(40, y - 3, 190, y - 3)
        y -= size * 1.8
        c.setFont(font, size)
        for t in rows:
            for x, cell in zip(xs, [t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")],
                               strict=True):
                c.drawString(x, y, cell)
            y -= size * 1.75
    c.setFont(font, 7)
    c.drawString(40, 36, f"{person.name}   DOB {person.dob}   Results are grouped by specimen type.")
    return _done(c, buf)


def unit_first_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A table with the Units column before the Result column and dashed rules between rows."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.5, 9.0])
    y = _masthead(c, 40, height - 44, rng.choice(LABS), _patient_lines(person, region)
                  + ["Specimen drawn 03/12/2024 08:35   Status: Final"], font, bold)
    y -= 12
    xs = [40, 210, 300, 356, 392]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Analyte", "Units", "Result", "Flag", "Expected Values"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 1.9
    c.setDash(2, 2)
    c.setStrokeGray(0.6)
    for t in truth:
        c.setFont(font, size)
        for x, cell in zip(xs, [t.printed_name, t.unit or "", t.value_text, t.flag or "", _rng_range(t, "{low} - {high}")],
                           strict=True):
            c.drawString(x, y, cell)
        c.line(40, y - size * 0.7, width - 40, y - size * 0.7)
        y -= size * 2.0
    c.setDash()
    c.setStrokeGray(0)
    c.setFont(font, 7)
    c.drawString(40, 36, "Units are printed before each result.   Expected values apply to adults.")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def _sci_flags(truth: list[Truth]) -> None:
    for t in truth:
        t.flag = {"HH": "H", "LL": "L"}.get(t.flag, t.flag) if t.flag else None


def sci_store_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An SCI-Store-like fixed-width print: "(H)" / "(L)" / "(A)" before an out-of-range value, a key."""
    _sci_flags(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold = (_face(name) for name in rng.choice(MONO))
    size = rng.choice([8.0, 8.5])
    c.setFont(bold, 10)
    c.drawString(40, height - 42, rng.choice(TRUSTS))
    c.setFont(font, size)
    y = height - 62
    for line in [f"Surname/Forename : {person.name}", f"Date of birth    : {person.dob}    CHI/Hosp No : {person.mrn}",
                 f"Address          : {person.address}", f"Telephone        : {person.phone}",
                 "Requested by     : Dr F. MacRae, Dunmore Medical Practice", "Date sampled     : 12-Mar-2024 09:10"]:
        c.drawString(40, y, line)
        y -= size * 1.4
    y -= size
    c.setFont(bold, size)
    c.drawString(40, y, f"{'Test':<24}{'':4}{'Result':<9}{'Units':<15}Reference range")
    y -= size * 1.6
    c.setFont(font, size)
    for t in truth:
        mark = f"({t.flag})" if t.flag else ""
        c.drawString(40, y, f"{t.printed_name:<24}{mark:<4}{t.value_text:<9}{t.unit or '':<15}{_rng_range(t, '{low} - {high}')}")
        y -= size * 1.4
    y -= size
    c.drawString(40, y, "(H) above reference range   (L) below reference range   (A) abnormal")
    c.drawString(40, y - size * 1.4, "Results validated by: Biochemistry Duty Scientist")
    return _done(c, buf)


def discharge_letter_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A two-page discharge letter: prose with doses and observations, then the results in a
    fixed-width "Appendix A" on page 2."""
    for t in truth:
        t.flag = None
    width, height = A4
    c, buf = _start(width, height)
    serif, serif_bold = _face("Times-Roman"), _face("Times-Bold")
    mono = _face(rng.choice(MONO)[0])
    trust = rng.choice(TRUSTS)
    days, weeks = rng.randint(2, 9), rng.choice([2, 4, 6])
    meds = rng.sample(MEDS, 3)
    c.setFont(serif_bold, 12)
    c.drawString(56, height - 56, trust.split(" - ")[0])
    c.drawString(56, height - 72, "DISCHARGE LETTER")
    c.setFont(serif, 10)
    y = height - 96
    for line in [f"Patient: {person.name}   Date of birth: {person.dob}   Hospital number: {person.mrn}",
                 f"Address: {person.address}", "Admitted 05/03/2024   Discharged 12/03/2024   Ward 14 (Acute Medicine)", "",
                 "Dear Dr Abernethy,",
                 f"Your patient was admitted for {days} days with a community-acquired pneumonia and was treated",
                 "with intravenous then oral antibiotics. Observations on discharge: blood pressure "
                 f"{rng.randint(112, 148)}/{rng.randint(66, 92)},",
                 f"heart rate {rng.randint(60, 96)}, oxygen saturation {rng.randint(94, 99)}% on air.", "",
                 "Medicines on discharge:", *[f"   - {med}" for med in meds], "",
                 f"Please arrange a review in {weeks} weeks and repeat bloods at the surgery.",
                 "The results of the blood tests taken on the day of discharge are in Appendix A overleaf.", "",
                 "Yours sincerely,", "Dr H. Oyelaran, Specialty Registrar"]:
        c.drawString(56, y, line)
        y -= 14
    c.setFont(serif, 8)
    c.drawString(56, 40, f"{person.name}   {person.mrn}   Page 1 of 2")
    c.showPage()
    size = rng.choice([8.5, 9.0])
    c.setFont(serif_bold, 11)
    c.drawString(56, height - 56, "APPENDIX A - LABORATORY RESULTS (sampled 12/03/2024 07:30)")
    c.setFont(mono, size)
    y = height - 78
    c.drawString(56, y, f"Name: {person.name}   DOB: {person.dob}   Hosp No: {person.mrn}")
    y -= size * 2.2
    c.drawString(56, y, f"{'Test':<24}{'Result':>8}  {'Units':<15}{'Range'}")
    y -= size * 0.6
    c.drawString(56, y, "-" * 62)
    y -= size * 1.5
    for t in truth:
        c.drawString(56, y, f"{t.printed_name:<24}{t.value_text:>8}  {t.unit or '':<15}({_rng_range(t, '{low}-{high}')})")
        y -= size * 1.45
    c.setFont(serif, 8)
    c.drawString(56, 40, f"{person.name}   {person.mrn}   Page 2 of 2")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def donor_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A blood donor session's health-check slip: donation and bag numbers and volume, then the tests."""
    _letters(truth, region)
    width, height = 90 * 72 / 25.4, 190 * 72 / 25.4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.0, 7.5])
    c.setFillColorRGB(0.72, 0.05, 0.12)
    c.rect(0, height - 34, width, 34, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 10)
    c.drawString(12, height - 22, "BLOOD DONOR HEALTH CHECK")
    c.setFillGray(0)
    c.setFont(font, 6.8)
    y = height - 48
    for line in [f"Donor: {person.name}", f"DOB: {person.dob}   Donor ID: {person.mrn}", f"Tel: {person.phone}",
                 f"Session: Community Hall, 12/03/2024   Donation no. {rng.randint(8, 60)}",
                 f"Bag: G{rng.randint(1000, 9999)} 24 {rng.randint(100000, 999999)}   Volume: {rng.choice([450, 470, 475])} mL"]:
        c.drawString(12, y, line)
        y -= 9
    y -= 6
    c.setFont(bold, size)
    xs = [12, 62, 98, 148, 216]
    for x, head in zip(xs, ["Test", "Result", "Unit", "Ref", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(12, y - 3, width - 12, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    y -= 6
    c.setFont(font, 6.2)
    for line in ["Thank you for donating. Drink plenty of fluids today.", "Results outside the reference range will be",
                 "discussed with you by the donor care team."]:
        c.drawString(12, y, line)
        y -= 8
    return _done(c, buf)


def antenatal_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A maternity hand-held record's booking-bloods page: gestation, EDD, gravida / para, boxed results."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.5, 8.0])
    c.setFillColorRGB(0.55, 0.3, 0.6)
    c.rect(20, height - 40, width - 40, 22, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 10)
    c.drawString(28, height - 33, "MATERNITY RECORD - BOOKING BLOODS")
    c.setFillGray(0)
    c.setFont(font, 7.2)
    y = height - 54
    gestation = f"{rng.randint(8, 13)}+{rng.randint(0, 6)}"
    for line in [f"Name: {person.name}   DOB: {person.dob}", f"Hospital / NHS no: {person.mrn}   Tel: {person.phone}",
                 f"Gestation at booking: {gestation} weeks   EDD: {rng.randint(1, 28):02d}/09/2024",
                 f"Gravida {rng.randint(1, 4)}  Para {rng.randint(0, 2)}   Next appointment: 16 weeks"]:
        c.drawString(26, y, line)
        y -= 10
    y -= 6
    xs = [26, 110, 170, 226, 330]
    row = size * 2.3
    c.setFont(bold, size)
    for x, head in zip(xs, ["Test", "Result", "Units", "Normal range", "Flag"], strict=True):
        c.drawString(x + 3, y, head)
    y -= row
    c.setFont(font, size)
    for t in truth:
        for k, (x, cell) in enumerate(zip(xs, [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"), t.flag or ""],
                                          strict=True)):
            right = xs[k + 1] if k + 1 < len(xs) else width - 26
            c.rect(x, y - 5, right - x, row, stroke=1, fill=0)
            c.drawString(x + 3, y + 1, cell)
        y -= row
    c.setFont(font, 6.5)
    c.drawString(26, y - 8, "Midwife: J. Pennington RM   Please bring this record to every appointment.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def sparkline_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns, each row with a grey trend sparkline whose lowest and highest earlier values
    are printed small at its ends."""
    width, height = landscape(A4)
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0, 8.5])
    y = _masthead(c, 36, height - 40, rng.choice(LABS if region == "us" else TRUSTS) + " - Results with trend",
                  _patient_lines(person, region), font, bold)
    y -= 12
    col = (width - 72) / 2
    offsets = [0, 100, 136, 206, 262, 282]
    half = (len(truth) + 1) // 2
    for k in range(2):
        c.setFont(bold, size)
        for dx, head in zip(offsets, ["Test", "Result", "Units", "Range", "Flag", "Trend (6 months)"], strict=True):
            c.drawString(36 + k * col + dx, y, head)
    c.line(36, y - 4, width - 36, y - 4)
    c.line(36 + col - 6, y + 10, 36 + col - 6, y - size * 2.1 * half)
    y -= size * 2.1
    for k in range(2):
        yy = y
        for t in truth[k * half:(k + 1) * half]:
            x = 36 + k * col
            c.setFont(font, size)
            for dx, cell in zip(offsets[:5], [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"),
                                              t.flag or ""], strict=True):
                c.drawString(x + dx, yy, cell)
            try:
                value = float(t.value_text.lstrip("<>"))
            except ValueError:
                yy -= size * 2.1
                continue
            places = len(t.value_text.split(".")[1]) if "." in t.value_text else 0
            earlier = [value * rng.uniform(0.8, 1.2) for _ in range(5)]
            low, high = min(earlier + [value]), max(earlier + [value])
            sx, sw = x + offsets[5] + 24, 56
            points = [(sx + i * sw / 5, yy - 1 + 7 * (v - low) / ((high - low) or 1)) for i, v in enumerate(earlier + [value])]
            c.setStrokeGray(0.5)
            c.setLineWidth(0.6)
            path = c.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            c.drawPath(path, stroke=1, fill=0)
            c.setStrokeGray(0)
            c.setLineWidth(1)
            c.setFillGray(0.5)
            c.setFont(font, 5.5)
            c.drawRightString(sx - 2, yy - 1, f"{min(earlier):.{places}f}")
            c.drawString(sx + sw + 3, yy + 4, f"{max(earlier):.{places}f}")
            c.setFillGray(0)
            yy -= size * 2.1
    c.setFont(font, 7)
    c.drawString(36, 28, "Trend lines show earlier results; the small numbers are their lowest and highest.")
    return _done(c, buf)


def value_first_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two columns printed value first: "140  mmol/L  Sodium  133 - 146  H"."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [8.0, 8.5])
    y = _masthead(c, 36, height - 42, rng.choice(LABS if region == "us" else TRUSTS), _patient_lines(person, region)
                  + ["Sample date 12/03/2024"], font, bold)
    y -= 14
    col = (width - 72) / 2
    offsets = [0, 34, 100, 196, 248]
    half = (len(truth) + 1) // 2
    for k in range(2):
        c.setFont(bold, size)
        for dx, head in zip(offsets, ["Value", "Unit", "Test", "Range", "Flag"], strict=True):
            c.drawString(36 + k * col + dx, y, head)
    c.line(36, y - 4, width - 36, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for k in range(2):
        yy = y
        for t in truth[k * half:(k + 1) * half]:
            for dx, cell in zip(offsets, [t.value_text, t.unit or "", t.printed_name, _rng_range(t, "{low} - {high}"), t.flag or ""],
                                strict=True):
                c.drawString(36 + k * col + dx, yy, cell)
            yy -= size * 1.9
    c.setFont(font, 7)
    c.drawString(36, 30, "Each line gives the value and unit first, then the test and its range.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _quoted(text: str) -> str:
    return text if text and all(ch not in text for ch in ' "=/') else '"' + text.replace('"', '\\"') + '"'


def logfmt_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A logfmt export, one result a line: test="Sodium" value=140 unit="mmol/L" ref_low=136 ref_high=145 flag=H."""
    _letters(truth, region)
    out = [f"# export from CareLog v3.2 - patient={_quoted(person.name)} dob={person.dob} mrn={person.mrn}",
           f"# phone={person.phone} generated=2024-03-12T16:02:11Z"]
    for k, t in enumerate(truth):
        fields = [f"seq={k + 1}", f"ts=2024-03-12T08:{rng.randint(10, 40):02d}:00Z", f"test={_quoted(t.printed_name)}",
                  f"value={_quoted(t.value_text)}"]
        if t.unit:
            fields.append(f"unit={_quoted(t.unit)}")
        if t.range_text:
            fields.append(f"ref={_quoted(t.range_text)}")
        else:
            fields += [f"ref_{key}={bound:g}" for key, bound in (("low", t.range_low), ("high", t.range_high)) if bound is not None]
        if t.flag:
            fields.append(f"flag={t.flag}")
        out.append(" ".join(fields))
    return "\n".join(out).encode() + b"\n"


def html_source_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """The HTML source of a results page pasted as text: `<tr><td>` cells, entities escaped."""
    _letters(truth, region)
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>Test results</title></head><body>",
           f"<h1>Test results &ndash; {escape(person.name)}</h1>",
           f"<p class=\"demo\">Date of birth: {person.dob} &middot; MRN: {person.mrn} &middot; Phone: {escape(person.phone)}</p>",
           "<table class=\"results\">", "  <thead><tr><th>Test</th><th>Result</th><th>Units</th><th>Reference range</th>"
           "<th>Flag</th></tr></thead>", "  <tbody>"]
    for t in truth:
        cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}", "&gt;{low}", "&lt;{high}"), t.flag or ""]
        shown = [escape(cell) if k != 3 or t.range_text else cell for k, cell in enumerate(cells)]
        out.append("    <tr>" + "".join(f"<td>{cell}</td>" for cell in shown) + "</tr>")
    out += ["  </tbody>", "</table>", "<p><small>Collected 12/03/2024 08:20</small></p>", "</body></html>"]
    return "\n".join(out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def blinds_photo(page, rng: random.Random) -> bytes:
    """A page by a window: soft venetian-blind shadow stripes across it, warm daylight."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(140, 110, 80), (200, 195, 185)], 2.5, 0.008)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = math.radians(rng.uniform(-25, 25))
    period, depth = h * rng.uniform(0.05, 0.08), rng.uniform(0.28, 0.4)
    across = xx * math.sin(angle) + yy * math.cos(angle)
    stripes = 1 - depth * np.clip(np.sin(across * math.tau / period) * 2.2, 0, 1)
    shot = shot * stripes[..., None] * np.array((1.04, 1.0, 0.92), dtype=np.float32)
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


def hdr_photo(page, rng: random.Random) -> bytes:
    """An over-processed phone HDR shot: strong sharpening halos, boosted local contrast and saturation."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(90, 120, 150), (160, 130, 100)], 2.0, 0.008)
    shot = shot * np.linspace(1.0, rng.uniform(0.7, 0.8), shot.shape[1], dtype=np.float32)[None, :, None]
    shot = _grain(shot, rng, np_rng, (2, 4))
    image = _image(shot).filter(ImageFilter.UnsharpMask(radius=rng.uniform(12, 20), percent=rng.randint(80, 120), threshold=0))
    image = image.filter(ImageFilter.UnsharpMask(radius=1.5, percent=rng.randint(120, 180), threshold=2))
    pixels = _array(image)
    grey = pixels.mean(axis=2, keepdims=True)
    pixels = grey + (pixels - grey) * rng.uniform(1.4, 1.8)
    return _jpeg(_image(pixels), rng.randint(80, 90))


def flare_photo(page, rng: random.Random) -> bytes:
    """A lens flare: veiling glare from one corner and a line of faint coloured ghost discs."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(120, 120, 125), (180, 160, 130)], 2.5, 0.008)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    sx, sy = rng.choice([(0.0, 0.0), (w, 0.0), (0.0, h), (w, h)])
    glare = np.exp(-((xx - sx) ** 2 + (yy - sy) ** 2) / (2 * (w * 0.35) ** 2))
    light = glare[..., None] * np.array((130, 115, 85), dtype=np.float32)
    for step in (0.35, 0.55, 0.8, 1.1):
        gx, gy = sx + (w - 2 * sx) * step * 0.8, sy + (h - 2 * sy) * step * 0.8  # along the line through the centre
        radius = w * rng.uniform(0.03, 0.07)
        disc = np.clip(1 - np.sqrt((xx - gx) ** 2 + (yy - gy) ** 2) / radius, 0, 1) ** 0.5
        light = light + disc[..., None] * np.array(rng.choice([(30, 45, 20), (20, 30, 50), (45, 25, 35)]), dtype=np.float32)
    shot = shot * (1 - glare[..., None] * 0.25) + light
    shot = _grain(shot, rng, np_rng, (3, 5))
    return _jpeg(_image(shot), rng.randint(78, 90))


# ---- scans ---------------------------------------------------------------------------------------
def _boxes(pdf: bytes, strings: list[str]) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) in points of every place the first page prints one of `strings`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        text = doc[0].get_textpage()
        boxes = []
        for string in strings:
            found = text.search(string)
            while (hit := found.get_next()) is not None:
                chars = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
                boxes.append((min(b[0] for b in chars), min(b[1] for b in chars), max(b[2] for b in chars), max(b[3] for b in chars)))
        return boxes
    finally:
        doc.close()


def redacted_scan(page, boxes, dpi: float, page_height: float, rng: random.Random) -> bytes:
    """A grey scan with the boxes blacked out by hand with a marker (slightly wider, uneven)."""
    from PIL import ImageDraw

    page = page.copy()
    draw = ImageDraw.Draw(page)
    scale = dpi / 72
    for left, bottom, right, top in boxes:
        pad = rng.uniform(2, 5)
        x0, x1 = (left - pad) * scale, (right + pad + rng.uniform(0, 8)) * scale
        y0, y1 = (page_height - top - pad) * scale, (page_height - bottom + pad) * scale
        draw.polygon([(x0, y0 + rng.uniform(-2, 2)), (x1, y0 + rng.uniform(-2, 2)), (x1, y1 + rng.uniform(-2, 2)),
                      (x0, y1 + rng.uniform(-2, 2))], fill=(rng.randint(15, 35),) * 3)
    return _grey_scan(page, rng, rng.randint(76, 88))


def cover_sheet_pdf(rng: random.Random, paper: tuple[float, float]) -> bytes:
    """A multifunction printer's "scan to e-mail" cover sheet."""
    width, height = paper
    c, buf = _start(width, height)
    font, bold = _face("Helvetica"), _face("Helvetica-Bold")
    c.setFont(bold, 18)
    c.drawString(60, height - 90, "SCAN TO E-MAIL - JOB SHEET")
    c.setFont(font, 12)
    y = height - 130
    for line in [f"Job number: {rng.randint(1000, 9999)}", "Pages: 2 (including this sheet)",
                 f"Resolution: {rng.choice([200, 300])} x {rng.choice([200, 300])} dpi   Colour: Greyscale",
                 f"Date: 12/03/2024 {rng.randint(9, 17):02d}:{rng.randint(0, 59):02d}",
                 f"Device: MFP-{rng.randint(100, 999)} (2nd floor, outpatients)", "To: referrals.inbox@example.org",
                 "Subject: scanned results"]:
        c.drawString(60, y, line)
        y -= 22
    c.rect(50, y - 10, width - 100, height - 110 - y, stroke=1, fill=0)
    return _done(c, buf)


def feed_slip_scan(page, rng: random.Random) -> bytes:
    """An automatic feeder's paper slip: a band of the page stretched downward, the bottom margin cut."""
    from PIL import Image

    w, h = page.size
    top = int(h * rng.uniform(0.3, 0.7))
    band = int(h * rng.uniform(0.03, 0.05))
    stretch = rng.uniform(1.3, 1.5)
    grown = page.crop((0, top, w, top + band)).resize((w, int(band * stretch)), Image.Resampling.BILINEAR)
    slipped = Image.new("RGB", (w, h), (250, 250, 250))
    slipped.paste(page.crop((0, 0, w, top)), (0, 0))
    slipped.paste(grown, (0, top))
    slipped.paste(page.crop((0, top + band, w, h)), (rng.randint(-3, 3), top + grown.height))
    return _grey_scan(slipped, rng, rng.randint(76, 88))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"ref-prefix": ref_prefix_pdf, "specimen": specimen_pdf, "unit-first": unit_first_pdf}
UK_PAGES = {"sci-store": sci_store_pdf, "discharge-letter": discharge_letter_pdf}
SLIPS = {"donor": donor_pdf, "antenatal": antenatal_pdf}
TWO = {"sparkline": sparkline_pdf, "value-first": value_first_pdf}
PORTAL = {"logfmt": logfmt_text, "html-source": html_source_text}
PHOTOS = {"blinds": blinds_photo, "hdr": hdr_photo, "flare": flare_photo}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh13's table designs (its region's) to photograph or scan."""
    if region == "uk":
        return sci_store_pdf(rng, person, truth, region)
    return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region)


def fresh13_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh13 report; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout == "us-table":
        return US_TABLES[rng.choice(sorted(US_TABLES))](rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        return SLIPS[rng.choice(sorted(SLIPS))](rng, person, truth, region), "pdf"
    if layout == "two-column":
        _letters(truth, region)
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
        look = rng.choice(["cover-sheet", "feed-slip", "redacted"])
        dpi = rng.randint(200, 230)
        pdf = _printed_page(rng, person, truth, region)
        page = _on_paper(render_pages(pdf, dpi)[0], paper)
        if look == "redacted":
            boxes = _boxes(pdf, [person.address, person.phone])
            return image_pages_pdf([redacted_scan(page, boxes, dpi, paper[1], rng)], *paper), "pdf"
        if look == "feed-slip":
            return image_pages_pdf([feed_slip_scan(page, rng)], *paper), "pdf"
        cover = render_pages(cover_sheet_pdf(rng, paper), dpi)[0]
        return image_pages_pdf([_grey_scan(cover, rng, rng.randint(76, 88)), _grey_scan(page, rng, rng.randint(76, 88))],
                               *paper), "pdf"
    raise ValueError(layout)
