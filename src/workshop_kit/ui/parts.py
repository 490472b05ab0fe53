"""Widget parts the panels of every day share, each said once.

* :func:`tagged`, :func:`button`, :func:`save_button`, :func:`on_click`: a widget with the CSS
  class the page's style and the browser tests find it by; a button wired to its callback.
* :func:`limited`, :func:`limit_of`: a field tagged with the length its model allows, which the
  page's script counts as the person types (``wk-limit-500``).
* :func:`date_field`, :func:`dropdown`, :func:`upload_button`, :func:`criteria_checks`.

The editable table is :mod:`.row_editor`, the list of tick boxes :mod:`.checkbox_list`, closing
widgets no longer shown :mod:`.closing`; a model's problem named by the label the team sees is
in :mod:`.labels`; the HTML pieces the panels show (tables, figures, lists) are in :mod:`.html`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import annotated_types
import ipywidgets as widgets
from pydantic import BaseModel

from workshop_kit.ui.closing import replace_children

W = TypeVar("W", bound=widgets.DOMWidget)


def on_click(button: widgets.Button, callback: Callable[[], Any]) -> None:
    """Call ``callback`` (with no argument) when ``button`` is pressed."""
    button.on_click(lambda _b: callback())


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
