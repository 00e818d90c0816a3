"""The twenty-first held-out set's generator (tests/labs/fresh21.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(beside its blood tube or its range bar, in large print, in a grid under turned headings, on a
wristband's block or a tracking slip, under its panel's coloured band, on a page turned sideways, in
a calendar entry's description or on a checklist's ticked line), keeps tube legends, tracking steps,
authorisers' initials, barcode digits, calendar dates and to-do lines apart from results, images decode, scans are
image PDFs, and normal reports hold no flag. The readers are not run here; only the tuning
look-alike's seeds (195000...) are drawn, never the set's own."""

import re

import pytest

from tests.labs import fresh21
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
from tests.labs.fresh21 import _dash, _panel, _rng_range, _tube
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(195000, 195016)
LETTERS = {"H", "L", "HH", "LL", "A"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"tube": "Specimen tubes drawn:", "range-bar": "Where your result falls"},
    "uk-fixed": {"large-print": "This letter is in large print", "vertical-heads": "authorised by the duty biochemist"},
    "clinic-slip": {"wristband": r"\*\d{10}\*", "tracker": "Sample tracking"},
    "two-column": {"bands": "Panels under coloured bands", "sideways": "Printed landscape"},
    "portal-text": {"calendar": r"^BEGIN:VCALENDAR", "checklist": r"^To do:$"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh21_generation_is_deterministic(layout):
    check_generation_is_deterministic(layout, "fresh21-tune", 195001)


def test_every_fresh21_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh21-tune", 195000)


def _drawn(layout: str) -> list[tuple]:
    return drawn_with_designs(layout, "fresh21-tune", TUNE, DESIGNS[layout])


def _unfolded(raw: str) -> str:
    """A calendar text's lines unfolded and its DESCRIPTION's escapes undone: one line a result."""
    return raw.replace("\r\n ", "").replace("\\n", "\n").replace("\\,", ",")


def _line(t, range_text: str) -> str:
    return f"{t.printed_name} {t.value_text}{' ' + t.unit if t.unit else ''} ({range_text}){' ' + t.flag if t.flag else ''}"


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    else:
        assert flags <= LETTERS
    if design == "tube":  # one row a result, its tube before it
        for t in report.truth:
            assert row_count(joined_cells(_tube(t), t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)),
                             folded) == 1, t
    if design == "range-bar":
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), folded) == 1, t
    if design == "large-print":  # the name on its own line, the value, unit and range on the next
        lines = raw.splitlines()
        for t in report.truth:
            at = lines.index(t.printed_name)
            assert " ".join(lines[at + 1].split()) == joined_cells(t.value_text, t.unit or "", f"(normal {_dash(t)})"), t
    if design in ("vertical-heads", "sideways"):  # one row a result
        for t in report.truth:
            row = joined_cells(t.printed_name, t.value_text, t.unit or "", _dash(t))
            assert row_count(row, folded) == 1, t
            if design == "vertical-heads":  # the row ends with the authoriser's initials
                assert re.search(rf"(?:^| ){re.escape(row)} (JMc|RKP|ASW)(?= |$)", folded), t
    if design == "sideways":
        assert folded.count("Test Result Units Range") == 2
    if design == "wristband":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", f"ref {_dash(t)}", t.flag or "") in folded, t
    if design == "tracker":  # the name (and flag) on one line, the value below; the steps before the results
        for t in report.truth:
            assert joined_cells(t.printed_name, t.flag or "", t.value_text, t.unit or "", f"({_dash(t)})") in folded, t
        assert folded.index("Verified") < folded.index(f" {report.truth[0].printed_name} ")
    if design == "bands":  # each result under its panel's band
        for t in report.truth:
            row = joined_cells(t.printed_name, t.value_text, t.unit or "", _dash(t))
            assert row_count(row, folded) == 1, t
            at = folded.index(row)
            assert max((folded.rfind(p.upper(), 0, at), p) for p in ("Haematology", "Lipids", "Biochemistry"))[1] == _panel(t)
    if design == "calendar":  # one escaped line of the description a result
        lines = _unfolded(raw).splitlines()
        for t in report.truth:
            assert _line(t, _rng_range(t)) in lines, t
        assert all(len(line) <= 75 for line in raw.split("\r\n"))
    if design == "checklist":  # a ticked line a result, the to-do list after them
        for t in report.truth:
            assert "\u2611 " + _line(t, _rng_range(t)) in raw.splitlines(), t
        assert raw.index("To do:") > raw.index(report.truth[-1].printed_name)


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh21_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh21_tubes_steps_headings_barcodes_dates_and_to_dos_are_not_results():
    """A tube legend, a tracking slip's steps, the unit headings, a wristband's barcode digits, a
    calendar's dates, UID and reminder and a checklist's to-do lines stand apart; the truths are the
    results only."""
    seen = set()
    for seed in range(195000, 195030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh21-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"patient", "dob", "mrn", "tube", "gold sst", "lavender edta", "grey fluoride", "collected",
                                "received", "analysed", "verified", "jmc", "rkp", "asw", "dtstart", "uid", "to do:",
                                "haematology", "biochemistry", "lipids", "test", "result", "flag", "units"}
            values = {t.value_text for t in report.truth}
            assert not values & {"", "H", "L", "A", "x1", "2000", "JMc", "RKP", "ASW", "03/12"}
            for mark, name in (("Specimen tubes drawn", "tube"), ("Where your result falls", "range-bar"),
                               ("in large print", "large-print"), ("Authorised by", "vertical-heads"),
                               ("ref ", "wristband"), ("Sample tracking", "tracker"), ("Panels under coloured", "bands"),
                               ("Printed landscape", "sideways"), ("BEGIN:VCALENDAR", "calendar"),
                               ("To do:", "checklist")):
                if mark in raw:
                    seen.add(name)
    assert seen == set().union(*DESIGNS.values())


def test_fresh21_calendar_lines_fold_inside_results_and_grids_end_rows_with_initials():
    """Some calendar lines fold between a result's value and its range or flag, and a turned-heading
    grid's rows end with the authoriser's initials, a word after the range that is no flag."""
    split, initialled = 0, 0
    for seed in TUNE:
        raw = _raw(make_report("portal-text", seed, "fresh21-tune"))
        if raw.startswith("BEGIN:VCALENDAR"):
            split += sum(1 for line in raw.split("\r\n") if re.match(r" (\(|[HLA]{1,2}\\n)", line))
        report = make_report("uk-fixed", seed, "fresh21-tune")
        raw = _raw(report)
        if "Authorised by" in raw:
            folded = " ".join(raw.split())
            initialled += sum(bool(re.search(rf"{re.escape(_dash(t))} (JMc|RKP|ASW)\b", folded)) for t in report.truth)
            assert not any(t.flag for t in report.truth)
    assert split > 0 and initialled > 10


def test_every_fresh21_photo_and_scan_look_draws_and_decodes():
    check_every_photo_and_scan_look(fresh21, "fresh21-tune", 195003)


def test_fresh21_photos_decode():
    check_photos_decode("fresh21-tune", 195000)


def test_fresh21_scans_are_one_page_images_with_ink():
    check_scans_are_one_page_images_with_ink("fresh21-tune", 195000)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh21_normal_reports_hold_no_flag(layout):
    check_normal_report_holds_no_flag(layout, "fresh21-tune", 195500)
