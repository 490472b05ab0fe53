"""Widget parts the panels of every day share, each said once.

* :func:`tagged`, :func:`button`, :func:`save_button`: a widget with the CSS class the page's style
  and the browser tests find it by; a button wired to its callback.
* :class:`RowEditor` with :class:`Column`: an editable table (add, edit, remove rows) for
  rosters, lists and inventories; :meth:`RowEditor.typed` reads its rows into model objects.
* :class:`CheckboxList`: a choice of several items as tick boxes with full labels (in place of a
  Ctrl-click list); its ``value`` is the tuple of the ids ticked.
* :func:`limited`, :func:`limit_of`: a field tagged with the length its model allows, which the
  page's script counts as the person types (``wk-limit-500``).
* :func:`upload_button`, :func:`close_tree`, :func:`replace_children`: upload and widget upkeep.

A model's problem named by the label the team sees is in :mod:`.labels`; the HTML pieces the
panels show (tables, figures, lists) are in :mod:`.html`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import annotated_types
import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle
from pydantic import BaseModel

from workshop_kit.activities.common import Messages, esc, on_click
from workshop_kit.activities.labels import title_of
from workshop_kit.errors import InputError
from workshop_kit.logic.paste import PasteColumn
from workshop_kit.logic.words import plural
from workshop_kit.model.names import same_name, tidy

T = TypeVar("T")

#: what a table says when a row it marked keeps it from saving
ROWS_NOT_SAVED = "Nothing was saved: please fix the rows marked above."

W = TypeVar("W", bound=widgets.DOMWidget)


def tagged(widget: W, css: str, on_change: Callable[[], Any] | None = None) -> W:
    """``widget`` with the CSS class the page's style and the browser tests find it by; when
    given, ``on_change`` is called whenever its value changes."""
    widget.add_class(css)
    if on_change is not None:
        widget.observe(lambda _change: on_change(), names="value")
    return widget


#: the CSS class that carries a field's limit, as ``wk-limit-500``; the page's script reads it
LIMIT_CLASS = "wk-limit-"


def limit_of(model: type[BaseModel], key: str) -> int | None:
    """The most characters ``model`` takes in its field ``key`` (None: no limit)."""
    for rule in model.model_fields[key].metadata:
        if isinstance(rule, annotated_types.MaxLen):
            return int(rule.max_length)
    return None


def limit_class(limit: int) -> str:
    return f"{LIMIT_CLASS}{limit}"


def limited(widget: W, model: type[BaseModel], key: str) -> W:
    """``widget`` (a text field) tagged with the length ``model`` allows in its field ``key``, so
    the page shows a counter under it that follows the typing in the browser, without sending a
    keystroke to the kernel. The model still checks the length when the field is saved."""
    limit = limit_of(model, key)
    if limit is None:
        raise ValueError(f"{model.__name__}.{key} has no length limit")
    widget.add_class(limit_class(limit))
    return widget


def date_field(css: str, description: str, **options: Any) -> widgets.DatePicker:
    """A date typed or picked with the browser's own date control: the one date input of every
    form and table, so no one types a date in a format the kit then refuses."""
    return tagged(widgets.DatePicker(description=description, **options), css)


def dropdown(
    css: str,
    label: str,
    width: str,
    on_change: Callable[[], Any] | None = None,
    **options: Any,
) -> widgets.Dropdown:
    """A drop-down list labelled ``label``, ``width`` wide, found by its CSS class, that calls
    ``on_change`` when another item is chosen; ``options`` as for ``widgets.Dropdown``."""
    return tagged(
        widgets.Dropdown(description=label, layout={"width": width}, **options), css, on_change
    )


def button(
    css: str,
    callback: Callable[[], Any],
    label: str,
    icon: str = "",
    *,
    width: str = "",
    style: str = "",
    **options: Any,
) -> widgets.Button:
    """A button labelled ``label`` that calls ``callback`` when pressed; ``width`` sets its layout
    and ``style`` its ``button_style``, ``options`` the rest as for ``widgets.Button``."""
    if width:
        options["layout"] = {"width": width}
    made = tagged(widgets.Button(description=label, icon=icon, button_style=style, **options), css)
    on_click(made, callback)
    return made


def save_button(
    css: str, callback: Callable[[], Any], label: str, width: str = ""
) -> widgets.Button:
    """The button that saves a panel's work: the primary one, with the save icon."""
    return button(css, callback, label, "save", width=width, style="primary")


# -- an editable table ----------------------------------------------------------------------


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


def upload_button(
    css: str, label: str, on_file: Callable[[str, bytes], Any], **options: Any
) -> widgets.FileUpload:
    """An upload of one spreadsheet (CSV or Excel) that hands the file chosen to ``on_file`` as
    (name, content). It empties itself, so choosing the same file again (fixed, or after a
    reload) is seen; ``options`` as for ``widgets.FileUpload``."""
    upload = tagged(
        widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description=label, **options), css
    )

    def chosen(_change: Any) -> None:
        if upload.value:
            item = upload.value[0]
            upload.value = ()
            on_file(str(item["name"]), bytes(item["content"]))

    upload.observe(chosen, names="value")
    return upload


def criteria_checks(
    box: widgets.Box, criteria: Sequence[tuple[str, str]], css: str
) -> dict[str, widgets.Checkbox]:
    """One tick box per success criterion (id, measure) shown in ``box``, each with the CSS
    class ``css`` followed by its id; a note instead when there are none yet."""
    checks = {
        cid: tagged(
            widgets.Checkbox(description=measure, indent=False, layout={"width": "620px"}),
            f"{css}{cid}",
        )
        for cid, measure in criteria
    }
    replace_children(
        box,
        list(checks.values())
        or [widgets.HTML("<i>No success criteria yet: add them on Day 1.</i>")],
    )
    return checks


class CheckboxList(widgets.VBox):
    """A choice of several items as a list of tick boxes under a group label: each item's full
    name wraps instead of being cut off, and a long list scrolls inside a box of bounded height.
    ``options`` are (label, id) pairs and ``value`` is the tuple of the ids ticked (in the order
    of the options), as for ``widgets.SelectMultiple``; observe ``value`` for changes.

    Screen readers get the group label: the page's script makes the list ``role="group"``,
    labelled by its heading (a Box can carry no tooltip: ipywidgets 8.1 then fails to draw it).
    Every tick box shares one layout and one style, and tick boxes whose item is no longer
    listed are closed, so a list refreshed after every save does not pile up widget models."""

    value = traitlets.Tuple()

    def __init__(
        self,
        label: str,
        css: str = "",
        *,
        width: str = "620px",
        max_height: str = "18em",
        empty: str = "Nothing to choose yet.",
    ) -> None:
        self.label = label
        self._heading = widgets.HTML(f"<b>{esc(label)}</b>")
        self._heading.add_class("wk-checks-label")
        self._empty = widgets.HTML(f"<i>{esc(empty)}</i>")
        self._items = widgets.VBox(
            layout=widgets.Layout(max_height=max_height, overflow="auto", width="100%")
        )
        self._items.add_class("wk-checks-items")
        super().__init__(
            [self._heading, self._empty],
            layout=widgets.Layout(width=width, max_width="100%"),
        )
        self.add_class("wk-checks")
        if css:
            self.add_class(css)
        # flex "none": a box of bounded height scrolls instead of squeezing its items together
        self._check_layout = widgets.Layout(
            width="auto", max_width="100%", height="auto", flex="none"
        )
        self._check_style = CheckboxStyle()
        self._shared: tuple[widgets.Widget, ...] = (self._check_layout, self._check_style)
        self._checks: dict[tuple[str, str], widgets.Checkbox] = {}  # (label, id) -> its box
        self._setting = False

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """The items listed, as (label, id) pairs."""
        return tuple(self._checks)

    @options.setter
    def options(self, pairs: Sequence[tuple[str, str]]) -> None:
        """List ``pairs`` (label, id), keeping ticked the ids still listed. Tick boxes of items
        listed before are kept as they are; those of items gone are closed."""
        pairs = list(dict.fromkeys((str(label), str(item)) for label, item in pairs))
        if pairs == list(self._checks):
            return
        kept = set(self.value)
        old, self._checks = self._checks, {}
        for pair in pairs:
            check = old.pop(pair, None)
            if check is None:
                check = widgets.Checkbox(
                    description=pair[0],
                    tooltip=pair[0],  # the full name on hover, where a page cuts labels short
                    indent=False,
                    layout=self._check_layout,
                    style=self._check_style,
                )
                check.add_class("wk-check")
                check.observe(self._ticked, names="value")
            self._checks[pair] = check
        self._items.children = tuple(self._checks.values())
        self.children = (self._heading, self._items if self._checks else self._empty)
        for check in old.values():
            close_tree(check, self._shared)
        self._set(tuple(item for _label, item in pairs if item in kept))

    @traitlets.validate("value")
    def _known(self, proposal: Any) -> tuple[str, ...]:
        ids = [item for _label, item in self._checks]
        chosen = {str(v) for v in proposal["value"]}
        unknown = chosen - set(ids)
        if unknown:
            raise traitlets.TraitError(f"not among the options: {sorted(unknown)}")
        return tuple(dict.fromkeys(item for item in ids if item in chosen))

    @traitlets.observe("value")
    def _show_value(self, change: Any) -> None:
        if self._setting:
            return
        self._setting = True
        try:
            for (_label, item), check in self._checks.items():
                check.value = item in change["new"]
        finally:
            self._setting = False

    def _ticked(self, _change: Any) -> None:
        if not self._setting:
            self._set(tuple(item for (_label, item), c in self._checks.items() if c.value))

    def _set(self, value: tuple[str, ...]) -> None:
        self.value = value
        self._show_value({"new": self.value})

    def check(self, item: str) -> widgets.Checkbox:
        """The tick box of the item with id ``item``."""
        return next(c for (_label, i), c in self._checks.items() if i == item)

    def close(self) -> None:
        """Close the list with every tick box, its heading and the shared layout and style."""
        for check in self._checks.values():
            close_tree(check, self._shared)
        self._checks = {}
        for part in (self._heading, self._empty, self._items, *self._shared, self.layout):
            close_tree(part)
        super().close()


def close_tree(widget: widgets.Widget, keep: Collection[widgets.Widget] = ()) -> None:
    """Close a widget that is no longer shown, with everything inside it and its own layout and
    style, so a panel rebuilt after every save does not pile up models in the kernel and the
    page. ``keep`` lists shared layouts, and widgets moved elsewhere, that stay in use."""
    _close_tree(widget, {id(k) for k in keep})


def _close_tree(widget: widgets.Widget, keep: set[int]) -> None:
    if id(widget) in keep:
        return
    for child in getattr(widget, "children", ()):
        _close_tree(child, keep)
    for part in (getattr(widget, "style", None), getattr(widget, "layout", None)):
        if isinstance(part, widgets.Widget) and id(part) not in keep:
            part.close()
    widget.close()


def replace_children(
    box: widgets.Box, children: Sequence[widgets.Widget], keep: Collection[widgets.Widget] = ()
) -> None:
    """Show ``children`` in ``box`` and close the widgets they replace."""
    old, box.children = box.children, tuple(children)
    for widget in old:
        if not any(widget is c for c in children):
            close_tree(widget, keep)


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
        self._header = widgets.HTML(
            '<div style="display:flex;gap:4px">'
            + "".join(
                f'<b style="width:{esc(c.width)};flex:none">{esc(c.label)}</b>' for c in columns
            )
            + "</div>"
        )
        self.add_button = widgets.Button(description=add_label, icon="plus")
        self.add_button.add_class("wk-add-row")
        on_click(self.add_button, lambda: self.add_row({}))
        # one layout per column and one style per kind of input, shared by every row: without
        # them each cell brings two more widget models to the page, which slows a long table
        self._layouts = {c.key: widgets.Layout(width=c.width) for c in self.columns}
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
        row = _Row(
            cells, widgets.HBox([*cells.values(), remove], layout=self._row_layout), remove, meta
        )
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
