"""The framework panel: the Day 1 goal at the top and the four quadrants.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities.day2.framework import FrameworkPanel
from workshop_kit.session import Session

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestFramework:
    def test_the_day1_goal_is_at_the_top(self, session: Session) -> None:
        panel = FrameworkPanel(session)
        assert "By June 2027" in panel.goal.value
        assert "English learners scoring 3+" in panel.goal.value
        for label in (
            "Instructional knowledge",
            "Instructional tools",
            "Organizational structures and routines",
            "Relationships and relational qualities",
        ):
            assert label in panel.grid.value
        assert repr(panel).endswith("goal set, 3 success criteria>")

    def test_a_team_without_a_goal_is_sent_back_to_day1(
        self, session: Session, new_team: Helper
    ) -> None:
        new_team(session)
        panel = FrameworkPanel(session)
        assert "not written yet" in panel.goal.value
        assert panel.messages.kind == "info" and "Day 1" in panel.messages.text
