"""The institute room on the pages (``workshop-kit app``): the team follows the person through
reloads and days, two teams work side by side without hearing of each other, two devices of one
team add resources and ratings at the same moment without a refusal, a real conflict is
explained with nothing lost, and unsaved typing makes the browser ask before leaving."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from tests.browser.conftest import DayPage, OfflinePage, PagesServer, remember_code

from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Member, Team
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

DAY1 = "01_day1_worthy_goal.ipynb"
DAY2 = "02_day2_resource_map.ipynb"
MEMBERS = (("Ana Ruiz", "Principal"), ("Marcus Lee", "Lead teacher"))
#: a ceiling for what a person waits for (another device's save is looked for every 2 s), on a
#: busy 2-core machine
TIMEOUT_MS = 30_000


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
    new_page: Callable[[], OfflinePage], pages_server: PagesServer
) -> Callable[..., DayPage]:
    """``open_as(notebook, query, activities)``: a new device's page at that address, drawn,
    with those activities opened. The browser holds the facilitator's code (the teams made
    here are made after the server made its cards)."""

    def opener(notebook: str, query: str, activities: list[str]) -> DayPage:
        offline = new_page()
        remember_code(offline, pages_server.url, pages_server.join_codes()["facilitator"])
        url = f"{pages_server.day_url(notebook)}?{query}"
        return DayPage(offline, url, ".wk-team-picker", activities).open()

    return opener


class TestTheTeamFollowsThePerson:
    def test_reload_and_the_other_days_reopen_the_team_and_the_demo_waits_to_be_asked(
        self, open_page: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(DAY1, activities=["roster"])
        expect(day.locator(".wk-current-team").first).to_contain_text("No team is open")
        expect(day.locator(".wk-choose-team-first").first).to_be_visible()
        expect(day.locator(".wk-roster")).to_have_count(0)  # nothing to type into yet
        day.create_team("Cedar Room ILT")
        expect(day.page).to_have_url(re.compile(r"[?&]team=cedar-room-ilt"))
        day.reload()
        day.expect_current_team("Cedar Room ILT")
        expect(day.locator(".wk-roster")).to_be_visible()
        expect(day.locator(".wk-choose-team-first")).to_have_count(0)

        # to the start page and on to Day 2: the links carry the team
        day.page.goto(f"{pages_server.url}/?team=cedar-room-ilt")
        day.page.locator("a.wk-open-notebook", has_text="Day 2").click()
        expect(day.page).to_have_url(re.compile(r"/day2\?team=cedar-room-ilt$"))
        day.expect_current_team("Cedar Room ILT")
        # back twice: the start page, then Day 1 of the same team again
        day.page.go_back()
        day.page.locator(".wk-landing").wait_for()
        day.page.go_back()
        day.wait_rendered()
        assert re.search(r"/day1\?team=cedar-room-ilt", day.page.url), day.page.url
        day.expect_current_team("Cedar Room ILT")
        day.assert_clean()

    def test_a_prose_link_to_another_day_carries_the_team_chosen_on_the_page(
        self, open_page: Callable[..., DayPage]
    ) -> None:
        """The page was drawn before a team was chosen, so its links name none: the team
        chosen since goes with the person to the next page."""
        from playwright.sync_api import expect

        day = open_page(DAY1, activities=[])
        day.open_team("Maple Grove Elementary (demo)")
        day.page.locator(".wk-prose a[href^='/day2']").first.click()
        expect(day.page).to_have_url(re.compile(r"/day2\?team=demo"))
        day.expect_current_team("Maple Grove Elementary (demo)")

    def test_an_unknown_or_unsafe_team_in_the_address_is_a_plain_message(
        self, open_as: Callable[..., DayPage]
    ) -> None:
        for query, said in (
            ("team=nobody-here", "There is no team called ‘nobody-here’"),
            ("team=..%2F..%2Fetc", "cannot contain /"),
        ):
            day = open_as(DAY1, query, [])
            day.expect_message(".wk-team-picker", said, kind="error")
            day.assert_clean()


class TestTwoTeamsSideBySide:
    def test_each_team_saves_its_own_and_hears_only_of_its_own(
        self, open_as: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        """Two teams on Day 1 in one server process, two devices each. One device of each team
        saves its school and norm at the same moment: each file holds only its own team's
        words; each team's other device (nothing typed on it) hears of its teammate's save by
        name and shows it: its own team's words, never the other team's."""
        from playwright.sync_api import expect

        teams = {
            seed_team(pages_server.workspace, "Ash Side ILT"): "Ana Ruiz",
            seed_team(pages_server.workspace, "Elm Side ILT"): "Marcus Lee",
        }
        saving, watching = {}, {}
        for slug, member in teams.items():
            saving[slug] = open_as(DAY1, f"team={slug}&member={member}", ["roster", "norms"])
            watching[slug] = open_as(DAY1, f"team={slug}", ["norms"])
        for slug, day in saving.items():
            day.fill(".wk-school input", f"{slug} school")
            day.fill(".wk-norms-text textarea", f"{slug} norm")
        for day in saving.values():
            day.click("button.wk-save-roster")
            day.click("button.wk-save-norms")
        for day in saving.values():
            day.expect_message(".wk-roster", "Saved the roster")
            day.expect_message(".wk-norms", "1 norm")
        for slug, member in teams.items():
            other = next(s for s in teams if s != slug)
            team = pages_server.read(pages_server.workspace / slug / "team.yaml")
            assert team["school"] == f"{slug} school" and team["norms"] == [f"{slug} norm"]
            day = watching[slug]
            note = day.locator(".wk-norms .wk-msg.wk-info").filter(has_text="another device")
            expect(note).to_contain_text(
                f"{member} saved changes to the team roster", timeout=TIMEOUT_MS
            )
            # nothing was typed on the watching device: its norms show the teammate's save
            expect(note).to_contain_text("they are shown here")
            expect(day.locator(".wk-norms-text textarea")).to_have_value(f"{slug} norm")
            for page in (day, saving[slug]):
                text = page.page.inner_text("body")
                assert other not in text and f"{teams[other]} saved" not in text
                page.assert_clean()


class TestMembersWorkAtOnce:
    def test_two_devices_add_resources_at_the_same_moment_and_both_land(
        self, open_as: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        slug = seed_team(pages_server.workspace, "Elm Room ILT")
        ana = open_as(DAY2, f"team={slug}&member=Ana Ruiz", ["inventory"])
        marcus = open_as(DAY2, f"team={slug}&member=Marcus Lee", ["inventory"])
        for device, name in ((ana, "Reading buddies"), (marcus, "Math coach")):
            device.fill(".wk-resource-name input", name)
            device.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        ana.click("button.wk-add-resource")
        marcus.click("button.wk-add-resource")  # before Ana's save is confirmed
        ana.expect_message(".wk-resource-form", "Added ‘Reading buddies’")
        marcus.expect_message(".wk-resource-form", "Added ‘Math coach’")
        names = [
            r["name"]
            for r in pages_server.read(pages_server.workspace / slug / "resources.yaml")[
                "resources"
            ]
        ]
        assert sorted(names) == ["Math coach", "Reading buddies"]
        # each page learns of the other's save (a look every 2 s)
        marcus.fill(".wk-resource-name input", "Family nights")
        marcus.choose(".wk-resource-quadrant select", "Relationships and relational qualities")
        marcus.click("button.wk-add-resource")
        marcus.expect_message(".wk-resource-form", "Added ‘Family nights’")
        expect(ana.locator(".wk-inventory").first).to_contain_text(
            "Marcus Lee saved changes to the resource inventory", timeout=TIMEOUT_MS
        )
        ana.assert_clean()
        marcus.assert_clean()

    def test_two_members_rate_at_the_same_moment_and_the_chart_follows(
        self, open_as: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        slug = seed_team(pages_server.workspace, "Ash Room ILT")
        pages = [open_as(DAY1, f"team={slug}&member={name}", ["ratings"]) for name, _ in MEMBERS]
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
        ratings = pages_server.read(pages_server.workspace / slug / "goal.yaml")["ratings"]
        assert sorted(ratings) == ["Ana Ruiz", "Marcus Lee"]
        # Marcus changes his mind; Ana's chart tells her
        first = pages[1].locator(".wk-ratings [class*='wk-rate-'] select").first
        first.select_option(index=1)
        pages[1].click("button.wk-save-ratings")
        pages[1].expect_message(".wk-ratings", "Saved Marcus Lee's ratings")
        # (Ana's page may hear of Marcus's two saves at once: one look every 2 s)
        arrivals = pages[0].locator(".wk-ratings .wk-msg.wk-info")
        expect(
            arrivals.filter(has_text=re.compile(r"\d+ new ratings? from Marcus Lee, chart updated"))
        ).to_be_visible(timeout=TIMEOUT_MS)
        expect(pages[0].locator(".wk-ranking").first).to_contain_text("2/2")


class TestARealConflict:
    def test_the_refusal_names_the_member_and_who_saved_and_keeps_what_was_typed(
        self, open_as: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        slug = seed_team(pages_server.workspace, "Fir Room ILT")
        ana = open_as(DAY1, f"team={slug}&member=Ana Ruiz", ["roster"])
        marcus = open_as(DAY1, f"team={slug}&member=Marcus Lee", ["roster"])
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
        saved = pages_server.read(pages_server.workspace / slug / "team.yaml")["members"]
        assert saved[1]["role"] == "Instructional coach"
        marcus.click("button.wk-keep-mine")
        marcus.expect_message(".wk-roster", "Saved the roster")
        saved = pages_server.read(pages_server.workspace / slug / "team.yaml")["members"]
        assert saved[1]["role"] == "Specialist"
        marcus.assert_clean()


class TestLeavingWithUnsavedTyping:
    def test_the_browser_asks_before_the_page_is_left(
        self, open_as: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        """Typing no panel has saved: a reload asks first (and the pages put the text back, not
        saved, as after a lost connection). After a save, leaving is quiet."""
        from playwright.sync_api import expect

        slug = seed_team(pages_server.workspace, "Oak Room ILT")
        day = open_as(DAY1, f"team={slug}", ["norms"])
        asked: list[str] = []

        def answer(dialog: Any) -> None:
            asked.append(dialog.type)
            dialog.accept()

        day.page.on("dialog", answer)
        day.type(".wk-norms-text textarea", "Typed, not saved")
        day.page.reload()
        assert asked == ["beforeunload"]
        # the page reopens the norms itself and puts the text back, not saved
        expect(day.locator(".wk-norms-text textarea")).to_have_value("Typed, not saved")
        expect(day.locator(".wk-connection")).to_contain_text("back in its place and not saved")
        # after a save, leaving is quiet
        day.type(".wk-norms-text textarea", "Start on time")
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "1 norm saved")
        day.reload()
        assert asked == ["beforeunload"]
        expect(day.locator(".wk-norms-text textarea")).to_have_value("Start on time")
