"""The facilitator guide in app mode: reached from the landing page's "For facilitators" line,
it shows the agenda, the ball game and the sources, offers the printable agenda, and no code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

pytestmark = pytest.mark.browser


class TestFacilitatorGuide:
    def test_the_landing_page_leads_to_the_guide_which_shows_the_agenda(
        self, app_server: Any, new_page: Callable[[], Any], day_page: Any
    ) -> None:
        from playwright.sync_api import expect

        offline = new_page()
        page = offline.page
        page.goto(app_server.url + "/", timeout=90_000)
        link = page.locator(".wk-for-facilitators a")
        expect(link).to_have_count(1)
        with page.context.expect_page() as opened:
            link.click()
        tab = opened.value
        tab.on("pageerror", lambda exc: offline.errors.append(str(exc)))
        expect(tab).to_have_url(re.compile(r"/voila/render/00_facilitator_guide\.ipynb$"))
        guide = day_page(replace(offline, page=tab), tab.url, ready=".wk-agenda-download a")
        guide.wait_rendered()
        expect(tab.locator(".wk-agenda-day")).to_have_count(3)
        expect(tab.locator(".wk-ball-game")).to_contain_text("Debrief questions")
        body = tab.inner_text("body")
        assert "8:30" in body and "Sources and further reading" in body
        assert "Knapp" in body and "Jaquith" in body
        href = tab.locator(".wk-agenda-download a").get_attribute("href")
        assert href and href.startswith("data:text/html")
        guide.assert_clean()
