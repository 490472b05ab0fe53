"""Through the year: each ILT meeting on the calendar, its Day 3 agenda, and what it decided.

The decisions and next steps (who does what by when) are saved with a short check of the meeting
in ``progress.yaml``; the next steps can then go into the action plan in ``plan.yaml``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.year.base import LABEL, YearPanel
from workshop_kit.config.day3 import load_day3
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import build_ledger
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.names import new_id
from workshop_kit.model.plan import ActionStep, Agenda, TeamPlan
from workshop_kit.model.progress import MeetingRecord, NextStep, YearProgress, dated_id
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc, html_table
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import button, dropdown, limited, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class IltMeetingsPanel(YearPanel):
    """Choose an ILT meeting date; see its agenda; record decisions, next steps and the check."""

    kinds = (YearProgress, TeamPlan)
    css = "wk-ilt-meetings"

    def build(self) -> list[widgets.Widget]:
        self.template = load_day3(self.session.workspace.root).agenda_template
        self.meeting = dropdown("wk-ilt-meeting", "ILT meeting", "620px", self.fill, style=LABEL)
        self.agenda_view = widgets.HTML()
        self.decisions = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    description="What we decided",
                    style=LABEL,
                    layout={"width": "620px", "height": "70px"},
                ),
                MeetingRecord,
                "decisions",
            ),
            "wk-ilt-decisions",
        )
        self.next_steps = RowEditor(
            [
                Column.of(NextStep, "what", width="300px"),
                Column.of(NextStep, "who", width="150px"),
                Column("by", "By when", kind="date", width="170px"),
            ],
            add_label="Add a next step",
        )
        self.check = {
            question: tagged(
                widgets.Checkbox(description=question, indent=False, layout={"width": "620px"}),
                "wk-ilt-check",
            )
            for question in self.template.meeting_check
        }
        self.save_button = save_button(
            "wk-save-ilt-record", self.save, "Save the meeting record", width="240px"
        )
        self.plan_button = button(
            "wk-ilt-to-plan",
            self.add_to_plan,
            "Add the next steps to the action plan",
            "plus",
            width="320px",
        )
        return [
            self.meeting,
            self.agenda_view,
            self.decisions,
            widgets.HTML("<b>Next steps: who does what by when</b>"),
            self.next_steps,
            widgets.HTML("<b>How did the meeting go?</b>"),
            *self.check.values(),
            widgets.HBox([self.save_button, self.plan_button]),
        ]

    def dates(self) -> list[tuple[str, dt.date]]:
        """(meeting id, date) of every meeting of the ILT type on the team's calendar."""
        meetings = self.load(MeetingTime)
        year = meetings.year_or(load_day3(self.session.workspace.root).school_year)
        ledger = build_ledger(meetings.meetings, year)
        return sorted(
            ((line.meeting.id, day) for line in ledger.lines for day in line.dates
             if line.meeting.type == self.template.meeting_type),
            key=lambda pair: pair[1],
        )  # fmt: skip

    def status(self) -> str:
        records = self.load(YearProgress).meetings
        return (
            f"{counted(len(self.dates()), 'ILT meeting')} on the calendar, {len(records)} recorded"
        )

    def refresh(self) -> None:
        self.load(YearProgress)
        self.load(TeamPlan)
        progress = self.load(YearProgress)
        chosen = self.meeting.value
        options = []
        for meeting_id, day in self.dates():
            record_id = dated_id(meeting_id, day)
            done = " (recorded)" if progress.meeting_record(record_id) else ""
            options.append((f"{day.isoformat()}{done}", record_id))
        self.meeting.options = options
        ids = [value for _, value in options]
        if ids:
            self.meeting.value = chosen if chosen in ids else ids[0]
        self.fill()

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (MeetingTime, TeamPlan, YearProgress):
            self.rebuild()

    def _chosen(self) -> tuple[str, dt.date] | None:
        value = self.meeting.value or ""
        return next(((m, d) for m, d in self.dates() if dated_id(m, d) == value), None)

    def agenda_for(self, meeting_id: str, day: dt.date) -> Agenda | None:
        """The agenda drafted for that date, or else the meeting's latest one before it."""
        agendas = [a for a in self.load(TeamPlan).agendas if a.meeting_id == meeting_id]
        exact = next((a for a in agendas if a.date == day), None)
        earlier = [a for a in agendas if a.date is None or a.date <= day]
        return exact or (max(earlier, key=lambda a: a.date or dt.date.min) if earlier else None)

    def fill(self) -> None:
        chosen = self._chosen()
        record = self.load(YearProgress).meeting_record(self.meeting.value or "")
        if chosen is None:
            self.agenda_view.value = (
                "<p>Your calendar has no ILT meeting yet (Day 3, the meetings).</p>"
            )
        else:
            self.agenda_view.value = self.agenda_html(self.agenda_for(*chosen), chosen[1])
        self.decisions.value = record.decisions if record else ""
        self.next_steps.set_rows([s.model_dump() for s in record.next_steps] if record else [])
        if not record or not record.next_steps:
            self.next_steps.add_row({})
        for question, box in self.check.items():
            box.value = bool(record and record.check.get(question))

    @staticmethod
    def agenda_html(agenda: Agenda | None, day: dt.date) -> str:
        if agenda is None:
            return "<p>No agenda was drafted for this meeting on Day 3.</p>"
        when = "this meeting" if agenda.date == day else "an earlier meeting"
        rows = [[i.title, f"{i.minutes} min", i.lead] for i in agenda.items]
        return f"<p><b>The agenda drafted for {when}:</b> {esc(agenda.purpose)}</p>" + html_table(
            ["Item", "Time", "Lead"], rows, "wk-ilt-agenda"
        )

    def _record(self) -> MeetingRecord:
        chosen = self._chosen()
        if chosen is None:
            raise InputError("Choose an ILT meeting first.")
        meeting_id, day = chosen
        saved = self.load(YearProgress).meeting_record(dated_id(meeting_id, day))
        added = {s.id: s.action_id for s in saved.next_steps} if saved else {}
        taken: set[str] = set()

        def read(row: dict[str, Any]) -> NextStep:
            step_id = row.get("id") or new_id(str(row.get("what", "")), taken, "step")
            taken.add(step_id)
            try:
                return build(
                    NextStep,
                    {
                        "id": step_id,
                        "what": row.get("what", ""),
                        "who": row.get("who", ""),
                        "by": parse_date(row.get("by"), "by"),
                        "action_id": added.get(step_id, ""),
                    },
                )
            except InputError as exc:
                raise InputError(on_label(exc, self.next_steps.labels), field=exc.field) from None

        steps = [s for _, s in self.next_steps.typed(read, used=("what", "who", "by"))]
        try:
            return build(
                MeetingRecord,
                {
                    "id": dated_id(meeting_id, day),
                    "meeting_id": meeting_id,
                    "date": day,
                    "decisions": self.decisions.value,
                    "next_steps": [s.model_dump() for s in steps],
                    "check": {q: box.value for q, box in self.check.items()},
                },
            )
        except InputError as exc:
            labels = {"decisions": "What we decided"}
            raise InputError(on_label(exc, labels), field=exc.field) from None

    @guarded(lambda self: self.messages)
    def save(self) -> None:
        record = self._record()
        self.update(YearProgress, lambda p: p.with_meeting_record(record), "the meeting record")
        self.rebuild()
        self.messages.ok(
            f"Saved the record of {record.date.isoformat()} with "
            f"{counted(len(record.next_steps), 'next step')}."
        )

    @guarded(lambda self: self.messages)
    def add_to_plan(self) -> None:
        """Save the record, then make each next step not yet in the plan an action step (owned
        by who, from the meeting to by when), and remember which step it became."""
        record = self._record()
        plan = self.load(TeamPlan)
        taken = {a.id for a in plan.actions}
        new: dict[str, ActionStep] = {}
        for step in record.next_steps:
            if step.action_id and plan.action(step.action_id) is not None:
                continue
            action_id = new_id(step.what, taken, "step")
            taken.add(action_id)
            new[step.id] = build(
                ActionStep,
                {
                    "id": action_id,
                    "action": step.what,
                    "owner": step.who,
                    "start": record.date,
                    "due": step.by,
                },
            )
        if not new:
            raise InputError("Every next step of this meeting is already in the action plan.")

        def with_actions(current: TeamPlan) -> TeamPlan:
            for action in new.values():
                current = current.with_action(action)
            return current

        self.update(TeamPlan, with_actions, "the action plan")
        linked = record.model_copy(
            update={
                "next_steps": tuple(
                    s.model_copy(update={"action_id": new[s.id].id}) if s.id in new else s
                    for s in record.next_steps
                )
            }
        )
        self.update(YearProgress, lambda p: p.with_meeting_record(linked), "the meeting record")
        self.rebuild()
        self.messages.ok(
            f"Added {counted(len(new), 'next step')} to the action plan, owned by "
            + ", ".join(sorted({a.owner for a in new.values()}))
            + "."
        )
