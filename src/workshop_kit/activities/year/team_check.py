"""Through the year, activity 5: the quarterly team check, with the change since the last one."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.year.base import LABEL, YearPanel, figure_html
from workshop_kit.charts.team_check import team_check_chart
from workshop_kit.errors import InputError
from workshop_kit.logic.parse import parse_date, parse_number
from workshop_kit.logic.year import check_history
from workshop_kit.model.progress import TeamCheck, YearProgress, dated_id
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc, html_table, number
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import date_field, limited, save_button, tagged
from workshop_kit.validation import build


class TeamCheckPanel(YearPanel):
    """Ratings of focus, discipline, accountability and the conditions for collective efficacy,
    the principal's sample week, and a table of every check so far."""

    kinds = (YearProgress,)

    def build(self) -> list[widgets.Widget]:
        scale = self.config.check_scale
        self.date = date_field("wk-check-date", "Date of the check", style=LABEL)
        options = [("not rated", 0), *((scale.label(p), p) for p in scale.points)]
        self.ratings: dict[str, widgets.Dropdown] = {}
        parts: list[widgets.Widget] = []
        group = ""
        for item in self.config.check_items:
            if item.group != group:
                group = item.group
                parts.append(widgets.HTML(f"<b>{esc(group)}</b>"))
            choice = tagged(
                widgets.Dropdown(
                    options=options, value=0, layout={"width": "160px"}, tooltip=item.label
                ),
                f"wk-check-{item.id.replace('_', '-')}",
            )
            self.ratings[item.id] = choice
            parts.append(
                widgets.HBox(
                    [
                        widgets.HTML(
                            f"<b>{esc(item.label)}</b>: {esc(item.statement)}",
                            layout={"width": "520px"},
                        ),
                        choice,
                    ]
                )
            )
        self.instructional = self._hours("Instructional hours", "wk-check-instructional")
        self.managerial = self._hours("Managerial hours", "wk-check-managerial")
        self.note = tagged(
            limited(
                widgets.Text(
                    continuous_update=False,
                    description="Note (optional)",
                    style=LABEL,
                    layout={"width": "620px"},
                ),
                TeamCheck,
                "note",
            ),
            "wk-check-note",
        )
        self.save_button = save_button("wk-save-check", self.save, "Save this team check")
        self.history = widgets.HTML()
        self.chart = widgets.HTML()
        return [
            self.date,
            *parts,
            widgets.HTML(
                f"<b>The principal's sample week</b><br>{esc(self.config.week_sample_hint)}"
            ),
            widgets.HBox([self.instructional, self.managerial]),
            self.note,
            self.save_button,
            self.history,
            self.chart,
        ]

    @staticmethod
    def _hours(label: str, css: str) -> widgets.Text:
        return tagged(
            widgets.Text(
                continuous_update=False,
                description=label,
                placeholder="hours in the week",
                style=LABEL,
                layout={"width": "300px"},
            ),
            css,
        )

    def status(self) -> str:
        checks = self.load(YearProgress).checks_in_order()
        latest = f", latest {checks[-1].date.isoformat()}" if checks else ""
        return f"{counted(len(checks), 'team check')}{latest}"

    def refresh(self) -> None:
        progress = self.load(YearProgress)
        history = check_history(progress, self.config)
        rows = [
            [row.label, *(number(v) for v in row.values), number(row.change)]
            for row in history.rows
        ]
        self.history.value = (
            html_table(["", *history.dates, "Change"], rows, "wk-check-history")
            if history.dates
            else "<p>No team check saved yet: this will be your first.</p>"
        )
        scale = self.config.check_scale
        self.chart.value = (
            figure_html(
                team_check_chart(history, scale.minimum, scale.maximum),
                "The team's ratings at each check; the table above gives the same numbers.",
                "wk-check-chart",
            )
            if history.dates
            else ""
        )

    @guarded(lambda self: self.messages)
    def save(self) -> None:
        day = parse_date(self.date.value, "date of the check")
        assert day is not None
        hours = {}
        for key, box in (
            ("instructional_hours", self.instructional),
            ("managerial_hours", self.managerial),
        ):
            text = box.value.strip()
            hours[key] = parse_number(text, box.description) if text else None
        labels = {
            "instructional_hours": "Instructional hours",
            "managerial_hours": "Managerial hours",
        }
        try:
            check = build(
                TeamCheck,
                {
                    "id": dated_id("check", day),
                    "date": day,
                    "ratings": {k: v.value for k, v in self.ratings.items() if v.value},
                    **hours,
                    "note": self.note.value,
                },
            )
        except InputError as exc:
            raise InputError(on_label(exc, labels), field=exc.field) from None
        self.update(YearProgress, lambda p: p.with_check(check), "the team check")
        self.refresh()
        self.messages.ok(f"Saved the team check of {day.isoformat()}.")
