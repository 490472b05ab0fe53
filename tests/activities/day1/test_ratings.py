"""Day 1 ratings panel: a member's ratings are saved, shown, and the ranking updates; in the
private modes a device rates only as the member at it, and holds none of the team's ratings
until the rule allows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from traitlets import TraitError

from workshop_kit import paths
from workshop_kit.activities import day1
from workshop_kit.config.day1 import load_day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session
from workshop_kit.store import Workspace

SetPrivacy = Callable[[str], None]


@pytest.fixture
def privacy(session: Session) -> SetPrivacy:
    """Set the workspace's ``ratings_privacy`` (the shipped config says ``until_saved``)."""

    def set_to(mode: str) -> None:
        folder = session.workspace.root / "config"
        folder.mkdir(exist_ok=True)
        text = (paths.data_dir() / "config" / "day1.yaml").read_text(encoding="utf-8")
        (folder / "day1.yaml").write_text(
            text.replace("ratings_privacy: until_saved", f"ratings_privacy: {mode}"),
            encoding="utf-8",
        )
        assert load_day1(session.workspace.root).ratings_privacy == mode

    return set_to


def without_ratings_of(session: Session, member: str) -> None:
    """The demo team as it is before ``member`` has rated (the others have)."""
    session.team.load(GoalWork)
    session.team.update(
        GoalWork,
        lambda g: g.model_copy(
            update={"ratings": {m: r for m, r in g.ratings.items() if m != member}}
        ),
    )


class TestRatings:
    def test_a_members_ratings_are_saved_and_the_ranking_updates(self, session: Session) -> None:
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        assert panel.member.value == "Marcus Lee"
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

        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
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

    def test_at_one_screen_switching_member_shows_their_own_ratings(
        self, session: Session, privacy: SetPrivacy
    ) -> None:
        privacy("open")
        panel = day1.RatingsPanel(session)
        work = session.team.load(GoalWork)
        for member in ("Ana Ruiz", "Jenna Kowalski"):
            panel.member.value = member
            shown = {k: c.value for k, c in panel.cells.items()}
            assert shown[("attendance", "instructional")] == work.score(
                member, "attendance", "instructional"
            )


class TestPrivateRatings:
    """``until_saved`` (the shipped config) and ``until_revealed``: what the page holds."""

    def test_a_device_rates_only_as_the_member_at_it(self, session: Session) -> None:
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        work = session.team.load(GoalWork)
        assert list(panel.member.options) == ["Marcus Lee"]
        with pytest.raises(TraitError):
            panel.member.value = "Ana Ruiz"
        shown = {key: cell.value for key, cell in panel.cells.items()}
        assert shown == {key: work.score("Marcus Lee", *key) for key in panel.cells}
        assert shown != {key: work.score("Ana Ruiz", *key) for key in panel.cells}

    def test_nobody_at_the_device_means_nobody_to_rate_as(self, session: Session) -> None:
        panel = day1.RatingsPanel(session)
        assert list(panel.member.options) == [] and panel.member.value is None
        assert all(cell.value is None and cell.disabled for cell in panel.cells.values())
        assert panel.save_button.disabled
        assert "“I am”" in panel.hidden_note.value
        before = session.team.load(GoalWork)
        panel.save_ratings()  # what the disabled button would do
        assert panel.messages.kind == "error" and "“I am”" in panel.messages.text
        assert session.team.load(GoalWork) == before

    def test_before_rating_the_page_holds_none_of_the_teams_ratings(self, session: Session) -> None:
        """Not hidden by styling: the ranking, the chart and the status are empty until the
        member at the device has saved theirs; then they are filled."""
        without_ratings_of(session, "Marcus Lee")
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        assert panel.results.value == "" and panel.chart.value == ""
        assert "once you have saved yours" in panel.hidden_note.value
        assert "hidden" in panel.status() and "top" not in panel.status()
        assert all(cell.value is None for cell in panel.cells.values())
        key = next(iter(panel.cells))
        panel.cells[key].value = 3
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "wk-ranking" in panel.results.value and "Ana Ruiz" not in panel.hidden_note.value
        assert panel.chart.value != "" and panel.hidden_note.value == ""

    def test_another_members_ratings_arriving_stay_off_the_page(self, session: Session) -> None:
        without_ratings_of(session, "Marcus Lee")
        session.member = "Marcus Lee"
        panel = day1.RatingsPanel(session)
        laptop = Workspace(session.workspace.root).open_team("demo")
        laptop.load(GoalWork)
        key = next(iter(panel.cells))
        laptop.update(GoalWork, lambda g: g.with_ratings("Ana Ruiz", {key: 1}), author="Ana Ruiz")
        session.check_for_saves_elsewhere()
        assert panel.results.value == "" and panel.chart.value == ""
        assert panel.arrivals.text == ""
        assert panel.cells[key].value is None

    def test_switching_who_is_at_the_device_switches_the_rater_and_what_is_held(
        self, session: Session
    ) -> None:
        without_ratings_of(session, "Marcus Lee")
        session.member = "Ana Ruiz"
        panel = day1.RatingsPanel(session)
        work = session.team.load(GoalWork)
        assert panel.member.value == "Ana Ruiz" and "wk-ranking" in panel.results.value
        session.member = "Marcus Lee"  # the picker's "I am" sets it
        assert list(panel.member.options) == ["Marcus Lee"]
        assert all(cell.value is None for cell in panel.cells.values())
        assert panel.results.value == "" and panel.chart.value == ""
        session.member = "Ana Ruiz"
        shown = {key: cell.value for key, cell in panel.cells.items()}
        assert shown == {key: work.score("Ana Ruiz", *key) for key in panel.cells}

    def test_until_revealed_even_a_member_who_rated_sees_nothing_of_the_team(
        self, session: Session, privacy: SetPrivacy
    ) -> None:
        privacy("until_revealed")
        session.member = "Ana Ruiz"  # she has rated (the demo team's ratings)
        panel = day1.RatingsPanel(session)
        assert panel.results.value == "" and panel.chart.value == ""
        assert "facilitator" in panel.hidden_note.value
        panel.reveal_button.click()
        assert "wk-ranking" in panel.results.value and panel.chart.value != ""


class TestOpenRatings:
    def test_a_team_at_one_screen_may_rate_for_anyone(
        self, session: Session, privacy: SetPrivacy
    ) -> None:
        privacy("open")
        without_ratings_of(session, "Marcus Lee")
        panel = day1.RatingsPanel(session)
        assert list(panel.member.options) == list(
            m for m in ("Ana Ruiz", "Marcus Lee", "Priya Shah", "Tomás Okafor", "Jenna Kowalski")
        )
        assert "wk-ranking" in panel.results.value  # nobody at the device, nothing hidden
        panel.member.value = "Marcus Lee"
        key = next(iter(panel.cells))
        panel.cells[key].value = 2
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert session.team.load(GoalWork).score("Marcus Lee", *key) == 2
