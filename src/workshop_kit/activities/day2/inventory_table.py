"""The inventory's table: a page of resources (of one quadrant, or all) edited in place, saved
together. Each row is its own resource, so a row can never overwrite another one."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day2.base import ALL, Day2Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.words import plural
from workshop_kit.model.names import name_key, new_id, tidy
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import esc
from workshop_kit.ui.parts import button, limit_of, save_button, tagged
from workshop_kit.ui.row_editor import Column, RowEditor
from workshop_kit.validation import build

PAGE_ROWS = 10  # rows of the inventory table shown at once: quick to draw, easy to scan


class InventoryTable(Day2Panel):
    """The base of the inventory panel: the table, its quadrant filter and its pages."""

    def build(self) -> list[widgets.Widget]:
        """The table with its heading, filter and buttons; a subclass shows them with more."""
        cfg = self.config
        self.quadrant_by_label = {q.label: q.id for q in cfg.quadrants}
        self.use_by_label = {s.label: s.id for s in cfg.use_statuses}
        self.table = RowEditor(
            [
                Column("name", "Resource", width="250px", limit=limit_of(Resource, "name")),
                Column(
                    "quadrant",
                    "Quadrant",
                    kind="choice",
                    options=list(self.quadrant_by_label),
                    width="230px",
                ),
                Column("holder", "Who holds it", width="170px", limit=limit_of(Resource, "holder")),
                Column("use", "Use", kind="choice", options=list(self.use_by_label), width="110px"),
                Column("recognized_before", "Seen before", kind="flag", width="80px"),
                Column("can_generate", "Can grow", kind="flag", width="70px"),
                Column("new_money", "New money", kind="flag", width="75px"),
            ],
            add_label="Add a row",
        )
        self.page = 0
        self.page_ids: list[str] = []
        self.loaded_rows: list[dict[str, Any]] = []
        self.shown_quadrant = ALL
        self._filling = False
        self.table_filter = tagged(
            widgets.Dropdown(
                description="Show",
                options=[("All quadrants", ALL)] + [(q.label, q.id) for q in cfg.quadrants],
                layout={"width": "420px"},
            ),
            "wk-inventory-filter",
            on_change=self.choose_quadrant,
        )
        self.prev_button = button(
            "wk-inventory-previous", lambda: self.turn_page(-1), "Previous", "chevron-left"
        )
        self.next_button = button(
            "wk-inventory-next", lambda: self.turn_page(1), "Next", "chevron-right"
        )
        self.page_label = tagged(widgets.HTML(), "wk-inventory-page")
        self.save_button = save_button("wk-save-inventory", self.save_table, "Save the table")
        return [
            widgets.HTML(
                "<h4>Your inventory</h4><p>Edit any row, remove rows you do not need, then "
                "save the table. Nothing changes until you save.</p>"
            ),
            widgets.HBox([self.table_filter, self.page_label]),
            self.table,
            widgets.HBox([self.save_button, self.prev_button, self.next_button]),
        ]

    def fill_table(self, inventory: ResourceInventory) -> None:
        """Show one page of the inventory (of the chosen quadrant) in the table."""
        chosen = self.table_filter.value or ALL
        matching = [r for r in inventory.resources if chosen in (ALL, r.quadrant)]
        pages = max(1, -(-len(matching) // PAGE_ROWS))
        self.page = min(max(self.page, 0), pages - 1)
        page = matching[self.page * PAGE_ROWS : (self.page + 1) * PAGE_ROWS]
        self.page_ids = [r.id for r in page]
        self.table.set_rows(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "quadrant": self.config.quadrant_label(r.quadrant),
                    "holder": r.holder,
                    "use": self.config.use_label(r.use),
                    "recognized_before": r.recognized_before,
                    "can_generate": r.can_generate,
                    "new_money": r.new_money,
                }
                for r in page
            ]
        )
        self.loaded_rows = self.table.values()
        first = self.page * PAGE_ROWS + 1 if page else 0
        where = "" if chosen == ALL else f" in {esc(self.config.quadrant_label(chosen))}"
        self.page_label.value = (
            f"Resources {first}–{first + len(page) - 1 if page else 0} of {len(matching)}{where}"
            f" (page {self.page + 1} of {pages})"
        )
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= pages - 1

    def after_table_save(self, inventory: ResourceInventory) -> None:
        """Called after the table (or an import) saved ``inventory`` (default: nothing)."""

    def table_changed(self) -> bool:
        """Whether the team typed something in the table that is not saved yet."""
        return self.table.values() != self.loaded_rows

    @guarded(lambda self: self.messages)
    def turn_page(self, step: int) -> None:
        if self.table_changed():
            raise InputError(
                "The table has changes that are not saved yet: save the table first, then turn "
                "the page."
            )
        self.page += step
        self.fill_table(self.load(ResourceInventory))
        self.messages.clear()

    @guarded(lambda self: self.messages)
    def choose_quadrant(self) -> None:
        if self._filling:
            return
        if self.table_changed():
            self._filling = True
            try:
                self.table_filter.value = self.shown_quadrant
            finally:
                self._filling = False
            raise InputError(
                "The table has changes that are not saved yet: save the table first, then choose "
                "another quadrant."
            )
        self.shown_quadrant = self.table_filter.value or ALL
        self.page = 0
        self.fill_table(self.load(ResourceInventory))
        self.messages.clear()

    def typed_rows(self) -> list[dict[str, Any]]:
        """The rows as model fields (ids for labels), each checked by the model; a problem is
        shown under its row and nothing is saved."""
        seen: dict[str, int] = {}  # a name's key -> the index of the row it was first typed on
        rows = self.table.values()  # to find a row's index: typed() reads these same values

        def read(row: dict[str, Any]) -> dict[str, Any]:
            name = tidy(row.get("name"))
            shown = {
                "name": name,
                "quadrant": self.quadrant_by_label.get(row.get("quadrant") or ""),
                "holder": str(row.get("holder") or ""),
                "use": self.use_by_label.get(row.get("use") or ""),
                "recognized_before": bool(row["recognized_before"]),
                "can_generate": bool(row["can_generate"]),
                "new_money": bool(row["new_money"]),
            }
            if name and name_key(name) in seen:
                raise InputError(
                    f"‘{name}’ is already in row {seen[name_key(name)] + 1}; keep one of them."
                )
            if name and shown["quadrant"] is None:
                raise InputError(f"Please choose the quadrant ‘{name}’ belongs in.")
            if name and shown["use"] is None:
                raise InputError(f"Please choose how well ‘{name}’ is used toward the goal.")
            # the model's own checks (a name, lengths), with a stand-in id
            build(Resource, {"id": str(row.get("id") or "new"), **shown})
            # the first row equal to this one is this one: an equal row before it has the same
            # name, so it either stopped above or failed the same checks
            seen[name_key(name)] = rows.index(row)
            return {**shown, "id": str(row.get("id") or "")}

        return [shown for _, shown in self.table.typed(read, used=("name", "holder", "id"))]

    @guarded(lambda self: self.messages)
    def save_table(self) -> None:
        typed = self.typed_rows()
        page_ids = set(self.page_ids)

        def change(saved: ResourceInventory) -> ResourceInventory:
            elsewhere = {name_key(r.name) for r in saved.resources if r.id not in page_ids}
            clashes = [row["name"] for row in typed if name_key(row["name"]) in elsewhere]
            if clashes:
                names = ", ".join(f"‘{name}’" for name in clashes)
                raise InputError(
                    f"Nothing was saved: {names} already in the inventory (on another page or "
                    "in another quadrant); keep one of them."
                )
            taken = set(saved.ids) | {row["id"] for row in typed if row["id"]}
            updated: dict[str, Resource] = {}
            added: list[Resource] = []
            for row in typed:
                # fields the table does not show come from the saved file, so links made in
                # another panel a moment ago are kept
                before = saved.resource(row["id"])
                if before is None:
                    rid = new_id(row["name"], taken, "resource")
                    taken.add(rid)
                    added.append(build(Resource, {**row, "id": rid}))
                else:
                    updated[before.id] = build(Resource, {**before.model_dump(), **row})
            # resources on other pages stay as saved; rows removed from this page are deleted
            kept = [
                updated.get(r.id, r)
                for r in saved.resources
                if r.id in updated or r.id not in page_ids
            ]
            return build(ResourceInventory, {"resources": [*kept, *added]})

        saved = self.update(ResourceInventory, change, "the inventory")
        self.fill_table(saved)
        self.after_table_save(saved)
        self.messages.ok(f"Saved the inventory: {plural(len(saved.resources), 'resource')}.")
