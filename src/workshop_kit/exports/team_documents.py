"""A team's documents built from its saved files: the Day 1 and Day 2 summaries, the Day 3 plan
and the progress report, as the files the command line writes (``workshop-kit export``). The
panels show the same documents; what both need to build them (the goal checker's context, the
year's start) lives here once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from workshop_kit.config.day1 import load_day1
from workshop_kit.config.day2 import load_day2
from workshop_kit.config.day3 import load_day3
from workshop_kit.config.year import load_year
from workshop_kit.errors import InputError, WorkshopError
from workshop_kit.exports import day1_summary as first_day
from workshop_kit.exports import day2_summary as second_day
from workshop_kit.exports.day1_summary import Day1Summary
from workshop_kit.exports.day2_summary import Day2Summary
from workshop_kit.exports.printable import printable_page
from workshop_kit.exports.progress_report import ProgressReport, report_html, report_markdown
from workshop_kit.exports.team_plan import files_for, summary_for
from workshop_kit.logic.goal_check import GoalContext
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.progress import YearProgress
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.store import TeamWorkbook

#: what ``workshop-kit export --document`` writes, and the formats each one has
DOCUMENTS: dict[str, tuple[str, ...]] = {
    "plan": ("html", "md", "ics", "csv", "xlsx"),
    "day1": ("html", "md"),
    "day2": ("html", "md"),
    "progress": ("html", "md"),
}
DOCUMENT_LABELS = {
    "plan": "the Day 3 plan",
    "day1": "the Day 1 summary",
    "day2": "the Day 2 summary",
    "progress": "the progress report",
}


def goal_context(book: TeamWorkbook) -> GoalContext:
    """What the goal checker needs beyond the goal: the grades the school serves (from the team's
    school description) and the first day of the coming school year (the team's, set on Day 3,
    or else the institute's default from the Day 3 config)."""
    school = book.load(Team).school
    try:
        year = book.load(MeetingTime).school_year
    except WorkshopError:
        year = None  # a damaged meetings file is Day 3's to report
    if year is None:
        year = load_day3(book.workspace.root).school_year
    return GoalContext(school_grades=school, first_day=year.first_day)


def year_start(meetings: MeetingTime, book: TeamWorkbook) -> dt.date:
    """Where the path to each target starts: the first day of the team's school year (or of the
    Day 3 default year, if the team never entered its own)."""
    return meetings.year_or(load_day3(book.workspace.root).school_year).first_day


def day1_summary(book: TeamWorkbook) -> Day1Summary:
    return Day1Summary.of(
        book.load(Team), book.load(GoalWork), load_day1(book.workspace.root), goal_context(book)
    )


def day2_summary(book: TeamWorkbook) -> Day2Summary:
    return Day2Summary.of(
        book.load(Team),
        book.load(GoalWork),
        book.load(ResourceInventory),
        load_day2(book.workspace.root),
    )


def progress_report(book: TeamWorkbook) -> ProgressReport:
    return ProgressReport.of(
        book.display_name,
        book.load(GoalWork),
        book.load(TeamPlan),
        book.load(YearProgress),
        load_year(book.workspace.root),
        year_start(book.load(MeetingTime), book),
    )


def document_files(book: TeamWorkbook, document: str, fmt: str) -> dict[str, bytes]:
    """File name -> contents of one of the team's ``document`` (a key of DOCUMENTS) in ``fmt``."""
    formats = DOCUMENTS.get(document)
    if formats is None:
        raise InputError(
            f"‘{document}’ is not a document; choose one of {', '.join(DOCUMENTS)}.",
            field="document",
        )
    if fmt not in formats:
        raise InputError(
            f"{DOCUMENT_LABELS[document].capitalize()} is written as {' or '.join(formats)}, "
            f"not {fmt}.",
            field="format",
        )
    slug = book.slug
    if document == "plan":
        return files_for(summary_for(book, load_day3(book.workspace.root)), slug, fmt)
    if document == "progress":
        report = progress_report(book)
        return _written(
            f"{slug}-progress-report",
            f"Progress report: {report.team}",
            fmt,
            lambda: report_markdown(report),
            lambda: report_html(report),
        )
    if document == "day1":
        day1 = day1_summary(book)
        markdown, html = (lambda: first_day.to_markdown(day1)), (lambda: first_day.to_html(day1))
    else:
        day2 = day2_summary(book)
        markdown, html = (lambda: second_day.to_markdown(day2)), (lambda: second_day.to_html(day2))
    title = f"Day {document[-1]} summary: {book.display_name}"
    return _written(f"{slug}-{document}-summary", title, fmt, markdown, html)


def _written(
    name: str, title: str, fmt: str, markdown: Callable[[], str], html: Callable[[], str]
) -> dict[str, bytes]:
    """A summary's one file: its Markdown, or its HTML as a page to print."""
    if fmt == "md":
        return {f"{name}.md": markdown().encode("utf-8")}
    return {f"{name}.html": printable_page(title, html()).encode("utf-8")}
