"""The thirteenth held-out set's generator (tests/labs/fresh13.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(after a "Ref Range:" prefix, units before the value, value first, a logfmt pair, an HTML cell; the
SCI-Store-like print's "(H)" before the value is its flag), keeps accession numbers, letter prose,
donation and pregnancy numbers, sparkline axis numbers and log timestamps apart from results, images
decode, scans are image PDFs (a cover sheet before the report in the cover-sheet look), and normal
reports hold no flag. The readers are not run here; only the tuning look-alike's seeds (115000...)
are drawn, never the set's own."""

import html
import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh13 import _rng_range, _specimen
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(115000, 115014)
LETTERS = {"H", "L", "HH", "LL", "A"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"ref-prefix": "Ref Range: ", "specimen": "Results are grouped by specimen type",
                 "unit-first": "Units are printed before each result"},
    "uk-fixed": {"sci-store": r"\(H\) above reference range", "discharge-letter": "APPENDIX A - LABORATORY RESULTS"},
    "clinic-slip": {"donor": "BLOOD DONOR HEALTH CHECK", "antenatal": "MATERNITY RECORD - BOOKING BLOODS"},
    "two-column": {"sparkline": "Trend lines show earlier results", "value-first": "gives the value and unit first"},
    "portal-text": {"logfmt": r"^# export from CareLog", "html-source": "^<!DOCTYPE html>"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh13_generation_is_deterministic(layout):
    first, again = (make_report(layout, 115001, "fresh13-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh13_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh13-tune", 115000)


def _shown(report) -> str:
    """The report's text as a reader of it sees it (HTML source with its entities resolved)."""
    raw = _raw(report)
    return html.unescape(raw) if raw.startswith("<!DOCTYPE html>") else raw


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh13-tune")
        raw = _shown(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _logfmt(line: str) -> dict[str, str]:
    return {key: value.strip('"') for key, value in re.findall(r'(\w+)=("[^"]*"|\S+)', line)}


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if design == "discharge-letter" or (layout == "two-column" and "Hospital No." in raw):
        assert not flags  # UK reports print none
    if layout in ("us-table", "clinic-slip", "two-column") or design in ("logfmt", "html-source"):
        assert flags <= LETTERS
    if design == "ref-prefix":
        assert all(f"Ref Range: {_rng_range(t, '{low}-{high}', '>={low}', '<={high}')}" in folded for t in report.truth)
    if design == "specimen":  # every test under its specimen's heading
        heads = [m.start() for m in re.finditer(r"SPECIMEN: ", folded)]
        assert heads
        for t in report.truth:
            at = folded.index(f" {t.printed_name} {t.value_text} ")
            assert folded[max(h for h in heads if h < at):].startswith(
                "SPECIMEN: " + ["SERUM", "WHOLE BLOOD EDTA", "CITRATED PLASMA", "URINE"][_specimen(t)])
    if design == "unit-first":
        for t in report.truth:
            assert f"{t.printed_name} {t.unit + ' ' if t.unit else ''}{t.value_text} " in folded, t
    if design == "sci-store":  # "(H)" before every out-of-range value and no other
        assert flags <= {"H", "L", "A"}
        for t in report.truth:
            row = re.search(rf"(?m)^{re.escape(t.printed_name)}\s+(?:\((\w)\) )?{re.escape(t.value_text)}(?!\S)", raw)
            assert row and row.group(1) == t.flag, t
        assert {_true_status(t) != "normal" for t in report.truth if t.flag} <= {True}
    if design == "discharge-letter":  # the letter first, every result on page 2
        letter, appendix = raw.split("APPENDIX A")
        assert "Medicines on discharge" in letter and " mg " in letter
        for t in report.truth:
            assert re.search(rf"{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s", appendix), t
    if design == "donor":
        assert "Volume:" in raw and "Bag:" in raw
    if design == "antenatal":
        assert "Gestation at booking" in raw and "EDD" in raw
    if design == "value-first":
        for t in report.truth:
            cells = [t.value_text, t.unit or "", t.printed_name, _rng_range(t, "{low} - {high}")]
            assert " ".join(cell for cell in cells if cell) in folded, t
    if design == "sparkline":
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")]
            assert " ".join(cell for cell in cells if cell) in folded, t
    if design == "logfmt":
        rows = [_logfmt(line) for line in raw.splitlines() if line.startswith("seq=")]
        assert len(rows) == len(report.truth)
        for row, t in zip(rows, report.truth, strict=True):
            assert (row["test"], row["value"], row.get("unit"), row.get("flag")) == (t.printed_name, t.value_text, t.unit, t.flag)
            if t.range_text:
                assert row["ref"] == t.range_text
            else:
                assert (float(row["ref_low"]) if "ref_low" in row else None) == t.range_low
                assert (float(row["ref_high"]) if "ref_high" in row else None) == t.range_high
    if design == "html-source":
        rows = re.findall(r"<tr>((?:<td>.*?</td>)+)</tr>", report.data.decode())
        assert len(rows) == len(report.truth)
        for row, t in zip(rows, report.truth, strict=True):
            cells = [html.unescape(cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
            assert cells == [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}"), t.flag or ""], t


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh13_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh13_accessions_letters_donations_pregnancy_and_axis_numbers_are_not_results():
    """Accession numbers, the letter's doses, the donor and maternity numbers, the sparklines' axis
    numbers and the log's sequence numbers stand apart; the truths are the rows only."""
    seen = set()
    for seed in range(115000, 115030):
        for layout in ("us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"):
            report = make_report(layout, seed, "fresh13-tune")
            raw = _shown(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"accession", "volume", "bag", "gestation", "edd", "gravida", "para", "seq", "ts",
                                "blood pressure", "heart rate", "job number"}
            if "Accession " in raw:
                seen.add("specimen")
            if "APPENDIX A" in raw:
                seen.add("letter")
                letter = raw.split("APPENDIX A")[0]
                assert not any(f" {t.printed_name} " in f" {' '.join(letter.split())} " for t in report.truth)
            if "BLOOD DONOR" in raw or "BOOKING BLOODS" in raw:
                seen.add("slip")
            if "Trend lines" in raw:
                seen.add("sparkline")
            if "seq=" in raw:
                seen.add("logfmt")
                assert all(not t.value_text.startswith("2024-") for t in report.truth)
    assert seen == {"specimen", "letter", "slip", "sparkline", "logfmt"}


def test_fresh13_photos_decode():
    from PIL import Image

    for seed in (115000, 115001, 115002):
        report = make_report("phone-photo", seed, "fresh13-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh13_scans_are_images_and_a_cover_sheet_comes_first():
    """A scan has no text layer; a two-page scan's first page is the scanner's cover sheet (little ink
    low on the page), its second the report."""
    import numpy as np

    from tests.labs.fresh5 import render_pages

    counts = set()
    for seed in range(115000, 115010):
        report = make_report("scanned-pdf", seed, "fresh13-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        counts.add(len(pages))
        assert all(high - low > 100 for low, high in (page.getextrema() for page in pages)), seed
        if len(pages) == 2:
            lower = [page.crop((0, page.height // 2, page.width, page.height)) for page in pages]
            dark = [int((np.asarray(half) < 128).sum()) for half in lower]
            assert dark[0] < dark[1], (seed, dark)
    assert counts == {1, 2}


def test_fresh13_redacted_scans_black_out_address_and_phone_only():
    """The redaction bars cover the address and phone; the truths and the name, birth date and number stay."""
    import numpy as np

    from tests.labs.fresh5 import render_pages

    bars = 0
    for seed in range(115000, 115014):
        report = make_report("scanned-pdf", seed, "fresh13-tune")
        pages = render_pages(report.data, 40)
        if len(pages) != 1:
            continue
        dark = np.asarray(pages[0].convert("L"), dtype=np.float32) < 60
        # a marker bar: 4+ rows running on, each with 15+ near-black pixels side by side (a rule is one row)
        wide = np.array([np.convolve(row, np.ones(15), "valid").max() >= 15 for row in dark.astype(float)])
        if np.convolve(wide.astype(float), np.ones(4), "valid").max() >= 4:
            bars += 1
    assert bars >= 1


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh13_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 115500, "fresh13-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
