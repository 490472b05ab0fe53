"""How far each team has got: the milestones a facilitator watches across many teams.

Pure: it takes a team's documents (or the message of a file that could not be read) and returns
a row for the overview. Reading the files is the caller's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop_kit.config.day1 import Day1Config
from workshop_kit.logic.goal_check import check_goal, is_measurable
from workshop_kit.logic.scoring import rank_candidates
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team

MILESTONES = (
    ("roster", "Team listed"),
    ("norms", "Norms agreed"),
    ("candidates", "Candidate goals"),
    ("ratings", "All ratings in"),
    ("goal", "Goal measurable"),
    ("criteria", "Success criteria"),
)


@dataclass(frozen=True)
class TeamProgress:
    slug: str
    name: str
    done: dict[str, bool] = field(default_factory=dict)
    detail: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def share_done(self) -> float:
        return sum(self.done.values()) / len(MILESTONES)


def day1_progress(slug: str, team: Team, work: GoalWork, config: Day1Config) -> TeamProgress:
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
        "roster": f"{len(team.members)} members",
        "norms": f"{len(team.norms)} norms",
        "candidates": f"{len(work.candidates)}",
        "ratings": f"{given} of {expected}",
        "goal": "yes" if measurable else "not yet",
        "criteria": f"{len(work.success_criteria)}",
    }
    return TeamProgress(slug, team.name or slug, done, detail)


def unreadable(slug: str, problem: str) -> TeamProgress:
    return TeamProgress(slug, slug, {key: False for key, _ in MILESTONES}, {}, (problem,))
