"""`healthlib export static DIR`: the whole site as plain HTML files any web server can host.

The same views render the same pages; what needs a server (search box, compare picker, the
letter filter's query string) is left out or replaced by links. Each page is written as
`path/index.html`, so /drugs/baclofen is served from drugs/baclofen/index.html.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from healthlib.library.query import Library
from healthlib.model.urls import compare_url, group_url, guide_url

from . import resources, views
from .cache import Page
from .resources import CLASSES, CONDITIONS
from .site import Site


def export_static(lib: Library, directory: Path, *, base_url: str | None = None,
                  site: Site | None = None) -> int:
    """Write every page into `directory`; returns the number of HTML pages written.

    Pages are rendered and written one at a time, so exporting a library of tens of thousands
    of guides holds one page in memory, not the site."""
    out = Path(directory)
    site = site or Site(lib, base_url=base_url or os.environ.get("HEALTHLIB_BASE_URL"), static_export=True)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path, render in _pages(site):
        page = render()
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
        parts = views.sitemap_parts(site)
        for n in range(1, parts + 1) if parts > 1 else ():
            _write(out / f"sitemap-{n}.xml", views.sitemap_part(site, site.base_url, n).body)
    _write(out / "robots.txt", views.robots_txt(site, site.base_url).body)
    return count


def _pages(site: Site) -> Iterator[tuple[str, Callable[[], Page]]]:
    """(address, how to render it) for every page of the export, lazily."""
    lib = site.lib
    yield "/", lambda: views.home(site)
    for kind in (CLASSES, CONDITIONS):
        for n in range(1, views.group_pages(site, kind) + 1):
            yield views.group_list_url(site, kind, n), partial(views.groups, site, kind, n)
    for letter in [None, *lib.letters()]:
        for n in range(1, views.az_pages(site, letter) + 1):
            yield views.az_url(site, letter, n), partial(views.drugs, site, letter, n)
    for g in lib.guides():
        yield guide_url(g.slug), partial(views.guide, site, g.slug)
    for kind in (CLASSES, CONDITIONS):
        for slug, _, _ in kind.listing(lib):
            yield group_url(kind.path, slug), partial(views.group, site, kind, slug)
    for c in resources.comparisons(lib).comparisons:
        yield c.url, partial(views.compare, site, c.a + "-vs-" + c.b)
        yield compare_url(c.b, c.a), partial(views.compare, site, c.b + "-vs-" + c.a)


def _write(path: Path, body: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = body.encode() if isinstance(body, str) else body
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a server reading the export never sees half a file

