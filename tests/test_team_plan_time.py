"""The team plan's figures agree with each other: cycle time is the goal's share of the
sessions (as re-purposed), and "how the plan fits together" uses the Day 2 links too."""

from __future__ import annotations

from workshop_kit.config.day3 import load_day3
from workshop_kit.exports.team_plan import summary_for
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.meetings import Purpose
from workshop_kit.store import Workspace


def demo(workspace: Workspace) -> TeamPlanSummary:
    return summary_for(workspace.ensure_demo(), load_day3())


class TestCycleTime:
    def test_cycle_time_counts_only_the_minutes_given_to_the_goal(
        self, workspace: Workspace
    ) -> None:
        s = demo(workspace)
        for placed in s.cycles:
            goal = sum(
                s.what_if.purposes_at(
                    x.meeting_id, s.ledger.line(x.meeting_id).dates.index(x.date)
                )[  # type: ignore[union-attr]
                    Purpose.GOAL
                ]
                for x in placed.sessions
            )
            whole = sum(s.ledger.line(x.meeting_id).meeting.minutes for x in placed.sessions)  # type: ignore[union-attr]
            assert s.cycle_hours(placed) == goal / 60
            assert goal < whole, placed.cycle.name  # the demo's sessions are not all goal time

    def test_cycle_time_fits_within_the_goal_time_of_the_plan(self, workspace: Workspace) -> None:
        """The sessions of all cycles, each counted once, hold no more goal time than the
        re-purposing plan gives the goal in all (time there before plus time re-purposed)."""
        s = demo(workspace)
        seen = {(x.date, x.meeting_id) for p in s.cycles for x in p.sessions}
        assert len(seen) == sum(len(p.sessions) for p in s.cycles)  # no session in two cycles
        total = sum(s.cycle_hours(p) for p in s.cycles)
        assert 0 < total <= s.what_if.after[Purpose.GOAL] / 60


class TestHowThePlanFitsTogether:
    def test_resources_linked_on_day_2_are_listed(self, workspace: Workspace) -> None:
        s = demo(workspace)
        for link in s.links():
            day2 = [
                r.name for r in s.inventory.resources if link.criterion.id in r.success_criteria
            ]
            assert day2, link.criterion.id
            assert set(day2) <= set(link.resources), link.criterion.id
        assert len({r.id for r in s.inventory.resources if r.success_criteria}) > 0
