"""Action plan checks: every step has an owner, sensible dates, real resources and real measures.

Steps point at Day 2 resources and Day 1 success criteria by id. The names shown to people are
looked up here, and a link to something that was since removed is reported, not silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workshop_kit.errors import InputError
from workshop_kit.model.meetings import SchoolYear
from workshop_kit.model.plan import ActionStep, StaffMessage


@dataclass(frozen=True)
class PlanWindow:
    """The dates an action plan may use: the school year and the summers around it."""

    first: dt.date
    last: dt.date

    @classmethod
    def around(cls, year: SchoolYear, days: int) -> PlanWindow:
        margin = dt.timedelta(days=days)
        return cls(year.first_day - margin, year.last_day + margin)

    def contains(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    def outside(self, day: dt.date, what: str) -> str:
        return (
            f"{what} ({day.isoformat()}) is outside the planning window "
            f"{self.first.isoformat()} to {self.last.isoformat()} (the school year and the "
            "summer around it)."
        )


def step_problems(
    step: ActionStep,
    resources: Mapping[str, str],
    criteria: Mapping[str, str],
    window: PlanWindow,
) -> list[str]:
    """Problems of one step; ``resources`` and ``criteria`` map ids to the names people see."""
    problems = []
    label = f"‘{step.action}’"
    for what, day in (("starts", step.start), ("is due", step.due)):
        if not window.contains(day):
            problems.append(f"{label} {window.outside(day, what)}")
    for check in step.progress_checks:
        if not window.contains(check.date):
            problems.append(f"{label}: {window.outside(check.date, 'a progress check')}")
    for rid in step.resource_ids:
        if rid not in resources:
            problems.append(
                f"{label} uses a resource (‘{rid}’) that is not in the Day 2 inventory."
            )
    for cid in step.criterion_ids:
        if cid not in criteria:
            problems.append(
                f"{label} serves a success criterion (‘{cid}’) that Day 1 no longer has."
            )
    return problems


def plan_problems(
    steps: Sequence[ActionStep],
    resources: Mapping[str, str],
    criteria: Mapping[str, str],
    window: PlanWindow,
) -> list[str]:
    """Problems of every step, plus gaps a critical friend would point out."""
    problems = [p for step in steps for p in step_problems(step, resources, criteria, window)]
    for step in steps:
        if not step.progress_checks:
            problems.append(f"‘{step.action}’ has no progress check yet: when will you look?")
    served = {cid for step in steps for cid in step.criterion_ids}
    for cid, name in criteria.items():
        if steps and cid not in served:
            problems.append(f"No step serves the success criterion ‘{name}’ yet.")
    return problems


def check_step(
    step: ActionStep,
    resources: Mapping[str, str],
    criteria: Mapping[str, str],
    window: PlanWindow,
) -> None:
    """Refuse a step with dates outside the window or links to things that do not exist."""
    problems = step_problems(step, resources, criteria, window)
    if problems:
        raise InputError(problems[0], field="action")


def check_message(message: StaffMessage, window: PlanWindow) -> None:
    if not window.contains(message.date):
        raise InputError(window.outside(message.date, "The date"), field="date")


def names(ids: Sequence[str], known: Mapping[str, str]) -> list[str]:
    """Names for ids; an unknown id is shown as "(removed: id)" so nothing disappears silently."""
    return [known.get(i, f"(removed: {i})") for i in ids]
