"""HTML routes: each maps a URL to a view in views.py, served from the response cache."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from . import views
from .cache import Page, ResponseCache
from .site import Site

MAX_SLUG = 100  # no slug is longer; longer paths are answered with the 404 page at once
MAX_PAIR = 2 * MAX_SLUG + 4
PAGE = {"methods": ["GET", "HEAD"], "include_in_schema": False}


def page_router(site: Site, cache: ResponseCache) -> APIRouter:
    router = APIRouter()

    @router.api_route("/", **PAGE)
    async def home(request: Request) -> Response:
        return cache.respond(request, "home", lambda: views.home(site))

    @router.api_route("/drugs", **PAGE)
    async def drugs(request: Request) -> Response:
        letter = request.query_params.get("letter") or None
        key = letter.upper() if letter and len(letter) == 1 else letter
        if key is not None and len(key) > 1:
            key = "?"  # every bad letter gets the same cached 404
        raw = request.query_params.get("page") or "1"
        page = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 0  # 0: not a page, 404
        return cache.respond(request, ("drugs", key, page), lambda: views.drugs(site, key, page))

    @router.api_route("/drugs/{slug}", **PAGE)
    async def guide(request: Request, slug: str) -> Response:
        if len(slug) > MAX_SLUG:
            return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/drugs"))
        corrected = (request.query_params.get("from") or "")[:100] or None  # a search's spelling fix
        return cache.respond(request, ("guide", slug, corrected), lambda: views.guide(site, slug, corrected))

    @router.api_route("/classes", **PAGE)
    async def classes(request: Request) -> Response:
        return cache.respond(request, "classes", lambda: views.classes(site))

    @router.api_route("/classes/{slug}", **PAGE)
    async def drug_class(request: Request, slug: str) -> Response:
        if len(slug) > MAX_SLUG:
            return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/classes"))
        return cache.respond(request, ("class", slug), lambda: views.drug_class(site, slug))

    @router.api_route("/conditions", **PAGE)
    async def conditions(request: Request) -> Response:
        return cache.respond(request, "conditions", lambda: views.conditions(site))

    @router.api_route("/conditions/{slug}", **PAGE)
    async def condition(request: Request, slug: str) -> Response:
        if len(slug) > MAX_SLUG * 2:
            return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/conditions"))
        return cache.respond(request, ("condition", slug), lambda: views.condition(site, slug))

    @router.api_route("/compare", **PAGE)
    async def compare_index(request: Request) -> Response:
        a, b = request.query_params.get("a"), request.query_params.get("b")
        if (a and len(a) > MAX_SLUG) or (b and len(b) > MAX_SLUG):
            a = b = "?"
        return cache.respond(request, ("compare", a, b), lambda: views.compare_index(site, a, b))

    @router.api_route("/compare/{pair}", **PAGE)
    async def compare(request: Request, pair: str) -> Response:
        if len(pair) > MAX_PAIR:
            return cache.respond(request, ("404", "long"), lambda: views.not_found(site, "/compare"))
        return cache.respond(request, ("compare", pair), lambda: views.compare(site, pair))

    @router.api_route("/search", **PAGE)
    async def search(request: Request) -> Response:
        q = request.query_params.get("q")
        return cache.respond(request, ("search", q), lambda: views.search_page(site, q))

    @router.api_route("/sitemap.xml", **PAGE)
    async def sitemap(request: Request) -> Response:
        base = site.base_url or request_base(request)
        return cache.respond(request, ("sitemap", base), lambda: views.sitemap(site, base),
                             by_address=site.base_url is not None)

    @router.api_route("/sitemap-{part:int}.xml", **PAGE)
    async def sitemap_part(request: Request, part: int) -> Response:
        base = site.base_url or request_base(request)
        return cache.respond(request, ("sitemap", base, part), lambda: views.sitemap_part(site, base, part),
                             by_address=site.base_url is not None)

    @router.api_route("/robots.txt", **PAGE)
    async def robots(request: Request) -> Response:
        base = site.base_url or request_base(request)
        return cache.respond(request, ("robots", base), lambda: views.robots_txt(site, base),
                             by_address=site.base_url is not None)

    @router.api_route("/static/{name}", **PAGE)
    async def static(request: Request, name: str) -> Response:
        asset = site.assets.get(name)
        if asset is None:
            return cache.respond(request, ("404", "static"), lambda: views.not_found(site, "/static"))
        # versioned addresses (?v=hash) never change; others may after an upgrade
        immutable = request.query_params.get("v") == asset.digest
        return cache.respond(request, ("static", name, immutable), lambda: Page(
            asset.body, media_type=asset.media_type,
            cache_control="public, max-age=31536000, immutable" if immutable else "public, max-age=3600"))

    return router


def request_base(request: Request) -> str:
    """The site address as the client asked for it, for absolute sitemap links. The Host header
    is the client's to choose, so anything but a plain host[:port] falls back to loopback."""
    host = request.headers.get("host", "")
    ok = 0 < len(host) <= 255 and all(c.isascii() and (c.isalnum() or c in ".-:[]") for c in host)
    return f"{request.url.scheme}://{host if ok else '127.0.0.1'}"

