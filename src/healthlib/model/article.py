"""The Article: one guide, in the JSON shape the CLI, the API and the templates all share."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# Every section a guide can have, in reading order, with its label in the page's contents
# list. "vs-" stands for the comparison sections ("vs-ibuprofen"), one per compared medicine;
# their label names the other medicine, so it is made where the title is known.
SECTION_LABELS: dict[str, str] = {
    "key-facts": "Key facts",
    "what-is": "What it is",
    "uses": "Uses",
    "how-it-works": "How it works",
    "how-to-take": "How to take it",
    "duration": "How long to take it",
    "side-effects": "Side effects",
    "who-should-not-take": "Who should not take it",
    "brand-names": "Brand names",
    "alternatives": "Alternatives",
    "vs-": "Compared with",
    "interactions": "Other medicines, food and alcohol",
    "storage": "Storage",
    "faq": "Questions people ask",
}
SECTION_IDS = tuple(SECTION_LABELS)
COMPARISON_PREFIX = "vs-"


def section_rank(section_id: str) -> int:
    """Where a section goes in a guide: its place in SECTION_IDS (all "vs-..." share one)."""
    return SECTION_IDS.index(COMPARISON_PREFIX if section_id.startswith(COMPARISON_PREFIX) else section_id)


class ListItem(BaseModel):
    text: str
    frequency: str | None = None  # as the source gives it, for side effects
    percent: float | None = None  # upper figure, drawn as a bar
    citations: list[str] = Field(default_factory=list)
    link: str | None = None  # an anchor on the same page ("#faq-overdose") for more on this item


class Block(BaseModel):
    type: Literal["paragraph", "list", "warning", "table", "excerpt"]
    text: str | None = None
    items: list[ListItem] | None = None
    rows: list[list[str]] | None = None
    citations: list[str]
    applies_to: str | None = None  # a warning about one form only ("the spinal pump")


class ArticleSection(BaseModel):
    id: str
    heading: str
    blocks: list[Block]


class FaqEntry(BaseModel):
    id: str
    question: str
    answer: str
    citations: list[str]


class SourceRef(BaseModel):
    id: str
    title: str
    publisher: str
    url: str | None = None
    date: str | None = None  # the date a person last checked the guide against it; None: not yet
    label_version: str | None = None  # an official label's effective date, when it is one


class BrandRef(BaseModel):
    name: str
    form: str | None = None
    note: str | None = None
    discontinued: bool = False


class ReadabilityScore(BaseModel):
    fk_grade: float
    words: int


class Article(BaseModel):
    slug: str
    title: str
    generic_name: str
    brand_names: list[BrandRef]
    drug_class: str
    class_name: str | None = None
    rx_status: str
    updated: str
    summary: str
    conditions: list[str]
    sections: list[ArticleSection]
    faq: list[FaqEntry]
    sources: list[SourceRef]
    readability: ReadabilityScore
    origin: Literal["curated", "label"] = "curated"
    checked_note: str | None = None  # says plainly when sources were last checked, or that they were not

    def section(self, section_id: str) -> ArticleSection | None:
        return next((s for s in self.sections if s.id == section_id), None)
