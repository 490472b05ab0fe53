"""The add-or-change switch every item form shares (meetings, resources, candidates, steps, ...).

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

import time
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import tagged

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
