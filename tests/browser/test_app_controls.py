"""The controls of issue 12 on the pages: live character counters under limited fields (counted
in the browser, so typing does not send each key to the server) and tick-box lists in place of
Ctrl-click lists, with full labels and a group name for screen readers."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

DAY1 = "01_day1_worthy_goal.ipynb"
DAY3 = "03_day3_meeting_time.ipynb"
#: counts the messages the page sends the server (every widget change is one)
COUNT_SENT = """
(() => {
  window.__wkSent = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    window.__wkSent += 1;
    return send.apply(this, args);
  };
})();
"""


def sent(day: Any) -> int:
    return int(day.page.evaluate("window.__wkSent"))


class TestCharacterCounters:
    def test_the_counter_follows_typing_without_the_server_and_the_field_still_saves(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(DAY1)
        day.page.add_init_script(COUNT_SENT)
        day.reload()
        day.create_team("Counter Creek ILT")
        field = day.locator(".wk-candidates .wk-col-text textarea").first
        counter = day.locator(".wk-candidates .wk-col-text .wk-counter").first
        expect(counter).to_have_text("0 of 500 characters")
        assert field.get_attribute("aria-describedby") == counter.get_attribute("id")

        # typing key by key: the count moves with every key, counted in the browser; the text
        # goes to the server with the first key and then at most every half second (so the
        # panel knows it is being typed in), never key by key
        field.click()
        before, began = sent(day), time.monotonic()
        text = "Students explain their reasoning"
        field.press_sequentially(text, delay=20)
        expect(counter).to_have_text(f"{len(text)} of 500 characters")
        typing = time.monotonic() - began
        messages = sent(day) - before
        assert 1 <= messages <= 2 + typing / 0.5, (messages, f"{typing:.1f} s", len(text))
        assert counter.get_attribute("aria-live") is None, "a screen reader hears every count"

        # near the limit it turns amber and speaks; over it, red and says by how much
        field.fill("x" * 460)
        expect(counter).to_have_text("460 of 500 characters")
        expect(counter).to_have_class(re.compile(r"\bwk-counter-near\b"))
        expect(counter).to_have_attribute("aria-live", "polite")
        field.fill("x" * 512)
        expect(counter).to_have_text("512 of 500 characters: 12 too many")
        expect(counter).to_have_class(re.compile(r"\bwk-counter-over\b"))
        colour = counter.evaluate("c => getComputedStyle(c).color")
        assert colour == "rgb(163, 20, 26)", colour

        # the save still refuses the long text in words, and takes it once shortened
        day.click("button.wk-save-candidates")
        expect(day.locator(".wk-candidates .wk-msg.wk-error").first).to_be_visible()
        field.fill(text)
        expect(counter).to_have_text(f"{len(text)} of 500 characters")
        expect(counter).not_to_have_class(re.compile(r"wk-counter-(near|over)"))
        day.click("button.wk-save-candidates")
        day.expect_message(".wk-candidates", "Saved 1 candidate goal")
        goal = pages_server.read(pages_server.team_folder("Counter Creek ILT") / "goal.yaml")
        assert [c["text"] for c in goal["candidates"]] == [text]

        # a value the server puts into a field (the drafted statement) is counted too
        day.fill(".wk-goal-what input", "students explain their reasoning in writing")
        day.click("button.wk-draft-goal")
        day.expect_value(".wk-goal-statement textarea", "students explain")
        drafted = len(day.value(".wk-goal-statement textarea"))
        expect(day.locator(".wk-goal-statement .wk-counter")).to_have_text(
            f"{drafted} of 1000 characters"
        )
        day.assert_clean()


class TestTickBoxLists:
    def test_resources_and_meetings_are_named_groups_of_full_labels(
        self, open_page: Callable[..., Any]
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(DAY3, team="demo", activities=("actions", "cycles"))
        resources = day.locator(".wk-step-resources")
        expect(day.page.get_by_role("group", name="Resources it uses")).to_have_count(1)
        expect(resources).to_have_attribute("role", "group")
        boxes = resources.locator("input[type=checkbox]")
        assert boxes.count() >= 5
        # every label is shown in full: its text wraps inside its box, none is cut short
        cut = resources.locator(".widget-checkbox .widget-label-basic").evaluate_all(
            "labels => labels.filter(l => l.scrollWidth > l.clientWidth + 1)"
            ".map(l => l.textContent)"
        )
        assert cut == []
        # a long list scrolls inside a box of bounded height
        items = resources.locator(".wk-checks-items")
        shown, whole, limit = items.evaluate(
            "b => [b.clientHeight, b.scrollHeight, parseFloat(getComputedStyle(b).maxHeight)]"
        )
        assert shown <= limit < whole, (shown, whole, limit)
        assert items.evaluate("b => getComputedStyle(b).overflowY") == "auto"

        # ticking by the label's name picks that item, and the step saves with it
        first = boxes.first
        name = resources.locator(".widget-checkbox .widget-label-basic span").first.inner_text()
        resources.get_by_label(name, exact=True).check()
        expect(first).to_be_checked()
        hosts = day.locator(".wk-cycle-hosts")
        expect(day.page.get_by_role("group", name="Held in", exact=True)).to_have_count(1)
        assert hosts.locator("input[type=checkbox]").count() >= 1
        day.assert_clean()
