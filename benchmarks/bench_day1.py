"""Day 1 speed: notebook execution against the floor, import overhead, chart redraw times.

Targets (issues 2 and 16): notebook <= 1.15 x the floor; ``workshop_kit`` adds <= 0.2 s over its
dependencies; interactions that redraw a chart respond in < 50 ms (p95) in the kernel (issue 16).
A filter is measured twice: to a chart not drawn before, and back to one already drawn (charts
are kept by content, so a changed file is always drawn anew).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

from common import fresh_workspace, p95_ms, report, report_notebook

DEPENDENCIES = (
    "import pandas, matplotlib.figure, ipywidgets, pydantic, yaml, filelock, IPython.display"
)
PACKAGE = "import workshop_kit.activities.day1"


def import_seconds(statement: str, runs: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def interaction_times() -> tuple[float, float, float]:
    from workshop_kit import charts
    from workshop_kit.activities import day1
    from workshop_kit.session import Session, reset_session
    from workshop_kit.store import Workspace

    with fresh_workspace():
        ws = Workspace.default()
        session = Session(ws, ws.ensure_demo())
        reset_session(session)
        evidence = day1.EvidencePanel(session)
        subjects = list(evidence.subject.options)
        state = {"n": 0}

        def change_filter() -> None:
            state["n"] += 1
            evidence.subject.value = subjects[state["n"] % len(subjects)]

        def change_filter_to_a_chart_not_drawn_yet() -> None:
            charts.forget_drawn()
            change_filter()

        ratings = day1.RatingsPanel(session)
        ratings.member.value = "Ana Ruiz"

        def save_a_rating() -> None:
            state["n"] += 1
            ratings.cells[("attendance", "school_wide")].value = 1 + state["n"] % 4
            ratings.save_button.click()

        first = p95_ms(change_filter_to_a_chart_not_drawn_yet)
        return first, p95_ms(change_filter), p95_ms(save_a_rating)


def main() -> None:
    report_notebook("Day 1", "01_day1_worthy_goal.ipynb")
    deps = import_seconds(DEPENDENCIES)
    both = import_seconds(f"{DEPENDENCIES}; {PACKAGE}")
    report("import of workshop_kit (Day 1) over its dependencies", both - deps, "s", "<= 0.2")
    report("import of the dependencies alone", deps, "s", "")
    first_ms, filter_ms, rating_ms = interaction_times()
    report("evidence filter change -> chart drawn the first time, p95", first_ms, "ms", "< 50")
    report("evidence filter change -> chart shown again, p95", filter_ms, "ms", "< 50")
    report("rating saved -> ranking and chart redrawn, p95", rating_ms, "ms", "< 50")


if __name__ == "__main__":
    main()
