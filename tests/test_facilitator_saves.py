"""What the facilitator does as a team is recorded in that team's history (issue 27).

The facilitator's pages (the hub's facilitator account, or the facilitator's join code) open
every team's pages. A save made there is marked in the saved file as the facilitator's, so the
team sees it in its history (the versions panel, ``workshop-kit history``); a save made from the
team's own pages is not, whatever name is chosen at the device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest
from tests import cli_runs

from workshop_kit import paths
from workshop_kit.activities import day1
from workshop_kit.activities.versions import VersionsPanel
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import SAVED_BY_FACILITATOR, Workspace
from workshop_kit.ui.placeholders import ClosedActivity


def team_session(root: Path, member: str = "", facilitator: bool = False) -> Session:
    """A page of its own on team Oak ILT (its own Workspace objects, as another process)."""
    ws = Workspace(root)
    session = Session(ws, ws.open_team("Oak ILT"))
    session.member = member
    session.facilitator = facilitator
    return session


def save_norms(session: Session, norms: str) -> None:
    panel = day1.NormsPanel(session)
    panel.norms.value = norms
    panel.save_button.click()
    assert panel.messages.kind == "ok", panel.messages.text


def newest(session: Session) -> tuple[str, str]:
    """Who made the newest version of team.yaml in the team's history, and its text."""
    rev = session.team.revisions(Team)[0]
    return rev.saved_by(), rev.path.read_text(encoding="utf-8")


@pytest.fixture
def oak(workspace: Workspace) -> Path:
    workspace.create_team("Oak ILT")
    return workspace.root


class TestTheHistorySaysWhoSaved:
    def test_a_save_from_the_facilitators_page_is_the_facilitators(self, oak: Path) -> None:
        save_norms(team_session(oak, facilitator=True), "Start on time")
        team = team_session(oak, member="Marcus Lee")
        who, text = newest(team)
        assert who == "The facilitator"
        assert SAVED_BY_FACILITATOR in text.splitlines()
        # the team's versions panel lists it as the facilitator's
        labels = [label for label, _ in VersionsPanel((Team, GoalWork), team).version.options]
        assert "by the facilitator (current)" in labels[0], labels
        history = cli_runs.run(oak, "history", "Oak ILT", "team")  # and the command says so
        assert history.stdout.splitlines()[0].endswith("\tsaved by The facilitator")

    def test_a_teams_own_save_is_not_the_facilitators(self, oak: Path) -> None:
        save_norms(team_session(oak, facilitator=True), "Start on time")
        team = team_session(oak, member="Marcus Lee")
        save_norms(team, "Start on time\nEnd on time")
        who, text = newest(team)
        assert who == "Marcus Lee"
        assert SAVED_BY_FACILITATOR not in text
        earlier = team.team.revisions(Team)[1]
        assert earlier.saved_by() == "The facilitator"  # the facilitator's save stays marked

    def test_a_name_chosen_at_a_teams_device_cannot_pass_for_the_facilitator(
        self, oak: Path
    ) -> None:
        """The member's name comes from the page address (``?member=``), so a team can type
        anything there; the facilitator's mark is a line of its own that no name can make."""
        team = team_session(oak, member=f"x\n{SAVED_BY_FACILITATOR}")
        save_norms(team, "Start on time")
        who, text = newest(team)
        assert SAVED_BY_FACILITATOR not in text.splitlines()
        assert not who.startswith("The facilitator")

    def test_the_facilitators_name_at_the_device_is_kept_too(self, oak: Path) -> None:
        save_norms(team_session(oak, member="Dana Cole", facilitator=True), "Start on time")
        assert newest(team_session(oak))[0] == "The facilitator (Dana Cole)"

    def test_a_version_restored_from_the_facilitators_page_is_the_facilitators(
        self, oak: Path
    ) -> None:
        team = team_session(oak, member="Marcus Lee")
        save_norms(team, "One")
        save_norms(team, "Two")
        facilitator = team_session(oak, facilitator=True)
        versions = VersionsPanel((Team, GoalWork), facilitator)
        versions.version.value = [value for _label, value in versions.version.options][1]
        versions.restore_button.click()
        assert versions.messages.kind == "ok", versions.messages.text
        assert newest(team)[0] == "The facilitator"


def _descendants(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


class TestThePagesServerSaysWhoIsThere:
    """The pages server marks a page as the facilitator's exactly when its account is the
    facilitator's (on the hub: the account the pages server runs for)."""

    @pytest.mark.parametrize(
        ("served_for", "is_facilitator"), [("facilitator", True), ("team:oak-ilt", False)]
    )
    def test_on_the_hub_the_facilitators_account_saves_as_the_facilitator(
        self, oak: Path, monkeypatch: pytest.MonkeyPatch, served_for: str, is_facilitator: bool
    ) -> None:
        from workshop_kit.pages import app
        from workshop_kit.pages.access import SERVED_FOR_ENV
        from workshop_kit.pages.site import site_pages

        monkeypatch.setenv(paths.WORKSPACE_ENV, str(oak))
        monkeypatch.setenv(SERVED_FOR_ENV, served_for)
        day1_page = next(p for p in site_pages(paths.notebooks_dir()) if p.address == "day1")
        made = app.build_page(day1_page, "team=oak-ilt", (), lambda _code: None)
        for closed in [w for top in made for w in _descendants(top)]:
            if isinstance(closed, ClosedActivity):
                closed.button.click()  # as a person opens an activity on the page
                if isinstance(closed.panel, day1.NormsPanel):
                    norms = closed.panel
                    break
        else:
            pytest.fail("the Day 1 page has no norms panel")
        norms.norms.value = "Start on time"
        norms.save_button.click()
        assert norms.messages.kind == "ok", norms.messages.text
        who, _text = newest(team_session(oak))
        assert (who == "The facilitator") is is_facilitator
