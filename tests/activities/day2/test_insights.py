"""The insights panel: what the map says.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

from workshop_kit.activities.day2.insights import InsightsPanel
from workshop_kit.session import Session


class TestInsights:
    def test_findings_for_the_demo(self, session: Session) -> None:
        panel = InsightsPanel(session)
        html = panel.view.value
        assert "Thin quadrants:</b> Relationships and relational qualities" in html
        assert "Bilingual aides" in html
        assert "could generate more of (13)" in html
