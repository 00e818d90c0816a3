"""The pill finder on the web: the `/pills` page (a plain GET form that works without JavaScript)
and `GET /api/v1/pills` (JSON). Both always carry the warning not to take a pill nobody can
identify for sure.

Searches are private like questions: never cached by shared caches (`Cache-Control: no-store`),
not indexed, and the query string is left out of the access log unless the operator turned
search logging on.

A module-level router: routes take the Site (library and templates) as a dependency (deps.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse

from healthlib.library.pills import COLORS, MAX_INPUT, MAX_LIMIT, SHAPES, PillSearch, find_pills
from healthlib.model.urls import pills_url

from .deps import SiteDep

NO_STORE = {"cache-control": "no-store", "x-robots-tag": "noindex"}
# Longer input is cut to MAX_INPUT characters by find_pills, never rejected; this is a hard cap.
MAX_FIELD = 500

router = APIRouter()
TextParam = Annotated[str | None, Query(max_length=MAX_FIELD)]


@router.get(pills_url(api=True), response_model=PillSearch, tags=["pills"],
            summary="Find pills by imprint, colour and shape",
            description="Imprints forgive case, spacing, punctuation and the order of their parts "
                        "(`VGR 50`, `vgr50`, `50 VGR`, `VGR;50`); a partial imprint matches its start or "
                        f"its parts. Colours and shapes take FDA's names ({', '.join(COLORS)}; "
                        f"{', '.join(SHAPES)}) and everyday words such as `grey` or `circle`. Results come "
                        "best match first, each with its guide and label. `warning` is always present: "
                        "show it with the results.")
def pills_api(site: SiteDep,
              imprint: Annotated[str | None, Query(max_length=MAX_FIELD, description="What is printed on the pill",
                                                   examples=["PD 155"])] = None,
              color: TextParam = None, shape: TextParam = None,
              limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50) -> JSONResponse:
    found = find_pills(site.lib, imprint=imprint, color=color, shape=shape, limit=limit)
    return JSONResponse(found.model_dump(mode="json"), headers=NO_STORE)


@router.get(pills_url(), response_class=HTMLResponse, include_in_schema=False)
def pills_page(site: SiteDep, imprint: TextParam = None, color: TextParam = None, shape: TextParam = None) -> HTMLResponse:
    asked = any((v or "").strip() for v in (imprint, color, shape))
    found = find_pills(site.lib, imprint=imprint, color=color, shape=shape)
    html = site.render(
        "pills.html", canonical=None, header_search=True, robots="noindex", found=found, asked=asked,
        colors=COLORS, shapes=SHAPES, max_input=MAX_INPUT,
        value={"imprint": (imprint or "")[:MAX_INPUT], "color": (color or "").strip().lower(),
               "shape": (shape or "").strip().lower()})
    return HTMLResponse(html, headers=NO_STORE)
