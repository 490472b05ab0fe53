"""Day 3, activity 6: learning cycles placed on the real meeting dates."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.charts.meeting_time import year_calendar_html
from workshop_kit.errors import InputError
from workshop_kit.logic.cycles import check_cycle, cycle_problems, place_cycle, plan_cycles
from workshop_kit.logic.ledger import Ledger
from workshop_kit.logic.parse import parse_date, parse_whole
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import Cycle, TeamPlan
from workshop_kit.ui.checkbox_list import CheckboxList
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc, html_table, problems_html
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, limit_of, limited, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class CyclesPanel(Day3Panel):
    """Learning cycles on the real meeting dates, and the year at a glance."""

    kinds = (TeamPlan,)

    def build(self) -> list[widgets.Widget]:
        self.hosts = CheckboxList(
            "Held in",
            "wk-cycle-hosts",
            empty="No meetings with dates yet: list your meetings first.",
        )
        self.first_start = tagged(
            widgets.DatePicker(description="First one starts", style=LABEL), "wk-cycle-start"
        )
        self.weeks = widgets.BoundedIntText(
            continuous_update=False,
            value=self.config.cycle.weeks,
            min=1,
            max=20,
            description="Weeks each",
            style=LABEL,
            layout={"width": "260px"},
        )
        self.count = widgets.BoundedIntText(
            continuous_update=False,
            value=4,
            min=1,
            max=12,
            description="How many",
            style=LABEL,
            layout={"width": "260px"},
        )
        self.focus = limited(
            widgets.Text(
                continuous_update=False,
                description="Focus",
                placeholder="what students will learn to do",
                layout=WIDE,
                style=LABEL,
            ),
            Cycle,
            "focus",
        )
        self.weeks.add_class("wk-cycle-weeks")
        self.count.add_class("wk-cycle-count")
        self.focus.add_class("wk-cycle-focus")
        self.place_button = button(
            "wk-place-cycles",
            self.place,
            "Place these cycles",
            "calendar-plus-o",
            width="220px",
            style="primary",
        )
        self.form_message = Messages()
        self.table = RowEditor(
            [
                Column("name", "Cycle", width="140px", limit=limit_of(Cycle, "name")),
                Column("focus", "Focus", width="300px", limit=limit_of(Cycle, "focus")),
                Column("start", "Starts", kind="date", width="170px"),
                Column("weeks", "Weeks", kind="whole", width="70px"),
            ],
            add_label="Add a row",
        )
        self.table.add_button.layout.display = "none"  # cycles are added by placing them above
        self.save_button = save_button(
            "wk-save-cycles", self.save_cycles, "Save the cycles", width="220px"
        )
        self.chart = widgets.HTML()
        self.sessions = widgets.HTML()
        return [
            widgets.HTML("<h4>Place a series of cycles</h4>"),
            self.hosts,
            self.first_start,
            widgets.HBox([self.weeks, self.count]),
            self.focus,
            self.place_button,
            self.form_message,
            widgets.HTML(
                "<h4>Your cycles</h4><p>Rename them, give each a focus, move a start date, "
                "or remove one; then save.</p>"
            ),
            self.table,
            self.save_button,
            self.chart,
            self.sessions,
        ]

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        plan = self.load(TeamPlan)
        ledger = self.ledger()
        dated = [line.meeting for line in ledger.lines if line.dated and line.count]
        keep = set(self.hosts.value)
        self.hosts.options = [(m.name, m.id) for m in dated]
        self.hosts.value = tuple(mid for mid in keep if mid in {m.id for m in dated})
        if self.first_start.value is None:
            self.first_start.value = ledger.year.first_day
        self.table.set_rows(
            [
                {
                    "id": c.id,
                    "meeting_ids": c.meeting_ids,
                    "criterion_ids": c.criterion_ids,
                    "name": c.name,
                    "focus": c.focus,
                    "start": c.start,
                    "weeks": c.weeks,
                }
                for c in plan.cycles
            ]
        )
        self.show(plan.cycles, ledger)
        if not meetings.meetings:
            self.messages.info("List your meetings first; cycles are held in them.")

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()

    def show(self, cycles: Sequence[Cycle], ledger: Ledger) -> None:
        placed = [place_cycle(c, ledger, self.config.cycle.phases) for c in cycles]
        self.chart.value = year_calendar_html(ledger, placed)
        sessions = sum(len(p.sessions) for p in placed)
        self.status_line = (
            f"{counted(len(cycles), 'cycle')}, {counted(sessions, 'session')} on the calendar"
        )
        parts = []
        for p in placed:
            rows = [(s.date.isoformat(), s.meeting_name, s.phase) for s in p.sessions]
            parts.append(
                f"<details><summary><b>{esc(p.cycle.name)}</b>"
                f"{': ' + esc(p.cycle.focus) if p.cycle.focus else ''} · "
                f"{p.cycle.start.isoformat()} to "
                f"{p.end.isoformat()} · {counted(len(p.sessions), 'session')}</summary>"
                + html_table(("Date", "Meeting", "Phase"), rows)
                + "</details>"
            )
        self.sessions.value = "".join(parts) + problems_html(cycle_problems(cycles, ledger))

    @guarded(lambda self: self.form_message)
    def place(self) -> None:
        if not self.hosts.value:
            raise InputError("Choose at least one meeting to hold the cycles.", field="meetings")
        if self.first_start.value is None:
            raise InputError("Choose when the first cycle starts.", field="start")
        ledger = self.ledger()
        if not ledger.year.contains(self.first_start.value):
            raise InputError(
                "The first cycle must start within the school year "
                f"({ledger.year.first_day.isoformat()} "
                f"to {ledger.year.last_day.isoformat()}).",
                field="start",
            )
        plan = self.load(TeamPlan)
        criteria = tuple(c.id for c in self.load(GoalWork).success_criteria)
        new = plan_cycles(
            ledger,
            list(self.hosts.value),
            self.first_start.value,
            self.weeks.value,
            self.count.value,
            focus=self.focus.value.strip(),
            taken=frozenset(c.id for c in plan.cycles),
        )
        number = len(plan.cycles)
        new = tuple(
            c.model_copy(update={"name": f"Cycle {number + n}", "criterion_ids": criteria})
            for n, c in enumerate(new, start=1)
        )
        for cycle in new:
            check_cycle(cycle, plan.cycles, ledger)

        def change(saved: TeamPlan) -> TeamPlan:
            for cycle in new:
                check_cycle(cycle, saved.cycles, ledger)
            return saved.with_cycles(new)

        saved = self.update(TeamPlan, change, counted(len(new), "cycle"))
        self.messages.clear()
        self.refresh()
        short = (
            ""
            if len(new) == self.count.value
            else f" (only {len(new)} fit before the last day of school)"
        )
        self.form_message.ok(
            f"Placed {counted(len(new), 'cycle')}{short}. The plan now has "
            f"{counted(len(saved.cycles), 'cycle')}."
        )

    @guarded(lambda self: self.messages)
    def save_cycles(self) -> None:
        self.table.clear_errors()
        ledger = self.ledger()
        cycles: list[Cycle] = []
        for index, row in enumerate(self.table.values()):
            try:
                cycle = build(
                    Cycle,
                    {
                        "id": row["id"],
                        "name": str(row["name"] or "").strip() or f"Cycle {index + 1}",
                        "focus": row["focus"],
                        "meeting_ids": row["meeting_ids"],
                        "criterion_ids": row["criterion_ids"],
                        "start": parse_date(row["start"], "start date"),
                        "weeks": parse_whole(row["weeks"], "Weeks"),
                    },
                )
                check_cycle(cycle, cycles, ledger)
            except InputError as exc:
                self.table.show_row_error(index, exc.message)
                raise InputError("Nothing was saved: please fix the cycle marked above.") from None
            cycles.append(cycle)
        self.update(TeamPlan, lambda plan: plan.replace_cycles(cycles), "the cycles")
        self.show(cycles, ledger)
        self.messages.ok(f"Saved {counted(len(cycles), 'cycle')}.")
