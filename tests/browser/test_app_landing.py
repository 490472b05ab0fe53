"""The pages' front door: ``/`` is the landing page, which lists every day under its title and
leads to it; a page needs nothing from the internet (icons included) and shows no code."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from workshop_kit.activities.landing import notebook_links

pytestmark = pytest.mark.browser

ICON_FONT = """() => {
    const icon = document.querySelector('button.wk-create-team i.fa');
    if (!icon) return null;
    const glyph = getComputedStyle(icon, '::before');
    const width = icon.getBoundingClientRect().width;
    return {font: glyph.fontFamily, content: glyph.content, width: width};
}"""


class TestLandingPage:
    def test_the_root_opens_the_landing_page_which_leads_to_each_day(
        self, open_page: Callable[..., Any], pages_server: Any
    ) -> None:
        """Every notebook is listed by title, in a browser holding no code yet (a member's on
        the first morning); a link opens that day's page, working and offline."""
        from playwright.sync_api import expect

        landing = open_page("00_start_here.ipynb", ready=".wk-landing", code="")
        page = landing.page
        expect(page).to_have_url(pages_server.url + "/")
        cards = page.locator(".wk-day-card")
        expected = notebook_links()
        expect(cards).to_have_count(len(expected))
        days = [link for link in expected if link.day]
        assert [link.day for link in days] == [1, 2, 3], "the three days are listed"
        for n, link in enumerate(expected):
            expect(cards.nth(n)).to_contain_text(link.title)
        assert "Start here" in page.inner_text("body")
        landing.assert_clean()

        # the link leads to the day's plain address, in the same tab
        page.get_by_role("link", name="Open Day 2").click()
        expect(page).to_have_url(re.compile(r"/day2$"))
        expect(page.locator(".wk-prose h1").first).to_contain_text("Day 2")
        landing.ready = ".wk-team-picker"
        landing.wait_rendered()  # every activity opened, as a team does
        icon = page.evaluate(ICON_FONT)
        assert icon is not None, "the Create button has its icon"
        # Solara's widgets draw Font Awesome 4 ("FontAwesome"); Voila's drew version 5
        assert re.search(r"Font ?Awesome", icon["font"]), icon
        assert icon["content"] not in ("none", "normal", '""'), icon
        assert icon["width"] > 4, "the icon is drawn from the bundled font, not from a CDN"
        landing.assert_clean()

    def test_the_landing_page_of_a_team_leads_to_that_teams_day(
        self, open_page: Callable[..., Any]
    ) -> None:
        """Opened from a team's card (``/?team=demo``), each day's link keeps the team."""
        from playwright.sync_api import expect

        landing = open_page("00_start_here.ipynb", ready=".wk-landing", team="demo", code="")
        landing.page.get_by_role("link", name="Open Day 1").click()
        expect(landing.page).to_have_url(re.compile(r"/day1\?team=demo$"))
        expect(landing.locator(".wk-current-team")).to_contain_text("Maple Grove Elementary (demo)")
        landing.assert_clean()
