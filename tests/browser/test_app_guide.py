"""The facilitator guide on the pages: reached from the landing page's "For facilitators" line
in the facilitator's browser, it shows the agenda, the ball game and the sources, offers the
printable agenda, and no code."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.browser


class TestFacilitatorGuide:
    def test_the_landing_page_leads_to_the_guide_which_shows_the_agenda(
        self, open_page: Callable[..., Any]
    ) -> None:
        from playwright.sync_api import expect

        guide = open_page("00_start_here.ipynb", ready=".wk-landing")
        page = guide.page
        link = page.locator(".wk-for-facilitators a")
        expect(link).to_have_count(1)
        link.click()
        expect(page).to_have_url(re.compile(r"/guide$"))
        guide.ready = ".wk-agenda-download a"
        guide.wait_rendered()
        expect(page.locator(".wk-agenda-day")).to_have_count(3)
        expect(page.locator(".wk-ball-game")).to_contain_text("Debrief questions")
        body = page.inner_text("body")
        assert "8:30" in body and "Sources and further reading" in body
        assert "Knapp" in body and "Jaquith" in body
        href = page.locator(".wk-agenda-download a").get_attribute("href")
        assert href and href.startswith("data:text/html")
        guide.assert_clean()
