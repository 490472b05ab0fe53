"""progress.yaml: the records a team keeps through the year, their edits, and the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from workshop_kit.model import document_kinds
from workshop_kit.model.progress import (
    Measurement,
    Pdsa,
    StepCheck,
    TeamCheck,
    YearProgress,
)
from workshop_kit.store import Workspace

OCT, JAN = dt.date(2026, 10, 2), dt.date(2027, 1, 15)


class TestRecords:
    def test_a_value_is_identified_by_its_criterion_and_date(self) -> None:
        assert Measurement.of("rubric-all", OCT, 44.0).id == "rubric-all-2026-10-02"

    def test_values_that_are_not_numbers_are_refused(self) -> None:
        with pytest.raises(ValidationError):
            Measurement.of("rubric-all", OCT, float("nan"))

    def test_a_step_status_must_be_one_of_three(self) -> None:
        with pytest.raises(ValidationError):
            StepCheck(id="a-2026-10-02", action_id="a", date=OCT, status="finished")  # type: ignore[arg-type]

    def test_a_decision_must_be_adopt_adapt_or_abandon(self) -> None:
        assert Pdsa(id="cycle-1", decision="abandon").decision == "abandon"
        with pytest.raises(ValidationError):
            Pdsa(id="cycle-1", decision="drop")  # type: ignore[arg-type]

    def test_the_principal_s_instructional_share(self) -> None:
        check = TeamCheck(id="c", date=OCT, instructional_hours=10, managerial_hours=30)
        assert check.instructional_share == 0.25
        assert TeamCheck(id="c", date=OCT).instructional_share is None
        with pytest.raises(ValidationError):
            TeamCheck(id="c", date=OCT, instructional_hours=-1, managerial_hours=3)


class TestEdits:
    def test_recording_the_same_criterion_and_date_replaces_the_value(self) -> None:
        doc = YearProgress().with_measurement(Measurement.of("a", OCT, 1.0))
        doc = doc.with_measurement(Measurement.of("a", JAN, 2.0))
        doc = doc.with_measurement(Measurement.of("a", OCT, 3.0))
        assert [(m.date, m.value) for m in doc.values_of("a")] == [(OCT, 3.0), (JAN, 2.0)]

    def test_values_come_back_in_date_order_per_criterion(self) -> None:
        doc = YearProgress().with_measurement(Measurement.of("a", JAN, 2.0))
        doc = doc.with_measurement(Measurement.of("b", OCT, 9.0))
        doc = doc.with_measurement(Measurement.of("a", OCT, 1.0))
        assert [m.value for m in doc.values_of("a")] == [1.0, 2.0]
        assert doc.without_measurement("a-2027-01-15").values_of("a")[0].value == 1.0

    def test_the_latest_step_check_is_the_one_shown(self) -> None:
        doc = YearProgress().with_steps(
            [StepCheck.of("s", JAN, "done"), StepCheck.of("s", OCT, "partly")]
        )
        latest = doc.latest_step("s")
        assert latest is not None and latest.status == "done"
        assert doc.latest_step("other") is None

    def test_two_records_with_one_id_are_refused(self) -> None:
        one = Measurement.of("a", OCT, 1.0)
        with pytest.raises(ValidationError, match="more than one"):
            YearProgress(measurements=(one, one))


class TestInTheStore:
    def test_progress_is_a_kind_of_team_file(self) -> None:
        assert YearProgress in document_kinds()

    def test_a_new_team_starts_with_an_empty_record_and_saves_one(self, tmp_path: Path) -> None:
        ws = Workspace(tmp_path / "ws")
        book = ws.create_team("Lincoln ILT")
        assert book.load(YearProgress) == YearProgress()
        book.update(YearProgress, lambda p: p.with_measurement(Measurement.of("a", OCT, 4.5)))
        again = Workspace(tmp_path / "ws").open_team("lincoln-ilt")
        assert again.load(YearProgress).values_of("a")[0].value == 4.5

    def test_the_demo_year_reads_and_points_at_the_demo_plan(self, tmp_path: Path) -> None:
        from workshop_kit.model.goal import GoalWork
        from workshop_kit.model.plan import TeamPlan

        book = Workspace(tmp_path / "ws").ensure_demo()
        assert book.check(document_kinds()) == []
        progress = book.load(YearProgress)
        criteria = {c.id for c in book.load(GoalWork).success_criteria}
        plan = book.load(TeamPlan)
        assert {m.criterion_id for m in progress.measurements} == criteria
        assert {s.action_id for s in progress.steps} <= {a.id for a in plan.actions}
        assert {p.id for p in progress.pdsa} <= {c.id for c in plan.cycles}
        assert [p.decision for p in progress.pdsa].count("abandon") == 1
        assert len(progress.checks) == 2
