"""The support panel: what the team will ask its district or network for under each of the
five forms of leadership support (supports leaders receive, as in Knapp et al.), from whom,
and who will ask. Driven headlessly, as a team would: set values, click, read the files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from workshop_kit.activities.day2.support import NOBODY, SupportPanel
from workshop_kit.config.day3 import load_day3
from workshop_kit.exports.plan_markdown import to_markdown
from workshop_kit.exports.team_plan import summary_for
from workshop_kit.model.resources import ResourceInventory, SupportRequest
from workshop_kit.session import Session

Helper = Callable[..., Any]


class TestSupport:
    def test_the_demo_asks_for_four_forms_and_names_the_missing_one(self, session: Session) -> None:
        panel = SupportPanel(session)
        assert panel.needs["sponsorship"].value.startswith("The superintendent")
        assert panel.askers["sponsorship"].value == "Ana Ruiz"
        assert "No request yet:</b> Responding to operational needs" in panel.overview.value
        assert repr(panel).endswith("4 of 5 forms requested, no request yet: operational_needs>")

    def test_a_request_is_saved_with_whom_and_who_asks(
        self, session: Session, saved: Helper
    ) -> None:
        panel = SupportPanel(session)
        panel.needs["operational_needs"].value = "One contact for staffing questions"
        panel.whom["operational_needs"].value = "Human resources"
        panel.askers["operational_needs"].value = "Marcus Lee"
        panel.save_button.click()
        requests = saved(session, "resources.yaml")["support_requests"]
        mine = next(r for r in requests if r["form"] == "operational_needs")
        assert mine == {
            "form": "operational_needs",
            "need": "One contact for staffing questions",
            "ask_whom": "Human resources",
            "asker": "Marcus Lee",
        }
        assert "5 of 5" in panel.overview.value

    def test_a_blank_need_removes_the_request(self, session: Session, saved: Helper) -> None:
        panel = SupportPanel(session)
        panel.needs["peer_networks"].value = "  "
        panel.askers["peer_networks"].value = NOBODY
        panel.save_button.click()
        forms = [r["form"] for r in saved(session, "resources.yaml")["support_requests"]]
        assert "peer_networks" not in forms and len(forms) == 3

    def test_the_plan_carries_the_requests(self, session: Session) -> None:
        text = to_markdown(summary_for(session.team, load_day3()))
        section = text.split("## Support we will ask for")[1]
        assert "Sponsoring and legitimising the work" in section
        assert "Superintendent" in section and "Ana Ruiz" in section


class TestTheModel:
    def test_one_request_per_form(self) -> None:
        request = SupportRequest(form="sponsorship", need="A word at the staff day")
        with pytest.raises(ValidationError, match="two requests"):
            ResourceInventory(support_requests=(request, request))
