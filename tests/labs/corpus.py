"""Generated lab reports with their true values: the corpus the report readers are tested and
evaluated on (`make eval`, `tests/labs/`). Not part of the installed package.

Every report is drawn from a seed: which tests, their values (mostly normal, some high or low,
now and then critical), the person's made-up name, date of birth, record number, address and
phone (so the privacy filter is tested on every report), and the layout's style. Layouts:

- `us-table`     US panel table PDF: Test | Result | Flag | Units | Reference Interval
- `uk-fixed`     UK fixed-width (Courier) report, SI units, ranges in brackets, no flags
- `clinic-slip`  a narrow 80 mm slip, short names, flags after the range
- `two-column`   two results side by side on each line
- `portal-text`  text copied from a patient portal (tab separated, "High"/"Low")
- `phone-photo`  a report PDF rendered, then rotated 2-8 degrees, skewed, blurred, noised, JPEG
- `scanned-pdf`  a report PDF rendered to an image and wrapped in a PDF with no text layer

`variant="tuned"` is what the readers were developed against; `variant="heldout"` uses fonts,
orders, names, spacing and range styles never used while tuning. Photos only: `"fresh"` and
`"fresh2"` are held-out sets made later (other fonts, sizes and photo ranges; see STYLES and
PHOTO), `"fresh-tune"` is a tuning look-alike of `"fresh"`. `"fresh4"` (every layout; evaluated on
the photo layouts) was written without reading the readers and is never tuned on: its looks are
listed in the fresh4 section; `"fresh4-tune"` draws the same looks from other seeds, for tuning.
`"fresh5"` and `"fresh5-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh5.py`:
pages photographed on a desk, portal screens, fax-like and crooked two-page scans, and table designs
no earlier set has. `"fresh6"` and `"fresh6-tune"` (every layout, written blind too) are drawn in
`tests/labs/fresh6.py`: pages in a glossy sleeve, held in a hand or shot in low light, colour scans
with a "COPY" watermark and photocopies of photocopies, ruled, landscape, discharge-summary and
range-under-result tables, comma decimals, thousands separators and SI beside conventional units.
`"fresh7"` and `"fresh7-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh7.py`:
cumulative reports with dated columns, sex-, age- and tier-labelled ranges, "See note" ranges,
footnote markers, wrapped e-mail, SMS and CSV-history text, screen, crumpled, flash and side-on photos,
dithered faxes, stapled, booklet and dot-matrix scans.
`"fresh8"` and `"fresh8-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh8.py`:
units in the name column and square-bracket ranges, MyChart-style result cards, transposed panels, GP
letters, meter printouts with labels above values, flattened e-mail, teletype and Apple Health text,
dark-mode phone screens, marked-up and folded pages, sideways and 2-up scans.
`"fresh9"` and `"fresh9-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh9.py`:
In Range / Out Of Range tables, method lines, units in the range's cell, NHS-App result blocks, comment
paragraphs, tab stops, thermal receipts, handwritten cards, Cerner, Markdown, WhatsApp and FHIR text,
laptop screens at an angle, WhatsApp-compressed and tungsten-lit photos, show-through, scanner-app and
low-dpi scans.
`"fresh10"` and `"fresh10-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh10.py`:
LabCorp-style, MyChart and "Abnormal"-column tables, GP letters with results in sentences, Patient-Access
and "(ref: ...)" lines, hand-filled forms, lipid-analyser printouts, wellness tick-box cards,
interpretation columns, HL7, CSV, tab and screen-reader text, night-flash, tri-folded and half-shadowed
photos, upside-down second pages, carbonless copies and highlighted low-quality scans.
`"fresh11"` and `"fresh11-tune"` (every layout, written blind too) are drawn in `tests/labs/fresh11.py`:
discharge-summary grids with arrow flags, "Low: 3.5  High: 5.1" and unit-in-heading tables, ICE specimen
blocks, wrapped names, anticoagulant booklets, label strips, range footers, three-column and
traffic-light pages, spaced, YAML and app-JSON text, clipboard, motion-blurred and fridge-door photos,
continued, sticky-note and pen-marked scans.
`"fresh12"` and `"fresh12-tune"` (every layout, blind too) are drawn in `tests/labs/fresh12.py`: corrected, badge and LOINC tables, box-drawn and asterisk prints, urgent-care and dialysis slips, headless and vitals-sidebar columns, ASCII-grid and C-CDA XML text, coffee-ringed, flickering and wide-angle photos, blank-page, reversed and ADF-line scans.
`"fresh13"` and `"fresh13-tune"` (every layout, blind too) are drawn in `tests/labs/fresh13.py`: "Ref Range:"-prefixed, specimen-grouped and units-first tables, "(H)"-before-value and discharge-letter-appendix prints, blood donor and maternity slips, sparkline and value-first columns, logfmt and HTML-source text, blind-striped, over-processed HDR and lens-flare photos, redacted, cover-sheet and feed-slip scans.
`"fresh14"` and `"fresh14-tune"` (every layout, blind too) are drawn in `tests/labs/fresh14.py`: rotated-panel-label, Status / Critical-column and unit-under-value tables, green-bar listing and Telepath-like code-and-time prints, sports screening and diabetes review slips, newsletter side-box and colon-label columns, health-timeline and INI text, dappled-sunlight, taped-to-a-wall and ring-binder photos, torn-corner, low-toner and barcode-label scans.
`"fresh15"` and `"fresh15-tune"` (every layout, blind too) are drawn in `tests/labs/fresh15.py`: /Rotate-turned landscape, "Change since"-column and numbered-outline tables, Welsh bilingual and new-reference-range-note prints, health-fair wallet cards and tear-off appointment stubs, booklet-spread and body-system columns, ASTM and entity-attribute-value text, phone-gallery screenshots, water-spotted and backlit photos, cockled, colour-fringed and security-paper scans.
`"fresh16"` and `"fresh16-tune"` (every layout, blind too) are drawn in `tests/labs/fresh16.py`: out-of-range summary-box, leftmost-flag and range-before-result tables, all-lower-case and GP-journal prints, pharmacy health-check leaflets, screening postcards and analyser labels stuck on a clinic note, columns continued on page 2 and QR-coded pathology columns, one-cell-a-line PDF-viewer copies and Blue-Button-like text, envelope-covered, smudged-lens and camera-viewfinder photos, plastic-pocket, aged-and-foxed and letter-fold-creased scans.
`"fresh17"` and `"fresh17-tune"` (every layout, blind too) are drawn in `tests/labs/fresh17.py`: preliminary tables with pending tests and date-and-time-headed flowsheets, 132-column line-printer listings and GP pathology messages with Read codes, occupational-health forms with typed boxes and tick-box request forms, coloured value pills and range-below grids in two columns, several-results-a-sentence secure messages and expanded database records, cracked-lens, digitally zoomed date-stamped and cold-LED photos, microfiche-negative, 1-bit records-release and fit-to-page scans.
`"fresh18"` and `"fresh18-tune"` (every layout, blind too) are drawn in `tests/labs/fresh18.py`: Spanish / English bilingual tables and insurance-claim attachments with CPT codes and billed amounts, phoned-results logs and pre-printed red forms typed out of register, travel-clinic records with vaccine batches and home-visit records with a portable analyser, reverse-video and trend-word columns, SQL-dump and chat-assistant text, finger-over-lens, rolled-page and lens-colour-shading photos, halftone, cold-lamp and fingers-in-margin scans.
`"fresh19"` and `"fresh19-tune"` (every layout, blind too) are drawn in `tests/labs/fresh19.py`: French / English Canadian tables and research case report forms with a clinically-significant column, fax cover sheets before fixed-width results and web mail prints with a quoted message, phone-app result cards and fertility cycle-monitoring slips, three-date cumulative columns and merged-cell grids with footnote markers, pandas DataFrame and LaTeX text, two-light, shaken double-image and app-filter photos, two-pass stitched, standard-resolution fax and recycled-paper scans.
`"fresh20"` and `"fresh20-tune"` (every layout, blind too) are drawn in `tests/labs/fresh20.py`: printed spreadsheets with row numbers and column letters and dark-mode portal pages, typewritten letters and green-screen terminal screen prints, ruled record cards and adhesive label sheets, within / outside-range columns and A-Z indexes under initial letters, health-forum threads and wide CSV text, reading-glasses, over-denoised night and rolling-shutter-wobble photos, clogged-nozzle, wet-smear and nearest-neighbour-shrunk scans.
`"fresh21"` and `"fresh21-tune"` (every layout, blind too) are drawn in `tests/labs/fresh21.py`: blood-tube-column and range-bar tables, large-print accessible reports and grids with turned column headings, wristband strips and specimen tracking slips, panels under coloured bands and landscape columns turned sideways on a portrait page, calendar-reminder (.ics) and notes-app checklist text, window-glare, tilt-shift shallow-focus and thumb-on-the-corner photos, lid-open, binder-punched and rubber-stamped scans.

PDFs are drawn with reportlab: mature, pure Python, with the monospace fonts, narrow page sizes
and encryption the corpus and the limit tests need.
"""

from __future__ import annotations

import importlib
import io
import random
import re
from dataclasses import dataclass, field

LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text", "phone-photo", "scanned-pdf"]


@dataclass(frozen=True)
class TestDef:
    us_names: tuple[str, ...]
    uk_names: tuple[str, ...]
    short: tuple[str, ...]
    us_unit: str | None
    us_range: tuple[float | None, float | None]
    uk_unit: str | None
    uk_range: tuple[float | None, float | None]
    decimals: int
    critical_high: float | None = None  # in US units
    critical_low: float | None = None
    qualitative: bool = False
    uk_decimals: int | None = None


T = TestDef
TESTS: list[TestDef] = [
    T(("Glucose", "Glucose, Fasting"), ("Glucose", "Fasting glucose"), ("GLU",), "mg/dL", (70, 99), "mmol/L", (3.0, 6.0), 0, 400, 54, uk_decimals=1),
    T(("Sodium",), ("Sodium", "Serum sodium"), ("Na",), "mmol/L", (136, 145), "mmol/L", (133, 146), 0, 160, 120),
    T(("Potassium",), ("Potassium", "Serum potassium"), ("K",), "mmol/L", (3.5, 5.1), "mmol/L", (3.5, 5.3), 1, 6.2, 2.8),
    T(("Chloride",), ("Chloride",), ("Cl",), "mmol/L", (98, 107), "mmol/L", (95, 108), 0),
    T(("Carbon Dioxide, Total", "CO2"), ("Bicarbonate",), ("CO2",), "mmol/L", (22, 29), "mmol/L", (22, 29), 0),
    T(("BUN", "Urea Nitrogen (BUN)"), ("Urea",), ("BUN",), "mg/dL", (7, 20), "mmol/L", (2.5, 7.8), 0, uk_decimals=1),
    T(("Creatinine",), ("Creatinine", "Serum creatinine"), ("CREA",), "mg/dL", (0.6, 1.3), "umol/L", (59, 104), 2, uk_decimals=0),
    T(("eGFR",), ("eGFR",), ("eGFR",), "mL/min/1.73m2", (60, None), "mL/min/1.73m2", (60, None), 0),
    T(("Calcium",), ("Calcium", "Adjusted calcium"), ("Ca",), "mg/dL", (8.6, 10.3), "mmol/L", (2.20, 2.60), 1, 13, 6.5, uk_decimals=2),
    T(("Albumin",), ("Albumin",), ("ALB",), "g/dL", (3.5, 5.0), "g/L", (35, 50), 1, uk_decimals=0),
    T(("Protein, Total",), ("Total protein",), ("TP",), "g/dL", (6.0, 8.3), "g/L", (60, 80), 1, uk_decimals=0),
    T(("Bilirubin, Total",), ("Bilirubin",), ("TBIL",), "mg/dL", (0.1, 1.2), "umol/L", (None, 21), 1, uk_decimals=0),
    T(("Alkaline Phosphatase",), ("Alkaline phosphatase", "ALP"), ("ALP",), "U/L", (44, 147), "IU/L", (30, 130), 0),
    T(("ALT (SGPT)", "ALT"), ("ALT", "Alanine transaminase"), ("ALT",), "U/L", (7, 56), "IU/L", (None, 41), 0),
    T(("AST (SGOT)", "AST"), ("AST",), ("AST",), "U/L", (10, 40), "IU/L", (None, 40), 0),
    T(("Hemoglobin",), ("Haemoglobin", "Hb"), ("HGB",), "g/dL", (13.2, 17.1), "g/L", (130, 170), 1, None, 7.0, uk_decimals=0),
    T(("Hematocrit",), ("Haematocrit",), ("HCT",), "%", (38.5, 50.0), "L/L", (0.40, 0.52), 1, uk_decimals=2),
    T(("WBC", "White Blood Cell Count"), ("White cell count", "WBC"), ("WBC",), "x10E3/uL", (3.8, 10.8), "x10^9/L", (4.0, 11.0), 1),
    T(("Platelets", "Platelet Count"), ("Platelets",), ("PLT",), "x10E3/uL", (140, 400), "x10^9/L", (150, 400), 0, None, 20),
    T(("MCV",), ("MCV",), ("MCV",), "fL", (80, 100), "fL", (80, 100), 1),
    T(("TSH",), ("TSH",), ("TSH",), "mIU/L", (0.40, 4.50), "mU/L", (0.27, 4.20), 2),
    T(("Free T4", "T4, Free"), ("Free T4",), ("FT4",), "ng/dL", (0.8, 1.8), "pmol/L", (12, 22), 1, uk_decimals=0),
    T(("Hemoglobin A1c", "HbA1c"), ("HbA1c",), ("A1C",), "%", (None, 5.7), "mmol/mol", (None, 42), 1, uk_decimals=0),
    T(("Cholesterol, Total",), ("Total cholesterol", "Cholesterol"), ("CHOL",), "mg/dL", (None, 200), "mmol/L", (None, 5.0), 0, uk_decimals=1),
    T(("LDL Cholesterol", "LDL-Cholesterol"), ("LDL cholesterol",), ("LDL",), "mg/dL", (None, 100), "mmol/L", (None, 3.0), 0, uk_decimals=1),
    T(("HDL Cholesterol",), ("HDL cholesterol",), ("HDL",), "mg/dL", (40, None), "mmol/L", (1.0, None), 0, uk_decimals=1),
    T(("Triglycerides",), ("Triglycerides",), ("TRIG",), "mg/dL", (None, 150), "mmol/L", (None, 1.7), 0, uk_decimals=1),
    T(("Ferritin",), ("Ferritin", "Serum ferritin"), ("FERR",), "ng/mL", (38, 380), "ug/L", (30, 400), 0),
    T(("Vitamin B12",), ("Vitamin B12", "Serum B12"), ("B12",), "pg/mL", (200, 1100), "ng/L", (197, 771), 0),
    T(("Vitamin D, 25-Hydroxy",), ("25-OH Vitamin D", "Vitamin D"), ("VITD",), "ng/mL", (30, 100), "nmol/L", (50, 125), 0),
    T(("C-Reactive Protein", "CRP"), ("CRP", "C-reactive protein"), ("CRP",), "mg/L", (None, 8.0), "mg/L", (None, 5), 1, uk_decimals=0),
    T(("INR",), ("INR",), ("INR",), None, (0.9, 1.1), None, (0.8, 1.2), 1, 5.0),
    T(("Magnesium",), ("Magnesium",), ("Mg",), "mg/dL", (1.5, 2.5), "mmol/L", (0.70, 1.00), 1, uk_decimals=2),
    T(("PSA, Total",), ("PSA",), ("PSA",), "ng/mL", (None, 4.0), "ug/L", (None, 4.0), 1),
    T(("Urine Protein",), ("Urine protein",), ("UPRO",), None, (None, None), None, (None, None), 0, qualitative=True),
]

FIRST = ["Margaret", "James", "Aisha", "Wei", "Olumide", "Sofia", "Liam", "Priya", "Tomasz", "Grace", "Mateo", "Hannah"]
LAST = ["Okafor", "Thompson", "Nguyen", "Kowalski", "Patel", "Fitzgerald", "Haddad", "Larsen", "Moreno", "Campbell"]
STREETS = ["Elm Street", "Station Road", "Maple Avenue", "Church Lane", "Harbor Drive"]


@dataclass
class Truth:
    printed_name: str
    value_text: str
    unit: str | None
    range_low: float | None
    range_high: float | None
    flag: str | None
    critical: bool = False
    range_text: str | None = None  # a range in words ("Negative")


@dataclass
class Person:
    name: str
    dob: str
    mrn: str
    address: str
    phone: str

    def secrets(self) -> list[str]:
        """Strings that must never appear in anything the readers output."""
        return [self.name, *self.name.split(), self.dob, self.mrn, self.phone, self.address.split(",")[0]]


@dataclass
class Report:
    layout: str
    variant: str
    seed: int
    data: bytes
    kind: str  # pdf, image, text
    truth: list[Truth]
    person: Person
    extras: dict = field(default_factory=dict)


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _person(rng: random.Random) -> Person:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    dob = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1935, 2004)}"
    mrn = str(rng.randint(10_000_000, 99_999_999))
    address = f"{rng.randint(2, 250)} {rng.choice(STREETS)}, Springfield"
    phone = f"555-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    return Person(name, dob, mrn, address, phone)


def _results(rng: random.Random, uk: bool, short: bool, names_pool: int, count: int,
             normal: bool = False) -> list[Truth]:
    chosen = rng.sample(TESTS, count)
    out = []
    for test in chosen:
        names = test.short if short else (test.uk_names if uk else test.us_names)
        name = names[names_pool % len(names)] if len(names) > 1 else names[0]
        unit = test.uk_unit if uk else test.us_unit
        low, high = test.uk_range if uk else test.us_range
        decimals = (test.uk_decimals if test.uk_decimals is not None else test.decimals) if uk else test.decimals
        if test.qualitative:
            value = "Negative" if normal else rng.choice(["Negative", "Negative", "Trace", "Positive"])
            out.append(Truth(name, value, None, None, None, None if value == "Negative" else "A",
                             range_text="Negative"))
            continue
        span_low = low if low is not None else (high or 1) * 0.4
        span_high = high if high is not None else (low or 1) * 2.0
        roll = rng.random()
        critical = False
        if normal:  # a normal report: every value well inside its range (rounding cannot cross it)
            value = rng.uniform(span_low + 0.1 * (span_high - span_low), span_high - 0.1 * (span_high - span_low))
        elif roll < 0.6:
            value = rng.uniform(span_low, span_high)
        elif roll < 0.8 and high is not None:
            value = high * rng.uniform(1.05, 1.6)
        elif low is not None:
            value = low * rng.uniform(0.5, 0.95)
        else:
            value = rng.uniform(span_low, span_high)
        if not uk and not normal and rng.random() < 0.08 and (test.critical_high or test.critical_low):
            value = test.critical_high * 1.08 if test.critical_high else test.critical_low * 0.85
            critical = True
        text = _fmt(value, decimals)
        number = float(text)
        if test is TESTS[7] and number > 90 and rng.random() < 0.5:
            text, number = ">90", 90.0
        if test.us_names[0] == "PSA, Total" and number < 0.2:
            text = "<0.1"
        flag = None
        if high is not None and number > high:
            flag = "HH" if critical else "H"
        elif low is not None and number < low:
            flag = "LL" if critical else "L"
        out.append(Truth(name, text, unit, low, high, flag, critical))
    return out


def _range_text(t: Truth, style: str, decimals_hint: int = 1) -> str:
    if t.range_text:
        return t.range_text
    low, high = t.range_low, t.range_high

    def n(x: float) -> str:
        return f"{x:g}" if x != int(x) or style != "pad" else f"{x:.0f}"

    if low is not None and high is not None:
        return {"dash": f"{n(low)}-{n(high)}", "spaced": f"{n(low)} - {n(high)}",
                "paren": f"({n(low)} - {n(high)})", "bracket": f"[{n(low)}-{n(high)}]",
                "to": f"{n(low)} to {n(high)}", "pad": f"{n(low)} - {n(high)}",
                "endash": f"{n(low)}\u2013{n(high)}"}[style]
    if low is not None:
        return {"dash": f">={n(low)}", "spaced": f"> OR = {n(low)}", "paren": f"(>{n(low)})",
                "bracket": f"[>{n(low)}]", "to": f">= {n(low)}", "endash": f"> {n(low)}", "pad": f"> {n(low)}"}[style]
    if high is not None:
        return {"dash": f"<{n(high)}", "spaced": f"< {n(high)}", "paren": f"(<{n(high)})",
                "bracket": f"[<{n(high)}]", "to": f"<= {n(high)}", "endash": f"< {n(high)}", "pad": f"< {n(high)}"}[style]
    return ""


# ---- styles: what varies between the tuned and the held-out sets ---------------------------------
STYLES = {
    "tuned": {"fonts": ["Helvetica"], "mono": "Courier", "range": ["dash", "spaced", "paren"], "names": 0,
              "shuffle": False, "gap": 1.0, "photo_font": "Helvetica"},
    "heldout": {"fonts": ["Times-Roman"], "mono": "Courier-Bold", "range": ["bracket", "to", "pad"], "names": 1,
                "shuffle": True, "gap": 0.8, "photo_font": "Times-Roman"},
    # Photos only (phone-photo, scanned-pdf). "fresh" was made after the held-out set above had been
    # looked at, and is never looked at item by item (only its total is reported); "fresh-tune" is
    # its look-alike for examples, with other fonts and seeds. Both use TrueType fonts of this
    # machine (Debian fonts-dejavu, fonts-liberation), lower-case unit spellings now and then, and
    # wider photo ranges than the first sets (PHOTO below).
    "fresh": {"fonts": ["DejaVuSans", "LiberationSansNarrow-Regular", "DejaVuSerif"], "mono": "LiberationMono-Regular",
              "range": ["dash", "spaced", "bracket", "to"], "names": 2, "shuffle": True, "gap": 0.9,
              "lower_units": 0.3, "flag_first": None},
    "fresh-tune": {"fonts": ["LiberationSans-Regular", "DejaVuSansCondensed", "LiberationSerif-Regular"],
                   "mono": "DejaVuSansMono", "range": ["dash", "spaced", "paren", "to"], "names": 3, "shuffle": True,
                   "gap": 0.95, "lower_units": 0.3, "flag_first": None},
    # A second fresh held-out photo set, made before the round that tried to reach 90 % on photos
    # and read once or twice at its end (totals only): fonts no other set uses (a condensed serif,
    # a monospace table, bold fixed-width), smaller type, padded ranges, narrower column gaps,
    # other seeds, lower-case units more often, and its own photo ranges (PHOTO).
    "fresh2": {"fonts": ["DejaVuSerifCondensed", "LiberationMono-Regular"], "mono": "LiberationMono-Bold",
               "range": ["pad", "paren", "dash"], "names": 4, "shuffle": True, "gap": 0.85,
               "lower_units": 0.4, "flag_first": None, "size": 9.0, "mono_size": 8.5},
    # A third held-out photo set, made before the round that added the misread safeguards (totals
    # only, read at that round's start and end): table looks no earlier set had — bold-italic
    # headers, grey zebra rows, thin or thick rules, units after the value instead of in their own
    # column, flags after the value, en-dash ranges ("3.5–5.1"), barrel distortion and a shadow
    # across the page. "fresh3-tune" is drawn by the same settings from other seeds, for tuning.
    "fresh3": {"fonts": ["LiberationSerif-Regular", "DejaVuSansMono", "LiberationSansNarrow-Regular"],
               "mono": "DejaVuSansMono-Bold", "range": ["spaced", "endash", "paren"], "names": 5, "shuffle": True,
               "gap": 0.9, "lower_units": 0.3, "flag_first": None, "size": 9.5, "mono_size": 9.0,
               "italic_head": True, "zebra": 0.5, "rule": (0.2, 1.6), "unit_joined": 0.5, "flag_joined": 0.5},
}
STYLES["fresh3-tune"] = STYLES["fresh3"]
# A fourth held-out set, written without reading the readers and never tuned on: its looks are drawn
# in the fresh4 section below (make_report hands every fresh4 layout to _fresh4_report); this entry
# gives what the shared steps need (names, order, unit case) and the fonts the older page
# functions (clinic slip, two columns) use for it.
STYLES["fresh4"] = {"fonts": ["LiberationSansNarrow-Bold", "DejaVuSans-ExtraLight", "LiberationSerif-Bold",
                              "DejaVuSansCondensed-Bold"], "mono": "Courier", "range": ["to", "spaced", "endash"],
                    "names": 6, "shuffle": True, "gap": 1.0, "lower_units": 0.25}
STYLES["fresh4-tune"] = STYLES["fresh4"]  # fresh4's looks drawn from other seeds, for tuning
FOURTH = ("fresh4", "fresh4-tune")  # variants drawn by the fresh4 section
# The fifth to eleventh held-out sets (each written blind) and their tuning look-alikes (the same looks,
# other seeds), each drawn in tests/labs/freshN.py with fonts of its own there, and its own printed names
BLIND_SETS = {f"fresh{n}{tune}": n for n in range(5, 22) for tune in ("", "-tune")}
STYLES.update({variant: {"fonts": [], "mono": "Courier", "range": [], "names": n + 2, "shuffle": True, "gap": 1.0,
                         "lower_units": 0.2} for variant, n in BLIND_SETS.items()})
FRESH = ("fresh", "fresh-tune", "fresh2", "fresh3", "fresh3-tune", *FOURTH, *BLIND_SETS)
# realistic phone-photo ranges: (rotation degrees, corner pull share, blur radius, noise sigma, JPEG quality)
PHOTO = {"first": ((2, 8), 0.025, (0.6, 1.1), 7, (72, 88)),
         "fresh": ((0.5, 10), 0.035, (0.5, 1.3), 9, (65, 90)),
         "fresh2": ((1, 9.5), 0.04, (0.7, 1.4), 10, (60, 85)),
         "fresh3": ((0.5, 9), 0.035, (0.6, 1.3), 9, (62, 88))}
PHOTO["fresh3-tune"] = PHOTO["fresh3"]
WARPED = ("fresh3", "fresh3-tune")  # photos with barrel distortion and a shadow
_TTF_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")


def _font(name: str, bold: bool = False, italic: bool = False) -> str:
    """A reportlab font name: built-in Type 1 fonts as they are, TrueType fonts registered from disk
    (bold, or bold italic: `italic` only with `bold`)."""
    builtin = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold"}
    if name in builtin or name.startswith("Courier"):
        return builtin.get(name, name) if bold else name
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if bold:
        base = name.replace("-Regular", "")
        slant = ("Italic" if base.startswith("Liberation") or "Serif" in base else "Oblique") if italic else ""
        name = f"{base}-Bold{slant}"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = next(Path(d) / f"{name}.ttf" for d in _TTF_DIRS if (Path(d) / f"{name}.ttf").exists())
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _canvas(width: float, height: float, buf: io.BytesIO, **kwargs):
    from reportlab.pdfgen import canvas

    return canvas.Canvas(buf, pagesize=(width, height), **kwargs)


def _header(c, person: Person, x: float, y: float, font: str, size: float, uk: bool) -> float:
    c.setFont(font, size)
    lines = [f"Patient: {person.name}", f"DOB: {person.dob}    {'NHS No' if uk else 'MRN'}: {person.mrn}",
             f"Address: {person.address}", f"Phone: {person.phone}",
             f"Collected: {person.dob[:6]}2024 08:15"]
    for line in lines:
        c.drawString(x, y, line)
        y -= size * 1.4
    return y


def us_table_pdf(rng: random.Random, style: dict, person: Person, truth: list[Truth], *, flag_first: bool = True) -> bytes:
    from reportlab.lib.pagesizes import letter

    buf = io.BytesIO()
    width, height = letter
    c = _canvas(width, height, buf)
    font = rng.choice(style["fonts"])
    font, bold = _font(font), _font(font, bold=True, italic=style.get("italic_head", False))
    c.setFont(bold, 14)
    c.drawString(50, height - 50, "Comprehensive Laboratory Report")
    y = _header(c, person, 50, height - 75, font, 9, uk=False) - 10
    gap = style["gap"]
    # fresh3 looks: the unit printed after the value (no Units column), the flag after the value
    # (random numbers are drawn only for styles that have these looks, so the older sets come out
    # exactly as they did before these looks existed)
    unit_joined = "unit_joined" in style and rng.random() < style["unit_joined"]
    flag_joined = "flag_joined" in style and rng.random() < style["flag_joined"]
    cols = [50, 50 + 190 * gap, 50 + 260 * gap, 50 + 300 * gap, 50 + 380 * gap] if flag_first else \
           [50, 50 + 190 * gap, 50 + 350 * gap, 50 + 260 * gap, 50 + 390 * gap]
    heads = ["Test", "Result", "Flag", "Units", "Reference Interval"]
    if unit_joined or flag_joined:
        heads = ["Test", "Result", *(["Flag"] if not flag_joined else []), *(["Units"] if not unit_joined else []),
                 "Reference Interval"]
        cols = [50, 50 + 190 * gap, *[50 + (310 + 70 * i) * gap for i in range(len(heads) - 2)]]
    zebra = "zebra" in style and rng.random() < style["zebra"]
    rule_width = rng.uniform(*style["rule"]) if "rule" in style else 1.0
    c.setFillGray(0.9)
    c.rect(45, y - 4, width - 90, 16, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(bold, 10)
    for x, h in zip(cols, heads, strict=True):
        c.drawString(x, y, h)
    y -= 20
    range_style = rng.choice(style["range"])
    c.setFont(font, style.get("size", 10))
    for row, t in enumerate(truth):
        if zebra and row % 2 == 0:
            c.setFillGray(rng.uniform(0.86, 0.92))
            c.rect(45, y - 5, width - 90, 18, stroke=0, fill=1)
            c.setFillGray(0)
        result, unit, flag = t.value_text, t.unit or "", t.flag or ""
        if unit_joined:
            result = f"{result} {unit}".strip()
        if flag_joined:
            result = f"{result} {flag}".strip()
        if unit_joined or flag_joined:
            cells = [t.printed_name, result, *([flag] if not flag_joined else []), *([unit] if not unit_joined else []),
                     _range_text(t, range_style)]
        else:
            cells = [t.printed_name, result, flag, unit, _range_text(t, range_style)]
        for x, cell in zip(cols, cells, strict=True):
            c.drawString(x, y, cell)
        if not zebra:
            c.setStrokeGray(0.8)
            c.setLineWidth(rule_width)
            c.line(45, y - 5, width - 45, y - 5)
        y -= 18
    c.setFont(font, 8)
    c.drawString(50, 40, "Page 1 of 1")
    c.save()
    return buf.getvalue()


def uk_fixed_pdf(rng: random.Random, style: dict, person: Person, truth: list[Truth]) -> bytes:
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf)
    mono = _font(style["mono"])
    y = _header(c, person, 40, height - 50, mono, 9, uk=True) - 12
    c.setFont(mono, style.get("mono_size", 9))
    name_w = 26 if style["gap"] >= 1 else 22
    c.drawString(40, y, f"{'Test':<{name_w}}{'Result':>8}  {'Units':<14}{'Ref. range'}")
    y -= 16
    range_style = rng.choice([s for s in style["range"] if s != "dash"] or style["range"])
    for t in truth:
        unit = t.unit or ""
        line = f"{t.printed_name:<{name_w}}{t.value_text:>8}  {unit:<14}{_range_text(t, range_style)}"
        c.drawString(40, y, line)
        y -= 13
    c.drawString(40, y - 10, "Results reviewed by the laboratory. Page 1 of 1")
    c.save()
    return buf.getvalue()


def clinic_slip_pdf(rng: random.Random, style: dict, person: Person, truth: list[Truth]) -> bytes:
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    width, height = 80 * mm, (60 + 9 * len(truth)) * mm / 2.2 + 60 * mm
    c = _canvas(width, height, buf)
    font = _font(rng.choice(style["fonts"]))  # registers a TrueType font
    c.setFont(font, 7)
    y = height - 20
    for line in [f"Name: {person.name}", f"DOB: {person.dob}", f"ID: {person.mrn}"]:
        c.drawString(8, y, line)
        y -= 9
    y -= 6
    range_style = "bracket" if style is STYLES["tuned"] else "paren"
    for t in truth:
        c.drawString(8, y, t.printed_name)
        c.drawRightString(72, y, t.value_text)
        c.drawString(76, y, t.unit or "")
        c.drawString(128, y, _range_text(t, range_style))
        c.drawString(190, y, t.flag or "")
        y -= 10
    c.save()
    return buf.getvalue()


def two_column_pdf(rng: random.Random, style: dict, person: Person, truth: list[Truth]) -> bytes:
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf)
    font = _font(rng.choice(style["fonts"]))  # registers a TrueType font
    y = _header(c, person, 40, height - 50, font, 9, uk=True) - 12
    c.setFont(font, 8.5)
    range_style = rng.choice(style["range"])
    for i in range(0, len(truth), 2):
        for col, t in enumerate(truth[i:i + 2]):
            x = 40 + col * 270
            c.drawString(x, y, t.printed_name)
            c.drawRightString(x + 128, y, t.value_text)
            c.drawString(x + 134, y, t.unit or "")
            c.drawString(x + 200, y, _range_text(t, range_style))
        y -= 14
    c.save()
    return buf.getvalue()


def portal_text(rng: random.Random, style: dict, person: Person, truth: list[Truth]) -> bytes:
    lines = [f"Patient Name: {person.name}", f"Date of Birth: {person.dob}", f"MRN: {person.mrn}", "",
             "Component\tYour Value\tStandard Range\tFlag" if style is STYLES["tuned"] else
             "Component\tValue\tFlag\tStandard Range"]
    for t in truth:
        word = {"H": "High", "L": "Low", "HH": "Critical High", "LL": "Critical Low", "A": "Abnormal"}.get(t.flag or "", "")
        value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
        rng_text = _range_text(t, "spaced")
        rng_text = f"{rng_text} {t.unit}" if t.unit and rng_text else rng_text
        if word.startswith("Critical"):
            word = word.split()[1]
        lines.append(f"{t.printed_name}\t{value}\t{rng_text}\t{word}" if style is STYLES["tuned"]
                     else f"{t.printed_name}\t{value}\t{word}\t{rng_text}")
    for t in truth:
        if t.flag:
            t.flag = {"H": "High", "L": "Low", "HH": "High", "LL": "Low", "A": "Abnormal"}[t.flag]
    lines.append("")
    lines.append(f"Ordered by: Dr. Reyes    Collected: {person.dob[:6]}2024")
    return "\n".join(lines).encode()


def render_pdf(data: bytes, dpi: int = 200):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return doc[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        doc.close()


def photograph(image, rng: random.Random, *, degrade: bool = True, ranges: str = "first") -> bytes:
    """A phone photo of a printed page: perspective, rotation (2-8 degrees; 0.5-10 for the fresh
    sets), uneven light, blur, noise, JPEG."""
    import numpy as np
    from PIL import Image, ImageFilter

    (turn_min, turn_max), pull, (blur_min, blur_max), noise, (q_min, q_max) = PHOTO[ranges]
    w, h = image.size
    d = lambda: rng.uniform(0.0, pull)  # noqa: E731 - corner pull, as a share of the page
    quad = (d() * w, d() * h, d() * w, h - d() * h, w - d() * w, h - d() * h, w - d() * w, d() * h)
    image = image.transform((w, h), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC,
                            fillcolor=(200, 196, 188))
    angle = rng.choice([-1, 1]) * rng.uniform(turn_min, turn_max)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(120, 110, 100))
    pixels = np.asarray(image, dtype=np.float32)
    yy, xx = np.mgrid[0:pixels.shape[0], 0:pixels.shape[1]]
    if ranges == "first":
        light = 0.82 + 0.18 * (xx / pixels.shape[1]) * (1 - 0.5 * yy / pixels.shape[0])
    else:  # light from a random side, with a vignette, dimmer at worst than the first sets
        fx, fy = rng.choice([-1, 1]) * xx / pixels.shape[1], rng.choice([-1, 1]) * yy / pixels.shape[0]
        r2 = ((xx / pixels.shape[1] - 0.5) ** 2 + (yy / pixels.shape[0] - 0.5) ** 2)
        light = rng.uniform(0.7, 0.85) + 0.15 * (fx % 1 + fy % 1) / 2 + 0.1 * (1 - 2 * r2)
    if ranges in WARPED and degrade:  # a soft shadow (a hand or the phone) across one side of the page
        edge = rng.uniform(0.55, 0.85) * pixels.shape[1]
        light = light * (1 - rng.uniform(0.25, 0.4) / (1 + np.exp(-(xx - edge) / (0.03 * pixels.shape[1]))))
    pixels = pixels * light[..., None] * np.array([1.0, 0.97, 0.9])
    if ranges in WARPED and degrade:  # slight barrel distortion of a phone lens
        pixels = _barrel(pixels, rng.uniform(0.015, 0.04))
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    pixels += np_rng.normal(0, noise if degrade else 3, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(blur_min, blur_max) if degrade else 0.4))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=rng.randint(q_min, q_max))
    return out.getvalue()


def _barrel(pixels, strength: float):
    """Each pixel moved outward by `strength` x its squared distance from the centre (a lens's bulge)."""
    import numpy as np

    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    nx, ny = (xx - w / 2) / (w / 2), (yy - h / 2) / (h / 2)
    factor = 1 - strength * (nx * nx + ny * ny)  # sample nearer the centre: the middle bulges out
    src_x = np.clip(w / 2 + nx * factor * (w / 2), 0, w - 1).astype(np.int32)
    src_y = np.clip(h / 2 + ny * factor * (h / 2), 0, h - 1).astype(np.int32)
    return pixels[src_y, src_x]


def image_pdf(jpeg: bytes, width: float, height: float) -> bytes:
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(width, height, buf)
    c.drawImage(ImageReader(io.BytesIO(jpeg)), 0, 0, width, height)
    c.save()
    return buf.getvalue()


# ---- fresh4: a fourth held-out set, written without reading the readers ------------------------
# Every random draw below happens only for variants "fresh4" and "fresh4-tune" (the same looks from
# other seeds, for tuning), so the older sets come out byte for byte as before. Looks no earlier set has: Quest-style "In Range | Out Of Range" tables with the
# unit after the range, range-before-units tables with the flag last and flagged values in bold,
# UK tables and dot-leader fixed-width reports, panel headings and footnotes between rows,
# upper-case and other real test names, ranges keeping trailing zeros ("3.5-5.0"), "(3.5-5.0)",
# "< OR = 4.0", "0-40"; photos taken at an angle (true perspective), under a lamp's hot spot or a
# steep light gradient, with a colour cast, motion blur and low JPEG quality; scans that are
# black-and-white (thresholded) or grey on yellowed paper, at 150-200 dpi.
FRESH4 = {
    "fonts": STYLES["fresh4"]["fonts"],
    "sizes": [8.0, 10.5, 11.0],
    "mono": ["Courier", "DejaVuSansMono"],
    "mono_sizes": [7.5, 10.5],
}
# header (bold) font for each body font
_FRESH4_HEAD = {"LiberationSansNarrow-Bold": "LiberationSansNarrow-Bold", "DejaVuSans-ExtraLight": "DejaVuSans",
                "LiberationSerif-Bold": "LiberationSerif-Bold", "DejaVuSansCondensed-Bold": "DejaVuSansCondensed-Bold"}
# other names real US / UK reports print, by the test's first US name
FRESH4_NAMES = {
    "Glucose": (("Glucose, Serum",), ("Plasma glucose",)),
    "Sodium": (("Sodium, Serum",), ("Plasma sodium",)),
    "Potassium": (("Potassium, Serum",), ("Plasma potassium",)),
    "Chloride": (("Chloride, Serum",), ("Serum chloride",)),
    "Carbon Dioxide, Total": (("Carbon Dioxide, Total",), ("Serum bicarbonate",)),
    "BUN": (("Urea Nitrogen",), ("Serum urea",)),
    "Creatinine": (("Creatinine, Serum",), ("Plasma creatinine",)),
    "eGFR": (("Estimated GFR",), ("eGFR (CKD-EPI)",)),
    "Calcium": (("Calcium, Serum",), ("Corrected calcium",)),
    "Albumin": (("Albumin, Serum",), ("Serum albumin",)),
    "Protein, Total": (("Total Protein",), ("Serum total protein",)),
    "Bilirubin, Total": (("Total Bilirubin",), ("Total bilirubin",)),
    "Alkaline Phosphatase": (("Alk Phosphatase",), ("Alkaline phosphatase",)),
    "ALT (SGPT)": (("Alanine aminotransferase",), ("Alanine aminotransferase",)),
    "AST (SGOT)": (("Aspartate aminotransferase",), ("AST",)),
    "Hemoglobin": (("Hemoglobin (Hgb)",), ("Hb",)),
    "Hematocrit": (("Hematocrit (Hct)",), ("Haematocrit (HCT)",)),
    "WBC": (("White Blood Cells",), ("Total white cell count",)),
    "Platelets": (("Platelet count",), ("Platelet count",)),
    "MCV": (("Mean Cell Volume",), ("Mean corpuscular volume",)),
    "TSH": (("Thyroid stimulating hormone",), ("TSH",)),
    "Free T4": (("Free T4",), ("Free thyroxine",)),
    "Hemoglobin A1c": (("Hemoglobin A1C",), ("HbA1c (IFCC)",)),
    "Cholesterol, Total": (("Total Cholesterol",), ("Serum cholesterol",)),
    "LDL Cholesterol": (("LDL Chol Calc (NIH)", "LDL-C"), ("LDL cholesterol",)),
    "HDL Cholesterol": (("HDL-C",), ("HDL cholesterol",)),
    "Triglycerides": (("Triglyceride",), ("Serum triglycerides",)),
    "Ferritin": (("Ferritin, Serum",), ("Serum ferritin",)),
    "Vitamin B12": (("Vitamin B12",), ("Serum vitamin B12",)),
    "Vitamin D, 25-Hydroxy": (("Vitamin D, 25-OH, Total",), ("Vitamin D",)),
    "C-Reactive Protein": (("C-Reactive Protein, Quant",), ("CRP",)),
    "INR": (("INR",), ("INR",)),
    "Magnesium": (("Magnesium, Serum",), ("Serum magnesium",)),
    "PSA, Total": (("Prostate specific antigen",), ("PSA",)),
    "Urine Protein": (("Protein, Urine",), ("Urine protein",)),
}
_ZERO_LOW_UNITS = {"u/l", "iu/l", "ng/ml", "ug/l", "mg/l", "umol/l"}  # "0-40 U/L": labs print a zero floor for these
_HEADINGS = {False: ["CHEMISTRY", "HEMATOLOGY", "LIPID PANEL", "ENDOCRINOLOGY"],
             True: ["Clinical Biochemistry", "Haematology", "Lipids", "Endocrinology"]}
_FOOTNOTES = ["eGFR calculated with the CKD-EPI 2021 equation.",
              "Specimen received 2 hours after collection; tested on arrival.",
              "Results outside the reference range are shown in the flag column."]  # the last: tables with one


def _fresh4_names(rng: random.Random, truth: list[Truth], uk: bool, upper: bool, rename: bool) -> None:
    """Other real names for about half the tests (`rename`), then the report's letter case."""
    for t in truth:
        test = next(x for x in TESTS if t.printed_name in (*x.us_names, *x.uk_names, *x.short))
        if rename and rng.random() < 0.5:
            t.printed_name = rng.choice(FRESH4_NAMES[test.us_names[0]][1 if uk else 0])
        if upper:
            t.printed_name = t.printed_name.upper()


def _fresh4_range(t: Truth, form: str, zeros: bool) -> str:
    """The report's reference range as real labs print it. `zeros` keeps the value's decimal places
    ("3.5-5.0", "0.40-4.50"); a zero floor ("0-40") sets the truth's low end to 0."""
    if t.range_text:
        return t.range_text
    places = len(t.value_text.split(".")[1]) if "." in t.value_text else 0

    def n(x: float) -> str:
        shown = f"{x:g}"
        return f"{x:.{max(places, len(shown.split('.')[1]) if '.' in shown else 0)}f}" if zeros else shown

    low, high = t.range_low, t.range_high
    if low is None and high is not None and form == "zero" and (t.unit or "").lower() in _ZERO_LOW_UNITS:
        t.range_low = low = 0.0
    if low is not None and high is not None:
        return {"dash": f"{n(low)}-{n(high)}", "tight": f"({n(low)}-{n(high)})", "to": f"{n(low)} to {n(high)}",
                "zero": f"{n(low)} - {n(high)}", "quest": f"{n(low)}-{n(high)}"}[form]
    if low is not None:
        return {"dash": f">{n(low)}", "tight": f"(>{n(low)})", "to": f">= {n(low)}", "zero": f">{n(low)}",
                "quest": f"> OR = {n(low)}"}[form]
    quest = f"<{n(high)}" if (t.unit or "").lower() in ("mg/dl", "%") else f"< OR = {n(high)}"  # as Quest prints them
    return {"dash": f"<{n(high)}", "tight": f"(<{n(high)})", "to": f"<= {n(high)}", "zero": f"<{n(high)}",
            "quest": quest}[form]


def _fresh4_cells(rng: random.Random, truth: list[Truth], look: str) -> tuple[list[str], list[list[str]], list[bool]]:
    """Column heads, the cells of each row and which rows are flagged, for a table look."""
    form = {"quest": "quest", "uk-table": rng.choice(["tight", "dash", "zero"])}.get(look) or rng.choice(
        ["dash", "tight", "to", "zero"])
    zeros = rng.random() < 0.7
    rows, bold = [], []
    for t in truth:
        ref = _fresh4_range(t, form, zeros)
        flag, unit = t.flag or "", t.unit or ""
        if look == "quest":  # Test Name | In Range | Out Of Range | Reference Range (unit after it) | Lab
            in_range, out = (t.value_text, "") if not flag else ("", f"{t.value_text} {flag}")
            rows.append([t.printed_name, in_range, out, f"{ref} {unit}".strip(), "EZ"])
        elif look == "range-first":  # Test | Result | Reference Range | Units | Flag
            rows.append([t.printed_name, t.value_text, ref, unit, flag])
        else:  # uk-table: no flags
            rows.append([t.printed_name, t.value_text, unit, ref])
        bold.append(bool(flag))
    heads = {"quest": ["Test Name", "In Range", "Out Of Range", "Reference Range", "Lab"],
             "range-first": ["Test", "Result", "Reference Range", "Units", "Flag"],
             "uk-table": ["Test", "Result", "Units", "Reference range"]}[look]
    return heads, rows, bold


def fresh4_table_pdf(rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> bytes:
    """A one-page table in one of fresh4's looks; column places follow the printed widths."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = A4 if uk else letter
    c = _canvas(width, height, buf)
    body = rng.choice(FRESH4["fonts"])
    font, head_font = _font(body), _font(_FRESH4_HEAD[body])
    size = rng.choice(FRESH4["sizes"])
    look = "uk-table" if uk else rng.choice(["quest", "range-first"])
    if look == "quest":
        for t in truth:
            t.printed_name = t.printed_name.upper()
    c.setFont(head_font, 13)
    c.drawString(50, height - 50, "Pathology Results" if uk else "Laboratory Results")
    y = _header(c, person, 50, height - 72, font, 9, uk=uk) - 8
    heads, rows, bold = _fresh4_cells(rng, truth, look)
    gap = size * rng.uniform(1.6, 2.6)
    widths = [max(c.stringWidth(cell, head_font, size) for cell in col) for col in zip(heads, *rows, strict=True)]
    xs = [50.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    c.setFont(head_font, size)
    for x, h in zip(xs, heads, strict=True):
        c.drawString(x, y, h)
    c.setLineWidth(0.8)
    c.line(48, y - size * 0.45, width - 48, y - size * 0.45)
    y -= size * 1.9
    line_gap = size * rng.uniform(1.7, 2.1)
    headings = sorted(rng.sample(range(1, len(rows)), rng.randint(0, 2)))
    sections = iter(rng.sample(_HEADINGS[uk], 3))
    if rng.random() < 0.6:
        headings = [0, *headings]
    for i, (cells, flagged) in enumerate(zip(rows, bold, strict=True)):
        if i in headings:  # a panel heading between rows
            c.setFont(head_font, size)
            c.drawString(50, y, next(sections))
            y -= line_gap
        for col, (x, cell) in enumerate(zip(xs, cells, strict=True)):
            c.setFont(head_font if flagged and col in (1, 2) and look != "uk-table" else font, size)
            c.drawString(x, y, cell)
        y -= line_gap
    c.setFont(font, 8)
    c.drawString(50, max(y - 14, 58), rng.choice(_FOOTNOTES if look == "range-first" else _FOOTNOTES[:2]))
    c.drawString(50, 40, f"Page 1 of 1    Printed {person.dob[:6]}2024")
    c.save()
    return buf.getvalue()


def fresh4_fixed_pdf(rng: random.Random, person: Person, truth: list[Truth]) -> bytes:
    """A UK fixed-width report with dot leaders between name and value and no flags."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf)
    mono = _font(rng.choice(FRESH4["mono"]))
    size = rng.choice(FRESH4["mono_sizes"])
    y = _header(c, person, 40, height - 50, mono, 9, uk=True) - 12
    form, zeros = rng.choice(["tight", "dash", "to"]), rng.random() < 0.7
    name_w = max(len(t.printed_name) for t in truth) + rng.randint(3, 6)
    c.setFont(mono, size)
    c.drawString(40, y, f"{'Investigation':<{name_w}} {'Result':>7}  {'Units':<14}Reference range")
    y -= size * 2
    for t in truth:
        ref = _fresh4_range(t, form, zeros)
        c.drawString(40, y, f"{t.printed_name + ' ':.<{name_w}} {t.value_text:>7}  {t.unit or '':<14}{ref}")
        y -= size * 1.5
    c.drawString(40, y - 10, "End of report")
    c.save()
    return buf.getvalue()


def _perspective_coefficients(dst: list[tuple[float, float]], src: list[tuple[float, float]]):
    """PIL's 8 perspective coefficients that send each output point in `dst` to the input point in `src`."""
    import numpy as np

    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float)).tolist()


def fresh4_photo(image, rng: random.Random) -> bytes:
    """A phone photo taken at an angle: true perspective (the far edge shorter), a turn, a lamp's
    hot spot or a steep light gradient, a colour cast, motion or focus blur, noise, low JPEG."""
    import numpy as np
    from PIL import Image

    w, h = image.size
    margin = 0.05 * w
    k = rng.uniform(0.03, 0.08)  # how much shorter the far edge looks, as a share of the width
    far = rng.choice(["top", "bottom", "left", "right"])
    j = lambda: rng.uniform(-0.008, 0.008) * w  # noqa: E731 - a little unevenness per corner
    ul, ll, lr, ur = [margin, margin], [margin, margin + h], [margin + w, margin + h], [margin + w, margin]
    a, b = {"top": (ul, ur), "bottom": (ll, lr), "left": (ul, ll), "right": (ur, lr)}[far]  # the far edge
    along = 0 if far in ("top", "bottom") else 1  # the axis the far edge runs along
    length, depth = (w, h) if along == 0 else (h, w)
    a[along] += k * length  # the far edge shorter...
    b[along] -= k * length
    shift = 0.5 * k * depth * (1 if far in ("top", "left") else -1)
    a[1 - along] += shift  # ...and the page foreshortened towards it
    b[1 - along] += shift
    dst = [(x + j(), y + j()) for x, y in (ul, ll, lr, ur)]
    desk = tuple(rng.randint(60, 170) for _ in range(3))
    size = (int(w + 2 * margin), int(h + 2 * margin))
    image = image.transform(size, Image.Transform.PERSPECTIVE,
                            _perspective_coefficients(dst, [(0, 0), (0, h), (w, h), (w, 0)]),
                            resample=Image.Resampling.BICUBIC, fillcolor=desk)
    image = image.rotate(rng.choice([-1, 1]) * rng.uniform(0.5, 3.0), resample=Image.Resampling.BICUBIC,
                         expand=True, fillcolor=desk)
    pixels = np.asarray(image, dtype=np.float32)
    hh, ww = pixels.shape[:2]
    yy, xx = np.mgrid[0:hh, 0:ww].astype(np.float32)
    base = rng.uniform(0.72, 0.92)
    if rng.random() < 0.5:  # a desk lamp's hot spot: washed out near it
        cx, cy, spread = rng.uniform(0.2, 0.8) * ww, rng.uniform(0.2, 0.8) * hh, rng.uniform(0.15, 0.3) * max(ww, hh)
        glare = rng.uniform(0.3, 0.5) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * spread ** 2))
        pixels = pixels * base
        pixels = pixels + (255 - pixels) * glare[..., None]
    else:  # light from one side, falling off steeply to the other
        along = xx / ww if rng.random() < 0.5 else yy / hh
        along = along if rng.random() < 0.5 else 1 - along
        pixels = pixels * (base * (rng.uniform(0.6, 0.7) + (1 - rng.uniform(0.6, 0.7)) * along))[..., None]
    cast = rng.choice([(1.0, 0.93, 0.8), (0.9, 0.96, 1.0), (1.0, 0.98, 0.95)])  # tungsten, daylight LED, neutral
    pixels = pixels * np.array(cast, dtype=np.float32)
    if rng.random() < 0.6:  # the hand moved: a short straight smear
        length, angle = rng.randint(2, 4), rng.uniform(0, np.pi)
        smeared = np.zeros_like(pixels)
        for step in range(length):
            dx, dy = round(step * np.cos(angle)), round(step * np.sin(angle))
            smeared += np.roll(pixels, (dy, dx), axis=(0, 1))
        pixels = smeared / length
        blur = rng.uniform(0.2, 0.5)
    else:
        blur = rng.uniform(0.8, 1.3)
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    pixels += np_rng.normal(0, rng.uniform(5, 11), pixels.shape)
    from PIL import ImageFilter

    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=rng.randint(38, 60))
    return out.getvalue()


def fresh4_scan(image, rng: random.Random) -> bytes:
    """An office scan: a slight turn and offset, then either black and white (thresholded, with
    specks) or grey on yellowed paper with faded toner, saved as PNG or JPEG."""
    import numpy as np
    from PIL import Image

    grey = image.convert("L").rotate(rng.choice([-1, 1]) * rng.uniform(0.2, 1.8), resample=Image.Resampling.BICUBIC,
                                     expand=False, fillcolor=255, translate=(rng.randint(-25, 25), rng.randint(-15, 30)))
    pixels = np.asarray(grey, dtype=np.float32)
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    out = io.BytesIO()
    if rng.random() < 0.5:  # black and white: one threshold, a few specks of dust
        ink = pixels < rng.uniform(150, 190)
        ink |= np_rng.random(pixels.shape) < rng.uniform(0.00005, 0.0003)
        Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).save(out, format="PNG")
    else:  # faded toner on yellowed paper
        toner = rng.uniform(55, 95)
        pixels = toner + (pixels / 255) * (rng.uniform(215, 240) - toner)
        rgb = np.stack([pixels, pixels * 0.98, pixels * rng.uniform(0.86, 0.93)], axis=-1)
        rgb += np_rng.normal(0, 4, rgb.shape)
        Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8)).save(out, format="JPEG", quality=rng.randint(45, 70))
    return out.getvalue()


def _fresh4_report(layout: str, seed: int, rng: random.Random, person: Person, truth: list[Truth],
                   uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh4 report; the truths are edited in place to what is printed."""
    upper = layout != "portal-text" and rng.random() < 0.25
    _fresh4_names(rng, truth, uk, upper, rename=layout != "clinic-slip")  # a slip keeps its short names
    for name in FRESH4["fonts"]:  # the older page functions set fonts by name: register them first
        _font(name)
    if uk:
        for t in truth:
            t.flag = None  # UK reports print no flags
    style = STYLES["fresh4"]
    if layout == "us-table":
        return fresh4_table_pdf(rng, person, truth, uk), "pdf"
    if layout == "uk-fixed":
        return fresh4_fixed_pdf(rng, person, truth), "pdf"
    if layout == "clinic-slip":
        return clinic_slip_pdf(rng, style, person, truth), "pdf"
    if layout == "two-column":
        return two_column_pdf(rng, style, person, truth), "pdf"
    if layout == "portal-text":
        return portal_text(rng, style, person, truth), "text"
    if layout == "phone-photo":
        page = fresh4_table_pdf(rng, person, truth, uk)
        return fresh4_photo(render_pdf(page, dpi=rng.randint(200, 250)), rng), "image"
    if layout == "scanned-pdf":
        from reportlab.lib.pagesizes import A4, letter

        page = fresh4_fixed_pdf(rng, person, truth) if uk and rng.random() < 0.5 else \
            fresh4_table_pdf(rng, person, truth, uk)
        return image_pdf(fresh4_scan(render_pdf(page, dpi=rng.randint(150, 200)), rng), *(A4 if uk else letter)), "pdf"
    raise ValueError(layout)


def make_report(layout: str, seed: int, variant: str = "tuned", *, normal: bool = False) -> Report:
    rng = random.Random(f"{layout}/{variant}/{seed}")
    style = STYLES[variant]
    person = _person(rng)
    uk = layout in ("uk-fixed", "two-column") or (layout == "scanned-pdf" and (
        variant == "heldout" or (variant in FRESH and seed % 2 == 0))) or (
        variant in (*FOURTH, *BLIND_SETS) and layout == "phone-photo" and seed % 3 == 0)  # UK patients photograph theirs too
    short = layout == "clinic-slip"
    count = {"clinic-slip": 8, "two-column": 18, "phone-photo": 14}.get(layout, 16)
    truth = _results(rng, uk, short, style["names"] + seed, count, normal)
    if style["shuffle"]:
        rng.shuffle(truth)
    for t in truth:  # "mg/dl", "mmol/l": spellings some labs print
        if t.unit and style.get("lower_units") and rng.random() < style["lower_units"]:
            t.unit = t.unit.lower()
    if variant in FOURTH:
        data, kind = _fresh4_report(layout, seed, rng, person, truth, uk)
        return Report(layout, variant, seed, data, kind, truth, person)
    if variant in BLIND_SETS:
        number = BLIND_SETS[variant]
        draw = getattr(importlib.import_module(f".fresh{number}", __package__), f"fresh{number}_report")
        data, kind = draw(layout, rng, person, truth, uk)
        return Report(layout, variant, seed, data, kind, truth, person)
    flag_first = variant == "tuned" if style.get("flag_first", False) is not None else rng.random() < 0.5
    ranges = variant if variant in PHOTO else "fresh" if variant in FRESH else "first"
    kind = "pdf"
    if layout == "us-table":
        data = us_table_pdf(rng, style, person, truth, flag_first=variant == "tuned")
    elif layout == "uk-fixed":
        for t in truth:
            t.flag = None  # UK fixed-width reports print no flags
        data = uk_fixed_pdf(rng, style, person, truth)
    elif layout == "clinic-slip":
        data = clinic_slip_pdf(rng, style, person, truth)
    elif layout == "two-column":
        for t in truth:
            t.flag = None
        data = two_column_pdf(rng, style, person, truth)
    elif layout == "portal-text":
        data, kind = portal_text(rng, style, person, truth), "text"
    elif layout == "phone-photo":
        page = us_table_pdf(rng, style, person, truth, flag_first=flag_first)
        dpi = rng.randint(190, 260) if variant in ("fresh2", "fresh3", "fresh3-tune") else rng.randint(200, 280) if variant in FRESH else 250
        data, kind = photograph(render_pdf(page, dpi=dpi), rng, ranges=ranges), "image"
    elif layout == "scanned-pdf":
        from reportlab.lib.pagesizes import A4

        if uk:
            for t in truth:
                t.flag = None
            page = uk_fixed_pdf(rng, style, person, truth)
        else:
            page = us_table_pdf(rng, style, person, truth)
        data = image_pdf(photograph(render_pdf(page, dpi=200), rng, degrade=False, ranges=ranges), *A4)
    else:
        raise ValueError(layout)
    return Report(layout, variant, seed, data, kind, truth, person)


def many_page_pdf(pages: int) -> bytes:
    """A long report: `pages` pages of the US table (the limit and memory tests)."""
    from reportlab.lib.pagesizes import letter

    rng = random.Random(pages)
    buf = io.BytesIO()
    c = _canvas(*letter, buf)
    for page in range(pages):
        y = 740
        c.setFont("Helvetica", 10)
        for t in _results(rng, False, False, page, 30):
            c.drawString(50, y, t.printed_name)
            c.drawString(240, y, t.value_text)
            c.drawString(300, y, t.unit or "")
            c.drawString(380, y, _range_text(t, "dash"))
            y -= 22
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.lib import pdfencrypt

    buf = io.BytesIO()
    c = _canvas(595, 842, buf, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(50, 700, "Potassium 5.4 mmol/L 3.5-5.1 H")
    c.save()
    return buf.getvalue()


# ---- scoring: what "read exactly" means -----------------------------------------------------------
def _norm_unit(unit: str | None) -> str:
    """A unit's spelling folded: case, spaces, the micro sign, and how a power of ten is written
    ("x10^9/L", "x10*9/L", "x10E9/L" are one spelling; "K/uL" stays another)."""
    folded = (unit or "").lower().replace("µ", "u").replace("μ", "u").replace(" ", "")
    return re.sub(r"10(?:\^|\*|e)(?=\d)", "10^", folded)


def _norm_name(name: str) -> str:
    return " ".join(name.lower().replace(":", "").split())


@dataclass
class Score:
    total: int = 0
    exact: int = 0
    flags: int = 0
    wrong: int = 0  # found, but value, unit or range differ from the truth (worse than not read)
    leaked: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _same_value(line, true_text: str) -> bool:
    """The value read is the true one: as printed, or the same number with the same comparator
    ("480,000" printed with a thousands separator is 480000; "5,4" read as 54 is not 5.4)."""
    if line.value_text.replace(" ", "") == true_text.replace(" ", ""):
        return True
    number = re.fullmatch(r"([<>]=?)?\s*(\d+(?:\.\d+)?)", true_text.strip())
    if number is None or line.value is None:
        return False
    comparator = re.match(r"[<>]=?", line.value_text.strip())
    return (comparator.group(0) if comparator else None) == number.group(1) and line.value == float(number.group(2))


def score(report: Report, read) -> Score:
    """Each true result read exactly: its name found, value, unit and range all equal."""
    out = Score(total=len(report.truth))
    lines = list(read.lines)
    for t in report.truth:
        match = next((x for x in lines if _norm_name(x.printed_name) == _norm_name(t.printed_name)), None)
        if match is None:
            out.misses.append(f"missing {t.printed_name} {t.value_text}")
            continue
        lines.remove(match)
        value_ok = _same_value(match, t.value_text)
        unit_ok = _norm_unit(match.unit) == _norm_unit(t.unit)
        range_ok = (match.range_low, match.range_high) == (t.range_low, t.range_high) and (
            t.range_text is None or match.range_text == t.range_text)
        if value_ok and unit_ok and range_ok:
            out.exact += 1
            out.flags += (match.flag or None) == (t.flag or None)
        else:
            out.wrong += 1
            out.misses.append(f"{t.printed_name}: read {match.value_text!r} {match.unit!r} "
                              f"{match.range_low}-{match.range_high}; true {t.value_text!r} {t.unit!r} "
                              f"{t.range_low}-{t.range_high}")
    dumped = read.model_dump_json()
    out.leaked = [s for s in report.person.secrets() if s and s in dumped]
    return out
