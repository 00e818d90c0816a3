"""Each page of the site as a function: library in, `Page` out. Used by the server and the export.

Views take each resource's data from resources.py (the same models the JSON API sends) and
render it with its template; the medical text itself is the composer's, stored pre-rendered in
the library with its links in.
"""

from __future__ import annotations

import math
import string
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from markupsafe import Markup

from healthlib.ask.answer import emergency_in
from healthlib.library.search import MAX_QUERY, clean_query, search
from healthlib.model.article import SECTION_LABELS
from healthlib.model.errors import UnknownMedicine
from healthlib.model.names import normalize, slugify
from healthlib.model.urls import compare_url, condition_url, group_url, guide_url, search_url

from . import resources
from .cache import XML, Page
from .resources import CLASSES, CONDITIONS, GroupKind
from .schemas import GroupOut, GuideSummaryOut
from .site import Site
from .structured import guide_jsonld, script_json

LETTERS = string.ascii_uppercase
SEARCH_CACHE = "private, max-age=60"  # search text is personal: never in shared caches
RX_LABEL = {"prescription": "Prescription only", "otc": "Over the counter",
            "both": "Prescription and over the counter"}
MATCH_LABEL = {"generic": "Medicine name", "brand": "Brand name", "misspelling": "Close to",
               "ingredient": "Contains", "condition": "Used for", "text": "Mentions"}
HOME_ITEMS = 14  # classes and conditions listed on the home page
SHORT_CONDITION = 40  # longer condition names are label wording, too long for a link list
NO_GROUP = {"classes": "There is no group of medicines with that name.",
            "conditions": "There is no condition with that name in this library."}


# -- helpers -------------------------------------------------------------------------------------
def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def suggestions_for(site: Site, text: str, limit: int = 3) -> list[tuple[str, str]]:
    """(title, url) of the guides whose names are closest to `text`, for "did you mean"."""
    return [(link.title, link.url) for link in resources.closest_guides(site.lib, text, limit)]


def _page(site: Site, template: str, status: int = 200, cache_control: str | None = None,
          **context: object) -> Page:
    context.setdefault("canonical", None)
    context.setdefault("header_search", template not in ("search.html", "404.html"))
    context.setdefault("robots", None)
    html = site.render(template, **context)
    return Page(html, status=status, **({"cache_control": cache_control} if cache_control else {}))


def redirect(location: str, status: int = 301, cache_control: str = "public, max-age=300") -> Page:
    return Page(b"", status=status, location=location, cache_control=cache_control)


# -- pages ---------------------------------------------------------------------------------------
def home(site: Site) -> Page:
    lib = site.lib
    # the most-covered classes and conditions; the index pages list them all
    conditions = sorted([(slug, _cap(name), n) for slug, name, n in lib.conditions()
                         if n >= 2 and len(name) <= SHORT_CONDITION], key=lambda c: -c[2])[:HOME_ITEMS]
    top_classes = sorted(lib.classes(), key=lambda c: -c[2])[:HOME_ITEMS]
    pairs = resources.comparisons(lib).comparisons
    titles = lib.titles()
    return _page(site, "home.html", header_search=False, canonical=site.absolute("/"),
                 letters=_letter_links(site), classes=sorted(top_classes, key=lambda c: c[1].lower()),
                 conditions=sorted(conditions, key=lambda c: c[1].lower()), class_count=len(lib.classes()),
                 comparisons=[(c.url, c.a_title, c.b_title) for c in pairs[:HOME_ITEMS]],
                 guide_count=len(titles))


def guide(site: Site, slug: str, corrected: str | None = None) -> Page:
    lib = site.lib
    stored = resources.guide(lib, slug)
    if stored is None:
        exact = [n for n in lib.exact(slug.replace("-", " ")) if n.kind != "condition"]
        if exact:  # a brand name or known misspelling in the address: go to the guide
            return redirect(guide_url(exact[0].slug))
        return not_found(site, guide_url(slug), "There is no guide with that name in this library.")
    article = stored.article
    titles = lib.titles()
    comparisons = [s.id[3:] for s in article.sections if s.id.startswith("vs-") and s.id[3:] in titles]
    toc = [(s.id, SECTION_LABELS.get(s.id) or (f"Compared with {titles[s.id[3:]]}" if s.id[3:] in titles
                                          else s.heading)) for s in article.sections]
    toc.append(("sources", "Sources"))
    known_conditions = lib.condition_slugs()
    conditions = [(slugify(c), _cap(c)) for c in article.conditions
                  if len(c) <= SHORT_CONDITION and slugify(c) in known_conditions]
    url = site.absolute(guide_url(slug))
    return _page(
        site, "guide.html", canonical=url if site.base_url else None,
        # stored ready to serve, its comparison and alternative links already in (compose/render.py)
        article=article, fragment=Markup(stored.html), toc=toc,
        corrected_from=_corrected_from(lib, slug, corrected, article.title),
        rx_label=RX_LABEL.get(article.rx_status, article.rx_status),
        class_slug=slugify(article.class_name) if article.class_name else None,
        letter=article.title[:1].upper(), letter_url=az_url(site, article.title[:1].upper()),
        conditions=conditions,
        comparisons=[(compare_url(slug, o), titles[o]) for o in comparisons],
        jsonld=script_json(guide_jsonld(article, url)),
        api_url=guide_url(slug, api=True))


def _corrected_from(lib, slug: str, words: str | None, title: str) -> str | None:
    """What a search typed, when it was taken to mean this guide ("baclophen"): shown so the
    reader knows. Only words that really lead here are echoed back."""
    if not words or normalize(words) == normalize(title):
        return None
    try:
        return words if lib.resolve(words) == slug else None
    except UnknownMedicine:
        return None


def _letter_links(site: Site) -> list[tuple[str, bool, str]]:
    have = set(site.lib.letters())
    return [(letter, letter in have, _letter_url(site, letter)) for letter in LETTERS]


def _letter_url(site: Site, letter: str) -> str:
    return az_url(site, letter)


def az_url(site: Site, letter: str | None, page: int = 1) -> str:
    """One page of the A-Z list. A static export cannot read query strings, so there each page
    is a folder: /a-z/b, /a-z/b/page-2, /a-z/all/page-2 (page 1 of all is /drugs)."""
    if site.static_export:
        if letter is None and page == 1:
            return "/drugs"
        return f"/a-z/{(letter or 'all').lower()}" + (f"/page-{page}" if page > 1 else "")
    query = [f"letter={letter}"] if letter else []
    if page > 1:
        query.append(f"page={page}")
    return "/drugs" + ("?" + "&".join(query) if query else "")


def az_pages(site: Site, letter: str | None) -> int:
    """How many pages the A-Z list has (for all guides, or one letter's)."""
    return max(1, math.ceil(len(site.lib.guides(letter)) / site.az_page_size))


def drugs(site: Site, letter: str | None = None, page: int = 1) -> Page:
    lib = site.lib
    if letter is not None:
        letter = letter.upper()
        if len(letter) != 1 or letter not in LETTERS:
            return not_found(site, "/drugs", "Choose a letter from A to Z.")
    size = site.az_page_size
    pages = az_pages(site, letter)
    if not 1 <= page <= pages:
        return not_found(site, "/drugs", "That page of the list does not exist.")
    listed = resources.guide_list(lib, letter, size, (page - 1) * size)
    shown = listed.guides
    groups: dict[str, list[GuideSummaryOut]] = {}
    for g in shown:
        groups.setdefault(g.title[:1].upper(), []).append(g)
    pager = [(n, az_url(site, letter, n)) for n in range(1, pages + 1)] if pages > 1 else []
    return _page(site, "drugs.html", letter=letter, groups=sorted(groups.items()), count=listed.total,
                 letters=_letter_links(site), page=page, pages=pages, pager=pager,
                 first=(page - 1) * size + 1, last=(page - 1) * size + len(shown),
                 prev_url=az_url(site, letter, page - 1) if page > 1 else None,
                 next_url=az_url(site, letter, page + 1) if page < pages else None,
                 canonical=site.absolute("/drugs") if letter is None and page == 1 and site.base_url else None)


def group_list_url(site: Site, kind: GroupKind, page: int = 1) -> str:
    """One page of the class (or condition) list; in a static export each page is a folder."""
    if page == 1:
        return f"/{kind.path}"
    return f"/{kind.path}/all/page-{page}" if site.static_export else f"/{kind.path}?page={page}"


def group_pages(site: Site, kind: GroupKind) -> int:
    """How many pages the class (or condition) list has: imported labels can name thousands."""
    return max(1, math.ceil(len(kind.listing(site.lib)) / site.az_page_size))


def groups(site: Site, kind: GroupKind, page: int = 1) -> Page:
    """/classes, /conditions: the drug classes (or conditions) with how many guides each has,
    a page at a time."""
    pages = group_pages(site, kind)
    if not 1 <= page <= pages:
        return not_found(site, f"/{kind.path}", "That page of the list does not exist.")
    size = site.az_page_size
    items = resources.groups(site.lib, kind, size, (page - 1) * size).items
    paging = dict(page=page, pages=pages,
                  pager=[(n, group_list_url(site, kind, n)) for n in range(1, pages + 1)] if pages > 1 else [],
                  prev_url=group_list_url(site, kind, page - 1) if page > 1 else None,
                  next_url=group_list_url(site, kind, page + 1) if page < pages else None)
    if kind is CLASSES:
        return _page(site, "classes.html", classes=items, **paging)
    initials: dict[str, list[GroupOut]] = {}
    for item in items:
        initials.setdefault(item.name[:1].upper(), []).append(item.model_copy(update={"name": _cap(item.name)}))
    return _page(site, "conditions.html", groups=sorted(initials.items()), **paging)


def group(site: Site, kind: GroupKind, slug: str) -> Page:
    """/classes/{slug}, /conditions/{slug}: the guides in one drug class (or for one condition)."""
    found = resources.group(site.lib, kind, slug)
    if found is None:
        return not_found(site, f"/{kind.path}/{slug}", NO_GROUP[kind.path])
    if kind is CONDITIONS:
        return _page(site, "condition.html", name=_cap(found.name), slug=slug, guides=found.guides)
    return _page(site, "class.html", name=found.name, slug=slug, guides=found.guides)


def split_pair(site: Site, pair: str) -> tuple[str, str, bool] | None:
    """The two guides in "a-vs-b". Slugs contain hyphens, so each "-vs-" is tried against the
    library's slugs; failing that, each side is read as a typed name (brand, misspelling).
    The flag says whether the address was already canonical."""
    lib = site.lib
    splits = []
    at = pair.find("-vs-")
    while at > 0:
        splits.append((pair[:at], pair[at + 4:]))
        at = pair.find("-vs-", at + 1)
    for a, b in splits:
        if lib.has(a) and lib.has(b):
            return a, b, True
    for a, b in splits:
        try:
            return lib.resolve(a.replace("-", " ")), lib.resolve(b.replace("-", " ")), False
        except UnknownMedicine:
            continue
    return None


def compare(site: Site, pair: str) -> Page:
    found = split_pair(site, pair)
    if found is None:
        parts = pair.split("-vs-")
        return not_found(site, "/compare/" + pair, "We could not find both medicines to compare.",
                         extra=[s for part in parts for s in suggestions_for(site, part, limit=2)])
    a, b, canonical = found
    if a == b:
        return not_found(site, "/compare/" + pair, "Choose two different medicines to compare.")
    if not canonical:
        return redirect(compare_url(a, b))
    comparison = site.lib.compare(a, b)
    if comparison is None:  # split_pair only returns guides the library has; kept for safety
        return not_found(site, "/compare/" + pair)
    numbers = {s.id: i for i, s in enumerate(comparison.sources, start=1)}
    return _page(site, "compare.html", c=comparison, numbers=numbers,
                 a_url=guide_url(a), b_url=guide_url(b), picked=(comparison.a_title, comparison.b_title))


def _meant(site: Site, typed: str | None) -> str | None:
    """The guide a name typed into the compare form means (a slug, generic, brand or near
    misspelling), or None."""
    if not typed:
        return None
    typed = typed.strip()[:MAX_QUERY]
    return typed if site.lib.has(typed) else site.lib.meant(typed)


def compare_index(site: Site, first: str | None = None, second: str | None = None) -> Page:
    error = None
    if first or second:
        a, b = _meant(site, first), _meant(site, second)
        if a and b and a != b:
            return redirect(compare_url(a, b), status=303)
        missing = [typed for typed, slug in ((first, a), (second, b)) if typed and not slug]
        if missing:
            error = f"We could not find ‘{missing[0].strip()[:MAX_QUERY]}’ in this library. Check the spelling."
        else:
            error = "Type two different medicines."
    pairs = resources.comparisons(site.lib).comparisons
    return _page(site, "compare_index.html", status=400 if error else 200, error=error,
                 picked=(first, second), comparisons=[(c.url, c.a_title, c.b_title) for c in pairs])


def search_page(site: Site, typed: str | None) -> Page:
    lib = site.lib
    if typed is not None and len(typed) > MAX_QUERY:
        return _page(site, "search.html", status=400, cache_control="no-store", query=typed[:MAX_QUERY],
                     error=f"Please search with fewer than {MAX_QUERY} characters.", response=None,
                     condition_link=None, robots="noindex")
    query = clean_query(typed or "")
    if not query:
        return _page(site, "search.html", query="", error=None, response=None, condition_link=None,
                     robots="noindex")
    response = search(lib, query)
    # someone typing "took 10 pills" into search gets emergency guidance first, as on /ask
    emergency = emergency_in(lib, query)
    meant = lib.meant(query)
    # one medicine clearly meant (a name, brand or near spelling): go straight to its guide
    if meant and not emergency and response.results and response.results[0].slug == meant:
        top = response.results[0]
        # a corrected spelling says so on the guide: "Showing Baclofen for 'baclophen'"
        fixed = top.match == "misspelling" or (response.did_you_mean is not None and top.match != "generic")
        where = guide_url(meant) + (f"?from={quote(query)}" if fixed else "")
        return redirect(where, status=303, cache_control=SEARCH_CACHE)
    condition_slug = slugify(query)
    condition_link = None
    # a link to the condition's page when the words typed are a condition's name
    if any(h.match == "condition" and slugify(h.matched) == condition_slug for h in response.results):
        condition_link = (condition_url(condition_slug), _cap(normalize(query)))
    hits = [(h, MATCH_LABEL.get(h.match, h.match)) for h in response.results]
    return _page(site, "search.html", cache_control=SEARCH_CACHE, query=query, error=None,
                 response=response, hits=hits, emergency=emergency, condition_link=condition_link, robots="noindex",
                 did_you_mean=(response.did_you_mean, search_url(response.did_you_mean))
                 if response.did_you_mean else None,
                 suggestions=suggestions_for(site, query) if not response.results else [])


def not_found(site: Site, path: str, message: str | None = None,
              extra: list[tuple[str, str]] | None = None) -> Page:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    suggestions = list(dict.fromkeys([*(extra or []), *(suggestions_for(site, last) if last else [])]))
    return _page(site, "404.html", status=404, cache_control="public, max-age=60",
                 message=message or "We could not find that page.", suggestions=suggestions[:5],
                 robots="noindex")


def sitemap_paths(site: Site) -> list[tuple[str, str | None]]:
    """(path, last modified) of every page a search engine should know."""
    lib = site.lib
    urls: list[tuple[str, str | None]] = [("/", None), ("/drugs", None), ("/classes", None),
                                          ("/conditions", None), ("/compare", None)]
    urls += [(guide_url(g.slug), g.updated) for g in lib.guides()]
    urls += [(group_url(kind.path, slug), None) for kind in (CLASSES, CONDITIONS) for slug, _, _ in kind.listing(lib)]
    urls += [(c.url, None) for c in resources.comparisons(lib).comparisons]
    return urls


def sitemap_parts(site: Site) -> int:
    """How many sitemap files the site needs: 1 means /sitemap.xml lists every address itself."""
    return max(1, math.ceil(len(sitemap_paths(site)) / site.sitemap_size))


def sitemap(site: Site, base: str) -> Page:
    """/sitemap.xml: every address, or over `site.sitemap_size` addresses (50,000, the protocol's
    limit per file) a sitemap index pointing to /sitemap-1.xml, /sitemap-2.xml, ..."""
    parts = sitemap_parts(site)
    if parts == 1:
        return _urlset(base, sitemap_paths(site))
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<sitemap><loc>{xml_escape(f'{base}/sitemap-{n}.xml')}</loc></sitemap>"
              for n in range(1, parts + 1)]
    lines.append("</sitemapindex>")
    return Page("\n".join(lines) + "\n", media_type=XML)


def sitemap_part(site: Site, base: str, n: int) -> Page:
    """/sitemap-N.xml: the Nth `site.sitemap_size` addresses, when the site needs an index."""
    parts = sitemap_parts(site)
    if parts == 1 or not 1 <= n <= parts:
        return not_found(site, f"/sitemap-{n}.xml")
    size = site.sitemap_size
    return _urlset(base, sitemap_paths(site)[(n - 1) * size:n * size])


def _urlset(base: str, urls: list[tuple[str, str | None]]) -> Page:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in urls:
        mod = f"<lastmod>{xml_escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{xml_escape(base + path)}</loc>{mod}</url>")
    lines.append("</urlset>")
    return Page("\n".join(lines) + "\n", media_type=XML)


def robots_txt(site: Site, base: str | None) -> Page:
    lines = ["User-agent: *", "Disallow: /search", "Disallow: /api/"]
    if base:
        lines.append(f"Sitemap: {base}/sitemap.xml")
    return Page("\n".join(lines) + "\n", media_type="text/plain; charset=utf-8")

