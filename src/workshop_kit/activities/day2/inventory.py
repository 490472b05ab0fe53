"""The inventory activity: add resources through a form, edit or remove them in a table (a page
of one quadrant at a time, see :mod:`.inventory_table`), load them from a spreadsheet, or save
them as one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.common import Messages, guarded, on_click, replace_children
from workshop_kit.activities.day2.inventory_table import InventoryTable
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.errors import InputError
from workshop_kit.exports.spreadsheet import csv_bytes, xlsx_bytes
from workshop_kit.logic.parse import new_id, tidy
from workshop_kit.logic.resource_import import ImportReport, inventory_rows, read_inventory
from workshop_kit.logic.resources import default_use
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.session import Session
from workshop_kit.validation import build

T = TypeVar("T")
CSV_FILE = "resources.csv"
XLSX_FILE = "resources.xlsx"


class InventoryPanel(InventoryTable):
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
            value=default_use(cfg),
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
        # model field -> (its widget, the label a message calls it by, its CSS name)
        self.fields: dict[str, tuple[widgets.ValueWidget, str, str]] = {
            "name": (self.name, "name", "name"),
            "description": (self.description, "what it is", "description"),
            "quadrant": (self.quadrant, "quadrant", "quadrant"),
            "holder": (self.holder, "who holds it", "holder"),
            "recognized_before": (self.recognized, "seen before", "recognized"),
            "use": (self.use, "use toward the goal", "use"),
            "can_generate": (self.can_generate, "could generate more", "can-generate"),
            "how_to_generate": (self.how_to_generate, "how", "how"),
            "new_money": (self.new_money, "new money", "new-money"),
        }
        # a message line under each field, for what the model says about it
        self.field_messages = {field: Messages() for field in self.fields}
        for field, (widget, _label, css) in self.fields.items():
            widget.add_class(f"wk-resource-{css}")
            self.field_messages[field].add_class(f"wk-resource-{css}-message")
        self.add_button = widgets.Button(
            description="Add this resource", icon="plus", button_style="primary"
        )
        self.add_button.add_class("wk-add-resource")
        self.form_message = Messages()
        on_click(self.add_button, self.add_resource)

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

        def with_message(field: str) -> list[widgets.Widget]:
            return [self.fields[field][0], self.field_messages[field]]

        support = widgets.HBox(
            list(self.form_checks.values()), layout={"flex_flow": "row wrap", "width": "640px"}
        )
        form = widgets.VBox(
            [
                widgets.HTML("<h4>Add a resource</h4>"),
                *with_message("name"),
                *with_message("description"),
                *with_message("quadrant"),
                *with_message("holder"),
                *with_message("recognized_before"),
                *with_message("use"),
                widgets.HTML("<b>It can serve these success criteria:</b>"),
                self.criteria_box,
                *with_message("can_generate"),
                *with_message("how_to_generate"),
                widgets.HTML("<b>It provides this leadership support (optional):</b>"),
                support,
                *with_message("new_money"),
                self.add_button,
                self.form_message,
            ]
        )
        form.add_class("wk-resource-form")
        self.layout_children(
            form,
            *self.table_parts(),
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

    # -- the form

    def typed_resource(self, resource_id: str) -> Resource:
        """The resource as typed in the form; the model checks it. A problem is shown under
        its field (and next to the button), named by the field's label."""
        values: dict[str, Any] = {field: w.value for field, (w, _l, _c) in self.fields.items()}
        values["name"] = tidy(values["name"])
        values["success_criteria"] = [cid for cid, c in self.criteria_checks.items() if c.value]
        values["support_forms"] = [fid for fid, c in self.form_checks.items() if c.value]
        return self.checked(lambda: build(Resource, {**values, "id": resource_id}))

    def checked(self, make: Callable[[], T]) -> T:
        """``make()``, with a model error shown under the field it is about."""
        for message in self.field_messages.values():
            message.clear()
        try:
            return make()
        except InputError as exc:
            if exc.field not in self.fields:
                raise
            label = self.fields[exc.field][1]
            text = exc.message.replace(f"‘{exc.field}’", f"‘{label}’")
            self.field_messages[exc.field].error(text)
            raise InputError(text, field=exc.field) from None

    @guarded(lambda self: self.form_message)
    def add_resource(self) -> None:
        current = self.load(ResourceInventory)
        resource = self.typed_resource(new_id(tidy(self.name.value), current.ids, "resource"))
        self.checked(lambda: current.with_resource(resource))

        def change(saved: ResourceInventory) -> ResourceInventory:
            fresh = resource.model_copy(update={"id": new_id(resource.name, saved.ids, "resource")})
            return saved.with_resource(fresh)

        saved = self.checked(lambda: self.update(ResourceInventory, change, f"‘{resource.name}’"))
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
        """The inventory as a CSV file and an Excel workbook, in the team's exports folder."""
        columns, rows = inventory_rows(self.load(ResourceInventory), self.config)
        self.team.write_export(CSV_FILE, csv_bytes(rows, columns))
        self.team.write_export(XLSX_FILE, xlsx_bytes(rows, columns, sheet_title="Resources"))
        self.messages.ok(
            f"Saved {CSV_FILE} and {XLSX_FILE} in the team's exports folder "
            f"({len(rows)} resources)."
        )
