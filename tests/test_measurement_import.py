"""Measured values read from a spreadsheet, row by row, against the goal's success criteria."""

from __future__ import annotations

import datetime as dt

from workshop_kit.logic.measurement_import import read_measurements
from workshop_kit.model.goal import SuccessCriterion
from workshop_kit.model.progress import Measurement, YearProgress

CRITERIA = (
    SuccessCriterion(
        id="rubric-all", measure="All students 3+ on the rubric", baseline=41, target=60,
        by=dt.date(2027, 6, 11),
    ),
    SuccessCriterion(
        id="rubric-el", measure="English learners 3+ on the rubric", baseline=22, target=45,
        by=dt.date(2027, 6, 11),
    ),
)  # fmt: skip


def read(text: str, current: YearProgress | None = None, criteria=CRITERIA):  # type: ignore[no-untyped-def]
    return read_measurements(
        text.encode("utf-8"), "values.csv", criteria, current or YearProgress()
    )


class TestReading:
    def test_a_clean_file_names_criteria_by_their_measure_or_id(self) -> None:
        report = read(
            "Success criterion,Date,Value,Note\n"
            "All students 3+ on the rubric,2026-10-02,44%,first quick-write\n"
            "rubric-el,2026-10-02,23,\n"
        )
        assert report.clean, [str(m) for m in report.messages]
        values = [(r.measurement.criterion_id, r.measurement.value) for r in report.rows]
        assert values == [("rubric-all", 44.0), ("rubric-el", 23.0)]
        assert report.rows[0].measurement.note == "first quick-write"

    def test_bad_rows_are_named_and_the_others_wait_for_confirmation(self) -> None:
        report = read(
            "Criterion,Date,Value\n"
            "English learner 3+ on the rubric,2026-10-02,23\n"  # a typo in the measure
            "rubric-all,2026-13-02,44\n"
            "rubric-all,2026-10-16,lots\n"
            "rubric-all,2026-10-30,45\n"
        )
        assert report.needs_confirmation and not report.clean
        text = [str(m) for m in report.problems]
        assert [m.row for m in report.problems] == [2, 3, 4]
        assert "Did you mean ‘English learners 3+ on the rubric’" in text[0]
        assert [r.row for r in report.rows] == [5]

    def test_a_file_without_the_needed_columns_imports_nothing(self) -> None:
        report = read("Criterion,Value\nrubric-all,44\n")
        assert report.unreadable and "‘Date’" in str(report.problems[0])

    def test_with_one_criterion_the_column_may_be_left_out(self) -> None:
        report = read("Date,Value\n2026-10-02,44\n", criteria=CRITERIA[:1])
        assert report.clean and report.rows[0].measurement.criterion_id == "rubric-all"

    def test_a_date_already_recorded_or_repeated_is_replaced_and_said(self) -> None:
        current = YearProgress().with_measurement(
            Measurement.of("rubric-all", dt.date(2026, 10, 2), 40.0)
        )
        report = read(
            "Criterion,Date,Value\nrubric-all,2026-10-02,44\nrubric-all,2026-10-02,45\n", current
        )
        notes = [str(m) for m in report.messages if m.level == "note"]
        assert any("already recorded" in n for n in notes)
        assert any("replaces row 2" in n for n in notes)
        applied = report.apply(current).values_of("rubric-all")
        assert [(m.date, m.value) for m in applied] == [(dt.date(2026, 10, 2), 45.0)]

    def test_a_neutralised_formula_comes_back_as_typed_text(self) -> None:
        report = read("Criterion,Date,Value,Note\nrubric-all,2026-10-02,44,'=not a formula\n")
        assert report.rows[0].measurement.note == "=not a formula"
