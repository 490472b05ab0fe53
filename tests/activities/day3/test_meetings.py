"""Day 3, the meetings: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.activities import day3
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.session import Session


class TestMeetings:
    def test_adding_a_meeting_shows_how_often_it_meets(
        self,
        session: Session,
        saved: Callable[..., Any],
        new_team: Callable[..., Any],
        restarted: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, start_time="15:15")
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "meets 37 times" in panel.form_message.text
        meetings = saved(session, "meetings.yaml")["meetings"]
        assert isinstance(meetings, list) and meetings[0]["recurrence"] == {
            "kind": "weekly",
            "weekday": "tuesday",
            "nth": None,
            "dates": [],
            "per_year": None,
            "starts": None,
            "ends": None,
        }
        assert meetings[0]["start_time"] == "15:15:00"
        assert repr(day3.MeetingsPanel(restarted(session))).endswith("the school lists 1 meeting>")

    def test_a_meeting_can_start_late_and_stop_early(
        self,
        session: Session,
        saved: Callable[..., Any],
        new_team: Callable[..., Any],
        restarted: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        """A PLC that runs from October to March: the form keeps both limits and counts only those
        weeks; editing it again shows them, so a save from the form never drops them."""
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, kind="monthly", nth="first", starts="2026-10-01", ends="2027-03-31")
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "meets 6 times" in panel.form_message.text  # first Tuesdays, October to March
        again = day3.MeetingsPanel(restarted(session))
        again.choice.value = again.choice.options[-1][1]
        assert (again.fields["recurrence.starts"].value, again.fields["recurrence.ends"].value) == (
            dt.date(2026, 10, 1),
            dt.date(2027, 3, 31),
        )
        again.fields["minutes"].value = "45"
        again.save_button.click()
        rec = saved(session, "meetings.yaml")["meetings"][0]["recurrence"]  # type: ignore[index]
        assert (rec["starts"], rec["ends"]) == ("2026-10-01", "2027-03-31")

    def test_an_end_before_the_start_is_refused(
        self, session: Session, revision: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        panel = day3.MeetingsPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="New PLC", starts="2027-03-01", ends="2026-10-01")
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert "Nothing was saved" in panel.form_message.text
        assert panel.fields.messages["when"].text == (
            "‘Until’ (2026-10-01) comes before the first date (2027-03-01); the meeting would "
            "never take place."
        )  # the model's message, next to the dates, with the field named as on the form
        assert revision(session, "meetings.yaml") == before

    def test_minutes_that_do_not_add_up_are_refused(
        self, session: Session, revision: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        panel = day3.MeetingsPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="New PLC", logistics="20")
        assert "too many" in panel.adds_up.value
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert panel.fields.messages["purposes"].text.startswith(
            "‘Minutes by purpose’ add up to 55, but the meeting is 45"
        )
        assert revision(session, "meetings.yaml") == before

    def test_negative_minutes_are_refused(
        self, session: Session, fill_meeting: Callable[..., Any]
    ) -> None:
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, name="New PLC", logistics="-5", other_instructional="45")
        panel.save_button.click()
        assert "cannot be negative" in panel.fields.messages["purposes"].text
        assert panel.form_message.kind == "error"

    def test_set_dates_outside_the_year_are_refused(
        self, session: Session, revision: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        panel = day3.MeetingsPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="Retreat", kind="dates", dates="2027-07-15")
        panel.save_button.click()
        assert (
            "‘Retreat’ names 2027-07-15, outside the school year"
            in panel.fields.messages["when"].text
        )
        assert panel.form_message.kind == "error"
        assert revision(session, "meetings.yaml") == before

    def test_editing_and_removing_a_meeting(self, session: Session) -> None:
        panel = day3.MeetingsPanel(session)
        panel.choice.value = "ilt"
        assert (
            panel.fields["minutes"].value == "75"
            and panel.fields["recurrence.nth"].value == "second"
        )
        panel.fields["purposes.logistics"].value = "10"
        panel.fields["minutes"].value = "65"
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert session.team.load(MeetingTime).meeting("ilt").minutes == 65  # type: ignore[union-attr]
        panel.choice.value = "staff-meeting"
        panel.remove_button.click()
        assert "refer" in panel.form_message.text  # the demo plan's moves and cycles used it
        assert session.team.load(MeetingTime).meeting("staff-meeting") is None

    def test_a_clean_spreadsheet_is_imported(
        self, session: Session, new_team: Callable[..., Any], upload: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        csv = (
            "Meeting,Type,People,Minutes,Repeats,Day,Logistics,Goal\n"
            "PLC,plc,5,45,weekly,Thursday,15,30\n"
        )
        panel.importer.upload.value = (upload("m.csv", csv),)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert [m.name for m in session.team.load(MeetingTime).meetings] == ["PLC"]

    def test_a_messy_spreadsheet_waits_for_the_team(
        self, session: Session, new_team: Callable[..., Any], upload: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        csv = (
            "Meeting,Type,People,Minutes,Repeats,Day,Logistics,Goal\n"
            "PLC,plc,5,45,weekly,Thursday,15,30\nStaff,Staf,30,60,weekly,Wednesday,30,30\n"
        )
        panel.importer.upload.value = (upload("m.csv", csv),)
        assert panel.importer.message.kind == "error"
        assert "Did you mean" in panel.importer.view.value
        assert session.team.load(MeetingTime).meetings == ()
        panel.importer.confirm_button.click()
        assert [m.name for m in session.team.load(MeetingTime).meetings] == ["PLC"]

    def test_meetings_pasted_from_a_spreadsheet_are_added_once_confirmed(
        self, session: Session, new_team: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        panel.importer.paste_button.click()
        panel.importer.paste_text.value = (
            "Meeting\tType\tPeople\tMinutes\tRepeats\tDay\tLogistics\tGoal\n"
            "PLC\tplc\t5\t45\tweekly\tThursday\t15\t30\n"
            "Staff\tstaff\t30\t60\tweekly\tWednesday\t30\t30\n"
        )
        panel.importer.paste_check_button.click()
        assert session.team.load(MeetingTime).meetings == ()
        assert panel.importer.confirm_button.description == "Add these 2 meetings"
        panel.importer.confirm_button.click()
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert [m.name for m in session.team.load(MeetingTime).meetings] == ["PLC", "Staff"]


class TestOldConfig:
    def test_a_facilitators_copy_naming_the_activity_inventory_still_shows_it(
        self, session: Session
    ) -> None:
        """Copies of day3.yaml made before the rename call the meetings activity ‘inventory’."""
        from IPython.core.interactiveshell import InteractiveShell
        from IPython.utils.capture import capture_output

        from workshop_kit.config import default_config_dir

        InteractiveShell.instance()  # display() publishes rich output only inside a shell
        old = (default_config_dir() / "day3.yaml").read_text(encoding="utf-8")
        assert "  - id: meetings\n" in old
        folder = session.workspace.root / "config"
        folder.mkdir()
        (folder / "day3.yaml").write_text(
            old.replace("  - id: meetings\n", "  - id: inventory\n"), "utf-8"
        )
        with capture_output() as captured:
            day3.meetings()
        html = "".join(o.data.get("text/html", "") for o in captured.outputs)
        assert 'id="activity-meetings"' in html
        assert "List every recurring meeting" in html
        assert "cannot be shown" not in html


def grade_team(n: int) -> dict[str, str]:
    return {"name": f"Grade {n} team", "attendees": f"grade {n} teachers"}


class TestTheFormNeverOverwrites:
    """After an add the form is empty for the next meeting; changing one is an explicit choice
    and its button names the meeting (the bug: 6 of 8 meetings typed in a row were lost)."""

    def test_eight_meetings_added_in_a_row_are_eight_meetings(
        self,
        session: Session,
        saved: Callable[..., Any],
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        for n in range(1, 9):
            assert panel.save_button.description == "Add this meeting"
            fill_meeting(panel, **grade_team(n))
            panel.save_button.click()
            assert panel.form_message.kind == "ok", panel.form_message.text
            assert panel.fields["name"].value == "" and panel.form.editing is None
        names = [m["name"] for m in saved(session, "meetings.yaml")["meetings"]]
        assert names == [f"Grade {n} team" for n in range(1, 9)]
        assert panel.form_message.text.endswith(
            "The school lists 8 meetings. The form is empty for the next meeting."
        )
        assert repr(panel).endswith("the school lists 8 meetings>")

    def test_a_double_click_on_add_adds_the_meeting_once(
        self,
        session: Session,
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel)
        panel.save_button.click()
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert len(session.team.load(MeetingTime).meetings) == 1

    def test_choosing_a_meeting_names_it_on_the_button_and_a_change_empties_the_form(
        self,
        session: Session,
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, **grade_team(6))
        panel.save_button.click()
        fill_meeting(panel, **grade_team(7))
        panel.save_button.click()
        panel.choice.value = "grade-6-team"
        assert panel.save_button.description == "Save changes to ‘Grade 6 team’"
        assert (
            panel.fields["name"].value == "Grade 6 team"
            and panel.fields["attendees"].value == "grade 6 teachers"
        )
        panel.fields["headcount"].value = "7"
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert panel.form_message.text.startswith("Saved the changes to ‘Grade 6 team’")
        assert "The form is empty again, for a new meeting." in panel.form_message.text
        assert (
            panel.form.editing is None
            and panel.fields["name"].value == panel.fields["headcount"].value == ""
        )
        assert panel.save_button.description == "Add this meeting"
        meetings = session.team.load(MeetingTime).meetings
        assert [(m.name, m.headcount) for m in meetings] == [
            ("Grade 6 team", 7),
            ("Grade 7 team", 5),
        ]

    def test_a_second_meeting_with_the_same_name_is_refused(
        self,
        session: Session,
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, name="Grade 6 team")
        panel.save_button.click()
        fill_meeting(panel, name="grade-6  Team")
        panel.save_button.click()
        assert "‘Grade 6 team’ is already listed" in panel.fields.messages["what"].text
        assert len(session.team.load(MeetingTime).meetings) == 1

    def test_removing_names_the_plan_items_that_referred_to_it(self, session: Session) -> None:
        panel = day3.MeetingsPanel(session)
        panel.choice.value = "ilt"
        panel.remove_button.click()
        assert panel.form_message.text == (
            "Removed ‘Instructional leadership team’. 2 parts of the plan referred to it; the "
            "plan now lists them to fix."
        )  # the demo plan's move on the ILT meeting and its agenda
        assert panel.form.editing is None and panel.fields["name"].value == ""


class TestTheFormReadsWhatTheImportReads:
    @pytest.mark.parametrize("typed", ["3:15 pm", "15h15", "15:15", "3.15 p.m."])
    def test_a_start_time_typed_as_in_a_spreadsheet(
        self,
        session: Session,
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
        typed: str,
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, start_time=typed)
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert session.team.load(MeetingTime).meetings[0].start_time == dt.time(15, 15)

    def test_a_time_that_is_not_one_is_shown_next_to_the_field(
        self, session: Session, fill_meeting: Callable[..., Any]
    ) -> None:
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, name="New PLC", start_time="after lunch")
        panel.save_button.click()
        assert (
            "Starts at must be a time such as 15:15 or 3:15 pm"
            in panel.fields.messages["what"].text
        )


class TestImplausibleMeeting:
    def test_a_meeting_over_four_hours_is_saved_only_when_confirmed(
        self,
        session: Session,
        new_team: Callable[..., Any],
        fill_meeting: Callable[..., Any],
        revision: Callable[..., Any],
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(
            panel, name="Department", minutes="600", other_instructional="585", logistics="10"
        )
        before = revision(session, "meetings.yaml")
        panel.save_button.click()
        assert panel.form_message.kind == "warning", panel.form_message.text
        assert panel.form_message.text.startswith(
            "Please check: ‘Department’ is 600 minutes long (about 10.0 hours), longer than 4 "
            "hours."
        )
        assert "press “Add this meeting” again" in panel.form_message.text
        assert revision(session, "meetings.yaml") == before
        panel.save_button.click()  # the same values again: the team means it
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert [m.minutes for m in session.team.load(MeetingTime).meetings] == [600]

    def test_changed_values_are_checked_again(
        self, session: Session, new_team: Callable[..., Any], fill_meeting: Callable[..., Any]
    ) -> None:
        new_team(session)
        panel = day3.MeetingsPanel(session)
        fill_meeting(panel, minutes="600", other_instructional="585")
        panel.save_button.click()
        fill_meeting(panel, minutes="500", other_instructional="485")
        panel.save_button.click()
        assert panel.form_message.kind == "warning"
        assert session.team.load(MeetingTime).meetings == ()
