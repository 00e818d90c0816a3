"""The ninth held-out set's generator (tests/labs/fresh9.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(a unit after the range belongs to the result, a range in words is its bound, an out-of-range value
carries its flag in its cell), keeps comments apart from results, images decode, and normal reports
hold no flag. The readers are not run here."""

import json
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh9 import COMMENTS, GENERIC_COMMENTS
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh7_corpus import check_printed
from tests.labs.test_fresh8_corpus import check_images_decode

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(75000, 75012)
SEEDS = {"portal-text": range(75000, 75020)}  # enough seeds to draw every look
# a pattern only each design prints, per layout (searched in the text with its spaces folded)
DESIGNS = {
    "us-table": {"quest": "Out Of Range", "india": "Biological Reference Interval", "hospital": "Requesting ward:"},
    "uk-fixed": {"nhs-app": "Normal range:", "comments": "PATHOLOGY REPORT - CLINICAL BIOCHEMISTRY",
                 "tab-stop": "Blood Sciences Report"},
    "clinic-slip": {"receipt": "HEALTH CHECK RECEIPT", "card": "My Health Check Card"},
    "two-column": {"split": r"(HAEMATOLOGY|BIOCHEMISTRY|LIPIDS|ENDOCRINOLOGY AND OTHER) Test Result Units Range",
                   "zebra": "Results summary"},
    "portal-text": {"cerner": "Reference Range:", "markdown": r"\| --- \|", "whatsapp": r"^\[[^]]+\] [^:]+: Results came",
                    "fhir": '"resourceType": "Bundle"'},
}


def _raw(report) -> str:
    return report.data.decode() if report.kind == "text" else _page_text(report.data)


def _design(layout: str, raw: str) -> list[str]:
    text = raw if layout == "portal-text" else " ".join(raw.split())
    return [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh9_generation_is_deterministic(layout):
    first, again = (make_report(layout, 75001, "fresh9-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh9_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh9", 71000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    reports = [(seed, make_report(layout, seed, "fresh9-tune")) for seed in SEEDS.get(layout, TUNE)]
    return [(seed, report, _raw(report), _design(layout, _raw(report))) for seed, report in reports]


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    if layout in ("uk-fixed", "two-column"):
        assert not any(t.flag for t in report.truth)  # UK reports print no flags
    if design == "quest":  # an out-of-range value carries its flag; the unit follows the range
        assert all(f"{t.value_text} {t.flag}" in folded for t in report.truth if t.flag)
        assert all(f" {t.unit} " in folded for t in report.truth if t.unit)
    if design == "receipt":
        assert all(t.flag.startswith("*") for t in report.truth if t.flag)


def check_every_design_printed(layout: str, drawn, designs: dict[str, str], rules) -> None:
    """Each drawn report prints every truth and the patient and holds one design's mark, which `rules`
    checks; every design is drawn (fresh9 and later)."""
    for seed, report, raw, marks in drawn:
        check_printed(report, raw, seed)
        assert all(x in raw for x in (report.person.name, report.person.dob, report.person.mrn)), seed
        assert len(marks) == 1, (seed, marks)
        rules(layout, marks[0], report, raw)
    assert {design for *_, marks in drawn for design in marks} == set(designs)


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh9_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh9_comment_paragraphs_follow_their_test_and_are_not_results():
    """Comments hold numbers of their own: they stand under a test's row, and no truth is drawn from them."""
    printed = 0
    for seed in range(75000, 75030):
        report = make_report("uk-fixed", seed, "fresh9-tune")
        folded = " ".join(_page_text(report.data).split())
        if "CLINICAL BIOCHEMISTRY" not in folded:
            continue
        assert len(report.truth) == 16
        for comment in [*COMMENTS.values(), *GENERIC_COMMENTS]:
            at = folded.find(comment)
            if at < 0:
                continue
            printed += 1
            rows = [re.escape(f"{t.printed_name} {t.value_text} ") + r"[^*]{0,40}$" for t in report.truth]
            assert any(re.search(row, folded[:at].rstrip()) for row in rows), (seed, comment)
    assert printed >= 2


def test_fresh9_fhir_bundle_is_json_with_values_as_printed():
    found = False
    for seed in range(75000, 75030):
        report = make_report("portal-text", seed, "fresh9-tune")
        text = report.data.decode()
        if '"resourceType"' not in text:
            continue
        found = True
        entries = [e["resource"] for e in json.loads(text)["entry"]]
        assert entries[0]["resourceType"] == "Patient" and entries[0]["identifier"][0]["value"] == report.person.mrn
        observations = {o["code"]["text"]: o for o in entries[1:]}
        for t in report.truth:
            obs = observations[t.printed_name]
            if "valueQuantity" in obs:
                assert re.search(rf'"value": {re.escape(t.value_text.lstrip("<>"))}[,\n]', text)
                assert obs["valueQuantity"].get("unit") == t.unit
            else:
                assert obs["valueString"] == t.value_text
            ref = obs.get("referenceRange", [{}])[0]
            assert (ref.get("low", {}).get("value"), ref.get("high", {}).get("value")) == (t.range_low, t.range_high)
            codes = [c["code"] for c in obs.get("interpretation", [{"coding": []}])[0]["coding"]]
            assert codes == ([t.flag] if t.flag else [])
    assert found


@pytest.mark.parametrize("layout", ["phone-photo", "scanned-pdf"])
def test_fresh9_images_decode(layout):
    # a photo sent over WhatsApp is downscaled to 1200-1400 px on its long side; the others are larger
    check_images_decode(layout, "fresh9-tune", (75000, 75001, 75004), lambda size: max(size) >= 1200)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh9_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 75500, "fresh9-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
