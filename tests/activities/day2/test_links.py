"""The links panel: resources ticked per success criterion.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities.day2.links import LinksPanel
from workshop_kit.session import Session

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestLinks:
    def test_ticks_are_saved_and_shown_again_after_a_restart(
        self,
        session: Session,
        saved_resources: Helper,
        restarted: Helper,
    ) -> None:
        panel = LinksPanel(session)
        panel.chooser.value = "ela-proficiency"
        assert panel.checks["classroom-libraries"].value is True
        panel.checks["classroom-libraries"].value = False
        panel.checks["morning-meeting-routine"].value = True
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        saved = {str(r["id"]): r for r in saved_resources(session)}
        assert saved["morning-meeting-routine"]["success_criteria"] == ["ela-proficiency"]
        assert saved["classroom-libraries"]["success_criteria"] == []
        again = LinksPanel(restarted(session))
        again.chooser.value = "ela-proficiency"
        assert again.checks["morning-meeting-routine"].value is True
        assert again.checks["classroom-libraries"].value is False

    def test_a_criterion_with_nothing_behind_it_is_flagged(self, session: Session) -> None:
        panel = LinksPanel(session)
        panel.chooser.value = "rubric-el"
        for check in panel.checks.values():
            check.value = False
        panel.save_button.click()
        assert "no resources behind it yet" in panel.overview.value
        assert "1 success criterion has no resources" in panel.overview.value

    def test_without_success_criteria_nothing_can_be_linked(
        self,
        session: Session,
        file_bytes: Helper,
        new_team: Helper,
    ) -> None:
        new_team(session)
        panel = LinksPanel(session)
        assert panel.messages.kind == "info" and "Day 1" in panel.messages.text
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert file_bytes(session) is None

    def test_a_save_elsewhere_on_the_page_keeps_the_tick_boxes_and_shows_the_change(
        self, session: Session
    ) -> None:
        """The inventory saved by another panel: the tick boxes already shown stay (recreating
        hundreds of them kept the page busy for seconds), a renamed resource shows its new name,
        and a removed one's tick box is closed."""
        from workshop_kit.model.resources import ResourceInventory

        panel = LinksPanel(session)
        kept = panel.checks["morning-meeting-routine"]
        removed = panel.checks["classroom-libraries"]
        groups_before = panel.check_box.children

        def renamed(inventory: ResourceInventory) -> ResourceInventory:
            resource = inventory.resource("morning-meeting-routine")
            assert resource is not None
            return inventory.with_resource(resource.model_copy(update={"name": "Morning circle"}))

        session.team.update(ResourceInventory, renamed)
        session.notify_saved(ResourceInventory, None)
        assert panel.checks["morning-meeting-routine"] is kept
        assert kept.description == "Morning circle"
        assert panel.check_box.children == groups_before  # same resources in the same groups
        session.team.update(ResourceInventory, lambda inv: inv.without("classroom-libraries"))
        session.notify_saved(ResourceInventory, None)
        assert "classroom-libraries" not in panel.checks
        assert panel.messages.kind != "error", panel.messages.text
        assert removed.comm is None  # closed, not left behind on the page
        assert panel.checks["morning-meeting-routine"] is kept and kept.comm is not None
        shown = [c for box in panel.check_box.children for c in getattr(box, "children", ())]
        assert removed not in shown and kept in shown
