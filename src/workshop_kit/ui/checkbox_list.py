"""A choice of several items as tick boxes with full labels (in place of a Ctrl-click list)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import traitlets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from workshop_kit.ui.closing import close_tree
from workshop_kit.ui.html import esc


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
