"""The JSON API under /api/v1/: same facts as the library, typed, exactly described by OpenAPI."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import threading
import time
from contextlib import redirect_stdout

import httpx
import pytest

from healthlib.library.build import build_library
from healthlib.library.pills import PillSearch
from healthlib.library.search import SearchResponse, search
from healthlib.model.article import Article
from healthlib.model.comparison import Comparison
from healthlib.model.interaction import InteractionReport
from healthlib.readers.curated import builtin_dir, read_monograph
from healthlib.surfaces.cli import main as cli_main
from healthlib.surfaces.web.app import create_app
from healthlib.surfaces.web.schemas import (
    AutocompleteResponse,
    ComparisonList,
    ErrorOut,
    GroupDetail,
    GroupList,
    GuideList,
    Health,
)

from .conftest import TestClient


def test_guides_list_matches_library(web_client, library):
    r = web_client.get("/api/v1/guides")
    assert r.status_code == 200
    body = GuideList.model_validate_json(r.content)
    assert body.count == len(body.guides) == len(library.guides())
    assert [g.slug for g in body.guides] == [g.slug for g in library.guides()]
    baclofen = next(g for g in body.guides if g.slug == "baclofen")
    assert baclofen.url == "/drugs/baclofen" and baclofen.api_url == "/api/v1/guides/baclofen"
    assert "Lioresal" in baclofen.brand_names


def test_guides_by_letter(web_client):
    body = GuideList.model_validate_json(web_client.get("/api/v1/guides?letter=t").content)
    assert body.letter == "T"
    assert "tizanidine" in [g.slug for g in body.guides]
    assert all(g.title.upper().startswith("T") for g in body.guides)
    assert web_client.get("/api/v1/guides?letter=tt").status_code == 422


def test_guide_is_the_stored_article_exactly(web_client, library):
    r = web_client.get("/api/v1/guides/baclofen")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.content.decode() == library.article_json("baclofen")
    article = Article.model_validate_json(r.content)
    # exact: validating and dumping again gives the same document (no extra or missing fields)
    assert article.model_dump(mode="json") == json.loads(r.content)
    assert {s.id for s in article.sections} >= {"what-is", "side-effects", "vs-tizanidine"}


def test_unknown_guide_is_404_with_suggestions(web_client):
    r = web_client.get("/api/v1/guides/baclofn")
    assert r.status_code == 404
    body = ErrorOut.model_validate_json(r.content)
    assert body.suggestions and body.suggestions[0].slug == "baclofen"
    assert web_client.get("/api/v1/guides/Not A Slug").status_code == 422


def test_search_matches_cli(web_client, built_library):
    for q in ("baclophen", "Zanaflex", "muscle spasms", "lipitr"):
        api = web_client.get("/api/v1/search", params={"q": q})
        assert api.status_code == 200
        out = io.StringIO()
        with redirect_stdout(out):
            assert cli_main(["search", q, "--json", "--db", str(built_library)]) == 0
        assert SearchResponse.model_validate_json(api.content) == SearchResponse.model_validate_json(out.getvalue())
    hits = SearchResponse.model_validate_json(web_client.get("/api/v1/search?q=baclophen").content).results
    assert hits[0].slug == "baclofen"
    brand = SearchResponse.model_validate_json(web_client.get("/api/v1/search?q=zanaflex").content).results
    assert brand[0].slug == "tizanidine" and brand[0].match == "brand"


def test_search_input_limits(web_client):
    assert web_client.get("/api/v1/search", params={"q": "x" * 201}).status_code == 422
    assert web_client.get("/api/v1/search", params={"q": ""}).status_code == 422
    assert web_client.get("/api/v1/search").status_code == 422
    # FTS5 syntax in user text is only ever words
    r = web_client.get("/api/v1/search", params={"q": 'spasticity" OR * NEAR(x'})
    assert r.status_code == 200


def test_autocomplete(web_client):
    r = web_client.get("/api/v1/autocomplete", params={"q": "bac", "limit": 3})
    body = AutocompleteResponse.model_validate_json(r.content)
    assert body.query == "bac"
    assert len(body.suggestions) <= 3
    assert body.suggestions[0].slug == "baclofen"
    assert web_client.get("/api/v1/autocomplete", params={"q": "bac", "limit": 99}).status_code == 422


def test_compare(web_client, library):
    r = web_client.get("/api/v1/compare/baclofen/tizanidine")
    assert r.status_code == 200
    c = Comparison.model_validate_json(r.content)
    assert (c.a, c.b) == ("baclofen", "tizanidine")
    assert c == library.compare("baclofen", "tizanidine")
    labels = [row.label for row in c.rows]
    assert "Most per day (label)" in labels
    source_ids = {s.id for s in c.sources}
    cited = {i for row in c.rows for cell in (row.a, row.b) if cell for i in cell.citations}
    assert cited <= source_ids
    assert web_client.get("/api/v1/compare/baclofen/nothing").status_code == 404


def test_comparisons_list(web_client):
    body = web_client.get("/api/v1/comparisons").json()
    pairs = {frozenset((c["a"], c["b"])) for c in body["comparisons"]}
    assert frozenset(("baclofen", "tizanidine")) in pairs
    assert len(pairs) == len(body["comparisons"])  # each pair once


def test_classes_and_conditions(web_client, library):
    classes = GroupList.model_validate_json(web_client.get("/api/v1/classes").content)
    assert [c.slug for c in classes.items] == [c[0] for c in library.classes()]
    baclofen_class = next(g.class_slug for g in library.guides() if g.slug == "baclofen")
    detail = GroupDetail.model_validate_json(web_client.get(f"/api/v1/classes/{baclofen_class}").content)
    assert "baclofen" in [g.slug for g in detail.guides]
    conditions = GroupList.model_validate_json(web_client.get("/api/v1/conditions").content)
    assert "muscle-spasms" in [c.slug for c in conditions.items]
    # a page at a time: following `next` gives every condition exactly once
    seen, url = [], "/api/v1/conditions?limit=7"
    while url:
        page = GroupList.model_validate_json(web_client.get(url).content)
        assert page.count == len(page.items) <= 7 and page.total == len(library.conditions())
        seen += [c.slug for c in page.items]
        url = page.next
    assert seen == [c[0] for c in library.conditions()]
    assert web_client.get("/api/v1/conditions?limit=501").status_code == 422
    spasms = GroupDetail.model_validate_json(web_client.get("/api/v1/conditions/muscle-spasms").content)
    assert "baclofen" in [g.slug for g in spasms.guides]
    assert web_client.get("/api/v1/classes/no-such-class").status_code == 404
    assert web_client.get("/api/v1/conditions/no-such-condition").status_code == 404


def test_healthz(web_client, library):
    body = web_client.get("/healthz").json()
    assert body == {"status": "ok", "guides": len(library.titles()), "version": library.version}


def test_openapi_describes_every_endpoint_exactly(web_client):
    doc = web_client.get("/openapi.json").json()
    assert set(doc["paths"]) == {
        "/healthz", "/api/v1/guides", "/api/v1/guides/{slug}", "/api/v1/search", "/api/v1/autocomplete",
        "/api/v1/compare/{a}/{b}", "/api/v1/comparisons", "/api/v1/classes", "/api/v1/classes/{slug}",
        "/api/v1/conditions", "/api/v1/conditions/{slug}", "/api/v1/ask", "/api/v1/pills",
        "/api/v1/interactions", "/api/v1/labs"}
    assert doc["paths"]["/api/v1/ask"]["post"]["responses"]["200"]["content"]["application/json"][
        "schema"]["$ref"].endswith("/Answer")
    schemas = doc["components"]["schemas"]

    def ref(path: str, status: str = "200") -> str:
        content = doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]
        return content["schema"]["$ref"].rsplit("/", 1)[-1]

    assert ref("/api/v1/guides/{slug}") == "Article"
    assert ref("/api/v1/guides/{slug}", "404") == "ErrorOut"
    assert ref("/api/v1/search") == "SearchResponse"
    assert ref("/api/v1/compare/{a}/{b}") == "Comparison"
    # the documented Article fields are exactly the ones sent
    sent = web_client.get("/api/v1/guides/baclofen").json()
    assert set(schemas["Article"]["properties"]) == set(sent)
    assert set(schemas["Block"]["properties"]) == set(sent["sections"][0]["blocks"][0])
    # every API response validates against the model its route declares
    samples = {
        "/api/v1/guides": "/api/v1/guides", "/api/v1/guides/{slug}": "/api/v1/guides/baclofen",
        "/api/v1/search": "/api/v1/search?q=baclofen", "/api/v1/autocomplete": "/api/v1/autocomplete?q=ti",
        "/api/v1/compare/{a}/{b}": "/api/v1/compare/baclofen/tizanidine",
        "/api/v1/comparisons": "/api/v1/comparisons", "/api/v1/classes": "/api/v1/classes",
        "/api/v1/classes/{slug}": "/api/v1/classes/muscle-relaxants",
        "/api/v1/conditions": "/api/v1/conditions", "/api/v1/conditions/{slug}": "/api/v1/conditions/muscle-spasms",
        "/healthz": "/healthz", "/api/v1/pills": "/api/v1/pills?imprint=PD+155&color=white",
        "/api/v1/interactions": "/api/v1/interactions?m=warfarin&m=advil"}
    models = {m.__name__: m for m in (Article, GuideList, SearchResponse, AutocompleteResponse, Comparison,
                                      ComparisonList, GroupList, GroupDetail, Health, PillSearch,
                                      InteractionReport)}
    # ask and labs are POSTs: tests/test_ask.py, tests/labs/test_labs_surfaces.py
    assert {p for p in doc["paths"]} - {"/api/v1/ask", "/api/v1/labs"} == set(samples)
    for path, url in samples.items():
        r = web_client.get(url)
        assert r.status_code == 200, url
        models[ref(path)].model_validate_json(r.content)


def test_etag_and_gzip(web_client):
    first = web_client.get("/api/v1/guides/baclofen", headers={"accept-encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    assert first.json()["slug"] == "baclofen"  # httpx decodes it
    again = web_client.get("/api/v1/guides/baclofen", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    plain = web_client.get("/api/v1/guides/baclofen", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers


def test_api_follows_a_rebuild_without_restart(tmp_path):
    path = tmp_path / "library.db"
    two = [read_monograph(builtin_dir() / f"{slug}.yaml") for slug in ("baclofen", "tizanidine")]
    build_library(path, two)
    with TestClient(create_app(path)) as client:
        assert client.get("/api/v1/guides").json()["count"] == 2
        assert client.get("/api/v1/guides/diazepam").status_code == 404
        version = client.get("/healthz").json()["version"]
        build_library(path, [*two, read_monograph(builtin_dir() / "diazepam.yaml")])
        assert client.get("/healthz").json()["version"] != version
        assert client.get("/api/v1/guides").json()["count"] == 3
        assert client.get("/api/v1/guides/diazepam").status_code == 200


def test_rebuild_while_serving_loses_no_request(tmp_path, built_library, live_server):
    """A real server under load while `healthlib build` (build_builtin) swaps in new library files.
    The builds run in their own processes, so they are not slowed by the client threads."""
    path = tmp_path / "library.db"
    shutil.copyfile(built_library, path)
    urls = ["/drugs/baclofen", "/api/v1/guides/tizanidine", "/search?q=zanaflex",
            "/api/v1/search?q=baclophen", "/compare/baclofen-vs-tizanidine"]
    results: list[tuple[str, int, bool]] = []
    errors: list[str] = []
    stop = threading.Event()

    def hammer(base: str, offset: int) -> None:
        with httpx.Client(base_url=base, timeout=10, follow_redirects=True) as client:
            i = offset
            while not stop.is_set():
                url = urls[i % len(urls)]
                i += 1
                try:
                    r = client.get(url)
                except httpx.HTTPError as exc:  # a dropped or refused connection is a lost request
                    errors.append(f"{url}: {exc!r}")
                    continue
                results.append((url, r.status_code, ("aclofen" in r.text) or ("izanidine" in r.text)))

    with live_server(path, workers=1) as base:
        before = httpx.get(f"{base}/healthz").json()["version"]
        threads = [threading.Thread(target=hammer, args=(base, n)) for n in range(3)]
        for t in threads:
            t.start()
        try:
            time.sleep(0.3)
            versions = []
            for _ in range(2):
                subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", "build", "--db", str(path)],
                               check=True, capture_output=True)
                versions.append(httpx.get(f"{base}/healthz").json()["version"])
            time.sleep(0.3)
        finally:
            stop.set()
            for t in threads:
                t.join()
    assert before not in versions and versions[0] != versions[1], "the server did not follow each rebuild"
    assert not errors, errors[:5]
    assert len(results) > 100
    bad = [r for r in results if r[1] != 200 or not r[2]]
    assert not bad, bad[:5]


@pytest.mark.parametrize("url", ["/api/v1/nothing", "/api/v2/guides"])
def test_unknown_api_address_is_json_404(web_client, url):
    r = web_client.get(url)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert ErrorOut.model_validate_json(r.content).detail


def test_library_search_is_what_the_api_serves(web_client, library):
    api = SearchResponse.model_validate_json(web_client.get("/api/v1/search?q=spasticity").content)
    assert api == search(library, "spasticity")


def test_create_app_refuses_missing_library(tmp_path):
    from healthlib.model.errors import HealthlibError

    with pytest.raises(HealthlibError):
        create_app(tmp_path / "missing.db")
