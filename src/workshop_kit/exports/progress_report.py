"""The progress report for staff and district: as HTML (for a printable page) and as Markdown.

Pure: a :class:`ProgressReport` in, text out. Everything a team typed is escaped in the HTML; in
the Markdown it is written so that it cannot start a heading, a list or a table cell.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workshop_kit.charts import to_svg
from workshop_kit.charts.run_chart import run_chart
from workshop_kit.charts.team_check import team_check_chart
from workshop_kit.config.year import YearConfig
from workshop_kit.exports.plan_markdown import md
from workshop_kit.exports.printable import escape
from workshop_kit.logic.words import long_date
from workshop_kit.logic.year import (
    CheckHistory,
    CriterionProgress,
    StepRow,
    all_progress,
    amount,
    check_history,
    step_rows,
)
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.plan import Cycle, TeamPlan
from workshop_kit.model.progress import DECISION_LABELS, MeetingRecord, Pdsa, YearProgress


@dataclass(frozen=True)
class ProgressReport:
    team: str
    goal: str
    criteria: Sequence[CriterionProgress]
    steps: Sequence[StepRow]
    cycles: Sequence[tuple[Cycle, Pdsa | None]]
    checks: CheckHistory
    meetings: Sequence[MeetingRecord] = ()
    #: the lowest and highest point of the team check's scale (for its chart)
    check_scale: tuple[int, int] = (1, 4)

    @classmethod
    def of(
        cls,
        team: str,
        work: GoalWork,
        plan: TeamPlan,
        progress: YearProgress,
        config: YearConfig,
        year_start: dt.date,
    ) -> ProgressReport:
        """The report of ``team``'s saved work; ``year_start``: where each target's path starts."""
        return cls(
            team=team,
            goal=work.goal.statement,
            criteria=all_progress(work, progress, plan, year_start),
            steps=step_rows(plan, progress),
            cycles=[(c, progress.pdsa_of(c.id)) for c in plan.cycles],
            checks=check_history(progress, config),
            meetings=sorted(progress.meetings, key=lambda m: m.date),
            check_scale=(config.check_scale.minimum, config.check_scale.maximum),
        )

    @property
    def open_points(self) -> list[str]:
        """What the report cannot say yet."""
        points = [
            f"No values recorded yet for ‘{c.criterion.measure}’."
            for c in self.criteria
            if not c.points
        ]
        if not self.checks.dates:
            points.append("No team check saved yet.")
        return points

    def headline(self) -> str:
        on = sum(1 for c in self.criteria if c.track.standing == "on_track")
        return f"{on} of {len(self.criteria)} success criteria on track"


def _decision(record: Pdsa | None) -> str:
    if record is None or record.decision is None:
        return "not decided yet"
    return DECISION_LABELS[record.decision]


def _e(text: object) -> str:
    return escape(text)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def report_html(report: ProgressReport, *, charts: bool = True) -> str:
    """The report's body. With ``charts``, each run chart is drawn in, with its text alternative."""
    parts = [f"<p><b>Our goal:</b> {_e(report.goal or 'not written yet')}</p>"]
    parts.append(f"<h4>Our measures: {_e(report.headline())}</h4>")
    for item in report.criteria:
        c = item.criterion
        parts.append(f"<h5>{_e(c.measure)}</h5>")
        if charts:
            svg = base64.b64encode(to_svg(run_chart(item))).decode("ascii")
            parts.append(
                f'<img src="data:image/svg+xml;base64,{svg}" alt="{_e(item.description())}" '
                'style="max-width:100%">'
            )
        latest = item.latest
        parts.append(
            f"<p><b>{_e(item.track.text)}</b> {_e(item.runs.signal_text())} "
            + (
                f"Latest: {_e(amount(latest[1], c.unit))} on {long_date(latest[0])}; "
                if latest
                else ""
            )
            + f"baseline {_e(amount(c.baseline, c.unit))}, target {_e(amount(c.target, c.unit))} "
            f"by {long_date(c.by)}.</p>"
        )
    parts.append("<h4>Our action steps</h4>")
    parts.append(
        _table(
            ["Step", "Owner", "Due", "Where it stands", "Note"],
            [[s.action, s.owner, long_date(s.due), _step_status(s), s.note] for s in report.steps],
        )
    )
    parts.append("<h4>What our learning cycles taught us</h4>")
    parts.append(
        _table(
            ["Cycle", "Change tried", "What happened", "Learned", "Decision"],
            [
                [
                    f"{cycle.name} ({long_date(cycle.start)})",
                    r.change if r else "",
                    r.happened if r else "",
                    r.learned if r else "",
                    _decision(r),
                ]
                for cycle, r in report.cycles
            ],
        )
    )
    if report.meetings:
        parts.append("<h4>What our ILT meetings decided</h4>")
        parts.append(
            _table(
                ["Meeting", "What we decided", "Who does what by when"],
                [[long_date(m.date), m.decisions, _steps_text(m)] for m in report.meetings],
            )
        )
    parts.append("<h4>How our team is working</h4>")
    if report.checks.dates:
        parts.append(
            _table(
                ["", *report.checks.dates, "Change"],
                [[r.label, *r.values, r.change] for r in report.checks.rows],
            )
        )
        if charts:
            fig = team_check_chart(report.checks, *report.check_scale)
            svg = base64.b64encode(to_svg(fig)).decode("ascii")
            parts.append(
                f'<img src="data:image/svg+xml;base64,{svg}" style="max-width:100%" '
                'alt="The team\'s ratings at each check; the table above gives the numbers.">'
            )
    else:
        parts.append("<p>No team check saved yet.</p>")
    return "\n".join(parts)


def _steps_text(record: MeetingRecord) -> str:
    return "; ".join(f"{s.who}: {s.what} by {long_date(s.by)}" for s in record.next_steps)


def _step_status(step: StepRow) -> str:
    return f"{step.status} ({long_date(step.checked_on)})" if step.checked_on else step.status


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    def cell(v: object) -> str:
        text = str(v)
        # a date cannot start a list or a heading inside a table cell: keep it readable
        return text if _ISO_DATE.fullmatch(text) else md(v)  # md escapes "|" too

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "---|" * len(headers))
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def report_markdown(report: ProgressReport, *, today: dt.date | None = None) -> str:
    day = long_date(today or dt.date.today())
    lines = [f"# Progress report: {md(report.team)}", "", f"Made on {day} with workshop-kit.", ""]
    lines += [f"**Our goal:** {md(report.goal or 'not written yet')}", ""]
    lines += [f"## Our measures: {md(report.headline())}", ""]
    for item in report.criteria:
        c = item.criterion
        lines += [f"### {md(c.measure)}", "", md(item.track.text), "", md(item.runs.signal_text())]
        lines += [
            "",
            f"Baseline {md(amount(c.baseline, c.unit))}, target {md(amount(c.target, c.unit))} "
            f"by {long_date(c.by)}; {len(item.points)} values recorded.",
            "",
        ]
    lines += ["## Our action steps", ""]
    lines += _md_table(
        ["Step", "Owner", "Due", "Where it stands", "Note"],
        [[s.action, s.owner, long_date(s.due), _step_status(s), s.note] for s in report.steps],
    )
    lines += ["", "## What our learning cycles taught us", ""]
    lines += _md_table(
        ["Cycle", "Change tried", "Learned", "Decision"],
        [
            [cycle.name, r.change if r else "", r.learned if r else "", _decision(r)]
            for cycle, r in report.cycles
        ],
    )
    if report.meetings:
        lines += ["", "## What our ILT meetings decided", ""]
        lines += _md_table(
            ["Meeting", "What we decided", "Who does what by when"],
            [[long_date(m.date), m.decisions, _steps_text(m)] for m in report.meetings],
        )
    lines += ["", "## How our team is working", ""]
    if report.checks.dates:
        lines += _md_table(
            ["", *report.checks.dates, "Change"],
            [[r.label, *r.values, r.change] for r in report.checks.rows],
        )
    else:
        lines.append("No team check saved yet.")
    return "\n".join(lines) + "\n"
