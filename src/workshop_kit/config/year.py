"""Through-the-year configuration: the opening, the quarterly check's items and scale."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from workshop_kit.config import load_config
from workshop_kit.config.common import DayPlan
from workshop_kit.config.day1 import RatingScale
from workshop_kit.model.base import Record, unique_ids


class CheckItem(Record):
    """One statement the team rates itself on in its quarterly check."""

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")
    group: str = Field(min_length=1, max_length=60)
    label: str = Field(min_length=1, max_length=60)
    statement: str = Field(min_length=1, max_length=300)


class YearConfig(DayPlan):
    check_items: tuple[CheckItem, ...] = Field(min_length=1)
    check_scale: RatingScale
    #: what a principal's sample week is, in a sentence the panel shows
    week_sample_hint: str = Field(min_length=1)

    _unique_items = unique_ids("check_items", "check item")

    def item(self, item_id: str) -> CheckItem:
        return next(i for i in self.check_items if i.id == item_id)


def load_year(workspace: Path | None = None) -> YearConfig:
    return load_config(YearConfig, "year.yaml", workspace)
