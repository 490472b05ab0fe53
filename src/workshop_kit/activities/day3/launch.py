"""Day 3, activity 10: the back-to-school session the team leads for its own staff."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, WIDE, Day3Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.action_plan import PlanWindow
from workshop_kit.logic.launch import LaunchCheck, check_launch, launch_checks
from workshop_kit.logic.parse import parse_date, parse_whole
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import LaunchSegment, LaunchSession, TeamPlan
from workshop_kit.model.team import Team
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.labels import FieldErrors, on_label
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, limited, save_button, tagged
from workshop_kit.ui.row_editor import ROWS_NOT_SAVED, Column, RowEditor
from workshop_kit.validation import build

#: what the routine column shows for a part that models none
NO_ROUTINE = "(no routine)"
DATE_LABEL, LENGTH_LABEL = "Date (YYYY-MM-DD)", "Length (minutes)"


class LaunchPanel(Day3Panel):
    """Purpose, date and length; timed parts with who leads each and the routine it models;
    the norms the session uses (first taken from the team's own). A checklist follows the typing;
    one save keeps it all in the team plan."""

    kinds = (TeamPlan,)

    def build(self) -> list[widgets.Widget]:
        self._filling = False  # no checklist while the panel fills its own fields
        self.goal_line = tagged(widgets.HTML(), "wk-launch-goal")
        self.purpose = tagged(
            limited(
                widgets.Textarea(
                    continuous_update=False,
                    description="Purpose",
                    placeholder="what the staff leaves with, and how it serves your goal",
                    layout={**WIDE, "height": "60px"},
                    style=LABEL,
                ),
                LaunchSession,
                "purpose",
            ),
            "wk-launch-purpose",
            self.check,
        )
        self.date = tagged(
            widgets.Text(
                continuous_update=False,
                description=DATE_LABEL,
                placeholder="before the first day of school",
                layout={"width": "360px"},
                style=LABEL,
            ),
            "wk-launch-date",
            self.check,
        )
        self.minutes = tagged(
            widgets.Text(
                continuous_update=False,
                description=LENGTH_LABEL,
                layout={"width": "260px"},
                style=LABEL,
            ),
            "wk-launch-minutes",
            self.check,
        )
        routines = self.config.launch.routines
        self.routine_ids = {r.label: r.id for r in routines}
        self.segments = RowEditor(
            [
                Column("minutes", "Min", kind="whole", width="60px"),
                Column.of(LaunchSegment, "title", width="260px", placeholder="what the staff does"),
                Column.of(LaunchSegment, "lead", width="150px", placeholder="a team member"),
                Column(
                    "routine",
                    "Routine it models",
                    kind="choice",
                    options=[NO_ROUTINE, *self.routine_ids],
                    width="200px",
                ),
                Column.of(LaunchSegment, "notes", kind="long", width="220px"),
            ],
            add_label="Add a part",
            on_change=self.check,
        )
        self.segments.add_class("wk-launch-segments")
        self.norms = tagged(
            widgets.Textarea(
                continuous_update=False,
                placeholder="one norm per line",
                layout={"width": "620px", "height": "110px"},
            ),
            "wk-launch-norms",
            self.check,
        )
        self.norms_button = button(
            "wk-launch-team-norms",
            self.use_team_norms,
            "Start from our team's norms",
            "copy",
            width="260px",
        )
        self.routine_list = widgets.HTML(
            "<details><summary>The routines you can model</summary><ul>"
            + "".join(f"<li><b>{esc(r.label)}</b>: {esc(r.description)}</li>" for r in routines)
            + "</ul></details>"
        )
        self.checklist = tagged(widgets.HTML(), "wk-launch-checks")
        self.save_button = save_button(
            "wk-save-launch", self.save_launch, "Save the launch session", width="300px"
        )
        # a problem is shown next to the part of the form it is about
        self.details_message, self.segments_message, self.norms_message = (
            Messages(),
            Messages(),
            Messages(),
        )
        self.errors = FieldErrors(self.messages)
        self.errors.add(
            self.details_message,
            {"purpose": self.purpose, "date": self.date, "minutes": self.minutes},
        )
        self.errors.add(self.segments_message, {"segments": None})
        self.errors.add(self.norms_message, {"norms": "Norms"})
        return [
            self.goal_line,
            self.purpose,
            widgets.HBox([self.date, self.minutes]),
            self.details_message,
            widgets.HTML("<b>The agenda</b> (the parts' minutes must add up to the length)"),
            self.routine_list,
            self.segments,
            self.segments_message,
            widgets.HTML("<b>The norms the session will use</b>"),
            self.norms,
            self.norms_button,
            self.norms_message,
            self.checklist,
            self.save_button,
        ]

    # -- filling from the files ---------------------------------------------------------------

    def refresh(self) -> None:
        self._filling = True
        try:
            launch = self.load(TeamPlan).launch
            self.show_goal()
            self.errors.clear()
            if launch is None:
                self.purpose.value = self.date.value = ""
                self.minutes.value = str(self.config.launch.minutes)
                self.segments.set_rows([{"routine": NO_ROUTINE}])
                self.norms.value = "\n".join(self.load(Team).norms)
            else:
                self.purpose.value = launch.purpose
                self.date.value = launch.date.isoformat() if launch.date else ""
                self.minutes.value = str(launch.minutes)
                labels = self.config.launch.routine_labels
                self.segments.set_rows(
                    [
                        {
                            **s.model_dump(),
                            "routine": labels.get(s.routine, s.routine or NO_ROUTINE),
                        }
                        for s in launch.segments
                    ]
                )
                self.norms.value = "\n".join(launch.norms)
        finally:
            self._filling = False
        self.check()

    def on_document_saved(self, kind: type[Document]) -> None:
        """The goal, the roster and the school year feed the checklist; what is typed stays."""
        if kind in (GoalWork, Team, MeetingTime):
            self.show_goal()
            self.check()

    def show_goal(self) -> None:
        statement = self.load(GoalWork).goal.statement
        self.goal_line.value = (
            f"<p><b>Our goal:</b> {esc(statement)}</p>"
            if statement
            else "<p><i>Write your goal on Day 1: the session's purpose starts from it.</i></p>"
        )

    def use_team_norms(self) -> None:
        norms = self.load(Team).norms
        if not norms:
            self.norms_message.info("Your team has no norms yet: write them on Day 1, or here.")
            return
        self.norms.value = "\n".join(norms)
        self.norms_message.info(f"Copied the team's {plural(len(norms), 'norm')}. Edit them here.")

    # -- reading what was typed ---------------------------------------------------------------

    def typed_segments(self) -> list[LaunchSegment]:
        labels = self.segments.labels

        def read(row: dict[str, Any]) -> LaunchSegment:
            shown = str(row.get("routine") or NO_ROUTINE)
            routine = "" if shown == NO_ROUTINE else self.routine_ids.get(shown, shown)
            try:
                return build(
                    LaunchSegment,
                    {
                        "title": str(row["title"] or "").strip(),
                        "minutes": parse_whole(row["minutes"], "Min"),
                        "lead": str(row["lead"] or "").strip(),
                        "routine": routine,
                        "notes": row["notes"],
                    },
                )
            except InputError as exc:
                raise InputError(on_label(exc, labels), field=exc.field) from None

        return [s for _, s in self.segments.typed(read, used=("title", "minutes", "lead", "notes"))]

    def typed_launch(self) -> LaunchSession:
        """The session as typed; an :class:`InputError` names the field it is about."""
        minutes = parse_whole(self.minutes.value, LENGTH_LABEL)
        date = parse_date(self.date.value, DATE_LABEL, required=False)
        current = self.load(TeamPlan).launch or LaunchSession()
        return (
            current.with_details(self.purpose.value.strip(), date, minutes)
            .with_segments(self.typed_segments())
            .with_norms(self.norms.value.splitlines())
        )

    def checks(self, launch: LaunchSession) -> list[LaunchCheck]:
        return launch_checks(
            launch,
            members=self.member_names(),
            year=self.year(),
            routine_labels=self.config.launch.routine_labels,
            goal=self.load(GoalWork).goal.statement,
        )

    # -- reactions ----------------------------------------------------------------------------

    def status(self) -> str:
        launch = self.load(TeamPlan).launch
        if launch is None:
            return "no launch session saved yet"
        when = f" on {launch.date.isoformat()}" if launch.date else ", no date yet"
        return (
            f"a {launch.minutes}-minute launch session{when}: "
            f"{plural(len(launch.segments), 'part')}, "
            f"{plural(len(launch.routines), 'routine')} modelled, "
            f"{plural(len(launch.leads), 'lead')}"
        )

    @guarded(lambda self: self.messages)
    def check(self) -> None:
        if self._filling:
            return
        try:
            launch = self.typed_launch()
        except InputError as exc:
            self.checklist.value = f"<p><i>{esc(exc.message)}</i></p>"
            return
        finally:
            self.segments.clear_errors()
        items = "".join(
            f"<li style='color:{'#1b5e20' if c.ok else '#8a1c1c'}'>{'✓' if c.ok else '✗'} "
            f"{esc(c.message)}</li>"
            for c in self.checks(launch)
        )
        self.checklist.value = f"<p><b>Before you save</b></p><ul>{items}</ul>"

    @guarded(lambda self: self.messages)
    def save_launch(self) -> None:
        self.errors.clear()
        try:
            launch = self.typed_launch()
            check_launch(launch, PlanWindow.around(self.year(), self.config.action_window_days))
        except InputError as exc:
            if exc.message == ROWS_NOT_SAVED:
                self.messages.error(exc.message)  # the rows marked say what is wrong
            else:
                self.errors.show(exc)
            return
        self.update(TeamPlan, lambda plan: plan.with_launch(launch), "the launch session")
        open_points = [c for c in self.checks(launch) if not c.ok]
        note = (
            f" {plural(len(open_points), 'point')} of the checklist still open."
            if open_points
            else ""
        )
        self.messages.ok(
            f"Saved the launch session: {plural(len(launch.segments), 'part')} in "
            f"{launch.minutes} minutes.{note}"
        )
        self.check()
