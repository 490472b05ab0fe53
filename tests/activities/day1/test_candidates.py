"""Day 1 candidate goals panel: added candidates reach the ratings; removed ones lose theirs."""

from __future__ import annotations

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session


class TestCandidates:
    def test_adding_a_candidate_shows_it_in_the_ratings_grid(self, session: Session) -> None:
        session.member = "Ana Ruiz"  # she has rated: the team's ranking is on her page
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

    def test_a_new_candidate_gets_an_id_from_its_text(self, session: Session) -> None:
        panel = day1.CandidatesPanel(session)
        panel.rows.add_row({"text": "Students read grade-level texts fluently by grade 3"})
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        work = session.team.load(GoalWork)
        assert work.candidates[-1].id == "students-read-grade-level-texts-fluently-by-grade-3"
        assert [c.id for c in work.candidates][:4] == [
            "writing-reasoning",
            "math-word-problems",
            "attendance",
            "academic-vocabulary",
        ], "saved ids never change"

    def test_a_candidate_removed_and_typed_again_does_not_inherit_its_ratings(
        self, session: Session
    ) -> None:
        """Removing 'attendance' and adding a new goal whose id would be 'attendance' in the same
        save: the new goal gets its own id, and the removed goal's ratings are gone."""
        panel = day1.CandidatesPanel(session)
        attendance = next(r for r in panel.rows.rows if r.meta.get("id") == "attendance")
        attendance.remove.click()
        panel.rows.add_row({"text": "Attendance"})
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "Removed the ratings of" in panel.messages.text
        work = session.team.load(GoalWork)
        assert work.candidates[-1].id == "attendance-2"
        assert work.rating_count("attendance-2") == 0
        assert work.candidate("attendance") is None

    def test_evidence_without_a_goal_is_refused_on_its_row(self, session: Session) -> None:
        panel = day1.CandidatesPanel(session)
        before = session.team.file("goal.yaml").read_bytes()
        panel.rows.add_row({"text": "", "evidence": "Fluency checks"})
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Write the goal itself" in panel.rows.row_error(-1)
        assert session.team.file("goal.yaml").read_bytes() == before

    def test_candidates_added_one_after_another_are_all_kept(self, session: Session) -> None:
        """The table never turns an add into a change: each new row is its own candidate."""
        panel = day1.CandidatesPanel(session)
        texts = [f"Students in grade {n} write every day" for n in range(3, 6)]
        for text in texts:
            panel.rows.add_button.click()
            panel.rows.rows[-1].widgets["text"].value = text
            panel.save_button.click()
            assert panel.messages.kind == "ok", panel.messages.text
        work = session.team.load(GoalWork)
        assert [c.text for c in work.candidates][-3:] == texts
        assert len({c.id for c in work.candidates}) == len(work.candidates) == 7


def test_pasted_candidates_become_rows(session: Session) -> None:
    panel = day1.CandidatesPanel(session)
    before = len(panel.rows.values())
    panel.paste.open_button.click()
    panel.paste.text.value = (
        "Candidate goal\tEvidence\n"
        "Students write arguments with evidence\t49% met the writing standard\n"
        "Students explain their math reasoning\tOpen-response items were weakest\n"
    )
    panel.paste.preview_button.click()
    panel.paste.add_button.click()
    texts = [r["text"] for r in panel.rows.values()]
    assert texts[before:] == [
        "Students write arguments with evidence",
        "Students explain their math reasoning",
    ]
    panel.save_button.click()
    assert panel.messages.kind == "ok", panel.messages.text
