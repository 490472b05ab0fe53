"""Go back to an earlier version of a team's file: every save is kept (see ``store``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from workshop_kit.model.base import Document
from workshop_kit.session import Session
from workshop_kit.store import Revision
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import button, dropdown


class VersionsPanel(Panel):
    """Lists the kept revisions of the chosen file and restores one as a new revision.

    Restoring never deletes anything: the version being replaced stays in the history too, so a
    restore can itself be undone.
    """

    def __init__(self, kinds: tuple[type[Document], ...], session: Session, **kwargs: Any) -> None:
        self.kinds = kinds  # build() lists them
        super().__init__(session, **kwargs)

    def build(self) -> list[widgets.Widget]:
        self.file = widgets.Dropdown(
            description="Part",
            options=[(k.TITLE, k.FILE_NAME) for k in self.kinds],
            layout={"width": "520px"},
        )
        self.version = dropdown("wk-version-choice", "Version", "520px")
        self.restore_button = button(
            "wk-restore-version", self.restore_chosen, "Restore this version", "undo"
        )
        self.file.observe(lambda _c: self.rebuild(), names="value")
        return [self.file, self.version, self.restore_button]

    @property
    def kind(self) -> type[Document]:
        return next(k for k in self.kinds if self.file.value == k.FILE_NAME)

    def status(self) -> str:
        return f"{len(self.version.options)} versions of {self.file.value}"

    def refresh(self) -> None:
        revisions = self.team.revisions(self.kind)
        self.version.options = [
            (version_label(r, n == 0), r.number) for n, r in enumerate(revisions)
        ]
        self.restore_button.disabled = len(revisions) < 2

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is self.kind:
            self.rebuild()

    @guarded(lambda self: self.messages)
    def restore_chosen(self) -> None:
        number = self.version.value
        if number is None:
            self.messages.error("Choose a version first.")
            return
        kind = self.kind
        self.team.restore(kind, number)
        self.session.notify_restored(kind)
        self.session.notify_saved(kind, self)
        self.rebuild()
        self.messages.ok(
            f"Restored revision {number} of {kind.TITLE}. The panels above show it now."
        )


def version_label(revision: Revision, current: bool) -> str:
    """ "revision 4, saved 08 Dec 2026 09:15 by Ana Ruiz (current)": who saved it is the team's
    record of who changed what, the facilitator included."""
    when = dt.datetime.fromtimestamp(revision.path.stat().st_mtime)
    who = revision.saved_by()
    return (
        f"revision {revision.number}, saved {when:%d %b %Y %H:%M}"
        + (f" by {who}" if who else "")
        + (" (current)" if current else "")
    )
