"""Day 2 panels: the framework, the inventory (form, table, spreadsheet), the map, what it says,
links to the success criteria, leadership support, and the summary.

Each notebook cell calls one function here (``day2.inventory()``), which prints the activity's
worksheet text from the facilitator config and shows its panel. Every panel rebuilds itself from
the team's ``resources.yaml`` and ``goal.yaml``, so a kernel restart loses nothing that was saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle

from workshop_kit.activities.common import (
    Column,
    DaySummaryPanel,
    Messages,
    Panel,
    RowEditor,
    esc,
    guarded,
    notebook_call,
    on_click,
    replace_children,
    show_activity,
    show_opening,
)
from workshop_kit.activities.spreadsheet_import import SpreadsheetImport
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.charts import to_png, to_svg
from workshop_kit.charts.resource_map import map_svg
from workshop_kit.charts.resource_map import resource_map as draw_map
from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.errors import InputError
from workshop_kit.exports.day2_summary import Day2Summary, to_html, to_markdown
from workshop_kit.exports.spreadsheet import write_csv, write_xlsx
from workshop_kit.logic.resource_import import ImportReport, inventory_rows, read_inventory
from workshop_kit.logic.resources import find, link_criterion, most_relevant, tag_support_form
from workshop_kit.model.base import Document
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import Resource, ResourceInventory, slugify
from workshop_kit.model.team import Team
from workshop_kit.session import Session, current_session
from workshop_kit.validation import build

SUMMARY_FILE = "day2_summary.md"
CSV_FILE = "resources.csv"
XLSX_FILE = "resources.xlsx"
MAP_PNG = "resource_map.png"
MAP_SVG = "resource_map.svg"
ALL = ""
LIST_SHOWN = 8
PAGE_ROWS = 10  # rows of the inventory table shown at once: quick to draw, easy to scan


def config_for(session: Session) -> Day2Config:
    return load_day2(session.workspace.root)


class Day2Panel(Panel):
    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.config = config_for(self.session)

    def quadrant_label(self, quadrant_id: str) -> str:
        try:
            return self.config.quadrant(quadrant_id).label
        except KeyError:
            return quadrant_id

    def use_label(self, status_id: str) -> str:
        try:
            return self.config.use_status(status_id).label
        except KeyError:
            return status_id


def _names(resources: Sequence[Resource], limit: int = LIST_SHOWN) -> str:
    """An escaped, comma-separated list of names, shortened with a count beyond ``limit``."""
    shown = ", ".join(esc(r.name) for r in resources[:limit])
    more = len(resources) - limit
    return shown + (f" and {more} more" if more > 0 else "")


# -- 1. the framework, with the team's goal at the top ----------------------------------------


class FrameworkPanel(Day2Panel):
    """The team's Day 1 goal, the framework's three assumptions, and the four quadrants."""

    kinds = (GoalWork,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-framework")
        self.goal = widgets.HTML()
        self.goal.add_class("wk-day1-goal")
        self.grid = widgets.HTML(self.framework_html())
        self.grid.add_class("wk-quadrants")
        self.layout_children(self.goal, self.grid)
        self.rebuild()

    def status(self) -> str:
        work = self.load(GoalWork)
        if not work.goal.statement:
            return "no goal yet"
        return f"goal set, {len(work.success_criteria)} success criteria"

    def refresh(self) -> None:
        work = self.load(GoalWork)
        self.goal.value = goal_html(work)
        if not work.goal.statement:
            self.messages.info(
                "This workbook has no goal yet. Write it in the Day 1 workbook first: today's map "
                "is read against it."
            )

    def document_saved(self, kind: type[Document]) -> None:
        if kind is GoalWork:
            self.rebuild()

    def framework_html(self) -> str:
        assumptions = "".join(f"<li>{esc(a)}</li>" for a in self.config.framework_assumptions)
        cells = []
        for quadrant in self.config.quadrants:
            examples = "".join(f"<li>{esc(x)}</li>" for x in quadrant.examples)
            cells.append(
                f'<td class="wk-quadrant wk-quadrant-{esc(quadrant.id)}" style="vertical-align:top;'
                f'padding:8px;border:1px solid #9aa5b1;width:50%"><b>{esc(quadrant.label)}</b>'
                f"<p>{esc(quadrant.description)}</p><i>For example:</i><ul>{examples}</ul></td>"
            )
        rows = "".join(f"<tr>{''.join(cells[i : i + 2])}</tr>" for i in range(0, len(cells), 2))
        return (
            "<p><b>The framework assumes that:</b></p>"
            f"<ol class='wk-assumptions'>{assumptions}</ol>"
            "<table class='wk-quadrant-grid' style='border-collapse:collapse;max-width:900px'>"
            f"{rows}</table>"
        )


def goal_html(work: GoalWork) -> str:
    if not work.goal.statement:
        return "<p class='wk-goal-missing'><b>Our goal:</b> <i>not written yet (Day 1)</i></p>"
    criteria = "".join(
        f"<li>{esc(c.measure)}: from {c.baseline:g}{esc(c.unit)} to {c.target:g}{esc(c.unit)} "
        f"by {c.by.isoformat()}</li>"
        for c in work.success_criteria
    )
    return (
        "<div class='wk-goal-box' style='border-left:4px solid #0072B2;padding:4px 10px;"
        f"background:#eef5fb'><p><b>Our goal:</b> {esc(work.goal.statement)}</p>"
        + (f"<p><b>Success criteria</b></p><ul>{criteria}</ul>" if criteria else "")
        + "</div>"
    )


# -- 2. the inventory ---------------------------------------------------------------------------


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


# -- 3. the map ---------------------------------------------------------------------------------


class MapPanel(Day2Panel):
    """The 2x2 quadrant map, optionally showing only the resources behind one success criterion."""

    kinds = (ResourceInventory,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-map")
        self.show = widgets.Dropdown(description="Show", layout={"width": "620px"})
        self.show.add_class("wk-map-filter")
        self.show.observe(lambda _change: self.redraw(), names="value")
        self.picture = widgets.Image(format="svg+xml", layout={"max_width": "820px"})
        self.picture.add_class("wk-chart")
        self.save_button = widgets.Button(
            description="Save the map as pictures (PNG and SVG)",
            icon="image",
            layout={"width": "320px"},
        )
        self.save_button.add_class("wk-save-map")
        on_click(self.save_button, self.save_pictures)
        self.inventory = ResourceInventory()
        self.criteria: dict[str, str] = {}
        self._filling = False
        self.layout_children(self.show, self.picture, self.save_button)
        self.rebuild()

    def status(self) -> str:
        shown = self.shown()
        thin = [
            q.id
            for q in self.config.quadrants
            if sum(1 for r in shown.resources if r.quadrant == q.id)
            < self.config.thin_quadrant_below
        ]
        return f"{len(shown.resources)} resources on the map; thin: {', '.join(thin) or 'none'}"

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

    def document_saved(self, kind: type[Document]) -> None:
        if kind in (ResourceInventory, GoalWork):
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
        self.picture.value = map_svg(self.shown(), self.config, self.figure_title())

    @guarded(lambda self: self.messages)
    def save_pictures(self) -> None:
        figure = draw_map(self.shown(), self.config, self.figure_title())
        self.team.write_file(MAP_PNG, to_png(figure, dpi=150))
        self.team.write_file(MAP_SVG, to_svg(figure))
        self.messages.ok(f"Saved {MAP_PNG} and {MAP_SVG} in the team's workbook folder.")


# -- 4. what the map says -----------------------------------------------------------------------


class InsightsPanel(Day2Panel):
    """Counts, thin quadrants, unrecognised and under-used resources, what the school can grow."""

    kinds = (ResourceInventory,)

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-insights")
        self.view = widgets.HTML()
        self.layout_children(self.view)
        self.rebuild()

    def findings(self) -> Any:
        return find(self.load(ResourceInventory), self.config, self.load(GoalWork).success_criteria)

    def status(self) -> str:
        f = self.findings()
        return (
            f"thin: {', '.join(f.thin_quadrants) or 'none'}; {len(f.not_recognized_before)} newly "
            f"recognised; {len(f.untapped_for_goal)} untapped and {len(f.under_used_for_goal)} "
            f"under-used for the goal; {len(f.can_generate)} could grow"
        )

    def refresh(self) -> None:
        f = self.findings()
        if f.total == 0:
            self.view.value = "<p><i>The inventory is empty: list some resources first.</i></p>"
            return
        statuses = self.config.use_statuses
        head = "".join(f"<th>{esc(s.label)}</th>" for s in statuses)
        rows = "".join(
            f"<tr><td>{esc(q.label)}</td><td style='text-align:right'>{q.total}</td>"
            + "".join(
                f"<td style='text-align:right'>{q.by_use.get(s.id, 0)}</td>" for s in statuses
            )
            + f"<td>{'⚠ thin' if q.thin else ''}</td></tr>"
            for q in f.quadrants
        )
        thin = ", ".join(esc(self.quadrant_label(q)) for q in f.thin_quadrants)

        def item(title: str, resources: Sequence[Resource], empty: str, css: str) -> str:
            body = _names(resources) if resources else f"<i>{esc(empty)}</i>"
            return f"<li class='{css}'><b>{esc(title)} ({len(resources)}):</b> {body}</li>"

        generate = "".join(
            f"<li>{esc(r.name)}{': ' + esc(r.how_to_generate) if r.how_to_generate else ''}</li>"
            for r in f.can_generate[:LIST_SHOWN]
        )
        more = len(f.can_generate) - LIST_SHOWN
        problems = "".join(f"<li>{esc(p)}</li>" for p in f.problems)
        self.view.value = (
            "<table class='wk-quadrant-counts'><tr><th>Quadrant</th><th>Resources</th>"
            f"{head}<th></th></tr>"
            f"{rows}</table>"
            + (
                f"<p class='wk-thin'><b>Thin quadrants:</b> {thin}. Who in your school could add "
                "to "
                "them?</p>"
                if thin
                else "<p class='wk-thin'>No quadrant is thin.</p>"
            )
            + "<ul class='wk-findings'>"
            + item(
                "Not recognised as resources before today",
                f.not_recognized_before,
                "none",
                "wk-not-recognized",
            )
            + item("Untapped, and could serve the goal", f.untapped_for_goal, "none", "wk-untapped")
            + item(
                "Under-used, and could serve the goal",
                f.under_used_for_goal,
                "none",
                "wk-under-used",
            )
            + item("Would cost new money", f.new_money, "none", "wk-new-money")
            + "</ul>"
            + f"<p><b>The school could generate more of ({len(f.can_generate)}):</b></p>"
            + (
                f"<ul class='wk-can-generate'>{generate}</ul>"
                if generate
                else "<p><i>none named yet</i></p>"
            )
            + (f"<p>… and {more} more.</p>" if more > 0 else "")
            + (
                f"<p><b>Needs a look:</b></p><ul class='wk-problems'>{problems}</ul>"
                if problems
                else ""
            )
        )

    def document_saved(self, kind: type[Document]) -> None:
        if kind in (ResourceInventory, GoalWork):
            self.rebuild()


# -- 5 and 6. links to success criteria, and leadership support ---------------------------------


class TagPanel(Day2Panel):
    """Tick the resources that carry one tag (a success criterion, a form of support), then save."""

    kinds = (ResourceInventory,)
    chooser_label = ""
    save_label = ""

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.chooser = widgets.Dropdown(
            description=self.chooser_label,
            layout={"width": "680px"},
            style={"description_width": "120px"},
        )
        self.chooser.add_class("wk-tag-choice")
        self.chooser.observe(lambda _change: self.show_ticks(), names="value")
        self.checks: dict[str, widgets.Checkbox] = {}
        self._check_layout = widgets.Layout(width="440px")
        self._columns = widgets.Layout(flex_flow="row wrap", width="900px")
        self._check_style = CheckboxStyle()
        self.check_box = widgets.VBox()
        self.check_box.add_class("wk-tag-resources")
        self.save_button = widgets.Button(
            description=self.save_label,
            icon="save",
            button_style="primary",
            layout={"width": "300px"},
        )
        self.save_button.add_class("wk-save-tags")
        on_click(self.save_button, self.save_ticks)
        self.overview = widgets.HTML()
        self.overview.add_class("wk-tag-overview")
        self._filling = False
        self.layout_children(self.overview, self.chooser, self.check_box, self.save_button)

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
        checks: dict[str, widgets.Checkbox] = {}
        groups: list[widgets.Widget] = []
        for quadrant in self.config.quadrants:
            inside = sorted(
                (r for r in inventory.resources if r.quadrant == quadrant.id),
                key=lambda r: r.name.casefold(),
            )
            if not inside:
                continue
            for resource in inside:
                checks[resource.id] = self.new_check(resource)
            groups += [
                widgets.HTML(f"<b>{esc(quadrant.label)}</b>"),
                widgets.Box([checks[r.id] for r in inside], layout=self._columns),
            ]
        strays = [r for r in inventory.resources if r.id not in checks]
        for resource in strays:
            checks[resource.id] = self.new_check(resource)
        if strays:
            groups += [
                widgets.HTML("<b>In a quadrant this workshop does not use</b>"),
                widgets.Box([checks[r.id] for r in strays], layout=self._columns),
            ]
        self.checks = checks
        replace_children(
            self.check_box, groups, [self._columns, self._check_layout, self._check_style]
        )
        self.overview.value = self.overview_html(inventory)
        self.show_ticks(inventory)
        if not options:
            self.messages.info(self.empty_message())
        elif not inventory.resources:
            self.messages.info("The inventory is empty: list some resources first.")

    def new_check(self, resource: Resource) -> widgets.Checkbox:
        # one shared layout and style: a checkbox per resource would otherwise bring two more
        # widget models each to the page, which slows a notebook with hundreds of resources
        check = widgets.Checkbox(
            description=resource.name,
            indent=False,
            layout=self._check_layout,
            style=self._check_style,
        )
        check.add_class(f"wk-tag-{resource.id}")
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
        return f"{tag or 'nothing chosen'}: {ticked} resources"

    def document_saved(self, kind: type[Document]) -> None:
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
        self.messages.ok(f"Saved: {count} resources for ‘{label}’.")


class LinksPanel(TagPanel):
    """Which resources can serve each success criterion; criteria with nothing behind them."""

    chooser_label = "Success criterion"
    save_label = "Save the links"

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-links")
        self.rebuild()

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
            note = _names(found, 5) if found else "<b>⚠ no resources behind it yet</b>"
            rows.append(
                f"<tr><td>{esc(criterion.measure)}</td>"
                f"<td style='text-align:right'>{len(found)}</td>"
                f"<td>{note}</td></tr>"
            )
        if not rows:
            return ""
        missing = len(f.criteria_without_resources)
        verdict = (
            f"<p class='wk-criteria-missing'><b>{missing} success criteria have no resources "
            "behind "
            "them.</b> Which resource could the school generate for them?</p>"
            if missing
            else "<p class='wk-criteria-missing'>Every success criterion has resources behind "
            "it.</p>"
        )
        return (
            "<table class='wk-links-overview'><tr><th>Success criterion</th><th>Resources</th>"
            f"<th>Most relevant</th></tr>{''.join(rows)}</table>{verdict}"
        )


class SupportPanel(TagPanel):
    """Which forms of leadership support the resources provide, and which are missing."""

    chooser_label = "Form of support"
    save_label = "Save the support"

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.add_class("wk-support")
        self.rebuild()

    def tag_options(self) -> list[tuple[str, str]]:
        return [(f"{f.label}: {f.description}", f.id) for f in self.config.support_forms]

    def tags_of(self, resource: Resource) -> tuple[str, ...]:
        return resource.support_forms

    def apply(self, tag: str) -> Callable[[ResourceInventory, set[str]], ResourceInventory]:
        return lambda inventory, chosen: tag_support_form(inventory, tag, chosen)

    def overview_html(self, inventory: ResourceInventory) -> str:
        f = find(inventory, self.config, self.load(GoalWork).success_criteria)
        used = "".join(
            f"<li>{esc(self.config.support_form(form).label)} ({len(found)}): "
            f"{_names(most_relevant(found, self.config), 5)}</li>"
            for form, found in f.by_support_form.items()
            if found
        )
        missing = "".join(
            f"<li>{esc(self.config.support_form(form).label)}: "
            f"<i>{esc(self.config.support_form(form).description)}</i></li>"
            for form in f.support_forms_missing
        )
        return (
            "<p><b>Your plan relies on:</b></p>"
            f"<ul class='wk-support-used'>{used or '<li>nothing yet</li>'}</ul>"
            + (
                f"<p><b>Missing:</b></p><ul class='wk-support-missing'>{missing}</ul>"
                if missing
                else "<p>Every form of support is provided by at least one resource.</p>"
            )
        )

    def status(self) -> str:
        f = find(self.load(ResourceInventory), self.config, ())
        missing = ", ".join(f.support_forms_missing) or "none"
        return f"{len(f.support_forms_used)} forms used, missing: {missing}"


# -- 7. the summary -------------------------------------------------------------------------------


class SummaryPanel(DaySummaryPanel, Day2Panel):
    """The resource map in words, kept up to date as panels save, and saved as Markdown."""

    kinds = (ResourceInventory,)
    day = 2
    summary_file = SUMMARY_FILE

    def summary(self) -> Day2Summary:
        return Day2Summary.of(
            self.load(Team), self.load(GoalWork), self.load(ResourceInventory), self.config
        )

    def summary_html(self, summary: Day2Summary) -> str:
        return to_html(summary)

    def summary_markdown(self, summary: Day2Summary) -> str:
        return to_markdown(summary)


# -- what the notebook calls ----------------------------------------------------------------------


def _plan() -> Day2Config:
    return config_for(current_session())


@notebook_call
def opening() -> None:
    show_opening(_plan())


@notebook_call
def workbook() -> None:
    show_activity(_plan(), "workbook", TeamPicker(current_session()))


@notebook_call
def framework() -> None:
    show_activity(_plan(), "framework", FrameworkPanel(current_session()))


@notebook_call
def inventory() -> None:
    show_activity(_plan(), "inventory", InventoryPanel(current_session()))


@notebook_call
def resource_map() -> None:
    show_activity(_plan(), "map", MapPanel(current_session()))


@notebook_call
def insights() -> None:
    show_activity(_plan(), "insights", InsightsPanel(current_session()))


@notebook_call
def links() -> None:
    show_activity(_plan(), "links", LinksPanel(current_session()))


@notebook_call
def support() -> None:
    show_activity(_plan(), "support", SupportPanel(current_session()))


@notebook_call
def summary() -> None:
    show_activity(_plan(), "summary", SummaryPanel(current_session()))


@notebook_call
def versions() -> None:
    """Offer earlier versions of today's file (shown without a time box: used only when needed)."""
    from IPython.display import display

    from workshop_kit.activities.versions import VersionsPanel

    display(VersionsPanel((ResourceInventory,), current_session()))
