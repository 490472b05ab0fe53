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
from workshop_kit.activities.paste import paste_area
from workshop_kit.errors import InputError
from workshop_kit.logic.resource_import import PASTED_ROWS, RowMessage
from workshop_kit.logic.words import plural


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
    where = "the pasted rows" if report.file_name == PASTED_ROWS else f"‘{esc(report.file_name)}’"
    return f"<p><b>What we found in {where}:</b></p><ul>{items}</ul>"


class SpreadsheetImport(widgets.VBox, Generic[R]):
    """An upload button, the report, and Import/Cancel buttons shown only when a file has
    problems. ``read(name, content)`` makes the report; ``apply(report)`` saves it and returns
    the message that says what was imported.

    With ``paste`` (what a row is, plural: "resources"), rows copied from a spreadsheet can be
    pasted instead, headings first; they go through the same reading and checks as a file, and
    are always shown first, for the person to confirm."""

    def __init__(
        self,
        panel: Panel,
        upload_class: str,
        read: Callable[[str, bytes], R],
        apply: Callable[[R], str],
        paste: str = "",
    ) -> None:
        super().__init__()
        self.paste = paste
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
        self.paste_box: widgets.VBox | None = None
        self.paste_button = button(
            "wk-paste-open",
            self.open_paste,
            f"Paste {paste} from a spreadsheet",
            "clipboard",
            layout={"display": None if paste else "none"},
        )
        self.children = [
            widgets.HBox([self.upload, self.paste_button]),
            self.message,
            self.view,
            widgets.HBox([self.confirm_button, self.cancel_button]),
        ]

    def open_paste(self) -> None:
        """Show the paste box, made the first time it is wanted."""
        if self.paste_box is None:
            self.paste_text = paste_area(self.paste)
            self.paste_check_button = button(
                "wk-paste-preview", self.read_paste, f"Check the {self.paste}", "eye"
            )
            self.paste_box = widgets.VBox(
                [
                    widgets.HTML(
                        f"<p>Copy the {esc(self.paste)} in your spreadsheet with their column "
                        "headings (the same headings a file needs), then paste them below.</p>"
                    ),
                    self.paste_text,
                    self.paste_check_button,
                ]
            )
        self.children = [self.children[0], self.paste_box, *self.children[-3:]]

    @guarded(lambda self: self.message)
    def read_paste(self) -> None:
        self.cancel(quiet=True)
        report = self._read(PASTED_ROWS, self.paste_text.value.encode("utf-8"))
        self.view.value = report_html(report)
        if not report.rows:
            self.message.error("Nothing can be added from the pasted rows; see below.")
            return
        self.pending = report
        self.confirm_button.description = (
            f"Add the {plural(len(report.rows), self.paste[:-1], self.paste)} that can be read"
            if report.problems
            else f"Add these {plural(len(report.rows), self.paste[:-1], self.paste)}"
        )
        self.confirm_button.layout.display = None
        self.cancel_button.layout.display = None
        self.message.info(
            f"{plural(len(report.rows), self.paste[:-1], self.paste)} can be added. Nothing is "
            "added until you confirm."
        )

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
        if report.file_name == PASTED_ROWS and self.paste_box is not None:
            self.paste_text.value = ""
            self.children = [self.children[0], *self.children[-3:]]
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
