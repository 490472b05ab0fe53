"""Typed, validated data for everything a team decides. No I/O, no widgets."""

from __future__ import annotations

from workshop_kit.model.base import Document


def document_kinds() -> list[type[Document]]:
    """Every kind of file in a team's workbook, in the order of the days and the year (checks)."""
    from workshop_kit.model.goal import GoalWork
    from workshop_kit.model.meetings import MeetingTime
    from workshop_kit.model.plan import TeamPlan
    from workshop_kit.model.progress import YearProgress
    from workshop_kit.model.resources import ResourceInventory
    from workshop_kit.model.team import Team

    return [Team, GoalWork, ResourceInventory, MeetingTime, TeamPlan, YearProgress]
