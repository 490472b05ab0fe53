"""Day 3, activity 4: the hours of meeting time the school has, and what they are spent on."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day3.base import Day3Panel
from workshop_kit.charts.meeting_time import hours_by_type_html
from workshop_kit.logic.ledger import hours_text, share_text
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import MeetingTime, Purpose
from workshop_kit.ui.html import counted, esc, figures_html, html_table, number


class LedgerPanel(Day3Panel):
    """How many hours of meeting time the school has, what they are spent on, and by whom."""

    def build(self) -> list[widgets.Widget]:
        self.figures = widgets.HTML()
        self.chart = widgets.HTML()
        self.table = widgets.HTML()
        return [self.figures, self.chart, self.table]

    def refresh(self) -> None:
        ledger = self.ledger()
        cfg = self.config
        self.status_line = (
            f"{counted(ledger.meeting_count, 'meeting')}, {hours_text(ledger.total_hours)}, "
            f"{ledger.person_hours:,.0f} person-hours, {share_text(ledger.goal_share)} on the goal"
        )
        self.figures.value = figures_html(
            [
                (hours_text(ledger.total_hours), "of recurring meetings this year"),
                (f"{ledger.person_hours:,.0f}", "person-hours (everyone in the room)"),
                (share_text(ledger.goal_share), "on learning toward the goal today"),
                (str(ledger.meeting_count), "meetings on the calendar"),
            ]
        )
        labels = {t.id: t.label for t in cfg.meeting_types}
        self.chart.value = hours_by_type_html(ledger, labels, cfg.purpose_labels)
        by_purpose = ledger.purpose_minutes()
        person = ledger.purpose_person_minutes()
        total = ledger.total_minutes or 1
        rows = [
            (
                cfg.purpose_label(p),
                number(f"{by_purpose[p] / 60:,.1f}"),
                number(f"{person[p] / 60:,.0f}"),
                number(f"{by_purpose[p] / total:.0%}"),
            )
            for p in Purpose
        ]
        undated = "".join(f"<li>{esc(line.meeting.name)}</li>" for line in ledger.undated)
        self.table.value = html_table(
            ("Spent on", "Hours", "Person-hours", "Share"), rows, "wk-purpose-table"
        ) + (
            f"<p>Counted but not on the calendar (no set dates):</p><ul>{undated}</ul>"
            if undated
            else ""
        )

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()
