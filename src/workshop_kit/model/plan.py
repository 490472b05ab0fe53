"""Day 3 team plan: re-purposing moves, learning cycles, ILT agendas, actions, telling the staff,
and the back-to-school session the team leads for its staff.

The plan points at other files by id (meetings in ``meetings.yaml``, resources in
``resources.yaml``, success criteria in ``goal.yaml``). Those links are checked by the logic, which
sees all the files at once; this module checks what one plan can check on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar, Literal, get_args

from pydantic import Field, field_validator, model_validator

from workshop_kit.errors import InputError
from workshop_kit.model.base import (
    BoundedDate,
    Document,
    OneLine,
    Record,
    Upgrade,
    unique_ids,
    upserted,
    without_id,
)
from workshop_kit.model.meetings import ID_PATTERN, MAX_MEETING_MINUTES, MOVABLE, Purpose
from workshop_kit.model.team import plain_norms
from workshop_kit.validation import build

TEXT_MAX = 500
NAME_MAX = 120

Which = Literal["every", "alternate"]
WHICH_LABELS: dict[str, str] = {
    "every": "every meeting",
    "alternate": "every other meeting (1st, 3rd, 5th, ...)",
}


class Take(Record):
    """Minutes per meeting moved to the goal, by the purpose they are taken from."""

    logistics: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)
    compliance: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)
    other_instructional: int = Field(default=0, ge=0, le=MAX_MEETING_MINUTES)

    @property
    def total(self) -> int:
        return self.logistics + self.compliance + self.other_instructional

    def of(self, purpose: Purpose) -> int:
        return int(getattr(self, purpose.value)) if purpose in MOVABLE else 0


class Move(Record):
    """One re-purposing decision, e.g. "announcements go into a Friday email" on the staff meeting.

    The meeting keeps its length: the minutes taken from logistics, compliance or other work are
    spent on learning toward the goal instead.
    """

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    meeting_id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    which: Which = "every"
    take: Take
    how: str = Field(default="", max_length=TEXT_MAX)

    @model_validator(mode="after")
    def _moves_something(self) -> Move:
        if self.take.total == 0:
            raise ValueError("moves no minutes; say how many minutes go to the goal")
        return self


class Cycle(Record):
    """A learning (inquiry) cycle held in one or more recurring meetings for a number of weeks."""

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    name: str = Field(min_length=1, max_length=NAME_MAX)
    focus: str = Field(default="", max_length=TEXT_MAX)
    meeting_ids: tuple[str, ...] = Field(min_length=1)
    start: BoundedDate
    weeks: int = Field(ge=1, le=20)
    criterion_ids: tuple[str, ...] = ()

    @property
    def end(self) -> dt.date:
        """The last day of the cycle (``weeks`` whole weeks from its start)."""
        return self.start + dt.timedelta(days=7 * self.weeks - 1)


AgendaItemKind = Literal[
    "opening", "review", "learning", "planning", "next_steps", "check", "other"
]
AGENDA_ITEM_KINDS: tuple[str, ...] = get_args(AgendaItemKind)
#: the roles an agenda names a person for, as fields of :class:`Agenda`, with their usual names
AGENDA_ROLES: dict[str, str] = {
    "facilitator": "Facilitator",
    "timekeeper": "Timekeeper",
    "note_taker": "Note-taker",
}


class AgendaItem(Record):
    title: str = Field(min_length=1, max_length=NAME_MAX)
    minutes: int = Field(ge=1, le=MAX_MEETING_MINUTES)
    kind: AgendaItemKind = "other"
    lead: str = Field(default="", max_length=NAME_MAX)
    notes: str = Field(default="", max_length=TEXT_MAX)


class Agenda(Record):
    """An ILT meeting agenda: purpose, roles, timed items, next steps and a check of the meeting."""

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    meeting_id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    date: BoundedDate | None = None
    purpose: str = Field(default="", max_length=TEXT_MAX)
    facilitator: str = Field(default="", max_length=NAME_MAX)
    timekeeper: str = Field(default="", max_length=NAME_MAX)
    note_taker: str = Field(default="", max_length=NAME_MAX)
    items: tuple[AgendaItem, ...] = Field(min_length=1)

    @property
    def total_minutes(self) -> int:
        return sum(item.minutes for item in self.items)


class ProgressCheck(Record):
    """A date on which the team looks at evidence to see whether a step is working."""

    date: BoundedDate
    evidence: str = Field(min_length=1, max_length=TEXT_MAX)


Status = Literal["not_started", "under_way", "done"]
STATUS_LABELS: dict[str, str] = {
    "not_started": "Not started",
    "under_way": "Under way",
    "done": "Done",
}


class ActionStep(Record):
    """One action step: who does what, when, with which resources, toward which measure."""

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    action: str = Field(min_length=1, max_length=TEXT_MAX)
    owner: str = Field(min_length=1, max_length=NAME_MAX)
    start: BoundedDate
    due: BoundedDate
    resource_ids: tuple[str, ...] = ()
    criterion_ids: tuple[str, ...] = ()
    progress_checks: tuple[ProgressCheck, ...] = ()
    status: Status = "not_started"

    @model_validator(mode="after")
    def _dates_in_order(self) -> ActionStep:
        if self.due < self.start:
            raise ValueError(
                f"is due ({self.due.isoformat()}) before it starts ({self.start.isoformat()})"
            )
        for check in self.progress_checks:
            if check.date < self.start:
                raise ValueError(
                    f"has a progress check on {check.date.isoformat()}, before the step starts "
                    f"({self.start.isoformat()})"
                )
        return self


class StaffMessage(Record):
    """One moment in the plan for telling the staff (and others) what the team decided."""

    date: BoundedDate
    audience: str = Field(min_length=1, max_length=NAME_MAX)
    channel: str = Field(min_length=1, max_length=NAME_MAX)
    who: str = Field(min_length=1, max_length=NAME_MAX)
    message: str = Field(default="", max_length=TEXT_MAX)


#: the longest back-to-school session a plan holds: a whole professional development day
MAX_LAUNCH_MINUTES = 480
#: the shortest: anything less is an announcement, not a session
MIN_LAUNCH_MINUTES = 15


class LaunchSegment(Record):
    """One part of the launch session: what happens, for how long, who on the team leads it,
    and the routine it models for the staff (an id from the Day 3 config's list; empty: none)."""

    title: OneLine = Field(min_length=1, max_length=NAME_MAX, title="Part")
    minutes: int = Field(ge=1, le=MAX_LAUNCH_MINUTES, title="Minutes")
    lead: OneLine = Field(default="", max_length=NAME_MAX, title="Who leads")
    routine: str = Field(default="", max_length=60, pattern=r"^[a-z0-9_]*$", title="Routine")
    notes: str = Field(default="", max_length=TEXT_MAX, title="Notes")


class LaunchSession(Record):
    """The back-to-school professional learning the team designs and leads for its own staff,
    modelling the routines it wants in classrooms and the norms it works by."""

    purpose: str = Field(default="", max_length=TEXT_MAX, title="Purpose")
    date: BoundedDate | None = Field(default=None, title="Date")
    minutes: int = Field(
        default=90, ge=MIN_LAUNCH_MINUTES, le=MAX_LAUNCH_MINUTES, title="Length in minutes"
    )
    segments: tuple[LaunchSegment, ...] = Field(default=(), title="the agenda")
    norms: tuple[str, ...] = Field(default=(), title="the norms")

    @field_validator("norms")
    @classmethod
    def _plain_norms(cls, norms: tuple[str, ...]) -> tuple[str, ...]:
        return plain_norms(norms)

    @property
    def total_minutes(self) -> int:
        """The minutes of the agenda's parts, added up."""
        return sum(s.minutes for s in self.segments)

    @property
    def routines(self) -> tuple[str, ...]:
        """The routines the session models, each once, in the order the parts use them."""
        return tuple(dict.fromkeys(s.routine for s in self.segments if s.routine))

    @property
    def leads(self) -> tuple[str, ...]:
        """Who leads a part, each once, in agenda order."""
        return tuple(dict.fromkeys(s.lead for s in self.segments if s.lead))

    @property
    def is_empty(self) -> bool:
        return not (self.purpose or self.date or self.segments or self.norms)

    def _with(self, **changes: Any) -> LaunchSession:
        """A validated copy; a problem is an :class:`InputError` naming its field."""
        return build(LaunchSession, {**self.model_dump(), **changes})

    # -- domain edits: each returns a new, validated session ---------------------------------

    def with_details(self, purpose: str, date: dt.date | None, minutes: int) -> LaunchSession:
        """The session's purpose, date and length."""
        return self._with(purpose=purpose, date=date, minutes=minutes)

    def with_segments(self, segments: Sequence[LaunchSegment]) -> LaunchSession:
        """The agenda as listed, in order; a session needs at least one part."""
        if not segments:
            raise InputError(
                "Add at least one part to the agenda: what the staff will do first.",
                field="segments",
            )
        return self._with(segments=[s.model_dump() for s in segments])

    def with_norms(self, norms: Sequence[str]) -> LaunchSession:
        """The norms the session uses, one per entry (blank entries are left out)."""
        return self._with(norms=[n for n in (n.strip() for n in norms) if n])


class TeamPlan(Document):
    """``plan.yaml``: everything the team plans on Day 3."""

    FILE_NAME: ClassVar[str] = "plan.yaml"
    TITLE: ClassVar[str] = "the team plan (re-purposed time, cycles, agendas, actions)"

    moves: tuple[Move, ...] = Field(default=(), title="the re-purposing moves")
    cycles: tuple[Cycle, ...] = Field(default=(), title="the learning cycles")
    agendas: tuple[Agenda, ...] = Field(default=(), title="the agendas")
    actions: tuple[ActionStep, ...] = Field(default=(), title="the action plan")
    key_message: str = Field(default="", max_length=2 * TEXT_MAX, title="the key message")
    communication: tuple[StaffMessage, ...] = Field(default=(), title="the staff messages")
    launch: LaunchSession | None = Field(default=None, title="the launch session with staff")

    SCHEMA_VERSION: ClassVar[int] = 2
    # 2 adds the launch session (none when absent): nothing to change in a version 1 file
    UPGRADES: ClassVar[dict[int, Upgrade]] = {1: lambda data: data}

    _unique_moves = unique_ids("moves", "re-purposing move")
    _unique_cycles = unique_ids("cycles", "learning cycle")
    _unique_agendas = unique_ids("agendas", "agenda")
    _unique_actions = unique_ids("actions", "action step")

    # -- domain edits: each gives a new plan (the store validates it again when it saves) -------

    def with_move(self, move: Move) -> TeamPlan:
        """A copy with ``move`` replacing the one with its id, or added at the end."""
        return self.model_copy(update={"moves": upserted(self.moves, [move])})

    def replace_moves(self, moves: Sequence[Move]) -> TeamPlan:
        """A copy whose moves are exactly ``moves`` (the re-purposing table as saved)."""
        return self.model_copy(update={"moves": tuple(moves)})

    def without_move(self, move_id: str) -> TeamPlan:
        return self.model_copy(update={"moves": without_id(self.moves, move_id)})

    def with_cycles(self, cycles: Sequence[Cycle]) -> TeamPlan:
        """A copy with each of ``cycles`` replacing the one with its id, or added at the end."""
        return self.model_copy(update={"cycles": upserted(self.cycles, cycles)})

    def replace_cycles(self, cycles: Sequence[Cycle]) -> TeamPlan:
        """A copy whose cycles are exactly ``cycles`` (the table of cycles as saved)."""
        return self.model_copy(update={"cycles": tuple(cycles)})

    def without_cycle(self, cycle_id: str) -> TeamPlan:
        return self.model_copy(update={"cycles": without_id(self.cycles, cycle_id)})

    def with_agenda(self, agenda: Agenda) -> TeamPlan:
        """A copy with ``agenda`` replacing the one with its id, or added at the end."""
        return self.model_copy(update={"agendas": upserted(self.agendas, [agenda])})

    def without_agenda(self, agenda_id: str) -> TeamPlan:
        return self.model_copy(update={"agendas": without_id(self.agendas, agenda_id)})

    def with_action(self, step: ActionStep) -> TeamPlan:
        """A copy with ``step`` replacing the one with its id, or added at the end."""
        return self.model_copy(update={"actions": upserted(self.actions, [step])})

    def without_action(self, step_id: str) -> TeamPlan:
        return self.model_copy(update={"actions": without_id(self.actions, step_id)})

    def with_launch(self, launch: LaunchSession) -> TeamPlan:
        """A copy with ``launch`` as the team's back-to-school session, validated."""
        return build(TeamPlan, {**self.model_dump(), "launch": launch.model_dump()})

    def without_launch(self) -> TeamPlan:
        return self.model_copy(update={"launch": None})

    def agenda(self, agenda_id: str) -> Agenda | None:
        return next((a for a in self.agendas if a.id == agenda_id), None)

    def action(self, step_id: str) -> ActionStep | None:
        return next((a for a in self.actions if a.id == step_id), None)

    def referring_to(self, meeting_id: str) -> tuple[Move | Cycle | Agenda, ...]:
        """The moves, cycles and agendas that name the meeting ``meeting_id``."""
        return (
            *(m for m in self.moves if m.meeting_id == meeting_id),
            *(c for c in self.cycles if meeting_id in c.meeting_ids),
            *(a for a in self.agendas if a.meeting_id == meeting_id),
        )
