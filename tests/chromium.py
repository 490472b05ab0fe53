"""The system Chromium, and a workshop page in it driven as a person drives it: shared by the
browser tests and the benchmarks, so both start the browser alike and open activities the same
way.

No pytest here: the benchmarks run as plain scripts.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

CHROMIUM_CANDIDATES = (
    "/usr/lib/chromium/chromium",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
)
#: the system Chromium (None when it is not installed; `./kit test` installs it)
CHROMIUM = next((p for p in CHROMIUM_CANDIDATES if os.access(p, os.X_OK)), None)
#: no sandbox (CI runs as root), no GPU, and nothing that reaches off the machine
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: activities a day page shows open, with no "Open this activity" button: the team picker
SHOWN_OPEN = {"activity-workbook"}


def closed_activities(page: Any, timeout_ms: float) -> list[str]:
    """The activities on a drawn page that wait behind an "Open this activity" button, in page
    order (a page holds every heading from the start)."""
    page.locator("div.wk-activity[id^='activity-']").first.wait_for(timeout=timeout_ms)
    headings = page.locator("div.wk-activity[id^='activity-']")
    return [
        str(h).removeprefix("activity-")
        for h in headings.evaluate_all("hs => hs.map(h => h.id)")
        if h not in SHOWN_OPEN
    ]


def open_activities(page: Any, ids: Sequence[str] | None, timeout_ms: float) -> None:
    """Press "Open this activity" for each of ``ids`` (None: every closed activity on the page)
    as a team does, and wait until each panel has taken its button's place."""
    opened = closed_activities(page, timeout_ms) if ids is None else ids
    for activity in opened:
        page.locator(f"button.wk-open-{activity}").click(timeout=timeout_ms)
    for activity in opened:
        page.locator(f"button.wk-open-{activity}").wait_for(state="detached", timeout=timeout_ms)
