"""The support panel: resources ticked per form of leadership support.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop_kit.activities.day2.support import SupportPanel
from workshop_kit.session import Session

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestSupport:
    def test_missing_forms_are_listed_and_tags_saved(
        self, session: Session, saved_resources: Helper
    ) -> None:
        panel = SupportPanel(session)
        assert "Peer networks" in panel.overview.value.split("Missing:")[1]
        panel.chooser.value = "peer_networks"
        panel.checks["teachers-who-already-visit-each-other-s-classrooms"].value = True
        panel.save_button.click()
        saved = {str(r["id"]): r for r in saved_resources(session)}
        assert saved["teachers-who-already-visit-each-other-s-classrooms"]["support_forms"] == [
            "peer_networks"
        ]
        assert "Peer networks" not in panel.overview.value.split("Missing:")[1]
