"""Day 3 on the pages (``workshop-kit app``), as a new team uses it: meetings typed in, hours
counted, time re-purposed with live figures, cycles placed, an agenda, an action step and the
launch session with staff saved, the plan downloaded, and all of it found again after a reload
(a new session) on the page and in the team's files. Two devices of one team see each other's
meetings, agendas and steps without a reload (issue 31, item 8)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from tests.browser.conftest import DayPage, PagesServer

from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

NOTEBOOK = "03_day3_meeting_time.ipynb"
KEY_DELAY_MS = 90  # a person types about ten keys a second
SPENT = {"logistics": "15", "compliance": "0", "goal": "0", "other_instructional": "30"}
#: the target of issue 31 for another device's save to show; printed, not a pass/fail wait (the
#: live view looks every 2 s, and tests/activities/day3/test_live_lists.py checks that one look
#: brings each list up to date)
SHOWN_WITHIN_S = 3.0
#: a ceiling for what a person waits for, on a busy 2-core machine
TIMEOUT_MS = 30_000


def type_like_a_person(day: DayPage, css: str, text: str) -> None:
    field = day.locator(css).first
    field.fill("")
    field.press_sequentially(text, delay=KEY_DELAY_MS)


def add_meeting(
    day: DayPage, name: str, kind: str, headcount: str, minutes: str, spent: dict[str, str]
) -> None:
    type_like_a_person(day, ".wk-meeting-name input", name)
    day.choose(".wk-meeting-type select", kind)
    day.fill(".wk-meeting-headcount input", headcount)
    day.fill(".wk-meeting-minutes input", minutes)
    day.choose(".wk-meeting-kind select", "Every week")
    day.choose(".wk-meeting-weekday select", "Tuesday")
    for purpose, value in spent.items():
        day.fill(f".wk-minutes-{purpose} input", value)
    day.click("button.wk-save-meeting")
    day.expect_message(".wk-meetings", f"Added ‘{name}’: it meets 37 times")


class TestDay3OnThePages:
    def test_the_demo_plan_draws_without_code_or_errors(
        self, open_page: Callable[..., DayPage]
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, team="demo")  # every activity opened
        expect(day.locator(".wk-what-if").first).to_contain_text("62.9 hours")
        expect(day.locator(".wk-year-calendar").first).to_contain_text("school year at a glance")
        day.assert_clean()

    def test_a_new_team_plans_its_time_and_finds_it_again_after_reload(
        self, open_page: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        team = "Cedar Park ILT"
        day = open_page(NOTEBOOK)  # every activity opened: each waits for the team
        day.create_team(team)

        day.click("button.wk-save-year")
        day.expect_message(".wk-school-year", "Saved the school year")

        add_meeting(day, "Grade 4 team", "Grade-level team", "5", "45", SPENT)
        expect(day.locator(".wk-ledger .wk-hours-by-type")).to_contain_text("27.8 hours in all")

        # Re-purposing: the figures move as the team types, before anything is saved
        day.choose(".wk-move-idea select", "Announcements go into a weekly email")
        day.choose(".wk-move-idea-meeting select", "Grade 4 team")
        day.click("button.wk-add-idea")
        expect(day.locator(".wk-what-if")).to_contain_text("9.2 hours")
        day.fill(".wk-repurpose .wk-col-logistics input", "10")
        expect(day.locator(".wk-what-if")).to_contain_text("6.2 hours")
        day.click("button.wk-save-moves")
        day.expect_message(".wk-repurpose", "Saved 1 move")

        # Cycles on the real dates
        day.locator(".wk-cycle-hosts").get_by_label("Grade 4 team", exact=True).check()
        day.click("button.wk-place-cycles")
        day.expect_message(".wk-cycles", "Placed 4 cycles")

        # An agenda drafted from the template
        day.click("button.wk-draft-agenda")
        day.fill(".wk-agenda-purpose input", "Choose the focus of cycle 1")
        day.click("button.wk-save-agenda")
        day.expect_message(".wk-agendas", "Added the agenda (45 minutes)")

        # One action step
        day.fill(".wk-step-action textarea", "Collect September writing samples")
        day.fill(".wk-step-owner input", "Maya Chen")
        day.fill(".wk-step-start input", "2026-09-01")
        day.fill(".wk-step-due input", "2026-09-18")
        day.fill(".wk-step-checks .wk-col-date input", "2026-09-25")
        day.fill(".wk-step-checks .wk-col-evidence input", "samples scored with the rubric")
        day.click("button.wk-save-step")
        day.expect_message(".wk-actions", "Added the step owned by Maya Chen")

        # The back-to-school session the team will lead for its staff
        day.fill(".wk-launch-purpose textarea", "Staff try think-pair-share on student writing")
        day.fill(".wk-launch-date input", "2026-08-20")
        day.fill(".wk-launch-minutes input", "45")
        day.fill(".wk-launch-segments .wk-col-minutes input", "45")
        day.fill(".wk-launch-segments .wk-col-title input", "Student writing in pairs")
        day.fill(".wk-launch-segments .wk-col-lead input", "Maya Chen")
        day.choose(".wk-launch-segments .wk-col-routine select", "Think-pair-share")
        day.click("button.wk-save-launch")
        day.expect_message(".wk-launch", "Saved the launch session: 1 part in 45 minutes")

        day.click("button.wk-prepare-downloads")
        day.expect_message(".wk-team-plan", "Prepared 7 files")
        expect(day.locator("a.wk-download-html").first).to_have_attribute(
            "download", "cedar-park-ilt-team-plan.html"
        )
        expect(day.locator("a.wk-download-html").nth(1)).to_have_attribute(
            "download", "cedar-park-ilt-staff-summary.html"
        )
        day.assert_clean()

        folder = pages_server.workspace / "cedar-park-ilt"
        meetings = pages_server.read(folder / "meetings.yaml")
        plan = pages_server.read(folder / "plan.yaml")
        assert [m["name"] for m in meetings["meetings"]] == ["Grade 4 team"]
        assert plan["moves"][0]["take"]["logistics"] == 10
        assert len(plan["cycles"]) == 4 and len(plan["agendas"]) == 1
        assert plan["actions"][0]["owner"] == "Maya Chen"
        assert plan["launch"]["segments"][0]["routine"] == "think_pair_share"
        assert (folder / "exports" / "cedar-park-ilt-calendar.ics").is_file()

        # A reload is a new session: the address names the team, everything comes from the files
        day.reload()
        day.expect_current_team(team)
        expect(day.locator(".wk-meeting-table")).to_contain_text("Grade 4 team")
        expect(day.locator(".wk-what-if")).to_contain_text("6.2 hours")
        expect(day.locator(".wk-year-calendar")).to_contain_text("Cycle 4")
        expect(day.locator(".wk-launch-date input")).to_have_value("2026-08-20")
        day.assert_clean()


class TestDay3FormsNeverOverwrite:
    """The bug found by a new user: after ‘Add this meeting’ the form kept the meeting, so the
    next one typed replaced it, and 6 of 8 meetings were lost."""

    def test_eight_meetings_typed_in_a_row_are_eight_meetings(
        self, open_page: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, activities=["meetings"])
        day.create_team("Spruce Ridge ILT")
        for n in range(1, 9):
            add_meeting(day, f"Grade {n} team", "Grade-level team", "5", "45", SPENT)
        expect(day.locator(".wk-meetings-table tr")).to_have_count(1 + 8)  # and the header
        day.expect_message(".wk-meetings", "The school lists 8 meetings")
        meetings = pages_server.read(pages_server.workspace / "spruce-ridge-ilt" / "meetings.yaml")
        assert [m["name"] for m in meetings["meetings"]] == [f"Grade {n} team" for n in range(1, 9)]
        day.assert_clean()

    def test_eight_action_steps_typed_in_a_row_are_eight_steps(
        self, open_page: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, activities=["actions"])
        day.create_team("Aspen Grove ILT")
        for n in range(1, 9):
            type_like_a_person(day, ".wk-step-action textarea", f"Step {n}: score writing")
            day.fill(".wk-step-owner input", "Maya Chen")
            day.fill(".wk-step-start input", "2026-09-01")
            day.fill(".wk-step-due input", "2026-09-18")
            day.click("button.wk-save-step")
            day.expect_message(".wk-actions", "Added the step owned by Maya Chen")
            expect(day.locator(".wk-action-plan tr")).to_have_count(1 + n)
        plan = pages_server.read(pages_server.workspace / "aspen-grove-ilt" / "plan.yaml")
        assert [a["action"] for a in plan["actions"]] == [
            f"Step {n}: score writing" for n in range(1, 9)
        ]
        day.assert_clean()


def shown_after(started: float, locator: Any, text: str | re.Pattern[str]) -> float:
    """Seconds from ``started`` until ``locator`` shows ``text`` (waited on as a person waits)."""
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text, timeout=TIMEOUT_MS)
    return time.monotonic() - started


class TestTwoDevicesOfOneTeam:
    def test_meetings_agendas_and_steps_saved_on_one_show_on_the_other(
        self, open_page: Callable[..., DayPage], pages_server: PagesServer
    ) -> None:
        """Two devices on one team's Day 3. What one saves (a meeting, an agenda, a step)
        appears on the other's lists, table and plan without a reload, while the other's own
        typing stays in its fields. The delays are printed against issue 31's 3 s."""
        from playwright.sync_api import expect

        Workspace(pages_server.workspace).create_team("Birch Hill ILT")
        opened = ["meetings", "agendas", "actions", "team_plan"]
        ana = open_page(NOTEBOOK, team="birch-hill-ilt", activities=opened)
        marcus = open_page(NOTEBOOK, team="birch-hill-ilt", activities=opened)
        marcus.fill(".wk-step-action textarea", "Marcus typed this, not saved")
        delays: dict[str, float] = {}

        add_meeting(ana, "Grade 5 team", "Grade-level team", "5", "45", SPENT)
        started = time.monotonic()
        delays["meetings table"] = shown_after(
            started, marcus.locator(".wk-meeting-table"), "Grade 5 team"
        )
        delays["meetings list"] = shown_after(
            started, marcus.locator(".wk-meeting-choice select"), "change ‘Grade 5 team’"
        )
        delays["agenda meetings"] = shown_after(
            started, marcus.locator(".wk-agenda-meeting select"), "Grade 5 team"
        )

        ana.choose(".wk-agenda-meeting select", "Grade 5 team")
        ana.click("button.wk-draft-agenda")
        ana.fill(".wk-agenda-purpose input", "Choose the focus of cycle 1")
        ana.click("button.wk-save-agenda")
        ana.expect_message(".wk-agendas", "Added the agenda (45 minutes)")
        started = time.monotonic()
        delays["agendas list"] = shown_after(
            started, marcus.locator(".wk-agenda-choice select"), "change ‘Grade 5 team"
        )

        ana.fill(".wk-step-action textarea", "Collect September writing samples")
        ana.fill(".wk-step-owner input", "Maya Chen")
        ana.fill(".wk-step-start input", "2026-09-01")
        ana.fill(".wk-step-due input", "2026-09-18")
        ana.click("button.wk-save-step")
        ana.expect_message(".wk-actions", "Added the step owned by Maya Chen")
        started = time.monotonic()
        delays["action plan"] = shown_after(
            started, marcus.locator(".wk-action-plan"), "Collect September writing samples"
        )
        steps = marcus.locator(".wk-team-plan .wk-figure").filter(has_text="action steps")
        delays["team plan"] = shown_after(started, steps, re.compile(r"^\s*1\s*action steps"))
        expect(marcus.locator(".wk-actions .wk-msg.wk-info")).to_contain_text(
            # both devices hold the facilitator's code (open_page's): saves are noted as its
            re.compile(r"The facilitator saved changes to the team plan .* on another device")
        )
        expect(marcus.locator(".wk-step-action textarea")).to_have_value(
            "Marcus typed this, not saved"
        )

        print("\nshown on the other device after (s):", {k: round(v, 1) for k, v in delays.items()})
        slow = {k: round(v, 1) for k, v in delays.items() if v > SHOWN_WITHIN_S}
        if slow:
            print(f"  over the {SHOWN_WITHIN_S} s target (busy machine?): {slow}")
        ana.assert_clean()
        marcus.assert_clean()
