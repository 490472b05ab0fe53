"""The institute's run of show: three days of segments (whole group, team blocks, breaks,
lunch), the materials, and the ball game's script. Team blocks name the day notebook's
activities; their minutes are those activities' time boxes, so one edit shows in both."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from workshop_kit.config import load_config
from workshop_kit.config.common import CONFIG_VERSION
from workshop_kit.model.base import Record

SegmentKind = Literal["whole_group", "team", "break", "lunch"]


class Segment(Record):
    """One part of an institute day, in order."""

    kind: SegmentKind
    title: str = Field(min_length=1, max_length=100)
    minutes: int | None = Field(default=None, ge=1, le=240)
    activities: tuple[str, ...] = ()
    what: str = ""
    materials: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _minutes_or_activities(self) -> Segment:
        if self.kind == "team":
            if not self.activities:
                raise ValueError("is a team block: list the activities (ids) it holds")
            if self.minutes is not None:
                raise ValueError(
                    "is a team block: its minutes are its activities' time boxes in the day's "
                    "file, so leave ‘minutes’ out"
                )
        else:
            if self.activities:
                raise ValueError(f"is a {self.kind} segment, which holds no activities")
            if self.minutes is None:
                raise ValueError(f"is a {self.kind} segment: give its minutes")
        return self


class InstituteDay(Record):
    day: int = Field(ge=1, le=3)
    title: str = Field(min_length=1)
    start: dt.time
    segments: tuple[Segment, ...] = Field(min_length=1)

    @field_validator("start", mode="before")
    @classmethod
    def _clock(cls, value: object) -> object:
        if isinstance(value, int):  # YAML reads an unquoted 08:30 as minutes (sexagesimal)
            return dt.time(value // 60, value % 60)
        return value


class BallGame(Record):
    """The script of the game that shows why a team's norms must be said out loud."""

    purpose: str = Field(min_length=1)
    materials: tuple[str, ...] = Field(min_length=1)
    rules: tuple[str, ...] = Field(min_length=1)
    run: tuple[str, ...] = Field(min_length=1)
    debrief: tuple[str, ...] = Field(min_length=1)
    self_paced: str = Field(min_length=1)


class InstituteConfig(Record):
    schema_version: int = Field(ge=1, le=CONFIG_VERSION)
    title: str = Field(min_length=1)
    days: tuple[InstituteDay, ...] = Field(min_length=3, max_length=3)
    materials: tuple[str, ...] = Field(min_length=1)
    ball_game: BallGame

    @field_validator("days")
    @classmethod
    def _days_in_order(cls, days: tuple[InstituteDay, ...]) -> tuple[InstituteDay, ...]:
        if [d.day for d in days] != [1, 2, 3]:
            raise ValueError("must be days 1, 2 and 3, in that order")
        return days

    def day(self, number: int) -> InstituteDay:
        return next(d for d in self.days if d.day == number)


def load_institute(workspace: Path | None = None) -> InstituteConfig:
    return load_config(InstituteConfig, "institute.yaml", workspace)
