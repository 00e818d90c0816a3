"""Every address of the site and its API, built in one place.

Readers of the library (search, pills, the interaction checker, the answerer) hand back links,
and the web pages and the API serve them; both sides take the address forms from here, so a
page that moves moves everywhere. Slugs come from `model.names.slugify`.
"""

from __future__ import annotations

from urllib.parse import quote

API = "/api/v1"


def guide_url(slug: str, anchor: str | None = None) -> str:
    """A guide page, or a section or FAQ entry on it ("#side-effects")."""
    return f"/drugs/{slug}" + (f"#{anchor}" if anchor else "")


def compare_url(a: str, b: str) -> str:
    return f"/compare/{a}-vs-{b}"


def class_url(slug: str) -> str:
    return f"/classes/{slug}"


def condition_url(slug: str) -> str:
    return f"/conditions/{slug}"


def search_url(query: str) -> str:
    return "/search?q=" + quote(query, safe="")


def api_guide_url(slug: str) -> str:
    return f"{API}/guides/{slug}"


def api_compare_url(a: str, b: str) -> str:
    return f"{API}/compare/{a}/{b}"


def api_class_url(slug: str) -> str:
    return f"{API}/classes/{slug}"


def api_condition_url(slug: str) -> str:
    return f"{API}/conditions/{slug}"
