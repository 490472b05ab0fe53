"""Day 1, roster: the team's name, school, and every member with their role."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import Column, RowEditor, guarded, on_click
from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.errors import InputError
from workshop_kit.model.team import Member, Team
from workshop_kit.session import Session
from workshop_kit.validation import build


class RosterPanel(Day1Panel):
    """Team name, school, and every member with their role."""

    kinds = (Team,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-roster")
        self.team_name = widgets.Text(description="Team name", layout={"width": "460px"})
        self.team_name.add_class("wk-team-name")
        self.school = widgets.Text(description="School", layout={"width": "460px"})
        self.school.add_class("wk-school")
        self.members = RowEditor(
            [
                Column("name", "Name", placeholder="First and last name", width="240px"),
                Column("role", "Role", kind="choice", options=self.config.roles, width="220px"),
            ],
            add_label="Add a member",
        )
        self.save_button = widgets.Button(
            description="Save the roster", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-roster")
        on_click(self.save_button, self.save_roster)
        self.layout_children(self.team_name, self.school, self.members, self.save_button)
        self.rebuild()

    def status(self) -> str:
        rows = [r for r in self.members.values() if (r["name"] or "").strip()]
        return f"{len(rows)} members"

    def refresh(self) -> None:
        team = self.load(Team)
        self.team_name.value = team.name
        self.school.value = team.school
        self.members.set_rows([m.model_dump() for m in team.members])
        if not team.members:
            self.members.add_row({})

    @guarded(lambda self: self.messages)
    def save_roster(self) -> None:
        self.members.clear_errors()
        members = []
        names: dict[str, int] = {}
        problems = 0
        for index, row in enumerate(self.members.values()):
            name, role = (row["name"] or "").strip(), row["role"]
            if not name and not role:
                continue  # an empty row the team added but did not use
            if not name:
                self.members.show_row_error(index, "Please type this member's name.")
                problems += 1
                continue
            if not role:
                self.members.show_row_error(index, f"Please choose a role for {name}.")
                problems += 1
                continue
            if name.casefold() in names:
                self.members.show_row_error(index, f"{name} is already on the list.")
                problems += 1
                continue
            names[name.casefold()] = index
            members.append(build(Member, {"name": name, "role": role}))
        if problems:
            raise InputError("Nothing was saved: please fix the rows marked above.")
        saved = self.update_fields(
            Team, "the roster", name=self.team_name.value, school=self.school.value, members=members
        )
        self.messages.ok(f"Saved the roster: {len(saved.members)} members.")
