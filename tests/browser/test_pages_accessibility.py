"""Accessibility of the pages served by one Solara process (``workshop-kit app``), in a real
Chromium: axe-core (bundled by ``axe-playwright-python``, so it runs offline) on every page with
every activity opened, and again after something is filled in (an error message among it); the
language of the room on each (no developer text, no file names, text of at least 16 px, titled
by its own heading); the "Large type" switch for the projector and a narrow window (the README's
screenshots); and Day 1 with the keyboard alone.

The target is WCAG 2.1 AA with no serious and no critical violation on any page. The counts of
every severity are printed (``-s``) for the record in docs/decisions.md. This file took over the
checks of the Voila pages' test_app_accessibility.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import (
    RENDER_TIMEOUT_MS,
    SCREENSHOTS,
    VIEWPORT,
    DayPage,
    OfflinePage,
    PagesServer,
    remember_code,
)

from workshop_kit.store import Workspace

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


#: words of the developer, never of the room: file names, Jupyter's menus, the model's own
#: validator wording, the store's name for a whole file, Markdown's code marks
FILE_NAME = re.compile(r"[\w-]+\.(?:ipynb|ya?ml|py|md)\b")
DEVELOPER_TEXT = ("Run All", "String should", "(the whole file)", "`", "Traceback", "workshop_kit")


def page_text(page: Any, skip: str = "") -> str:
    """What the page shows, less the parts matched by ``skip``."""
    text = str(page.inner_text(".wk-site"))
    for part in page.locator(skip).all_inner_texts() if skip else []:
        text = text.replace(part, "")
    return text


def speaks_plainly(page: Any, label: str, keep_file_names: str = "") -> None:
    """No developer text and no file names on the page (``keep_file_names``: parts that name a
    file on purpose, for a facilitator to repair)."""
    text = page_text(page)
    for marker in DEVELOPER_TEXT:
        assert marker not in text, f"{marker!r} is on {label}"
    named = FILE_NAME.findall(page_text(page, keep_file_names) if keep_file_names else text)
    assert named == [], f"file names on {label}: {named}"


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
    """No serious or critical axe violation, with every activity of the page open; no
    developer text or file name; titled by its heading; no text under 16 px; nothing asked
    of another machine."""
    from playwright.sync_api import expect

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
    speaks_plainly(page, site_page.label)
    heading = page.locator(".wk-prose h1").first
    if heading.count():  # titled by its own heading (the join page shows no prose)
        expect(page).to_have_title(heading.inner_text().strip())  # the tab's title
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


# -- what a team or facilitator fills in, page by page ------------------------------------------


def large_type_on(day: DayPage, pages_server: PagesServer) -> None:
    """Pages with nothing to fill in: the projector's large type instead."""
    day.click("button.wk-large-type-switch")
    day.page.wait_for_function("document.documentElement.classList.contains('wk-large-type')")


def show_error(day: DayPage, scope: str, button: str) -> None:
    """Press ``button`` with its form empty: the panel says what is missing."""
    from playwright.sync_api import expect

    day.click(button)
    expect(day.locator(f"{scope} .wk-msg.wk-error").first).to_be_visible()


def open_paste_box(day: DayPage, scope: str) -> None:
    from playwright.sync_api import expect

    day.click(f"{scope} button.wk-paste-open")
    expect(day.locator(f"{scope} .wk-paste-text textarea").first).to_be_visible()


def fill_overview(day: DayPage, pages_server: PagesServer) -> None:
    """A new team, and one whose goal file is damaged: Refresh shows both, the damage named."""
    from playwright.sync_api import expect

    workspace = Workspace(pages_server.workspace)
    workspace.create_team("Aspen Ridge ILT")
    broken = workspace.create_team("Spruce Hollow ILT")
    broken.file("goal.yaml").write_text("schema_version: 1\ncandidates: 5\n", "utf-8")
    day.click("button.wk-refresh-overview")
    row = day.locator(".wk-overview-table tr").filter(has_text="Spruce Hollow ILT")
    expect(row.locator(".wk-problems")).not_to_be_empty()


def fill_day1(day: DayPage, pages_server: PagesServer) -> None:
    """A new team's saved roster, a candidate goal too long to save, the roster's paste box."""
    day.create_team("Axe Check ILT")
    day.type(".wk-roster .wk-col-name input", "Ana Ruiz")
    day.choose(".wk-roster .wk-col-role select", "Principal")
    day.click("button.wk-save-roster")
    day.expect_message(".wk-roster", "Saved the roster: 1 member.")
    day.fill(".wk-candidates .wk-col-text textarea", "Students write " + "and revise " * 48)
    show_error(day, ".wk-candidates", "button.wk-save-candidates")
    open_paste_box(day, ".wk-roster")
    box = day.locator(".wk-roster .wk-paste-text textarea")
    box.click()
    day.page.keyboard.insert_text("Name\tRole\nMarcus Lee\tLead teacher\nJo Park\tTeacher\n")
    day.click(".wk-roster button.wk-paste-preview")
    day.locator(".wk-roster .wk-paste-preview").first.wait_for()


def fill_day2(day: DayPage, pages_server: PagesServer) -> None:
    """The demo team, a resource added without a name, the paste box open, and a file with
    headings the kit does not know, its "Match the columns" step shown."""
    from playwright.sync_api import expect
    from tests.browser.test_app_day2 import EXPORT

    show_error(day, ".wk-inventory", "button.wk-add-resource")
    open_paste_box(day, ".wk-inventory")
    export = pages_server.workspace.parent / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    with day.page.expect_file_chooser() as chooser:
        day.click(".wk-resource-upload")
    chooser.value.set_files(str(export))
    expect(day.locator(".wk-column-map .wk-column-choice select")).to_have_count(5)


def fill_day3(day: DayPage, pages_server: PagesServer) -> None:
    """The demo team, a meeting saved without a name, the paste box open."""
    show_error(day, ".wk-meetings", "button.wk-save-meeting")
    open_paste_box(day, ".wk-meetings")


def fill_year(day: DayPage, pages_server: PagesServer) -> None:
    """The demo team, a value recorded without one."""
    show_error(day, ".wk-site", "button.wk-record-value")


@dataclass(frozen=True)
class FilledPage:
    label: str
    notebook: str
    fill: Callable[[DayPage, PagesServer], None]
    team: str = "demo"  # "": none, as a new team opens the page to create its workbook
    activities: tuple[str, ...] = ()  # the activities the filling works in
    ready: str = ".wk-team-picker"
    keep_file_names: str = ""  # parts naming a file on purpose (for a facilitator to repair)


FILLED = [
    FilledPage("the landing page", "00_start_here.ipynb", large_type_on, ready=".wk-landing"),
    FilledPage(
        "the facilitator guide", "00_facilitator_guide.ipynb", large_type_on,
        ready=".wk-agenda-download a",
    ),
    FilledPage(
        "the facilitator overview", "10_facilitator_overview.ipynb", fill_overview,
        ready="button.wk-refresh-overview", keep_file_names=".wk-problems",
    ),
    FilledPage(
        "Day 1", "01_day1_worthy_goal.ipynb", fill_day1, team="",
        activities=("roster", "candidates"),
    ),
    FilledPage("Day 2", "02_day2_resource_map.ipynb", fill_day2, activities=("inventory",)),
    FilledPage("Day 3", "03_day3_meeting_time.ipynb", fill_day3, activities=("meetings",)),
    FilledPage("the year page", "04_through_the_year.ipynb", fill_year, activities=("measures",)),
]  # fmt: skip


@pytest.mark.parametrize("filled", FILLED, ids=[p.label.replace(" ", "-") for p in FILLED])
def test_every_page_filled_in_passes_axe_and_speaks_plainly(
    filled: FilledPage, open_page: Callable[..., DayPage], pages_server: PagesServer
) -> None:
    """After something is filled in (an error message shown among it, a paste box open, large
    type on): no serious or critical axe violation, no developer text or file name, no text
    under 16 px (the facilitator's code held, who may create a team)."""
    day = open_page(
        filled.notebook, ready=filled.ready, team=filled.team, activities=list(filled.activities)
    )
    filled.fill(day, pages_server)
    severe = severe_violations(day.page, f"{filled.label}, filled in")
    assert severe == [], f"serious or critical axe violations on {filled.label}: {severe}"
    speaks_plainly(day.page, f"{filled.label}, filled in", filled.keep_file_names)
    size, what = day.page.evaluate(SMALLEST_TEXT)
    print(f"  smallest text: {size} px ({what!r})")
    assert size >= 16, f"text of {size} px on {filled.label}, filled in: {what!r}"
    day.assert_clean()


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


#: the smallest text of the page's content: the "Large type" switch above it keeps its size
SMALLEST_CONTENT_TEXT = SMALLEST_TEXT.replace(
    "e.closest('.wk-visually-hidden')", "e.closest('.wk-visually-hidden, .wk-display-bar')"
)
#: on Day 2: text, controls and the resource map as drawn (computed size times the CSS zoom)
PROJECTOR_SIZES = """() => {
  const of = css => {
    const e = document.querySelector(css);
    return parseFloat(getComputedStyle(e).fontSize) * e.currentCSSZoom;
  };
  const drawn = css => document.querySelector(css).getBoundingClientRect();
  return {
    body: of('.wk-site .wk-prose p'), label: of('.wk-resource-name label'),
    button: of('button.wk-add-resource'), input: of('.wk-resource-name input'),
    control: drawn('button.wk-add-resource').height,
    checkbox: drawn('.wk-resource-recognized input').width,
    chart: drawn('img.wk-chart').width,
  };
}"""
#: controls cut off by a box of theirs that clips (overflow other than visible)
CUT_OFF = """() => Array.from(document.querySelector('.wk-site')
    .querySelectorAll('button, input, select, textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => {
    const right = e.getBoundingClientRect().right;
    for (let box = e.parentElement; box && !box.classList.contains('wk-site');
         box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') {
        return right > box.getBoundingClientRect().right + 1;
      }
    }
    return false;
  })
  .map(e => (e.className || e.tagName) + ' ' + (e.innerText || e.value || '').slice(0, 40))"""


def test_the_projector_and_a_narrow_window_show_every_control_and_the_map_grows(
    open_page: Callable[..., DayPage],
) -> None:
    """Day 2 of the demo team, the inventory and the map open, at 1920 px: large type grows
    text, controls, tick boxes and the resource map by about a third (the map by a fifth), no
    control leaves the window or is cut off by its box, no text is under 1.3 x 16 px. Back to
    normal type in an 800 px window: still no control off-screen or cut off. Both views are
    saved as the README's screenshots."""
    from playwright.sync_api import expect

    day = open_page("02_day2_resource_map.ipynb", team="demo", activities=["inventory", "map"])
    page = day.page
    page.set_viewport_size({"width": 1920, "height": 2400})
    page.locator("img.wk-chart").first.wait_for(timeout=TIMEOUT_MS)
    normal = page.evaluate(PROJECTOR_SIZES)
    assert normal["body"] == 18 and min(normal.values()) > 0, normal

    page.get_by_role("button", name="Large type").click()
    expect(page.get_by_role("button", name="Large type")).to_have_attribute("aria-pressed", "true")
    # the browser lays the page out at the new size: wait for the map to be drawn larger
    page.wait_for_function(
        "width => document.querySelector('img.wk-chart').getBoundingClientRect().width"
        " >= 1.2 * width",
        arg=normal["chart"],
    )
    large = page.evaluate(PROJECTOR_SIZES)
    for key in ("body", "label", "button", "input", "control", "checkbox"):
        assert large[key] >= 1.3 * normal[key], f"{key}: {normal[key]} -> {large[key]}"
    assert page.evaluate(OFF_SCREEN, 1920) == [], "controls off-screen at 1920 px, large type"
    assert page.evaluate(CUT_OFF) == [], "controls cut off at 1920 px, large type"
    size, what = page.evaluate(SMALLEST_CONTENT_TEXT)
    assert size >= 1.3 * 16, f"text of {size} px in large type: {what!r}"
    screenshot(page, "projector", 1920)

    page.get_by_role("button", name="Large type").click()
    expect(page.get_by_role("button", name="Large type")).to_have_attribute("aria-pressed", "false")
    page.set_viewport_size({"width": 800, "height": 2400})
    page.wait_for_function("() => document.documentElement.clientWidth === 800")
    off = page.evaluate(OFF_SCREEN, 800)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, innerWidth,"
        " document.querySelector('.wk-site').getBoundingClientRect().width]"
    )
    assert off == [], f"controls off-screen at 800 px {widths}: {off[:5]}"
    assert page.evaluate(CUT_OFF) == [], "controls cut off at 800 px"
    screenshot(page, "narrow", 800)
    day.assert_clean()


def screenshot(page: Any, name: str, width: int) -> None:
    """The resource inventory and map at ``width``, for the README."""
    # the pages scroll the document itself: the clip is in its coordinates
    top = page.locator("#activity-inventory").evaluate(
        "e => e.getBoundingClientRect().top + window.scrollY"
    )
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"),
        full_page=True,
        clip={"x": 0, "y": max(0, top - 8), "width": width, "height": 1500},
    )


def test_day1_with_the_keyboard_alone_create_a_team_add_a_member_and_save(
    open_page: Callable[..., DayPage],
) -> None:
    """No mouse, on a page without a team (the facilitator's code held): Tab to the new team's
    name, type, Enter on Create; Enter opens the roster; a letter picks a role, as in any list;
    Enter on Save saves."""
    from playwright.sync_api import expect

    day = open_page("01_day1_worthy_goal.ipynb", activities=[])
    page = day.page
    tab_to(page, ".wk-new-team-name input")
    page.keyboard.type("Keyboard Room ILT")
    tab_to(page, "button.wk-create-team")
    page.keyboard.press("Enter")
    day.expect_message(".wk-team-picker", "Created a workbook for Keyboard Room ILT")
    tab_to(page, "button.wk-open-roster")
    page.keyboard.press("Enter")
    page.locator(".wk-roster .wk-col-name input").first.wait_for(timeout=TIMEOUT_MS)
    tab_to(page, ".wk-roster .wk-col-name input")
    page.keyboard.type("Ana Ruiz")
    tab_to(page, ".wk-roster .wk-col-role select")
    page.keyboard.type("L")  # picks "Lead teacher", as typing a letter does in any list
    expect(page.locator(".wk-roster .wk-col-role select").first).to_have_value("Lead teacher")
    tab_to(page, "button.wk-save-roster")
    page.keyboard.press("Enter")
    day.expect_message(".wk-roster", "Saved the roster: 1 member.")
