"""The institute room in app mode: the team follows the person through reloads and days, two
devices of one team add resources and ratings at the same moment without a refusal, a real
conflict is explained with nothing lost, and unsaved typing makes the browser ask before leaving."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Member, Team
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

DAY1 = "01_day1_worthy_goal.ipynb"
DAY2 = "02_day2_resource_map.ipynb"
LANDING = "00_start_here.ipynb"
MEMBERS = (("Ana Ruiz", "Principal"), ("Marcus Lee", "Lead teacher"))


def seed_team(workspace: Any, name: str) -> str:
    """A team with a roster and two candidate goals, as a facilitator might have prepared."""
    book = Workspace(workspace).create_team(name)
    book.load(Team)
    book.update(
        Team,
        lambda t: t.with_roster(t.name, "", [Member(name=n, role=r) for n, r in MEMBERS]),
    )
    book.load(GoalWork)
    book.save(
        GoalWork(
            candidates=(
                CandidateGoal(id="writing", text="Students explain their reasoning in writing."),
                CandidateGoal(id="reading", text="Students read grade-level texts fluently."),
            )
        )
    )
    return book.slug


@pytest.fixture
def open_as(
    new_page: Callable[[], Any], app_server: Any, day_page: Any
) -> Callable[[str, str, str], Any]:
    """``open_as(notebook, query, ready)``: a new device's page at that address, rendered."""

    def opener(notebook: str, query: str, ready: str) -> Any:
        return day_page(new_page(), f"{app_server.day_url(notebook)}?{query}", ready).open()

    return opener


class TestTheTeamFollowsThePerson:
    def test_reload_and_the_other_days_reopen_the_team_and_the_demo_waits_to_be_asked(
        self, open_day: Callable[..., Any], app_server: Any, day_page: Any
    ) -> None:
        from playwright.sync_api import expect

        day = open_day(DAY1)
        expect(day.locator(".wk-current-team").first).to_contain_text("No team is open")
        expect(day.locator(".wk-choose-team-first").first).to_be_visible()
        expect(day.locator(".wk-roster")).to_have_count(0)  # nothing to type into yet
        day.create_team("Cedar Room ILT")
        day.page.wait_for_url(re.compile(r"[?&]team=cedar-room-ilt"))
        day.reload()
        day.expect_current_team("Cedar Room ILT")
        expect(day.locator(".wk-choose-team-first")).to_have_count(0)
        # to the landing page and on to Day 2 (it opens in a new tab): the links carry the team
        day.page.goto(f"{app_server.day_url(LANDING)}?team=cedar-room-ilt")
        with day.page.context.expect_page() as opened:
            day.page.locator("a.wk-open-notebook", has_text="Day 2").click()
        tab = day_page(replace(day.offline, page=opened.value), opened.value.url)
        tab.wait_rendered()
        assert "team=cedar-room-ilt" in tab.page.url and "02_day2" in tab.page.url
        tab.expect_current_team("Cedar Room ILT")
        # back from the landing page: Day 1 of the same team again
        day.page.go_back()
        day.wait_rendered()
        day.expect_current_team("Cedar Room ILT")
        day.assert_clean()

    def test_an_unknown_or_unsafe_team_in_the_address_is_a_plain_message(
        self, open_as: Callable[..., Any], app_server: Any
    ) -> None:
        for query, said in (
            ("team=nobody-here", "There is no team called ‘nobody-here’"),
            ("team=..%2F..%2Fetc", "cannot contain /"),
        ):
            day = open_as(DAY1, query, "button.wk-create-team")
            day.expect_message(".wk-team-picker", said, kind="error")
            day.assert_clean()


class TestMembersWorkAtOnce:
    def test_two_devices_add_resources_at_the_same_moment_and_both_land(
        self, open_as: Callable[..., Any], app_server: Any
    ) -> None:
        from playwright.sync_api import expect

        slug = seed_team(app_server.workspace, "Elm Room ILT")
        ana = open_as(DAY2, f"team={slug}&member=Ana Ruiz", ".wk-inventory")
        marcus = open_as(DAY2, f"team={slug}&member=Marcus Lee", ".wk-inventory")
        for device, name in ((ana, "Reading buddies"), (marcus, "Math coach")):
            device.fill(".wk-resource-name input", name)
            device.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        ana.click("button.wk-add-resource")
        marcus.click("button.wk-add-resource")  # before Ana's save is confirmed
        ana.expect_message(".wk-resource-form", "Added ‘Reading buddies’")
        marcus.expect_message(".wk-resource-form", "Added ‘Math coach’")
        names = [
            r["name"]
            for r in app_server.read(app_server.workspace / slug / "resources.yaml")["resources"]
        ]
        assert sorted(names) == ["Math coach", "Reading buddies"]
        # each page learns of the other's save within a few seconds (a check every 2 s)
        marcus.fill(".wk-resource-name input", "Family nights")
        marcus.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        marcus.click("button.wk-add-resource")
        marcus.expect_message(".wk-resource-form", "Added ‘Family nights’")
        expect(ana.locator(".wk-inventory").first).to_contain_text(
            "Marcus Lee saved changes to the resource inventory", timeout=15_000
        )
        ana.assert_clean()
        marcus.assert_clean()

    def test_two_members_rate_at_the_same_moment_and_the_chart_follows(
        self, open_as: Callable[..., Any], app_server: Any
    ) -> None:
        from playwright.sync_api import expect

        slug = seed_team(app_server.workspace, "Ash Room ILT")
        pages = [open_as(DAY1, f"team={slug}&member={name}", ".wk-ratings") for name, _ in MEMBERS]
        for device, (name, _) in zip(pages, MEMBERS, strict=True):
            expect(device.locator("button.wk-save-ratings")).to_contain_text(name)
            cells = device.locator(".wk-ratings [class*='wk-rate-'] select")
            for n in range(cells.count()):
                cells.nth(n).select_option(index=2 if name == "Ana Ruiz" else 4)
            expect(device.locator(".wk-ratings-hidden")).to_contain_text("once you have saved")
        for device in pages:
            device.click("button.wk-save-ratings")
        for device, (name, _) in zip(pages, MEMBERS, strict=True):
            device.expect_message(".wk-ratings", f"Saved {name}'s ratings")
            expect(device.locator(".wk-ratings-hidden")).to_have_count(0)
        ratings = app_server.read(app_server.workspace / slug / "goal.yaml")["ratings"]
        assert sorted(ratings) == ["Ana Ruiz", "Marcus Lee"]
        # Marcus changes his mind; Ana's chart tells her
        first = pages[1].locator(".wk-ratings [class*='wk-rate-'] select").first
        first.select_option(index=1)
        pages[1].click("button.wk-save-ratings")
        pages[1].expect_message(".wk-ratings", "Saved Marcus Lee's ratings")
        # (Ana's page may hear of Marcus's two saves at once: one check every 2 s)
        arrivals = pages[0].locator(".wk-ratings .wk-msg.wk-info")
        expect(
            arrivals.filter(has_text=re.compile(r"\d+ new ratings? from Marcus Lee, chart updated"))
        ).to_be_visible(timeout=15_000)
        expect(pages[0].locator(".wk-ranking").first).to_contain_text("2/2")


class TestARealConflict:
    def test_the_refusal_names_the_member_and_who_saved_and_keeps_what_was_typed(
        self, open_as: Callable[..., Any], app_server: Any
    ) -> None:
        slug = seed_team(app_server.workspace, "Fir Room ILT")
        ana = open_as(DAY1, f"team={slug}&member=Ana Ruiz", ".wk-roster")
        marcus = open_as(DAY1, f"team={slug}&member=Marcus Lee", ".wk-roster")
        ana.choose(".wk-roster .wk-col-role select", "Instructional coach", nth=1)
        # Marcus changes the same row before Ana saves (with nothing typed, his page would show
        # Ana's save by itself, and his change would then be made on top of it: no conflict)
        marcus.choose(".wk-roster .wk-col-role select", "Specialist", nth=1)
        ana.click("button.wk-save-roster")
        ana.expect_message(".wk-roster", "2 members")
        marcus.click("button.wk-save-roster")
        marcus.expect_message(".wk-roster", "Ana Ruiz saved a different change", kind="error")
        marcus.expect_message(".wk-roster", "‘Marcus Lee’ in the roster", kind="error")
        assert marcus.selected_label(".wk-roster .wk-col-role select", nth=1) == "Specialist"
        saved = app_server.read(app_server.workspace / slug / "team.yaml")["members"]
        assert saved[1]["role"] == "Instructional coach"
        marcus.click("button.wk-keep-mine")
        marcus.expect_message(".wk-roster", "Saved the roster")
        saved = app_server.read(app_server.workspace / slug / "team.yaml")["members"]
        assert saved[1]["role"] == "Specialist"
        marcus.assert_clean()


class TestLeavingWithUnsavedTyping:
    def test_the_browser_asks_before_the_page_is_left(
        self, open_as: Callable[..., Any], app_server: Any
    ) -> None:
        slug = seed_team(app_server.workspace, "Oak Room ILT")
        day = open_as(DAY1, f"team={slug}", ".wk-norms")
        asked: list[str] = []

        def answer(dialog: Any) -> None:
            asked.append(dialog.type)
            dialog.accept()

        day.page.on("dialog", answer)
        day.type(".wk-norms-text textarea", "Typed, not saved")
        day.page.reload()
        day.wait_rendered()
        assert asked == ["beforeunload"]
        # after a save, leaving is quiet
        day.type(".wk-norms-text textarea", "Start on time")
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "1 norm saved")
        day.page.reload()
        day.wait_rendered()
        assert asked == ["beforeunload"]
