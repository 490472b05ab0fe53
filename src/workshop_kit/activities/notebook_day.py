"""The calls a day's notebook makes (``day3.meetings()``, ``day3.workbook()``): each prints an
activity's worksheet text around its panel, built for the page's session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.activities.versions import VersionsPanel
from workshop_kit.config.common import DayPlan
from workshop_kit.model.base import Document
from workshop_kit.session import Session, current_session
from workshop_kit.ui.guard import notebook_call
from workshop_kit.ui.output import show
from workshop_kit.ui.placeholders import ClosedActivity, when_team_chosen
from workshop_kit.ui.worksheet import show_activity, show_opening

C = TypeVar("C", bound=DayPlan)


class NotebookDay(Generic[C]):
    """The calls a day's notebook makes (``day3.meetings()``): each resolves this kernel's
    session, the one place that does, and hands it to the panel it builds, so the route from a
    cell to the team's files is passed as parameters from there on. ``kinds`` are the team files
    the day edits, offered by ``versions()``."""

    def __init__(self, load_config: Callable[[Path], C], kinds: tuple[type[Document], ...]) -> None:
        self.load_config = load_config
        self.kinds = kinds

    def config(self, session: Session) -> C:
        return self.load_config(session.workspace.root)

    def activity(
        self,
        activity_id: str,
        make_panel: Callable[[Session], widgets.Widget],
        needs_team: bool = True,
    ) -> Callable[[], None]:
        """A notebook call that prints an activity's worksheet text around its panel (built once
        the page has a team, when it ``needs_team``)."""

        @notebook_call
        def call() -> None:
            session = current_session()
            session.watch()
            plan = self.config(session)
            panel = (
                ClosedActivity(session, plan.activity(activity_id), make_panel)
                if needs_team
                else make_panel(session)
            )
            show_activity(plan, activity_id, panel)

        call.__name__ = call.__qualname__ = activity_id
        call.__doc__ = f"Show the ‘{activity_id}’ activity with its panel."
        return call

    def opening(self) -> None:
        """What the team will do, learn and need today, with the time plan."""
        notebook_call(lambda: show_opening(self.config(current_session())))()

    def workbook(self) -> None:
        """Choose or create the team's workbook."""
        self.activity("workbook", TeamPicker, needs_team=False)()

    def versions(self) -> None:
        """Offer earlier versions of the day's files (no time box: used only when needed)."""
        notebook_call(
            lambda: show(
                when_team_chosen(
                    current_session(), lambda session: VersionsPanel(self.kinds, session)
                )
            )
        )()
