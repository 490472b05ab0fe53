"""The base of every Day 1 panel: it reads the Day 1 facilitator config once, when built."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from workshop_kit.activities.common import DayPanel
from workshop_kit.config.day1 import Day1Config, load_day1
from workshop_kit.errors import WorkshopError


class Day1Panel(DayPanel[Day1Config]):
    load_config = staticmethod(load_day1)


def on_label(exc: WorkshopError, labels: Mapping[str, str]) -> str:
    """The model's message about a field, naming the field by the label the team sees."""
    label = labels.get(exc.field or "")
    return exc.message.replace(f"‘{exc.field}’", f"‘{label}’") if label else exc.message


def title_of(model: type[BaseModel], field: str) -> str:
    """A field's label, as the model names it (``Field(title=...)``)."""
    return model.model_fields[field].title or field
