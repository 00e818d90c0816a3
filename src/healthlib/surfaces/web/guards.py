"""Request guards in front of the application: body size, requests in flight, trailing slashes.

- Body size: a question needs a few kilobytes, so every request body is capped at 64 KB, except
  the paths in BODY_LIMITS (lab-report uploads). A declared Content-Length over the cap is
  refused at once, before any of the body is read; a chunked body is counted as it arrives and
  refused as soon as it passes the cap. Either way the answer is 413 and the connection closes.
- Requests in flight: more than MAX_IN_FLIGHT requests being answered at once in one worker get
  503 with Retry-After (uvicorn's own limit would also count idle connections).
- Trailing slash: `/drugs/` redirects to `/drugs` with a relative Location (never built from the
  Host header, which the client controls).

These answers pass through SecurityHeaders like every other response.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.responses import JSONResponse, PlainTextResponse, Response

from healthlib.library.lab_reports import MAX_BYTES as MAX_REPORT_BYTES
from healthlib.model.urls import labs_url

from .schemas import ErrorOut

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

KB = 1024
DEFAULT_BODY_LIMIT = 64 * KB
# a lab report (PDF or photo) up to the readers' own file limit, plus the multipart framing
LAB_REPORT_BODY = MAX_REPORT_BYTES + 256 * KB
# The one place request body limits are set: path -> bytes (exact paths).
BODY_LIMITS: dict[str, int] = {
    labs_url(api=True): LAB_REPORT_BODY,
    labs_url(): LAB_REPORT_BODY,  # the /labs page's upload form
}
MAX_IN_FLIGHT = int(os.environ.get("HEALTHLIB_MAX_IN_FLIGHT", "256"))


def _size_words(size: int) -> str:
    return f"{size / (KB * KB):.0f} MB" if size >= KB * KB else f"{size // KB:,} KB"


def body_limit(path: str) -> int:
    return BODY_LIMITS.get(path, DEFAULT_BODY_LIMIT)


class BodyTooLarge(Exception):
    pass


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None,
                 *, json_body: bool = False) -> None:
    if json_body:
        body = ('{"detail": "' + text + '"}').encode()
        media = b"application/json"
    else:
        body = text.encode() + b"\n"
        media = b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", media), (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})


def library_unavailable(api: bool) -> Response:
    """503 while the library file is damaged (SecurityHeaders adds its headers as to any response)."""
    text = "The library is being repaired. Please try again in a few minutes."
    if api:
        return JSONResponse({"detail": text}, status_code=503, headers={"retry-after": "60"})
    return PlainTextResponse(text + "\n", status_code=503, headers={"retry-after": "60"})


class RequestGuards:
    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]],
                 max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        api = path.startswith("/api/")
        if len(path) > 1 and path.endswith("/"):
            await self._redirect_without_slash(scope, send)
            return
        if self.in_flight >= self.max_in_flight:
            await _plain(send, 503, "The server is busy. Please try again in a moment.",
                         [(b"retry-after", b"1")], json_body=api)
            return
        self.in_flight += 1
        try:
            await self._guarded(scope, receive, send, api)
        finally:
            self.in_flight -= 1

    async def _guarded(self, scope: Scope, receive: Receive, send: Send, api: bool) -> None:
        limit = body_limit(scope["path"])
        length: bytes | None = None
        chunked = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        too_large = f"The request body is too large (the limit here is {_size_words(limit)})."
        if length is not None and (not length.strip().isdigit() or int(length) > limit):
            await _plain(send, 413, too_large, [(b"connection", b"close")], json_body=api)
            return
        if not chunked:
            await self.app(scope, receive, send)  # no body, or one no larger than the limit
            return
        # chunked: count what arrives; the application sees the body only when it is within the limit
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            size += len(message.get("body", b""))
            if size > limit:
                await _plain(send, 413, too_large, [(b"connection", b"close")], json_body=api)
                return
            messages.append(message)
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _redirect_without_slash(self, scope: Scope, send: Send) -> None:
        raw = (scope.get("raw_path") or scope["path"].encode()).rstrip(b"/")
        # one leading slash only: "//evil.example/" must not become a protocol-relative address
        location = b"/" + raw.lstrip(b"/")
        if scope.get("query_string"):
            location += b"?" + scope["query_string"]
        await send({"type": "http.response.start", "status": 308, "headers": [
            (b"location", location), (b"content-length", b"0"), (b"cache-control", b"public, max-age=300")]})
        await send({"type": "http.response.body", "body": b""})


# What the guards, SecurityHeaders and the server's protocol answer on their own, for the
# OpenAPI document (every operation can get these, whatever its own responses).
_TEXT = {"text/plain": {"schema": {"type": "string"}}}
LIMIT_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "Invalid HTTP request (answered by the server before the API sees it)",
          "content": _TEXT},
    413: {"description": f"Request body over the limit ({DEFAULT_BODY_LIMIT // KB} KB; "
                         + ", ".join(f"{p}: {n // (KB * KB)} MB" for p, n in BODY_LIMITS.items()) + ")",
          "model": ErrorOut},
    414: {"description": "URL too long (over 2,048 bytes of path and query)",
          "model": ErrorOut},
    431: {"description": "Request headers too large (over 16 KB or 100 headers)", "content": _TEXT},
    503: {"description": "Too many requests being answered at once; try again (see Retry-After)",
          "model": ErrorOut},
}
