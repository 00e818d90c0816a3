"""Phone page height of the longest guides, measured in Debian's chromium at 390 px wide.

`python benchmarks/run_all.py guide_pages` prints the table; the README quotes it. A guide
page that scrolls for 18 screens hides its danger signs; the target is at least 40 % shorter
than the long single-column page the issue measured.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SLUGS = ("baclofen", "warfarin", "methotrexate")
PHONE = {"width": 390, "height": 844}
# Heights of the same pages before the phone-first layout (commit 984e98a), measured the same way.
BEFORE_PX = json.loads((ROOT / "tests" / "fixtures" / "guide-page-before.json").read_text())["heights_px"]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def measure(base: str, slugs: tuple[str, ...] = SLUGS) -> dict[str, int]:
    from playwright.sync_api import sync_playwright

    heights: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        for slug in slugs:
            page.goto(f"{base}/drugs/{slug}")
            heights[slug] = int(page.evaluate("document.documentElement.scrollHeight"))
        context.close()
        browser.close()
    return heights


def main() -> int:
    from conftest import running_server  # the tests' real uvicorn server on a free port
    from healthlib.library.build import build_builtin

    if not Path(CHROMIUM).exists():
        print("chromium missing: skipped")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        build_builtin(db)
        with running_server(db) as base:
            heights = measure(base)
    print("| Guide | Before (px) | Now (px) | Shorter |")
    print("|---|---|---|---|")
    failed = 0
    for slug, now in heights.items():
        before = BEFORE_PX.get(slug) or now
        cut = 1 - now / before
        failed += cut < 0.40 and bool(BEFORE_PX.get(slug))
        print(f"| {slug} | {before} | {now} | {cut:.0%} |")
    return int(failed > 0 and os.environ.get("HEALTHLIB_STRICT") == "1")


if __name__ == "__main__":
    sys.exit(main())
