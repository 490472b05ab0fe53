"""Which team a notebook (one kernel) is working on, shared by every panel on the page.

Panels attach themselves to the session. When the team changes (the picker at the top of a
notebook), every attached panel rebuilds from the new team's files; when one panel saves, the
others hear of it, so that derived views (a ranking, a summary) stay current.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Protocol

from workshop_kit.model.base import Document
from workshop_kit.store import TeamWorkbook, Workspace

TEAM_ENV = "WORKSHOP_KIT_TEAM"


class View(Protocol):
    """What the session needs of a panel (the widget layer implements it)."""

    kinds: tuple[type[Document], ...]

    def rebuild(self) -> None: ...

    def document_saved(self, kind: type[Document]) -> None: ...


class Session:
    def __init__(self, workspace: Workspace, team: TeamWorkbook) -> None:
        self.workspace = workspace
        self.team = team
        #: who is at this device, as they chose it (saves note it; "" when not said)
        self.member = ""
        # weak: a panel from a cell that was run again should not be kept alive by the session
        self._views: weakref.WeakSet[View] = weakref.WeakSet()

    @classmethod
    def start(cls, workspace: Path | None = None, team: str | None = None) -> Session:
        """The demo team unless ``team`` or ``$WORKSHOP_KIT_TEAM`` names another workbook."""
        ws = Workspace.default(workspace)
        demo = ws.ensure_demo()
        name = team or os.environ.get(TEAM_ENV)
        return cls(ws, ws.open_team(name) if name else demo)

    def attach(self, view: View) -> None:
        self._views.add(view)

    def _others(self, source: object) -> list[View]:
        return [v for v in list(self._views) if v is not source]

    def switch(self, team: TeamWorkbook) -> None:
        self.team = team
        for view in self._others(None):
            view.rebuild()

    def notify_saved(self, kind: type[Document], source: object) -> None:
        """``source`` saved ``kind``: the other views may update what they derive from it."""
        for view in self._others(source):
            view.document_saved(kind)

    def notify_restored(self, kind: type[Document]) -> None:
        """An earlier version of ``kind`` became current: every view editing it rebuilds."""
        for view in self._others(None):
            if kind in view.kinds:
                view.rebuild()


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
