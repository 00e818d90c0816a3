"""Checks every designed held-out set's generator must pass (tests/labs/designs.py's sets, fresh18 on):
each photo and scan look draws a decodable image with ink, the photos decode at phone size, the scans
are one-page image PDFs, and a normal report holds no flag. Each set's test file calls them with its
own generator module and tuning seeds, never the blind seeds; they also draw each layout's reports with the
designs they show."""

from __future__ import annotations

import io
import random
import re
import sys
from pathlib import Path
from types import ModuleType

from PIL import Image

from tests.labs.corpus import make_report
from tests.labs.fresh5 import render_pages
from tests.labs.test_fresh5_corpus import _page_text
from tests.labs.test_fresh9_corpus import _raw

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from eval_labs import _true_status  # noqa: E402

SEEDS = 6


def check_every_photo_and_scan_look(generator: ModuleType, variant: str, seed: int) -> None:
    """Every look of `generator.PHOTOS` and `.SCANS`, over a US and a UK page drawn small, decodes with ink."""
    for layout in ("us-table", "uk-fixed"):
        report = make_report(layout, seed, variant)
        region = "us" if layout == "us-table" else "uk"
        page = render_pages(generator._printed_page(random.Random(7), report.person, report.truth, region), 90)[0]
        for name, look in {**generator.PHOTOS, **generator.SCANS}.items():
            image = Image.open(io.BytesIO(look(page, random.Random(name))))
            image.load()
            assert image.format == "JPEG", name
            low, high = image.convert("L").getextrema()
            assert high - low > 100, name


def check_photos_decode(variant: str, first_seed: int) -> None:
    for seed in range(first_seed, first_seed + SEEDS):
        report = make_report("phone-photo", seed, variant)
        image = Image.open(io.BytesIO(report.data))
        image.load()
        assert image.format == "JPEG"
        assert report.kind == "image" and min(image.size) >= 1200, (seed, image.size)
        assert report.truth and all(t.value_text for t in report.truth)


def check_scans_are_one_page_images_with_ink(variant: str, first_seed: int) -> None:
    for seed in range(first_seed, first_seed + SEEDS):
        report = make_report("scanned-pdf", seed, variant)
        assert report.kind == "pdf" and not _page_text(report.data).strip()
        pages = [page.convert("L") for page in render_pages(report.data, 40)]
        assert len(pages) == 1
        low, high = pages[0].getextrema()
        assert high - low > 100, seed


def check_normal_report_holds_no_flag(layout: str, variant: str, seed: int) -> None:
    report = make_report(layout, seed, variant, normal=True)
    assert not any(t.flag for t in report.truth)
    assert {_true_status(t) for t in report.truth} == {"normal"}


def check_generation_is_deterministic(layout: str, variant: str, seed: int) -> None:
    first, again = (make_report(layout, seed, variant) for _ in range(2))
    assert (first.data, [vars(t) for t in first.truth]) == (again.data, [vars(t) for t in again.truth])


def drawn_with_designs(layout: str, variant: str, seeds: range, designs: dict[str, str]) -> list[tuple]:
    """(seed, report, its text, the designs whose mark it holds) for each seed of a layout."""
    drawn = []
    for seed in seeds:
        report = make_report(layout, seed, variant)
        raw = _raw(report)
        text = raw if layout == "portal-text" else " ".join(raw.split())
        drawn.append((seed, report, raw, [name for name, mark in designs.items() if re.search(mark, text, re.M)]))
    return drawn


def joined_cells(*cells: str) -> str:
    """A row's cells as the page's text folds them: the printed ones, one space apart."""
    return " ".join(cell for cell in cells if cell)


def row_count(row: str, folded: str) -> int:
    """How often `row` stands whole (bounded by spaces or the ends) in a page's folded text."""
    return len(re.findall(rf"(?:^| ){re.escape(row)}(?= |$)", folded))

