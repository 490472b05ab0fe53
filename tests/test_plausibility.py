"""Allowed but unlikely values: the warnings the panels ask the team to confirm."""

from __future__ import annotations

import datetime as dt

from workshop_kit.logic.plausibility import criteria_warnings, roster_warnings
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.team import Member


def criterion(baseline: float, target: float, unit: str = "%") -> SuccessCriterion:
    return SuccessCriterion(
        id="writing",
        measure="Writing",
        baseline=baseline,
        target=target,
        unit=unit,
        by=dt.date(2027, 6, 1),
    )


def test_a_share_above_100_or_below_0_is_questioned() -> None:
    assert criteria_warnings([criterion(45, 150)]) == [
        "the target of ‘Writing’ is 150%, but a share of students lies between 0% and 100%"
    ]
    assert len(criteria_warnings([criterion(-5, 60)])) == 1


def test_shares_within_range_and_other_units_pass() -> None:
    assert criteria_warnings([criterion(0, 100), criterion(1050, 1200, "students")]) == []


def test_only_an_empty_roster_is_questioned() -> None:
    assert roster_warnings([]) == ["the roster lists no one yet"]
    assert roster_warnings([Member(name="Ana Ruiz", role="Principal")]) == []
