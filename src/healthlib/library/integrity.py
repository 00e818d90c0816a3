"""Is a library file whole? A cheap check, made once each time a new file appears.

Rebuilds swap in complete files atomically, so a reader never sees half a library; but a file
truncated or overwritten by hand (or a disk error) would make every page fail. SQLite's header
says how many pages the database has and how large each is: a whole file is exactly that long.
When the file in place is not whole, `Library` keeps using the last whole one it had open (its
open connection still reads the old file if the damaged one was put in its place; guide names
and rendered pages stay in memory) and reports the rest as LibraryUnavailable (503 on the web).
"""

from __future__ import annotations

import logging
from pathlib import Path

from healthlib.model.errors import HealthlibError

HEADER = b"SQLite format 3\x00"
log = logging.getLogger("healthlib.library")


class LibraryUnavailable(HealthlibError):
    """The library file is damaged and there is no earlier whole one to read."""


def damaged_message(path: Path) -> str:
    return (f"the library file {path} is damaged (truncated or overwritten); "
            "rebuild it with `healthlib build` (imported labels must be imported again)")


def looks_complete(path: Path, size: int) -> bool:
    """True if `path` (of `size` bytes) is a whole SQLite database by its own header."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return False
    if len(head) < 100 or not head.startswith(HEADER):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    counter_matches = head[24:28] == head[92:96]  # the page count is valid only then
    if page_size < 512 or size % page_size:
        return False
    return not counter_matches or pages * page_size == size


def report_damaged(path: Path) -> None:
    log.error("%s; still serving the last whole library from memory", damaged_message(path))
