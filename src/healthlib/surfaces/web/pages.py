"""HTML routes: each maps a URL to a view in views.py, served from the response cache.

A module-level router, like every router here: routes take the Site and the cache as
dependencies (deps.py)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import Response

from . import views
from .cache import Page, ResponseCache
from .deps import CacheDep, SiteDep
from .resources import CLASSES, CONDITIONS, GroupKind
from .site import Site

MAX_SLUG = 100  # no slug is longer; longer paths are answered with the 404 page at once
MAX_PAIR = 2 * MAX_SLUG + 4
PAGE = {"methods": ["GET", "HEAD"], "include_in_schema": False}


router = APIRouter()


@router.api_route("/", **PAGE)
async def home(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    return cache.respond(request, "home", lambda: views.home(site))


@router.api_route("/drugs", **PAGE)
async def drugs(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    letter = request.query_params.get("letter") or None
    key = letter.upper() if letter and len(letter) == 1 else letter
    if key is not None and len(key) > 1:
        key = "?"  # every bad letter gets the same cached 404
    page = _page_number(request)
    return cache.respond(request, ("drugs", key, page), lambda: views.drugs(site, key, page))


def _page_number(request: Request) -> int:
    """The `page` of a long list; 0 when it is not a page number (answered with a 404)."""
    raw = request.query_params.get("page") or "1"
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 0


@router.api_route("/drugs/{slug}", **PAGE)
async def guide(request: Request, slug: str, site: SiteDep, cache: CacheDep) -> Response:
    if len(slug) > MAX_SLUG:
        return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/drugs"))
    corrected = (request.query_params.get("from") or "")[:100] or None  # a search's spelling fix
    return cache.respond(request, ("guide", slug, corrected), lambda: views.guide(site, slug, corrected))

def _group_routes(kind: GroupKind, max_slug: int) -> None:
    """The page listing every drug class (or condition), and each one's page."""

    @router.api_route(f"/{kind.path}", **PAGE)
    async def group_list(request: Request, site: SiteDep, cache: CacheDep) -> Response:
        page = _page_number(request)
        return cache.respond(request, (kind.path, page), lambda: views.groups(site, kind, page))

    @router.api_route(f"/{kind.path}/{{slug}}", **PAGE)
    async def group(request: Request, slug: str, site: SiteDep, cache: CacheDep) -> Response:
        if len(slug) > max_slug:
            return cache.respond(request, ("404", "long"), lambda: views.not_found(site, f"/{kind.path}"))
        return cache.respond(request, (kind.what, slug), lambda: views.group(site, kind, slug))


_group_routes(CLASSES, MAX_SLUG)
_group_routes(CONDITIONS, MAX_SLUG * 2)  # a condition's name may be long label wording


@router.api_route("/compare", **PAGE)
async def compare_index(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    a, b = request.query_params.get("a"), request.query_params.get("b")
    if (a and len(a) > MAX_SLUG) or (b and len(b) > MAX_SLUG):
        a = b = "?"
    return cache.respond(request, ("compare", a, b), lambda: views.compare_index(site, a, b))


@router.api_route("/compare/{pair}", **PAGE)
async def compare(request: Request, pair: str, site: SiteDep, cache: CacheDep) -> Response:
    if len(pair) > MAX_PAIR:
        return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/compare"))
    return cache.respond(request, ("compare", pair), lambda: views.compare(site, pair))


@router.api_route("/search", **PAGE)
async def search(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    q = request.query_params.get("q")
    return cache.respond(request, ("search", q), lambda: views.search_page(site, q))


@router.api_route("/sitemap.xml", **PAGE)
async def sitemap(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    return _with_base(request, site, cache, ("sitemap",), lambda base: views.sitemap(site, base))


@router.api_route("/sitemap-{part:int}.xml", **PAGE)
async def sitemap_part(request: Request, part: int, site: SiteDep, cache: CacheDep) -> Response:
    return _with_base(request, site, cache, ("sitemap", part), lambda base: views.sitemap_part(site, base, part))


@router.api_route("/robots.txt", **PAGE)
async def robots(request: Request, site: SiteDep, cache: CacheDep) -> Response:
    return _with_base(request, site, cache, ("robots",), lambda base: views.robots_txt(site, base))


def _with_base(request: Request, site: Site, cache: ResponseCache, key: tuple,
               build: Callable[[str], Page]) -> Response:
    """A page of absolute links: to the site's configured address, else to the one the client
    asked for (then the Host header decides it, so it is not answered by address alone)."""
    base = site.base_url or request_base(request)
    return cache.respond(request, (*key, base), lambda: build(base), by_address=site.base_url is not None)


@router.api_route("/static/{name}", **PAGE)
async def static(request: Request, name: str, site: SiteDep, cache: CacheDep) -> Response:
    asset = site.assets.get(name)
    if asset is None:
        return cache.respond(request, ("404", "static"), lambda: views.not_found(site, "/static"))
    # versioned addresses (?v=hash) never change; others may after an upgrade
    immutable = request.query_params.get("v") == asset.digest
    return cache.respond(request, ("static", name, immutable), lambda: Page(
        asset.body, media_type=asset.media_type,
        cache_control="public, max-age=31536000, immutable" if immutable else "public, max-age=3600"))


def request_base(request: Request) -> str:
    """The site address as the client asked for it, for absolute sitemap links. The Host header
    is the client's to choose, so anything but a plain host[:port] falls back to loopback."""
    host = request.headers.get("host", "")
    ok = 0 < len(host) <= 255 and all(c.isascii() and (c.isalnum() or c in ".-:[]") for c in host)
    return f"{request.url.scheme}://{host if ok else '127.0.0.1'}"

