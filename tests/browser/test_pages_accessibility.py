"""Accessibility of the pages served by one Solara process (``workshop-kit app``), in a real
Chromium: axe-core (bundled by ``axe-playwright-python``, so it runs offline) on every page with
every activity opened, the "Large type" switch for the projector, and a keyboard path.

The target is the Voila pages' (tests/browser/test_app_accessibility.py): WCAG 2.1 AA with no
serious and no critical violation on any page. The counts of every severity are printed (``-s``)
for the record in docs/decisions.md. One server and one browser serve the whole module."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    VIEWPORT,
    OfflinePage,
    PagesServer,
    remember_code,
)

pytestmark = pytest.mark.browser

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 60_000  # a ceiling for what a person waits for, on a busy 2-core machine
#: the activities behind an "Open this activity" button, by the id in the button's class
CLOSED = """() => Array.from(document.querySelectorAll('.wk-site button.wk-open-activity'))
  .map(b => Array.from(b.classList)
    .find(c => c.startsWith('wk-open-') && c !== 'wk-open-activity'))"""
#: the smallest visible text on the page, as drawn (CSS zoom included); screen-reader-only text
#: (.wk-visually-hidden) is not seen, so not counted
SMALLEST_TEXT = """() => {
  let least = [1000, ''];
  for (const e of document.querySelector('.wk-site').querySelectorAll('*')) {
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || e.closest('.wk-visually-hidden')) continue;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    if (style.visibility !== 'visible' || box.width < 2 || box.height < 2) continue;
    const size = parseFloat(style.fontSize) * (e.currentCSSZoom || 1);
    if (size < least[0]) least = [size, e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)];
  }
  return least;
}"""


def violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    result = Axe().run(page, options=options)
    found: list[dict[str, Any]] = result.response["violations"]
    return found


def severe_violations(page: Any, label: str) -> list[str]:
    """axe's findings on the page, every one printed; the serious and critical ones returned."""
    found = violations(page)
    print(f"\naxe {label}: {dict(Counter(v['impact'] for v in found))}")
    for v in found:
        targets = [n["html"][:160] for n in v["nodes"][:3]]
        print(f"  {v['impact']:9} {v['id']}: {len(v['nodes'])} x, e.g. {json.dumps(targets)}")
    return [v["id"] for v in found if v["impact"] in ("serious", "critical")]


def open_every_activity(page: Any) -> list[str]:
    """Press every "Open this activity" button, as a team does; wait until each panel has taken
    its button's place."""
    from playwright.sync_api import expect

    closed: list[str] = page.evaluate(CLOSED)
    for activity in closed:
        page.locator(f"button.{activity}").click()
    for activity in closed:
        expect(page.locator(f"button.{activity}")).to_have_count(0, timeout=TIMEOUT_MS)
    return closed


@dataclass(frozen=True)
class SitePage:
    label: str
    address: str  # path and query
    ready: str  # drawn once the page is there
    code: str = ""  # the join code the browser holds: "facilitator", or none
    activities: int = 0  # at least this many "Open this activity" buttons


PAGES = [
    SitePage("the landing page", "/?team=demo", ".wk-landing"),
    SitePage("the landing page without a team", "/", ".wk-join-code input"),
    SitePage("Day 1", "/day1?team=demo", ".wk-team-picker", activities=8),
    SitePage("Day 2", "/day2?team=demo", ".wk-team-picker", activities=7),
    SitePage("Day 3", "/day3?team=demo", ".wk-team-picker", activities=10),
    SitePage("the year page", "/year?team=demo", ".wk-team-picker", activities=6),
    SitePage("the facilitator guide", "/guide?team=demo", ".wk-agenda-download a", "facilitator"),
    SitePage(
        "the facilitator overview", "/overview?team=demo", "button.wk-refresh-overview",
        "facilitator",
    ),
    SitePage("the join page", "/day1?team=lincoln-ilt", ".wk-join-code input"),
]  # fmt: skip


@pytest.mark.parametrize("site_page", PAGES, ids=[p.label.replace(" ", "-") for p in PAGES])
def test_every_page_with_every_activity_open_passes_axe(
    site_page: SitePage, pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> None:
    """No serious or critical axe violation, with every activity of the page open; no text
    under 16 px; nothing asked of another machine."""
    offline = new_page()
    page = offline.page
    if site_page.code:
        remember_code(offline, pages_server.url, pages_server.join_codes()[site_page.code])
    page.goto(pages_server.url + site_page.address, timeout=RENDER_TIMEOUT_MS)
    page.locator(site_page.ready).first.wait_for(timeout=RENDER_TIMEOUT_MS)
    opened = open_every_activity(page)
    assert len(opened) >= site_page.activities, opened
    severe = severe_violations(page, f"{site_page.label}, {len(opened)} activities open")
    assert severe == [], f"serious or critical axe violations on {site_page.label}: {severe}"
    size, what = page.evaluate(SMALLEST_TEXT)
    print(f"  smallest text: {size} px ({what!r})")
    assert size >= 16, f"text of {size} px on {site_page.label}: {what!r}"
    assert offline.off_machine == [], offline.off_machine


def test_the_page_for_an_unknown_address_passes_axe(
    pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> None:
    """The kit's own page for an address that names no page (status 404): no serious or
    critical axe violation either."""
    offline = new_page()
    page = offline.page
    page.goto(f"{pages_server.url}/dya1?team=demo", timeout=RENDER_TIMEOUT_MS)
    page.locator(".wk-not-found h1").wait_for(timeout=RENDER_TIMEOUT_MS)
    severe = severe_violations(page, "the page for an unknown address")
    assert severe == [], f"serious or critical axe violations: {severe}"
    assert offline.off_machine == [], offline.off_machine


# -- the projector ------------------------------------------------------------------------------

#: text and controls as drawn: the computed size times the CSS zoom large type applies
SIZES = """() => {
  const of = css => {
    const e = document.querySelector(css);
    return parseFloat(getComputedStyle(e).fontSize) * e.currentCSSZoom;
  };
  const drawn = css => document.querySelector(css).getBoundingClientRect();
  return {
    body: of('.wk-site .wk-prose p'), label: of('.wk-new-team-name label'),
    button: of('button.wk-open-norms'), input: of('.wk-new-team-name input'),
    control: drawn('button.wk-open-norms').height,
  };
}"""
#: controls drawn beyond the window's edges
OFF_SCREEN = """width => Array.from(document.querySelectorAll(
    '.wk-site button, .wk-site input, .wk-site select, .wk-site textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
  .map(e => (e.className || e.tagName) + ' ' + (e.innerText || e.value || '').slice(0, 40))"""


def tab_to(page: Any, css: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches ``css`` (as a keyboard user moves on)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("css => !!document.activeElement?.matches(css)", css):
            return
    raise AssertionError(f"{css} was not reached with Tab in {limit} presses")


def test_large_type_grows_the_text_and_the_choice_survives_a_reload(
    pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> None:
    """Day 1 of the demo team: the switch is reached with Tab and pressed with Enter; text and
    controls grow by about a third and none leaves the window; a reload keeps the choice (the
    Voila pages' key in localStorage, so a browser's choice holds on both kinds of page);
    pressed again, normal type, kept over a reload too."""
    from playwright.sync_api import expect

    page = new_page().page
    url = f"{pages_server.url}/day1?team=demo"
    page.goto(url, timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-norms").wait_for(timeout=RENDER_TIMEOUT_MS)
    switch = page.get_by_role("button", name="Large type")
    expect(switch).to_have_attribute("aria-pressed", "false")
    normal = page.evaluate(SIZES)
    assert normal["body"] == 18 and min(normal.values()) > 0, normal

    tab_to(page, ".wk-large-type-switch")
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => localStorage.getItem('workshop-kit.large-type')") == "on"
    large = page.evaluate(SIZES)
    for key, value in normal.items():
        assert large[key] >= 1.3 * value, f"{key}: {value} -> {large[key]}"
    page.locator("button.wk-open-norms").click()  # a panel open too: its fields and buttons
    page.locator(".wk-norms-text textarea").wait_for(timeout=TIMEOUT_MS)
    assert page.evaluate(OFF_SCREEN, VIEWPORT["width"]) == [], "controls off-screen, large type"

    page.reload(timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-norms").wait_for(timeout=RENDER_TIMEOUT_MS)
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(SIZES)["body"] == large["body"], "the choice is kept over a reload"

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(SIZES)["body"] == normal["body"]
    page.reload(timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-norms").wait_for(timeout=RENDER_TIMEOUT_MS)
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(SIZES)["body"] == normal["body"]


def test_day1_with_the_keyboard_alone_open_the_norms_type_and_save(
    pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> None:
    """No mouse: Tab to "Open this activity", Enter opens it; Tab into the norms, type, Tab on;
    a Space ticks "agreed"; Enter on Save saves. The focused button shows its focus ring."""
    from playwright.sync_api import expect

    page = new_page().page
    page.goto(f"{pages_server.url}/day1?team=demo", timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-norms").wait_for(timeout=RENDER_TIMEOUT_MS)
    tab_to(page, "button.wk-open-norms")
    page.keyboard.press("Enter")
    box = page.locator(".wk-norms-text textarea")
    box.wait_for(timeout=TIMEOUT_MS)
    tab_to(page, ".wk-norms-text textarea")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Typed with the keyboard alone")
    tab_to(page, "button.wk-save-norms")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), f"no focus ring on the Save button: {outline!r}"
    page.keyboard.press("Enter")
    expect(page.locator(".wk-norms .wk-msg.wk-ok")).to_contain_text("1 norm", timeout=TIMEOUT_MS)
    team = Path(pages_server.workspace / "demo" / "team.yaml").read_text(encoding="utf-8")
    assert "Typed with the keyboard alone" in team


def test_a_field_with_a_limit_counts_its_characters_as_they_are_typed(
    pages_server: PagesServer, new_page: Callable[[], OfflinePage]
) -> None:
    """Day 1's candidate goals: a counter under each text ("12 of 500 characters", named as
    the field's description), moving as the member types; Day 3's tick-box lists are groups
    named by their heading. The same script as on the Voila pages."""
    import re

    from playwright.sync_api import expect

    page = new_page().page
    page.goto(f"{pages_server.url}/day1?team=demo", timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-candidates").click(timeout=RENDER_TIMEOUT_MS)
    field = page.locator(".wk-candidates .wk-col-text textarea").first
    counter = page.locator(".wk-candidates .wk-col-text .wk-counter").first
    expect(counter).to_have_text(re.compile(r"^\d+ of 500 characters$"), timeout=TIMEOUT_MS)
    assert field.get_attribute("aria-describedby") == counter.get_attribute("id")
    field.fill("Students explain their reasoning")
    expect(counter).to_have_text("32 of 500 characters")

    page.goto(f"{pages_server.url}/day3?team=demo", timeout=RENDER_TIMEOUT_MS)
    page.locator("button.wk-open-cycles").click(timeout=RENDER_TIMEOUT_MS)
    ticks = page.locator(".wk-cycles .wk-checks").first
    expect(ticks).to_have_attribute("role", "group", timeout=TIMEOUT_MS)
    expect(ticks).to_have_attribute("aria-labelledby", re.compile(r"^wk-checks-label-"))
