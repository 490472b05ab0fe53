"""Day 1 in app mode, as a new team uses it: every activity filled by typing and clicking, saved,
and found again after a reload (a new kernel) both on the page and in the team's files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

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
    """Choose who rates; wait until the grid shows that member's scores (the kernel fills it)."""
    from playwright.sync_api import expect

    day.choose(".wk-rater select", member)
    expect(day.locator("button.wk-save-ratings")).to_contain_text(member)


class TestDay1InAppMode:
    def test_a_new_team_fills_day1_and_finds_it_again_after_reload(
        self, open_day: Callable[[str], object], app_server: object
    ) -> None:
        """All typed on Day 1 is saved in the team's files and shown again in a new kernel."""
        day = open_day(NOTEBOOK, team="demo")
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

        # A new kernel: pick the team again and find everything
        day.reload()
        day.open_team(TEAM)
        assert day.value(".wk-school input") == SCHOOL
        assert day.values(".wk-roster .wk-col-name input") == [m[0] for m in MEMBERS]
        assert [day.selected_label(".wk-roster .wk-col-role select", n) for n in range(2)] == [
            m[1] for m in MEMBERS
        ]
        assert day.value(".wk-norms-text textarea").splitlines() == NORMS
        assert day.locator(".wk-norms-agreed input").is_checked()
        assert day.values(".wk-candidates .wk-col-text textarea") == [c[0] for c in CANDIDATES]
        assert day.values(".wk-candidates .wk-col-evidence textarea") == [c[1] for c in CANDIDATES]
        assert day.locator(".wk-evidence table.wk-needs").count() == 1, (
            "the uploaded results are shown"
        )
        # the trend chart keeps the text alternative the kit wrote (a screen reader reads it)
        alt = day.locator(".wk-evidence img.wk-chart").first.get_attribute("alt") or ""
        assert alt != "Chart" and "proficient" in alt, alt
        choose_rater(day, MEMBERS[0][0])
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
        folder = app_server.team_folder(TEAM)
        team = app_server.read(folder / "team.yaml")
        assert team["school"] == SCHOOL
        assert [(m["name"], m["role"]) for m in team["members"]] == MEMBERS
        assert team["norms"] == NORMS and team["norms_agreed"] is True
        goal = app_server.read(folder / "goal.yaml")
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
        self, open_day: Callable[[str], Any], app_server: Any
    ) -> None:
        """Rows copied from a spreadsheet (tabs between cells, a heading row first) are pasted
        into the paste box, previewed, added and saved: one member per row."""
        day = open_day(NOTEBOOK)
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
        assert day.values(".wk-roster .wk-col-name input") == ["Ana Ruiz", "Marcus Lee", "Jo Park"]
        day.click("button.wk-save-roster")
        day.expect_message(".wk-roster", "Saved the roster: 3 members.")
        team = app_server.read(app_server.team_folder("Paste Street ILT") / "team.yaml")
        assert [(m["name"], m["role"]) for m in team["members"]] == [
            ("Ana Ruiz", "Principal"),
            ("Marcus Lee", "Lead teacher"),
            ("Jo Park", "Instructional coach"),
        ]
        day.assert_clean()
