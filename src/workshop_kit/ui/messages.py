"""Plain-language messages placed next to the fields they speak about.

* :class:`Messages`: a message line (ok, error, info, warning); text is always escaped.
* :class:`SecondSave`: implausible values are kept only when saved twice.
* :func:`problem_html`: the message shown in place of an activity that cannot be shown.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, Literal

import ipywidgets as widgets

from workshop_kit.ui.html import esc

#: how each kind of message looks
STYLE = {
    "ok": "color:#1b5e20;background:#e8f5e9;border-left:4px solid #2e7d32",
    "error": "color:#8a1c1c;background:#fdecea;border-left:4px solid #c62828",
    "info": "color:#0d3c61;background:#e8f1fb;border-left:4px solid #1565c0",
    "warning": "color:#5c3b00;background:#fff4d6;border-left:4px solid #b26a00",
}


class Messages(widgets.HTML):
    """A message line. Text is always escaped: what a team typed is shown, never run."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(value="", **kwargs)
        self.kind: str = ""
        self.text: str = ""

    def show(self, kind: Literal["ok", "error", "info", "warning"], text: str) -> None:
        self.kind, self.text = kind, text
        role = "status" if kind in ("ok", "info") else "alert"
        self.value = (
            f'<div class="wk-msg wk-{kind}" role="{role}" '
            f'style="{STYLE[kind]};padding:4px 8px;margin:2px 0">{esc(text)}</div>'
        )

    def ok(self, text: str) -> None:
        self.show("ok", text)

    def error(self, text: str) -> None:
        self.show("error", text)

    def info(self, text: str) -> None:
        self.show("info", text)

    def warning(self, text: str) -> None:
        self.show("warning", text)

    def clear(self) -> None:
        self.kind, self.text, self.value = "", "", ""


class SecondSave:
    """Keeps implausible values (see :mod:`workshop_kit.logic.plausibility`) only when they are
    saved twice: the first Save shows the warning and saves nothing; the same values saved again
    go ahead. Changed values are checked afresh."""

    def __init__(self) -> None:
        self._warned: Hashable | None = None

    def holds_back(
        self, messages: Messages, warnings: Sequence[str], values: Hashable, button: str
    ) -> bool:
        """True when ``warnings`` about ``values`` are shown now (so the panel saves nothing);
        False when there is none, or when they were shown for these values before."""
        if not warnings or self._warned == values:
            self._warned = None
            return False
        self._warned = values
        messages.warning(
            f"Please check: {'; '.join(warnings)}. Nothing has been saved yet. If that is right, "
            f"press “{button}” again to save it as it is."
        )
        return True


def problem_html(text: str) -> str:
    return (
        f'<div class="wk-msg wk-error" role="alert" style="{STYLE["error"]};padding:8px">'
        f"<b>This activity cannot be shown.</b> {esc(text)}</div>"
    )
