"""What an import may open: regular files only, of a size a label file can have.

A device (`/dev/zero`), a FIFO or a socket would be read without end or block the import for
ever; they are refused by name before anything is opened.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path
from typing import IO

from healthlib.model.errors import HealthlibError


def unreadable_input(path: Path, max_bytes: int | None = None) -> HealthlibError | None:
    """Why `path` cannot be imported (missing, not a regular file, too large), or None."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return HealthlibError("no such file or folder", file=str(path))
    except OSError as exc:
        return HealthlibError(f"cannot read file ({exc.strerror or exc})", file=str(path))
    if not stat.S_ISREG(info.st_mode):
        return HealthlibError("not a regular file (a device, FIFO or socket cannot be imported)",
                              file=str(path))
    if max_bytes is not None and info.st_size > max_bytes:
        return HealthlibError(f"the file is {info.st_size / (1 << 20):,.0f} MB, larger than any label "
                              f"file (limit {max_bytes >> 20} MB)", file=str(path))
    return None


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def open_zip(source: Path | str | IO[bytes], where: str) -> zipfile.ZipFile | HealthlibError:
    """A zip archive (a file, or a zip's bytes), or the one-line error naming `where` when it is
    not a readable one."""
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        return HealthlibError(f"not a readable zip archive ({error_words(exc)})", file=where)


def error_words(exc: BaseException) -> str:
    """An exception's message on one line (its class name when it has none)."""
    return " ".join(str(exc).split()) or exc.__class__.__name__
