"""Learning cycles placed on the actual meeting dates of the school year."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_kit.errors import InputError
from workshop_kit.logic.cycles import (
    check_cycle,
    cycle_problems,
    phases_for,
    place_cycle,
    plan_cycles,
)
from workshop_kit.logic.ledger import build_ledger
from workshop_kit.model.meetings import Holiday, Meeting, PurposeMinutes, Recurrence, SchoolYear
from workshop_kit.model.plan import Cycle

YEAR = SchoolYear(
    first_day=dt.date(2026, 8, 26),
    last_day=dt.date(2027, 6, 11),
    holidays=(Holiday(name="Winter break", start=dt.date(2026, 12, 21), end=dt.date(2027, 1, 1)),),
)
PHASES = ("Look", "Learn", "Plan", "Try", "Reflect")


def weekly(meeting_id: str, weekday: str) -> Meeting:
    return Meeting(
        id=meeting_id,
        name=meeting_id.title(),
        type="grade_level",
        headcount=5,
        minutes=45,
        recurrence=Recurrence(kind="weekly", weekday=weekday),
        purposes=PurposeMinutes(goal=45),
    )


LEDGER = build_ledger(
    [
        weekly("tue", "tuesday"),
        weekly("thu", "thursday"),
        Meeting(
            id="pd",
            name="PD",
            type="pd_day",
            headcount=30,
            minutes=60,
            recurrence=Recurrence(kind="per_year", per_year=3),
            purposes=PurposeMinutes(goal=60),
        ),
    ],
    YEAR,
)


def cycle(
    start: dt.date, weeks: int = 6, meetings: tuple[str, ...] = ("tue",), cid: str = "c1"
) -> Cycle:
    return Cycle(id=cid, name=f"Cycle {cid}", meeting_ids=meetings, start=start, weeks=weeks)


class TestPlacing:
    def test_sessions_are_the_host_meeting_dates(self) -> None:
        placed = place_cycle(cycle(dt.date(2026, 9, 1)), LEDGER, PHASES)
        assert [s.date for s in placed.sessions] == [
            dt.date(2026, 9, 1) + dt.timedelta(weeks=w) for w in range(6)
        ]
        assert placed.end == dt.date(2026, 10, 12)
        assert placed.sessions[0].phase == "Look"
        assert placed.sessions[-1].phase == "Reflect"

    def test_a_cycle_across_winter_break_has_fewer_sessions(self) -> None:
        placed = place_cycle(cycle(dt.date(2026, 12, 1)), LEDGER, PHASES)
        assert len(placed.sessions) == 4  # Dec 1, 8, 15 and Jan 5

    def test_two_host_meetings_interleave(self) -> None:
        placed = place_cycle(
            cycle(dt.date(2026, 9, 1), weeks=1, meetings=("tue", "thu")), LEDGER, PHASES
        )
        assert [(s.date.day, s.meeting_id) for s in placed.sessions] == [(1, "tue"), (3, "thu")]
        # one session each: each hosting meeting covers the whole cycle in it
        assert {s.phase for s in placed.sessions} == {"Look + Learn + Plan + Try + Reflect"}

    def test_each_hosting_meeting_moves_through_the_phases_in_order(self) -> None:
        """Pooled together, Tuesday's team would look at student work while Thursday's was
        already learning a practice; each team goes through every phase, in order."""
        placed = place_cycle(
            cycle(dt.date(2026, 9, 1), weeks=5, meetings=("tue", "thu")), LEDGER, PHASES
        )
        for meeting_id in ("tue", "thu"):
            own = [s.phase for s in placed.sessions if s.meeting_id == meeting_id]
            assert own == list(PHASES), meeting_id
        same_week = [s.phase for s in placed.sessions if s.date <= dt.date(2026, 9, 3)]
        assert same_week == ["Look", "Look"]

    def test_a_meeting_with_few_dates_still_gets_every_phase(self) -> None:
        """A staff meeting that meets twice in a cycle gets every phase of its own, not only
        the first ones that the weekly team's sessions pooled with it would leave it."""
        staff = Meeting(
            id="staff",
            name="Staff",
            type="staff",
            headcount=30,
            minutes=60,
            recurrence=Recurrence(kind="dates", dates=(dt.date(2026, 9, 2), dt.date(2026, 9, 9))),
            purposes=PurposeMinutes(goal=60),
        )
        ledger = build_ledger([weekly("tue", "tuesday"), staff], YEAR)
        placed = place_cycle(
            cycle(dt.date(2026, 9, 1), weeks=6, meetings=("tue", "staff")), ledger, PHASES
        )
        own = [s.phase for s in placed.sessions if s.meeting_id == "staff"]
        assert own == ["Look + Learn", "Plan + Try + Reflect"]


class TestPhases:
    def test_fewer_sessions_than_phases_combine_phases(self) -> None:
        assert phases_for(2, PHASES) == ["Look + Learn", "Plan + Try + Reflect"]

    def test_more_sessions_than_phases_repeat_them(self) -> None:
        assert phases_for(7, PHASES) == ["Look", "Look", "Learn", "Plan", "Plan", "Try", "Reflect"]

    @given(st.integers(1, 40), st.lists(st.text(min_size=1), min_size=1, max_size=8))
    def test_every_phase_appears_in_order(self, count: int, phases: list[str]) -> None:
        labels = phases_for(count, phases)
        assert len(labels) == count
        flat = (
            [p for label in labels for p in label.split(" + ")]
            if all(" + " not in p for p in phases)
            else None
        )
        if flat is not None:
            assert list(dict.fromkeys(flat)) == list(dict.fromkeys(phases))


class TestPlanningAndChecks:
    def test_back_to_back_cycles_start_on_meeting_dates(self) -> None:
        cycles = plan_cycles(LEDGER, ["tue"], dt.date(2026, 8, 26), weeks=6, count=10)
        starts = [c.start for c in cycles]
        assert starts[0] == dt.date(2026, 9, 1)
        assert all(s.weekday() == 1 for s in starts)
        assert all(b.start > a.end for a, b in itertools.pairwise(cycles))
        assert all(c.end <= YEAR.last_day for c in cycles)
        assert cycle_problems(list(cycles), LEDGER) == []

    def test_no_cycle_fits_after_the_last_day(self) -> None:
        with pytest.raises(InputError, match="No 6-week cycle fits"):
            plan_cycles(LEDGER, ["tue"], dt.date(2027, 6, 1), weeks=6, count=1)

    def test_a_cycle_past_the_last_day_is_refused(self) -> None:
        with pytest.raises(InputError, match="after the last day"):
            check_cycle(cycle(dt.date(2027, 5, 18)), [], LEDGER)

    def test_a_cycle_outside_the_year_is_refused(self) -> None:
        with pytest.raises(InputError, match="outside the school year"):
            check_cycle(cycle(dt.date(2026, 8, 1)), [], LEDGER)

    def test_overlapping_cycles_in_one_meeting_are_refused(self) -> None:
        first = cycle(dt.date(2026, 9, 1), cid="a")
        with pytest.raises(InputError, match="overlaps"):
            check_cycle(cycle(dt.date(2026, 9, 22), cid="b"), [first], LEDGER)
        check_cycle(cycle(dt.date(2026, 9, 22), meetings=("thu",), cid="b"), [first], LEDGER)

    def test_meetings_without_dates_cannot_host_a_cycle(self) -> None:
        problems = cycle_problems([cycle(dt.date(2026, 9, 1), meetings=("pd",))], LEDGER)
        assert any("no set dates" in p for p in problems)
