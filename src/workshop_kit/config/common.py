"""Configuration pieces every day shares: activity descriptions with their time boxes."""

from __future__ import annotations

from pydantic import Field

from workshop_kit.model.base import Record, unique_ids


class Activity(Record):
    """How an activity is introduced: its title (a verb), time box, and guidance for each reader."""

    id: str = Field(min_length=1, pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1)
    minutes: int = Field(ge=1, le=480)
    prompt: str = Field(min_length=1)
    facilitator_note: str = ""
    self_paced: str = ""
    debrief: str = ""


class DayPlan(Record):
    """The opening of a day's notebook: outcomes, and the activities in order."""

    schema_version: int = Field(ge=1, le=1)
    title: str = Field(min_length=1)
    you_will_do: tuple[str, ...] = Field(min_length=1)
    you_will_learn: tuple[str, ...] = Field(min_length=1)
    you_will_need: tuple[str, ...] = Field(min_length=1)
    activities: tuple[Activity, ...] = Field(min_length=1)

    _unique_activity_ids = unique_ids("activities", "activity")

    def activity(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)

    @property
    def total_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)
