"""Lab reports on the web: `POST /api/v1/labs` (a file upload or JSON text) and the `/labs` page.

A report is read in memory and never stored: the body is read into memory with a hard 10 MB cap
(a bigger Content-Length is refused with 413 before any of it is read, and the bytes are counted
while they arrive), uploads are kept in memory (never spooled to a temporary file), nothing of it
is logged, and answers carry `Cache-Control: no-store`. The page is a plain multipart form that
works without JavaScript.

A module-level router: routes take the Site (library and templates) as a dependency (deps.py).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from healthlib.library.lab_reports import (
    MAX_BYTES,
    MAX_TEXT,
    explain_report_bytes,
    explain_report_text,
)
from healthlib.library.query import Library
from healthlib.model.errors import HealthlibError
from healthlib.model.lab_report import LabExplanation
from healthlib.model.urls import labs_url

from .deps import SiteDep
from .guards import LAB_REPORT_BODY
from .site import Site

MAX_BODY = LAB_REPORT_BODY  # the file plus the multipart framing around it (guards.py)
NO_STORE = {"cache-control": "no-store", "x-robots-tag": "noindex"}
PRIVACY = "Your report is read in memory and never stored. It is not logged or kept after you leave this page."

router = APIRouter()


class TooLarge(Exception):
    pass


class LabsText(BaseModel):
    text: str = Field(max_length=MAX_TEXT, description="the report's text, as copied from a portal or a PDF",
                      examples=["Potassium 5.4 mmol/L 3.5-5.1 H\nSodium 140 mmol/L 136-145"])


class LabsOut(LabExplanation):
    """The explained report: critical results first; `urgent` when any result is critical."""

    source_kind: str = Field(description="what was read: text, pdf or image")
    pages: int


class LabsError(BaseModel):
    detail: str


class _InMemoryMultiPart(MultiPartParser):
    spool_max_size = MAX_BODY + 1  # keep an uploaded report in memory; never a temporary file


async def _body(request: Request) -> bytes:
    """The request body, refused (TooLarge) past MAX_BODY: by its Content-Length, and as it streams."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _form(headers: Headers, body: bytes) -> tuple[bytes | None, str | None, str]:
    """(file bytes, pasted text, file name) from a multipart body."""

    async def stream():
        yield body

    form = await _InMemoryMultiPart(headers, stream(), max_files=1, max_fields=5,
                                    max_part_size=MAX_TEXT * 4).parse()
    upload = form.get("file")
    data, name = None, "uploaded file"
    if isinstance(upload, UploadFile):
        data = await upload.read()
        name = "uploaded file"  # the person's own file name may carry their name: never echoed
        await upload.close()
    text = form.get("text")
    return (data or None), (text if isinstance(text, str) and text.strip() else None), name


def _explain(library: Library, data: bytes | None, text: str | None, name: str) -> LabsOut:
    if data is not None:
        read, explained = explain_report_bytes(data, library, name=name)
    elif text is not None:
        read, explained = explain_report_text(text, library)
    else:
        raise HealthlibError("send a report: a PDF or photo as `file`, or its text as `text`")
    return LabsOut(**explained.model_dump(), source_kind=read.source_kind, pages=read.pages)


_EXAMPLE_MULTIPART = {"type": "object", "properties": {
    "file": {"type": "string", "format": "binary", "description": "a report PDF, photo or scan (≤ 10 MB)"},
    "text": {"type": "string", "description": "or the report's text"}}}


@router.post(labs_url(api=True), response_model=LabsOut, tags=["labs"],
             summary="Explain a lab report: a PDF, a photo or scan, or pasted text",
             description="Send the report as a multipart upload (`file`, or `text`), or as JSON "
                         "`{\"text\": ...}`. Each result comes back with its status against the report's "
                         "own range (`normal`, `high`, `low`, `critical-high`, `critical-low`, `unknown`), "
                         "a plain explanation, sources and related guides; critical results first and "
                         "`urgent` set. Lines that could not be read reliably are listed in `not_read`, "
                         "never guessed. Names, dates of birth and record numbers are ignored. The "
                         "report is read in memory, never stored or logged. Limit: 10 MB, 20 pages.",
             responses={413: {"model": LabsError, "description": "the body is over 10 MB"},
                        422: {"model": LabsError, "description": "the report could not be read (one line why)"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "multipart/form-data": {"schema": _EXAMPLE_MULTIPART},
                 "application/json": {"schema": LabsText.model_json_schema()}}}})
async def labs_api(request: Request, site: SiteDep) -> JSONResponse:
    try:
        body = await _body(request)
    except TooLarge:
        return JSONResponse({"detail": f"the report is over {MAX_BYTES // 2**20} MB"}, status_code=413,
                            headers=NO_STORE)
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            data, text, name = await _form(request.headers, body)
        elif content_type.startswith("application/json"):
            try:
                text = LabsText.model_validate(json.loads(body)).text
            except ValueError:
                raise HealthlibError("send JSON as {\"text\": \"...\"} (at most "
                                     f"{MAX_TEXT:,} characters)") from None
            data, name = None, "text"
        else:
            raise HealthlibError("send multipart/form-data (a `file`) or application/json ({\"text\": ...})")
        out = await run_in_threadpool(_explain, site.lib, data, text, name)
    except MultiPartException:
        return JSONResponse({"detail": "the upload could not be read as a form"}, status_code=422, headers=NO_STORE)
    except HealthlibError as exc:
        return JSONResponse({"detail": str(exc)}, status_code=422, headers=NO_STORE)
    return JSONResponse(out.model_dump(mode="json"), headers=NO_STORE)


STATUS_WORDS = {"normal": "Normal", "high": "High", "low": "Low", "critical-high": "Critical: very high",
                "critical-low": "Critical: very low", "unknown": "Not checked"}


def _page(site: Site, *, explained: LabsOut | None = None, error: str | None = None,
          status: int = 200, text: str = "") -> HTMLResponse:
    html = site.render("labs.html", canonical=None, header_search=True, robots="noindex",
                       explained=explained, error=error, privacy=PRIVACY, status_words=STATUS_WORDS,
                       sources={s.id: s for s in explained.sources} if explained else {},
                       source_numbers={s.id: n for n, s in enumerate(explained.sources, 1)} if explained else {},
                       max_mb=MAX_BYTES // 2**20, text=text)
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


@router.get(labs_url(), response_class=HTMLResponse, include_in_schema=False)
def labs_page(site: SiteDep) -> HTMLResponse:
    return _page(site)


@router.post(labs_url(), response_class=HTMLResponse, include_in_schema=False)
async def labs_form(request: Request, site: SiteDep) -> HTMLResponse:
    try:
        body = await _body(request)
    except TooLarge:
        return _page(site, error=f"That file is over {MAX_BYTES // 2**20} MB. Please send a smaller one, "
                                    "or paste the report's text.", status=413)
    try:
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise HealthlibError("Please use the form on this page.")
        data, text, name = await _form(request.headers, body)
        if data is None and text is None:
            return _page(site, error="Please choose a file, or paste your report's text.", status=400)
        explained = await run_in_threadpool(_explain, site.lib, data, text if data is None else None, name)
    except MultiPartException:
        return _page(site, error="The upload could not be read. Please try again.", status=400)
    except HealthlibError as exc:
        return _page(site, error=f"We could not read that report: {exc}", status=422)
    return _page(site, explained=explained)
