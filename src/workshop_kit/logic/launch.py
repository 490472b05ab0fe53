"""The back-to-school session a team leads for its own staff: the rules a plan of it follows.

One rule refuses a save: the parts of the agenda must fill the session's length exactly, so the
team can start and end on time as its norms say (and a date, when given, must fall in the planning
window). The others are warnings a critical friend would give, shown as a checklist: a stated
purpose tied to the goal, a date before the first day of school, at least one routine modelled for
the staff, someone leading every part, leads who are on the team, and the norms the session uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow
from workshop_kit.logic.words import long_date, plural
from workshop_kit.model.meetings import SchoolYear
from workshop_kit.model.names import same_name
from workshop_kit.model.plan import LaunchSession


@dataclass(frozen=True)
class LaunchCheck:
    """One point of the checklist: ``ok``, or what to do about it."""

    point: str
    ok: bool
    message: str


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"‘{i}’" for i in items)


def minutes_check(launch: LaunchSession) -> LaunchCheck:
    """Do the parts fill the session's length exactly?"""
    total = launch.total_minutes
    if not launch.segments:
        return LaunchCheck("on_time", False, "Add the parts of the session, each with its minutes.")
    if total == launch.minutes:
        return LaunchCheck(
            "on_time",
            True,
            f"The parts fill the {launch.minutes} minutes exactly: you can start and end on time.",
        )
    diff = total - launch.minutes
    more_less = (
        f"{plural(diff, 'minute')} too many" if diff > 0 else f"{plural(-diff, 'minute')} too few"
    )
    return LaunchCheck(
        "on_time",
        False,
        f"The parts add up to {total} minutes, {more_less} for the {launch.minutes}-minute "
        "session.",
    )


def launch_checks(
    launch: LaunchSession,
    *,
    members: Sequence[str],
    year: SchoolYear,
    routine_labels: Mapping[str, str],
    goal: str = "",
) -> list[LaunchCheck]:
    """The checklist, in the order a team plans the session."""
    checks = [minutes_check(launch)]
    tie = f" (your goal: ‘{goal}’)" if goal else ""
    checks.append(
        LaunchCheck("purpose", True, "The purpose is stated.")
        if launch.purpose.strip()
        else LaunchCheck(
            "purpose", False, f"Say in one sentence how the session serves your goal{tie}."
        )
    )
    if launch.date is None:
        checks.append(LaunchCheck("date", False, "Choose the date of the session."))
    elif launch.date >= year.first_day:
        checks.append(
            LaunchCheck(
                "date",
                False,
                f"The session is on {long_date(launch.date)}, on or after the first day of "
                f"school ({long_date(year.first_day)}): staff usually meet before students "
                "arrive. Keep it if that is your plan.",
            )
        )
    else:
        checks.append(
            LaunchCheck(
                "date",
                True,
                f"It comes before the first day of school ({long_date(year.first_day)}).",
            )
        )
    routines = launch.routines
    if routines:
        named = [routine_labels.get(r, r.replace("_", " ")) for r in routines]
        checks.append(
            LaunchCheck(
                "routines",
                True,
                f"It models {plural(len(named), 'routine')} for the staff: {', '.join(named)}.",
            )
        )
    else:
        checks.append(
            LaunchCheck(
                "routines",
                False,
                "No part models a routine yet: let the staff do what you want students to do "
                "(for example think-pair-share), not only hear about it.",
            )
        )
    no_lead = [s.title for s in launch.segments if not s.lead.strip()]
    checks.append(
        LaunchCheck(
            "leads",
            not no_lead and bool(launch.segments),
            "Someone on the team leads every part."
            if not no_lead
            else f"Name who leads {_quoted(no_lead)}.",
        )
    )
    outside = [lead for lead in launch.leads if not any(same_name(lead, m) for m in members)]
    if outside:
        checks.append(
            LaunchCheck(
                "team_leads",
                False,
                f"{_quoted(outside)} {'is' if len(outside) == 1 else 'are'} not on the team "
                "roster: the team leads this session itself, so pair a guest with a member.",
            )
        )
    checks.append(
        LaunchCheck(
            "norms",
            bool(launch.norms),
            f"It uses {plural(len(launch.norms), 'norm')}."
            if launch.norms
            else "Choose the norms the session will use (start from your team's own).",
        )
    )
    return checks


def check_launch(launch: LaunchSession, window: PlanWindow) -> None:
    """Refuse to save a session whose parts do not fill its length, or dated outside the plan."""
    if launch.date is not None and not window.contains(launch.date):
        raise InputError(window.outside(launch.date, "The session's date"), field="date")
    first = minutes_check(launch)
    if launch.segments and not first.ok:
        raise InputError(
            first.message + " Change the minutes or the length so they agree.", field="segments"
        )


def launch_problems(
    launch: LaunchSession | None,
    *,
    members: Sequence[str],
    year: SchoolYear,
    routine_labels: Mapping[str, str],
    goal: str = "",
) -> list[str]:
    """What is still open in the session, as the team plan lists it (nothing when there is no
    session yet: the plan says so in its own section)."""
    if launch is None:
        return []
    checks = launch_checks(
        launch, members=members, year=year, routine_labels=routine_labels, goal=goal
    )
    return [f"Launch session: {c.message}" for c in checks if not c.ok]
