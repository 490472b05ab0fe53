"""Day 3, activity 2: the school year (first and last day, holidays and breaks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as widgets

from workshop_kit.activities.day3.base import LABEL, Day3Panel
from workshop_kit.errors import InputError
from workshop_kit.logic.parse import parse_periods
from workshop_kit.model.meetings import MeetingTime, SchoolYear
from workshop_kit.ui.guard import guarded
from workshop_kit.ui.html import counted, esc
from workshop_kit.ui.messages import Messages
from workshop_kit.ui.parts import button, save_button, tagged
from workshop_kit.validation import build


class SchoolYearPanel(Day3Panel):
    """The first and last day of school and every holiday, break or day without meetings."""

    kinds = (MeetingTime,)

    def build(self) -> list[widgets.Widget]:
        self.first_day = widgets.DatePicker(description="First day", style=LABEL)
        self.last_day = widgets.DatePicker(description="Last day", style=LABEL)
        self.first_day.add_class("wk-first-day")
        self.last_day.add_class("wk-last-day")
        # one line per holiday: quick to type, and a district calendar can be pasted in
        self.holidays = tagged(
            widgets.Textarea(
                continuous_update=False,
                placeholder=(
                    "One per line, e.g.\nLabor Day: 2026-09-07\n"
                    "Winter break: 2026-12-21 to 2027-01-01"
                ),
                layout={"width": "620px", "height": "190px"},
            ),
            "wk-holidays",
        )
        self.holiday_message = Messages()
        self.save_button = save_button(
            "wk-save-year", self.save_year, "Save the school year", width="220px"
        )
        self.default_button = button(
            "wk-default-year",
            self.use_default,
            "Start from the facilitator's calendar",
            "calendar",
            width="300px",
        )
        self.summary = widgets.HTML()
        return [
            widgets.HBox([self.first_day, self.last_day]),
            widgets.HTML("<b>Holidays, breaks and days without meetings</b>"),
            self.holidays,
            self.holiday_message,
            widgets.HBox([self.save_button, self.default_button]),
            self.summary,
        ]

    def refresh(self) -> None:
        meetings = self.load(MeetingTime)
        self.fill(meetings.year_or(self.config.school_year))
        if meetings.school_year is None:
            self.messages.info(
                "This is the facilitator's calendar. Change the dates that differ at your school, "
                "then save."
            )

    def fill(self, year: SchoolYear) -> None:
        self.first_day.value = year.first_day
        self.last_day.value = year.last_day
        self.holidays.value = "\n".join(
            f"{h.name}: {h.start.isoformat()}" + (f" to {h.end.isoformat()}" if h.end else "")
            for h in year.holidays
        )
        self.show_summary(year)

    def show_summary(self, year: SchoolYear) -> None:
        days = year.school_days()
        self.status_line = (
            f"{year.label}: {days} school days from {year.first_day.isoformat()} to "
            f"{year.last_day.isoformat()}, "
            f"{counted(len(year.holidays), 'holiday or break', 'holidays and breaks')}"
        )
        self.summary.value = f"<p class='wk-year-summary'>{esc(self.status_line)}.</p>"

    def typed_year(self) -> SchoolYear:
        self.holiday_message.clear()
        try:
            holidays = parse_periods(self.holidays.value, build_holiday)
        except InputError as exc:
            self.holiday_message.error(exc.message)
            raise InputError("Nothing was saved: please fix the holidays marked above.") from None
        if self.first_day.value is None or self.last_day.value is None:
            raise InputError("Please give the first and the last day of school.")
        return build(
            SchoolYear,
            {
                "first_day": self.first_day.value,
                "last_day": self.last_day.value,
                "holidays": [h.model_dump() for h in holidays],
            },
        )

    @guarded(lambda self: self.messages)
    def save_year(self) -> None:
        year = self.typed_year()

        def change(current: MeetingTime) -> MeetingTime:
            return build(MeetingTime, {**current.model_dump(), "school_year": year.model_dump()})

        self.update(MeetingTime, change, "the school year")
        self.show_summary(year)
        self.messages.ok(f"Saved the school year: {self.status_line}.")

    def use_default(self) -> None:
        self.fill(self.config.school_year)
        self.messages.info("Filled in the facilitator's calendar. Save it to use it.")


def build_holiday(name: str, start: dt.date, end: dt.date | None) -> Any:
    from workshop_kit.model.meetings import Holiday

    return build(Holiday, {"name": name, "start": start, "end": end if end != start else None})
