"""A real conflict on the pages server, in a real Chromium (issue 31: on Day 2 the refusal was
under Save and its two choices 1,300 px lower, with the other version nowhere): both versions
side by side and both choices come right under the refusal, and "Keep my version" keeps it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.browser.conftest import DayPage, PagesServer, read_yaml

from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000  # a ceiling for what a person waits for, on a busy 2-core machine
DAY1 = "01_day1_worthy_goal.ipynb"
DAY2 = "02_day2_resource_map.ipynb"
COACH = Resource(id="coach", name="Math coach", quadrant="knowledge", holder="Ms Lee")


def seed_team_with_a_resource(workspace: Any, name: str) -> str:
    book = Workspace(workspace).create_team(name)
    book.load(ResourceInventory)
    book.save(ResourceInventory(resources=(COACH,)))
    return book.slug


def change_holder(day: DayPage, holder: str) -> None:
    day.choose(".wk-resource-choice select", "change ‘Math coach’")
    day.expect_value(".wk-resource-name input", "Math coach")
    day.fill(".wk-resource-holder input", holder)
    day.locator(".wk-resource-holder input").blur()  # the field sends its text on leaving it


def test_a_conflict_shows_both_versions_and_the_choices_under_the_refusal(
    pages_server: PagesServer, open_page: Callable[..., DayPage]
) -> None:
    from playwright.sync_api import expect

    slug = seed_team_with_a_resource(pages_server.workspace, "Conflict Room ILT")
    ana = open_page(DAY2, team=slug, activities=["inventory"])
    marcus = open_page(DAY2, team=slug, activities=["inventory"])
    for day in (ana, marcus):
        day.locator(".wk-resource-choice select").wait_for(timeout=TIMEOUT_MS)
    change_holder(ana, "Mr Park")
    change_holder(marcus, "Ms Diaz")
    # both typed before either saves: a round trip on Marcus's page (its messages are handled in
    # order) makes sure the server has his text before Ana's save reaches his page; otherwise his
    # panel may still look untouched and show her save instead (a race seen once under load)
    marcus.open_activities(["insights"])
    ana.click("button.wk-add-resource")
    ana.expect_message(".wk-resource-form", "Saved the changes to ‘Math coach’")
    marcus.click("button.wk-add-resource")
    marcus.expect_message(".wk-resource-form", "saved a different change", kind="error")

    form = marcus.locator(".wk-resource-form")
    refusal = form.locator(".wk-msg.wk-error")
    conflict = form.locator(".wk-conflict")
    expect(conflict).to_be_visible(timeout=TIMEOUT_MS)
    row = conflict.locator("table.wk-conflict-table tr").filter(has_text="holder")
    expect(row.locator(".wk-conflict-theirs")).to_have_text("Mr Park")
    expect(row.locator(".wk-conflict-mine")).to_have_text("Ms Diaz")
    # right under the refusal: nothing between them, the buttons within one screen of it
    below, buttons = refusal.bounding_box(), conflict.locator("button.wk-keep-mine").bounding_box()
    table = conflict.bounding_box()
    assert below is not None and buttons is not None and table is not None
    assert 0 <= table["y"] - (below["y"] + below["height"]) < 40
    assert buttons["y"] - below["y"] < 400
    assert marcus.locator(".wk-inventory button.wk-keep-mine").count() == 1  # only there

    marcus.click("button.wk-keep-mine")
    marcus.expect_message(".wk-resource-form", "Kept your version")
    expect(conflict).to_have_count(0)
    saved = read_yaml(pages_server.workspace / slug / "resources.yaml")["resources"]
    assert [r["holder"] for r in saved] == ["Ms Diaz"]
    marcus.assert_clean()


def test_text_being_typed_stays_when_another_device_saves_the_same_field(
    pages_server: PagesServer, open_page: Callable[..., DayPage]
) -> None:
    """Marcus is still typing in the norms (the field has not sent his text: it sends on
    leaving it) when Ana saves other norms. His page shows that she saved, and his typing stays
    in the field; saving it then merges, as any save does."""
    from playwright.sync_api import expect

    book = Workspace(pages_server.workspace).create_team("Typing Room ILT")
    ana = open_page(DAY1, team=book.slug, activities=["norms"])
    marcus = open_page(DAY1, team=book.slug, activities=["norms"])
    field = ".wk-norms-text textarea"
    marcus.locator(field).click()
    marcus.locator(field).press_sequentially("Listen first")
    ana.fill(field, "Phones away")
    ana.click("button.wk-save-norms")
    ana.expect_message(".wk-norms", "1 norm")
    note = marcus.locator(".wk-norms .wk-msg").filter(has_text="on another device")
    expect(note).to_contain_text("What you typed here is kept", timeout=TIMEOUT_MS)
    expect(marcus.locator(field)).to_have_value("Listen first")
    # his save: a norm added on each device, so both land (the merge keeps her norm too)
    marcus.click("button.wk-save-norms")
    marcus.expect_message(".wk-norms", "1 norm")
    expect(marcus.locator(field)).to_have_value("Phones away\nListen first")
    saved = read_yaml(pages_server.workspace / book.slug / "team.yaml")["norms"]
    assert saved == ["Phones away", "Listen first"]
