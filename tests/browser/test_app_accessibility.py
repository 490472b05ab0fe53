"""Accessibility in app mode: axe-core (bundled by ``axe-playwright-python``, so it runs offline)
on every day's page with the demo team open, and Day 1 done with the keyboard alone.

The target is WCAG 2.1 AA: no serious and no critical violation on any page. The counts of every
severity are printed (``-s``) for the record in docs/decisions.md."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "01_day1_worthy_goal.ipynb",
    "02_day2_resource_map.ipynb",
    "03_day3_meeting_time.ipynb",
    "04_through_the_year.ipynb",
]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def rendered_demo(new_page: Callable[[], Any], app_server: Any, day_page: Any, nb: str) -> Any:
    """The page of ``nb`` with the demo team open, once every widget is drawn."""
    from playwright.sync_api import expect

    day = day_page(new_page(), f"{app_server.day_url(nb)}?team=demo").open()
    day.expect_current_team("(demo)")
    expect(day.locator(".widget-loading, .jupyter-widgets-loading")).to_have_count(0)
    return day


def violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    result = Axe().run(page, options=options)
    found: list[dict[str, Any]] = result.response["violations"]
    return found


@pytest.mark.parametrize("notebook", PAGES)
def test_no_serious_or_critical_axe_violation_with_the_demo_team(
    notebook: str, new_page: Callable[[], Any], app_server: Any, day_page: Any
) -> None:
    day = rendered_demo(new_page, app_server, day_page, notebook)
    found = violations(day.page)
    counts = Counter(v["impact"] for v in found)
    print(f"\naxe {notebook}: {dict(counts)}")
    for v in found:
        targets = [n["html"][:160] for n in v["nodes"][:3]]
        print(f"  {v['impact']:9} {v['id']}: {len(v['nodes'])} x, e.g. {json.dumps(targets)}")
    severe = [v["id"] for v in found if v["impact"] in ("serious", "critical")]
    assert severe == [], f"serious or critical axe violations on {notebook}: {severe}"
    # the language of the room: no developer text, and the tab is titled by the day's heading
    text = day.page.inner_text("#rendered_cells")
    for marker in DEVELOPER_TEXT:
        assert marker not in text, f"{marker!r} is on the page {notebook}"
    print(f"  smallest text: {day.page.evaluate(SMALLEST_TEXT)}")  # for the record, not a check
    heading = day.page.inner_text("h1").strip().removesuffix("¶").strip()
    assert day.page.title() == heading


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEVELOPER_TEXT = (".ipynb", ".yaml", ".md", "Run All", "String should", "(the whole file)", "`")
SMALLEST_TEXT = """() => {
  let least = [1000, ''];
  for (const e of document.getElementById('rendered_cells').querySelectorAll('*')) {
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || e.offsetParent === null) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    const what = e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 30);
    if (size < least[0]) least = [size, what];
  }
  return least;
}"""
OFF_SCREEN = """width => Array.from(document.getElementById('rendered_cells')
    .querySelectorAll('button, input, select, textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => e.getBoundingClientRect().right > width + 1)
  .map(e => (e.className || e.tagName) + ' ' + (e.innerText || e.value || '').slice(0, 40))"""


def test_projector_and_narrow_views_keep_every_control_on_screen(
    new_page: Callable[[], Any], app_server: Any, day_page: Any
) -> None:
    """Day 2 with the demo team at 1920 px (a projector) and 800 px: no control is cut off
    the right edge. Both views are saved for the README."""
    day = rendered_demo(new_page, app_server, day_page, "02_day2_resource_map.ipynb")
    for width, name in ((1920, "projector"), (800, "narrow")):
        day.page.set_viewport_size({"width": width, "height": 2400})
        day.page.locator("#activity-inventory").evaluate("e => e.scrollIntoView({block: 'start'})")
        day.page.screenshot(
            path=str(SCREENSHOTS / f"{name}.png"),
            clip={"x": 0, "y": 0, "width": width, "height": 1500},
        )
        assert day.page.evaluate(OFF_SCREEN, width) == [], f"controls off-screen at {width} px"


def tab_to(page: Any, css: str, limit: int = 300) -> None:
    """Press Tab until the focused element matches ``css`` (as a keyboard user moves on)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("css => !!document.activeElement?.matches(css)", css):
            return
    raise AssertionError(f"{css} was not reached with Tab in {limit} presses")


def test_day1_with_the_keyboard_alone_create_a_team_add_a_member_and_save(
    open_day: Callable[[str], Any],
) -> None:
    """No mouse: Tab to a field, type, Tab on; Enter presses a button; a letter picks a role."""
    from playwright.sync_api import expect

    day = open_day("01_day1_worthy_goal.ipynb")
    page = day.page
    tab_to(page, ".wk-new-team-name input")
    page.keyboard.type("Keyboard Room ILT")
    tab_to(page, "button.wk-create-team")
    page.keyboard.press("Enter")
    day.expect_message(".wk-team-picker", "Created a workbook for Keyboard Room ILT")
    tab_to(page, ".wk-roster .wk-col-name input")
    page.keyboard.type("Ana Ruiz")
    tab_to(page, ".wk-roster .wk-col-role select")
    page.keyboard.type("L")  # picks "Lead teacher", as typing a letter does in any list
    expect(page.locator(".wk-roster .wk-col-role select").first).to_have_value("Lead teacher")
    tab_to(page, "button.wk-save-roster")
    # the focus ring is drawn: a visible outline on the focused button
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), f"no focus outline on the Save button: {outline!r}"
    page.keyboard.press("Enter")
    day.expect_message(".wk-roster", "Saved the roster: 1 member.")
