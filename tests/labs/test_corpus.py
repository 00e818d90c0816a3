"""The generated corpus the lab evaluation relies on: normal reports are normal, the fresh photo
sets are drawn with this machine's TrueType fonts, and the evaluation's true status is right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402


@pytest.mark.parametrize("layout", [x for x in LAYOUTS if x not in ("phone-photo", "scanned-pdf")])
def test_a_normal_report_holds_only_values_inside_their_range(layout):
    for seed in range(6):
        report = make_report(layout, seed, "tuned", normal=True)
        assert not any(t.flag or t.critical for t in report.truth)
        assert {_true_status(t) for t in report.truth} == {"normal"}


def test_fresh_photos_are_jpeg_with_truetype_fonts_and_lower_case_units_now_and_then():
    reports = [make_report("phone-photo", seed, "fresh") for seed in (5000, 5001)]
    assert all(r.kind == "image" and r.data.startswith(b"\xff\xd8\xff") for r in reports)
    units = [t.unit for r in reports for t in r.truth if t.unit]
    assert any(u != u.lower() for u in units) and any(u == u.lower() and u.lower() != u.upper() for u in units)


def test_true_status_follows_the_true_range():
    report = make_report("us-table", 3, "tuned")
    for t in report.truth:
        expected = {"H": "high", "HH": "high", "L": "low", "LL": "low", "A": "high", None: "normal"}[t.flag]
        assert _true_status(t) == expected, t


def test_the_second_fresh_set_uses_fonts_and_type_sizes_no_other_set_uses():
    from tests.labs.corpus import STYLES

    others = [style for name, style in STYLES.items() if name != "fresh2"]
    fresh2 = STYLES["fresh2"]
    assert not set(fresh2["fonts"]) & {f for style in others for f in style["fonts"]}  # table fonts
    assert fresh2["mono"] not in {style["mono"] for style in others}  # fixed-width report font
    assert all(style.get("size", 10) != fresh2["size"] for style in others)
    report = make_report("scanned-pdf", 9000, "fresh2")
    assert report.kind == "pdf" and report.data.startswith(b"%PDF")


def test_the_third_fresh_set_draws_table_looks_no_earlier_set_has():
    from tests.labs.corpus import STYLES, _barrel, _range_text

    fresh3 = STYLES["fresh3"]
    assert fresh3["zebra"] and fresh3["unit_joined"] and fresh3["flag_joined"] and fresh3["italic_head"]
    assert STYLES["fresh3-tune"] is fresh3  # the tuning look-alike differs only by its seeds
    assert make_report("phone-photo", 15000, "fresh3").truth != make_report("phone-photo", 15000, "fresh3-tune").truth
    truth = make_report("us-table", 0, "tuned").truth
    ranged = next(t for t in truth if t.range_low is not None and t.range_high is not None)
    assert "\u2013" in _range_text(ranged, "endash")
    import numpy as np

    grid = np.arange(100 * 100, dtype=np.float32).reshape(100, 100, 1)
    bent = _barrel(grid, 0.04)
    assert bent[50, 50, 0] == grid[50, 50, 0] and bent[0, 0, 0] != grid[0, 0, 0]  # centre kept, corners drawn in
