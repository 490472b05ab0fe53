"""Preheated pages: Voila keeps a kernel ready for each team page, started before anybody asked
for it. Such a kernel must still show the team's files as they are when the page is opened, not
as they were when the kernel started."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workshop_kit.model.goal import CandidateGoal, GoalWork
from workshop_kit.store import Workspace

pytestmark = pytest.mark.browser

DAY1 = "01_day1_worthy_goal.ipynb"
READY_SECONDS = 120  # a ceiling for the pool to fill on a busy machine, not a measured figure


def pool_log(server: Any, notebook: str) -> tuple[int, int]:
    """How many times Voila's log says the pool of ``notebook`` was filled, and was used."""
    log = Path(server.log).read_text(encoding="utf-8", errors="replace")
    name = re.escape(notebook)
    filled = len(re.findall(rf"Kernel pool of \S*{name} is filled", log))
    used = len(re.findall(rf"Using pre-heated kernel: \S+ for \S*{name}", log))
    return filled, used


def wait_for_a_ready_kernel(server: Any, notebook: str) -> int:
    """Wait until a preheated kernel for ``notebook`` stands ready; the pool's use count then."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        filled, used = pool_log(server, notebook)
        if filled > used:
            return used
        time.sleep(0.2)
    raise AssertionError(f"no preheated kernel for {notebook} within {READY_SECONDS} s")


def test_a_preheated_page_shows_a_save_made_just_before_it_opened(
    app_server: Any, new_page: Callable[[], Any], day_page: Any
) -> None:
    from playwright.sync_api import expect

    book = Workspace(app_server.workspace).create_team("Preheat Probe ILT")
    book.load(GoalWork)
    book.save(GoalWork(candidates=(CandidateGoal(id="first", text="Students read every day."),)))
    used = wait_for_a_ready_kernel(app_server.server, DAY1)
    # another device saves after the kernel was started and before the page is opened
    fresh = "Students argue from evidence in every subject."
    added = CandidateGoal(id="fresh", text=fresh)
    book.update(GoalWork, lambda g: g.model_copy(update={"candidates": (*g.candidates, added)}))

    page = day_page(new_page(), f"{app_server.day_url(DAY1)}?team={book.slug}").open()
    expect(page.page.get_by_text(fresh).first).to_be_visible()
    assert pool_log(app_server.server, DAY1)[1] == used + 1, "the page came from the pool"
