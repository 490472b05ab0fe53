"""Day 3, the ledger: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

from workshop_kit.activities import day3
from workshop_kit.session import Session


class TestLedger:
    def test_the_demo_ledger_and_its_update_after_an_edit(self, session: Session) -> None:
        ledger = day3.LedgerPanel(session)
        assert "334 meetings, 267.9 hours" in repr(ledger)
        assert "9% on the goal" in repr(ledger)
        meetings_panel = day3.MeetingsPanel(session)
        meetings_panel.choice.value = "district-trainings"
        meetings_panel.remove_button.click()
        assert "331 meetings, 264.9 hours" in repr(ledger)
