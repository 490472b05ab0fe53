"""The base of every Day 1 panel: it reads the Day 1 facilitator config once, when built."""

from __future__ import annotations

import re

from workshop_kit.activities.common import DayPanel
from workshop_kit.config.day1 import Day1Config, load_day1


class Day1Panel(DayPanel[Day1Config]):
    load_config = staticmethod(load_day1)


def new_candidate_id(text: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", text.casefold())[:4]
    base = "-".join(words) or "goal"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
