"""What a team types stays text: markup and scripts are shown literally and never run, very long
text gets a plain message, emoji and right-to-left scripts survive the round trip through the
files; and a page cannot ask the kernel to run code."""

from __future__ import annotations

import asyncio
import datetime
import json
import re
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "01_day1_worthy_goal.ipynb"
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
        open_day: Callable[[str], Any],
        app_server: Any,
        yaml_file: Callable[[Path], dict[str, Any]],
    ) -> None:
        """Typed markup shows literally everywhere it is displayed, and no script runs."""
        from playwright.sync_api import expect

        day = open_day(NOTEBOOK)
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
        folder = app_server.team_folder(TEAM)
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

        # A new kernel shows the same text, still inert
        day.reload()
        day.open_team(TEAM)
        assert day.value(".wk-school input") == SCHOOL
        assert day.values(".wk-roster .wk-col-name input") == [m[0] for m in MEMBERS]
        assert day.value(".wk-norms-text textarea").splitlines() == NORMS
        assert day.values(".wk-candidates .wk-col-text textarea") == [FITTING_CANDIDATE]
        assert day.values(".wk-candidates .wk-col-evidence textarea") == [SCRIPT]
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


def _message(msg_type: str, content: dict[str, Any]) -> str:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "session": uuid.uuid4().hex,
        "username": "test",
        "version": "5.3",
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }
    return json.dumps(
        {
            "header": header,
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": "shell",
            "buffers": [],
        }
    )


async def _talk_to_kernel(url: str, messages: list[str]) -> list[str]:
    """Send ``messages`` on a kernel's websocket; return the types received until kernel_info."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(url)
    for message in messages:
        await connection.write_message(message)
    received: list[str] = []
    while "kernel_info_reply" not in received:
        raw = await asyncio.wait_for(connection.read_message(), timeout=30)
        assert raw is not None, "the websocket closed"
        if isinstance(raw, str):
            received.append(json.loads(raw)["header"]["msg_type"])
    connection.close()
    return received


class TestPagesCannotRunCode:
    def test_an_execute_request_from_the_page_is_dropped(
        self, app_server: Any, tmp_path: Path
    ) -> None:
        """Voila's websocket forwards widget messages only: code sent by a page never runs."""
        with urllib.request.urlopen(app_server.url + "/voila/render/00_start_here.ipynb") as page:
            html = page.read().decode("utf-8")
        kernel_id = re.search(r'"kernelId": "([0-9a-f-]+)"', html)
        assert kernel_id, "the page names its kernel"
        marker = tmp_path / "ran.txt"
        code = f"open({str(marker)!r}, 'w').write('ran')"
        url = f"{app_server.url.replace('http', 'ws')}/api/kernels/{kernel_id.group(1)}/channels"
        sent = [
            _message("execute_request", {"code": code, "silent": False}),
            _message("kernel_info_request", {}),
        ]
        # a thread of its own: Playwright's event loop may be running in this one
        with ThreadPoolExecutor(1) as pool:
            received = pool.submit(asyncio.run, _talk_to_kernel(url, sent)).result(timeout=60)
        assert "kernel_info_reply" in received, "the kernel answers allowed messages"
        assert "execute_reply" not in received and "execute_input" not in received
        assert not marker.exists()
