"""Rendered responses kept in memory, so each page is built once per library file.

A page is rendered on first request, stored with its gzip form and ETag, and served from memory
until a rebuild swaps in a new library file, when the whole cache is dropped: the responses are
kept with what else is remembered from the file (`Library.remember`, storage.py), so the web
notices a new file the same way as every other cache. The cache is bounded in bytes so odd URLs (misspelled searches, 404s) cannot grow it
without limit. `ServeCached` answers a repeat of an exact address before FastAPI's routing runs.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from healthlib.library.integrity import LibraryUnavailable
from healthlib.library.query import Library

HTML = "text/html; charset=utf-8"
JSON = "application/json"
XML = "application/xml; charset=utf-8"
PAGE_CACHE = "public, max-age=300"
GZIP_MIN = 1024  # below this, gzip saves less than its own cost


@dataclass(frozen=True)
class Page:
    """What a view produces: a body and how to send it."""

    body: str | bytes
    status: int = 200
    media_type: str = HTML
    cache_control: str = PAGE_CACHE
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Cached:
    status: int
    etag: bytes
    plain: bytes
    gzipped: bytes | None
    plain_headers: list[tuple[bytes, bytes]]
    gzip_headers: list[tuple[bytes, bytes]] | None
    not_modified_headers: list[tuple[bytes, bytes]]
    size: int


class RawResponse(Response):
    """A response whose header list is prepared in advance (Starlette would rebuild it)."""

    def __init__(self, status: int, body: bytes, raw_headers: list[tuple[bytes, bytes]]) -> None:
        self.status_code = status
        self.body = body
        self.raw_headers = list(raw_headers)
        self.background: BackgroundTask | None = None


def prepare(page: Page) -> Cached:
    body = page.body.encode() if isinstance(page.body, str) else page.body
    etag = b'W/"' + hashlib.blake2b(body, digest_size=10).hexdigest().encode() + b'"'
    common = [(b"content-type", page.media_type.encode()), (b"cache-control", page.cache_control.encode()),
              (b"etag", etag), (b"vary", b"Accept-Encoding")]
    if page.location:
        # safe: locations are built from known slugs or percent-encoded text, never raw input
        common.append((b"location", page.location.encode("latin-1")))
    plain_headers = [*common, (b"content-length", str(len(body)).encode())]
    gzipped = gzip_headers = None
    if len(body) >= GZIP_MIN and page.status == 200:
        gzipped = gzip.compress(body, compresslevel=6, mtime=0)
        gzip_headers = [*common, (b"content-encoding", b"gzip"), (b"content-length", str(len(gzipped)).encode())]
    not_modified = [(b"cache-control", page.cache_control.encode()), (b"etag", etag),
                    (b"vary", b"Accept-Encoding")]
    size = len(body) + (len(gzipped) if gzipped else 0) + 512
    return Cached(page.status, etag, body, gzipped, plain_headers, gzip_headers, not_modified, size)


def choose(cached: Cached, if_none_match: str | None, accept_encoding: str) -> tuple[int, bytes, list]:
    """Status, body and headers for one request: 304 if the client has it, gzip if it takes it."""
    if cached.status == 200:
        if if_none_match and cached.etag.decode() in if_none_match:
            return 304, b"", cached.not_modified_headers
        if cached.gzipped is not None and "gzip" in accept_encoding:
            return 200, cached.gzipped, cached.gzip_headers or []
    return cached.status, cached.plain, cached.plain_headers


def send(cached: Cached, request: Request) -> Response:
    headers = request.headers
    status, body, raw = choose(cached, headers.get("if-none-match"), headers.get("accept-encoding", ""))
    return RawResponse(status, body, raw)


Url = tuple[bytes, bytes]  # (raw path, query string)
MAX_URLS = 20_000


def url_of(scope: MutableMapping[str, Any]) -> Url:
    return scope.get("raw_path") or scope["path"].encode(), scope.get("query_string", b"")


@dataclass
class _Responses:
    """The responses rendered from one library file, least recently used first."""

    items: OrderedDict[Hashable, Cached] = field(default_factory=OrderedDict)
    bytes: int = 0
    # exact request addresses already answered, for `ServeCached` to answer without routing
    by_url: dict[Url, Cached] = field(default_factory=dict)
    urls_of: dict[Hashable, list[Url]] = field(default_factory=dict)


class ResponseCache:
    def __init__(self, lib: Library, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.lib = lib
        self.max_bytes = max_bytes
        self._name = ("web.responses", object())  # this cache's own entry among the file's values

    def _responses(self) -> _Responses:
        """This library file's responses: a new file starts empty (the old ones go with the old file)."""
        return self.lib.remember(self._name, _Responses)

    def get(self, key: Hashable, build: Callable[[], Page], url: Url | None = None) -> Cached:
        kept = self._responses()
        item = kept.items.get(key)
        if item is not None:
            kept.items.move_to_end(key)
        else:
            item = prepare(build())
            kept.items[key] = item
            kept.bytes += item.size
            while kept.bytes > self.max_bytes and len(kept.items) > 1:
                old_key, old = kept.items.popitem(last=False)
                kept.bytes -= old.size
                for old_url in kept.urls_of.pop(old_key, ()):
                    kept.by_url.pop(old_url, None)
        if url is not None and url not in kept.by_url:
            if len(kept.by_url) >= MAX_URLS:  # odd query strings: start the address index afresh
                kept.by_url.clear()
                kept.urls_of.clear()
            kept.by_url[url] = item
            kept.urls_of.setdefault(key, []).append(url)
        return item

    def respond(self, request: Request, key: Hashable, build: Callable[[], Page], *,
                by_address: bool = True) -> Response:
        """`by_address=False` for responses that depend on more than the URL (e.g. the Host)."""
        return send(self.get(key, build, url_of(request.scope) if by_address else None), request)

    def lookup(self, scope: MutableMapping[str, Any]) -> Cached | None:
        try:
            kept = self._responses()
        except LibraryUnavailable:  # the app answers 503
            return None
        return kept.by_url.get(url_of(scope))

    def __len__(self) -> int:
        return len(self._responses().items)


class ServeCached:
    """ASGI wrapper: a GET for an address already answered from this library file is sent
    straight from memory, skipping routing and validation (most of a request's cost)."""

    def __init__(self, app: Any, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            cached = self.cache.lookup(scope)
            if cached is not None:
                inm, accept = None, ""
                for name, value in scope["headers"]:
                    if name == b"if-none-match":
                        inm = value.decode("latin-1")
                    elif name == b"accept-encoding":
                        accept = value.decode("latin-1")
                status, body, headers = choose(cached, inm, accept)
                await send({"type": "http.response.start", "status": status, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
