"""Through the year: what the team measured, what it did, what its cycles taught it.

``progress.yaml`` points at other files by id: success criteria in ``goal.yaml``, action steps and
learning cycles in ``plan.yaml``. Those links are checked by the logic, which sees all the files.

Every list holds records with an ``id`` that says what the record is about (a criterion and a
date, a step and a date, a cycle, a check's date), so two members recording different things at
the same time edit different items, and recording the same thing again replaces it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from workshop_kit.model.base import (
    BoundedDate,
    Document,
    Record,
    unique_ids,
    upserted,
    without_id,
)
from workshop_kit.model.meetings import ID_PATTERN

TEXT_MAX = 500
#: the most hours a principal's sample week can hold (seven long days)
WEEK_HOURS = 100.0


def dated_id(about: str, date: dt.date) -> str:
    """The id of a record about ``about`` on ``date``: ``rubric-all-2026-10-02``."""
    return f"{about}-{date.isoformat()}"


class Measurement(Record):
    """A value measured for one success criterion on one date."""

    id: str = Field(min_length=1, max_length=80, pattern=ID_PATTERN)
    criterion_id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    date: BoundedDate = Field(title="Date")
    value: float = Field(allow_inf_nan=False, ge=-1e9, le=1e9, title="Value")
    note: str = Field(default="", max_length=TEXT_MAX, title="Note")

    @classmethod
    def of(cls, criterion_id: str, date: dt.date, value: float, note: str = "") -> Measurement:
        return cls(
            id=dated_id(criterion_id, date),
            criterion_id=criterion_id,
            date=date,
            value=value,
            note=note,
        )


Implementation = Literal["not_yet", "partly", "done"]
IMPLEMENTATION_LABELS: dict[str, str] = {
    "not_yet": "Not yet",
    "partly": "Partly",
    "done": "Done",
}


class StepCheck(Record):
    """How far one action step of the plan was carried out, as the team saw it on one date."""

    id: str = Field(min_length=1, max_length=80, pattern=ID_PATTERN)
    action_id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    date: BoundedDate = Field(title="Checked on")
    status: Implementation = Field(title="Done?")
    note: str = Field(default="", max_length=TEXT_MAX, title="Note")

    @classmethod
    def of(cls, action_id: str, date: dt.date, status: Implementation, note: str = "") -> StepCheck:
        return cls(
            id=dated_id(action_id, date), action_id=action_id, date=date, status=status, note=note
        )


Decision = Literal["adopt", "adapt", "abandon"]
DECISION_LABELS: dict[str, str] = {
    "adopt": "Adopt: keep it as it is",
    "adapt": "Adapt: change it and try again",
    "abandon": "Abandon: stop doing it",
}


class Pdsa(Record):
    """Plan-Do-Study-Act for one learning cycle of the plan; ``id`` is the cycle's id."""

    id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    change: str = Field(default="", max_length=TEXT_MAX, title="The change we tried")
    prediction: str = Field(default="", max_length=TEXT_MAX, title="What we predicted")
    happened: str = Field(default="", max_length=TEXT_MAX, title="What happened")
    learned: str = Field(default="", max_length=TEXT_MAX, title="What we learned")
    decision: Decision | None = Field(default=None, title="Our decision")
    decided_on: BoundedDate | None = Field(default=None, title="Decided on")


class TeamCheck(Record):
    """A quarterly team check: the team's ratings of itself, and the principal's sample week.

    ``ratings`` are keyed by the ids of the facilitator config's check items (focus, discipline,
    cohesion, ...), so a member rating one item never overwrites another's rating of a second.
    """

    id: str = Field(min_length=1, max_length=80, pattern=ID_PATTERN)
    date: BoundedDate = Field(title="Date of the check")
    ratings: dict[str, int] = Field(default_factory=dict)
    instructional_hours: float | None = Field(
        default=None, ge=0, le=WEEK_HOURS, allow_inf_nan=False, title="Instructional hours"
    )
    managerial_hours: float | None = Field(
        default=None, ge=0, le=WEEK_HOURS, allow_inf_nan=False, title="Managerial hours"
    )
    note: str = Field(default="", max_length=TEXT_MAX, title="Note")

    @property
    def instructional_share(self) -> float | None:
        """The instructional share of the principal's sampled hours (0 to 1), if sampled."""
        if self.instructional_hours is None or self.managerial_hours is None:
            return None
        total = self.instructional_hours + self.managerial_hours
        return self.instructional_hours / total if total else None


NAME_MAX = 120


class NextStep(Record):
    """Who does what by when, as an ILT meeting decided it. ``action_id`` names the action step
    it became in the plan, once the team added it there."""

    id: str = Field(min_length=1, max_length=80, pattern=ID_PATTERN)
    what: str = Field(min_length=1, max_length=TEXT_MAX, title="What")
    who: str = Field(min_length=1, max_length=NAME_MAX, title="Who")
    by: BoundedDate = Field(title="By when")
    action_id: str = Field(default="", max_length=60)


class MeetingRecord(Record):
    """What an ILT meeting on the calendar decided, and a short check of how it went.

    ``check`` holds the answer to each question of the Day 3 meeting check, keyed by the question.
    """

    id: str = Field(min_length=1, max_length=80, pattern=ID_PATTERN)
    meeting_id: str = Field(min_length=1, max_length=60, pattern=ID_PATTERN)
    date: BoundedDate
    decisions: str = Field(default="", max_length=2 * TEXT_MAX, title="What we decided")
    next_steps: tuple[NextStep, ...] = ()
    check: dict[str, bool] = Field(default_factory=dict)

    _unique_steps = unique_ids("next_steps", "next step")

    @model_validator(mode="after")
    def _steps_after_the_meeting(self) -> MeetingRecord:
        for step in self.next_steps:
            if step.by < self.date:
                raise ValueError(
                    f"has the next step ‘{step.what}’ due {step.by.isoformat()}, before the "
                    f"meeting ({self.date.isoformat()})"
                )
        return self


class YearProgress(Document):
    """``progress.yaml``: everything the team records through the school year."""

    FILE_NAME: ClassVar[str] = "progress.yaml"
    TITLE: ClassVar[str] = (
        "the progress through the year (measures, steps, cycles, checks, meetings)"
    )

    # the titles name the place of a conflict when two devices change the same record
    measurements: tuple[Measurement, ...] = Field(default=(), title="the measured values")
    steps: tuple[StepCheck, ...] = Field(default=(), title="the step checks")
    pdsa: tuple[Pdsa, ...] = Field(default=(), title="the learning cycles' records")
    checks: tuple[TeamCheck, ...] = Field(default=(), title="the team checks")
    meetings: tuple[MeetingRecord, ...] = Field(default=(), title="the ILT meeting records")

    _unique_measurements = unique_ids("measurements", "measured value")
    _unique_steps = unique_ids("steps", "step check")
    _unique_pdsa = unique_ids("pdsa", "PDSA record")
    _unique_checks = unique_ids("checks", "team check")
    _unique_meetings = unique_ids("meetings", "meeting record")

    # -- reading ----------------------------------------------------------------------------

    def values_of(self, criterion_id: str) -> tuple[Measurement, ...]:
        """The criterion's measured values in date order."""
        return tuple(
            sorted(
                (m for m in self.measurements if m.criterion_id == criterion_id),
                key=lambda m: m.date,
            )
        )

    def latest_step(self, action_id: str) -> StepCheck | None:
        found = [s for s in self.steps if s.action_id == action_id]
        return max(found, key=lambda s: s.date) if found else None

    def pdsa_of(self, cycle_id: str) -> Pdsa | None:
        return next((p for p in self.pdsa if p.id == cycle_id), None)

    def meeting_record(self, record_id: str) -> MeetingRecord | None:
        return next((m for m in self.meetings if m.id == record_id), None)

    def checks_in_order(self) -> tuple[TeamCheck, ...]:
        return tuple(sorted(self.checks, key=lambda c: c.date))

    # -- domain edits: each returns a new, validated document --------------------------------

    def _with(self, **changes: object) -> YearProgress:
        return YearProgress.model_validate({**self.model_dump(), **changes})

    def with_measurement(self, measurement: Measurement) -> YearProgress:
        """Add a value, or replace the one of its criterion on its date."""
        return self._with(measurements=upserted(self.measurements, [measurement]))

    def without_measurement(self, measurement_id: str) -> YearProgress:
        return self._with(measurements=without_id(self.measurements, measurement_id))

    def with_steps(self, checks: Sequence[StepCheck]) -> YearProgress:
        """Add step checks, each replacing the one of its step on its date."""
        return self._with(steps=upserted(self.steps, checks))

    def with_pdsa(self, record: Pdsa) -> YearProgress:
        return self._with(pdsa=upserted(self.pdsa, [record]))

    def with_check(self, check: TeamCheck) -> YearProgress:
        return self._with(checks=upserted(self.checks, [check]))

    def with_meeting_record(self, record: MeetingRecord) -> YearProgress:
        return self._with(meetings=upserted(self.meetings, [record]))

    def without_check(self, check_id: str) -> YearProgress:
        return self._with(checks=without_id(self.checks, check_id))
