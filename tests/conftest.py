"""Shared fixtures: one library built from the real built-in monographs, the web app over it, and
a real uvicorn server in a subprocess for tests that need real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from healthlib.library.build import build_builtin
from healthlib.library.query import Library

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its TestClient; httpx is what this project installs
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def built_library(tmp_path_factory) -> Path:
    """A library file built once per session from the shipped monographs (read it, never write)."""
    path = tmp_path_factory.mktemp("built") / "library.db"
    build_builtin(path)
    return path


@pytest.fixture(scope="session")
def library(built_library) -> Library:
    return Library(built_library)


@pytest.fixture(scope="session")
def lib(library: Library) -> Library:
    """The answerer tests' short name for the shared library."""
    return library


@pytest.fixture(scope="session")
def web_client(built_library) -> Iterator[TestClient]:
    """The web app over the shared library, through an in-process ASGI client."""
    from healthlib.surfaces.web.app import create_app

    with TestClient(create_app(built_library), follow_redirects=False) as client:
        yield client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerURL(str):
    """A running server's base URL; `.pid` is its process (with one worker, the server itself)."""

    pid: int


def answers_healthz(base: str, *, seconds: float, proc: subprocess.Popen | None = None) -> bool:
    """Wait until the server at `base` answers /healthz; False after `seconds` or if `proc` exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False


@contextmanager
def running_server(db: Path, *, workers: int = 1, log_search: bool = False,
                   log_file: Path | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """`serve()` in a subprocess on a free loopback port; yields its base URL (a ServerURL).
    `env` adds environment variables (e.g. the server's limits)."""
    port = free_port()
    code = ("import sys; from pathlib import Path; from healthlib.surfaces.web.server import serve; "
            f"serve(Path({str(db)!r}), host='127.0.0.1', port={port}, workers={workers}, "
            f"log_search={log_search})")
    out = open(log_file, "wb") if log_file else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=out, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    base = ServerURL(f"http://127.0.0.1:{port}")
    base.pid = proc.pid
    try:
        if not answers_healthz(base, seconds=30, proc=proc):
            raise RuntimeError(f"server exited with {proc.returncode}" if proc.poll() is not None
                               else "server did not start within 30 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log_file:
            out.close()  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def live_server():
    """`with live_server(db) as base_url:` starts a real server for the block."""
    return running_server
