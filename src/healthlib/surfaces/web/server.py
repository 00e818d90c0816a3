"""`healthlib serve`: uvicorn (uvloop + httptools) running the app, one or more worker processes.

Workers are started from an import-string factory (`app_from_env`), so each process opens its
own Library and response cache; the library path and options travel in the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn

from .app import ENV_DB, ENV_LOG_SEARCH

FACTORY = "healthlib.surfaces.web.app:app_from_env"


def uvicorn_options(host: str, port: int, workers: int) -> dict:
    return {
        "host": host,
        "port": port,
        "workers": max(1, workers),
        "factory": True,
        "loop": "uvloop",
        "http": "httptools",
        "server_header": False,  # no need to advertise the server software
        "timeout_keep_alive": 5,
        "timeout_graceful_shutdown": 10,
        "limit_concurrency": 2048,  # beyond this, 503 rather than unbounded memory
    }


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          log_search: bool = False) -> None:
    os.environ[ENV_DB] = str(Path(db).resolve())
    os.environ[ENV_LOG_SEARCH] = "1" if log_search else "0"
    uvicorn.run(FACTORY, **uvicorn_options(host, port, workers))
