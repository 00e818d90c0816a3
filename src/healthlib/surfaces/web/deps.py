"""What a route needs from the running app, as FastAPI dependencies.

Every router in this package is a module-level `APIRouter` whose routes ask for these by type:

    @router.get("/pills")
    def pills_page(site: SiteDep, ...): ...

`create_app` puts the one Site (library, templates) and the one ResponseCache in `app.state`.
The dependencies are `async` so FastAPI calls them inline, not on a worker thread.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .cache import ResponseCache
from .site import Site


async def current_site(request: Request) -> Site:
    return request.app.state.site


async def current_cache(request: Request) -> ResponseCache:
    return request.app.state.cache


SiteDep = Annotated[Site, Depends(current_site)]
CacheDep = Annotated[ResponseCache, Depends(current_cache)]
