"""Protocol edges: redirects never built from the Host header, the OpenAPI document lists the
limit answers the API really sends, and CLI text may start with a dash."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys

import pytest

from .conftest import running_server
from .test_web_limits import address, read_response, status_and_headers


@pytest.mark.parametrize(("path", "location"), [
    ("/drugs/", "/drugs"),
    ("/drugs/baclofen/?x=1", "/drugs/baclofen?x=1"),
    ("/api/v1/guides/", "/api/v1/guides"),
])
def test_trailing_slash_redirect_is_relative_whatever_the_host(web_client, path, location):
    r = web_client.get(path, headers={"host": "evil.example"})
    assert r.status_code in (301, 307, 308)
    assert r.headers["location"] == location
    assert r.headers["x-frame-options"] == "DENY"


def test_redirect_over_real_http_ignores_host(built_library):
    with running_server(built_library) as base:
        for path, location in ((b"/drugs/", b"/drugs"), (b"//evil.example/", b"/evil.example")):
            with socket.create_connection(address(base), timeout=5) as s:
                s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                status, headers = status_and_headers(read_response(s))
            assert status == 308 and headers[b"location"] == location


def api_operations(web_client) -> list[tuple[str, str, dict]]:
    doc = web_client.get("/openapi.json").json()
    return [(path, method, op) for path, ops in doc["paths"].items() if path.startswith("/api/")
            for method, op in ops.items()]


def concrete(path: str) -> str:
    return path.replace("{slug}", "baclofen").replace("{a}", "baclofen").replace("{b}", "tizanidine")


def test_openapi_lists_the_limit_answers_and_they_are_real(web_client):
    operations = api_operations(web_client)
    assert operations
    for path, method, op in operations:
        for status in ("400", "413", "414"):
            assert status in op["responses"], (method, path, status)
        url = concrete(path)
        too_long = web_client.request(method.upper(), url + "?q=" + "a" * 3000)
        assert too_long.status_code == 414, (method, path)
        assert too_long.json() == {"detail": "URL too long"}
        too_big = web_client.request(method.upper(), url, content=b"{}",
                                     headers={"content-length": str(100 << 20), "content-type": "application/json"})
        assert too_big.status_code == 413, (method, path)
        assert "too large" in too_big.json()["detail"]


def test_openapi_400_is_what_the_server_says_to_a_broken_request(built_library, web_client):
    (path, method, op) = next(o for o in api_operations(web_client) if o[1] == "post")
    assert "text/plain" in op["responses"]["400"]["content"]
    with running_server(built_library) as base, socket.create_connection(address(base), timeout=5) as s:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            s.sendall(f"{method.upper()} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".encode())
        status, headers = status_and_headers(read_response(s))
    assert status == 400 and headers[b"content-type"].startswith(b"text/plain")


def cli(*args: str, db) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", *args, "--db", str(db)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [["search", "-baclofen"], ["search", "-hydrocodone"],
                                  ["search", "--json", "-baclofen"], ["ask", "-baclofen dose?"],
                                  ["show", "-baclofen"]])
def test_text_starting_with_a_dash_is_text(built_library, args):
    run = cli(*args, db=built_library)
    assert run.returncode == 0, run.stderr
    assert "Baclofen" in run.stdout or "baclofen" in run.stdout or "hydrocodone" in run.stdout.lower()


def test_missing_search_text_is_one_line_and_exit_2(built_library):
    run = cli("search", db=built_library)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
