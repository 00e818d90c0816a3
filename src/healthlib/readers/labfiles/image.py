"""A photo or scan of a report, cleaned and read by Debian's tesseract OCR (runs in the reading child).

The image is turned upright from its EXIF orientation, made grey, scaled so letters are a size
tesseract reads well, evened out (each pixel against the paper around it, which removes shadows
and uneven light), straightened by a projection-profile search for the angle at which its text
rows are sharpest, and cleared of table rules. OCR words holding digits that tesseract is not
confident about are marked, so their line goes to "not read" instead of being guessed.
"""

from __future__ import annotations

import io
import warnings

from healthlib.model.errors import UnreadableReport

from .layout import Word, merge_rows

MAX_PIXELS = 40_000_000
OCR_TIME_LIMIT = 30.0  # seconds tesseract may take on one page (about 3 s when the machine is idle)
TARGET_WIDTH = 2400  # pixels across a page after scaling: letters ~30 px high
MIN_CONFIDENCE = 80  # tesseract's 0-100 word confidence; below it a word with digits is not trusted
# (on the corpus, digits read wrongly - a lost decimal point - came with confidences of 77 and less)
UNSURE = "\u2047"  # "⁇" stands in for a word OCR could not read with confidence


def image_lines(data: bytes) -> list[str]:
    """Runs in the reading child: decode with the size guard, clean, OCR."""
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UnreadableReport(f"is {width * height / 1e6:.0f} megapixels; the limit is "
                                       f"{MAX_PIXELS // 1_000_000}")
            image = ImageOps.exif_transpose(image)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UnreadableReport(f"is larger than {MAX_PIXELS // 1_000_000} megapixels") from None
        except (OSError, SyntaxError, ValueError):
            raise UnreadableReport("is damaged or not an image this reader understands") from None
    return ocr_lines(prepare(image))


def prepare(image):
    """Grey, scaled, evened out, straightened, rules removed: what tesseract reads best."""
    import numpy as np
    from PIL import Image, ImageFilter, ImageOps

    grey = ImageOps.grayscale(image.convert("RGB") if image.mode not in ("L", "RGB") else image)
    scale = TARGET_WIDTH / grey.width
    if scale > 1.15 or scale < 0.6:
        scale = min(scale, 3.0)
        grey = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))),
                           Image.Resampling.LANCZOS)
    # flatten uneven light (a phone's shadow): ink is what is much darker than the paper near it
    background = grey.filter(ImageFilter.GaussianBlur(radius=max(grey.width // 80, 8)))
    ratio = np.asarray(grey, dtype=np.float32) / np.maximum(np.asarray(background, dtype=np.float32), 1.0)
    ink = Image.fromarray(np.where(ratio < _otsu(ratio), 255, 0).astype(np.uint8))
    angle = skew_angle(ink)
    # tesseract gets the evened-out grey page (its letters read better anti-aliased than cut to
    # black and white), straightened, with table rules and borders painted out
    page = Image.fromarray(np.clip(ratio * 255, 0, 255).astype(np.uint8))
    if abs(angle) >= 0.2:
        page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        ink = ink.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=0)
    dark = np.asarray(ink) > 127
    pixels = np.asarray(page).copy()
    pixels[dark & ~_without_rules(dark)] = 255
    return Image.fromarray(pixels)


def _otsu(ratio) -> float:
    """The ink/paper cut between 0.4 and 0.72 of the local paper brightness (Otsu's method)."""
    import numpy as np

    values = np.clip(ratio, 0.0, 1.2)
    hist, edges = np.histogram(values, bins=120, range=(0.0, 1.2))
    mids = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * mids)
    total, total_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between)
    allowed = (mids >= 0.4) & (mids <= 0.72)
    return float(mids[allowed][np.argmax(between[allowed])])


def _without_rules(ink):
    """Drop table rules and borders: dark runs far longer than any letter, across or down."""
    import numpy as np

    def long_runs(mask, length: int):
        # the length of the dark run through each pixel, counted both ways along its row
        def forward(m):
            count = np.cumsum(m, axis=1, dtype=np.int32)
            last_reset = np.maximum.accumulate(np.where(m, 0, count), axis=1)
            return count - last_reset
        # a rule photographed at a slight slant steps by a pixel now and then: join its steps
        thick = mask.copy()
        thick[1:] |= mask[:-1]
        thick[:-1] |= mask[1:]
        run = forward(thick) + forward(thick[:, ::-1])[:, ::-1] - 1
        return mask & (run >= length)

    length = max(ink.shape[1] // 25, 60)
    rules = long_runs(ink, length) | long_runs(ink.T, length).T
    return ink & ~rules


def skew_angle(ink, *, limit: float = 10.0) -> float:
    """The rotation (degrees) that makes text rows horizontal: where the row-sum profile of the
    ink is sharpest (largest variance), coarse then fine."""
    import numpy as np
    from PIL import Image

    ink = ink.copy()  # white text on black
    ink.thumbnail((900, 900))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0),
                          dtype=np.float32).sum(axis=1)
        return float(np.var(np.diff(rows)))

    best = max((a / 2 for a in range(int(-limit * 2), int(limit * 2) + 1)), key=sharpness)
    return max((best + a / 10 for a in range(-5, 6)), key=sharpness)


def ocr_lines(grey) -> list[str]:
    """OCR one prepared page into text lines; digits read with low confidence are marked unsure.

    tesseract is run directly, the image piped to its stdin and its word table read from its
    stdout (pytesseract would write the image to a temporary file, and a report must never touch
    the disk). `--psm 4`: one column of rows of varying size, which keeps a table's row together.
    """
    import subprocess

    buffer = io.BytesIO()
    grey.save(buffer, format="PNG")
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "4", "--dpi", "300", "-l", "eng", "tsv"],
                              input=buffer.getvalue(), capture_output=True, timeout=OCR_TIME_LIMIT, check=False)
    except subprocess.TimeoutExpired:
        raise UnreadableReport(f"took longer than {OCR_TIME_LIMIT:g} s to read by OCR") from None
    except FileNotFoundError:
        raise UnreadableReport("reading photos needs Debian's tesseract-ocr, which is not installed") from None
    if done.returncode != 0:
        raise UnreadableReport("could not be read by OCR; it may be damaged")
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        level, page, block, par, line, word, left, top, width, height, conf, text = cells[:12]
        text = text.strip()
        if float(conf) < MIN_CONFIDENCE and any(c.isdigit() for c in text):
            text = UNSURE
        x, y = int(left), int(top)
        lines.setdefault((block, par, line), []).append(Word(text, x, x + int(width), y, y + int(height)))
    # tesseract follows each text row along its slant; join the pieces of one row
    return merge_rows(list(lines.values()))
