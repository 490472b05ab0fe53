"""Day 3, activity 3: every recurring meeting, typed in a form or loaded from a spreadsheet."""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import Messages, esc, guarded, on_click
from workshop_kit.activities.day3.base import (
    LABEL,
    NEW,
    NTH_OPTIONS,
    WIDE,
    Day3Panel,
    parse_date,
    parse_time,
    parse_whole,
    slug,
)
from workshop_kit.activities.day3.html import counted, problems_html
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import hours_text
from workshop_kit.logic.meeting_import import MeetingImport, read_meetings
from workshop_kit.logic.parse import parse_minutes
from workshop_kit.model.meetings import RECURRENCE_LABELS, Meeting, MeetingTime, Purpose, Weekday
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session
from workshop_kit.validation import build


class MeetingsPanel(Day3Panel):
    """Every recurring meeting: a form to add or change one, the meetings as a table, and a
    spreadsheet import."""

    kinds = (MeetingTime,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-meetings")
        cfg = self.config
        self.choice = widgets.Dropdown(description="Meeting", layout=WIDE, style=LABEL)
        self.choice.add_class("wk-meeting-choice")
        self.choice.observe(lambda _c: self.show_choice(), names="value")
        self.name = widgets.Text(
            description="Name", placeholder="e.g. Grade 3 team", layout=WIDE, style=LABEL
        )
        self.type = widgets.Dropdown(
            description="Type",
            options=[(t.label, t.id) for t in cfg.meeting_types],
            layout=WIDE,
            style=LABEL,
        )
        self.attendees = widgets.Text(
            description="Who attends",
            placeholder="e.g. grade 3 teachers and the ELD specialist",
            layout=WIDE,
            style=LABEL,
        )
        self.headcount = widgets.Text(
            description="How many people", layout={"width": "260px"}, style=LABEL
        )
        self.minutes = widgets.Text(
            description="Length (minutes)", layout={"width": "260px"}, style=LABEL
        )
        self.start_time = widgets.Text(
            description="Starts at",
            placeholder="e.g. 15:15",
            layout={"width": "260px"},
            style=LABEL,
        )
        self.kind = widgets.Dropdown(
            description="Repeats",
            options=[(label, k) for k, label in RECURRENCE_LABELS.items()],
            layout={"width": "420px"},
            style=LABEL,
        )
        self.kind.observe(lambda _c: self.show_kind_fields(), names="value")
        self.weekday = widgets.Dropdown(
            description="On",
            options=[(d.label, d.value) for d in Weekday],
            layout={"width": "300px"},
            style=LABEL,
        )
        self.nth = widgets.Dropdown(
            description="Which week",
            options=[(f"the {n}", n) for n in NTH_OPTIONS],
            layout={"width": "300px"},
            style=LABEL,
        )
        self.dates = widgets.Text(
            description="Dates", placeholder="YYYY-MM-DD, YYYY-MM-DD, ...", layout=WIDE, style=LABEL
        )
        self.per_year = widgets.Text(
            description="Times a year", layout={"width": "260px"}, style=LABEL
        )
        self.starts = widgets.Text(
            description="From (optional)",
            placeholder="YYYY-MM-DD",
            layout={"width": "300px"},
            style=LABEL,
        )
        self.ends = widgets.Text(
            description="Until (optional)",
            placeholder="YYYY-MM-DD",
            layout={"width": "300px"},
            style=LABEL,
        )
        self.purpose_fields = {
            p: widgets.Text(
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
        for w, css in (
            (self.name, "name"),
            (self.type, "type"),
            (self.attendees, "attendees"),
            (self.headcount, "headcount"),
            (self.minutes, "minutes"),
            (self.start_time, "start-time"),
            (self.kind, "kind"),
            (self.weekday, "weekday"),
            (self.nth, "nth"),
            (self.dates, "dates"),
            (self.per_year, "per-year"),
            (self.starts, "starts"),
            (self.ends, "ends"),
        ):
            w.add_class(f"wk-meeting-{css}")
        for purpose, w in self.purpose_fields.items():
            w.add_class(f"wk-minutes-{purpose.value}")
        self.save_button = widgets.Button(
            description="Save this meeting",
            icon="save",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.save_button.add_class("wk-save-meeting")
        self.remove_button = widgets.Button(
            description="Remove this meeting", icon="trash", layout={"width": "220px"}
        )
        self.remove_button.add_class("wk-remove-meeting")
        self.form_message = Messages()
        on_click(self.save_button, self.save_meeting)
        on_click(self.remove_button, self.remove_meeting)
        self.table = widgets.HTML()
        self.table.add_class("wk-meeting-table")

        self.importer = SpreadsheetImport(
            self, "wk-meeting-upload", self.read_spreadsheet, self.import_report
        )

        self.when_box = widgets.VBox(
            [
                self.kind,
                self.weekday,
                self.nth,
                self.dates,
                self.per_year,
                widgets.HBox([self.starts, self.ends]),
            ]
        )
        form = widgets.VBox(
            [
                widgets.HTML("<h4>Add or edit a meeting</h4>"),
                self.choice,
                self.name,
                self.type,
                self.attendees,
                widgets.HBox([self.headcount, self.minutes, self.start_time]),
                self.when_box,
                widgets.HTML(
                    "<b>How are its minutes spent today?</b> (they must add up to its length)"
                ),
                *self.purpose_fields.values(),
                self.adds_up,
                widgets.HBox([self.save_button, self.remove_button]),
                self.form_message,
            ]
        )
        form.add_class("wk-meeting-form")
        self.layout_children(
            form,
            widgets.HTML("<h4>Your meetings</h4>"),
            self.table,
            widgets.HTML(
                "<h4>Or load a spreadsheet</h4><p>A CSV or Excel file with a row per meeting and "
                "at "
                "least the columns <i>Meeting</i>, <i>Type</i>, <i>People</i>, <i>Minutes</i> and "
                "<i>Repeats</i> (and <i>Day</i>, <i>Week of month</i>, <i>Dates</i> or <i>Times a "
                "year</i> as the way it repeats needs). The meeting ledger the team plan saves has "
                "exactly these columns. Rows with the name of a meeting you already have update "
                "it.</p>"
            ),
            self.importer,
        )
        self.rebuild()

    def status(self) -> str:
        meetings = self.load(MeetingTime).meetings
        return f"the school lists {counted(len(meetings), 'meeting')}"

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        self.fill_choice(meetings)
        self.fill_table()
        self.show_choice()
        if not meetings.meetings:
            self.messages.info("No meetings listed yet. Add the first one with the form above.")

    def fill_choice(self, meetings: MeetingTime, keep: str | None = None) -> None:
        current = self.choice.value if keep is None else keep
        self.choice.options = [("(a new meeting)", NEW)] + [
            (m.name, m.id) for m in meetings.meetings
        ]
        ids = {m.id for m in meetings.meetings}
        self.choice.value = current if current in ids else NEW

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
                f"<tr><td>{esc(m.name)}<br><small>{esc(m.attendees)}</small></td>"
                f"<td>{esc(self.config.type_label(m.type))}</td><td "
                f"style='text-align:right'>{m.headcount}</td>"
                "<td "
                f"style='text-align:right'>{m.minutes}</td><td>{esc(m.recurrence.describe())}</td>"
                f"<td style='text-align:right'>{line.count}</td><td "
                f"style='text-align:right'>{line.hours:,.1f}</td>"
                f"<td><small>{spent}</small></td></tr>"
            )
        self.table.value = (
            "<table class='wk-meetings-table'><tr><th>Meeting</th><th>Type</th><th>People</th>"
            "<th>Minutes</th><th>When</th><th>Times a year</th><th>Hours</th><th>Minutes by "
            "purpose</th></tr>" + "".join(rows) + "</table>"
        )

    def show_choice(self) -> None:
        meeting = self.load(MeetingTime).meeting(self.choice.value or "")
        self.remove_button.disabled = meeting is None
        self.save_button.description = "Save changes" if meeting else "Add this meeting"
        if meeting is None:
            self.clear_form()
            return
        rec = meeting.recurrence
        self.name.value = meeting.name
        self.type.value = (
            meeting.type
            if meeting.type in {t.id for t in self.config.meeting_types}
            else self.type.options[-1][1]
        )
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
        self.starts.value = rec.starts.isoformat() if rec.starts else ""
        self.ends.value = rec.ends.isoformat() if rec.ends else ""
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
            self.starts,
            self.ends,
            *self.purpose_fields.values(),
        ):
            w.value = ""
        self.kind.value = "weekly"
        self.show_kind_fields()

    def show_kind_fields(self) -> None:
        kind = self.kind.value
        shown = {
            "weekly": {self.weekday, self.starts, self.ends},
            "every_other_week": {self.weekday, self.starts, self.ends},
            "monthly": {self.weekday, self.nth, self.starts, self.ends},
            "dates": {self.dates},
            "per_year": {self.per_year},
        }[kind]
        for w in (self.weekday, self.nth, self.dates, self.per_year, self.starts, self.ends):
            w.layout.display = None if w in shown else "none"

    def show_adds_up(self) -> None:
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
        name = " ".join(self.name.value.split())
        if not name:
            raise InputError("Please give the meeting a name.", field="name")
        headcount = parse_whole(self.headcount.value, "How many people")
        minutes = parse_whole(self.minutes.value, "The length", minimum=5)
        purposes = {
            p.value: parse_minutes(f.value, self.config.purpose_label(p))
            for p, f in self.purpose_fields.items()
        }
        spent = sum(purposes.values())
        if spent == 0:
            raise InputError(
                f"Say how the {minutes} minutes are spent today, by purpose; they must add up to "
                f"{minutes}.",
                field="purposes",
            )
        if spent != minutes:
            raise InputError(
                f"The minutes by purpose add up to {spent}, but the meeting is {minutes} minutes "
                "long; they must add up to its length.",
                field="purposes",
            )
        kind = self.kind.value
        recurrence: dict[str, Any] = {"kind": kind}
        if kind in ("weekly", "every_other_week", "monthly"):
            recurrence["weekday"] = self.weekday.value
            recurrence["starts"] = parse_date(self.starts.value, "first date", required=False)
            recurrence["ends"] = parse_date(self.ends.value, "last date", required=False)
            if (
                recurrence["starts"]
                and recurrence["ends"]
                and recurrence["ends"] < recurrence["starts"]
            ):
                raise InputError(
                    f"The ‘Until’ date ({recurrence['ends']}) comes before the ‘From’ date "
                    f"({recurrence['starts']}); the meeting would never take place.",
                    field="ends",
                )
        if kind == "monthly":
            recurrence["nth"] = self.nth.value
        if kind == "dates":
            parts = [p for p in re.split(r"[;,\s]+", self.dates.value) if p]
            if not parts:
                raise InputError(
                    "Please list the dates of the meeting (YYYY-MM-DD).", field="dates"
                )
            recurrence["dates"] = [parse_date(p, "date") for p in parts]
        if kind == "per_year":
            recurrence["per_year"] = parse_whole(self.per_year.value, "Times a year")
        return build(
            Meeting,
            {
                "id": meeting_id,
                "name": name,
                "type": self.type.value,
                "attendees": self.attendees.value,
                "headcount": headcount,
                "minutes": minutes,
                "start_time": parse_time(self.start_time.value),
                "recurrence": recurrence,
                "purposes": purposes,
            },
        )

    @guarded(lambda self: self.form_message)
    def save_meeting(self) -> None:
        current = self.load(MeetingTime)
        editing = self.choice.value or NEW
        taken = {m.id for m in current.meetings}
        meeting = self.typed_meeting(editing or slug(self.name.value, taken, "meeting"))
        year = current.year_or(self.config.school_year)
        for other in current.meetings:
            if other.id != meeting.id and other.name.casefold() == meeting.name.casefold():
                raise InputError(f"‘{other.name}’ is already listed; choose it above to change it.")

        def change(saved: MeetingTime) -> MeetingTime:
            meetings = [meeting if m.id == meeting.id else m for m in saved.meetings]
            if all(m.id != meeting.id for m in saved.meetings):
                meetings.append(meeting)
            return build(
                MeetingTime,
                {
                    **saved.model_dump(),
                    "school_year": saved.year_or(year).model_dump(),
                    "meetings": [m.model_dump() for m in meetings],
                },
            )

        saved = self.update(MeetingTime, change, f"‘{meeting.name}’")
        self.messages.clear()
        self.fill_choice(saved, keep=meeting.id)
        self.fill_table()
        line = self.ledger().line(meeting.id)
        count = line.count if line else 0
        self.form_message.ok(
            f"Saved ‘{meeting.name}’: it meets {counted(count, 'time')} this year "
            f"({hours_text(line.hours if line else 0)}). The school lists "
            f"{counted(len(saved.meetings), 'meeting')}."
        )

    @guarded(lambda self: self.form_message)
    def remove_meeting(self) -> None:
        meeting = self.load(MeetingTime).meeting(self.choice.value or "")
        if meeting is None:
            raise InputError("Choose the meeting to remove first.")

        def change(saved: MeetingTime) -> MeetingTime:
            return saved.model_copy(
                update={"meetings": tuple(m for m in saved.meetings if m.id != meeting.id)}
            )

        saved = self.update(MeetingTime, change, f"the meetings without ‘{meeting.name}’")
        self.messages.clear()
        self.fill_choice(saved, keep=NEW)
        self.fill_table()
        plan = self.load(TeamPlan)
        used = sum(m.meeting_id == meeting.id for m in plan.moves) + sum(
            meeting.id in c.meeting_ids for c in plan.cycles
        )
        note = (
            f" {counted(used, 'part')} of the plan referred to it; the plan now lists "
            f"{'it' if used == 1 else 'them'} to fix."
            if used
            else ""
        )
        self.form_message.ok(f"Removed ‘{meeting.name}’.{note}")

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
        self.fill_choice(saved)
        self.fill_table()
        added = sum(r.replaces is None for r in report.rows)
        return (
            f"Imported {added} new and updated {counted(len(report.rows) - added, 'meeting')} "
            f"from ‘{report.file_name}’. The school now lists "
            f"{counted(len(saved.meetings), 'meeting')}."
        )
