"""Day 3 configuration: meeting types, purposes, default school year, cycles, agenda template,
and the routines a team can model in the session it leads for its staff."""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import ClassVar

from pydantic import Field, field_validator, model_validator

from workshop_kit.config import load_config
from workshop_kit.config.common import DayPlan
from workshop_kit.model.base import Record, unique_ids
from workshop_kit.model.meetings import Purpose, SchoolYear
from workshop_kit.model.plan import (
    AGENDA_ROLES,
    MAX_LAUNCH_MINUTES,
    MIN_LAUNCH_MINUTES,
    AgendaItemKind,
)


class MeetingType(Record):
    """A kind of recurring meeting a school has (staff, grade-level team, ILT, ...)."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=60)
    description: str = ""


class PurposeLabel(Record):
    """How a purpose of meeting time is named and explained to teams."""

    id: Purpose
    label: str = Field(min_length=1, max_length=60)
    description: str = ""


class CyclePlan(Record):
    """The shape of a learning cycle: how many weeks, and the phases its sessions move through."""

    weeks: int = Field(ge=1, le=20)
    phases: tuple[str, ...] = Field(min_length=1)


class AgendaTemplateItem(Record):
    """An item of the ILT agenda template. ``minutes: null`` takes whatever time is left."""

    title: str = Field(min_length=1)
    kind: AgendaItemKind
    minutes: int | None = Field(default=None, ge=1, le=240)
    practice: str = ""


class AgendaTemplate(Record):
    """The meeting practices an ILT agenda is built from, and the questions of the meeting check."""

    roles: tuple[str, ...] = Field(min_length=1)
    items: tuple[AgendaTemplateItem, ...] = Field(min_length=1)
    meeting_check: tuple[str, ...] = Field(min_length=1)
    meeting_type: str = Field(
        default="ilt",
        pattern=r"^[a-z0-9_]+$",
        description="The meeting type an agenda is usually drafted for (offered first).",
    )

    @property
    def role_labels(self) -> dict[str, str]:
        """Each role of an agenda with the name the config gives it, in order; a role the
        config does not name keeps its usual name."""
        return {
            role: self.roles[n] if n < len(self.roles) else usual
            for n, (role, usual) in enumerate(AGENDA_ROLES.items())
        }

    @model_validator(mode="after")
    def _one_flexible_item(self) -> AgendaTemplate:
        flexible = [i for i in self.items if i.minutes is None]
        if len(flexible) != 1:
            raise ValueError("needs exactly one item with ‘minutes: null’ (it takes the time left)")
        kinds = {i.kind for i in self.items}
        for needed in ("next_steps", "check"):
            if needed not in kinds:
                raise ValueError(f"needs an item of kind ‘{needed}’")
        return self


class MoveExample(Record):
    """A re-purposing idea teams can start from."""

    label: str = Field(min_length=1)
    how: str = Field(min_length=1)
    take_from: tuple[Purpose, ...] = Field(min_length=1)
    which: str = Field(default="every", pattern=r"^(every|alternate)$")


class LaunchRoutine(Record):
    """A routine from the institute a team can model when it leads its own staff."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=60)
    description: str = ""


class LaunchPlan(Record):
    """The back-to-school session a team plans: its usual length, and the routines offered."""

    minutes: int = Field(
        ge=MIN_LAUNCH_MINUTES,
        le=MAX_LAUNCH_MINUTES,
        description="The length a new session starts with (the team changes it).",
    )
    routines: tuple[LaunchRoutine, ...] = Field(min_length=1)

    _unique_routines = unique_ids("routines", "routine")

    @property
    def routine_labels(self) -> dict[str, str]:
        return {r.id: r.label for r in self.routines}


#: activity ids an older copy of ``day3.yaml`` may still use -> the id they have today
OLD_ACTIVITY_IDS = {"inventory": "meetings"}


class Day3Config(DayPlan):
    NOTEBOOK_ACTIVITIES: ClassVar[tuple[str, ...]] = (
        "workbook",
        "school_year",
        "meetings",
        "ledger",
        "repurpose",
        "cycles",
        "agendas",
        "actions",
        "communication",
        "launch",
        "team_plan",
    )
    NOTEBOOK: ClassVar[str] = "the Day 3 notebook"

    meeting_types: tuple[MeetingType, ...] = Field(min_length=1)
    purposes: tuple[PurposeLabel, ...] = Field(min_length=4, max_length=4)
    school_year: SchoolYear
    time_zone: str = Field(min_length=1)
    cycle: CyclePlan
    agenda_template: AgendaTemplate
    move_examples: tuple[MoveExample, ...] = ()
    communication_channels: tuple[str, ...] = Field(min_length=1)
    launch: LaunchPlan
    action_window_days: int = Field(
        ge=0, le=200, description="How many days before and after the school year actions may fall."
    )

    _unique_types = unique_ids("meeting_types", "meeting type")

    @field_validator("activities", mode="before")
    @classmethod
    def _old_activity_ids(cls, activities: object) -> object:
        """A facilitator's copy made before an activity was renamed keeps working: its old id
        (``inventory``) is read as the new one (``meetings``) unless the new one is there too."""
        if not isinstance(activities, (list, tuple)):
            return activities
        ids = {a.get("id") for a in activities if isinstance(a, dict)}
        renamed = []
        for activity in activities:
            old = activity.get("id") if isinstance(activity, dict) else None
            new = OLD_ACTIVITY_IDS.get(old) if isinstance(old, str) else None
            renamed.append({**activity, "id": new} if new and new not in ids else activity)
        return renamed

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # a region alone ("Europe") is a folder of zones, and a very long name is no file at all:
        # both reach the operating system, which answers with an OSError
        try:
            if len(value) > 60:
                raise ValueError(value)
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            raise ValueError(
                f"‘{value}’ is not a known time zone; use a name like America/Chicago"
            ) from None
        return value

    @field_validator("purposes")
    @classmethod
    def _every_purpose_once(cls, purposes: tuple[PurposeLabel, ...]) -> tuple[PurposeLabel, ...]:
        if {p.id for p in purposes} != set(Purpose):
            raise ValueError("must name each purpose once: " + ", ".join(p.value for p in Purpose))
        return purposes

    def purpose_label(self, purpose: Purpose) -> str:
        return next(p.label for p in self.purposes if p.id == purpose)

    @property
    def purpose_labels(self) -> dict[Purpose, str]:
        return {p: self.purpose_label(p) for p in Purpose}

    def type_label(self, type_id: str) -> str:
        """The label of a meeting type; an id the config no longer lists is shown as it is."""
        return next((t.label for t in self.meeting_types if t.id == type_id), type_id)


def load_day3(workspace: Path | None = None) -> Day3Config:
    return load_config(Day3Config, "day3.yaml", workspace)
