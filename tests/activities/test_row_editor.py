"""A table refilled after a save keeps its rows and changes only the values that differ."""

from __future__ import annotations

import datetime as dt

from workshop_kit.ui.row_editor import Column, RowEditor

COLUMNS = [
    Column("name", "Name"),
    Column("use", "Use", kind="choice", options=("Used well", "Under-used")),
    Column("minutes", "Minutes", kind="whole"),
    Column("share", "Share", kind="number"),
    Column("new", "New", kind="flag"),
    Column("on", "On", kind="date"),
]


def test_refilled_rows_are_the_same_widgets_with_the_new_values() -> None:
    changes: list[str] = []
    table = RowEditor(COLUMNS, on_change=lambda: changes.append("edit"))
    table.set_rows([{"name": "Rubric", "use": "Used well", "minutes": 30, "id": "r-1"}] * 2)
    first = table.rows[0].widgets["name"]
    table.set_rows(
        [
            {"name": "Coaching", "use": "Retired", "minutes": 45, "share": 0.5, "new": True,
             "on": dt.date(2027, 1, 4), "id": "r-2"},
        ]
    )  # fmt: skip
    assert table.rows[0].widgets["name"] is first
    assert table.values() == [
        {"name": "Coaching", "use": "Retired", "minutes": "45", "share": "0.5", "new": True,
         "on": dt.date(2027, 1, 4), "id": "r-2"},
    ]  # fmt: skip
    assert "Retired" in table.rows[0].widgets["use"].options  # a value no longer listed is kept
    assert changes == []  # filling is not an edit
    first.value = "Typed"
    assert changes == ["edit"]


def test_the_rows_left_over_are_closed_and_new_ones_added() -> None:
    table = RowEditor(COLUMNS)
    table.set_rows([{"name": "A"}, {"name": "B"}, {"name": "C"}])
    gone = table.rows[2].widgets["name"]
    table.set_rows([{"name": "D"}])
    assert gone.comm is None and [v["name"] for v in table.values()] == ["D"]
    table.set_rows([{"name": "E"}, {"name": "F"}])
    assert [v["name"] for v in table.values()] == ["E", "F"]
    assert len(table.children) == 4  # the heading, two rows and the add button


def test_a_refilled_row_loses_its_old_message() -> None:
    table = RowEditor(COLUMNS)
    table.set_rows([{"name": "A"}])
    table.show_row_error(0, "Please give a name.")
    table.set_rows([{"name": "B"}])
    assert table.row_error(0) == ""
