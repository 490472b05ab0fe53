"""Through the year, every panel driven headlessly, as a team would: set values, click, then
look at the files and at what the panel now says."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.activities import year
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.session import Session


def progress(session: Session) -> YearProgress:
    return session.team.load(YearProgress)


def revision(session: Session) -> int:
    return session.team.current_revision(YearProgress)


class TestMeasures:
    def test_the_demo_shows_a_chart_and_a_statement_per_criterion(self, session: Session) -> None:
        panel = year.MeasuresPanel(session)
        assert set(panel.charts) == {"rubric-all", "rubric-el", "ela-proficiency"}
        el = panel.charts["rubric-el"].value
        assert '<img src="data:image/svg+xml;base64,' in el and 'alt="Run chart of' in el
        assert "not on track" in el
        assert repr(panel).endswith("3 criteria, 29 values, 2 on track>")

    def test_recording_a_value_saves_it_and_changes_the_statement(self, session: Session) -> None:
        panel = year.MeasuresPanel(session)
        before = panel.charts["ela-proficiency"].value
        others = panel.charts["rubric-all"].value
        assert "2 of the last 3 points" in before
        panel.fields["criterion_id"].value = "ela-proficiency"
        panel.fields["date"].value, panel.fields["value"].value = dt.date(2027, 4, 15), "47%"
        panel.record_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert "2 of the last 4 points" in panel.messages.text
        after = panel.charts["ela-proficiency"].value
        assert after != before and "2 of the last 4 points" in after
        assert "not clearly on track yet" in after
        assert panel.charts["rubric-all"].value == others
        saved = progress(session).values_of("ela-proficiency")
        assert (saved[-1].value, saved[-1].date.isoformat()) == (47.0, "2027-04-15")
        assert panel.fields["value"].value == "", "the form empties for the next value"
        assert "2027-04-15" in panel.values_view.value

    def test_a_value_on_a_date_already_recorded_replaces_it_and_can_be_removed(
        self, session: Session
    ) -> None:
        panel = year.MeasuresPanel(session)
        panel.fields["criterion_id"].value = "rubric-el"
        panel.fields["date"].value, panel.fields["value"].value = dt.date(2027, 3, 19), "30"
        panel.record_button.click()
        values = progress(session).values_of("rubric-el")
        assert len(values) == 13 and values[-1].value == 30.0
        panel.remove_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert len(progress(session).values_of("rubric-el")) == 12

    @pytest.mark.parametrize(
        ("date", "value", "words"),
        [(None, "40", "Please choose the Measured on"), (dt.date(2027, 4, 1), "lots", "")],
    )
    def test_what_cannot_be_read_is_refused_and_nothing_saved(
        self, session: Session, date: dt.date | None, value: str, words: str
    ) -> None:
        panel = year.MeasuresPanel(session)
        before = revision(session)
        panel.fields["date"].value, panel.fields["value"].value = date, value
        panel.record_button.click()
        assert panel.messages.kind == "error"
        assert words in panel.messages.text
        assert "Traceback" not in panel.messages.text
        assert revision(session) == before

    def test_a_team_without_criteria_is_told_where_they_come_from(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        panel = year.MeasuresPanel(session)
        new_team(session)
        assert panel.messages.kind != "error", panel.messages.text
        assert panel.charts == {}
        assert "no success criteria yet" in panel.charts_box.children[0].value


class TestSteps:
    def test_each_step_shows_its_latest_check(self, session: Session) -> None:
        panel = year.StepsPanel(session)
        assert len(panel.rows) == 7
        frames = next(r for r in panel.rows if r.action_id == "sentence-frames")
        assert frames.status.value == "partly" and "6 of 15" in frames.note.value
        label = frames.box.children[0].value
        assert "Progress check 2026-11-20: Walk-through" in label, "the plan's checks are shown"

    def test_saving_records_the_chosen_steps_on_the_date(self, session: Session) -> None:
        panel = year.StepsPanel(session)
        panel.date.value = dt.date(2027, 4, 9)
        frames = next(r for r in panel.rows if r.action_id == "sentence-frames")
        frames.status.value, frames.note.value = "done", "In all 15 classrooms."
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        latest = progress(session).latest_step("sentence-frames")
        assert latest is not None and (latest.status, latest.note) == (
            "done",
            "In all 15 classrooms.",
        )
        assert latest.date.isoformat() == "2027-04-09"
        assert progress(session).latest_step("state-results") is None, (
            "unchosen steps stay unchecked"
        )

    def test_a_check_without_a_date_is_refused(self, session: Session) -> None:
        panel = year.StepsPanel(session)
        before = revision(session)
        panel.save_button.click()
        assert panel.messages.kind == "error" and revision(session) == before


class TestPdsa:
    def test_choosing_a_cycle_shows_its_record(self, session: Session) -> None:
        panel = year.PdsaPanel(session)
        panel.cycle.value = "cycle-2-2026-10-22"
        assert panel.decision.value == "abandon"
        assert "four-step" in panel.texts["change"].value
        assert "Abandon" in panel.table.value

    def test_a_decision_is_saved_for_the_cycle(self, session: Session) -> None:
        panel = year.PdsaPanel(session)
        panel.cycle.value = "cycle-4-2027-01-14"
        panel.texts["happened"].value = "Most responses cited the text."
        panel.texts["learned"].value = "Peer feedback needs a model first."
        panel.decision.value = "adapt"
        panel.decided_on.value = dt.date(2027, 2, 26)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        record = progress(session).pdsa_of("cycle-4-2027-01-14")
        assert record is not None and record.decision == "adapt"
        assert record.prediction.startswith("Reading responses"), "what was saved before stays"

    def test_a_record_too_long_names_its_field(self, session: Session) -> None:
        panel = year.PdsaPanel(session)
        panel.texts["learned"].value = "x" * 600
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "What we learned" in panel.messages.text


class TestTeamCheck:
    def test_the_history_shows_both_demo_checks_and_the_change(self, session: Session) -> None:
        panel = year.TeamCheckPanel(session)
        table = panel.history.value
        assert "2026-10-30" in table and "2027-01-29" in table
        assert "+13 points" in table  # 9 of 40 hours, then 14 of 40
        assert 'class="wk-check-chart"' in panel.chart.value and "alt=" in panel.chart.value

    def test_a_new_check_is_saved_and_joins_the_history(self, session: Session) -> None:
        panel = year.TeamCheckPanel(session)
        panel.date.value = dt.date(2027, 4, 16)
        panel.ratings["focus"].value = 4
        panel.ratings["knowledge_of_work"].value = 3
        panel.instructional.value, panel.managerial.value = "16", "24"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        check = progress(session).checks_in_order()[-1]
        assert check.ratings == {"focus": 4, "knowledge_of_work": 3}
        assert check.instructional_share == 0.4
        assert "2027-04-16" in panel.history.value
        assert "2027-04-16" in base64.b64decode(
            panel.chart.value.split("base64,")[1].split('"')[0]
        ).decode("utf-8"), "the chart shows the new check"

    def test_impossible_hours_are_refused_by_their_label(self, session: Session) -> None:
        panel = year.TeamCheckPanel(session)
        before = revision(session)
        panel.date.value = dt.date(2027, 4, 16)
        panel.managerial.value = "500"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "Managerial hours" in panel.messages.text
        assert revision(session) == before


class TestReport:
    def test_the_report_follows_other_panels_and_is_saved_twice(self, session: Session) -> None:
        measures = year.MeasuresPanel(session)
        report = year.ProgressReportPanel(session)
        assert "2 of 3 success criteria on track" in report.view.value
        measures.fields["criterion_id"].value = "ela-proficiency"
        measures.fields["date"].value, measures.fields["value"].value = dt.date(2027, 4, 15), "40"
        measures.record_button.click()
        assert "1 of 3 success criteria on track" in report.view.value
        report.save_button.click()
        assert report.messages.kind == "ok", report.messages.text
        folder = session.team.exports_folder
        page = (folder / "progress-report.html").read_text(encoding="utf-8")
        text = (folder / "progress-report.md").read_text(encoding="utf-8")
        assert "<!DOCTYPE html>" in page and page.count("data:image/svg+xml") == 4
        assert "1 of 3 success criteria on track" in text


class TestSwitchingTeams:
    def test_every_panel_rebuilds_for_an_empty_workbook(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        panels = [
            year.MeasuresPanel(session),
            year.StepsPanel(session),
            year.PdsaPanel(session),
            year.TeamCheckPanel(session),
            year.IltMeetingsPanel(session),
            year.ProgressReportPanel(session),
        ]
        new_team(session)
        for panel in panels:
            assert panel.messages.kind != "error", (type(panel).__name__, panel.messages.text)


class TestSpreadsheet:
    def test_a_clean_spreadsheet_is_recorded_and_its_charts_redrawn(
        self, session: Session, upload: Callable[..., Any]
    ) -> None:
        panel = year.MeasuresPanel(session)
        before = panel.charts["rubric-el"].value
        panel.importer.upload.value = (
            upload(
                "april.csv",
                "Success criterion,Date,Value\n"
                "English learners scoring 3+ on the writing rubric,2027-04-02,31\n"
                "English learners scoring 3+ on the writing rubric,2027-04-16,33\n",
            ),
        )
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert "Recorded 2 values" in panel.importer.message.text
        assert len(progress(session).values_of("rubric-el")) == 15
        assert panel.charts["rubric-el"].value != before

    def test_a_messy_spreadsheet_waits_and_names_its_rows(
        self, session: Session, upload: Callable[..., Any]
    ) -> None:
        panel = year.MeasuresPanel(session)
        before = revision(session)
        panel.importer.upload.value = (
            upload(
                "april.csv", "Criterion,Date,Value\nrubric-el,2027-04-02,31\nrubric-el,,<i>x</i>\n"
            ),
        )
        assert panel.importer.message.kind == "error"
        assert "Row 3" in panel.importer.view.value and "<i>" not in panel.importer.view.value
        assert revision(session) == before
        panel.importer.confirm_button.click()
        assert len(progress(session).values_of("rubric-el")) == 14


class TestIltMeetings:
    def test_each_ilt_meeting_on_the_calendar_is_offered_with_its_agenda(
        self, session: Session
    ) -> None:
        panel = year.IltMeetingsPanel(session)
        labels = [label for label, _ in panel.meeting.options]
        assert labels[:3] == ["2026-09-14 (recorded)", "2026-11-09 (recorded)", "2026-12-14"]
        assert "2026-10-12" not in " ".join(labels), "a holiday has no meeting"
        assert "drafted for this meeting" in panel.agenda_view.value
        assert "Launch cycle 1" in panel.agenda_view.value
        assert panel.check["Did every member take part?"].value is True
        panel.meeting.value = "ilt-2026-12-14"
        assert "drafted for an earlier meeting" in panel.agenda_view.value
        assert panel.decisions.value == ""

    def test_a_record_is_saved_and_its_next_steps_go_into_the_plan(self, session: Session) -> None:
        panel = year.IltMeetingsPanel(session)
        panel.meeting.value = "ilt-2026-12-14"
        panel.decisions.value = "Adapt the sentence frames: model them first."
        row = panel.next_steps.rows[0].widgets
        row["what"].value, row["who"].value, row["by"].value = (
            "Model the frames in every grade 5 class",
            "Jenna Kowalski",
            dt.date(2027, 1, 15),
        )
        panel.check["Did we start and end on time?"].value = True
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        record = progress(session).meeting_record("ilt-2026-12-14")
        assert record is not None and record.check["Did we start and end on time?"] is True
        assert record.next_steps[0].who == "Jenna Kowalski"

        panel.plan_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        plan = session.team.load(TeamPlan)
        step = plan.action("model-the-frames-in-every-grade-5-class")
        assert step is not None and (step.owner, step.start.isoformat()) == (
            "Jenna Kowalski",
            "2026-12-14",
        )
        record = progress(session).meeting_record("ilt-2026-12-14")
        assert record is not None and record.next_steps[0].action_id == step.id
        panel.plan_button.click()
        assert panel.messages.kind == "error", "a step goes into the plan once"
        assert len(session.team.load(TeamPlan).actions) == 8

    def test_a_next_step_due_before_the_meeting_is_refused(self, session: Session) -> None:
        panel = year.IltMeetingsPanel(session)
        panel.meeting.value = "ilt-2026-12-14"
        before = revision(session)
        row = panel.next_steps.rows[0].widgets
        row["what"].value, row["who"].value, row["by"].value = (
            "Read",
            "Ana Ruiz",
            dt.date(2026, 12, 1),
        )
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "before the meeting" in panel.messages.text
        assert revision(session) == before
