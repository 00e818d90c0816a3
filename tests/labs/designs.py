"""One dispatch for the fresh sets drawn from named page designs (fresh14 on): a text layout prints one of its
designs; a photo or a scan photographs or scans one of the region's printed pages in one of the set's looks.

The order of the random draws is part of every older set's bytes: the look, then the page, then the resolution
(photos); the paper, the look, the resolution, then the page (scans)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, letter

from .corpus import Person, Truth
from .fresh5 import render_pages
from .fresh8 import image_pages_pdf
from .fresh9 import _on_paper

Page = Callable[[random.Random, Person, list[Truth], str], bytes]
TEXT_KINDS = {"us-table": "pdf", "uk-fixed": "pdf", "clinic-slip": "pdf", "two-column": "pdf", "portal-text": "text"}


@dataclass(frozen=True)
class Designs:
    pages: Mapping[str, Mapping[str, Callable]]  # text layout -> design name -> page function
    photos: Mapping[str, Callable]  # look name -> (page image, rng) -> image bytes
    scans: Mapping[str, Callable]  # look name -> (page image, rng) -> page image
    printed_page: Page  # a one-page print of the region's designs, to photograph
    scanned_page: Page | None = None  # ...to scan (default: the same print)


def designed_report(designs: Designs, layout: str, rng: random.Random, person: Person, truth: list[Truth],
                    uk: bool) -> tuple[bytes, str]:
    """(data, kind) of a report in one of the set's designs; the truths are edited in place to what is printed."""
    region = "uk" if uk else "us"
    if layout in TEXT_KINDS:
        pages = designs.pages[layout]
        return pages[rng.choice(sorted(pages))](rng, person, truth, region), TEXT_KINDS[layout]
    if layout == "phone-photo":
        look = rng.choice(sorted(designs.photos))
        pdf = designs.printed_page(rng, person, truth, region)
        page = render_pages(pdf, rng.randint(165, 200))[0]
        return designs.photos[look](page, rng), "image"
    if layout == "scanned-pdf":
        paper = letter if region == "us" else A4
        look = rng.choice(sorted(designs.scans))
        dpi = rng.randint(200, 230)
        page = _on_paper(render_pages((designs.scanned_page or designs.printed_page)(rng, person, truth, region), dpi)[0],
                         paper)
        return image_pages_pdf([designs.scans[look](page, rng)], *paper), "pdf"
    raise ValueError(layout)
