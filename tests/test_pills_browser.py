"""The pill finder as a person uses it: Debian's chromium, with and without JavaScript, against a
real server over a library with imported labels. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from healthlib.library.imports import run_import

from .test_browser import DESKTOP, PHONE, browser, new_page, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "labels" / "spl"
WARNING = "Don't take a pill you can't identify for sure — ask a pharmacist."


@pytest.fixture(scope="module")
def pill_server(tmp_path_factory, live_server):
    db = tmp_path_factory.mktemp("pills-browser") / "library.db"
    run_import("spl", [FIXTURES / "sildenafil-tablets-pills-rx.xml", FIXTURES / "baclofen-tablets-rx.xml"], db)
    with live_server(db) as base:
        yield base


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_find_a_pill_by_imprint_and_colour(pill_server, new_page, viewport, tag, javascript):  # noqa: F811
    from playwright.sync_api import expect

    page, problems = new_page(viewport, javascript=javascript)
    page.goto(pill_server + "/")
    page.get_by_role("link", name="Pill finder").click()
    page.wait_for_url(re.compile(r"/pills$"))
    expect(page.get_by_role("note")).to_have_text(WARNING)
    if not javascript:
        shot(page, f"{tag}-pills-empty")
    page.get_by_label("Imprint").fill("50 exl")
    page.get_by_label("Colour").select_option("blue")
    page.get_by_role("button", name="Find").click()
    page.wait_for_url(re.compile(r"/pills\?imprint=50\+exl&color=blue&shape=$"))
    expect(page.get_by_role("note")).to_have_text(WARNING)
    expect(page.get_by_role("heading", level=2)).to_have_text("1 pill matches")
    card = page.locator(".pill-card")
    expect(card).to_contain_text("Imprint EXL 50, blue, diamond, 11 mm")
    expect(card).to_contain_text("Example Pharma Inc")
    # nothing runs off the side of a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    if not javascript:
        page.mouse.wheel(0, 600 if tag == "phone" else 0)
        page.wait_for_timeout(200)
        shot(page, f"{tag}-pills-results")
    card.get_by_role("link", name="Sildenafil", exact=True).click()
    page.wait_for_url(re.compile(r"/drugs/sildenafil$"))
    expect(page.locator("#what-is")).to_contain_text("50 mg: imprint EXL 50, blue, diamond")
    assert problems == []
