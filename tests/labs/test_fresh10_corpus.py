"""The tenth held-out set's generator (tests/labs/fresh10.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(the unit in the value's cell or after the range belongs to the result, a range in words is its
bound, flags as printed), keeps letters' and advice columns' other numbers apart from results, images
decode, and normal reports hold no flag. The readers are not run here."""

import csv
import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh10 import ANALYSER_FLAGS, _range
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(85000, 85014)
SEEDS = {"portal-text": range(85000, 85020)}  # enough seeds to draw every look
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"labcorp": "Previous Result and Date", "mychart": "MyChart - Test Results",
                 "abnormal": "= outside the reference range"},
    "uk-fixed": {"gp-letter": "Yours sincerely", "patient-access": "exported from your online record",
                 "ref-after-unit": r"\(ref: "},
    "clinic-slip": {"hand-form": "RESULTS FORM", "analyser": "POC LIPID \\+ CHEM ANALYSER", "wellness": "Know Your Numbers"},
    "two-column": {"interpretation": "What this means", "leaders": "Blood results summary"},
    "portal-text": {"hl7": r"^MSH\|", "csv": r"^Test,Result,Units,Low,High,Flag$", "tabs": "^Component\tYour Value\t",
                    "screen-reader": r"^Row 1\. Component: "},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh10_generation_is_deterministic(layout):
    first, again = (make_report(layout, 85001, "fresh10-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh10_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh10", 81000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout; the
    marks are searched in the text with its spaces folded, a portal's text as it is."""
    drawn = []
    for seed in SEEDS.get(layout, TUNE):
        report = make_report(layout, seed, "fresh10-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _check_hl7(report, raw: str) -> None:
    """Each OBX segment holds its truth's name, value, unit, range and flag ("N" or empty when normal)."""
    segments = [line.rstrip("\r").split("|") for line in raw.splitlines() if line.startswith("OBX|")]
    assert len(segments) == len(report.truth)
    for fields, t in zip(segments, report.truth, strict=True):
        assert fields[3].split("^")[1] == t.printed_name
        assert (fields[5], fields[6] or None, fields[7]) == (t.value_text, t.unit, _range(t, "plain"))
        assert fields[8] == t.flag if t.flag else fields[8] in ("", "N")
    assert any(line.startswith("PID|") and report.person.mrn in line for line in raw.splitlines())


def _check_csv(report, raw: str) -> None:
    rows = list(csv.reader(io.StringIO(raw)))
    table = rows[rows.index(["Test", "Result", "Units", "Low", "High", "Flag"]) + 1:]
    assert len(table) == len(report.truth)
    for row, t in zip(table, report.truth, strict=True):
        low = t.range_text or ("" if t.range_low is None else f"{t.range_low:g}")
        high = "" if t.range_high is None else f"{t.range_high:g}"
        assert row == [t.printed_name, t.value_text, t.unit or "", low, high, t.flag or ""]


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column") or design == "wellness":
        assert not flags  # UK reports print none; a card's ticks are pen marks
    if design == "labcorp":  # the flag word after the value in its cell
        assert all(f"{t.value_text} {t.flag}" in folded for t in report.truth if t.flag)
        assert flags <= {"High", "Low", "Critical High", "Critical Low", "Abnormal"}
    if design == "abnormal":
        assert len(flags) <= 1 and flags <= {"A", "*"}
    if design == "analyser":
        assert flags <= set(ANALYSER_FLAGS.values())
    if design == "gp-letter":  # each result a sentence of its own
        for t in report.truth:
            value = f"{t.value_text} {t.unit}" if t.unit else t.value_text
            assert re.search(rf"Your {re.escape(t.printed_name)} was {re.escape(value)} \(", folded, re.I), t
    if design == "hl7":
        _check_hl7(report, raw)
    if design == "csv":
        _check_csv(report, raw)


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh10_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh10_analyser_ratio_lines_are_not_results():
    """The analyser's calculated nonHDL and TC/H lines are printed only beside both cholesterols and
    never become truths."""
    printed = 0
    for seed in range(85000, 85060):
        report = make_report("clinic-slip", seed, "fresh10-tune")
        raw = _page_text(report.data)
        if "ANALYSER" not in raw:
            continue
        names = {t.printed_name for t in report.truth}
        assert ("nonHDL" in raw) == ({"TC", "HDL"} <= names) == ("TC/H" in raw)
        assert not names & {"nonHDL", "TC/H"} and len(report.truth) == 8
        printed += "nonHDL" in raw
    assert printed >= 1


def test_fresh10_photos_decode():
    from PIL import Image

    for seed in (85000, 85001, 85002):
        report = make_report("phone-photo", seed, "fresh10-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh10_scans_are_images_on_one_or_two_pages():
    """A scan has no text layer; the two-page look's second page is there, not blank."""
    from tests.labs.fresh5 import render_pages

    counts = set()
    for seed in (85000, 85001, 85003):
        report = make_report("scanned-pdf", seed, "fresh10-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = render_pages(report.data, 40)
        counts.add(len(pages))
        # ink on every page (faint on a carbonless copy): its darkest pixel well below the paper's tone
        assert all(low < high - 60 for low, high in (page.convert("L").getextrema() for page in pages)), seed
    assert counts == {1, 2}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh10_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 85500, "fresh10-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
