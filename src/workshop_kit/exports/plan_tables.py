"""The meeting ledger and the action plan as rows for CSV and XLSX (via ``exports.spreadsheet``)."""

from __future__ import annotations

from workshop_kit.exports.spreadsheet import Row, Sheet, csv_bytes, workbook_bytes
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.meetings import RECURRENCE_LABELS, Purpose
from workshop_kit.model.plan import STATUS_LABELS

LEDGER_COLUMNS = (
    "Meeting",
    "Type",
    "Who attends",
    "People",
    "Minutes",
    "Repeats",
    "Day",
    "Week of month",
    "Dates",
    "Times a year",
    "Starts",
    "Ends",
    "Start time",
    "When",
    "Logistics and announcements (min)",
    "Compliance (min)",
    "Learning toward the goal (min)",
    "Other instructional work (min)",
    "Hours a year",
    "Person-hours a year",
    "Hours moved to the goal by the plan",
)
ACTION_COLUMNS = (
    "Step",
    "Owner",
    "Start",
    "Due",
    "Status",
    "Resources",
    "Success criteria",
    "Progress checks",
)


def ledger_rows(summary: TeamPlanSummary) -> list[Row]:
    rows: list[Row] = []
    for line in summary.ledger.lines:
        m = line.meeting
        rec = m.recurrence
        rows.append(
            {
                "Meeting": m.name,
                "Type": summary.config.type_label(m.type),
                "Who attends": m.attendees,
                "People": m.headcount,
                "Minutes": m.minutes,
                "Repeats": RECURRENCE_LABELS[m.recurrence.kind],
                "Day": rec.weekday.label if rec.weekday else "",
                "Week of month": rec.nth or "",
                "Dates": [d.isoformat() for d in rec.dates],
                "Times a year": line.count,
                "Starts": rec.starts,
                "Ends": rec.ends,
                "Start time": m.start_time.strftime("%H:%M") if m.start_time else "",
                "When": rec.describe(),
                "Hours a year": round(line.hours, 2),
                "Person-hours a year": round(line.person_hours, 2),
                "Logistics and announcements (min)": m.purposes.of(Purpose.LOGISTICS),
                "Compliance (min)": m.purposes.of(Purpose.COMPLIANCE),
                "Learning toward the goal (min)": m.purposes.of(Purpose.GOAL),
                "Other instructional work (min)": m.purposes.of(Purpose.OTHER_INSTRUCTIONAL),
                "Hours moved to the goal by the plan": round(summary.what_if.moved_hours(m.id), 2),
            }
        )
    return rows


def action_rows(summary: TeamPlanSummary) -> list[Row]:
    return [
        {
            "Step": step.action,
            "Owner": step.owner,
            "Start": step.start,
            "Due": step.due,
            "Status": STATUS_LABELS[step.status],
            "Resources": summary.resources_of(step),
            "Success criteria": summary.criteria_of(step.criterion_ids),
            "Progress checks": [
                f"{c.date.isoformat()}: {c.evidence}" for c in step.progress_checks
            ],
        }
        for step in summary.plan.actions
    ]


def ledger_csv(summary: TeamPlanSummary) -> bytes:
    return csv_bytes(ledger_rows(summary), LEDGER_COLUMNS)


def actions_csv(summary: TeamPlanSummary) -> bytes:
    return csv_bytes(action_rows(summary), ACTION_COLUMNS)


def plan_xlsx(summary: TeamPlanSummary) -> bytes:
    """One workbook: the meeting ledger first (Day 3's meeting import reads it back), then the
    action plan."""
    return workbook_bytes(
        [
            Sheet("Meeting ledger", ledger_rows(summary), LEDGER_COLUMNS),
            Sheet("Action plan", action_rows(summary), ACTION_COLUMNS),
        ]
    )
