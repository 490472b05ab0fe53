"""Scoring candidate goals: each member's weighted score, the team's mean, the spread as a consensus
signal, ties and low-consensus flags, and missing ratings listed rather than guessed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_kit.config.day1 import Criterion, load_day1
from workshop_kit.logic.scoring import (
    TIE_TOLERANCE,
    MissingRating,
    rank_candidates,
    weighted_score,
)
from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.model.team import Team
from workshop_kit.store import Workspace

# Two criteria, the second counting three times as much as the first.
A = Criterion(id="a", label="A", description="first", weight=1)
B = Criterion(id="b", label="B", description="second", weight=3)
CRITERIA = (A, B)
MEMBERS = ("Rosa", "Sam")


def work(ratings: dict[str, dict[str, dict[str, int]]], *ids: str) -> GoalWork:
    candidate_ids = ids or ("x", "y", "z")
    return GoalWork(
        candidates=tuple(CandidateGoal(id=i, text=f"Goal {i}") for i in candidate_ids),
        ratings=ratings,
    )


# Rosa: x = (4*1 + 2*3)/4 = 2.5, y = 3.0; Sam: x = (2*1 + 4*3)/4 = 3.5, y = 3.0.
# Team: x = 3.0 (spread 1.0), y = 3.0 (spread 0.0): a tie. Nobody rated z fully.
RATINGS = {
    "Rosa": {"x": {"a": 4, "b": 2}, "y": {"a": 3, "b": 3}, "z": {"a": 1}},
    "Sam": {"x": {"a": 2, "b": 4}, "y": {"a": 3, "b": 3}},
}


def ranked(ratings: dict[str, dict[str, dict[str, int]]] = RATINGS, spread: float = 0.9) -> dict:
    ranking = rank_candidates(work(ratings), MEMBERS, CRITERIA, spread)
    return {s.candidate_id: s for s in ranking.scores}


class TestWeightedScore:
    def test_hand_computed(self) -> None:
        assert weighted_score({"a": 4, "b": 2}, CRITERIA) == pytest.approx(2.5)
        assert weighted_score({"a": 2, "b": 4}, CRITERIA) == pytest.approx(3.5)

    def test_equal_weights_give_the_plain_mean(self) -> None:
        equal = (A, B.model_copy(update={"weight": 1}))
        assert weighted_score({"a": 1, "b": 4}, equal) == pytest.approx(2.5)

    def test_a_partly_rated_candidate_has_no_score(self) -> None:
        """A missing rating is never guessed (nor counted as zero)."""
        assert weighted_score({"a": 4}, CRITERIA) is None

    def test_ratings_of_criteria_no_longer_in_the_config_are_ignored(self) -> None:
        assert weighted_score({"a": 4, "b": 2, "old": 1}, CRITERIA) == pytest.approx(2.5)


class TestRanking:
    def test_team_score_is_the_mean_of_members_weighted_scores(self) -> None:
        x = ranked()["x"]
        assert x.member_scores == {"Rosa": pytest.approx(2.5), "Sam": pytest.approx(3.5)}
        assert x.team_score == pytest.approx(3.0)
        assert x.raters == 2

    def test_spread_is_highest_minus_lowest_member(self) -> None:
        assert ranked()["x"].spread == pytest.approx(1.0)
        assert ranked()["y"].spread == pytest.approx(0.0)

    def test_criterion_means_show_where_members_agree(self) -> None:
        x = ranked()["x"]
        assert x.criterion_means == {"a": pytest.approx(3.0), "b": pytest.approx(3.0)}
        assert ranked()["z"].criterion_means == {"a": pytest.approx(1.0)}

    def test_low_consensus_is_flagged_above_the_threshold(self) -> None:
        assert ranked(spread=0.9)["x"].low_consensus
        assert not ranked(spread=0.9)["y"].low_consensus

    def test_a_spread_equal_to_the_threshold_is_not_flagged(self) -> None:
        assert not ranked(spread=1.0)["x"].low_consensus

    def test_one_rater_is_never_low_consensus(self) -> None:
        only_rosa = {"Rosa": RATINGS["Rosa"]}
        x = ranked(only_rosa, spread=0.1)["x"]
        assert x.spread == 0.0
        assert not x.low_consensus

    def test_equal_team_scores_are_flagged_as_ties(self) -> None:
        scores = ranked()
        assert scores["x"].tied_with == ("y",)
        assert scores["y"].tied_with == ("x",)
        assert scores["z"].tied_with == ()

    def test_scores_closer_than_the_shown_precision_are_ties(self) -> None:
        """At two decimals 3.000 and 3.004 read the same; 3.00 and 3.25 do not."""
        weights = (A.model_copy(update={"weight": 1}), B.model_copy(update={"weight": 249}))
        # Rosa on y: (2*1 + 3*249)/250 = 2.996; x stays (3*1 + 3*249)/250 = 3.0
        ratings = {"Rosa": {"x": {"a": 3, "b": 3}, "y": {"a": 2, "b": 3}}}
        ranking = rank_candidates(work(ratings, "x", "y"), ("Rosa",), weights, 1.0)
        x, y = ranking.scores
        assert abs(x.team_score - y.team_score) < TIE_TOLERANCE  # type: ignore[operator]
        assert x.tied_with == ("y",)
        ratings["Rosa"]["y"] = {"a": 2, "b": 2}
        ranking = rank_candidates(work(ratings, "x", "y"), ("Rosa",), weights, 1.0)
        assert all(s.tied_with == () for s in ranking.scores)

    def test_best_first_ties_by_id_unrated_last(self) -> None:
        ranking = rank_candidates(work(RATINGS), MEMBERS, CRITERIA, 0.9)
        assert [s.candidate_id for s in ranking.scores] == ["x", "y", "z"]
        lower = {**RATINGS, "Sam": {**RATINGS["Sam"], "x": {"a": 1, "b": 1}}}
        ranking = rank_candidates(work(lower), MEMBERS, CRITERIA, 0.9)
        assert [s.candidate_id for s in ranking.scores] == ["y", "x", "z"]

    def test_an_unrated_candidate_has_no_score_and_comes_last(self) -> None:
        z = ranked()["z"]
        assert z.team_score is None
        assert z.spread is None
        assert z.raters == 0
        assert not z.low_consensus

    def test_missing_ratings_are_listed(self) -> None:
        ranking = rank_candidates(work(RATINGS), MEMBERS, CRITERIA, 0.9)
        assert not ranking.complete
        assert set(ranking.missing) == {
            MissingRating("Rosa", "z", "b"),
            MissingRating("Sam", "z", "a"),
            MissingRating("Sam", "z", "b"),
        }

    def test_a_partial_rater_is_left_out_of_the_team_score(self) -> None:
        ratings = {**RATINGS, "Sam": {**RATINGS["Sam"], "x": {"a": 1}}}
        x = ranked(ratings)["x"]
        assert x.member_scores == {"Rosa": pytest.approx(2.5)}
        assert x.team_score == pytest.approx(2.5)
        assert x.raters == 1

    def test_ratings_by_people_no_longer_on_the_team_are_ignored(self) -> None:
        ratings = {**RATINGS, "Former member": {"x": {"a": 1, "b": 1}}}
        assert ranked(ratings)["x"].team_score == pytest.approx(3.0)

    def test_a_member_who_has_not_rated_yet_is_listed_as_missing(self) -> None:
        ranking = rank_candidates(work(RATINGS), (*MEMBERS, "New member"), CRITERIA, 0.9)
        new = [m for m in ranking.missing if m.member == "New member"]
        assert len(new) == 3 * 2, "every candidate on every criterion"
        assert ranking.scores[0].raters == 2

    def test_no_candidates_no_scores(self) -> None:
        ranking = rank_candidates(GoalWork(), MEMBERS, CRITERIA, 1.0)
        assert ranking.scores == ()
        assert ranking.complete


class TestDemoRanking:
    def test_every_demo_member_rated_every_candidate(self, workspace: Workspace) -> None:
        demo = workspace.ensure_demo()
        config = load_day1()
        members = demo.load(Team).member_names
        ranking = rank_candidates(
            demo.load(GoalWork), members, config.criteria, config.low_consensus_spread
        )
        assert ranking.complete
        assert len(ranking.scores) == 4
        assert all(s.raters == len(members) for s in ranking.scores)
        assert ranking.scores[-1].candidate_id == "attendance", "not an instructional goal"
        assert any(s.low_consensus for s in ranking.scores), "the demo shows a disagreement"


scores = st.integers(1, 4)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["Rosa", "Sam", "Lee", "Ada"]),
        st.dictionaries(
            st.sampled_from(["x", "y", "z"]),
            st.fixed_dictionaries({}, optional={"a": scores, "b": scores}),
        ),
    )
)
def test_ranking_properties(ratings: dict[str, dict[str, dict[str, int]]]) -> None:
    """Scores stay on the scale, team scores sit between members' scores, best comes first."""
    members = ("Rosa", "Sam", "Lee", "Ada")
    ranking = rank_candidates(work(ratings), members, CRITERIA, 0.5)
    rated = [s for s in ranking.scores if s.team_score is not None]
    assert ranking.scores[: len(rated)] == tuple(rated), "unrated candidates come last"
    assert [s.team_score for s in rated] == sorted((s.team_score for s in rated), reverse=True)
    for s in rated:
        assert s.team_score is not None and s.spread is not None
        assert 1 <= s.team_score <= 4
        lowest, highest = min(s.member_scores.values()), max(s.member_scores.values())
        assert lowest - 1e-9 <= s.team_score <= highest + 1e-9
        assert s.spread == pytest.approx(highest - lowest)
        assert s.low_consensus == (s.raters > 1 and s.spread > 0.5)
    expected_missing = sum(
        c not in ratings.get(m, {}).get(cand, {})
        for m in members
        for cand in ("x", "y", "z")
        for c in ("a", "b")
    )
    assert len(ranking.missing) == expected_missing
