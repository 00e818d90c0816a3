"""The eleventh held-out set's generator (tests/labs/fresh11.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(a unit in a block's heading or after the range belongs to the result, a range in words is its
bound, a censored value keeps its text, flags as printed), keeps booklets' doses and target ranges,
comments and bar axes apart from results, images decode, scans are image PDFs, and normal reports
hold no flag. The readers are not run here."""

import io
import json
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh11 import ARROWS, CAPS, _rng_range, _words
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(95000, 95014)
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"discharge": "DISCHARGE SUMMARY - LABORATORY RESULTS", "low-high": r"Reference \(Low / High\)",
                 "unit-blocks": "Units are given in each block's Result heading"},
    "uk-fixed": {"ice": "Specimen: ", "wrapped": "Range before units"},
    "clinic-slip": {"booklet": "ORAL ANTICOAGULANT THERAPY", "label": "POC LAB LABEL", "range-footer": "REFERENCE RANGES"},
    "two-column": {"three-columns": "Results continue across the page", "traffic-light": "Where your result falls"},
    "portal-text": {"spaced": "^Test  Result  Units  Reference  Flag$", "yaml": "^results:$", "app-json": r'"labs": \['},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh11_generation_is_deterministic(layout):
    first, again = (make_report(layout, 95001, "fresh11-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh11_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh11-tune", 95000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout; the
    marks are searched in the text with its spaces folded, a portal's text as it is."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh11-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _check_yaml(report, raw: str) -> None:
    """Each result a block: test, value, unit, then `range:` with `low:` / `high:` keys (or its word)."""
    blocks = raw.split("\n  - test: ")[1:]
    assert len(blocks) == len(report.truth)
    for block, t in zip(blocks, report.truth, strict=True):
        assert block.startswith(t.printed_name + "\n")
        assert re.search(rf'^    value: "?{re.escape(t.value_text)}"?$', block, re.M)
        assert (f"    unit: {t.unit}\n" in block) == bool(t.unit)
        if t.range_low is not None:
            assert re.search(rf"^      low: {t.range_low:g}$", block, re.M)
        if t.range_high is not None:
            assert f"      high: {t.range_high:g}" in block
        if t.range_text:
            assert f"    range: {t.range_text}" in block


def _check_json(report, raw: str) -> None:
    labs = json.loads(raw)["labs"]
    assert [(x["name"], x["result"], x["units"] or None, x["abnormal"]) for x in labs] == \
        [(t.printed_name, t.value_text, t.unit, t.flag) for t in report.truth]
    assert [x["refRange"] for x in labs] == [_rng_range(t, "{low} - {high}") for t in report.truth]


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports print none
    if design == "discharge":  # the arrow after the value in its cell
        assert flags <= set(ARROWS.values())
        assert all(f"{t.value_text} {t.flag}" in folded for t in report.truth if t.flag)
    if design == "low-high":
        assert all(" ".join(_words(t).split()) in folded for t in report.truth)
    if design == "unit-blocks":  # every unit in a block's heading, not beside a value
        assert flags <= set(CAPS.values())
        assert all(f"Result ({t.unit})" in raw for t in report.truth if t.unit)
        assert all(f"{t.value_text} {t.unit}" not in folded for t in report.truth if t.unit)
    if design == "ice":  # the range in brackets after the unit; CRP below 5 censored
        for t in report.truth:
            assert re.search(rf"{re.escape(t.value_text)} +{re.escape(t.unit or '')} *\[{re.escape(_rng_range(t))}\]", raw), t
            if t.printed_name in ("CRP", "C-reactive protein") and not t.value_text.startswith("<"):
                assert int(t.value_text) >= 5
    if design == "wrapped":  # the range before the unit
        assert all(re.search(rf"{re.escape(t.value_text)} +\[{re.escape(_rng_range(t))}\] *{re.escape(t.unit or '')}", raw)
                   for t in report.truth)
    if design == "label":
        for t in report.truth:
            unit = f" {t.unit}" if t.unit else ""
            assert f"{t.printed_name}={t.value_text}{unit} ({_rng_range(t)})" in raw
    if design == "range-footer":  # no range beside a result: each in the footer under its short name
        footer = raw[raw.index("REFERENCE RANGES"):]
        assert all(re.search(rf"^{re.escape(t.printed_name)} +{re.escape(_rng_range(t))}\r?$", footer, re.M) for t in report.truth)
    if design == "yaml":
        _check_yaml(report, raw)
    if design == "app-json":
        _check_json(report, raw)
    if design == "spaced":
        for t in report.truth:
            fields = [t.printed_name, t.value_text, *([t.unit] if t.unit else []), _rng_range(t), *([t.flag] if t.flag else [])]
            assert "  ".join(fields) in raw.splitlines()


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh11_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh11_booklet_target_range_and_doses_are_not_results():
    """The booklet's target INR range and dosing table stand apart from today's results, and no truth is
    drawn from them (the slip keeps its 8 results)."""
    printed = 0
    for seed in range(95000, 95040):
        report = make_report("clinic-slip", seed, "fresh11-tune")
        raw = _page_text(report.data)
        if "ANTICOAGULANT" not in raw:
            continue
        printed += 1
        assert "Target INR 2.5 (target range 2.0 - 3.0)" in raw and "Dose (mg/day)" in raw
        assert len(report.truth) == 8
        assert raw.index("Today's blood results") < raw.index("Dose (mg/day)")
        for t in report.truth:
            at = raw.index(f"({_rng_range(t)})", raw.index("Today's blood results"))
            assert at < raw.index("Dose (mg/day)")
            if t.printed_name == "INR":
                assert (t.range_low, t.range_high) == (0.9, 1.1)
    assert printed >= 2


def test_fresh11_comments_and_axis_numbers_are_not_results():
    """ICE comment lines and traffic-light axes hold numbers of their own; the truths are the rows."""
    seen = set()
    for seed in range(95000, 95030):
        for layout in ("uk-fixed", "two-column"):
            report = make_report(layout, seed, "fresh11-tune")
            raw = _page_text(report.data)
            assert len(report.truth) == (16 if layout == "uk-fixed" else 18)
            if "Comment: " in raw:
                seen.add("comment")
            if "Where your result falls" in raw:
                seen.add("bar")
                assert not any(t.printed_name.startswith(("0", "1")) for t in report.truth)
    assert seen == {"comment", "bar"}


def test_fresh11_photos_decode():
    from PIL import Image

    for seed in (95000, 95001, 95002):
        report = make_report("phone-photo", seed, "fresh11-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh11_scans_are_images_on_one_or_two_pages():
    """A scan has no text layer; the continued look's second page holds rows, not blank paper."""
    from tests.labs.fresh5 import render_pages

    counts = set()
    for seed in range(95000, 95006):
        report = make_report("scanned-pdf", seed, "fresh11-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = render_pages(report.data, 40)
        counts.add(len(pages))
        assert all(low < high - 100 for low, high in (page.convert("L").getextrema() for page in pages)), seed
    assert counts == {1, 2}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh11_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 95500, "fresh11-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
