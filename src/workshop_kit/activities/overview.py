"""The facilitator's overview: every team in the workspace, how far it has got, and what is wrong.

Read-only: it never saves a team's files. A damaged file shows as a problem on its team's row,
and the other teams are still shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import ipywidgets as widgets

from workshop_kit.charts.overview import progress_chart
from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.errors import WorkshopError
from workshop_kit.exports.spreadsheet import csv_bytes
from workshop_kit.logic.progress import (
    DAYS,
    MILESTONES,
    Configs,
    TeamDocuments,
    TeamProgress,
    milestones_on,
    team_progress,
    unreadable,
)
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.session import current_session
from workshop_kit.store import TeamWorkbook, atomic_write
from workshop_kit.ui.chart import Chart
from workshop_kit.ui.guard import guarded, notebook_call, report_unexpected
from workshop_kit.ui.html import esc
from workshop_kit.ui.output import show
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import button

OVERVIEW_FILE = "teams_overview.csv"


def load_configs(workspace_root: Path) -> Configs:
    """The three days' configurations in use (the facilitator's copies when there are any)."""
    return Configs(load_day1(workspace_root), load_day2(workspace_root), load_day3(workspace_root))


D = TypeVar("D", bound=Document)


def read_progress(book: TeamWorkbook, configs: Configs) -> TeamProgress:
    """A team's row; a damaged file is named in the row and hides only what depends on it."""
    problems: list[str] = []

    def read(kind: type[D]) -> D | None:
        try:
            return book.load(kind)
        except WorkshopError as exc:
            problems.append(exc.message)
            return None

    docs = TeamDocuments(
        read(Team),
        read(GoalWork),
        read(ResourceInventory),
        read(MeetingTime),
        read(TeamPlan),
        read(YearProgress),
    )
    return team_progress(book.slug, docs, configs, problems)


_CELL = "padding:3px 6px;border:1px solid #d0d7de;vertical-align:top"
_DONE = f"{_CELL};background:#e6f4ea"
_OPEN = f"{_CELL};color:#57606a"
_PROBLEM = f"{_CELL};color:#8a1c1c;min-width:140px;overflow-wrap:anywhere"


def overview_table_html(rows: list[TeamProgress]) -> str:
    """One row per team, one column per milestone grouped by day; reached milestones are green.
    A team that has come back through the year gets a line under its row saying where it stands
    at its latest check (a line, not a column, so the table stays as wide as the page).
    Styles are inline so the table reads the same in JupyterLab, the app and a saved page."""
    days = "".join(
        f"<th colspan='{len(milestones_on(day))}' class='wk-day' "
        f"style='{_CELL};text-align:center'>Day {day}</th>"
        for day in DAYS
    )
    head = "".join(f"<th style='{_CELL}'>{esc(m.label)}</th>" for m in MILESTONES)
    body = []
    for row in rows:
        cells = "".join(
            f"<td class='{'wk-done' if row.done.get(m.key) else 'wk-open'}' "
            f"style='{_DONE if row.done.get(m.key) else _OPEN}'>"
            f"{'✓' if row.done.get(m.key) else '·'} {esc(row.detail.get(m.key, ''))}</td>"
            for m in MILESTONES
        )
        problems = "<br>".join(esc(p) for p in row.problems)
        span = " rowspan='2'" if row.year else ""
        body.append(
            f"<tr><td style='{_CELL}'{span}><b>{esc(row.name)}</b><br>"
            f"<small>{esc(row.slug)}</small></td>{cells}"
            f"<td class='wk-problems' style='{_PROBLEM}'{span}>{problems}</td></tr>"
        )
        if row.year:
            body.append(
                f"<tr><td class='wk-year' colspan='{len(MILESTONES)}' style='{_CELL}'>"
                f"<b>Through the year, latest check:</b> {esc(row.year)}</td></tr>"
            )
    return (
        "<table class='wk-overview-table' style='border-collapse:collapse;font-size:12.5px;"
        f"line-height:1.35'><tr><th style='{_CELL}'></th>{days}<th style='{_CELL}'></th></tr>"
        f"<tr><th style='{_CELL}'>Team</th>{head}<th style='{_CELL}'>Problems</th></tr>"
        + "".join(body)
        + "</table>"
    )


class OverviewPanel(Panel):
    """A table and a chart of every team's milestones on the three days, refreshed on demand."""

    def build(self) -> list[widgets.Widget]:
        self.rows: list[TeamProgress] = []
        self.refresh_button = button("wk-refresh-overview", self.rebuild, "Refresh", "refresh")
        self.export_button = button("wk-export-overview", self.export, "Save as CSV", "download")
        self.table = widgets.HTML()
        self.chart = Chart()
        return [widgets.HBox([self.refresh_button, self.export_button]), self.table, self.chart]

    def status(self) -> str:
        complete = ", ".join(
            f"Day {day}: {sum(1 for r in self.rows if r.day_complete(day))}" for day in DAYS
        )
        teams = f"{len(self.rows)} team{'' if len(self.rows) == 1 else 's'}"
        return f"{teams}; complete on {complete}"

    def refresh(self) -> None:
        ws = self.session.workspace
        self.rows = []
        configs = load_configs(ws.root)  # a broken config is a message on the panel, not per team
        for slug in ws.team_slugs():
            try:
                self.rows.append(read_progress(TeamWorkbook(ws, slug), configs))
            except Exception as exc:  # one broken team must not hide the others
                report_unexpected(self.messages, exc)
                self.rows.append(unreadable(slug, "could not be read"))
        self.table.value = overview_table_html(self.rows)
        self.chart.show(progress_chart(self.rows))

    @guarded(lambda self: self.messages)
    def export(self) -> None:
        columns = ["team", "folder", *[m.label for m in MILESTONES], "latest check", "problems"]
        rows = [
            {
                "team": r.name,
                "folder": r.slug,
                **{m.label: r.detail.get(m.key, "") for m in MILESTONES},
                "latest check": r.year,
                "problems": "; ".join(r.problems),
            }
            for r in self.rows
        ]
        path = self.session.workspace.root / OVERVIEW_FILE
        atomic_write(path, csv_bytes(rows, columns))
        self.messages.ok(f"Saved the overview of {len(rows)} teams as {path}.")


@notebook_call
def overview() -> None:
    show(OverviewPanel(current_session()))
