"""Day 1 candidate goals panel: added candidates reach the ratings; removed ones lose theirs."""

from __future__ import annotations

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session


class TestCandidates:
    def test_adding_a_candidate_shows_it_in_the_ratings_grid(self, session: Session) -> None:
        candidates = day1.CandidatesPanel(session)
        ratings = day1.RatingsPanel(session)
        candidates.rows.add_row(
            {"text": "Students <b>talk</b> about texts", "evidence": "Observations"}
        )
        candidates.save_button.click()
        assert candidates.messages.kind == "ok", candidates.messages.text
        work = session.team.load(GoalWork)
        new = work.candidates[-1]
        assert new.text == "Students <b>talk</b> about texts"
        assert any(key[0] == new.id for key in ratings.cells)
        assert "&lt;b&gt;talk&lt;/b&gt;" in ratings.results.value  # typed text is escaped

    def test_removing_a_candidate_removes_its_ratings(self, session: Session) -> None:
        panel = day1.CandidatesPanel(session)
        attendance = next(r for r in panel.rows.rows if r.meta.get("id") == "attendance")
        attendance.remove.click()
        panel.save_button.click()
        work = session.team.load(GoalWork)
        assert "attendance" not in {c.id for c in work.candidates}
        assert all("attendance" not in by for by in work.ratings.values())
