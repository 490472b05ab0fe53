"""How far each team has got: the milestones a facilitator watches across many teams.

Pure: it takes a team's documents (``None`` for a file that could not be read, with its message
in ``problems``) and returns a row for the overview. Reading the files is the caller's job, so
one damaged file hides only the milestones that depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workshop_kit.config.day1 import Day1Config
from workshop_kit.config.day2 import Day2Config
from workshop_kit.config.day3 import Day3Config
from workshop_kit.logic.goal_check import check_goal, is_measurable
from workshop_kit.logic.ledger import build_ledger, hours_text
from workshop_kit.logic.repurpose import what_if
from workshop_kit.logic.resources import find
from workshop_kit.logic.scoring import rank_candidates
from workshop_kit.logic.words import plural
from workshop_kit.logic.year import all_progress
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str
    day: int


MILESTONES = (
    Milestone("roster", "Team listed", 1),
    Milestone("norms", "Norms agreed", 1),
    Milestone("candidates", "Candidate goals", 1),
    Milestone("ratings", "All ratings in", 1),
    Milestone("goal", "Goal measurable", 1),
    Milestone("criteria", "Success criteria", 1),
    Milestone("inventory", "Resources listed", 2),
    Milestone("quadrants", "All quadrants", 2),
    Milestone("backed", "Criteria backed", 2),
    Milestone("meetings", "Meetings entered", 3),
    Milestone("repurposed", "Time re-purposed", 3),
    Milestone("cycles", "Cycles placed", 3),
    Milestone("actions", "Action plan", 3),
)
DAYS = (1, 2, 3)


def milestones_on(day: int) -> tuple[Milestone, ...]:
    return tuple(m for m in MILESTONES if m.day == day)


@dataclass(frozen=True)
class Configs:
    """The three days' activity configurations the milestones are judged against."""

    day1: Day1Config
    day2: Day2Config
    day3: Day3Config


@dataclass(frozen=True)
class TeamDocuments:
    """A team's files as read; ``None`` where a file could not be read."""

    team: Team | None
    goal: GoalWork | None
    resources: ResourceInventory | None
    meetings: MeetingTime | None
    plan: TeamPlan | None
    progress: YearProgress | None = None


@dataclass(frozen=True)
class TeamProgress:
    slug: str
    name: str
    done: dict[str, bool] = field(default_factory=dict)
    detail: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    #: where the team stands at its latest check through the year ("" before any is recorded)
    year: str = ""

    def reached(self, day: int | None = None) -> int:
        return sum(1 for m in MILESTONES if (day is None or m.day == day) and self.done.get(m.key))

    def day_complete(self, day: int) -> bool:
        return self.reached(day) == len(milestones_on(day))


Milestones = tuple[dict[str, bool], dict[str, str]]


def day1_milestones(team: Team, work: GoalWork, config: Day1Config) -> Milestones:
    ranking = rank_candidates(work, team.member_names, config.criteria, config.low_consensus_spread)
    expected = len(team.members) * len(work.candidates) * len(config.criteria)
    given = expected - len(ranking.missing)
    measurable = is_measurable(check_goal(work.goal, config.goal_checker))
    done = {
        "roster": len(team.members) >= 2,
        "norms": team.norms_agreed,
        "candidates": len(work.candidates) >= 2,
        "ratings": expected > 0 and not ranking.missing,
        "goal": measurable,
        "criteria": bool(work.success_criteria),
    }
    detail = {
        "roster": plural(len(team.members), "member"),
        "norms": plural(len(team.norms), "norm"),
        "candidates": f"{len(work.candidates)}",
        "ratings": f"{given} of {expected}",
        "goal": "yes" if measurable else "not yet",
        "criteria": f"{len(work.success_criteria)}",
    }
    return done, detail


def day2_milestones(inventory: ResourceInventory, work: GoalWork, config: Day2Config) -> Milestones:
    findings = find(inventory, config, work.success_criteria)
    filled = sum(1 for q in findings.quadrants if q.total)
    criteria = len(work.success_criteria)
    backed = criteria - len(findings.criteria_without_resources)
    done = {
        "inventory": findings.total > 0,
        "quadrants": filled == len(findings.quadrants),
        "backed": criteria > 0 and backed == criteria,
    }
    detail = {
        "inventory": f"{findings.total}",
        "quadrants": f"{filled} of {len(findings.quadrants)}",
        "backed": f"{backed} of {criteria}",
    }
    return done, detail


def day3_milestones(meetings: MeetingTime, plan: TeamPlan, config: Day3Config) -> Milestones:
    ledger = build_ledger(meetings.meetings, meetings.year_or(config.school_year))
    reclaimed = what_if(ledger, plan.moves).reclaimed_hours
    done = {
        "meetings": bool(meetings.meetings),
        "repurposed": reclaimed > 0,
        "cycles": bool(plan.cycles),
        "actions": bool(plan.actions),
    }
    detail = {
        "meetings": f"{len(meetings.meetings)}",
        "repurposed": hours_text(reclaimed),
        "cycles": f"{len(plan.cycles)}",
        "actions": f"{len(plan.actions)} steps",
    }
    return done, detail


def team_progress(
    slug: str, docs: TeamDocuments, configs: Configs, problems: Sequence[str] = ()
) -> TeamProgress:
    """One overview row; milestones whose files could not be read count as not reached."""
    done: dict[str, bool] = {m.key: False for m in MILESTONES}
    detail: dict[str, str] = {}
    parts: list[Milestones] = []
    if docs.team is not None and docs.goal is not None:
        parts.append(day1_milestones(docs.team, docs.goal, configs.day1))
    if docs.resources is not None and docs.goal is not None:
        parts.append(day2_milestones(docs.resources, docs.goal, configs.day2))
    if docs.meetings is not None and docs.plan is not None:
        parts.append(day3_milestones(docs.meetings, docs.plan, configs.day3))
    for part_done, part_detail in parts:
        done.update(part_done)
        detail.update(part_detail)
    name = docs.team.name if docs.team is not None and docs.team.name else slug
    return TeamProgress(slug, name, done, detail, tuple(problems), year_standing(docs, configs))


def year_standing(docs: TeamDocuments, configs: Configs) -> str:
    """The overview's "Latest check": how many criteria are on track, with the date of the
    latest value, and the date of the latest team check."""
    progress, goal, plan = docs.progress, docs.goal, docs.plan
    if progress is None or goal is None or plan is None or docs.meetings is None:
        return ""
    if not progress.measurements and not progress.checks:
        return ""
    start = docs.meetings.year_or(configs.day3.school_year).first_day
    items = all_progress(goal, progress, plan, start)
    on = sum(1 for i in items if i.track.standing == "on_track")
    parts = []
    if progress.measurements:
        latest = max(m.date for m in progress.measurements)
        parts.append(f"{on} of {len(items)} criteria on track, values to {latest.isoformat()}")
    checks = progress.checks_in_order()
    if checks:
        parts.append(f"team check {checks[-1].date.isoformat()}")
    return "; ".join(parts)


def unreadable(slug: str, problem: str) -> TeamProgress:
    return TeamProgress(slug, slug, {m.key: False for m in MILESTONES}, {}, (problem,))
