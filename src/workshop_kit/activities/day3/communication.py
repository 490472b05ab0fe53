"""Day 3, activity 9: telling the staff."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day3.base import Day3Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow, check_message
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.plan import StaffMessage, TeamPlan
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.parts import limit_of, limited, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class CommunicationPanel(Day3Panel):
    """The message every staff member should hear, and when, how and from whom they hear it."""

    kinds = (TeamPlan,)

    def build(self) -> list[widgets.Widget]:
        self.key_message = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    placeholder=(
                        "In two or three sentences: what changes, and why it matters for students"
                    ),
                    layout={"width": "760px", "height": "80px"},
                ),
                TeamPlan,
                "key_message",
            ),
            "wk-key-message",
        )
        self.table = RowEditor(
            [
                Column("date", "When", kind="date", width="170px"),
                Column(
                    "audience",
                    "Who hears it",
                    width="130px",
                    limit=limit_of(StaffMessage, "audience"),
                ),
                Column(
                    "channel",
                    "How",
                    kind="choice",
                    options=self.config.communication_channels,
                    width="170px",
                ),
                Column("who", "Who tells them", width="140px", limit=limit_of(StaffMessage, "who")),
                Column(
                    "message",
                    "What",
                    kind="long",
                    width="260px",
                    limit=limit_of(StaffMessage, "message"),
                ),
            ],
            add_label="Add a moment",
        )
        self.save_button = save_button(
            "wk-save-communication",
            self.save_plan,
            "Save the plan for telling the staff",
            width="300px",
        )
        return [
            widgets.HTML("<b>Our key message</b>"),
            self.key_message,
            self.table,
            self.save_button,
        ]

    def status(self) -> str:
        plan = self.load(TeamPlan)
        written = "written" if plan.key_message else "not written"
        return f"key message {written}, {counted(len(plan.communication), 'moment')}"

    def refresh(self) -> None:
        plan = self.load(TeamPlan)
        self.key_message.value = plan.key_message
        self.table.set_rows([m.model_dump() for m in plan.communication])
        if not plan.communication:
            self.table.add_row({"audience": "All staff"})

    @guarded(lambda self: self.messages)
    def save_plan(self) -> None:
        window = PlanWindow.around(self.year(), self.config.action_window_days)

        def read(row: dict[str, Any]) -> StaffMessage:
            try:  # the model's own checks, with the field named by its column's label
                moment = build(StaffMessage, {**row, "date": parse_date(row["date"], "date")})
            except InputError as exc:
                raise InputError(on_label(exc, self.table.labels), field=exc.field) from None
            check_message(moment, window)
            return moment

        typed = self.table.typed(read, used=("date", "who", "message"))
        moments = sorted((moment for _, moment in typed), key=lambda m: m.date)
        key = self.key_message.value.strip()
        self.update(
            TeamPlan,
            lambda plan: build(
                TeamPlan,
                {
                    **plan.model_dump(),
                    "key_message": key,
                    "communication": [m.model_dump() for m in moments],
                },
            ),
            "the plan for telling the staff",
        )
        self.messages.ok(
            f"Saved the key message and {counted(len(moments), 'moment')} to tell the staff."
        )
