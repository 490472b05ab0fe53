"""The back-to-school session a team leads for its staff: the model's edits and the rules a plan
of it follows (one refusal, the rest warnings on a checklist)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop_kit.config.day3 import load_day3
from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow
from workshop_kit.logic.launch import LaunchCheck, check_launch, launch_checks, launch_problems
from workshop_kit.model.plan import LaunchSegment, LaunchSession, TeamPlan
from workshop_kit.store import Workspace

CONFIG = load_day3()
YEAR = CONFIG.school_year  # first day 2026-08-26
LABELS = CONFIG.launch.routine_labels
MEMBERS = ("Ana Ruiz", "Marcus Lee", "Priya Shah")
WINDOW = PlanWindow.around(YEAR, CONFIG.action_window_days)


def part(title: str, minutes: int, lead: str = "Ana Ruiz", routine: str = "") -> LaunchSegment:
    return LaunchSegment(title=title, minutes=minutes, lead=lead, routine=routine)


def session(*parts: LaunchSegment, minutes: int = 60, **fields: object) -> LaunchSession:
    values: dict[str, object] = {
        "purpose": "Staff try the routines we want in classrooms.",
        "date": dt.date(2026, 8, 21),
        "norms": ("We start and end on time.",),
        **fields,
    }
    return LaunchSession(minutes=minutes, segments=parts, **values)  # type: ignore[arg-type]


def by_point(checks: list[LaunchCheck]) -> dict[str, LaunchCheck]:
    return {c.point: c for c in checks}


def checks_of(launch: LaunchSession, members: tuple[str, ...] = MEMBERS) -> dict[str, LaunchCheck]:
    return by_point(launch_checks(launch, members=members, year=YEAR, routine_labels=LABELS))


GOOD = session(
    part("Welcome", 10),
    part("Think-pair-share on student writing", 40, "Priya Shah", "think_pair_share"),
    part("Check how it went", 10, "Marcus Lee", "meeting_check"),
)


class TestTheModel:
    def test_an_older_plan_without_a_session_still_reads(self) -> None:
        """A version 1 plan has no ``launch``: it reads as no session, and the upgrade keeps
        everything else."""
        plan = TeamPlan.model_validate(TeamPlan.upgrade({"key_message": "Hello"}, 1))
        assert plan.launch is None and plan.key_message == "Hello"

    def test_the_session_knows_its_minutes_routines_and_leads(self) -> None:
        assert GOOD.total_minutes == 60
        assert GOOD.routines == ("think_pair_share", "meeting_check")
        assert GOOD.leads == ("Ana Ruiz", "Priya Shah", "Marcus Lee")

    def test_edits_return_validated_copies(self) -> None:
        changed = GOOD.with_details("A new purpose", dt.date(2026, 8, 20), 90)
        assert (changed.purpose, changed.minutes) == ("A new purpose", 90)
        assert GOOD.minutes == 60  # the original is untouched
        assert GOOD.with_norms(["  Be on time ", "", "Listen"]).norms == ("Be on time", "Listen")

    @pytest.mark.parametrize(
        ("edit", "field", "words"),
        [
            (lambda s: s.with_details("", None, 5), "minutes", "at least 15"),
            (lambda s: s.with_details("", None, 600), "minutes", "at most 480"),
            (lambda s: s.with_details("x" * 501, None, 60), "purpose", "too long"),
            (lambda s: s.with_details("", dt.date(2200, 1, 1), 60), "date", "between 1990"),
            (lambda s: s.with_segments([]), "segments", "at least one part"),
            (lambda s: s.with_norms(["x" * 301]), "norms", "longer than 300"),
        ],
    )
    def test_a_bad_value_is_a_plain_message_naming_its_field(
        self, edit: object, field: str, words: str
    ) -> None:
        with pytest.raises(InputError) as refused:
            edit(GOOD)  # type: ignore[operator]
        assert refused.value.field == field
        assert words in refused.value.message
        assert (
            "Value error" not in refused.value.message and "pydantic" not in refused.value.message
        )

    def test_the_plan_keeps_one_session(self) -> None:
        plan = TeamPlan().with_launch(GOOD)
        assert plan.launch == GOOD
        assert plan.with_launch(GOOD.with_details("Other", None, 60)).launch.purpose == "Other"  # type: ignore[union-attr]
        assert plan.without_launch().launch is None

    def test_a_routine_id_must_look_like_an_id(self) -> None:
        with pytest.raises(ValueError, match="routine"):
            LaunchSegment(title="Part", minutes=5, routine="Think pair share!")


class TestTheRules:
    def test_a_complete_session_passes_every_check(self) -> None:
        checks = checks_of(GOOD)
        assert all(c.ok for c in checks.values()), [c.message for c in checks.values()]
        assert "Think-pair-share" in checks["routines"].message  # named as the config names it

    def test_parts_that_do_not_fill_the_length_are_refused(self) -> None:
        short = session(part("Welcome", 10), part("Talk", 40), minutes=60)
        assert "10 minutes too few" in checks_of(short)["on_time"].message
        with pytest.raises(InputError, match="10 minutes too few") as refused:
            check_launch(short, WINDOW)
        assert refused.value.field == "segments"
        long = session(part("Welcome", 10), part("Talk", 51), minutes=60)
        assert "1 minute too many" in checks_of(long)["on_time"].message
        check_launch(GOOD, WINDOW)  # a session that adds up is accepted

    def test_a_date_outside_the_planning_window_is_refused(self) -> None:
        with pytest.raises(InputError, match="outside the planning window") as refused:
            check_launch(GOOD.with_details(GOOD.purpose, dt.date(2030, 8, 20), 60), WINDOW)
        assert refused.value.field == "date"

    def test_no_routine_is_a_warning_not_a_refusal(self) -> None:
        plain = session(part("Welcome", 30), part("Talk", 30))
        check_launch(plain, WINDOW)
        assert not checks_of(plain)["routines"].ok
        assert "No part models a routine" in checks_of(plain)["routines"].message

    def test_a_part_without_a_lead_is_named(self) -> None:
        launch = session(
            part("Welcome", 30), part("The ball game", 30, lead="", routine="ball_game")
        )
        check_launch(launch, WINDOW)
        leads = checks_of(launch)["leads"]
        assert not leads.ok and "‘The ball game’" in leads.message

    def test_a_lead_who_is_not_on_the_team_is_named(self) -> None:
        launch = session(part("Welcome", 30, lead="ana ruiz"), part("Talk", 30, lead="Dr. Visitor"))
        check = checks_of(launch)["team_leads"]
        assert not check.ok
        assert "‘Dr. Visitor’ is not on the team roster" in check.message
        assert "ana ruiz" not in check.message  # the same name, typed differently, is a member

    def test_a_session_on_or_after_the_first_day_is_questioned(self) -> None:
        later = GOOD.with_details(GOOD.purpose, YEAR.first_day, 60)
        check_launch(later, WINDOW)
        assert not checks_of(later)["date"].ok
        assert checks_of(GOOD)["date"].ok

    def test_no_purpose_asks_for_one_tied_to_the_goal(self) -> None:
        checks = by_point(
            launch_checks(
                GOOD.with_details("", GOOD.date, 60),
                members=MEMBERS,
                year=YEAR,
                routine_labels=LABELS,
                goal="Students explain their reasoning in writing.",
            )
        )
        assert not checks["purpose"].ok
        assert "Students explain their reasoning in writing." in checks["purpose"].message

    def test_the_plan_lists_what_is_open_and_nothing_without_a_session(self) -> None:
        open_points = launch_problems(
            session(part("Welcome", 60, lead="")),
            members=MEMBERS,
            year=YEAR,
            routine_labels=LABELS,
        )
        assert open_points == [
            "Launch session: No part models a routine yet: let the staff do what you want "
            "students to do (for example think-pair-share), not only hear about it.",
            "Launch session: Name who leads ‘Welcome’.",
        ]
        assert launch_problems(None, members=MEMBERS, year=YEAR, routine_labels=LABELS) == []


class TestTheDemoSchool:
    def test_the_demo_session_is_complete_and_led_by_the_team(self, tmp_path: Path) -> None:
        from workshop_kit.model.team import Team

        book = Workspace(tmp_path / "ws").ensure_demo()
        launch = book.load(TeamPlan).launch
        assert launch is not None and launch.date is not None
        team = book.load(Team)
        checks = checks_of(launch, team.member_names)
        assert all(c.ok for c in checks.values()), [c.message for c in checks.values()]
        assert set(launch.leads) == set(team.member_names)  # every member leads a part
        assert set(launch.routines) <= set(LABELS)
        assert launch.norms == team.norms  # it started from the team's own norms
