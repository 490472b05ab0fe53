"""Accessibility in app mode: axe-core (bundled by ``axe-playwright-python``, so it runs offline)
on every app page, freshly opened and filled in; the language of the room (no developer text)
and text of at least 16 px on each; the "Large type" switch for the projector; the projector and
narrow screenshots for the README; and Day 1 done with the keyboard alone.

The target is WCAG 2.1 AA: no serious and no critical violation on any page. The counts of every
severity are printed (``-s``) for the record in docs/decisions.md
(``benchmarks/text_sizes.py`` prints the same table with text sizes)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO = "Maple Grove Elementary (demo)"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
#: words of the developer, never of the room: file names, Jupyter's menus, the model's own
#: validator wording, the store's name for a whole file, Markdown's code marks
FILE_NAME = re.compile(r"[\w-]+\.(?:ipynb|ya?ml|py|md)\b")
DEVELOPER_TEXT = ("Run All", "String should", "(the whole file)", "`", "Traceback", "workshop_kit")
#: text a screen reader alone reads (.wk-visually-hidden) is not visible, so not counted
SMALLEST_TEXT = """() => {
  let least = [1000, ''];
  for (const e of document.getElementById('rendered_cells').querySelectorAll('*')) {
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
OFF_SCREEN = """width => Array.from(document.getElementById('rendered_cells')
    .querySelectorAll('button, input, select, textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
  .map(e => (e.className || e.tagName) + ' ' + (e.innerText || e.value || '').slice(0, 40))"""

#: controls cut off by a box of theirs that clips (overflow other than visible)
CUT_OFF = """() => Array.from(document.getElementById('rendered_cells')
    .querySelectorAll('button, input, select, textarea'))
  .filter(e => e.offsetParent !== null && e.type !== 'file')
  .filter(e => {
    const right = e.getBoundingClientRect().right;
    for (let box = e.parentElement; box && box.id !== 'rendered_cells'; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== 'visible') {
        return right > box.getBoundingClientRect().right + 1;
      }
    }
    return false;
  })
  .map(e => (e.className || e.tagName) + ' ' + (e.innerText || e.value || '').slice(0, 40))"""


def violations(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
    result = Axe().run(page, options=options)
    found: list[dict[str, Any]] = result.response["violations"]
    return found


def page_text(page: Any, skip: str = "") -> str:
    """What the page shows in its cells, less the parts matched by ``skip``."""
    text = str(page.inner_text("#rendered_cells"))
    for part in page.locator(skip).all_inner_texts() if skip else []:
        text = text.replace(part, "")
    return text


def check(day: Any, label: str, state: str, keep_file_names: str = "") -> None:
    """axe: no serious or critical violation; no developer text; no visible text under 16 px.
    ``keep_file_names``: parts of the page that name a file on purpose."""
    from playwright.sync_api import expect

    expect(day.locator(".widget-loading, .jupyter-widgets-loading")).to_have_count(0)
    found = violations(day.page)
    counts = Counter(v["impact"] for v in found)
    print(f"\naxe {label}, {state}: {dict(counts)}")
    for v in found:
        targets = [n["html"][:160] for n in v["nodes"][:3]]
        print(f"  {v['impact']:9} {v['id']}: {len(v['nodes'])} x, e.g. {json.dumps(targets)}")
    severe = [v["id"] for v in found if v["impact"] in ("serious", "critical")]
    assert severe == [], f"serious or critical axe violations on {label} ({state}): {severe}"
    text = page_text(day.page)
    for marker in DEVELOPER_TEXT:
        assert marker not in text, f"{marker!r} is on {label} ({state})"
    named = FILE_NAME.findall(page_text(day.page, keep_file_names) if keep_file_names else text)
    assert named == [], f"file names on {label} ({state}): {named}"
    size, what = day.page.evaluate(SMALLEST_TEXT)
    print(f"  smallest text: {size} px ({what!r})")
    assert size >= 16, f"text of {size} px on {label} ({state}): {what!r}"


# -- what a team or facilitator fills in, page by page ------------------------------------------


def large_type_on(day: Any, app_server: Any) -> None:
    """Pages with nothing to fill in: the projector's large type instead."""
    day.click("button.wk-large-type-switch")
    day.page.wait_for_function("document.documentElement.classList.contains('wk-large-type')")


def show_error(day: Any, scope: str, button: str) -> None:
    """Press ``button`` with its form empty: the panel says what is missing."""
    from playwright.sync_api import expect

    day.click(button)
    expect(day.locator(f"{scope} .wk-msg.wk-error").first).to_be_visible()


def open_paste_box(day: Any, scope: str) -> None:
    from playwright.sync_api import expect

    day.click(f"{scope} button.wk-paste-open")
    expect(day.locator(f"{scope} .wk-paste-text textarea").first).to_be_visible()


def fill_overview(day: Any, app_server: Any) -> None:
    """A new team, and one whose goal file is damaged: Refresh shows both, the damage named."""
    from playwright.sync_api import expect

    workspace = Workspace(app_server.workspace)
    workspace.create_team("Aspen Ridge ILT")
    broken = workspace.create_team("Spruce Hollow ILT")
    broken.file("goal.yaml").write_text("schema_version: 1\ncandidates: 5\n", "utf-8")
    day.click("button.wk-refresh-overview")
    row = day.locator(".wk-overview-table tr").filter(has_text="Spruce Hollow ILT")
    expect(row.locator(".wk-problems")).not_to_be_empty()


def fill_day1(day: Any, app_server: Any) -> None:
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


def fill_day2(day: Any, app_server: Any) -> None:
    """The demo team, a resource added without a name, the paste box open."""
    day.open_team(DEMO)
    show_error(day, "#rendered_cells", "button.wk-add-resource")
    open_paste_box(day, ".wk-inventory")


def fill_day3(day: Any, app_server: Any) -> None:
    """The demo team, a meeting saved without a name, the paste box open."""
    day.open_team(DEMO)
    show_error(day, "#rendered_cells", "button.wk-save-meeting")
    open_paste_box(day, ".wk-meetings")


def fill_year(day: Any, app_server: Any) -> None:
    """The demo team, a value recorded without one."""
    day.open_team(DEMO)
    show_error(day, "#rendered_cells", "button.wk-record-value")


@dataclass(frozen=True)
class AppPage:
    label: str
    notebook: str
    ready: str  # drawn once the page is interactive
    fill: Callable[[Any, Any], None]
    keep_file_names: str = ""  # parts naming a file on purpose (for a facilitator to repair)


PAGES = [
    AppPage("the landing page", "00_start_here.ipynb", ".wk-landing", large_type_on),
    AppPage(
        "the facilitator guide", "00_facilitator_guide.ipynb", ".wk-agenda-download a",
        large_type_on,
    ),
    AppPage(
        "the facilitator overview", "10_facilitator_overview.ipynb", "button.wk-refresh-overview",
        fill_overview, keep_file_names=".wk-problems",
    ),
    AppPage("Day 1", "01_day1_worthy_goal.ipynb", "button.wk-create-team", fill_day1),
    AppPage("Day 2", "02_day2_resource_map.ipynb", "button.wk-create-team", fill_day2),
    AppPage("Day 3", "03_day3_meeting_time.ipynb", "button.wk-create-team", fill_day3),
    AppPage("the year page", "04_through_the_year.ipynb", "button.wk-create-team", fill_year),
]  # fmt: skip


@pytest.mark.parametrize("app_page", PAGES, ids=[p.notebook.removesuffix(".ipynb") for p in PAGES])
def test_every_page_freshly_opened_and_filled_in_passes_axe_and_speaks_plainly(
    app_page: AppPage, open_day: Callable[..., Any], app_server: Any
) -> None:
    """One page per notebook (a kernel each): checked as a new user opens it, then again after
    filling something in (an error message shown among it); titled by its own heading."""
    day = open_day(app_page.notebook, ready=app_page.ready)
    heading = day.page.inner_text("h1").strip().removesuffix("¶").strip()
    assert day.page.title() == heading
    check(day, app_page.label, "freshly opened")
    app_page.fill(day, app_server)
    check(day, app_page.label, "filled in", app_page.keep_file_names)
    day.assert_clean()


# -- the projector --------------------------------------------------------------------------------

#: text sizes as drawn: the computed size times the CSS zoom large type applies (computed styles
#: leave zoom out, by the CSS specification), and the Save button's and the map's drawn sizes
SIZES = """() => {
  const of = css => {
    const e = document.querySelector(css);
    return parseFloat(getComputedStyle(e).fontSize) * e.currentCSSZoom;
  };
  const chart = document.querySelector('img.wk-chart');
  const drawn = css => document.querySelector(css).getBoundingClientRect();
  return {
    body: of('#rendered_cells .jp-RenderedMarkdown p'), label: of('.wk-resource-name label'),
    button: of('button.wk-add-resource'), input: of('.wk-resource-name input'),
    control: drawn('button.wk-add-resource').height,
    checkbox: drawn('.wk-resource-recognized input').width,
    chart: chart ? chart.getBoundingClientRect().width : 0,
  };
}"""
PRESSED = "document.querySelector('button.wk-large-type-switch').getAttribute('aria-pressed')"


def test_large_type_scales_text_controls_and_charts_and_survives_a_reload(
    new_page: Callable[[], Any], app_server: Any, day_page: Any
) -> None:
    """Day 2 with the demo team at 1920 px: the switch is reached with Tab and pressed with
    Enter; text, controls and the resource map grow by about a third, no control leaves the
    screen, and a reload keeps the choice. The projector view is saved for the README; pressed
    again, the page is back to normal type, and an 800 px window is saved as the narrow view."""
    from playwright.sync_api import expect

    day = day_page(new_page(), f"{app_server.day_url('02_day2_resource_map.ipynb')}?team=demo")
    page = day.page
    page.set_viewport_size({"width": 1920, "height": 2400})
    day.open()
    day.expect_current_team("(demo)")
    switch = page.get_by_role("button", name="Large type")
    expect(switch).to_have_attribute("aria-pressed", "false")
    normal = page.evaluate(SIZES)
    assert normal["body"] == 18 and min(normal.values()) > 0, normal

    tab_to(page, "button.wk-large-type-switch")
    page.keyboard.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(300)  # the browser lays the page out at the new size
    large = page.evaluate(SIZES)
    for key in ("body", "label", "button", "input", "control", "checkbox"):
        assert large[key] >= 1.3 * normal[key], f"{key}: {normal[key]} -> {large[key]}"
    assert large["chart"] >= 1.2 * normal["chart"], f"chart: {normal['chart']} -> {large['chart']}"
    assert page.evaluate(OFF_SCREEN, 1920) == [], "controls off-screen at 1920 px, large type"
    assert page.evaluate(CUT_OFF) == [], "controls cut off at 1920 px, large type"
    assert page.evaluate(SMALLEST_TEXT)[0] >= 1.3 * 16

    day.reload()
    assert page.evaluate(PRESSED) == "true", "the choice is kept over a reload"
    assert page.evaluate(SIZES)["body"] == large["body"]
    shot(day, "projector", 1920)

    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(SIZES)["body"] == normal["body"]
    page.set_viewport_size({"width": 800, "height": 2400})
    page.wait_for_timeout(300)
    assert page.evaluate(OFF_SCREEN, 800) == [], "controls off-screen at 800 px"
    assert page.evaluate(CUT_OFF) == [], "controls cut off at 800 px"
    shot(day, "narrow", 800)
    day.reload()
    assert page.evaluate(PRESSED) == "false", "normal type is kept over a reload too"
    day.assert_clean()


def shot(day: Any, name: str, width: int) -> None:
    """The resource inventory and map at ``width``, for the README."""
    day.page.locator("#activity-inventory").evaluate("e => e.scrollIntoView({block: 'start'})")
    day.page.screenshot(
        path=str(SCREENSHOTS / f"{name}.png"), clip={"x": 0, "y": 0, "width": width, "height": 1500}
    )


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
