"""Through the year, activity 3: how far each action step of the plan has got."""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets

from workshop_kit.activities.year.base import LABEL, YearPanel
from workshop_kit.errors import InputError
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.base import Document
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import IMPLEMENTATION_LABELS, StepCheck, YearProgress, dated_id
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc
from workshop_kit.ui.parts import date_field, limited, save_button, tagged
from workshop_kit.validation import build

NOT_CHECKED = "—"


@dataclass
class StepRow:
    action_id: str
    status: widgets.Dropdown
    note: widgets.Text
    box: widgets.Widget


class StepsPanel(YearPanel):
    """One row per action step: done, partly or not yet, with a note, as of one date."""

    kinds = (YearProgress,)

    def build(self) -> list[widgets.Widget]:
        self.date = date_field("wk-steps-date", "Checked on", style=LABEL)
        self.rows: list[StepRow] = []
        self.rows_box = widgets.VBox()
        self.save_button = save_button(
            "wk-save-steps", self.save, "Save the step checks", width="240px"
        )
        return [self.date, self.rows_box, self.save_button]

    def status(self) -> str:
        plan = self.load(TeamPlan)
        progress = self.load(YearProgress)
        latest = [progress.latest_step(s.id) for s in plan.actions]
        done = sum(1 for c in latest if c is not None and c.status == "done")
        checked = sum(1 for c in latest if c is not None)
        return f"{counted(len(plan.actions), 'step')}: {checked} checked, {done} done"

    def refresh(self) -> None:
        plan = self.load(TeamPlan)
        progress = self.load(YearProgress)
        self.rows = []
        labels = IMPLEMENTATION_LABELS.items()
        options = [(NOT_CHECKED, ""), *((label, key) for key, label in labels)]
        for step in plan.actions:
            latest = progress.latest_step(step.id)
            status = tagged(
                widgets.Dropdown(
                    options=options,
                    value=latest.status if latest else "",
                    layout={"width": "130px"},
                    tooltip=f"Status of the step: {step.action}",
                ),
                "wk-step-status",
            )
            note = tagged(
                limited(
                    widgets.Text(
                        continuous_update=False,
                        value=latest.note if latest else "",
                        placeholder="what helped or got in the way",
                        layout={"width": "300px"},
                    ),
                    StepCheck,
                    "note",
                ),
                "wk-step-note",
            )
            when = f"last checked {latest.date.isoformat()}" if latest else "not checked yet"
            planned = "".join(
                f"<br><small>Progress check {c.date.isoformat()}: {esc(c.evidence)}</small>"
                for c in step.progress_checks
            )
            label = widgets.HTML(
                f"<b>{esc(step.action)}</b><br><small>{esc(step.owner)}, due "
                f"{step.due.isoformat()}; {when}</small>{planned}",
                layout={"width": "360px"},
            )
            box = widgets.HBox([label, status, note])
            box.add_class("wk-step-row")
            self.rows.append(StepRow(step.id, status, note, box))
        self.rows_box.children = [r.box for r in self.rows] or [
            widgets.HTML("<p>Your plan has no action steps yet (Day 3, the action plan).</p>")
        ]

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (TeamPlan, YearProgress):
            self.rebuild()

    @guarded(lambda self: self.messages)
    def save(self) -> None:
        day = parse_date(self.date.value, "date of the check")
        assert day is not None
        checks = [
            build(
                StepCheck,
                {
                    "id": dated_id(row.action_id, day),
                    "action_id": row.action_id,
                    "date": day,
                    "status": row.status.value,
                    "note": row.note.value,
                },
            )
            for row in self.rows
            if row.status.value
        ]
        if not checks:
            raise InputError("Choose done, partly or not yet for at least one step.")
        self.update(YearProgress, lambda p: p.with_steps(checks), "the step checks")
        self.messages.ok(f"Saved {counted(len(checks), 'step check')} as of {day.isoformat()}.")
