"""Day 1, candidate goals: each school-wide goal the team considers, with its evidence."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.activities.paste import PasteRows
from workshop_kit.errors import InputError
from workshop_kit.logic.words import plural
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.names import new_id
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class CandidatesPanel(Day1Panel):
    """Add, edit and remove candidate school-wide goals, each with the evidence behind it."""

    kinds = (GoalWork,)

    def build(self) -> list[widgets.Widget]:
        self.rows = RowEditor(
            [
                Column.of(
                    CandidateGoal,
                    "text",
                    kind="long",
                    width="380px",
                    placeholder="One sentence: what students will learn or do",
                    headings=("goal", "candidate goal", "candidate"),
                ),
                Column.of(
                    CandidateGoal,
                    "evidence",
                    kind="long",
                    width="300px",
                    headings=("data", "why", "evidence behind it"),
                ),
            ],
            add_label="Add a candidate goal",
        )
        self.paste = PasteRows(
            self.rows.paste_columns(),
            lambda rows: self.rows.add_pasted(rows, "candidate goal"),
            "candidate goal",
        )
        self.examples = tagged(
            widgets.Dropdown(
                options=[("Start from an example…", "")]
                + [(e, e) for e in self.config.example_goals],
                layout={"width": "520px"},
                tooltip="Start from an example goal",
            ),
            "wk-example-goals",
            on_change=self.use_example,
        )
        self.save_button = save_button(
            "wk-save-candidates", self.save_candidates, "Save the candidates"
        )
        return [self.rows, self.examples, self.paste, self.save_button]

    def status(self) -> str:
        typed = [r for r in self.rows.values() if (r["text"] or "").strip()]
        return plural(len(typed), "candidate goal")

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.rows.set_rows([c.model_dump() for c in work.candidates])
        if not work.candidates:
            self.rows.add_row({})

    @guarded(lambda self: self.messages)
    def use_example(self) -> None:
        if self.examples.value:
            self.rows.add_row({"text": self.examples.value})
            self.examples.value = ""

    @guarded(lambda self: self.messages)
    def save_candidates(self) -> None:
        # a new candidate's id avoids every saved one too: reusing a removed candidate's id
        # would hand its ratings to a different goal
        taken = {row["id"] for row in self.rows.values() if row.get("id")}
        taken |= {c.id for c in self.load(GoalWork).candidates}

        def read(row: dict[str, Any]) -> CandidateGoal:
            cid = row.get("id") or new_id(row["text"] or "", taken, "goal")
            taken.add(cid)
            return build(
                CandidateGoal, {"id": cid, "text": row["text"], "evidence": row["evidence"]}
            )

        typed = self.rows.typed(
            read,
            used=("text", "evidence"),
            not_saved="Nothing was saved: please fix the candidate goals marked above.",
            problem=self.candidate_problem,
        )
        candidates = [candidate for _, candidate in typed]
        dropped: list[int] = []

        def change(current: GoalWork) -> GoalWork:
            updated = current.with_candidates(candidates)
            dropped.append(current.rating_count() - updated.rating_count())
            return updated

        self.update(GoalWork, change, "the candidate goals")
        self.refresh()
        note = (
            f" Removed the ratings of {plural(dropped[-1], 'deleted candidate')}."
            if dropped and dropped[-1]
            else ""
        )
        self.messages.ok(f"Saved {plural(len(candidates), 'candidate goal')}.{note}")

    def candidate_problem(self, exc: InputError, row: dict[str, Any]) -> str:
        """What a row says about the model's objection to one of its fields."""
        if exc.field == "text" and not (row["text"] or "").strip():
            return "Write the goal itself, not only its evidence."
        return on_label(exc, self.rows.labels)
