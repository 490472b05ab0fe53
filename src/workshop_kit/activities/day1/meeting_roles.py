"""Day 1, meeting roles: which of the team's own meeting roles rotate, who starts, and the table
of who holds each role at the next meetings."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.logic.team import Rotation, rotate, rotation_order, rotation_roles
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.team import Team
from workshop_kit.ui.closing import replace_children
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import html_table
from workshop_kit.ui.parts import dropdown, save_button, tagged

#: what the "who starts" list shows for the top of the roster
TOP_OF_ROSTER = "The top of the roster"


class MeetingRolesPanel(Day1Panel):
    """Tick the roles that rotate and choose who takes the first one; the table below shows the
    rotation over the next meetings as it stands, and saving keeps the team's choice."""

    kinds = (Team,)

    def build(self) -> list[widgets.Widget]:
        self.role_box = tagged(widgets.HBox(layout={"flex_flow": "row wrap"}), "wk-rotating-roles")
        self.role_checks: dict[str, widgets.Checkbox] = {}
        self._filling = False
        self.first = dropdown("wk-rotation-first", "Who starts", "420px", self.redraw)
        self.first.style.description_width = "90px"
        self.table = tagged(widgets.HTML(), "wk-rotation-table")
        self.save_button = save_button(
            "wk-save-rotation", self.save_rotation, "Save the meeting roles"
        )
        return [
            widgets.HTML("<b>Roles that rotate</b>"),
            self.role_box,
            self.first,
            self.table,
            self.save_button,
        ]

    def refresh(self) -> None:
        team = self.load(Team)
        rotating = rotation_roles(team.rotation, self.config.meeting_roles)
        shown = [
            *self.config.meeting_roles,
            *(r for r in rotating if r not in self.config.meeting_roles),
        ]
        self.role_checks = {
            role: tagged(
                widgets.Checkbox(
                    value=role in rotating,
                    description=role,
                    indent=False,
                    layout={"width": "200px"},
                ),
                "wk-rotating-role",
                self.redraw,
            )
            for role in shown
        }
        replace_children(self.role_box, list(self.role_checks.values()))
        self.fill_first(team, team.rotation.first)

    def fill_first(self, team: Team, first: str) -> None:
        """The "who starts" list: the roster, with ``first`` chosen when still on it."""
        self._filling = True
        try:
            self.first.options = [(TOP_OF_ROSTER, ""), *((n, n) for n in team.member_names)]
            self.first.value = first if first in team.member_names else ""
        finally:
            self._filling = False
        self.redraw()

    def on_document_saved(self, kind: type[Document]) -> None:
        """The roster changed on this page: the table follows it; what is ticked here stays."""
        if kind is Team:
            self.fill_first(self.load(Team), self.first.value or "")

    @property
    def chosen_roles(self) -> list[str]:
        return [role for role, check in self.role_checks.items() if check.value]

    def rotation(self) -> Rotation:
        names = self.load(Team).member_names
        order = rotation_order(names, self.first.value or "")
        return rotate(order, self.chosen_roles, self.config.rotation_meetings)

    def status(self) -> str:
        shown = self.rotation()
        return f"{plural(len(shown.roles), 'role')} over {plural(len(shown.meetings), 'meeting')}"

    @guarded(lambda self: self.messages)
    def redraw(self) -> None:
        if self._filling:
            return
        shown = self.rotation()
        if not shown.meetings:
            why = "tick a role that rotates" if not shown.roles else "add members to the roster"
            self.table.value = f"<p><i>No rotation yet: {why}.</i></p>"
            return
        rows = [[f"Meeting {n}", *holders] for n, holders in enumerate(shown.meetings, start=1)]
        note = (
            "<p>There are more roles than members, so some members hold two roles at a meeting.</p>"
            if shown.doubled
            else ""
        )
        self.table.value = html_table(["", *shown.roles], rows, "wk-rotation") + note

    @guarded(lambda self: self.messages)
    def save_rotation(self) -> None:
        roles, first = self.chosen_roles, self.first.value or ""
        self.update(Team, lambda team: team.with_rotation(roles, first), "the meeting roles")
        self.messages.ok(f"Saved the meeting roles: {plural(len(roles), 'role')} rotate.")
