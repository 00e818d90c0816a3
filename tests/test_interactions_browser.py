"""The interaction checker in a real browser (Debian chromium): without JavaScript (a GET form,
the list in the address) and with it (autocomplete, "my medicines" kept in localStorage).
Screenshots at 390 px and 1280 px go to test-artifacts/."""

from __future__ import annotations

import json
import re

import pytest

from .test_browser import DESKTOP, PHONE, browser, new_page, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_check_two_medicines_without_javascript(server, new_page, viewport, tag):  # noqa: F811
    from playwright.sync_api import expect

    page, _ = new_page(viewport, javascript=False)
    page.goto(server + "/drugs/warfarin")
    page.get_by_role("link", name="Check with your other medicines").click()
    page.wait_for_url(re.compile(r"/interactions\?m=warfarin$"))
    expect(page.locator("#med-list li")).to_have_count(1)
    page.get_by_label("Add a medicine").fill("advil")
    page.get_by_role("button", name="Add and check").click()
    page.wait_for_url(re.compile(r"m=warfarin&m=advil"))
    expect(page.locator("#med-list li")).to_have_count(2)
    first = page.locator("article.finding").first
    expect(first.locator(".badge")).to_have_text("Serious")
    expect(first.locator("h3")).to_contain_text("Warfarin + ibuprofen")
    expect(first.get_by_role("link", name="The warfarin guide")).to_have_attribute("href", "/drugs/warfarin#interactions")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, f"{tag}-interactions-nojs")
    assert "safe" not in page.locator(".notice").first.inner_text().lower()
    # add a third by brand, then remove one with its link
    page.get_by_label("Add a medicine").fill("Tylenol")
    page.get_by_role("button", name="Add and check").click()
    expect(page.locator("#med-list li")).to_have_count(3)
    page.locator("#med-list li", has_text="advil").get_by_role("link", name=re.compile("Remove")).click()
    expect(page.locator("#med-list li")).to_have_count(2)
    assert "advil" not in page.url
    expect(page.locator("#my-medicines")).to_be_hidden()  # the saved list needs JavaScript


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_my_medicines_kept_in_this_browser(server, new_page, viewport, tag):  # noqa: F811
    from playwright.sync_api import expect

    page, problems = new_page(viewport)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server + "/interactions")
    # autocomplete fills the add box's suggestions from /api/v1/autocomplete
    page.get_by_label("Add a medicine").press_sequentially("sertr", delay=30)
    expect(page.locator("#add-medicine-names option").first).to_be_attached()
    page.get_by_label("Add a medicine").fill("sertraline")
    page.get_by_role("button", name="Add").click()
    page.get_by_label("Add a medicine").fill("tramadol")
    page.get_by_role("button", name="Add and check").click()
    expect(page.locator("article.finding").first.locator(".badge")).to_have_text("Serious")
    page.get_by_role("button", name="Save this list on this device").click()
    expect(page.get_by_role("button", name="Saved on this device")).to_be_disabled()
    saved = page.evaluate("window.localStorage.getItem('healthlib.myMedicines')")
    assert json.loads(saved) == ["sertraline", "tramadol"]
    # saving sent nothing: every request so far is a page, a static file or autocomplete
    assert all(re.search(r"/(interactions|static/|api/v1/autocomplete)", u) for u in requests), requests

    page.goto(server + "/interactions")
    panel = page.locator("#my-medicines")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("sertraline, tramadol")
    shot(page, f"{tag}-interactions-saved-list")
    panel.get_by_role("link", name="Check my medicines").click()
    page.wait_for_url(re.compile(r"m=sertraline&m=tramadol"))
    expect(page.locator("article.finding").first).to_contain_text("Sertraline + tramadol")
    page.locator("article.finding").first.scroll_into_view_if_needed()
    shot(page, f"{tag}-interactions-results")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.goto(server + "/interactions")
    page.get_by_role("button", name="Forget my list").click()
    expect(panel).to_be_hidden()
    assert page.evaluate("window.localStorage.getItem('healthlib.myMedicines')") is None
    assert not problems, problems  # no script errors, no CSP violations
