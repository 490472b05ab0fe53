"""Day 3 panels: school year, meeting inventory, ledger, re-purposing, cycles, agendas, action plan,
telling the staff, and the team plan with its downloads.

Each notebook cell calls one function at the bottom of this module (``day3.ledger()``), which prints
the activity's worksheet text from the facilitator config and shows its panel. Panels are thin: the
figures come from ``logic`` and the pictures from ``charts``; what a team decides is saved through
the store in ``meetings.yaml`` and ``plan.yaml``.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import weakref
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import (
    Column,
    Messages,
    Panel,
    RowEditor,
    esc,
    guarded,
    notebook_call,
    on_click,
    replace_children,
    show_activity,
    show_opening,
)
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.charts.meeting_time import (
    before_after_html,
    hours_by_type_html,
    year_calendar_html,
)
from workshop_kit.config.day3 import Day3Config, load_day3
from workshop_kit.errors import InputError
from workshop_kit.exports.team_plan import FORMAT_LABELS, FORMATS, files_for, summary_for
from workshop_kit.logic.action_plan import PlanWindow, check_message, check_step, plan_problems
from workshop_kit.logic.agenda import agenda_checks, check_agenda, draft_agenda
from workshop_kit.logic.cycles import check_cycle, cycle_problems, place_cycle, plan_cycles
from workshop_kit.logic.ledger import Ledger, build_ledger, hours_text, share_text
from workshop_kit.logic.meeting_import import MeetingImport, read_meetings
from workshop_kit.logic.parse import parse_minutes
from workshop_kit.logic.repurpose import check_move, what_if
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import (
    RECURRENCE_LABELS,
    Meeting,
    MeetingTime,
    Purpose,
    SchoolYear,
    Weekday,
)
from workshop_kit.model.plan import (
    STATUS_LABELS,
    WHICH_LABELS,
    ActionStep,
    Agenda,
    Cycle,
    Move,
    StaffMessage,
    TeamPlan,
)
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.session import Session, current_session
from workshop_kit.validation import build

WIDE = {"width": "620px"}
LABEL = {"description_width": "170px"}
NTH_OPTIONS = ("first", "second", "third", "fourth", "fifth", "last")


def config_for(session: Session) -> Day3Config:
    return load_day3(session.workspace.root)


def parse_date(text: object, label: str, *, required: bool = True) -> dt.date | None:
    """A date typed as YYYY-MM-DD; blank is None unless ``required``."""
    if isinstance(text, dt.date):
        return text
    cleaned = str(text or "").strip()
    if not cleaned:
        if required:
            raise InputError(f"Please give the {label} (YYYY-MM-DD).", field=label)
        return None
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise InputError(
            f"The {label} must be a date written as YYYY-MM-DD, for example 2026-09-15 "
            f"(found ‘{cleaned}’).",
            field=label,
        ) from None


def parse_whole(text: object, label: str, *, minimum: int = 1) -> int:
    cleaned = str(text if text is not None else "").strip()
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        raise InputError(
            f"{label} must be a whole number (found ‘{cleaned}’).", field=label
        ) from None
    if value != int(value) or value < minimum:
        raise InputError(f"{label} must be a whole number of at least {minimum}.", field=label)
    return int(value)


def parse_time(text: object) -> dt.time | None:
    cleaned = str(text or "").strip()
    if not cleaned:
        return None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", cleaned)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return dt.time(int(match.group(1)), int(match.group(2)))
    raise InputError(
        f"The start time must be written like 15:15 (found ‘{cleaned}’).", field="start_time"
    )


def slug(text: str, taken: set[str], fallback: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:50].strip("-") or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def figures_html(items: Sequence[tuple[str, str]]) -> str:
    """Big numbers with a caption, side by side (the caption is ours, the number computed)."""
    boxes = "".join(
        f'<div class="wk-figure" style="border:1px solid #ddd;border-radius:6px;padding:6px 12px;'
        f'min-width:150px"><div style="font-size:1.5em;font-weight:bold">{esc(value)}</div>'
        f"<div>{esc(caption)}</div></div>"
        for value, caption in items
    )
    return f'<div style="display:flex;gap:10px;flex-wrap:wrap">{boxes}</div>'


def problems_html(problems: Sequence[str], title: str = "Still to look at") -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{esc(p)}</li>" for p in problems)
    return (
        f'<div class="wk-problems" style="color:#8a1c1c"><b>{esc(title)}</b><ul>{items}</ul></div>'
    )


class Day3Panel(Panel):
    """Shared by the Day 3 panels: the config, the team's school year, and its ledger."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.config = config_for(self.session)

    def year(self) -> SchoolYear:
        return self.load(MeetingTime).year_or(self.config.school_year)

    def ledger(self) -> Ledger:
        meetings = self.load(MeetingTime)
        return build_ledger(meetings.meetings, meetings.year_or(self.config.school_year))

    def member_names(self) -> list[str]:
        return list(self.load(Team).member_names)


# -- 2. the school year -------------------------------------------------------------------------


class SchoolYearPanel(Day3Panel):
    """The first and last day of school and every holiday, break or day without meetings."""

    kinds = (MeetingTime,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-school-year")
        self.first_day = widgets.DatePicker(description="First day", style=LABEL)
        self.last_day = widgets.DatePicker(description="Last day", style=LABEL)
        self.first_day.add_class("wk-first-day")
        self.last_day.add_class("wk-last-day")
        # one line per holiday: quick to type, and a district calendar can be pasted in
        self.holidays = widgets.Textarea(
            placeholder=(
                "One per line, e.g.\nLabor Day: 2026-09-07\nWinter break: 2026-12-21 to 2027-01-01"
            ),
            layout={"width": "620px", "height": "190px"},
        )
        self.holidays.add_class("wk-holidays")
        self.holiday_message = Messages()
        self.save_button = widgets.Button(
            description="Save the school year",
            icon="save",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.save_button.add_class("wk-save-year")
        self.default_button = widgets.Button(
            description="Start from the facilitator's calendar",
            icon="calendar",
            layout={"width": "300px"},
        )
        self.default_button.add_class("wk-default-year")
        self.summary = widgets.HTML()
        self.summary_line = ""
        on_click(self.save_button, self.save_year)
        on_click(self.default_button, self.use_default)
        self.layout_children(
            widgets.HBox([self.first_day, self.last_day]),
            widgets.HTML("<b>Holidays, breaks and days without meetings</b>"),
            self.holidays,
            self.holiday_message,
            widgets.HBox([self.save_button, self.default_button]),
            self.summary,
        )
        self.rebuild()

    def status(self) -> str:
        return self.summary_line

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        self.fill(meetings.year_or(self.config.school_year))
        if meetings.school_year is None:
            self.messages.info(
                "This is the facilitator's calendar. Change the dates that differ at your school, "
                "then save."
            )

    def fill(self, year: SchoolYear) -> None:
        self.first_day.value = year.first_day
        self.last_day.value = year.last_day
        self.holidays.value = "\n".join(
            f"{h.name}: {h.start.isoformat()}" + (f" to {h.end.isoformat()}" if h.end else "")
            for h in year.holidays
        )
        self.show_summary(year)

    def show_summary(self, year: SchoolYear) -> None:
        days = 0
        day = year.first_day
        while day <= year.last_day:
            days += year.is_meeting_day(day)
            day += dt.timedelta(days=1)
        self.summary_line = (
            f"{year.label}: {days} school days from {year.first_day.isoformat()} to "
            f"{year.last_day.isoformat()}, {len(year.holidays)} holidays and breaks"
        )
        self.summary.value = f"<p class='wk-year-summary'>{esc(self.summary_line)}.</p>"

    def typed_year(self) -> SchoolYear:
        self.holiday_message.clear()
        holidays = []
        problems = []
        for number, line in enumerate(self.holidays.value.splitlines(), start=1):
            if not line.strip():
                continue
            match = HOLIDAY_LINE.fullmatch(line)
            try:
                if not match:
                    raise InputError(
                        "write it as ‘Name: YYYY-MM-DD’ or ‘Name: YYYY-MM-DD to YYYY-MM-DD’"
                    )
                start = parse_date(match.group("start"), "first day")
                end = parse_date(match.group("end"), "last day", required=False)
                holidays.append(build_holiday(match.group("name").strip(), start, end))
            except InputError as exc:
                problems.append(f"line {number} ({line.strip()[:40]}): {exc.message}")
        if problems:
            self.holiday_message.error("Please fix: " + "; ".join(problems))
            raise InputError("Nothing was saved: please fix the holidays marked above.")
        if self.first_day.value is None or self.last_day.value is None:
            raise InputError("Please give the first and the last day of school.")
        return build(
            SchoolYear,
            {
                "first_day": self.first_day.value,
                "last_day": self.last_day.value,
                "holidays": [h.model_dump() for h in holidays],
            },
        )

    @guarded(lambda self: self.messages)
    def save_year(self) -> None:
        year = self.typed_year()

        def change(current: MeetingTime) -> MeetingTime:
            return build(MeetingTime, {**current.model_dump(), "school_year": year.model_dump()})

        self.update(MeetingTime, change, "the school year")
        self.show_summary(year)
        self.messages.ok(f"Saved the school year: {self.summary_line}.")

    def use_default(self) -> None:
        self.fill(self.config.school_year)
        self.messages.info("Filled in the facilitator's calendar. Save it to use it.")


HOLIDAY_LINE = re.compile(
    r"\s*(?P<name>.+)\s*:\s*(?P<start>\S+)(?:\s+(?:to|until|-|–)\s+(?P<end>\S+))?\s*"
)


def build_holiday(name: str, start: dt.date | None, end: dt.date | None) -> Any:
    from workshop_kit.model.meetings import Holiday

    return build(Holiday, {"name": name, "start": start, "end": end if end != start else None})


# -- 3. the meeting inventory -------------------------------------------------------------------


NEW = ""


class InventoryPanel(Day3Panel):
    """Every recurring meeting: a form to add or edit one, the inventory as a table, and a
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
        return f"{len(meetings)} meetings in the inventory"

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
                raise InputError(
                    f"‘{other.name}’ is already in the inventory; choose it above to edit it."
                )

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
            f"Saved ‘{meeting.name}’: it meets {count} times this year "
            f"({hours_text(line.hours if line else 0)}). The inventory has {len(saved.meetings)} "
            "meetings."
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

        saved = self.update(MeetingTime, change, f"the inventory without ‘{meeting.name}’")
        self.messages.clear()
        self.fill_choice(saved, keep=NEW)
        self.fill_table()
        plan = self.load(TeamPlan)
        used = sum(m.meeting_id == meeting.id for m in plan.moves) + sum(
            meeting.id in c.meeting_ids for c in plan.cycles
        )
        note = (
            f" {used} part(s) of the plan referred to it; the plan now lists them to fix."
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
            f"Imported {added} new and updated {len(report.rows) - added} meetings from "
            f"‘{report.file_name}’. The inventory now has {len(saved.meetings)} meetings."
        )


# -- 4. the ledger ------------------------------------------------------------------------------


class LedgerPanel(Day3Panel):
    """How many hours of meeting time the school has, what they are spent on, and by whom."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-ledger")
        self.figures = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        self.line = ""
        self.layout_children(self.figures, self.chart, self.table)
        self.rebuild()

    def status(self) -> str:
        return self.line

    def refresh(self) -> None:
        ledger = self.ledger()
        cfg = self.config
        self.line = (
            f"{ledger.meeting_count} meetings, {hours_text(ledger.total_hours)}, "
            f"{ledger.person_hours:,.0f} person-hours, {share_text(ledger.goal_share)} on the goal"
        )
        self.figures.value = figures_html(
            [
                (hours_text(ledger.total_hours), "of recurring meetings this year"),
                (f"{ledger.person_hours:,.0f}", "person-hours (everyone in the room)"),
                (share_text(ledger.goal_share), "on learning toward the goal today"),
                (str(ledger.meeting_count), "meetings on the calendar"),
            ]
        )
        labels = {t.id: t.label for t in cfg.meeting_types}
        self.chart.value = hours_by_type_html(ledger, labels, cfg.purpose_labels)
        by_purpose = ledger.purpose_minutes()
        person = ledger.purpose_person_minutes()
        total = ledger.total_minutes or 1
        rows = "".join(
            f"<tr><td>{esc(cfg.purpose_label(p))}</td><td "
            f"style='text-align:right'>{by_purpose[p] / 60:,.1f}</td>"
            f"<td style='text-align:right'>{person[p] / 60:,.0f}</td>"
            f"<td style='text-align:right'>{by_purpose[p] / total:.0%}</td></tr>"
            for p in Purpose
        )
        undated = "".join(f"<li>{esc(line.meeting.name)}</li>" for line in ledger.undated)
        self.table.value = (
            "<table class='wk-purpose-table'><tr><th>Spent "
            "on</th><th>Hours</th><th>Person-hours</th>"
            f"<th>Share</th></tr>{rows}</table>"
            + (
                f"<p>Counted but not on the calendar (no set dates):</p><ul>{undated}</ul>"
                if undated
                else ""
            )
        )

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()


# -- 5. re-purposing ----------------------------------------------------------------------------


class RepurposePanel(Day3Panel):
    """Moves that give existing minutes to the goal, with live figures while the team edits."""

    kinds = (TeamPlan,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-repurpose")
        self.example = widgets.Dropdown(description="Idea", layout=WIDE, style=LABEL)
        self.example_meeting = widgets.Dropdown(
            description="for the meeting", layout=WIDE, style=LABEL
        )
        self.example.add_class("wk-move-idea")
        self.example_meeting.add_class("wk-move-idea-meeting")
        self.add_idea_button = widgets.Button(
            description="Add this idea as a move", icon="lightbulb-o", layout={"width": "260px"}
        )
        self.add_idea_button.add_class("wk-add-idea")
        on_click(self.add_idea_button, self.add_idea)
        self.table = RowEditor([], add_label="Add a move")
        self.figures = widgets.HTML()
        self.figures.add_class("wk-what-if")
        self.chart = widgets.HTML()
        self.chart.add_class("wk-before-after-chart")
        self.problems = widgets.HTML()
        self.save_button = widgets.Button(
            description="Save the re-purposing plan",
            icon="save",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.save_button.add_class("wk-save-moves")
        on_click(self.save_button, self.save_moves)
        self.meeting_by_label: dict[str, str] = {}
        self.which_by_label = {label: key for key, label in WHICH_LABELS.items()}
        self._watched: weakref.WeakSet[Any] = weakref.WeakSet()  # inputs already observed
        self._ledger: Ledger | None = None
        self.line = ""
        self.table_box = widgets.VBox([self.table])
        self.layout_children(
            widgets.HTML("<h4>Start from an idea</h4>"),
            self.example,
            self.example_meeting,
            self.add_idea_button,
            widgets.HTML(
                "<h4>Your moves</h4><p>Minutes taken per meeting from each purpose go to "
                "learning toward the goal. The figures update as you type; save when the "
                "plan is right.</p>"
            ),
            self.table_box,
            self.save_button,
            self.figures,
            self.chart,
            self.problems,
        )
        self.rebuild()

    def status(self) -> str:
        return self.line

    def make_table(self, meetings: MeetingTime) -> None:
        self.meeting_by_label = {m.name: m.id for m in meetings.meetings}
        self.table = RowEditor(
            [
                Column(
                    "meeting",
                    "Meeting",
                    kind="choice",
                    options=list(self.meeting_by_label),
                    width="210px",
                ),
                Column(
                    "which", "In", kind="choice", options=list(self.which_by_label), width="170px"
                ),
                Column("logistics", "Logistics", kind="whole", width="80px"),
                Column("compliance", "Compliance", kind="whole", width="85px"),
                Column("other_instructional", "Other instr.", kind="whole", width="85px"),
                Column("how", "How (what changes)", kind="long", width="260px"),
            ],
            add_label="Add a move",
        )
        self.table.observe(lambda _c: self.watch_rows(), names="children")
        replaced, self.table_box.children = self.table_box.children, [self.table]
        for table in replaced:
            table.close()  # its inputs and their observers go with it
        self._watched = weakref.WeakSet()

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        plan = self.load(TeamPlan)
        self._ledger = build_ledger(meetings.meetings, meetings.year_or(self.config.school_year))
        self.make_table(meetings)
        names = {m.id: m.name for m in meetings.meetings}
        self.table.set_rows(
            [
                {
                    "id": mv.id,
                    "meeting": names.get(mv.meeting_id, mv.meeting_id),
                    "which": WHICH_LABELS[mv.which],
                    "logistics": mv.take.logistics,
                    "compliance": mv.take.compliance,
                    "other_instructional": mv.take.other_instructional,
                    "how": mv.how,
                }
                for mv in plan.moves
            ]
        )
        self.example.options = [(e.label, n) for n, e in enumerate(self.config.move_examples)]
        self.example.value = 0 if self.config.move_examples else None
        self.example_meeting.options = [(m.name, m.id) for m in meetings.meetings]
        self.example_meeting.value = meetings.meetings[0].id if meetings.meetings else None
        self.watch_rows()
        self.recalculate()
        if not meetings.meetings:
            self.messages.info("List your meetings first; then decide which minutes to re-purpose.")

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()

    def watch_rows(self) -> None:
        for row in self.table.rows:
            for w in row.widgets.values():
                if w not in self._watched:
                    self._watched.add(w)
                    w.observe(lambda _c: self.recalculate(), names="value")

    def typed_moves(self, strict: bool) -> tuple[list[Move], list[str]]:
        """Moves from the table; with ``strict`` a row that cannot be read stops everything."""
        moves: list[Move] = []
        problems: list[str] = []
        taken = {str(r.get("id")) for r in self.table.values() if r.get("id")}
        for index, row in enumerate(self.table.values()):
            try:
                if not row["meeting"]:
                    if not any(
                        str(row[k] or "").strip()
                        for k in ("logistics", "compliance", "other_instructional", "how")
                    ):
                        continue
                    raise InputError("Choose the meeting this move changes.")
                take = {
                    k: parse_minutes(row[k], label)
                    for k, label in (
                        ("logistics", "Logistics"),
                        ("compliance", "Compliance"),
                        ("other_instructional", "Other instructional"),
                    )
                }
                if not sum(take.values()):
                    raise InputError(
                        "Say how many minutes per meeting this move gives to the goal."
                    )
                meeting_id = self.meeting_by_label.get(row["meeting"])
                if meeting_id is None:
                    raise InputError(
                        f"‘{row['meeting']}’ is no longer in the meeting inventory; choose another "
                        "meeting or remove this move."
                    )
                move_id = row.get("id") or slug(
                    f"{row['meeting']}-{row['how'] or 'move'}", taken, "move"
                )
                taken.add(move_id)
                moves.append(
                    build(
                        Move,
                        {
                            "id": move_id,
                            "meeting_id": meeting_id,
                            "which": self.which_by_label.get(row["which"] or "", "every"),
                            "take": take,
                            "how": str(row["how"] or ""),
                        },
                    )
                )
            except InputError as exc:
                problems.append(f"Move {index + 1}: {exc.message}")
                if strict:
                    self.table.show_row_error(index, exc.message)
        return moves, problems

    @guarded(lambda self: self.messages)
    def recalculate(self) -> None:
        """The live what-if: figures and the before/after chart for the moves as typed now."""
        if self._ledger is None:
            return
        moves, problems = self.typed_moves(strict=False)
        result = what_if(self._ledger, moves)
        self.line = (
            f"{len(result.effects)} moves, {hours_text(result.reclaimed_hours)} a year to the "
            "goal, "
            f"{share_text(result.goal_share_before)} → {share_text(result.goal_share_after)}"
        )
        self.figures.value = figures_html(
            [
                (hours_text(result.reclaimed_hours), "a year move to learning toward the goal"),
                (f"{result.reclaimed_person_hours:,.0f}", "person-hours a year"),
                (
                    f"{share_text(result.goal_share_before)} → "
                    f"{share_text(result.goal_share_after)}",
                    "of meeting time on the goal",
                ),
            ]
        )
        self.chart.value = before_after_html(result, self.config.purpose_labels)
        self.problems.value = problems_html(
            [*problems, *result.problems], "These moves do not count yet"
        )

    def add_idea(self) -> None:
        if self.example.value is None or not self.example_meeting.value or self._ledger is None:
            self.messages.error("List your meetings first, then choose an idea and a meeting.")
            return
        idea = self.config.move_examples[self.example.value]
        line = self._ledger.line(self.example_meeting.value)
        if line is None:
            return
        moves, _ = self.typed_moves(strict=False)
        used = {
            p: sum(m.take.of(p) for m in moves if m.meeting_id == line.meeting.id) for p in Purpose
        }
        take = {
            p.value: max(0, line.meeting.purposes.of(p) - used[p]) if p in idea.take_from else 0
            for p in (Purpose.LOGISTICS, Purpose.COMPLIANCE, Purpose.OTHER_INSTRUCTIONAL)
        }
        if not sum(take.values()):
            self.messages.error(
                f"‘{line.meeting.name}’ has no minutes of that kind left to move; choose another "
                "meeting."
            )
            return
        self.table.add_row(
            {
                "meeting": line.meeting.name,
                "which": WHICH_LABELS[idea.which],
                "how": idea.how,
                **take,
            }
        )
        self.watch_rows()
        self.recalculate()
        self.messages.info(
            "Added the idea as a move with all the minutes it could take. Adjust them, then save."
        )

    @guarded(lambda self: self.messages)
    def save_moves(self) -> None:
        if self._ledger is None:
            raise InputError("List your meetings first.")
        self.table.clear_errors()
        moves, problems = self.typed_moves(strict=True)
        if problems:
            raise InputError("Nothing was saved: please fix the moves marked above.")
        ledger = self._ledger
        for index, move in enumerate(moves):
            try:
                check_move(ledger, moves[:index], move)
            except InputError as exc:
                self.table.show_row_error(index, exc.message)
                raise InputError("Nothing was saved: please fix the move marked above.") from None
        self.update(
            TeamPlan,
            lambda plan: plan.model_copy(update={"moves": tuple(moves)}),
            "the re-purposing plan",
        )
        result = what_if(ledger, moves)
        self.messages.ok(
            f"Saved {len(moves)} moves: {hours_text(result.reclaimed_hours)} a year go to the goal "
            f"({share_text(result.goal_share_before)} → {share_text(result.goal_share_after)} of "
            "meeting time)."
        )


# -- 6. learning cycles -------------------------------------------------------------------------


class CyclesPanel(Day3Panel):
    """Learning cycles on the real meeting dates, and the year at a glance."""

    kinds = (TeamPlan,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-cycles")
        self.hosts = widgets.SelectMultiple(
            description="Held in", layout={"width": "620px", "height": "120px"}, style=LABEL
        )
        self.hosts.add_class("wk-cycle-hosts")
        self.first_start = widgets.DatePicker(description="First one starts", style=LABEL)
        self.first_start.add_class("wk-cycle-start")
        self.weeks = widgets.BoundedIntText(
            value=self.config.cycle.weeks,
            min=1,
            max=20,
            description="Weeks each",
            style=LABEL,
            layout={"width": "260px"},
        )
        self.count = widgets.BoundedIntText(
            value=4, min=1, max=12, description="How many", style=LABEL, layout={"width": "260px"}
        )
        self.focus = widgets.Text(
            description="Focus",
            placeholder="what students will learn to do",
            layout=WIDE,
            style=LABEL,
        )
        self.weeks.add_class("wk-cycle-weeks")
        self.count.add_class("wk-cycle-count")
        self.focus.add_class("wk-cycle-focus")
        self.place_button = widgets.Button(
            description="Place these cycles",
            icon="calendar-plus-o",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.place_button.add_class("wk-place-cycles")
        self.form_message = Messages()
        on_click(self.place_button, self.place)
        self.table = RowEditor(
            [
                Column("name", "Cycle", width="140px"),
                Column("focus", "Focus", width="300px"),
                Column("start", "Starts (YYYY-MM-DD)", width="150px"),
                Column("weeks", "Weeks", kind="whole", width="70px"),
            ],
            add_label="Add a row",
        )
        self.table.add_button.layout.display = "none"  # cycles are added by placing them above
        self.save_button = widgets.Button(
            description="Save the cycles",
            icon="save",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.save_button.add_class("wk-save-cycles")
        on_click(self.save_button, self.save_cycles)
        self.chart = widgets.HTML()
        self.sessions = widgets.HTML()
        self.line = ""
        self.layout_children(
            widgets.HTML("<h4>Place a series of cycles</h4>"),
            self.hosts,
            self.first_start,
            widgets.HBox([self.weeks, self.count]),
            self.focus,
            self.place_button,
            self.form_message,
            widgets.HTML(
                "<h4>Your cycles</h4><p>Rename them, give each a focus, move a start date, "
                "or remove one; then save.</p>"
            ),
            self.table,
            self.save_button,
            self.chart,
            self.sessions,
        )
        self.rebuild()

    def status(self) -> str:
        return self.line

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        plan = self.load(TeamPlan)
        ledger = self.ledger()
        dated = [line.meeting for line in ledger.lines if line.dated and line.count]
        keep = set(self.hosts.value)
        self.hosts.options = [(m.name, m.id) for m in dated]
        self.hosts.value = tuple(mid for mid in keep if mid in {m.id for m in dated})
        if self.first_start.value is None:
            self.first_start.value = ledger.year.first_day
        self.table.set_rows(
            [
                {
                    "id": c.id,
                    "meeting_ids": c.meeting_ids,
                    "criterion_ids": c.criterion_ids,
                    "name": c.name,
                    "focus": c.focus,
                    "start": c.start.isoformat(),
                    "weeks": c.weeks,
                }
                for c in plan.cycles
            ]
        )
        self.show(plan.cycles, ledger)
        if not meetings.meetings:
            self.messages.info("List your meetings first; cycles are held in them.")

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()

    def show(self, cycles: Sequence[Cycle], ledger: Ledger) -> None:
        placed = [place_cycle(c, ledger, self.config.cycle.phases) for c in cycles]
        self.chart.value = year_calendar_html(ledger, placed)
        sessions = sum(len(p.sessions) for p in placed)
        self.line = f"{len(cycles)} cycles, {sessions} sessions on the calendar"
        parts = []
        for p in placed:
            rows = "".join(
                f"<tr><td>{s.date.isoformat()}</td><td>{esc(s.meeting_name)}</td><td>{esc(s.phase)}</td></tr>"
                for s in p.sessions
            )
            parts.append(
                f"<details><summary><b>{esc(p.cycle.name)}</b>"
                f"{': ' + esc(p.cycle.focus) if p.cycle.focus else ''} · "
                f"{p.cycle.start.isoformat()} to "
                f"{p.end.isoformat()} · {len(p.sessions)} sessions</summary>"
                f"<table><tr><th>Date</th><th>Meeting</th><th>Phase</th></tr>{rows}</table></details>"
            )
        self.sessions.value = "".join(parts) + problems_html(cycle_problems(cycles, ledger))

    @guarded(lambda self: self.form_message)
    def place(self) -> None:
        if not self.hosts.value:
            raise InputError("Choose at least one meeting to hold the cycles.", field="meetings")
        if self.first_start.value is None:
            raise InputError("Choose when the first cycle starts.", field="start")
        ledger = self.ledger()
        if not ledger.year.contains(self.first_start.value):
            raise InputError(
                "The first cycle must start within the school year "
                f"({ledger.year.first_day.isoformat()} "
                f"to {ledger.year.last_day.isoformat()}).",
                field="start",
            )
        plan = self.load(TeamPlan)
        criteria = tuple(c.id for c in self.load(GoalWork).success_criteria)
        new = plan_cycles(
            ledger,
            list(self.hosts.value),
            self.first_start.value,
            self.weeks.value,
            self.count.value,
            focus=self.focus.value.strip(),
            taken=frozenset(c.id for c in plan.cycles),
        )
        number = len(plan.cycles)
        new = tuple(
            c.model_copy(update={"name": f"Cycle {number + n}", "criterion_ids": criteria})
            for n, c in enumerate(new, start=1)
        )
        for cycle in new:
            check_cycle(cycle, plan.cycles, ledger)

        def change(saved: TeamPlan) -> TeamPlan:
            for cycle in new:
                check_cycle(cycle, saved.cycles, ledger)
            return build(
                TeamPlan,
                {
                    **saved.model_dump(),
                    "cycles": [*saved.model_dump()["cycles"], *(c.model_dump() for c in new)],
                },
            )

        saved = self.update(TeamPlan, change, f"{len(new)} cycles")
        self.messages.clear()
        self.refresh()
        short = (
            ""
            if len(new) == self.count.value
            else f" (only {len(new)} fit before the last day of school)"
        )
        self.form_message.ok(
            f"Placed {len(new)} cycles{short}. The plan now has {len(saved.cycles)} cycles."
        )

    @guarded(lambda self: self.messages)
    def save_cycles(self) -> None:
        self.table.clear_errors()
        ledger = self.ledger()
        cycles: list[Cycle] = []
        for index, row in enumerate(self.table.values()):
            try:
                cycle = build(
                    Cycle,
                    {
                        "id": row["id"],
                        "name": str(row["name"] or "").strip() or f"Cycle {index + 1}",
                        "focus": row["focus"],
                        "meeting_ids": row["meeting_ids"],
                        "criterion_ids": row["criterion_ids"],
                        "start": parse_date(row["start"], "start date"),
                        "weeks": parse_whole(row["weeks"], "Weeks"),
                    },
                )
                check_cycle(cycle, cycles, ledger)
            except InputError as exc:
                self.table.show_row_error(index, exc.message)
                raise InputError("Nothing was saved: please fix the cycle marked above.") from None
            cycles.append(cycle)
        self.update(
            TeamPlan, lambda plan: plan.model_copy(update={"cycles": tuple(cycles)}), "the cycles"
        )
        self.show(cycles, ledger)
        self.messages.ok(f"Saved {len(cycles)} cycles.")


# -- 7. agendas ---------------------------------------------------------------------------------


class AgendaPanel(Day3Panel):
    """Draft an ILT agenda from the meeting practices; the checklist updates as the team edits."""

    kinds = (TeamPlan,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-agendas")
        self.saved_choice = widgets.Dropdown(description="Agenda", layout=WIDE, style=LABEL)
        self.saved_choice.add_class("wk-agenda-choice")
        self._filling = True  # no reactions while the panel fills its own fields
        self.saved_choice.observe(lambda _c: self.unless_filling(self.open_saved), names="value")
        self.meeting = widgets.Dropdown(description="Meeting", layout=WIDE, style=LABEL)
        self.meeting.add_class("wk-agenda-meeting")
        self.meeting.observe(lambda _c: self.unless_filling(self.fill_dates), names="value")
        self.date = widgets.Dropdown(description="Date", layout={"width": "360px"}, style=LABEL)
        self.date.add_class("wk-agenda-date")
        self.purpose = widgets.Text(
            description="Purpose",
            placeholder="why this meeting matters today",
            layout=WIDE,
            style=LABEL,
        )
        self.purpose.add_class("wk-agenda-purpose")
        roles = self.config.agenda_template.roles
        self.roles = [
            widgets.Combobox(
                description=[*roles, "Facilitator", "Timekeeper", "Note-taker"][n],
                ensure_option=False,
                layout={"width": "360px"},
                style=LABEL,
            )
            for n in range(3)
        ]
        for w, css in zip(self.roles, ("facilitator", "timekeeper", "note-taker"), strict=True):
            w.add_class(f"wk-agenda-{css}")
        self.draft_button = widgets.Button(
            description="Draft from the template", icon="magic", layout={"width": "260px"}
        )
        self.draft_button.add_class("wk-draft-agenda")
        on_click(self.draft_button, self.draft)
        self.items = RowEditor(
            [
                Column("minutes", "Min", kind="whole", width="60px"),
                Column("title", "Item", width="300px"),
                Column(
                    "kind",
                    "Kind",
                    kind="choice",
                    options=[
                        "opening",
                        "review",
                        "learning",
                        "planning",
                        "next_steps",
                        "check",
                        "other",
                    ],
                    width="110px",
                ),
                Column("lead", "Lead", width="130px"),
                Column("notes", "Notes", width="220px"),
            ],
            add_label="Add an item",
        )
        self.items.observe(lambda _c: self.watch_items(), names="children")
        self._watched: weakref.WeakSet[Any] = weakref.WeakSet()  # inputs already observed
        for w in (self.purpose, *self.roles):
            w.observe(lambda _c: self.check(), names="value")
        self.checklist = widgets.HTML()
        self.checklist.add_class("wk-agenda-checks")
        self.save_button = widgets.Button(
            description="Save this agenda",
            icon="save",
            button_style="primary",
            layout={"width": "220px"},
        )
        self.save_button.add_class("wk-save-agenda")
        self.remove_button = widgets.Button(
            description="Remove this agenda", icon="trash", layout={"width": "220px"}
        )
        self.remove_button.add_class("wk-remove-agenda")
        on_click(self.save_button, self.save_agenda)
        on_click(self.remove_button, self.remove_agenda)
        self.line = ""
        self.layout_children(
            self.saved_choice,
            self.meeting,
            self.date,
            self.purpose,
            *self.roles,
            self.draft_button,
            self.items,
            self.checklist,
            widgets.HBox([self.save_button, self.remove_button]),
        )
        self.rebuild()

    def status(self) -> str:
        return self.line

    def refresh(self) -> None:
        self._filling = True
        try:
            self.fill(self.load(MeetingTime))
        finally:
            self._filling = False
        self.open_saved()
        if not self.load(MeetingTime).meetings:
            self.messages.info("List your meetings first; an agenda is for one of them.")

    def unless_filling(self, react: Callable[[], None]) -> None:
        if not self._filling:
            react()

    def fill(self, meetings: MeetingTime) -> None:
        plan = self.load(TeamPlan)
        members = self.member_names()
        for w in self.roles:
            w.options = members
        ilt_first = sorted(meetings.meetings, key=lambda m: m.type != "ilt")
        keep = self.meeting.value
        self.meeting.options = [(m.name, m.id) for m in ilt_first]
        ids = [m.id for m in ilt_first]
        self.meeting.value = keep if keep in ids else (ids[0] if ids else None)
        self.fill_saved(plan)

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (MeetingTime, Team):
            self.rebuild()

    def fill_saved(self, plan: TeamPlan, keep: str | None = None) -> None:
        current = self.saved_choice.value if keep is None else keep
        if current is None and plan.agendas:  # first time: open the most recent agenda
            current = plan.agendas[-1].id
        names = {m.id: m.name for m in self.load(MeetingTime).meetings}
        self.saved_choice.options = [("(a new agenda)", NEW)] + [
            (
                names.get(a.meeting_id, a.meeting_id)
                + (f", {a.date.isoformat()}" if a.date else ""),
                a.id,
            )
            for a in plan.agendas
        ]
        self.saved_choice.value = current if current in {a.id for a in plan.agendas} else NEW

    def fill_dates(self, keep: dt.date | None = None) -> None:
        line = self.ledger().line(self.meeting.value or "")
        dates = line.dates if line else ()
        self.date.options = [("(no date yet)", None)] + [
            (d.strftime("%a %d %b %Y"), d) for d in dates
        ]
        if keep in dates:
            self.date.value = keep
        elif dates:
            self.date.value = dates[0]
        self.check()

    def open_saved(self) -> None:
        agenda = next(
            (a for a in self.load(TeamPlan).agendas if a.id == self.saved_choice.value), None
        )
        self.remove_button.disabled = agenda is None
        if agenda is None:
            self.items.set_rows([])
            self.purpose.value = ""
            for w in self.roles:
                w.value = ""
            self.fill_dates()
            return
        if agenda.meeting_id in {v for _, v in self.meeting.options}:
            self._filling = True
            try:
                self.meeting.value = agenda.meeting_id
            finally:
                self._filling = False
        self.fill_dates(agenda.date)
        self.purpose.value = agenda.purpose
        for w, who in zip(
            self.roles, (agenda.facilitator, agenda.timekeeper, agenda.note_taker), strict=True
        ):
            w.value = who
        self.items.set_rows([i.model_dump() for i in agenda.items])
        self.check()

    def watch_items(self) -> None:
        for row in self.items.rows:
            for w in row.widgets.values():
                if w not in self._watched:
                    self._watched.add(w)
                    w.observe(lambda _c: self.check(), names="value")

    @guarded(lambda self: self.messages)
    def draft(self) -> None:
        meeting = self.load(MeetingTime).meeting(self.meeting.value or "")
        if meeting is None:
            raise InputError("Choose the meeting this agenda is for.")
        agenda = draft_agenda(
            "draft",
            meeting,
            self.config.agenda_template,
            date=self.date.value,
            purpose=self.purpose.value,
            roles=[w.value for w in self.roles],
        )
        self.items.set_rows([i.model_dump() for i in agenda.items])
        self.check()
        self.messages.info(
            f"Drafted a {meeting.minutes}-minute agenda from the template. Make it yours, then "
            "save."
        )

    def typed_agenda(self, agenda_id: str, mark: bool = True) -> Agenda:
        items = []
        for index, row in enumerate(self.items.values()):
            if not str(row["title"] or "").strip() and not str(row["minutes"] or "").strip():
                continue
            try:
                items.append(
                    {
                        "title": str(row["title"] or "").strip(),
                        "minutes": parse_whole(row["minutes"], f"Item {index + 1}'s minutes"),
                        "kind": row["kind"] or "other",
                        "lead": row["lead"],
                        "notes": row["notes"],
                    }
                )
                if not items[-1]["title"]:
                    raise InputError(f"Item {index + 1} needs a title.")
            except InputError as exc:
                if mark:
                    self.items.show_row_error(index, exc.message)
                raise
        if not items:
            raise InputError("Add at least one item, or draft the agenda from the template.")
        facilitator, timekeeper, note_taker = (w.value for w in self.roles)
        return build(
            Agenda,
            {
                "id": agenda_id,
                "meeting_id": self.meeting.value or "",
                "date": self.date.value,
                "purpose": self.purpose.value,
                "facilitator": facilitator,
                "timekeeper": timekeeper,
                "note_taker": note_taker,
                "items": items,
            },
        )

    @guarded(lambda self: self.messages)
    def check(self) -> None:
        meeting = self.load(MeetingTime).meeting(self.meeting.value or "")
        try:
            agenda = self.typed_agenda("check", mark=False)
        except InputError as exc:
            self.checklist.value = f"<p><i>{esc(exc.message)}</i></p>"
            self.line = f"{len(self.load(TeamPlan).agendas)} agendas saved, none open"
            return
        checks = agenda_checks(agenda, meeting)
        done = sum(c.ok for c in checks)
        saved = len(self.load(TeamPlan).agendas)
        self.line = f"{saved} agendas saved; this one meets {done} of {len(checks)} practices"
        items = "".join(
            f"<li style='color:{'#1b5e20' if c.ok else '#8a1c1c'}'>{'✓' if c.ok else '✗'} "
            f"{esc(c.message)}</li>"
            for c in checks
        )
        self.checklist.value = f"<p><b>Meeting practices</b></p><ul>{items}</ul>"

    @guarded(lambda self: self.messages)
    def save_agenda(self) -> None:
        self.items.clear_errors()
        meeting = self.load(MeetingTime).meeting(self.meeting.value or "")
        existing = self.saved_choice.value or NEW
        plan = self.load(TeamPlan)
        taken = {a.id for a in plan.agendas}
        date = self.date.value
        agenda_id = existing or slug(
            f"{self.meeting.value}-{date.isoformat() if date else 'draft'}", taken, "agenda"
        )
        agenda = self.typed_agenda(agenda_id)
        check_agenda(agenda, meeting)

        def change(saved: TeamPlan) -> TeamPlan:
            agendas = [agenda if a.id == agenda.id else a for a in saved.agendas]
            if all(a.id != agenda.id for a in saved.agendas):
                agendas.append(agenda)
            return saved.model_copy(update={"agendas": tuple(agendas)})

        saved = self.update(TeamPlan, change, "the agenda")
        self.fill_saved(saved, keep=agenda.id)
        self.check()
        open_points = [c for c in agenda_checks(agenda, meeting) if not c.ok]
        note = (
            f" {len(open_points)} practice(s) still open (see the checklist)."
            if open_points
            else ""
        )
        self.messages.ok(f"Saved the agenda ({agenda.total_minutes} minutes).{note}")

    @guarded(lambda self: self.messages)
    def remove_agenda(self) -> None:
        agenda_id = self.saved_choice.value
        if not agenda_id:
            raise InputError("Choose the saved agenda to remove first.")
        saved = self.update(
            TeamPlan,
            lambda plan: plan.model_copy(
                update={"agendas": tuple(a for a in plan.agendas if a.id != agenda_id)}
            ),
            "the agendas",
        )
        self.fill_saved(saved, keep=NEW)
        self.open_saved()
        self.messages.ok("Removed the agenda.")


# -- 8. the action plan -------------------------------------------------------------------------


class ActionPlanPanel(Day3Panel):
    """Steps with one owner, dates, Day 2 resources, Day 1 success criteria and progress checks."""

    kinds = (TeamPlan,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-actions")
        self.choice = widgets.Dropdown(description="Step", layout=WIDE, style=LABEL)
        self.choice.add_class("wk-step-choice")
        self.choice.observe(lambda _c: self.show_choice(), names="value")
        self.action = widgets.Textarea(
            description="What will be done", layout={**WIDE, "height": "60px"}, style=LABEL
        )
        self.owner = widgets.Combobox(
            description="Owner (one person)", ensure_option=False, layout=WIDE, style=LABEL
        )
        self.start = widgets.DatePicker(description="Starts", style=LABEL)
        self.due = widgets.DatePicker(description="Due", style=LABEL)
        self.status_choice = widgets.Dropdown(
            description="Status",
            options=[(label, key) for key, label in STATUS_LABELS.items()],
            style=LABEL,
        )
        self.resources = widgets.SelectMultiple(
            description="Resources it uses",
            layout={"width": "620px", "height": "150px"},
            style=LABEL,
        )
        self.criteria_box = widgets.VBox()
        self.criteria_checks: dict[str, widgets.Checkbox] = {}
        self.checks = widgets.Textarea(
            description="Progress checks",
            placeholder="One per line: YYYY-MM-DD: what we will look at",
            layout={**WIDE, "height": "80px"},
            style=LABEL,
        )
        for w, css in (
            (self.action, "action"),
            (self.owner, "owner"),
            (self.start, "start"),
            (self.due, "due"),
            (self.status_choice, "status"),
            (self.resources, "resources"),
            (self.checks, "checks"),
        ):
            w.add_class(f"wk-step-{css}")
        self.save_button = widgets.Button(
            description="Save this step", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-step")
        self.remove_button = widgets.Button(
            description="Remove this step", icon="trash", layout={"width": "220px"}
        )
        self.remove_button.add_class("wk-remove-step")
        self.form_message = Messages()
        on_click(self.save_button, self.save_step)
        on_click(self.remove_button, self.remove_step)
        self.table = widgets.HTML()
        self.table.add_class("wk-action-table")
        self.line = ""
        self.layout_children(
            self.choice,
            self.action,
            self.owner,
            widgets.HBox([self.start, self.due]),
            self.status_choice,
            self.resources,
            widgets.HTML("<b>It serves these success criteria:</b>"),
            self.criteria_box,
            self.checks,
            widgets.HBox([self.save_button, self.remove_button]),
            self.form_message,
            widgets.HTML("<h4>Your action plan</h4>"),
            self.table,
        )
        self.rebuild()

    def status(self) -> str:
        return self.line

    def window(self) -> PlanWindow:
        return PlanWindow.around(self.year(), self.config.action_window_days)

    def known(self) -> tuple[dict[str, str], dict[str, str]]:
        inventory = self.load(ResourceInventory)
        goal = self.load(GoalWork)
        return {r.id: r.name for r in inventory.resources}, {
            c.id: c.measure for c in goal.success_criteria
        }

    def refresh(self) -> None:
        _resources, criteria = self.known()
        self.owner.options = self.member_names()
        inventory = self.load(ResourceInventory)
        quadrants = {q.id: q.label for q in _day2_quadrants(self.session)}
        self.resources.options = [
            (f"{r.name} ({quadrants.get(r.quadrant, r.quadrant)})", r.id)
            for r in sorted(inventory.resources, key=lambda r: r.name.casefold())
        ]
        self.criteria_checks = {
            cid: widgets.Checkbox(description=measure, indent=False, layout={"width": "620px"})
            for cid, measure in criteria.items()
        }
        for cid, box in self.criteria_checks.items():
            box.add_class(f"wk-step-criterion-{cid}")
        replace_children(
            self.criteria_box,
            list(self.criteria_checks.values())
            or [widgets.HTML("<i>No success criteria yet: add them on Day 1.</i>")],
        )
        plan = self.load(TeamPlan)
        self.fill_choice(plan)
        self.show_choice()
        self.fill_table(plan)

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (Team, GoalWork, ResourceInventory, MeetingTime):
            self.rebuild()

    def fill_choice(self, plan: TeamPlan, keep: str | None = None) -> None:
        current = self.choice.value if keep is None else keep
        self.choice.options = [("(a new step)", NEW)] + [
            (a.action[:70], a.id) for a in plan.actions
        ]
        self.choice.value = current if current in {a.id for a in plan.actions} else NEW

    def fill_table(self, plan: TeamPlan) -> None:
        resources, criteria = self.known()
        problems = plan_problems(plan.actions, resources, criteria, self.window())
        self.line = f"{len(plan.actions)} steps, {len(problems)} points to look at"
        rows = []
        for a in plan.actions:
            res = "".join(
                f"<li>{esc(resources.get(r, f'(removed: {r})'))}</li>" for r in a.resource_ids
            )
            crit = "".join(
                f"<li>{esc(criteria.get(c, f'(removed: {c})'))}</li>" for c in a.criterion_ids
            )
            checks = "".join(
                f"<li>{c.date.isoformat()}: {esc(c.evidence)}</li>" for c in a.progress_checks
            )
            rows.append(
                f"<tr><td>{esc(a.action)}</td><td>{esc(a.owner)}</td><td>{a.start.isoformat()}</td>"
                f"<td>{a.due.isoformat()}</td><td><ul>{res}</ul></td><td><ul>{crit}</ul></td>"
                f"<td><ul>{checks}</ul></td><td>{esc(STATUS_LABELS[a.status])}</td></tr>"
            )
        table = (
            (
                "<table "
                "class='wk-action-plan'><tr><th>Step</th><th>Owner</th><th>Start</th><th>Due</th>"
                "<th>Resources</th><th>Serves</th><th>Progress checks</th><th>Status</th></tr>"
                + "".join(rows)
                + "</table>"
            )
            if rows
            else "<p><i>No steps yet.</i></p>"
        )
        self.table.value = table + problems_html(problems)

    def show_choice(self) -> None:
        step = next((a for a in self.load(TeamPlan).actions if a.id == self.choice.value), None)
        self.remove_button.disabled = step is None
        self.save_button.description = "Save changes" if step else "Add this step"
        known_resources = {v for _, v in self.resources.options}
        if step is None:
            self.action.value = self.owner.value = self.checks.value = ""
            self.start.value = self.due.value = None
            self.status_choice.value = "not_started"
            self.resources.value = ()
            for box in self.criteria_checks.values():
                box.value = False
            return
        self.action.value, self.owner.value = step.action, step.owner
        self.start.value, self.due.value = step.start, step.due
        self.status_choice.value = step.status
        self.resources.value = tuple(r for r in step.resource_ids if r in known_resources)
        for cid, box in self.criteria_checks.items():
            box.value = cid in step.criterion_ids
        self.checks.value = "\n".join(
            f"{c.date.isoformat()}: {c.evidence}" for c in step.progress_checks
        )

    def typed_checks(self) -> list[dict[str, Any]]:
        checks = []
        for number, line in enumerate(self.checks.value.splitlines(), start=1):
            if not line.strip():
                continue
            match = re.fullmatch(r"\s*(\S+?)\s*:\s*(.+)", line)
            if not match:
                raise InputError(
                    f"Progress check {number} must be written as ‘YYYY-MM-DD: what we will look "
                    "at’.",
                    field="checks",
                )
            checks.append(
                {
                    "date": parse_date(match.group(1), f"date of progress check {number}"),
                    "evidence": match.group(2).strip(),
                }
            )
        return checks

    @guarded(lambda self: self.form_message)
    def save_step(self) -> None:
        plan = self.load(TeamPlan)
        editing = self.choice.value or NEW
        if not self.action.value.strip():
            raise InputError("Say what will be done.", field="action")
        if not self.owner.value.strip():
            raise InputError("Name the one person who owns this step.", field="owner")
        if self.start.value is None or self.due.value is None:
            raise InputError("Give the start date and the due date.", field="dates")
        step_id = editing or slug(self.action.value[:40], {a.id for a in plan.actions}, "step")
        before = next((a for a in plan.actions if a.id == editing), None)
        hidden = [
            r
            for r in (before.resource_ids if before else ())
            if r not in {v for _, v in self.resources.options}
        ]
        step = build(
            ActionStep,
            {
                "id": step_id,
                "action": self.action.value,
                "owner": self.owner.value,
                "start": self.start.value,
                "due": self.due.value,
                "status": self.status_choice.value,
                "resource_ids": [*self.resources.value, *hidden],
                "criterion_ids": [cid for cid, box in self.criteria_checks.items() if box.value],
                "progress_checks": self.typed_checks(),
            },
        )
        resources, criteria = self.known()
        check_step(step, {**resources, **{r: r for r in hidden}}, criteria, self.window())

        def change(saved: TeamPlan) -> TeamPlan:
            actions = [step if a.id == step.id else a for a in saved.actions]
            if all(a.id != step.id for a in saved.actions):
                actions.append(step)
            return saved.model_copy(update={"actions": tuple(actions)})

        saved = self.update(TeamPlan, change, "the step")
        self.messages.clear()
        self.fill_choice(saved, keep=step.id)
        self.fill_table(saved)
        note = "" if step.progress_checks else " Add a progress check: when will you look?"
        self.form_message.ok(
            f"Saved the step owned by {step.owner}, due {step.due.isoformat()}.{note}"
        )

    @guarded(lambda self: self.form_message)
    def remove_step(self) -> None:
        step_id = self.choice.value
        if not step_id:
            raise InputError("Choose the step to remove first.")
        saved = self.update(
            TeamPlan,
            lambda plan: plan.model_copy(
                update={"actions": tuple(a for a in plan.actions if a.id != step_id)}
            ),
            "the action plan",
        )
        self.messages.clear()
        self.fill_choice(saved, keep=NEW)
        self.show_choice()
        self.fill_table(saved)
        self.form_message.ok("Removed the step.")


def _day2_quadrants(session: Session) -> Sequence[Any]:
    from workshop_kit.config.day2 import load_day2

    return load_day2(session.workspace.root).quadrants


# -- 9. telling the staff -----------------------------------------------------------------------


class CommunicationPanel(Day3Panel):
    """The message every staff member should hear, and when, how and from whom they hear it."""

    kinds = (TeamPlan,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-communication")
        self.key_message = widgets.Textarea(
            placeholder="In two or three sentences: what changes, and why it matters for students",
            layout={"width": "760px", "height": "80px"},
        )
        self.key_message.add_class("wk-key-message")
        self.table = RowEditor(
            [
                Column("date", "When (YYYY-MM-DD)", width="140px"),
                Column("audience", "Who hears it", width="130px"),
                Column(
                    "channel",
                    "How",
                    kind="choice",
                    options=self.config.communication_channels,
                    width="170px",
                ),
                Column("who", "Who tells them", width="140px"),
                Column("message", "What", kind="long", width="260px"),
            ],
            add_label="Add a moment",
        )
        self.save_button = widgets.Button(
            description="Save the plan for telling the staff",
            icon="save",
            button_style="primary",
            layout={"width": "300px"},
        )
        self.save_button.add_class("wk-save-communication")
        on_click(self.save_button, self.save_plan)
        self.layout_children(
            widgets.HTML("<b>Our key message</b>"), self.key_message, self.table, self.save_button
        )
        self.rebuild()

    def status(self) -> str:
        plan = self.load(TeamPlan)
        written = "written" if plan.key_message else "not written"
        return f"key message {written}, {len(plan.communication)} moments"

    def refresh(self) -> None:
        plan = self.load(TeamPlan)
        self.key_message.value = plan.key_message
        self.table.set_rows(
            [{**m.model_dump(), "date": m.date.isoformat()} for m in plan.communication]
        )
        if not plan.communication:
            self.table.add_row({"audience": "All staff"})

    @guarded(lambda self: self.messages)
    def save_plan(self) -> None:
        self.table.clear_errors()
        window = PlanWindow.around(self.year(), self.config.action_window_days)
        moments = []
        problems = 0
        for index, row in enumerate(self.table.values()):
            if not any(str(row[k] or "").strip() for k in ("date", "who", "message")):
                continue
            try:
                for key, label in (
                    ("audience", "who hears it"),
                    ("channel", "how"),
                    ("who", "who tells them"),
                ):
                    if not str(row[key] or "").strip():
                        raise InputError(f"Please say {label}.")
                moment = build(StaffMessage, {**row, "date": parse_date(row["date"], "date")})
                check_message(moment, window)
                moments.append(moment)
            except InputError as exc:
                self.table.show_row_error(index, exc.message)
                problems += 1
        if problems:
            raise InputError("Nothing was saved: please fix the rows marked above.")
        moments.sort(key=lambda m: m.date)
        key = self.key_message.value.strip()
        self.update(
            TeamPlan,
            lambda plan: build(
                TeamPlan,
                {
                    **plan.model_dump(),
                    "key_message": key,
                    "communication": [m.model_dump() for m in moments],
                },
            ),
            "the plan for telling the staff",
        )
        self.messages.ok(f"Saved the key message and {len(moments)} moments to tell the staff.")


# -- 10. the team plan --------------------------------------------------------------------------


class TeamPlanPanel(Day3Panel):
    """The whole plan in one view, always current, with downloads in every format."""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-team-plan")
        self.view = widgets.HTML()
        self.prepare_button = widgets.Button(
            description="Prepare the downloads",
            icon="download",
            button_style="primary",
            layout={"width": "260px"},
        )
        self.prepare_button.add_class("wk-prepare-downloads")
        on_click(self.prepare_button, self.prepare)
        self.downloads = widgets.HTML()
        self.downloads.add_class("wk-downloads")
        self.line = ""
        self.layout_children(self.view, self.prepare_button, self.downloads)
        self.rebuild()

    def status(self) -> str:
        return self.line

    def refresh(self) -> None:
        s = summary_for(self.team, self.config)
        links = s.links()
        covered = sum(link.covered for link in links)
        self.line = (
            f"{hours_text(s.what_if.reclaimed_hours)} re-purposed, {len(s.cycles)} cycles, "
            f"{len(s.plan.actions)} steps, {covered} of {len(links)} success criteria covered, "
            f"{len(s.problems)} open points"
        )
        rows = "".join(
            f"<tr><td>{esc(link.criterion.measure)}</td><td>{len(link.resources)}</td>"
            f"<td>{len(link.cycles)} "
            f"({esc(hours_text(link.cycle_hours))})</td><td>{len(link.actions)}</td>"
            f"<td>{len(link.checks)}</td></tr>"
            for link in links
        )
        goal = s.goal.goal.statement
        self.view.value = (
            f"<h4>{esc(s.title)}</h4>"
            + (
                f"<blockquote>{esc(goal)}</blockquote>"
                if goal
                else "<p><i>No goal statement yet (Day 1).</i></p>"
            )
            + figures_html(
                [
                    (hours_text(s.ledger.total_hours), "of meetings this year"),
                    (hours_text(s.what_if.reclaimed_hours), "re-purposed toward the goal"),
                    (
                        f"{share_text(s.ledger.goal_share)} → "
                        f"{share_text(s.what_if.goal_share_after)}",
                        "of meeting time on the goal",
                    ),
                    (str(len(s.plan.actions)), "action steps"),
                ]
            )
            + "<p><b>How the plan fits together</b></p><table "
            "class='wk-plan-links'><tr><th>Success criterion</th>"
            "<th>Resources</th><th>Learning cycles</th><th>Actions</th><th>Progress "
            "checks</th></tr>" + rows + "</table>" + problems_html(list(s.problems))
        )

    def on_document_saved(self, kind: type[Document]) -> None:
        self.rebuild()
        self.downloads.value = ""

    @guarded(lambda self: self.messages)
    def prepare(self) -> None:
        summary = summary_for(self.team, self.config)
        links = []
        count = 0
        for fmt in FORMATS:
            files = files_for(summary, self.team.slug, fmt)
            for name, data in files.items():
                self.team.write_file(name, data)
                count += 1
                mime = {
                    "html": "text/html",
                    "md": "text/markdown",
                    "ics": "text/calendar",
                    "csv": "text/csv",
                    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }[fmt]
                uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
                links.append(
                    f'<li><a download="{esc(name)}" href="{uri}" class="wk-download '
                    f'wk-download-{fmt}">'
                    f"{esc(name)}</a> <small>({esc(FORMAT_LABELS[fmt])}, {len(data) // 1024 + 1} "
                    "KB)</small></li>"
                )
        self.downloads.value = (
            "<p>Click a file to download it. Copies are also saved in the team's workbook "
            "folder.</p>"
            f"<ul>{''.join(links)}</ul>"
        )
        self.messages.ok(
            f"Prepared {count} files: the printable plan, Markdown, the calendar and spreadsheets."
        )


# -- what the notebook calls --------------------------------------------------------------------


def _plan() -> Day3Config:
    return config_for(current_session())


@notebook_call
def opening() -> None:
    show_opening(_plan())


@notebook_call
def workbook() -> None:
    show_activity(_plan(), "workbook", TeamPicker(current_session()))


@notebook_call
def school_year() -> None:
    show_activity(_plan(), "school_year", SchoolYearPanel(current_session()))


@notebook_call
def inventory() -> None:
    show_activity(_plan(), "inventory", InventoryPanel(current_session()))


@notebook_call
def ledger() -> None:
    show_activity(_plan(), "ledger", LedgerPanel(current_session()))


@notebook_call
def repurpose() -> None:
    show_activity(_plan(), "repurpose", RepurposePanel(current_session()))


@notebook_call
def cycles() -> None:
    show_activity(_plan(), "cycles", CyclesPanel(current_session()))


@notebook_call
def agendas() -> None:
    show_activity(_plan(), "agendas", AgendaPanel(current_session()))


@notebook_call
def actions() -> None:
    show_activity(_plan(), "actions", ActionPlanPanel(current_session()))


@notebook_call
def communication() -> None:
    show_activity(_plan(), "communication", CommunicationPanel(current_session()))


@notebook_call
def team_plan() -> None:
    show_activity(_plan(), "team_plan", TeamPlanPanel(current_session()))


@notebook_call
def versions() -> None:
    """Offer earlier versions of today's files (shown without a time box: used only when needed)."""
    from IPython.display import display

    from workshop_kit.activities.versions import VersionsPanel

    display(VersionsPanel((MeetingTime, TeamPlan), current_session()))
