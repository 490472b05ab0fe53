"""ILT agendas: timed to the meeting, built from the meeting practices, checked plainly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workshop_kit.config.day3 import load_day3
from workshop_kit.errors import InputError
from workshop_kit.logic.agenda import agenda_checks, check_agenda, draft_agenda, fit_minutes
from workshop_kit.model.meetings import Meeting, PurposeMinutes, Recurrence
from workshop_kit.model.plan import AgendaItem


def ilt(minutes: int = 60) -> Meeting:
    return Meeting(
        id="ilt",
        name="ILT",
        type="ilt",
        headcount=6,
        minutes=minutes,
        recurrence=Recurrence(kind="monthly", weekday="monday", nth="first"),
        purposes=PurposeMinutes(goal=minutes),
    )


class TestFitMinutes:
    def test_the_flexible_item_takes_the_rest(self) -> None:
        assert fit_minutes([5, 10, None, 10, 5], 60) == [5, 10, 30, 10, 5]

    def test_a_short_meeting_shrinks_the_fixed_items(self) -> None:
        minutes = fit_minutes([5, 10, None, 10, 5], 20)
        assert sum(minutes) == 20
        assert minutes[2] >= 1

    def test_too_short_for_the_items(self) -> None:
        with pytest.raises(InputError, match="too short"):
            fit_minutes([5, None, 5], 2)

    @given(
        st.lists(st.one_of(st.none(), st.integers(1, 120)), min_size=1, max_size=8).filter(
            lambda xs: xs.count(None) == 1
        ),
        st.integers(1, 600),
    )
    def test_items_always_add_up_to_the_meeting(self, fixed: list[int | None], length: int) -> None:
        if length < len(fixed):
            return
        minutes = fit_minutes(fixed, length)
        assert sum(minutes) == length
        assert all(m >= 1 for m in minutes)


class TestDraftAndChecks:
    def test_a_draft_from_the_template_fills_the_meeting(self) -> None:
        template = load_day3().agenda_template
        agenda = draft_agenda(
            "a1",
            ilt(75),
            template,
            purpose="Choose our first focus",
            roles=("Ana", "Marcus", "Priya"),
        )
        assert agenda.total_minutes == 75
        assert {i.kind for i in agenda.items} >= {"opening", "learning", "next_steps", "check"}
        assert all(c.ok for c in agenda_checks(agenda, ilt(75))), agenda_checks(agenda, ilt(75))

    def test_missing_practices_are_named(self) -> None:
        template = load_day3().agenda_template
        agenda = draft_agenda("a1", ilt(), template)
        failed = {c.practice: c.message for c in agenda_checks(agenda, ilt()) if not c.ok}
        assert set(failed) == {"purpose", "roles"}
        assert "facilitator, timekeeper, note-taker" in failed["roles"]

    def test_minutes_that_do_not_add_up_are_refused(self) -> None:
        template = load_day3().agenda_template
        agenda = draft_agenda("a1", ilt(), template)
        longer = agenda.model_copy(
            update={"items": (*agenda.items, AgendaItem(title="Extra", minutes=10))}
        )
        with pytest.raises(InputError, match="10 minutes too many"):
            check_agenda(longer, ilt())
        check_agenda(agenda, ilt())

    def test_an_agenda_without_learning_time_is_flagged(self) -> None:
        template = load_day3().agenda_template
        agenda = draft_agenda("a1", ilt(), template)
        no_learning = agenda.model_copy(
            update={
                "items": tuple(
                    i.model_copy(update={"kind": "other"}) if i.kind == "learning" else i
                    for i in agenda.items
                )
            }
        )
        failed = [c.practice for c in agenda_checks(no_learning, ilt()) if not c.ok]
        assert "problem_of_practice" in failed
