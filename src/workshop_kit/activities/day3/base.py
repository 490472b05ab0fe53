"""The base of every Day 3 panel, and what the Day 3 panels share."""

from __future__ import annotations

from workshop_kit.config.day3 import Day3Config, load_day3
from workshop_kit.logic.ledger import Ledger, build_ledger
from workshop_kit.model.meetings import MeetingTime, SchoolYear
from workshop_kit.model.team import Team
from workshop_kit.ui.day_panels import DayPanel

WIDE = {"width": "620px"}
LABEL = {"description_width": "170px"}


class Day3Panel(DayPanel[Day3Config]):
    """Shared by the Day 3 panels: the config, the team's school year, and its ledger."""

    load_config = staticmethod(load_day3)

    def year(self) -> SchoolYear:
        return self.load(MeetingTime).year_or(self.config.school_year)

    def ledger(self) -> Ledger:
        meetings = self.load(MeetingTime)
        return build_ledger(meetings.meetings, meetings.year_or(self.config.school_year))

    def member_names(self) -> list[str]:
        return list(self.load(Team).member_names)
