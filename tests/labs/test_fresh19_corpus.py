"""The nineteenth held-out set's generator (tests/labs/fresh19.py): generation is deterministic, every
layout is drawn as its kind in each of its designs, prints each true result as the scorer expects it
(under French / English heads, on a research form's row before its Y / N column, in fixed width after
a fax cover sheet or in a printed e-mail, on an app's card, after a fertility scan's box, in the newest
of three dated columns, in a merged-cell grid with footnote markers, in a DataFrame's row or a LaTeX
table's row), keeps protocol and subject numbers, Y / N letters, fax numbers, quoted messages, status
bars, follicle sizes, older columns, footnote markers and row indexes apart from results, images
decode, scans are image PDFs, and normal reports hold no flag. The readers are not run here; only the
tuning look-alike's seeds (175000...) are drawn, never the set's own."""

import re

import pytest

from tests.labs import fresh19
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
from tests.labs.fresh19 import DATES, NOTES, _dash, _rng_range
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh6_corpus import check_layouts_drawn
from tests.labs.test_fresh9_corpus import _raw, check_every_design_printed

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
TUNE = range(175000, 175016)
LETTERS = {"H", "L", "HH", "LL", "A"}
WORDS = {"High", "Low", "Critical High", "Critical Low", "Abnormal"}
# a pattern only each design prints, per layout
DESIGNS = {
    "us-table": {"canadian": "Rapport de laboratoire / Laboratory Report", "crf": "CASE REPORT FORM - LOCAL LABORATORY RESULTS"},
    "uk-fixed": {"fax-cover": r"Pages: 2 \(including this cover sheet\)", "webmail": r"Mail - \S+@\S+ - Webmail"},
    "clinic-slip": {"app-cards": r"< Results Blood tests", "fertility": "Assisted Conception Unit - Cycle Monitoring"},
    "two-column": {"cumulative": "Cumulative Report", "footnotes": "reviewed by a biochemist before release"},
    "portal-text": {"dataframe": r"^>>> df$", "latex": r"^\\begin\{tabular\}"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh19_generation_is_deterministic(layout):
    check_generation_is_deterministic(layout, "fresh19-tune", 175001)


def test_every_fresh19_layout_is_drawn_as_its_kind_with_the_patient_on_it():
    check_layouts_drawn("fresh19-tune", 175000)


def _drawn(layout: str) -> list[tuple]:
    return drawn_with_designs(layout, "fresh19-tune", TUNE, DESIGNS[layout])




def _unit(t) -> str:
    return re.escape(t.unit + " ") if t.unit else ""


def _fixed_width(t, raw: str) -> bool:
    return bool(re.search(rf"(?m)^{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+{_unit(t)}\s*"
                          rf"{re.escape(_dash(t))}\s*$", raw))


def _typeset(cell: str) -> str:
    """What LaTeX prints for a cell of the source: \\textbf and \\verb dropped, \\% a per cent sign, -- a dash."""
    cell = re.sub(r"\\textbf\{(.*)\}", r"\1", cell)
    cell = re.sub(r"\\verb\|(.*)\|", r"\1", cell)
    return re.sub(r"\\([&%$#_{}])", r"\1", cell).replace("--", "-")


def _check_design_rules(layout: str, design: str, report, raw: str) -> None:
    folded = " ".join(raw.split())
    flags = {t.flag for t in report.truth if t.flag}
    if layout in ("uk-fixed", "two-column"):
        assert not flags  # UK reports and the two-column pages print none
    elif design == "app-cards":
        assert flags <= WORDS
    else:
        assert flags <= LETTERS
    if design == "canadian":  # French heads over English ones, each result once
        for t in report.truth:
            assert row_count(joined_cells(t.printed_name, t.value_text, t.flag or "", t.unit or "", _dash(t)), folded) == 1, t
        assert "BIOCHIMIE / BIOCHEMISTRY" in folded and "Fin du rapport / End of report" in folded
    if design == "crf":  # a Y / N letter after each row, N for a result in range: not a flag
        for t in report.truth:
            row = joined_cells(t.printed_name, t.value_text, t.unit or "", _dash(t), t.flag or "")
            found = re.search(rf"(?:^| ){re.escape(row)} ([YN])(?= |$)", folded)
            assert found and (t.flag or found[1] == "N"), t
        assert re.search(r"Subject no\.: \d{3}-\d{4}", folded) and "Page 14 of 32" in folded
    if design == "fax-cover":  # the cover sheet first, the results on page 2 under the fax header line
        for t in report.truth:
            assert _fixed_width(t, raw), t
        assert raw.index("CONFIDENTIAL") < raw.index(report.truth[0].printed_name)
        assert "P.001/002" in raw and "P.002/002" in raw
    if design == "webmail":  # the results in the body, the earlier message quoted after them
        for t in report.truth:
            assert _fixed_width(t, raw), t
        assert raw.index("Subject: Blood test results?") > raw.index(report.truth[-1].printed_name)
    if design == "app-cards":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "") in folded, t
            assert f"Standard range: {_dash(t)}" in folded, t
    if design == "fertility":
        for t in report.truth:
            assert joined_cells(t.printed_name, t.value_text, t.unit or "", _rng_range(t), t.flag or "") in folded, t
        assert re.search(r"Right ovary follicles \(mm\): \d+", folded) and "Cycle day" in folded
    if design == "cumulative":  # the value under 12/03/2024, wherever that column stands
        newest_first = f"{DATES[2]} {DATES[1]} {DATES[0]}" in folded
        assert newest_first or " ".join(DATES) in folded
        for t in report.truth:
            row = re.search(rf"(?:^| ){re.escape(t.printed_name)} (\S+) (\S+) (\S+) {_unit(t)}"
                            rf"{re.escape(_rng_range(t, '{low} - {high}'))}(?= |$)", folded)
            assert row and row[1 if newest_first else 3] == t.value_text, t
    if design == "footnotes":  # a marker after some values; each marker used has its note
        for t in report.truth:
            row = rf"(?:^| ){re.escape(t.printed_name)} {re.escape(t.value_text)}(?: ?([ab*]))? {_unit(t)}"
            found = re.search(row + rf"{re.escape(_rng_range(t, '{low} - {high}'))}(?= |$)", folded)
            assert found, t
            if found[1]:
                assert " ".join(NOTES[found[1]].split()) in folded
    if design == "dataframe":  # one row a result after its index, NaN for an empty cell
        for t in report.truth:
            cells = [t.printed_name, t.value_text, t.unit or "NaN"]
            line = re.search(rf"(?m)^\d+\s+{re.escape(t.printed_name)}\s+{re.escape(t.value_text)}\s+{re.escape(cells[2])}"
                             rf"\s+(\S+)\s+(\S+)\s+{re.escape(t.range_text or 'NaN')}\s+{re.escape(t.flag or 'NaN')}$", raw)
            assert line, t
            for bound, printed in ((t.range_low, line[1]), (t.range_high, line[2])):
                assert (printed == "NaN") if bound is None else float(printed) == bound, t
        assert f"({len(report.truth)}, 7)" in raw
    if design == "latex":  # one tabular row a result, as LaTeX typesets it
        rows = [line.removesuffix(" \\\\").split(" & ") for line in raw.splitlines() if line.count(" & ") == 4]
        typeset = [[_typeset(cell.strip()) for cell in row] for row in rows[1:]]
        for t in report.truth:
            want = [t.printed_name, t.value_text, t.unit or "", _rng_range(t, "{low}-{high}"), t.flag or ""]
            assert typeset.count(want) == 1, t


@pytest.mark.parametrize("layout", TEXT_LAYOUTS)
def test_every_fresh19_truth_is_printed_in_every_design(layout):
    check_every_design_printed(layout, _drawn(layout), DESIGNS[layout], _check_design_rules)


def test_fresh19_form_numbers_fax_lines_scan_sizes_older_columns_and_markers_are_not_results():
    """A research form's numbers and Y / N column, a fax's numbers, a quoted message, an app's status bar,
    follicle sizes, older dated columns, footnote markers and a DataFrame's index stand apart; the
    truths are the results only."""
    seen = set()
    for seed in range(175000, 175030):
        for layout in TEXT_LAYOUTS:
            report = make_report(layout, seed, "fresh19-tune")
            raw = _raw(report)
            names = {t.printed_name.lower() for t in report.truth}
            assert len(report.truth) == {"clinic-slip": 8, "two-column": 18}.get(layout, 16)
            assert not names & {"site no.", "subject no.", "visit", "clin. sig.? (y/n)", "fax", "pages", "phone", "sent",
                                "cycle day", "stimulation day", "right ovary follicles (mm)", "endometrium", "panel",
                                "14/11/2022", "06/06/2023", "test", "ref_low", "flag"}
            values = {t.value_text for t in report.truth}
            assert not values & {"", "Y", "N", "NaN", *NOTES} and not any(v.endswith(tuple(NOTES)) for v in values)
            for mark, name in (("Rapport de laboratoire", "canadian"), ("CASE REPORT FORM", "crf"), ("CONFIDENTIAL", "fax"),
                               ("Subject: Blood test results?", "webmail"), ("Standard range:", "app"),
                               ("Endometrium:", "fertility"), ("Cumulative Report", "cumulative"),
                               ("biochemist before release", "footnotes"), (">>> df.shape", "dataframe"),
                               ("\\toprule", "latex")):
                if mark in raw:
                    seen.add(name)
    assert seen == {"canadian", "crf", "fax", "webmail", "app", "fertility", "cumulative", "footnotes", "dataframe", "latex"}


def test_fresh19_older_columns_are_printed_beside_the_truth():
    """A cumulative report's older columns hold other values than the truth for some results (so the
    column read matters), and every older value is a number printed like the truth's when it is one."""
    differ = 0
    for seed in TUNE:
        report = make_report("two-column", seed, "fresh19-tune")
        folded = " ".join(_page_text(report.data).split())
        if "Cumulative Report" not in folded:
            continue
        for t in report.truth:
            row = re.search(rf"(?:^| ){re.escape(t.printed_name)} (\S+) (\S+) (\S+) ", folded)
            differ += len({row[1], row[2], row[3]}) > 1
    assert differ > 20


def test_every_fresh19_photo_and_scan_look_draws_and_decodes():
    check_every_photo_and_scan_look(fresh19, "fresh19-tune", 175003)


def test_fresh19_photos_decode():
    check_photos_decode("fresh19-tune", 175000)


def test_fresh19_scans_are_one_page_images_with_ink():
    check_scans_are_one_page_images_with_ink("fresh19-tune", 175000)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_fresh19_normal_reports_hold_no_flag(layout):
    check_normal_report_holds_no_flag(layout, "fresh19-tune", 175500)
