"""Day 3 charts show the ledger's own numbers, keep minutes conserved, and escape typed names."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from workshop_kit.charts import to_png
from workshop_kit.charts.meeting_time import (
    before_after,
    before_after_html,
    hours_by_type,
    hours_by_type_html,
    year_calendar,
    year_calendar_html,
)
from workshop_kit.config.day3 import load_day3
from workshop_kit.exports.team_plan import summary_for
from workshop_kit.logic.cycles import place_cycle
from workshop_kit.logic.team_plan import TeamPlanSummary
from workshop_kit.store import Workspace

CONFIG = load_day3()
LABELS = CONFIG.purpose_labels


@pytest.fixture
def demo(workspace: Workspace) -> TeamPlanSummary:
    return summary_for(workspace.ensure_demo(), CONFIG)


class TestFigures:
    def test_hours_by_type_bars_add_up_to_the_ledger(self, demo: TeamPlanSummary) -> None:
        fig = hours_by_type(demo.ledger, {t.id: t.label for t in CONFIG.meeting_types}, LABELS)
        ax = fig.axes[0]
        widths = sum(patch.get_width() for patch in ax.patches)
        assert widths == pytest.approx(demo.ledger.total_hours)
        assert len(ax.get_yticklabels()) == len(demo.ledger.type_minutes())
        assert to_png(fig).startswith(b"\x89PNG")

    def test_before_and_after_bars_have_the_same_length(self, demo: TeamPlanSummary) -> None:
        ax = before_after(demo.what_if, LABELS).axes[0]
        rows: dict[float, float] = {}
        for patch in ax.patches:
            y = round(patch.get_y(), 3)
            rows[y] = rows.get(y, 0) + patch.get_width()
        assert len(rows) == 2
        first, second = rows.values()
        assert first == pytest.approx(second) == pytest.approx(demo.ledger.total_hours)

    def test_the_calendar_marks_every_cycle_session(self, demo: TeamPlanSummary) -> None:
        ax = year_calendar(demo.ledger, demo.cycles).axes[0]
        marked = sum(len(c.get_offsets()) for c in ax.collections)
        assert marked == sum(len({s.date for s in p.sessions}) for p in demo.cycles)


class TestHtmlCharts:
    def test_live_bars_fill_the_width_and_say_the_hours(self, demo: TeamPlanSummary) -> None:
        html = before_after_html(demo.what_if, LABELS)
        widths = [float(w) for w in re.findall(r"width:([\d.]+)%", html)]
        assert sum(widths) == pytest.approx(200, abs=0.1)  # two bars of 100% each
        assert "62.9 hours a year move to the goal" in html

    def test_hours_by_type_bars_scale_to_the_largest_type(self, demo: TeamPlanSummary) -> None:
        labels = {t.id: t.label for t in CONFIG.meeting_types}
        soup = BeautifulSoup(hours_by_type_html(demo.ledger, labels, LABELS), "html.parser")
        bars = soup.find_all("div", role="img")
        assert len(bars) == len(demo.ledger.type_minutes())
        widths = [sum(float(w) for w in re.findall(r"width:([\d.]+)%", str(bar))) for bar in bars]
        assert widths[0] == pytest.approx(100, abs=0.1)  # the largest type fills the width
        assert widths == sorted(widths, reverse=True)
        assert "Grade-level team" in soup.get_text() and "168.8 hours" in soup.get_text()

    def test_calendar_rows_cells_and_typed_names(self, demo: TeamPlanSummary) -> None:
        cycle = demo.plan.cycles[0].model_copy(update={"name": "<script>x()</script>"})
        placed = [place_cycle(cycle, demo.ledger, CONFIG.cycle.phases)]
        soup = BeautifulSoup(year_calendar_html(demo.ledger, placed), "html.parser")
        assert soup.find_all("script") == []
        assert "<script>x()</script>" in soup.get_text()
        rows = soup.find_all("tr")[1:]
        assert [r.th.get_text() for r in rows][:2] == ["Aug 26", "Sep 26"]
        labor_day = soup.find("td", title=re.compile("^2026-09-07"))
        assert labor_day is not None and "Labor Day" in labor_day["title"]
        staff = soup.find("td", title=re.compile("^2026-09-02"))
        assert staff is not None and "Staff meeting" in staff["title"]
        assert len(soup.select("td span")) == len({s.date for s in placed[0].sessions})
