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

    def test_school_days_are_the_weekdays_no_holiday_covers(self) -> None:
        week = {"first_day": "2026-08-31", "last_day": "2026-09-11"}  # two weeks, Mon to Fri
        assert build(SchoolYear, week).school_days() == 10
        labor_day = {"name": "Labor Day", "start": "2026-09-07"}
        fall_break = {"name": "Break", "start": "2026-09-09", "end": "2026-09-11"}
        year = build(SchoolYear, {**week, "holidays": [labor_day, fall_break]})
        assert year.school_days() == 6

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


class TestMeetingEdits:
    def test_with_meeting_adds_a_new_id_and_replaces_a_known_one(self) -> None:
        time = MeetingTime().with_meeting(build(Meeting, meeting_data()))
        time = time.with_meeting(build(Meeting, meeting_data(id="plc", name="PLC")))
        assert [m.id for m in time.meetings] == ["staff", "plc"]
        longer = build(Meeting, meeting_data(minutes=70, purposes={"logistics": 40, "goal": 30}))
        time = time.with_meeting(longer)
        assert [m.id for m in time.meetings] == ["staff", "plc"]
        assert time.meetings[0].minutes == 70

    def test_with_meeting_keeps_the_year_and_checks_the_dates_against_it(self) -> None:
        year = build(SchoolYear, YEAR)
        time = MeetingTime().with_meeting(build(Meeting, meeting_data()), year)
        assert time.school_year == year
        retreat = meeting_data(id="retreat", recurrence={"kind": "dates", "dates": ["2027-07-15"]})
        with pytest.raises(InputError, match="outside the school year"):
            time.with_meeting(build(Meeting, retreat))

    def test_without_meeting(self) -> None:
        time = MeetingTime().with_meeting(build(Meeting, meeting_data()))
        assert time.without_meeting("staff").meetings == ()
        assert time.without_meeting("nothing") == time


def step(step_id: str, action: str = "Do it") -> ActionStep:
    return build(
        ActionStep,
        {"id": step_id, "action": action, "owner": "Ana", "start": "2026-09-10",
         "due": "2026-10-01"},
    )  # fmt: skip


class TestPlanEdits:
    def test_an_action_step_is_added_replaced_and_removed_by_id(self) -> None:
        plan = TeamPlan().with_action(step("a")).with_action(step("b"))
        assert [s.id for s in plan.actions] == ["a", "b"]
        plan = plan.with_action(step("a", "Do it better"))
        assert [(s.id, s.action) for s in plan.actions] == [("a", "Do it better"), ("b", "Do it")]
        assert plan.action("a") == step("a", "Do it better")
        assert [s.id for s in plan.without_action("a").actions] == ["b"]

    def test_agendas_cycles_and_moves(self) -> None:
        from workshop_kit.model.plan import Agenda, Cycle, Move

        agenda = build(Agenda, {"id": "x", "meeting_id": "ilt",
                                "items": [{"title": "Learn", "minutes": 60}]})  # fmt: skip
        plan = TeamPlan().with_agenda(agenda)
        plan = plan.with_agenda(agenda.model_copy(update={"purpose": "Plan"}))
        assert [a.purpose for a in plan.agendas] == ["Plan"]
        assert plan.agenda("x") is not None and plan.without_agenda("x").agendas == ()
        cycle = build(Cycle, {"id": "c1", "name": "Cycle 1", "meeting_ids": ["plc"],
                              "start": "2026-09-01", "weeks": 6})  # fmt: skip
        second = cycle.model_copy(update={"id": "c2", "start": dt.date(2026, 10, 13)})
        plan = plan.with_cycles([cycle, second]).with_cycles(
            [cycle.model_copy(update={"weeks": 5})]
        )
        assert [(c.id, c.weeks) for c in plan.cycles] == [("c1", 5), ("c2", 6)]
        assert [c.id for c in plan.without_cycle("c1").cycles] == ["c2"]
        move = build(Move, {"id": "m", "meeting_id": "staff", "take": {"logistics": 10}})
        plan = plan.with_move(move)
        assert plan.with_move(move).moves == (move,)
        assert plan.without_move("m").moves == ()
        assert plan.replace_moves([]).moves == ()
        assert [c.id for c in plan.replace_cycles([second]).cycles] == ["c2"]

    def test_which_plan_items_refer_to_a_meeting(self) -> None:
        from workshop_kit.model.plan import Agenda, Cycle, Move

        move = build(Move, {"id": "m", "meeting_id": "staff", "take": {"logistics": 10}})
        cycle = build(Cycle, {"id": "c", "name": "Cycle 1", "meeting_ids": ["plc", "staff"],
                              "start": "2026-09-01", "weeks": 6})  # fmt: skip
        agenda = build(Agenda, {"id": "a", "meeting_id": "ilt",
                                "items": [{"title": "Learn", "minutes": 60}]})  # fmt: skip
        plan = TeamPlan().with_move(move).with_cycles([cycle]).with_agenda(agenda)
        assert plan.referring_to("staff") == (move, cycle)
        assert plan.referring_to("ilt") == (agenda,)
        assert plan.referring_to("pd") == ()
