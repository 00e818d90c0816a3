"""The eighth held-out set's generator (tests/labs/fresh8.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(the unit in the name's cell belongs to the result, a range in words is its bound), images decode,
and normal reports hold no flag. The readers are not run here."""

import io
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.fresh5 import render_pages
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh7_corpus import check_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(65000, 65010)
# a phrase only each design prints, per layout
DESIGNS = {
    "us-table": {"unit-name": "Test (units)", "cards": "Your value"},
    "uk-fixed": {"transposed": "Range ", "gp-letter": "Dear "},
    "clinic-slip": {"meter": "Ref ", "strip": "CASSETTE ANALYSER"},
    "two-column": {"unit-name": "Test (units)", "leaders": "....."},
    "portal-text": {"email": "Standard range:", "teletype": "*** FINAL REPORT ***", "apple": " \u00b7 Range "},
}


def _raw(report) -> str:
    return report.data.decode() if report.kind == "text" else _page_text(report.data)


def test_every_fresh8_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh8", 61000)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh8_generation_is_deterministic(layout):
    first, again = make_report(layout, 65001, "fresh8-tune"), make_report(layout, 65001, "fresh8-tune")
    assert first.data == again.data
    assert [vars(t) for t in first.truth] == [vars(t) for t in again.truth]


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh8_truth_is_printed_in_every_design(layout):
    seen = set()
    for seed in TUNE:
        report = make_report(layout, seed, "fresh8-tune")
        raw = _raw(report)
        check_printed(report, raw, seed)
        folded = " ".join(raw.split()).lower()
        assert report.person.name in raw or report.person.name.split()[1] in raw
        assert report.person.dob in raw and report.person.mrn in raw
        design = [name for name, mark in DESIGNS[layout].items() if mark in raw]
        assert len(design) == 1, (seed, design)
        seen |= set(design)
        if design == ["unit-name"]:  # the unit sits in the name's cell, in brackets
            assert all(f"{t.printed_name} ({t.unit})".lower() in folded for t in report.truth if t.unit), seed
        if layout in ("uk-fixed", "two-column") or design == ["gp-letter"]:
            assert not any(t.flag for t in report.truth)  # UK reports print no flags
    assert seen == set(DESIGNS[layout])


@pytest.mark.parametrize("layout", ["phone-photo", "scanned-pdf"])
def test_fresh8_images_decode(layout):
    check_images_decode(layout, "fresh8-tune", (65000, 65001, 65004), lambda size: min(size) >= 1000)


def check_images_decode(layout: str, variant: str, seeds, photo_size_ok) -> None:
    """A photo decodes to an image whose size `photo_size_ok` accepts; a scan is a one-page PDF of an
    image with no text layer (fresh8 and later)."""
    from PIL import Image

    for seed in seeds:
        report = make_report(layout, seed, variant)
        if layout == "phone-photo":
            assert report.kind == "image"
            image = Image.open(io.BytesIO(report.data))
            image.load()
            assert photo_size_ok(image.size), (seed, image.size)
        else:
            assert report.kind == "pdf" and not _page_text(report.data).strip()
            pages = render_pages(report.data, 72)
            assert len(pages) == 1 and pages[0].getextrema() != ((255, 255), (255, 255), (255, 255))
        assert report.truth and all(t.value_text for t in report.truth)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh8_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 65500, "fresh8-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
