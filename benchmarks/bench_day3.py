"""Day 3 speed: the live what-if after one edit, and notebook execution vs the floor.

Targets (issue 4): with 40 meetings over a school year, recalculating the what-if re-purposing
plan and redrawing its chart takes < 50 ms (p95, in the kernel, issue 16); the Day 3 notebook
runs in <= 1.15 x the floor notebook.
"""

from __future__ import annotations

from common import fresh_workspace, p95_ms, report, report_notebook

MEETINGS = 40


def big_school() -> tuple[object, object]:
    """40 recurring meetings of every kind of recurrence, and a move for each of them."""
    from workshop_kit.model.meetings import MeetingTime
    from workshop_kit.model.plan import TeamPlan

    kinds = [
        {"kind": "weekly", "weekday": "tuesday"},
        {"kind": "every_other_week", "weekday": "wednesday"},
        {"kind": "monthly", "weekday": "monday", "nth": "second"},
        {"kind": "dates", "dates": ["2026-10-09", "2027-01-04", "2027-03-12"]},
        {"kind": "per_year", "per_year": 6},
    ]
    meetings = [
        {
            "id": f"meeting-{n}",
            "name": f"Meeting {n}",
            "type": ("staff", "grade_level", "plc", "ilt", "pd_day")[n % 5],
            "headcount": 4 + n % 30,
            "minutes": 60,
            "recurrence": kinds[n % len(kinds)],
            "purposes": {"logistics": 20, "compliance": 10, "goal": 10, "other_instructional": 20},
        }
        for n in range(MEETINGS)
    ]
    moves = [
        {
            "id": f"move-{n}",
            "meeting_id": f"meeting-{n}",
            "which": "every" if n % 2 else "alternate",
            "take": {"logistics": 10, "other_instructional": 5},
            "how": "Announcements by email",
        }
        for n in range(MEETINGS)
    ]
    return MeetingTime.model_validate({"meetings": meetings}), TeamPlan.model_validate(
        {"moves": moves}
    )


def what_if_times() -> tuple[float, float, float, float]:
    """p95 ms of: the pure what-if; + the live chart (HTML bars); + the printable figure (PNG);
    a typed edit in the re-purposing panel (what the team waits for)."""
    from workshop_kit.activities import day3
    from workshop_kit.charts import to_png
    from workshop_kit.charts.meeting_time import before_after, before_after_html
    from workshop_kit.config.day3 import load_day3
    from workshop_kit.logic.ledger import build_ledger
    from workshop_kit.logic.repurpose import what_if
    from workshop_kit.model.meetings import MeetingTime
    from workshop_kit.model.plan import TeamPlan
    from workshop_kit.session import Session, reset_session
    from workshop_kit.store import Workspace

    with fresh_workspace():
        ws = Workspace.default()
        team = ws.ensure_demo()
        meetings, plan = big_school()
        team.load(MeetingTime)
        team.save(meetings)  # type: ignore[arg-type]
        team.load(TeamPlan)
        team.save(plan)  # type: ignore[arg-type]
        session = Session(ws, team)
        reset_session(session)
        config = load_day3(session.workspace.root)
        saved = team.load(MeetingTime)
        ledger = build_ledger(saved.meetings, saved.year_or(config.school_year))
        moves = team.load(TeamPlan).moves
        labels = config.purpose_labels

        def calculate() -> None:
            result = what_if(ledger, moves)
            assert result.reclaimed_minutes > 0

        def calculate_and_draw_live() -> None:
            before_after_html(what_if(ledger, moves), labels)

        def calculate_and_draw_figure() -> None:
            to_png(before_after(what_if(ledger, moves), labels))

        panel = day3.RepurposePanel(session)
        cell = panel.table.rows[0].widgets["logistics"]
        state = {"n": 0}

        def typed_edit() -> None:
            state["n"] += 1
            cell.value = str(5 + state["n"] % 10)  # the panel recalculates and redraws live

        times = (
            p95_ms(calculate),
            p95_ms(calculate_and_draw_live),
            p95_ms(calculate_and_draw_figure),
            p95_ms(typed_edit),
        )
        reset_session(None)
        return times


def main() -> None:
    pure, live_chart, figure, typed = what_if_times()
    n = MEETINGS
    report(f"what-if recalculation, {n} meetings over a year (p95)", pure, "ms", "info")
    report(f"what-if + live chart redraw (panel), {n} meetings (p95)", live_chart, "ms", "< 50")
    report(f"one typed edit in the re-purposing panel, {n} meetings (p95)", typed, "ms", "< 50")
    report(f"what-if + printable figure (PNG), {n} meetings (p95)", figure, "ms", "info")
    report_notebook("Day 3", "03_day3_meeting_time.ipynb")


if __name__ == "__main__":
    main()
