"""Day 3, activity 7: ILT agendas drafted from the meeting practices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.agenda import agenda_checks, check_agenda, draft_agenda
from workshop_kit.logic.parse import parse_whole
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.names import new_id
from workshop_kit.model.plan import AGENDA_ITEM_KINDS, AGENDA_ROLES, Agenda, AgendaItem, TeamPlan
from workshop_kit.model.team import Team
from workshop_kit.ui.form import ItemForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc
from workshop_kit.ui.parts import button, dropdown, limit_of, limited, on_click, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build

NO_MEETINGS = "List your meetings first; an agenda is for one of them."


class AgendaPanel(Day3Panel):
    """Draft an ILT agenda from the meeting practices; the checklist updates as the team edits."""

    kinds = (TeamPlan,)
    css = "wk-agendas"

    def build(self) -> list[widgets.Widget]:
        self.form = ItemForm(
            "agenda",
            self.show_item,
            "agenda",
            is_blank=lambda: not self.items.rows and not self.purpose.value.strip(),
        )
        # the names the tests and the page have always used for the form's parts
        self.saved_choice, self.form_message = self.form.choice, self.form.message
        self.save_button, self.remove_button = self.form.save_button, self.form.remove_button
        self._filling = True  # no reactions while the panel fills its own fields
        self.meeting = tagged(
            widgets.Dropdown(description="Meeting", layout=WIDE, style=LABEL), "wk-agenda-meeting"
        )
        self.meeting.observe(lambda _c: self.unless_filling(self.fill_dates), names="value")
        self.date = dropdown("wk-agenda-date", "Date", "360px", style=LABEL)
        self.purpose = tagged(
            limited(
                widgets.Text(
                    continuous_update=False,
                    description="Purpose",
                    placeholder="why this meeting matters today",
                    layout=WIDE,
                    style=LABEL,
                ),
                Agenda,
                "purpose",
            ),
            "wk-agenda-purpose",
        )
        #: one field per role of an agenda, labelled as the facilitator's config names it
        self.role_fields = {
            role: widgets.Combobox(
                continuous_update=False,
                description=label,
                ensure_option=False,
                layout={"width": "360px"},
                style=LABEL,
            )
            for role, label in self.config.agenda_template.role_labels.items()
        }
        self.roles = list(self.role_fields.values())
        for role, w in self.role_fields.items():
            w.add_class(f"wk-agenda-{role.replace('_', '-')}")
            limited(w, Agenda, role)
        self.draft_button = button(
            "wk-draft-agenda", self.draft, "Draft from the template", "magic", width="260px"
        )
        self.items = RowEditor(
            [
                Column("minutes", "Min", kind="whole", width="60px"),
                Column("title", "Item", width="300px", limit=limit_of(AgendaItem, "title")),
                Column(
                    "kind",
                    "Kind",
                    kind="choice",
                    options=AGENDA_ITEM_KINDS,
                    width="110px",
                ),
                Column("lead", "Lead", width="130px", limit=limit_of(AgendaItem, "lead")),
                Column("notes", "Notes", width="220px", limit=limit_of(AgendaItem, "notes")),
            ],
            add_label="Add an item",
            on_change=self.check,
        )
        for w in (self.purpose, *self.roles):
            w.observe(lambda _c: self.check(), names="value")
        self.checklist = tagged(widgets.HTML(), "wk-agenda-checks")
        on_click(self.form.save_button, self.save_agenda)
        on_click(self.form.remove_button, self.remove_agenda)
        return [
            self.form.choice,
            self.meeting,
            self.date,
            self.purpose,
            *self.roles,
            self.draft_button,
            self.items,
            self.checklist,
            self.form.buttons,
            self.form.message,
        ]

    def on_reloaded(self) -> None:
        self.form.show_saved()

    def refresh(self) -> None:
        self._filling = True
        try:
            self.fill(self.load(MeetingTime))
        finally:
            self._filling = False
        self.show_item(self.form.editing)
        if not self.load(MeetingTime).meetings:
            self.messages.info(NO_MEETINGS)

    def unless_filling(self, react: Callable[[], None]) -> None:
        if not self._filling:
            react()

    def fill(self, meetings: MeetingTime) -> None:
        plan = self.load(TeamPlan)
        members = self.member_names()
        for w in self.roles:
            w.options = members
        usual = self.config.agenda_template.meeting_type
        usual_first = sorted(meetings.meetings, key=lambda m: m.type != usual)
        keep = self.meeting.value
        self.meeting.options = [(m.name, m.id) for m in usual_first]
        ids = [m.id for m in usual_first]
        self.meeting.value = keep if keep in ids else (ids[0] if ids else None)
        self.form.set_items(self.listed(plan))

    def on_document_saved(self, kind: type[Document]) -> None:
        """The meetings or the roster changed (here or on another device): the meetings, dates
        and names to choose from follow, and the agenda being typed stays."""
        if kind not in (MeetingTime, Team):
            return
        meetings = self.load(MeetingTime)
        self._filling = True
        try:
            self.fill(meetings)
        finally:
            self._filling = False
        self.fill_dates(self.date.value)
        if meetings.meetings and self.messages.text == NO_MEETINGS:
            self.messages.clear()

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Another device saved the plan: the "Add or change" list shows every saved agenda at
        once; the agenda typed here is kept, and the note says whose save it was."""
        self.form.set_items(self.listed(self.load(TeamPlan)))
        super().on_saved_elsewhere(kind, author)

    def listed(self, plan: TeamPlan) -> list[tuple[str, str]]:
        names = {m.id: m.name for m in self.load(MeetingTime).meetings}
        return [
            (
                a.id,
                names.get(a.meeting_id, a.meeting_id)
                + (f", {a.date.isoformat()}" if a.date else ""),
            )
            for a in plan.agendas
        ]

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

    def show_item(self, agenda_id: str | None) -> None:
        """Fill the form from the saved agenda ``agenda_id``, or empty it for a new one."""
        agenda = self.load(TeamPlan).agenda(agenda_id or "")
        self.items.clear_errors()
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
        for role, w in self.role_fields.items():
            w.value = getattr(agenda, role)
        self.items.set_rows([i.model_dump() for i in agenda.items])
        self.check()

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
            roles=[self.role_fields[role].value for role in AGENDA_ROLES],
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
                        "minutes": parse_whole(row["minutes"], f"Item {index + 1}’s minutes"),
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
        return build(
            Agenda,
            {
                "id": agenda_id,
                "meeting_id": self.meeting.value or "",
                "date": self.date.value,
                "purpose": self.purpose.value,
                **{role: w.value for role, w in self.role_fields.items()},
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
            self.status_line = (
                f"{counted(len(self.load(TeamPlan).agendas), 'agenda')} saved, none open"
            )
            return
        checks = agenda_checks(agenda, meeting)
        done = sum(c.ok for c in checks)
        saved = len(self.load(TeamPlan).agendas)
        self.status_line = (
            f"{counted(saved, 'agenda')} saved; this one meets {done} of {len(checks)} practices"
        )
        items = "".join(
            f"<li style='color:{'#1b5e20' if c.ok else '#8a1c1c'}'>{'✓' if c.ok else '✗'} "
            f"{esc(c.message)}</li>"
            for c in checks
        )
        self.checklist.value = f"<p><b>Meeting practices</b></p><ul>{items}</ul>"

    @guarded(lambda self: self.form.message)
    def save_agenda(self) -> None:
        if self.form.is_double_click():
            return
        self.items.clear_errors()
        meeting = self.load(MeetingTime).meeting(self.meeting.value or "")
        editing = self.form.editing
        plan = self.load(TeamPlan)
        date = self.date.value
        agenda_id = editing or new_id(
            f"{self.meeting.value}-{date.isoformat() if date else 'draft'}",
            {a.id for a in plan.agendas},
            "agenda",
        )
        agenda = self.typed_agenda(agenda_id)
        check_agenda(agenda, meeting)
        saved = self.update(TeamPlan, lambda doc: doc.with_agenda(agenda), "the agenda")
        self.messages.clear()
        open_points = [c for c in agenda_checks(agenda, meeting) if not c.ok]
        note = (
            f" {counted(len(open_points), 'practice')} still open (choose it above to see the "
            "checklist)."
            if open_points
            else ""
        )
        what = f"the agenda ({agenda.total_minutes} minutes).{note}"
        self.form.saved_item(self.listed(saved), what)

    @guarded(lambda self: self.form.message)
    def remove_agenda(self) -> None:
        agenda_id = self.form.editing
        if not agenda_id:
            raise InputError("Choose the saved agenda to remove first.")
        saved = self.update(TeamPlan, lambda doc: doc.without_agenda(agenda_id), "the agendas")
        self.messages.clear()
        self.form.saved(self.listed(saved), "Removed the agenda.")
