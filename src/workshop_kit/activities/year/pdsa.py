"""Through the year, activity 4: Plan-Do-Study-Act for each learning cycle placed on Day 3."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.year.base import LABEL, YearPanel
from workshop_kit.errors import InputError
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.base import Document
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import DECISION_LABELS, Pdsa, YearProgress
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, html_table
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import date_field, dropdown, limited, save_button, tagged
from workshop_kit.validation import build

#: the record's text fields, in the order of the worksheet
TEXT_FIELDS = ("change", "prediction", "happened", "learned")


class PdsaPanel(YearPanel):
    """Choose a cycle, fill in its PDSA record, decide: adopt, adapt or abandon."""

    kinds = (YearProgress,)

    def build(self) -> list[widgets.Widget]:
        self.cycle = dropdown("wk-pdsa-cycle", "Learning cycle", "620px", self.fill, style=LABEL)
        fields = Pdsa.model_fields
        self.texts: dict[str, widgets.Textarea] = {
            key: tagged(
                limited(
                    widgets.Textarea(
                        continuous_update=False,
                        description=fields[key].title or key,
                        style=LABEL,
                        layout={"width": "620px", "height": "60px"},
                    ),
                    Pdsa,
                    key,
                ),
                f"wk-pdsa-{key}",
            )
            for key in TEXT_FIELDS
        }
        self.labels = {key: fields[key].title or key for key in fields}
        self.decision = dropdown(
            "wk-pdsa-decision",
            "Our decision",
            "420px",
            options=[("Not decided yet", ""), *((v, k) for k, v in DECISION_LABELS.items())],
            style=LABEL,
        )
        self.decided_on = date_field("wk-pdsa-date", "Decided on", style=LABEL)
        self.save_button = save_button("wk-save-pdsa", self.save, "Save this cycle's record")
        self.table = widgets.HTML()
        return [
            self.cycle,
            *self.texts.values(),
            widgets.HBox([self.decision, self.decided_on]),
            self.save_button,
            self.table,
        ]

    def status(self) -> str:
        plan = self.load(TeamPlan)
        progress = self.load(YearProgress)
        decided = [
            r for c in plan.cycles if (r := progress.pdsa_of(c.id)) is not None and r.decision
        ]
        return f"{counted(len(plan.cycles), 'cycle')}, {len(decided)} decided"

    def refresh(self) -> None:
        plan = self.load(TeamPlan)
        self.load(YearProgress)
        chosen = self.cycle.value
        self.cycle.options = [
            (f"{c.name}, from {c.start.isoformat()}: {c.focus}" if c.focus else c.name, c.id)
            for c in plan.cycles
        ]
        ids = [c.id for c in plan.cycles]
        if ids:
            self.cycle.value = chosen if chosen in ids else ids[0]
        self.fill()
        self.show_table()

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (TeamPlan, YearProgress):
            self.rebuild()

    def fill(self) -> None:
        """Show the saved record of the chosen cycle (empty fields if there is none)."""
        record = self.load(YearProgress).pdsa_of(self.cycle.value or "")
        for key, box in self.texts.items():
            box.value = getattr(record, key) if record else ""
        self.decision.value = (record.decision if record else None) or ""
        decided = record.decided_on if record else None
        self.decided_on.value = decided

    def show_table(self) -> None:
        plan = self.load(TeamPlan)
        progress = self.load(YearProgress)
        rows = []
        for c in plan.cycles:
            record = progress.pdsa_of(c.id)
            decision = record.decision if record else None
            rows.append(
                [
                    c.name,
                    c.start.isoformat(),
                    record.change if record else "",
                    record.learned if record else "",
                    DECISION_LABELS[decision].split(":")[0] if decision else "not yet",
                ]
            )
        self.table.value = (
            html_table(["Cycle", "From", "Change tried", "Learned", "Decision"], rows, "wk-pdsa")
            if rows
            else "<p>No learning cycles in your plan yet (Day 3, the learning cycles).</p>"
        )

    @guarded(lambda self: self.messages)
    def save(self) -> None:
        cycle_id = self.cycle.value
        if not cycle_id:
            raise InputError("Choose a learning cycle first.")
        data: dict[str, object] = {key: box.value for key, box in self.texts.items()}
        data["decision"] = self.decision.value or None
        data["decided_on"] = parse_date(self.decided_on.value, "Decided on", required=False)
        try:
            record = build(Pdsa, {"id": cycle_id, **data})
        except InputError as exc:
            raise InputError(on_label(exc, self.labels), field=exc.field) from None
        self.update(YearProgress, lambda p: p.with_pdsa(record), "the cycle's record")
        self.show_table()
