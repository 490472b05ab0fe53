"""Through the year: the team comes back to record, read its run charts and report.

Each notebook cell calls one function here (``year.measures()``), which prints the activity's
worksheet text from the facilitator config and shows its panel. What the team records is saved in
``progress.yaml``; the goal, the plan and the school year are read from the institute's files.
"""

from __future__ import annotations

import gc

from workshop_kit.activities.notebook_day import NotebookDay
from workshop_kit.activities.year.base import YearPanel
from workshop_kit.activities.year.measures import MeasuresPanel
from workshop_kit.activities.year.meetings import IltMeetingsPanel
from workshop_kit.activities.year.pdsa import PdsaPanel
from workshop_kit.activities.year.report import ProgressReportPanel
from workshop_kit.activities.year.steps import StepsPanel
from workshop_kit.activities.year.team_check import TeamCheckPanel
from workshop_kit.config.year import load_year
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress

__all__ = [
    "IltMeetingsPanel",
    "MeasuresPanel",
    "PdsaPanel",
    "ProgressReportPanel",
    "StepsPanel",
    "TeamCheckPanel",
    "YearPanel",
]

# What the imports above left on the heap (matplotlib, pandas, ipywidgets: hundreds of thousands
# of objects) lives as long as the kernel. Moving it out of the collector's generations keeps the
# full collections that drawing charts triggers short: with 4 criteria x 40 points, recording a
# value went from a p95 of ~125-155 ms to ~90 ms here (benchmarks/bench_year.py). No collection
# first: it found 5 unreachable objects here and cost 80 ms of every page's first cell.
gc.freeze()

_day = NotebookDay(load_year, (YearProgress, TeamPlan))
config_for = _day.config
opening, workbook, versions = _day.opening, _day.workbook, _day.versions
measures = _day.activity("measures", MeasuresPanel)
steps = _day.activity("steps", StepsPanel)
pdsa = _day.activity("pdsa", PdsaPanel)
ilt_meetings = _day.activity("ilt_meetings", IltMeetingsPanel)
team_check = _day.activity("team_check", TeamCheckPanel)
report = _day.activity("report", ProgressReportPanel)
