"""YAML to typed models, with problems explained in plain words naming the file, line and field."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import Field

from workshop_kit.errors import InputError
from workshop_kit.model.base import Record
from workshop_kit.validation import (
    YamlProblem,
    build,
    describe_field,
    ordinal,
    parse_yaml,
    validate_yaml,
)


class Person(Record):
    name: str = Field(min_length=1)
    role: str


class Roster(Record):
    title: str
    day: dt.date
    size: int
    members: tuple[Person, ...] = ()


GOOD = """\
title: Lincoln ILT
day: 2026-07-14
size: 2
members:
  - name: Rosa Diaz
    role: Principal
  - name: Sam Ode
    role: Coach
"""


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as raised:
        validate_yaml(Roster, text, source="roster.yaml")
    return raised.value


class TestValidateYaml:
    def test_a_good_file_becomes_a_typed_model(self) -> None:
        roster = validate_yaml(Roster, GOOD, source="roster.yaml")
        assert roster.day == dt.date(2026, 7, 14)
        assert [m.name for m in roster.members] == ["Rosa Diaz", "Sam Ode"]

    def test_a_wrong_value_deep_in_a_list_names_its_field_and_line(self) -> None:
        found = problem(GOOD.replace("role: Coach", "role: [a, b]"))
        assert found.field == "members → 2nd entry → role"
        assert found.line == 8
        assert found.message == (
            "roster.yaml, line 8: the field ‘members → 2nd entry → role’ must be text."
        )

    def test_a_missing_field_is_named(self) -> None:
        found = problem(GOOD.replace("size: 2\n", ""))
        assert found.field == "size"
        assert "‘size’ is missing" in found.message
        assert found.line is not None

    def test_a_missing_field_inside_an_entry_points_at_the_entry(self) -> None:
        found = problem(GOOD.replace("    role: Principal\n", ""))
        assert found.field == "members → 1st entry → role"
        assert found.line == 5

    def test_an_unknown_field_points_at_its_key(self) -> None:
        found = problem(GOOD + "colour: blue\n")
        assert found.field == "colour"
        assert found.line == 9
        assert "not a known field" in found.message

    @pytest.mark.parametrize(
        ("replace", "by", "plain"),
        [
            ("size: 2", "size: two", "must be a whole number"),
            ("day: 2026-07-14", "day: next Tuesday", "must be a date written as YYYY-MM-DD"),
            (GOOD[GOOD.index("members:") :], "members: everyone\n", "must be a list"),
            ("name: Rosa Diaz", "name: ''", "cannot be empty"),
        ],
    )
    def test_problems_are_said_in_plain_words(self, replace: str, by: str, plain: str) -> None:
        found = problem(GOOD.replace(replace, by, 1))
        assert plain in found.message
        assert "Input should" not in found.message, "pydantic's wording is for programmers"

    @pytest.mark.parametrize(
        ("by", "plain"),
        [
            ("day: 2026-02-30", "cannot be ‘2026-02-30’: February 2026 has no day 30 (it has 28"),
            ("day: 2026-13-01", "has no month 13: months go from 01 to 12"),
            ("day: 20240820", "must be a date written as YYYY-MM-DD, for example 2026-09-15 (fou"),
            ("day: '20240820'", "must be a date written as YYYY-MM-DD, for example 2026-09-15"),
            ("day: last year", "must be a date written as YYYY-MM-DD"),
        ],
    )
    def test_a_bad_date_in_a_file_is_explained_as_a_form_explains_it(
        self, by: str, plain: str
    ) -> None:
        """Issue 32: ``2026-02-30`` said only "must be a date written as YYYY-MM-DD" (it is
        written so), and ``20240820`` showed pydantic's own text about datetimes."""
        found = problem(GOOD.replace("day: 2026-07-14", by, 1))
        assert found.field == "day"
        assert plain in found.message
        assert "Datetimes" not in found.message and "zero time" not in found.message

    def test_a_misspelt_field_is_named_rather_than_the_one_it_hides(self) -> None:
        """``sise`` for ``size`` makes two problems; the typo is the one worth pointing at."""
        found = problem(GOOD.replace("size: 2", "sise: 2"))
        assert found.field == "sise"
        assert found.line == 3
        assert "not a known field (check its spelling) (and 1 more problem)" in found.message

    def test_several_problems_are_counted(self) -> None:
        found = problem(GOOD.replace("size: 2", "size: two").replace("title: Lincoln ILT\n", ""))
        assert "(and 1 more problem)" in found.message

    def test_something_other_than_named_fields_is_refused(self) -> None:
        found = problem("- just\n- a list\n")
        assert "must be a set of named fields" in found.message


class TestParseYaml:
    def test_unreadable_yaml_names_the_line(self) -> None:
        with pytest.raises(YamlProblem) as raised:
            parse_yaml("title: ok\nmembers: [unclosed\nsize: 2\n", "roster.yaml")
        assert raised.value.line is not None
        assert raised.value.message.startswith("roster.yaml, line ")
        assert "not readable YAML" in raised.value.message

    def test_a_tab_for_indentation_is_explained(self) -> None:
        with pytest.raises(YamlProblem, match="Check indentation"):
            parse_yaml("members:\n\t- name: x\n", "roster.yaml")

    def test_yaml_tags_that_would_run_code_are_refused(self) -> None:
        """Only plain data is loaded: a file cannot make the kit build Python objects."""
        with pytest.raises(YamlProblem):
            parse_yaml("x: !!python/object/apply:os.system ['true']\n", "evil.yaml")


class TestFieldNames:
    def test_people_count_from_one(self) -> None:
        assert describe_field(("members", 0, "role")) == "members → 1st entry → role"
        assert describe_field(()) == "(the whole file)"

    @pytest.mark.parametrize(
        ("n", "text"),
        [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (101, "101st"),
            (111, "111th"),
        ],
    )
    def test_ordinals(self, n: int, text: str) -> None:
        assert ordinal(n) == text


class TestBuildFromTypedValues:
    def test_a_bad_value_typed_by_a_team_is_an_input_error(self) -> None:
        with pytest.raises(InputError) as raised:
            build(Person, {"name": "", "role": "Coach"})
        assert raised.value.field == "name"
        assert raised.value.message == "‘name’ cannot be empty."

    def test_good_values_build_the_model(self) -> None:
        assert build(Person, {"name": " Rosa ", "role": "Coach"}).name == "Rosa"

    def test_a_too_long_text_is_named_by_its_label_with_the_limit_and_the_count(self) -> None:
        from workshop_kit.model.goal import CandidateGoal

        with pytest.raises(InputError) as raised:
            build(CandidateGoal, {"id": "g", "text": "A goal", "evidence": "x" * 612})
        assert raised.value.message == (
            "‘evidence’ is too long: please keep it under 500 characters (now 612)."
        )
        assert "String should" not in raised.value.message  # the panel names it by its label

    def test_a_check_across_fields_names_the_entry_not_the_whole_file(self) -> None:
        from workshop_kit.model.plan import ActionStep

        with pytest.raises(InputError) as raised:
            build(
                ActionStep,
                {
                    "id": "a",
                    "action": "Do",
                    "owner": "Ana",
                    "start": "2027-03-01",
                    "due": "2026-09-01",
                },
            )
        message = raised.value.message
        assert message.startswith("This action step is due (2026-09-01) before it starts")
        assert "whole file" not in message


class TestTextsReadAgain:
    """The same text is read once and copied after (``parse_yaml`` keeps what it read)."""

    TEXT = "members:\n  - name: Ana Ruiz\n    roles: [facilitator]\nmeets: 2026-09-01\nweeks: 010\n"

    def test_each_reader_gets_its_own_copy_to_change(self) -> None:
        first = parse_yaml(self.TEXT, "team.yaml")
        first["members"][0]["roles"].append("timekeeper")
        first["members"].append({"name": "Mo"})
        again = parse_yaml(self.TEXT, "team.yaml")
        assert again["members"] == [{"name": "Ana Ruiz", "roles": ["facilitator"]}]
        assert again["members"] is not parse_yaml(self.TEXT, "team.yaml")["members"]

    def test_a_text_read_again_holds_what_it_held_the_first_time(self) -> None:
        wanted = {
            "members": [{"name": "Ana Ruiz", "roles": ["facilitator"]}],
            "meets": dt.date(2026, 9, 1),
            "weeks": 10,
        }
        assert parse_yaml(self.TEXT, "a.yaml") == wanted
        assert parse_yaml(self.TEXT, "b.yaml") == wanted

    def test_an_unreadable_text_is_refused_every_time(self) -> None:
        for _ in range(2):
            with pytest.raises(YamlProblem, match="line 2"):
                parse_yaml("a: [1,\nb: }\n", "team.yaml")
