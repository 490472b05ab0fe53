"""Team (team.yaml) and GoalWork (goal.yaml): what a valid document is, and that any valid document
survives a save and a load through the store unchanged."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from workshop_kit.errors import DamagedFileError
from workshop_kit.model.base import Document
from workshop_kit.model.goal import (
    CandidateGoal,
    GoalStatement,
    GoalWork,
    SuccessCriterion,
)
from workshop_kit.model.team import NAME_MAX, NORM_MAX, Member, Team
from workshop_kit.store import Workspace

TWO = (
    CandidateGoal(id="writing", text="Students explain their reasoning in writing."),
    CandidateGoal(id="math", text="Students justify multi-step word problems."),
)


def criterion(**changes: object) -> SuccessCriterion:
    values: dict[str, object] = {
        "id": "rubric-all",
        "measure": "Students scoring 3+ on the writing rubric",
        "baseline": 41,
        "target": 60,
        "by": "2027-06-11",
    }
    return SuccessCriterion.model_validate({**values, **changes})


class TestTeam:
    def test_a_team_with_members_and_norms(self) -> None:
        team = Team(
            name=" Lincoln ILT ",
            members=(
                Member(name="Rosa Diaz", role="Principal"),
                Member(name="Sam Ode", role="Coach"),
            ),
            norms=("  We start on time. ",),
        )
        assert team.name == "Lincoln ILT", "surrounding spaces are not part of a name"
        assert team.member_names == ("Rosa Diaz", "Sam Ode")
        assert team.norms == ("We start on time.",)

    def test_the_same_member_twice_is_refused(self) -> None:
        """Ratings are kept per member name, so two members cannot share one (case aside)."""
        with pytest.raises(ValidationError, match="lists ‘rosa diaz’ twice"):
            Team(
                members=(
                    Member(name="Rosa Diaz", role="Principal"),
                    Member(name="rosa diaz", role="Coach"),
                )
            )

    @pytest.mark.parametrize("norm", ["", "   "])
    def test_an_empty_norm_is_refused(self, norm: str) -> None:
        with pytest.raises(ValidationError, match="empty norm"):
            Team(norms=("We start on time.", norm))

    def test_an_overlong_norm_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=f"longer than {NORM_MAX}"):
            Team(norms=("x" * (NORM_MAX + 1),))

    @pytest.mark.parametrize("field", ["name", "role"])
    def test_a_member_needs_a_name_and_a_role(self, field: str) -> None:
        values = {"name": "Rosa Diaz", "role": "Principal", field: "  "}
        with pytest.raises(ValidationError):
            Member.model_validate(values)

    def test_a_member_name_has_a_length_limit(self) -> None:
        with pytest.raises(ValidationError):
            Member(name="x" * (NAME_MAX + 1), role="Teacher")

    def test_unknown_fields_are_refused(self) -> None:
        """A typo in a hand-edited file is caught instead of silently dropped."""
        with pytest.raises(ValidationError, match="extra"):
            Team.model_validate({"name": "x", "memebers": []})

    def test_documents_are_frozen(self) -> None:
        team = Team(name="Lincoln ILT")
        with pytest.raises(ValidationError):
            team.name = "Other"  # type: ignore[misc]


class TestGoalWork:
    def test_ratings_for_an_unknown_candidate_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="unknown candidate goal ‘attendance’"):
            GoalWork(candidates=TWO, ratings={"Rosa": {"attendance": {"measurable": 3}}})

    def test_two_candidates_with_one_id_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="‘writing’ for more than one candidate goal"):
            GoalWork(candidates=(TWO[0], TWO[0]))

    def test_two_success_criteria_with_one_id_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="more than one success criterion"):
            GoalWork(success_criteria=(criterion(), criterion(target=70)))

    @pytest.mark.parametrize("bad_id", ["Writing", "with space", "", "x" * 41, "under_score"])
    def test_candidate_ids_are_plain_slugs(self, bad_id: str) -> None:
        with pytest.raises(ValidationError):
            CandidateGoal(id=bad_id, text="A goal.")

    def test_with_score_sets_one_rating_and_leaves_the_original_alone(self) -> None:
        work = GoalWork(candidates=TWO, ratings={"Rosa": {"writing": {"measurable": 2}}})
        changed = work.with_score("Rosa", "writing", "measurable", 4).with_score(
            "Sam", "math", "specific", 1
        )
        assert changed.score("Rosa", "writing", "measurable") == 4
        assert changed.score("Sam", "math", "specific") == 1
        assert work.score("Rosa", "writing", "measurable") == 2
        assert work.score("Sam", "math", "specific") is None
        assert "Sam" not in work.ratings

    def test_a_missing_score_is_none(self) -> None:
        assert GoalWork(candidates=TWO).score("Rosa", "writing", "measurable") is None

    def test_candidate_lookup(self) -> None:
        work = GoalWork(candidates=TWO)
        assert work.candidate("math") == TWO[1]
        assert work.candidate("attendance") is None


class TestSuccessCriterion:
    def test_a_target_equal_to_the_baseline_is_refused(self) -> None:
        """A measure that is not meant to move is not a sign of success."""
        with pytest.raises(ValidationError, match="target different from its baseline"):
            criterion(baseline=41, target=41.0)

    def test_a_target_may_go_down(self) -> None:
        """Some measures improve by falling (e.g. the share of students below basic)."""
        assert criterion(baseline=30, target=20).target == 20

    def test_the_date_is_a_real_date(self) -> None:
        assert criterion().by == dt.date(2027, 6, 11)
        with pytest.raises(ValidationError):
            criterion(by="next June")

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
    def test_a_baseline_or_target_must_be_a_real_number(self, value: float) -> None:
        with pytest.raises(ValidationError):
            criterion(baseline=value)
        with pytest.raises(ValidationError):
            criterion(target=value)

    def test_a_hand_edited_infinite_target_is_reported_plainly(self, workspace: Workspace) -> None:
        demo = workspace.ensure_demo()
        path = demo.path_of(GoalWork)
        path.write_text(
            path.read_text(encoding="utf-8").replace("target: 60.0", "target: .inf"),
            encoding="utf-8",
        )
        with pytest.raises(DamagedFileError) as damaged:
            Workspace(workspace.root).open_team("demo").load(GoalWork)
        assert "‘success_criteria → 1st entry → target’ must be a number" in damaged.value.message


# -- round trip through the store ----------------------------------------------------------

# Anything a person could type, including quotes, colons, YAML keywords, emoji and accents.
texts = st.text(max_size=60)
names = st.text(min_size=1, max_size=NAME_MAX).filter(lambda s: s.strip())
slugs = st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True)


@st.composite
def teams(draw: st.DrawFn) -> Team:
    member_names = draw(st.lists(names, max_size=6, unique_by=lambda s: s.strip().casefold()))
    members = tuple(Member(name=n, role=draw(names)) for n in member_names)
    norms = draw(st.lists(st.text(min_size=1, max_size=NORM_MAX).filter(lambda s: s.strip())))
    return Team(
        name=draw(st.text(max_size=NAME_MAX)),
        school=draw(texts),
        members=members,
        norms=tuple(norms),
        norms_agreed=draw(st.booleans()),
    )


finite = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def success_criteria(draw: st.DrawFn, criterion_id: str) -> SuccessCriterion:
    baseline = draw(finite)
    target = draw(finite.filter(lambda t: t != baseline))
    return SuccessCriterion(
        id=criterion_id,
        measure=draw(names),
        baseline=baseline,
        target=target,
        unit=draw(st.text(max_size=20)),
        by=draw(st.dates()),
    )


@st.composite
def goal_works(draw: st.DrawFn) -> GoalWork:
    ids = draw(st.lists(slugs, max_size=5, unique=True))
    candidates = tuple(CandidateGoal(id=i, text=draw(names), evidence=draw(texts)) for i in ids)
    ratings = draw(
        st.dictionaries(
            st.text(max_size=20),
            st.dictionaries(
                st.sampled_from(ids) if ids else st.nothing(),
                st.dictionaries(st.text(max_size=20), st.integers(-5, 10), max_size=4),
                max_size=len(ids),
            ),
            max_size=4,
        )
    )
    criterion_ids = draw(st.lists(slugs, max_size=3, unique=True))
    return GoalWork(
        candidates=candidates,
        ratings=ratings,
        goal=GoalStatement(
            what=draw(texts),
            for_whom=draw(texts),
            how_much=draw(texts),
            by_when=draw(texts),
            baseline=draw(texts),
            statement=draw(texts),
            chosen_candidate=draw(st.sampled_from(ids)) if ids else "",
        ),
        success_criteria=tuple(draw(success_criteria(i)) for i in criterion_ids),
    )


def round_trip(doc: Document) -> Document:
    """Save ``doc`` in a fresh workbook and read it back as another laptop would."""
    with tempfile.TemporaryDirectory() as folder:
        book = Workspace(Path(folder)).create_team("Round trip")
        book.load(type(doc))
        book.save(doc)
        return Workspace(Path(folder)).open_team("Round trip").load(type(doc))


ROUND_TRIP = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestRoundTrip:
    @ROUND_TRIP
    @given(teams())
    def test_any_valid_team_comes_back_equal(self, team: Team) -> None:
        assert round_trip(team) == team

    @ROUND_TRIP
    @given(goal_works())
    def test_any_valid_goal_work_comes_back_equal(self, work: GoalWork) -> None:
        assert round_trip(work) == work

    def test_an_empty_document_comes_back_equal(self) -> None:
        assert round_trip(GoalWork()) == GoalWork()
        assert round_trip(Team()) == Team()
