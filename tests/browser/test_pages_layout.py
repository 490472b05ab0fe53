"""Layout of the day pages on the screens schools have (issue 32): the demo team's Day 1, Day 2
and Day 3 with every activity open, in a 1366 x 768 window (the most common school laptop), in
normal and in large type, measured in the page with JavaScript:

* no chosen item of a drop-down wider than its box ("4 · Compl"), no text ending in "…";
* no table header narrower than its longest word (a word broken as "Peopl|e");
* Day 1's candidate goals in the page's own (proportional) type, tall enough for their text
  (and every table's text box tall enough for its text);
* Day 2's resource map on one 1920 x 1080 projector screen: all four quadrants at once.

What is measured is printed (``-s``), so a failure names every text that is cut."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.browser.conftest import DayPage

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
DAYS = {
    "day1": "01_day1_worthy_goal.ipynb",
    "day2": "02_day2_resource_map.ipynb",
    "day3": "03_day3_meeting_time.ipynb",
}

#: helpers shared by the scripts below: whether an element is drawn, and how wide a text is in
#: an element's type, measured by a hidden copy of the text put next to it (so in the same CSS
#: zoom as the element, which large type applies)
HELPERS = """
const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible'
  && !e.closest('.wk-visually-hidden');
const textWidth = (text, element, into) => {
  const style = getComputedStyle(element);
  const span = document.createElement('span');
  span.textContent = text;
  span.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;left:0;top:0;'
    + 'padding:0;border:0;margin:0';
  for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontStretch',
                   'letterSpacing', 'wordSpacing', 'textTransform', 'fontVariant']) {
    span.style[p] = style[p];
  }
  (into || element.parentElement).appendChild(span);
  const width = span.getBoundingClientRect().width / (span.currentCSSZoom || 1);
  span.remove();
  return width;
};
const px = v => parseFloat(v) || 0;
const named = e => (e.closest('.wk-panel') || {}).className?.match?.(/wk-panel (\\S+)/)?.[1] || '';
"""

#: texts the page cuts: a drop-down's chosen item (or another of its items, once chosen) wider
#: than the room its box gives it (its width less its padding, where ipywidgets draws the
#: arrow); a table's text box showing part of its text behind a scrollbar; any element ending
#: its text in "…"
CUT_TEXTS = (
    "() => {"
    + HELPERS
    + """
  const cut = [];
  const site = document.querySelector('.wk-site');
  for (const s of site.querySelectorAll('select')) {
    if (!shown(s) || s.multiple || s.size > 1) continue;
    const style = getComputedStyle(s);
    const room = s.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    // the chosen item, then the widest of the others (cut once chosen: "4 · Compl" appears
    // when a member rates, and the demo team's page opens with no score chosen)
    const chosen = s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text;
    let widest = ['', 0];
    for (const o of s.options) {
      const width = textWidth(o.text, s);
      if (width > widest[1]) widest = [o.text, width];
    }
    const width = textWidth(chosen, s);
    if (width > room + 1) {
      cut.push(`select in ${named(s)}: "${chosen}" needs ${Math.ceil(width)} px, has ${room}`);
    } else if (widest[1] > room + 1) {
      cut.push(`select in ${named(s)}: once chosen, "${widest[0]}" needs `
        + `${Math.ceil(widest[1])} px, has ${room}`);
    }
  }
  for (const t of site.querySelectorAll('.wk-table textarea')) {
    if (shown(t) && t.scrollHeight > t.clientHeight + 2) {
      cut.push(`text box in ${named(t)}: "${t.value.slice(0, 40)}" shows `
        + `${t.clientHeight} px of ${t.scrollHeight}`);
    }
  }
  for (const e of site.querySelectorAll('*')) {
    if (e.matches('input, textarea, select')) continue;  // a field scrolls what is typed in it
    const style = getComputedStyle(e);
    if (style.textOverflow !== 'ellipsis' || style.overflowX === 'visible' || !shown(e)) continue;
    if (e.scrollWidth > e.clientWidth + 1 && e.textContent.trim()) {
      cut.push(`${e.tagName.toLowerCase()}.${e.className} in ${named(e)}: `
        + `"${e.textContent.trim().slice(0, 60)}" (${e.scrollWidth} px in ${e.clientWidth})`);
    }
  }
  return cut;
}"""
)

#: table headers narrower than their longest word: the word is broken, or spills out
BROKEN_HEADERS = (
    "() => {"
    + HELPERS
    + """
  const broken = [];
  for (const th of document.querySelectorAll('.wk-site th')) {
    if (!shown(th)) continue;
    const style = getComputedStyle(th);
    const room = th.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    const words = th.textContent.split(/\\s+/).filter(Boolean);
    let longest = ['', 0];
    for (const word of words) {
      const width = textWidth(word, th, th);
      if (width > longest[1]) longest = [word, width];
    }
    if (longest[1] > room + 1) {
      broken.push(`th in ${named(th)}: "${th.textContent.trim().slice(0, 40)}", `
        + `"${longest[0]}" needs ${Math.ceil(longest[1])} px, has ${room}`);
    }
  }
  return broken;
}"""
)

#: Day 1's candidate goal fields: their type, and whether their text is hidden behind a scrollbar
CANDIDATE_FIELDS = """() => Array.from(
    document.querySelectorAll('.wk-candidates .wk-table textarea'))
  .map(t => ({
    text: t.value.slice(0, 40), font: getComputedStyle(t).fontFamily,
    scroll: t.scrollHeight, client: t.clientHeight,
  }))"""
MONOSPACE = ("monospace", "mono", "courier", "consolas", "menlo")

#: the resource map's box as drawn, and the bottom of the page's fixed or sticky header (0: none)
MAP_BOX = """() => {
  const map = document.querySelector('.wk-map img.wk-chart').getBoundingClientRect();
  let header = 0;
  for (const e of document.querySelectorAll('body *')) {
    const style = getComputedStyle(e);
    if (!['fixed', 'sticky'].includes(style.position) || !e.getClientRects().length) continue;
    const box = e.getBoundingClientRect();
    if (box.top <= 1 && box.bottom < innerHeight / 2 && box.width > innerWidth / 2) {
      header = Math.max(header, box.bottom);
    }
  }
  return {height: map.height, width: map.width, header, screen: innerHeight};
}"""


def large_type(page: Any, on: bool) -> None:
    """Switch the page's "Large type" on or off (as a person does), and wait until it took."""
    switch = page.get_by_role("button", name="Large type")
    if (switch.get_attribute("aria-pressed") == "true") != on:
        switch.click()
    page.wait_for_function(
        "on => document.documentElement.classList.contains('wk-large-type') === on", arg=on
    )


def measured(page: Any, label: str) -> list[str]:
    """What is cut or broken on the page as it is drawn now; printed for the record."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    found = [*page.evaluate(CUT_TEXTS), *page.evaluate(BROKEN_HEADERS)]
    print(f"\n{label}: {len(found)} cut or broken")
    for line in found:
        print(f"  {line}")
    return found


@pytest.mark.parametrize("day", list(DAYS))
def test_nothing_is_cut_on_a_school_laptop_in_normal_and_large_type(
    day: str, open_page: Callable[..., DayPage]
) -> None:
    """The demo team's day, every activity open, at 1366 x 768: no drop-down shows its chosen
    item (or would show another) cut, no table's text box hides its text behind a scrollbar, no
    text ends in "…", no table header breaks a word; the same with large type."""
    opened = open_page(DAYS[day], team="demo")
    page = opened.page
    page.set_viewport_size(LAPTOP)
    page.wait_for_function(f"() => innerWidth === {LAPTOP['width']}")
    found = {"normal type": measured(page, f"{day}, 1366 px, normal type")}
    large_type(page, True)
    found["large type"] = measured(page, f"{day}, 1366 px, large type")
    large_type(page, False)
    assert found == {"normal type": [], "large type": []}, f"{day}: cut texts at 1366 px"
    opened.assert_clean()


def test_candidate_goals_are_in_the_page_type_and_show_their_whole_text(
    open_page: Callable[..., DayPage],
) -> None:
    """Day 1's candidate goals and their evidence at 1366 px: in the page's proportional type
    (not a typewriter's), each field tall enough for the demo team's text, without a scrollbar;
    large type too."""
    opened = open_page(DAYS["day1"], team="demo", activities=["candidates"])
    page = opened.page
    page.set_viewport_size(LAPTOP)
    for on in (False, True):
        large_type(page, on)
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
        fields = page.evaluate(CANDIDATE_FIELDS)
        print(f"\ncandidate goals, large type {on}: {fields}")
        assert fields, "no candidate goal fields on Day 1 of the demo team"
        typewriter = [f for f in fields if any(m in f["font"].lower() for m in MONOSPACE)]
        assert typewriter == [], f"candidate goals in monospace: {typewriter}"
        scrolled = [f for f in fields if f["scroll"] > f["client"] + 2]
        assert scrolled == [], f"candidate goals behind a scrollbar: {scrolled}"
    opened.assert_clean()


def test_the_resource_map_fits_one_projector_screen(open_page: Callable[..., DayPage]) -> None:
    """Day 2's resource map at 1920 x 1080 (a projector): its four quadrants, title and legend
    fit in the screen's height less the page's fixed header (if any), so the room sees the whole
    map at once once it is scrolled to; in large type too."""
    opened = open_page(DAYS["day2"], team="demo", activities=["map"])
    page = opened.page
    page.set_viewport_size(PROJECTOR)
    page.locator(".wk-map img.wk-chart").wait_for()
    for on in (False, True):
        large_type(page, on)
        page.evaluate("() => new Promise(r => requestAnimationFrame(r))")
        box = page.evaluate(MAP_BOX)
        print(f"\nresource map at 1920 x 1080, large type {on}: {box}")
        assert box["height"] <= box["screen"] - box["header"], f"the map is too tall: {box}"
        assert box["width"] >= 0.45 * PROJECTOR["width"], f"the map is too small to read: {box}"
    opened.assert_clean()
