"""Day 3, re-purposing: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.session import Session


class TestRepurpose:
    def test_the_figures_follow_the_table_before_anything_is_saved(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.RepurposePanel(session)
        assert "62.9 hours a year to the goal" in repr(panel)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["logistics"].value = "0"  # staff email move: 20 -> 0 minutes
        assert "62.9" not in repr(panel)
        assert "Move 1" in panel.problems.value
        panel.table.rows[0].widgets["logistics"].value = "10"
        assert "60.1 hours" in repr(panel)
        assert revision(session, "plan.yaml") == before

    def test_the_figures_still_follow_the_table_after_it_is_rebuilt(self, session: Session) -> None:
        """A rebuild replaces every input: the old ones are closed, the new ones are watched."""
        panel = day3.RepurposePanel(session)
        old = panel.table.rows[0].widgets["logistics"]
        for _ in range(3):
            panel.rebuild()
        assert old.comm is None  # closed: the page no longer holds a model for it
        fresh = panel.table.rows[0].widgets["logistics"]
        assert fresh is not old and fresh.comm is not None
        fresh.value = "10"
        assert "60.1 hours" in repr(panel)

    def test_more_minutes_than_the_meeting_has_is_refused(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
        panel = day3.RepurposePanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["logistics"].value = "25"  # leaves nothing for the second move
        assert "cannot be re-purposed twice" in panel.problems.value
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "re-purposed twice" in panel.table.row_error(1)
        assert revision(session, "plan.yaml") == before

    def test_an_idea_becomes_a_move_and_is_saved(
        self,
        session: Session,
        saved: Callable[..., Any],
        new_team: Callable[..., Any],
        restarted: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        meetings_panel = day3.MeetingsPanel(session)
        fill_meeting(
            meetings_panel,
            name="Staff meeting",
            type="staff",
            headcount="30",
            minutes="60",
            logistics="30",
            goal="0",
            other_instructional="30",
        )
        meetings_panel.save_button.click()
        panel = day3.RepurposePanel(session)
        panel.example.value = 0  # announcements go into a weekly email
        panel.example_meeting.value = panel.example_meeting.options[0][1]
        panel.add_idea_button.click()
        assert panel.table.values()[0]["logistics"] == "30"
        assert "18.5 hours a year to the goal" in repr(panel)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        moves = saved(session, "plan.yaml")["moves"]
        assert isinstance(moves, list) and moves[0]["take"]["logistics"] == 30
        assert "18.5 hours" in repr(day3.RepurposePanel(restarted(session)))


class TestRemovedMeetings:
    def test_moves_for_a_removed_meeting_are_explained_not_crashed(self, session: Session) -> None:
        meetings_panel = day3.MeetingsPanel(session)
        meetings_panel.choice.value = "pd-days"
        meetings_panel.remove_button.click()
        panel = day3.RepurposePanel(session)
        assert panel.messages.kind != "error", panel.messages.text
        assert "no longer among your meetings" in panel.problems.value
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "no longer among your meetings" in panel.table.row_error(8)
        plan = day3.TeamPlanPanel(session)
        assert "1 open point" in repr(plan)  # the move is listed as a point to fix
