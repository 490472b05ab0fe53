"""The what-if re-purposing plan: hours reclaimed for the goal, minutes conserved, nothing twice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from day3_strategies import FIRST, LAST, moves_for, years_and_meetings
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import Ledger, build_ledger
from workshop_kit.logic.parse import parse_minutes
from workshop_kit.logic.repurpose import applies_to, check_move, what_if
from workshop_kit.model.meetings import (
    MOVABLE,
    Meeting,
    Purpose,
    PurposeMinutes,
    Recurrence,
    SchoolYear,
)
from workshop_kit.model.plan import Move, Take
from workshop_kit.validation import build

YEAR = SchoolYear(first_day=FIRST, last_day=LAST)


def staff(count: int = 10, headcount: int = 30) -> Meeting:
    return Meeting(
        id="staff",
        name="Staff meeting",
        type="staff",
        headcount=headcount,
        minutes=60,
        recurrence=Recurrence(kind="per_year", per_year=count),
        purposes=PurposeMinutes(logistics=25, compliance=10, goal=5, other_instructional=20),
    )


def ledger_of(*meetings: Meeting) -> Ledger:
    return build_ledger(list(meetings), YEAR)


def move(take: Take, which: str = "every", move_id: str = "m1", meeting_id: str = "staff") -> Move:
    return Move(id=move_id, meeting_id=meeting_id, which=which, take=take)  # type: ignore[arg-type]


class TestWhatIf:
    def test_announcements_by_email(self) -> None:
        """20 minutes of logistics, 10 meetings of 30 people: 200 minutes, 100 person-hours."""
        result = what_if(ledger_of(staff()), [move(Take(logistics=20))])
        assert result.reclaimed_minutes == 200
        assert result.reclaimed_hours == pytest.approx(10 / 3)
        assert result.reclaimed_person_hours == pytest.approx(100)
        assert result.goal_share_before == pytest.approx(5 / 60)
        assert result.goal_share_after == pytest.approx(25 / 60)
        assert result.problems == ()

    def test_alternate_meetings_are_the_first_third_fifth(self) -> None:
        """Every other meeting of 9 is 5 meetings (the 1st, 3rd, 5th, 7th and 9th)."""
        assert applies_to(move(Take(logistics=1), "alternate"), 9) == 5
        assert applies_to(move(Take(logistics=1), "alternate"), 10) == 5
        assert applies_to(move(Take(logistics=1), "every"), 9) == 9

    def test_whole_alternate_meetings_become_inquiry(self) -> None:
        take = Take(logistics=25, compliance=10, other_instructional=20)
        result = what_if(ledger_of(staff(count=10)), [move(take, "alternate")])
        assert result.reclaimed_minutes == 5 * 55
        assert result.after[Purpose.LOGISTICS] == 5 * 25

    def test_minutes_are_never_reclaimed_twice(self) -> None:
        """A second move asking for logistics minutes the first already took is left out."""
        first = move(Take(logistics=20), move_id="email")
        second = move(Take(logistics=10), "alternate", move_id="again")
        result = what_if(ledger_of(staff()), [first, second])
        assert [e.move.id for e in result.effects] == ["email"]
        assert "cannot be re-purposed twice" in result.problems[0]
        with pytest.raises(InputError, match="5 minutes of logistics"):
            check_move(ledger_of(staff()), [first], second)

    def test_more_than_exists_is_refused(self) -> None:
        with pytest.raises(InputError, match="only 10 minutes of compliance"):
            check_move(ledger_of(staff()), [], move(Take(compliance=11)))

    def test_a_move_for_a_removed_meeting_is_explained(self) -> None:
        result = what_if(ledger_of(staff()), [move(Take(logistics=5), meeting_id="gone")])
        assert result.effects == ()
        assert "no longer among the school's meetings" in result.problems[0]

    def test_a_meeting_without_dates_in_the_year_reclaims_nothing(self) -> None:
        late = staff().model_copy(
            update={
                "recurrence": Recurrence(
                    kind="weekly", weekday="monday", starts=dt.date(2027, 6, 10)
                )
            }
        )
        with pytest.raises(InputError, match="reclaim nothing"):
            check_move(ledger_of(late), [], move(Take(logistics=5)))

    def test_negative_minutes_are_refused(self) -> None:
        with pytest.raises(InputError):
            build(Take, {"logistics": -5})
        with pytest.raises(InputError, match="cannot be negative"):
            parse_minutes("-5", "Logistics")

    def test_minutes_typed_by_people(self) -> None:
        assert parse_minutes("", "x") == 0
        assert parse_minutes(" 15 ", "x") == 15
        with pytest.raises(InputError, match="whole minutes"):
            parse_minutes("2.5", "Logistics")
        with pytest.raises(InputError, match="number of minutes"):
            parse_minutes("ten", "Logistics")

    def test_a_move_must_move_something(self) -> None:
        with pytest.raises(InputError, match="moves no minutes"):
            build(Move, {"id": "x", "meeting_id": "staff", "take": {}})

    def test_type_totals_after_the_moves(self) -> None:
        result = what_if(ledger_of(staff()), [move(Take(logistics=20))])
        assert result.type_purpose_after()["staff"][Purpose.GOAL] == 10 * 25


class TestWhatIfProperties:
    @settings(max_examples=80, deadline=None)
    @given(st.data())
    def test_minutes_conserved_and_reclaimed_never_negative(self, data: st.DataObject) -> None:
        year, meetings = data.draw(years_and_meetings())
        moves = data.draw(moves_for(meetings))
        ledger = build_ledger(meetings, year)
        result = what_if(ledger, moves)
        before, after = result.before, result.after
        assert sum(after.values()) == sum(before.values()) == ledger.total_minutes
        assert result.reclaimed_minutes >= 0
        assert result.reclaimed_person_hours >= 0
        assert after[Purpose.GOAL] - before[Purpose.GOAL] == result.reclaimed_minutes
        assert all(minutes >= 0 for minutes in after.values())
        if result.goal_share_before is not None:
            assert result.goal_share_after is not None
            assert result.goal_share_after >= result.goal_share_before
        # nothing reclaimed twice: accepted moves never take more than a purpose has per meeting
        for m in meetings:
            for purpose in MOVABLE:
                taken = sum(
                    e.move.take.of(purpose) for e in result.effects if e.move.meeting_id == m.id
                )
                assert taken <= m.purposes.of(purpose)
        assert len(result.effects) + len(result.problems) == len(moves)
        per_type = result.type_purpose_after()
        assert sum(sum(by.values()) for by in per_type.values()) == ledger.total_minutes


class TestOneMeetingWithThePlan:
    def test_alternate_moves_apply_to_the_first_third_fifth_meeting(self) -> None:
        take = Take(logistics=25, compliance=5, other_instructional=20)
        moves = [move(Take(compliance=5)), move(take, "alternate", "m2")]
        result = what_if(ledger_of(staff()), moves)
        assert result.problems == ()
        first, second = result.purposes_at("staff", 0), result.purposes_at("staff", 1)
        assert first[Purpose.GOAL] == 60
        assert second == {
            Purpose.LOGISTICS: 25,
            Purpose.COMPLIANCE: 5,
            Purpose.GOAL: 10,
            Purpose.OTHER_INSTRUCTIONAL: 20,
        }
        assert sum(first.values()) == sum(second.values()) == 60
