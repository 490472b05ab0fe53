"""Day 3, every panel: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.session import Session


class TestSwitchingTeams:
    def test_every_panel_rebuilds_for_an_empty_workbook(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        panels = [
            day3.SchoolYearPanel(session),
            day3.MeetingsPanel(session),
            day3.LedgerPanel(session),
            day3.RepurposePanel(session),
            day3.CyclesPanel(session),
            day3.AgendaPanel(session),
            day3.ActionPlanPanel(session),
            day3.CommunicationPanel(session),
            day3.LaunchPanel(session),
            day3.TeamPlanPanel(session),
        ]
        new_team(session)
        for panel in panels:
            assert panel.messages.kind != "error", (type(panel).__name__, panel.messages.text)
            assert "demo" not in repr(panel)
        assert "0 meetings, 0 hours" in repr(panels[2])
        assert "0 moves" in repr(panels[3])
        assert "0 steps" in repr(panels[6])
        assert "no launch session saved yet" in repr(panels[8])
