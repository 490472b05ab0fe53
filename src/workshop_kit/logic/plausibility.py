"""Values that are allowed but unlikely: each is a warning the person confirms, not a refusal.

A 150% target, a ten-hour department meeting or a roster with no one on it are nearly always a
slip (a missing decimal point, hours typed as minutes, a Save pressed too soon), yet a school may
mean them. The panels show these warnings and save only when the same values are saved again.
"""

from __future__ import annotations

from collections.abc import Sequence

from workshop_kit.logic.words import plural
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.meetings import Meeting
from workshop_kit.model.team import Member

#: longer than any regular meeting a school holds; a PD day is its own kind
LONG_MEETING_MINUTES = 240


def _figure(value: float) -> str:
    return f"{value:g}"


def criteria_warnings(criteria: Sequence[SuccessCriterion]) -> list[str]:
    """A percentage above 100 or below 0, for the baseline or the target."""
    found: list[str] = []
    for criterion in criteria:
        if criterion.unit.strip() != "%":
            continue
        for label, value in (("baseline", criterion.baseline), ("target", criterion.target)):
            if not 0 <= value <= 100:
                found.append(
                    f"the {label} of ‘{criterion.measure}’ is {_figure(value)}%, but a share of "
                    "students lies between 0% and 100%"
                )
    return found


def meeting_warnings(meeting: Meeting) -> list[str]:
    """A meeting longer than four hours (minutes typed where hours were meant, or a PD day)."""
    if meeting.minutes <= LONG_MEETING_MINUTES:
        return []
    hours = meeting.minutes / 60
    return [
        f"‘{meeting.name}’ is {plural(meeting.minutes, 'minute')} long (about {hours:.1f} hours), "
        f"longer than {LONG_MEETING_MINUTES // 60} hours"
    ]


def roster_warnings(members: Sequence[Member]) -> list[str]:
    """A roster saved with no one on it."""
    return [] if members else ["the roster lists no one yet"]
