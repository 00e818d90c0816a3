"""One writer at a time: an exclusive lock on a library, and clean-up after writers that died.

    with library_write_lock(db_path):
        existing = stored_monographs(db_path)   # read the library as it is now...
        build_library(db_path, merged)          # ...and swap in the new one, nobody in between

Every writer (`build`, `import`, the first-run build in `serve`) holds the lock from reading the
current library to swapping in the new file, so a swap never drops guides another writer
committed a moment earlier. The lock is `fcntl.flock` on `<library>.lock` beside the library:
the kernel releases it when the holder exits, even on kill -9, so a dead writer never blocks
the next one. A second writer waits, saying so on stderr, for up to
`$HEALTHLIB_LOCK_TIMEOUT` seconds (default 600), then stops with a one-line error (exit 2).
Readers take no lock: they read whichever complete file is in place.

The lock is re-entrant within one process (an import that builds the library on first use).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import inspect
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import TypeVar

from healthlib.model.errors import HealthlibError

ENV_TIMEOUT = "HEALTHLIB_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
POLL = 0.1

_held: dict[Path, int] = {}  # lock path -> depth, for re-entry in this process
_guard = threading.RLock()

F = TypeVar("F", bound=Callable)


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _timeout() -> float:
    try:
        return float(os.environ.get(ENV_TIMEOUT, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


def storage_error(exc: OSError | sqlite3.Error, path: Path | str, doing: str) -> HealthlibError:
    """An error from writing the library as the one line a user sees (read-only folder, full
    disk, missing permission)."""
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        if "full" in text:
            reason = "the disk is full"
        elif "readonly" in text or "unable to open" in text:
            reason = "the folder cannot be written"
        else:
            reason = text
    else:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return HealthlibError(f"cannot {doing} ({reason}); the library is unchanged", file=str(path))


_REASONS = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up",
            errno.EROFS: "the file system is read-only", errno.EACCES: "permission denied",
            errno.EPERM: "permission denied", errno.ENOTDIR: "a part of the path is not a folder"}


@contextlib.contextmanager
def library_write_lock(db_path: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the library's writer lock for the block (waiting for another writer if needed)."""
    path = lock_path(db_path).absolute()
    with _guard:
        if _held.get(path):
            _held[path] += 1
            try:
                yield
            finally:
                _held[path] -= 1
            return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise storage_error(exc, path.parent, "write the library") from None
    try:
        _acquire(fd, path, _timeout() if timeout is None else timeout)
        with _guard:
            _held[path] = 1
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is only a hint for people; the flock is what counts
        try:
            yield
        finally:
            with _guard:
                _held.pop(path, None)
    finally:
        os.close(fd)  # releases the flock


def _acquire(fd: int, path: Path, timeout: float) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    holder = _holder(path)
    print(f"healthlib: waiting for another import/build to finish{holder} (lock {path}) ...",
          file=sys.stderr, flush=True)
    deadline = time.monotonic() + timeout
    while True:
        time.sleep(POLL)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise HealthlibError(
                    f"another import or build is still writing this library after {timeout:g} s"
                    f"{holder}; try again when it has finished (or raise ${ENV_TIMEOUT})",
                    file=str(path)) from None


def _holder(path: Path) -> str:
    try:
        pid = int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return ""
    return f" (process {pid})" if pid else ""


def holding_write_lock(func: F) -> F:
    """Decorator: run `func` holding the writer lock of its `db_path` argument."""
    signature = inspect.signature(func)

    @wraps(func)
    def locked(*args, **kwargs):
        db_path = signature.bind(*args, **kwargs).arguments["db_path"]
        with library_write_lock(Path(db_path)):
            return func(*args, **kwargs)

    return locked  # type: ignore[return-value]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_files(db_path: Path) -> list[Path]:
    """Remove temporary library files (`.<name>.building-PID` and their SQLite journals) left
    by writers that were killed: only those whose process is gone. Call it holding the lock."""
    db_path = Path(db_path)
    prefix = f".{db_path.name}.building-"
    removed: list[Path] = []
    try:
        candidates = list(db_path.parent.glob(prefix + "*"))
    except OSError:
        return removed
    for path in candidates:
        pid_text = path.name[len(prefix):].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def remove_build_files(tmp: Path) -> None:
    """A failed build's temporary file and its SQLite journal."""
    for path in (tmp, tmp.with_name(tmp.name + "-journal")):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
