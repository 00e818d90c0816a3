"""The JSON API under /api/v1/: everything a page shows, as typed JSON.

Responses are built once per library version and served from memory (see cache.py); the
`response_model`s still describe them exactly in /openapi.json.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from healthlib.library.search import MAX_QUERY, SearchResponse, autocomplete, search
from healthlib.model.article import Article
from healthlib.model.comparison import Comparison
from healthlib.model.urls import (
    api_class_url,
    api_compare_url,
    api_condition_url,
    api_guide_url,
    class_url,
    compare_url,
    condition_url,
    guide_url,
)

from .cache import JSON, Page, ResponseCache
from .schemas import (
    AutocompleteResponse,
    ComparisonLink,
    ComparisonList,
    ErrorOut,
    GroupDetail,
    GroupList,
    GroupOut,
    GuideLink,
    GuideList,
    GuideSummaryOut,
    Health,
)
from .site import Site

API_CACHE = "public, max-age=300"
MAX_PAGE = 500  # guides in one /api/v1/guides response
MAX_SLUG = 100
Slug = Annotated[str, Path(max_length=MAX_SLUG, pattern=r"^[a-z0-9][a-z0-9-]*$")]
SearchText = Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="What the person typed")]
NOT_FOUND = {404: {"model": ErrorOut, "description": "No such guide; closest names suggested"}}


def _json(model: BaseModel, status: int = 200, cache_control: str = API_CACHE) -> Page:
    return Page(model.model_dump_json(), status=status, media_type=JSON, cache_control=cache_control)


def _missing(site: Site, what: str, name: str) -> Page:
    titles = site.lib.titles()
    links = []
    for entry, _ in site.lib.fuzzy(name.replace("-", " "), limit=3, cutoff=55):
        if entry.slug in titles and all(link.slug != entry.slug for link in links):
            links.append(GuideLink(slug=entry.slug, title=titles[entry.slug], url=guide_url(entry.slug),
                                   api_url=api_guide_url(entry.slug)))
    return _json(ErrorOut(detail=f"no {what} '{name}' in this library", suggestions=links), status=404,
                 cache_control="public, max-age=60")


def api_router(site: Site, cache: ResponseCache) -> APIRouter:
    lib = site.lib
    router = APIRouter(prefix="/api/v1", tags=["library"])

    @router.get("/guides", response_model=GuideList, operation_id="listGuides",
                summary="Every guide, or those starting with one letter, a page at a time")
    async def guides(request: Request,
                     letter: Annotated[str | None, Query(pattern=r"^[A-Za-z]$")] = None,
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Guides per page")] = MAX_PAGE,
                     offset: Annotated[int, Query(ge=0, le=10_000_000,
                                                  description="Guides to skip (title order)")] = 0) -> Response:
        key = letter.upper() if letter else None

        def build() -> Page:
            matching = lib.guides(key)
            items = [GuideSummaryOut.of(g) for g in matching[offset:offset + limit]]
            after = offset + len(items)
            next_url = None
            if after < len(matching):
                next_url = "/api/v1/guides?" + "&".join(
                    [*([f"letter={key}"] if key else []), f"limit={limit}", f"offset={after}"])
            return _json(GuideList(count=len(items), total=len(matching), offset=offset, limit=limit,
                                   next=next_url, letter=key, letters=lib.letters(), guides=items))
        return cache.respond(request, ("api", "guides", key, limit, offset), build)

    @router.get("/guides/{slug}", response_model=Article, responses=NOT_FOUND, operation_id="getGuide",
                summary="One guide: sections, blocks with citations, FAQ and sources")
    async def guide(request: Request, slug: Slug) -> Response:
        def build() -> Page:
            raw = lib.article_json(slug)
            if raw is None:
                return _missing(site, "guide", slug)
            # the stored JSON is Article.model_dump_json(): send it as it is
            return Page(raw, media_type=JSON, cache_control=API_CACHE)
        return cache.respond(request, ("api", "guide", slug), build)

    @router.get("/search", response_model=SearchResponse, operation_id="search",
                summary="Search by name, brand, near misspelling, condition or words in the text")
    async def search_guides(request: Request, q: SearchText) -> Response:
        return cache.respond(request, ("api", "search", q),
                             lambda: _json(search(lib, q), cache_control="private, max-age=60"))

    @router.get("/autocomplete", response_model=AutocompleteResponse, operation_id="autocomplete",
                summary="Names starting with (then containing) what was typed, for a search box")
    async def suggest(request: Request, q: SearchText,
                      limit: Annotated[int, Query(ge=1, le=20)] = 8) -> Response:
        return cache.respond(request, ("api", "autocomplete", q, limit), lambda: _json(
            AutocompleteResponse(query=q, suggestions=autocomplete(lib, q, limit=limit)),
            cache_control="private, max-age=300"))

    @router.get("/compare/{a}/{b}", response_model=Comparison, responses=NOT_FOUND,
                operation_id="compareGuides", summary="Two guides side by side, row by row, with sources")
    async def compare(request: Request, a: Slug, b: Slug) -> Response:
        def build() -> Page:
            for slug in (a, b):
                if not lib.has(slug):
                    return _missing(site, "guide", slug)
            comparison = lib.compare(a, b)
            return _json(comparison) if comparison else _missing(site, "guide", a)
        return cache.respond(request, ("api", "compare", a, b), build)

    @router.get("/comparisons", response_model=ComparisonList, operation_id="listComparisons",
                summary="The comparisons the guides discuss")
    async def comparisons(request: Request) -> Response:
        def build() -> Page:
            titles = lib.titles()
            seen: set[frozenset[str]] = set()
            items = []
            for x, y in lib.comparison_pairs():
                if frozenset((x, y)) in seen:
                    continue
                seen.add(frozenset((x, y)))
                items.append(ComparisonLink(a=x, b=y, a_title=titles[x], b_title=titles[y],
                                            url=compare_url(x, y), api_url=api_compare_url(x, y)))
            return _json(ComparisonList(comparisons=items))
        return cache.respond(request, ("api", "comparisons"), build)

    @router.get("/classes", response_model=GroupList, operation_id="listClasses",
                summary="Drug classes, with how many guides each has")
    async def classes(request: Request) -> Response:
        return cache.respond(request, ("api", "classes"), lambda: _json(GroupList(items=[
            GroupOut(slug=s, name=n, guides=c, url=class_url(s), api_url=api_class_url(s))
            for s, n, c in lib.classes()])))

    @router.get("/classes/{slug}", response_model=GroupDetail, responses=NOT_FOUND,
                operation_id="getClass", summary="The guides in one drug class")
    async def drug_class(request: Request, slug: Slug) -> Response:
        def build() -> Page:
            found = lib.class_guides(slug)
            if found is None:
                return _missing(site, "class", slug)
            return _json(GroupDetail(slug=slug, name=found[0], url=class_url(slug),
                                     guides=[GuideSummaryOut.of(g) for g in found[1]]))
        return cache.respond(request, ("api", "class", slug), build)

    @router.get("/conditions", response_model=GroupList, operation_id="listConditions",
                summary="Conditions the guides treat, with how many guides each has")
    async def conditions(request: Request) -> Response:
        return cache.respond(request, ("api", "conditions"), lambda: _json(GroupList(items=[
            GroupOut(slug=s, name=n, guides=c, url=condition_url(s), api_url=api_condition_url(s))
            for s, n, c in lib.conditions()])))

    @router.get("/conditions/{slug}", response_model=GroupDetail, responses=NOT_FOUND,
                operation_id="getCondition", summary="The guides for one condition")
    async def condition(request: Request, slug: Slug) -> Response:
        def build() -> Page:
            found = lib.condition_guides(slug)
            if found is None:
                return _missing(site, "condition", slug)
            return _json(GroupDetail(slug=slug, name=found[0], url=condition_url(slug),
                                     guides=[GuideSummaryOut.of(g) for g in found[1]]))
        return cache.respond(request, ("api", "condition", slug), build)

    return router


def health_router(site: Site) -> APIRouter:
    router = APIRouter(tags=["service"])

    @router.get("/healthz", response_model=Health, operation_id="health",
                summary="Liveness: the library is readable")
    async def healthz() -> Health:
        return Health(status="ok", guides=len(site.lib.titles()), version=site.lib.version)

    return router

