"""The facilitator's overview: every team in the workspace, how far it has got, and what is wrong.

Read-only: it never saves a team's files. A damaged file shows as a problem on its team's row,
and the other teams are still shown.
"""

from __future__ import annotations

from typing import Any

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
from workshop_kit.errors import WorkshopError
from workshop_kit.exports.spreadsheet import csv_bytes
from workshop_kit.logic.progress import MILESTONES, TeamProgress, day1_progress, unreadable
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook

OVERVIEW_FILE = "teams_overview.csv"


def read_progress(book: TeamWorkbook) -> TeamProgress:
    config = load_day1(book.workspace.root)
    try:
        return day1_progress(book.slug, book.load(Team), book.load(GoalWork), config)
    except WorkshopError as exc:
        return unreadable(book.slug, exc.message)


class OverviewPanel(Panel):
    """A table and a chart of every team's Day 1 milestones, refreshed on demand."""

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
        complete = sum(1 for r in self.rows if r.share_done == 1)
        return f"{len(self.rows)} teams, {complete} with Day 1 complete"

    def refresh(self) -> None:
        ws = self.session.workspace
        self.rows = []
        for slug in ws.team_slugs():
            try:
                self.rows.append(read_progress(TeamWorkbook(ws, slug)))
            except Exception as exc:  # one broken team must not hide the others
                report_unexpected(self.messages, exc)
                self.rows.append(unreadable(slug, "could not be read"))
        head = "".join(f"<th>{esc(label)}</th>" for _, label in MILESTONES)
        body = []
        for row in self.rows:
            cells = "".join(
                f"<td class='{'wk-done' if row.done.get(key) else 'wk-open'}'>"
                f"{'✓' if row.done.get(key) else '·'} {esc(row.detail.get(key, ''))}</td>"
                for key, _ in MILESTONES
            )
            problems = "<br>".join(esc(p) for p in row.problems)
            body.append(
                f"<tr><td><b>{esc(row.name)}</b><br><small>{esc(row.slug)}</small></td>{cells}"
                f"<td class='wk-problems'>{problems}</td></tr>"
            )
        self.table.value = (
            "<table class='wk-overview-table'><tr><th>Team</th>"
            + head
            + "<th>Problems</th></tr>"
            + "".join(body)
            + "</table>"
        )
        self.chart.show(progress_chart(self.rows))

    @guarded(lambda self: self.messages)
    def export(self) -> None:
        columns = ["team", "folder", *[label for _, label in MILESTONES], "problems"]
        rows = [
            {
                "team": r.name,
                "folder": r.slug,
                **{label: r.detail.get(key, "") for key, label in MILESTONES},
                "problems": "; ".join(r.problems),
            }
            for r in self.rows
        ]
        path = self.session.workspace.root / OVERVIEW_FILE
        from workshop_kit.store import atomic_write

        atomic_write(path, csv_bytes(rows, columns))
        self.messages.ok(f"Saved the overview of {len(rows)} teams as {path}.")


@notebook_call
def overview() -> None:
    from IPython.display import display

    display(OverviewPanel())
