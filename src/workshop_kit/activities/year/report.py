"""Through the year, activity 6: the progress report, to print and to send as Markdown."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.year.base import YearPanel
from workshop_kit.exports.printable import printable_page
from workshop_kit.exports.progress_report import ProgressReport, report_html, report_markdown
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.parts import save_button

REPORT_FILE = "progress-report.md"


class ProgressReportPanel(YearPanel):
    """The report, kept up to date as the other panels save, and saved on request."""

    css = "wk-progress-report"

    def build(self) -> list[widgets.Widget]:
        self.view = widgets.HTML()
        self.save_button = save_button(
            "wk-save-report", self.save_report, "Save the progress report", width="260px"
        )
        return [self.view, self.save_button]

    def report(self) -> ProgressReport:
        return ProgressReport.of(
            self.team.display_name,
            self.load(GoalWork),
            self.load(TeamPlan),
            self.load(YearProgress),
            self.config,
            self.year_start(),
        )

    def status(self) -> str:
        report = self.report()
        still = len(report.open_points)
        return report.headline() + (f", {still} things still to record" if still else "")

    def refresh(self) -> None:
        # the panel shows the words; the charts are drawn above and in the saved page
        self.view.value = report_html(self.report(), charts=False)

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (GoalWork, TeamPlan, YearProgress):
            self.rebuild()

    @guarded(lambda self: self.messages)
    def save_report(self) -> None:
        report = self.report()
        text = self.team.write_export(REPORT_FILE, report_markdown(report))
        page = self.team.write_export(
            "progress-report.html",
            printable_page(f"Progress report: {report.team}", report_html(report)),
        )
        self.messages.ok(
            f"Saved the report as {text.name} and as a page to print, {page.name}, in the "
            "team's exports folder."
        )
