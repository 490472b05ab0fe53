"""Day 3, activity 3: every recurring meeting, typed in a form or loaded from a spreadsheet."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day3.base import Day3Panel
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.config.day3 import Day3Config
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import hours_text
from workshop_kit.logic.meeting_import import MeetingImport, read_meetings
from workshop_kit.logic.parse import parse_minutes, parse_whole
from workshop_kit.logic.plausibility import meeting_warnings
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import (
    NTH_NUMBER,
    RECURRENCE_FIELDS,
    RECURRENCE_LABELS,
    Meeting,
    MeetingTime,
    Purpose,
    Weekday,
)
from workshop_kit.model.names import new_id, same_name
from workshop_kit.model.plan import TeamPlan
from workshop_kit.ui.form import Field, FieldForm, ItemForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import Cell, counted, esc, html_table, number, problems_html
from workshop_kit.ui.messages import SecondSave
from workshop_kit.ui.parts import on_click, tagged

SHORT, NARROW, MID = "260px", "300px", "420px"
NO_MEETINGS = "No meetings listed yet. Add the first one with the form above."
REPEATS = [(label, kind) for kind, label in RECURRENCE_LABELS.items()]
WEEKDAYS = [(day.label, day.value) for day in Weekday]
WEEKS = [(f"the {nth}", nth) for nth in NTH_NUMBER]


def meeting_fields(cfg: Day3Config) -> dict[str, list[Field]]:
    """The meeting form, a field a line, by the part of the form that shows its problems: what
    the meeting is, when it meets, and how its minutes are spent."""
    types = [(t.label, t.id) for t in cfg.meeting_types]
    what = [
        Field("name", "text", "Name", "e.g. Grade 3 team"),
        Field("type", "choice", "Type", options=types),
        Field("attendees", "text", "Who attends", "e.g. grade 3 teachers and the ELD specialist"),
        Field("headcount", "whole", "How many people", width=SHORT),
        Field("minutes", "whole", "Length (minutes)", minimum=5, width=SHORT, beside=True),
        Field("start_time", "time", "Starts at", "e.g. 15:15 or 3:15 pm", width=SHORT, beside=True),
    ]
    when = [
        Field("recurrence.kind", "choice", "Repeats", options=REPEATS, reset="weekly", width=MID),
        Field("recurrence.weekday", "choice", "On", options=WEEKDAYS, width=NARROW),
        Field("recurrence.nth", "choice", "Which week", options=WEEKS, width=NARROW),
        Field("recurrence.dates", "dates", "Dates", "YYYY-MM-DD, YYYY-MM-DD, ..."),
        Field("recurrence.per_year", "whole", "Times a year", width=SHORT),
        Field("recurrence.starts", "date", "From", required=False),
        Field("recurrence.ends", "date", "Until", required=False, beside=True),
    ]
    purposes = [
        Field(
            f"purposes.{p.value}",
            "minutes",
            cfg.purpose_label(p),
            width="360px",
            label_width="250px",
            css=f"wk-minutes-{p.value}",
        )
        for p in Purpose
    ]
    return {"what": what, "when": when, "purposes": purposes}


#: problems the model names by a path no field holds
ELSEWHERE = {
    "recurrence": ("when", "Repeats"),
    "meetings": ("when", None),
    "(the whole file)": ("when", None),
    "purposes": ("purposes", "Minutes by purpose"),
}


class MeetingsPanel(Day3Panel):
    """Every recurring meeting: a form to add one or change a chosen one, the meetings as a
    table, and a spreadsheet import."""

    kinds = (MeetingTime,)

    def build(self) -> list[widgets.Widget]:
        self.form = ItemForm(
            "meeting",
            self.show_item,
            "meeting",
            is_blank=lambda: not self.fields["name"].value.strip(),
        )
        # the names the tests and the page have always used for the form's parts
        self.choice, self.form_message = self.form.choice, self.form.message
        self.save_button, self.remove_button = self.form.save_button, self.form.remove_button
        self.fields = FieldForm(
            Meeting, meeting_fields(self.config), "meeting", self.form.message, ELSEWHERE
        )
        self.fields["recurrence.kind"].observe(lambda _c: self.show_kind_fields(), names="value")
        self.adds_up = widgets.HTML()
        for path in ("minutes", *(f"purposes.{p.value}" for p in Purpose)):
            self.fields[path].observe(lambda _c: self.show_adds_up(), names="value")
        self.second_save = SecondSave()
        on_click(self.form.save_button, self.save_meeting)
        on_click(self.form.remove_button, self.remove_meeting)
        self.table = tagged(widgets.HTML(), "wk-meeting-table")
        self.importer = SpreadsheetImport(
            self, "wk-meeting-upload", self.read_spreadsheet, self.import_report, paste="meetings"
        )
        messages = self.fields.messages
        form = tagged(
            widgets.VBox(
                [
                    widgets.HTML("<h4>Add a meeting, or change one you listed</h4>"),
                    self.form.choice,
                    *self.fields.rows("what"),
                    messages["what"],
                    widgets.VBox(self.fields.rows("when")),
                    messages["when"],
                    widgets.HTML(
                        "<b>How are its minutes spent today?</b> (they must add up to its length)"
                    ),
                    *self.fields.rows("purposes"),
                    self.adds_up,
                    messages["purposes"],
                    self.form.buttons,
                    self.form.message,
                ]
            ),
            "wk-meeting-form",
        )
        return [
            form,
            widgets.HTML("<h4>Your meetings</h4>"),
            self.table,
            widgets.HTML(
                "<h4>Or load a spreadsheet</h4><p>A CSV or Excel file with a row per meeting and "
                "at least the columns <i>Meeting</i>, <i>Type</i>, <i>People</i>, <i>Minutes</i> "
                "and <i>Repeats</i> (and <i>Day</i>, <i>Week of month</i>, <i>Dates</i> or "
                "<i>Times a year</i> as the way it repeats needs). The meeting ledger the team "
                "plan saves has exactly these columns. Rows with the name of a meeting you "
                "already have update it.</p>"
            ),
            self.importer,
        ]

    def status(self) -> str:
        meetings = self.load(MeetingTime).meetings
        return f"the school lists {counted(len(meetings), 'meeting')}"

    def listed(self, meetings: MeetingTime) -> list[tuple[str, str]]:
        return [(m.id, m.name) for m in meetings.meetings]

    def on_reloaded(self) -> None:
        self.form.show_saved()

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        self.form.set_items(self.listed(meetings))
        self.fill_table()
        self.show_item(self.form.editing)
        if not meetings.meetings:
            self.messages.info(NO_MEETINGS)

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Another device saved meetings: the "Add or change" list and the table show every
        saved meeting at once (a member must not add one again because it is missing); the
        fields keep what is typed here, and the note says whose save it was."""
        meetings = self.load(MeetingTime)
        self.form.set_items(self.listed(meetings))
        self.fill_table()
        if meetings.meetings and self.messages.text == NO_MEETINGS:
            self.messages.clear()
        super().on_saved_elsewhere(kind, author)

    def fill_table(self) -> None:
        try:
            ledger = self.ledger()
        except InputError as exc:
            self.table.value = problems_html([exc.message])
            return
        if not ledger.lines:
            self.table.value = "<p><i>No meetings yet.</i></p>"
            return
        rows = []
        for line in ledger.lines:
            m = line.meeting
            spent = " · ".join(
                f"{esc(self.config.purpose_label(p))} {m.purposes.of(p)}"
                for p in Purpose
                if m.purposes.of(p)
            )
            rows.append(
                (
                    Cell(f"{esc(m.name)}<br><small>{esc(m.attendees)}</small>"),
                    self.config.type_label(m.type),
                    number(m.headcount),
                    number(m.minutes),
                    m.recurrence.describe(),
                    number(line.count),
                    number(f"{line.hours:,.1f}"),
                    Cell(f"<small>{spent}</small>"),
                )
            )
        headers = (
            "Meeting",
            "Type",
            "People",
            "Minutes",
            "When",
            "Times a year",
            "Hours",
            "Minutes by purpose",
        )
        self.table.value = html_table(headers, rows, "wk-meetings-table")

    def show_item(self, meeting_id: str | None) -> None:
        """Fill the form from the saved meeting ``meeting_id``, or empty it for a new one."""
        self.fields.clear_errors()
        meeting = self.load(MeetingTime).meeting(meeting_id or "")
        if meeting is None:
            self.fields.clear()
        else:
            self.fields.fill(meeting)
        self.show_kind_fields()

    def show_kind_fields(self) -> None:
        kind = self.fields["recurrence.kind"].value
        self.fields.show_only("recurrence", {"kind", *RECURRENCE_FIELDS[kind]})

    def show_adds_up(self) -> None:
        """A live hint while the team types (the model decides when the meeting is saved)."""
        try:
            length = parse_whole(self.fields["minutes"].value, "Length")
            spent = sum(
                parse_minutes(self.fields[f"purposes.{p.value}"].value, p.value) for p in Purpose
            )
        except InputError:
            self.adds_up.value = ""
            return
        if spent == length:
            self.adds_up.value = f"<span style='color:#1b5e20'>✓ {spent} of {length} minutes</span>"
        else:
            self.adds_up.value = (
                f"<span style='color:#8a1c1c'>{spent} of {length} minutes: "
                f"{abs(length - spent)} {'still to place' if spent < length else 'too many'}</span>"
            )

    @guarded(lambda self: self.form.message)
    def save_meeting(self) -> None:
        if self.form.is_double_click():
            return
        self.fields.clear_errors()
        try:
            self.save_typed_meeting()
        except InputError as exc:
            self.fields.show_error(exc)

    def save_typed_meeting(self) -> None:
        current = self.load(MeetingTime)
        editing = self.form.editing
        taken = {m.id for m in current.meetings}
        name = self.fields["name"].value
        meeting = self.fields.item(id=editing or new_id(name, taken, "meeting"))
        if self.second_save.holds_back(
            self.form.message,
            meeting_warnings(meeting),
            meeting.model_dump_json(),
            self.form.save_button.description,
        ):
            return
        for other in current.meetings:
            if other.id != meeting.id and same_name(other.name, meeting.name):
                raise InputError(
                    f"‘{other.name}’ is already listed; choose it in ‘Add or change’ above to "
                    "change it.",
                    field="name",
                )
        year = current.year_or(self.config.school_year)
        saved = self.update(
            MeetingTime, lambda doc: doc.with_meeting(meeting, year), f"‘{meeting.name}’"
        )
        self.messages.clear()
        line = self.ledger().line(meeting.id)
        meets = (
            f"it meets {counted(line.count if line else 0, 'time')} this year "
            f"({hours_text(line.hours if line else 0)}). The school lists "
            f"{counted(len(saved.meetings), 'meeting')}."
        )
        self.form.saved_item(self.listed(saved), f"‘{meeting.name}’: {meets}")
        self.fill_table()  # after the form is empty: a new row means typing can go on

    @guarded(lambda self: self.form.message)
    def remove_meeting(self) -> None:
        meeting = self.load(MeetingTime).meeting(self.form.editing or "")
        if meeting is None:
            raise InputError("Choose the meeting to remove first.")
        saved = self.update(
            MeetingTime,
            lambda doc: doc.without_meeting(meeting.id),
            f"the meetings without ‘{meeting.name}’",
        )
        self.messages.clear()
        used = len(self.load(TeamPlan).referring_to(meeting.id))
        note = (
            f" {counted(used, 'part')} of the plan referred to it; the plan now lists "
            f"{'it' if used == 1 else 'them'} to fix."
            if used
            else ""
        )
        self.form.saved(self.listed(saved), f"Removed ‘{meeting.name}’.{note}")
        self.fill_table()

    def read_spreadsheet(self, name: str, content: bytes) -> MeetingImport:
        current = self.load(MeetingTime)
        return read_meetings(
            content, name, self.config, current, current.year_or(self.config.school_year)
        )

    def import_report(self, report: MeetingImport) -> str:
        year = self.year()
        saved = self.update(
            MeetingTime,
            lambda current: report.apply(current, current.year_or(year)),
            f"the meetings from ‘{report.file_name}’",
        )
        self.messages.clear()
        self.form.set_items(self.listed(saved))
        self.fill_table()
        added = sum(r.replaces is None for r in report.rows)
        return (
            f"Imported {added} new and updated {counted(len(report.rows) - added, 'meeting')} "
            f"from ‘{report.file_name}’. The school now lists "
            f"{counted(len(saved.meetings), 'meeting')}."
        )
