"""The sixteenth held-out set's generator (tests/labs/fresh16.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(in a full table and again in an out-of-range box, after a leftmost flag, after its reference
interval, in lower case, as a GP journal's test-result entry, on dotted pharmacy lines, a postcard or
analyser labels, in columns continued on page 2 or beside a QR code, one cell a line or in a
Blue-Button-like block), keeps journal entries, postage, label serials, notes, signatories, page
lines and collection times apart from results, images decode, scans are image PDFs, and normal
reports hold no flag. The readers are not run here; only the tuning look-alike's seeds (145000...)
are drawn, never the set's own."""

import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.design_checks import joined_cells, row_count
from tests.labs.fresh16 import _rng_range, _words
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(145000, 145016)
LETTERS = {"H", "L", "HH", "LL", "A"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"summary-box": "RESULTS OUTSIDE THE REFERENCE INTERVAL", "flag-first": "shown before the test",
                 "range-first": "printed before your result"},
    "uk-fixed": {"lower-case": r"\*\*\* end of report \*\*\*", "journal": "Patient Record Journal"},
    "clinic-slip": {"pharmacy-leaflet": "Your Health Check Results", "postcard": "PRSRT STD",
                    "analyser-labels": "analyzer labels attached"},
    "two-column": {"continued-columns": "continued on page 2", "pathology-qr": "Scan to verify"},
    "portal-text": {"viewer-copy": r"^Patient Report$", "blue-button": r"^LABS AND TESTS$"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh16_generation_is_deterministic(layout):
    first, again = (make_report(layout, 145001, "fresh16-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh16_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh16-tune", 145000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh16-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn




def _pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    finally:
        doc.close()


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    else:
        assert flags <= LETTERS
    if design == "summary-box":  # a flagged row twice (box and table), any other row once
        for t in report.truth:
            row = joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}"))
            assert row_count(row, folded) == (2 if t.flag else 1), t
        assert ("None - all results are within" in folded) == (not flags)
    if design == "flag-first":  # the flag stands before the test's name, or nothing does
        for t in report.truth:
            row = joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t))
            match = re.search(rf"(?:^| )(\S+) {re.escape(row)}(?= |$)", folded)
            assert match, t
            assert (match.group(1) == t.flag) if t.flag else match.group(1) not in LETTERS, t
    if design == "range-first":
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, _rng_range(t, "{low} - {high}"), t.value_text, t.flag or "", t.unit or ""),
                          folded) == 1, t
    if design == "lower-case":
        for t in report.truth:
            assert t.printed_name == t.printed_name.lower() and (t.unit or "") == (t.unit or "").lower(), t
            assert re.search(rf"(?m)^{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+"
                             rf"{re.escape(t.unit + ' ') if t.unit else ''}\s*"
                             rf"{re.escape(_rng_range(t, '{low} - {high}', '> {low}', '< {high}'))}\s*$", raw), t
        assert report.person.name in raw  # the name as written
    if design == "journal":
        for t in report.truth:
            assert re.search(rf"(?m)^12-Mar-2024\s+14:47\s+Test result\s+{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+"
                             rf"{re.escape(t.unit + ' ') if t.unit else ''}\s*{re.escape(_rng_range(t, '{low} - {high}'))}\s*$", raw), t
        assert re.search(r"Blood pressure \d+/\d+ mmHg", folded) and "Consultation" in folded
    if design == "pharmacy-leaflet":
        for t in report.truth:
            value = joined_cells(t.value_text, t.unit or "", t.flag or "")
            assert re.search(rf"{re.escape(t.printed_name)} Your result[ .]*{re.escape(value)} Healthy range[ .]*"
                             rf"{re.escape(_words(t))}(?= |$)", folded), t
    if design in ("postcard", "analyser-labels"):
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
    if design == "postcard":
        assert re.search(r"PERMIT NO\. \d+", folded) and report.person.name.upper() in folded
    if design == "analyser-labels":
        assert len(re.findall(r"SN \d{5} LOT \d{4}", folded)) == 2
    if design in ("continued-columns", "pathology-qr"):
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")) in folded, t
    if design == "continued-columns":  # page 2 holds the second column's last rows
        pages = _pages(report.data)
        assert len(pages) == 2 and "Results (continued)" in pages[1]
        for t in report.truth[14:]:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")) in pages[1], t
    if design == "pathology-qr":
        assert "Practice No." in folded and "Chemical Pathologist" in folded
    if design == "viewer-copy":  # each result's cells on consecutive lines of their own
        lines = raw.splitlines()
        for t in report.truth:
            cells = [cell for cell in (t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}")) if cell]
            starts = [k for k, line in enumerate(lines) if line == cells[0]]
            assert any(lines[k:k + len(cells)] == cells for k in starts), t
        assert "Page 1 of 2" in lines
    if design == "blue-button":
        lines = raw.splitlines()
        for t in report.truth:
            k = lines.index(f"Lab Test: {t.printed_name}")
            expected = (f"Result: {t.value_text}   Units: {t.unit or ''}   Reference Range: {_rng_range(t)}"
                        f"   Interpretation: {t.flag or ''}").rstrip()
            assert lines[k + 3] == expected, t


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh16_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh16_journal_entries_labels_notes_and_page_lines_are_not_results():
    """Journal entries, postage, analyser serials, notes, signatories, viewer page lines and download
    fields stand apart; the truths are the rows only."""
    seen = set()
    for seed in range(145000, 145030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh16-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"blood pressure", "o/e - weight", "pulse rate", "medication", "consultation", "test result",
                                "permit no.", "sn", "lot", "page", "notes", "specimen", "interpretation", "lab test",
                                "date/time collected", "performing location", "your result", "healthy range", "flag"}
            assert not {t.value_text for t in report.truth} & {"Final", "Page", "None"}
            for mark, name in (("Patient Record Journal", "journal"), ("PRSRT STD", "postcard"),
                               ("analyzer labels attached", "labels"), ("Results (continued)", "continued"),
                               ("Page 1 of 2\n", "viewer"), ("RESULTS OUTSIDE", "summary")):
                if mark in raw:
                    seen.add(name)
    assert seen == {"journal", "postcard", "labels", "continued", "viewer", "summary"}


def _small_page(region: str):
    """A fresh16 page at a low resolution, for drawing every photo and scan look quickly."""
    import random

    from tests.labs.fresh5 import render_pages
    from tests.labs.fresh16 import _printed_page

    report = make_report("us-table" if region == "us" else "uk-fixed", 145003, "fresh16-tune")
    return render_pages(_printed_page(random.Random(7), report.person, report.truth, region), 90)[0]


def test_every_fresh16_photo_and_scan_look_draws_and_decodes():
    import random

    from PIL import Image

    from tests.labs.fresh16 import PHOTOS, SCANS

    for region in ("us", "uk"):
        page = _small_page(region)
        for name, look in {**PHOTOS, **SCANS}.items():
            image = Image.open(io.BytesIO(look(page, random.Random(name))))
            image.load()
            assert image.format == ("PNG" if name == "viewfinder" else "JPEG"), name
            low, high = image.convert("L").getextrema()
            assert high - low > 100, name


def test_fresh16_photos_decode():
    from PIL import Image

    for seed in range(145000, 145006):
        report = make_report("phone-photo", seed, "fresh16-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert image.format in ("JPEG", "PNG")
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh16_scans_are_one_page_images_with_ink():
    from tests.labs.fresh5 import render_pages

    for seed in range(145000, 145006):
        report = make_report("scanned-pdf", seed, "fresh16-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        assert len(pages) == 1
        low, high = pages[0].getextrema()
        assert high - low > 100, seed


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh16_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 145500, "fresh16-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
