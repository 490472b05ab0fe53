"""Every export of the team plan, by format: what the CLI and the Day 3 panel both call."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import Day3Config
from workshop_kit.errors import InputError, WorkshopError
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.store import TeamWorkbook, atomic_write

FORMATS = ("html", "md", "ics", "csv", "xlsx")
FORMAT_LABELS = {
    "html": "Printable pages (HTML): the plan, and one page for the staff",
    "md": "Markdown",
    "ics": "Calendar (.ics for Google Calendar, Outlook)",
    "csv": "Spreadsheets (CSV)",
    "xlsx": "Workbook (Excel): ledger and action plan",
}


def summary_for(book: TeamWorkbook, config: Day3Config) -> TeamPlanSummary:
    """The plan built from the team's saved files (with the Day 2 config's names for the forms
    of leadership support, and the Day 1 config's meeting roles and staff groups, when those
    configs read)."""
    try:
        labels = {f.id: f.label for f in load_day2(book.folder.parent).support_forms}
    except WorkshopError:
        labels = {}  # the Day 2 notebook reports its config; the plan shows the ids
    try:
        day1 = load_day1(book.folder.parent)
        roles, groups = day1.meeting_roles, day1.staff_groups
    except WorkshopError:
        roles, groups = (), ()  # the Day 1 notebook reports its config
    return TeamPlanSummary.of(
        book.load(Team),
        book.load(GoalWork),
        book.load(ResourceInventory),
        book.load(MeetingTime),
        book.load(TeamPlan),
        config,
        labels,
        meeting_roles=roles,
        staff_groups=groups,
    )


def files_for(
    summary: TeamPlanSummary,
    slug: str,
    fmt: str,
    *,
    today: dt.date | None = None,
    stamp: dt.datetime | None = None,
) -> dict[str, bytes]:
    """File name -> contents for one format (HTML gives the plan and its one-page summary for
    the staff; CSV and XLSX the ledger and the action plan)."""
    if fmt == "html":
        from workshop_kit.exports import plan_html, staff_summary

        return {
            f"{slug}-team-plan.html": plan_html.to_html(summary, today=today).encode("utf-8"),
            f"{slug}-staff-summary.html": staff_summary.to_html(summary, today=today).encode(
                "utf-8"
            ),
        }
    if fmt == "md":
        from workshop_kit.exports.plan_markdown import to_markdown

        return {f"{slug}-team-plan.md": to_markdown(summary, today=today).encode("utf-8")}
    if fmt == "ics":
        from workshop_kit.exports.calendar_ics import to_ics

        return {f"{slug}-calendar.ics": to_ics(summary, slug, stamp=stamp)}
    if fmt in ("csv", "xlsx"):
        from workshop_kit.exports import plan_tables as tables

        if fmt == "csv":
            return {
                f"{slug}-meeting-ledger.csv": tables.ledger_csv(summary),
                f"{slug}-action-plan.csv": tables.actions_csv(summary),
            }
        return {f"{slug}-plan.xlsx": tables.plan_xlsx(summary)}
    raise InputError(
        f"‘{fmt}’ is not an export format; choose one of {', '.join(FORMATS)}.", field="format"
    )


def write_files(files: dict[str, bytes], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        path = folder / name
        atomic_write(path, data)
        written.append(path)
    return written
