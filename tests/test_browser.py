"""A person in a real browser: Debian's chromium, driven by Playwright, against a running server.

Screenshots (phone and desktop) go to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (`make browser-deps` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def server(built_library, live_server):
    with live_server(built_library) as base:
        yield base


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(viewport: dict, *, javascript: bool = True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []  # console errors include CSP violations
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        return page, problems

    yield make
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_find_baclofen_by_misspelling_then_compare_with_tizanidine(server, new_page, viewport, tag):
    from playwright.sync_api import expect

    page, problems = new_page(viewport)
    page.goto(server + "/")
    shot(page, f"{tag}-home")
    box = page.get_by_label("Search for a medicine or condition")  # a combobox: it has a suggestion list
    box.fill("baclophen")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/drugs/baclofen\?from=baclophen$"))
    expect(page.get_by_text("Showing Baclofen for ‘baclophen’")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Baclofen")
    expect(page.locator(".warning").first).to_be_visible()
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    shot(page, f"{tag}-guide-baclofen")
    page.locator("#side-effects").scroll_into_view_if_needed()
    shot(page, f"{tag}-guide-side-effects")
    # nothing overflows sideways on a phone
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    page.get_by_role("link", name="See Baclofen and Tizanidine side by side").click()
    page.wait_for_url(re.compile(r"/compare/baclofen-vs-tizanidine$"))
    table = page.locator("table.compare")
    expect(table).to_be_visible()
    expect(table.locator("thead th")).to_have_text(["Baclofen", "Tizanidine"])
    expect(table.locator("tbody th").first).to_have_text("What it is")
    assert table.locator("tbody tr").count() >= 5
    row = table.locator("tbody tr", has=page.locator("th", has_text="Most per day (label)"))
    expect(row.locator("td")).to_have_count(2)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, f"{tag}-compare-baclofen-tizanidine")
    assert not problems, problems


def test_search_works_without_javascript(server, new_page):
    page, _ = new_page(PHONE, javascript=False)
    page.goto(server + "/")
    page.get_by_label("Search for a medicine or condition").fill("zanaflex")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/drugs/tizanidine$"))
    page.goto(server + "/search?q=muscle+spasms")
    assert page.get_by_role("link", name="Baclofen").count() >= 1


def test_keyboard_skip_link_and_autocomplete(server, new_page):
    from playwright.sync_api import expect

    page, problems = new_page(DESKTOP)
    page.goto(server + "/drugs/tizanidine")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # the progressive enhancement: names appear in the search box's suggestion list
    page.get_by_label("Search for a medicine or condition").press_sequentially("bacl", delay=30)
    expect(page.locator("#site-search-names option").first).to_be_attached()
    values = page.eval_on_selector_all("#site-search-names option", "els => els.map(e => e.value)")
    assert "baclofen" in [v.lower() for v in values]
    assert not problems, problems


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_ask_names_a_medicine_outside_the_library_and_the_toddler_box(server, new_page, viewport, tag):
    from playwright.sync_api import expect

    page, problems = new_page(viewport, javascript=False)
    page.goto(server + "/ask?q=" + "is it safe to take toradol when breast feeding".replace(" ", "+"))
    expect(page.locator(".ask-recognised")).to_contain_text("Toradol (ketorolac) (not in this library yet)")
    expect(page.locator(".ask-answer")).to_contain_text("Toradol (ketorolac) is not in this library yet")
    assert "tramadol" not in page.locator(".ask-answer").inner_text().lower()
    shot(page, f"{tag}-ask-toradol")
    page.goto(server + "/ask?q=" + "my toddler chewed grandmas amlodipine, seems fine".replace(" ", "+"))
    box = page.locator(".ask-emergency")
    expect(box).to_contain_text("call Poison Control at 1-800-222-1222")
    assert "911" not in page.locator(".ask-answer").inner_text().split("If something is happening")[0]
    shot(page, f"{tag}-ask-toddler")
    assert not problems
