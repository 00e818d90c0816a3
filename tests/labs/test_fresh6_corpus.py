"""The sixth held-out set's generator (tests/labs/fresh6.py): every layout is drawn, prints each true
result as the scorer expects it (comma decimals and thousands separators folded back to the truth's
number), and keeps normal reports unflagged. The readers are not run here."""

import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.test_fresh5_corpus import _page_text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402


def _as_printed_numbers(text: str) -> str:
    """The text with "5,4" read as 5.4 and "1,250" as 1250, as the truth holds them."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)  # thousands separators
    return re.sub(r"(?<=\d),(?=\d)", ".", text)  # a comma decimal mark


def test_every_fresh6_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh6", 41000)


def check_layouts_drawn(variant: str, seed: int) -> None:
    """Every layout of `variant` drawn as its kind, with the patient on each text page (the fresh6
    and later sets)."""
    kinds = {}
    for layout in LAYOUTS:
        report = make_report(layout, seed, variant)
        kinds[layout] = report.kind
        assert len(report.truth) == {"clinic-slip": 8, "two-column": 18, "phone-photo": 14}.get(layout, 16)
        if layout in ("us-table", "uk-fixed", "clinic-slip", "two-column"):
            text = _page_text(report.data)
            assert report.person.name in text and report.person.dob in text
        elif layout == "scanned-pdf":
            assert not _page_text(report.data).strip()  # images only, no text layer
        elif layout == "portal-text":
            assert report.person.mrn in report.data.decode()
    assert kinds == {**dict.fromkeys(LAYOUTS, "pdf"), "phone-photo": "image", "portal-text": "text"}


def _parts(t) -> list[str]:
    """What of a truth must stand in the report's folded text: name, value, unit, range words, upper bound."""
    high = "" if t.range_high is None else f"{t.range_high:g}"
    return [t.printed_name.lower(), t.value_text.lower(), (t.unit or "").lower(), (t.range_text or "").lower(), high]


@pytest.mark.parametrize("layout", ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"])
def test_every_fresh6_truth_is_printed(layout):
    for seed in range(45000, 45006):
        report = make_report(layout, seed, "fresh6-tune")
        raw = report.data.decode() if report.kind == "text" else _page_text(report.data)
        text = _as_printed_numbers(raw)
        folded = " ".join(text.split()).lower()
        missing = [(t.printed_name, part) for t in report.truth for part in _parts(t) if part not in folded]
        assert not missing, missing
        assert not [t.flag for t in report.truth if t.flag and t.flag not in raw]


def test_fresh6_prints_european_comma_decimals_and_us_thousands_separators():
    seen = set()
    for seed in range(45000, 45012):
        for layout in ("us-table", "two-column", "uk-fixed"):
            raw = _page_text(make_report(layout, seed, "fresh6-tune").data)
            seen |= {"comma" for _ in re.finditer(r"\d,\d (?:mmol|g/l|umol)", raw)}
            seen |= {"thousands" for _ in re.finditer(r"\d{1,3},\d{3}\b", raw)}
    assert seen == {"comma", "thousands"}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh6_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 45500, "fresh6-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}  # "<0.5", ">90", "Not detected" too
