"""`healthlib export static DIR`: the whole site as plain HTML files any web server can host.

The same views render the same pages; what needs a server (search box, compare picker, the
letter filter's query string) is left out or replaced by links. Each page is written as
`path/index.html`, so /drugs/baclofen is served from drugs/baclofen/index.html.
"""

from __future__ import annotations

import os
from pathlib import Path

from healthlib.library.query import Library

from . import views
from .cache import Page
from .site import Site


def export_static(lib: Library, directory: Path, *, base_url: str | None = None) -> int:
    """Write every page into `directory`; returns the number of HTML pages written."""
    out = Path(directory)
    site = Site(lib, base_url=base_url or os.environ.get("HEALTHLIB_BASE_URL"), static_export=True)
    pages: dict[str, Page] = {
        "/": views.home(site),
        "/drugs": views.drugs(site),
        "/classes": views.classes(site),
        "/conditions": views.conditions(site),
    }
    for g in lib.guides():
        pages[views.drug_url(g.slug)] = views.guide(site, g.slug)
    for slug, _, _ in lib.classes():
        pages[f"/classes/{slug}"] = views.drug_class(site, slug)
    for slug, _, _ in lib.conditions():
        pages[f"/conditions/{slug}"] = views.condition(site, slug)
    for a, b in views.unique_pairs(lib.comparison_pairs()):
        pages[views.compare_url(a, b)] = views.compare(site, a + "-vs-" + b)
        pages[views.compare_url(b, a)] = views.compare(site, b + "-vs-" + a)

    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path, page in pages.items():
        if page.status != 200:
            continue
        target = out / path.strip("/") / "index.html" if path != "/" else out / "index.html"
        _write(target, page.body)
        count += 1
    _write(out / "404.html", views.not_found(site, "/").body)
    static = out / "static"
    static.mkdir(exist_ok=True)
    for asset in site.assets.values():
        (static / asset.name).write_bytes(asset.body)
    if site.base_url:
        _write(out / "sitemap.xml", views.sitemap(site, site.base_url).body)
    _write(out / "robots.txt", views.robots_txt(site, site.base_url).body)
    return count


def _write(path: Path, body: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = body.encode() if isinstance(body, str) else body
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a server reading the export never sees half a file

