"""Learning cycles placed on the real meeting dates of the school year.

A cycle (say six weeks of inquiry into one practice) is held in one or more recurring meetings.
Its sessions are the dates those meetings actually take place between the cycle's start and end, so
a cycle that runs into winter break shows fewer sessions, and the team can see it before it happens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import Ledger
from workshop_kit.model.names import new_id
from workshop_kit.model.plan import Cycle

MIN_SESSIONS = 2


@dataclass(frozen=True)
class CycleSession:
    date: dt.date
    meeting_id: str
    meeting_name: str
    phase: str


@dataclass(frozen=True)
class PlacedCycle:
    cycle: Cycle
    sessions: tuple[CycleSession, ...]

    @property
    def end(self) -> dt.date:
        return self.cycle.end


def phases_for(count: int, phases: Sequence[str]) -> list[str]:
    """Spread the phases of a cycle over ``count`` sessions, in order.

    More sessions than phases: a phase runs over several sessions. Fewer: a session covers several
    phases ("Plan + Try"), so no phase is ever dropped.
    """
    if count <= 0 or not phases:
        return []
    p = len(phases)
    result = []
    for i in range(count):
        lo, hi = (i * p) // count, ((i + 1) * p) // count
        result.append(" + ".join(phases[lo : max(hi, lo + 1)]))
    return result


def place_cycle(cycle: Cycle, ledger: Ledger, phases: Sequence[str]) -> PlacedCycle:
    """The cycle's sessions: host meeting dates from its start to its end, with their phases.

    Each hosting meeting moves through the phases in order on its own dates: a cycle held in
    three grade-level teams has each team look at student work before it learns a practice,
    whatever the others do that week."""
    found: list[CycleSession] = []
    for meeting_id in cycle.meeting_ids:
        line = ledger.line(meeting_id)
        if line is None:
            continue
        dates = [d for d in line.dates if cycle.start <= d <= cycle.end]
        labels = phases_for(len(dates), phases)
        found.extend(
            CycleSession(d, meeting_id, line.meeting.name, label)
            for d, label in zip(dates, labels, strict=True)
        )
    order = {mid: n for n, mid in enumerate(cycle.meeting_ids)}
    found.sort(key=lambda s: (s.date, order[s.meeting_id]))
    return PlacedCycle(cycle, tuple(found))


def cycle_problems(cycles: Sequence[Cycle], ledger: Ledger) -> list[str]:
    """Plain warnings about cycles that cannot work as planned."""
    problems = []
    year = ledger.year
    for cycle in cycles:
        name = cycle.name
        for meeting_id in cycle.meeting_ids:
            line = ledger.line(meeting_id)
            if line is None:
                problems.append(
                    f"‘{name}’ is held in a meeting that is no longer among the school's meetings."
                )
            elif not line.dated:
                problems.append(
                    f"‘{name}’ is held in ‘{line.meeting.name}’, which has no set dates; choose a "
                    "meeting with dates."
                )
        if not year.contains(cycle.start):
            problems.append(
                f"‘{name}’ starts on {cycle.start.isoformat()}, outside the school year."
            )
        elif cycle.end > year.last_day:
            problems.append(
                f"‘{name}’ ends on {cycle.end.isoformat()}, after the last day of school "
                f"({year.last_day.isoformat()})."
            )
        placed = place_cycle(cycle, ledger, ["-"])
        if len(placed.sessions) < MIN_SESSIONS:
            problems.append(
                f"‘{name}’ has {len(placed.sessions)} session(s) on the calendar; a cycle needs at "
                f"least {MIN_SESSIONS} to look at student work twice."
            )
    ordered = sorted(cycles, key=lambda c: c.start)
    for n, earlier in enumerate(ordered):
        for later in ordered[n + 1 :]:
            shared = set(earlier.meeting_ids) & set(later.meeting_ids)
            if shared and later.start <= earlier.end:
                problems.append(
                    f"‘{later.name}’ starts before ‘{earlier.name}’ ends, in the same meeting."
                )
    return problems


def check_cycle(cycle: Cycle, others: Sequence[Cycle], ledger: Ledger) -> None:
    """Refuse a cycle outside the year, running past it, or overlapping another in one meeting."""
    own = cycle_problems([cycle], ledger)
    if own:
        raise InputError(own[0], field="start")
    for other in others:
        if other.id == cycle.id:
            continue
        shared = set(other.meeting_ids) & set(cycle.meeting_ids)
        if shared and cycle.start <= other.end and other.start <= cycle.end:
            raise InputError(
                f"‘{cycle.name}’ overlaps ‘{other.name}’ ({other.start.isoformat()} to "
                f"{other.end.isoformat()}) in the same meeting; start it after that one ends.",
                field="start",
            )


def plan_cycles(
    ledger: Ledger,
    meeting_ids: Sequence[str],
    first_start: dt.date,
    weeks: int,
    count: int,
    focus: str = "",
    taken: frozenset[str] = frozenset(),
) -> tuple[Cycle, ...]:
    """Up to ``count`` back-to-back cycles in the given meetings, each starting on a meeting date.

    The first starts on the first host meeting on or after ``first_start``; each next one on the
    first host meeting after the previous one ends. Cycles that would run past the last day of
    school are not made.
    """
    dates = sorted(
        {d for mid in meeting_ids if (line := ledger.line(mid)) is not None for d in line.dates}
    )
    if not dates:
        raise InputError(
            "Choose at least one meeting with dates in the school year.", field="meetings"
        )
    cycles: list[Cycle] = []
    ids = set(taken)
    after = first_start
    while len(cycles) < count:
        start = next((d for d in dates if d >= after), None)
        if start is None:
            break
        number = len(cycles) + 1
        name = f"Cycle {number}"
        cycle = Cycle(
            id=new_id(f"cycle-{number}-{start.isoformat()}", ids, "cycle"),
            name=name,
            focus=focus,
            meeting_ids=tuple(meeting_ids),
            start=start,
            weeks=weeks,
        )
        if cycle.end > ledger.year.last_day:
            break
        ids.add(cycle.id)
        cycles.append(cycle)
        after = cycle.end + dt.timedelta(days=1)
    if not cycles:
        raise InputError(
            f"No {weeks}-week cycle fits between {first_start.isoformat()} and the last day of "
            f"school ({ledger.year.last_day.isoformat()}).",
            field="start",
        )
    return tuple(cycles)


def sessions_by_phase(placed: PlacedCycle) -> list[tuple[str, list[tuple[dt.date, list[str]]]]]:
    """The cycle's sessions grouped for reading: each phase with its dates and the meetings on them.

    A cycle held in four grade-level meetings has four sessions a week; a printed plan lists them
    as one line per phase instead of one per session.
    """
    grouped: dict[str, dict[dt.date, list[str]]] = {}
    for session in placed.sessions:
        grouped.setdefault(session.phase, {}).setdefault(session.date, []).append(
            session.meeting_name
        )
    return [(phase, sorted(by_date.items())) for phase, by_date in grouped.items()]
