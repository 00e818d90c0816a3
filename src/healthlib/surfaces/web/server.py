"""`healthlib serve`: uvicorn (uvloop + httptools) running the app, one or more worker processes.

Workers are started from an import-string factory (`app_from_env`), so each process opens its
own Library and response cache; the library path and options travel in the environment.
"""

from __future__ import annotations

import contextlib
import os
import resource
from pathlib import Path

import uvicorn

from healthlib.library.build import DB_ENV

from .app import ENV_LOG_SEARCH
from .protocol import IMPORT_STRING as PROTOCOL

FACTORY = "healthlib.surfaces.web.app:app_from_env"


def uvicorn_options(host: str, port: int, workers: int) -> dict:
    return {
        "host": host,
        "port": port,
        "workers": max(1, workers),
        "factory": True,
        "loop": "uvloop",
        # httptools with request timeouts, a connection cap and head-size caps (protocol.py)
        "http": PROTOCOL,
        "server_header": False,  # no need to advertise the server software
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 10,
        # uvicorn's own limit counts idle connections too, so a crowd of idle sockets would turn
        # every real request away: protocol.py caps connections and guards.py requests in flight
        "limit_concurrency": None,
        "backlog": 2048,
    }


def raise_open_files_limit() -> None:
    """Let each worker hold its connection cap in sockets (many systems start at 1,024 files)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, 65536), hard))


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          log_search: bool = False) -> None:
    os.environ[DB_ENV] = str(Path(db).resolve())  # read back by each worker's app_from_env
    os.environ[ENV_LOG_SEARCH] = "1" if log_search else "0"
    raise_open_files_limit()
    uvicorn.run(FACTORY, **uvicorn_options(host, port, workers))
