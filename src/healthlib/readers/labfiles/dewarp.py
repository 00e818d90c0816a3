"""Text rows made level on a curved or keystoned photo (runs in the reading child).

A phone photo's rows are rarely straight lines at one slant: the lens bulges the page (barrel
distortion), and a page photographed at an angle slants more at one end than the other. One
rotation cannot level them all, and tesseract then breaks a table row in two or joins pieces of
neighbouring rows. Here the slant of the text is measured wherever there is text (each run of
letters, joined into a strip, gives its slope at its middle), a smooth slope field (a quadratic in
x and y) is fitted to those samples, and every pixel column is shifted up or down so that each
row follows the field: each row's curve becomes a straight level line. Only vertical shifts are
made, so columns keep their places and letters keep their shapes.
"""

from __future__ import annotations

MIN_SAMPLES = 12  # slope samples needed to fit the field; fewer and the page is left as it is
MAX_SLOPE = 0.25  # a strip slanting more than ~14 degrees is not a text row (a rule down the page, a smudge)
STEP = 32  # pixels between the points where each row's curve is followed (a mesh tile between them)
# cockled (moisture-wavy) paper: its rows wave up and down two or three times across the page, which
# no quadratic follows. When the quadratic misses the samples by more than WAVY (the median slope
# left over; a flat scan 0.001-0.003, a photo up to 0.014, a cockled page 0.026), what a plane leaves
# is followed locally: the leftover slopes averaged near each point (a Gaussian WAVE_REACH of the
# page's width across and height down), pulled towards the plane where few samples lie (WAVE_PRIOR
# samples' worth) ...
WAVY = 0.01
WAVE_REACH = (0.04, 0.05)
WAVE_PRIOR = 0.3
WAVE_GAIN = 0.7  # ... and only when that local average foretells the leftover slopes this much better


def slope_samples(ink):
    """(x, y, slope, weight) of text strips in a boolean ink mask (True = ink): letters joined
    along their row by a horizontal closing, each strip cut into pieces a few letters long, and
    the line its letters stand on fitted to each piece (`_baseline`; weight: columns on it)."""
    import numpy as np
    from scipy import ndimage

    labels, count = ndimage.label(ink)
    if count == 0:
        return np.zeros((0, 4))
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    widths = np.array([b[1].stop - b[1].start for b in boxes])
    letters = heights[(heights >= 4) & (widths <= 3 * heights) & (heights <= ink.shape[0] // 20)]
    if len(letters) < MIN_SAMPLES:
        return np.zeros((0, 4))
    letter = float(np.median(letters))
    strips = ndimage.binary_closing(ink, structure=np.ones((1, max(3, round(1.5 * letter))), bool))
    labels, count = ndimage.label(strips)
    samples = []
    piece = max(8, round(6 * letter))
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        rows, cols = box
        if cols.stop - cols.start < 3 * letter:
            continue
        mask = labels[box] == index
        filled = mask.any(axis=0)
        top = np.argmax(mask, axis=0)
        bottom = mask.shape[0] - np.argmax(mask[::-1], axis=0)
        thickness = np.where(filled, bottom - top, 0)
        # a strip as thick as two rows is two rows joined (or a picture): no slope from it
        if np.median(thickness[filled]) > 1.8 * letter:
            continue
        base = bottom + rows.start
        xs = np.arange(cols.start, cols.stop)
        for start in range(0, len(xs), piece):
            part = slice(start, min(start + piece, len(xs)))
            keep = filled[part] & (thickness[part] <= 1.8 * letter)
            if keep.sum() < 3 * letter:
                continue
            line = _baseline(xs[part][keep], base[part][keep], letter)
            if line is not None and abs(line[0]) <= MAX_SLOPE:
                slope, intercept, used = line
                x = float(xs[part][keep].mean())
                samples.append((x, slope * x + intercept, slope, float(used)))
    return np.array(samples).reshape(-1, 4)


def _baseline(xs, bottoms, letter: float):
    """(slope, intercept, columns used) of the line the letters of a strip stand on, or None.
    The bottom of every letter (digits, capitals, small letters) is on it; descenders ("g", "p",
    "/") and a hyphen's gap are not, so columns far from the line are dropped and it is fitted
    again, each time closer. The middle of a strip would tilt with what is written ("100 mg/dL":
    tall, short, tall)."""
    import numpy as np

    keep = np.ones(len(xs), bool)
    slope, intercept = 0.0, float(np.median(bottoms))
    for allowed in (0.5, 0.25, 0.12):
        off = np.abs(bottoms - (slope * xs + intercept))
        keep = off <= allowed * letter
        if keep.sum() < 2 * letter:
            return None
        slope, intercept = np.polyfit(xs[keep], bottoms[keep], 1)
    return float(slope), float(intercept), int(keep.sum())


def _terms(x, y):
    import numpy as np

    return np.stack([np.ones_like(x), x, y, x * y, x * x, y * y], axis=-1)


def fit_slope_field(samples, width: int, height: int):
    """The slope dy/dx of text rows anywhere on the page: a quadratic in x and y fitted to the
    samples by weighted least squares, twice, the second time without samples far off the first
    fit (a strip that is not a row); on cockled paper, a plane and the leftover slopes averaged
    locally (WAVY). None when there are too few samples."""
    import numpy as np

    if len(samples) < MIN_SAMPLES:
        return None
    x, y, slope, weight = (samples[:, i] for i in range(4))
    scale_x, scale_y = width / 2, height / 2
    terms = _terms(x / scale_x - 1, y / scale_y - 1)
    keep = np.ones(len(samples), bool)
    for _ in range(2):
        root = np.sqrt(weight[keep])
        coef, *_ = np.linalg.lstsq(terms[keep] * root[:, None], slope[keep] * root, rcond=None)
        residual = np.abs(terms @ coef - slope)
        spread = max(float(np.median(residual[keep])) * 3.0, 0.004)
        keep = residual <= spread
        if keep.sum() < MIN_SAMPLES:
            break

    def field(xs, ys):
        return _terms(xs / scale_x - 1, ys / scale_y - 1) @ coef

    if np.median(residual) <= WAVY:
        return field
    # a quadratic bent to the waves says nothing where no text is (between columns, past the last
    # one): the page's turn (a plane) is what the local average falls back on there
    root = np.sqrt(weight)
    flat, *_ = np.linalg.lstsq(terms[:, :3] * root[:, None], slope * root, rcond=None)
    leftover = slope - terms[:, :3] @ flat
    unit = weight / np.median(weight)  # each sample's weight, a typical one 1
    reach_x, reach_y = WAVE_REACH[0] * width, WAVE_REACH[1] * height

    def nearness(xs, ys):
        return np.exp(-0.5 * (((xs[..., None] - x) / reach_x) ** 2 + ((ys[..., None] - y) / reach_y) ** 2)) * unit

    # waves are there only when each sample's leftover is foretold by its neighbours' (left out
    # itself): a photo's scattered slopes (blur, a smudge) leave leftovers no neighbour shares
    near = nearness(x, y)
    np.fill_diagonal(near, 0.0)
    foretold = np.abs(leftover - (near @ leftover) / (near.sum(axis=-1) + WAVE_PRIOR))
    if np.median(foretold) > WAVE_GAIN * np.median(residual):
        return field

    def wavy_field(xs, ys):
        xs, ys = np.asarray(xs, np.float64), np.asarray(ys, np.float64)
        near = nearness(xs, ys)
        base = _terms(xs / scale_x - 1, ys / scale_y - 1)[..., :3] @ flat
        return base + (near @ leftover) / (near.sum(axis=-1) + WAVE_PRIOR)

    return wavy_field


def row_curves(field, width: int, height: int, margin: int):
    """For each output row y' (from -margin to height+margin, every STEP) and each column x (every
    STEP), the input y its curve passes through: curves follow the field outward from the page's
    middle column, where y = y'. Returns (columns, output rows, input y [rows x columns])."""
    import numpy as np

    xs = np.arange(0, width + STEP, STEP, dtype=np.float64)
    out_rows = np.arange(-margin, height + margin + STEP, STEP, dtype=np.float64)
    middle = len(xs) // 2
    curves = np.empty((len(out_rows), len(xs)))
    curves[:, middle] = out_rows
    for direction in (1, -1):
        y = out_rows.copy()
        i = middle
        while 0 <= i + direction < len(xs):
            x0, x1 = xs[i], xs[i + direction]
            half = y + field(np.full_like(y, x0), y) * (x1 - x0) / 2  # midpoint step
            y = y + field(np.full_like(y, (x0 + x1) / 2), half) * (x1 - x0)
            i += direction
            curves[:, i] = y
    return xs, out_rows, curves


def rotation(width: int, height: int, angle: float):
    """Pillow's `rotate(angle, expand=True)` as numbers (the same steps as Pillow's own): the
    turned page's size and the affine matrix (a, b, c, d, e, f) taking a point of the turned page
    to the page as photographed."""
    import math

    turn = -math.radians(angle)
    a, b, d, e = round(math.cos(turn), 15), round(math.sin(turn), 15), round(-math.sin(turn), 15), round(math.cos(turn), 15)
    centre_x, centre_y = width / 2, height / 2
    c = a * -centre_x + b * -centre_y + centre_x
    f = d * -centre_x + e * -centre_y + centre_y
    corners = [(a * x + b * y + c, d * x + e * y + f) for x, y in ((0, 0), (width, 0), (width, height), (0, height))]
    new_width = math.ceil(max(x for x, _ in corners)) - math.floor(min(x for x, _ in corners))
    new_height = math.ceil(max(y for _, y in corners)) - math.floor(min(y for _, y in corners))
    shift_x, shift_y = -(new_width - width) / 2, -(new_height - height) / 2
    return new_width, new_height, (a, b, a * shift_x + b * shift_y + c, d, e, d * shift_x + e * shift_y + f)


def level_rows(page, ink, angle: float, *, reuse: dict | None = None):
    """The grey page and its ink mask (Pillow "L" images, ink white on black) turned by `angle`
    degrees and each text row's remaining curve made straight and level, in one resampling
    (bicubic for the page, nearest for the mask): a Pillow mesh whose tiles take each row's curve,
    followed through the fitted slope field, to a level line. `reuse`: a dict kept across calls
    with the same ink and angle (another grey of the same page): the mesh is fitted once."""
    from PIL import Image

    reuse = {} if reuse is None else reuse
    if "mesh" not in reuse:
        reuse["mesh"] = _row_mesh(ink, angle)
    size, method, data, levelled_ink, box = reuse["mesh"]
    levelled = page.transform(size, method, data, Image.Resampling.BICUBIC, fillcolor=255)
    return (levelled.crop(box) if box else levelled), levelled_ink


def _row_mesh(ink, angle: float):
    """What `level_rows` does to a page of this ink: (size, Pillow transform, its data, the ink
    levelled, the box of rows holding the page or None)."""
    import numpy as np
    from PIL import Image

    width, height, matrix = rotation(ink.width, ink.height, angle)
    turned_ink = ink.transform((width, height), Image.Transform.AFFINE, matrix, Image.Resampling.NEAREST, fillcolor=0)
    small = 2 if width > 1600 else 1  # the slant is measured at half size: plenty, and 4x faster
    samples = slope_samples(np.asarray(turned_ink)[::small, ::small] > 127)
    field = None
    if len(samples) >= MIN_SAMPLES:
        samples[:, :3] *= (small, small, 1)
        field = fit_slope_field(samples, width, height)
    if field is None:
        return (width, height), Image.Transform.AFFINE, matrix, turned_ink, None
    probe = field(*np.meshgrid(np.linspace(0, width, 9), np.linspace(0, height, 9)))
    margin = int(min(np.abs(probe).max(), MAX_SLOPE) * width / 2) + STEP
    xs, out_rows, curves = row_curves(field, width, height, margin)
    a, b, c, d, e, f = matrix
    source_x = a * xs[None, :] + b * curves + c
    source_y = d * xs[None, :] + e * curves + f
    mesh = []
    for i in range(len(out_rows) - 1):
        top, bottom = int(out_rows[i] + margin), int(out_rows[i + 1] + margin)
        for j in range(len(xs) - 1):
            mesh.append(((int(xs[j]), top, int(xs[j + 1]), bottom),
                         (source_x[i, j], source_y[i, j], source_x[i + 1, j], source_y[i + 1, j],
                          source_x[i + 1, j + 1], source_y[i + 1, j + 1], source_x[i, j + 1], source_y[i, j + 1])))
    size = (int(xs[-1]), int(out_rows[-1] + margin))
    levelled_ink = ink.transform(size, Image.Transform.MESH, mesh, Image.Resampling.NEAREST, fillcolor=0)
    # the margins added above and below hold no page: trim rows that are all paper
    used = np.flatnonzero(np.asarray(levelled_ink).any(axis=1))
    box = None
    if len(used):
        box = (0, max(0, int(used[0]) - 2 * STEP), size[0], min(size[1], int(used[-1]) + 2 * STEP))
        levelled_ink = levelled_ink.crop(box)
    return size, Image.Transform.MESH, mesh, levelled_ink, box
