"""Storage: the connections, and the one per-library-file memo every cache keeps its values in.

Real SQLite files throughout: a rebuild is imitated as a rebuild does it, by writing a new file
beside the library and `os.replace`-ing it in.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from healthlib.ask import answer, understand, vocabulary
from healthlib.library.integrity import LibraryUnavailable
from healthlib.library.interactions import interaction_index
from healthlib.library.query import Library
from healthlib.library.storage import (
    LibraryFile,
    create_library_file,
    finish_library_file,
    open_reader,
    open_scratch,
    reading,
)

from .conftest import TestClient


def new_library_file(path: Path, guide: str = "baclofen") -> Path:
    """An empty library file with the schema (what the build starts from), one meta row telling
    files apart, written beside `path` and swapped in as a rebuild does."""
    tmp = path.with_name(f".{path.name}.new")
    conn = create_library_file(tmp)
    try:
        with conn:
            conn.execute("INSERT INTO meta VALUES ('guide', ?)", (guide,))
        finish_library_file(conn)
    finally:
        conn.close()
    os.replace(tmp, path)
    return path


def swap_in_copy(source: Path, target: Path, edit=None) -> None:
    """Copy a library file, optionally change it, and swap it in over `target`."""
    tmp = target.with_name(f".{target.name}.new")
    shutil.copy(source, tmp)
    if edit:
        conn = sqlite3.connect(tmp)
        with conn:
            edit(conn)
        conn.close()
    os.replace(tmp, target)


# -- the memo ----------------------------------------------------------------------------------

def test_a_value_is_remembered_until_a_new_file_is_swapped_in(tmp_path):
    path = new_library_file(tmp_path / "library.db", "first")
    file = LibraryFile(path)
    built: list[str] = []

    def guide() -> str:
        (value,) = file.reader().execute("SELECT value FROM meta WHERE key = 'guide'").fetchone()
        built.append(value)
        return value

    assert file.remember("guide", guide) == "first"
    assert file.remember("guide", guide) == "first"
    assert file.remember("other", lambda: ["kept"]) == ["kept"]
    assert built == ["first"]
    version = file.version

    new_library_file(path, "second")
    assert file.version != version
    assert file.remember("guide", guide) == "second"  # read again, from the new file
    assert built == ["first", "second"]
    assert file.remember("other", lambda: ["new"]) == ["new"]  # every value went with the old file


def test_concurrent_callers_wait_for_one_builder(tmp_path):
    file = LibraryFile(new_library_file(tmp_path / "library.db"))
    calls: list[int] = []
    start = threading.Barrier(8)
    results: list[object] = []

    def slow() -> object:
        calls.append(1)
        time.sleep(0.3)  # long enough for every other thread to ask meanwhile
        return object()

    def ask() -> None:
        start.wait()
        results.append(file.remember("slow", slow))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert len(calls) == 1
    assert len(results) == 8 and all(r is results[0] for r in results)


def test_a_builder_may_use_another_remembered_value_while_others_ask(tmp_path):
    """The answerer's guide words are built from its library names: no deadlock when one thread
    builds the outer value while another asks for the inner one."""
    file = LibraryFile(new_library_file(tmp_path / "library.db"))
    inner_started = threading.Event()

    def inner() -> str:
        inner_started.set()
        time.sleep(0.2)
        return "names"

    def outer() -> str:
        return file.remember("inner", inner) + " and words"

    got: dict[str, str] = {}
    threads = [threading.Thread(target=lambda: got.__setitem__("outer", file.remember("outer", outer))),
               threading.Thread(target=lambda: got.__setitem__("inner", file.remember("inner", inner)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert got == {"outer": "names and words", "inner": "names"}


def test_a_failed_build_is_not_remembered(tmp_path):
    file = LibraryFile(new_library_file(tmp_path / "library.db"))

    def fails() -> str:
        raise sqlite3.OperationalError("no such table: pills")

    with pytest.raises(sqlite3.OperationalError):
        file.remember("value", fails)
    assert file.remember("value", lambda: "built on the next call") == "built on the next call"


def test_a_damaged_file_in_place_keeps_what_was_remembered(tmp_path):
    path = new_library_file(tmp_path / "library.db", "whole")
    file = LibraryFile(path)
    assert file.remember("guide", lambda: "whole") == "whole"
    version = file.version
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(path.read_bytes()[:1000])
    os.replace(damaged, path)
    assert file.remember("guide", lambda: "rebuilt from a damaged file") == "whole"
    assert file.version == version
    with pytest.raises(LibraryUnavailable):
        LibraryFile(path).remember("guide", lambda: "never")  # never saw a whole one


# -- connections -------------------------------------------------------------------------------

def test_the_reader_cannot_write_and_each_thread_has_its_own(tmp_path):
    path = new_library_file(tmp_path / "library.db")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        open_reader(path).execute("INSERT INTO meta VALUES ('x', 'y')")
    file = LibraryFile(path)
    mine = file.reader()
    assert file.reader() is mine
    other: list[sqlite3.Connection] = []
    t = threading.Thread(target=lambda: other.append(file.reader()))
    t.start()
    t.join()
    assert other and other[0] is not mine
    new_library_file(path)
    assert file.reader() is not mine  # reopened on the new file


def test_reading_closes_its_connection(tmp_path):
    path = new_library_file(tmp_path / "library.db", "x")
    with reading(path) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone() == ("x",)
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")


def test_scratch_database_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp_path))
    conn = open_scratch()
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (1000,)
    conn.close()
    assert list(tmp_path.iterdir()) == []


# -- every cache learns of a new file the same way -----------------------------------------------

def test_every_cache_is_rebuilt_when_a_new_library_file_is_swapped_in(built_library, tmp_path):
    from healthlib.surfaces.web.app import create_app

    path = tmp_path / "library.db"
    shutil.copy(built_library, path)
    lib = Library(path)
    index = interaction_index(lib)
    names = vocabulary.library_names(lib)
    words = vocabulary.guide_words(lib)
    conditions = understand._condition_index(lib)
    article = answer.stored_article(lib, "baclofen")
    assert interaction_index(lib) is index and vocabulary.library_names(lib) is names
    assert answer.stored_article(lib, "baclofen") is article
    with TestClient(create_app(path)) as client:
        before = client.get("/api/v1/guides/baclofen")
        assert client.get("/api/v1/guides/baclofen").content == before.content  # from the cache
        assert "(edited)" not in before.text

        def edit(conn: sqlite3.Connection) -> None:
            raw = json.loads(conn.execute("SELECT json FROM articles WHERE slug = 'baclofen'").fetchone()[0])
            raw["summary"] += " (edited)"
            conn.execute("UPDATE articles SET json = ? WHERE slug = 'baclofen'", (json.dumps(raw),))

        swap_in_copy(built_library, path, edit)
        after = client.get("/api/v1/guides/baclofen")
        assert after.status_code == 200 and "(edited)" in after.json()["summary"]
    assert answer.stored_article(lib, "baclofen").summary.endswith("(edited)")
    assert interaction_index(lib) is not index
    assert vocabulary.library_names(lib) is not names and vocabulary.library_names(lib) == names
    assert vocabulary.guide_words(lib) is not words
    assert understand._condition_index(lib) is not conditions
