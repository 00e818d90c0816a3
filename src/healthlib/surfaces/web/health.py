"""`GET /healthz`: the service is up and its library readable."""

from __future__ import annotations

from fastapi import APIRouter

from .deps import SiteDep
from .schemas import Health

router = APIRouter(tags=["service"])


@router.get("/healthz", response_model=Health, operation_id="health", summary="Liveness: the library is readable")
async def healthz(site: SiteDep) -> Health:
    return Health(status="ok", guides=len(site.lib.titles()), version=site.lib.version)
