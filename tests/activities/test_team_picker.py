"""The team picker: creating a team switches the open panels; unsafe names are refused."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workshop_kit.activities import day1
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.session import Session

NewTeam = Callable[..., None]


class TestTeamPicker:
    def test_creating_a_team_switches_every_panel(
        self, session: Session, new_team: NewTeam
    ) -> None:
        """Panels built before the switch rebuild from the new team's (empty) files."""
        roster = day1.RosterPanel(session)
        assert len(roster.members.values()) == 5
        new_team(session)
        assert roster.team_name.value == "Lincoln ILT"
        assert [r["name"] for r in roster.members.values()] == [""]

    @pytest.mark.parametrize("name", ["../x", "/etc", "a/../../b", "bad\x00name", "   "])
    def test_unsafe_names_are_refused_next_to_the_field(self, session: Session, name: str) -> None:
        picker = TeamPicker(session)
        before = sorted(p.name for p in session.workspace.root.iterdir())
        picker.new_name.value = name
        picker.create_button.click()
        assert picker.name_message.kind == "error"
        assert "Traceback" not in picker.name_message.value
        assert session.team.slug == "demo"
        assert sorted(p.name for p in session.workspace.root.iterdir()) == before


class TestOnlyTheTeamsThePageHoldsCodesFor:
    """On the pages server a session may open only the teams whose join codes the browser
    holds (``Session.allowed``): the picker lists no other team, opens none and creates none."""

    def test_the_picker_lists_and_opens_only_the_allowed_teams(self, session: Session) -> None:
        ws = session.workspace
        ws.create_team("Lincoln ILT")
        ws.create_team("Oak Team")
        session.allowed = frozenset({"demo", "lincoln-ilt"})
        picker = TeamPicker(session)
        assert sorted(slug for _, slug in picker.choice.options) == ["demo", "lincoln-ilt"]

        picker.choice.options = [*picker.choice.options, ("Oak Team", "oak-team")]
        picker.choice.value = "oak-team"  # as a page whose options were changed would send
        picker.open_button.click()
        assert picker.messages.kind == "error" and "join code" in picker.messages.text
        assert session.team.slug == "demo"

        picker.choice.value = "lincoln-ilt"
        picker.open_button.click()
        assert session.team.slug == "lincoln-ilt"

    def test_a_team_page_cannot_create_a_team(self, session: Session) -> None:
        session.allowed = frozenset({"demo"})
        picker = TeamPicker(session)
        before = session.workspace.team_slugs()
        picker.new_name.value = "Birch"
        picker.create_button.click()
        assert picker.name_message.kind == "error" and "facilitator" in picker.name_message.text
        assert session.workspace.team_slugs() == before

    def test_a_page_without_a_team_does_not_offer_to_create_one(self, session: Session) -> None:
        session.allowed = frozenset({"demo"})
        session.chosen = None
        picker = TeamPicker(session)
        assert picker.messages.kind == "info"
        assert "open it." in picker.messages.text and "create" not in picker.messages.text


class TestIAm:
    def test_a_member_added_to_the_roster_can_say_i_am_and_rate_as_themselves(
        self, session: Session
    ) -> None:
        """A new team's page: the roster is saved, then "I am" offers the new member at once,
        and the private ratings follow whom it names."""
        picker = TeamPicker(session)
        picker.new_name.value = "Cedar ILT"
        picker.create_button.click()
        roster = day1.RosterPanel(session)
        ratings = day1.RatingsPanel(session)
        assert list(ratings.member.options) == []
        roster.members.rows[0].widgets["name"].value = "Rosa Diaz"
        roster.members.rows[0].widgets["role"].value = (
            roster.members.rows[0].widgets["role"].options[1]
        )
        roster.save_button.click()
        assert roster.messages.kind == "ok", roster.messages.text
        assert ("Rosa Diaz", "Rosa Diaz") in list(picker.member.options)
        picker.member.value = "Rosa Diaz"
        assert session.member == "Rosa Diaz"
        assert list(ratings.member.options) == ["Rosa Diaz"]
        assert ratings.member.value == "Rosa Diaz"
