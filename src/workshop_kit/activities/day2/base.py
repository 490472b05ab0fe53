"""What every Day 2 panel shares: the day's facilitator config and the labels it gives ids."""

from __future__ import annotations

from collections.abc import Sequence

from workshop_kit.activities.common import DayPanel, esc
from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.model.resources import Resource

#: the choice "everything" in the panels' filters (all quadrants, all resources)
ALL = ""
#: how many names a list in a panel shows before it says "and N more"
LIST_SHOWN = 8


class Day2Panel(DayPanel[Day2Config]):
    """A Day 2 panel: ``self.config`` is the Day 2 facilitator config, read once when built."""

    load_config = staticmethod(load_day2)


def names_html(resources: Sequence[Resource], limit: int = LIST_SHOWN) -> str:
    """An escaped, comma-separated list of names, shortened with a count beyond ``limit``."""
    shown = ", ".join(esc(r.name) for r in resources[:limit])
    more = len(resources) - limit
    return shown + (f" and {more} more" if more > 0 else "")
