"""Closing widgets that are no longer shown, with everything inside them, so a panel rebuilt
after every save does not pile up widget models in the kernel and the page."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import ipywidgets as widgets


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
