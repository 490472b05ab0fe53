"""The links activity: which resources can serve each success criterion, and the criteria with
nothing behind them."""

from __future__ import annotations

from collections.abc import Callable

from workshop_kit.activities.day2.tags import TagPanel
from workshop_kit.logic.resources import find, link_criterion
from workshop_kit.logic.words import plural
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.ui.html import Cell, html_table, names_html, number


class LinksPanel(TagPanel):
    """Which resources can serve each success criterion; criteria with nothing behind them."""

    chooser_label = "Success criterion"
    save_label = "Save the links"

    def tag_options(self) -> list[tuple[str, str]]:
        return [(c.measure, c.id) for c in self.load(GoalWork).success_criteria]

    def tags_of(self, resource: Resource) -> tuple[str, ...]:
        return resource.success_criteria

    def apply(self, tag: str) -> Callable[[ResourceInventory, set[str]], ResourceInventory]:
        return lambda inventory, chosen: link_criterion(inventory, tag, chosen)

    def empty_message(self) -> str:
        return "This workbook has no success criteria yet. Add them to the goal on Day 1 first."

    def overview_html(self, inventory: ResourceInventory) -> str:
        criteria = self.load(GoalWork).success_criteria
        f = find(inventory, self.config, criteria)
        rows = []
        for criterion in criteria:
            found = f.by_criterion.get(criterion.id, ())
            note = names_html(found, 5) if found else "<b>⚠ no resources behind it yet</b>"
            rows.append((criterion.measure, number(len(found)), Cell(note)))
        if not rows:
            return ""
        missing = len(f.criteria_without_resources)
        verdict = (
            f"<p class='wk-criteria-missing'><b>"
            f"{plural(missing, 'success criterion has', 'success criteria have')} no resources "
            "behind them.</b> Which resource could the school generate for them?</p>"
            if missing
            else "<p class='wk-criteria-missing'>Every success criterion has resources behind "
            "it.</p>"
        )
        headers = ("Success criterion", "Resources", "Most relevant")
        return html_table(headers, rows, "wk-links-overview") + verdict
