"""Storage: the one place that opens SQLite files, and the one memo that notices a new library file.

Connections, by purpose:
- `open_reader(path)`: a library file for serving, read-only and immutable (a library file is
  never written in place: rebuilds swap in a new file), usable from any thread;
- `reading(path)`: a short read-only look at a library file (the build and import read the
  library as it is before writing a new one; the file may be replaced meanwhile);
- `create_library_file(path)`: a new library file with the schema, for the build to fill;
  `finish_library_file(conn)` compacts it before it is swapped in;
- `open_scratch()`: a private temporary database for an import's staging, deleted on close.

`LibraryFile` is a library file as readers see it: its identity (inode and modification time;
a damaged file in place keeps the last whole one's, see integrity.py), one reader connection
per thread, and `remember(name, build)`: a value computed once per library file, shared by
every caller, and dropped with all the others when a rebuild swaps in a new file. `Library`
owns one; the name index, the interaction checker, the answerer's word lists and the web's
response cache all keep what they derive from the file there, so there is one way of noticing a
new file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import TypeVar

from healthlib.library.integrity import (
    LibraryUnavailable,
    damaged_message,
    looks_complete,
    report_damaged,
)

SCHEMA_VERSION = "2"  # 2: comparisons table

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE monographs (slug TEXT PRIMARY KEY, origin TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE articles (
    slug TEXT PRIMARY KEY, title TEXT NOT NULL, generic_name TEXT NOT NULL,
    drug_class TEXT NOT NULL, class_name TEXT, class_slug TEXT, rx_status TEXT NOT NULL,
    summary TEXT NOT NULL, updated TEXT NOT NULL, fk_grade REAL NOT NULL, words INTEGER NOT NULL,
    origin TEXT NOT NULL, brands TEXT NOT NULL, json TEXT NOT NULL, html TEXT NOT NULL,
    markdown TEXT NOT NULL
);
CREATE TABLE names (name TEXT NOT NULL, norm TEXT NOT NULL, slug TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX names_norm ON names (norm);
CREATE TABLE conditions (slug TEXT NOT NULL, name TEXT NOT NULL, drug_slug TEXT NOT NULL);
CREATE TABLE comparisons (slug TEXT NOT NULL, other TEXT NOT NULL, position INTEGER NOT NULL);
CREATE INDEX conditions_slug ON conditions (slug);
CREATE VIRTUAL TABLE guide_text USING fts5 (
    slug UNINDEXED, title, names, body, tokenize = 'porter unicode61'
);
"""

T = TypeVar("T")
FileKey = tuple[int, int]  # (inode, modification time in ns): a new file has a new key


# -- connections ---------------------------------------------------------------------------------

def open_reader(path: Path) -> sqlite3.Connection:
    """A library file for serving: read-only, and immutable, so SQLite skips locking (the file is
    never written in place). Any thread may use it; `LibraryFile` keeps one per thread."""
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a library file for one look, closed after the block."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def create_library_file(path: Path) -> sqlite3.Connection:
    """A new library file with every table, for a build to fill (pills.py adds its own)."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
    except BaseException:
        conn.close()
        raise
    return conn


def finish_library_file(conn: sqlite3.Connection) -> None:
    """Ready a filled library file to be swapped in: no journal beside it, pages compacted."""
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")


def open_scratch() -> sqlite3.Connection:
    """A private temporary database on disk (`connect("")`): SQLite deletes it on close and its
    file is already unlinked, so even a killed import leaves nothing behind."""
    conn = sqlite3.connect("")
    conn.execute("PRAGMA journal_mode = OFF")  # scratch: nothing to roll back to
    conn.execute("PRAGMA synchronous = OFF")
    return conn


# -- one library file as readers see it ----------------------------------------------------------

class _FileValues:
    """What was remembered from one library file, with one lock per name, so one thread builds
    a value while others wait for it, and a builder may ask for other names meanwhile."""

    def __init__(self, key: FileKey) -> None:
        self.key = key
        self.values: dict[Hashable, object] = {}
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def lock_for(self, name: Hashable) -> threading.Lock:
        with self._guard:
            lock = self._locks.get(name)
            if lock is None:
                lock = self._locks[name] = threading.Lock()
            return lock


_MISSING = object()


class LibraryFile:
    """A library file path: its identity, a reader connection per thread, and values derived
    from the file, each computed once per file (`remember`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stat_path = os.fspath(self.path)  # stat on every read: skip the Path conversion
        self._good_key: FileKey | None = None  # the last whole library file seen
        self._bad_key: FileKey | None = None  # a damaged one, reported once
        self._local = threading.local()
        self._current: _FileValues | None = None
        self._swap = threading.Lock()

    def key(self) -> FileKey:
        """The identity of the library file in place; a damaged file in place keeps the last
        whole one's (integrity.py), so what was read from it is still served.
        LibraryUnavailable when there never was a whole one."""
        st = os.stat(self._stat_path)
        key = st.st_ino, st.st_mtime_ns
        if key != self._good_key:
            if key != self._bad_key and looks_complete(self.path, st.st_size):
                self._good_key = key
            else:
                if key != self._bad_key:
                    self._bad_key = key
                    report_damaged(self.path)
                if self._good_key is None:
                    raise LibraryUnavailable(damaged_message(self.path))
                return self._good_key
        return key

    @property
    def version(self) -> str:
        """Changes whenever a new library file is swapped in (for ETags and the health check)."""
        try:
            ino, mtime = self.key()
        except LibraryUnavailable:
            return "unavailable"
        return f"{ino:x}-{mtime:x}"

    def reader(self) -> sqlite3.Connection:
        """This thread's reader connection, reopened when a new file has been swapped in."""
        key = self.key()
        local = self._local
        if getattr(local, "key", None) != key:
            if getattr(local, "conn", None) is not None:
                local.conn.close()
            local.conn = open_reader(self.path)
            local.key = key
        return local.conn

    def remember(self, name: Hashable, build: Callable[[], T]) -> T:
        """`build()`'s value for the library file in place, computed once per file: concurrent
        callers wait for the one building it; a new file drops every remembered value. A builder
        may remember other names (never its own, directly or through another)."""
        key = self.key()
        values = self._current
        if values is None or values.key != key:
            values = self._values_for(key)
        value = values.values.get(name, _MISSING)
        if value is _MISSING:
            with values.lock_for(name):
                value = values.values.get(name, _MISSING)
                if value is _MISSING:
                    value = values.values[name] = build()
        return value  # type: ignore[return-value]

    def _values_for(self, key: FileKey) -> _FileValues:
        current = self._current
        if current is None or current.key != key:
            with self._swap:
                current = self._current
                if current is None or current.key != key:
                    current = self._current = _FileValues(key)  # the old file's values go with it
        return current
