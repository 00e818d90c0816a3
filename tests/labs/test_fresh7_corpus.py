"""The seventh held-out set's generator (tests/labs/fresh7.py): every layout is drawn as its kind,
prints each true result as the scorer expects it (the newest dated result, the range for the
patient's sex and age, the first tier's bound, no range where "See note" is printed), and keeps
normal reports unflagged. The readers are not run here."""

import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh5 import _first_name
from tests.labs.fresh7 import PSA_BANDS, SEX_RANGES
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(55000, 55008)


def _raw(report) -> str:
    """The report's text; an e-mail's quote marks taken off so wrapped lines join again."""
    raw = report.data.decode() if report.kind == "text" else _page_text(report.data)
    return re.sub(r"(?m)^> ?", "", raw)


def test_every_fresh7_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh7", 51000)


def _parts(t) -> list[str]:
    """What of a truth must stand in the report's folded text: name, value, unit, range words or
    bounds, or "see note" for a result printed without a range."""
    bounds = [f"{x:g}" for x in (t.range_low, t.range_high) if x is not None]
    if t.range_text is None and not bounds:
        bounds = ["see note"]
    return [t.printed_name.lower(), t.value_text.lower(), (t.unit or "").lower(), (t.range_text or "").lower(), *bounds]


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh7_truth_is_printed(layout):
    for seed in TUNE:
        report = make_report(layout, seed, "fresh7-tune")
        check_printed(report, _raw(report), seed)


def check_printed(report, raw: str, seed: int) -> None:
    """Every truth's parts in the report's folded text, every flag as printed (fresh7 and later)."""
    folded = " ".join(raw.split()).lower()
    missing = [(t.printed_name, part) for t in report.truth for part in _parts(t) if part not in folded]
    assert not missing, (seed, missing)
    assert not [t.flag for t in report.truth if t.flag and t.flag not in raw], seed


def test_fresh7_portal_text_comes_in_every_look_and_a_history_export_holds_the_newest_row():
    looks = set()
    for seed in range(55000, 55016):
        report = make_report("portal-text", seed, "fresh7-tune")
        text = report.data.decode()
        looks |= {name for name, mark in (("email", "Forwarded message"), ("sms", "Reply STOP"),
                                          ("csv", "Collected;Test;Result"), ("fields", "Test name:")) if mark in text}
        if "Collected;Test;Result" in text:
            rows = [line.split(";") for line in text.splitlines()[2:]]
            for t in report.truth:
                newest = max((r for r in rows if r[1] == t.printed_name), key=lambda r: r[0])
                assert newest[0].startswith("2024-03-12") and newest[2] == t.value_text
                assert (newest[5] or None) == t.flag
    assert looks == {"email", "sms", "csv", "fields"}


def _sex_and_age(text: str) -> tuple[str, int]:
    found = re.search(r"Sex: ([MF])\s+Age: (\d+)", text) or re.search(r"Sex: ([MF]).*?Age: (\d+)", text, re.S)
    return found.group(1), int(found.group(2))


def test_fresh7_ranges_follow_the_printed_sex_and_age_and_see_note_has_none():
    seen = set()
    for layout, seeds in (("us-table", range(55000, 55036)), ("uk-fixed", TUNE), ("two-column", TUNE)):
        for seed in seeds:
            report = make_report(layout, seed, "fresh7-tune")
            text = _page_text(report.data)
            sex, age = _sex_and_age(text)
            region = "us" if "MRN:" in text else "uk"
            for t in report.truth:
                key = _first_name(t)
                if key in SEX_RANGES:
                    men, women = SEX_RANGES[key][region]
                    assert (t.range_low, t.range_high) == (men if sex == "M" else women), (seed, layout, t)
                    seen.add(sex)
                if key == "PSA, Total" and "Age-specific:" in text:
                    assert t.range_high == next(b for lo, hi, b in PSA_BANDS if lo <= age <= hi)
                    seen.add("age")
                if t.range_low is None and t.range_high is None and t.range_text is None:
                    assert "See note" in text and t.flag is None
                    seen.add("note")
    assert seen == {"M", "F", "age", "note"}


def test_fresh7_cumulative_tables_hold_the_newest_column():
    """In a cumulative table the current result is under the newest date, left or right."""
    sides = set()
    for seed in range(55000, 55016):
        report = make_report("us-table", seed, "fresh7-tune")
        text = _page_text(report.data)
        dates = re.findall(r"\d\d/\d\d/(\d{4})", text.split("Test", 1)[1].splitlines()[0])
        if "Cumulative report" not in text or not dates:
            continue
        newest_left = dates[0] == "2024"
        sides.add("left" if newest_left else "right")
        for line in text.splitlines():
            named = [t for t in report.truth if line.startswith(t.printed_name + " ")]
            t = max(named, key=lambda t: len(t.printed_name), default=None)  # "Hemoglobin A1c", not "Hemoglobin"
            if t is None or t.range_text:
                continue
            cells = [c for c in line[len(t.printed_name):].split() if not re.fullmatch(r"[HLA]{1,2}", c)]
            assert cells[0 if newest_left else len(dates) - 1] == t.value_text, (seed, line)
    assert sides == {"left", "right"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh7_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 55500, "fresh7-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
