"""Every panel's CSS class, which the page's style and the browser tests find it by.

Most panels take theirs from their class name (``Panel.css_class``): this table pins them, so that
renaming a class cannot silently change what the browser tests look for."""

from __future__ import annotations

import pytest

from workshop_kit.activities import day1, day2, day3, year
from workshop_kit.activities.overview import OverviewPanel
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.activities.versions import VersionsPanel
from workshop_kit.ui.panel import Panel

CSS = {
    day1.RosterPanel: "wk-roster",
    day1.NormsPanel: "wk-norms",
    day1.EvidencePanel: "wk-evidence",
    day1.CandidatesPanel: "wk-candidates",
    day1.RatingsPanel: "wk-ratings",
    day1.GoalPanel: "wk-goal",
    day1.SummaryPanel: "wk-day1-summary",
    day2.FrameworkPanel: "wk-framework",
    day2.InventoryPanel: "wk-inventory",
    day2.MapPanel: "wk-map",
    day2.InsightsPanel: "wk-insights",
    day2.LinksPanel: "wk-links",
    day2.SupportPanel: "wk-support",
    day2.SummaryPanel: "wk-day2-summary",
    day3.SchoolYearPanel: "wk-school-year",
    day3.MeetingsPanel: "wk-meetings",
    day3.LedgerPanel: "wk-ledger",
    day3.RepurposePanel: "wk-repurpose",
    day3.CyclesPanel: "wk-cycles",
    day3.AgendaPanel: "wk-agendas",
    day3.ActionPlanPanel: "wk-actions",
    day3.CommunicationPanel: "wk-communication",
    day3.LaunchPanel: "wk-launch",
    day3.TeamPlanPanel: "wk-team-plan",
    year.MeasuresPanel: "wk-measures",
    year.StepsPanel: "wk-steps",
    year.PdsaPanel: "wk-pdsa",
    year.TeamCheckPanel: "wk-team-check",
    year.IltMeetingsPanel: "wk-ilt-meetings",
    year.ProgressReportPanel: "wk-progress-report",
    TeamPicker: "wk-team-picker",
    VersionsPanel: "wk-versions",
    OverviewPanel: "wk-overview",
}


@pytest.mark.parametrize("panel", list(CSS), ids=lambda panel: panel.__name__)
def test_every_panel_keeps_its_css_class(panel: type[Panel]) -> None:
    assert panel.css_class() == CSS[panel]
