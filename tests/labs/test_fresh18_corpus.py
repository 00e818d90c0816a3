"""The eighteenth held-out set's generator (tests/labs/fresh18.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(under Spanish / English heads, between a claim's CPT code and billed amount, on a phoned-results
log's line, typed on a pre-printed form, among a travel clinic's vaccines or a home visit's boxes, in
a reverse-video row or before a trend word in two columns, in an SQL row or a chat assistant's turn),
keeps vaccines, batch numbers, CPT codes, billed amounts, phone times, visit boxes, trend words, row
ids and the patient's questions apart from results, images decode, scans are image PDFs, and normal
reports hold no flag. The readers are not run here; only the tuning look-alike's seeds (165000...)
are drawn, never the set's own."""

import re

import pytest

from tests.labs import fresh18
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
from tests.labs.fresh18 import TRENDS, VACCINES, _cpt, _dash, _n, _rng_range, _words
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(165000, 165016)
LETTERS = {"H", "L", "HH", "LL", "A"}
WORDS = {"High", "Low", "Critical High", "Critical Low", "Abnormal"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"bilingual": "Informe de laboratorio / Laboratory report", "claim": "ATTACHMENT TO CLAIM - LABORATORY RESULTS"},
    "uk-fixed": {"phoned-log": "TELEPHONED RESULTS LOG", "preprinted": r"FORM CP/7 \(3-PART\)"},
    "clinic-slip": {"travel-clinic": "TRAVEL HEALTH CLINIC - VISIT RECORD", "home-visit": "Community Nursing - Home Visit Record"},
    "two-column": {"inverse-rows": "Rows in reverse print", "trend": "Trend: change since the previous sample"},
    "portal-text": {"sql": r"^INSERT INTO lab_results \(", "chat": r"^Chat transcript - "},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh18_generation_is_deterministic(layout):
    check_generation_is_deterministic(layout, "fresh18-tune", 165001)


def test_every_fresh18_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh18-tune", 165000)


def _drawn(layout: str) -> list[tuple]:
    return drawn_with_designs(layout, "fresh18-tune", TUNE, DESIGNS[layout])




def _unit(t) -> str:
    return re.escape(t.unit + " ") if t.unit else ""


def _sql(text) -> str:
    return "NULL" if not text else "'" + text.replace("'", "''") + "'"


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    elif design in ("sql", "chat"):
        assert flags <= WORDS
    else:
        assert flags <= LETTERS
    if design == "bilingual":  # every head in both languages, each result once
        assert "Prueba Test Resultado Result" in folded or "Prueba Resultado" in folded
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), folded) == 1, t
        assert "Fin del informe / End of report" in folded
    if design == "claim":  # a CPT code and the date of service before each result, a billed amount after
        for t in report.truth:
            row = joined_cells(_cpt(t), "03/12/2024", t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t))
            assert re.search(rf"(?:^| ){re.escape(row)} \$\d+\.\d\d(?= |$)", folded), t
        assert re.search(r"Claim total: \$\d+\.\d\d", folded) and "Member ID: W" in folded
    if design == "phoned-log":
        for t in report.truth:
            assert re.search(rf"(?m)^\d\d:\d\d\s+\d{{4}}\s+{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+"
                             rf"{_unit(t)}\s*{re.escape(_dash(t))}\s+[A-Z]{{2}}/[A-Z]{{2}}\s*$", raw), t
    if design == "preprinted":  # typed in the printed rows; the numbered boxes are the form's own
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _dash(t)) in folded, t
        assert all(re.search(rf"(?:^| ){k:02d}(?= |$)", folded) for k in range(1, len(report.truth) + 3))
    if design in ("travel-clinic", "home-visit"):
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
        if design == "travel-clinic":
            assert re.search(r"Batch [A-Z]\d{4}[XYZ]", folded) and "Malaria tablets" in folded
        else:
            assert re.search(r"Wound score \d+/12", folded) and re.search(r"Mileage \d+ mi", folded)
    if design == "inverse-rows":
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")), folded) == 1, t
    if design == "trend":  # a trend word between the value and the range, never a flag
        for t in report.truth:
            row = rf"{re.escape(joined_cells(t.printed_name, t.value_text, t.unit or ''))} (?:rising|falling|steady) "
            assert re.search(rf"(?:^| ){row}{re.escape(_rng_range(t, '{low} - {high}'))}(?= |$)", folded), t
    if design == "sql":  # one row a result: id, mrn, time, then the result's own fields
        for t in report.truth:
            low = "NULL" if t.range_low is None else _n(t.range_low)
            high = "NULL" if t.range_high is None else _n(t.range_high)
            fields = ", ".join((_sql(t.printed_name), _sql(t.value_text), _sql(t.unit), low, high, _sql(t.range_text), _sql(t.flag)))
            assert re.search(rf"(?m)^  \(\d+, '{report.person.mrn}', '2024-03-12 \d\d:\d\d:00', {re.escape(fields)}\)[,;]$", raw), t
    if design == "chat":  # one result an assistant's turn; the patient's questions hold none
        lines = raw.splitlines()
        for t in report.truth:
            value = joined_cells(t.value_text, t.unit or "")
            normal = f"The expected result is {t.range_text}" if t.range_text else \
                f"The normal range is {joined_cells(_words(t), t.unit or '')}"
            verdict = f"so it is flagged {t.flag}" if t.flag else "so it is in the normal range"
            said = f"Assistant: Your {t.printed_name} was {value}. {normal}, {verdict}."
            assert sum(line.endswith(said) for line in lines) == 1, t
        asked = [re.fullmatch(r"\[7:\d\d PM\] You: ok what about the (.+)\?", line) for line in lines[3:-4]]
        names = {t.printed_name.lower() for t in report.truth}
        assert all(question[1] in names for question in asked if question)  # a question names a test, no value


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh18_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh18_vaccines_codes_amounts_times_and_trends_are_not_results():
    """Vaccines and batch numbers, CPT codes and billed amounts, phone times and read-back initials,
    box numbers, visit boxes, trend words, row ids and the patient's questions stand apart; the truths
    are the results only."""
    seen = set()
    others = {name.lower() for name in VACCINES} | set(TRENDS)
    for seed in range(165000, 165030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh18-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & others
            assert not names & {"cpt", "dos", "billed", "claim total", "phoned", "ext", "read back", "box", "batch",
                                "malaria tablets", "arrived", "mileage", "weight", "wound score", "trend", "id", "collected_at"}
            values = {t.value_text for t in report.truth}
            assert not values & {"", *TRENDS} and not any(v.startswith(("$", "Batch")) for v in values)
            for mark, name in (("ATTACHMENT TO CLAIM", "claim"), ("Fin del informe", "bilingual"), ("READ BACK", "phoned"),
                               ("FORM CP/7", "preprinted"), ("Vaccines given today", "travel"), ("Wound score", "home"),
                               ("reverse print", "inverse"), ("Trend:", "trend"), ("INSERT INTO", "sql"), ("Assistant:", "chat")):
                if mark in raw:
                    seen.add(name)
    assert seen == {"claim", "bilingual", "phoned", "preprinted", "travel", "home", "inverse", "trend", "sql", "chat"}


def test_every_fresh18_photo_and_scan_look_draws_and_decodes():
    check_every_photo_and_scan_look(fresh18, "fresh18-tune", 165003)


def test_fresh18_photos_decode():
    check_photos_decode("fresh18-tune", 165000)


def test_fresh18_scans_are_one_page_images_with_ink():
    check_scans_are_one_page_images_with_ink("fresh18-tune", 165000)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh18_normal_reports_hold_no_flag(layout):
    check_normal_report_holds_no_flag(layout, "fresh18-tune", 165500)
