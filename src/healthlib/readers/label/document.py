"""The shape both label readers produce: a `Label` with its products, and its sections found by
LOINC code, each holding paragraphs, list items and tables.

The SPL and openFDA readers build it; `label.facts` reads the facts out of it. The small XML/HTML
helpers here (inline text, tables) are shared by both readers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from healthlib.model.names import base_ingredient
from healthlib.model.names import normalize as normal_name
from healthlib.readers import loinc
from healthlib.readers.label.text import clean, sentences, split_bullets, tidy_name


@dataclass
class Table:
    caption: str
    header: list[list[str]]  # header rows (thead, or the first row when there is no thead)
    rows: list[list[str]]  # body rows, colspans expanded so columns line up


Part = str | list[str] | Table  # a paragraph, a list's items, or a table


@dataclass
class Section:
    code: str | None
    title: str | None = None  # without its number: "Indications and Usage"
    number: str | None = None  # "1", "2.1"
    parts: list[Part] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    highlight: list[Part] = field(default_factory=list)  # PLR Highlights text for this section

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def texts(self) -> Iterator[str]:
        """Paragraphs and list items, this section's then its children's, in label order."""
        for section in self.walk():
            for part in section.parts:
                if isinstance(part, str):
                    yield part
                elif isinstance(part, list):
                    yield from part

    def text(self) -> str:
        return " ".join(self.texts())

    def items(self) -> list[str]:
        """List items of this section and its children; bullets written inline count too. A
        lead-in ending in a colon ("... in patients with:") is not an item."""
        return [i for i in self.items_with_leads() if not i.endswith(":")]

    def items_with_leads(self) -> list[str]:
        found: list[str] = []
        for section in self.walk():
            for part in section.parts:
                if isinstance(part, list):
                    for item in part:
                        found.extend(split_bullets(item) if "•" in item else [item])
                elif isinstance(part, str) and part.count("•") >= 1:
                    found.extend(split_bullets(part))
        return [i for i in found if i]

    def tables(self) -> list[Table]:
        return [p for s in self.walk() for p in s.parts if isinstance(p, Table)]


@dataclass
class Product:
    name: str | None  # brand or product name as the label gives it
    form: str | None  # "TABLET, FILM COATED"
    route: str | None  # "ORAL"
    strengths: list[str] = field(default_factory=list)  # "10 mg", "6.25 mg per 5 mL"
    ingredients: list[str] = field(default_factory=list)  # active moieties, lower case
    # How it looks (SPL product data only): the pill finder's facts
    imprint: str | None = None  # "PD;155;10": sides and lines split by ";"
    colors: list[str] = field(default_factory=list)  # ["white"]
    shape: str | None = None  # "oval"
    size_mm: float | None = None
    score: int | None = None  # pieces it can be broken into; 1 = not scored
    ndc: str | None = None  # NDC product code: "0071-0155"

    @property
    def has_looks(self) -> bool:
        return bool(self.imprint or self.colors or self.shape)


@dataclass
class Label:
    fmt: Literal["spl", "openfda"]
    where: str  # file, and member or record: for messages
    set_id: str
    version: str | None
    effective: dt.date | None
    rx_status: Literal["prescription", "otc"]
    manufacturer: str | None
    products: list[Product]
    ingredients: list[str]  # the label's active ingredients (moieties), lower case, label order
    sections: dict[str, list[Section]]  # LOINC code -> sections, label order (see index_sections)
    approval: str | None = None  # "NDA020702", "ANDA070278", "part341"
    repackaged: bool = False  # relabelled or repackaged from another firm's product
    pharm_class: list[str] = field(default_factory=list)  # FDA established pharmacologic class
    brand_hint: str | None = None  # openFDA brand_name when there are no products
    # A light label is a first pass: identity and products only, no sections. Its reader can
    # load the full label again from `location` for the one label a guide is written from.
    light: bool = False
    location: object = None

    @cached_property
    def brand(self) -> str | None:
        """The product's brand name, when it is more than the generic name."""
        generic = {normal_name(i) for i in self.ingredients} | {normal_name(self.generic_name)}
        for name in [*(p.name for p in self.products), self.brand_hint]:
            if name and not _is_generic_name(name, generic):
                return tidy_name(name)
        return None

    @property
    def generic_name(self) -> str:
        return " and ".join(self.ingredients)

    def first(self, *codes: str) -> Section | None:
        for code in codes:
            if self.sections.get(code):
                return self.sections[code][0]
        return None

    def all(self, *codes: str) -> list[Section]:
        return [s for code in codes for s in self.sections.get(code, [])]


def index_sections(top: Iterable[Section]) -> dict[str, list[Section]]:
    """Sections by LOINC code. Top-level sections always count; a coded subsection counts on its
    own only inside a container section (see loinc.CONTAINERS), and a boxed warning only at
    the top. Top-level unclassified sections are kept (OTC "Other information" holds storage)."""
    found: dict[str, list[Section]] = {}

    def visit(section: Section, nested: bool) -> None:
        code = section.code
        if not code:
            return
        if nested and (code == loinc.UNCLASSIFIED or code in loinc.TOP_LEVEL_ONLY):
            return
        found.setdefault(code, []).append(section)
        if code in loinc.CONTAINERS:
            for child in section.children:
                visit(child, True)

    for section in top:
        visit(section, False)
    return found


def _local(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(el: object) -> str:
    """The words of an XML/HTML element: footnotes left out, line breaks as spaces."""
    out: list[str] = []

    def visit(node: object) -> None:
        if getattr(node, "text", None) and isinstance(node.tag, str):  # type: ignore[attr-defined]
            out.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            tag = _local(child)
            if tag == "br":
                out.append(" ")
            elif tag in {"list", "ul", "ol"}:
                out.append(" " + " ".join(inline_text(i) for i in child) + " ")
            elif tag not in {"footnote", "caption"} and tag:
                visit(child)
            if child.tail:
                out.append(child.tail)

    visit(el)
    return " ".join("".join(out).split())


def table_from_element(el: object) -> Table:
    """An SPL <table> or an HTML one (openFDA's *_table fields): caption, header rows and body
    rows, with colspans expanded so that columns line up."""
    caption = ""
    header: list[list[str]] = []
    body: list[list[str]] = []
    for child in el:  # type: ignore[attr-defined]
        tag = _local(child)
        if tag == "caption":
            caption = inline_text(child)
        elif tag in {"thead", "tbody", "tfoot", "tr"}:
            rows = [child] if tag == "tr" else [r for r in child if _local(r) == "tr"]
            for row in rows:
                cells: list[str] = []
                for cell in row:
                    if _local(cell) not in {"td", "th"}:
                        continue
                    text = inline_text(cell)
                    try:
                        span = max(1, min(int(cell.get("colspan") or 1), 50))
                    except ValueError:
                        span = 1
                    cells.extend([text] * span if tag == "thead" else [text] + [""] * (span - 1))
                (header if tag == "thead" else body).append(cells)
    if not header and len(body) >= 2:
        header, body = [body[0]], body[1:]
    return Table(caption, header, body)


def section_sentences(section: Section) -> list[str]:
    """Sentences of a section, each paragraph and list item split on its own (list items
    often lack a full stop, so joining them first would run them together)."""
    return [s for t in section.texts() for s in sentences(clean(t))]


def _is_generic_name(name: str, generic: set[str]) -> bool:
    norm = normal_name(name)
    if norm in generic:
        return True
    parts = [base_ingredient(p) for p in re.split(r",|\band\b", norm) if p.strip()]
    return bool(parts) and all(p in generic or normal_name(p) in generic for p in parts)


def titled_texts(root: Section) -> list[str]:
    """The text of a section and its subsections, each subsection's heading kept in front of its
    first words ("Children: The following recommendations apply to ...")."""
    out: list[str] = []
    pending: list[str] = []
    for s in root.walk():
        if s is not root and s.title:
            pending.append(s.title.rstrip(".:"))
        for t in _own_texts(s):
            out.append(f"{' — '.join(pending)}: {t}" if pending else t)
            pending = []
    return out


def _own_texts(section: Section) -> list[str]:
    out: list[str] = []
    for part in section.parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, list):
            out.extend(part)
        else:
            out.extend(" | ".join(c for c in row if c) for row in [*part.header, *part.rows])
    return out
