"""Where a panel will be until it is built: :class:`ClosedActivity` until a person opens it,
:class:`WaitingForTeam` until the page has a team (:func:`when_team_chosen`)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from workshop_kit.config.common import Activity
from workshop_kit.errors import WorkshopError
from workshop_kit.model.base import Document
from workshop_kit.session import Session
from workshop_kit.ui.guard import report_unexpected
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import on_click


class ClosedActivity(widgets.VBox):
    """An activity's place on the page until a person opens it, so a page draws only the panels
    that are used: a day page opens in the time of its headings, and each panel is built from
    the team's files when its button is pressed (a Day 3 page held about 700 widgets)."""

    def __init__(
        self,
        session: Session,
        activity: Activity,
        make_panel: Callable[[Session], widgets.Widget],
    ) -> None:
        super().__init__()
        self.add_class("wk-closed-activity")
        self.session = session
        self.activity = activity
        self.make_panel = make_panel
        self.panel: widgets.Widget | None = None
        self.messages: Messages | None = None  # made only for a problem: fewer widgets to draw
        self.button = widgets.Button(
            description="Open this activity",
            icon="folder-open",
            button_style="primary",
            tooltip=f"Open this activity: {activity.title}",
            layout={"width": "auto"},
        )
        self.button.add_class("wk-open-activity")
        self.button.add_class(f"wk-open-{activity.id}")
        on_click(self.button, self.open_panel)
        self.children = [self.button]

    def open_panel(self) -> None:
        """Build the panel in the button's place (the button says so while it is built)."""
        if self.panel is not None:
            return
        self.button.disabled = True
        self.button.description = "Opening…"
        try:
            self.panel = when_team_chosen(self.session, self.make_panel)
        except Exception as exc:
            self.messages = self.messages or Messages()
            if isinstance(exc, WorkshopError):
                self.messages.error(exc.message)
            else:
                report_unexpected(self.messages, exc)
            self.button.disabled = False
            self.button.description = "Open this activity"
            self.children = [self.button, self.messages]
            return
        self.children = [self.panel]

    def __repr__(self) -> str:
        """The text/plain output strict nbval compares: what is shown, stable across runs."""
        if self.panel is not None:
            return repr(self.panel)
        return f"<activity ‘{self.activity.id}’: opens when asked>"


class WaitingForTeam(widgets.VBox):
    """Where a panel will be, on an app page opened without a team: it says to choose one, and
    builds the panel as soon as the person has (the session tells it, as it tells panels)."""

    kinds: tuple[type[Document], ...] = ()

    def __init__(self, session: Session, make_panel: Callable[[Session], widgets.Widget]) -> None:
        super().__init__()
        self.add_class("wk-waiting-for-team")
        self.session = session
        self.make_panel = make_panel
        self.built: widgets.Widget | None = None
        self.children = [
            widgets.HTML(
                '<p class="wk-choose-team-first">This activity opens once you have chosen your '
                "team's workbook at the top of the page.</p>"
            )
        ]
        session.attach(self)

    def rebuild(self) -> None:
        if self.built is None and self.session.chosen is not None:
            self.built = self.make_panel(self.session)
            self.children = [self.built]

    def document_saved(self, kind: type[Document]) -> None:
        """The panel, once built, hears of saves itself."""

    def saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """The panel, once built, hears of saves itself."""

    def member_chosen(self) -> None:
        """The panel, once built, hears of it itself."""

    def file_saved_elsewhere(self, name: str) -> None:
        """The panel, once built, hears of saves itself."""


def when_team_chosen(
    session: Session, make_panel: Callable[[Session], widgets.Widget]
) -> widgets.Widget:
    """The panel, or (no team chosen on this page yet) a place that builds it once one is."""
    if session.chosen is not None:
        return make_panel(session)
    return WaitingForTeam(session, make_panel)
