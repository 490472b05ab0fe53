"""The base of every Day 1 panel: it reads the Day 1 facilitator config once, when built."""

from __future__ import annotations

from workshop_kit.config.day1 import Day1Config, load_day1
from workshop_kit.errors import WorkshopError
from workshop_kit.logic.goal_check import GoalContext
from workshop_kit.model.team import Team
from workshop_kit.ui.day_panels import DayPanel


class Day1Panel(DayPanel[Day1Config]):
    load_config = staticmethod(load_day1)

    def goal_context(self) -> GoalContext:
        """What the goal checker needs beyond the goal: the grades the school serves (from the
        team's school description) and the first day of the coming school year (the team's, set
        on Day 3, or else the institute's default from the Day 3 config)."""
        # Day 3's config and files, imported here rather than with the day: a Day 1 page's first
        # cell does not need them (about 40 ms of its imports), its goal panel does
        from workshop_kit.config.day3 import load_day3
        from workshop_kit.model.meetings import MeetingTime

        school = self.team.load(Team).school
        try:
            year = self.team.load(MeetingTime).school_year
        except WorkshopError:
            year = None  # a damaged meetings file is Day 3's to report
        if year is None:
            year = load_day3(self.session.workspace.root).school_year
        return GoalContext(school_grades=school, first_day=year.first_day)
