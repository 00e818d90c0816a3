"""Safe by default: escaping, input limits, security headers, no tracking, private logs."""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser

import httpx
import pytest

from healthlib.library.build import build_library
from healthlib.model.monograph import Monograph
from healthlib.readers.curated import builtin_dir, read_monograph
from healthlib.surfaces.web.app import create_app
from healthlib.surfaces.web.logs import DropQueryString
from healthlib.surfaces.web.security import CSP
from healthlib.surfaces.web.structured import script_json

from .conftest import TestClient

ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    "</title><svg/onload=alert(1)>",
    "javascript:alert(1)",
]
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY",
           "referrer-policy": "no-referrer"}


class Tags(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_no_injected_markup(html: str) -> None:
    """No element or attribute the page does not have by design: the parsed page tells."""
    for tag, attrs in Tags(html).tags:
        assert tag not in ("img", "svg", "iframe", "b"), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), (tag, attrs)
        if tag == "script":
            assert attrs.get("type") == "application/ld+json" or attrs.get("src", "").startswith("/static/")


def assert_security_headers(r: httpx.Response) -> None:
    for name, value in HEADERS.items():
        assert r.headers.get(name) == value, (str(r.url), name)


def test_csp_is_strict():
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert "default-src 'none'" in CSP and "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP


@pytest.mark.parametrize("url", ["/", "/drugs/baclofen", "/search?q=x", "/compare/baclofen-vs-tizanidine",
                                 "/api/v1/guides/baclofen", "/api/v1/search?q=" + "x" * 300, "/healthz",
                                 "/no/such/page", "/static/style.css", "/sitemap.xml", "/openapi.json"])
def test_security_headers_everywhere(web_client, url):
    assert_security_headers(web_client.get(url))


def test_pages_load_nothing_from_elsewhere_and_run_no_inline_script(web_client):
    for url in ("/", "/drugs/baclofen", "/compare/baclofen-vs-tizanidine", "/search?q=spasm", "/drugs"):
        html = web_client.get(url).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            # only data blocks or same-site files: the CSP would block anything else anyway
            assert 'type="application/ld+json"' in tag or re.search(r'src="/static/[a-z]+\.js\?v=', tag), tag
        assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', html), url
        assert " style=" not in html and "<style" not in html
        assert "cookie" not in web_client.get(url).headers.get("set-cookie", "")


@pytest.mark.parametrize("attack", ATTACKS)
def test_search_text_is_escaped(web_client, attack):
    r = web_client.get("/search", params={"q": attack})
    assert r.status_code == 200
    if any(c in attack for c in "<>\"'"):
        assert attack not in r.text  # never reflected raw
    assert_no_injected_markup(r.text)
    assert_security_headers(r)
    api = web_client.get("/api/v1/search", params={"q": attack})
    assert api.status_code == 200 and api.json()["query"] == " ".join(attack.split())
    assert api.headers["content-type"] == "application/json"


def test_value_attribute_cannot_be_broken_out_of(web_client):
    r = web_client.get("/search", params={"q": '" autofocus onfocus="alert(1)'})
    box = re.search(r'<input id="page-search"[^>]*>', r.text).group(0)
    assert 'onfocus="alert' not in box
    assert "&#34; autofocus onfocus=&#34;alert(1)" in box


@pytest.mark.parametrize("attack", ATTACKS)
def test_paths_are_escaped(web_client, attack):
    for url in (f"/drugs/{attack}", f"/compare/{attack}-vs-baclofen", f"/classes/{attack}", f"/x/{attack}"):
        r = web_client.get(url.replace("?", "%3F"))
        assert r.status_code in (404, 422), url
        if any(c in attack for c in "<>\"'"):
            assert attack not in r.text, url
        assert_no_injected_markup(r.text)


def test_headers_are_not_reflected(web_client):
    r = web_client.get("/sitemap.xml", headers={"host": 'evil.example"><script>alert(1)</script>'})
    assert "<script>" not in r.text and "evil" not in r.text
    assert "http://127.0.0.1/drugs/baclofen" in r.text
    # a search that tries to add a header to the redirect
    r = web_client.get("/search", params={"q": "baclofen\r\nSet-Cookie: a=b"})
    assert "set-cookie" not in r.headers
    assert r.status_code in (200, 303) and r.headers.get("location", "/drugs/baclofen") == "/drugs/baclofen"


def test_json_ld_cannot_close_its_script_element():
    text = script_json({"name": "</script><script>alert(1)</script>", "x": "a & b < c \u2028"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>", "x": "a & b < c \u2028"}


def test_library_text_is_escaped_end_to_end(tmp_path):
    """Even text from the library (an imported label, say) cannot inject markup or script."""
    base = read_monograph(builtin_dir() / "baclofen.yaml")
    evil = "Eases stiffness </script><script>alert(1)</script> <b onclick=x>bold</b>"
    m = Monograph.model_validate({**base.model_dump(by_alias=True), "summary": {
        **base.summary.model_dump(by_alias=True), "text": evil}})
    path = tmp_path / "library.db"
    build_library(path, [m])
    with TestClient(create_app(path)) as client:
        html = client.get("/drugs/baclofen").text
        assert "<script>alert(1)" not in html and "<b onclick" not in html
        assert_no_injected_markup(html)
        ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        drug = next(n for n in json.loads(ld)["@graph"] if n["@type"] == "Drug")
        assert "</script><script>alert(1)</script>" in drug["description"]
        for url in ("/drugs", "/search?q=stiffness+bold", "/classes/muscle-relaxants"):
            text = client.get(url).text
            assert "<script>alert(1)" not in text and "<b onclick" not in text, url
            assert_no_injected_markup(text)


def test_input_length_limits(web_client):
    assert web_client.get("/search", params={"q": "a" * 201}).status_code == 400
    assert web_client.get("/search", params={"q": "a" * 200}).status_code in (200, 303)
    assert web_client.get("/api/v1/search", params={"q": "a" * 201}).status_code == 422
    assert web_client.get("/api/v1/autocomplete", params={"q": "a" * 201}).status_code == 422
    assert web_client.get("/drugs/" + "a" * 101).status_code == 404
    assert web_client.get("/api/v1/guides/" + "a" * 101).status_code == 422
    r = web_client.get("/search", params={"q": "a" * 3000})
    assert r.status_code == 414
    assert_security_headers(r)


def test_only_reading_methods(web_client):
    assert web_client.post("/search", data={"q": "x"}).status_code == 405
    assert web_client.delete("/api/v1/guides/baclofen").status_code == 405
    assert web_client.head("/drugs/baclofen").status_code == 200


def test_no_docs_pages_that_would_need_a_cdn(web_client):
    assert web_client.get("/docs").status_code == 404
    assert web_client.get("/redoc").status_code == 404


def test_api_allows_cross_site_reads_but_pages_do_not_advertise_it(web_client):
    assert web_client.get("/api/v1/guides").headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in web_client.get("/").headers


def test_search_pages_are_kept_out_of_shared_caches(web_client):
    for url in ("/search?q=spasm", "/api/v1/search?q=spasm", "/api/v1/autocomplete?q=ba"):
        assert web_client.get(url).headers["cache-control"].startswith("private"), url


def test_access_log_filter_drops_query_string():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5000", "GET", "/search?q=my+private+worry", "1.1", 200), None)
    assert DropQueryString().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /search HTTP/1.1" 200'


@pytest.mark.parametrize("log_search", [False, True])
def test_server_logs_search_text_only_when_asked(built_library, live_server, tmp_path, log_search):
    log = tmp_path / "server.log"
    with live_server(built_library, log_search=log_search, log_file=log) as base:
        assert httpx.get(f"{base}/search", params={"q": "secretworry"}).status_code == 200
        assert httpx.get(f"{base}/api/v1/autocomplete", params={"q": "secretprefix"}).status_code == 200
    text = log.read_text()
    assert '"GET /search' in text and '"GET /api/v1/autocomplete' in text, text
    assert ("secretworry" in text) is log_search
    assert ("secretprefix" in text) is log_search
