"""Every call a notebook cell may make on an app page, named one by one.

A page looks each code cell's call up here (``day1.roster()`` -> ``("day1", "roster")``); a call
not listed is not shown, whatever the cell says. The activity modules are imported when the
registry is first asked for, not when this module is.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping

from workshop_kit.pages.compose import ACTIVITIES_PACKAGE

_DAY = ("opening", "workbook", "versions")
#: module of ``workshop_kit.activities`` -> the calls its notebook cells make
CALLS: Mapping[str, tuple[str, ...]] = {
    "landing": ("show",),
    "guide": ("agenda", "printable", "ball_game"),
    "day1": (
        *_DAY,
        "roster",
        "norms",
        "meeting_roles",
        "evidence",
        "candidates",
        "ratings",
        "goal",
        "summary",
    ),
    "day2": (
        *_DAY,
        "framework",
        "inventory",
        "resource_map",
        "insights",
        "links",
        "support",
        "summary",
    ),
    "day3": (
        *_DAY,
        "school_year",
        "meetings",
        "ledger",
        "repurpose",
        "cycles",
        "agendas",
        "actions",
        "communication",
        "launch",
        "team_plan",
    ),
    "year": (
        *_DAY,
        "measures",
        "steps",
        "pdsa",
        "ilt_meetings",
        "team_check",
        "report",
    ),
    "overview": ("overview",),
}


@functools.cache
def activity_registry() -> Mapping[tuple[str, str], Callable[..., object]]:
    """(module, function) -> the kit's function, for every call in :data:`CALLS`."""
    found: dict[tuple[str, str], Callable[..., object]] = {}
    for module_name, functions in CALLS.items():
        module = importlib.import_module(f"{ACTIVITIES_PACKAGE}.{module_name}")
        for function in functions:
            target = getattr(module, function)
            if not callable(target):
                raise TypeError(f"{module_name}.{function} is not a function")
            found[(module_name, function)] = target
    return found
