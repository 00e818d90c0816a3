"""The FastAPI application: pages, JSON API, health check and security headers, over one Library.

`create_app(db_path)` builds it; `app_from_env()` is the import-string factory uvicorn uses to
start one copy per worker process.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from healthlib import __version__
from healthlib.library.integrity import LibraryUnavailable
from healthlib.library.query import Library

from . import api, ask_routes, health, interactions_routes, labs_routes, pages, pills_routes, views
from .cache import ResponseCache, ServeCached
from .guards import LIMIT_RESPONSES, RequestGuards, library_unavailable
from .logs import configure_access_log
from .schemas import ErrorOut
from .security import SecurityHeaders
from .site import Site

ENV_LOG_SEARCH = "HEALTHLIB_WEB_LOG_SEARCH"
ENV_BASE_URL = "HEALTHLIB_BASE_URL"

DESCRIPTION = """Plain-language medicine guides, every fact with its sources.

Read-only and public: no keys, no cookies. Every page of the site has its data here."""


class WebApp(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        # security outermost, so even error responses carry its headers; then the guards (body
        # size, requests in flight, trailing slash); then pages already rendered for this exact
        # address, straight from memory
        return SecurityHeaders(RequestGuards(ServeCached(super().build_middleware_stack(), self.state.cache)))


def create_app(db_path: Path, *, log_search: bool = False, base_url: str | None = None) -> FastAPI:
    lib = Library(Path(db_path))
    site = Site(lib, base_url=base_url or os.environ.get(ENV_BASE_URL))
    cache = ResponseCache(lib)
    configure_access_log(log_search)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        ask_routes.warm_up_served(lib)  # the served library's models, before the first question
        yield

    app = WebApp(lifespan=lifespan, title="healthlib", version=__version__, description=DESCRIPTION,
                 docs_url=None, redoc_url=None,  # their pages need a CDN and inline script
                 openapi_url="/openapi.json", responses=LIMIT_RESPONSES)
    # what the routes' dependencies hand them (deps.py): every router is module-level
    app.state.site = site
    app.state.cache = cache
    for module in (health, api, pages, ask_routes, interactions_routes, pills_routes, labs_routes):
        app.include_router(module.router)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            path = request.url.path[:200]
            if is_api(request):
                return JSONResponse(ErrorOut(detail="no such API address").model_dump(), status_code=404)
            return cache.respond(request, ("404", path), lambda: views.not_found(site, path))
        if is_api(request):
            return JSONResponse({"detail": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)
        return Response(f"{exc.status_code} {exc.detail}\n", status_code=exc.status_code,
                        media_type="text/plain", headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request):
            # the documented 422 shape, without echoing the input back
            errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
            return JSONResponse({"detail": errors}, status_code=422)
        return cache.respond(request, ("404", "invalid"), lambda: views.not_found(site, "/"))

    @app.exception_handler(LibraryUnavailable)
    @app.exception_handler(sqlite3.DatabaseError)
    async def damaged_library(request: Request, exc: Exception) -> Response:
        return library_unavailable(is_api(request))  # 503 until the file is whole again

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # no traceback or input echoed to the client; uvicorn logs the error
        if is_api(request):
            return JSONResponse({"detail": "internal error"}, status_code=500)
        return Response("Something went wrong on our side. Please try again.\n", status_code=500,
                        media_type="text/plain; charset=utf-8")

    return app


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: the library path and options come from the environment."""
    from healthlib.library.build import DB_ENV, default_db_path, ensure_library

    # `serve` has built the library and named it in $HEALTHLIB_DB; without it, the default file
    path = default_db_path() if os.environ.get(DB_ENV) else ensure_library(default_db_path())
    return create_app(path, log_search=os.environ.get(ENV_LOG_SEARCH) == "1",
                      base_url=os.environ.get(ENV_BASE_URL))
