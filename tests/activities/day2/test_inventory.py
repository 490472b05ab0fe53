"""The inventory panel: the form, the table, spreadsheet import and download, stale saves.

Driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import openpyxl

from workshop_kit.activities.day2.inventory import InventoryPanel
from workshop_kit.activities.day2.links import LinksPanel
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace

CLEAN = (
    "\ufeffName;Quadrant;Who holds it;Use toward the goal\n"
    "Reading buddies;relationships;Grades 1 and 5;untapped\n"
    "  Writing rubric ; TOOLS ; ILT ; well used\n"
).encode("utf-8")
MESSY = (
    b"Name,Quadrant,Cost\n"
    b"Reading buddies,relationships,0\n"
    b"\n"
    b"Book club,Relashionships,0\n"
    b"reading buddies,relationships,0\n"
)

#: a helper fixture (see conftest.py): called with the session or a panel
Helper = Callable[..., Any]


class TestInventoryForm:
    def test_a_resource_added_through_the_form_is_saved_and_back_after_a_restart(
        self,
        session: Session,
        saved_resources: Helper,
        new_team: Helper,
        restarted: Helper,
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        panel.name.value = "  Reading   buddies "
        panel.description.value = "Grade 5 students read with grade 1 weekly."
        panel.quadrant.value = "relationships"
        panel.holder.value = "Grades 1 and 5"
        panel.recognized.value = False
        panel.use.value = "untapped"
        panel.can_generate.value = True
        panel.how_to_generate.value = "Pair every grade 4 class too."
        panel.form_checks["peer_networks"].value = True
        panel.add_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert saved_resources(session) == [
            {
                "id": "reading-buddies",
                "name": "Reading buddies",
                "description": "Grade 5 students read with grade 1 weekly.",
                "quadrant": "relationships",
                "holder": "Grades 1 and 5",
                "recognized_before": False,
                "use": "untapped",
                "success_criteria": [],
                "can_generate": True,
                "how_to_generate": "Pair every grade 4 class too.",
                "support_forms": ["peer_networks"],
                "new_money": False,
            }
        ]
        assert panel.name.value == "" and panel.quadrant.value == "", (
            "the form is ready for the next one"
        )
        again = InventoryPanel(restarted(session))
        assert [r["name"] for r in again.table.values()] == ["Reading buddies"]
        assert again.table.values()[0]["quadrant"] == "Relationships and relational qualities"

    def test_the_form_offers_the_teams_success_criteria(
        self, session: Session, by_name: Helper
    ) -> None:
        panel = InventoryPanel(session)
        assert set(panel.criteria_checks) == {"rubric-all", "rubric-el", "ela-proficiency"}
        panel.name.value = "Peer feedback protocol"
        panel.quadrant.value = "tools"
        panel.criteria_checks["rubric-el"].value = True
        panel.add_button.click()
        assert by_name(session)["Peer feedback protocol"]["success_criteria"] == ["rubric-el"]

    def test_bad_input_is_explained_and_changes_nothing(
        self, session: Session, file_bytes: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.quadrant.value = "tools"
        panel.add_button.click()
        assert panel.form_message.kind == "error" and "name" in panel.form_message.text
        panel.name.value = "Book club"
        panel.quadrant.value = ""
        panel.add_button.click()
        assert "quadrant" in panel.form_message.text
        panel.name.value = "COACHING cycles"
        panel.quadrant.value = "structures"
        panel.add_button.click()
        assert "already in the inventory" in panel.form_message.text
        panel.name.value = "x" * 200
        panel.add_button.click()
        assert panel.form_message.kind == "error" and "Traceback" not in panel.form_message.value
        assert file_bytes(session) == before

    def test_the_models_error_is_shown_under_its_field(
        self, session: Session, file_bytes: Helper
    ) -> None:
        """The form does not check what the model checks: it shows the model's error under the
        field it is about, named by the field's label."""
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.quadrant.value = "tools"
        panel.add_button.click()
        assert panel.field_messages["name"].kind == "error"
        assert panel.field_messages["name"].text == panel.form_message.text
        assert panel.field_messages["quadrant"].kind == ""
        panel.name.value = "Book club"
        panel.quadrant.value = ""
        panel.add_button.click()
        assert panel.field_messages["name"].kind == "", "an old message is cleared"
        assert panel.field_messages["quadrant"].kind == "error"
        panel.quadrant.value = "tools"
        panel.how_to_generate.value = "y" * 600
        panel.add_button.click()
        message = panel.field_messages["how_to_generate"]
        assert message.kind == "error" and "‘how’" in message.text, message.text
        panel.how_to_generate.value = ""
        panel.name.value = "staff-meetings"
        panel.add_button.click()
        assert "already in the inventory" in panel.field_messages["name"].text
        assert file_bytes(session) == before


RUBRIC = "school-writing-rubric-grades-3-5"


class TestFormNeverOverwrites:
    """After "Add this resource" the form is empty and ready for the next one; changing a saved
    resource is an explicit choice that names it on the button."""

    def add(self, panel: InventoryPanel, name: str, quadrant: str = "tools") -> None:
        panel.name.value = name
        panel.quadrant.value = quadrant
        panel.add_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text

    def test_eight_resources_added_in_a_row_are_all_saved(
        self,
        session: Session,
        new_team: Helper,
        saved_resources: Helper,
    ) -> None:
        """Typed and added at once, as fast as a test clicks (well within a double click)."""
        new_team(session)
        panel = InventoryPanel(session)
        names = [f"Resource number {n}" for n in range(1, 9)]
        for n, name in enumerate(names, start=1):
            assert panel.add_button.description == "Add this resource"
            self.add(panel, name)
            assert f"now has {n} resource{'' if n == 1 else 's'}" in panel.form_message.text
            assert panel.form.editing is None and panel.name.value == ""
        assert [r["name"] for r in saved_resources(session)] == names
        assert [r["name"] for r in panel.table.values()] == names
        assert panel.status() == "8 resources in the inventory"

    def test_a_double_click_adds_once_and_says_nothing_wrong(
        self, session: Session, new_team: Helper, saved_resources: Helper
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        self.add(panel, "Reading buddies", "relationships")
        panel.add_button.click()  # the second click of a double click, on the emptied form
        assert panel.form_message.kind == "ok" and "Added ‘Reading buddies’" in (
            panel.form_message.text
        )
        assert [r["name"] for r in saved_resources(session)] == ["Reading buddies"]

    def test_choosing_a_resource_names_it_on_the_button_and_fills_the_form(
        self, session: Session
    ) -> None:
        panel = InventoryPanel(session)
        panel.form.choice.value = RUBRIC
        assert panel.add_button.description == (
            "Save changes to ‘School writing rubric (grades 3-5)’"
        )
        assert panel.name.value == "School writing rubric (grades 3-5)"
        assert panel.quadrant.value == "tools"
        assert panel.criteria_checks["rubric-all"].value is True
        assert panel.criteria_checks["ela-proficiency"].value is False
        panel.form.new_button.click()
        assert panel.add_button.description == "Add this resource"
        assert panel.name.value == "" and panel.criteria_checks["rubric-all"].value is False

    def test_after_a_change_the_form_is_empty_again(
        self, session: Session, by_name: Helper, saved_resources: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = saved_resources(session)
        panel.form.choice.value = RUBRIC
        panel.holder.value = "The ILT and grade 3-5 teams"
        panel.criteria_checks["ela-proficiency"].value = True
        panel.add_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "Saved the changes to ‘School writing rubric (grades 3-5)’" in (
            panel.form_message.text
        )
        assert panel.form.editing is None and panel.add_button.description == "Add this resource"
        assert panel.name.value == "" and panel.holder.value == "" and panel.quadrant.value == ""
        after = saved_resources(session)
        assert [r["id"] for r in after] == [r["id"] for r in before], "changed in place"
        rubric = by_name(session)["School writing rubric (grades 3-5)"]
        assert rubric["holder"] == "The ILT and grade 3-5 teams"
        assert rubric["success_criteria"] == ["rubric-all", "rubric-el", "ela-proficiency"]
        # the next thing typed is a new resource, never a change to the one just saved
        self.add(panel, "Peer feedback protocol")
        assert len(saved_resources(session)) == len(before) + 1
        assert by_name(session)["School writing rubric (grades 3-5)"] == rubric

    def test_a_change_cannot_take_the_name_of_another_resource(
        self, session: Session, file_bytes: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.form.choice.value = RUBRIC
        panel.name.value = "Staff meetings"
        panel.add_button.click()
        assert panel.form_message.kind == "error"
        assert "already in the inventory" in panel.field_messages["name"].text
        assert panel.form.editing == RUBRIC, "the change is still there to fix"
        assert file_bytes(session) == before

    def test_a_chosen_resource_can_be_removed(self, session: Session, by_name: Helper) -> None:
        panel = InventoryPanel(session)
        panel.form.choice.value = RUBRIC
        panel.form.remove_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "School writing rubric (grades 3-5)" not in by_name(session)
        assert panel.form.editing is None and RUBRIC not in dict(panel.form.choice.options).values()

    def test_a_resource_removed_elsewhere_is_not_brought_back(
        self, session: Session, by_name: Helper
    ) -> None:
        panel = InventoryPanel(session)
        panel.form.choice.value = RUBRIC
        panel.holder.value = "Someone"
        table = InventoryPanel(session)
        table.form.choice.value = RUBRIC
        table.form.remove_button.click()
        panel.add_button.click()  # a change to a resource removed meanwhile: a conflict
        assert panel.form_message.kind == "error"
        assert "‘School writing rubric (grades 3-5)’" in panel.form_message.text
        assert "not saved" in panel.form_message.text
        assert "School writing rubric (grades 3-5)" not in by_name(session)


class TestInventoryTable:
    def test_edit_and_remove_rows_then_save(
        self,
        session: Session,
        saved_resources: Helper,
        by_name: Helper,
    ) -> None:
        panel = InventoryPanel(session)
        panel.table_filter.value = "tools"
        rows = panel.table.rows
        names = [r.widgets["name"].value for r in rows]
        rubric = rows[names.index("School writing rubric (grades 3-5)")]
        rubric.widgets["name"].value = "Writing rubric (3-5)"
        rubric.widgets["use"].value = "Under-used"
        rubric.widgets["quadrant"].value = "Instructional knowledge"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        panel.table_filter.value = "structures"
        names = [r.widgets["name"].value for r in panel.table.rows]
        assert len(names) == 10 and "Staff meetings" in names
        panel.table.remove_row(panel.table.rows[names.index("Staff meetings")])
        panel.table.add_button.click()
        panel.table.rows[-1].widgets["name"].value = "Book study group"
        panel.table.rows[-1].widgets["quadrant"].value = "Relationships and relational qualities"
        panel.table.rows[-1].widgets["use"].value = "Untapped"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        saved = by_name(session)
        assert "Staff meetings" not in saved and len(saved) == 40
        edited = saved["Writing rubric (3-5)"]
        assert (edited["id"], edited["quadrant"], edited["use"]) == (
            "school-writing-rubric-grades-3-5",
            "knowledge",
            "under_used",
        )
        assert edited["success_criteria"] == ["rubric-all", "rubric-el"], "links are kept"
        assert saved["Book study group"]["id"] == "book-study-group"
        assert [r["name"] for r in saved_resources(session)][-1] == "Book study group"

    def test_links_saved_in_another_panel_survive_a_table_save(
        self, session: Session, by_name: Helper
    ) -> None:
        table = InventoryPanel(session)
        table.table_filter.value = "structures"
        links = LinksPanel(session)
        links.chooser.value = "ela-proficiency"
        links.checks["staff-meetings"].value = True
        links.save_button.click()
        table.save_button.click()
        assert table.messages.kind == "ok", table.messages.text
        assert by_name(session)["Staff meetings"]["success_criteria"] == ["ela-proficiency"]

    def test_pages_leave_other_pages_alone(self, session: Session, saved_resources: Helper) -> None:
        panel = InventoryPanel(session)
        assert len(panel.table.rows) == 10 and "1–10 of 40" in panel.page_label.value
        assert panel.prev_button.disabled and not panel.next_button.disabled
        for _ in range(3):
            panel.next_button.click()
        assert len(panel.table.rows) == 10 and "(page 4 of 4)" in panel.page_label.value
        assert panel.next_button.disabled
        panel.prev_button.click()
        assert "21–30 of 40" in panel.page_label.value
        before = saved_resources(session)
        panel.table.remove_row(panel.table.rows[0])
        panel.save_button.click()
        after = saved_resources(session)
        assert after == before[:20] + before[21:]

    def test_unsaved_edits_keep_the_page(self, session: Session) -> None:
        panel = InventoryPanel(session)
        panel.table.rows[0].widgets["holder"].value = "Someone new"
        panel.next_button.click()
        assert panel.messages.kind == "error" and "not saved yet" in panel.messages.text
        assert panel.table.rows[0].widgets["holder"].value == "Someone new"
        panel.table_filter.value = "tools"
        assert panel.table_filter.value == ""
        assert panel.table.rows[0].widgets["holder"].value == "Someone new"

    def test_a_name_used_on_another_page_is_refused(
        self, session: Session, file_bytes: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.table.rows[0].widgets["name"].value = "staff  MEETINGS"
        panel.save_button.click()
        assert panel.messages.kind == "error" and "another page" in panel.messages.text
        assert file_bytes(session) == before

    def test_a_bad_row_is_marked_and_nothing_is_saved(
        self, session: Session, file_bytes: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.table.rows[0].widgets["name"].value = ""
        panel.table.rows[1].widgets["name"].value = panel.table.rows[2].widgets["name"].value
        panel.table.rows[3].widgets["name"].value = "Something renamed"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "name" in panel.table.rows[0].error.text
        assert "already in row" in panel.table.rows[2].error.text
        assert file_bytes(session) == before

    def test_empty_new_rows_are_ignored(self, session: Session, saved_resources: Helper) -> None:
        panel = InventoryPanel(session)
        panel.table.add_button.click()
        panel.save_button.click()
        assert panel.messages.kind == "ok" and len(saved_resources(session)) == 40


class TestInventoryPaste:
    PASTED = (
        "Name\tQuadrant\tWho holds it\tUse toward the goal\r\n"
        "Reading buddies\trelationships\tGrades 1 and 5\tuntapped\r\n"
        "Writing rubric\ttools\tILT\twell used\r\n"
        "Peer visits\tstructures\tCoaches\tunder-used\r\n"
    )

    def test_pasted_rows_are_checked_then_added_when_confirmed(
        self, session: Session, by_name: Helper, file_bytes: Helper, new_team: Helper
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        panel.importer.paste_button.click()
        panel.importer.paste_text.value = self.PASTED
        panel.importer.paste_check_button.click()
        assert panel.importer.message.text.startswith("3 resources can be added"), (
            panel.importer.message.text
        )
        assert file_bytes(session) is None, "nothing is saved before the team confirms"
        assert panel.importer.confirm_button.description == "Add these 3 resources"
        panel.importer.confirm_button.click()
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert set(by_name(session)) == {"Reading buddies", "Writing rubric", "Peer visits"}
        assert by_name(session)["Peer visits"]["use"] == "under_used"
        assert panel.importer.paste_box not in panel.importer.children

    def test_pasted_rows_without_headings_add_nothing_and_say_why(
        self, session: Session, file_bytes: Helper
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        panel.importer.paste_button.click()
        panel.importer.paste_text.value = "Reading buddies\trelationships\n"
        panel.importer.paste_check_button.click()
        assert panel.importer.message.kind == "error", panel.importer.message.text
        assert "the pasted rows" in panel.importer.view.value + panel.importer.message.text
        assert panel.importer.confirm_button.layout.display == "none"
        assert file_bytes(session) == before


class TestInventoryUpload:
    def test_a_clean_file_is_imported_at_once(
        self,
        session: Session,
        by_name: Helper,
        new_team: Helper,
        choose_file: Helper,
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        choose_file(panel, "ours.csv", CLEAN)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert "Imported 2 new" in panel.importer.message.text
        assert by_name(session)["Writing rubric"]["use"] == "well_used"
        assert len(panel.table.values()) == 2

    def test_a_messy_file_imports_nothing_until_the_team_confirms(
        self,
        session: Session,
        saved_resources: Helper,
        file_bytes: Helper,
        new_team: Helper,
        choose_file: Helper,
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        choose_file(panel, "messy.csv", MESSY)
        assert panel.importer.message.kind == "error"
        assert file_bytes(session) is None, "nothing is saved before the team confirms"
        report = panel.importer.view.value
        assert (
            "Row 4:" in report and "Did you mean ‘Relationships and relational qualities’" in report
        )
        assert "Row 5:" in report and "repeats" in report
        assert "‘Cost’ is not used" in report and "blank row" in report
        assert panel.importer.confirm_button.layout.display is None
        panel.importer.confirm_button.click()
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert [r["name"] for r in saved_resources(session)] == ["Reading buddies"]
        assert panel.importer.confirm_button.layout.display == "none"

    def test_cancel_leaves_the_files_alone(
        self,
        session: Session,
        file_bytes: Helper,
        choose_file: Helper,
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        choose_file(panel, "messy.csv", MESSY)
        panel.importer.cancel_button.click()
        assert panel.importer.message.kind == "info"
        panel.importer.confirm()
        assert panel.importer.message.kind == "error"
        assert file_bytes(session) == before

    def test_an_unreadable_file_offers_no_import(
        self,
        session: Session,
        file_bytes: Helper,
        choose_file: Helper,
    ) -> None:
        panel = InventoryPanel(session)
        before = file_bytes(session)
        choose_file(panel, "notes.csv", b"Thing,Group\nx,y\n")
        assert panel.importer.message.kind == "error"
        assert "no column for ‘Name’ or ‘Quadrant’" in panel.importer.view.value
        assert panel.importer.confirm_button.layout.display == "none"
        assert file_bytes(session) == before

    def test_hostile_file_content_is_shown_as_text(
        self, session: Session, choose_file: Helper
    ) -> None:
        panel = InventoryPanel(session)
        choose_file(
            panel,
            "<b>x</b>.csv",
            b"Name,Quadrant\n<script>x</script>,<img src=x onerror=alert(1)>\n",
        )
        shown = panel.importer.view.value
        assert "<img" not in shown and "<script>" not in shown
        assert "&lt;img" in shown


#: a resource list exported from another tool, with headings the kit does not know
EXPORT = (
    "\ufeffItem;Bucket;Contact;Usage;Notes\n"
    "Reading buddies;relationships;Grades 1 and 5;untapped;Older students read with younger\n"
    "Writing rubric;tools;ILT;well used;\n"
).encode("utf-8")


def choose_columns(panel: InventoryPanel, **fields: str) -> None:
    """Choose a field for each heading named, as a person would in its list."""
    for heading, field in fields.items():
        panel.importer.columns.choices[heading].value = field


class TestInventoryColumnMatching:
    def test_a_messy_export_is_imported_through_a_column_matching(
        self,
        session: Session,
        new_team: Helper,
        choose_file: Helper,
        file_bytes: Helper,
        restarted: Helper,
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        importer = panel.importer
        assert not importer.columns.shown, "nothing to match before a file is chosen"
        choose_file(panel, "export.csv", EXPORT)
        assert importer.message.kind == "error", importer.message.text
        assert "Match them below" in importer.message.text
        assert file_bytes(session) is None

        assert importer.columns.shown
        assert "Match the columns" in importer.columns.intro.value
        choices = importer.columns.choices
        assert list(choices) == ["Item", "Bucket", "Contact", "Usage", "Notes"]
        assert [c.value for c in choices.values()] == ["", "", "", "", "description"]
        assert [c.description for c in choices.values()] == list(choices), "labelled by heading"
        labels = [label for label, _field in choices["Item"].options]
        assert labels[:3] == ["Leave this column out", "ID", "Name"] and "Quadrant" in labels
        rows = [row.children[1].value for row in importer.columns.rows.children]
        assert "‘Reading buddies’, ‘Writing rubric’" in rows[0]
        assert all("wk-column-choice" in c._dom_classes for c in choices.values())
        assert "wk-import-mapped" in importer.columns.import_button._dom_classes

        choose_columns(panel, Item="name", Bucket="quadrant", Contact="holder", Usage="use")
        importer.columns.import_button.click()
        assert importer.message.kind == "ok", importer.columns.message.text
        assert importer.message.text == (
            "Imported 2 new and updated 0 resources from ‘export.csv’. "
            "The inventory now has 2 resources."
        )
        assert not importer.columns.shown, "the matching is done with"
        saved = restarted(session).team.load(ResourceInventory)
        assert [(r.name, r.quadrant, r.holder, r.use, r.description) for r in saved.resources] == [
            (
                "Reading buddies",
                "relationships",
                "Grades 1 and 5",
                "untapped",
                "Older students read with younger",
            ),
            ("Writing rubric", "tools", "ILT", "well_used", ""),
        ]
        assert len(panel.table.values()) == 2

    def test_a_bad_matching_changes_nothing_and_says_why(
        self,
        session: Session,
        choose_file: Helper,
        file_bytes: Helper,
    ) -> None:
        panel = InventoryPanel(session)
        importer = panel.importer
        before = file_bytes(session)
        choose_file(panel, "export.csv", EXPORT)

        choose_columns(panel, Item="name", Bucket="quadrant", Contact="name")
        importer.columns.import_button.click()
        assert importer.columns.message.kind == "error"
        assert "‘Item’ and ‘Contact’ are both matched to ‘Name’" in importer.columns.message.text
        assert "Nothing has been imported" in importer.columns.message.text
        assert file_bytes(session) == before

        choose_columns(panel, Contact="holder", Bucket="")
        importer.columns.import_button.click()
        assert importer.columns.message.kind == "error"
        assert "matched to ‘Quadrant’" in importer.columns.message.text
        assert file_bytes(session) == before
        assert importer.columns.shown and importer.confirm_button.layout.display == "none"

    def test_a_matched_file_with_problems_waits_for_confirmation(
        self,
        session: Session,
        new_team: Helper,
        choose_file: Helper,
        file_bytes: Helper,
        saved_resources: Helper,
    ) -> None:
        new_team(session)
        panel = InventoryPanel(session)
        importer = panel.importer
        choose_file(panel, "export.csv", EXPORT + b"Book club;furniture;;;\n")
        choose_columns(panel, Item="name", Bucket="quadrant")
        importer.columns.import_button.click()
        assert importer.message.kind == "error", importer.message.text
        assert "Row 4:" in importer.view.value and "‘furniture’" in importer.view.value
        assert file_bytes(session) is None, "nothing is saved before the team confirms"
        assert importer.confirm_button.layout.display is None
        assert importer.columns.shown, "the matching can still be changed"
        importer.confirm_button.click()
        assert importer.message.kind == "ok", importer.message.text
        assert [r["name"] for r in saved_resources(session)] == [
            "Reading buddies",
            "Writing rubric",
        ]

    def test_a_known_file_with_problems_offers_no_matching(
        self, session: Session, choose_file: Helper
    ) -> None:
        """Every heading is known: the problems are in the rows, not the columns."""
        panel = InventoryPanel(session)
        choose_file(panel, "ours.csv", b"Name,Quadrant\nBook club,furniture\n")
        assert panel.importer.message.kind == "error"
        assert not panel.importer.columns.shown

    def test_headings_and_values_from_the_file_are_shown_as_text(
        self, session: Session, choose_file: Helper
    ) -> None:
        panel = InventoryPanel(session)
        choose_file(
            panel,
            "<b>x</b>.csv",
            b"<img src=x onerror=alert(1)>,Kind\n<script>x</script>,tools\n",
        )
        columns = panel.importer.columns
        assert columns.shown
        shown = columns.intro.value + "".join(r.children[1].value for r in columns.rows.children)
        assert "<img" not in shown and "<script>" not in shown and "<b>x" not in shown
        assert "&lt;script&gt;" in shown and "&lt;b&gt;x" in shown
        choice = columns.choices["<img src=x onerror=alert(1)>"]
        assert choice.description_allow_html is False, "the heading is its label, as text"


class TestInventoryExport:
    def test_the_inventory_is_saved_as_csv_and_xlsx(self, session: Session) -> None:
        panel = InventoryPanel(session)
        panel.export_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        exports = session.team.exports_folder
        assert not session.team.file("resources.csv").exists(), "derived files go to exports/"
        text = (exports / "resources.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == 40 and rows[0]["Quadrant"] == "Instructional knowledge"
        sheet = openpyxl.load_workbook(session.team.exports_folder / "resources.xlsx").active
        assert sheet is not None and sheet.max_row == 41 and sheet.title == "Resources"

    def test_an_exported_and_reloaded_inventory_changes_nothing(
        self, session: Session, choose_file: Helper
    ) -> None:
        panel = InventoryPanel(session)
        panel.export_button.click()
        before = session.team.load(ResourceInventory)
        choose_file(
            panel, "resources.xlsx", (session.team.exports_folder / "resources.xlsx").read_bytes()
        )
        assert panel.importer.message.kind == "ok", panel.importer.view.value
        assert session.team.reload(ResourceInventory) == before


class TestStaleSaves:
    def test_a_stale_save_is_refused_and_reload_is_offered(
        self,
        session: Session,
        saved_resources: Helper,
        file_bytes: Helper,
    ) -> None:
        """Two laptops: another one removes a resource after this panel opened; this panel adds
        one: both edits land, and the panel shows the merged inventory."""
        panel = InventoryPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(ResourceInventory)
        other.update(ResourceInventory, lambda inv: inv.without("staff-meetings"))
        panel.name.value = "Reading buddies"
        panel.quadrant.value = "relationships"
        panel.add_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        ids = [r["id"] for r in saved_resources(session)]
        assert len(ids) == 40 and "staff-meetings" not in ids and "reading-buddies" in ids
        assert panel.status() == "40 resources in the inventory"

    def test_a_stale_import_is_refused_and_reload_is_offered(
        self,
        session: Session,
        saved_resources: Helper,
        file_bytes: Helper,
        choose_file: Helper,
    ) -> None:
        """The spreadsheet import saves through the same merge as the form."""
        panel = InventoryPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(ResourceInventory)
        other.update(ResourceInventory, lambda inv: inv.without("staff-meetings"))
        choose_file(panel, "ours.csv", CLEAN)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        ids = [r["id"] for r in saved_resources(session)]
        assert len(ids) == 41 and "staff-meetings" not in ids
