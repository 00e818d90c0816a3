"""The phone-first guide page as a person sees it, in Debian's chromium (marker `browser`).

Baclofen, warfarin and methotrexate must be at least 40 % shorter on a 390 px phone than before
(tests/fixtures/guide-page-before.json); the way to overdose help is on the first screen; the dose
table stacks on a phone with nothing clipped. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ARTIFACTS
from .test_browser import DESKTOP, PHONE, browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
BEFORE = json.loads((Path(__file__).parent / "fixtures" / "guide-page-before.json").read_text())["heights_px"]


def _page(chromium, viewport: dict):
    context = chromium.new_context(viewport=viewport)
    return context, context.new_page()


@pytest.mark.parametrize("slug", sorted(BEFORE))
def test_phone_page_is_at_least_40_percent_shorter(browser, server, slug):  # noqa: F811  (fixtures from test_browser)
    context, page = _page(browser, PHONE)
    page.goto(f"{server}/drugs/{slug}")
    height = page.evaluate("document.documentElement.scrollHeight")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-guide-{slug}.png"))
    context.close()
    assert height <= 0.6 * BEFORE[slug], f"{slug}: {height}px, before {BEFORE[slug]}px"


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_get_help_is_on_the_first_screen_and_opens_the_overdose_answer(browser, server, viewport, tag):  # noqa: F811  (fixtures from test_browser)
    context, page = _page(browser, viewport)
    page.goto(f"{server}/drugs/baclofen")
    link = page.locator(".get-help a")
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= viewport["height"]
    page.screenshot(path=str(ARTIFACTS / f"{tag}-guide-baclofen-first-screen.png"))
    link.click()
    answer = page.locator("#faq-overdose p")
    assert answer.is_visible() and "1-800-222-1222" in answer.inner_text()
    context.close()


@pytest.mark.parametrize("viewport,tag", [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_dose_table_opens_and_nothing_is_clipped(browser, server, viewport, tag):  # noqa: F811  (fixtures from test_browser)
    context, page = _page(browser, viewport)
    page.goto(f"{server}/drugs/methotrexate")
    page.click("#how-to-take details.fold > summary")
    page.click("details.dose-table > summary")
    table = page.locator("details.dose-table table")
    assert table.is_visible()
    width = page.evaluate("document.querySelector('details.dose-table table').scrollWidth")
    wrap = page.evaluate("document.querySelector('details.dose-table .table-wrap').clientWidth")
    if tag == "phone":
        assert width <= wrap  # stacked cards: no sideways scrolling, no clipped column
        assert page.locator('details.dose-table td[data-label="Notes"]').first.is_visible()
    table.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{tag}-guide-methotrexate-doses.png"))
    context.close()
