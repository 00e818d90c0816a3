"""Guide HTML is rendered once, with its links in (compose/render.py): each comparison links to
its side-by-side page and each alternative to its guide, for the guides the library has when it
is built. A label import that adds a missing target brings the links in; the page, the static
export and `healthlib show --format html` all serve the same stored fragment."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from healthlib.library.build import build_library
from healthlib.library.imports import run_import
from healthlib.library.query import Library
from healthlib.readers.curated import read_builtin
from healthlib.surfaces.web.app import create_app
from healthlib.surfaces.web.export import export_static

from .test_cli import run

LABEL = Path(__file__).parent / "fixtures" / "labels" / "spl" / "baclofen-tablets-rx.xml"
COMPARE_LINK = ('<p class="compare-link"><a href="/compare/tizanidine-vs-baclofen">'
                "See Tizanidine and Baclofen side by side</a></p>")
CHIP = '<li><a href="/drugs/baclofen">Baclofen</a></li>'


def _fragment(page: str) -> str:
    start = page.index('<article class="guide"')
    return page[start:page.index("</article>", start) + len("</article>")]


def test_every_link_is_in_the_stored_guide_and_the_page_serves_it_as_stored(library, web_client):
    html = library.article_html("baclofen")
    assert ('<p class="compare-link"><a href="/compare/baclofen-vs-tizanidine">'
            "See Baclofen and Tizanidine side by side</a></p>") in html
    assert '<p class="related-label">Read the guides:</p><ul class="chips">' in html
    assert '<li><a href="/drugs/tizanidine">Tizanidine</a></li>' in html
    assert _fragment(web_client.get("/drugs/baclofen").text) == html


def test_show_html_and_the_static_export_give_the_same_fragment(built_library, library, tmp_path):
    shown = run("show", "baclofen", "--format", "html", db=built_library)
    assert shown.returncode == 0 and shown.stdout.rstrip("\n") == library.article_html("baclofen")
    export_static(library, tmp_path / "site")
    page = (tmp_path / "site" / "drugs" / "baclofen" / "index.html").read_text()
    assert _fragment(page) == library.article_html("baclofen")


@pytest.fixture(scope="module")
def without_baclofen(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("links") / "library.db"
    build_library(db, [m for m in read_builtin() if m.slug != "baclofen"])
    return db


def test_a_target_the_library_lacks_gets_no_link_and_an_import_that_adds_it_brings_the_link(without_baclofen):
    db = without_baclofen
    before = Library(db).article_html("tizanidine")
    assert "tizanidine-vs-baclofen" not in before and '"/drugs/baclofen"' not in before
    page = TestClient(create_app(db)).get("/drugs/tizanidine").text
    assert "/compare/tizanidine-vs-baclofen" not in page and '"/drugs/baclofen"' not in page

    run_import("spl", [LABEL], db)
    lib = Library(db)
    assert lib.has("baclofen")
    after = lib.article_html("tizanidine")
    assert COMPARE_LINK in after and CHIP in after
    assert _fragment(TestClient(create_app(db)).get("/drugs/tizanidine").text) == after
