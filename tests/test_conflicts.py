"""Two versions of a team file side by side after a conflict: the values both changed
differently, named by record and field, in plain words."""

from __future__ import annotations

from workshop_kit.logic.conflicts import EMPTY, NOT_THERE, DifferingValue, plain, side_by_side
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.model.team import Team

COACH = Resource(id="coach", name="Math coach", quadrant="human", holder="Ms Lee")
BUDDIES = Resource(id="buddies", name="Reading buddies", quadrant="relationships")


def inventory(*resources: Resource) -> ResourceInventory:
    return ResourceInventory(resources=resources)


class TestSideBySide:
    def test_only_the_fields_both_changed_differently(self) -> None:
        base = inventory(COACH, BUDDIES)
        theirs = inventory(
            COACH.model_copy(update={"holder": "Mr Park", "description": "Two days a week"}),
            BUDDIES,
        )
        mine = inventory(
            COACH.model_copy(update={"holder": "Ms Diaz", "new_money": True}),
            BUDDIES.model_copy(update={"holder": "Grade 5"}),
        )
        assert side_by_side(base, mine, theirs) == (
            DifferingValue(
                "‘Math coach’ in the resource inventory", "holder", "Mr Park", "Ms Diaz"
            ),
        )

    def test_an_item_they_removed_and_i_changed(self) -> None:
        base = inventory(COACH, BUDDIES)
        theirs = inventory(BUDDIES)
        mine = inventory(COACH.model_copy(update={"holder": "Ms Diaz"}), BUDDIES)
        (row,) = side_by_side(base, mine, theirs)
        assert row.place == "‘Math coach’ in the resource inventory" and row.field == ""
        assert (row.theirs, row.mine) == (NOT_THERE, "Math coach")

    def test_a_plain_field_of_the_document(self) -> None:
        base = Team(name="Lincoln ILT", school="Lincoln")
        theirs = base.model_copy(update={"school": "Lincoln Elementary"})
        mine = base.model_copy(update={"school": "Lincoln Middle"})
        (row,) = side_by_side(base, mine, theirs)
        assert row == DifferingValue(
            base.describe_place(("school",)), "", "Lincoln Elementary", "Lincoln Middle"
        )

    def test_a_members_ratings_name_the_candidate_and_criterion(self) -> None:
        base = GoalWork(candidates=(CandidateGoal(id="attendance", text="Attendance"),))
        theirs = base.with_ratings("Ana Ruiz", {("attendance", "impact"): 2})
        mine = base.with_ratings("Ana Ruiz", {("attendance", "impact"): 4})
        (row,) = side_by_side(base, mine, theirs)
        assert "Ana Ruiz" in row.place and "Attendance" in row.place
        assert (row.field, row.theirs, row.mine) == ("impact", "2", "4")

    def test_when_nothing_conflicts_item_by_item_my_changes_are_shown(self) -> None:
        """Two new resources that merge but cannot both be kept (the model refuses the
        combination): nothing was changed by both, so the side by side shows what I added."""
        base = inventory()
        theirs = inventory(COACH)
        mine = inventory(COACH.model_copy(update={"id": "coach-2"}))
        rows = side_by_side(base, mine, theirs)
        assert rows == (
            DifferingValue("‘Math coach’ in the resource inventory", "", NOT_THERE, "Math coach"),
        )

    def test_the_same_change_on_both_sides_is_not_shown(self) -> None:
        base = inventory(COACH)
        both = inventory(COACH.model_copy(update={"holder": "Mr Park"}))
        assert side_by_side(base, both, both) == ()


class TestPlainValues:
    def test_values_read_as_a_person_reads_them(self) -> None:
        assert plain(True) == "yes" and plain(False) == "no"
        assert plain("") == EMPTY and plain(None) == EMPTY and plain([]) == EMPTY
        assert plain(["a", "b"]) == "a, b" and plain(3) == "3"
        assert plain({"id": "x", "name": "Math coach", "holder": ""}) == "Math coach"
        assert plain({"weekday": "mon", "minutes": 45}) == "weekday: mon; minutes: 45"
