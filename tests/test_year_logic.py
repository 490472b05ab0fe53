"""The year's figures from the demo's files: each criterion's standing, markers, check history,
and the progress report in both formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop_kit.config.year import load_year
from workshop_kit.exports.progress_report import ProgressReport, report_html, report_markdown
from workshop_kit.logic.year import all_progress, check_history, step_rows
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import Pdsa, TeamCheck, YearProgress
from workshop_kit.store import TeamWorkbook, Workspace


@pytest.fixture
def demo(tmp_path: Path) -> TeamWorkbook:
    return Workspace(tmp_path / "ws").ensure_demo()


def items(book: TeamWorkbook, progress: YearProgress | None = None) -> list:  # type: ignore[type-arg]
    start = book.load(MeetingTime).school_year.first_day
    return all_progress(
        book.load(GoalWork), progress or book.load(YearProgress), book.load(TeamPlan), start
    )


class TestDemoYear:
    def test_some_criteria_are_on_track_and_one_is_not(self, demo: TeamWorkbook) -> None:
        standing = {i.criterion.id: i.track.standing for i in items(demo)}
        assert standing == {
            "rubric-all": "on_track",
            "rubric-el": "behind",
            "ela-proficiency": "on_track",
        }

    def test_the_rising_criterion_shows_a_signal_and_the_flat_one_none(
        self, demo: TeamWorkbook
    ) -> None:
        by_id = {i.criterion.id: i for i in items(demo)}
        assert by_id["rubric-all"].runs.signal
        assert not by_id["rubric-el"].runs.signal

    def test_cycles_and_re_purposed_time_are_marked(self, demo: TeamWorkbook) -> None:
        rubric = next(i for i in items(demo) if i.criterion.id == "rubric-all")
        labels = [m.label for m in rubric.markers]
        assert labels[0] == "re-purposed meeting time begins"
        assert "Cycle 2 begins" in labels
        state = next(i for i in items(demo) if i.criterion.id == "ela-proficiency")
        assert [m.label for m in state.markers] == ["re-purposed meeting time begins"]

    def test_the_text_alternative_names_the_measure_and_the_standing(
        self, demo: TeamWorkbook
    ) -> None:
        el = next(i for i in items(demo) if i.criterion.id == "rubric-el")
        text = el.description()
        assert "English learners" in text and "target 45%" in text
        assert text.endswith("not on track.")


class TestCheckHistory:
    def test_the_change_from_the_check_before(self) -> None:
        progress = YearProgress(
            checks=(
                TeamCheck(
                    id="b",
                    date=dt.date(2027, 1, 1),
                    ratings={"focus": 4},
                    instructional_hours=15,
                    managerial_hours=25,
                ),
                TeamCheck(
                    id="a",
                    date=dt.date(2026, 10, 1),
                    ratings={"focus": 2, "cohesion": 3},
                    instructional_hours=10,
                    managerial_hours=30,
                ),
            )
        )
        history = check_history(progress, load_year())
        assert history.dates == ("2026-10-01", "2027-01-01")
        rows = {r.label: r for r in history.rows}
        assert rows["Focus"].values == ("2", "4") and rows["Focus"].change == "+2"
        assert rows["Cohesion"].values == ("3", "–") and rows["Cohesion"].change == ""
        share = rows["Principal's week: instructional share"]
        assert share.values == ("25%", "38%") and share.change == "+13 points"


class TestReport:
    def report(self, book: TeamWorkbook, progress: YearProgress | None = None) -> ProgressReport:
        progress = progress or book.load(YearProgress)
        plan = book.load(TeamPlan)
        return ProgressReport(
            "Maple <Grove>",
            book.load(GoalWork).goal.statement,
            items(book, progress),
            step_rows(plan, progress),
            [(c, progress.pdsa_of(c.id)) for c in plan.cycles],
            check_history(progress, load_year()),
            progress.meetings,
        )

    def test_both_formats_carry_standing_steps_cycles_and_checks(self, demo: TeamWorkbook) -> None:
        report = self.report(demo)
        page = report_html(report)
        text = report_markdown(report, today=dt.date(2027, 3, 20))
        for body in (page, text):
            assert "2 of 3 success criteria on track" in body
            assert "Abandon" in body and "Score the September writing task" in body
            assert "Priya Shah: Bring five math explanations" in body
        assert page.count('<img src="data:image/svg+xml;base64,') == 4, "3 run charts, 1 check"
        assert 'alt="Run chart of' in page
        assert text.startswith("# Progress report: Maple &lt;Grove&gt;")

    def test_what_a_team_typed_is_escaped(self, demo: TeamWorkbook) -> None:
        progress = demo.load(YearProgress).with_pdsa(
            Pdsa(id="cycle-1-2026-09-10", change="<script>alert(1)</script> | # x")
        )
        report = self.report(demo, progress)
        assert "<script>" not in report_html(report, charts=False)
        assert "<script>" not in report_markdown(report)
        assert "\\|" in report_markdown(report)

    def test_pasted_control_characters_are_left_out(self, demo: TeamWorkbook) -> None:
        """Word's Shift+Enter (a vertical tab) parts lines; HTML counts controls as errors."""
        progress = demo.load(YearProgress).with_pdsa(
            Pdsa(id="cycle-1-2026-09-10", change="Model\x0bthe task\x07 first")
        )
        report = self.report(demo, progress)
        page, text = report_html(report, charts=False), report_markdown(report)
        for body in (page, text):
            assert "\x0b" not in body and "\x07" not in body
        assert "Model\nthe task first" in page and "Model the task first" in text
