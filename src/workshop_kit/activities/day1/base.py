"""The base of every Day 1 panel: it reads the Day 1 facilitator config once, when built."""

from __future__ import annotations

from workshop_kit.activities.common import DayPanel
from workshop_kit.config.day1 import Day1Config, load_day1


class Day1Panel(DayPanel[Day1Config]):
    load_config = staticmethod(load_day1)
