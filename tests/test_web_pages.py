"""Server-rendered pages through an ASGI client: what a reader sees, without JavaScript."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from healthlib.library.search import search
from healthlib.surfaces.web.export import export_static


class Outline(HTMLParser):
    """The parts of a page the tests look at: ids, links, landmarks, headings, scripts, forms."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.cells: list[tuple[str, str]] = []  # (scope, text) of table headers
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag in ("a", "h1", "h2", "h3", "script", "label", "button", "th"):
            self._open.append((tag, a, []))

    def handle_data(self, data):
        for _, _, text in self._open:
            text.append(data)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                _, a, text = self._open.pop(i)
                content = " ".join("".join(text).split())
                if tag == "a":
                    self.links.append((a.get("href", ""), content))
                elif tag == "script":
                    self.scripts.append((a, "".join(text)))
                elif tag in ("h1", "h2", "h3"):
                    self.headings.append((tag, content))
                elif tag == "th":
                    self.cells.append((a.get("scope", ""), content))
                break

    def find(self, tag: str, **attrs: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def hrefs(self) -> list[str]:
        return [h for h, _ in self.links]


def page(client, url: str, status: int = 200) -> tuple[str, Outline]:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    return r.text, Outline(r.text)


def test_home_has_search_and_landmarks(web_client):
    html, doc = page(web_client, "/")
    assert doc.find("html", lang="en")
    assert doc.find("meta", name="viewport")
    skip = [h for h, text in doc.links if text == "Skip to main content"]
    assert skip == ["#main"] and "main" in doc.ids
    for landmark in ("header", "main", "footer"):
        assert doc.find(landmark), landmark
    assert any(a.get("aria-label") == "Main" for a in doc.find("nav"))
    form = doc.find("form", action="/search", method="get")
    assert form and form[0].get("role") == "search"
    box = doc.find("input", name="q")[0]
    assert doc.find("label", **{"for": box["id"]}), "the search box has a label"
    assert box["maxlength"] == "200"
    assert ("h1", "Clear guides to your medicines") in doc.headings
    assert "/drugs?letter=B" in doc.hrefs()


def test_guide_page(web_client, library):
    article = library.article("baclofen")
    html, doc = page(web_client, "/drugs/baclofen")
    assert ("h1", "Baclofen") in doc.headings
    # the stored guide is inserted as HTML, not escaped text
    assert '<section id="what-is"' in html and "&lt;section" not in html
    # table of contents: one link per section, each to an id on the page
    toc = [h for h in doc.hrefs() if h.startswith("#")]
    for section in article.sections:
        assert f"#{section.id}" in toc and section.id in doc.ids
    assert "#sources" in toc and "sources" in doc.ids
    # warnings stand out, side effects have bars
    assert len(doc.find("div", **{"class": "warning"})) >= 2
    meters = doc.find("meter", **{"class": "bar"})
    assert meters and all(0 <= float(m["value"]) <= 100 for m in meters)
    # every block's citation links to a listed source
    cites = {h[len("#source-"):] for h in doc.hrefs() if h.startswith("#source-")}
    assert cites and cites <= {s.id for s in article.sources}
    for s in article.sources:
        assert f"source-{s.id}" in doc.ids
        if s.url:
            assert s.url in doc.hrefs()
    # last updated, as a machine-readable date
    time_tag = doc.find("time", datetime=article.updated)
    assert time_tag and "Last updated" in html
    # links onward: the comparison with tizanidine, the alternatives, the class
    assert "/compare/baclofen-vs-tizanidine" in doc.hrefs()
    assert "/drugs/tizanidine" in doc.hrefs()
    assert f"/classes/{re.sub(r'[^a-z0-9]+', '-', article.class_name.lower())}" in doc.hrefs()
    assert "/static/style.css?v=" in html


def test_guide_json_ld(web_client, library):
    article = library.article("baclofen")
    _, doc = page(web_client, "/drugs/baclofen")
    blocks = [text for a, text in doc.scripts if a.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    graph = {node["@type"]: node for node in data["@graph"]}
    assert set(graph) == {"Drug", "MedicalWebPage", "FAQPage"}
    assert graph["Drug"]["name"] == "Baclofen"
    assert "Lioresal" in graph["Drug"]["proprietaryName"]
    assert graph["Drug"]["prescriptionStatus"] == "https://schema.org/PrescriptionOnly"
    assert graph["MedicalWebPage"]["dateModified"] == article.updated
    assert graph["MedicalWebPage"]["about"] == {"@id": graph["Drug"]["@id"]}
    assert len(graph["MedicalWebPage"]["citation"]) == len(article.sources)
    questions = graph["FAQPage"]["mainEntity"]
    assert [q["name"] for q in questions] == [f.question for f in article.faq]
    assert questions[0]["acceptedAnswer"]["text"] == article.faq[0].answer


def test_print_stylesheet_hides_navigation_and_shows_source_addresses(web_client):
    css = web_client.get("/static/style.css").text
    block = css[css.index("@media print"):]
    assert ".toc" in block and ".site-header" in block
    assert 'attr(href)' in block


def test_brand_name_and_misspelling_in_address_redirect_to_guide(web_client):
    for name in ("lioresal", "baclophen"):
        r = web_client.get(f"/drugs/{name}")
        assert r.status_code == 301 and r.headers["location"] == "/drugs/baclofen"


def test_a_to_z(web_client, library):
    html, doc = page(web_client, "/drugs?letter=B")
    titles = [t for h, t in doc.links if h.startswith("/drugs/")]
    expected = [g.title for g in library.guides("B")]
    assert titles == expected and "Baclofen" in titles
    assert all(t.upper().startswith("B") for t in titles)
    assert page(web_client, "/drugs?letter=b")[1].links == doc.links
    _, everything = page(web_client, "/drugs")
    assert len([h for h, _ in everything.links if h.startswith("/drugs/")]) == len(library.guides())
    for letter in library.letters():
        assert f"letter-{letter}" in everything.ids
    page(web_client, "/drugs?letter=%3Cscript%3E", status=404)
    assert page(web_client, "/drugs?letter=")[1].links == everything.links


def test_class_and_condition_pages(web_client, library):
    slug, name, count = next(c for c in library.classes() if c[1] == library.article("baclofen").class_name)
    _, doc = page(web_client, f"/classes/{slug}")
    assert ("h1", name) in doc.headings
    assert len([h for h, _ in doc.links if h.startswith("/drugs/")]) == count
    _, index = page(web_client, "/classes")
    assert f"/classes/{slug}" in index.hrefs()
    _, cond = page(web_client, "/conditions/muscle-spasms")
    assert "/drugs/baclofen" in cond.hrefs()
    _, conds = page(web_client, "/conditions")
    assert "/conditions/muscle-spasms" in conds.hrefs()
    page(web_client, "/classes/nothing-here", status=404)
    page(web_client, "/conditions/nothing-here", status=404)


def test_compare_page_side_by_side(web_client, library):
    comparison = library.compare("baclofen", "tizanidine")
    _, doc = page(web_client, "/compare/baclofen-vs-tizanidine")
    assert ("h1", "Baclofen vs Tizanidine") in doc.headings
    assert [text for tag, text in doc.cells if tag == "col"] == ["Baclofen", "Tizanidine"]
    assert [h for h, t in doc.links if t in ("Baclofen", "Tizanidine")][:2] == ["/drugs/baclofen", "/drugs/tizanidine"]
    assert len(doc.find("th", scope="row")) == len(comparison.rows)
    assert [text for tag, text in doc.cells if tag == "row"] == [row.label for row in comparison.rows]
    cites = {h[len("#source-"):] for h in doc.hrefs() if h.startswith("#source-")}
    assert cites and cites <= {i[len("source-"):] for i in doc.ids if i.startswith("source-")}


def test_compare_splits_hyphenated_slugs(web_client, library):
    hyphenated = sorted(s for s in library.titles() if "-" in s)
    assert hyphenated, "the built-in library has guides with hyphens in their slugs"
    other = hyphenated[0]
    for url, first in ((f"/compare/{other}-vs-baclofen", other), (f"/compare/baclofen-vs-{other}", "baclofen")):
        _, doc = page(web_client, url)
        cols = [h for h, t in doc.links if h in (f"/drugs/{other}", "/drugs/baclofen")]
        assert cols[0] == f"/drugs/{first}"


def test_compare_redirects_and_errors(web_client):
    r = web_client.get("/compare/zanaflex-vs-lioresal")
    assert r.status_code == 301 and r.headers["location"] == "/compare/tizanidine-vs-baclofen"
    r = web_client.get("/compare?a=baclofen&b=tizanidine")
    assert r.status_code == 303 and r.headers["location"] == "/compare/baclofen-vs-tizanidine"
    page(web_client, "/compare?a=baclofen&b=baclofen", status=400)
    page(web_client, "/compare/baclofen-vs-baclofen", status=404)
    _, doc = page(web_client, "/compare/baclofen-vs-qqqqzzzz", status=404)
    assert "/drugs/baclofen" in doc.hrefs()  # close matches offered
    picker_html, picker = page(web_client, "/compare")
    assert picker.find("input", name="a") and picker.find("input", name="b")
    assert picker.find("label", **{"for": "pick-a"}) and picker.find("label", **{"for": "pick-b"})
    # typed names: brands and misspellings are understood; the page does not list every guide
    r = web_client.get("/compare", params={"a": "Lioresal", "b": "tizanadine"})
    assert r.status_code == 303 and r.headers["location"] == "/compare/baclofen-vs-tizanidine"
    assert "<option" not in picker_html and picker_html.count("/drugs/") < 20
    r = web_client.get("/compare", params={"a": "baclofen", "b": "qqqqzzzz"})
    assert r.status_code == 400 and "could not find ‘qqqqzzzz’" in r.text
    _, doc = page(web_client, "/compare/baclofen-vs-tizanidine")
    assert doc.find("input", id="pick-a")[0]["value"] == "Baclofen"


def test_search_goes_straight_to_a_clearly_meant_guide(web_client):
    # a corrected spelling carries what was typed, so the guide can say "Showing Baclofen for …"
    for q, where in (("baclophen", "/drugs/baclofen?from=baclophen"), ("Zanaflex", "/drugs/tizanidine"),
                     ("baclofen", "/drugs/baclofen")):
        r = web_client.get("/search", params={"q": q})
        assert r.status_code == 303 and r.headers["location"] == where, q


def test_search_that_reports_an_emergency_shows_help_first(web_client):
    r = web_client.get("/search?q=i+took+10+baclofen+pills")
    assert r.status_code == 200  # not sent straight to the guide
    html = r.text
    assert html.index("Get help now") < html.index("Results for")
    assert "1-800-222-1222" in html and "911" in html
    ordinary = web_client.get("/search?q=muscle+spasms").text
    assert "Get help now" not in ordinary


def test_search_results_page(web_client, library):
    html, doc = page(web_client, "/search?q=baclofen+and+zanaflex")
    result_links = [h for h, _ in doc.links if h.startswith("/drugs/")]
    assert result_links[:2] == ["/drugs/baclofen", "/drugs/tizanidine"]
    assert doc.find("meta", name="robots", content="noindex")
    box = doc.find("input", name="q")
    assert box and box[0]["value"] == "baclofen and zanaflex"
    expected = [h.url for h in search(library, "muscle spasms").results]
    _, cond = page(web_client, "/search?q=muscle+spasms")
    assert [h for h, _ in cond.links if h.startswith("/drugs/")][:len(expected)] == expected
    assert "/conditions/muscle-spasms" in cond.hrefs()


def test_search_did_you_mean_and_no_results(web_client, library):
    response = search(library, "bacloxyz")
    assert response.did_you_mean == "Baclofen" and not response.results
    html, doc = page(web_client, "/search?q=bacloxyz")
    assert "Did you mean" in html
    assert ("/search?q=Baclofen", "Baclofen") in doc.links
    _, nothing = page(web_client, "/search?q=qqqqqqqqzzzz")
    assert "/drugs" in nothing.hrefs()
    html, _ = page(web_client, "/search", status=200)
    assert "Search the library" in html
    page(web_client, "/search?q=" + "a" * 201, status=400)


def test_helpful_404(web_client):
    html, doc = page(web_client, "/drugs/baclofn", status=404)
    assert "Did you mean" in html and "/drugs/baclofen" in doc.hrefs()
    html, doc = page(web_client, "/no/such/tizanidin", status=404)
    assert "/drugs/tizanidine" in doc.hrefs()
    assert doc.find("form", action="/search")


def test_sitemap(web_client, library):
    r = web_client.get("/sitemap.xml", headers={"host": "health.example:8443"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ElementTree.fromstring(r.content).findall("s:url/s:loc", ns)]
    assert "http://health.example:8443/drugs/baclofen" in locs
    assert all(loc.startswith("http://health.example:8443/") for loc in locs)
    for g in library.guides():
        assert f"http://health.example:8443/drugs/{g.slug}" in locs
    assert "http://health.example:8443/compare/baclofen-vs-tizanidine" in locs or \
        "http://health.example:8443/compare/tizanidine-vs-baclofen" in locs
    # the sitemap depends on the Host, so it is never answered from another host's copy
    other = web_client.get("/sitemap.xml", headers={"host": "other.example"}).text
    assert "http://other.example/drugs/baclofen" in other and "health.example" not in other
    robots = web_client.get("/robots.txt").text
    assert "Disallow: /search" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_static_files_are_versioned(web_client):
    html = web_client.get("/").text
    href = re.search(r'href="(/static/style\.css\?v=[0-9a-f]+)"', html).group(1)
    r = web_client.get(href)
    assert r.status_code == 200 and "immutable" in r.headers["cache-control"]
    assert r.headers["content-type"].startswith("text/css")
    unversioned = web_client.get("/static/style.css")
    assert "immutable" not in unversioned.headers["cache-control"]
    js = re.search(r'src="(/static/suggest\.js\?v=[0-9a-f]+)"', html).group(1)
    assert web_client.get(js).headers["content-type"].startswith("text/javascript")
    page(web_client, "/static/../../etc/passwd", status=404)


def test_pages_are_cached_per_library_version(web_client):
    cache = web_client.app.state.cache
    web_client.get("/drugs/tizanidine")
    size = len(cache)
    first = web_client.get("/drugs/tizanidine")
    assert len(cache) == size
    assert web_client.get("/drugs/tizanidine", headers={"if-none-match": first.headers["etag"]}).status_code == 304


@pytest.fixture(scope="module")
def exported(tmp_path_factory, library):
    out = tmp_path_factory.mktemp("site")
    return out, export_static(library, out)


def test_static_export(exported, library):
    out, count = exported
    guide = out / "drugs" / "baclofen" / "index.html"
    assert guide.exists()
    assert count >= len(library.guides()) + 4
    doc = Outline(guide.read_text())
    assert ("h1", "Baclofen") in doc.headings
    assert "/compare/baclofen-vs-tizanidine" in doc.hrefs()
    assert (out / "compare" / "baclofen-vs-tizanidine" / "index.html").exists()
    assert (out / "index.html").exists() and (out / "404.html").exists()
    assert (out / "static" / "style.css").read_bytes()
    for path in (guide, out / "index.html", out / "drugs" / "index.html"):
        text = path.read_text()
        # nothing that needs a server: no search form, no query-string links
        assert 'action="/search"' not in text and "?letter=" not in text
        assert 'http-equiv="Content-Security-Policy"' in text
    html_files = list(out.rglob("index.html"))
    assert len(html_files) == count
