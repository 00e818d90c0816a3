"""fresh5: the fifth held-out set of generated lab reports, written without reading the readers and
never tuned on (`"fresh5-tune"` draws the same looks from other seeds, for tuning).

`corpus.make_report` hands both variants here after drawing the person and the results, so every
random draw below happens only for them and the older sets come out byte for byte as before.
Each page function edits the truths in place to what it prints. Looks no earlier set has:

- tables with the unit in the value's cell ("5.4 mmol/L"), a "Previous result" column beside the
  current one, separate lower and upper limit columns (one blank for a one-sided range), dark
  LabCorp-like section bars, italic test names, a comment line under some results, ranges written
  "3.5 to 5.1", "Normal: 3.5-5.1" or "3.5-5.1 mmol/L", UK "Normal range" headings, Australian /
  Canadian SI reports with flags, and reports running onto a second page with the header repeated;
- a UK fixed-width report with a previous-result column and comment lines; a 58 mm thermal slip
  with each result on two lines; two side-by-side panels under their own heading bars; portal text
  copied as stacked blocks, as a CSV export, or as "name: value (ref ...)" lines;
- phone photos of a page lying on a wooden, dark or fabric surface with its edge in view, a thumb
  on a margin, a curled corner, warm or daylight light with the phone's soft shadow, focus falling
  off to one side, HEIC-like chroma noise, 1200-3600 px long sides, now and then taken sideways
  (turned 90 degrees); screenshots (PNG) and screen photos of a patient-portal page;
- scans: fax-like black and white at 100-150 dpi under a fax header line, crooked 1-3 degree scans
  with a dark scanner-lid border, hole-punch shadows, a received stamp and hand ticks in the margin,
  and two-page image PDFs.
"""

from __future__ import annotations

import io
import random

from .corpus import Person, Truth, _canvas, _font

# body fonts (and the italic of each for test names); none is a body font of an earlier set
FONTS = {"Times-Bold": "Times-BoldItalic", "LiberationSans-Bold": "LiberationSans-BoldItalic",
         "DejaVuSans-Bold": "DejaVuSans-BoldOblique"}
_STANDARD = {"Times-Bold", "Times-BoldItalic", "Helvetica", "Helvetica-Bold", "Courier", "Courier-Bold"}
SI_NAMES = {  # names Australian / Canadian SI reports print, by the test's first US name
    "Glucose": "Glucose (fasting)", "Creatinine": "Creatinine", "eGFR": "eGFR", "Hemoglobin": "Haemoglobin",
    "Cholesterol, Total": "Cholesterol", "Vitamin D, 25-Hydroxy": "Vitamin D (25-OH)", "Ferritin": "Ferritin",
    "Alkaline Phosphatase": "ALP", "Bilirubin, Total": "Bilirubin (total)", "Carbon Dioxide, Total": "Bicarbonate",
    "Calcium": "Calcium (corrected)", "Protein, Total": "Protein (total)", "BUN": "Urea"}
PANELS = {False: ["CHEMISTRY", "COMPLETE BLOOD COUNT", "LIPIDS", "THYROID AND OTHER"],
          True: ["BIOCHEMISTRY", "HAEMATOLOGY", "LIPIDS", "ENDOCRINE AND OTHER"]}
_PANEL_OF = {  # which section a test is printed under (chemistry when not listed), by its first US name
    **dict.fromkeys(["Hemoglobin", "Hematocrit", "WBC", "Platelets", "MCV", "INR"], 1),
    **dict.fromkeys(["Cholesterol, Total", "LDL Cholesterol", "HDL Cholesterol", "Triglycerides"], 2),
    **dict.fromkeys(["TSH", "Free T4", "Hemoglobin A1c", "Vitamin D, 25-Hydroxy", "Vitamin B12", "Ferritin",
                     "PSA, Total", "Urine Protein"], 3)}
COMMENTS = ["Comment: fasting sample.", "Comment: repeat test advised in 3 months.",
            "Note: sample slightly haemolysed.", "Comment: result checked and confirmed.",
            "Note: please interpret with clinical findings."]


def _face(name: str) -> str:
    """A reportlab font name: standard fonts as they are, TrueType fonts registered from disk."""
    return name if name in _STANDARD else _font(name)


def _n(x: float) -> str:
    return f"{x:g}"


def _ref(t: Truth, form: str) -> str:
    """The reference range in one of fresh5's forms; the numbers are the truth's."""
    if t.range_text:
        return t.range_text
    low, high, unit = t.range_low, t.range_high, t.unit or ""
    if low is not None and high is not None:
        text = {"to": f"{_n(low)} to {_n(high)}", "normal": f"Normal: {_n(low)}-{_n(high)}",
                "unit": f"{_n(low)}-{_n(high)} {unit}"}[form]
    elif low is not None:
        text = {"to": f">= {_n(low)}", "normal": f"Normal: >{_n(low)}", "unit": f">{_n(low)} {unit}"}[form]
    elif high is not None:
        text = {"to": f"<= {_n(high)}", "normal": f"Normal: <{_n(high)}", "unit": f"<{_n(high)} {unit}"}[form]
    else:
        text = ""
    return text.strip()


def _previous(rng: random.Random, t: Truth) -> str:
    """An earlier result of the same test (never the truth): near the current value, same places."""
    if t.range_text or not t.value_text[0].isdigit():
        return t.value_text if t.range_text else "-"
    places = len(t.value_text.split(".")[1]) if "." in t.value_text else 0
    return f"{float(t.value_text) * rng.uniform(0.8, 1.2):.{places}f}"


def _header(c, person: Person, x: float, y: float, font: str, size: float, uk: bool, page: str) -> float:
    """The patient block, printed on every page."""
    c.setFont(font, size)
    lines = [f"Patient: {person.name}    DOB: {person.dob}", f"{'NHS No' if uk else 'MRN'}: {person.mrn}    {page}",
             f"Address: {person.address}    Phone: {person.phone}", f"Collected: {person.dob[:6]}2024 07:40"]
    for line in lines:
        c.drawString(x, y, line)
        y -= size * 1.45
    return y


def _first_name(t: Truth) -> str:
    """The test's first US name (the key of the tables above), from the name drawn for it."""
    from .corpus import TESTS

    return next(x for x in TESTS if t.printed_name in (*x.us_names, *x.uk_names, *x.short)).us_names[0]


def _si(truth: list[Truth]) -> None:
    """Australian / Canadian names for the SI tests they differ on."""
    for t in truth:
        t.printed_name = SI_NAMES.get(_first_name(t), t.printed_name)


def table_pdf(rng: random.Random, person: Person, truth: list[Truth], panel: dict[int, int], *, region: str,
              pages: int = 1, fax_line: bool = False) -> bytes:
    """A results table in one of fresh5's designs; `region` is "us", "uk" (no flags, "Normal range")
    or "si" (SI units with flags); `pages` 2 continues the table on a second page."""
    from reportlab.lib.pagesizes import A4, letter

    buf = io.BytesIO()
    width, height = letter if region == "us" else A4
    c = _canvas(width, height, buf)
    body = rng.choice(sorted(FONTS))
    font = _face(body)
    name_font = _face(FONTS[body]) if rng.random() < 0.5 else font
    size = rng.choice([8.5, 9.5, 10.5])
    design = rng.choice(["bars", "unit-cell", "bounds"])
    form = rng.choice(["to", "normal", "unit"]) if design != "bounds" else "bounds"
    previous = design == "bars" or rng.random() < 0.3
    flags = region != "uk"
    range_head = {"uk": "Normal range", "si": "Reference interval", "us": "Reference Interval"}[region]
    heads = ["Test", "Result" if design == "unit-cell" else "Current Result", *(["Flag"] if flags else []),
             *(["Previous Result"] if previous else []), *(["Units"] if form not in ("unit",) and design != "unit-cell" else []),
             *(["Low", "High"] if design == "bounds" else [range_head])]
    rows = []
    for t in truth:
        unit = t.unit or ""
        value = f"{t.value_text} {unit}".strip() if design == "unit-cell" else t.value_text
        cells = [t.printed_name, value, *([t.flag or ""] if flags else []),
                 *([_previous(rng, t)] if previous else [])]
        if design != "unit-cell" and form != "unit":
            cells.append(unit)
        if design == "bounds":
            cells += [t.range_text or ("" if t.range_low is None else _n(t.range_low)),
                      "" if t.range_high is None or t.range_text else _n(t.range_high)]
        else:
            cells.append(_ref(t, form))
        rows.append(cells)
    gap = size * rng.uniform(1.8, 2.8)
    widths = [max(c.stringWidth(cell, font, size) for cell in col) for col in zip(heads, *rows, strict=True)]
    while sum(widths) + (len(widths) - 1) * size * 1.2 > width - 100:  # too wide for the page: smaller type
        widths = [w * (size - 0.5) / size for w in widths]
        size -= 0.5
    gap = min(gap, (width - 100 - sum(widths)) / (len(widths) - 1))
    xs = [50.0]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    comments = set(rng.sample(range(len(rows)), rng.randint(0, 2)))
    grey_rows = rng.random() < 0.4
    split = round(len(rows) * rng.uniform(0.55, 0.7)) if pages == 2 else len(rows)
    line_gap = size * rng.uniform(1.6, 2.0)
    title = {"us": "LABORATORY REPORT", "uk": "Pathology Report", "si": "Pathology Results - Final Report"}[region]
    for page, (start, stop) in enumerate([(0, split), (split, len(rows))][:pages], start=1):
        if fax_line:  # the fax machine's line across the top
            c.setFont("Courier", 7.5)
            c.drawString(30, height - 18, f"FROM: CITY PATHOLOGY LAB   FAX 555-0148   12/03/2024 09:{14 + page:02d}"
                                          f"   P.{page:03d}/{pages:03d}")
        c.setFont(_face(body), 13)
        c.drawString(50, height - 48, title if page == 1 else f"{title} (continued)")
        y = _header(c, person, 50, height - 70, font, 8.5, region != "us", f"Page {page} of {pages}") - 10
        c.setFillGray(0.85)
        c.rect(46, y - size * 0.45, width - 92, size * 1.5, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(font, size)
        for x, h in zip(xs, heads, strict=True):
            c.drawString(x, y, h)
        y -= size * 2.0
        for i in range(start, stop):
            section = panel[id(truth[i])]
            if design == "bars" and (i == start or section != panel[id(truth[i - 1])]):  # a dark section bar
                c.setFillGray(0.2)
                c.rect(46, y - size * 0.4, width - 92, size * 1.4, stroke=0, fill=1)
                c.setFillGray(1)
                c.setFont(font, size)
                c.drawString(52, y, PANELS[region != "us"][section])
                c.setFillGray(0)
                y -= line_gap
            if grey_rows:  # every row on a light grey band, white lines between
                c.setFillGray(0.9)
                c.rect(46, y - size * 0.45, width - 92, size * 1.45, stroke=0, fill=1)
                c.setFillGray(0)
            for col, (x, cell) in enumerate(zip(xs, rows[i], strict=True)):
                c.setFont(name_font if col == 0 else font, size)
                c.drawString(x, y, cell)
            y -= line_gap
            if i in comments:  # a comment line under the result, indented
                c.setFont(font, size - 1.5)
                c.drawString(xs[0] + 14, y + size * 0.3, rng.choice(COMMENTS))
                y -= line_gap * 0.8
        c.setFont(font, 8)
        c.drawString(50, 40, f"Page {page} of {pages}" + ("    Results continue on the next page" if page < pages else ""))
        c.showPage()
    c.save()
    return buf.getvalue()


def fixed_pdf(rng: random.Random, person: Person, truth: list[Truth]) -> bytes:
    """A UK fixed-width report: Test, Result, Previous, Normal range, Units; comment lines under some."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    c = _canvas(*A4, buf)
    height = A4[1]
    mono = _face(rng.choice(["Courier", "Courier-Bold"]))
    size = rng.choice([8.0, 9.0, 10.0])
    y = _header(c, person, 36, height - 50, mono, 8.5, True, "Page 1 of 1") - 12
    form = rng.choice(["to", "normal"])
    name_w = max(len(t.printed_name) for t in truth) + 2
    ref_w = max(len(_ref(t, form)) for t in truth) + 2
    c.setFont(mono, size)
    c.drawString(36, y, f"{'Test':<{name_w}}{'Result':>8}  {'Previous':>8}  {'Normal range':<{ref_w}}Units")
    y -= size * 1.2
    c.drawString(36, y, "-" * (name_w + 22 + ref_w + 8))
    y -= size * 1.6
    comments = set(rng.sample(range(len(truth)), 2))
    for i, t in enumerate(truth):
        c.drawString(36, y, f"{t.printed_name:<{name_w}}{t.value_text:>8}  {_previous(rng, t):>8}  "
                            f"{_ref(t, form):<{ref_w}}{t.unit or ''}")
        y -= size * 1.45
        if i in comments:
            c.drawString(36, y, f"    {rng.choice(COMMENTS)}")
            y -= size * 1.45
    c.drawString(36, y - 12, "*** End of report ***")
    c.save()
    return buf.getvalue()


def slip_pdf(rng: random.Random, person: Person, truth: list[Truth]) -> bytes:
    """A 58 mm thermal slip: each result on two lines (the name, then value, unit, range and flag)."""
    from reportlab.lib.units import mm

    buf = io.BytesIO()
    width, height = 58 * mm, (70 + 11 * len(truth)) * mm
    c = _canvas(width, height, buf)
    mono = _face(rng.choice(["Courier-Bold", "DejaVuSansMono-Bold"]))
    c.setFont(mono, 7)
    y = height - 18
    for line in ["RAPID CARE CLINIC LAB", f"{person.name}", f"DOB {person.dob}", f"ID {person.mrn}",
                 f"{person.phone}", f"{person.address}", "-" * 30]:
        c.drawString(6, y, line)
        y -= 9
    form = rng.choice(["to", "normal"])
    for t in truth:
        t.printed_name = t.printed_name.upper()
        c.drawString(6, y, t.printed_name)
        y -= 9
        flag = f" {t.flag}" if t.flag else ""
        c.drawString(14, y, f"{t.value_text} {t.unit or ''}{flag}".replace("  ", " "))
        y -= 9
        c.drawString(14, y, f"({_ref(t, form)})")
        y -= 13
    c.drawString(6, y, "-" * 30)
    c.save()
    return buf.getvalue()


def panels_pdf(rng: random.Random, person: Person, truth: list[Truth], panel: dict[int, int]) -> bytes:
    """Two columns of results side by side, each section under a heading bar: name | value and unit |
    normal range."""
    from reportlab.lib.pagesizes import A4

    buf = io.BytesIO()
    width, height = A4
    c = _canvas(width, height, buf)
    body = rng.choice(sorted(FONTS))
    font, name_font = _face(body), _face(FONTS[body])
    y0 = _header(c, person, 40, height - 50, font, 8.5, True, "Page 1 of 1") - 14
    size = rng.choice([7.5, 8.0])
    form = rng.choice(["to", "normal"])
    half = (len(truth) + 1) // 2

    def widest(texts, face):
        return max(c.stringWidth(text, face, size) for text in texts)

    while True:  # the three cells of a column side by side within its 255 points, else smaller type
        name_w = widest([t.printed_name for t in truth], name_font) + 8
        value_w = widest([f"{t.value_text} {t.unit or ''}" for t in truth], font) + 8
        if name_w + value_w + widest([_ref(t, form) for t in truth], font) <= 255 or size <= 6:
            break
        size -= 0.5
    for col, part in enumerate((truth[:half], truth[half:])):
        x, y = 40 + col * 265, y0
        for i, t in enumerate(part):
            if i == 0 or panel[id(t)] != panel[id(part[i - 1])]:  # a heading bar over each section
                c.setFillGray(0.25)
                c.rect(x - 3, y - 3, 255, 13, stroke=0, fill=1)
                c.setFillGray(1)
                c.setFont(font, 8.5)
                c.drawString(x, y, PANELS[True][panel[id(t)]])
                c.setFillGray(0)
                y -= 18
            c.setFont(name_font, size)
            c.drawString(x, y, t.printed_name)
            c.setFont(font, size)
            c.drawString(x + name_w, y, f"{t.value_text} {t.unit or ''}".strip())
            c.drawString(x + name_w + value_w, y, _ref(t, form))
            y -= 14
    c.save()
    return buf.getvalue()


def portal_text(rng: random.Random, person: Person, truth: list[Truth]) -> bytes:
    """Text copied from a portal: stacked blocks, a CSV export, or "name: value (ref ...)" lines."""
    look = rng.choice(["stacked", "csv", "colon"])
    words = {"H": "High", "L": "Low", "HH": "High", "LL": "Low", "A": "Abnormal"}
    lines = [f"{person.name}", f"Date of birth: {person.dob}   MRN: {person.mrn}", f"{person.address}   {person.phone}", ""]
    if look == "csv":
        lines.append('"Test","Result","Units","Reference Range","Flag"')
    for t in truth:
        unit = t.unit or ""
        if look == "stacked":
            flag = f" ({words[t.flag]})" if t.flag else ""
            lines += [t.printed_name, f"Value: {t.value_text} {unit}".rstrip() + flag,
                      f"Normal range: {_ref(t, 'to')} {unit}".rstrip(), ""]
        elif look == "csv":
            lines.append(",".join(f'"{cell}"' for cell in (t.printed_name, t.value_text, unit, _ref(t, "to"), t.flag or "")))
        else:
            flag = f" {t.flag}" if t.flag else ""
            lines.append(f"{t.printed_name}: {t.value_text} {unit}".rstrip() + f" (ref {_ref(t, 'to')}){flag}")
    if look == "stacked":
        for t in truth:
            t.flag = words[t.flag] if t.flag else None
    lines.append(f"Resulted: {person.dob[:6]}2024 11:02")
    return "\n".join(lines).encode()


def portal_page(rng: random.Random, person: Person, truth: list[Truth], scale: float):
    """A patient-portal page as a browser shows it (tabs, address bar, menu), rendered to an image;
    flags as the words "High" / "Low"."""
    from .corpus import render_pdf

    words = {"H": "High", "L": "Low", "HH": "High", "LL": "Low", "A": "Abnormal"}
    buf = io.BytesIO()
    width, height = 1280, 300 + 34 * len(truth)
    c = _canvas(width, height, buf)
    font, bold = _face("DejaVuSans-Bold"), _face("LiberationSans-Bold")
    c.setFillColorRGB(0.87, 0.89, 0.92)
    c.rect(0, height - 70, width, 70, stroke=0, fill=1)  # browser chrome
    c.setFillColorRGB(1, 1, 1)
    c.roundRect(120, height - 60, 700, 26, 12, stroke=0, fill=1)
    c.setFillColorRGB(0.3, 0.3, 0.3)
    c.setFont(font, 12)
    c.drawString(140, height - 52, "https://portal.cityhealth.example/results/lab")
    c.setFillColorRGB(0.12, 0.3, 0.55)
    c.rect(0, 0, 200, height - 70, stroke=0, fill=1)  # the portal's menu
    c.setFillColorRGB(1, 1, 1)
    for i, item in enumerate(["Home", "Messages", "Test Results", "Appointments", "Billing"]):
        c.drawString(24, height - 120 - 36 * i, item)
    c.setFillColorRGB(0.1, 0.1, 0.1)
    c.setFont(bold, 20)
    c.drawString(240, height - 115, "Test Results")
    c.setFont(font, 12)
    c.drawString(240, height - 140, f"{person.name}   DOB {person.dob}   MRN {person.mrn}")
    c.drawString(240, height - 158, f"{person.address}   {person.phone}")
    cols = [240, 560, 760, 1010]
    y = height - 200
    c.setFont(bold, 13)
    for x, h in zip(cols, ["Component", "Your Value", "Standard Range", "Flag"], strict=True):
        c.drawString(x, y, h)
    y -= 32
    c.setFont(font, 13)
    for t in truth:
        c.setStrokeColorRGB(0.85, 0.86, 0.88)
        c.line(232, y - 10, width - 40, y - 10)
        flag = words.get(t.flag or "", "")
        for x, cell in zip(cols, [t.printed_name, f"{t.value_text} {t.unit or ''}".strip(), _ref(t, "unit"), flag],
                           strict=True):
            red = 0.75 if cell == flag and flag else 0.1  # the flag in red, as portals show it
            c.setFillColorRGB(red, 0.1, 0.1)
            c.drawString(x, y, cell)
        y -= 34
    c.save()
    for t in truth:
        t.flag = words.get(t.flag or "") if t.flag else None
    return render_pdf(buf.getvalue(), dpi=72 * scale)


def _surface(rng: random.Random, np_rng, w: int, h: int):
    """What the page lies on, as float RGB: wood grain, a dark desk, or woven fabric."""
    import numpy as np
    from PIL import Image

    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    kind = rng.choice(["wood", "dark", "fabric"])
    if kind == "wood":
        wobble = np.asarray(Image.fromarray(np_rng.normal(0, 1, (8, 6)).astype(np.float32)).resize(
            (w, h), Image.Resampling.BICUBIC), dtype=np.float32)  # knots and uneven grain
        period = h * rng.uniform(0.012, 0.03)
        grain = np.sin(yy / period + 2.0 * wobble + 1.5 * np.sin(xx / (w * rng.uniform(0.1, 0.25))))
        grain = 0.6 * grain + 0.4 * np.sin(yy / (period * 0.37) + 3.0 * wobble)
        rgb = np.array([150, 98, 58], dtype=np.float32) * rng.uniform(0.6, 1.05) * (0.85 + 0.12 * grain)[..., None]
    elif kind == "dark":
        rgb = np.ones((h, w, 1), dtype=np.float32) * np.array([rng.randint(30, 60)] * 3, dtype=np.float32)
    else:
        weave = 0.9 + 0.08 * np.sin(xx * 1.3) * np.sin(yy * 1.3)
        colour = rng.choice([(60, 70, 110), (110, 110, 105), (70, 95, 70), (120, 60, 60)])
        rgb = np.array(colour, dtype=np.float32) * weave[..., None]
    return rgb + np_rng.normal(0, 5, (h, w, 3)).astype(np.float32)


def _curl(page, rng: random.Random):
    """One right-hand corner of the page lifted a little: shaded towards its tip (a margin only)."""
    import numpy as np

    pixels = np.asarray(page, dtype=np.float32).copy()
    h, w = pixels.shape[:2]
    reach = rng.uniform(0.07, 0.12) * w
    top = rng.random() < 0.5
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    across = ((w - 1 - xx) + (yy if top else h - 1 - yy)) / reach  # 0 at the tip, 1 at the fold
    shade = np.where(across < 1, 0.72 + 0.28 * np.clip(across, 0, 1) ** 0.7, 1.0)
    shade = np.where(np.abs(across - 1) < 0.03, 0.85, shade)  # the fold line
    from PIL import Image

    return Image.fromarray(np.clip(pixels * shade[..., None], 0, 255).astype(np.uint8))


def paper_photo(page, rng: random.Random) -> bytes:
    """A phone photo of the printed page lying on a surface, its edge in view: a small turn and tilt,
    maybe a curled corner and a thumb on a margin, warm or daylight light with the phone's soft
    shadow, focus falling off to one side, HEIC-like chroma noise, sometimes taken sideways."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    from .corpus import _perspective_coefficients

    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    if rng.random() < 0.5:
        page = _curl(page, rng)
    pw, ph = page.size
    fill = rng.uniform(0.74, 0.86)
    fh = int(ph / fill)
    fw = int(fh * 0.75)  # a 4:3 phone frame, held upright
    cx, cy = fw / 2 + rng.uniform(-0.03, 0.03) * fw, fh / 2 + rng.uniform(-0.03, 0.03) * fh
    turn = np.radians(rng.uniform(-1.5, 1.5))
    corners = []
    for x, y in ((-pw / 2, -ph / 2), (-pw / 2, ph / 2), (pw / 2, ph / 2), (pw / 2, -ph / 2)):
        x, y = x * np.cos(turn) - y * np.sin(turn), x * np.sin(turn) + y * np.cos(turn)
        corners.append((cx + x + rng.uniform(-0.008, 0.008) * pw, cy + y + rng.uniform(-0.005, 0.005) * ph))
    coeffs = _perspective_coefficients(corners, [(0, 0), (0, ph), (pw, ph), (pw, 0)])
    sheet = page.convert("RGBA").transform((fw, fh), Image.Transform.PERSPECTIVE, coeffs,
                                           resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0, 0))
    alpha = np.asarray(sheet.getchannel("A"), dtype=np.float32)[..., None] / 255
    shadow = np.asarray(sheet.getchannel("A").filter(ImageFilter.GaussianBlur(0.01 * fw)), dtype=np.float32)
    ground = _surface(rng, np_rng, fw, fh) * (1 - 0.45 * np.roll(shadow, (int(0.006 * fh), int(0.006 * fw)),
                                                                 axis=(0, 1))[..., None] / 255)
    pixels = ground * (1 - alpha) + np.asarray(sheet.convert("RGB"), dtype=np.float32) * alpha
    if rng.random() < 0.45:  # a thumb holding the page down, on a side margin
        hand = Image.new("L", (fw, fh), 0)
        left = rng.random() < 0.5
        edge_x = min(x for x, _ in corners) if left else max(x for x, _ in corners)
        tx = edge_x + (0.005 if left else -0.005) * fw
        ty = rng.uniform(0.6, 0.85) * fh
        rx, ry = 0.05 * fw, 0.045 * fh
        reach = (-fw, tx + rx) if left else (tx - rx, 2 * fw)  # from outside the frame to the tip
        ImageDraw.Draw(hand).rounded_rectangle((reach[0], ty - ry, reach[1], ty + ry), radius=ry, fill=255)
        hand_mask = np.asarray(hand.filter(ImageFilter.GaussianBlur(0.004 * fw)), dtype=np.float32)[..., None] / 255
        skin = np.array(rng.choice([(224, 172, 140), (198, 134, 96), (141, 85, 60), (240, 200, 170)]), dtype=np.float32)
        yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
        rounded = np.clip(1 - ((yy - ty) / ry) ** 2, 0, 1) ** 0.4  # a rounded look across the thumb
        nail = np.clip(1 - ((xx - (tx + (-0.35 if left else 0.35) * rx)) / (0.45 * rx)) ** 2
                       - ((yy - ty) / (0.6 * ry)) ** 2, 0, 1) ** 0.3  # the nail, lighter, near the tip
        skin = skin * (0.7 + 0.3 * rounded[..., None]) + (255 - skin) * 0.3 * nail[..., None]
        pixels = pixels * (1 - hand_mask) + skin * hand_mask
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    side = xx / fw if rng.random() < 0.5 else yy / fh
    light = rng.uniform(0.82, 0.95) * (1 - rng.uniform(0.05, 0.15) * (side if rng.random() < 0.5 else 1 - side))
    if rng.random() < 0.6:  # the phone's soft shadow over part of the page
        phone = Image.new("L", (fw, fh), 0)
        x0, y0 = rng.uniform(0.35, 0.7) * fw, rng.uniform(-0.3, 0.4) * fh
        ImageDraw.Draw(phone).rounded_rectangle((x0, y0, x0 + 0.5 * fw, y0 + 0.7 * fh), radius=0.05 * fw, fill=255)
        soft = np.asarray(phone.filter(ImageFilter.GaussianBlur(0.05 * fw)), dtype=np.float32) / 255
        light = light * (1 - rng.uniform(0.18, 0.3) * soft)
    cast = rng.choice([(1.0, 0.9, 0.74), (1.0, 0.93, 0.82), (0.95, 0.98, 1.0)])  # warm lamp, warm, daylight
    pixels = pixels * light[..., None] * np.array(cast, dtype=np.float32)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    long_side = rng.choice([rng.randint(1300, 1600), rng.randint(2200, 2800), rng.randint(3000, 3600)])
    image = image.resize((int(fw * long_side / fh), long_side), Image.Resampling.LANCZOS)
    image = _focus_falloff(image, rng)
    image = _chroma_noise(image, rng, np_rng)
    if rng.random() < 0.2:  # taken sideways
        image = image.transpose(rng.choice([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270]))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=rng.randint(80, 93))
    return out.getvalue()


def _focus_falloff(image, rng: random.Random):
    """Shallow depth of field: sharp on one side, softer towards the other."""
    import numpy as np
    from PIL import Image, ImageFilter

    w, h = image.size
    soft = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.4) * max(w, h) / 2500))
    ramp = np.linspace(0, 1, w if rng.random() < 0.5 else h, dtype=np.float32)
    ramp = np.clip((ramp - 0.45) / 0.55, 0, 1) * rng.uniform(0.6, 0.9)
    if rng.random() < 0.5:
        ramp = ramp[::-1]
    mask = np.broadcast_to(ramp[None, :], (h, w)) if len(ramp) == w else np.broadcast_to(ramp[:, None], (h, w))
    return Image.composite(soft, image, Image.fromarray((mask * 255).astype(np.uint8)))


def _chroma_noise(image, rng: random.Random, np_rng):
    """Phone (HEIC-like) noise: blotchy colour noise, little brightness noise."""
    import numpy as np
    from PIL import Image

    ycc = np.asarray(image.convert("YCbCr"), dtype=np.float32)
    h, w = ycc.shape[:2]
    blotch = np_rng.normal(0, rng.uniform(5, 10), (h // 6 + 1, w // 6 + 1, 2)).astype(np.float32)
    for i in (0, 1):
        layer = Image.fromarray(blotch[..., i]).resize((w, h), Image.Resampling.BICUBIC)
        ycc[..., i + 1] += np.asarray(layer, dtype=np.float32)
    ycc[..., 0] += np_rng.normal(0, rng.uniform(1.5, 3.5), (h, w)).astype(np.float32)
    return Image.fromarray(np.clip(ycc, 0, 255).astype(np.uint8), mode="YCbCr").convert("RGB")


def screen_photo(screen, rng: random.Random) -> bytes:
    """A photo of a computer screen showing the portal: the dark bezel around it, a slight angle,
    the screen's glow falling off at the edges, softness and noise (no moire)."""
    import numpy as np
    from PIL import Image, ImageFilter

    from .corpus import _perspective_coefficients

    sw, sh = screen.size
    fw, fh = int(sw * 1.18), int(sh * 1.25)
    bezel = Image.new("RGB", (fw, fh), tuple(rng.randint(15, 35) for _ in range(3)))
    ox, oy = (fw - sw) / 2, (fh - sh) / 2
    j = lambda: rng.uniform(-0.02, 0.02) * sw  # noqa: E731 - the angle the phone is held at
    dst = [(ox + j(), oy + j()), (ox + j(), oy + sh + j()), (ox + sw + j(), oy + sh + j()), (ox + sw + j(), oy + j())]
    coeffs = _perspective_coefficients(dst, [(0, 0), (0, sh), (sw, sh), (sw, 0)])
    layer = screen.convert("RGBA").transform((fw, fh), Image.Transform.PERSPECTIVE, coeffs,
                                             resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0, 0))
    bezel.paste(layer, (0, 0), layer)
    pixels = np.asarray(bezel, dtype=np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    glow = 1 - 0.25 * (((xx / fw - 0.5) ** 2 + (yy / fh - 0.5) ** 2) * 2)
    pixels = pixels * glow[..., None] * np.array(rng.choice([(1.0, 0.97, 0.92), (0.93, 0.97, 1.0)]), dtype=np.float32)
    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    image = _chroma_noise(image, rng, np_rng)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=rng.randint(78, 90))
    return out.getvalue()


def _marks(page, rng: random.Random, *, holes: bool, stamp: bool, ticks: bool):
    """Hole-punch shadows, a received stamp and hand ticks, all in the page's margins."""
    from PIL import Image, ImageDraw, ImageFont

    from .corpus import _TTF_DIRS

    page = page.convert("RGB")
    w, h = page.size
    draw = ImageDraw.Draw(page)
    if holes:  # two punched holes at the left margin: the dark scanner lid shows through
        r = 0.017 * w
        for share in (0.3, 0.7):
            x, y = 0.04 * w, share * h
            draw.ellipse((x - r * 1.15, y - r * 1.15, x + r * 1.15, y + r * 1.15), fill=(170, 170, 170))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(55, 55, 55))
    if stamp:
        ink = rng.choice([(190, 40, 45), (40, 60, 160)])
        font = ImageFont.truetype(f"{_TTF_DIRS[0]}/DejaVuSans-Bold.ttf", int(0.022 * w))
        layer = Image.new("RGBA", (int(0.3 * w), int(0.09 * w)), (0, 0, 0, 0))
        ink_draw = ImageDraw.Draw(layer)
        ink_draw.rectangle((2, 2, layer.width - 3, layer.height - 3), outline=(*ink, 200), width=max(2, int(0.003 * w)))
        ink_draw.text((0.06 * layer.width, 0.12 * layer.height), "RECEIVED", font=font, fill=(*ink, 200))
        ink_draw.text((0.06 * layer.width, 0.52 * layer.height), "14 MAR 2024", font=font, fill=(*ink, 200))
        layer = layer.rotate(rng.uniform(-8, 8), expand=True, resample=Image.Resampling.BICUBIC)
        page.paste(layer, (int(rng.uniform(0.62, 0.66) * w), int(rng.uniform(0.005, 0.015) * h)), layer)
    if ticks:  # a reader's hand ticks down the left margin
        pen = rng.choice([(30, 50, 140), (20, 20, 20)])
        for _ in range(rng.randint(2, 4)):
            x, y, s = rng.uniform(0.015, 0.045) * w, rng.uniform(0.35, 0.65) * h, 0.012 * w
            draw.line([(x, y), (x + s * 0.4, y + s * 0.5), (x + s, y - s * 0.6)], fill=pen, width=max(2, int(0.0025 * w)))
    return page


def scan(pages: list, rng: random.Random, fax: bool) -> list[bytes]:
    """Each page image scanned: fax-like black and white, or a crooked grey scan with a dark
    scanner-lid border. Returns PNG or JPEG bytes per page."""
    import numpy as np
    from PIL import Image, ImageFilter

    np_rng = np.random.default_rng(rng.randint(0, 2**31))
    out = []
    holes, stamp, ticks = rng.random() < 0.5, rng.random() < 0.5, rng.random() < 0.5
    turn = rng.choice([-1, 1]) * rng.uniform(1.0, 2.0)
    for page in pages:
        buf = io.BytesIO()
        if fax:  # fed in a little crooked, one threshold, and specks
            grey = page.convert("L").rotate(turn / 3, resample=Image.Resampling.BICUBIC, fillcolor=255)
            grey = np.asarray(grey.filter(ImageFilter.GaussianBlur(0.4)), dtype=np.float32)
            ink = grey < rng.uniform(150, 175)
            ink |= np_rng.random(grey.shape) < 0.0004
            Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("1").save(buf, format="PNG")
        else:
            page = _marks(page, rng, holes=holes, stamp=stamp, ticks=ticks)
            w, h = page.size
            bed = Image.new("RGB", (int(w * 1.04), int(h * 1.03)), (255, 255, 255))
            bed.paste(page.rotate(turn, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(250, 250, 250)),
                      (int(0.02 * w), int(0.015 * h)))
            pixels = np.asarray(bed, dtype=np.float32)
            dark = rng.randint(25, 60)  # the scanner lid's dark border on two sides
            edge_x, edge_y = int(rng.uniform(0.008, 0.02) * bed.width), int(rng.uniform(0.006, 0.015) * bed.height)
            pixels[:, :edge_x] = dark
            pixels[:edge_y, :] = dark
            pixels = pixels * rng.uniform(0.9, 0.98) + np_rng.normal(0, 3, pixels.shape)
            Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buf, format="JPEG", quality=rng.randint(70, 88))
        out.append(buf.getvalue())
    return out


def image_pages_pdf(images: list[bytes], width: float, height: float) -> bytes:
    """A PDF of scanned page images, one page each, with no text layer."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(width, height, buf)
    for image in images:
        c.drawImage(ImageReader(io.BytesIO(image)), 0, 0, width, height)
        c.showPage()
    c.save()
    return buf.getvalue()


def render_pages(data: bytes, dpi: float) -> list:
    """Every page of a PDF as an RGB image."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()


def fresh5_report(layout: str, rng: random.Random, person: Person, truth: list[Truth], uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a fresh5 report; the truths are edited in place to what is printed."""
    from reportlab.lib.pagesizes import A4, letter

    panel = {id(t): _PANEL_OF.get(_first_name(t), 0) for t in truth}
    truth.sort(key=lambda t: panel[id(t)])  # results printed section by section
    region = "us" if not uk else "uk" if layout in ("uk-fixed", "two-column") or rng.random() < 0.5 else "si"
    if region == "si":
        _si(truth)
    if region == "uk":
        for t in truth:
            t.flag = None  # UK reports print no flags
    if layout == "us-table":
        return table_pdf(rng, person, truth, panel, region=region, pages=1 + (rng.random() < 0.3)), "pdf"
    if layout == "uk-fixed":
        return fixed_pdf(rng, person, truth), "pdf"
    if layout == "clinic-slip":
        return slip_pdf(rng, person, truth), "pdf"
    if layout == "two-column":
        return panels_pdf(rng, person, truth, panel), "pdf"
    if layout == "portal-text":
        return portal_text(rng, person, truth), "text"
    if layout == "phone-photo":
        look = rng.choices(["paper", "screenshot", "screen"], [0.7, 0.1, 0.2])[0]
        if look == "paper":
            page = table_pdf(rng, person, truth, panel, region=region)
            return paper_photo(render_pages(page, dpi=rng.randint(150, 200))[0], rng), "image"
        screen = portal_page(rng, person, truth, scale=rng.choice([1.0, 1.5]) if look == "screenshot" else 1.25)
        if look == "screen":
            return screen_photo(screen, rng), "image"
        out = io.BytesIO()
        screen.save(out, format="PNG")
        return out.getvalue(), "image"
    if layout == "scanned-pdf":
        fax = rng.random() < 0.4
        pages = 1 + (rng.random() < 0.4)
        page = table_pdf(rng, person, truth, panel, region=region, pages=pages, fax_line=fax)
        images = scan(render_pages(page, dpi=rng.randint(100, 150) if fax else rng.randint(150, 200)), rng, fax)
        return image_pages_pdf(images, *(letter if region == "us" else A4)), "pdf"
    raise ValueError(layout)
