"""A page photographed from one side is flattened to its true proportions (`page.page_aspect`):
the outline's perspective is undone with the camera's focal length, which the outline itself
gives, where its sides' lengths alone leave a side-on page too narrow."""

from __future__ import annotations

import math

import numpy as np
import pytest

from healthlib.readers.labfiles.page import PHONE_FOCAL, flatten_page, page_aspect

from .corpus import make_report, render_pdf
from .test_page_geometry import _on_desk

PHOTO = (1500, 1800)


def _photographed(width: float, height: float, turn: float, tilt: float, focal: float) -> list[tuple[float, float]]:
    """The corners (top-left, top-right, bottom-right, bottom-left) of a `width` x `height` page seen
    through a pinhole camera of `focal` pixels, the page turned `turn` degrees about its upright
    axis and tilted `tilt` degrees back, its middle 1.6 page heights from the lens."""
    a, b = math.radians(turn), math.radians(tilt)
    turned = np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])
    tilted = np.array([[1, 0, 0], [0, math.cos(b), -math.sin(b)], [0, math.sin(b), math.cos(b)]])
    corners = []
    for x, y in ((-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)):
        point = tilted @ turned @ np.array([x, y, 0.0]) + np.array([0, 0, 1.6 * height])
        corners.append((PHOTO[0] / 2 + focal * point[0] / point[2], PHOTO[1] / 2 + focal * point[1] / point[2]))
    return corners


def _sides_ratio(corners) -> float:
    c = np.array(corners)
    top, right, bottom, left = (np.linalg.norm(c[(i + 1) % 4] - c[i]) for i in range(4))
    return max(top, bottom) / max(left, right)


@pytest.mark.parametrize(("turn", "tilt", "focal"), [(-30, 10, 0.9), (25, 25, 1.4), (35, 12, 0.45), (3, 2, 0.9)])
def test_a_page_shot_from_the_side_has_its_true_width_to_height(turn, tilt, focal):
    """Turned and tilted: the outline's two vanishing points tell the lens's focal length."""
    corners = _photographed(0.707, 1.0, turn, tilt, focal * math.hypot(*PHOTO))
    assert abs(page_aspect(np.array(corners), PHOTO) - 0.707) < 0.01


def test_a_page_turned_about_one_axis_only_is_undone_with_a_phone_s_focal_length():
    """Its left and right sides stay parallel: the outline cannot tell the focal length, and a
    phone's main camera (26 mm equivalent) is assumed."""
    corners = _photographed(0.707, 1.0, 35, 0, PHONE_FOCAL * math.hypot(*PHOTO))
    assert abs(page_aspect(np.array(corners), PHOTO) - 0.707) < 0.01


def test_the_sides_alone_leave_a_side_on_page_too_narrow_which_the_aspect_puts_right():
    corners = _photographed(0.707, 1.0, 40, 5, 0.9 * math.hypot(*PHOTO))
    assert _sides_ratio(corners) < 0.707 * 0.93  # what the page used to be flattened to
    assert abs(page_aspect(np.array(corners), PHOTO) - 0.707) < 0.01


def test_a_flat_on_page_keeps_the_ratio_of_its_sides():
    corners = np.array([(100.0, 80.0), (1400.0, 80.0), (1400.0, 1700.0), (100.0, 1700.0)])
    assert page_aspect(corners, PHOTO) == pytest.approx(1300 / 1620, rel=1e-3)


def test_a_side_on_photo_is_flattened_to_the_page_s_proportions():
    page = render_pdf(make_report("us-table", 3).data, dpi=150).convert("L")
    corners = _photographed(page.width, page.height, 35, 8, 0.9 * math.hypot(*PHOTO))
    # the camera's view scaled to fit the photo, so the page lies on the desk inside it
    c = np.array(corners)
    c = (c - c.mean(axis=0)) * (0.8 * PHOTO[1] / (c[:, 1].max() - c[:, 1].min())) + np.array(PHOTO) / 2
    flat = flatten_page(_on_desk(page, [tuple(p) for p in c], size=PHOTO), 1200)
    assert flat.width == 1200
    assert abs(flat.height / flat.width - page.height / page.width) < 0.025
