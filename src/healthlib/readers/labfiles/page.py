"""The sheet of paper found in a photo and flattened (runs in the reading child).

A phone photo of a report shows the page at an angle on a desk: its far edge shorter, its sides
converging, the desk around it. Rotating and levelling rows (`dewarp`) cannot make its columns
upright again, and the desk's dark border upsets the evening out of light. Here the page's outline
is looked for on a small copy of the photo (OpenCV: the letters closed away, the outline taken from
several cuts of the picture, each outline's hull simplified to four corners), checked (each of its
four sides a clear edge, paper brighter inside than out along nearly all its length, the page a
large part of the photo, its corners near right angles once flattened), its sides fitted again
more closely on a larger copy, and the page warped to a flat upright rectangle with the desk cut
away (`cv2.warpPerspective`). When no clear outline is found, or the page is already flat and
square to the photo (a scan), the picture is left exactly as it was.
"""

from __future__ import annotations

SEARCH_SIDE = 640  # pixels along the longer side of the copy the outline is looked for on
REFINE_SIDE = 1600  # ... and of the copy its sides are fitted again on
MIN_AREA = 0.25  # the page covers at least this share of the photo
MAX_AREA = 0.97  # a page filling the whole photo has no outline to find: left as it is
MIN_CONTRAST = 1.12  # paper at least this much brighter than what lies just outside it ...
MIN_CLEAR = 0.85  # ... along at least this share of each side
MAX_CORNER_TURN = 30.0  # degrees a corner may be off a right angle as photographed (a steep shot)
FLAT_CORNER = 0.4  # degrees: a page whose corners are all this close to square, and whose
FLAT_SIDES = 0.004  # opposite sides differ by less than this share, is already flat (a scan)
# a fold's shadow across the page (a letter folded in three) cuts Otsu's paper in panels: the
# outline found may be one panel. The cuts are then looked at again with dark bands up to
# FOLD_BRIDGE of the photo's longer side closed over, and an outline found so is taken instead
# only when it holds the panel and is at least FOLDED_GROWTH times its area (a panel is at most
# two thirds of a page)
FOLD_BRIDGE = 0.05
FOLDED_GROWTH = 1.4
INSET = 0.008  # share of the page's width trimmed off each edge, so no sliver of desk is kept


def flatten_page(grey, width: int):
    """The page in `grey` (a Pillow "L" image) warped flat and upright, `width` pixels wide, the
    background cut away; `grey` itself when no clear page outline is found or it is already flat."""
    import numpy as np
    from PIL import Image

    corners = find_page(grey)
    if corners is None or already_flat(corners):
        return grey
    import cv2

    top, right, bottom, left = (np.linalg.norm(corners[(i + 1) % 4] - corners[i]) for i in range(4))
    scale = width / max(top, bottom)
    height = round(max(left, right) * scale)
    inset_x, inset_y = INSET * width, INSET * width
    target = np.float32([[-inset_x, -inset_y], [width + inset_x, -inset_y],
                         [width + inset_x, height + inset_y], [-inset_x, height + inset_y]])
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    flat = cv2.warpPerspective(np.asarray(grey), matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat)


def find_page(grey):
    """The four corners (top-left, top-right, bottom-right, bottom-left; float array 4 x 2, in
    pixels of `grey`) of a clear page outline, or None."""
    import cv2
    import numpy as np

    cv2.setNumThreads(1)  # the reading child runs beside tesseract on a small machine
    pixels = np.asarray(grey)
    small, factor = _shrunk(pixels, SEARCH_SIDE)
    # letters and table rules are dark marks on the paper: a closing paints them paper-white, so
    # only the page's own outline is left as an edge
    size = max(5, round(max(small.shape) / 60)) | 1
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    closed = cv2.GaussianBlur(closed, (5, 5), 0)
    best, best_area = _largest_page(closed, _candidates(closed))
    if best is None:
        return None
    whole, whole_area = _largest_page(closed, _candidates(closed, bridge=FOLD_BRIDGE))
    if whole is not None and whole_area >= FOLDED_GROWTH * best_area and all(
            cv2.pointPolygonTest(whole.astype(np.float32).reshape(-1, 1, 2), (float(x), float(y)), True)
            >= -0.01 * max(closed.shape) for x, y in best):
        best = whole  # the panel lies inside the page found with the folds closed over
    return _refined(pixels, best / factor)


def _largest_page(closed, candidates):
    """The largest candidate outline that passes as a page (`_is_page`) and its area, or (None, 0)."""
    import cv2
    import numpy as np

    best, best_area = None, 0.0
    for quad in candidates:
        area = cv2.contourArea(quad.astype(np.float32))
        if area > best_area and _is_page(closed, quad):
            best, best_area = quad, area
    return best, best_area


def already_flat(corners) -> bool:
    """Is the outline a rectangle as photographed (corners square, opposite sides equal)? Then
    only a turn is left, which the text's own slant puts right as before."""
    import numpy as np

    sides = [np.linalg.norm(corners[(i + 1) % 4] - corners[i]) for i in range(4)]
    opposite = max(abs(sides[0] - sides[2]) / max(sides[0], sides[2]), abs(sides[1] - sides[3]) / max(sides[1], sides[3]))
    return opposite < FLAT_SIDES and max(_corner_turns(corners)) < FLAT_CORNER


def _shrunk(pixels, side: int):
    import cv2

    factor = min(1.0, side / max(pixels.shape))
    if factor == 1.0:
        return pixels, factor
    size = (max(1, round(pixels.shape[1] * factor)), max(1, round(pixels.shape[0] * factor)))
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA), factor


def _candidates(closed, *, bridge: float = 0.0):
    """Four-cornered outlines from several cuts of the (closed, blurred) photo: Otsu's cut of it,
    of its logarithm (light falling off across the photo lowers paper and desk alike, their ratio
    stays), and the outline of its edges (Canny), each outline's convex hull simplified. With a
    `bridge` (share of the longer side), only the two Otsu cuts, dark bands that narrow closed over."""
    import cv2
    import numpy as np

    logged = np.log1p(closed.astype(np.float32))
    logged = cv2.normalize(logged, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)
    masks = [cv2.threshold(image, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1] for image in (closed, logged)]
    if bridge:
        closing = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (round(bridge * max(closed.shape)) | 1,) * 2)
        masks = [cv2.morphologyEx(mask, cv2.MORPH_CLOSE, closing) for mask in masks]
    else:
        median = float(np.median(logged))
        edges = cv2.Canny(logged, 0.5 * median, median)
        masks.append(cv2.dilate(edges, np.ones((3, 3), np.uint8)))
    minimum = MIN_AREA * closed.shape[0] * closed.shape[1]
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            if cv2.contourArea(contour) < minimum:
                continue
            hull = cv2.convexHull(contour)
            perimeter = cv2.arcLength(hull, True)
            for share in (0.01, 0.02, 0.03, 0.05):
                quad = cv2.approxPolyDP(hull, share * perimeter, True)
                if len(quad) == 4:
                    yield _ordered(quad.reshape(4, 2).astype(np.float64))
                    break


def _ordered(points):
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    import numpy as np

    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    points = points[np.argsort(angles)]  # clockwise on the screen, from the left
    start = int(np.argmin(points.sum(axis=1)))  # top-left: smallest x + y
    return np.roll(points, -start, axis=0)


def _corner_turns(corners) -> list[float]:
    """How far (degrees) each corner is from a right angle."""
    import numpy as np

    turns = []
    for i in range(4):
        a, b = corners[i - 1] - corners[i], corners[(i + 1) % 4] - corners[i]
        cosine = float(a @ b / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-9))
        turns.append(abs(90.0 - np.degrees(np.arccos(np.clip(cosine, -1, 1)))))
    return turns


def _is_page(closed, quad) -> bool:
    """Is the outline a page: large, not the whole photo, corners near square, and each side a
    clear edge with paper brighter inside than outside along nearly all of it?"""
    import cv2
    import numpy as np

    height, width = closed.shape
    area = cv2.contourArea(quad.astype(np.float32))
    if not (MIN_AREA * width * height <= area <= MAX_AREA * width * height):
        return False
    if max(_corner_turns(quad)) > MAX_CORNER_TURN:
        return False
    reach = max(3.0, 0.015 * max(width, height))
    centre = quad.mean(axis=0)
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        along = np.linspace(0.1, 0.9, 24)[:, None]
        points = a + along * (b - a)
        normal = np.array([b[1] - a[1], a[0] - b[0]]) / max(np.linalg.norm(b - a), 1e-9)
        if normal @ (centre - (a + b) / 2) < 0:
            normal = -normal  # pointing into the page
        inside, outside = points + reach * normal, points - reach * normal
        usable = ((outside >= 0) & (outside <= [width - 1, height - 1])).all(axis=1)
        if usable.mean() < MIN_CLEAR:
            return False  # this side is the photo's own edge: the page runs out of the picture
        inner = _sample(closed, inside[usable])
        outer = _sample(closed, outside[usable])
        if ((inner + 1.0) / (outer + 1.0) >= MIN_CONTRAST).mean() < MIN_CLEAR:
            return False
    return True


def _sample(image, points):
    import numpy as np

    xs = np.clip(np.round(points[:, 0]).astype(int), 0, image.shape[1] - 1)
    ys = np.clip(np.round(points[:, 1]).astype(int), 0, image.shape[0] - 1)
    return image[ys, xs].astype(np.float64)


def _refined(pixels, corners):
    """The corners again, from each side fitted as a line through where the brightness rises most
    steeply into the page, looked for across the side on a larger copy of the photo; the first
    corners when a side cannot be fitted."""
    import cv2
    import numpy as np

    image, factor = _shrunk(pixels, REFINE_SIDE)
    image = cv2.GaussianBlur(image, (5, 5), 0).astype(np.float32)
    quad = corners * factor
    height, width = image.shape
    reach = max(4.0, 0.012 * max(width, height))
    centre = quad.mean(axis=0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        direction = (b - a) / max(np.linalg.norm(b - a), 1e-9)
        normal = np.array([direction[1], -direction[0]])
        if normal @ (centre - (a + b) / 2) < 0:
            normal = -normal
        found = []
        offsets = np.arange(-reach, reach + 1)
        for t in np.linspace(0.08, 0.92, 60):
            point = a + t * (b - a)
            profile = _sample(image, point + offsets[:, None] * normal)
            rise = np.diff(profile)
            k = int(np.argmax(rise))
            if rise[k] > 0:
                found.append(point + (offsets[k] + 0.5) * normal)
        if len(found) < 20:
            return corners
        found = np.array(found)
        line = cv2.fitLine(found.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append(line)
    refined = []
    for i in range(4):
        (vx1, vy1, x1, y1), (vx2, vy2, x2, y2) = lines[i - 1], lines[i]
        matrix = np.array([[vx1, -vx2], [vy1, -vy2]], dtype=np.float64)
        if abs(np.linalg.det(matrix)) < 1e-6:
            return corners
        s, _ = np.linalg.solve(matrix, np.array([x2 - x1, y2 - y1], dtype=np.float64))
        refined.append([x1 + s * vx1, y1 + s * vy1])
    refined = np.array(refined) / factor
    # a fit pulled away by something on the desk moves a corner far: keep the first corners then
    if np.abs(refined - corners).max() > 0.02 * max(pixels.shape):
        return corners
    return refined
