"""`healthlib serve` under abuse, over real sockets: idle and slow connections, huge bodies,
huge heads, too many requests, and the answers the server makes itself (all with the security
headers)."""

from __future__ import annotations

import contextlib
import resource
import socket
import time
from pathlib import Path

import httpx
import pytest

from healthlib.surfaces.web.security import CSP

from .conftest import running_server

SECURITY = {b"content-security-policy": CSP.encode(), b"x-content-type-options": b"nosniff",
            b"x-frame-options": b"DENY", b"referrer-policy": b"no-referrer"}


def address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def connect(base: str, timeout: float = 5) -> socket.socket:
    s = socket.create_connection(address(base), timeout=timeout)
    s.settimeout(timeout)
    return s


def read_response(s: socket.socket) -> bytes:
    """Everything the server sends until it closes (or the socket's timeout)."""
    data = b""
    try:
        while chunk := s.recv(65536):
            data += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return data


def status_and_headers(data: bytes) -> tuple[int, dict[bytes, bytes]]:
    head = data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    return int(head[0].split()[1]), headers


def assert_secure(headers: dict[bytes, bytes]) -> None:
    for name, value in SECURITY.items():
        assert headers.get(name) == value, name


def closed_within(s: socket.socket, seconds: float) -> bool:
    """True if the server closes the connection within `seconds`."""
    s.settimeout(seconds)
    try:
        while s.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def server(built_library):
    with running_server(built_library, env={"HEALTHLIB_HEADER_TIMEOUT": "2", "HEALTHLIB_BODY_TIMEOUT": "2"}) as base:
        yield base


# --- idle and slow connections -----------------------------------------------------------------


def test_thousands_of_idle_sockets_do_not_lock_visitors_out(built_library):
    wanted = 2200
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < wanted + 200:
        pytest.skip(f"the open-files limit ({hard}) is too low for {wanted} sockets")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted + 200), hard))
    sockets: list[socket.socket] = []
    try:
        with running_server(built_library) as base:
            for i in range(wanted):
                s = socket.create_connection(address(base), timeout=5)
                if i % 2:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # a head that never ends
                sockets.append(s)
            started = time.monotonic()
            with httpx.Client(base_url=base, timeout=10) as client:
                for path in ("/drugs/baclofen", "/api/v1/guides/baclofen", "/"):
                    r = client.get(path)
                    assert r.status_code == 200, (path, r.status_code)
            assert time.monotonic() - started < 5
    finally:
        for s in sockets:
            s.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_connection_that_never_sends_a_request_is_closed(server):
    with connect(server) as s:
        assert closed_within(s, 6)


def test_slowly_sent_head_is_cut_off(server):
    with connect(server) as s:
        started = time.monotonic()
        closed = False
        for byte in b"GET /drugs/baclofen HTTP/1.1\r\nHost: x\r\n":  # one byte a second, forever
            try:
                s.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            if closed_within(s, 0.5):
                closed = True
                break
        assert closed and time.monotonic() - started < 8


def test_body_that_never_arrives_is_cut_off(server):
    with connect(server) as s:
        s.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 100\r\n\r\n{\"question\":")
        assert closed_within(s, 6)


def test_keep_alive_connection_still_serves_several_requests(server):
    with httpx.Client(base_url=server, timeout=10) as client:
        for _ in range(3):
            assert client.get("/healthz").status_code == 200
            time.sleep(0.5)


# --- request bodies ------------------------------------------------------------------------------


def test_huge_declared_body_is_refused_before_it_is_read(server):
    before = rss_kb(server.pid)
    with connect(server, timeout=10) as s:
        started = time.monotonic()
        s.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 104857600\r\n\r\n")
        try:  # start sending the 100 MB; the answer must not wait for it
            for _ in range(64):
                s.sendall(b" " * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = read_response(s)
    status, headers = status_and_headers(data)
    assert status == 413 and time.monotonic() - started < 3
    assert_secure(headers)
    assert rss_kb(server.pid) - before < 20_000


def test_huge_chunked_body_is_refused_as_it_streams(server):
    before = rss_kb(server.pid)
    with connect(server, timeout=10) as s:
        s.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n" % 65536 + b" " * 65536 + b"\r\n"
        sent = 0
        try:
            for _ in range(1600):  # up to 100 MB
                s.sendall(chunk)
                sent += 65536
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = read_response(s)
    status, headers = status_and_headers(data)
    assert status == 413 and sent < 20 << 20
    assert_secure(headers)
    assert rss_kb(server.pid) - before < 20_000


def test_ordinary_question_still_answered(server):
    r = httpx.post(f"{server}/api/v1/ask", json={"question": "can I take baclofen with alcohol?"}, timeout=10)
    assert r.status_code == 200 and "baclofen" in r.json()["drugs"]
    chunked = httpx.post(f"{server}/api/v1/ask", timeout=10, headers={"content-type": "application/json"},
                         content=iter([b'{"question": ', b'"what is baclofen for?"}']))
    assert chunked.status_code == 200, chunked.text


# --- request heads ------------------------------------------------------------------------------


@pytest.mark.parametrize(("request_bytes", "status"), [
    (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 200_000 + b"\r\n\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n", 431),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400),
], ids=["100 KB URL", "200 KB header", "150 headers", "malformed"])
def test_oversized_or_malformed_heads_get_an_answer_with_security_headers(server, request_bytes, status):
    with connect(server) as s:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(request_bytes)
        data = read_response(s)
    got, headers = status_and_headers(data)
    assert got == status, data[:200]
    assert_secure(headers)


def test_too_many_requests_at_once_get_503_with_security_headers(built_library):
    with running_server(built_library, env={"HEALTHLIB_MAX_IN_FLIGHT": "3"}) as base:
        # three uploads that have started and not finished hold the three places
        holders = []
        for _ in range(3):
            s = connect(base)
            s.sendall(b"POST /api/v1/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n5\r\n{\"q\":\r\n")
            holders.append(s)
        time.sleep(0.5)
        try:
            with connect(base) as s:
                s.sendall(b"GET /drugs/baclofen HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                status, headers = status_and_headers(read_response(s))
            assert status == 503 and headers.get(b"retry-after") == b"1"
            assert_secure(headers)
        finally:
            for s in holders:
                s.close()
        time.sleep(0.5)
        assert httpx.get(f"{base}/drugs/baclofen", timeout=10).status_code == 200
