"""What every Day 2 panel does: rebuild for another team, read the goal without writing it.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.activities.day2.framework import FrameworkPanel
from workshop_kit.activities.day2.insights import InsightsPanel
from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.links import LinksPanel
from workshop_kit.activities.day2.resource_map import MapPanel
from workshop_kit.activities.day2.summary import SummaryPanel
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.session import Session
from workshop_kit.ui.guard import UNEXPECTED

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestEveryPanel:
    def test_switching_team_rebuilds_every_panel(self, session: Session, new_team: Helper) -> None:
        panels = [InventoryPanel(session), MapPanel(session), LinksPanel(session)]
        new_team(session)
        assert panels[0].table.values() == []
        assert "0 resources on the map" in repr(panels[1])
        assert panels[2].checks == {}

    def test_the_goal_is_read_not_written(self, session: Session) -> None:
        before = session.team.file("goal.yaml").read_bytes()
        for cls in (FrameworkPanel, InventoryPanel, LinksPanel, SummaryPanel):
            cls(session)
        assert session.team.file("goal.yaml").read_bytes() == before
        assert session.team.load(GoalWork).success_criteria


FOLLOWERS = [FrameworkPanel, InventoryPanel, MapPanel, InsightsPanel, LinksPanel]


def broken(_panel: object) -> None:
    raise RuntimeError("a bug while redrawing")


class TestFollowingOtherPanels:
    """A panel that updates when another one saves does it in the guarded hook
    ``on_document_saved``: an error there is a plain message on that panel, never an exception
    that reaches the panel that saved (whose save did happen)."""

    @pytest.mark.parametrize("cls", FOLLOWERS)
    def test_an_error_while_following_a_goal_save_is_a_plain_message(
        self, session: Session, monkeypatch: pytest.MonkeyPatch, cls: type[Day2Panel]
    ) -> None:
        follower = cls(session)
        monkeypatch.setattr(cls, "rebuild", broken)
        session.notify_saved(GoalWork, object())  # say, the goal saved on Day 1
        assert follower.messages.kind == "error"
        assert follower.messages.text == UNEXPECTED

    def test_the_saving_panel_still_says_it_saved(
        self, session: Session, monkeypatch: pytest.MonkeyPatch, by_name: Helper
    ) -> None:
        followers = [MapPanel(session), InsightsPanel(session), LinksPanel(session)]
        for cls in (MapPanel, InsightsPanel, LinksPanel):
            monkeypatch.setattr(cls, "rebuild", broken)
        form = InventoryPanel(session)
        form.name.value = "Reading buddies"
        form.quadrant.value = "relationships"
        form.add_button.click()
        assert form.form_message.kind == "ok", form.form_message.text
        assert "Reading buddies" in by_name(session)
        for follower in followers:
            assert follower.messages.text == UNEXPECTED, type(follower).__name__

    def test_panels_follow_saves_of_what_they_show(self, session: Session) -> None:
        """Moving the overrides to the hook keeps what each panel follows."""
        the_map = MapPanel(session)
        session.team.update(ResourceInventory, lambda inv: inv.without("staff-meetings"))
        session.notify_saved(ResourceInventory, object())
        assert "39 resources on the map" in repr(the_map)
