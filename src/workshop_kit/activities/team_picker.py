"""Pick the team's workbook, or create a new one, and say who is at this device. Shown at the top
of every day's notebook.

On an app page the choice is also written into the page's address (``?team=…&member=…``, by the
page template's script reading the ``data-wk-team`` marker), so a reload, the back button and the
links to the other days reopen the same team."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.model.base import Document
from workshop_kit.model.team import Team
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.panel import Panel
from workshop_kit.ui.parts import button, dropdown, limited, tagged

#: a team this page has no join code for
NEEDS_CODE = "This page has no join code for that team: ask your facilitator for it."
#: the "I am" choice of a shared screen, or of someone who has not said
NOT_SAID = "Not said (a shared screen)"


class TeamPicker(Panel):
    """Switches the session to another team; every panel on the page rebuilds from its files."""

    def build(self) -> list[widgets.Widget]:
        self.choice = dropdown("wk-team-choice", "Team", "420px")
        self.open_button = button(
            "wk-open-team", self.open_selected, "Open this workbook", "folder-open"
        )
        self.new_name = tagged(
            limited(
                widgets.Text(
                    continuous_update=False,
                    description="New team",
                    placeholder="e.g. Lincoln Elementary ILT",
                    layout={"width": "420px"},
                ),
                Team,
                "name",
            ),
            "wk-new-team-name",
        )
        self.create_button = button(
            "wk-create-team", self.create, "Create workbook", "plus", style="primary"
        )
        self.name_message = Messages()
        self.current = widgets.HTML()
        self.member = dropdown("wk-member", "I am", "420px", self.choose_member)
        return [
            self.current,
            widgets.HBox([self.choice, self.open_button]),
            self.member,
            widgets.HBox([self.new_name, self.create_button]),
            self.name_message,
        ]

    def refresh(self) -> None:
        ws = self.session.workspace
        options = [
            (ws.open_team(slug).display_name, slug) for slug in self.session.openable_teams()
        ]
        self.choice.options = options
        chosen = self.session.chosen
        self.choice.value = chosen.slug if chosen else None
        if chosen is None:
            self.member.options = [(NOT_SAID, "")]
            self.current.value = '<p class="wk-current-team">No team is open on this page yet.</p>'
            if self.session.address_problem:
                self.messages.error(self.session.address_problem)
            else:
                self.messages.info(
                    "Choose your team's workbook and open it"
                    + (", or create it." if self.session.allowed is None else ".")
                    + " To look around first, open the demo school."
                )
            return
        self.show_members(chosen.peek(Team))
        self.show_current()

    def show_members(self, team: Team) -> None:
        """Offer the roster under "I am"; a name no longer on it (from an old address, or
        removed from the roster) is forgotten."""
        names = list(team.member_names)
        wanted = self.session.member if self.session.member in names else ""
        options = [(NOT_SAID, ""), *((n, n) for n in names)]
        if list(self.member.options) != options:
            self.member.options = options
        self.member.value = wanted
        self.session.member = wanted

    def on_document_saved(self, kind: type[Document]) -> None:
        """A roster saved on this page or another device: "I am" offers its members at once
        (private ratings are rated only as the member chosen there)."""
        if kind is Team and self.session.chosen is not None:
            self.show_members(self.team.peek(Team))
            self.show_current()

    def show_current(self) -> None:
        """The open team in words, with the marker the page's script copies into the address."""
        team = self.team
        self.current.value = (
            f'<p class="wk-current-team">Working in the workbook of '
            f"<b>{esc(team.display_name)}</b>.</p>"
            f'<span hidden data-wk-team="{esc(team.slug)}" '
            f'data-wk-member="{esc(self.session.member)}"></span>'
        )

    @guarded(lambda self: self.messages)
    def choose_member(self) -> None:
        self.session.member = self.member.value or ""
        if self.session.chosen is not None:
            self.show_current()

    @guarded(lambda self: self.messages)
    def open_selected(self) -> None:
        if self.choice.value is None:
            self.messages.error("Choose a team first.")
            return
        if not self.session.may_open(self.choice.value):
            self.messages.error(NEEDS_CODE)
            return
        self.session.switch(self.session.workspace.open_team(self.choice.value))
        self.messages.ok(f"Opened the workbook of {self.team.display_name}.")

    @guarded(lambda self: self.name_message)
    def create(self) -> None:
        self.name_message.clear()
        if self.session.allowed is not None:
            self.name_message.error(
                "Your facilitator creates each team's workbook on these pages and gives you its "
                "join code: ask them."
            )
            return
        book = self.session.workspace.create_team(self.new_name.value)
        self.new_name.value = ""
        self.session.switch(book)
        self.messages.ok(
            f"Created a workbook for {book.display_name}. Everything below now saves there."
        )
