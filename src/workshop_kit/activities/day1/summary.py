"""Day 1, summary: what the team decided today, saved as Markdown and a printable page."""

from __future__ import annotations

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.exports.day1_summary import Day1Summary, to_html, to_markdown
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team
from workshop_kit.ui.day_panels import DaySummaryPanel

SUMMARY_FILE = "day1_summary.md"


class SummaryPanel(DaySummaryPanel, Day1Panel):
    """What the team decided today, kept up to date as panels save, and saved as Markdown."""

    kinds = (Team, GoalWork)
    day = 1
    summary_file = SUMMARY_FILE

    def summary(self) -> Day1Summary:
        return Day1Summary.of(
            self.load(Team), self.load(GoalWork), self.config, self.goal_context()
        )

    def summary_html(self, summary: Day1Summary) -> str:
        return to_html(summary)

    def summary_markdown(self, summary: Day1Summary) -> str:
        return to_markdown(summary)
