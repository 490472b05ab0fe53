"""Which team a page is working on, shared by every panel on the page.

In JupyterLab a notebook is a kernel, and the kernel's one session is found with
:func:`current_session`. On an app page served with many others from one process (Solara), the
page hands its own session down while it builds its panels (:func:`using_session`), and a
lookup without one is refused rather than answered with a session every page would share.

Panels attach themselves to the session. When the team changes (the picker at the top of a
notebook), every attached panel rebuilds from the new team's files; when one panel saves, the
others hear of it, so that derived views (a ranking, a summary) stay current.
"""

from __future__ import annotations

import asyncio
import logging
import os
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs

from workshop_kit.error_log import log_errors_to_workspace
from workshop_kit.errors import TeamNotFoundError, WorkshopError
from workshop_kit.model.base import Document
from workshop_kit.store import FACILITATOR_AUTHOR, TeamWorkbook, Workspace

TEAM_ENV = "WORKSHOP_KIT_TEAM"
WATCH_SECONDS = 2.0  # how often an open page looks for saves made on other devices
log = logging.getLogger("workshop_kit")


@dataclass(frozen=True)
class PageAddress:
    """What an app page's address says: ``?team=lincoln-ilt&member=Ana%20Ruiz``. Both are only
    names; the team is opened through the store's safe-name rules like any typed name."""

    team: str = ""
    member: str = ""

    @classmethod
    def parse(cls, query: str) -> PageAddress:
        values = parse_qs(query.lstrip("?"), max_num_fields=10)

        def first(key: str) -> str:
            found = values.get(key, [""])[0]
            return " ".join("".join(ch for ch in found if ch.isprintable()).split())[:80]

        return cls(first("team"), first("member"))


class NoTeamChosenError(WorkshopError):
    """A panel asked for the team before the person chose one on this page."""


class View(Protocol):
    """What the session needs of a panel (the widget layer implements it)."""

    kinds: tuple[type[Document], ...]

    def rebuild(self) -> None: ...

    def document_saved(self, kind: type[Document]) -> None: ...

    def saved_elsewhere(self, kind: type[Document], author: str) -> None: ...

    def member_chosen(self) -> None: ...

    def file_saved_elsewhere(self, name: str) -> None: ...


class Session:
    def __init__(
        self, workspace: Workspace, team: TeamWorkbook | None, address_problem: str = ""
    ) -> None:
        self.workspace = workspace
        self.chosen: TeamWorkbook | None = team
        #: a plain message about the team the page address named, when it could not be opened
        self.address_problem = address_problem
        self._member = ""  # see :attr:`member`
        #: the teams this page may open (None: any team in the workspace). The pages server
        #: sets it from the join codes the browser holds (``pages/access.py``)
        self.allowed: frozenset[str] | None = None
        #: the device holds the facilitator's code: what it saves in a team's workbook is noted
        #: so in the team's history, whoever is chosen under "I am" (``TeamWorkbook.update``)
        self.facilitator = False
        # weak: a panel from a cell that was run again should not be kept alive by the session
        self._views: weakref.WeakSet[View] = weakref.WeakSet()
        self._watching = False

    @property
    def member(self) -> str:
        """Who is at this device, as they chose it under "I am" ("" when not said): saves note
        it, and private ratings are rated only as this member."""
        return self._member

    @member.setter
    def member(self, member: str) -> None:
        """Another member at the device: the views that depend on it (the ratings) hear of it."""
        if member == self._member:
            return
        self._member = member
        for view in self._others(None):
            view.member_chosen()

    @property
    def author(self) -> str:
        """Who a save is noted as: the member chosen under "I am"; on the facilitator's device
        with no member chosen, the facilitator ("" otherwise)."""
        return self._member or (FACILITATOR_AUTHOR if self.facilitator else "")

    @property
    def team(self) -> TeamWorkbook:
        """The team this page works on; panels are only built once one is chosen."""
        if self.chosen is None:
            raise NoTeamChosenError("Choose your team's workbook at the top of the page first.")
        return self.chosen

    @team.setter
    def team(self, team: TeamWorkbook) -> None:
        self.chosen = team

    @classmethod
    def start(
        cls,
        workspace: Path | None = None,
        team: str | None = None,
        query: str | None = None,
        app_page: bool = False,
    ) -> Session:
        """The team named by ``team``, the page address (``?team=lincoln-ilt`` in app mode),
        or ``$WORKSHOP_KIT_TEAM``. Without one, JupyterLab opens the demo team; an app page
        opens no team until the person chooses one, so nobody types into the demo by mistake.
        ``app_page`` says which of the two this is (the pages say so; a notebook is not one)."""
        ws = Workspace.default(workspace)
        demo = ws.ensure_demo()
        address = PageAddress.parse(query or "")
        name = team or address.team or (None if app_page else os.environ.get(TEAM_ENV))
        if not name:
            session = cls(ws, None if app_page else demo)
        else:
            try:
                session = cls(ws, ws.open_team(name))
            except TeamNotFoundError:
                session = cls(
                    ws,
                    None,
                    f"There is no team called ‘{name.strip()[:80]}’ here: check the page's "
                    "address. Choose your team below.",
                )
            except WorkshopError as exc:
                session = cls(
                    ws,
                    None,
                    f"This page's address names the team ‘{name.strip()[:80]}’, which cannot be "
                    f"opened. {exc.message} Choose your team below.",
                )
        session.member = address.member
        return session

    def may_open(self, slug: str) -> bool:
        return self.allowed is None or slug in self.allowed

    def openable_teams(self) -> list[str]:
        """The teams this page may open that are in the workspace. A page limited to some teams
        looks only for those: it never lists the workspace (on the hub, a team's account cannot,
        and the names there are other teams')."""
        return self.workspace.team_slugs(among=self.allowed)

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

    def check_for_saves_elsewhere(self) -> list[type[Document]]:
        """Tell the views which of the team's files another device saved since this page last
        looked (the live view); gives those kinds."""
        if self.chosen is None:
            return []
        changed = self.chosen.saved_elsewhere()
        for kind, author in changed:
            for view in self._others(None):
                view.saved_elsewhere(kind, author)
        for name in self.chosen.plain_files_saved_elsewhere():
            for view in self._others(None):
                view.file_saved_elsewhere(name)
        return [kind for kind, _ in changed]

    def watch(self, seconds: float = WATCH_SECONDS) -> None:
        """Check for saves made elsewhere every ``seconds`` while the kernel waits for the page
        (on the kernel's own event loop, so widget updates go out as any callback's would). Only
        once per session; does nothing outside a running event loop (plain scripts, tests)."""
        if self._watching:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._watching = True

        def tick() -> None:
            try:
                self.check_for_saves_elsewhere()
            except Exception:  # a watch must never break the page; the next tick tries again
                log.debug("checking for saves made elsewhere failed", exc_info=True)
            loop.call_later(seconds, tick)

        loop.call_later(seconds, tick)

    def notify_restored(self, kind: type[Document]) -> None:
        """An earlier version of ``kind`` became current: every view editing it rebuilds."""
        for view in self._others(None):
            if kind in view.kinds:
                view.rebuild()


_current: Session | None = None
#: the session a page handed down for the calls it makes now (see :func:`using_session`)
_handed: ContextVar[Session | None] = ContextVar("workshop_kit_session", default=None)
_one_page_per_process = True


class NoPageSessionError(WorkshopError):
    """An activity looked up "the" session in a process that serves many pages."""


def current_session() -> Session:
    """The session of this page: the one handed down (:func:`using_session`), or else this
    kernel's, started on first use. In a process serving many pages there is no kernel's
    session to fall back on: the lookup is refused (:func:`serve_many_pages`)."""
    global _current
    handed = _handed.get()
    if handed is not None:
        return handed
    if not _one_page_per_process:
        raise NoPageSessionError(
            "This part of the page was built without its page's session. Please reload the page."
        )
    if _current is None:  # the kernel's start-up: its first page call
        log_errors_to_workspace()
        _current = Session.start()
    return _current


@contextmanager
def using_session(session: Session) -> Iterator[Session]:
    """Within the block (this thread or task only), :func:`current_session` is ``session``:
    how a page served with many others hands its own session to the calls that build it."""
    token = _handed.set(session)
    try:
        yield session
    finally:
        _handed.reset(token)


def serve_many_pages() -> None:
    """Say this process serves many pages (a Solara server): from now on a session is only
    ever handed down, never kept for the whole process."""
    global _one_page_per_process
    _one_page_per_process = False


def reset_session(session: Session | None = None) -> None:
    """Forget (or replace) this kernel's session; tests use it to start clean."""
    global _current
    _current = session
