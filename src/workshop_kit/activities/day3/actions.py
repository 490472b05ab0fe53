"""Day 3, activity 8: the action plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow, check_step, plan_problems
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.names import new_id, tidy
from workshop_kit.model.plan import STATUS_LABELS, ActionStep, ProgressCheck, TeamPlan
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.ui.checkbox_list import CheckboxList
from workshop_kit.ui.form import ItemForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import Cell, counted, esc, html_table, problems_html
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import criteria_checks, limit_of, limited, on_click, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class ActionPlanPanel(Day3Panel):
    """Steps with one owner, dates, Day 2 resources, Day 1 success criteria and progress checks."""

    kinds = (TeamPlan,)
    css = "wk-actions"

    def build(self) -> list[widgets.Widget]:
        self.form = ItemForm(
            "step", self.show_item, "step", is_blank=lambda: not self.action.value.strip()
        )
        # the names the tests and the page have always used for the form's parts
        self.choice, self.form_message = self.form.choice, self.form.message
        self.save_button, self.remove_button = self.form.save_button, self.form.remove_button
        # each field with the CSS class the page and the tests find it by
        self.action = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    description="What will be done",
                    layout={**WIDE, "height": "60px"},
                    style=LABEL,
                ),
                ActionStep,
                "action",
            ),
            "wk-step-action",
        )
        self.owner = tagged(
            limited(
                widgets.Combobox(
                    continuous_update=False,
                    description="Owner (one person)",
                    ensure_option=False,
                    layout=WIDE,
                    style=LABEL,
                ),
                ActionStep,
                "owner",
            ),
            "wk-step-owner",
        )
        self.start = tagged(widgets.DatePicker(description="Starts", style=LABEL), "wk-step-start")
        self.due = tagged(widgets.DatePicker(description="Due", style=LABEL), "wk-step-due")
        self.status_choice = tagged(
            widgets.Dropdown(
                description="Status",
                options=[(label, key) for key, label in STATUS_LABELS.items()],
                style=LABEL,
            ),
            "wk-step-status",
        )
        self.resources = CheckboxList(
            "Resources it uses",
            "wk-step-resources",
            empty="No resources yet: list them in the Day 2 inventory.",
        )
        self.criteria_box = widgets.VBox()
        self.criteria_checks: dict[str, widgets.Checkbox] = {}
        self.checks = tagged(
            RowEditor(
                [
                    Column("date", "When we will look", kind="date", width="190px"),
                    Column(
                        "evidence",
                        "What we will look at",
                        width="420px",
                        placeholder="e.g. exit tickets from two classes",
                        limit=limit_of(ProgressCheck, "evidence"),
                    ),
                ],
                add_label="Add a progress check",
            ),
            "wk-step-checks",
        )
        on_click(self.form.save_button, self.save_step)
        on_click(self.form.remove_button, self.remove_step)
        self.table = tagged(widgets.HTML(), "wk-action-table")
        return [
            self.choice,
            self.action,
            self.owner,
            widgets.HBox([self.start, self.due]),
            self.status_choice,
            self.resources,
            widgets.HTML("<b>It serves these success criteria:</b>"),
            self.criteria_box,
            widgets.HTML("<b>Progress checks: when the team will look, and at what</b>"),
            self.checks,
            self.form.buttons,
            self.form.message,
            widgets.HTML("<h4>Your action plan</h4>"),
            self.table,
        ]

    def window(self) -> PlanWindow:
        return PlanWindow.around(self.year(), self.config.action_window_days)

    def known(self) -> tuple[dict[str, str], dict[str, str]]:
        inventory = self.load(ResourceInventory)
        goal = self.load(GoalWork)
        return {r.id: r.name for r in inventory.resources}, {
            c.id: c.measure for c in goal.success_criteria
        }

    def on_reloaded(self) -> None:
        self.form.show_saved()

    def refresh(self) -> None:
        self.fill_choices()
        self.show_item(self.form.editing)
        self.fill_table(self.load(TeamPlan))

    def fill_choices(self) -> None:
        """The owners, resources, success criteria and saved steps to choose from, as saved;
        what is chosen and typed in the form stays (where it is still offered)."""
        _resources, criteria = self.known()
        self.owner.options = self.member_names()
        inventory = self.load(ResourceInventory)
        quadrants = {q.id: q.label for q in _day2_quadrants(self.session)}
        chosen = self.resources.value
        self.resources.options = [
            (f"{r.name} ({quadrants.get(r.quadrant, r.quadrant)})", r.id)
            for r in sorted(inventory.resources, key=lambda r: r.name.casefold())
        ]
        offered = {v for _, v in self.resources.options}
        self.resources.value = tuple(r for r in chosen if r in offered)
        ticked = {cid for cid, box in self.criteria_checks.items() if box.value}
        self.criteria_checks = criteria_checks(
            self.criteria_box, list(criteria.items()), "wk-step-criterion-"
        )
        for cid, box in self.criteria_checks.items():
            box.value = cid in ticked
        self.form.set_items(self.listed(self.load(TeamPlan)))

    def on_document_saved(self, kind: type[Document]) -> None:
        """The roster, the goal, the resources or the meetings changed (here or on another
        device): the choices and the plan's checks follow, and the step being typed stays."""
        if kind in (Team, GoalWork, ResourceInventory, MeetingTime):
            self.fill_choices()
            self.fill_table(self.load(TeamPlan))

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """Another device saved the plan: the "Add or change" list and the action plan show
        every saved step at once; the step typed here is kept, and the note says whose save
        it was."""
        self.form.set_items(self.listed(self.load(TeamPlan)))
        self.fill_table(self.load(TeamPlan))
        super().on_saved_elsewhere(kind, author)

    def listed(self, plan: TeamPlan) -> list[tuple[str, str]]:
        return [(a.id, a.action) for a in plan.actions]

    def fill_table(self, plan: TeamPlan) -> None:
        resources, criteria = self.known()
        problems = plan_problems(plan.actions, resources, criteria, self.window())
        self.status_line = (
            f"{counted(len(plan.actions), 'step')}, {counted(len(problems), 'point')} to look at"
        )
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
                (
                    a.action,
                    a.owner,
                    a.start.isoformat(),
                    a.due.isoformat(),
                    Cell(f"<ul>{res}</ul>"),
                    Cell(f"<ul>{crit}</ul>"),
                    Cell(f"<ul>{checks}</ul>"),
                    STATUS_LABELS[a.status],
                )
            )
        headers = (
            "Step",
            "Owner",
            "Start",
            "Due",
            "Resources",
            "Serves",
            "Progress checks",
            "Status",
        )
        table = (
            html_table(headers, rows, "wk-action-plan") if rows else "<p><i>No steps yet.</i></p>"
        )
        self.table.value = table + problems_html(problems)

    def show_item(self, step_id: str | None) -> None:
        """Fill the form from the saved step ``step_id``, or empty it for a new one."""
        step = self.load(TeamPlan).action(step_id or "")
        known_resources = {v for _, v in self.resources.options}
        if step is None:
            self.action.value = self.owner.value = ""
            self.checks.set_rows([{}])
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
        self.checks.set_rows([c.model_dump() for c in step.progress_checks] or [{}])

    def typed_checks(self) -> list[dict[str, Any]]:
        def read(row: dict[str, Any]) -> dict[str, Any]:
            day = parse_date(row["date"], "date of the progress check")
            evidence = tidy(row["evidence"])
            if not evidence:
                raise InputError("Say what the team will look at on that date.", field="evidence")
            return {"date": day, "evidence": evidence}

        typed = self.checks.typed(
            read,
            used=("date", "evidence"),
            not_saved="Nothing was saved: please fix the progress checks marked above.",
        )
        return [check for _, check in typed]

    @guarded(lambda self: self.form.message)
    def save_step(self) -> None:
        if self.form.is_double_click():
            return
        plan = self.load(TeamPlan)
        editing = self.form.editing
        if self.start.value is None or self.due.value is None:
            raise InputError("Give the start date and the due date.", field="dates")
        step_id = editing or new_id(self.action.value[:40], {a.id for a in plan.actions}, "step")
        before = plan.action(editing or "")
        hidden = [
            r
            for r in (before.resource_ids if before else ())
            if r not in {v for _, v in self.resources.options}
        ]
        try:
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
                    "criterion_ids": [
                        cid for cid, box in self.criteria_checks.items() if box.value
                    ],
                    "progress_checks": self.typed_checks(),
                },
            )
        except InputError as exc:  # the model's own check, named by the label on the form
            labels = {"action": self.action.description, "owner": self.owner.description}
            raise InputError(on_label(exc, labels), field=exc.field) from None
        resources, criteria = self.known()
        check_step(step, {**resources, **{r: r for r in hidden}}, criteria, self.window())

        saved = self.update(TeamPlan, lambda doc: doc.with_action(step), "the step")
        self.messages.clear()
        note = "" if step.progress_checks else " Add a progress check: when will you look?"
        what = f"the step owned by {step.owner}, due {step.due.isoformat()}.{note}"
        self.form.saved_item(self.listed(saved), what)
        self.fill_table(saved)  # after the form is empty: a new row means typing can go on

    @guarded(lambda self: self.form.message)
    def remove_step(self) -> None:
        step = self.load(TeamPlan).action(self.form.editing or "")
        if step is None:
            raise InputError("Choose the step to remove first.")
        saved = self.update(TeamPlan, lambda doc: doc.without_action(step.id), "the action plan")
        self.messages.clear()
        self.form.saved(self.listed(saved), f"Removed the step owned by {step.owner}.")
        self.fill_table(saved)


def _day2_quadrants(session: Session) -> Sequence[Any]:
    from workshop_kit.config.day2 import load_day2

    return load_day2(session.workspace.root).quadrants
