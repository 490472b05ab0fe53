"""An editable table (add, edit, remove rows) for rosters, lists and inventories:
:class:`RowEditor` with its :class:`Column` s; :meth:`RowEditor.typed` reads its rows into model
objects."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle
from pydantic import BaseModel

from workshop_kit.errors import InputError
from workshop_kit.logic.paste import PasteColumn
from workshop_kit.logic.words import plural
from workshop_kit.model.names import same_name, tidy
from workshop_kit.ui.closing import close_tree
from workshop_kit.ui.html import esc
from workshop_kit.ui.labels import title_of
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import limit_class, limit_of, on_click, tagged

T = TypeVar("T")

#: what a table says when a row it marked keeps it from saving
ROWS_NOT_SAVED = "Nothing was saved: please fix the rows marked above."


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Literal["text", "choice", "number", "whole", "flag", "long", "date"] = "text"
    options: Sequence[str] = ()
    width: str = "180px"
    placeholder: str = ""
    #: sends every keystroke, for figures that move as the team types (the what-if). Every other
    #: field sends its value when it is left, so a click right after typing sees all of it: the
    #: page holds back a field's keystrokes while the kernel is busy, but not a click.
    live: bool = False
    #: other headings a spreadsheet may give this column, so a pasted heading row is recognised
    headings: Sequence[str] = ()
    #: the most characters a text cell takes (from the model: see :func:`limit_of`); the page
    #: counts them as the person types
    limit: int | None = None

    @classmethod
    def of(cls, model: type[BaseModel], key: str, **options: Any) -> Column:
        """The column for a field of ``model``, labelled as the model names it, with the length
        the model allows there."""
        options.setdefault("limit", limit_of(model, key))
        return cls(key, title_of(model, key), **options)


@dataclass
class _Row:
    widgets: dict[str, Any]  # column key -> input widget
    box: Any  # the row's HBox
    remove: Any  # its Remove button
    meta: dict[str, Any] = field(default_factory=dict)  # values kept but not shown (e.g. ids)
    error: Messages | None = None  # created when the row first has something to say


def _close_row(row: _Row, keep: Collection[widgets.Widget]) -> None:
    close_tree(row.box, keep)
    if row.error is not None:
        close_tree(row.error)


class RowEditor(widgets.VBox):
    """Rows of input widgets with Add and Remove buttons. Knows nothing about the model:
    :meth:`values` gives plain dicts and :meth:`set_rows` takes them, so a panel validates."""

    def __init__(
        self,
        columns: Sequence[Column],
        add_label: str = "Add a row",
        on_change: Callable[[], Any] | None = None,
    ) -> None:
        """``on_change`` is called whenever a value in any row changes (rows added later too)."""
        super().__init__()
        self.add_class("wk-table")
        self.columns = list(columns)
        self._on_change = on_change
        self._rows: list[_Row] = []
        self._filling = False
        # a grid (see the pages' stylesheet, .wk-table): a column is as wide as its width, or
        # as its widest choice (a drop-down is sized by the browser, at least the column's
        # width) or the longest word of its heading if wider, so a chosen item is never cut
        # ("4 · Compl") and a heading wraps between words; the rows' own boxes and the
        # heading's are left out of the layout (display: contents), so their cells line up
        self.layout.grid_template_columns = f"repeat({len(self.columns) + 1}, max-content)"
        self._header = tagged(
            widgets.HTML(
                '<div class="wk-table-heads">'
                + "".join(
                    f'<b style="width:{esc(c.width)};max-width:{esc(c.width)}">{esc(c.label)}</b>'
                    for c in columns
                )
                + "<span></span></div>"
            ),
            "wk-table-header",
        )
        self.add_button = widgets.Button(description=add_label, icon="plus")
        self.add_button.add_class("wk-add-row")
        on_click(self.add_button, lambda: self.add_row({}))
        # one layout per column and one style per kind of input, shared by every row: without
        # them each cell brings two more widget models to the page, which slows a long table
        self._layouts = {
            c.key: widgets.Layout(width="auto", min_width=c.width)
            if c.kind == "choice"
            else widgets.Layout(width=c.width)
            for c in self.columns
        }
        self._remove_layout = widgets.Layout(width="100px")
        self._row_layout = widgets.Layout()
        self._text_style = TextStyle()
        self._choice_style = DescriptionStyle()
        self._flag_style = CheckboxStyle()
        self._button_style = widgets.ButtonStyle()
        self._shared: list[widgets.Widget] = [
            self._remove_layout,
            self._row_layout,
            self._text_style,
            self._choice_style,
            self._flag_style,
            self._button_style,
            *self._layouts.values(),
        ]
        self._sync()

    def _make(self, column: Column, value: Any) -> widgets.Widget:
        made = self._make_input(column, value)
        made.tooltip = column.label  # the cell's name for screen readers (see the page template)
        return made

    @staticmethod
    def _shown(column: Column, value: Any) -> Any:
        """What the cell's input holds for ``value`` (a drop-down's item, a box's text)."""
        if column.kind in ("choice", "date"):
            return value or None
        if column.kind == "number":
            return "" if value is None else f"{value:g}"
        if column.kind == "whole":
            return "" if value is None else str(value)
        if column.kind == "flag":
            return bool(value)
        return str(value or "")

    @staticmethod
    def _choices(column: Column, value: Any) -> list[str]:
        options = list(column.options)
        if value and value not in options:
            options.append(str(value))  # keep a value the config no longer lists
        return options

    def _make_input(self, column: Column, value: Any) -> widgets.DOMWidget:
        layout, shown = self._layouts[column.key], self._shown(column, value)
        if column.kind == "choice":
            return widgets.Dropdown(
                options=self._choices(column, value),
                value=shown,
                layout=layout,
                style=self._choice_style,
            )
        if column.kind == "date":  # the browser's own date control, as on every form
            return widgets.DatePicker(value=shown, layout=layout, style=self._choice_style)
        if column.kind == "flag":
            return widgets.Checkbox(
                value=shown, indent=False, layout=layout, style=self._flag_style
            )
        live, text = column.live, self._text_style
        if column.kind == "long":
            return widgets.Textarea(
                continuous_update=live,
                value=shown,
                placeholder=column.placeholder,
                layout=layout,
                style=text,
            )
        placeholder = column.placeholder if column.kind == "text" else ""
        return widgets.Text(
            continuous_update=live, value=shown, placeholder=placeholder, layout=layout, style=text
        )

    def _refill(self, row: _Row, values: dict[str, Any]) -> None:
        """Show ``values`` in an existing row: only the values that differ reach the page."""
        for column in self.columns:
            cell, value = row.widgets[column.key], values.get(column.key)
            if column.kind == "choice":
                options = self._choices(column, value)
                if list(cell.options) != options:
                    cell.options = options
            cell.value = self._shown(column, value)
        shown = {c.key for c in self.columns}
        row.meta = {k: v for k, v in values.items() if k not in shown}
        if row.error is not None:
            close_tree(row.error)
            row.error = None

    def add_row(self, values: dict[str, Any]) -> None:
        self._append(values)
        self._sync()

    def _append(self, values: dict[str, Any]) -> None:
        cells = {c.key: self._make(c, values.get(c.key)) for c in self.columns}
        limits = {c.key: c.limit for c in self.columns if c.kind in ("text", "long")}
        for key, w in cells.items():
            w.add_class(f"wk-col-{key}")
            if limits.get(key):
                w.add_class(limit_class(limits[key] or 0))
            if getattr(w, "continuous_update", False):
                w.add_class("wk-live")
            if self._on_change is not None:
                w.observe(self._changed, names="value")
        remove = widgets.Button(
            description="Remove", icon="trash", layout=self._remove_layout, style=self._button_style
        )
        remove.add_class("wk-remove-row")
        shown = {c.key for c in self.columns}
        meta = {k: v for k, v in values.items() if k not in shown}
        box = widgets.HBox([*cells.values(), remove], layout=self._row_layout)
        row = _Row(cells, tagged(box, "wk-table-row"), remove, meta)
        on_click(remove, lambda: self.remove_row(row))
        self._rows.append(row)

    def _changed(self, _change: Any) -> None:
        if self._on_change is not None and not self._filling:
            self._on_change()

    def remove_row(self, row: _Row) -> None:
        self._rows = [r for r in self._rows if r is not row]
        self._sync()
        _close_row(row, self._shared)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Show ``rows``. The rows already there take the new values in place, so refilling a
        table after a save sends the page only what changed (recreating 25 rows of 10 widgets
        was 1,500 messages per save); rows are added or closed to make up the number. Filling
        is not an edit: ``on_change`` is not called."""
        self._filling = True
        try:
            kept, old = self._rows[: len(rows)], self._rows[len(rows) :]
            for row, values in zip(kept, rows, strict=False):
                self._refill(row, values)
            self._rows = kept
            for values in rows[len(kept) :]:
                self._append(values)
        finally:
            self._filling = False
        self._sync()
        for row in old:
            _close_row(row, self._shared)

    def _sync(self) -> None:
        body: list[widgets.Widget] = [self._header] if self._rows else []
        for row in self._rows:
            body.append(row.box)
            if row.error is not None:
                body.append(row.error)
        self.children = [*body, self.add_button]

    def close(self) -> None:
        """Close the table with every row, header, button and shared layout in it."""
        for row in self._rows:
            _close_row(row, self._shared)
        self._rows = []
        for w in [self._header, self.add_button, *self._shared]:
            close_tree(w)
        super().close()

    @property
    def rows(self) -> list[_Row]:
        return list(self._rows)

    def values(self) -> list[dict[str, Any]]:
        return [{**row.meta, **{k: w.value for k, w in row.widgets.items()}} for row in self._rows]

    def show_row_error(self, index: int, text: str) -> None:
        row = self._rows[index]
        if row.error is None:
            row.error = Messages()
            self._sync()
        row.error.error(text)

    def row_error(self, index: int) -> str:
        """The message shown under row ``index`` (empty if none)."""
        error = self._rows[index].error
        return error.text if error is not None else ""

    def typed(
        self,
        read: Callable[[dict[str, Any]], T],
        used: Sequence[str],
        not_saved: str = ROWS_NOT_SAVED,
        problem: Callable[[InputError, dict[str, Any]], str] | None = None,
    ) -> list[tuple[int, T]]:
        """Every row the team typed in (one of the ``used`` columns is not blank) as ``read``
        makes it, with the row's index. ``read`` raises :class:`InputError` for a row it cannot
        take; its message, or what ``problem`` makes of it, is shown under the row, and when any
        row has one nothing is returned: :class:`InputError` ``not_saved`` is raised."""
        self.clear_errors()
        typed: list[tuple[int, T]] = []
        problems = 0
        for index, row in enumerate(self.values()):
            if not any(tidy(row.get(key)) for key in used):
                continue  # an empty row the team added but did not use
            try:
                typed.append((index, read(row)))
            except InputError as exc:
                self.show_row_error(index, problem(exc, row) if problem else exc.message)
                problems += 1
        if problems:
            raise InputError(not_saved)
        return typed

    def paste_columns(self) -> list[PasteColumn]:
        """The columns pasted cells fill, in the table's order (tick boxes are left out)."""
        return [
            PasteColumn(c.key, c.label, c.headings)
            for c in self.columns
            if c.kind not in ("flag", "date")
        ]

    def add_pasted(self, rows: Sequence[dict[str, str]], one: str = "row") -> str:
        """Add pasted rows in place of the table's blank ones; a choice takes the option that
        reads the same ("principal" is "Principal"). Says what was added; nothing is saved."""
        blank = [
            row
            for row in self._rows
            if not any(w.value is not False and tidy(w.value) for w in row.widgets.values())
        ]
        self._rows = [row for row in self._rows if all(row is not b for b in blank)]
        for values in rows:
            self._append({key: self._pasted_value(key, text) for key, text in values.items()})
        self._sync()
        for row in blank:
            _close_row(row, self._shared)
        return f"Added {plural(len(rows), one)} to the table. Check them, then save."

    def _pasted_value(self, key: str, text: str) -> str:
        column = next(c for c in self.columns if c.key == key)
        if column.kind == "choice":
            return next((o for o in column.options if same_name(o, text)), text)
        return text

    @property
    def labels(self) -> dict[str, str]:
        """Each column's label by its key."""
        return {c.key: c.label for c in self.columns}

    def clear_errors(self) -> None:
        for row in self._rows:
            if row.error is not None:
                row.error.clear()
