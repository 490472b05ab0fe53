"""Safety on the pages (``workshop-kit app``): what a team types stays text (markup and scripts
are shown literally and never run, very long text gets a plain message, emoji and right-to-left
scripts survive the round trip through the files); a page cannot make the server run code; and
another team's address without its join code is a plain page with nothing of that team on it.

Left out from the Voila version: the kernel websocket's ``execute_request`` dropped by Voila. The
pages have no kernel; the same attack on a page's own connection is the test here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import RENDER_TIMEOUT_MS, DayPage, OfflinePage, PagesServer

from workshop_kit.model.team import Team
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

NOTEBOOK = "01_day1_worthy_goal.ipynb"
ACTIVITIES = ["roster", "norms", "candidates", "ratings", "summary"]
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = "<img src=x onerror=window.__pwned=1>"
TEAM = f"{IMAGE} Team"
SCHOOL = f"{SCRIPT} School"
MEMBERS = [
    ("Zoë 👩🏽‍🏫 Ngata", "Teacher"),
    ("مريم الحسن", "Lead teacher"),
    ("יעל כהן", "Specialist"),
]
NORMS = [
    "نبدأ وننتهي في الوقت المحدد",
    'We say "yes, and" & build on ideas <b>not bold</b>',
    f"{IMAGE} 🎉",
]
LONG_CANDIDATE = "Students write " + "and revise " * 48  # about 540 characters: over the limit
FITTING_CANDIDATE = SCRIPT + (" Students write and revise" * 17)  # under 500 characters


def assert_nothing_ran(day: Any) -> None:
    assert day.page.evaluate("() => typeof window.__pwned") == "undefined"
    assert day.locator('img[src="x"]').count() == 0


class TestHostileText:
    def test_markup_scripts_long_text_emoji_and_rtl_stay_text(
        self,
        open_page: Callable[..., DayPage],
        pages_server: PagesServer,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """Typed markup shows literally everywhere it is displayed, and no script runs."""
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, activities=ACTIVITIES)
        day.fill(".wk-new-team-name input", "x" * 200)
        day.click("button.wk-create-team")
        day.expect_message(".wk-team-picker", "at most", kind="error")

        day.fill(".wk-new-team-name input", f"{SCRIPT} Team")  # a / cannot be in a folder name
        day.click("button.wk-create-team")
        day.expect_message(".wk-team-picker", "cannot contain /", kind="error")
        day.create_team(TEAM)
        day.fill(".wk-school input", SCHOOL)
        for n, (name, role) in enumerate(MEMBERS):
            if n:
                day.click(".wk-roster button.wk-add-row")
            day.fill(".wk-roster .wk-col-name input", name, nth=n)
            day.choose(".wk-roster .wk-col-role select", role, nth=n)
        day.click("button.wk-save-roster")
        day.expect_message(".wk-roster", "3 members")
        day.fill(".wk-norms-text textarea", "\n".join(NORMS))
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "3 norms")

        # Too long: a plain message, nothing saved; then a long text that fits is kept whole
        day.fill(".wk-candidates .wk-col-text textarea", LONG_CANDIDATE)
        day.click("button.wk-save-candidates")
        message = day.locator(".wk-candidates .wk-msg.wk-error").first
        expect(message).to_be_visible()
        assert "Traceback" not in message.inner_text()
        folder = pages_server.team_folder(TEAM)
        assert not (folder / "goal.yaml").exists() or not yaml_file(folder / "goal.yaml").get(
            "candidates"
        )
        day.fill(".wk-candidates .wk-col-text textarea", FITTING_CANDIDATE)
        day.fill(".wk-candidates .wk-col-evidence textarea", SCRIPT)
        day.click("button.wk-save-candidates")
        day.expect_message(".wk-candidates", "Saved 1 candidate goal.")

        # Shown as text where it is echoed as HTML: the picker, the ratings grid, the summary
        expect(day.locator(".wk-current-team").first).to_contain_text(TEAM)
        expect(day.locator(".wk-ratings").first).to_contain_text(FITTING_CANDIDATE[:60])
        summary = day.locator(".wk-day1-summary").first
        expect(summary).to_contain_text(TEAM)
        expect(summary).to_contain_text(SCRIPT)
        expect(summary).to_contain_text(NORMS[1])
        expect(summary).to_contain_text(NORMS[2])
        expect(summary).to_contain_text(MEMBERS[1][0])
        assert_nothing_ran(day)
        day.assert_clean()

        # A reload (a new session, the team from the address) shows the same text, still inert
        day.reload()
        day.expect_current_team(TEAM)
        assert day.value(".wk-school input") == SCHOOL
        day.expect_values(".wk-roster .wk-col-name input", [m[0] for m in MEMBERS])
        assert day.value(".wk-norms-text textarea").splitlines() == NORMS
        day.expect_values(".wk-candidates .wk-col-text textarea", [FITTING_CANDIDATE])
        day.expect_values(".wk-candidates .wk-col-evidence textarea", [SCRIPT])
        expect(day.locator(".wk-day1-summary").first).to_contain_text(SCRIPT)
        direction = day.locator(".wk-day1-summary").first.evaluate(
            "e => getComputedStyle(e).direction"
        )
        assert direction == "ltr", "right-to-left text must not flip the page"
        assert_nothing_ran(day)
        day.assert_clean()

        team = yaml_file(folder / "team.yaml")
        assert team["name"] == TEAM and team["school"] == SCHOOL
        assert [m["name"] for m in team["members"]] == [m[0] for m in MEMBERS]
        assert team["norms"] == NORMS
        assert yaml_file(folder / "goal.yaml")["candidates"][0]["text"] == FITTING_CANDIDATE


class TestPagesCannotRunCode:
    def test_code_sent_on_the_pages_connection_is_not_run(
        self, open_page: Callable[..., DayPage], tmp_path: Path
    ) -> None:
        """A page's script asks its server to execute code, as a Jupyter front end would. The
        server runs none of it: it ends that page's session (Solara's answer to a message a
        page never sends), the page starts again by itself and still saves, and another
        page of the same team is not disturbed."""
        from playwright.sync_api import expect

        day = open_page(NOTEBOOK, team="demo", activities=["norms"])
        other = open_page(NOTEBOOK, team="demo", activities=["norms"])
        other.page.evaluate("() => { window.wkNotReloaded = true; }")
        marker = tmp_path / "ran.txt"
        code = f"open({str(marker)!r}, 'w').write('ran')"
        with day.page.expect_navigation(timeout=RENDER_TIMEOUT_MS):
            day.page.evaluate(
                "code => { solara.debug.kernel().requestExecute({code: code}); }", code
            )
        # the page says it is back, having reopened the activity it had open
        expect(day.locator(".wk-connection")).to_contain_text(
            "This page is working again", timeout=RENDER_TIMEOUT_MS
        )
        expect(day.locator(".wk-norms-text textarea")).to_be_visible()
        assert not marker.exists(), "code sent by the page ran"
        day.type(".wk-norms-text textarea", "Still working after the attempt")
        day.click("button.wk-save-norms")
        day.expect_message(".wk-norms", "1 norm")
        other.type(".wk-norms-text textarea", "The other page works on")
        other.click("button.wk-save-norms")
        other.expect_message(".wk-norms", "1 norm")
        assert other.page.evaluate("() => window.wkNotReloaded === true"), "the other reloaded"
        assert not marker.exists(), "code sent by the page ran"
        day.assert_clean()

    def test_the_pages_markup_holds_no_script_from_a_notebook(
        self, open_page: Callable[..., DayPage]
    ) -> None:
        """The notebooks' prose is rendered and sanitized, their cells are looked up, never
        run (tests/test_pages_compose.py tries the attacks one by one): on a drawn page no
        script or event attribute sits in the prose."""
        day = open_page(NOTEBOOK, team="demo", activities=[])
        found = day.page.evaluate(
            """() => Array.from(document.querySelectorAll('.wk-prose *')).filter(e =>
                e.tagName === 'SCRIPT' || e.tagName === 'IFRAME' ||
                Array.from(e.attributes).some(a => a.name.startsWith('on') ||
                    /^\\s*javascript:/i.test(a.value))).map(e => e.outerHTML.slice(0, 80))"""
        )
        assert day.locator(".wk-prose").count() > 3, "the page has its prose"
        assert found == []


class TestAnotherTeamsAddress:
    def test_without_its_code_the_page_is_plain_and_holds_nothing_of_that_team(
        self, new_page: Callable[[], OfflinePage], pages_server: PagesServer
    ) -> None:
        """Lincoln's Day 1 opened by a browser holding no code: a plain page asking for
        Lincoln's code, and nothing of Lincoln's (its name, its norms) anywhere in the page,
        shown or hidden; no team picker and no panel that could save into Lincoln's files."""
        from playwright.sync_api import expect

        lincoln = Workspace(pages_server.workspace).open_team("lincoln-ilt")
        lincoln.load(Team)
        norm = "Lincoln's own norm, for Lincoln's eyes"
        lincoln.update(Team, lambda t: t.model_copy(update={"norms": (norm,)}))
        secrets = ["Lincoln ILT", norm]
        offline = new_page()
        page = offline.page
        page.goto(f"{pages_server.url}/day1?team=lincoln-ilt")
        expect(page.locator(".wk-join")).to_contain_text("This page belongs to a team")
        expect(page.locator(".wk-team-picker, .wk-panel, .wk-open-activity")).to_have_count(0)
        html = page.content()
        for secret in secrets:
            assert secret not in html, f"{secret!r} is in the page"
        assert offline.off_machine == [], offline.off_machine
