"""Dates at the edge of the calendar: refused where they are typed, imported or read from a
file, so no export ever meets one (a cycle from 9999-12-20 used to crash every export)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from workshop_kit.cli import main
from workshop_kit.errors import DamagedFileError, InputError
from workshop_kit.logic.parse import parse_date
from workshop_kit.model.base import FIRST_YEAR, LAST_YEAR
from workshop_kit.model.plan import Cycle, ProgressCheck, TeamPlan
from workshop_kit.store import Workspace


class TestTyped:
    @pytest.mark.parametrize("typed", ["9999-12-31", "1989-12-31", "2101-01-01", "0001-01-01"])
    def test_a_date_out_of_range_is_refused_with_its_label(self, typed: str) -> None:
        with pytest.raises(InputError) as refused:
            parse_date(typed, "due date")
        assert "due date" in refused.value.message and typed in refused.value.message
        assert f"between {FIRST_YEAR} and {LAST_YEAR}" in refused.value.message

    def test_the_range_itself_is_accepted(self) -> None:
        assert parse_date(f"{FIRST_YEAR}-01-01", "x") == dt.date(FIRST_YEAR, 1, 1)
        assert parse_date(f"{LAST_YEAR}-12-31", "x") == dt.date(LAST_YEAR, 12, 31)


class TestModel:
    def test_a_cycle_far_in_the_future_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="between 1990 and 2100"):
            Cycle(id="c", name="Cycle 1", meeting_ids=("m",), start=dt.date(9999, 12, 20), weeks=6)

    def test_a_progress_check_far_in_the_future_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="between 1990 and 2100"):
            ProgressCheck(date=dt.date(9999, 12, 31), evidence="writing samples")


class TestFromAFile:
    def test_a_hand_edited_date_names_its_field_and_the_export_says_so(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        ws = Workspace(tmp_path / "ws")
        out = tmp_path / "out"
        book = ws.create_team("Lincoln ILT")
        book.path_of(TeamPlan).write_text(
            "schema_version: 1\ncycles:\n- id: c\n  name: Cycle 1\n  meeting_ids: [m]\n"
            "  start: 9999-12-20\n  weeks: 6\n",
            encoding="utf-8",
        )
        with pytest.raises(DamagedFileError) as damaged:
            Workspace(ws.root).open_team("lincoln-ilt").load(TeamPlan)
        assert "cycles → 1st entry → start" in damaged.value.message
        assert "line 6" in damaged.value.message
        code = main(["--workspace", str(ws.root), "export", "lincoln-ilt", "--out", str(out)])
        assert code != 0
        refused = capsys.readouterr().err
        assert "OverflowError" not in refused and "start" in refused
