"""The summary activity: the resource map in words, kept up to date as the other panels save,
and saved as Markdown and as a page to print."""

from __future__ import annotations

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.exports.day2_summary import Day2Summary, to_html, to_markdown
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.ui.day_panels import DaySummaryPanel

SUMMARY_FILE = "day2_summary.md"


class SummaryPanel(DaySummaryPanel, Day2Panel):
    """The resource map in words, kept up to date as panels save, and saved as Markdown."""

    kinds = (ResourceInventory,)
    day = 2
    summary_file = SUMMARY_FILE

    def summary(self) -> Day2Summary:
        return Day2Summary.of(
            self.load(Team), self.load(GoalWork), self.load(ResourceInventory), self.config
        )

    def summary_html(self, summary: Day2Summary) -> str:
        return to_html(summary)

    def summary_markdown(self, summary: Day2Summary) -> str:
        return to_markdown(summary)
