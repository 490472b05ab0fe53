"""Day 3, activity 11: the whole team plan, with its downloads."""

from __future__ import annotations

import base64

import ipywidgets as widgets

from workshop_kit.activities.day3.base import Day3Panel
from workshop_kit.exports.team_plan import FORMAT_LABELS, FORMATS, files_for, summary_for
from workshop_kit.logic.ledger import hours_text, share_text
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.base import Document
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc, figures_html, html_table, problems_html
from workshop_kit.ui.parts import button, tagged


class TeamPlanPanel(Day3Panel):
    """The whole plan in one view, always current, with downloads in every format."""

    def build(self) -> list[widgets.Widget]:
        self.view = widgets.HTML()
        self.prepare_button = button(
            "wk-prepare-downloads",
            self.prepare,
            "Prepare the downloads",
            "download",
            width="260px",
            style="primary",
        )
        self.downloads = tagged(widgets.HTML(), "wk-downloads")
        return [self.view, self.prepare_button, self.downloads]

    def refresh(self) -> None:
        s = summary_for(self.team, self.config)
        links = s.links()
        covered = sum(link.covered for link in links)
        self.status_line = (
            f"{hours_text(s.what_if.reclaimed_hours)} re-purposed, "
            f"{counted(len(s.cycles), 'cycle')}, {counted(len(s.plan.actions), 'step')}, "
            f"{covered} of {len(links)} success criteria covered, "
            f"{counted(len(s.problems), 'open point')}"
        )
        rows = [
            (
                link.criterion.measure,
                len(link.resources),
                f"{len(link.cycles)} ({hours_text(link.cycle_hours)} on the goal)",
                len(link.actions),
                len(link.checks),
            )
            for link in links
        ]
        headers = (
            "Success criterion",
            "Resources",
            "Learning cycles",
            "Actions",
            "Progress checks",
        )
        goal = s.goal.goal.statement
        self.view.value = (
            f"<h4>{esc(s.title)}</h4>"
            + (
                f"<blockquote>{esc(goal)}</blockquote>"
                if goal
                else "<p><i>No goal statement yet (Day 1).</i></p>"
            )
            + figures_html(
                [
                    (hours_text(s.ledger.total_hours), "of meetings this year"),
                    (hours_text(s.what_if.reclaimed_hours), "re-purposed toward the goal"),
                    (
                        f"{share_text(s.ledger.goal_share)} → "
                        f"{share_text(s.what_if.goal_share_after)}",
                        "of meeting time on the goal",
                    ),
                    (str(len(s.plan.actions)), "action steps"),
                ]
            )
            + "<p><b>How the plan fits together</b></p>"
            + html_table(headers, rows, "wk-plan-links")
            + self.launch_html(s)
            + problems_html(list(s.problems))
        )

    @staticmethod
    def launch_html(s: TeamPlanSummary) -> str:
        """The back-to-school session the team leads, part by part."""
        launch = s.plan.launch
        if launch is None:
            return "<p><b>The session we lead for our staff</b>: <i>not planned yet.</i></p>"
        when = launch.date.isoformat() if launch.date else "no date yet"
        return (
            f"<p><b>The session we lead for our staff</b>: {esc(when)}, {launch.minutes} "
            f"minutes. {esc(launch.purpose)}</p>"
            + html_table(
                ("Minutes", "Part", "Who leads", "Routine it models"),
                [(p.minutes, p.title, p.lead, s.routine_label(p.routine)) for p in launch.segments],
                "wk-plan-launch",
            )
        )

    def on_document_saved(self, kind: type[Document]) -> None:
        self.rebuild()
        self.downloads.value = ""

    @guarded(lambda self: self.messages)
    def prepare(self) -> None:
        summary = summary_for(self.team, self.config)
        links = []
        count = 0
        for fmt in FORMATS:
            files = files_for(summary, self.team.slug, fmt)
            for name, data in files.items():
                self.team.write_export(name, data)
                count += 1
                mime = {
                    "html": "text/html",
                    "md": "text/markdown",
                    "ics": "text/calendar",
                    "csv": "text/csv",
                    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }[fmt]
                uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
                links.append(
                    f'<li><a download="{esc(name)}" href="{uri}" class="wk-download '
                    f'wk-download-{fmt}">'
                    f"{esc(name)}</a> <small>({esc(FORMAT_LABELS[fmt])}, {len(data) // 1024 + 1} "
                    "KB)</small></li>"
                )
        self.downloads.value = (
            "<p>Click a file to download it. Copies are also saved in the team's exports "
            "folder.</p>"
            f"<ul>{''.join(links)}</ul>"
        )
        self.messages.ok(
            f"Prepared {count} files: the printable plan, a one-page summary for the staff, "
            "Markdown, the calendar and spreadsheets."
        )
