"""Day 1 goal work: candidate goals, every member's ratings, the goal statement and its measures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, ClassVar

from pydantic import Field, StringConstraints, ValidationInfo, field_validator, model_validator

from workshop_kit.model.base import BoundedDate, Document, Record, Upgrade, unique_ids
from workshop_kit.model.names import ID_MAX
from workshop_kit.model.team import NAME_MAX

TEXT_MAX = 500
ID_PATTERN = r"^[a-z0-9-]+$"


class CandidateGoal(Record):
    """A school-wide instructional goal the team is considering. ``id`` never changes once given."""

    id: str = Field(min_length=1, max_length=ID_MAX, pattern=ID_PATTERN)
    text: str = Field(min_length=1, max_length=TEXT_MAX, title="Candidate goal")
    evidence: str = Field(default="", max_length=TEXT_MAX, title="Evidence behind it")


#: a key of the ratings: bounded like the name or id it is, so a hand-edited or hostile key
#: cannot make a file the kit then refuses to read
_MemberKey = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]
_IdKey = Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX)]
# member name -> candidate id -> criterion id -> score
Ratings = dict[_MemberKey, dict[_IdKey, dict[_IdKey, int]]]


class SuccessCriterion(Record):
    """A measurable sign of success: what is measured, from what baseline, to what target, when."""

    id: str = Field(min_length=1, max_length=ID_MAX, pattern=ID_PATTERN)
    measure: str = Field(min_length=1, max_length=TEXT_MAX, title="Measure")
    baseline: float = Field(allow_inf_nan=False, title="Baseline")
    target: float = Field(allow_inf_nan=False, title="Target")
    unit: str = Field(default="%", max_length=20, title="Unit")
    by: BoundedDate = Field(title="By")

    @field_validator("target")
    @classmethod
    def _target_moves(cls, target: float, info: ValidationInfo) -> float:
        if target == info.data.get("baseline"):
            raise ValueError("needs a target different from its baseline")
        return target


class EvidenceNote(Record):
    """What the team noticed in one view of its evidence, kept apart from what might explain
    it: first what the data shows, then (separately, and later) why."""

    id: str = Field(min_length=1, max_length=ID_MAX, pattern=ID_PATTERN)
    looked_at: str = Field(default="", max_length=TEXT_MAX, title="What we looked at")
    notice: str = Field(min_length=1, max_length=TEXT_MAX, title="What we notice")
    explanation: str = Field(default="", max_length=TEXT_MAX, title="What might explain it")


class GoalStatement(Record):
    """The builder's parts and the statement the team wrote from them."""

    # the builder's parts, in the order a team fills them in: title is the label, description
    # the hint shown in the empty field
    what: str = Field(
        default="",
        max_length=TEXT_MAX,
        title="What will improve",
        description="the skill or practice students will show",
    )
    for_whom: str = Field(
        default="",
        max_length=TEXT_MAX,
        title="For whom",
        description="which students: grades, groups",
    )
    how_much: str = Field(
        default="",
        max_length=TEXT_MAX,
        title="How much",
        description="e.g. at least 60% of students",
    )
    by_when: str = Field(
        default="", max_length=TEXT_MAX, title="By when", description="e.g. June 2027"
    )
    baseline: str = Field(
        default="",
        max_length=TEXT_MAX,
        title="From what baseline",
        description="e.g. 41% on the September writing task",
    )
    statement: str = Field(default="", max_length=2 * TEXT_MAX)
    chosen_candidate: str = ""

    PARTS: ClassVar[tuple[str, ...]] = ("what", "for_whom", "how_much", "by_when", "baseline")

    @classmethod
    def parts(cls) -> list[tuple[str, str, str]]:
        """The builder's parts as (field, label, hint)."""
        fields = cls.model_fields
        return [(k, fields[k].title or k, fields[k].description or "") for k in cls.PARTS]


class GoalWork(Document):
    """``goal.yaml``: everything the team does on Day 1 to arrive at one worthy goal."""

    FILE_NAME: ClassVar[str] = "goal.yaml"
    TITLE: ClassVar[str] = "the goal work (candidates, ratings, goal statement)"

    candidates: tuple[CandidateGoal, ...] = Field(default=(), title="the candidate goals")
    ratings: Ratings = Field(default_factory=dict, title="the ratings")
    goal: GoalStatement = Field(default=GoalStatement(), title="the goal statement")
    success_criteria: tuple[SuccessCriterion, ...] = Field(default=(), title="the success criteria")
    #: set by the facilitator when the config keeps ratings hidden until revealed
    ratings_revealed: bool = Field(default=False, title="whether the ratings are revealed")
    #: what the team noticed in its evidence (Day 1), observations apart from explanations
    evidence_notes: tuple[EvidenceNote, ...] = Field(default=(), title="the evidence notes")

    SCHEMA_VERSION: ClassVar[int] = 2
    # 2 adds ratings_revealed (False when absent) and evidence_notes (none when absent):
    # nothing to change in a version 1 file
    UPGRADES: ClassVar[dict[int, Upgrade]] = {1: lambda data: data}

    _unique_candidates = unique_ids("candidates", "candidate goal")
    _unique_criteria = unique_ids("success_criteria", "success criterion")

    @model_validator(mode="after")
    def _ratings_point_at_candidates(self) -> GoalWork:
        known = {c.id for c in self.candidates}
        for member, by_candidate in self.ratings.items():
            for candidate_id in by_candidate:
                if candidate_id not in known:
                    raise ValueError(
                        f"has a rating by {member} for an unknown candidate goal ‘{candidate_id}’"
                    )
        return self

    def describe_place(self, path: tuple[str | int, ...], also: Sequence[Document] = ()) -> str:
        """A rating is named by whose it is and which candidate it rates."""
        if len(path) >= 3 and path[0] == "ratings":
            found = [d.candidate(str(path[2])) for d in (self, *also) if isinstance(d, GoalWork)]
            candidate = next((c for c in found if c is not None), None)
            return f"{path[1]}'s ratings of ‘{candidate.text if candidate else path[2]}’"
        if len(path) == 2 and path[0] == "ratings":
            return f"{path[1]}'s ratings"
        return super().describe_place(path, also)

    def score(self, member: str, candidate_id: str, criterion_id: str) -> int | None:
        return self.ratings.get(member, {}).get(candidate_id, {}).get(criterion_id)

    def with_score(self, member: str, candidate_id: str, criterion_id: str, score: int) -> GoalWork:
        """A copy with one rating set (the document itself stays frozen)."""
        ratings = {m: {c: dict(s) for c, s in by.items()} for m, by in self.ratings.items()}
        ratings.setdefault(member, {}).setdefault(candidate_id, {})[criterion_id] = score
        return self.model_copy(update={"ratings": ratings})

    def candidate(self, candidate_id: str) -> CandidateGoal | None:
        return next((c for c in self.candidates if c.id == candidate_id), None)

    def _with(self, **changes: Any) -> GoalWork:
        """A validated copy with ``changes`` (model_copy alone would skip the validators)."""
        return GoalWork.model_validate({**self.model_dump(), **changes})

    # -- domain edits: each returns a new, validated document --------------------------------

    def with_candidate(self, candidate: CandidateGoal) -> GoalWork:
        """Add ``candidate`` at the end, or replace the saved one with its id (its ratings stay:
        the goal was reworded, not swapped)."""
        if self.candidate(candidate.id) is None:
            return self._with(candidates=[*self.candidates, candidate])
        return self._with(
            candidates=[candidate if c.id == candidate.id else c for c in self.candidates]
        )

    def without_candidate(self, candidate_id: str) -> GoalWork:
        """Remove a candidate with every member's ratings of it; a goal that grew from it no
        longer names it as its chosen candidate."""
        ratings = {
            member: {cid: dict(s) for cid, s in by.items() if cid != candidate_id}
            for member, by in self.ratings.items()
        }
        chosen = self.goal.chosen_candidate
        return self._with(
            candidates=[c for c in self.candidates if c.id != candidate_id],
            ratings={member: by for member, by in ratings.items() if by},
            goal=self.goal.model_copy(
                update={"chosen_candidate": "" if chosen == candidate_id else chosen}
            ),
        )

    def with_candidates(self, candidates: Sequence[CandidateGoal]) -> GoalWork:
        """The candidates as a table lists them, in its order: saved ones not listed are removed
        (with their ratings, see :meth:`without_candidate`), the others added or replaced by
        id."""
        listed = {c.id for c in candidates}
        work = self
        for gone in [c.id for c in self.candidates if c.id not in listed]:
            work = work.without_candidate(gone)
        return work._with(candidates=list(candidates))

    def with_ratings(self, member: str, scores: Mapping[tuple[str, str], int]) -> GoalWork:
        """Set ``member``'s scores, keyed by (candidate id, criterion id). Scores for a candidate
        that is no longer there (removed on another screen meanwhile) are left out; the member's
        other saved scores stay."""
        ratings = {m: {c: dict(s) for c, s in by.items()} for m, by in self.ratings.items()}
        for (candidate_id, criterion_id), score in scores.items():
            if self.candidate(candidate_id) is not None:
                ratings.setdefault(member, {}).setdefault(candidate_id, {})[criterion_id] = score
        return self._with(ratings=ratings)

    def with_evidence_note(self, note: EvidenceNote) -> GoalWork:
        """Add ``note`` at the end (or replace the saved one with its id)."""
        kept = [n for n in self.evidence_notes if n.id != note.id]
        return self._with(evidence_notes=[*kept, note])

    def rating_count(self, candidate_id: str | None = None) -> int:
        """How many scores are saved (for one candidate, or for all)."""
        return sum(
            len(scores)
            for by in self.ratings.values()
            for cid, scores in by.items()
            if candidate_id is None or cid == candidate_id
        )
