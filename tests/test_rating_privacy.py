"""The rule for private ratings: as whom a device rates, and when it may hold the team's."""

from __future__ import annotations

import pytest

from workshop_kit.logic.rating_privacy import (
    HIDDEN_UNTIL_REVEALED,
    HIDDEN_UNTIL_SAVED,
    SAY_WHO_YOU_ARE,
    Privacy,
    RatingRules,
)
from workshop_kit.model.goal import CandidateGoal, GoalWork

MEMBERS = ("Ana Ruiz", "Marcus Lee", "Priya Shah")
KEY = ("attendance", "impact")


def work(*raters: str, revealed: bool = False) -> GoalWork:
    goal = GoalWork(candidates=(CandidateGoal(id="attendance", text="Attendance"),))
    for member in raters:
        goal = goal.with_ratings(member, {KEY: 3})
    return goal.model_copy(update={"ratings_revealed": revealed})


PRIVATE: tuple[Privacy, ...] = ("until_saved", "until_revealed")


class TestWhomADeviceRatesAs:
    @pytest.mark.parametrize("privacy", PRIVATE)
    def test_in_private_modes_only_the_member_at_the_device(self, privacy: Privacy) -> None:
        rules = RatingRules.of(privacy, MEMBERS, "Marcus Lee")
        assert rules.raters() == ("Marcus Lee",)
        assert rules.may_rate_as("Marcus Lee") and not rules.may_rate_as("Ana Ruiz")
        assert rules.rater("Ana Ruiz") == "Marcus Lee"  # a choice left from before goes
        assert rules.cannot_rate_because() == ""

    @pytest.mark.parametrize("privacy", PRIVATE)
    def test_nobody_at_the_device_rates_as_nobody(self, privacy: Privacy) -> None:
        for at_device in ("", "Someone not on the roster"):
            rules = RatingRules.of(privacy, MEMBERS, at_device)
            assert rules.raters() == () and rules.rater("Ana Ruiz") == ""
            assert not rules.may_rate_as(at_device)
            assert rules.cannot_rate_because() == SAY_WHO_YOU_ARE

    def test_at_one_screen_anyone_on_the_roster(self) -> None:
        rules = RatingRules.of("open", MEMBERS, "")
        assert rules.raters() == MEMBERS
        assert rules.rater("") == "" and rules.rater("Priya Shah") == "Priya Shah"
        assert not rules.may_rate_as("Someone not on the roster") and not rules.may_rate_as("")
        assert RatingRules.of("open", MEMBERS, "Ana Ruiz").rater("") == "Ana Ruiz"
        assert rules.cannot_rate_because() == ""


class TestWhatADeviceMayHold:
    def test_until_saved_the_team_appears_once_the_member_at_the_device_has_rated(self) -> None:
        rules = RatingRules.of("until_saved", MEMBERS, "Marcus Lee")
        assert rules.team_hidden_because(work("Ana Ruiz", "Priya Shah")) == HIDDEN_UNTIL_SAVED
        assert rules.team_hidden_because(work("Ana Ruiz", "Marcus Lee")) == ""
        nobody = RatingRules.of("until_saved", MEMBERS, "")
        assert nobody.team_hidden_because(work(*MEMBERS)) == HIDDEN_UNTIL_SAVED

    def test_until_revealed_only_the_reveal_shows_it(self) -> None:
        rules = RatingRules.of("until_revealed", MEMBERS, "Marcus Lee")
        assert rules.team_hidden_because(work(*MEMBERS)) == HIDDEN_UNTIL_REVEALED
        assert rules.offers_reveal(work(*MEMBERS))
        assert rules.team_hidden_because(work(revealed=True)) == ""
        assert not rules.offers_reveal(work(revealed=True))

    def test_open_hides_nothing_and_offers_no_reveal(self) -> None:
        rules = RatingRules.of("open", MEMBERS, "")
        assert rules.team_hidden_because(work()) == "" and not rules.offers_reveal(work())

    def test_a_members_own_scores_only_where_the_device_rates_as_them(self) -> None:
        saved = work("Ana Ruiz", "Marcus Lee")
        rules = RatingRules.of("until_saved", MEMBERS, "Marcus Lee")
        assert rules.own_scores(saved, "Marcus Lee") == {KEY: 3}
        assert rules.own_scores(saved, "Ana Ruiz") == {}
        assert RatingRules.of("open", MEMBERS, "").own_scores(saved, "Ana Ruiz") == {KEY: 3}
