"""uvicorn's httptools protocol with the limits a server facing the internet needs.

uvicorn times out a keep-alive connection only after a response, and bounds concurrency by
counting open connections: a client that connects and never finishes (or never starts) its
request holds a slot forever, and about two thousand such sockets make every real request a
503. This protocol adds, per connection:

- a request timeout: the request line and headers must arrive within `HEALTHLIB_HEADER_TIMEOUT`
  seconds (default 10) of the connection or the previous response, and the body within
  `HEALTHLIB_BODY_TIMEOUT` seconds (default 60) of the headers; otherwise the connection is closed;
- a cap on open connections per worker (`HEALTHLIB_MAX_CONNECTIONS`, default 1000): over it,
  the connection idle for longest is closed, so new visitors still get in;
- caps on the request head: 8 KB of URL (414), 16 KB of request line and headers, 100 headers
  (431), answered here with the security headers, as is the parser's own 400.

Everything else (keep-alive, pipelining, flow control) is uvicorn's.
"""

from __future__ import annotations

import asyncio
import os

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from .security import HEADERS

IMPORT_STRING = "healthlib.surfaces.web.protocol:GuardedHttpToolsProtocol"


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


HEADER_TIMEOUT = _env_float("HEALTHLIB_HEADER_TIMEOUT", 10.0)
BODY_TIMEOUT = _env_float("HEALTHLIB_BODY_TIMEOUT", 60.0)
MAX_CONNECTIONS = int(_env_float("HEALTHLIB_MAX_CONNECTIONS", 1000))
MAX_URL_BYTES = 8 * 1024
MAX_HEAD_BYTES = 16 * 1024
MAX_HEADERS = 100


def error_response(status: int, text: str) -> bytes:
    """A complete HTTP/1.1 error response that closes the connection, with the security headers."""
    body = text.encode() + b"\n"
    lines = [STATUS_LINE[status], b"content-type: text/plain; charset=utf-8\r\n",
             b"content-length: " + str(len(body)).encode() + b"\r\n", b"connection: close\r\n"]
    lines += [name + b": " + value + b"\r\n" for name, value in HEADERS]
    return b"".join([*lines, b"\r\n", body])


SWEEP_EVERY = 0.5  # seconds between checks of every connection's deadline


def _sweep(loop: asyncio.AbstractEventLoop, connections: set) -> None:
    """Close every connection past its deadline. One timer per worker for all connections is
    far cheaper than a timer set and cancelled for each request."""
    now = loop.time()
    for conn in list(connections):
        deadline = getattr(conn, "_deadline", None)
        if deadline is not None and now >= deadline and not conn.transport.is_closing():
            conn.transport.close()  # the application, if it was waiting for a body, sees a disconnect
    loop.call_later(SWEEP_EVERY, _sweep, loop, connections)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    _deadline: float | None = None  # when the request (or its body) must have arrived by
    _head_bytes = 0
    _header_count = 0
    _in_head = True  # between the end of a response (or connect) and a request's full headers
    _refused = False
    _idle_since = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if not getattr(self.server_state, "healthlib_sweeping", False):
            self.server_state.healthlib_sweeping = True  # type: ignore[attr-defined]
            self.loop.call_later(SWEEP_EVERY, _sweep, self.loop, self.connections)
        self._await_request()
        if len(self.connections) > MAX_CONNECTIONS:
            self._shed_idle_connection()

    # -- deadlines ------------------------------------------------------------------------------
    def _clear_deadline(self) -> None:
        self._deadline = None

    def _deadline_in(self, seconds: float) -> None:
        self._deadline = self.loop.time() + seconds

    def _await_request(self) -> None:
        """Waiting for the next request: its head must arrive within HEADER_TIMEOUT."""
        self._idle_since = self.loop.time()
        self._deadline = self._idle_since + HEADER_TIMEOUT

    def _idle(self) -> bool:
        """No request being answered: connected and waiting, or part of a head received."""
        return self._in_head and (self.cycle is None or self.cycle.response_complete)

    def _shed_idle_connection(self) -> None:
        idle = [c for c in self.connections
                if isinstance(c, GuardedHttpToolsProtocol) and c is not self and c._idle()
                and not c.transport.is_closing()]
        if idle:
            oldest = min(idle, key=lambda c: c._idle_since)
            oldest.transport.close()

    # -- parsing --------------------------------------------------------------------------------
    def data_received(self, data: bytes) -> None:
        if self._refused:
            return
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if self._in_head and not self._refused and self._head_bytes > MAX_HEAD_BYTES:
            # still no end of headers after this much: the URL or headers are too large
            if len(getattr(self, "url", b"")) > MAX_URL_BYTES:
                self._refuse(414, "URL too long")
            else:
                self._refuse(431, "Request headers too large")

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > MAX_URL_BYTES and not self._refused:
            self._refuse(414, "URL too long")

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        if self._header_count > MAX_HEADERS and not self._refused:
            self._refuse(431, "Too many request headers")
            return
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        if self._refused:
            return
        self._in_head = False
        # (bytes received may include the start of the body: measure the head itself)
        if len(self.url) + sum(len(n) + len(v) + 4 for n, v in self.headers) > MAX_HEAD_BYTES:
            self._refuse(431, "Request headers too large")
            return
        super().on_headers_complete()
        if not self._refused:
            self._deadline_in(BODY_TIMEOUT)  # the body, if any, has this long to arrive

    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self._refused:
            return
        self._clear_deadline()  # the whole request is in; the application's time is not the client's
        self._in_head, self._head_bytes, self._header_count = True, 0, 0  # what follows is the next head
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
            self._await_request()  # (a pipelined request already in hand is being answered instead)

    # -- uvicorn's own error answers, with the security headers ---------------------------------
    def send_400_response(self, msg: str) -> None:
        self._refuse(400, msg)

    def _refuse(self, status: int, text: str) -> None:
        self._refused = True
        self._clear_deadline()
        if not self.transport.is_closing():
            self.transport.write(error_response(status, text))
            self.transport.close()
