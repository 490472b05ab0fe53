"""The base of every Day 1 panel: it reads the Day 1 facilitator config once, when built."""

from __future__ import annotations

from workshop_kit.config.day1 import Day1Config, load_day1
from workshop_kit.logic.goal_check import GoalContext
from workshop_kit.ui.day_panels import DayPanel


class Day1Panel(DayPanel[Day1Config]):
    load_config = staticmethod(load_day1)

    def goal_context(self) -> GoalContext:
        """What the goal checker needs beyond the goal (exports.team_documents.goal_context)."""
        # imported here rather than with the day: it reads Day 3's config and files, which a
        # Day 1 page's first cell does not need (about 40 ms of its imports); its goal panel does
        from workshop_kit.exports.team_documents import goal_context

        return goal_context(self.team)
