"""Through the year: each success criterion's run chart data, said in words too.

Pure: it takes the goal, the plan and the progress record (and the date the school year starts,
where the path to each target begins) and returns what the charts, panels and reports show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.config.year import YearConfig
from workshop_kit.logic.run_chart import OnTrack, Path, RunsAnalysis, on_track, runs_analysis
from workshop_kit.model.goal import GoalWork, SuccessCriterion
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import IMPLEMENTATION_LABELS, YearProgress


def amount(value: float, unit: str) -> str:
    """``45%``, ``3.5 points``: a value with its unit, without needless decimals."""
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


@dataclass(frozen=True)
class Marker:
    """A moment worth marking on a run chart: when a learning cycle or re-purposing began."""

    date: dt.date
    label: str


@dataclass(frozen=True)
class CriterionProgress:
    criterion: SuccessCriterion
    points: tuple[tuple[dt.date, float], ...]
    path: Path
    runs: RunsAnalysis
    track: OnTrack
    markers: tuple[Marker, ...]

    @property
    def latest(self) -> tuple[dt.date, float] | None:
        return self.points[-1] if self.points else None

    def description(self) -> str:
        """The chart's text alternative: what it shows, then the on-track statement."""
        c = self.criterion
        unit = c.unit
        parts = [
            f"Run chart of ‘{c.measure}’: baseline {amount(c.baseline, unit)}, target "
            f"{amount(c.target, unit)} by {c.by.isoformat()}."
        ]
        if self.points:
            first, last = self.points[0], self.points[-1]
            parts.append(
                f"{len(self.points)} measured points from {first[0].isoformat()} to "
                f"{last[0].isoformat()}; the latest is {amount(last[1], unit)}; the median is "
                f"{amount(self.runs.median, unit)}."
            )
            parts.append(self.runs.signal_text())
        if self.markers:
            parts.append(
                "Marked: "
                + "; ".join(f"{m.label} ({m.date.isoformat()})" for m in self.markers)
                + "."
            )
        parts.append(self.track.text)
        return " ".join(parts)


def markers_for(criterion_id: str, plan: TeamPlan, year_start: dt.date) -> tuple[Marker, ...]:
    """Cycles that serve the criterion (or name no criterion) from their start; re-purposed
    time from the first day of school, since a move has no date of its own."""
    found = [
        Marker(c.start, f"{c.name} begins")
        for c in plan.cycles
        if not c.criterion_ids or criterion_id in c.criterion_ids
    ]
    if plan.moves:
        found.append(Marker(year_start, "re-purposed meeting time begins"))
    return tuple(sorted(found, key=lambda m: m.date))


def criterion_progress(
    criterion: SuccessCriterion, progress: YearProgress, plan: TeamPlan, year_start: dt.date
) -> CriterionProgress:
    points = tuple((m.date, m.value) for m in progress.values_of(criterion.id))
    path = Path(year_start, criterion.baseline, criterion.by, criterion.target)
    return CriterionProgress(
        criterion,
        points,
        path,
        runs_analysis([v for _, v in points]),
        on_track(points, path),
        markers_for(criterion.id, plan, year_start),
    )


def all_progress(
    goal: GoalWork, progress: YearProgress, plan: TeamPlan, year_start: dt.date
) -> list[CriterionProgress]:
    return [criterion_progress(c, progress, plan, year_start) for c in goal.success_criteria]


@dataclass(frozen=True)
class StepRow:
    action: str
    owner: str
    due: dt.date
    status: str
    checked_on: dt.date | None
    note: str


def step_rows(plan: TeamPlan, progress: YearProgress) -> list[StepRow]:
    """Each action step with its latest recorded implementation ("Not checked yet" if none)."""
    rows = []
    for step in plan.actions:
        latest = progress.latest_step(step.id)
        rows.append(
            StepRow(
                step.action,
                step.owner,
                step.due,
                IMPLEMENTATION_LABELS[latest.status] if latest else "Not checked yet",
                latest.date if latest else None,
                latest.note if latest else "",
            )
        )
    return rows


def standing_counts(items: Sequence[CriterionProgress]) -> dict[str, int]:
    counts = {"on_track": 0, "mixed": 0, "behind": 0, "no_data": 0}
    for item in items:
        counts[item.track.standing] += 1
    return counts


# -- the quarterly team check over time --------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    label: str
    values: tuple[str, ...]
    change: str


@dataclass(frozen=True)
class CheckHistory:
    """Every team check side by side: a row per item, a column per date, and the change from
    the check before the latest to the latest."""

    dates: tuple[str, ...]
    rows: tuple[HistoryRow, ...]


def _change(values: Sequence[float | None], suffix: str = "") -> str:
    known = [v for v in values[-2:] if v is not None]
    if len(values) < 2 or len(known) < 2:
        return ""
    delta = known[1] - known[0]
    shown = f"{delta:+.0f}" if suffix else f"{delta:+g}"
    return "no change" if delta == 0 else shown + suffix


def check_history(progress: YearProgress, config: YearConfig) -> CheckHistory:
    checks = progress.checks_in_order()
    rows = []
    for item in config.check_items:
        values: list[float | None] = [c.ratings.get(item.id) for c in checks]
        rows.append(
            HistoryRow(
                item.label,
                tuple("–" if v is None else f"{v:g}" for v in values),
                _change(values),
            )
        )
    shares = [c.instructional_share for c in checks]
    percents = [None if s is None else round(100 * s) for s in shares]
    rows.append(
        HistoryRow(
            "Principal's week: instructional share",
            tuple("–" if p is None else f"{p}%" for p in percents),
            _change([None if p is None else float(p) for p in percents], " points"),
        )
    )
    return CheckHistory(tuple(c.date.isoformat() for c in checks), tuple(rows))
