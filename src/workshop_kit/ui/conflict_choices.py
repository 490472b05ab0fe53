"""The choice after a save refused as a conflict: both versions side by side, and the two ways
out, placed right under the message that says what happened (see ``Panel.offer_conflict_choices``).

Thin: what differs comes from :func:`workshop_kit.logic.conflicts.side_by_side`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from workshop_kit.logic.conflicts import DifferingValue
from workshop_kit.ui.html import esc

THEIRS = "Saved on the other device"
MINE = "Yours, not saved"


def side_by_side_html(rows: Sequence[DifferingValue]) -> str:
    """A table: what and where, their value, my value (every cell escaped)."""
    if not rows:
        return ""
    body = "".join(
        "<tr>"
        f"<th scope='row'>{esc(row.place)}{': ' + esc(row.field) if row.field else ''}</th>"
        f"<td class='wk-conflict-theirs'>{esc(row.theirs)}</td>"
        f"<td class='wk-conflict-mine'>{esc(row.mine)}</td>"
        "</tr>"
        for row in rows
    )
    return (
        "<table class='wk-conflict-table'><caption>The two versions, where they differ"
        f"</caption><tr><th scope='col'>What</th><th scope='col'>{THEIRS}</th>"
        f"<th scope='col'>{MINE}</th></tr>{body}</table>"
    )


class ConflictChoices(widgets.VBox):
    """Theirs and mine side by side, with "Reload saved version" (theirs) and "Keep my version"
    (mine, saved over theirs) right below."""

    def __init__(
        self,
        rows: Sequence[DifferingValue],
        reload: Callable[[], Any],
        keep_mine: Callable[[], Any],
    ) -> None:
        super().__init__()
        self.add_class("wk-conflict")
        self.rows = tuple(rows)
        self.table = widgets.HTML(side_by_side_html(self.rows))
        self.reload_button = widgets.Button(description="Reload saved version", icon="refresh")
        self.reload_button.add_class("wk-reload")
        self.keep_button = widgets.Button(description="Keep my version", icon="save")
        self.keep_button.add_class("wk-keep-mine")
        self.reload_button.on_click(lambda _b: reload())
        self.keep_button.on_click(lambda _b: keep_mine())
        self.children = [
            *([self.table] if self.rows else []),
            widgets.HBox([self.reload_button, self.keep_button]),
        ]


def parent_of(root: widgets.Widget, child: widgets.Widget) -> widgets.Box | None:
    """The box under ``root`` (or ``root`` itself) that holds ``child`` directly."""
    if not isinstance(root, widgets.Box):
        return None
    if any(c is child for c in root.children):
        return root
    for c in root.children:
        found = parent_of(c, child)
        if found is not None:
            return found
    return None


def place_after(box: widgets.Box, anchor: widgets.Widget, widget: widgets.Widget) -> None:
    """Show ``widget`` in ``box`` right after ``anchor`` (re-assigned, never mutated)."""
    children = [c for c in box.children if c is not widget]
    at = next(i for i, c in enumerate(children) if c is anchor) + 1
    box.children = [*children[:at], widget, *children[at:]]


def take_out(box: widgets.Box, widget: widgets.Widget) -> None:
    box.children = [c for c in box.children if c is not widget]
