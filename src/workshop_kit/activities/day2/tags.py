"""The shared base of the links and support activities: tick the resources that carry one tag
(a success criterion, a form of leadership support), then save."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from workshop_kit.activities.day2.base import Day2Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.ui.closing import replace_children
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.parts import save_button, tagged


class TagPanel(Day2Panel):
    """Tick the resources that carry one tag (a success criterion, a form of support), then save."""

    kinds = (ResourceInventory,)
    chooser_label = ""
    save_label = ""

    def build(self) -> list[widgets.Widget]:
        self.chooser = tagged(
            widgets.Dropdown(
                description=self.chooser_label,
                layout={"width": "680px"},
                style={"description_width": "120px"},
            ),
            "wk-tag-choice",
            on_change=self.show_ticks,
        )
        self.checks: dict[str, widgets.Checkbox] = {}
        self._check_layout = widgets.Layout(width="440px")
        self._columns = widgets.Layout(flex_flow="row wrap", width="900px")
        self._check_style = CheckboxStyle()
        self.check_box = tagged(widgets.VBox(), "wk-tag-resources")
        self.save_button = save_button(
            "wk-save-tags", self.save_ticks, self.save_label, width="300px"
        )
        self.overview = tagged(widgets.HTML(), "wk-tag-overview")
        self._filling = False
        #: the headings and resource ids shown, to rebuild the groups only when they change
        self._shape: list[tuple[str, list[str]]] = []
        return [self.overview, self.chooser, self.check_box, self.save_button]

    # subclasses say what the tags are and how to apply them
    def tag_options(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def tags_of(self, resource: Resource) -> tuple[str, ...]:
        raise NotImplementedError

    def apply(self, tag: str) -> Callable[[ResourceInventory, set[str]], ResourceInventory]:
        raise NotImplementedError

    def overview_html(self, inventory: ResourceInventory) -> str:
        raise NotImplementedError

    def empty_message(self) -> str:
        return ""

    def refresh(self) -> None:
        inventory = self.load(ResourceInventory)
        options = self.tag_options()
        keep = self.chooser.value
        self._filling = True
        try:
            self.chooser.options = options
            values = [value for _label, value in options]
            self.chooser.value = keep if keep in values else (values[0] if values else None)
        finally:
            self._filling = False
        groups = self.groups(inventory)
        # the tick boxes already shown stay (a save elsewhere on the page refreshes this panel:
        # recreating 300 tick boxes each time kept the page busy for seconds)
        checks: dict[str, widgets.Checkbox] = {}
        for _heading, inside in groups:
            for resource in inside:
                check = self.checks.get(resource.id)
                if check is None:
                    check = self.new_check(resource)
                check.description = resource.name  # sent to the page only when it changed
                checks[resource.id] = check
        self.checks = checks
        shared = [self._columns, self._check_layout, self._check_style]
        shape = [(heading, [r.id for r in inside]) for heading, inside in groups]
        if shape != self._shape:
            self._shape = shape
            shown: list[widgets.Widget] = []
            for heading, inside in groups:
                shown += [
                    widgets.HTML(f"<b>{esc(heading)}</b>"),
                    widgets.Box([checks[r.id] for r in inside], layout=self._columns),
                ]
            # closes the old groups with the tick boxes of resources no longer listed (a removed
            # resource always changes the shape)
            replace_children(self.check_box, shown, [*shared, *checks.values()])
        self.overview.value = self.overview_html(inventory)
        self.show_ticks(inventory)
        if not options:
            self.messages.info(self.empty_message())
        elif not inventory.resources:
            self.messages.info("The inventory is empty: list some resources first.")

    def groups(self, inventory: ResourceInventory) -> list[tuple[str, list[Resource]]]:
        """The resources by quadrant, each sorted by name, under the heading they are shown with;
        resources in a quadrant this workshop does not use come last."""
        groups = []
        for quadrant in self.config.quadrants:
            inside = sorted(
                (r for r in inventory.resources if r.quadrant == quadrant.id),
                key=lambda r: r.name.casefold(),
            )
            if inside:
                groups.append((quadrant.label, inside))
        known = {q.id for q in self.config.quadrants}
        strays = [r for r in inventory.resources if r.quadrant not in known]
        if strays:
            groups.append(("In a quadrant this workshop does not use", strays))
        return groups

    def new_check(self, resource: Resource) -> widgets.Checkbox:
        # one shared layout and style: a checkbox per resource would otherwise bring two more
        # widget models each to the page, which slows a notebook with hundreds of resources
        check = tagged(
            widgets.Checkbox(
                description=resource.name,
                indent=False,
                layout=self._check_layout,
                style=self._check_style,
            ),
            f"wk-tag-{resource.id}",
        )
        return check

    def show_ticks(self, inventory: ResourceInventory | None = None) -> None:
        if self._filling:
            return
        inventory = inventory or self.load(ResourceInventory)
        tag = self.chooser.value
        for resource in inventory.resources:
            check = self.checks.get(resource.id)
            if check is not None:
                check.value = bool(tag) and tag in self.tags_of(resource)

    def status(self) -> str:
        inventory = self.load(ResourceInventory)
        tag = self.chooser.value
        ticked = sum(1 for r in inventory.resources if tag and tag in self.tags_of(r))
        return f"{tag or 'nothing chosen'}: {plural(ticked, 'resource')}"

    def on_document_saved(self, kind: type[Document]) -> None:
        if kind in (ResourceInventory, GoalWork):
            self.rebuild()

    @guarded(lambda self: self.messages)
    def save_ticks(self) -> None:
        tag = self.chooser.value
        if not tag:
            raise InputError(self.empty_message() or "Choose what to link first.")
        chosen = {rid for rid, check in self.checks.items() if check.value}
        label = dict((v, k) for k, v in self.tag_options()).get(tag, tag)
        update = self.apply(tag)
        saved = self.update(
            ResourceInventory, lambda current: update(current, chosen & current.ids), label
        )
        self.overview.value = self.overview_html(saved)
        count = sum(1 for r in saved.resources if tag in self.tags_of(r))
        self.messages.ok(f"Saved: {plural(count, 'resource')} for ‘{label}’.")
