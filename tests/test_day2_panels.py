"""Day 2 panels driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import yaml
from bs4 import BeautifulSoup

from workshop_kit.activities import day2
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace


def saved_resources(session: Session) -> list[dict[str, object]]:
    path = session.team.file("resources.yaml")
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return list(data["resources"])


def by_name(session: Session) -> dict[str, dict[str, object]]:
    return {str(r["name"]): r for r in saved_resources(session)}


def restarted(session: Session) -> Session:
    """A kernel restart: a new workspace object reads the team's files again."""
    ws = Workspace(session.workspace.root)
    return Session(ws, ws.open_team(session.team.slug))


def new_team(session: Session, name: str = "Lincoln ILT") -> None:
    picker = TeamPicker(session)
    picker.new_name.value = name
    picker.create_button.click()
    assert session.team.slug == "lincoln-ilt", picker.name_message.text


def upload(panel: day2.InventoryPanel, name: str, content: bytes) -> None:
    panel.importer.upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime(2026, 7, 2, tzinfo=dt.timezone.utc),
        },
    )


def file_bytes(session: Session) -> bytes | None:
    path = session.team.file("resources.yaml")
    return path.read_bytes() if path.exists() else None


class TestFramework:
    def test_the_day1_goal_is_at_the_top(self, session: Session) -> None:
        panel = day2.FrameworkPanel(session)
        assert "By June 2027" in panel.goal.value
        assert "English learners scoring 3+" in panel.goal.value
        for label in (
            "Instructional knowledge",
            "Instructional tools",
            "Organizational structures and routines",
            "Relationships and relational qualities",
        ):
            assert label in panel.grid.value
        assert repr(panel).endswith("goal set, 3 success criteria>")

    def test_a_team_without_a_goal_is_sent_back_to_day1(self, session: Session) -> None:
        new_team(session)
        panel = day2.FrameworkPanel(session)
        assert "not written yet" in panel.goal.value
        assert panel.messages.kind == "info" and "Day 1" in panel.messages.text


class TestInventoryForm:
    def test_a_resource_added_through_the_form_is_saved_and_back_after_a_restart(
        self, session: Session
    ) -> None:
        new_team(session)
        panel = day2.InventoryPanel(session)
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
        again = day2.InventoryPanel(restarted(session))
        assert [r["name"] for r in again.table.values()] == ["Reading buddies"]
        assert again.table.values()[0]["quadrant"] == "Relationships and relational qualities"

    def test_the_form_offers_the_teams_success_criteria(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        assert set(panel.criteria_checks) == {"rubric-all", "rubric-el", "ela-proficiency"}
        panel.name.value = "Peer feedback protocol"
        panel.quadrant.value = "tools"
        panel.criteria_checks["rubric-el"].value = True
        panel.add_button.click()
        assert by_name(session)["Peer feedback protocol"]["success_criteria"] == ["rubric-el"]

    def test_bad_input_is_explained_and_changes_nothing(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
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


class TestInventoryTable:
    def test_edit_and_remove_rows_then_save(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
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

    def test_links_saved_in_another_panel_survive_a_table_save(self, session: Session) -> None:
        table = day2.InventoryPanel(session)
        table.table_filter.value = "structures"
        links = day2.LinksPanel(session)
        links.chooser.value = "ela-proficiency"
        links.checks["staff-meetings"].value = True
        links.save_button.click()
        table.save_button.click()
        assert table.messages.kind == "ok", table.messages.text
        assert by_name(session)["Staff meetings"]["success_criteria"] == ["ela-proficiency"]

    def test_pages_leave_other_pages_alone(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
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
        panel = day2.InventoryPanel(session)
        panel.table.rows[0].widgets["holder"].value = "Someone new"
        panel.next_button.click()
        assert panel.messages.kind == "error" and "not saved yet" in panel.messages.text
        assert panel.table.rows[0].widgets["holder"].value == "Someone new"
        panel.table_filter.value = "tools"
        assert panel.table_filter.value == ""
        assert panel.table.rows[0].widgets["holder"].value == "Someone new"

    def test_a_name_used_on_another_page_is_refused(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        before = file_bytes(session)
        panel.table.rows[0].widgets["name"].value = "staff  MEETINGS"
        panel.save_button.click()
        assert panel.messages.kind == "error" and "another page" in panel.messages.text
        assert file_bytes(session) == before

    def test_a_bad_row_is_marked_and_nothing_is_saved(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        before = file_bytes(session)
        panel.table.rows[0].widgets["name"].value = ""
        panel.table.rows[1].widgets["name"].value = panel.table.rows[2].widgets["name"].value
        panel.table.rows[3].widgets["name"].value = "Something renamed"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "name" in panel.table.rows[0].error.text
        assert "already in row" in panel.table.rows[2].error.text
        assert file_bytes(session) == before

    def test_empty_new_rows_are_ignored(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        panel.table.add_button.click()
        panel.save_button.click()
        assert panel.messages.kind == "ok" and len(saved_resources(session)) == 40


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


class TestInventoryUpload:
    def test_a_clean_file_is_imported_at_once(self, session: Session) -> None:
        new_team(session)
        panel = day2.InventoryPanel(session)
        upload(panel, "ours.csv", CLEAN)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert "Imported 2 new" in panel.importer.message.text
        assert by_name(session)["Writing rubric"]["use"] == "well_used"
        assert len(panel.table.values()) == 2

    def test_a_messy_file_imports_nothing_until_the_team_confirms(self, session: Session) -> None:
        new_team(session)
        panel = day2.InventoryPanel(session)
        upload(panel, "messy.csv", MESSY)
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

    def test_cancel_leaves_the_files_alone(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        before = file_bytes(session)
        upload(panel, "messy.csv", MESSY)
        panel.importer.cancel_button.click()
        assert panel.importer.message.kind == "info"
        panel.importer.confirm()
        assert panel.importer.message.kind == "error"
        assert file_bytes(session) == before

    def test_an_unreadable_file_offers_no_import(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        before = file_bytes(session)
        upload(panel, "notes.csv", b"Thing,Group\nx,y\n")
        assert panel.importer.message.kind == "error"
        assert "no column for ‘Name’ or ‘Quadrant’" in panel.importer.view.value
        assert panel.importer.confirm_button.layout.display == "none"
        assert file_bytes(session) == before

    def test_hostile_file_content_is_shown_as_text(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        upload(
            panel,
            "<b>x</b>.csv",
            b"Name,Quadrant\n<script>x</script>,<img src=x onerror=alert(1)>\n",
        )
        shown = panel.importer.view.value
        assert "<img" not in shown and "<script>" not in shown
        assert "&lt;img" in shown


class TestInventoryExport:
    def test_the_inventory_is_saved_as_csv_and_xlsx(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        panel.export_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        text = session.team.file("resources.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == 40 and rows[0]["Quadrant"] == "Instructional knowledge"
        sheet = openpyxl.load_workbook(session.team.file("resources.xlsx")).active
        assert sheet is not None and sheet.max_row == 41 and sheet.title == "Resources"

    def test_an_exported_and_reloaded_inventory_changes_nothing(self, session: Session) -> None:
        panel = day2.InventoryPanel(session)
        panel.export_button.click()
        before = session.team.load(ResourceInventory)
        upload(panel, "resources.xlsx", session.team.file("resources.xlsx").read_bytes())
        assert panel.importer.message.kind == "ok", panel.importer.view.value
        assert session.team.reload(ResourceInventory) == before


class TestMap:
    def test_the_map_shows_every_resource_and_can_be_filtered(self, session: Session) -> None:
        panel = day2.MapPanel(session)
        assert bytes(panel.picture.value).startswith(b"<?xml")
        assert repr(panel).endswith("40 resources on the map; thin: relationships>")
        panel.show.value = "ela-proficiency"
        assert "Resources serving ‘Students proficient".encode() in bytes(panel.picture.value)
        assert "resources on the map" in panel.status()
        assert len(panel.shown().resources) < 40

    def test_the_map_follows_saves_made_in_the_inventory(self, session: Session) -> None:
        the_map = day2.MapPanel(session)
        form = day2.InventoryPanel(session)
        form.name.value = "Reading buddies"
        form.quadrant.value = "relationships"
        form.add_button.click()
        assert "41 resources on the map; thin: none" in repr(the_map)
        assert b"Reading buddies" in bytes(the_map.picture.value)

    def test_pictures_are_saved_as_png_and_svg(self, session: Session) -> None:
        panel = day2.MapPanel(session)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert session.team.file("resource_map.png").read_bytes().startswith(b"\x89PNG")
        assert b"<svg" in session.team.file("resource_map.svg").read_bytes()


class TestInsights:
    def test_findings_for_the_demo(self, session: Session) -> None:
        panel = day2.InsightsPanel(session)
        html = panel.view.value
        assert "Thin quadrants:</b> Relationships and relational qualities" in html
        assert "Bilingual aides" in html
        assert "could generate more of (13)" in html


class TestLinks:
    def test_ticks_are_saved_and_shown_again_after_a_restart(self, session: Session) -> None:
        panel = day2.LinksPanel(session)
        panel.chooser.value = "ela-proficiency"
        assert panel.checks["classroom-libraries"].value is True
        panel.checks["classroom-libraries"].value = False
        panel.checks["morning-meeting-routine"].value = True
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        saved = {str(r["id"]): r for r in saved_resources(session)}
        assert saved["morning-meeting-routine"]["success_criteria"] == ["ela-proficiency"]
        assert saved["classroom-libraries"]["success_criteria"] == []
        again = day2.LinksPanel(restarted(session))
        again.chooser.value = "ela-proficiency"
        assert again.checks["morning-meeting-routine"].value is True
        assert again.checks["classroom-libraries"].value is False

    def test_a_criterion_with_nothing_behind_it_is_flagged(self, session: Session) -> None:
        panel = day2.LinksPanel(session)
        panel.chooser.value = "rubric-el"
        for check in panel.checks.values():
            check.value = False
        panel.save_button.click()
        assert "no resources behind it yet" in panel.overview.value
        assert "1 success criteria have no resources" in panel.overview.value

    def test_without_success_criteria_nothing_can_be_linked(self, session: Session) -> None:
        new_team(session)
        panel = day2.LinksPanel(session)
        assert panel.messages.kind == "info" and "Day 1" in panel.messages.text
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert file_bytes(session) is None


class TestSupport:
    def test_missing_forms_are_listed_and_tags_saved(self, session: Session) -> None:
        panel = day2.SupportPanel(session)
        assert "Peer networks" in panel.overview.value.split("Missing:")[1]
        panel.chooser.value = "peer_networks"
        panel.checks["teachers-who-already-visit-each-other-s-classrooms"].value = True
        panel.save_button.click()
        saved = {str(r["id"]): r for r in saved_resources(session)}
        assert saved["teachers-who-already-visit-each-other-s-classrooms"]["support_forms"] == [
            "peer_networks"
        ]
        assert "Peer networks" not in panel.overview.value.split("Missing:")[1]


class TestSummary:
    def test_the_summary_is_saved_as_markdown(self, session: Session) -> None:
        panel = day2.SummaryPanel(session)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        text = (session.team.exports_folder / "day2_summary.md").read_text(encoding="utf-8")
        assert text.startswith("# Day 2 summary: Maple Grove Elementary (demo)")
        assert "| Relationships and relational qualities (thin) | 4 |" in text
        assert "## Not recognised as resources before today" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day2_summary.html").read_bytes(), "html.parser"
        )
        assert page.h1 is not None and page.h1.get_text().startswith("Day 2 summary")
        assert "Relationships and relational qualities" in page.get_text()

    def test_hostile_names_are_text_in_html_and_markdown(self, session: Session) -> None:
        form = day2.InventoryPanel(session)
        form.name.value = "<script>alert(1)</script> *bold* [link](x)"
        form.quadrant.value = "tools"
        form.recognized.value = False
        form.add_button.click()
        panel = day2.SummaryPanel(session)
        assert "<script>" not in panel.view.value and "&lt;script&gt;" in panel.view.value
        panel.save_button.click()
        text = (session.team.exports_folder / "day2_summary.md").read_text(encoding="utf-8")
        assert "<script>" not in text and "\\*bold\\*" in text and "\\[link\\]" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day2_summary.html").read_bytes(), "html.parser"
        )
        assert page.find("script") is None and "<script>alert(1)</script>" in page.get_text()


class TestSafety:
    def test_a_stale_save_is_refused_and_reload_is_offered(self, session: Session) -> None:
        """Two laptops: another one saves the inventory after this panel opened it."""
        panel = day2.InventoryPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(ResourceInventory)
        other.update(ResourceInventory, lambda inv: inv.without("staff-meetings"))
        theirs = file_bytes(session)
        panel.name.value = "Reading buddies"
        panel.quadrant.value = "relationships"
        panel.add_button.click()
        assert (
            panel.form_message.kind == "error" and "Someone else saved" in panel.form_message.text
        )
        assert file_bytes(session) == theirs
        panel._recovery.children[0].click()
        assert panel.status() == "39 resources in the inventory"
        panel.add_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert len(saved_resources(session)) == 40

    def test_a_stale_import_is_refused_and_reload_is_offered(self, session: Session) -> None:
        """The spreadsheet import saves through the same stale check as the form."""
        panel = day2.InventoryPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(ResourceInventory)
        other.update(ResourceInventory, lambda inv: inv.without("staff-meetings"))
        theirs = file_bytes(session)
        upload(panel, "ours.csv", CLEAN)
        message = panel.importer.message
        assert message.kind == "error" and "Someone else saved" in message.text
        assert file_bytes(session) == theirs
        panel._recovery.children[0].click()
        upload(panel, "ours.csv", CLEAN)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert len(saved_resources(session)) == 41

    def test_switching_team_rebuilds_every_panel(self, session: Session) -> None:
        panels = [day2.InventoryPanel(session), day2.MapPanel(session), day2.LinksPanel(session)]
        new_team(session)
        assert panels[0].table.values() == []
        assert "0 resources on the map" in repr(panels[1])
        assert panels[2].checks == {}

    def test_the_goal_is_read_not_written(self, session: Session) -> None:
        before = session.team.file("goal.yaml").read_bytes()
        for cls in (day2.FrameworkPanel, day2.InventoryPanel, day2.LinksPanel, day2.SummaryPanel):
            cls(session)
        assert session.team.file("goal.yaml").read_bytes() == before
        assert session.team.load(GoalWork).success_criteria
