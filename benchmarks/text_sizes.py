"""Text sizes and axe-core on every app page: what a room sees, measured in the system Chromium.

Starts its own ``workshop-kit app`` (the pages server) on 127.0.0.1 (temporary workspace with the
demo team), opens each page (the days with the demo team, as a facilitator's link does; the
facilitator's pages with the facilitator's join code, as the browser would hold it) with every
activity opened, at 1366 px with normal type, and at 1920 px with the page's "Large type" switch
pressed, and prints per page and view:

* the smallest rendered text (px) of visible text on the page, and which text it is (text a
  screen reader alone reads, ``.wk-visually-hidden``, is not visible and not counted);
* the smallest text inside the charts as drawn (the SVG's font size times the chart's scale);
* the width of the widest chart, and whether any control is off the right edge;
* axe-core's WCAG 2.0/2.1 A and AA violations by severity (critical / serious / moderate / minor).

Run: ``.venv/bin/python benchmarks/text_sizes.py`` (about 3 minutes). It prints figures; it never
decides pass or fail (tests/browser/test_pages_accessibility.py does).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import (
    CHROMIUM,
    CHROMIUM_ARGS,
    closed_activities,
    open_activities,
    stop_server,
    wait_until_answering,
)

RENDER_TIMEOUT_MS = 120_000
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEVERITIES = ("critical", "serious", "moderate", "minor")
#: (label, address, the day's configuration ("": not a day page), drawn once this shows, the
#: join code the browser holds ("facilitator" or none)); a day page is drawn once its team picker
#: shows the demo team and every activity's place is there
PAGES = [
    ("Landing", "/?team=demo", "", ".wk-landing", ""),
    ("Facilitator guide", "/guide?team=demo", "", ".wk-agenda-download a", "facilitator"),
    ("Facilitator overview", "/overview?team=demo", "", "button.wk-refresh-overview",
     "facilitator"),
    ("Day 1", "/day1?team=demo", "day1.yaml", ".wk-team-picker", ""),
    ("Day 2", "/day2?team=demo", "day2.yaml", ".wk-team-picker", ""),
    ("Day 3", "/day3?team=demo", "day3.yaml", ".wk-team-picker", ""),
    ("Through the year", "/year?team=demo", "year.yaml", ".wk-team-picker", ""),
]  # fmt: skip
#: (view, width, large type)
VIEWS = [("1366 px", 1366, False), ("1920 px, large type", 1920, True)]

SMALLEST_TEXT = """() => {
  let least = [1000, ''];
  for (const e of document.querySelector('.wk-site').querySelectorAll('*')) {
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || e.closest('.wk-visually-hidden')) continue;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    if (style.visibility !== 'visible' || box.width < 2 || box.height < 2) continue;
    const size = parseFloat(style.fontSize) * (e.currentCSSZoom || 1);  // as drawn
    if (size < least[0]) least = [size, e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)];
  }
  return least;
}"""
#: the smallest text of any chart as drawn: matplotlib writes the SVG's text as text with a font
#: size in the SVG's own units; the chart is drawn at its box's width
CHART_TEXT = """() => {
  let least = null, widest = 0;
  const images = document.querySelectorAll('.wk-site img[src^="data:image/svg+xml"]');
  for (const img of images) {
    const box = img.getBoundingClientRect();
    if (box.width < 2) continue;
    widest = Math.max(widest, box.width);
    const svg = new DOMParser().parseFromString(
      atob(img.src.split(',')[1]), 'image/svg+xml').documentElement;
    const viewBox = (svg.getAttribute('viewBox') || '').split(/[ ,]+/).map(Number);
    if (viewBox.length !== 4 || !viewBox[2]) continue;
    const scale = box.width / viewBox[2];
    for (const text of svg.querySelectorAll('text')) {
      const style = text.getAttribute('style') || '';
      const m = /font:[^;]*?([0-9.]+)px/.exec(style) || /font-size:\\s*([0-9.]+)/.exec(style);
      const size = (m ? parseFloat(m[1]) : parseFloat(text.getAttribute('font-size'))) * scale;
      if (!size) continue;
      if (least === null || size < least) least = size;
    }
  }
  return [least, widest];
}"""
OFF_SCREEN = """width => Array.from(document.querySelector('.wk-site')
    .querySelectorAll('button, input, select, textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => e.getBoundingClientRect().right > width + 1).length"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def app_server(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``workshop-kit app`` on a workspace in ``folder`` (it makes the demo team and the join
    codes); its address and the codes."""
    env = dict(os.environ, MPLBACKEND="Agg", WORKSHOP_KIT_WORKSPACE=str(folder / "workspace"))
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "MPLCONFIGDIR"):
        (folder / var.lower()).mkdir()
        env[var] = str(folder / var.lower())
    env.pop("WORKSHOP_KIT_TEAM", None)
    env["HOME"] = str(folder)
    port = free_port()
    command = [
        sys.executable, "-m", "workshop_kit.cli", "--workspace", str(folder / "workspace"),
        "app", "--no-browser", "--port", str(port),
    ]  # fmt: skip
    log = folder / "app.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            cwd=folder, start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(process, url, log, 120)
        from workshop_kit.store import JOIN_CODES_FILE

        codes = json.loads((folder / "workspace" / JOIN_CODES_FILE).read_text(encoding="utf-8"))
        yield url, codes
    finally:
        stop_server(process)


def axe_counts(page: Any) -> Counter[str]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    found = Axe().run(page, options=options).response["violations"]
    return Counter(v["impact"] for v in found)


def measure(browser: Any, url: str, codes: dict[str, Any], page_: tuple[str, str, str, str, str], view: tuple[str, int, bool]) -> dict[str, Any]:  # noqa: E501  # fmt: skip
    _, address, config_file, ready, code = page_
    _, width, large = view
    context = browser.new_context(viewport={"width": width, "height": 1080})
    context.route(lambda u: not u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:")),
                  lambda route: route.abort())  # fmt: skip
    if code:
        context.add_cookies([{"name": "wk-codes", "value": codes[code], "url": url}])
    try:
        page = context.new_page()
        page.set_default_timeout(RENDER_TIMEOUT_MS)
        page.goto(url + address)
        page.locator(ready).first.wait_for(state="visible")
        if config_file:  # every activity opened, as a team works through the day
            page.locator(".wk-current-team").first.filter(has_text="(demo)").wait_for()
            ids = closed_activities(config_file)
            for activity in ids:
                page.locator(f"button.wk-open-{activity}").wait_for()
            open_activities(page, ids, RENDER_TIMEOUT_MS)
        else:  # whatever the page holds behind "Open this activity"
            open_activities(page, None, RENDER_TIMEOUT_MS)
        switch = page.locator("button.wk-large-type-switch")
        if large and switch.count():  # (a page from before the switch is measured as it is)
            switch.click()
            page.wait_for_function("document.documentElement.classList.contains('wk-large-type')")
            page.wait_for_timeout(300)  # charts and wrapped rows settle at the new size
        least, text = page.evaluate(SMALLEST_TEXT)
        chart, widest = page.evaluate(CHART_TEXT)
        return {
            "text": least, "what": text, "chart": chart, "widest": widest,
            "off": page.evaluate(OFF_SCREEN, width), "axe": axe_counts(page),
        }  # fmt: skip
    finally:
        context.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        sys.exit("Chromium is missing (apt-get install chromium fonts-liberation)")
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="workshop-kit-text-") as tmp,
        app_server(Path(tmp)) as (url, codes),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_ in PAGES:
            for view in VIEWS:
                rows.append((page_[0], view[0], measure(browser, url, codes, page_, view)))
                print(f"measured {page_[0]}, {view[0]}", file=sys.stderr)
        browser.close()
    print(
        "| page | view | smallest text | (which) | smallest chart text | widest chart "
        "| controls off-screen | axe critical / serious / moderate / minor |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, view, f in rows:
        chart = "-" if f["chart"] is None else f"{f['chart']:.1f} px"
        widest = "-" if not f["widest"] else f"{f['widest']:.0f} px"
        axe = " / ".join(str(f["axe"].get(s, 0)) for s in SEVERITIES)
        print(f"| {label} | {view} | {f['text']:.1f} px | {f['what']} | {chart} | {widest} "
              f"| {f['off']} | {axe} |")  # fmt: skip


if __name__ == "__main__":
    main()
