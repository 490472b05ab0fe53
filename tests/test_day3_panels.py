"""Day 3 panels driven headlessly, as a team would: set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from bs4 import BeautifulSoup

from workshop_kit.activities import day3
from workshop_kit.activities.team_picker import TeamPicker
from workshop_kit.model.goal import GoalWork
from workshop_kit.model.meetings import MeetingTime
from workshop_kit.model.plan import TeamPlan
from workshop_kit.session import Session
from workshop_kit.store import Workspace

HOSTILE = '<img src=x onerror="alert(1)">'


def saved(session: Session, name: str) -> dict[str, object]:
    data = yaml.safe_load(session.team.file(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def revision(session: Session, name: str) -> object:
    path = session.team.file(name)
    return saved(session, name)["revision"] if path.exists() else None


def new_team(session: Session, name: str = "Lincoln ILT") -> None:
    picker = TeamPicker(session)
    picker.new_name.value = name
    picker.create_button.click()
    assert session.team.slug == "lincoln-ilt", picker.name_message.text


def restarted(session: Session) -> Session:
    """A new kernel: new workspace and session objects reading the same files."""
    ws = Workspace(session.workspace.root)
    return Session(ws, ws.open_team(session.team.slug))


def upload(name: str, text: str) -> dict[str, object]:
    """What a FileUpload holds after a person picked a file."""
    data = text.encode("utf-8")
    return {
        "name": name,
        "type": "text/csv",
        "size": len(data),
        "content": memoryview(data),
        "last_modified": dt.datetime(2026, 8, 1, tzinfo=dt.timezone.utc),
    }


def fill_meeting(panel: day3.InventoryPanel, **values: str) -> None:
    defaults = {
        "name": "Grade 3 team",
        "type": "grade_level",
        "headcount": "5",
        "minutes": "45",
        "kind": "weekly",
        "weekday": "tuesday",
    }
    defaults.update(values)
    for key in ("name", "type", "headcount", "minutes", "kind", "weekday"):
        getattr(panel, key).value = defaults[key]
    for key in ("dates", "per_year", "nth", "start_time", "starts", "ends"):
        if key in values:
            getattr(panel, key).value = values[key]
    minutes = {"logistics": "10", "compliance": "0", "goal": "5", "other_instructional": "30"}
    for purpose, field in panel.purpose_fields.items():
        field.value = values.get(purpose.value, minutes[purpose.value])


class TestSchoolYear:
    def test_the_facilitators_calendar_is_shown_until_the_team_saves_its_own(
        self, session: Session
    ) -> None:
        new_team(session)
        panel = day3.SchoolYearPanel(session)
        assert panel.first_day.value == dt.date(2026, 8, 26)
        assert panel.messages.kind == "info"
        panel.last_day.value = dt.date(2027, 6, 4)
        panel.holidays.value += "\nTesting week: 2027-05-10 to 2027-05-14\n"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        year = saved(session, "meetings.yaml")["school_year"]
        assert isinstance(year, dict) and year["last_day"] == "2027-06-04"
        assert {"name": "Testing week", "start": "2027-05-10", "end": "2027-05-14"} in year[
            "holidays"
        ]  # type: ignore[operator]
        again = day3.SchoolYearPanel(restarted(session))
        assert again.last_day.value == dt.date(2027, 6, 4)
        assert "school days" in repr(again)

    def test_a_bad_holiday_date_changes_nothing(self, session: Session) -> None:
        panel = day3.SchoolYearPanel(session)
        before = revision(session, "meetings.yaml")
        panel.holidays.value = "Labor Day: next Monday\nWinter break 2026-12-21\n"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "line 1 (Labor Day: next Monday)" in panel.holiday_message.text
        assert "YYYY-MM-DD" in panel.holiday_message.text
        assert "line 2" in panel.holiday_message.text
        assert revision(session, "meetings.yaml") == before

    def test_a_year_that_leaves_set_meeting_dates_outside_is_refused(
        self, session: Session
    ) -> None:
        """The demo's PD day on 2027-03-12 would fall after a last day of 2027-03-01."""
        panel = day3.SchoolYearPanel(session)
        before = revision(session, "meetings.yaml")
        panel.last_day.value = dt.date(2027, 3, 1)
        panel.holidays.value = ""
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "outside the school year" in panel.messages.text
        assert revision(session, "meetings.yaml") == before


class TestInventory:
    def test_adding_a_meeting_shows_how_often_it_meets(self, session: Session) -> None:
        new_team(session)
        panel = day3.InventoryPanel(session)
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
        assert repr(day3.InventoryPanel(restarted(session))).endswith(
            "1 meetings in the inventory>"
        )

    def test_a_meeting_can_start_late_and_stop_early(self, session: Session) -> None:
        """A PLC that runs from October to March: the form keeps both limits and counts only those
        weeks; editing it again shows them, so a save from the form never drops them."""
        new_team(session)
        panel = day3.InventoryPanel(session)
        fill_meeting(panel, kind="monthly", nth="first", starts="2026-10-01", ends="2027-03-31")
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert "meets 6 times" in panel.form_message.text  # first Tuesdays, October to March
        again = day3.InventoryPanel(restarted(session))
        again.choice.value = again.choice.options[-1][1]
        assert (again.starts.value, again.ends.value) == ("2026-10-01", "2027-03-31")
        again.minutes.value = "45"
        again.save_button.click()
        rec = saved(session, "meetings.yaml")["meetings"][0]["recurrence"]  # type: ignore[index]
        assert (rec["starts"], rec["ends"]) == ("2026-10-01", "2027-03-31")

    def test_an_end_before_the_start_is_refused(self, session: Session) -> None:
        panel = day3.InventoryPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="New PLC", starts="2027-03-01", ends="2026-10-01")
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert "‘Until’ date (2026-10-01) comes before the ‘From’ date" in panel.form_message.text
        assert revision(session, "meetings.yaml") == before

    def test_minutes_that_do_not_add_up_are_refused(self, session: Session) -> None:
        panel = day3.InventoryPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="New PLC", logistics="20")
        assert "too many" in panel.adds_up.value
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert "add up to 55, but the meeting is 45" in panel.form_message.text
        assert revision(session, "meetings.yaml") == before

    def test_negative_minutes_are_refused(self, session: Session) -> None:
        panel = day3.InventoryPanel(session)
        fill_meeting(panel, name="New PLC", logistics="-5", other_instructional="45")
        panel.save_button.click()
        assert "cannot be negative" in panel.form_message.text

    def test_set_dates_outside_the_year_are_refused(self, session: Session) -> None:
        panel = day3.InventoryPanel(session)
        before = revision(session, "meetings.yaml")
        fill_meeting(panel, name="Retreat", kind="dates", dates="2027-07-15")
        panel.save_button.click()
        assert "outside the school year" in panel.form_message.text
        assert revision(session, "meetings.yaml") == before

    def test_editing_and_removing_a_meeting(self, session: Session) -> None:
        panel = day3.InventoryPanel(session)
        panel.choice.value = "ilt"
        assert panel.minutes.value == "75" and panel.nth.value == "second"
        panel.purpose_fields[next(iter(panel.purpose_fields))].value = "10"
        panel.minutes.value = "65"
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        assert session.team.load(MeetingTime).meeting("ilt").minutes == 65  # type: ignore[union-attr]
        panel.choice.value = "staff-meeting"
        panel.remove_button.click()
        assert "refer" in panel.form_message.text  # the demo plan's moves and cycles used it
        assert session.team.load(MeetingTime).meeting("staff-meeting") is None

    def test_a_clean_spreadsheet_is_imported(self, session: Session) -> None:
        new_team(session)
        panel = day3.InventoryPanel(session)
        csv = (
            "Meeting,Type,People,Minutes,Repeats,Day,Logistics,Goal\n"
            "PLC,plc,5,45,weekly,Thursday,15,30\n"
        )
        panel.importer.upload.value = (upload("m.csv", csv),)
        assert panel.importer.message.kind == "ok", panel.importer.message.text
        assert [m.name for m in session.team.load(MeetingTime).meetings] == ["PLC"]

    def test_a_messy_spreadsheet_waits_for_the_team(self, session: Session) -> None:
        new_team(session)
        panel = day3.InventoryPanel(session)
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


class TestLedger:
    def test_the_demo_ledger_and_its_update_after_an_edit(self, session: Session) -> None:
        ledger = day3.LedgerPanel(session)
        assert "334 meetings, 267.9 hours" in repr(ledger)
        assert "9% on the goal" in repr(ledger)
        inventory = day3.InventoryPanel(session)
        inventory.choice.value = "district-trainings"
        inventory.remove_button.click()
        assert "331 meetings, 264.9 hours" in repr(ledger)


class TestRepurpose:
    def test_the_figures_follow_the_table_before_anything_is_saved(self, session: Session) -> None:
        panel = day3.RepurposePanel(session)
        assert "62.9 hours a year to the goal" in repr(panel)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["logistics"].value = "0"  # staff email move: 20 -> 0 minutes
        assert "62.9" not in repr(panel)
        assert "Move 1" in panel.problems.value
        panel.table.rows[0].widgets["logistics"].value = "10"
        assert "60.1 hours" in repr(panel)
        assert revision(session, "plan.yaml") == before

    def test_the_figures_still_follow_the_table_after_it_is_rebuilt(self, session: Session) -> None:
        """A rebuild replaces every input: the old ones are closed, the new ones are watched."""
        panel = day3.RepurposePanel(session)
        old = panel.table.rows[0].widgets["logistics"]
        for _ in range(3):
            panel.rebuild()
        assert old.comm is None  # closed: the page no longer holds a model for it
        fresh = panel.table.rows[0].widgets["logistics"]
        assert fresh is not old and fresh.comm is not None
        fresh.value = "10"
        assert "60.1 hours" in repr(panel)

    def test_more_minutes_than_the_meeting_has_is_refused(self, session: Session) -> None:
        panel = day3.RepurposePanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["logistics"].value = "25"  # leaves nothing for the second move
        assert "cannot be re-purposed twice" in panel.problems.value
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "re-purposed twice" in panel.table.row_error(1)
        assert revision(session, "plan.yaml") == before

    def test_an_idea_becomes_a_move_and_is_saved(self, session: Session) -> None:
        new_team(session)
        inventory = day3.InventoryPanel(session)
        fill_meeting(
            inventory,
            name="Staff meeting",
            type="staff",
            headcount="30",
            minutes="60",
            logistics="30",
            goal="0",
            other_instructional="30",
        )
        inventory.save_button.click()
        panel = day3.RepurposePanel(session)
        panel.example.value = 0  # announcements go into a weekly email
        panel.example_meeting.value = panel.example_meeting.options[0][1]
        panel.add_idea_button.click()
        assert panel.table.values()[0]["logistics"] == "30"
        assert "18.5 hours a year to the goal" in repr(panel)
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        moves = saved(session, "plan.yaml")["moves"]
        assert isinstance(moves, list) and moves[0]["take"]["logistics"] == 30
        assert "18.5 hours" in repr(day3.RepurposePanel(restarted(session)))


class TestCycles:
    def test_placing_cycles_on_the_meeting_dates(self, session: Session) -> None:
        new_team(session)
        inventory = day3.InventoryPanel(session)
        fill_meeting(inventory)
        inventory.save_button.click()
        panel = day3.CyclesPanel(session)
        panel.hosts.value = ("grade-3-team",)
        panel.first_start.value = dt.date(2026, 9, 1)
        panel.count.value = 3
        panel.focus.value = "Explaining reasoning"
        panel.place_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        cycles = session.team.load(TeamPlan).cycles
        assert [c.start for c in cycles] == [
            dt.date(2026, 9, 1),
            dt.date(2026, 10, 13),
            dt.date(2026, 12, 1),
        ]
        assert "3 cycles, 16 sessions" in repr(panel)  # 6 + 6 + 4 (winter break)
        panel.place_button.click()  # the same series again would overlap the first
        assert panel.form_message.kind == "error" and "overlaps" in panel.form_message.text
        assert len(session.team.load(TeamPlan).cycles) == 3

    def test_editing_a_start_date_into_an_overlap_changes_nothing(self, session: Session) -> None:
        panel = day3.CyclesPanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[1].widgets["start"].value = "2026-09-17"
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "overlaps" in panel.table.row_error(1)
        assert revision(session, "plan.yaml") == before
        panel.table.rows[1].widgets["start"].value = "2026-10-22"
        panel.table.rows[0].widgets["name"].value = "Cycle 1: science notebooks"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert session.team.load(TeamPlan).cycles[0].name == "Cycle 1: science notebooks"


class TestAgendas:
    def test_a_drafted_agenda_adds_up_and_is_saved(self, session: Session) -> None:
        panel = day3.AgendaPanel(session)
        assert "meets 6 of 6 practices" in repr(panel)  # the demo's saved agenda opens first
        panel.saved_choice.value = ""  # a new agenda
        assert panel.meeting.value == "ilt"
        panel.draft_button.click()
        assert sum(int(r["minutes"]) for r in panel.items.values()) == 75
        assert "meets 4 of 6 practices" in repr(panel)  # purpose and roles still missing
        panel.purpose.value = "Plan cycle 2"
        for box, who in zip(panel.roles, ("Ana Ruiz", "Marcus Lee", "Priya Shah"), strict=True):
            box.value = who
        assert "meets 6 of 6" in repr(panel)
        panel.date.value = panel.date.options[3][1]
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        assert len(session.team.load(TeamPlan).agendas) == 2

    def test_minutes_that_do_not_fill_the_meeting_are_refused(self, session: Session) -> None:
        panel = day3.AgendaPanel(session)
        panel.saved_choice.value = panel.saved_choice.options[1][1]
        before = revision(session, "plan.yaml")
        panel.items.rows[2].widgets["minutes"].value = "35"
        assert "minutes too few" in panel.checklist.value
        panel.save_button.click()
        assert panel.messages.kind == "error" and "10 minutes too few" in panel.messages.text
        assert revision(session, "plan.yaml") == before


class TestActionPlan:
    def test_a_step_with_resources_criteria_and_checks(self, session: Session) -> None:
        panel = day3.ActionPlanPanel(session)
        assert "7 steps" in repr(panel)
        panel.action.value = "Model a think-aloud with a sentence frame at the staff meeting"
        panel.owner.value = "Jenna Kowalski"
        panel.start.value, panel.due.value = dt.date(2026, 10, 1), dt.date(2026, 10, 14)
        panel.resources.value = ("sentence-frame-cards-for-explaining-reasoning",)
        panel.criteria_checks["rubric-el"].value = True
        panel.checks.value = "2026-10-21: exit tickets from two classes\n"
        panel.save_button.click()
        assert panel.form_message.kind == "ok", panel.form_message.text
        step = session.team.load(TeamPlan).actions[-1]
        assert step.resource_ids == ("sentence-frame-cards-for-explaining-reasoning",)
        assert step.criterion_ids == ("rubric-el",)
        assert step.progress_checks[0].date == dt.date(2026, 10, 21)
        assert "8 steps" in repr(day3.ActionPlanPanel(restarted(session)))

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("owner", "", "Name the one person"),
            ("due", dt.date(2026, 9, 1), "before it starts"),
            ("checks", "soon: look at work", "YYYY-MM-DD"),
            ("due", dt.date(2028, 1, 1), "outside the planning window"),
        ],
    )
    def test_bad_steps_change_nothing(
        self, session: Session, field: str, value: object, message: str
    ) -> None:
        panel = day3.ActionPlanPanel(session)
        before = revision(session, "plan.yaml")
        panel.action.value = "Something"
        panel.owner.value = "Ana Ruiz"
        panel.start.value, panel.due.value = dt.date(2026, 9, 10), dt.date(2026, 9, 20)
        getattr(panel, field).value = value
        panel.save_button.click()
        assert panel.form_message.kind == "error"
        assert message in panel.form_message.text
        assert revision(session, "plan.yaml") == before


class TestCommunication:
    def test_the_key_message_and_moments_are_saved_in_date_order(self, session: Session) -> None:
        panel = day3.CommunicationPanel(session)
        panel.key_message.value = "We use our meetings to learn together."
        panel.table.add_button.click()
        row = panel.table.rows[-1].widgets
        row["date"].value, row["audience"].value, row["channel"].value = (
            "2026-08-20",
            "All staff",
            "Staff meeting",
        )
        row["who"].value = "Ana Ruiz"
        panel.save_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        plan = session.team.load(TeamPlan)
        assert plan.key_message == "We use our meetings to learn together."
        assert plan.communication[0].date == dt.date(2026, 8, 20)

    def test_a_moment_without_a_date_is_refused(self, session: Session) -> None:
        panel = day3.CommunicationPanel(session)
        before = revision(session, "plan.yaml")
        panel.table.rows[0].widgets["date"].value = ""
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert revision(session, "plan.yaml") == before


class TestTeamPlan:
    def test_downloads_in_every_format(self, session: Session) -> None:
        panel = day3.TeamPlanPanel(session)
        assert "62.9 hours re-purposed, 5 cycles, 7 steps, 3 of 3 success criteria covered" in repr(
            panel
        )
        panel.prepare_button.click()
        assert panel.messages.kind == "ok", panel.messages.text
        soup = BeautifulSoup(panel.downloads.value, "html.parser")
        names = [a["download"] for a in soup.find_all("a")]
        assert names == [
            "demo-team-plan.html",
            "demo-team-plan.md",
            "demo-calendar.ics",
            "demo-meeting-ledger.csv",
            "demo-action-plan.csv",
            "demo-meeting-ledger.xlsx",
            "demo-action-plan.xlsx",
        ]
        assert all(str(a["href"]).startswith("data:") for a in soup.find_all("a"))
        assert all(session.team.file(str(n)).stat().st_size > 100 for n in names)

    def test_the_view_follows_other_panels(self, session: Session) -> None:
        panel = day3.TeamPlanPanel(session)
        moves = day3.RepurposePanel(session)
        moves.table.rows[0].widgets["logistics"].value = "10"
        moves.save_button.click()
        assert "60.1 hours re-purposed" in repr(panel)

    def test_hostile_typed_text_is_escaped(self, session: Session) -> None:
        actions = day3.ActionPlanPanel(session)
        actions.choice.value = actions.choice.options[1][1]
        actions.action.value = HOSTILE
        actions.save_button.click()
        assert actions.form_message.kind == "ok", actions.form_message.text
        session.team.update(
            GoalWork,
            lambda g: g.model_copy(
                update={"goal": g.goal.model_copy(update={"statement": HOSTILE})}
            ),
        )
        panel = day3.TeamPlanPanel(session)
        for html in (panel.view.value, actions.table.value):
            soup = BeautifulSoup(html, "html.parser")
            assert soup.find_all("img") == []
            assert HOSTILE in soup.get_text()


class TestRemovedMeetings:
    def test_moves_for_a_removed_meeting_are_explained_not_crashed(self, session: Session) -> None:
        inventory = day3.InventoryPanel(session)
        inventory.choice.value = "pd-days"
        inventory.remove_button.click()
        panel = day3.RepurposePanel(session)
        assert panel.messages.kind != "error", panel.messages.text
        assert "no longer in the meeting inventory" in panel.problems.value
        panel.save_button.click()
        assert panel.messages.kind == "error"
        assert "no longer in the meeting inventory" in panel.table.row_error(8)
        plan = day3.TeamPlanPanel(session)
        assert "1 open points" in repr(plan)  # the move is listed as a point to fix


class TestSwitchingTeams:
    def test_every_panel_rebuilds_for_an_empty_workbook(self, session: Session) -> None:
        panels = [
            day3.SchoolYearPanel(session),
            day3.InventoryPanel(session),
            day3.LedgerPanel(session),
            day3.RepurposePanel(session),
            day3.CyclesPanel(session),
            day3.AgendaPanel(session),
            day3.ActionPlanPanel(session),
            day3.CommunicationPanel(session),
            day3.TeamPlanPanel(session),
        ]
        new_team(session)
        for panel in panels:
            assert panel.messages.kind != "error", (type(panel).__name__, panel.messages.text)
            assert "demo" not in repr(panel)
        assert "0 meetings, 0 hours" in repr(panels[2])
        assert "0 moves" in repr(panels[3])
        assert "0 steps" in repr(panels[6])
