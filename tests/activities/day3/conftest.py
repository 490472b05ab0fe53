"""Helpers the Day 3 panel tests share (the general ones are in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.session import Session


@pytest.fixture
def revision(
    saved: Callable[[Session, str], dict[str, object]],
) -> Callable[[Session, str], object]:
    """``revision(session, "plan.yaml")``: the saved revision of a team file (None: not saved)."""

    def of(session: Session, name: str) -> object:
        path = session.team.file(name)
        return saved(session, name)["revision"] if path.exists() else None

    return of


#: the meeting form's fields inside the recurrence, by the short name ``fill_meeting`` takes
MEETING_FIELD = {
    key: f"recurrence.{key}"
    for key in ("kind", "weekday", "nth", "dates", "per_year", "starts", "ends")
}


@pytest.fixture
def fill_meeting() -> Callable[..., None]:
    """``fill_meeting(panel, name=..., ...)``: type a meeting into the meetings form; what is not
    given is a weekly 45-minute grade 3 team of 5 on Tuesdays."""

    def fill(panel: Any, **values: str) -> None:
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
            panel.fields[MEETING_FIELD.get(key, key)].value = defaults[key]
        for key in ("attendees", "dates", "per_year", "nth", "start_time"):
            if key in values:
                panel.fields[MEETING_FIELD.get(key, key)].value = values[key]
        for key in ("starts", "ends"):  # date controls: a date, or None when left empty
            if key in values:
                panel.fields[MEETING_FIELD[key]].value = (
                    dt.date.fromisoformat(values[key]) if values[key] else None
                )
        minutes = {"logistics": "10", "compliance": "0", "goal": "5", "other_instructional": "30"}
        for purpose, typed in minutes.items():
            panel.fields[f"purposes.{purpose}"].value = values.get(purpose, typed)

    return fill
