"""The interaction checker on the web: `GET /api/v1/interactions?m=…&m=…` and the `/interactions` page.

The page works without JavaScript: the list of medicines lives in the address
(`/interactions?m=warfarin&m=ibuprofen`), a plain GET form adds one, and each "Remove" is a link.
With JavaScript (static/interactions.js) the add box suggests names and the person may keep
"my medicines" in their own browser (localStorage); the list is only ever sent to run a check.
Checks are private: never cached by shared caches, never indexed, and the query string is left
out of the access log unless the operator turned search logging on.

A module-level router: routes take the Site (library and templates) as a dependency (deps.py).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse

from healthlib.library.interactions import MAX_NAMES, MIN_NAMES, check_medicines
from healthlib.model.errors import HealthlibError
from healthlib.model.interaction import InteractionReport

from .deps import SiteDep
from .schemas import ErrorOut

MAX_NAME = 100  # characters in one name
NO_STORE = {"cache-control": "no-store", "x-robots-tag": "noindex"}
EXAMPLES = [["warfarin", "ibuprofen"], ["sertraline", "tramadol"], ["Tylenol", "Norco"],
            ["simvastatin", "amlodipine", "grapefruit"]]

router = APIRouter()


@router.get("/api/v1/interactions", response_model=InteractionReport, tags=["interactions"],
            operation_id="checkInteractions",
            responses={400: {"model": ErrorOut, "description": "Fewer than two medicines this library knows"}},
            summary="Check 2-20 medicines together",
            description="Each `m` is a medicine name: generic, brand or misspelled. Findings come only from the "
                        "guides' interaction facts (in both directions and through drug classes), serious "
                        "first, each with the guides' words and sources. Names the library does not hold are "
                        "listed as `not-in-library`. No finding never means safe: `pairs_without_findings` "
                        "lists the pairs the guides say nothing about. The list is neither stored nor logged.")
def interactions_api(
    site: SiteDep,
    m: Annotated[list[str], Query(min_length=MIN_NAMES, max_length=MAX_NAMES,
                                  description="a medicine name; give 2 to 20")],
) -> JSONResponse:
    names = [n[:MAX_NAME] for n in m]
    try:
        report = check_medicines(site.lib, names)
    except HealthlibError as exc:
        return JSONResponse(ErrorOut(detail=exc.message).model_dump(), status_code=400, headers=NO_STORE)
    return JSONResponse(report.model_dump(mode="json"), headers=NO_STORE)


def without(names: list[str], i: int) -> str:
    """The address of this list with its i-th name taken out."""
    rest = names[:i] + names[i + 1:]
    return "/interactions" + (f"?{urlencode([('m', n) for n in rest])}" if rest else "")


@router.get("/interactions", response_class=HTMLResponse, include_in_schema=False)
def interactions_page(site: SiteDep, m: Annotated[list[str] | None, Query()] = None) -> HTMLResponse:
    names = list(dict.fromkeys(" ".join(n.split())[:MAX_NAME] for n in (m or []) if n.strip()))
    error = None
    report: InteractionReport | None = None
    status = 200
    if len(names) > MAX_NAMES:
        error = f"Please check at most {MAX_NAMES} medicines at a time."
        names, status = names[:MAX_NAMES], 400
    elif len(names) >= MIN_NAMES:
        try:
            report = check_medicines(site.lib, names)
        except HealthlibError as exc:
            error = exc.message
    elif names:
        error = "Add at least one more medicine to check them together."
    entries = report.names if report else []
    html = site.render("interactions.html", canonical=None, header_search=False, robots="noindex",
                       names=names, remove=[without(names, i) for i in range(len(names))], report=report,
                       entries=entries, error=error, examples=EXAMPLES, max_names=MAX_NAMES,
                       example_url=lambda ex: "/interactions?" + urlencode([("m", n) for n in ex]))
    return HTMLResponse(html, status_code=status, headers=NO_STORE)
