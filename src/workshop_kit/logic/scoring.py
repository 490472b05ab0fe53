"""Aggregate members' ratings of candidate goals into a ranking the team can discuss.

For each candidate: every member's weighted score (criteria weighted by the facilitator's weights),
the mean of those as the team score, and the spread (highest minus lowest member) as a consensus
signal. Ties and low-consensus candidates are flagged; missing ratings are listed, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from workshop_kit.config.day1 import Criterion
from workshop_kit.model.goal import GoalWork

TIE_TOLERANCE = 0.005  # scores are shown to two decimals; closer than that reads as a tie


@dataclass(frozen=True)
class CandidateScore:
    candidate_id: str
    text: str
    team_score: float | None  # mean of members' weighted scores; None when nobody rated it fully
    spread: float | None  # max - min of members' weighted scores
    member_scores: dict[str, float]
    criterion_means: dict[str, float]
    raters: int
    low_consensus: bool
    tied_with: tuple[str, ...]


@dataclass(frozen=True)
class MissingRating:
    member: str
    candidate_id: str
    criterion_id: str


@dataclass(frozen=True)
class Ranking:
    scores: tuple[CandidateScore, ...]  # best first; unrated candidates last
    missing: tuple[MissingRating, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def weighted_score(by_criterion: dict[str, int], criteria: tuple[Criterion, ...]) -> float | None:
    """One member's weighted mean for one candidate; None unless every criterion is rated."""
    if any(c.id not in by_criterion for c in criteria):
        return None
    total_weight = sum(c.weight for c in criteria)
    return sum(by_criterion[c.id] * c.weight for c in criteria) / total_weight


def rank_candidates(
    work: GoalWork,
    members: tuple[str, ...],
    criteria: tuple[Criterion, ...],
    low_consensus_spread: float,
) -> Ranking:
    missing: list[MissingRating] = []
    partial: list[CandidateScore] = []
    for candidate in work.candidates:
        member_scores: dict[str, float] = {}
        for member in members:
            given = work.ratings.get(member, {}).get(candidate.id, {})
            missing.extend(
                MissingRating(member, candidate.id, c.id) for c in criteria if c.id not in given
            )
            score = weighted_score(given, criteria)
            if score is not None:
                member_scores[member] = score
        criterion_means = {}
        for c in criteria:
            values = [
                work.ratings[m][candidate.id][c.id]
                for m in members
                if c.id in work.ratings.get(m, {}).get(candidate.id, {})
            ]
            if values:
                criterion_means[c.id] = sum(values) / len(values)
        team = sum(member_scores.values()) / len(member_scores) if member_scores else None
        spread = (
            max(member_scores.values()) - min(member_scores.values()) if member_scores else None
        )
        partial.append(
            CandidateScore(
                candidate_id=candidate.id,
                text=candidate.text,
                team_score=team,
                spread=spread,
                member_scores=member_scores,
                criterion_means=criterion_means,
                raters=len(member_scores),
                low_consensus=spread is not None
                and len(member_scores) > 1
                and spread > low_consensus_spread,
                tied_with=(),
            )
        )
    scored = [s for s in partial if s.team_score is not None]
    with_ties = []
    for s in partial:
        ties = tuple(
            o.candidate_id
            for o in scored
            if o.candidate_id != s.candidate_id
            and s.team_score is not None
            and o.team_score is not None
            and abs(o.team_score - s.team_score) < TIE_TOLERANCE
        )
        with_ties.append(_replace_ties(s, ties))
    ordered = sorted(
        with_ties,
        key=lambda s: (s.team_score is None, -(s.team_score or 0.0), s.candidate_id),
    )
    return Ranking(scores=tuple(ordered), missing=tuple(missing))


def _replace_ties(score: CandidateScore, ties: tuple[str, ...]) -> CandidateScore:
    from dataclasses import replace

    return replace(score, tied_with=ties)
