"""The map activity: the 2x2 quadrant map, optionally only the resources behind one criterion."""

from __future__ import annotations

import ipywidgets as widgets

from workshop_kit.activities.day2.base import ALL, Day2Panel
from workshop_kit.charts import to_png, to_svg
from workshop_kit.charts.resource_map import map_svg
from workshop_kit.charts.resource_map import resource_map as draw_map
from workshop_kit.logic.resources import quadrant_counts, thin_quadrants
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.ui.chart import Chart
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.parts import button, dropdown

MAP_PNG = "resource_map.png"
MAP_SVG = "resource_map.svg"


class MapPanel(Day2Panel):
    """The 2x2 quadrant map, optionally showing only the resources behind one success criterion."""

    kinds = (ResourceInventory,)

    def build(self) -> list[widgets.Widget]:
        self.show = dropdown("wk-map-filter", "Show", "620px", self.redraw)
        self.picture = Chart()
        self.save_button = button(
            "wk-save-map",
            self.save_pictures,
            "Save the map as pictures (PNG and SVG)",
            "image",
            width="320px",
        )
        self.inventory = ResourceInventory()
        self.criteria: dict[str, str] = {}
        self._filling = False
        return [self.show, self.picture, self.save_button]

    def status(self) -> str:
        shown = self.shown()
        thin = thin_quadrants(quadrant_counts(shown.resources, self.config), self.config)
        on_map = plural(len(shown.resources), "resource")
        return f"{on_map} on the map; thin: {', '.join(thin) or 'none'}"

    def refresh(self) -> None:
        self.inventory = self.load(ResourceInventory)
        work = self.load(GoalWork)
        self.criteria = {c.id: c.measure for c in work.success_criteria}
        keep = self.show.value
        self._filling = True
        try:
            self.show.options = [("All resources", ALL)] + [
                (f"Only resources serving: {c.measure}", c.id) for c in work.success_criteria
            ]
            self.show.value = keep if keep in {c.id for c in work.success_criteria} else ALL
        finally:
            self._filling = False
        self.redraw()

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (ResourceInventory, GoalWork):
            self.rebuild()

    def on_saved_elsewhere(self, kind: type[Document], author: str) -> None:
        """The map only shows the inventory (its one choice, what to show, is kept by a
        redraw): another device's save is drawn at once."""
        self.rebuild()

    def shown(self) -> ResourceInventory:
        chosen = self.show.value or ALL
        if chosen == ALL:
            return self.inventory
        return self.inventory.model_copy(
            update={
                "resources": tuple(
                    r for r in self.inventory.resources if chosen in r.success_criteria
                )
            }
        )

    def figure_title(self) -> str:
        chosen = self.show.value or ALL
        shown = len(self.shown().resources)
        if chosen == ALL:
            return f"Our instructional resources ({shown})"
        measure = self.criteria.get(chosen, chosen)
        return f"Resources serving ‘{measure}’ ({shown} of {len(self.inventory.resources)})"

    @guarded(lambda self: self.messages)
    def redraw(self) -> None:
        if self._filling:
            return
        shown = self.shown()
        self.picture.show_svg(
            map_svg(shown, self.config, self.figure_title()), self.describe(shown)
        )

    def describe(self, shown: ResourceInventory) -> str:
        """The map in words: each quadrant's count of resources by use."""
        parts = []
        for quadrant in self.config.quadrants:
            inside = [r for r in shown.resources if r.quadrant == quadrant.id]
            uses = ", ".join(
                f"{n} {s.label.lower()}"
                for s in self.config.use_statuses
                if (n := sum(1 for r in inside if r.use == s.id))
            )
            parts.append(
                f"{quadrant.label}: {plural(len(inside), 'resource')}"
                + (f" ({uses})" if uses else "")
            )
        return f"Resource map, {self.figure_title()}. " + "; ".join(parts) + "."

    @guarded(lambda self: self.messages)
    def save_pictures(self) -> None:
        figure = draw_map(self.shown(), self.config, self.figure_title())
        self.team.write_export(MAP_PNG, to_png(figure, dpi=150))
        self.team.write_export(MAP_SVG, to_svg(figure))
        self.messages.ok(f"Saved {MAP_PNG} and {MAP_SVG} in the team's exports folder.")
