"""Loading a spreadsheet into an inventory (Day 2 resources, Day 3 meetings), one flow for both.

A clean file is imported at once. A file with problems imports nothing until the team confirms
that the rows that can be read should go in; a file that cannot be read imports nothing at all.
The report lists every problem by row, escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.common import Messages, Panel, esc, guarded
from workshop_kit.activities.parts import button, tagged, upload_button
from workshop_kit.errors import InputError
from workshop_kit.logic.resource_import import RowMessage


class SpreadsheetReport(Protocol):
    """What the readers of both inventories return (see ``logic/*_import.py``)."""

    @property
    def file_name(self) -> str: ...
    @property
    def rows(self) -> Sequence[Any]: ...
    @property
    def messages(self) -> Sequence[RowMessage]: ...
    @property
    def problems(self) -> Sequence[RowMessage]: ...
    @property
    def clean(self) -> bool: ...
    @property
    def needs_confirmation(self) -> bool: ...


R = TypeVar("R", bound=SpreadsheetReport)


def report_html(report: SpreadsheetReport) -> str:
    """The report as an escaped list: problems first, then notes."""
    if not report.messages:
        return ""
    items = "".join(
        f'<li class="wk-import-{m.level}">{"⚠" if m.level == "problem" else "ℹ"} {esc(m)}</li>'
        for m in sorted(report.messages, key=lambda m: m.level != "problem")
    )
    return f"<p><b>What we found in ‘{esc(report.file_name)}’:</b></p><ul>{items}</ul>"


class SpreadsheetImport(widgets.VBox, Generic[R]):
    """An upload button, the report, and Import/Cancel buttons shown only when a file has
    problems. ``read(name, content)`` makes the report; ``apply(report)`` saves it and returns
    the message that says what was imported."""

    def __init__(
        self,
        panel: Panel,
        upload_class: str,
        read: Callable[[str, bytes], R],
        apply: Callable[[R], str],
    ) -> None:
        super().__init__()
        self.panel = panel  # a stale save offers the panel's reload
        self._read, self._apply = read, apply
        self.upload = upload_button(
            upload_class, "Load a spreadsheet", self.read_upload, layout={"width": "220px"}
        )
        self.view = tagged(widgets.HTML(), "wk-import-report")
        self.message = Messages()
        self.confirm_button = button(
            "wk-confirm-import",
            self.confirm,
            "Import the rows that can be read",
            "check",
            style="warning",
            layout={"width": "300px", "display": "none"},
        )
        self.cancel_button = button(
            "wk-cancel-import", self.cancel, "Cancel", "times", layout={"display": "none"}
        )
        self.pending: R | None = None
        self.children = [
            self.upload,
            self.message,
            self.view,
            widgets.HBox([self.confirm_button, self.cancel_button]),
        ]

    @guarded(lambda self: self.message)
    def read_upload(self, name: str, content: bytes) -> None:
        self.cancel(quiet=True)
        report = self._read(name, content)
        self.view.value = report_html(report)
        if report.clean:
            self.pending = report
            self.confirm()
        elif report.needs_confirmation:
            self.pending = report
            self.confirm_button.description = f"Import the {len(report.rows)} rows that can be read"
            self.confirm_button.layout.display = None
            self.cancel_button.layout.display = None
            self.message.error(
                f"‘{name}’ has {len(report.problems)} problem(s), listed below. Nothing has been "
                f"imported. Fix the file and load it again, or import only the {len(report.rows)} "
                "rows that can be read."
            )
        else:
            self.message.error(f"Nothing was imported from ‘{name}’; see the problems below.")

    @guarded(lambda self: self.message)
    def confirm(self) -> None:
        report = self.pending
        if report is None:
            raise InputError("There is nothing waiting to be imported; load a spreadsheet first.")
        done = self._apply(report)
        self.pending = None
        self.hide_buttons()
        self.message.ok(done)

    def cancel(self, quiet: bool = False) -> None:
        self.pending = None
        self.hide_buttons()
        if not quiet:
            self.view.value = ""
            self.message.info("Import cancelled; nothing was changed.")

    def hide_buttons(self) -> None:
        self.confirm_button.layout.display = "none"
        self.cancel_button.layout.display = "none"
