"""Which team a notebook (one kernel) is working on, shared by every panel on the page.

Panels subscribe with :meth:`Session.on_switch` and rebuild themselves from the team's files when the
team changes, so picking another workbook at the top of a notebook updates everything below it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from workshop_kit.model.base import Document
from workshop_kit.store import TeamWorkbook, Workspace

TEAM_ENV = "WORKSHOP_KIT_TEAM"

Listener = Callable[[TeamWorkbook], None]
SavedListener = Callable[[type[Document], object], None]


class Session:
    def __init__(self, workspace: Workspace, team: TeamWorkbook) -> None:
        self.workspace = workspace
        self.team = team
        self._listeners: list[Listener] = []
        self._saved_listeners: list[SavedListener] = []

    @classmethod
    def start(cls, workspace: Path | None = None, team: str | None = None) -> Session:
        """The demo team unless ``team`` or ``$WORKSHOP_KIT_TEAM`` names another workbook."""
        ws = Workspace.default(workspace)
        demo = ws.ensure_demo()
        name = team or os.environ.get(TEAM_ENV)
        return cls(ws, ws.open_team(name) if name else demo)

    def on_switch(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def on_saved(self, listener: SavedListener) -> None:
        """``listener(kind, source)`` runs after any panel saved a document of ``kind``."""
        self._saved_listeners.append(listener)

    def notify_saved(self, kind: type[Document], source: object) -> None:
        for listener in list(self._saved_listeners):
            listener(kind, source)

    def switch(self, team: TeamWorkbook) -> None:
        self.team = team
        for listener in list(self._listeners):
            listener(team)


_current: Session | None = None


def current_session() -> Session:
    """The session of this kernel, started on first use."""
    global _current
    if _current is None:
        _current = Session.start()
    return _current


def reset_session(session: Session | None = None) -> None:
    """Forget (or replace) this kernel's session; tests use it to start clean."""
    global _current
    _current = session
