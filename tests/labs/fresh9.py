"""fresh9: the ninth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh9-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1` (no creation date, no random document id), so a seed gives the same bytes every time.
Every report prints the patient's name, date of birth and record number (most also the address and
phone). The truth rules (as fresh8's):

- a unit printed belongs to the result, wherever it stands: after the value, in its own column, or
  after the range in the range's cell ("136-145 mmol/L", a table with no unit column);
- a range in words ("less than 5.0", "more than 60", "> OR = 60") is the bound it names;
- flags are the truth as printed ("H", "High", "*H", "high"; a FHIR interpretation's code "H"); a
  value in an "Out Of Range" column carries its flag in the same cell ("6.1 H"); UK reports print none;
- comments and marks are not results: "Method: Hexokinase" lines under test names, free-text comment
  paragraphs holding other numbers ("Repeat in 3 months. Target below 48 mmol/mol."), a pharmacy
  receipt's blood pressure, chat messages between results.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a Quest-style table with separate "In Range" and "Out Of Range" columns (the value in
  one of them), the unit after the reference range, and a Lab code column; an India-style report
  "Test Name | Observed Value | Unit | Biological Reference Interval" with a small "Method: ..." line
  under each test name and capitalised section heads; a hospital table whose range cell also holds
  the unit ("136-145 mmol/L") and which has no unit column;
- uk-fixed: an NHS-App-like page where each result is a block of lines (name; "140 mmol/L";
  "Normal range: 133 - 146 mmol/L"); a pathology report whose tests are followed now and then by a
  free-text comment paragraph holding other numbers; names left-aligned and results right-aligned to
  a tab stop, unit and range after;
- clinic-slip: a 58 mm thermal receipt from a pharmacy health check with abbreviated names ("CHOL",
  "HDL-C") and asterisk flags ("*H"); a handwritten-look health-check card (values written in boxes
  in a slanted, jittered ink hand, labels, units and ranges pre-printed);
- two-column: Haematology and other sections left, Biochemistry right, each its own small table with
  its own header row; or results in two columns with alternating shaded rows and no rules;
- portal-text: a Cerner-portal copy with each field on its own line and blank lines between tests; a
  Markdown table pasted from a notes app; a forwarded WhatsApp chat with timestamps ("[12/03/2024,
  09:14] Mum: Potassium 5.9 (3.5-5.3) mmol/L high"); a FHIR JSON Observation bundle a health app
  exported (valueQuantity value/unit, referenceRange low/high, code.text and coding display);
- phone-photo: a laptop screen showing the report, photographed at an angle (keystone 15-25 degrees,
  moire, screen glow); a page photo sent over WhatsApp (downscaled to 1200-1400 px on its long side,
  JPEG quality 40-55); a page under warm tungsten light with strong vignette, motion blur and a
  curled corner;
- scanned-pdf: a 300 dpi grey scan with show-through (the mirrored, faint reverse page); a phone
  "scanner app" page (hard black-and-white threshold, slight perspective, a shadow at one edge); an
  old office scanner at 100-120 dpi.
"""

from __future__ import annotations

import io
import json
import math
import random

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth, _canvas
from .fresh5 import _PANEL_OF, _curl, _face, _first_name, _n, render_pages
from .fresh6 import _jpeg, _noise, _place
from .fresh8 import _after_range, _coeffs, _flags, _grain, image_pages_pdf

LABS = ["Summit Diagnostics", "Lakeshore Reference Laboratories", "Granite State Clinical Lab",
        "Meridian Pathology Services"]
HOSPITALS = ["St. Brendan's Hospital - Department of Laboratory Medicine", "Oakridge University Hospital Laboratory"]
INDIA_LABS = ["Sunrise Diagnostics & Research Centre", "Lotus Path Labs Pvt. Ltd.", "Neelkanth Clinical Laboratory"]
PHARMACIES = ["CORNERSTONE PHARMACY", "HILLTOP CHEMIST", "MAIN ST PHARMACY"]
DATES = {"us": "03/12/2024", "uk": "12/03/2024"}
STAR = {"H": "*H", "L": "*L", "HH": "*HH", "LL": "*LL", "A": "*A"}  # a thermal receipt's flags
CHAT = {"H": "high", "L": "low", "HH": "very high", "LL": "very low", "A": "abnormal"}  # as a person types them
FHIR_DISPLAY = {"H": "High", "L": "Low", "HH": "Critical high", "LL": "Critical low", "A": "Abnormal"}
RECEIPT_NAMES = {"HDL": "HDL-C", "LDL": "LDL-C"}
SECTIONS = {"us": ["CHEMISTRY", "HEMATOLOGY", "LIPID PROFILE", "IMMUNOASSAY AND OTHER TESTS"],
            "uk": ["BIOCHEMISTRY", "HAEMATOLOGY", "LIPIDS", "ENDOCRINOLOGY AND OTHER"]}
METHODS = {  # the method line an Indian report prints under each test, by the test's first US name
    "Glucose": "Hexokinase", "Sodium": "ISE Indirect", "Potassium": "ISE Indirect", "Chloride": "ISE Indirect",
    "Carbon Dioxide, Total": "Enzymatic (PEP carboxylase)", "BUN": "Urease - GLDH", "Creatinine": "Jaffe kinetic",
    "eGFR": "Calculated (CKD-EPI 2021)", "Calcium": "Arsenazo III", "Albumin": "Bromocresol green",
    "Protein, Total": "Biuret", "Bilirubin, Total": "Diazo", "Alkaline Phosphatase": "IFCC (pNPP, AMP buffer)",
    "ALT (SGPT)": "IFCC without P5P", "AST (SGOT)": "IFCC without P5P", "Hemoglobin": "SLS haemoglobin (photometric)",
    "Hematocrit": "Calculated", "WBC": "Flow cytometry", "Platelets": "Electrical impedance", "MCV": "Calculated",
    "TSH": "CLIA", "Free T4": "CLIA", "Hemoglobin A1c": "HPLC", "Cholesterol, Total": "CHOD-PAP",
    "LDL Cholesterol": "Calculated (Friedewald)", "HDL Cholesterol": "Direct enzymatic", "Triglycerides": "GPO-PAP",
    "Ferritin": "CLIA", "Vitamin B12": "CLIA", "Vitamin D, 25-Hydroxy": "CLIA", "C-Reactive Protein": "Immunoturbidimetry",
    "INR": "Clotting (photo-optical)", "Magnesium": "Xylidyl blue", "PSA, Total": "CLIA", "Urine Protein": "Dipstick"}
COMMENTS = {  # free-text comments a pathologist adds after a test, by the test's first US name: not results
    "Hemoglobin A1c": "Repeat in 3 months. Target below 48 mmol/mol for most adults with diabetes.",
    "eGFR": "If eGFR stays below 60 for more than 3 months, consider chronic kidney disease. Previous value 71 in 2022.",
    "Potassium": "Sample received 7 hours after collection; potassium may be falsely raised by up to 0.6 mmol/L.",
    "Cholesterol, Total": "Non-HDL cholesterol should fall by 40% on treatment. Recheck lipids in 12 weeks.",
    "TSH": "If TSH is between 4.5 and 10 on repeat, consider a trial of treatment. Suggest repeat in 6 to 8 weeks.",
    "Vitamin D, 25-Hydroxy": "Levels below 25 nmol/L indicate deficiency; 25 to 50 nmol/L may be inadequate.",
    "Glucose": "A fasting glucose of 6.1 to 6.9 mmol/L suggests impaired fasting glycaemia.",
    "Ferritin": "Ferritin below 15 ug/L confirms iron deficiency. It rises with inflammation (CRP above 10).",
    "Creatinine": "Please note the change of method on 01/02/2024; results are about 5 umol/L lower than before.",
}
GENERIC_COMMENTS = ["Discussed with Dr Hale by phone on 13/03/2024 at 10:20. Please repeat in 4 weeks.",
                    "Result checked on a second analyser; 2 of 2 runs agree."]
LEAFLET = ("Your results are compared with a reference range taken from healthy adults. A result just outside "
           "the range is often normal for you. Your doctor looks at all your results together with your symptoms "
           "and medicines before deciding if anything needs to be done.")
CHATTER = ["ok thanks. what does that mean?", "I'll ring the surgery tomorrow at 9", "\U0001f44d",
           "they said the doctor will call in 2-3 days", "Did you take the tablets this morning?",
           "<Media omitted>", "Love you x"]


# range forms: (both bounds, a lower bound only, an upper bound only)
RANGE_FORMS = {"quest": ("{low}-{high}", "> OR = {low}", "<{high}"), "dash": ("{low}-{high}", ">{low}", "<{high}"),
               "spaced": ("{low} - {high}", "> {low}", "< {high}"),
               "words": ("{low} - {high}", "more than {low}", "less than {high}"),
               "paren": ("({low}-{high})", "(>{low})", "(<{high})")}


def _range(t: Truth, form: str) -> str:
    """The truth's range in one of fresh9's forms (RANGE_FORMS)."""
    if t.range_text:
        return t.range_text
    both, above, below = RANGE_FORMS[form]
    low, high = t.range_low, t.range_high
    if low is not None:
        return both.format(low=_n(low), high=_n(high)) if high is not None else above.format(low=_n(low))
    return below.format(high=_n(high)) if high is not None else ""


def _mapped_flags(truth: list[Truth], region: str, mapping: dict[str, str]) -> None:
    """Flags as a look prints them (a receipt's "*H", a chat's "high"); UK reports print none."""
    for t in truth:
        t.flag = None if region == "uk" or not t.flag else mapping.get(t.flag, t.flag)


def _start(width: float, height: float):
    buf = io.BytesIO()
    return _canvas(width, height, buf, invariant=1), buf


def _done(c, buf: io.BytesIO) -> bytes:
    c.save()
    return buf.getvalue()


def _masthead(c, x: float, top: float, title: str, lines: list[str], font: str, bold: str,
              step: float = 12) -> float:
    """The page's title and the patient's lines under it; returns the height below them."""
    c.setFont(bold, 12)
    c.drawString(x, top, title)
    c.setFont(font, 8.5)
    y = top - 18
    for line in lines:
        c.drawString(x, y, line)
        y -= step
    return y


def _heads(c, xs: list[float], heads: list[str], bold: str, size: float, y: float) -> None:
    c.setFont(bold, size)
    for x, head in zip(xs, heads, strict=True):
        c.drawString(x, y, head)


def _id_lines(person: Person, region: str) -> list[str]:
    number = "MRN" if region == "us" else "NHS No."
    return [f"{person.name}    DOB: {person.dob}    {number}: {person.mrn}",
            f"{person.address}    Tel: {person.phone}"]


def _section(t: Truth) -> int:
    return _PANEL_OF.get(_first_name(t), 0)


def _by_section(truth: list[Truth]) -> list[tuple[int, list[Truth]]]:
    """The truths grouped under their sections, in the sections' order (a lab prints them so)."""
    groups = {}
    for t in truth:
        groups.setdefault(_section(t), []).append(t)
    return sorted(groups.items())


def _fonts(rng: random.Random, choices: list[tuple[str, str]]) -> tuple[str, str]:
    body, bold = rng.choice(choices)
    return _face(body), _face(bold)


# ---- us-table -----------------------------------------------------------------------------------
def quest_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Quest-style report: Test Name | In Range | Out Of Range | Reference Range | Lab, the value in
    one of the two result columns (an out-of-range value with its flag, "6.1 H"), the unit after the
    reference range, the performing lab's code in the last column."""
    width, height = letter if region == "us" else A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("Helvetica", "Helvetica-Bold"), ("LiberationSans-Regular", "LiberationSans-Bold")])
    size = rng.choice([8.0, 8.5, 9.0])
    lab = rng.choice(LABS)
    codes = rng.sample(["EN", "Z4M", "AMD", "SJC", "TP"], 2)
    c.setFont(bold, 14)
    c.drawString(40, height - 46, lab)
    c.setFont(font, 7.5)
    c.drawString(40, height - 58, "Final report    Report status: FINAL")
    blocks = [("Patient Information", [person.name, f"DOB: {person.dob}", f"Patient ID: {person.mrn}",
                                       person.address, f"Phone: {person.phone}"]),
              ("Specimen Information", [f"Specimen: {rng.choice('KLMW')}S{rng.randint(100000, 999999)}A",
                                        f"Collected: {DATES[region]} / 07:55", f"Received: {DATES[region]} / 09:31",
                                        f"Reported: {DATES[region]} / 15:04"]),
              ("Client Information", ["Dr. R. Okonjo", "Family Medicine Associates", "Client #: 77C21"])]
    y0 = height - 80
    for i, (head, lines) in enumerate(blocks):
        x = 40 + i * (width - 80) / 3
        c.setFont(bold, 8)
        c.drawString(x, y0, head)
        c.setFont(font, 8)
        for j, line in enumerate(lines):
            c.drawString(x, y0 - 11 * (j + 1), line)
    y = y0 - 80
    xs = [40, 225, 300, 390, width - 70]
    c.setFillGray(0.82)
    c.rect(36, y - 4, width - 72, size + 7, stroke=0, fill=1)
    c.setFillGray(0)
    _heads(c, xs, ["Test Name", "In Range", "Out Of Range", "Reference Range", "Lab"], bold, size, y)
    y -= size * 2.2
    c.setFont(bold, size)
    c.drawString(40, y, rng.choice(["COMPREHENSIVE METABOLIC PANEL AND OTHER TESTS", "ROUTINE PANEL"]))
    y -= size * 1.9
    for t in truth:
        c.setFont(font, size)
        c.drawString(48, y, t.printed_name)
        if t.flag:
            c.setFont(bold, size)
            c.drawString(xs[2], y, f"{t.value_text} {t.flag}")
            c.setFont(font, size)
        else:
            c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[3], y, _range(t, "quest") + _after_range(t))
        c.drawString(xs[4], y, rng.choice(codes))
        y -= size * 1.9
    y -= 10
    c.setFont(font, 7)
    for code in codes:
        c.drawString(40, y, f"{code}  {lab}, {rng.randint(100, 9999)} Laboratory Way, Suite {rng.randint(1, 40)}")
        y -= 9
    c.drawString(40, 30, f"{person.name}    DOB {person.dob}    Page 1 of 1")
    return _done(c, buf)


def india_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An India-style report: Test Name | Observed Value | Unit | Biological Reference Interval, a small
    grey "Method: ..." line under each test's name, capitalised section heads, flagged values in bold
    with their flag after them."""
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("Times-Roman", "Times-Bold"), ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold")])
    size = rng.choice([8.5, 9.0, 9.5])
    c.setFillColorRGB(0.55, 0.1, 0.15)
    c.setFont(bold, 15)
    c.drawCentredString(width / 2, height - 44, rng.choice(INDIA_LABS))
    c.setFont(font, 7.5)
    c.drawCentredString(width / 2, height - 56, "Plot 14, Sector 9, Ring Road  |  Tel: 0120-4455667  |  Open 7 am - 9 pm")
    c.setFillGray(0)
    c.line(36, height - 64, width - 36, height - 64)
    c.setFont(font, 8.5)
    left = [f"Patient Name : {person.name}", f"Date of Birth : {person.dob}", f"Address : {person.address}"]
    right = [f"UHID : {person.mrn}", f"Mobile : {person.phone}", f"Reported : {DATES['uk']} 16:40"]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        c.drawString(40, height - 80 - 12 * i, a)
        c.drawString(width / 2 + 40, height - 80 - 12 * i, b)
    y = height - 128
    xs = [40, 250, 330, 420]
    c.line(36, y + size + 4, width - 36, y + size + 4)
    _heads(c, xs, ["Test Name", "Observed Value", "Unit", "Biological Reference Interval"], bold, size, y)
    c.line(36, y - 5, width - 36, y - 5)
    y -= size * 2.4
    for section, tests in _by_section(truth):
        c.setFont(bold, size + 1.5)
        c.drawCentredString(width / 2, y, SECTIONS["uk"][section])
        y -= size * 2.0
        for t in tests:
            c.setFont(bold if t.flag else font, size)
            c.drawString(xs[0], y, t.printed_name)
            c.drawString(xs[1], y, f"{t.value_text} {t.flag}" if t.flag else t.value_text)
            c.setFont(font, size)
            c.drawString(xs[2], y, t.unit or "")
            c.drawString(xs[3], y, _range(t, "spaced"))
            c.setFont(font, size - 2.5)
            c.setFillGray(0.4)
            c.drawString(xs[0] + 4, y - size * 0.95, f"Method: {METHODS[_first_name(t)]}")
            c.setFillGray(0)
            y -= size * 2.35
        y -= size * 0.6
    c.setFont(font, 8)
    c.drawCentredString(width / 2, y - 6, "*** End Of Report ***")
    c.drawString(40, 40, "Dr. S. Menon, MD (Pathology)")
    c.drawRightString(width - 40, 40, f"{person.name}  |  Page 1 of 1")
    return _done(c, buf)


def hospital_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A hospital table with no unit column: Test | Result | Flag | Reference range, the range's cell
    holding the unit as well ("136-145 mmol/L")."""
    width, height = letter if region == "us" else A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("LiberationSerif-Regular", "LiberationSerif-Bold"), ("DejaVuSans", "DejaVuSans-Bold")])
    size = rng.choice([8.5, 9.0, 10.0])
    ward = rng.choice(["Outpatients", "Medical Day Unit", "Ward 4B"])
    y = _masthead(c, 44, height - 44, rng.choice(HOSPITALS), [
        *_id_lines(person, region), f"Requesting ward: {ward}    Collected: {DATES[region]} 06:40"], font, bold) - 12
    xs = [44, 230, 285, 365]
    _heads(c, xs, ["Test", "Result", "Flag", "Reference range"], bold, size, y)
    c.setLineWidth(1.2)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setLineWidth(0.3)
    for t in truth:
        c.setFont(font, size)
        c.drawString(xs[0], y, t.printed_name)
        c.drawString(xs[1], y, t.value_text)
        c.drawString(xs[3], y, _range(t, "dash") + _after_range(t))
        if t.flag:
            c.setFont(bold, size)
            c.drawString(xs[2], y, t.flag)
        c.line(40, y - size * 0.6, width - 40, y - size * 0.6)
        y -= size * 1.85
    c.setFont(font, 7.5)
    c.drawString(44, y - 10, "Reference ranges and units are those of this laboratory. Validated by: J. Aranda, BMS")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def nhs_app_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An NHS-App-like page: each result a block of lines (name; "140 mmol/L"; "Normal range:
    133 - 146 mmol/L"), a rule between blocks, a phone-width page."""
    font, bold = _face("LiberationSans-Regular"), _face("LiberationSans-Bold")
    width = 400.0
    block = 58.0
    height = 190 + block * len(truth)
    c, buf = _start(width, height)
    c.setFillColorRGB(0.0, 0.37, 0.72)
    c.rect(0, height - 50, width, 50, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(bold, 17)
    c.drawString(20, height - 33, "NHS")
    c.setFont(font, 11)
    c.drawString(70, height - 32, "Your health record")
    c.setFillColorRGB(0.04, 0.05, 0.05)
    c.setFont(bold, 19)
    c.drawString(20, height - 82, "Test results")
    c.setFont(font, 9.5)
    y = height - 102
    for line in [person.name, f"Date of birth: {person.dob}", f"NHS number: {person.mrn}",
                 f"{person.address}  |  {person.phone}", f"Blood test - filed {DATES['uk']} by your GP surgery"]:
        c.drawString(20, y, line)
        y -= 13
    y -= 14
    for t in truth:
        c.setStrokeColorRGB(0.85, 0.87, 0.88)
        c.line(20, y + 15, width - 20, y + 15)
        c.setFont(bold, 12)
        c.drawString(20, y, t.printed_name)
        c.setFont(font, 11)
        c.drawString(20, y - 16, f"{t.value_text} {t.unit or ''}".strip())
        c.setFillColorRGB(0.3, 0.35, 0.37)
        c.setFont(font, 9.5)
        c.drawString(20, y - 31, f"Normal range: {_range(t, 'words')}{_after_range(t)}")
        c.setFillColorRGB(0.04, 0.05, 0.05)
        y -= block
    return _done(c, buf)


def _wrap(text: str, font: str, size: float, width: float, c) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and c.stringWidth(trial, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]


def comment_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A pathology report (Test | Result | Units | Reference range) whose tests are now and then followed
    by a free-text comment paragraph holding other numbers (not results)."""
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold"),
                              ("LiberationSans-Regular", "LiberationSans-Bold")])
    italic = _face("DejaVuSerifCondensed-Italic" if font.startswith("DejaVu") else "LiberationSans-Italic")
    size = rng.choice([8.5, 9.0])
    lab_number = f"{rng.randint(10, 99)}.{rng.randint(1000000, 9999999)}"
    y = _masthead(c, 44, height - 44, "PATHOLOGY REPORT - CLINICAL BIOCHEMISTRY", [
        *_id_lines(person, region), f"Sample: Blood (serum)    Received {DATES['uk']} 10:12    Lab no. {lab_number}"],
        font, bold) - 12
    xs = [44, 220, 290, 380]
    _heads(c, xs, ["Test", "Result", "Units", "Reference range"], bold, size, y)
    y -= size * 2
    chance = rng.uniform(0.2, 0.35)
    for t in truth:
        c.setFont(font, size)
        for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _range(t, "spaced")], strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.7
        comment = COMMENTS.get(_first_name(t))
        if comment is None and rng.random() < 0.1:
            comment = rng.choice(GENERIC_COMMENTS)
        if comment and rng.random() < chance * 2:
            c.setFont(italic, size - 0.5)
            for line in _wrap(comment, italic, size - 0.5, width - 140, c):
                c.drawString(70, y, line)
                y -= size * 1.35
            y -= size * 0.5
    c.setFont(font, 7.5)
    c.drawString(44, y - 8, "Authorised by Dr P. Achterberg, Consultant Chemical Pathologist.")
    return _done(c, buf)


def tab_stop_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Names left-aligned, results right-aligned to a tab stop, the unit and the range after them."""
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("LiberationSerif-Regular", "LiberationSerif-Bold"), ("Helvetica", "Helvetica-Bold")])
    size = rng.choice([9.0, 9.5, 10.0])
    stop = rng.uniform(250, 280)
    form = rng.choice(["paren", "spaced"])
    y = _masthead(c, 56, height - 50, "Blood Sciences Report", _id_lines(person, region), font, bold) - 16
    c.setFont(bold, size)
    c.drawRightString(stop, y, "Result")
    c.drawString(stop + 14, y, "Units")
    c.drawString(stop + 100, y, "Reference")
    y -= size * 2
    for t in truth:
        c.setFont(font, size)
        c.drawString(56, y, t.printed_name)
        c.drawRightString(stop, y, t.value_text)
        c.drawString(stop + 14, y, t.unit or "")
        c.drawString(stop + 100, y, _range(t, form))
        y -= size * 1.75
    c.setFont(font, 8)
    c.drawString(56, y - 10, f"Printed {DATES['uk']}    {person.name}    DOB {person.dob}")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def receipt_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A 58 mm thermal receipt from a pharmacy health check: abbreviated names, the value, unit and an
    asterisk flag on one line, "Ref" with the range under it, blood pressure and pulse (not results)."""
    for t in truth:
        t.printed_name = RECEIPT_NAMES.get(t.printed_name, t.printed_name)
    mono = _face(rng.choice(["Courier", "DejaVuSansMono", "LiberationMono-Regular"]))
    size = 7.0
    width = 58 / 25.4 * 72
    lines = [(rng.choice(PHARMACIES), True), ("HEALTH CHECK RECEIPT", True),
             (f"{rng.randint(10, 300)} Market Square", False), ("-" * 32, False),
             (f"Name: {person.name}", False), (f"DOB: {person.dob}", False), (f"Ref no: {person.mrn}", False),
             (f"Tel: {person.phone}", False), (f"{DATES[region]}  {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
                                               f"  Till {rng.randint(1, 4)}", False), ("-" * 32, False)]
    for t in truth:
        lines.append((f"{t.printed_name:<7}{t.value_text:>6} {t.unit or '':<13} {t.flag or ''}".rstrip(), False))
        lines.append((f"  Ref {_range(t, 'dash')}", False))
    lines += [("-" * 32, False), (f"BP {rng.randint(108, 150)}/{rng.randint(66, 95)} mmHg  Pulse {rng.randint(58, 96)}",
                                   False), ("* outside the reference range", False),
              ("Not a diagnosis. Show this", False), ("receipt to your doctor.", False), ("THANK YOU", True)]
    height = 30 + len(lines) * size * 1.4
    c, buf = _start(width, height)
    y = height - 18
    for text, centred in lines:
        c.setFont(mono, size)
        if centred:
            c.drawCentredString(width / 2, y, text)
        else:
            c.drawString(6, y, text)
        y -= size * 1.4
    return _done(c, buf)


def _hand(c, rng: random.Random, x: float, y: float, text: str, font: str, size: float) -> None:
    """Text written by hand: blue ink pressed a little thick, slanted, the string a little turned and
    off the line, each letter a little larger or smaller and higher or lower than the last."""
    c.saveState()
    c.setFillColorRGB(0.1, 0.16, 0.55)
    c.setStrokeColorRGB(0.1, 0.16, 0.55)
    c.setLineWidth(size * 0.03)
    c.translate(x + rng.uniform(-1.5, 1.5), y + rng.uniform(-1.5, 1.5))
    c.rotate(rng.uniform(-3.5, 3.5))
    c.skew(0, rng.uniform(8, 16))
    text_object = c.beginText(0, 0)
    text_object.setTextRenderMode(2)  # fill and stroke: a pen's line, not a printer's
    for char in text:
        letter_size = size * rng.uniform(0.9, 1.12)
        text_object.setFont(font, letter_size)
        text_object.setRise(rng.uniform(-0.8, 0.8))
        text_object.textOut(char)
        text_object.setCharSpace(rng.uniform(-0.3, 0.4))
    c.drawText(text_object)
    c.restoreState()


def card_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A health-check card filled in by hand: labels, units and normal ranges pre-printed, each value
    written in its box, a flag written beside an abnormal one."""
    width, height = A5
    c, buf = _start(width, height)
    font, bold = _face("DejaVuSansCondensed"), _face("DejaVuSansCondensed-Bold")
    hand = _face(rng.choice(["DejaVuSerif-Italic", "LiberationSerif-Italic", "DejaVuSansCondensed-Oblique"]))
    c.setFillColorRGB(0.9, 0.95, 0.9)
    c.rect(0, height - 56, width, 56, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 14)
    c.drawString(24, height - 32, "My Health Check Card")
    c.setFont(font, 7.5)
    c.drawString(24, height - 46, "Keep this card and bring it to your next check")
    y = height - 80
    for label, value in [("Name", person.name), ("Date of birth", person.dob), ("Record no.", person.mrn),
                         ("Phone", person.phone)]:
        c.setFont(font, 8.5)
        c.drawString(24, y, f"{label}:")
        c.setLineWidth(0.4)
        c.line(90, y - 2, width - 24, y - 2)
        _hand(c, rng, 94, y, value, hand, 11)
        y -= 20
    y -= 10
    c.setFont(bold, 8)
    for x, head in [(24, "Test"), (110, "Result"), (190, "Unit"), (280, "Normal")]:
        c.drawString(x, y, head)
    y -= 26
    for t in truth:
        c.setFont(font, 9)
        c.drawString(24, y, t.printed_name)
        c.setLineWidth(0.8)
        c.rect(106, y - 6, 68, 20, stroke=1, fill=0)
        _hand(c, rng, 112, y, t.value_text, hand, 13)
        if t.flag:
            _hand(c, rng, 178, y + 6, t.flag, hand, 10)
        c.setFont(font, 8.5)
        c.drawString(192, y, t.unit or "")
        c.drawString(280, y, _range(t, "spaced"))
        y -= 30
    c.setFont(font, 7)
    c.drawString(24, 24, f"Checked by: pharmacist    Date: {DATES[region]}")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def split_tables_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Haematology (and the other sections) on the left, Biochemistry on the right, each section its
    own small table with its own header row."""
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("DejaVuSansCondensed", "DejaVuSansCondensed-Bold"), ("Times-Roman", "Times-Bold")])
    size = rng.choice([7.5, 8.0])
    names = SECTIONS[region]
    sections = dict(_by_section(truth))
    sides = [[s for s in (1, 3) if s in sections], [s for s in (0, 2) if s in sections]]
    top = _masthead(c, 36, height - 42, rng.choice(HOSPITALS), _id_lines(person, region), font, bold, 11) - 14
    column = (width - 72 - 18) / 2
    for side, parts in enumerate(sides):
        x0 = 36 + side * (column + 18)
        xs = [x0, x0 + column * 0.4, x0 + column * 0.54, x0 + column * 0.78]
        y = top
        for section in parts:
            c.setFillColorRGB(0.2, 0.3, 0.45)
            c.rect(x0, y - 3, column, size + 6, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.setFont(bold, size + 1)
            c.drawString(x0 + 3, y, names[section])
            c.setFillGray(0)
            y -= size * 2
            _heads(c, [x + 2 for x in xs], ["Test", "Result", "Units", "Range"], bold, size, y)
            c.setLineWidth(0.5)
            c.line(x0, y - 3, x0 + column, y - 3)
            y -= size * 1.7
            c.setFont(font, size)
            for t in sections[section]:
                for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _range(t, "dash")], strict=True):
                    c.drawString(x + 2, y, cell)
                y -= size * 1.6
            y -= size * 1.4
    return _done(c, buf)


def zebra_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Results in two columns with alternating shaded rows and no rules."""
    width, height = A4
    c, buf = _start(width, height)
    font, bold = _fonts(rng, [("LiberationSansNarrow-Regular", "LiberationSansNarrow-Bold"),
                              ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold")])
    size = rng.choice([8.0, 8.5, 9.0])
    shade = rng.uniform(0.86, 0.93)
    top = _masthead(c, 36, height - 44, "Results summary", _id_lines(person, region), font, bold, 11) - 18
    half = (len(truth) + 1) // 2
    column = (width - 72 - 16) / 2
    for side, part in enumerate([truth[:half], truth[half:]]):
        x0 = 36 + side * (column + 16)
        xs = [x0 + 3, x0 + column * 0.4, x0 + column * 0.54, x0 + column * 0.77]
        y = top
        _heads(c, xs, ["Test", "Result", "Units", "Range"], bold, size, y)
        y -= size * 1.9
        for i, t in enumerate(part):
            if i % 2 == 0:
                c.setFillGray(shade)
                c.rect(x0, y - size * 0.5, column, size * 1.75, stroke=0, fill=1)
                c.setFillGray(0)
            c.setFont(font, size)
            for x, cell in zip(xs, [t.printed_name, t.value_text, t.unit or "", _range(t, "spaced")], strict=True):
                c.drawString(x, y, cell)
            y -= size * 1.75
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def cerner_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Cerner-portal copy: each field on its own line (name, value, unit, "Reference Range: ...", the
    flag or nothing), a blank line between tests."""
    _flags(truth, region, "word")
    lines = ["HealtheLife", "Lab Results", "", f"Name: {person.name}", f"DOB: {person.dob}",
             f"MRN: {person.mrn}", f"Collected: {DATES[region]} 7:55 AM", ""]
    for t in truth:
        lines += [t.printed_name, t.value_text, *([t.unit] if t.unit else []),
                  f"Reference Range: {_range(t, 'dash')}", *([t.flag] if t.flag else []), ""]
    lines += ["Performing lab: " + rng.choice(LABS)]
    return "\n".join(lines).encode()


def markdown_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Markdown table pasted from a notes app."""
    _flags(truth, region, "letter")
    rows = [["Test", "Result", "Units", "Reference range", "Flag"], ["---", "---:", "---", "---", "---"]]
    rows += [[t.printed_name, t.value_text, t.unit or "", _range(t, "spaced"), t.flag or ""] for t in truth]
    lines = [f"# Blood test {DATES[region]}", "", f"**Patient:** {person.name}  ", f"**DOB:** {person.dob}  ",
             f"**MRN:** {person.mrn}  ", f"**Address:** {person.address}, {person.phone}", ""]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "- [ ] ask Dr about the flagged ones", "- [ ] book repeat in 3 months"]
    return "\n".join(lines).encode()


def whatsapp_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A forwarded WhatsApp chat: a relative types the results in, a few to a message, with chat between."""
    _mapped_flags(truth, region, CHAT)
    sender, other = rng.choice([("Mum", "Sam"), ("Dad", "Priya"), ("Auntie Jo", "Me")])
    minute = rng.randint(0, 20)
    if region == "uk" or rng.random() < 0.5:  # the phone's locale sets how WhatsApp writes the time
        stamp = lambda m: f"[{DATES['uk']}, 09:{m:02d}]"  # noqa: E731
    else:
        stamp = lambda m: f"[3/12/24, 9:{m:02d}:{(m * 7) % 60:02d} AM]"  # noqa: E731
    lines = [f"{stamp(minute)} {sender}: Results came back for {person.name} (born {person.dob}), "
             f"hospital no {person.mrn}"]
    i = 0
    while i < len(truth):
        minute += rng.randint(0, 3)
        part = truth[i:i + rng.randint(1, 4)]
        i += len(part)
        texts = [f"{t.printed_name} {t.value_text} {_range(t, 'paren')} {t.unit or ''}".replace("  ", " ").strip()
                 + (f" {t.flag}" if t.flag else "") for t in part]
        lines.append(f"{stamp(minute)} {sender}: {texts[0]}")
        lines += texts[1:]  # the same message's further lines carry no timestamp
        if rng.random() < 0.3:
            minute += 1
            lines.append(f"{stamp(minute)} {other}: {rng.choice(CHATTER)}")
    return "\n".join(lines).encode()


def fhir_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A FHIR JSON bundle a health app exported: the Patient (with a narrative) and one Observation per
    result (code.text and a coding display, valueQuantity value/unit, referenceRange low/high, the
    interpretation's code and display). Numbers are written as printed ("5.40" keeps its zero)."""
    day, month, year = person.dob.split("/")
    patient = {"resourceType": "Patient", "id": "pat1",
               "text": {"status": "generated", "div": f"<div>{person.name}, born {person.dob}, MRN {person.mrn}</div>"},
               "identifier": [{"type": {"text": "MRN"}, "value": person.mrn}],
               "name": [{"text": person.name}], "birthDate": f"{year}-{month}-{day}",
               "telecom": [{"system": "phone", "value": person.phone}], "address": [{"text": person.address}]}
    entries = [{"resource": patient}]
    numbers = {}
    for i, t in enumerate(truth):
        obs = {"resourceType": "Observation", "id": f"obs{i + 1}", "status": "final",
               "code": {"coding": [{"display": t.printed_name}], "text": t.printed_name},
               "subject": {"reference": "Patient/pat1"}, "effectiveDateTime": "2024-03-12T07:55:00Z"}
        value = t.value_text
        if t.range_text is not None or not value.lstrip("<>").replace(".", "", 1).isdigit():
            obs["valueString"] = value
        else:
            comparator = value[0] if value[0] in "<>" else None
            key = f"@value{i}@"
            numbers[f'"{key}"'] = value.lstrip("<>")
            obs["valueQuantity"] = {"value": key, **({"comparator": comparator} if comparator else {}),
                                    **({"unit": t.unit} if t.unit else {})}
        ref = {}
        for bound, number in (("low", t.range_low), ("high", t.range_high)):
            if number is not None:
                ref[bound] = {"value": f"@{bound}{i}@", **({"unit": t.unit} if t.unit else {})}
                numbers[f'"@{bound}{i}@"'] = _n(number)
        if t.range_text:
            ref["text"] = t.range_text
        if ref:
            obs["referenceRange"] = [ref]
        if t.flag and region != "uk":
            obs["interpretation"] = [{"coding": [{"code": t.flag, "display": FHIR_DISPLAY.get(t.flag, t.flag)}]}]
        else:
            t.flag = None
        entries.append({"resource": obs})
    text = json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries},
                      indent=rng.choice([2, 4]), ensure_ascii=False)
    for key, number in numbers.items():  # numbers as printed, not as Python would write them
        text = text.replace(key, number)
    return text.encode()


# ---- photos --------------------------------------------------------------------------------------
def _array(image):
    import numpy as np

    return np.asarray(image.convert("RGB"), dtype=np.float32)


def _image(pixels):
    import numpy as np
    from PIL import Image

    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def screen_angle_photo(page, rng: random.Random) -> bytes:
    """The report on a laptop screen photographed at an angle: keystone (15-25 degrees, the far edge
    shorter), moire bands from the screen's pixel grid, a cool glow and bloom, a dark room."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    screen = _array(page) * 0.92 + np.array((6, 10, 22), dtype=np.float32)  # the backlight's cast
    yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
    fine = rng.uniform(2.6, 3.4)
    beat = rng.uniform(70, 140)
    a = rng.uniform(0.2, 1.2)
    moire = np.sin(2 * math.pi * (xx * math.cos(a) + yy * math.sin(a)) / fine) * \
        (0.5 + 0.5 * np.sin(2 * math.pi * (xx * math.sin(a) - yy * math.cos(a)) / beat))
    screen = screen * (1 + rng.uniform(0.05, 0.09) * moire[..., None])
    bezel = int(0.035 * pw)
    framed = Image.new("RGB", (pw + 2 * bezel, ph + 2 * bezel), (18, 18, 20))
    framed.paste(_image(screen), (bezel, bezel))
    fw_, fh_ = framed.size
    angle = math.radians(rng.uniform(15, 25))
    shrink = math.tan(angle) * rng.uniform(0.45, 0.6)  # the far edge's share lost
    narrow = math.cos(angle)
    out_w, out_h = int(fw_ * 1.15), int(fh_ * 1.12)
    x0 = (out_w - fw_ * narrow) / 2
    y0 = (out_h - fh_) / 2
    far_left = rng.random() < 0.5
    pull = fh_ * shrink / 2  # how far the far edge's corners come in, top and bottom
    left_pull, right_pull = (pull, 0.0) if far_left else (0.0, pull)
    dst = [(x0, y0 + left_pull), (x0, y0 + fh_ - left_pull), (x0 + fw_ * narrow, y0 + fh_ - right_pull),
           (x0 + fw_ * narrow, y0 + right_pull)]
    from .corpus import _perspective_coefficients

    coeffs = _perspective_coefficients(dst, [(0, 0), (0, fh_), (fw_, fh_), (fw_, 0)])
    shot = framed.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, resample=Image.Resampling.BICUBIC,
                            fillcolor=(25, 22, 20))
    glow = _array(shot.filter(ImageFilter.GaussianBlur(0.02 * out_w)))
    pixels = _array(shot) + rng.uniform(0.15, 0.3) * glow * np.array((0.8, 0.9, 1.0), dtype=np.float32)
    pixels = _grain(pixels, rng, np_rng, (4, 7))
    image = _image(pixels).filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    return _jpeg(image, rng.randint(72, 86))


def _on_surface(page, rng: random.Random, frame: tuple[float, float], colours: list[tuple[int, int, int]],
                turn: float, tilt: float):
    """The page laid on a surface of one of `colours`, `frame` times its size, turned up to `turn`
    degrees and tilted up to `tilt`: the photo's pixels."""
    import numpy as np

    size = (int(page.width * frame[0]), int(page.height * frame[1]))
    surface = np.ones((size[1], size[0], 3), dtype=np.float32) * np.array(rng.choice(colours), dtype=np.float32)
    return _place(page, rng, rng.uniform(-turn, turn), surface, size, tilt=tilt)[0]


def whatsapp_photo(page, rng: random.Random) -> bytes:
    """A page photo sent over WhatsApp: a plain shot on a table, then downscaled to 1200-1400 px on
    its long side and saved at JPEG quality 40-55."""
    from PIL import Image

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.1, 1.08), [(185, 175, 160), (95, 80, 65), (200, 205, 210)], 3, 0.01)
    shot = _grain(shot * rng.uniform(0.88, 0.98), rng, np_rng, (3, 5))
    image = _image(shot)
    long_side = rng.randint(1200, 1400)
    scale = long_side / max(image.size)
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.BILINEAR)
    return _jpeg(image, rng.randint(40, 55))


def tungsten_photo(page, rng: random.Random) -> bytes:
    """A page under a warm tungsten lamp: a curled corner, an orange cast, a strong vignette, motion
    blur from a moving hand."""
    import numpy as np

    np_rng = _noise(rng)
    page = _curl(page, rng)
    shot = _on_surface(page, rng, (1.14, 1.1), [(110, 80, 55), (60, 55, 50)], 5, 0.02)
    fh, fw = shot.shape[:2]
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    r2 = ((xx - fw / 2) / (fw / 2)) ** 2 + ((yy - fh / 2) / (fh / 2)) ** 2
    vignette = np.clip(1 - rng.uniform(0.4, 0.55) * r2, 0.2, 1)
    shot = shot * vignette[..., None] * np.array((1.0, rng.uniform(0.74, 0.82), rng.uniform(0.46, 0.56)),
                                                 dtype=np.float32) * rng.uniform(0.8, 0.92)
    steps = rng.randint(4, 8)  # motion blur: the frame smeared along one direction
    angle = rng.uniform(0, math.pi)
    blurred = np.zeros_like(shot)
    for k in range(steps):
        dx, dy = round(k * math.cos(angle)), round(k * math.sin(angle))
        blurred += np.roll(np.roll(shot, dy, axis=0), dx, axis=1)
    shot = _grain(blurred / steps, rng, np_rng, (4, 8))
    return _jpeg(_image(shot), rng.randint(70, 85))


# ---- scans ---------------------------------------------------------------------------------------
def reverse_page_pdf(rng: random.Random, width: float, height: float) -> bytes:
    """The back of the sheet: a leaflet page printed on the reverse (seen through the paper)."""
    c, buf = _start(width, height)
    c.setFont(_face("Helvetica-Bold"), 14)
    c.drawString(60, height - 70, "Understanding your blood test results")
    c.setFont(_face("Helvetica"), 10)
    y = height - 100
    words = LEAFLET.split()
    for _ in range(rng.randint(22, 34)):
        start = rng.randint(0, len(words) - 12)
        c.drawString(60, y, " ".join(words[start:start + 12]))
        y -= 15
    return _done(c, buf)


def show_through_scan(page, back, rng: random.Random) -> bytes:
    """A 300 dpi grey scan of a thin sheet: the mirrored reverse page shows faintly through."""
    import numpy as np
    from PIL import ImageFilter, ImageOps

    np_rng = _noise(rng)
    front = np.asarray(page.convert("L"), dtype=np.float32)
    behind = ImageOps.mirror(back.convert("L").resize(page.size)).filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 3)))
    ink = 1 - np.asarray(behind, dtype=np.float32) / 255
    paper = rng.uniform(226, 240)
    pixels = front / 255 * paper * (1 - rng.uniform(0.08, 0.16) * ink) + np_rng.normal(0, 2.5, front.shape)
    image = _image(np.repeat(pixels[..., None], 3, axis=2)).convert("L")
    return _jpeg(image.rotate(rng.uniform(-0.6, 0.6), fillcolor=int(paper)), rng.randint(78, 90))


def scanner_app_scan(page, rng: random.Random) -> bytes:
    """A phone "scanner app" page: slight perspective left after its crop, a shadow at one edge, then a
    hard black-and-white threshold (the shadow turns partly black)."""
    import numpy as np
    from PIL import Image

    pw, ph = page.size
    j = lambda: rng.uniform(-0.015, 0.015)  # noqa: E731
    dst = [(pw * abs(j()), ph * abs(j())), (pw * abs(j()), ph * (1 - abs(j()))),
           (pw * (1 - abs(j())), ph * (1 - abs(j()))), (pw * (1 - abs(j())), ph * abs(j()))]
    warped = page.convert("L").transform(page.size, Image.Transform.PERSPECTIVE, _coeffs(dst, page.size),
                                         resample=Image.Resampling.BICUBIC, fillcolor=255)
    grey = np.asarray(warped, dtype=np.float32)
    xx = np.arange(pw, dtype=np.float32)
    reach = rng.uniform(0.08, 0.14) * pw
    depth = rng.uniform(0.35, 0.55)
    edge = xx if rng.random() < 0.5 else pw - 1 - xx
    shadow = 1 - depth * np.clip(1 - edge / reach, 0, 1) ** 1.5
    grey = grey * shadow[None, :] * np.linspace(1.0, rng.uniform(0.9, 0.97), ph)[:, None]
    cut = rng.uniform(150, 175)
    bw = Image.fromarray(np.where(grey > cut, 255, 0).astype(np.uint8)).convert("1")
    out = io.BytesIO()
    bw.save(out, format="PNG")
    return out.getvalue()


def office_scan(page, rng: random.Random) -> bytes:
    """An old office scanner at 100-120 dpi (the page already rendered at that resolution): grey,
    a slight turn, a dull paper tone and noise, a mid JPEG."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    grey = page.convert("L").rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=235)
    pixels = np.asarray(grey, dtype=np.float32) * rng.uniform(0.86, 0.94) + np_rng.normal(0, 4, (grey.height, grey.width))
    return _jpeg(_image(np.repeat(pixels[..., None], 3, axis=2)).convert("L"), rng.randint(60, 75))


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"quest": quest_pdf, "india": india_pdf, "hospital": hospital_pdf}
UK_PAGES = {"nhs-app": nhs_app_pdf, "comments": comment_pdf, "tab-stop": tab_stop_pdf}


def _on_paper(page, paper: tuple[float, float]):
    """A page image of another shape (the phone-width NHS App page) printed at the top of a sheet of
    `paper`, so the scan keeps its proportions."""
    from PIL import Image

    ratio = paper[1] / paper[0]
    if abs(page.height / page.width - ratio) < 0.02:
        return page
    width = max(page.width, round(page.height / ratio))
    sheet = Image.new("RGB", (width, round(width * ratio)), (255, 255, 255))
    sheet.paste(page, ((width - page.width) // 2, 0))
    return sheet


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A page of one of fresh9's table designs (its region's), flags set as it prints them."""
    if region == "uk":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region)
    design = rng.choice(sorted(US_TABLES))
    _flags(truth, region, "word" if design == "hospital" else "letter")
    return US_TABLES[design](rng, person, truth, region)


def fresh9_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh9 report; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout == "us-table":
        design = rng.choice(sorted(US_TABLES))
        _flags(truth, region, "word" if design == "hospital" else "letter")
        return US_TABLES[design](rng, person, truth, region), "pdf"
    if layout == "uk-fixed":
        _flags(truth, region, "letter")
        return UK_PAGES[rng.choice(sorted(UK_PAGES))](rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        if rng.random() < 0.5:
            _mapped_flags(truth, region, STAR)
            return receipt_pdf(rng, person, truth, region), "pdf"
        _flags(truth, region, "letter")
        return card_pdf(rng, person, truth, region), "pdf"
    if layout == "two-column":
        _flags(truth, region, "letter")
        page = split_tables_pdf if rng.random() < 0.5 else zebra_pdf
        return page(rng, person, truth, region), "pdf"
    if layout == "portal-text":
        look = rng.choice([cerner_text, markdown_text, whatsapp_text, fhir_text])
        return look(rng, person, truth, region), "text"
    if layout == "phone-photo":
        look = rng.choice(["screen", "whatsapp", "tungsten"])
        pdf = _printed_page(rng, person, truth, region)
        page = render_pages(pdf, rng.randint(150, 190) if look == "screen" else rng.randint(170, 210))[0]
        if look == "screen":
            return screen_angle_photo(page, rng), "image"
        if look == "whatsapp":
            return whatsapp_photo(page, rng), "image"
        return tungsten_photo(page, rng), "image"
    if layout == "scanned-pdf":
        paper = letter if region == "us" else A4
        look = rng.choice(["show-through", "scanner-app", "office"])
        pdf = _printed_page(rng, person, truth, region)
        if look == "show-through":
            page = _on_paper(render_pages(pdf, 300)[0], paper)
            back = render_pages(reverse_page_pdf(rng, *paper), 100)[0]
            image = show_through_scan(page, back, rng)
        elif look == "scanner-app":
            image = scanner_app_scan(_on_paper(render_pages(pdf, rng.randint(180, 220))[0], paper), rng)
        else:
            image = office_scan(_on_paper(render_pages(pdf, rng.randint(100, 120))[0], paper), rng)
        return image_pages_pdf([image], *paper), "pdf"
    raise ValueError(layout)
