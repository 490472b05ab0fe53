"""Day 1, roster: the team's name, school, every member with their role and the staff group they
speak for, and which staff groups no one on the team speaks for."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.activities.paste import SEVERAL_CELLS, PasteRows
from workshop_kit.errors import InputError
from workshop_kit.logic.paste import looks_pasted
from workshop_kit.logic.plausibility import roster_warnings
from workshop_kit.logic.team import voice_summary
from workshop_kit.logic.words import plural
from workshop_kit.model.team import Member, Team, member_field
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.labels import on_label
from workshop_kit.ui.messages import SecondSave
from workshop_kit.ui.parts import limited, save_button, tagged
from workshop_kit.ui.row_editor import ROWS_NOT_SAVED, Column, RowEditor
from workshop_kit.validation import build


class RosterPanel(Day1Panel):
    """Team name, school, and every member with their role and whom they speak for; under the
    table, the staff groups no one on the team speaks for."""

    kinds = (Team,)

    def build(self) -> list[widgets.Widget]:
        self.team_name = tagged(
            limited(
                widgets.Text(
                    continuous_update=False, description="Team name", layout={"width": "460px"}
                ),
                Team,
                "name",
            ),
            "wk-team-name",
        )
        self.school = tagged(
            limited(
                widgets.Text(
                    continuous_update=False, description="School", layout={"width": "460px"}
                ),
                Team,
                "school",
            ),
            "wk-school",
        )
        self.members = RowEditor(
            [
                Column.of(
                    Member,
                    "name",
                    placeholder="First and last name",
                    width="240px",
                    headings=("member", "full name", "team member", "person"),
                ),
                Column.of(
                    Member,
                    "role",
                    kind="choice",
                    options=self.config.roles,
                    width="220px",
                    headings=("position", "job", "job title"),
                ),
                *(
                    [
                        Column.of(
                            Member,
                            "represents",
                            kind="choice",
                            options=["", *self.config.staff_groups],
                            width="240px",
                            headings=("represents", "group", "grade or department"),
                        )
                    ]
                    if self.config.staff_groups
                    else []
                ),
            ],
            add_label="Add a member",
        )
        self.paste = PasteRows(
            self.members.paste_columns(),
            lambda rows: self.members.add_pasted(rows, "member"),
            "member",
        )
        self.save_button = save_button("wk-save-roster", self.save_roster, "Save the roster")
        self.second_save = SecondSave()
        self.voice = tagged(widgets.HTML(), "wk-team-voice")
        return [
            self.team_name,
            self.school,
            self.members,
            self.paste,
            self.save_button,
            self.voice,
        ]

    def show_voice(self, team: Team) -> None:
        """Which staff groups no one on the saved team speaks for, in plain words."""
        text = voice_summary(team.members, self.config.staff_groups)
        self.voice.value = f"<p><b>Whose voice is here?</b> {esc(text)}</p>" if text else ""

    def status(self) -> str:
        rows = [r for r in self.members.values() if (r["name"] or "").strip()]
        return plural(len(rows), "member")

    def refresh(self) -> None:
        team = self.load(Team)
        self.team_name.value = team.name
        self.school.value = team.school
        self.members.set_rows([m.model_dump() for m in team.members])
        if not team.members:
            self.members.add_row({})
        self.show_voice(team)

    @guarded(lambda self: self.messages)
    def save_roster(self) -> None:
        typed = self.members.typed(
            self.read_member,
            used=("name", "role"),
            problem=self.member_problem,
        )
        members = [member for _, member in typed]
        rows = [index for index, _ in typed]  # the row each member was typed on
        typed_values = (self.team_name.value, self.school.value, tuple(members))
        if self.second_save.holds_back(
            self.messages, roster_warnings(members), typed_values, self.save_button.description
        ):
            return
        try:
            saved = self.update(
                Team,
                lambda team: team.with_roster(self.team_name.value, self.school.value, members),
                "the roster",
            )
        except InputError as exc:
            row_of = {member_field(n): index for n, index in enumerate(rows)}
            if exc.field not in row_of:  # the team's name or school
                labels = {"name": self.team_name.description, "school": self.school.description}
                raise InputError(on_label(exc, labels), field=exc.field) from None
            self.members.show_row_error(row_of[exc.field], exc.message)
            raise InputError(ROWS_NOT_SAVED) from None
        self.show_voice(saved)
        self.messages.ok(f"Saved the roster: {plural(len(saved.members), 'member')}.")

    def read_member(self, row: dict[str, Any]) -> Member:
        if looks_pasted(row["name"] or ""):
            raise InputError(SEVERAL_CELLS, field="name")
        return build(
            Member,
            {
                "name": (row["name"] or "").strip(),
                "role": row["role"] or "",
                "represents": row.get("represents") or "",
            },
        )

    def member_problem(self, exc: InputError, row: dict[str, Any]) -> str:
        """What a row says about the model's objection to one of its fields."""
        name = (row["name"] or "").strip()
        if exc.message == SEVERAL_CELLS:
            return SEVERAL_CELLS
        if exc.field == "name" and not name:
            return "Please type this member's name."
        if exc.field == "role" and not row["role"]:
            return f"Please choose a role for {name}."
        return on_label(exc, self.members.labels)
