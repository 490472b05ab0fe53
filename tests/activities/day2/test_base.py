"""What every Day 2 panel does: rebuild for another team, read the goal without writing it.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities.day2.framework import FrameworkPanel
from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.links import LinksPanel
from workshop_kit.activities.day2.resource_map import MapPanel
from workshop_kit.activities.day2.summary import SummaryPanel
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestEveryPanel:
    def test_switching_team_rebuilds_every_panel(self, session: Session, new_team: Helper) -> None:
        panels = [InventoryPanel(session), MapPanel(session), LinksPanel(session)]
        new_team(session)
        assert panels[0].table.values() == []
        assert "0 resources on the map" in repr(panels[1])
        assert panels[2].checks == {}

    def test_the_goal_is_read_not_written(self, session: Session) -> None:
        before = session.team.file("goal.yaml").read_bytes()
        for cls in (FrameworkPanel, InventoryPanel, LinksPanel, SummaryPanel):
            cls(session)
        assert session.team.file("goal.yaml").read_bytes() == before
        assert session.team.load(GoalWork).success_criteria
