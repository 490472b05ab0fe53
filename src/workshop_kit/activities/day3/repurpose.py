"""Day 3, activity 5: moves that re-purpose existing meeting minutes toward the goal."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.charts.meeting_time import before_after_html
from workshop_kit.errors import InputError
from workshop_kit.logic.ledger import Ledger, build_ledger, hours_text, share_text
from workshop_kit.logic.parse import parse_minutes
from workshop_kit.logic.repurpose import check_move, what_if
from workshop_kit.model.base import Document
from workshop_kit.model.meetings import MeetingTime, Purpose
from workshop_kit.model.names import new_id
from workshop_kit.model.plan import WHICH_LABELS, Move, TeamPlan
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, figures_html, problems_html
from workshop_kit.ui.parts import button, limit_of, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build


class RepurposePanel(Day3Panel):
    """Moves that give existing minutes to the goal, with live figures while the team edits."""

    kinds = (TeamPlan,)

    def build(self) -> list[widgets.Widget]:
        self.example = widgets.Dropdown(description="Idea", layout=WIDE, style=LABEL)
        self.example_meeting = widgets.Dropdown(
            description="for the meeting", layout=WIDE, style=LABEL
        )
        self.example.add_class("wk-move-idea")
        self.example_meeting.add_class("wk-move-idea-meeting")
        self.add_idea_button = button(
            "wk-add-idea", self.add_idea, "Add this idea as a move", "lightbulb-o", width="260px"
        )
        self.table = RowEditor([], add_label="Add a move")
        self.figures = tagged(widgets.HTML(), "wk-what-if")
        self.chart = tagged(widgets.HTML(), "wk-before-after-chart")
        self.problems = widgets.HTML()
        self.save_button = save_button(
            "wk-save-moves", self.save_moves, "Save the re-purposing plan", width="220px"
        )
        self.meeting_by_label: dict[str, str] = {}
        self.which_by_label = {label: key for key, label in WHICH_LABELS.items()}
        self._ledger: Ledger | None = None
        self.table_box = widgets.VBox([self.table])
        return [
            widgets.HTML("<h4>Start from an idea</h4>"),
            self.example,
            self.example_meeting,
            self.add_idea_button,
            widgets.HTML(
                "<h4>Your moves</h4><p>Minutes taken per meeting from each purpose go to "
                "learning toward the goal. The figures update as you type; save when the "
                "plan is right.</p>"
            ),
            self.table_box,
            self.save_button,
            self.figures,
            self.chart,
            self.problems,
        ]

    def make_table(self, meetings: MeetingTime) -> None:
        self.meeting_by_label = {m.name: m.id for m in meetings.meetings}
        self.table = RowEditor(
            [
                Column(
                    "meeting",
                    "Meeting",
                    kind="choice",
                    options=list(self.meeting_by_label),
                    width="210px",
                ),
                Column(
                    "which", "In", kind="choice", options=list(self.which_by_label), width="170px"
                ),
                Column("logistics", "Logistics", kind="whole", width="80px", live=True),
                Column("compliance", "Compliance", kind="whole", width="85px", live=True),
                Column(
                    "other_instructional", "Other instr.", kind="whole", width="85px", live=True
                ),
                Column(
                    "how",
                    "How (what changes)",
                    kind="long",
                    width="260px",
                    limit=limit_of(Move, "how"),
                ),
            ],
            add_label="Add a move",
            on_change=self.recalculate,
        )
        replaced, self.table_box.children = self.table_box.children, [self.table]
        for table in replaced:
            table.close()  # its inputs and their observers go with it

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        plan = self.load(TeamPlan)
        self._ledger = build_ledger(meetings.meetings, meetings.year_or(self.config.school_year))
        self.make_table(meetings)
        names = {m.id: m.name for m in meetings.meetings}
        self.table.set_rows(
            [
                {
                    "id": mv.id,
                    "meeting": names.get(mv.meeting_id, mv.meeting_id),
                    "which": WHICH_LABELS[mv.which],
                    "logistics": mv.take.logistics,
                    "compliance": mv.take.compliance,
                    "other_instructional": mv.take.other_instructional,
                    "how": mv.how,
                }
                for mv in plan.moves
            ]
        )
        self.example.options = [(e.label, n) for n, e in enumerate(self.config.move_examples)]
        self.example.value = 0 if self.config.move_examples else None
        self.example_meeting.options = [(m.name, m.id) for m in meetings.meetings]
        self.example_meeting.value = meetings.meetings[0].id if meetings.meetings else None
        self.recalculate()
        if not meetings.meetings:
            self.messages.info("List your meetings first; then decide which minutes to re-purpose.")

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind is MeetingTime:
            self.rebuild()

    def typed_moves(self, strict: bool) -> tuple[list[Move], list[str]]:
        """Moves from the table; with ``strict`` a row that cannot be read stops everything."""
        moves: list[Move] = []
        problems: list[str] = []
        taken = {str(r.get("id")) for r in self.table.values() if r.get("id")}
        for index, row in enumerate(self.table.values()):
            try:
                if not row["meeting"]:
                    if not any(
                        str(row[k] or "").strip()
                        for k in ("logistics", "compliance", "other_instructional", "how")
                    ):
                        continue
                    raise InputError("Choose the meeting this move changes.")
                take = {
                    k: parse_minutes(row[k], label)
                    for k, label in (
                        ("logistics", "Logistics"),
                        ("compliance", "Compliance"),
                        ("other_instructional", "Other instructional"),
                    )
                }
                if not sum(take.values()):
                    raise InputError(
                        "Say how many minutes per meeting this move gives to the goal."
                    )
                meeting_id = self.meeting_by_label.get(row["meeting"])
                if meeting_id is None:
                    raise InputError(
                        f"‘{row['meeting']}’ is no longer among your meetings; choose another "
                        "meeting or remove this move."
                    )
                move_id = row.get("id") or new_id(
                    f"{row['meeting']}-{row['how'] or 'move'}", taken, "move"
                )
                taken.add(move_id)
                moves.append(
                    build(
                        Move,
                        {
                            "id": move_id,
                            "meeting_id": meeting_id,
                            "which": self.which_by_label.get(row["which"] or "", "every"),
                            "take": take,
                            "how": str(row["how"] or ""),
                        },
                    )
                )
            except InputError as exc:
                problems.append(f"Move {index + 1}: {exc.message}")
                if strict:
                    self.table.show_row_error(index, exc.message)
        return moves, problems

    @guarded(lambda self: self.messages)
    def recalculate(self) -> None:
        """The live what-if: figures and the before/after chart for the moves as typed now."""
        if self._ledger is None:
            return
        moves, problems = self.typed_moves(strict=False)
        result = what_if(self._ledger, moves)
        self.status_line = (
            f"{counted(len(result.effects), 'move')}, "
            f"{hours_text(result.reclaimed_hours)} a year to the goal, "
            f"{share_text(result.goal_share_before)} → {share_text(result.goal_share_after)}"
        )
        self.figures.value = figures_html(
            [
                (hours_text(result.reclaimed_hours), "a year move to learning toward the goal"),
                (f"{result.reclaimed_person_hours:,.0f}", "person-hours a year"),
                (
                    f"{share_text(result.goal_share_before)} → "
                    f"{share_text(result.goal_share_after)}",
                    "of meeting time on the goal",
                ),
            ]
        )
        self.chart.value = before_after_html(result, self.config.purpose_labels)
        self.problems.value = problems_html(
            [*problems, *result.problems], "These moves do not count yet"
        )

    def add_idea(self) -> None:
        if self.example.value is None or not self.example_meeting.value or self._ledger is None:
            self.messages.error("List your meetings first, then choose an idea and a meeting.")
            return
        idea = self.config.move_examples[self.example.value]
        line = self._ledger.line(self.example_meeting.value)
        if line is None:
            return
        moves, _ = self.typed_moves(strict=False)
        used = {
            p: sum(m.take.of(p) for m in moves if m.meeting_id == line.meeting.id) for p in Purpose
        }
        take = {
            p.value: max(0, line.meeting.purposes.of(p) - used[p]) if p in idea.take_from else 0
            for p in (Purpose.LOGISTICS, Purpose.COMPLIANCE, Purpose.OTHER_INSTRUCTIONAL)
        }
        if not sum(take.values()):
            self.messages.error(
                f"‘{line.meeting.name}’ has no minutes of that kind left to move; choose another "
                "meeting."
            )
            return
        self.table.add_row(
            {
                "meeting": line.meeting.name,
                "which": WHICH_LABELS[idea.which],
                "how": idea.how,
                **take,
            }
        )
        self.recalculate()
        self.messages.info(
            "Added the idea as a move with all the minutes it could take. Adjust them, then save."
        )

    @guarded(lambda self: self.messages)
    def save_moves(self) -> None:
        if self._ledger is None:
            raise InputError("List your meetings first.")
        self.table.clear_errors()
        moves, problems = self.typed_moves(strict=True)
        if problems:
            raise InputError("Nothing was saved: please fix the moves marked above.")
        ledger = self._ledger
        for index, move in enumerate(moves):
            try:
                check_move(ledger, moves[:index], move)
            except InputError as exc:
                self.table.show_row_error(index, exc.message)
                raise InputError("Nothing was saved: please fix the move marked above.") from None
        self.update(
            TeamPlan,
            lambda plan: plan.replace_moves(moves),
            "the re-purposing plan",
        )
        result = what_if(ledger, moves)
        self.messages.ok(
            f"Saved {counted(len(moves), 'move')}: {hours_text(result.reclaimed_hours)} a year go "
            "to the goal "
            f"({share_text(result.goal_share_before)} → {share_text(result.goal_share_after)} of "
            "meeting time)."
        )
