"""A hand-filled form read by position (`labfiles.layout.form_boxes`): handwriting drifts up and down,
so each box's figures and range are found under its own heading, never by the row they share."""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from healthlib.readers.labfiles.layout import Word, form_boxes, words_to_lines
from healthlib.readers.labs.form_grid import box_kind
from healthlib.readers.labs.report import read_report_bytes

# (text, x, y from the top): three boxes a row, the middle box's figures written low, the right box
# empty in the first row; the second row's left box written so high it shares a line with headings
CELLS = [("Hb (g/dL)", 40, 100), ("LDL (mg/dL)", 180, 100), ("WBC (x10E3/uL)", 320, 100),
         ("95", 182, 128), ("Ref 11.5-15.5", 40, 142), ("Ref <100", 180, 142), ("Ref 3.8-10.8", 320, 142),
         ("TRIG (mg/dl)", 40, 190), ("1 1 5", 44, 190 + 14), ("VITD (ng/mL)", 180, 204), ("Ref <150", 40, 218),
         ("8 7", 184, 232), ("Ref 30-100", 180, 246)]


def _form_pdf() -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.setFont("Helvetica", 10)
    page.drawString(40, A4[1] - 60, "COMMUNITY HEALTH CHECK - RESULTS FORM")
    for text, x, y in CELLS:
        page.drawString(x, A4[1] - y, text)
    page.drawString(40, A4[1] - 300, "Checked by: ________ Next check due: in 12 months")
    page.save()
    return buffer.getvalue()


def test_each_box_is_read_under_its_own_heading_and_an_empty_box_reads_nothing():
    read = read_report_bytes(_form_pdf(), name="form.pdf")
    got = {r.printed_name: (r.value_text, r.unit, r.range_low, r.range_high) for r in read.lines}
    # before: the drifting rows mixed boxes up and nothing was read
    assert got == {"LDL": ("95", "mg/dL", None, 100.0), "TRIG": ("115", "mg/dl", None, 150.0),
                   "VITD": ("87", "ng/mL", 30.0, 100.0)}


def _words(*cells: tuple[str, float, float]) -> list[Word]:
    out = []
    for text, x, top in cells:
        for k, part in enumerate(text.split(" ")):
            out.append(Word(part, x + 30 * k, x + 30 * k + 6 * len(part), top, top + 10))
    return out


def test_figures_under_no_heading_leave_the_rows_as_they_were():
    words = _words(("Na (mmol/L)", 40, 100), ("K (mmol/L)", 200, 100), ("140", 120, 120), ("Ref 135-145", 40, 140))
    assert words_to_lines(words, box_kind=box_kind) == words_to_lines(words)


def test_two_figures_in_one_box_leave_the_rows_as_they_were():
    words = _words(("Na (mmol/L)", 40, 100), ("K (mmol/L)", 200, 100), ("140", 42, 120), ("138", 42, 135),
                   ("Ref 135-145", 40, 150))
    from statistics import median

    from healthlib.readers.labfiles.layout import _rows

    rows = _rows(words)
    letter = median((w.x1 - w.x0) / len(w.text) for w in words)
    assert form_boxes(rows, letter, box_kind) == rows
