"""Day 3, learning cycles: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session


class TestCycles:
    def test_placing_cycles_on_the_meeting_dates(
        self, session: Session, new_team: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        new_team(session)
        meetings_panel = day3.MeetingsPanel(session)
        fill_meeting(meetings_panel)
        meetings_panel.save_button.click()
        panel = day3.CyclesPanel(session)
        panel.hosts.value = ("grade-3-team",)
        panel.first_start.value = dt.date(2026, 9, 1)
        panel.count.value = 3
        panel.focus.value = "Explaining reasoning"
        panel.place_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        cycles = session.team.load(TeamPlan).cycles
        assert [c.start for c in cycles] == [
            dt.date(2026, 9, 1),
            dt.date(2026, 10, 13),
            dt.date(2026, 12, 1),
        ]
        assert "3 cycles, 16 sessions" in repr(panel)  # 6 + 6 + 4 (winter break)
        panel.place_button.click()  # the same series again would overlap the first
        assert panel.form_message.kind == "error" and "overlaps" in panel.form_message.text
        assert len(session.team.load(TeamPlan).cycles) == 3

    def test_editing_a_start_date_into_an_overlap_changes_nothing(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.CyclesPanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[1].widgets["start"].value = dt.date(2026, 9, 17)
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "overlaps" in panel.table.row_error(1)
        assert revision(session, "plan.yaml") == before
        panel.table.rows[1].widgets["start"].value = dt.date(2026, 10, 22)
        panel.table.rows[0].widgets["name"].value = "Cycle 1: science notebooks"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert session.team.load(TeamPlan).cycles[0].name == "Cycle 1: science notebooks"
