"""Day 1, norms: the team's norms, one per line, starting from the facilitator's suggestions."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day1.base import Day1Panel
from workshop_kit.activities.paste import PasteRows
from workshop_kit.logic.parse import parse_lines
from workshop_kit.logic.paste import PasteColumn
from workshop_kit.logic.words import plural
from workshop_kit.model.team import Team
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.parts import button, save_button, tagged

#: the one column of a pasted list of norms; a first line that is only a heading is left out
NORM_COLUMN = PasteColumn("norm", "Norm", ("our norm", "team norm", "norms we agreed"))


class NormsPanel(Day1Panel):
    """The team's norms, one per line, starting from the facilitator's suggestions."""

    kinds = (Team,)

    def build(self) -> list[widgets.Widget]:
        self.norms = tagged(
            widgets.Textarea(
                continuous_update=False,
                placeholder="One norm per line",
                layout={"width": "680px", "height": "170px"},
            ),
            "wk-norms-text",
        )
        self.suggest_button = button(
            "wk-suggest-norms", self.add_suggestions, "Add the suggested norms", "lightbulb-o"
        )
        self.agreed = tagged(
            widgets.Checkbox(
                description="Everyone on the team can live with these norms", indent=False
            ),
            "wk-norms-agreed",
        )
        self.paste = PasteRows(
            [NORM_COLUMN],
            self.add_pasted,
            "norm",
        )
        self.save_button = save_button("wk-save-norms", self.save_norms, "Save the norms")
        return [self.norms, self.suggest_button, self.paste, self.agreed, self.save_button]

    def status(self) -> str:
        agreed = "agreed" if self.agreed.value else "not yet agreed"
        return f"{plural(len(self.typed_norms()), 'norm')}, {agreed}"

    def refresh(self) -> None:
        team = self.load(Team)
        self.norms.value = "\n".join(team.norms)
        self.agreed.value = team.norms_agreed
        if not team.norms:
            self.messages.info("No norms saved yet: add the suggested ones and make them your own.")

    def typed_norms(self) -> list[str]:
        return parse_lines(self.norms.value)

    @guarded(lambda self: self.messages)
    def add_suggestions(self) -> None:
        norms, added = Team.norms_with_suggestions(self.typed_norms(), self.config.suggested_norms)
        self.norms.value = "\n".join(norms)
        self.messages.info(f"Added {plural(added, 'suggested norm')}. Edit them, then save.")

    def add_pasted(self, rows: list[dict[str, str]]) -> str:
        """Pasted norms go below the typed ones, each on its own line; nothing is saved yet."""
        pasted = [row["norm"] for row in rows]
        self.norms.value = "\n".join([*self.typed_norms(), *pasted])
        return f"Added {plural(len(pasted), 'norm')} to the list. Edit them, then save."

    @guarded(lambda self: self.messages)
    def save_norms(self) -> None:
        norms, agreed = self.typed_norms(), self.agreed.value
        heading = ""
        if len(norms) > 1 and NORM_COLUMN.is_heading(norms[0]):  # pasted with its column heading
            heading, norms = norms[0], norms[1:]
        self.update(Team, lambda team: team.with_norms(norms, agreed), "the norms")
        if heading:
            self.norms.value = "\n".join(norms)
        state = "agreed" if agreed else "saved as a draft (not yet agreed)"
        left_out = (
            f" The first line, ‘{heading}’, is a heading and was left out." if heading else ""
        )
        self.messages.ok(f"{plural(len(norms), 'norm')} {state}.{left_out}")
