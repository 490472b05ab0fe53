"""Team (team.yaml) and GoalWork (goal.yaml): what a valid document is, and that any valid document
survives a save and a load through the store unchanged."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from workshop_kit.errors import DamagedFileError, InputError
from workshop_kit.model.base import FIRST_YEAR, LAST_YEAR, Document
from workshop_kit.model.goal import (
    ID_MAX,
    CandidateGoal,
    GoalStatement,
    GoalWork,
    SuccessCriterion,
)
from workshop_kit.model.names import name_key, plain_name
from workshop_kit.model.team import NAME_MAX, NORM_MAX, Member, Team, first_repeat
from workshop_kit.store import Workspace
from workshop_kit.validation import build

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


class TestNamesAsKept:
    def test_a_name_is_kept_as_it_reads(self) -> None:
        """Issue 32: invisible characters and separators made look-alike names differ."""
        member = Member(name="Rosa\u200b  Diaz\u2028\u202e", role="Coach\ufeff")
        assert (member.name, member.role) == ("Rosa Diaz", "Coach")
        assert Team(name="Ｌｉｎｃｏｌｎ ILT").name == "Lincoln ILT"  # full-width letters

    def test_a_name_that_lengthens_when_kept_is_refused_not_saved_too_long(self) -> None:
        """NFKC writes "ﷺ" as 18 letters: the limit applies to the name as kept, or the file
        would be refused on its next load."""
        with pytest.raises(ValidationError, match="at most 80 characters"):
            Member(name="\ufdfa" * 5, role="Coach")


class TestTeamEdits:
    ROSA, SAM = Member(name="Rosa Diaz", role="Principal"), Member(name="Sam Ode", role="Coach")

    def test_the_same_name_is_the_kits_one_rule(self) -> None:
        """Case, spacing, dashes and accents do not make two names different."""
        assert first_repeat(["Rosa Diaz", "Sam Ode", "rosa-diaz"]) == 2
        assert first_repeat(["José Ruiz", "Jose  Ruiz"]) == 1
        assert first_repeat(["Rosa Diaz", "Rosa Díaz-Ode"]) is None
        with pytest.raises(ValidationError, match="lists ‘ROSA diaz’ twice"):
            Team(members=(self.ROSA, Member(name="ROSA  diaz", role="Coach")))

    def test_with_roster_sets_name_school_and_members(self) -> None:
        team = Team(norms=("We start on time.",))
        changed = team.with_roster("Lincoln ILT", "Lincoln Elementary", [self.ROSA, self.SAM])
        assert changed.name == "Lincoln ILT" and changed.school == "Lincoln Elementary"
        assert changed.members == (self.ROSA, self.SAM)
        assert changed.norms == ("We start on time.",), "the norms are kept"
        assert team.members == (), "the original stays as it was"

    def test_with_roster_names_the_second_member_of_a_repeated_name(self) -> None:
        twin = Member(name="rosa diaz", role="Teacher")
        with pytest.raises(InputError, match="rosa diaz is already on the list") as refused:
            Team().with_roster("", "", [self.ROSA, self.SAM, twin])
        assert refused.value.field == "members → 3rd entry"

    def test_with_roster_reports_a_long_team_name_by_its_field(self) -> None:
        with pytest.raises(InputError) as refused:
            Team().with_roster("x" * (NAME_MAX + 1), "", [])
        assert refused.value.field == "name"

    def test_with_norms(self) -> None:
        team = Team().with_norms(["We start on time.", "We listen."], agreed=True)
        assert team.norms == ("We start on time.", "We listen.") and team.norms_agreed
        assert team.with_norms([], agreed=False).norms == ()

    def test_norms_cannot_be_agreed_before_there_are_any(self) -> None:
        with pytest.raises(InputError, match="at least one norm") as refused:
            Team().with_norms([], agreed=True)
        assert refused.value.field == "norms_agreed"

    def test_suggested_norms_are_added_once(self) -> None:
        norms, added = Team.norms_with_suggestions(
            ["We start on time.", "Phones away."],
            ["WE START  on time.", "We listen.", "Phones away."],
        )
        assert norms == ("We start on time.", "Phones away.", "We listen.")
        assert added == 1


class TestWhomMembersSpeakFor:
    def test_a_version_1_team_file_without_the_new_fields_still_reads(self) -> None:
        """Members get a blank "speaks for", and the rotation falls back to the config's."""
        with tempfile.TemporaryDirectory() as tmp:
            book = Workspace(Path(tmp)).create_team("Old ILT")
            book.path_of(Team).write_text(
                "schema_version: 1\nrevision: 1\nname: Old\n"
                "members:\n- {name: Rosa, role: Coach}\nnorms: []\n",
                encoding="utf-8",
            )
            team = book.load(Team)
        assert team.members[0].represents == ""
        assert team.rotation.roles == () and team.rotation.first == ""

    def test_the_rotation_needs_a_role_and_someone_on_the_roster(self) -> None:
        team = Team(members=(Member(name="Rosa", role="Coach"),))
        with pytest.raises(InputError, match="at least one role"):
            team.with_rotation([], "")
        with pytest.raises(InputError, match="listed twice"):
            team.with_rotation(["Timekeeper", "timekeeper"], "")
        with pytest.raises(InputError, match="Sam is not on the roster"):
            team.with_rotation(["Timekeeper"], "Sam")
        assert team.with_rotation(["Timekeeper"], "rosa").rotation.first == "rosa"

    def test_removing_who_starts_the_rotation_starts_it_from_the_top(self) -> None:
        team = Team(
            members=(Member(name="Rosa", role="Coach"), Member(name="Sam", role="Teacher"))
        ).with_rotation(["Facilitator"], "Sam")
        kept = team.with_roster("ILT", "", [Member(name="Rosa", role="Coach")])
        assert kept.rotation.first == "" and kept.rotation.roles == ("Facilitator",)
        still = team.with_roster("ILT", "", list(team.members))
        assert still.rotation.first == "Sam"


class TestGoalWorkEdits:
    RATED = GoalWork(
        candidates=TWO,
        ratings={
            "Rosa": {"writing": {"measurable": 2, "specific": 3}, "math": {"measurable": 4}},
            "Sam": {"math": {"specific": 1}},
        },
        goal=GoalStatement(chosen_candidate="math", what="justify"),
    )

    def test_with_candidate_adds_a_new_one_at_the_end(self) -> None:
        new = CandidateGoal(id="attendance", text="Students come to school every day.")
        work = self.RATED.with_candidate(new)
        assert [c.id for c in work.candidates] == ["writing", "math", "attendance"]
        assert [c.id for c in self.RATED.candidates] == ["writing", "math"]

    def test_with_candidate_replaces_by_id_and_keeps_its_ratings(self) -> None:
        reworded = CandidateGoal(id="math", text="Students justify every step.", evidence="Audit")
        work = self.RATED.with_candidate(reworded)
        assert work.candidates == (TWO[0], reworded)
        assert work.ratings == self.RATED.ratings
        assert work.goal.chosen_candidate == "math"

    def test_without_candidate_drops_its_ratings_and_the_choice_of_it(self) -> None:
        work = self.RATED.without_candidate("math")
        assert [c.id for c in work.candidates] == ["writing"]
        assert work.ratings == {"Rosa": {"writing": {"measurable": 2, "specific": 3}}}
        assert work.goal.chosen_candidate == "" and work.goal.what == "justify"
        assert self.RATED.rating_count("math") == 2, "the original stays as it was"

    def test_without_another_candidate_keeps_the_choice(self) -> None:
        work = self.RATED.without_candidate("writing")
        assert work.goal.chosen_candidate == "math"
        assert work.rating_count() == 2

    def test_with_candidates_follows_the_table(self) -> None:
        new = CandidateGoal(id="attendance", text="Students come to school every day.")
        work = self.RATED.with_candidates([new, TWO[0]])
        assert [c.id for c in work.candidates] == ["attendance", "writing"]
        assert set(work.ratings) == {"Rosa"} and set(work.ratings["Rosa"]) == {"writing"}
        assert work.goal.chosen_candidate == ""

    def test_with_ratings_sets_a_members_scores(self) -> None:
        work = self.RATED.with_ratings(
            "Sam", {("writing", "measurable"): 4, ("attendance", "measurable"): 1}
        )
        assert work.score("Sam", "writing", "measurable") == 4
        assert work.score("Sam", "math", "specific") == 1, "other scores stay"
        assert "attendance" not in work.ratings["Sam"], "a candidate no longer there is skipped"
        assert work.ratings["Rosa"] == self.RATED.ratings["Rosa"]
        assert self.RATED.score("Sam", "writing", "measurable") is None

    def test_rating_count(self) -> None:
        assert self.RATED.rating_count() == 4
        assert self.RATED.rating_count("writing") == 2
        assert GoalWork().rating_count() == 0


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

    # ids are as long as the kit's new_id makes them (ID_MAX), as on Days 2 and 3
    @pytest.mark.parametrize(
        "bad_id", ["Writing", "with space", "", "x" * (ID_MAX + 1), "under_score"]
    )
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

    @pytest.mark.parametrize(
        "ratings",
        [
            {"R" * 10_000: {"writing": {"measurable": 3}}},
            {"Rosa": {"writing": {"m" * 10_000: 3}}},
            {"": {"writing": {"measurable": 3}}},
        ],
        ids=["member", "criterion", "empty-member"],
    )
    def test_a_rating_key_is_bounded_like_the_name_it_is(
        self, ratings: dict[str, dict[str, dict[str, int]]]
    ) -> None:
        """Issue 32: a 10 MB key saved, then every load refused the file as too large."""
        with pytest.raises(ValidationError, match="ratings"):
            GoalWork(candidates=TWO, ratings=ratings)


class TestSuccessCriterion:
    def test_a_target_equal_to_the_baseline_is_refused(self) -> None:
        """A measure that is not meant to move is not a sign of success."""
        with pytest.raises(ValidationError, match="target different from its baseline"):
            criterion(baseline=41, target=41.0)

    def test_a_target_equal_to_the_baseline_is_an_error_of_the_target(self) -> None:
        """So a form can show it next to the target."""
        with pytest.raises(InputError) as refused:
            build(SuccessCriterion, {**criterion().model_dump(), "target": 41})
        assert refused.value.field == "target"

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
# names are one line: anything but control characters (line breaks among them)
one_line = st.characters(exclude_categories=("Cc", "Cs"))
# ... and kept as plain_name writes them: one that is all invisible characters is no name
names = st.text(one_line, min_size=1, max_size=NAME_MAX).filter(
    lambda s: 0 < len(plain_name(s)) <= NAME_MAX
)
slugs = st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True)


def kept_within(most: int) -> Callable[[str], bool]:
    """A one-line text still within its limit once kept (NFKC can lengthen it)."""
    return lambda s: len(plain_name(s)) <= most


@st.composite
def teams(draw: st.DrawFn) -> Team:
    member_names = draw(st.lists(names, max_size=6, unique_by=name_key))
    members = tuple(Member(name=n, role=draw(names)) for n in member_names)
    norms = draw(st.lists(st.text(min_size=1, max_size=NORM_MAX).filter(lambda s: s.strip())))
    return Team(
        name=draw(st.text(one_line, max_size=NAME_MAX).filter(kept_within(NAME_MAX))),
        school=draw(st.text(one_line, max_size=60).filter(kept_within(120))),
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
        by=draw(st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31))),
    )


@st.composite
def goal_works(draw: st.DrawFn) -> GoalWork:
    ids = draw(st.lists(slugs, max_size=5, unique=True))
    candidates = tuple(CandidateGoal(id=i, text=draw(names), evidence=draw(texts)) for i in ids)
    ratings = draw(
        st.dictionaries(
            st.text(min_size=1, max_size=20).filter(str.strip),
            st.dictionaries(
                st.sampled_from(ids) if ids else st.nothing(),
                st.dictionaries(
                    st.text(min_size=1, max_size=20).filter(str.strip),
                    st.integers(-5, 10),
                    max_size=4,
                ),
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


class TestOneLineNames:
    @pytest.mark.parametrize("name", ["Lincoln\nILT", "Lincoln\rILT", "Lincoln\x00ILT", "A\x1bB"])
    def test_a_team_or_member_name_with_a_line_break_is_refused(self, name: str) -> None:
        """A name goes into file names, calendar names and headings: it must be one line."""
        with pytest.raises(ValidationError, match="must be one line"):
            Team(name=name)
        with pytest.raises(ValidationError, match="must be one line"):
            Member(name=name, role="Principal")
        assert Team(name="Lincoln ILT – Équipe 3").name == "Lincoln ILT – Équipe 3"
