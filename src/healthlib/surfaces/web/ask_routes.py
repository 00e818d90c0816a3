"""The question answerer on the web: `POST /api/v1/ask` (JSON) and the `/ask` page.

The page is a plain form (GET or POST) that works without JavaScript: the answer, its sources,
emergency guidance first, and follow-up questions as links. Questions are private: never
stored, never cached by shared caches (`Cache-Control: no-store`), and left out of the access
log (the query string is cut off unless the operator turned search logging on; POST bodies are
never logged).

A module-level router: routes take the Site (library and templates) as a dependency (deps.py).
"""

from __future__ import annotations

import sqlite3
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from healthlib.ask.answer import Answer, answer_question
from healthlib.ask.understand import MAX_QUESTION, warm_up
from healthlib.library.integrity import LibraryUnavailable
from healthlib.library.query import Library

from .deps import SiteDep
from .site import Site

MAX_BODY = 20_000  # characters accepted in a request; only the first MAX_QUESTION are read
NO_STORE = {"cache-control": "no-store", "x-robots-tag": "noindex"}
EXAMPLES = ["Can I drink alcohol on baclofen?", "What are the side effects of sertraline?",
            "Baclofen or tizanidine: which is better?", "What if I miss a dose of metformin?"]

router = APIRouter()


def warm_up_served(lib: Library) -> None:
    """The drug-name dictionary, the question models and the served library's subject model load at
    start-up (see README: Ask, speed), before the server answers, so no request waits for them and
    none stalls behind the loading. A damaged library file still starts (its pages answer 503)."""
    try:
        warm_up(lib)
    except (LibraryUnavailable, sqlite3.DatabaseError):
        warm_up()


class AskRequest(BaseModel):
    question: str = Field(max_length=MAX_BODY, description=f"the question; only the first {MAX_QUESTION} "
                                                            "characters are read",
                          examples=["can i drink beer on baclofen"])


@router.post("/api/v1/ask", response_model=Answer, tags=["ask"],
             summary="Answer a medicine question from the library's guides, with citations",
             description="Red-flag questions (an overdose taken, trouble breathing, chest pain, a seizure, "
                         "swelling of the face or throat, fainting, thoughts of self-harm) get emergency "
                         "guidance first (`urgent`, `emergency`). A medicine with no guide here gets an "
                         "honest `in_library: false`. The question is neither stored nor logged.")
def ask_api(body: Annotated[AskRequest, Body()], site: SiteDep) -> JSONResponse:
    answer = answer_question(site.lib, body.question)
    return JSONResponse(answer.model_dump(mode="json"), headers=NO_STORE)


def _page(site: Site, question: str | None, status: int = 200) -> HTMLResponse:
    answer: Answer | None = None
    error = None
    if question is not None:
        if len(question) > MAX_BODY:
            error = "That question is too long. Please ask it in a few words."
            status = 400
        elif not question.strip():
            error = "Please type a question about a medicine."
        else:
            answer = answer_question(site.lib, question)
    html = site.render("ask.html", canonical=None, header_search=True, robots="noindex",
                       answer=answer, error=error, chunks=_chunks(answer) if answer else [], examples=EXAMPLES, max_question=MAX_QUESTION,
                       value=answer.question if answer else "")
    return HTMLResponse(html, status_code=status, headers=NO_STORE)


def _chunks(answer: Answer) -> list[tuple[list[str], list[str]]]:
    """The answer text as (paragraphs, list items) groups, emergency guidance left out (shown first)."""
    parts = answer.answer.split("\n\n")
    if answer.emergency and parts and parts[0] == answer.emergency:
        parts = parts[1:]
    out = []
    for part in parts:
        lines = part.split("\n")
        out.append(([x for x in lines if not x.startswith("- ")], [x[2:] for x in lines if x.startswith("- ")]))
    return out


@router.get("/ask", response_class=HTMLResponse, include_in_schema=False)
def ask_page(site: SiteDep, q: Annotated[str | None, Query(max_length=MAX_BODY)] = None) -> HTMLResponse:
    return _page(site, q)


@router.post("/ask", response_class=HTMLResponse, include_in_schema=False)
async def ask_form(request: Request, site: SiteDep) -> HTMLResponse:
    raw = await request.body()
    if len(raw) > MAX_BODY * 4:
        return _page(site, "x" * (MAX_BODY + 1))
    fields = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10)
    return _page(site, (fields.get("q") or [""])[0])
