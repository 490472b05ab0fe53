"""Day 1 configuration: roles, staff groups, meeting roles, goal criteria and weights, rating
scale, norms, example goals."""

from __future__ import annotations

from pathlib import Path
from string import Formatter
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from workshop_kit.config import load_config
from workshop_kit.config.common import DayPlan
from workshop_kit.model.base import Record, unique_ids
from workshop_kit.model.team import first_repeat


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


#: every rule of the goal checker, with the values its message may name in {braces}
GOAL_RULES: dict[str, tuple[str, ...]] = {
    "what_missing": (),
    "what_not_instructional": ("word",),
    "what_not_specific": ("words",),
    "what_ok": (),
    "for_whom_missing": (),
    "for_whom_not_school_wide": ("grades", "school"),
    "for_whom_ok": (),
    "how_much_missing": (),
    "how_much_not_number": ("word",),
    "how_much_wrong_way": ("target", "baseline", "way"),
    "how_much_ok": (),
    "by_when_missing": (),
    "by_when_not_time": ("word",),
    "by_when_out_of_range": ("year", "first", "last"),
    "by_when_ok": (),
    "baseline_missing": (),
    "baseline_not_number": (),
    "baseline_ok": (),
    "statement_missing": (),
    "statement_vague": ("word",),
    "statement_no_number": (),
    "statement_no_date": (),
    "statement_not_positive": ("word",),
    "statement_outside_control": ("word",),
    "statement_ok": (),
    "criterion_wrong_way": ("measure", "target", "baseline", "way"),
    "criterion_out_of_range": ("measure", "date", "first", "last"),
    "criteria_ok": (),
}


class GoalChecker(Record):
    """How the goal checker reads a goal: the words it watches for, and the plain message of
    every rule. "Some" is not a number, "soon" is not a time; a problem of practice is positive,
    solvable (within the school's control), measurable, specific and about instruction."""

    vague_amounts: tuple[str, ...] = Field(min_length=1)
    vague_times: tuple[str, ...] = Field(min_length=1)
    negative_words: tuple[str, ...] = ()
    outside_control_words: tuple[str, ...] = ()
    non_instructional_words: tuple[str, ...] = ()
    lowering_words: tuple[str, ...] = Field(
        default=(), description="Words that say a goal lowers its measure (fewer, reduce, ...)."
    )
    what_min_words: int = Field(default=1, ge=1, le=20)
    years_ahead: int = Field(
        default=2, ge=1, le=5, description="How many school years ahead a goal's dates may fall."
    )
    school_grades: str = Field(
        default="",
        max_length=40,
        description="The grades the school serves (K-5); blank: read from the team's school.",
    )
    messages: dict[str, str]

    @field_validator("messages")
    @classmethod
    def _every_rule_has_a_message(cls, messages: dict[str, str]) -> dict[str, str]:
        unknown = [rule for rule in messages if rule not in GOAL_RULES]
        if unknown:
            raise ValueError(
                f"names a rule the goal checker does not have: {', '.join(unknown)} "
                f"(its rules are {', '.join(GOAL_RULES)})"
            )
        missing = [rule for rule in GOAL_RULES if not str(messages.get(rule, "")).strip()]
        if missing:
            raise ValueError(f"needs a message for every rule; missing: {', '.join(missing)}")
        for rule, message in messages.items():
            names = {n for _, n, _, _ in Formatter().parse(message) if n is not None}
            extra = names - set(GOAL_RULES[rule])
            if extra:
                allowed = ", ".join("{" + n + "}" for n in GOAL_RULES[rule]) or "none"
                raise ValueError(
                    f"‘{rule}’ uses {', '.join('{' + n + '}' for n in sorted(extra))}, which "
                    f"this rule does not fill (it can use: {allowed})"
                )
        return messages

    def say(self, rule: str, **values: object) -> str:
        """The rule's message with its values filled in."""
        return self.messages[rule].format_map({k: str(v) for k, v in values.items()})


class Day1Config(DayPlan):
    NOTEBOOK_ACTIVITIES: ClassVar[tuple[str, ...]] = (
        "workbook",
        "roster",
        "norms",
        "meeting_roles",
        "evidence",
        "candidates",
        "ratings",
        "goal_statement",
        "summary",
    )
    NOTEBOOK: ClassVar[str] = "the Day 1 notebook"

    roles: tuple[str, ...] = Field(min_length=1)
    staff_groups: tuple[str, ...] = Field(
        default=(),
        description=(
            "The school's staff groups a member can speak for (grades, departments, "
            "specialists); the roster names those with no one on the team."
        ),
    )
    meeting_roles: tuple[str, ...] = Field(
        default=("Facilitator", "Timekeeper", "Note-taker"),
        min_length=1,
        description="The team's own meeting roles, which rotate among its members.",
    )
    rotation_meetings: int = Field(
        default=6, ge=1, le=20, description="How many coming meetings the rotation table shows."
    )
    rating_scale: RatingScale
    criteria: tuple[Criterion, ...] = Field(min_length=1)
    low_consensus_spread: float = Field(
        gt=0, description="Members' weighted scores further apart than this are flagged."
    )
    suggested_norms: tuple[str, ...] = ()
    example_goals: tuple[str, ...] = ()
    goal_checker: GoalChecker
    rubric_cut_score: int = Field(
        default=3,
        ge=1,
        le=10,
        description="A rubric score distribution is read as the share scoring this or higher.",
    )
    ratings_privacy: Literal["until_saved", "until_revealed", "open"] = Field(
        default="until_saved",
        description=(
            "When a member sees the others' ratings: once they have saved their own, once the "
            "facilitator reveals them, or at once."
        ),
    )

    _unique_criteria = unique_ids("criteria", "criterion")

    @field_validator("staff_groups", "meeting_roles")
    @classmethod
    def _each_listed_once(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(n.strip() for n in names)
        if any(not n for n in cleaned):
            raise ValueError("holds an empty entry; remove it or write it out")
        repeat = first_repeat(cleaned)
        if repeat is not None:
            raise ValueError(f"lists ‘{cleaned[repeat]}’ twice")
        return cleaned

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


def load_day1(workspace: Path | None = None) -> Day1Config:
    return load_config(Day1Config, "day1.yaml", workspace)
