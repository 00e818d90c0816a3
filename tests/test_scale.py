"""A library that outgrows one page: A-Z and API pagination, the sitemap index, a streamed static
export and build, and the name index search relies on at 10,000 guides.

The real limits (500 guides a page, 50,000 addresses a sitemap file) need tens of thousands of
guides; these tests lower them on the real built-in library (128 guides) through the same
parameters, so every code path runs. benchmarks/bench_scale.py measures the real sizes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import warnings
from xml.etree import ElementTree

import pytest
from rapidfuzz import fuzz, process

from healthlib.library.build import build_builtin, build_library, stored_monographs
from healthlib.library.name_index import NameIndex
from healthlib.library.query import Library
from healthlib.library.staging import SqliteRefs, Staging
from healthlib.model.errors import HealthlibError
from healthlib.model.monograph import BrandName, Pill, Source
from healthlib.readers.grouping import LabelRef, MemoryRefs
from healthlib.surfaces.web import site as site_module
from healthlib.surfaces.web.app import create_app
from healthlib.surfaces.web.export import export_static
from healthlib.surfaces.web.site import Site

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CARD = re.compile(r'class="card-title"><a href="/drugs/([a-z0-9-]+)"')


@pytest.fixture()
def small_pages(built_library):
    """The web app with 10 guides to an A-Z page and 40 addresses to a sitemap file."""
    app = create_app(built_library, base_url="https://library.example")
    app.state.site.az_page_size = 10
    app.state.site.sitemap_size = 40
    with TestClient(app, follow_redirects=False) as client:
        yield client


def test_real_limits_are_500_guides_and_50000_addresses(library):
    site = Site(library)
    assert (site.az_page_size, site.sitemap_size) == (500, 50_000)
    assert site_module.AZ_PAGE_SIZE == 500 and site_module.SITEMAP_SIZE == 50_000


def _pages(client, first: str, links: re.Pattern = CARD) -> list[list[str]]:
    """Slugs `links` finds on each page of a list (guides by default), following the Next links."""
    pages, url = [], first
    while url:
        r = client.get(url)
        assert r.status_code == 200, url
        pages.append(links.findall(r.text))
        nxt = re.search(r'<a href="([^"]+)" rel="next">', r.text)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
    return pages


def test_a_to_z_paginates_and_every_guide_is_on_exactly_one_page(small_pages, library):
    pages = _pages(small_pages, "/drugs")
    assert len(pages) == -(-len(library.guides()) // 10) > 1
    assert all(1 <= len(p) <= 10 for p in pages)
    assert [s for p in pages for s in p] == [g.slug for g in library.guides()]
    second = small_pages.get("/drugs?page=2").text
    assert "Page 2 of" in second and 'aria-current="page">2<' in second
    assert '<a href="/drugs" rel="prev">' in second  # page 1 has the plain address
    # a letter with more guides than one page holds
    letter = next(L for L in library.letters() if len(library.guides(L)) > 10)
    by_letter = _pages(small_pages, f"/drugs?letter={letter}")
    assert len(by_letter) > 1 and all(len(p) <= 10 for p in by_letter)
    assert [s for p in by_letter for s in p] == [g.slug for g in library.guides(letter)]
    assert f'href="/drugs?letter={letter}&amp;page=2"' in small_pages.get(f"/drugs?letter={letter}").text


@pytest.mark.parametrize("query", ["page=0", "page=999", "page=abc", "page=-1", "page=1e3", "letter=B&page=99"])
def test_a_page_past_the_end_or_not_a_number_is_404(small_pages, query):
    assert small_pages.get(f"/drugs?{query}").status_code == 404


def test_default_a_to_z_is_one_page_for_a_small_library(web_client, library):
    html = web_client.get("/drugs").text
    assert len(CARD.findall(html)) == len(library.guides()) and 'rel="next"' not in html
    assert web_client.get("/drugs?page=2").status_code == 404


def test_api_guides_paginate_with_limit_and_offset(web_client, library):
    everything = web_client.get("/api/v1/guides").json()
    # backward compatible: one response holds the whole small library, fields as before
    assert everything["count"] == everything["total"] == len(library.guides())
    assert everything["next"] is None and everything["offset"] == 0 and everything["limit"] == 500
    assert {"letter", "letters", "guides"} <= set(everything)
    slugs, url, seen_pages = [], "/api/v1/guides?limit=7", 0
    while url:
        page = web_client.get(url).json()
        assert page["count"] == len(page["guides"]) <= 7 and page["total"] == len(library.guides())
        slugs += [g["slug"] for g in page["guides"]]
        url, seen_pages = page["next"], seen_pages + 1
    assert slugs == [g["slug"] for g in everything["guides"]] and seen_pages == -(-len(slugs) // 7)
    letter = web_client.get("/api/v1/guides?letter=b&limit=2&offset=1").json()
    assert [g["slug"] for g in letter["guides"]] == [g.slug for g in library.guides("B")][1:3]
    assert letter["next"] in (None, "/api/v1/guides?letter=B&limit=2&offset=3")
    for bad in ("limit=0", "limit=501", "offset=-1", "limit=x"):
        assert web_client.get(f"/api/v1/guides?{bad}").status_code == 422


def test_openapi_documents_the_paging(web_client):
    doc = web_client.get("/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/api/v1/guides"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 500 and params["offset"]["schema"]["minimum"] == 0
    fields = doc["components"]["schemas"]["GuideList"]["properties"]
    assert {"count", "total", "offset", "limit", "next", "letter", "letters", "guides"} <= set(fields)


def _locs(xml: str, tag: str) -> list[str]:
    root = ElementTree.fromstring(xml)
    return [e.findtext(f"{SM}loc") for e in root.iter(f"{SM}{tag}")]


def test_sitemap_becomes_an_index_over_the_per_file_limit(small_pages, built_library):
    with TestClient(create_app(built_library, base_url="https://library.example")) as plain:
        whole = plain.get("/sitemap.xml")
        assert whole.status_code == 200 and ElementTree.fromstring(whole.text).tag == f"{SM}urlset"
        assert plain.get("/sitemap-1.xml").status_code == 404  # one file: no parts
    every = _locs(whole.text, "url")
    index = small_pages.get("/sitemap.xml")
    assert index.status_code == 200 and ElementTree.fromstring(index.text).tag == f"{SM}sitemapindex"
    parts = _locs(index.text, "sitemap")
    assert parts == [f"https://library.example/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-len(every) // 40) > 1
    listed = []
    for n in range(1, len(parts) + 1):
        r = small_pages.get(f"/sitemap-{n}.xml")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
        locs = _locs(r.text, "url")
        assert 1 <= len(locs) <= 40
        listed += locs
    assert listed == every
    assert small_pages.get(f"/sitemap-{len(parts) + 1}.xml").status_code == 404
    assert small_pages.get("/sitemap-0.xml").status_code == 404


COND = re.compile(r'<li><a href="/conditions/([a-z0-9-]+)">')


def test_condition_and_class_lists_page_like_the_a_to_z(small_pages, library):
    # imported labels can name thousands of conditions: the list comes a page at a time
    every = [slug for slug, _, _ in library.conditions()]
    pages = _pages(small_pages, "/conditions", COND)
    assert len(pages) == -(-len(every) // 10) > 1 and all(1 <= len(p) <= 10 for p in pages)
    assert sorted(s for p in pages for s in p) == sorted(every)
    assert "(page 2 of" in small_pages.get("/conditions?page=2").text
    assert small_pages.get(f"/conditions?page={len(pages) + 1}").status_code == 404
    assert small_pages.get("/conditions?page=x").status_code == 404
    assert small_pages.get("/classes?page=2").status_code == (200 if len(library.classes()) > 10 else 404)


def test_static_export_pages_the_a_to_z_and_splits_the_sitemap(tmp_path, library):
    site = Site(library, base_url="https://library.example", static_export=True, az_page_size=10,
                sitemap_size=40)
    out = tmp_path / "site"
    count = export_static(library, out, site=site)
    assert count == len(list(out.rglob("index.html")))
    all_pages = [out / "drugs" / "index.html",
                 *sorted((out / "a-z" / "all").glob("page-*/index.html"), key=lambda p: int(p.parent.name[5:]))]
    listed = [CARD.findall(p.read_text()) for p in all_pages]
    assert all(1 <= len(p) <= 10 for p in listed) and len(listed) > 1
    assert [s for p in listed for s in p] == [g.slug for g in library.guides()]
    first = all_pages[0].read_text()
    assert 'href="/a-z/all/page-2" rel="next"' in first and "?letter=" not in first and "?page=" not in first
    letter = library.article("baclofen").title[0].lower()
    assert (out / "a-z" / letter / "index.html").exists()
    conditions = (out / "conditions" / "index.html").read_text()
    assert 'href="/conditions/all/page-2" rel="next"' in conditions and "?page=" not in conditions
    assert (out / "conditions" / "all" / "page-2" / "index.html").exists()
    assert f'href="/a-z/{letter}"' in (out / "drugs" / "baclofen" / "index.html").read_text()
    index = (out / "sitemap.xml").read_text()
    parts = _locs(index, "sitemap")
    assert len(parts) > 1 and all((out / f"sitemap-{n}.xml").exists() for n in range(1, len(parts) + 1))


# --- build and import stream -------------------------------------------------------------------


def test_build_streams_a_generator_and_a_failure_late_in_it_leaves_the_library_byte_identical(tmp_path):
    db = tmp_path / "library.db"
    build_builtin(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    items = stored_monographs(db)
    taken: list[str] = []

    def stream():
        for m in items:
            taken.append(m.slug)
            yield m
        yield items[0]  # a second guide with the first one's slug, after all the others

    with pytest.raises(HealthlibError, match="two guides share this slug"):
        build_library(db, stream())
    assert len(taken) == len(items)  # it really ran to the end before failing
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    # no leftover .building file (the lock file beside the library is kept on purpose)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock") == ["library.db"]
    progress: list[tuple[int, int]] = []
    report = build_library(db, iter(items), progress=lambda done, total: progress.append((done, total)))
    assert report.guides == len(items) and progress[-1] == (len(items), len(items))
    assert [m.slug for m in stored_monographs(db)] == sorted(m.slug for m in items)


def _ref(n: int, brand: str | None) -> LabelRef:
    source = Source(id=f"spl-{n:08x}", title=f"Label {n}", publisher="FDA", date="2024-01-01")
    # every other label carries a pill, so the scratch store is shown to keep pills too
    pills = [Pill(imprint=f"X;{n}", colors=["white"], strength="10 mg", cite=[source.id])] if n % 2 else []
    return LabelRef(source, BrandName(name=brand, cite=[source.id]) if brand else None, pills)


def test_label_refs_in_the_scratch_database_match_the_in_memory_store():
    """Per medicine and set id the newest label is kept, in first-seen order, in either store."""
    rng = random.Random(5)
    memory = MemoryRefs()
    with Staging() as staging:
        stores = (memory, staging.refs)
        assert isinstance(staging.refs, SqliteRefs)
        for n in range(5_000):  # more than one write batch
            key = (f"medicine{rng.randrange(40)}",)
            set_id = f"set{rng.randrange(300)}"
            when = None if rng.random() < 0.1 else dt.date(2010 + rng.randrange(10), 1 + rng.randrange(12), 1)
            brand = rng.choice([None, f"Brand{n}"])
            for store in stores:
                store.put(key, set_id, when, lambda n=n, brand=brand: _ref(n, brand))
        for m in range(40):
            key = (f"medicine{m}",)
            assert list(staging.refs.refs(key)) == list(memory.refs(key))
        assert list(staging.refs.refs(("not-there",))) == []


# --- the name index behind search ----------------------------------------------------------------


def test_name_index_answers_like_a_scan_of_every_name(library):
    names = library.names()
    norms = [n.norm for n in names]
    index = NameIndex(norms)
    rng = random.Random(3)
    queries = [rng.choice(norms) for _ in range(30)]
    queries += [q[:i] + q[i + 1:] for q in queries[:15] if len(q) > 3 for i in [rng.randrange(len(q))]]
    queries += ["baclophen", "muscle", "pain", "zzzz", "a", "ine", "high blood pressure"]
    for q in queries:
        assert index.starting(q) == [i for i, n in enumerate(norms) if n.startswith(q)]
        assert index.containing(q) == [i for i, n in enumerate(norms) if q in n]
        for cutoff in (50, 60, 72):
            scan = process.extract(q, norms, scorer=fuzz.ratio, limit=None, score_cutoff=cutoff)
            best = sorted(((-s, i) for _, s, i in scan))[:30]
            assert index.closest(q, 30, cutoff) == [(i, -s) for s, i in best], (q, cutoff)


def test_fuzzy_names_are_memoized_per_library_file(tmp_path):
    db = tmp_path / "library.db"
    build_builtin(db)
    lib = Library(db)
    first = lib.fuzzy("baclophen")
    assert first and first[0][0].slug == "baclofen"
    assert lib.fuzzy("baclophen", cutoff=72) == [(e, s) for e, s in first if s >= 72]
    assert lib.fuzzy("baclophen", cutoff=50)[:1] == first[:1]
