"""How well the layout-agnostic fallback (`readers/labs/anywhere.py`) reads on its own: the
structured readers bypassed, every set's text layouts (text PDFs and pasted text) read by the
fallback alone, scored like `eval_labs.py` (read exactly / read wrongly / refused lines).

The fallback's own layout-independence figure: it was developed on the tuning, held-out and
fresh to fresh6 sets; fresh7 and fresh8 were measured only at the end.

    PYTHONPATH=src:. python benchmarks/eval_anywhere.py [SET...]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.eval_labs import SETS as EVAL_SETS  # noqa: E402
from tests.labs.corpus import make_report, score  # noqa: E402

from healthlib.readers.labfiles.isolate import run_isolated  # noqa: E402
from healthlib.readers.labs.anywhere import report_anywhere  # noqa: E402
from healthlib.readers.labs.report_pdf import TIME_LIMIT, is_pdf  # noqa: E402

TEXT_LAYOUTS = ["us-table", "uk-fixed", "clinic-slip", "two-column", "portal-text"]
REPORTS = 8  # per layout, the seeds `eval_labs.py` reads
SETS = {variant: seeds_from for variant, seeds_from, *_ in EVAL_SETS}  # every set of `eval_labs.py`, its seeds


def text_lines(data: bytes) -> list[str]:
    """A text report's lines as the readers get them (a text PDF's laid-out text layer)."""
    if is_pdf(data):
        _, lines, _ = run_isolated("pdf", data, timeout=TIME_LIMIT, name="report.pdf")
        return lines
    return data.decode("utf-8").splitlines()


def evaluate(variant: str) -> tuple[int, int, int, int, list[str]]:
    """(results, read exactly, read wrongly, refused lines, rows per layout)."""
    total = exact = wrong = refused = 0
    rows = []
    for layout in TEXT_LAYOUTS:
        counts = [0, 0, 0, 0]
        for seed in range(SETS[variant], SETS[variant] + REPORTS):
            report = make_report(layout, seed, variant)
            read = report_anywhere(text_lines(report.data))
            s = score(report, read)
            for k, n in enumerate((s.total, s.exact, s.wrong, len(read.not_read))):
                counts[k] += n
        rows.append(f"| {layout} | {counts[0]} | {counts[1] / counts[0]:.1%} | {counts[2]} | {counts[3]} |")
        total, exact, wrong, refused = total + counts[0], exact + counts[1], wrong + counts[2], refused + counts[3]
    return total, exact, wrong, refused, rows


def main(wanted: list[str]) -> int:
    for variant in wanted or list(reversed(SETS)):  # the development sets first, fresh7 and fresh8 last
        total, exact, wrong, refused, rows = evaluate(variant)
        print(f"\n### Fallback alone: {variant}\n")
        print("| layout | results | read exactly | read wrongly | refused |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
        print(f"{variant}: {exact}/{total} = {exact / total:.1%} read exactly, {wrong} wrong, {refused} refused")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
