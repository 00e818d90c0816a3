"""Typed responses of the JSON API, so /openapi.json describes exactly what is sent."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from healthlib.library.query import GuideSummary
from healthlib.library.search import Suggestion
from healthlib.model.urls import guide_url


class GuideSummaryOut(BaseModel):
    slug: str
    title: str
    drug_class: str = Field(description="The class in plain words")
    class_name: str | None = Field(description="Short name of the class, as on /classes")
    class_slug: str | None
    rx_status: str = Field(description="prescription, otc or both")
    summary: str
    brand_names: list[str]
    fk_grade: float = Field(description="Flesch-Kincaid grade of the guide's text")
    origin: Literal["curated", "label"]
    updated: str = Field(description="ISO date the guide was last updated")
    url: str
    api_url: str

    @classmethod
    def of(cls, guide: GuideSummary) -> GuideSummaryOut:
        return cls(slug=guide.slug, title=guide.title, drug_class=guide.drug_class, class_name=guide.class_name,
                   class_slug=guide.class_slug, rx_status=guide.rx_status, summary=guide.summary,
                   brand_names=guide.brand_names, fk_grade=guide.fk_grade, origin=guide.origin,  # type: ignore[arg-type]
                   updated=guide.updated, url=guide_url(guide.slug), api_url=guide_url(guide.slug, api=True))


class GuideList(BaseModel):
    """One page of the guide list, in title order: follow `next` until it is null."""

    count: int = Field(description="Guides in this response")
    total: int = Field(description="Guides in the whole list (all, or the letter's)")
    offset: int = Field(description="Guides skipped before this page")
    limit: int = Field(description="Most guides a page holds (at most 500)")
    next: str | None = Field(description="Address of the next page, null on the last one")
    letter: str | None = Field(description="The first letter asked for, if any")
    letters: list[str] = Field(description="First letters that have guides")
    guides: list[GuideSummaryOut]


class GroupOut(BaseModel):
    """A drug class or a condition, with how many guides it has."""

    slug: str
    name: str
    guides: int
    url: str
    api_url: str


class GroupList(BaseModel):
    """One page of the drug classes (or conditions), in slug order: follow `next` until it is null."""

    count: int = Field(description="Items in this response")
    total: int = Field(description="Items in the whole list")
    offset: int = Field(description="Items skipped before this page")
    limit: int = Field(description="Most items a page holds (at most 500)")
    next: str | None = Field(description="Address of the next page, null on the last one")
    items: list[GroupOut]


class GroupDetail(BaseModel):
    slug: str
    name: str
    url: str
    guides: list[GuideSummaryOut]


class ComparisonLink(BaseModel):
    a: str
    b: str
    a_title: str
    b_title: str
    url: str
    api_url: str


class ComparisonList(BaseModel):
    comparisons: list[ComparisonLink]


class AutocompleteResponse(BaseModel):
    query: str
    suggestions: list[Suggestion]


class Health(BaseModel):
    status: Literal["ok"]
    guides: int
    version: str = Field(description="Changes whenever a rebuilt library is swapped in")


class GuideLink(BaseModel):
    slug: str
    title: str
    url: str
    api_url: str


class ErrorOut(BaseModel):
    detail: str
    suggestions: list[GuideLink] = Field(default_factory=list, description="Closest guides by name")
