"""Action plan checks: dates in the planning window, links to real resources and criteria."""

from __future__ import annotations

import datetime as dt

import pytest

from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import (
    PlanWindow,
    check_message,
    check_step,
    names,
    plan_problems,
)
from workshop_kit.model.meetings import SchoolYear
from workshop_kit.model.plan import ActionStep, ProgressCheck, StaffMessage

YEAR = SchoolYear(first_day=dt.date(2026, 8, 26), last_day=dt.date(2027, 6, 11))
WINDOW = PlanWindow.around(YEAR, 90)
RESOURCES = {"writing-rubric": "School writing rubric", "coach": "Instructional coach"}
CRITERIA = {"rubric-all": "Grades 3-5 scoring 3+", "rubric-el": "English learners scoring 3+"}


def step(**changes: object) -> ActionStep:
    data: dict[str, object] = {
        "id": "s1",
        "action": "Calibrate scoring",
        "owner": "Priya Shah",
        "start": dt.date(2026, 9, 1),
        "due": dt.date(2026, 9, 30),
        "resource_ids": ("writing-rubric",),
        "criterion_ids": ("rubric-all",),
        "progress_checks": (ProgressCheck(date=dt.date(2026, 9, 30), evidence="Scored samples"),),
    }
    data.update(changes)
    return ActionStep.model_validate(data)


class TestSteps:
    def test_a_good_step_passes(self) -> None:
        check_step(step(), RESOURCES, CRITERIA, WINDOW)

    def test_an_unknown_resource_is_refused(self) -> None:
        with pytest.raises(InputError, match="not in the Day 2 inventory"):
            check_step(step(resource_ids=("gone",)), RESOURCES, CRITERIA, WINDOW)

    def test_an_unknown_criterion_is_refused(self) -> None:
        with pytest.raises(InputError, match="Day 1 no longer has"):
            check_step(step(criterion_ids=("nope",)), RESOURCES, CRITERIA, WINDOW)

    def test_dates_far_outside_the_year_are_refused(self) -> None:
        with pytest.raises(InputError, match="outside the planning window"):
            check_step(step(due=dt.date(2028, 1, 1)), RESOURCES, CRITERIA, WINDOW)

    def test_summer_before_the_year_is_allowed(self) -> None:
        check_step(step(start=dt.date(2026, 7, 15)), RESOURCES, CRITERIA, WINDOW)

    def test_a_staff_message_outside_the_window(self) -> None:
        with pytest.raises(InputError, match="outside the planning window"):
            check_message(
                StaffMessage(
                    date=dt.date(2025, 1, 1), audience="Staff", channel="Email", who="Ana"
                ),
                WINDOW,
            )


class TestWholePlan:
    def test_gaps_a_critical_friend_would_name(self) -> None:
        problems = plan_problems([step(progress_checks=())], RESOURCES, CRITERIA, WINDOW)
        assert any("no progress check" in p for p in problems)
        assert any("English learners" in p for p in problems)

    def test_removed_links_stay_visible(self) -> None:
        assert names(["coach", "gone"], RESOURCES) == ["Instructional coach", "(removed: gone)"]
