"""A photo or scan of a report, cleaned and read by Debian's tesseract OCR (runs in the reading child).

The image is turned upright from its EXIF orientation (a standard-resolution fax's doubled lines
smoothed, `rows_in_pairs`), made grey (light text on a dark-mode screen
inverted to dark on light, `polarity.is_light_on_dark`), the page found on the desk and
flattened (`page.flatten_page`: a photo taken at an angle), scaled so letters are a size
tesseract reads well, evened out (each pixel against the paper around it, which removes shadows,
zebra shading and uneven light), turned a quarter or half turn if its text lies sideways or upside
down (`orient.upright_turn`), turned by the median slant of its text and its rows' remaining
curves levelled in the same resampling (`dewarp.level_rows`: a lens's bulge, a page photographed
at an angle), and cleared of table rules. Marks tesseract's page layout passed over between the
words of a row (a column of one-letter flags) are read on their own (`missed_words`). OCR words
holding digits that tesseract is not confident about are marked, so their line goes to "not read"
instead of being guessed. A row the text reader would not read is cut out and read again five
ways, and kept only when two agree on the row, or on each word first read unsure (`reread_rows`).
A photo holding a faint second copy of the page a few pixels away (a hand that moved once in a long
exposure) is read again with the copy taken out (`double_image`).
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from healthlib.model.errors import UnreadableReport

from .dewarp import MIN_SAMPLES, level_rows, slope_samples
from .layout import Word, join_row, merge_word_rows
from .orient import upright_turn
from .page import flatten_page
from .pdf import MAX_PAGES
from .polarity import is_light_on_dark

MAX_PIXELS = 40_000_000
OCR_TIME_LIMIT = 30.0  # seconds tesseract may take on one page (about 3 s when the machine is idle)
TARGET_WIDTH = 2400  # pixels across a page after scaling: letters ~30 px high
MIN_CONFIDENCE = 80  # tesseract's 0-100 word confidence; below it a word with digits is not trusted
# (on the corpus, digits read wrongly - a lost decimal point - came with confidences of 77 and less)
AGREED_CONFIDENCE = 50  # a doubtful word read the same twice, the second time at least this sure, is kept
# the second read may see only figures and the marks around them: it checks a word's number, and
# letters it cannot make up cannot make a wrong number agree
FIGURES_ONLY = ("-c", "tessedit_char_whitelist=0123456789.,<>=-+()[]")
UNSURE = "\u2047"  # "⁇" stands in for a word OCR could not read with confidence
# a figure word two reads gave with other figures of 0, 6, 8, 9 ("6.9" and "8.9" for "0.9": a
# slashed zero): its row is not read again, as a vote among more reads could settle on the wrong one
CONFLICT = UNSURE * 2


def image_lines(data: bytes) -> list[str]:
    """Runs in the reading child: decode with the size guard, clean, OCR. Every page of a
    multi-page image (a fax or scanner's TIFF) is read, up to the PDF page limit; an iPhone's
    HEIC photo is decoded by pillow-heif."""
    from PIL import Image, ImageOps, ImageSequence
    from pillow_heif import register_heif_opener

    register_heif_opener()
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    lines: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            pages = getattr(image, "n_frames", 1)
            if pages > MAX_PAGES:
                raise UnreadableReport(f"has {pages} pages; the limit is {MAX_PAGES}")
            for frame in ImageSequence.Iterator(image):
                width, height = frame.size
                if width * height > MAX_PIXELS:
                    raise UnreadableReport(f"is {width * height / 1e6:.0f} megapixels; the limit is "
                                           f"{MAX_PIXELS // 1_000_000}")
                page = ImageOps.exif_transpose(frame.copy())
                if rows_in_pairs(page.convert("L")):  # a standard-resolution fax's doubled lines
                    page = smoothed_down(page, FAX_SMOOTHING)
                lines.extend(read_page(page))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UnreadableReport(f"is larger than {MAX_PIXELS // 1_000_000} megapixels") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise UnreadableReport("is damaged or not an image this reader understands") from None
    return lines


# a page whose words tesseract reads with a median confidence below this is read a second time
# smoothed (`read_page`); a clear page (median 90-96) never pays for it
CLEAR_PAGE = 85
GROWN_EDGES = 2  # pixels at TARGET_WIDTH: how far around the cut ink its grey is kept on an unsure page
SMOOTHING = 1.5  # pixels (Gaussian sigma) at TARGET_WIDTH: a letter's stroke is about 3-4 px wide
SMOOTHING_GAIN = 5  # the smoothed reading is kept when its median confidence is this much higher


def read_page(image) -> list[str]:
    """One page's text lines: `prepare`, OCR, and `ocr_lines`. A page whose first reading is
    unsure (median word confidence below CLEAR_PAGE) is prepared again with its grey smoothed
    before the ink is cut (`prepare(smooth=SMOOTHING)`), and the smoothed reading is used when
    tesseract is clearly surer of it. Smoothing closes what a page's own grain breaks up: a
    fax's dithered and stair-stepped letters, a dot-matrix printer's dots, a coarse halftone;
    on a sharp page it only blurs, which the confidence shows, so the page is read as it was.
    A figure of the smoothed reading must agree with the first reading (`_checked_against`)."""
    shared: dict = {}  # the grown page repeats none of the cut page's cleaning (`prepare`)
    page = prepare(image, shared=shared)
    words = _tesseract(page, "4")
    if (ghost := double_image(image)) is not None:
        # a shaken hand's faint second copy of the page, undone: the page read with fewer figures
        # unsure is the one read on (the median confidence barely moves: most words read either way)
        unghosted, unshared = without_ghost(image, *ghost), {}
        page_again = prepare(unghosted, shared=unshared)
        again = _tesseract(page_again, "4")
        if _unsure_figures(again) < _unsure_figures(words):
            image, shared, page, words = unghosted, unshared, page_again, again
    first = _median_confidence(words)
    if first < CLEAR_PAGE and (smear := motion_smear(image)) is not None:
        unsmeared = prepare(without_smear(image, *smear))
        again = _tesseract(unsmeared, "4")
        # kept only when it reads as a clear page, each figure only where the smear undone another
        # way (less sharply, or as a pixel longer) reads it the same: undoing can turn "0.31" into "0.54"
        if _median_confidence(again) >= max(CLEAR_PAGE, first + SMOOTHING_GAIN):
            page, words, first = unsmeared, _smear_checked(image, smear, again), _median_confidence(again)
    if first < CLEAR_PAGE:
        grown = prepare(image, grow=GROWN_EDGES, shared=shared)
        again = _tesseract(grown, "4")
        if _median_confidence(again) >= first + SMOOTHING_GAIN:
            page, words, first = grown, _checked_against(again, words), _median_confidence(again)
    if first < CLEAR_PAGE:
        smoothed = prepare(image, smooth=SMOOTHING)
        again = _tesseract(smoothed, "4")
        if _median_confidence(again) >= first + SMOOTHING_GAIN:
            page, words = smoothed, _checked_against(again, words)
    return ocr_lines(page, words)


# a hand moving while the photo is taken smears each letter along one line, over a few pixels, in
# any direction; along that line the page's brightness changes stay alike over the smear's length
# (the changes' own correlation there is still SMEAR_CORRELATION two pixels on, and lowest at the
# smear's length), while across it a sharp letter's edges are alike for a pixel or two at most (at
# most SMEAR_ACROSS of the correlation along it: a page out of focus is blurred alike both ways)
SMEAR_CORRELATION = 0.1
SMEAR_ACROSS = 0.5
SMEAR_DIRECTIONS = 60  # directions tried over a half turn (3 degrees apart)
MIN_SMEAR, MAX_SMEAR = 4, 15  # pixels of the photo as taken
SMEAR_NOISE = 0.01  # the Wiener filter's noise-to-signal share: a higher one sharpens less and rings less
SMEAR_CHECK_NOISE = 0.03  # a second, less sharp undoing, one of the two that each figure must agree with
SMEAR_AXIS = 1.5  # degrees: a smear this close to the photo's sides is along an axis (`_smear_checked`)


# a blue ballpoint's circles, ticks and notes on a colour scan: pixels whose blue exceeds
# their red and green by PEN_BLUE (printed black ink and grey paper have none) are made paper, unless
# such ink is more than PEN_SHARE of what is marked on the page (a page printed in blue, a carbonless
# copy's bluish letters, a blue-lit photo)
PEN_BLUE = 25
PEN_SHARE = 0.12


def without_pen(image):
    """A scanned page's grey (an RGB image) with a blue pen's marks made paper (see PEN_BLUE); None
    when it holds none to remove. Scans only (`pdf._ocr_page`): a photo's colour is its light's (a
    blue cast, a navy screen)."""
    import numpy as np
    from PIL import Image, ImageOps
    from scipy import ndimage

    pixels = np.asarray(image, dtype=np.float32)
    paper = np.percentile(pixels.reshape(-1, 3)[::17], 90, axis=0)  # a colour cast's paper made white first
    pixels = pixels * (paper.max() / np.maximum(paper, 1.0))
    blue = pixels[..., 2] - np.maximum(pixels[..., 0], pixels[..., 1])
    pen = blue > PEN_BLUE
    if not pen.any():
        return None
    lightness = np.asarray(ImageOps.grayscale(image))
    marked = pen | (lightness < 0.8 * np.percentile(lightness, 90))  # the print and the pen, however faint
    # a carbonless copy's faint blue letters, a navy print's: bluish (half as blue as a pen) are most of it
    if (marked & (blue > PEN_BLUE / 2)).sum() > PEN_SHARE * int(marked.sum()):
        return None
    # a blue badge ("L" on a blue chip) is print, not a pen's stroke: its flag stays on the page
    chips, _ = badges(pen, letter=_letter_height(marked & ~pen))
    pen &= ~ndimage.binary_dilation(chips, iterations=2)
    if not pen.any():
        return None
    return Image.fromarray(np.where(pen, 255, lightness).astype(np.uint8))


# a colour scanner's red, green and blue sensors a few pixels out of register print every stroke three
# times, a little apart; their grey is a smeared, ghosted letter ("mg/dL" read "my/dL", figures unsure)
REGISTER_REACH = 8  # pixels at the scan's resolution a channel may be off the green one
REGISTER_TILE = 512  # pixels: the side of the square, the one with the most ink, the offsets are measured on
REGISTER_MIN = 2  # pixels: a smaller offset (a JPEG's halved colour detail can show one) is left as it is


def in_register(image):
    """A colour scan (an RGB image) with its red and blue channels moved back over its green one,
    each by the offset that lines its strokes up best (the peak of their cross-correlation on the
    inkiest tile, within REGISTER_REACH); None when they are in register already. Scans only
    (`pdf._ocr_page`): a lens's colour fringes grow towards a photo's corners, no one offset."""
    import numpy as np
    from PIL import Image, ImageChops, ImageOps

    tile = min(REGISTER_TILE, image.height, image.width)
    if tile <= 4 * REGISTER_REACH:
        return None
    # the ink in each tile-sized square, every quarter tile, on a copy an eighth the size: the inkiest one
    small = 8
    dark = np.asarray(ImageOps.grayscale(image).reduce(small)) < 128
    area = np.pad(dark.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    side, step = tile // small, tile // small // 4
    ys, xs = np.arange(0, dark.shape[0] - side + 1, step), np.arange(0, dark.shape[1] - side + 1, step)
    ink = area[ys[:, None] + side, xs[None, :] + side] - area[ys[:, None], xs[None, :] + side] \
        - area[ys[:, None] + side, xs[None, :]] + area[ys[:, None], xs[None, :]]
    top, left = np.unravel_index(int(np.argmax(ink)), ink.shape)
    box = (int(xs[left]) * small, int(ys[top]) * small, int(xs[left]) * small + tile, int(ys[top]) * small + tile)
    square = np.asarray(image.crop(box), dtype=np.float32)
    green = np.conj(np.fft.rfft2(square[..., 1] - square[..., 1].mean()))
    channels = list(image.split())
    moved = False
    for channel in (0, 2):
        # how well the channel, moved by each offset, matches the green: its cross-correlation, the
        # offsets within reach brought round to the middle
        match = np.fft.irfft2(np.fft.rfft2(square[..., channel] - square[..., channel].mean()) * green, s=(tile, tile))
        near = np.roll(match, (REGISTER_REACH, REGISTER_REACH), axis=(0, 1))[:2 * REGISTER_REACH + 1, :2 * REGISTER_REACH + 1]
        down, across = (int(i) - REGISTER_REACH for i in np.unravel_index(int(np.argmax(near)), near.shape))
        if max(abs(down), abs(across)) >= REGISTER_MIN:
            channels[channel] = ImageChops.offset(channels[channel], -across, -down)
            moved = True
    return Image.merge("RGB", channels) if moved else None


# a hand that moves once during a long exposure leaves a faint second copy of the page a few pixels
# away (a double image): every stroke has a fainter twin at one offset. The sharpened page's
# (Laplacian's) correlation with itself then has a peak at that offset standing GHOST_PEAK above
# its neighbours (a clear page's at most 0.05), while twice as far it has none (below GHOST_ONCE:
# a halftone's or a fax's doubled rows repeat at every multiple of their period)
GHOST_REACH = 6  # pixels of the photo as taken: the farthest offset looked for
GHOST_PEAK = 0.07
GHOST_ONCE = 0.02
GHOST_TILE = 1024  # pixels: the side of the middle square measured
GHOST_WEIGHTS = [w / 100 for w in range(10, 46, 2)]  # the second copy's share of the light tried


def double_image(image) -> tuple[int, int, float] | None:
    """(down, across, weight) of a faint second copy of the page `down` and `across` pixels from
    the first with `weight` of the light (under a half), or None. The weight is the one whose
    undoing leaves no peak at the offset (a page's own strokes correlate a little there too, so it
    comes out low: about 0.15-0.2 for a copy of 0.3, which still takes most of the copy out); which
    copy is the fainter is the one whose undoing leaves the sharper page (less Laplacian in all:
    taking out the brighter copy instead smears every stroke further)."""
    import numpy as np
    from scipy.ndimage import laplace

    grey = np.asarray(image.convert("L"), dtype=np.float32)
    # measured on the middle of the page (the copy lies over all of it), for speed
    top, left = max(0, (grey.shape[0] - GHOST_TILE) // 2), max(0, (grey.shape[1] - GHOST_TILE) // 2)
    grey = grey[top:top + GHOST_TILE, left:left + GHOST_TILE]
    sharp = laplace(grey)
    power = np.abs(np.fft.rfft2(sharp - sharp.mean())) ** 2
    shape = grey.shape
    together = np.fft.irfft2(power, s=shape)
    together /= max(float(together[0, 0]), 1e-6)
    reach = GHOST_REACH
    near = np.roll(together, (reach, reach), axis=(0, 1))[:2 * reach + 1, :2 * reach + 1]
    best = None
    for down in range(-reach + 1, reach):
        for across in range(-reach + 1, reach):
            if max(abs(down), abs(across)) < 2:  # a stroke's own edges
                continue
            around = near[down + reach - 1:down + reach + 2, across + reach - 1:across + reach + 2].copy()
            around[1, 1] = -np.inf
            peak = float(near[down + reach, across + reach] - around.max())
            if best is None or peak > best[0]:
                best = (peak, down, across)
    peak, down, across = best
    if peak < GHOST_PEAK or together[(2 * down) % shape[0], (2 * across) % shape[1]] >= GHOST_ONCE:
        return None
    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.rfftfreq(shape[1])[None, :]
    turn = np.cos(2 * np.pi * (fy * down + fx * across))
    # |(1 - w) + w e^(-i 2 pi f.d)|^2, the same whichever copy is the fainter
    weight = min(GHOST_WEIGHTS, key=lambda w: abs(float(
        (power * turn / ((1 - w) ** 2 + w ** 2 + 2 * w * (1 - w) * turn)).sum())))
    spectrum = np.fft.rfft2(grey)
    sign = min((1, -1), key=lambda k: float(np.abs(laplace(
        _ghost_undone(spectrum, shape, k * down, k * across, weight))).sum()))
    return sign * down, sign * across, weight


def _ghost_undone(spectrum, shape: tuple[int, int], down: int, across: int, weight: float):
    """The grey page (`spectrum`, its rfft2) with its copy `weight` of the light, `down` and `across`
    pixels on, taken out: divided by the two copies' response, never near zero while the second
    copy is the fainter."""
    import numpy as np

    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.rfftfreq(shape[1])[None, :]
    response = (1 - weight) + weight * np.exp(-2j * np.pi * (fy * down + fx * across))
    return np.fft.irfft2(spectrum / response, s=shape)


def without_ghost(image, down: int, across: int, weight: float):
    """The photo's grey with its faint second copy taken out (`double_image`)."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(image.convert("L"), dtype=np.float32)
    undone = _ghost_undone(np.fft.rfft2(grey), grey.shape, down, across, weight)
    return Image.fromarray(np.clip(undone, 0, 255).astype(np.uint8))


# a standard-resolution fax has half the lines of a fine one (98 an inch for 204 dots across): each
# line is printed twice to make the pixels square, so a thin stroke across the page is two pixels or
# none, and a letter's curves climb in steps of two. Such a page is smoothed down the page by about
# a quarter of a line before it is read (`smoothed_down`); its rows are told by each one matching its pair
# (differing by at most ROWS_PAIRED of how much it differs from the next pair's first row; a page's
# own rows differ alike either way, ~1; a fax's 0.1)
ROWS_PAIRED = 0.3
FAX_SMOOTHING = 0.5  # a Gaussian's sigma, in the picture's rows as stored (each fax line two)


def rows_in_pairs(grey) -> bool:
    """Whether the rows of a grey page (an array, at its own resolution) come in identical pairs."""
    import numpy as np

    grey = np.asarray(grey, dtype=np.float32)
    end = grey.shape[0] - grey.shape[0] % 2 - 2
    if end < 64:
        return False
    within = float(np.abs(grey[0:end:2] - grey[1:end + 1:2]).mean())
    across = float(np.abs(grey[1:end + 1:2] - grey[2:end + 2:2]).mean())
    return min(within, across) <= ROWS_PAIRED * max(within, across)


def smoothed_down(image, sigma: float):
    """The page's grey blurred down the page only (a Gaussian of `sigma` pixels), not across."""
    import numpy as np
    from PIL import Image
    from scipy.ndimage import gaussian_filter1d

    grey = np.asarray(image.convert("L"), dtype=np.float32)
    return Image.fromarray(np.clip(gaussian_filter1d(grey, sigma, axis=0), 0, 255).astype(np.uint8))


# an inkjet print with clogged nozzles leaves a thin white line (a row or two at a scan's 300 dpi)
# across every pass of the print head, cutting every letter it crosses; a row is such a line where,
# of the strokes dark NOZZLE_REACH rows above and below it (NOZZLE_DARK), at least NOZZLE_CUT are
# NOZZLE_MARGIN lighter on it. A sharp page's thin gaps (a serif's notch, a letter's counter) cut at
# most two thirds of what crosses them (0.35-0.67 on the older sets' scans, on 20 or more strokes);
# a clogged nozzle's line 0.9-1.0, and a page has NOZZLE_LINES of them or more (one a print pass)
NOZZLE_REACH, NOZZLE_DARK, NOZZLE_MARGIN = 2, 150, 50
NOZZLE_CUT, NOZZLE_LINES, NOZZLE_STROKES = 0.85, 5, 20
NOZZLE_BRIDGED = 0.5  # once the page has such lines, each row cutting this share of its strokes is bridged


def _cut_rows(grey):
    """(strokes crossing each row, the share of them the row cuts) for rows NOZZLE_REACH.. from the top."""
    import numpy as np

    above, below = grey[:-2 * NOZZLE_REACH], grey[2 * NOZZLE_REACH:]
    crossing = (above < NOZZLE_DARK) & (below < NOZZLE_DARK)
    strokes = crossing.sum(1)
    cut = (crossing & (grey[NOZZLE_REACH:-NOZZLE_REACH] > np.maximum(above, below) + NOZZLE_MARGIN)).sum(1)
    return strokes, cut / np.maximum(strokes, 1)


def nozzle_lines(image):
    """The rows of a scanned page cut by a clogged inkjet nozzle's white lines (see NOZZLE_CUT), or
    None when the page has too few such lines to be a clogged print."""
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.int16)
    if grey.shape[0] < 64:
        return None
    strokes, share = _cut_rows(grey)
    clear = np.nonzero((strokes >= NOZZLE_STROKES) & (share >= NOZZLE_CUT))[0]
    lines = int((np.diff(clear) > 2).sum()) + 1 if len(clear) else 0  # a line is a row or two
    if lines < NOZZLE_LINES:
        return None
    return np.nonzero((strokes >= 1) & (share >= NOZZLE_BRIDGED))[0] + NOZZLE_REACH


def bridged(image, rows):
    """The page with each of `rows` darkened where the strokes above and below it are both dark: a
    vertical closing of NOZZLE_REACH rows, on those rows only (a letter's own gaps are left open)."""
    import numpy as np
    from PIL import Image

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    out = grey.copy()
    for row in sorted(rows):  # top down, so a two-row line's lower row sees its upper one bridged
        above = out[row - NOZZLE_REACH:row].max(0)  # the lighter of the rows above: both must be ink
        below = grey[row + 1:row + 1 + NOZZLE_REACH].min(0)  # below, the line may be two rows: one is ink
        out[row] = np.minimum(out[row], np.maximum(above, below))
    return Image.fromarray(out)


def motion_smear(image) -> tuple[float, int] | None:
    """(direction in degrees, 0 across the photo and 90 up and down, length in pixels) of a straight
    smear, or None for a page sharp both ways or blurred alike both ways (out of focus, left alone).
    The correlation of the brightness changes along each direction is read from the changes across
    and down and their cross-correlation (three inverse transforms for every direction)."""
    import math

    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.float32)
    down, across = np.gradient(grey)
    down, across = down - down.mean(), across - across.mean()
    to_down, to_across = np.fft.rfft2(down), np.fft.rfft2(across)
    shape = grey.shape
    aa, dd, ad = (np.fft.irfft2(a * np.conj(b), s=shape) for a, b in
                  ((to_across, to_across), (to_down, to_down), (to_across, to_down)))

    def at(table, dy: float, dx: float) -> float:  # bilinear, the tables wrap around
        y0, x0 = math.floor(dy), math.floor(dx)
        fy, fx = dy - y0, dx - x0
        return sum(wy * wx * float(table[y % shape[0], x % shape[1]])
                   for y, wy in ((y0, 1 - fy), (y0 + 1, fy)) for x, wx in ((x0, 1 - fx), (x0 + 1, fx)))

    profiles = {}
    for k in range(SMEAR_DIRECTIONS):
        angle = 180.0 * k / SMEAR_DIRECTIONS
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        along = np.array([c * c * at(aa, t * s, t * c) + s * s * at(dd, t * s, t * c)
                          + c * s * (at(ad, t * s, t * c) + at(ad, -t * s, -t * c)) for t in range(MAX_SMEAR + 1)])
        profiles[angle] = along / max(float(along[0]), 1e-6)
    # the smear's direction: where the changes stay alike longest over its first pixels, against across it
    angle = max(profiles, key=lambda a: float((profiles[a][1:4] - profiles[(a + 90.0) % 180.0][1:4]).sum()))
    along, across_it = profiles[angle], profiles[(angle + 90.0) % 180.0]
    length = int(np.argmin(along[1:])) + 1
    if along[2] > SMEAR_CORRELATION and across_it[2] < SMEAR_ACROSS * along[2] and MIN_SMEAR <= length < MAX_SMEAR:
        return angle, length
    return None


def _smear_checked(image, smear: tuple[float, int], words: list[tuple]) -> list[tuple]:
    """The words read on the page with its smear undone, each word with figures (not a unit) kept
    only when the same place on a page undone another way (less sharply, or as a smear a pixel
    longer) reads the same figures; otherwise it is a CONFLICT. Each word's place on the other
    pages is read in one tesseract run a page (`_read_sheet`), not the whole pages again; the
    second other page is made only for the words the first leaves unsettled (preparing a page is
    most of the check's time)."""
    from PIL import Image

    from healthlib.readers.labs.report_text import is_unit

    angle, length = smear
    # a smear on a slant is measured less exactly than one along an axis, and all three undoings
    # share its error ("89.1" read "89.4" on each): there both other undoings must agree
    agreeing = 1 if min(angle % 90.0, 90.0 - angle % 90.0) < SMEAR_AXIS else 2
    open_words = [k for k, word in enumerate(words) if any(c.isdigit() for c in word[8]) and not is_unit(word[8])]
    agreed = dict.fromkeys(open_words, 0)
    pad, scale = 6, 2
    for noise, longer in ((SMEAR_CHECK_NOISE, 0), (SMEAR_NOISE, 1)):
        if not open_words:
            break
        other = prepare(without_smear(image, angle, length + longer, noise))
        crops = []
        for k in open_words:
            x, y, w, h = words[k][3:7]
            crop = other.crop((x - pad, y - pad, x + w + pad, y + h + pad))
            crops.append(crop.resize((crop.width * scale, crop.height * scale), Image.Resampling.LANCZOS))
        seen: dict[int, str] = {}
        for i, (*_, text) in _read_sheet(crops, FIGURES_ONLY):
            seen[i] = seen.get(i, "") + text
        for j, k in enumerate(open_words):
            agreed[k] += _figures(seen.get(j, "")) == _figures(words[k][8])
        # settled: agreed often enough, or too seldom for the page still to be made to make up for it
        open_words = [k for k in open_words if agreed[k] < agreeing and agreed[k] + 1 >= agreeing]
    return [(*word[:8], CONFLICT) if agreed.get(k, agreeing) < agreeing else word for k, word in enumerate(words)]


def without_smear(image, angle: float, length: int, noise: float = SMEAR_NOISE):
    """The photo's grey with a straight smear of `length` pixels in direction `angle` (degrees, 0
    across) undone (Wiener deconvolution, `noise` its noise-to-signal share). The smear is a line
    `length` pixels long through the kernel's centre, drawn with sub-pixel weights (along an axis,
    nearly `length` pixels of equal weight), so no shift is left after undoing."""
    import math

    import numpy as np
    from PIL import Image

    grey = np.asarray(image.convert("L"), dtype=np.float32)
    kernel = np.zeros(grey.shape, dtype=np.float32)
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    for t in np.linspace(-length / 2, length / 2, 8 * length):
        y, x = t * s, t * c
        y0, x0 = math.floor(y), math.floor(x)
        for yy, wy in ((y0, 1 - (y - y0)), (y0 + 1, y - y0)):
            for xx, wx in ((x0, 1 - (x - x0)), (x0 + 1, x - x0)):
                kernel[yy % grey.shape[0], xx % grey.shape[1]] += wy * wx
    kernel /= kernel.sum()
    response = np.fft.rfft2(kernel)
    sharp = np.fft.irfft2(np.fft.rfft2(grey) * np.conj(response) / (np.abs(response) ** 2 + noise), s=grey.shape)
    return Image.fromarray(np.clip(sharp, 0, 255).astype(np.uint8))


def _checked_against(smoothed: list[tuple], first: list[tuple]) -> list[tuple]:
    """The smoothed reading's words, each word with figures (not a whole unit) kept only when the
    first reading, of the page as it was, read the same figures at its place; otherwise it is a
    CONFLICT and its row is neither read again nor read. Smoothing can close a figure's gap as
    well as a dot's ("10.9" read "10.3" on a fax, and its second read agreeing on the same
    smoothed page): two differently prepared images agreeing is what makes a figure certain."""
    from healthlib.readers.labs.report_text import is_unit

    checked = []
    for word in smoothed:
        text = word[8]
        if any(c.isdigit() for c in text) and not is_unit(text):
            x, y, w, h = word[3:7]
            there = [f for f in sorted(first, key=lambda f: f[3])
                     if min(x + w, f[3] + f[5]) - max(x, f[3]) > 0.5 * min(w, f[5])
                     and min(y + h, f[4] + f[6]) - max(y, f[4]) > 0.5 * min(h, f[6])]
            if "".join(_figures(f[8]) for f in there) != _figures(text):
                word = (*word[:8], CONFLICT)
        checked.append(word)
    return checked


def _unsure_figures(words: list[tuple]) -> int:
    """How many of a reading's words hold a figure tesseract is not sure of (`MIN_CONFIDENCE`)."""
    return sum(1 for w in words if w[7] < MIN_CONFIDENCE and any(c.isdigit() for c in w[8]))


def _median_confidence(words: list[tuple]) -> float:
    """The median of tesseract's confidence over a page's words (0 with none)."""
    confidences = sorted(w[7] for w in words)
    return float(confidences[len(confidences) // 2]) if confidences else 0.0


def prepare(image, *, upright: bool = False, smooth: float = 0.0, grow: int = 0, shared: dict | None = None):
    """Grey, scaled, evened out, straightened, rules removed: what tesseract reads best. A page
    lying sideways or upside down is turned upright first (`orient`), unless known `upright`.
    `smooth` (a Gaussian sigma, pixels at TARGET_WIDTH) blurs the scaled grey before the ink is
    cut: dots and dither become solid strokes (`read_page` decides when). `shared`: a dict the
    caller keeps across calls on one image, so that a page prepared again `grow`n repeats none
    of the work it shares with the page as cut (evening out, turning, the rows' levelling, the
    rules found): only which grey is kept differs, and the result is the same as unshared."""
    import numpy as np
    from PIL import Image, ImageFilter, ImageOps

    shared = {} if shared is None else shared
    if smooth not in shared:
        grey = ImageOps.grayscale(image.convert("RGB") if image.mode not in ("L", "RGB") else image)
        if is_light_on_dark(grey):  # a dark-mode screen: its light letters made dark on light, as printed
            grey = ImageOps.invert(grey)
        grey = flatten_page(grey, TARGET_WIDTH)  # a page photographed at an angle on a desk: flat, desk cut away
        scale = TARGET_WIDTH / grey.width
        if scale > 1.15 or scale < 0.6:
            scale = min(scale, 3.0)
            grey = grey.resize((max(1, round(grey.width * scale)), max(1, round(grey.height * scale))),
                               Image.Resampling.LANCZOS)
        printed_darkest = None
        if smooth:  # smoothing lifts the darkest ink by itself: whether the page is faint is judged unsmoothed
            printed_darkest = darkest_ink(_against_paper(grey))
            grey = grey.filter(ImageFilter.GaussianBlur(smooth))
        ratio = faint_ink_darkened(_against_paper(grey), printed_darkest)
        cut = _otsu(ratio)
        strong = ratio < cut
        points = faint_points(ratio, strong, cut)
        if points.any():  # a faint decimal point is given the darkness of the strokes around it
            ratio = np.where(points, np.minimum(ratio, np.median(ratio[strong])), ratio)
        greyed = grey_print(ratio, strong, cut)
        if greyed is not None:  # small grey print (a unit under its value) darkened as black print
            marks, darkened = greyed
            ratio = np.where(marks, np.minimum(ratio, darkened), ratio)
            strong |= marks & (ratio < cut)
            points |= marks
        ink = Image.fromarray(np.where(strong | points, 255, 0).astype(np.uint8))
        turn = 0 if upright else upright_turn(ink)
        if turn:  # photographed sideways or upside down (with no EXIF orientation): start again upright
            quarter = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}
            return prepare(image.transpose(quarter[turn]), upright=True, smooth=smooth, grow=grow, shared=shared)
        shared[smooth] = (ratio, strong | points, ink, text_angle(ink), {})
    ratio, kept, ink, angle, levelling = shared[smooth]
    # tesseract gets the evened-out grey page (its letters read better anti-aliased than cut to
    # black and white), straightened, with anything lighter than ink (shading, faint rules, noise)
    # made paper-white and dark table rules and borders painted out
    if grow:  # a blurred page's letters keep their soft edges, not only the cores the cut leaves
        from scipy.ndimage import binary_dilation

        kept = binary_dilation(kept, iterations=grow)
    page = Image.fromarray(np.where(kept, np.clip(ratio * 255, 0, 255), 255).astype(np.uint8))
    # turned, and what one turn leaves (a bulging lens, a page photographed at an angle) levelled
    page, ink = level_rows(page, ink, angle, reuse=levelling)
    if "painted" not in levelling:  # rules, borders and leader dots, found on the levelled ink
        dark = np.asarray(ink) > 127
        # rules with their grey rims, as the leaders' dots: a rim left behind reads as words ("ti—iti‘=é‘")
        levelling["painted"] = _rimmed(dark & ~_without_rules(dark)) | dot_leaders(dark) | zero_dots(dark)
        levelling["badges"] = badges(dark)
    pixels = np.asarray(page).copy()
    pixels[levelling["painted"]] = 255
    chip, letter = levelling["badges"]
    pixels[chip], pixels[letter] = 255, 0  # a badge's light letter made dark on paper, as the rest of the page
    return Image.fromarray(pixels)


BADGE_HEIGHT = 1.6  # a flag's badge (a filled chip holding a light "H") is at least this many letters tall
BADGE_FILL = 0.6  # ... its ink at least this share of its box (a rounded chip; a bold "O" or "8" far less)
BADGE_LETTER = 0.3  # ... and the letter inside it at least this share of its height


def badges(ink, *, letter: float | None = None):
    """(chips, letters): where the page holds badges: solid chips of ink with a light letter inside ("H" or "L" on
    a red or blue rounded square, a portal's flag), each its filled outline. OCR reads such a chip
    as specks round a letter ("rH |", "©"), which leaves its row unread; made paper with a dark
    letter it reads as any flag. A chip is BADGE_HEIGHT letters tall or more (a bold heading's
    letters are less), at most four times as wide as it is tall, mostly ink (BADGE_FILL) and holds
    a letter-sized hole (BADGE_LETTER), so a rule, a box or a bold letter's loop is never one.
    `letter`: the page's letter height, when `ink` is not the page's print (a pen's blue marks)."""
    import numpy as np
    from scipy import ndimage

    chips, letters = np.zeros_like(ink, dtype=bool), np.zeros_like(ink, dtype=bool)
    letter = _letter_height(ink) if letter is None else letter
    if not letter:
        return chips, letters
    labels, _ = ndimage.label(ink)
    for i, box in enumerate(ndimage.find_objects(labels)):
        height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
        if not (BADGE_HEIGHT * letter <= height <= 4 * letter and 0.5 * height <= width <= 4 * height):
            continue
        mark = labels[box] == i + 1
        if mark.sum() < BADGE_FILL * height * width:
            continue
        filled = ndimage.binary_fill_holes(mark)
        holes, _ = ndimage.label(filled & ~mark)
        if any(h[0].stop - h[0].start >= BADGE_LETTER * height for h in ndimage.find_objects(holes)):
            chips[box] |= mark
            letters[box] |= filled & ~mark
    return chips, letters


ZERO_DOT = 0.3  # a zero's dot is at most this share of the space inside its ring (an "@"'s "a" fills most of it)
HOLE_HEIGHT = 1.2  # a letter's hole is at most this many letters high (a ruled box's inside is far larger)


def zero_dots(ink):
    """The dots inside zeros: a typewriter or monospace font's zero ("0" with a dot in its middle,
    standing free of the ring) is read "8", "6" or "@" by tesseract, or the figures around it are
    read unsure ("0.4 - 0.52" as "@.4 - 0.52"). A dot is a mark standing in a letter-sized hole (at
    most HOLE_HEIGHT letters high and as wide) on all four sides, at most half the hole's height and
    ZERO_DOT of the space inside the ring: no letter or figure holds such a mark, so only the
    zero's dot (and a speck of dust in an "o" or "8") is painted out, and the zero reads as a plain one."""
    import numpy as np
    from scipy import ndimage

    found = np.zeros_like(ink, dtype=bool)
    letter = _letter_height(ink)
    if not letter:
        return found
    holes, count = ndimage.label(~ink)  # the paper: each part of it enclosed by ink is a hole
    edge = np.zeros(count + 1, dtype=bool)
    edge[np.concatenate([holes[0], holes[-1], holes[:, 0], holes[:, -1]])] = True
    hole_boxes = ndimage.find_objects(holes)
    marks, _ = ndimage.label(ink, structure=np.ones((3, 3)))
    last_row, last_col = ink.shape[0] - 1, ink.shape[1] - 1
    for i, box in enumerate(ndimage.find_objects(marks)):
        top, bottom, left, right = box[0].start, box[0].stop, box[1].start, box[1].stop
        inner = top > 0 and left > 0 and bottom <= last_row and right <= last_col  # paper on all four sides
        if bottom - top > 0.5 * HOLE_HEIGHT * letter or not inner:
            continue
        middle_row, middle_col = (top + bottom) // 2, (left + right) // 2
        around = {holes[middle_row, left - 1], holes[middle_row, right], holes[top - 1, middle_col], holes[bottom, middle_col]}
        if len(around) != 1 or edge[next(iter(around))]:
            continue
        ring = around.pop()
        hole = hole_boxes[ring - 1]
        height, width = hole[0].stop - hole[0].start, hole[1].stop - hole[1].start
        dot = marks[box] == i + 1
        if (height <= HOLE_HEIGHT * letter and width <= HOLE_HEIGHT * letter and bottom - top <= 0.5 * height
                and dot.sum() <= ZERO_DOT * (dot.sum() + (holes[hole] == ring).sum())):
            found[box] |= dot
    # with the grey rim resampling left round the dot, short of the ring itself
    return ndimage.binary_dilation(found) & ~(ink & ~found) if found.any() else found


MIN_LEADER_DOTS = 5  # dots in a row, evenly spaced, that make a leader (a decimal point stands alone)


def dot_leaders(ink):
    """The dots of leader lines ("Glucose ........ 4.9"): tesseract reads them as words of
    letters ("cee eee") that split a row's name from its value. A leader is a run of at least
    MIN_LEADER_DOTS marks, each far smaller than a letter, at one height and evenly spaced; a
    decimal point, a colon or a speck of dust is never such a run, so those are left alone.
    Dashed row rules broken up by the ink cut go with them (`_dashed_rules`)."""
    import numpy as np
    from scipy import ndimage

    labels, count = ndimage.label(ink)
    found = np.zeros_like(ink, dtype=bool)
    if not count:
        return found
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    tall = heights[heights >= 8]
    if len(tall) < 20:
        return found
    letter = float(np.median(tall))  # about the height of a letter
    dots = [(i, (b[0].start + b[0].stop) / 2, (b[1].start + b[1].stop) / 2, b[0].stop - b[0].start)
            for i, b in enumerate(boxes)
            if 2 <= b[0].stop - b[0].start <= 0.35 * letter and 2 <= b[1].stop - b[1].start <= 0.35 * letter]
    # dots at one height (a row), then runs of them along it, parted where a gap is a word wide
    for row in _parted(dots, 1, 0.1 * letter):
        runs = _parted(row, 2, 1.5 * letter)
        for run in runs:
            if len(run) < MIN_LEADER_DOTS:
                continue
            size = np.median([d[3] for d in run])
            run = [d for d in run if d[3] >= 0.6 * size]  # a speck of dust among the dots is passed over
            gaps = np.diff([d[2] for d in run])
            # evenly spaced, allowing a dot or two lost to the scan (a gap twice the usual)
            if len(run) < MIN_LEADER_DOTS or not np.all((gaps >= 0.6 * np.median(gaps)) & (gaps <= 2.3 * np.median(gaps))):
                continue
            for i, *_ in run:
                found[boxes[i]] |= labels[boxes[i]] == i + 1
    found |= _dashed_rules(labels, boxes, letter)
    # with their grey rims, which resampling the page left just outside the ink
    return ndimage.binary_dilation(found, iterations=2)


DASH_HEIGHT = 0.2  # a dashed rule's dash is at most this many letters high and DASH_WIDTH wide (so is a
DASH_WIDTH = 0.6  # hyphen, but a hyphen stands alone: a dashed rule is at least MIN_DASHES dashes at one height)
MIN_DASHES = 8


def _dashed_rules(labels, boxes: list, letter: float):
    """The dashes of dashed row rules (a faint dotted line under each row, which the ink cut leaves
    broken into flat dashes and specks where light or shadow changes across it): tesseract reads
    them as words of marks ("ti“‘<ié‘iSSSCS") swallowing the row's figures. A dashed rule is a run
    of at least MIN_DASHES flat marks at one height, none a word's width from the next, most of
    them wider than high; only its flat marks and 1-2 pixel specks are painted out, never a mark
    that could be a decimal point (about as wide as high, 4 pixels or more)."""
    import numpy as np

    found = np.zeros(labels.shape, dtype=bool)
    marks = []
    for i, b in enumerate(boxes):
        height, width = b[0].stop - b[0].start, b[1].stop - b[1].start
        if height <= DASH_HEIGHT * letter and width <= DASH_WIDTH * letter:
            marks.append((i, (b[0].start + b[0].stop) / 2, (b[1].start + b[1].stop) / 2, height, width))
    for row in _parted(marks, 1, 0.1 * letter):
        for run in _parted(row, 2, 1.5 * letter):
            flat = [m for m in run if m[4] >= 1.5 * m[3]]
            if len(flat) < MIN_DASHES or 2 * len(flat) < len(run):
                continue
            for i, *_, height, width in run:
                if width >= 1.5 * height or height * width <= 2:
                    found[boxes[i]] |= labels[boxes[i]] == i + 1
    return found


RULE_RIM = 1  # pixels around a painted rule, at TARGET_WIDTH: resampling leaves its edge grey just outside it


def _rimmed(rules):
    from scipy import ndimage

    return ndimage.binary_dilation(rules, iterations=RULE_RIM) if rules.any() else rules


def _parted(items: list[tuple], key: int, gap: float) -> list[list[tuple]]:
    """`items` sorted by their `key`th field, parted where two neighbours differ by more than `gap`."""
    items = sorted(items, key=lambda item: item[key])
    groups: list[list[tuple]] = []
    for item in items:
        if not groups or item[key] - groups[-1][-1][key] > gap:
            groups.append([])
        groups[-1].append(item)
    return groups


def faint_points(ratio, strong, cut: float):
    """Decimal points too faint for the ink cut (a thin light font on a faded scan: "14.7" would
    be read "147"): marks lighter than the cut but darker than the paper's own noise could make,
    each the size of a dot, in the lower half of a row, with ink close on both sides of it."""
    import numpy as np
    from scipy import ndimage

    found = np.zeros_like(strong)
    paper = ratio[~strong][::7]
    if paper.size < 1000:
        return found
    noise = 1.4826 * float(np.median(np.abs(paper - np.median(paper))))
    limit = min(1 - 6 * noise, 0.9)
    if limit <= cut:
        return found  # the paper is too noisy to tell a faint mark from it (a phone photo)
    labels, count = ndimage.label(strong)
    heights = np.array([b[0].stop - b[0].start for b in ndimage.find_objects(labels)]) if count else np.array([])
    tall = heights[heights >= 8]
    if len(tall) < 20:
        return found
    letter = float(np.median(tall))
    weak = (ratio < limit) & ~ndimage.binary_dilation(strong, iterations=2)
    labels, count = ndimage.label(weak)
    reach = round(0.6 * letter)
    for i, box in enumerate(ndimage.find_objects(labels)):
        top, bottom, left, right = box[0].start, box[0].stop, box[1].start, box[1].stop
        if not (2 <= bottom - top <= 0.3 * letter and 2 <= right - left <= 0.3 * letter) or (labels[box] == i + 1).sum() < 4:
            continue
        rows = slice(max(0, bottom - round(1.2 * letter)), bottom + 2)
        sides = [strong[rows, max(0, left - reach):left], strong[rows, right:right + reach]]
        if not all(side.any() for side in sides):
            continue
        tops = [int(np.flatnonzero(side.any(axis=1))[0]) + rows.start for side in sides]
        bottoms = [int(np.flatnonzero(side.any(axis=1))[-1]) + rows.start for side in sides]
        # sitting on the line of the figures beside it, in its lower half
        if all(top - t > 0.5 * letter and abs(bottom - b) <= 0.25 * letter for t, b in zip(tops, bottoms, strict=True)):
            found[box] |= labels[box] == i + 1
    return found


GREY_PRINT = 0.9  # of the paper's brightness: darker marks may be print in grey ink, not only noise
GREY_SIZE = (0.3, 1.6)  # a grey mark's group is this many of the page's letter heights tall (no rule, no ring)
GREY_GROUPING = 2  # pixels: pieces of one grey letter or word this close are judged together
# the paper around a grey mark against its estimate (`_against_paper`): evenly lit, or a little brighter
# among print; by a shadow's sharp edge (a blind's stripes) it is darker or much brighter, and black
# print there can look grey against the paper estimated past the edge
GREY_PAPER = (1.0, 1.1)
GREY_BLACK = 0.6  # of the ink cut: black print's strokes are this dark somewhere; no grey print is


def grey_print(ratio, strong, cut: float):
    """(marks, darkened ratio) of small print in grey ink, or None: a unit printed small and grey under
    its value, a footnote in grey. The ink cut takes only the darkest cores of such letters (their
    strokes lie about at the cut), so OCR reads "mg/dL" as "my dl" or nothing at all. A grey mark is a
    mark darker than GREY_PRINT with no pixel as dark as black print (a black letter's soft rim is part
    of its letter's mark, so black print is left as it is), grouped with the pieces close by; a group
    is kept when it is letter-sized (GREY_SIZE), so neither a faint rule nor a shadow's edge is, and
    reaches halfway from GREY_PRINT down to the cut, so the paper's grain never does, on evenly lit
    paper (GREY_PAPER), so a black letter by a shadow's edge never is. Each kept group
    is stretched from its own darkest to GREY_PRINT as black print is, its soft edges kept."""
    import numpy as np
    from scipy import ndimage

    weak = ratio < GREY_PRINT
    letter = _letter_height(strong)
    if not letter or not weak.any():
        return None
    black = ratio < GREY_BLACK * cut
    labels, count = ndimage.label(weak, structure=np.ones((3, 3)))
    blackened = np.zeros(count + 1, dtype=bool)
    blackened[np.unique(labels[black])] = True
    candidate = weak & ~blackened[labels]
    groups, _ = ndimage.label(ndimage.binary_dilation(candidate, iterations=GREY_GROUPING), structure=np.ones((3, 3)))
    marks = np.zeros_like(weak)
    darkened = np.ones_like(ratio)
    reach = (cut + GREY_PRINT) / 2
    pad = round(letter / 2)
    for i, box in enumerate(ndimage.find_objects(groups)):
        inside = (groups[box] == i + 1) & candidate[box]
        if not inside.any():
            continue
        rows = np.flatnonzero(inside.any(axis=1))
        height = rows[-1] - rows[0] + 1
        if not (GREY_SIZE[0] * letter <= height <= GREY_SIZE[1] * letter):
            continue
        values = ratio[box][inside]
        darkest = float(values.min())
        around = ratio[max(0, box[0].start - pad):box[0].stop + pad, max(0, box[1].start - pad):box[1].stop + pad]
        paper = around[around >= GREY_PRINT]
        if darkest >= reach or not paper.size or not GREY_PAPER[0] <= float(np.median(paper)) <= GREY_PAPER[1]:
            continue
        marks[box] |= inside
        stretched = np.clip((ratio[box] - darkest) / (GREY_PRINT - darkest), 0.0, 1.0)
        darkened[box] = np.where(inside, np.minimum(darkened[box], stretched), darkened[box])
    return (marks, darkened) if marks.any() else None


# a page whose darkest ink (DARKEST_INK_SHARE of its pixels) is lighter than this share of the
# paper is a faint copy (carbonless, faded): its ink falls across the ink/paper cut and thin
# strokes break up, so its darkness is stretched to that of a printed page (`faint_ink_darkened`)
FAINT_INK = 0.4
DARKEST_INK_SHARE = 0.1  # percent of the page: a page of results is 0.5-3 % ink


def _against_paper(grey):
    """Each pixel's brightness against the paper near it (uneven light, a phone's shadow, evened
    out): ink is what is much darker than its surroundings."""
    import numpy as np
    from PIL import ImageFilter

    background = grey.filter(ImageFilter.GaussianBlur(radius=max(grey.width // 80, 8)))
    return np.asarray(grey, dtype=np.float32) / np.maximum(np.asarray(background, dtype=np.float32), 1.0)


def darkest_ink(ratio) -> float:
    import numpy as np

    return float(np.percentile(ratio, DARKEST_INK_SHARE))


def faint_ink_darkened(ratio, printed_darkest: float | None = None):
    """The page's brightness against its paper (`prepare`'s ratio), its ink stretched to full
    darkness when the whole page's ink is faint (`FAINT_INK`; judged on `printed_darkest`, the page
    before any smoothing, when given); any other page as it was."""
    import numpy as np

    darkest = darkest_ink(ratio)
    if (darkest if printed_darkest is None else printed_darkest) <= FAINT_INK:
        return ratio
    return np.maximum((ratio - darkest) / (1.0 - darkest), 0.0).astype(np.float32)


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
    """Drop table rules and borders: dark runs far longer than any letter, across or down. A run
    that is the top or foot of a word whose thickened letters touch (a photocopy of a photocopy:
    "Reference" fused into one mark) is kept (`_letter_edges`)."""
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
    across, down = long_runs(ink, length), long_runs(ink.T, length).T
    letter = _letter_height(ink & ~(across | down))
    if letter:
        across &= ~_letter_edges(ink, across, letter, 3 * length)
        down &= ~_letter_edges(ink.T, down.T, letter, 3 * length).T
    return ink & ~(across | down)


# a run shorter than a rule must be (three times the rule length) is a word's edge when ink lies
# within LETTER_REACH letter heights of it, on one side, along at least this share of its length
# (a rule in a tight table is touched by the letters of the row beside it only here and there)
WORD_EDGE_COVER = 0.85
LETTER_REACH = 0.6


def _letter_height(ink) -> float:
    """The median height of the letter-sized marks of `ink` (0 when too few are found)."""
    import numpy as np
    from scipy import ndimage

    labels, count = ndimage.label(ink)
    if not count:
        return 0.0
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes if b[1].stop - b[1].start < 4 * (b[0].stop - b[0].start)])
    tall = heights[(heights >= 8) & (heights <= ink.shape[0] // 10)]
    return float(np.median(tall)) if len(tall) >= 20 else 0.0


def _letter_edges(ink, runs, letter: float, rule_length: int):
    """The long runs across (`runs`, found in `ink`) that are the top or foot of a word whose
    letters touch, not a rule: each joined piece of runs shorter than `rule_length`, with ink within
    LETTER_REACH letter heights above it, or below it, along WORD_EDGE_COVER of its length."""
    import numpy as np
    from scipy import ndimage

    edges = np.zeros_like(runs)
    labels, count = ndimage.label(runs, structure=np.ones((3, 3)))
    if not count:
        return edges
    reach = max(3, round(LETTER_REACH * letter))
    for i, box in enumerate(ndimage.find_objects(labels)):
        rows, cols = box
        if cols.stop - cols.start >= rule_length:
            continue
        above = ink[max(0, rows.start - reach):rows.start, cols].any(axis=0)
        below = ink[rows.stop:rows.stop + reach, cols].any(axis=0)
        if max(above.mean() if above.size else 0.0, below.mean() if below.size else 0.0) >= WORD_EDGE_COVER:
            edges[box] |= labels[box] == i + 1
    return edges


def text_angle(ink) -> float:
    """The rotation (degrees) that levels most of the text: the weighted median slant of its
    strips of letters (`dewarp.slope_samples`); `skew_angle` when too little text is found."""
    import math

    import numpy as np

    small = ink.copy()
    small.thumbnail((1200, 1200))
    samples = slope_samples(np.asarray(small) > 127)
    if len(samples) < MIN_SAMPLES:
        return skew_angle(ink)
    order = np.argsort(samples[:, 2])
    weights = np.cumsum(samples[order, 3])
    slope = samples[order, 2][np.searchsorted(weights, weights[-1] / 2)]
    return math.degrees(math.atan(slope))


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


def ocr_lines(grey, words: list[tuple] | None = None) -> list[str]:
    """OCR one prepared page into text lines: `ocr_rows`, then rows that would not be read are
    read again (`reread_rows`). Specks OCR made up after a number ("14]", "103)") are dropped and
    garbled units put right against the row's own test ("mmol" for "mmol/L") here
    (`report_text.ocr_units`, `units_of_its_test`), before the text reader joins a range printed
    on its own line to the result above it and fits a row's cells to its table's headings: a row
    whose value cell is no value keeps no range, and its value would then be judged against
    nothing ("14]" read for "141", with the range 130-170 lost)."""
    from healthlib.readers.labs.report_text import ocr_units, units_of_its_test

    rows = ocr_rows(grey, words)
    return [slash_put_back(units_of_its_test(ocr_units(joined_comparisons(line))))
            for line in zeros_kept(grey, rows, reread_rows(grey, rows))]


def zeros_kept(grey, rows: list[list[Word]], texts: list[str]) -> list[str]:
    """Each row's text, unless the page shows more zeros among the row's figures than the text
    holds: a typewriter font's zero with a dot or stroke inside is read "8" by every reading
    alike ("[35-50]" read "[35-58]", first read and re-read agreeing), and no vote can catch it.
    Such a row is the row as first read, its figures with 6, 8 or 9 a CONFLICT: "not read"."""
    def figures_only(word: str) -> bool:  # a word with letters ("25-OH", "CO2") may hold an "O"
        return any(c.isdigit() for c in word) and not any(c.isalpha() for c in word)

    out = []
    for row, text in zip(rows, texts, strict=True):
        figures = [g for w in row if figures_only(w.text) for g in _glyphs(grey, *_box(w))]
        shown = sum(_zero_shaped(glyph) for _, glyph in figures)
        unsure = [w for w in row if w.text in (UNSURE, CONFLICT)]
        # a word first read unsure may be a figure too, its zeros a figure's height (an "o" is lower), and
        # counted when the row's text now holds fewer unsure words: a word still unsure shows none it read
        if figures and sum(UNSURE in word for word in text.split()) < len(unsure):
            height = sorted(glyph.shape[0] for _, glyph in figures)[len(figures) // 2]
            shown += sum(_zero_shaped(glyph) and abs(glyph.shape[0] - height) <= ZERO_HEIGHT * height
                         for w in unsure for _, glyph in _glyphs(grey, *_box(w)))
        read = sum(word.count("0") for word in text.split() if figures_only(word))
        if shown > read:
            text = join_row([Word(CONFLICT if any(c in "689" for c in w.text) else w.text, w.x0, w.x1, w.top, w.bottom)
                             for w in row])
        out.append(text)
    return out


ZERO_HEIGHT = 0.1  # a zero is as tall as the figures beside it, within this share; a unit's "o" is a third lower


def _box(word: Word) -> tuple[int, int, int, int]:
    return round(word.x0), round(word.top), round(word.x1 - word.x0), round(word.bottom - word.top)


def _glyphs(grey, x: int, y: int, w: int, h: int) -> list[tuple[int, object]]:
    """The figure-sized marks in a box, left to right, as (left, mask): each nearly as tall as the
    tallest mark (a point, a dash, a bracket's tip are smaller) and not a thin stroke; [] when
    the box holds nothing letter-sized."""
    import numpy as np
    from scipy import ndimage

    pixels = np.asarray(grey.crop((x - 2, y - 2, x + w + 2, y + h + 2)), dtype=np.float32) / 255.0
    if pixels.size == 0:
        return []
    ink = pixels < _otsu(pixels)
    labels, _ = ndimage.label(ink)
    boxes = ndimage.find_objects(labels)
    tall = max((b[0].stop - b[0].start for b in boxes), default=0)
    if tall < 10:
        return []
    return sorted(((b[1].start, labels[b] == i + 1) for i, b in enumerate(boxes)
                   if b[0].stop - b[0].start >= 0.7 * tall and b[1].stop - b[1].start >= 0.2 * tall),
                  key=lambda glyph: glyph[0])


def slash_put_back(line: str) -> str:
    """A unit whose slash OCR lost ("LL" for "L/L", "UL" for "U/L") put back, when the row names a
    catalogue test and exactly one place for the slash makes the word a unit that test is
    reported in: a lost slash must not leave "LL", which reads as a critical-low flag."""
    from healthlib.model.lab_units import normalise_unit

    first = re.search(r"(?<!\S)[<>(\[]?\d|\u2047", line)
    if first is None:
        return line
    test = _catalogue_test(line[: first.start()])
    if test is None:
        return line

    def put_back(match: re.Match[str]) -> str:
        word = match.group(0)
        if "/" in word or not word.isalpha() or test.knows_unit(word):
            return word
        units = {word[:k] + "/" + word[k:] for k in range(1, len(word)) if test.knows_unit(word[:k] + "/" + word[k:])}
        return units.pop() if len({normalise_unit(u) for u in units}) == 1 and len(units) == 1 else word

    return line[: first.start()] + re.sub(r"\S+", put_back, line[first.start():])


def _catalogue_test(name: str):
    """The catalogue test a row's printed name (OCR'd, with marks OCR made before it) names, or None."""
    from healthlib.readers.labs.catalogue import builtin_catalogue
    from healthlib.readers.labs.report_text import ocr_name

    name = name.strip(" :\t|").lstrip("/\\‘’“”`'\"-~_.,")
    return builtin_catalogue().match(ocr_name(name)) if name else None


_SPLIT_COMPARISON = re.compile(r"(?<!\S)([<>])\s+=\s*(?=\d)")


def joined_comparisons(line: str) -> str:
    """"< = 5.0" (OCR parted a "<=" in two) as "<=5.0", so it reads as the range it is."""
    return _SPLIT_COMPARISON.sub(r"\1=", line)


# marks OCR makes of specks, rule remnants and a background's grain ("_—_", "‘", "~"): a word
# made of these alone holds no part of a result; a dash alone ("—", a cell left empty) is kept
_SPECK_MARKS = "_~‘’“”`'\"°¢§•«»:;"
_DASHES = "-–—"


def without_specks(text: str) -> str:
    """An OCR word without the specks around it: "" for a word of speck marks and dashes alone
    with at least one speck mark ("_—_", "‘"); a quote mark OCR read before a word ("‘Final"),
    and underscores and tildes at a word's ends ("207_", "~H*"), dropped; anything else unchanged."""
    if not any(c.isalnum() for c in text) and all(c in _SPECK_MARKS + _DASHES for c in text):
        return "" if any(c in _SPECK_MARKS for c in text) else text
    text = text.strip("_~") or text
    quotes = "‘’“”`'\""
    return text.lstrip(quotes) if text[:1] in quotes and text.lstrip(quotes)[:1].isalnum() else text


def ocr_rows(grey, words: list[tuple] | None = None) -> list[list[Word]]:
    """OCR one prepared page into rows of words. Every word of figures alone, and a word with
    digits and letters that tesseract was not sure of, is read a second time, alone and twice as
    large; unless both reads agree it is marked unsure (so its row is read again, and goes to "not
    read" unless two readings agree): a misread figure must never become a result.

    `--psm 4`: one column of rows of varying size, which keeps a table's row together. `words`:
    tesseract's words of `grey` when already read (`read_page`).
    """
    from healthlib.readers.labs.report_text import is_unit

    lines: dict[tuple[str, str, str], list[list]] = {}
    doubtful, sure, barely = [], [], []
    words = _tesseract(grey, "4") if words is None else words
    for block, par, line, x, y, w, h, conf, text in words + missed_words(grey, words):
        word = [text, x, y, w, h]
        # every word of figures alone is read twice (a sure first read can still be wrong: "58"
        # read "38"); a word with letters too ("A1c") only when OCR was unsure of it; a whole unit
        # ("x10E3/uL", "mL/min/1.73m2") is not doubted: misread figures make it no unit, or one
        # its test is never reported in, and that row goes to "not read" (`report_text.unlikely`)
        if _CLOCK_TIME.fullmatch(text):
            pass  # a time of day is never a result's figures; misread, it is still no value
        elif any(c.isdigit() for c in text) and conf < MIN_CONFIDENCE and not is_unit(text):
            doubtful.append(word)
            if conf < AGREED_CONFIDENCE and not any(c.isalpha() for c in text):
                barely.append(word)
        elif any(c.isdigit() for c in text) and not any(c.isalpha() for c in text):
            sure.append(word)
        lines.setdefault((block, par, line), []).append(word)
    _second_read(grey, doubtful)
    # figures barely read at first must also agree with a read free to see letters: a read that
    # sees figures only makes a slashed zero ("0" with a stroke inside) a sure "6" or "8"
    _read_again(grey, [w for w in barely if UNSURE not in w[0]], ())
    first_reads = {id(word): word[0] for word in sure}
    _read_again(grey, sure, FIGURES_ONLY, sure=True)
    for words in lines.values():
        unopened = _closer_unopened(" ".join(word[0] for word in words))
        for word in words:
            if unopened and _CLOSED_FIGURES.fullmatch(word[0]) and closing_one(grey, *word):
                word[0] = word[0][:-1] + "1"
            if _WHOLE_NUMBER.fullmatch(word[0]) and hidden_point(grey, *word[1:]):
                word[0] = UNSURE
            elif is_unit(word[0]) and _one_letter_short(word[0]) and _letter_lost(grey, word):
                word[0] = CONFLICT  # the re-reads lose the same thin letter: its row is not read
    groups = [[HeldWord(UNSURE, x, x + w, y, y + h, first=first_reads[id(word)])
               if t == UNSURE and id(word) in first_reads else Word(tidied, x, x + w, y, y + h)
               for word in words for t, x, y, w, h in [word] if (tidied := without_specks(t))]
              for words in lines.values()]
    # tesseract follows each text row along its slant; join the pieces of one row
    return arrows_read(grey, [closers_doubted(row) for row in merge_word_rows(groups)])


# a time of day ("10:05", "08:12:30"): the figures-only second read has no colon ("1005", "10.05"),
# so it never agreed, and a row of analysis times was doubted whole
_CLOCK_TIME = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")


@dataclass(frozen=True)
class HeldWord(Word):
    """A figure word read surely at first whose second read gave other figures ("2.5", then "2.9"):
    unsure, and a reading of its row again may only confirm its first figures, never replace them
    (a font's "5" read "9" by most enlarged readings alike; no vote can catch what they share)."""
    first: str = ""


def _firm(row: list[Word]) -> str:
    """The row's text with each held word's first figures (`HeldWord`) in place of its unsure mark."""
    return join_row([Word(w.first, w.x0, w.x1, w.top, w.bottom) if isinstance(w, HeldWord) else w for w in row])


# figures ending in a bracket the word does not open ("<4]", "14]", "103)")
_CLOSED_FIGURES = re.compile(r"[<>]?=?\d[\d.,\-–]*[)\]]")


def _closer_unopened(text: str) -> bool:
    """Does a row end figures with a bracket it never opens ("ALT 27 IU/L <4]")? A serif font's
    last "1" is often read "]" or ")" ("<41" read "<4]", "141" read "14]"): dropping the bracket
    as a speck would read a tenth of the number."""
    unopened = text.count(")") > text.count("(") or text.count("]") > text.count("[")
    return unopened and any(_CLOSED_FIGURES.fullmatch(word) for word in text.split())


ONE_HEIGHT = 0.1  # a "1" is as tall as the figures before it and stands on their baseline, within this share


def closing_one(grey, text: str, x: int, y: int, w: int, h: int) -> bool:
    """Is the bracket OCR read at the end of the figures `text` in this box ("<4]", "43]") a figure
    "1"? A serif font's "1" is read "]" or ")"; a bracket is taller than the figures, reaching below
    their baseline, while a "1" is their height (ONE_HEIGHT) on their baseline. The box must hold a
    mark past the figures read before it: OCR also makes up a bracket where none is printed ("112)"
    for "112"), and the figures' own last mark would then pass for the "1" ("1121")."""
    import numpy as np
    from scipy import ndimage

    pixels = np.asarray(grey.crop((x - 2, y - 2, x + w + 2, y + h + 2)), dtype=np.float32) / 255.0
    if pixels.size == 0:
        return False
    labels, _ = ndimage.label(pixels < _otsu(pixels), structure=np.ones((3, 3)))
    boxes = sorted(ndimage.find_objects(labels), key=lambda b: b[1].stop)
    tall = max((b[0].stop - b[0].start for b in boxes), default=0)
    marks = [b for b in boxes if b[0].stop - b[0].start >= 0.6 * tall]  # no point, no dash
    # each figure or "<" read before the bracket is a tall mark of its own; a point, dash or "=" is not
    if tall < 10 or len(marks) < max(2, sum(c not in ".,-–=" for c in text)):
        return False
    last, others = marks[-1], marks[:-1]
    figures = [b for b in others if b[0].stop - b[0].start >= 0.85 * max(o[0].stop - o[0].start for o in others)]
    height = float(np.median([b[0].stop - b[0].start for b in figures]))
    bottom = float(np.median([b[0].stop for b in figures]))
    return (abs(last[0].stop - last[0].start - height) <= ONE_HEIGHT * height
            and abs(last[0].stop - bottom) <= ONE_HEIGHT * height)


def closers_doubted(row: list[Word]) -> list[Word]:
    """The row with each figure word ending in a bracket the row never opens marked unsure
    (`_closer_unopened`): the row is read again, and goes to "not read" unless two readings agree."""
    if not _closer_unopened(join_row(row)):
        return row
    return [Word(UNSURE, w.x0, w.x1, w.top, w.bottom) if _CLOSED_FIGURES.fullmatch(w.text) else w for w in row]


# what OCR makes of a small arrow flag ("↑" read "1", "t", "+", "ft"; "↓" read "l", "|", "4")
_ARROW_READS = {"1", "t", "T", "+", "f", "ft", "tf", "Tf", "fT", "t1", "1t", "l", "|", "I", "J", "4", "i", "!", "↑", "↓", UNSURE}
_VALUE_WORD = re.compile(r"[<>]?=?\d[\d.,]*")
ARROW_HEAD = 1.8  # how much wider than its stem an arrow's head is, at least
ARROW_TAIL = 1.4  # how much wider than its stem its other end may be, at most


def arrows_read(grey, rows: list[list[Word]]) -> list[list[Word]]:
    """Arrow flags put back: a short word right after a row's value that OCR read as a look-alike
    of an arrow ("1", "t", "+", or unsure), whose mark on the page is one thin upright stroke with
    a head at one end only, at least ARROW_HEAD times its stem's width and centred on it, becomes
    "↑" or "↓" by where the head is (`arrow_direction`). Anything else is left as read; an arrow
    put back is then checked as every flag is, against the value and its range."""
    heights = sorted(w.height for row in rows for w in row)
    letter = heights[len(heights) // 2] if heights else 0.0
    out = []
    for row in rows:
        row = sorted(row, key=lambda w: w.x0)
        for k in range(1, len(row)):
            word = row[k]
            if word.text in _ARROW_READS and _VALUE_WORD.fullmatch(row[k - 1].text):
                arrow = arrow_direction(grey, word, letter)
                if arrow:
                    row[k] = Word(arrow, word.x0, word.x1, word.top, word.bottom)
        out.append(row)
    return out


def arrow_direction(grey, word: Word, letter: float) -> str | None:
    """"↑" or "↓" when the word's box holds one mark shaped as an arrow: at least half a letter
    high, narrow, its widest rows in one end third (the head: ARROW_HEAD times the stem's width,
    with as much of it left as right of the stem), the other end no wider than ARROW_TAIL times
    the stem. None for anything else (a "1" has its hook on one side, a "t" its foot)."""
    import numpy as np
    from scipy import ndimage

    pad = 3
    box = (max(0, round(word.x0) - pad), max(0, round(word.top) - pad), round(word.x1) + pad, round(word.bottom) + pad)
    ink = np.asarray(grey.crop(box)) < 160
    labels, count = ndimage.label(ink, structure=np.ones((3, 3)))
    if not count:
        return None
    sizes = ndimage.sum(ink, labels, range(1, count + 1))
    main = int(np.argmax(sizes)) + 1
    if sum(size >= 0.2 * sizes[main - 1] for size in sizes) != 1:
        return None  # two marks or more: letters, not one arrow
    mark = labels == main
    rows = np.flatnonzero(mark.any(axis=1))
    mark = mark[rows[0]:rows[-1] + 1]
    height = mark.shape[0]
    cols = np.flatnonzero(mark.any(axis=0))
    if height < max(0.5 * letter, 8) or cols[-1] - cols[0] + 1 > 0.8 * height:
        return None
    lefts = np.array([np.flatnonzero(r)[0] if r.any() else -1 for r in mark])
    rights = np.array([np.flatnonzero(r)[-1] if r.any() else -1 for r in mark])
    widths = np.where(lefts >= 0, rights - lefts + 1, 0)
    third = max(1, height // 3)
    middle = slice(int(0.4 * height), max(int(0.6 * height), int(0.4 * height) + 1))
    stem = float(np.median(widths[middle]))
    if stem <= 0:
        return None
    centre = float(np.median((lefts[middle] + rights[middle]) / 2))
    for head, tail, arrow in ((slice(0, third), slice(height - third, height), "↑"),
                              (slice(height - third, height), slice(0, third), "↓")):
        widest = head.start + int(np.argmax(widths[head]))
        if widths[widest] < ARROW_HEAD * stem or widths[tail].max() > ARROW_TAIL * stem:
            continue
        left_part, right_part = centre - lefts[widest], rights[widest] - centre
        if min(left_part, right_part) >= 0.6 * max(left_part, right_part):
            return arrow
    return None


def _letter_lost(grey, word: list) -> bool:
    """Does a unit's box hold more tall marks than the unit read has characters? A thin "I" lost
    between two letters ("mIU/L" read "mU/L", a unit its test is also reported in) leaves its mark
    on the page; letters touching or broken only ever make fewer marks, or more of a small size."""
    import numpy as np
    from scipy import ndimage

    text, x, y, w, h = word
    pixels = np.asarray(grey.crop((x - 1, y - 1, x + w + 1, y + h + 1)), dtype=np.float32) / 255.0
    if pixels.size == 0:
        return False
    labels, _ = ndimage.label(pixels < _otsu(pixels), structure=np.ones((3, 3)))
    heights = [b[0].stop - b[0].start for b in ndimage.find_objects(labels)]
    tall = max(heights, default=0)
    return tall >= 10 and sum(height >= LETTER_MARK * tall for height in heights) > len(text.replace(" ", ""))


THIN_LETTERS = "Iil"  # a stroke OCR drops between two letters


def _one_letter_short(unit: str) -> bool:
    """Is the unit another unit with a thin letter left out ("mU/L" of "mIU/L", "U/L" of "IU/L")? Only
    such a read is counted against the marks on the page; any other unit's marks are not."""
    from healthlib.readers.labs.report_text import is_unit

    return any(is_unit(unit[:k] + c + unit[k:]) for k in range(len(unit) + 1) for c in THIN_LETTERS)


LETTER_MARK = 0.6  # of a word's tallest mark: a capital, a figure, a slash ("/"); a lower-case "o" may not be


_WHOLE_NUMBER = re.compile(r"[<>(]?=?\d{2,}[)]?(?:[HL]{1,2}\*?)?")  # figures with no decimal point ("19", "<150", "14H")
POINT_SIZE = 0.3  # a decimal point is at most this share of its figures' height, across and down
POINT_ON_LINE = 0.15  # and sits on their baseline, within this share of their height


def hidden_point(grey, x: int, y: int, w: int, h: int) -> bool:
    """Does the word OCR read as a whole number in this box show a decimal point between its
    figures ("19" read for "1.9")? A dot-sized mark (POINT_SIZE) sitting on the figures' baseline
    (POINT_ON_LINE) with a figure on each side of it: the read lost a point, and the number must
    not be read as it was (a tenfold error)."""
    import numpy as np
    from scipy import ndimage

    pixels = np.asarray(grey.crop((x - 2, y - 2, x + w + 2, y + h + 2)), dtype=np.float32) / 255.0
    if pixels.size == 0:
        return False
    ink = pixels < _otsu(pixels)
    labels, _ = ndimage.label(ink, structure=np.ones((3, 3)))
    boxes = ndimage.find_objects(labels)
    tall = max((b[0].stop - b[0].start for b in boxes), default=0)
    figures = [b for b in boxes if b[0].stop - b[0].start >= 0.6 * tall]
    if tall < 10 or len(figures) < 2:
        return False
    baseline = float(np.median([b[0].stop for b in figures]))
    for i, b in enumerate(boxes):
        if (b[0].stop - b[0].start > POINT_SIZE * tall or b[1].stop - b[1].start > POINT_SIZE * tall
                or (labels[b] == i + 1).sum() < 4 or abs(b[0].stop - baseline) > POINT_ON_LINE * tall):
            continue
        middle = (b[1].start + b[1].stop) / 2
        if any(f[1].stop <= middle for f in figures) and any(f[1].start >= middle for f in figures):
            return True
    return False


MISSED_CONFIDENCE = 40  # how surely a word tesseract passed over must be read (its figures are then checked as any word's)


def missed_words(grey, words: list[tuple]) -> list[tuple]:
    """Words tesseract's page layout passed over: a sparse column of one-letter flags ("H", "L")
    is often taken for specks and dropped, and its row then reads as an unflagged value out of
    range. Letter-sized marks outside every word's box, with words on both sides of them in the
    same row (so never the page's edge or a speck in a margin), or past a row's last word in a
    column of such marks (a table's last column of flags), are gathered into runs, cut out,
    read on one sheet, and returned as words of their own lines (in `_tesseract`'s form) when read
    with at least MISSED_CONFIDENCE."""
    import numpy as np
    from scipy import ndimage

    boxes = [(x, y, x + w, y + h) for *_, x, y, w, h, _, text in words if text]
    texts = [text for *_, text in words if text]
    if len(boxes) < 4:
        return []
    height = float(np.median([b[3] - b[1] for b in boxes]))
    ink = np.asarray(grey) < 160
    pad = max(2, round(height / 6))
    for x0, y0, x1, y1 in boxes:
        ink[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad] = False
    labels, _ = ndimage.label(ink)
    marks, last = [], []
    for rows, cols in ndimage.find_objects(labels):
        top, bottom, left, right = rows.start, rows.stop, cols.start, cols.stop
        if not (0.45 * height <= bottom - top <= 1.4 * height and right - left <= 3 * height):
            continue
        middle = (top + bottom) / 2
        beside = [b for b in boxes if b[1] < middle < b[3]]
        if any(b[2] <= left for b in beside):
            (marks if any(b[0] >= right for b in beside) else last).append([left, top, right, bottom])
    # a mark past a row's last word is kept when it stands in a column of such marks, or of short
    # words OCR did read there: a table's last column of flags ("... U/L  L"), never a lone speck
    short = [(x0, x1, (y0 + y1) / 2) for (x0, y0, x1, y1), text in zip(boxes, texts, strict=True) if len(text) <= 2]
    for mark in last:
        middle = (mark[1] + mark[3]) / 2
        if any(min(mark[2], x1) - max(mark[0], x0) > 0 and abs(y - middle) > height
               for x0, x1, y in short + [(m[0], m[2], (m[1] + m[3]) / 2) for m in last]):
            marks.append(mark)
    # marks close together along a row are one word or cell ("HH", "2.5")
    marks.sort()
    runs: list[list[int]] = []
    for mark in marks:
        run = next((r for r in runs if mark[0] - r[2] < 0.8 * height and mark[1] < r[3] and mark[3] > r[1]), None)
        if run is None:
            runs.append(mark)
        else:
            run[:] = [min(run[0], mark[0]), min(run[1], mark[1]), max(run[2], mark[2]), max(run[3], mark[3])]
    if not runs:
        return []
    margin = round(height / 3)
    crops = [grey.crop((x0 - margin, y0 - margin, x1 + margin, y1 + margin)) for x0, y0, x1, y1 in runs]
    found = []
    for i, (x, top, w, h, conf, text) in _read_sheet(crops, time_limit=REREAD_TIME_LIMIT):
        if conf >= MISSED_CONFIDENCE and text:
            x0, y0 = runs[i][0] - margin, runs[i][1] - margin
            found.append(("missed", str(i), "", x0 + x, y0 + top, w, h, conf, text))
    return found


def reread_rows(grey, rows: list[list[Word]]) -> list[str]:
    """Rows the text reader would send to "not read" (a word OCR was unsure of, a stray mark, a
    lost decimal point caught by the row's own flag and range), or that name a catalogue test
    but give no result (`_lost_result`), are read again: each row cut out along its words,
    enlarged, and read five ways (`_read_rows`). Each row, and each of its readings, is judged as
    the text reader will judge it, under the column headings above it (`_under_headings`: a
    table's "Collected", "Status" and "Lab" columns dropped; a cumulative report's row by its newest
    result, after the heading's dates OCR was unsure of are read again first, `_agreed_dates`, so
    a row read whole is never read again). A new reading replaces the row
    only when two of the five agree on every result (`_vote_key`), more than agree on any other
    reading, the results are not doubtful nor implausible, and the digits first read with
    confidence are all still there in order (only a decimal point, or what OCR was unsure of, may
    be filled in). Failing that, the words first read unsure are filled in where
    the readings agree at their place (`_fill_unsure_cells`), if the row then reads without doubt.
    Otherwise the row stays as first read, and goes to "not read"."""
    from healthlib.readers.labs.report_text import doubtful, judge_lines, uses_flags, uses_ranges

    texts = [join_row(row) for row in rows]
    dated = [i for i, text in enumerate(texts) if _unsure_dated_heading(text)][:MAX_DATED_HEADINGS]
    if dated:  # a cumulative report's unsure dates are read first: with them known, its rows are judged whole
        try:
            reads = _read_rows([_row_image(grey, rows[i])[0] for i in dated])
        except UnreadableReport:  # out of time: the heading stays unread, and so do the rows under it
            reads = [[] for _ in range(len(dated) * len(ROW_SCALES))]
        for k, i in enumerate(dated):
            texts[i] = _agreed_dates(texts[i], reads[k::len(dated)])
    shaped = _under_headings(texts)
    judged = judge_lines([shaped(i, text) for i, text in enumerate(texts)], ocr=True)
    again = [i for i, (_, found) in enumerate(judged) if i not in dated and CONFLICT not in texts[i]
             and (found is None or (not found and _lost_result(texts[i])))][:MAX_REREAD_ROWS]
    units = [i for i in range(1, len(rows)) if i not in again and not judged[i][1] and judged[i - 1][1] != []
             and _unit_line(rows[i - 1], rows[i])][:MAX_REREAD_ROWS - len(again)]
    if not again and not units:
        return texts
    flags_used = uses_flags(found for _, found in judged)
    ranges_used = uses_ranges((found for _, found in judged), [line for line, _ in judged])
    cuts = [_row_image(grey, rows[i]) for i in again + units]
    try:
        reads = _read_rows([cut for cut, _ in cuts])
    except UnreadableReport:  # the re-read ran out of time: keep the first reading (not read)
        return texts
    for k, i in enumerate(units, start=len(again)):
        texts[i] = _agreed_unit(texts[i], reads[k::len(cuts)])
    reads = [read for n, read in enumerate(reads) if n % len(cuts) < len(again)]

    def trusted(i: int, text: str) -> list | None:
        ((_, found),) = judge_lines([shaped(i, text)], ocr=True)
        return found if found and not doubtful(found, flags_used=flags_used, ranges_used=ranges_used) else None

    for k, i in enumerate(again):
        readings = reads[k::len(again)]
        votes: dict[str, list[str]] = {}
        for words in readings:
            text = join_row(words) if words else ""
            if not text or UNSURE in text or _closer_unopened(text) or not _digits_kept(_firm(rows[i]), text):
                continue
            found = trusted(i, text)
            if found:
                votes.setdefault(_vote_key(found), []).append(text)
        agreed = _most_agreed(votes)
        if agreed:
            # the reading whose names are spelled as the row first read them, if one is
            name = texts[i].split("   ", 1)[0]
            texts[i] = next((text for text in agreed if text.startswith(name)), agreed[0])
            continue
        filled = _fill_unsure_cells(rows[i], readings, cuts[k][1])
        if (filled is not None and not _closer_unopened(filled) and _digits_kept(_firm(rows[i]), filled)
                and trusted(i, filled)):
            texts[i] = filled
    return texts


MAX_DATED_HEADINGS = 2  # heading rows of dated columns read again on one page
UNIT_LINE = 1.0  # a unit printed under its value is no taller than the value row (its "g" reaches below)


def _unit_line(above: list[Word], row: list[Word]) -> bool:
    """Could the row be a unit printed small under the value of the result row above it (a table
    whose every value has its unit beneath it, "63" over "mg/dL")? One or two words of smaller
    print than the row above, starting right of where that row's name begins. OCR reads such
    small print poorly ("my dl"), and the result above then has no unit: it is read again."""
    def height(words: list[Word]) -> float:
        return sorted(w.height for w in words)[len(words) // 2]

    return (len(row) <= 2 and height(row) <= UNIT_LINE * height(above)
            and min(w.x0 for w in row) > min(w.x1 for w in above))


def _agreed_unit(text: str, readings: list[list[Word]]) -> str:
    """A small line under a value as its readings give it, when two or more read it as the same
    whole unit (`report_text.is_unit`) and more agree on that than on anything else; otherwise the
    line as first read (a garbled unit stays unread, and its result with it)."""
    from healthlib.readers.labs.report_text import is_unit

    votes: dict[str, list[str]] = {}
    for words in readings:
        again = join_row(words) if words else ""
        if again and UNSURE not in again:
            votes.setdefault(again if is_unit(again) else "", []).append(again)
    agreed = _most_agreed(votes)
    return agreed[0] if agreed and agreed[0] and is_unit(agreed[0]) else text


def _unsure_dated_heading(text: str) -> bool:
    """Is the row a cumulative report's heading ("Test   12/03/24   05/11/23 ...   Reference range")
    whose dates OCR was unsure of: it starts with a test-name heading and holds two unsure words
    or more? Without its dates the report's newest column cannot be told, and every row under it
    goes to "not read"."""
    from healthlib.readers.labs.columns import HEADING_ROLE, split_cells

    cells = split_cells(text)
    return bool(cells) and HEADING_ROLE.get(cells[0].lower().rstrip(":")) == "name" and text.count(UNSURE) >= 2


def _agreed_dates(text: str, readings: list[list[Word]]) -> str:
    """The heading row as the readings of its cut-out give it, when at least two of them read it
    as dated columns (`columns.dated_columns`) with the same dates, whose order tells the newest
    column, and more readings agree on that than on any other; otherwise the row as first read.
    A misread date most often breaks the dates' order, which leaves the newest column unknown."""
    from healthlib.readers.labs.columns import dated_columns, split_cells

    votes: dict[tuple, list[str]] = {}
    for words in readings:
        again = join_row(words) if words else ""
        columns = dated_columns(again) if again and UNSURE not in again else None
        if columns is None or columns.newest is None:
            continue
        dates = tuple(c for c in split_cells(again) if any(ch.isdigit() for ch in c))
        votes.setdefault((columns.count, columns.newest, dates), []).append(again)
    agreed = _most_agreed(votes)
    return agreed[0] if agreed else text


def _most_agreed(votes: dict[object, list[str]]) -> list[str] | None:
    """The readings of a row that agree, when two or more do and more agree on them than on any other."""
    agreed = sorted(votes.values(), key=len, reverse=True)
    if agreed and len(agreed[0]) >= 2 and (len(agreed) == 1 or len(agreed[1]) < len(agreed[0])):
        return agreed[0]
    return None


def _under_headings(texts: list[str]):
    """(row index, text) -> the text as the text reader reads it under the table headings in
    effect at that row (`columns.apply_headings`), a cumulative report's dated columns among them
    (its row reduced to the newest date's result); unchanged where no heading line is above. As
    the text reader does, a cell's leading range label is dropped first (`columns.unlabel`: "Ref
    Range: 70-99" is the range 70-99; judged with its label, no reading of such a row was trusted)."""
    from healthlib.readers.labs.columns import (
        apply_headings,
        dated_columns,
        headings,
        range_led_cells,
        unlabel,
    )
    from healthlib.readers.labs.report_text import cell_kind

    heading_of: list[str | None] = []
    current = None
    for text in texts:
        if headings(text) is not None or dated_columns(text) is not None:
            current = text
        heading_of.append(current)

    def shaped(i: int, text: str) -> str:
        heading = heading_of[i]
        if range_led_cells(text):  # only a cell led by the label: a letter's "(normal range 50 to 125)" is its sentence's
            text = unlabel(text)
        return text if heading is None or text == heading else apply_headings([heading, text], cell_kind)[1]

    return shaped


def _lost_result(text: str) -> bool:
    """Does an OCR'd row that gave no result start with a catalogue test's name followed by
    figures (its value or range misread, or a junk flag that fits no column): a result lost,
    worth reading again, never a line to pass over."""
    first = re.search(r"(?<!\S)[<>(\[]?\d|\u2047", text)
    return first is not None and _catalogue_test(text[: first.start()]) is not None


def _vote_key(found) -> tuple:
    """What two readings of a row must agree on: for each result, its test (a catalogue test, or
    its printed name's words), value, unit, range and flag. A slip in a name's letters that still
    names the same test ("HEMOGLOBIN (HGBI") does not split the vote; a figure always does, and so
    does a unit's letter (`folded_unit`: "U/L" and "IU/L" are one unit, but a reading that lost the
    thin "I" must not join one that kept it and then be the one written for the page's print)."""
    from healthlib.model.lab_catalogue import normalise_name
    from healthlib.model.lab_units import folded_unit
    from healthlib.readers.labs.catalogue import builtin_catalogue

    def test(name: str) -> str:
        found = builtin_catalogue().match(name)
        return found.id if found is not None else normalise_name(name)

    return tuple((test(r.printed_name), r.value_text, folded_unit(r.unit) if r.unit else None, r.range_low,
                  r.range_high, r.range_text, (r.flag or "").upper()) for r in found)


def _fill_unsure_cells(row: list[Word], readings: list[list[Word]], left: float) -> str | None:
    """The row as first read with each word OCR was unsure of replaced by what the readings of
    the cut-out row hold at its place, when at least two readings agree there and more readings
    agree on it than on anything else; None when any unsure word is not agreed on. A reading's
    words sit on its crop, enlarged `ROW_SCALES[n]` times; `left` is where the crop starts."""
    unsure = [w for w in row if w.text == UNSURE]
    if not unsure or len(readings) != len(ROW_SCALES):
        return None
    sure = [w for w in row if w.text != UNSURE]
    replaced = {}
    for u in unsure:
        votes: dict[str, int] = {}
        for words, scale in zip(readings, ROW_SCALES, strict=True):
            placed = [Word(w.text, left + w.x0 / scale, left + w.x1 / scale, 0, 0) for w in words]
            here = [w for w in placed if _overlap(w, u) > 0.5 * min(w.x1 - w.x0, u.x1 - u.x0)]
            # a reading whose word here runs into a word first read surely has joined two cells
            if not here or any(UNSURE in w.text or any(_overlap(w, s) > 0.3 * (s.x1 - s.x0) for s in sure)
                               for w in here):
                continue
            text = " ".join(w.text for w in sorted(here, key=lambda w: w.x0))
            votes[text] = votes.get(text, 0) + 1
        ranked = sorted(votes.values(), reverse=True)
        if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
            return None
        replaced[u] = max(votes, key=votes.get)
    return join_row([Word(replaced.get(w, w.text), w.x0, w.x1, w.top, w.bottom) for w in row])


def _overlap(a: Word, b: Word) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0))


# how much a cut-out row is enlarged for each of its readings: grey, sharpened, black and white,
# then grey at two more sizes (letters that run together at one size part at another)
ROW_SCALES = (1.5, 2.0, 1.5, 1.0, 2.5)
MAX_REREAD_ROWS = 24  # rows read again on one page (bounds the sheet: 120 crops)
REREAD_TIME_LIMIT = 20.0  # seconds for that one tesseract run (about 0.5-1 s when the machine is idle; a
# busy machine can take ten times that, and a run cut short loses every re-read of the page)


_NUMBER = re.compile(r"\d(?:[.,]?\d)*")


def _digits_kept(before: str, after: str) -> bool:
    """Are the numbers of `before` (words OCR was unsure of left out) all numbers of `after`, in
    order, each whole (a decimal point may be filled in)? Only words of figures count (a flag may
    end one: "14H"), on both sides: a reading that lost a value's last figure must not pass because
    the unit beside it holds that figure ("431" read "43" beside "x10^9/L")."""
    def numbers(text: str, *, sure_only: bool) -> list[str]:
        words = [re.sub(r"[HL]{1,2}\*?$", "", word) for word in text.split() if not (sure_only and UNSURE in word)]
        return [re.sub(r"[.,]", "", n) for word in words if not any(c.isalpha() for c in word)
                for n in _NUMBER.findall(word)]

    rest = iter(numbers(after, sure_only=False))
    return all(n in rest for n in numbers(before, sure_only=True))


def _row_image(grey, row: list[Word]):
    """The row cut out along its words: each word's box, and the gap between neighbours, a little
    padded; the rest white, so a slanted or curved neighbouring row does not creep in."""
    from PIL import Image

    row = sorted(row, key=lambda w: w.x0)
    height = max(sorted(w.height for w in row)[len(row) // 2], 8)
    pad_x, pad_y = round(0.6 * height), round(0.2 * height)
    left, right = max(0, round(row[0].x0) - pad_x), min(grey.width, round(max(w.x1 for w in row)) + pad_x)
    top = max(0, round(min(w.top for w in row)) - pad_y)
    bottom = min(grey.height, round(max(w.bottom for w in row)) + pad_y)
    out = Image.new("L", (right - left, bottom - top), 255)
    pieces = [(w.x0 - pad_x, w.top, w.x1 + pad_x, w.bottom) for w in row]
    pieces += [(a.x1, min(a.top, b.top), b.x0, max(a.bottom, b.bottom)) for a, b in zip(row, row[1:], strict=False)]
    for x0, y0, x1, y1 in pieces:
        box = (max(left, round(x0)), max(top, round(y0) - pad_y), min(right, round(x1)), min(bottom, round(y1) + pad_y))
        if box[2] > box[0] and box[3] > box[1]:
            out.paste(grey.crop(box), (box[0] - left, box[1] - top))
    return out, left


def _read_rows(cuts: list) -> list[list[Word]]:
    """Rows cut out and read five ways (`ROW_SCALES`): grey, sharpened, cut to black and white
    (Otsu), and grey at two more sizes, all stacked on one sheet and read in one tesseract run:
    each reading's words, placed on its enlarged crop ([] where nothing was read), in that order
    (all grey rows, all sharpened, ...). A figure word read with less than AGREED_CONFIDENCE is
    marked unsure."""
    import numpy as np
    from PIL import Image, ImageFilter

    def enlarged(crop, scale: float):
        return crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)

    grey_scale, sharp_scale, _, *more_scales = ROW_SCALES
    crops = [enlarged(c, grey_scale) for c in cuts]
    crops += [enlarged(c, sharp_scale).filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=2)) for c in cuts]
    for crop in crops[: len(cuts)]:  # black and white: the grey crops cut at their own Otsu level
        pixels = np.asarray(crop, dtype=np.float32)
        crops.append(Image.fromarray(np.where(pixels < _otsu(pixels / 255.0) * 255, 0, 255).astype(np.uint8)))
    crops += [enlarged(c, scale) for scale in more_scales for c in cuts]
    words: dict[int, list[Word]] = {}
    for i, (x, top, w, h, conf, text) in _read_sheet(crops, time_limit=REREAD_TIME_LIMIT):
        unsure = ((conf < AGREED_CONFIDENCE and not any(c.isalpha() for c in text))
                  or (_WHOLE_NUMBER.fullmatch(text) is not None and hidden_point(crops[i], x, top, w, h)))
        words.setdefault(i, []).append(Word(UNSURE if unsure else text, x, x + w, top, top + h))
    for i, found in words.items():  # a serif "1" read "]" at a number's end, as on the page (`closing_one`)
        if _closer_unopened(join_row(found)):
            words[i] = [Word(w.text[:-1] + "1", w.x0, w.x1, w.top, w.bottom) if _CLOSED_FIGURES.fullmatch(w.text)
                        and closing_one(crops[i], w.text, round(w.x0), round(w.top), round(w.x1 - w.x0),
                                        round(w.bottom - w.top))
                        else w for w in found]
    return [words.get(i, []) for i in range(len(crops))]


def _read_sheet(crops: list, options: tuple[str, ...] = (), *,
                time_limit: float = OCR_TIME_LIMIT) -> list[tuple[int, tuple[int, int, int, int, float, str]]]:
    """Crops stacked on one white sheet and read in one tesseract run (`--psm 6`): each word as
    (index of the crop it sits on, (left, top, width, height, confidence, text)), placed on its crop."""
    from PIL import Image

    gap = 40
    sheet = Image.new("L", (max(c.width for c in crops) + 2 * gap, sum(c.height + gap for c in crops) + gap), 255)
    spans = []
    y = gap
    for crop in crops:
        sheet.paste(crop, (gap, y))
        spans.append((y, y + crop.height))
        y += crop.height + gap
    found = []
    for *_, x, top, w, h, conf, text in _tesseract(sheet, "6", options, time_limit=time_limit):
        middle = top + h / 2
        found.extend((i, (x - gap, top - a, w, h, conf, text)) for i, (a, b) in enumerate(spans) if a <= middle <= b)
    return found


def _second_read(grey, doubtful: list[list]) -> None:
    """Read each doubtful word again on its own, enlarged; keep it only when both reads agree.
    Words made only of figures ("4.5", "(<8)") are read again seeing figures only; words with
    letters too ("A1c", "x10E3/uL") are read again as they are."""
    figures_only = [w for w in doubtful if not any(c.isalpha() for c in w[0])]
    with_letters = [w for w in doubtful if any(c.isalpha() for c in w[0])]
    _read_again(grey, figures_only, FIGURES_ONLY)
    _read_again(grey, with_letters, ())


def _read_again(grey, doubtful: list[list], options: tuple[str, ...], *, sure: bool = False) -> None:
    """Each word read again; marked unsure unless the second read agrees. A word tesseract was
    `sure` of is marked unsure only when the second read gives other figures (a second read
    that finds nothing, or splits the word, does not overrule a sure first one)."""
    from PIL import Image

    if not doubtful:
        return
    pad, scale = 6, 2
    crops = [grey.crop((x - pad, y - pad, x + w + pad, y + h + pad)) for _, x, y, w, h in doubtful]
    crops = [c.resize((c.width * scale, c.height * scale), Image.Resampling.LANCZOS) for c in crops]
    again: dict[int, list[tuple[str, float]]] = {}
    for i, (*_, conf, text) in _read_sheet(crops, options):
        again.setdefault(i, []).append((text, conf))
    for i, word in enumerate(doubtful):
        reads = again.get(i, [])
        if sure:
            # a point read as a comma is the same mark ("<=5.7", then "<=5,7" on a busy sheet)
            second = reads[0][0].replace(",", ".") if len(reads) == 1 else ""
            if _figures(second) and _figures(second) != _figures(word[0].replace(",", ".")):
                word[0] = UNSURE
            continue
        if len(reads) == 1 and _zero_swapped(_figures(word[0]), _figures(reads[0][0])):
            # a unit's figures ("x10^9/L") are checked by it being a unit: read its row again
            word[0] = _slashed_zeros(grey, word, reads[0][0]) or (UNSURE if any(c.isalpha() for c in word[0])
                                                                  else CONFLICT)
        elif not (len(reads) == 1 and _figures(reads[0][0]) == _figures(word[0]) and reads[0][1] >= AGREED_CONFIDENCE):
            word[0] = UNSURE


def _slashed_zeros(grey, word: list, second: str) -> str | None:
    """A word two reads gave with 0, 6, 8 or 9 at the same places (`_zero_swapped`), settled when
    every figure the reads disagree on is, by its shape, a zero with a stroke or dot inside (a
    typewriter font's slashed zero): the first read with those figures made 0. None when any
    is not plainly a zero, or the word's figures cannot be told apart one by one."""
    first = word[0]
    if not re.fullmatch(r"[\d.\-]+", first):  # only figures, points and dashes: each figure is one mark
        return None
    digits = [(a, b) for a, b in zip(_figures(first), _figures(second), strict=False) if a.isdigit()]
    places = [k for k, (a, b) in enumerate(digits) if a != b]
    # figures stand apart, each a mark of its own; a word whose figures touch is not settled
    glyphs = _glyphs(grey, *word[1:])
    if len(glyphs) != len(digits) or not all(_zero_shaped(glyphs[k][1]) for k in places):
        return None
    out, k = [], -1
    for c in first:
        if c.isdigit():
            k += 1
            c = "0" if k in places else c
        out.append(c)
    return "".join(out)


def _zero_shaped(glyph) -> bool:
    """An oval with a hole reaching into both its upper and lower thirds, as far from its top as
    from its bottom (within ZERO_BALANCE of its height), and no waist (its middle nowhere
    narrower than ZERO_WAIST of its widest): a 0, whatever is drawn inside it. An 8 is pinched
    between its loops; a 6 and a 9 hold their hole in one half, even when a blur closes them."""
    import numpy as np
    from scipy import ndimage

    filled = ndimage.binary_fill_holes(glyph)
    hole = filled & ~glyph
    height = glyph.shape[0]
    if not hole.any() or height < 10:
        return False
    cols = [np.flatnonzero(row) for row in filled]
    widths = np.array([c[-1] - c[0] + 1 if c.size else 0 for c in cols])
    middle = widths[round(0.35 * height): round(0.65 * height) + 1]
    holes = np.flatnonzero(hole.any(axis=1))
    above, below = holes[0] / height, 1 - (holes[-1] + 1) / height  # ink above and below the hole
    return (middle.min() >= ZERO_WAIST * widths.max()
            and max(above, below) < 1 / 3 and abs(above - below) <= ZERO_BALANCE)


ZERO_WAIST = 0.88
ZERO_BALANCE = 0.08


def _zero_swapped(first: str, second: str) -> bool:
    """Do two reads differ only in figures a slashed zero is read as (0, 6, 8, 9)?"""
    pairs = [(a, b) for a, b in zip(first, second, strict=False) if a != b]
    return len(first) == len(second) and bool(pairs) and all({a, b} <= set("0689") for a, b in pairs)


def _figures(text: str) -> str:
    """What must agree between two reads: digits, decimal points, signs and comparisons (brackets
    and letters around them are often read differently and change no number)."""
    return "".join(c for c in text if c.isdigit() or c in ".-<>=")


def _tesseract(image, psm: str, options: tuple[str, ...] = (), *,
               time_limit: float = OCR_TIME_LIMIT) -> list[tuple[str, str, str, int, int, int, int, float, str]]:
    """tesseract's words: (block, paragraph, line, left, top, width, height, confidence, text).

    tesseract is run directly, the image piped to its stdin and its word table read from its
    stdout (pytesseract would write the image to a temporary file, and a report must never touch
    the disk). It runs on one thread: its OpenMP threads spin while they wait for each other, which
    on a busy 2-core machine made one photo take three times as long.
    """
    import os
    import subprocess

    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        done = subprocess.run(["tesseract", "stdin", "stdout", "--psm", psm, "--dpi", "300", "-l", "eng", *options,
                               "tsv"], input=buffer.getvalue(), capture_output=True, timeout=time_limit,
                              check=False, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except subprocess.TimeoutExpired:
        raise UnreadableReport(f"took longer than {time_limit:g} s to read by OCR") from None
    except FileNotFoundError:
        raise UnreadableReport("reading photos needs Debian's tesseract-ocr, which is not installed") from None
    if done.returncode != 0:
        raise UnreadableReport("could not be read by OCR; it may be damaged")
    words = []
    for row in done.stdout.decode("utf-8", "replace").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or not cells[11].strip():
            continue
        _, _, block, par, line, _, left, top, width, height, conf, text = cells[:12]
        words.append((block, par, line, int(left), int(top), int(width), int(height), float(conf), text.strip()))
    return words
