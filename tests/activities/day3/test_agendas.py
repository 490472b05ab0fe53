"""Day 3, agendas: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session


class TestAgendas:
    def test_a_drafted_agenda_adds_up_and_is_saved(self, session: Session) -> None:
        panel = day3.AgendaPanel(session)
        assert "meets 6 of 6 practices" in repr(panel)  # the demo's saved agenda opens first
        panel.saved_choice.value = ""  # a new agenda
        assert panel.meeting.value == "ilt"
        panel.draft_button.click()
        assert sum(int(r["minutes"]) for r in panel.items.values()) == 75
        assert "meets 4 of 6 practices" in repr(panel)  # purpose and roles still missing
        panel.purpose.value = "Plan cycle 2"
        for box, who in zip(panel.roles, ("Ana Ruiz", "Marcus Lee", "Priya Shah"), strict=True):
            box.value = who
        assert "meets 6 of 6" in repr(panel)
        panel.date.value = panel.date.options[3][1]
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert len(session.team.load(TeamPlan).agendas) == 2

    def test_minutes_that_do_not_fill_the_meeting_are_refused(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.AgendaPanel(session)
        panel.saved_choice.value = panel.saved_choice.options[1][1]
        before = revision(session, "plan.yaml")
        panel.items.rows[2].widgets["minutes"].value = "35"
        assert "minutes too few" in panel.checklist.value
        panel.save_button.click()
        assert panel.messages.kind == "error" and "10 minutes too few" in panel.messages.text
        assert revision(session, "plan.yaml") == before
