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
        panel.checks.value = "2026-10-21: exit tickets from two classes\n"
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
            ("owner", "", "Name the one person"),
            ("due", dt.date(2026, 9, 1), "before it starts"),
            ("checks", "soon: look at work", "YYYY-MM-DD"),
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
