"""The fourteenth held-out set's generator (tests/labs/fresh14.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(in panel bands, with a Status word, with the unit under the value, on green-bar listing lines, after
a test code and time, after a right-aligned label, in a newsletter's side box, a timeline's LAB entry
or an INI section), keeps panel labels, line numbers, codes and times, fitness and review numbers,
advice, vital signs and older timeline entries apart from results, images decode, scans are image
PDFs, and normal reports hold no flag. The readers are not run here; only the tuning look-alike's
seeds (125000...) are drawn, never the set's own."""

import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh14 import _code, _panel_of, _rng_range
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(125000, 125014)
LETTERS = {"H", "L", "HH", "LL", "A"}
WORDS = {"High", "Low", "Abnormal"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"rotated-panel": "the panel's name is printed in the margin", "status-critical": "Status compares the result",
                 "unit-under": "unit is printed beneath it"},
    "uk-fixed": {"green-bar": r"END OF LISTING", "telepath": "Clinical details: "},
    "clinic-slip": {"sports": "PRE-PARTICIPATION SCREENING", "diabetes-review": "DIABETES ANNUAL REVIEW"},
    "two-column": {"side-boxes": "Your Health Check Results", "label-colon": "Labels are followed by the result"},
    "portal-text": {"timeline": r"^Health Timeline - copied", "ini": r"^; Results export"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh14_generation_is_deterministic(layout):
    first, again = (make_report(layout, 125001, "fresh14-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh14_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh14-tune", 125000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh14-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _ini(raw: str) -> list[dict[str, str]]:
    sections = re.split(r"(?m)^\[result\.\d+\]$", raw)[1:]
    return [dict(line.split(" = ", 1) if " = " in line else (line.rstrip(" ="), "") for line in section.strip().splitlines())
            for section in sections]


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the flagless columns print none
    elif design == "status-critical":
        assert flags <= WORDS
    else:
        assert flags <= LETTERS
    if design == "rotated-panel":  # each panel's rows in order, the panel's rows together
        order = [_panel_of(t) for t in sorted(report.truth, key=lambda t: folded.index(f" {t.printed_name} {t.value_text} "))]
        assert order == sorted(order)
        for t in report.truth:
            assert f" {t.printed_name} {t.value_text} {t.flag + ' ' if t.flag else ''}{t.unit + ' ' if t.unit else ''}" \
                   f"{_rng_range(t, '{low} - {high}')}" in folded, t
    if design == "status-critical":
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"), t.flag or "Normal"]
            assert " ".join(cell for cell in cells if cell) in folded, t
        assert folded.count("CRITICAL") - 1 == sum(t.critical for t in report.truth)  # one more in the key
    if design == "unit-under":
        for t in report.truth:
            assert f" {t.printed_name} {t.value_text} {_rng_range(t, '{low} - {high}')}" in folded, t
    if design == "green-bar":
        for t in report.truth:
            assert re.search(rf"(?m)^\d{{4}}\s+{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s", raw), t
    if design == "telepath":
        for t in report.truth:
            assert re.search(rf"(?m)^{re.escape(_code(t))}\s+\d\d:\d\d\s+{re.escape(t.printed_name)}\s+"
                             rf"{re.escape(t.value_text)}\s", raw), t
    if design == "sports":
        assert "VO2max" in raw and "Resting HR" in raw
    if design == "diabetes-review":
        assert "Your goals:" in raw and "Foot check:" in raw
    if design in ("sports", "diabetes-review", "side-boxes"):
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}" if design == "side-boxes"
                                                                              else "{low}-{high}")]
            assert " ".join(cell for cell in cells if cell) in folded, t
    if design == "label-colon":
        for t in report.truth:
            cells = [t.printed_name + ":", t.value_text, t.unit or "", _rng_range(t)]
            assert " ".join(cell for cell in cells if cell) in folded, t
    if design == "timeline":  # the newest LAB entry of each test is its truth
        for t in report.truth:
            entries = re.findall(rf"(?m)^(\d\d/\d\d/\d{{4}})\s+LAB\s+{re.escape(t.printed_name)}\s{{2,}}(\S+)(.*)$", raw)
            newest = [entry for entry in entries if entry[0] == "03/12/2024"]
            assert len(newest) == 1 and newest[0][1] == t.value_text, t
            assert newest[0][2].split(f"ref {_rng_range(t)}")[1].strip() == (t.flag or ""), t
            assert all(entry[1] != t.value_text for entry in entries if entry[0] != "03/12/2024"), t
    if design == "ini":
        rows = _ini(raw)
        assert len(rows) == len(report.truth)
        for row, t in zip(rows, report.truth, strict=True):
            assert (row["test"], row["value"], row.get("units"), row["flag"] or None) == (t.printed_name, t.value_text, t.unit, t.flag)
            assert row["reference"] == _rng_range(t, "{low} - {high}")


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh14_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh14_codes_times_fitness_review_advice_and_older_entries_are_not_results():
    """Line numbers, test codes and times, fitness and review numbers, advice, vital signs and older
    timeline entries stand apart; the truths are the rows only."""
    seen = set()
    for seed in range(125000, 125030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh14-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"height", "weight", "resting hr", "vo2max", "blood pressure", "foot check", "code", "time",
                                "visit note", "lisinopril", "collected", "sit-and-reach", "body fat"}
            if "END OF LISTING" in raw:
                seen.add("listing")
            if "Clinical details:" in raw:
                seen.add("telepath")
            if "VO2max" in raw or "Your goals:" in raw:
                seen.add("slip")
            if "Your Health Check Results" in raw:
                seen.add("newsletter")
            if raw.startswith("Health Timeline"):
                seen.add("timeline")
                assert re.search(r"(?m)^11/08/2023\s+LAB\s", raw)  # older results are there, under an earlier date
    assert seen == {"listing", "telepath", "slip", "newsletter", "timeline"}


def test_fresh14_photos_decode():
    from PIL import Image

    for seed in (125000, 125001, 125002):
        report = make_report("phone-photo", seed, "fresh14-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh14_scans_are_one_page_images_with_ink():
    from tests.labs.fresh5 import render_pages

    for seed in range(125000, 125006):
        report = make_report("scanned-pdf", seed, "fresh14-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        assert len(pages) == 1
        low, high = pages[0].getextrema()
        assert high - low > 100, seed


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh14_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 125500, "fresh14-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
