"""The ratings chart drawn as HTML bars: order, scale, the disagreement cue, and escaping."""

from __future__ import annotations

import re

from workshop_kit.charts.day1 import ratings_bars_html
from workshop_kit.logic.scoring import CandidateScore, Ranking


def score(cid: str, text: str, team: float | None, members: dict[str, float], low: bool = False):
    return CandidateScore(
        candidate_id=cid,
        text=text,
        team_score=team,
        spread=(max(members.values()) - min(members.values())) if members else None,
        member_scores=members,
        criterion_means={},
        raters=len(members),
        low_consensus=low,
        tied_with=(),
    )


RANKING = Ranking(
    scores=(
        score("writing", "Students <b>write</b> arguments", 3.5, {"Ana": 3.0, "Sam": 4.0}),
        score("math", "Students explain math", 2.5, {"Ana": 1.0, "Sam": 4.0}, low=True),
        score("unrated", "Not rated yet", None, {}),
    ),
    missing=(),
)


def test_bars_follow_the_ranking_and_the_scale() -> None:
    page = ratings_bars_html(RANKING, 1, 4)
    widths = [float(w) for w in re.findall(r"<div style='width:([\d.]+)%", page)]
    assert widths == [round(100 * 2.5 / 3, 1), 50.0]  # 3.5 and 2.5 on a 1 to 4 scale
    assert page.index("arguments") < page.index("Students explain math")
    assert "Not rated yet" not in page
    assert "3.50" in page and "2.50" in page


def test_disagreement_is_shown_by_stripes_and_in_words() -> None:
    page = ratings_bars_html(RANKING, 1, 4)
    rows = page.split("<li ")[1:]
    assert "low consensus" not in rows[0] and "repeating-linear-gradient" not in rows[0]
    assert "· low consensus" in rows[1] and "repeating-linear-gradient" in rows[1]
    # the black line runs from the lowest member (1) to the highest (4): the whole track
    assert "left:0.0%;width:max(100.0%,3px)" in rows[1]


def test_goal_text_is_escaped_and_an_empty_ranking_says_so() -> None:
    page = ratings_bars_html(RANKING, 1, 4)
    assert "<b>write</b>" not in page and "&lt;b&gt;write&lt;/b&gt;" in page
    assert "No complete ratings yet." in ratings_bars_html(Ranking((), ()), 1, 4)
