"""The team follows the person: an app page opens the team its address names, and no team (not
the demo) when it names none; a bad name is a plain message, never a traceback."""

from __future__ import annotations

import pytest

from workshop_kit.activities import day1
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.model.team import Member, Team
from workshop_kit.session import PageAddress, Session
from workshop_kit.store import Workspace
from workshop_kit.ui.placeholders import WaitingForTeam, when_team_chosen


@pytest.fixture
def app_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """No team set for the process (an app page reads its team from its address)."""
    monkeypatch.delenv("WORKSHOP_KIT_TEAM", raising=False)


class TestThePageAddress:
    def test_the_team_and_member_are_read_from_the_query(self) -> None:
        assert PageAddress.parse("team=lincoln-ilt&member=Ana%20Ruiz") == PageAddress(
            "lincoln-ilt", "Ana Ruiz"
        )
        assert PageAddress.parse("") == PageAddress()

    def test_control_characters_and_length_are_cut_away(self) -> None:
        address = PageAddress.parse("team=" + "a%0Ab" + "x" * 200)
        assert "\n" not in address.team and len(address.team) == 80

    def test_an_app_page_opens_the_team_its_address_names(
        self, workspace: Workspace, app_page: None
    ) -> None:
        workspace.create_team("Lincoln ILT")
        session = Session.start(workspace.root, query="team=lincoln-ilt&member=Ana", app_page=True)
        assert session.team.slug == "lincoln-ilt" and session.member == "Ana"

    def test_an_app_page_without_a_team_opens_none_not_the_demo(
        self, workspace: Workspace, app_page: None
    ) -> None:
        session = Session.start(workspace.root, query="", app_page=True)
        assert session.chosen is None and session.address_problem == ""

    def test_jupyterlab_without_a_team_still_opens_the_demo(
        self, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("SERVER_SOFTWARE", raising=False)
        monkeypatch.delenv("WORKSHOP_KIT_TEAM", raising=False)
        assert Session.start(workspace.root, query="").team.slug == "demo"

    @pytest.mark.parametrize(
        ("query", "said"),
        [
            ("team=nobody-here", "There is no team called ‘nobody-here’"),
            ("team=..%2F..%2Fetc", "cannot contain /"),
            ("team=.hidden", "cannot start with a dot"),
        ],
    )
    def test_an_unknown_or_unsafe_team_is_a_plain_message(
        self, workspace: Workspace, app_page: None, query: str, said: str
    ) -> None:
        session = Session.start(workspace.root, query=query, app_page=True)
        assert session.chosen is None
        assert said in session.address_problem and "Choose your team" in session.address_problem
        picker = TeamPicker(session)
        assert picker.messages.kind == "error" and said in picker.messages.text
        assert picker.choice.value is None


class TestPanelsWaitForATeam:
    def test_a_panel_is_built_once_a_team_is_chosen(self, workspace: Workspace) -> None:
        session = Session(workspace, None)
        place = when_team_chosen(session, day1.RosterPanel)
        assert isinstance(place, WaitingForTeam)
        assert "chosen your team" in place.children[0].value
        picker = TeamPicker(session)
        picker.choice.value = "demo"
        picker.open_button.click()
        assert isinstance(place.children[0], day1.RosterPanel)
        assert place.children[0].team.slug == "demo"

    def test_with_a_team_the_panel_is_built_at_once(self, session: Session) -> None:
        assert isinstance(when_team_chosen(session, day1.NormsPanel), day1.NormsPanel)


class TestWhoIsAtThisDevice:
    def test_the_member_chosen_is_noted_in_the_address_marker_and_in_saves(
        self, session: Session
    ) -> None:
        picker = TeamPicker(session)
        picker.member.value = "Marcus Lee"
        assert session.member == "Marcus Lee"
        assert 'data-wk-member="Marcus Lee"' in picker.current.value
        assert 'data-wk-team="demo"' in picker.current.value
        norms = day1.NormsPanel(session)
        norms.save_button.click()
        text = session.team.file("team.yaml").read_text(encoding="utf-8")
        assert "# Last saved by: Marcus Lee" in text

    def test_with_the_facilitators_code_a_save_is_noted_as_the_facilitators(
        self, session: Session
    ) -> None:
        """Issue 27: what the facilitator does in a team's workbook is in the team's history,
        whoever it chose under "I am" (and without choosing anyone)."""
        session.facilitator = True  # as the pages server sets it for the facilitator's code
        norms = day1.NormsPanel(session)
        norms.save_button.click()
        assert session.team.revisions(Team)[0].saved_by() == "the facilitator"
        TeamPicker(session).member.value = "Marcus Lee"
        norms.save_button.click()
        kept = session.team.revisions(Team)[0]
        assert kept.saved_by() == "Marcus Lee, with the facilitator's code"
        text = session.team.file("team.yaml").read_text(encoding="utf-8")
        assert "# Last saved by: Marcus Lee\n# Saved with the facilitator's code\n" in text
        session.facilitator = False  # a team member at the device again
        norms.save_button.click()
        assert session.team.revisions(Team)[0].saved_by() == "Marcus Lee"
        assert kept.saved_by() == "Marcus Lee, with the facilitator's code"  # kept as it was

    def test_a_name_typed_by_a_team_is_escaped_in_the_marker(self, session: Session) -> None:
        odd = 'Ana "<img src=x>"'
        session.team.load(Team)
        session.team.update(
            Team, lambda t: t.with_roster(t.name, t.school, [Member(name=odd, role="Coach")])
        )
        picker = TeamPicker(session)
        picker.member.value = odd
        assert "<img" not in picker.current.value
        assert 'data-wk-member="Ana &quot;&lt;img src=x&gt;&quot;"' in picker.current.value

    def test_the_rater_defaults_to_who_is_at_this_device(self, session: Session) -> None:
        session.member = "Marcus Lee"
        assert day1.RatingsPanel(session).member.value == "Marcus Lee"
