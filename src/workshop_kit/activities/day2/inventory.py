"""The inventory activity: add resources through a form, edit or remove them in a table (a page
of one quadrant at a time, see :mod:`.inventory_table`), load them from a spreadsheet, or save
them as one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import ipywidgets as widgets

from workshop_kit.activities.day2.inventory_table import InventoryTable
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.errors import InputError
from workshop_kit.exports.spreadsheet import csv_bytes, xlsx_bytes
from workshop_kit.logic.resource_import import ImportReport, inventory_rows, read_inventory
from workshop_kit.logic.resources import default_use
from workshop_kit.logic.words import plural
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.names import new_id, tidy
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.ui.form import ItemForm
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, criteria_checks, limited, on_click, tagged
from workshop_kit.validation import build

T = TypeVar("T")
CSV_FILE = "resources.csv"
XLSX_FILE = "resources.xlsx"


class InventoryPanel(InventoryTable):
    """Add resources through a form, edit or remove them in a table, or import a spreadsheet."""

    kinds = (ResourceInventory,)

    def build(self) -> list[widgets.Widget]:
        table = super().build()
        cfg = self.config
        wide = {"width": "620px"}
        label_style = {"description_width": "170px"}
        self.name = widgets.Text(
            continuous_update=False,
            description="Resource",
            placeholder="e.g. Weekly grade-level meetings",
            layout=wide,
            style=label_style,
        )
        self.description = widgets.Textarea(
            continuous_update=False,
            description="What it is",
            layout={**wide, "height": "60px"},
            style=label_style,
        )
        self.quadrant = widgets.Dropdown(
            description="Quadrant",
            options=[("(choose a quadrant)", "")] + [(q.label, q.id) for q in cfg.quadrants],
            layout=wide,
            style=label_style,
        )
        self.holder = widgets.Text(
            continuous_update=False,
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
            continuous_update=False,
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
            if isinstance(widget, widgets.Text | widgets.Textarea):
                limited(widget, Resource, field)
            self.field_messages[field].add_class(f"wk-resource-{css}-message")
        # "add a new resource" and "change this one" are two states that cannot be confused:
        # after a save the form is empty again, and a change names the resource on its button
        self.form = ItemForm(
            "resource", self.show_item, "resource", is_blank=lambda: not tidy(self.name.value)
        )
        self.add_button = self.form.save_button  # its label names what it does
        self.add_button.add_class("wk-add-resource")
        self.form_message = self.form.message
        on_click(self.form.save_button, self.save_resource)
        on_click(self.form.remove_button, self.remove_resource)

        self.importer = SpreadsheetImport(
            self,
            "wk-resource-upload",
            self.read_spreadsheet,
            self.import_report,
            paste="resources",
            read_matched=self.read_spreadsheet,
        )
        self.export_button = button(
            "wk-export-inventory",
            self.export,
            "Save as spreadsheet (CSV and Excel)",
            "download",
            width="300px",
        )

        def with_message(field: str) -> list[widgets.Widget]:
            return [self.fields[field][0], self.field_messages[field]]

        support = widgets.HBox(
            list(self.form_checks.values()), layout={"flex_flow": "row wrap", "width": "640px"}
        )
        form = tagged(
            widgets.VBox(
                [
                    widgets.HTML("<h4>Add or change a resource</h4>"),
                    self.form.choice,
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
                    self.form.buttons,
                    self.form.message,
                ]
            ),
            "wk-resource-form",
        )
        return [
            form,
            *table,
            widgets.HTML(
                "<h4>Or load a spreadsheet</h4><p>A CSV or Excel file with a row per resource and "
                "at least the columns <i>Name</i> and <i>Quadrant</i>. Rows with the name of a "
                "resource you already have update it. If the file's headings are different, you "
                "can say which column holds what.</p>"
            ),
            self.importer,
            self.export_button,
        ]

    def status(self) -> str:
        return f"{plural(len(self.load(ResourceInventory).resources), 'resource')} in the inventory"

    def on_reloaded(self) -> None:
        self.form.show_saved()

    def refresh(self) -> None:
        inventory = self.load(ResourceInventory)
        work = self.load(GoalWork)
        self.criteria_checks = criteria_checks(
            self.criteria_box,
            [(c.id, c.measure) for c in work.success_criteria],
            "wk-resource-criterion-",
        )
        self.fill_table(inventory)
        editing = self.form.editing
        self.form.set_items(items_of(inventory))
        if editing is not None and self.form.editing is None:
            self.show_item(None)  # the resource being changed is no longer there
        elif editing is not None:
            self.tick(inventory.resource(editing))  # the new criteria boxes show its links
        if not inventory.resources:
            self.messages.info("No resources listed yet. Add the first one with the form above.")

    def on_document_saved(self, kind: type[Document]) -> None:
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

    def show_item(self, resource_id: str | None) -> None:
        """Fill the form with a saved resource to change, or empty it for a new one."""
        for message in self.field_messages.values():
            message.clear()
        resource = self.load(ResourceInventory).resource(resource_id) if resource_id else None
        for field, (widget, _label, _css) in self.fields.items():
            if resource is not None:
                value = getattr(resource, field)
            elif field == "use":
                value = default_use(self.config)
            else:  # the model's default, and nothing for the fields it requires
                default = Resource.model_fields[field].default
                value = default if isinstance(default, (str, bool)) else ""
            _show(widget, value)
        self.tick(resource)

    def tick(self, resource: Resource | None) -> None:
        """Tick the success criteria and forms of support of ``resource`` (none: untick)."""
        for cid, check in self.criteria_checks.items():
            check.value = resource is not None and cid in resource.success_criteria
        for fid, check in self.form_checks.items():
            check.value = resource is not None and fid in resource.support_forms

    @guarded(lambda self: self.form_message)
    def save_resource(self) -> None:
        """Add the resource typed in the form, or save the changes to the one chosen above."""
        if self.form.is_double_click():
            return  # the second click of a double click, on the form the first one emptied
        editing = self.form.editing
        current = self.load(ResourceInventory)
        resource = self.typed_resource(
            editing or new_id(tidy(self.name.value), current.ids, "resource")
        )
        self.checked(lambda: current.with_resource(resource))

        def change(saved: ResourceInventory) -> ResourceInventory:
            if editing is None:
                fresh = resource.model_copy(
                    update={"id": new_id(resource.name, saved.ids, "resource")}
                )
                return saved.with_resource(fresh)
            before = saved.resource(editing)
            if before is None:
                raise InputError(
                    f"‘{self.form.editing_name}’ is no longer in the inventory (it was removed "
                    "meanwhile), so there is nothing to change. Add it again as a new resource."
                )
            # links the form cannot show (to a criterion or form of support no longer there)
            # stay as they were
            kept = {
                "success_criteria": _with_hidden(
                    resource.success_criteria, before.success_criteria, self.criteria_checks
                ),
                "support_forms": _with_hidden(
                    resource.support_forms, before.support_forms, self.form_checks
                ),
            }
            return saved.with_resource(resource.model_copy(update=kept))

        saved = self.checked(lambda: self.update(ResourceInventory, change, f"‘{resource.name}’"))
        self.messages.clear()  # the form's own message says it, next to the button
        done = (
            f"Added ‘{resource.name}’ to {self.config.quadrant_label(resource.quadrant)}."
            if editing is None
            else f"Saved the changes to ‘{resource.name}’."
        )
        self.form.saved(
            items_of(saved),
            f"{done} The inventory now has {plural(len(saved.resources), 'resource')}. "
            "The form is ready for the next one.",
        )
        self.fill_table(saved)  # after the form is empty: a new row means typing can go on

    @guarded(lambda self: self.form_message)
    def remove_resource(self) -> None:
        editing, name = self.form.editing, self.form.editing_name
        if editing is None:
            raise InputError("Choose the resource to remove in the list above first.")
        saved = self.update(ResourceInventory, lambda inv: inv.without(editing), f"‘{name}’")
        self.messages.clear()
        self.form.saved(
            items_of(saved),
            f"Removed ‘{name}’. The inventory now has {plural(len(saved.resources), 'resource')}.",
        )
        self.fill_table(saved)

    def after_table_save(self, inventory: ResourceInventory) -> None:
        self.form.set_items(items_of(inventory))

    # -- spreadsheets

    def read_spreadsheet(
        self, name: str, content: bytes, columns: Mapping[str, str] | None = None
    ) -> ImportReport:
        """The file read against the saved inventory; ``columns``: the team's matching of its
        headings to the resource's fields."""
        return read_inventory(
            content,
            name,
            self.config,
            self.load(GoalWork).success_criteria,
            self.load(ResourceInventory),
            columns,
        )

    def import_report(self, report: ImportReport) -> str:
        saved = self.update(
            ResourceInventory, report.apply, f"the resources from ‘{report.file_name}’"
        )
        self.messages.clear()  # the import's own message says it
        self.fill_table(saved)
        self.after_table_save(saved)
        skipped = len(report.problems)
        return (
            f"Imported {report.added} new and updated {report.updated} resources from "
            f"‘{report.file_name}’"
            + (f" ({skipped} problem(s) left out)." if skipped else ".")
            + f" The inventory now has {plural(len(saved.resources), 'resource')}."
        )

    @guarded(lambda self: self.messages)
    def export(self) -> None:
        """The inventory as a CSV file and an Excel workbook, in the team's exports folder."""
        columns, rows = inventory_rows(self.load(ResourceInventory), self.config)
        self.team.write_export(CSV_FILE, csv_bytes(rows, columns))
        self.team.write_export(XLSX_FILE, xlsx_bytes(rows, columns, sheet_title="Resources"))
        self.messages.ok(
            f"Saved {CSV_FILE} and {XLSX_FILE} in the team's exports folder "
            f"({plural(len(rows), 'resource')})."
        )


def items_of(inventory: ResourceInventory) -> list[tuple[str, str]]:
    """The resources as the form's list offers them: (id, name)."""
    return [(r.id, r.name) for r in inventory.resources]


def _show(widget: widgets.ValueWidget, value: Any) -> None:
    """Show ``value`` in ``widget``; a choice the config no longer lists is kept as it is."""
    options = getattr(widget, "options", None)
    if options is not None and value not in [v for _label, v in options]:
        widget.options = [*options, (str(value), value)]
    widget.value = value


def _with_hidden(
    chosen: tuple[str, ...], before: tuple[str, ...], shown: dict[str, Any]
) -> tuple[str, ...]:
    """``chosen`` plus the tags of ``before`` the form has no box for."""
    return (*chosen, *(tag for tag in before if tag not in shown and tag not in chosen))
