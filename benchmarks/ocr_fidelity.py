"""How faithfully photos and scans are OCR'd, apart from the text reader: `ocr_fidelity.py VARIANT [N] [SEED]`.

For N phone photos and N scans of a generated set (`tests/labs/corpus.py`; default 4 of each, from
the variant's first seed or SEED), the image side (`labfiles.image` for a photo, `labfiles.pdf`
for a scanned PDF) is run in this process and its text lines kept. A true result is **OCR-faithful**
when one line holds its printed name, its value, its unit and every figure of its range as printed
(spaces normalised, case ignored; a range printed in words must appear as printed; a result printed
with "See note" for its range needs none; PSA's age bands printed under the result may be on the
lines below it). That rate does not depend on how the text reader reads the lines, so it measures
the image steps alone. Also printed per look: "exact" (the same lines through the text reader, as
`make eval` counts it), "wrong" (a result output with a value, unit or range other than the page's)
and the seconds per image. The look is the generator's own function (fresh7: screen, crumpled,
tablecloth, side, flash; fax, staple, booklet, dot-matrix; earlier sets: the layout).

Run with `PYTHONPATH=src:. .venv/bin/python benchmarks/ocr_fidelity.py fresh7-tune 4`; add `-v` to
print each result that is not faithful with the line holding its name, `--layout=scanned-pdf` for
one layout, `--look=fax` to read only that look's reports among the N drawn, `--seeds=55001,55004`
to read only those seeds (N is then ignored). A set's first seed is the one `make eval` uses.
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parents[1] / "src")]

_NUMBER = re.compile(r"(?<![\d.])\d+(?:[.,]\d+)*")


def _norm(text: str) -> str:
    return " ".join(text.lower().replace(":", "").split())


def _numbers(line: str) -> list[float]:
    return [float(n.replace(",", "")) for n in _NUMBER.findall(line)]


def _value_on(line: str, value: str) -> bool:
    return re.search(r"(?<![\d.])" + re.escape(value.lower()) + r"(?![\d])", line) is not None


def faithful(truth, lines: list[str]) -> tuple[bool, str | None]:
    """(whether one of `lines` holds the truth's name, value, unit and range; the line with its name)."""
    name = _norm(truth.printed_name)
    value = truth.value_text.lower()
    unit = _norm(truth.unit) if truth.unit else None
    seen = None
    for i, raw in enumerate(lines):
        line = _norm(raw)
        if name not in line:
            continue
        seen = seen or raw
        rest = line[line.index(name) + len(name):]
        if not _value_on(rest, value) or (unit and unit not in rest):
            continue
        if truth.range_text and _norm(truth.range_text) not in rest:
            continue
        figures = _numbers(rest)
        if value[:1].isdigit() and float(_NUMBER.search(value).group().replace(",", "")) in figures:
            figures.remove(float(_NUMBER.search(value).group().replace(",", "")))
        if "age-specific" in rest:  # PSA: its bands are printed on the lines under it
            figures += [f for below in lines[i + 1:i + 6] for f in _numbers(below)]
        needed = [b for b in (truth.range_low, truth.range_high) if b is not None]
        if all(b in figures for b in needed):
            return True, raw
    return False, seen


def _looks(module) -> dict[str, str]:
    """The generator's look functions, wrapped so each report's look is known: name -> look."""
    names = {"screen_photo": "screen", "crumpled_photo": "crumpled", "tablecloth_photo": "tablecloth",
             "side_photo": "side", "flash_photo": "flash", "dithered_fax": "fax", "stapled_scan": "staple",
             "booklet_scan": "booklet", "dot_matrix_scan": "dot-matrix", "paper_photo": "paper",
             "sleeve_photo": "sleeve", "hand_photo": "hand", "low_light_photo": "low-light",
             "colour_scan": "colour-scan", "photocopy": "photocopy", "scan": "scan",
             "dark_phone_photo": "dark", "marked_photo": "marked", "folded_photo": "folded",
             "sideways_scan": "sideways", "two_up_scan": "two-up", "screen_angle_photo": "screen-angle",
             "whatsapp_photo": "whatsapp", "tungsten_photo": "tungsten", "show_through_scan": "show-through",
             "scanner_app_scan": "scanner-app", "office_scan": "office"}
    return {n: look for n, look in names.items() if hasattr(module, n)}


def _recording(function, look: str, current: dict):
    """`function`, noting `look` as the report's look the first time it is called for a report."""
    def wrapped(*args, **kwargs):
        current["look"] = current["look"] or look
        return function(*args, **kwargs)
    return wrapped


def main(argv: list[str]) -> int:
    import importlib

    verbose = "-v" in argv
    only = {a.split("=", 1)[0][2:]: a.split("=", 1)[1] for a in argv if a.startswith("--") and "=" in a}
    args = [a for a in argv if a != "-v" and not a.startswith("--")]
    if not args:
        print(__doc__)
        return 2
    variant = args[0]
    count = int(args[1]) if len(args) > 1 else 4
    first = int(args[2]) if len(args) > 2 else _first_seed(variant)

    from tests.labs import corpus

    from healthlib.readers.labfiles.image import image_lines
    from healthlib.readers.labfiles.pdf import extract_lines
    from healthlib.readers.labs.report_text import read_lines

    current = {"look": None}
    for module_name in ("fresh5", "fresh6", "fresh7", "fresh8", "fresh9"):
        module = importlib.import_module(f"tests.labs.{module_name}")
        for name, look in _looks(module).items():
            setattr(module, name, _recording(getattr(module, name), look, current))

    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0, 0])  # faithful exact wrong total reports secs
    for layout in [only["layout"]] if "layout" in only else ("phone-photo", "scanned-pdf"):
        seeds = [int(s) for s in only["seeds"].split(",")] if "seeds" in only else range(first, first + count)
        for seed in seeds:
            current["look"] = None
            report = corpus.make_report(layout, seed, variant)
            look = f"{layout}/{current['look'] or layout}"
            if "look" in only and only["look"] not in look.split("/"):
                continue
            start = time.perf_counter()
            if report.kind == "pdf":
                _pages, lines, _scanned = extract_lines(report.data)
                read = read_lines(lines, source_kind="pdf", pages=_pages, check_flags=True)
            else:
                lines = image_lines(report.data)
                read = read_lines(lines, source_kind="image", check_flags=True)
            seconds = time.perf_counter() - start
            score = corpus.score(report, read)
            good = 0
            for truth in report.truth:
                ok, line = faithful(truth, lines)
                good += ok
                if verbose and not ok:
                    print(f"  {layout} {seed} {look}: {truth.printed_name} | {truth.value_text} | {truth.unit} | "
                          f"{truth.range_low}-{truth.range_high} {truth.range_text or ''}\n      line: {line!r}")
            row = totals[look]
            for k, add in enumerate((good, score.exact, _wrong(score), len(report.truth), 1, seconds)):
                row[k] += add
            print(f"{layout} {seed} {look}: faithful {good}/{len(report.truth)}, exact {score.exact}, "
                  f"wrong {_wrong(score)}, {seconds:.1f} s", flush=True)
    print(f"\n{variant}: per look (faithful, exact, wrong of results; seconds per image)")
    all_rows = [0, 0, 0, 0, 0, 0.0]
    for look, (good, exact, wrong, total, reports, secs, _) in sorted(totals.items()):
        print(f"  {look:28s} faithful {good:3d}/{total:3d} ({100 * good / total:5.1f} %)  exact {exact:3d} "
              f"({100 * exact / total:5.1f} %)  wrong {wrong}  {secs / reports:.1f} s  ({reports} reports)")
        for k, add in enumerate((good, exact, wrong, total, reports, secs)):
            all_rows[k] += add
    good, exact, wrong, total, reports, secs = all_rows
    if total:
        print(f"  {'all':28s} faithful {good:3d}/{total:3d} ({100 * good / total:5.1f} %)  exact {exact:3d} "
              f"({100 * exact / total:5.1f} %)  wrong {wrong}  {secs / reports:.1f} s  ({reports} reports)")
    return 0


def _first_seed(variant: str) -> int:
    """The set's first seed as `make eval` reads it (`eval_labs.SETS`); 0 for a set it does not read."""
    from benchmarks.eval_labs import SETS

    return next((first for name, first, *_ in SETS if name == variant), 0)


def _wrong(score) -> int:
    """Results output with a value, unit or range other than the page's (`corpus.score` misses that
    are not "missing")."""
    return sum(1 for m in score.misses if not m.startswith("missing"))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
