"""The team itself (logic/team.py): whose voice is missing, and a fair rotation of roles."""

from __future__ import annotations

from collections import Counter

import pytest

from workshop_kit.logic.team import (
    member_line,
    rotate,
    rotation_order,
    rotation_roles,
    team_rotation,
    unheard_groups,
    voice_summary,
)
from workshop_kit.model.team import Member, RoleRotation

GROUPS = ("Grade 1", "Grade 2", "Special education")
NAMES = ("Ana", "Ben", "Cy", "Dee", "Eve")
ROLES = ("Facilitator", "Timekeeper", "Note-taker")


def member(name: str, represents: str = "") -> Member:
    return Member(name=name, role="Teacher", represents=represents)


class TestWhoseVoiceIsMissing:
    def test_groups_no_member_speaks_for_are_named_in_the_configs_order(self) -> None:
        members = [member("Ana", "Grade 2"), member("Ben")]
        assert unheard_groups(members, GROUPS) == ("Grade 1", "Special education")

    def test_the_same_name_written_differently_still_speaks_for_the_group(self) -> None:
        assert unheard_groups([member("Ana", "special-education")], GROUPS) == (
            "Grade 1",
            "Grade 2",
        )

    def test_the_summary_names_the_groups_and_says_what_to_do(self) -> None:
        text = voice_summary([member("Ana", "Grade 1")], GROUPS)
        assert text.startswith("No one on the team speaks for: Grade 2, Special education.")
        assert "hear from them" in text

    def test_a_team_that_speaks_for_everyone_is_told_so(self) -> None:
        members = [member(n, g) for n, g in zip(NAMES[: len(GROUPS)], GROUPS, strict=True)]
        assert voice_summary(members, GROUPS).startswith("Every staff group has someone")

    def test_no_staff_groups_in_the_config_says_nothing(self) -> None:
        assert voice_summary([member("Ana")], ()) == ""

    def test_an_empty_roster_asks_for_members(self) -> None:
        assert voice_summary([], GROUPS).startswith("Add the team's members")

    def test_a_member_line_names_the_group_only_when_there_is_one(self) -> None:
        assert member_line("Ana", "Coach", "Grade 2") == "Ana (Coach, speaks for Grade 2)"
        assert member_line("Ana", "Coach", "") == "Ana (Coach)"


class TestRotation:
    @pytest.mark.parametrize("count", [3, 4, 5, 6])
    def test_over_as_many_meetings_as_members_each_holds_each_role_once(self, count: int) -> None:
        names = [f"M{n}" for n in range(count)]
        rotation = rotate(names, ROLES, count)
        for position, role in enumerate(rotation.roles):
            holders = Counter(row[position] for row in rotation.meetings)
            assert holders == Counter({name: 1 for name in names}), role

    def test_no_one_holds_two_roles_at_a_meeting_when_there_are_enough_members(self) -> None:
        rotation = rotate(NAMES, ROLES, 12)
        assert all(len(set(row)) == len(row) for row in rotation.meetings)
        assert not rotation.doubled

    def test_each_role_passes_to_the_next_member(self) -> None:
        """Whoever kept time at one meeting facilitates at the next."""
        rotation = rotate(NAMES, ROLES, 3)
        assert rotation.meetings[0] == ("Ana", "Ben", "Cy")
        assert rotation.meetings[1][0] == rotation.meetings[0][1]
        assert rotation.meetings[2] == ("Cy", "Dee", "Eve")

    def test_more_roles_than_members_is_flagged(self) -> None:
        rotation = rotate(["Ana", "Ben"], ROLES, 2)
        assert rotation.doubled
        assert len(rotation.meetings) == 2

    def test_no_members_or_no_roles_gives_no_meetings(self) -> None:
        assert rotate([], ROLES, 4).meetings == ()
        assert rotate(NAMES, (), 4).meetings == ()

    def test_the_order_starts_at_the_chosen_member_and_wraps(self) -> None:
        assert rotation_order(NAMES, "dee") == ("Dee", "Eve", "Ana", "Ben", "Cy")

    def test_an_unknown_or_blank_start_is_the_top_of_the_roster(self) -> None:
        assert rotation_order(NAMES, "Zed") == NAMES
        assert rotation_order(NAMES, "") == NAMES

    def test_the_teams_roles_else_every_configured_role(self) -> None:
        assert rotation_roles(RoleRotation(), ROLES) == ROLES
        assert rotation_roles(RoleRotation(roles=("Timekeeper",)), ROLES) == ("Timekeeper",)

    def test_the_teams_rotation_uses_its_start_and_roles(self) -> None:
        chosen = RoleRotation(roles=("Facilitator",), first="Cy")
        rotation = team_rotation([member(n) for n in NAMES], chosen, ROLES, 3)
        assert rotation.meetings == (("Cy",), ("Dee",), ("Eve",))
