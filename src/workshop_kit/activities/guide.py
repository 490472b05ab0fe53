"""The facilitator guide's calls (``notebooks/00_facilitator_guide.ipynb``): the institute
agenda built from the workspace's config, the ball game's script, and the agenda as a page to
download and print. A facilitator's edit to ``institute.yaml`` or to a day's time boxes shows
here and in the day notebooks alike."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import ipywidgets as widgets
from IPython.display import HTML

from workshop_kit.config.common import DayPlan
from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.config.institute import InstituteConfig, load_institute
from workshop_kit.errors import ConfigError
from workshop_kit.exports.agenda import agenda_html, agenda_page, ball_game_html
from workshop_kit.logic.institute import AgendaDay, agenda_problems, build_agenda
from workshop_kit.ui.guard import notebook_call
from workshop_kit.ui.output import show

AGENDA_FILE = "institute-agenda.html"


def _plans(workspace: Path | None) -> dict[int, DayPlan]:
    return {1: load_day1(workspace), 2: load_day2(workspace), 3: load_day3(workspace)}


def institute_agenda(workspace: Path | None = None) -> tuple[InstituteConfig, list[AgendaDay]]:
    """The validated institute config and its agenda; a disagreement with the day files is a
    :class:`ConfigError` naming it."""
    institute = load_institute(workspace)
    plans = _plans(workspace)
    problems = agenda_problems(institute, plans)
    if problems:
        raise ConfigError("The institute agenda does not fit the day files: " + " ".join(problems))
    return institute, build_agenda(institute, plans)


class AgendaDownload(widgets.HTML):
    """A link that saves the printable agenda; its text form is stable for strict nbval."""

    def __init__(self, institute: InstituteConfig, days: list[AgendaDay]) -> None:
        page = agenda_page(institute, days, dt.date.today())
        data = base64.b64encode(page.encode("utf-8")).decode("ascii")
        super().__init__(
            value=(
                f'<a class="wk-download" download="{AGENDA_FILE}" '
                f'href="data:text/html;charset=utf-8;base64,{data}">'
                "⬇ Download the agenda and the ball game as a page to print</a>"
            )
        )
        self.add_class("wk-agenda-download")
        self._summary = ", ".join(f"Day {d.day.day} {d.start:%H:%M}–{d.end:%H:%M}" for d in days)

    def __repr__(self) -> str:
        return f"<AgendaDownload: {self._summary}>"


@notebook_call
def agenda() -> None:
    """The three days' run of show, with the materials list."""
    institute, days = institute_agenda()
    show(HTML(agenda_html(institute, days)))


@notebook_call
def ball_game() -> None:
    """The ball game's script: materials, rules, how to run it, debrief, working alone."""
    show(HTML(ball_game_html(load_institute().ball_game)))


@notebook_call
def printable() -> None:
    """The agenda and the ball game as one page to download and print."""
    institute, days = institute_agenda()
    show(AgendaDownload(institute, days))
