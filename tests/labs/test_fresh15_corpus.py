"""The fifteenth held-out set's generator (tests/labs/fresh15.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(on a page turned by /Rotate, beside a "Change since" column, under an outline number, in a bilingual
or range-note print, on a wallet card or a slip with a tear-off stub, across a booklet spread or in
body-system groups, in an ASTM R record or an entity-attribute-value export), keeps changes, outline
numbers, old ranges, notes, Welsh labels, booth and appointment numbers, page numbers, icon letters,
ASTM header and order records and collection times apart from results, images decode, scans are
image PDFs, and normal reports hold no flag. The readers are not run here; only the tuning
look-alike's seeds (135000...) are drawn, never the set's own."""

import csv
import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh15 import _rng_range
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(135000, 135014)
LETTERS = {"H", "L", "HH", "LL", "A"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"rotated-page": "Printed in landscape", "change": r"Change since 11/08/2023",
                 "outline": "Section numbers are for reference"},
    "uk-fixed": {"bilingual": "Diwedd yr adroddiad / End of report", "range-notes": r"Authorised by: Dr\. H\. Maclean"},
    "clinic-slip": {"wallet-card": "KNOW YOUR NUMBERS", "stub": "YOUR NEXT APPOINTMENT"},
    "two-column": {"booklet-spread": "results continued", "body-systems": "Your Health Check, system by system"},
    "portal-text": {"astm": r"^H\|\\\^&", "eav": r"^result_id,attribute,value$"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh15_generation_is_deterministic(layout):
    first, again = (make_report(layout, 135001, "fresh15-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh15_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh15-tune", 135000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh15-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn


def _eav(raw: str) -> dict[int, list[tuple[str, str]]]:
    rows = list(csv.reader(io.StringIO(raw)))[1:]
    out: dict[int, list[tuple[str, str]]] = {}
    for key, attribute, value in rows:
        out.setdefault(int(key), []).append((attribute, value))
    return out


def _cells(*cells: str) -> str:
    return " ".join(cell for cell in cells if cell)


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    else:
        assert flags <= LETTERS
    if design == "rotated-page":  # the page is turned by /Rotate 90; its text still reads row by row
        import pypdfium2 as pdfium

        page = pdfium.PdfDocument(report.data)[0]
        assert page.get_rotation() == 90 and page.get_width() > page.get_height()
        for t in report.truth:
            assert re.search(rf"(?:^| ){re.escape(_cells(t.printed_name, t.value_text, t.flag or '', t.unit or '', _rng_range(t, '{low} - {high}')))}"
                             r" (Serum|Whole blood|Urine) Final [A-Z]{2,3}(?: |$)", folded), t
    if design == "change":  # a signed difference (or "new") after the range: never the value
        for t in report.truth:
            row = _cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t))
            match = re.search(rf"(?:^| ){re.escape(row)} (\S+)", folded)
            assert match and re.fullmatch(r"[+-]\d+(\.\d+)?|0|new", match.group(1)), t
    if design == "outline":
        for t in report.truth:
            row = _cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _rng_range(t, "{low} - {high}"))
            assert re.search(rf"(?:^| )\d\.\d+ {re.escape(row)}(?: |$)", folded), t
        assert re.search(r"1\. [A-Z]+", folded)
    if design in ("bilingual", "range-notes"):
        for t in report.truth:
            assert re.search(rf"(?m)^{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+"
                             rf"{re.escape(t.unit + ' ') if t.unit else ''}\s*{re.escape(_rng_range(t, '{low} - {high}'))}\s*$",
                             raw), t
    if design == "bilingual":
        assert "Canlyniad" in raw and "Dyddiad geni / DOB" in raw
    if design == "range-notes":  # each note's old range differs from the test's range above it
        lines = [line.strip() for line in raw.splitlines()]
        for k, line in enumerate(lines):
            if line.startswith("Please note new reference range"):
                old = re.search(r"\(previously (.+)\)$", line).group(1)
                above = next(t for t in report.truth if lines[k - 1].startswith(t.printed_name + " "))
                assert old != _rng_range(above, "{low} - {high}"), line
    if design in ("wallet-card", "stub"):
        for t in report.truth:
            assert _cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
    if design == "wallet-card":
        assert re.search(r"Booth \d+", folded)
    if design == "stub":
        assert re.search(r"Room \d+ Queue no\. \d+", folded)
    if design in ("booklet-spread", "body-systems"):
        for t in report.truth:
            assert _cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")) in folded, t
    if design == "astm":
        records = [line.split("|") for line in raw.splitlines() if line.startswith("R|")]
        assert len(records) == len(report.truth)
        for fields, t in zip(records, report.truth, strict=True):
            assert fields[2].split("^")[-1] == t.printed_name
            assert (fields[3], fields[4] or None, fields[5], fields[6]) == (t.value_text, t.unit, _rng_range(t), t.flag or "N"), t
        assert re.search(r"(?m)^P\|1\|\|\d+\|\|", raw) and re.search(r"(?m)^O\|1\|", raw)
    if design == "eav":
        groups = _eav(raw)
        assert dict(groups[0])["mrn"] == report.person.mrn
        assert len(groups) - 1 == len(report.truth)
        for k, t in enumerate(report.truth):
            row = dict(groups[k + 1])
            assert (row["test"], row["value"], row.get("unit"), row["flag"] or None) == (t.printed_name, t.value_text, t.unit, t.flag)
            low, high = row.get("ref_low"), row.get("ref_high")
            assert (None if low is None else float(low), None if high is None else float(high)) == (t.range_low, t.range_high)
            assert row.get("ref_text") == t.range_text


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh15_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh15_changes_numbers_notes_stubs_and_records_are_not_results():
    """Changes, outline numbers, old ranges and notes, Welsh labels, booth, appointment and page
    numbers, icon letters, ASTM header and order records and collection times stand apart; the truths
    are the rows only."""
    seen = set()
    for seed in range(135000, 135030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh15-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"change", "booth", "room", "queue no.", "time", "date", "collected", "specimen", "verified",
                                "status", "please note new reference range from 01/02/2024"}
            if layout == "two-column":  # the body-system icons' letters
                assert not names & {"k", "l", "h", "b", "m"}
            assert not {t.value_text for t in report.truth} & {"Final", "new"}
            if "Change since" in raw:
                seen.add("change")
            if "Please note new reference range" in raw:
                seen.add("notes")
            if "YOUR NEXT APPOINTMENT" in raw:
                seen.add("stub")
            if "system by system" in raw:
                seen.add("systems")
            if raw.startswith("ASTM export"):
                seen.add("astm")
                assert sum(line.startswith("R|") for line in raw.splitlines()) == len(report.truth)
    assert seen == {"change", "notes", "stub", "systems", "astm"}


def test_fresh15_photos_decode():
    from PIL import Image

    formats = set()
    for seed in range(135000, 135006):
        report = make_report("phone-photo", seed, "fresh15-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        formats.add(image.format)
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)
    assert formats == {"JPEG", "PNG"}  # the gallery screenshot is a PNG


def test_fresh15_scans_are_one_page_images_with_ink():
    from tests.labs.fresh5 import render_pages

    for seed in range(135000, 135006):
        report = make_report("scanned-pdf", seed, "fresh15-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        assert len(pages) == 1
        low, high = pages[0].getextrema()
        assert high - low > 100, seed


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh15_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 135500, "fresh15-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
