"""Every address of the site and its API, built in one place.

Readers of the library (search, pills, the interaction checker, the answerer) hand back links,
and the web pages and the API serve them; both sides take the address forms from here, so a
page that moves moves everywhere. Each builder gives the page's address, or with `api=True` the
address of the same thing as JSON under /api/v1. Slugs come from `model.names.slugify`.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

API = "/api/v1"


def guide_url(slug: str, anchor: str | None = None, *, api: bool = False) -> str:
    """A guide page, or a section or FAQ entry on it ("#side-effects")."""
    if api:
        return f"{API}/guides/{slug}"
    return f"/drugs/{slug}" + (f"#{anchor}" if anchor else "")


def compare_url(a: str, b: str, *, api: bool = False) -> str:
    return f"{API}/compare/{a}/{b}" if api else f"/compare/{a}-vs-{b}"


def group_url(kind: Literal["classes", "conditions"], slug: str, *, api: bool = False) -> str:
    """A drug class's or a condition's list of guides."""
    return f"{API if api else ''}/{kind}/{slug}"


def class_url(slug: str, *, api: bool = False) -> str:
    return group_url("classes", slug, api=api)


def condition_url(slug: str, *, api: bool = False) -> str:
    return group_url("conditions", slug, api=api)


def search_url(query: str) -> str:
    return "/search?q=" + quote(query, safe="")


def pills_url(*, api: bool = False) -> str:
    """The pill finder: the page with its imprint, colour and shape form, or its JSON endpoint."""
    return f"{API}/pills" if api else "/pills"


def labs_url(*, api: bool = False) -> str:
    """The lab report explainer: the page with its upload and paste box, or its JSON endpoint."""
    return f"{API}/labs" if api else "/labs"
