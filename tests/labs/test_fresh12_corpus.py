"""The twelfth held-out set's generator (tests/labs/fresh12.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(a range in the result's own cell, a box-drawn cell, an XML attribute; the UK asterisk print's "*"
joined to the value is its flag), keeps corrected values, LOINC codes, vital signs, doses and
post-dialysis values apart from results, images decode, scans are image PDFs (one blank page between
two in the blank-page look), and normal reports hold no flag. The readers are not run here; only the
tuning look-alike's seeds (105000...) are drawn, never the set's own."""

import io
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh12 import BADGES, POST, _rng_range
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(105000, 105014)
LETTERS = set(BADGES)
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"corrected": "CORRECTED REPORT - supersedes", "badge": "Badges: H high, L low",
                 "loinc": "LOINC codes identify each test"},
    "uk-fixed": {"box": "PATHOLOGY ENQUIRY - RESULTS SCREEN PRINT", "asterisk": r"\* outside reference interval"},
    "clinic-slip": {"urgent-care": "DISCHARGE INSTRUCTIONS", "dialysis": "RENAL DIALYSIS UNIT - MONTHLY BLOODS"},
    "two-column": {"headless": "Results read down the left column, then the right", "vitals": "Today's measurements"},
    "portal-text": {"ascii-grid": r"^\+-+\+", "ccda-xml": "^<ClinicalDocument "},
}
NS = {"h": "urn:hl7-org:v3", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh12_generation_is_deterministic(layout):
    first, again = (make_report(layout, 105001, "fresh12-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh12_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh12-tune", 105000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh12-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _check_xml(report, raw: str) -> None:
    """Each observation: its name, value (PQ attribute or ST text), unit, range bounds or word, and flag."""
    observations = ET.fromstring(raw.encode()).findall(".//h:observation", NS)
    assert len(observations) == len(report.truth)
    for obs, t in zip(observations, report.truth, strict=True):
        assert obs.find("h:code", NS).get("displayName") == t.printed_name
        value = obs.find("h:value", NS)
        assert (value.get("value") or value.text) == t.value_text
        assert value.get("unit") == t.unit
        code = obs.find("h:interpretationCode", NS)
        assert (code.get("code") if code is not None else None) == t.flag
        bounds = obs.find("h:referenceRange/h:observationRange/h:value", NS)
        if t.range_text:
            assert obs.find("h:referenceRange/h:observationRange/h:text", NS).text == t.range_text
        else:
            low, high = bounds.find("h:low", NS), bounds.find("h:high", NS)
            assert (None if low is None else float(low.get("value"))) == t.range_low
            assert (None if high is None else float(high.get("value"))) == t.range_high


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout == "two-column" or design == "box":
        assert not flags  # UK reports print none
    if layout in ("us-table", "clinic-slip") or design == "ascii-grid":
        assert flags <= LETTERS
    if design == "asterisk":  # the "*" joined to every out-of-range value, and to no other
        assert flags <= {"*"}
        for t in report.truth:
            assert bool(re.search(rf"(?<![\d.]){re.escape(t.value_text)}\*", raw)) == bool(t.flag), t
        assert {_true_status(t) != "normal" for t in report.truth if t.flag} <= {True}
    if design == "corrected":
        assert "Corrected result: previously reported as" in folded
        assert folded_count(raw, " Corrected ") == folded.count("Corrected result: previously reported as") >= 1
    if design == "loinc":  # the range in the result's own cell
        assert all(f"{t.value_text} ({_rng_range(t)})" in folded for t in report.truth)
    if design == "box":  # every cell framed
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")]
            assert re.search(r"\s*│\s*".join(re.escape(cell) for cell in cells) + r"\s*│", raw), t
    if design == "dialysis":  # the truth is the Pre column, the one after the name
        assert "URR " in raw and "Kt/V" in raw
        for t in report.truth:
            assert re.search(rf"(^|\s){re.escape(t.printed_name)} {re.escape(t.value_text)} (\S+) ", folded), t
    if design == "urgent-care":
        assert "Vitals: BP" in raw and "Medicines" in raw
    if design == "headless":  # the heading row printed once, over the left column only
        assert folded.count("Test Result Units Range") == 1
    if design == "vitals":
        assert "Blood pressure" in raw and "BMI" in raw
    if design == "ascii-grid":
        rows = {" ".join(line.split()) for line in raw.splitlines() if line.startswith("|")}
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"), t.flag or ""]
            assert ("| " + " | ".join(cells) + " |").split() in [row.split() for row in rows], t
    if design == "ccda-xml":
        _check_xml(report, raw)


def folded_count(raw: str, word: str) -> int:
    return f" {' '.join(raw.split())} ".count(word)


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh12_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh12_vitals_doses_post_values_and_codes_are_not_results():
    """The urgent-care slip's vitals and doses, the dialysis Post column, the After Visit Summary's
    measurements and the LOINC codes hold numbers of their own; the truths are the rows only."""
    seen = set()
    for seed in range(105000, 105030):
        for layout in ("clinic-slip", "two-column", "us-table"):
            report = make_report(layout, seed, "fresh12-tune")
            raw = _page_text(report.data)
            names = {t.printed_name for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"BP", "Pulse", "Temp", "SpO2", "Weight", "Height", "BMI", "URR", "Kt/V", "LOINC"}
            if "MONTHLY BLOODS" in raw:
                seen.add("dialysis")
                folded = " ".join(raw.split())
                for t in report.truth:
                    post = re.search(rf"(?:^|\s){re.escape(t.printed_name)} {re.escape(t.value_text)} (\S+) ", folded).group(1)
                    assert post == "-" or (t.printed_name in POST and post != t.value_text)
            if "DISCHARGE INSTRUCTIONS" in raw:
                seen.add("urgent-care")
            if "Today's measurements" in raw:
                seen.add("vitals")
            if "previously reported as" in raw:
                seen.add("corrected")
                old = re.findall(r"previously reported as (\S+) on", raw)
                assert old and folded_count(raw, " Corrected ") == len(old)
    assert seen == {"dialysis", "urgent-care", "vitals", "corrected"}


def test_fresh12_photos_decode():
    from PIL import Image

    for seed in (105000, 105001, 105002):
        report = make_report("phone-photo", seed, "fresh12-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh12_scans_are_images_with_a_blank_page_only_between_two():
    """A scan has no text layer; a three-page scan's middle page is blank paper, every other page holds rows."""
    from tests.labs.fresh5 import render_pages

    counts = set()
    for seed in range(105000, 105008):
        report = make_report("scanned-pdf", seed, "fresh12-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = render_pages(report.data, 40)
        counts.add(len(pages))
        spans = [high - low for low, high in (page.convert("L").getextrema() for page in pages)]
        inked = [span > 100 for span in spans]
        assert inked == ([True, False, True] if len(pages) == 3 else [True] * len(pages)), (seed, spans)
    assert counts == {1, 2, 3}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh12_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 105500, "fresh12-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
