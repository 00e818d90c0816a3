"""The twentieth held-out set's generator (tests/labs/fresh20.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(in a printed spreadsheet's row, on a dark-mode portal page, typed in a letter or on a record card,
on a terminal screen under a repeated header, on an adhesive label, in the within- or outside-range
column it belongs to, under its initial in an A-Z index, on a forum post's line or in a wide CSV's
column), keeps row numbers, screen lines, batch labels, index letters, forum replies and collection
rows apart from results, images decode, scans are image PDFs, and normal reports hold no flag. The
readers are not run here; only the tuning look-alike's seeds (185000...) are drawn, never the set's
own."""

import csv
import io
import re

import pytest

from tests.labs import fresh20
from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.design_checks import (
    check_every_photo_and_scan_look,
    check_generation_is_deterministic,
    check_normal_report_holds_no_flag,
    check_photos_decode,
    check_scans_are_one_page_images_with_ink,
    drawn_with_designs,
    joined_cells,
    row_count,
)
from tests.labs.fresh20 import _dash, _initial, _outside, _rng_range
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(185000, 185016)
LETTERS = {"H", "L", "HH", "LL", "A"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"spreadsheet": r"lab_results_\d+\.xlsx", "dark-mode": "Talk to your care team about your results"},
    "uk-fixed": {"typewriter": "Consultant Chemical Pathologist", "terminal": "PATHOLOGY RESULTS ENQUIRY"},
    "clinic-slip": {"record-card": "Dr. Alvarez - Family Clinic", "labels": r"Batch \d{4}-\d{2}"},
    "two-column": {"in-out": r"Within the reference range \(\d+\)", "index": "Results A-Z"},
    "portal-text": {"forum": r"^r/AskDocs", "wide-csv": r"^Reference range,"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh20_generation_is_deterministic(layout):
    check_generation_is_deterministic(layout, "fresh20-tune", 185001)


def test_every_fresh20_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh20-tune", 185000)


def _drawn(layout: str) -> list[tuple]:
    return drawn_with_designs(layout, "fresh20-tune", TUNE, DESIGNS[layout])




def _unit(t) -> str:
    return re.escape(t.unit) + r"\s+" if t.unit else ""


def _fixed_width(t, raw: str, brackets: bool) -> bool:
    rng = rf"\({re.escape(_dash(t))}\)" if brackets else re.escape(_dash(t))
    return bool(re.search(rf"(?m)^{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+{_unit(t)}{rng}\s*$", raw))


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    else:
        assert flags <= LETTERS
    if design in ("spreadsheet", "dark-mode"):  # one row a result
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), folded) == 1, t
    if design == "spreadsheet":  # the row numbers down the side: the header, the patient rows, the source
        rows = len(report.truth) + 9
        assert " ".join(str(n) for n in range(1, rows + 1)) in folded and "A B C D E F" in folded
    if design == "typewriter":  # typed one a line in the letter, the range in brackets
        for t in report.truth:
            assert _fixed_width(t, raw, brackets=True), t
        assert raw.index("Dear Dr. Pennington") < raw.index(report.truth[0].printed_name)
    if design == "terminal":  # split between two screens under a repeated header
        for t in report.truth:
            assert _fixed_width(t, raw, brackets=False), t
        assert folded.count("Test Result Units Reference range") == 2
        assert raw.index("SCREEN 2 OF 2") < raw.index(report.truth[-1].printed_name)
        assert raw.index("SCREEN 2 OF 2") > raw.index(report.truth[0].printed_name)
    if design == "record-card":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", f"({_rng_range(t)})", t.flag or "") in folded, t
    if design == "labels":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "") in folded, t
            assert f"Ref: {_dash(t)}" in folded, t
    if design in ("in-out", "index"):
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")), folded) == 1, t
    if design == "in-out":  # each result in the column its value belongs to
        border = folded.index("Outside the reference range (")
        for t in report.truth:
            assert (folded.index(f" {t.printed_name} {t.value_text} ") > border) == _outside(t), t
        assert any(_outside(t) for t in report.truth) or "(0) None" in folded
    if design == "index":  # alphabetical, each run under its initial
        at = [folded.index(f" {t.printed_name} {t.value_text} ") for t in report.truth]
        ordered = sorted(report.truth, key=lambda t: (_initial(t), t.printed_name.lower()))
        assert [folded.index(f" {t.printed_name} {t.value_text} ") for t in ordered] == sorted(at)
        for t in report.truth:
            heading = folded.rfind(f" {_initial(t)} ", 0, folded.index(f" {t.printed_name} {t.value_text} ") + 1)
            assert heading > 0, t
    if design == "forum":  # one pasted line a result, the replies after them
        for t in report.truth:
            line = f"{t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({_rng_range(t)})"
            assert line + (f" {t.flag}" if t.flag else "") in raw.splitlines(), t
        assert raw.index("upvotes") > raw.index(report.truth[-1].printed_name)
    if design == "wide-csv":  # one column a result
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(raw)) if row}
        columns = list(zip(rows["Test"], rows["Result"], rows["Units"], rows["Reference range"], rows["Flag"], strict=True))
        assert columns == [(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") for t in report.truth]


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh20_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh20_row_numbers_screen_lines_labels_letters_replies_and_collection_rows_are_not_results():
    """A spreadsheet's row numbers, a terminal's status and key lines, a label sheet's patient and batch
    labels, an index's letters, a forum's votes and replies and a CSV's Collected row stand apart; the
    truths are the results only."""
    seen = set()
    for seed in range(185000, 185030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh20-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"patient", "dob", "mrn", "phone", "collected", "source", "batch", "more...", "bottom",
                                "command ===>", "next visit", "upvotes", "test", "result", "flag", "units"}
            values = {t.value_text for t in report.truth}
            assert not values & {"", "H", "L", "A", "B", "C", "None", "2024-03-12 08:15", "xxxxxxxx"}
            for mark, name in (("lab_results_", "spreadsheet"), ("Talk to your care team", "dark-mode"),
                               ("Consultant Chemical Pathologist", "typewriter"), ("PF1=Help", "terminal"),
                               ("Family Clinic", "record-card"), ("Batch ", "labels"),
                               ("Outside the reference range", "in-out"), ("Results A-Z", "index"),
                               ("r/AskDocs", "forum"), ("Reference range,", "wide-csv")):
                if mark in raw:
                    seen.add(name)
    assert seen == {"spreadsheet", "dark-mode", "typewriter", "terminal", "record-card", "labels", "in-out", "index",
                    "forum", "wide-csv"}


def test_fresh20_sorted_columns_and_index_letters_stand_beside_results():
    """The within / outside columns both hold results across the seeds, and some index headings are the
    letters a flag would be ("H", "L", "A"), so reading a heading as a flag is a mistake the set can show."""
    outside, letters = 0, set()
    for seed in TUNE:
        report = make_report("two-column", seed, "fresh20-tune")
        raw = _raw(report)
        if "Outside the reference range" in raw:
            outside += sum(_outside(t) for t in report.truth)
        if "Results A-Z" in raw:
            letters |= {_initial(t) for t in report.truth}
    assert outside > 10 and letters & {"H", "L", "A"}


def test_every_fresh20_photo_and_scan_look_draws_and_decodes():
    check_every_photo_and_scan_look(fresh20, "fresh20-tune", 185003)


def test_fresh20_photos_decode():
    check_photos_decode("fresh20-tune", 185000)


def test_fresh20_scans_are_one_page_images_with_ink():
    check_scans_are_one_page_images_with_ink("fresh20-tune", 185000)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh20_normal_reports_hold_no_flag(layout):
    check_normal_report_holds_no_flag(layout, "fresh20-tune", 185500)
