"""fresh19: the nineteenth held-out set of generated lab reports, written without reading the readers
and never tuned on (`"fresh19-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Its PDFs are drawn with reportlab's
`invariant=1`, so a seed gives the same bytes every time; images are drawn from the report's own
random stream. Every report prints the patient's name, date of birth and record number (most also
the address and phone). The truth rules (as fresh18's):

- a unit printed belongs to the result, wherever it stands; a unit printed in lower case ("mmol/l")
  is the truth in lower case;
- a range in words is the bound it names; a qualitative test's expected word ("Negative") is its
  range; in LaTeX source a range's "--" is the dash it typesets ("136--145" is 136-145) and a unit in
  `\\verb|...|` or with an escaped "\\%" is the unit typeset;
- values printed censored keep their printed text ("<0.1", ">90"); a flagged value in bold LaTeX
  (`\\textbf{5.9}`) is the value; a DataFrame's "NaN" is an empty cell (no unit, no bound, no flag);
- flags are the truth as printed: letters ("H", "L", "HH", "LL", "A") in their own column; words
  ("High", "Low", "Critical High", "Critical Low", "Abnormal") in an app card's pill. UK reports and
  the two-column pages print none (a footnote marker after a value is not a flag);
- comments and marks are not results: a research form's protocol, site, subject and visit numbers
  and its "Clinically significant? Y / N" column, a fax cover sheet's fax numbers, page count and
  the fax header line on each page, a web mail print's header, footer and quoted earlier message, an
  app screenshot's status bar (time, battery), a fertility clinic's cycle day, doses and follicle
  sizes, a cumulative report's older dated columns (the truth is the column of the newest date,
  12/03/2024, whichever side it stands), footnote markers ("a", "b", "*") and the footnotes, a
  DataFrame print's row index and shape, LaTeX commands.

Looks no earlier set has, per layout (each design chosen by rng):

- us-table: a French / English Canadian report (each column head in French above the English in
  grey, bilingual section bands "Biochimie / Biochemistry", ISO dates, "Fin du rapport / End of
  report"); a research study's case report form for local laboratory results (protocol, site,
  subject and visit numbers, an "H/L" column and a "Clin. sig.? (Y/N)" column of Y / N letters, an
  investigator's signature line, "Page 14 of 32");
- uk-fixed: a fax cover sheet (To / From / fax numbers / pages / confidentiality notice) then the
  results in fixed width on page 2, a fax header line at the top of each page; a results e-mail
  printed from a web mail client (the browser's print header and URL footer, Subject / From / To /
  Sent headers, the results in a plain-text body, the patient's earlier message quoted below);
- clinic-slip: a phone app's results screen exported as PDF (a phone-shaped page, a status bar,
  one rounded card a result with a coloured flag pill, a tab bar); a fertility clinic's
  cycle-monitoring slip (cycle day, stimulation dose, follicle sizes and endometrium in mm, then the
  bloods);
- two-column: a landscape cumulative report in two columns, each row with three dated result
  columns (14/11/2022, 06/06/2023, 12/03/2024; the newest on the right or on the left) then units
  and range; two ruled grids whose panel name is a merged cell spanning its rows, with footnote
  markers (a, b, *) raised after some values and the footnotes at the foot;
- portal-text: a pandas DataFrame printed in a Python session (`>>> df`, a row index, right-aligned
  columns, NaN for empty cells, `df.shape`); a LaTeX source of the results table (`\\begin{tabular}`,
  booktabs rules, `&` between cells, `--` in ranges, bold flagged values);
- phone-photo: a page lit by two lights at once (warm lamp from one side, cool daylight from the
  other, a soft boundary across the page); a double image from a shaken hand in a long exposure
  (a faint second copy a few pixels away); a social-app filter (lifted, faded blacks, a warm / teal
  split tone, a vignette and film grain);
- scanned-pdf: a page scanned in two passes and stitched (a seam across the page, the lower part
  shifted a few pixels and shaded differently); a standard-resolution fax (about 204 x 98 dpi: each
  scan line twice as tall as wide, black and white, no dither); a page on grey recycled paper (a
  mottled tone, dark flecks and fibres).
"""

from __future__ import annotations

import math
import random
import re

from reportlab.lib.pagesizes import A4, A5, landscape, letter

from .corpus import Person, Truth
from .designs import Designs, designed_report
from .fresh5 import _n
from .fresh6 import _jpeg, _noise
from .fresh8 import _flags, _grain
from .fresh9 import _done, _image, _masthead, _on_surface, _start
from .fresh12 import (
    FACES_NARROW,
    FACES_SANS,
    FACES_SERIF,
    _page,
    _patient_lines,
    _rng_range,
    _shifted,
)
from .fresh16 import _mono, _none, _scan_rgb

CA_LABS = ["Laboratoire m\u00e9dical Saint-Laurent / Saint-Laurent Medical Laboratory",
           "Biologie m\u00e9dicale Outaouais / Outaouais Medical Biology"]
UK_LABS = ["Penhallow General Hospital - Clinical Biochemistry", "Westmarch NHS Trust - Pathology Services",
           "Invercraig Royal Infirmary - Blood Sciences"]
DATES = ["14/11/2022", "06/06/2023", "12/03/2024"]  # a cumulative report's columns, the last is this sample
NOTES = {"a": "a  Sample slightly haemolysed; interpret with caution.",
         "b": "b  Repeated on a second analyser at 15:20, same result.",
         "*": "*  Result checked and confirmed by the duty biochemist."}
BLOOD = {"hemoglobin", "haemoglobin", "hb", "hgb", "white", "wbc", "platelet", "platelets", "plt", "hematocrit", "haematocrit",
         "hct", "mcv", "inr"}
LIPID = ("cholesterol", "chol", "hdl", "ldl", "trig")


def _letters(truth: list[Truth], region: str) -> None:
    """Letter flags on US reports, none on UK ones."""
    _flags(truth, region, "letter")


def _dash(t: Truth) -> str:
    return _rng_range(t, "{low} - {high}", "> {low}", "< {high}")


def _older(t: Truth, rng: random.Random) -> str:
    """An earlier sample's value printed like this one (a word or a censored value stays as it is)."""
    return _shifted(t.value_text, rng.uniform(0.88, 1.12)) or t.value_text


def _panel(t: Truth) -> str:
    """The panel a grid's merged cell names for a test."""
    low = t.printed_name.lower()
    words = set(re.split(r"[^a-z0-9]+", low))
    if words & BLOOD and "a1c" not in low:
        return "Haematology"
    if any(word in low for word in LIPID):
        return "Lipids"
    return "Biochemistry"


# ---- us-table ------------------------------------------------------------------------------------
def canadian_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A French / English Canadian report: French heads over English ones in grey, bilingual section bands."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [8.0, 8.5])
    c.setFont(bold, 11)
    c.drawString(40, height - 42, rng.choice(CA_LABS))
    c.setFont(font, 8)
    c.drawString(40, height - 54, "Rapport de laboratoire / Laboratory Report")
    y = height - 72
    c.setFont(font, 8.5)
    for line in [f"Nom / Name: {person.name}    Date de naissance / Date of birth: {person.dob}",
                 f"N\u00b0 de dossier / Chart no.: {person.mrn}    T\u00e9l\u00e9phone / Telephone: {person.phone}",
                 f"Adresse / Address: {person.address}",
                 "Pr\u00e9lev\u00e9 le / Collected: 2024-03-12 08:10    M\u00e9decin / Physician: Dre M. Tremblay"]:
        c.drawString(40, y, line)
        y -= 12
    y -= 10
    xs = [44, 200, 262, 310, 400]
    for x, (fr, en) in zip(xs, [("Analyse", "Test"), ("R\u00e9sultat", "Result"), ("Indicateur", "Flag"),
                               ("Unit\u00e9s", "Units"), ("Valeurs de r\u00e9f\u00e9rence", "Reference values")], strict=True):
        c.setFont(bold, size)
        c.drawString(x, y, fr)
        c.setFillGray(0.45)
        c.setFont(font, size - 0.5)
        c.drawString(x, y - size * 1.15, en)
        c.setFillGray(0)
    c.line(40, y - size * 1.15 - 4, width - 40, y - size * 1.15 - 4)
    y -= size * 3.0
    split = len(truth) // 2 + rng.randint(-2, 2)
    for band, rows in (("BIOCHIMIE / BIOCHEMISTRY", truth[:split]), ("AUTRES ANALYSES / OTHER TESTS", truth[split:])):
        c.setFillGray(0.88)
        c.rect(40, y - 3, width - 80, size + 5, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(bold, size)
        c.drawString(44, y, band)
        y -= size * 2
        c.setFont(font, size)
        for t in rows:
            for x, cell in zip(xs, (t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), strict=True):
                c.drawString(x, y, cell)
            y -= size * 1.75
        y -= size * 0.6
    c.setFont(font, 7)
    c.drawString(40, 52, "L\u00e9gende / Legend: H = \u00e9lev\u00e9 / high, L = bas / low, A = anormal / abnormal.")
    c.drawString(40, 40, "Fin du rapport / End of report    Valid\u00e9 par / Validated by: M. Gagnon, biochimiste clinique")
    return _done(c, buf)


def crf_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A research study's case report form for local laboratory results, with a Clin. sig. Y/N column."""
    _letters(truth, region)
    width, height = letter if region == "us" else A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [7.5, 8.0])
    protocol = f"{rng.choice(['CRD', 'MTX', 'HLX'])}-{rng.randint(1000, 9999)}-0{rng.randint(1, 4)}"
    site = f"{rng.randint(1, 60):03d}"
    c.setFont(font, 7.5)
    c.drawString(40, height - 34, f"Protocol {protocol}    Sponsor: {rng.choice(['Meridian Therapeutics', 'Orlane Biosciences'])}")
    c.setFont(bold, 12)
    c.drawString(40, height - 50, "CASE REPORT FORM - LOCAL LABORATORY RESULTS")
    c.setStrokeGray(0.3)
    c.rect(40, height - 94, width - 80, 34, stroke=1, fill=0)
    c.setFont(font, 8)
    c.drawString(46, height - 72, f"Site no.: {site}    Subject no.: {site}-{rng.randint(1, 99):04d}    "
                                  f"Visit: Week {rng.choice([4, 8, 12, 24])} (Visit {rng.randint(3, 8)})    Visit date: 12-MAR-2024")
    c.drawString(46, height - 86, "Sample taken fasting?  [X] Yes  [ ] No        Laboratory: local (hospital) laboratory")
    c.setFont(font, 7.5)
    c.drawString(40, height - 108, f"Source document: {person.name}    DOB: {person.dob}    MRN: {person.mrn}    Phone: {person.phone}")
    y = height - 130
    xs = [44, 190, 250, 318, 410, 450]
    c.setFont(bold, size)
    for x, head in zip(xs, ["Lab parameter", "Result", "Units", "Normal range", "H/L", "Clin. sig.? (Y/N)"], strict=True):
        c.drawString(x, y, head)
    c.line(40, y - 4, width - 40, y - 4)
    y -= size * 2
    c.setFont(font, size)
    for t in truth:
        significant = rng.choice(["Y", "N"]) if t.flag else "N"
        for x, cell in zip(xs, (t.printed_name, t.value_text, t.unit or "", _dash(t), t.flag or "", significant), strict=True):
            c.drawString(x, y, cell)
        c.setStrokeGray(0.8)
        c.line(40, y - 4, width - 40, y - 4)
        y -= size * 1.9
    c.setStrokeGray(0)
    c.setFont(font, 7.5)
    c.drawString(40, y - 10, "If clinically significant, record as an adverse event on the AE form.")
    c.drawString(40, 70, "Investigator signature: ______________________    Date: ____________")
    c.setFont(font, 6.8)
    c.drawString(40, 46, f"CRF version 3.0 (12-Jan-2024)    Protocol {protocol}    Page 14 of 32")
    return _done(c, buf)


# ---- uk-fixed ------------------------------------------------------------------------------------
def _fax_line(c, height: float, width: float, page: int, number: str, lab: str) -> None:
    c.setFont("Courier", 7.5)
    c.drawString(30, height - 18, f"12/03/2024 15:42   FROM: {number}   {lab[:22].upper()}")
    c.drawRightString(width - 30, height - 18, f"P.{page:03d}/002")


def fax_cover_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A fax cover sheet (page 1) then the results in fixed width (page 2), a fax header line on each."""
    _none(truth)
    width, height = A4
    c, buf = _start(width, height)
    lab = rng.choice(UK_LABS)
    sender = f"01632 960{rng.randint(100, 999)}"
    _fax_line(c, height, width, 1, sender, lab)
    c.setFont("Helvetica-Bold", 36)
    c.drawString(50, height - 100, "FAX")
    c.setFont("Helvetica", 10)
    c.drawString(50, height - 120, lab)
    y = height - 170
    for label, value in [("To:", rng.choice(["Dr A. Whitcombe, Elm Surgery", "Dr N. Okonjo, Harbour Medical Practice"])),
                         ("Fax:", f"01632 960{rng.randint(100, 999)}"), ("From:", "Pathology Results Office"),
                         ("Fax:", sender), ("Phone:", f"01632 960{rng.randint(100, 999)}"), ("Date:", "12/03/2024"),
                         ("Pages:", "2 (including this cover sheet)"), ("Re:", "Pathology results, urgent copy as requested")]:
        c.setFont("Helvetica-Bold", 11)
        c.drawString(50, y, label)
        c.setFont("Helvetica", 11)
        c.drawString(130, y, value)
        y -= 22
    c.rect(50, y - 80, width - 100, 64, stroke=1, fill=0)
    c.setFont("Helvetica", 8.5)
    for k, line in enumerate(["CONFIDENTIAL: this fax holds patient information. If you have received it in error,",
                              "please telephone the sender at once and destroy all pages. Do not copy or forward."]):
        c.drawString(58, y - 36 - k * 12, line)
    c.showPage()
    _fax_line(c, height, width, 2, sender, lab)
    font, bold, size = _mono(rng)
    c.setFont(bold, 9.5)
    c.drawString(40, height - 50, lab)
    c.setFont(font, size)
    y = height - 72
    for line in [f"Patient : {person.name:<26} DOB: {person.dob}   Hosp No: {person.mrn}",
                 f"Address : {person.address}   Tel: {person.phone}", "Sample  : 12/03/2024 08:40   Reported: 12/03/2024 15:30", ""]:
        c.drawString(40, y, line)
        y -= size * 1.45
    c.setFont(bold, size)
    c.drawString(40, y, f"{'TEST':<28}{'RESULT':>8}  {'UNITS':<14}REFERENCE RANGE")
    y -= size * 0.6
    c.line(40, y, width - 40, y)
    y -= size * 1.5
    c.setFont(font, size)
    for t in truth:
        c.drawString(40, y, f"{t.printed_name:<28}{t.value_text:>8}  {t.unit or '':<14}{_dash(t)}")
        y -= size * 1.5
    y -= size
    c.drawString(40, y, "-- End of report --")
    return _done(c, buf)


def webmail_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A results e-mail printed from a web mail client: print header and footer, mail headers, a quoted earlier message."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS, [9.0])
    lab = rng.choice(UK_LABS)
    sender = f"results@{rng.choice(['penhallow', 'westmarch', 'invercraig'])}-path.nhs.uk"
    mailbox = f"{person.name.split()[0].lower()}.{person.name.split()[-1].lower()}@{rng.choice(['northmail.co.uk', 'postbox.uk'])}"
    c.setFont(font, 7)
    c.drawString(24, height - 18, "12/03/2024, 16:22")
    c.drawRightString(width - 24, height - 18, f"Mail - {mailbox} - Webmail")
    c.drawString(24, 16, f"https://webmail.{mailbox.split('@')[1]}/mail/inbox/id/AAQk{rng.randint(10**8, 10**9 - 1)}")
    c.drawRightString(width - 24, 16, "1/1")
    c.setFont(bold, 13)
    c.drawString(40, height - 50, f"Your blood test results (ref PR-{rng.randint(10000, 99999)})")
    c.setFont(font, 8.5)
    y = height - 70
    for line in [f"Pathology Results Service <{sender}>", "Tue 12/03/2024 16:05", f"To: {person.name} <{mailbox}>"]:
        c.drawString(40, y, line)
        y -= 12
    c.line(40, y, width - 40, y)
    y -= 18
    mono, mono_bold, mono_size = _mono(rng)
    c.setFont(mono, mono_size)
    for line in [f"Dear {person.name.split()[0]},", "",
                 "As you asked, here are the results of your blood test of 12/03/2024.", "",
                 f"Patient: {person.name}   DOB: {person.dob}   Hospital No.: {person.mrn}", lab, "",
                 f"{'Test':<28}{'Result':>8}  {'Units':<14}Reference range", "-" * 66]:
        c.drawString(40, y, line)
        y -= mono_size * 1.4
    for t in truth:
        c.drawString(40, y, f"{t.printed_name:<28}{t.value_text:>8}  {t.unit or '':<14}{_dash(t)}")
        y -= mono_size * 1.4
    for line in ["", "Your GP has a copy and will contact you if anything needs action.", "",
                 "Kind regards,", "Pathology Results Service", ""]:
        c.drawString(40, y, line)
        y -= mono_size * 1.4
    c.setFont(font, 8)
    c.setFillGray(0.35)
    for line in [f"From: {person.name} <{mailbox}>", "Sent: 11 March 2024 21:14", f"To: {sender}",
                 "Subject: Blood test results?", "",
                 f"Hello, could you e-mail me the results of my blood test? My hospital number is {person.mrn}.",
                 "I had it taken on 12 March at about 8:40. Thank you."]:
        c.drawString(52, y, line)
        y -= 11
    c.setFillGray(0)
    return _done(c, buf)


# ---- clinic-slip ---------------------------------------------------------------------------------
PILLS = {"High": (0.85, 0.35, 0.1), "Low": (0.15, 0.4, 0.8), "Abnormal": (0.6, 0.3, 0.7),
         "Critical High": (0.75, 0.05, 0.1), "Critical Low": (0.75, 0.05, 0.1)}


def app_cards_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A phone app's results screen exported as PDF: a status bar, one rounded card a result, a tab bar."""
    _flags(truth, region, "word")
    card = 62
    width, height = 300, 150 + card * len(truth) + 40
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_NARROW, [8.0])
    c.setFillColorRGB(0.95, 0.96, 0.98)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 8)
    c.drawString(16, height - 14, f"{rng.randint(7, 10)}:{rng.randint(0, 59):02d}")
    c.drawRightString(width - 16, height - 14, f"5G  {rng.randint(21, 99)}%")
    c.setFont(font, 9)
    c.setFillColorRGB(0.1, 0.4, 0.8)
    c.drawString(16, height - 36, "< Results")
    c.setFillGray(0)
    c.setFont(bold, 15)
    c.drawString(16, height - 58, "Blood tests")
    c.setFont(font, 7.5)
    for k, line in enumerate(["12 Mar 2024 - ordered by Dr. K. Ames", f"{person.name}  -  DOB {person.dob}  -  MRN {person.mrn}",
                              f"{person.phone}  -  {person.address}"]):
        c.drawString(16, height - 74 - k * 10, line)
    y = height - 112
    for t in truth:
        y -= card
        c.setFillGray(1)
        c.setStrokeGray(0.85)
        c.roundRect(12, y, width - 24, card - 8, 9, stroke=1, fill=1)
        c.setFillGray(0)
        c.setFont(bold, 8.5)
        c.drawString(22, y + card - 24, t.printed_name)
        c.setFont(bold, 14)
        c.drawString(22, y + card - 42, t.value_text)
        c.setFont(font, 8.5)
        c.drawString(26 + c.stringWidth(t.value_text, bold, 14), y + card - 42, t.unit or "")
        c.setFillGray(0.4)
        c.setFont(font, 7)
        c.drawString(22, y + 7, f"Standard range: {_dash(t)}")
        if t.flag:
            c.setFillColorRGB(*PILLS.get(t.flag, (0.6, 0.3, 0.7)))
            pill = c.stringWidth(t.flag, bold, 7.5) + 14
            c.roundRect(width - 22 - pill, y + card - 30, pill, 14, 7, stroke=0, fill=1)
            c.setFillGray(1)
            c.setFont(bold, 7.5)
            c.drawString(width - 15 - pill, y + card - 26, t.flag)
        c.setFillGray(0)
    c.setFillGray(1)
    c.rect(0, 0, width, 30, stroke=0, fill=1)
    c.setFillGray(0.4)
    c.setFont(font, 7)
    for k, tab in enumerate(["Home", "Messages", "Results", "Profile"]):
        c.drawCentredString(width * (k + 0.5) / 4, 12, tab)
    return _done(c, buf)


def fertility_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A fertility clinic's cycle-monitoring slip: cycle day, dose, follicle sizes, then the bloods."""
    _letters(truth, region)
    width, height = A5
    c, buf, font, bold, size = _page(rng, width, height, FACES_SERIF + FACES_SANS, [7.5, 8.0])
    c.setFont(bold, 10.5)
    c.drawString(24, height - 30, "Assisted Conception Unit - Cycle Monitoring")
    c.setFont(font, 7.5)
    y = height - 46
    for line in [f"Patient: {person.name}   DOB: {person.dob}", f"Unit no.: {person.mrn}   Tel: {person.phone}",
                 f"Cycle day {rng.randint(8, 13)}   Stimulation day {rng.randint(6, 11)}   "
                 f"Dose: follitropin {rng.choice([112.5, 150, 225])} IU daily"]:
        c.drawString(24, y, line)
        y -= 10
    y -= 6
    c.setStrokeGray(0.4)
    c.rect(24, y - 34, width - 48, 40, stroke=1, fill=0)
    c.setStrokeGray(0)
    c.setFont(font, 7)

    def sizes() -> str:
        return ", ".join(str(rng.randint(10, 21)) for _ in range(rng.randint(2, 4)))

    c.drawString(30, y - 6, f"Right ovary follicles (mm): {sizes()}")
    c.drawString(30, y - 17, f"Left ovary follicles (mm): {sizes()}")
    c.drawString(30, y - 28, f"Endometrium: {rng.randint(6, 12)}.{rng.randint(0, 9)} mm, trilaminar")
    y -= 50
    c.setFont(bold, 7.5)
    c.drawString(24, y, "Bloods today")
    y -= 12
    c.setFont(bold, 6.8)
    xs = (24, 110, 162, 226, 300)
    for x, head in zip(xs, ["Test", "Result", "Units", "Range", "Flag"], strict=True):
        c.drawString(x, y, head)
    c.line(24, y - 3, width - 24, y - 3)
    y -= size * 1.9
    c.setFont(font, size)
    for t in truth:
        for x, cell in zip(xs, (t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or ""), strict=True):
            c.drawString(x, y, cell)
        y -= size * 1.85
    c.setFont(font, 6.2)
    c.drawString(24, 26, "Next scan: day 13. Trigger when the lead follicle is 18 mm or more. H high, L low, A abnormal.")
    return _done(c, buf)


# ---- two-column ----------------------------------------------------------------------------------
def cumulative_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A landscape cumulative report in two columns: three dated result columns per row, then units and range."""
    _none(truth)
    width, height = landscape(A4)
    c, buf, font, bold, size = _page(rng, width, height, FACES_NARROW + FACES_SANS, [7.5, 8.0])
    y = _masthead(c, 36, height - 36, f"{rng.choice(UK_LABS)} - Cumulative Report", _patient_lines(person, "uk"), font, bold)
    newest_first = rng.random() < 0.5
    dates = DATES[::-1] if newest_first else DATES
    col = (width - 72 - 24) / 2
    top = y - 16
    split = (len(truth) + 1) // 2
    c.line(36 + col + 12, 60, 36 + col + 12, top + 10)
    offsets = [0, 112, 160, 208, 258, 318]
    for k, rows in enumerate((truth[:split], truth[split:])):
        x = 36 + k * (col + 24)
        c.setFont(bold, size)
        for dx, head in zip(offsets, ["Test", *dates, "Units", "Range"], strict=True):
            c.drawString(x + dx, top, head)
        c.line(x, top - 4, x + col, top - 4)
        yy = top - size * 2.3
        for t in rows:
            values = [_older(t, rng), _older(t, rng), t.value_text]
            if newest_first:
                values = values[::-1]
            c.setFont(font, size)
            c.drawString(x, yy, t.printed_name)
            for dx, date, value in zip(offsets[1:4], dates, values, strict=True):
                c.setFont(bold if date == DATES[-1] else font, size)
                c.drawString(x + dx, yy, value)
            c.setFont(font, size)
            c.drawString(x + offsets[4], yy, t.unit or "")
            c.drawString(x + offsets[5], yy, _rng_range(t, "{low} - {high}"))
            yy -= size * 2.0
    c.setFont(font, 7)
    c.drawString(36, 40, "This sample: 12/03/2024 (bold). Earlier columns are previous samples, shown for comparison.")
    return _done(c, buf)


def footnotes_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two ruled grids whose panel name is a merged cell spanning its rows, footnote markers after some values."""
    _none(truth)
    width, height = A4
    c, buf, font, bold, size = _page(rng, width, height, FACES_SANS + FACES_SERIF, [7.0, 7.5])
    y = _masthead(c, 24, height - 40, rng.choice(UK_LABS), _patient_lines(person, "uk")
                  + ["Sample collected 12/03/2024 08:25   Reported 12/03/2024 16:10"], font, bold)
    marks = {id(t): rng.choice(sorted(NOTES)) for t in truth if rng.random() < 0.3}
    col = (width - 48 - 12) / 2
    step = size * 2.1
    top = y - 16
    split = (len(truth) + 1) // 2
    offsets = [0, 48, 134, 170, 230]  # panel, test, result, units, range
    used = set()
    bottom = top
    for k, rows in enumerate((truth[:split], truth[split:])):
        x = 24 + k * (col + 12)
        c.setFont(bold, size)
        for dx, head in zip(offsets, ["Panel", "Test", "Result", "Units", "Range"], strict=True):
            c.drawString(x + dx + 3, top, head)
        c.line(x, top + size + 3, x + col, top + size + 3)
        c.line(x, top - 5, x + col, top - 5)
        yy = top - 5
        groups: dict[str, list[Truth]] = {}
        for t in rows:
            groups.setdefault(_panel(t), []).append(t)
        for panel, members in groups.items():
            span = step * len(members)
            c.setFont(bold, size - 0.5)
            c.drawString(x + 3, yy - span / 2 - size / 3, panel)  # the merged cell: the name once, centred in its rows
            for n, t in enumerate(members):
                row_y = yy - step * (n + 1) + step * 0.35
                c.setFont(font, size)
                c.drawString(x + offsets[1] + 3, row_y, t.printed_name)
                c.drawString(x + offsets[2] + 3, row_y, t.value_text)
                if id(t) in marks:
                    used.add(marks[id(t)])
                    c.setFont(font, size - 2.5)
                    c.drawString(x + offsets[2] + 4 + c.stringWidth(t.value_text, font, size), row_y + size * 0.45, marks[id(t)])
                    c.setFont(font, size)
                c.drawString(x + offsets[3] + 3, row_y, t.unit or "")
                c.drawString(x + offsets[4] + 3, row_y, _rng_range(t, "{low} - {high}"))
                if n < len(members) - 1:
                    c.setStrokeGray(0.75)
                    c.line(x + offsets[1], yy - step * (n + 1), x + col, yy - step * (n + 1))
                    c.setStrokeGray(0)
            yy -= span
            c.line(x, yy, x + col, yy)
        for dx in [*offsets, col]:
            c.line(x + dx, top + size + 3, x + dx, yy)
        bottom = min(bottom, yy)
    c.setFont(font, 7)
    ny = bottom - 18
    for mark in sorted(used):
        c.drawString(24, ny, NOTES[mark])
        ny -= 10
    c.drawString(24, 40, "Results outside the reference range are reviewed by a biochemist before release.")
    return _done(c, buf)


# ---- portal-text ---------------------------------------------------------------------------------
def _decimals(numbers: list[float | None]) -> int:
    return max((len(_n(x).split(".")[1]) if "." in _n(x) else 1 for x in numbers if x is not None), default=1)


def dataframe_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A pandas DataFrame printed in a Python session: a row index, right-aligned columns, NaN for empty cells."""
    _letters(truth, region)
    places = {key: _decimals([getattr(t, key) for t in truth]) for key in ("range_low", "range_high")}

    def bound(t: Truth, key: str) -> str:
        x = getattr(t, key)
        return "NaN" if x is None else f"{x:.{places[key]}f}"

    heads = ["test", "value", "unit", "ref_low", "ref_high", "ref_text", "flag"]
    rows = [[t.printed_name, t.value_text, t.unit or "NaN", bound(t, "range_low"), bound(t, "range_high"),
             t.range_text or "NaN", t.flag or "NaN"] for t in truth]
    widths = [max(len(head), *(len(row[k]) for row in rows)) for k, head in enumerate(heads)]
    index = len(str(len(rows) - 1))
    out = [">>> import pandas as pd", f">>> df = pd.read_csv('lab_results_{person.mrn}.csv')",
           ">>> print(patient)", f"{{'name': '{person.name}', 'dob': '{person.dob}', 'mrn': '{person.mrn}'}}",
           ">>> df", " " * index + "  " + "  ".join(head.rjust(w) for head, w in zip(heads, widths, strict=True))]
    out += [str(k).ljust(index) + "  " + "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
            for k, row in enumerate(rows)]
    out += [">>> df.shape", f"({len(rows)}, {len(heads)})", ">>> "]
    return "\n".join(out).encode() + b"\n"


def _tex(text: str) -> str:
    """Text as LaTeX source: a caret only in \\verb, the specials escaped."""
    if "^" in text:
        return f"\\verb|{text}|"
    for char in "\\&%$#_{}":
        text = text.replace(char, "\\" + char)
    return text


def latex_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """The LaTeX source of a results table: booktabs rules, & between cells, -- in ranges, bold flagged values."""
    _letters(truth, region)
    out = ["% results table exported by the clinic's letter system",
           "\\documentclass[11pt]{article}", "\\usepackage[T1]{fontenc}", "\\usepackage[utf8]{inputenc}",
           "\\usepackage{booktabs}", "\\begin{document}", "\\section*{Laboratory results}",
           f"Patient: {_tex(person.name)} \\\\", f"DOB: {_tex(person.dob)} \\\\", f"MRN: {_tex(person.mrn)} \\\\",
           f"Address: {_tex(person.address)}, phone {_tex(person.phone)} \\\\", "Collected: 03/12/2024 \\par",
           "\\medskip", "\\begin{tabular}{lrllc}", "\\toprule",
           "\\textbf{Test} & \\textbf{Result} & \\textbf{Units} & \\textbf{Reference range} & \\textbf{Flag} \\\\",
           "\\midrule"]
    for t in truth:
        value = f"\\textbf{{{_tex(t.value_text)}}}" if t.flag else _tex(t.value_text)
        out.append(f"{_tex(t.printed_name)} & {value} & {_tex(t.unit or '')} & "
                   f"{_tex(_rng_range(t, '{low}--{high}', '>{low}', '<{high}'))} & {t.flag or ''} \\\\")
    out += ["\\bottomrule", "\\end{tabular}", "", "\\footnotesize Flags: H high, L low, A abnormal.", "\\end{document}"]
    return "\n".join(out).encode() + b"\n"


# ---- photos --------------------------------------------------------------------------------------
def mixed_light_photo(page, rng: random.Random) -> bytes:
    """A page lit by two lights: a warm lamp from one side, cool daylight from the other, a soft boundary."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(150, 132, 110), (92, 90, 96), (184, 178, 168)], 3.0, 0.01)
    h, w = shot.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(-0.5, 0.5)
    across = ((xx / w - 0.5) * np.cos(angle) + (yy / h - 0.5) * np.sin(angle)) * (1 if rng.random() < 0.5 else -1)
    share = 1 / (1 + np.exp(-across / rng.uniform(0.06, 0.12)))[..., None]  # 0: the lamp's side, 1: the window's
    warm = np.array((1.05, 0.95, 0.8), dtype=np.float32) * rng.uniform(0.9, 1.0)
    cool = np.array((0.9, 0.96, 1.05), dtype=np.float32) * rng.uniform(0.85, 0.95)
    pixels = shot * (warm * (1 - share) + cool * share)
    return _jpeg(_image(_grain(pixels, rng, np_rng, (2, 4))), rng.randint(80, 92))


def double_image_photo(page, rng: random.Random) -> bytes:
    """A shaken hand in a long exposure: a faint second copy of the page a few pixels away."""
    import numpy as np
    from PIL import ImageFilter

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(132, 120, 104), (70, 72, 78), (190, 186, 178)], 3.0, 0.01)
    dx, dy = rng.choice([-1, 1]) * rng.randint(2, 4), rng.choice([-1, 1]) * rng.randint(1, 3)
    ghost = np.roll(np.roll(shot, dy, axis=0), dx, axis=1)
    weight = rng.uniform(0.25, 0.35)
    pixels = shot * (1 - weight) + ghost * weight
    soft = np.asarray(_image(pixels).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.6))), dtype=np.float32)
    return _jpeg(_image(_grain(soft, rng, np_rng, (3, 5))), rng.randint(78, 90))


def filter_photo(page, rng: random.Random) -> bytes:
    """A social app's filter: lifted, faded blacks, a warm / teal split tone, a vignette and film grain."""
    import numpy as np

    np_rng = _noise(rng)
    shot = _on_surface(page, rng, (1.08, 1.07), [(160, 140, 118), (110, 116, 120), (200, 196, 188)], 3.0, 0.01)
    h, w = shot.shape[:2]
    lift = rng.uniform(35, 50)
    pixels = lift + shot * (255 - lift - rng.uniform(5, 15)) / 255  # faded: no true black, no true white
    light = (pixels.mean(axis=2, keepdims=True) / 255)
    tone = light * np.array((14, 6, -10), dtype=np.float32) + (1 - light) * np.array((-8, 6, 12), dtype=np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    vignette = 1 - rng.uniform(0.25, 0.35) * (((xx / w - 0.5) ** 2 + (yy / h - 0.5) ** 2) * 2) ** 1.5
    pixels = (pixels + tone * rng.uniform(0.8, 1.2)) * vignette[..., None]
    return _jpeg(_image(_grain(pixels, rng, np_rng, (4, 6))), rng.randint(78, 88))


# ---- scans ---------------------------------------------------------------------------------------
def stitched_scan(page, rng: random.Random) -> bytes:
    """A page scanned in two passes and stitched: a seam, the lower part shifted and shaded differently."""
    import numpy as np

    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h = pixels.shape[0]
    seam = int(h * rng.uniform(0.42, 0.6))
    dx, dy = rng.choice([-1, 1]) * rng.randint(3, 8), rng.randint(0, 3)
    upper, lower = pixels[:seam], pixels[seam - dy:h - dy]
    lower = np.roll(lower, dx, axis=1)
    if dx > 0:
        lower[:, :dx] = 250
    else:
        lower[:, dx:] = 250
    lower = lower * rng.uniform(0.9, 0.95) + rng.uniform(4, 10)  # the second pass a little greyer
    joined = np.concatenate([upper, lower], axis=0)
    joined[seam - 1:seam + 1] = joined[seam - 1:seam + 1] * 0.8 + 30  # the seam's faint line
    return _scan_rgb(joined, rng)


def fax_standard_scan(page, rng: random.Random) -> bytes:
    """A standard-resolution fax: half the rows (each line twice as tall as wide), black and white, no dither."""
    import numpy as np
    from PIL import Image

    grey = page.convert("L")
    w, h = grey.size
    coarse = grey.resize((w, h // 2), Image.BILINEAR)
    ink = np.asarray(coarse, dtype=np.float32) < rng.uniform(150, 175)
    rows = np.repeat(np.where(ink, 0.0, 255.0), 2, axis=0)
    pixels = np.full((h, w), 255.0, dtype=np.float32)
    pixels[:rows.shape[0]] = rows[:h]
    np_rng = _noise(rng)
    specks = np_rng.random((h, w)) < 0.0004
    pixels[specks] = 0
    return _jpeg(_image(pixels).convert("L"), rng.randint(85, 92))


def recycled_scan(page, rng: random.Random) -> bytes:
    """A page on grey recycled paper: a mottled tone, dark flecks and short fibres."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pixels = np.asarray(page.convert("RGB"), dtype=np.float32)
    h, w = pixels.shape[:2]
    mottle = np.asarray(Image.fromarray((np_rng.random((h // 24 + 1, w // 24 + 1)) * 255).astype(np.uint8))
                        .resize((w, h), Image.BICUBIC).filter(ImageFilter.GaussianBlur(6)), dtype=np.float32) / 255
    base = np.array(rng.choice([(226, 222, 212), (218, 216, 210), (230, 224, 208)]), dtype=np.float32)
    paper = base * (0.96 + 0.06 * mottle)[..., None]
    out = pixels / 255 * paper
    marks = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(marks)
    for _ in range(int(w * h / 9000)):
        x, y = rng.uniform(0, w), rng.uniform(0, h)
        if rng.random() < 0.7:
            r = rng.uniform(0.6, 1.6)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(90, 180))
        else:
            length, turn = rng.uniform(4, 14), rng.uniform(0, 6.3)
            draw.line((x, y, x + length * math.cos(turn), y + length * math.sin(turn)), fill=rng.randint(60, 140), width=1)
    fleck = np.asarray(marks, dtype=np.float32)[..., None] / 255
    out = out * (1 - 0.6 * fleck)
    return _scan_rgb(out, rng)


# ---- the set -------------------------------------------------------------------------------------
US_TABLES = {"canadian": canadian_pdf, "crf": crf_pdf}
UK_PAGES = {"fax-cover": fax_cover_pdf, "webmail": webmail_pdf}
SLIPS = {"app-cards": app_cards_pdf, "fertility": fertility_pdf}
TWO = {"cumulative": cumulative_pdf, "footnotes": footnotes_pdf}
PORTAL = {"dataframe": dataframe_text, "latex": latex_text}
PHOTOS = {"mixed-light": mixed_light_photo, "double-image": double_image_photo, "filter": filter_photo}
SCANS = {"stitched": stitched_scan, "fax-standard": fax_standard_scan, "recycled": recycled_scan}
# one-page prints to photograph or scan (the fax's results are on its second page)
UK_PRINTS = {"webmail": webmail_pdf, "footnotes": footnotes_pdf}


def _printed_page(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A one-page print of one of fresh19's designs (its region's) to photograph or scan."""
    pages = UK_PRINTS if region == "uk" else US_TABLES
    return pages[rng.choice(sorted(pages))](rng, person, truth, region)


DESIGNS = Designs({"us-table": US_TABLES, "uk-fixed": UK_PAGES, "clinic-slip": SLIPS, "two-column": TWO, "portal-text": PORTAL},
                  PHOTOS, SCANS, _printed_page)


def fresh19_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh19 report; the truths are edited in place to what is printed."""
    return designed_report(DESIGNS, layout, rng, person, truth, uk)
