"""Day 1, goal statement: the goal built from its parts, and its success criteria."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.logic.goal_check import (
    Feedback,
    check_criteria,
    check_goal,
    draft_statement,
    is_measurable,
)
from workshop_kit.logic.parse import parse_date, parse_number
from workshop_kit.logic.plausibility import criteria_warnings
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalStatement, GoalWork, SuccessCriterion
from workshop_kit.model.names import new_id
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.messages import Messages, SecondSave
from workshop_kit.ui.parts import button, dropdown, limited, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class GoalPanel(Day1Panel):
    """Build the goal statement from its parts, with plain feedback, and its success criteria."""

    kinds = (GoalWork,)

    def build(self) -> list[widgets.Widget]:
        self.chosen = dropdown("wk-chosen-candidate", "Goal chosen", "620px")
        self.parts: dict[str, widgets.Text] = {}
        self.feedback: dict[str, Messages] = {}
        rows: list[widgets.Widget] = []
        for key, label, hint in GoalStatement.parts():
            field = tagged(
                limited(
                    widgets.Text(
                        continuous_update=False,
                        description=label,
                        placeholder=hint,
                        layout={"width": "620px"},
                        style={"description_width": "150px"},
                    ),
                    GoalStatement,
                    key,
                ),
                f"wk-goal-{key}",
                on_change=self.check,
            )
            self.parts[key] = field
            self.feedback[key] = Messages()
            rows += [field, self.feedback[key]]
        self.draft_button = button(
            "wk-draft-goal", self.draft, "Draft the statement from the parts", "magic"
        )
        self.statement = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    placeholder="Your goal in one sentence",
                    layout={"width": "620px", "height": "90px"},
                ),
                GoalStatement,
                "statement",
            ),
            "wk-goal-statement",
            on_change=self.check,
        )
        self.feedback["statement"] = Messages()

        self.criteria = RowEditor(
            [
                Column.of(
                    SuccessCriterion, "measure", width="260px", placeholder="what you will count"
                ),
                Column.of(SuccessCriterion, "baseline", kind="number", width="80px"),
                Column.of(SuccessCriterion, "target", kind="number", width="80px"),
                Column.of(SuccessCriterion, "unit", width="60px"),
                Column.of(SuccessCriterion, "by", kind="date", width="170px"),
            ],
            add_label="Add a success criterion",
        )
        self.feedback["criteria"] = Messages()
        self.asked = False  # Save pressed: from then on an empty part is named too
        self.save_button = save_button("wk-save-goal", self.save_goal, "Save the goal")
        self.second_save = SecondSave()
        self.verdict = widgets.HTML()
        return [
            self.chosen,
            *rows,
            self.draft_button,
            self.statement,
            self.feedback["statement"],
            self.verdict,
            widgets.HTML("<b>Success criteria</b>: how you will know, with numbers and dates."),
            self.criteria,
            self.feedback["criteria"],
            self.save_button,
        ]

    def status(self) -> str:
        feedback = self.feedback_on(self.typed_goal())
        missing = list(dict.fromkeys(f.part for f in feedback if not f.ok))
        return "measurable" if not missing else f"still missing: {', '.join(missing)}"

    def feedback_on(self, goal: GoalStatement) -> list[Feedback]:
        """The checker's feedback on ``goal`` and on the saved success criteria."""
        context = self.goal_context()
        checker = self.config.goal_checker
        criteria = self.load(GoalWork).success_criteria
        return [
            *check_goal(goal, checker, context),
            *check_criteria(criteria, goal, checker, context),
        ]

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.set_candidate_options(work)
        self.chosen.value = work.goal.chosen_candidate or ""
        for key, field in self.parts.items():
            field.value = getattr(work.goal, key)
        self.statement.value = work.goal.statement
        self.criteria.set_rows([c.model_dump() for c in work.success_criteria])
        if not work.success_criteria:
            self.criteria.add_row({"unit": "%"})
        self.check()

    def set_candidate_options(self, work: GoalWork) -> None:
        keep = self.chosen.value
        self.chosen.options = [("(choose the candidate this goal grows from)", "")] + [
            (c.text, c.id) for c in work.candidates
        ]
        if keep in {c.id for c in work.candidates}:
            self.chosen.value = keep

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork:  # only the choice list: typed parts stay as they are
            self.set_candidate_options(self.team.load(GoalWork))

    def typed_goal(self) -> GoalStatement:
        return GoalStatement(
            **{key: field.value for key, field in self.parts.items()},
            statement=self.statement.value,
            chosen_candidate=self.chosen.value or "",
        )

    @guarded(lambda self: self.messages)
    def check(self) -> None:
        feedback = self.feedback_on(self.typed_goal())
        self.feedback["criteria"].clear()
        fields: dict[str, widgets.Text | widgets.Textarea] = {
            **self.parts,
            "statement": self.statement,
        }
        anything = any(field.value.strip() for field in fields.values())
        for part in dict.fromkeys(f.part for f in feedback):
            found = [f for f in feedback if f.part == part]
            problems = [f.message for f in found if not f.ok]
            field = fields.get(part)
            typed = field.value.strip() if field is not None else anything
            untouched = not typed and not self.asked
            if problems and untouched:
                self.feedback[part].clear()  # no red before the person has typed or saved
            elif problems:
                self.feedback[part].show("error", " ".join(problems))
            else:
                self.feedback[part].show("ok", found[0].message)
        if is_measurable(feedback):
            self.verdict.value = "<p class='wk-verdict'><b>✅ This goal can be measured.</b></p>"
        else:
            self.verdict.value = ""

    @guarded(lambda self: self.messages)
    def draft(self) -> None:
        self.statement.value = draft_statement(self.typed_goal())

    def typed_criteria(self) -> list[SuccessCriterion]:
        labels = self.criteria.labels
        taken = {r["id"] for r in self.criteria.values() if r.get("id")}
        taken |= {c.id for c in self.load(GoalWork).success_criteria}

        def read(row: dict[str, Any]) -> SuccessCriterion:
            cid = row.get("id") or new_id(row["measure"], taken, "goal")
            taken.add(cid)
            return build(
                SuccessCriterion,
                {
                    "id": cid,
                    "measure": row["measure"],
                    "baseline": parse_number(row["baseline"], labels["baseline"], percent=True),
                    "target": parse_number(row["target"], labels["target"], percent=True),
                    "unit": row["unit"],
                    "by": parse_date(row["by"], "date"),
                },
            )

        typed = self.criteria.typed(
            read,
            used=("measure", "baseline", "target", "by"),
            not_saved="Nothing was saved: please fix the success criteria marked above.",
            problem=lambda exc, _row: on_label(exc, labels),
        )
        return [criterion for _, criterion in typed]

    @guarded(lambda self: self.messages)
    def save_goal(self) -> None:
        self.asked = True
        criteria = self.typed_criteria()
        goal = self.typed_goal()
        typed = (goal.model_dump_json(), *(c.model_dump_json() for c in criteria))
        warnings = criteria_warnings(criteria)
        if self.second_save.holds_back(
            self.messages, warnings, typed, self.save_button.description
        ):
            return
        self.update_fields(GoalWork, "the goal", goal=goal, success_criteria=criteria)
        self.refresh()
        open_parts = [f for f in self.feedback_on(goal) if not f.ok]
        note = (
            ""
            if not open_parts
            else f" {plural(len(open_parts), 'part')} still need work (see the notes)."
            if len(open_parts) > 1
            else " 1 part still needs work (see the notes)."
        )
        criteria_saved = plural(len(criteria), "success criterion", "success criteria")
        self.messages.ok(f"Saved the goal and {criteria_saved}.{note}")
