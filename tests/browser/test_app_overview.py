"""The facilitator's overview on the pages (in the facilitator's browser): every team's
milestones by day, new teams after *Refresh*, a damaged file named on its team's row, and
nothing a team typed run as markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

NOTEBOOK = "10_facilitator_overview.ipynb"


class TestOverviewOnThePages:
    def test_teams_appear_on_refresh_and_a_damaged_file_is_named(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        from playwright.sync_api import expect

        page = open_page(NOTEBOOK, ready="button.wk-refresh-overview")
        table = page.locator(".wk-overview-table").first
        expect(table).to_contain_text("Maple Grove Elementary (demo)")
        expect(table).to_contain_text("Day 3")

        workspace = Workspace(pages_server.workspace)
        workspace.create_team("Cottonwood Bend ILT")
        broken = workspace.create_team("Willow Creek ILT")
        broken.file("goal.yaml").write_text("schema_version: 1\ncandidates: 5\n", "utf-8")
        page.click("button.wk-refresh-overview")
        rows = page.locator(".wk-overview-table tr")
        expect(rows.filter(has_text="Cottonwood Bend ILT")).to_have_count(1)
        willow = rows.filter(has_text="Willow Creek ILT")
        expect(willow.locator(".wk-problems")).to_contain_text("goal.yaml")
        page.screenshot("overview", anchor=".wk-overview", only_anchor=True)

        hostile = "Oak <img src=x onerror=alert(1)>"
        workspace.create_team(hostile)
        page.click("button.wk-refresh-overview")
        expect(rows.filter(has_text=hostile)).to_have_count(1)  # the tag is shown as text
        expect(page.locator(".wk-overview-table img")).to_have_count(0)
        page.assert_clean()
