"""A library file truncated or overwritten by hand while the server runs: pages already read keep
being served from memory, the rest get 503 with a clear message and the security headers, never
500; a whole file put back is picked up again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import httpx
import pytest

from healthlib.library.integrity import LibraryUnavailable
from healthlib.library.query import Library

from .conftest import running_server
from .test_web_security import assert_security_headers

PAGES = ["/drugs/baclofen", "/api/v1/guides/baclofen", "/drugs/ibuprofen", "/api/v1/guides/ibuprofen",
         "/search?q=muscle+spasm", "/drugs", "/api/v1/search?q=pain", "/classes", "/"]


@pytest.fixture
def library_copy(built_library, tmp_path):
    path = tmp_path / "library.db"
    shutil.copy(built_library, path)
    return path


def test_truncated_in_place_while_serving(library_copy):
    with running_server(library_copy) as base, httpx.Client(base_url=base, timeout=10) as client:
        before = {p: client.get(p).text for p in PAGES[:2]}
        os.truncate(library_copy, library_copy.stat().st_size // 3)
        for path in PAGES:
            r = client.get(path)
            assert r.status_code in (200, 503), (path, r.status_code)
            assert_security_headers(r)
            if r.status_code == 503:
                assert "try again" in r.text
            if path in before:
                assert r.status_code == 200 and r.text == before[path]  # from memory


def test_overwritten_by_a_damaged_file_keeps_serving_the_old_one(library_copy, built_library, tmp_path):
    with running_server(library_copy) as base, httpx.Client(base_url=base, timeout=10) as client:
        assert client.get("/drugs/baclofen").status_code == 200
        broken = tmp_path / "broken.db"
        broken.write_bytes(library_copy.read_bytes()[: library_copy.stat().st_size // 2])
        os.replace(broken, library_copy)
        for path in PAGES:
            r = client.get(path)
            assert r.status_code == 200, (path, r.status_code)  # the old file is still open
        # a whole library put back is picked up
        whole = tmp_path / "whole.db"
        shutil.copy(built_library, whole)
        os.replace(whole, library_copy)
        assert client.get("/drugs/ibuprofen").status_code == 200


def test_server_started_on_a_damaged_file_answers_503(library_copy):
    os.truncate(library_copy, 4096)
    from healthlib.surfaces.web.app import create_app

    from .conftest import TestClient

    with TestClient(create_app(library_copy)) as client:
        for path in PAGES:
            r = client.get(path)
            assert r.status_code == 503, (path, r.status_code)
            assert_security_headers(r)
        assert client.get("/api/v1/guides/baclofen").json()["detail"].startswith("The library is being repaired")


def test_damaged_library_from_the_command_line_is_one_line(library_copy):
    os.truncate(library_copy, library_copy.stat().st_size // 2)
    with pytest.raises(LibraryUnavailable, match="is damaged"):
        Library(library_copy).resolve("baclofen")
    run = subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", "show", "baclofen", "--db", str(library_copy)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr
