"""The facilitator's overview: every team in the workspace, how far it has got, and what is wrong.

Read-only: it never saves a team's files. A damaged file shows as a problem on its team's row,
and the other teams are still shown.
"""

from __future__ import annotations

from typing import Any, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.common import (
    Chart,
    Panel,
    esc,
    guarded,
    notebook_call,
    on_click,
    report_unexpected,
)
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
    team_progress,
    unreadable,
)
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, atomic_write

OVERVIEW_FILE = "teams_overview.csv"


def load_configs(book: TeamWorkbook) -> Configs:
    root = book.workspace.root
    return Configs(load_day1(root), load_day2(root), load_day3(root))


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
        read(Team), read(GoalWork), read(ResourceInventory), read(MeetingTime), read(TeamPlan)
    )
    return team_progress(book.slug, docs, configs, problems)


class OverviewPanel(Panel):
    """A table and a chart of every team's milestones on the three days, refreshed on demand."""

    def __init__(self, session: Session | None = None, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-overview")
        self.rows: list[TeamProgress] = []
        self.refresh_button = widgets.Button(description="Refresh", icon="refresh")
        self.refresh_button.add_class("wk-refresh-overview")
        self.export_button = widgets.Button(description="Save as CSV", icon="download")
        self.export_button.add_class("wk-export-overview")
        self.table = widgets.HTML()
        self.chart = Chart()
        on_click(self.refresh_button, self.rebuild)
        on_click(self.export_button, self.export)
        self.layout_children(
            widgets.HBox([self.refresh_button, self.export_button]), self.table, self.chart
        )
        self.rebuild()

    def status(self) -> str:
        complete = ", ".join(
            f"Day {day}: {sum(1 for r in self.rows if r.day_complete(day))}" for day in DAYS
        )
        teams = f"{len(self.rows)} team{'' if len(self.rows) == 1 else 's'}"
        return f"{teams}; complete on {complete}"

    def refresh(self) -> None:
        ws = self.session.workspace
        self.rows = []
        configs: Configs | None = None
        for slug in ws.team_slugs():
            try:
                book = TeamWorkbook(ws, slug)
                configs = configs or load_configs(book)
                self.rows.append(read_progress(book, configs))
            except Exception as exc:  # one broken team must not hide the others
                report_unexpected(self.messages, exc)
                self.rows.append(unreadable(slug, "could not be read"))
        days = "".join(
            f"<th colspan='{sum(1 for m in MILESTONES if m.day == day)}' class='wk-day'>"
            f"Day {day}</th>"
            for day in DAYS
        )
        head = "".join(f"<th>{esc(m.label)}</th>" for m in MILESTONES)
        body = []
        for row in self.rows:
            cells = "".join(
                f"<td class='{'wk-done' if row.done.get(m.key) else 'wk-open'}'>"
                f"{'✓' if row.done.get(m.key) else '·'} {esc(row.detail.get(m.key, ''))}</td>"
                for m in MILESTONES
            )
            problems = "<br>".join(esc(p) for p in row.problems)
            body.append(
                f"<tr><td><b>{esc(row.name)}</b><br><small>{esc(row.slug)}</small></td>{cells}"
                f"<td class='wk-problems'>{problems}</td></tr>"
            )
        self.table.value = (
            "<table class='wk-overview-table'><tr><th></th>"
            + days
            + "<th></th></tr><tr><th>Team</th>"
            + head
            + "<th>Problems</th></tr>"
            + "".join(body)
            + "</table>"
        )
        self.chart.show(progress_chart(self.rows))

    @guarded(lambda self: self.messages)
    def export(self) -> None:
        columns = ["team", "folder", *[m.label for m in MILESTONES], "problems"]
        rows = [
            {
                "team": r.name,
                "folder": r.slug,
                **{m.label: r.detail.get(m.key, "") for m in MILESTONES},
                "problems": "; ".join(r.problems),
            }
            for r in self.rows
        ]
        path = self.session.workspace.root / OVERVIEW_FILE
        atomic_write(path, csv_bytes(rows, columns))
        self.messages.ok(f"Saved the overview of {len(rows)} teams as {path}.")


@notebook_call
def overview() -> None:
    from IPython.display import display

    display(OverviewPanel())
