"""The goal checker reads a goal as a critical friend would: what, for whom, how much, by when, from
what baseline, and says plainly what is missing ("some" is not a number; "soon" is not a time)."""

from __future__ import annotations

import pytest

from workshop_kit.config.day1 import GoalChecker, load_day1
from workshop_kit.logic.goal_check import Feedback, check_goal, draft_statement, is_measurable
from workshop_kit.model.goal import GoalStatement

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
        checker = GoalChecker(vague_amounts=("loads",), vague_times=("by and by",))
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
