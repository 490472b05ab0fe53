"""The app's front door: ``/`` opens the landing page, which lists every day under its title and
leads to it; pages need nothing from the internet (icons included) and show no code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
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
        self, app_server: Any, new_page: Callable[[], Any], day_page: Any
    ) -> None:
        """Every notebook is listed by title; a link opens that day, working and offline."""
        from playwright.sync_api import expect

        offline = new_page()
        page = offline.page
        page.goto(app_server.url + "/", timeout=90_000)
        expect(page).to_have_url(re.compile(r"/voila/render/00_start_here\.ipynb$"))
        cards = page.locator(".wk-day-card")
        expected = notebook_links()
        expect(cards).to_have_count(len(expected))
        days = [link for link in expected if link.day]
        assert [link.day for link in days] == [1, 2, 3], "the three days are listed"
        for n, link in enumerate(expected):
            expect(cards.nth(n)).to_contain_text(link.title)
        landing = day_page(offline, page.url)
        assert "Start here" in page.inner_text("body")
        landing.assert_clean()

        # JupyterLab's renderer opens links from a page in a new tab: the landing page stays
        with page.context.expect_page() as opened:
            page.get_by_role("link", name="Open Day 2").click()
        tab = opened.value
        tab.on("pageerror", lambda exc: offline.errors.append(str(exc)))
        expect(tab).to_have_url(re.compile(r"/voila/render/02_day2_resource_map\.ipynb$"))
        day = day_page(replace(offline, page=tab), tab.url)
        day.wait_rendered()
        icon = tab.evaluate(ICON_FONT)
        assert icon is not None, "the Create button has its icon"
        assert "Font Awesome" in icon["font"] and icon["content"] not in ("none", "normal", '""')
        assert icon["width"] > 4, "the icon is drawn from the bundled font, not from a CDN"
        day.assert_clean()
