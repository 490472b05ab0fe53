"""Day 1 on the pages (``workshop-kit app``, one Solara process), as a new team uses it: every
activity filled by typing and clicking, saved, and found again in a new session (another
browser) both on the page and in the team's files; and two devices of one team, each showing
what the other saved. The facilitator's browser creates the teams (a team's own code may not)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

NOTEBOOK = "01_day1_worthy_goal.ipynb"
TEAM = "Lincoln Elementary ILT"
SCHOOL = "Lincoln Elementary, a K-5 school"
MEMBERS = [("Dana Whitfield", "Principal"), ("Luis Ortega", "Lead teacher")]
NORMS = ["We start and end on time.", "We bring student work to every meeting."]
CANDIDATES = [
    ("Students explain their reasoning in writing across subjects", "Writing task: 41% proficient"),
    ("Students read grade-level texts fluently by grade 3", "Fluency checks, fall and winter"),
]
GOAL_PARTS = {
    "what": "students explain their reasoning in writing",
    "for_whom": "all students in grades 3 to 5",
    "how_much": "at least 60% of students",
    "by_when": "June 2027",
    "baseline": "41% on the September writing task",
}
CRITERION = {
    "measure": "Students proficient on the writing task",
    "baseline": "41",
    "target": "60",
    "by": "2027-06-11",
}
EVIDENCE = Path(__file__).resolve().parents[2] / "data" / "demo" / "team" / "evidence.csv"


def choose_rater(day: Any, member: str) -> None:
    """Say who is at the device ("I am": ratings are private, so a device rates only as its
    member); wait until the grid shows that member's scores (the server fills it)."""
    from playwright.sync_api import expect

    day.choose(".wk-member select", member)
    expect(day.locator("button.wk-save-ratings")).to_contain_text(member)


class TestDay1InAppMode:
    def test_a_new_team_fills_day1_and_finds_it_again_after_reload(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        """All typed on Day 1 is saved in the team's files and shown again in a new session."""
        day = open_page(NOTEBOOK, team="demo")
        day.screenshot("day1", anchor="#activity-ratings")  # the demo team's ratings
        day.create_team(TEAM)

        # Roster
        day.fill(".wk-school input", SCHOOL)
        day.type(".wk-roster .wk-col-name input", MEMBERS[0][0])
        day.choose(".wk-roster .wk-col-role select", MEMBERS[0][1])
        day.click(".wk-roster button.wk-add-row")
        day.fill(".wk-roster .wk-col-name input", MEMBERS[1][0], nth=1)
        day.choose(".wk-roster .wk-col-role select", MEMBERS[1][1], nth=1)
        day.click("button.wk-save-roster")
        day.expect_message(".wk-roster", "2 members")

        # Norms
        day.fill(".wk-norms-text textarea", "\n".join(NORMS))
        day.click(".wk-norms-agreed input")
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "2 norms agreed")
        # this browser holds the facilitator's code: the team's file (and so its history) says
        # the facilitator made the save, not a member of the team (issue 27)
        saved = (pages_server.team_folder(TEAM) / "team.yaml").read_text(encoding="utf-8")
        assert "# Last saved by: the facilitator\n" in saved

        # Evidence: upload the results table
        with day.page.expect_file_chooser() as chooser:
            day.click("button.wk-evidence-upload")
        chooser.value.set_files(str(EVIDENCE))
        day.expect_message(".wk-evidence", "Loaded")

        # Candidate goals
        day.fill(".wk-candidates .wk-col-text textarea", CANDIDATES[0][0])
        day.fill(".wk-candidates .wk-col-evidence textarea", CANDIDATES[0][1])
        day.click(".wk-candidates button.wk-add-row")
        day.fill(".wk-candidates .wk-col-text textarea", CANDIDATES[1][0], nth=1)
        day.fill(".wk-candidates .wk-col-evidence textarea", CANDIDATES[1][1], nth=1)
        day.click("button.wk-save-candidates")
        day.expect_message(".wk-candidates", "Saved 2 candidate goals")

        # Ratings: the first member rates every cell
        choose_rater(day, MEMBERS[0][0])
        cells = day.locator(".wk-ratings [class*='wk-rate-'] select")
        assert cells.count() >= 2, "one rating per candidate and criterion"
        for n in range(cells.count()):
            cells.nth(n).select_option(index=1 + n % 4)
        day.click("button.wk-save-ratings")
        day.expect_message(".wk-ratings", f"Saved {MEMBERS[0][0]}'s ratings")

        # Goal statement and a success criterion
        day.choose(".wk-chosen-candidate select", CANDIDATES[0][0])
        for key, text in GOAL_PARTS.items():
            day.fill(f".wk-goal-{key} input", text)
        day.click("button.wk-draft-goal")
        day.expect_value(".wk-goal-statement textarea", GOAL_PARTS["how_much"])
        statement = day.value(".wk-goal-statement textarea")
        day.fill(".wk-goal .wk-col-measure input", CRITERION["measure"])
        day.fill(".wk-goal .wk-col-baseline input", CRITERION["baseline"])
        day.fill(".wk-goal .wk-col-target input", CRITERION["target"])
        day.fill(".wk-goal .wk-col-by input", CRITERION["by"])
        day.click("button.wk-save-goal")
        day.expect_message(".wk-goal", "Saved the goal and 1 success criterion")

        # Summary
        day.click("button.wk-save-summary")
        day.expect_message(".wk-day1-summary", "day1_summary.md")
        day.assert_clean()

        # A new session in another browser, so what is shown comes from the team's files and
        # not from what this tab keeps for a reload: pick the team again and find everything
        day = open_page(NOTEBOOK)
        day.open_team(TEAM)
        assert day.value(".wk-school input") == SCHOOL
        day.expect_values(".wk-roster .wk-col-name input", [m[0] for m in MEMBERS])
        assert [day.selected_label(".wk-roster .wk-col-role select", n) for n in range(2)] == [
            m[1] for m in MEMBERS
        ]
        assert day.value(".wk-norms-text textarea").splitlines() == NORMS
        assert day.locator(".wk-norms-agreed input").is_checked()
        day.expect_values(".wk-candidates .wk-col-text textarea", [c[0] for c in CANDIDATES])
        day.expect_values(".wk-candidates .wk-col-evidence textarea", [c[1] for c in CANDIDATES])
        assert day.locator(".wk-evidence table.wk-needs").count() == 1, (
            "the uploaded results are shown"
        )
        # the trend chart keeps the text alternative the kit wrote (a screen reader reads it)
        alt = day.locator(".wk-evidence img.wk-chart").first.get_attribute("alt") or ""
        assert alt != "Chart" and "proficient" in alt, alt
        choose_rater(day, MEMBERS[0][0])
        cells = day.locator(".wk-ratings [class*='wk-rate-'] select")
        rated = [
            day.selected_label(".wk-ratings [class*='wk-rate-'] select", n)
            for n in range(cells.count())
        ]
        assert all(label.split(" ")[0] == str(1 + n % 4) for n, label in enumerate(rated)), rated
        assert day.selected_label(".wk-chosen-candidate select") == CANDIDATES[0][0]
        for key, text in GOAL_PARTS.items():
            assert day.value(f".wk-goal-{key} input") == text
        assert day.value(".wk-goal-statement textarea") == statement
        assert day.value(".wk-goal .wk-col-measure input") == CRITERION["measure"]
        assert day.value(".wk-goal .wk-col-by input") == CRITERION["by"]
        day.assert_clean()

        # ... and in the team's files
        folder = pages_server.team_folder(TEAM)
        team = pages_server.read(folder / "team.yaml")
        assert team["school"] == SCHOOL
        assert [(m["name"], m["role"]) for m in team["members"]] == MEMBERS
        assert team["norms"] == NORMS and team["norms_agreed"] is True
        goal = pages_server.read(folder / "goal.yaml")
        assert [(c["text"], c["evidence"]) for c in goal["candidates"]] == CANDIDATES
        assert len(goal["ratings"][MEMBERS[0][0]]) == 2
        assert goal["goal"]["statement"] == statement
        assert goal["goal"]["for_whom"] == GOAL_PARTS["for_whom"]
        assert goal["success_criteria"][0]["measure"] == CRITERION["measure"]
        assert goal["success_criteria"][0]["target"] == 60
        assert (
            (folder / "evidence.csv")
            .read_text(encoding="utf-8")
            .splitlines()[0]
            .startswith("year,")
        )
        assert statement in (folder / "exports" / "day1_summary.md").read_text(encoding="utf-8")


class TestPastingFromASpreadsheet:
    ROWS = (
        "Name\tRole\nAna Ruiz\tPrincipal\nMarcus Lee\tLead teacher\nJo Park\tInstructional coach\n"
    )

    def test_three_pasted_roster_rows_make_three_members(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        """Rows copied from a spreadsheet (tabs between cells, a heading row first) are pasted
        into the paste box, previewed, added and saved: one member per row."""
        day = open_page(NOTEBOOK)
        day.create_team("Paste Street ILT")
        day.click(".wk-roster button.wk-paste-open")
        box = day.locator(".wk-roster .wk-paste-text textarea")
        box.click()
        day.page.keyboard.insert_text(self.ROWS)  # what a paste puts into the field
        day.click(".wk-roster button.wk-paste-preview")
        add = day.locator(".wk-roster button.wk-paste-add")
        from playwright.sync_api import expect

        expect(add).to_have_text("Add these 3 members")
        add.click()
        day.expect_message(".wk-roster", "Added 3 members to the table")
        day.expect_values(".wk-roster .wk-col-name input", ["Ana Ruiz", "Marcus Lee", "Jo Park"])
        day.click("button.wk-save-roster")
        day.expect_message(".wk-roster", "Saved the roster: 3 members.")
        team = pages_server.read(pages_server.team_folder("Paste Street ILT") / "team.yaml")
        assert [(m["name"], m["role"]) for m in team["members"]] == [
            ("Ana Ruiz", "Principal"),
            ("Marcus Lee", "Lead teacher"),
            ("Jo Park", "Instructional coach"),
        ]
        day.assert_clean()


def shown_on_the_other_device(what: str, started: float) -> None:
    """Print how long the other device took (for the record; the pass/fail check is the
    condition itself, waited for with the suite's generous ceiling)."""
    waited = time.monotonic() - started
    print(f"\n  {what}: shown on the other device {waited:.1f} s after the save")


class TestTwoDevicesOfOneTeam:
    def test_what_one_device_saves_the_other_shows_on_every_panel(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        """Two browsers on one team's Day 1, nothing typed on the second: each save on the
        first (roster, norms, evidence, candidates, ratings, goal) appears on the second's
        panels by itself, lists, table and summary included, with no reload."""
        from playwright.sync_api import expect

        slug = Workspace(pages_server.workspace).create_team("Twin Oaks ILT").slug
        first = open_page(NOTEBOOK, team=slug)
        second = open_page(NOTEBOOK, team=slug)
        expect(second.locator(".wk-current-team")).to_contain_text("Twin Oaks ILT")

        first.fill(".wk-school input", SCHOOL)
        first.type(".wk-roster .wk-col-name input", MEMBERS[0][0])
        first.choose(".wk-roster .wk-col-role select", MEMBERS[0][1])
        first.click(".wk-roster button.wk-add-row")
        first.fill(".wk-roster .wk-col-name input", MEMBERS[1][0], nth=1)
        first.choose(".wk-roster .wk-col-role select", MEMBERS[1][1], nth=1)
        first.click("button.wk-save-roster")
        first.expect_message(".wk-roster", "2 members")
        started = time.monotonic()
        names = second.locator(".wk-roster .wk-col-name input")
        expect(names).to_have_count(2)
        expect(names.nth(1)).to_have_value(MEMBERS[1][0])
        expect(second.locator(".wk-school input")).to_have_value(SCHOOL)
        expect(second.locator(".wk-member select option")).to_have_count(3)  # "Not said" too
        expect(second.locator(".wk-rater select option")).to_have_count(0)  # nobody said "I am"
        expect(second.locator(".wk-roster .wk-msg.wk-info")).to_contain_text("another device")
        shown_on_the_other_device("the roster", started)

        first.fill(".wk-norms-text textarea", "\n".join(NORMS))
        first.click("button.wk-save-norms")
        first.expect_message(".wk-norms", "2 norms")
        started = time.monotonic()
        second.expect_value(".wk-norms-text textarea", NORMS[1])
        shown_on_the_other_device("the norms", started)

        with first.page.expect_file_chooser() as chooser:
            first.click("button.wk-evidence-upload")
        chooser.value.set_files(str(EVIDENCE))
        first.expect_message(".wk-evidence", "Loaded")
        started = time.monotonic()
        expect(second.locator(".wk-evidence table.wk-needs")).to_have_count(1)
        shown_on_the_other_device("the evidence", started)

        first.fill(".wk-candidates .wk-col-text textarea", CANDIDATES[0][0])
        first.click(".wk-candidates button.wk-add-row")
        first.fill(".wk-candidates .wk-col-text textarea", CANDIDATES[1][0], nth=1)
        first.click("button.wk-save-candidates")
        first.expect_message(".wk-candidates", "Saved 2 candidate goals")
        started = time.monotonic()
        candidates = second.locator(".wk-candidates .wk-col-text textarea")
        expect(candidates).to_have_count(2)
        expect(candidates.nth(1)).to_have_value(CANDIDATES[1][0])
        expect(second.locator(".wk-ratings")).to_contain_text(CANDIDATES[1][0])
        expect(second.locator(".wk-chosen-candidate select option")).to_contain_text(
            [CANDIDATES[0][0], CANDIDATES[1][0]]
        )
        shown_on_the_other_device("the candidate goals", started)

        # ratings are private until a member has saved their own: the second device's member
        # rates first, then hears of the first device's ratings as they arrive
        for day, (member, _role) in ((second, MEMBERS[1]), (first, MEMBERS[0])):
            choose_rater(day, member)
            cells = day.locator(".wk-ratings [class*='wk-rate-'] select")
            for n in range(cells.count()):
                cells.nth(n).select_option(index=1 + n % 4)
            day.click("button.wk-save-ratings")
            day.expect_message(".wk-ratings", f"Saved {member}'s ratings")
        started = time.monotonic()
        expect(second.locator(".wk-ratings .wk-msg.wk-info").first).to_contain_text(
            f"new ratings from {MEMBERS[0][0]}"
        )
        shown_on_the_other_device("the ratings", started)

        first.choose(".wk-chosen-candidate select", CANDIDATES[0][0])
        for key, text in GOAL_PARTS.items():
            first.fill(f".wk-goal-{key} input", text)
        first.click("button.wk-draft-goal")
        first.expect_value(".wk-goal-statement textarea", GOAL_PARTS["how_much"])
        first.click("button.wk-save-goal")
        first.expect_message(".wk-goal", "Saved the goal")
        statement = first.value(".wk-goal-statement textarea")
        started = time.monotonic()
        second.expect_value(".wk-goal-statement textarea", statement)
        expect(second.locator(".wk-day1-summary")).to_contain_text(GOAL_PARTS["for_whom"])
        shown_on_the_other_device("the goal", started)
        expect(second.locator(".wk-day1-summary")).to_contain_text(MEMBERS[1][0])
        expect(second.locator(".wk-day1-summary")).to_contain_text(NORMS[0])
        first.assert_clean()
        second.assert_clean()
