"""Through-the-year speed: recording a value redraws its run chart.

Target (issue 14): with 4 success criteria of 40 points each, recording a value (reading the
form, saving progress.yaml, redrawing that criterion's run chart and its statement) takes under
100 ms in the kernel (issue 16's 50 ms does not list it). The ratio compares it with drawing an
empty figure to SVG in the same run, so a slower machine moves both figures together.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable

from common import fresh_workspace, p95, report, report_notebook, sample_ms

CRITERIA, POINTS, RUNS = 4, 40, 40


def timings(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """p50 and p95 of ``action`` in milliseconds, after one warm-up run."""
    times = sample_ms(action, runs)
    return statistics.median(times), p95(times)


def main() -> None:
    from workshop_kit.activities import year
    from workshop_kit.charts import new_figure, to_svg
    from workshop_kit.charts.run_chart import run_chart
    from workshop_kit.model.goal import GoalWork
    from workshop_kit.model.progress import Measurement, YearProgress
    from workshop_kit.session import Session, reset_session
    from workshop_kit.store import Workspace

    with fresh_workspace():
        ws = Workspace.default()
        team = ws.ensure_demo()
        goal = team.load(GoalWork)
        criteria = [
            {
                "id": f"measure-{n}",
                "measure": f"Measure {n}",
                "baseline": 40.0,
                "target": 60.0 if n % 2 else 20.0,
                "unit": "%",
                "by": "2027-06-11",
            }
            for n in range(CRITERIA)
        ]
        team.save(GoalWork.model_validate({**goal.model_dump(), "success_criteria": criteria}))
        start = dt.date(2026, 8, 31)
        values = [
            Measurement.of(f"measure-{n}", start + dt.timedelta(days=7 * i), 40 + (i * 7 % 11))
            for n in range(CRITERIA)
            for i in range(POINTS)
        ]
        team.load(YearProgress)
        team.save(YearProgress(measurements=tuple(values)))
        session = Session(ws, team)
        reset_session(session)
        panel = year.MeasuresPanel(session)
        panel.criterion.value = "measure-1"
        last = start + dt.timedelta(days=7 * (POINTS - 1))  # the date control holds a date
        flip = [0]

        def record() -> None:
            flip[0] ^= 1
            panel.date.value, panel.value.value = last, str(45 + flip[0])
            panel.record_button.click()
            assert panel.messages.kind == "ok", panel.messages.text

        def draw_only() -> None:
            item = panel._progress_of("measure-1")
            assert item is not None
            to_svg(run_chart(item))

        def empty_figure() -> None:
            fig = new_figure(width=7.5, height=3.4, margins=(0.08, 0.8, 0.14, 0.86))
            fig.add_subplot()
            to_svg(fig)

        base50, base95 = timings(empty_figure)
        draw50, draw95 = timings(draw_only)
        rec50, rec95 = timings(record)
        assert len(session.team.load(YearProgress).measurements) == CRITERIA * POINTS
        report("empty figure to SVG, p50 (baseline)", base50, "ms")
        report("empty figure to SVG, p95", base95, "ms")
        report(f"run chart of {POINTS} points to SVG, p50", draw50, "ms")
        report(f"run chart of {POINTS} points to SVG, p95", draw95, "ms")
        report(f"record a value ({CRITERIA}x{POINTS}): save + redraw, p50", rec50, "ms")
        report(f"record a value ({CRITERIA}x{POINTS}): save + redraw, p95", rec95, "ms", "< 100")
        report("record a value p50 / empty figure p50", rec50 / base50, "x")
    report_notebook("Through the year", "04_through_the_year.ipynb")


if __name__ == "__main__":
    main()
