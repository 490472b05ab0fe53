"""What every Day 2 panel shares: the day's facilitator config, read once when built."""

from __future__ import annotations

from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.ui.day_panels import DayPanel

#: the choice "everything" in the panels' filters (all quadrants, all resources)
ALL = ""


class Day2Panel(DayPanel[Day2Config]):
    """A Day 2 panel: ``self.config`` is the Day 2 facilitator config, read once when built."""

    load_config = staticmethod(load_day2)
