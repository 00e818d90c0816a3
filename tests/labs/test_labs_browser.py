"""A person uploads a lab report on /labs in Debian's chromium and sees it explained, critical first.

Screenshots (phone and desktop) go to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re

import pytest

from ..conftest import ARTIFACTS
from ..test_browser import DESKTOP, PHONE, browser, new_page, server  # noqa: F401 - shared fixtures
from .corpus import make_report

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("viewport", "tag"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_upload_a_report_and_see_it_explained(server, new_page, viewport, tag, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    report = make_report("us-table", 3)  # a critical calcium among 16 results
    path = tmp_path / "report.pdf"
    path.write_bytes(report.data)
    page, problems = new_page(viewport, javascript=False)  # a plain form: no JavaScript needed
    page.goto(server + "/")
    page.get_by_role("link", name="Lab results").click()
    page.wait_for_url(re.compile(r"/labs$"))
    expect(page.get_by_text("your report is read in memory and never stored", exact=False)).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{tag}-labs-form.png"), full_page=True)

    page.get_by_label("Upload your report").set_input_files(str(path))
    page.get_by_role("button", name="Explain my results").first.click()
    page.wait_for_load_state()
    urgent = page.get_by_role("alert")
    expect(urgent).to_contain_text("Calcium")
    results = page.locator("li.lab-result")
    expect(results).to_have_count(len(report.truth))
    expect(results.first).to_contain_text("Critical: very high")
    expect(results.first.locator(".lab-status")).to_have_css("background-color", "rgb(180, 35, 24)")
    expect(page.locator("li.lab-result.status-normal").first).to_contain_text("Normal")
    body = page.locator("body").inner_text()
    assert not [s for s in report.person.secrets() if s in body]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.screenshot(path=str(ARTIFACTS / f"{tag}-labs-results.png"), full_page=False)
    page.screenshot(path=str(ARTIFACTS / f"{tag}-labs-results-full.png"), full_page=True)
    assert not problems, problems
