"""Configuration pieces every day shares: activity descriptions with their time boxes."""

from __future__ import annotations

from typing import ClassVar

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

    #: the activity ids the day's notebook asks for: each needs an entry, and an entry with any
    #: other id would never be shown (empty: not checked)
    NOTEBOOK_ACTIVITIES: ClassVar[tuple[str, ...]] = ()
    #: how the day's notebook is named in messages
    NOTEBOOK: ClassVar[str] = "the day's notebook"

    def notebook_problems(self) -> list[tuple[tuple[int | str, ...], str]]:
        """What the day's notebook needs and this file does not give, as (field, problem):
        an activity id it never asks for (a renamed ``norms`` -> ``norms2``) at that entry's
        id, and each activity it asks for that has no entry."""
        wanted = self.NOTEBOOK_ACTIVITIES
        if not wanted:
            return []
        listed = ", ".join(wanted)
        problems: list[tuple[tuple[int | str, ...], str]] = [
            (
                ("activities", n, "id"),
                f"is ‘{a.id}’, an activity {self.NOTEBOOK} does not show (its activities are "
                f"{listed}); an id stays as it is even when the title changes",
            )
            for n, a in enumerate(self.activities)
            if a.id not in wanted
        ]
        ids = {a.id for a in self.activities}
        missing = [f"‘{a}’" for a in wanted if a not in ids]
        if missing:
            problems.append(
                (
                    ("activities",),
                    f"has no activity with the id {', '.join(missing)}, which {self.NOTEBOOK} "
                    f"shows (its activities are {listed})",
                )
            )
        return problems

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
