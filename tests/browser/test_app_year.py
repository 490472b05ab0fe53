"""Through the year on the pages: the demo team records a value and sees its run chart and the
sentence saying whether it is on track change, without code or errors on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "04_through_the_year.ipynb"
STATE = ".wk-run-chart[data-criterion='ela-proficiency']"


class TestThroughTheYearOnThePages:
    def test_recording_a_value_redraws_the_chart_and_changes_the_statement(
        self, open_page: Callable[..., Any], pages_server: Any, yaml_file: Callable[..., Any]
    ) -> None:
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, team="demo")
        chart = day.locator(STATE)
        caption = chart.locator("figcaption")
        expect(caption).to_contain_text("2 of the last 3 points are above the path")
        expect(caption).to_contain_text(": on track.")
        expect(day.locator(".wk-run-chart")).to_have_count(3)
        day.screenshot("year", anchor="#activity-measures")  # the demo's run charts, for the README
        before = chart.locator("img").get_attribute("src")
        assert "Run chart of" in (chart.locator("img").get_attribute("alt") or "")

        day.choose(
            ".wk-measure-criterion select", "Students proficient on the state ELA test, grades 3-5"
        )
        day.fill(".wk-measure-date input", "2027-04-15")  # the browser's date control
        day.type(".wk-measure-value input", "47")
        day.click("button.wk-record-value")
        day.expect_message(".wk-measures", "Recorded 47% on 2027-04-15")

        expect(caption).to_contain_text("2 of the last 4 points are above the path")
        expect(caption).to_contain_text("not clearly on track yet")
        assert chart.locator("img").get_attribute("src") != before
        day.assert_clean()

        saved = yaml_file(pages_server.workspace / "demo" / "progress.yaml")
        assert {"id": "ela-proficiency-2027-04-15", "value": 47.0}.items() <= next(
            m for m in saved["measurements"] if m["id"] == "ela-proficiency-2027-04-15"
        ).items()
