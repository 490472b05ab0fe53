"""Pick the team's workbook, or create a new one. Shown at the top of every day's notebook."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.common import Messages, Panel, guarded
from workshop_kit.activities.parts import button, dropdown, tagged


class TeamPicker(Panel):
    """Switches the session to another team; every panel on the page rebuilds from its files."""

    def build(self) -> list[widgets.Widget]:
        self.choice = dropdown("wk-team-choice", "Team", "420px")
        self.open_button = button(
            "wk-open-team", self.open_selected, "Open this workbook", "folder-open"
        )
        self.new_name = tagged(
            widgets.Text(
                continuous_update=False,
                description="New team",
                placeholder="e.g. Lincoln Elementary ILT",
                layout={"width": "420px"},
            ),
            "wk-new-team-name",
        )
        self.create_button = button(
            "wk-create-team", self.create, "Create workbook", "plus", style="primary"
        )
        self.name_message = Messages()
        self.current = widgets.HTML()
        return [
            self.current,
            widgets.HBox([self.choice, self.open_button]),
            widgets.HBox([self.new_name, self.create_button]),
            self.name_message,
        ]

    def refresh(self) -> None:
        ws = self.session.workspace
        options = [(ws.open_team(slug).display_name, slug) for slug in ws.team_slugs()]
        self.choice.options = options
        self.choice.value = self.team.slug
        from workshop_kit.activities.common import esc

        self.current.value = (
            f'<p class="wk-current-team">Working in the workbook of '
            f"<b>{esc(self.team.display_name)}</b>.</p>"
        )

    @guarded(lambda self: self.messages)
    def open_selected(self) -> None:
        if self.choice.value is None:
            self.messages.error("Choose a team first.")
            return
        self.session.switch(self.session.workspace.open_team(self.choice.value))
        self.messages.ok(f"Opened the workbook of {self.team.display_name}.")

    @guarded(lambda self: self.name_message)
    def create(self) -> None:
        self.name_message.clear()
        book = self.session.workspace.create_team(self.new_name.value)
        self.new_name.value = ""
        self.session.switch(book)
        self.messages.ok(
            f"Created a workbook for {book.display_name}. Everything below now saves there."
        )
