"""Charts drawn once per content: a filter flipped back shows the kept drawing, and any change
to the data draws anew."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from matplotlib.figure import Figure

from workshop_kit import charts


@pytest.fixture(autouse=True)
def nothing_drawn() -> Iterator[None]:
    charts.forget_drawn()
    yield
    charts.forget_drawn()


def counting_drawer(title: str, calls: list[str]) -> Figure:
    calls.append(title)
    fig = charts.new_figure(height=2)
    fig.add_subplot().set_title(title)
    return fig


def test_the_same_key_is_drawn_once_and_keeps_its_text_alternative() -> None:
    calls: list[str] = []
    first = charts.drawn(("trend", "a"), lambda: counting_drawer("Results of A", calls))
    again = charts.drawn(("trend", "a"), lambda: counting_drawer("Results of A", calls))
    assert calls == ["Results of A"]
    assert again == first
    assert first[0].startswith(b"<?xml") and "Results of A" in first[1]


def test_another_key_is_drawn_and_the_oldest_charts_are_let_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rule at a room of 3 (the kit keeps 64; drawing 65 real charts cost 12 s here)."""
    assert charts.DRAWN_CHARTS >= 32, "a room's pages share the kept charts"
    monkeypatch.setattr(charts, "DRAWN_CHARTS", 3)
    calls: list[str] = []
    for n in range(4):
        charts.drawn(n, lambda n=n: counting_drawer(f"chart {n}", calls))
    assert len(calls) == 4
    charts.drawn(1, lambda: counting_drawer("kept", calls))
    assert calls[-1] == "chart 3", "a newer one is still kept"
    charts.drawn(0, lambda: counting_drawer("drawn again", calls))
    assert calls[-1] == "drawn again", "the oldest was let go"


def test_a_table_key_follows_values_labels_and_columns() -> None:
    table = pd.DataFrame({"All students": [40.0, 45.5]}, index=[2024, 2025])
    same = pd.DataFrame({"All students": [40.0, 45.5]}, index=[2024, 2025])
    assert charts.frame_key(table) == charts.frame_key(same)
    changed = table.copy()
    changed.iloc[1, 0] = 45.6
    assert charts.frame_key(changed) != charts.frame_key(table)
    relabelled = table.rename(columns={"All students": "English learners"})
    assert charts.frame_key(relabelled) != charts.frame_key(table)
    assert charts.frame_key(table.set_axis([2023, 2024])) != charts.frame_key(table)
    assert charts.frame_key(pd.DataFrame()) != charts.frame_key(table)
