"""`make eval` (second part): how exactly the lab report readers read generated reports.

For each layout of `tests/labs/corpus.py`, reports are generated with their true values and read
back through the same entry the CLI and API use. A result counts as read exactly when its name is
found and its value, unit and reference range all equal the truth. Also counted: flags right,
lines sent to "not read", and any leak of the made-up patient's name, date of birth, record number,
address or phone (must be 0). The held-out set (fonts, orders, names, spacing and range styles
never used while tuning) is reported first.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.labs.corpus import LAYOUTS, make_report, score  # noqa: E402

from healthlib.model.errors import UnreadableReport  # noqa: E402
from healthlib.model.lab_report import ReadReport  # noqa: E402
from healthlib.readers.labs.report import read_report_bytes  # noqa: E402

REPORTS = {"phone-photo": 3, "scanned-pdf": 3}  # OCR is slow; the text layouts get 8 each
OCR_LAYOUTS = {"phone-photo", "scanned-pdf"}


def evaluate(variant: str, seeds_from: int) -> tuple[list[str], dict[str, tuple[int, int]]]:
    rows = []
    totals = {"text": [0, 0], "ocr": [0, 0], "leaks": [0, 0]}
    for layout in LAYOUTS:
        total = exact = flags = not_read = leaks = 0
        started = time.perf_counter()
        count = REPORTS.get(layout, 8)
        for seed in range(seeds_from, seeds_from + count):
            report = make_report(layout, seed, variant)
            try:
                read = read_report_bytes(report.data, name=f"{layout}-{seed}")
            except UnreadableReport as exc:  # counted as nothing read, and said
                print(f"  {exc}", file=sys.stderr)
                read = ReadReport()
            s = score(report, read)
            total, exact, flags = total + s.total, exact + s.exact, flags + s.flags
            not_read += len(read.not_read)
            leaks += len(s.leaked)
        seconds = (time.perf_counter() - started) / count
        group = "ocr" if layout in OCR_LAYOUTS else "text"
        totals[group][0] += exact
        totals[group][1] += total
        totals["leaks"][0] += leaks
        rows.append(f"| {layout} | {count} | {total} | {exact / total:.1%} | {flags / max(exact, 1):.1%} | "
                    f"{not_read} | {leaks} | {seconds:.2f} s |")
    return rows, {k: (v[0], v[1]) for k, v in totals.items()}


def main() -> int:
    failed = 0
    for variant, seeds_from, title in (("heldout", 1000, "Held-out layouts (never tuned on)"),
                                       ("tuned", 0, "Tuning layouts")):
        rows, totals = evaluate(variant, seeds_from)
        print(f"\n### Lab report reading: {title}\n")
        print("| layout | reports | results | read exactly | flags right | not read | privacy leaks | s/report |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
        text, ocr = totals["text"], totals["ocr"]
        print(f"\nText PDFs and pasted text: {text[0]}/{text[1]} = {text[0] / text[1]:.1%} (target >= 98 %); "
              f"photos and scans: {ocr[0]}/{ocr[1]} = {ocr[0] / ocr[1]:.1%} (target >= 90 %)")
        failed += totals["leaks"][0]
    if failed:
        print(f"\nPRIVACY: {failed} leak(s) of a made-up patient's details into the output")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
