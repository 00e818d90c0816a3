"""The generated corpus the lab evaluation relies on: normal reports are normal, the fresh photo
sets are drawn with this machine's TrueType fonts, and the evaluation's true status is right."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, _same_value, make_report

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


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_fourth_fresh_set_draws_every_layout_in_its_own_looks(layout):
    from tests.labs.corpus import render_pdf

    fresh4 = make_report(layout, 21000, "fresh4")
    fresh3 = make_report(layout, 21000, "fresh3")
    assert fresh4.data != fresh3.data and fresh4.truth
    assert fresh4.kind == {"phone-photo": "image", "portal-text": "text"}.get(layout, "pdf")
    if layout == "phone-photo":
        assert fresh4.data.startswith(b"\xff\xd8\xff")  # a JPEG photo
    elif layout == "scanned-pdf":
        assert _pdf_text(fresh4.data).strip() == ""  # an image only, no text layer
        assert render_pdf(fresh4.data, dpi=40).size[0] > 100


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"])
def test_every_fresh4_truth_is_printed_as_it_is_scored(layout):
    """The text layer holds each truth's name, value, unit and range end points as they are printed."""
    for seed in (21000, 21001, 21002):
        report = make_report(layout, seed, "fresh4")
        text = report.data.decode() if report.kind == "text" else _pdf_text(report.data)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        for t in report.truth:
            line = next((x for x in lines if " ".join(t.printed_name.split()) in x and t.value_text in x), None)
            assert line is not None, (seed, t)
            for part in (t.unit, t.range_text):
                assert part is None or part in line, (seed, t, line)
            for end in (t.range_low, t.range_high):
                assert end is None or any(abs(float(n) - end) < 1e-9 for n in re.findall(r"\d+(?:\.\d+)?", line)), \
                    (seed, t, line)
            if layout == "uk-fixed" or layout == "two-column":
                assert t.flag is None  # UK reports print no flags


def test_fresh4_ranges_keep_decimals_and_zero_floors_set_the_true_low_end():
    from tests.labs.corpus import Truth, _fresh4_range

    albumin = Truth("Albumin", "4.2", "g/dL", 3.5, 5.0, None)
    assert _fresh4_range(albumin, "tight", zeros=True) == "(3.5-5.0)"
    assert _fresh4_range(albumin, "to", zeros=False) == "3.5 to 5"
    egfr = Truth("eGFR", "72", "mL/min/1.73m2", 60, None, None)
    assert _fresh4_range(egfr, "quest", zeros=True) == "> OR = 60"
    psa = Truth("PSA", "1.2", "ng/mL", None, 4.0, None)
    assert _fresh4_range(psa, "quest", zeros=True) == "< OR = 4.0" and psa.range_low is None
    assert _fresh4_range(psa, "zero", zeros=True) == "0.0 - 4.0" and psa.range_low == 0.0
    a1c = Truth("HbA1c", "5.3", "%", None, 5.7, None)
    assert _fresh4_range(a1c, "quest", zeros=False) == "<5.7" and a1c.range_low is None


def test_the_fourth_sets_tuning_look_alike_draws_the_same_looks_from_other_seeds():
    from tests.labs.corpus import STYLES

    assert STYLES["fresh4-tune"] is STYLES["fresh4"]
    for layout in ("phone-photo", "scanned-pdf"):
        tune, held = make_report(layout, 25000, "fresh4-tune"), make_report(layout, 25000, "fresh4")
        assert tune.data != held.data and tune.truth != held.truth
        assert tune.kind == held.kind == {"phone-photo": "image"}.get(layout, "pdf")
    uk_photo = make_report("phone-photo", 25002, "fresh4-tune")  # every third seed a UK patient's photo
    assert uk_photo.data.startswith(b"\xff\xd8\xff") and all(t.flag is None for t in uk_photo.truth)


def test_fresh4_normal_reports_hold_no_flag():
    for layout in ("phone-photo", "scanned-pdf", "us-table"):
        report = make_report(layout, 21500, "fresh4", normal=True)
        assert not any(t.flag or t.critical for t in report.truth)
        assert {_true_status(t) for t in report.truth} == {"normal"}


def test_a_value_is_scored_by_its_number_not_its_typography():
    from healthlib.model.lab_report import ReportLine

    def line(text: str, value: float | None) -> ReportLine:
        return ReportLine(printed_name="Platelets", value_text=text, value=value)

    assert _same_value(line("480,000", 480000.0), "480000")  # a thousands separator is the same number
    assert not _same_value(line("5,4", 54.0), "5.4")  # a decimal comma read as a separator is a misread
    assert not _same_value(line("0.5", 0.5), "<0.5")  # the comparator is part of the value
    assert _same_value(line("Negative", None), "Negative")
