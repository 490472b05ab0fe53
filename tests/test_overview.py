"""The facilitator overview reads every team, flags damaged files, and never writes team files."""

from __future__ import annotations

import csv
import io

from workshop_kit.activities.overview import (
    OVERVIEW_FILE,
    OverviewPanel,
    load_configs,
    read_progress,
)
from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.logic.progress import MILESTONES, Configs, TeamDocuments, team_progress
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Member, Team
from workshop_kit.session import Session


def configs() -> Configs:
    return Configs(load_day1(), load_day2(), load_day3())


class TestProgress:
    def test_the_demo_team_has_every_milestone_of_the_three_days(self, session: Session) -> None:
        row = read_progress(session.team, load_configs(session.workspace.root))
        assert row.done == {m.key: True for m in MILESTONES}
        assert row.detail["ratings"] == "160 of 160"
        assert row.detail["quadrants"] == "4 of 4"
        assert row.day_complete(1) and row.day_complete(2) and row.day_complete(3)
        assert not row.problems

    def test_a_new_team_has_none_and_missing_ratings_are_counted(self) -> None:
        team = Team(
            name="New",
            members=(Member(name="A", role="Principal"), Member(name="B", role="Teacher")),
        )
        docs = TeamDocuments(team, GoalWork(), ResourceInventory(), MeetingTime(), TeamPlan())
        row = team_progress("new", docs, configs())
        assert [k for k, v in row.done.items() if v] == ["roster"]
        assert row.detail["ratings"] == "0 of 0"
        assert row.detail["backed"] == "0 of 0"
        assert row.detail["repurposed"] == "0 hours"
        assert row.reached(1) == 1 and row.reached() == 1

    def test_criteria_without_resources_keep_day_2_open(self, session: Session) -> None:
        book = session.team
        inventory = book.load(ResourceInventory)
        unlinked = inventory.model_copy(
            update={
                "resources": tuple(
                    r.model_copy(update={"success_criteria": ()}) for r in inventory.resources
                )
            }
        )
        docs = TeamDocuments(
            book.load(Team),
            book.load(GoalWork),
            unlinked,
            book.load(MeetingTime),
            book.load(TeamPlan),
        )
        row = team_progress("demo", docs, configs())
        criteria = len(book.load(GoalWork).success_criteria)
        assert not row.done["backed"] and row.detail["backed"] == f"0 of {criteria}"
        assert row.day_complete(1) and not row.day_complete(2) and row.day_complete(3)

    def test_an_unreadable_file_hides_only_what_depends_on_it(self, session: Session) -> None:
        book = session.team
        book.file("meetings.yaml").write_text("schema_version: 1\nmeetings: 5\n", "utf-8")
        row = read_progress(book, load_configs(book.workspace.root))
        assert row.day_complete(1) and row.day_complete(2)
        assert row.reached(3) == 0
        assert len(row.problems) == 1 and "meetings.yaml" in row.problems[0]


class TestOverviewPanel:
    def test_lists_every_team_and_flags_a_damaged_file(self, session: Session) -> None:
        ws = session.workspace
        ws.create_team("Lincoln ILT")
        broken = ws.create_team("Broken")
        broken.file("goal.yaml").write_text("schema_version: 1\ncandidates: 5\n", encoding="utf-8")
        before = {p: p.read_bytes() for p in ws.root.rglob("*.yaml")}
        panel = OverviewPanel(session)
        assert [r.slug for r in panel.rows] == ["broken", "demo", "lincoln-ilt"]
        problem = panel.rows[0].problems[0]
        assert "goal.yaml" in problem and "candidates" in problem
        assert "Maple Grove" in panel.table.value
        assert all(f"Day {day}</th>" in panel.table.value for day in (1, 2, 3))
        assert panel.status() == "3 teams; complete on Day 1: 1, Day 2: 1, Day 3: 1"
        assert panel.chart.svg.startswith(b"<?xml") and panel.chart.alt.startswith("Chart")
        assert {p: p.read_bytes() for p in ws.root.rglob("*.yaml")} == before

    def test_a_broken_facilitator_config_is_named_once(self, session: Session) -> None:
        folder = session.workspace.root / "config"
        folder.mkdir()
        (folder / "day2.yaml").write_text("schema_version: 1\nquadrants: 3\n", "utf-8")
        panel = OverviewPanel(session)
        assert panel.messages.kind == "error"
        assert "config/day2.yaml, line 1: the field" in panel.messages.text

    def test_exports_a_csv_a_spreadsheet_can_read(self, session: Session) -> None:
        session.workspace.create_team('=HYPERLINK("x") team')
        panel = OverviewPanel(session)
        panel.export_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        text = (session.workspace.root / OVERVIEW_FILE).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["folder"] for r in rows} == {"demo", "hyperlink-x-team"}
        formula = next(r for r in rows if r["folder"] == "hyperlink-x-team")["team"]
        assert not formula.startswith("=")


class TestThroughTheYear:
    def test_the_demo_row_says_where_the_team_stands_at_its_latest_check(
        self, session: Session
    ) -> None:
        row = read_progress(session.team, load_configs(session.workspace.root))
        assert row.year == "2 of 3 criteria on track, values to 2027-03-19; team check 2027-01-29"

    def test_a_team_that_has_recorded_nothing_shows_nothing(self) -> None:
        docs = TeamDocuments(None, GoalWork(), ResourceInventory(), MeetingTime(), TeamPlan())
        assert team_progress("new", docs, configs()).year == ""

    def test_the_table_and_the_csv_carry_it(self, session: Session) -> None:
        panel = OverviewPanel(session)
        assert "2 of 3 criteria on track" in panel.table.value
        assert "Through the year, latest check:" in panel.table.value
        panel.export_button.click()
        rows = list(
            csv.DictReader(
                io.StringIO(
                    (session.workspace.root / OVERVIEW_FILE).read_text(encoding="utf-8-sig")
                )
            )
        )
        demo = next(r for r in rows if r["folder"] == "demo")
        assert demo["latest check"].startswith("2 of 3 criteria on track")
