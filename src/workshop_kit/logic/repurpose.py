"""What if we re-purposed some of our meeting time? Hours reclaimed for the goal and the new share.

Rules that keep the figures honest:

* **Minutes are conserved.** A move never adds or removes meeting time; it changes what existing
  minutes are spent on. Total minutes after the plan equal total minutes before.
* **Nothing is reclaimed twice.** For each meeting and purpose, the minutes all moves take per
  meeting can never exceed what that purpose has. "Every other meeting" moves apply to the 1st,
  3rd, 5th, ... meeting, which every-meeting moves also touch, so both count against the same
  minutes.
* **Only existing time moves to the goal.** Time already on the goal stays there, so hours
  reclaimed are never negative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import Ledger, LedgerLine
from workshop_kit.model.meetings import MOVABLE, Purpose
from workshop_kit.model.plan import Move


def applies_to(move: Move, count: int) -> int:
    """How many of a meeting's ``count`` occurrences a move changes."""
    return count if move.which == "every" else math.ceil(count / 2)


@dataclass(frozen=True)
class MoveEffect:
    """What one accepted move changes over the year."""

    move: Move
    line: LedgerLine
    occurrences: int

    @property
    def minutes_per_meeting(self) -> int:
        return self.move.take.total

    @property
    def minutes(self) -> int:
        """Minutes per year moved to the goal."""
        return self.occurrences * self.move.take.total

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @property
    def person_hours(self) -> float:
        return self.hours * self.line.meeting.headcount

    def taken(self, purpose: Purpose) -> int:
        return self.occurrences * self.move.take.of(purpose)


@dataclass(frozen=True)
class WhatIf:
    """The year's meeting minutes by purpose before and after the accepted moves."""

    ledger: Ledger
    effects: tuple[MoveEffect, ...]
    problems: tuple[str, ...]

    @property
    def before(self) -> dict[Purpose, int]:
        return self.ledger.purpose_minutes()

    @property
    def after(self) -> dict[Purpose, int]:
        minutes = self.before
        for effect in self.effects:
            for purpose in MOVABLE:
                minutes[purpose] -= effect.taken(purpose)
            minutes[Purpose.GOAL] += effect.minutes
        return minutes

    @property
    def reclaimed_minutes(self) -> int:
        return sum(effect.minutes for effect in self.effects)

    @property
    def reclaimed_hours(self) -> float:
        return self.reclaimed_minutes / 60

    @property
    def reclaimed_person_hours(self) -> float:
        return sum(effect.person_hours for effect in self.effects)

    @property
    def goal_share_before(self) -> float | None:
        return self.ledger.goal_share

    @property
    def goal_share_after(self) -> float | None:
        total = self.ledger.total_minutes
        return self.after[Purpose.GOAL] / total if total else None

    def purposes_at(self, meeting_id: str, index: int) -> dict[Purpose, int]:
        """Minutes by purpose of meeting ``index`` (from 0) of ``meeting_id``, with the plan."""
        line = self.ledger.line(meeting_id)
        minutes = line.meeting.purposes.as_dict() if line else dict.fromkeys(Purpose, 0)
        for effect in self.effects:
            move = effect.move
            if move.meeting_id != meeting_id or (move.which == "alternate" and index % 2):
                continue
            for purpose in MOVABLE:
                minutes[purpose] -= move.take.of(purpose)
            minutes[Purpose.GOAL] += move.take.total
        return minutes

    def moved_hours(self, meeting_id: str) -> float:
        """Hours a year the plan moves to the goal in one meeting."""
        return sum(e.hours for e in self.effects if e.move.meeting_id == meeting_id)

    def type_purpose_after(self) -> dict[str, dict[Purpose, int]]:
        """Minutes per meeting type and purpose after the moves."""
        result = {t: dict(by) for t, by in self.ledger.type_purpose_minutes().items()}
        for effect in self.effects:
            by = result[effect.line.meeting.type]
            for purpose in MOVABLE:
                by[purpose] -= effect.taken(purpose)
            by[Purpose.GOAL] += effect.minutes
        return result


def _left(ledger: Ledger, accepted: Sequence[Move], meeting_id: str, purpose: Purpose) -> int:
    line = ledger.line(meeting_id)
    have = line.meeting.purposes.of(purpose) if line else 0
    return have - sum(m.take.of(purpose) for m in accepted if m.meeting_id == meeting_id)


def move_problem(ledger: Ledger, accepted: Sequence[Move], move: Move) -> str | None:
    """Why ``move`` cannot be made on top of the ``accepted`` ones (None: it can)."""
    line = ledger.line(move.meeting_id)
    if line is None:
        return (
            f"The move ‘{move.how or move.id}’ is for a meeting that is no longer among the "
            "school's meetings."
        )
    name = line.meeting.name
    for purpose in MOVABLE:
        want = move.take.of(purpose)
        if not want:
            continue
        left = _left(ledger, accepted, move.meeting_id, purpose)
        have = line.meeting.purposes.of(purpose)
        if want > left:
            label = purpose.value.replace("_", " ")
            if left == have:
                return (
                    f"‘{name}’ has only {have} minutes of {label} per meeting, so {want} cannot "
                    "be moved."
                )
            return (
                f"‘{name}’ has {left} minutes of {label} per meeting left after the other moves "
                f"(of {have}), so {want} cannot be moved: minutes cannot be re-purposed twice."
            )
    return None


def check_move(ledger: Ledger, others: Sequence[Move], move: Move) -> None:
    """Raise :class:`InputError` if ``move`` cannot be added to the ``others``."""
    problem = move_problem(ledger, others, move)
    if problem is None:
        line = ledger.line(move.meeting_id)
        if line is not None and line.count == 0:
            problem = (
                f"‘{line.meeting.name}’ has no meetings in the school year, so this move would "
                "reclaim nothing."
            )
    if problem:
        raise InputError(problem, field="minutes")


def what_if(ledger: Ledger, moves: Sequence[Move]) -> WhatIf:
    """Apply the moves in order; a move that does not fit is left out and explained."""
    accepted: list[Move] = []
    effects: list[MoveEffect] = []
    problems: list[str] = []
    for move in moves:
        problem = move_problem(ledger, accepted, move)
        line = ledger.line(move.meeting_id)
        if problem or line is None:
            problems.append(problem or move.id)
            continue
        accepted.append(move)
        effects.append(MoveEffect(move, line, applies_to(move, line.count)))
    return WhatIf(ledger, tuple(effects), tuple(problems))
