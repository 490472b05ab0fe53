"""Day 1 panels driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup

from workshop_kit.activities import day1
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.team import Team
from workshop_kit.session import Session
from workshop_kit.store import TeamWorkbook, Workspace


def saved(session: Session, name: str) -> dict[str, object]:
    data = yaml.safe_load(session.team.file(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def new_team(session: Session, name: str = "Lincoln ILT") -> None:
    picker = TeamPicker(session)
    picker.new_name.value = name
    picker.create_button.click()
    assert session.team.slug == "lincoln-ilt", picker.name_message.text


class TestTeamPicker:
    def test_creating_a_team_switches_every_panel(self, session: Session) -> None:
        """Panels built before the switch rebuild from the new team's (empty) files."""
        roster = day1.RosterPanel(session)
        assert len(roster.members.values()) == 5
        new_team(session)
        assert roster.team_name.value == "Lincoln ILT"
        assert [r["name"] for r in roster.members.values()] == [""]

    @pytest.mark.parametrize("name", ["../x", "/etc", "a/../../b", "bad\x00name", "   "])
    def test_unsafe_names_are_refused_next_to_the_field(self, session: Session, name: str) -> None:
        picker = TeamPicker(session)
        before = sorted(p.name for p in session.workspace.root.iterdir())
        picker.new_name.value = name
        picker.create_button.click()
        assert picker.name_message.kind == "error"
        assert "Traceback" not in picker.name_message.value
        assert session.team.slug == "demo"
        assert sorted(p.name for p in session.workspace.root.iterdir()) == before


class TestRoster:
    def test_roster_is_saved_and_rebuilt_after_a_restart(self, session: Session) -> None:
        new_team(session)
        panel = day1.RosterPanel(session)
        panel.school.value = "Lincoln Elementary"
        panel.members.set_rows([{"name": "Rosa Diaz", "role": "Principal"}])
        panel.members.add_button.click()
        panel.members.rows[-1].widgets["name"].value = "Sam Ode"
        panel.members.rows[-1].widgets["role"].value = "Instructional coach"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert saved(session, "team.yaml")["members"] == [
            {"name": "Rosa Diaz", "role": "Principal"},
            {"name": "Sam Ode", "role": "Instructional coach"},
        ]
        # a kernel restart: a new workspace object and a new panel read the files again
        fresh = Session(
            Workspace(session.workspace.root),
            Workspace(session.workspace.root).open_team("lincoln-ilt"),
        )
        again = day1.RosterPanel(fresh)
        assert [r["name"] for r in again.members.values()] == ["Rosa Diaz", "Sam Ode"]
        assert again.school.value == "Lincoln Elementary"

    def test_a_member_without_a_role_changes_nothing(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        before = session.team.file("team.yaml").read_bytes()
        panel.members.add_button.click()
        panel.members.rows[-1].widgets["name"].value = "Nobody Yet"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Please choose a role for Nobody Yet" in panel.members.row_error(-1)
        assert session.team.file("team.yaml").read_bytes() == before

    def test_duplicate_names_are_flagged_on_their_row(self, session: Session) -> None:
        panel = day1.RosterPanel(session)
        panel.members.add_row({"name": "ana ruiz", "role": "Teacher"})
        panel.save_button.click()
        assert "already on the list" in panel.members.row_error(-1)
        assert len(saved(session, "team.yaml")["members"]) == 5  # type: ignore[arg-type]


class TestNorms:
    def test_suggested_norms_are_added_edited_and_agreed(self, session: Session) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.suggest_button.click()
        suggested = panel.typed_norms()
        assert len(suggested) >= 3
        panel.norms.value = panel.norms.value + "\nPhones stay in our bags."
        panel.agreed.value = True
        panel.save_button.click()
        data = saved(session, "team.yaml")
        assert data["norms"] == [*suggested, "Phones stay in our bags."]
        assert data["norms_agreed"] is True

    def test_agreeing_to_no_norms_is_refused(self, session: Session) -> None:
        new_team(session)
        panel = day1.NormsPanel(session)
        panel.agreed.value = True
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert saved(session, "team.yaml")["norms_agreed"] is False


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(panel: day1.EvidencePanel, name: str, content: bytes) -> None:
    panel.upload.value = (
        {
            "name": name,
            "type": "",
            "size": len(content),
            "content": memoryview(content),
            "last_modified": dt.datetime(2026, 7, 1, tzinfo=dt.timezone.utc),
        },
    )


class TestEvidence:
    def test_filters_redraw_the_chart(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        first = panel.chart.value
        assert bytes(first).startswith(b"<?xml")
        panel.subject.value = "ELA"
        panel.group.value = "English learners"
        assert panel.chart.value != first
        assert "English learners" in panel.needs.value

    def test_an_xlsx_upload_is_checked_and_saved(self, session: Session) -> None:
        new_team(session)
        panel = day1.EvidencePanel(session)
        content = xlsx_bytes(
            [
                [
                    "Year",
                    "Grade",
                    "Subject",
                    "Student group",
                    "Percent proficient",
                    "Students tested",
                ],
                ["2024-25", 6, "Math", "All students", 44.5, 120],
                ["2025-26", 6, "Math", "All students", 47, 118],
            ]
        )
        upload(panel, "results.xlsx", content)
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert "6" in panel.grade.options
        assert session.team.file("evidence.csv").read_text().count("\n") == 3

    def test_new_results_keep_the_old_ones_which_can_be_put_back(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        demo = session.team.file("evidence.csv").read_bytes()
        assert panel.put_back_button.layout.display == "none"  # nothing kept yet
        mine = (
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,3,ELA,All students,40,20\n"
        )
        upload(panel, "mine.csv", mine)
        assert "you can put them back" in panel.upload_message.text
        assert panel.put_back_button.layout.display is None
        assert len(panel.table) == 1
        panel.put_back_button.click()
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert session.team.file("evidence.csv").read_bytes() == demo
        assert len(panel.table) > 1
        again = day1.EvidencePanel(session)  # a new kernel sees the same files
        again.put_back_button.click()  # and can undo the putting back
        assert len(again.table) == 1

    def test_a_bad_file_names_the_rows_and_saves_nothing(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        before = session.team.file("evidence.csv").read_bytes()
        bad = (
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,3,ELA,All,140,20\n2025-26,3,ELA,EL,ab,x\n"
        )
        upload(panel, "mine.csv", bad)
        assert panel.upload_message.kind == "error"
        assert "row 2" in panel.upload_message.text and "row 3" in panel.upload_message.text
        assert session.team.file("evidence.csv").read_bytes() == before

    def test_a_missing_column_is_named(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        upload(panel, "mine.csv", b"year;grade;subject\n2025;3;ELA\n")
        assert "student_group" in panel.upload_message.text


class TestCandidatesAndRatings:
    def test_adding_a_candidate_shows_it_in_the_ratings_grid(self, session: Session) -> None:
        candidates = day1.CandidatesPanel(session)
        ratings = day1.RatingsPanel(session)
        candidates.rows.add_row(
            {"text": "Students <b>talk</b> about texts", "evidence": "Observations"}
        )
        candidates.save_button.click()
        assert candidates.messages.kind == "ok", candidates.messages.text
        work = session.team.load(GoalWork)
        new = work.candidates[-1]
        assert new.text == "Students <b>talk</b> about texts"
        assert any(key[0] == new.id for key in ratings.cells)
        assert "&lt;b&gt;talk&lt;/b&gt;" in ratings.results.value  # typed text is escaped

    def test_removing_a_candidate_removes_its_ratings(self, session: Session) -> None:
        panel = day1.CandidatesPanel(session)
        attendance = next(r for r in panel.rows.rows if r.meta.get("id") == "attendance")
        attendance.remove.click()
        panel.save_button.click()
        work = session.team.load(GoalWork)
        assert "attendance" not in {c.id for c in work.candidates}
        assert all("attendance" not in by for by in work.ratings.values())

    def test_a_members_ratings_are_saved_and_the_ranking_updates(self, session: Session) -> None:
        panel = day1.RatingsPanel(session)
        panel.member.value = "Marcus Lee"
        for (candidate, _criterion), cell in panel.cells.items():
            if candidate == "attendance":
                cell.value = 4
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        work = session.team.load(GoalWork)
        assert set(work.ratings["Marcus Lee"]["attendance"].values()) == {4}
        assert "low consensus" in panel.results.value

    def test_a_rebuilt_grid_frees_the_old_one(self, session: Session) -> None:
        """The grid is rebuilt whenever the goal work changes elsewhere (a candidate edited, the
        goal saved); the old inputs must not pile up in the kernel and the page."""
        panel = day1.RatingsPanel(session)
        candidates = day1.CandidatesPanel(session)
        old_cells = list(panel.cells.values())
        old_rows = list(panel.grid.children)
        candidates.save_button.click()
        assert candidates.messages.kind == "ok", candidates.messages.text
        assert all(cell.comm is None for cell in old_cells)
        assert all(row.comm is None for row in old_rows)
        assert all(cell.comm is not None for cell in panel.cells.values())
        layouts = {id(cell.layout) for cell in panel.cells.values()}
        assert len(layouts) == 1 and next(iter(panel.cells.values())).layout.comm is not None

    def test_switching_member_shows_their_own_ratings(self, session: Session) -> None:
        panel = day1.RatingsPanel(session)
        work = session.team.load(GoalWork)
        for member in ("Ana Ruiz", "Jenna Kowalski"):
            panel.member.value = member
            shown = {k: c.value for k, c in panel.cells.items()}
            assert shown[("attendance", "instructional")] == work.score(
                member, "attendance", "instructional"
            )


class TestGoal:
    def test_feedback_names_what_is_missing(self, session: Session) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        panel.parts["what"].value = "write explanations of their reasoning"
        panel.parts["how_much"].value = "some more students"
        panel.parts["by_when"].value = "soon"
        assert "not a number" in panel.feedback["how_much"].text
        assert "not a time" in panel.feedback["by_when"].text
        assert panel.feedback["what"].kind == "ok"
        assert panel.verdict.value == ""

    def test_goal_and_success_criteria_are_saved(self, session: Session) -> None:
        new_team(session)
        panel = day1.GoalPanel(session)
        for key, value in {
            "what": "explain their reasoning in writing",
            "for_whom": "students in grades 6 to 8",
            "how_much": "70% of students",
            "by_when": "May 2027",
            "baseline": "52% in September 2026",
        }.items():
            panel.parts[key].value = value
        panel.draft_button.click()
        assert panel.statement.value == (
            "By May 2027, students in grades 6 to 8 will explain their reasoning in writing, "
            "reaching 70% of students (baseline: 52% in September 2026)."
        )
        row = panel.criteria.rows[0].widgets
        row["measure"].value = "Students scoring 3+ on the rubric"
        row["baseline"].value = "52"
        row["target"].value = "70%"
        row["by"].value = "2027-05-28"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "✅" in panel.verdict.value
        data = saved(session, "goal.yaml")
        assert data["goal"]["by_when"] == "May 2027"  # type: ignore[index]
        assert data["success_criteria"][0]["target"] == 70.0  # type: ignore[index]

    def test_a_bad_date_is_refused_on_its_row(self, session: Session) -> None:
        panel = day1.GoalPanel(session)
        before = session.team.file("goal.yaml").read_bytes()
        panel.criteria.rows[0].widgets["by"].value = "next June"
        panel.save_button.click()
        assert "YYYY-MM-DD" in panel.criteria.row_error(0)
        assert session.team.file("goal.yaml").read_bytes() == before


class TestSafety:
    def test_a_stale_save_is_refused_and_reload_is_offered(self, session: Session) -> None:
        """Two laptops: another one saves the roster after this panel opened it."""
        panel = day1.NormsPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"norms": ("Their norm",)}))
        panel.norms.value = "My norm"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Someone else saved" in panel.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm"]
        reload_button = panel._recovery.children[0]
        reload_button.click()
        assert panel.norms.value == "Their norm"
        panel.norms.value = "Their norm\nMy norm"
        panel.save_button.click()
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]

    def test_a_panel_opened_after_someone_elses_save_saves_it_was_no_false_alarm(
        self, session: Session
    ) -> None:
        """This kernel had the roster open; another laptop saved the norms; a norms panel opened
        afterwards shows their norms and saves; the roster panel filled before is refused."""
        roster = day1.RosterPanel(session)
        other = TeamWorkbook(Workspace(session.workspace.root), "demo")
        other.load(Team)
        other.update(Team, lambda t: t.model_copy(update={"norms": ("Their norm",)}))
        norms = day1.NormsPanel(session)
        assert norms.norms.value == "Their norm"
        norms.norms.value = "Their norm\nMy norm"
        norms.save_button.click()
        assert norms.messages.kind == "ok", norms.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]
        roster.save_button.click()
        assert roster.messages.kind == "error" and "Someone else saved" in roster.messages.text
        assert saved(session, "team.yaml")["norms"] == ["Their norm", "My norm"]

    def test_a_damaged_file_is_reported_and_can_be_restored(self, session: Session) -> None:
        day1.NormsPanel(session).save_button.click()  # revision 2 exists in the history
        path = session.team.file("team.yaml")
        path.write_text("schema_version: 1\nrevision: 3\nmembers: [oops\n", encoding="utf-8")
        fresh = Session(
            Workspace(session.workspace.root), Workspace(session.workspace.root).open_team("demo")
        )
        panel = day1.RosterPanel(fresh)
        assert panel.messages.kind == "error"
        assert "team.yaml" in panel.messages.text and "line" in panel.messages.text
        assert "not readable YAML" in panel.messages.text
        assert path.read_text(encoding="utf-8").endswith("[oops\n")  # not overwritten
        panel._recovery.children[0].click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert len(panel.members.values()) == 5
        assert (path.parent / "team.damaged-1.yaml").exists()

    def test_hostile_text_is_shown_as_text_in_the_summary(self, session: Session) -> None:
        panel = day1.NormsPanel(session)
        panel.norms.value = "<script>alert(1)</script>\n<img src=x onerror=alert(2)>"
        panel.save_button.click()
        summary = day1.SummaryPanel(session)
        assert "<script>" not in summary.view.value
        assert "&lt;script&gt;" in summary.view.value
        assert "<img" not in summary.view.value
        summary.save_button.click()
        text = (session.team.exports_folder / "day1_summary.md").read_text(encoding="utf-8")
        assert "<script>" not in text and "&lt;script&gt;" in text
        page = BeautifulSoup(
            (session.team.exports_folder / "day1_summary.html").read_bytes(), "html.parser"
        )
        assert page.find("script") is None and page.find("img") is None
        assert "<script>alert(1)</script>" in page.get_text()  # shown as the text typed
        assert page.title is not None and "Maple Grove" in page.title.get_text()
        assert "@media print" in page.style.get_text()  # type: ignore[union-attr]
        assert summary.messages.kind == "ok" and "day1_summary.html" in summary.messages.text


class TestVersions:
    def test_an_earlier_version_is_restored_and_the_panels_show_it(self, session: Session) -> None:
        from workshop_kit.activities.versions import VersionsPanel

        norms = day1.NormsPanel(session)
        original = norms.norms.value
        norms.norms.value = "Only one norm now"
        norms.save_button.click()
        versions = VersionsPanel((Team, GoalWork), session)
        numbers = [value for _label, value in versions.version.options]
        assert len(numbers) == 1 or numbers[0] > numbers[-1]
        # the demo ships without history: the first save kept only itself, so save once more
        norms.norms.value = "Two\nNorms"
        norms.save_button.click()
        numbers = [value for _label, value in versions.version.options]
        versions.version.value = numbers[1]
        versions.restore_button.click()
        assert versions.messages.kind == "ok", versions.messages.text
        assert norms.norms.value == "Only one norm now"
        assert saved(session, "team.yaml")["norms"] == ["Only one norm now"]
        assert original != norms.norms.value


class TestNotebookCalls:
    def test_a_broken_facilitator_config_is_a_message_not_a_traceback(
        self, session: Session
    ) -> None:
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.utils.capture import capture_output

        InteractiveShell.instance()  # display() publishes rich output only inside a shell
        folder = session.workspace.root / "config"
        folder.mkdir()
        (folder / "day1.yaml").write_text("schema_version: 1\ntitle: [unclosed\n", encoding="utf-8")
        with capture_output() as captured:
            day1.opening()
        html = "".join(o.data.get("text/html", "") for o in captured.outputs)
        assert "This activity cannot be shown" in html
        assert "day1.yaml" in html and re.search(r"line \d+:", html)
        assert "Traceback" not in html + captured.stdout + captured.stderr
