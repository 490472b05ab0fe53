"""The item forms: the add-or-change switch, and the fields declared once in a table.

* :class:`ItemForm`: which item the form shows (a new one, or a saved one to change), the save and
  remove buttons, and the form's message line.
* :class:`Field`, :class:`FieldForm`: a form's fields as a table (model attribute, kind, label,
  hint); the form builds their widgets, fills them from an item, empties them, reads them back
  through :mod:`workshop_kit.logic.parse` and the model's validation, and shows each problem
  under its field, all from that one table.

Adding a new item and changing a saved one are two states that cannot be confused:

* the form starts on "a new <noun>", and its button says "Add this <noun>";
* changing a saved item is an explicit choice in the list above the fields, and the button then
  names the item: "Save changes to ‘Grade 6 team’";
* after an add or a change is saved, the form is empty again and ready for the next new item, so
  typing the next one can never replace the one just saved.

The panel owns the fields: it is told through ``on_choose`` which item to show (None: empty the
fields), reads ``editing`` to know whether a save adds or changes, and says through ``is_blank``
whether its fields are still as an add left them (for telling a double click from a next item).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, Literal, TypeVar

import ipywidgets as widgets
from pydantic import BaseModel

from workshop_kit.errors import InputError
from workshop_kit.logic.parse import (
    parse_date,
    parse_dates,
    parse_minutes,
    parse_number,
    parse_time,
    parse_whole,
)
from workshop_kit.model.names import tidy
from workshop_kit.ui.labels import FieldErrors
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import limit_of, limited, tagged
from workshop_kit.validation import build

M = TypeVar("M", bound=BaseModel)

NEW = ""
#: a second click on "Add" this soon after an add is the same double-click, not a new item
DOUBLE_CLICK_SECONDS = 1.0
#: what the message of an add says when it was a double click, added once
DOUBLE_CLICK_NOTE = "(The double click added it once.)"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class ItemForm:
    """The choice of item, the save and remove buttons, and the form's message line."""

    def __init__(
        self,
        noun: str,
        on_choose: Callable[[str | None], None],
        css: str,
        *,
        is_blank: Callable[[], bool],
        removable: bool = True,
        width: str = "620px",
    ) -> None:
        self.noun = noun
        self._on_choose = on_choose
        self._is_blank = is_blank
        self._names: dict[str, str] = {}
        self._filling = False
        self._last_add = -DOUBLE_CLICK_SECONDS
        self.choice = tagged(
            widgets.Dropdown(
                description="Add or change",
                options=[(f"a new {noun}", NEW)],
                value=NEW,
                layout={"width": width},
                style={"description_width": "170px"},
            ),
            f"wk-{css}-choice",
        )
        self.choice.observe(lambda _c: self._chosen(), names="value")
        self.save_button = tagged(
            widgets.Button(
                icon="save", button_style="primary", layout={"width": "auto", "min_width": "220px"}
            ),
            f"wk-save-{css}",
        )
        self.new_button = tagged(
            widgets.Button(
                description=f"Add a new {noun} instead", icon="plus", layout={"width": "auto"}
            ),
            f"wk-new-{css}",
        )
        self.new_button.on_click(lambda _b: self.start_new())
        self.remove_button = tagged(
            widgets.Button(
                description=f"Remove this {noun}", icon="trash", layout={"width": "auto"}
            ),
            f"wk-remove-{css}",
        )
        self.removable = removable
        self.message = Messages()
        self.buttons = widgets.HBox([self.save_button, self.new_button, self.remove_button])
        self._label_buttons()

    # -- which item -----------------------------------------------------------------------

    @property
    def editing(self) -> str | None:
        """The id of the saved item being changed, or None while adding a new one."""
        value = self.choice.value or NEW
        return value if value != NEW else None

    @property
    def editing_name(self) -> str:
        return self._names.get(self.editing or "", "")

    def set_items(self, items: Sequence[tuple[str, str]], keep: str | None = None) -> None:
        """List the saved items as (id, name); stay on ``keep`` (or the current choice) when it
        is still there, else go back to a new item. The fields are not touched."""
        current = self.editing if keep is None else keep
        self._names = dict(items)
        self._filling = True
        try:
            self.choice.options = [(f"a new {self.noun}", NEW)] + [
                (f"change ‘{_short(name)}’", item_id) for item_id, name in items
            ]
            self.choice.value = current if current in self._names else NEW
        finally:
            self._filling = False
        self._label_buttons()

    def choose(self, item_id: str | None) -> None:
        """Show a saved item for changing (None: an empty form for a new one)."""
        value = item_id if item_id in self._names else NEW
        if self.choice.value == value:
            self._chosen()
        else:
            self.choice.value = value

    def show_saved(self) -> None:
        """Fill the fields again from the saved item being changed (or empty them for a new
        one): after "Reload saved version", the form shows what is saved, not what was typed."""
        self._on_choose(self.editing)

    def start_new(self) -> None:
        self.choose(None)

    def _chosen(self) -> None:
        self._label_buttons()
        if not self._filling:
            self.message.clear()
            self._on_choose(self.editing)

    def _label_buttons(self) -> None:
        name = self.editing_name
        if self.editing is None:
            self.save_button.description = f"Add this {self.noun}"
        else:
            self.save_button.description = f"Save changes to ‘{_short(name)}’"
        self.save_button.tooltip = self.save_button.description
        shown = "" if self.editing is not None else "none"
        self.new_button.layout.display = shown
        self.remove_button.layout.display = shown if self.removable else "none"

    # -- after a save ---------------------------------------------------------------------

    def is_double_click(self) -> bool:
        """True for a click on "Add" that follows a successful add within a second on a form
        still as blank as the add left it (``is_blank``): the second click of a double click,
        which must neither add again nor report a missing name. A next item typed that fast is
        never taken for one."""
        if self.editing is not None or not self._is_blank():
            return False
        if time.monotonic() - self._last_add >= DOUBLE_CLICK_SECONDS:
            return False
        if self.message.kind == "ok" and DOUBLE_CLICK_NOTE not in self.message.text:
            self.message.ok(f"{self.message.text} {DOUBLE_CLICK_NOTE}")  # say it was one add
        return True

    def saved(self, items: Sequence[tuple[str, str]], text: str) -> None:
        """After an add or a change: list the items, empty the form for the next new one, and
        say what happened (the message stays after the form is emptied)."""
        if self.editing is None:
            self._last_add = time.monotonic()
        self.set_items(items, keep=NEW)
        self.start_new()
        self.message.ok(text)

    def saved_item(self, items: Sequence[tuple[str, str]], what: str) -> None:
        """:meth:`saved` for an add or a change of ``what`` (a sentence that ends with its
        full stop: "the agenda (45 minutes)."), saying which of the two it was."""
        if self.editing is None:
            text = f"Added {what} The form is empty for the next {self.noun}."
        else:
            text = f"Saved the changes to {what} The form is empty again, for a new {self.noun}."
        self.saved(items, text)


# -- the fields, declared once ------------------------------------------------------------

#: what a field holds, which decides its widget and the parser that reads it back:
#: text and long_text (tidied text), choice (a drop-down list), date (the browser's date control),
#: dates (several, typed), whole (a whole number), minutes (blank is 0), time (a time of day),
#: number (such as 47, 47.5 or 47%)
Kind = Literal["text", "long_text", "choice", "date", "dates", "whole", "minutes", "time", "number"]
#: how wide a field's label is, and its input unless its row says otherwise
LABEL_WIDTH = "170px"
WIDTH = "620px"


@dataclass(frozen=True)
class Field:
    """One row of a form's table: the model attribute the value goes to (dotted for one inside
    another: ``recurrence.weekday``), its kind, its label and hint (the text shown in an empty
    field), and how the form lays it out.

    ``beside`` puts it on one line with the field before it. A ``choice`` offers
    ``options`` (label, value) and, when the form is emptied, goes back to ``reset`` (None: it
    keeps what was chosen, as a team adding several grade-level teams wants). A field that is not
    ``required`` says "(optional)" (a date then reads blank as None); a ``whole`` number is at
    least ``minimum``. ``label_width`` replaces the form's; ``css`` replaces the class the field
    is found by (``wk-<form>-<attribute>``)."""

    path: str
    kind: Kind
    label: str
    hint: str = ""
    options: Sequence[tuple[str, Any]] = ()
    reset: Any = None
    required: bool = True
    minimum: int = 1
    width: str = ""
    label_width: str = ""
    beside: bool = False
    css: str = ""

    @property
    def key(self) -> str:
        """The attribute's own name, without the ones it sits in."""
        return self.path.rpartition(".")[2]

    @property
    def error_path(self) -> str:
        """The field as a model's problem names it (``recurrence → weekday``)."""
        return self.path.replace(".", " → ")


def _owner(model: type[BaseModel], path: str) -> type[BaseModel] | None:
    """The model class that holds the attribute ``path`` (None: not a model of its own)."""
    for name in path.split(".")[:-1]:
        inner = model.model_fields[name].annotation
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return None
        model = inner
    return model


def _at(item: BaseModel, path: str) -> Any:
    value: Any = item
    for name in path.split("."):
        value = getattr(value, name)
    return value


class FieldForm(Generic[M]):
    """The widgets of a field table, made, filled, emptied and read back from that table.

    ``model`` is the class an item is built as. ``table`` lists the fields by group: the part of
    the form whose message line, under its fields, shows their problems (the group "" uses the
    form's own line). ``css`` names the form's fields
    (``wk-<css>-<attribute>``); ``message`` is the form's own message line, which says that
    nothing was saved when a problem is shown under its field. ``also`` places the problems a
    model names by a path no field holds (the whole recurrence, the sum of the minutes): path ->
    (group, label, or None to leave the path out of the message). ``label_width`` is how wide
    the labels are, unless a field says otherwise."""

    def __init__(
        self,
        model: type[M],
        table: Mapping[str, Sequence[Field]],
        css: str,
        message: Messages,
        also: Mapping[str, tuple[str, str | None]] | None = None,
        *,
        label_width: str = LABEL_WIDTH,
    ) -> None:
        self.model, self.label_width = model, label_width
        self.groups = {group: tuple(fields) for group, fields in table.items()}
        self.table = tuple(f for fields in self.groups.values() for f in fields)
        self.widgets: dict[str, Any] = {f.path: self._made(f, css) for f in self.table}
        #: the message line of each group, under its fields
        self.messages = {group: Messages() for group in self.groups if group}
        self.errors = FieldErrors(message)
        for group, fields in self.groups.items():
            area = self.messages.get(group, message)
            self.errors.add(area, {f.error_path: self[f.path] for f in fields})
        for path, (group, label) in (also or {}).items():
            self.errors.add(self.messages.get(group, message), {path: label})

    def __getitem__(self, path: str) -> Any:
        """The widget of the field ``path``."""
        return self.widgets[path]

    def _made(self, f: Field, css: str) -> Any:
        width = {"width": f.width or WIDTH}
        common: dict[str, Any] = {
            "description": f.label if f.required else f"{f.label} (optional)",
            "style": {"description_width": f.label_width or self.label_width},
        }
        if f.kind == "choice":
            made = widgets.Dropdown(options=list(f.options), layout=width, **common)
        elif f.kind == "date":
            made = widgets.DatePicker(**common)
        else:
            text = widgets.Textarea if f.kind == "long_text" else widgets.Text
            made = text(continuous_update=False, placeholder=f.hint, layout=width, **common)
        tagged(made, f.css or f"wk-{css}-{f.key.replace('_', '-')}")
        owner = _owner(self.model, f.path)
        if f.kind in ("text", "long_text") and owner and limit_of(owner, f.key) is not None:
            limited(made, owner, f.key)
        return made

    # -- to the widgets ---------------------------------------------------------------------

    def fill(self, item: M) -> None:
        """Show ``item`` in the fields. A choice whose saved value is no longer offered shows
        the last option (the config's "other"); a choice saved empty keeps what is chosen."""
        for f in self.table:
            value, widget = _at(item, f.path), self[f.path]
            if f.kind == "choice":
                offered = [v for _, v in f.options]
                value = value.value if isinstance(value, Enum) else value
                if value is not None:
                    widget.value = value if value in offered else offered[-1]
            elif f.kind == "date":
                widget.value = value
            elif f.kind == "dates":
                widget.value = ", ".join(d.isoformat() for d in value)
            elif isinstance(value, dt.time):
                widget.value = value.strftime("%H:%M")
            else:
                widget.value = "" if value is None else str(value)

    def clear(self) -> None:
        """Empty the fields for a new item (each choice as its row says)."""
        for f in self.table:
            if f.kind == "choice":
                if f.reset is not None:
                    self[f.path].value = f.reset
            else:
                self[f.path].value = None if f.kind == "date" else ""

    def show_only(self, within: str, keys: Collection[str]) -> None:
        """Show, of the fields inside ``within`` (``recurrence``), those named in ``keys``; the
        others are hidden, and a hidden field is not read."""
        for f in self.table:
            if f.path.rpartition(".")[0] == within:
                self[f.path].layout.display = None if f.key in keys else "none"

    def rows(self, group: str) -> list[widgets.Widget]:
        """The fields of ``group`` in the order of the table, a field ``beside`` the one before
        it on one line with it."""
        rows: list[list[widgets.Widget]] = []
        for f in self.groups[group]:
            if f.beside and rows:
                rows[-1].append(self[f.path])
            else:
                rows.append([self[f.path]])
        return [row[0] if len(row) == 1 else widgets.HBox(row) for row in rows]

    # -- from the widgets -------------------------------------------------------------------

    def value(self, path: str) -> Any:
        """What the field ``path`` holds, read by the parser of its kind (an
        :class:`InputError` naming its label when it does not read)."""
        f = next(f for f in self.table if f.path == path)
        typed, label = self[path].value, f.label
        if f.kind == "text":
            return tidy(typed)
        if f.kind == "long_text":
            return str(typed).strip()
        if f.kind == "date":
            return parse_date(typed, label, required=f.required)
        readers: dict[str, Callable[[Any, str], Any]] = {
            "dates": parse_dates,
            "whole": lambda text, label: parse_whole(text, label, minimum=f.minimum),
            "minutes": parse_minutes,
            "time": parse_time,
            "number": lambda text, label: parse_number(text, label, percent=True),
        }
        return readers[f.kind](typed, label) if f.kind in readers else typed

    def read(self) -> dict[str, Any]:
        """Every shown field, read, as the model's data (nested as the paths are)."""
        data: dict[str, Any] = {}
        for f in self.table:
            if self[f.path].layout.display != "none":
                place = data
                for name in f.path.split(".")[:-1]:
                    place = place.setdefault(name, {})
                place[f.key] = self.value(f.path)
        return data

    def item(self, **given: Any) -> M:
        """The item as typed, with ``given`` (its id, say) added; every problem is the parser's
        or the model's, an :class:`InputError` naming its field."""
        return build(self.model, {**self.read(), **given})

    # -- problems ---------------------------------------------------------------------------

    def show_error(self, exc: InputError) -> None:
        """Show ``exc`` under the field it is about, named by its label."""
        self.errors.show(exc)

    def clear_errors(self) -> None:
        self.errors.clear()
