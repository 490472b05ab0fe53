"""Day 3, activity 7: ILT agendas drafted from the meeting practices."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import Column, RowEditor, esc, guarded, on_click
from workshop_kit.activities.day3.base import LABEL, NEW, WIDE, Day3Panel, parse_whole, slug
from workshop_kit.activities.day3.html import counted
from workshop_kit.errors import InputError
from workshop_kit.logic.agenda import agenda_checks, check_agenda, draft_agenda
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import Agenda, TeamPlan
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.validation import build


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
            self.line = f"{counted(len(self.load(TeamPlan).agendas), 'agenda')} saved, none open"
            return
        checks = agenda_checks(agenda, meeting)
        done = sum(c.ok for c in checks)
        saved = len(self.load(TeamPlan).agendas)
        self.line = (
            f"{counted(saved, 'agenda')} saved; this one meets {done} of {len(checks)} practices"
        )
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
            f" {counted(len(open_points), 'practice')} still open (see the checklist)."
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
