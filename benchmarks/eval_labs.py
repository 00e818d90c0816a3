"""`make eval` (second part): how exactly the lab report readers read generated reports, and whether
the explainer's status and urgency are right for what was read.

For each layout of `tests/labs/corpus.py`, reports are generated with their true values and read
back through the same entry the CLI and API use. A result counts as read exactly when its name is
found and its value, unit and reference range all equal the truth. Also counted: flags right,
lines sent to "not read", any leak of the made-up patient's name, date of birth, record number,
address or phone (must be 0), and:

- status right: for every result read, the explainer's status against the status the true value
  implies against the true range (normal / high / low; a value the report marks critical must be
  critical-high or critical-low; a value the catalogue calls critical but the report does not is
  right as long as its direction is);
- urgent: every report holding a critical value explained as urgent; no normal report (every value
  inside its range, generated with `normal=True`) explained as urgent.

Sets, reported in this order: the tenth fresh held-out set (written blind like the ninth: LabCorp-style,
MyChart and "Abnormal"-column tables, GP letters with results in sentences, hand-filled forms, analyser
printouts, HL7, CSV and screen-reader text, night-flash, tri-folded and half-shadowed photos, upside-down,
carbonless and highlighted scans; totals only, see `tests/labs/fresh10.py`; its look-alike `fresh10-tune`
is reported last), the ninth fresh held-out set (written blind like the eighth: In Range /
Out Of Range tables, method lines, units in the range's cell, NHS-App result blocks, comment
paragraphs, tab stops, thermal receipts, handwritten cards, Cerner, Markdown, WhatsApp and FHIR text,
laptop screens at an angle, WhatsApp-compressed and tungsten-lit photos, show-through, scanner-app and
low-dpi scans, see `tests/labs/fresh9.py`; measured once at the start and once after the first part of round 7,
then its development set), the eighth fresh held-out set (written blind like the seventh: units in
the name column and square-bracket ranges, MyChart-style result cards, transposed panels, GP letters,
meter printouts with labels above values, flattened e-mail, teletype and Apple Health text, dark-mode
phone screens, marked-up and folded pages, sideways and 2-up scans; totals only, see
`tests/labs/fresh8.py`), the seventh fresh held-out set (written blind like the sixth: cumulative
reports with dated columns, sex-, age- and tier-labelled and "See note" ranges, wrapped e-mail, SMS
and CSV-history text, screen, crumpled, flash and side-on photos, dithered faxes, stapled, booklet and
dot-matrix scans; totals only, see `tests/labs/fresh7.py`), the sixth fresh held-out set (written blind like the fifth: pages in
a glossy sleeve with a reflection band, held in a hand, or shot in low light; 300 dpi colour scans with
a "COPY" watermark and photocopies of photocopies; ruled, landscape, discharge-summary and
range-under-result tables, comma decimals, thousands separators and SI beside conventional units;
totals only, see `tests/labs/fresh6.py`; measured once on the round's code, then three report
shapes found on its tuning look-alike were read: columns that hold no part of a result, a range
on its own line, an SI column), the fifth fresh set (written blind like the fourth, with
looks of its own: pages on a desk with a thumb, a curled corner and the phone's shadow, sideways and
portal-screen photos, fax-like and crooked two-page scans with stamps and punch holes, units in the
value's cell, previous-result columns and "Normal: 3.5-5.1" ranges, see `tests/labs/fresh5.py`;
measured once, then the development set of the round that read report shapes), the fourth fresh held-out photo set (written by a helper that never read
the readers and never ran them on it: photos at an angle under lamp glare or side light with motion
blur and low JPEG quality, black-and-white and faded scans, Quest-style and range-before-units tables,
dot-leader UK reports, upper-case and other real test names, ranges such as "(3.5-5.0)", "< OR = 4.0"
and "0-40"; totals only), the third fresh held-out photo set (zebra rows, units and flags after
the value, en-dash ranges, barrel distortion and shadows; read only at the start and end of the
round that added the misread safeguards, and once at the end of the round that levelled curved
rows), the second fresh held-out photo set (made before the round that raised photo reading, never
tuned on; read only at that round's start and end, and at the end of the later rounds), the fresh
held-out photo set (made after the first held-out set had been looked at; only its totals are ever read), the first held-out set (used to choose changes
while tuning, so no longer unseen), the tuning set, and the fresh set's tuning look-alike, and the third fresh set's tuning look-alike,
the fourth's, the fifth's, the sixth's, the seventh's and the eighth's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.labs.corpus import LAYOUTS, _norm_name, make_report, score  # noqa: E402

from healthlib.library.labs import explain_lab_report  # noqa: E402
from healthlib.model.errors import UnreadableReport  # noqa: E402
from healthlib.model.lab_report import ReadReport  # noqa: E402
from healthlib.readers.labs.report import read_report_bytes  # noqa: E402

OCR_LAYOUTS = ["phone-photo", "scanned-pdf"]
REPORTS = {"phone-photo": 3, "scanned-pdf": 3}  # OCR is slow; the text layouts get 8 each
NORMAL_REPORTS = {"phone-photo": 1, "scanned-pdf": 1}  # all-normal reports per layout; text layouts get 2
SETS = [  # variant, first seed, title, layouts, photo reports per layout
    ("fresh21", 191000, "Twenty-first fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh20", 181000, "Twentieth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh19", 171000, "Nineteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh18", 161000, "Eighteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh17", 151000, "Seventeenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh16", 141000, "Sixteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh15", 131000, "Fifteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh14", 121000, "Fourteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh13", 111000, "Thirteenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh12", 101000, "Twelfth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh11", 91000, "Eleventh fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh10", 81000, "Tenth fresh set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh9", 71000, "Ninth fresh set (new looks, written blind, measured once at round 7's start and once "
     "after its first part; then the development set of its second part)", LAYOUTS, 6),
    ("fresh8", 61000, "Eighth fresh set (new looks, written blind, measured once; "
     "then the development set of round 6's second part)", LAYOUTS, 6),
    ("fresh7", 51000, "Seventh fresh set (new looks, written blind, measured once at the end of round 5; "
     "the development set of round 6)", LAYOUTS, 6),
    ("fresh6", 41000, "Sixth fresh set (new looks, written blind, measured once; then report shapes fixed from its look-alike; totals only)", LAYOUTS, 6),
    ("fresh5", 31000, "Fifth fresh set (written blind, measured once; since then a development set)", LAYOUTS, 6),
    ("fresh4", 21000, "Fourth fresh held-out set (new looks, written blind; totals only)", LAYOUTS, 6),
    ("fresh3", 15000, "Third fresh held-out photos (made before the misread safeguards; totals only)",
     OCR_LAYOUTS, 6),
    ("fresh2", 9000, "Second fresh held-out photos (made before the last round of changes; totals only)",
     OCR_LAYOUTS, 6),
    ("fresh", 5000, "Fresh held-out photos (never looked at, totals only)", OCR_LAYOUTS, 5),
    ("heldout", 1000, "First held-out layouts (looked at while tuning; no longer unseen)", LAYOUTS, None),
    ("tuned", 0, "Tuning layouts", LAYOUTS, None),
    ("fresh-tune", 7000, "Fresh tuning photos (the fresh set's look-alike, for examples)", OCR_LAYOUTS, 5),
    ("fresh3-tune", 11000, "Third fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh4-tune", 25000, "Fourth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh5-tune", 35000, "Fifth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh6-tune", 45000, "Sixth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh7-tune", 55000, "Seventh fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh8-tune", 65000, "Eighth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh9-tune", 75000, "Ninth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh10-tune", 85000, "Tenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh11-tune", 95000, "Eleventh fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh12-tune", 105000, "Twelfth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh13-tune", 115000, "Thirteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh14-tune", 125000, "Fourteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh15-tune", 135000, "Fifteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh16-tune", 145000, "Sixteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh17-tune", 155000, "Seventeenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh18-tune", 165000, "Eighteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh19-tune", 175000, "Nineteenth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh20-tune", 185000, "Twentieth fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
    ("fresh21-tune", 195000, "Twenty-first fresh set's tuning look-alike (same settings, other seeds)", OCR_LAYOUTS, 5),
]


def _true_status(t) -> str:
    if t.range_text is not None:
        return "normal" if t.value_text == t.range_text else "high"
    number = float(t.value_text.lstrip("<>="))
    if t.range_high is not None and number > t.range_high:
        return "high"
    if t.range_low is not None and number < t.range_low:
        return "low"
    return "normal"


def _status_right(report, explained) -> tuple[int, int, list[str]]:
    """(right, judged, wrong descriptions) over every explained result whose name is a true result's."""
    truths = {_norm_name(t.printed_name): t for t in report.truth}
    right = judged = 0
    wrong = []
    for result in explained.results:
        t = truths.get(_norm_name(result.name))
        if t is None:
            continue
        judged += 1
        expected = _true_status(t)
        direction = result.status.removeprefix("critical-")
        ok = direction == expected and (not t.critical or result.status.startswith("critical-"))
        right += ok
        if not ok:
            wrong.append(f"{t.printed_name} {t.value_text}: {result.status}, true {expected}"
                         f"{' (critical)' if t.critical else ''}")
    return right, judged, wrong


def _read(data: bytes, name: str) -> ReadReport:
    try:
        return read_report_bytes(data, name=name)
    except UnreadableReport as exc:  # counted as nothing read, and said
        print(f"  {exc}", file=sys.stderr)
        return ReadReport()


def evaluate(variant: str, seeds_from: int, layouts: list[str], photos: int | None, *, quiet: bool):
    rows = []
    totals = {"text": [0, 0], "ocr": [0, 0], "leaks": [0, 0], "status": [0, 0], "critical": [0, 0],
              "normal": [0, 0]}
    for layout in layouts:
        total = exact = flags = wrong = not_read = leaks = critical_reports = urgent = 0
        started = time.perf_counter()
        count = (photos or REPORTS[layout]) if layout in OCR_LAYOUTS else REPORTS.get(layout, 8)
        for seed in range(seeds_from, seeds_from + count):
            report = make_report(layout, seed, variant)
            read = _read(report.data, f"{layout}-{seed}")
            explained = explain_lab_report(read)
            s = score(report, read)
            if any(t.critical for t in report.truth):
                critical_reports += 1
                urgent += explained.urgent
            right, judged, wrong_status = _status_right(report, explained)
            totals["status"][0] += right
            totals["status"][1] += judged
            if wrong_status and not quiet:
                print(f"  status wrong in {layout}-{seed}: {'; '.join(wrong_status)}", file=sys.stderr)
            total, exact, flags, wrong = total + s.total, exact + s.exact, flags + s.flags, wrong + s.wrong
            not_read += len(read.not_read)
            leaks += len(s.leaked)
        seconds = (time.perf_counter() - started) / count
        normal_count = NORMAL_REPORTS.get(layout, 2)
        for seed in range(seeds_from + 500, seeds_from + 500 + normal_count):
            report = make_report(layout, seed, variant, normal=True)
            assert not any(t.flag for t in report.truth), "a normal report must hold no flagged value"
            totals["normal"][0] += explain_lab_report(_read(report.data, f"{layout}-normal-{seed}")).urgent
            totals["normal"][1] += 1
        group = "ocr" if layout in OCR_LAYOUTS else "text"
        totals[group][0] += exact
        totals[group][1] += total
        totals["leaks"][0] += leaks
        totals["critical"][0] += urgent
        totals["critical"][1] += critical_reports
        rows.append(f"| {layout} | {count} | {total} | {exact / total:.1%} | {flags / max(exact, 1):.1%} | {wrong} | "
                    f"{not_read} | {leaks} | {urgent}/{critical_reports} | {seconds:.2f} s |")
    return rows, totals


def _share(pair) -> str:
    return f"{pair[0]}/{pair[1]} = {pair[0] / pair[1]:.1%}" if pair[1] else "none"


def main(wanted: list[str]) -> int:
    """Every set, or only those named (`eval_labs.py fresh-tune tuned`)."""
    failed = 0
    for variant, seeds_from, title, layouts, photos in SETS:
        if wanted and variant not in wanted:
            continue
        quiet = variant in ("fresh", "fresh2", "fresh3", "fresh4", "fresh6", "fresh10", "fresh11", "fresh12", "fresh13",
                            "fresh14", "fresh15", "fresh16", "fresh17", "fresh18", "fresh19",
                            "fresh20", "fresh21")
        rows, totals = evaluate(variant, seeds_from, layouts, photos, quiet=quiet)
        print(f"\n### Lab report reading: {title}\n")
        print("| layout | reports | results | read exactly | flags right | read wrongly | lines not read | privacy leaks "
              "| urgent / with a critical value | s/report |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
        text, ocr = totals["text"], totals["ocr"]
        if text[1]:
            print(f"\nText PDFs and pasted text: {_share(text)} read exactly (target >= 98 %)")
        print(f"Photos and scans: {_share(ocr)} read exactly (target >= 90 %)")
        print(f"Status right for every result read: {_share(totals['status'])} (target 100 %)")
        print(f"Every critical report urgent: {_share(totals['critical'])}; "
              f"normal reports urgent: {totals['normal'][0]} of {totals['normal'][1]} (target 0)")
        failed += totals["leaks"][0]
    if failed:
        print(f"\nPRIVACY: {failed} leak(s) of a made-up patient's details into the output")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
