"""Day 1 configuration: roles, goal criteria and weights, rating scale, norms, example goals."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from workshop_kit.config import load_config
from workshop_kit.config.common import DayPlan
from workshop_kit.model.base import Record, unique_ids


class Criterion(Record):
    """A quality of a worthy goal that members rate each candidate against."""

    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=40)
    description: str = Field(min_length=1)
    weight: float = Field(gt=0, le=10)


class RatingScale(Record):
    minimum: int = Field(ge=0)
    maximum: int = Field(le=10)
    labels: tuple[str, ...]

    @model_validator(mode="after")
    def _labels_fit(self) -> RatingScale:
        if self.maximum <= self.minimum:
            raise ValueError("needs a maximum above its minimum")
        if len(self.labels) != self.maximum - self.minimum + 1:
            raise ValueError(
                f"needs one label per point from {self.minimum} to {self.maximum} "
                f"({self.maximum - self.minimum + 1} labels), found {len(self.labels)}"
            )
        return self

    @property
    def points(self) -> tuple[int, ...]:
        return tuple(range(self.minimum, self.maximum + 1))

    def label(self, score: int) -> str:
        return self.labels[score - self.minimum]


class GoalChecker(Record):
    """Words that make a goal vague: "some" is not a number, "soon" is not a time."""

    vague_amounts: tuple[str, ...] = Field(min_length=1)
    vague_times: tuple[str, ...] = Field(min_length=1)


class Day1Config(DayPlan):
    roles: tuple[str, ...] = Field(min_length=1)
    rating_scale: RatingScale
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    low_consensus_spread: float = Field(
        gt=0, description="Members' weighted scores further apart than this are flagged."
    )
    suggested_norms: tuple[str, ...] = ()
    example_goals: tuple[str, ...] = ()
    goal_checker: GoalChecker
    ratings_privacy: Literal["until_saved", "until_revealed", "open"] = Field(
        default="until_saved",
        description=(
            "When a member sees the others' ratings: once they have saved their own, once the "
            "facilitator reveals them, or at once."
        ),
    )

    _unique_criteria = unique_ids("criteria", "criterion")

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


def load_day1(workspace: Path | None = None) -> Day1Config:
    return load_config(Day1Config, "day1.yaml", workspace)
