"""The meeting ledger: recurrences placed on a real calendar, and the year's totals."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pytest
from dateutil import rrule
from hypothesis import given, settings

from day3_strategies import FIRST, LAST, years_and_meetings
from workshop_kit.config.day3 import load_day3
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import (
    build_ledger,
    hours_text,
    meeting_dates,
    nth_weekday,
    occurrences,
    series_rule,
    share_text,
)
from workshop_kit.model.meetings import (
    Holiday,
    Meeting,
    Purpose,
    PurposeMinutes,
    Recurrence,
    SchoolYear,
)

YEAR = SchoolYear(
    first_day=FIRST,
    last_day=LAST,
    holidays=(
        Holiday(name="Labor Day", start=dt.date(2026, 9, 7)),
        Holiday(name="Thanksgiving break", start=dt.date(2026, 11, 23), end=dt.date(2026, 11, 27)),
        Holiday(name="Winter break", start=dt.date(2026, 12, 21), end=dt.date(2027, 1, 1)),
        Holiday(name="Spring break", start=dt.date(2027, 3, 29), end=dt.date(2027, 4, 2)),
    ),
)
BYDAY = {
    "monday": rrule.MO,
    "tuesday": rrule.TU,
    "wednesday": rrule.WE,
    "thursday": rrule.TH,
    "friday": rrule.FR,
}


def meeting(
    recurrence: Recurrence, minutes: int = 60, headcount: int = 10, **purposes: int
) -> Meeting:
    spent = purposes or {"logistics": minutes}
    return Meeting(
        id="m",
        name="Staff meeting",
        type="staff",
        headcount=headcount,
        minutes=minutes,
        recurrence=recurrence,
        purposes=PurposeMinutes(**spent),
    )


def oracle(rule: rrule.rrule, year: SchoolYear) -> list[dt.date]:
    """Dates from dateutil's independent RFC 5545 rules, minus the holidays."""
    closed = year.closed_days()
    return [d.date() for d in rule if d.date() not in closed]


class TestRecurrenceOnARealCalendar:
    def test_weekly_skips_holidays_and_matches_an_independent_calendar(self) -> None:
        """Every Monday of the year except Labor Day and the breaks, as dateutil counts them."""
        rec = Recurrence(kind="weekly", weekday="monday")
        expected = oracle(
            rrule.rrule(
                rrule.WEEKLY,
                byweekday=rrule.MO,
                dtstart=dt.datetime(2026, 8, 26),
                until=dt.datetime(2027, 6, 11),
            ),
            YEAR,
        )
        dates = meeting_dates(rec, YEAR)
        assert list(dates) == expected
        assert dt.date(2026, 9, 7) not in dates  # Labor Day
        assert dt.date(2026, 9, 14) in dates
        assert all(d.weekday() == 0 for d in dates)

    @pytest.mark.parametrize("weekday", list(BYDAY))
    def test_every_weekday_matches_dateutil(self, weekday: str) -> None:
        rule = rrule.rrule(
            rrule.WEEKLY,
            byweekday=BYDAY[weekday],
            dtstart=dt.datetime(2026, 8, 26),
            until=dt.datetime(2027, 6, 11),
        )
        assert list(meeting_dates(Recurrence(kind="weekly", weekday=weekday), YEAR)) == oracle(
            rule, YEAR
        )

    def test_every_other_week_keeps_its_rhythm_across_breaks(self) -> None:
        """Fortnightly from its first date (RFC 5545 INTERVAL=2); a break removes, never shifts."""
        rec = Recurrence(kind="every_other_week", weekday="wednesday", starts=dt.date(2026, 9, 2))
        rule = rrule.rrule(
            rrule.WEEKLY,
            interval=2,
            byweekday=rrule.WE,
            dtstart=dt.datetime(2026, 9, 2),
            until=dt.datetime(2027, 6, 11),
        )
        dates = meeting_dates(rec, YEAR)
        assert list(dates) == oracle(rule, YEAR)
        gaps = {(b - a).days for a, b in itertools.pairwise(dates)}
        assert gaps <= {14, 28, 42}

    def test_fifth_tuesday_only_in_months_that_have_one(self) -> None:
        """2026-27 has five Tuesdays in September, December and March (and June, after school ends);
        December's and March's fall in winter and spring break."""
        months_with_five = [
            (y, m)
            for y, m in [
                (2026, 9),
                (2026, 10),
                (2026, 11),
                (2026, 12),
                (2027, 1),
                (2027, 2),
                (2027, 3),
                (2027, 4),
                (2027, 5),
            ]
            if sum(1 for week in calendar.monthcalendar(y, m) if week[calendar.TUESDAY]) == 5
        ]
        assert months_with_five == [(2026, 9), (2026, 12), (2027, 3)]
        dates = meeting_dates(Recurrence(kind="monthly", weekday="tuesday", nth="fifth"), YEAR)
        assert dates == (dt.date(2026, 9, 29),)

    def test_fifth_tuesday_without_breaks_meets_in_every_such_month(self) -> None:
        plain = SchoolYear(first_day=FIRST, last_day=LAST)
        dates = meeting_dates(Recurrence(kind="monthly", weekday="tuesday", nth="fifth"), plain)
        assert dates == (dt.date(2026, 9, 29), dt.date(2026, 12, 29), dt.date(2027, 3, 30))

    @pytest.mark.parametrize(
        ("nth", "setpos"), [("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1)]
    )
    def test_monthly_matches_dateutil(self, nth: str, setpos: int) -> None:
        rule = rrule.rrule(
            rrule.MONTHLY,
            byweekday=rrule.TH(setpos),
            dtstart=dt.datetime(2026, 8, 26),
            until=dt.datetime(2027, 6, 11),
        )
        rec = Recurrence(kind="monthly", weekday="thursday", nth=nth)
        assert list(meeting_dates(rec, YEAR)) == oracle(rule, YEAR)

    def test_last_weekday_of_a_month(self) -> None:
        assert nth_weekday(2027, 1, 4, -1) == dt.date(2027, 1, 29)
        assert nth_weekday(2027, 2, 1, 5) is None  # February 2027 has four Tuesdays

    def test_start_and_end_limit_the_dates(self) -> None:
        rec = Recurrence(
            kind="weekly", weekday="friday", starts=dt.date(2027, 1, 4), ends=dt.date(2027, 1, 31)
        )
        assert meeting_dates(rec, YEAR) == (
            dt.date(2027, 1, 8),
            dt.date(2027, 1, 15),
            dt.date(2027, 1, 22),
            dt.date(2027, 1, 29),
        )

    def test_set_dates_are_kept_in_order(self) -> None:
        rec = Recurrence(kind="dates", dates=(dt.date(2027, 1, 4), dt.date(2026, 10, 9)))
        assert meeting_dates(rec, YEAR) == (dt.date(2026, 10, 9), dt.date(2027, 1, 4))

    def test_times_per_year_has_a_count_but_no_dates(self) -> None:
        rec = Recurrence(kind="per_year", per_year=4)
        assert meeting_dates(rec, YEAR) == ()
        assert occurrences(rec, YEAR) == 4


class TestLedgerTotals:
    def test_hours_and_person_hours(self) -> None:
        """45 minutes with 40 people, 10 times a year: 7.5 hours and 300 person-hours."""
        m = meeting(Recurrence(kind="per_year", per_year=10), minutes=45, headcount=40)
        line = build_ledger([m], YEAR).lines[0]
        assert (line.count, line.hours, line.person_hours) == (10, 7.5, 300)

    def test_share_on_the_goal(self) -> None:
        m = meeting(Recurrence(kind="per_year", per_year=3), minutes=60, logistics=45, goal=15)
        ledger = build_ledger([m], YEAR)
        assert ledger.goal_share == 0.25
        assert ledger.purpose_minutes()[Purpose.GOAL] == 45

    def test_an_empty_inventory_has_no_share(self) -> None:
        ledger = build_ledger([], YEAR)
        assert (ledger.total_minutes, ledger.goal_share) == (0, None)
        assert share_text(ledger.goal_share) == "–"

    def test_a_set_date_outside_the_year_is_refused(self) -> None:
        m = meeting(Recurrence(kind="dates", dates=(dt.date(2027, 7, 1),)))
        with pytest.raises(InputError, match="outside the school year"):
            build_ledger([m], YEAR)

    def test_a_set_date_on_a_holiday_is_refused(self) -> None:
        m = meeting(Recurrence(kind="dates", dates=(dt.date(2026, 11, 24),)))
        with pytest.raises(InputError, match="Thanksgiving break"):
            build_ledger([m], YEAR)

    def test_hours_are_written_as_people_say_them(self) -> None:
        assert hours_text(1) == "1 hour"
        assert hours_text(12.5) == "12.5 hours"
        assert hours_text(1234) == "1,234 hours"

    def test_the_default_year_from_the_config_is_valid(self) -> None:
        year = load_day3().school_year
        assert year.first_day < year.last_day
        assert len(year.closed_days()) > 10


class TestLedgerProperties:
    @settings(max_examples=60, deadline=None)
    @given(years_and_meetings())
    def test_totals_match_the_dates(self, case: tuple[SchoolYear, list[Meeting]]) -> None:
        """Each dated meeting counts exactly its dates; every date is an open school weekday."""
        year, meeting_list = case
        ledger = build_ledger(meeting_list, year)
        closed = year.closed_days()
        for line in ledger.lines:
            if line.dated:
                assert line.count == len(line.dates)
            else:
                assert line.count == line.meeting.recurrence.per_year
            for day in line.dates:
                assert year.first_day <= day <= year.last_day
                assert day not in closed
                if line.meeting.recurrence.kind != "dates":
                    assert day.weekday() < 5
        assert ledger.total_minutes == sum(
            line.count * line.meeting.minutes for line in ledger.lines
        )
        assert sum(ledger.purpose_minutes().values()) == ledger.total_minutes
        assert sum(ledger.type_minutes().values()) == ledger.total_minutes
        assert sum(len(ms) for ms in ledger.by_date().values()) == sum(
            len(line.dates) for line in ledger.lines
        )
        if ledger.goal_share is not None:
            assert 0 <= ledger.goal_share <= 1


class TestAsACalendarSeries:
    """A meeting's dates as one repeating rule with its skipped dates (the calendar export)."""

    def named(self, recurrence: Recurrence) -> tuple[list[dt.date], list[dt.date]]:
        """The meeting's dates, and the dates its rule (expanded by dateutil) names minus the
        skipped ones."""
        dates = meeting_dates(recurrence, YEAR)
        series = series_rule(recurrence, dates)
        assert series is not None
        assert series.first == dates[0] and series.last == dates[-1]
        day = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)[series.weekday]
        rule = rrule.rrule(
            rrule.MONTHLY if series.monthly else rrule.WEEKLY,
            interval=series.interval,
            byweekday=day(series.nth) if series.nth is not None else day,
            dtstart=dt.datetime.combine(series.first, dt.time()),
            until=dt.datetime.combine(series.last, dt.time()),
        )
        expanded = [d.date() for d in rule if d.date() not in series.skipped]
        return list(dates), expanded

    @pytest.mark.parametrize(
        "recurrence",
        [
            Recurrence(kind="weekly", weekday="monday"),
            Recurrence(kind="every_other_week", weekday="wednesday"),
            Recurrence(kind="monthly", weekday="tuesday", nth="last"),
            Recurrence(kind="monthly", weekday="friday", nth="first"),
            Recurrence(
                kind="weekly",
                weekday="thursday",
                starts=dt.date(2026, 10, 1),
                ends=dt.date(2027, 2, 25),
            ),
        ],
        ids=["weekly", "every-other-week", "last-of-month", "first-of-month", "part-year"],
    )
    def test_the_rule_and_its_exceptions_name_exactly_the_meetings_dates(
        self, recurrence: Recurrence
    ) -> None:
        dates, expanded = self.named(recurrence)
        assert expanded == dates

    def test_holidays_are_the_exceptions(self) -> None:
        series = series_rule(
            Recurrence(kind="weekly", weekday="monday"),
            meeting_dates(Recurrence(kind="weekly", weekday="monday"), YEAR),
        )
        assert series is not None and dt.date(2026, 9, 7) in series.skipped  # Labor Day
        assert dt.date(2026, 12, 21) in series.skipped and dt.date(2026, 12, 28) in series.skipped

    def test_set_dates_a_count_a_year_and_one_date_make_no_series(self) -> None:
        on_dates = Recurrence(kind="dates", dates=(dt.date(2026, 9, 10), dt.date(2026, 10, 8)))
        assert series_rule(on_dates, meeting_dates(on_dates, YEAR)) is None
        assert series_rule(Recurrence(kind="per_year", per_year=4), ()) is None
        once = Recurrence(kind="weekly", weekday="monday")
        assert series_rule(once, (dt.date(2026, 9, 14),)) is None

    def test_dates_the_rule_cannot_name_make_no_series(self) -> None:
        """A date off the meeting's weekday (never so for the ledger's own dates) is never
        written as a wrong rule."""
        weekly = Recurrence(kind="weekly", weekday="monday")
        assert series_rule(weekly, (dt.date(2026, 9, 14), dt.date(2026, 9, 16))) is None
