"""Rows pasted from a spreadsheet: rows, cells, a heading row, and what is refused."""

from __future__ import annotations

import pytest

from workshop_kit.errors import InputError
from workshop_kit.logic.paste import PasteColumn, looks_pasted, read_pasted

ROSTER = (
    PasteColumn("name", "Name", ("member", "full name")),
    PasteColumn("role", "Role", ("position",)),
)


def test_three_pasted_rows_are_three_rows() -> None:
    pasted = read_pasted(
        "Ana Ruiz\tPrincipal\r\nMarcus Lee\tTeacher\r\nJo Park\tInstructional coach\r\n", ROSTER
    )
    assert pasted.rows == (
        {"name": "Ana Ruiz", "role": "Principal"},
        {"name": "Marcus Lee", "role": "Teacher"},
        {"name": "Jo Park", "role": "Instructional coach"},
    )
    assert pasted.headings == ()
    assert pasted.summary == "3 rows to add."


@pytest.mark.parametrize("heading", ["Name\tRole", "NAMES\tPosition", "Full name\t", "member"])
def test_a_heading_row_is_recognised_and_left_out(heading: str) -> None:
    pasted = read_pasted(f"{heading}\nAna Ruiz\tPrincipal\n", ROSTER)
    assert pasted.rows == ({"name": "Ana Ruiz", "role": "Principal"},)
    assert pasted.headings
    assert "holds column headings, so it is left out" in pasted.summary


def test_a_first_row_of_data_is_kept() -> None:
    pasted = read_pasted("Rosa Name\tPrincipal\nSam\tTeacher", ROSTER)
    assert [r["name"] for r in pasted.rows] == ["Rosa Name", "Sam"]


def test_missing_cells_are_blank_and_extra_cells_are_noted() -> None:
    pasted = read_pasted("Ana Ruiz\nSam Ode\tTeacher\tGrade 3\tRoom 12\n\n", ROSTER)
    assert pasted.rows == (
        {"name": "Ana Ruiz", "role": ""},
        {"name": "Sam Ode", "role": "Teacher"},
    )
    assert pasted.notes == ("Line 2 has 4 cells; only the first 2 (Name, Role) are used.",)


def test_trailing_empty_cells_are_not_extra() -> None:
    assert read_pasted("Ana Ruiz\tPrincipal\t\t\n", ROSTER).notes == ()


def test_one_column_lists_take_each_line() -> None:
    norms = (PasteColumn("norm", "Norm"),)
    pasted = read_pasted("Norms\nStart on time\nAssume good intent", norms)
    assert [r["norm"] for r in pasted.rows] == ["Start on time", "Assume good intent"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  \n\n", "Paste some rows first"),
        ("Name\tRole\n", "Only the column headings were pasted"),
        ("x\n" * 202, "paste at most 200 rows"),
    ],
)
def test_what_cannot_be_pasted_says_why(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_pasted(text, ROSTER)


def test_a_tab_in_one_field_is_a_paste() -> None:
    assert looks_pasted("Ana Ruiz\tPrincipal Marcus Lee\tTeacher")
    assert not looks_pasted("Ana Ruiz")
