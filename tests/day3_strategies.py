"""Hypothesis strategies for Day 3 tests: school years, meetings and re-purposing moves."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from workshop_kit.model.meetings import (
    Holiday,
    Meeting,
    PurposeMinutes,
    Recurrence,
    SchoolYear,
    Weekday,
)
from workshop_kit.model.plan import Move, Take

FIRST = dt.date(2026, 8, 26)
LAST = dt.date(2027, 6, 11)
DAYS = (LAST - FIRST).days


@st.composite
def school_years(draw: st.DrawFn) -> SchoolYear:
    holidays = []
    for n in range(draw(st.integers(0, 6))):
        start = FIRST + dt.timedelta(days=draw(st.integers(0, DAYS)))
        length = draw(st.integers(0, 9))
        end = min(LAST, start + dt.timedelta(days=length))
        holidays.append(Holiday(name=f"Break {n}", start=start, end=end if length else None))
    return SchoolYear(first_day=FIRST, last_day=LAST, holidays=tuple(holidays))


@st.composite
def recurrences(draw: st.DrawFn, year: SchoolYear) -> Recurrence:
    kind = draw(st.sampled_from(["weekly", "every_other_week", "monthly", "dates", "per_year"]))
    if kind == "per_year":
        return Recurrence(kind=kind, per_year=draw(st.integers(1, 40)))
    if kind == "dates":
        closed = year.closed_days()
        offsets = draw(st.sets(st.integers(0, DAYS), min_size=1, max_size=12))
        dates = sorted({FIRST + dt.timedelta(days=o) for o in offsets} - closed)
        if not dates:
            return Recurrence(kind="per_year", per_year=1)
        return Recurrence(kind=kind, dates=tuple(dates))
    weekday = draw(st.sampled_from(list(Weekday)))
    starts = None
    if draw(st.booleans()):
        starts = FIRST + dt.timedelta(days=draw(st.integers(0, DAYS)))
    if kind == "monthly":
        nth = draw(st.sampled_from(["first", "second", "third", "fourth", "fifth", "last"]))
        return Recurrence(kind=kind, weekday=weekday, nth=nth, starts=starts)
    return Recurrence(kind=kind, weekday=weekday, starts=starts)


@st.composite
def meetings(draw: st.DrawFn, year: SchoolYear, index: int) -> Meeting:
    parts = draw(
        st.lists(st.integers(0, 90), min_size=4, max_size=4).filter(lambda p: 5 <= sum(p) <= 600)
    )
    return Meeting(
        id=f"m{index}",
        name=f"Meeting {index}",
        type=draw(st.sampled_from(["staff", "grade_level", "ilt", "pd_day"])),
        headcount=draw(st.integers(1, 60)),
        minutes=sum(parts),
        recurrence=draw(recurrences(year)),
        purposes=PurposeMinutes(
            logistics=parts[0], compliance=parts[1], goal=parts[2], other_instructional=parts[3]
        ),
    )


@st.composite
def years_and_meetings(draw: st.DrawFn, max_meetings: int = 8) -> tuple[SchoolYear, list[Meeting]]:
    year = draw(school_years())
    count = draw(st.integers(0, max_meetings))
    return year, [draw(meetings(year, i)) for i in range(count)]


@st.composite
def moves_for(draw: st.DrawFn, meeting_list: list[Meeting], max_moves: int = 8) -> list[Move]:
    """Moves that may or may not fit: some ask for more minutes than exist, on purpose."""
    if not meeting_list:
        return []
    moves = []
    for n in range(draw(st.integers(0, max_moves))):
        meeting = draw(st.sampled_from(meeting_list))
        take = Take(
            logistics=draw(st.integers(0, meeting.purposes.logistics + 10)),
            compliance=draw(st.integers(0, meeting.purposes.compliance + 10)),
            other_instructional=draw(st.integers(0, meeting.purposes.other_instructional + 10)),
        )
        if take.total == 0:
            continue
        moves.append(
            Move(
                id=f"move-{n}",
                meeting_id=meeting.id,
                which=draw(st.sampled_from(["every", "alternate"])),
                take=take,
            )
        )
    return moves
