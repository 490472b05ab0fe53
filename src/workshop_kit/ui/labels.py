"""A model's problem with what the team typed, named by the label the team sees.

* :func:`title_of`: a field's label, as the model names it.
* :func:`on_label`: the model's message with the field named by its label.
* :class:`FieldErrors`: the message shown next to the part of a form it is about.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as widgets
from pydantic import BaseModel

from workshop_kit.errors import InputError, WorkshopError
from workshop_kit.ui.messages import Messages


def title_of(model: type[BaseModel], field: str) -> str:
    """A field's label, as the model names it (``Field(title=...)``)."""
    return model.model_fields[field].title or field


def on_label(exc: WorkshopError, labels: Mapping[str, str]) -> str:
    """The model's message about a field, naming the field by the label the team sees."""
    label = labels.get(exc.field or "")
    return exc.message.replace(f"‘{exc.field}’", f"‘{label}’") if label else exc.message


def _label(widget: widgets.Widget) -> str:
    return str(getattr(widget, "description", "")).removesuffix(" (optional)")


class FieldErrors:
    """Shows a parser's or a model's problem next to the part of a form it is about, with the
    field named by the label a person sees there (``‘purposes’`` becomes ``‘Minutes by
    purpose’``). The form's own message line says that nothing was saved.

    A field is known by the path a model error names (``recurrence → ends``) and by its label,
    which is what a parser names. The label is the widget's description, a text, or None for
    a problem about the whole item (then the path is left out of the message)."""

    def __init__(self, form_message: Messages) -> None:
        self.form_message = form_message
        self._areas: list[Messages] = []
        self._where: dict[str, tuple[Messages, str | None]] = {}

    def add(self, area: Messages, fields: Mapping[str, widgets.Widget | str | None]) -> None:
        for path, widget in fields.items():
            label = widget if widget is None or isinstance(widget, str) else _label(widget)
            self._where[path] = (area, label)
            if label:
                self._where.setdefault(label, (area, label))
        if all(area is not a for a in self._areas):
            self._areas.append(area)

    def message(self, exc: InputError) -> str:
        """The message with the model's name of the field replaced by its label."""
        field = exc.field or ""
        _area, label = self._where.get(field, (self.form_message, field))
        prefix = f"‘{field}’ "
        if field and exc.message.startswith(prefix) and label != field:
            rest = exc.message.removeprefix(prefix)
            return f"‘{label}’ {rest}" if label else rest[:1].upper() + rest[1:]
        return exc.message

    def show(self, exc: InputError) -> None:
        area, _label = self._where.get(exc.field or "", (self.form_message, None))
        area.error(self.message(exc))
        if area is not self.form_message:
            self.form_message.error("Nothing was saved: please fix the problem marked above.")

    def clear(self) -> None:
        for area in self._areas:
            area.clear()
