"""fresh18: the eighteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh18-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh17's):

- a unit printed belongs to the result, wherever it stands; a unit printed in lower case ("mmol/l")
  is the truth in lower case;
- a range in words is the bound it names ("below 200" is <200, "above 60" is >60, "3.5 to 5.1");
  a qualitative test's expected word ("Negative") is its range;
- values printed censored keep their printed text ("<0.1", ">90");
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column; words
  ("High", "Low", "Critical High", "Abnormal") in a chat's sentences ("flagged High") or an SQL
  row's `flag` field. UK reports and the two-column pages print none (a row printed in reverse video
  and a trend word are not flags);
- comments and marks are not results: a claim attachment's claim and member numbers, CPT codes,
  dates of service and billed amounts, a phoned-results log's phone times, extensions and read-back
  initials, a pre-printed form's box numbers, a travel clinic's vaccines, batch numbers and doses, a
  home visit's time, mileage, weight and wound score, a two-column page's trend words, an SQL dump's
  ids and collection times, a chat's times and the patient's questions, a scan's lamp and a
  halftone's dots.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a Spanish / English bilingual report (every label, column head and footer in both
  languages: "Prueba / Test", "Resultado / Result", "Intervalo de referencia / Reference interval");
  an insurance-claim attachment ("ATTACHMENT TO CLAIM", claim and member numbers, a CPT code and date
  of service before each result and a billed amount after it, a claim total);
- uk-fixed: a laboratory's phoned-results log (a fixed-width line per result with the time it was
  phoned, the extension and the initials of the person who read it back); a lab's pre-printed
  multipart form (red pre-printed numbered boxes and rules) with the results typed by an impact
  printer in Courier, a little out of register with the boxes;
- clinic-slip: a travel-health clinic record (vaccines given with batch numbers and doses, a
  malaria-tablet line, then the pre-travel bloods); a community nurse's home-visit record (visit time,
  mileage, weight and wound-score boxes, then the portable analyser's results);
- two-column: two result columns where the results outside the range are printed in reverse video
  (white on a black bar); two result columns with a "Trend" cell of words (rising / falling /
  steady) after each value;
- portal-text: an SQL dump (`INSERT INTO lab_results (...) VALUES (...);`, one row a result with an
  id and a collection time); a patient portal's chat-assistant transcript (the patient asks, the
  assistant gives one result a turn: "Your Potassium was 5.9 mmol/L. The normal range is 3.5 to
  5.1 mmol/L, so it is flagged High.");
- phone-photo: a photo with a finger partly over the lens (a large soft pink-brown blur intruding
  from one side); a page rolled for carrying and not flattened (the lines bowed, shading towards the
  ends); a cheap phone's lens colour shading (magenta corners, a greenish centre);
- scanned-pdf: a page printed through a coarse halftone screen (grey made of dots) and scanned; a
  scan whose lamp had not warmed up (the top of the page darker and pinkish, fading down the page);
  a flatbed scan with the fingers that held the folder flat in the left margin.
"""

from __future__ import annotations

import random

from reportlab.lib.pagesizes import A4, A5, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh5 import _n
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _done, _image, _masthead, _on_surface, _start
from .fresh12 import FACES_NARROW, FACES_SANS, FACES_SERIF, _page, _patient_lines, _rng_range
from .fresh16 import _mono, _none, _scan_rgb, _words

LABS = ["Sagebrush Mesa Clinical Laboratory", "Harborview Point Diagnostics", "Lindenwood Regional Lab Services"]
UK_LABS = ["Penhallow General Hospital - Clinical Biochemistry", "Westmarch NHS Trust - Pathology Services",
           "Invercraig Royal Infirmary - Blood Sciences"]
# what a travel clinic gives besides the bloods: never results
VACCINES = ["Hepatitis A", "Typhoid Vi", "Yellow fever", "Rabies (dose 1)", "Diphtheria/Tetanus/Polio", "Cholera (oral)"]
TRENDS = ["rising", "falling", "steady"]
CPT = {"chemistry": "80053", "count": "85025", "lipid": "80061", "other": "84443"}


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _dash(t: Truth) -> str:
    return _rng_range(t, "{low} - {high}", "> {low}", "< {high}")


# ---- us-table ------------------------------------------------------------------------------------
def bilingual_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A Spanish / English bilingual report: every label and column head in both languages."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.0, 8.5])
    c.setFont(bold, 12)
    c.drawString(40, height - 42, rng.choice(LABS))
    c.setFont(font, 8)
    c.drawString(40, height - 54, "Informe de laboratorio / Laboratory report")
    y = height - 72
    c.setFont(font, 8.5)
    for line in [f"Paciente / Patient: {person.name}    Fecha de nacimiento / DOB: {person.dob}",
                 f"No. de expediente / MRN: {person.mrn}    Tel\u00e9fono / Phone: {person.phone}",
                 f"Direcci\u00f3n / Address: {person.address}",
                 "Fecha de toma / Collected: 03/12/2024 08:10    M\u00e9dico / Physician: Dra. L. Ib\u00e1\u00f1ez"]:
        c.drawString(40, y, line)
        y -= 12
    y -= 10
    xs = [44, 200, 262, 306, 400]
    c.setFont(bold, size)
    for x, (es, en) in zip(xs, [("Prueba", "Test"), ("Resultado", "Result"), ("Indicador", "Flag"), ("Unidades", "Units"),
                               ("Intervalo de referencia", "Reference interval")], strict=True):
        c.drawString(x, y, es)
        c.drawString(x, y - size * 1.15, en)
    c.line(40, y - size * 1.15 - 4, width - 40, y - size * 1.15 - 4)
    y -= size * 3.2
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, (t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.8
    c.setFont(font, 7)
    c.drawString(40, 52, "Indicador / Flag: H = alto / high, L = bajo / low, A = anormal / abnormal.")
    c.drawString(40, 40, "Fin del informe / End of report    P\u00e1gina 1 de 1 / Page 1 of 1")
    return _done(c, buf)


def _cpt(t: Truth) -> str:
    low = t.printed_name.lower()
    if any(word in low for word in ("cholesterol", "triglyceride", "hdl", "ldl")):
        return CPT["lipid"]
    if any(word in low for word in ("hemoglobin", "haemoglobin", "white", "platelet", "hematocrit", "mcv", "wbc")):
        return CPT["count"]
    if "tsh" in low or "psa" in low or "a1c" in low:
        return CPT["other"]
    return CPT["chemistry"]


def claim_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An insurance-claim attachment: a CPT code and date of service before each result, a billed amount after."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [7.5, 8.0])
    c.setFont(bold, 13)
    c.drawString(40, height - 42, "ATTACHMENT TO CLAIM - LABORATORY RESULTS")
    claim = f"CLM-{rng.randint(2024000000, 2024999999)}"
    y = _masthead(c, 40, height - 60, rng.choice(LABS), _patient_lines(person, region)
                  + [f"Claim no.: {claim}    Member ID: W{rng.randint(100000000, 999999999)}    "
                     f"Payer: {rng.choice(['Keystone Mutual Health', 'Pacific Crest Benefits', 'Union Shield Plan'])}"],
                  font, bold)
    y -= 10
    xs = [44, 86, 140, 262, 306, 330, 392, 490]
    c.setFont(bold, size)
    for x, head in zip(xs, ["CPT", "DOS", "Test", "Result", "Flag", "Units", "Ref. interval", "Billed"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setFont(font, size)
    total = 0.0
    for t in truth:
        billed = rng.choice([8.5, 11.0, 14.25, 18.0, 22.75, 31.5])
        total += billed
        for x, cell in zip(xs[:-1], (_cpt(t), "03/12/2024", t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)),
                           strict=True):
            c.drawString(x, y, cell)
        c.drawRightString(width - 44, y, f"${billed:.2f}")
        y -= size * 1.8
    c.line(40, y + size * 0.6, width - 40, y + size * 0.6)
    c.setFont(bold, size)
    c.drawRightString(width - 44, y - 4, f"Claim total: ${total:.2f}")
    c.setFont(font, 6.8)
    c.drawString(40, 52, "Submitted as supporting documentation. DOS = date of service. H high, L low, A abnormal.")
    c.drawString(40, 41, f"Attachment control no. {claim}-A1    Page 1 of 1")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def phoned_log_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A laboratory's phoned-results log: the time phoned, the extension and the read-back initials on each line."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    font, bold, size = _mono(rng)
    c.setFont(bold, 9.5)
    c.drawString(34, height - 40, f"{rng.choice(UK_LABS)}")
    c.drawString(34, height - 53, "TELEPHONED RESULTS LOG")
    c.setFont(font, size)
    y = height - 72
    for line in [f"Patient : {person.name:<26} DOB: {person.dob}   Hosp No: {person.mrn}",
                 f"Address : {person.address}   Tel: {person.phone}",
                 f"Phoned to: {rng.choice(['Dr A. Whitcombe', 'Sister J. Penrose', 'Dr N. Okonjo'])} "
                 f"({rng.choice(['Ward 4', 'AMU', 'Elm Surgery'])})   Sample: 12/03/2024", ""]:
        c.drawString(34, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(34, y, f"{'PHONED':<8}{'EXT':<6}{'TEST':<26}{'RESULT':>9}  {'UNITS':<14}{'RANGE':<14}READ BACK")
    y -= size * 0.6
    c.line(34, y, width - 34, y)
    y -= size * 1.5
    c.setFont(font, size)
    for t in truth:
        phoned = f"{rng.randint(13, 16):02d}:{rng.randint(0, 59):02d}"
        c.drawString(34, y, f"{phoned:<8}{rng.randint(2000, 4999):<6}{t.printed_name:<26}{t.value_text:>9}  "
                            f"{t.unit or '':<14}{_dash(t):<14}{rng.choice(['AW', 'JP', 'NO'])}/{rng.choice(['KL', 'MS'])}")
        y -= size * 1.5
    y -= size
    c.drawString(34, y, "All results read back and confirmed by the recipient.  -- END OF LOG --")
    return _done(c, buf)


def preprinted_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A pre-printed multipart form (red boxes and labels) with the results typed in Courier, out of register."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    dx, dy = rng.uniform(-4, 6), rng.uniform(-3, 3)  # the impact printer's offset from the printed boxes
    red = (0.8, 0.2, 0.2)
    c.setFillColorRGB(*red)
    c.setStrokeColorRGB(*red)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(36, height - 40, rng.choice(UK_LABS).upper())
    c.setFont("Helvetica", 7)
    c.drawString(36, height - 51, "CLINICAL PATHOLOGY REPORT  -  FORM CP/7 (3-PART)  -  TOP COPY: REQUESTER")
    c.rect(36, height - 118, width - 72, 58, stroke=1, fill=0)
    for x, label in ((40, "SURNAME, FORENAMES"), (250, "DATE OF BIRTH"), (380, "HOSPITAL NUMBER")):
        c.drawString(x, height - 68, label)
    for x, label in ((40, "ADDRESS"), (380, "TELEPHONE")):
        c.drawString(x, height - 95, label)
    top = height - 140
    c.setFont("Helvetica-Bold", 7)
    for x, head in ((40, "BOX"), (64, "INVESTIGATION"), (230, "RESULT"), (300, "UNITS"), (390, "REFERENCE RANGE")):
        c.drawString(x, top, head)
    rows = len(truth) + 2
    step = 17
    c.setFont("Helvetica", 6.5)
    for k in range(rows):
        yy = top - 8 - k * step
        c.line(36, yy, width - 36, yy)
        c.drawString(42, yy - 11, f"{k + 1:02d}")
    c.line(36, top - 8 - rows * step, width - 36, top - 8 - rows * step)
    for x in (60, 226, 296, 386):
        c.line(x, top - 8, x, top - 8 - rows * step)
    c.setFillGray(0)
    font = rng.choice(["Courier", "Courier-Bold"])
    c.setFont(font, 9)
    c.drawString(44 + dx, height - 80 + dy, person.name)
    c.drawString(254 + dx, height - 80 + dy, person.dob)
    c.drawString(384 + dx, height - 80 + dy, person.mrn)
    c.drawString(44 + dx, height - 107 + dy, person.address)
    c.drawString(384 + dx, height - 107 + dy, person.phone)
    for k, t in enumerate(truth):
        yy = top - 8 - k * step - 12 + dy
        for x, cell in ((66, t.printed_name), (232, t.value_text), (302, t.unit or ""), (392, _dash(t))):
            c.drawString(x + dx, yy, cell)
    c.setFont(font, 8)
    c.drawString(44 + dx, 60 + dy, "AUTHORISED: DR P. TREGARTHEN  12/03/24  16:05")
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
def travel_clinic_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A travel-health clinic record: vaccines with batch numbers and doses, then the pre-travel bloods."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.5, 8.0])
    c.setFillColorRGB(0.1, 0.45, 0.5)
    c.rect(0, height - 40, width, 40, stroke=0, fill=1)
    c.setFillGray(1)
    c.setFont(bold, 11)
    c.drawString(24, height - 24, "TRAVEL HEALTH CLINIC - VISIT RECORD")
    c.setFillGray(0)
    c.setFont(font, 7.5)
    y = height - 54
    for line in [f"Traveller: {person.name}   DOB: {person.dob}   Record: {person.mrn}",
                 f"Phone: {person.phone}   Destination: {rng.choice(['Kenya, Tanzania', 'Peru, Bolivia', 'Vietnam, Laos'])}",
                 "Departure: 18/04/2024   Duration: 3 weeks"]:
        c.drawString(24, y, line)
        y -= 10
    y -= 4
    c.setFont(bold, 7.5)
    c.drawString(24, y, "Vaccines given today")
    y -= 11
    c.setFont(font, 7)
    for name in rng.sample(VACCINES, rng.randint(2, 3)):
        c.drawString(30, y, name)
        c.drawString(150, y, f"Batch {rng.choice('ABKMT')}{rng.randint(1000, 9999)}{rng.choice('XYZ')}")
        c.drawString(230, y, f"{rng.choice(['0.5', '1.0'])} mL  IM  {rng.choice(['L deltoid', 'R deltoid', 'oral'])}")
        y -= 10
    c.drawString(30, y, f"Malaria tablets: atovaquone/proguanil 250/100 mg, 1 daily, {rng.randint(24, 30)} tablets")
    y -= 16
    c.setFont(bold, 7.5)
    c.drawString(24, y, "Pre-travel blood tests")
    y -= 11
    c.setFont(bold, 6.8)
    for x, head in zip((24, 110, 160, 222, 290), ["Test", "Result", "Units", "Range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(24, y - 3, width - 24, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip((24, 110, 160, 222, 290), (t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""),
                           strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 6.2)
    c.drawString(24, 26, "Keep this record with your travel documents. Nurse: R. Delacroix RGN.")
    return _done(c, buf)


def home_visit_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A community nurse's home-visit record: visit boxes (time, mileage, weight, wound score), then the analyser's results."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.5, 8.0])
    c.setFont(bold, 10.5)
    c.drawString(24, height - 30, "Community Nursing - Home Visit Record")
    c.setFont(font, 7.5)
    y = height - 46
    for line in [f"Patient: {person.name}   DOB: {person.dob}", f"ID: {person.mrn}   Tel: {person.phone}",
                 f"Visit address: {person.address}"]:
        c.drawString(24, y, line)
        y -= 10
    y -= 14
    boxes = [("Arrived", f"{rng.randint(9, 15):02d}:{rng.choice(['05', '20', '35', '50'])}"),
             ("Mileage", f"{rng.randint(3, 28)} mi"), ("Weight", f"{rng.randint(52, 104)}.{rng.randint(0, 9)} kg"),
             ("Wound score", f"{rng.randint(2, 9)}/12")]
    for k, (label, value) in enumerate(boxes):
        x = 24 + k * 96
        c.setFont(font, 6.5)
        c.drawString(x, y + 10, label)
        c.setStrokeGray(0.4)
        c.rect(x, y - 4, 80, 13, stroke=1, fill=0)
        c.setStrokeGray(0)
        c.setFont(bold, 7.5)
        c.drawString(x + 4, y, value)
    y -= 24
    c.setFont(bold, 7.5)
    c.drawString(24, y, f"Portable analyser results (serial PA-{rng.randint(10000, 99999)})")
    y -= 12
    c.setFont(bold, 6.8)
    xs = (24, 110, 162, 226, 300)
    for x, head in zip(xs, ["Test", "Result", "Units", "Reference", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(24, y - 3, width - 24, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, (t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""), strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 6.2)
    c.drawString(24, 26, "Next visit: 19/03/2024. Results shared with the GP the same day. H high, L low, A abnormal.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def _two_columns(rng: random.Random, person: Person, truth: list[Truth], heads: list[tuple[int, str]], draw_row,
                 key: str, faces) -> bytes:
    """Two result columns under one masthead, each row drawn by `draw_row`, a key at the foot."""
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, faces, [8.0, 8.5])
    y = _masthead(c, 36, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:25   Reported 12/03/2024 16:10"], font, bold)
    col = (width - 72 - 24) / 2
    top = y - 18
    split = (len(truth) + 1) // 2
    c.line(36 + col + 12, 70, 36 + col + 12, top + 10)
    for k, rows in enumerate((truth[:split], truth[split:])):
        x = 36 + k * (col + 24)
        c.setFont(bold, size)
        for dx, head in heads:
            c.drawString(x + dx, top, head)
        c.line(x, top - 4, x + col, top - 4)
        yy = top - size * 2.3
        for t in rows:
            draw_row(c, x, yy, col, t, font, bold, size)
            yy -= size * 2.1
    c.setFont(font, 7)
    c.drawString(36, 48, key)
    return _done(c, buf)


def inverse_rows_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns; the rows outside the range printed in reverse video (white on a black bar)."""
    outside = {id(t) for t in truth if t.flag}
    _none(truth)

    def row(c, x, yy, col, t, font, bold, size):
        if id(t) in outside:
            c.setFillGray(0.1)
            c.rect(x - 2, yy - 3.5, col + 4, size + 5, stroke=0, fill=1)
            c.setFillGray(1)
        for dx, cell in zip((0, 100, 138, 204), (t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")),
                            strict=True):
            c.setFont(bold if dx == 100 else font, size)
            c.drawString(x + dx, yy, cell)
        c.setFillGray(0)

    return _two_columns(rng, person, truth, [(0, "Test"), (100, "Result"), (138, "Units"), (204, "Range")], row,
                        "Rows in reverse print (white on black) lie outside the reference range.", FACES_SANS + FACES_SERIF)


def trend_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two result columns with a Trend cell of words (rising / falling / steady) after each value."""
    _none(truth)
    trends = {id(t): "steady" if t.range_text else rng.choice(TRENDS) for t in truth}  # a word result holds steady

    def row(c, x, yy, col, t, font, bold, size):
        c.setFont(font, size)
        c.drawString(x, yy, t.printed_name)
        c.drawString(x + 98, yy, " ".join(part for part in (t.value_text, t.unit or "") if part))
        c.setFillGray(0.45)
        c.setFont(font, size - 1)
        c.drawString(x + 186, yy, trends[id(t)])
        c.setFillGray(0)
        c.setFont(font, size)
        c.drawRightString(x + col, yy, _rng_range(t, "{low} - {high}"))

    return _two_columns(rng, person, truth, [(0, "Test"), (98, "Result"), (186, "Trend"), (222, "Range")], row,
                        "Trend: change since the previous sample (rising / falling / steady), not a flag. Range after each.",
                        FACES_NARROW + FACES_SANS)


# ---- portal-text ---------------------------------------------------------------------------------
def _sql(text: str | None) -> str:
    return "NULL" if text is None or text == "" else "'" + text.replace("'", "''") + "'"


def _num(x: float | None) -> str:
    return "NULL" if x is None else _n(x)


def sql_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """An SQL dump: one INSERT a result, with an id and a collection time."""
    _flags(truth, region, "word")
    out = ["-- lab results export", f"-- patient: {person.name}, dob {person.dob}, mrn {person.mrn}",
           "BEGIN TRANSACTION;",
           "INSERT INTO lab_results (id, mrn, collected_at, test_name, result, units, ref_low, ref_high, ref_text, flag) VALUES"]
    first = rng.randint(40000, 90000)
    rows = []
    for k, t in enumerate(truth):
        stamp = f"2024-03-12 {rng.randint(7, 9):02d}:{rng.randint(0, 59):02d}:00"
        rows.append(f"  ({first + k}, '{person.mrn}', '{stamp}', {_sql(t.printed_name)}, {_sql(t.value_text)}, {_sql(t.unit)}, "
                    f"{_num(t.range_low)}, {_num(t.range_high)}, {_sql(t.range_text)}, {_sql(t.flag)})")
    out.append(",\n".join(rows) + ";")
    out += ["COMMIT;", f"-- {len(truth)} rows"]
    return "\n".join(out).encode() + b"\n"


def chat_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A portal's chat-assistant transcript: the patient asks, the assistant gives one result a turn."""
    _flags(truth, region, "word")
    minute = rng.randint(2, 20)

    def stamp() -> str:
        nonlocal minute
        minute += rng.randint(0, 2)
        return f"[7:{minute:02d} PM]"

    out = [f"Chat transcript - {person.name} (DOB {person.dob}, MRN {person.mrn}) - 03/13/2024", "",
           f"{stamp()} You: hi, can you tell me my blood test results from 03/12?",
           f"{stamp()} Assistant: Of course. Here are your results from 03/12/2024, one at a time."]
    for t in truth:
        if rng.random() < 0.3:
            out.append(f"{stamp()} You: ok what about the {t.printed_name.lower()}?")
        value = " ".join(part for part in (t.value_text, t.unit or "") if part)
        verdict = f"so it is flagged {t.flag}" if t.flag else "so it is in the normal range"
        normal = f"The expected result is {t.range_text}" if t.range_text else \
            f"The normal range is {_words(t)}{' ' + t.unit if t.unit else ''}"
        out.append(f"{stamp()} Assistant: Your {t.printed_name} was {value}. {normal}, {verdict}.")
    out += [f"{stamp()} You: thanks. should I call someone?",
            f"{stamp()} Assistant: Your care team can explain what these mean for you. You can call 555-0188.", "",
            "-- end of chat --"]
    return "\n".join(out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def finger_photo(page, rng: random.Random) -> bytes:
    """A photo with a finger partly over the lens: a large soft pink-brown blur from one side or corner."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(150, 130, 104), (196, 192, 184), (84, 86, 92)], 3.0, 0.01)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    side = rng.choice(["right", "top-right", "bottom-left", "bottom-right"])  # away from the names on the left
    cx = {"right": 1.02, "top-right": 0.98, "bottom-left": 0.02, "bottom-right": 0.98}[side] * w
    cy = {"right": rng.uniform(0.3, 0.7), "top-right": -0.02, "bottom-left": 1.02, "bottom-right": 1.02}[side] * h
    reach = w * rng.uniform(0.06, 0.09)
    dist = np.sqrt(((xx - cx) / 1.0) ** 2 + ((yy - cy) / 1.8) ** 2)
    cover = np.clip(1 - (dist - reach) / (w * 0.06), 0, 1)[..., None] * rng.uniform(0.8, 0.95)
    skin = np.array(rng.choice([(196, 120, 100), (150, 92, 70), (214, 150, 128)]), dtype=np.float32)
    pixels = shot * (1 - cover) + skin * cover
    pixels = pixels * (1 - 0.12 * np.clip(1 - dist / (w * 0.35), 0, 1))[..., None]  # the finger's shade nearby
    return _jpeg(_image(_grain(pixels, rng, np_rng, (2, 4))), rng.randint(80, 92))


def rolled_photo(page, rng: random.Random) -> bytes:
    """A page rolled for carrying and not flattened: lines bowed, shading towards the ends."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    grid = np.asarray(page.convert("RGB"), dtype=np.float32)
    h, w = grid.shape[:2]
    bow = h * rng.uniform(0.012, 0.022)
    xs = np.arange(w, dtype=np.float32)
    shift = (bow * (((xs - w / 2) / (w / 2)) ** 2)).astype(np.int32)  # the sides rise, the middle sags
    out = np.full((h + int(bow) + 2, w, 3), 255, dtype=np.float32)
    for x in range(w):
        out[int(bow) + 1 - shift[x]:int(bow) + 1 - shift[x] + h, x] = grid[:, x]
    shade = 1 - 0.28 * np.abs((xs - w / 2) / (w / 2)) ** 3
    out = out * shade[None, :, None]
    rolled = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    shot = _on_surface(rolled, rng, (1.08, 1.08), [(120, 110, 100), (60, 64, 70), (176, 168, 150)], 2.0, 0.01)
    return _jpeg(_image(_grain(shot, rng, np_rng, (2, 4))), rng.randint(80, 92))


def colour_shading_photo(page, rng: random.Random) -> bytes:
    """A cheap phone's lens colour shading: magenta corners, a greenish centre."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(140, 140, 136), (100, 84, 70), (188, 184, 176)], 3.0, 0.012)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2
    strength = rng.uniform(0.08, 0.14)
    gain = np.stack([1 + strength * r2 * 0.6, 1 - strength * r2 + 0.04 * (1 - r2), 1 + strength * r2 * 0.7], axis=2)
    pixels = shot * gain * (1 - 0.2 * r2)[..., None]
    return _jpeg(_image(_grain(pixels, rng, np_rng, (2, 4))), rng.randint(80, 92))


# ---- scans ---------------------------------------------------------------------------------------
def halftone_scan(page, rng: random.Random) -> bytes:
    """A page printed through a coarse halftone screen (grey made of dots), scanned in grey."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    grey = np.asarray(page.convert("L").filter(ImageFilter.GaussianBlur(0.5)), dtype=np.float32) / 255
    h, w = grey.shape
    cell = rng.choice([3, 4])
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = np.deg2rad(rng.choice([15, 45, 75]))
    u, v = xx * np.cos(angle) + yy * np.sin(angle), -xx * np.sin(angle) + yy * np.cos(angle)
    screen = (np.cos(2 * np.pi * u / cell) * np.cos(2 * np.pi * v / cell) + 1) / 2  # 0..1 dot pattern
    ink = (1 - grey) * rng.uniform(0.9, 1.0)
    printed = np.where(ink > screen * 0.85 + 0.05, 30.0, 244.0)
    pixels = np.asarray(_image(printed).filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    pixels = pixels + np_rng.normal(0, 3, pixels.shape)
    return _jpeg(_image(np.repeat(pixels[..., None], 3, axis=2)).convert("L"), rng.randint(80, 90))


def lamp_scan(page, rng: random.Random) -> bytes:
    """A scan whose lamp had not warmed up: the top darker and pinkish, fading down the page."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h = pixels.shape[0]
    fade = np.exp(-np.arange(h, dtype=np.float32) / (h * rng.uniform(0.18, 0.3)))[:, None, None]
    tint = np.array((rng.uniform(0.88, 0.93), rng.uniform(0.7, 0.78), rng.uniform(0.74, 0.82)), dtype=np.float32)
    pixels = pixels * (1 - fade * (1 - tint))
    return _scan_rgb(pixels, rng)


def fingers_scan(page, rng: random.Random) -> bytes:
    """A flatbed scan with the fingers that held the folder flat in the left margin."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cover = np.zeros((h, w), dtype=np.float32)
    base = rng.uniform(0.35, 0.55) * h
    for k in range(rng.randint(2, 4)):
        cy = base + k * h * 0.04
        tip = w * rng.uniform(0.02, 0.03)  # in the margin, short of the text
        length = (xx <= tip) & (np.abs(yy - cy) < h * 0.016)
        round_tip = ((xx - tip) ** 2 + ((yy - cy) * 1.0) ** 2) < (h * 0.016) ** 2
        cover = np.maximum(cover, (length | round_tip).astype(np.float32))
    from PIL import Image, ImageFilter

    soft = np.asarray(Image.fromarray((cover * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(w / 300)),
                      dtype=np.float32)[..., None] / 255
    skin = np.array(rng.choice([(206, 160, 140), (160, 112, 88), (120, 84, 64)]), dtype=np.float32)
    shade = 0.55 + 0.45 * np.clip(xx / (w * 0.06), 0, 1)[..., None]  # darker where they leave the glass
    pixels = pixels * (1 - soft) + skin * shade * soft
    return _scan_rgb(pixels, rng)


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"bilingual": bilingual_pdf, "claim": claim_pdf}
UK_PAGES = {"phoned-log": phoned_log_pdf, "preprinted": preprinted_pdf}
SLIPS = {"travel-clinic": travel_clinic_pdf, "home-visit": home_visit_pdf}
TWO = {"inverse-rows": inverse_rows_pdf, "trend": trend_pdf}
PORTAL = {"sql": sql_text, "chat": chat_text}
PHOTOS = {"finger": finger_photo, "rolled": rolled_photo, "colour-shading": colour_shading_photo}
SCANS = {"halftone": halftone_scan, "lamp": lamp_scan, "fingers": fingers_scan}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh18's designs (its region's) to photograph or scan."""
    pages = UK_PAGES if region == "uk" else US_TABLES
    return pages[rng.choice(sorted(pages))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh18_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh18 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
