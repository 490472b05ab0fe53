"""The facilitator overview reads every team, flags damaged files, and never writes team files."""

from __future__ import annotations

import csv
import io

from workshop_kit.activities.overview import OVERVIEW_FILE, OverviewPanel
from workshop_kit.config.day1 import load_day1
from workshop_kit.logic.progress import day1_progress
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Member, Team
from workshop_kit.session import Session


class TestDay1Progress:
    def test_the_demo_team_has_every_milestone(self, session: Session) -> None:
        book = session.team
        row = day1_progress("demo", book.load(Team), book.load(GoalWork), load_day1())
        assert all(row.done.values())
        assert row.detail["ratings"] == "160 of 160"

    def test_a_new_team_has_none_and_missing_ratings_are_counted(self) -> None:
        team = Team(
            name="New",
            members=(Member(name="A", role="Principal"), Member(name="B", role="Teacher")),
        )
        row = day1_progress("new", team, GoalWork(), load_day1())
        assert row.done["roster"] and not any(v for k, v in row.done.items() if k != "roster")
        assert row.detail["ratings"] == "0 of 0"


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
        assert panel.chart.value.tobytes().startswith(b"<?xml")
        assert {p: p.read_bytes() for p in ws.root.rglob("*.yaml")} == before

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
