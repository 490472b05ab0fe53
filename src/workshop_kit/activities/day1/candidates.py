"""Day 1, candidate goals: each school-wide goal the team considers, with its evidence."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import Column, RowEditor, guarded, on_click
from workshop_kit.activities.day1.base import Day1Panel, new_candidate_id
from workshop_kit.errors import InputError
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.session import Session
from workshop_kit.validation import build


class CandidatesPanel(Day1Panel):
    """Add, edit and remove candidate school-wide goals, each with the evidence behind it."""

    kinds = (GoalWork,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-candidates")
        self.rows = RowEditor(
            [
                Column(
                    "text",
                    "Candidate goal",
                    kind="long",
                    width="380px",
                    placeholder="One sentence: what students will learn or do",
                ),
                Column("evidence", "Evidence behind it", kind="long", width="300px"),
            ],
            add_label="Add a candidate goal",
        )
        self.examples = widgets.Dropdown(
            options=[("Start from an example…", "")] + [(e, e) for e in self.config.example_goals],
            layout={"width": "520px"},
        )
        self.examples.add_class("wk-example-goals")
        self.examples.observe(lambda _c: self.use_example(), names="value")
        self.save_button = widgets.Button(
            description="Save the candidates", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-candidates")
        on_click(self.save_button, self.save_candidates)
        self.layout_children(self.rows, self.examples, self.save_button)
        self.rebuild()

    def status(self) -> str:
        return (
            f"{len([r for r in self.rows.values() if (r['text'] or '').strip()])} candidate goals"
        )

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
        self.rows.clear_errors()
        typed = [
            r
            for r in self.rows.values()
            if (r["text"] or "").strip() or (r["evidence"] or "").strip()
        ]
        for index, row in enumerate(self.rows.values()):
            if not (row["text"] or "").strip() and (row["evidence"] or "").strip():
                self.rows.show_row_error(index, "Write the goal itself, not only its evidence.")
                raise InputError("Nothing was saved: a candidate has evidence but no goal.")
        taken = {r["id"] for r in typed if r.get("id")}
        candidates = []
        for row in typed:
            cid = row.get("id") or new_candidate_id(row["text"], taken)
            taken.add(cid)
            candidates.append(
                build(CandidateGoal, {"id": cid, "text": row["text"], "evidence": row["evidence"]})
            )
        kept = {c.id for c in candidates}
        dropped: list[int] = []

        def change(current: GoalWork) -> GoalWork:
            ratings = {
                member: {cid: scores for cid, scores in by.items() if cid in kept}
                for member, by in current.ratings.items()
            }
            dropped.append(
                sum(len(by) for by in current.ratings.values())
                - sum(len(by) for by in ratings.values())
            )
            chosen = current.goal.chosen_candidate if current.goal.chosen_candidate in kept else ""
            return build(
                GoalWork,
                {
                    **current.model_dump(),
                    "candidates": candidates,
                    "ratings": ratings,
                    "goal": {**current.goal.model_dump(), "chosen_candidate": chosen},
                },
            )

        self.update(GoalWork, change, "the candidate goals")
        self.refresh()
        note = (
            f" Removed the ratings of {dropped[0]} deleted candidate(s)."
            if dropped and dropped[0]
            else ""
        )
        self.messages.ok(f"Saved {len(candidates)} candidate goals.{note}")
