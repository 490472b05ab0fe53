"""The Day 3 model: school year, meetings and the team plan refuse what cannot be true."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from workshop_kit.errors import InputError
from workshop_kit.model.meetings import Meeting, MeetingTime, Recurrence, SchoolYear
from workshop_kit.model.plan import ActionStep, TeamPlan
from workshop_kit.validation import build

YEAR = {"first_day": "2026-08-26", "last_day": "2027-06-11"}


def meeting_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "staff",
        "name": "Staff meeting",
        "type": "staff",
        "headcount": 30,
        "minutes": 60,
        "recurrence": {"kind": "weekly", "weekday": "wednesday"},
        "purposes": {"logistics": 30, "goal": 30},
    }
    data.update(changes)
    return data


class TestSchoolYear:
    def test_the_last_day_comes_after_the_first(self) -> None:
        with pytest.raises(InputError, match=r"ends .* before it starts"):
            build(SchoolYear, {"first_day": "2027-06-11", "last_day": "2026-08-26"})

    def test_a_holiday_outside_the_year_is_refused(self) -> None:
        with pytest.raises(InputError, match="outside the school year"):
            build(SchoolYear, {**YEAR, "holidays": [{"name": "Summer", "start": "2027-07-04"}]})

    def test_a_holiday_that_ends_before_it_starts(self) -> None:
        with pytest.raises(InputError, match="ends"):
            build(
                SchoolYear,
                {
                    **YEAR,
                    "holidays": [{"name": "Break", "start": "2026-12-21", "end": "2026-12-01"}],
                },
            )

    def test_meeting_days_are_open_weekdays(self) -> None:
        year = build(
            SchoolYear, {**YEAR, "holidays": [{"name": "Labor Day", "start": "2026-09-07"}]}
        )
        assert not year.is_meeting_day(dt.date(2026, 9, 7))
        assert not year.is_meeting_day(dt.date(2026, 9, 5))  # a Saturday
        assert year.is_meeting_day(dt.date(2026, 9, 8))
        assert year.label == "2026-27"


class TestMeeting:
    def test_minutes_by_purpose_must_add_up(self) -> None:
        with pytest.raises(InputError, match="add up to 50"):
            build(Meeting, meeting_data(purposes={"logistics": 20, "goal": 30}))

    def test_negative_minutes_are_refused(self) -> None:
        with pytest.raises(InputError, match="purposes → logistics"):
            build(Meeting, meeting_data(purposes={"logistics": -10, "goal": 70}))

    def test_weekly_needs_a_weekday(self) -> None:
        with pytest.raises(InputError, match="day of the week"):
            build(Meeting, meeting_data(recurrence={"kind": "weekly"}))

    def test_monthly_needs_the_week_of_the_month(self) -> None:
        with pytest.raises(InputError, match="which week of the month"):
            build(Meeting, meeting_data(recurrence={"kind": "monthly", "weekday": "monday"}))

    def test_fields_the_kind_does_not_use_are_refused(self) -> None:
        with pytest.raises(InputError, match="does not use"):
            build(
                Meeting,
                meeting_data(recurrence={"kind": "weekly", "weekday": "monday", "per_year": 3}),
            )

    def test_weekends_are_not_meeting_days(self) -> None:
        with pytest.raises(InputError, match="recurrence → weekday"):
            build(Meeting, meeting_data(recurrence={"kind": "weekly", "weekday": "saturday"}))

    def test_the_same_date_twice(self) -> None:
        with pytest.raises(InputError, match="same date twice"):
            build(Recurrence, {"kind": "dates", "dates": ["2026-10-09", "2026-10-09"]})

    def test_recurrence_in_plain_words(self) -> None:
        assert build(
            Recurrence, {"kind": "monthly", "weekday": "tuesday", "nth": "fifth"}
        ).describe() == ("the fifth Tuesday of each month")
        assert (
            build(
                Recurrence,
                {"kind": "every_other_week", "weekday": "wednesday", "starts": "2026-09-02"},
            ).describe()
            == "every other Wednesday from 2026-09-02"
        )
        assert (
            build(Recurrence, {"kind": "per_year", "per_year": 4})
            .describe()
            .startswith("4 times a year")
        )


class TestMeetingTime:
    def test_dates_outside_the_team_year_are_refused(self) -> None:
        data = meeting_data(recurrence={"kind": "dates", "dates": ["2027-08-01"]})
        with pytest.raises(InputError, match="outside the school year"):
            build(MeetingTime, {"school_year": YEAR, "meetings": [data]})

    def test_meeting_ids_are_unique(self) -> None:
        with pytest.raises(InputError, match="more than one meeting"):
            build(MeetingTime, {"meetings": [meeting_data(), meeting_data()]})

    def test_the_default_year_is_used_until_the_team_sets_one(self) -> None:
        default = build(SchoolYear, YEAR)
        assert MeetingTime().year_or(default) is default


class TestPlan:
    def test_an_action_step_due_before_it_starts(self) -> None:
        with pytest.raises(InputError, match=r"due .* before it starts"):
            build(
                ActionStep,
                {
                    "id": "a",
                    "action": "Do it",
                    "owner": "Ana",
                    "start": "2026-09-10",
                    "due": "2026-09-01",
                },
            )

    def test_a_progress_check_before_the_start(self) -> None:
        with pytest.raises(InputError, match="before the step starts"):
            build(
                ActionStep,
                {
                    "id": "a",
                    "action": "Do it",
                    "owner": "Ana",
                    "start": "2026-09-10",
                    "due": "2026-10-01",
                    "progress_checks": [{"date": "2026-09-01", "evidence": "work"}],
                },
            )

    def test_an_empty_plan_is_valid(self) -> None:
        assert TeamPlan().moves == ()
