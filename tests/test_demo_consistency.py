"""The demo school agrees with itself: its goal's baselines are what its evidence shows, the
evidence holds the writing data the goal relies on, and the baseline was measured before the
summer institute, and the goal passes the kit's own goal checker."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from workshop_kit import paths
from workshop_kit.config.day1 import load_day1
from workshop_kit.logic.evidence import EvidenceFilter, read_evidence, trend
from workshop_kit.logic.goal_check import GoalContext, check_criteria, check_goal
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.team import Team
from workshop_kit.store import Workspace

DEMO = paths.demo_team_dir()


@dataclass(frozen=True)
class Demo:
    work: GoalWork
    year: MeetingTime
    team: Team


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    book = Workspace(tmp_path_factory.mktemp("demo")).ensure_demo()
    return Demo(book.load(GoalWork), book.load(MeetingTime), book.load(Team))


EVIDENCE = read_evidence((DEMO / "evidence.csv").read_bytes(), "evidence.csv")


def latest(subject: str, group: str) -> float:
    table = trend(EVIDENCE, EvidenceFilter(subject=subject))
    return float(table[group].iloc[-1])


@pytest.mark.parametrize(
    ("criterion_id", "subject", "group"),
    [
        ("rubric-all", "Writing rubric", "All students"),
        ("rubric-el", "Writing rubric", "English learners"),
        ("ela-proficiency", "ELA", "All students"),
    ],
)
def test_each_baseline_is_what_the_evidence_shows(
    demo: Demo, criterion_id: str, subject: str, group: str
) -> None:
    criterion = next(c for c in demo.work.success_criteria if c.id == criterion_id)
    assert criterion.baseline == latest(subject, group)


def test_the_goals_baseline_figure_is_the_writing_evidence(demo: Demo) -> None:
    assert "41%" in demo.work.goal.baseline
    assert latest("Writing rubric", "All students") == 41.0


def test_the_baseline_was_measured_before_the_institute(demo: Demo) -> None:
    """The institute is the summer before the school year; a baseline from September after it
    could not have been looked at during it."""
    assert demo.year.school_year is not None
    match = re.search(
        r"(January|February|March|April|May|June|July|August|September|October|"
        r"November|December) (\d{4})",
        demo.work.goal.baseline,
    )
    assert match, demo.work.goal.baseline
    measured = dt.datetime.strptime(f"{match.group(1)} {match.group(2)}", "%B %Y").date()
    assert measured < dt.date(demo.year.school_year.first_day.year, 6, 1)


def test_the_demo_goal_passes_the_goal_checker(demo: Demo) -> None:
    assert demo.year.school_year is not None
    context = GoalContext(school_grades=demo.team.school, first_day=demo.year.school_year.first_day)
    checker = load_day1().goal_checker
    found = [
        *check_goal(demo.work.goal, checker, context),
        *check_criteria(demo.work.success_criteria, demo.work.goal, checker, context),
    ]
    assert [f.message for f in found if not f.ok] == []
