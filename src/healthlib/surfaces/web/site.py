"""What every page shares: the library, the Jinja2 templates (autoescaped) and the static files."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from healthlib.library.query import Library
from healthlib.model.urls import class_url, condition_url, guide_url

SITE_NAME = "Health Library"
HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8"}
AZ_PAGE_SIZE = 500  # guides on one page of the A-Z list
SITEMAP_SIZE = 50_000  # addresses in one sitemap file (the sitemaps.org limit)
_BASE_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?(/[A-Za-z0-9._~\-/]*)?$")


@dataclass(frozen=True)
class Asset:
    name: str
    body: bytes
    media_type: str
    digest: str


def load_assets() -> dict[str, Asset]:
    assets = {}
    for path in sorted(STATIC.iterdir()):
        if path.suffix in STATIC_TYPES:
            body = path.read_bytes()
            assets[path.name] = Asset(path.name, body, STATIC_TYPES[path.suffix],
                                      hashlib.blake2b(body, digest_size=6).hexdigest())
    return assets


def clean_base_url(url: str | None) -> str | None:
    """A site address for absolute links (sitemap, JSON-LD), or None if it is not a plain URL."""
    if not url:
        return None
    url = url.strip().rstrip("/")
    return url if _BASE_URL.match(url) else None


def human_date(iso: str) -> str:
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d:%B %Y}"


class Site:
    """Renders pages. `static_export` drops what needs a server (search box, compare picker)."""

    def __init__(self, lib: Library, *, base_url: str | None = None, static_export: bool = False,
                 az_page_size: int = AZ_PAGE_SIZE, sitemap_size: int = SITEMAP_SIZE) -> None:
        self.lib = lib
        self.base_url = clean_base_url(base_url)
        self.static_export = static_export
        self.az_page_size = az_page_size
        self.sitemap_size = sitemap_size
        self.assets = load_assets()
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, auto_reload=False)
        self.env.globals.update(site_name=SITE_NAME, static=self.static_url, static_export=static_export,
                                human_date=human_date, guide_url=guide_url, class_url=class_url,
                                condition_url=condition_url)

    def static_url(self, name: str) -> str:
        # the content hash in the address lets browsers cache the file for a year
        return f"/static/{name}?v={self.assets[name].digest}"

    def absolute(self, path: str) -> str:
        return f"{self.base_url}{path}" if self.base_url else path

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)
