"""Day 3, telling the staff: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session


class TestCommunication:
    def test_the_key_message_and_moments_are_saved_in_date_order(self, session: Session) -> None:
        panel = day3.CommunicationPanel(session)
        panel.key_message.value = "We use our meetings to learn together."
        panel.table.add_button.click()
        row = panel.table.rows[-1].widgets
        row["date"].value, row["audience"].value, row["channel"].value = (
            dt.date(2026, 8, 20),
            "All staff",
            "Staff meeting",
        )
        row["who"].value = "Ana Ruiz"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        plan = session.team.load(TeamPlan)
        assert plan.key_message == "We use our meetings to learn together."
        assert plan.communication[0].date == dt.date(2026, 8, 20)

    def test_a_moment_without_a_date_is_refused(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.CommunicationPanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["date"].value = None
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert revision(session, "plan.yaml") == before
