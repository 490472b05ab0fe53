"""The institute agenda built from the facilitator's config: start and end times of every
segment, team blocks timed by the day notebooks' own activity time boxes, and the checks that
keep the two in agreement (every activity in exactly one team block of its day)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from workshop_kit.config.common import DayPlan
from workshop_kit.config.institute import InstituteConfig, InstituteDay, Segment


@dataclass(frozen=True)
class AgendaRow:
    start: dt.time
    end: dt.time
    segment: Segment
    minutes: int
    activities: tuple[str, ...]  # the titles of a team block's activities, with their minutes


@dataclass(frozen=True)
class AgendaDay:
    day: InstituteDay
    rows: tuple[AgendaRow, ...]

    @property
    def start(self) -> dt.time:
        return self.day.start

    @property
    def end(self) -> dt.time:
        return self.rows[-1].end if self.rows else self.day.start

    @property
    def minutes(self) -> int:
        return sum(r.minutes for r in self.rows)

    def minutes_of(self, *kinds: str) -> int:
        return sum(r.minutes for r in self.rows if r.segment.kind in kinds)


def _later(time: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), time) + dt.timedelta(minutes=minutes)).time()


def build_agenda(institute: InstituteConfig, plans: Mapping[int, DayPlan]) -> list[AgendaDay]:
    """Each day's segments with their times. A team block lasts as long as its activities'
    time boxes in that day's file; an activity the day file lacks counts as 0 minutes (and is
    one of :func:`agenda_problems`)."""
    days = []
    for day in institute.days:
        plan = plans[day.day]
        by_id = {a.id: a for a in plan.activities}
        clock = day.start
        rows = []
        for segment in day.segments:
            if segment.kind == "team":
                found = [by_id[a] for a in segment.activities if a in by_id]
                minutes = sum(a.minutes for a in found)
                titles = tuple(f"{a.title} ({a.minutes} min)" for a in found)
            else:
                minutes, titles = segment.minutes or 0, ()
            end = _later(clock, minutes)
            rows.append(AgendaRow(clock, end, segment, minutes, titles))
            clock = end
        days.append(AgendaDay(day, tuple(rows)))
    return days


def agenda_problems(institute: InstituteConfig, plans: Mapping[int, DayPlan]) -> list[str]:
    """Where the agenda and the day files disagree: an activity in no team block, in two, or
    named by a block but absent from the day's file."""
    problems = []
    for day in institute.days:
        ids = [a.id for a in plans[day.day].activities]
        placed = [a for s in day.segments if s.kind == "team" for a in s.activities]
        for activity in dict.fromkeys(placed):
            if activity not in ids:
                problems.append(
                    f"Day {day.day}: a team block lists ‘{activity}’, which is not an activity "
                    f"of day{day.day}.yaml (its activities are {', '.join(ids)})."
                )
            elif placed.count(activity) > 1:
                problems.append(f"Day {day.day}: ‘{activity}’ is in more than one team block.")
        for activity in ids:
            if activity not in placed:
                problems.append(
                    f"Day {day.day}: the activity ‘{activity}’ is in no team block of the agenda."
                )
    return problems


def hours_and_minutes(minutes: int) -> str:
    """130 -> "2 h 10"."""
    return f"{minutes // 60} h {minutes % 60:02d}"
