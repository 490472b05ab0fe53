"""The base of every through-the-year panel, and what those panels share."""

from __future__ import annotations

import base64
import datetime as dt

from matplotlib.figure import Figure

from workshop_kit.charts import to_svg
from workshop_kit.charts.run_chart import run_chart
from workshop_kit.config.year import YearConfig, load_year
from workshop_kit.exports.team_documents import year_start
from workshop_kit.logic.year import CriterionProgress, all_progress
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.ui.day_panels import DayPanel
from workshop_kit.ui.html import esc

LABEL = {"description_width": "150px"}


class YearPanel(DayPanel[YearConfig]):
    """Shared by the through-the-year panels: the config, the year's start, the measures."""

    load_config = staticmethod(load_year)

    def year_start(self) -> dt.date:
        """Where the path to each target starts: the first day of the team's school year (or of
        the Day 3 default year, if the team never entered its own)."""
        return year_start(self.load(MeetingTime), self.team)

    def criteria_progress(self) -> list[CriterionProgress]:
        return all_progress(
            self.load(GoalWork), self.load(YearProgress), self.load(TeamPlan), self.year_start()
        )


def figure_html(fig: Figure, alt: str, css: str) -> str:
    """A chart as an image with its text alternative."""
    svg = base64.b64encode(to_svg(fig)).decode("ascii")
    return (
        f'<img class="{esc(css)}" src="data:image/svg+xml;base64,{svg}" alt="{esc(alt)}" '
        'style="max-width:780px;width:100%">'
    )


def run_chart_html(item: CriterionProgress) -> str:
    """The run chart as an image with its text alternative, and the on-track statement under
    it in words (never colour alone)."""
    svg = base64.b64encode(to_svg(run_chart(item))).decode("ascii")
    return (
        f'<figure class="wk-run-chart" data-criterion="{esc(item.criterion.id)}" '
        'style="margin:0 0 12px 0">'
        f'<img src="data:image/svg+xml;base64,{svg}" alt="{esc(item.description())}" '
        'style="max-width:780px;width:100%">'
        f'<figcaption class="wk-on-track wk-{item.track.standing.replace("_", "-")}">'
        f"<b>{esc(item.track.text)}</b> {esc(item.runs.signal_text())}</figcaption></figure>"
    )
