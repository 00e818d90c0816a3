"""The seventeenth held-out set's generator (tests/labs/fresh17.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(on a preliminary report among pending tests, under a flowsheet's date-and-time heading, on a
line-printer listing's or a GP message's line, typed into an occupational-health form's boxes or
beside a request form's ticked box, in a coloured pill or above its range in two columns, among
others in a message's sentence or in an expanded database record), keeps pending and unticked tests, request numbers,
Read codes, screening boxes, appointments and accession numbers apart from results, images decode,
scans are image PDFs, and normal reports hold no flag. The readers are not run here; only the tuning
look-alike's seeds (155000...) are drawn, never the set's own."""

import io
import re
import sys
from pathlib import Path

import pytest

from tests.labs.corpus import LAYOUTS, make_report
from tests.labs.design_checks import joined_cells, row_count
from tests.labs.fresh17 import PENDING, UNTICKED, _dash, _rng_range, _words
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(155000, 155016)
LETTERS = {"H", "L", "HH", "LL", "A"}
WORDS = {"High", "Low", "Critical High", "Critical Low", "Abnormal"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"preliminary": "PRELIMINARY REPORT", "flowsheet": "Lab Results Flowsheet"},
    "uk-fixed": {"wide-listing": r"\*\*\* PATIENT RESULT LISTING \*\*\*", "read-codes": r"Pathology message \(received electronically\)"},
    "clinic-slip": {"occupational-health": "Occupational Health Service", "request-form": "PATHOLOGY REQUEST & RESULT FORM"},
    "two-column": {"pill-values": "Green: within the reference range", "range-below": "Results read across, left to right"},
    "portal-text": {"message": r"^Subject: Your recent lab results$", "expanded": r"^-\[ RECORD 1 \]"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh17_generation_is_deterministic(layout):
    first, again = (make_report(layout, 155001, "fresh17-tune") for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def test_every_fresh17_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh17-tune", 155000)


def _drawn(layout: str) -> list[tuple[int, object, str, list[str]]]:
    """(seed, report, its text, the designs whose mark it holds) for each tuning seed of a layout."""
    drawn = []
    for seed in TUNE:
        report = make_report(layout, seed, "fresh17-tune")
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in DESIGNS[layout].items() if re.search(mark, text, re.M)]))
    return drawn




def _unit(t) -> str:
    return re.escape(t.unit + " ") if t.unit else ""


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    elif design == "message":
        assert flags <= WORDS
    else:
        assert flags <= LETTERS
    if design == "preliminary":  # each result once, Final; two or three pending tests with no value
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t), "Final"), folded) == 1, t
        pending = re.findall(r"(\S+(?: Acid)?) Pending (?:In process|To follow)", folded)
        assert 2 <= len(pending) <= 3 and set(pending) <= set(PENDING), pending
    if design == "flowsheet":  # the result column is headed by the collection date and time
        assert re.search(r"Component \d\d/\d\d/24 \d{4} Units Ref Range", folded)
        for t in report.truth:
            value = f"{t.value_text} {t.flag}" if t.flag else t.value_text
            assert row_count(joined_cells(t.printed_name, value, t.unit or "", _dash(t)), folded) == 1, t
    if design == "wide-listing":
        for t in report.truth:
            assert re.search(rf"(?m)^24R\d{{6}}\s+(SER|EDTA|CIT|URN)\s+\d\d:\d\d\s+{re.escape(t.printed_name)}\s+"
                             rf"{re.escape(t.value_text)}\s+{_unit(t)}\s*{re.escape(_dash(t))}\s+[A-Z]{{3}}\s+\d\d:\d\d\s*$", raw), t
    if design == "read-codes":
        for t in report.truth:
            assert re.search(rf"(?m)^{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+{_unit(t)}\s*"
                             rf"{re.escape(_dash(t))}\s+4\d[A-Z]\d\.\s*$", raw), t
        assert "Action: No further action" in folded
    if design == "occupational-health":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
        assert f"Employee no.: {report.person.mrn}" in folded and "Fit with adjustments" in folded
    if design == "request-form":  # the ticked tests hold the results, the unticked ones nothing
        for t in report.truth:
            assert joined_cells("X", t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
        unticked = [name for name in UNTICKED if re.search(rf"(?:^| ){name}(?= |$)", folded)]
        assert 3 <= len(unticked) <= 5
    if design == "pill-values":
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low} - {high}")), folded) == 1, t
    if design == "range-below":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "") in folded, t
            assert f"Reference: {_rng_range(t, '{low} - {high}')}" in folded, t
    if design == "message":  # several results a sentence, the flagged ones in the last
        lines = raw.splitlines()
        for t in report.truth:
            value = joined_cells(t.value_text, t.unit or "")
            flagged = f", flagged {t.flag}" if t.flag else ""
            item = f"{t.printed_name} {value} (normal {_words(t)}{flagged})"
            line = next(line for line in lines if re.search(rf"(?:: |; |; and ){re.escape(item)}(?:;|\.$)", line))
            assert line.startswith("A few results are outside") == bool(t.flag), t
        assert re.search(r"blood pressure at the visit was \d+/\d+", folded) and "555-0142" in folded
    if design == "expanded":
        lines = raw.splitlines()
        for t in report.truth:
            k = next(k for k, line in enumerate(lines) if re.fullmatch(rf"test_name\s+\| {re.escape(t.printed_name)}", line))
            got = [line.split("|", 1)[1].strip() for line in lines[k + 1:k + 5]]
            assert got == [t.value_text, t.unit or "", _rng_range(t), t.flag or ""], t


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh17_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh17_pending_and_unticked_tests_codes_and_marks_are_not_results():
    """Pending and unticked tests, request numbers, Read codes, screening boxes, a message's other
    numbers and a record's accession fields stand apart; the truths are the results only."""
    seen = set()
    others = {name.lower() for name in PENDING + UNTICKED}
    for seed in range(155000, 155030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh17-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & others
            assert not names & {"pending", "request", "spec", "recd", "auth", "time", "read code", "vision r / l", "audiometry",
                                "blood pressure", "outcome", "accession", "collected", "abn_flag", "component", "reference"}
            assert not {t.value_text for t in report.truth} & {"Pending", "Final", "In process", "To follow", ""}
            for mark, name in (("PRELIMINARY REPORT", "preliminary"), ("PATIENT RESULT LISTING", "listing"),
                               ("Read code", "read-codes"), ("Audiometry", "occupational"), ("Tick the tests required", "form"),
                               ("Subject: Your recent lab results", "message"), ("accession", "expanded")):
                if mark in raw:
                    seen.add(name)
    assert seen == {"preliminary", "listing", "read-codes", "occupational", "form", "message", "expanded"}


def _small_page(region: str):
    """A fresh17 page at a low resolution, for drawing every photo and scan look quickly."""
    import random

    from tests.labs.fresh5 import render_pages
    from tests.labs.fresh17 import _printed_page

    report = make_report("us-table" if region == "us" else "uk-fixed", 155003, "fresh17-tune")
    return render_pages(_printed_page(random.Random(7), report.person, report.truth, region, portrait=True), 90)[0]


def test_every_fresh17_photo_and_scan_look_draws_and_decodes():
    import random

    from PIL import Image

    from tests.labs.fresh17 import PHOTOS, SCANS

    for region in ("us", "uk"):
        page = _small_page(region)
        for name, look in {**PHOTOS, **SCANS}.items():
            image = Image.open(io.BytesIO(look(page, random.Random(name))))
            image.load()
            assert image.format == ("PNG" if name == "released" else "JPEG"), name
            low, high = image.convert("L").getextrema()
            assert high - low > 100, name


def test_fresh17_photos_decode():
    from PIL import Image

    for seed in range(155000, 155006):
        report = make_report("phone-photo", seed, "fresh17-tune")
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert image.format == "JPEG"
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def test_fresh17_scans_are_one_page_images_with_ink():
    from tests.labs.fresh5 import render_pages

    for seed in range(155000, 155006):
        report = make_report("scanned-pdf", seed, "fresh17-tune")
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        assert len(pages) == 1
        low, high = pages[0].getextrema()
        assert high - low > 100, seed


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh17_normal_reports_hold_no_flag(layout):
    report = make_report(layout, 155500, "fresh17-tune", normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}
