"""Day 2 configuration: ICB quadrants, use statuses, forms of leadership support, time boxes.

Facilitators rename, reword and re-time everything here without Python. Ids are what a team's
``resources.yaml`` stores, so they should stay stable once teams have started; labels may change.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field, model_validator

from workshop_kit.config import load_config
from workshop_kit.config.common import DayPlan
from workshop_kit.model.base import Record, unique_ids

CONFIG_ID = r"^[a-z0-9_-]+$"
COLOUR = r"^#[0-9a-fA-F]{6}$"


class Quadrant(Record):
    """One of the four kinds of instructional resource, as the team will read about it."""

    id: str = Field(min_length=1, max_length=40, pattern=CONFIG_ID)
    label: str = Field(min_length=1, max_length=60)
    short_label: str = Field(min_length=1, max_length=30)
    description: str = Field(min_length=1)
    examples: tuple[str, ...] = Field(min_length=1)


class UseStatus(Record):
    """How well a resource is used toward the goal today; ``rank`` 0 is the least used."""

    id: str = Field(min_length=1, max_length=40, pattern=CONFIG_ID)
    label: str = Field(min_length=1, max_length=40)
    description: str = Field(min_length=1)
    colour: str = Field(pattern=COLOUR)


class SupportForm(Record):
    """One of the five forms of support for learning-focused leadership."""

    id: str = Field(min_length=1, max_length=40, pattern=CONFIG_ID)
    label: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1)


class Day2Config(DayPlan):
    NOTEBOOK_ACTIVITIES: ClassVar[tuple[str, ...]] = (
        "workbook",
        "framework",
        "inventory",
        "map",
        "insights",
        "links",
        "support",
        "summary",
    )
    NOTEBOOK: ClassVar[str] = "the Day 2 notebook"

    framework_assumptions: tuple[str, ...] = Field(min_length=1)
    quadrants: tuple[Quadrant, ...] = Field(min_length=4, max_length=4)
    use_statuses: tuple[UseStatus, ...] = Field(min_length=2)
    well_used: str = Field(
        min_length=1, description="The use status that counts as put to effective use already."
    )
    support_forms: tuple[SupportForm, ...] = Field(min_length=1)
    thin_share_of_average: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description=(
            "A quadrant is thin when it holds fewer resources than this share of the school's "
            "own average per quadrant (0.5: under half the average)."
        ),
    )
    thin_quadrant_below: int = Field(
        default=0,
        ge=0,
        le=100,
        description=(
            "Optional floor: a quadrant with fewer resources than this is thin too, however few "
            "the school lists in all (0: no floor)."
        ),
    )
    map_names_per_quadrant: int = Field(
        ge=3,
        le=14,
        description=(
            "How many resources a crowded quadrant names on the map; the others become dots."
        ),
    )

    _unique_quadrants = unique_ids("quadrants", "quadrant")
    _unique_statuses = unique_ids("use_statuses", "use status")
    _unique_forms = unique_ids("support_forms", "form of leadership support")

    @model_validator(mode="after")
    def _well_used_is_a_status(self) -> Day2Config:
        if self.well_used not in self.use_status_ids:
            raise ValueError(
                f"names ‘{self.well_used}’ as well_used, but use_statuses has no such id"
            )
        return self

    @property
    def quadrant_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.quadrants)

    @property
    def use_status_ids(self) -> tuple[str, ...]:
        """Least used first, as the facilitator ordered them."""
        return tuple(s.id for s in self.use_statuses)

    @property
    def support_form_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.support_forms)

    def quadrant(self, quadrant_id: str) -> Quadrant:
        for quadrant in self.quadrants:
            if quadrant.id == quadrant_id:
                return quadrant
        raise KeyError(quadrant_id)

    def use_status(self, status_id: str) -> UseStatus:
        for status in self.use_statuses:
            if status.id == status_id:
                return status
        raise KeyError(status_id)

    def support_form(self, form_id: str) -> SupportForm:
        for form in self.support_forms:
            if form.id == form_id:
                return form
        raise KeyError(form_id)

    def quadrant_label(self, quadrant_id: str) -> str:
        """The quadrant's label, or its id when the config no longer has it."""
        return _label_of(self.quadrants, quadrant_id)

    def use_label(self, status_id: str) -> str:
        """The use status's label, or its id when the config no longer has it."""
        return _label_of(self.use_statuses, status_id)

    def form_label(self, form_id: str) -> str:
        """The form of support's label, or its id when the config no longer has it."""
        return _label_of(self.support_forms, form_id)


def _label_of(choices: tuple[Quadrant | UseStatus | SupportForm, ...], choice_id: str) -> str:
    return next((c.label for c in choices if c.id == choice_id), choice_id)


def load_day2(workspace: Path | None = None) -> Day2Config:
    return load_config(Day2Config, "day2.yaml", workspace)
