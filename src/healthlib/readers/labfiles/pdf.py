"""A PDF's text, laid out as lines (runs in the reading child). A page with no text layer (a
scan) is rendered with pypdfium2 and read by OCR."""

from __future__ import annotations

import io

from healthlib.model.errors import UnreadableReport

from .layout import Word, words_to_lines

MAX_PAGES = 20
SCAN_DPI = 300
MAX_RENDER_SIDE = 4000  # pixels: a giant page is shrunk, not rendered at full size


def extract_lines(data: bytes) -> tuple[int, list[str]]:
    """Runs in the reading child: (page count, text lines in reading order, whether OCR was used)."""
    import pdfplumber
    import pypdfium2 as pdfium

    # a test's name tells two columns of results from a table's columns (`layout.column_flows`);
    # what a hand-filled form's cell is lays out its boxes (`layout.form_boxes`)
    from healthlib.readers.labs.form_grid import box_kind
    from healthlib.readers.labs.report_text import names_a_test

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableReport("is protected by a password; save or print it without one and "
                                   "try again") from None
        raise UnreadableReport("is damaged or not a PDF this reader understands") from None
    try:
        count = len(doc)
        if count > MAX_PAGES:
            raise UnreadableReport(f"has {count} pages; the limit is {MAX_PAGES}")
        if count == 0:
            raise UnreadableReport("has no pages")
        lines: list[str] = []
        scanned = False  # any page read by OCR
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages):
                words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
                if words:
                    lines.extend(words_to_lines([Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                                                 for w in words], names_a_test, box_kind,
                                                small_figures_apart=True))
                else:
                    lines.extend(_ocr_page(doc[number]))
                    scanned = True
        return count, lines, scanned
    finally:
        doc.close()


def _ocr_page(page) -> list[str]:
    """A scanned page: render it and read it as an image."""
    from PIL import ImageOps

    from .image import (
        FAX_SMOOTHING,
        bridged,
        in_register,
        nozzle_lines,
        read_page,
        smoothed_down,
        without_pen,
    )

    width, height = page.get_size()
    scale = min(SCAN_DPI / 72, MAX_RENDER_SIDE / max(width, height, 1))
    # in colour: channels out of register are put back first (their fringes would also look like a
    # pen's blue), and a pen's blue marks are told from the print by it; a page with neither is read
    # as rendered grey
    colour = page.render(scale=scale).to_pil().convert("RGB")
    registered = in_register(colour)
    cleaned = without_pen(registered if registered is not None else colour)
    if cleaned is None and registered is not None:
        cleaned = ImageOps.grayscale(registered)
    image = cleaned if cleaned is not None else page.render(scale=scale, grayscale=True).to_pil()
    if (fax := _fax_lines(page, image)) is not None:  # a standard-resolution fax's doubled lines, smoothed
        image = smoothed_down(image, FAX_SMOOTHING * fax)
    if (cut := nozzle_lines(image)) is not None:  # a clogged inkjet's white lines across the letters, bridged
        image = bridged(image, cut)
    return read_page(image)


def _fax_lines(page, rendered) -> float | None:
    """Rendered rows to one of the page's own when the page is one picture, upright, whose rows
    come in pairs (`image.rows_in_pairs`: a standard-resolution fax); otherwise None. Measured on the
    picture as stored: rendering at another scale blends each pair into its neighbours."""
    import pypdfium2 as pdfium

    from .image import rows_in_pairs

    pictures = [o for o in page.get_objects() if isinstance(o, pdfium.PdfImage)]
    if len(pictures) != 1:
        return None
    stored = pictures[0].get_bitmap().to_pil()
    upright = abs(stored.height / stored.width - rendered.height / rendered.width) < 0.05 * rendered.height / rendered.width
    if not upright or not rows_in_pairs(stored.convert("L")):
        return None
    return rendered.height / stored.height
