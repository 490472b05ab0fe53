"""Day 3, the action plan: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.activities import day3
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session


class TestActionPlan:
    def test_a_step_with_resources_criteria_and_checks(
        self, session: Session, restarted: Callable[..., Any]
    ) -> None:
        panel = day3.ActionPlanPanel(session)
        assert "7 steps" in repr(panel)
        panel.action.value = "Model a think-aloud with a sentence frame at the staff meeting"
        panel.owner.value = "Jenna Kowalski"
        panel.start.value, panel.due.value = dt.date(2026, 10, 1), dt.date(2026, 10, 14)
        panel.resources.value = ("sentence-frame-cards-for-explaining-reasoning",)
        panel.criteria_checks["rubric-el"].value = True
        type_check(panel, dt.date(2026, 10, 21), "exit tickets from two classes")
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        step = session.team.load(TeamPlan).actions[-1]
        assert step.resource_ids == ("sentence-frame-cards-for-explaining-reasoning",)
        assert step.criterion_ids == ("rubric-el",)
        assert step.progress_checks[0].date == dt.date(2026, 10, 21)
        assert "8 steps" in repr(day3.ActionPlanPanel(restarted(session)))

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("owner", "", "‘Owner (one person)’ cannot be empty"),
            ("due", dt.date(2026, 9, 1), "before it starts"),
            ("due", dt.date(2028, 1, 1), "outside the planning window"),
        ],
    )
    def test_bad_steps_change_nothing(
        self,
        session: Session,
        field: str,
        value: object,
        message: str,
        revision: Callable[..., Any],
    ) -> None:
        panel = day3.ActionPlanPanel(session)
        before = revision(session, "plan.yaml")
        panel.action.value = "Something"
        panel.owner.value = "Ana Ruiz"
        panel.start.value, panel.due.value = dt.date(2026, 9, 10), dt.date(2026, 9, 20)
        getattr(panel, field).value = value
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert message in panel.form_message.text
        assert revision(session, "plan.yaml") == before

    def test_a_progress_check_needs_its_date_and_what_to_look_at(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.ActionPlanPanel(session)
        before = revision(session, "plan.yaml")
        type_step(panel, "Something")
        type_check(panel, dt.date(2026, 9, 25), "")
        panel.save_button.click()
        assert panel.form_message.text == (
            "Nothing was saved: please fix the progress checks marked above."
        )
        assert panel.checks.row_error(0) == "Say what the team will look at on that date."
        type_check(panel, None, "student work")
        panel.save_button.click()
        assert panel.checks.row_error(0) == "Please choose the date of the progress check."
        assert revision(session, "plan.yaml") == before


def type_check(panel: day3.ActionPlanPanel, day: dt.date | None, what: str) -> None:
    """Fill the first progress check: its date control and what the team will look at."""
    row = panel.checks.rows[0].widgets
    row["date"].value, row["evidence"].value = day, what


def type_step(panel: day3.ActionPlanPanel, action: str, owner: str = "Ana Ruiz") -> None:
    panel.action.value = action
    panel.owner.value = owner
    panel.start.value, panel.due.value = dt.date(2026, 9, 10), dt.date(2026, 9, 20)
    type_check(panel, dt.date(2026, 9, 25), "student work from two classes")


class TestTheStepFormNeverOverwrites:
    def test_eight_steps_added_in_a_row_are_eight_steps(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.ActionPlanPanel(session)
        for n in range(1, 9):
            assert panel.save_button.description == "Add this step"
            type_step(panel, f"Step {n} of the plan")
            panel.save_button.click()
            assert panel.form_message.kind == "ok", panel.form_message.text
            assert panel.action.value == "" and panel.form.editing is None
        actions = session.team.load(TeamPlan).actions
        assert [a.action for a in actions] == [f"Step {n} of the plan" for n in range(1, 9)]
        assert "The form is empty for the next step." in panel.form_message.text
        assert "8 steps" in repr(panel)

    def test_choosing_a_step_names_it_and_a_change_empties_the_form(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.ActionPlanPanel(session)
        type_step(panel, "Collect writing samples")
        panel.save_button.click()
        type_step(panel, "Score them with the rubric")
        panel.save_button.click()
        panel.choice.value = panel.choice.options[1][1]
        assert panel.save_button.description == "Save changes to ‘Collect writing samples’"
        assert panel.action.value == "Collect writing samples"
        panel.owner.value = "Marcus Lee"
        panel.save_button.click()
        assert panel.form_message.text.startswith(
            "Saved the changes to the step owned by Marcus Lee"
        )
        assert "The form is empty again, for a new step." in panel.form_message.text
        assert panel.form.editing is None and panel.action.value == panel.owner.value == ""
        actions = session.team.load(TeamPlan).actions
        assert [(a.action, a.owner) for a in actions] == [
            ("Collect writing samples", "Marcus Lee"),
            ("Score them with the rubric", "Ana Ruiz"),
        ]
        panel.choice.value = panel.choice.options[2][1]
        panel.remove_button.click()
        assert panel.form_message.text == "Removed the step owned by Ana Ruiz."
        assert [a.action for a in session.team.load(TeamPlan).actions] == [
            "Collect writing samples"
        ]
