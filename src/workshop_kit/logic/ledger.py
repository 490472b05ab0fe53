"""The meeting-time ledger: every recurring meeting placed on the real school calendar and counted.

Dates come from the calendar, not from "about 36 weeks": a weekly Tuesday meeting meets on the
Tuesdays between the first and last day that no holiday or break covers. A meeting held "N times a
year" has no dates; it is counted N times and left off the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workshop_kit.errors import InputError
from workshop_kit.model.meetings import (
    NTH_NUMBER,
    Meeting,
    Purpose,
    Recurrence,
    SchoolYear,
    year_problems,
)

WEEK = dt.timedelta(days=7)


def _first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    """The ``nth`` (1-5, or -1 for the last) ``weekday`` of a month; None if the month has none."""
    weeks = calendar.Calendar().monthdatescalendar(year, month)
    days = [d for week in weeks for d in week if d.month == month and d.weekday() == weekday]
    if nth == -1:
        return days[-1]
    return days[nth - 1] if nth <= len(days) else None


def _months(first: dt.date, last: dt.date) -> Iterable[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def meeting_dates(recurrence: Recurrence, year: SchoolYear) -> tuple[dt.date, ...]:
    """The dates a meeting takes place in ``year``; empty for "N times a year".

    Meetings that would fall on a holiday or break are skipped, not moved: a weekly meeting after a
    Monday holiday does not come back on Tuesday. "Every other week" keeps its rhythm across breaks
    (it counts calendar weeks from its first date).
    """
    if recurrence.kind == "per_year":
        return ()
    closed = year.closed_days()

    def open_day(day: dt.date) -> bool:
        return year.first_day <= day <= year.last_day and day not in closed

    if recurrence.kind == "dates":
        return tuple(d for d in recurrence.dates if open_day(d))
    assert recurrence.weekday is not None  # the model requires it for these kinds
    weekday = recurrence.weekday.number
    first = max(year.first_day, recurrence.starts or year.first_day)
    last = min(year.last_day, recurrence.ends or year.last_day)
    if recurrence.kind == "monthly":
        assert recurrence.nth is not None
        nth = NTH_NUMBER[recurrence.nth]
        found = (nth_weekday(y, m, weekday, nth) for y, m in _months(first, last))
        return tuple(d for d in found if d is not None and first <= d <= last and open_day(d))
    step = WEEK if recurrence.kind == "weekly" else 2 * WEEK
    dates = []
    day = _first_on_or_after(first, weekday)
    while day <= last:
        if open_day(day):
            dates.append(day)
        day += step
    return tuple(dates)


@dataclass(frozen=True)
class SeriesRule:
    """A meeting's dates as a calendar's repeating rule (RFC 5545 RRULE): every ``interval``
    weeks on ``weekday``, or the ``nth`` ``weekday`` of each month, from ``first`` to ``last``;
    ``skipped`` are the dates the rule names that the meeting does not meet (holidays and
    breaks), written as exceptions. One series per meeting instead of one event per date."""

    monthly: bool
    interval: int
    weekday: int
    nth: int | None
    first: dt.date
    last: dt.date
    skipped: tuple[dt.date, ...]


def series_rule(recurrence: Recurrence, dates: Sequence[dt.date]) -> SeriesRule | None:
    """The rule that names exactly ``dates`` (a meeting's dates in the year) once ``skipped`` are
    taken out; None for set dates, "N times a year", or fewer than two dates (no series)."""
    if recurrence.kind in ("dates", "per_year") or len(dates) < 2:
        return None
    assert recurrence.weekday is not None  # the model requires it for these kinds
    weekday = recurrence.weekday.number
    first, last = dates[0], dates[-1]
    if recurrence.kind == "monthly":
        assert recurrence.nth is not None
        nth = NTH_NUMBER[recurrence.nth]
        found = (nth_weekday(y, m, weekday, nth) for y, m in _months(first, last))
        named = [d for d in found if d is not None and first <= d <= last]
        interval = 1
    else:
        nth = None
        interval = 1 if recurrence.kind == "weekly" else 2
        named = []
        day = first
        while day <= last:
            named.append(day)
            day += interval * WEEK
    meets = set(dates)
    if not meets <= set(
        named
    ):  # never so for the ledger's own dates; no rule rather than a wrong one
        return None
    skipped = tuple(d for d in named if d not in meets)
    return SeriesRule(recurrence.kind == "monthly", interval, weekday, nth, first, last, skipped)


def occurrences(recurrence: Recurrence, year: SchoolYear) -> int:
    """How many times a meeting takes place in the year."""
    if recurrence.kind == "per_year":
        assert recurrence.per_year is not None
        return recurrence.per_year
    return len(meeting_dates(recurrence, year))


@dataclass(frozen=True)
class LedgerLine:
    """One meeting, counted over the year."""

    meeting: Meeting
    dates: tuple[dt.date, ...]
    count: int

    @property
    def minutes(self) -> int:
        """Minutes of meeting time in the year."""
        return self.count * self.meeting.minutes

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def person_hours(self) -> float:
        """Hours of adult time: every person in the room counts."""
        return self.hours * self.meeting.headcount

    def purpose_minutes(self, purpose: Purpose) -> int:
        return self.count * self.meeting.purposes.of(purpose)

    @property
    def goal_share(self) -> float | None:
        return self.meeting.purposes.goal / self.meeting.minutes if self.meeting.minutes else None

    @property
    def dated(self) -> bool:
        return self.meeting.recurrence.kind != "per_year"


@dataclass(frozen=True)
class Ledger:
    """All meetings of a school year, with totals by purpose and by meeting type."""

    year: SchoolYear
    lines: tuple[LedgerLine, ...]
    _by_id: dict[str, LedgerLine] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({line.meeting.id: line for line in self.lines})

    def line(self, meeting_id: str) -> LedgerLine | None:
        return self._by_id.get(meeting_id)

    @property
    def total_minutes(self) -> int:
        return sum(line.minutes for line in self.lines)

    @property
    def total_hours(self) -> float:
        return self.total_minutes / 60

    @property
    def person_hours(self) -> float:
        return sum(line.person_hours for line in self.lines)

    @property
    def meeting_count(self) -> int:
        return sum(line.count for line in self.lines)

    def purpose_minutes(self) -> dict[Purpose, int]:
        return {p: sum(line.purpose_minutes(p) for line in self.lines) for p in Purpose}

    def purpose_person_minutes(self) -> dict[Purpose, int]:
        return {
            p: sum(line.purpose_minutes(p) * line.meeting.headcount for line in self.lines)
            for p in Purpose
        }

    @property
    def goal_share(self) -> float | None:
        """Share of meeting minutes spent on learning toward the goal (None with no meetings)."""
        total = self.total_minutes
        return self.purpose_minutes()[Purpose.GOAL] / total if total else None

    def type_minutes(self) -> dict[str, int]:
        """Minutes per meeting type, in the order types first appear."""
        result: dict[str, int] = {}
        for line in self.lines:
            result[line.meeting.type] = result.get(line.meeting.type, 0) + line.minutes
        return result

    def type_purpose_minutes(self) -> dict[str, dict[Purpose, int]]:
        result: dict[str, dict[Purpose, int]] = {}
        for line in self.lines:
            by = result.setdefault(line.meeting.type, dict.fromkeys(Purpose, 0))
            for p in Purpose:
                by[p] += line.purpose_minutes(p)
        return result

    def by_date(self) -> dict[dt.date, list[Meeting]]:
        """The meetings held on each date (dated meetings only)."""
        days: dict[dt.date, list[Meeting]] = {}
        for line in self.lines:
            for day in line.dates:
                days.setdefault(day, []).append(line.meeting)
        return dict(sorted(days.items()))

    @property
    def undated(self) -> tuple[LedgerLine, ...]:
        return tuple(line for line in self.lines if not line.dated)


def build_ledger(meetings: Sequence[Meeting], year: SchoolYear) -> Ledger:
    """Count every meeting in ``year``; refuse dates a meeting names outside it or on a holiday."""
    for meeting in meetings:
        problems = year_problems(meeting, year)
        if problems:
            raise InputError(
                f"The meeting {problems[0]}. Change the date or the school year.", field="dates"
            )
    lines = []
    for meeting in meetings:
        dates = meeting_dates(meeting.recurrence, year)
        count = (
            len(dates)
            if meeting.recurrence.kind != "per_year"
            else occurrences(meeting.recurrence, year)
        )
        lines.append(LedgerLine(meeting, dates, count))
    return Ledger(year, tuple(lines))


def hours_text(hours: float) -> str:
    """Hours as people say them: "12.5 hours", "1 hour", "0 hours"."""
    rounded = round(hours, 1)
    number = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    return f"{number} hour{'' if rounded == 1 else 's'}"


def share_text(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"
