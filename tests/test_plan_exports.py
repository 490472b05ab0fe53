"""Team plan exports open in the programs people use, and never run what a team typed.

The HTML page is parsed with BeautifulSoup, the calendar is read back with ``ical`` (a parser
independent of the ``icalendar`` library that writes it), and the spreadsheets with openpyxl.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from ical.calendar_stream import IcsCalendarStream

from workshop_kit.config.day3 import load_day3
from workshop_kit.exports import plan_html, printable, staff_summary
from workshop_kit.exports.calendar_ics import to_ics
from workshop_kit.exports.plan_html import to_html
from workshop_kit.exports.plan_markdown import md, to_markdown
from workshop_kit.exports.team_plan import FORMATS, files_for, summary_for, write_files
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.model.resources import ResourceInventory
from workshop_kit.model.team import Team
from workshop_kit.store import Workspace

HOSTILE = (
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(2)>',
    "<a href='javascript:alert(3)'>click</a>",
    "<iframe src=//evil.example></iframe>",
    "Mix; of, special\\chars\nand a new line",
)
STAMP = dt.datetime(2026, 8, 1, 12, 0, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 8, 1)


def day_of(start: dt.date | dt.datetime) -> dt.date:
    return start.date() if isinstance(start, dt.datetime) else start


def demo_summary(workspace: Workspace) -> TeamPlanSummary:
    return summary_for(workspace.ensure_demo(), load_day3())


def hostile_summary(workspace: Workspace) -> TeamPlanSummary:
    """The demo plan with hostile text in every kind of field a team can type."""
    book = workspace.ensure_demo()
    evil = " ".join(HOSTILE)
    team = book.load(Team)
    team = team.model_copy(
        update={
            "name": HOSTILE[0],
            "school": HOSTILE[1],
            "members": tuple(
                m.model_copy(update={"name": f"{m.name} {HOSTILE[2]}", "represents": HOSTILE[3]})
                for m in team.members
            ),
        }
    )
    goal = book.load(GoalWork)
    goal = goal.model_copy(
        update={
            "goal": goal.goal.model_copy(update={"statement": evil}),
            "success_criteria": tuple(
                c.model_copy(update={"measure": f"{c.measure} {HOSTILE[3]}", "unit": "<b>%"})
                for c in goal.success_criteria
            ),
        }
    )
    inventory = book.load(ResourceInventory)
    inventory = inventory.model_copy(
        update={
            "resources": tuple(
                r.model_copy(update={"name": f"{r.name} {HOSTILE[1]}"}) for r in inventory.resources
            )
        }
    )
    meetings = book.load(MeetingTime)
    meetings = meetings.model_copy(
        update={
            "meetings": tuple(
                m.model_copy(update={"name": f"{m.name} {HOSTILE[0]}", "attendees": evil})
                for m in meetings.meetings
            )
        }
    )
    plan = book.load(TeamPlan)
    launch = plan.launch
    assert launch is not None
    plan = plan.model_copy(
        update={
            "key_message": evil,
            "moves": tuple(m.model_copy(update={"how": evil}) for m in plan.moves),
            "cycles": tuple(
                c.model_copy(update={"name": HOSTILE[4], "focus": evil}) for c in plan.cycles
            ),
            "agendas": tuple(
                a.model_copy(
                    update={
                        "purpose": evil,
                        "facilitator": HOSTILE[2],
                        "items": tuple(
                            i.model_copy(update={"title": HOSTILE[1], "notes": evil})
                            for i in a.items
                        ),
                    }
                )
                for a in plan.agendas
            ),
            "actions": tuple(
                a.model_copy(
                    update={
                        "action": f"{a.action} {HOSTILE[0]}",
                        "owner": HOSTILE[3],
                        "progress_checks": tuple(
                            c.model_copy(update={"evidence": evil}) for c in a.progress_checks
                        ),
                    }
                )
                for a in plan.actions
            ),
            "communication": tuple(
                m.model_copy(update={"message": evil, "who": HOSTILE[2]})
                for m in plan.communication
            ),
            "launch": launch.model_copy(
                update={
                    "purpose": evil,
                    "norms": HOSTILE,
                    "segments": tuple(
                        p.model_copy(
                            update={"title": HOSTILE[1], "lead": HOSTILE[3], "notes": evil}
                        )
                        for p in launch.segments
                    ),
                }
            ),
        }
    )
    return TeamPlanSummary.of(
        team, goal, inventory, meetings, plan, load_day3(), meeting_roles=["Facilitator"]
    )


#: text pasted from Word: Shift+Enter (vertical tab) and a page break (form feed) between lines,
#: and controls nothing should print (NUL, bell, escape, delete, a C1 control)
PASTED = "Line one\x0bline two\x0cpage two\x00\x07\x1b[1m\x7f\x85 end"
#: what every export shows of it: a line break for each, the rest dropped
SHOWN_LINES = ["Line one", "line two", "page two[1m end"]


def pasted_summary(workspace: Workspace) -> TeamPlanSummary:
    """The demo plan with pasted control characters in free text and in an old file's name."""
    book = workspace.ensure_demo()
    team = book.load(Team).model_copy(update={"name": "Lincoln\x0bILT"})  # skips the checks
    goal = book.load(GoalWork)
    goal = goal.model_copy(update={"goal": goal.goal.model_copy(update={"statement": PASTED})})
    meetings = book.load(MeetingTime)
    meetings = meetings.model_copy(
        update={
            "meetings": tuple(m.model_copy(update={"attendees": PASTED}) for m in meetings.meetings)
        }
    )
    plan = book.load(TeamPlan)
    launch = plan.launch
    assert launch is not None
    plan = plan.model_copy(
        update={
            "key_message": PASTED,
            "launch": launch.model_copy(update={"purpose": PASTED}),
            "actions": tuple(
                a.model_copy(
                    update={
                        "progress_checks": tuple(
                            c.model_copy(update={"evidence": PASTED}) for c in a.progress_checks
                        )
                    }
                )
                for a in plan.actions
            ),
        }
    )
    return TeamPlanSummary.of(
        team, goal, book.load(ResourceInventory), meetings, plan, load_day3(),
        meeting_roles=["Facilitator"],
    )  # fmt: skip


def controls_in(text: str) -> set[str]:
    """The control characters in ``text`` other than tab, line feed and carriage return."""
    return {c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r"}


class TestPastedControlCharacters:
    """Word writes a vertical tab for Shift+Enter: it becomes a line break in every export, and
    controls no format allows are dropped, so the strict parser and the browser read the files."""

    def test_the_calendar_is_read_by_a_strict_parser(self, workspace: Workspace) -> None:
        data = to_ics(pasted_summary(workspace), "demo", stamp=STAMP)
        assert controls_in(data.decode("utf-8")) == set()
        cal = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        assert cal.prodid  # read, not refused
        launch = next(e for e in cal.events if e.uid == "demo-launch@workshop-kit")
        assert launch.description is not None
        assert launch.description.splitlines()[:3] == SHOWN_LINES
        check = next(e for e in cal.events if e.uid.startswith("demo-check-"))
        assert check.description is not None and "Look at: Line one\nline two" in check.description
        assert "Lincoln ILT" in data.decode("utf-8")

    def test_the_printable_page_has_no_control_characters(self, workspace: Workspace) -> None:
        page = to_html(pasted_summary(workspace), today=TODAY)
        assert controls_in(page) == set()
        soup = BeautifulSoup(page, "html.parser")
        goal = soup.find("p", class_="goal")
        assert goal is not None and goal.get_text().splitlines() == SHOWN_LINES
        assert soup.title is not None and soup.title.get_text().startswith("Lincoln\nILT")

    def test_the_markdown_has_no_control_characters(self, workspace: Workspace) -> None:
        text = to_markdown(pasted_summary(workspace), today=TODAY)
        assert controls_in(text) == set()
        assert "> Line one line two page two\\[1m end" in text
        assert text.startswith("# Lincoln ILT")


class TestDemoPlan:
    def test_the_demo_plan_is_complete_and_consistent(self, workspace: Workspace) -> None:
        """Every link of the demo plan resolves: Day 2 resource ids, Day 1 criteria, meetings."""
        summary = demo_summary(workspace)
        assert summary.problems == ()
        assert all(link.covered for link in summary.links())
        assert summary.what_if.reclaimed_hours == pytest.approx(62.9, abs=0.05)


class TestTheTeamItself:
    def test_the_plan_says_whom_members_speak_for_and_how_roles_rotate(
        self, workspace: Workspace
    ) -> None:
        """The Day 1 config's staff groups and meeting roles reach the Day 3 plan."""
        summary = demo_summary(workspace)
        page = BeautifulSoup(to_html(summary, today=TODAY), "html.parser").get_text()
        text = to_markdown(summary, today=TODAY)
        for shown in (page, text):
            assert "Priya Shah (Lead teacher, speaks for Grade 4)" in shown
            assert "No one on the team speaks for: Kindergarten" in shown
            assert "Our meeting roles rotate" in shown
        assert "meeting 1: Ana Ruiz (Facilitator), Marcus Lee (Timekeeper)" in text


class TestPrintablePage:
    def test_the_page_links_goal_criteria_resources_time_actions_checks(
        self, workspace: Workspace
    ) -> None:
        soup = BeautifulSoup(to_html(demo_summary(workspace), today=TODAY), "html.parser")
        assert soup.title is not None and "Maple Grove" in soup.title.text
        for section in (
            "goal",
            "links",
            "time",
            "repurpose",
            "cycles",
            "agendas",
            "actions",
            "staff",
            "launch",
        ):
            assert soup.find("section", id=section) is not None, section
        links = soup.find("section", id="links")
        assert links is not None
        text = links.get_text(" ")
        assert "English learners scoring 3+" in text
        assert "Sentence-frame cards for explaining reasoning" in text  # a Day 2 resource, by name
        assert "Cycle 1" in text
        assert "Jenna Kowalski" in text
        assert "November 20, 2026" in text  # a progress check
        assert "62.9 hours" in soup.get_text(" ")

    def test_self_contained_and_printable(self, workspace: Workspace) -> None:
        page = to_html(demo_summary(workspace), today=TODAY)
        soup = BeautifulSoup(page, "html.parser")
        images = soup.find_all("img")
        assert len(images) == 3
        assert all(str(img["src"]).startswith("data:image/png;base64,") for img in images)
        assert all(img.get("alt") for img in images)
        assert "@media print" in page
        assert not soup.find_all("link") and not soup.find_all("script")

    def test_hostile_team_text_is_shown_never_run(self, workspace: Workspace) -> None:
        page = to_html(hostile_summary(workspace), today=TODAY)
        soup = BeautifulSoup(page, "html.parser")
        assert soup.find_all("script") == []
        for tag in ("iframe", "svg", "object", "embed", "a"):
            found = [t for t in soup.find_all(tag) if not str(t.get("href", "")).startswith("#")]
            assert found == [], tag
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert handlers == [], element.name
            for value in element.attrs.values():
                assert "javascript:" not in str(value).lower()
        assert len(soup.find_all("img")) == 3
        text = soup.get_text(" ")
        assert '<script>alert("x")</script>' in text  # shown to the reader as the text it is
        assert "<img src=x onerror=" in text


class TestTheLaunchSession:
    """The back-to-school session the team leads is in every export that shows the plan."""

    def test_the_printable_page_shows_its_parts_leads_routines_and_norms(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        [path, _] = write_files(
            files_for(demo_summary(workspace), "demo", "html", today=TODAY), tmp_path
        )
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        section = soup.find("section", id="launch")
        assert section is not None
        text = section.get_text(" ")
        assert "August 21, 2026 · 120 minutes" in text
        rows = [
            [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in section.find_all("tr")
        ]
        assert ["20", "The ball game", "Marcus Lee", "The ball game", rows[2][4]] in rows
        assert any(r[1:4] == [r[1], "Priya Shah", "Think-pair-share"] for r in rows if r)
        assert "We talk about evidence, not about people." in text
        assert "✗" not in text  # the demo's checklist is complete
        assert soup.find("a", href="#launch") is not None  # listed in the contents

    def test_the_markdown_has_the_agenda_table(self, workspace: Workspace, tmp_path: Path) -> None:
        [path] = write_files(
            files_for(demo_summary(workspace), "demo", "md", today=TODAY), tmp_path
        )
        text = path.read_text(encoding="utf-8")
        section = text.split("## The session we lead for our staff", 1)[1]
        assert "**When:** August 21, 2026 · 120 minutes" in section
        assert "| 30 | Read three pieces of grade 4 writing together | Tomás Okafor | " in section
        assert "Looking at student work" in section
        assert "- We start and end on time." in section

    def test_the_calendar_holds_the_session_on_its_day(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        [path] = write_files(
            files_for(demo_summary(workspace), "demo", "ics", stamp=STAMP), tmp_path
        )
        cal = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
        [event] = [e for e in cal.events if e.uid == "demo-launch@workshop-kit"]
        assert event.dtstart == dt.date(2026, 8, 21)
        assert "Back-to-school session" in event.summary
        assert event.description is not None
        assert "20 min: The ball game (Marcus Lee) · The ball game" in event.description

    def test_a_plan_without_a_session_says_so(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        summary = dataclasses.replace(summary, plan=summary.plan.without_launch())
        assert "No back-to-school session planned yet" in to_html(summary, today=TODAY)
        assert "No back-to-school session planned yet" in to_markdown(summary, today=TODAY)
        cal = IcsCalendarStream.calendar_from_ics(to_ics(summary, "demo", stamp=STAMP).decode())
        assert not [e for e in cal.events if "launch" in e.uid]


class TestMarkdown:
    def test_sections_and_figures(self, workspace: Workspace) -> None:
        text = to_markdown(demo_summary(workspace), today=TODAY)
        for heading in (
            "## Our goal",
            "## How the plan fits together",
            "## The meeting time we have",
            "## Time we re-purpose toward the goal",
            "## Learning cycles",
            "## ILT agendas",
            "## Action plan",
            "## Telling our staff",
            "## The session we lead for our staff",
        ):
            assert heading in text
        assert "**62.9 hours**" in text

    def test_typed_text_stays_text(self, workspace: Workspace) -> None:
        text = to_markdown(hostile_summary(workspace), today=TODAY)
        assert "<script>" not in text and "<img" not in text and "<iframe" not in text
        assert md("a | b") == "a \\| b"
        assert md("# not a heading") == "\\# not a heading"
        assert md("1. not a list") == "1\\. not a list"
        assert md("[link](javascript:x)") == "\\[link\\](javascript:x)"
        for line in text.splitlines():
            if line.startswith("| ") and "Staff meeting" in line:
                assert line.count(" | ") == line.replace("\\|", "").count(" | ")


class TestCalendar:
    def read(self, data: bytes) -> object:
        return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))

    def test_an_independent_parser_reads_every_meeting_cycle_and_check(
        self, workspace: Workspace
    ) -> None:
        """The reader expands each meeting's series (RRULE, EXDATE, changed occurrences): every
        date of the ledger is there once, under its meeting's name, and nothing else."""
        summary = demo_summary(workspace)
        cal = self.read(to_ics(summary, "demo", stamp=STAMP))
        occurrences = list(cal.timeline)  # type: ignore[attr-defined]
        meetings = sorted(
            (day_of(e.dtstart), e.summary.split(" · ")[0])
            for e in occurrences
            if "-meeting-" in e.uid
        )
        assert meetings == sorted(
            (day, line.meeting.name) for line in summary.ledger.lines for day in line.dates
        )
        dated = len(meetings)
        checks = sum(len(a.progress_checks) for a in summary.plan.actions)
        launch = 1  # the demo's back-to-school session, on its own date
        assert len(occurrences) == dated + len(summary.cycles) + checks + launch
        assert [tz.tz_id for tz in cal.timezones] == ["America/Chicago"]  # type: ignore[attr-defined]
        masters = [e for e in cal.events if e.recurrence_id is None]  # type: ignore[attr-defined]
        assert len({e.uid for e in masters}) == len(masters)

    def test_a_repeating_meeting_is_one_series_with_its_holidays_left_out(
        self, workspace: Workspace
    ) -> None:
        """Issue 32: 345 separate events for a year of meetings. Each repeating meeting is one
        series: a weekly rule whose holidays are exceptions, a cycle's session a changed date."""
        summary = demo_summary(workspace)
        data = to_ics(summary, "demo", stamp=STAMP)
        cal = self.read(data)
        repeating = [
            line
            for line in summary.ledger.lines
            if line.meeting.recurrence.kind not in ("dates", "per_year")
        ]
        series = [e for e in cal.events if e.rrule is not None]  # type: ignore[attr-defined]
        assert len(series) == len(repeating) >= 8
        assert len(cal.events) < sum(len(line.dates) for line in summary.ledger.lines) / 2  # type: ignore[attr-defined]
        staff = next(e for e in series if e.uid == "demo-meeting-staff-meeting@workshop-kit")
        assert staff.exdate, "the staff meeting's holidays are its exceptions"
        staff_line = next(
            line for line in summary.ledger.lines if line.meeting.id == "staff-meeting"
        )
        on_timeline = [
            day_of(e.dtstart)
            for e in cal.timeline  # type: ignore[attr-defined]
            if e.uid == staff.uid
        ]
        assert on_timeline == list(staff_line.dates)
        assert b"RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE" in data or b"BYDAY=2MO" in data
        changed = [e for e in cal.events if e.recurrence_id is not None]  # type: ignore[attr-defined]
        assert any(" · Cycle 1" in e.summary for e in changed)
        one = self.read(to_ics(summary, "demo", stamp=STAMP + dt.timedelta(days=1)))
        assert one.events[0].sequence > cal.events[0].sequence  # type: ignore[attr-defined]

    def test_times_are_in_the_school_time_zone(self, workspace: Workspace) -> None:
        cal = self.read(to_ics(demo_summary(workspace), "demo", stamp=STAMP))
        staff = [
            e
            for e in cal.timeline  # type: ignore[attr-defined]
            if e.uid == "demo-meeting-staff-meeting@workshop-kit"
        ]
        first = next(e for e in staff if day_of(e.dtstart) == dt.date(2026, 9, 2))
        assert first.dtstart.isoformat() == "2026-09-02T15:15:00-05:00"
        assert first.dtend - first.dtstart == dt.timedelta(minutes=60)
        winter = next(e for e in staff if day_of(e.dtstart) == dt.date(2026, 12, 9))
        assert winter.dtstart.utcoffset() == dt.timedelta(hours=-6)  # standard time in December
        cycle = next(e for e in cal.events if e.uid.startswith("demo-cycle-"))  # type: ignore[attr-defined]
        assert isinstance(cycle.dtstart, dt.date) and not isinstance(cycle.dtstart, dt.datetime)

    def test_text_is_escaped_and_long_lines_folded(self, workspace: Workspace) -> None:
        data = to_ics(hostile_summary(workspace), "demo", stamp=STAMP)
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        assert b"\r\n " in data  # folded continuation lines
        assert b"\\;" in data and b"\\," in data and b"\\n" in data
        cal = self.read(data)
        first = cal.events[0]  # type: ignore[attr-defined]
        assert (
            first.description is not None
            and "Mix; of, special\\chars\nand a new line" in first.description
        )

    @pytest.mark.parametrize("breaks", ["Lincoln\nILT", "Lincoln\rILT", "Lincoln\r\nILT"])
    def test_a_line_break_in_a_name_never_starts_a_calendar_line(
        self, workspace: Workspace, breaks: str
    ) -> None:
        """Every text the .ics writer emits is escaped, even one an old file let in."""
        summary = demo_summary(workspace)
        old_file = summary.team.model_copy(update={"name": breaks})  # model_copy skips checks
        summary = dataclasses.replace(summary, team=old_file)
        data = to_ics(summary, "demo", stamp=STAMP)
        lines = data.split(b"\r\n")
        assert all(b"\r" not in line and b"\n" not in line for line in lines)
        assert b"X-WR-CALNAME:Lincoln ILT: our plan" in data
        self.read(data)  # an independent parser accepts it

    def test_an_updated_calendar_keeps_its_event_ids(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        one = self.read(to_ics(summary, "demo", stamp=STAMP))
        two = self.read(to_ics(summary, "demo", stamp=STAMP + dt.timedelta(days=3)))
        assert [e.uid for e in one.events] == [e.uid for e in two.events]  # type: ignore[attr-defined]


class TestSpreadsheets:
    def test_ledger_and_action_plan_are_two_sheets_of_one_workbook(
        self, workspace: Workspace
    ) -> None:
        """Issue 32: two separate files. One workbook, the ledger first (the meeting import
        reads the first sheet back)."""
        files = files_for(demo_summary(workspace), "demo", "xlsx")
        assert list(files) == ["demo-plan.xlsx"]
        book = openpyxl.load_workbook(io.BytesIO(files["demo-plan.xlsx"]))
        assert book.sheetnames == ["Meeting ledger", "Action plan"]
        rows = list(book["Meeting ledger"].iter_rows(values_only=True))
        assert rows[0][0] == "Meeting" and rows[1][0] == "Staff meeting"
        assert rows[1][rows[0].index("Times a year")] == 17  # a number, not text
        header, *steps = list(book["Action plan"].iter_rows(values_only=True))
        assert header[:4] == ("Step", "Owner", "Start", "Due")
        assert len(steps) == 7
        assert "Sentence-frame cards for explaining reasoning" in str(steps[3][5])
        assert book["Action plan"].freeze_panes == "A2"

    def test_formulas_in_typed_text_are_neutralised(self, workspace: Workspace) -> None:
        summary = hostile_summary(workspace)
        plan = summary.plan.model_copy(
            update={
                "actions": (
                    summary.plan.actions[0].model_copy(update={"action": '=HYPERLINK("x")'}),
                )
            }
        )
        evil = TeamPlanSummary.of(
            summary.team, summary.goal, summary.inventory, summary.meetings, plan, summary.config
        )
        files = files_for(evil, "demo", "csv")
        rows = list(csv.reader(io.StringIO(files["demo-action-plan.csv"].decode("utf-8-sig"))))
        assert rows[1][0] == '\'=HYPERLINK("x")'
        book = openpyxl.load_workbook(io.BytesIO(files_for(evil, "demo", "xlsx")["demo-plan.xlsx"]))
        cell = book["Action plan"]["A2"]
        assert cell.data_type == "s" and str(cell.value).startswith("'=")


class TestDates:
    """Printed pages and Markdown show dates as a person reads them; the files programs read
    (calendar, spreadsheets) keep ISO dates."""

    def test_the_page_and_the_markdown_read_like_a_letter(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        page = BeautifulSoup(to_html(summary, today=TODAY), "html.parser").get_text(" ")
        text = to_markdown(summary, today=TODAY)
        for shown in (page, text):
            assert "Made on August 1, 2026" in shown or "made on August 1, 2026" in shown
            assert "November 20, 2026" in shown  # a progress check
            assert "every other Wednesday from September 2, 2026" in shown  # a meeting's dates
            assert "first day of school (August 26, 2026)" in shown  # the session's checklist
            shown = shown.replace("reads them on 2026-08-24", "")  # the demo team typed this
            assert re.search(r"\b20\d\d-\d\d-\d\d\b", shown) is None, "no ISO date is printed"

    def test_the_calendar_and_spreadsheets_keep_iso_dates(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        files = files_for(summary, "demo", "csv")
        rows = list(csv.reader(io.StringIO(files["demo-action-plan.csv"].decode("utf-8-sig"))))
        due = rows[0].index("Due")
        assert all(re.fullmatch(r"20\d\d-\d\d-\d\d", row[due]) for row in rows[1:])
        assert b"DTSTART;VALUE=DATE:20261120" in to_ics(summary, "demo", stamp=STAMP)


class TestAllFormats:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_writes_files(
        self, workspace: Workspace, tmp_path: Path, fmt: str
    ) -> None:
        written = write_files(
            files_for(demo_summary(workspace), "demo", fmt, today=TODAY, stamp=STAMP), tmp_path
        )
        assert written and all(p.stat().st_size > 100 for p in written)

    def test_an_empty_workbook_still_exports(self, workspace: Workspace) -> None:
        book = workspace.create_team("Empty School")
        summary = summary_for(book, load_day3())
        for fmt in FORMATS:
            assert files_for(summary, book.slug, fmt, today=TODAY, stamp=STAMP)


def print_rules(style: str) -> dict[str, str]:
    """The rules of a stylesheet's ``@media print`` block: each selector -> its declarations
    (whitespace squeezed; a selector of several rules gets them all)."""
    block = style[style.index("@media print") :]
    block = block[block.index("{") + 1 :]
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        declarations = " ".join(body.split())
        for selector in selectors.split(","):
            name = " ".join(re.sub(r"/\*.*?\*/", "", selector, flags=re.S).split())
            rules[name] = f"{rules.get(name, '')} {declarations}".strip()
    return rules


class TestPrintStyles:
    """Issue 32: a row that may not break was pushed whole onto the next page, leaving pages
    nearly blank (tests/browser/test_printing.py prints the pages to check the result)."""

    @pytest.mark.parametrize(
        "style", [plan_html.STYLE, printable.STYLE], ids=["team plan", "day summaries"]
    )
    def test_rows_may_break_headers_repeat_and_long_words_wrap(self, style: str) -> None:
        rules = print_rules(style)
        assert "tr" in rules and "break-inside: auto" in rules["tr"]
        for selector, declarations in rules.items():
            if "break-inside: avoid" in declarations or "page-break-inside: avoid" in declarations:
                assert not re.search(r"\b(tr|td|th|table|tbody)\b", selector), selector
        assert "display: table-header-group" in rules["thead"]
        assert "overflow-wrap: anywhere" in rules["td"]
        assert "@page" in style

    def test_the_plan_and_the_staff_summary_share_the_styles(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        for page in (to_html(summary, today=TODAY), staff_summary.to_html(summary, today=TODAY)):
            assert "table-header-group" in page
            assert "&#34;" not in page.split("</style>")[0]  # styles are template text, unescaped


class TestStaffSummary:
    """One page the principal hands to the staff: the goal, its measures, the time re-purposed
    and the next dated steps, from the same plan as the printable page."""

    def test_the_html_export_writes_the_plan_and_the_summary(
        self, workspace: Workspace, tmp_path: Path
    ) -> None:
        written = write_files(
            files_for(demo_summary(workspace), "demo", "html", today=TODAY), tmp_path
        )
        assert [p.name for p in written] == ["demo-team-plan.html", "demo-staff-summary.html"]

    def test_it_shows_the_goal_measures_time_and_next_steps(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        soup = BeautifulSoup(staff_summary.to_html(summary, today=TODAY), "html.parser")
        assert soup.title is not None
        assert soup.title.text == "Maple Grove Elementary (demo): our goal for 2026-27"
        goal = soup.find("p", class_="goal")
        assert goal is not None and goal.get_text() == summary.goal.goal.statement
        rows = [
            [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup.find_all("tr")
            if tr.find("td")
        ]
        assert rows[:3] == [
            ["Students in grades 3-5 scoring 3+ on the writing rubric", "41%", "60%",
             "June 11, 2027"],
            ["English learners scoring 3+ on the writing rubric", "22%", "45%", "June 11, 2027"],
            ["Students proficient on the state ELA test, grades 3-5", "50.6%", "56%",
             "August 31, 2027"],
        ]  # fmt: skip
        text = soup.get_text(" ")
        assert "62.9 hours" in " ".join(text.split())
        assert "from 9% of our meeting time today to 33%" in " ".join(text.split())
        steps = rows[3:]
        assert [s[0] for s in steps] == [
            "August 17, 2026 to September 4, 2026",
            "August 21, 2026",
            "September 1, 2026 to October 2, 2026",
            "September 8, 2026 to September 25, 2026",
            "September 8, 2026 to October 16, 2026",
        ]
        assert steps[1][1:] == ["The session we lead for our staff", "Our leadership team"]
        assert "Tomás Okafor" in text

    def test_hostile_team_text_is_shown_never_run(self, workspace: Workspace) -> None:
        page = staff_summary.to_html(hostile_summary(workspace), today=TODAY)
        soup = BeautifulSoup(page, "html.parser")
        assert soup.find_all("script") == [] and soup.find_all("iframe") == []
        assert all(not a.startswith("on") for el in soup.find_all(True) for a in el.attrs)
        assert '<script>alert("x")</script>' in soup.get_text(" ")

    def test_an_empty_workbook_gets_a_summary_that_says_what_is_missing(
        self, workspace: Workspace
    ) -> None:
        summary = summary_for(workspace.create_team("Empty School"), load_day3())
        text = BeautifulSoup(staff_summary.to_html(summary, today=TODAY), "html.parser").get_text()
        assert "The goal statement is not written yet." in text
        assert "No success criteria yet." in text
        assert "No dated steps ahead in the plan." in text


class TestNextSteps:
    def test_the_next_steps_are_those_not_over_by_today_earliest_first(
        self, workspace: Workspace
    ) -> None:
        summary = demo_summary(workspace)
        steps = summary.next_steps(dt.date(2026, 9, 5), count=4)
        assert [s.what for s in steps] == [
            "Move required trainings online before each PD day",
            "Score the September writing task together, using the anchor papers",
            "Run cycle 1 of looking at student work in the grade 3-5 teams",
            "Cycle 1: Claims with evidence in science notebooks",
        ]
        assert [s.start.isoformat() for s in steps] == [
            "2026-09-01", "2026-09-08", "2026-09-08", "2026-09-10"
        ]  # fmt: skip
        # the launch session (August 21) and the step due on September 4 are over
        assert steps[3].end == dt.date(2026, 10, 21) and steps[3].who.startswith("Staff meeting")

    def test_a_step_done_is_left_out(self, workspace: Workspace) -> None:
        summary = demo_summary(workspace)
        first = summary.plan.actions[0]
        done = dataclasses.replace(
            summary,
            plan=summary.plan.model_copy(
                update={"actions": (first.model_copy(update={"status": "done"}),
                                    *summary.plan.actions[1:])}
            ),
        )  # fmt: skip
        assert first.action in [s.what for s in summary.next_steps(TODAY)]
        assert first.action not in [s.what for s in done.next_steps(TODAY)]

    def test_after_the_last_step_there_are_none(self, workspace: Workspace) -> None:
        assert demo_summary(workspace).next_steps(dt.date(2028, 1, 1)) == []
