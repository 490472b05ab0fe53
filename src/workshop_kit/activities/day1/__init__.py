"""Day 1: workbook, roster, norms, meeting roles, evidence, candidate goals, ratings, goal, summary.

Each notebook cell calls one function here (``day1.roster()``), which prints the activity's
worksheet text from the facilitator config and shows its panel. The panels live in one module
per activity; this module only names the calls and re-exports the panel classes.
"""

from __future__ import annotations

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.activities.day1.candidates import CandidatesPanel
from workshop_kit.activities.day1.evidence import EVIDENCE_FILE, EvidencePanel
from workshop_kit.activities.day1.goal import GoalPanel
from workshop_kit.activities.day1.meeting_roles import MeetingRolesPanel
from workshop_kit.activities.day1.norms import NormsPanel
from workshop_kit.activities.day1.ratings import RatingsPanel
from workshop_kit.activities.day1.roster import RosterPanel
from workshop_kit.activities.day1.summary import SUMMARY_FILE, SummaryPanel
from workshop_kit.activities.notebook_day import NotebookDay
from workshop_kit.config.day1 import load_day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team

__all__ = [
    "EVIDENCE_FILE",
    "SUMMARY_FILE",
    "CandidatesPanel",
    "Day1Panel",
    "EvidencePanel",
    "GoalPanel",
    "MeetingRolesPanel",
    "NormsPanel",
    "RatingsPanel",
    "RosterPanel",
    "SummaryPanel",
    "candidates",
    "evidence",
    "goal",
    "meeting_roles",
    "norms",
    "opening",
    "ratings",
    "roster",
    "summary",
    "versions",
    "workbook",
]

_day = NotebookDay(load_day1, (Team, GoalWork))
opening, workbook, versions = _day.opening, _day.workbook, _day.versions
roster = _day.activity("roster", RosterPanel)
norms = _day.activity("norms", NormsPanel)
meeting_roles = _day.activity("meeting_roles", MeetingRolesPanel)
evidence = _day.activity("evidence", EvidencePanel)
candidates = _day.activity("candidates", CandidatesPanel)
ratings = _day.activity("ratings", RatingsPanel)
goal = _day.activity("goal_statement", GoalPanel)
summary = _day.activity("summary", SummaryPanel)
