"""The inventory activity: add resources through a form, edit or remove them in a table (a page
of one quadrant at a time), load them from a spreadsheet, or save them as one."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.common import (
    Column,
    Messages,
    RowEditor,
    esc,
    guarded,
    on_click,
    replace_children,
)
from workshop_kit.activities.day2.base import ALL, Day2Panel
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.errors import InputError
from workshop_kit.exports.spreadsheet import write_csv, write_xlsx
from workshop_kit.logic.resource_import import ImportReport, inventory_rows, read_inventory
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory, slugify
from workshop_kit.session import Session
from workshop_kit.validation import build

CSV_FILE = "resources.csv"
XLSX_FILE = "resources.xlsx"
PAGE_ROWS = 10  # rows of the inventory table shown at once: quick to draw, easy to scan


class InventoryPanel(Day2Panel):
    """Add resources through a form, edit or remove them in a table, or import a spreadsheet."""

    kinds = (ResourceInventory,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-inventory")
        cfg = self.config
        wide = {"width": "620px"}
        label_style = {"description_width": "170px"}
        self.name = widgets.Text(
            description="Resource",
            placeholder="e.g. Weekly grade-level meetings",
            layout=wide,
            style=label_style,
        )
        self.description = widgets.Textarea(
            description="What it is", layout={**wide, "height": "60px"}, style=label_style
        )
        self.quadrant = widgets.Dropdown(
            description="Quadrant",
            options=[("(choose a quadrant)", "")] + [(q.label, q.id) for q in cfg.quadrants],
            layout=wide,
            style=label_style,
        )
        self.holder = widgets.Text(
            description="Who holds it / where",
            layout=wide,
            style=label_style,
            placeholder="a person, a team, a shared drive…",
        )
        self.recognized = widgets.Checkbox(
            value=True, description="We saw this as a resource before today", indent=False
        )
        self.use = widgets.Dropdown(
            description="Use toward the goal",
            options=[(s.label, s.id) for s in cfg.use_statuses],
            value=cfg.use_status_ids[min(1, len(cfg.use_status_ids) - 1)],
            layout={"width": "380px"},
            style=label_style,
        )
        self.criteria_box = widgets.VBox()
        self.criteria_checks: dict[str, widgets.Checkbox] = {}
        self.can_generate = widgets.Checkbox(
            description="The school could generate more of it", indent=False
        )
        self.how_to_generate = widgets.Text(
            description="How",
            placeholder="who could create more, and how",
            layout=wide,
            style=label_style,
        )
        self.form_checks = {
            f.id: widgets.Checkbox(description=f.label, indent=False, layout={"width": "300px"})
            for f in cfg.support_forms
        }
        self.new_money = widgets.Checkbox(description="It would cost new money", indent=False)
        for w, css in (
            (self.name, "name"),
            (self.description, "description"),
            (self.quadrant, "quadrant"),
            (self.holder, "holder"),
            (self.recognized, "recognized"),
            (self.use, "use"),
            (self.can_generate, "can-generate"),
            (self.how_to_generate, "how"),
            (self.new_money, "new-money"),
        ):
            w.add_class(f"wk-resource-{css}")
        self.add_button = widgets.Button(
            description="Add this resource", icon="plus", button_style="primary"
        )
        self.add_button.add_class("wk-add-resource")
        self.form_message = Messages()
        on_click(self.add_button, self.add_resource)

        self.quadrant_by_label = {q.label: q.id for q in cfg.quadrants}
        self.use_by_label = {s.label: s.id for s in cfg.use_statuses}
        self.table = RowEditor(
            [
                Column("name", "Resource", width="250px"),
                Column(
                    "quadrant",
                    "Quadrant",
                    kind="choice",
                    options=list(self.quadrant_by_label),
                    width="230px",
                ),
                Column("holder", "Who holds it", width="170px"),
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
        self.table_filter = widgets.Dropdown(
            description="Show",
            options=[("All quadrants", ALL)] + [(q.label, q.id) for q in cfg.quadrants],
            layout={"width": "420px"},
        )
        self.table_filter.add_class("wk-inventory-filter")
        self.table_filter.observe(lambda _change: self.choose_quadrant(), names="value")
        self.prev_button = widgets.Button(description="Previous", icon="chevron-left")
        self.prev_button.add_class("wk-inventory-previous")
        self.next_button = widgets.Button(description="Next", icon="chevron-right")
        self.next_button.add_class("wk-inventory-next")
        on_click(self.prev_button, lambda: self.turn_page(-1))
        on_click(self.next_button, lambda: self.turn_page(1))
        self.page_label = widgets.HTML()
        self.page_label.add_class("wk-inventory-page")
        self.save_button = widgets.Button(
            description="Save the table", icon="save", button_style="primary"
        )
        self.save_button.add_class("wk-save-inventory")
        on_click(self.save_button, self.save_table)

        self.importer = SpreadsheetImport(
            self, "wk-resource-upload", self.read_spreadsheet, self.import_report
        )

        self.export_button = widgets.Button(
            description="Save as spreadsheet (CSV and Excel)",
            icon="download",
            layout={"width": "300px"},
        )
        self.export_button.add_class("wk-export-inventory")
        on_click(self.export_button, self.export)

        support = widgets.HBox(
            list(self.form_checks.values()), layout={"flex_flow": "row wrap", "width": "640px"}
        )
        form = widgets.VBox(
            [
                widgets.HTML("<h4>Add a resource</h4>"),
                self.name,
                self.description,
                self.quadrant,
                self.holder,
                self.recognized,
                self.use,
                widgets.HTML("<b>It can serve these success criteria:</b>"),
                self.criteria_box,
                self.can_generate,
                self.how_to_generate,
                widgets.HTML("<b>It provides this leadership support (optional):</b>"),
                support,
                self.new_money,
                self.add_button,
                self.form_message,
            ]
        )
        form.add_class("wk-resource-form")
        self.layout_children(
            form,
            widgets.HTML(
                "<h4>Your inventory</h4><p>Edit any row, remove rows you do not need, then "
                "save the table. Nothing changes until you save.</p>"
            ),
            widgets.HBox([self.table_filter, self.page_label]),
            self.table,
            widgets.HBox([self.save_button, self.prev_button, self.next_button]),
            widgets.HTML(
                "<h4>Or load a spreadsheet</h4><p>A CSV or Excel file with a row per resource and "
                "at least the columns <i>Name</i> and <i>Quadrant</i>. Rows with the name of a "
                "resource you already have update it.</p>"
            ),
            self.importer,
            self.export_button,
        )
        self.rebuild()

    def status(self) -> str:
        return f"{len(self.load(ResourceInventory).resources)} resources in the inventory"

    def refresh(self) -> None:
        inventory = self.load(ResourceInventory)
        work = self.load(GoalWork)
        self.criteria_checks = {
            c.id: widgets.Checkbox(description=c.measure, indent=False, layout={"width": "620px"})
            for c in work.success_criteria
        }
        for cid, check in self.criteria_checks.items():
            check.add_class(f"wk-resource-criterion-{cid}")
        replace_children(
            self.criteria_box,
            list(self.criteria_checks.values())
            or [widgets.HTML("<i>No success criteria yet: add them on Day 1.</i>")],
        )
        self.fill_table(inventory)
        if not inventory.resources:
            self.messages.info("No resources listed yet. Add the first one with the form above.")

    def document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork:
            self.rebuild()

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
                    "quadrant": self.quadrant_label(r.quadrant),
                    "holder": r.holder,
                    "use": self.use_label(r.use),
                    "recognized_before": r.recognized_before,
                    "can_generate": r.can_generate,
                    "new_money": r.new_money,
                }
                for r in page
            ]
        )
        self.loaded_rows = self.table.values()
        first = self.page * PAGE_ROWS + 1 if page else 0
        where = "" if chosen == ALL else f" in {esc(self.quadrant_label(chosen))}"
        self.page_label.value = (
            f"Resources {first}–{first + len(page) - 1 if page else 0} of {len(matching)}{where}"
            f" (page {self.page + 1} of {pages})"
        )
        self.prev_button.disabled = self.page == 0
        self.next_button.disabled = self.page >= pages - 1

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

    # -- the form

    def typed_resource(self, taken: set[str]) -> Resource:
        name = " ".join(self.name.value.split())
        if not name:
            raise InputError("Please give the resource a name.", field="name")
        if not self.quadrant.value:
            raise InputError(f"Please choose the quadrant ‘{name}’ belongs in.", field="quadrant")
        return build(
            Resource,
            {
                "id": slugify(name, taken),
                "name": name,
                "description": self.description.value,
                "quadrant": self.quadrant.value,
                "holder": self.holder.value,
                "recognized_before": self.recognized.value,
                "use": self.use.value,
                "success_criteria": [cid for cid, c in self.criteria_checks.items() if c.value],
                "can_generate": self.can_generate.value,
                "how_to_generate": self.how_to_generate.value,
                "support_forms": [fid for fid, c in self.form_checks.items() if c.value],
                "new_money": self.new_money.value,
            },
        )

    @guarded(lambda self: self.form_message)
    def add_resource(self) -> None:
        current = self.load(ResourceInventory)
        resource = self.typed_resource(set(current.ids))
        _refuse_same_name(current, resource)

        def change(saved: ResourceInventory) -> ResourceInventory:
            _refuse_same_name(saved, resource)
            fresh = resource.model_copy(update={"id": slugify(resource.name, set(saved.ids))})
            return saved.with_resource(fresh)

        saved = self.update(ResourceInventory, change, f"‘{resource.name}’")
        self.messages.clear()  # the form's own message says it, next to the button
        self.fill_table(saved)
        self.clear_form()
        self.form_message.ok(
            f"Added ‘{resource.name}’ to {self.quadrant_label(resource.quadrant)}. "
            f"The inventory now has {len(saved.resources)} resources."
        )

    def clear_form(self) -> None:
        for w in (self.name, self.description, self.holder, self.how_to_generate):
            w.value = ""
        self.quadrant.value = ""
        self.recognized.value = True
        self.can_generate.value = False
        self.new_money.value = False
        for check in (*self.criteria_checks.values(), *self.form_checks.values()):
            check.value = False

    # -- the table

    @guarded(lambda self: self.messages)
    def save_table(self) -> None:
        self.table.clear_errors()
        typed: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        problems = 0
        for index, row in enumerate(self.table.values()):
            name = " ".join(str(row.get("name") or "").split())
            if not name and not str(row.get("holder") or "").strip() and not row.get("id"):
                continue  # an empty row the team added but did not use
            problem = None
            if not name:
                problem = "Please give this resource a name (or remove the row)."
            elif name.casefold() in seen:
                problem = (
                    f"‘{name}’ is already in row {seen[name.casefold()] + 1}; keep one of them."
                )
            elif row.get("quadrant") not in self.quadrant_by_label:
                problem = f"Please choose the quadrant ‘{name}’ belongs in."
            elif row.get("use") not in self.use_by_label:
                problem = f"Please choose how well ‘{name}’ is used toward the goal."
            if problem:
                self.table.show_row_error(index, problem)
                problems += 1
                continue
            seen[name.casefold()] = index
            typed.append({**row, "name": name})
        if problems:
            raise InputError("Nothing was saved: please fix the rows marked above.")

        page_ids = set(self.page_ids)

        def change(saved: ResourceInventory) -> ResourceInventory:
            elsewhere = {
                " ".join(r.name.casefold().split()): r.name
                for r in saved.resources
                if r.id not in page_ids
            }
            clashes = [
                index
                for index, row in enumerate(typed)
                if " ".join(row["name"].casefold().split()) in elsewhere
            ]
            if clashes:
                names = ", ".join(f"‘{typed[i]['name']}’" for i in clashes)
                raise InputError(
                    f"Nothing was saved: {names} already in the inventory (on another page or "
                    "in another quadrant); keep one of them."
                )
            taken = set(saved.ids) | {str(r["id"]) for r in typed if r.get("id")}
            updated: dict[str, Resource] = {}
            added: list[Resource] = []
            for row in typed:
                shown = {
                    "name": row["name"],
                    "quadrant": self.quadrant_by_label[row["quadrant"]],
                    "holder": str(row.get("holder") or ""),
                    "use": self.use_by_label[row["use"]],
                    "recognized_before": bool(row["recognized_before"]),
                    "can_generate": bool(row["can_generate"]),
                    "new_money": bool(row["new_money"]),
                }
                # fields the table does not show come from the saved file, so links made in
                # another panel a moment ago are kept
                before = saved.resource(str(row.get("id") or ""))
                if before is None:
                    rid = slugify(row["name"], taken)
                    taken.add(rid)
                    added.append(build(Resource, {"id": rid, **shown}))
                else:
                    updated[before.id] = build(Resource, {**before.model_dump(), **shown})
            # resources on other pages stay as saved; rows removed from this page are deleted
            kept = [
                updated.get(r.id, r)
                for r in saved.resources
                if r.id in updated or r.id not in page_ids
            ]
            return build(ResourceInventory, {"resources": [*kept, *added]})

        saved = self.update(ResourceInventory, change, "the inventory")
        self.fill_table(saved)
        self.messages.ok(f"Saved the inventory: {len(saved.resources)} resources.")

    # -- spreadsheets

    def read_spreadsheet(self, name: str, content: bytes) -> ImportReport:
        return read_inventory(
            content,
            name,
            self.config,
            self.load(GoalWork).success_criteria,
            self.load(ResourceInventory),
        )

    def import_report(self, report: ImportReport) -> str:
        saved = self.update(
            ResourceInventory, report.apply, f"the resources from ‘{report.file_name}’"
        )
        self.messages.clear()  # the import's own message says it
        self.fill_table(saved)
        skipped = len(report.problems)
        return (
            f"Imported {report.added} new and updated {report.updated} resources from "
            f"‘{report.file_name}’"
            + (f" ({skipped} problem(s) left out)." if skipped else ".")
            + f" The inventory now has {len(saved.resources)} resources."
        )

    @guarded(lambda self: self.messages)
    def export(self) -> None:
        columns, rows = inventory_rows(self.load(ResourceInventory), self.config)
        write_csv(rows, columns, self.team.file(CSV_FILE))
        write_xlsx(rows, columns, self.team.file(XLSX_FILE), sheet_title="Resources")
        self.messages.ok(
            f"Saved {CSV_FILE} and {XLSX_FILE} in the team's workbook folder "
            f"({len(rows)} resources)."
        )


def _refuse_same_name(inventory: ResourceInventory, resource: Resource) -> None:
    key = " ".join(resource.name.casefold().split())
    for existing in inventory.resources:
        if " ".join(existing.name.casefold().split()) == key:
            raise InputError(
                f"‘{existing.name}’ is already in the inventory; edit it in the table instead.",
                field="name",
            )
