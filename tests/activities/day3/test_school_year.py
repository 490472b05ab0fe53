"""Day 3, the school year: the panel driven headlessly, as a team would:
set values, click, then look at the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from workshop_kit.activities import day3
from workshop_kit.session import Session


class TestSchoolYear:
    def test_the_facilitators_calendar_is_shown_until_the_team_saves_its_own(
        self,
        session: Session,
        saved: Callable[..., Any],
        new_team: Callable[..., Any],
        restarted: Callable[..., Any],
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

    def test_a_bad_holiday_date_changes_nothing(
        self, session: Session, revision: Callable[..., Any]
    ) -> None:
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
        self, session: Session, revision: Callable[..., Any]
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
