"""Pasting rows copied from a spreadsheet into a table or list, with a preview to confirm.

Copying a block of cells and pasting it into one text field joins the rows into one ("Ana
Ruiz⇥Principal Marcus Lee⇥…"): a text field holds one line. This box takes the whole block,
shows the rows it found (headings left out) and adds them only when the person says so. Nothing is
saved until the panel's own Save button, so pasted rows get the same checks as typed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from workshop_kit.errors import InputError
from workshop_kit.logic.paste import PasteColumn, Pasted, read_pasted
from workshop_kit.logic.words import plural
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, tagged

PREVIEW_ROWS = 8
#: what a field says when cells copied from a spreadsheet were pasted into it
SEVERAL_CELLS = (
    "This holds several cells copied from a spreadsheet. Clear it, then use the “Paste from a "
    "spreadsheet” button below the table: it makes one row for each line copied."
)


def paste_area(what: str) -> widgets.Textarea:
    """The field a block of spreadsheet cells is pasted into, named for screen readers."""
    area = tagged(
        widgets.Textarea(
            placeholder="Paste here",
            layout={"width": "100%", "max_width": "760px", "height": "140px"},
        ),
        "wk-paste-text",
    )
    area.tooltip = f"{what.capitalize()} pasted from a spreadsheet"
    return area


def preview_html(pasted: Pasted, columns: Sequence[PasteColumn]) -> str:
    """The first rows of a paste as an escaped table, with what was left out."""
    head = "".join(f'<th scope="col">{esc(c.label)}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(row[c.key])}</td>" for c in columns) + "</tr>"
        for row in pasted.rows[:PREVIEW_ROWS]
    )
    more = len(pasted.rows) - PREVIEW_ROWS
    tail = f"<p>… and {plural(more, 'more row')}.</p>" if more > 0 else ""
    notes = "".join(f"<li>{esc(note)}</li>" for note in pasted.notes)
    return (
        f"<p><b>{esc(pasted.summary)}</b></p>"
        f'<table class="wk-paste-preview"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        f"</table>{tail}" + (f"<ul>{notes}</ul>" if notes else "")
    )


class PasteRows(widgets.VBox):
    """A "Paste rows from a spreadsheet" button that opens a paste box. ``on_rows(rows)`` adds
    the confirmed rows (dicts by column key) and returns what to tell the person. The box's
    fields are made when it is first opened, so a page that never pastes does not carry them."""

    def __init__(
        self,
        columns: Sequence[PasteColumn],
        on_rows: Callable[[list[dict[str, str]]], str],
        one: str = "row",
        many: str = "",
    ) -> None:
        """``one`` names a pasted row ("member"), ``many`` its irregular plural if any."""
        super().__init__()
        self.add_class("wk-paste")
        self.columns = list(columns)
        self._on_rows = on_rows
        self.one, self.what = one, many or one + "s"
        self.pending: Pasted | None = None
        self.open_button = button(
            "wk-paste-open", self.open_box, f"Paste {self.what} from a spreadsheet", "clipboard"
        )
        self.message = Messages()
        self.box: widgets.VBox | None = None
        self.children = [self.open_button, self.message]

    def open_box(self) -> None:
        if self.box is None:
            order = ", ".join(c.label for c in self.columns)
            in_order = f", in this column order: {order}" if len(self.columns) > 1 else ""
            self.hint = widgets.HTML(
                f"<p>Copy the {esc(self.what)} in your spreadsheet, then paste them below: one "
                f"per line{esc(in_order)}. A row of column headings is left out.</p>"
            )
            self.text = paste_area(self.what)
            self.preview_button = button(
                "wk-paste-preview", self.preview, f"Preview the {self.what}", "eye"
            )
            self.cancel_button = button("wk-paste-cancel", self.close_box, "Cancel", "times")
            self.preview_view = tagged(widgets.HTML(), "wk-paste-found")
            self.add_button = button(
                "wk-paste-add",
                self.add,
                f"Add these {self.what}",
                "check",
                style="primary",
                layout={"display": "none"},
            )
            self.box = widgets.VBox(
                [
                    self.hint,
                    self.text,
                    widgets.HBox([self.preview_button, self.cancel_button]),
                    self.preview_view,
                    self.add_button,
                ]
            )
        self.message.clear()
        self.children = [self.open_button, self.box, self.message]

    @guarded(lambda self: self.message)
    def preview(self) -> None:
        self.pending = None
        self.add_button.layout.display = "none"
        self.preview_view.value = ""
        pasted = read_pasted(self.text.value, self.columns)
        self.pending = pasted
        self.preview_view.value = preview_html(pasted, self.columns)
        self.add_button.description = f"Add these {plural(len(pasted.rows), self.one, self.what)}"
        self.add_button.layout.display = None
        self.message.clear()

    @guarded(lambda self: self.message)
    def add(self) -> None:
        pasted = self.pending
        if pasted is None:
            raise InputError(f"Preview the {self.what} first, then add them.")
        done = self._on_rows([dict(row) for row in pasted.rows])
        self.close_box()
        self.message.ok(done)

    def close_box(self, *_: Any) -> None:
        self.pending = None
        if self.box is not None:
            self.text.value = ""
            self.preview_view.value = ""
            self.add_button.layout.display = "none"
        self.message.clear()
        self.children = [self.open_button, self.message]
