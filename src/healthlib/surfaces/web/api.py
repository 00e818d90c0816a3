"""The JSON API under /api/v1/: everything a page shows, as typed JSON.

Each route sends the model its resource function returns (resources.py), the same data the
page renders. Responses are built once per library version and served from memory (see
cache.py); the `response_model`s still describe them exactly in /openapi.json.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from healthlib.library.query import Library
from healthlib.library.search import MAX_QUERY, SearchResponse, autocomplete, search
from healthlib.model.article import Article
from healthlib.model.comparison import Comparison
from healthlib.model.urls import API

from . import resources
from .cache import JSON, Page
from .deps import CacheDep, SiteDep
from .resources import CLASSES, CONDITIONS, GroupKind
from .schemas import (
    AutocompleteResponse,
    ComparisonList,
    ErrorOut,
    GroupDetail,
    GroupList,
    GuideList,
)

API_CACHE = "public, max-age=300"
MAX_PAGE = 500  # guides in one /api/v1/guides response
MAX_SLUG = 100
Slug = Annotated[str, Path(max_length=MAX_SLUG, pattern=r"^[a-z0-9][a-z0-9-]*$")]
SearchText = Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="What the person typed")]
NOT_FOUND = {404: {"model": ErrorOut, "description": "No such guide; closest names suggested"}}

router = APIRouter(prefix=API, tags=["library"])


def _json(model: BaseModel, status: int = 200, cache_control: str = API_CACHE) -> Page:
    return Page(model.model_dump_json(), status=status, media_type=JSON, cache_control=cache_control)


def _missing(lib: Library, what: str, name: str) -> Page:
    return _json(ErrorOut(detail=f"no {what} '{name}' in this library", suggestions=resources.closest_guides(lib, name)),
                 status=404, cache_control="public, max-age=60")


@router.get("/guides", response_model=GuideList, operation_id="listGuides",
            summary="Every guide, or those starting with one letter, a page at a time")
async def guides(request: Request, site: SiteDep, cache: CacheDep,
                 letter: Annotated[str | None, Query(pattern=r"^[A-Za-z]$")] = None,
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Guides per page")] = MAX_PAGE,
                 offset: Annotated[int, Query(ge=0, le=10_000_000,
                                              description="Guides to skip (title order)")] = 0) -> Response:
    key = letter.upper() if letter else None
    return cache.respond(request, ("api", "guides", key, limit, offset),
                         lambda: _json(resources.guide_list(site.lib, key, limit, offset)))


@router.get("/guides/{slug}", response_model=Article, responses=NOT_FOUND, operation_id="getGuide",
            summary="One guide: sections, blocks with citations, FAQ and sources")
async def guide(request: Request, slug: Slug, site: SiteDep, cache: CacheDep) -> Response:
    def build() -> Page:
        found = resources.guide(site.lib, slug)
        if found is None:
            return _missing(site.lib, "guide", slug)
        # the stored JSON is Article.model_dump_json(): send it as it is
        return Page(found.json, media_type=JSON, cache_control=API_CACHE)
    return cache.respond(request, ("api", "guide", slug), build)


@router.get("/search", response_model=SearchResponse, operation_id="search",
            summary="Search by name, brand, near misspelling, condition or words in the text")
async def search_guides(request: Request, q: SearchText, site: SiteDep, cache: CacheDep) -> Response:
    return cache.respond(request, ("api", "search", q),
                         lambda: _json(search(site.lib, q), cache_control="private, max-age=60"))


@router.get("/autocomplete", response_model=AutocompleteResponse, operation_id="autocomplete",
            summary="Names starting with (then containing) what was typed, for a search box")
async def suggest(request: Request, q: SearchText, site: SiteDep, cache: CacheDep,
                  limit: Annotated[int, Query(ge=1, le=20)] = 8) -> Response:
    return cache.respond(request, ("api", "autocomplete", q, limit), lambda: _json(
        AutocompleteResponse(query=q, suggestions=autocomplete(site.lib, q, limit=limit)),
        cache_control="private, max-age=300"))


@router.get("/compare/{a}/{b}", response_model=Comparison, responses=NOT_FOUND,
            operation_id="compareGuides", summary="Two guides side by side, row by row, with sources")
async def compare(request: Request, a: Slug, b: Slug, site: SiteDep, cache: CacheDep) -> Response:
    def build() -> Page:
        for slug in (a, b):
            if not site.lib.has(slug):
                return _missing(site.lib, "guide", slug)
        comparison = site.lib.compare(a, b)
        return _json(comparison) if comparison else _missing(site.lib, "guide", a)
    return cache.respond(request, ("api", "compare", a, b), build)


@router.get("/comparisons", response_model=ComparisonList, operation_id="listComparisons",
            summary="The comparisons the guides discuss")
async def comparisons(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    return cache.respond(request, ("api", "comparisons"), lambda: _json(resources.comparisons(site.lib)))


def _group_routes(kind: GroupKind, list_id: str, list_summary: str, one_id: str, one_summary: str) -> None:
    """The list of drug classes (or conditions) and one of them, as JSON."""

    @router.get(f"/{kind.path}", response_model=GroupList, operation_id=list_id, summary=list_summary)
    async def group_list(request: Request, site: SiteDep, cache: CacheDep,
                         limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page")] = MAX_PAGE,
                         offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip")] = 0,
                         ) -> Response:
        return cache.respond(request, ("api", kind.path, limit, offset),
                             lambda: _json(resources.groups(site.lib, kind, limit, offset)))

    @router.get(f"/{kind.path}/{{slug}}", response_model=GroupDetail, responses=NOT_FOUND,
                operation_id=one_id, summary=one_summary)
    async def group(request: Request, slug: Slug, site: SiteDep, cache: CacheDep) -> Response:
        def build() -> Page:
            found = resources.group(site.lib, kind, slug)
            return _json(found) if found else _missing(site.lib, kind.what, slug)
        return cache.respond(request, ("api", kind.what, slug), build)


_group_routes(CLASSES, "listClasses", "Drug classes, with how many guides each has",
              "getClass", "The guides in one drug class")
_group_routes(CONDITIONS, "listConditions", "Conditions the guides treat, with how many guides each has",
              "getCondition", "The guides for one condition")
