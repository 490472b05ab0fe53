"""Day 3: time and a plan. One module per activity; this module holds the notebook calls.

Each notebook cell calls one function here (``day3.ledger()``), which prints the activity's
worksheet text from the facilitator config and shows its panel. Panels are thin: the figures come
from ``logic`` and the pictures from ``charts``; what a team decides is saved through the store in
``meetings.yaml`` and ``plan.yaml``.
"""

from __future__ import annotations

from workshop_kit.activities.day3.actions import ActionPlanPanel
from workshop_kit.activities.day3.agendas import AgendaPanel
from workshop_kit.activities.day3.base import Day3Panel
from workshop_kit.activities.day3.communication import CommunicationPanel
from workshop_kit.activities.day3.cycles import CyclesPanel
from workshop_kit.activities.day3.launch import LaunchPanel
from workshop_kit.activities.day3.ledger import LedgerPanel
from workshop_kit.activities.day3.meetings import MeetingsPanel
from workshop_kit.activities.day3.repurpose import RepurposePanel
from workshop_kit.activities.day3.school_year import SchoolYearPanel
from workshop_kit.activities.day3.team_plan import TeamPlanPanel
from workshop_kit.activities.notebook_day import NotebookDay
from workshop_kit.config.day3 import load_day3
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan

__all__ = [
    "ActionPlanPanel",
    "AgendaPanel",
    "CommunicationPanel",
    "CyclesPanel",
    "Day3Panel",
    "LaunchPanel",
    "LedgerPanel",
    "MeetingsPanel",
    "RepurposePanel",
    "SchoolYearPanel",
    "TeamPlanPanel",
]

_day = NotebookDay(load_day3, (MeetingTime, TeamPlan))
config_for = _day.config  # the day's facilitator config for a session (used by the benchmarks)
opening, workbook, versions = _day.opening, _day.workbook, _day.versions
school_year = _day.activity("school_year", SchoolYearPanel)
meetings = _day.activity("meetings", MeetingsPanel)
ledger = _day.activity("ledger", LedgerPanel)
repurpose = _day.activity("repurpose", RepurposePanel)
cycles = _day.activity("cycles", CyclesPanel)
agendas = _day.activity("agendas", AgendaPanel)
actions = _day.activity("actions", ActionPlanPanel)
communication = _day.activity("communication", CommunicationPanel)
launch = _day.activity("launch", LaunchPanel)
team_plan = _day.activity("team_plan", TeamPlanPanel)
