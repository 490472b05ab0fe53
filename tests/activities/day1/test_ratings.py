"""Day 1 ratings panel: a member's ratings are saved, shown, and the ranking updates."""

from __future__ import annotations

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session


class TestRatings:
    def test_a_members_ratings_are_saved_and_the_ranking_updates(self, session: Session) -> None:
        panel = day1.RatingsPanel(session)
        panel.member.value = "Marcus Lee"
        for (candidate, _criterion), cell in panel.cells.items():
            if candidate == "attendance":
                cell.value = 4
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        work = session.team.load(GoalWork)
        assert set(work.ratings["Marcus Lee"]["attendance"].values()) == {4}
        assert "low consensus" in panel.results.value

    def test_a_rebuilt_grid_frees_the_old_one(self, session: Session) -> None:
        """The grid is rebuilt whenever the goal work changes elsewhere (a candidate edited, the
        goal saved); the old inputs must not pile up in the kernel and the page."""
        panel = day1.RatingsPanel(session)
        candidates = day1.CandidatesPanel(session)
        old_cells = list(panel.cells.values())
        old_rows = list(panel.grid.children)
        candidates.rows.rows[0].widgets["text"].value = "Reworded on the candidates panel"
        candidates.save_button.click()
        assert candidates.messages.kind == "ok", candidates.messages.text
        assert all(cell.comm is None for cell in old_cells)
        assert all(row.comm is None for row in old_rows)
        assert all(cell.comm is not None for cell in panel.cells.values())
        layouts = {id(cell.layout) for cell in panel.cells.values()}
        assert len(layouts) == 1 and next(iter(panel.cells.values())).layout.comm is not None

    def test_a_save_that_changes_no_candidate_keeps_the_grid_and_its_choices(
        self, session: Session
    ) -> None:
        """A refresh for a save elsewhere (the goal statement, or other members' ratings merged
        into this member's save) must not drop a score chosen meanwhile: the grid is kept."""
        from workshop_kit.store import Workspace

        panel = day1.RatingsPanel(session)
        panel.member.value = "Marcus Lee"
        cells = dict(panel.cells)
        other = Workspace(session.workspace.root).open_team("demo")
        other.load(GoalWork)
        key = next(iter(cells))
        other.update(GoalWork, lambda g: g.with_ratings("Ana Ruiz", {key: 1}))
        panel.cells[key].value = 3
        panel.save_button.click()  # merged with Ana's save
        assert panel.messages.kind == "ok", panel.messages.text
        assert "another device" in panel.merge_note.text
        assert panel.cells == cells and all(c.comm is not None for c in cells.values())
        last = list(cells)[-1]
        cells[last].value = 2  # chosen just after the save
        day1.GoalPanel(session).save_button.click()  # another panel saves: a refresh here
        assert panel.cells[last] is cells[last] and cells[last].value == 2
        assert session.team.load(GoalWork).score("Ana Ruiz", *key) == 1

    def test_switching_member_shows_their_own_ratings(self, session: Session) -> None:
        panel = day1.RatingsPanel(session)
        work = session.team.load(GoalWork)
        for member in ("Ana Ruiz", "Jenna Kowalski"):
            panel.member.value = member
            shown = {k: c.value for k, c in panel.cells.items()}
            assert shown[("attendance", "instructional")] == work.score(
                member, "attendance", "instructional"
            )
