"""Day 3, activity 3: every recurring meeting, typed in a form or loaded from a spreadsheet."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import hours_text
from workshop_kit.logic.meeting_import import MeetingImport, read_meetings
from workshop_kit.logic.parse import parse_date, parse_dates, parse_minutes, parse_time, parse_whole
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
from workshop_kit.model.names import new_id, same_name, tidy
from workshop_kit.model.plan import TeamPlan
from workshop_kit.ui.form import ItemForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import Cell, counted, esc, html_table, number, problems_html
from workshop_kit.ui.labels import FieldErrors
from workshop_kit.ui.messages import Messages, SecondSave
from workshop_kit.ui.parts import date_field, limited, on_click, tagged
from workshop_kit.validation import build

SHORT = {"width": "260px"}
NO_MEETINGS = "No meetings listed yet. Add the first one with the form above."


class MeetingsPanel(Day3Panel):
    """Every recurring meeting: a form to add one or change a chosen one, the meetings as a
    table, and a spreadsheet import."""

    kinds = (MeetingTime,)

    def build(self) -> list[widgets.Widget]:
        cfg = self.config
        self.form = ItemForm(
            "meeting", self.show_item, "meeting", is_blank=lambda: not self.name.value.strip()
        )
        # the names the tests and the page have always used for the form's parts
        self.choice, self.form_message = self.form.choice, self.form.message
        self.save_button, self.remove_button = self.form.save_button, self.form.remove_button

        # each field with the CSS class (after "wk-meeting-") the page and the tests find it by
        def text(
            css: str, description: str, placeholder: str = "", layout: Any = None
        ) -> widgets.Text:
            made = widgets.Text(
                continuous_update=False,
                description=description,
                placeholder=placeholder,
                layout=layout or WIDE,
                style=LABEL,
            )
            return tagged(made, f"wk-meeting-{css}")

        def choice(css: str, description: str, options: Any, layout: Any) -> widgets.Dropdown:
            made = widgets.Dropdown(
                description=description, options=options, layout=layout, style=LABEL
            )
            return tagged(made, f"wk-meeting-{css}")

        self.name = limited(text("name", "Name", "e.g. Grade 3 team"), Meeting, "name")
        self.type = choice("type", "Type", [(t.label, t.id) for t in cfg.meeting_types], WIDE)
        self.attendees = limited(
            text("attendees", "Who attends", "e.g. grade 3 teachers and the ELD specialist"),
            Meeting,
            "attendees",
        )
        self.headcount = text("headcount", "How many people", layout=SHORT)
        self.minutes = text("minutes", "Length (minutes)", layout=SHORT)
        self.start_time = text("start-time", "Starts at", "e.g. 15:15 or 3:15 pm", SHORT)
        self.kind = choice(
            "kind",
            "Repeats",
            [(label, k) for k, label in RECURRENCE_LABELS.items()],
            {"width": "420px"},
        )
        self.kind.observe(lambda _c: self.show_kind_fields(), names="value")
        narrow = {"width": "300px"}
        self.weekday = choice("weekday", "On", [(d.label, d.value) for d in Weekday], narrow)
        self.nth = choice("nth", "Which week", [(f"the {n}", n) for n in NTH_NUMBER], narrow)
        self.dates = text("dates", "Dates", "YYYY-MM-DD, YYYY-MM-DD, ...")
        self.per_year = text("per-year", "Times a year", layout=SHORT)
        self.starts = date_field("wk-meeting-starts", "From (optional)", style=LABEL)
        self.ends = date_field("wk-meeting-ends", "Until (optional)", style=LABEL)
        self.purpose_fields = {
            p: widgets.Text(
                continuous_update=False,
                description=cfg.purpose_label(p),
                layout={"width": "360px"},
                style={"description_width": "250px"},
            )
            for p in (
                Purpose.LOGISTICS,
                Purpose.COMPLIANCE,
                Purpose.GOAL,
                Purpose.OTHER_INSTRUCTIONAL,
            )
        }
        self.adds_up = widgets.HTML()
        for field in (self.minutes, *self.purpose_fields.values()):
            field.observe(lambda _c: self.show_adds_up(), names="value")
        #: the recurrence widgets, by the model field each one fills
        self.when_fields: dict[str, widgets.Widget] = {
            "weekday": self.weekday,
            "nth": self.nth,
            "dates": self.dates,
            "per_year": self.per_year,
            "starts": self.starts,
            "ends": self.ends,
        }
        for purpose, w in self.purpose_fields.items():
            w.add_class(f"wk-minutes-{purpose.value}")
        # a problem is shown next to the part of the form it is about
        self.what_message, self.when_message, self.purposes_message = (
            Messages(),
            Messages(),
            Messages(),
        )
        self.errors = FieldErrors(self.form.message)
        self.second_save = SecondSave()
        self.errors.add(self.what_message, {"name": self.name, "type": self.type})
        self.errors.add(
            self.what_message,
            {
                "attendees": self.attendees,
                "headcount": self.headcount,
                "minutes": self.minutes,
                "start_time": self.start_time,
            },
        )
        self.errors.add(
            self.when_message,
            {
                "recurrence": self.kind,
                **{f"recurrence → {k}": w for k, w in self.when_fields.items()},
            },
        )
        self.errors.add(self.when_message, {"meetings": None, "(the whole file)": None})
        self.errors.add(
            self.purposes_message,
            {
                "purposes": "Minutes by purpose",
                **{f"purposes → {p.value}": w for p, w in self.purpose_fields.items()},
            },
        )
        on_click(self.form.save_button, self.save_meeting)
        on_click(self.form.remove_button, self.remove_meeting)
        self.table = tagged(widgets.HTML(), "wk-meeting-table")

        self.importer = SpreadsheetImport(
            self, "wk-meeting-upload", self.read_spreadsheet, self.import_report, paste="meetings"
        )

        self.when_box = widgets.VBox(
            [
                self.kind,
                *list(self.when_fields.values())[:4],
                widgets.HBox([self.starts, self.ends]),
            ]
        )
        form = tagged(
            widgets.VBox(
                [
                    widgets.HTML("<h4>Add a meeting, or change one you listed</h4>"),
                    self.form.choice,
                    self.name,
                    self.type,
                    self.attendees,
                    widgets.HBox([self.headcount, self.minutes, self.start_time]),
                    self.what_message,
                    self.when_box,
                    self.when_message,
                    widgets.HTML(
                        "<b>How are its minutes spent today?</b> (they must add up to its length)"
                    ),
                    *self.purpose_fields.values(),
                    self.adds_up,
                    self.purposes_message,
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
        self.errors.clear()
        meeting = self.load(MeetingTime).meeting(meeting_id or "")
        if meeting is None:
            self.clear_form()
            return
        rec = meeting.recurrence
        self.name.value = meeting.name
        known_types = {t.id for t in self.config.meeting_types}
        self.type.value = meeting.type if meeting.type in known_types else self.type.options[-1][1]
        self.attendees.value = meeting.attendees
        self.headcount.value = str(meeting.headcount)
        self.minutes.value = str(meeting.minutes)
        self.start_time.value = meeting.start_time.strftime("%H:%M") if meeting.start_time else ""
        self.kind.value = rec.kind
        if rec.weekday:
            self.weekday.value = rec.weekday.value
        if rec.nth:
            self.nth.value = rec.nth
        self.dates.value = ", ".join(d.isoformat() for d in rec.dates)
        self.per_year.value = str(rec.per_year or "")
        self.starts.value, self.ends.value = rec.starts, rec.ends
        for purpose, field in self.purpose_fields.items():
            field.value = str(meeting.purposes.of(purpose))
        self.show_kind_fields()

    def clear_form(self) -> None:
        for w in (
            self.name,
            self.attendees,
            self.headcount,
            self.minutes,
            self.start_time,
            self.dates,
            self.per_year,
            *self.purpose_fields.values(),
        ):
            w.value = ""
        self.starts.value = self.ends.value = None
        self.kind.value = "weekly"
        self.show_kind_fields()

    def show_kind_fields(self) -> None:
        used = RECURRENCE_FIELDS[self.kind.value]
        for name, w in self.when_fields.items():
            w.layout.display = None if name in used else "none"

    def show_adds_up(self) -> None:
        """A live hint while the team types (the model decides when the meeting is saved)."""
        try:
            length = parse_whole(self.minutes.value, "Length")
            spent = sum(parse_minutes(f.value, p.value) for p, f in self.purpose_fields.items())
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

    def typed_meeting(self, meeting_id: str) -> Meeting:
        """The meeting as typed; every problem is the parser's or the model's, with its field."""
        kind = self.kind.value
        used = RECURRENCE_FIELDS[kind]
        recurrence: dict[str, Any] = {"kind": kind}
        if "weekday" in used:
            recurrence["weekday"] = self.weekday.value
        if "nth" in used:
            recurrence["nth"] = self.nth.value
        if "starts" in used:
            recurrence["starts"] = parse_date(self.starts.value, "From", required=False)
            recurrence["ends"] = parse_date(self.ends.value, "Until", required=False)
        if "dates" in used:
            recurrence["dates"] = parse_dates(self.dates.value, "Dates")
        if "per_year" in used:
            recurrence["per_year"] = parse_whole(self.per_year.value, "Times a year")
        return build(
            Meeting,
            {
                "id": meeting_id,
                "name": tidy(self.name.value),
                "type": self.type.value,
                "attendees": tidy(self.attendees.value),
                "headcount": parse_whole(self.headcount.value, "How many people"),
                "minutes": parse_whole(self.minutes.value, "Length (minutes)", minimum=5),
                "start_time": parse_time(self.start_time.value, "Starts at"),
                "recurrence": recurrence,
                "purposes": {
                    p.value: parse_minutes(f.value, self.config.purpose_label(p))
                    for p, f in self.purpose_fields.items()
                },
            },
        )

    @guarded(lambda self: self.form.message)
    def save_meeting(self) -> None:
        if self.form.is_double_click():
            return
        self.errors.clear()
        try:
            self.save_typed_meeting()
        except InputError as exc:
            self.errors.show(exc)

    def save_typed_meeting(self) -> None:
        current = self.load(MeetingTime)
        editing = self.form.editing
        taken = {m.id for m in current.meetings}
        meeting = self.typed_meeting(editing or new_id(self.name.value, taken, "meeting"))
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
