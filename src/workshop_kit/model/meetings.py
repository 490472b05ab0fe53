"""Day 3 meeting time: the school year and every recurring meeting, with how its minutes are spent.

A team lists each meeting once, with how often it happens. The ledger (``logic.ledger``) turns the
recurrence into real dates of the school year, so hours are counted from a calendar, not guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from workshop_kit.model.base import BoundedDate, Document, Record, unique_ids

TEXT_MAX = 300
MAX_YEAR_DAYS = 366
MAX_MEETING_MINUTES = 600
ID_PATTERN = r"^[a-z0-9-]+$"


class Purpose(str, Enum):
    """What a meeting's minutes are spent on today. Only ``GOAL`` counts as time on the goal."""

    LOGISTICS = "logistics"
    COMPLIANCE = "compliance"
    GOAL = "goal"
    OTHER_INSTRUCTIONAL = "other_instructional"


#: the purposes time can be re-purposed *from* (time already on the goal stays there)
MOVABLE = (Purpose.LOGISTICS, Purpose.COMPLIANCE, Purpose.OTHER_INSTRUCTIONAL)


class Weekday(str, Enum):
    """School days a recurring meeting can fall on."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"

    @property
    def number(self) -> int:
        """Python's weekday number (Monday is 0)."""
        return list(Weekday).index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


#: which weekday of the month a monthly meeting falls on ("the first Tuesday", "the last Friday")
Nth = Literal["first", "second", "third", "fourth", "fifth", "last"]
NTH_NUMBER: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "last": -1,
}

RecurrenceKind = Literal["weekly", "every_other_week", "monthly", "dates", "per_year"]
RECURRENCE_LABELS: dict[str, str] = {
    "weekly": "Every week",
    "every_other_week": "Every other week",
    "monthly": "Once a month",
    "dates": "On set dates",
    "per_year": "A number of times a year",
}

#: the fields of a recurrence each kind uses (the others stay empty)
RECURRENCE_FIELDS: dict[str, frozenset[str]] = {
    "weekly": frozenset({"weekday", "starts", "ends"}),
    "every_other_week": frozenset({"weekday", "starts", "ends"}),
    "monthly": frozenset({"weekday", "nth", "starts", "ends"}),
    "dates": frozenset({"dates"}),
    "per_year": frozenset({"per_year"}),
}


def _fmt(day: dt.date) -> str:
    return day.isoformat()


class Holiday(Record):
    """A day or a run of days without meetings: holidays, breaks, testing days, non-meeting days."""

    name: str = Field(min_length=1, max_length=TEXT_MAX)
    start: BoundedDate
    end: BoundedDate | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Holiday:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"‘{self.name}’ ends ({_fmt(self.end)}) before it starts ({_fmt(self.start)})"
            )
        return self

    @property
    def last(self) -> dt.date:
        return self.end or self.start

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.last


class SchoolYear(Record):
    """The first and last day of school and the days without meetings."""

    first_day: BoundedDate
    last_day: BoundedDate
    holidays: tuple[Holiday, ...] = ()

    @model_validator(mode="after")
    def _a_real_year(self) -> SchoolYear:
        if self.last_day <= self.first_day:
            raise ValueError(
                f"ends ({_fmt(self.last_day)}) before it starts ({_fmt(self.first_day)})"
            )
        if (self.last_day - self.first_day).days > MAX_YEAR_DAYS:
            raise ValueError("is longer than one year; check the first and last day")
        for holiday in self.holidays:
            if holiday.start < self.first_day or holiday.last > self.last_day:
                raise ValueError(
                    f"has ‘{holiday.name}’ ({_fmt(holiday.start)}) outside the school year "
                    f"({_fmt(self.first_day)} to {_fmt(self.last_day)})"
                )
        return self

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def holiday_on(self, day: dt.date) -> Holiday | None:
        return next((h for h in self.holidays if h.covers(day)), None)

    def closed_days(self) -> frozenset[dt.date]:
        """Every date covered by a holiday or non-meeting day."""
        days: set[dt.date] = set()
        for holiday in self.holidays:
            day = holiday.start
            while day <= holiday.last:
                days.add(day)
                day += dt.timedelta(days=1)
        return frozenset(days)

    def is_meeting_day(self, day: dt.date) -> bool:
        """A weekday inside the year that no holiday covers."""
        return self.contains(day) and day.weekday() < 5 and self.holiday_on(day) is None

    def school_days(self) -> int:
        """How many days of the year are meeting days (weekdays no holiday covers)."""
        days = (self.last_day - self.first_day).days + 1
        return sum(self.is_meeting_day(self.first_day + dt.timedelta(days=n)) for n in range(days))

    @property
    def label(self) -> str:
        return f"{self.first_day.year}-{str(self.last_day.year)[-2:]}"


class Recurrence(Record):
    """How often a meeting happens. Only the fields its ``kind`` uses may be filled in."""

    kind: RecurrenceKind
    weekday: Weekday | None = None
    nth: Nth | None = None
    dates: tuple[BoundedDate, ...] = ()
    per_year: int | None = Field(default=None, ge=1, le=200)
    starts: BoundedDate | None = None
    ends: BoundedDate | None = None

    @model_validator(mode="after")
    def _fields_fit_the_kind(self) -> Recurrence:
        uses = RECURRENCE_FIELDS[self.kind]
        label = RECURRENCE_LABELS[self.kind].lower()
        for name in ("weekday", "nth", "per_year", "starts", "ends"):
            if name not in uses and getattr(self, name) is not None:
                raise ValueError(f"gives ‘{name}’, which a meeting held {label} does not use")
        if "dates" not in uses and self.dates:
            raise ValueError(f"gives dates, which a meeting held {label} does not use")
        if "weekday" in uses and self.weekday is None:
            raise ValueError(f"needs the day of the week for a meeting held {label}")
        if self.kind == "monthly" and self.nth is None:
            raise ValueError("needs which week of the month (first, second, ..., last)")
        if self.kind == "dates":
            if not self.dates:
                raise ValueError("needs at least one date for a meeting held on set dates")
            if len(set(self.dates)) != len(self.dates):
                raise ValueError("lists the same date twice")
        if self.kind == "per_year" and self.per_year is None:
            raise ValueError("needs how many times a year the meeting happens")
        return self

    @field_validator("ends")
    @classmethod
    def _ends_after_it_starts(cls, ends: dt.date | None, info: ValidationInfo) -> dt.date | None:
        starts = info.data.get("starts")
        if ends is not None and isinstance(starts, dt.date) and ends < starts:
            raise ValueError(
                f"({_fmt(ends)}) comes before the first date ({_fmt(starts)}); the meeting would "
                "never take place"
            )
        return ends

    @field_validator("dates")
    @classmethod
    def _sorted(cls, dates: tuple[dt.date, ...]) -> tuple[dt.date, ...]:
        return tuple(sorted(dates))

    def describe(self, date_text: Callable[[dt.date], str] = _fmt) -> str:
        """Plain words: "every Tuesday", "the first Monday of each month", "6 times a year";
        ``date_text`` writes its start and end (a printed page writes them out in full)."""
        day = self.weekday.label if self.weekday else ""
        if self.kind == "weekly":
            text = f"every {day}"
        elif self.kind == "every_other_week":
            text = f"every other {day}"
        elif self.kind == "monthly":
            text = f"the {self.nth} {day} of each month"
        elif self.kind == "dates":
            text = f"on {len(self.dates)} set date{'s' if len(self.dates) != 1 else ''}"
        else:
            text = f"{self.per_year} time{'s' if self.per_year != 1 else ''} a year (dates not set)"
        if self.starts:
            text += f" from {date_text(self.starts)}"
        if self.ends:
            text += f" until {date_text(self.ends)}"
        return text

    def fixed_dates(self) -> tuple[dt.date, ...]:
        """Dates a person typed (set dates and the start/end limits), to check against the year."""
        return tuple(d for d in (*self.dates, self.starts, self.ends) if d is not None)


class PurposeMinutes(Record):
    """How the minutes of one meeting are spent today, by purpose."""

    logistics: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)
    compliance: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)
    goal: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)
    other_instructional: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)

    @property
    def total(self) -> int:
        return self.logistics + self.compliance + self.goal + self.other_instructional

    def of(self, purpose: Purpose) -> int:
        return int(getattr(self, purpose.value))

    def as_dict(self) -> dict[Purpose, int]:
        return {p: self.of(p) for p in Purpose}


class Meeting(Record):
    """A recurring meeting: what it is, who comes, how long, how often, how its time is spent."""

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=120)
    type: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    attendees: str = Field(default="", max_length=TEXT_MAX)
    headcount: int = Field(ge=1, le=1000)
    minutes: int = Field(ge=5, le=MAX_MEETING_MINUTES)
    start_time: dt.time | None = None
    recurrence: Recurrence
    purposes: PurposeMinutes

    @field_validator("purposes")
    @classmethod
    def _minutes_add_up(cls, purposes: PurposeMinutes, info: ValidationInfo) -> PurposeMinutes:
        minutes = info.data.get("minutes")
        if isinstance(minutes, int) and purposes.total != minutes:
            raise ValueError(
                f"add up to {purposes.total}, but the meeting is {minutes} minutes long; they "
                "must add up to its length"
            )
        return purposes


def year_problems(meeting: Meeting, year: SchoolYear) -> list[str]:
    """Dates a meeting names that fall outside the school year or on a day without meetings."""
    problems = []
    for day in meeting.recurrence.fixed_dates():
        if not year.contains(day):
            problems.append(
                f"‘{meeting.name}’ names {_fmt(day)}, outside the school year "
                f"({_fmt(year.first_day)} to {_fmt(year.last_day)})"
            )
    for day in meeting.recurrence.dates:
        holiday = year.holiday_on(day)
        if year.contains(day) and holiday is not None:
            problems.append(f"‘{meeting.name}’ is set on {_fmt(day)}, during ‘{holiday.name}’")
    return problems


class MeetingTime(Document):
    """``meetings.yaml``: the school year and the recurring meetings."""

    FILE_NAME: ClassVar[str] = "meetings.yaml"
    TITLE: ClassVar[str] = "the meeting time (school year and recurring meetings)"

    school_year: SchoolYear | None = Field(default=None, title="the school year")
    meetings: tuple[Meeting, ...] = Field(default=(), title="the meetings")

    _unique_meetings = unique_ids("meetings", "meeting")

    @model_validator(mode="after")
    def _dates_in_the_year(self) -> MeetingTime:
        if self.school_year is not None:
            for meeting in self.meetings:
                problems = year_problems(meeting, self.school_year)
                if problems:
                    raise ValueError(problems[0])
        return self

    def year_or(self, default: SchoolYear) -> SchoolYear:
        """The team's own school year, or the facilitator's default until the team sets one."""
        return self.school_year or default

    def meeting(self, meeting_id: str) -> Meeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)

    def with_meeting(self, meeting: Meeting, year: SchoolYear | None = None) -> MeetingTime:
        """A copy with ``meeting`` replacing the one with its id, or added at the end. ``year``
        is kept as the team's school year if it has none yet (the dates are checked against it).
        A problem (a date outside the year) is an :class:`~workshop_kit.errors.InputError`."""
        from workshop_kit.validation import build

        if any(m.id == meeting.id for m in self.meetings):
            meetings = tuple(meeting if m.id == meeting.id else m for m in self.meetings)
        else:
            meetings = (*self.meetings, meeting)
        data = self.model_dump()
        if year is not None and self.school_year is None:
            data["school_year"] = year.model_dump()
        return build(MeetingTime, {**data, "meetings": [m.model_dump() for m in meetings]})

    def without_meeting(self, meeting_id: str) -> MeetingTime:
        """A copy without the meeting with ``meeting_id`` (unchanged if there is none). The plan
        may still refer to it: :meth:`TeamPlan.referring_to` says where."""
        kept = tuple(m for m in self.meetings if m.id != meeting_id)
        return self.model_copy(update={"meetings": kept})
