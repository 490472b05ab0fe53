"""Day 1 evidence panel: uploads are checked, saved, kept and put back; filters redraw."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import openpyxl

from workshop_kit.activities import day1
from workshop_kit.model.goal import GoalWork
from workshop_kit.session import Session

Upload = Callable[[str, bytes | str], dict[str, object]]

NewTeam = Callable[..., None]
Restarted = Callable[[Session], Session]


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestEvidence:
    def test_filters_redraw_the_chart(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        first = panel.chart.value
        assert panel.chart.svg.startswith(b"<?xml")
        assert 'alt="Chart: ' in first  # the chart's text alternative
        panel.subject.value = "ELA"
        panel.group.value = "English learners"
        assert panel.chart.value != first
        assert "English learners" in panel.needs.value

    def test_a_filter_seen_before_is_shown_again_but_never_stale(self, session: Session) -> None:
        """Each filter's view is worked out once per table; new results (here saved on another
        device) are shown under the same filter, not the view remembered from before."""
        panel = day1.EvidencePanel(session)
        panel.subject.value = "ELA"
        ela = (panel.chart.value, panel.needs.value)
        panel.subject.value = "Math"
        panel.subject.value = "ELA"
        assert (panel.chart.value, panel.needs.value) == ela
        other = day1.EvidencePanel(session)
        changed = other.table.copy()
        changed.loc[changed["subject"] == "ELA", "percent_proficient"] = 12.0
        other.save_evidence(changed)
        panel.refresh()
        panel.subject.value = "Math"
        panel.subject.value = "ELA"
        assert panel.chart.value != ela[0]
        assert "12%" in panel.needs.value and panel.needs.value != ela[1]

    def test_an_xlsx_upload_is_checked_and_saved(
        self, session: Session, upload: Upload, new_team: NewTeam
    ) -> None:
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
        panel.upload.value = (upload("results.xlsx", content),)
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert "6" in panel.grade.options
        assert session.team.file("evidence.csv").read_text().count("\n") == 3

    def test_new_results_keep_the_old_ones_which_can_be_put_back(
        self, session: Session, upload: Upload
    ) -> None:
        panel = day1.EvidencePanel(session)
        demo = session.team.file("evidence.csv").read_bytes()
        assert panel.put_back_button.layout.display == "none"  # nothing kept yet
        mine = (
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,3,ELA,All students,40,20\n"
        )
        panel.upload.value = (upload("mine.csv", mine),)
        assert "you can put them back" in panel.upload_message.text
        assert panel.put_back_button.layout.display is None
        state = panel.table[panel.table["source"] == "State test"]
        assert len(state) == 1  # the state test results were replaced
        others = len(panel.table) - 1  # the rubric and classroom results stay
        assert others > 0 and f"The {others} rows from other sources are kept" in (
            panel.upload_message.text
        )
        panel.put_back_button.click()
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert session.team.file("evidence.csv").read_bytes() == demo
        assert len(panel.table) > others + 1
        again = day1.EvidencePanel(session)  # a new kernel sees the same files
        again.put_back_button.click()  # and can undo the putting back
        assert len(again.table) == others + 1

    def test_an_upload_over_results_another_device_saved_is_refused(
        self, session: Session, upload: Upload, restarted: Restarted
    ) -> None:
        """evidence.csv gets the same stale-save check as the YAML files."""
        here = day1.EvidencePanel(session)
        elsewhere = day1.EvidencePanel(restarted(session))
        theirs = (
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,4,ELA,All students,55,30\n"
        )
        elsewhere.upload.value = (upload("theirs.csv", theirs),)
        assert elsewhere.upload_message.kind == "ok", elsewhere.upload_message.text
        saved_by_them = session.team.file("evidence.csv").read_bytes()
        mine = theirs.replace(b",4,", b",3,")
        here.upload.value = (upload("mine.csv", mine),)
        assert here.upload_message.kind == "error"
        assert "Someone else saved the school's results" in here.upload_message.text
        assert session.team.file("evidence.csv").read_bytes() == saved_by_them
        here._recovery.children[0].click()  # the panel's "Reload saved version"
        here.upload.value = (upload("mine.csv", mine),)
        assert here.upload_message.kind == "ok", here.upload_message.text
        assert b",3,ELA" in session.team.file("evidence.csv").read_bytes()

    def test_a_bad_file_names_the_rows_and_saves_nothing(
        self, session: Session, upload: Upload
    ) -> None:
        panel = day1.EvidencePanel(session)
        before = session.team.file("evidence.csv").read_bytes()
        bad = (
            b"year,grade,subject,student_group,percent_proficient,students_tested\n"
            b"2025-26,3,ELA,All,140,20\n2025-26,3,ELA,EL,ab,x\n"
        )
        panel.upload.value = (upload("mine.csv", bad),)
        assert panel.upload_message.kind == "error"
        assert "row 2" in panel.upload_message.text and "row 3" in panel.upload_message.text
        assert session.team.file("evidence.csv").read_bytes() == before

    def test_a_missing_column_is_named(self, session: Session, upload: Upload) -> None:
        panel = day1.EvidencePanel(session)
        panel.upload.value = (upload("mine.csv", b"year;grade;subject\n2025;3;ELA\n"),)
        assert "student_group" in panel.upload_message.text


class TestEvidenceFile:
    def test_formulas_in_the_results_are_neutralised_in_evidence_csv(
        self, session: Session, upload: Upload
    ) -> None:
        """evidence.csv is a CSV the kit writes: a formula a file brought in is stored as text,
        and the panel still shows the group as it was typed."""
        hostile = "=cmd|' /C calc'!A0"
        content = (
            "year,grade,subject,student_group,percent_proficient,students_tested\n"
            f'2025-26,3,ELA,"{hostile}",40,20\n'
        )
        panel = day1.EvidencePanel(session)
        panel.upload.value = (upload("hostile.csv", content),)
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        written = session.team.file("evidence.csv").read_text(encoding="utf-8")
        assert f"'{hostile}" in written
        assert hostile in list(day1.EvidencePanel(session).group.options)


class TestNotices:
    """What the team notices is kept apart from what might explain it, with the view it
    looked at."""

    def test_a_note_keeps_notice_and_explanation_apart(
        self, session: Session, saved: Callable[[Session, str], dict[str, object]]
    ) -> None:
        panel = day1.EvidencePanel(session)
        panel.source.value = "Rubric scores"
        panel.subject.value = "Writing rubric"
        panel.notice.value = "English learners score 19 points below all students in grade 4."
        panel.explanation.value = "Writing tasks may assume vocabulary we never taught."
        panel.note_button.click()
        notes = saved(session, "goal.yaml")["evidence_notes"]
        assert notes == [
            {
                "id": "english-learners-score-19-points-below-all-students-in-g",
                "looked_at": "Rubric scores: grade All, subject Writing rubric, group All",
                "notice": "English learners score 19 points below all students in grade 4.",
                "explanation": "Writing tasks may assume vocabulary we never taught.",
            }
        ]
        assert panel.notice.value == "" and panel.explanation.value == ""
        assert "What might explain it" in panel.notes.value
        assert "19 points below" in panel.notes.value

    def test_an_explanation_without_a_notice_is_not_kept(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        panel.explanation.value = "Teachers are tired."
        panel.note_button.click()
        assert panel.note_message.kind == "error"
        assert "what you notice" in panel.note_message.text
        assert session.team.load(GoalWork).evidence_notes == ()

    def test_team_text_in_notes_is_escaped(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        panel.notice.value = "<script>x</script> scores fell"
        panel.note_button.click()
        assert "<script>" not in panel.notes.value and "&lt;script&gt;" in panel.notes.value


CLASSROOM_CSV = (
    b"Assessment,Date,Grade,Subject,Student group,Percent meeting standard,Students assessed\n"
    b"Unit 2 opinion task,2025-10-14,3,Writing,All students,38,60\n"
    b"Unit 2 opinion task,2025-10-14,3,Writing,English learners,21,14\n"
    b"Unit 4 opinion task,2026-02-03,3,Writing,All students,47,61\n"
)


class TestClassroomAssessments:
    def test_a_csv_upload_keeps_state_results_and_shows_its_own_source(
        self, session: Session, upload: Upload
    ) -> None:
        panel = day1.EvidencePanel(session)
        state_before = panel.table[panel.table["source"] == "State test"]
        panel.upload.value = (upload("common.csv", CLASSROOM_CSV),)
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert "Loaded 3 rows of classroom assessment results" in panel.upload_message.text
        assert panel.source.value == "Classroom assessment"  # what was just loaded
        assert "State test" in panel.source.options
        assert list(panel.subject.options) == ["All", "Writing"]  # only this source's subjects
        assert "Unit 4 opinion task" in panel.needs.value
        assert "Meeting the standard" in panel.needs.value
        assert b"Classroom assessment: percent of students meeting the standard" in (
            panel.chart.svg
        )
        saved = session.team.file("evidence.csv").read_text(encoding="utf-8")
        assert "Unit 2 opinion task" in saved
        again = day1.EvidencePanel(session)
        kept = again.table[again.table["source"] == "State test"]
        assert len(kept) == len(state_before)
        again.source.value = "State test"
        assert "Unit 4 opinion task" not in again.needs.value
        assert b"State test: percent of students proficient" in again.chart.svg

    def test_an_xlsx_upload_with_date_cells(
        self, session: Session, upload: Upload, new_team: NewTeam
    ) -> None:
        new_team(session)
        panel = day1.EvidencePanel(session)
        content = xlsx_bytes(
            [
                [
                    "Assessment",
                    "Date",
                    "Grade",
                    "Subject",
                    "Percent meeting standard",
                    "Students assessed",
                ],
                ["Fractions check", dt.datetime(2025, 11, 5), 5, "Math", 0.55, 40],
                ["Fractions check", dt.datetime(2026, 1, 12), 5, "Math", 61, 41],
            ]
        )
        panel.upload.value = (upload("math.xlsx", content),)
        assert panel.upload_message.kind == "ok", panel.upload_message.text
        assert list(panel.source.options) == ["Classroom assessment"]
        text = session.team.file("evidence.csv").read_text(encoding="utf-8")
        assert "2025-11-05,5,Math,All students" in text
        assert "Classroom assessment,Fractions check" in text

    def test_a_bad_classroom_file_names_its_rows_and_changes_nothing(
        self, session: Session, upload: Upload
    ) -> None:
        panel = day1.EvidencePanel(session)
        before = session.team.file("evidence.csv").read_bytes()
        rows_before = len(panel.table)
        bad = CLASSROOM_CSV.replace(b"2026-02-03", b"in spring").replace(b",14\n", b",many\n")
        panel.upload.value = (upload("common.csv", bad),)
        assert panel.upload_message.kind == "error"
        text = panel.upload_message.text
        assert "row 3: students_assessed must be a whole number (found ‘many’)" in text
        assert "row 4: date must be a date such as 2025-10-14" in text
        assert "Traceback" not in text
        assert session.team.file("evidence.csv").read_bytes() == before
        assert len(panel.table) == rows_before

    def test_the_help_names_the_columns_of_each_layout(self, session: Session) -> None:
        panel = day1.EvidencePanel(session)
        assert "percent_meeting_standard, students_assessed" in panel.help.value
        assert "percent_proficient, students_tested" in panel.help.value
        assert "score_1" in panel.help.value
