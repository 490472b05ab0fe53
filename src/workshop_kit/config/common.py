"""Configuration pieces every day shares: activity descriptions with their time boxes."""

from __future__ import annotations

from pydantic import Field, field_validator

from workshop_kit.model.base import Record, unique_ids

CONFIG_VERSION = 1  # the newest configuration format this code reads


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

    schema_version: int = Field(ge=1, le=CONFIG_VERSION)
    title: str = Field(min_length=1)
    you_will_do: tuple[str, ...] = Field(min_length=1)
    you_will_learn: tuple[str, ...] = Field(min_length=1)
    you_will_need: tuple[str, ...] = Field(min_length=1)
    activities: tuple[Activity, ...] = Field(min_length=1)

    _unique_activity_ids = unique_ids("activities", "activity")

    @field_validator("schema_version", mode="before")
    @classmethod
    def _known_version(cls, version: object) -> object:
        if isinstance(version, int) and version > CONFIG_VERSION:
            raise ValueError(
                f"is {version}, a newer format than this workshop-kit reads ({CONFIG_VERSION}); "
                "update workshop-kit or start from its own default file"
            )
        return version

    def activity(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)

    @property
    def total_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)
