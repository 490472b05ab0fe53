"""Reading a team's resource spreadsheet: clean files import, messy ones explain every row."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from workshop_kit.config.day2 import Day2Config, load_day2
from workshop_kit.exports.spreadsheet import csv_bytes, xlsx_bytes
from workshop_kit.logic.column_map import LEAVE_OUT
from workshop_kit.logic.resource_import import ImportReport, inventory_rows, read_inventory
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.resources import Resource, ResourceInventory
from workshop_kit.store import Workspace

CRITERIA = (
    SuccessCriterion(
        id="rubric-all",
        measure="Students scoring 3+ on the writing rubric",
        baseline=41,
        target=60,
        by=dt.date(2027, 6, 11),
    ),
    SuccessCriterion(
        id="rubric-el",
        measure="English learners scoring 3+ on the rubric",
        baseline=22,
        target=45,
        by=dt.date(2027, 6, 11),
    ),
)


@pytest.fixture(scope="module")
def config() -> Day2Config:
    return load_day2()


def read(
    text: str | bytes,
    config: Day2Config,
    name: str = "resources.csv",
    inventory: ResourceInventory | None = None,
    columns: dict[str, str] | None = None,
) -> ImportReport:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_inventory(data, name, config, CRITERIA, inventory, columns)


def problems(report: ImportReport) -> list[str]:
    return [str(m) for m in report.problems]


def notes(report: ImportReport) -> list[str]:
    return [str(m) for m in report.notes]


class TestGoodFiles:
    def test_a_clean_csv_imports_every_row(self, config: Day2Config) -> None:
        report = read(
            "Name,Quadrant,Who holds it,Use toward the goal,Success criteria\n"
            "Writing rubric,Instructional tools,ILT,Well used,rubric-all\n"
            "Grade-level meetings,Organizational structures and routines,Teams,Under-used,\n",
            config,
        )
        assert report.clean, report.messages
        assert [(r.resource.name, r.resource.quadrant, r.resource.use) for r in report.rows] == [
            ("Writing rubric", "tools", "well_used"),
            ("Grade-level meetings", "structures", "under_used"),
        ]
        assert report.rows[0].resource.success_criteria == ("rubric-all",)
        inventory = report.apply(ResourceInventory())
        assert [r.id for r in inventory.resources] == ["writing-rubric", "grade-level-meetings"]

    def test_an_xlsx_with_typed_cells_imports(self, config: Day2Config) -> None:
        """Excel cells may hold booleans and numbers rather than text."""
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(
            ["Name", "Quadrant", "Recognized before today", "Can generate more", "Needs new money"]
        )
        sheet.append(["Reading buddies", "relationships", False, True, 0])
        buffer = io.BytesIO()
        book.save(buffer)
        report = read(buffer.getvalue(), config, name="Inventory.XLSX")
        assert report.clean, report.messages
        r = report.rows[0].resource
        assert (r.recognized_before, r.can_generate, r.new_money) == (False, True, False)

    def test_an_exported_inventory_reads_back_unchanged(
        self, config: Day2Config, workspace: Workspace
    ) -> None:
        """Export, edit in a spreadsheet program, import: the round trip keeps every field."""
        demo = workspace.ensure_demo().load(ResourceInventory)
        tricky = Resource(
            id="formula-like",
            name="=SUM(A1) minus",
            description="-3 students",
            quadrant="knowledge",
            holder="@coach",
            support_forms=("sponsorship",),
        )
        inventory = demo.with_resource(tricky)
        columns, rows = inventory_rows(inventory, config)
        criteria = (
            *CRITERIA,
            SuccessCriterion(
                id="ela-proficiency",
                measure="State ELA",
                baseline=49,
                target=56,
                by=dt.date(2027, 8, 31),
            ),
        )
        for data, name in (
            (csv_bytes(rows, columns), "x.csv"),
            (xlsx_bytes(rows, columns), "x.xlsx"),
        ):
            report = read_inventory(data, name, config, criteria, inventory)
            assert report.clean, report.problems
            assert report.updated == len(inventory.resources) and report.added == 0
            assert report.apply(inventory) == inventory

    def test_rows_naming_a_known_resource_update_it_and_keep_its_id(
        self, config: Day2Config
    ) -> None:
        inventory = ResourceInventory(
            resources=(
                Resource(
                    id="rubric",
                    name="Writing rubric",
                    quadrant="tools",
                    use="untapped",
                    success_criteria=("rubric-el",),
                ),
            )
        )
        report = read(
            "Name,Quadrant,Use\n writing RUBRIC ,tools,well used\n", config, inventory=inventory
        )
        assert report.clean and report.updated == 1
        assert any("updates" in n for n in notes(report))
        updated = report.apply(inventory)
        assert [(r.id, r.use) for r in updated.resources] == [("rubric", "well_used")]

    def test_a_known_name_written_differently_updates_it(self, config: Day2Config) -> None:
        """The import's "same name" is the kit's one rule (``name_key``), as in the form: dashes,
        brackets and accents do not make a second resource."""
        inventory = ResourceInventory(
            resources=(Resource(id="pd", name="PD days", quadrant="structures"),)
        )
        report = read("Name,Quadrant\npd-DAYS,structures\n", config, inventory=inventory)
        assert report.clean and report.updated == 1 and report.added == 0
        assert [r.id for r in report.apply(inventory).resources] == ["pd"]
        again = read("Name,Quadrant\nPD (days),structures\nPd days,tools\n", config)
        assert problems(again) == ["Row 3: repeats ‘Pd days’ from row 2; keep one of them."]


class TestMessyFiles:
    def test_a_byte_order_mark_and_semicolons_are_understood(self, config: Day2Config) -> None:
        report = read("\ufeffName;Quadrant\nCoaching cycles;structures\n", config)
        assert report.clean, report.messages
        assert report.rows[0].resource.name == "Coaching cycles"

    @pytest.mark.parametrize("delimiter", ["\t", "|", ";"])
    def test_other_delimiters_are_detected(self, config: Day2Config, delimiter: str) -> None:
        report = read(f"Name{delimiter}Quadrant\nRubric{delimiter}tools\n", config)
        assert report.clean and report.rows[0].resource.quadrant == "tools"

    def test_commas_inside_a_semicolon_file_stay_in_their_cell(self, config: Day2Config) -> None:
        report = read(
            "Name;Quadrant;Success criteria\nRubric, K-5;tools;rubric-all, rubric-el\n", config
        )
        assert report.clean, report.messages
        r = report.rows[0].resource
        assert r.name == "Rubric, K-5" and r.success_criteria == ("rubric-all", "rubric-el")

    def test_stray_spaces_and_mixed_case_are_forgiven(self, config: Day2Config) -> None:
        report = read(
            "  NAME , quadrant  ,  USE TOWARD THE GOAL \n"
            "   Coaching    cycles  ,  ORGANIZATIONAL Structures AND routines ,  under-USED \n"
            "Trust, RELATIONSHIPS , well_used\n",
            config,
        )
        assert report.clean, report.messages
        assert [(r.resource.name, r.resource.quadrant, r.resource.use) for r in report.rows] == [
            ("Coaching cycles", "structures", "under_used"),
            ("Trust", "relationships", "well_used"),
        ]

    def test_an_unknown_quadrant_gets_a_suggestion(self, config: Day2Config) -> None:
        report = read("Name,Quadrant\nBuddies,Relashionships\nRubric,Tool\nX,furniture\n", config)
        found = problems(report)
        assert (
            found[0].startswith("Row 2:")
            and "Did you mean ‘Relationships and relational qualities’" in found[0]
        )
        assert found[1].startswith("Row 3:") and "Did you mean ‘Instructional tools’" in found[1]
        assert found[2].startswith("Row 4:") and "Did you mean" not in found[2]
        assert "choose one of" in found[2]
        assert not report.rows and not report.needs_confirmation

    def test_duplicates_are_flagged_with_the_first_row(self, config: Day2Config) -> None:
        report = read("Name,Quadrant\nRubric,tools\nPD days,structures\nrubric ,tools\n", config)
        assert problems(report) == ["Row 4: repeats ‘rubric’ from row 2; keep one of them."]
        assert report.needs_confirmation and not report.clean
        assert [r.row for r in report.rows] == [2, 3]

    def test_blank_rows_are_skipped_and_counted(self, config: Day2Config) -> None:
        report = read("\n\nName,Quadrant\n\nRubric,tools\n,\n  ,  \nPD days,structures\n\n", config)
        assert report.clean, report.messages
        assert len(report.rows) == 2
        assert any("Skipped" in n and "blank rows" in n for n in notes(report))

    def test_unknown_columns_are_reported_not_imported(self, config: Day2Config) -> None:
        report = read("Name,Quadrant,Cost,Who holds i\nRubric,tools,300,ILT\n", config)
        assert report.clean, "an extra column is a note, not a problem"
        assert any("‘Cost’ is not used" in n for n in notes(report))
        assert any(
            "‘Who holds i’" in n and "Did you mean ‘Who holds it’" in n for n in notes(report)
        )

    def test_missing_required_columns_make_the_file_unreadable(self, config: Day2Config) -> None:
        report = read("Resource title,Category name\nRubric,tools\n", config)
        assert report.unreadable and not report.rows
        assert "no column for ‘Name’ or ‘Quadrant’" in problems(report)[0]

    def test_bad_yes_no_values_criteria_and_statuses_are_explained(
        self, config: Day2Config
    ) -> None:
        report = read(
            "Name,Quadrant,Recognized before today,Success criteria,Use,Leadership support\n"
            "Rubric,tools,maybe,rubric-al,so-so,sponsorshp\n",
            config,
        )
        found = " ".join(problems(report))
        assert "should be yes or no (found ‘maybe’)" in found
        assert "Did you mean ‘rubric-all’" in found
        assert "‘so-so’ is not a use status" in found
        assert "Did you mean ‘Sponsoring and legitimising the work’" in found

    def test_a_row_without_a_name_is_a_problem(self, config: Day2Config) -> None:
        report = read("Name,Quadrant,Who holds it\n,tools,ILT\n", config)
        assert problems(report) == ["Row 2: has no name; every resource needs one."]

    def test_windows_text_is_read_with_a_note(self, config: Day2Config) -> None:
        report = read("Name,Quadrant\nTomás's coaching,knowledge\n".encode("cp1252"), config)
        assert report.rows[0].resource.name == "Tomás's coaching"
        assert any("UTF-8" in n for n in notes(report))

    @pytest.mark.parametrize(
        ("data", "name", "expected"),
        [
            (b"", "empty.csv", "is empty"),
            (b"Name,Quadrant\n", "headings.csv", "no resources under them"),
            (b"PK\x03\x04 not really", "broken.xlsx", "could not be opened as an Excel workbook"),
            (b"anything", "old.xls", "old Excel format"),
            (b"anything", "notes.docx", "not a CSV or Excel"),
        ],
    )
    def test_unreadable_files_import_nothing(
        self, config: Day2Config, data: bytes, name: str, expected: str
    ) -> None:
        report = read(data, config, name=name)
        assert not report.rows and not report.clean and not report.needs_confirmation
        assert expected in " ".join(problems(report))

    def test_too_many_rows_are_refused(self, config: Day2Config) -> None:
        text = "Name,Quadrant\n" + "".join(f"R{i},tools\n" for i in range(2100))
        report = read(text, config)
        assert report.unreadable and "more than 2000 rows" in problems(report)[0]

    def test_reading_never_changes_the_inventory_it_is_given(self, config: Day2Config) -> None:
        inventory = ResourceInventory(resources=(Resource(id="a", name="A", quadrant="tools"),))
        before = inventory.model_dump()
        read("Name,Quadrant\nA,knowledge\nB,tools\n", config, inventory=inventory)
        assert inventory.model_dump() == before


class TestApply:
    def test_new_rows_never_take_an_id_already_used(self, config: Day2Config) -> None:
        """A resource saved while the team was reading the report keeps its id."""
        report = read("Name,Quadrant\nRubric,tools\n", config)
        meanwhile = ResourceInventory(
            resources=(Resource(id="rubric", name="Rubric (old)", quadrant="tools"),)
        )
        result = report.apply(meanwhile)
        assert [r.id for r in result.resources] == ["rubric", "rubric-2"]


#: a resource list exported from another tool: a byte-order mark, semicolons, and four headings
#: the kit does not know (the fifth, "Notes", it reads as the description)
EXPORT = (
    "\ufeffItem;Bucket;Contact;Usage;Notes\n"
    "Reading buddies;relationships;Grades 1 and 5;untapped;Older students read with younger\n"
    "Writing rubric;tools;ILT;well used;\n"
    "Coaching cycles;knowledge;Ms. Rivera;under-used;Six weeks, twice a year\n"
).encode("utf-8")
MATCHED = {"Item": "name", "Bucket": "quadrant", "Contact": "holder", "Usage": "use"}


class TestColumnMatching:
    def test_a_messy_export_is_refused_then_imported_with_a_matching(
        self, config: Day2Config
    ) -> None:
        """Without a matching the file is refused, and the report says what a matching needs;
        with one, every row imports."""
        refused = read(EXPORT, config, name="export.csv")
        assert refused.unreadable and not refused.rows
        assert "‘export.csv’ has no column for ‘Name’ or ‘Quadrant’" in problems(refused)[0]
        matching = refused.matching
        assert matching is not None and matching.worth_matching
        assert [(h.heading, h.guess) for h in matching.headings] == [
            ("Item", None),
            ("Bucket", None),
            ("Contact", None),
            ("Usage", None),
            ("Notes", "description"),
        ]
        assert matching.unmatched == ("Item", "Bucket", "Contact", "Usage")
        assert matching.missing == ("name", "quadrant")
        assert matching.fields[0] == ("id", "ID") and ("quadrant", "Quadrant") in matching.fields

        report = read(EXPORT, config, name="export.csv", columns=MATCHED)
        assert report.clean, report.messages
        assert [
            (r.resource.name, r.resource.quadrant, r.resource.holder, r.resource.use)
            for r in report.rows
        ] == [
            ("Reading buddies", "relationships", "Grades 1 and 5", "untapped"),
            ("Writing rubric", "tools", "ILT", "well_used"),
            ("Coaching cycles", "knowledge", "Ms. Rivera", "under_used"),
        ]
        assert report.rows[2].resource.description == "Six weeks, twice a year", (
            "the heading left out of the matching is still matched automatically"
        )
        assert report.matching is not None and report.matching.problems == ()

    def test_the_matching_wins_over_a_wrong_guess(self, config: Day2Config) -> None:
        """On its own the kit reads "Status" as the use status; the team says it is not, and
        that "Owner" (read as who holds it) is the description."""
        text = "Name;Quadrant;Status;Owner\nRubric;tools;active;the ILT shelf\n"
        guessed = read(text, config)
        assert "‘active’ is not a use status" in " ".join(problems(guessed))
        assert guessed.matching is not None
        assert [h.guess for h in guessed.matching.headings] == ["name", "quadrant", "use", "holder"]
        assert not guessed.matching.worth_matching, "every heading was matched automatically"

        report = read(text, config, columns={"Status": LEAVE_OUT, "owner ": "description"})
        assert report.clean, report.messages
        r = report.rows[0].resource
        assert (r.name, r.quadrant, r.description, r.holder) == (
            "Rubric",
            "tools",
            "the ILT shelf",
            "",
        )

    def test_a_heading_matched_to_a_field_takes_it_from_the_automatic_one(
        self, config: Day2Config
    ) -> None:
        report = read("Name;Title;Quadrant\nA;B;tools\n", config, columns={"Title": "name"})
        assert report.clean and report.rows[0].resource.name == "B"
        assert any("‘Name’ was left out: ‘Title’ is matched to ‘Name’" in n for n in notes(report))

    def test_two_headings_for_one_field_are_refused(self, config: Day2Config) -> None:
        report = read(
            EXPORT,
            config,
            name="export.csv",
            columns={**MATCHED, "Contact": "name"},
        )
        assert report.unreadable and not report.rows and not report.needs_confirmation
        assert problems(report) == [
            "In ‘export.csv’, the columns ‘Item’ and ‘Contact’ are both matched to ‘Name’; "
            "match only one of them to it."
        ]
        assert report.matching is not None and report.matching.problems == tuple(
            m.text for m in report.problems
        )

    @pytest.mark.parametrize(
        ("left_out", "named", "not_named"),
        [("Bucket", "‘Quadrant’", "‘Name’"), ("Item", "‘Name’", "‘Quadrant’")],
    )
    def test_a_matching_without_a_required_field_is_refused(
        self, config: Day2Config, left_out: str, named: str, not_named: str
    ) -> None:
        report = read(EXPORT, config, name="export.csv", columns={**MATCHED, left_out: LEAVE_OUT})
        assert report.unreadable and not report.rows
        [problem] = problems(report)
        assert problem.startswith("No column of ‘export.csv’ is matched to")
        assert named in problem and not_named not in problem

    def test_a_field_the_kit_does_not_know_is_refused(self, config: Day2Config) -> None:
        report = read(EXPORT, config, name="export.csv", columns={**MATCHED, "Notes": "budget"})
        assert report.unreadable and "‘Notes’ is matched to ‘budget’" in problems(report)[0]

    def test_sample_values_come_from_the_first_rows(self, config: Day2Config) -> None:
        """Up to three values per column, blank cells skipped, as the team typed them (a
        neutralised formula reads back), long ones shortened; rows after the first ten are not
        looked at."""
        long = "A resource with a very long name that goes on and on"
        rows = [
            ["First", "", "'=SUM(A1)"],
            ["Second", "tools", long],
            ["Third", "", ""],
            ["Fourth", "knowledge", "x"],
            *([["More", "", ""]] * 6),
            ["Late", "", "", "only here"],
        ]
        text = "Thing;Kind;Remark;Later\n" + "".join(";".join(r) + "\n" for r in rows)
        report = read(text, config)
        assert report.matching is not None
        samples = {h.heading: h.samples for h in report.matching.headings}
        assert samples["Thing"] == ("First", "Second", "Third")
        assert samples["Kind"] == ("tools", "knowledge")
        assert samples["Remark"] == ("=SUM(A1)", long[:39] + "…", "x")
        assert samples["Later"] == ()

    def test_an_unreadable_file_has_nothing_to_match(self, config: Day2Config) -> None:
        assert read(b"", config, name="empty.csv").matching is None
