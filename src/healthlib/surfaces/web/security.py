"""Safe by default: security headers on every response and a cap on URL length.

A plain ASGI wrapper (not Starlette's BaseHTTPMiddleware) so it costs one list concatenation per
response, and it wraps the whole app, error responses included.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]

MAX_URL = 2048  # bytes of path + query; no page needs more

# No inline script or style anywhere: the JSON-LD block is data (never executed), scripts and
# styles come from /static. Nothing is loaded from other sites: no fonts, analytics or trackers.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # what someone reads about their health is nobody else's business, sources' sites included
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# The API is public, read-only and has no cookies, so any site may call it from a browser.
API_HEADERS = [*HEADERS, (b"access-control-allow-origin", b"*")]


class SecurityHeaders:
    def __init__(self, app: ASGIApp, max_url: int = MAX_URL) -> None:
        self.app = app
        self.max_url = max_url

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("raw_path") or scope["path"].encode()
        extra = API_HEADERS if scope["path"].startswith("/api/") else HEADERS
        if len(path) + len(scope.get("query_string", b"")) > self.max_url:
            api = extra is API_HEADERS
            body = b'{"detail": "URL too long"}' if api else b"URL too long\n"
            await send({"type": "http.response.start", "status": 414, "headers": [
                (b"content-type", b"application/json" if api else b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()), *extra]})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
