"""fresh6: the sixth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh6-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints, with three rules for numbers:

- a European report prints a comma decimal mark ("5,4 mmol/l", "3,5-5,1"): the truth is the value
  with a point ("5.4") and the range's numbers;
- a US report may print thousands separators ("1,250", an older-style platelet count "250,000 /uL"):
  the truth is the number without them ("1250", "250000", unit "/uL", range 140000-400000);
- a report printing SI and conventional results side by side: the truth is the first printed
  (the report's own unit, the one its reference range is given in); the second is a conversion.

Flags are the truth as printed ("H*", "L*", "!", "!!", "A", "Abnormal", "Critical", arrows).
Looks no earlier set has:

- tables with thin vertical rules between every column and right-aligned numbers, now and then in
  a tiny 7 pt type; a Quest-like layout with the reference range under the result on its own line;
  a hospital discharge summary page with a results table among paragraphs of prose; landscape pages
  with collected, status and performing-lab columns, or SI and conventional results side by side;
  values with comparators ("<0.5", ">90"), qualitative ranges "Negative" or "Not detected";
- European reports: comma decimals, lower-case units and arrow flags; a dense fixed-width printout
  with right-aligned values; a slip with pipes between cells; two results a row on a landscape page
  with vertical rules; portal text copied as a markdown-like pipe table or as bullet points;
- phone photos of a page in a glossy plastic sleeve with one bright reflection band, a page held in
  a hand at a slight angle, a low-light photo with strong noise and a warm cast;
- scans: a 300 dpi colour scan of a page with a coloured logo header and a light diagonal "COPY"
  behind the table; a photocopy of a photocopy (thickened strokes, grey speckle).
"""

from __future__ import annotations

import io
import math
import random

from .corpus import Person, Truth, _canvas, _font
from .fresh5 import _first_name, image_pages_pdf, render_pages

# body fonts (none is a body font of an earlier set) and the bold used for heads
FONTS = {"DejaVuSerif": "DejaVuSerif-Bold", "LiberationSans-Italic": "LiberationSans-Bold",
         "DejaVuSansCondensed-Oblique": "DejaVuSansCondensed-Bold", "LiberationSerif-Italic": "LiberationSerif-BoldItalic"}
MONO = ["LiberationMono-Italic", "DejaVuSansMono-Oblique"]
# how each flag style prints the drawn flag (H, L, HH, LL, A)
FLAG_STYLES = {
    "star": {"H": "H*", "L": "L*", "HH": "HH*", "LL": "LL*", "A": "A*"},
    "bang": {"H": "!", "L": "!", "HH": "!!", "LL": "!!", "A": "!"},
    "letter-a": {"H": "A", "L": "A", "HH": "AA", "LL": "AA", "A": "A"},
    "word": {"H": "Abnormal", "L": "Abnormal", "HH": "Critical", "LL": "Critical", "A": "Abnormal"},
    "arrow": {"H": "\u2191", "L": "\u2193", "HH": "\u2191\u2191", "LL": "\u2193\u2193", "A": "\u2191"},
}
# SI <-> conventional: by the test's first US name, (US unit, SI unit, SI per US, US places, SI places)
CONVERT = {
    "Glucose": ("mg/dL", "mmol/L", 1 / 18.016, 0, 1), "BUN": ("mg/dL", "mmol/L", 0.357, 0, 1),
    "Creatinine": ("mg/dL", "umol/L", 88.4, 2, 0), "Calcium": ("mg/dL", "mmol/L", 0.2495, 1, 2),
    "Albumin": ("g/dL", "g/L", 10, 1, 0), "Protein, Total": ("g/dL", "g/L", 10, 1, 0),
    "Bilirubin, Total": ("mg/dL", "umol/L", 17.1, 1, 0), "Hemoglobin": ("g/dL", "g/L", 10, 1, 0),
    "Cholesterol, Total": ("mg/dL", "mmol/L", 1 / 38.67, 0, 1), "LDL Cholesterol": ("mg/dL", "mmol/L", 1 / 38.67, 0, 1),
    "HDL Cholesterol": ("mg/dL", "mmol/L", 1 / 38.67, 0, 2), "Triglycerides": ("mg/dL", "mmol/L", 1 / 88.57, 0, 1),
    "Free T4": ("ng/dL", "pmol/L", 12.87, 1, 0), "Vitamin D, 25-Hydroxy": ("ng/mL", "nmol/L", 2.496, 0, 0),
    "Vitamin B12": ("pg/mL", "pmol/L", 0.7378, 0, 0), "Magnesium": ("mg/dL", "mmol/L", 0.4114, 1, 2),
    "Hematocrit": ("%", "L/L", 0.01, 1, 2),
}
LABS = ["Riverside General Hospital Laboratory", "Northgate Medical Center - Clinical Laboratory",
        "St. Anne's Hospital Pathology", "Lakeview Regional Lab Services"]
PROSE_BEFORE = [
    "Reason for admission: shortness of breath and ankle swelling over one week. The patient was "
    "treated with intravenous diuretics and improved steadily. Oxygen was stopped on day two.",
    "Hospital course: admitted through the emergency department with a chest infection. Treated with "
    "oral antibiotics and fluids. Walking independently on the ward before going home.",
]
PROSE_AFTER = [
    "Medicines on discharge are listed on the next page. Please book a follow-up visit with your "
    "family doctor within two weeks to repeat the blood tests.",
    "The results above were reviewed with the patient before discharge. Return to the emergency "
    "department if breathing gets worse, or for chest pain or fainting.",
]


def _face(name: str) -> str:
    return _font(name)


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _num(text: str, region: str, thousands: bool) -> str:
    """A number (or "<0.5", ">90", a word) as this report prints it."""
    sign = text[0] if text[:1] in "<>" else ""
    body = text[len(sign):]
    try:
        float(body)
    except ValueError:
        return text
    if region == "eu":
        return sign + body.replace(".", ",")
    if thousands and "." not in body and len(body) > 3:
        return sign + f"{int(body):,}"
    return text


def _n(x: float, region: str, thousands: bool, places: int | None = None) -> str:
    shown = f"{x:.{places}f}" if places is not None else f"{x:g}"
    return _num(shown, region, thousands)


def _ref(t: Truth, region: str, thousands: bool, form: str, zeros: bool = False) -> str:
    """The reference range as printed: "3.5-5.1", "3.5 - 5.1", "<5.0", ">= 60"; European commas."""
    if t.range_text:
        return t.range_text
    places = _places(t.value_text.lstrip("<>")) if zeros else None

    def n(x: float) -> str:
        shown = f"{x:g}"
        keep = max(places, _places(shown)) if places is not None else None
        return _n(x, region, thousands, keep)

    low, high = t.range_low, t.range_high
    if low is not None and high is not None:
        return f"{n(low)} - {n(high)}" if form == "spaced" else f"{n(low)}-{n(high)}"
    if low is not None:
        return f">= {n(low)}" if form == "spaced" else f">{n(low)}"
    if high is not None:
        return f"<= {n(high)}" if form == "spaced" else f"<{n(high)}"
    return ""


def _prepare(rng: random.Random, truth: list[Truth], keys: dict[int, str], region: str, flag_style: str | None,
             thousands: bool) -> None:
    """Edit the truths to what this report prints: comparators, qualitative words, units per
    region, older-style counts per microlitre, flags in the report's style."""
    for t in truth:
        key = keys[id(t)]
        if t.range_text:  # the qualitative urine test: "Negative" or "Not detected"
            if rng.random() < 0.5:
                t.range_text = "Not detected"
                if t.value_text == "Negative":
                    t.value_text = "Not detected"
        elif key == "C-Reactive Protein" and not t.flag and rng.random() < 0.5:
            t.value_text = "<1" if t.range_high == 5 else "<0.5"  # below what the assay measures
        elif key == "eGFR" and t.value_text[0].isdigit() and float(t.value_text) > 90:
            t.value_text = ">90"
        if thousands and key in ("Platelets", "WBC") and t.unit and "10" in t.unit:  # per microlitre
            t.value_text = str(round(float(t.value_text) * 1000))
            t.unit = "/uL"
            t.range_low = None if t.range_low is None else float(round(t.range_low * 1000))
            t.range_high = None if t.range_high is None else float(round(t.range_high * 1000))
        if region == "eu" and t.unit:
            t.unit = t.unit.lower()
        if region == "uk" or flag_style is None:
            t.flag = None
        elif t.flag:
            t.flag = FLAG_STYLES[flag_style][t.flag]


def _header(c, person: Person, x: float, y: float, font: str, size: float, region: str, page: str) -> float:
    """The patient block, printed on every page."""
    c.setFont(font, size)
    number = {"us": "MRN", "uk": "NHS No", "eu": "Patient ID"}[region]
    lines = [f"Patient: {person.name}    Date of birth: {person.dob}    {number}: {person.mrn}",
             f"Address: {person.address}    Phone: {person.phone}    {page}",
             f"Specimen collected: {person.dob[:6]}2024 09:05    Reported: {person.dob[:6]}2024 15:40"]
    return _lines(c, x, y, lines, size * 1.5)


def _lines(c, x: float, y: float, lines: list[str], step: float) -> float:
    """Lines of text one under another from y down; returns the y below the last."""
    for line in lines:
        c.drawString(x, y, line)
        y -= step
    return y


def _logo(c, rng: random.Random, width: float, height: float, lab: str, font: str, colour: bool) -> float:
    """The lab's header: a coloured mark and name (grey when not `colour`); returns the y below it."""
    tint = rng.choice([(0.05, 0.35, 0.65), (0.1, 0.5, 0.3), (0.6, 0.12, 0.2)]) if colour else (0.3, 0.3, 0.3)
    c.setFillColorRGB(*tint)
    c.circle(62, height - 46, 14, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(font, 15)
    c.drawCentredString(62, height - 51, "+")
    c.setFillColorRGB(*tint)
    c.setFont(font, 14)
    c.drawString(84, height - 44, lab)
    c.setFont(font, 8)
    c.drawString(84, height - 56, "Accredited clinical laboratory    Tel 555-0100")
    c.setStrokeColorRGB(*tint)
    c.setLineWidth(1.5)
    c.line(40, height - 66, width - 40, height - 66)
    c.setFillColorRGB(0, 0, 0)
    c.setStrokeColorRGB(0, 0, 0)
    return height - 84


def _watermark(c, width: float, height: float, font: str) -> None:
    """A light diagonal "COPY" across the middle of the page (drawn before the table)."""
    c.saveState()
    c.setFillColorRGB(0.91, 0.91, 0.94)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.setFont(font, 140)
    c.drawCentredString(0, -40, "COPY")
    c.restoreState()


def _grid(c, rng: random.Random, x0: float, y: float, heads: list[str], rows: list[list[str]], font: str,
          bold: str, size: float, right: set[int], rules: bool, max_width: float) -> float:
    """A table: heads in bold, rows below; `right` columns right-aligned; `rules` draws thin vertical
    rules between every column and a frame. Returns the y below the table."""
    pad = size * 0.8
    widths = [max(c.stringWidth(cell, bold if i == 0 else font, size) for i, cell in enumerate(col)) + 2 * pad
              for col in zip(heads, *rows, strict=True)]
    extra = max(0.0, (max_width - sum(widths)) * rng.uniform(0.0, 0.6)) / len(widths)
    widths = [w + extra for w in widths]
    edges = [x0]
    for w in widths:
        edges.append(edges[-1] + w)
    line_gap = size * rng.uniform(1.7, 2.1)
    top = y + size * 1.2
    for r, cells in enumerate([heads, *rows]):
        c.setFont(bold if r == 0 else font, size)
        for i, cell in enumerate(cells):
            if i in right and r > 0:
                c.drawRightString(edges[i + 1] - pad, y, cell)
            else:
                c.drawString(edges[i] + pad, y, cell)
        if rules:
            c.setLineWidth(0.4 if r else 0.8)
            c.line(edges[0], y - size * 0.6, edges[-1], y - size * 0.6)
        y -= line_gap
    if rules:
        bottom = y + line_gap - size * 0.6
        c.setLineWidth(0.4)
        for x in edges:
            c.line(x, top, x, bottom)
        c.line(edges[0], top, edges[-1], top)
    return y


def _row(t: Truth, region: str, thousands: bool, form: str, zeros: bool) -> tuple[str, str, str, str, str]:
    return (t.printed_name, _num(t.value_text, region, thousands), t.flag or "", t.unit or "",
            _ref(t, region, thousands, form, zeros))


def _converted(t: Truth, key: str, region: str) -> tuple[str, str]:
    """The other unit's result ("" when the test has one unit or the value is not a plain number)."""
    if key not in CONVERT or not t.value_text.replace(".", "").isdigit():
        return "", ""
    us_unit, si_unit, factor, us_places, si_places = CONVERT[key]
    value = float(t.value_text)
    if (t.unit or "").lower() == us_unit.lower() and region == "us":
        return _n(value * factor, region, False, si_places), si_unit
    if (t.unit or "").lower() == si_unit.lower() and region != "us":
        return _n(value / factor, region, False, us_places), us_unit.lower() if region == "eu" else us_unit
    return "", ""


def page_pdf(rng: random.Random, person: Person, truth: list[Truth], keys: dict[int, str], *, region: str,
             design: str, thousands: bool, colour: bool = False, watermark: bool = False) -> bytes:
    """One report page in a fresh6 design: "ruled", "under", "discharge", "landscape" or "dual"."""
    from reportlab.lib.pagesizes import A4, landscape, letter

    buf = io.BytesIO()
    paper = letter if region == "us" else A4
    width, height = landscape(paper) if design in ("landscape", "dual") else paper
    c, font, bold = _start(rng, width, height, buf)
    if watermark:
        _watermark(c, width, height, bold)
    y = _logo(c, rng, width, height, rng.choice(LABS), bold, colour)
    y = _header(c, person, 40, y, font, 8.5, region, "Page 1 of 1") - 14
    form, zeros = rng.choice(["dash", "spaced"]), rng.random() < 0.5
    size = rng.choice([7.0, 8.5, 10.0]) if design == "ruled" else rng.choice([8.5, 9.5])
    title = {"ruled": "LABORATORY RESULTS", "under": "Test Results", "discharge": "DISCHARGE SUMMARY",
             "landscape": "Cumulative Laboratory Report", "dual": "Laboratory Report (SI and conventional units)"}[design]
    c.setFont(bold, 12)
    c.drawString(40, y, title)
    y -= 22
    if design == "discharge":
        c.setFont(font, 9.5)
        y = _paragraph(c, rng.choice(PROSE_BEFORE), 40, y, font, 9.5, width - 80) - 10
        c.setFont(bold, 10)
        c.drawString(40, y, "Blood results on the day of discharge")
        y -= 18
    flagged = any(t.flag for t in truth) or region != "uk"
    if design == "under":  # the name, value, flag and unit on one line; the range under them
        x_value, x_flag, x_unit = 260, 330, 388
        c.setFont(bold, size)
        for x, head in ((40, "Test"), (x_value, "Result"), (x_flag, "Flag" if flagged else ""), (x_unit, "Units")):
            c.drawString(x, y, head)
        y -= size * 2
        for t in truth:
            name, value, flag, unit, ref = _row(t, region, thousands, form, zeros)
            c.setFont(bold if flag else font, size)
            c.drawString(40, y, name)
            c.drawRightString(x_value + 40, y, value)
            c.drawString(x_flag, y, flag)
            c.setFont(font, size)
            c.drawString(x_unit, y, unit)
            y -= size * 1.3
            c.setFont(font, size - 1)
            c.drawString(56, y, f"Reference range: {ref}" if ref else "Reference range: not given")
            y -= size * 1.9
    else:
        heads = ["Test", "Result", *(["Flag"] if flagged else []), "Units", "Reference range"]
        rows = []
        for t in truth:
            name, value, flag, unit, ref = _row(t, region, thousands, form, zeros)
            rows.append([name, value, *([flag] if flagged else []), unit, ref])
        if design == "landscape":
            lab = rng.choice(["RGH", "NMC", "SAH"])
            heads += ["Collected", "Status", "Lab"]
            rows = [[*row, f"{person.dob[:6]}2024 09:05", "Final", lab] for row in rows]
        if design == "dual":
            heads += ["SI result", "SI units"] if region == "us" else ["Conventional", "Conv. units"]
            rows = [[*row, *_converted(t, keys[id(t)], region)] for row, t in zip(rows, truth, strict=True)]
        right = {1} if design != "dual" else {1, len(heads) - 2}
        y = _grid(c, rng, 40, y, heads, rows, font, bold, size, right, design in ("ruled", "dual") or rng.random() < 0.3,
                  width - 80)
    if design == "discharge":
        y = _paragraph(c, rng.choice(PROSE_AFTER), 40, y - 8, font, 9.5, width - 80)
        c.setFont(font, 9.5)
        c.drawString(40, y - 14, "Signed: Dr. A. Mensah, hospital doctor")
    c.setFont(font, 7.5)
    c.drawString(40, 30, f"{person.name}    DOB {person.dob}    Page 1 of 1")
    c.save()
    return buf.getvalue()


def _start(rng: random.Random, width: float, height: float, buf: io.BytesIO):
    """A page's canvas and its body and bold fonts, drawn from FONTS."""
    body = rng.choice(sorted(FONTS))
    return _canvas(width, height, buf), _face(body), _face(FONTS[body])


def _paragraph(c, text: str, x: float, y: float, font: str, size: float, width: float) -> float:
    """Prose wrapped to `width`; returns the y below it."""
    c.setFont(font, size)
    line = ""
    for word in text.split():
        if line and c.stringWidth(f"{line} {word}", font, size) > width:
            c.drawString(x, y, line)
            y -= size * 1.45
            line = word
        else:
            line = f"{line} {word}".strip()
    c.drawString(x, y, line)
    return y - size * 1.45


def fixed_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """A dense fixed-width printout: small type, values right-aligned, a rule of dashes."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    c = _canvas(*A4, buf)
    height = A4[1]
    mono = _face(rng.choice(MONO))
    size = rng.choice([7.0, 7.5])
    y = _header(c, person, 30, height - 40, mono, 7.5, region, "Page 1 of 1") - 8
    form = rng.choice(["dash", "spaced"])
    name_w = max(len(t.printed_name) for t in truth) + 2
    unit_w = max(len(t.unit or "") for t in truth) + 2
    flags = region != "uk"
    c.setFont(mono, size)
    c.drawString(30, y, f"{'TEST':<{name_w}}{'RESULT':>10}{'  FLAG' if flags else ''}  {'UNIT':<{unit_w}}REFERENCE")
    y -= size * 1.2
    c.drawString(30, y, "-" * (name_w + unit_w + 34))
    y -= size * 1.5
    for t in truth:
        flag = f"  {t.flag or '':<4}" if flags else ""
        c.drawString(30, y, f"{t.printed_name:<{name_w}}{_num(t.value_text, region, False):>10}{flag}  "
                            f"{t.unit or '':<{unit_w}}{_ref(t, region, False, form)}")
        y -= size * 1.35
    c.drawString(30, y - 6, "-" * (name_w + unit_w + 34))
    c.drawString(30, y - 18, "END OF REPORT - validated by the laboratory")
    c.save()
    return buf.getvalue()


def slip_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str, thousands: bool) -> bytes:
    """An 80 mm slip, a serif face, pipes between the cells: NAME | value unit | range | flag."""
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    width, height = 80 * mm, (60 + 7 * len(truth)) * mm
    c = _canvas(width, height, buf)
    font = _face(rng.choice(["DejaVuSerifCondensed", "LiberationSerif-Bold"]))
    c.setFont(font, 7)
    y = _lines(c, 8, height - 20, ["WALK-IN CLINIC POINT OF CARE", f"Name: {person.name}",
                                   f"DOB: {person.dob}   ID: {person.mrn}", person.address, f"Tel: {person.phone}",
                                   "=" * 36], 9)
    form = rng.choice(["dash", "spaced"])
    for t in truth:
        value = f"{_num(t.value_text, region, thousands)} {t.unit or ''}".strip()
        cells = [t.printed_name, value, _ref(t, region, thousands, form), *([t.flag] if t.flag else [])]
        line = " | ".join(cells)
        if c.stringWidth(line, font, 7) > width - 14:  # too long for the slip: the range on its own line
            c.drawString(8, y, " | ".join(cells[:2]))
            y -= 9
            c.drawString(20, y, " | ".join(cells[2:]))
        else:
            c.drawString(8, y, line)
        y -= 12
    c.drawString(8, y, "=" * 36)
    c.save()
    return buf.getvalue()


def two_column_pdf(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Two results a row on a landscape A4 page, a thin vertical rule between every cell."""
    from reportlab.lib.pagesizes import A4, landscape

    buf = io.BytesIO()
    width, height = landscape(A4)
    c, font, bold = _start(rng, width, height, buf)
    y = _header(c, person, 40, height - 40, font, 8.5, region, "Page 1 of 1") - 10
    size = rng.choice([8.0, 9.0])
    form = rng.choice(["dash", "spaced"])
    flags = region != "uk"
    heads = ["Test", "Result", "Unit", "Reference", *(["Flag"] if flags else [])]
    rows = [[t.printed_name, _num(t.value_text, region, False), t.unit or "", _ref(t, region, False, form),
             *([t.flag or ""] if flags else [])] for t in truth]
    half = (len(rows) + 1) // 2
    left, right_rows = rows[:half], rows[half:]
    right_rows += [[""] * len(heads)] * (half - len(right_rows))
    pad = size * 0.7
    widths = [max(c.stringWidth(cell, bold, size) for cell in col) + 2 * pad for col in zip(heads, *rows, strict=True)]
    edges = [40.0]
    for half_no in range(2):
        for w in widths:
            edges.append(edges[-1] + w)
        if half_no == 0:
            edges.append(edges[-1] + 14)  # the gap between the halves
    starts = [edges[: len(widths) + 1], edges[len(widths) + 1:]]
    top = y + size * 1.2
    line_gap = size * 1.9
    for r, pair in enumerate([(heads, heads), *zip(left, right_rows, strict=True)]):
        for cells, cols in zip(pair, starts, strict=True):
            c.setFont(bold if r == 0 else font, size)
            for i, cell in enumerate(cells):
                if i == 1 and r > 0:
                    c.drawRightString(cols[i + 1] - pad, y, cell)
                else:
                    c.drawString(cols[i] + pad, y, cell)
            c.setLineWidth(0.4)
            c.line(cols[0], y - size * 0.6, cols[-1], y - size * 0.6)
        y -= line_gap
    bottom = y + line_gap - size * 0.6
    for cols in starts:
        c.line(cols[0], top, cols[-1], top)
        for x in cols:
            c.line(x, top, x, bottom)
    c.save()
    return buf.getvalue()


def portal_text(rng: random.Random, person: Person, truth: list[Truth], region: str) -> bytes:
    """Text copied from a portal: a markdown-like pipe table, or bullet points."""
    look = rng.choice(["pipes", "bullets"])
    lines = [f"Results for {person.name} (DOB {person.dob}, MRN {person.mrn})", f"{person.address} | {person.phone}", ""]
    if look == "pipes":
        lines += ["| Test | Result | Units | Reference range | Flag |", "|---|---|---|---|---|"]
    for t in truth:
        value, unit, ref = _num(t.value_text, region, False), t.unit or "", _ref(t, region, False, "dash")
        if look == "pipes":
            lines.append(f"| {t.printed_name} | {value} | {unit} | {ref} | {t.flag or ''} |")
        else:
            flag = f" - {t.flag}" if t.flag else ""
            shown = f"{value} {unit}".strip()
            lines.append(f"\u2022 {t.printed_name}: {shown} (reference range {ref}){flag}")
    lines += ["", "Released to the portal 2 days after collection."]
    return "\n".join(lines).encode()


# ---- photos and scans ------------------------------------------------------------------------------
def _noise(rng: random.Random):
    import numpy as np

    return np.random.default_rng(rng.randint(0, 2**31))


def _jpeg(image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def _place(page, rng: random.Random, turn: float, background, frame: tuple[int, int], tilt: float = 0.01):
    """The page turned by `turn` degrees and tilted a little, laid on `background` (an RGB array of
    the frame's size); returns (pixels, the page's alpha)."""
    import numpy as np
    from PIL import Image

    from .corpus import _perspective_coefficients

    pw, ph = page.size
    fw, fh = frame
    cx, cy = fw / 2 + rng.uniform(-0.02, 0.02) * fw, fh / 2 + rng.uniform(-0.02, 0.02) * fh
    a = math.radians(turn)
    corners = []
    for x, y in ((-pw / 2, -ph / 2), (-pw / 2, ph / 2), (pw / 2, ph / 2), (pw / 2, -ph / 2)):
        x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
        corners.append((cx + x + rng.uniform(-tilt, tilt) * pw, cy + y + rng.uniform(-tilt, tilt) * ph))
    coeffs = _perspective_coefficients(corners, [(0, 0), (0, ph), (pw, ph), (pw, 0)])
    sheet = page.convert("RGBA").transform((fw, fh), Image.Transform.PERSPECTIVE, coeffs,
                                           resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0, 0))
    alpha = np.asarray(sheet.getchannel("A"), dtype=np.float32)[..., None] / 255
    return background * (1 - alpha) + np.asarray(sheet.convert("RGB"), dtype=np.float32) * alpha, alpha


def sleeve_photo(page, rng: random.Random, row_px: float) -> bytes:
    """A page in a glossy plastic sleeve on a table: a little haze from the plastic, the sleeve's
    edge, one bright reflection band no taller than a row, soft light."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    fh = int(ph / rng.uniform(0.8, 0.88))
    fw = int(fh * 0.75)
    table = np.ones((fh, fw, 3), dtype=np.float32) * np.array(rng.choice([(185, 175, 160), (90, 85, 80), (200, 200, 205)]),
                                                            dtype=np.float32)
    pixels, alpha = _place(page, rng, rng.uniform(-2, 2), table, (fw, fh))
    pixels = pixels * (1 - 0.1 * alpha) + 22 * alpha  # the plastic's haze over the page
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    slope = math.tan(math.radians(rng.uniform(-3, 3)))
    centre = rng.uniform(0.35, 0.75) * fh
    half = 0.5 * row_px * rng.uniform(0.6, 0.9)  # the band's half height: under one row
    across = (yy - centre - slope * (xx - fw / 2)) / half
    band = np.exp(-across ** 2 * 2) * rng.uniform(0.55, 0.7)
    band = band * (0.6 + 0.4 * np.sin(xx / fw * math.pi))  # brightest in the middle of the page
    pixels = pixels + (255 - pixels) * band[..., None] * alpha
    sheen = np.exp(-(((xx / fw) - rng.uniform(0.2, 0.8)) ** 2) / 0.08) * 0.08  # a broad faint sheen
    pixels = pixels + (255 - pixels) * sheen[..., None] * alpha
    pixels = pixels * rng.uniform(0.85, 0.95) * np.array(rng.choice([(1.0, 0.97, 0.92), (0.96, 0.98, 1.0)]), dtype=np.float32)
    pixels += np_rng.normal(0, 4, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.0)))
    return _jpeg(image, rng.randint(80, 92))


def hand_photo(page, rng: random.Random) -> bytes:
    """A page held up in one hand: turned 2-5 degrees, bowed a little, a blurred room behind it,
    fingers over the bottom or side margin."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    np_rng = _noise(rng)
    pixels = np.asarray(page, dtype=np.float32)
    ph, pw = pixels.shape[:2]
    bow = rng.uniform(0.004, 0.01) * ph  # the sheet bows: the middle sags
    xx = np.arange(pw, dtype=np.float32)
    shift = (bow * np.sin(xx / pw * math.pi)).astype(np.int32)
    rows = np.clip(np.arange(ph)[:, None] - shift[None, :], 0, ph - 1)
    bowed = pixels[rows, np.arange(pw)[None, :]]
    bowed = bowed * (0.92 + 0.08 * np.sin(xx / pw * math.pi))[None, :, None]  # the bend catches light
    fh = int(ph / rng.uniform(0.82, 0.9))
    fw = int(fh * 0.75)
    yy, xxf = np.mgrid[0:fh, 0:fw].astype(np.float32)
    room = np.array(rng.choice([(120, 110, 95), (80, 95, 110), (140, 135, 125)]), dtype=np.float32)
    room = room * (0.75 + 0.35 * (yy / fh))[..., None] + np_rng.normal(0, 3, (fh, fw, 3))
    pixels, alpha = _place(Image.fromarray(np.clip(bowed, 0, 255).astype(np.uint8)), rng,
                           rng.choice([-1, 1]) * rng.uniform(2, 5), room, (fw, fh), tilt=0.015)
    hand = Image.new("L", (fw, fh), 0)
    draw = ImageDraw.Draw(hand)
    inside = alpha[..., 0] > 0.5
    if rng.random() < 0.5:  # fingers over the bottom margin, each reaching just past the page's edge there
        x0 = rng.uniform(0.3, 0.55) * fw
        for i in range(3):
            fx = x0 + i * 0.07 * fw
            edge = min(float(np.nonzero(inside[:, int(x)])[0].max()) for x in (fx, fx + 0.06 * fw))
            draw.rounded_rectangle((fx, edge - 0.03 * fh, fx + 0.06 * fw, fh * 1.2), radius=0.03 * fw, fill=255)
    else:  # a thumb over the left margin
        ty = rng.uniform(0.55, 0.8) * fh
        edge = max(float(np.nonzero(inside[int(y)])[0].min()) for y in (ty - 0.04 * fh, ty + 0.04 * fh))
        draw.rounded_rectangle((-fw, ty - 0.04 * fh, edge + 0.05 * fw, ty + 0.04 * fh), radius=0.04 * fh, fill=255)
    mask = np.asarray(hand.filter(ImageFilter.GaussianBlur(0.004 * fw)), dtype=np.float32)[..., None] / 255
    skin = np.array(rng.choice([(224, 172, 140), (198, 134, 96), (141, 85, 60), (240, 200, 170)]), dtype=np.float32)
    pixels = pixels * (1 - mask) + skin * (0.85 + 0.15 * np_rng.random((fh, fw, 1))) * mask
    pixels = pixels * rng.uniform(0.85, 0.95) + np_rng.normal(0, 5, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.1)))
    return _jpeg(image, rng.randint(75, 90))


def low_light_photo(page, rng: random.Random) -> bytes:
    """An evening photo under a warm bulb: dim, strong noise (brightness and colour), a warm cast."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    pw, ph = page.size
    fh = int(ph / rng.uniform(0.82, 0.9))
    fw = int(fh * 0.75)
    desk = np.ones((fh, fw, 3), dtype=np.float32) * rng.uniform(50, 90)
    pixels, _ = _place(page, rng, rng.uniform(-2.5, 2.5), desk, (fw, fh))
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    cx, cy = rng.uniform(0.3, 0.7) * fw, rng.uniform(0.2, 0.5) * fh
    pool = 1 - 0.35 * np.clip(((xx - cx) ** 2 + (yy - cy) ** 2) / (0.7 * fh) ** 2, 0, 1)  # the bulb's pool of light
    pixels = pixels * rng.uniform(0.5, 0.62) * pool[..., None] * np.array((1.0, 0.8, 0.55), dtype=np.float32)
    sigma = rng.uniform(10, 16)
    pixels += np_rng.normal(0, sigma, (fh, fw, 1)) + np_rng.normal(0, sigma * 0.6, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    return _jpeg(image, rng.randint(65, 80))


def colour_scan(page, rng: random.Random) -> bytes:
    """A 300 dpi colour scan: a slight turn, paper white a touch off, mild noise, good JPEG."""
    import numpy as np
    from PIL import Image

    np_rng = _noise(rng)
    page = page.rotate(rng.uniform(-0.8, 0.8), resample=Image.Resampling.BICUBIC, fillcolor=(252, 251, 248))
    pixels = np.asarray(page, dtype=np.float32) * np.array((0.99, 0.98, 0.95), dtype=np.float32)
    pixels += np_rng.normal(0, 2.5, pixels.shape)
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), rng.randint(82, 92))


def photocopy(page, rng: random.Random) -> bytes:
    """A photocopy of a photocopy: two passes, each thickening the strokes a little, darkening the
    paper unevenly and adding grey speckle; a small shift and turn each time."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = _noise(rng)
    grey = page.convert("L")
    for copy in range(2):
        grey = grey.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=255,
                           translate=(rng.randint(-8, 8), rng.randint(-8, 8)))
        grey = grey.filter(ImageFilter.GaussianBlur(0.6))
        if copy == 0:  # toner spreads: strokes a pixel thicker
            grey = grey.filter(ImageFilter.MinFilter(3))
        pixels = np.asarray(grey, dtype=np.float32)
        pixels = np.where(pixels < 140, pixels * 0.6, pixels)  # ink copies darker
        h, w = pixels.shape
        yy = np.mgrid[0:h, 0:w][0].astype(np.float32)
        pixels = pixels * (0.9 + 0.06 * np.sin(yy / h * math.pi * rng.uniform(1, 2)))  # uneven drum
        specks = np_rng.random(pixels.shape) < rng.uniform(0.002, 0.004)
        pixels = np.where(specks, np_rng.uniform(90, 170, pixels.shape), pixels)
        grey = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    grey.save(out, format="PNG")
    return out.getvalue()


def fresh6_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh6 report; the truths are edited in place to what is printed."""
    from reportlab.lib.pagesizes import A4, letter

    keys = {id(t): _first_name(t) for t in truth}
    region = "us" if not uk else rng.choice(["uk", "eu"])
    thousands = region == "us" and rng.random() < 0.5
    flag_style = None if region == "uk" else "arrow" if region == "eu" else rng.choice(["star", "bang", "letter-a", "word"])
    _prepare(rng, truth, keys, region, flag_style, thousands)
    designs = ["ruled", "under", "discharge", "landscape", "dual"]
    if layout == "us-table":
        return page_pdf(rng, person, truth, keys, region=region, design=rng.choice(designs), thousands=thousands), "pdf"
    if layout == "uk-fixed":
        return fixed_pdf(rng, person, truth, region), "pdf"
    if layout == "clinic-slip":
        return slip_pdf(rng, person, truth, region, thousands), "pdf"
    if layout == "two-column":
        return two_column_pdf(rng, person, truth, region), "pdf"
    if layout == "portal-text":
        return portal_text(rng, person, truth, region), "text"
    if layout == "phone-photo":
        look = rng.choice(["sleeve", "hand", "low-light"])
        design = rng.choice(["ruled", "under", "discharge"])
        dpi = rng.randint(170, 210)
        page = render_pages(page_pdf(rng, person, truth, keys, region=region, design=design, thousands=thousands), dpi)[0]
        if look == "sleeve":
            return sleeve_photo(page, rng, row_px=12 * dpi / 72), "image"
        return (hand_photo(page, rng) if look == "hand" else low_light_photo(page, rng)), "image"
    if layout == "scanned-pdf":
        look = rng.choice(["colour", "photocopy"])
        design = rng.choice(designs)
        pdf = page_pdf(rng, person, truth, keys, region=region, design=design, thousands=thousands,
                       colour=look == "colour", watermark=look == "colour")
        if look == "colour":
            image = colour_scan(render_pages(pdf, 300)[0], rng)
        else:
            image = photocopy(render_pages(pdf, rng.randint(200, 240))[0], rng)
        from reportlab.lib.pagesizes import landscape

        paper = letter if region == "us" else A4
        return image_pages_pdf([image], *(landscape(paper) if design in ("landscape", "dual") else paper)), "pdf"
    raise ValueError(layout)
