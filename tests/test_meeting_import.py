"""Meetings from spreadsheets: clean files import, messy rows are explained by row."""

from __future__ import annotations

from workshop_kit.config.day3 import load_day3
from workshop_kit.exports.team_plan import files_for, summary_for
from workshop_kit.logic.meeting_import import read_meetings
from workshop_kit.model.meetings import MeetingTime, Purpose
from workshop_kit.store import Workspace

CONFIG = load_day3()
YEAR = CONFIG.school_year
HEAD = "Meeting,Type,People,Minutes,Repeats,Day,Week of month,Dates,Times a year,Logistics,Goal\n"


def read(text: str, current: MeetingTime | None = None, name: str = "meetings.csv"):  # type: ignore[no-untyped-def]
    return read_meetings(text.encode("utf-8"), name, CONFIG, current or MeetingTime(), YEAR)


class TestCleanFiles:
    def test_every_way_of_repeating(self) -> None:
        report = read(
            HEAD
            + "Staff meeting,Staff meeting,30,60,Every other week,Wednesday,,,,30,30\n"
            + "ILT,ilt,6,75,monthly,mon,second,,,25,50\n"
            + "PD days,PD day,40,360,On set dates,,,2026-10-09; 2027-01-04,,60,300\n"
            + "Trainings,staff,40,60,times a year,,,,3,60,0\n"
        )
        assert report.clean, report.messages
        kinds = [r.meeting.recurrence.kind for r in report.rows]
        assert kinds == ["every_other_week", "monthly", "dates", "per_year"]
        ilt = report.rows[1].meeting
        assert (ilt.type, ilt.recurrence.weekday, ilt.recurrence.nth) == ("ilt", "monday", "second")
        assert report.rows[3].meeting.recurrence.per_year == 3

    def test_an_exported_ledger_comes_back_unchanged(self, workspace: Workspace) -> None:
        book = workspace.ensure_demo()
        current = book.load(MeetingTime)
        summary = summary_for(book, CONFIG)
        for fmt, name in (("csv", "demo-meeting-ledger.csv"), ("xlsx", "demo-plan.xlsx")):
            data = files_for(summary, "demo", fmt)[name]
            report = read_meetings(data, name, CONFIG, current, current.year_or(YEAR))
            assert report.clean, report.messages
            assert all(r.replaces is not None for r in report.rows)
            assert report.apply(current, current.year_or(YEAR)).meetings == current.meetings

    def test_text_the_export_guards_against_formulas_comes_back_as_typed(
        self, workspace: Workspace
    ) -> None:
        """The CSV export guards text after a semicolon too (``a;'=1+1``); the import reads
        exactly what the export's own neutralising wrote, so the round trip changes nothing."""
        book = workspace.ensure_demo()
        current = book.load(MeetingTime)
        first = current.meetings[0]
        hostile = "Grade 3; =SUM(A1) and +more"
        current = current.model_copy(
            update={
                "meetings": (first.model_copy(update={"attendees": hostile}), *current.meetings[1:])
            }
        )
        book.save(current)
        summary = summary_for(book, CONFIG)
        data = files_for(summary, "demo", "csv")["demo-meeting-ledger.csv"]
        assert b"; '=SUM" in data
        report = read_meetings(data, "ledger.csv", CONFIG, current, current.year_or(YEAR))
        assert report.apply(current, current.year_or(YEAR)).meetings == current.meetings

    def test_missing_purposes_count_as_other_instructional(self) -> None:
        report = read("Meeting,Type,People,Minutes,Repeats,Day\nPLC,plc,5,45,weekly,Thursday\n")
        assert report.clean
        assert report.rows[0].meeting.purposes.of(Purpose.OTHER_INSTRUCTIONAL) == 45
        assert any("no minutes by purpose" in m.text for m in report.messages)


class TestMessyFiles:
    def test_each_problem_row_is_named_and_nothing_else_is_lost(self) -> None:
        report = read(
            HEAD
            + "Staff meeting,Staf meeting,30,60,Every week,Wednesday,,,,30,30\n"
            + "Grade 3,grade_level,5,45,weekly,Saturday,,,,10,35\n"
            + "Grade 4,grade_level,5,45,weekly,Tuesday,,,,10,30\n"
            + "\n"
            + "Grade 5,grade_level,-5,45,weekly,Tuesday,,,,10,35\n"
            + "PD,pd_day,40,360,On set dates,,,2027-08-01,,60,300\n"
            + "Grade 6,grade_level,5,45,weekly,Tuesday,,,,10,35\n"
            + "Grade 6,grade_level,5,45,weekly,Tuesday,,,,10,35\n"
        )
        assert not report.clean and report.needs_confirmation
        by_row = {m.row: m.text for m in report.problems}
        assert "Did you mean ‘Staff meeting’" in by_row[2]
        assert "weekday" in by_row[3]
        assert "add up to 40, but the meeting is 45" in by_row[4]
        assert "cannot be negative" in by_row[6]
        assert "outside the school year" in by_row[7]
        assert "repeats ‘Grade 6’ from row 8" in by_row[9]
        assert [r.meeting.name for r in report.rows] == ["Grade 6"]
        assert any("Skipped 1 blank row" in m.text for m in report.messages)

    def test_a_file_without_the_needed_columns(self) -> None:
        report = read("Name,When\nStaff,Wednesdays\n")
        assert report.unreadable
        assert "no column for ‘Type’" in report.problems[0].text

    def test_semicolons_and_a_byte_order_mark(self) -> None:
        text = "\ufeffMeeting;Type;People;Minutes;Repeats;Day\nPLC;plc;5;45;weekly;thu\n"
        report = read_meetings(text.encode("utf-8"), "m.csv", CONFIG, MeetingTime(), YEAR)
        assert report.clean, report.messages

    def test_not_a_spreadsheet(self) -> None:
        report = read_meetings(b"\x00\x01", "meetings.pdf", CONFIG, MeetingTime(), YEAR)
        assert report.unreadable and not report.rows


class TestSameRulesAsTheForm:
    def test_start_times_are_read_as_the_meeting_form_reads_them(self) -> None:
        import datetime as dt

        head = "Meeting,Type,People,Minutes,Repeats,Day,Start time,Goal\n"
        report = read(
            head
            + "A,plc,5,45,weekly,Thursday,3:15 pm,45\n"
            + "B,plc,5,45,weekly,Thursday,15h15,45\n"
            + "C,plc,5,45,weekly,Thursday,after lunch,45\n"
        )
        assert [r.meeting.start_time for r in report.rows] == [dt.time(15, 15)] * 2
        assert "such as 15:15 or 3:15 pm (found ‘after lunch’)" in report.problems[0].text

    def test_us_dates_are_read_month_first_as_the_forms_read_them(self) -> None:
        """Issue 32: a district's export with 10/9/2026 was refused; one bad row is named."""
        import datetime as dt

        report = read(
            HEAD
            + "PD days,PD day,40,360,On set dates,,,10/9/2026; 1/4/2027,,60,300\n"
            + "Retreat,PD day,40,360,On set dates,,,13/1/2027,,60,300\n"
        )
        assert report.rows[0].meeting.recurrence.dates == (
            dt.date(2026, 10, 9),
            dt.date(2027, 1, 4),
        )
        assert "read month first" in report.problems[0].text
        assert "has no month 13" in report.problems[0].text

    def test_names_match_by_the_one_same_name_rule(self) -> None:
        first = read(HEAD + "Grade 3 (team),plc,5,45,weekly,Thursday,,,,15,30\n")
        current = MeetingTime(meetings=tuple(r.meeting for r in first.rows))
        again = read(HEAD + "grade-3  team,plc,6,45,weekly,Thursday,,,,15,30\n", current)
        assert again.rows[0].replaces == current.meetings[0].id == "grade-3-team"
