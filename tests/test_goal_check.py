"""The goal checker reads a goal as a critical friend would: what, for whom, how much, by when, from
what baseline, and says plainly what is missing ("some" is not a number; "soon" is not a time)."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from workshop_kit.config.day1 import GOAL_RULES, GoalChecker, load_day1
from workshop_kit.logic.goal_check import (
    Feedback,
    GoalContext,
    check_criteria,
    check_goal,
    draft_statement,
    grade_span,
    is_measurable,
    measured_number,
)
from workshop_kit.model.goal import GoalStatement, SuccessCriterion

CHECKER = load_day1().goal_checker

GOOD = GoalStatement(
    what="explain their reasoning in writing, scoring 3 or higher on the school rubric",
    for_whom="students in grades 3 to 5",
    how_much="60%",
    by_when="June 2027",
    baseline="41% on the September 2026 writing task",
    statement=(
        "By June 2027, 60% of students in grades 3 to 5 will explain their reasoning in writing "
        "at 3 or higher on the school rubric, up from 41% in September 2026."
    ),
)


def feedback(**changes: str) -> dict[str, Feedback]:
    """The checker's feedback by part, for the good goal with ``changes`` applied."""
    found = check_goal(GOOD.model_copy(update=changes), CHECKER)
    return {f.part: f for f in found}


class TestAGoodGoal:
    def test_every_part_is_acknowledged(self) -> None:
        found = check_goal(GOOD, CHECKER)
        assert [f.part for f in found] == [
            "what",
            "for_whom",
            "how_much",
            "by_when",
            "baseline",
            "statement",
        ]
        assert all(f.ok for f in found), [f.message for f in found if not f.ok]
        assert is_measurable(found)
        assert found[-1].message == "Your statement reads as a measurable goal."

    @pytest.mark.parametrize(
        "when",
        [
            "June 2027",
            "2027-06-11",
            "6/11/2027",
            "end of 2027",
            "Sept. 2027",
            "spring 2027",
            "May 30, 2027",
        ],
    )
    def test_times_that_name_a_date(self, when: str) -> None:
        assert feedback(by_when=when)["by_when"].ok

    @pytest.mark.parametrize("amount", ["60%", "at least 60%", "from 41% to 60%", "2 in 3"])
    def test_amounts_with_a_number(self, amount: str) -> None:
        assert feedback(how_much=amount)["how_much"].ok

    @pytest.mark.parametrize(
        "statement",
        [
            "By June 2027, increase the share of grade 3-5 students scoring 3+ from 41% to 60%.",
            "By June 2027, 60% or more of students in grades 3-5 will score 3 or higher (41% now).",
            "Students in grades 3-5 will improve from 41% to 60% scoring 3+ by June 2027.",
        ],
    )
    def test_words_like_increase_are_fine_next_to_numbers_and_a_date(self, statement: str) -> None:
        """Vague words are vague only when no number or date pins them down."""
        found = feedback(statement=statement)["statement"]
        assert found.ok, found.message


class TestVagueGoals:
    def test_some_is_not_a_number(self) -> None:
        found = feedback(how_much="some")["how_much"]
        assert not found.ok
        assert found.message == "‘some’ is not a number: give an amount to reach."

    def test_soon_is_not_a_time(self) -> None:
        found = feedback(by_when="soon")["by_when"]
        assert not found.ok
        assert found.message == "‘soon’ is not a time: give a month and year."

    def test_other_vague_words_from_the_config_are_named(self) -> None:
        assert "‘a lot’" in feedback(how_much="a lot")["how_much"].message
        assert "‘over time’" in feedback(by_when="over time")["by_when"].message

    def test_words_without_numbers_that_are_not_listed_are_still_refused(self) -> None:
        assert feedback(how_much="plenty")["how_much"].message.startswith("This is not a number")
        assert feedback(by_when="next spring")["by_when"].message.startswith("This is not a time")

    def test_vague_words_are_matched_as_whole_words(self) -> None:
        """ "handsome" does not contain the vague word "some"."""
        assert feedback(how_much="handsome")["how_much"].message.startswith("This is not")

    def test_a_baseline_needs_a_number(self) -> None:
        found = feedback(baseline="low, according to teachers")["baseline"]
        assert not found.ok
        assert "number" in found.message

    def test_a_statement_that_still_says_soon(self) -> None:
        found = feedback(statement="Students will write better explanations soon.")["statement"]
        assert not found.ok
        assert "‘better’" in found.message or "‘soon’" in found.message

    def test_a_statement_without_numbers(self) -> None:
        found = feedback(statement="Students will write clear explanations by June.")["statement"]
        assert not found.ok
        assert found.message == "The statement needs the numbers from your parts."

    def test_a_statement_without_a_date(self) -> None:
        found = feedback(statement="60% of students in grades 3-5 will score 3+, up from 41%.")
        assert not found["statement"].ok
        assert found["statement"].message == "The statement needs the date from your parts."

    def test_a_statement_with_an_amount_but_a_vague_time(self) -> None:
        found = feedback(statement="60% of students will score 3+ on the rubric soon.")
        assert not found["statement"].ok
        assert "‘soon’" in found["statement"].message

    def test_the_checker_uses_the_facilitators_words(self) -> None:
        checker = CHECKER.model_copy(
            update={"vague_amounts": ("loads",), "vague_times": ("by and by",)}
        )
        goal = GOOD.model_copy(update={"how_much": "loads", "by_when": "by and by"})
        found = {f.part: f for f in check_goal(goal, checker)}
        assert "‘loads’" in found["how_much"].message
        assert "‘by and by’" in found["by_when"].message


class TestMissingParts:
    def test_an_empty_goal_asks_for_every_part(self) -> None:
        found = check_goal(GoalStatement(), CHECKER)
        assert [f.ok for f in found] == [False] * 6
        assert not is_measurable(found)
        messages = {f.part: f.message for f in found}
        assert messages["what"].startswith("Say what will improve")
        assert messages["for_whom"].startswith("Say for whom")
        assert messages["how_much"].startswith("Say how much")
        assert messages["by_when"].startswith("Say by when")
        assert messages["baseline"].startswith("Say where you start")
        assert messages["statement"].startswith("Write the goal as one sentence")

    @pytest.mark.parametrize("part", ["what", "for_whom", "how_much", "by_when", "baseline"])
    def test_one_missing_part_is_the_only_complaint(self, part: str) -> None:
        found = check_goal(GOOD.model_copy(update={part: "   "}), CHECKER)
        assert [f.part for f in found if not f.ok] == [part]


class TestDraftStatement:
    def test_the_parts_become_one_sentence(self) -> None:
        assert draft_statement(GOOD) == (
            "By June 2027, 60% of students in grades 3 to 5 will explain their reasoning in "
            "writing, scoring 3 or higher on the school rubric (baseline: 41% on the September "
            "2026 writing task)."
        )

    def test_an_amount_that_names_the_students_reads_naturally(self) -> None:
        goal = GoalStatement(
            what="read grade-level texts fluently",
            for_whom="third graders",
            how_much="70% of students",
            by_when="May 2027",
        )
        assert draft_statement(goal) == (
            "By May 2027, third graders will read grade-level texts fluently, reaching 70% of "
            "students."
        )

    def test_missing_parts_are_shown_as_gaps_to_fill(self) -> None:
        assert draft_statement(GoalStatement(what="read")) == (
            "By [when], [how much] of [whom] will read."
        )

    def test_nothing_typed_gives_no_draft(self) -> None:
        assert draft_statement(GoalStatement()) == ""

    def test_the_draft_of_a_good_goal_passes_the_checker(self) -> None:
        drafted = GOOD.model_copy(update={"statement": draft_statement(GOOD)})
        assert is_measurable(check_goal(drafted, CHECKER))


FIRST_DAY = dt.date(2026, 8, 26)
K5 = GoalContext(school_grades="Maple Grove, a K-5 school", first_day=FIRST_DAY)


def checked(context: GoalContext = K5, **changes: str) -> dict[str, Feedback]:
    found = check_goal(GOOD.model_copy(update=changes), CHECKER, context)
    return {f.part: f for f in found}


def criterion(**changes: object) -> SuccessCriterion:
    values: dict[str, object] = {
        "id": "c",
        "measure": "Students scoring 3+ on the writing rubric",
        "baseline": 45.0,
        "target": 60.0,
        "by": dt.date(2027, 6, 11),
    }
    return SuccessCriterion.model_validate({**values, **changes})


WHOLE_SCHOOL = {"for_whom": "students in kindergarten to grade 5"}


class TestProblemOfPractice:
    """The seeds' test of a problem of practice: positive, solvable (within the school's
    control), measurable, specific, about instruction; each rule's message is the config's."""

    def test_a_grade_is_not_a_baseline(self) -> None:
        found = checked(**WHOLE_SCHOOL, baseline="grade 3")["baseline"]
        assert not found.ok
        assert found.message == CHECKER.messages["baseline_not_number"]

    @pytest.mark.parametrize("baseline", ["grades 3-5, 2025-26", "spring 2026", "4th grade"])
    def test_years_and_grades_are_not_baseline_figures(self, baseline: str) -> None:
        assert checked(**WHOLE_SCHOOL, baseline=baseline)["baseline"].rule == "baseline_not_number"

    def test_a_figure_next_to_a_grade_is_a_baseline(self) -> None:
        found = checked(**WHOLE_SCHOOL, baseline="41% of grade 3 students, May 2026")
        assert found["baseline"].ok

    def test_a_target_below_the_baseline_of_a_raising_goal_fails(self) -> None:
        found = checked(**WHOLE_SCHOOL, how_much="20%", baseline="45% in May 2026")["how_much"]
        assert not found.ok
        assert found.rule == "how_much_wrong_way"
        assert "20%" in found.message and "45%" in found.message and "raise" in found.message

    def test_a_lowering_goal_may_go_down(self) -> None:
        found = checked(
            **WHOLE_SCHOOL,
            what="reduce the share of students scoring 1 on the writing rubric",
            how_much="10%",
            baseline="25% in May 2026",
        )
        assert found["how_much"].ok, found["how_much"].message

    def test_thousands_separators_are_read_as_thousands(self) -> None:
        """ "1,050" is one thousand and fifty, not 1.05."""
        assert measured_number("1,050 minutes read a week") == (1050.0, False)
        found = checked(**WHOLE_SCHOOL, how_much="1,000 minutes", baseline="1,050 minutes")
        assert found["how_much"].rule == "how_much_wrong_way"
        assert "1050" in found["how_much"].message
        assert checked(**WHOLE_SCHOOL, how_much="1,200 minutes", baseline="1,050 minutes")[
            "how_much"
        ].ok

    def test_a_date_beyond_the_coming_school_years_fails(self) -> None:
        found = checked(**WHOLE_SCHOOL, by_when="June 2031")["by_when"]
        assert not found.ok
        assert found.rule == "by_when_out_of_range"
        assert "2031" in found.message and "August 26, 2026" in found.message

    def test_a_date_in_the_next_school_years_passes(self) -> None:
        assert checked(**WHOLE_SCHOOL, by_when="June 2028")["by_when"].ok

    def test_a_grades_3_to_5_goal_is_not_school_wide_in_a_k5_school(self) -> None:
        found = checked(for_whom="students in grades 3 to 5")["for_whom"]
        assert not found.ok
        assert found.rule == "for_whom_not_school_wide"
        assert "3–5" in found.message and "K–5" in found.message

    def test_a_grades_3_to_5_goal_is_school_wide_in_a_3_to_5_school(self) -> None:
        context = GoalContext(school_grades="an upper elementary school, grades 3-5")
        assert checked(context, for_whom="students in grades 3 to 5")["for_whom"].ok

    def test_the_config_can_name_the_schools_grades(self) -> None:
        checker = CHECKER.model_copy(update={"school_grades": "3-5"})
        found = check_goal(GOOD, checker, GoalContext(school_grades="a K-8 school"))
        assert all(f.ok for f in found)

    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("students in grades 3 to 5", (3, 5)),
            ("grades 3, 4 and 5", (3, 5)),
            ("K-5", (0, 5)),
            ("kindergarten to grade 5", (0, 5)),
            ("4th graders", (4, 4)),
            ("all students", None),
        ],
    )
    def test_grade_spans(self, text: str, span: tuple[int, int] | None) -> None:
        assert grade_span(text) == span

    def test_a_goal_about_attendance_is_not_about_instruction(self) -> None:
        found = checked(**WHOLE_SCHOOL, what="raise daily attendance to the district's level")
        assert found["what"].rule == "what_not_instructional"
        assert "‘attendance’" in found["what"].message

    def test_a_subject_alone_is_not_specific(self) -> None:
        found = checked(**WHOLE_SCHOOL, what="writing")["what"]
        assert found.rule == "what_not_specific"

    def test_a_negative_framing_is_named(self) -> None:
        found = checked(
            **WHOLE_SCHOOL,
            statement="By June 2027, fewer than 20% of students will be failing the writing task.",
        )["statement"]
        assert found.rule == "statement_not_positive"
        assert "‘failing’" in found.message

    def test_a_goal_outside_the_schools_control_is_named(self) -> None:
        found = checked(
            **WHOLE_SCHOOL,
            statement="By June 2027, parents will read with 60% of students every night.",
        )["statement"]
        assert found.rule == "statement_outside_control"

    def test_every_message_comes_from_the_config(self) -> None:
        messages = {rule: f"[{rule}]" for rule in GOAL_RULES}
        checker = CHECKER.model_copy(update={"messages": messages})
        for f in check_goal(GOOD.model_copy(update={"baseline": "grade 3"}), checker, K5):
            assert f.message == f"[{f.rule}]"


class TestSuccessCriteria:
    def test_a_target_below_the_baseline_fails(self) -> None:
        (found,) = check_criteria([criterion(target=20.0)], GOOD, CHECKER, K5)
        assert found.rule == "criterion_wrong_way"
        assert "20%" in found.message and "45%" in found.message

    def test_a_criterion_due_in_2031_fails(self) -> None:
        (found,) = check_criteria([criterion(by=dt.date(2031, 6, 1))], GOOD, CHECKER, K5)
        assert found.rule == "criterion_out_of_range"
        assert "June 1, 2031" in found.message

    def test_good_criteria_pass(self) -> None:
        (found,) = check_criteria([criterion()], GOOD, CHECKER, K5)
        assert found.ok and found.rule == "criteria_ok"

    def test_a_measure_that_lowers_may_go_down(self) -> None:
        lowered = criterion(measure="Students scoring 1 (fewer is better)", target=10.0)
        assert check_criteria([lowered], GOOD, CHECKER, K5)[0].ok


class TestRulesInTheConfig:
    def test_every_rule_has_a_message_in_the_default_config(self) -> None:
        assert set(CHECKER.messages) == set(GOAL_RULES)

    def test_a_missing_message_is_refused_with_the_rule_named(self) -> None:
        messages = {k: v for k, v in CHECKER.messages.items() if k != "baseline_not_number"}
        with pytest.raises(ValidationError, match="baseline_not_number"):
            GoalChecker.model_validate({**CHECKER.model_dump(), "messages": messages})

    def test_a_placeholder_the_rule_does_not_fill_is_refused(self) -> None:
        messages = {**CHECKER.messages, "baseline_ok": "Fine: {target}"}
        with pytest.raises(ValidationError, match="target"):
            GoalChecker.model_validate({**CHECKER.model_dump(), "messages": messages})

    def test_an_unknown_rule_is_refused(self) -> None:
        messages = {**CHECKER.messages, "be_nice": "Be nice."}
        with pytest.raises(ValidationError, match="be_nice"):
            GoalChecker.model_validate({**CHECKER.model_dump(), "messages": messages})
