"""The data behind each page and its API address: library in, a typed model out.

One function per resource (the guide list, a guide, a drug class or condition and their lists,
the comparisons). The page route renders the model with its template (views.py); the API route
sends the same model as JSON (api.py), so a page and its JSON never drift apart. Where the
library already returns the API's model, that is the resource: a Comparison from
`Library.compare`, a SearchResponse from `library.search.search`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import unquote

from healthlib.library.query import GuideSummary, Library
from healthlib.library.search import MAX_QUERY
from healthlib.model.article import Article
from healthlib.model.urls import API, compare_url, group_url, guide_url

from .schemas import (
    ComparisonLink,
    ComparisonList,
    GroupDetail,
    GroupList,
    GroupOut,
    GuideLink,
    GuideList,
    GuideSummaryOut,
)


@dataclass(frozen=True)
class GroupKind:
    """Drug classes and conditions: both are named groups of guides, with a list of them all."""

    path: Literal["classes", "conditions"]
    what: str  # "class", "condition": as in "no class 'x' in this library"
    listing: Callable[[Library], list[tuple[str, str, int]]]  # (slug, name, guides) of each
    members: Callable[[Library, str], tuple[str, list[GuideSummary]] | None]  # (name, guides)


CLASSES = GroupKind("classes", "class", Library.classes, Library.class_guides)
CONDITIONS = GroupKind("conditions", "condition", Library.conditions, Library.condition_guides)


def groups(lib: Library, kind: GroupKind, limit: int, offset: int = 0) -> GroupList:
    """One page of the classes (or conditions), in slug order, with how many guides each has."""
    every = kind.listing(lib)
    items = [GroupOut(slug=slug, name=name, guides=count, url=group_url(kind.path, slug),
                      api_url=group_url(kind.path, slug, api=True))
             for slug, name, count in every[offset:offset + limit]]
    after = offset + len(items)
    next_url = f"{API}/{kind.path}?limit={limit}&offset={after}" if after < len(every) else None
    return GroupList(count=len(items), total=len(every), offset=offset, limit=limit, next=next_url, items=items)


def group(lib: Library, kind: GroupKind, slug: str) -> GroupDetail | None:
    """One class's (or condition's) guides; None when the library has no such group."""
    found = kind.members(lib, slug)
    if found is None:
        return None
    name, guides = found
    return GroupDetail(slug=slug, name=name, url=group_url(kind.path, slug),
                       guides=[GuideSummaryOut.of(g) for g in guides])


def guide_list(lib: Library, letter: str | None, limit: int, offset: int) -> GuideList:
    """One page of the guides in title order (all, or those starting with `letter`)."""
    matching = lib.guides(letter)
    items = [GuideSummaryOut.of(g) for g in matching[offset:offset + limit]]
    after = offset + len(items)
    next_url = None
    if after < len(matching):
        next_url = f"{API}/guides?" + "&".join(
            [*([f"letter={letter}"] if letter else []), f"limit={limit}", f"offset={after}"])
    return GuideList(count=len(items), total=len(matching), offset=offset, limit=limit, next=next_url,
                     letter=letter, letters=lib.letters(), guides=items)


@dataclass(frozen=True)
class StoredGuide:
    """A guide as the library stores it: the Article's JSON (what the API sends, byte for byte)
    and its HTML fragment, links already in (what the page shows)."""

    slug: str
    json: str
    html: str

    @cached_property
    def article(self) -> Article:
        return Article.model_validate_json(self.json)


def guide(lib: Library, slug: str) -> StoredGuide | None:
    raw = lib.article_json(slug)
    if raw is None:
        return None
    return StoredGuide(slug, raw, lib.article_html(slug) or "")


def comparisons(lib: Library) -> ComparisonList:
    """Every "Is X better than Y?" pair the guides discuss, each pair once (A-B, not also B-A)."""
    titles = lib.titles()
    seen: set[frozenset[str]] = set()
    items = []
    for a, b in lib.comparison_pairs():
        if frozenset((a, b)) not in seen:
            seen.add(frozenset((a, b)))
            items.append(ComparisonLink(a=a, b=b, a_title=titles[a], b_title=titles[b],
                                        url=compare_url(a, b), api_url=compare_url(a, b, api=True)))
    return ComparisonList(comparisons=items)


def closest_guides(lib: Library, text: str, limit: int = 3) -> list[GuideLink]:
    """The guides whose names are closest to `text` (an address or typed words), for "did you mean"."""
    text = unquote(text)[:MAX_QUERY].replace("-", " ")
    titles = lib.titles()
    links: list[GuideLink] = []
    for entry, _ in lib.fuzzy(text, limit=limit, cutoff=55):
        if entry.slug in titles and all(link.slug != entry.slug for link in links):
            links.append(GuideLink(slug=entry.slug, title=titles[entry.slug], url=guide_url(entry.slug),
                                   api_url=guide_url(entry.slug, api=True)))
    return links
