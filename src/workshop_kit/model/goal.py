"""Day 1 goal work: candidate goals, every member's ratings, the goal statement and its measures."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field, model_validator

from workshop_kit.model.base import Document, Record, unique_ids

TEXT_MAX = 500


class CandidateGoal(Record):
    """A school-wide instructional goal the team is considering. ``id`` never changes once given."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    text: str = Field(min_length=1, max_length=TEXT_MAX)
    evidence: str = Field(default="", max_length=TEXT_MAX)


# member name -> candidate id -> criterion id -> score
Ratings = dict[str, dict[str, dict[str, int]]]


class SuccessCriterion(Record):
    """A measurable sign of success: what is measured, from what baseline, to what target, when."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    measure: str = Field(min_length=1, max_length=TEXT_MAX)
    baseline: float = Field(allow_inf_nan=False)
    target: float = Field(allow_inf_nan=False)
    unit: str = Field(default="%", max_length=20)
    by: dt.date

    @model_validator(mode="after")
    def _target_moves(self) -> SuccessCriterion:
        if self.target == self.baseline:
            raise ValueError("needs a target different from its baseline")
        return self


class GoalStatement(Record):
    """The builder's parts and the statement the team wrote from them."""

    what: str = Field(default="", max_length=TEXT_MAX)
    for_whom: str = Field(default="", max_length=TEXT_MAX)
    how_much: str = Field(default="", max_length=TEXT_MAX)
    by_when: str = Field(default="", max_length=TEXT_MAX)
    baseline: str = Field(default="", max_length=TEXT_MAX)
    statement: str = Field(default="", max_length=2 * TEXT_MAX)
    chosen_candidate: str = ""


class GoalWork(Document):
    """``goal.yaml``: everything the team does on Day 1 to arrive at one worthy goal."""

    FILE_NAME: ClassVar[str] = "goal.yaml"
    TITLE: ClassVar[str] = "the goal work (candidates, ratings, goal statement)"

    candidates: tuple[CandidateGoal, ...] = ()
    ratings: Ratings = Field(default_factory=dict)
    goal: GoalStatement = GoalStatement()
    success_criteria: tuple[SuccessCriterion, ...] = ()

    _unique_candidates = unique_ids("candidates", "candidate goal")
    _unique_criteria = unique_ids("success_criteria", "success criterion")

    @model_validator(mode="after")
    def _ratings_point_at_candidates(self) -> GoalWork:
        known = {c.id for c in self.candidates}
        for member, by_candidate in self.ratings.items():
            for candidate_id in by_candidate:
                if candidate_id not in known:
                    raise ValueError(
                        f"has a rating by {member} for an unknown candidate goal ‘{candidate_id}’"
                    )
        return self

    def score(self, member: str, candidate_id: str, criterion_id: str) -> int | None:
        return self.ratings.get(member, {}).get(candidate_id, {}).get(criterion_id)

    def with_score(self, member: str, candidate_id: str, criterion_id: str, score: int) -> GoalWork:
        """A copy with one rating set (the document itself stays frozen)."""
        ratings = {m: {c: dict(s) for c, s in by.items()} for m, by in self.ratings.items()}
        ratings.setdefault(member, {}).setdefault(candidate_id, {})[criterion_id] = score
        return self.model_copy(update={"ratings": ratings})

    def candidate(self, candidate_id: str) -> CandidateGoal | None:
        return next((c for c in self.candidates if c.id == candidate_id), None)
