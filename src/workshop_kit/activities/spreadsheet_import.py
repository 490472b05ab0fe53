"""Loading a spreadsheet into an inventory (Day 2 resources, Day 3 meetings), one flow for both.

A clean file is imported at once. A file with problems imports nothing until the team confirms
that the rows that can be read should go in; a file that cannot be read imports nothing at all.
The report lists every problem by row, escaped. A file whose headings are not all ones the kit
knows (or lacks a column it needs) also offers "Match the columns": the team says which field each
heading holds, and the same file is read again with that matching.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, Protocol, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.paste import paste_area
from workshop_kit.errors import InputError
from workshop_kit.logic.column_map import LEAVE_OUT, ColumnHeading, ColumnMatch
from workshop_kit.logic.resource_import import PASTED_ROWS, RowMessage
from workshop_kit.logic.words import plural
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import button, tagged, upload_button


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
    @property
    def unreadable(self) -> bool: ...
    @property
    def matching(self) -> ColumnMatch | None: ...


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


#: what "Leave this column out" is called in each column's list of fields
LEAVE_OUT_LABEL = "Leave this column out"


def _samples_html(heading: ColumnHeading) -> str:
    if not heading.samples:
        return '<span class="wk-column-samples">(empty in the first rows)</span>'
    shown = ", ".join(f"‘{esc(s)}’" for s in heading.samples)
    return f'<span class="wk-column-samples">e.g. {shown}</span>'


class ColumnChoices(widgets.VBox):
    """The step "Match the columns": a row per heading of the file (the heading, a few of its
    values, and a list of the kit's fields, preselected with the automatic guess) and the button
    that reads the file again with the chosen fields. Hidden until :meth:`show` is given a file's
    headings."""

    def __init__(self, on_import: Callable[[], Any]) -> None:
        super().__init__(layout={"display": "none"})
        self.add_class("wk-column-map")
        self.intro = tagged(widgets.HTML(), "wk-column-map-intro")
        self.rows = tagged(widgets.VBox(), "wk-column-rows")
        #: heading -> the list of fields chosen for it
        self.choices: dict[str, widgets.Dropdown] = {}
        self.import_button = button(
            "wk-import-mapped",
            on_import,
            "Import with these columns",
            "columns",
            style="primary",
            layout={"width": "260px"},
        )
        self.message = tagged(Messages(), "wk-column-map-message")
        self.children = [
            self.intro,
            self.rows,
            widgets.HBox([self.import_button, self.message]),
        ]

    def show(self, match: ColumnMatch) -> None:
        """A row for each of the file's headings, from ``match``, with its guess chosen."""
        options = [(LEAVE_OUT_LABEL, LEAVE_OUT), *((label, f) for f, label in match.fields)]
        self.choices = {h.heading: self._choice(h, options) for h in match.headings}
        self.rows.children = [
            tagged(
                widgets.HBox([self.choices[h.heading], widgets.HTML(_samples_html(h))]),
                "wk-column-row",
            )
            for h in match.headings
        ]

        def fields(ids: Sequence[str], joint: str) -> str:
            return f" {joint} ".join(f"<i>{esc(match.label(f))}</i>" for f in ids)

        missing = (
            f" No column is matched to {fields(match.missing, 'or')} yet." if match.missing else ""
        )
        needed = fields(match.required, "and")
        unknown = (
            f"The kit does not know some of the headings of ‘{esc(match.file_name)}’. "
            if match.unmatched
            else ""
        )
        self.intro.value = (
            f"<h4>Match the columns</h4><p>{unknown}For each column of the file, choose what it "
            f"holds, or leave it out; {needed} are needed.{missing}</p>"
        )
        self.message.clear()
        self.layout.display = None

    @staticmethod
    def _choice(heading: ColumnHeading, options: list[tuple[str, str]]) -> widgets.Dropdown:
        """The list of fields for one heading; the heading is its label (plain text, never
        HTML), so a screen reader names the list by it."""
        return tagged(
            widgets.Dropdown(
                description=heading.heading,
                description_allow_html=False,
                tooltip=f"What the column ‘{heading.heading}’ holds",
                options=options,
                value=heading.guess or LEAVE_OUT,
                style={"description_width": "200px"},
                layout={"width": "480px"},
            ),
            "wk-column-choice",
        )

    def chosen(self) -> dict[str, str]:
        """The team's matching: heading -> field id (or :data:`LEAVE_OUT`)."""
        return {heading: str(choice.value) for heading, choice in self.choices.items()}

    def hide(self) -> None:
        self.layout.display = "none"
        self.message.clear()

    @property
    def shown(self) -> bool:
        return bool(self.layout.display != "none")


class SpreadsheetImport(widgets.VBox, Generic[R]):
    """An upload button, the report, and Import/Cancel buttons shown only when a file has
    problems. ``read(name, content)`` makes the report; ``apply(report)`` saves it and returns
    the message that says what was imported.

    With ``paste`` (what a row is, plural: "resources"), rows copied from a spreadsheet can be
    pasted instead, headings first; they go through the same reading and checks as a file, and
    are always shown first, for the person to confirm.

    With ``read_matched(name, content, columns)`` (a reader that takes the team's matching of the
    headings), a file whose headings are not all known offers "Match the columns" (see
    :class:`ColumnChoices`); the same file is then read again with the matching chosen."""

    def __init__(
        self,
        panel: Panel,
        upload_class: str,
        read: Callable[[str, bytes], R],
        apply: Callable[[R], str],
        paste: str = "",
        read_matched: Callable[[str, bytes, Mapping[str, str]], R] | None = None,
    ) -> None:
        super().__init__()
        self.paste = paste
        self.panel = panel  # a stale save offers the panel's reload
        self._read, self._apply, self._read_matched = read, apply, read_matched
        #: the file last chosen (name, content), kept while its columns can be matched
        self.file: tuple[str, bytes] | None = None
        self.columns = ColumnChoices(self.import_matched)
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
            self.columns,
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
        self.children = [self.children[0], self.paste_box, *self.children[-4:]]

    @guarded(lambda self: self.message)
    def read_paste(self) -> None:
        self.cancel(quiet=True)
        self.forget_file()
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
        self.forget_file()
        report = self._read(name, content)
        matching = report.matching if self._read_matched is not None else None
        if matching is not None and matching.worth_matching and not report.clean:
            self.file = (name, content)
            self.columns.show(matching)
        self.show_report(report)

    @guarded(lambda self: self.columns.message)
    def import_matched(self) -> None:
        """Read the same file again with the columns the team matched, then go on as usual."""
        if self.file is None or self._read_matched is None:
            raise InputError("There is no file waiting; load the spreadsheet again.")
        name, content = self.file
        report = self._read_matched(name, content, self.columns.chosen())
        if report.unreadable:  # the matching lacks a field, or names one field twice
            problems = [m.text for m in report.problems]
            raise InputError(" ".join(problems) + " Nothing has been imported.")
        self.columns.message.clear()
        self.cancel(quiet=True)
        self.show_report(report)

    def show_report(self, report: R) -> None:
        """Show what reading a file found, and import it if it is clean."""
        name = report.file_name
        self.view.value = report_html(report)
        or_match = " or match its columns below" if self.columns.shown else ""
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
                f"imported. Fix the file and load it again{or_match}, or import only the "
                f"{len(report.rows)} rows that can be read."
            )
        elif or_match and report.matching is not None and report.matching.missing:
            self.message.error(
                f"Nothing was imported from ‘{name}’: the kit cannot tell which of its columns "
                "hold what it needs. Match them below, or fix the file and load it again."
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
        self.forget_file()
        if report.file_name == PASTED_ROWS and self.paste_box is not None:
            self.paste_text.value = ""
            self.children = [self.children[0], *self.children[-4:]]
        self.message.ok(done)

    def cancel(self, quiet: bool = False) -> None:
        self.pending = None
        self.hide_buttons()
        if not quiet:
            self.forget_file()
            self.view.value = ""
            self.message.info("Import cancelled; nothing was changed.")

    def forget_file(self) -> None:
        """Let go of the file chosen last, and of the matching of its columns."""
        self.file = None
        self.columns.hide()

    def hide_buttons(self) -> None:
        self.confirm_button.layout.display = "none"
        self.cancel_button.layout.display = "none"
